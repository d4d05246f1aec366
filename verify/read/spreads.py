"""Two-up spreads: two pages side by side in one image (an A3 scan of a booklet,
two A4 sheets on one flatbed pass, an opened journal).

Read as one page, a spread is one document whose text interleaves two: the left
form's year beside the right form's, one kind for both, and every seal or signature
belonging to either. Read as two halves, each is the document it is.

A page is split only where the two halves are, from their own text, two documents:
a clear vertical gutter no line crosses, near the middle of a landscape image, and
on each side a page of a kind of its own — two kinds, or the same kind with the
each half starting with a title of its own (2021 and 2022 annual forms side by side;
a 推荐表 beside a 公示结果), or a journal's cover beside a paper. One document laid over
the two halves (a form's top on the left, its foot on the right; a certificate opened
flat, the holder's particulars on the left and its title on the right) is never split:
one of its halves starts no document of its own.

>>> from ocr.model import OcrLine, OcrPage
>>> def line(text, x, y, w=500):
...     return OcrLine(text, ((x, y), (x + w, y), (x + w, y + 40), (x, y + 40)), 0.95)
>>> form = lambda x, year: [line(f"{year}年度事业单位工作人员年度考核登记表", x + 80, 100),
...                         line("姓名 韩晓东", x + 60, 250, 300), line("单位考核意见", x + 60, 900, 300),
...                         line(f"确定该同志{year}年度考核等次为：合格", x + 60, 960), line("单位（盖章）", x + 300, 1100, 200)]
>>> spread = OcrPage(2520, 1794, form(0, 2021) + form(1260, 2022))
>>> spread_gutter(spread)  # the middle of the band no line covers, between the halves' text
1138
>>> left, right = split_at(spread, 1138)
>>> [l.text[:4] for l in left.lines], [l.text[:4] for l in right.lines]
(['2021', '姓名 韩', '单位考核', '确定该同', '单位（盖'], ['2022', '姓名 韩', '单位考核', '确定该同', '单位（盖'])

One form over both halves is one page (the right half has no title of its own):

>>> top = [line("2021年度事业单位工作人员年度考核登记表", 80, 100), line("姓名 韩晓东", 60, 250, 300),
...        line("本人总结", 60, 400, 300), line("2021年，本人认真学习业务知识", 60, 460)]
>>> foot = [line("主管领导评语和考核等次建议", 1320, 100), line("单位考核意见", 1320, 400, 300),
...         line("确定该同志2021年度考核等次为：合格", 1320, 460), line("单位（盖章）", 1600, 600, 200)]
>>> spread_gutter(OcrPage(2520, 1794, top + foot)) is None
True

Nor is a portrait page, or a landscape page whose lines cross the middle:

>>> spread_gutter(OcrPage(1794, 2520, form(0, 2021) + form(900, 2022))) is None
True
>>> spread_gutter(OcrPage(2520, 1794, form(0, 2021) + form(1260, 2022) + [line("公示期：2024年10月8日至14日", 900, 1500, 900)])) is None
True
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ocr.model import OcrPage

#: a spread is landscape: two portrait pages side by side (A3 is √2 : 1)
_MIN_ASPECT = 1.15
#: the gutter lies in this middle band of the width
_MIDDLE = (0.38, 0.62)
#: and is at least this share of the width free of text
_MIN_GUTTER = 0.02
#: lines each half needs to be a page of its own
_MIN_LINES = 4

#: the half of a spread a PageRead holds (``PageRead.part``; 0 is the whole image)
LEFT, RIGHT = 1, 2


def _free_run(page: OcrPage) -> tuple[int, int] | None:
    """The run of columns in the middle band no line covers, nearest the middle."""
    w = int(page.width)
    lo, hi = int(w * _MIDDLE[0]), int(w * _MIDDLE[1])
    covered = np.zeros(hi - lo, dtype=bool)
    for l in page.lines:
        x0, _, x1, _ = l.bbox
        a, b = max(x0, lo), min(x1 + 1, hi)
        if a < b:
            covered[a - lo:b - lo] = True
    runs, start = [], None
    for i, c in enumerate([*covered, True]):
        if not c and start is None:
            start = i
        elif c and start is not None:
            runs.append((lo + start, lo + i))
            start = None
    runs = [r for r in runs if r[1] - r[0] >= _MIN_GUTTER * w]
    if not runs:
        return None
    return min(runs, key=lambda r: abs((r[0] + r[1]) / 2 - w / 2))


def split_at(page: OcrPage, gutter: int) -> tuple[OcrPage, OcrPage]:
    """The page's lines left and right of ``gutter``, each half in the whole image's
    coordinates (its boxes, seals and signatures stay where the image has them)."""
    left = [l for l in page.lines if (l.bbox[0] + l.bbox[2]) / 2 < gutter]
    right = [l for l in page.lines if (l.bbox[0] + l.bbox[2]) / 2 >= gutter]
    return (dataclasses.replace(page, lines=left, timings={}), dataclasses.replace(page, lines=right, timings={}))


def spread_gutter(page: OcrPage) -> int | None:
    """The x of the gutter between the two pages of a spread, or None when the page
    is one document (see the module's doc)."""
    from verify.read.classify import classify

    if not page.lines or page.width < _MIN_ASPECT * page.height or len(page.lines) < 2 * _MIN_LINES:
        return None
    run = _free_run(page)
    if run is None:
        return None
    gutter = (run[0] + run[1]) // 2
    left, right = split_at(page, gutter)
    if len(left.lines) < _MIN_LINES or len(right.lines) < _MIN_LINES:
        return None
    (kind_l, _), (kind_r, _) = classify(left), classify(right)
    if "other" in (kind_l, kind_r):
        return None
    if kind_l != kind_r and {kind_l, kind_r} <= _JOURNAL_KINDS:
        return gutter  # a journal's cover or contents beside a paper
    if _titled_at_top(left, kind_l) and _titled_at_top(right, kind_r):
        return gutter
    # one half continues the other's document, or may: a certificate opened flat has
    # the holder's particulars on the left, its title, date and seal on the right
    return None


#: kinds known by their layout, not a title: a journal's cover beside its paper's first page
_JOURNAL_KINDS = frozenset({"journal_cover", "journal_toc", "paper"})
#: words that name an ID card wherever they stand on it (it has no title line)
_CARD_WORDS = ("居民身份证", "公民身份号码")


def _titled_at_top(page: OcrPage, kind: str) -> bool:
    """Whether ``page`` starts a document of ``kind``: its topmost line (past a label
    of a few characters such as 附件2) names the document (a cue of
    :data:`~verify.read.classify.TITLE_CUE` weight), or it is an ID card copy. A form's
    foot starts with 主管领导评语和考核等次建议, which names no document.

    >>> from ocr.model import OcrLine
    >>> box = lambda y: ((0, y), (400, y), (400, y + 40), (0, y + 40))
    >>> _titled_at_top(OcrPage(1000, 1400, [OcrLine("附件2", box(20), 0.9), OcrLine("公示结果", box(80), 0.9)]),
    ...                "publicity_result")
    True
    >>> _titled_at_top(OcrPage(1000, 1400, [OcrLine("主管领导评语和考核等次建议", box(20), 0.9),
    ...                                     OcrLine("确定该同志2021年度考核等次为：合格", box(80), 0.9)]), "annual_assessment")
    False
    """
    from verify.read.classify import KIND_CUES, TITLE_CUE, _clean, _match

    if kind == "id_card":
        return any(w in _clean(l.text) for l in page.lines for w in _CARD_WORDS)
    cues = [c for c in KIND_CUES.get(kind, ()) if c.title >= TITLE_CUE]
    for line in sorted(page.lines, key=lambda l: l.bbox[1]):
        text = _clean(line.text).lower()
        if any(_match(c.word, text) >= 0.8 for c in cues):
            return True
        if len(text) > 4:
            return False
    return False


def half_image(image: np.ndarray, gutter: int, part: int) -> np.ndarray:
    """The spread's image with the other half blanked (white): the half's seals,
    signatures and thumbnail are searched and drawn where the whole image has them.

    >>> im = np.zeros((2, 4, 3), np.uint8)
    >>> half_image(im, 2, LEFT)[0, :, 0].tolist(), half_image(im, 2, RIGHT)[0, :, 0].tolist()
    ([0, 0, 255, 255], [255, 255, 0, 0])
    """
    out = image.copy()
    if part == LEFT:
        out[:, gutter:] = 255
    else:
        out[:, :gutter] = 255
    return out
