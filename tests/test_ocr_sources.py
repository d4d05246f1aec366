"""Page sources: every file type, EXIF, the PDF text layer, and bad files."""
from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pdf_objects import pdf_bytes

from ocr.errors import (CorruptFile, EmptyFile, EncryptedFile, MissingFile, TooManyPages,
                        UnreadableFile, UnsupportedFile)
from ocr.sources import iter_pages
from ocr.synthetic import find_cjk_font

FONT = find_cjk_font()


def _pattern(w=120, h=80) -> np.ndarray:
    """RGB image whose top-left quarter is red and the rest white (orientation marker)."""
    a = np.full((h, w, 3), 255, np.uint8)
    a[: h // 2, : w // 2] = (255, 0, 0)
    return a


@pytest.mark.parametrize("fmt,suffix", [("JPEG", ".jpg"), ("PNG", ".png"), ("BMP", ".bmp"), ("TIFF", ".tif")])
def test_single_image_formats(tmp_path, fmt, suffix):
    path = tmp_path / f"page{suffix}"
    Image.fromarray(_pattern()).save(path, fmt, dpi=(300, 300))
    pages = list(iter_pages(path))
    assert [p.index for p in pages] == [1]
    img = pages[0].image
    assert img.shape == (80, 120, 3) and img.dtype == np.uint8
    # BGR: red shows as high channel 2
    assert img[5, 5, 2] > 200 and img[5, 5, 0] < 60
    assert pages[0].dpi == pytest.approx(300, abs=1) and not pages[0].dpi_estimated
    assert pages[0].text_layer is None


def test_format_comes_from_bytes_not_name(tmp_path):
    path = tmp_path / "really_a_png.jpg"
    Image.fromarray(_pattern()).save(path, "PNG")
    assert next(iter_pages(path)).format == "png"


def test_gray_palette_and_alpha_images_become_bgr(tmp_path):
    for mode in ("L", "P", "RGBA", "1"):
        path = tmp_path / f"m_{mode}.png"
        Image.fromarray(_pattern()).convert(mode).save(path)
        img = next(iter_pages(path)).image
        assert img.ndim == 3 and img.shape[2] == 3, mode


def test_multipage_tiff(tmp_path):
    path = tmp_path / "multi.tif"
    frames = [Image.fromarray(np.full((40, 50, 3), 40 * i, np.uint8)) for i in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    pages = list(iter_pages(path))
    assert [p.index for p in pages] == [1, 2, 3]
    assert [int(p.image[0, 0, 0]) for p in pages] == [0, 40, 80]


@pytest.mark.parametrize("orientation,rotation", [(3, 180), (6, 90), (8, 270)])
def test_exif_orientation_is_honoured(tmp_path, orientation, rotation):
    img = Image.fromarray(_pattern(120, 80))
    exif = img.getexif()
    exif[0x0112] = orientation
    path = tmp_path / "phone.jpg"
    img.save(path, exif=exif, quality=95)
    page = next(iter_pages(path))
    out = page.image
    assert page.exif_rotation == rotation
    expected = np.rot90(_pattern(120, 80), k=-rotation // 90)  # clockwise
    assert out.shape[:2] == expected.shape[:2]
    # the red quarter lands where a clockwise rotation puts it
    red = out[:, :, 2].astype(int) - out[:, :, 1]
    ys, xs = np.nonzero(red > 100)
    eys, exs = np.nonzero(expected[:, :, 0].astype(int) - expected[:, :, 1] > 100)
    assert abs(ys.mean() - eys.mean()) < 5 and abs(xs.mean() - exs.mean()) < 5


def test_lazy_pages_decode_on_access(tmp_path):
    path = tmp_path / "p.png"
    Image.fromarray(_pattern()).save(path)
    page = next(iter_pages(path, lazy=True))
    assert page._image is None
    assert page.image.shape == (80, 120, 3)


# -- PDF ----------------------------------------------------------------------

fpdf = pytest.importorskip("fpdf")


def _digital_pdf(path: Path, lines: list[str], image_page: np.ndarray | None = None,
                 invisible: bool = False, encrypt: bool = False) -> None:
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("zh", fname=FONT, collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=14)
    if invisible:
        pdf.text_mode = fpdf.enums.TextMode.INVISIBLE
    for i, line in enumerate(lines):
        pdf.text(72, 100 + 30 * i, line)
    if image_page is not None:
        pdf.add_page()
        buf = io.BytesIO()
        Image.fromarray(image_page).save(buf, "PNG")
        pdf.image(buf, x=0, y=0, w=595.28, h=841.89)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.output(str(path))


needs_font = pytest.mark.skipif(FONT is None, reason="no CJK font installed")


@needs_font
def test_pdf_text_layer_and_image_pages(tmp_path):
    path = tmp_path / "mixed.pdf"
    _digital_pdf(path, ["抚顺市生态环境局", "ISSN 1674-1021   CN 21-1234/X", "2024年5月16日"],
                 image_page=np.full((1100, 780, 3), 255, np.uint8))
    pages = list(iter_pages(path, dpi=200))
    assert [p.index for p in pages] == [1, 2]
    first, second = pages
    assert first.text_layer is not None and first.text_layer.source == "text_layer"
    assert second.text_layer is None
    texts = [l.text for l in first.text_layer.lines]
    assert texts[0] == "抚顺市生态环境局"
    assert texts[1].startswith("ISSN 1674-1021") and "CN 21-1234/X" in "".join(texts)
    assert texts[-1] == "2024年5月16日"
    # coordinates are pixels of the page rendered at 200 dpi
    assert (first.text_layer.width, first.text_layer.height) == (1654, 2339)
    x0, y0, x1, y1 = first.text_layer.lines[0].bbox
    assert abs(x0 - 72 * 200 / 72) < 6 and 80 * 200 / 72 < y0 < 100 * 200 / 72 < y1
    # the text-layer page renders lazily, at the size its coordinates refer to
    assert first._image is None
    assert first.image.shape == (2339, 1654, 3)
    assert second.image.shape == (2339, 1654, 3)
    # the rendered glyphs sit inside the reported box
    crop = first.image[y0:y1, x0:x1]
    assert crop.min() < 100


@needs_font
def test_a_seal_drawn_in_vectors_leaves_the_text_layer_s_lines_whole(tmp_path):
    """A seal drawn as a PDF library's user draws it (red characters turned along a ring, over a date line) and the
    signer's name set askew beside its label are no part of the page's lines; black text set a quarter turn stays
    (probe trust32: 检索日期：2024年宁省9月12日查, 单位负责人签字：孟庆和)."""
    import math

    path = tmp_path / "vector_seal.pdf"
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("zh", fname=FONT, collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=14)
    pdf.text(72, 100, "检索机构：辽宁省图书馆科技查新中心")
    pdf.text(72, 130, "检索日期：2024年9月12日")
    with pdf.rotation(90, x=400, y=300):
        pdf.text(400, 300, "单位意见")  # a table's vertical label, in black
    pdf.text(72, 200, "单位负责人签字：")
    pdf.set_text_color(25, 35, 110)
    with pdf.rotation(5, x=200, y=200):
        pdf.text(200, 200, "孟庆和")  # the signature, a name in a script face set askew
    pdf.set_text_color(226, 18, 30)
    pdf.set_font("zh", size=12)
    cx, cy, r = 170, 125, 45
    name = "辽宁省图书馆科技查新中心"
    for i, ch in enumerate(name):
        ang = -120 + 240 * (i + 0.5) / len(name)  # clockwise from the top; the middle ones nearly upright
        t = math.radians(ang - 90)
        bx, by = cx + r * math.cos(t), cy + r * math.sin(t)
        with pdf.rotation(-ang, x=bx, y=by):
            pdf.text(bx - 5, by, ch)
    pdf.output(str(path))
    texts = [line.text for line in next(iter_pages(path, dpi=200)).text_layer.lines]
    assert texts[:2] == ["检索机构：辽宁省图书馆科技查新中心", "检索日期：2024年9月12日"]
    assert texts[2] == "单位负责人签字："
    assert sorted("".join(texts[3:])) == sorted("单位意见")  # one character a line, as before


@needs_font
def test_invisible_text_layer_is_not_trusted(tmp_path):
    """A scan with someone else's hidden OCR layer is read again, not believed."""
    path = tmp_path / "ocrd_scan.pdf"
    _digital_pdf(path, ["抚顺市生态环境局"], invisible=True)
    page = next(iter_pages(path))
    assert page.text_layer is None


@needs_font
def test_text_layer_can_be_switched_off(tmp_path):
    path = tmp_path / "digital.pdf"
    _digital_pdf(path, ["抚顺市生态环境局"])
    assert next(iter_pages(path, use_text_layer=False)).text_layer is None


@needs_font
def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    _digital_pdf(path, ["抚顺市"], encrypt=True)
    with pytest.raises(EncryptedFile) as err:
        list(iter_pages(path))
    assert "加密" in err.value.reason and err.value.path == str(path)


# -- bad files --------------------------------------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile):
        list(iter_pages(path))


def test_missing_file(tmp_path):
    with pytest.raises(MissingFile):
        list(iter_pages(tmp_path / "nope.jpg"))


def test_unsupported_file(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(UnsupportedFile) as err:
        list(iter_pages(path))
    # named as a page: the name is not the trouble, the content is (hostile exploration)
    assert "不支持" in err.value.reason and "扩展名为 .jpg，但内容不是可识别的图像" in err.value.reason


def test_directory_is_unsupported(tmp_path):
    with pytest.raises(UnreadableFile):
        list(iter_pages(tmp_path))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_truncated_image(tmp_path, fmt):
    rng = np.random.default_rng(0)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (200, 300, 3), dtype=np.uint8)).save(buf, fmt)
    path = tmp_path / f"cut.{fmt.lower()}"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(CorruptFile):
        list(iter_pages(path))


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n")
    with pytest.raises((CorruptFile, EmptyFile)):
        list(iter_pages(path))


@needs_font
def test_truncated_pdf(tmp_path):
    good = tmp_path / "good.pdf"
    _digital_pdf(good, ["抚顺市"], image_page=np.full((200, 100, 3), 255, np.uint8))
    data = good.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    # PDFium repairs what it can; whatever it cannot read is a typed error, never a crash
    try:
        pages = list(iter_pages(cut))
        for p in pages:
            assert p.image.ndim == 3
    except UnreadableFile:
        pass


def test_page_guard(tmp_path):
    path = tmp_path / "many.tif"
    frames = [Image.new("L", (8, 8), i) for i in range(6)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(TooManyPages) as err:
        list(iter_pages(path, max_pages=5))
    assert "6" in err.value.reason


def _pdf_of_paths(path, paths: int) -> None:
    """A one-page PDF drawing ``paths`` short lines (objects pdfium counts one each)."""
    import zlib

    content = zlib.compress(b"".join(b"%d 10 m %d 20 l S\n" % (i % 500, i % 500) for i in range(paths)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"]
    path.write_bytes(pdf_bytes(objects, b"1.4"))


def test_a_pdf_page_of_too_many_drawing_objects_is_refused_before_rendering(tmp_path):
    """Probe alt23 F8: a 44 KB page of a million paths held a worker for hours; one of
    100,000 took 29 s to render."""
    from ocr.errors import TooComplex
    from ocr.sources import MAX_PAGE_OBJECTS, iter_pages

    bomb, fine = tmp_path / "bomb.pdf", tmp_path / "fine.pdf"
    _pdf_of_paths(bomb, MAX_PAGE_OBJECTS + 1)
    _pdf_of_paths(fine, 1000)
    with pytest.raises(TooComplex, match="绘图对象"):
        list(iter_pages(bomb))
    assert len(list(iter_pages(fine))) == 1


def test_a_pdf_of_many_pages_just_under_the_page_limit_is_refused_too(tmp_path, monkeypatch):
    import ocr.sources as sources
    from ocr.errors import TooComplex

    fine = tmp_path / "fine.pdf"
    _pdf_of_paths(fine, 1000)
    monkeypatch.setattr(sources, "MAX_FILE_OBJECTS", 999)
    with pytest.raises(TooComplex, match="前 1 页共含 1000 个"):
        list(sources.iter_pages(fine))


def _scan_bomb(scans: int, side: int = 256) -> bytes:
    """A progressive JPEG whose last scan is repeated ``scans`` times: each scan is
    decoded over the whole image again (at 6000 x 6000 and 2,000 scans, 87 s)."""
    buf = io.BytesIO()
    Image.new("L", (side, side), 255).save(buf, "JPEG", progressive=True, quality=75)
    data = buf.getvalue()
    last, end = data.rfind(b"\xff\xda"), data.rfind(b"\xff\xd9")
    return data[:end] + data[last:end] * scans + b"\xff\xd9"


def test_a_jpeg_of_too_many_scans_is_refused_before_decoding(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "hostile"))
    from hostile_build import _pdf

    from ocr.errors import TooComplex
    from ocr.sources import MAX_JPEG_SCANS

    fine = tmp_path / "fine.jpg"
    fine.write_bytes(_scan_bomb(0))
    assert len(list(iter_pages(fine))) == 1  # a progressive JPEG's own ten-odd scans
    bomb = tmp_path / "bomb.jpg"
    bomb.write_bytes(_scan_bomb(MAX_JPEG_SCANS + 50))
    with pytest.raises(TooComplex, match="扫描段"):
        list(iter_pages(bomb))
    # the same image drawn on every page of a PDF (decoded again on each)
    jpg = _scan_bomb(MAX_JPEG_SCANS + 50)
    pages = 3
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + k) for k in range(pages)), pages),
               b"<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
               b"<< /Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray /BitsPerComponent 8"
               b" /Filter /DCTDecode /Length %d >>\nstream\n" % len(jpg) + jpg + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
                b" /Resources << /XObject << /Im1 4 0 R >> >> >>"] * pages
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(_pdf(objects))
    with pytest.raises(TooComplex, match="PDF 中的JPEG"):
        list(iter_pages(pdf))


