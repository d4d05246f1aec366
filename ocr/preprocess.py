"""Make a page upright and straight, and give the text pass a view without seals.

* :func:`estimate_orientation`: 0/90/180/270 from the text-line detector's boxes
  on a downscaled page (wide boxes = horizontal lines; tall boxes = a sideways
  page) and the text-line direction classifier's votes (upright or upside down),
  for engines that expose ``detect_lines``/``classify_lines`` (``ppocr``).
  Other engines fall back to a projection-profile test, which can tell a sideways
  page but not an upside-down one (confidence says so).
* :func:`estimate_skew`: the median tilt of long text-line boxes.
* :func:`suppress_red_seals`: inside seal-like red blobs (roundish, large),
  replace the pixels by the red channel, so red ink turns light and black text
  under it stays dark. Red header text (wide bands) is left alone.

Angles: ``rotation`` is the clockwise rotation applied (degrees, multiple of 90);
``skew`` is the counter-clockwise rotation applied to straighten the page
(degrees; equal to the measured clockwise tilt of the text lines).

>>> import numpy as np
>>> page = np.zeros((20, 40, 3), np.uint8)
>>> rotate_quarter(page, 90).shape
(40, 20, 3)
>>> estimate_skew(np.array([[[0, 0], [100, 2], [100, 12], [0, 10]]] * 3, float))
1.15
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)

ORIENTATION_SIDE = 960  # longer side of the copy used to find the orientation


@dataclass(frozen=True)
class Orientation:
    rotation: int  # clockwise degrees to apply: 0, 90, 180, 270
    confidence: float  # 0..1; 0 means "no evidence", rotation then 0
    method: str
    boxes: np.ndarray | None = None  # text lines found, in the pixels of the image as given
    detect_seconds: float = 0.0
    classify_seconds: float = 0.0


def rotate_quarter(image: np.ndarray, rotation: int) -> np.ndarray:
    """Rotate clockwise by 0/90/180/270 degrees."""
    import cv2

    rotation %= 360
    if rotation == 0:
        return image
    code = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[rotation]
    return cv2.rotate(image, code)


def rotate_small_angle(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate counter-clockwise by ``angle`` degrees about the centre, same size, white fill."""
    import cv2

    if abs(angle) < 1e-6:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    fill = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def _box_sides(boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    widths = np.linalg.norm(boxes[:, 0] - boxes[:, 1], axis=1)
    heights = np.linalg.norm(boxes[:, 0] - boxes[:, 3], axis=1)
    return widths, heights


def _line_extents(boxes: np.ndarray) -> tuple[float, float]:
    """Total length of the elongated boxes (long side over 1.5 times the short) that run
    across the page and of those that run down it, each by the direction of its long
    side: a slanted line of a phone photo of a sideways page may come with its points in
    an order that makes its first side the long one (892 x 40 px for a line running from
    y=169 to y=1061), which is no reason to call it wide.

    >>> across = np.array([[[0, 0], [300, 0], [300, 30], [0, 30]]], float)
    >>> down = np.array([[[10, 0], [10, 900], [-30, 900], [-30, 0]]], float)  # its first side the long one
    >>> _line_extents(across), _line_extents(down)
    ((300.0, 0.0), (0.0, 900.0))
    """
    first = boxes[:, 1] - boxes[:, 0]
    second = boxes[:, 3] - boxes[:, 0]
    a, b = np.linalg.norm(first, axis=1), np.linalg.norm(second, axis=1)
    long_side = np.where((a >= b)[:, None], first, second)
    length, short = np.maximum(a, b), np.minimum(a, b)
    elongated = length > 1.5 * short
    down = np.abs(long_side[:, 1]) > np.abs(long_side[:, 0])
    return float(length[elongated & ~down].sum()), float(length[elongated & down].sum())


def shrink(image: np.ndarray, scale: float, pyramid: dict | None = None) -> np.ndarray:
    """``image`` resized by ``scale`` (< 1): halved by the Gaussian pyramid while the
    scale left is at most a half, then one linear resize. Thin strokes average instead
    of aliasing, at a third of ``INTER_AREA``'s cost on a page. ``pyramid`` keeps the
    levels made ({factor: image}) for the next call on the same image.

    >>> shrink(np.zeros((1000, 600), np.uint8), 0.3).shape
    (300, 180)
    >>> levels = {}; _ = shrink(np.zeros((1000, 600), np.uint8), 0.2, levels); sorted(levels)
    [0.25, 0.5]
    """
    import cv2

    pyramid = {} if pyramid is None else pyramid
    img, f = image, 1.0
    while scale / f <= 0.5:
        f *= 0.5
        img = pyramid[f] if f in pyramid else pyramid.setdefault(f, cv2.pyrDown(img))
    h, w = image.shape[:2]
    return cv2.resize(img, (max(1, int(round(w * scale))), max(1, int(round(h * scale)))), interpolation=cv2.INTER_LINEAR)


def _downscale(image: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    import cv2

    h, w = image.shape[:2]
    scale = min(1.0, side / max(h, w))
    if scale >= 1.0:
        return image, 1.0
    return cv2.resize(image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA), scale


def _projection_sideways(image: np.ndarray) -> float:
    """>0 when text rows run vertically (page sideways), <0 when horizontal.

    Ink is smeared along each direction (joining the characters of a line into a
    bar); lines then show as a strongly alternating profile across them.
    """
    import cv2

    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    ink = (gray < min(160, int(gray.mean()) - 30)).astype(np.uint8)
    if ink.sum() < 50:
        return 0.0
    k = max(9, max(ink.shape) // 40)

    def contrast(smeared: np.ndarray, axis: int) -> float:
        profile = smeared.mean(axis=axis).astype(np.float64)
        return float(profile.std() / (profile.mean() + 1e-6))

    along_rows = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, k), np.uint8))
    along_cols = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((k, 1), np.uint8))
    return contrast(along_cols, 0) - contrast(along_rows, 1)


