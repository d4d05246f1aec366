"""The desk through HTTP (Starlette's TestClient, the batch runner's real worker
processes, a fake check instead of OCR): intake, queue, decisions, audit, exports,
users, and the refusals."""
from __future__ import annotations

import io
import json
import re
import time
import urllib.parse

import pytest

from conftest import (APPLICANT, PASSWORD, add_running_applicant, csrf_of, login, make_dossier, page_csrf, wait_done,
                      zip_folder)


def upload_zip(client, zip_path, name=None):
    csrf = page_csrf(client)
    with open(zip_path, "rb") as fh:
        return client.post("/applicants/upload", data={"csrf_token": csrf},
                           files={"archive": (name or zip_path.name, fh, "application/zip")}, follow_redirects=False)


def checked_applicant(client, tmp_path, key="A2024-003"):
    zip_path = zip_folder(make_dossier(tmp_path / "in", key), tmp_path / f"{key}.zip")
    response = upload_zip(client, zip_path)
    assert response.status_code == 303, response.text
    listing = client.get("/applicants").text
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', listing).group(1))
    wait_done(client, applicant_id)
    return applicant_id


def finding_ids(html: str) -> dict[str, int]:
    """finding id by the rule named in its card (first of each)."""
    out = {}
    for m in re.finditer(r'data-rule="([a-z_.]+)".*?id="finding-(\d+)"', html, re.S):
        out.setdefault(m.group(1), int(m.group(2)))
    return out


