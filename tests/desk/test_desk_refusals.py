"""A decision the desk refuses (another reviewer decided first, a recheck is running, the
finding went stale) sends the browser back to the applicant's page (303, Post/Redirect/Get)
with the reason in Chinese and what was typed kept: a reload there shows the page, and
never posts the form again (the page was answered at the form's POST URL, so a reload
asked to resend it)."""
from __future__ import annotations

import re

from conftest import csrf_of, wait_done
from test_desk_app import checked_applicant, finding_ids


def audit_rows(folder) -> int:
    with folder.connection() as conn:
        return conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]


def test_a_refused_finding_decision_redirects_to_the_card_with_the_reason_and_the_text_kept(desk, tmp_path):
    app, folder, client = desk
    li, wang = client("李审"), client("王审")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    ids = finding_ids(page)
    signature = ids["signature.present"]
    li.post(f"/applicants/{applicant_id}/findings/{signature}",
            data={"csrf_token": csrf_of(page), "action": "pass", "reason": "原件已签字"})

    csrf = csrf_of(wang.get(f"/applicants/{applicant_id}").text)
    refused = wang.post(f"/applicants/{applicant_id}/findings/{signature}", follow_redirects=False,
                        data={"csrf_token": csrf, "action": "fail", "reason": "我看也不行"})
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/applicants/{applicant_id}#finding-{signature}"
    shown = wang.get(refused.headers["location"]).text
    assert 'class="flash flash-error"' in shown and "该项已由 李审 改判为通过" in shown and "本次操作未记录" in shown
    card = shown.split(f'id="finding-{signature}"', 1)[1].split("</form>", 1)[0]
    assert "我看也不行</textarea>" in card and "该项已由 李审 改判为通过" in card  # said where it was typed
    before = audit_rows(folder)
    reloaded = wang.get(refused.headers["location"]).text  # a reload: the page, no form sent again
    assert audit_rows(folder) == before and "我看也不行" not in reloaded and "flash-error" not in reloaded

    # the side-by-side panel's refusal and the final decision's go back the same way
    with folder.connection() as conn:
        conn.execute("UPDATE applicants SET state = 'running' WHERE id = ?", (applicant_id,))
    group = wang.post(f"/applicants/{applicant_id}/findings", follow_redirects=False,
                      data={"csrf_token": csrf, "action": "confirm", "rule": "seal.unit",
                            "finding": str(ids["seal.unit"]), "reason": "已核对"})
    assert group.status_code == 303 and group.headers["location"] == f"/applicants/{applicant_id}#group-seal.unit"
    shown = wang.get(group.headers["location"]).text
    assert "该申报人正在重新核验" in shown and "本次勾选的各项均未记录" in shown
    with folder.connection() as conn:
        conn.execute("UPDATE applicants SET state = 'done' WHERE id = ?", (applicant_id,))
    li.post(f"/applicants/{applicant_id}/decision",
            data={"csrf_token": csrf_of(li.get(f"/applicants/{applicant_id}").text), "decision": "reject",
                  "opinion": "印章非申报单位公章"})
    final = wang.post(f"/applicants/{applicant_id}/decision", follow_redirects=False,
                      data={"csrf_token": csrf, "decision": "approve", "opinion": "材料齐全"})
    assert final.status_code == 303 and final.headers["location"] == f"/applicants/{applicant_id}#decision"
    shown = wang.get(final.headers["location"]).text
    assert "最终决定已由 李审 作出" in shown and "材料齐全</textarea>" in shown


def test_a_decision_on_a_finding_a_recheck_replaced_redirects_and_keeps_the_reason(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    signature = finding_ids(page)["signature.present"]
    li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": csrf_of(page)})  # another tab, say
    wait_done(li, applicant_id)
    refused = li.post(f"/applicants/{applicant_id}/findings/{signature}", follow_redirects=False,
                      data={"csrf_token": csrf_of(page), "action": "pass", "reason": "签字为本人所签"})
    assert refused.status_code == 303 and refused.headers["location"].startswith(f"/applicants/{applicant_id}")
    shown = li.get(refused.headers["location"]).text
    # the card typed in is gone (the recheck's findings replaced it): the text is shown at the top
    assert "已不是最新一次核验的结果" in shown and "签字为本人所签" in shown


def test_the_page_without_its_images_carries_the_parts_a_decision_changes(desk, tmp_path):
    """What desk.js fetches after a decision sent in the background: the page without its
    scans (a reload fetched them all again), with the parts it puts in place by id."""
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    whole = li.get(f"/applicants/{applicant_id}").text
    bare = li.get(f"/applicants/{applicant_id}?images=0").text
    assert '<svg class="defs"' in whole and '<svg class="defs"' not in bare
    for part in ('id="decision"', 'id="tiles"', 'id="groups"', 'id="stale"', 'id="history"', 'class="decide"'):
        assert part in bare, part


def test_a_file_too_large_to_read_is_not_hashed_before_the_check(tmp_path, monkeypatch):
    """The desk took the sha256 of every file of an applicant before each check (to tell a
    replaced file from the one decided on), the sparse file of a few KB claiming 200 GB
    too: minutes of the queue for a file the check refuses unread. It is known by its size
    and time; a scan as before by its bytes."""
    import os

    import ocr.cache
    from ocr.errors import MAX_FILE_BYTES
    from verify.desk import intake

    (tmp_path / "扫描").mkdir()
    (tmp_path / "扫描" / "p1.jpg").write_bytes(b"x")
    big = tmp_path / "扫描" / "大.jpg"
    big.write_bytes(b"\xff\xd8\xff")
    os.truncate(big, MAX_FILE_BYTES + 1)
    hashed = []
    real = ocr.cache.file_digest
    monkeypatch.setattr(ocr.cache, "file_digest", lambda path: hashed.append(path.name) or real(path))
    digests = intake.file_digests(tmp_path)
    assert hashed == ["p1.jpg"]
    assert digests["扫描/p1.jpg"] == real(tmp_path / "扫描" / "p1.jpg")
    before = digests["扫描/大.jpg"]
    os.truncate(big, MAX_FILE_BYTES + 2)  # replaced by another such file: not the same
    assert intake.file_digests(tmp_path)["扫描/大.jpg"] != before
