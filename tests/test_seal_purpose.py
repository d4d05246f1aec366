"""A unit's special-purpose seal (合同专用章, 财务专用章…) is not its official seal (issue 13):
the line under the star, read too unsurely to be kept as ``bottom_text``, is checked against
the recogniser's own probabilities for it before the seal passes as the unit's."""
from __future__ import annotations

import numpy as np
import pytest

from ocr.ctc import Lattice, toy_frames
from verify.marks.seals.bottom import InkRow
from verify.model import SealMark
from verify.rules.seal_unit import _for_another_purpose

from tests.conftest import SAMPLE
from tests.test_rules import UNIT, on_page

#: what seal.unit takes a line under the star for where it cannot be read either way
UNREAD = "五角星下方文字无法辨认的印章"


def _line(text: str, score: float = 0.4, **kw):
    """A line under the star as the engine read it: free reading, score, lattice."""
    return (text, score, Lattice.from_probs(*toy_frames(text, **kw)))


def _ours(*lines, bottom_text=None):
    return SealMark(bbox=(1000, 1500, 1300, 1800), score=0.95, text=UNIT, unit_match="unit", bottom_text=bottom_text,
                    bottom_readings=list(lines))


def test_a_finance_seal_read_unsurely_under_its_star_on_a_recommendation_form_is_reviewed():
    """Sample A2024-004: the unit's oval 财务专用章 read 「财美专用章」 at 0.44 under its star,
    below the 0.6 kept as bottom_text, and the seal passed as the unit's official seal."""
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[_ours(_line("财美专用章", unsure={1: "务"}))])
    assert f.status == "review", f
    assert "「财务专用章」" in f.message and "「财美专用章」" in f.message and "不是单位公章" in f.message


def test_a_line_under_the_star_that_may_say_a_purpose_is_reviewed_naming_it_unreadable():
    [f] = on_page("a/kaohe2022.jpg", "seal.unit", seals=[_ours(_line("财美专用"))])
    assert f.status == "review" and "五角星下方有一行文字无法辨认（识别为「财美专用」）" in f.message, f


@pytest.mark.parametrize("line", [_line("快14章", 0.41), ("快14章", 0.41, None)])
def test_a_line_under_the_star_read_as_a_seal_word_alone_is_reviewed(line):
    """The sample's finance seal stamped on its recommendation form (over the form's print):
    the line under the star read 「快14章」 at 0.41, 章 alone of 财务专用章, also by an engine
    without probabilities."""
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[_ours(line)])
    assert f.status == "review" and "五角星下方有一行文字无法辨认（识别为「快14章」）" in f.message, f


@pytest.mark.parametrize("lines", [
    (),  # nothing under the star
    (_line("单位（盖章）", 0.5),),  # the form's label printed under the seal
    (_line("2104000012345", 0.9),),  # the seal's serial number
    (_line("人事专用章", 0.5),),  # the unit's own personnel seal
    (_line("年10月", 0.4), _line("P", 0.28)),  # the date printed across the seal, a speck
])
def test_the_units_official_seal_with_no_purpose_under_its_star_still_passes(lines):
    [f] = on_page("a/kaohe2022.jpg", "seal.unit", seals=[_ours(*lines)])
    assert f.status == "pass", f


def test_a_finance_seal_read_unsurely_is_the_units_own_on_an_achievement_proof():
    seal = _ours(_line("财美专用章", unsure={1: "务"}))
    assert _for_another_purpose(seal, "recommendation_form") == "财务专用章"
    assert _for_another_purpose(seal, "achievement_proof") is None
    assert _for_another_purpose(_ours(_line("财美专用")), "achievement_proof") is None
    assert _for_another_purpose(_ours(_line("财美专用")), "annual_assessment") == UNREAD


class _Lines:
    """An engine reading every line as ``text`` with a lattice sure of it."""

    def __init__(self, text: str):
        self.text = text

    def recognize_line(self, image):
        return self.text, 0.5

    def read_line(self, image):
        return self.text, 0.5, Lattice.from_probs(*toy_frames(self.text))


