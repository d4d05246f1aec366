"""The year of an annual form printed in boxes before its title (verify.read.boxed_year; probe trust19)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fixtures.stamps import cjk_font
from ocr.engines.base import LineReading
from ocr.model import OcrLine, OcrPage
from verify.model import PageRead
from verify.read.boxed_year import _without_rules, year_before_title

TITLE_BOX = ((470.0, 90.0), (930.0, 90.0), (930.0, 130.0), (470.0, 130.0))


def _form_head(year: str, family: str = "song"):
    """The head of a 考核登记表: four boxes holding the year, then the printed title."""
    img = Image.new("RGB", (1240, 400), (250, 250, 248))
    d = ImageDraw.Draw(img)
    for i, ch in enumerate(year):
        x = 283 + i * 44
        d.rectangle((x, 83, x + 44, 142), outline=(40, 40, 40), width=2)
        d.text((x + 10, 92), ch, font=cjk_font(36, family), fill=(25, 25, 25))
    d.text((472, 90), "年度专业技术人员考核登记表", font=cjk_font(36, "hei"), fill=(25, 25, 25))
    d.text((100, 220), "姓名", font=cjk_font(30), fill=(25, 25, 25))
    return np.asarray(img)[:, :, ::-1].copy()


def _page():
    return OcrPage(1240, 1754, [OcrLine("年度专业技术人员考核登记表", TITLE_BOX, 0.99, 0),
                                OcrLine("姓名", ((100.0, 220.0), (160.0, 220.0), (160.0, 250.0), (100.0, 250.0)), 0.99, 1),
                                OcrLine("考核等次", ((100.0, 600.0), (220.0, 600.0), (220.0, 630.0), (100.0, 630.0)), 0.99, 2)])


def test_the_boxes_lines_are_taken_off_and_the_digits_kept():
    import cv2

    gray = cv2.cvtColor(_form_head("2021"), cv2.COLOR_BGR2GRAY)[60:165, 260:470]
    clean = _without_rules(gray, 40)
    assert (clean[:, 23:26] > 200).all()  # a box's left side (x 283 in the page) is paper now
    assert (clean[22:25, 30:200] > 200).all()  # and its top (y 83)
    assert (clean[30:85, 30:200] < 128).sum() > 100  # the digits' ink stays


class _Reader:
    """A recogniser that reads every strip as ``text`` and records the strips it was given."""

    def __init__(self, text: str, score: float = 0.97):
        self.text, self.score, self.seen = text, score, []

    def read_line(self, image):
        self.seen.append(image.shape)
        return LineReading(self.text, self.score)


def test_a_form_whose_title_starts_with_its_year_boxes_gets_the_year_read_again():
    """Probe trust19: the title read as 年度专业技术人员考核登记表, the boxes' 2021 not at all: every year was
    reviewed as missing on ten clean dossiers. The year read again joins the title; the form is of 2021."""
    from verify.read.boxed_year import YEAR_IN_BOXES
    from verify.read.extract import extract_dates
    from verify.run.pipeline import _year_in_boxes

    read = PageRead(file="2021考核.jpg", page=1, ocr=_page(), kind="annual_assessment")
    read.dates = extract_dates(read.ocr, read.kind)
    assert not read.dates_with_role("assessment_year")
    reader = _Reader("2021")
    _year_in_boxes(read, _form_head("2021"), reader)
    assert [m.date.year for m in read.dates_with_role("assessment_year")] == [2021]
    assert read.ocr.lines[0].text == "2021年度专业技术人员考核登记表"
    x0, y0, x1, y1 = map(int, read.fields[YEAR_IN_BOXES].split(","))
    assert 260 <= x0 <= 300 and x1 <= 470, (x0, x1)
    assert len(reader.seen) == 2  # as cut and binarised


@pytest.mark.parametrize("text,score", [("2021", 0.6), ("202", 0.99), ("合格", 0.99)])
def test_no_year_is_made_up_from_an_illegible_or_other_reading(text, score):
    assert year_before_title(_form_head("2021"), _page(), _Reader(text, score)) is None


def test_two_readings_that_disagree_give_no_year():
    class Two(_Reader):
        def read_line(self, image):
            self.seen.append(image.shape)
            return LineReading("2021" if len(self.seen) == 1 else "2027", 0.97)

    assert year_before_title(_form_head("2021"), _page(), Two("")) is None


@pytest.mark.slow
@pytest.mark.parametrize("year,family", [("2021", "song"), ("2020", "kai")])
def test_the_boxed_year_is_read_by_the_real_recogniser(ppocr_engine, year, family):
    line = year_before_title(_form_head(year, family), _page(), ppocr_engine)
    assert line is not None and line.text == year, line
