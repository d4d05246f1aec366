#!/usr/bin/env python
"""Batch throughput: 1 vs 2 workers, the unchanged rerun and the OCR-cached redo.

    python scripts/bench_batch.py                       # generate 6 applicants, seed 7
    python scripts/bench_batch.py --n 8 --seed 3 --workers 1 2
    python scripts/bench_batch.py --set path/to/archive  # an existing archive

The set comes from ``scripts/make_dossiers.py OUT --n N --seed S`` when that script
exists, else from a plain built-in set (``--pages`` generated pages per applicant,
drawn with ``ocr.synthetic``). Every run uses the real pipeline and engine.

Prints one line per run (seconds, pages/min, speed-up, peak RSS of the largest worker)
and the targets: 2 workers >= 1.7x one worker; an unchanged rerun >= 20x faster.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YAML = """name: {name}
unit: 抚顺市生态环境监测站
unit_kind: institution
specialty: 生态环境监测
level: 工程师
current_title:
  name: 助理工程师
  date: 2019-06-30
"""
NAMES = ("张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏")


def builtin_set(out: Path, n: int, pages: int, seed: int) -> None:
    """``n`` applicants of ``pages`` generated pages (certificates and dense text)."""
    import cv2

    from ocr import synthetic

    if synthetic.find_cjk_font() is None:
        raise SystemExit("no CJK font: apt-get install fonts-wqy-zenhei (or give --set)")
    cert = synthetic.certificate_page(dpi=150).image
    for i in range(n):
        folder = out / f"applicant_{i:02d}"
        (folder / "scans").mkdir(parents=True)
        (folder / "applicant.yaml").write_text(YAML.format(name=NAMES[i % len(NAMES)]), encoding="utf-8")
        for p in range(pages):
            image = cert if p % 2 == 0 else synthetic.dense_page(chars=500, dpi=150, seed=seed * 1000 + i * 10 + p).image
            cv2.imwrite(str(folder / "scans" / f"page_{p:02d}.jpg"), image, [cv2.IMWRITE_JPEG_QUALITY, 80])


def make_set(out: Path, n: int, seed: int, pages: int, builtin: bool = False) -> str:
    generator = ROOT / "scripts" / "make_dossiers.py"
    if generator.is_file() and not builtin:
        proc = subprocess.run([sys.executable, str(generator), str(out), "--n", str(n), "--seed", str(seed)],
                              cwd=ROOT, capture_output=True, text=True)
        if proc.returncode == 0:
            return f"scripts/make_dossiers.py --n {n} --seed {seed}"
        print(f"make_dossiers.py failed ({proc.stderr.strip().splitlines()[-1:]}); using the built-in set")
        shutil.rmtree(out, ignore_errors=True)
    builtin_set(out, n, pages, seed)
    return f"built-in set: {n} applicants x {pages} pages"


def run(archive: Path, out: Path, workers: int, *, cache: Path, force: bool = False) -> dict:
    from verify.run.batch import BatchOptions, find_dossiers, run_batch
    from verify.run.pipeline import Settings

    import resource

    settings = Settings(cache_path=str(cache))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    outcome = run_batch(find_dossiers(archive), out, settings,
                        BatchOptions(workers=workers, force=force, progress="none", page_timeout=300))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, joined by run_batch
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    checked = [r for r in outcome.rows if not r.skipped]
    pages = sum(r.pages for r in checked)
    return {
        "workers": outcome.workers,
        "seconds": round(seconds, 2),
        "applicants": len(outcome.rows),
        "checked": len(checked),
        "pages": pages,
        "pages_per_min": round(pages / seconds * 60, 1) if seconds else 0.0,
        "worker_cpu_seconds": round(cpu, 1),
        "cpu_seconds_per_page": round(cpu / pages, 2) if pages else None,
        "peak_rss_mb": round(max((r.peak_rss_kb for r in checked), default=0) / 1024, 1),
        "errors": [r.key for r in outcome.rows if r.verdict == "error"],
        "verdicts": outcome.counts(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, help="an existing archive (default: generate one)")
    parser.add_argument("--n", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pages", type=int, default=4, help="pages per applicant of the built-in set")
    parser.add_argument("--builtin", action="store_true", help="use the built-in set even when make_dossiers.py exists")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        archive = args.set
        source = str(args.set)
        if archive is None:
            archive = tmp / "set"
            source = make_set(archive, args.n, args.seed, args.pages, args.builtin)
        import os

        print(f"set: {source}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
              "(other processes on the machine skew the worker speed-up)")
        results = {"set": source, "runs": []}
        base = None
        for workers in args.workers:
            r = run(archive, tmp / f"out{workers}", workers, cache=tmp / f"cache{workers}.sqlite")
            base = base or r["seconds"]
            r["speedup_vs_first"] = round(base / r["seconds"], 2) if r["seconds"] else 0.0
            results["runs"].append(r)
            print(f"{workers} worker(s): {r['seconds']:.1f} s, {r['pages']} pages, {r['pages_per_min']} pages/min, "
                  f"x{r['speedup_vs_first']} vs {args.workers[0]} worker(s), worker CPU {r['worker_cpu_seconds']} s "
                  f"({r['cpu_seconds_per_page']} s/page), peak RSS {r['peak_rss_mb']} MB/worker, "
                  f"errors {r['errors']}, verdicts {r['verdicts']}")
        last = args.workers[-1]
        fresh = results["runs"][-1]["seconds"]
        rerun = run(archive, tmp / f"out{last}", last, cache=tmp / f"cache{last}.sqlite")
        redo = run(archive, tmp / f"out{last}", last, cache=tmp / f"cache{last}.sqlite", force=True)
        rerun["speedup"] = round(fresh / max(rerun["seconds"], 1e-3), 1)
        redo["speedup"] = round(fresh / max(redo["seconds"], 1e-3), 1)
        results["unchanged_rerun"], results["cached_redo"] = rerun, redo
        print(f"unchanged rerun ({last} workers): {rerun['seconds']:.2f} s, {rerun['checked']} re-checked, "
              f"x{rerun['speedup']} faster")
        print(f"--force redo from the OCR cache ({last} workers): {redo['seconds']:.2f} s, x{redo['speedup']} faster")
        if len(results["runs"]) >= 2:
            ok = results["runs"][-1]["speedup_vs_first"] >= 1.7
            print(f"target 2 workers >= 1.7x: {'met' if ok else 'NOT met'}")
        print(f"target unchanged rerun >= 20x: {'met' if rerun['speedup'] >= 20 else 'NOT met'}")
        results["load_average_end"] = round(os.getloadavg()[0], 2)
        print(f"load average at the end: {results['load_average_end']}")
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
