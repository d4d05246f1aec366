"""A PDF page that rendering would take minutes or gigabytes for, though it loads in a
moment, is refused before it is rendered (hostile exploration 7): one image drawn
thousands of times (pdfium decodes it at each drawing: 146 s for one page of 88 KB),
many distinct images (pdfium keeps those of a page decoded: 4.7 GB), a font or a
shading whose stream inflates to 1 GiB (3.2 GB and 2.1 GB from a 1 MB file), a Type 3
glyph of 40,000 paths shown 2,000 times (56 s), a soft mask of 45,000 paths over 200
fills (past the 180 s stall limit: pdfium draws the mask again for every object drawn
under it). Each file
is read in a child process with 1 GiB of data, so a missing guard fails the test (a
memory error, a blank page, or a time out), not the machine."""
from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from pdf_objects import pdf_bytes  # noqa: E402


def _stream(attrs: bytes, data: bytes) -> bytes:
    return b"<< " + attrs + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _page(path: Path, content: bytes, resources: bytes, objects: list[bytes]) -> Path:
    """One A4 page drawing ``content`` with ``resources``; ``objects`` are 5, 6, ..."""
    path.write_bytes(pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << "
                                + resources + b" >> >>", _stream(b"", content), *objects]))
    return path


def _gray_image(size: int) -> bytes:
    return _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                   b"/BitsPerComponent 8 /Filter /FlateDecode" % (size, size), zlib.compress(bytes(size * size), 9))


def _gib_of_zeros() -> bytes:
    comp = zlib.compressobj(9)
    block = bytes(1 << 24)
    return b"".join(comp.compress(block) for _ in range(64)) + comp.flush()


def one_image_drawn_often(path: Path, draws: int = 400) -> Path:
    """A 4000 x 4000 image drawn ``draws`` times (6.4 Gpx for 400), some through a form."""
    form = _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Im 5 0 R >> >>",
                   b"q 595 0 0 842 0 0 cm /Im Do Q" * 4)
    content = b"q 595 0 0 842 0 0 cm /Im Do Q\n" * (draws // 2) + b"/Fm Do\n" * (draws // 8)
    return _page(path, content, b"/XObject << /Im 5 0 R /Fm 6 0 R >>", [_gray_image(4000), form])


def many_images(path: Path, count: int = 60) -> Path:
    """``count`` distinct 4000 x 4000 images, each drawn once (960 Mpx for 60)."""
    names = b" ".join(b"/Im%d %d 0 R" % (i, 5 + i) for i in range(count))
    content = b"".join(b"q 595 0 0 842 0 0 cm /Im%d Do Q\n" % i for i in range(count))
    return _page(path, content, b"/XObject << " + names + b" >>", [_gray_image(4000)] * count)


def font_bomb(path: Path) -> Path:
    """A TrueType font whose file inflates to 1 GiB, used on the page."""
    font = b"<< /Type /Font /Subtype /TrueType /BaseFont /F /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>"
    descriptor = (b"<< /Type /FontDescriptor /FontName /F /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>")
    return _page(path, b"BT /F1 24 Tf 72 700 Td (Hello) Tj ET", b"/Font << /F1 5 0 R >>",
                 [font, descriptor, _stream(b"/Filter /FlateDecode", _gib_of_zeros())])


def shading_bomb(path: Path) -> Path:
    """A triangle-mesh shading whose stream inflates to 1 GiB, painted with ``sh``."""
    shading = _stream(b"/ShadingType 4 /ColorSpace /DeviceGray /BitsPerCoordinate 8 /BitsPerComponent 8 "
                      b"/BitsPerFlag 8 /Decode [0 595 0 842 0 1] /Filter /FlateDecode", _gib_of_zeros())
    return _page(path, b"/Sh0 sh", b"/Shading << /Sh0 5 0 R >>", [shading])


def _type3(path: Path, glyph: bytes, text: bytes) -> Path:
    """A Type 3 font whose glyph ``a`` is ``glyph``, showing ``text`` at 24 pt."""
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
            b"/CharProcs << /a 6 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 "
            b"/LastChar 97 /Widths [1000] >>")
    return _page(path, b"BT /T3 24 Tf 10 700 Td (" + text + b") Tj ET", b"/Font << /T3 5 0 R >>",
                 [font, _stream(b"", b"1000 0 0 0 1000 1000 d1 " + glyph)])