def test_upload_check_review_decide_audit_export(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)

    page = li.get(f"/applicants/{applicant_id}").text
    assert "吕浩玉" in page and "核验结论" in page
    # a card offers no override to what it already is (a passed one offered 改判为通过)
    blocks = re.findall(r'data-status="(pass|fail|review)"(.*?)</form>', page, re.S)
    assert {st for st, _ in blocks} >= {"pass", "fail"}
    for st, block in blocks:
        assert ('value="pass" class="to-pass"' in block) == (st != "pass"), st
        assert ('value="fail" class="to-fail"' in block) == (st != "fail"), st
    # the originals as submitted, each opened from the page (an unreadable one included)
    assert "原始材料文件（4 个" in page and f'href="/applicants/{applicant_id}/files/p3-fail.jpg"' in page
    original = li.get(f"/applicants/{applicant_id}/files/扫描/p1.jpg")
    assert original.status_code == 200 and original.content.startswith(b"\xff\xd8")
    assert original.headers["content-type"] == "image/jpeg" and "sandbox" in original.headers["content-security-policy"]
    assert li.get(f"/applicants/{applicant_id}/files/applicant.yaml").headers["content-disposition"].startswith("attachment")
    for outside in ("%2e%2e/%2e%2e/%2e%2e/desk.sqlite", "%2e%2e/runs", "扫描", "nothing.jpg"):
        assert li.get(f"/applicants/{applicant_id}/files/{outside}").status_code == 404, outside
    ids = finding_ids(page)
    assert {"seal.unit", "signature.present", "seal.present"} <= set(ids)
    csrf = csrf_of(page)

    # an override needs a reason
    refused = li.post(f"/applicants/{applicant_id}/findings/{ids['signature.present']}",
                      data={"csrf_token": csrf, "action": "pass", "reason": ""}, follow_redirects=False)
    assert refused.status_code == 303
    assert "改判核验结果必须填写理由" in li.get(f"/applicants/{applicant_id}").text
    # the page's 500-character limit holds for a form posted without the page
    long = li.post(f"/applicants/{applicant_id}/findings/{ids['signature.present']}",
                   data={"csrf_token": csrf, "action": "pass", "reason": "长" * 501})
    assert "理由过长（501 字，最多 500 字）" in long.text
    ok = li.post(f"/applicants/{applicant_id}/findings/{ids['signature.present']}",
                 data={"csrf_token": csrf, "action": "pass", "reason": "原件已核对，本人签字"})
    assert ok.status_code == 200
    li.post(f"/applicants/{applicant_id}/findings/{ids['seal.unit']}", data={"csrf_token": csrf, "action": "confirm"})
    li.post(f"/applicants/{applicant_id}/decision",
            data={"csrf_token": csrf, "decision": "reject", "opinion": "印章非申报单位公章"})
    page = li.get(f"/applicants/{applicant_id}").text
    assert "原件已核对，本人签字" in page and "改判为通过" in page
    assert re.search(r'class="decision-by">李审<', page)

    audit_page = li.get("/audit?kind=all").text
    for text in ("上传材料", "提交核验", "核验完成", "改判核验结果", "确认核验结果", "最终决定", "原件已核对，本人签字",
                 "印章非申报单位公章", "审计记录完整", "<em>核验结论</em> 不通过", "<em>决定</em> 确认"):
        assert text in audit_page

    from openpyxl import load_workbook

    xlsx = li.get("/export.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["编号"] == "A2024-003" and row["最终决定"] == "不通过" and row["审核人"] == "李审"
    assert row["不通过的规则及首条原因"].startswith("印章为申报单位公章：")
    assert row["报告链接"].endswith(f"/applicants/{applicant_id}")
    assert sheet.auto_filter.ref
    csv_text = li.get("/export.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("编号,申报人,单位,核验结论,最终决定")

    sheet_html = li.get(f"/applicants/{applicant_id}/signoff").text
    assert "审核意见" in sheet_html and "审核人" in sheet_html and "印章非申报单位公章" in sheet_html

    # a second reviewer sees the decision, cannot change it without superseding, cannot edit the log
    wang = client("王审")
    page = wang.get(f"/applicants/{applicant_id}").text
    assert re.search(r'class="decision-by">李审<', page) and "改判他人决定" in page
    csrf = csrf_of(page)
    page = wang.post(f"/applicants/{applicant_id}/decision",
                     data={"csrf_token": csrf, "decision": "approve", "opinion": ""}).text
    assert "最终决定已由 李审 作出" in page and re.search(r'class="decision-by">李审<', page)
    page = wang.post(f"/applicants/{applicant_id}/findings/{ids['signature.present']}",
                     data={"csrf_token": csrf, "action": "fail", "reason": "我看也不行"}).text
    assert "该项已由 李审 改判为通过" in page
    assert "我看也不行</textarea>" in page  # what was typed stays for the second try (browser exploration)
    page = wang.post(f"/applicants/{applicant_id}/decision",
                     data={"csrf_token": csrf, "decision": "return", "opinion": "补交单位公章页"}).text
    assert "最终决定已由 李审 作出" in page and "补交单位公章页</textarea>" in page
    wang.post(f"/applicants/{applicant_id}/decision",
              data={"csrf_token": csrf, "decision": "return", "opinion": "补交单位公章页", "supersede": "1"})
    page = wang.get(f"/applicants/{applicant_id}").text
    assert re.search(r'class="decision-by">王审<', page)
    assert "改判他人决定" in wang.get("/audit").text
    for method in ("post", "put", "delete", "patch"):
        assert getattr(wang, method)("/audit").status_code == 405
    assert wang.get("/users").status_code == 403


def split_stale(page: str) -> tuple[str, str]:
    """(the page without its stale-decisions section, that section)"""
    before, rest = page.split("<h2>过期的复核决定")  # the section's heading: the final decision's warning links to it by name
    stale, after = rest.split("</section>", 1)
    return before + after, stale


def open_checked(li, tmp_path) -> tuple[int, str, dict]:
    """An applicant checked, and (its id, the page's CSRF token, finding ids by rule)."""
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    return applicant_id, csrf_of(page), finding_ids(page)


def decide(li, applicant_id: int, csrf: str, finding: int, action: str, reason: str | None = None):
    data = {"csrf_token": csrf, "action": action} | ({"reason": reason} if reason is not None else {})
    return li.post(f"/applicants/{applicant_id}/findings/{finding}", data=data)


def test_a_recheck_keeps_decisions_on_their_findings_and_marks_the_rest_stale(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id, csrf, ids = open_checked(li, tmp_path)
    decide(li, applicant_id, csrf, ids["seal.unit"], "pass", "公章为单位曾用名")
    decide(li, applicant_id, csrf, ids["signature.present"], "confirm")
    # approving while a finding still fails (confirmed, not overruled) needs the reviewer's opinion
    refused = li.post(f"/applicants/{applicant_id}/decision", data={"csrf_token": csrf, "decision": "approve"}).text
    assert "决定通过须填写审核意见" in refused and 'class="flash flash-error"' in refused
    li.post(f"/applicants/{applicant_id}/decision",
            data={"csrf_token": csrf, "decision": "approve", "opinion": "签字页原件已核对"})

    # new scans: the reviewed page was rescanned as p5.jpg (its old file goes), one more page comes in
    (folder.input_dir(applicant_id) / "扫描" / "p2-review.jpg").unlink()
    extra = make_dossier(tmp_path / "more", "A2024-003", files=("扫描/p4.jpg", "扫描/p5.jpg"), metadata=None)
    with open(zip_folder(extra, tmp_path / "extra.zip"), "rb") as fh:
        r = li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                    files={"archive": ("extra.zip", fh, "application/zip")})
    assert "已收到 2 个补充文件（新增 2 个：扫描/p4.jpg、扫描/p5.jpg），正在重新核验" in r.text
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    assert "第 2 次核验" in page
    current, stale = split_stale(page)
    assert "公章为单位曾用名" in current  # still on its finding (same rule, file, page)
    assert "签字栏已签字" in stale and "公章为单位曾用名" not in stale
    assert "请复核此决定" in page
    # the exports say so too: the decision was made on materials that have changed since
    row = li.get("/export.csv").content.decode("utf-8-sig").splitlines()[1].split(",")
    assert row[4] == "通过（作出决定后有变化，待复核）" and row[5] == "签字页原件已核对"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(li.get("/export.xlsx").content)).active
    assert sheet.cell(row=2, column=5).value == "通过（作出决定后有变化，待复核）"

    # the recheck button runs the same files again; every decision stays where it was
    li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": csrf})
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    assert "第 3 次核验" in page and "公章为单位曾用名" in split_stale(page)[0]


def test_a_decision_is_not_carried_onto_a_finding_a_recheck_read_otherwise(desk, tmp_path, monkeypatch):
    """李审 confirmed a signature the check read as passed; a recheck read the same page
    as failed. The confirmation went to the failure (same rule, file and page), shown as
    his, though he never saw it (desk exploration 6, P1): now it goes stale, the failure
    waits for a decision, and the final decision for a second look."""
    import json

    from verify.run import pool

    # the fake reads its answer from the environment: each check in a fresh worker, which inherits it
    monkeypatch.setattr(pool, "WARM_MAX_DOSSIERS", 1)
    app, folder, client = desk
    li = client("李审")
    monkeypatch.setenv("DESK_FAKE_SIGNATURE", "pass")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    csrf = csrf_of(page)
    signature = finding_ids(page)["signature.present"]
    li.post(f"/applicants/{applicant_id}/findings/{signature}", data={"csrf_token": csrf, "action": "confirm"})
    li.post(f"/applicants/{applicant_id}/decision",
            data={"csrf_token": csrf, "decision": "reject", "opinion": "印章非申报单位公章"})

    monkeypatch.setenv("DESK_FAKE_SIGNATURE", "fail")
    li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": csrf})
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    current, stale = split_stale(page)
    assert "李审 确认" in stale and "决定时核验结果为“通过”" in stale
    card = re.search(r'id="finding-%d".*?</form>' % finding_ids(page)["signature.present"], current, re.S).group(0)
    assert 'class="decided' not in card and 'data-status="fail"' in current
    # beside the failure: what he decided before the recheck and what changed since
    assert "重新核验前：李审" in card and "旧结果：通过（签字栏无法确定是否签字）→ 新结果：不通过" in card
    assert "沿用此决定" not in card  # the result changed: decided again, not taken over
    assert f'<a class="small" href="#finding-{finding_ids(page)["signature.present"]}">查看新的核验结果</a>' in stale
    assert "请复核此决定" in page
    with folder.connection() as conn:
        (row,) = conn.execute("SELECT finding_status, stale FROM decisions WHERE rule = 'signature.present'")
        assert tuple(row) == ("pass", 1)
        after = json.loads(conn.execute("SELECT after FROM audit WHERE action = 'check.done'"
                                        " ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert after["decisions_changed"] == 1 and after["decisions_stale"] == 1

    # the same result again: a decision made on it stays through the next recheck
    li.post(f"/applicants/{applicant_id}/findings/{finding_ids(page)['signature.present']}",
            data={"csrf_token": csrf, "action": "confirm"})
    li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": csrf})
    wait_done(li, applicant_id)
    with folder.connection() as conn:
        (row,) = conn.execute("SELECT finding_status, stale FROM decisions WHERE rule = 'signature.present'")
        assert tuple(row) == ("fail", 0)


def test_a_decision_on_a_scan_replaced_by_one_that_reads_the_same_goes_stale(desk, tmp_path):
    """李审 overrode the review of a corrupt scan after seeing the paper original; the
    applicant sent another file under that name through 补充材料, and the recheck gave
    the same message. The override moved onto it, live, though nobody had looked at it
    (hostile exploration 6, D1): it goes stale, and the decision on the file left as it
    was stays."""
    import json

    app, folder, client = desk
    li = client("李审")
    applicant_id, csrf, ids = open_checked(li, tmp_path)
    decide(li, applicant_id, csrf, ids["signature.present"], "pass", "已调阅原件，本人签字")
    decide(li, applicant_id, csrf, ids["seal.unit"], "pass", "公章为单位曾用名")

    replaced = tmp_path / "again" / "A2024-003" / "扫描" / "p2-review.jpg"
    replaced.parent.mkdir(parents=True)
    replaced.write_bytes(b"\xff\xd8\xff\xe0 another scan altogether")
    with open(zip_folder(replaced.parents[1], tmp_path / "again.zip"), "rb") as fh:
        r = li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                    files={"archive": ("again.zip", fh, "application/zip")})
    assert "已收到 1 个补充文件" in r.text
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    current, stale = split_stale(page)
    ids = finding_ids(page)
    card = re.search(r'id="finding-%d".*?</form>' % ids["signature.present"], current, re.S).group(0)
    assert "已调阅原件，本人签字" in stale and 'class="decided' not in card
    # the card says what was decided on the old file and that only the file changed
    assert "补交前：李审" in card and "文件已更换，新文件的识别结果与当时相同" in card and "沿用此决定" in card
    seal_card = re.search(r'id="finding-%d".*?</form>' % ids["seal.unit"], current, re.S).group(0)
    assert "公章为单位曾用名" in seal_card and "沿用补交前的决定：" in seal_card  # carried, and said so
    with folder.connection() as conn:
        rows = dict(conn.execute("SELECT rule, stale FROM decisions").fetchall())
        after = json.loads(conn.execute("SELECT after FROM audit WHERE action = 'check.done'"
                                        " ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert rows == {"signature.present": 1, "seal.unit": 0}
    assert after["decisions_kept"] == 1 and after["decisions_stale"] == 1 and after["decisions_changed"] == 1

    # the same file checked again keeps both as they are
    li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": csrf})
    wait_done(li, applicant_id)
    with folder.connection() as conn:
        assert dict(conn.execute("SELECT rule, stale FROM decisions").fetchall()) == rows

    # 王审 looks at the new scan and takes the decision over in one step: his, its reason
    # kept, the stale one gone (it was: decide again, then remove the stale one with a reason)
    page = li.get(f"/applicants/{applicant_id}").text
    stale_id = re.search(r'/stale/(\d+)/take', page).group(1)
    wang = client("王审")
    r = wang.post(f"/applicants/{applicant_id}/stale/{stale_id}/take",
                  data={"csrf_token": page_csrf(wang, f"/applicants/{applicant_id}"),
                        "finding": finding_ids(page)["signature.present"]})
    assert "已沿用此前的决定" in r.text and "过期的复核决定（" not in r.text
    with folder.connection() as conn:
        row = conn.execute("SELECT action, reason, user_name, stale FROM decisions"
                           " WHERE rule = 'signature.present'").fetchone()
        assert tuple(row) == ("pass", "已调阅原件，本人签字", "王审", 0)


def test_a_decision_on_one_of_two_seals_with_one_message_does_not_move_to_the_other(tmp_path):
    """Two seals on one page read 「印文无法辨认」; a recheck found a third before them, and
    the decision made on the second (its identity: the second such finding on the page)
    would have landed on the first, where the boxes say it is not."""
    from verify.desk import review
    from verify.desk.store import DataFolder, transaction

    folder = DataFolder(tmp_path / "data")
    folder.create()

    def seal(box):
        return {"rule": "seal.unit", "status": "review", "file": "a.pdf", "page": 1, "message": "印文无法辨认",
                "value": None, "expected": "某单位", "bbox": box}

    first, second, third = [0, 0, 100, 100], [500, 0, 600, 100], [0, 500, 100, 600]
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn, name=None)
        review.record_run(conn, 1, 1, {"findings": [seal(first), seal(second)]}, "review", digests={"a.pdf": "d1"})
        decided = conn.execute("SELECT id FROM findings WHERE ident = 'seal.unit|a.pdf|1|1'").fetchone()[0]
        review.decide_finding(conn, 1, decided, "pass", "第二枚印章原件已核对", "李审")
        review.record_run(conn, 1, 2, {"findings": [seal(first), seal(second)]}, "review", digests={"a.pdf": "d1"})
        assert conn.execute("SELECT stale FROM decisions").fetchone()[0] == 0  # the same seal, carried
        review.record_run(conn, 1, 3, {"findings": [seal(third), seal(first), seal(second)]}, "review",
                          digests={"a.pdf": "d1"})
        # it follows its own seal, now the third on the page (desk exploration 7: it went stale)
        stale, ident, box = conn.execute("SELECT d.stale, d.ident, f.data FROM decisions d JOIN findings f"
                                         " ON f.id = d.finding_id").fetchone()
        assert (stale, ident) == (0, "seal.unit|a.pdf|1|2") and json.loads(box)["bbox"] == second
        decided = [f for f in review.findings_of(conn, 1) if f.decision is not None]
        assert [f.data["bbox"] for f in decided] == [second]


def test_new_scans_naming_another_person_are_refused_and_a_change_of_unit_is_audited(desk, tmp_path):
    """补充材料 carrying 毛丽's applicant.yaml made 吕浩玉's 编号 毛丽's, with 吕浩玉's decisions
    kept live and the audit trail silent (hostile exploration 6, D2)."""
    import json

    app, folder, client = desk
    li = client("李审")
    applicant_id, csrf, ids = open_checked(li, tmp_path)
    decide(li, applicant_id, csrf, ids["seal.unit"], "pass", "公章为单位曾用名")

    def send(metadata, name):
        extra = make_dossier(tmp_path / name, "A2024-003", files=("扫描/p9.jpg",), metadata=metadata)
        with open(zip_folder(extra, tmp_path / f"{name}.zip"), "rb") as fh:
            return li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                           files={"archive": (f"{name}.zip", fh, "application/zip")})

    other = dict(APPLICANT, name="毛丽", id_number="210404199011043178", unit="另一单位")
    refused = [send(metadata, f"other{n}").text
               for n, metadata in enumerate((other, dict(APPLICANT, id_number="210404199011043178")))]
    for text in refused:
        assert "与本申报人 吕浩玉（身份证号 210402********0267）不一致，已拒绝，未保存任何文件" in text
    assert "补充材料中的 applicant.yaml 为 毛丽（身份证号 210404********3178）" in refused[0]
    assert not (folder.input_dir(applicant_id) / "扫描" / "p9.jpg").exists()
    with folder.connection() as conn:
        row = conn.execute("SELECT name, id_number, state FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
        assert tuple(row) == ("吕浩玉", APPLICANT["id_number"], "done")
        assert conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'applicant.scans'").fetchone()[0] == 0

    # the same person with another unit: taken in, the change in the audit row
    assert "已收到 2 个补充文件" in send(dict(APPLICANT, unit="抚顺市生态环境局"), "unit").text
    wait_done(li, applicant_id)
    with folder.connection() as conn:
        before, after = conn.execute("SELECT before, after FROM audit WHERE action = 'applicant.scans'").fetchone()
    assert json.loads(before) == {"unit": APPLICANT["unit"]} and json.loads(after)["unit"] == "抚顺市生态环境局"
    # and scans without applicant.yaml are taken for anyone
    assert "已收到 1 个补充文件" in send(None, "plain").text


def test_new_scans_of_one_sub_folder_replace_the_files_in_that_folder_and_the_message_says_which(desk, tmp_path):
    """A zip of the sub-folder 补充 (what zipping that folder, or choosing it to upload,
    gives) went to the applicant's top folder: the corrupt 补充/甲.jpg stayed, its
    decision with it, and the new scan was checked beside it as one more page; the
    message said only 「已收到 2 个补充文件」 (hostile exploration 6, D3)."""
    import json

    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    csrf = page_csrf(li, f"/applicants/{applicant_id}")
    sub = tmp_path / "sub" / "扫描"
    sub.mkdir(parents=True)
    (sub / "p2-review.jpg").write_bytes(b"\xff\xd8\xff\xe0 rescanned")
    (sub / "p6.jpg").write_bytes(b"\xff\xd8\xff\xe0 one more")
    with open(zip_folder(sub, tmp_path / "sub.zip"), "rb") as fh:
        r = li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                    files={"archive": ("扫描.zip", fh, "application/zip")})
    assert "已收到 2 个补充文件（替换 1 个：扫描/p2-review.jpg；新增 1 个：扫描/p6.jpg），正在重新核验" in r.text
    inputs = folder.input_dir(applicant_id)
    assert (inputs / "扫描" / "p2-review.jpg").read_bytes().endswith(b"rescanned")
    assert not (inputs / "p2-review.jpg").exists() and not (inputs / "p6.jpg").exists()
    wait_done(li, applicant_id)
    # the folder chosen alone in the browser: the same
    r = li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                files=[("files", ("扫描/p7.jpg", b"\xff\xd8 x", "image/jpeg"))])
    assert "已收到 1 个补充文件（新增 1 个：扫描/p7.jpg）" in r.text and (inputs / "扫描" / "p7.jpg").is_file()
    with folder.connection() as conn:
        after = json.loads(conn.execute("SELECT after FROM audit WHERE action = 'applicant.scans'"
                                        " ORDER BY id LIMIT 1").fetchone()[0])
    assert after["replaced"] == ["扫描/p2-review.jpg"] and after["files"] == 2


def test_the_audit_views_name_a_decided_findings_rule_and_the_files_replaced_in_chinese(desk, tmp_path, capsys):
    """The audit page read 「dossier.readable · 补充/甲.jpg」 for every finding decision
    (hostile exploration 6, D7); the stored row keeps the rule's ID."""
    from verify.cli import main

    app, folder, client = desk
    li = client("李审")
    applicant_id, csrf, ids = open_checked(li, tmp_path)
    decide(li, applicant_id, csrf, ids["signature.present"], "confirm")
    again = tmp_path / "again" / "A2024-003"
    (again / "扫描").mkdir(parents=True)
    (again / "扫描" / "p1.jpg").write_bytes(b"\xff\xd8 rescanned")
    with open(zip_folder(again, tmp_path / "again.zip"), "rb") as fh:
        li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                files={"archive": ("again.zip", fh, "application/zip")})
    shown = "签字栏已签字 · 扫描/p2-review.jpg 第 1 页"
    for text in (li.get(f"/audit?applicant={applicant_id}").text, li.get(f"/applicants/{applicant_id}").text):
        assert f"<td>{shown}</td>" in text and "signature.present ·" not in text
    audit_page = li.get("/audit?kind=applicants").text  # (by default the page lists the decisions alone)
    # the field in Chinese, never its code (the path of the folder keeping the old file may say replaced/)
    assert "<em>替换的文件</em> 扫描/p1.jpg" in audit_page and "<em>replaced</em>" not in audit_page
    assert f"<em>被替换的原件保存于</em> applicants/{applicant_id}/replaced/1" in audit_page
    assert main(["desk", "audit", "--data", str(folder.root), "--tail", "50"]) == 0
    printed = capsys.readouterr().out
    assert shown in printed and "signature.present" not in printed
    with folder.connection() as conn:
        assert conn.execute("SELECT target FROM audit WHERE action = 'finding.confirm'").fetchone()[0].startswith(
            "signature.present · ")


