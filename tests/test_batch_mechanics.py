"""The batch runner's mechanics with a fake ``check_dossier`` (no OCR): fault isolation,
timeouts, resume, atomic writes, zip input, rosters, progress.

The fakes live at module level: workers are separate (spawned) processes and receive
the check function by reference.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import time
import zipfile
from pathlib import Path

import pytest

from verify.run import batch
from verify.run.batch import BatchOptions, DossierInput, ZipLimits, find_dossiers, run_batch
from verify.model import Finding
from verify.run.pipeline import DossierResult, Settings
from verify.report.summary import VERDICT_NAMES_ZH, SummaryRow, write_atomic

YAML = "name: {name}\nunit: 抚顺市生态环境监测站\n"
FAST = dict(page_timeout=1.0, startup_timeout=8.0, progress="none")


# ---------------------------------------------------------------- fakes (run in the workers)


def _log_call(key: str) -> None:
    log = os.environ.get("BATCH_TEST_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(key + "\n")


def fake_check(folder, key, settings, applicant):
    """Behaves as the marker file in the dossier says."""
    folder = Path(folder)
    _log_call(key)
    if (folder / "CRASH").exists():
        os._exit(3)
    if (folder / "SEGV").exists():
        os.kill(os.getpid(), signal.SIGSEGV)
    if (folder / "HANG").exists():
        time.sleep(300)
    if (folder / "MEMORY").exists():
        raise MemoryError
    if (folder / "BOOM").exists():
        raise RuntimeError("engine exploded")
    if (folder / "SLOW").exists():  # a long dossier: its worker stays busy a while
        time.sleep(1.5)
    status = (folder / "STATUS").read_text().strip() if (folder / "STATUS").exists() else "pass"
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.jpg"))
    findings = [Finding("seal.present", status, f"{applicant.name} 的材料", file=files[0] if files else None, page=1),
                Finding("dossier.required", "pass", "齐全")]
    verdict = {"pass": "pass", "review": "review", "fail": "fail"}[status]
    return DossierResult(key=key, applicant=applicant, verdict=verdict, findings=findings, pages=[],
                         unreadable=[], timings={})


def counting_check(folder, key, settings, applicant, progress=None):
    """Reports two pages through the pipeline's progress callback."""
    for _ in range(2):
        if progress:
            progress(1)
    return fake_check(folder, key, settings, applicant)


def file_check(folder, key, settings, applicant, progress=None):
    """Reads its files as the pipeline does (announcing each, skipping those a try before
    died on) and dies as a file's name says: bomb.pdf exits, hang.pdf hangs, mem.pdf
    runs out of memory."""
    from verify.model import UnreadableInput
    from verify.run.pipeline import FILE_STARTED, SKIPPED_FILES

    folder = Path(folder)
    _log_call(key)
    skip, announce, unreadable = SKIPPED_FILES.get(), FILE_STARTED.get(), []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".pdf", ".jpg")):
        rel = path.relative_to(folder).as_posix()
        if rel in skip:
            unreadable.append(UnreadableInput(rel, skip[rel]))
            continue
        if announce:
            announce(rel)
        if path.name == "bomb.pdf":
            os._exit(6)
        if path.name == "hang.pdf":
            time.sleep(300)
        if path.name == "mem.pdf":
            raise MemoryError
        if progress:
            progress(1)
    if announce:
        announce(None)
    if (folder / "CRASH").exists():  # in the rules, past the files: no file to blame
        os._exit(3)
    findings = [Finding("seal.present", "pass", "已盖章", file="扫描件/证书.jpg", page=1),
                *(Finding("dossier.readable", "review", u.reason, file=u.file) for u in unreadable)]
    return DossierResult(key=key, applicant=applicant, verdict="review" if unreadable else "pass", findings=findings,
                         pages=[], unreadable=unreadable, timings={})


def creeping_check(folder, key, settings, applicant, progress=None):
    """With a CREEP marker, reads its pages slowly but steadily, each well inside the page
    timeout: a page every 0.25 s for up to a minute, announcing the file it reads."""
    from verify.run.pipeline import FILE_STARTED

    if not (Path(folder) / "CREEP").exists():
        return fake_check(folder, key, settings, applicant)
    _log_call(key)
    announce = FILE_STARTED.get()
    for path in sorted(Path(folder).rglob("*.jpg")):
        if announce:
            announce(path.relative_to(folder).as_posix())
        time.sleep(0.25)
        if progress:
            progress(1)
    time.sleep(60)
    return fake_check(folder, key, settings, applicant)


def slow_start_check(folder, key, settings, applicant, progress=None):
    """Names no file for 12 s after its start (an engine loading on a busy machine)."""
    time.sleep(12)
    return fake_check(folder, key, settings, applicant)


# ---------------------------------------------------------------- helpers


def make_dossier(root: Path, key: str, *, name: str | None = "张伟", marker: str | None = None,
                 status: str = "pass", yaml_text: str | None = None) -> Path:
    folder = root / key
    (folder / "扫描件").mkdir(parents=True)
    if yaml_text is not None:
        (folder / "applicant.yaml").write_text(yaml_text, encoding="utf-8")
    elif name is not None:
        (folder / "applicant.yaml").write_text(YAML.format(name=name), encoding="utf-8")
    (folder / "扫描件" / "证书.jpg").write_bytes(b"not really a jpeg")
    (folder / "STATUS").write_text(status)
    if marker:
        (folder / marker).write_text("x")
    return folder


def read_summary(out: Path) -> dict[str, dict]:
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "summary.csv must start with a UTF-8 BOM for Excel"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return {r["key"]: r for r in rows}


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


@pytest.fixture
def call_log(tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    monkeypatch.setenv("BATCH_TEST_LOG", str(log))
    return log


# ---------------------------------------------------------------- fault isolation


def test_bad_metadata_and_crashes_become_error_rows_and_the_batch_goes_on(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch, "a_pass")
    make_dossier(arch, "b_fail", name="李娜", status="fail")
    make_dossier(arch, "c_noname", yaml_text="unit: 某单位\n")
    make_dossier(arch, "d_exit", marker="CRASH")
    make_dossier(arch, "e_segv", marker="SEGV")
    make_dossier(arch, "f_memory", marker="MEMORY")
    make_dossier(arch, "g_boom", marker="BOOM")
    make_dossier(arch, "h_review", status="review")
    (arch / "answer_key.json").write_text("{}")
    out = tmp_path / "out"

    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=2, **FAST), check=fake_check)

    rows = read_summary(out)
    assert sorted(rows) == ["a_pass", "b_fail", "c_noname", "d_exit", "e_segv", "f_memory", "g_boom", "h_review"]
    assert rows["a_pass"]["verdict"] == "pass" and rows["a_pass"]["name"] == "张伟"
    assert rows["b_fail"]["verdict"] == "fail" and rows["b_fail"]["fail"] == "1" and rows["b_fail"]["pass"] == "1"
    assert rows["h_review"]["verdict"] == "review"
    assert rows["c_noname"]["verdict"] == "error" and "name" in rows["c_noname"]["error"]
    assert not (out / "c_noname" / "report.json").exists()
    assert "退出码 3" in rows["d_exit"]["error"]
    assert "SIGSEGV" in rows["e_segv"]["error"]
    assert "内存不足" in rows["f_memory"]["error"]
    assert "RuntimeError" in rows["g_boom"]["error"]
    for key in ("d_exit", "e_segv", "f_memory", "g_boom"):
        assert rows[key]["verdict"] == "error"
        assert rows[key]["name"] == "张伟", "the name is known once the metadata was read"
        report = json.loads((out / key / "report.json").read_text(encoding="utf-8"))
        assert report["verdict"] == "review"
        assert [(f["rule"], f["status"]) for f in report["findings"]] == [("dossier.readable", "review")]
        assert (out / key / "report.html").stat().st_size > 0
    report = json.loads((out / "b_fail" / "report.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "fail" and report["applicant"]["name"] == "李娜"
    assert report["findings"][0]["file"] == "扫描件/证书.jpg"
    assert not outcome.all_pass
    # the xlsx holds the same rows
    import openpyxl

    sheet = openpyxl.load_workbook(out / "summary.xlsx").active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][:4] == ["编号", "姓名", "单位", "核验结论"]
    assert [v[0] for v in values[1:]] == sorted(rows)
    assert [v[3] for v in values[1:]] == [VERDICT_NAMES_ZH[rows[k]["verdict"]] for k in sorted(rows)]


def test_a_hanging_dossier_times_out_by_its_page_count_and_the_others_finish(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch, "a_hang", marker="HANG")
    make_dossier(arch, "b_ok")
    make_dossier(arch, "c_ok", status="fail")
    out = tmp_path / "out"
    started = time.monotonic()
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, page_timeout=1.0,
                                                                           startup_timeout=4.0, progress="none"),
                        check=fake_check)
    elapsed = time.monotonic() - started
    rows = {r.key: r for r in outcome.rows}
    assert rows["a_hang"].verdict == "error" and "超时" in rows["a_hang"].error
    assert "5 秒" in rows["a_hang"].error  # 4 s start-up + 1 page x 1 s
    assert rows["b_ok"].verdict == "pass" and rows["c_ok"].verdict == "fail", "the killed worker was replaced"
    assert elapsed < 60
    report = json.loads((out / "a_hang" / "report.json").read_text(encoding="utf-8"))
    assert report["findings"][0]["rule"] == "dossier.readable"


