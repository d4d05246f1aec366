"""Reading: the ring band unwrapped into a straight strip (polar warp around the
fitted ellipse) at a few start angles, the best recognition kept; the band under
the star read horizontally as the bottom text."""
from __future__ import annotations

import logging
import math

import numpy as np

from verify.model import SealMark

from .ink import _as_bgr, _cv2
from .matching import normalize_seal_text
from .ring import _Ellipse, ring_evidence

log = logging.getLogger(__name__)


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
