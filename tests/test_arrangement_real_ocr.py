"""Arrangements of a real submission read through the real OCR engine (slow: three small pages): a section divider
sheet, an article's copyright line carrying the journal's ISSN (probe trust20)."""
from pathlib import Path

import pytest

from verify.read.classify import classify
from verify.read.extract import find_issns

LATIN = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CJK = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _ocr(tmp_path, lines):
    """An A4 page at 150 dpi with ``lines`` (text, font path, px, y) drawn on it, read by the real engine."""
    from PIL import Image, ImageDraw, ImageFont

    from ocr.errors import EngineError
    from ocr.pipeline import read_file

    for _, font, _, _ in lines:
        if not font.is_file():
            pytest.skip(f"{font} not installed")
    img = Image.new("RGB", (1240, 1754), (252, 252, 250))
    d = ImageDraw.Draw(img)
    for text, font, px, y in lines:
        f = ImageFont.truetype(str(font), px)
        d.text(((1240 - d.textlength(text, font=f)) / 2, y), text, font=f, fill=(25, 25, 25))
    path = tmp_path / "page.jpg"
    img.save(path, quality=90)
    try:
        return next(iter(read_file(path))).ocr
    except EngineError as exc:
        pytest.skip(f"OCR engine unavailable: {exc}")


@pytest.mark.slow
@pytest.mark.parametrize("heading", ["三、年度考核登记表（2021—2023年度）", "四、公示结果"])
def test_a_section_divider_read_for_real_is_no_document(tmp_path, heading):
    ocr = _ocr(tmp_path, [(heading, CJK, 62, 760), ("- 7 -", LATIN, 24, 1660)])
    assert heading[2:6] in ocr.text.replace(" ", "")
    assert classify(ocr)[0] == "other"


@pytest.mark.slow
def test_an_articles_copyright_line_gives_its_journals_issn(tmp_path):
    ocr = _ocr(tmp_path, [("https://doi.org/10.1016/j.scitotenv.2022.159921", LATIN, 17, 1600),
                          ("0045-6535/© 2023 Elsevier B.V. All rights reserved.", LATIN, 17, 1640)])
    assert "0045-6535" in find_issns(ocr.text, bare=True)