def rotate_boxes(boxes: np.ndarray, rotation: int, width: int, height: int) -> np.ndarray:
    """Map (n, 4, 2) boxes of a ``width`` x ``height`` image through a clockwise
    quarter turn, keeping each box's points clockwise from its top-left.

    >>> b = np.array([[[10, 20], [50, 20], [50, 30], [10, 30]]], float)
    >>> rotate_boxes(b, 90, 100, 60)[0].tolist()
    [[29.0, 10.0], [39.0, 10.0], [39.0, 50.0], [29.0, 50.0]]
    >>> rotate_boxes(rotate_boxes(b, 90, 100, 60), 270, 60, 100)[0].tolist() == b[0].tolist()
    True
    """
    rotation %= 360
    boxes = np.asarray(boxes, dtype=np.float64)
    if rotation == 0 or len(boxes) == 0:
        return boxes.copy()
    x, y = boxes[..., 0], boxes[..., 1]
    if rotation == 90:
        out = np.stack([height - 1 - y, x], axis=-1)[:, [3, 0, 1, 2]]
    elif rotation == 180:
        out = np.stack([width - 1 - x, height - 1 - y], axis=-1)[:, [2, 3, 0, 1]]
    elif rotation == 270:
        out = np.stack([y, width - 1 - x], axis=-1)[:, [1, 2, 3, 0]]
    else:
        raise ValueError(f"rotation must be a multiple of 90, not {rotation}")
    return np.ascontiguousarray(out)


def skew_boxes(boxes: np.ndarray, angle: float, width: int, height: int) -> np.ndarray:
    """Map boxes through :func:`rotate_small_angle` (same centre and angle)."""
    import cv2

    if abs(angle) < 1e-6 or len(boxes) == 0:
        return np.asarray(boxes, dtype=np.float64).copy()
    matrix = cv2.getRotationMatrix2D((width / 2.0, height / 2.0), angle, 1.0)
    pts = np.asarray(boxes, dtype=np.float64).reshape(-1, 2)
    moved = pts @ matrix[:, :2].T + matrix[:, 2]
    moved[:, 0] = moved[:, 0].clip(0, width - 1)
    moved[:, 1] = moved[:, 1].clip(0, height - 1)
    return moved.reshape(-1, 4, 2)


