"""The status filter of an applicant's page (不通过 N / 需复核 N / 通过 N) follows each
finding's status after the reviewer's decision, as the tiles above it count: a finding
overridden to 通过 still sat under 不通过 and was counted there (desk exploration 3, D2).
report.html, which has no decisions, files each card under the tool's status."""
from __future__ import annotations

import re

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids


def filter_counts(page: str) -> dict[str, int]:
    return {s: int(n) for s, n in re.findall(r'<button type="button" data-filter="(\w+)"[^>]*>[^<]*<b>(\d+)</b>', page)}


def filed_under(page: str, finding: int) -> str:
    """The status the filter files the card holding ``finding-<finding>`` under."""
    card = re.search(rf'<article class="finding[^>]*>(?:(?!</article>).)*?id="finding-{finding}"', page, re.S).group(0)
    return re.search(r'data-filter-as="(\w+)"', card).group(1)


def test_the_filter_and_its_counts_follow_the_reviewers_decisions(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    page = li.get(url).text
    seal = finding_ids(page)["seal.unit"]
    before = filter_counts(page)
    assert before["fail"] >= 1 and filed_under(page, seal) == "fail"

    def decide(finding, **data):
        li.post(f"{url}/findings/{finding}", data={"csrf_token": csrf_of(li.get(url).text), **data})
        return li.get(url).text

    page = decide(seal, action="pass", reason="公章为单位曾用名")
    assert filed_under(page, seal) == "pass"
    assert filter_counts(page) == {**before, "fail": before["fail"] - 1, "pass": before["pass"] + 1}
    # the card keeps the tool's status beside it (its badge, data-status)
    assert re.search(rf'data-status="fail"[^>]*data-filter-as="pass"(?:(?!</article>).)*?id="finding-{seal}"',
                     page, re.S)

    # a review confirmed stays under 需复核; one overridden to fail moves there
    review = next(int(m) for m in re.findall(r'data-status="review".*?id="finding-(\d+)"', page, re.S))
    page = decide(review, action="confirm")
    assert filed_under(page, review) == "review"
    page = decide(review, action="fail", reason="印章模糊，无法辨认")
    assert filed_under(page, review) == "fail"
    assert filter_counts(page) == {**before, "review": before["review"] - 1, "pass": before["pass"] + 1}

    # undone: back under the tool's status, counted there
    page = decide(seal, action="undo", reason="点错了")
    page = decide(review, action="undo", reason="点错了")
    assert filed_under(page, seal) == "fail" and filter_counts(page) == before

    # report.html: each card under its own status, the tool's counts
    report = li.get(f"{url}/report.html").text
    assert filter_counts(report) == before
    pairs = re.findall(r'data-status="(\w+)" data-filter-as="(\w+)"', report)
    assert pairs and all(a == b for a, b in pairs)
