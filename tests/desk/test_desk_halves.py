"""A decision on a finding of one half of a two-up spread names that half wherever the
desk names its place: the audit trail, a refusal naming the item, the stale decisions'
list, the export. They said 「a.jpg 第 1 页」 for either half (desk exploration 7)."""
from __future__ import annotations

import pytest
from conftest import add_running_applicant


def halves(part_decided: int):
    def finding(part, box):
        return {"rule": "seal.unit", "status": "review", "file": "a.jpg", "page": 1, "part": part,
                "message": "印文无法辨认", "value": None, "expected": "某单位", "bbox": box}
    return [finding(1, [0, 0, 100, 100]), finding(2, [900, 0, 1000, 100])]


def test_a_decision_on_the_right_half_says_so_in_the_trail_a_refusal_and_the_stale_list(desk):
    from verify.desk import review
    from verify.desk.store import transaction

    app, folder, client = desk
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn)
        review.record_run(conn, 1, 1, {"findings": halves(2)}, "review", digests={"a.jpg": "d1"})
        right = conn.execute("SELECT id FROM findings WHERE ident = 'seal.unit|a.jpg|1/2|0'").fetchone()[0]
        review.decide_finding(conn, 1, right, "pass", "右半页印章原件已核对", "李审")
        target = conn.execute("SELECT target FROM audit WHERE action = 'finding.override'").fetchone()[0]
        assert target == "seal.unit · a.jpg 第 1 页（右半页）"
        with pytest.raises(review.NotYours, match=r"a\.jpg 第 1 页（右半页）：该项已由 李审"):
            review.decide_findings(conn, 1, [right], "confirm", "", "王审")
        review.record_run(conn, 1, 2, {"findings": halves(2)}, "review", digests={"a.jpg": "d2"})  # replaced

    page = client("李审").get("/applicants/1").text
    stale = page.split("过期的复核决定", 1)[1].split("</section>", 1)[0]
    assert "a.jpg 第 1 页（右半页）" in stale


def test_the_signoff_sheet_names_the_half_of_each_item(desk):
    from verify.desk import review
    from verify.desk.store import transaction

    app, folder, client = desk
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn)
        review.record_run(conn, 1, 1, {"findings": halves(2)}, "review", digests={"a.jpg": "d1"})
    sheet = client("李审").get("/applicants/1/signoff").text
    assert "a.jpg 第 1 页（左半页）" in sheet and "a.jpg 第 1 页（右半页）" in sheet


def test_the_signoff_sheet_of_a_check_that_ended_without_a_report_is_shown_not_a_500(desk):
    """A check the desk could not finish (an internal error) is recorded without a report;
    its sign-off sheet failed on the report's missing applicant (a 500)."""
    from verify.desk import review
    from verify.desk.store import transaction

    app, folder, client = desk
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn)
        review.record_run(conn, 1, 1, None, "error", "审核台未能完成核验（内部错误），请重新核验或联系管理员")
    sheet = client("李审").get("/applicants/1/signoff")
    assert sheet.status_code == 200 and "张伟" in sheet.text


def test_a_finding_on_no_file_is_placed_in_one_wording_by_the_report_and_every_desk_page(desk):
    """The report's page said 整套材料 where the desk said 整份材料 (its sign-off sheet
    整套材料 again): three formatters of one place. All now say it as
    :func:`verify.model.place_label` does (the report's card: test_report_html)."""
    from verify.desk import review
    from verify.desk.store import transaction
    from verify.model import WHOLE_DOSSIER_ZH, place_label

    assert place_label(None, None) == WHOLE_DOSSIER_ZH == "整份材料"
    missing = {"rule": "dossier.required", "status": "fail", "file": None, "page": None,
               "message": "缺少必备材料：推荐表", "value": None, "expected": None, "bbox": None}
    app, folder, client = desk
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn)
        review.record_run(conn, 1, 1, {"findings": [missing, {**missing, "message": "缺少必备材料：公示结果"}]},
                          "fail", digests={})
    li = client("李审")
    sheet = li.get("/applicants/1/signoff").text
    assert sheet.count('<td class="path">整份材料</td>') == 2 and "整套材料" not in sheet
    with folder.connection() as conn, transaction(conn):
        finding = conn.execute("SELECT id FROM findings ORDER BY id").fetchone()[0]
        review.decide_finding(conn, 1, finding, "confirm", "", "李审")
        assert conn.execute("SELECT target FROM audit WHERE action = 'finding.confirm'").fetchone()[0] == \
            "dossier.required · 整份材料"
