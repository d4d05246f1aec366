"""The classifier's kind scores of a page are worked out once (issue 12): the rules
(verify.rules.required.possible_kinds) ask again of pages the classifier scored."""
from __future__ import annotations

import gc

from ocr.model import OcrLine, OcrPage
from verify.read import classify as C


def _page(*texts: str) -> OcrPage:
    return OcrPage(1000, 1400, [OcrLine(t, ((100, 80 + 60 * i), (900, 80 + 60 * i), (900, 120 + 60 * i),
                                            (100, 120 + 60 * i)), 0.95, i) for i, t in enumerate(texts)])


def _counted(monkeypatch) -> list:
    calls = []
    real = C._title_weights

    def weights(page):
        calls.append(page)
        return real(page)

    monkeypatch.setattr(C, "_title_weights", weights)
    return calls


def test_a_page_classified_is_not_scored_again_when_a_rule_asks(monkeypatch):
    from verify.model import PageRead
    from verify.rules.required import possible_kinds

    page = _page("荣誉证书", "张伟同志：", "荣获2021年度抚顺市科学技术进步奖三等奖", "特发此证")
    calls = _counted(monkeypatch)
    kind, _ = C.classify(page)
    first = C.kind_scores(page)
    possible_kinds(PageRead(file="a.jpg", page=1, kind=kind, ocr=page))
    assert len(calls) == 1
    assert first == C._kind_scores(page)


def test_a_page_whose_lines_or_height_change_is_scored_again(monkeypatch):
    calls = _counted(monkeypatch)
    page = _page("荣誉证书", "张伟同志：", "特发此证")
    award = C.kind_scores(page)
    page.lines = page.lines + [OcrLine("2022年度事业单位工作人员年度考核登记表", ((100, 20), (900, 20), (900, 60), (100, 60)),
                                       0.95, 3)]
    assert C.kind_scores(page) == C._kind_scores(page) != award
    page.height = 4000
    C.kind_scores(page)
    assert len(calls) == 4  # three scorings by kind_scores (each change), one by the reference


def test_the_scores_returned_are_the_callers_own_and_a_page_gone_is_forgotten(monkeypatch):
    page = _page("荣誉证书", "张伟同志：", "特发此证")
    scores = C.kind_scores(page)
    scores["award_certificate"] = -1.0
    assert C.kind_scores(page)["award_certificate"] > 0
    key = id(page)
    del page
    gc.collect()
    assert key not in C._SCORED
