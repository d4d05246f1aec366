"""Seal reading's work around the recogniser made cheaper with the very results it had
(issue 12: the whole check at most 1.05x the OCR alone; no finding may change)."""
from __future__ import annotations

import numpy as np


def _frame_cover_as_it_was(cover, frames):
    from verify.marks.seals.reading import _MIN_RATIO

    h, w = cover.shape[:2]
    covered = (cover < 128).mean(axis=0)
    width = max(float(w), h * _MIN_RATIO)
    edges = np.minimum(w, np.round(np.arange(frames + 1) * width / max(1, frames)).astype(int))
    out = np.zeros(frames)
    for f in range(frames):
        a, b = edges[f], max(edges[f + 1], edges[f] + 1)
        if a < w:
            out[f] = float(covered[a:min(b, w)].mean())
    return out


def test_frame_cover_is_the_mean_of_each_frame_as_before():
    from verify.marks.seals.reading import _frame_cover

    rng = np.random.default_rng(12)
    for _ in range(300):
        w = int(rng.integers(1, 1500))
        cover = np.where(rng.random((48, w)) < rng.random(), 0, 255).astype(np.uint8)
        frames = int(rng.integers(1, 200))  # more frames than columns too
        assert np.array_equal(_frame_cover(cover, frames), _frame_cover_as_it_was(cover, frames))
