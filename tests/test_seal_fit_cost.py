"""What fitting a seal's ring in its crop costs (issue 12: the whole check at most 1.05x the
OCR alone): ten ring measurements per seal read, each of which measured the ink inside the
ring too, which the fit never looks at."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from fixtures.stamps import draw_seal


def _ink(seed: int) -> np.ndarray:
    from verify.marks.seals.reading import _seal_ink_image

    img = Image.new("RGB", (420, 420), "white")
    draw_seal(img, (210, 210), 190, "抚顺市生态环境事务服务中心", None, seed=seed)
    return _seal_ink_image(np.asarray(img)[:, :, ::-1].copy(), "red")


def test_fitting_the_ring_in_a_seals_crop_measures_no_ink_inside_it(monkeypatch):
    """:func:`_fit_in_crop` compares rings by their coverage and the ink just outside them;
    the density inside (a quarter of each measurement) was measured ten times a seal for
    nothing."""
    from verify.marks.seals import reading, ring

    calls = []
    measure = ring._interior_density
    monkeypatch.setattr(ring, "_interior_density", lambda *a: calls.append(1) or measure(*a))
    ell = reading._fit_in_crop(_ink(1))
    assert calls == []
    assert abs(ell.cx - 217) < 12 and abs(ell.a - 190) < 20  # still the drawn ring (a guard)


def _outside_by_windows(hits: np.ndarray, ray_valid: np.ndarray, k: int, nvalid: int) -> float:
    """The ink just outside the ring as :func:`ring_evidence` measured it before, window by window."""
    outs = [float((hits[:, j - 1:j + 2].any(axis=1) & ray_valid).sum()) / nvalid
            for j in range(k + 4, min(len(ring_rho()) - 1, k + 12))]
    return float(np.mean(outs)) if outs else 0.0


def ring_rho():
    from verify.marks.seals.ring import _RHO

    return _RHO


@pytest.mark.parametrize("seed", range(6))
def test_the_ring_evidence_is_what_it_was_and_without_the_interior_the_same_ring(seed):
    """Every figure of the ring's evidence is the window-by-window definition's, to the bit,
    and without ``interior`` the same but for the ink inside (a guard: passes both ways
    but for the keyword)."""
    import cv2

    from verify.marks.seals.ring import _K, _RHO, _THETAS, _Ellipse, _interior_density, ring_evidence

    rng = np.random.default_rng(seed)
    for _ in range(60):
        h, w = (int(v) for v in rng.integers(40, 400, 2))
        mask = np.zeros((h, w), np.uint8)
        for _ in range(int(rng.integers(1, 5))):
            cv2.ellipse(mask, (int(rng.integers(0, w)), int(rng.integers(0, h))),
                        (int(rng.integers(5, 200)), int(rng.integers(5, 200))), float(rng.uniform(0, 180)), 0, 360,
                        255, int(rng.integers(1, 8)))
        mask[rng.random((h, w)) < rng.uniform(0, 0.2)] = 255
        ell = _Ellipse(float(rng.uniform(-40, w + 40)), float(rng.uniform(-40, h + 40)), float(rng.uniform(3, 250)),
                       float(rng.uniform(3, 250)), float(rng.uniform(0, 180)))
        ev = ring_evidence(mask, ell)
        # the definition, step by step
        xs, ys = ell.points(_THETAS, _RHO)
        xi = np.clip(np.round(xs).astype(np.int32), 0, w - 1)
        yi = np.clip(np.round(ys).astype(np.int32), 0, h - 1)
        valid = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
        hits = (mask[yi, xi] > 0) & valid
        sm = np.convolve(hits.mean(axis=0), np.ones(3), mode="same")
        idx = np.flatnonzero((_RHO >= 0.85) & (_RHO <= 1.15))
        k = int(idx[np.argmax(sm[idx])])
        nvalid = max(1, int(valid[:, k].sum()))
        assert ev.outside == _outside_by_windows(hits, valid[:, k], k, nvalid)
        assert (ev.inside, ev.center) == _interior_density(mask, ev.ellipse)
        bare = ring_evidence(mask, ell, interior=False)
        assert (bare.coverage, bare.outside, vars(bare.ellipse)) == (ev.coverage, ev.outside, vars(ev.ellipse))
        assert math.isnan(bare.inside) and math.isnan(bare.center)
        assert _K == len(_THETAS)
