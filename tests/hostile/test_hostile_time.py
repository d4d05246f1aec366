"""The whole-dossier time limit (``--dossier-timeout``) keeps what was read: the pipeline
stops reading at a share of it and checks the pages read, each file or page left unread a
``review`` saying why (hostile exploration 8). Before, the limit made the applicant an
error row and lost every page already read. Fast: a fake OCR engine, tiny pages."""
from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from verify.run.batch import BatchOptions, find_dossiers, run_batch
from verify.run.pipeline import READ_BUDGET, ReadBudget, Settings, check_dossier
from verify.run.reports import report_is_current

import hostile_checks

YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\nunit_kind: 事业单位\ncurrent_title: {name: 工程师, date: 2019-06-30}\n"


def _page(path: Path, pages: int = 1) -> None:
    images = [Image.new("RGB", (120, 170), "white") for _ in range(pages)]
    if pages == 1:
        images[0].save(path, format="JPEG")
    else:
        images[0].save(path, format="TIFF", save_all=True, append_images=images[1:])


def test_pages_past_the_reading_budget_are_reviews_and_the_pages_read_are_checked(tmp_path, monkeypatch):
    """The clock ticks once a look: a.jpg and b.tif's first page are read, b.tif is cut at
    its second page and c.jpg is not opened; each says why, and nothing unread passes."""
    from ocr.engines import _REGISTRY

    monkeypatch.setitem(_REGISTRY, "counting", "ocr.testing:CountingEngine")  # (the doctest of ocr.engines lists them)
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    _page(folder / "a.jpg")
    _page(folder / "b.tif", pages=3)
    _page(folder / "c.jpg")
    ticks = itertools.count()
    budget = ReadBudget(until=1.5, limit=3600.0, clock=lambda: float(next(ticks)))
    token = READ_BUDGET.set(budget)
    try:
        result = check_dossier(folder, "A1", Settings(engine="counting"))
    finally:
        READ_BUDGET.reset(token)
    assert budget.cut
    assert [(p.file, p.page) for p in result.pages] == [("a.jpg", 1), ("b.tif", 1)]
    unread = {u.file: u.reason for u in result.unreadable}
    assert sorted(unread) == ["b.tif", "c.jpg"], unread
    assert "整份材料核验限时 3600 秒" in unread["b.tif"] and "本文件第 2 页起未读取、未核验" in unread["b.tif"]
    assert "本文件未读取、未核验" in unread["c.jpg"]
    # (the pages here are 120×170 px thumbnails: that review is dossier.readable's too, and not this test's)
    readable = [f for f in result.findings if f.rule == "dossier.readable" and "分辨率过低" not in f.message]
    assert sorted((f.status, f.file) for f in readable) == [("review", "b.tif"), ("review", "c.jpg")]
    assert all(f.message.startswith("文件未核验：整份材料核验限时") for f in readable), readable
    assert not any(f.status == "pass" and f.file in unread for f in result.findings)
    assert result.verdict != "pass"
    # a document not found may be in what was not read: a review, never a fail
    assert not [f for f in result.findings if f.status == "fail"
                and f.rule in ("dossier.required", "assessment.years", "journal.issn", "paper.retrieval")]
    # the applicant is not asked to resubmit what the reviewer's machine did not read
    notes = [f.message for f in result.findings if "另有" in f.message]
    assert notes and all("2 个文件因整份材料核验限时将到未核验" in m and "重新提交" not in m for m in notes), notes


def test_without_a_budget_every_page_is_read(tmp_path, monkeypatch):
    from ocr.engines import _REGISTRY

    monkeypatch.setitem(_REGISTRY, "counting", "ocr.testing:CountingEngine")  # (the doctest of ocr.engines lists them)
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    _page(folder / "b.tif", pages=3)
    result = check_dossier(folder, "A1", Settings(engine="counting"))
    assert [p.page for p in result.pages] == [1, 2, 3] and result.unreadable == []
    assert {f.rule for f in result.findings if f.status == "fail"} >= {"dossier.required", "assessment.years"}


