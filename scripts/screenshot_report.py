"""Screenshot a report.html with headless Debian chromium, to look at it as a reviewer would.

    python scripts/screenshot_report.py OUT/zhangwei/report.html shot.png [--height 4000]
    python scripts/screenshot_report.py OUT/zhangwei/report.json shot.png   # re-render (no images)
    python scripts/screenshot_report.py --demo shot.png                     # the test suite's sample

Prints the screenshot's path, size and a blankness figure (pixel standard deviation).
Needs ``apt-get install -y chromium``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
)


def screenshot(html_path: Path, png_path: Path, width: int = 1280, height: int = 2000) -> Path:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium 未安装：apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png_path.resolve()}",
             f"--window-size={width},{height}", html_path.resolve().as_uri()],
            check=False, capture_output=True, timeout=120,
        )
    if not png_path.exists():
        raise SystemExit(f"chromium 未生成截图：{png_path}")
    return png_path


def _demo_html() -> str:
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    import test_report_html as sample  # the hand-made sample of the test suite

    pages = sample.sample_pages()
    return sample.render_html(sample.sample_report(pages), pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", help="report.html, or report.json to re-render without page images")
    ap.add_argument("png", help="where to write the screenshot")
    ap.add_argument("--demo", action="store_true", help="render the test suite's sample report")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=2000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.demo or (args.source and args.source.endswith(".json")):
            if args.demo:
                html = _demo_html()
            else:
                sys.path.insert(0, str(ROOT))
                from verify.report.html import render_html

                html = render_html(json.loads(Path(args.source).read_text(encoding="utf-8")))
            src = Path(tmp) / "report.html"
            src.write_text(html, encoding="utf-8")
        elif args.source:
            src = Path(args.source)
        else:
            ap.error("give a report.html / report.json, or --demo")
        html_bytes = src.stat().st_size
        png = screenshot(src, Path(args.png), args.width, args.height)
    import cv2

    img = cv2.imread(str(png))
    print(f"{png}  {img.shape[1]}x{img.shape[0]}  std={img.std():.1f}  html={html_bytes} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
