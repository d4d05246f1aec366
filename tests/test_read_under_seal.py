"""Dates hidden under a seal on pages dated at their foot (verify.read.under_seal)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fixtures.stamps import cjk_font, draw_seal
from verify.marks.seals import find_seals
from verify.read.under_seal import dates_under_seals


def _certificate(date: str):
    img = Image.new("RGB", (1240, 900), (248, 247, 244))
    d = ImageDraw.Draw(img)
    d.text((480, 80), "获奖证书", font=cjk_font(56, "song"), fill=(20, 20, 20))
    d.text((140, 250), "唐雨同志：你参与完成的项目荣获优秀论文一等奖。特发此证，以资鼓励。", font=cjk_font(30, "song"), fill=(20, 20, 20))
    d.text((800, 560), "抚顺市总工会", font=cjk_font(32, "song"), fill=(20, 20, 20))
    d.text((810, 620), date, font=cjk_font(32, "song"), fill=(20, 20, 20))
    draw_seal(img, (900, 600), 130, "抚顺市总工会", None, seed=11, rotation_deg=8, opacity=0.9)
    return np.asarray(img)[:, :, ::-1].copy()


@pytest.mark.slow
def test_a_date_under_the_seal_at_a_certificates_foot_is_read_again_with_the_seals_ink_taken_off(ppocr_engine):
    image = _certificate("2021年5月8日")
    seals = [s for s in find_seals(image) if s.certain]
    assert seals
    lines = dates_under_seals(image, seals, ppocr_engine)
    assert any("2021年5月8日" in line.text for line in lines), [line.text for line in lines]
    # in page coordinates, where the date is printed
    x0, y0, x1, y1 = next(line.bbox for line in lines if "2021年5月8日" in line.text)
    assert 760 <= x0 <= 860 and 600 <= y0 <= 660, (x0, y0)


def test_nothing_is_read_again_without_an_engine_or_an_image():
    assert dates_under_seals(None, [], object()) == []
    assert dates_under_seals(np.zeros((50, 50, 3), np.uint8), [], None) == []