def test_a_jpeg_of_too_many_scans_is_refused_inside_a_compressed_pdf_stream(tmp_path):
    """A PDF may store a JPEG compressed again (/Filter [/FlateDecode /DCTDecode]): its
    scan markers are then not in the file's bytes, and the same 150-scan image passed
    the check on the raw file and was decoded on every page (hostile exploration)."""
    import sys
    import zlib

    sys.path.insert(0, str(Path(__file__).parent / "hostile"))
    from hostile_build import _pdf

    from ocr.errors import TooComplex
    from ocr.sources import MAX_JPEG_SCANS

    def pdf_of(jpg: bytes) -> Path:
        packed = zlib.compress(jpg, 9)
        assert b"\xff\xda" not in packed or packed.count(b"\xff\xda") < 5
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
                   b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
                   b"<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
                   b"<< /Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray"
                   b" /BitsPerComponent 8 /Filter [/FlateDecode /DCTDecode] /Length %d >>\nstream\n" % len(packed)
                   + packed + b"\nendstream",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
                   b" /Resources << /XObject << /Im1 4 0 R >> >> >>"]
        path = tmp_path / f"wrapped{len(jpg)}.pdf"
        path.write_bytes(_pdf(objects))
        return path

    assert len(list(iter_pages(pdf_of(_scan_bomb(0))))) == 1  # an honest progressive JPEG, compressed again
    with pytest.raises(TooComplex, match="扫描段"):
        list(iter_pages(pdf_of(_scan_bomb(MAX_JPEG_SCANS + 50))))


