"""A CSV roster Python's reader stops on is refused with a reason, never a traceback
(hostile exploration 10): a quotation mark opened and never closed (「"张伟」 typed into
a name) takes every line after it into one cell, and past 131,072 characters (some
3,500 rows of four short columns) the reader raised ``_csv.Error: field larger than field limit``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _roster(path: Path, rows: int) -> Path:
    lines = ["key,name,unit,unit_kind", 'A0001,"张伟,抚顺市生态环境监测站,institution']
    lines += [f"A{i:04d},李{i},抚顺市生态环境事务服务中心,institution" for i in range(2, rows + 2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_unclosed_quote_in_a_long_csv_roster_is_refused_with_the_reason(tmp_path):
    from verify.roster import RosterError, load_roster

    with pytest.raises(RosterError) as refused:
        load_roster(_roster(tmp_path / "名册.csv", 5000))
    assert "从第 2 行起的一行中有单元格超过 131072 个字符" in str(refused.value) and "引号" in str(refused.value)


def test_verify_batch_with_such_a_roster_exits_2_saying_why(tmp_path):
    archive = tmp_path / "archive"
    (archive / "A0001").mkdir(parents=True)
    done = subprocess.run([sys.executable, "-m", "verify", "batch", str(archive), "-o", str(tmp_path / "out"), "-q",
                           "--workers", "1", "--roster", str(_roster(tmp_path / "名册.csv", 5000))],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "没有配对的结尾引号" in done.stderr, done.stderr[-2000:]
