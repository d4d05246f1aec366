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


def test_an_unsure_frame_keeps_its_likeliest_first_among_equals_as_the_free_reading():
    # 'b' and 'c' equally likely: the recogniser's own greedy reading (argmax) says 'b', and so
    # must the lattice's best path (the frame's characters were once kept in partition order)
    alphabet = ["", "a", "b", "c", "d"]
    probs = np.array([[0.05, 0.2, 0.3, 0.3, 0.15], [0.97, 0.01, 0.01, 0.005, 0.005]], np.float32)
    lat = Lattice.from_probs(probs, alphabet)
    assert lat.best_text() == alphabet[int(probs[0].argmax())] == "b"
    assert [lat.chars[i] for i in lat.idx[0]] == ["b", "c", "a", "d"]


def test_the_kept_characters_are_each_unsure_frames_likeliest():
    rng = np.random.default_rng(5)
    alphabet = ["", *(chr(0x4E00 + i) for i in range(199))]
    probs = rng.dirichlet(np.full(200, 0.05), size=40).astype(np.float32)
    probs[::4] = np.eye(200, dtype=np.float32)[rng.integers(0, 200, 10)] * 0.999 + 0.001 / 200  # sure frames
    lat = Lattice.from_probs(probs, alphabet)
    for f, row in enumerate(probs):
        order = sorted(range(200), key=lambda i: (-row[i], i))  # likeliest first, equals by the alphabet
        want = order[:1] if row[order[0]] >= 0.995 else [i for i in order[:4] if row[i] >= 1e-6]
        got = [alphabet.index(lat.chars[i]) for i in lat.idx[f] if i >= 0]
        assert got == want, f
        assert np.allclose(lat.logp[f, :len(got)], np.log(row[want]))
