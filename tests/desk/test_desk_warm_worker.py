"""The desk keeps its worker process warm between checks (verify.run.pool.WarmWorkers): a
fresh process per check made each reviewer wait for the interpreter and the OCR engine before
the first page showed. What the fresh process gave is kept: a dossier whose check kills its
worker or hangs it is that applicant's error, never the desk's; the next check gets a fresh
worker; a worker is replaced after WARM_MAX_DOSSIERS applicants. Through HTTP (TestClient),
the batch runner's real worker processes, a fake check that names its process."""
from __future__ import annotations

import re

import desk_fakes
import pytest
from conftest import login, make_dossier, zip_folder
from test_desk_app import upload_zip, wait_done


def _check(li, tmp_path, key, files=("扫描/p1.jpg",)) -> tuple[int, str]:
    """Upload ``key`` (scans named ``files``), wait for its check; (its id, its page)."""
    zip_path = zip_folder(make_dossier(tmp_path / key, key, files=files), tmp_path / f"{key}.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(rf'<tr data-id="(\d+)"[^>]*>(?:(?!</tr>).)*{key}', li.get("/applicants").text,
                                 re.S).group(1))
    wait_done(li, applicant_id)
    return applicant_id, li.get(f"/applicants/{applicant_id}").text


def _process(page: str) -> int | None:
    found = re.search(r"进程 (\d+)", page)
    return int(found.group(1)) if found else None


@pytest.mark.slow
def test_checks_share_a_warm_worker_and_a_crashing_or_hanging_dossier_gets_a_fresh_one(desk_factory, tmp_path):
    from starlette.testclient import TestClient

    app, folder = desk_factory(inner_check=desk_fakes.process_check, dossier_timeout=4.0)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        _, first = _check(li, tmp_path, "A2024-001")
        _, second = _check(li, tmp_path, "A2024-002")
        assert _process(first) is not None and _process(first) == _process(second), "each check had a fresh worker"

        crashed, page = _check(li, tmp_path, "A2024-003", files=("扫描/p1-crash.jpg",))
        assert "核验进程异常退出" in page and _process(page) is None
        _, after_crash = _check(li, tmp_path, "A2024-004")
        assert _process(after_crash) not in (None, _process(first)), "the killed worker was kept"

        hung, page = _check(li, tmp_path, "A2024-005", files=("扫描/p1-hang.jpg",))
        assert "核验超时" in page and _process(page) is None
        _, after_hang = _check(li, tmp_path, "A2024-006")
        assert _process(after_hang) not in (None, _process(after_crash)), "the hung worker was kept"
        assert li.get("/applicants").status_code == 200  # the desk serves on
        (warm,) = app.state.desk.queue.warm_pools
        assert warm.started == 3


@pytest.mark.slow
def test_a_warm_worker_is_replaced_after_its_quota_of_applicants(desk_factory, tmp_path, monkeypatch):
    from starlette.testclient import TestClient

    from verify.run import pool

    monkeypatch.setattr(pool, "WARM_MAX_DOSSIERS", 2)
    app, folder = desk_factory(inner_check=desk_fakes.process_check)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        processes = [_process(_check(li, tmp_path, f"A2024-00{n}")[1]) for n in range(1, 6)]
    assert None not in processes
    assert processes[0] == processes[1] != processes[2] == processes[3] != processes[4], processes


def _workers_of(pid: int) -> list[int]:
    """The multiprocessing workers (spawned) that process ``pid`` started, from /proc."""
    from pathlib import Path

    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
            out.append(int(entry.name))
    return out


@pytest.mark.slow
def test_the_real_desk_starts_its_worker_before_the_first_upload_and_ctrl_c_ends_it(tmp_path):
    import os
    import signal
    import subprocess
    import time

    from desk_server import VERIFY, adduser, free_port, wait_until_answering

    data = tmp_path / "data"
    assert adduser(data, "管理员", "a-long-password", admin=True).returncode == 0
    port = free_port()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen([VERIFY, "desk", "--data", str(data), "--port", str(port)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, TMPDIR=str(tmp)))
    try:
        deadline = wait_until_answering(proc, port)
        while not (workers := _workers_of(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 1, "no worker was started ahead of the first upload"
        time.sleep(3)  # Ctrl+C while it loads the engine or waits, warm
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "审核台已停止" in out and "Traceback" not in out, out
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "the warm worker outlived the desk"
    assert list(tmp.iterdir()) == [], "the warm worker's temporary area outlived the desk"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
