"""The ink under a seal's star, by its shape: is there a line of characters there?

A unit's official seal (公章) has nothing under its star, or its serial number (a row of
small digits near the rim); a seal kept for one business (合同专用章, 财务专用章, 发票专用章…)
has a row of four to seven characters across its centre below the star. Where the
recogniser reads that line as nothing (faint, worn ink: the round 合同专用章 stamped on a
recommendation form of the sample, read as no line at all), its ink still shows a row of
character-sized glyphs, which ring arcs, the star's points, the ends of the name along the
ring and the texture of worn ink do not make (:func:`character_row`).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from verify.marks.levels import percentile_u8_f32

from .ink import _cv2

#: where a line under the star is looked for, in the upright seal (its name centred at the
#: top), as shares of the half axes from the centre: across (of the long one) and down (of
#: the short one); the generator's bottom text (font 0.17 of the radius) lies 0.33-0.50 down
ROW_ACROSS = 0.62
ROW_TOP, ROW_BOTTOM = 0.12, 0.80
#: a line under the star ends this far down or higher: below it lie the name's characters
#: where the name runs round the bottom of the ring (a seal turned wrong, a long name)
ROW_LOWEST = 0.68
#: ink nearer the rim than this share of the radius (the ring, an inner ring, a serial number
#: along the rim, the name's ends) is no part of a line under the star
ROW_RIM = 0.80
#: ink is a pixel this share of the seal's strongest ink (its 99th percentile) or darker. At
#: 0.3 the textured paper round the real S05 seal (probe trust14 C48: the unit's own round
#: seal on a landscape recommendation form, its name's turn 32 degrees off) lined up with the
#: inner ends of 北京 as a row of five cells, a review on a clean dossier; on 320 purpose
#: seals and 160 official ones drawn by the generator (opacity 0.25-0.85, wear 0.1-0.2) 0.35
#: finds the same rows as 0.3
ROW_INK = 0.35
#: and where that shows no line, this share: a very faint line's strokes (the generator's
#: 合同专用章 at opacity 0.3 on the sample's recommendation form, its ring dark and its line
#: at a quarter of it) break up at 0.3 into three inked cells of seven. Tried second, not in
#: place of ROW_INK: at the lower share a fainter seal's glyphs run into the star's points
#: and the ring, and their pieces are dropped (3 of 24 purpose seals drawn at opacity 0.3
#: showed a line at 0.3 and none at this share)
ROW_INK_FAINT = 0.25
#: a line's glyphs: at least this high (of the radius: a serial number's digits are 0.085, a
#: purpose line's characters 0.15-0.22) and at most this high
GLYPH_MIN, GLYPH_MAX = 0.11, 0.30
#: a line: at least this many glyph-wide cells (a purpose word has four to seven characters:
#: 合同专用章, 检验检测专用章), this share of them inked (a worn character or two
#: lost), each cell's ink reaching over this share of the line's height
ROW_CELLS = 4
ROW_INKED = 0.6
CELL_SPREAD = 0.4
#: and holds ink over this share of its pixels
CELL_INK = 0.04
#: a line is straight: the ink of its end cells lies no more than this share of its height
#: above or below that of its middle cells (the name's characters round the bottom of the
#: ring make a bow)
ROW_BOW = 0.25
#: a piece of ink this share on print (or the rim of a couple of pixels round it) or more is
#: the print's
ON_PRINT = 0.3


class InkRow(NamedTuple):
    """A line of character-sized ink under the star, in shares of the radius from the
    seal's centre (``top``, ``bottom`` down; ``left``, ``right`` across), how many
    glyph-wide cells it spans, whether print was told from the seal's ink in its box
    and left out (``printed``: the ``cover`` given held print), and what the recogniser
    read in the row's band (``read``: ``(text, score, lattice or None)`` of
    :func:`row_strip`, set by the reader; None where it was not read)."""

    top: float
    bottom: float
    left: float
    right: float
    cells: int
    printed: bool = False
    read: tuple | None = None


def upright(ink: np.ndarray, ell, rotation: float) -> np.ndarray:
    """The seal's ink turned as the lines under the star are read (``rotation`` degrees
    about the fitted ellipse's centre): its name centred at the top."""
    cv2 = _cv2()
    M = cv2.getRotationMatrix2D((ell.cx, ell.cy), rotation, 1.0)
    return cv2.warpAffine(ink, M, (ink.shape[1], ink.shape[0]), borderValue=255)