def heavy_type3_glyph(path: Path) -> Path:
    """A glyph of 40,000 paths shown 100 times: 4 M objects."""
    return _type3(path, b"0 0 m 1000 1000 l S " * 40_000, b"a" * 100)


def _masked(path: Path, mask_objects: int, fills: int) -> Path:
    """``fills`` rectangles drawn under one soft mask whose form draws ``mask_objects`` paths."""
    group = _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Group << /S /Transparency /CS /DeviceGray >>",
                    b"0 0 m 595 842 l S " * mask_objects)
    state = b"<< /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G 6 0 R >> >>"
    content = b"q /GS0 gs " + b"".join(b"%d 0 5 842 re f\n" % (i % 590) for i in range(fills)) + b"Q 0 0 m 9 9 l S" * 5
    return _page(path, content, b"/ExtGState << /GS0 5 0 R >>", [state, group])


def heavy_soft_mask(path: Path) -> Path:
    """A soft mask of 4,500 paths over 40 fills: 180,000 objects (28 s)."""
    return _masked(path, 4_500, 40)


def jpx_smaller_than_it_is(path: Path, size: int = 12000, draws: int = 3) -> Path:
    """A JPEG 2000 image of ``size`` x ``size`` (a few KB) whose dictionary says 100 x 100,
    drawn ``draws`` times: pdfium decodes the codestream's size (hostile exploration 8:
    16000 x 16000 three times took 11 s and 1.3 GB)."""
    import io

    from PIL import Image

    jpx = io.BytesIO()
    Image.new("L", (size, size), 255).save(jpx, "JPEG2000", irreversible=True, quality_mode="rates",
                                             quality_layers=[200])
    image = _stream(b"/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Filter /JPXDecode", jpx.getvalue())
    return _page(path, b"q 595 0 0 842 0 0 cm /Im Do Q\n" * draws, b"/XObject << /Im 5 0 R >>", [image])


def _read(path: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_DATA, (1 << 30, 1 << 30))\n"
            "from ocr.sources import iter_pages\nfrom ocr.errors import UnreadableFile\n"
            "try:\n    print('pages', sum(1 for p in iter_pages(sys.argv[1]) if p.image is not None))\n"
            "except UnreadableFile as e:\n    print('refused', e.reason)\n")
    return subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize("build, words", [
    (one_image_drawn_often, "亿像素"),
    (many_images, "亿像素"),
    (font_bomb, "解压后超过 128 MB"),
    (shading_bomb, "解压后超过 128 MB"),
    (heavy_type3_glyph, "Type 3 字体字形"),
    (heavy_soft_mask, "软蒙版（SMask）"),
    (jpx_smaller_than_it_is, "亿像素"),
], ids=["one-image-drawn-often", "many-images", "font-bomb", "shading-bomb", "type3-glyph", "soft-mask",
        "jpx-smaller-than-it-is"])
