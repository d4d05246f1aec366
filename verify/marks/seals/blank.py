"""Ink off the print on a gray copy where no seal was found: is there anything a seal could be?

On a copy without colour a worn or faint seal is gray ink among gray print, and the
seal search (strict on purpose: a pen ring or a logo is no seal) can miss it, so no
seal found there is no proof of absence. What a person does is look at the page for
any mark besides the printed text: a seal, however worn or faint, leaves its ring, its
star and its name as ink where no text line runs (a 40 mm ring reaches well past the
lines it is stamped over). :func:`off_print_ink` measures that ink at the faint seal
search's threshold (:data:`~verify.marks.seals.candidates.FAINT_MARGIN` levels below the
paper), outside every line the page's OCR found and off straight rules (a table's
frame), in the densest seal-sized window of the page. A page where it is next to
nothing shows the absence of a seal as plainly as a colour page does
(``seal.present`` may then fail it); anything more (a pen stroke, a signature,
scanner dirt, text the OCR did not find, a seal) leaves the gray copy a ``review``.
"""
from __future__ import annotations

import numpy as np

from .candidates import FAINT_MARGIN, _flatten_light
from .ink import _cv2, dark_mask, remove_lines

#: the window's side, in shares of the page's shorter side: a 38 mm seal on A4 is 0.18
WINDOW = 0.18
#: each OCR line's box is widened by this share of its height (strokes reach past the box)
LINE_AIR = 0.2
#: straight runs this long (shares of the shorter side) are rules and frames (a form's cells too), not a seal:
#: a 38 mm ring's straightest stretch is about a third of that
RULE_LENGTH = 0.1


def off_print_ink(image: np.ndarray, lines) -> float:
    """The largest share of a seal-sized window (:data:`WINDOW`) covered by faint ink
    that is neither an OCR line of ``lines`` (objects with ``bbox``, page pixels) nor a
    straight rule, on ``image`` (BGR or gray).

    Measured on the base benchmark's 150 gray pages that carry a seal: 0.047 to 0.36
    (the least a light, crisp 总工会 seal whose ring text the OCR read as lines, 0.075 a
    faint worn seal the search missed); a gray copy of a proof with no seal and a red
    pen's ring round its title 0.007; the gray forms without a seal (their cells' rules left out)
    0.0005 to 0.047 (a photographed form).

    >>> import cv2
    >>> from types import SimpleNamespace as NS
    >>> page = np.full((1400, 1000), 245, np.uint8)
    >>> cv2.putText(page, "PRINTED TEXT LINE", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 40, 3) is not None
    True
    >>> lines = [NS(bbox=(95, 265, 480, 310))]
    >>> round(off_print_ink(page, lines), 3)
    0.0
    >>> _ = cv2.circle(page, (600, 1000), 90, 215, 5)  # a faint ring, copied gray
    >>> off_print_ink(page, lines) > 0.03
    True
    """
    cv2 = _cv2()
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    gray = _flatten_light(gray)
    short = min(gray.shape[:2])
    ink = dark_mask(gray, FAINT_MARGIN)
    del gray  # a page's plane fewer while the rules are taken out
    ink = remove_lines(ink, int(RULE_LENGTH * short))
    for line in lines:
        x0, y0, x1, y1 = (float(v) for v in line.bbox)
        air = LINE_AIR * max(1.0, y1 - y0)
        cv2.rectangle(ink, (int(x0 - air), int(y0 - air)), (int(x1 + air), int(y1 + air)), 0, -1)
    side = max(3, int(WINDOW * short))
    return _densest_window(ink, side) / float(side * side)


#: rows of a page whose windows :func:`_densest_window` counts at a time
STRIP_ROWS = 512


def _densest_window(ink: np.ndarray, side: int, rows: int = STRIP_ROWS) -> float:
    """The most nonzero pixels of ``ink`` in any ``side`` x ``side`` window, one centred on
    each pixel as ``cv2.boxFilter`` places it (outside the page: none), counted ``rows``
    rows at a time, each strip's windows from the rows they reach: the whole page's counts
    at once, in float32 from a float32 copy, were 8 bytes a pixel (a 10000 x 11000 scan
    read at half its size: 220 MB of a worker's peak). The same count (whole numbers,
    summed exactly).

    >>> rng = np.random.default_rng(1)
    >>> ink = (rng.random((700, 300)) > 0.97).astype(np.uint8) * 255
    >>> whole = _cv2().boxFilter((ink > 0).astype(np.float32), -1, (41, 41), normalize=False,
    ...                          borderType=_cv2().BORDER_CONSTANT).max()
    >>> [_densest_window(ink, 41, rows) == float(whole) for rows in (7, 64, 700, 5000)]
    [True, True, True, True]
    """
    cv2 = _cv2()
    height = ink.shape[0]
    above = side // 2  # output row y counts rows y - above .. y - above + side - 1
    best = 0.0
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        lo, hi = max(0, top - above), min(height, bottom - above + side)
        counts = cv2.boxFilter((ink[lo:hi] > 0).view(np.uint8), cv2.CV_32F, (side, side), normalize=False,
                               borderType=cv2.BORDER_CONSTANT)
        best = max(best, float(counts[top - lo:bottom - lo].max()))
    return best
