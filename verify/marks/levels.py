"""Levels of an 8-bit image: a percentile taken from the image's histogram.

``np.percentile`` partitions a copy of the pixels (a strided view copied first) for
each level asked: 0.3 ms for a 720 px page's channel sampled every fourth pixel, 3.9
ms for a 720 x 1018 channel whole. The mark finders ask for the paper's level (the
90th percentile) of each page, crop and field several times over: 0.07 of the sample's
48 pages' CPU-seconds besides the OCR went there (issue 12). Counted in a histogram of
256 levels instead, the same value costs a tenth, and it is the very value numpy gives
(its linear interpolation between the two nearest ranks, done the way numpy does it).

>>> import numpy as np
>>> v = np.array([[3, 200, 7], [90, 90, 255]], np.uint8)
>>> [float(percentile_u8(v, q)) == float(np.percentile(v, q)) for q in (0, 10, 35, 50, 90, 99, 100)]
[True, True, True, True, True, True, True]
>>> float(percentile_u8(v, 90)), float(percentile_u8(v[:, ::2], 50))
(227.5, 48.5)

The same levels are asked of 8-bit pixels turned into ``float32`` (the seal's ink measured
as a float, its strongest ink under the star): :func:`percentile_u8_f32` gives the float32
value ``np.percentile`` gives there, its interpolation done in float32 as numpy does it.

>>> f = v.astype(np.float32)
>>> [bool(percentile_u8_f32(v, q) == np.percentile(f, q)) for q in (0, 10, 35, 90, 99, 100)]
[True, True, True, True, True, True]
>>> where = v > 8
>>> bool(percentile_u8_f32(v, 99, where) == np.percentile(f[where], 99)), type(percentile_u8_f32(v, 99, where)).__name__
(True, 'float32')
"""
from __future__ import annotations

import math

import numpy as np

#: float32 histogram counts are exact below this many pixels; larger images go to numpy
_EXACT_COUNTS = 1 << 24


def _ranks(image: np.ndarray, where: np.ndarray | None = None):
    """(count, the k-th smallest value of ``image``'s pixels where ``where``, 0-based) from a
    histogram of 256 levels; None where numpy should count them (too many, or no ``uint8``)."""
    import cv2

    n = image.size
    if n == 0 or n >= _EXACT_COUNTS or image.dtype != np.uint8:
        return None
    flat = np.ascontiguousarray(image).reshape(-1, 1)
    mask = None if where is None else np.ascontiguousarray(where, dtype=np.uint8).reshape(-1, 1)
    counts = np.cumsum(cv2.calcHist([flat], [0], mask, [256], [0, 256]).ravel())
    return int(counts[-1]), lambda k: int(np.searchsorted(counts, k, side="right"))


def percentile_u8_f32(image: np.ndarray, q: float, where: np.ndarray | None = None) -> np.float32:
    """``np.percentile(image.astype(np.float32)[where], q)`` (``where``: a boolean mask of
    ``image``'s shape, None: every pixel) of a ``uint8`` array with a pixel to count, from
    its histogram: the same float32 value. ``q`` a Python number, numpy interpolates in
    float32 (its weight cast once, and ``1 - weight`` from a half up, as its ``_lerp``)."""
    got = _ranks(image, where)
    if got is None or got[0] == 0:
        values = image.astype(np.float32)
        return np.percentile(values if where is None else values[where], q)
    n, ranked = got
    at = (n - 1) * (q / 100)
    lo = math.floor(at)
    gamma = at - lo
    a = np.float32(ranked(lo))
    b = np.float32(ranked(min(lo + 1, n - 1)))
    diff = b - a
    return b - diff * np.float32(1 - gamma) if gamma >= 0.5 else a + diff * np.float32(gamma)


def percentile_u8(image: np.ndarray, q: float) -> np.float64:
    """``np.percentile(image, q)`` of a ``uint8`` array (any shape, strided or not),
    from its histogram: the same float64 value (numpy's ``linear`` method, whose
    interpolation is repeated here term for term)."""
    import cv2

    n = image.size
    if n == 0 or n >= _EXACT_COUNTS or image.dtype != np.uint8:
        return np.percentile(image, q)
    flat = np.ascontiguousarray(image).reshape(-1, 1)
    counts = np.cumsum(cv2.calcHist([flat], [0], None, [256], [0, 256]).ravel())

    def ranked(k: int) -> int:  # the k-th smallest value (0-based)
        return int(np.searchsorted(counts, k, side="right"))

    at = (n - 1) * (q / 100)
    if at >= n - 1:
        return np.float64(ranked(n - 1))
    lo = math.floor(at)
    gamma = at - lo
    a, b = ranked(lo), ranked(lo + 1)
    # numpy's _lerp: a + (b - a) * t below a half, b - (b - a) * (1 - t) from a half up
    return np.float64(a + (b - a) * gamma if gamma < 0.5 else b - (b - a) * (1 - gamma))