def test_every_line_under_the_star_is_kept_with_its_probabilities():
    from PIL import Image

    from fixtures.stamps import draw_seal
    from verify.marks.seals.reading import _fit_in_crop, _read_bottom_text, _seal_ink_image

    img = Image.new("RGB", (420, 420), "white")
    draw_seal(img, (210, 210), 190, "抚顺石化环保工程有限公司", "财务专用章", seed=1)
    ink = _seal_ink_image(np.asarray(img)[:, :, ::-1].copy(), "red")
    readings: list = []
    assert _read_bottom_text(ink, _fit_in_crop(ink), 0.0, _Lines("财美专用章"), readings) is None  # 0.5 < 0.6
    assert [(r[0], r[1]) for r in readings] == [("财美专用章", 0.5)] and readings[0][2] is not None


@pytest.mark.slow
def test_real_engine_the_samples_finance_seal_read_unsurely_is_no_official_seal(ppocr_engine):
    """The real pixels of the sample's oval 财务专用章 (A2024-004's achievement proof, drawn
    by fixtures.stamps.draw_seal, under printed text): its line under the star is read
    too unsurely to be kept, and the seal stood for the unit's official seal on any
    document."""
    import cv2

    from verify.marks.seals import find_seals, read_seals

    unit = "抚顺石化环保工程有限公司"
    path = SAMPLE / "A2024-004" / "scan" / "IMG_20241010_211143.jpg"
    image = cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_COLOR)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, [unit]) if s.shape == "ellipse"]
    assert seal.unit_match == "unit" and seal.bottom_text is None
    assert _for_another_purpose(seal, "recommendation_form") in ("财务专用章", UNREAD)
    assert _for_another_purpose(seal, "achievement_proof") is None


def _stamped_over(page: np.ndarray, box, seal: np.ndarray) -> np.ndarray:
    """``page`` with the red ink inside ``box`` taken off (its seal) and ``seal`` (a crop of a
    page: a seal with the print under it) stamped at the box's centre (multiplied in)."""
    def red(img):
        b, g, r = img[..., 0], img[..., 1], img[..., 2]
        return (r - g > 35) & (r - b > 25)

    import cv2

    out = page.astype(np.float32)
    x0, y0, x1, y1 = box
    region = out[y0 - 12:y1 + 12, x0 - 12:x1 + 12]
    ink = cv2.dilate(red(region).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    region[ink] = np.median(region[~ink & (region.mean(axis=2) > 150)], axis=0)
    h, w = seal.shape[:2]
    ty, tx = (y0 + y1) // 2 - h // 2, (x0 + x1) // 2 - w // 2
    out[ty:ty + h, tx:tx + w] *= seal.astype(np.float32) / 255.0
    return np.clip(out, 0, 255).astype(np.uint8)


@pytest.mark.slow
def test_real_engine_the_units_finance_seal_stamped_on_its_recommendation_form_is_no_official_seal(ppocr_engine):
    """The sample A2024-004's oval 财务专用章 (its achievement proof's, with the print under
    it) stamped on its recommendation form in place of the official seal: the whole dossier
    passed seal.unit, the line under the star read 「快14章」 at 0.41 (kept as nothing)."""
    import cv2

    from verify.marks.seals import find_seals, read_seals

    unit = "抚顺石化环保工程有限公司"
    read = lambda p: cv2.imdecode(np.fromfile(str(SAMPLE / "A2024-004" / p), np.uint8), cv2.IMREAD_COLOR)
    proof, form = read("scan/IMG_20241010_211143.jpg"), read("证书/IMG_20241026_131741.jpg")
    finance = proof[1083 - 6:1260 + 6, 792 - 6:1025 + 6]
    image = cv2.imdecode(cv2.imencode(".jpg", _stamped_over(form, (765, 737, 1010, 981), finance),
                                      [cv2.IMWRITE_JPEG_QUALITY, 92])[1], cv2.IMREAD_COLOR)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, [unit]) if s.certain]
    assert seal.unit_match == "unit" and seal.bottom_text is None
    assert _for_another_purpose(seal, "recommendation_form") in ("财务专用章", UNREAD)


def _oval(box=(1000, 1500, 1233, 1677), **kw):
    return SealMark(bbox=box, score=0.95, shape="ellipse", text=UNIT, unit_match="unit", **kw)