def test_a_page_that_rendering_would_expand_past_the_limits_is_refused(tmp_path, build, words):
    done = _read(build(tmp_path / "p.pdf"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 第 1 页") and words in done.stdout, done.stdout


def test_the_cost_counts_an_image_each_time_it_is_drawn_and_a_shared_font_once(tmp_path):
    from ocr.pdf_costs import PdfCosts

    costs = PdfCosts(one_image_drawn_often(tmp_path / "p.pdf", draws=16), 1, max_objects=1000)
    try:
        cost = costs.page(0)
    finally:
        costs.close()
    # 8 drawings on the page, 2 of the form drawing it 4 times each
    assert cost.image_pixels == (8 + 2 * 4) * 4000 * 4000


def _ordinary_page(path: Path) -> Path:
    """A 600 dpi A3 scan (70 Mpx) with its text in a small embedded font (4 MB)."""
    font = b"<< /Type /Font /Subtype /TrueType /BaseFont /F /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>"
    descriptor = (b"<< /Type /FontDescriptor /FontName /F /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>")
    image = _stream(b"/Type /XObject /Subtype /Image /Width 7016 /Height 9921 /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 1 /Filter /FlateDecode", zlib.compress(bytes(877 * 9921), 9))
    path = _page(path, b"q 595 0 0 842 0 0 cm /Im Do Q BT /F1 24 Tf 72 700 Td (Hello) Tj ET",
                 b"/XObject << /Im 8 0 R >> /Font << /F1 5 0 R >>",
                 [font, descriptor, _stream(b"/Filter /FlateDecode", zlib.compress(bytes(4 << 20))), image])
    return path


def test_a_page_of_ordinary_images_and_fonts_is_read(tmp_path):
    """A 600 dpi A3 scan (70 Mpx) with its text in a small embedded font: under the limits."""
    done = _read(_ordinary_page(tmp_path / "p.pdf"))
    assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]


def test_ordinary_soft_masks_and_type3_fonts_are_read(tmp_path):
    """A soft mask of a few objects over a page of fills, objects drawn after the mask's
    state is restored, and a bitmap Type 3 font (a glyph is one inline image, as TeX
    writes it) over 3,000 characters: under the limits."""
    from ocr.pdf_costs import PdfCosts

    masked = _masked(tmp_path / "mask.pdf", 3, 2000)
    glyphs = _type3(tmp_path / "t3.pdf", b"q 1000 0 0 1000 0 0 cm BI /W 8 /H 8 /BPC 1 /IM true ID \x00\x00\x00\x00\x00\x00\x00\x00 EI Q",
                    b"a" * 3000)
    for path in (masked, glyphs):
        done = _read(path)
        assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]
    costs = PdfCosts(masked, 1, max_objects=50_000)
    try:
        assert costs.page(0).masked == 2000 * 3  # the 5 paths after Q are drawn without the mask
    finally:
        costs.close()


def _mesh_pages(path: Path, pages: int, triangles: int) -> Path:
    """``pages`` pages painting one free-form triangle mesh of ``triangles`` random
    page-sized triangles (some 2 ms each to render: no count made before rendering
    tells that cost from a mesh of small ones)."""
    import random

    rng = random.Random(7)
    mesh = bytes(b for _ in range(triangles * 3) for b in (0, rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    shading = _stream(b"/ShadingType 4 /ColorSpace /DeviceGray /BitsPerCoordinate 8 /BitsPerComponent 8 "
                      b"/BitsPerFlag 8 /Decode [0 595 0 842 0 1] /Filter /FlateDecode", zlib.compress(mesh, 9))
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               _stream(b"", b"/Sh0 sh"), b"<< /Shading << /Sh0 5 0 R >> >>", shading]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources 4 0 R >>"] * pages
    path.write_bytes(pdf_bytes(objects))
    return path


def test_a_pdf_whose_pages_render_slowly_is_cut_when_its_render_time_is_spent(tmp_path, monkeypatch):
    """A file's pages may render in all for MAX_FILE_RENDER_SECONDS of CPU (here 0.5 s):
    the pages rendered are kept, the next ones are refused naming the page they start at.
    400 pages each rendering in 140 s (a 1 MB mesh shading) passed every stall limit and
    held a worker 15 hours."""
    import ocr.sources as sources
    from ocr.errors import TooComplex

    monkeypatch.setattr(sources, "MAX_FILE_RENDER_SECONDS", 0.5, raising=False)
    rendered = []
    with pytest.raises(TooComplex) as refused:
        for page in sources.iter_pages(_mesh_pages(tmp_path / "p.pdf", pages=6, triangles=600), lazy=True):
            rendered.append(page.image.shape)
    assert 1 <= len(rendered) < 6
    assert refused.value.reason.startswith(f"第 {len(rendered) + 1} 页起未渲染"), refused.value.reason


def test_resources_that_pages_share_are_walked_once(tmp_path):
    """400 pages sharing one resources dictionary of 20,000 fonts: walked on each page
    it took 14 s before a page was rendered; once, under a second or two."""
    import time

    from ocr.pdf_costs import PdfCosts

    fonts, pages = 20_000, 400
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, _stream(b"", b""),
               b"<< /Font << " + b" ".join(b"/F%d %d 0 R" % (i, 5 + i) for i in range(fonts)) + b" >> >>"]
    objects += [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] * fonts
    first = len(objects) + 1
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources 4 0 R >>"] * pages
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (first + i) for i in range(pages))
                  + b"] /Count %d >>" % pages)
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf_bytes(objects))
    started = time.monotonic()
    costs = PdfCosts(path, pages, max_objects=50_000)
    try:
        assert all(costs.page(i).resource_bytes == 0 for i in range(pages))
    finally:
        costs.close()
    assert time.monotonic() - started < 4.0


