"""Reading: the ring band unwrapped into a straight strip (polar warp around the
fitted ellipse) at a few start angles, the best recognition kept; the band under
the star read horizontally as the bottom text.

The ring is fitted in the seal's own crop (an oval stamped or photographed at an
angle is a rotated ellipse); a second, inner ring splits the face into two bands
(an English outer ring round a Chinese name, or a name round a second arc), each
read on its own; the strip starts in the widest gap of the ring text (circular text
has no other start). An oval is read along its arc at the depth of its characters
(:func:`_unwrap_oval`), not by the polar warp that suits a round seal. Every reading
keeps the recogniser's per-frame probabilities (:class:`~ocr.ctc.Lattice`), so
:mod:`.matching` can ask how likely the unit's own name is under them.
"""
from __future__ import annotations

import hashlib
import logging
import math
from typing import NamedTuple

import numpy as np

from ocr.engines.ppocr import line_margins
from verify.marks.levels import percentile_u8, percentile_u8_f32
from verify.marks.pieces import components_with_stats
from verify.model import SealMark
from verify.read.hanzi import cjk_count

from .bottom import COPY_TURN, character_row, copied_row, row_strip
from .ink import _as_bgr, _cv2, channel_max, copied_seal_levels, light_seal_unprinted
from .matching import normalize_seal_text
from .ring import _Ellipse, ring_evidence

log = logging.getLogger(__name__)


class SealReading(NamedTuple):
    """One reading of a seal's ring text: the recogniser's free reading (as read, not
    normalised: it lines up with the lattice), its score and its per-frame
    probabilities (``None`` for engines without them)."""

    text: str
    score: float
    lattice: object | None = None
    cover: np.ndarray | None = None  # per frame: the share of the strip there under other ink (print)
    #: read from the crop's brightness (:func:`_seal_luma_image`), not its colour: it says a
    #: character is surely not the unit's only where a colour reading read the same there
    #: (print cut out of it can take a stroke with it: 抚 read surely as 抵)
    brightness: bool = False
    #: read from an ink with print filled in (:func:`_print_filled`: the colour's, or the
    #: brightness, whose print is cut out): what it reads under print is partly the
    #: filling's, so there it shows a character, never denies one
    filled: bool = False
    #: the strip read (the seal's ink, dark on white) and where print lay over it (0
    #: there), for a seal with print across it: :mod:`.occlusion` asks whether the
    #: strokes round the print show the character read or the unit's
    pixels: tuple[np.ndarray, np.ndarray] | None = None
    #: read by a second recogniser (the engine's page-text model), not the seal model: it
    #: shows a character only where no reading of the seal model is sure of another there,
    #: and never says one is surely not the unit's (:func:`~.page.second_look`)
    second: bool = False


#: the paper's other channels this much brighter than the ink's own (a cold light on a red
#: seal) are white-balanced away before the ink is measured (:func:`_seal_ink_image`)
COLD_LIGHT = 1.06


def _violet(b: np.ndarray, g: np.ndarray, r: np.ndarray) -> bool:
    """Whether a blue seal's ink (its pixels of chroma over 40) is violet: its red over green at least 0.35 of
    its blue over green (median)."""
    chroma = np.maximum(np.maximum(b, g), r) - np.minimum(np.minimum(b, g), r)
    ink = chroma > 40
    return bool(ink.sum() > 50 and float(np.median((r - g)[ink])) > 0.35 * float(np.median((b - g)[ink])))


def _seal_ink_image(crop: np.ndarray, color: str) -> np.ndarray:
    """The seal's ink dark on white, other colours (black text beneath) dropped.

    Ink is measured as how much the other channels fall short of the ink's own
    (``max(g, b) / r`` for red): paper and black print are neutral (ratio near 1,
    white), red ink is dark however dim the photo, and red over black print stays
    red. A light colder than the ink is taken off on the paper (:data:`COLD_LIGHT`), a
    warm tint (a warm phone photo, pink paper) by the 35th percentile: a seal's ink
    covers well under two thirds of its box."""
    cv2 = _cv2()
    bgr = _as_bgr(crop)
    if color in ("red", "blue"):
        b, g, r = (bgr[..., i].astype(np.float32) for i in range(3))
        # a light colder than the ink (shade, daylight LED: red ×0.82, blue ×1.12 on a red
        # seal) leaves the paper short of the ink's own channel: 1 − max(g, b)/r then fell
        # from 0.47 to 0.29 on the ink and below zero on the paper, and faint strokes across
        # print vanished (probe alt22 T8). That channel is brought up to the paper's others
        # (its 90th percentile). A lesser shortfall is left as it is: the ink's own colour,
        # smeared by JPEG over the paper round thin strokes, moves these percentiles a little
        b8, g8, r8 = (bgr[..., i] for i in range(3))
        own, others = (r, np.maximum(g, b)) if color == "red" else (b, np.maximum(g, r))
        own8, others8 = (r8, np.maximum(g8, b8)) if color == "red" else (b8, np.maximum(g8, r8))
        if color == "blue" and _violet(b, g, r):
            # a purple seal (115, 45, 140): red is as much its ink as blue, and max(g, r) took it for paper: the
            # ink measured 0.17 where a blue pen's signature under it measured 0.69 (probe trust18 C04, C13)
            own, others = np.maximum(b, r), g
            own8, others8 = np.maximum(b8, r8), g8
        # the paper's levels from the 8-bit channels' histograms: the very float32 values
        # np.percentile gives of them as floats, at a tenth of its cost (issue 12)
        lift = float(percentile_u8_f32(others8[::2, ::2], 90)) / max(1.0, float(percentile_u8_f32(own8[::2, ::2], 90)))
        if lift > COLD_LIGHT:
            own = own * lift
        strength = 1.0 - (others + 8.0) / (own + 8.0)
        strength = strength - max(0.0, float(np.percentile(strength, 35)))
        hi = max(0.12, float(np.percentile(strength, 99)))
        ink = np.clip(strength / hi, 0, 1) ** 0.8
        gray = (255 * (1 - ink)).astype(np.uint8)
    else:
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        if color == "dark":  # a seal stamped faint or copied light, brought to a copy's level
            gray = copied_seal_levels(gray)
    return gray


def _seal_luma_image(crop: np.ndarray, color: str, ink: np.ndarray | None = None,
                     cover: np.ndarray | None = None) -> np.ndarray | None:
    """The seal's ink dark on white from the crop's brightness, where its colour says
    seal ink lies (``ink``, :func:`_seal_ink_image`, blurred: a gate, not a shape); print
    (``cover``, :func:`_cover_image`) and a rim of a pixel round it left out. None for a
    seal without colour. ``ink`` and ``cover`` are made here where not given.

    A JPEG keeps colour at half resolution or less, in blocks (4:2:0, 8 x 8 at low
    quality): a thin-stroked seal's colour is a blur of blocks in which 生态 reads
    字百, while its brightness keeps every stroke. The reader reads both."""
    if color not in BRIGHTNESS_COLOURS:
        return None
    cv2 = _cv2()
    bgr = _as_bgr(crop)
    ink = _seal_ink_image(bgr, color) if ink is None else ink
    cover = _cover_image(bgr, color) if cover is None else cover
    colour = 1.0 - ink.astype(np.float32) / 255.0
    luma = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(np.float32)
    paper = float(np.percentile(luma, 90))
    gate = np.clip(cv2.GaussianBlur(colour, (0, 0), LUMA_GATE_BLUR) / LUMA_GATE, 0, 1)
    printed = (_printed(cover) == 0).astype(np.uint8)
    dark = np.clip(paper - luma, 0, None) * gate * (1 - printed)
    hi = max(12.0, float(np.percentile(dark, 99)))
    ink = np.clip(dark / hi, 0, 1) ** 0.8
    return (255 * (1 - ink)).astype(np.uint8)


#: the inks a seal's ring is read from, in this order: its colour (:func:`_seal_ink_image`),
#: that with print filled in (:func:`_print_filled`, where print lies over the seal), and
#: its brightness (:func:`_seal_luma_image`, red and blue seals)
COLOUR, FILLED, BRIGHTNESS = "colour", "filled", "brightness"

#: the seal colours also read from the crop's brightness (:func:`_seal_luma_image`)
BRIGHTNESS_COLOURS = ("red", "blue")
#: the colour gate of :func:`_seal_luma_image`: blurred this much (px), full at this ink
LUMA_GATE_BLUR = 2.0
LUMA_GATE = 0.35


