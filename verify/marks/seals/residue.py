"""Coloured ink where a seal could be, on a page where no seal was found.

The seal search is strict on purpose (a pen ring or a logo is not a seal), so a worn
seal over dense text can go unrecognised. No seal found is then no proof of absence:
a compact cluster of red ink the size of a seal makes ``seal.present`` a ``review``,
never a ``fail``. A page whose seal was never stamped carries no such ink.
"""
from __future__ import annotations

import numpy as np

from verify.marks.pieces import components, components_with_stats

from .candidates import DEFAULT_SETTINGS, SealSettings
from .ink import _cv2, remove_lines

# Measured on the wide benchmark's pages (gen-s7, gen-s11): the seals the search missed
# on clean dossiers' pages are clusters of side 0.17-0.22, as high as 0.56-0.92 of
# their width, 0.21-0.25 ink; the look-alikes planted on pages without a seal (a solid
# red logo 0.10 across with 0.51 ink, pen strokes 0.03-0.16 as high as wide) are not.
#: a cluster must be this large (its longer side, in shares of the page's shorter side)
MIN_SIDE = 0.12
#: …and no larger than this (a seal is at most about 70 mm on an A4 page's 210 mm)
MAX_SIDE = 0.35
#: …and at least this high for its width (a seal's ring, merged with text it covers)
MIN_ASPECT = 0.5
#: the share of the cluster's box that is ink: a ring and its characters, not a solid
#: printed logo. A very faint, worn seal on a phone photo keeps as little as 0.07 of
#: its box in red (it failed a dossier at 0.12); a thin pen loop as large as a seal
#: may come near that, which makes its page a review, never a pass
MIN_FILL, MAX_FILL = 0.06, 0.45


def ink_box(red: np.ndarray, scale: float, page_shape: tuple[int, int],
            settings: SealSettings = DEFAULT_SETTINGS) -> tuple[int, int, int, int] | None:
    """The box (page pixels) of the largest compact, seal-sized cluster of red ink in
    a page's red-ink mask at ``scale`` (the seal search's own mask:
    :func:`verify.marks.seals.candidates.search_seals` passes it), or ``None``.
    Straight runs (frames, rules, underlines) are not counted; nor are clusters much
    longer than they are high (a red title, a red line of text).

    >>> cv2 = _cv2()
    >>> red = np.zeros((1000, 700), np.uint8)
    >>> ink_box(red, 1.0, red.shape) is None
    True
    >>> _ = cv2.circle(red, (500, 700), 70, 255, 5)
    >>> _ = cv2.putText(red, "SEAL", (445, 715), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 3)
    >>> x0, y0, x1, y1 = ink_box(red, 1.0, red.shape)
    >>> x0 < 440 < 560 < x1 and y0 < 640 < 760 < y1
    True
    >>> worn = np.zeros((1000, 700), np.uint8)  # a faint, worn seal: 7% of its box in red
    >>> for k in range(0, 360, 30):
    ...     _ = cv2.ellipse(worn, (400, 600), (75, 75), 0, k, k + 24, 255, 2)
    >>> _ = cv2.putText(worn, "S E", (350, 610), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 255, 2)
    >>> x0, y0, x1, y1 = ink_box(worn, 1.0, worn.shape)
    >>> x0 < 340 < 460 < x1
    True
    >>> apart = np.zeros((1000, 700), np.uint8)  # a worn seal's rim in arcs 16 px apart: joined at the wider reach
    >>> for k in range(0, 360, 30):
    ...     _ = cv2.ellipse(apart, (400, 600), (90, 90), 0, k, k + 20, 255, 3)
    >>> _ = cv2.circle(apart, (400, 610), 12, 255, -1)
    >>> ink_box(apart, 1.0, apart.shape) is not None, _cluster(cv2, apart, 700.0, MERGE[0]) is None
    (True, True)
    >>> dry = np.zeros((1000, 700), np.uint8)  # a dry seal: specks of ink round a ring
    >>> rng = np.random.default_rng(0)
    >>> for a, r in zip(rng.uniform(0, 2 * np.pi, 260), rng.uniform(60, 90, 260)):
    ...     _ = cv2.circle(dry, (int(400 + r * np.cos(a)), int(600 + r * np.sin(a))), 2, 255, -1)
    >>> ink_box(dry, 1.0, dry.shape) is not None
    True
    >>> logo = np.zeros((1000, 700), np.uint8)  # a printed logo under a seal's size, two dashes of print by it
    >>> _ = cv2.circle(logo, (150, 110), 38, 255, 2)
    >>> _ = cv2.line(logo, (112, 110), (188, 110), 255, 2); _ = cv2.line(logo, (150, 72), (150, 148), 255, 2)
    >>> _ = cv2.line(logo, (150, 55), (160, 55), 255, 2); _ = cv2.line(logo, (205, 110), (205, 118), 255, 2)
    >>> ink_box(logo, 1.0, logo.shape) is None
    True
    >>> title = np.zeros((1000, 700), np.uint8)
    >>> _ = cv2.putText(title, "CERTIFICATE", (80, 120), cv2.FONT_HERSHEY_SIMPLEX, 2.2, 255, 6)
    >>> ink_box(title, 1.0, title.shape) is None
    True
    """
    cv2 = _cv2()
    short = float(min(red.shape[:2]))
    # too little red on the whole page for any cluster to pass (most pages without a seal
    # have none at all): closing the mask twice cost ~20 ms a page for nothing, and taking
    # its lines out ~2 ms more where it holds no red
    if not cv2.countNonZero(red):
        return None
    red = remove_lines(red, int(settings.line_length * short))
    if cv2.countNonZero(red) < LEAST_INK * short * short:
        return None
    first = _closed(cv2, red, short, MERGE[0])
    best = _cluster(cv2, red, short, MERGE[0], first)
    if best is None:  # a worn seal's pieces lie further apart: joined at the wider reach only if need be
        best = _cluster(cv2, red, short, MERGE[1], first)
    if best is None:
        return None
    _, x, y, w, h = best
    H, W = page_shape[:2]
    return (max(0, int(x / scale)), max(0, int(y / scale)), min(W, int((x + w) / scale)), min(H, int((y + h) / scale)))


