"""The batch on a real Dask cluster: a scheduler and two workers started as separate
processes with Dask's own CLI (``dask scheduler``, ``dask worker``), as a site runs
them, on 127.0.0.1.

Fast tests use the fake checks of ``test_batch_mechanics`` (the workers import them:
``tests`` is on their ``PYTHONPATH``): outcomes and reports as the local pool gives
them, a crashing dossier, a hung one, a rerun. The slow test runs
``verify batch fixtures/sample --scheduler …`` with the real engine, kills one worker
(nanny and all) mid-run, and compares the summary with the local run's.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from test_batch_mechanics import FAST, counting_check, fake_check, make_dossier, read_summary  # noqa: E402

from verify.run.batch import BatchOptions, find_dossiers, run_batch  # noqa: E402
from verify.run.pipeline import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
DASK = Path(sys.executable).parent / "dask"
SAMPLE = ROOT / "fixtures" / "sample"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """``dask scheduler`` and ``dask worker`` processes (each in its own session, so a
    worker can be killed with its nanny)."""

    def __init__(self, root: Path, workers: int = 2, memory_limit: str = "3GiB"):
        self.root = root
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.env = {**os.environ,
                    "PYTHONPATH": os.pathsep.join([str(TESTS), str(ROOT), os.environ.get("PYTHONPATH", "")]),
                    "VERIFY_OCR_CACHE": str(root / "worker-cache" / "ocr.sqlite"),
                    # the Dask settings docs/SCALE.md asks for, the way it asks
                    "DASK_CONFIG": str(ROOT / "verify" / "run" / "dask-config")}
        self.log = open(root / "cluster.log", "ab")
        self.scheduler = self._start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                      "--no-dashboard"])
        self.memory_limit = memory_limit
        self.workers: list[subprocess.Popen] = []
        for _ in range(workers):
            self.add_worker()
        self.wait_for_workers(workers)

    def add_worker(self) -> None:
        self.workers.append(self._start([str(DASK), "worker", self.address, "--nthreads", "1", "--nworkers", "1",
                                         "--memory-limit", self.memory_limit, "--no-dashboard",
                                         "--local-directory", str(self.root / f"worker{len(self.workers)}")]))

    def _start(self, argv: list[str]) -> subprocess.Popen:
        return subprocess.Popen(argv, env=self.env, cwd=self.root, stdout=self.log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def wait_for_workers(self, n: int, timeout: float = 120.0) -> None:
        from distributed import Client

        deadline = time.monotonic() + timeout
        while True:
            try:
                with Client(self.address, timeout=10) as client:
                    if n:  # else the scheduler is up
                        client.wait_for_workers(n, timeout=max(1.0, deadline - time.monotonic()))
                    return
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise

    def kill_worker(self, i: int) -> None:
        os.killpg(self.workers[i].pid, signal.SIGKILL)
        self.workers[i].wait(10)

    def close(self) -> None:
        for p in self.workers + [self.scheduler]:
            if p.poll() is None:
                with _suppress():
                    os.killpg(p.pid, signal.SIGTERM)
        for p in self.workers + [self.scheduler]:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                with _suppress():
                    os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)
        self.log.close()


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], (ProcessLookupError, PermissionError))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask"))
    yield c
    c.close()


#: generous start-up time: workers import the toolkit on their first task, and CI machines are busy
PATIENT = {**FAST, "startup_timeout": 60.0}


def _options(address: str, **kw) -> BatchOptions:
    return BatchOptions(scheduler=address, **{**PATIENT, **kw})


@pytest.mark.slow  # a Dask cluster starts (seconds)
def test_outcomes_on_the_cluster_match_the_local_pool(cluster, tmp_path):
    archive = tmp_path / "archive"
    make_dossier(archive, "A1")
    make_dossier(archive, "A2", status="fail")
    make_dossier(archive, "A3", status="review")
    make_dossier(archive, "A4", marker="BOOM")
    make_dossier(archive, "A5", yaml_text="name: [unclosed\n")
    settings = Settings(cache_path=None)
    local = run_batch(find_dossiers(archive), tmp_path / "local", settings, BatchOptions(workers=2, **PATIENT),
                      check=fake_check)
    remote = run_batch(find_dossiers(archive), tmp_path / "dask", settings, _options(cluster.address),
                       check=fake_check)
    strip = lambda rows: {k: {c: v for c, v in r.items() if c != "report"} for k, r in rows.items()}
    assert strip(read_summary(tmp_path / "dask")) == strip(read_summary(tmp_path / "local"))
    assert [r.verdict for r in remote.rows] == ["pass", "fail", "review", "error", "error"]
    assert remote.workers == 2
    for key in ("A1", "A2", "A3", "A4"):
        assert (tmp_path / "dask" / key / "report.json").is_file()
        assert (tmp_path / "dask" / key / "report.html").is_file()
    assert not (tmp_path / "dask" / "A5" / "report.json").exists()
    # a rerun reuses every finished report, without asking the cluster
    again = run_batch(find_dossiers(archive), tmp_path / "dask", settings, _options(cluster.address),
                      check=fake_check)
    assert [r.key for r in again.rows if not r.skipped] == ["A4", "A5"]  # errors are checked again


@pytest.mark.slow
def test_workers_started_the_documented_way_keep_glibcs_own_memory_trimming(cluster):
    from distributed import Client

    with Client(cluster.address, timeout=10) as client:
        seen = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS")))
    assert set(seen.values()) == {(None, "1")}, seen  # Dask's other settings stay


@pytest.mark.slow
def test_workers_memory_is_capped_as_the_local_pools_is(cluster, tmp_path):
    """Probe alt23 F7: a file that allocates without bound must fail in its worker with
    ``MemoryError`` (naming the file), not outrun the nanny's checks and the machine."""
    import resource

    from distributed import Client

    from verify.run.resources import worker_memory_cap

    archive = tmp_path / "archive"
    make_dossier(archive, "M1")
    run_batch(find_dossiers(archive), tmp_path / "out", Settings(cache_path=None), _options(cluster.address),
              check=fake_check)
    with Client(cluster.address, timeout=10) as client:
        caps = client.run(lambda: resource.getrlimit(resource.RLIMIT_DATA)[0])
    assert set(caps.values()) == {worker_memory_cap()}, caps


