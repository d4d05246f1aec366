"""Pages printed in traditional characters, read again by the second recogniser.

PP-OCRv4, the page-text recogniser, knows few traditional forms: on a form of Hong
Kong or Macao it drops or misreads them (專業技術資格評審推薦表 read 專業技術資格推表,
單位推薦意見 read 單位推意見, the applicant 陳國棟 read 陳國), and folding the reading to
simplified characters (:func:`verify.read.hanzi.simplified_page`) cannot bring back a
character dropped: probe trust14's clean C42 failed dossier.required (推荐表 not found)
and P44 had the name unconfirmed on seven pages. The second recogniser, PP-OCRv6 small
(the seal model, already loaded for seals; ``engine.read_seal_line``), reads them: on
C42's recommendation form it read whole the 12 of 31 lines where v4 dropped or
misread a character, the other 19 alike.

Only a page whose own reading already shows traditional print is read again
(:func:`printed_in_traditional`: at least :data:`TRADITIONAL_LINES` lines holding at
least :data:`TRADITIONAL_CHARS` traditional characters in all). In the OCR caches of
earlier probe rounds and benchmarks (about 7,600 pages printed in simplified
characters) no page has more than two such lines (v4 reads 真 as 眞 now and then), so
ordinary pages cost nothing more; a traditional page costs one more recognition of
each line (0.8 CPU-s for C42's 31 lines). Text-layer pages are exact and not read again.

A line takes the second reading (its text, score and probabilities) only where
:func:`better_reading` says so: it says something else (both folded to simplified),
is legible, and the second recogniser is at least as sure or it holds the first
reading's characters in order and more (what the first dropped). A reading with a
superscript or other number form is never taken (v6 read 2024年10月 as 2024年1⁰月).
"""
from __future__ import annotations

import dataclasses
import unicodedata

from verify.read.hanzi import simplified

#: a page with at least this many lines holding a traditional character ...
TRADITIONAL_LINES = 3
#: ... and at least this many traditional characters in all is read again
TRADITIONAL_CHARS = 6
#: a second reading with a lower score is never taken
LEGIBLE_SCORE = 0.9


def traditional_count(text: str) -> int:
    """How many characters of ``text`` are traditional forms (a simplified form of
    their own, one character).

    >>> traditional_count("專業技術資格推表"), traditional_count("专业技术资格评审推荐表 2024")
    (4, 0)
    """
    return sum(a != b for a, b in zip(text, simplified(text)))


def printed_in_traditional(page) -> bool:
    """Whether ``page`` (an :class:`ocr.model.OcrPage`) reads as printed in traditional
    characters.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (9, 0), (9, 9), (0, 9))
    >>> lines = lambda *ts: OcrPage(99, 99, [OcrLine(t, box, 0.9, i) for i, t in enumerate(ts)])
    >>> printed_in_traditional(lines("專業技術資格推表", "推薦單位：撫順市", "單位推意見："))
    True
    >>> printed_in_traditional(lines("认眞完成监测工作", "工作认眞负责", "年度考核登记表"))
    False
    """
    counts = [traditional_count(line.text) for line in page.lines]
    return sum(1 for n in counts if n) >= TRADITIONAL_LINES and sum(counts) >= TRADITIONAL_CHARS


def _in_order(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def better_reading(first: str, first_score: float, second: str, second_score: float) -> bool:
    """Whether a line read ``first`` by the page's recogniser takes the second
    recogniser's reading ``second``.

    >>> better_reading("專業技術資格推表", 0.90, "專業技術資格評審推薦表", 1.00)
    True
    >>> better_reading("申報人字：", 0.99, "申報人簽字：", 0.96)  # the first dropped 簽
    True
    >>> better_reading("2024年10月22日", 1.00, "2024年1⁰月22日", 0.96)
    False
    >>> better_reading("性别", 1.00, "性别", 0.81), better_reading("漢族", 0.85, "汉族", 0.99)
    (False, False)
    >>> better_reading("撕順市生熊環境測站", 0.80, "撫順市生態環境監測站", 0.85)
    False
    """
    a, b = simplified(first), simplified(second)
    if a == b or not b.strip() or second_score < LEGIBLE_SCORE:
        return False
    if any(unicodedata.category(c) == "No" for c in second):
        return False
    return second_score >= first_score or (len(b) > len(a) and _in_order(a, b))


def reread_traditional(page_result, engine):
    """The OCR page of ``page_result`` (an :class:`ocr.pipeline.PageResult`, or what
    holds ``ocr`` and ``image``), its lines read again by ``engine.read_seal_line``
    where the page is printed in traditional characters and the second reading is
    better (:func:`better_reading`); the page itself otherwise (nothing copied): an
    engine with no second recogniser, a text-layer page, a page with no image."""
    page = page_result.ocr
    reader = getattr(engine, "read_seal_line", None)
    if reader is None or str(page.source).startswith("text_layer") or not printed_in_traditional(page):
        return page
    try:
        image = page_result.image
        image = image() if callable(image) else image
    except ValueError:  # a result with no image (stored text only)
        return page
    if image is None:
        return page
    import numpy as np

    from ocr.engines.ppocr import crop_text_line

    lines, changed = [], False
    for line in page.lines:
        strip = crop_text_line(image, np.asarray(line.box, np.float32))
        second = reader(strip) if min(strip.shape[:2]) >= 2 else None
        if second is not None and better_reading(line.text, line.score, second.text, second.score):
            lattice = second.lattice
            if lattice is not None:  # the strip's frames put back on the page
                lattice = lattice.moved(float(min(p[0] for p in line.box)))
            lines.append(dataclasses.replace(line, text=second.text, score=float(second.score), lattice=lattice))
            changed = True
        else:
            lines.append(line)
    return dataclasses.replace(page, lines=lines) if changed else page
