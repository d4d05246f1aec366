"""A PDF one of whose objects that is not a stream is simply large (a page's dictionary, its
/Resources, an array) is refused before pdfminer reads it through, with the reason in Chinese:
pdfminer, which counts a page's costs before pdfium loads it (:class:`ocr.pdf_costs.PdfCosts`),
reads such an object token by token in Python, 4 to 7 s a MB. /Resources nested 1,000,000
deep (9 MB) took 38 s and a 20 MB array 141 s, each read as a blank page with no finding
(hostile exploration 11; bench_hostile). Refused from the file's bytes where the object lies
plain to see (:func:`ocr.pdf_costs.largest_object`), and otherwise as pdfminer reads it
(hidden behind ``obj`` keywords in strings, or in an object stream): the refusal is the
file's, never a fallback to other counts."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import hostile_build as build  # noqa: E402

from ocr.errors import TooComplex  # noqa: E402
from ocr.pdf_costs import MAX_OBJECT_BYTES, MAX_SPANNED_BYTES, PdfCosts, largest_object  # noqa: E402
from ocr.sources import iter_pages  # noqa: E402


def _read(path: Path) -> list:
    return [page.text_layer for page in iter_pages(path)]


def test_a_plain_large_object_is_refused_from_the_files_bytes(tmp_path):
    flat = build.pdf_large_object(tmp_path / "flat.pdf", 20 << 20)
    nested = build.pdf_deep_object(tmp_path / "nested.pdf", 1_000_000, "resources")
    for path in (flat, nested):
        assert largest_object(path) > MAX_SPANNED_BYTES
        started = time.monotonic()
        with pytest.raises(TooComplex, match="文件构造异常") as refused:
            _read(path)
        assert time.monotonic() - started < 10, "refused before pdfminer reads it (was 38 s and 141 s)"
        assert f"超过 {MAX_SPANNED_BYTES >> 20} MB" in str(refused.value)


@pytest.mark.parametrize("how", ["hidden", "packed"])
def test_a_large_object_the_bytes_do_not_show_is_refused_as_pdfminer_reads_it(tmp_path, how):
    path = build.pdf_large_object(tmp_path / f"{how}.pdf", 3 << 20, how)
    assert largest_object(path) < MAX_OBJECT_BYTES, "the file's bytes show only small objects"
    started = time.monotonic()
    with pytest.raises(TooComplex, match="文件构造异常") as refused:
        _read(path)
    assert time.monotonic() - started < 45
    assert f"超过 {MAX_OBJECT_BYTES >> 20} MB" in str(refused.value)


def test_once_over_every_later_read_is_refused_and_the_file_stays_spoiled(tmp_path):
    path = build.pdf_large_object(tmp_path / "a.pdf", 300 << 10, "hidden")
    costs = PdfCosts(path, 1, 50_000, max_object_bytes=100 << 10)
    try:
        first = costs.oversized
        assert first > 100 << 10
        costs.page(0)  # whatever it answers, the file is refused on its oversized
        assert costs.oversized == first
    finally:
        costs.close()
    fine = PdfCosts(path, 1, 50_000, max_object_bytes=1 << 20)
    try:
        assert fine.oversized == 0 and fine.page(0) is not None
    finally:
        fine.close()


def _form_with_junk(path: Path, fields: int, junk: bytes) -> Path:
    """A page whose form holds ``fields`` fields, its /AcroForm carrying ``junk``."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(fields))
    objects = [b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Junk " + junk + b" /Fields [" + kids + b"] >> >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length 14 >>\nstream\n0 0 10 10 re f\nendstream"]
    objects += [b"<< /T (f%d) /FT /Tx >>" % i for i in range(fields)]
    path.write_bytes(build._pdf(objects))
    return path


def test_a_large_object_never_lets_other_counts_go_uncounted(tmp_path):
    """The form's 3,500 fields (over the limit of 3,000) with a large object before them: the
    file is refused for the large object (pdfminer stopped there: its count of the fields is not whole), never
    read on with a partial count."""
    junk = b"[" + b"".join(b"0 " * (128 << 10) + b"(9 0 obj) " for _ in range(20)) + b"]"  # 5 MB, hidden
    path = _form_with_junk(tmp_path / "a.pdf", 3500, junk)
    with pytest.raises(TooComplex, match="文件构造异常"):
        _read(path)


def test_large_but_legitimate_objects_are_read(tmp_path):
    """A font's /W widths for 65,535 glyphs each on its own (800 KB, more than any real
    font writes) and a /Kids of 10,000 pages' worth: read as before."""
    widths = b"[" + b"".join(b"%d [1000] " % g for g in range(65_535)) + b"]"
    font = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /F /CIDSystemInfo << /Registry (Adobe) /Ordering "
            b"(Identity) /Supplement 0 >> /W " + widths + b" >>")
    path = tmp_path / "font.pdf"
    path.write_bytes(build._pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> "
        b"/Junk [" + b"7 0 R " * 10_000 + b"] >> >>",
        b"<< /Length 14 >>\nstream\n0 0 10 10 re f\nendstream", font,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /F /Encoding /Identity-H /DescendantFonts [5 0 R] >>",
        b"<< >>"]))
    assert 700 << 10 < largest_object(path) < MAX_OBJECT_BYTES
    costs = PdfCosts(path, 1, 50_000)
    try:
        assert costs.page(0) is not None and costs.oversized == 0
    finally:
        costs.close()
    assert len(_read(path)) == 1
