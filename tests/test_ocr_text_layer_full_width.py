"""A born-digital page whose text layer prints its numbers in full-width letters and digits (国际标准连续出版物号：
ＩＳＳＮ　１０００－６９２３, as a word processor's full-width mode types them) keeps its exact text layer: the recogniser
reads such a line as a mixture of full- and half-width characters, and the line must not give way to that reading
(probe trust35 C01: the 版权页's ISSN became 'IS SN１０００－６9２З', no ISSN)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ocr.pipeline import OcrSettings, read_file

fpdf = pytest.importorskip("fpdf")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
pytestmark = pytest.mark.skipif(not UMING.exists(), reason="needs AR PL UMing (fonts-arphic-uming)")

LINES = ["国内统一连续出版物号：ＣＮ\u3000１１－２２０１／Ｘ", "国际标准连续出版物号：ＩＳＳＮ\u3000１０００－６９２３",
         "国内邮发代号：2-572        定价：31.00元"]


@pytest.mark.slow
def test_a_full_width_issn_line_of_a_text_layer_is_kept_as_written(tmp_path, ppocr_engine):
    pdf = fpdf.FPDF(unit="mm", format="A4")
    pdf.add_font("uming", "", str(UMING), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("uming", size=4.0 / 0.3528 / 0.88)
    for i, line in enumerate(LINES):
        pdf.text(32, 150 + 7.5 * i, line)
    path = tmp_path / "masthead.pdf"
    pdf.output(str(path))
    [page] = list(read_file(path, ppocr_engine, None, OcrSettings()))
    texts = [l.text.replace("\u3000", "") for l in page.ocr.lines]
    assert "国际标准连续出版物号：ＩＳＳＮ１０００－６９２３" in texts, texts
    assert page.source == "text_layer", page.source
