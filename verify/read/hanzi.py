"""Chinese characters (CJK Unified Ideographs, U+4E00-U+9FFF) in recognised text:
which characters are ones, and how many a reading holds. Seal and signature
readings are weighed by how much of them is Chinese (a name has Chinese characters;
a rim, a seal code or noise reads as digits, letters and punctuation).

>>> is_cjk("抚"), is_cjk("A"), is_cjk("〇")
(True, False, False)
>>> cjk_count("抚顺市2104-X站")
4

Seals are often engraved, and read, in traditional forms (撫順, 環境, 監測): the
same characters as the simplified names applicants write, which :func:`simplified`
folds to (OpenCC's character table, one character for one).

>>> simplified("撫順市環境監測站 No.1")
'抚顺市环境监测站 No.1'

A whole page may be printed in traditional characters (a form of Hong Kong or Macao,
a unit's own template: 專業技術資格評審推薦表, 年度考核登記表, 簽字): every rule reads
its words in simplified characters, so :func:`simplified_page` folds each line of it.
"""
from __future__ import annotations

import functools


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def cjk_count(text: str) -> int:
    return sum(1 for c in text if is_cjk(c))


def simplified_page(page):
    """``page`` (an :class:`ocr.model.OcrPage`) with each line's text :func:`simplified`;
    the page itself where no line changes (the same object, nothing copied). Each
    character stays one character, so a line's boxes and its recogniser's frames keep
    lining up with its text.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (9, 0), (9, 9), (0, 9))
    >>> page = OcrPage(100, 100, [OcrLine("2022年度考核登記表", box, 0.9), OcrLine("考核等次：合格", box, 0.9, 1)])
    >>> [line.text for line in simplified_page(page).lines]
    ['2022年度考核登记表', '考核等次：合格']
    >>> plain = OcrPage(100, 100, [OcrLine("年度考核登记表", box, 0.9)])
    >>> simplified_page(plain) is plain
    True
    """
    import dataclasses

    lines = [line if (text := simplified(line.text)) == line.text else dataclasses.replace(line, text=text)
             for line in page.lines]
    if all(a is b for a, b in zip(lines, page.lines)):
        return page
    return dataclasses.replace(page, lines=lines)


def simplified(text: str) -> str:
    """``text`` with each traditional character written in its simplified form (only
    where that is one character, so positions keep lining up with a recogniser's
    frames); unchanged without OpenCC."""
    return text.translate(_FOLD)


class _Fold(dict):
    """``str.translate``'s table: each CJK character's code point to its simplified
    form, looked up in OpenCC the first time it is met (every other character maps to
    itself, as a table without it would leave it). One pass in C over a line, where a
    lookup per character in Python took 0.25 of the sample's 2-3 CPU-s around its OCR."""

    def __missing__(self, code: int) -> str | int:
        ch = chr(code)
        out = _simplified_char(ch) if is_cjk(ch) else ch
        self[code] = folded = out if out != ch else code
        return folded


_FOLD = _Fold()


def _simplified_char(ch: str) -> str:
    convert = _t2s()
    if convert is None:
        return ch
    out = convert(ch)
    return out if len(out) == 1 else ch


@functools.lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc

        return opencc.OpenCC("t2s.json").convert  # the config's file name: every release reads it
    except Exception:  # pragma: no cover - a declared dependency; without it nothing is folded
        return None
