"""Fitting a seal's rim in its crop (:func:`verify.marks.seals.reading._fit_in_crop`)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from fixtures.stamps import draw_seal


@pytest.mark.parametrize("off", [0, 8, 14])
def test_a_crop_off_the_seals_centre_finds_the_rim_not_the_line_inside_it(off):
    """A seal with a thin line just inside its rim, its crop a few pixels off its centre (as
    the seal search's box often is): a circle shifted onto the line meets ink on more rays
    than the rim does, but the rim lies just outside it. The fit keeps the rim (every band
    was read cut through its characters' tops when it took the line: a blue
    丹东市环境监测站 read 「万小阳环地峰」)."""
    import cv2

    from verify.marks.seals.reading import _fit_in_crop, _seal_ink_image

    img = Image.new("RGB", (460, 460), "white")
    info = draw_seal(img, (230, 230), 190, "丹东市环境监测站", None, seed=1, inner_ring=True, weight=0.08)
    x0, y0, x1, y1 = info["bbox"]
    crop = np.asarray(img)[:, :, ::-1][y0 + off:y1 + off, x0:x1].copy()
    f = 400 / max(crop.shape[:2])
    ink = cv2.copyMakeBorder(cv2.resize(_seal_ink_image(crop, "red"), None, fx=f, fy=f, interpolation=cv2.INTER_AREA),
                             10, 10, 10, 10, cv2.BORDER_CONSTANT, value=255)
    rim = _fit_in_crop(ink)
    r = (x1 - x0) / 2 * f
    assert rim.a / r > 0.94  # the rim (the line inside it is at 0.91)
    assert abs(rim.cy - (10 + (230 - y0 - off) * f)) < 0.03 * r
