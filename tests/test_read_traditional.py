"""Pages printed in traditional characters are read again by the second recogniser
(verify.read.traditional): PP-OCRv4 drops traditional forms (專業技術資格評審推薦表 read
專業技術資格推表, 申報人簽字 read 申報人字), so labels and titles went unread."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr.engines.base import LineReading
from ocr.model import OcrLine, OcrPage
from verify.model import Applicant
from verify.read.traditional import reread_traditional

APPLICANT = Applicant(name="陈国栋", id_number="210411199008161142", unit="抚顺市生态环境监测站")

# (what the page's recogniser read, what the second one reads) per line, as on probe trust14's C42
LINES = [("專業技術資格推表", "專業技術資格評審推薦表"), ("推薦單位：順市生熊環境測站", "推薦單位：撫順市生態環境監測站"),
         ("姓名陳國", "姓名陳國棟"), ("單位推意见：", "單位推薦意見："), ("申報人字：", "申報人簽字："),
         ("單位負责人字：", "單位負責人簽字："), ("2024年10月22日", "2024年1⁰月22日")]


class _Second:
    """An engine whose second recogniser reads each line's strip by its grey level."""

    def __init__(self, readings):
        self.readings, self.calls = readings, 0

    def read_seal_line(self, strip):
        self.calls += 1
        return LineReading(self.readings[int(round(strip[..., 0].mean())) // 10 - 1], 0.99, None)


def _page(first, source="replay"):
    img = np.full((80 * len(first) + 40, 900, 3), 255, np.uint8)
    lines = []
    for i, text in enumerate(first):
        y = 40 + 80 * i
        img[y:y + 40, 100:800] = 10 * (i + 1)  # the line's grey says which it is
        lines.append(OcrLine(text, ((100, y), (800, y), (800, y + 40), (100, y + 40)), 0.95, i))
    return SimpleNamespace(index=1, ocr=OcrPage(900, img.shape[0], lines, engine="replay", source=source), image=img)


def test_a_page_printed_in_traditional_characters_takes_the_second_recognisers_fuller_reading():
    result = _page([a for a, _ in LINES])
    engine = _Second([b for _, b in LINES])
    page = reread_traditional(result, engine)
    assert engine.calls == len(LINES)
    assert [line.text for line in page.lines] == [b for _, b in LINES[:-1]] + ["2024年10月22日"]
    assert result.ocr.lines[0].text == "專業技術資格推表"  # the page read is not changed in place


def test_the_recommendation_form_read_again_is_found_with_its_signature_labels():
    from verify.run.pipeline import read_page

    result = _page([a for a, _ in LINES])
    read = read_page("x.pdf", result, APPLICANT, _Second([b for _, b in LINES]), {})
    assert read.ocr.lines[0].text == "专业技术资格评审推荐表"
    assert {"申报人签字：", "单位负责人签字："} <= {line.text for line in read.ocr.lines}
    assert read.kind == "recommendation_form"


def test_a_page_in_simplified_characters_or_a_text_layer_is_not_read_again():
    simple = [("专业技术资格评审推荐表", "x"), ("本人认眞完成监测工作", "x"), ("工作认眞负责", "x"), ("申报人签字：", "x")]
    engine = _Second(["專業技術資格評審推薦表"] * 4)
    result = _page([a for a, _ in simple])
    assert reread_traditional(result, engine) is result.ocr and engine.calls == 0
    layer = _page([a for a, _ in LINES], source="text_layer")
    assert reread_traditional(layer, engine) is layer.ocr and engine.calls == 0
    assert reread_traditional(_page([a for a, _ in LINES]), object()) is not None  # no second recogniser: as read


_SONG = "/usr/share/fonts/truetype/arphic/uming.ttc"


@pytest.mark.slow
@pytest.mark.skipif(not Path(_SONG).exists(), reason="AR PL UMing absent")
def test_a_recommendation_form_printed_in_traditional_characters_shows_its_title_and_signature_fields(ppocr_engine):
    """Real pixels, real engine: PP-OCRv4 reads 專業技術資格推薦表 and 申報人字, so no
    signature field was found on the form (a review of a blank form, never its fail)."""
    from PIL import ImageFont

    from verify.run.pipeline import read_page

    printed = ["專業技術資格評審推薦表", "推薦單位：撫順市生態環境監測站", "姓名　陳國棟　　性別　男", "現專業技術資格　助理工程師",
               "取得時間　2020年7月3日", "主要工作業績：負責企業生產廢水處理設施運行管理與在線監測數據質量控制，", "單位推薦意見：",
               "該同志申報材料真實有效，經公示無異議，同意推薦。", "申報人簽字：", "單位負責人簽字：", "（單位蓋章）", "2024年10月22日"]
    img = Image.new("RGB", (1240, 1754), (250, 250, 248))
    draw = ImageDraw.Draw(img)
    y = 120
    for i, text in enumerate(printed):
        draw.text((330 if i == 0 else 140, y), text, font=ImageFont.truetype(_SONG, 44 if i == 0 else 26), fill=(25, 25, 25))
        y += 90 if i == 0 else 70
    image = np.asarray(img)[:, :, ::-1].copy()
    result = SimpleNamespace(index=1, ocr=ppocr_engine.recognize(image), image=image)
    read = read_page("x.pdf", result, APPLICANT, ppocr_engine, {})
    assert read.kind == "recommendation_form"
    assert "专业技术资格评审推荐表" in read.ocr.text
    assert {f.label for f in read.signatures} == {"申报人签字：", "单位负责人签字："}
    assert all(f.state == "blank" for f in read.signatures)  # nothing is written there