#: border value for strips of one or two channels (the ink, and where other ink covers it)
_WHITE = (255, 255, 255, 255)


def _ink_of(strip: np.ndarray) -> np.ndarray:
    """The seal's ink of a strip that may carry a second channel (:func:`_cover_image`)."""
    return strip[..., 0] if strip.ndim == 3 else strip


def _cover_image(crop: np.ndarray, color: str) -> np.ndarray | None:
    """Where other ink lies over a coloured seal: black print beneath or across it, in
    which the seal's own strokes cannot be seen (0 there, 255 elsewhere). Print is dark
    in every channel; a red or blue seal's ink stays bright in its own. None for a seal
    without colour (its ink is the print's).

    >>> crop = np.full((20, 20, 3), 240, np.uint8); crop[5:8] = (30, 30, 30); crop[12:15] = (40, 40, 210)
    >>> cover = _cover_image(crop, "red")
    >>> int(cover[6, 6]), int(cover[13, 6]), int(cover[0, 0])
    (0, 255, 255)
    """
    if color == "dark":
        return _dark_cover(crop)
    if color not in ("red", "blue"):
        return None
    bright = channel_max(_as_bgr(crop))
    paper = float(percentile_u8(bright, 90))
    return np.where(bright < 0.5 * paper, 0, 255).astype(np.uint8)


def _dark_cover(crop: np.ndarray) -> np.ndarray | None:
    """Where black print lies over a seal on a gray copy: a red or blue seal copied to
    gray is a mid gray, print stays near black. Most of the ink in a seal's box is the
    seal's, so its level is the median of the box's ink; ink far darker than that
    (:data:`DARK_PRINT_SHARE` of it) is print. None where the seal is itself as dark as
    print (a black seal, a dark copy: :data:`DARK_SEAL_LEVEL`), or no print crosses it.
    Without it each reading of a copied seal took the print across it for its ink. Where
    the copy made print as light as the seal (the trust exploration's gray copies: print at
    80-140 against the seal's 130-150) nothing tells them apart and nothing is changed.

    >>> crop = np.full((40, 40, 3), 245, np.uint8); crop[5:30, 5:35] = 140; crop[12:15, :] = 25
    >>> cover = _dark_cover(crop)
    >>> int(cover[13, 20]), int(cover[20, 20]), _dark_cover(np.where(crop < 200, 60, crop).astype(np.uint8)) is None
    (0, 255, True)
    """
    gray = _cv2().cvtColor(_as_bgr(crop), _cv2().COLOR_BGR2GRAY)
    paper = float(percentile_u8(gray, 90))
    inked = gray < paper - 40
    if inked.sum() < 0.02 * gray.size:
        return None
    level = float(np.median(gray[inked]))
    if level < DARK_SEAL_LEVEL:
        return None
    printed = gray < DARK_PRINT_SHARE * level
    if printed.sum() < 0.002 * gray.size:
        return None
    return np.where(printed, 0, 255).astype(np.uint8)


#: a seal on a gray copy whose ink's median level is under this is as dark as print (a
#: black seal, a dark copy): its print cannot be told from it
DARK_SEAL_LEVEL = 90
#: ink darker than this share of a copied seal's level is print (a copied red seal's 130
#: against print's 20-60)
DARK_PRINT_SHARE = 0.6


def _print_reach(crop: np.ndarray, cover: np.ndarray | None) -> np.ndarray | None:
    """A gray copy's print (``cover``, :func:`_dark_cover`) with the rest of its strokes:
    the pixels round its cores that are darker than :data:`DARK_PRINT_EDGE` of the
    seal's level and joined to them (at most :data:`PRINT_EDGE_STEPS` pixels out), and a
    pixel's rim round that. Only print's cores are darker than the copied seal; its
    strokes' edges fade through the seal's own gray to the paper, so print cut out at
    its cores alone left an outline of every printed character on the seal's ink, and
    filled in (:func:`_print_filled`) the outline stood for strokes: a typed
    「县生态环境…」 line across 抚顺县's 县 (the applicant's own seal, set-s7 A007-020)
    was read as 牌 or dropped by every reading; with print's edges filled too, 县. Used
    to fill the copy's ink alone: which frames are under print (where a reading may not
    deny a character), and the line under the star, stay measured on the cores (the
    cover given). Measured on the edges too, a filled reading's sure 导 under print no
    longer denied 科, and a near miss passed (S05, 北京中导开源…, copied hard and faint over
    print, for 北京中科开源…: scripts/bench_real_copies.py --near).
    The same ``cover`` where it is not a gray copy's (None, or no print).

    >>> crop = np.full((30, 30, 3), 245, np.uint8); crop[5:25, 5:25] = 140
    >>> crop[12:15, :] = 25; crop[11, :] = crop[15, :] = 100  # a print stroke and its soft edges
    >>> cover = _dark_cover(crop)
    >>> int((cover == 0).sum(axis=0)[2]), int((_print_reach(crop, cover) == 0).sum(axis=0)[2])
    (3, 7)
    >>> _print_reach(crop, None) is None
    True
    """
    if cover is None or not (cover == 0).any():
        return cover
    cv2 = _cv2()
    gray = cv2.cvtColor(_as_bgr(crop), cv2.COLOR_BGR2GRAY)
    paper = float(percentile_u8(gray, 90))
    inked = gray < paper - 40
    if not inked.any():
        return cover
    soft = (gray < DARK_PRINT_EDGE * float(np.median(gray[inked]))).astype(np.uint8)
    grown = (cover == 0).astype(np.uint8)
    step = np.ones((3, 3), np.uint8)
    for _ in range(PRINT_EDGE_STEPS):
        more = (cv2.dilate(grown, step) & soft) | grown
        if np.array_equal(more, grown):
            break
        grown = more
    return np.where(cv2.dilate(grown, step) > 0, 0, 255).astype(np.uint8)


def _span_ink(crop: np.ndarray, color: str) -> np.ndarray | None:
    """Where a seal's text lies round its ring is found on this ink, not on the ink read:
    a light gray copy's seal (a faint stamp, a copier set light) with print across it,
    the print set to the paper and the seal's levels then brought to a copied seal's
    usual (:func:`~.ink.light_seal_unprinted`; :func:`copied_seal_levels` leaves a crop
    with print across it as it is). None for any other seal: its text's span is found
    on the ink it is read from.

    The text's span counts ink below 190 (:func:`_arc_text_span`): a light seal's name
    at 200-225 counted nowhere, the black print across it everywhere it crossed the ring,
    and the span came out as the printed characters on the ring (21 of its 245 degrees:
    「东洲」 of the unit's line typed across 抚顺市生态环境局东洲分局 on a clean applicant's
    copy, set-s7 A007-002), or as the date printed under the star (the text's centre
    found at the ring's bottom). Every unwrap then read the print; the name was read only
    by the upright seal's wide unwrap, with two of its characters under print, and left
    to a person. The strips read stay the seal's own ink: only where the text is looked
    for changes.

    >>> crop = np.full((60, 60, 3), 248, np.uint8); crop[10:50, 10:50] = 212; crop[28:31, :] = 25
    >>> ink = _span_ink(crop, "dark")
    >>> int(ink[20, 20]) < 150, int(ink[29, 5]) > 240, _span_ink(crop, "red") is None
    (True, True, True)
    """
    if color != "dark":
        return None
    return light_seal_unprinted(_cv2().cvtColor(_as_bgr(crop), _cv2().COLOR_BGR2GRAY))


#: a gray copy's print reaches from its cores into pixels darker than this share of the
#: seal's level (:func:`_print_reach`), at most this many pixels out
DARK_PRINT_EDGE = 0.85
PRINT_EDGE_STEPS = 6


