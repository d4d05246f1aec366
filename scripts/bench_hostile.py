#!/usr/bin/env python
"""The hostile corpus (tests/hostile/hostile_corpus.py) through ``verify batch``, as a
reviewer runs it: time per applicant, peak memory summed over every process of the
run, what each case became, and whether anything was written outside OUT.

    python scripts/bench_hostile.py                  # the whole corpus, real engine
    python scripts/bench_hostile.py --fast           # without the cases that take seconds to build
    python scripts/bench_hostile.py --case yaml-alias-bomb --case png-16bit-bomb
    python scripts/bench_hostile.py --code /path/to/other/checkout   # the same corpus against other code
    python scripts/bench_hostile.py --limit-s 120    # kill the run after 120 s (for old code)

Prints one line per case (outcome, reason, seconds from its report) and the run's
figures; the targets are <= 60 s per case and <= 1.5 GB summed peak memory.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "hostile"), str(ROOT)]

import hostile_corpus as corpus  # noqa: E402
import hostile_procs as procs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fast", action="store_true", help="leave out the cases that take seconds to build")
    parser.add_argument("--case", action="append", help="only these cases (by key)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose verify runs (default: this one)")
    parser.add_argument("--engine", default="ppocr")
    parser.add_argument("--limit-s", type=float, default=0, help="kill the run after this many seconds")
    parser.add_argument("--memory-cap-mb", type=int, default=0,
                        help="kill the run when the summed memory passes this (protects the machine from old code)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    try:
        corpus.CASES[:] = [c for c in corpus.CASES if not args.case or c.key in args.case]
        _, _, cases = corpus.build_archive(work, slow=not args.fast)
        (work / "tmp").mkdir()
        (work / "tmp" / "home").mkdir()
        out, mark = work / "out", uuid.uuid4().hex
        env = dict(os.environ, PYTHONPATH=str(args.code), TMPDIR=str(work / "tmp"), HOME=str(work / "tmp" / "home"),
                   **{procs.MARK: mark})
        env.pop("ORT_DISABLE_TELEMETRY", None)
        cmd = [sys.executable, "-m", "verify", "batch", str(work / "archive"), "-o", str(out), "-q", "--workers", "1",
               "--engine", args.engine]
        started = time.monotonic()
        killed = ""
        with procs.MemorySampler(lambda: procs.marked(mark)) as memory:
            proc = subprocess.Popen(cmd, env=env, cwd=work / "tmp", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
            while proc.poll() is None:
                time.sleep(0.1)
                if args.limit_s and time.monotonic() - started > args.limit_s:
                    killed = f"killed after {args.limit_s:.0f} s"
                elif args.memory_cap_mb and memory.peak_sum_kb > args.memory_cap_mb * 1024:
                    killed = f"killed at {memory.peak_sum_kb / 1024:.0f} MB"
                if killed:
                    for pid in procs.marked(mark):
                        try:
                            os.kill(pid, 9)
                        except ProcessLookupError:
                            pass
                    break
            _, err = proc.communicate()
        seconds = time.monotonic() - started
        rows = {}
        if (out / "summary.csv").exists():
            rows = {r["key"]: r for r in csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8-sig")))}
        print(f"{'case':22} {'outcome':8} {'s':>6}  reason")
        for case in cases:
            row = rows.get(case.key)
            report = out / case.key / "report.json"
            data = json.loads(report.read_text("utf-8")) if report.exists() else {}
            secs = (data.get("batch") or {}).get("seconds")
            if row is None:
                outcome, reason = "-", "(no row)"
            elif row["verdict"] == "error":
                outcome, reason = "error", row["error"]
            else:
                outcome = row["verdict"]
                readable = [f["message"] for f in data.get("findings", []) if f["rule"] == "dossier.readable"]
                reason = readable[0] if readable else ""
            print(f"{case.key:22} {outcome:8} {secs if secs is not None else '':>6}  {reason[:90]}")
        stray = [p.name for p in (work / "tmp").iterdir() if p.name != "home"] + \
            [str(p.relative_to(work / "tmp")) for p in (work / "tmp" / "home").rglob("*")]
        leaked = [p.name for p in out.rglob("*") if p.is_file() and corpus.SECRET.encode() in p.read_bytes()] \
            if out.exists() else []
        print(f"\n{len(cases)} cases, exit {proc.returncode}{' (' + killed + ')' if killed else ''}, {seconds:.0f} s; "
              f"peak memory summed over all processes {memory.hwm_sum_kb / 1024:.0f} MB "
              f"(sampled at once {memory.peak_sum_kb / 1024:.0f} MB); "
              f"left in the temporary folder or HOME: {stray or 'nothing'}; reports with outside content: "
              f"{leaked or 'none'}")
        if proc.returncode not in (0, None) and not killed:
            print(err[-2000:], file=sys.stderr)
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