def test_a_dossier_slow_on_every_page_stops_at_the_whole_dossiers_ceiling(tmp_path, call_log):
    """Leftover of hostile exploration 7: the time of an applicant was 60 s a page, so
    400 pages each slow but under every limit (eight seals a page, heavy OCR) could hold
    a worker for hours. Past ``dossier_timeout`` seconds the applicant is an error row
    saying how many of its pages were read and where it stopped; it is not checked again
    without the file (that would take the ceiling again), and the batch goes on."""
    arch = tmp_path / "archive"
    folder = make_dossier(arch, "a_creep", marker="CREEP")
    for n in range(40):
        (folder / "扫描件" / f"第{n:02d}页.jpg").write_bytes(b"x")
    make_dossier(arch, "b_ok")
    started = time.monotonic()
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, page_timeout=1.0, startup_timeout=8.0, dossier_timeout=3.0,
                                     progress="none"), check=creeping_check)
    elapsed = time.monotonic() - started
    rows = {r.key: r for r in outcome.rows}
    error = rows["a_creep"].error
    assert rows["a_creep"].verdict == "error" and error.startswith("核验超时：整份材料限时 3 秒"), error
    assert "共 41 页" in error and "读 扫描件/" in error and "页未读" in error, error
    read = int(error.split("已读 ")[1].split(" 页")[0])
    assert 0 < read < 41 and f"其余 {41 - read} 页未读" in error, error
    assert rows["b_ok"].verdict == "pass"
    assert calls(call_log) == ["a_creep", "b_ok"], "no second try without the file it was reading"
    assert elapsed < 40, f"{elapsed:.0f} s: the page-based time (49 s) was kept"


@pytest.mark.parametrize("bad, words", [
    ("bomb.pdf", "异常退出"),
    ("hang.pdf", "无进展"),
    ("mem.pdf", "内存不足"),
])
def test_a_file_that_kills_its_worker_is_skipped_and_the_rest_is_checked(tmp_path, call_log, bad, words):
    """Probe alt23 F12: a worker that crashed or hung on one file lost every finding of
    the applicant and named no file. The applicant is checked once more without the file
    the worker said it was reading; the file gets a review saying why."""
    arch = tmp_path / "archive"
    folder = make_dossier(arch, "a")
    (folder / "扫描件" / bad).write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, page_timeout=1.0,
                                                                           startup_timeout=20.0, progress="none"),
                        check=file_check)
    row = outcome.rows[0]
    assert row.verdict == "review" and not row.error, row
    report = json.loads((out / "a" / "report.json").read_text(encoding="utf-8"))
    assert sorted((f["rule"], f["status"], f["file"]) for f in report["findings"]) == [
        ("dossier.readable", "review", f"扫描件/{bad}"), ("seal.present", "pass", "扫描件/证书.jpg")]
    assert words in next(f["message"] for f in report["findings"] if f["rule"] == "dossier.readable")
    assert calls(call_log) == ["a", "a"], "one more try, no more"


def test_a_zip_holding_only_another_zip_is_an_error_row_naming_both(tmp_path):
    """Hostile exploration 2: a dossier's zip holding only inner.zip gave the error row
    z_nested-2tbzrh5o：缺少 applicant.yaml, naming the temporary folder it was extracted to
    and not saying why nothing was found."""
    import zipfile

    arch = tmp_path / "archive"
    arch.mkdir()
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a/applicant.yaml", YAML.format(name="张伟"))
    with zipfile.ZipFile(arch / "z_nested.zip", "w") as zf:
        zf.write(inner, "inner.zip")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(), BatchOptions(workers=1, **FAST), check=fake_check)
    [row] = outcome.rows
    assert row.verdict == "error" and row.error.startswith("z_nested：缺少 applicant.yaml") and "inner.zip" in row.error, row


def test_a_worker_that_dies_past_its_files_blames_none(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch, "a", marker="CRASH")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, page_timeout=1.0, startup_timeout=20.0, progress="none"),
                        check=file_check)
    assert outcome.rows[0].verdict == "error" and "退出码 3" in outcome.rows[0].error
    assert calls(call_log) == ["a"], "no file to check it without"


def test_a_worker_gone_before_its_task_is_handed_over_is_an_error_row(tmp_path, call_log, monkeypatch):
    """A worker that dies at start (killed, out of memory, a full /tmp) before the task
    reaches it: the hand-over's broken pipe crashed the whole batch with an English
    traceback and an empty summary (hostile exploration, a spawned process that could
    not start); the task is tried once more, then is an error row, and the batch ends."""
    from verify.run import pool

    assign = pool._Worker.assign

    def dead_on_arrival(self, task, startup_timeout, *check):
        self.process.kill()
        self.process.join(10)
        return assign(self, task, startup_timeout, *check)

    monkeypatch.setattr(pool._Worker, "assign", dead_on_arrival)
    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, page_timeout=1.0, startup_timeout=20.0, progress="none"),
                        check=fake_check)
    assert [r.verdict for r in outcome.rows] == ["error"]
    assert "核验进程异常退出" in outcome.rows[0].error
    assert calls(call_log) == []


# ---------------------------------------------------------------- resume