def test_the_units_oval_seal_with_nothing_read_under_its_star_is_reviewed_where_the_official_seal_is_needed():
    """Every generated 财务专用章 of set-s7 (A007-015, 017), the sample (A2024-004) and set-s11
    (A011-023) was read with bottom_text None, its line under the star read 「美餐」 at 0.09 or
    as nothing: stamped on a recommendation form, it passed as the unit's official seal,
    which is round."""
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[_oval(bottom_readings=[_line("美餐", 0.09)])])
    assert f.status == "review" and "椭圆形印章" in f.message and "单位公章为圆形" in f.message, f
    assert _for_another_purpose(_oval(), "achievement_proof") is None  # the finance seal's own place


@pytest.mark.parametrize("seal", [
    _oval(box=(1000, 1500, 1233, 1720)),  # a round seal photographed aslant: its box near square
    _oval(bottom_text="人事专用章"),  # the unit's own personnel seal
    SealMark(bbox=(1000, 1500, 1233, 1677), score=0.95, text=UNIT, unit_match="unit"),  # round, its box cut
])
def test_a_seal_not_an_oval_or_the_units_own_department_s_still_passes(seal):
    [f] = on_page("a/kaohe2022.jpg", "seal.unit", seals=[seal])
    assert f.status == "pass", f


# ---------------------------------------------------------------- the ink under the star, by its shape

#: a line of six character-sized glyphs under the star (marks.seals.bottom.character_row):
#: where the generator's round 合同专用章 at opacity 0.5 showed it
_ROW = InkRow(0.35, 0.49, -0.39, 0.41, 6)


@pytest.mark.parametrize("lines", [(), (("", 0.0, None),), (_line("光", 0.19),)])
def test_a_line_of_characters_under_the_star_that_no_reading_names_is_reviewed(lines):
    """A round 合同专用章 worn faint: no line under its star read at all, its ink a row of
    characters across the seal; it passed as the unit's official seal on a 推荐表."""
    seal = _ours(*lines)
    seal.bottom_row = _ROW
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[seal])
    assert f.status == "review" and "五角星下方有一行文字无法辨认" in f.message and "合同、财务等专用章" in f.message, f
    assert _for_another_purpose(seal, "achievement_proof") is None  # a finance seal's own place


@pytest.mark.parametrize("seal", [
    _ours(_line("2104000012345", 0.9)),  # the row read: the seal's serial number
    _ours(_line("2019年9月", 0.99)),  # a date printed in the seal's colour
    _ours(bottom_text="人事专用章"),
    SealMark(bbox=(1000, 1500, 1300, 1800), score=0.95, text=UNIT, unit_match="unit", color="dark"),  # a copy's gray
])
def test_a_line_under_the_star_named_by_its_reading_or_on_a_copy_leaves_the_seal_the_units(seal):
    seal.bottom_row = _ROW
    [f] = on_page("a/kaohe2022.jpg", "seal.unit", seals=[seal])
    assert f.status == "pass", f


def _form_with_seal(bottom, wear, opacity, seed, rotation=None) -> np.ndarray:
    """A2024-001's recommendation form with its seal taken off and the unit's round seal
    drawn in its place by the generator's own drawer, ``bottom`` under its star, worn and
    faint, turned ``rotation`` degrees (by default a few, from the seed), saved as a JPEG."""
    import cv2
    from PIL import Image

    from fixtures.stamps import draw_seal

    path = SAMPLE / "A2024-001" / "scan" / "扫描全能王 2024-10-17 01.29.jpg"
    page = cv2.imdecode(np.fromfile(str(path), np.uint8), cv2.IMREAD_COLOR).astype(np.float32)
    x0, y0, x1, y1 = 777, 742, 1023, 988  # its seal
    region = page[y0 - 12:y1 + 12, x0 - 12:x1 + 12]
    b, g, r = region[..., 0], region[..., 1], region[..., 2]
    ink = cv2.dilate(((r - g > 35) & (r - b > 25)).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    region[ink] = np.median(region[~ink & (region.mean(axis=2) > 150)], axis=0)
    pil = Image.fromarray(cv2.cvtColor(np.clip(page, 0, 255).astype(np.uint8), cv2.COLOR_BGR2RGB))
    draw_seal(pil, ((x0 + x1) // 2, (y0 + y1) // 2), 118, "抚顺市环境科学研究院", bottom, wear=wear, opacity=opacity,
              seed=seed, rotation_deg=seed * 7 % 20 - 10 if rotation is None else rotation)
    bgr = cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)
    return cv2.imdecode(cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 85])[1], cv2.IMREAD_COLOR)