def test_a_jpeg_cut_short_with_its_end_marker_put_back_is_corrupt(tmp_path):
    """The decoder fills what a cut file lacks with flat gray and says nothing: the lower
    part of the page (where seals, signatures and dates are) was read as blank paper, and
    the reviewer told "no seal" instead of "the file is damaged" (hostile exploration)."""
    rng = np.random.default_rng(0)
    page = np.full((600, 400, 3), 235, np.uint8)
    page[::7] = rng.integers(0, 120, (len(page[::7]), 400, 3))  # some print to code
    buf = io.BytesIO()
    Image.fromarray(page).save(buf, "JPEG", quality=80)
    data = buf.getvalue()
    whole = tmp_path / "whole.jpg"
    whole.write_bytes(data)
    assert len(list(iter_pages(whole))) == 1
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[: int(len(data) * 0.4)] + b"\xff\xd9")
    with pytest.raises(CorruptFile, match="图像不完整"):
        list(iter_pages(cut))


def test_a_float_tiff_stored_zero_to_one_is_read_as_its_gray_levels(tmp_path):
    """A 32-bit float TIFF with values 0..1 read as an all-black page, silently (hostile
    exploration): white paper is 1.0, not 1 of 255."""
    page = np.ones((300, 200), np.float32)
    page[100:150, 50:150] = 0.0
    path = tmp_path / "float.tif"
    Image.fromarray(page, "F").save(path)
    image = next(iter(iter_pages(path))).image
    assert image[10, 10].tolist() == [255, 255, 255] and image[120, 100].tolist() == [0, 0, 0]