def _print_filled(ink: np.ndarray, cover: np.ndarray | None) -> np.ndarray:
    """The seal's ink with the pixels under print (``cover``, :func:`_cover_image`) filled
    in from the ink round them (Telea's inpainting, :data:`PRINT_FILL` px).

    Under black print the ink measure is a ratio of small numbers: JPEG blurs the seal's
    colour into the print's dark strokes at half resolution, so print across a seal's
    name (the date line a seal is stamped over, the unit's name typed beside it) came
    out as blots of ink on 抚顺 and the recogniser read 沃顺二科 or 抚朋市. Filled from the
    strokes round it, the character is read through the print. Read where the colour's
    own unwraps did not settle the seal; what such a reading shows under the print is
    partly the filling's, so there it never denies a character (print across 望 filled
    in read surely 盛 on a clean applicant's seal: ``SealReading.filled``). On the
    two-seed base bench (``scripts/bench_accuracy.py``), each band's likeliest unwrap
    read so: the unit decided on 0.802 of the seals whose ring is intact against 0.779,
    reviews per clean dossier 2.29 against 2.43, no false fail, seal reading as costly.
    The brightness (:func:`_seal_luma_image`), which leaves print out, is filled in so
    too: 0.816 and 2.00.

    >>> ink = np.full((9, 9), 255, np.uint8); ink[:, 3:6] = 0; ink[4, :] = 255  # a stroke cut by print
    >>> cover = np.full((9, 9), 255, np.uint8); cover[4, :] = 0
    >>> int(_print_filled(ink, cover)[4, 4]) < 128, _print_filled(ink, None) is ink
    (True, True)
    """
    if cover is None or not (cover == 0).any():
        return ink
    cv2 = _cv2()
    return cv2.inpaint(ink, (cover == 0).astype(np.uint8), PRINT_FILL, cv2.INPAINT_TELEA)


#: how far round a pixel under print :func:`_print_filled` looks for the seal's ink (px)
PRINT_FILL = 3


def _printed(cover: np.ndarray | None) -> np.ndarray | None:
    """``cover`` (print 0, elsewhere 255) grown by a pixel: the print and the rim round it
    that :func:`_seal_luma_image` leaves out of the brightness, to be filled in there.

    >>> c = np.full((5, 5), 255, np.uint8); c[2, 2] = 0
    >>> int((_printed(c) == 0).sum()), _printed(None) is None
    (9, True)
    """
    if cover is None:
        return None
    return _cv2().erode(cover, np.ones((3, 3), np.uint8))


#: the least width over height a recogniser's input is padded to (PP-OCR's 320 x 48)
_MIN_RATIO = 320 / 48


def _frame_cover(cover: np.ndarray, frames: int) -> np.ndarray:
    """Per recognition frame of a strip read at its own width (padded to
    :data:`_MIN_RATIO`), the share of the strip's pixels under other ink there.

    >>> c = np.full((48, 960), 255, np.uint8); c[:, 480:] = 0
    >>> f = _frame_cover(c, 120)
    >>> float(f[10]), float(f[100])
    (0.0, 1.0)
    """
    h, w = cover.shape[:2]
    covered = (cover < 128).mean(axis=0)
    width = max(float(w), h * _MIN_RATIO)
    edges = np.minimum(w, np.round(np.arange(frames + 1) * width / max(1, frames)).astype(int))
    out = np.zeros(frames)
    # each frame's mean as ndarray.mean takes it (its sum over its count), without the
    # wrapper's own cost per call: half the time of this loop (issue 12)
    add = np.add.reduce
    for f, (a, b) in enumerate(zip(edges[:-1].tolist(), edges[1:].tolist())):
        if a < w:
            part = covered[a:min(max(b, a + 1), w)]
            out[f] = add(part) / part.size
    return out


def _fit_in_crop(ink: np.ndarray) -> _Ellipse:
    """The seal's ring in a crop centred on it: the crop's own ellipse refined by
    small shifts, or the ellipse fitted to the outline of its ink (an oval turned or
    photographed at an angle), whichever more of the ring's rays agree with."""
    cv2 = _cv2()
    h, w = ink.shape
    mask = (ink < 160).astype(np.uint8) * 255
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    guess = _Ellipse(w / 2, h / 2, w / 2 * 0.94, h / 2 * 0.94)
    # only the ring and the ink just outside it are compared: the ink inside is not measured
    best = ring_evidence(mask, guess, interior=False)
    step = 0.03 * min(w, h)
    for dx in (-step, 0, step):
        for dy in (-step, 0, step):
            if dx == 0 and dy == 0:
                continue
            ev = ring_evidence(mask, _Ellipse(guess.cx + dx, guess.cy + dy, guess.a, guess.b), interior=False)
            if ev.coverage > best.coverage + 0.01:
                best = ev
    fitted = _outline_ellipse(mask)
    if fitted is not None:
        ev = ring_evidence(mask, fitted, interior=False)
        if ev.coverage > best.coverage + 0.02 or (ev.coverage >= best.coverage - 0.01 and ev.contrast > best.contrast + 0.05):
            best = ev
    return best.ellipse


def _outline_ellipse(mask: np.ndarray) -> _Ellipse | None:
    """The ellipse through the convex outline of the crop's largest piece of ink."""
    cv2 = _cv2()
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    if len(hull) < 5:
        return None
    (ex, ey), (ea, eb), angle = cv2.fitEllipse(hull)
    h, w = mask.shape
    if not (np.isfinite(ea) and np.isfinite(eb)) or min(ea, eb) < 0.5 * min(h, w) or min(ea, eb) < 0.5 * max(ea, eb):
        return None
    # fitted to the outline's outer edge: move in to the middle of the ring line
    return _Ellipse(float(ex), float(ey), float(ea) / 2 * 0.98, float(eb) / 2 * 0.98, float(angle))


def _text_bands(ink: np.ndarray, ell: _Ellipse) -> list[tuple[_Ellipse, float, float]]:
    """The bands of the seal's face that hold ring text, as (ellipse, inner, outer):
    fractions of that ellipse's radius. The whole band inside the rim, or - when a
    thin inner ring splits it - the band between the rim and that ring (an English
    name, a second arc) and the band inside the inner ring, measured on the inner ring
    itself (an oval's inner ring is not a scaled copy of its rim)."""
    inner = _inner_ring(ink, ell)
    if inner is None:
        return [(ell, 0.5, 0.93)]
    r = ((inner.a + inner.b) / 2) / ((ell.a + ell.b) / 2)
    # the name starts just inside an inner line; an oval's line is the rim inset at one
    # depth (:func:`_inset_ring`), so its band may start closer to it than a round seal's
    # fitted one (small characters, 12 px high, lay within 0.92 of a 120 px line)
    top = INSIDE_OVAL_LINE if max(inner.a, inner.b) > OVAL * min(inner.a, inner.b) else 0.92
    if 0.93 - (r + 0.05) < MIN_BAND:  # a thin line just inside the rim: no band outside it to read
        return [(inner, 0.5, top)]
    return [(ell, r + 0.05, 0.93), (inner, 0.5, top)]


#: where the band inside an oval's inner line starts (share of the line's radius)
INSIDE_OVAL_LINE = 0.97


#: the least depth (of the rim's radius) of a band that can hold a line of text: an
#: English ring is about 0.15 deep; a thin line cut just inside the rim leaves none
MIN_BAND = 0.08


def _inner_ring(ink: np.ndarray, ell: _Ellipse) -> _Ellipse | None:
    """A thin ring inside the rim (0.55-0.88 of its radius) that goes nearly all round,
    fitted on its own or taken as the rim inset (:func:`_inset_ring`), or None."""
    cv2 = _cv2()
    h, w = ink.shape
    t = math.radians(ell.angle)
    # a row and a column of offsets, broadcast: the same floats as a full grid's, without making one
    dx, dy = np.arange(w, dtype=np.float32)[None, :] - ell.cx, np.arange(h, dtype=np.float32)[:, None] - ell.cy
    u = (dx * math.cos(t) + dy * math.sin(t)) / max(ell.a, 1.0)
    v = (-dx * math.sin(t) + dy * math.cos(t)) / max(ell.b, 1.0)
    rho = np.sqrt(u * u + v * v)
    mask = ((ink < 160) & (rho > 0.5) & (rho < 0.9)).astype(np.uint8)
    n, labels, stats, _ = components_with_stats(mask)
    best = None
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if max(bw, bh) < 0.9 * min(ell.a, ell.b):  # a long arc, not a character
            continue
        pts = np.column_stack(np.nonzero(labels == i)[::-1]).astype(np.float32)
        if len(pts) < 20:
            continue
        (ex, ey), (ea, eb), angle = cv2.fitEllipse(pts)
        cand = _Ellipse(float(ex), float(ey), float(ea) / 2, float(eb) / 2, float(angle))
        ev = ring_evidence((mask * 255).astype(np.uint8), cand)
        size = ((ev.ellipse.a + ev.ellipse.b) / 2) / ((ell.a + ell.b) / 2)
        if ev.coverage >= 0.7 and 0.55 <= size <= 0.88 and (best is None or ev.coverage > best.coverage):
            best = ev
    if best is None:
        return None
    return _inset_ring(mask, ell, best.ellipse) or best.ellipse