@pytest.mark.slow
def test_page_progress_comes_back_from_the_workers(cluster, tmp_path):
    archive = tmp_path / "archive"
    for key in ("B1", "B2", "B3"):
        make_dossier(archive, key)
    stream = io.StringIO()
    outcome = run_batch(find_dossiers(archive), tmp_path / "out", Settings(cache_path=None),
                        _options(cluster.address, progress="log"), check=counting_check, stream=stream)
    assert [r.verdict for r in outcome.rows] == ["pass"] * 3
    text = stream.getvalue()
    assert "[3/3]" in text and "页 6/6" in text, text  # two pages each, counted once


@pytest.mark.slow  # each fault costs a worker restart (several seconds)
def test_crashing_and_hung_dossiers_become_error_rows_and_the_cluster_goes_on(cluster, tmp_path):
    archive = tmp_path / "archive"
    make_dossier(archive, "C1")
    make_dossier(archive, "C2", marker="CRASH")
    make_dossier(archive, "C3", marker="HANG")
    make_dossier(archive, "C4", status="fail")
    outcome = run_batch(find_dossiers(archive), tmp_path / "out", Settings(cache_path=None),
                        _options(cluster.address, startup_timeout=20.0), check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert rows["C1"].verdict == "pass" and rows["C4"].verdict == "fail"
    assert rows["C2"].verdict == "error" and "反复异常退出" in rows["C2"].error
    assert rows["C3"].verdict == "error" and "超时" in rows["C3"].error
    for key in ("C2", "C3"):
        report = (tmp_path / "out" / key / "report.json").read_text(encoding="utf-8")
        assert '"dossier.readable"' in report and '"review"' in report
    cluster.wait_for_workers(2)  # both workers are back (nanny restarts)


@pytest.mark.slow
def test_an_archive_given_as_a_url_is_copied_by_the_workers(cluster, tmp_path):
    """``verify batch file:///… --scheduler …``: each worker copies its applicant from
    the URL into its own directory (``verify.run.remote_inputs``); a rerun reuses all."""
    from verify.run.remote_inputs import find_url_dossiers

    archive = tmp_path / "archive"
    make_dossier(archive, "U1")
    make_dossier(archive, "U2", status="fail")
    make_dossier(archive / "单位", "U3", status="review")
    outcome = run_batch(find_url_dossiers(archive.as_uri()), tmp_path / "out", Settings(cache_path=None),
                        _options(cluster.address), check=fake_check)
    assert [(r.key, r.verdict) for r in outcome.rows] == [("U1", "pass"), ("U2", "fail"), ("单位/U3", "review")]
    assert (tmp_path / "out" / "单位" / "U3" / "report.html").is_file()
    assert not list((tmp_path / "out").glob("**/*.jpg")), "the copies stay on the workers"
    assert not list(cluster.root.glob("worker*/**/verify-tmp/*")), "and are removed there with their task"
    again = run_batch(find_url_dossiers(archive.as_uri()), tmp_path / "out", Settings(cache_path=None),
                      _options(cluster.address), check=fake_check)
    assert all(r.skipped for r in again.rows)


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys, monkeypatch):
    from verify import cli
    from verify.run import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 3.0)  # Dask's 30 s would only slow the suite

    archive = tmp_path / "archive"
    make_dossier(archive, "D1")
    code = cli.main(["batch", str(archive), "-o", str(tmp_path / "out"), "-q",
                     "--scheduler", f"tcp://127.0.0.1:{_free_port()}"])
    assert code == 2
    assert "无法连接 Dask 调度器" in (err := capsys.readouterr().err) and "已等待 3 秒" in err