def estimate_orientation(image: np.ndarray, engine=None) -> Orientation:
    """How far to turn ``image`` clockwise so its text reads upright.

    With a detector (``engine.detect_lines``) the boxes found are returned too,
    in ``image`` pixels, so the pipeline need not detect the page a second time.
    """
    import time

    from .engines.ppocr import crop_text_line

    detect = getattr(engine, "detect_lines", None)
    classify = getattr(engine, "classify_lines", None)
    if detect is None or classify is None:
        # Sideways or not is clear from the profiles; 90 vs 270 is a guess, left
        # to the engine's own text-line direction classifier.
        small, _ = _downscale(image, ORIENTATION_SIDE)
        sideways = _projection_sideways(small)
        if sideways > 0.3:
            return Orientation(90, 0.3, "projection")
        return Orientation(0, 0.0 if sideways > -0.3 else 0.3, "projection")

    started = time.perf_counter()
    boxes = np.asarray(detect(image), dtype=np.float64).reshape(-1, 4, 2)
    detected = time.perf_counter()
    if len(boxes) == 0:
        return Orientation(0, 0.0, "no-text", boxes, detected - started)
    height, width = image.shape[:2]
    wide, tall = _line_extents(boxes)
    base = 90 if tall > 1.5 * wide else 0
    turned = rotate_boxes(boxes, base, width, height)
    full = rotate_quarter(image, base)
    widths, heights = _box_sides(turned)
    # Vote upright vs upside down on the longest lines.
    long_lines = [i for i in np.argsort(-widths) if widths[i] > 2.0 * heights[i]][:24]
    if not long_lines:
        return Orientation(base, 0.2 if base else 0.0, "det-shape", boxes, detected - started)
    strips = [crop_text_line(full, turned[i]) for i in long_lines]
    votes = classify(strips)
    weight_180 = sum(w * s for (label, s), w in zip(votes, widths[long_lines]) if "180" in label)
    weight_0 = sum(w * s for (label, s), w in zip(votes, widths[long_lines]) if "180" not in label)
    total = weight_0 + weight_180
    confidence = abs(weight_180 - weight_0) / total if total else 0.0
    method = "det+cls"
    flip = weight_180 > weight_0
    if flip or base:
        # The direction classifier calls some upright pages upside down (4 of 100
        # Tobacco800 office scans): a turn is made only when the text reads better
        # turned, on the recogniser's own scores for both readings.
        read_as_is, read_turned = _reading_scores(engine, strips, widths[long_lines])
        if read_as_is is not None:
            method = "det+cls+rec"
            margin = read_turned - read_as_is
            # a recognition margin of REC_MARGIN is as good as the pipeline's least confidence (0.2),
            # when the better reading is a reading at all (two poor readings decide nothing)
            decisive = min(1.0, 0.2 * abs(margin) / REC_MARGIN) if max(read_as_is, read_turned) >= REC_MIN_SCORE else 0.0
            if flip and margin < REC_MARGIN:
                logger.info("orientation: the classifier says 180° (%.2f) but the page reads %.3f as is, %.3f turned: kept",
                            confidence, read_as_is, read_turned)
                flip, confidence = False, decisive if margin <= -REC_MARGIN else 0.0
            elif not flip and margin >= REC_MARGIN:
                flip, confidence = True, decisive
            elif abs(margin) >= REC_MARGIN:  # the recogniser agrees with the classifier
                confidence = max(confidence, decisive)
    rotation = (base + (180 if flip else 0)) % 360
    return Orientation(rotation, float(confidence), method, boxes, detected - started,
                       time.perf_counter() - detected)


#: how much better (mean recognition score) the turned reading must be to turn a page
REC_MARGIN = 0.05
#: lines read both ways to decide a half turn
REC_LINES = 8
#: the better of the two readings must reach this mean score to lend its margin as confidence
REC_MIN_SCORE = 0.5


def _reading_scores(engine, strips: list[np.ndarray], widths) -> tuple[float | None, float | None]:
    """Width-weighted mean recognition score of the longest ``strips`` as they are
    and turned by 180°; ``(None, None)`` for an engine that cannot read a line."""
    read = getattr(engine, "read_line", None) or getattr(engine, "recognize_line", None)
    if read is None or not strips:
        return None, None
    order = np.argsort(-np.asarray(widths, float))[:REC_LINES]
    as_is = turned = weight = 0.0
    for i in order:
        w = float(widths[i])
        a = read(strips[i])
        b = read(np.ascontiguousarray(np.rot90(strips[i], 2)))
        as_is += w * float(a[1])
        turned += w * float(b[1])
        weight += w
    if weight <= 0:
        return None, None
    return as_is / weight, turned / weight


