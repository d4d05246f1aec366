#!/usr/bin/env python
"""Accuracy against an answer key: generate (or take) a set, run `verify batch`, score.

    python scripts/bench_accuracy.py --n 30 --seed 7 --workers 2
    python scripts/bench_accuracy.py --set fixtures/sample --workers 2
    python scripts/bench_accuracy.py --each-rule --seed 7 --workers 2  # every rule planted once
    python scripts/bench_accuracy.py --set SET --reports OUT      # score existing reports only

Prints per rule: planted, caught (fail), flagged (review), silently passed, and false
fails on clean dossiers; verdict accuracy; unreadable files handled; page-kind, date,
ISSN/CN accuracy, OCR CER, seal and signature detection. The last line is one JSON
object with the headline figures.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.scoring import format_table, score  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, help="an archive with answer_key.json (default: generate one)")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--each-rule", action="store_true", help="generate one dossier per rule ID (+2 clean) instead of --n")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, help="where verify writes reports (default: a temporary folder)")
    ap.add_argument("--reports", type=Path, help="score these existing reports; do not run verify")
    ap.add_argument("--verify-args", default="", help="extra arguments for `verify batch`, e.g. '--engine replay'")
    ap.add_argument("--json", type=Path, help="also write the full result here")
    args = ap.parse_args(argv)

    t0 = time.time()
    work = Path(tempfile.mkdtemp(prefix="bench-accuracy-"))
    archive = args.set
    if archive is None:
        from fixtures.generator import generate_archive, generate_rule_set

        archive = work / "set"
        if args.each_rule:
            generate_rule_set(archive, args.seed, dpi=args.dpi)
        else:
            generate_archive(archive, args.n, args.seed, dpi=args.dpi)
        print(f"generated {'one per rule' if args.each_rule else args.n} applicants (seed {args.seed}) in {time.time() - t0:.0f}s -> {archive}", flush=True)
    key = json.loads((archive / "answer_key.json").read_text(encoding="utf-8"))
    reports = args.reports
    verify_seconds = None
    if reports is None:
        reports = args.out or work / "out"
        cmd = [sys.executable, "-m", "verify.cli", "batch", str(archive), "-o", str(reports),
               "--workers", str(args.workers), "-q", *args.verify_args.split()]
        print("running:", " ".join(cmd), flush=True)
        t1 = time.time()
        proc = subprocess.run(cmd, cwd=ROOT)
        verify_seconds = round(time.time() - t1, 1)
        if proc.returncode not in (0, 1):
            print(f"verify batch exited {proc.returncode}", file=sys.stderr)
    result = score(key, reports)
    result["headline"]["verify_seconds"] = verify_seconds
    pages = result["headline"]["pages"]
    if verify_seconds and pages:
        result["headline"]["seconds_per_page"] = round(verify_seconds / pages, 2)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result["headline"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