def _page_in_object_stream(path: Path, spaces: int) -> Path:
    """One page whose page object sits in an object stream padded with ``spaces`` spaces
    (deflated: 1 GB in 1 MB), the file indexed by a cross-reference stream."""
    import struct

    header, page = b"3 0 ", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    comp = zlib.compressobj(9)
    packed = comp.compress(header + page) + b"".join(comp.compress(bytes(b" ") * (1 << 20))
                                                     for _ in range(spaces >> 20)) + comp.flush()
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               4: _stream(b"", b""), 5: _stream(b"/Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode", packed)}
    out, at = bytearray(b"%PDF-1.5\n"), {}
    for n, body in objects.items():
        at[n] = len(out)
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    rows = b"".join(struct.pack(">BIH", *r) for r in [(0, 0, 65535), (1, at[1], 0), (1, at[2], 0), (2, 5, 0),
                                                       (1, at[4], 0), (1, at[5], 0)])
    xref = len(out)
    out += (b"6 0 obj\n" + _stream(b"/Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R", rows)
            + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref)
    path.write_bytes(bytes(out))
    return path


def test_a_pdf_whose_object_stream_inflates_past_the_limit_is_refused_before_it_is_opened(tmp_path):
    """pdfium and pdfminer inflate an object stream whole as soon as an object in it is
    needed, before any page is loaded: a 1 MB file whose page sat in an object stream of
    1 GB took 15 s and 3.1 GB (hostile exploration 8). Here 100 MB (100 KB of file), its
    /Type written escaped (/Obj#53tm) as pdfium reads it; 1 MB of the same is read."""
    done = _read(_page_in_object_stream(tmp_path / "bomb.pdf", 100 << 20))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 文件的对象流解压后超过 64 MB"), done.stdout
    done = _read(_page_in_object_stream(tmp_path / "plain.pdf", 1 << 20))
    assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]


def _declaring_objects(path: Path, entries: int, size: int | None = None) -> Path:
    """One blank page whose classic cross-reference table lists ``entries`` objects (each
    a copy of the catalog's entry), its trailer's /Size ``size`` (default: the truth)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    body, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    table = b"xref\n0 %d\n0000000000 65535 f \n" % entries + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    table += b"%010d 00000 n \n" % offsets[0] * (entries - 1 - len(offsets))
    path.write_bytes(bytes(body) + table + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                     % (size or entries, len(body)))
    return path


@pytest.mark.parametrize("size", [None, 4], ids=["told", "size-lies"])
def test_a_pdf_whose_cross_reference_declares_millions_of_objects_is_refused_before_it_is_opened(tmp_path, size):
    """pdfium and pdfminer each hold an entry for every object the cross-reference lists
    as the file is opened: a 160 MB table of 8,000,000 entries took 34 s and 2.4 GB
    before its one blank page was read (hostile2's audit). Here 1,100,000 entries
    (22 MB), its /Size telling the truth or not; 1,000 of the same are read."""
    done = _read(_declaring_objects(tmp_path / "many.pdf", 1_100_000, size))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 文件的交叉引用表声明了超过 1,000,000 个对象"), done.stdout
    done = _read(_declaring_objects(tmp_path / "plain.pdf", 1_000, size))
    assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]


def test_counting_the_pages_of_such_a_pdf_does_not_open_it(tmp_path, monkeypatch):
    """The worker counts a dossier's pages before checking it: pdfium would inflate the
    object stream there too, under the start-up time."""
    import pypdfium2

    from verify.run import inputs

    opened = []
    monkeypatch.setattr(pypdfium2, "PdfDocument", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(OSError()))
    assert inputs._pdf_pages(_page_in_object_stream(tmp_path / "bomb.pdf", 100 << 20)) == 1 and opened == []
    inputs._pdf_pages(_page_in_object_stream(tmp_path / "plain.pdf", 1 << 20))
    assert len(opened) == 1


def _count_lies(data: bytes) -> bytes:
    """The page tree says 2 pages where it holds 1: pdfium counts 2, pdfminer finds 1."""
    return data.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [3 0 R] /Count 2")


def _page_without_type(data: bytes) -> bytes:
    """The page's dictionary has no ``/Type /Page``: pdfium takes it for a page, pdfminer not."""
    return data.replace(b"<< /Type /Page /Parent", b"<< /Parent")


def _no_xref_no_trailer(data: bytes) -> bytes:
    """The cross-reference table and the trailer cut off: pdfium rebuilds them, pdfminer
    finds no catalog and reads no object."""
    return data[:data.rindex(b"xref")] + b"%%EOF\n"


def _pdfminer_pages(path: Path) -> int | None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with open(path, "rb") as fh:
        try:
            return sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(fh))))
        except Exception:
            return None


