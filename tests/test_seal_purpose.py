"""A unit's special-purpose seal (合同专用章, 财务专用章…) is not its official seal (issue 13):
the line under the star, read too unsurely to be kept as ``bottom_text``, is checked against
the recogniser's own probabilities for it before the seal passes as the unit's."""
from __future__ import annotations

import numpy as np
import pytest

from ocr.ctc import Lattice, toy_frames
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
