"""How much memory decoding a big image page takes, beyond the decoded page itself.

A page between 40 and 120 Mpx is read at an integer fraction of its size. Pillow's own
``reduce`` first copies a whole RGBA page (to premultiply alpha), and the full-size
pixels stayed alive while the reduced page was turned and copied: a 118 Mpx RGBA PNG
took 1.1 GB in one process, against a contract of 1.5 GB for a whole run.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hostile_build as build

ROOT = Path(__file__).resolve().parents[2]

DECODE = """
import resource, sys
from ocr.sources import iter_pages
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
pages = [p.image.shape for p in iter_pages(sys.argv[1])]
print(pages[0][0], pages[0][1], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start)
"""


def test_a_big_rgba_page_is_reduced_without_a_second_full_size_copy(tmp_path):
    width, height = 10000, 11000  # 110 Mpx: under the 120 Mpx limit, read at half its size
    png = build.png_bomb(tmp_path / "扫描.png", width, height, bit_depth=8, colour=6)
    out = subprocess.run([sys.executable, "-c", DECODE, str(png)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    rows, cols, grown_kb = map(int, out.stdout.split())
    assert (rows, cols) == (height // 2, width // 2)
    decoded_kb = width * height * 4 // 1024  # Pillow's RGBA page
    print(f"\n{width}x{height} RGBA PNG: peak grew {grown_kb / 1024:.0f} MB, "
          f"{grown_kb / decoded_kb:.2f}x the decoded page")
    assert grown_kb <= 1.5 * decoded_kb


def test_a_page_of_one_row_is_refused_before_decoding(tmp_path):
    """A PNG of one row of 119,000,000 pixels (115 KB) cannot be reduced under the
    decoding limit (its row stays a row): its 59.5 Mpx strip took 2.9 GB and 37 s to
    check. A page whose longer side is over 100 times its shorter one is no page."""
    from PIL import Image

    from ocr.errors import UnreadableFile
    from ocr.sources import iter_pages

    wide = tmp_path / "长条.png"
    Image.new("L", (20_000_000, 1), 255).save(wide)
    try:
        pages = [p.image.shape for p in iter_pages(wide)]
    except UnreadableFile as exc:
        assert "长宽比异常" in exc.reason and "20000000×1" in exc.reason
    else:
        raise AssertionError(f"read as {pages}")
    tall = tmp_path / "长截图.png"  # a phone's long screenshot is read, as the A4 pages it is long (ocr.tall)
    Image.new("L", (1080, 23000), 255).save(tall)
    shapes = [p.image.shape for p in iter_pages(tall)]
    assert len(shapes) == 15 and {s[1:] for s in shapes} == {(1080, 3)} and sum(s[0] for s in shapes) == 23000


def _tiff_chain(path: Path, pages: int) -> Path:
    """A TIFF of ``pages`` 1 x 1 pages sharing one strip: 116 bytes a page."""
    import struct

    tags = [(256, 3, 1), (257, 3, 1), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 8), (277, 3, 1), (278, 3, 1),
            (279, 4, 1)]
    size = 2 + 12 * len(tags) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 16) + b"\xff" * 8)
    for i in range(pages):
        nxt = len(out) + size if i < pages - 1 else 0
        out += struct.pack("<H", len(tags)) + b"".join(
            struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value))
            for tag, kind, value in tags) + struct.pack("<I", nxt)
    path.write_bytes(bytes(out))
    return path


def test_a_tiff_of_many_pages_is_refused_before_pillow_counts_them(tmp_path):
    """Pillow counts a TIFF's pages by reading every page's tags: 200,000 pages (23 MB)
    took it 446 s before the file was refused as over 400 pages; 30,000 here (3.5 MB,
    some 12 s with Pillow) must be refused in a second."""
    import time

    from ocr.errors import TooManyPages
    from ocr.sources import iter_pages

    path = _tiff_chain(tmp_path / "扫描.tif", 30_000)
    started = time.monotonic()
    try:
        list(iter_pages(path))
    except TooManyPages as exc:
        assert "文件共 30000 页" in exc.reason
    else:
        raise AssertionError("read")
    assert time.monotonic() - started < 2.0
    assert [p.image.shape for p in iter_pages(_tiff_chain(tmp_path / "三页.tif", 3))] == [(1, 1, 3)] * 3


def test_counting_a_dossiers_pages_reads_a_tiffs_chain_not_its_pages(tmp_path):
    """The batch counts every dossier's pages in its main process before the workers
    start (to schedule the biggest first): a TIFF of 200,000 pages held it 446 s."""
    import time

    from verify.run.inputs import count_pages

    _tiff_chain(tmp_path / "扫描.tif", 30_000)
    _tiff_chain(tmp_path / "两页.tiff", 2)
    started = time.monotonic()
    assert count_pages(tmp_path) == 30_002
    assert time.monotonic() - started < 2.0


def test_a_jpeg_of_thousands_of_marker_segments_is_refused_before_pillow_reads_them(tmp_path):
    """Pillow reads a JPEG's marker segments one by one in Python and keeps every APPn:
    5,000,000 empty APP1 segments (20 MB) took 65 s and 1.4 GB to open, 20 MB of 0xFF fill
    bytes 22 s (hostile exploration 8). A camera's photo, EXIF and ICC profile included,
    is still read."""
    import io

    import pytest
    from PIL import Image

    from ocr.errors import TooComplex
    from ocr.sources import iter_pages

    photo = io.BytesIO()
    image = Image.new("RGB", (200, 280), "white")
    exif = image.getexif()
    exif[0x0112] = 1
    image.save(photo, "JPEG", exif=exif, icc_profile=bytes(200_000))  # an ICC profile of four APP2 segments
    photo = photo.getvalue()
    (tmp_path / "photo.jpg").write_bytes(photo)
    assert [p.image.shape[:2] for p in iter_pages(tmp_path / "photo.jpg")] == [(280, 200)]
    for name, padding in (("segments.jpg", b"\xff\xe1\x00\x02" * 5000), ("fill.jpg", b"\xff" * 5000)):
        (tmp_path / name).write_bytes(photo[:2] + padding + photo[2:])
        with pytest.raises(TooComplex) as err:
            list(iter_pages(tmp_path / name))
        assert "1000 个标记段" in err.value.reason and "疑似异常构造" in err.value.reason


def test_a_png_of_thousands_of_extra_chunks_is_refused_before_pillow_reads_them(tmp_path):
    """Pillow reads a PNG's chunks one by one in Python and keeps every private one:
    2,000,000 empty chunks (24 MB) took 10 s and 500 MB to open (hostile exploration 8).
    A PNG with its text, resolution and colour profile, its pixels in 3,000 IDAT chunks,
    is still read."""
    import io
    import random
    import struct
    import zlib

    import pytest
    from PIL import Image, PngImagePlugin

    from ocr.errors import TooComplex
    from ocr.sources import iter_pages

    def chunk(kind: bytes, data: bytes = b"") -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    info = PngImagePlugin.PngInfo()
    for i in range(10):
        info.add_text(f"k{i}", "扫描仪" * 10)
    plain = io.BytesIO()
    Image.new("L", (300, 400), 255).save(plain, "PNG", pnginfo=info, dpi=(300, 300), icc_profile=bytes(3000))
    plain = plain.getvalue()
    start, end = plain.index(b"IDAT") - 4, plain.index(b"IEND") - 4
    noise = random.Random(8).randbytes(300)
    pixels = zlib.compress(b"".join(b"\x00" + noise for _ in range(400)), 0)
    split = b"".join(chunk(b"IDAT", pixels[i:i + 40]) for i in range(0, len(pixels), 40))
    assert split.count(b"IDAT") > 2000
    (tmp_path / "scan.png").write_bytes(plain[:start] + split + plain[end:])
    assert [p.image.shape[:2] for p in iter_pages(tmp_path / "scan.png")] == [(400, 300)]
    (tmp_path / "chunks.png").write_bytes(plain[:start] + chunk(b"abCd") * 5000 + plain[start:])
    with pytest.raises(TooComplex) as err:
        list(iter_pages(tmp_path / "chunks.png"))
    assert "元数据等数据块超过 1000 个" in err.value.reason


TEXT_PEAK = """
import resource, sys
from ocr.errors import TooComplex
from ocr.sources import iter_pages
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    list(iter_pages(sys.argv[1]))
    said = "read"