#: the least red ink (shares of the page's shorter side squared) any cluster that
#: passes holds: MIN_FILL of a box at least MIN_SIDE long and MIN_ASPECT as high
LEAST_INK = MIN_FILL * MIN_ASPECT * MIN_SIDE ** 2


#: how far apart (shares of the page's shorter side) pieces of red ink are joined into one
#: cluster: a seal's ring and characters, then the pieces of a worn one (rim broken into
#: arcs, a third of its face without ink: an award certificate's issuer seal fell apart
#: into pieces of 0.06-0.16 at the first reach, and its page failed seal.present)
MERGE = (0.02, 0.04)
#: at the wider reach no one piece (as joined at the first) may hold more than this share of
#: a cluster's ink: a printed red logo a little under a seal's size, with the specks round
#: it (a scan's dust, a dash of print) taken in, is one piece and dust; a worn seal is
#: arcs and characters, a dry one specks
ONE_PIECE = 0.7


#: a cluster whose ink lies this many times longer along its main axis than across it
#: (the square roots of its second moments, any direction) is a line of large text, not
#: a seal: a light-red diagonal watermark 「复印无效」 repeated over a 考核表 with no seal
#: made it a review (trust exploration 8, P06: its words measure 4.5); the seals the
#: search missed on the base benchmark's pages measure 1.3-1.45, half a drawn seal 1.8-2.0,
#: a third of one cut off by the page edge 2.8
MAX_ELONGATION = 3.0


def _elongation(ink: np.ndarray) -> float:
    """How many times longer ``ink`` (a boolean mask) lies along its main axis than
    across it (the square roots of its second moments).

    >>> ring = np.zeros((200, 200), np.uint8)
    >>> _ = _cv2().circle(ring, (100, 100), 80, 255, 4)
    >>> line = np.zeros((200, 200), np.uint8)
    >>> _ = _cv2().line(line, (10, 150), (190, 50), 255, 30)
    >>> round(_elongation(ring > 0), 1), _elongation(line > 0) > 3
    (1.0, True)
    """
    ys, xs = np.nonzero(ink)
    if len(xs) < 3:
        return 1.0
    low, high = np.linalg.eigvalsh(np.cov(np.vstack([xs, ys]).astype(float)))
    return float(np.sqrt(high / max(low, 1e-9)))


def _closed(cv2, red: np.ndarray, short: float, reach: float) -> np.ndarray:
    """``red`` with its pieces joined ``reach`` (of the page's shorter side ``short``) apart."""
    k = max(3, int(short * reach) | 1)
    return cv2.morphologyEx(red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))


def _cluster(cv2, red: np.ndarray, short: float, reach: float, first: np.ndarray | None = None):
    """(ink, x, y, w, h) of the largest compact, seal-sized cluster of ``red`` with its
    pieces joined ``reach`` apart, or None. ``first``: ``red`` as joined at the first
    reach (:func:`_closed`), where already made."""
    if first is None:
        first = _closed(cv2, red, short, MERGE[0])
    merged = first if reach == MERGE[0] else _closed(cv2, red, short, reach)
    # at the wider reach, the pieces as joined at the first (:data:`ONE_PIECE`)
    pieces = None if reach == MERGE[0] else components(first)[1]
    n, labels, stats, _ = components_with_stats(merged)
    best = None
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        side = max(w, h)
        if not (MIN_SIDE * short <= side <= MAX_SIDE * short) or min(w, h) < MIN_ASPECT * side:
            continue
        ink = int(cv2.countNonZero(red[y:y + h, x:x + w]))
        if not MIN_FILL * w * h <= ink <= MAX_FILL * w * h:
            continue
        if _elongation(red[y:y + h, x:x + w] > 0) > MAX_ELONGATION:
            continue
        if pieces is not None:
            inside = pieces[y:y + h, x:x + w][(red[y:y + h, x:x + w] > 0) & (labels[y:y + h, x:x + w] == i)]
            if inside.size and np.bincount(inside).max() > ONE_PIECE * inside.size:
                continue
        if best is None or ink > best[0]:
            best = (ink, x, y, w, h)
    return best
