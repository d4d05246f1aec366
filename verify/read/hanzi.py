"""Chinese characters (CJK Unified Ideographs, U+4E00-U+9FFF) in recognised text:
which characters are ones, and how many a reading holds. Seal and signature
readings are weighed by how much of them is Chinese (a name has Chinese characters;
a rim, a seal code or noise reads as digits, letters and punctuation).

>>> is_cjk("抚"), is_cjk("A"), is_cjk("〇")
(True, False, False)
>>> cjk_count("抚顺市2104-X站")
4
"""
from __future__ import annotations


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def cjk_count(text: str) -> int:
    return sum(1 for c in text if is_cjk(c))
