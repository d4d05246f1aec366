"""A PDF truncated while its bytes are scanned before pdfium opens it (a re-scan written over
the upload, a withdrawn upload, a sync replacing the file in place) is a short read, never a
SIGBUS: the desk's server and a batch's own process run these scans (``too_packed``), and a
memory map of the file ended either process without a word when the file shrank under it.

Each scan runs in a child process whose hook truncates the file to nothing the moment the
scan has begun (the first stream found, the first cross-reference table read), so the test
is the same for any way of reading the file. The windowed scan's answers are also checked
against one regex pass over the whole file, windows as small as the matches themselves."""
from __future__ import annotations

import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ocr import pdf_costs

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, sys, zlib
from pathlib import Path
from ocr import pdf_costs
path, which = Path(sys.argv[1]), sys.argv[2]
def truncate():
    os.truncate(path, 0)
real = zlib.decompressobj
def decompressobj(*args, **kwargs):
    truncate()
    return real(*args, **kwargs)
pdf_costs.zlib.decompressobj = decompressobj  # packed_bytes, largest_stream: the first stream found
class Truncating:  # declared_objects: its second pattern, after the first has read the file
    def __init__(self, pattern):
        self.pattern = pattern
    def __getattr__(self, name):
        return getattr(self.pattern, name)
    def finditer(self, *args, **kwargs):
        truncate()
        return self.pattern.finditer(*args, **kwargs)
pdf_costs._XREF_INDEX = Truncating(pdf_costs._XREF_INDEX)
if which == "too_packed":
    from ocr.sources import too_packed
    print(too_packed(path))
else:
    print(getattr(pdf_costs, which)(path))