def _line_hits(mask: np.ndarray, e: _Ellipse, k: int = 180) -> float:
    """Share of ``k`` points round the ellipse ``e`` that meet ink in ``mask`` within a
    pixel of it (a thin line's own coverage)."""
    h, w = mask.shape
    thetas = np.linspace(0, 2 * math.pi, k, endpoint=False)
    mean_r = max(1.0, (e.a + e.b) / 2)
    xs, ys = e.points(thetas, np.array([1 - 1.2 / mean_r, 1.0, 1 + 1.2 / mean_r]))
    xi, yi = np.clip(np.round(xs).astype(int), 0, w - 1), np.clip(np.round(ys).astype(int), 0, h - 1)
    return float((mask[yi, xi] > 0).any(axis=1).mean())


def _inset_ring(mask: np.ndarray, ell: _Ellipse, fitted: _Ellipse) -> _Ellipse | None:
    """The inner ring as the rim inset by a constant depth (same centre and turn), where
    that runs along the ring's line better than the ellipse fitted to its visible arc: a
    thin line cut into a seal's face runs at one depth from the rim, and where the name's
    characters touch it only the rest of its arc is a component of its own (an oval's
    inner line fitted on its lower half alone came out rounder and lower, and the name,
    above it, fell outside the band read inside it)."""
    mean_e, mean_f = (ell.a + ell.b) / 2, (fitted.a + fitted.b) / 2
    best, best_hits = None, _line_hits(mask, fitted)
    for d in np.arange(max(1.0, mean_e - mean_f - 0.1 * mean_e), mean_e - mean_f + 0.1 * mean_e, 1.0):
        if min(ell.a, ell.b) - d <= 0.5 * min(ell.a, ell.b):
            break
        cand = _Ellipse(ell.cx, ell.cy, ell.a - d, ell.b - d, ell.angle)
        hits = _line_hits(mask, cand)
        if hits > best_hits:
            best, best_hits = cand, hits
    return best


def _unwrap(ink: np.ndarray, ell: _Ellipse, start_deg: float, inner: float = 0.5, outer: float = 0.93,
            height: int = 48) -> np.ndarray:
    """The ring band between ``inner`` and ``outer`` of the ellipse as a straight strip,
    reading clockwise from ``start_deg`` (image angles, 90 = straight down), the
    outside of the seal at the top of the strip."""
    cv2 = _cv2()
    mean_r = (ell.a + ell.b) / 2
    length = int(max(64, 2 * math.pi * mean_r * (inner + outer) / 2 * height / max(8.0, (outer - inner) * mean_r)))
    length = min(length, 4000)
    t = np.radians(start_deg) + np.linspace(0, 2 * math.pi, length, endpoint=False)
    rho = np.linspace(outer, inner, height)
    ca, sa = math.cos(math.radians(ell.angle)), math.sin(math.radians(ell.angle))
    # image angle t -> parametric point on the (rotated) ellipse
    ex = np.outer(rho, np.cos(t)) * ell.a
    ey = np.outer(rho, np.sin(t)) * ell.b
    mapx = (ell.cx + ex * ca - ey * sa).astype(np.float32)
    mapy = (ell.cy + ex * sa + ey * ca).astype(np.float32)
    return cv2.remap(ink, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=_WHITE)


#: an ellipse this elongated (long over short axis) is an oval seal, read along its arc
#: (:func:`_unwrap_oval`); a round seal's fitted ring is seldom off by more than a few percent
OVAL = 1.1


def _unwrap_oval(ink: np.ndarray, ell: _Ellipse, start_deg: float, span_deg: float, inner: float = 0.5,
                 outer: float = 0.93, height: int = 48) -> np.ndarray:
    """An oval's ring band as a straight strip, for the arc of ``span_deg`` (parametric
    degrees, as :func:`_unwrap`'s) centred half a turn after ``start_deg``.

    An oval seal's characters are all of one height, cut at one depth inside the rim,
    and spaced along the arc: the band is taken at fixed depths along the rim's normal
    (``outer`` .. ``inner`` of the mean radius in from the rim) and sampled evenly along
    the arc, then the band is narrowed to the depths the characters reach and the arc
    to its longest run of ink. The polar warp of :func:`_unwrap` scales depth with the
    radius and spacing with the angle: on a 3:2 oval it squeezes the characters towards
    the ends of the arc (a third narrower than at its top) and shrinks their height at
    the top, and an oval's small characters fill a third of a band sized for a round seal.

    >>> ink = np.full((300, 400), 255, np.uint8)
    >>> strip = _unwrap_oval(ink, _Ellipse(200, 150, 180, 120), -90.0, 180.0)
    >>> strip.shape[0], 200 < strip.shape[1] < 350  # half the band's middle line, at 48 px for its depth
    (48, True)
    """
    d0, d1 = _oval_depths(ell, inner, outer)
    strip = _oval_band(ink, ell, start_deg, span_deg, d0, d1, height)
    rows = _text_rows(_ink_of(strip))
    if rows is not None and rows[1] - rows[0] < 0.75 * height:
        # the characters fill only part of the band (an oval's are small): read them at their own depth
        step = (d1 - d0) / (height - 1)
        pad = 0.12 * (rows[1] - rows[0])
        d0, d1 = d0 + step * max(0.0, rows[0] - pad), d0 + step * min(height - 1.0, rows[1] + pad)
        strip = _oval_band(ink, ell, start_deg, span_deg, d0, d1, height)
    return _longest_run(strip)


def _probe(ink: np.ndarray, ell: _Ellipse, start_deg: float, inner: float, outer: float,
           height: int = 32) -> np.ndarray:
    """The whole ring band as a 360-degree strip, columns even in (parametric) angle from
    ``start_deg``, to find where the text lies round it (:func:`_arc_text_span`). A round
    seal's band is :func:`_unwrap`'s; an oval's is taken at fixed depths in from its rim,
    as :func:`_unwrap_oval` reads it: an oval's characters are cut at one depth, which
    is a different share of the radius at the ends of its long and short axes, so a
    band at fixed shares misses the text along most of the rim (a 2:3 oval's name of
    17 small characters was found over 56 degrees of its 170).

    >>> ink = np.full((300, 400), 255, np.uint8)
    >>> _probe(ink, _Ellipse(200, 150, 180, 120), -90.0, 0.55, 0.91).shape[0]
    32
    """
    if max(ell.a, ell.b) <= OVAL * min(ell.a, ell.b):
        return _unwrap(ink, ell, start_deg, inner=inner, outer=outer, height=height)
    cv2 = _cv2()
    d0, d1 = _oval_depths(ell, inner, outer)
    mean_r = (ell.a + ell.b) / 2
    length = int(min(4000, max(64, 2 * math.pi * (mean_r - (d0 + d1) / 2) * height / (d1 - d0))))
    s = np.radians(start_deg) + np.linspace(0, 2 * math.pi, length, endpoint=False)
    mapx, mapy = _on_page(ell, *_inward(ell, s[None, :], np.linspace(d0, d1, height)[:, None]))
    return cv2.remap(ink, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=_WHITE)


