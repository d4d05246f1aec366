"""A final decision stands on the findings as decided: a finding decision changed after
it (an override undone, another reviewer's override) that changes what a finding counts
as marks it for a second look, as a recheck that changes it does (desk exploration 7:
通过 stayed, unmarked, over a finding failing again once its override was undone)."""
from __future__ import annotations

import re

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids


def test_a_finding_decision_changed_after_the_final_decision_marks_it_for_a_second_look(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    ids = finding_ids(li.get(url).text)

    def post(path, **data):
        return li.post(url + path, data={"csrf_token": csrf_of(li.get(url).text), **data})

    def flagged() -> bool:
        with folder.connection() as conn:
            return bool(conn.execute("SELECT decision_stale FROM applicants").fetchone()[0])

    post(f"/findings/{ids['seal.unit']}", action="pass", reason="公章为单位曾用名")
    post(f"/findings/{ids['signature.present']}", action="pass", reason="原件已签字")
    post("/decision", decision="approve")
    assert not flagged()
    post(f"/findings/{ids['seal.present']}", action="confirm")  # a pass confirmed: it counts as before
    assert not flagged()

    post(f"/findings/{ids['seal.unit']}", action="undo", reason="曾用名证明不足")  # fails again
    assert flagged()
    page = li.get(url).text
    assert "作出决定后核验结果或复核决定有变化" in page and "请复核此决定" in page
    assert re.search(r'class="badge stale"[^>]*>待复核<', li.get("/applicants").text)
    assert "通过（作出决定后有变化，待复核）" in li.get("/export.csv").content.decode("utf-8-sig")
    with folder.connection() as conn:
        row = conn.execute("SELECT after FROM audit WHERE action = 'finding.undo'").fetchone()
    assert '"final_stale":true' in row[0]

    post("/decision", decision="reject", opinion="印章非申报单位公章")  # decided again: settled
    assert not flagged()
