"""A stale decision (its finding gone or changed in a recheck) is set aside once the
reviewer has looked at it, with a reason, audited; the list of stale decisions kept
every one for good, each saying 需重新决定, also those whose finding no longer exists
(desk exploration 7)."""
from __future__ import annotations

from conftest import add_running_applicant, csrf_of


def missing(what: str) -> dict:
    return {"rule": "dossier.required", "status": "fail", "file": None, "page": None,
            "message": f"缺少必备材料：{what}", "value": None, "expected": what}


def test_a_stale_decision_is_set_aside_with_a_reason_and_audited(desk):
    from verify.desk import review
    from verify.desk.store import transaction

    app, folder, client = desk
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn)
        review.record_run(conn, 1, 1, {"findings": [missing("推荐表"), missing("公示结果")]}, "fail", digests={})
        first = conn.execute("SELECT id FROM findings ORDER BY position").fetchone()[0]
        review.decide_finding(conn, 1, first, "pass", "推荐表已另行报送", "王审")
        review.record_run(conn, 1, 2, {"findings": [missing("公示结果")]}, "fail", digests={})  # handed in
        decision = review.stale_decisions(conn, 1)[0]["id"]
    li = client("李审")
    page = li.get("/applicants/1").text
    stale = page.split("过期的复核决定", 1)[1].split("</section>", 1)[0]
    assert f'action="/applicants/1/stale/{decision}"' in stale and "移除" in stale

    url = f"/applicants/1/stale/{decision}"
    refused = li.post(url, data={"csrf_token": csrf_of(page), "reason": ""})
    assert "移除过期的复核决定须填写理由" in refused.text
    done = li.post(url, data={"csrf_token": csrf_of(page), "reason": "推荐表已补交，该项已无"})
    assert "已移除该过期的复核决定" in done.text and "过期的复核决定（" not in li.get("/applicants/1").text
    with folder.connection() as conn:
        assert conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
    row = li.get("/audit?applicant=1").text.split('data-action="finding.dismiss"', 1)[1].split("</tr>", 1)[0]
    assert "必备材料齐全" in row and "推荐表已另行报送" in row and "王审" in row and "推荐表已补交，该项已无" in row
    # once only; a standing decision is undone on its card
    assert "该过期的复核决定不存在或已移除" in li.post(f"/applicants/1/stale/{decision}",
                                             data={"csrf_token": csrf_of(page), "reason": "再来"}).text
