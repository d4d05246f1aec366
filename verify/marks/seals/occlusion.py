"""Occlusion: whether the strokes print left of a character show the character read
there or the unit's.

A character of a seal's ring under black print is read from what the print left of it,
and the recogniser is as sure of that as of a whole character (顺 with its left stroke
under a line of print read 展 at -5.7 nats; print across 望 filled in read 盛 at -10 and
less), so such a reading says the unit's character is surely absent only far past
:data:`~.evidence.SURE` (``COVERED_SURE``), or never where the print was filled in. But
print hides strokes; it cannot draw them. Where the strokes left round the print show the
character read (its glyph drawn at that character's own place and size in the unwrapped
strip matches them) and not the unit's (its glyph matches them far worse there), the print
hid nothing that tells them apart: 抚远市… read exactly in every unwrap, black print on
远's corner, was left ``unreadable`` for 抚顺市… (scripts/bench_near_miss.py --seed 3).

Each glyph is drawn in the set-up's CJK fonts (:data:`verify.read.confusable.FONTS`) at a
few sizes and offsets round the character's cell; its best normalised correlation with the
strip's ink, over the pixels no print (nor a pixel round it) covers, is its fit.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from verify.read.confusable import FONTS, _font, component_of

#: the read character's glyph fits the strokes round the print this much better
#: (normalised correlation) than the unit's: measured on the near misses of
#: ``scripts/bench_near_miss.py --seed 3``, 0.11-0.30 per unwrap, 0.2 or more in 3 and 5
#: of 12 (远 for 顺, 县 for 市, print over a fifth to a third of the character), against at
#: most 0.15 for the unit's own 顺 and 市 with a part of them cut out as print (a side, a
#: band, a lower corner; up to 0.45 of the cell: :data:`MOST_COVERED`) and read 展, 远, 州,
#: 服, 川, 页, 县, 币 or 区 (巾 of 市 0.12: a component, never weighed)
OCCLUSION_MARGIN = 0.22
#: a character's cell this much under print (and a pixel round it) shows too little of it
#: to weigh: the unit's own 顺 with the lower half of its cell cut out fits 展 0.15 better
#: (the near misses: 0.17-0.37 of the cell)
MOST_COVERED = 0.45
#: the recogniser's input height over width (PP-OCR's 48 x 320): a strip narrower than
#: that is padded on the right, so its frames span more than its columns
_MIN_RATIO = 320 / 48
#: sizes of the glyph against the character's cell (height, width) and offsets tried (px)
_SCALES = ((0.85, 0.85), (0.85, 1.0), (1.0, 0.85), (1.0, 1.0), (1.0, 1.15), (0.9, 1.0))
_DY = (-2, 0, 2)
_DX = (-4, -2, 0, 2, 4)


def cell(frames: int, width: int, height: int, path, j: int) -> tuple[int, int]:
    """The columns ``[x0, x1)`` of the strip (``width`` by ``height``) that the ``j``-th
    character of a greedy CTC ``path`` (``(char, first frame, last frame)`` steps, over
    ``frames`` frames) stands in: from half way to the previous character's frames to half
    way to the next's.

    >>> cell(20, 240, 48, [("a", 1, 2), ("b", 5, 6), ("c", 9, 10)], 1)  # 320 px of frames: 16 a frame
    (64, 136)
    """
    f0, f1 = path[j][1], path[j][2]
    a = (path[j - 1][2] + f0 + 1) / 2 if j else max(0, f0 - (f1 - f0) - 3)
    b = (f1 + path[j + 1][1]) / 2 if j + 1 < len(path) else f1 + (f1 - f0) + 3
    fx = max(float(width), height * _MIN_RATIO) / max(1, frames)
    return max(0, int(a * fx)), min(width, int(np.ceil((b + 1) * fx)))


def shown_instead(strip: np.ndarray, hidden: np.ndarray, columns: tuple[int, int], read: str, unit: str) -> bool:
    """Whether the strokes round the print in ``columns`` of ``strip`` (the seal's ink,
    dark on white; ``hidden``: 0 where print lay over it) show ``read`` and not ``unit``:
    its glyph fits them by :data:`OCCLUSION_MARGIN` better. Never where one character is a
    component of the other (巾 of 市: the print may have hidden the rest), where no font is
    installed or the cell shows too little.

    >>> import cv2
    >>> strip, hidden = _drawn("远", cover=(slice(30, 48), slice(30, 48)))
    >>> shown_instead(strip, hidden, (0, 48), "远", "顺"), shown_instead(strip, hidden, (0, 48), "顺", "远")
    (True, False)
    """
    if len(read) != 1 or len(unit) != 1 or read == unit or component_of(read, unit) or component_of(unit, read):
        return False
    fit = _fits(strip, hidden, columns)
    if fit is None:
        return False
    r, u = fit(read), fit(unit)
    return r is not None and u is not None and r - u >= OCCLUSION_MARGIN


def _fits(strip: np.ndarray, hidden: np.ndarray, columns: tuple[int, int]):
    """A function giving a character's fit to the strokes left visible in ``columns``
    (None where there is too little to weigh).

    The fit at every offset of a glyph's size is its normalised correlation with the
    strip's ink over the visible pixels, the glyph drawn on a strip of zeros: with ``a``
    the glyph so drawn and ``b`` the ink centred on its visible mean, ``sum(a b) /
    sqrt((sum(a a) - sum(a)^2 / n) sum(b b))``, each sum over the visible pixels of the
    glyph's own window only, the glyph-by-window products of all :data:`_DY` x
    :data:`_DX` offsets at once (the same figure as drawing the glyph on the strip at
    each offset and correlating, to float rounding)."""
    import cv2

    gray = strip if strip.ndim == 2 else cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY)
    ink = (255.0 - gray.astype(np.float32)) / 255.0
    printed = cv2.dilate((hidden < 128).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    H, W = ink.shape
    x0, x1 = columns
    if x1 - x0 < 6:
        return None
    rows = np.nonzero((ink[:, x0:x1] > 0.3).any(axis=1))[0]
    if len(rows) < 6:
        return None
    y0, y1 = int(rows.min()), int(rows.max()) + 1
    if printed[y0:y1, x0:x1].mean() > MOST_COVERED:
        return None
    c0, c1 = max(0, x0 - 6), min(W, x1 + 6)
    sub, vis = ink[:, c0:c1], ~printed[:, c0:c1]
    if float(sub[vis].std()) < 0.05:
        return None
    b0, b1 = x0 - c0, x1 - c0
    Ws = sub.shape[1]
    seen = vis.astype(np.float64)
    centred = np.where(vis, sub.astype(np.float64) - float(sub[vis].astype(np.float64).mean()), 0.0)
    n_seen, sbb = float(seen.sum()), float((centred * centred).sum())
    # zeros round the strip: a glyph drawn partly off it is cut there
    py, px = H + 2 * max(_DY) + 2, 2 * Ws + 2 * max(_DX) + 2
    seen_p, centred_p = np.pad(seen, ((py, py), (px, px))), np.pad(centred, ((py, py), (px, px)))
    dys, dxs = np.asarray(_DY), np.asarray(_DX)
    at = ((dys - dys.min())[:, None], (dxs - dxs.min())[None, :])  # each offset's window among the region's
    windows = np.lib.stride_tricks.sliding_window_view

    @functools.lru_cache(maxsize=None)
    def at_size(h: int, w: int):
        """The visible pixels and the centred ink under a glyph ``h`` by ``w`` at each
        offset (``_DY`` by ``_DX``, each flattened), and which offsets put any of the
        glyph on the strip: the same for every character and font."""
        oys, oxs = y0 + dys + ((y1 - y0) - h) // 2, b0 + dxs + ((b1 - b0) - w) // 2
        region = (slice(py + oys.min(), py + oys.max() + h), slice(px + oxs.min(), px + oxs.max() + w))
        sv = windows(seen_p[region], (h, w))[at].reshape(len(dys), len(dxs), h * w)
        sc = windows(centred_p[region], (h, w))[at].reshape(len(dys), len(dxs), h * w)
        # an offset whose glyph lies wholly off the strip is not weighed
        on = ((np.minimum(H, oys + h) > np.maximum(0, oys))[:, None]
              & (np.minimum(Ws, oxs + w) > np.maximum(0, oxs))[None, :])
        return sv, sc, on

    def fit(ch: str) -> float | None:
        best = None
        for path in FONTS:
            for sy, sx in _SCALES:
                h, w = max(4, int((y1 - y0) * sy)), max(4, int((b1 - b0) * sx))
                g = _glyph(ch, path, h, w)
                if g is None:
                    break
                sv, sc, on = at_size(h, w)
                g1 = g.astype(np.float64).ravel()
                sab, sa, saa = sc @ g1, sv @ g1, sv @ (g1 * g1)
                var = np.maximum(0.0, saa - sa * sa / n_seen)
                n = sab / np.sqrt(var * sbb + 1e-9)
                if on.any():
                    m = float(n[on].max())
                    best = m if best is None else max(best, m)
        return best

    return fit


@functools.lru_cache(maxsize=2048)
def _glyph(ch: str, path: str, h: int, w: int):
    """``ch`` in the font at ``path`` cut to its ink and drawn ``h`` by ``w``, ink 1,
    blurred a pixel (a seal's strokes are soft); None where the font lacks it."""
    import cv2

    a = _cut(ch, path)
    if a is None:
        return None
    a = cv2.resize(a, (w, h), interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(a.astype(np.float32) / 255.0, (0, 0), 1.0)


@functools.lru_cache(maxsize=512)
def _cut(ch: str, path: str):
    """``ch`` drawn in the font at ``path`` and cut to its ink (read-only), once for all
    the sizes :func:`_glyph` draws it at; None where the font lacks it."""
    from PIL import Image, ImageDraw

    if not Path(path).is_file():
        return None
    font = _font(path)
    if font is None:
        return None
    im = Image.new("L", (72, 72), 0)
    ImageDraw.Draw(im).text((8, 0), ch, font=font, fill=255)
    a = np.asarray(im)
    ys, xs = np.nonzero(a > 127)
    if not len(ys):
        return None
    a = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1].copy()
    a.setflags(write=False)
    return a


def _drawn(text: str, cover=None, font: str = FONTS[0]) -> tuple[np.ndarray, np.ndarray]:
    """``text`` drawn dark on white, 48 px a character (a seal strip as read), and the
    cover (0 under print) over the slice ``cover`` of it, which is left white: for tests."""
    g = [_glyph(ch, font, 40, 40) for ch in text]
    strip = np.full((48, 48 * len(text)), 255, np.uint8)
    for i, a in enumerate(g):
        if a is not None:
            strip[4:44, 48 * i + 4:48 * i + 44] = (255 * (1 - np.clip(a * 1.5, 0, 1))).astype(np.uint8)
    hidden = np.full(strip.shape, 255, np.uint8)
    if cover is not None:
        hidden[cover], strip[cover] = 0, 255
    return strip, hidden
