"""Seals (公章) on a page: find them, read their text, decide whose they are.

Finding works in three steps, all at a working resolution that depends on the
page size only (so any DPI behaves the same):

1. *Ink masks*: red (both hue ranges, red wraps around hue 0/180 in OpenCV's
   HSV; faded pink included), blue, and - for grayscale copies and photocopies
   scanned in colour - dark ink.
2. *Candidates*: connected ink blobs after long straight lines (red table
   borders, the rule under a 红头 header) are removed, fitted with an ellipse;
   plus circles from a Hough transform, which survive a seal merged with other ink.
3. *Ring evidence*: sampled along rays from the candidate's centre, a seal has a
   thin ring of ink at one radius on nearly every ray, little ink just outside it
   and some ink (text, star) inside. Red titles, red lines and red handwriting do
   not. A dark ring on a page without colour is only ever a *possible* seal
   (``certain=False``): rules turn it into ``review``, never into a confident answer.

Reading unwraps the ring band into a straight strip (polar warp around the fitted
ellipse), tries a few start angles (the text is centred on the upper arc of an
upright seal, but seals are stamped at any angle) and keeps the best recognition;
the band under the star is read horizontally as the bottom text.

>>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境监测站"])
'unit'
>>> seal_names_unit("抚顺市生态环境监测站人事处", ["抚顺市生态环境监测站"])
'unit'
>>> seal_names_unit("抚顺市生态环境局", ["抚顺市生态环境监测站"])
'other'
>>> seal_names_unit("抚顺", ["抚顺市生态环境监测站"])
'unreadable'
"""
from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ocr.model import OcrPage
from verify.model import SealMark

log = logging.getLogger(__name__)

__all__ = [
    "SealSettings",
    "find_seals",
    "read_seal",
    "seal_names_unit",
    "seal_text_distance",
    "normalize_seal_text",
]


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


# ---------------------------------------------------------------- ink masks


def _cv2():
    import cv2  # lazy: `import verify` stays fast

    return cv2


def _as_bgr(image: np.ndarray) -> np.ndarray:
    cv2 = _cv2()
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def is_grayscale(image: np.ndarray) -> bool:
    """True when the image carries no colour (a gray scan, or a colour scan of a copy)."""
    if image.ndim == 2 or image.shape[2] == 1:
        return True
    small = image[:: max(1, image.shape[0] // 200), :: max(1, image.shape[1] // 200), :3].astype(np.int16)
    chroma = small.max(axis=2) - small.min(axis=2)
    return float(np.mean(chroma > 40)) < 0.0005


def ink_masks(bgr: np.ndarray, *, dark: bool = True) -> dict[str, np.ndarray]:
    """Binary masks (uint8 0/255) of red (incl. faded pink), blue and dark ink."""
    cv2 = _cv2()
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    red = cv2.inRange(hsv, (0, 60, 60), (12, 255, 255))
    red |= cv2.inRange(hsv, (155, 60, 60), (180, 255, 255))
    red |= cv2.inRange(hsv, (0, 30, 110), (12, 255, 255))  # faded pink
    red |= cv2.inRange(hsv, (155, 30, 110), (180, 255, 255))
    # "redder than anything else" catches red blended over black text
    b, g, r = cv2.split(bgr)
    redder = cv2.inRange(cv2.subtract(r, cv2.max(g, b)), 35, 255)
    red_hue = cv2.inRange(hsv, (0, 0, 0), (12, 255, 255)) | cv2.inRange(hsv, (155, 0, 0), (180, 255, 255))
    red |= redder & red_hue
    out = {"red": red, "blue": cv2.inRange(hsv, (95, 70, 50), (130, 255, 255))}
    if dark:
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        out["dark"] = cv2.inRange(gray, 0, _dark_threshold(gray))
    return out


def _dark_threshold(gray: np.ndarray, margin: int = 32) -> int:
    cv2 = _cv2()
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = float(np.percentile(gray, 90))
    # light enough for a pale seal copied to gray, never counting paper texture
    return int(max(60, paper - margin))


def dark_mask(gray: np.ndarray, margin: int = 32) -> np.ndarray:
    """Dark ink (text, a copied seal) of a gray image, 0/255: anything ``margin``
    levels darker than the paper."""
    return _cv2().inRange(gray, 0, _dark_threshold(gray, margin))


def remove_lines(mask: np.ndarray, length: int) -> np.ndarray:
    """The mask without straight horizontal/vertical runs of at least ``length`` pixels
    (found at half resolution: lines are long, the saving is large)."""
    cv2 = _cv2()
    length = max(8, int(length))
    h, w = mask.shape
    small = cv2.resize(mask, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    small = cv2.inRange(small, 64, 255)
    ls = max(4, length // 2)
    horiz = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (ls, 1)))
    vert = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, ls)))
    if not cv2.countNonZero(horiz) and not cv2.countNonZero(vert):
        return mask
    kernel = np.ones((3, 3), np.uint8)
    hband = cv2.resize(cv2.dilate(horiz, kernel), (w, h), interpolation=cv2.INTER_NEAREST)
    vband = cv2.resize(cv2.dilate(vert, kernel), (w, h), interpolation=cv2.INTER_NEAREST)
    cleaned = cv2.bitwise_and(mask, cv2.bitwise_not(cv2.bitwise_or(hband, vband)))
    # heal what crossed a line (a seal stamped over a table border): bridge the removed
    # band where ink continues on both sides of it
    span = 13
    across_h = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, span)))
    across_v = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))
    healed = cv2.bitwise_or(cv2.bitwise_and(across_h, hband), cv2.bitwise_and(across_v, vband))
    # ...but never restore the line itself: only short bridges, not runs along it
    healed = cv2.bitwise_and(healed, cv2.bitwise_not(
        cv2.morphologyEx(healed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))))
    return cv2.bitwise_or(cleaned, healed)


