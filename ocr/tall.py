"""Tall images (长图) split into pages.

Applicants send a dossier from a phone: a long screenshot of a PDF viewer scrolled over two to four pages (the pages
one under another, a grey gap between them), or an app's stitched scan (pages end to end). Read as one page, such a
picture is shrunk to the detector's longer side (1280 px), a 1080 x 4700 screenshot to 295 px wide, and its text is
lost; and the pages of several documents would be classified as one. A picture whose height is at least
:data:`MIN_RATIO` times its width is therefore read as pages of about an A4 page's proportions, each cut across the
longest run of blank rows near where a page would end (a page's margins and the viewer's gap are the longest blank
band there), never through a line of text where a blank row is near.

A phone's ordinary screenshot (1080 x 2400, 2.22) and every paper size (A4 1.41, legal 1.65) stay one page. The
limits of :mod:`ocr.sources` apply to the whole picture first (pixels, aspect 100, decoding size); the pieces are
views of the one decoded image, so splitting costs no memory, and at most :data:`MAX_PIECES` pages come of a file.
"""
from __future__ import annotations

import math

import numpy as np

#: the least height / width of a picture read as several pages: above a phone's tallest screenshot (21:9, 2.33)
MIN_RATIO = 2.5
#: an A4 page's height / width: the height of a piece is about this times the picture's width
PAGE_RATIO = math.sqrt(2)
#: the version of :func:`cut_rows`: a reading cached by file and page number is of this cut (raise it when the
#: cuts move)
CUTS_VERSION = 2
#: the most pages one tall picture is read as (a 1080-px-wide picture of 100:1, the aspect limit, would be 70)
MAX_PIECES = 30


def piece_count(width: int, height: int) -> int:
    """How many pages a picture of ``width`` x ``height`` is read as: 1 below :data:`MIN_RATIO`, else its height in
    A4 pages of its width, rounded (at least 2, at most :data:`MAX_PIECES`).

    >>> piece_count(1654, 2339), piece_count(1080, 2400), piece_count(2400, 1080)
    (1, 1, 1)
    >>> piece_count(1080, 4681), piece_count(1277, 5337), piece_count(1080, 2800), piece_count(1000, 99000)
    (3, 3, 2, 30)
    """
    if width <= 0 or height < MIN_RATIO * width:
        return 1
    return max(2, min(MAX_PIECES, round(height / (width * PAGE_RATIO))))


def blank_rows(gray: np.ndarray) -> np.ndarray:
    """Which rows of a grey picture carry no ink: no more than 0.3% of the row (at least 2 pixels) darker than the
    row's own median by 60 levels (a white margin, a viewer's grey gap, a JPEG's noise and a faint tint are blank;
    a line of text, a table's rule, a seal are not)."""
    g = gray.astype(np.int16)
    med = np.median(g, axis=1, keepdims=True)
    ink = (g < med - 60).sum(axis=1)
    return ink <= max(2, int(0.003 * gray.shape[1]))


#: a viewer's gap between two pages: a band of blank rows at least this much darker than the paper (grey levels),
#: 3 rows tall up to :data:`GAP_HEIGHT` of the picture's width, white margins right above and below it
GAP_LEVEL, GAP_HEIGHT = 10, 0.06


def viewer_gaps(gray: np.ndarray) -> list[tuple[int, int]]:
    """The runs of rows (start, end) that separate two pages in a viewer's long screenshot: blank, a grey band
    (:data:`GAP_LEVEL` darker than the picture's paper) no taller than :data:`GAP_HEIGHT` of its width, between a
    page's white bottom margin and the next page's top margin. The blank stretch inside one page is no gap (a
    journal cover's empty middle is longer than the margins round a gap: cut there, the cover's ISSN went with the
    paper after it), nor is the space between two lines of a darker-lit page (text above and below it).

    >>> page = np.full((100, 500), 252, np.uint8); page[40:50, 50:200] = 0
    >>> viewer_gaps(np.vstack([page, np.full((20, 500), 229, np.uint8), page]))
    [(100, 120)]
    """
    g = gray.astype(np.int16)
    med = np.median(g, axis=1)
    blank = blank_rows(gray)
    paper = float(np.percentile(med, 90))
    grey = blank & (med < paper - GAP_LEVEL)
    white = blank & (med >= paper - GAP_LEVEL / 2)
    h, most = len(med), max(3, int(GAP_HEIGHT * gray.shape[1]))
    out, y = [], 0
    while y < h:
        if not grey[y]:
            y += 1
            continue
        end = y
        while end < h and grey[end]:
            end += 1
        # white margins beyond the rows a JPEG blends into the grey (two each side)
        # (both: a card's or a table's tinted band has print on one side; a cover opening with a coloured band
        # after a gap is then cut at the longest blank run, as a stitched scan is)
        if 3 <= end - y <= most and y >= 8 and end + 8 <= h and white[y - 8:y - 2].all() and white[end + 2:end + 8].all():
            out.append((y, end))
        y = end
    return out


def cut_rows(gray: np.ndarray, pieces: int) -> list[int]:
    """The rows at which a tall grey picture is cut into ``pieces`` pages: for each boundary, the middle of the
    viewer's gap (:func:`viewer_gaps`) nearest where an even split would put it, within 30% of a page's height of
    there; else the middle of the longest run of blank rows there (the lowest-ink row if none is blank). Returns the
    ``pieces - 1`` cut rows, increasing.

    >>> page = np.full((1400, 1000), 255, np.uint8); page[100:1300:60, 100:400] = 0  # lines of "text"
    >>> tall = np.vstack([page, np.full((30, 1000), 200, np.uint8), page, np.full((30, 1000), 200, np.uint8), page])
    >>> cut_rows(tall, 3)  # in the grey gaps between the pages
    [1415, 2845]
    """
    h = gray.shape[0]
    if pieces <= 1:
        return []
    blank = blank_rows(gray)
    gaps = viewer_gaps(gray)
    g = gray.astype(np.int16)
    step = h / pieces
    cuts: list[int] = []
    for j in range(1, pieces):
        lo = max(int(j * step - 0.3 * step), (cuts[-1] if cuts else 0) + 1)
        hi = min(int(j * step + 0.3 * step), h - 1)
        near = [(a + b) // 2 for a, b in gaps if lo <= (a + b) // 2 <= hi]
        if near:
            cuts.append(min(near, key=lambda y: abs(y - j * step)))
            continue
        best, best_len, run = None, 0, 0
        for y in range(lo, hi + 1):
            run = run + 1 if blank[y] else 0
            if run > best_len:
                best, best_len = y - run // 2, run  # the run's middle so far
        if best is None:
            ink = (g[lo:hi + 1] < np.median(g[lo:hi + 1], axis=1, keepdims=True) - 60).sum(axis=1)
            best = lo + int(np.argmin(ink))
        cuts.append(best)
    return cuts


def split(image: np.ndarray, pieces: int | None = None) -> list[np.ndarray]:
    """A decoded picture (BGR or grey) as the pages it is read as: itself where :func:`piece_count` is 1, else its
    pieces cut at :func:`cut_rows` (views of ``image``, no copy). ``pieces``: how many, where the caller counted
    them on the file's declared size (a reduced decoding may round its ratio otherwise)."""
    h, w = image.shape[:2]
    pieces = piece_count(w, h) if pieces is None else pieces
    if pieces == 1:
        return [image]
    gray = image if image.ndim == 2 else image.mean(axis=2).astype(np.uint8)
    edges = [0, *cut_rows(gray, pieces), h]
    return [image[a:b] for a, b in zip(edges, edges[1:])]