def estimate_skew(boxes: np.ndarray, min_aspect: float = 3.0) -> float:
    """Median clockwise tilt (degrees) of the long horizontal boxes; 0 if none."""
    if boxes is None or len(boxes) == 0:
        return 0.0
    boxes = np.asarray(boxes, dtype=float)
    widths, heights = _box_sides(boxes)
    keep = widths > min_aspect * np.maximum(heights, 1.0)
    if keep.sum() < 1:
        return 0.0
    dx = boxes[keep, 1, 0] - boxes[keep, 0, 0]
    dy = boxes[keep, 1, 1] - boxes[keep, 0, 1]
    angles = np.degrees(np.arctan2(dy, dx))
    angles = angles[np.abs(angles) < 20]
    if len(angles) == 0:
        return 0.0
    return round(float(np.median(angles)), 2)


#: a page whose shorter side is longer than this (an A4 scan above 300 dpi: 400-dpi 3307 px, 600-dpi 4960) is searched
#: for seals on a copy reduced to it: every size the search weighs is a share of the page's, but its closing's ellipse
#: grows with the page and costs as its area does: 7 of the 12 seconds a 600-dpi A4 page took to read (probe trust37:
#: a 600-dpi dossier of 13 pages 138 s, the same at 150 dpi 19 s)
SEAL_SEARCH_SIDE = 2500


