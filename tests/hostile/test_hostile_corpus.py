"""The hostile corpus (:mod:`hostile_corpus`) through the batch runner.

Fast: the real pipeline (files, decoding, seals, signatures, rules) with a fake OCR
engine, in worker processes as in production. Slow: ``python -m verify batch`` with
the real OCR engine, as a reviewer runs it. Both assert, for every case, its outcome
(an error row or a ``review`` finding with a Chinese reason, never ``pass``) in at most
60 s, and for the run: at most 1.5 GB of peak memory summed over all its processes,
nothing written outside OUT and the temporary folder, no outside file's content in
any report, the temporary folder empty afterwards.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

import hostile_corpus as corpus
import hostile_procs as procs

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 60
MAX_MEMORY_KB = 1_500_000  # 1.5 GB, summed over every process of the run


def summary_rows(out: Path) -> dict[str, dict]:
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    return {r["key"]: r for r in csv.DictReader(io.StringIO(text))}


def report_of(out: Path, key: str) -> dict | None:
    path = out / key / "report.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def check_outcomes(out: Path, cases: list[corpus.Case]) -> None:
    rows = summary_rows(out)
    assert sorted(rows) == sorted(c.key for c in cases), "one row per applicant, none lost"
    problems = []
    for case in cases:
        row, report = rows[case.key], report_of(out, case.key)
        where = f"{case.key}: {row}"
        if row["verdict"] == "pass":
            problems.append(f"passed: {where}")
        if case.outcome == "error":
            if row["verdict"] != "error" or not all(w in row["error"] for w in case.words):
                problems.append(f"not an error row with {case.words}: {where}")
        elif case.outcome == "review":
            found = [f for f in (report or {}).get("findings", []) if f["rule"] == case.rule
                     and f["status"] == "review" and all(w in f"{f.get('file') or ''} {f['message']}" for w in case.words)]
            if not found:
                problems.append(f"no review finding of {case.rule} with {case.words}: {where} "
                                f"{(report or {}).get('findings')}")
        if report is not None and ((report.get("batch") or {}).get("seconds") or 0) > MAX_SECONDS:
            problems.append(f"too slow: {where} {report['batch']}")
        if "not_in_html" in case.notes and case.notes["not_in_html"] in (out / case.key / "report.html").read_text(
                encoding="utf-8"):
            problems.append(f"unescaped in report.html: {case.key}")
        if "in_html" in case.notes and case.notes["in_html"] not in (out / case.key / "report.html").read_text(
                encoding="utf-8"):
            problems.append(f"not shown so in report.html: {case.notes['in_html']!r} ({case.key})")
        if "csv_cell" in case.notes:
            raw = (out / "summary.csv").read_text(encoding="utf-8-sig")
            cells = [c for r in csv.reader(io.StringIO(raw)) for c in r]
            if not any(c.startswith(case.notes["csv_cell"]) for c in cells) or [c for c in cells if c.startswith("=")]:
                problems.append(f"formula not neutralised: {case.key}")
    assert not problems, "\n".join(problems)


def check_nothing_leaked(root: Path, out: Path, tmp: Path, before: dict) -> None:
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".html", ".csv", ".xlsx"):
            assert corpus.SECRET.encode() not in path.read_bytes(), f"outside content in {path}"
    assert corpus.snapshot(root / "archive") == before["archive"], "the input is unchanged"
    assert corpus.snapshot(root / "outside") == before["outside"], "nothing outside was touched"
    assert sorted(p.name for p in root.iterdir()) == sorted(["archive", "outside", "out", "tmp"]), \
        "nothing was written beside OUT"
    assert not list(tmp.iterdir()), f"temporary files left: {list(tmp.iterdir())}"


@pytest.fixture
def corpus_root(tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp_path


def test_every_hostile_case_is_refused_or_sent_to_review_within_bounds(corpus_root):
    from verify.run.batch import BatchOptions, find_dossiers, run_batch
    from verify.run.pipeline import Settings

    import hostile_checks

    archive, outside, cases = corpus.build_archive(corpus_root, slow=False)
    before = {"archive": corpus.snapshot(archive), "outside": corpus.snapshot(outside)}
    out = corpus_root / "out"
    me = os.getpid()
    with procs.MemorySampler(lambda: procs.descendants(me)) as memory:
        outcome = run_batch(find_dossiers(archive), out, Settings(engine="counting"),
                            BatchOptions(workers=1, page_timeout=MAX_SECONDS, startup_timeout=MAX_SECONDS,
                                         progress="none"),
                            check=hostile_checks.pipeline_with_fake_engine)
    for row in outcome.rows:
        assert row.seconds <= MAX_SECONDS, row
    print(f"\nhostile corpus, fake engine: {len(cases)} cases, slowest {max(r.seconds for r in outcome.rows):.1f} s, "
          f"peak memory summed {memory.used_kb / 1024:.0f} MB over the test process's own "
          f"{sum(memory.baseline.values()) / 1024:.0f} MB (sampled {memory.peak_sum_kb / 1024:.0f} MB)")
    check_outcomes(out, cases)
    assert memory.used_kb <= MAX_MEMORY_KB, f"peak memory {memory.used_kb / 1024:.0f} MB"
    check_nothing_leaked(corpus_root, out, corpus_root / "tmp", before)


@pytest.mark.slow
def test_the_hostile_corpus_through_verify_batch_with_the_real_engine(corpus_root):
    archive, outside, cases = corpus.build_archive(corpus_root, slow=True)
    before = {"archive": corpus.snapshot(archive), "outside": corpus.snapshot(outside)}
    out, mark = corpus_root / "out", uuid.uuid4().hex
    home = corpus_root / "tmp" / "home"  # libraries that write under ~ (onnxruntime's telemetry did) show here
    home.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(home), **{procs.MARK: mark})
    env.pop("ORT_DISABLE_TELEMETRY", None)  # the toolkit sets it itself
    started = time.monotonic()
    with procs.MemorySampler(lambda: procs.marked(mark)) as memory:
        proc = subprocess.run([sys.executable, "-m", "verify", "batch", str(archive), "-o", str(out), "-q",
                               "--workers", "1", "--cache", str(out / ".ocr-cache.sqlite")],
                              env=env, capture_output=True, text=True, timeout=MAX_SECONDS * len(cases),
                              cwd=corpus_root / "tmp")
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    check_outcomes(out, cases)
    print(f"\nhostile corpus, real engine: {len(cases)} cases in {seconds:.0f} s, "
          f"peak memory summed {memory.hwm_sum_kb / 1024:.0f} MB (sampled {memory.peak_sum_kb / 1024:.0f} MB)")
    assert memory.hwm_sum_kb <= MAX_MEMORY_KB, f"peak memory {memory.hwm_sum_kb / 1024:.0f} MB"
    assert not list(home.rglob("*")), f"written under HOME: {list(home.rglob('*'))}"
    home.rmdir()
    check_nothing_leaked(corpus_root, out, corpus_root / "tmp", before)
