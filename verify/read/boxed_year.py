"""The year of an annual assessment form printed in boxes before its title.

Forms drawn by other hands print the year a form assesses as four one-digit boxes in front of the printed title
(「2」「0」「2」「1」年度专业技术人员考核登记表), typed or written into them by hand. The page detector reads the title
and finds no text in the boxes (each digit is alone, fenced by the boxes' lines), so the form's year is never read
and every year is reviewed as missing, a wrong year (2020 in the boxes) unseen.

Where an annual form's title starts with 年度 and no year precedes it, the strip left of the title is read again:
the boxes' lines (strokes running further than a digit's, up and down or across) taken off, the digits left read as
one line, as they are and binarised. A year is kept only where both readings are legible and agree on it
(:func:`year_before_title`); the title line then carries it (2021年度…考核登记表) and the form's dates are read again.
"""
from __future__ import annotations

import logging
import re

from ocr.model import OcrLine, OcrPage

log = logging.getLogger(__name__)

#: ``PageRead.fields`` key: "x0,y0,x1,y1" of the boxes the form's year was read from
YEAR_IN_BOXES = "year_in_boxes"
#: a reading this clean (mean character score) is legible
LEGIBLE = 0.85
#: how far left of the title the boxes may start, in title heights
REACH = 7.0
#: a title that begins with 年度 and names an assessment form (年度专业技术人员考核登记表, 年度考核表)
_TITLE = re.compile(r"(?:度)?年度[^0-9]{0,16}考[核评]")


def title_without_year(page: OcrPage) -> OcrLine | None:
    """The form's title line when it begins with 年度 and no year stands before it on its row (in the top third of
    the page).

    >>> box = lambda x0, x1, y=90: ((x0, y), (x1, y), (x1, y + 40), (x0, y + 40))
    >>> page = OcrPage(width=1240, height=1754, lines=[OcrLine("年度专业技术人员考核登记表", box(470, 930), 0.99)])
    >>> title_without_year(page).text
    '年度专业技术人员考核登记表'
    >>> page = OcrPage(width=1240, height=1754, lines=[OcrLine("2021", box(300, 420), 0.99),
    ...                                                 OcrLine("年度专业技术人员考核登记表", box(470, 930), 0.99)])
    >>> title_without_year(page) is None
    True
    >>> title_without_year(OcrPage(width=1240, height=1754, lines=[OcrLine("2021年度考核登记表", box(470, 930), 0.99)])) is None
    True
    """
    H = float(page.height or 1)
    for line in page.lines:
        text = re.sub(r"\s", "", line.text)
        x0, y0, x1, y1 = line.bbox
        if y0 > H / 3 or not text.startswith("年度") or not _TITLE.match(text):
            continue
        h = max(y1 - y0, 1)
        before = [o for o in page.lines if o is not line and abs((o.bbox[1] + o.bbox[3]) - (y0 + y1)) < h
                  and o.bbox[2] <= x0 + 0.5 * h and o.bbox[2] > x0 - REACH * h]
        if any(re.search(r"\d", o.text) for o in before):
            return None
        return line
    return None


def _without_rules(gray, h: float):
    """``gray`` with the boxes' lines made paper: ink runs up and down longer than 1.2 line heights (a box's sides,
    taller than the digit in it) or across longer than 1.5 (its top and bottom)."""
    import cv2
    import numpy as np

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    tall = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, int(1.2 * h)))))
    wide = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(1.5 * h)), 1)))
    rules = cv2.dilate(cv2.bitwise_or(tall, wide), np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[rules > 0] = 255
    return out


def year_before_title(image, page: OcrPage, engine) -> OcrLine | None:
    """The year printed in boxes (or written on a blank) left of the form's title, read again with the boxes' lines
    taken off: an ``OcrLine`` of the four digits in page coordinates, or None where no title lacks its year, nothing
    is left there, or the two readings are not both legible and the same year."""
    import cv2
    import numpy as np

    if image is None or engine is None or not hasattr(engine, "read_line"):
        return None
    title = title_without_year(page)
    if title is None:
        return None
    x0, y0, x1, y1 = title.bbox
    h = max(y1 - y0, 1)
    H, W = image.shape[:2]
    X0, X1 = max(0, int(x0 - REACH * h)), max(0, int(x0 - 0.05 * h))
    Y0, Y1 = max(0, int(y0 - 0.6 * h)), min(H, int(y1 + 0.6 * h))
    if X1 - X0 < h or Y1 - Y0 < 4:
        return None
    crop = image[Y0:Y1, X0:X1]
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    clean = _without_rules(gray, h)
    ys, xs = np.nonzero(clean < 128)
    if len(xs) < 10:
        return None
    pad = int(0.3 * h)
    bx0, bx1 = max(0, xs.min() - pad), min(clean.shape[1], xs.max() + pad + 1)
    by0, by1 = max(0, ys.min() - pad), min(clean.shape[0], ys.max() + pad + 1)
    strip = clean[by0:by1, bx0:bx1]
    _, binary = cv2.threshold(strip, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    years = []
    for img in (strip, binary):
        try:
            r = engine.read_line(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR))
        except Exception:  # nothing read again is no year
            log.debug("reading the boxed year failed", exc_info=True)
            return None
        text = re.sub(r"\s", "", r.text or "")
        if float(r.score) < LEGIBLE or not re.fullmatch(r"(?:19|20)\d\d", text):
            return None
        years.append((text, float(r.score)))
    if years[0][0] != years[1][0]:
        return None
    box = ((X0 + bx0, Y0 + by0), (X0 + bx1, Y0 + by0), (X0 + bx1, Y0 + by1), (X0 + bx0, Y0 + by1))
    return OcrLine(years[0][0], tuple((float(a), float(b)) for a, b in box), min(s for _, s in years))


def with_boxed_year(page: OcrPage, year: OcrLine) -> OcrPage:
    """``page`` with its title line carrying the year read from the boxes before it (2021年度…考核登记表), its box
    reaching over them."""
    from dataclasses import replace

    title = title_without_year(page)
    lines = []
    for line in page.lines:
        if line is title:
            (a0, b0, a1, b1), (c0, d0, c1, d1) = year.bbox, line.bbox
            box = ((min(a0, c0), min(b0, d0)), (max(a1, c1), min(b0, d0)), (max(a1, c1), max(b1, d1)), (min(a0, c0), max(b1, d1)))
            line = replace(line, text=year.text + line.text, box=tuple((float(x), float(y)) for x, y in box), lattice=None)
        lines.append(line)
    return replace(page, lines=lines)
