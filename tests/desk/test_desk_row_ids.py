"""Every number the desk's URLs take is a row's (an applicant, a finding, a decision, a
replaced batch): a longer one than SQLite's integer holds was an unhandled OverflowError,
the server's English 「Internal Server Error」, and ``?applicant=²`` on the audit page a
ValueError (hostile exploration 11). Each is now an ordinary page."""
from __future__ import annotations

import pytest

from conftest import page_csrf

BIG = "9" * 25


@pytest.mark.parametrize("url", [f"/applicants/{BIG}", f"/applicants/{BIG}/report.html", f"/applicants/{BIG}/files/a.jpg",
                                 f"/applicants/{BIG}/progress", f"/applicants/{BIG}/info", f"/applicants/{BIG}/signoff",
                                 f"/applicants/1/replaced/{BIG}/a.jpg"])
def test_a_row_number_past_sqlites_integer_in_a_page_url_is_no_such_page(desk, url):
    _, _, client = desk
    response = client("李审").get(url)
    assert response.status_code == 404 and "不存在" in response.text, response.text[:300]


@pytest.mark.parametrize("url", [f"/applicants/{BIG}/findings/1", f"/applicants/1/findings/{BIG}",
                                 f"/applicants/{BIG}/findings", f"/applicants/{BIG}/decision", f"/applicants/1/stale/{BIG}",
                                 f"/applicants/1/stale/{BIG}/take", f"/applicants/{BIG}/recheck",
                                 f"/applicants/{BIG}/scans", f"/applicants/{BIG}/info"])
def test_a_row_number_past_sqlites_integer_in_a_form_url_is_no_such_page(desk, url):
    _, _, client = desk
    li = client("李审")
    response = li.post(url, data={"csrf_token": page_csrf(li), "action": "accept", "reason": "理由", "decision": "pass",
                                  "opinion": "意见"}, follow_redirects=False)
    assert response.status_code == 404, (response.status_code, response.text[:300])


@pytest.mark.parametrize("wanted", [BIG, "²", "١٢"])
def test_an_audit_search_for_a_number_no_row_has_finds_nothing(desk, wanted):
    _, _, client = desk
    response = client("李审").get("/audit", params={"applicant": wanted})
    assert response.status_code == 200, response.text[:300]