def test_rerun_skips_current_reports_and_redoes_changed_ones(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    make_dossier(arch, "b", status="fail")
    make_dossier(arch, "c", marker="BOOM")
    out = tmp_path / "out"
    opts = BatchOptions(workers=1, **FAST)

    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert sorted(calls(call_log)) == ["a", "b", "c"]

    call_log.unlink()
    second = run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert calls(call_log) == ["c"], "only the failed (error) applicant is redone"
    rows = {r.key: r for r in second.rows}
    assert rows["a"].skipped and rows["a"].verdict == "pass" and rows["a"].name == "张伟"
    assert rows["b"].skipped and rows["b"].verdict == "fail" and rows["b"].fail == 1
    assert read_summary(out)["b"]["verdict"] == "fail"

    # a changed input file makes its applicant stale
    call_log.unlink()
    time.sleep(0.05)
    scan = arch / "b" / "扫描件" / "证书.jpg"
    future = time.time() + 5
    os.utime(scan, (future, future))
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert sorted(calls(call_log)) == ["b", "c"]

    # an older copy restored over a file (times go backwards) is a change too
    call_log.unlink()
    past = time.time() - 3600
    os.utime(scan, (past, past))
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert sorted(calls(call_log)) == ["b", "c"]

    # a file replaced in place by one with an older time, another file still the newest
    # (unzip -o or cp -p of a resubmission: probe alt23 F13, the old report was reused)
    call_log.unlink()
    (arch / "b" / "扫描件" / "新.jpg").write_bytes(b"x")
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    call_log.unlink()
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert calls(call_log) == ["c"]
    call_log.unlink()
    scan.write_bytes(b"another form, same dossier")
    os.utime(scan, (past - 3600, past - 3600))
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert sorted(calls(call_log)) == ["b", "c"]

    # other settings (campaign) change the fingerprint; --force redoes everything
    call_log.unlink()
    run_batch(find_dossiers(arch), out, Settings(campaign="other-2025"), opts, check=fake_check)
    assert sorted(calls(call_log)) == ["a", "b", "c"]
    call_log.unlink()
    run_batch(find_dossiers(arch), out, Settings(campaign="other-2025"), BatchOptions(workers=1, force=True, **FAST),
              check=fake_check)
    assert sorted(calls(call_log)) == ["a", "b", "c"]


def test_settings_fingerprint_ignores_speed_settings():
    fp = batch.settings_fingerprint
    assert fp(Settings()) == fp(Settings(cache_path="/x.sqlite", ocr_threads=4))
    assert fp(Settings()) != fp(Settings(engine="remote", engine_url="http://h/ocr"))
    assert fp(Settings()) != fp(Settings(max_pages=10))


def test_a_worker_sizes_opencvs_thread_pool_as_its_onnx_threads(monkeypatch):
    """A batch worker with one ONNX thread (the default on a machine its workers fill)
    must not start an OpenCV thread per core for the seal search: the cores are taken."""
    import cv2

    from verify.run import pipeline

    before = cv2.getNumThreads()
    monkeypatch.setattr(pipeline, "_ENGINES", {(s.engine, s.engine_url, s.ocr_threads, None): object()
                                               for s in (Settings(ocr_threads=1), Settings(ocr_threads=2))})
    try:
        pipeline.engine_for(Settings(ocr_threads=1))
        assert cv2.getNumThreads() == 1
        pipeline.engine_for(Settings(ocr_threads=2))
        assert cv2.getNumThreads() == 2
    finally:
        cv2.setNumThreads(before)


# ---------------------------------------------------------------- atomic writes


def test_write_atomic_keeps_the_old_file_when_the_write_is_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "r" / "report.json"
    write_atomic(target, '{"verdict": "fail"}')
    assert target.read_text() == '{"verdict": "fail"}'

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, '{"verdict": "pass", "half')
    assert target.read_text() == '{"verdict": "fail"}'
    assert [p.name for p in target.parent.iterdir()] == ["report.json"], "no temporary file is left behind"


def test_a_broken_html_renderer_falls_back_to_a_plain_page(monkeypatch):
    import verify.report.html

    def broken(report, pages=()):
        raise ValueError("boom")

    monkeypatch.setattr(verify.report.html, "render_html", broken)
    page = batch.render_report_html({"key": "k", "verdict": "fail", "applicant": {"name": "<张伟>"},
                                     "findings": [{"status": "fail", "rule": "seal.present", "message": "无印章"}]})
    assert "无印章" in page and "&lt;张伟&gt;" in page and "ValueError" in page


# ---------------------------------------------------------------- zip input


def _zip_folder(folder: Path, zip_path: Path, *, arc_prefix: str, gbk_names: bool = False) -> None:
    """Zip a folder; ``gbk_names`` writes the names as Windows' built-in zip does for
    Chinese: GBK bytes without the UTF-8 flag (zipfile itself cannot, so the names are
    written as same-length ASCII placeholders and swapped in the bytes)."""
    swaps = []
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, path in enumerate(sorted(folder.rglob("*"))):
            if path.is_file():
                arcname = f"{arc_prefix}{path.relative_to(folder).as_posix()}"
                if gbk_names:
                    raw = arcname.encode("gbk")
                    arcname = chr(ord("A") + i) * len(raw)
                    swaps.append((arcname.encode("ascii"), raw))
                info = zipfile.ZipInfo(arcname, date_time=(2024, 5, 1, 12, 0, 0))
                zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    data = zip_path.read_bytes()
    for placeholder, raw in swaps:
        assert data.count(placeholder) == 2  # local header and central directory
        data = data.replace(placeholder, raw)
    zip_path.write_bytes(data)


