"""scripts/bench_pipeline.py judges the target (whole / OCR <= 1.05, wall) only on a
quiet machine: a run on this shared machine printed 「x0.938 wall … met」 for a check
whose quiet figure is near 1.06 (the OCR-only arm met more contention than the whole)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench_pipeline.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_pipeline", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_target_is_judged_only_where_the_machine_was_quiet():
    bench = _bench()
    assert bench.judged(0.938, 1.0).startswith("not judged")
    assert bench.judged(0.938, 0.02) == "met"
    assert bench.judged(1.06, 0.02) == "NOT met"
    assert bench.judged(1.04, None).startswith("met")