# ---------------------------------------------------------------- ring evidence


@dataclass
class _Ellipse:
    cx: float
    cy: float
    a: float  # half axis along the rotated x
    b: float
    angle: float = 0.0  # degrees

    def points(self, thetas: np.ndarray, rho: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sample points (K x R) at parametric angles ``thetas`` and radial factors ``rho``."""
        ca, sa = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        ex = np.outer(np.cos(thetas), rho) * self.a
        ey = np.outer(np.sin(thetas), rho) * self.b
        return self.cx + ex * ca - ey * sa, self.cy + ex * sa + ey * ca

    def bbox(self, pad: float = 0.0) -> tuple[float, float, float, float]:
        t = math.radians(self.angle)
        hw = math.hypot(self.a * math.cos(t), self.b * math.sin(t)) + pad
        hh = math.hypot(self.a * math.sin(t), self.b * math.cos(t)) + pad
        return self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh


@dataclass
class _Evidence:
    coverage: float  # share of rays meeting the ring
    outside: float  # share of rays meeting ink just outside the ring
    inside: float  # ink density well inside the ring
    center: float  # ink density around the centre (the star)
    ellipse: _Ellipse

    @property
    def contrast(self) -> float:
        return self.coverage - self.outside

    @property
    def score(self) -> float:
        interior = 1.0 if 0.015 <= self.inside <= 0.6 else 0.5
        return max(0.0, min(1.0, (0.6 * self.coverage + 0.4 * self.contrast) * interior))


_K = 144
_RHO = np.linspace(0.7, 1.35, 27)
_THETAS = np.linspace(0, 2 * math.pi, _K, endpoint=False)


def ring_evidence(mask: np.ndarray, ell: _Ellipse) -> _Evidence:
    """Ring, outside and inside ink of ``ell`` in ``mask`` (refining its size)."""
    h, w = mask.shape
    xs, ys = ell.points(_THETAS, _RHO)
    xi = np.clip(np.round(xs).astype(np.int32), 0, w - 1)
    yi = np.clip(np.round(ys).astype(np.int32), 0, h - 1)
    valid = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    hits = (mask[yi, xi] > 0) & valid
    per_rho = hits.mean(axis=0)
    # refine: the radius where the ring is, within [0.85, 1.15]
    band = (_RHO >= 0.85) & (_RHO <= 1.15)
    idx = np.flatnonzero(band)
    # smooth over 3 samples (ring thickness) and take the peak
    sm = np.convolve(per_rho, np.ones(3), mode="same")
    k = int(idx[np.argmax(sm[idx])])
    ring_sel = slice(max(0, k - 1), k + 2)
    # only rays that lie on the image count (a seal cut by the page edge)
    ray_valid = valid[:, k]
    nvalid = max(1, int(ray_valid.sum()))
    coverage = float((hits[:, ring_sel].any(axis=1) & ray_valid).sum()) / nvalid
    rho_k = float(_RHO[k])
    # just outside the ring, measured the same way (3-sample windows): a ring stands out
    # from the ink around it; a circle laid over text or a bold character does not
    outs = []
    for j in range(k + 4, min(len(_RHO) - 1, k + 12)):
        outs.append(float((hits[:, j - 1:j + 2].any(axis=1) & ray_valid).sum()) / nvalid)
    outside = float(np.mean(outs)) if outs else 0.0
    refined = _Ellipse(ell.cx, ell.cy, ell.a * rho_k, ell.b * rho_k, ell.angle)
    inside, center = _interior_density(mask, refined)
    ev = _Evidence(coverage, outside, inside, center, refined)
    if nvalid < 0.6 * _K:  # most of the ring is off the page: be modest
        ev.coverage *= nvalid / _K / 0.6
    return ev


def _interior_density(mask: np.ndarray, ell: _Ellipse) -> tuple[float, float]:
    rho = np.linspace(0.05, 0.75, 12)
    xs, ys = ell.points(_THETAS[::3], rho)
    h, w = mask.shape
    valid = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    xi = np.clip(np.round(xs).astype(np.int32), 0, w - 1)
    yi = np.clip(np.round(ys).astype(np.int32), 0, h - 1)
    hits = (mask[yi, xi] > 0) & valid
    inside = float(hits.sum()) / max(1, int(valid.sum()))
    c = hits[:, :4]
    center = float(c.sum()) / max(1, int(valid[:, :4].sum()))
    return inside, center


# ---------------------------------------------------------------- candidates


def _component_candidates(mask: np.ndarray, rmin: float, rmax: float, evidence_mask: np.ndarray | None = None) -> list[_Ellipse]:
    cv2 = _cv2()
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out = []
    parts = []  # sizeable pieces: a ring cut in two by a removed line comes back whole
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if max(bw, bh) >= 0.8 * rmin and min(bw, bh) <= 2 * rmax * 1.1 and area >= 20:
            parts.append(i)
        if max(bw, bh) < 2 * rmin or min(bw, bh) > 2 * rmax * 1.1:
            continue
        if min(bw, bh) < 0.45 * max(bw, bh):
            continue
        out += _fit_piece(labels, (i,), (x, y, bw, bh), area, rmin, rmax, evidence_mask)
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
                out += _fit_piece(labels, (i, j), (x0, y0, bw, bh), ai + aj, rmin, rmax, evidence_mask)
    return out


def _fit_piece(labels, ids, box, area, rmin, rmax, evidence_mask=None) -> list[_Ellipse]:
    """Ellipse guesses for the component(s) ``ids`` inside ``box``."""
    cv2 = _cv2()
    x, y, bw, bh = (int(v) for v in box)
    sub = labels[y:y + bh, x:x + bw]
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
    if evidence_mask is not None and any(
            ring_evidence(evidence_mask, e).contrast >= 0.75 for e in out):
        return out  # a clean ring already
    if area < 0.5 * bw * bh:
        best = _ransac_ellipse(pts.reshape(-1, 2).astype(np.float32), rmin, rmax)
        if best is not None:
            out.append(_Ellipse(x + best.cx, y + best.cy, best.a, best.b, best.angle))
    return out


def _ransac_ellipse(pts: np.ndarray, rmin: float, rmax: float, iters: int = 120, tol: float = 0.035) -> _Ellipse | None:
    """The ellipse through most outline points (5-point fits, deterministic)."""
    cv2 = _cv2()
    n = len(pts)
    if n < 40:
        return None
    step = max(1, n // 600)
    sample = pts[::step]
    rng = np.random.default_rng(0)
    best, best_in = None, 0
    for _ in range(iters):
        idx = rng.choice(len(sample), 5, replace=False)
        try:
            (ex, ey), (ea, eb), eang = cv2.fitEllipse(sample[idx])
        except cv2.error:
            continue
        a, b = ea / 2, eb / 2
        if not (np.isfinite(a) and np.isfinite(b)) or min(a, b) < rmin or max(a, b) > rmax or min(a, b) < 0.55 * max(a, b):
            continue
        t = math.radians(eang)
        dx, dy = sample[:, 0] - ex, sample[:, 1] - ey
        u = (dx * math.cos(t) + dy * math.sin(t)) / a
        v = (-dx * math.sin(t) + dy * math.cos(t)) / b
        inl = int(np.count_nonzero(np.abs(np.sqrt(u * u + v * v) - 1.0) < tol))
        # prefer outlines that go round: inliers relative to the ellipse's perimeter
        inl_norm = inl / (math.pi * (a + b) / step)
        if inl >= 12 and inl_norm > best_in:
            best, best_in = _Ellipse(float(ex), float(ey), float(a), float(b), float(eang)), inl_norm
    return best if best_in >= 0.35 else None


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
                    hough: bool = True) -> list[_Evidence]:
    if _count(mask) < 30:
        return []
    cleaned = remove_lines(mask, line_len)
    dil = _cv2().dilate(cleaned, np.ones((3, 3), np.uint8))
    cands = _component_candidates(cleaned, rmin, rmax, dil)
    if hough:
        cands += _hough_candidates(cleaned, rmin, rmax, settings.max_hough)
    return [ring_evidence(dil, ell) for ell in cands]


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
    if not (0.01 <= ev.inside <= (0.65 if colour else 0.85)):
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
    if ev.inside > 0.5 and colour:  # a weak ring round dense ink: a bold character
        return None
    if colour and (ev.coverage < 0.7 or ev.contrast < 0.4):
        return None  # coloured ink that only half goes round: a logo, a tint block
    if ev.coverage >= settings.possible_coverage and ev.contrast >= settings.possible_contrast:
        return False
    return None


def find_seals(image: np.ndarray, ocr: OcrPage | None = None, *,
               settings: SealSettings = DEFAULT_SETTINGS) -> list[SealMark]:
    """Every stamp on the page (BGR or gray), best first.

    ``certain=False`` marks a possible seal (a dark ring on a copy, a faint or cut
    ring): the rules make it ``review``. ``ocr`` is accepted for callers that have
    it; the detector does not need it.
    """
    cv2 = _cv2()
    if image is None or image.size == 0:
        return []
    H, W = image.shape[:2]
    bgr = _as_bgr(image)
    gray_page = is_grayscale(bgr)
    found: list[tuple[_Evidence, str, bool, float]] = []  # evidence, colour, certain, scale
    colour_ink = None
    if not gray_page:
        scale, work = _downscale(bgr, settings.work_side)
        short = float(min(work.shape[:2]))
        rmin, rmax = settings.min_diameter * short / 2, settings.max_diameter * short / 2
        masks = ink_masks(work, dark=False)
        for colour in ("red", "blue"):
            evs = _candidates_for(masks[colour], rmin, rmax, int(settings.line_length * short), settings)
            keep = [e for e in evs if _classify(e, settings, True, rmin) is not None]
            if colour == "blue":  # blue pen is common, blue seals are rare: only clear rings
                keep = [e for e in keep if _classify(e, settings, True, rmin)]
            for ev in _nms(keep):
                found.append((ev, colour, bool(_classify(ev, settings, True, rmin)), scale))
        colour_ink = cv2.bitwise_or(masks["red"], masks["blue"])
    if settings.dark_enabled:
        dscale, dwork = _downscale(bgr, settings.dark_side)
        gray = _flatten_light(cv2.cvtColor(dwork, cv2.COLOR_BGR2GRAY))
        # a red seal copied to gray is pale: on a gray page look for faint ink too
        dark = dark_mask(gray, 20 if gray_page else 32)
        if colour_ink is not None:  # coloured ink (seals, red titles, blue pen) is not dark ink
            ci = cv2.resize(colour_ink, (dark.shape[1], dark.shape[0]), interpolation=cv2.INTER_AREA)
            dark = cv2.bitwise_and(dark, cv2.bitwise_not(cv2.dilate(ci, np.ones((3, 3), np.uint8))))
        short = float(min(dark.shape[:2]))
        rmin, rmax = settings.min_diameter * short / 2, settings.max_diameter * short / 2
        evs = _candidates_for(dark, rmin, rmax, int(settings.line_length * short), settings)
        for ev in _nms([e for e in evs if _classify(e, settings, False, rmin, gray_page) is not None]):
            if any(_overlaps(_rescaled(ev.ellipse, 1 / dscale), _rescaled(f[0].ellipse, 1 / f[3])) for f in found):
                continue
            found.append((ev, "dark", False, dscale))

    seals = []
    for ev, colour, certain, scale in sorted(found, key=lambda t: (not t[2], -t[0].score)):
        ell = ev.ellipse
        pad = 0.06 * max(ell.a, ell.b) + 1
        x0, y0, x1, y1 = ell.bbox(pad)
        bbox = (
            max(0, int(x0 / scale)), max(0, int(y0 / scale)),
            min(W, int(math.ceil(x1 / scale))), min(H, int(math.ceil(y1 / scale))),
        )
        shape = "circle" if abs(ell.a - ell.b) <= 0.12 * max(ell.a, ell.b) else "ellipse"
        seals.append(SealMark(bbox=bbox, score=ev.score if certain else min(ev.score, 0.6),
                              shape=shape, color=colour, certain=certain))
        log.debug("seal %s %s certain=%s coverage=%.2f outside=%.2f inside=%.3f", bbox, colour, certain,
                  ev.coverage, ev.outside, ev.inside)
    return seals


def _overlaps(a: _Ellipse, b: _Ellipse) -> bool:
    return math.hypot(a.cx - b.cx, a.cy - b.cy) < 0.7 * max(a.a, b.a)


def _flatten_light(gray: np.ndarray) -> np.ndarray:
    """The page with uneven lighting divided out (paper made evenly white), so one
    threshold fits the shadowed corner of a phone photo and the bright middle."""
    cv2 = _cv2()
    k = max(15, (min(gray.shape) // 12) | 1)
    paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))  # ink removed
    paper = cv2.blur(paper, (k, k))
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


def _rescaled(e: _Ellipse, f: float) -> _Ellipse:
    return _Ellipse(e.cx * f, e.cy * f, e.a * f, e.b * f, e.angle)


def _downscale(bgr: np.ndarray, side: int) -> tuple[float, np.ndarray]:
    """(scale, image) with the shorter side at most ``side`` (Gaussian pyramid first,
    so thin strokes average instead of aliasing)."""
    cv2 = _cv2()
    scale = min(1.0, side / float(min(bgr.shape[:2])))
    if scale >= 1.0:
        return 1.0, bgr
    img, f = bgr, 1.0
    while scale / f <= 0.5:
        img = cv2.pyrDown(img)
        f *= 0.5
    h, w = bgr.shape[:2]
    out = cv2.resize(img, (max(1, int(round(w * scale))), max(1, int(round(h * scale)))), interpolation=cv2.INTER_LINEAR)
    return out.shape[1] / float(w), out


# ---------------------------------------------------------------- reading


def _seal_ink_image(crop: np.ndarray, color: str) -> np.ndarray:
    """The seal's ink dark on white, other colours (black text beneath) dropped."""
    cv2 = _cv2()
    bgr = _as_bgr(crop)
    if color in ("red", "blue"):
        b, g, r = (bgr[..., i].astype(np.float32) for i in range(3))
        if color == "red":
            strength = r - np.maximum(g, b)
        else:
            strength = b - np.maximum(g, r)
        hi = max(30.0, float(np.percentile(strength, 99)))
        ink = np.clip(strength / hi, 0, 1) ** 0.6  # faint ink darker: uneven stamps
        gray = (255 * (1 - ink)).astype(np.uint8)
    else:
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    return gray


def _fit_in_crop(ink: np.ndarray) -> _Ellipse:
    """The seal's ring in a crop centred on it (refined from the crop's middle)."""
    h, w = ink.shape
    mask = (ink < 160).astype(np.uint8) * 255
    mask = _cv2().dilate(mask, np.ones((3, 3), np.uint8))
    guess = _Ellipse(w / 2, h / 2, w / 2 * 0.94, h / 2 * 0.94)
    best = ring_evidence(mask, guess)
    step = 0.03 * min(w, h)
    for dx in (-step, 0, step):
        for dy in (-step, 0, step):
            if dx == 0 and dy == 0:
                continue
            ev = ring_evidence(mask, _Ellipse(guess.cx + dx, guess.cy + dy, guess.a, guess.b))
            if ev.coverage > best.coverage + 0.01:
                best = ev
    return best.ellipse


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
    return cv2.remap(ink, mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def _arc_text_span(strip: np.ndarray, start_deg: float) -> tuple[float, float]:
    """The main arc text in a 360-degree strip: (centre angle, angular span), in image
    degrees. Ink columns are grouped, bridging gaps narrower than about half a
    character; the longest group is the unit name (a serial number along the bottom
    arc, if any, is a separate, shorter group)."""
    ink_cols = (strip < 150).sum(axis=0) > max(1, strip.shape[0] // 16)
    n = len(ink_cols)
    if not ink_cols.any():
        return (start_deg + 180.0) % 360, 0.0
    if ink_cols.all():
        return (start_deg + 180.0) % 360, 360.0
    bridge = max(2, int(strip.shape[0] * 0.45))
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
    mid = (g0 + g1) / 2 + first_gap
    return (start_deg + 360.0 * mid / n) % 360, 360.0 * (g1 - g0 + 1) / n


def _trim_strip(strip: np.ndarray, span_deg: float) -> np.ndarray:
    """Cut a strip centred on the arc text to the text's span plus a margin."""
    n = strip.shape[1]
    half = int(n * min(1.0, span_deg / 360.0 + 0.04) / 2)
    c = n // 2
    return strip[:, max(0, c - half): min(n, c + half + 1)]


def _png(img: np.ndarray) -> bytes | None:
    ok, buf = _cv2().imencode(".png", img)
    return buf.tobytes() if ok else None


def read_seal(image: np.ndarray, seal: SealMark, engine) -> None:
    """Reads the seal's text with ``engine.recognize_line`` and fills, in place,
    ``seal.text`` (the arc text: the unit name), ``seal.bottom_text``,
    ``seal.text_score``, ``seal.crop_png`` and ``seal.unwrap_png``.
    """
    cv2 = _cv2()
    H, W = image.shape[:2]
    x0, y0, x1, y1 = seal.bbox
    crop = _as_bgr(image)[max(0, y0):min(H, y1), max(0, x0):min(W, x1)]
    if crop.size == 0:
        return
    seal.crop_png = _png(crop)
    ink = _seal_ink_image(crop, seal.color)
    # work at a fixed size: the recogniser wants ~48 px high strips anyway
    side = 400
    f = side / float(max(crop.shape[:2]))
    ink = cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
    # keep a white margin so the ring never touches the border
    ink = cv2.copyMakeBorder(ink, 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)
    ell = _fit_in_crop(ink)

    probe = _unwrap(ink, ell, 90.0, inner=0.55, outer=0.92, height=32)
    top, span = _arc_text_span(probe, 90.0)
    # the strip starts half a turn before the text's centre, so the text sits in its middle
    starts = [top - 180.0]
    if abs(((top - 270.0) + 180.0) % 360.0 - 180.0) > 20:
        starts.append(90.0)  # an upright seal, in case the span was misjudged
    best = ("", 0.0, None, starts[0])
    # a few unwraps (start angle, ring band): each reading is kept, the best one is the text
    variants = [(start, inner, 0.93) for start in starts for inner in (0.5, 0.6)]
    variants += [(starts[0] - 8.0, 0.55, 0.95), (starts[0] + 8.0, 0.55, 0.9)]
    seal.readings = []
    for start, inner, outer in variants:
        strip = _trim_strip(_unwrap(ink, ell, start, inner=inner, outer=outer), span if start != 90.0 else 300.0)
        text, score = engine.recognize_line(cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR))
        text = normalize_seal_text(text)
        log.debug("seal arc start=%.0f inner=%.2f outer=%.2f -> %r %.3f", start, inner, outer, text, score)
        if text:
            seal.readings.append((text, float(score)))
        if _reading_quality(text, score) > _reading_quality(best[0], best[1]):
            best = (text, score, strip, start)
    text, score, strip, start = best
    seal.text = text or None
    seal.text_score = float(score)
    if strip is not None:
        seal.unwrap_png = _png(strip)

    # bottom text: the lines under the star, read upright (the seal turned so that
    # its arc text is centred at the top)
    seal.bottom_text = _read_bottom_text(ink, ell, start + 180.0 - 270.0, engine)


def _read_bottom_text(ink: np.ndarray, ell: _Ellipse, rotation: float, engine) -> str | None:
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
            if j - i + 1 >= 0.06 * r:
                lines.append((i, j))
            i = j + 1
        else:
            i += 1
    texts = []
    for i, j in lines:
        pad = max(2, (j - i) // 5)
        line = band[max(0, i - pad): j + pad + 1]
        text, score = engine.recognize_line(cv2.cvtColor(line, cv2.COLOR_GRAY2BGR))
        text = normalize_seal_text(text)
        log.debug("seal bottom line %d-%d -> %r %.3f", i, j, text, score)
        if text and score >= 0.6:
            texts.append(text)
    return " ".join(texts) or None


def _reading_quality(text: str, score: float) -> float:
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return score * min(1.0, cjk / 6.0) + 0.01 * min(cjk, 20)


# ---------------------------------------------------------------- matching


_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ORG_SUFFIX = re.compile(
    r"(局|站|院|所|中心|公司|厂|校|学|委员会|委|医院|处|室|部|集团|厅|会|社|馆|队|办|科|府|行|店|场|司|基地)"
)


def normalize_seal_text(text: str | None) -> str:
    """The text with full-width forms folded and everything but CJK, letters and
    digits dropped (seal readings carry stray punctuation).

    >>> normalize_seal_text(" 抚顺市·生态环境局（人事处） ")
    '抚顺市生态环境局人事处'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return "".join(_KEEP.findall(text))


def seal_text_distance(unit: str, text: str) -> int:
    """Edit distance between ``unit`` and the best-matching part of ``text``
    (the unit name must be read whole; text around it is not counted here).

    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环境监测站人事处")
    0
    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环竟监测站")
    1
    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环境局")
    3
    """
    return _align(unit, text)[0]


def _semiglobal_ends(unit: str, text: str) -> list[int]:
    """Cost of aligning all of ``unit`` to a part of ``text`` ending at each position."""
    n = len(unit)
    prev = list(range(n + 1))
    ends = [prev[n]]
    for ch in text:
        cur = [0] * (n + 1)  # free start anywhere in text
        for i in range(1, n + 1):
            cost = 0 if unit[i - 1] == ch else 1
            cur[i] = min(prev[i - 1] + cost, prev[i] + 1, cur[i - 1] + 1)
        prev = cur
        ends.append(prev[n])
    return ends


def _align(unit: str, text: str) -> tuple[int, int, int]:
    """(distance, start, end) of the best approximate occurrence of ``unit`` in ``text``.
    Among equally good ends the longest match wins (the last one)."""
    if not unit:
        return 0, 0, 0
    ends = _semiglobal_ends(unit, text)
    d = min(ends)
    end = max(i for i, v in enumerate(ends) if v == d)
    starts = _semiglobal_ends(unit[::-1], text[:end][::-1])
    ds = min(starts)
    start = end - max(i for i, v in enumerate(starts) if v == ds)
    return d, start, end


def _allowed_errors(n: int) -> int:
    if n <= 5:
        return 0
    if n <= 12:
        return 1
    return 2


# what may follow the unit's name on its seal without making it another unit's seal:
# a department or office (人事处, 办公室, 监测三室) or the seal's purpose (人事专用章)
_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:处|科|室|办|部|委员会|专用章|公章|章)$")
_OTHER_BODY = re.compile(r"(局|站|院|所|中心|公司|厂|校|集团|分|医院|大学|学院)")


def _is_department(rest: str) -> bool:
    rest = rest.rstrip("0123456789")
    return not rest or (bool(_DEPARTMENT.match(rest)) and not _OTHER_BODY.search(rest))


_AREA_PREFIX = re.compile(r"^(?:[A-Za-z0-9]{1,3}|(?:中国|中华人民共和国)?[\u4e00-\u9fff]{1,4}(?:省|自治区|市))$")


def seal_match(seal: SealMark, unit_names: Sequence[str]) -> str:
    """``seal_names_unit`` over every reading of the seal: ``unit`` when any
    reading names the unit (a damaged best reading beside a clean one), else
    ``other`` when any reading cleanly names another body (沈隆市… beside 沈阳市…),
    else ``unreadable``.

    >>> s = SealMark((0, 0, 9, 9), 0.9, text="抚凰市生老环境局东洲分局", text_score=0.9,
    ...              readings=[("抚凰市生老环境局东洲分局", 0.9), ("抚顺市生态环境局东洲分局", 0.85)])
    >>> seal_match(s, ["抚顺市生态环境局东洲分局"])
    'unit'
    >>> s.readings = [("沈隆市生态环境监测中心站", 0.96), ("沈阳市生态环境监测中心站", 0.95), ("中", 0.6)]
    >>> s.text, s.text_score = s.readings[0]
    >>> seal_match(s, ["抚顺市生态环境事务服务中心"])
    'other'
    >>> s.readings = [("抚顺环境科学研究", 0.997), ("抚顺塞环境科学研究厂", 0.877)]
    >>> s.text, s.text_score = s.readings[0]
    >>> seal_match(s, ["抚顺市环境科学研究院"])
    'unreadable'
    """
    readings = [(seal.text, seal.text_score), *seal.readings]
    verdicts = {seal_names_unit(t, unit_names, score=sc) for t, sc in readings}
    if "unit" in verdicts:
        return "unit"
    if "other" in verdicts and not any(reads_as_part_of_unit(t, unit_names) for t, _ in readings):
        # no reading shows a piece of the unit's own name (抚顺环境科学研究 beside a
        # noisy 抚顺塞环境科学研究厂 is this unit's worn seal, not another's)
        return "other"
    return "unreadable"


def seal_names_unit(text: str | None, unit_names: Sequence[str], *, score: float | None = None) -> str:
    """Whether a seal's text names the unit: ``unit``, ``other`` or ``unreadable``.

    ``unit`` when one of ``unit_names`` is read whole in the text, allowing one OCR
    error in a name of 6-12 characters (two beyond) but never in its last character
    (局 and 站 are different units), followed by nothing or by a department or seal
    word (人事处, 办公室, 人事专用章). ``other`` only when the reading is clean and
    clearly a different name (another body, or a branch: ...局新抚分局); anything in
    between, a short reading or a low recognition ``score``, is ``unreadable``.

    >>> seal_names_unit("抚顺市环境监测中心站", ["抚顺市生态环境监测站", "抚顺市环境监测中心站"])
    'unit'
    >>> seal_names_unit("沈阳市生态环境监测站", ["抚顺市生态环境监测站"])
    'unreadable'
    >>> seal_names_unit("大连华信检测技术有限公司", ["抚顺市生态环境监测站"])
    'other'
    >>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境局"])
    'other'
    >>> seal_names_unit("抚顺市生态环境局新抚分局", ["抚顺市生态环境局"])
    'other'
    >>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境监测站"], score=0.2)
    'unreadable'
    >>> seal_names_unit(None, ["抚顺市生态环境监测站"])
    'unreadable'
    >>> [seal_names_unit(t, ["抚顺市生态环境局顺城分局"], score=0.95) for t in ("环境局顺城分局", "态环境局", "抚顺市生态环境局新抚分局")]
    ['unreadable', 'unreadable', 'unreadable']
    >>> seal_names_unit("抚颐市环境科学研院", ["抚顺市环境科学研究院"], score=0.95)
    'unreadable'
    >>> seal_names_unit("鞍山市绿城环保有限公司", ["辽宁绿源环保科技有限公司"], score=0.95)
    'other'
    """
    from rapidfuzz.distance import Levenshtein

    t = normalize_seal_text(text)
    units = [u for u in (normalize_seal_text(u) for u in unit_names) if u]
    if not t or not units:
        return "unreadable"
    if score is not None and score < 0.5:
        return "unreadable"
    cjk = sum(1 for c in t if "\u4e00" <= c <= "\u9fff")
    clean = score is None or score >= 0.8
    best_ratio, best_d, suffix_differs, branch = 1.0, 10 ** 6, True, False
    for u in units:
        d, start, end = _align(u, t)
        # OCR errors allowed: substitutions and a dropped character, never an inserted
        # one (抚顺市生态环境局监测站 is not 抚顺市生态环境监测站)
        whole = (d <= _allowed_errors(len(u)) and end > 0 and t[end - 1] == u[-1]
                 and end - start <= len(u))
        rest, head = t[end:], t[:start]
        if whole and _is_department(rest) and (not head or _AREA_PREFIX.match(head)):
            return "unit"
        if whole and rest and _ORG_SUFFIX.search(rest) and not _is_department(rest):
            branch = True  # the unit's name followed by another body's: a branch or subsidiary
        core = _DEPARTMENT_TAIL.sub("", t) or t
        # how far the whole reading is from the name (rapidfuzz's Levenshtein), not
        # only the best-matching part: 抚顺市生态环境局 is 3 edits from ...监测站
        full = Levenshtein.distance(core, u) / max(len(core), len(u))
        best_ratio, best_d = min(best_ratio, max(d / len(u), full)), min(best_d, d)
        if core[-1:] == u[-1:]:
            suffix_differs = False
    if not clean or cjk < 4 or not _ORG_SUFFIX.search(t):
        return "unreadable"
    shortest = min(len(u) for u in units)
    if branch and cjk >= shortest:
        return "other"
    if cjk < 0.6 * shortest:
        return "unreadable"  # a partial reading (part of the arc), however sure the engine is
    core = _DEPARTMENT_TAIL.sub("", t) or t
    if any(_is_fragment(core, u) for u in units):
        # the reading is (nearly) a piece of the unit's own name: 环境局顺城分, 抚颐市环境科学研院,
        # 辽宁绿源环保科技 — a damaged reading of this unit proves no other unit
        return "unreadable"
    if not _starts_with_place(core):
        # official bodies and companies are named from their place (沈阳市…, 辽宁…);
        # a reading that starts with no known place is more likely garbled than another unit
        return "unreadable"
    if best_ratio >= 0.45 or (suffix_differs and best_ratio >= 0.15) or (
            best_d >= 2 and score is not None and score >= 0.9 and best_ratio >= 0.2):
        return "other"
    return "unreadable"


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Chinese province, city and county names (and their stems: 辽宁, 抚顺) from
    python-stdnum's resident-ID region database."""
    from stdnum import numdb

    names: set[str] = {"中国", "中华", "国家"}

    def walk(prefixes):
        for _length, _low, _high, props, children in prefixes:
            for value in props.values():  # e.g. '旅大市,[1981-]大连市': former and current names
                for name in (re.sub(r"^\[[^\]]*\]", "", v) for v in value.split(",")):
                    names.add(name)
                    stem = re.sub(r"(?:省|市|县|区|自治区|自治州|自治县|地区|盟|旗|特别行政区)$", "", name)
                    if len(stem) >= 2:
                        names.add(stem)
            walk(children)

    walk(numdb.get("cn/loc").prefixes)
    return frozenset(n for n in names if len(n) >= 2)


def _starts_with_place(text: str) -> bool:
    """
    >>> _starts_with_place("沈阳市生态环境监测中心站"), _starts_with_place("辽宁绿源环保科技有限公司")
    (True, True)
    >>> _starts_with_place("杭施事生东研限系务服务中心")
    False
    """
    places = _place_names()
    return any(text[:n] in places for n in range(2, min(len(text), 8) + 1))


def reads_as_part_of_unit(text: str | None, unit_names: Sequence[str], min_chars: int = 5) -> bool:
    """Whether a seal's text is, at least in part, the unit's own name read in order
    (抚顺生态环境事务服务中 of 抚顺市生态环境事务服务中心): enough to know the ring is
    a seal, not enough to say whose.

    >>> reads_as_part_of_unit("抚顺生态环境事务服务中", ["抚顺市生态环境事务服务中心"])
    True
    >>> reads_as_part_of_unit("环境", ["抚顺市生态环境事务服务中心"]), reads_as_part_of_unit("大连华信检测", ["抚顺市生态环境事务服务中心"])
    (False, False)
    """
    t = normalize_seal_text(text)
    if len(t) < min_chars:
        return False
    return any(_is_fragment(t, u) for u in (normalize_seal_text(u) for u in unit_names) if u)


def _is_fragment(reading: str, unit: str) -> bool:
    """The reading is (nearly) a contiguous piece of the unit's name and ends where
    that piece ends: a partial or damaged reading of the unit itself, not another
    body (抚顺市生态环境局 is no piece of 抚顺市生态环境监测站: 局 is not 监).

    >>> _is_fragment("环境局顺城分", "抚顺市生态环境局顺城分局"), _is_fragment("抚顺市生态环境局", "抚顺市生态环境监测站")
    (True, False)
    """
    d, start, end = _align(reading, unit)
    return d <= max(1, int(0.3 * len(reading))) and end > 0 and unit[end - 1] == reading[-1]


_DEPARTMENT_TAIL = re.compile(r"(?:人事|组织人事|财务|行政|办公|业务|合同|发票)?(?:处|科|室|专用章|公章)\d*$")