def test_zip_dossiers_are_extracted_and_file_names_are_relative_to_the_applicant(tmp_path, call_log):
    src = tmp_path / "src"
    make_dossier(src, "zhangwei", status="fail")
    make_dossier(src, "lina", name="李娜")
    arch = tmp_path / "archive"
    arch.mkdir()
    _zip_folder(src / "zhangwei", arch / "zhangwei.zip", arc_prefix="zhangwei/")  # folder inside the zip
    _zip_folder(src / "lina", arch / "lina.zip", arc_prefix="", gbk_names=True)  # files at the root, GBK names
    with zipfile.ZipFile(arch / "evil.zip", "w") as zf:
        zf.writestr("applicant.yaml", YAML.format(name="王强"))
        zf.writestr("../../escaped.txt", "x")
    out = tmp_path / "out"

    dossiers = find_dossiers(arch)
    assert [(d.key, d.is_zip) for d in dossiers] == [("evil", True), ("lina", True), ("zhangwei", True)]
    outcome = run_batch(dossiers, out, Settings(), BatchOptions(workers=2, **FAST), check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert rows["zhangwei"].verdict == "fail"
    assert rows["lina"].verdict == "pass" and rows["lina"].name == "李娜"
    for key in ("zhangwei", "lina"):
        report = json.loads((out / key / "report.json").read_text(encoding="utf-8"))
        assert report["findings"][0]["file"] == "扫描件/证书.jpg"
    assert rows["evil"].verdict == "error" and "解压目录之外" in rows["evil"].error
    assert not (tmp_path / "escaped.txt").exists() and not (out / "escaped.txt").exists()


def _zip_declaring(path, members: int, directory_bytes: int) -> None:
    """A zip of one small member whose (zip64) end record declares ``members`` entries and
    a central directory of ``directory_bytes``: what a zip of millions of empty members
    declares, in 200 bytes."""
    import struct

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("applicant.yaml", "name: x\n")
    data = path.read_bytes()
    cd_offset = struct.unpack("<I", data[-6:-2])[0]
    head = data[:-22]  # the local part and the directory, without the end record
    z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, members, members, directory_bytes, cd_offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, len(head), 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(head + z64 + locator + end)


@pytest.mark.parametrize("members, directory_bytes, words", [
    (3_000_000, 46, "压缩包内文件过多（3000000 个，上限 5000）"),
    (1, 300 << 20, "压缩包的文件目录过大（300 MB，上限 16 MB"),
], ids=["members", "directory"])
def test_a_zip_declaring_millions_of_members_is_refused_before_they_are_listed(tmp_path, monkeypatch, members,
                                                                                directory_bytes, words):
    """Python's zipfile lists and holds every entry of the central directory before any
    count is checked: 3,000,000 empty members (a 270 MB zip) took 81 s and 1.6 GB, listed
    three times (the batch's page estimate, its extraction budget, the worker), before
    the row said 文件过多 (hostile2's audit). The end record's own figures are checked
    first; nothing here opens the zip with zipfile."""
    from verify.run import inputs, zips

    bomb = tmp_path / "many.zip"
    _zip_declaring(bomb, members, directory_bytes)
    monkeypatch.setattr(zipfile, "ZipFile", None)  # any listing fails the test
    with pytest.raises(batch.UnsafeArchive, match=re.escape(words)):
        batch.extract_zip(bomb, tmp_path / "x")
    assert zips.zip_declared_bytes(bomb) == 0
    assert inputs.estimate_pages(batch.DossierInput(key="many", path=bomb)) == 0
    assert not (tmp_path / "x").exists()
    if directory_bytes > ZipLimits().max_directory_bytes:  # the desk's upload, before its advice lists the members
        from verify.desk import intake
        from verify.desk.store import DeskError

        with pytest.raises(DeskError, match="文件目录过大"):
            intake.too_many_members(bomb, ZipLimits())


def test_extract_zip_rejects_bombs_and_skips_links(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("applicant.yaml", "name: x\n")
        zf.writestr("big.tif", b"\0" * (10 << 20))
    with pytest.raises(batch.UnsafeArchive, match="压缩比异常"):
        batch.extract_zip(bomb, tmp_path / "x1")
    with pytest.raises(batch.UnsafeArchive, match="过大"):
        batch.extract_zip(bomb, tmp_path / "x2", ZipLimits(max_total_bytes=1 << 20))
    with pytest.raises(batch.UnsafeArchive, match="过多"):
        batch.extract_zip(bomb, tmp_path / "x3", ZipLimits(max_members=1))

    linked = tmp_path / "link.zip"
    with zipfile.ZipFile(linked, "w") as zf:
        info = zipfile.ZipInfo("passwd")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
        zf.writestr("a/scan.jpg", b"x")
    dest = batch.extract_zip(linked, tmp_path / "x4")
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == ["a", "a/scan.jpg"]

    not_zip = tmp_path / "fake.zip"
    not_zip.write_bytes(b"PK\x03\x04 but broken")
    with pytest.raises(batch.UnsafeArchive, match="损坏"):
        batch.extract_zip(not_zip, tmp_path / "x5")


@pytest.mark.parametrize("names", [["a", "a/"], ["a", "a/b.jpg"], ["a/b.jpg", "a"]])
def test_a_zip_whose_file_and_folder_share_a_name_is_refused_with_a_reason(tmp_path, names):
    """Found by the hostile property test: a member ``a`` and a folder ``a/`` (or a
    member inside it) raised FileExistsError from the extraction, not UnsafeArchive."""
    clash = tmp_path / "clash.zip"
    with zipfile.ZipFile(clash, "w") as zf:
        for n in names:
            zf.writestr(n, b"" if n.endswith("/") else b"x")
    with pytest.raises(batch.UnsafeArchive, match="同名的文件或文件夹冲突|解压失败"):
        batch.extract_zip(clash, tmp_path / "out")


def test_find_dossiers_ignores_other_entries_and_open_archive_reads_a_zip(tmp_path):
    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    make_dossier(arch, "b")
    (arch / "answer_key.json").write_text("{}")
    (arch / "notes.txt").write_text("x")
    (arch / ".DS_Store").write_text("x")
    (arch / "__MACOSX").mkdir()
    assert [d.key for d in find_dossiers(arch)] == ["a", "b"]
    (arch / "王强.rar").write_bytes(b"Rar!")
    (arch / "赵六.tar.gz").write_bytes(b"x")
    found = {d.key: d for d in find_dossiers(arch)}
    assert sorted(found) == ["a", "b", "王强", "赵六"], "an applicant in an archive format we cannot open is not dropped"
    assert "ZIP" in found["王强"].error and "赵六.tar.gz" in found["赵六"].error
    (arch / "王强.rar").unlink()
    (arch / "赵六.tar.gz").unlink()

    zipped = tmp_path / "archive.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for p in arch.rglob("*"):
            if p.is_file():
                zf.write(p, "archive/" + p.relative_to(arch).as_posix())
    with batch.open_archive(zipped) as root:
        assert [d.key for d in find_dossiers(root)] == ["a", "b"]
    assert not root.exists(), "the extracted archive is removed"
    with pytest.raises(batch.InputError):
        with batch.open_archive(tmp_path / "missing"):
            pass


def test_keys_are_nfc_and_an_nfd_twin_is_refused_naming_both(tmp_path, call_log):
    """Café张 spelt twice, once with é composed (NFC) and once as e + U+0301 (NFD), made two
    rows that look the same in summary.csv (hostile exploration 5): keys are NFC, the
    composed one is checked and its twin is an error row whose key shows the difference."""
    import unicodedata

    nfc, nfd = unicodedata.normalize("NFC", "Café张"), unicodedata.normalize("NFD", "Café张")
    arch = tmp_path / "archive"
    make_dossier(arch, nfd)
    assert [d.key for d in find_dossiers(arch)] == [nfc], "a folder named in NFD is keyed in NFC"
    make_dossier(arch, nfc)
    found = find_dossiers(arch)
    assert sorted((d.key, bool(d.error)) for d in found) == [("Cafe\\u0301张", True), (nfc, False)], found
    [twin] = [d for d in found if d.error]
    assert twin.path.name == nfd and f"「{nfc}」" in twin.error and "Unicode" in twin.error, twin.error
    rows = run_batch(found, tmp_path / "out", Settings(), BatchOptions(workers=1, **FAST), check=fake_check).rows
    assert sorted((r.key, r.verdict) for r in rows) == sorted([(nfc, "pass"), ("Cafe\\u0301张", "error")]), rows


def test_a_twin_key_and_a_refused_key_are_escaped_as_python_writes_them(tmp_path):
    """Names were escaped three ways (zips.shown_name, the batch's row of a refused key,
    the twin's key), now one: a CJK compatibility ideograph beyond U+FFFF in a twin's
    name was written \\u2f800, which reads as U+2F80 and a 0; it is \\U0002f800. A
    refused key escapes its controls and format characters, and an ideographic space
    stays one."""
    arch = tmp_path / "archive"
    make_dossier(arch, "\U0002f800张")  # 丽 as its compatibility ideograph
    make_dossier(arch, "丽张")
    make_dossier(arch, "\u202e伟\u3000张")
    found = {d.key: d for d in find_dossiers(arch)}
    assert sorted((k, bool(d.error)) for k, d in found.items()) == [
        ("\\U0002f800张", True), ("\u202e伟\u3000张", False), ("丽张", False)], sorted(found)
    rows = {r.key: r for r in run_batch(list(found.values()), tmp_path / "out", Settings(),
                                        BatchOptions(workers=1, **FAST), check=fake_check).rows}
    assert rows["\\u202e伟\u3000张"].verdict == "error", sorted(rows)
    assert rows["\\U0002f800张"].verdict == "error" and rows["丽张"].verdict == "pass"


def test_an_applicant_folder_that_cannot_be_read_says_why_in_chinese(tmp_path, monkeypatch):
    """A folder the run may not read (another account's permissions: simulated, the
    tests may run as root) is a row with the reason in the reviewer's words, not the
    system's English, and the other applicants are found."""
    import errno

    from verify.run import inputs

    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    make_dossier(arch, "b")
    real = inputs.survey_inputs

    def survey(path):
        if path.name == "b":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(inputs, "survey_inputs", survey)
    found = {d.key: d for d in find_dossiers(arch)}
    assert found["a"].error is None
    assert found["b"].error == "b：无法读取（没有读取权限）"


# ---------------------------------------------------------------- roster


def test_roster_csv_and_xlsx_replace_applicant_yaml(tmp_path, call_log):
    from verify.roster import load_roster

    arch = tmp_path / "archive"
    make_dossier(arch, "a", name=None)  # no applicant.yaml: the roster has them
    make_dossier(arch, "b", name=None)
    make_dossier(arch, "c", name="王强")  # not in the roster: keeps its yaml
    csv_path = tmp_path / "roster.csv"
    csv_path.write_text(
        "key,name,unit,current_title.name,current_title.date,unit_aliases,papers.title,papers.issn\n"
        "a,张伟,抚顺市生态环境监测站,助理工程师,2019-06-30,抚顺市甲监测站;抚顺市乙监测站,论文一;论文二,1674-1021;\n"
        "b,李娜,,,,,,\n"  # no unit: a clear error for b
        "ghost,赵六,某单位,,,,,\n",
        encoding="gb18030",  # as Excel on Chinese Windows saves it
    )
    roster = load_roster(csv_path)
    assert roster["a"].applicant.name == "张伟"
    assert roster["a"].applicant.unit_aliases == ("抚顺市甲监测站", "抚顺市乙监测站")
    assert roster["a"].applicant.current_title.date.iso() == "2019-06-30"
    assert [p.title for p in roster["a"].applicant.papers] == ["论文一", "论文二"]
    assert roster["a"].applicant.papers[0].issn == "1674-1021" and roster["a"].applicant.papers[1].issn is None
    assert roster["b"].applicant is None and "unit" in roster["b"].error

    out = tmp_path / "out"
    dossiers = batch.attach_roster(find_dossiers(arch), roster)
    outcome = run_batch(dossiers, out, Settings(), BatchOptions(workers=1, **FAST), check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert rows["a"].verdict == "pass" and rows["a"].name == "张伟"
    assert rows["b"].verdict == "error" and "unit" in rows["b"].error
    assert rows["c"].verdict == "pass" and rows["c"].name == "王强"
    assert rows["ghost"].verdict == "error" and "没有找到" in rows["ghost"].error
    assert sorted(calls(call_log)) == ["a", "c"]

    # 001 typed into a General cell is kept by Excel as 1: folder 001 must not be checked with its own
    # applicant.yaml as if the roster had no row for it (roster2's case)
    make_dossier(arch, "001", name="刘洋")
    (tmp_path / "zeros.csv").write_text("key,name,unit\n1,刘洋,抚顺市生态环境监测站\n", encoding="utf-8")
    twins = {d.key: d for d in batch.attach_roster(find_dossiers(arch), load_roster(tmp_path / "zeros.csv"))}
    assert "1" not in twins and "前导零" in twins["001"].error and twins["c"].error is None
    shutil.rmtree(arch / "001")

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "key", "unit", "current_title.date", "current_title.name", "unit_kind"])
    import datetime

    sheet.append(["张伟", "a", "抚顺市生态环境监测站", datetime.datetime(2019, 6, 30), "助理工程师", "企业"])
    sheet.append(["李娜", "b", "抚顺市生态环境监测站", "2019-13", None, None])
    sheet.append(["王强", "c", "抚顺市生态环境监测站", None, None, None])
    sheet["G1"], sheet["G4"] = "id_number", 210402198805120012  # typed into a number cell
    xlsx = tmp_path / "roster.xlsx"
    book.save(xlsx)
    roster = load_roster(xlsx)
    assert roster["a"].applicant.current_title.date.iso() == "2019-06-30"
    assert roster["a"].applicant.unit_kind == "enterprise"
    assert roster["b"].error and "2019-13" in roster["b"].error
    assert roster["c"].applicant is None and "身份证号" in roster["c"].error


def test_roster_without_key_column_is_refused(tmp_path):
    from verify.roster import RosterError, load_roster

    path = tmp_path / "r.csv"
    path.write_text("name,unit\n张伟,x\n", encoding="utf-8")
    with pytest.raises(RosterError, match="key"):
        load_roster(path)


# ---------------------------------------------------------------- progress


def test_progress_counts_pipeline_pages_and_logs_a_line_per_applicant(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    make_dossier(arch, "b")
    stream = io.StringIO()  # not a terminal: a line per finished applicant, then the final line
    run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
              BatchOptions(workers=1, page_timeout=1.0, startup_timeout=8.0), check=counting_check, stream=stream)
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and len(lines) == 3
    assert lines[0].startswith("[1/2] 张伟（a） 通过（2 页") and lines[1].startswith("[2/2] 张伟（b） 通过（2 页")
    assert "页 4/4" in lines[1] and "预计剩余 00:00" in lines[1]
    assert lines[2].startswith("完成：2 名申报人") and "通过 2" in lines[2]

    bar = batch.BatchProgress(3, io.StringIO(), mode="bar")
    bar.update(done=1, pages=4, force=True)
    assert "申报人 1/3" in bar.stream.getvalue() and "页 4" in bar.stream.getvalue()
    assert bar.stream.getvalue().startswith("\r")


def test_summary_row_from_an_existing_report_counts_findings():
    row = SummaryRow.from_report({"key": "k", "applicant": {"name": "张伟"}, "verdict": "fail",
                                  "findings": [{"status": "fail"}, {"status": "fail"}, {"status": "pass"}]})
    assert (row.verdict, row.fail, row.review, row.passed, row.name) == ("fail", 2, 0, 1, "张伟")


def test_dossier_input_for_a_missing_or_odd_path_is_an_input_error(tmp_path):
    with pytest.raises(batch.InputError):
        batch.as_dossier(tmp_path / "nope")
    odd = tmp_path / "x.txt"
    odd.write_text("x")
    with pytest.raises(batch.InputError):
        batch.as_dossier(odd)
    assert isinstance(batch.as_dossier(tmp_path), DossierInput)


def campaign_check(folder, key, settings, applicant):
    from verify.run.pipeline import check_dossier

    return check_dossier(folder, key, settings, applicant=applicant)


def test_an_unknown_campaign_in_applicant_yaml_is_an_error_row(tmp_path):
    arch = tmp_path / "archive"
    make_dossier(arch, "a", yaml_text=YAML.format(name="张伟") + "campaign: no-such-campaign-2031\n")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(), BatchOptions(workers=1, **FAST),
                        check=campaign_check)
    (row,) = outcome.rows
    assert row.verdict == "error" and "no-such-campaign-2031" in row.error and row.name == "张伟"
    assert not (tmp_path / "out" / "a" / "report.json").exists()


