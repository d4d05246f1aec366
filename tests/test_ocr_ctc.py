"""ocr.ctc: the CTC forward sum equals the brute-force sum over alignments, and a
lattice survives the cache's JSON."""
from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

from ocr.ctc import Lattice
from ocr.model import OcrLine, OcrPage

ALPHABET = ["", "a", "b", "c"]


def _collapse(path):
    out, prev = [], None
    for i in path:
        if i != prev and i != 0:
            out.append(ALPHABET[i])
        prev = i
    return "".join(out)


def _brute(probs, text):
    total = 0.0
    for path in itertools.product(range(len(ALPHABET)), repeat=len(probs)):
        if _collapse(path) == text:
            total += math.prod(probs[t][i] for t, i in enumerate(path))
    return math.log(total) if total else -math.inf


@pytest.mark.parametrize("text", ["a", "ab", "aa", "abc", "ca", "b", ""])
def test_forward_sum_matches_brute_force(text):
    rng = np.random.default_rng(len(text) * 7 + 1)
    probs = rng.dirichlet(np.ones(len(ALPHABET)) * 0.7, size=5).astype(np.float32)
    # every frame unsure: all four symbols are kept, so the lattice is exact
    probs = np.clip(probs, 0.02, None)
    probs = probs / probs.sum(axis=1, keepdims=True)
    lat = Lattice.from_probs(probs, ALPHABET)
    assert lat.log_likelihood(text) == pytest.approx(_brute(probs, text), abs=1e-4)


def test_text_longer_than_the_frames_cannot_fit():
    probs = np.full((2, 4), 0.25, np.float32)
    assert Lattice.from_probs(probs, ALPHABET).log_likelihood("aba") == -math.inf


def test_sure_frames_bound_the_cost_of_a_difference():
    probs = np.full((3, 4), 1e-4, np.float32)
    probs[0, 1] = probs[1, 0] = probs[2, 2] = 1.0  # a, blank, b
    probs = probs / probs.sum(axis=1, keepdims=True)
    lat = Lattice.from_probs(probs, ALPHABET)
    assert lat.best_text() == "ab"
    # a character never kept gets the whole left-over mass: never less likely than that
    assert lat.compare("cb") == pytest.approx(math.log(3e-4) - math.log(probs[0, 1]), abs=0.05)


def test_lattice_round_trips_through_the_page_json():
    probs = np.random.default_rng(3).dirichlet(np.ones(4), size=6).astype(np.float32)
    lat = Lattice.from_probs(probs, ALPHABET)
    page = OcrPage(100, 50, [OcrLine(lat.best_text() or "a", ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9, 0, lat)])
    back = OcrPage.from_dict(json.loads(json.dumps(page.to_dict())))
    again = back.lines[0].lattice
    assert again.best_text() == lat.best_text()
    for text in ("a", "ab", "cab"):
        assert again.log_likelihood(text) == pytest.approx(lat.log_likelihood(text), abs=0.02)
