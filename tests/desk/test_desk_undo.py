"""A reviewer undoes a decision made by mistake (desk exploration 7, D8): a finding's
confirmation or override, or the final decision, with a reason; the finding is undecided
again (its tool's result counts), and the audit trail keeps the decision and its undoing."""
from __future__ import annotations

import json
import re

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids


def post(client, url, **data):
    page = client.get(url.split("/findings")[0].split("/decision")[0]).text
    return client.post(url, data={"csrf_token": csrf_of(page), **data})


def test_a_finding_decision_made_by_mistake_is_undone_with_a_reason_and_both_are_audited(desk, tmp_path):
    app, folder, client = desk
    li, wang = client("李审"), client("王审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    signature = finding_ids(li.get(url).text)["signature.present"]
    finding = f"{url}/findings/{signature}"
    card = lambda page: page.split(f'id="finding-{signature}"', 1)[1].split("</form>", 1)[0]  # noqa: E731

    assert "撤销决定" not in card(li.get(url).text)  # nothing to undo yet
    assert "该项尚无复核决定" in post(li, finding, action="undo", reason="点错了").text
    post(li, finding, action="pass", reason="原件已签字")
    page = li.get(url).text
    assert "class=\"decided d-pass\"" in card(page) and 'value="undo"' in card(page)
    assert "1 / 0" in li.get("/applicants").text  # fail 1, review 0 after the override

    # a reason is required; another reviewer needs 改判他人决定
    refused = post(li, finding, action="undo", reason=" ")
    assert "撤销复核决定须填写理由" in refused.text and 'class="decided d-pass"' in card(refused.text)
    refused = post(wang, finding, action="undo", reason="不应改判")
    assert "该项已由 李审 改判为通过" in refused.text and 'class="decided d-pass"' in card(refused.text)

    done = post(li, finding, action="undo", reason="点错了，应为需复核")
    assert "已撤销该项的复核决定" in done.text
    page = li.get(url).text
    assert "class=\"decided" not in card(page) and 'value="undo"' not in card(page)
    assert "1 / 1" in li.get("/applicants").text  # the review counts again
    with folder.connection() as conn:
        assert conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0

    trail = li.get(f"/audit?applicant={applicant_id}").text
    assert "改判核验结果" in trail and "撤销复核决定" in trail and "点错了，应为需复核" in trail
    undo_row = trail.split('data-action="finding.undo"', 1)[1].split("</tr>", 1)[0]
    assert "签字栏已签字" in undo_row and "原件已签字" in undo_row and "李审" in undo_row
    assert "审计记录完整" in li.get("/audit?full=1").text

    # another reviewer undoes a decision only as an explicit supersede, audited as such
    post(li, finding, action="confirm")
    post(wang, finding, action="undo", reason="李审的确认有误", supersede="1")
    assert "class=\"decided" not in card(li.get(url).text)
    assert "撤销他人决定" in li.get(f"/audit?applicant={applicant_id}").text


def test_a_final_decision_made_by_mistake_is_undone_with_a_reason(desk, tmp_path):
    app, folder, client = desk
    li, wang = client("李审"), client("王审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    assert 'name="undo"' not in li.get(url).text
    post(li, f"{url}/decision", decision="reject", opinion="印章非申报单位公章")
    page = li.get(url).text
    assert re.search(r'class="decision-by">李审<', page) and 'name="undo"' in page

    assert "撤销最终决定须填写理由" in post(li, f"{url}/decision", undo="1", opinion="").text
    assert "最终决定已由 李审 作出" in post(wang, f"{url}/decision", undo="1", opinion="我来定").text
    done = post(li, f"{url}/decision", undo="1", opinion="选错了，应退回补正")
    assert "最终决定已撤销" in done.text
    page = li.get(url).text
    assert "decision-by" not in page and 'name="undo"' not in page
    assert "未决定" in li.get("/applicants").text
    with folder.connection() as conn:
        row = conn.execute("SELECT decision, decision_by, decision_reason FROM applicants").fetchone()
        assert tuple(row) == (None, None, None)
    trail = li.get(f"/audit?applicant={applicant_id}").text
    assert "最终决定" in trail and "撤销最终决定" in trail and "选错了，应退回补正" in trail
    assert "印章非申报单位公章" in trail.split('data-action="decision.undo"', 1)[1].split("</tr>", 1)[0]  # what was undone


def test_changing_or_undoing_anothers_decision_is_refused_in_one_wording(desk, tmp_path):
    """Deciding and undoing, on a finding or the final decision, each spelt out the
    「改判他人决定」 refusal (撤销 for 更改); they are one function, review.not_yours."""
    from verify.desk.review import not_yours

    app, folder, client = desk
    li, wang = client("李审"), client("王审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    signature = finding_ids(li.get(url).text)["signature.present"]
    post(li, f"{url}/findings/{signature}", action="pass", reason="原件已签字")
    post(li, f"{url}/decision", decision="reject", opinion="印章非申报单位公章")
    finding = {"user_name": "李审", "action": "pass"}
    final = {"decision_by": "李审", "decision": "reject"}
    for data, expected in (
            ({"action": "confirm"}, not_yours(finding)),
            ({"action": "undo", "reason": "不应改判"}, not_yours(finding, undo=True))):
        assert str(expected) in post(wang, f"{url}/findings/{signature}", **data).text
    for data, expected in (
            ({"decision": "approve", "opinion": "同意"}, not_yours(final, final=True)),
            ({"undo": "1", "opinion": "我来定"}, not_yours(final, final=True, undo=True))):
        assert str(expected) in post(wang, f"{url}/decision", **data).text
    assert str(not_yours(final, final=True, undo=True)) == "最终决定已由 李审 作出（不通过）；如需撤销，请勾选“改判他人决定”并填写理由"


def test_the_undone_decisions_time_reads_as_the_other_times_on_the_audit_page(desk, tmp_path):
    """The undo row's 之前 named the decision's time as stored, 「2026-12-07T12:53:16+00:00」,
    beside rows whose times read 2026-12-07 12:53 (found using the desk end to end)."""
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    finding = f"{url}/findings/{finding_ids(li.get(url).text)['signature.present']}"
    post(li, finding, action="confirm")
    post(li, finding, action="undo", reason="误点确认")
    with folder.connection() as conn:
        stored = conn.execute("SELECT before FROM audit WHERE action = 'finding.undo'").fetchone()[0]
    decided_at = json.loads(stored)["at"]
    assert "T" in decided_at  # stored whole (the hash chain covers it)

    undo_row = li.get(f"/audit?applicant={applicant_id}").text.split('data-action="finding.undo"', 1)[1]
    undo_row = undo_row.split("</tr>", 1)[0]
    assert decided_at not in undo_row and "+00:00" not in undo_row
    assert decided_at[:16].replace("T", " ") in undo_row


def test_the_reason_box_says_an_undo_needs_a_reason_once_there_is_a_decision_to_undo(desk, tmp_path):
    """The box said 理由（改判时必填） beside 撤销决定, which was then refused for want of a
    reason (found using the desk end to end): once a decision stands, the box says so."""
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    signature = finding_ids(li.get(url).text)["signature.present"]
    card = lambda page: page.split(f'id="finding-{signature}"', 1)[1].split("</form>", 1)[0]  # noqa: E731

    assert 'placeholder="理由（改判时必填）"' in card(li.get(url).text)  # no decision: no undo
    post(li, f"{url}/findings/{signature}", action="confirm")
    decided = card(li.get(url).text)
    assert 'value="undo"' in decided and 'placeholder="理由（改判、撤销时必填）"' in decided
