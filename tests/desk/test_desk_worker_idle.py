"""A warm worker left idle past ``verify desk --worker-idle`` is ended, its memory returned
(a desk left running over a night or a weekend held each worker's OCR engine, 0.8 GB, while
nothing was checked); the next check starts a fresh one, its progress saying 启动识别引擎 while
it starts, and no check is lost or run twice, however a check and the release meet. Through
HTTP (TestClient), the batch runner's real worker processes, a fake check that names its
process (:func:`desk_fakes.process_check`)."""
from __future__ import annotations

import os
import re
import time

import desk_fakes
import pytest
from conftest import login, make_dossier, zip_folder
from test_desk_app import upload_zip
from test_desk_warm_worker import _alive, _process, _workers_of

#: the dispatchers' look at an empty queue, where an idle worker is ended (the desk's: 2 s)
LOOK = 0.25


@pytest.fixture(autouse=True)
def quick_looks(monkeypatch):
    """The queue looks every :data:`LOOK` seconds: the releases waited for here come that much
    sooner, and the pauses below are laid out around it."""
    from verify.desk import queue

    monkeypatch.setattr(queue, "QUEUE_LOOK", LOOK)


def _check(li, tmp_path, key) -> tuple[int, str, list[str]]:
    """Upload ``key``, follow its check to the end; (its id, its page, the steps its progress showed)."""
    zip_path = zip_folder(make_dossier(tmp_path / key, key, files=("扫描/p1.jpg",)), tmp_path / f"{key}.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(rf'<tr data-id="(\d+)"[^>]*>(?:(?!</tr>).)*{key}', li.get("/applicants").text,
                                 re.S).group(1))
    steps: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        state = li.get(f"/applicants/{applicant_id}/progress").json()
        if state["state"] == "done":
            break
        if state.get("step_zh") and state["step_zh"] not in steps:
            steps.append(state["step_zh"])
        time.sleep(0.03)
    else:
        raise AssertionError(f"{key} not checked within 90 s: {state}")
    return applicant_id, li.get(f"/applicants/{applicant_id}").text, steps


def _wait_released(queue, count: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while queue.released < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert queue.released >= count, "the idle worker was not ended"


def _wait_looks(queue, count: int, timeout: float = 60.0) -> None:
    """Wait until the queue's dispatcher has looked ``count`` times more at an empty queue
    (each look is where it ends a worker idle past the limit: ``_release_idle``), rather
    than sleeping for as many looks' time (one every ``QUEUE_LOOK`` seconds)."""
    looks = []
    release_idle = queue._release_idle

    def counted():
        release_idle()
        looks.append(time.monotonic())

    queue._release_idle = counted
    try:
        deadline = time.monotonic() + timeout
        while len(looks) < count and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        del queue._release_idle
    assert len(looks) >= count, f"the queue looked {len(looks)} times in {timeout} s"


def _checked_once(folder) -> list[tuple]:
    """Each applicant's (key, state, run_no, error) and the checks the audit trail queued for it."""
    with folder.connection() as conn:
        rows = conn.execute("SELECT a.key, a.state, a.run_no, a.error,"
                            " (SELECT COUNT(*) FROM audit WHERE applicant_id = a.id AND action = 'check.queued')"
                            " FROM applicants a ORDER BY a.id").fetchall()
    return [tuple(r) for r in rows]


@pytest.mark.slow
def test_an_idle_worker_is_ended_and_the_next_check_starts_a_fresh_one(desk_factory, tmp_path):
    from starlette.testclient import TestClient

    app, folder = desk_factory(inner_check=desk_fakes.process_check, worker_idle=1.0)
    queue = app.state.desk.queue
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        _, page, steps = _check(li, tmp_path, "A2024-001")
        first = _process(page)
        assert first is not None and "启动识别引擎" in steps, steps  # no worker yet: it starts one

        _wait_released(queue, 1)
        assert not _alive(first), "the idle worker still holds its memory"
        assert _workers_of(os.getpid()) == []
        queue.worker_idle = None  # the next worker is kept, however slow this machine is between checks

        _, page, steps = _check(li, tmp_path, "A2024-002")
        second = _process(page)
        assert second not in (None, first), "the ended worker served again"
        assert "启动识别引擎" in steps, f"the reviewer was not told the engine is starting: {steps}"
        # checked at once after it: the fresh worker, warm now, no engine to start
        _, page, steps = _check(li, tmp_path, "A2024-003")
        assert _process(page) == second and "启动识别引擎" not in steps, steps
        (warm,) = queue.warm_pools
        assert warm.started == 2
    assert _checked_once(folder) == [(f"A2024-00{n}", "done", 1, None, 1) for n in (1, 2, 3)]


@pytest.mark.slow
def test_checks_meeting_the_idle_release_are_each_checked_once(desk_factory, tmp_path):
    """Uploads that arrive just before, at and after the worker's idle limit (0.5 s: ended at
    the queue's second or third look, every :data:`LOOK` seconds): each is checked once, by a
    live worker, whichever it gets."""
    from starlette.testclient import TestClient

    app, folder = desk_factory(inner_check=desk_fakes.process_check, worker_idle=0.5)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        processes = []
        for n, pause in enumerate((0.0, 0.3, 2 * LOOK - 0.05, 2 * LOOK + 0.05, 6 * LOOK), start=1):
            time.sleep(pause)
            _, page, _ = _check(li, tmp_path, f"A2024-00{n}")
            processes.append(_process(page))
        assert None not in processes, processes
        assert app.state.desk.queue.released >= 1  # the last pause outlasted the idle limit
    assert _checked_once(folder) == [(f"A2024-00{n}", "done", 1, None, 1) for n in range(1, 6)]


@pytest.mark.slow
def test_worker_idle_zero_keeps_the_worker_for_good(desk_factory, tmp_path):
    from starlette.testclient import TestClient

    app, folder = desk_factory(inner_check=desk_fakes.process_check, worker_idle=0)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        first = _process(_check(li, tmp_path, "A2024-001")[1])
        _wait_looks(app.state.desk.queue, 2)  # two looks at the idle queue, where an idle worker would be ended
        assert _alive(first)
        assert _process(_check(li, tmp_path, "A2024-002")[1]) == first
        assert app.state.desk.queue.released == 0


def test_release_idle_ends_only_the_workers_idle_past_the_limit():
    from verify.run.pipeline import Settings
    from verify.run.pool import WarmWorkers

    warm = WarmWorkers()
    try:
        warm.prewarm(Settings(cache_path=None), engine=False)
        assert warm.ready()
        (worker,) = warm._idle
        assert warm.release_idle(60.0) == 0 and worker.process.is_alive()
        assert warm.release_idle(60.0, now=time.monotonic() + 61) == 1
        assert not worker.process.is_alive() and not warm.ready()
        assert warm.release_idle(0.0) == 0
    finally:
        warm.close()


def test_the_desk_takes_worker_idle_in_minutes():
    import argparse

    from verify.desk import cli
    from verify.desk.queue import WORKER_IDLE

    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers())
    assert parser.parse_args(["desk"]).worker_idle * 60 == WORKER_IDLE == 1800
    assert parser.parse_args(["desk", "--worker-idle", "0"]).worker_idle == 0
    assert parser.parse_args(["desk", "--worker-idle", "2.5"]).worker_idle == 2.5
