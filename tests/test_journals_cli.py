"""``verify journal`` and ``verify registry`` as a reviewer runs them."""
from __future__ import annotations

import json

import pytest

from verify.cli import main
from verify.journals.testing import PRESS_LIST, small_registry


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return str(small_registry(tmp_path_factory.mktemp("reg")))


def test_journal_prints_the_judgement_and_the_record(capsys, registry):
    assert main(["journal", "--issn", "1000-0933", "--cn", "11-2031/Q", "--name", "生态学报", "--registry", registry]) == 0
    out = capsys.readouterr().out
    assert out.startswith("结论：通过（已登记）") and "刊名：生态学报" in out and "主办：中国生态学学会" in out


def test_journal_json_of_a_swapped_pair(capsys, registry):
    assert main(["journal", "--issn", "1674-1021", "--cn", "11-2031/Q", "--json", "--registry", registry]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["status"] == "mismatch" and d["outcome"] == "fail" and d["journal"] is None
    assert [c["name"] for c in d["candidates"]] == ["环境保护与循环经济", "生态学报"]
    assert d["registry"]["name"] == "测试登记库"


def test_journal_on_the_shipped_registry(capsys):
    assert main(["journal", "--issn", "1674-1021", "--cn", "21-1556/X", "--name", "环境保护与循环经济"]) == 0
    assert "CNKI" in capsys.readouterr().out


def test_batch_prints_one_json_line_per_row(capsys, registry, tmp_path):
    rows = ("issn,cn,name,date\n1000-0933,11-2031/Q,生态学报,2022-05\n1674-1021,11-2031/Q,环境保护与循环经济,2022\n"
            "1006-8678,61-1279/X,陕西环境,2024-03\n1234-5679,21-1998/X,假期刊,2023-01\n1000-0933,11-2031/Q,生态学报,去年\n")
    (tmp_path / "q.csv").write_text(rows, encoding="utf-8")
    assert main(["journal", "--batch", str(tmp_path / "q.csv"), "--registry", registry]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["status"] for x in lines] == ["registered", "mismatch", "ceased", "unknown", "invalid"]
    assert [x["row"] for x in lines] == [2, 3, 4, 5, 6]
    assert all({"status", "journal", "candidates", "reason"} <= set(x) for x in lines)
    assert lines[0]["journal"]["name"] == "生态学报" and "日期" in lines[4]["reason"]


def test_usage_errors_exit_2(capsys, tmp_path, registry):
    assert main(["journal", "--name", "生态学报"]) == 2
    assert main(["journal", "--issn", "1000-0933", "--registry", str(tmp_path / "none.sqlite")]) == 2
    assert "找不到" in capsys.readouterr().err
    assert main(["journal", "--issn", "1000-0933", "--date", "前年", "--registry", registry]) == 2
    assert main(["journal", "--issn", "1000-0933", "--online", "ftp://x", "--registry", registry]) == 2


def test_registry_import_and_info(capsys, tmp_path):
    (tmp_path / "list.csv").write_text(PRESS_LIST, encoding="utf-8")
    target = tmp_path / "province.sqlite"
    assert main(["registry", "import", str(tmp_path / "list.csv"), "--registry", str(target), "--base", "none",
                 "--as-of", "2024-06-30", "--complete", "--name", "辽宁省期刊名录"]) == 0
    out = capsys.readouterr().out
    assert "11 journals imported" in out and "辽宁省期刊名录" in out and "--registry" in out
    assert main(["registry", "info", "--registry", str(target)]) == 0
    out = capsys.readouterr().out
    assert "11 种期刊" in out and "截至 2024-06-30" in out and "完整名录" in out
    # a CN missing from a complete registry fails
    assert main(["journal", "--cn", "21-1998/X", "--json", "--registry", str(target)]) == 0
    assert json.loads(capsys.readouterr().out)["outcome"] == "fail"


def test_registry_import_onto_the_shipped_snapshot(capsys, tmp_path):
    (tmp_path / "extra.csv").write_text("刊名,ISSN,CN\n抚顺环境测试,1671-1556,21-1999/X\n", encoding="utf-8")
    target = tmp_path / "r.sqlite"
    assert main(["registry", "import", str(tmp_path / "extra.csv"), "--registry", str(target)]) == 0
    capsys.readouterr()
    assert main(["journal", "--issn", "1671-1556", "--cn", "21-1999/X", "--json", "--registry", str(target)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "registered"
    assert main(["journal", "--issn", "1000-0933", "--cn", "11-2031/Q", "--json", "--registry", str(target)]) == 0
    assert json.loads(capsys.readouterr().out)["journal"]["name"] == "生态学报"


def test_registry_import_of_a_bad_file_exits_2(capsys, tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    assert main(["registry", "import", str(tmp_path / "x.csv"), "--registry", str(tmp_path / "r.sqlite")]) == 2
    assert "表头" in capsys.readouterr().err
    assert main(["registry", "import", str(tmp_path / "missing.csv")]) == 2


def test_batch_and_check_take_a_registry(capsys, tmp_path):
    assert main(["check", str(tmp_path), "-o", str(tmp_path / "out"), "--registry", str(tmp_path / "none.sqlite")]) == 2
    assert "找不到期刊登记库" in capsys.readouterr().err
