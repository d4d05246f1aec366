"""The README demo, asserted: ``verify batch fixtures/sample`` with the real engine
reports each planted defect of the committed sample as ``fail`` and the clean
applicant as ``pass`` (slow: 48 real pages, about a minute on two cores)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from verify import cli

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample"


@pytest.fixture(scope="module")
def sample_run(sample_local_run):
    out = sample_local_run  # tests/conftest.py: one run per session, shared with the Dask test
    key = json.loads((SAMPLE / "answer_key.json").read_text(encoding="utf-8"))
    return out, key


def report_of(out: Path, key: str) -> dict:
    return json.loads((out / key / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_every_planted_defect_fails_on_its_file(sample_run):
    out, key = sample_run
    planted = [(a["key"], p) for a in key["applicants"] for p in a["planted"]]
    assert len(planted) >= 5
    for applicant_key, defect in planted:
        findings = report_of(out, applicant_key)["findings"]
        hits = [f for f in findings if f["rule"] == defect["rule"] and f["status"] == "fail"
                and (defect["file"] is None or f["file"] == defect["file"])]
        assert hits, (applicant_key, defect, [f for f in findings if f["rule"] == defect["rule"]])


@pytest.mark.slow
def test_verdicts_and_summary(sample_run):
    out, key = sample_run
    rows = {r["key"]: r for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig"))}
    assert set(rows) == {a["key"] for a in key["applicants"]}
    for a in key["applicants"]:
        report = report_of(out, a["key"])
        assert report["schema"] == "dossier-report/1"
        assert rows[a["key"]]["verdict"] == report["verdict"]
        if a["planted"]:
            assert report["verdict"] == "fail", a["key"]
        elif a["expected_verdict"] == "pass":
            bad = [f for f in report["findings"] if f["status"] != "pass"]
            assert report["verdict"] == "pass", bad
        else:  # the enterprise applicant's corrupt scan is named, never passed
            assert report["verdict"] == "review"
            unreadable = [f for f in report["findings"] if f["rule"] == "dossier.readable"]
            assert unreadable and all(f["status"] == "review" and f["file"] for f in unreadable)
        assert (out / a["key"] / "report.html").stat().st_size > 10_000
