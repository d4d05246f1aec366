"""A final decision marked 待复核 after a 补交 or recheck is kept, once looked at, with one
click (维持原决定), its opinion as it was: the form asked for the decision and the opinion
again, a 退回补正's opinion typed out anew to clear the mark. Audited as a final decision;
another reviewer's is kept only through 改判他人决定, as before."""
from __future__ import annotations

from conftest import csrf_of, wait_done
from test_desk_app import checked_applicant, decide, finding_ids

OPINION = "学历查询结果审核人未签字，请补交签字后的扫描件"


def test_a_decision_marked_for_a_second_look_is_kept_in_one_click(desk, tmp_path, monkeypatch):
    from verify.run import pool

    # the fake reads its answer from the environment: each check in a fresh worker, which inherits it
    monkeypatch.setattr(pool, "WARM_MAX_DOSSIERS", 1)
    app, folder, client = desk
    li = client("李审")
    monkeypatch.setenv("DESK_FAKE_SIGNATURE", "review")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    csrf = csrf_of(page)
    decide(li, applicant_id, csrf, finding_ids(page)["signature.present"], "confirm")
    li.post(f"/applicants/{applicant_id}/decision", data={"csrf_token": csrf, "decision": "return", "opinion": OPINION})
    assert "维持原决定（" not in li.get(f"/applicants/{applicant_id}").text  # nothing to keep it through

    monkeypatch.setenv("DESK_FAKE_SIGNATURE", "fail")  # the recheck reads the signature otherwise
    li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": csrf})
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    assert "请复核此决定：1 项复核决定已过期" in page and "维持原决定（退回补正）" in page
    # 王审 sees no such button: another's decision is changed only as 改判他人决定
    wang = client("王审")
    assert "维持原决定（" not in wang.get(f"/applicants/{applicant_id}").text
    refused = wang.post(f"/applicants/{applicant_id}/decision",
                        data={"csrf_token": csrf_of(wang.get(f"/applicants/{applicant_id}").text), "keep": "1"})
    assert "最终决定已由 李审 作出" in refused.text

    kept = li.post(f"/applicants/{applicant_id}/decision", data={"csrf_token": csrf, "keep": "1"})
    assert "已维持原最终决定" in kept.text and "维持原决定（" not in kept.text and "请复核此决定" not in kept.text
    with folder.connection() as conn:
        row = conn.execute("SELECT decision, decision_reason, decision_by, decision_stale FROM applicants").fetchone()
        assert tuple(row) == ("return", OPINION, "李审", 0)
        last = conn.execute("SELECT action, before, after, reason FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        assert last["action"] == "decision.final" and last["reason"] == OPINION and '"return"' in last["before"]