@pytest.mark.parametrize("chunk", ["zTXt", "iCCP", "tEXt"])
def test_a_png_whose_metadata_is_too_large_is_not_called_damaged(tmp_path, chunk):
    """Hostile exploration 2 P9: a good image carrying a zTXt or iCCP chunk that
    inflates past Pillow's limit, or tEXt chunks past its total, read 文件已损坏."""
    import struct
    import zlib

    from ocr.errors import TooComplex

    def png_chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    buf = io.BytesIO()
    Image.new("L", (40, 30), 255).save(buf, "PNG")
    png = buf.getvalue()
    big = zlib.compress(b" " * (16 << 20), 9)  # past MAX_TEXT_CHUNK (1 MB)
    extra = {"zTXt": png_chunk(b"zTXt", b"Comment\x00\x00" + big),
             "iCCP": png_chunk(b"iCCP", b"icc\x00\x00" + big),
             "tEXt": b"".join(png_chunk(b"tEXt", b"k%d\x00" % i + b"x" * 60_000) for i in range(1200))}[chunk]
    path = tmp_path / "page.png"
    path.write_bytes(png[:33] + extra + png[33:])  # after IHDR, before the pixels
    with pytest.raises(TooComplex, match="元数据") as err:
        list(iter_pages(path))
    assert "损坏" not in err.value.reason


def test_a_file_larger_than_any_dossier_needs_is_refused_unread(tmp_path):
    """A sparse file of a few KB on disk claiming 50 GB was read in full, and pdfium counted
    a fake PDF's pages in the batch's own process for minutes (hostile exploration 3)."""
    import time

    from ocr.errors import MAX_FILE_BYTES, TooLarge
    from verify.run.inputs import count_pages

    big = tmp_path / "d" / "fake.pdf"
    big.parent.mkdir()
    big.write_bytes(b"%PDF-1.4\n")
    os.truncate(big, MAX_FILE_BYTES + 1)
    with pytest.raises(TooLarge, match="文件过大"):
        list(iter_pages(big))
    started = time.monotonic()
    assert count_pages(big.parent) == 1
    assert time.monotonic() - started < 5


def test_an_animated_png_is_its_first_frame_never_every_frame(tmp_path):
    """An APNG's frames are an animation, not pages: each was decoded as a page (2.8 s a
    frame on a large canvas: hostile exploration 3)."""
    path = tmp_path / "anim.png"
    frames = [Image.new("RGB", (64, 48), c) for c in ("white", "black", "red")]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with Image.open(path) as img:
        assert img.n_frames == 3
    pages = list(iter_pages(path))
    assert len(pages) == 1 and pages[0].image.shape[:2] == (48, 64)


@pytest.mark.parametrize("compression", ["tiff_lzw", "jpeg", "raw"])
def test_a_multi_page_tiff_cut_short_is_a_damaged_file_not_an_error(tmp_path, compression):
    """A scanner still writing a three-page TIFF: Pillow's TypeError (Missing dimensions)
    escaped, and the report said 读取时出错（TypeError） (hostile exploration 4, P5)."""
    whole = tmp_path / "whole.tif"
    frames = [Image.new("RGB", (400, 300), c) for c in ("white", "gray", "black")]
    frames[0].save(whole, save_all=True, append_images=frames[1:], compression=compression)
    data = whole.read_bytes()
    for share in (0.3, 0.6, 0.9):
        cut = tmp_path / f"cut{share}.tif"
        cut.write_bytes(data[:int(len(data) * share)])
        try:
            pages = [p.image for p in iter_pages(cut)]
        except CorruptFile:
            continue  # damaged, said so
        assert 1 <= len(pages) <= 3  # what could be read was read


def test_a_jpeg_named_jfif_or_with_a_space_after_its_extension_is_a_page(tmp_path):
    """证书扫描.jfif (how browsers on Windows name a downloaded JPEG) and 证书.JPG␠ (from a
    zip) were refused as 不支持的文件类型, though a JPEG named .pdf is read (hostile
    exploration 4, P5)."""
    from verify.run.inputs import count_pages
    from verify.run.pipeline import dossier_files

    for name in ("证书扫描.jfif", "证书.JPG ", "照片.jpe"):
        Image.new("RGB", (64, 48), "white").save(tmp_path / name, format="JPEG")
    files, odd = dossier_files(tmp_path)
    assert sorted(p.name for p in files) == sorted(["证书扫描.jfif", "证书.JPG ", "照片.jpe"]) and odd == []
    assert count_pages(tmp_path) == 3


def test_an_archive_in_a_dossier_folder_is_said_to_be_one_not_an_unsupported_type(tmp_path):
    """材料.zip or 证书.rar in an applicant's folder was 「不支持的文件类型 .zip」, which does not tell the applicant
    that the scans inside were never checked, nor what to do (hostile2)."""
    import zipfile

    from verify.run.pipeline import dossier_files

    with zipfile.ZipFile(tmp_path / "材料.zip", "w") as zf:
        zf.writestr("证书.jpg", b"x")
    (tmp_path / "证书.rar").write_bytes(b"Rar!\x1a\x07\x00")
    (tmp_path / "说明.txt").write_text("x")
    files, odd = dossier_files(tmp_path)
    said = {u.file: u.reason for u in odd}
    assert files == [] and set(said) == {"材料.zip", "证书.rar", "说明.txt"}
    assert all("压缩包" in said[n] and "未解压" in said[n] for n in ("材料.zip", "证书.rar"))
    assert "不支持的文件类型" in said["说明.txt"]


