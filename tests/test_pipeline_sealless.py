"""A page of a kind that needs no seal (a paper, an ID card, a continuing-education
certificate…) is not searched for seals: no rule reads its seals (seal.present and
seal.unit weigh the documents of kinds that need one, a document being one kind's
pages), and the search and reading were a quarter of what the whole check cost over
its OCR (issue 12). The report says the seal was not looked for, not 「未发现」."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.model import OcrPage
from verify.campaign import campaign_for
from verify.model import Applicant
from verify.run import pipeline


def _campaign_kinds():
    campaign = campaign_for(None, None)
    sealless = frozenset(k for k, r in campaign.documents.items() if not r.seal)
    unitless = frozenset(k for k, r in campaign.documents.items() if not r.seal_names_unit)
    return sealless, unitless


def _stamped_page():
    """A white page with a red ring and star drawn on it, like a seal's."""
    image = np.full((1400, 1000, 3), 255, np.uint8)
    cv2.circle(image, (650, 1000), 120, (40, 40, 210), 8)
    cv2.circle(image, (650, 1000), 30, (40, 40, 210), -1)
    return image


@pytest.mark.parametrize("kind, sought", [("paper", False), ("id_card", False), ("continuing_education", False),
                                          ("annual_assessment", True), ("other", True)])
def test_seals_are_sought_only_on_pages_of_kinds_that_may_need_one(monkeypatch, kind, sought):
    sealless, unitless = _campaign_kinds()
    import verify.marks.seals as seals
    import verify.read.classify as classify

    calls = []
    real = seals.search_seals
    monkeypatch.setattr(seals, "search_seals", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, units, **kw: found)
    monkeypatch.setattr(classify, "classify", lambda ocr: (kind, 0.9))

    class Result:
        index, ocr, image = 1, OcrPage(width=1000, height=1400), _stamped_page()

    read = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {},
                              sealless, unitless)
    assert read.kind == kind
    assert bool(calls) is sought
    assert (pipeline.SEALS_NOT_SOUGHT in read.fields) is not sought
    # the red ring drawn is seen (as seal-like red ink: it has no seal's texture) only where sought
    assert bool(read.seals or pipeline.SEAL_INK in read.fields) is sought
    assert read.thumbnail_jpeg, "the page is shown either way"


def test_the_kinds_left_unsearched_are_exactly_those_no_seal_rule_weighs():
    campaign = campaign_for(None, None)
    sealless, _ = _campaign_kinds()
    weighed = set(campaign.kinds_where("seal")) | set(campaign.kinds_where("seal_names_unit"))
    assert sealless and not sealless & weighed
    assert "other" not in sealless  # a page of no kind may yet take one (join_continuations)
    # the pipeline's own readers of a page's seals: dates under a seal (evidence.after_title), the
    # grade mark beside the red seals (annual_assessment), signature fields placed round the seals
    assert not sealless & set(pipeline.DATED_AT_FOOT) and "annual_assessment" not in sealless
    assert not sealless & set(campaign.kinds_where("signature"))


def test_the_report_says_a_seal_was_not_looked_for_rather_than_not_found():
    from verify.report.html import render_html

    report = {"key": "k", "applicant": {"name": "张伟"}, "findings": [], "documents": [
        {"file": "scans/论文.jpg", "page": 1, "kind": "paper", "fields": {pipeline.SEALS_NOT_SOUGHT: "1"}},
        {"file": "scans/考核表.jpg", "page": 1, "kind": "annual_assessment", "fields": {}}]}
    html = render_html(report)
    assert html.count("未检测（此类材料无须盖章）") == 1
    assert html.count('<span class="muted">未发现</span>') == 1
    assert "seals_not_sought" not in html and "其他信息" not in html


@pytest.mark.parametrize("kind, traits, cut, read_it", [
    ("title_certificate", ("ring_text", "star"), 0.0, False),  # the issuer's seal: its star makes it one
    ("award_certificate", ("star",), 0.0, False),
    ("title_certificate", ("ring_text",), 0.0, True),  # no star: its reading tells a seal from a printed logo
    ("title_certificate", ("ring_text", "star"), 0.4, True),  # a 骑缝章's part: its review quotes the reading
    ("annual_assessment", ("ring_text", "star"), 0.0, True),  # seal.unit weighs whose seal it is
])
def test_a_seal_no_rule_reads_is_shown_but_not_read(monkeypatch, kind, traits, cut, read_it):
    """On a page of a kind whose seal's name no rule weighs (the campaign's ``seal_names_unit: false``), a whole seal
    with a star is a seal whatever it reads (``confirm``, ``seal.present``'s ``is_seal``): it is kept, its crop shown,
    and not read; any other seal there is read as before (issue 12: 0.28 of the sample's 1.34 CPU-s of reading)."""
    sealless, unitless = _campaign_kinds()
    import verify.marks.seals as seals
    import verify.read.classify as classify
    from verify.marks.seals.candidates import PageSeals
    from verify.model import SealMark
    from verify.rules.seal_present import is_seal

    mark = SealMark((530, 880, 770, 1120), 0.9, color="red", certain=True, traits=traits, cut=cut)
    other = SealMark((100, 100, 300, 300), 0.8, color="red", certain=True, traits=("ring_text",))
    read = []
    monkeypatch.setattr(seals, "search_seals", lambda *a, **k: PageSeals([mark, other]))
    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, units, **kw: read.extend(found) or found)
    monkeypatch.setattr(classify, "classify", lambda ocr: (kind, 0.9))

    class Result:
        index, ocr, image = 1, OcrPage(width=1000, height=1400), _stamped_page()

    page = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {},
                              sealless, unitless)
    assert page.seals == [mark, other], "every seal found is kept, in its order"
    assert any(s is other for s in read), "a seal without a star is read"
    assert any(s is mark for s in read) is read_it
    if not read_it:
        assert mark.text is None and mark.crop_png, "the report shows its crop"
        assert is_seal(mark), "seal.present counts it as a seal unread"
