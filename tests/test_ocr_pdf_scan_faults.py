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
