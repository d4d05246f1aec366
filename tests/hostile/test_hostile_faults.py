"""Faults of the run itself: the main process killed (``kill -9``) or its terminal
closed (SIGHUP) mid-batch; ``verify check`` exiting.

Targets (issue 9): no process of the run left 5 s after the main one died; temporary
space reclaimed (at once on SIGHUP, by the next run after ``kill -9``); the rerun's
reports equal an uninterrupted run's, timings aside. The checks are fakes that sleep
(no OCR), so the tests take seconds; they are marked slow all the same.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import hostile_procs as procs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
YAML = "name: {name}\nunit: 抚顺市生态环境监测站\n"

RUN = """
import sys
from pathlib import Path
sys.path[:0] = [{here!r}, {root!r}]
import hostile_checks
from verify.run.batch import BatchOptions, find_dossiers, run_batch
from verify.run.pipeline import Settings

if __name__ == "__main__":
    from verify.cli import _interrupt_on_signals  # the CLI's own: SIGTERM and SIGHUP stop a run like Ctrl-C
    try:
        with _interrupt_on_signals():
            run_batch(find_dossiers(Path({arch!r})), Path({out!r}), Settings(),
                      BatchOptions(workers=2, page_timeout=60, progress="none"), check=hostile_checks.timed_check)
    except KeyboardInterrupt:
        sys.exit(130)
"""


def make_archive(root: Path) -> Path:
    arch = root / "archive"
    for i, (sleep, status) in enumerate([(0.1, "pass"), (0.1, "fail"), (2.5, "review"), (0.1, "pass"),
                                         (4.0, "pass"), (0.2, "fail"), (0.1, "pass"), (3.0, "review")]):
        folder = arch / f"a{i}"
        (folder / "扫描件").mkdir(parents=True)
        (folder / "applicant.yaml").write_text(YAML.format(name=f"张伟{i}"), encoding="utf-8")
        (folder / "扫描件" / "证书.jpg").write_bytes(b"not read by the fake check")
        (folder / "SLEEP").write_text(str(sleep))
        (folder / "STATUS").write_text(status)
    return arch


def start(tmp_path: Path, arch: Path, out: Path, mark: str) -> subprocess.Popen:
    script = tmp_path / "run.py"
    script.write_text(RUN.format(here=str(HERE), root=str(ROOT), arch=str(arch), out=str(out)), encoding="utf-8")
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"), **{procs.MARK: mark})
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, str(script)], env=env, stderr=subprocess.PIPE, text=True)


def run_to_end(tmp_path: Path, arch: Path, out: Path) -> None:
    proc = start(tmp_path, arch, out, uuid.uuid4().hex)
    assert proc.wait(timeout=120) == 0, proc.stderr.read()


def comparable(out: Path) -> dict:
    """Every report.json without what differs between runs (times), and the summary."""
    reports = {}
    for path in sorted(out.rglob("report.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("generated_at", None)
        data.pop("timings", None)
        for name in ("seconds", "inputs_mtime", "inputs_listing"):  # times: when it ran, when the inputs were made
            (data.get("batch") or {}).pop(name, None)
        reports[path.relative_to(out).as_posix()] = data
    summary = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    return {"reports": reports, "summary": summary}


def wait_for_reports(out: Path, n: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(list(out.rglob("report.json"))) < n:
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.05)


def temp_folders(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "tmp").glob("verify-*"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    """An uninterrupted run over the same archive (made the same way)."""
    tmp_path = tmp_path_factory.mktemp("reference")
    arch = make_archive(tmp_path)
    run_to_end(tmp_path, arch, tmp_path / "out")
    return comparable(tmp_path / "out")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGKILL", "SIGHUP", "SIGTERM", "SIGINT"])
def test_a_dead_main_process_leaves_no_worker_and_the_rerun_equals_an_uninterrupted_run(tmp_path, how, reference):
    arch = make_archive(tmp_path)

    out, mark = tmp_path / "out", uuid.uuid4().hex
    proc = start(tmp_path, arch, out, mark)
    try:
        wait_for_reports(out, 2, proc)
        assert len(procs.marked(mark)) >= 3, "the main process and its workers are running"
        assert temp_folders(tmp_path), "the run has its temporary folder"
        proc.send_signal(getattr(signal, how))
        proc.wait(timeout=30)
        seconds, left = procs.wait_gone(lambda: procs.marked(mark), timeout=10)
        assert not left and seconds <= 5, f"{len(left)} process(es) outlived the main one by {seconds:.1f} s"
        finished = sorted(p.parent.name for p in out.rglob("report.json"))
        time.sleep(0.5)
        assert sorted(p.parent.name for p in out.rglob("report.json")) == finished, "nothing is written later"
    finally:
        if proc.poll() is None:
            proc.kill()
    if how != "SIGKILL":  # a closed terminal, a service manager's stop, Ctrl-C
        assert proc.returncode == 130
        assert not temp_folders(tmp_path), "a stopped run removes the temporary space at once"
        assert (out / "summary.csv").is_file(), "the summary of what finished is written"
    else:
        assert temp_folders(tmp_path), "kill -9 leaves the temporary folder (nothing runs) ..."
    assert len(finished) < 8, "the run was interrupted before the end"

    run_to_end(tmp_path, arch, out)
    assert not temp_folders(tmp_path), "... and the next run sweeps it"
    assert not list(out.rglob("*.tmp")), "no half-written file is left"
    assert comparable(out) == reference


@pytest.mark.slow
def test_verify_check_leaves_no_process_behind(tmp_path):
    dossier = tmp_path / "zhangwei"
    dossier.mkdir()
    (dossier / "applicant.yaml").write_text(YAML.format(name="张伟"), encoding="utf-8")
    mark = uuid.uuid4().hex
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path), **{procs.MARK: mark})
    proc = subprocess.run([sys.executable, "-m", "verify", "check", str(dossier), "-o", str(tmp_path / "out"), "-q",
                           "--engine", "replay"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seconds, left = procs.wait_gone(lambda: procs.marked(mark), timeout=5)
    assert not left, f"{len(left)} process(es) left after verify check exited"
    assert not list(tmp_path.glob("verify-*"))
