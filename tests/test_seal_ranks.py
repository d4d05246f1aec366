"""scripts/seal_ranks.py: the rank of a name's character the free reading did not show
(its doctests, and the seal recogniser on a line drawn with one character worn away)."""
from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fixtures.stamps import cjk_font

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "seal_ranks.py"


def _module():
    spec = importlib.util.spec_from_file_location("seal_ranks", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_doctests():
    result = doctest.testmod(_module(), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def _line(text: str, erase: int | None = None) -> np.ndarray:
    """``text`` drawn 36 px high on a 48 px strip (BGR), the ``erase``-th character's cell
    painted over with paper: a character a blotch of wear took whole."""
    font = cjk_font(36)
    img = Image.new("RGB", (40 * len(text) + 24, 48), (250, 250, 250))
    draw = ImageDraw.Draw(img)
    for i, ch in enumerate(text):
        draw.text((12 + 40 * i, 5), ch, font=font, fill=(40, 40, 40))
    if erase is not None:
        draw.rectangle((12 + 40 * erase - 1, 0, 12 + 40 * erase + 39, 47), fill=(250, 250, 250))
    return np.ascontiguousarray(np.asarray(img)[..., ::-1])


@pytest.mark.slow
def test_real_engine_a_character_worn_away_whole_is_not_among_the_likeliest(ppocr_engine):
    """A line the seal recogniser reads whole shows every character; with 顺 of 抚顺市 painted
    over, the frames where it stood rank 顺 far below the likeliest few: nothing in the pixels
    tells 抚顺 from 抚州 there (the base bench's undecided intact seals, sealwear)."""
    mod = _module()
    unit = "抚顺市环境科学研究院"
    rec = ppocr_engine.seal_recognizer
    probs, charset = mod._probs(rec, _line(unit))
    assert mod.name_ranks(probs, charset, unit) == {}
    probs, charset = mod._probs(rec, _line(unit, erase=1))
    ranks = mod.name_ranks(probs, charset, unit)
    assert 1 in ranks and ranks[1] > 10, ranks