def _longest_run(strip: np.ndarray, bridge: float = 0.9) -> np.ndarray:
    """The strip cut to its longest run of ink columns (gaps narrower than ``bridge``
    strip heights bridged) and a margin of half a height: an oval's arc ends run into
    its bottom text and seal code, which are not the name.

    >>> s = np.full((48, 600), 255, np.uint8); s[10:40, 50:300:20] = 0; s[10:40, 500:520] = 0
    >>> _longest_run(s).shape
    (48, 289)
    >>> s = np.full((48, 1400), 255, np.uint8)
    >>> for x in range(50, 1000, 90): s[10:40, x:x + 30] = 0  # spaced out: 60 px between characters
    >>> s[10:40, 1250:1280] = 0  # and, far off, the code
    >>> _longest_run(s).shape
    (48, 978)
    """
    h, n = strip.shape[:2]
    cols = (_ink_of(strip) < 160).sum(axis=0) > max(1, h // 16)
    on = np.flatnonzero(cols)
    if not len(on):
        return strip
    steps = np.diff(on)
    spaces = steps[steps > 1]
    # characters spaced out along a long arc (small ones, wide apart) stay one run: the
    # gap before the bottom text or the code is wider than the name's own spacing
    widest = max(bridge * h, 1.6 * float(np.median(spaces))) if len(spaces) >= 4 else bridge * h
    gaps = np.flatnonzero(steps > widest)
    starts, ends = np.r_[on[0], on[gaps + 1]], np.r_[on[gaps], on[-1]]
    k = int(np.argmax(ends - starts))
    pad = h // 2
    return strip[:, max(0, starts[k] - pad): min(n, ends[k] + pad + 1)]


def _text_rows(strip: np.ndarray) -> tuple[int, int] | None:
    """The first and last rows of a strip that the characters reach: rows crossing
    at least a third as many short runs of ink (strokes) as the row that crosses most;
    a line along the strip (the rim, an inner ring, even wavy where the fitted ring is a
    little off) makes long runs, which are not counted. None without any strokes.

    >>> s = np.full((48, 200), 255, np.uint8); s[2:4] = 0; s[10:20, 20:180:10] = 0
    >>> _text_rows(s)
    (10, 19)
    """
    h = strip.shape[0]
    ink = np.pad(strip < 160, ((0, 0), (1, 1)))
    d = np.diff(ink.astype(np.int8), axis=1)
    strokes = np.zeros(h)
    for y in range(h):
        starts, ends = np.flatnonzero(d[y] == 1), np.flatnonzero(d[y] == -1)
        strokes[y] = np.count_nonzero(ends - starts <= h)
    if strokes.max() < 4:
        return None
    on = np.flatnonzero(strokes >= strokes.max() / 3)
    return int(on[0]), int(on[-1])


def _oval_band(ink: np.ndarray, ell: _Ellipse, start_deg: float, span_deg: float, d0: float, d1: float,
               height: int) -> np.ndarray:
    """The band ``d0`` .. ``d1`` pixels in from an oval's rim along its normal, over the
    arc of :func:`_unwrap_oval`, sampled evenly along the arc at the band's middle."""
    cv2 = _cv2()
    centre = math.radians(start_deg) + math.pi
    half = math.radians(min(360.0, span_deg)) / 2
    s = np.linspace(centre - half, centre + half, 2048)
    mx, my = _inward(ell, s, (d0 + d1) / 2)  # the middle of the band
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(mx), np.diff(my)))])
    depth = d1 - d0
    length = int(min(4000, max(64, arc[-1] * height / depth))) if depth > 0 else 64  # a band of no depth: a strip, unread
    at = np.interp(np.linspace(0, arc[-1], length), arc, s)
    mapx, mapy = _on_page(ell, *_inward(ell, at[None, :], np.linspace(d0, d1, height)[:, None]))
    return cv2.remap(ink, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=_WHITE)


def _inward(ell: _Ellipse, s: np.ndarray, d) -> tuple[np.ndarray, np.ndarray]:
    """Points ``d`` in from an oval's rim along its normal at parametric angles ``s``
    (the ellipse's own frame)."""
    a, b = ell.a, ell.b
    cs, sn = np.cos(s), np.sin(s)
    nx, ny = b * cs, a * sn  # the outward normal
    norm = np.hypot(nx, ny)
    return a * cs - d * nx / norm, b * sn - d * ny / norm


