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


def _random_lattice(rng, chars):
    from ocr.ctc import Lattice

    frames = int(rng.integers(1, 120))
    logits = rng.normal(size=(frames, len(chars))) * rng.uniform(0.5, 8)
    logits[:, 0] += rng.uniform(0, 4)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    return Lattice.from_probs(probs.astype(np.float32), chars)


def test_log_likelihoods_side_by_side_are_each_ones_own_to_the_bit():
    import random

    chars = ["blank"] + list("抚顺市生态环境局监测站中心服务大")
    rng, pick = np.random.default_rng(7), random.Random(7)
    for _ in range(300):
        lat = _random_lattice(rng, chars)
        texts = ["".join(pick.choice(chars[1:] + ["X"]) for _ in range(pick.randrange(0, 14)))
                 for _ in range(pick.randrange(1, 16))] + [lat.best_text(), ""]
        got = lat.log_likelihoods(texts)
        want = [lat.log_likelihood(x) for x in texts]
        assert [np.float64(x).tobytes() for x in got] == [np.float64(x).tobytes() for x in want]


def test_a_reading_weighs_the_same_as_with_each_text_alone(monkeypatch):
    import random

    from ocr.ctc import Lattice
    from verify.marks.seals import evidence

    unit = "抚顺市生态环境局"
    chars = ["blank"] + list(unit + "须州远监测站中心") + ["1"]
    rng, pick = np.random.default_rng(11), random.Random(11)
    readings = []
    for _ in range(150):
        lat = _random_lattice(rng, chars)
        raw = lat.best_text()
        if pick.random() < 0.5:  # a reading near the unit's name, as the seal's mostly are
            raw = "".join(ch if pick.random() < 0.8 else pick.choice(chars[1:]) for ch in unit)
            lat = Lattice.from_probs(*__import__("ocr.ctc", fromlist=["toy_frames"]).toy_frames(
                raw, unsure={i: pick.choice(unit) for i in pick.sample(range(len(raw)), 2)}))
        readings.append((raw, float(rng.uniform(0.3, 1.0)), lat))
    batched = [evidence.weigh(r, unit) for r in readings]
    assert sum(bool(w.differences) for w in batched) >= 30  # the texts replaced are weighed, not only the free ones
    monkeypatch.setattr(Lattice, "log_likelihoods", lambda self, texts: [self.log_likelihood(x) for x in texts])
    assert [evidence.weigh(r, unit) for r in readings] == batched
