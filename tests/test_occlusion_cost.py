"""Occlusion's fit (verify.marks.seals.occlusion): a glyph's best normalised correlation with
the strokes round the print, over its sizes and offsets, is worked out for all offsets of
a size at once, not by drawing the glyph on a strip of zeros at each of them and
correlating the two (issue 12: 0.1 CPU-s of the sample's 8 seals weighed so). Needs the
set-up's CJK fonts (skipped where they are not installed)."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from verify.marks.seals import occlusion
from verify.marks.seals.occlusion import _DX, _DY, _SCALES, FONTS, MOST_COVERED, _drawn, _fits, _glyph

pytestmark = pytest.mark.skipif(not any(Path(f).is_file() for f in FONTS), reason="no CJK font installed")


def _drawing_each_offset(strip, hidden, columns, ch):
    """The fit as drawn and correlated offset by offset (the definition the module's
    docstring gives), or None where there is too little to weigh."""
    import cv2

    ink = (255.0 - strip.astype(np.float32)) / 255.0
    printed = cv2.dilate((hidden < 128).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    H, W = ink.shape
    x0, x1 = columns
    rows = np.nonzero((ink[:, x0:x1] > 0.3).any(axis=1))[0]
    if x1 - x0 < 6 or len(rows) < 6:
        return None
    y0, y1 = int(rows.min()), int(rows.max()) + 1
    if printed[y0:y1, x0:x1].mean() > MOST_COVERED:
        return None
    c0, c1 = max(0, x0 - 6), min(W, x1 + 6)
    sub, vis = ink[:, c0:c1], ~printed[:, c0:c1]
    b0, b1 = x0 - c0, x1 - c0
    best = None
    for path in FONTS:
        for sy, sx in _SCALES:
            h, w = max(4, int((y1 - y0) * sy)), max(4, int((b1 - b0) * sx))
            g = _glyph(ch, path, h, w)
            if g is None:
                break
            for dy in _DY:
                for dx in _DX:
                    oy, ox = y0 + dy + ((y1 - y0) - h) // 2, b0 + dx + ((b1 - b0) - w) // 2
                    G = np.zeros(sub.shape, np.float64)
                    gy0, gx0, gy1, gx1 = max(0, oy), max(0, ox), min(H, oy + h), min(sub.shape[1], ox + w)
                    if gy1 <= gy0 or gx1 <= gx0:
                        continue
                    G[gy0:gy1, gx0:gx1] = g[gy0 - oy:gy1 - oy, gx0 - ox:gx1 - ox]
                    a, b = G[vis], sub[vis].astype(np.float64)
                    a, b = a - a.mean(), b - b.mean()
                    n = float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum() + 1e-9))
                    best = n if best is None else max(best, n)
    return best


#: strips and the cells weighed: print over a corner, over the lower half's edge, a cell
#: at the strip's very start and end (glyphs drawn partly off it), a cell cut narrow
CASES = [
    (*_drawn("远", cover=(slice(30, 48), slice(30, 48))), (0, 48)),
    (*_drawn("抚顺市", cover=(slice(26, 40), slice(48, 62))), (48, 96)),
    (*_drawn("生态环境", cover=(slice(0, 14), slice(140, 160))), (144, 192)),
    (*_drawn("局站", cover=(slice(20, 34), slice(0, 12))), (2, 40)),
    (*_drawn("中心", cover=(slice(10, 30), slice(60, 80))), (56, 86)),
]


@pytest.mark.parametrize("k", range(len(CASES)))
def test_the_fit_is_the_best_correlation_of_the_glyph_drawn_at_each_offset(k):
    strip, hidden, columns = CASES[k]
    fit = _fits(strip, hidden, columns)
    assert fit is not None
    for ch in "远顺抚市生态环境局站中心展县":
        expected = _drawing_each_offset(strip, hidden, columns, ch)
        assert fit(ch) == pytest.approx(expected, abs=1e-6), ch


def test_weighing_a_character_costs_a_fraction_of_drawing_its_glyph_at_each_offset():
    strip, hidden, columns = CASES[1]
    chars = "顺远展县"
    for ch in chars:  # the glyphs drawn once, for both
        _drawing_each_offset(strip, hidden, columns, ch)

    def cpu(weigh) -> float:
        best = None
        for _ in range(5):
            t = time.process_time()
            weigh()
            t = time.process_time() - t
            best = t if best is None else min(best, t)
        return best

    def module():
        fit = occlusion._fits(strip, hidden, columns)
        return [fit(ch) for ch in chars]

    drawn = cpu(lambda: [_drawing_each_offset(strip, hidden, columns, ch) for ch in chars])
    assert cpu(module) < drawn / 3


def test_a_character_is_drawn_once_for_all_the_sizes_its_glyph_is_fitted_at(monkeypatch):
    """Each weighing fits a character at six sizes (and every seal's cells are sized
    anew): the character is drawn in the font once, and cut and resized for each size."""
    from PIL import ImageDraw

    drawn = []
    real = ImageDraw.ImageDraw.text

    def text(self, xy, t, *a, **k):
        drawn.append(t)
        return real(self, xy, t, *a, **k)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    for cache in (occlusion._glyph, getattr(occlusion, "_cut", None)):  # drawn afresh here
        if cache is not None:
            cache.cache_clear()
    path = next(f for f in FONTS if Path(f).is_file())
    glyphs = [_glyph("赣", path, h, w) for h, w in ((31, 29), (31, 37), (40, 30), (40, 41), (44, 38), (29, 33))]
    assert all(g is not None and g.shape == (h, w) for g, (h, w) in
               zip(glyphs, ((31, 29), (31, 37), (40, 30), (40, 41), (44, 38), (29, 33))))
    assert drawn == ["赣"]