def test_a_dossier_past_its_ceiling_keeps_the_pages_read_in_a_batch(tmp_path):
    """61 pages at 0.25 s each under a 10 s ceiling: the applicant is a report of the pages
    read, not an error row, and the rest are reviews naming each file; the next applicant
    is checked, and a rerun checks the cut applicant again (its unread pages)."""
    arch = tmp_path / "archive"
    folder = arch / "a_creep"
    (folder / "扫描件").mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    for n in range(61):
        _page(folder / "扫描件" / f"第{n:02d}页.jpg")
    ok = arch / "b_ok"
    ok.mkdir()
    (ok / "applicant.yaml").write_text(YAML, encoding="utf-8")
    _page(ok / "证书.jpg")
    out = tmp_path / "out"
    started = time.monotonic()
    outcome = run_batch(find_dossiers(arch), out, Settings(engine="slow"),
                        BatchOptions(workers=1, page_timeout=2.0, startup_timeout=20.0, dossier_timeout=10.0,
                                     progress="none"), check=hostile_checks.pipeline_with_slow_engine)
    elapsed = time.monotonic() - started
    rows = {r.key: r for r in outcome.rows}
    assert rows["a_creep"].verdict != "error" and not rows["a_creep"].error, rows["a_creep"]
    assert rows["b_ok"].verdict != "error", rows["b_ok"]
    report = json.loads((out / "a_creep" / "report.json").read_text(encoding="utf-8"))
    read = {d["file"] for d in report["documents"]}
    unread = [u for u in report["unreadable"] if "整份材料核验限时 10 秒" in u["reason"]]
    assert 0 < len(unread) < 61, report["unreadable"]
    assert report["batch"]["cut_at"] == 10.0
    assert report["verdict"] != "pass"
    cut = {u["file"] for u in unread}
    assert not any(f["status"] == "pass" and f.get("file") in cut for f in report["findings"])
    assert elapsed < 40, f"{elapsed:.0f} s"
    assert read and not (read & cut) and len(read) + len(cut) == 61
    # a rerun reads the cut applicant again; the whole one is reused
    made = {k: json.loads((out / k / "report.json").read_text(encoding="utf-8"))["generated_at"] for k in rows}
    run_batch(find_dossiers(arch), out, Settings(engine="slow"),
                      BatchOptions(workers=1, page_timeout=2.0, startup_timeout=20.0, dossier_timeout=10.0,
                                   progress="none"), check=hostile_checks.pipeline_with_slow_engine)
    remade = {k: json.loads((out / k / "report.json").read_text(encoding="utf-8"))["generated_at"] for k in rows}
    assert remade["a_creep"] != made["a_creep"] and remade["b_ok"] == made["b_ok"]


def test_a_small_dossier_past_its_pages_time_keeps_the_pages_read(tmp_path, monkeypatch):
    """Where the pages' own time (``--page-timeout`` each) is under the whole-dossier
    ceiling, it is the limit, and its reading stops at the same share of it: 61 pages
    read at 0.25 s each with 0.1 s a page (8.1 s with the start-up) are a report of the
    pages read, the rest reviews, where they were an error row. Run in this process."""
    from ocr.engines import _REGISTRY
    from verify.run.inputs import DossierInput
    from verify.run.task import DossierTask, check_task

    monkeypatch.setitem(_REGISTRY, "slow", "hostile_checks:SlowEngine")
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    for n in range(61):
        _page(folder / f"第{n:02d}页.jpg")
    task = DossierTask(DossierInput("A1", folder), "f" * 16, time_limits=(0.1, 2.0, 3600.0))
    outcome = check_task(task, Settings(engine="slow"), check=hostile_checks.pipeline_with_slow_engine,
                         tmp_root=tmp_path)
    assert outcome.row.verdict != "error" and not outcome.row.error, outcome.row
    report = json.loads(outcome.files["report.json"])
    cut = [u for u in report["unreadable"] if "整份材料 61 页共限时 8 秒（每页限时 --page-timeout）将到" in u["reason"]]
    assert 0 < len(cut) < 61 and len(report["documents"]) + len(cut) == 61, report["unreadable"][:3]
    assert report["batch"]["cut_at"] == pytest.approx(8.1)


def _stuck_dossier(folder):
    """An applicant of a.jpg, b.tif (three pages, its second one :class:`hostile_checks.StuckEngine`
    never finishes: 121 pixels wide) and c.jpg."""
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    _page(folder / "a.jpg")
    images = [Image.new("RGB", (w, 170), "white") for w in (120, 121, 120)]  # its 2nd page is stuck
    images[0].save(folder / "b.tif", format="TIFF", save_all=True, append_images=images[1:])
    _page(folder / "c.jpg")


