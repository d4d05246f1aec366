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


def test_seal_records_how_much_of_each_name_character_wear_and_print_left():
    """The answer key's chars_kept / chars_print: measured, never drawn (no pixel, no random number)."""
    name = "抚顺市生态环境局"
    clean = draw_seal(Image.new("RGB", (400, 400), "white"), (200, 200), 90, name, seed=4, rotation_deg=15)
    assert clean["chars_kept"] == [1.0] * len(name) and clean["chars_print"] == [0.0] * len(name)
    # a worn stamp: blotches about a character in size take most of some character's ink
    worn_page = Image.new("RGB", (400, 400), "white")
    worn = draw_seal(worn_page, (200, 200), 90, name, seed=4, rotation_deg=15, wear=0.15)
    kept = worn["chars_kept"]
    assert len(kept) == len(name) and min(kept) < 0.5 < max(kept)
    # on the page, the red left in each character's place (its sector of the name's arc, the
    # same stamp unworn as reference) follows chars_kept: the blotted character lost the most
    ref_page = Image.new("RGB", (400, 400), "white")
    draw_seal(ref_page, (200, 200), 90, name, seed=4, rotation_deg=15)
    yy, xx = np.mgrid[0:400, 0:400]
    ang = (np.degrees(np.arctan2(xx - 200, 200 - yy)) + 15) % 360  # clockwise from the top, seal unturned
    ang = np.where(ang > 180, ang - 360, ang)
    rad = np.hypot(xx - 200, yy - 200)
    span, n = min(250.0, max(110.0, 24.0 * len(name))), len(name)
    left = []
    for i in range(n):
        mid = -span / 2 + (i + 0.5) * span / n
        place = (np.abs(ang - mid) < span / n / 2) & (rad > 45) & (rad < 80)  # inside the ring
        left.append(_red(np.asarray(worn_page))[place].sum() / max(1, _red(np.asarray(ref_page))[place].sum()))
    assert int(np.argmin(left)) == int(np.argmin(kept))
    assert np.corrcoef(left, kept)[0, 1] > 0.8
    # black print under the right half of the seal hides the name's last characters, not its first
    page = Image.new("RGB", (400, 400), "white")
    page.paste((0, 0, 0), (200, 0, 400, 400))
    under = draw_seal(page, (200, 200), 90, name, seed=4, rotation_deg=0)
    assert under["chars_print"][-1] > 0.9 and under["chars_print"][0] == 0.0
    # how strong the ink came out: a full even impression at opacity 0.85 is 0.85; the worn one is
    # weaker where wear took ink, and a faint, patchy one weaker still
    assert all(abs(v - 0.85) < 0.01 for v in draw_seal(Image.new("RGB", (400, 400), "white"), (200, 200), 90, name,
                                                       seed=4, unevenness=0.0)["chars_ink"])
    assert int(np.argmin(worn["chars_ink"])) == int(np.argmin(kept))
    faint = draw_seal(Image.new("RGB", (400, 400), "white"), (200, 200), 90, name, seed=4, rotation_deg=15,
                      opacity=0.5, unevenness=0.55)
    assert max(faint["chars_ink"]) < 0.5 and faint["chars_kept"] == [1.0] * len(name)
    # recording it changed nothing drawn
    again = Image.new("RGB", (400, 400), "white")
    draw_seal(again, (200, 200), 90, name, seed=4, rotation_deg=15, wear=0.15)
    assert np.array_equal(np.asarray(again), np.asarray(worn_page))
