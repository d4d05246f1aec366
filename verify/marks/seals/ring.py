"""Ring evidence: sampled along rays from a candidate's centre, a seal has a thin
ring of ink at one radius on nearly every ray, little ink just outside it and some
ink (text, star) inside."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from verify.marks.pieces import components_with_stats


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


def ring_evidence(mask: np.ndarray, ell: _Ellipse, interior: bool = True) -> _Evidence:
    """Ring, outside and inside ink of ``ell`` in ``mask`` (refining its size). Without
    ``interior`` the ink inside is not measured (``inside`` and ``center`` are NaN, and
    so is ``score``): where only the ring and what lies just outside it are compared."""
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
    # (each window's rays counted at once: window j - 1 is samples j - 1 .. j + 1)
    j0, j1 = k + 4, min(len(_RHO) - 1, k + 12)
    outside = 0.0
    if j1 > j0:
        windows = hits[:, j0 - 1:j1 - 1] | hits[:, j0:j1] | hits[:, j0 + 1:j1 + 1]
        outside = float(np.mean((windows & ray_valid[:, None]).sum(axis=0) / nvalid))
    refined = _Ellipse(ell.cx, ell.cy, ell.a * rho_k, ell.b * rho_k, ell.angle)
    inside, center = _interior_density(mask, refined) if interior else (math.nan, math.nan)
    ev = _Evidence(coverage, outside, inside, center, refined)
    if nvalid < 0.6 * _K:  # most of the ring is off the page: be modest
        ev.coverage *= nvalid / _K / 0.6
    return ev


def off_page(ell: _Ellipse, w: int, h: int) -> float:
    """The share of ``ell``'s rim outside a ``w`` x ``h`` image: a seal cut by the page
    edge (a 骑缝章 stamped across two sheets' edges leaves each a part).

    >>> off_page(_Ellipse(100, 100, 50, 50), 400, 400), round(off_page(_Ellipse(400, 100, 50, 50), 400, 400), 1)
    (0.0, 0.5)
    """
    xs, ys = ell.points(_THETAS, np.array([1.0]))
    return float(((xs < 0) | (xs >= w) | (ys < 0) | (ys >= h)).mean())


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


# ---------------------------------------------------------------- what seals have

#: the radius (pixels) a candidate is scaled to before its traits are measured, so
#: a seal's strokes look the same at any DPI and size
TRAIT_RADIUS = 80


@dataclass(frozen=True)
class RingTraits:
    """What a seal has that a pen ring or a printed round logo lacks, measured on the
    candidate's own ink scaled to :data:`TRAIT_RADIUS`.

    ``runs``: ink runs met going round the text band (0.45-0.9 of the ring's radius),
    mean of its three busiest circles: characters along the ring cross it many times, a
    pen stroke or a logo's swoosh a few times. ``glyphs``: separate groups of ink along
    the band no wider than a character (bold or worn characters are one run each). ``arc``: share of the turn with ink in
    that band. ``band``: its ink density. ``star``: the strength of five-fold symmetry
    in the middle (a five-pointed star is 0.5-0.65, letters or an emblem < 0.35).
    """

    runs: float
    arc: float
    band: float
    star: float
    glyphs: int = 0
    outline: float = 0.0  # :func:`star_outline`: the star by its own outline

    @property
    def ring_text(self) -> bool:
        """Text along the ring: many short runs, or several separate glyph-wide groups
        of ink, over a long arc."""
        return (self.runs >= RING_TEXT_RUNS or self.glyphs >= RING_GLYPHS) and self.arc >= 0.3 and self.band >= 0.05

    @property
    def emblem(self) -> bool:
        """A five-pointed star in the middle: the middle is five-fold symmetric round
        the ring's centre, or a piece near it has a star's outline round its own."""
        return self.star >= STAR_SYMMETRY or self.outline >= STAR_OUTLINE

    def describe(self) -> str:
        return (f"runs {self.runs:.1f} glyphs {self.glyphs} arc {self.arc:.2f} band {self.band:.3f} "
                f"star {self.star:.2f} outline {self.outline:.2f}")


RING_TEXT_RUNS = 9.0
RING_GLYPHS = 5
STAR_SYMMETRY = 0.42


def ring_traits(mask: np.ndarray, ell: _Ellipse) -> RingTraits:
    """:class:`RingTraits` of the ring ``ell`` in ``mask`` (its ink, 0/255).

    >>> import cv2
    >>> m = np.zeros((200, 200), np.uint8)
    >>> _ = cv2.circle(m, (100, 100), 80, 255, 5)
    >>> t = ring_traits(m, _Ellipse(100, 100, 80, 80))
    >>> t.ring_text, t.emblem
    (False, False)
    >>> for k in range(12):  # twelve "characters" along the upper arc
    ...     a = np.radians(200 + k * 12)
    ...     _ = cv2.rectangle(m, (int(100 + 55 * np.cos(a)), int(100 + 55 * np.sin(a))),
    ...                       (int(100 + 68 * np.cos(a)) + 2, int(100 + 68 * np.sin(a)) + 2), 255, 2)
    >>> ring_traits(m, _Ellipse(100, 100, 80, 80)).ring_text
    True
    >>> logo = np.zeros((200, 200), np.uint8)
    >>> _ = cv2.circle(logo, (100, 100), 80, 255, 5)
    >>> _ = cv2.circle(logo, (101, 100), 42, 255, 4)  # a logo's own circle, a pixel off the ring's centre
    >>> ring_traits(logo, _Ellipse(100, 100, 80, 80)).ring_text
    False
    """
    h, w = mask.shape
    k = 240
    thetas = np.linspace(0, 2 * math.pi, k, endpoint=False)
    xs, ys = ell.points(thetas, np.linspace(0.45, 0.9, 10))
    valid = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    xi = np.clip(np.round(xs).astype(np.int32), 0, w - 1)
    yi = np.clip(np.round(ys).astype(np.int32), 0, h - 1)
    band = (mask[yi, xi] > 0) & valid  # (angles, radii)
    arc = float(band.any(axis=1).mean())
    density = float(band.mean())
    # a circle inside the band (a second rim, a logo's inner ring) is not text; one off the
    # ring's centre by its own width runs across three neighbouring circles, none meeting it
    # all the turn, the three together all of it (a globe's outline at 0.56 of the radius
    # gave ten short runs a circle: a printed logo taken for a certain seal). Characters
    # leave gaps: on the real seals three neighbouring circles meet at most 0.82 of the turn
    line = band.mean(axis=0) >= 0.7
    three = (band[:, :-2] | band[:, 1:-1] | band[:, 2:]).mean(axis=0) >= 0.95
    line = line | np.r_[three, False, False] | np.r_[False, three, False] | np.r_[False, False, three]
    line = line | np.r_[line[1:], False] | np.r_[False, line[:-1]]
    band = band[:, ~line]
    # characters cross each circle in short runs; a circle, a wave or a swoosh in long ones
    short = k * 25 // 360
    per_circle = sorted(_runs(band[:, j], 1, short) for j in range(band.shape[1]))
    runs = float(np.mean(per_circle[-3:])) if per_circle else 0.0
    # a glyph reaches across the band (several circles) and is wider than a line crossing it
    # and fills its box (strokes), where a line crossing it obliquely leaves it mostly empty
    tall = band.sum(axis=1) >= max(3, int(0.3 * band.shape[1]))
    glyphs = _runs(tall, k * 6 // 360, k * 40 // 360, bridge=2)
    # five-fold symmetry of the middle: the 5th angular harmonic on circles round the centre
    thetas = np.linspace(0, 2 * math.pi, 180, endpoint=False)
    xs, ys = ell.points(thetas, np.linspace(0.04, 0.4, 13))
    xi = np.clip(np.round(xs).astype(np.int32), 0, w - 1)
    yi = np.clip(np.round(ys).astype(np.int32), 0, h - 1)
    mid = (mask[yi, xi] > 0).astype(np.float32)
    star = float((np.abs(np.fft.rfft(mid, axis=0))[5] / (0.5 * len(thetas))).max())
    return RingTraits(runs, arc, density, star, glyphs, star_outline(mask, ell))


def _runs(seq: np.ndarray, min_len: int, max_len: int, bridge: int = 0) -> int:
    """Runs of True in the circular sequence ``seq`` (gaps up to ``bridge`` closed)
    whose length is within ``[min_len, max_len]``.

    >>> _runs(np.array([0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1], bool), 1, 4)
    2
    >>> _runs(np.array([1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0], bool), 3, 9, bridge=1)
    1
    """
    seq = np.asarray(seq, bool)
    if not seq.any() or seq.all():
        return 0
    if bridge:  # close short gaps (circularly)
        n = len(seq)
        idx = np.flatnonzero(seq)
        gaps = np.diff(np.r_[idx, idx[0] + n]) - 1
        seq = seq.copy()
        for i, g in zip(idx, gaps):
            if 0 < g <= bridge:
                seq[(i + 1 + np.arange(g)) % n] = True
        if seq.all():
            return 0
    start = int(np.flatnonzero(~seq)[0])
    s = np.roll(seq, -start).astype(np.int8)
    d = np.diff(np.r_[0, s, 0])
    lengths = np.flatnonzero(d == -1) - np.flatnonzero(d == 1)
    return int(np.count_nonzero((lengths >= min_len) & (lengths <= max_len)))


#: a five-pointed star's outline goes in and out five times round its own centre: the
#: 5th harmonic of its radius (max over each direction) over the mean radius
STAR_OUTLINE = 0.3


def star_outline(mask: np.ndarray, ell: _Ellipse) -> float:
    """How much the ink piece at the middle of the ring ``ell`` is a five-pointed star
    by its own outline: for each compact piece near the centre (its middle within
    0.35 of the radius, 0.12-0.6 of the radius across), the radius of its outline
    round its own centroid, direction by direction; the 5th harmonic of that profile
    over its mean, where the 5th is the strongest harmonic from the 2nd to the 8th and
    the outline goes all round (else 0). The best piece's value. A star stamped off
    the ring's centre, or one within bottom text the symmetry of the middle
    (:func:`ring_traits`) blurs, keeps its outline; a letter, a leaf or a globe has no
    five-fold outline.

    >>> import cv2
    >>> m = np.zeros((200, 200), np.uint8)
    >>> _ = cv2.circle(m, (100, 100), 80, 255, 4)
    >>> pts = [(108 + (24 if k % 2 == 0 else 9) * np.sin(k * np.pi / 5), 112 - (24 if k % 2 == 0 else 9) * np.cos(k * np.pi / 5)) for k in range(10)]
    >>> _ = cv2.fillPoly(m, [np.array(pts, np.int32)], 255)
    >>> star_outline(m, _Ellipse(100, 100, 80, 80)) > 0.3
    True
    >>> m2 = np.zeros((200, 200), np.uint8)
    >>> _ = cv2.circle(m2, (100, 100), 80, 255, 4)
    >>> _ = cv2.putText(m2, "A", (85, 118), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 255, 4)
    >>> star_outline(m2, _Ellipse(100, 100, 80, 80))
    0.0
    """
    import cv2

    r = (ell.a + ell.b) / 2
    ink = (mask > 0).astype(np.uint8)
    # text stamped or printed across the star (thin strokes) is opened away from its solid body
    k = max(3, int(round(0.06 * r)) | 1)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    return max(_star_piece(ink, ell, r), _star_piece(opened, ell, r))


def _star_piece(ink: np.ndarray, ell: _Ellipse, r: float) -> float:
    import cv2

    n, labels, stats, cents = components_with_stats(ink)
    best = 0.0
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        side = max(w, h)
        if not (0.12 * r <= side <= 0.6 * r) or min(w, h) < 0.6 * side:
            continue
        cx, cy = cents[i]
        if math.hypot(cx - ell.cx, cy - ell.cy) > 0.35 * r:
            continue
        best = max(best, _five_fold(labels, i, stats[i], cents[i]))
    return best


def _five_fold(labels: np.ndarray, i: int, stat, cent) -> float:
    """The 5th harmonic of piece ``i``'s outline radius round its centroid over its mean
    radius, when the 5th is the strongest from the 2nd to the 8th and the outline goes
    all round; else 0."""
    return _five_fold_round(*_piece_pixels(labels, i, stat), *cent)


def _piece_pixels(labels: np.ndarray, i: int, stat) -> tuple[np.ndarray, np.ndarray]:
    """The page coordinates ``(xs, ys)`` of piece ``i``'s pixels."""
    x, y, w, h, _ = stat
    ys, xs = np.nonzero(labels[y:y + h, x:x + w] == i)
    return xs + x, ys + y


def _worn_five_fold(xs: np.ndarray, ys: np.ndarray, cent, side: float) -> tuple[float, float, float]:
    """:func:`_five_fold` of the piece at ``(xs, ys)`` round the best of a grid of
    centres within a quarter of its width ``side`` of its centroid ``cent``: a star worn
    at one point has its centroid pulled off its centre, and its outline is five-fold
    only round the centre. ``(value, cx, cy)``."""
    offsets = np.linspace(-0.25, 0.25, 7)
    cxs = np.repeat(cent[0] + offsets * side, 7)  # x outer, y inner: the first best wins, as in a loop
    cys = np.tile(cent[1] + offsets * side, 7)
    values = _five_fold_rounds(xs, ys, cxs, cys)
    i = int(np.argmax(values))
    if values[i] <= 0.0:
        return 0.0, float(cent[0]), float(cent[1])
    return float(values[i]), float(cxs[i]), float(cys[i])


def _five_fold_round(xs: np.ndarray, ys: np.ndarray, cx: float, cy: float) -> float:
    return float(_five_fold_rounds(xs, ys, np.array([cx], float), np.array([cy], float))[0])


def _five_fold_rounds(xs: np.ndarray, ys: np.ndarray, cxs: np.ndarray, cys: np.ndarray) -> np.ndarray:
    """The 5th harmonic of the outline radius of the pixels ``(xs, ys)`` round each centre
    ``(cxs[j], cys[j])`` over its mean radius (0 where the outline does not go all round
    or another harmonic from the 2nd to the 8th is stronger): every centre at once, a
    worn star's 49 in one pass."""
    bins = 72
    dx, dy = xs[None, :] - cxs[:, None], ys[None, :] - cys[:, None]
    k = ((np.arctan2(dy, dx) + math.pi) / (2 * math.pi) * bins).astype(np.int32) % bins
    prof = np.zeros((len(cxs), bins), np.float32)
    np.maximum.at(prof, (np.arange(len(cxs))[:, None], k), np.hypot(dx, dy).astype(np.float32))
    mean = prof.mean(axis=1)
    spec = np.abs(np.fft.rfft(prof, axis=1))
    ok = ((prof > 0).mean(axis=1) >= 0.9) & (mean > 0) & (spec[:, 5] >= np.maximum(spec[:, 2:5].max(axis=1),
                                                                                   spec[:, 6:9].max(axis=1)))
    return np.where(ok, 2 * spec[:, 5] / bins / np.where(mean > 0, mean, 1.0), 0.0)


def stars(ink: np.ndarray, min_side: float, max_side: float) -> list[tuple[float, float, float, float]]:
    """Solid pieces of ``ink`` (0/255) from ``min_side`` to ``max_side`` pixels across
    whose outline is a five-pointed star's (:func:`star_outline`), round their centroid
    or, a point worn off, round a centre near it (:func:`_worn_five_fold`):
    ``(cx, cy, side, strength)``."""
    import cv2

    n, labels, stats, cents = components_with_stats((ink > 0).astype(np.uint8))
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    side = np.maximum(w, h)
    solid = (side >= min_side) & (side <= max_side) & (np.minimum(w, h) >= 0.6 * side) & (area >= 0.25 * w * h)
    out = []
    for i in np.flatnonzero(solid[1:]) + 1:
        xs, ys = _piece_pixels(labels, i, stats[i])
        v = _five_fold_round(xs, ys, *cents[i])
        if v >= STAR_OUTLINE:
            out.append((float(cents[i][0]), float(cents[i][1]), float(side[i]), v))
            continue
        v, cx, cy = _worn_five_fold(xs, ys, cents[i], float(side[i]))
        if v >= STAR_OUTLINE:
            out.append((cx, cy, float(side[i]), v))
    return out


#: a seal's ring lies this many times its star's width from the star's centre (a 42 mm
#: seal with a 14 mm star: 1.5; small stars and large ovals reach 3)
STAR_TO_RING = (1.1, 3.2)


def ring_round_star(ink: np.ndarray, cx: float, cy: float, side: float) -> tuple[float, float]:
    """The ring round a star at ``(cx, cy)`` of width ``side``: ``(radius, share of
    directions with ink at it)``. The radius is the outermost whose share is at least
    0.6 of the best (ring text inside a worn rim goes round as often as the rim)."""
    H, W = ink.shape
    radii = np.arange(STAR_TO_RING[0] * side, STAR_TO_RING[1] * side, max(1.0, 0.02 * side))
    if not len(radii):
        return 0.0, 0.0
    th = np.linspace(0, 2 * math.pi, 144, endpoint=False)
    rr = (radii[:, None] * np.linspace(0.96, 1.04, 5)[None, :]).ravel()  # 5 circles round each radius
    xs = (cx + np.outer(np.cos(th), rr)).round().astype(np.int32).clip(0, W - 1)
    ys = (cy + np.outer(np.sin(th), rr)).round().astype(np.int32).clip(0, H - 1)
    hit = (ink[ys, xs] > 0).reshape(len(th), len(radii), 5).any(axis=2).mean(axis=0)
    rows = list(zip(radii.tolist(), hit.tolist()))
    best = max(h for _, h in rows)
    return max((r, h) for r, h in rows if h >= 0.6 * best)