def _on_page(ell: _Ellipse, ex: np.ndarray, ey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points of the ellipse's own frame turned and placed on the image (remap maps)."""
    ca, sa = math.cos(math.radians(ell.angle)), math.sin(math.radians(ell.angle))
    return (ell.cx + ex * ca - ey * sa).astype(np.float32), (ell.cy + ex * sa + ey * ca).astype(np.float32)


def _oval_depths(ell: _Ellipse, inner: float, outer: float) -> tuple[float, float]:
    """The band ``outer`` .. ``inner`` (shares of the mean radius) as depths in from an
    oval's rim, never deeper than its tightest curvature (b^2/a at the ends of the long
    axis), where the inward offsets would cross."""
    mean_r = (ell.a + ell.b) / 2
    reach = 0.9 * min(ell.a, ell.b) ** 2 / max(ell.a, ell.b)
    d0 = (1 - outer) * mean_r
    return d0, max(d0 + 2, min((1 - inner) * mean_r, reach))


def _band_strip(ink: np.ndarray, ell: _Ellipse, start_deg: float, inner: float, outer: float,
                span_deg: float) -> np.ndarray:
    """The strip a reading is made from: the text's arc (``span_deg`` and a margin,
    centred half a turn after ``start_deg``) with the rim lines along it cleared; along
    the arc where the ring is an oval (:data:`OVAL`)."""
    if max(ell.a, ell.b) > OVAL * min(ell.a, ell.b):
        width = min(360.0, span_deg + 360.0 * TRIM_MARGIN)
        return _trim_strip(_unwrap_oval(ink, ell, start_deg, width, inner=inner, outer=outer), 360.0)
    return _trim_strip(_unwrap(ink, ell, start_deg, inner=inner, outer=outer), span_deg)


def _arc_text_span(strip: np.ndarray, start_deg: float, bridge: float = 0.9,
                   faint: bool = False) -> tuple[float, float]:
    """The main arc text in a 360-degree strip: (centre angle, angular span), in image
    degrees. Ink columns are grouped, bridging gaps narrower than about one
    character (a probe strip is about a character high: seals space their names
    out; ``bridge`` in strip heights); the longest group is the unit name (a serial
    number along the bottom arc, if any, is a separate, shorter group). With
    ``faint``, its ends are followed over characters fainter than the rest of the name
    (:func:`_faint_ends`)."""
    ink_cols = (strip < 190).sum(axis=0) > max(1, strip.shape[0] // 16)
    n = len(ink_cols)
    if not ink_cols.any():
        return (start_deg + 180.0) % 360, 0.0
    if ink_cols.all():
        return (start_deg + 180.0) % 360, 360.0
    bridge = max(2, int(strip.shape[0] * bridge))
    # rotate so that column 0 starts a gap, then group linearly
    first_gap = int(np.flatnonzero(~ink_cols)[0])
    cols = np.roll(ink_cols, -first_gap)
    groups: list[list[int]] = []
    i = 0
    while i < n:
        if cols[i]:
            j = i
            while j + 1 < n and cols[j + 1]:
                j += 1
            if groups and i - groups[-1][1] - 1 <= bridge:
                groups[-1][1] = j
            else:
                groups.append([i, j])
            i = j + 1
        else:
            i += 1
    # the last group may continue into the first one across column 0
    if len(groups) > 1 and (n - 1 - groups[-1][1]) + groups[0][0] <= bridge:
        groups[0][0] = groups[-1][0] - n
        groups.pop()
    g0, g1 = max(groups, key=lambda g: g[1] - g[0])
    if faint:
        h = strip.shape[0]
        g0, g1 = _faint_ends(np.roll(strip, -first_gap, axis=1), g0, g1, max(2, int(0.9 * h)), int(FAINT_REACH * h))
    mid = (g0 + g1) / 2 + first_gap
    return (start_deg + 360.0 * mid / n) % 360, 360.0 * (g1 - g0 + 1) / n


#: the palest level (0 black .. 255 paper) a faint end of a name is followed to by
#: :func:`_faint_ends`: a tenth of the crop's strongest ink; JPEG's speckle on the paper
#: round a seal stays paler
FAINT_LEVEL = 230
#: how far (in strip heights, about a character's pitch and a half each) :func:`_faint_ends`
#: follows a name beyond each end: two characters
FAINT_REACH = 2.0


def _faint_ends(strip: np.ndarray, g0: int, g1: int, bridge: int, reach: int) -> tuple[int, int]:
    """The group of ink columns ``g0`` .. ``g1`` of a 360-degree strip (columns taken
    round the turn: ``g0`` may be negative) followed on at each end over characters
    fainter than the 190 level that found it, at a level as far from the paper
    relative to the name's own darkest strokes as 190 is from black, never paler than
    :data:`FAINT_LEVEL`, at most ``reach`` columns beyond each end; gaps up to ``bridge``
    columns bridged.

    The strip's levels are the crop's: its strongest ink (rim, star) is black. A
    small seal sent through a chat app (WeChat, about 200 px across, JPEG 4:2:0 at
    q50 three times) keeps little colour in its thin strokes: the name's strokes
    reach 150-170 and the thinnest at its end 220-230, so the span stopped before
    them and every unwrap of 抚顺市生态环境保护服务中心 read 抚顺市生态环境保护服务
    (probe trust33: 「中心」 未能识别, a review on a clean applicant). A name printed
    dark (strokes near 0) is followed no further than the 190 level found it.

    >>> s = np.full((32, 400), 255, np.uint8)
    >>> for x in range(80, 280, 20): s[8:24, x:x + 10] = 160  # a pale name
    >>> for x in range(280, 340, 20): s[8:24, x:x + 10] = 225  # its last characters paler still
    >>> s[8:24, 30:32] = 240  # speckle on the paper
    >>> _faint_ends(s, 80, 269, 28, 64)
    (80, 329)
    >>> _faint_ends(s, 80, 269, 28, 40)  # no further than its reach
    (80, 309)
    >>> s[8:24, 80:280] = np.where(s[8:24, 80:280] == 160, 0, 255)  # the name printed dark
    >>> _faint_ends(s, 80, 269, 28, 64)
    (80, 269)
    """
    n = strip.shape[1]
    dark = float(np.percentile(strip[:, np.arange(g0, g1 + 1) % n], 1))
    level = min(float(FAINT_LEVEL), 255.0 - (255.0 - dark) * (255.0 - 190.0) / 255.0)
    if level <= 190.0:
        return g0, g1
    faint = (strip < level).sum(axis=0) > max(1, strip.shape[0] // 16)
    for step in (1, -1):
        end = g1 if step > 0 else g0
        k, gap = end + step, 0
        while gap <= bridge and abs(k - end) <= reach and g1 - g0 + 1 < n and (k - g0 < n if step > 0 else g1 - k < n):
            if faint[k % n]:
                if step > 0:
                    g1 = k
                else:
                    g0 = k
                gap = 0
            else:
                gap += 1
            k += step
    return g0, g1


#: the widest gap (in probe strip heights, about a character's pitch each) inside a name
#: along the ring that :func:`_worn_text_span` bridges: two characters worn away
WORN_BRIDGE = 2.4


def _worn_text_span(strip: np.ndarray, start_deg: float, top: float, span: float) -> tuple[float, float]:
    """The main arc text in a 360-degree strip as :func:`_arc_text_span` finds it (``top``,
    ``span``), with gaps of up to :data:`WORN_BRIDGE` strip heights inside it bridged
    where that takes in more of the ring: (centre angle, angular span).

    A worn stamp or a dry pad leaves characters of a name faint or gone, and the gap
    they leave is wider than the spacing of the characters: :func:`_arc_text_span` then
    takes the longer part of the name for the text, and every unwrap read only that part
    (抚顺市生态环境 of 抚顺市生态环境事务服务中心, its 事务 worn: 服务中心 never read, on a
    clean applicant's seal). The bridged span is read last, where nothing else settled
    the seal; it may take in a seal code or the bottom text beside the name, which a
    reading's alignment leaves round the name.

    >>> s = np.full((32, 720), 255, np.uint8)
    >>> for x in list(range(100, 300, 25)) + list(range(360, 460, 25)): s[8:24, x:x + 18] = 0  # a gap of 2 heights
    >>> top, span = _arc_text_span(s, 0.0)
    >>> round(span), [round(v) for v in _worn_text_span(s, 0.0, top, span)]
    (96, [138, 176])
    >>> s[:, 330:] = 255  # nothing beyond the gap: the span as it was
    >>> _worn_text_span(s, 0.0, top, span) == (top, span)
    True
    """
    wtop, wspan = _arc_text_span(strip, start_deg, bridge=WORN_BRIDGE, faint=True)
    return (wtop, wspan) if wspan > span + 1.0 else (top, span)


def _widest_gap(strip: np.ndarray, start_deg: float) -> tuple[float, float] | None:
    """The middle of the widest stretch without ink in a 360-degree strip, and the
    span of the rest (the text), in degrees: circular text starts after its widest gap."""
    ink_cols = (strip < 190).sum(axis=0) > max(1, strip.shape[0] // 16)
    n = len(ink_cols)
    if not ink_cols.any() or ink_cols.all():
        return None
    first_ink = int(np.flatnonzero(ink_cols)[0])
    cols = np.roll(ink_cols, -first_ink).astype(np.int8)
    d = np.diff(np.r_[cols, 1])
    starts, ends = np.flatnonzero(d == -1) + 1, np.flatnonzero(d == 1) + 1
    if not len(starts):
        return None
    lengths = ends[:len(starts)] - starts
    k = int(np.argmax(lengths))
    mid = (starts[k] + lengths[k] / 2 + first_ink) % n
    return (start_deg + 360.0 * mid / n) % 360, 360.0 * (n - lengths[k]) / n


#: the share of a turn kept round the text span (blank margins are cut later by the reader)
TRIM_MARGIN = 0.04
#: the share of a turn more kept round the text span by the reading made last
WIDE_MARGIN = 0.04


def _trim_strip(strip: np.ndarray, span_deg: float) -> np.ndarray:
    """Cut a strip centred on the arc text to the text's span plus a margin, and
    clear the rim lines that run along it (a second rim, the ring itself where the
    fitted ellipse is a little off): a line over the text confuses the recogniser.

    >>> s = np.full((48, 300), 255, np.uint8); s[3:5, :] = 0; s[20:30, 100:120] = 0
    >>> t = _trim_strip(s, 360.0)
    >>> int(t[3:5].min()), int(t[20:30].min())
    (255, 0)
    """
    n = strip.shape[1]
    half = int(n * min(1.0, span_deg / 360.0 + TRIM_MARGIN) / 2)
    c = n // 2
    out = strip[:, max(0, c - half): min(n, c + half + 1)].copy()
    h = out.shape[0]
    dark = (_ink_of(out) < 160).mean(axis=1)
    # a line runs the whole strip and is thin: rows just beyond it are far lighter
    for rows in (range(0, int(0.35 * h)), range(int(0.65 * h), h)):
        for y in rows:
            if dark[y] >= 0.85 and min(dark[max(0, y - 3)], dark[min(h - 1, y + 3)]) < 0.5:
                out[max(0, y - 1): y + 2] = 255
    return out


def _png(img: np.ndarray) -> bytes | None:
    ok, buf = _cv2().imencode(".png", img)
    return buf.tobytes() if ok else None


def _line_reader(engine):
    """The engine's reader for a seal strip: its seal model where it has one, its
    lines with the per-frame probabilities where it has those, else text and score."""
    for name in ("read_seal_line", "read_line"):
        fn = getattr(engine, name, None)
        if fn is not None:
            return fn
    return lambda img: SealReading(*engine.recognize_line(img), None)


class Unwraps:
    """A seal's ring made ready for reading once: its crop's inks, the fitted ellipse,
    the unwraps in the order they are read, and every strip made so far. A second
    recogniser asked about the same seal (:func:`~.page.second_look`,
    :func:`~.page._surely_other`) reads these very strips: unwrapping the ring again made
    the same pixels (15 of the 121 ms the sample's near-miss seal's second reading took)."""

    def __init__(self, image: np.ndarray, seal: SealMark):
        cv2 = _cv2()
        H, W = image.shape[:2]
        x0, y0, x1, y1 = seal.bbox
        self.color = seal.color
        self.crop = crop = _as_bgr(image)[max(0, y0):min(H, y1), max(0, x0):min(W, x1)]
        if crop.size == 0:
            return
        ink = _seal_ink_image(crop, seal.color)
        self.cover = cover = _cover_image(crop, seal.color)
        # a coloured seal's cover rides with its ink as a second channel, warped with it, so
        # each reading knows where print hid the seal
        # work at a fixed size: the recogniser wants ~48 px high strips anyway
        side = 400
        self.f = side / float(max(crop.shape[:2]))
        self.layers = layers = self.prepared(ink)
        # the colour's ink with print filled in (where print lies over the seal), and the same
        # ink from the crop's brightness (a JPEG's colour is coarse): read after the colour's
        # own unwraps, where those did not settle the seal, so made only when first read (most
        # seals are settled by their colour's first unwrap)
        self.colour_ink = ink
        made = ([FILLED] if cover is not None and (cover == 0).any() else []) + (
            [BRIGHTNESS] if seal.color in BRIGHTNESS_COLOURS else [])
        self.inks: list[np.ndarray | None] = [layers] + [None] * len(made)
        self.kinds = kinds = [COLOUR] + made
        self.ink = ink = np.ascontiguousarray(_ink_of(layers))
        self.ell = ell = _fit_in_crop(ink)

        variants: list[tuple[_Ellipse, float, float, float, float, float]] = []  # ellipse, start, inner, outer, span, top
        band_of: list[int] = []  # the text band of each variant
        worn: dict[int, tuple[float, float]] = {}  # per band: (centre, span) of its text with worn gaps bridged
        # where the text lies is found on the seal's own ink without the print across it
        # where that differs (a light copy with print across it: :func:`_span_ink`)
        span_ink = _span_ink(crop, seal.color)
        span_ink = ink if span_ink is None else np.ascontiguousarray(_ink_of(self.prepared(span_ink)))
        for b, (band_ell, inner, outer) in enumerate(_text_bands(ink, ell)):
            up = 90.0 - band_ell.angle
            probe = _probe(span_ink, band_ell, up, inner=inner + 0.05, outer=outer - 0.01)
            top, span = _arc_text_span(probe, up)
            worn[b] = _worn_text_span(probe, up, top, span)
            if b == 0:  # the name alone (never bridged to a seal code beside it): where "up" is
                self.name_top = _arc_text_span(probe, up, bridge=0.45)[0]
            # the strip starts half a turn before the text's centre, so the text sits in its middle
            starts = [top - 180.0]
            gap = _widest_gap(probe, up)
            if gap is not None and span > 200 and _angle_between(gap[0] + 180.0, top) > 20:
                starts.append(gap[0])  # text round most of the ring: start in its widest gap
                span = max(span, gap[1])
            if b == 0 and _angle_between(top, up + 180.0) > 20:
                starts.append(up)  # an upright seal, in case the span was misjudged
            for start in starts:
                width = 300.0 if start == up and start != starts[0] else span
                variants.append((band_ell, start, inner, outer, width, top))
                if start == starts[0]:
                    variants.append((band_ell, start, inner + 0.1, outer, width, top))
            if b == 0:
                variants += [(band_ell, starts[0] - 8.0, inner + 0.05, min(0.95, outer + 0.02), span, top),
                             (band_ell, starts[0] + 8.0, inner + 0.05, outer - 0.03, span, top)]
            band_of += [b] * (len(variants) - len(band_of))
        self.variants, self.band_of, self.worn = variants, band_of, worn
        # each band's likeliest unwrap first, then the others band by band
        self.firsts = firsts = [band_of.index(b) for b in sorted(set(band_of))]
        rest = [i for i in range(len(variants)) if i not in firsts]
        inks = self.inks
        # (variant, ink): every band's likeliest unwrap in each ink before the other unwraps
        # (the print-filled ink only at each band's likeliest unwrap: its other unwraps cost a
        # fifth more reading on the base bench for one review fewer in 60 dossiers)
        order = [(i, j) for j in range(len(inks)) for i in firsts] + [(i, j) for j in range(len(inks)) for i in rest
                                                                       if kinds[j] != FILLED]
        # last, where nothing settled the seal: each band's likeliest unwrap in each ink once
        # more with a wider margin round its text's span (:data:`WIDE_MARGIN`). The span is
        # measured from the ink, and a first or last character worn faint or under print lies
        # at its edge or beyond it: the wider strip gives the recogniser its whole shape and
        # air round it (抚顺市生态环境事务服务中心's 顺, dropped by every other reading of a
        # clean applicant's seal, kept as a likely alternative there). Read last, so a seal the
        # other readings settle costs nothing more: on the two-seed base bench, the unit decided
        # on one more seal whose ring is intact and two reviews fewer (none on a clean
        # dossier); scripts/bench_near_miss.py, whose seals are mostly left unsettled, took
        # 74 CPU-s against 66. Its readings weigh the seal; the report's stays the span's.
        # That span bridges the gaps a worn character leaves (:func:`_worn_text_span`): two
        # characters worn faint cut a name in two, and the span of its longer part left the
        # rest out of every reading
        order += [(-1 - i, j) for j in range(len(inks)) for i in firsts]
        self.order = order
        #: per place in :attr:`order`: (strip, where print hid it or None, start, inner, outer)
        self.strips: dict[int, tuple] = {}
        self.covers: dict[tuple[int, int], np.ndarray] = {}  # (place, frames): :meth:`frame_cover`
        self.grays: dict[int, tuple | None] = {}  # place: :meth:`pixels`

    def prepared(self, ink: np.ndarray) -> np.ndarray:
        cv2 = _cv2()
        layers = ink if self.cover is None else np.dstack([ink, self.cover])
        layers = cv2.resize(layers, None, fx=self.f, fy=self.f,
                            interpolation=cv2.INTER_AREA if self.f < 1 else cv2.INTER_CUBIC)
        # keep a white margin so the ring never touches the border
        return cv2.copyMakeBorder(layers, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=_WHITE)

    def strip(self, k: int) -> tuple:
        """The ``k``-th strip of :attr:`order` (made once): (strip BGR, cover or None,
        start, inner, outer)."""
        got = self.strips.get(k)
        if got is not None:
            return got
        cv2 = _cv2()
        i, j = self.order[k]
        wide, i = i < 0, (-1 - i if i < 0 else i)
        band_ell, start, inner, outer, width, top = self.variants[i]
        if wide:
            # the text's span with its worn gaps bridged (:func:`_worn_text_span`), centred on it
            centre, width = self.worn[self.band_of[i]]
            start += centre - top
            width = min(360.0, width + 360.0 * WIDE_MARGIN)
        inks, kinds, crop, cover = self.inks, self.kinds, self.crop, self.cover
        if inks[j] is None and kinds[j] == FILLED:
            # a gray copy's print with its strokes' soft edges (:func:`_print_reach`)
            reach = _print_reach(crop, cover) if self.color == "dark" else cover
            inks[j] = self.prepared(_print_filled(self.colour_ink, reach))
        elif inks[j] is None:
            inks[j] = self.prepared(_print_filled(_seal_luma_image(crop, self.color, self.colour_ink, cover),
                                                  _printed(cover)))
        warped = _band_strip(inks[j], band_ell, start, inner, outer, width)
        strip = cv2.cvtColor(np.ascontiguousarray(_ink_of(warped)), cv2.COLOR_GRAY2BGR)
        hidden = warped[..., 1] if warped.ndim == 3 else None
        if hidden is not None:  # cut as the reader cuts it, so its frames line up with the cover
            m0, m1 = line_margins(strip)
            strip, hidden = np.ascontiguousarray(strip[:, m0:m1]), hidden[:, m0:m1]
        got = self.strips[k] = (strip, hidden, start, inner, outer)
        return got

    def frame_cover(self, k: int, frames: int) -> np.ndarray:
        """:func:`_frame_cover` of the ``k``-th strip's cover at ``frames`` frames (made once)."""
        key = (k, frames)
        if key not in self.covers:
            self.covers[key] = _frame_cover(self.strips[k][1], frames)
        return self.covers[key]

    def pixels(self, k: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The ``k``-th strip (gray) and its cover, where print hides some of it
        (:attr:`SealReading.pixels`; made once)."""
        if k not in self.grays:
            strip, hidden = self.strips[k][:2]
            self.grays[k] = (None if hidden is None or not (hidden < 128).any()
                             else (_cv2().cvtColor(strip, _cv2().COLOR_BGR2GRAY), hidden))
        return self.grays[k]


def read_seal(image: np.ndarray, seal: SealMark, engine, settled=None, reader=None, bottom: bool = True,
              second: bool = False, unwraps: Unwraps | None = None) -> Unwraps | None:
    """Reads the seal's text and fills, in place, ``seal.text`` (the arc text: the
    unit name, normalised), ``seal.readings`` (every :class:`SealReading` tried),
    ``seal.bottom_text``, ``seal.text_score``, ``seal.crop_png`` and ``seal.unwrap_png``.

    The ring is unwrapped several ways (text bands, starts, radii), each band's
    likeliest first; ``settled(seal)``, asked after each reading, ends the reading
    early when it says the readings so far decide whose seal it is: ``"unit"`` at
    once, ``"other"`` once every band has been read; ``"read"`` (enough was read for
    a seal whose name nothing weighs) at once. ``reader`` reads each strip in place of
    the engine's seal reader (:func:`_line_reader`), its readings marked ``second``
    (:attr:`SealReading.second`) where so asked; without ``bottom`` the lines under the
    star are not read. ``unwraps``: the seal's ring as an earlier reading of this very
    seal made it ready (:class:`Unwraps`, what this returns): its strips are read again
    as they are, and no picture is made (a second recogniser's reading is weighed, not
    shown). Returns the :class:`Unwraps` read (None for a seal with no pixels)."""
    again = unwraps is not None
    if unwraps is None:
        unwraps = Unwraps(image, seal)
    crop = unwraps.crop
    if crop.size == 0:
        return None
    if not again:
        seal.crop_png = _png(crop)
    cv2 = _cv2()
    ink, ell, layers, firsts, inks, kinds = (unwraps.ink, unwraps.ell, unwraps.layers, unwraps.firsts,
                                            unwraps.inks, unwraps.kinds)
    reader = reader or _line_reader(engine)
    best = (-1.0, "", 0.0, None, unwraps.variants[0][5], ell)
    seal.readings = []
    # what each strip read, by its pixels: two unwraps (or inks) can make the very same
    # strip, which the recogniser reads the same way (5 of 255 reads on five set-s7 dossiers)
    read_as: dict[tuple, object] = {}
    for k, (i, j) in enumerate(unwraps.order):
        wide, i = i < 0, (-1 - i if i < 0 else i)
        band_ell, _, _, _, _, top = unwraps.variants[i]
        strip, hidden, start, inner, outer = unwraps.strip(k)
        pixels = (strip.shape, hashlib.blake2b(strip.tobytes(), digest_size=16).digest())
        got = read_as.get(pixels)
        if got is None:
            got = read_as[pixels] = reader(strip)
        raw, score, lattice = got[0], float(got[1]), (got[2] if len(got) > 2 else None)
        text = normalize_seal_text(raw)
        log.debug("seal arc start=%.0f inner=%.2f outer=%.2f -> %r %.3f", start, inner, outer, text, score)
        if text:
            frames = getattr(lattice, "logp", None)
            seal.readings.append(SealReading(raw, score, lattice, None if hidden is None or frames is None
                                             else unwraps.frame_cover(k, frames.shape[0]), kinds[j] == BRIGHTNESS,
                                             kinds[j] != COLOUR and FILLED in kinds,
                                             None if hidden is None else unwraps.pixels(k), second))
        quality = _reading_quality(text, score)
        if quality > best[0] and not wide:  # the wider arc's reading weighs, the report keeps the span's
            best = (quality, text, score, strip, top, band_ell)
        if text and settled is not None:
            verdict = settled(seal)
            if verdict in ("unit", "read") or (verdict == "other" and k + 1 >= len(firsts) * len(inks)):
                break
    _, text, score, strip, top, best_ell = best
    seal.text = text or None
    seal.text_score = float(score)
    if strip is not None and not again:
        seal.unwrap_png = _png(strip)
    if not again and unwraps.worn:
        seal.arc_span = unwraps.worn[min(unwraps.worn)][1]  # the outer band's: a name's ring

    if not bottom:
        return unwraps
    # bottom text: the lines under the star, read upright (the seal turned so that
    # its arc text is centred at the top)
    seal.bottom_readings = []
    rotation = (unwraps.name_top if best_ell is ell else top) - 270.0 + best_ell.angle
    seal.bottom_text = _read_bottom_text(ink, ell, rotation, engine, seal.bottom_readings)
    # what the ink there shows by its shape, read or not: a line of characters (seal.unit)
    seal.bottom_row = _bottom_row(ink, ell, rotation, layers[..., 1] if layers.ndim == 3 else None, engine,
                                  seal.bottom_readings, seal.color == "dark")
    return unwraps


def _bottom_row(ink: np.ndarray, ell: _Ellipse, rotation: float, cover: np.ndarray | None, engine, readings: list,
                copy: bool):
    """The line of characters the ink under the star shows by its shape
    (:func:`~verify.marks.seals.bottom.character_row`), its own band read with its levels
    stretched into its ``read`` (a line too light to be read by :func:`_read_bottom_text`).
    On a gray ``copy`` with print told (``cover``), where no row shows or the row read
    there is no line of two characters (a turn upside down shows the name's arc as a row),
    its line measured against the seal's own ink, the page upright too
    (:func:`~verify.marks.seals.bottom.copied_row`); a line found turned otherwise is read
    there as well into ``readings``, so a reading names it (a date printed across the
    seal) or weighs what it says."""
    row = character_row(ink, ell, rotation, cover)
    if row is not None:
        row = row._replace(read=_read_strip(row_strip(ink, ell, rotation, row, cover), engine))
    if copy and cover is not None and not _reads_a_line(row):
        found, turn = copied_row(ink, ell, rotation if row is None else COPY_TURN, cover)
        if found is not None:
            found = found._replace(read=_read_strip(row_strip(ink, ell, turn, found, cover), engine))
            if row is None or _reads_a_line(found):
                if turn != rotation:
                    _read_bottom_text(ink, ell, turn, engine, readings)
                row = found
    return row


def _reads_a_line(row) -> bool:
    """Whether ``row``'s band was read as two characters or more at 0.5 or better."""
    read = getattr(row, "read", None)
    return read is not None and read.score >= 0.5 and len(normalize_seal_text(read.text)) >= 2


def _angle_between(a: float, b: float) -> float:
    """
    >>> _angle_between(350, 10), _angle_between(90, 270)
    (20.0, 180.0)
    """
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _read_bottom_text(ink: np.ndarray, ell: _Ellipse, rotation: float, engine, readings: list | None = None) -> str | None:
    """The lines under the star (read upright), joined: those read at 0.6 or better.
    Every line read, however unsurely, is appended to ``readings`` as a
    :class:`SealReading` with the recogniser's probabilities where the engine gives them:
    seal.unit checks against them whether an unsure line says 合同专用章 or 财务专用章
    (the unit's finance seal under the star read 「财美专用章」 at 0.44 on the sample)."""
    cv2 = _cv2()
    M = cv2.getRotationMatrix2D((ell.cx, ell.cy), rotation, 1.0)
    upright = cv2.warpAffine(ink, M, (ink.shape[1], ink.shape[0]), borderValue=255)
    r = min(ell.a, ell.b)
    bx0, bx1 = int(ell.cx - 0.6 * ell.a), int(ell.cx + 0.6 * ell.a)
    by0, by1 = int(ell.cy + 0.1 * r), int(ell.cy + 0.72 * r)
    band = upright[max(0, by0):by1, max(0, bx0):bx1]
    if band.size == 0:
        return None
    rows = (band < 150).sum(axis=1) > max(2, band.shape[1] // 60)
    lines, i = [], 0
    while i < len(rows):
        if rows[i]:
            j = i
            while j + 1 < len(rows) and rows[j + 1]:
                j += 1
            # a run from the band's top edge is the star's lower points (or print running
            # on from above it), not a line of its own: reading it costs a recognition for
            # nothing but noise
            if j - i + 1 >= 0.06 * r and i > 0 and _centred(band[i:j + 1]):
                lines.append((i, j))
            i = j + 1
        else:
            i += 1
    texts = []
    for i, j in lines:
        pad = max(2, (j - i) // 5)
        got = _read_strip(band[max(0, i - pad): j + pad + 1], engine)
        raw, score = got.text, got.score
        if readings is not None:
            readings.append(got)
        text = normalize_seal_text(raw)
        log.debug("seal bottom line %d-%d -> %r %.3f", i, j, text, score)
        if text and score >= 0.6:
            texts.append(text)
    return " ".join(texts) or None


def _read_strip(line: np.ndarray, engine) -> SealReading:
    """One line under the star (dark on white) read by ``engine``, with the recogniser's
    probabilities where it gives them (``read_line``)."""
    strip = _cv2().cvtColor(line, _cv2().COLOR_GRAY2BGR)
    read_line = getattr(engine, "read_line", None)
    got = read_line(strip) if read_line is not None else (*engine.recognize_line(strip), None)
    return SealReading(got[0], float(got[1]), got[2] if len(got) > 2 else None)


#: a line under the star is read only where it holds ink in this middle share of the band's
#: width (:func:`_centred`)
BOTTOM_MIDDLE = 0.8


def _centred(rows: np.ndarray) -> bool:
    """Whether the band's ``rows`` (a run of inked rows under the star) hold ink in the middle
    :data:`BOTTOM_MIDDLE` of their width, as a line under the star does, not only at its two
    ends: there the band's lower corners meet the ends of the name along the ring (or the
    ring itself), which a recognition read as nothing (four lines of the sample's 32 seals,
    50-65 ms each: 18 px high, they are read 600 px wide; 32 of the 159 lines of the 30
    set-s7 dossiers, none of them read as text kept).

    >>> rows = np.full((18, 200), 255, np.uint8); rows[:, :15] = 0; rows[:, 190:] = 0
    >>> _centred(rows)
    False
    >>> rows[5:9, 100:104] = 0
    >>> _centred(rows)
    True
    """
    w = rows.shape[1]
    return bool((rows[:, int(w * (1 - BOTTOM_MIDDLE) / 2):int(math.ceil(w * (1 + BOTTOM_MIDDLE) / 2))] < 150).any())


def _reading_quality(text: str, score: float) -> float:
    cjk = cjk_count(text)
    return score * min(1.0, cjk / 6.0) + 0.01 * min(cjk, 20)