def seal_regions(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes ``(x0, y0, x1, y1)`` of roundish red blobs large enough to be seals (found on the page reduced to
    :data:`SEAL_SEARCH_SIDE` where it is larger, the boxes given in its own pixels).

    >>> import cv2
    >>> page = np.full((400, 600, 3), 255, np.uint8)
    >>> _ = cv2.circle(page, (300, 200), 80, (0, 0, 230), 6)
    >>> _ = cv2.rectangle(page, (20, 20), (580, 45), (0, 0, 230), -1)   # a red header band
    >>> [tuple(int(v) for v in r) for r in seal_regions(page)]
    [(214, 114, 389, 289)]
    >>> framed = np.full((1400, 1000, 3), 255, np.uint8)       # a certificate's red frame is no seal
    >>> _ = cv2.rectangle(framed, (30, 30), (970, 1370), (0, 0, 230), 8)
    >>> seal_regions(framed)
    []
    >>> _ = cv2.circle(framed, (800, 1250), 110, (0, 0, 230), 6)   # a seal touching the frame still is one
    >>> [tuple(int(v) for v in r) for r in seal_regions(framed)]
    [(679, 1129, 924, 1374)]
    """
    import cv2

    h, w = image.shape[:2]
    if min(h, w) <= SEAL_SEARCH_SIDE:
        return _seal_regions(image)
    f = SEAL_SEARCH_SIDE / min(h, w)
    small = cv2.resize(image, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
    sx, sy = w / small.shape[1], h / small.shape[0]
    return [(max(0, int(x0 * sx)), max(0, int(y0 * sy)), min(w, math.ceil(x1 * sx)), min(h, math.ceil(y1 * sy)))
            for x0, y0, x1, y1 in _seal_regions(small)]


def _seal_regions(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """:func:`seal_regions` at the page's own size."""
    import cv2

    bgr = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = (((hue <= 12) | (hue >= 160)) & (sat >= 60) & (val >= 80)).astype(np.uint8)
    h, w = red.shape
    if red.sum() < 0.0005 * h * w:
        return []
    # frames, borders and ruled lines in red are no seals, and must not join one
    line_len = max(15, int(0.25 * min(h, w)))  # longer than any straight run of a seal ring
    lines = cv2.morphologyEx(red, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (line_len, 1)))
    lines |= cv2.morphologyEx(red, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, line_len)))
    red = red & (1 - cv2.dilate(lines, np.ones((3, 3), np.uint8)))
    k = max(5, min(h, w) // 60)
    blob = cv2.morphologyEx(red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    blob = cv2.dilate(blob, np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(blob, connectivity=8)
    regions = []
    min_side = 0.06 * min(h, w)
    max_side = 0.45 * min(h, w)  # an official seal is 38-50 mm; a page frame or border is not one
    for i in range(1, n):
        x, y, bw, bh, _area = stats[i]
        if min(bw, bh) < min_side or max(bw, bh) > max_side or not (0.5 <= bw / bh <= 2.0):
            continue
        if not _has_ring(red[y:y + bh, x:x + bw], labels[y:y + bh, x:x + bw] == i):
            continue  # e.g. big red header characters (红头 "文件"): never faded
        pad = max(2, k // 2)
        regions.append((max(0, x - pad), max(0, y - pad), min(w, x + bw + pad), min(h, y + bh + pad)))
    # a seal's star or inner text may form its own blob: keep the outer ones
    return [r for r in regions if not any(o != r and o[0] <= r[0] and o[1] <= r[1] and o[2] >= r[2]
                                          and o[3] >= r[3] for o in regions)]


def _has_ring(red: np.ndarray, blob: np.ndarray) -> bool:
    """A seal's outline is a closed ring of ink; a character's hull is touched
    by its strokes only here and there. ``red`` is the raw red-ink mask and
    ``blob`` the (closed) component, both cut to the component's box.

    Counts the angular sectors (of 36) whose band just inside the convex hull
    holds red ink; a ring fills most of them even where black text crosses it.

    >>> import cv2
    >>> ring = np.zeros((120, 120), np.uint8); _ = cv2.circle(ring, (60, 60), 50, 1, 5)
    >>> cross = np.zeros((120, 120), np.uint8); cross[55:65, 5:115] = 1; cross[5:115, 55:65] = 1
    >>> _has_ring(ring, ring), _has_ring(cross, cross)
    (True, False)
    """
    import cv2

    m = blob.astype(np.uint8)
    contours, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return False
    hull = cv2.convexHull(np.vstack(contours))
    (cx, cy), (w, h), _ = cv2.minAreaRect(hull)
    if min(w, h) < 8:
        return False
    filled = np.zeros_like(m)
    cv2.fillConvexPoly(filled, hull, 1)
    width = max(3, int(round(0.06 * min(w, h))))
    inner = cv2.erode(filled, np.ones((2 * width + 1, 2 * width + 1), np.uint8))
    band = (filled > 0) & (inner == 0)
    ys, xs = np.nonzero(band)
    if len(ys) == 0:
        return False
    sectors = ((np.degrees(np.arctan2(ys - cy, xs - cx)) + 360) % 360 // 10).astype(int)
    inked = red.astype(bool)[ys, xs]
    hit = np.bincount(sectors, weights=inked, minlength=36)
    total = np.bincount(sectors, minlength=36)
    covered = (total > 0) & (hit >= 0.15 * np.maximum(total, 1))
    return bool(covered.sum() >= 0.7 * max((total > 0).sum(), 1))


def suppress_red_seals(image: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A copy of ``image`` with seal-like red areas faded (red channel as gray).

    Returns the image unchanged (not copied) when there is no seal-like red.
    """
    regions = seal_regions(image)
    if not regions:
        return image, []
    out = image.copy()
    for x0, y0, x1, y1 in regions:
        red_channel = image[y0:y1, x0:x1, 2].copy()
        # red ink is bright in the red channel: lift it to paper white
        red_channel[red_channel >= 150] = 255
        out[y0:y1, x0:x1] = red_channel[:, :, None]
    return out, regions


def angle_is_worth_correcting(angle: float, low: float = 0.3, high: float = 20.0) -> bool:
    """Deskew only tilts that matter and that are plausibly a scan's or a photo's tilt: a page photographed lying on
    a desk is turned 10-20 degrees as often as not (probe trust21 C03: a publicity photographed at 10.9 degrees, left
    tilted, read its range's second line before its first, the range unread; the lines' fields and cells assume them
    level).

    >>> angle_is_worth_correcting(0.1), angle_is_worth_correcting(2.0), angle_is_worth_correcting(30)
    (False, True, False)
    """
    return low <= abs(angle) <= high and math.isfinite(angle)


#: a watermark: one phrase of at least this many characters read whole on two lines, and this many lines or more
#: read of its characters (the detector cuts some apart: 职称申报使, 报使用), all turned as tiled watermarks are
WATERMARK_CHARS, WATERMARK_LINES = 4, 3
#: a watermark's lines are turned this many degrees from level or more (tiled at 30-45 degrees), and no more than
#: this: a page's own print is level, a vertical label upright
WATERMARK_TURN = (15.0, 75.0)
#: a watermark's colour has at least this chroma (max - min of B, G, R): black or grey print repeated is none.
#: A greyish one (117,117,91 BGR, chroma 26: a scanner app's, probe trust33 T33-14) lies on the line from the
#: paper to black print's grey edges too: faded, the print thinned and 2023 read 2928
WATERMARK_CHROMA = 40
#: a pixel faded is itself coloured: its chroma at least this share of the watermark colour's at its place along
#: the line (and at least :data:`WATERMARK_PIXEL_CHROMA`): the grey edges of black print are not
WATERMARK_PIXEL_SHARE, WATERMARK_PIXEL_CHROMA = 0.5, 12.0
#: a pixel is the watermark's where it lies this close (BGR distance) to the line from the paper to the
#: watermark's colour, this far along it (0 the paper, 1 the colour: its edges blend with the paper)
WATERMARK_NEAR, WATERMARK_ALONG = 25.0, (0.2, 1.3)


def _turned(line) -> bool:
    """Whether ``line``'s box runs turned as a tiled watermark's (:data:`WATERMARK_TURN`)."""
    if len(line.box) != 4:
        return False
    (x0, y0), (x1, y1) = line.box[0], line.box[1]
    lo, hi = WATERMARK_TURN
    return lo <= math.degrees(math.atan2(abs(y1 - y0), abs(x1 - x0))) <= hi


def of_phrase(text: str, chars: set) -> bool:
    """Whether ``text`` (two characters or more) is mostly (0.8) the characters ``chars`` of a watermark's phrase."""
    t = text.strip()
    return len(t) >= 2 and sum(c in chars for c in t) >= 0.8 * len(t)


def tiled_phrase(lines) -> str | None:
    """The phrase of a watermark tiled across the page (「仅供职称申报使用」 as applicants are told to add, at 30-45
    degrees): a text of at least :data:`WATERMARK_CHARS` characters read whole on two turned lines
    (:data:`WATERMARK_TURN`), with :data:`WATERMARK_LINES` turned lines or more read of its characters; None where
    none is. Print repeated level on a page (a table's cells, a form printed in blue) is none.

    >>> from ocr.model import OcrLine
    >>> turned = ((0, 100), (170, 0), (200, 40), (20, 140))  # 30 degrees
    >>> level = ((0, 0), (170, 0), (170, 20), (0, 20))
    >>> tiled_phrase([OcrLine("仅供职称申报使用", turned, 0.9)] * 2 + [OcrLine("报使用", turned, 0.9), OcrLine("姓名", level, 0.9)])
    '仅供职称申报使用'
    >>> tiled_phrase([OcrLine("仅供职称申报使用", turned, 0.9)] * 2) is None
    True
    >>> tiled_phrase([OcrLine("仅供职称申报使用", level, 0.9)] * 5) is None
    True
    """
    counts: dict[str, int] = {}
    turned = [line for line in lines if _turned(line)]
    for line in turned:
        t = line.text.strip()
        if len(t) >= WATERMARK_CHARS:
            counts[t] = counts.get(t, 0) + 1
    phrase = max(counts, key=lambda t: (counts[t], len(t)), default=None)
    if phrase is None or counts[phrase] < 2:
        return None
    chars = set(phrase)
    return phrase if sum(of_phrase(line.text, chars) for line in turned) >= WATERMARK_LINES else None


def watermark_lines(lines) -> list:
    """The lines of ``lines`` that read a tiled watermark's words (:func:`tiled_phrase`): turned, two characters or
    more, at least 0.8 of them the phrase's (仅供职称申报使用, 职称申报使, 报使用); none where no phrase is tiled."""
    if (phrase := tiled_phrase(lines)) is None:
        return []
    chars = set(phrase)
    return [line for line in lines if _turned(line) and of_phrase(line.text, chars)]


def watermark_mask(image: np.ndarray, marks) -> np.ndarray | None:
    """The pixels of ``image`` (a boolean array of its height and width) that a coloured watermark tiled across it
    (:func:`tiled_phrase`) inked, for :func:`fade` to paint the paper's colour, or None where the page shows none;
    ``marks`` are the page's lines that read the watermark (:func:`watermark_lines`). Its colour, their ink's
    (:func:`ink_colour`), must be a colour (:data:`WATERMARK_CHROMA`): a phrase printed in black on several rows of a
    table is print. A pixel is faded where it lies between the paper and that colour
    (:data:`WATERMARK_NEAR`, :data:`WATERMARK_ALONG`); print over the watermark is darker and stays, and so does a
    red seal's ink, off that line. The detector took a blue watermark tiled over every page for the page's text and
    lost the lines beneath it: a 推荐表（续）'s title, its unit head's field label, an 评定表's title (probe trust18
    P20: the 评定表 read as none, 缺少必备材料 failed; the 推荐表's two files judged apart, its first page failed
    seal.present).

    >>> from ocr.model import OcrLine
    >>> img = np.full((120, 400, 3), 250, np.uint8)
    >>> img[10:30, 10:200] = (225, 190, 170)   # the watermark's words, pale blue (BGR)
    >>> img[60:80, 10:200] = (225, 190, 170)
    >>> img[64:76, 20:60] = 20                  # print over the watermark
    >>> img[76:78, 20:60] = 215                 # its grey edge
    >>> img[90:110, 10:50] = (40, 40, 200)      # a red seal's ink
    >>> box = lambda y: ((10, y + 60), (200, y), (200, y + 20), (10, y + 80))  # turned 17 degrees
    >>> lines = [OcrLine("仅供职称申报使用", box(10), 0.9)] * 2 + [OcrLine("仅供职称申报使用", box(60), 0.9)]
    >>> faded = lambda image, lines: None if (m := watermark_mask(image, watermark_lines(lines))) is None else fade(image, m)
    >>> out = faded(img, lines)
    >>> out[20, 100].tolist(), out[70, 100].tolist(), out[70, 30].tolist(), out[77, 30].tolist(), out[100, 30].tolist()
    ([250, 250, 250], [250, 250, 250], [20, 20, 20], [215, 215, 215], [40, 40, 200])
    >>> faded(img, lines[:2]) is None
    True
    >>> grey = img.copy(); grey[img[:, :, 0] == 225] = (117, 117, 91)  # a greyish watermark (probe trust33 T33-14)
    >>> faded(grey, lines) is None
    True
    >>> img[10:30, 10:200] = 30; img[60:80, 10:200] = 30  # the phrase printed in black: no watermark
    >>> faded(img, lines) is None
    True
    """
    if image is None or image.ndim != 3 or not marks:
        return None
    paper = _paper(image)
    colour = ink_colour(image, image[:, :, :3].mean(axis=2), float(paper.mean()), marks)
    if colour is None:
        return None
    colour = colour.astype(np.float32)
    if float(colour.max() - colour.min()) < WATERMARK_CHROMA:
        return None
    d = colour - paper
    rgb = image[:, :, :3].astype(np.float32) - paper
    t = rgb @ d / max(1.0, float(d @ d))
    off = np.linalg.norm(rgb - t[..., None] * d, axis=2)
    lo, hi = WATERMARK_ALONG
    chroma = (image[:, :, :3].max(axis=2).astype(np.float32) - image[:, :, :3].min(axis=2))
    coloured = chroma >= np.maximum(WATERMARK_PIXEL_CHROMA, WATERMARK_PIXEL_SHARE * t * float(colour.max() - colour.min()))
    mask = (off <= WATERMARK_NEAR) & (t >= lo) & (t <= hi) & coloured
    return mask if mask.any() else None


def ink_colour(image: np.ndarray, gray: np.ndarray, paper_gray: float, lines) -> np.ndarray | None:
    """The median BGR of the ink in ``lines``' boxes (its pixels 30 or more darker in ``gray`` than ``paper_gray``),
    or None where they hold none: the colour of a watermark's words (:func:`watermark_mask`,
    :func:`verify.marks.signatures.watermark_colour`).

    >>> img = np.full((60, 200, 3), 250, np.uint8); img[10:30, 10:190] = (225, 190, 170)
    >>> from ocr.model import OcrLine
    >>> ink_colour(img, img.mean(axis=2), 250.0, [OcrLine("仅供", ((0, 0), (200, 0), (200, 40), (0, 40)), 0.9)]).tolist()
    [225.0, 190.0, 170.0]
    """
    h, w = gray.shape[:2]
    pixels = []
    for line in lines:
        x0, y0, x1, y1 = (int(v) for v in line.bbox)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        crop, g = image[y0:y1, x0:x1, :3], gray[y0:y1, x0:x1]
        pixels.append(crop[g < paper_gray - 30])
    pixels = [p for p in pixels if len(p)]
    return np.median(np.concatenate(pixels), axis=0) if pixels else None


def _paper(image: np.ndarray) -> np.ndarray:
    """The paper's colour of ``image`` (its channels' 90th percentiles)."""
    return np.percentile(image[:, :, :3].reshape(-1, 3), 90, axis=0).astype(np.float32)


def fade(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """A copy of ``image`` with the pixels of ``mask`` painted the paper's colour."""
    out = image.copy()
    out[mask, :3] = _paper(image).astype(np.uint8)
    return out