@pytest.mark.parametrize("build, damage, words", [
    (one_image_drawn_often, _count_lies, "亿像素"),
    (one_image_drawn_often, _page_without_type, "亿像素"),
    (one_image_drawn_often, _no_xref_no_trailer, "亿像素"),
    (many_images, _count_lies, "亿像素"),
    (jpx_smaller_than_it_is, _page_without_type, "亿像素"),
    (jpx_smaller_than_it_is, _no_xref_no_trailer, "亿像素"),
    (font_bomb, _count_lies, "解压后超过 128 MB"),
    (font_bomb, _no_xref_no_trailer, "解压后超过 128 MB"),
    (shading_bomb, _no_xref_no_trailer, "解压后超过 128 MB"),
    (heavy_type3_glyph, _count_lies, "Type 3 字体字形"),
    (heavy_soft_mask, _page_without_type, "软蒙版（SMask）"),
], ids=["image-drawn-often/count-lies", "image-drawn-often/page-without-type", "image-drawn-often/no-trailer",
        "many-images/count-lies", "jpx/page-without-type", "jpx/no-trailer", "font/count-lies", "font/no-trailer",
        "shading/no-trailer", "type3-glyph/count-lies", "soft-mask/page-without-type"])
def test_a_bomb_whose_pages_pdfminer_cannot_match_to_pdfiums_is_still_refused(tmp_path, build, damage, words):
    """pdfminer's page costs failed open where it could not match its pages to pdfium's,
    which repairs the file (hostile exploration 8, left 1): one image drawn 400 times
    behind a lying ``/Count`` rendered for 23 s, a font of 1 GiB of zeros behind a lost
    trailer took 35 s and 3.2 GB. Each page is now held to the worst page-like object of
    the file, where pdfminer reads its objects; else to its largest stream that is not an
    image; and the images are counted as pdfium loaded the page too (hostile exploration 9)."""
    import pypdfium2 as pdfium

    path = build(tmp_path / "p.pdf")
    path.write_bytes(damage(path.read_bytes()))
    assert _pdfminer_pages(path) != len(pdfium.PdfDocument(path)), "pdfminer matches pdfium here: no case"
    done = _read(path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 第 1 页") and words in done.stdout, done.stdout


@pytest.mark.parametrize("damage", [_page_without_type, _no_xref_no_trailer], ids=["page-without-type", "no-trailer"])
def test_an_ordinary_page_whose_pages_pdfminer_cannot_match_is_still_read(tmp_path, damage):
    """The same damage to an ordinary page (a 600 dpi A3 scan, a 4 MB font): pdfium
    repairs it and it is read, not refused by the worst-case counts."""
    path = _ordinary_page(tmp_path / "p.pdf")
    path.write_bytes(damage(path.read_bytes()))
    done = _read(path)
    assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]


