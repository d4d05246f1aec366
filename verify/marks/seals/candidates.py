"""Candidates: connected ink blobs and Hough circles, fitted with ellipses, judged
by their ring evidence; :func:`find_seals` puts the steps together."""
from __future__ import annotations

import logging
import math
import re
from typing import NamedTuple
import dataclasses
from dataclasses import dataclass

import numpy as np

from ocr.model import OcrPage
from ocr.preprocess import shrink
from verify.marks.pieces import components_with_stats
from verify.model import SealMark

from .ink import _as_bgr, _cv2, colour_only_in, dark_mask, has_faint_colour, ink_masks, is_grayscale, remove_lines
from .ring import (RING_TEXT_RUNS, TRAIT_RADIUS, RingTraits, _Ellipse, _Evidence, off_page, ring_evidence,
                   ring_round_star, ring_traits, stars)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SealSettings:
    """How seals are found. Sizes are fractions of the page's shorter side."""

    work_side: int = 720  # the shorter side of the working image (coloured ink), pixels
    dark_side: int = 440  # the same for dark ink (copies): a seal is large, text is busy
    min_diameter: float = 0.06  # a 42 mm seal on A4 is ~0.2; small financial seals ~0.12
    max_diameter: float = 1.05  # a crop of just the seal
    line_length: float = 0.4  # straight runs longer than this are lines, not seals
    certain_coverage: float = 0.78  # share of rays that meet the ring
    certain_contrast: float = 0.5  # ring coverage minus coverage just outside it
    possible_coverage: float = 0.55
    possible_contrast: float = 0.3
    dark_enabled: bool = True  # look for dark (photocopied) seals too
    max_hough: int = 12


DEFAULT_SETTINGS = SealSettings()


#: how far below the paper (levels) a pixel of a page without colour counts as dark ink: a
#: red seal copied to gray is pale (a colour page's dark ink is :func:`dark_mask`'s default)
GRAY_PAGE_MARGIN = 20


def _sizes(mask: np.ndarray, settings: SealSettings) -> tuple[float, float, float]:
    """The working image's shorter side and the least and greatest seal radius on it."""
    short = float(min(mask.shape[:2]))
    return short, settings.min_diameter * short / 2, settings.max_diameter * short / 2


def _component_candidates(mask: np.ndarray, rmin: float, rmax: float, evidence=None,
                          merged: bool = False, origin: tuple[int, int] = (0, 0)) -> list[_Ellipse]:
    """Ellipse guesses from the mask's pieces of ink (and pairs of them: a ring cut in
    two); with ``merged`` (a colour's ink, sparse on a page) also from a piece far longer
    than a seal, a seal merged with print of its colour (:func:`_elongated_piece`).
    ``mask`` may be a window of the page's mask whose top-left corner is ``origin`` (x, y)
    on the page: the guesses are in page pixels all the same."""
    cv2 = _cv2()
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9)))
    n, labels, stats, _ = components_with_stats(closed)
    if origin != (0, 0):  # boxes in page pixels
        stats = stats.copy()
        stats[:, 0] += origin[0]
        stats[:, 1] += origin[1]
    labels = _Window(labels, origin)  # read in page pixels too
    out = []
    parts = []  # sizeable pieces: a ring cut in two by a removed line comes back whole
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if max(bw, bh) >= 0.8 * rmin and min(bw, bh) <= 2 * rmax * 1.1 and area >= 20:
            parts.append(i)
        if max(bw, bh) < 2 * rmin or min(bw, bh) > 2 * rmax * 1.1:
            continue
        if min(bw, bh) < 0.45 * max(bw, bh):
            # as deep as a seal but far longer: a seal merged with a line of print of its
            # colour (an invoice's 监制章 stamped on its red title): the ellipse most of the
            # outline agrees with, the print's strokes off it
            if merged and min(bw, bh) >= 2 * rmin and max(bw, bh) <= 2 * rmax * 1.1:
                out += _elongated_piece(labels, i, (x, y, bw, bh), rmin, rmax)
            continue
        out += _fit_piece(labels, (i,), (x, y, bw, bh), area, rmin, rmax, evidence)
    if len(parts) <= 40:
        gap = max(4.0, 0.15 * rmin)
        for ii, i in enumerate(parts):
            xi, yi, wi, hi, ai = stats[i]
            for j in parts[ii + 1:]:
                xj, yj, wj, hj, aj = stats[j]
                if xj > xi + wi + gap or xi > xj + wj + gap or yj > yi + hi + gap or yi > yj + hj + gap:
                    continue
                x0, y0 = min(xi, xj), min(yi, yj)
                bw, bh = max(xi + wi, xj + wj) - x0, max(yi + hi, yj + hj) - y0
                if max(bw, bh) < 2 * rmin or min(bw, bh) < 0.45 * max(bw, bh) or min(bw, bh) > 2 * rmax * 1.1:
                    continue
                out += _fit_piece(labels, (i, j), (x0, y0, bw, bh), ai + aj, rmin, rmax, evidence)
    return out


