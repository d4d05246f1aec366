"""verify.run.pipeline: each step's time is read on one clock (``STEP_CLOCK``), which
scripts/bench_pipeline.py sets to the process's CPU seconds: on a machine others share,
wall time charges a step with whatever else ran meanwhile."""
from __future__ import annotations

from ocr.model import OcrPage
from verify.model import Applicant, PageRead
from verify.run import pipeline


def test_a_steps_time_is_read_on_the_step_clock(monkeypatch):
    ticks = iter(range(100, 200))
    monkeypatch.setattr(pipeline, "STEP_CLOCK", lambda: float(next(ticks)))
    timings: dict[str, float] = {}
    read = PageRead(file="a.jpg", page=1, ocr=OcrPage(100, 100, []))
    now = pipeline._confirm_claims(read, Applicant(name="张伟", unit="抚顺市生态环境监测站"), None, None, timings, 90.0)
    assert (now, timings) == (100.0, {"confirm": 10.0})


def test_the_step_clock_is_wall_time_unless_set():
    import time

    assert pipeline.STEP_CLOCK is time.perf_counter
