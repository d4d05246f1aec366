"""The export carries each finding decision too (desk exploration 7): who decided what on
which finding (its rule in Chinese, file and page), when and why, the tool's result and
the result after it; a second sheet of the XLSX and a CSV of its own. The applicants'
sheet said the final decision only, and its failing rules without their page."""
from __future__ import annotations

import io

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids


def test_the_export_lists_every_finding_decision_with_its_rule_page_reviewer_time_and_reason(desk, tmp_path):
    from openpyxl import load_workbook

    app, folder, client = desk
    li, wang = client("李审"), client("王审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    page = li.get(url).text
    ids = finding_ids(page)
    # what is still to review is named too: a 需人工复核 row said nothing of what to look at
    main = load_workbook(io.BytesIO(li.get("/export.xlsx").content))["审核结果"]
    row = dict(zip([c.value for c in main[1]], [c.value for c in main[2]]))
    assert row["需复核的规则及首条原因"] == "签字栏已签字：签字栏无法确定是否签字（扫描/p2-review.jpg 第 1 页）"
    assert "签字栏已签字：签字栏无法确定是否签字" in li.get("/export.csv").content.decode("utf-8-sig").splitlines()[1]
    li.post(f"{url}/findings/{ids['signature.present']}",
            data={"csrf_token": csrf_of(page), "action": "pass", "reason": "原件已签字"})
    wang.post(f"{url}/findings/{ids['seal.unit']}",
              data={"csrf_token": csrf_of(wang.get(url).text), "action": "confirm"})

    book = load_workbook(io.BytesIO(li.get("/export.xlsx").content))
    assert book.sheetnames == ["审核结果", "逐项复核决定"]
    main = book["审核结果"]
    row = dict(zip([c.value for c in main[1]], [c.value for c in main[2]]))
    assert row["不通过的规则及首条原因"] == "印章为申报单位公章：印章单位与申报单位不一致（p3-fail.jpg 第 1 页）"
    assert not row["需复核的规则及首条原因"]  # overridden to pass
    sheet = book["逐项复核决定"]
    header = [c.value for c in sheet[1]]
    assert header == ["编号", "申报人", "规则", "规则编号", "文件", "页", "机器核验结果", "复核决定", "复核后结果", "理由",
                      "审核人", "决定时间", "说明", "报告链接"]
    rows = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    by_rule = {r["规则编号"]: r for r in rows}
    assert len(rows) == 2 and set(by_rule) == {"signature.present", "seal.unit"}
    sig = by_rule["signature.present"]
    assert (sig["编号"], sig["申报人"], sig["规则"], sig["文件"], sig["页"]) == (
        "A2024-003", "吕浩玉", "签字栏已签字", "扫描/p2-review.jpg", "第 1 页")
    assert (sig["机器核验结果"], sig["复核决定"], sig["复核后结果"], sig["理由"], sig["审核人"]) == (
        "需人工复核", "改判为通过", "通过", "原件已签字", "李审")
    assert sig["决定时间"][:4].isdigit() and not sig["说明"] and sig["报告链接"].endswith(f"{url}#finding-{ids['signature.present']}")
    seal = by_rule["seal.unit"]
    assert (seal["复核决定"], seal["复核后结果"], seal["审核人"], seal["理由"] or "") == ("确认", "不通过", "王审", "")

    csv_text = li.get("/export-decisions.csv").content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("编号,申报人,规则,规则编号,文件,页,机器核验结果") and len(lines) == 3
    assert "签字栏已签字" in csv_text and "原件已签字" in csv_text
    assert 'href="/export-decisions.csv' in li.get("/applicants").text

    # a decision gone stale in a recheck is listed, said to be stale, after the standing ones
    with folder.connection() as conn:
        conn.execute("UPDATE decisions SET stale = 1 WHERE rule = 'seal.unit'")
    sheet = load_workbook(io.BytesIO(li.get("/export.xlsx").content))["逐项复核决定"]
    rows = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    assert [r["规则编号"] for r in rows] == ["signature.present", "seal.unit"]
    assert rows[1]["说明"].startswith("已过期") and rows[1]["报告链接"].endswith(url)