def test_a_form_of_thousands_of_fields_is_refused_before_a_page_is_loaded(tmp_path):
    """pdfium builds a PDF's form as its first page loads, looking each field's name up
    among its siblings one by one: 30,000 fields side by side (5 MB) took 20 s each time
    the file was opened, 100 s to read one page; 10 pages of 3,000 fields took 42 s to load
    the first (hostile exploration 10). The fields are counted first, from the file."""
    import time

    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    import hostile_build

    started = time.monotonic()
    done = _read(hostile_build.pdf_form_fields(tmp_path / "p.pdf", 30_000, pages=10))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 文件的表单含超过 3000 个填写字段"), done.stdout
    assert time.monotonic() - started < 30


def test_an_ordinary_filled_form_is_read():
    """A form of 300 fields, a dense real form's, is read with its fields."""
    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    import tempfile

    import hostile_build

    with tempfile.TemporaryDirectory() as tmp:
        done = _read(hostile_build.pdf_form_fields(Path(tmp) / "p.pdf", 300, pages=2))
    assert done.returncode == 0 and done.stdout.strip() == "pages 2", done.stdout + done.stderr[-2000:]


def test_form_fields_are_counted_through_their_kids_and_stop_past_the_limit(tmp_path):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    from ocr.pdf_costs import form_fields

    # one parent field holding 5,000 kids: side by side under it, as costly as at the top
    kids = " ".join(f"{3 + i} 0 R" for i in range(5000)).encode()
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf_bytes([b"<< /Type /Catalog /Pages 5003 0 R /AcroForm << /Fields [2 0 R] >> >>",
                                b"<< /T (parent) /Kids [" + kids + b"] >>"]
                               + [b"<< /T (k%d) /Parent 2 0 R >>" % i for i in range(5000)]
                               + [b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    with open(path, "rb") as fh:
        document = PDFDocument(PDFParser(fh))
        assert form_fields(document) == 5001
        assert form_fields(document, limit=10_000) == 5001


@pytest.mark.parametrize("annotations, pages, words", [
    (30_000, 40, "refused 第 1 页含 30000 个批注"),
    (3_000, 400, "refused 前 17 页共含 51000 个批注"),
], ids=["one-page", "all-pages"])
def test_pages_of_thousands_of_annotations_are_refused_before_they_are_drawn(tmp_path, annotations, pages, words):
    """pdfium loads each annotation as its page loads, draws it into the page and again as
    the page is rendered: a page of 30,000 squares took 13 s, and 40 pages sharing them
    (1.5 MB) some 9 minutes (hostile exploration 10)."""
    import time

    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    import hostile_build

    started = time.monotonic()
    done = _read(hostile_build.pdf_annotations(tmp_path / "p.pdf", annotations, pages=pages))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith(words), done.stdout
    assert time.monotonic() - started < 30


def test_a_page_of_some_hundred_annotations_is_read(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    import hostile_build

    done = _read(hostile_build.pdf_annotations(tmp_path / "p.pdf", 500, pages=3))
    assert done.returncode == 0 and done.stdout.strip() == "pages 3", done.stdout + done.stderr[-2000:]


def test_a_pdf_of_thousands_of_layers_is_refused_before_it_is_rendered(tmp_path):
    """pdfium looks each marked object's layer up in the layer lists one by one as it
    renders: 20,000 layers each marking a square (3 MB) took 35 s, 40,000 took 308 s
    (hostile exploration 10)."""
    import time

    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    import hostile_build

    started = time.monotonic()
    done = _read(hostile_build.pdf_layers(tmp_path / "p.pdf", 20_000))  # its catalog 567 KB: under the 1 MB object limit
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 文件含超过 2000 个图层"), done.stdout
    assert time.monotonic() - started < 30


def test_a_drawing_of_some_hundred_layers_is_read(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    import hostile_build

    done = _read(hostile_build.pdf_layers(tmp_path / "p.pdf", 500, marked=5000))
    assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]