def character_row(ink: np.ndarray, ell, rotation: float, cover: np.ndarray | None = None) -> InkRow | None:
    """The line of characters under the seal's star shown by its ink alone (``ink``: the
    seal's ink dark on white, fitted by ``ell``, turned upright by ``rotation`` as
    :func:`~verify.marks.seals.reading._read_bottom_text` turns it), or None. ``cover``
    (black print 0, elsewhere 255: :func:`~verify.marks.seals.reading._cover_image`) is
    where print lies: a piece of ink :data:`ON_PRINT` of it on print is the print's (a
    faint seal under a warm light leaves the print darker in its colour's ink than its own
    strokes: the applicant's unit printed across S06 made a row of characters).

    Ink under the star and inside :data:`ROW_RIM` of the radius, in pieces that touch
    neither the sides of the search area (the name's ends along the ring) nor its top (the
    star's lower points), is a line where the rows of most such ink make a band of a
    glyph's height (:data:`GLYPH_MIN`-:data:`GLYPH_MAX` of the radius) that runs across the
    centre for :data:`ROW_CELLS` glyph-wide cells or more, :data:`ROW_INKED` of them inked
    over :data:`CELL_SPREAD` of the band's height: characters side by side, as a thin arc,
    a speck or a star's point are not.

    >>> from verify.marks.seals.ring import _Ellipse
    >>> seal = np.full((400, 400), 255, np.uint8)
    >>> import cv2; _ = cv2.circle(seal, (200, 200), 180, 0, 10)
    >>> character_row(seal, _Ellipse(200, 200, 185, 185), 0.0) is None  # a bare ring
    True
    >>> for x in range(125, 276, 32):  # five glyphs, 28 px (0.15 of the radius), 4 px apart
    ...     _ = cv2.rectangle(seal, (x, 265), (x + 26, 292), 0, 3); _ = cv2.line(seal, (x, 278), (x + 26, 278), 0, 3)
    >>> row = character_row(seal, _Ellipse(200, 200, 185, 185), 0.0)
    >>> row.cells, round(row.top, 2), round(row.left, 2), row.printed
    (5, 0.34, -0.42, False)
    >>> elsewhere = np.full((400, 400), 255, np.uint8); elsewhere[20:30, 100:300] = 0  # print, not under the star
    >>> character_row(seal, _Ellipse(200, 200, 185, 185), 0.0, elsewhere).printed
    True
    >>> character_row(seal[:, ::-1].copy(), _Ellipse(200, 200, 185, 185), 0.0).cells  # any ink, not only boxes
    5
    >>> serial = np.full((400, 400), 255, np.uint8)
    >>> for x in range(140, 260, 9):  # a serial number's small digits: too low for characters
    ...     _ = cv2.rectangle(serial, (x, 300), (x + 6, 313), 0, 2)
    >>> character_row(serial, _Ellipse(200, 200, 185, 185), 0.0) is None
    True
    >>> cover = np.full((400, 400), 255, np.uint8); cover[260:300, 100:300] = 0  # print there
    >>> character_row(seal, _Ellipse(200, 200, 185, 185), 0.0, cover) is None
    True
    >>> bow = np.full((400, 400), 255, np.uint8)
    >>> for x, y in ((125, 240), (157, 262), (189, 268), (221, 262), (253, 240)):  # a name round the ring's bottom
    ...     _ = cv2.rectangle(bow, (x, y), (x + 26, y + 27), 0, 3); _ = cv2.line(bow, (x, y + 13), (x + 26, y + 13), 0, 3)
    >>> character_row(bow, _Ellipse(200, 200, 185, 185), 0.0) is None
    True
    """
    up = upright(ink, ell, rotation)
    r = float(min(ell.a, ell.b))
    if r < 20:
        return None
    level = 255.0 - up.astype(np.float32)
    inked = level > 8
    # its 99th percentile from the 8-bit levels' histogram: np.percentile's very value (issue 12)
    strongest = float(percentile_u8_f32(255 - up, 99, inked)) if inked.any() else 0.0
    if strongest < 40:
        return None
    print_up = None if cover is None else upright(cover, ell, rotation) < 128
    for share in (ROW_INK, ROW_INK_FAINT):
        row = _row_at(level, max(30.0, share * strongest), ell, print_up, _told(cover))
        if row is not None:
            return row
    return None


