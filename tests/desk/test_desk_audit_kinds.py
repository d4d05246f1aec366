"""The audit page lists the reviewers' decisions by default (只看复核决定): a desk used for a
few days was mostly 登录 rows, the decisions lost among them. Every row is kept and
shown under its kind (材料与核验, 用户与登录, 全部记录), each counted beside the filter."""
from __future__ import annotations

import re

from conftest import add_running_applicant, login


def rows_of(page: str) -> list[str]:
    return re.findall(r'<tr data-action="([^"]+)"', page)


def test_logins_are_counted_not_listed_by_default_and_every_row_is_one_click_away(desk):
    from verify.desk import review
    from verify.desk.store import transaction

    app, folder, client = desk
    li = client("李审")
    for _ in range(6):  # a week of mornings
        login(client(), "王审")
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn)
        review.record_run(conn, 1, 1, {"findings": [{"rule": "seal.unit", "status": "fail", "file": "a.jpg",
                                                      "page": 1, "message": "印章单位不符"}]}, "fail", digests={})
        review.decide_finding(conn, 1, 1, "pass", "公章为单位曾用名", "李审")
        total = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]

    page = li.get("/audit").text
    assert rows_of(page) == ["finding.override"]
    assert '<option value="decisions" selected>只看复核决定（1）</option>' in page
    note = re.search(r'<p class="muted small kind-note">(.*?)</p>', page, re.S).group(1)
    assert f"另有 {total - 1} 条其他记录" in note and "用户与登录 " in note and 'href="/audit?kind=all"' in note

    everything = rows_of(li.get("/audit?kind=all").text)
    assert len(everything) == total and everything.count("login") == 7
    users = rows_of(li.get("/audit?kind=users").text)
    assert set(users) == {"login", "user.create"} and users.count("login") == 7
    assert set(rows_of(li.get("/audit?kind=applicants").text)) == {"check.done"}
    # an applicant's record (its page's link) and an action asked for by name are shown whole
    assert rows_of(li.get("/audit?applicant=1").text) == ["finding.override", "check.done"]
    assert len(rows_of(li.get("/audit?action=login").text)) == 7