def test_estimate_pages_counts_scans_in_folders_and_zips(tmp_path):
    folder = make_dossier(tmp_path, "a")
    (folder / "扫描件" / "b.png").write_bytes(b"x")
    (folder / "notes.txt").write_text("x")
    assert batch.estimate_pages(DossierInput("a", folder)) == 2
    zipped = tmp_path / "a.zip"
    _zip_folder(folder, zipped, arc_prefix="a/")
    assert batch.estimate_pages(DossierInput("a", zipped)) == 2


def _sparse_pdf(path: Path, size: int = (1 << 30) - 16) -> None:
    """A PDF header and a gigabyte of zeros, 4 KB on disk: pdfium rebuilds its missing
    cross-reference table by reading all of it, some 6 s a file."""
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(size)


def test_the_batchs_own_process_opens_no_pdf_to_order_the_archive(tmp_path, monkeypatch):
    """Leftover of hostile exploration 7: the batch counted every PDF's pages with pdfium
    in its own process, with no time limit, before any worker started; 100 sparse 1 GB
    PDFs (4 KB each on disk) held it ten minutes, and a PDF pdfium hangs on would have
    held it for ever. The order is now guessed from the PDFs' sizes; the worker counts."""
    from verify.run import inputs

    opened = []
    monkeypatch.setattr(inputs, "_pdf_pages", lambda path: opened.append(path) or 1)
    arch = tmp_path / "archive"
    folder = make_dossier(arch, "a")
    (folder / "扫描件" / "全部.pdf").write_bytes(b"%PDF-1.4" + bytes(450_000))
    assert batch.estimate_pages(DossierInput("a", folder)) == 5, "a page per 100 KB of PDF, and the scan"
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(), BatchOptions(workers=1, **FAST),
                        check=fake_check)
    assert [r.verdict for r in outcome.rows] == ["pass"]
    assert opened == []