def test_a_page_still_being_read_at_the_applicants_time_is_stopped_and_the_pages_read_kept(tmp_path):
    """A page begun before the reading's cut (80%) that runs on past the applicant's time
    (20 s here; its stall limit, 24 s, later) is stopped at 90% of it: the pages read are
    a report, the stuck page and the file after it reviews that say why, never a pass.
    Before, the executor killed the worker at 20 s: an error row, every page read lost."""
    arch = tmp_path / "archive"
    _stuck_dossier(arch / "a_stuck")
    out = tmp_path / "out"
    started = time.monotonic()
    outcome = run_batch(find_dossiers(arch), out, Settings(engine="stuck"),
                        BatchOptions(workers=1, page_timeout=8.0, startup_timeout=20.0, dossier_timeout=20.0,
                                     progress="none"), check=hostile_checks.pipeline_with_stuck_engine)
    elapsed = time.monotonic() - started
    row = outcome.rows[0]
    assert row.verdict != "error" and not row.error, row
    report = json.loads((out / "a_stuck" / "report.json").read_text(encoding="utf-8"))
    assert [(d["file"], d["page"]) for d in report["documents"]] == [("a.jpg", 1), ("b.tif", 1)]
    unread = {u["file"]: u["reason"] for u in report["unreadable"]}
    assert "整份材料核验限时 20 秒（--dossier-timeout）将到，本文件第 2 页起未读取、未核验" in unread["b.tif"], unread
    assert "本文件未读取、未核验" in unread["c.jpg"], unread
    assert all(u.get("cut") for u in report["unreadable"])
    assert report["batch"]["cut_at"] == 20.0 and report["verdict"] != "pass"
    assert not any(f["status"] == "pass" and f.get("file") in unread for f in report["findings"])
    assert elapsed < 60, f"{elapsed:.0f} s"
    # the reviewer may keep the cut report rather than spend the applicant's time again (--reuse-cut)
    again = run_batch(find_dossiers(arch), out, Settings(engine="stuck"),
                      BatchOptions(workers=1, page_timeout=8.0, startup_timeout=20.0, dossier_timeout=20.0,
                                   progress="none", reuse_cut=True), check=hostile_checks.pipeline_with_stuck_engine)
    assert again.rows[0].skipped and again.rows[0].verdict == row.verdict
    assert json.loads((out / "a_stuck" / "report.json").read_text(encoding="utf-8")) == report
    # ... but not once a limit is raised: the reviewer raised it to read the rest
    assert report["batch"]["cut_limits"] == [8.0, 20.0, 20.0]
    (dossier,) = find_dossiers(arch)
    fingerprint = report["batch"]["fingerprint"]
    path = out / "a_stuck" / "report.json"
    assert report_is_current(path, dossier, fingerprint, reuse_cut=True, time_limits=(8.0, 20.0, 20.0)) == report
    for raised in ((8.0, 20.0, 40.0), (8.0, 20.0, None), (12.0, 20.0, 20.0)):
        assert report_is_current(path, dossier, fingerprint, reuse_cut=True, time_limits=raised) is None, raised


def test_a_page_stuck_past_most_of_the_stall_limit_skips_the_rest_of_its_file_only(tmp_path):
    """A page with no end (its stall limit 10 s, well inside the applicant's time): the
    worker skips the rest of that file at 90% of the stall limit and reads the next; the
    file's pages read before it are kept. Before, the executor killed the worker at the
    stall limit and checked the applicant again without the file: every other page read
    twice, and the file's first page lost."""
    arch = tmp_path / "archive"
    _stuck_dossier(arch / "a_stall")
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(engine="stuck"),
                        BatchOptions(workers=1, page_timeout=2.0, startup_timeout=20.0, dossier_timeout=3600.0,
                                     progress="none"), check=hostile_checks.pipeline_with_stuck_engine)
    row = outcome.rows[0]
    assert row.verdict != "error" and not row.error, row
    report = json.loads((out / "a_stall" / "report.json").read_text(encoding="utf-8"))
    assert [(d["file"], d["page"]) for d in report["documents"]] == [("a.jpg", 1), ("b.tif", 1), ("c.jpg", 1)]
    (skipped,) = report["unreadable"]
    assert skipped["file"] == "b.tif" and not skipped.get("cut"), skipped
    assert skipped["reason"] == "读取本文件第 2 页超过 9 秒无进展（页面内容过于复杂或文件异常），本文件第 2 页起未读取、未核验，请人工核对"
    assert "cut_at" not in report["batch"] and report["verdict"] != "pass"
