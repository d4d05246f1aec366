"""A born-digital 2-up sheet (two A5 pages on one A4 PDF page) is weighed half by half for pictures.

Probe trust17 P10: the left half's form carried the unit's e-seal (a picture), the right half's form none. The
whole page counted as not drawn only, so the unsealed half's missing seal was a review 「页面无彩色（灰度复印件…）」,
not the fail a born-digital page without its seal gets.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.model import OcrPage
from ocr.pipeline import PageResult
from ocr.sources import SourcePage, iter_pages


def test_a_pdf_pages_pictures_are_known_by_their_boxes(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="pt", format="A4")  # 842 x 595
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.text(100, 300, "Annual assessment 2021")
    pdf.text(520, 300, "Annual assessment 2022")
    pdf.image(Image.new("RGB", (40, 40), (220, 30, 30)), x=250, y=30, w=85, h=85)
    path = tmp_path / "sheet.pdf"
    pdf.output(str(path))

    page = next(iter_pages(path))
    assert page.text_layer is not None and 0 < page.image_cover < 0.05
    [(x0, y0, x1, y1)] = page.pictures
    assert abs(x0 - 250 / 842) < 0.01 and abs(x1 - 335 / 842) < 0.01  # from the left
    assert abs(y0 - 30 / 595) < 0.01 and abs(y1 - 115 / 595) < 0.01  # from the top


def test_the_half_of_a_born_digital_sheet_without_a_picture_is_drawn_only(monkeypatch):
    import verify.marks.seals as seals
    from verify.model import Applicant
    from verify.read.spreads import LEFT, RIGHT
    from verify.run import pipeline

    monkeypatch.setattr(seals, "search_seals", lambda image, ocr, ink=False, **kw: seals.PageSeals([], gray=True))
    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, names, decide=True: found)
    monkeypatch.setattr("verify.marks.signatures.find_signature_fields", lambda image, ocr, found: [])
    monkeypatch.setattr("verify.read.spreads.spread_gutter", lambda ocr: 1170)
    white = np.full((1653, 2339, 3), 255, np.uint8)
    applicant = Applicant(name="张三", unit="抚顺市某单位")

    def gray_parts(pictures, source="text_layer", text_layer=True, skew=0.0) -> dict:
        ocr = OcrPage(width=2339, height=1653, source=source, skew=skew)
        page = SourcePage(1, 200.0, "pdf", text_layer=ocr if text_layer else None,
                          image_cover=sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in pictures or ()), pictures=pictures)
        result = PageResult(1, ocr, 200.0, _source=page, _image=white)
        out = {}
        for part, half, drawn_only in pipeline.spread_parts(result):
            read = pipeline.read_page("考核.pdf", half, applicant, None, {}, drawn_only=drawn_only)
            out[part] = read.fields.get(pipeline.SEAL_GRAY) == "1"
        return out

    seal_left = ((0.297, 0.049, 0.398, 0.193),)  # trust17 P10's e-seal, in the 2021 form's half
    assert gray_parts(seal_left) == {LEFT: True, RIGHT: False}  # the unsealed half: no copy, its seal is missing
    assert gray_parts(((0.6, 0.05, 0.7, 0.19),)) == {LEFT: False, RIGHT: True}
    assert gray_parts(()) == {LEFT: False, RIGHT: False}
    assert gray_parts(((0.45, 0.05, 0.55, 0.19),)) == {LEFT: True, RIGHT: True}  # a picture across the gutter
    assert gray_parts(None) == {LEFT: True, RIGHT: True}  # pictures not known by their boxes
    assert gray_parts(seal_left, skew=0.4) == {LEFT: True, RIGHT: True}  # deskewed before it was split
    assert gray_parts((), source="ocr", text_layer=False) == {LEFT: True, RIGHT: True}  # a scanned sheet