@pytest.mark.slow
@pytest.mark.parametrize("bottom, wear, opacity, seed", [
    ("合同专用章", 0.15, 0.5, 1), ("财务专用章", 0.25, 0.5, 6), ("财务专用章", 0.3, 0.85, 124),
    ("合同专用章", 0.1, 0.3, 7)])  # very faint: its line's strokes break up at 0.3 of the seal's ink
def test_real_engine_a_round_purpose_seal_whose_line_reads_as_nothing_is_no_official_seal(
        ppocr_engine, bottom, wear, opacity, seed):
    """The generator's round 合同专用章 / 财务专用章, worn and faint, on the sample's 推荐表:
    its name read as the unit's, no line under its star read at all (bottom_readings
    empty), and it passed as the unit's official seal. Its ink there is a row of glyphs."""
    from verify.marks.seals import find_seals, read_seals

    image = _form_with_seal(bottom, wear, opacity, seed)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, ["抚顺市环境科学研究院"]) if s.certain]
    assert seal.unit_match == "unit" and seal.bottom_text is None
    assert _for_another_purpose(seal, "recommendation_form") in (UNREAD, bottom)  # its row's band may name it


@pytest.mark.slow
@pytest.mark.parametrize("wear, opacity, seed", [(0.15, 0.5, 1), (0.25, 0.5, 6), (0.1, 0.3, 7)])
def test_real_engine_the_units_round_official_seal_worn_faint_still_passes(ppocr_engine, wear, opacity, seed):
    """The same seals with nothing under the star (the unit's official seal): worn rim,
    star points and ink texture are no line of characters."""
    from verify.marks.seals import find_seals, read_seals

    image = _form_with_seal(None, wear, opacity, seed)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, ["抚顺市环境科学研究院"]) if s.certain]
    assert seal.unit_match == "unit" and seal.bottom_row is None
    assert _for_another_purpose(seal, "recommendation_form") is None


def _drawn_ink(bottom, seed, opacity, wear):
    """The ink, as the reader takes it, of the generator's round seal of the unit drawn
    alone (centre 150, 150, radius 118, upright) with ``bottom`` under its star, saved as a
    JPEG."""
    import cv2
    from PIL import Image

    from fixtures.stamps import draw_seal
    from verify.marks.seals.reading import _seal_ink_image

    pil = Image.new("RGB", (300, 300), (238, 236, 230))
    draw_seal(pil, (150, 150), 118, "抚顺市环境科学研究院", bottom, wear=wear, opacity=opacity, seed=seed)
    bgr = cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)
    bgr = cv2.imdecode(cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 85])[1], cv2.IMREAD_COLOR)
    return _seal_ink_image(bgr, "red")


@pytest.mark.parametrize("bottom, seed, opacity, wear", [
    ("合同专用章", 9, 0.3, 0.1), ("财务专用章", 4, 0.3, 0.1), ("合同专用章", 7, 0.3, 0.2), ("财务专用章", 9, 0.25, 0.2)])
def test_a_very_faint_purpose_line_still_shows_a_row_of_characters(bottom, seed, opacity, wear):
    """The generator's 合同专用章 / 财务专用章 drawn faint (opacity 0.25-0.3): the ring's ink
    is dark, the line's a quarter of it, and at 0.3 of the seal's strongest ink its strokes
    broke up into too few inked cells: no row, and the seal whose line was read as nothing
    passed as the unit's official seal (seed 7 on the sample's recommendation form). Of
    160 such seals (both words, seeds 1-20, opacity 0.25/0.3, wear 0.1/0.2) 18 showed no
    row, 3 now; of their 80 official seals, nothing under the star, none shows one."""
    from verify.marks.seals.bottom import character_row
    from verify.marks.seals.ring import _Ellipse

    ink = _drawn_ink(bottom, seed, opacity, wear)
    row = character_row(ink, _Ellipse(150, 150, 118, 118), 0.0)
    assert row is not None and row.cells >= 5 and abs(row.left + row.right) < 0.15, row


