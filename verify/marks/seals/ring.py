"""Ring evidence: sampled along rays from a candidate's centre, a seal has a thin
ring of ink at one radius on nearly every ray, little ink just outside it and some
ink (text, star) inside."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


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


def ring_evidence(mask: np.ndarray, ell: _Ellipse) -> _Evidence:
    """Ring, outside and inside ink of ``ell`` in ``mask`` (refining its size)."""
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
    outs = []
    for j in range(k + 4, min(len(_RHO) - 1, k + 12)):
        outs.append(float((hits[:, j - 1:j + 2].any(axis=1) & ray_valid).sum()) / nvalid)
    outside = float(np.mean(outs)) if outs else 0.0
    refined = _Ellipse(ell.cx, ell.cy, ell.a * rho_k, ell.b * rho_k, ell.angle)
    inside, center = _interior_density(mask, refined)
    ev = _Evidence(coverage, outside, inside, center, refined)
    if nvalid < 0.6 * _K:  # most of the ring is off the page: be modest
        ev.coverage *= nvalid / _K / 0.6
    return ev


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
