"""A second look that cannot change a seal is not made
(:func:`verify.marks.seals.page.denied_to_a_second_look`).

Where the seal model's own readings are sure of another character that none of them
shows, no reading of the page-text model can make the seal the unit's, so
:func:`~verify.marks.seals.page.second_look` would read every unwrap again and keep
nothing. Checked here against the real weighing (:func:`seal_evidence`) on random
readings, and end to end on a stamped seal with a fake engine.
"""
from __future__ import annotations

import random
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw

import verify.marks.seals.evidence as evidence
from ocr.ctc import Lattice, toy_frames
from verify.marks.seals import SealReading, read_seals
from verify.marks.seals.evidence import (DIFFERENT, EXPLAINED, MATCHED, UNCOVERED, UNLIKELY, UNSEEN, Difference,
                                         Weighed, seal_evidence)
from verify.marks.seals.page import denied_to_a_second_look
from verify.model import SealMark

STATUSES = (MATCHED, EXPLAINED, DIFFERENT, UNLIKELY, UNSEEN, UNCOVERED)
NAMES = ("抚顺市生态环境局顺城分局", "抚顺东科精细化工有限公司", "北京中科开源科技有限公司", "抚顺市环境科学研究院")
OTHERS = "导州松心测则二工大沈阳区县局站所"


def _random_weighed(rng: random.Random, unit: str, second: bool) -> Weighed:
    """Any reading's weighing against ``unit``: statuses, and differences where they are
    not matched (what was read there, how sure, how covered), drawn at random."""
    n = len(unit)
    status = [rng.choice(STATUSES) if rng.random() < 0.5 else MATCHED for _ in range(n)]
    diffs = []
    for i, x in enumerate(status):
        if x != MATCHED and rng.random() < 0.8:
            k = rng.choice((1, 1, 1, 2)) if i + 1 < n else 1
            diffs.append(Difference(rng.choice(OTHERS + " ").strip(), unit[i:i + k], rng.uniform(-15, 0),
                                    rng.uniform(-20, 0), at=i, clear=rng.random(), covered=rng.choice((0.0, 0.0, 0.2)),
                                    shown=rng.random() < 0.2))
    read = "".join(unit[i] if x == MATCHED else rng.choice(OTHERS) for i, x in enumerate(status))
    return Weighed(unit, read, rng.choice((0.5, 0.65, 0.72, 0.8, 0.9, 0.97)), tuple(status), tuple(diffs),
                   rng.uniform(-20, 0), rng.random() < 0.9, rng.random() < 0.1, rng.random() < 0.1,
                   tuple(read), brightness=not second and rng.random() < 0.2,
                   filled=not second and rng.random() < 0.2, second=second, kind_after=rng.random() < 0.1)


def test_a_seal_denied_to_a_second_look_is_never_the_units_whatever_a_second_reader_reads(monkeypatch):
    """On random readings of the seal model where the predicate holds, no set of random
    second readings added makes :func:`seal_evidence` say ``unit`` (what second_look asks)."""
    rng = random.Random(12)
    table: dict[int, Weighed] = {}
    monkeypatch.setattr(evidence, "_weighed", lambda r, u: table[id(r)])
    held = 0
    for trial in range(3000):
        unit = rng.choice(NAMES)
        first = [SealReading(f"f{k}", 0.9, object()) for k in range(rng.randint(1, 4))]
        for r in first:
            table[id(r)] = _random_weighed(rng, unit, second=False)
        seal = SealMark((0, 0, 9, 9), 0.9, readings=list(first))
        if not denied_to_a_second_look(seal, [unit]):
            continue
        held += 1
        for _ in range(6):
            second = [SealReading(f"s{k}", 0.9, object(), second=True) for k in range(rng.randint(1, 5))]
            for r in second:
                table[id(r)] = _random_weighed(rng, unit, second=True)
            seal.readings = first + second
            assert seal_evidence(seal, [unit]).verdict != "unit", (trial, unit)
        evidence._DECIDED.clear()
    assert held >= 200  # the predicate was put to the test, not vacuously true


def test_a_second_reading_can_make_a_seal_the_units_where_the_predicate_does_not_hold(monkeypatch):
    """The predicate is no blanket: a seal model's reading that only dropped a character
    (no character surely another) is made the unit's by a second reading."""
    unit = "北京中科开源科技有限公司"
    seal = SealMark((0, 0, 9, 9), 0.9, readings=[SealReading("北京中开源科技有限公司", 0.97,
                                                              Lattice.from_probs(*toy_frames("北京中开源科技有限公司")))])
    assert not denied_to_a_second_look(seal, [unit])
    seal.readings.append(SealReading(unit, 0.95, Lattice.from_probs(*toy_frames(unit)), second=True))
    assert seal_evidence(seal, [unit]).verdict == "unit"


class _Models:
    """A fake engine with a seal model and a page-text model, each reading every strip as one text."""

    def __init__(self, seal_text: str, seal_score: float, page_text: str):
        self.options = SimpleNamespace(text_model="v4", seal_model="v6")
        self.seal = SealReading(seal_text, seal_score, Lattice.from_probs(*toy_frames(seal_text)))
        self.page = SealReading(page_text, 0.95, Lattice.from_probs(*toy_frames(page_text)))
        self.page_reads = 0

    def read_seal_line(self, image):
        return self.seal

    def read_line(self, image):
        self.page_reads += 1
        return self.page


def _stamped():
    img = Image.new("RGB", (400, 400), "white")
    d = ImageDraw.Draw(img)
    d.ellipse((60, 60, 340, 340), outline=(220, 30, 30), width=8)
    d.text((150, 180), "国", fill=(220, 30, 30))
    return np.asarray(img)[..., ::-1].copy(), SealMark((50, 50, 350, 350), 0.9, "circle", "red", True,
                                                      traits=("ring_text",))


@pytest.mark.parametrize("skip", [True, False])
def test_no_page_text_reading_where_it_could_not_change_the_seal(monkeypatch, skip):
    """The seal model sure of 导 for 科 in a reading not clean enough to name another body
    (0.8): undecided, with most of the name shown, so asked of the page-text model before;
    its reading of the unit's whole name could not show 科 there. Now none is made; the
    seal's verdict and readings are the same either way."""
    import verify.marks.seals.page as page

    if not skip:
        monkeypatch.setattr(page, "denied_to_a_second_look", lambda seal, names: False)
    looks = []
    real = page.read_seal
    monkeypatch.setattr(page, "read_seal", lambda *a, **k: (looks.append(k.get("second")), real(*a, **k))[1])
    image, seal = _stamped()
    engine = _Models("北京中导开源科技有限公司", 0.8, "北京中科开源科技有限公司")
    [kept] = read_seals(image, [seal], engine, ["北京中科开源科技有限公司"])
    assert kept.unit_match == "unreadable"
    assert not any(r.second for r in kept.readings)
    assert (True in looks) != skip
