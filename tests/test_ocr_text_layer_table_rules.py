"""A born-digital table's cells are read apart at the vertical rules the page draws between them (ocr.sources
._vertical_rules, RULE_GAP), as an OCR engine reads them from the pixels: a wrapped title filling its cell ends less
than 2.5 line heights from the next cell's text, and its row came out one line (number, title head, journal, year),
so the claimed title matched no proof (probe trust34: a review on every born-digital retrieval proof). Digits one to
a box stay one number, and a gap with no rule in it joins as before."""
from __future__ import annotations

import pytest

from ocr.sources import iter_pages

fpdf = pytest.importorskip("fpdf")


def _lines(tmp_path, draw) -> list[str]:
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    draw(pdf)
    path = tmp_path / "t.pdf"
    pdf.output(str(path))
    page = next(iter_pages(path, dpi=100))
    assert page.text_layer is not None
    return [line.text for line in page.text_layer.lines]


def _row(pdf, y, cells, fill=False):
    """A table row: each cell (x, width, text) stroked as a rectangle (or, ``fill``, bordered by thin filled bars as
    office suites draw borders), its text from 3 pt inside its left side."""
    for x, w, text in cells:
        if fill:
            pdf.set_fill_color(0, 0, 0)
            pdf.rect(x, y, 0.6, 20, style="F")
            pdf.rect(x + w, y, 0.6, 20, style="F")
        else:
            pdf.rect(x, y, w, 20)
        pdf.text(x + 3, y + 14, text)


def test_a_rows_cells_are_lines_of_their_own_at_the_rules_between_them(tmp_path):
    def draw(pdf):
        # the title fills its cell: 6 pt from the journal's text, well under 2.5 line heights
        title = "Spatiotemporal variation of ammonia"
        w = pdf.get_string_width(title) + 6  # 3 pt of padding each side
        _row(pdf, 100, [(50, 30, "1"), (80, w, title), (80 + w, 110, "Journal of Env"), (190 + w, 40, "2022")])
        _row(pdf, 140, [(50, 30, "2"), (80, w, title), (80 + w, 110, "Journal of Env")], fill=True)
    assert _lines(tmp_path, draw) == ["1", "Spatiotemporal variation of ammonia", "Journal of Env", "2022",
                                      "2", "Spatiotemporal variation of ammonia", "Journal of Env"]


def test_digits_one_to_a_box_and_gaps_without_a_rule_stay_one_line(tmp_path):
    def draw(pdf):
        for i, ch in enumerate("210402198805120012"):
            pdf.rect(100 + 10 * i, 100, 10, 16)
            pdf.text(102 + 10 * i, 112, ch)
        pdf.text(60, 200, "ISSN")
        pdf.text(60 + pdf.get_string_width("ISSN") + 8, 200, "1000-0933")
    # one line each (a text layer spaces ASCII digits apart as far as these are: a rule, not the spaces, is the point)
    assert [line.replace(" ", "") for line in _lines(tmp_path, draw)] == ["210402198805120012", "ISSN1000-0933"]


def test_a_drawing_of_more_segments_than_the_bound_is_not_walked_for_rules(tmp_path, monkeypatch):
    """One path of more segments than MAX_RULE_SEGMENTS (a plotted page, or a hostile one: a million points took
    3.4 s in Python) gives no rules at all, though every one of its segments is a vertical rule."""
    import pypdfium2 as pdfium
    from pdf_objects import pdf_bytes

    from ocr import sources

    n = sources.MAX_RULE_SEGMENTS // 2 + 1  # a move and a line each
    content = "\n".join(f"{10 + i % 500} 100 m {10 + i % 500} 120 l" for i in range(n)).encode() + b"\nS"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    (tmp_path / "plot.pdf").write_bytes(pdf_bytes(objs))
    page = pdfium.PdfDocument(str(tmp_path / "plot.pdf"))[0]
    assert sources._vertical_rules(page, 0, 842) == []
    monkeypatch.setattr(sources, "MAX_RULE_SEGMENTS", 10 * sources.MAX_RULE_SEGMENTS)
    assert len(sources._vertical_rules(page, 0, 842)) == n  # within the bound, each segment is a rule
