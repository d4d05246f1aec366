#!/usr/bin/env python
"""Time and memory of the byte scans ``ocr.pdf_costs`` makes of a PDF before pdfium opens it
(``declared_objects``, ``packed_bytes``, ``largest_object``: the desk's server runs them on every
upload, a batch's own process on every PDF, each alone or all three in one read as ``scan_pdf``;
``largest_stream`` where pdfminer cannot read the pages), on one large scanned-looking PDF.

    PYTHONPATH=. .venv/bin/python scripts/bench_pdf_scan.py [--mb 600] [--pdf /tmp/x.pdf] [--data-cap-mb 256]
        [--names scan_pdf,declared_objects] [--code CHECKOUT]

``too_packed`` (``ocr.sources``) times the checks a PDF is refused by before it is opened, as the
checkout makes them. A name the checkout's ``ocr.pdf_costs`` lacks (``scan_pdf`` before it was written) is said so and skipped.

The PDF (built once, kept at ``--pdf``) holds ``--mb`` MB of pages, each a 3 MB image (random
bytes, as a JPEG scan is to a regex) and a small deflated content stream, with a classic
cross-reference table. Each scan runs in a fresh process, from a cold page cache where the
system lets it drop the file's pages (``posix_fadvise DONTNEED``), then again warm; it prints
seconds (and CPU seconds: on a shared machine the steadier figure), the process's peak resident memory (``ru_maxrss``: a memory map's pages count there
too), its peak anonymous memory (what ``RLIMIT_DATA`` and the machine's RAM pay: read from
/proc as the scan runs), and whether the scan also runs under an ``RLIMIT_DATA`` of
``--data-cap-mb`` (a worker's cap is 6 GB; the desk's server has none).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, resource, sys, threading, time
from pathlib import Path
cap = int(sys.argv[3])
if cap:
    resource.setrlimit(resource.RLIMIT_DATA, (cap, resource.getrlimit(resource.RLIMIT_DATA)[1]))
from ocr import pdf_costs
if sys.argv[1] == "too_packed":  # what the desk and a batch run on every PDF, whichever scans it makes
    from ocr.sources import too_packed as scan
else:
    scan = getattr(pdf_costs, sys.argv[1])
peak = [0]
def anon():
    for line in open("/proc/self/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    return 0
done = threading.Event()
def watch():
    while not done.wait(0.005):
        peak[0] = max(peak[0], anon())
threading.Thread(target=watch, daemon=True).start()
base = anon()
t, cpu = time.perf_counter(), time.process_time()
try:
    result = scan(Path(sys.argv[2]))
    if hasattr(result, "__dataclass_fields__"):
        result = [getattr(result, f) for f in result.__dataclass_fields__]
    error = None
except MemoryError as exc:
    result, error = None, "MemoryError"
seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
done.set()
peak[0] = max(peak[0], anon())
print(json.dumps({"seconds": seconds, "cpu": cpu, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "anon_peak_mb": peak[0] / 1024, "anon_base_mb": base / 1024, "result": result, "error": error}))
"""


def build(path: Path, mb: int) -> None:
    page_mb = 3
    pages = max(1, mb // page_mb)
    offsets: dict[int, int] = {}
    with open(path, "wb") as fh:
        def obj(num: int, body: bytes) -> None:
            offsets[num] = fh.tell()
            fh.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")

        fh.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        kids = b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(pages))
        obj(2, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids))
        for i in range(pages):
            page, content, image = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
            obj(page, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                      b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (content, image))
            data = zlib.compress(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n" * 4)
            obj(content, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
            pixels = os.urandom(page_mb << 20)
            obj(image, b"<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(pixels)
                + pixels + b"\nendstream")
        start, size = fh.tell(), max(offsets) + 1
        fh.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for n in range(1, size):
            fh.write(b"%010d 00000 n \n" % offsets[n])
        fh.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start))


def drop_cache(path: Path) -> None:
    with open(path, "rb") as fh:
        os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=600)
    parser.add_argument("--pdf", type=Path, default=Path("/tmp/bench-pdf-scan.pdf"))
    parser.add_argument("--data-cap-mb", type=int, default=256)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose ocr.pdf_costs runs")
    parser.add_argument("--names", default="scan_pdf,declared_objects,packed_bytes,largest_object,largest_stream",
                        help="the scans to time, comma-separated")
    args = parser.parse_args()
    if not args.pdf.exists():
        build(args.pdf, args.mb)
    print(f"{args.pdf}: {args.pdf.stat().st_size / 2**20:.0f} MB; code {args.code}")
    env = dict(os.environ, PYTHONPATH=str(args.code))
    for name in args.names.split(","):
        for label, cold, cap in (("cold", True, 0), ("warm", False, 0), (f"cap{args.data_cap_mb}", False,
                                                                          args.data_cap_mb << 20)):
            if cold:
                drop_cache(args.pdf)
            # run in the checkout: ``python -c`` puts the working directory before PYTHONPATH
            proc = subprocess.run([sys.executable, "-c", CHILD, name, str(args.pdf), str(cap)], env=env,
                                  capture_output=True, text=True, cwd=args.code)
            if proc.returncode:
                print(f"{name:17s} {label:7s} exit {proc.returncode}: {proc.stderr.strip()[-200:]}")
                continue
            r = json.loads(proc.stdout)
            print(f"{name:17s} {label:7s} {r['seconds']:6.2f} s (CPU {r['cpu']:5.2f} s)  maxrss {r['maxrss_mb']:7.1f} MB  "
                  f"anon peak {r['anon_peak_mb']:6.1f} MB (at start {r['anon_base_mb']:5.1f})  "
                  f"result {r['result']} {r['error'] or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
