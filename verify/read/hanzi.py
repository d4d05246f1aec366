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
"""
from __future__ import annotations

import functools


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def cjk_count(text: str) -> int:
    return sum(1 for c in text if is_cjk(c))


def simplified(text: str) -> str:
    """``text`` with each traditional character written in its simplified form (only
    where that is one character, so positions keep lining up with a recogniser's
    frames); unchanged without OpenCC."""
    return "".join(_simplified_char(c) if is_cjk(c) else c for c in text)


@functools.lru_cache(maxsize=None)
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
