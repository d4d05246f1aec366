"""Fixtures shared by several test modules."""
from __future__ import annotations

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
    session (slow: 48 real pages): the README demo, and the reference the Dask run is
    compared with."""
    from verify import cli

    out = tmp_path_factory.mktemp("sample-out")
    assert cli.main(["batch", str(SAMPLE), "-o", str(out), "--workers", "2", "-q"]) == 0
    return out
