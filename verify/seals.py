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

    work_side: int = 800  # the shorter side of the working image, pixels
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


def ink_masks(bgr: np.ndarray) -> dict[str, np.ndarray]:
    """Binary masks (uint8 0/255) of red (incl. faded pink), blue and dark ink."""
    cv2 = _cv2()
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red_hue = (h <= 12) | (h >= 155)
    red = red_hue & (((s >= 60) & (v >= 60)) | ((s >= 30) & (v >= 110)))
    # a colour that is "redder than it is anything else" catches blends over black text
    b, g, r = (bgr[..., i].astype(np.int16) for i in range(3))
    red |= (r - np.maximum(g, b) >= 35) & red_hue
    blue = (h >= 95) & (h <= 130) & (s >= 70) & (v >= 50)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    dark = gray < _dark_threshold(gray)
    return {
        "red": red.astype(np.uint8) * 255,
        "blue": blue.astype(np.uint8) * 255,
        "dark": dark.astype(np.uint8) * 255,
    }


def _dark_threshold(gray: np.ndarray) -> int:
    cv2 = _cv2()
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = float(np.percentile(gray, 90))
    # halfway between ink and paper, but never counting paper texture
    return int(max(60, min(otsu, paper - 40)))


def remove_lines(mask: np.ndarray, length: int) -> np.ndarray:
    """The mask without straight horizontal/vertical runs of at least ``length`` pixels."""
    cv2 = _cv2()
    length = max(8, int(length))
    horiz = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vert = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    return cv2.bitwise_and(mask, cv2.bitwise_not(lines))


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
    out_sel = (_RHO >= rho_k + 0.1) & (_RHO <= rho_k + 0.3)
    outside = float((hits[:, out_sel].any(axis=1) & ray_valid).sum()) / nvalid
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


