"""A card overridden at the desk says so in its head: beside the tool's status badge, the
status after the decision (改判后：通过), styled as that status. The head kept the tool's red
不通过 on a card overridden to pass, the override only in the line at the card's foot, and a
reviewer skimming the cards read the old status (desk exploration 2, D2). report.html, which
has no decisions, is as it was."""
from __future__ import annotations

import re

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids


def head(page: str, finding: int) -> str:
    """The head line (.fhead) of the card whose decision box is ``finding-<finding>``."""
    card = re.search(rf'<article class="finding[^>]*>((?:(?!</article>).)*?id="finding-{finding}".*?)</article>',
                     page, re.S).group(1)
    return re.search(r'<div class="fhead">(.*?)</div>', card, re.S).group(1)


def test_an_overridden_card_shows_its_status_after_the_decision_beside_the_tools(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    page = li.get(url).text
    ids = finding_ids(page)
    seal, signature = ids["seal.unit"], ids["signature.present"]
    assert 'class="badge b-fail"' in head(page, seal)  # the tool's result
    # nothing decided: the place for it is there (the page's script fills it in), empty
    assert f'<span class="after" id="finding-{seal}-after"></span>' in head(page, seal)
    assert "改判后" not in page

    def decide(finding, **data):
        li.post(f"{url}/findings/{finding}", data={"csrf_token": csrf_of(li.get(url).text), **data})
        return li.get(url).text

    page = decide(seal, action="pass", reason="公章为单位曾用名")
    after = re.search(rf'<span class="after" id="finding-{seal}-after">(.*?)</span></span>', head(page, seal)).group(1)
    assert after.startswith('<span class="badge b-pass"') and after.endswith(">改判后：通过")
    assert head(page, seal).index('class="badge b-fail"') < head(page, seal).index("改判后：通过")  # beside the tool's

    # a confirmation keeps the tool's status: nothing after it to show
    page = decide(signature, action="confirm")
    assert f'<span class="after" id="finding-{signature}-after"></span>' in head(page, signature)
    # overridden to fail, the head says so in fail's colour
    review = next(int(m) for m in re.findall(r'data-status="review".*?id="finding-(\d+)"', page, re.S))
    page = decide(review, action="fail", reason="印章模糊，无法辨认")
    assert '<span class="badge b-fail" title="复核人改判后的结果（左侧为核验工具的结果）">改判后：不通过</span>' \
        in head(page, review)

    # undone: the tool's status alone again
    page = decide(seal, action="undo", reason="点错了")
    assert f'<span class="after" id="finding-{seal}-after"></span>' in head(page, seal)
    # report.html has no decisions, and no place for them
    report = li.get(f"{url}/report.html").text
    assert "改判后" not in report and 'class="after"' not in report
