#!/usr/bin/env python
"""Each process's peak memory while ``python -m verify batch`` (the real OCR engine, one
worker, as the hostile corpus's slow test runs it) reads one hostile case alone, so the
worker's peak is that case's: the summed peak of the corpus's run is the largest of these
worker peaks over the baseline of the processes it starts.

    PYTHONPATH=. .venv/bin/python scripts/hostile_case_memory.py [png-itxt-huge png-just-below ...] [--code CHECKOUT]

Each case (by its key in ``tests/hostile/hostile_corpus.py``; by default the two that set
the summed peak, and a small clean-ish control) is built into its own archive and run in
its own batch. Per process it prints the high-water mark (``VmHWM``) and the largest
resident size sampled (``VmRSS``, every 20 ms), with the verdict and message the case got.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import hostile_corpus as corpus  # noqa: E402
import hostile_procs as procs  # noqa: E402


def status_kb(pid: int, field: str) -> int:
    return procs._status_kb(pid, field)


def role(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(c.decode(errors="replace") for c in cmd if c)
    return "main" if "-m verify batch" in text else "worker" if "multiprocessing" in text or "spawn" in text else text[:60]


def run_case(key: str, code: Path, timeline: bool = False) -> None:
    case = next(c for c in corpus.CASES if c.key == key)
    with tempfile.TemporaryDirectory(prefix="case-memory-") as tmp:
        root = Path(tmp)
        archive, outside = root / "archive", root / "outside"
        archive.mkdir()
        outside.mkdir()
        case.build(archive, outside)
        out, mark = root / "out", uuid.uuid4().hex
        env = dict(os.environ, PYTHONPATH=str(code), **{procs.MARK: mark})
        seen: dict[int, dict] = {}
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                for pid in procs.marked(mark):
                    entry = seen.setdefault(pid, {"role": role(pid), "hwm": 0, "rss": 0, "series": []})
                    entry["hwm"] = max(entry["hwm"], status_kb(pid, "VmHWM"))
                    rss = status_kb(pid, "VmRSS")
                    entry["rss"] = max(entry["rss"], rss)
                    entry["series"].append((time.monotonic() - started, rss))
                stop.wait(0.02)

        started = time.monotonic()
        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        proc = subprocess.run([sys.executable, "-m", "verify", "batch", str(archive), "-o", str(out), "-q",
                               "--workers", "1", "--cache", str(out / ".ocr-cache.sqlite")],
                              env=env, capture_output=True, text=True, cwd=root)
        stop.set()
        thread.join()
        seconds = time.monotonic() - started
        rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig")))) \
            if (out / "summary.csv").exists() else []
        row = rows[0] if rows else {}
        print(f"{key}: exit {proc.returncode}, {seconds:.0f} s, verdict {row.get('verdict')} {row.get('error', '')[:60]}")
        report = out / key / "report.json"
        if report.exists():
            import json
            for f in json.loads(report.read_text(encoding="utf-8")).get("findings", []):
                if f["status"] == "review":
                    print(f"    {f['rule']} {f['status']}: {f['message'][:90]}")
        for pid, e in sorted(seen.items(), key=lambda kv: -kv[1]["hwm"]):
            print(f"    {e['role']:8s} pid {pid}: peak (VmHWM) {e['hwm'] / 1024:6.0f} MB, "
                  f"largest sampled VmRSS {e['rss'] / 1024:6.0f} MB")
        if timeline:
            for pid, e in seen.items():
                if e["hwm"] > 100 << 10:  # a worker that read the case: its resident size, every 0.5 s
                    shown, last = [], -1.0
                    for at, rss in e["series"]:
                        if at - last >= 0.5:
                            shown.append(f"{at:.1f}s:{rss >> 10}")
                            last = at
                    print(f"    pid {pid} MB over time: {' '.join(shown)}")
        print(f"    summed peaks {sum(e['hwm'] for e in seen.values()) / 1024:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("keys", nargs="*", default=["png-itxt-huge", "png-just-below", "png-1bit-bomb"])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose toolkit runs")
    parser.add_argument("--timeline", action="store_true", help="also print each worker's resident size every 0.5 s")
    args = parser.parse_args()
    print(f"code {args.code}")
    for key in args.keys:
        run_case(key, args.code, args.timeline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