def test_no_finding_is_decided_while_a_recheck_is_queued_or_running(desk, tmp_path):
    """A decision accepted while the recheck ran was carried onto the new run's result,
    which no one had seen (desk exploration 6, P1): it is refused with the page as it is now."""
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    csrf = csrf_of(page)
    signature = finding_ids(page)["signature.present"]
    with folder.connection() as conn:  # as the queue leaves it while the check runs
        conn.execute("UPDATE applicants SET state = 'running' WHERE id = ?", (applicant_id,))
    refused = li.post(f"/applicants/{applicant_id}/findings/{signature}",
                      data={"csrf_token": csrf, "action": "fail", "reason": "签字为代签"})
    # back to the page (303, then 200), the reason said there (desk exploration 7: a reload re-posted)
    assert refused.history[0].status_code == 303 and "该申报人正在重新核验，结果可能变化" in refused.text
    batch = li.post(f"/applicants/{applicant_id}/findings", headers={"Accept": "application/json"},
                    data={"csrf_token": csrf, "action": "confirm", "rule": "signature.present",
                          "finding": str(signature)})
    assert batch.status_code == 409 and "正在重新核验" in batch.json()["error"]
    with folder.connection() as conn:
        assert conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
        conn.execute("UPDATE applicants SET state = 'done' WHERE id = ?", (applicant_id,))
    assert li.post(f"/applicants/{applicant_id}/findings/{signature}",
                   data={"csrf_token": csrf, "action": "confirm"}).status_code == 200


def test_fails_of_one_rule_are_a_panel_of_their_own_and_a_refusal_is_said_beside_it(desk, tmp_path):
    """Fails of one rule were decided one click each. Three seal.unit fails are a
    同类不通过项 panel (no 改判为不通过: they are fails), apart from the reviews; a refused
    decision on it is said beside that panel, the reason typed kept there."""
    app, folder, client = desk
    li, wang = client("李审"), client("王审")
    files = ("p1-fail.jpg", "p2-fail.jpg", "p3-fail.jpg", "扫描/p4-review.jpg", "扫描/p5-review.jpg")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-010", files=files), tmp_path / "A2024-010.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    url = f"/applicants/{applicant_id}"

    def panel(page):
        m = re.search(r'<section class="panel group g-fail" id="group-seal.unit-fail">(.*?)</section>', page, re.S)
        return m and m.group(1)

    page = li.get(url).text
    assert "同类不通过项" in panel(page) and "3 项未决定" in panel(page) and 'class="to-fail"' not in panel(page)
    assert 'id="group-signature.present"' in page  # the reviews, a panel of their own
    ids = [int(i) for i in re.findall(r'name="finding" value="(\d+)"', panel(page))]
    wang.post(f"{url}/findings/{ids[1]}", data={"csrf_token": csrf_of(wang.get(url).text), "action": "confirm"})
    refused = li.post(f"{url}/findings", data={"csrf_token": csrf_of(page), "rule": "seal.unit", "status": "fail",
                                               "finding": ids, "action": "pass", "reason": "公章为单位曾用名"})
    assert refused.history[0].headers["location"].endswith("#group-seal.unit-fail")
    assert re.search(r'<p class="warn refused" role="alert">p2-fail.jpg 第 1 页：该项已由 王审 确认', refused.text)
    assert re.search(r'<textarea name="reason" class="reason"[^>]*>公章为单位曾用名</textarea>', panel(refused.text))
    assert "2 项未决定" in panel(refused.text)
    done = li.post(f"{url}/findings", data={"csrf_token": csrf_of(page), "rule": "seal.unit", "status": "fail",
                                            "finding": [ids[0], ids[2]], "action": "confirm"})
    assert "已记录 2 项" in done.text and panel(done.text) is None
    with folder.connection() as conn:
        assert sorted(r[0] for r in conn.execute("SELECT user_name FROM decisions")) == ["李审", "李审", "王审"]


def test_findings_of_one_rule_are_reviewed_side_by_side_and_decided_at_once(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    files = ("扫描/p1-review.jpg", "扫描/p2-review.jpg", "扫描/p3-review.jpg", "p4-fail.jpg")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-009", files=files), tmp_path / "A2024-009.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)

    def group(page):
        m = re.search(r'<section class="panel group g-review" id="group-signature.present">(.*?)</section>', page, re.S)
        return m and m.group(1)

    page = li.get(f"/applicants/{applicant_id}").text
    csrf = csrf_of(page)
    panel = group(page)
    assert panel and "同类复核项" in panel and "3 项待复核" in panel
    ids = [int(i) for i in re.findall(r'name="finding" value="(\d+)"', panel)]
    assert len(ids) == 3
    assert 'id="group-seal.unit"' not in page  # one fail is not a group to review
    seal_unit = finding_ids(page)["seal.unit"]

    def post(user, **data):
        return user.post(f"/applicants/{applicant_id}/findings", data={"csrf_token": csrf, "rule": "signature.present", **data})

    # an override needs a reason; findings of two rules are not decided together
    assert "改判核验结果必须填写理由" in post(li, finding=ids, action="pass", reason="").text
    assert "一次只能处理同一规则" in post(li, finding=[ids[0], seal_unit], action="confirm").text
    assert "请至少勾选一项" in post(li, action="confirm").text
    odd = li.post(f"/applicants/{applicant_id}/findings", follow_redirects=False,
                  data={"csrf_token": csrf, "rule": "x\r\nSet-Cookie: a=b", "action": "confirm"})
    assert odd.status_code == 303 and odd.headers["location"].endswith(f"/applicants/{applicant_id}")
    # all or none: another reviewer's decision on one of them refuses the whole group
    wang = client("王审")
    wang.post(f"/applicants/{applicant_id}/findings/{ids[0]}",
              data={"csrf_token": csrf_of(wang.get(f"/applicants/{applicant_id}").text), "action": "confirm"})
    refused = post(li, finding=ids, action="pass", reason="已核对原件，均已签字")
    assert refused.history[0].status_code == 303
    assert "扫描/p1-review.jpg 第 1 页：该项已由 王审 确认" in refused.text and "本次勾选的各项均未记录" in refused.text
    # the page again, with the reason typed still in the group's box (the redirect lost it)
    assert re.search(r'<textarea name="reason" class="reason"[^>]*>已核对原件，均已签字</textarea>', group(refused.text))
    assert len(re.findall(r'name="finding" value=', group(refused.text))) == 2
    page = li.get(f"/applicants/{applicant_id}").text
    assert "已核对原件，均已签字" not in page and len(re.findall(r'name="finding" value=', group(page))) == 2

    # the two still open, ticked, are decided at once, each recorded and audited as if alone
    done = post(li, finding=ids[1:], action="pass", reason="已核对原件，均已签字").text
    assert "已记录 2 项" in done
    page = li.get(f"/applicants/{applicant_id}").text
    assert group(page) is None  # nothing left to review side by side
    assert len(re.findall(r'class="decided d-pass">李审 [^<]*理由：已核对原件，均已签字', page)) == 2
    audit_page = li.get(f"/audit?applicant={applicant_id}").text
    assert audit_page.count("已核对原件，均已签字") == 2
    # the 编号 a reviewer knows finds the same records (the desk's own number was the only way)
    by_key = li.get("/audit?applicant=A2024-009").text
    assert by_key.count("已核对原件，均已签字") == 2 and ">A2024-009</a>" in by_key
    assert "未找到申报人「A2024-404」的记录" in li.get("/audit?applicant=A2024-404").text


