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


def _result_foot(date: str):
    """The foot of a 公示结果: the unit's name and the date, the seal stamped over both."""
    img = Image.new("RGB", (1240, 700), (248, 247, 244))
    d = ImageDraw.Draw(img)
    d.text((120, 120), "公示期间，未收到任何单位和个人对其申报材料提出异议。特此证明。", font=cjk_font(30, "song"), fill=(20, 20, 20))
    d.text((740, 420), "抚顺市生态环境监测中心", font=cjk_font(30, "song"), fill=(20, 20, 20))
    d.text((760, 480), date, font=cjk_font(30, "song"), fill=(20, 20, 20))
    draw_seal(img, (880, 400), 125, "抚顺市生态环境监测中心", None, seed=1, rotation_deg=-6, opacity=0.9)
    return np.asarray(img)[:, :, ::-1].copy()


@pytest.mark.slow
def test_a_results_date_under_its_seal_is_read_again_from_the_original_pixels(ppocr_engine):
    from ocr.model import OcrLine
    from verify.read.under_seal import reread_day

    image = _result_foot("2024年10月21日")
    line = OcrLine("2024年10月2日", ((756, 476), (990, 476), (990, 514), (756, 514)), 0.9)
    agreed = reread_day(image, line, ppocr_engine, "2024-10-02")
    assert agreed is not None and "2024年10月21日" in agreed[0], agreed
    # a date printed as the text pass read it is read so again: nothing to change
    assert reread_day(image, line, ppocr_engine, "2024-10-21") is None
    assert reread_day(_result_foot("2024年10月2日"), line, ppocr_engine, "2024-10-02") is None


class _Reader:
    """An engine whose every reading of a line is given in turn."""

    def __init__(self, *texts):
        self.texts = list(texts)

    def read_line(self, image):
        from types import SimpleNamespace

        return SimpleNamespace(text=self.texts.pop(0) if self.texts else "", score=0.97, lattice=None)


def _result_page(issued: str):
    from ocr.model import OcrLine, OcrPage
    from verify.model import DateMention, PageRead
    from verify.read.dates import find_dates

    box = ((756, 476), (990, 476), (990, 514), (756, 514))
    page = PageRead(file="公示结果.jpg", page=1, ocr=OcrPage(lines=[OcrLine(issued, box, 0.9)], width=1240, height=700),
                    kind="publicity_result")
    end = find_dates("2024年10月18日")[0][0]
    page.dates = [DateMention(end, "2024年10月18日", (100, 100, 300, 130), "publicity_end"),
                  DateMention(find_dates(issued)[0][0], issued, (756, 476, 990, 514), "issue")]
    return page


def test_a_result_dated_before_its_publicity_ended_is_read_again_and_the_agreed_day_stands():
    from verify.run.pipeline import _recheck_result_date

    image = np.full((700, 1240, 3), 245, np.uint8)
    page = _result_page("2024年10月2日")
    _recheck_result_date(page, image, _Reader("2024年10月21日", "2024年10月21日", "2024年10月2日", "2024年10月21日"))
    assert [m.date.iso() for m in page.dates_with_role("issue")] == ["2024-10-21"]
    # read so again (one odd reading): the date stands, and publicity.duration asks a person
    page = _result_page("2024年10月2日")
    _recheck_result_date(page, image, _Reader("2024年10月2日", "2024年10月21日", "2024年10月2日", "2024年10月2日"))
    assert [m.date.iso() for m in page.dates_with_role("issue")] == ["2024-10-02"]
    # a result dated after the end is not read again
    page = _result_page("2024年10月25日")
    _recheck_result_date(page, image, _Reader("2024年10月21日", "2024年10月21日"))
    assert [m.date.iso() for m in page.dates_with_role("issue")] == ["2024-10-25"]
