"""The signature search's cost (issue 12): the same decisions for less work."""
from __future__ import annotations

import numpy as np
import pytest

from verify.marks import signatures as S


def _pale_blue_stroke():
    """A light blue stroke's edge on tinted paper (blue by 15 on the mean: the second,
    paper-relative test decides it) and the same stroke in gray."""
    paper = np.full((30, 120, 3), (236, 240, 244), np.uint8)
    pen, ink = paper.copy(), np.zeros((30, 120), np.uint8)
    ink[10:14, 10:110] = 255
    pen[10:14, 10:110] = (205, 190, 188)
    return pen, np.where(ink[..., None] > 0, 150, paper).astype(np.uint8), ink


def test_the_papers_colour_under_a_pale_pen_stroke_is_not_sorted_out_of_its_pixels(monkeypatch):
    """_pen_coloured weighs a pale stroke against the paper's median colour: taken from
    each channel's histogram (0.3 ms a printed line of a signed page, 0.04 CPU-s of the
    sample), not by np.median partitioning the paper's pixels."""
    pen, gray, ink = _pale_blue_stroke()

    def no_median(*a, **k):
        raise AssertionError("np.median over the paper's pixels")

    monkeypatch.setattr(np, "median", no_median)
    assert (S._pen_coloured(pen, ink), S._pen_coloured(gray, ink)) == (True, False)


@pytest.mark.parametrize("seed", range(6))
def test_the_median_from_the_histogram_is_np_medians_to_the_bit(seed):
    import cv2

    rng = np.random.default_rng(seed)
    crop = rng.integers(0, 256, (23 + seed, 41, 3), dtype=np.uint8)
    crop[:, : 10 + seed] = rng.integers(200, 256, 3, dtype=np.uint8)  # a flat paper patch: ties
    keep = (rng.random(crop.shape[:2]) < 0.6).astype(np.uint8)
    n = int(keep.sum())
    expected = np.median(crop[keep > 0].astype(np.float32), axis=0)
    got = [S._median_of(cv2.calcHist([crop], [c], keep, [256], [0, 256]).ravel(), n) for c in range(3)]
    assert all(type(a) is type(b) and a == b for a, b in zip(expected, got))
