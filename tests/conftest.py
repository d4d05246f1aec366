"""Fixtures shared by several test modules."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample"


@pytest.fixture(scope="session")
def ppocr_engine():
    """The real embedded engine (PP-OCR on ONNX Runtime), loaded once; the test is
    skipped where its models are absent."""
    try:
        from ocr.engines import get_engine

        engine = get_engine("ppocr")
        engine.stages
        engine.seal_recognizer
        return engine
    except Exception as exc:  # models absent on this machine
        pytest.skip(f"ppocr engine unavailable: {exc}")


@pytest.fixture(scope="session")
def sample_local_run(tmp_path_factory) -> Path:
    """``verify batch fixtures/sample --workers 2`` with the real engine, run once per
    test run (slow: 48 real pages): the README demo, and the reference the Dask run is
    compared with. Under pytest-xdist (`make test`) its processes share one run: the
    first to ask makes it in their common folder, under a lock, the others wait for it
    (xdist's ``loadgroup``, which would keep both tests in one process, groups nothing
    under pytest 9.2)."""
    import fcntl

    from verify import cli

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder every worker of this run has its own folder in
    out, done = root / "sample-out", root / "sample-out.done"
    with open(root / "sample-out.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            assert cli.main(["batch", str(SAMPLE), "-o", str(out), "--workers", "2", "-q"]) == 0
            done.touch()
    return out


@pytest.fixture
def answering():
    """``make(answer, path)`` starts an :class:`ocr.testing.AnsweringServer` for the test, stopped after it (the remote
    OCR's and the journal query's bad-answer tests)."""
    from ocr.testing import AnsweringServer

    started = []

    def make(answer, path: str = "/"):
        started.append(AnsweringServer(answer, path))
        return started[-1]

    yield make
    for server in started:
        server.close()