def test_a_phone_photo_in_heic_named_jpg_says_what_it_is(tmp_path):
    """An iPhone's HEIC photo renamed .jpg was "damaged, or another type of file", which
    told the applicant nothing to do (hostile exploration 4, P5)."""
    from ocr.errors import UnsupportedFile

    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200))
    with pytest.raises(UnsupportedFile) as err:
        list(iter_pages(path))
    assert "HEIC" in err.value.reason and "转换为 JPG" in err.value.reason


@pytest.mark.parametrize("fmt, saved_as, said", [("WEBP", "微信图片.jpg", "WebP"), ("GIF", "证书.png", "GIF"),
                                                 ("JPEG2000", "扫描.jpg", "JPEG 2000")])
def test_a_picture_in_another_format_named_as_a_page_says_which_format(tmp_path, fmt, saved_as, said):
    """A WebP (how WeChat and browsers save pictures, still named .jpg), a GIF or a JPEG 2000
    named as a page was 「可能已损坏，或是改了扩展名的其他类型文件」, which told the applicant
    nothing to do (hostile exploration 8)."""
    from ocr.errors import UnsupportedFile

    path = tmp_path / saved_as
    Image.new("RGB" if fmt != "GIF" else "P", (64, 48), "white").save(path, format=fmt)
    with pytest.raises(UnsupportedFile) as err:
        list(iter_pages(path))
    assert said in err.value.reason and "转换为 JPG" in err.value.reason and "损坏" not in err.value.reason


def test_a_rar_or_7z_archive_named_as_a_page_says_it_is_an_archive(tmp_path):
    from ocr.errors import UnsupportedFile

    for name, head, said in (("材料.pdf", b"Rar!\x1a\x07\x01\x00", "RAR 压缩包"), ("材料.jpg", b"7z\xbc\xaf\x27\x1c\x00\x04", "7z 压缩包")):
        (tmp_path / name).write_bytes(head + bytes(200))
        with pytest.raises(UnsupportedFile) as err:
            list(iter_pages(tmp_path / name))
        assert said in err.value.reason and "损坏" not in err.value.reason


@pytest.mark.parametrize("saved_as, head, said", [
    ("论文.pdf", b"CAJ\x00", "中国知网（CNKI）的 CAJ 格式文献"), ("论文.pdf", b"HN\x00\x00", "NH 格式文献"),
    ("证书.jpg", b"\xff\x0a\xfa\x7f", "JPEG XL"), ("推荐表.pdf", b"PK\x03\x04" + b"0" * 26 + b"FixedDocumentSequence.fdseq",
                                                    "XPS 文档"),
    ("证书.jpg", b"\x00\x00\x00\x18ftypisom", "视频文件"), ("证书.jpg", b"<!DOCTYPE html>", "网页"),
], ids=["caj", "nh", "jxl", "xps", "video", "html"])
def test_a_paper_from_cnki_a_jpeg_xl_or_an_xps_named_as_a_page_says_what_it_is(tmp_path, saved_as, head, said):
    """Each was 「可能已损坏，或是改了扩展名的其他类型文件」, which told the applicant nothing
    to do (hostile exploration 10)."""
    from ocr.errors import UnsupportedFile

    (tmp_path / saved_as).write_bytes(head + bytes(200))
    with pytest.raises(UnsupportedFile) as err:
        list(iter_pages(tmp_path / saved_as))
    assert said in err.value.reason and "转换为 JPG 或 PDF" in err.value.reason and "损坏" not in err.value.reason


def test_a_paper_from_cnki_or_a_page_printed_to_xps_is_asked_to_be_converted(tmp_path):
    from verify.rules.readable import unreadable_message
    from verify.run.pipeline import dossier_files

    for name in ("论文.caj", "论文.kdh", "论文.nh", "推荐表.xps", "推荐表.oxps"):
        (tmp_path / name).write_bytes(b"x")
    files, odd = dossier_files(tmp_path)
    said = {u.file: unreadable_message(u.reason) for u in odd}
    assert files == [] and len(said) == 5 and all("转换为 JPG 或 PDF" in m for m in said.values()), said


def test_a_picture_or_document_in_a_format_not_read_is_asked_to_be_converted(tmp_path):
    """证书.webp (how WeChat saves a picture) and 推荐表.docx were told 「请申报人重新提交清晰、
    未加密的扫描件」; they are asked to be converted, and the content's format is written
    apart from the words around it (文件内容是 WebP 格式图片, not 文件内容是WebP). Hostile
    exploration 8."""
    from ocr.errors import UnsupportedFile
    from verify.rules.readable import unreadable_message
    from verify.run.pipeline import dossier_files

    Image.new("RGB", (64, 48), "white").save(tmp_path / "证书.webp", format="WEBP")
    (tmp_path / "推荐表.docx").write_bytes(b"PK\x03\x04" + bytes(30))
    (tmp_path / "说明.txt").write_text("x")
    files, odd = dossier_files(tmp_path)
    said = {u.file: unreadable_message(u.reason) for u in odd}
    assert files == [] and set(said) == {"推荐表.docx", "说明.txt", "证书.webp"}
    assert "转换为 JPG 或 PDF" in said["证书.webp"] and "转换为 JPG 或 PDF" in said["推荐表.docx"]
    assert "转换" not in said["说明.txt"]
    (tmp_path / "微信图片.jpg").write_bytes((tmp_path / "证书.webp").read_bytes())
    with pytest.raises(UnsupportedFile) as err:
        list(iter_pages(tmp_path / "微信图片.jpg"))
    assert "文件内容是 WebP 格式图片，" in err.value.reason