@pytest.mark.slow  # a Dask cluster of its own starts, and its scheduler is killed
def test_a_scheduler_that_dies_mid_run_ends_the_run_as_interrupted(tmp_path, capsys, monkeypatch):
    """The unfinished applicants were error rows, but the run printed 完成 and exited 0
    (hostile exploration 5, P7)."""
    import threading

    from verify import cli
    from verify.run import batch
    from verify.run.cluster import ClusterLost

    (tmp_path / "cluster").mkdir()
    own = Cluster(tmp_path / "cluster", workers=1)
    try:
        archive = tmp_path / "archive"
        make_dossier(archive, "a", marker="HANG")
        make_dossier(archive, "b", marker="HANG")
        out = tmp_path / "out"
        killer = threading.Timer(10.0, lambda: os.killpg(own.scheduler.pid, signal.SIGKILL))
        killer.start()
        with pytest.raises(ClusterLost, match="调度器"):
            run_batch(find_dossiers(archive), out, Settings(cache_path=None),
                      _options(own.address, page_timeout=120.0), check=fake_check)
        killer.join()
        rows = read_summary(out)
        assert {k: r["verdict"] for k, r in rows.items()} == {"a": "error", "b": "error"}
        assert all("重新运行" in r["error"] for r in rows.values())
    finally:
        own.close()

    def lost(*args, **kwargs):
        raise ClusterLost("与 Dask 调度器 tcp://x 的连接在运行中断开")

    monkeypatch.setattr(batch, "run_batch", lost)
    code = cli.main(["batch", str(archive), "-o", str(tmp_path / "out2"), "-q", "--scheduler", own.address])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERRUPTED and "连接在运行中断开" in err and "完成" not in err


def _summary(path: Path) -> dict[str, dict]:
    rows = csv.DictReader((path / "summary.csv").open(encoding="utf-8-sig"))
    return {r["key"]: r for r in rows}


