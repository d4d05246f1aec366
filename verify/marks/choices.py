"""A row of printed choices with one marked: which one the mark picks.

An annual assessment form prints its grades as choices (考核等次：优秀□ 合格☑ 基本合格□
不合格□) and the unit marks one: a tick or a fill in its box (☑, ■, a pen √ over □), or
a pen circle round the word. The recogniser reads the words and drops the marks (a
ticked box is lost, an empty one is read 口 or lost too), so the mark is read from the
pixels:

- each choice is located from the OCR lines: a line holding one choice word and marks
  only, or a line holding the whole row, split at its wide gaps of white;
- the box is the hollow glyph at one end of each choice's ink (the same end for every
  choice: boxes before or after the words); its inside is white on an empty box;
- a ring of coloured pen ink round a choice (above, below, left and right of it) is a
  circle.

A choice is picked only when exactly one stands out clearly from the others (a box
inked inside while every other box is white, or the only circled word, not both on
different choices); anything else, a seal over the row included, picks none and the
form is left to a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ocr.model import OcrPage

#: PageRead.fields key: the grade a form's mark picks among its printed choices
GRADE_MARK = "grade_mark"
#: the grades a form prints as choices
GRADES = ("基本称职", "不称职", "基本合格", "不合格", "优秀", "良好", "合格", "称职", "较差")
_GRADE = re.compile("|".join(GRADES))
#: what a choice's line may hold besides its word: boxes, ticks, spaces
_BOXES = "□口☐■☑√✓○●"  # a box as printed, ticked or filled, or as the recogniser reads it
_MARKS = re.compile(rf"[\s{_BOXES}、，,;；()（）]*")
#: the row's own label, where the recogniser reads it on the row's line (考核等次：优秀合格基本合格)
_ROW_LABEL = re.compile(r"^\s*(?:年度)?(?:考核|评定|考评)?(?:等次|等级|结果)\s*[:：]?")

#: ink darker than this (grey level) is printed or pen ink (a printed box's thin outline
#: scans light grey); paper is near white
DARK = 200
#: a pen's colour: saturation at least this, not near white
PEN_SATURATION = 90
PEN_VALUE = 235
#: a box's inside (its middle half) holding less than this share of ink is empty
EMPTY = 0.04
#: a marked box holds at least this share of ink inside
MARKED = 0.12


#: how far round a choice's word a pen ring may run, in the word's heights: a hand circles a word loosely (an
#: ellipse reaching a height past 合格's end and most of one below it, probe trust19: 0.8 missed five of 30 rings)
RING_REACH = 1.5


@dataclass(frozen=True)
class Choice:
    """One printed choice: its word, the box of its ink, and what was measured."""

    grade: str
    box: tuple[int, int, int, int]
    fill: tuple[float, float] = (0.0, 0.0)  # ink inside the glyph at its (left, right) end
    ring: bool = False


def choice_segments(ocr: OcrPage) -> list[tuple[str, tuple[int, int, int, int], str]]:
    """``(grade, line box, line text)`` of each line holding one choice word and marks
    only, and of each line holding two or more choices with marks only between them
    (the whole row read as one line: split later, at its gaps)."""
    out = []
    for line in ocr.lines:
        body = line.text[len(label):] if (label := _label(line.text)) else line.text
        grades = _GRADE.findall(body)
        if grades and _MARKS.fullmatch(_GRADE.sub("", body)) and (not label or len(grades) >= 2):
            out.append((" ".join(grades), line.bbox, line.text))
    return out


def _label(text: str) -> str:
    """The row's label at the start of a line read with its choices (PP-OCRv4 reads
    考核等次：□优秀 ☑合格 □基本合格 as one line, 考核等次：优秀合格基本合格; probe trust11), or "".

    >>> _label("考核等次：优秀合格基本合格"), _label("优秀口 合格"), _label("考核结果: 合格")
    ('考核等次：', '', '考核结果:')
    """
    m = _ROW_LABEL.match(text)
    return m.group(0) if m and _GRADE.match(text[m.end():].lstrip(" " + _BOXES)) else ""


def _hsv(region: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(region, cv2.COLOR_BGR2HSV)


def _pen(hsv: np.ndarray) -> np.ndarray:
    """Coloured pen ink (``hsv``: the image in HSV): saturated, not near white."""
    return (hsv[..., 1] >= PEN_SATURATION) & (hsv[..., 2] <= PEN_VALUE)


def _masks(region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(print, ink)``: dark grey ink (print), and every ink (print or pen of any colour)."""
    import cv2

    pen = _pen(_hsv(region))
    dark = cv2.cvtColor(region, cv2.COLOR_BGR2GRAY) < DARK
    # a pen stroke's blurred edge is dark and grey: not print either
    near_pen = cv2.dilate(pen.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return dark & ~near_pen, dark | pen


def _spans(cols: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    """Runs of inked columns, joined across gaps narrower than ``min_gap``."""
    xs = np.flatnonzero(cols)
    if not len(xs):
        return []
    out = [[int(xs[0]), int(xs[0])]]
    for x in xs[1:]:
        if x - out[-1][1] > min_gap:
            out.append([int(x), int(x)])
        else:
            out[-1][1] = int(x)
    return [(a, b + 1) for a, b in out]


def _locate(image: np.ndarray, segments) -> list[tuple[str, tuple[int, int, int, int]]] | None:
    """The ink box of each choice (``(grade, (x0, y0, x1, y1))``), or None where a line
    holding several choices does not split into as many pieces."""
    h_img, w_img = image.shape[:2]
    out = []
    for grades, (x0, y0, x1, y1), text in segments:
        h = max(1, y1 - y0)
        pad = int(0.1 * h)  # the line's box holds its glyphs; a table's rule lies beyond
        ax0, ax1 = max(0, x0 - pad), min(w_img, x1 + pad)
        ay0, ay1 = max(0, y0), min(h_img, y1)
        printed, _ = _masks(image[ay0:ay1, ax0:ax1])
        cols = printed.sum(axis=0) >= 2
        words = grades.split()
        pieces = _spans(cols, int(0.5 * h)) if len(words) > 1 else _spans(cols, 10 ** 6)
        if _label(text):  # the label's ink is a piece of its own, apart from the first choice
            if len(pieces) != len(words) + 1:
                return None
            pieces = pieces[1:]
        if len(pieces) != len(words):
            return None
        for word, (a, b) in zip(words, pieces):
            rows = np.flatnonzero(printed[:, a:b].sum(axis=1) >= 1)
            if not len(rows):
                return None
            out.append((word, (ax0 + a, ay0 + int(rows[0]), ax0 + b, ay0 + int(rows[-1]) + 1)))
    return out


def _inside(ink: np.ndarray, box: tuple[int, int, int, int], side: str, printed: np.ndarray | None = None) -> float:
    """The share of ink in the middle half of the square glyph at one end of a choice: the box's own
    outline where ``printed`` (the print's mask) shows one there (:func:`_box_glyph`), else the square
    as tall as the choice's ink."""
    x0, y0, x1, y1 = box
    s = y1 - y0
    a = x0 if side == "left" else x1 - s
    glyph = _box_glyph(printed, box, side) if printed is not None else None
    if glyph is not None:
        gx0, gy0, gx1, gy1 = glyph
        qx, qy = (gx1 - gx0) // 4, (gy1 - gy0) // 4
        cell = ink[gy0 + qy:gy1 - qy, gx0 + qx:gx1 - qx]
        return float(cell.mean()) if cell.size else 1.0
    q = s // 4
    cell = ink[y0 + q:y1 - q, max(0, a + q):max(0, a + s - q)]
    return float(cell.mean()) if cell.size else 1.0


#: a box's outline: each of its four sides inked along at least this share of its length
BOX_SIDES = 0.7


def _box_glyph(printed: np.ndarray, box: tuple[int, int, int, int], side: str) -> tuple[int, int, int, int] | None:
    """The box of the printed □ at one end of a choice (``box``: the choice's ink), or None where the
    print there holds no piece outlined on all four sides, about square and at least half the choice's
    height. A box printed smaller than the words (□ at 3.6 mm beside 11 pt characters whose tall strokes
    make the choice's ink 34 px high) lay in the square of the choice's height with its own right side in
    that square's middle half: every box read as inked, no mark read (probe trust18 C10, every ticked form
    a review).

    >>> pr = np.zeros((40, 120), bool); pr[8:30, 2] = pr[8:30, 23] = pr[8, 2:24] = pr[29, 2:24] = True  # □
    >>> pr[2:38, 46] = pr[20, 34:60] = True                                                             # 十
    >>> _box_glyph(pr, (2, 2, 60, 38), "left"), _box_glyph(pr, (2, 2, 60, 38), "right")
    ((2, 8, 24, 30), None)
    """
    import cv2

    x0, y0, x1, y1 = box
    s = y1 - y0
    a = x0 if side == "left" else x1 - s
    h_img, w_img = printed.shape[:2]
    X0, X1, Y0, Y1 = max(0, a - 2), min(w_img, a + s + 2), max(0, y0 - 2), min(h_img, y1 + 2)
    if X1 - X0 < 4 or Y1 - Y0 < 4:
        return None
    n, labels, stats, _ = cv2.connectedComponentsWithStats(printed[Y0:Y1, X0:X1].astype(np.uint8), connectivity=8)
    best, best_d = None, None
    for i in range(1, n):
        bx, by, bw, bh = (int(v) for v in stats[i, :4])
        if bh < 0.45 * s or bh < 6 or not 0.7 <= bw / bh <= 1.4:
            continue
        comp = labels[by:by + bh, bx:bx + bw] == i
        band = max(1, round(0.12 * min(bw, bh)))
        sides = (comp[:band].any(axis=0).mean(), comp[-band:].any(axis=0).mean(),
                 comp[:, :band].any(axis=1).mean(), comp[:, -band:].any(axis=1).mean())
        if min(sides) < BOX_SIDES:
            continue
        d = bx if side == "left" else (X1 - X0) - (bx + bw)  # how far from the choice's end
        if best_d is None or d < best_d:
            best, best_d = (X0 + bx, Y0 + by, X0 + bx + bw, Y0 + by + bh), d
    return best if best_d is not None and best_d <= 0.25 * s else None


def _ringed(pen: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether coloured pen ink rings a choice: above, below, left and right of it,
    close round it, and none of it farther out (a seal's ink, a watermark's, spreads)."""
    x0, y0, x1, y1 = box
    s = y1 - y0
    h_img, w_img = pen.shape
    e = int(RING_REACH * s)
    X0, Y0, X1, Y1 = max(0, x0 - e), max(0, y0 - e), min(w_img, x1 + e), min(h_img, y1 + e)
    near = int(pen[Y0:Y1, X0:X1].sum())
    sides = [pen[Y0:y0, x0:x1].sum(), pen[y1:Y1, x0:x1].sum(), pen[y0:y1, X0:x0].sum(), pen[y0:y1, x1:X1].sum()]
    f = 2 * e
    wide = int(pen[max(0, y0 - f):min(h_img, y1 + f), max(0, x0 - f):min(w_img, x1 + f)].sum())
    return bool(sum(v >= 0.3 * s for v in sides) >= 3 and near >= 2 * s and wide - near <= 0.25 * near)


def read_choices(image: np.ndarray, ocr: OcrPage, avoid: Sequence[tuple[int, int, int, int]] = (),
                 avoid_round: Sequence[tuple[int, int, int, int]] = ()) -> tuple[str | None, list[Choice]]:
    """The choice a row of printed grades marks, and the choices measured; the grade
    None where no row is found (fewer than three choices, or choices on lines far
    apart), where a box in ``avoid`` (a seal's) covers the row, or where not exactly one
    choice stands out. Over the disc inscribed in a box of ``avoid_round`` (a red round
    seal's: its ink lies inside its ring) the boxes are read without red ink."""
    import cv2

    segments = choice_segments(ocr)
    located = _locate(image, segments) if segments else None
    if not located or len({g for g, _ in located}) != len(located) or len(located) < 3:
        return None, []
    hs = [b[3] - b[1] for _, b in located]
    ys = [b[1] for _, b in located] + [b[3] for _, b in located]
    if max(ys) - min(ys) > 8 * max(hs):
        return None, []  # not one row (nor one short column) of choices
    # where a choice's box or ring is measured: a seal's ink there could be either
    near = [(b[0] - e, b[1] - e, b[2] + e, b[3] + e) for _, b in located for e in [int(0.8 * (b[3] - b[1]))]]
    if any(a[0] < r[2] and r[0] < a[2] and a[1] < r[3] and r[1] < a[3] for a in avoid for r in near):
        return None, []
    # a red round seal over the row (its box corner beside the row holds no ink): its red is
    # taken out and the boxes read without it (black or blue ink over red stays dark); no
    # ring is read, the seal's own ring being one (probe trust11 Q01, Q02: every form so)
    sealed = any(_meets_disc(r, a) for a in avoid_round for r in near)
    hsv = _hsv(image)
    pen = _pen(hsv)
    ink = (cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) < DARK) | pen
    if sealed:
        ink &= ~_red(hsv)
    printed = _printed(image, pen)
    choices = [Choice(g, b, (_inside(ink, b, "left", printed), _inside(ink, b, "right", printed)),
                      not sealed and _ringed(pen, b)) for g, b in located]
    return _decide(choices), choices


def _printed(image: np.ndarray, pen: np.ndarray) -> np.ndarray:
    """Dark ink that is no pen's (the print: the boxes' outlines), as :func:`_masks` tells it."""
    import cv2

    near_pen = cv2.dilate(pen.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return (cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) < DARK) & ~near_pen


def _red(hsv: np.ndarray) -> np.ndarray:
    """A red seal's ink (``hsv``: the image in HSV), widened by two pixels (its blurred
    edge): red hue, saturated, not dark (black print or a pen's stroke over the red stays out)."""
    import cv2

    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= 12) | (hue >= 160)) & (sat >= 60) & (val >= 110)
    return cv2.dilate(red.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0


def _meets_disc(rect: tuple[int, int, int, int], box: tuple[int, int, int, int], margin: float = 0.05) -> bool:
    """Whether ``rect`` meets the disc inscribed in ``box`` (a round seal's ring), widened
    by ``margin`` of its radius.

    >>> _meets_disc((0, 0, 10, 10), (8, 8, 108, 108)), _meets_disc((0, 0, 30, 30), (8, 8, 108, 108))
    (False, True)
    """
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    r = max(box[2] - box[0], box[3] - box[1]) / 2 * (1 + margin)
    nx, ny = min(max(cx, rect[0]), rect[2]), min(max(cy, rect[1]), rect[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 <= r * r


def _decide(choices: Sequence[Choice]) -> str | None:
    """The one choice that stands out: the only box inked inside, where every other
    box is white inside (the boxes' end: the one where all but one are white), or the
    only circled word; None where none or more than one does, or the two disagree.

    >>> c = lambda g, l, r, ring=False: Choice(g, (0, 0, 1, 1), (l, r), ring)
    >>> _decide([c("优秀", .3, 0), c("合格", .3, .2), c("基本合格", .3, .01), c("不合格", .3, 0)])
    '合格'
    >>> _decide([c("优秀", .3, 0), c("合格", .3, .06), c("基本合格", .3, .01), c("不合格", .3, 0)]) is None
    True
    >>> _decide([c("优秀", 0, .3, True), c("合格", 0, .3), c("基本合格", 0, .3), c("不合格", 0, .3)])
    '优秀'
    >>> _decide([c("优秀", 0, .3, True), c("合格", .5, .3), c("基本合格", 0, .3), c("不合格", 0, .3)]) is None
    True
    """
    n = len(choices)
    ticked = None
    ends = [side for side in (0, 1) if sum(c.fill[side] < EMPTY for c in choices) >= n - 2]
    if len(ends) > 1:
        return None  # white at both ends: no telling boxes from words
    if ends:
        marked = [c for c in choices if c.fill[ends[0]] >= EMPTY]
        if len(marked) > 1 or (marked and marked[0].fill[ends[0]] < MARKED):
            return None  # two boxes inked, or some ink that is not clearly a mark
        ticked = marked[0].grade if marked else None
    ringed = [c.grade for c in choices if c.ring]
    if len(ringed) > 1 or (ringed and ticked is not None and ringed[0] != ticked):
        return None
    return ringed[0] if ringed else ticked
