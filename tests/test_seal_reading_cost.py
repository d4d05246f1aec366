"""What seal reading spends its recognitions on (issue 12: the whole check at most 1.05x
the OCR alone): nothing read that could not be text."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from fixtures.stamps import draw_seal


class _CountingLines:
    """An engine that reads every line as ``text`` and counts the lines it was given."""

    def __init__(self, text: str = "", score: float = 0.0):
        self.lines, self.text, self.score = 0, text, score

    def recognize_line(self, image):
        self.lines += 1
        return self.text, self.score


def _ink(bottom: str | None, seed: int):
    from verify.marks.seals.reading import _fit_in_crop, _seal_ink_image

    img = Image.new("RGB", (420, 420), "white")
    # a long name round 270 degrees: its first and last characters come down beside the band under the star
    draw_seal(img, (210, 210), 190, "抚顺石化环保工程有限公司", bottom, seed=seed, span=270)
    ink = _seal_ink_image(np.asarray(img)[:, :, ::-1].copy(), "red")
    return ink, _fit_in_crop(ink)


@pytest.mark.parametrize("seed", [2, 3])
def test_the_ends_of_the_name_beside_the_band_under_the_star_are_no_line_to_read(seed):
    """The band under the star reaches, at its lower corners, the first and last
    characters of a name running round most of the ring: rows inked only at the band's
    two ends were a line read 600 px wide (18 px high), for nothing (four such reads on
    the sample, 0.2 CPU-s; 32 of 159 lines on the 30 set-s7 dossiers, none of them read as
    text that was kept)."""
    from verify.marks.seals.reading import _read_bottom_text

    ink, ell = _ink(None, seed)
    engine = _CountingLines()
    assert _read_bottom_text(ink, ell, 0.0, engine) is None
    assert engine.lines == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_line_under_the_star_beside_the_ends_of_the_name_is_still_read(seed):
    from verify.marks.seals.reading import _read_bottom_text

    ink, ell = _ink("人事专用章", seed)
    engine = _CountingLines("人事专用章", 0.95)
    assert _read_bottom_text(ink, ell, 0.0, engine) == "人事专用章"
    assert engine.lines == 1
