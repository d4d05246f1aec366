"""How long report.html takes to render for a big dossier, and how big it is.

    python scripts/bench_report.py [--pages 300] [--repeat 3]

Builds the test suite's synthetic pages (page-like JPEG thumbnails with text lines),
three findings per page (fail, review, pass), and prints the best render time of
``--repeat`` runs, the HTML's size and the share of it that is the embedded thumbnails.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import test_report_html as sample  # the hand-made sample of the test suite
    from ocr.model import OcrPage
    from verify.model import PageRead
    from verify.report.html import render_html

    lines = [sample._line("文字" * 10, 200, 200 + 100 * i, 2200, 260 + 100 * i) for i in range(30)]
    pages = [
        PageRead(file="big.pdf", page=i, ocr=OcrPage(sample.PAGE_W, sample.PAGE_H, lines), kind="other",
                 thumbnail_jpeg=sample._thumbnail(lines + [sample._line("页码", 200 + 5 * i, 3300, 400 + 5 * i, 3360)]))
        for i in range(1, args.pages + 1)
    ]
    findings = [
        {"rule": rule, "status": status, "file": "big.pdf", "page": i, "message": "请核对", "bbox": [200, 200, 900, 260]}
        for i in range(1, args.pages + 1)
        for rule, status in (("seal.present", "fail"), ("identity.name", "review"), ("signature.present", "pass"))
    ]
    report = {"key": "big", "findings": findings, "documents": [p.to_dict() for p in pages]}
    render_html(report, pages)  # warm: template compilation, imports
    best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        html = render_html(report, pages)
        best = min(best, time.perf_counter() - started)
    thumbs = sum(len(p.thumbnail_jpeg) for p in pages) * 4 / 3
    size = len(html.encode())
    print(f"report.html, {args.pages} pages, {len(findings)} findings: {best:.2f} s (best of {args.repeat}), "
          f"{size / 1e6:.1f} MB, thumbnails {thumbs / size:.0%} of it")


if __name__ == "__main__":
    main()