def test_a_pdf_whose_page_count_outlasts_the_start_up_time_is_an_error_row_naming_it(tmp_path, call_log):
    """The worker counts the pages within its start-up time, naming each PDF it opens:
    one it is stuck in is named in the applicant's error row (it said only 解压或读取申报人信息
    超时)."""
    arch = tmp_path / "archive"
    folder = make_dossier(arch, "a")
    for n in range(4):
        _sparse_pdf(folder / "扫描件" / f"空{n}.pdf")
    started = time.monotonic()
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, page_timeout=1.0, startup_timeout=6.0, progress="none"), check=fake_check)
    (row,) = outcome.rows
    assert row.verdict == "error" and row.error.startswith("准备材料超时：统计 扫描件/空"), row.error
    assert "的页数超过 6 秒" in row.error, row.error
    assert calls(call_log) == []
    assert time.monotonic() - started < 20, "the batch's own process counted the gigabytes first"


def test_the_pdfs_named_while_counting_do_not_start_the_stall_limit_before_the_check(tmp_path, call_log):
    """The worker names each PDF it counts, before the check starts; that start-up time
    must not set off the stall limit (no page for 10 s here), which before counted from
    the check's first file: a check slow to name its first file was killed as stalled."""
    arch = tmp_path / "archive"
    folder = make_dossier(arch, "a")
    (folder / "扫描件" / "全部.pdf").write_bytes(b"%PDF-1.4")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, page_timeout=1.0, startup_timeout=20.0, progress="none"),
                        check=slow_start_check)
    assert [(r.verdict, r.error) for r in outcome.rows] == [("pass", "")]


def test_a_dossier_that_cannot_even_be_prepared_in_time_is_not_retried(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    # 50 ms cannot cover starting a worker process: the preparation step times out
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, startup_timeout=0.05, page_timeout=1.0, progress="none"),
                        check=fake_check)
    (row,) = outcome.rows
    assert row.verdict == "error" and "准备材料超时" in row.error
    assert calls(call_log) == []


INTERRUPTED_RUN = """
import signal, sys
from pathlib import Path
sys.path[:0] = [{tests!r}, {root!r}]
import test_batch_mechanics as t
from verify.run.batch import BatchOptions, find_dossiers, run_batch
from verify.run.pipeline import Settings

if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run_batch(find_dossiers(Path({arch!r})), Path({out!r}), Settings(),
                  BatchOptions(workers=2, page_timeout=300, progress="none"), check=t.fake_check)
    except KeyboardInterrupt:
        sys.exit(130)
"""


def test_an_interrupted_run_keeps_finished_reports_and_writes_the_summary(tmp_path):
    import subprocess
    import sys

    arch, out = tmp_path / "archive", tmp_path / "out"
    make_dossier(arch, "a_hang", marker="HANG")
    make_dossier(arch, "b_ok")
    script = tmp_path / "run.py"
    script.write_text(INTERRUPTED_RUN.format(tests=str(Path(__file__).parent), root=str(Path(__file__).parents[1]),
                                             arch=str(arch), out=str(out)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (out / "b_ok" / "report.json").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (out / "b_ok" / "report.json").exists(), "the quick applicant finished"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    rows = read_summary(out)
    assert list(rows) == ["b_ok"] and rows["b_ok"]["verdict"] == "pass"
    assert not (out / "a_hang" / "report.json").exists()
    assert not [p for p in out.rglob("*.tmp")], "no half-written file is left"


def test_an_archive_grouped_by_unit_keys_applicants_unit_slash_name(tmp_path, call_log):
    arch = tmp_path / "archive"
    make_dossier(arch / "抚顺市生态环境监测站", "zhangwei")
    make_dossier(arch / "抚顺市生态环境监测站", "lina", name="李娜", status="fail")
    make_dossier(arch, "wangqiang", name="王强")
    make_dossier(arch, "no_yaml", name=None)  # an applicant folder without metadata stays an applicant
    src = make_dossier(tmp_path / "src", "zhaoliu", name="赵六")
    _zip_folder(src, arch / "抚顺市生态环境监测站" / "zhaoliu.zip", arc_prefix="")
    keys = [d.key for d in find_dossiers(arch)]
    assert keys == ["no_yaml", "wangqiang", "抚顺市生态环境监测站/lina", "抚顺市生态环境监测站/zhangwei",
                    "抚顺市生态环境监测站/zhaoliu"]
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=2, **FAST), check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert rows["抚顺市生态环境监测站/lina"].verdict == "fail"
    assert rows["no_yaml"].verdict == "error"
    assert rows["抚顺市生态环境监测站/zhaoliu"].verdict == "pass" and rows["抚顺市生态环境监测站/zhaoliu"].name == "赵六"
    assert json.loads((out / "抚顺市生态环境监测站" / "zhangwei" / "report.json").read_text("utf-8"))["verdict"] == "pass"


def test_a_deeply_nested_folder_does_not_stop_the_batch(tmp_path):
    """newest_mtime walked with Python 3.11's recursive os.walk: one folder nested 1,500
    deep raised RecursionError and stopped the whole batch (probe alt23 I). Tested with
    200 folders under a recursion limit 60 frames above the test's own depth (1,500 real
    folders would break pytest's own clean-up of its temp folders, which recurses too)."""
    import inspect
    import os
    import sys

    from verify.run.inputs import newest_mtime

    path = tmp_path / "d"
    path.mkdir()
    for _ in range(200):
        path = path / "a"
        path.mkdir()
    (path / "x.jpg").write_bytes(b"x")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 60)
    try:
        newest = newest_mtime(tmp_path / "d")
    finally:
        sys.setrecursionlimit(limit)
    assert newest >= (path / "x.jpg").stat().st_mtime - 1


def test_a_worker_cannot_allocate_past_its_memory_cap():
    """Probe alt23 F7: a 907-byte PDF grew a worker by 260 MB/s until the machine ran out;
    a worker's data is capped (RLIMIT_DATA), so the allocation fails at once."""
    import subprocess
    import sys

    code = ("from verify.run.resources import cap_worker_memory\n"
            "cap_worker_memory(300 << 20)\n"
            "try:\n    bytearray(600 << 20)\nexcept MemoryError:\n    print('capped')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip() == "capped", done.stderr


def test_check_dossier_names_each_file_it_opens_and_none_past_them(tmp_path):
    from verify.run.pipeline import FILE_STARTED, check_dossier

    folder = make_dossier(tmp_path, "a")
    (folder / "扫描件" / "证书.jpg").write_bytes(b"")  # read as empty at once, no engine
    told: list = []
    token = FILE_STARTED.set(told.append)
    try:
        check_dossier(folder, "a", Settings())
    finally:
        FILE_STARTED.reset(token)
    assert told == ["扫描件/证书.jpg", None]


@pytest.mark.parametrize("spoil", ["link", "file"])
def test_a_report_place_that_is_a_link_or_a_file_is_an_error_row_written_nowhere(tmp_path, call_log, spoil):
    """Probe alt23 F21: OUT/<key> as a link to a folder outside OUT had the reports written
    through it; OUT/<key> as a file gave an English 'File exists'."""
    arch, out, outside = tmp_path / "archive", tmp_path / "out", tmp_path / "outside"
    make_dossier(arch, "a")
    out.mkdir()
    outside.mkdir()
    if spoil == "link":
        (out / "a").symlink_to(outside, target_is_directory=True)
    else:
        (out / "a").write_text("x")
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, **FAST), check=fake_check)
    row = outcome.rows[0]
    assert row.verdict == "error" and "报告位置是链接或文件" in row.error, row
    assert list(outside.iterdir()) == []


