"""OCR quality measures.

Character error rate: edit distance between the reference and the hypothesis
divided by the reference length, after removing whitespace (PP-OCR drops most
spaces, and spaces carry no meaning in Chinese text). Full-width ASCII is folded
to half-width so ``２０２４`` and ``2024`` compare equal.

>>> cer("抚顺市2024年", "抚顺市2024年")
0.0
>>> cer("抚顺市 2024 年", "抚顺巿2024年")
0.125
>>> cer("", "")
0.0
>>> round(cer("ＩＳＳＮ　1674", "ISSN1674"), 3)
0.0

When the reference gives only some lines, or lines in another order (street
signs, upstream test assertions), :func:`line_cer` matches each reference line
to its closest read line:

>>> line_cer(["正品促销", "强力去污"], ["大桶装", "强力去污", "花品促销"])
0.125
"""
from __future__ import annotations


def normalise_for_cer(text: str) -> str:
    """Fold full-width ASCII to half-width and drop whitespace."""
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            continue
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        if not ch.isspace():
            out.append(ch)
    return "".join(out)


def cer(ref: str, hyp: str, normalise: bool = True) -> float:
    """Character error rate of ``hyp`` against ``ref`` (0 = perfect; may exceed 1)."""
    from rapidfuzz.distance import Levenshtein

    if normalise:
        ref, hyp = normalise_for_cer(ref), normalise_for_cer(hyp)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)


def line_cer(ref_lines: list[str], hyp_lines: list[str], normalise: bool = True) -> float:
    """Order-free CER: each reference line against its best-matching read line.

    Extra read lines are not penalised (use it for partial references only).
    """
    from rapidfuzz.distance import Levenshtein

    refs = [normalise_for_cer(r) if normalise else r for r in ref_lines]
    hyps = [normalise_for_cer(h) if normalise else h for h in hyp_lines]
    total = sum(len(r) for r in refs)
    if total == 0:
        return 0.0
    errors = 0
    for ref in refs:
        errors += min((Levenshtein.distance(ref, hyp) for hyp in hyps), default=len(ref))
    return errors / total
