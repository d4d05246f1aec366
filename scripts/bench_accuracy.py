#!/usr/bin/env python
"""Accuracy against an answer key: generate (or take) a set, run `verify batch`, score.

    python scripts/bench_accuracy.py --n 30 --seed 7 --workers 2
    python scripts/bench_accuracy.py --n 30 --seeds 7,11 --workers 2 --work /work/bench/run1  # two seeds, pooled
    python scripts/bench_accuracy.py --set fixtures/sample --workers 2
    python scripts/bench_accuracy.py --set SET_A --set SET_B --workers 2      # several sets, pooled
    python scripts/bench_accuracy.py --each-rule --seed 7 --workers 2  # every rule planted once
    python scripts/bench_accuracy.py --set SET --reports OUT      # score existing reports only
    python scripts/bench_accuracy.py --set SET --reports OUT --list   # and list what to look at

Prints per rule: planted defects that got a fail, a review, or passed silently; on clean
dossiers (nothing planted, no unreadable file) the fails (false fails) and the reviews per
clean dossier, by rule and overall (the review burden a desk pays on applicants who did
nothing wrong); verdict accuracy; unreadable files handled; page-kind, date, ISSN/CN
accuracy, OCR CER, seal and signature detection; the unit decided (the unit or another
body) on seals whose ring is intact, and of those on the seals whose name is still on the
page (every name character kept half its ink or more, where the answer key records
``chars_kept``), with the reviews per clean dossier split into those on a seal whose name
lost a character and all others; pen rings, ticks and logos taken for seals. With
several seeds or sets, each set's figures, then the pooled ones. The last line is one JSON
object with the headline figures (pooled, with each set's key figures under `by_set`).
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

from fixtures.scoring import collect, format_table, pool, summarize  # noqa: E402

KEY_FIGURES = ("planted", "caught", "flagged", "silent", "catch_rate", "review_only_planted", "clean_dossiers",
               "false_fails_per_clean", "reviews_per_clean", "seal_unit_decided_intact", "cer", "verdict_accuracy",
               "seal_unit_decided_legible", "reviews_per_clean_other")


def _run_verify(archive: Path, reports: Path, args) -> float:
    cmd = [sys.executable, "-m", "verify.cli", "batch", str(archive), "-o", str(reports),
           "--workers", str(args.workers), "-q", *args.verify_args.split()]
    print("running:", " ".join(cmd), flush=True)
    t1 = time.time()
    proc = subprocess.run(cmd, cwd=ROOT)
    if proc.returncode not in (0, 1):
        print(f"verify batch exited {proc.returncode}", file=sys.stderr)
    return round(time.time() - t1, 1)


def listing(key: dict, reports: Path) -> list[str]:
    """What to look at, finding by finding: each planted defect its rule did not fail
    (``planted``), then each fail or review of a rule nothing was planted for in that
    dossier (``unplanted``; not a review of a file made unreadable on purpose), with the
    report's file, page and message."""
    missed, burden = [], []
    for a in key["applicants"]:
        path = reports / a["key"] / "report.json"
        if not path.is_file():
            continue
        findings = json.loads(path.read_text(encoding="utf-8")).get("findings", [])
        planted = {d["rule"] for d in a["planted"]}
        for d in a["planted"]:
            got = [f for f in findings if f["rule"] == d["rule"]]
            if not any(f["status"] == "fail" for f in got):
                status = "review" if any(f["status"] == "review" for f in got) else "pass"
                missed.append(f"planted  {a['key']} {d['rule']} -> {status}: {d.get('what', '')} ({d.get('file')})")
        for f in findings:
            if f["rule"] == "dossier.readable" and a.get("unreadable"):
                continue  # an unreadable file planted as such
            if f["status"] in ("fail", "review") and f["rule"] not in planted:
                burden.append(f"unplanted {a['key']} {f['rule']} {f['status']} {f.get('file')}:{f.get('page')} "
                              f"{f['message'][:160]}")
    return missed + burden


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, action="append",
                    help="an archive with answer_key.json (repeat for several; default: generate)")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--seeds", help="comma-separated seeds: generate, run and score each, then pool (e.g. 7,11)")
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--each-rule", action="store_true", help="generate one dossier per rule ID (+2 clean) instead of --n")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", type=Path, help="where generated sets and reports go (kept; default: a temporary folder)")
    ap.add_argument("--out", type=Path, help="where verify writes reports (one set; default: under --work)")
    ap.add_argument("--reports", type=Path, action="append",
                    help="score these existing reports (one per --set, same order); do not run verify")
    ap.add_argument("--verify-args", default="", help="extra arguments for `verify batch`, e.g. '--engine replay'")
    ap.add_argument("--json", type=Path, help="also write the full result here")
    ap.add_argument("--list", action="store_true",
                    help="also list each planted defect not failed, and each fail or review of a rule nothing was "
                         "planted for in its dossier (the review burden, finding by finding)")
    args = ap.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-accuracy-"))
    work.mkdir(parents=True, exist_ok=True)
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else [args.seed]
    if args.set:
        sets = [(str(s), s) for s in args.set]
    else:
        from fixtures.generator import generate_archive, generate_rule_set

        sets = []
        for seed in seeds:
            t0 = time.time()
            archive = work / (f"set-s{seed}" if len(seeds) > 1 or args.work else "set")
            if (archive / "answer_key.json").is_file():
                print(f"reusing {archive}", flush=True)
            elif args.each_rule:
                generate_rule_set(archive, seed, dpi=args.dpi)
            else:
                generate_archive(archive, args.n, seed, dpi=args.dpi)
            print(f"generated {'one per rule' if args.each_rule else args.n} applicants (seed {seed}) in "
                  f"{time.time() - t0:.0f}s -> {archive}", flush=True)
            sets.append((f"seed {seed}", archive))
    if args.reports and len(args.reports) != len(sets):
        ap.error("give one --reports folder per set")

    raws, by_set, seconds, pages = [], {}, 0.0, 0
    for i, (name, archive) in enumerate(sets):
        key = json.loads((archive / "answer_key.json").read_text(encoding="utf-8"))
        verify_seconds = None
        if args.reports:
            reports = args.reports[i]
        else:
            reports = args.out if args.out and len(sets) == 1 else work / f"out-{archive.name}"
            verify_seconds = _run_verify(archive, reports, args)
        raw = collect(key, reports)
        result = summarize(raw)
        h = result["headline"]
        h["verify_seconds"] = verify_seconds
        if verify_seconds and h["pages"]:
            h["seconds_per_page"] = round(verify_seconds / h["pages"], 2)
            seconds += verify_seconds
            pages += h["pages"]
        print(format_table(result, f"{name}: {archive} (reports {reports})" if len(sets) > 1 else None), flush=True)
        if args.list:
            print("\n".join(listing(key, reports)), flush=True)
        raws.append(raw)
        by_set[name] = {k: h[k] for k in KEY_FIGURES}
    result = summarize(pool(raws)) if len(raws) > 1 else summarize(raws[0])
    if len(raws) > 1:
        print(format_table(result, f"pooled over {', '.join(n for n, _ in sets)}"))
    headline = result["headline"]
    if seconds and pages:
        headline["verify_seconds"] = round(seconds, 1)
        headline["seconds_per_page"] = round(seconds / pages, 2)
    headline["reviews_per_clean_by_rule"] = result["reviews_per_clean"]
    headline["seal_reviews_per_clean_by_condition"] = result["seal_reviews_per_clean_by_condition"]
    headline["seal_unit_by_name_left"] = result["seal_unit_by_name_left"]
    headline["false_fails_per_clean_by_rule"] = result["false_fails_per_clean"]
    if len(raws) > 1:
        headline["by_set"] = by_set
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(headline, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