def _exported_pdf(path: Path, lines: list[str], edit) -> None:
    """A digital PDF as an office exporter writes it: uncompressed, its bytes edited at the same length."""
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_compression(False)
    pdf.add_font("zh", fname=FONT, collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=14)
    for i, line in enumerate(lines):
        pdf.text(72, 100 + 30 * i, line)
    path.write_bytes(edit(bytes(pdf.output())))


@needs_font
def test_a_text_layer_without_its_tounicode_map_is_read_from_the_pixels(tmp_path):
    """A CJK font embedded without ToUnicode: PDFium gives glyph ids as code points, those under 32 dropped and
    the rest ASCII soup (!"#$%) that passed as text (probe trust12, V01: a form's grade line lost)."""
    path = tmp_path / "export.pdf"
    _exported_pdf(path, ["专业技术人员年度考核登记表", "姓名 张伟 性别 男", "考核等次：合格", "抚顺市生态环境事务服务中心"],
                  lambda b: b.replace(b"/ToUnicode", b"/ToUnicodX"))
    assert next(iter_pages(path)).text_layer is None


@needs_font
def test_a_text_layers_kangxi_radicals_are_the_characters_they_print_as(tmp_path):
    """An exporter's ToUnicode map sending 人 to the Kangxi radical ⼈ (U+2F08), 生 to ⽣: the text layer read
    申报⼈签字, which no form label matches (probe trust12, V03)."""
    import re as _re

    def radicals(b):
        for a, r in (("人", "\u2F08"), ("生", "\u2F63")):
            b = _re.sub(rb"(<[0-9A-F]{4}> )<%s>" % f"{ord(a):04X}".encode(), rb"\1<%s>" % f"{ord(r):04X}".encode(), b)
        return b

    path = tmp_path / "export.pdf"
    _exported_pdf(path, ["申报人签字：", "抚顺市生态环境局（２０２４年）"], radicals)
    assert [l.text for l in next(iter_pages(path)).text_layer.lines] == ["申报人签字：", "抚顺市生态环境局（２０２４年）"]


@pytest.mark.parametrize("dpi, squared", [((204, 98), True), ((98, 204), True), ((204, 196), False), ((200, 200), False)])
def test_a_fax_page_in_standard_resolution_is_read_with_square_pixels(tmp_path, dpi, squared):
    # a fax machine stores an A4 page at 204 x 98 dpi: 1728 x 1143 pixels, every letter half as tall as printed;
    # read so, a clean dossier faxed in standard resolution got 4 false fails and 27 reviews (probe trust15 C07)
    page = Image.new("L", (864, 1222), 255)
    page.paste(0, (200, 300, 400, 500))  # a square 200 x 200 mark, as printed
    stored = page.resize((round(864 * dpi[0] / max(dpi)), round(1222 * dpi[1] / max(dpi))), Image.NEAREST).convert("1")
    path = tmp_path / "fax.tif"
    stored.save(path, compression="group4", save_all=True, append_images=[stored], dpi=dpi)
    pages = list(iter_pages(path))
    assert len(pages) == 2
    for p in pages:
        ink = np.argwhere(p.image[:, :, 0] < 128)
        h, w = ink.max(axis=0) - ink.min(axis=0) + 1
        if squared:
            assert abs(h / w - 1) < 0.05, (h, w)  # the mark is square again
            assert p.dpi == pytest.approx(max(dpi))
            assert p.squared
        else:
            assert p.image.shape[:2] == (stored.height, stored.width)
            assert not p.squared


def test_a_jpeg_whose_header_gives_two_resolutions_is_read_as_its_pixels(tmp_path):
    # viewers show a JPEG's pixels square whatever its JFIF density says: the page is read as a reviewer sees it
    Image.new("RGB", (864, 600), "white").save(tmp_path / "p.jpg", dpi=(204, 98))
    (page,) = iter_pages(tmp_path / "p.jpg")
    assert page.image.shape[:2] == (600, 864) and not page.squared


def _filled_form(path: Path, value: bytes = b"2019-12-26", shown: bytes | None = None) -> None:
    """A born-digital form, filled in: the label printed on the page, the value only in a text field's widget
    (its /V and its appearance stream, ``shown`` where that differs), as WPS and Acrobat save a filled form."""
    import zlib

    shown = value if shown is None else shown
    content = b"BT /Helv 14 Tf 72 700 Td (Date of approval:) Tj ET"
    ap = b"/Tx BMC q BT /Helv 14 Tf 0 g 2 6 Td (" + shown + b") Tj ET Q EMC"
    ap_z = zlib.compress(ap)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /Helv 4 0 R >> >> "
        b"/Contents 5 0 R /Annots [6 0 R] >>",
        font,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /T (date) /V (" + value + b") /Rect [250 690 420 716] /P 3 0 R "
        b"/DA (/Helv 14 Tf 0 g) /AP << /N 7 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 170 26] /Resources << /Font << /Helv 4 0 R >> >> /Filter /FlateDecode "
        b"/Length %d >>\nstream\n" % len(ap_z) + ap_z + b"\nendstream",
    ]))


