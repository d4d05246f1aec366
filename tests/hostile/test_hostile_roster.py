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


def test_an_unclosed_quote_in_a_short_csv_roster_is_refused_naming_its_row(tmp_path):
    """Under the reader's limit the runaway cell was read: its applicant told only that the
    name held an invisible control character, the applicants after it looked for in
    applicant.yaml files (缺少 applicant.yaml)."""
    from verify.roster import RosterError, load_roster

    with pytest.raises(RosterError) as refused:
        load_roster(_roster(tmp_path / "名册.csv", 40))
    assert "第 2 行（A0001）的一个单元格跨了 41 行" in str(refused.value) and "引号" in str(refused.value)


def test_a_cell_of_several_lines_a_person_typed_is_read(tmp_path):
    from verify.roster import load_roster

    path = tmp_path / "名册.csv"
    path.write_text('key,name,unit,unit_kind,papers.title\nA0001,张伟,抚顺市生态环境监测站,institution,"论文一;论文二\n论文三"\n'
                    "A0002,李四,抚顺市生态环境监测站,institution,\n", encoding="utf-8")
    roster = load_roster(path)
    assert sorted(roster) == ["A0001", "A0002"] and roster["A0002"].applicant.name == "李四"
