"""``verify check`` / ``verify batch``: exit codes, outputs, the final line.

A dossier holding only ``applicant.yaml`` runs the real pipeline without OCR (no pages):
the campaign's required documents are missing, so its verdict is ``fail``.
"""
from __future__ import annotations

import contextlib
import csv
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
from verify.report.summary import SummaryRow

ROOT = Path(__file__).resolve().parents[1]
YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\ncurrent_title:\n  name: 助理工程师\n  date: 2019-06-30\n"


def _archive(tmp_path: Path) -> Path:
    arch = tmp_path / "archive"
    (arch / "zhangwei").mkdir(parents=True)
    (arch / "zhangwei" / "applicant.yaml").write_text(YAML, encoding="utf-8")
    (arch / "broken").mkdir()
    (arch / "broken" / "applicant.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    (arch / "answer_key.json").write_text("{}", encoding="utf-8")
    return arch


def _summary(out: Path) -> dict[str, dict]:
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    return {r["key"]: r for r in csv.DictReader(io.StringIO(text))}


def test_check_writes_reports_and_strict_exits_1_when_not_all_pass(tmp_path):
    arch = _archive(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["check", str(arch / "zhangwei"), "-o", str(out), "--quiet"]) == 0
    report = json.loads((out / "zhangwei" / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == "dossier-report/1" and report["verdict"] == "fail"
    assert any(f["rule"] == "dossier.required" and f["status"] == "fail" for f in report["findings"])
    assert (out / "zhangwei" / "report.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert _summary(out)["zhangwei"]["verdict"] == "fail"
    assert (out / "summary.xlsx").is_file()
    assert cli.main(["check", str(arch / "zhangwei"), "-o", str(out), "--quiet", "--strict"]) == 1


def test_batch_zip_archive_with_a_broken_yaml_is_an_error_row_not_a_crash(tmp_path):
    arch = _archive(tmp_path)
    zipped = tmp_path / "archive.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for p in sorted(arch.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(arch).as_posix())
    out = tmp_path / "out"
    assert cli.main(["batch", str(zipped), "-o", str(out), "--quiet", "--workers", "2"]) == 0
    rows = _summary(out)
    assert sorted(rows) == ["broken", "zhangwei"]
    assert rows["broken"]["verdict"] == "error" and "格式错误" in rows["broken"]["error"]
    assert rows["zhangwei"]["verdict"] == "fail"


def test_strict_exits_0_when_every_applicant_passes(tmp_path, monkeypatch):
    arch = _archive(tmp_path)

    def all_pass(dossiers, out_dir, settings, options=None, **kw):
        assert settings.cache_path == str(Path(out_dir) / ".ocr-cache.sqlite")
        return batch.BatchOutcome([SummaryRow(d.key, "张伟", "pass", passed=3) for d in dossiers], 0.1, 1)

    monkeypatch.setattr(batch, "run_batch", all_pass)
    assert cli.main(["batch", str(arch), "-o", str(tmp_path / "o"), "--strict", "-q"]) == 0

    def one_review(dossiers, out_dir, settings, options=None, **kw):
        return batch.BatchOutcome([SummaryRow("a", "张伟", "pass"), SummaryRow("b", "李娜", "review")], 0.1, 1)

    monkeypatch.setattr(batch, "run_batch", one_review)
    assert cli.main(["batch", str(arch), "-o", str(tmp_path / "o"), "--strict", "-q"]) == 1
    assert cli.main(["batch", str(arch), "-o", str(tmp_path / "o"), "-q"]) == 0


@pytest.mark.parametrize("make_args", [
    lambda t: ["batch", str(t / "missing"), "-o", str(t / "o")],
    lambda t: ["check", str(t / "missing"), "-o", str(t / "o")],
    lambda t: ["batch", str(t / "plain.txt"), "-o", str(t / "o")],
    lambda t: ["batch", str(t / "empty"), "-o", str(t / "o")],
    lambda t: ["batch", str(t / "archive"), "-o", str(t / "o"), "--campaign", "no-such-campaign"],
    lambda t: ["batch", str(t / "archive"), "-o", str(t / "o"), "--engine", "remote"],
    lambda t: ["batch", str(t / "archive"), "-o", str(t / "o"), "--roster", str(t / "plain.txt")],
    lambda t: ["batch", str(t / "archive"), "-o", str(t / "o"), "--roster", str(t / "nokey.csv")],
], ids=["missing-archive", "missing-dossier", "not-a-folder", "empty-archive", "bad-campaign", "remote-no-url",
        "roster-not-csv", "roster-without-key"])
def test_usage_errors_and_unreadable_roots_exit_2(tmp_path, make_args, capsys):
    _archive(tmp_path)
    (tmp_path / "plain.txt").write_text("x")
    (tmp_path / "empty").mkdir()
    (tmp_path / "nokey.csv").write_text("name,unit\n张伟,x\n", encoding="utf-8")
    assert cli.main(make_args(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("verify: ") and err.strip() != "verify:"
    assert not (tmp_path / "o").exists(), "nothing is written for a run that cannot start"


def test_check_on_an_archive_and_batch_on_one_dossier_say_which_command_fits(tmp_path, capsys):
    arch = _archive(tmp_path)
    assert cli.main(["check", str(arch), "-o", str(tmp_path / "o")]) == 2
    assert "verify batch" in capsys.readouterr().err
    assert cli.main(["batch", str(arch / "zhangwei"), "-o", str(tmp_path / "o")]) == 2
    assert "verify check" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "batch"])
@pytest.mark.parametrize("content, words", [
    (b"", "是空文件（0 字节），不是有效的 ZIP 压缩包"),
    ("cut", "不是有效的 ZIP 压缩包或已损坏（文件可能不完整）"),
], ids=["empty", "cut-short"])
def test_an_empty_or_damaged_zip_given_as_the_input_is_said_to_be_one(tmp_path, capsys, command, content, words):
    """A download cut short, or one of 0 bytes, was told 「不是文件夹或 ZIP 压缩包」, as if
    the reviewer had named some other kind of file (hostile2's audit)."""
    path = tmp_path / "张伟.zip"
    if content == "cut":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("applicant.yaml", "name: 张伟\n")
            zf.writestr("证书.jpg", os.urandom(4096))
        content = path.read_bytes()[:2000]
    path.write_bytes(content)
    assert cli.main([command, str(path), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert words in err and "重新打包或重新下载" in err, err


def test_an_output_folder_inside_the_input_is_refused_up_front(tmp_path, capsys):
    """Reports inside the archive (or a dossier) would become the next run's input."""
    arch = _archive(tmp_path)
    assert cli.main(["batch", str(arch), "-o", str(arch / "out"), "-q"]) == 2
    assert "输出目录" in capsys.readouterr().err
    assert cli.main(["check", str(arch / "zhangwei"), "-o", str(arch / "zhangwei" / "out"), "-q"]) == 2
    assert cli.main(["check", str(arch / "zhangwei"), "-o", str(arch), "-q"]) == 2  # OUT/zhangwei is the dossier
    assert not (arch / "out").exists() and not (arch / "zhangwei" / "out").exists()
    assert sorted(p.name for p in arch.iterdir()) == ["answer_key.json", "broken", "zhangwei"]


def test_an_output_folder_in_another_applicants_folder_is_refused_up_front(tmp_path, capsys):
    """check A -o B, B another applicant's dossier, wrote summary.csv and A/report.* into B,
    whose next check reviewed them as B's own (hostile exploration 5); so did -o OUT/<key>
    into another applicant's report folder of a batch's output. Both are refused in Chinese."""
    arch = _archive(tmp_path)
    other = tmp_path / "lisi"
    other.mkdir()
    (other / "applicant.yaml").write_text(YAML.replace("张伟", "李四"), encoding="utf-8")
    for out in (other, other / "out"):
        assert cli.main(["check", str(arch / "zhangwei"), "-o", str(out), "-q"]) == 2
        err = capsys.readouterr().err
        assert "申报人的材料文件夹" in err and "applicant.yaml" in err, err
    assert sorted(p.name for p in other.iterdir()) == ["applicant.yaml"]
    out = tmp_path / "out"
    (out / "lisi").mkdir(parents=True)
    (out / "lisi" / "report.json").write_text("{}", encoding="utf-8")
    assert cli.main(["check", str(arch / "zhangwei"), "-o", str(out / "lisi"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "报告文件夹" in err and str(out) in err, err
    assert sorted(p.name for p in (out / "lisi").iterdir()) == ["report.json"]
    assert cli.main(["check", str(arch / "zhangwei"), "-o", str(out), "-q"]) == 0  # the output tree itself


def test_argparse_errors_exit_2():
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch", "x", "-o", "y", "--workers", "-3"])
    assert exc.value.code == 2


def test_python_m_verify_ends_with_a_summary_line_and_no_carriage_returns_when_not_a_terminal(tmp_path):
    arch = _archive(tmp_path)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "verify", "batch", str(arch), "-o", str(out), "--strict"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("完成：2 名申报人"), proc.stderr
    assert "\r" not in proc.stderr
    assert _summary(out)["broken"]["verdict"] == "error"

    # an unchanged rerun reuses both reports (the broken one is retried: it has none)
    proc = subprocess.run([sys.executable, "-m", "verify", "batch", str(arch), "-o", str(out)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert "沿用已有报告 1" in proc.stderr


def _older_cache(path):
    """A cache of another layout (another version's, another program's): every look-up
    failed, and each page was the applicant's 「文件无法读取」."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE ocr_pages (key TEXT PRIMARY KEY, value TEXT, created REAL)")
        conn.commit()


def test_an_ocr_cache_another_program_holds_locked_is_said_to_be_locked_not_damaged(tmp_path, capsys):
    """「已损坏…请删除该文件」 for a good cache another run or a database tool held locked:
    deleting it, as told, lost every page read."""
    import sqlite3

    arch, out = _archive(tmp_path), tmp_path / "out"
    out.mkdir()
    db = out / ".ocr-cache.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE ocr_pages (key TEXT PRIMARY KEY, page TEXT NOT NULL, created REAL NOT NULL)")
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO ocr_pages VALUES ('x', '{}', 0)")
    try:
        assert cli.main(["batch", str(arch), "-o", str(out), "-q"]) == 2
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert "正被其他程序锁定" in err and "已损坏" not in err
    assert db.is_file() and not (out / "zhangwei").exists()


def test_an_ocr_cache_where_the_run_cannot_write_is_said_to_be_so_not_damaged(tmp_path, capsys, monkeypatch):
    """A good cache on a read-only share was 「已损坏…请删除该文件」 (SQLite cannot open a
    WAL database where it may not write); a new one in a read-only folder made every
    applicant an error row (OSError: Read-only file system)."""
    from ocr.cache import OcrCache

    arch, out = _archive(tmp_path), tmp_path / "out"
    share = tmp_path / "share"
    OcrCache(share / "c.sqlite").close()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: not Path(p).is_relative_to(share) and real(p, mode, **kw))
    for cache in (share / "c.sqlite", share / "new" / "c.sqlite"):
        assert cli.main(["batch", str(arch), "-o", str(out), "-q", "--cache", str(cache)]) == 2
        err = capsys.readouterr().err
        assert "不可写" in err and "已损坏" not in err
    assert not (out / "zhangwei").exists()


@pytest.mark.parametrize("spoil, words", [
    (lambda out: (out / "summary.csv").mkdir(), "summary.csv"),  # probe alt23 F11
    (lambda out: (out / ".ocr-cache.sqlite").write_bytes(os.urandom(100_000)), "OCR 缓存"),  # probe alt23 F10
    (lambda out: (out / ".ocr-cache.sqlite").mkdir(), "OCR 缓存"),
    (lambda out: _older_cache(out / ".ocr-cache.sqlite"), "不是本版本的缓存"),
])
def test_an_output_folder_the_batch_could_not_finish_in_is_refused_up_front(tmp_path, capsys, spoil, words):
    """A folder named summary.csv failed the batch after all its work (rc 1, no summary);
    a damaged OCR cache made every applicant an error row, rc 0."""
    arch, out = _archive(tmp_path), tmp_path / "out"
    out.mkdir()
    spoil(out)
    assert cli.main(["batch", str(arch), "-o", str(out), "-q"]) == 2
    assert words in capsys.readouterr().err
    assert not (out / "zhangwei").exists()


def test_a_control_character_in_a_zip_members_name_is_escaped_and_the_summaries_are_written(tmp_path, capsys):
    """A dossier zip holding only an inner zip named 内<ESC>层.zip: its error row quoted the
    name raw and openpyxl refused it, so the batch died writing summary.xlsx with exit 1
    (hostile exploration 5, P1)."""
    from openpyxl import load_workbook

    arch = tmp_path / "archive"
    (arch / "zhangwei").mkdir(parents=True)
    (arch / "zhangwei" / "applicant.yaml").write_text(YAML, encoding="utf-8")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("applicant.yaml", YAML)
    with zipfile.ZipFile(arch / "b_inner.zip", "w") as zf:
        zf.writestr("内\x1b层.zip", inner.getvalue())
    out = tmp_path / "out"
    assert cli.main(["batch", str(arch), "-o", str(out), "--quiet"]) == 0
    row = _summary(out)["b_inner"]
    assert row["verdict"] == "error" and "内\\x1b层.zip" in row["error"] and "\x1b" not in row["error"]
    cells = [c.value for r in load_workbook(out / "summary.xlsx").active.iter_rows(min_row=2) for c in r]
    assert any(isinstance(v, str) and "内\\x1b层.zip" in v for v in cells)


def test_a_summary_that_cannot_be_written_keeps_the_other_and_exits_3_in_chinese(tmp_path, capsys, monkeypatch):
    """summary.xlsx failing (any reason) must not lose summary.csv or the reports, and the
    exit code is neither 0 nor --strict's 1 (hostile exploration 5, P1)."""
    from verify.report import summary

    def refuse(records):
        raise ValueError("no")

    monkeypatch.setattr(summary, "summary_xlsx_bytes", refuse)
    arch = _archive(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["batch", str(arch), "-o", str(out), "--quiet", "--strict"]) == cli.EXIT_SUMMARY_FAILED == 3
    assert set(_summary(out)) == {"zhangwei", "broken"}
    assert (out / "zhangwei" / "report.json").is_file() and not (out / "summary.xlsx").exists()
    err = capsys.readouterr().err
    assert "summary.xlsx 写入失败" in err and "Traceback" not in err
