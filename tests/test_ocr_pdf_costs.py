"""A PDF page that pdfium would expand past the limits as it loads it is refused first
(hostile exploration 2 P6): forms that draw one another four times forty deep, a form
that draws itself (each took a worker to its 6 GB cap in a minute), a content stream
that inflates past MAX_CONTENT_BYTES (read as a blank page). Each file is read in a
child process with 1 GiB of data, so a missing guard fails the test, not the machine."""
from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from pdf_objects import pdf_bytes

ROOT = Path(__file__).resolve().parents[1]


def _stream(attrs: bytes, data: bytes) -> bytes:
    return b"<< " + attrs + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _pdf(path: Path, content: bytes, forms: list[bytes], content_attrs: bytes = b"") -> Path:
    """One A4 page (object 3) drawing ``content`` (object 4) with ``/X1`` naming object 5;
    ``forms`` are objects 5, 6, ...: form streams (attributes and content)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
               b" /Resources << /XObject << /X1 5 0 R >> >> >>", _stream(content_attrs, content), *forms]
    path.write_bytes(pdf_bytes(objects))
    return path


def _form(draws: bytes, next_object: int | None) -> bytes:
    resources = b" /Resources << /XObject << /X %d 0 R >> >>" % next_object if next_object else b""
    return _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]" + resources, draws)


def nested(path: Path, depth: int = 40, uses: int = 4) -> Path:
    """Forms each drawing the next ``uses`` times, ``depth`` deep: uses ** depth objects."""
    forms = [_form(b"q 0.5 0 0 0.5 0 0 cm /X Do Q " * uses, 6 + i) for i in range(depth - 1)]
    return _pdf(path, b"/X1 Do", forms + [_form(b"0 0 0 rg 10 10 500 700 re f", None)])


def _read(path: Path) -> subprocess.CompletedProcess:
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_DATA, (1 << 30, 1 << 30))\n"
            "from ocr.sources import iter_pages\nfrom ocr.errors import UnreadableFile\n"
            "try:\n    print('pages', sum(1 for p in iter_pages(sys.argv[1]) if p.image is not None))\n"
            "except UnreadableFile as e:\n    print('refused', e.reason)\n")
    return subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("build, words", [
    (nested, "层层嵌套"),
    (lambda p: _pdf(p, b"/X1 Do", [_form(b"0 0 0 rg 1 1 5 5 re f /X1 Do /X1 Do", None)
                                   .replace(b"/BBox", b"/Resources << /XObject << /X1 5 0 R >> >> /BBox")]),
     "引用了自身"),
    (lambda p: _pdf(p, zlib.compress(b" " * (64 << 20), 9), [], b"/Filter /FlateDecode"), "解压后超过 32 MB"),
], ids=["nested", "self", "flate"])
def test_a_page_that_would_expand_past_the_limits_is_refused_before_loading(tmp_path, build, words):
    done = _read(build(tmp_path / "p.pdf"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("refused 第 1 页") and words in done.stdout


def test_forms_drawn_a_few_times_are_read(tmp_path):
    done = _read(nested(tmp_path / "p.pdf", depth=3, uses=4))  # 16 rectangles
    assert done.returncode == 0 and done.stdout.strip() == "pages 1", done.stdout + done.stderr[-2000:]


def test_the_cost_counts_each_form_every_time_it_is_drawn(tmp_path):
    from ocr.pdf_costs import PdfCosts

    costs = PdfCosts(nested(tmp_path / "p.pdf", depth=3, uses=4), 1, max_objects=1000)
    try:
        cost = costs.page(0)
    finally:
        costs.close()
    # the page's Do, 4 Do's in the first form, 4 x 4 in the second, 16 rectangles filled
    assert (cost.drawn, cost.cycle, cost.forms) == (1 + 4 + 16 + 16, False, True)