@pytest.mark.parametrize("seed, opacity, wear", [(9, 0.3, 0.1), (4, 0.3, 0.1), (7, 0.3, 0.2), (9, 0.25, 0.2)])
def test_the_units_very_faint_official_seal_shows_no_row(seed, opacity, wear):
    from verify.marks.seals.bottom import character_row
    from verify.marks.seals.ring import _Ellipse

    ink = _drawn_ink(None, seed, opacity, wear)
    assert character_row(ink, _Ellipse(150, 150, 118, 118), 0.0) is None


#: a purpose line's row on a gray copy whose page's print was told from the seal's ink
_GRAY_ROW = InkRow(0.38, 0.55, -0.43, 0.47, 5, True)


def _gray(*lines, row=_GRAY_ROW):
    seal = SealMark(bbox=(1000, 1500, 1300, 1800), score=0.6, text=UNIT, unit_match="unit", color="dark",
                    certain=False, bottom_readings=list(lines))
    seal.bottom_row = row
    return seal


@pytest.mark.parametrize("lines", [(), (("", 0.0, None),)])
def test_a_purpose_line_on_a_gray_copy_that_no_reading_names_is_reviewed(lines):
    """The sample's recommendation form copied gray, the unit's round 合同专用章 in place of
    its seal: the name read as the unit's, no line under the star read, the print in the
    seal's box (单位（盖章）, the date) far darker than the copied seal and left out: the
    seal passed as the unit's official seal, gray seals' rows being left aside."""
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[_gray(*lines)])
    assert f.status == "review" and "五角星下方有一行文字无法辨认" in f.message, f


@pytest.mark.parametrize("seal", [
    _gray(row=_GRAY_ROW._replace(printed=False)),  # no print told apart: the row may be the page's print
    _gray(row=InkRow(0.26, 0.44, -0.55, 0.32, 5, True)),  # off the centre (set-s11's clean recommendation form)
    _gray(row=InkRow(0.19, 0.32, -0.19, 0.30, 4, True)),  # four cells: 单位公章 printed in the seal
    _gray(_line("2024年10月12日", 0.95)),  # the row read: the date printed across the seal
])
def test_a_row_on_a_gray_copy_that_may_be_the_page_s_print_leaves_the_seal_the_units(seal):
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[seal])
    assert f.status == "pass", f


@pytest.mark.slow
@pytest.mark.parametrize("bottom, seed, use", [("合同专用章", 201, UNREAD), (None, 205, None)])
def test_real_engine_a_purpose_seal_on_a_gray_copy_whose_line_reads_as_nothing_is_no_official_seal(
        ppocr_engine, bottom, seed, use):
    """The sample's recommendation form with the unit's round seal drawn in place of its own
    (opacity 0.5 and 0.6), copied gray: a gray seal, its name read as the unit's, no line
    under its star read. With 合同专用章 there it passed as the unit's official seal."""
    import cv2

    from verify.marks.seals import find_seals, read_seals

    image = _form_with_seal(bottom, 0.0, 0.5 if bottom else 0.6, seed)
    image = cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, ["抚顺市环境科学研究院"])
              if s.unit_match == "unit"]
    assert seal.color == "dark" and not seal.bottom_text and not seal.bottom_readings
    assert _for_another_purpose(seal, "recommendation_form") in ((use, bottom) if use else (None,))  # its row's band may name it


@pytest.mark.slow
@pytest.mark.parametrize("bottom, wear, seed, use", [
    ("合同专用章", 0.0, 301, UNREAD),  # the turn that puts the name at the top 33 degrees off
    ("财务专用章", 0.0, 307, UNREAD),  # 12 degrees off, its line's ink 46 of the print's 185
    ("合同专用章", 0.15, 304, UNREAD),
    (None, 0.0, 313, None), (None, 0.15, 317, None)])  # the unit's official seal, as faint