@pytest.mark.slow
def test_the_sample_on_a_cluster_that_loses_a_worker(tmp_path, sample_local_run):
    """``verify batch fixtures/sample --scheduler …`` with the real engine; one worker
    (nanny and worker process) is killed once the first applicant is done: every
    applicant still finishes, with the summary of the local run."""
    c = Cluster(tmp_path)
    try:
        out = tmp_path / "out"
        proc = subprocess.Popen([sys.executable, "-m", "verify", "batch", str(SAMPLE), "-o", str(out),
                                 "--scheduler", c.address], cwd=tmp_path, env=c.env,
                                stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        lines = []
        killed = False
        for line in proc.stderr:
            lines.append(line)
            if not killed and "[1/4]" in line:  # the first applicant is done: take a worker away
                c.kill_worker(1)
                killed = True
        assert proc.wait(600) == 0, "".join(lines)
        assert killed, "".join(lines)
        dask_rows, local_rows = _summary(out), _summary(sample_local_run)
        assert set(dask_rows) == set(local_rows)
        differ = {key: {c: (v, local_rows[key].get(c)) for c, v in row.items() if v != local_rows[key].get(c)}
                  for key, row in dask_rows.items()}
        assert not any(differ.values()), differ  # column: (Dask, local)
        assert all(r["verdict"] != "error" for r in dask_rows.values())
        assert (out / ".verify.lock").exists() is False
    finally:
        c.close()


@pytest.mark.slow  # each fault costs a worker restart (several seconds)
@pytest.mark.parametrize("bad, words", [
    ("bomb.pdf", "反复异常退出"),
    ("hang.pdf", "无进展"),
    ("mem.pdf", "内存不足"),
])
def test_a_file_that_kills_its_worker_is_skipped_on_the_cluster_too(cluster, tmp_path, bad, words):
    """As on the local pool (probe alt23 F12): the applicant is checked once more
    without the file its worker was reading when it died, hung or ran out of memory;
    the file gets a review saying why and the other findings stand."""
    import json

    from test_batch_mechanics import file_check

    archive = tmp_path / "archive"
    folder = make_dossier(archive, "F1")
    (folder / "扫描件" / bad).write_bytes(b"%PDF-1.4")
    make_dossier(archive, "F2")
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(archive), out, Settings(cache_path=None),
                        _options(cluster.address, page_timeout=1.0, startup_timeout=20.0), check=file_check)
    rows = {r.key: r for r in outcome.rows}
    assert rows["F2"].verdict == "pass"
    assert rows["F1"].verdict == "review" and not rows["F1"].error, rows["F1"]
    report = json.loads((out / "F1" / "report.json").read_text(encoding="utf-8"))
    assert sorted((f["rule"], f["status"], f["file"]) for f in report["findings"]) == [
        ("dossier.readable", "review", f"扫描件/{bad}"), ("seal.present", "pass", "扫描件/证书.jpg")]
    assert words in next(f["message"] for f in report["findings"] if f["rule"] == "dossier.readable")
    cluster.wait_for_workers(2)


def test_a_result_lost_with_its_worker_is_awaited_again_not_an_error_row():
    """A dossier done on a worker that was then restarted (for another applicant's hang)
    before the main process took its result: the future is lost, and the scheduler
    computes it again. It became an error row reading "None" (seen under load in
    test_crashing_and_hung_dossiers_become_error_rows_and_the_cluster_goes_on)."""
    from types import SimpleNamespace

    from verify.run.cluster import _handle, _Running

    future = SimpleNamespace(status="lost", key="verify-x-0")
    r = _Running(task=SimpleNamespace(key="C4"), future=future, deadline=5.0, started=True, file="a.jpg")
    running, finished, watched = {future.key: r}, [], []
    sink = SimpleNamespace(finished=lambda *a: finished.append(a))
    _handle("done", future.key, "x", running, {"C4": r}, sink, 1.0, 1.0, 1, watch=watched.append)
    assert finished == [] and watched == [future] and running[future.key] is r
    assert (r.deadline, r.started, r.file) == (float("inf"), False, None)