def _fit_piece(labels, ids, box, area, rmin, rmax, evidence=None) -> list[_Ellipse]:
    """Ellipse guesses for the component(s) ``ids`` inside ``box``; ``evidence(ellipse)``
    gives a guess's ring evidence (a clean ring needs no robust fit)."""
    cv2 = _cv2()
    x, y, bw, bh = (int(v) for v in box)
    sub = labels.box(x, y, bw, bh)
    roi = np.isin(sub, ids).astype(np.uint8) if len(ids) > 1 else (sub == ids[0]).astype(np.uint8)
    contours, _ = cv2.findContours(roi, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return []
    pts = np.concatenate(contours) if len(ids) > 1 else max(contours, key=len)
    if len(pts) < 5:
        return []
    hull = cv2.convexHull(pts)
    if len(hull) < 5:
        return []
    out = []
    (ex, ey), (ea, eb), eang = cv2.fitEllipse(hull)
    if np.isfinite(ea) and np.isfinite(eb) and min(ea, eb) >= 2 * rmin * 0.8:
        out.append(_Ellipse(x + ex, y + ey, ea / 2, eb / 2, eang))
    # the bounding box itself is a good axis-aligned guess too
    out.append(_Ellipse(x + bw / 2, y + bh / 2, bw / 2, bh / 2, 0.0))
    # a seal merged with other ink of its colour (a signature across it, a red
    # title under it): the ellipse most of the outline agrees with
    if evidence is not None and any(evidence(e).contrast >= 0.75 for e in out):
        return out  # a clean ring already
    if area < 0.5 * bw * bh:
        best = _ransac_ellipse(pts.reshape(-1, 2).astype(np.float32), rmin, rmax)
        if best is not None:
            out.append(_Ellipse(x + best.cx, y + best.cy, best.a, best.b, best.angle))
    return out


#: how far (share of the radius) an outline point of a seal merged with print may lie off
#: the ellipse: the print's strokes cut the ring's outline into short arcs
MERGED_TOLERANCE = 0.05


def _elongated_piece(labels, i: int, box, rmin: float, rmax: float) -> list[_Ellipse]:
    """The ellipse through most of the outline of piece ``i``, too long to be one seal
    (:func:`_component_candidates`), if one goes round enough of it."""
    cv2 = _cv2()
    x, y, bw, bh = (int(v) for v in box)
    sub = labels.box(x, y, bw, bh)
    roi = (sub == i).astype(np.uint8)
    contours, _ = cv2.findContours(roi, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return []
    best = _ransac_ellipse(max(contours, key=len).reshape(-1, 2).astype(np.float32), rmin, rmax,
                           tol=MERGED_TOLERANCE)
    return [] if best is None else [_Ellipse(x + best.cx, y + best.cy, best.a, best.b, best.angle)]


def _ransac_ellipse(pts: np.ndarray, rmin: float, rmax: float, iters: int = 120, tol: float = 0.035) -> _Ellipse | None:
    """The ellipse through most outline points (5-point fits, deterministic)."""
    cv2 = _cv2()
    n = len(pts)
    if n < 40:
        return None
    step = max(1, n // 600)
    sample = pts[::step]
    rng = np.random.default_rng(0)
    draws = rng.integers(0, len(sample), size=(iters, 5))
    params = []
    for idx in draws:
        if len(set(idx.tolist())) < 5:
            continue
        try:
            (ex, ey), (ea, eb), eang = cv2.fitEllipse(sample[idx])
        except cv2.error:
            continue
        a, b = ea / 2, eb / 2
        if not (np.isfinite(a) and np.isfinite(b)) or min(a, b) < rmin or max(a, b) > rmax or min(a, b) < 0.55 * max(a, b):
            continue
        params.append((ex, ey, a, b, eang))
    if not params:
        return None
    # every fit's inliers at once (fits x points)
    p = np.array(params, np.float64)
    t = np.radians(p[:, 4])[:, None]
    dx, dy = sample[None, :, 0] - p[:, 0:1], sample[None, :, 1] - p[:, 1:2]
    u = (dx * np.cos(t) + dy * np.sin(t)) / p[:, 2:3]
    v = (-dx * np.sin(t) + dy * np.cos(t)) / p[:, 3:4]
    inl = np.count_nonzero(np.abs(np.sqrt(u * u + v * v) - 1.0) < tol, axis=1)
    # prefer outlines that go round: inliers relative to the ellipse's perimeter
    inl_norm = np.where(inl >= 12, inl / (math.pi * (p[:, 2] + p[:, 3]) / step), 0.0)
    k = int(np.argmax(inl_norm))
    if inl_norm[k] < 0.35:
        return None
    ex, ey, a, b, eang = (float(x) for x in p[k])
    return _Ellipse(ex, ey, a, b, eang)


def _hough_candidates(mask: np.ndarray, rmin: float, rmax: float, limit: int) -> list[_Ellipse]:
    cv2 = _cv2()
    # Hough at reduced resolution (a seal is large, speed matters); the ALT variant is
    # both faster and more exact than the classic gradient vote
    f = min(1.0, max(0.25, 8.0 / max(rmin, 1.0)))
    small = cv2.resize(mask, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1.0 else mask
    blur = cv2.GaussianBlur(small, (5, 5), 1.5)
    circles = cv2.HoughCircles(
        blur, cv2.HOUGH_GRADIENT_ALT, dp=1.5, minDist=max(4.0, rmin * f),
        param1=300, param2=0.5,
        minRadius=max(4, int(rmin * f)), maxRadius=max(6, int(rmax * f)),
    )
    if circles is None:
        return []
    return [_Ellipse(float(x) / f, float(y) / f, float(r) / f, float(r) / f) for x, y, r in circles[0][:limit]]


def _candidates_for(mask: np.ndarray, rmin: float, rmax: float, line_len: int, settings: SealSettings,
                    hough: bool = True, merged: bool = False) -> list[_Evidence]:
    if _count(mask) < 30:
        return []
    cv2 = _cv2()
    window = _ink_window(mask)
    if window is None:
        cleaned = part = remove_lines(mask, line_len)
        dil = cv2.dilate(cleaned, np.ones((3, 3), np.uint8))
        origin = (0, 0)
    else:  # the same pixels, made only round the ink (sparse colour ink: most of the page is empty)
        x0, y0, x1, y1 = window
        part = remove_lines(mask[y0:y1, x0:x1], line_len)
        cleaned, dil = np.zeros_like(mask), np.zeros_like(mask)
        cleaned[y0:y1, x0:x1] = part
        dil[y0:y1, x0:x1] = cv2.dilate(part, np.ones((3, 3), np.uint8))
        origin = (x0, y0)
    seen: dict[tuple, _Evidence] = {}  # each guess's evidence measured once

    def evidence(ell: _Ellipse) -> _Evidence:
        key = (ell.cx, ell.cy, ell.a, ell.b, ell.angle)
        if key not in seen:
            seen[key] = ring_evidence(dil, ell)
        return seen[key]

    cands = _component_candidates(part, rmin, rmax, evidence, merged, origin)
    if hough:
        cands += _hough_candidates(cleaned, rmin, rmax, settings.max_hough)
    return [evidence(ell) for ell in cands]


#: empty pixels kept round the ink in :func:`_ink_window`: more than the reach of any
#: morphology of :func:`remove_lines` (13 px) and :func:`_component_candidates` (9 px)
INK_WINDOW_MARGIN = 16


def _ink_window(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1): the box of ``mask``'s ink with :data:`INK_WINDOW_MARGIN` empty pixels
    round it, on which the line removal, the closing and the pieces of ink come out as on the
    whole mask; None where that box is most of the mask (nothing to save) or the mask's size
    is odd (:func:`remove_lines` works at half resolution: the window's 2x2 cells are the
    mask's only where both start at even pixels and the mask halves exactly).

    >>> m = np.zeros((100, 200), np.uint8); m[40:50, 101:121] = 255
    >>> _ink_window(m)
    (84, 24, 138, 66)
    >>> m[0, 0] = m[99, 199] = 255; _ink_window(m) is None  # ink in two far corners: the window is the page
    True
    """
    h, w = mask.shape[:2]
    if h % 2 or w % 2:
        return None
    x, y, bw, bh = _cv2().boundingRect(mask)
    m = INK_WINDOW_MARGIN
    x0, y0 = max(0, x - m) & ~1, max(0, y - m) & ~1
    x1, y1 = min(w, (x + bw + m + 1) & ~1), min(h, (y + bh + m + 1) & ~1)
    if (x1 - x0) * (y1 - y0) > 0.5 * h * w:
        return None
    return x0, y0, x1, y1


class _Window:
    """Labels of the page's ink, or of a window of it whose top-left corner is ``origin``, read in page
    pixels (:func:`_component_candidates`)."""

    __slots__ = ("labels", "x", "y")

    def __init__(self, labels: np.ndarray, origin: tuple[int, int]):
        self.labels, (self.x, self.y) = labels, origin

    def box(self, x: int, y: int, bw: int, bh: int) -> np.ndarray:
        return self.labels[y - self.y:y - self.y + bh, x - self.x:x - self.x + bw]


def _count(mask: np.ndarray) -> int:
    return int(_cv2().countNonZero(mask))


def _nms(evs: list[_Evidence]) -> list[_Evidence]:
    evs = sorted(evs, key=lambda e: e.score, reverse=True)
    kept: list[_Evidence] = []
    for e in evs:
        r = min(e.ellipse.a, e.ellipse.b)
        dup = False
        for k in kept:
            rk = min(k.ellipse.a, k.ellipse.b)
            d = math.hypot(e.ellipse.cx - k.ellipse.cx, e.ellipse.cy - k.ellipse.cy)
            if d < 0.5 * min(r, rk) or _inside(e.ellipse.cx, e.ellipse.cy, k.ellipse, 0.9):
                dup = True
                break
        if not dup:
            kept.append(e)
    return kept


def _inside(x: float, y: float, ell: _Ellipse, factor: float = 1.0) -> bool:
    t = math.radians(ell.angle)
    dx, dy = x - ell.cx, y - ell.cy
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    return (u / max(ell.a, 1e-6)) ** 2 + (v / max(ell.b, 1e-6)) ** 2 < factor ** 2


def _classify(ev: _Evidence, settings: SealSettings, colour: bool, rmin: float = 0.0,
              gray_page: bool = True) -> bool | None:
    """True: a seal; False: a possible seal; None: not a seal.

    Coloured ink is sparse on a page, so a coloured ring must also be sparse inside
    (bold red characters are not); dark ink on a copy shares the seal with the text
    beneath, so its inside may be denser."""
    a, b = ev.ellipse.a, ev.ellipse.b
    if min(a, b) < 0.55 * max(a, b) or max(a, b) < 0.9 * rmin:
        return None
    if not (0.01 <= ev.inside <= (0.72 if colour else 0.85)):
        return None
    # ink all round just outside: text, unless the ring itself is complete (a copied
    # seal over dense text on a gray page)
    if ev.outside > (0.7 if (not colour and gray_page and ev.coverage >= 0.95) else 0.6):
        return None
    if not colour:
        # a dark ring must go round (text is dark too) and hold a star or text in its middle
        if ev.coverage < 0.75 or ev.center < 0.1:
            return None
        # on a colour page a dark seal is a copy pasted in: ask for a clearer ring
        if not gray_page and (ev.contrast < 0.45 or ev.inside > 0.7):
            return None
    if ev.coverage >= settings.certain_coverage and ev.contrast >= settings.certain_contrast:
        return True if colour else False
    if ev.inside > 0.6 and colour:  # a weak ring round dense ink: a bold character
        return None
    if colour and (ev.coverage < 0.7 or ev.contrast < 0.4):
        return None  # coloured ink that only half goes round: a logo, a tint block
    if ev.coverage >= settings.possible_coverage and ev.contrast >= settings.possible_contrast:
        return False
    return None


class PageSeals(NamedTuple):
    """What the seal search found on a page: the seals, best first, and - asked for,
    where none was found - the box of red ink like a seal's on a colour page
    (:func:`verify.marks.seals.residue.ink_box`) and the box of a broken dark ring
    like a seal's on a copy (:func:`_ring_trace`; a copy signed in blue pen too), else ``None``; and whether the page
    carries no colour at all (a gray copy, where only dark ink could show a seal; a page
    with a red tick or a warm cast is searched in colour, and a red seal would show) or
    is a copy that says so (:func:`certified_copy`: its colour is the certification's),
    whatever was found: what was found may yet prove no seal (a signature's loops)."""

    seals: list[SealMark]
    ink: tuple[int, int, int, int] | None = None
    ring: tuple[int, int, int, int] | None = None
    gray: bool = False


def _ring_trace(ev: _Evidence, rmin: float, short: float) -> bool:
    """A dark ring too broken to be even a possible seal (a worn seal on a copy: its
    ring in pieces, text across it) that still looks like one: round, seal-sized,
    half or more of the way round, clearly darker than just outside it, and with ink
    in its middle (a star, a name). Measured on the wide benchmark's copies: the seals
    the search missed on clean dossiers' pages score coverage 0.57-0.74, contrast
    0.32-0.68, centre 0.27-0.97. An oval seal's broken ring fitted together with the
    text across it comes out flatter than the seal (0.46 for a 0.68 oval on a copy), so
    a trace may be as flat as :data:`RING_TRACE_ROUND`; on the benchmark's 234 gray pages
    without a seal that adds two traces, both on contents pages, which need no seal.
    Flatter, or smaller than a unit's seal (:data:`RING_TRACE_SIZE` of the page's shorter
    side ``short`` across), it is the print of a form: a table's label cells with their
    labels fitted as a ring 86 x 200 px on a 150 dpi form without a seal (trust exploration
    8, P05), where the base benchmark's traces on pages of kinds that need a seal are 0.17
    to 0.23 of the page across and 0.8 round or more. Never a seal: ``seal.present``
    makes it ``review``.

    >>> from .ring import _Ellipse, _Evidence
    >>> flat = _Evidence(0.57, 0.25, 0.67, 0.97, _Ellipse(100, 100, 52.1, 23.9))
    >>> _ring_trace(flat, 13.2, 440), _ring_trace(_Evidence(0.57, 0.25, 0.67, 0.97, _Ellipse(100, 100, 52.1, 18.0)), 13.2, 440)
    (True, False)
    """
    a, b = ev.ellipse.a, ev.ellipse.b
    return (min(a, b) >= RING_TRACE_ROUND * max(a, b) and max(a, b) >= max(0.9 * rmin, RING_TRACE_SIZE * short / 2)
            and 0.01 <= ev.inside <= 0.85
            and ev.outside <= 0.6 and ev.coverage >= RING_TRACE_COVERAGE and ev.contrast >= RING_TRACE_CONTRAST
            and ev.center >= 0.1)


#: a broken dark ring counts as a trace of a seal from this share of rays meeting it…
RING_TRACE_COVERAGE = 0.55
#: …and this much more ink on the ring than just outside it
RING_TRACE_CONTRAST = 0.3
#: …and is at least this round (shorter axis over longer)…
RING_TRACE_ROUND = 0.45
#: …and at least this share of the page's shorter side across (a 38 mm seal on A4 is 0.18)
RING_TRACE_SIZE = 0.15
#: a broken dark ring at the copy's own threshold (not :func:`_faint_traces`) is a seal's
#: trace only with this much ink in its middle (a star, a name): the seals the search
#: missed on the wide benchmark's clean copies score 0.27-0.97 there. A gray
#: recommendation form with no seal at all (probe trust31 T31C-08, page 1) had its
#: table's name, birth and unit cells fitted as a ring of coverage 0.58, contrast 0.32,
#: centre 0.11 - each just past its bound - and its missing seal became a review
#: 「残缺的圆形印迹」 instead of the fail 「未见任何印迹」
RING_TRACE_CENTER = 0.2


def _faint_traces(gray: np.ndarray, settings: SealSettings) -> list[_Evidence]:
    """Broken rings of ink fainter than a copy's text (:data:`FAINT_MARGIN` levels below
    the paper), on a gray page where the search found nothing: a faint worn seal on a
    copy, gray as pencil. At that threshold print grows into blobs and a scanner's
    shading into arcs, so the ring must also stand clear: hardly any ink just outside
    it and much more on it (:data:`FAINT_OUTSIDE`, :data:`FAINT_CONTRAST`). Measured on
    the wide benchmark's gray pages: of 234 without a seal, 25 show a broken ring at
    this threshold (the emblem on ID cards, table corners, cover art), all with ink
    outside 0.18 or more or contrast 0.47 or less; the faint seal the search missed on a
    clean dossier's title certificate scores outside 0.10, contrast 0.55. Only ever a
    trace: ``seal.present`` makes it ``review``, never a pass."""
    dark = dark_mask(gray, FAINT_MARGIN)
    short, rmin, rmax = _sizes(dark, settings)
    evs = _candidates_for(dark, rmin, rmax, int(settings.line_length * short), settings)
    return [e for e in evs if _ring_trace(e, rmin, short) and e.outside <= FAINT_OUTSIDE and e.contrast >= FAINT_CONTRAST]


#: the fainter threshold (levels below the paper) for :func:`_faint_traces`…
FAINT_MARGIN = 14
#: …at most this share of rays meeting ink just outside the ring…
FAINT_OUTSIDE = 0.15
#: …and at least this much more ink on the ring than just outside it
FAINT_CONTRAST = 0.5


def find_seals(image: np.ndarray, ocr: OcrPage | None = None, *,
               settings: SealSettings = DEFAULT_SETTINGS) -> list[SealMark]:
    """Every stamp on the page (BGR or gray), best first.

    ``certain=False`` marks a possible seal (a dark ring on a copy, a faint or cut
    ring): the rules make it ``review``. ``ocr``, where the caller has it, tells a
    copy certified as such (:func:`certified_copy`); the detector needs nothing else
    of it.
    """
    return search_seals(image, ocr, settings=settings).seals


def search_seals(image: np.ndarray, ocr: OcrPage | None = None, *, settings: SealSettings = DEFAULT_SETTINGS,
                 ink: bool = False, faint: bool = True, pyramid: dict | None = None) -> PageSeals:
    """:func:`find_seals`, and with ``ink`` the seal-like red ink where it found no
    seal, measured on the colour masks the search already made, and the trace of a
    broken ring on a copy - with ``faint`` also one fainter than the copy's text
    (:func:`_faint_traces`). With ``faint`` (the pipeline passes it for pages of kinds
    that need a seal) a copy without colour where nothing was found is also searched
    for a worn seal's star at a finer scale (:func:`_gray_star_seals`). ``pyramid``
    ({factor: level}) holds the levels of ``image``'s Gaussian pyramid made so far,
    filled for the caller's next use of the same image (the page's thumbnail)."""
    cv2 = _cv2()
    if image is None or image.size == 0:
        return PageSeals([])
    H, W = image.shape[:2]
    bgr = _as_bgr(image)
    gray_page = is_grayscale(bgr)
    found: list[tuple[_Evidence, str, bool, float, RingTraits | None]] = []  # evidence, colour, certain, scale, traits
    colour_ink = None
    red, red_scale = None, 1.0  # the colour search's red mask and its scale
    trace = None  # the best broken dark ring on a copy, page pixels
    colour_search = not gray_page or has_faint_colour(bgr)  # a faint red seal leaves a page nearly gray
    pen = False  # the page's only colour is blue ink: a gray copy signed in blue pen
    # the page's Gaussian pyramid, each level made once (:func:`_downscale`); the
    # caller's where its levels are of this very image
    pyramid = pyramid if pyramid is not None and bgr is image else {}
    if colour_search:
        scale, work = _downscale(bgr, settings.work_side, pyramid)
        short, rmin, rmax = _sizes(work, settings)
        masks = ink_masks(work, dark=False)
        for colour in ("red", "blue"):
            evs = _candidates_for(masks[colour], rmin, rmax, int(settings.line_length * short), settings, merged=True)
            keep = [e for e in evs if _classify(e, settings, True, rmin) is not None]
            if colour == "blue":  # blue pen is common, blue seals are rare: only clear rings
                keep = [e for e in keep if _classify(e, settings, True, rmin)]
            for ev in _nms(keep):
                traits = candidate_traits(bgr, _rescaled(ev.ellipse, 1 / scale), colour)
                certain = _seal_like(traits, colour)
                if certain is None:
                    log.debug("not a seal (%s ring, %s)", colour, traits.describe())
                    continue
                found.append((ev, colour, certain and bool(_classify(ev, settings, True, rmin)), scale, traits))
            if not any(f[1] == colour and f[2] for f in found):  # a worn seal, where no clear one was found
                worn = _star_anchored(masks[colour], colour, rmin, rmax, scale, bgr)
                # a possible seal round the same star is that seal, found by its star
                found = [f for f in found if not (f[1] == colour and any(_overlaps(f[0].ellipse, w[0].ellipse)
                                                                         for w in worn))] + worn
        colour_ink = cv2.bitwise_or(masks["red"], masks["blue"])
        red, red_scale = masks["red"], scale
        pen = not gray_page and not found and colour_only_in(work, masks["blue"])
    # a page in colour that carries a certain coloured seal is no copy: a dark ring on it
    # would be a possible seal beside a sure one, which changes no verdict
    # a black-and-white copy certified in red (复印件与原件一致, often beside the
    # certifier's own red seal) is a copy all the same: its colour is the certification's
    certified = not gray_page and certified_copy(ocr)
    copy = gray_page or certified
    if settings.dark_enabled and (certified or not any(f[2] for f in found)):
        dscale, dwork = _downscale(bgr, settings.dark_side, pyramid)
        gray = _flatten_light(cv2.cvtColor(dwork, cv2.COLOR_BGR2GRAY))
        # a red seal copied to gray is pale: on a copy look for faint ink too
        dark = dark_mask(gray, GRAY_PAGE_MARGIN if copy else 32)
        if colour_ink is not None:  # coloured ink (seals, red titles, blue pen) is not dark ink
            ci = cv2.resize(colour_ink, (dark.shape[1], dark.shape[0]), interpolation=cv2.INTER_AREA)
            dark = cv2.bitwise_and(dark, cv2.bitwise_not(cv2.dilate(ci, np.ones((3, 3), np.uint8))))
        short, rmin, rmax = _sizes(dark, settings)
        evs = _candidates_for(dark, rmin, rmax, int(settings.line_length * short), settings)
        judged = [(e, _classify(e, settings, False, rmin, copy)) for e in evs]
        no_dark_seal = not any(kind is not None for _, kind in judged)
        if faint and gray_page and not found and no_dark_seal:
            found += _gray_star_seals(bgr, settings, pyramid)
        # a gray copy signed in blue pen is a copy too: a copied seal over its print that
        # no rule of a colour page takes (the PaddleX seal, an emblem at its centre, no
        # star) leaves a trace for a person, not seal.present's fail
        if ink and (copy or pen) and not found:
            traces = [e for e, kind in judged if kind is None and _ring_trace(e, rmin, short)
                      and e.center >= RING_TRACE_CENTER]
            if faint and copy and not traces and no_dark_seal:
                traces = _faint_traces(gray, settings)
            if traces:
                best = max(traces, key=lambda e: e.coverage + e.contrast)
                x0, y0, x1, y1 = _rescaled(best.ellipse, 1 / dscale).bbox(0)
                trace = (max(0, int(x0)), max(0, int(y0)), min(W, int(x1)), min(H, int(y1)))
        for ev in _nms([e for e, kind in judged if kind is not None]):
            if any(_overlaps(_rescaled(ev.ellipse, 1 / dscale), _rescaled(f[0].ellipse, 1 / f[3])) for f in found):
                continue
            # a copy keeps a seal's star: measured on the page's dark ink, it names the ring a
            # seal impression (still a possible seal: a copy says nothing of the ink's colour)
            found.append((ev, "dark", False, dscale, candidate_traits(bgr, _rescaled(ev.ellipse, 1 / dscale), "dark")))
        if not copy:  # a copy with pen on it is a colour page: its copied seal shows a seal's marks
            found += _copied_seals(bgr, [e for e, kind in judged if kind is None], settings, rmin, dscale, found)

    seals = []
    for ev, colour, certain, scale, traits in sorted(found, key=lambda t: (not t[2], -t[0].score)):
        ell = ev.ellipse
        pad = 0.06 * max(ell.a, ell.b) + 1
        x0, y0, x1, y1 = ell.bbox(pad)
        bbox = (
            max(0, int(x0 / scale)), max(0, int(y0 / scale)),
            min(W, int(math.ceil(x1 / scale))), min(H, int(math.ceil(y1 / scale))),
        )
        shape = "circle" if abs(ell.a - ell.b) <= 0.12 * max(ell.a, ell.b) else "ellipse"
        seals.append(SealMark(bbox=bbox, score=ev.score if certain else min(ev.score, 0.6),
                              shape=shape, color=colour, certain=certain,
                              traits=_trait_names(traits), cut=round(off_page(_rescaled(ell, 1 / scale), W, H), 3)))
        log.debug("seal %s %s certain=%s coverage=%.2f outside=%.2f inside=%.3f %s", bbox, colour, certain,
                  ev.coverage, ev.outside, ev.inside, traits.describe() if traits else "")
    if ink and not seals:
        from .residue import ink_box

        return PageSeals(seals, ink_box(red, red_scale, (H, W), settings) if red is not None else None, trace,
                         not colour_search or certified)
    return PageSeals(seals, gray=not colour_search or certified)


#: a page that says it is a copy: the certification HR stamps or writes on a
#: black-and-white copy (复印件与原件一致, 此复印件与原件相符, 本复印件与原件核对无误); not
#: an original's own words of checking (经核对，以上信息与学历证书原件一致: no 复印件)
_CERTIFIED_COPY = re.compile(r"(?:复印件|复制件)[^，。；,;]{0,8}?(?:一致|相符|无误)")


def certified_copy(ocr: OcrPage | None) -> bool:
    """Whether a line of the page certifies it a copy of the original (HR's red
    「复印件与原件一致」 on a black-and-white copy). Such a page is searched as a copy
    whatever its colour: its seals were copied gray, and the colour on it is the
    certification's (the stamp's words, the certifier's own seal), so a copied seal
    over the print was no seal on a page that red made a colour page, and the
    certifier's seal was the only one seen (:func:`search_seals`).

    >>> from ocr.model import OcrLine, OcrPage
    >>> page = lambda *t: OcrPage(100, 100, [OcrLine(s, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9, i) for i, s in enumerate(t)])
    >>> certified_copy(page("推荐意见", "此复印件与原件相符")), certified_copy(page("复印件与原件一致"))
    (True, True)
    >>> certified_copy(page("经核对，以上信息与学历证书原件一致。")), certified_copy(page("复印无效")), certified_copy(None)
    (False, False, False)
    """
    return bool(certification_lines(ocr))


def certification_lines(ocr: OcrPage | None) -> list:
    """The page's lines that certify it a copy (:func:`certified_copy`)."""
    return [] if ocr is None else [line for line in ocr.lines if _CERTIFIED_COPY.search(line.text or "")]


#: a ring round a star going round at least this share of the turn: a worn seal
STAR_RING = 0.4
#: on a copy without colour, a star's ring must be met by this share of its own rays
#: (:func:`_gray_star_seals`)
GRAY_STAR_COVERAGE = 0.6
#: at most this share of its rays meeting ink just outside it (a red cover, a dark corner
#: of a photo around a star-like speck: ink everywhere)
STAR_RING_OUTSIDE = 0.5


def _star_anchored(mask: np.ndarray, colour: str, rmin: float, rmax: float, scale: float,
                   bgr: np.ndarray, coverage: float = STAR_RING) -> list[tuple[_Evidence, str, bool, float, RingTraits]]:
    """Seals found from their star: a worn seal's rim is broken into arcs no ellipse fit
    joins, but its star stays solid. A piece of ``colour`` ink with a five-pointed star's
    outline (a point worn off: round its own centre), with a ring round it at a seal's
    distance going round at least :data:`STAR_RING` of the turn, is a seal (certain: a
    pen ring or a printed logo has no star, a star alone no ring); the ring's own rays
    must meet it over ``coverage`` of the turn. A mask without ink has none: the piece
    labelling (1.6 ms a page: the sample's pages with no blue ink) is not run on it."""
    out: list[tuple[_Evidence, str, bool, float, RingTraits]] = []
    if not _count(mask):
        return out
    for cx, cy, side, strength in stars(mask, 0.4 * rmin, rmax):
        if any(_inside(cx, cy, o[0].ellipse, 1.0) for o in out):
            continue
        radius, share = ring_round_star(mask, cx, cy, side)
        if share < STAR_RING or not rmin <= radius <= rmax:
            continue
        ell = _Ellipse(cx, cy, radius, radius)
        ring = ring_evidence(mask, ell)
        # a ring, not a field of ink: its own rays meet it, and little beyond it
        if ring.coverage < coverage or ring.outside > STAR_RING_OUTSIDE:
            continue
        ev = _Evidence(share, ring.outside, ring.inside, ring.center, ell)
        traits = candidate_traits(bgr, _rescaled(ell, 1 / scale), colour)
        if not traits.emblem:  # a worn star, its outline five-fold only round its own centre
            traits = dataclasses.replace(traits, outline=max(traits.outline, strength))
        out.append((ev, colour, True, scale, traits))
        log.debug("seal by its star at (%.0f, %.0f) r=%.0f: ring %.2f of the turn, coverage %.2f outside %.2f "
                  "star strength %.2f, %s", cx / scale, cy / scale, radius / scale, share, ring.coverage, ring.outside,
                  strength, traits.describe())
    return out


def _gray_star_seals(bgr: np.ndarray, settings: SealSettings,
                     pyramid: dict | None = None) -> list[tuple[_Evidence, str, bool, float, RingTraits]]:
    """Worn seals on a copy without colour, found from their star at the colour search's
    finer scale: a copied seal's rim, broken by wear and run into the print and the
    table lines round it, fits no ring at the dark search's coarse scale, and its star
    is a few pixels there (a worn 200 dpi copy's seal, a star, a ring and its text in
    plain sight, was missed and seal.present asked a person). Possible seals (a copy
    says nothing of the ink), with a star: a seal impression, not a pen ring. The ring
    must be met over :data:`GRAY_STAR_COVERAGE` of the turn: on 740 gray pages of the
    benchmarks a bold journal title's character round its own letters looked like a
    star in a ring six times, its rays meeting the "ring" at most 0.49 of the turn; the
    fourteen worn seals found so, 0.60 or more."""
    cv2 = _cv2()
    scale, work = _downscale(bgr, settings.work_side, pyramid)
    gray = _flatten_light(cv2.cvtColor(work, cv2.COLOR_BGR2GRAY))
    dark = dark_mask(gray, GRAY_PAGE_MARGIN)
    _, rmin, rmax = _sizes(dark, settings)
    return [(ev, "dark", False, sc, traits)
            for ev, _, _, sc, traits in _star_anchored(dark, "dark", rmin, rmax, scale, bgr, GRAY_STAR_COVERAGE)]


def _copied_seals(bgr: np.ndarray, rejected: list[_Evidence], settings: SealSettings, rmin: float, scale: float,
                  found: list) -> list[tuple[_Evidence, str, bool, float, RingTraits]]:
    """Copied seals on a colour page: of the dark rings a colour page's rules turned
    down (:func:`_classify`: a dark ring there must be clearer, its inside sparser), those
    a copy's rules take that go all the way round (:data:`COPIED_RING_COVERAGE`) and
    hold both a seal's star and text along the ring. A black-and-white copy the
    applicant signed or dated in blue pen, or marked with a red tick, is a colour page;
    its copied seal, stamped over the unit's line and the date, is dense inside, and it
    was no seal at all there: seal.present failed a clean copy. Possible seals, as on
    any copy. Text along the ring is not enough: a plain ring drawn round the same print
    shows as much (its print lines cut by the ring read as ring text), so a copied seal
    whose centre is an emblem other than a star (the PaddleX seal) stays unfound there:
    where the page's only colour is blue ink (:func:`~.ink.colour_only_in`) its ring is
    a trace (:func:`_ring_trace`), which seal.present makes a review."""
    out = []
    for ev in _nms([e for e in rejected if e.coverage >= COPIED_RING_COVERAGE
                    and _classify(e, settings, False, rmin, True) is not None]):
        ell = _rescaled(ev.ellipse, 1 / scale)
        if any(_overlaps(ell, _rescaled(f[0].ellipse, 1 / f[3])) for f in (*found, *out)):
            continue
        traits = candidate_traits(bgr, ell, "dark")
        if traits.emblem:
            out.append((ev, "dark", False, scale, traits))
    return out


#: a dark ring on a colour page that a copy's rules alone take must go round this share of
#: its rays (:func:`_copied_seals`)
COPIED_RING_COVERAGE = 0.95


def candidate_traits(bgr: np.ndarray, ell: _Ellipse, colour: str) -> RingTraits:
    """:class:`RingTraits` of the ring ``ell`` (page pixels) in ``colour`` ink, measured
    on the page's own pixels scaled so the ring's radius is :data:`TRAIT_RADIUS`."""
    cv2 = _cv2()
    H, W = bgr.shape[:2]
    x0, y0, x1, y1 = ell.bbox(0.08 * max(ell.a, ell.b) + 2)
    x0, y0 = max(0, int(x0)), max(0, int(y0))
    x1, y1 = min(W, int(math.ceil(x1))), min(H, int(math.ceil(y1)))
    f = TRAIT_RADIUS / max(1.0, (ell.a + ell.b) / 2)
    crop = bgr[y0:y1, x0:x1]
    if crop.size == 0:
        return RingTraits(0.0, 0.0, 0.0, 0.0)
    crop = cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR)
    mask = ink_masks(crop, dark=colour == "dark")[colour]
    return ring_traits(mask, _Ellipse((ell.cx - x0) * f, (ell.cy - y0) * f, ell.a * f, ell.b * f, ell.angle))


def _seal_like(traits: RingTraits, colour: str) -> bool | None:
    """Whether a coloured ring is a seal by what it holds: text along the ring or a
    five-pointed star makes it one (True); a ring with neither - a pen ring round a
    figure, a printed logo round a leaf or initials - is not (None). Blue ink is
    mostly pen: a blue ring needs clear ring text."""
    if traits.emblem:
        return True
    if traits.ring_text and (colour != "blue" or traits.runs >= 1.5 * RING_TEXT_RUNS):
        return True
    return None


def _trait_names(traits: RingTraits | None) -> tuple[str, ...]:
    if traits is None:
        return ()
    return tuple(name for name, has in (("ring_text", traits.ring_text), ("star", traits.emblem)) if has)


def _overlaps(a: _Ellipse, b: _Ellipse) -> bool:
    return math.hypot(a.cx - b.cx, a.cy - b.cy) < 0.7 * max(a.a, b.a)


def _flatten_light(gray: np.ndarray) -> np.ndarray:
    """The page with uneven lighting divided out (paper made evenly white), so one
    threshold fits the shadowed corner of a phone photo and the bright middle."""
    cv2 = _cv2()
    k = max(15, (min(gray.shape) // 12) | 1)
    paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))  # ink removed
    paper = cv2.blur(paper, (k, k))
    cv2.max(paper, 1, dst=paper)  # in place: a plane fewer of a big page held at once
    return cv2.divide(gray, paper, scale=255)


def _rescaled(e: _Ellipse, f: float) -> _Ellipse:
    return _Ellipse(e.cx * f, e.cy * f, e.a * f, e.b * f, e.angle)


def _downscale(bgr: np.ndarray, side: int, pyramid: dict | None = None) -> tuple[float, np.ndarray]:
    """(scale, image) with the shorter side at most ``side`` (Gaussian pyramid first,
    so thin strokes average instead of aliasing). ``pyramid`` keeps the levels made
    ({factor: image}) for the next call on the same page: the colour and the dark
    search both start from the page halved."""
    scale = min(1.0, side / float(min(bgr.shape[:2])))
    if scale >= 1.0:
        return 1.0, bgr
    out = shrink(bgr, scale, pyramid)
    return out.shape[1] / float(bgr.shape[1]), out