def test_refusals_unauthenticated_csrf_and_paths(desk, tmp_path):
    app, folder, client = desk
    anon = client()
    r = anon.get("/applicants", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert anon.get("/export.xlsx", follow_redirects=False).status_code == 401
    assert anon.get("/events").status_code == 401
    assert anon.post("/applicants/upload", data={"csrf_token": "x"}).status_code == 401
    # login form without its token
    assert anon.post("/login", data={"name": "李审", "password": PASSWORD}).status_code == 403
    # a wrong password keeps the name typed (browser exploration: it was cleared)
    wrong = anon.post("/login", data={"name": "李审", "password": "not-it",
                                      "csrf_token": csrf_of(anon.get("/login").text)})
    assert wrong.status_code == 401 and 'value="李审"' in wrong.text and "用户名或密码不正确" in wrong.text

    li = client("李审")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A1"), tmp_path / "A1.zip")
    with open(zip_path, "rb") as fh:
        no_token = li.post("/applicants/upload", files={"archive": ("A1.zip", fh, "application/zip")})
    assert no_token.status_code == 403 and "安全令牌" in no_token.text
    with open(zip_path, "rb") as fh:
        wrong = li.post("/applicants/upload", data={"csrf_token": "forged"},
                        files={"archive": ("A1.zip", fh, "application/zip")})
    assert wrong.status_code == 403
    csrf = page_csrf(li)
    assert li.post("/logout", data={}).status_code == 403  # every form, logout too

    r = upload_zip(li, zip_path, name="../x")
    refusal = li.get(r.headers["location"]).text
    # a refusal is shown as one (red), not in the blue of 已记录 (browser exploration)
    assert r.status_code == 303 and re.search(r'class="flash flash-error"[^>]*>[^<]*含有路径或非法字符', refusal)
    r = li.post("/applicants/upload", data={"csrf_token": csrf}, files=[("files", ("../x", b"data", "image/jpeg"))],
                headers={"Accept": "application/json"})
    assert r.status_code == 400 and "指向上传目录之外" in r.json()["error"]
    bad = tmp_path / "evil.zip"
    import zipfile

    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("A9/applicant.yaml", "name: x\nunit: y\n")
        zf.writestr("A9/../../escape.jpg", b"x")
    r = upload_zip(li, bad)
    assert "指向解压目录之外" in li.get(r.headers["location"]).text
    assert not (folder.root.parent / "escape.jpg").exists()
    # an archive of two applicants zipped whole is not one made-up applicant; with a file
    # beside their folders (whose is it?) it is refused, saying which
    archive = tmp_path / "two" / "archive"
    make_dossier(archive, "A2024-001"), make_dossier(archive, "A2024-003")
    (archive / "说明.jpg").write_bytes(b"x")
    r = upload_zip(li, zip_folder(archive, tmp_path / "two.zip"))
    said = li.get(r.headers["location"]).text
    assert "上传的材料中有 2 位申报人的文件夹（A2024-001、A2024-003）" in said and "（说明.jpg）" in said
    assert list(folder.incoming.iterdir()) == []  # nothing left behind
    with folder.connection() as conn:
        assert conn.execute("SELECT COUNT(*) FROM applicants").fetchone()[0] == 0
    # the stored report is reached only by applicant id; other paths do not exist
    assert li.get("/applicants/1/report.html").status_code == 404
    assert li.get("/static/../desk.sqlite").status_code == 404
    assert li.get("/static/%2e%2e/store.py").status_code == 404


def test_a_file_url_no_file_can_have_is_404_in_chinese_not_a_crash(desk, tmp_path, caplog):
    """``files/p3-fail.jpg%00.png`` and ``files/%00`` were a bare English 500 with
    ``ValueError: embedded null byte`` in the log; 5,000 characters, or 3,000 folders
    deep, ``OSError: File name too long`` (desk exploration 6, P3)."""
    import logging

    app, folder, client = desk
    li = client("李审")
    r = upload_zip(li, zip_folder(make_dossier(tmp_path / "in", "A1"), tmp_path / "A1.zip"))
    assert r.status_code == 303
    assert li.get("/applicants/1/files/p3-fail.jpg").status_code == 200
    caplog.set_level(logging.WARNING)
    for rel in ("p3-fail.jpg%00.png", "%00", "p3-fail.jpg%01", "%1f/p3-fail.jpg", "A" * 5000, "a/" * 3000 + "x"):
        r = li.get(f"/applicants/1/files/{rel}")
        assert r.status_code == 404 and "文件不存在" in r.text, rel[:20]
    assert not [rec for rec in caplog.records if rec.levelno >= logging.ERROR]


def test_a_request_to_another_name_or_from_another_sites_page_is_refused(desk):
    """DNS rebinding: a page of evil.example, its name pointed at 127.0.0.1, is on the
    desk's origin for the browser: it logged in (trying passwords) and read the export
    (desk exploration 6, P2). The desk answers only to its own names, and takes no POST
    from another site's page."""
    app, folder, client = desk
    anon = client()
    evil = {"Host": "evil.example:8765"}
    page = anon.get("/login", headers=evil)
    assert page.status_code == 400 and "访问地址不是本审核台的地址" in page.text
    assert "desk_login_csrf" not in page.headers.get("set-cookie", "")
    assert anon.get("/static/desk.js", headers=evil).status_code == 400
    token = csrf_of(anon.get("/login").text)
    form = {"name": "李审", "password": PASSWORD, "csrf_token": token}
    assert anon.post("/login", data=form, headers=evil, follow_redirects=False).status_code == 400
    other_site = anon.post("/login", data=form, headers={"Origin": "http://evil.example"}, follow_redirects=False)
    assert other_site.status_code == 403 and "来自其他网站的页面" in other_site.text
    assert anon.post("/login", data=form, headers={"Origin": "null"}, follow_redirects=False).status_code == 403
    with folder.connection() as conn:  # refused before the login was tried
        assert conn.execute("SELECT COUNT(*) FROM audit WHERE action LIKE 'login%'").fetchone()[0] == 0
    # the desk's own page, by any of the loopback names it was started on
    own = anon.post("/login", data=form, headers={"Origin": "http://127.0.0.1:8765"}, follow_redirects=False)
    assert own.status_code == 303
    assert anon.get("/export.csv", headers=evil).status_code == 400
    assert anon.get("/export.csv", headers={"Host": "localhost:8765"}).status_code == 200


def test_a_request_that_waits_in_vain_for_the_database_is_answered_503_in_chinese(desk_factory, tmp_path):
    """Another process held the write lock (verify desk adduser, a backup): a decision
    waited 30 s, then got a bare English 500 (desk exploration 6, P1). It waits the
    desk's busy timeout, then gets 数据库正忙 (503), and is recorded once the lock is gone."""
    import sqlite3

    from starlette.testclient import TestClient

    app, folder = desk_factory(busy_timeout=0.2)
    li = login(TestClient(app, base_url="http://127.0.0.1:8765"), "李审")
    csrf = page_csrf(li, "/account")
    form = {"csrf_token": csrf, "old": PASSWORD, "new": "another horse 2", "again": "another horse 2"}
    other = sqlite3.connect(folder.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        r = li.post("/account", data=form, follow_redirects=False)
        assert r.status_code == 503 and "数据库正忙，请稍后重试" in r.text and r.headers["retry-after"] == "5"
        r = li.post("/logout", data={"csrf_token": csrf}, headers={"Accept": "application/json"})
        assert r.status_code == 503 and "数据库正忙" in r.json()["error"]
    finally:
        other.execute("ROLLBACK")
        other.close()
    r = li.post("/account", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"


def test_a_request_waiting_for_the_database_does_not_hold_up_the_others(desk_factory):
    """The routes were ``async def`` and called SQLite on the event loop: while one
    decision waited for another's write lock, every request waited, a static file
    included (desk exploration 6, P1). A route's database work runs in the thread pool:
    the desk answers its static files, its login page and its list meanwhile."""
    import sqlite3
    import threading

    from starlette.testclient import TestClient

    app, folder = desk_factory(busy_timeout=120)
    desk = app.state.desk
    waiting = threading.Event()
    write = desk.write

    def write_after_saying_so():
        waiting.set()  # on the event loop, under the old routes, until the lock is free
        return write()

    desk.write = write_after_saying_so
    other = sqlite3.connect(folder.db_path, isolation_level=None)
    with TestClient(app, base_url="http://127.0.0.1:8765") as li:  # one event loop serves every request
        login(li, "李审")
        csrf = page_csrf(li, "/account")
        other.execute("BEGIN IMMEDIATE")  # verify desk adduser, a backup: the write lock held
        answers = {}
        logout = threading.Thread(target=lambda: answers.setdefault(
            "logout", li.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)))
        others = threading.Thread(target=lambda: answers.update(
            static=li.get("/static/desk.js"), login=li.get("/login", follow_redirects=False),
            listing=li.get("/applicants")))
        try:
            logout.start()
            assert waiting.wait(60)
            others.start()
            others.join(30)  # a deadlock, not a duration: the lock is held until they are answered
            assert not others.is_alive(), "the other requests waited for the database lock"
            assert "logout" not in answers
        finally:
            other.execute("ROLLBACK")
            other.close()
            logout.join(60)
            others.join(60)
        assert answers["static"].status_code == 200 and answers["login"].headers["location"] == "/applicants"
        assert answers["listing"].status_code == 200 and "申报人" in answers["listing"].text
        assert answers["logout"].status_code == 303 and answers["logout"].headers["location"] == "/login"


def test_upload_limit_is_refused_before_the_body_is_read(desk_factory, tmp_path):
    from starlette.testclient import TestClient

    from conftest import login

    app, folder = desk_factory(upload_limit=2048)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        login(client, "李审")
        csrf = page_csrf(client)
        r = client.post("/applicants/upload", data={"csrf_token": csrf},
                        files={"archive": ("A1.zip", b"x" * 10_000, "application/zip")})
        assert r.status_code == 413 and "上传内容过大" in r.text


def test_a_form_that_cannot_be_read_is_refused_in_the_reviewers_words(desk):
    """A multipart body without its boundary was refused as 表单无法读取（Missing boundary
    in multipart.）, Starlette's English (hostile exploration 4, P5)."""
    _, _, client = desk
    c = client("李审")
    r = c.post("/applicants/upload", content=b"--x\r\n", headers={"content-type": "multipart/form-data"})
    assert r.status_code == 400 and "表单无法读取（上传的数据格式不正确" in r.text and "boundary" not in r.text


def test_a_folder_upload_without_applicant_yaml_waits_for_the_form(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    csrf = page_csrf(li)
    files = [("files", ("A7/扫描/p1.jpg", b"\xff\xd8 x", "image/jpeg")),
             ("files", ("A7/扫描/p2-review.jpg", b"\xff\xd8 y", "image/jpeg"))]
    r = li.post("/applicants/upload", data={"csrf_token": csrf}, files=files, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json()["ok"]
    url = r.json()["redirect"]
    assert url.endswith("/info")
    applicant_id = int(url.split("/")[2])
    form = li.get(url).text
    assert "申报人信息" in form
    assert r.json()["message"] and f'class="flash" role="status">{r.json()["message"]}' in form  # said on arrival
    data = {"csrf_token": csrf_of(form), "name": "", "unit": "某站"}
    r = li.post(url, data=data)
    assert r.status_code == 400 and "缺少必填字段 name" in r.text
    data.update(name="赵轩", unit="抚顺市生态环境监测站", current_title_name="助理工程师",
                current_title_date="2018-07-01", paper_1_title="PM2.5来源解析", paper_1_issn="1674-1021")
    r = li.post(url, data=data, follow_redirects=False)
    assert r.status_code == 303
    wait_done(li, applicant_id)
    import yaml

    written = yaml.safe_load((folder.input_dir(applicant_id) / "applicant.yaml").read_text(encoding="utf-8"))
    assert written["name"] == "赵轩" and written["papers"] == [{"title": "PM2.5来源解析", "issn": "1674-1021"}]
    assert written["current_title"] == {"name": "助理工程师", "date": "2018-07-01"}
    from verify.applicant import load_applicant

    assert load_applicant(folder.input_dir(applicant_id)).name == "赵轩"


def test_list_filters_by_verdict_unit_reviewer_and_state(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    first = checked_applicant(li, tmp_path, "A1")
    other = dict(__import__("conftest").APPLICANT, name="毛丽", unit="抚顺市生态环境监测站")
    zip_path = zip_folder(make_dossier(tmp_path / "in2", "A2", files=("p1.jpg",), metadata=other), tmp_path / "A2.zip")
    upload_zip(li, zip_path)
    second = max(int(x) for x in re.findall(r'<tr data-id="(\d+)"', li.get("/applicants").text))
    wait_done(li, second)
    li.post(f"/applicants/{first}/decision", data={"csrf_token": page_csrf(li), "decision": "reject", "opinion": "x"})

    def keys(query):
        return re.findall(r'<tr data-id="\d+">\s*<td class="key">([^<]+)</td>', li.get("/applicants?" + query).text)

    assert keys("verdict=fail") == ["A1"] and keys("verdict=pass") == ["A2"]
    assert keys("unit=监测站") == ["A2"]
    assert keys("reviewer=李审") == ["A1"]
    assert keys("state=undecided") == ["A2"] and keys("state=decided") == ["A1"]
    xlsx_rows = li.get("/export.csv?verdict=pass").content.decode("utf-8-sig").splitlines()
    assert len(xlsx_rows) == 2 and xlsx_rows[1].startswith("A2,毛丽")


def test_the_list_comes_in_pages_with_links_that_keep_the_filters(desk_factory):
    """5,000 applicants were one page of 2.2 MB (desk exploration 6, P3)."""
    from starlette.testclient import TestClient

    app, folder = desk_factory(page_size=2)
    with folder.connection() as conn:
        for n in range(1, 6):
            conn.execute("INSERT INTO applicants (key, name, unit, source, created_at, created_by, state)"
                         " VALUES (?, ?, ?, 'upload', '2026-12-05T09:00:00+08:00', '李审', 'needs_info')",
                         (f"B{n}", f"申报人{n}", "抚顺市第一中学" if n % 2 else "抚顺市第二中学"))
    li = login(TestClient(app, base_url="http://127.0.0.1:8765"), "李审")

    def keys(html):
        return re.findall(r'<td class="key">([^<]+)</td>', html)

    first = li.get("/applicants").text
    assert keys(first) == ["B5", "B4"] and "申报人（5）" in first
    assert "第 1 / 3 页（第 1–2 位，共 5 位）" in first and "上一页" not in first
    second = li.get(re.search(r'href="([^"]+)" rel="next">下一页', first).group(1).replace("&amp;", "&")).text
    assert keys(second) == ["B3", "B2"] and "上一页" in second and "下一页" in second
    last = li.get("/applicants?page=3").text
    assert keys(last) == ["B1"] and "第 3 / 3 页（第 5–5 位，共 5 位）" in last and "下一页" not in last
    assert keys(li.get("/applicants?page=99").text) == ["B1"]  # past the end: the last page
    assert keys(li.get("/applicants?page=abc").text) == ["B5", "B4"]
    # a filter is kept by the page links, and counted on its own
    unit = li.get("/applicants", params={"unit": "第一"}).text
    assert keys(unit) == ["B5", "B3"] and "申报人（3）" in unit
    following = re.search(r'href="([^"]+)" rel="next">', unit).group(1).replace("&amp;", "&")
    assert keys(li.get(following).text) == ["B1"]
    assert "第一" in urllib.parse.unquote(following)
    # the exports are not paged
    assert li.get("/export.csv").text.count("抚顺市第") == 5


def test_the_audit_page_hashes_only_the_rows_added_since_and_a_full_check_finds_an_older_row_changed(
        desk, monkeypatch):
    """/audit hashed the whole trail on every load: 2.24 s at 100,000 rows (desk
    exploration 6, P2). It goes on from the newest row the last check ended on; 完整核对
    (and ``verify desk audit --verify``) hashes every row, and finds an old row changed."""
    import sqlite3

    from verify.desk import audit

    app, folder, client = desk
    admin = client("管理员")
    page = admin.get("/audit").text
    assert "审计记录完整：共 4 条，哈希链核对无误" in page  # 3 users made, 1 login
    client("李审")  # one row more
    hashed = []
    row_hash = audit.row_hash
    monkeypatch.setattr(audit, "row_hash", lambda row: hashed.append(row["id"]) or row_hash(row))
    page = admin.get("/audit").text
    assert "审计记录完整：共 5 条，哈希链核对无误（其中前 4 条此前已核对，本次核对其后的 1 条）" in page
    assert sorted(hashed) == [4, 5] and 'href="/audit?full=1"' in page  # the newest row checked, and the new one
    with sqlite3.connect(folder.db_path) as conn:  # someone with the file and a SQLite shell
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET after = '{\"role\":\"admin\"}' WHERE id = 3")
    assert "审计记录完整" in admin.get("/audit").text  # an older row is the full check's
    full = admin.get("/audit?full=1").text
    assert 'class="chain broken"' in full and "第 3 条记录的内容与其哈希不符" in full
    assert "第 3 条记录的内容与其哈希不符" in admin.get("/audit").text  # said until a check passes again
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute("UPDATE audit SET after = '{\"role\":\"reviewer\"}' WHERE id = 3")
    assert "审计记录完整：共 5 条，哈希链核对无误" in admin.get("/audit").text
    client("王审")
    with sqlite3.connect(folder.db_path) as conn:  # the newest rows are checked on each load
        conn.execute("UPDATE audit SET user_name = '某人' WHERE id = 6")
    assert "第 6 条记录的内容与其哈希不符" in admin.get("/audit").text


def test_admin_manages_users_and_every_change_is_audited(desk):
    app, folder, client = desk
    admin = client("管理员")
    csrf = page_csrf(admin, "/users")
    r = admin.post("/users", data={"csrf_token": csrf, "do": "create", "name": "新审核员", "password": "short",
                                   "role": "reviewer"})
    assert "密码至少 8 个字符" in r.text
    admin.post("/users", data={"csrf_token": csrf, "do": "create", "name": "新审核员", "password": PASSWORD,
                               "role": "reviewer"})
    admin.post("/users", data={"csrf_token": csrf, "do": "disable", "name": "王审"})
    wang = client()
    page = wang.get("/login")
    r = wang.post("/login", data={"name": "王审", "password": PASSWORD, "csrf_token": csrf_of(page.text)})
    assert r.status_code == 401 and "已停用" in r.text
    client("新审核员")
    audit_page = admin.get("/audit").text
    for text in ("新增用户", "启用/停用用户", "登录失败"):
        assert text in audit_page
    from verify.desk.audit import verify_chain

    with folder.connection() as conn:
        assert verify_chain(conn, folder.audit_head).ok


def test_repeated_failed_logins_pause_the_name_and_say_so_once_in_the_audit_trail(desk):
    """100 wrong passwords in a row, then the right one logged in at once; each try
    wrote a row to the trail (desk exploration 6, P2). After 5 failures the name is
    paused (429), the right password included, without a row per try."""
    app, folder, client = desk
    anon = client()
    token = csrf_of(anon.get("/login").text)
    for n in range(5):
        r = anon.post("/login", data={"name": "李审", "password": f"wrong-{n}", "csrf_token": token})
        assert r.status_code == 401, n
    for password in ("wrong-again", PASSWORD):
        r = anon.post("/login", data={"name": "李审", "password": password, "csrf_token": token},
                      follow_redirects=False)
        assert r.status_code == 429 and "已暂停登录，请 10 分钟后再试" in r.text and 'value="李审"' in r.text
    client("王审")  # another name is not held up
    with folder.connection() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit WHERE user_name = '李审' ORDER BY id")]
    assert actions == ["login.failed"] * 5 + ["login.paused"]
    assert "多次登录失败，暂停该用户名从该地址登录" in client("管理员").get("/audit").text


def test_failed_logins_from_elsewhere_do_not_lock_the_user_out_and_one_address_is_paused_for_every_name(desk):
    """The pause was per name alone: five wrong passwords typed by anyone, from any
    computer, kept the real user out for ten minutes. It holds for the name from the
    address that failed, and an address that fails with many names is paused for all."""
    from starlette.testclient import TestClient

    app, folder, client = desk

    def from_address(address):
        c = TestClient(app, base_url="http://127.0.0.1:8765", client=(address, 50000))
        return c, csrf_of(c.get("/login").text)

    def try_login(c, token, name, password):
        return c.post("/login", data={"name": name, "password": password, "csrf_token": token},
                      follow_redirects=False)

    attacker, token = from_address("10.0.0.66")
    for n in range(5):
        assert try_login(attacker, token, "李审", f"wrong-{n}").status_code == 401, n
    owner, owner_token = from_address("10.0.0.5")  # the real user, at the desk meanwhile
    assert try_login(owner, owner_token, "李审", PASSWORD).status_code == 303
    r = try_login(attacker, token, "李审", PASSWORD)
    assert r.status_code == 429 and "该用户名在本机连续多次登录失败，已暂停登录" in r.text
    # brute force from one address over many names: paused for every name there, not elsewhere
    for name in ("王审", "管理员", "赵审", "钱审"):
        for n in range(4 if name != "钱审" else 3):
            assert try_login(attacker, token, name, f"wrong-{n}").status_code == 401, (name, n)
    r = try_login(attacker, token, "王审", PASSWORD)
    assert r.status_code == 429 and "本机登录失败次数过多，已暂停本机登录" in r.text
    colleague, colleague_token = from_address("10.0.0.5")
    assert try_login(colleague, colleague_token, "王审", PASSWORD).status_code == 303
    with folder.connection() as conn:
        paused = conn.execute("SELECT user_name, action, after FROM audit WHERE action LIKE 'login.paused%' "
                              "ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in paused] == [("李审", "login.paused"), ("钱审", "login.paused.address")]
    assert all('"address":"10.0.0.66"' in r[2] for r in paused)


def test_a_password_is_verified_outside_the_write_lock(desk, monkeypatch):
    """Argon2 ran inside BEGIN IMMEDIATE: every login, failed ones from anyone included,
    held up every decision for its part of a second (desk exploration 6, P2)."""
    import sqlite3

    from verify.desk import auth

    app, folder, client = desk
    verify = auth.authenticate
    tried = []

    def authenticate(conn, name, password):
        other = sqlite3.connect(folder.db_path, timeout=0, isolation_level=None)
        try:
            # "database is locked" while the login holds the write lock; a background write of the
            # desk's own (a job's progress) may hold it for a moment: tried again for 0.5 s, which a
            # lock held through the whole login never gives back
            for attempt in range(50):
                try:
                    other.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError:
                    if attempt == 49:
                        raise
                    time.sleep(0.01)
            other.execute("ROLLBACK")
        finally:
            other.close()
        tried.append(name)
        return verify(conn, name, password)

    monkeypatch.setattr(auth, "authenticate", authenticate)
    li = client("李审")
    csrf = page_csrf(li, "/account")
    r = li.post("/account", data={"csrf_token": csrf, "old": PASSWORD, "new": "another horse 2",
                                  "again": "another horse 2"})
    assert "密码已修改" in r.text and tried == ["李审", "李审"]


def test_a_new_password_of_spaces_digits_or_the_users_name_is_refused(desk, tmp_path):
    """'        ', '12345678' and a name typed twice were taken (desk exploration 6, P2),
    and 100,000 characters, which the login form then refused (P3)."""
    from verify.desk import cli
    from verify.desk.store import DataFolder

    app, folder, client = desk
    admin = client("管理员")
    csrf = page_csrf(admin, "/users")
    weak = (("        ", "密码不能只由空格组成"), ("12345678", "纯数字的密码至少 12 位"),
            ("临时管理临时管理", "密码不能与用户名相同"), ("临时管理", "密码至少 8 个字符"), ("x" * 100_000, "密码过长"))
    for password, says in weak:
        r = admin.post("/users", data={"csrf_token": csrf, "do": "create", "name": "临时管理", "password": password,
                                       "role": "admin"})
        assert says in r.text, password[:20]
    r = admin.post("/users", data={"csrf_token": csrf, "do": "create", "name": "临时管理", "password": PASSWORD,
                                   "role": "admin"})
    assert "已新增用户 临时管理" in r.text
    for password, says in weak:  # a reset, by the admin
        r = admin.post("/users", data={"csrf_token": csrf, "do": "password", "name": "临时管理", "password": password})
        assert says in r.text, password[:20]
    temp = client("临时管理")  # the password it was given, still
    r = temp.post("/account", data={"csrf_token": page_csrf(temp, "/account"), "old": PASSWORD, "new": "        ",
                                    "again": "        "})
    assert "密码不能只由空格组成" in r.text
    other = DataFolder(tmp_path / "other")
    other.create()
    assert cli._add_user(other, "admin", "        ", "admin", "首次启动") == cli.EXIT_USAGE
    assert cli._add_user(other, "admin", "adminadmin", "admin", "首次启动") == cli.EXIT_USAGE
    assert cli._add_user(other, "admin", "correct horse 1", "admin", "首次启动") == cli.EXIT_OK


def test_the_form_reads_chinese_keys_and_keeps_what_it_does_not_show(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    dossier = make_dossier(tmp_path / "in", "A8", metadata=None)
    (dossier / "applicant.yaml").write_text(
        "姓名: 段磊红\n申报单位: 抚顺市生态环境监测站\n单位性质: 事业单位\n"
        "现职称:\n  职称名称: 助理工程师\n  取得时间: 2017年6月\n"
        "论文:\n  - 题目: 浑河水质评价\n    国际标准刊号: 1674-1021\n"
        "备注: 原件已收\n", encoding="utf-8")
    r = upload_zip(li, zip_folder(dossier, tmp_path / "A8.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    form = li.get(f"/applicants/{applicant_id}/info").text
    for value in ('value="段磊红"', 'value="抚顺市生态环境监测站"', 'value="助理工程师"', 'value="2017年6月"',
                  'value="浑河水质评价"', 'value="1674-1021"', '<option value="institution" selected>'):
        assert value in form, value
    data = {k: v for k, v in re.findall(r'<input name="([a-z_0-9]+)" value="([^"]*)"', form)}
    data.update(csrf_token=csrf_of(form), unit_kind="institution", specialty="环境监测")
    assert li.post(f"/applicants/{applicant_id}/info", data=data, follow_redirects=False).status_code == 303
    import yaml

    written = yaml.safe_load((folder.input_dir(applicant_id) / "applicant.yaml").read_text(encoding="utf-8"))
    assert written["name"] == "段磊红" and written["specialty"] == "环境监测" and written["备注"] == "原件已收"
    assert written["papers"] == [{"title": "浑河水质评价", "issn": "1674-1021"}]
    assert "姓名" not in written and "论文" not in written


def test_an_admin_withdraws_a_mistaken_upload_from_the_list_and_exports_keeping_it_aside_and_audited(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path, "A2024-004")
    url = f"/applicants/{applicant_id}"
    # a reviewer neither sees the button nor may post the form
    page = li.get(url).text
    assert "撤回此申报" not in page
    assert li.post(url + "/withdraw", data={"csrf_token": csrf_of(page), "reason": "误传"}).status_code == 403

    admin = client("管理员")
    page = admin.get(url).text
    assert "撤回此申报" in page and "data-confirm=" in page
    csrf = csrf_of(page)

    def listed(who=admin):
        return "A2024-004" in who.get("/applicants").text and "A2024-004" in who.get("/export.csv").content.decode("utf-8-sig")

    # a reason is required (the browser's check can be bypassed), and limited as decision reasons are
    refused = admin.post(url + "/withdraw", data={"csrf_token": csrf, "reason": "  "})
    assert refused.history[0].status_code == 303 and "撤回申报须填写理由" in refused.text
    refused = admin.post(url + "/withdraw", data={"csrf_token": csrf, "reason": "长" * 501})
    assert "撤回理由过长（501 字，最多 500 字）" in refused.text and "长" * 501 + "</textarea>" in refused.text
    # a step that fails leaves nothing half done: still listed, its folder in place, nothing audited
    (folder.root / "withdrawn").write_text("in the way")
    refused = admin.post(url + "/withdraw", data={"csrf_token": csrf, "reason": "误传他人材料"})
    assert refused.history[0].status_code == 303 and "无法将材料移至撤回区" in refused.text
    assert listed() and folder.input_dir(applicant_id).is_dir()
    assert 'data-action="applicant.withdraw"' not in admin.get("/audit").text
    (folder.root / "withdrawn").unlink()

    done = admin.post(url + "/withdraw", data={"csrf_token": csrf, "reason": "误传他人材料"})
    assert done.status_code == 200 and "已撤回申报人 A2024-004（吕浩玉）" in done.text
    assert not listed() and not listed(li)
    assert not folder.applicant_dir(applicant_id).exists()
    assert (folder.withdrawn_dir(applicant_id) / "input" / "扫描" / "p1.jpg").is_file()  # kept, not deleted
    audit_page = admin.get("/audit?applicant=A2024-004").text
    row = re.search(r'<tr data-action="applicant.withdraw">(.*?)</tr>', audit_page, re.S).group(1)
    for text in ("管理员", "A2024-004", "（已撤回）", "吕浩玉", "误传他人材料", f"withdrawn/{applicant_id}"):
        assert text in row, text
    from verify.desk.audit import verify_chain

    with folder.connection() as conn:
        assert verify_chain(conn, folder.audit_head).ok
    # gone for every page and form
    gone = li.get(url)
    assert gone.status_code == 410 and "由 管理员 撤回，理由：误传他人材料" in gone.text
    assert li.post(url + "/decision", data={"csrf_token": csrf_of(li.get("/applicants").text), "decision": "approve",
                                            "opinion": "x"}).status_code == 410
    assert admin.post(url + "/withdraw", data={"csrf_token": csrf, "reason": "再撤"}).status_code == 410

    # the 编号 is free again: the right dossier comes in as a new applicant
    again = checked_applicant(li, tmp_path / "again", "A2024-004")
    assert again != applicant_id and listed()


def test_an_applicant_queued_for_its_check_is_not_withdrawn(desk_factory, tmp_path):
    from starlette.testclient import TestClient

    from conftest import login

    app, folder = desk_factory()
    # no lifespan: no queue thread takes the check
    admin = login(TestClient(app, base_url="http://127.0.0.1:8765"), "管理员")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-005"), tmp_path / "A2024-005.zip")
    assert upload_zip(admin, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', admin.get("/applicants").text).group(1))
    page = admin.get(f"/applicants/{applicant_id}").text
    assert "正在排队或核验中，请等核验完成后再撤回" in page and "/withdraw" not in page
    refused = admin.post(f"/applicants/{applicant_id}/withdraw", data={"csrf_token": csrf_of(page), "reason": "误传"})
    assert refused.history[0].status_code == 303 and "正在排队或核验中，请等核验完成后再撤回" in refused.text
    assert "A2024-005" in admin.get("/applicants").text and folder.input_dir(applicant_id).is_dir()


def test_an_older_data_folder_gets_the_new_columns_on_start(tmp_path):
    import sqlite3

    from verify.desk.store import SCHEMA_VERSION, DataFolder

    folder = DataFolder(tmp_path / "data")
    folder.create()
    with folder.connection() as conn:  # as the first schema left it
        for column in ("withdrawn_at", "withdrawn_by", "withdrawn_reason"):
            conn.execute(f"ALTER TABLE applicants DROP COLUMN {column}")
        conn.execute("ALTER TABLE findings DROP COLUMN file_digest")
    folder.create()
    with folder.connection() as conn:
        have = {r["name"] for r in conn.execute("PRAGMA table_info(applicants)")}
        assert "file_digest" in {r["name"] for r in conn.execute("PRAGMA table_info(findings)")}
    assert {"withdrawn_at", "withdrawn_by", "withdrawn_reason"} <= have
    assert sqlite3.connect(folder.db_path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_withdrawal_whose_commit_fails_puts_the_folder_back(tmp_path, monkeypatch):
    import contextlib
    import sqlite3

    from verify.desk import intake, withdraw
    from verify.desk.store import DataFolder, DeskError, transaction

    folder = DataFolder(tmp_path / "data")
    folder.create()
    with folder.connection() as conn, transaction(conn):
        applicant_id = intake.register(folder, conn, make_dossier(tmp_path / "in", "A2024-006"), "A2024-006", "李审").applicant_id

    @contextlib.contextmanager
    def commit_fails(conn):
        with transaction(conn):
            yield conn
            raise sqlite3.OperationalError("disk I/O error")  # as COMMIT would raise it, after the move

    monkeypatch.setattr(withdraw, "transaction", commit_fails)
    with pytest.raises(sqlite3.OperationalError):
        withdraw.withdraw(folder, applicant_id, "误传", "管理员")
    assert folder.input_dir(applicant_id).is_dir() and not folder.withdrawn_dir(applicant_id).exists()
    with folder.connection() as conn:
        assert intake.find_by_key(conn, "A2024-006")["id"] == applicant_id
        assert conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'applicant.withdraw'").fetchone()[0] == 0
    monkeypatch.undo()
    assert withdraw.withdraw(folder, applicant_id, "误传", "管理员").moved_to == f"withdrawn/{applicant_id}"
    with pytest.raises(DeskError, match="已撤回"):
        withdraw.withdraw(folder, applicant_id, "误传", "管理员")


def test_counts_on_the_list_and_the_tiles_follow_the_overrides_and_say_what_the_machine_found(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path, "A2024-099")  # the machine: 1 fail, 1 review, 3 pass
    url = f"/applicants/{applicant_id}"

    def tiles(page):
        return {s: int(n) for s, n in re.findall(r'class="stat st-(\w+)"><b>(\d+)</b>', page)}

    def counts_cell():
        return re.search(r'<td[^>]*>(\d+ / \d+.*?)</td>', li.get("/applicants").text, re.S).group(1)

    page = li.get(url).text
    assert tiles(page) == {"fail": 1, "review": 1, "pass": 3} and "机器核验" not in page
    assert counts_cell() == "1 / 1"
    ids, csrf = finding_ids(page), csrf_of(page)
    li.post(f"{url}/findings/{ids['seal.unit']}", data={"csrf_token": csrf, "action": "pass", "reason": "公章为单位曾用名"})
    li.post(f"{url}/findings/{ids['signature.present']}", data={"csrf_token": csrf, "action": "confirm"})

    page = li.get(url).text
    assert tiles(page) == {"fail": 0, "review": 1, "pass": 4}
    assert "机器核验结论" in page and "以上数量已计入审核人的改判；机器核验：不通过 1、需复核 1、通过 3" in page
    cell = counts_cell()
    assert cell.startswith("0 / 1") and "机器核验：不通过 1、需复核 1" in cell
    # the exports agree: the machine's verdict, and no rule failing after the override
    row = li.get("/export.csv").content.decode("utf-8-sig").splitlines()[1].split(",")
    assert row[0] == "A2024-099" and row[3] == "不通过" and row[8] == ""


def test_one_id_number_under_two_numbers_is_pointed_out_on_both_pages_masked_and_not_refused(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    full = APPLICANT["id_number"]

    def upload(key, metadata=APPLICANT):
        zip_path = zip_folder(make_dossier(tmp_path / key, key, metadata=metadata), tmp_path / f"{key}.zip")
        assert upload_zip(li, zip_path).status_code == 303
        return int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))

    def warnings(applicant_id):
        return re.findall(r'<p class="warn same-person">(.*?)</p>', li.get(f"/applicants/{applicant_id}").text, re.S)

    first = upload("A2024-004")
    other = upload("A2024-007", dict(APPLICANT, name="毛丽", id_number="11010519491231002X"))
    # the same number written another way (spaces, a lower-case check letter would be too)
    second = upload("A2024-099", dict(APPLICANT, id_number=" ".join([full[:6], full[6:14], full[14:]])))
    assert "A2024-099" in li.get("/applicants").text  # accepted: a re-upload under a new 编号 may be right
    (mine,) = warnings(second)
    assert f'href="/applicants/{first}">A2024-004</a>（吕浩玉）相同，请确认是否重复申报' in mine
    assert "身份证号（210402********0267）" in mine and full not in mine
    (theirs,) = warnings(first)
    assert f'href="/applicants/{second}">A2024-099</a>' in theirs and full not in theirs
    assert warnings(other) == []

    # the info form corrects the number: both warnings go
    form = li.get(f"/applicants/{second}/info").text
    data = dict(re.findall(r'<input name="([a-z_0-9]+)" value="([^"]*)"', form), csrf_token=csrf_of(form))
    wait_done(li, second)
    assert li.post(f"/applicants/{second}/info", data=dict(data, id_number="11010519491231003X"),
                   follow_redirects=False).status_code == 303
    assert warnings(second) == [] and warnings(first) == []


def test_a_data_folder_of_an_older_desk_gets_its_id_numbers_read_on_start(desk_factory, tmp_path):
    app, folder = desk_factory()
    from starlette.testclient import TestClient

    from conftest import login

    client = login(TestClient(app, base_url="http://127.0.0.1:8765"), "李审")
    for key in ("A1", "A2"):
        with open(zip_folder(make_dossier(tmp_path / key, key), tmp_path / f"{key}.zip"), "rb") as fh:
            client.post("/applicants/upload", data={"csrf_token": page_csrf(client)},
                        files={"archive": (f"{key}.zip", fh, "application/zip")})
    with folder.connection() as conn:
        conn.execute("UPDATE applicants SET id_number = NULL")  # as a desk before schema 3 left them
    app, _ = desk_factory()
    client = login(TestClient(app, base_url="http://127.0.0.1:8765"), "李审")
    assert "请确认是否重复申报" in client.get("/applicants/1").text


def test_id_numbers_are_masked_on_the_audit_page_the_cli_trail_and_the_applicant_page_but_kept_whole_in_the_chain(
        desk, tmp_path, capsys):
    """An edit of the applicant's facts (填写申报人信息) is audited with the facts before and
    after; the audit page showed both ID numbers whole, where every other view masks them."""
    from verify.cli import main
    from verify.desk import audit

    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path, "A2024-005")
    old, new = APPLICANT["id_number"], "11010519491231002X"
    form = li.get(f"/applicants/{applicant_id}/info").text
    data = dict(re.findall(r'<input name="([a-z_0-9]+)" value="([^"]*)"', form), csrf_token=csrf_of(form))
    assert data["id_number"] == old  # the form that edits the number shows it whole
    assert li.post(f"/applicants/{applicant_id}/info", data=dict(data, id_number=new),
                   follow_redirects=False).status_code == 303
    wait_done(li, applicant_id)

    page = li.get("/audit?kind=all").text  # (by default the page lists the decisions alone)
    row = re.search(r'<tr data-action="applicant.info">(.*?)</tr>', page, re.S).group(1)
    assert "210402********0267" in row and "110105********002X" in row
    assert old not in page and new not in page
    assert "哈希链核对无误" in page
    # the stored row keeps the numbers whole: the chain's hashes cover them
    with folder.connection() as conn:
        stored = conn.execute("SELECT before, after FROM audit WHERE action = 'applicant.info'").fetchone()
        assert old in stored["before"] and new in stored["after"]
        assert audit.verify_chain(conn, folder.audit_head).ok
    # the trail on the command line, and its check
    assert main(["desk", "audit", "--data", str(folder.root), "--tail", "50"]) == 0
    printed = capsys.readouterr().out
    assert "110105********002X" in printed and old not in printed and new not in printed
    assert main(["desk", "audit", "--verify", "--data", str(folder.root)]) == 0
    # nor the applicant page (its operation log names the edit, not the facts)
    page = li.get(f"/applicants/{applicant_id}").text
    assert "填写申报人信息" in page and new not in page and old not in page


def test_the_banner_line_under_the_verdict_follows_the_counts_after_the_overrides(desk, tmp_path):
    """The tiles counted the overrides, the line under the machine's verdict did not: with
    the failure overridden it still said 存在不符合申报条件的材料, with every review
    overridden it still asked for a review."""
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path, "A2024-098")  # the machine: 1 fail, 1 review, 3 pass
    url = f"/applicants/{applicant_id}"

    def banner():
        return re.search(r'<section class="verdict v-(\w+)">.*?<p>(.*?)</p>', li.get(url).text, re.S).groups()

    assert banner() == ("fail", "存在不符合申报条件的材料，详见下方“不通过”各项。")
    page = li.get(url).text
    ids, csrf = finding_ids(page), csrf_of(page)
    li.post(f"{url}/findings/{ids['seal.unit']}", data={"csrf_token": csrf, "action": "pass", "reason": "公章为单位曾用名"})
    # the machine's verdict stays, labelled so; the line says what is left after the override
    assert banner() == ("fail", "计入审核人的改判后，没有不通过项，仍有 1 项需人工复核。")
    li.post(f"{url}/findings/{ids['signature.present']}", data={"csrf_token": csrf, "action": "pass", "reason": "已签字"})
    assert banner() == ("fail", "计入审核人的改判后，各项均为通过。仍请按规定对原件进行抽查。")
    li.post(f"{url}/findings/{ids['seal.unit']}", data={"csrf_token": csrf, "action": "fail", "reason": "复核后确为他单位"})
    assert banner() == ("fail", "计入审核人的改判后，仍有 1 项不通过，详见下方“不通过”各项。")


def list_row_cells(client, applicant_id: int, names) -> dict[str, str]:
    """The ``names`` cells of the applicant's row of the list, as the page has them."""
    row = re.search(rf'<tr data-id="{applicant_id}">(.*?)</tr>', client.get("/applicants").text, re.S).group(1)
    return {name: re.search(rf'<td class="{name}">(.*?)</td>', row, re.S).group(1) for name in names}


def test_a_finished_checks_last_progress_carries_the_lists_cells_as_the_list_renders_them(desk, tmp_path):
    """What /events sends with a check's end, for the row of the list (the browser test sees
    the cells change in place): the cells rendered by the list's own macros, the very markup
    a reload shows (the script wrote the 不通过/需复核 cell a second time, its own way)."""
    from verify.desk import queue

    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path, "A2024-097")  # the machine: 1 fail, 1 review, 3 pass

    def sent():
        with folder.connection() as conn:
            (row,) = queue.active_rows(conn, {applicant_id})
            return app.state.desk.list_cells(conn, row)

    cells = sent()
    assert cells == list_row_cells(li, applicant_id, cells)
    assert cells["counts-cell"] == "1 / 1" and 'class="badge v-fail"' in cells["verdict-cell"]
    page = li.get(f"/applicants/{applicant_id}").text
    li.post(f"/applicants/{applicant_id}/findings/{finding_ids(page)['seal.unit']}",
            data={"csrf_token": csrf_of(page), "action": "pass", "reason": "公章为单位曾用名"})
    cells = sent()
    assert cells == list_row_cells(li, applicant_id, cells)
    assert cells["counts-cell"].startswith("0 / 1") and "机器核验：不通过 1、需复核 1" in cells["counts-cell"]


def test_a_decision_gone_stale_in_a_recheck_comes_with_the_checks_last_progress(desk, tmp_path):
    """The list's 待复核 beside a final decision that a recheck overtook (here: new scans
    turned the verdict from review to fail) showed only after a reload: /events now sends
    the decision cell with the check's end, as the list renders it."""
    from verify.desk import queue

    app, folder, client = desk
    li = client("李审")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-095", files=("扫描/p1.jpg", "扫描/p2-review.jpg")),
                          tmp_path / "A2024-095.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)

    def sent():
        with folder.connection() as conn:
            (row,) = queue.active_rows(conn, {applicant_id})
            return app.state.desk.list_cells(conn, row)

    assert "未决定" in sent()["decision-cell"]
    csrf = page_csrf(li, f"/applicants/{applicant_id}")
    li.post(f"/applicants/{applicant_id}/decision",
            data={"csrf_token": csrf, "decision": "approve", "opinion": "签字页原件已核对"})
    cells = sent()
    assert cells == list_row_cells(li, applicant_id, cells)
    assert "通过" in cells["decision-cell"] and "待复核" not in cells["decision-cell"]

    extra = make_dossier(tmp_path / "more", "A2024-095", files=("扫描/p3-fail.jpg",), metadata=None)
    with open(zip_folder(extra, tmp_path / "extra.zip"), "rb") as fh:
        li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                files={"archive": ("extra.zip", fh, "application/zip")})
    wait_done(li, applicant_id)
    cells = sent()
    assert cells == list_row_cells(li, applicant_id, cells)
    assert '<span class="badge stale" title="作出决定后核验结果或复核决定有变化，请复核">待复核</span>' in cells["decision-cell"]
    assert 'class="badge v-fail"' in cells["verdict-cell"]


def test_an_id_number_in_the_text_read_from_a_page_is_masked_on_the_applicant_page_and_its_report(desk, tmp_path):
    """The applicant's facts and the findings showed the ID number masked, but the text read
    from the ID card (整页识别文字, 框内识别文字, the documents list's 识别文字) showed it whole,
    on the desk's page and in report.html. The info form, which edits the number, still
    shows it whole, as the audit page says it is kept (report.json keeps it whole too)."""
    app, folder, client = desk
    li = client("李审")
    full, masked = APPLICANT["id_number"], "210402********0267"
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-096", files=("扫描/idcard.jpg", "p2-review.jpg")),
                          tmp_path / "A2024-096.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)

    page = li.get(f"/applicants/{applicant_id}").text
    assert "公民身份号码" in page and f"公民身份号码 {masked}" in page and full not in page
    report = li.get(f"/applicants/{applicant_id}/report.html").text
    assert f"公民身份号码 {masked}" in report and full not in report
    assert full in li.get(f"/applicants/{applicant_id}/info").text
    # an ID card is not searched for seals: its 印章 cell says so on both, not 「未发现」
    for html in (page, report):
        assert html.count("未检测（此类材料无须盖章）") == 1 and '<span class="muted">未发现</span>' not in html


def test_the_xlsx_export_shows_a_formula_like_opinion_as_typed_and_never_runs_it():
    """The CSV's guard apostrophe showed in the XLSX's cells ('=1+2): the XLSX marks such
    a cell text with Excel's own quote prefix, as the batch's summary.xlsx does (hostile
    exploration 3)."""
    from openpyxl import load_workbook

    from verify.desk import export

    row = {"key": "A1", "name": "王", "unit": "抚顺市生态环境监测站", "verdict": "pass", "decision": "approve",
           "decision_reason": "=1+2", "decision_by": "李审", "decision_at": "2024-11-05T10:00", "failing": [],
           "link": "http://desk/applicants/1", "decision_stale": False}
    cell = load_workbook(io.BytesIO(export.xlsx_bytes([row]))).active.cell(row=2, column=6)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+2", "s", True)
    assert "'=1+2" in export.csv_text([row])


def test_the_xlsx_export_writes_its_rows_without_scanning_the_sheet_for_each(monkeypatch):
    """Each row asked the sheet for its last row (``max_row``: every cell written so far),
    so 5,000 applicants took a minute of CPU (desk exploration 6, P2; the time is in
    scripts/bench_desk.py --export): the rows are counted instead, with the same cells."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from verify.desk import export

    scans = []
    max_row = Worksheet.max_row
    monkeypatch.setattr(Worksheet, "max_row", property(lambda ws: scans.append(1) or max_row.fget(ws)))
    rows = [{"key": f"A{i}", "name": "王", "unit": "站", "verdict": "fail", "decision": "reject" if i % 2 else "",
             "decision_reason": "=1+2", "decision_by": "李审", "decision_at": "2024-11-05T10:00",
             "failing": [("seal.unit", "印章不是申报单位公章")], "link": f"http://desk/applicants/{i}",
             "decision_stale": i % 3 == 0} for i in range(300)]
    data = export.xlsx_bytes(rows)
    assert len(scans) < 10  # openpyxl's own, when it saves; not one per row
    monkeypatch.undo()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == 301 and sheet.auto_filter.ref == "A1:K301"
    last = sheet.cell(row=301, column=6)
    assert (last.value, last.data_type, last.quotePrefix) == ("=1+2", "s", True)
    assert sheet.cell(row=301, column=11).hyperlink.target == "http://desk/applicants/299"
    assert sheet.cell(row=299, column=5).fill.fgColor.rgb.endswith("FFF2CC")  # 不通过（作出决定后有变化，待复核）: yellow
    assert sheet.cell(row=301, column=5).fill.fgColor.rgb.endswith("F4CCCC")


def _zip_with_skipped_members(zip_path, folder, extra_members=()):
    """``folder`` zipped, plus a member named past 255 bytes and a link member (made on
    Windows or by ``zip -y``), which the desk cannot or will not extract."""
    import zipfile

    zip_folder(folder, zip_path)
    with zipfile.ZipFile(zip_path, "a") as zf:
        zf.writestr(f"{folder.name}/{'专业技术资格证书' * 11}.jpg", b"\xff\xd8 certificate")
        link = zipfile.ZipInfo(f"{folder.name}/link.jpg")
        link.create_system, link.external_attr = 3, (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
        for name, data in extra_members:
            zf.writestr(name, data)
    return zip_path


def test_zip_members_the_desk_does_not_extract_are_named_in_the_report(desk, tmp_path):
    """A too-long name and a link inside an uploaded zip were dropped with a line in the
    server's log only: the report had no word of a file the applicant did hand in
    (hostile exploration 4 P1). Each is named, with why, on every check; a file that
    later comes in under the link's path takes its place."""
    import json

    app, folder, client = desk
    li = client("李审")
    zip_path = _zip_with_skipped_members(tmp_path / "A2024-021.zip",
                                         make_dossier(tmp_path / "in", "A2024-021", files=("p1.jpg",)))
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    long_name = f"{'专业技术资格证书' * 11}.jpg"

    def unreadable(run_no):
        report = folder.run_dir(applicant_id, run_no) / "A2024-021" / "report.json"
        return {u["file"]: u["reason"] for u in json.loads(report.read_text(encoding="utf-8"))["unreadable"]}

    got = unreadable(1)
    assert "文件名过长（超过 255 字节）" in got[long_name]
    assert "符号链接" in got["link.jpg"] and "未解压" in got["link.jpg"]
    page = li.get(f"/applicants/{applicant_id}").text
    assert long_name in page and "压缩包中的符号链接或特殊文件" in page
    assert not (folder.input_dir(applicant_id) / "link.jpg").exists()

    # new scans bring the file under the link's path: the long name is still missing, the link no more
    csrf = page_csrf(li, f"/applicants/{applicant_id}")
    more = make_dossier(tmp_path / "more", "A2024-021", files=("link.jpg",), metadata=None)
    with open(zip_folder(more, tmp_path / "more.zip"), "rb") as fh:
        r = li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": csrf},
                    files={"archive": ("more.zip", fh, "application/zip")})
    assert "已收到 1 个补充文件" in r.text
    wait_done(li, applicant_id)
    got = unreadable(2)
    assert list(got) == [long_name]


def test_a_zip_of_links_only_is_refused_saying_which_members_were_not_extracted(desk, tmp_path):
    import zipfile

    app, folder, client = desk
    li = client("李审")
    zip_path = tmp_path / "A2024-022.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("A2024-022/applicant.yaml", "name: 张伟\n")
        link = zipfile.ZipInfo("A2024-022/p1.jpg")
        link.create_system, link.external_attr = 3, (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    page = li.get(upload_zip(li, zip_path).headers["location"]).text
    assert "没有找到扫描件或 PDF" in page and "压缩包中有 1 个文件未解压：p1.jpg（压缩包中的符号链接" in page


@pytest.mark.parametrize("error, words", [
    ("database disk image is malformed", "审核台的数据库出错（DatabaseError: database disk image is malformed）"),
    ("database or disk is full", "审核台的数据库所在磁盘已满"),
])
def test_a_database_damaged_or_full_while_the_desk_runs_is_a_500_in_chinese(desk, monkeypatch, error, words):
    """Any database error but a lock was a bare English "Internal Server Error"."""
    import sqlite3

    from verify.desk import auth

    app, folder, client = desk
    li = client("李审")
    kind = sqlite3.OperationalError if "full" in error else sqlite3.DatabaseError

    def broken(conn, token):
        raise kind(error)

    monkeypatch.setattr(auth, "find_session", broken)
    r = li.get("/applicants")
    assert r.status_code == 500 and words in r.text and "本次操作未保存" in r.text
    r = li.get("/applicants", headers={"Accept": "application/json"})
    assert r.status_code == 500 and words in r.json()["error"]


def test_a_pages_fetch_by_script_leaves_the_message_for_the_page_the_browser_opens_next(desk, tmp_path):
    """A redirect's message (已撤回…, 已保存…) is shown once, on the next page the browser
    opens. A script fetching a page meanwhile (the applicant page refetching itself on an
    event: after a withdrawal, a 410 page) took it and deleted it, and the list the
    withdrawal redirected to showed nothing (a browser test failed so under load)."""
    app, folder, client = desk
    li = client("李审")
    csrf = page_csrf(li)
    files = [("files", ("A8/扫描/p1.jpg", b"\xff\xd8 x", "image/jpeg"))]
    r = li.post("/applicants/upload", data={"csrf_token": csrf}, files=files, headers={"Accept": "application/json"})
    message = r.json()["message"]
    assert message
    fetched = li.get("/applicants", headers={"Sec-Fetch-Dest": "empty"})
    assert fetched.status_code == 200 and message not in fetched.text
    opened = li.get(r.json()["redirect"], headers={"Sec-Fetch-Dest": "document"}).text
    assert f'class="flash" role="status">{message}' in opened
    assert message not in li.get("/applicants").text  # shown once


def test_logging_out_says_so_on_the_login_page(desk):
    """退出 came back to an empty login page as if nothing had happened (desk used end to
    end as a new reviewer): the login page says who logged out, once."""
    app, folder, client = desk
    li = client("李审")
    out = li.post("/logout", data={"csrf_token": page_csrf(li)})
    assert out.url.path == "/login" and "李审 已退出登录。" in out.text and 'class="flash"' in out.text
    assert "已退出登录" not in li.get("/login").text  # said once
    assert li.get("/applicants", follow_redirects=False).status_code in (302, 303, 307)  # and logged out


def test_an_empty_list_offers_no_exports_and_a_user_named_as_the_role_is_named_once(desk, tmp_path):
    """Exports of no applicant are files with a header only (nothing to hand on), and the admin called 管理员 read
    「管理员（管理员）」 in the page head."""
    app, folder, client = desk
    admin = client("管理员")
    empty = admin.get("/applicants").text
    assert "申报人（0）" in empty and "导出 XLSX" not in empty and "导出 CSV" not in empty
    assert '<a href="/account">管理员</a>' in empty and "管理员（管理员）" not in empty
    li = client("李审")
    checked_applicant(li, tmp_path)
    listing = li.get("/applicants").text
    assert "导出 XLSX" in listing and "导出逐项复核决定 CSV" in listing
    assert '<a href="/account">李审（审核员）</a>' in listing