def _component_candidates(mask: np.ndarray, rmin: float, rmax: float) -> list[_Ellipse]:
    cv2 = _cv2()
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if max(bw, bh) < 2 * rmin or min(bw, bh) > 2 * rmax * 1.1:
            continue
        if min(bw, bh) < 0.45 * max(bw, bh):
            continue
        roi = (labels[y:y + bh, x:x + bw] == i).astype(np.uint8)
        contours, _ = cv2.findContours(roi, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        pts = max(contours, key=len)
        if len(pts) < 5:
            continue
        hull = cv2.convexHull(pts)
        if len(hull) < 5:
            continue
        (ex, ey), (ea, eb), eang = cv2.fitEllipse(hull)
        if not (np.isfinite(ea) and np.isfinite(eb)) or min(ea, eb) < 2 * rmin * 0.8:
            continue
        out.append(_Ellipse(x + ex, y + ey, ea / 2, eb / 2, eang))
        # the bounding box itself is a good axis-aligned guess too
        out.append(_Ellipse(x + bw / 2, y + bh / 2, bw / 2, bh / 2, 0.0))
    return out


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
    cleaned = remove_lines(mask, line_len)
    if cv2_count(cleaned) < 30:
        return []
    cands = _component_candidates(cleaned, rmin, rmax)
    if hough:
        cands += _hough_candidates(cleaned, rmin, rmax, settings.max_hough)
    dil = _cv2().dilate(cleaned, np.ones((3, 3), np.uint8))
    evs = []
    for ell in cands:
        ev = ring_evidence(dil, ell)
        # one more refinement pass: re-centre on the found ring
        evs.append(ev)
    return evs


def cv2_count(mask: np.ndarray) -> int:
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


def _classify(ev: _Evidence, settings: SealSettings, colour: bool) -> bool | None:
    """True: a seal; False: a possible seal; None: not a seal."""
    a, b = ev.ellipse.a, ev.ellipse.b
    if min(a, b) < 0.45 * max(a, b):
        return None
    if not (0.01 <= ev.inside <= 0.65):
        return None
    if ev.coverage >= settings.certain_coverage and ev.contrast >= settings.certain_contrast:
        return True if colour else False
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
    scale = min(1.0, settings.work_side / float(min(H, W)))
    bgr = _as_bgr(image)
    work = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1.0 else bgr
    short = float(min(work.shape[:2]))
    rmin = settings.min_diameter * short / 2
    rmax = settings.max_diameter * short / 2
    line_len = int(settings.line_length * short)
    gray_page = is_grayscale(bgr)
    masks = ink_masks(work)

    found: list[tuple[_Evidence, str, bool]] = []
    if not gray_page:
        for colour in ("red", "blue"):
            evs = _candidates_for(masks[colour], rmin, rmax, line_len, settings)
            for ev in _nms([e for e in evs if _classify(e, settings, True) is not None]):
                found.append((ev, colour, bool(_classify(ev, settings, True))))
    if settings.dark_enabled:
        dark = masks["dark"]
        if found:  # do not count coloured seal ink as dark ink
            colour_ink = cv2.bitwise_or(masks["red"], masks["blue"])
            dark = cv2.bitwise_and(dark, cv2.bitwise_not(cv2.dilate(colour_ink, np.ones((5, 5), np.uint8))))
        evs = _candidates_for(dark, rmin, rmax, line_len, settings)
        dark_found = []
        for ev in _nms([e for e in evs if _classify(e, settings, False) is not None]):
            if any(_overlaps(ev, f[0]) for f in found):
                continue
            dark_found.append((ev, "dark", False))
        found += dark_found

    seals = []
    for ev, colour, certain in sorted(found, key=lambda t: (not t[2], -t[0].score)):
        ell = ev.ellipse
        pad = 0.06 * max(ell.a, ell.b)
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


def _overlaps(a: _Evidence, b: _Evidence) -> bool:
    d = math.hypot(a.ellipse.cx - b.ellipse.cx, a.ellipse.cy - b.ellipse.cy)
    return d < 0.7 * max(a.ellipse.a, b.ellipse.a)


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
        ink = np.clip(strength / hi, 0, 1)
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


def _text_gap_center(strip: np.ndarray, start_deg: float) -> float:
    """Image angle (degrees) of the middle of the widest gap in the arc text."""
    ink_cols = (strip < 150).sum(axis=0) > max(1, strip.shape[0] // 12)
    n = len(ink_cols)
    if not ink_cols.any():
        return 90.0
    # widest run of False, circularly
    doubled = np.concatenate([ink_cols, ink_cols])
    best_len, best_mid, run = 0, 0, 0
    for i, v in enumerate(doubled):
        if not v:
            run += 1
            if run > best_len:
                best_len, best_mid = run, i - run / 2
        else:
            run = 0
    best_len = min(best_len, n)
    return (start_deg + 360.0 * (best_mid % n) / n) % 360


def _trim_strip(strip: np.ndarray) -> np.ndarray:
    ink_cols = np.flatnonzero((strip < 150).sum(axis=0) > 0)
    if len(ink_cols) == 0:
        return strip
    pad = strip.shape[0] // 3
    return strip[:, max(0, ink_cols[0] - pad): ink_cols[-1] + pad + 1]


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
    gap = _text_gap_center(probe, 90.0)
    starts = [gap, 90.0]
    best = ("", 0.0, None, gap)
    for start in dict.fromkeys(round(s, 1) for s in starts):
        for inner in (0.5, 0.6):
            strip = _trim_strip(_unwrap(ink, ell, start, inner=inner, outer=0.93))
            text, score = engine.recognize_line(cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR))
            text = normalize_seal_text(text)
            log.debug("seal arc start=%.0f inner=%.2f -> %r %.3f", start, inner, text, score)
            if _reading_quality(text, score) > _reading_quality(best[0], best[1]):
                best = (text, score, strip, start)
    text, score, strip, start = best
    seal.text = text or None
    seal.text_score = float(score)
    if strip is not None:
        seal.unwrap_png = _png(strip)

    # bottom text: the band under the star, read upright (rotate the seal so its gap is at the bottom)
    rot = start - 90.0
    M = cv2.getRotationMatrix2D((ell.cx, ell.cy), rot, 1.0)
    upright = cv2.warpAffine(ink, M, (ink.shape[1], ink.shape[0]), borderValue=255)
    r = min(ell.a, ell.b)
    bx0, bx1 = int(ell.cx - 0.62 * ell.a), int(ell.cx + 0.62 * ell.a)
    by0, by1 = int(ell.cy + 0.22 * r), int(ell.cy + 0.62 * r)
    band = upright[max(0, by0):by1, max(0, bx0):bx1]
    seal.bottom_text = None
    if band.size and (band < 150).mean() > 0.02:
        btext, bscore = engine.recognize_line(cv2.cvtColor(band, cv2.COLOR_GRAY2BGR))
        btext = normalize_seal_text(btext)
        if btext and bscore >= 0.5:
            seal.bottom_text = btext


def _reading_quality(text: str, score: float) -> float:
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return score * min(1.0, cjk / 6.0) + 0.01 * min(cjk, 20)


# ---------------------------------------------------------------- matching


_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ORG_SUFFIX = re.compile(
    r"(局|站|院|所|中心|公司|厂|校|学|委员会|委|医院|处|室|部|集团|厅|会|社|馆|队|办|科|府|行|店|场|司)"
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
    (the unit name must be read whole; extra text around it - a department, 人事专用章 - is free).

    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环境监测站人事处")
    0
    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环竟监测站")
    1
    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环境局")
    3
    """
    n = len(unit)
    prev = list(range(n + 1))  # prev[i]: cost of unit[:i] ending at the current text position
    best = prev[n]
    for ch in text:
        cur = [0] * (n + 1)  # free start anywhere in text
        for i in range(1, n + 1):
            cost = 0 if unit[i - 1] == ch else 1
            cur[i] = min(prev[i - 1] + cost, prev[i] + 1, cur[i - 1] + 1)
        prev = cur
        best = min(best, prev[n])
    return best


def _allowed_errors(n: int) -> int:
    if n <= 5:
        return 0
    if n <= 12:
        return 1
    return 2


def seal_names_unit(text: str | None, unit_names: Sequence[str], *, score: float | None = None) -> str:
    """Whether a seal's text names the unit: ``unit``, ``other`` or ``unreadable``.

    ``unit`` when one of ``unit_names`` is read whole in the text, allowing one OCR
    error in a name of 6-12 characters (two beyond); suffixes (人事处, 办公室,
    人事专用章) are ignored. ``other`` only when the reading is clean and clearly
    a different name; anything in between, a short reading or a low recognition
    ``score``, is ``unreadable`` (a person looks).

    >>> seal_names_unit("抚顺市环境监测中心站", ["抚顺市生态环境监测站", "抚顺市环境监测中心站"])
    'unit'
    >>> seal_names_unit("沈阳市生态环境监测站", ["抚顺市生态环境监测站"])
    'unreadable'
    >>> seal_names_unit("大连华信检测技术有限公司", ["抚顺市生态环境监测站"])
    'other'
    >>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境监测站"], score=0.2)
    'unreadable'
    >>> seal_names_unit(None, ["抚顺市生态环境监测站"])
    'unreadable'
    """
    t = normalize_seal_text(text)
    units = [u for u in (normalize_seal_text(u) for u in unit_names) if u]
    if not t or not units:
        return "unreadable"
    if score is not None and score < 0.5:
        return "unreadable"
    best_ratio, best_d = 1.0, 10**6
    for u in units:
        d = seal_text_distance(u, t)
        if d <= _allowed_errors(len(u)):
            return "unit"
        best_ratio, best_d = min(best_ratio, d / len(u)), min(best_d, d)
    # a different name: read cleanly, long enough, shaped like a unit's name,
    # and far from every name of the unit
    cjk = sum(1 for c in t if "\u4e00" <= c <= "\u9fff")
    shortest = min(len(u) for u in units)
    if cjk >= 4 and cjk >= 0.6 * shortest and _ORG_SUFFIX.search(t) and (
            best_ratio >= 0.3 or (best_d >= 2 and score is not None and score >= 0.9)):
        return "other"
    return "unreadable"