def test_a_report_json_that_is_a_folder_is_an_error_row_in_chinese(tmp_path, call_log):
    """Probe alt23 F15: 报告写入失败（Is a directory）."""
    arch, out = tmp_path / "archive", tmp_path / "out"
    make_dossier(arch, "a")
    (out / "a" / "report.json").mkdir(parents=True)
    row = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, **FAST), check=fake_check).rows[0]
    assert row.verdict == "error" and "同名的文件夹占据了该位置" in row.error and "directory" not in row.error, row


def test_a_dossier_nested_1500_folders_deep_is_counted_and_listed(tmp_path):
    """Python 3.11's os.walk and rglob recurse: a dossier nested 1,500 deep was an error row
    (核验过程出错（RecursionError…）, hostile exploration)."""
    from PIL import Image

    from verify.run.inputs import count_pages, remove_tree
    from verify.run.pipeline import dossier_files

    deep = str(tmp_path / "a")
    os.mkdir(deep)
    for _ in range(1500):
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    for folder in (deep, str(tmp_path / "a")):
        Image.new("RGB", (20, 20), "white").save(os.path.join(folder, "p.png"))
    try:
        assert count_pages(tmp_path / "a") == 2
        files, odd = dossier_files(tmp_path / "a")
        assert len(files) == 2 and not odd
    finally:  # pytest's own clean-up (shutil.rmtree) recurses too
        remove_tree(tmp_path / "a")


def test_an_applicant_file_inside_a_sub_folder_is_named_not_silently_ignored(tmp_path):
    """Hostile exploration 2: sub/applicant.yaml (another applicant's facts) inside a dossier
    was ignored without a word, its folder's pages read as the applicant's own."""
    from PIL import Image

    from verify.run.pipeline import dossier_files

    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / "applicant.yaml").write_text("name: 张伟\nunit: 抚顺市生态环境监测站\n", encoding="utf-8")
    (tmp_path / "a" / "sub" / "applicant.yaml").write_text("name: 张三\nunit: 抚顺市生态环境监测站\n", encoding="utf-8")
    Image.new("RGB", (20, 20), "white").save(tmp_path / "a" / "sub" / "p.png")
    files, odd = dossier_files(tmp_path / "a")
    assert [f.name for f in files] == ["p.png"]
    assert [(u.file, "另有申报人信息文件" in u.reason) for u in odd] == [("sub/applicant.yaml", True)]


def test_a_zip_nested_past_64_folders_is_refused_in_chinese(tmp_path):
    """Folders made for a member 1,200 deep recursed out of pathlib (an error row with an
    English RecursionError); such a zip is refused before anything is written."""
    import zipfile

    from verify.run.zips import MAX_FOLDER_DEPTH, UnsafeArchive, extract_zip

    archive = tmp_path / "deep.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("deep/applicant.yaml", "name: x\n")
        zf.writestr("deep/" + "d/" * MAX_FOLDER_DEPTH + "p.jpg", b"x")
    with pytest.raises(UnsafeArchive, match="层级过深"):
        extract_zip(archive, tmp_path / "out")
    with zipfile.ZipFile(archive, "w") as zf:  # a dossier's usual depth is fine
        zf.writestr("deep/材料/副卷/2024/p.jpg", b"x")
    extract_zip(archive, tmp_path / "ok")
    assert (tmp_path / "ok" / "deep" / "材料" / "副卷" / "2024" / "p.jpg").exists()


def test_a_folder_whose_name_holds_a_line_break_is_an_error_row(tmp_path, call_log):
    """The line break went into the key, summary.csv's row and the report's folder (hostile
    exploration); such a name is refused like one of bytes no UTF-8 name has."""
    arch = tmp_path / "archive"
    make_dossier(arch, "a")
    make_dossier(arch, "张伟\n2024")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                        BatchOptions(workers=1, **FAST), check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert rows["a"].verdict == "pass" and calls(call_log) == ["a"]
    assert rows["张伟\\n2024"].verdict == "error" and "控制字符" in rows["张伟\\n2024"].error
    assert not (tmp_path / "out" / "张伟\n2024").exists()


def test_rerun_redoes_a_report_whose_page_is_missing_or_cut_or_whose_verdict_disagrees(tmp_path, call_log):
    """The rerun reused all three, and summary.csv said pass for 13 fails (hostile
    exploration 5, P6)."""
    arch = tmp_path / "archive"
    for key in ("a", "b", "c", "d"):
        make_dossier(arch, key, status="fail")
    out = tmp_path / "out"
    opts = BatchOptions(workers=1, **FAST)
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)

    (out / "a" / "report.html").unlink()
    html = (out / "b" / "report.html").read_bytes()
    (out / "b" / "report.html").write_bytes(html[:1000])
    report = json.loads((out / "c" / "report.json").read_text(encoding="utf-8"))
    report["verdict"] = "pass"
    (out / "c" / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    for key in ("b", "c"):
        future = time.time() + 5
        os.utime(out / key / "report.json", (future, future))
    call_log.unlink()
    second = run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert sorted(calls(call_log)) == ["a", "b", "c"], "d is whole and reused"
    assert {r.key: r.verdict for r in second.rows} == dict.fromkeys("abcd", "fail")
    assert all((out / key / "report.html").read_bytes().rstrip().endswith(b"</html>") for key in "ab")


def killed_once_check(folder, key, settings, applicant, progress=None):
    """:func:`file_check`, its worker killed from outside while it reads 证书.pdf, once:
    while the flag file ``BATCH_TEST_KILL_ONCE`` names exists (removed as it dies)."""
    flag = Path(os.environ["BATCH_TEST_KILL_ONCE"])
    from verify.run.pipeline import FILE_STARTED, SKIPPED_FILES

    if flag.exists() and "扫描件/证书.pdf" not in SKIPPED_FILES.get():
        FILE_STARTED.get()("扫描件/证书.pdf")
        flag.unlink()
        os.kill(os.getpid(), signal.SIGKILL)
    return file_check(folder, key, settings, applicant, progress)


def test_a_file_skipped_for_its_workers_death_is_read_again_by_the_rerun(tmp_path, call_log, monkeypatch):
    """A worker killed from outside (the OOM killer for another process, a kill -9) while
    reading a good file: the file got 「核验进程读取该文件时异常退出…已跳过该文件」 (a clean
    dossier failed 必备材料 missing), and every rerun reused that report."""
    arch = tmp_path / "archive"
    folder = make_dossier(arch, "a")
    make_dossier(arch, "b")
    (folder / "扫描件" / "证书.pdf").write_bytes(b"%PDF-1.4")
    flag = tmp_path / "kill-once"
    flag.write_text("x")
    monkeypatch.setenv("BATCH_TEST_KILL_ONCE", str(flag))
    out = tmp_path / "out"
    opts = BatchOptions(workers=1, page_timeout=1.0, startup_timeout=20.0, progress="none")
    run_batch(find_dossiers(arch), out, Settings(), opts, check=killed_once_check)
    first = json.loads((out / "a" / "report.json").read_text(encoding="utf-8"))
    assert first["batch"]["skipped"] == ["扫描件/证书.pdf"] and first["verdict"] == "review"
    assert "skipped" not in json.loads((out / "b" / "report.json").read_text(encoding="utf-8"))["batch"]

    call_log.unlink()
    second = run_batch(find_dossiers(arch), out, Settings(), opts, check=killed_once_check)
    assert calls(call_log) == ["a"], "the applicant whose file was skipped is checked again, the other reused"
    again = json.loads((out / "a" / "report.json").read_text(encoding="utf-8"))
    assert again["verdict"] == "pass" and "skipped" not in again["batch"] and not again.get("unreadable")
    assert {r.key: r.verdict for r in second.rows} == {"a": "pass", "b": "pass"}


def test_keys_differing_only_in_case_are_one_applicant_checked_and_an_error_row(tmp_path, call_log):
    """One folder on a Windows share, macOS or exFAT disk, where OUT is written or copied
    for the reviewers: the second applicant's report was written over the first's, both
    rows of the summary linking to it."""
    arch = tmp_path / "archive"
    make_dossier(arch, "A2024-001")
    make_dossier(arch, "a2024-001", name="李娜", status="fail")
    make_dossier(arch, "A2024-002")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(), BatchOptions(workers=1, **FAST),
                        check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert sorted(calls(call_log)) == ["A2024-001", "A2024-002"]
    assert rows["A2024-001"].verdict == rows["A2024-002"].verdict == "pass"
    assert rows["a2024-001"].verdict == "error" and "只有大小写不同" in rows["a2024-001"].error
    assert "A2024-001" in rows["a2024-001"].error and not (tmp_path / "out" / "a2024-001").exists()


def test_folders_named_as_outs_own_files_are_error_rows_and_none_is_dropped(tmp_path, call_log):
    """An applicant's folder named .verify.lock was taken for the toolkit's litter and
    missing from the summary without a word; one named .ocr-cache.sqlite was checked and
    its report put where the run's default OCR cache lives."""
    arch = tmp_path / "archive"
    for key in (".verify.lock", ".ocr-cache.sqlite", ".verify张伟", "ok"):
        make_dossier(arch, key)
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, **FAST), check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert set(rows) == {".verify.lock", ".ocr-cache.sqlite", ".verify张伟", "ok"}
    assert rows[".verify.lock"].verdict == rows[".ocr-cache.sqlite"].verdict == "error"
    assert "输出目录自身的文件" in rows[".verify.lock"].error
    assert rows[".verify张伟"].verdict == rows["ok"].verdict == "pass"
    assert sorted(calls(call_log)) == [".verify张伟", "ok"]
    assert set(read_summary(out)) == set(rows)