@pytest.mark.slow
def test_a_worker_that_cannot_open_a_dossier_hands_it_to_another(cluster, tmp_path, monkeypatch, caplog):
    """Hostile exploration 6, D4: a worker that could not read the archive (not mounted
    there, no permission) made 「申报材料文件夹无法打开」 error rows, blaming the
    applicant, and nothing was retried. Here the dossiers are given by relative paths
    and one worker runs in another folder: the path is missing on that worker only. (A
    retry that only preferred the other worker was stolen back by the idle one.)"""
    import dataclasses

    from distributed import Client

    archive = tmp_path / "archive"
    for key in ("R1", "R2", "R3", "R4"):  # slow: the worker that can read them is busy while the other idles
        make_dossier(archive, key, marker="SLOW")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    dossiers = [dataclasses.replace(d, path=Path(os.path.relpath(d.path))) for d in find_dossiers(archive)]
    gone = dataclasses.replace(dossiers[0], key="R0", path=Path("archive/R0"))  # missing here too: its own row
    with Client(cluster.address, timeout=10) as client:
        first, second = sorted(client.scheduler_info()["workers"])
        try:
            client.run(os.chdir, str(tmp_path), workers=[first])
            client.run(os.chdir, str(tmp_path / "elsewhere"), workers=[second])
            with caplog.at_level("WARNING", logger="verify.run.cluster"):
                outcome = run_batch(dossiers, tmp_path / "out", Settings(cache_path=None), _options(cluster.address),
                                    check=fake_check)
            assert {r.key: (r.verdict, r.error) for r in outcome.rows} == {k: ("pass", "") for k in
                                                                            ("R1", "R2", "R3", "R4")}
            assert "无法打开申报材料文件夹" in caplog.text  # the second worker did take one
            # no worker can open them, this process can: the cluster's fault, said so; R0 is missing here too
            client.run(os.chdir, str(tmp_path / "elsewhere"))
            outcome = run_batch(dossiers[:1] + [gone], tmp_path / "out2", Settings(cache_path=None),
                                _options(cluster.address), check=fake_check)
        finally:
            client.run(os.chdir, str(cluster.root))
    rows = {r.key: r for r in outcome.rows}
    assert rows["R1"].verdict == "error" and rows["R1"].error.startswith("某个计算节点无法读取 R1 的申报材料文件夹")
    assert "不是申报材料的问题" in rows["R1"].error and "已不存在" not in rows["R1"].error
    assert (tmp_path / "out2" / "R1" / "report.json").is_file()
    assert rows["R0"].verdict == "error" and "申报材料文件夹已不存在" in rows["R0"].error


@pytest.mark.slow  # a scheduler of its own starts, then one worker
def test_a_scheduler_without_workers_is_waited_on_for_a_while_then_a_clear_error(tmp_path, monkeypatch, capfd):
    """Hostile exploration 6, D5: workers close with their scheduler, so the rerun after a
    scheduler restart found none and waited for ever without a word. Now it says it
    waits, waits ``--cluster-wait`` seconds, and ends with a Chinese line; a worker that
    joins in time is used; workers all lost mid-run end the run as interrupted."""
    import threading

    from verify import cli
    from verify.run import cluster as cluster_module
    from verify.run.cluster import NoWorkers

    archive = tmp_path / "archive"
    make_dossier(archive, "W1")
    (tmp_path / "cluster").mkdir()
    own = Cluster(tmp_path / "cluster", workers=0)
    try:
        started = time.monotonic()
        code = cli.main(["batch", str(archive), "-o", str(tmp_path / "out"), "--scheduler", own.address,
                         "--cluster-wait", "1.5", "--no-cache"])
        err = capfd.readouterr().err
        assert code == cli.EXIT_USAGE and time.monotonic() - started < 60, err
        assert "等待计算节点连接" in err and "没有计算节点" in err and "请先启动计算节点" in err, err
        assert "Traceback" not in err and "distributed" not in err, err
        own.add_worker()  # joins while the batch waits
        stream = io.StringIO()
        outcome = run_batch(find_dossiers(archive), tmp_path / "out", Settings(cache_path=None),
                            _options(own.address, cluster_wait=120.0, progress="log"), check=fake_check, stream=stream)
        assert [r.verdict for r in outcome.rows] == ["pass"] and outcome.workers == 1, stream.getvalue()
        # the only worker is killed mid-run (nanny and all)
        make_dossier(archive, "W2", marker="HANG")
        monkeypatch.setattr(cluster_module, "WORKER_LOOK", 0.5)
        killer = threading.Timer(5.0, own.kill_worker, args=(0,))
        killer.start()
        stream = io.StringIO()
        with pytest.raises(NoWorkers, match="计算节点已全部断开") as lost:
            run_batch(find_dossiers(archive), tmp_path / "out", Settings(cache_path=None),
                      _options(own.address, cluster_wait=1.0, page_timeout=120.0, progress="log"), check=fake_check,
                      stream=stream)
        killer.join()
        assert lost.value.interrupted and "等待计算节点重新连接" in stream.getvalue()
    finally:
        own.close()


