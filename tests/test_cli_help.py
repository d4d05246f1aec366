"""``verify`` speaks Chinese to the desk: help, usage errors; and ``-o`` has a default."""
from __future__ import annotations

import argparse
import re
import zipfile
from pathlib import Path

import pytest

from verify import cli

HAN = re.compile(r"[\u4e00-\u9fff]")
YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\ncurrent_title:\n  name: 助理工程师\n  date: 2019-06-30\n"


def _help(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["batch", "-h"]])
def test_help_is_chinese(argv, capsys):
    text = _help(argv, capsys)
    assert text.startswith("用法：verify")
    for english in ("usage:", "show this help", "positional arguments", "options:", "optional arguments"):
        assert english not in text
    assert "显示本帮助并退出" in text and len(HAN.findall(text)) > 40


def test_every_option_and_command_has_chinese_help():
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for choice in subparsers._choices_actions:
        assert HAN.search(choice.help), choice.dest
    for name, sub in subparsers.choices.items():
        assert HAN.search(sub.description or ""), name
        for action in sub._actions:
            assert action.help and HAN.search(action.help), (name, action.option_strings or action.dest)


def test_usage_errors_are_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch"])
    assert exc.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "参数错误：缺少必需的参数" in err and "required" not in err
    with pytest.raises(SystemExit):
        cli.main(["check", "x", "--engine", "nope"])
    assert "无效的选择" in capsys.readouterr().err


@pytest.mark.parametrize("source, out", [
    ("申报材料/张伟", "out/张伟"),
    ("申报材料/张伟/", "out/张伟"),
    ("/data/2024批次.zip", "out/2024批次"),
    ("/data/2024批次.ZIP", "out/2024批次"),
    ("archive", "out/archive"),
])
def test_default_out_is_named_after_the_input(source, out):
    assert cli.default_out(Path(source)) == Path(out)


def test_default_out_of_the_current_folder(tmp_path, monkeypatch):
    folder = tmp_path / "王芳"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert cli.default_out(Path(".")) == Path("out/王芳")


def test_check_and_batch_without_o_write_to_out_name(tmp_path, monkeypatch):
    """A dossier with only applicant.yaml runs the real pipeline without OCR (no pages)."""
    monkeypatch.chdir(tmp_path)
    dossier = tmp_path / "材料" / "zhangwei"
    dossier.mkdir(parents=True)
    (dossier / "applicant.yaml").write_text(YAML, encoding="utf-8")
    assert cli.main(["check", str(dossier), "-q"]) == 0
    assert (tmp_path / "out" / "zhangwei" / "zhangwei" / "report.html").is_file()
    assert (tmp_path / "out" / "zhangwei" / "summary.csv").is_file()

    archive = tmp_path / "2024批次.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("lina/applicant.yaml", YAML.replace("张伟", "李娜"))
    assert cli.main(["batch", str(archive), "-q"]) == 0
    assert (tmp_path / "out" / "2024批次" / "lina" / "report.json").is_file()


def test_the_usage_line_names_every_command(capsys):
    """Probe alt23 F23: it read {check,batch} though desk, journal and registry are commands too."""
    first = _help(["--help"], capsys).splitlines()[0]
    for command in ("check", "batch", "desk", "journal", "registry"):
        assert command in first