def test_a_tiff_cut_short_while_the_batch_counts_its_pages_does_not_end_the_batch(tmp_path):
    """The batch's own process counts every TIFF's pages before any worker starts; it
    read them through a memory map, where a file cut short meanwhile (a sync replacing
    it) or a share's I/O error is a SIGBUS no Python code catches: the whole batch ended
    without a word (hostile4). Here the file is cut as soon as its header is read."""
    import subprocess
    import sys

    from PIL import Image

    page = Image.new("L", (64, 64), 255)
    tiff = tmp_path / "A" / "扫描.tif"
    tiff.parent.mkdir()
    page.save(tiff, save_all=True, append_images=[page] * 3)
    code = f"""
import os, struct, sys
from pathlib import Path
real = struct.unpack
def cut(fmt, buffer):
    os.truncate({str(tiff)!r}, 0)  # the file cut short once its header was read
    return real(fmt, buffer)
struct.unpack = cut
from verify.run.inputs import count_pages
print("pages", count_pages(Path({str(tiff.parent)!r})))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert done.returncode == 0 and done.stdout.startswith("pages "), (done.returncode, done.stderr[-500:])  # was -SIGBUS


def test_a_full_output_disk_stops_the_run_keeping_the_reports_written(tmp_path, call_log, monkeypatch):
    """Hostile exploration 11: OUT's disk full as a report was written made that applicant
    an error row and the run read on, every later applicant's pages read and its report
    lost the same way, for hours. The run now stops as an interrupted one, says so in
    Chinese, keeps the reports written, and the rerun goes on from there."""
    import errno

    arch, out = tmp_path / "archive", tmp_path / "out"
    for key in ("a", "b", "c", "d"):
        make_dossier(arch, key)
    real = batch.record_outcome
    written = []

    def fills_up(out_dir, outcome):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(outcome.row.key)
        return real(out_dir, outcome)

    monkeypatch.setattr(batch, "record_outcome", fills_up)
    with pytest.raises(batch.OutputFull) as stopped:
        run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, **FAST), check=fake_check)
    assert stopped.value.interrupted and "磁盘空间不足" in str(stopped.value) and "已写好的 1 份报告保留" in str(stopped.value)
    assert len(calls(call_log)) == 2, "stopped at the first report it could not write"
    assert (out / written[0] / "report.json").is_file()

    monkeypatch.setattr(batch, "record_outcome", real)  # the disk cleared
    call_log.unlink()
    second = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, **FAST), check=fake_check)
    assert sorted(calls(call_log)) == sorted(set("abcd") - set(written))
    assert {r.key: r.verdict for r in second.rows} == dict.fromkeys("abcd", "pass")


def test_a_report_json_cut_short_is_checked_again(tmp_path, call_log):
    """A report.json cut short (a copy broken off, a disk that lost its tail) is no report:
    the rerun checks that applicant again (hostile exploration 11, found so)."""
    arch, out = tmp_path / "archive", tmp_path / "out"
    for key in ("a", "b"):
        make_dossier(arch, key)
    opts = BatchOptions(workers=1, **FAST)
    run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    data = (out / "a" / "report.json").read_bytes()
    (out / "a" / "report.json").write_bytes(data[: len(data) // 2])
    call_log.unlink()
    second = run_batch(find_dossiers(arch), out, Settings(), opts, check=fake_check)
    assert calls(call_log) == ["a"]
    assert {r.key: r.verdict for r in second.rows} == {"a": "pass", "b": "pass"}
    assert json.loads((out / "a" / "report.json").read_text(encoding="utf-8"))["verdict"] == "pass"


def test_keys_windows_tells_apart_only_by_ending_spaces_or_dots_or_naming_a_device_are_error_rows(tmp_path, call_log):
    """Hostile exploration 11: 张伟/, 张伟␠/ and 张伟./ were three applicants, three rows
    reading 张伟 in the summary, and one folder on Windows (which drops a name's ending
    spaces and dots), each report written over the last where OUT is a Windows share or is
    copied to one; a folder named CON or nul.zip was checked into a report folder no
    Windows disk takes. The first by key is checked, the others are error rows."""
    arch = tmp_path / "archive"
    for key in ("张伟", "张伟 ", "张伟.", "CON", "nul.zip", "CONSOLE"):
        make_dossier(arch, key)
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(), BatchOptions(workers=1, **FAST),
                        check=fake_check)
    rows = {r.key: r for r in outcome.rows}
    assert sorted(calls(call_log)) == ["CONSOLE", "张伟"]
    for twin in ("张伟 ", "张伟."):
        assert rows[twin].verdict == "error" and "只有大小写或末尾的空格、句点不同" in rows[twin].error, rows[twin]
        assert repr(twin) in rows[twin].error and not (tmp_path / "out" / twin).exists()
    for device in ("CON", "nul.zip"):
        assert rows[device].verdict == "error" and "Windows 的保留设备名" in rows[device].error, rows[device]