def test_dasks_own_loggers_are_quiet_without_verbose(tmp_path):
    """distributed.client keeps its own level: quietening "distributed" left its English
    traceback on a lost scheduler (hostile exploration 6, D5)."""
    import logging

    from verify import cli

    archive = tmp_path / "archive"
    make_dossier(archive, "Q1")
    # a campaign file that is not there ends the run before the scheduler is asked, after the quietening
    code = cli.main(["batch", str(archive), "-o", str(tmp_path / "out"), "-q", "--campaign", str(tmp_path / "none.yaml"),
                     "--scheduler", f"tcp://127.0.0.1:{_free_port()}"])
    assert code == cli.EXIT_USAGE
    assert logging.getLogger("distributed.client").getEffectiveLevel() >= logging.CRITICAL


def test_a_dossiers_deadline_on_the_cluster_is_under_the_whole_dossiers_ceiling():
    """As on the local pool: 400 pages at 60 s a page gave a deadline over six hours after
    the worker's ``start``; it is never past ``dossier_timeout``, and a dossier whose
    pages' time is shorter keeps it."""
    from types import SimpleNamespace

    from verify.run.cluster import _handle, _Running

    for pages, limit in ((400, 3600.0), (10, 720.0)):
        future = SimpleNamespace(key=f"verify-x-{pages}")
        r = _Running(task=SimpleNamespace(key=f"D{pages}"), future=future, attempt="1")
        started = []
        sink = SimpleNamespace(started=lambda *a: started.append(a))
        event = {"run": "x", "key": f"D{pages}", "tag": future.key, "kind": "start", "attempt": "1", "pages": pages,
                 "applicant": b""}
        before = time.monotonic()
        _handle("event", event, "x", {future.key: r}, {f"D{pages}": r}, sink, 60.0, 120.0, 1, dossier_timeout=3600.0)
        assert started and r.started and r.pages == pages
        assert before + limit <= r.deadline <= time.monotonic() + limit, (pages, r.deadline - before)


def test_a_file_named_while_the_pages_are_counted_is_under_the_start_up_time_not_the_stall_limit():
    """The worker names each PDF it counts before its ``start``: that is start-up time
    (an error row naming the file past it), not the stall limit of a file being read,
    which would have cut a slow count short as a start-up timeout."""
    from types import SimpleNamespace

    from verify.run.cluster import _handle, _Running

    future = SimpleNamespace(key="verify-x-c")
    r = _Running(task=SimpleNamespace(key="C"), future=future, attempt="1")
    event = {"run": "x", "key": "C", "tag": future.key, "kind": "file", "attempt": "1", "file": "扫描件/全部.pdf"}
    _handle("event", event, "x", {future.key: r}, {"C": r}, SimpleNamespace(), 1.0, 20.0, 1, stuck_after=10.0)
    assert r.file == "扫描件/全部.pdf" and r.stall == float("inf")
    r.started = True
    _handle("event", event, "x", {future.key: r}, {"C": r}, SimpleNamespace(), 1.0, 20.0, 1, stuck_after=10.0)
    assert r.stall < float("inf")