def test_a_filled_forms_field_values_are_drawn_and_read(tmp_path):
    """Probe trust17: a filled 推荐表 or 考核登记表 saved by WPS keeps its values (name, unit, dates, the grade) only in
    its fields' widgets. PDFium draws those only with the form environment started, and the page's text holds none of
    them, so the values were blank on the page and on no line. Now they are drawn, and read as the page's text where
    the widget draws them."""
    path = tmp_path / "form.pdf"
    _filled_form(path)
    page = next(iter_pages(path))
    lines = {line.text: line for line in page.text_layer.lines}
    assert "Date of approval:" in lines
    field = lines["2019-12-26"]
    x0, y0, x1, y1 = (int(v) for v in field.bbox)
    assert 250 * 200 / 72 - 1 <= x0 and x1 <= 420 * 200 / 72 + 1  # inside the widget's rect at 200 dpi
    assert (842 - 716) * 200 / 72 - 1 <= y0 and y1 <= (842 - 690) * 200 / 72 + 1
    assert page.image[y0:y1, x0:x1].min() < 100  # and the value is drawn there


def test_only_an_annotated_pdf_page_is_read_again_after_annotations_were_drawn(tmp_path):
    """A cache entry of a PDF page read before its form fields were drawn holds blank values: an annotated page is
    keyed apart from it. A page without annotations renders as before, so its entry stays good (a scanned dossier's
    PDFs are not read again after an upgrade)."""
    import pypdfium2 as pdfium

    from ocr.cache import OcrCache
    from ocr.model import OcrPage
    from ocr.pipeline import OcrSettings, _file_key, read_page
    from ocr.testing import CountingEngine

    form, plain = tmp_path / "form.pdf", tmp_path / "plain.pdf"
    _filled_form(form)
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(plain)
    assert next(iter_pages(form)).annotated and not next(iter_pages(plain)).annotated

    engine, cache, settings = CountingEngine(), OcrCache(tmp_path / "c.sqlite"), OcrSettings()
    for name in ("form", "plain"):  # entries written before annotations were drawn
        cache.put(_file_key(name, 1, engine, settings), OcrPage(width=1, height=1, lines=[], engine="old"))
    got = {name: read_page(next(iter_pages(p, use_text_layer=False)), engine, cache, settings, file_digest=name)
           for name, p in (("form", form), ("plain", plain))}
    assert (got["plain"].from_cache, got["form"].from_cache, engine.calls) == (True, False, 1)


def test_a_fields_value_is_read_as_its_widget_draws_it(tmp_path):
    """The field's /V may say what its widget does not draw (2019 said, 2020 drawn): the page's text is what is drawn,
    as a reader sees it."""
    path = tmp_path / "form.pdf"
    _filled_form(path, value=b"2019-12-26", shown=b"2020-12-26")
    texts = [line.text for line in next(iter_pages(path)).text_layer.lines]
    assert "2020-12-26" in texts and "2019-12-26" not in texts


def test_a_form_saved_without_its_fields_appearances_is_drawn_and_read(tmp_path):
    """A form filled by a program that writes only the values and /NeedAppearances (no widget appearance): PDFium
    makes the appearance, and the value is read where it is drawn."""
    import re

    path = tmp_path / "form.pdf"
    _filled_form(path)
    data = path.read_bytes()
    data = data.replace(b"/AP << /N 7 0 R >>", b" " * len(b"/AP << /N 7 0 R >>"))
    data = data.replace(b"/DA (/Helv 0 Tf 0 g)", b"/NeedAppearances true /DA (/Helv 0 Tf 0 g)")
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj", data)]  # the xref table written again
    head, _, _ = data.partition(b"xref\n")
    data = head + b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, len(head))
    path.write_bytes(data)
    page = next(iter_pages(path))
    field = next(line for line in page.text_layer.lines if line.text == "2019-12-26")
    x0, y0, x1, y1 = (int(v) for v in field.bbox)
    assert page.image[y0:y1, x0:x1].min() < 100


def test_a_free_text_note_typed_onto_a_page_is_a_line(tmp_path):
    """A date typed onto a born-digital page with a PDF reader's 添加文本 is a FreeText annotation: its text is in no
    text object of the page, only in the note's appearance. It is read as the page's text where the note draws it."""
    import zlib

    content = b"BT /Helv 14 Tf 72 700 Td (Date of approval:) Tj ET"
    ap = zlib.compress(b"q BT /Helv 14 Tf 0 g 2 6 Td (2019-12-26) Tj ET Q")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    path = tmp_path / "note.pdf"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /Helv 4 0 R >> >> "
        b"/Contents 5 0 R /Annots [6 0 R] >>",
        font,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Annot /Subtype /FreeText /F 4 /Contents (2019-12-26) /Rect [250 690 420 716] /P 3 0 R "
        b"/DA (/Helv 14 Tf 0 g) /AP << /N 7 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 170 26] /Resources << /Font << /Helv 4 0 R >> >> /Filter /FlateDecode "
        b"/Length %d >>\nstream\n" % len(ap) + ap + b"\nendstream",
    ]))
    page = next(iter_pages(path))
    note = next(line for line in page.text_layer.lines if line.text == "2019-12-26")
    x0, y0, x1, y1 = (int(v) for v in note.bbox)
    assert page.image[y0:y1, x0:x1].min() < 100


