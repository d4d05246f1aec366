"""The work around the OCR done once, with the very results it had (issue 12: the whole
check at most 1.05x the OCR alone; no finding may change)."""
from __future__ import annotations

import random

import pytest


def _scan(unit, a, b, names, best):
    """:func:`verify.marks.seals.evidence._other_places` as it was: every name scanned."""
    from verify.marks.seals.evidence import EXPLAINED, MATCHED

    own = unit[a:b]
    return [o for o in names if o != own
            and all(o[j - a] == unit[j] for j in range(a, b) if best[j] in (MATCHED, EXPLAINED))]


@pytest.mark.parametrize("n,stems", [(2, True), (3, False), (3, True), (4, True), (5, True)])
def test_other_places_from_the_index_are_the_scans(n, stems):
    from verify.marks.seals.evidence import DIFFERENT, EXPLAINED, MATCHED, UNLIKELY, UNSEEN, _other_places
    from verify.marks.seals.matching import place_names_of_length

    names = place_names_of_length(n, stems=stems)
    rng = random.Random(n * 10 + stems)
    statuses = (MATCHED, EXPLAINED, UNSEEN, UNLIKELY, DIFFERENT)
    for _ in range(120):
        place = rng.choice(names) if rng.random() < 0.8 else "".join(rng.choice(names[0] + "顺抚清") for _ in range(n))
        a = rng.randrange(3)
        unit = "某" * a + place + "生态环境局"
        best = [rng.choice(statuses) for _ in unit]
        got = _other_places(unit, a, a + n, names, best)
        assert got == _scan(unit, a, a + n, names, best)
        assert _other_places(unit, a, a + n, list(names), best) == got  # a list is scanned


def test_other_places_remembered_are_the_scans_and_each_a_new_list():
    """Asked again with the same place and the same characters shown (after each reading,
    for each character weighed), the answer is remembered: still the scan's, and a list
    the caller may change without changing the next answer."""
    from verify.marks.seals.evidence import EXPLAINED, MATCHED, UNSEEN, _other_places
    from verify.marks.seals.matching import place_names_of_length

    names = place_names_of_length(3, stems=True)
    unit = "抚顺市生态环境局"
    for best in ([UNSEEN] * 8, [MATCHED, UNSEEN, MATCHED] + [MATCHED] * 5, [UNSEEN, EXPLAINED, UNSEEN] + [UNSEEN] * 5):
        first = _other_places(unit, 0, 3, names, best)
        assert first == _scan(unit, 0, 3, names, best)
        first.append("改了")
        first.clear()
        assert _other_places(unit, 0, 3, names, best) == _scan(unit, 0, 3, names, best)
    # a list of names is scanned each time (the districts of a city), never remembered
    assert _other_places(unit, 0, 3, ["抚顺市", "抚州市"], [MATCHED] + [UNSEEN] * 7) == ["抚州市"]
    assert _other_places(unit, 0, 3, ["抚顺市", "抚远市"], [MATCHED] + [UNSEEN] * 7) == ["抚远市"]


def _read_as_place_scan(ev, place, own, at=0, names=None):
    """:func:`verify.marks.seals.evidence._read_as_place` as it was: every name scanned."""
    from verify.marks.seals.matching import place_names_of_length

    read_at = {}
    for d in ev.differences:
        if len(d.read) == len(d.expected):
            for k, ch in enumerate(d.read):
                read_at[d.at + k] = ch
    if not read_at:
        return None
    for other in names if names is not None else place_names_of_length(len(place)):
        if other == place or other in own:
            continue
        diff = [i for i in range(len(place)) if other[i] != place[i]]
        if diff and all(read_at.get(at + i) == other[i] for i in diff):
            return other
    return None


@pytest.mark.parametrize("n,stems", [(2, True), (3, False), (3, True), (4, False)])
def test_a_place_read_from_the_index_is_the_scans(n, stems):
    from types import SimpleNamespace as NS

    from verify.marks.seals.evidence import _read_as_place
    from verify.marks.seals.matching import place_names_of_length

    names = place_names_of_length(n, stems=stems)
    rng = random.Random(n * 7 + stems)
    hits = 0
    for _ in range(200):
        place, near = rng.choice(names), rng.choice(names)
        at = rng.randrange(3)
        # what a reading has: characters of a near real place, or of none, one for one or not
        diffs = []
        for i in rng.sample(range(n), rng.randrange(1, n + 1)):
            ch = near[i] if rng.random() < 0.7 else rng.choice("顺抚州远清原河")
            long = rng.random() < 0.1
            diffs.append(NS(at=at + i, read=ch + ("市" if long else ""), expected=place[i]))
        ev = NS(differences=diffs)
        own = {place} | ({near} if rng.random() < 0.2 else set())
        # no names given: those of the length ending as a place does, as the scan takes them
        given = None if not stems and rng.random() < 0.5 else names
        got = _read_as_place(ev, place, own, at=at, names=given)
        want = _read_as_place_scan(ev, place, own, at=at, names=given)
        assert got == want
        hits += got is not None
    assert hits >= 10  # places were found, not only None compared
