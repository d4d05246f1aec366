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