def test_an_electronic_seal_placed_as_a_signature_fields_appearance_is_drawn(tmp_path):
    """E-seal (电子签章) systems place the seal as the appearance of a signature field's widget. PDFium draws widgets
    only with the form environment started: such a seal was not on the rendered page at all (probe trust17 C14: a
    clean dossier's every seal missing)."""
    import zlib

    ap = zlib.compress(b"q 0.9 0 0.07 rg 10 10 m 90 10 l 90 90 l 10 90 l h f Q")
    content = b"BT /Helv 14 Tf 72 700 Td (Stamped:) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    path = tmp_path / "esealed.pdf"
    path.write_bytes(pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /Helv 4 0 R >> >> "
        b"/Contents 5 0 R /Annots [6 0 R] >>",
        font,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (Signature1) /Rect [300 600 400 700] /P 3 0 R "
        b"/AP << /N 7 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Filter /FlateDecode /Length %d >>\nstream\n" % len(ap)
        + ap + b"\nendstream",
    ]))
    image = next(iter_pages(path)).image.astype(int)  # BGR
    k = 200 / 72
    box = image[int((842 - 680) * k):int((842 - 620) * k), int(320 * k):int(380 * k)]
    assert ((box[..., 2] - box[..., 1]) > 150).mean() > 0.9  # the seal's red where its widget lies


def test_an_embedded_colour_profile_does_not_change_the_pixels_read(tmp_path):
    """A JPEG whose embedded ICC profile maps every colour to gray (red 220,30,30 shows as
    136,136,136 in a browser) is read as its pixels are stored: a profile is the applicant's
    file speaking, and honoured it could as well make a photocopied gray seal read red
    (hostile4: the seal's colour is the scanner's measure, not the file's say)."""
    import io
    import struct

    from PIL import Image

    def s15(x):
        return struct.pack(">i", round(x * 65536))

    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    third = (0.9642 / 3, 1 / 3, 0.8249 / 3)
    tags = [(b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(*third)), (b"gXYZ", xyz(*third)), (b"bXYZ", xyz(*third))]
    tags += [(sig, b"curv\0\0\0\0" + struct.pack(">IH", 1, 563)) for sig in (b"rTRC", b"gTRC", b"bTRC")]
    offset, table, data = 128 + 4 + 12 * len(tags), b"", b""
    for sig, body in tags:
        data += b"\0" * (-(offset + len(data)) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    body = struct.pack(">I", len(tags)) + table + data
    header = (struct.pack(">I", 128 + len(body)) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 28 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    from PIL import ImageCms

    shown = ImageCms.applyTransform(Image.new("RGB", (1, 1), (220, 30, 30)), ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(header + body)), ImageCms.createProfile("sRGB"), "RGB", "RGB"))
    assert len(set(shown.getpixel((0, 0)))) == 1, "the profile shows red as gray where it is honoured"
    page = tmp_path / "推荐表.jpg"
    image = Image.new("RGB", (1000, 1400), "white")
    image.paste((220, 30, 30), (400, 600, 600, 800))
    image.save(page, "JPEG", quality=95, icc_profile=header + body)
    assert Image.open(page).info.get("icc_profile")
    [read] = list(iter_pages(page))
    b, g, r = (int(v) for v in read.image[700, 500])
    assert r > 180 and g < 80 and b < 80, (r, g, b)


def _text_page(width: int, seed: int) -> np.ndarray:
    """An A4-shaped white page with rows of short dark "words" (each line 30% of the row or less), margins blank."""
    rng = np.random.default_rng(seed)
    page = np.full((round(width * 1.414), width, 3), 255, np.uint8)
    for y in range(width // 8, page.shape[0] - width // 8, 40):
        x = width // 10
        while x < width * 0.85:
            w = int(rng.integers(15, 60))
            page[y:y + 18, x:x + w] = 30
            x += w + 25
    return page


def test_a_long_screenshot_is_read_as_its_pages_cut_in_the_gaps(tmp_path):
    """长图: a phone's long screenshot of a PDF viewer, three pages one under another with the viewer's grey gaps
    (1080 x 4641), was one page shrunk to the detector's 1280 px (text 5 px tall); it is read as three pages, each
    cut in the viewer's gap between two pages (not in a cover's longer empty middle), every line of text whole. A phone's ordinary screenshot (1080 x 2400) stays one
    page, as does a landscape picture."""
    pages = [_text_page(1080, s) for s in range(3)]
    h = pages[0].shape[0]
    pages[0][150:h - 40] = 255  # a journal's cover: its title on top, its ISSN at the foot, empty between
    pages[0][h - 40:h - 22, 100:400] = 30  # (a longer blank stretch than the margins round a gap)
    gap = np.full((24, 1080, 3), 229, np.uint8)
    tall = np.vstack([pages[0], gap, pages[1], gap, pages[2]])
    Image.fromarray(tall).save(tmp_path / "Screenshot_长图.png")
    got = list(iter_pages(tmp_path / "Screenshot_长图.png"))
    assert [p.index for p in got] == [1, 2, 3]
    assert all(p.image.shape[1] == 1080 for p in got) and sum(p.image.shape[0] for p in got) == tall.shape[0]
    edges = np.cumsum([p.image.shape[0] for p in got])[:-1]
    h = pages[0].shape[0]
    for k, cut in enumerate(edges, 1):  # in the viewer's grey gap after page k
        page_end = k * h + (k - 1) * 24
        assert page_end <= cut <= page_end + 24, (k, cut)
    assert all(abs(p.dpi - 1527 / (297 / 25.4)) < 25 and p.dpi_estimated for p in got)  # each piece an A4 page
    lazy = list(iter_pages(tmp_path / "Screenshot_长图.png", lazy=True))
    assert len(lazy) == 3 and np.array_equal(lazy[2].image, got[2].image)
    Image.fromarray(np.vstack([pages[0], np.full((2400 - h, 1080, 3), 240, np.uint8)])).save(tmp_path / "shot.png")
    Image.fromarray(np.hstack(pages)).save(tmp_path / "wide.png")
    assert len(list(iter_pages(tmp_path / "shot.png"))) == 1 and len(list(iter_pages(tmp_path / "wide.png"))) == 1