def _told(cover: np.ndarray | None) -> bool:
    """Whether ``cover`` holds print told from the seal's ink (:attr:`InkRow.printed`)."""
    return cover is not None and bool((cover < 128).any())


#: a gray copy's line under the star is looked for again turned this way too (degrees): the
#: page upright, as a seal is mostly stamped. The turn that puts the name at the top can be
#: far off on a copy (the print inside a copied seal is its own colour and pulls the fit:
#: 33 and 12 degrees off for two 合同/财务专用章 on a gray copy of the sample's
#: recommendation form, their line low and aslant)
COPY_TURN = 0.0


def copied_row(ink: np.ndarray, ell, rotation: float, cover: np.ndarray | None) -> tuple[InkRow | None, float]:
    """The line of characters under a gray copy's star (``cover``: the print told from the
    copied seal, as :func:`character_row` takes it) and the turn it was found at, where
    :func:`character_row` finds none: the seal's strongest ink measured off the print (on a
    copy the print is the darkest ink in the seal's box, and a copied purpose line lies under
    a third of it: 46 of 185), at ``rotation`` and then at :data:`COPY_TURN`. ``(None,
    rotation)`` where no print was told (no cover, or nothing in it: the ink may be all print)
    or no line shows.

    The caller reads the line again at a turn other than ``rotation`` (a date printed across
    the seal shows as a row the page upright and is read there: seal.unit leaves a line a
    reading names).

    >>> from verify.marks.seals.ring import _Ellipse
    >>> seal = np.full((400, 400), 255, np.uint8)
    >>> import cv2; _ = cv2.circle(seal, (200, 200), 180, 150, 10)
    >>> for x in range(125, 276, 32):  # five light glyphs (a copied line), dark print above the star
    ...     _ = cv2.rectangle(seal, (x, 265), (x + 26, 292), 200, 3); _ = cv2.line(seal, (x, 278), (x + 26, 278), 200, 3)
    >>> seal[60:90, 120:280] = 0; cover = np.full((400, 400), 255, np.uint8); cover[58:92, 118:282] = 0
    >>> character_row(seal, _Ellipse(200, 200, 185, 185), 30.0, cover) is None  # its turn 30 degrees off
    True
    >>> row, turn = copied_row(seal, _Ellipse(200, 200, 185, 185), 30.0, cover)
    >>> row.cells, row.printed, turn
    (5, True, 0.0)
    >>> copied_row(seal, _Ellipse(200, 200, 185, 185), 30.0, None)[0] is None  # no print told
    True
    """
    if cover is None or not (cover < 128).any() or min(ell.a, ell.b) < 20:
        return None, rotation
    cv2 = _cv2()
    for turn in dict.fromkeys((rotation, COPY_TURN)):
        up = upright(ink, ell, turn)
        level = 255.0 - up.astype(np.float32)
        print_up = upright(cover, ell, turn) < 128
        printed = cv2.dilate(print_up.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        own = (level > 8) & ~printed
        strongest = float(percentile_u8_f32(255 - up, 99, own)) if own.any() else 0.0
        if strongest < 40:
            continue
        for share in (ROW_INK, ROW_INK_FAINT):
            row = _row_at(level, max(30.0, share * strongest), ell, print_up, True, inside=False)
            if row is not None:
                return row, turn
    return None, rotation


def _row_at(level: np.ndarray, floor: float, ell, print_up: np.ndarray | None, told: bool,
            inside: bool = True) -> InkRow | None:
    """:func:`character_row` with ink taken as ``level`` (255 less the upright ink) ``floor``
    or more, print where ``print_up`` (the upright cover's print, turned once by the caller),
    ``told``: print was told from the seal's ink (:func:`_told`); ``inside``: a piece of ink reaching past the rim is none of the line (a copy's
    line, broken and joined to its print, is taken as the rim cuts it: :func:`copied_row`)."""
    cv2 = _cv2()
    r = float(min(ell.a, ell.b))
    a = float(ell.a)
    x0, x1 = int(round(ell.cx - ROW_ACROSS * a)), int(round(ell.cx + ROW_ACROSS * a))
    y0, y1 = int(round(ell.cy + ROW_TOP * r)), int(round(ell.cy + ROW_BOTTOM * r))
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(level.shape[1], x1), min(level.shape[0], y1)
    if x1 - x0 < 10 or y1 - y0 < 10:
        return None
    area = level[y0:y1, x0:x1] >= floor
    yy, xx = np.mgrid[y0:y1, x0:x1]
    rim = ((xx - ell.cx) / a) ** 2 + ((yy - ell.cy) / float(ell.b if ell.b <= ell.a else r)) ** 2 > ROW_RIM ** 2
    n, labels, stats, _ = cv2.connectedComponentsWithStats(area.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, bool)
    h, w = area.shape
    printed = None
    if print_up is not None:
        printed = cv2.dilate(print_up[y0:y1, x0:x1].astype(np.uint8), np.ones((5, 5), np.uint8))
        on_print = np.bincount(labels.ravel(), weights=printed.ravel(), minlength=n)
    # a piece that reaches past the rim is the ring's or the name's: the inner ends of 北京 and
    # 公司 where the name runs down both sides (the real S05 and S06 seals lined up with the
    # paper's texture as a row of five cells: four clean reviews in probe trust13)
    past_rim = np.bincount(labels.ravel(), weights=rim.ravel(), minlength=n)
    for i in range(1, n):
        cx0, cy0, cw, ch, px = stats[i]
        touches = cx0 == 0 or cy0 == 0 or cx0 + cw >= w
        keep[i] = not touches and (past_rim[i] == 0 or not inside) and (printed is None or on_print[i] < ON_PRINT * px)
    area = keep[labels] & ~rim
    if not area.any():
        return None
    rows = area.sum(axis=1).astype(np.float32)
    # the band of rows round the fullest one, while rows hold a fifth of its ink
    peak = int(np.argmax(rows))
    cut = 0.2 * rows[peak]
    top = peak
    while top > 0 and rows[top - 1] >= cut:
        top -= 1
    bottom = peak
    while bottom + 1 < h and rows[bottom + 1] >= cut:
        bottom += 1
    height = bottom - top + 1
    if not GLYPH_MIN * r <= height <= GLYPH_MAX * r:
        return None
    line = area[top:bottom + 1]
    cols = np.flatnonzero(line.any(axis=0))
    centre = ell.cx - x0
    if cols.size == 0 or cols[0] > centre - 0.1 * a or cols[-1] < centre + 0.1 * a:
        return None
    left, right = int(cols[0]), int(cols[-1]) + 1
    cells = int(round((right - left) / height))
    if cells < ROW_CELLS:
        return None
    edges = np.linspace(left, right, cells + 1).round().astype(int)
    # where each cell's ink lies up and down, over the band and half its height round it
    # (a glyph of a bow reaches out of the band the fullest rows make)
    wide = area[max(0, top - height // 2):bottom + 1 + height // 2]
    inked, middles = 0, []
    for c0, c1 in zip(edges[:-1], edges[1:]):
        cell = line[:, c0:c1]
        ys = np.flatnonzero(cell.any(axis=1))
        around = np.nonzero(wide[:, c0:c1])[0]
        middles.append(float(around.mean()) if around.size else np.nan)
        if ys.size and cell.mean() >= CELL_INK and ys[-1] - ys[0] + 1 >= CELL_SPREAD * height:
            inked += 1
    if inked < ROW_INKED * cells or (y0 + bottom + 1 - ell.cy) / r > ROW_LOWEST:
        return None
    ends, mid = np.nanmean([middles[0], middles[-1]]), np.nanmean(middles[1:-1])
    if not abs(ends - mid) <= ROW_BOW * height:
        return None
    return InkRow((y0 + top - ell.cy) / r, (y0 + bottom + 1 - ell.cy) / r, (x0 + left - ell.cx) / r,
                  (x0 + right - ell.cx) / r, cells, told)


#: the row's band is read this share of its height above and below it (a glyph's strokes
#: reaching out of the fullest rows) and as wide as the search (:data:`ROW_ACROSS`)
STRIP_PAD = 0.3
#: the seal's own strongest ink in the band (its 99th percentile, print left out) is drawn
#: this dark: a faint line (a gray copy's, at a quarter of its print's ink) is read as
#: the recogniser reads a clean one
STRIP_DARK = 200.0


def row_strip(ink: np.ndarray, ell, rotation: float, row: InkRow, cover: np.ndarray | None = None) -> np.ndarray:
    """The band of ``row`` (found in ``ink`` turned by ``rotation``) as a strip for the
    recogniser, dark on white: its levels stretched so the seal's own strongest ink there
    is :data:`STRIP_DARK` deep, print (``cover``'s, dilated as :func:`_row_at` takes it)
    and ink past :data:`ROW_RIM` of the radius blanked. A line under the star lighter than
    the fixed cut :func:`~verify.marks.seals.reading._read_bottom_text` finds lines at is
    never read there: the generator's 合同专用章 copied gray, worn after 合同专, showed a row
    off the centre that nothing read; its band here reads 「合同专」 at 0.98.

    >>> from verify.marks.seals.ring import _Ellipse
    >>> seal = np.full((400, 400), 255, np.uint8)
    >>> seal[270:290, 130:270] = 215; seal[60:90, 120:280] = 0  # a light line, dark print above the star
    >>> cover = np.full((400, 400), 255, np.uint8); cover[58:92, 118:282] = 0
    >>> strip = row_strip(seal, _Ellipse(200, 200, 185, 185), 0.0, InkRow(0.38, 0.49, -0.38, 0.38, 5), cover)
    >>> strip.shape, int(strip[20, 100]), int(strip[2, 100])  # 40 deep at 215 drawn 200 deep; paper
    ((33, 230), 55, 255)
    """
    cv2 = _cv2()
    up = upright(ink, ell, rotation).astype(np.float32)
    r = float(min(ell.a, ell.b))
    a = float(ell.a)
    h = row.bottom - row.top
    y0 = max(0, int(round(ell.cy + (row.top - STRIP_PAD * h) * r)))
    y1 = min(up.shape[0], int(round(ell.cy + (row.bottom + STRIP_PAD * h) * r)))
    x0 = max(0, int(round(ell.cx - ROW_ACROSS * a)))
    x1 = min(up.shape[1], int(round(ell.cx + ROW_ACROSS * a)))
    level = 255.0 - up[y0:y1, x0:x1]
    blank = np.zeros(level.shape, bool)
    if cover is not None:
        blank = cv2.dilate((upright(cover, ell, rotation)[y0:y1, x0:x1] < 128).astype(np.uint8),
                           np.ones((5, 5), np.uint8)) > 0
    yy, xx = np.mgrid[y0:y1, x0:x1]
    blank |= ((xx - ell.cx) / a) ** 2 + ((yy - ell.cy) / float(ell.b if ell.b <= ell.a else r)) ** 2 > ROW_RIM ** 2
    own = level[(level > 8) & ~blank]
    strongest = max(40.0, float(np.percentile(own, 99))) if own.size else 255.0
    out = np.clip(255.0 - level * (STRIP_DARK / strongest), 0, 255)
    out[blank] = 255
    return out.astype(np.uint8)
