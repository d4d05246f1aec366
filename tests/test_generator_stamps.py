"""The stamps draw what they say: red ink inside the seal bbox, ink inside the signature box."""
import numpy as np
import pytest
from PIL import Image

from fixtures.stamps import cjk_font, draw_seal, draw_signature, font_path


def _red(arr):
    r, g, b = (arr[..., i].astype(int) for i in range(3))
    return (r - g > 60) & (r - b > 60)


@pytest.mark.parametrize("shape", ["circle", "oval"])
def test_seal_bbox_holds_red_ink(shape):
    page = Image.new("RGB", (500, 400), "white")
    info = draw_seal(page, (250, 200), 100, "抚顺市生态环境监测站", "人事专用章",
                     shape=shape, rotation_deg=17, seed=2)
    arr = np.asarray(page)
    red = _red(arr)
    x0, y0, x1, y1 = info["bbox"]
    assert red[y0:y1, x0:x1].sum() > 2000
    outside = red.copy()
    outside[y0:y1, x0:x1] = False
    assert outside.sum() == 0
    assert 180 <= x1 - x0 <= 205
    assert info["text"] == "抚顺市生态环境监测站" and info["bottom_text"] == "人事专用章"


def test_seal_is_translucent_over_text():
    page = Image.new("RGB", (300, 300), "white")
    page.paste((0, 0, 0), (100, 140, 200, 160))  # black text bar under the seal
    draw_seal(page, (150, 150), 100, "抚顺市生态环境局", seed=0, opacity=0.8)
    assert np.asarray(page)[140:160, 100:200].max() < 40  # black stays black (multiply)


def test_seal_on_grayscale_copy_and_determinism():
    a = Image.new("L", (300, 300), 255)
    b = Image.new("L", (300, 300), 255)
    ia = draw_seal(a, (150, 150), 90, "辽宁省人力资源和社会保障厅", seed=5)
    ib = draw_seal(b, (150, 150), 90, "辽宁省人力资源和社会保障厅", seed=5)
    assert ia == ib and a.tobytes() == b.tobytes()
    assert (np.asarray(a) < 200).sum() > 1000


def test_seal_partly_off_page_is_clipped():
    page = Image.new("RGB", (200, 200), "white")
    info = draw_seal(page, (190, 100), 60, "某某有限公司", seed=1)
    assert info["bbox"][2] <= 200


def test_signature_ink_inside_box():
    page = Image.new("RGB", (400, 200), "white")
    info = draw_signature(page, (100, 50, 300, 130), "张伟", seed=3)
    x0, y0, x1, y1 = info["bbox"]
    assert 100 <= x0 < x1 <= 300 and 50 <= y0 < y1 <= 130
    dark = np.asarray(page.convert("L")) < 160
    assert dark[y0:y1, x0:x1].sum() > 200
    assert dark.sum() == dark[y0:y1, x0:x1].sum()


def test_signatures_differ_by_seed():
    a = Image.new("RGB", (300, 100), "white")
    b = Image.new("RGB", (300, 100), "white")
    draw_signature(a, (0, 0, 300, 100), "李明", seed=1)
    draw_signature(b, (0, 0, 300, 100), "李明", seed=2)
    assert a.tobytes() != b.tobytes()


def test_fonts():
    assert cjk_font(20, "hei").size == 20
    with pytest.raises(ValueError):
        font_path("comic")