def test_real_engine_a_faint_purpose_seal_on_a_gray_copy_turned_wrong_is_no_official_seal(
        ppocr_engine, bottom, wear, seed, use):
    """The sample's recommendation form with the unit's round seal drawn in its place at
    opacity 0.45, copied gray: the copied line under the star lies under a third of the
    print's ink in the seal's box, and the turn that puts the name at the top leaves it low
    and aslant, so no row showed and the 合同/财务专用章 passed as the unit's official seal.
    Measured against the seal's own ink, the page upright, the line is a row."""
    import cv2

    from verify.marks.seals import find_seals, read_seals

    image = _form_with_seal(bottom, wear, 0.45, seed)
    image = cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, ["抚顺市环境科学研究院"])
              if s.unit_match == "unit"]
    assert seal.color == "dark" and not seal.bottom_text
    assert _for_another_purpose(seal, "recommendation_form") in ((use, bottom) if use else (None,))  # its row's band may name it



@pytest.mark.slow
@pytest.mark.parametrize("bottom, use", [("合同专用章", UNREAD), (None, None)])
def test_real_engine_a_worn_purpose_line_off_the_centre_of_a_gray_copy_is_read_in_its_row(ppocr_engine, bottom, use):
    """The sample's recommendation form with the unit's round 合同专用章 drawn in place of its
    own (wear 0.15, opacity 0.85, seed 306), copied gray: the wear breaks its line after
    合同专, so its row lies off the centre (-0.46 to 0.17 of the radius) and holds four cells,
    which a gray copy's row must not be to count by its shape alone (print as light as the
    seal makes such rows), and the line is lighter than the bottom reader's cut: nothing
    read, and it passed as the unit's official seal. Its row's band, read with its levels
    stretched, reads 「合同专」. The same seal with nothing under its star still passes."""
    import cv2

    from verify.marks.seals import find_seals, read_seals

    image = _form_with_seal(bottom, 0.15, 0.85, 306)
    image = cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, ["抚顺市环境科学研究院"])
              if s.unit_match == "unit"]
    assert seal.color == "dark" and not seal.bottom_text and not seal.bottom_readings
    use_found = _for_another_purpose(seal, "recommendation_form")
    assert use_found == use
    if use:
        assert use_found.read.startswith("合同")



@pytest.mark.slow
@pytest.mark.parametrize("bottom, seed, opacity, use", [
    ("合同专用章", 23, 0.4, "合同专用章"), ("合同专用章", 21, 0.4, "合同专用章"),
    ("财务专用章", 24, 0.35, "财务专用章"),  # upside down, the name's arc at the bottom a row read as nothing
    (None, 23, 0.4, None), (None, 24, 0.35, None)])
def test_real_engine_a_purpose_seal_on_a_gray_copy_turned_upside_down_is_no_official_seal(
        ppocr_engine, bottom, seed, opacity, use):
    """The sample's recommendation form with the unit's round 合同专用章 drawn in place of its
    own (opacity 0.4 or 0.35, turned 5 degrees), copied gray: the turn that puts the name at
    the top came out upside down (seed 23: -175 degrees; seed 24: -181) or 78 degrees off
    (seed 21), so the bottom reader looked at the name's arc and read nothing; the line shows
    as a row only the page upright, of four cells, which a gray copy's row must not be to
    count by its shape alone (seed 24: the name's arc, upside down under the star, showed as
    a row itself, and the page upright was never looked at), and the seal passed as the
    unit's official seal. Its row's band reads 合同专用章. The same seal with nothing under
    its star still passes."""
    import cv2

    from verify.marks.seals import find_seals, read_seals

    image = _form_with_seal(bottom, 0.0, opacity, seed, rotation=5)
    image = cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    [seal] = [s for s in read_seals(image, find_seals(image), ppocr_engine, ["抚顺市环境科学研究院"])
              if s.unit_match == "unit"]
    assert seal.color == "dark" and seal.bottom_text in (None, "单")
    assert _for_another_purpose(seal, "recommendation_form") == use