except TooComplex as exc:
    said = exc.reason
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start, said)
"""


def test_a_png_of_too_much_text_is_refused_from_its_chunks_headers(tmp_path):
    """Pillow reads a text chunk whole before it counts it against its 64 MB of text: a
    100 MB iTXt chunk took a worker some 450 MB (the bytes read, split, sliced and decoded
    at once) to be refused. Its header says as much: refused so, with Pillow's own message,
    in a few MB; a PNG whose text is under the limit is read as before."""
    from PIL import PngImagePlugin

    huge = build.png_big_text(tmp_path / "huge.png", b"iTXt", PngImagePlugin.MAX_TEXT_MEMORY + (1 << 20))
    below = build.png_big_text(tmp_path / "below.png", b"tEXt", 2 << 20)
    peaks = {}
    for png in (huge, below):
        out = subprocess.run([sys.executable, "-c", TEXT_PEAK, str(png)], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert out.returncode == 0, out.stderr[-2000:]
        grown_kb, said = out.stdout.split(maxsplit=1)
        peaks[png.name] = (int(grown_kb), said.strip())
    assert peaks["huge.png"][1].startswith("图像附带的元数据（文字说明、色彩配置等）过大")
    assert peaks["huge.png"][0] < 16 << 10, f"grew {peaks['huge.png'][0] >> 10} MB"
    assert peaks["below.png"][1] == "read"


def test_a_png_of_a_million_image_data_chunks_is_refused_before_pillow_reads_them(tmp_path):
    """Empty IDAT chunks are allowed (the image data is their concatenation) and were not
    counted: Pillow reads each in Python, a million (12 MB) took 2.5 s to decode and a 1 GB
    file of them would take four minutes (hostile exploration 11). A page written a row a
    chunk (1,100 chunks) is still read."""
    import time

    import pytest

    from ocr.errors import TooComplex
    from ocr.sources import iter_pages

    build.png_many_idat(tmp_path / "idat.png", 1_000_000)
    started = time.monotonic()
    with pytest.raises(TooComplex) as err:
        list(iter_pages(tmp_path / "idat.png"))
    assert "拆成超过 200000 段" in err.value.reason and time.monotonic() - started < 1.5
    build.png_many_idat(tmp_path / "rows.png", 1100)
    assert [p.image.shape[:2] for p in iter_pages(tmp_path / "rows.png")] == [(1100, 800)]


def test_a_tiff_of_millions_of_strips_is_refused_before_pillow_reads_them(tmp_path):
    """Pillow reads every number of a TIFF's tags into a Python integer and builds a tile
    for each strip: 2,000,000 strips of one 100 x 100 page (16 MB) took 25 s and 1.2 GB
    (hostile exploration 8). Here 1,000,001 strips all point at one row."""
    import struct

    import pytest

    from ocr.errors import TooComplex
    from ocr.sources import iter_pages

    n, width = 1_000_001, 100
    offsets_at = 8 + 2 + 12 * 9 + 4
    pixels_at = offsets_at + 8 * n
    entries = [(256, 4, 1, width), (257, 4, 1, 100), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, n, offsets_at), (277, 3, 1, 1), (278, 4, 1, 1), (279, 4, n, offsets_at + 4 * n)]
    data = b"II*\x00" + struct.pack("<IH", 8, len(entries))
    data += b"".join(struct.pack("<HHI", tag, kind, count) + (struct.pack("<HH", value, 0) if kind == 3
                                                              else struct.pack("<I", value))
                     for tag, kind, count, value in entries) + struct.pack("<I", 0)
    data += struct.pack(f"<{n}I", *[pixels_at] * n) + struct.pack(f"<{n}I", *[width] * n) + b"\xff" * width
    (tmp_path / "strips.tif").write_bytes(data)
    with pytest.raises(TooComplex) as err:
        list(iter_pages(tmp_path / "strips.tif"))
    assert "2000009 个数值" in err.value.reason  # and the seven other tags' one each