"""


def _big_pdf(path: Path, mb: int = 4) -> Path:
    """Object streams, deflated streams and a cross-reference table, spread over ``mb`` MB
    of image bytes (a memory map of it spans many pages, so a truncation leaves most of it
    unbacked)."""
    rng = random.Random(5)
    parts = [b"%PDF-1.5\n"]
    for i in range(mb):
        packed = zlib.compress(b"3 0 " + b" " * 5000)
        parts.append(b"%d 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n" % (10 + 2 * i)
                     + packed + b"\nendstream\nendobj\n")
        parts.append(b"%d 0 obj\n<< /Subtype /Image /Filter /DCTDecode >>\nstream\n" % (11 + 2 * i)
                     + rng.randbytes(1 << 20) + b"\nendstream\nendobj\n")
    parts.append(b"xref\n0 3\n0000000000 65535 f \n" + b"0000000009 00000 n \n" * 2
                 + b"trailer\n<< /Size 3 /Root 1 0 R >>\n")
    path.write_bytes(b"".join(parts))
    return path


@pytest.mark.parametrize("which", ["packed_bytes", "largest_stream", "declared_objects", "too_packed"])
def test_a_pdf_truncated_while_it_is_scanned_ends_the_scan_not_the_process(tmp_path, which):
    path = _big_pdf(tmp_path / "rescan.pdf")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), which], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, f"{which} died of signal {-proc.returncode}" if proc.returncode < 0 else proc.stderr
    assert path.stat().st_size == 0  # the hook did truncate it mid-scan


def _whole(pattern, data: bytes) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(data)]


@pytest.mark.parametrize("name", ["_TYPED", "_XREF_SIZE", "_XREF_INDEX", "_XREF_ENTRY", "_STREAM_START"])
def test_a_windowed_scan_finds_what_one_pass_over_the_whole_file_finds(tmp_path, name):
    pattern = getattr(pdf_costs, name)
    tokens = [b"/Type /ObjStm", b"/T#79pe/XRef", b"/Type\n\n  /Page", b"/Size 12", b"/Size\n900",
              b"/Index [0 2 900 5000]", b" 00000 n", b" 65535 f", b"stream\r\n", b"stream\n", b"/Typo /X",
              b"endstream\n", b"0000000009 00000 n \n"]
    rng = random.Random(11)
    data = b"".join(rng.choice(tokens) + bytes(rng.choice(b" \n/[]x0a(") for _ in range(rng.randrange(6)))
                    for _ in range(3000))
    path = tmp_path / "tokens.pdf"
    path.write_bytes(data)
    expected = _whole(pattern, data)
    assert expected
    longest = max(end - start for start, end, _ in expected)
    for window in (longest + 2, 97, 4096, 1 << 20):
        with open(path, "rb") as fh:
            got = [(base + m.start(), base + m.end(), m.groups())
                   for base, m in pdf_costs._file_matches(pattern, fh.fileno(), window=window, reach=64)]
        assert got == expected, window


def test_one_scan_for_several_patterns_finds_what_each_finds_alone(tmp_path):
    """:func:`pdf_costs._file_scan` of several patterns at once (as ``scan_pdf`` reads a file
    once for all its counts): each pattern's matches are those one pass of it alone over the
    whole file finds, overlapping other patterns' or not, and a pattern dropped part way
    through stops there while the others go on."""
    names = ["_TYPED", "_XREF_SIZE", "_XREF_INDEX", "_XREF_ENTRY", "_STREAM_START", "_OBJECT_BOUNDS"]
    patterns = [getattr(pdf_costs, n) for n in names]
    tokens = [b"/Type /ObjStm", b"/Size 12", b"/Index [0 2 900 5000]", b" 00000 n", b"stream\n", b"endstream\n",
              b"1 0 obj", b"endobj", b"xref", b"startxref", b"trailer", b"0000000009 00000 n \n"]
    rng = random.Random(3)
    data = b"".join(rng.choice(tokens) + bytes(rng.choice(b" \n/[]x0") for _ in range(rng.randrange(5)))
                    for _ in range(3000))
    path = tmp_path / "tokens.pdf"
    path.write_bytes(data)
    # the object bounds as the one alternation finds them (_OBJECT_BOUNDS searches for each keyword apart)
    expected = [_whole(pdf_costs._OBJECT_BOUNDS_RE if n == "_OBJECT_BOUNDS" else p, data)
                for n, p in zip(names, patterns)]
    for window in (200, 4096, 1 << 20):
        found: list[list] = [[] for _ in patterns]
        live = list(patterns)
        with open(path, "rb") as fh:
            for i, base, m in pdf_costs._file_scan(live, fh.fileno(), window=window, reach=64):
                found[i].append((base + m.start(), base + m.end(), m.groups()))
                if i == 3 and len(found[i]) == 10:  # dropped after its tenth match
                    live[i] = None
        for i, name in enumerate(names):
            assert found[i] == (expected[i][:10] if i == 3 else expected[i]), (name, window)


def test_scan_pdf_gives_each_count_as_it_is_given_alone(tmp_path):
    path = _big_pdf(tmp_path / "big.pdf", mb=3)
    with open(path, "ab") as fh:  # a font of zeros, an object over the spanned limit's kind of size
        fh.write(b"7 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + zlib.compress(bytes(300_000))
                 + b"\nendstream\nendobj\n8 0 obj\n<< /K [" + b"1 0 R " * 20_000 + b"] >>\nendobj\n")
    scan = pdf_costs.scan_pdf(path, streams=True)
    assert scan == pdf_costs.PdfScan(pdf_costs.declared_objects(path), *pdf_costs.packed_bytes(path),
                                     pdf_costs.largest_object(path), pdf_costs.largest_stream(path))
    assert scan.largest_stream == 300_000 and scan.largest_object > 120_000 and scan.packed_summed == 3 * 5004
    assert pdf_costs.scan_pdf(path).largest_stream is None


def test_the_keywords_searched_apart_are_the_alternations_matches():
    rng = random.Random(8)
    parts = [b"obj", b"stream", b"xref", b"trailer", b"end", b"start", b"en", b"st", b"d", b"e", b"o", b"x", b" ",
             b"\n"]
    for _ in range(200):
        data = b"".join(rng.choice(parts) for _ in range(rng.randrange(1, 60)))
        for pos in (0, 1, 3, 5):
            expected = [(m.start(), m.group()) for m in pdf_costs._OBJECT_BOUNDS_RE.finditer(data, pos)]
            got = [(m.start(), m.group()) for m in pdf_costs._OBJECT_BOUNDS.finditer(data, pos)]
            assert got == expected, (data, pos)