def test_ink_at_a_third_of_the_seals_strongest_is_no_line_of_characters():
    """Probe trust14 C48: the unit's own round seal (the real S05, nothing under its star) on
    textured paper, its name's turn 32 degrees off; at 0.3 of the seal's strongest ink the
    paper's texture lined up with the inner ends of 北京 as a row of five cells, and the clean
    dossier got the review 「五角星下方有一行文字无法辨认」. Here: glyph-sized cells at 0.32 of
    the ring's ink over a wash at 0.27 that runs to the ring (at 0.25 they join it and are
    dropped as the name's ends)."""
    import cv2

    from verify.marks.seals.bottom import character_row
    from verify.marks.seals.ring import _Ellipse

    seal = np.full((400, 400), 255, np.uint8)
    cv2.circle(seal, (200, 200), 180, 0, 10)
    seal[268:290, 0:400] = 255 - 69  # the paper's texture, across the seal
    for x in range(125, 276, 32):  # five cells, 28 px (0.15 of the radius), 4 px apart
        cv2.rectangle(seal, (x, 265), (x + 26, 292), 255 - 82, 3)
        cv2.line(seal, (x, 278), (x + 26, 278), 255 - 82, 3)
    assert character_row(seal, _Ellipse(200, 200, 185, 185), 0.0) is None
    dark = seal.copy()
    dark[dark == 255 - 82] = 0  # the same cells stamped as dark as the ring: a line
    assert character_row(dark, _Ellipse(200, 200, 185, 185), 0.0) is not None


def test_the_names_ends_reaching_past_the_rim_are_no_line_of_characters():
    """Probe trust13 C31/C33: the real S05/S06 seal, its name running down both sides to
    北 and 司; the inner ends of those characters, with the paper's texture between them,
    made a row of five cells under the star (two clean reviews). A piece of ink that
    reaches past the rim is the ring's or the name's, never the line's."""
    import cv2

    from verify.marks.seals.bottom import character_row
    from verify.marks.seals.ring import _Ellipse

    seal = np.full((400, 400), 255, np.uint8)
    cv2.circle(seal, (200, 200), 180, 0, 10)
    for x in (157, 189, 221):  # three glyphs across the centre
        cv2.rectangle(seal, (x, 265), (x + 26, 292), 0, 3)
        cv2.line(seal, (x, 278), (x + 26, 278), 0, 3)
    ends = seal.copy()
    for x in (125, 253):  # the name's last characters, running down past the rim
        cv2.rectangle(ends, (x, 258), (x + 26, 340), 0, 3)
        cv2.line(ends, (x, 278), (x + 26, 278), 0, 3)
    assert character_row(ends, _Ellipse(200, 200, 185, 185), 0.0) is None
    inside = seal.copy()
    for x in (125, 253):  # the same two glyphs of a line, inside the rim: a line of five
        cv2.rectangle(inside, (x, 265), (x + 26, 292), 0, 3)
        cv2.line(inside, (x, 278), (x + 26, 278), 0, 3)
    assert character_row(inside, _Ellipse(200, 200, 185, 185), 0.0).cells == 5


def test_a_coloured_seals_row_off_the_centre_is_the_names_end_not_a_line():
    """Probe trust13 C02: the real S06 photographed askew, its turn 72 degrees off; the
    name's end turned down showed as a row of four cells 0.35 off the centre."""
    off = InkRow(0.50, 0.66, -0.49, 0.14, 4, True)
    assert _for_another_purpose(SealMark((0, 0, 9, 9), 0.9, color="red", bottom_row=off), "recommendation") is None
    centred = InkRow(0.50, 0.66, -0.40, 0.36, 4, True)
    assert _for_another_purpose(SealMark((0, 0, 9, 9), 0.9, color="red", bottom_row=centred), "recommendation") \
        == "五角星下方文字无法辨认的印章"


def test_a_word_only_a_rows_band_says_is_no_review_on_an_achievement_proof():
    """The generator's red 财务专用章 (opacity 0.3, turned 175 degrees): its row's band, read
    stretched, said 「务专用章」, taken for 业务专用章 (the lattice kept 业 and not 财). On a
    recommendation form that is a review, as its unread row was before; on an achievement
    proof, where a finance seal is the unit's own, a word only the row's band says may be
    the finance seal's misread and passes as the unread row did (on 84804cb: no review)."""
    row = InkRow(0.35, 0.49, -0.42, 0.43, 6, True, _line("业务专用章", 0.87))
    seal = _ours()
    seal.bottom_row = row
    assert _for_another_purpose(seal, "recommendation_form") == "业务专用章"
    assert _for_another_purpose(seal, "achievement_proof") is None
    said = _ours(_line("业务专用章", 0.45))  # the bottom reader's own line: said as before
    assert _for_another_purpose(said, "achievement_proof") == "业务专用章"
