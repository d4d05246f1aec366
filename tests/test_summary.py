"""summary.csv (for tools: the contract's columns, extended) and summary.xlsx (for
people: Chinese headings, auto-filter, links), and a check that adds its row."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from verify import cli
from verify.report.summary import (
    COLUMNS,
    XLSX_COLUMNS,
    SummaryRow,
    read_summary_csv,
    write_summary,
)

CONTRACT_COLUMNS = ["key", "name", "verdict", "fail", "review", "pass"]  # DOSSIER.md; CONTRACT.md adds error
YAML = "name: {name}\nunit: 抚顺市生态环境监测站\ncurrent_title:\n  name: 助理工程师\n  date: 2019-06-30\n"

FINDINGS = [
    {"rule": "seal.present", "status": "review", "message": "印章颜色过淡"},
    {"rule": "assessment.years", "status": "fail", "message": "缺少 2021 年度考核表"},
    {"rule": "signature.present", "status": "fail", "message": "单位负责人签字栏空白"},
    {"rule": "assessment.years", "status": "fail", "message": "缺少 2022 年度考核表"},
    {"rule": "identity.name", "status": "pass", "message": "一致"},
]


def _csv(out: Path) -> tuple[list[str], dict[str, dict]]:
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    rows = {r["key"]: r for r in reader}
    return reader.fieldnames, rows


def _sheet(out: Path):
    return openpyxl.load_workbook(out / "summary.xlsx").active


def _report_dir(out: Path, key: str) -> None:
    (out / key).mkdir(parents=True, exist_ok=True)
    (out / key / "report.html").write_text("<!DOCTYPE html>", encoding="utf-8")


def _rows() -> list[SummaryRow]:
    report = {"key": "zhangwei", "verdict": "fail", "findings": FINDINGS, "documents": [{}, {}],
              "applicant": {"name": "张伟", "unit": "抚顺市生态环境监测站"}}
    return [
        SummaryRow.from_report(report),
        SummaryRow("lina", "李娜", "review", review=1, unit="抚顺市环境监测中心站",
                   problems=(("seal.unit", "印文无法辨认"),)),
        SummaryRow("wangfang", "王芳", "pass", passed=12, unit="抚顺市生态环境局"),
        SummaryRow("broken", "", "error", error="applicant.yaml：格式错误，无法解析"),
    ]


def test_csv_keeps_the_contract_columns_and_adds_unit_rules_reasons_report(tmp_path):
    _report_dir(tmp_path, "zhangwei")
    _report_dir(tmp_path, "wangfang")
    write_summary(_rows(), tmp_path)
    header, rows = _csv(tmp_path)
    assert header[:7] == CONTRACT_COLUMNS + ["error"] and header == list(COLUMNS)
    assert list(rows) == ["broken", "lina", "wangfang", "zhangwei"]  # sorted by key
    z = rows["zhangwei"]
    assert (z["name"], z["verdict"], z["fail"], z["review"], z["pass"]) == ("张伟", "fail", "3", "1", "1")
    assert z["unit"] == "抚顺市生态环境监测站"
    assert z["rules"] == "近三年年度考核表齐全、签字栏已签字"  # failing rules by name; the review one is not a failure
    assert z["reasons"] == "近三年年度考核表齐全：缺少 2021 年度考核表；签字栏已签字：单位负责人签字栏空白"
    assert z["report"] == "zhangwei/report.html" and (tmp_path / z["report"]).is_file()
    assert rows["lina"]["rules"] == "印章为申报单位公章" and rows["lina"]["report"] == ""  # no report.html there
    assert rows["wangfang"]["rules"] == rows["wangfang"]["reasons"] == ""
    assert rows["broken"]["error"] == "applicant.yaml：格式错误，无法解析"


def test_xlsx_has_chinese_headings_an_auto_filter_and_report_links(tmp_path):
    _report_dir(tmp_path, "zhangwei")
    write_summary(_rows(), tmp_path)
    sheet = _sheet(tmp_path)
    headings = [c.value for c in sheet[1]]
    assert headings == [h for _, h, _ in XLSX_COLUMNS]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headings)
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headings))}5"
    assert sheet.freeze_panes == "A2"
    by_key = {r[0].value: {h: c for h, c in zip(headings, r)} for r in sheet.iter_rows(min_row=2)}
    z = by_key["zhangwei"]
    assert z["核验结论"].value == "不通过" and z["不通过项"].value == 3 and z["单位"].value == "抚顺市生态环境监测站"
    assert z["未通过（或需复核）的规则"].value == "近三年年度考核表齐全、签字栏已签字"
    assert z["核验报告"].value == "zhangwei/report.html" and z["核验报告"].hyperlink.target == "./zhangwei/report.html"
    assert by_key["broken"]["核验结论"].value == "无法核验" and by_key["broken"]["核验报告"].hyperlink is None
    assert by_key["lina"]["核验结论"].value == "需人工复核"


def test_merge_adds_or_replaces_one_row_and_keeps_the_others(tmp_path):
    write_summary(_rows(), tmp_path)
    again = SummaryRow("lina", "李娜", "pass", passed=13, unit="抚顺市环境监测中心站")
    new = SummaryRow("zhaoxuan", "赵轩", "review", review=2, problems=(("seal.present", "疑似印章"),))
    write_summary([again], tmp_path, merge=True)
    write_summary([new], tmp_path, merge=True)
    _, rows = _csv(tmp_path)
    assert list(rows) == ["broken", "lina", "wangfang", "zhangwei", "zhaoxuan"]
    assert rows["lina"]["verdict"] == "pass" and rows["lina"]["rules"] == ""
    assert rows["zhangwei"]["reasons"].startswith("近三年年度考核表齐全：缺少 2021")  # kept as it was
    assert [c.value for c in _sheet(tmp_path)["A"]][1:] == list(rows)
    # without merge, the summary is this run's rows only
    write_summary([new], tmp_path)
    assert list(_csv(tmp_path)[1]) == ["zhaoxuan"]


def test_an_error_row_keeps_the_name_and_unit_it_had(tmp_path):
    write_summary(_rows(), tmp_path)
    write_summary([SummaryRow("zhangwei", "", "error", error="核验进程异常退出")], tmp_path, merge=True)
    _, rows = _csv(tmp_path)
    z = rows["zhangwei"]
    assert (z["verdict"], z["name"], z["unit"], z["error"]) == ("error", "张伟", "抚顺市生态环境监测站", "核验进程异常退出")
    assert z["rules"] == ""  # the old failures are not this run's
    write_summary([SummaryRow("lina", "李娜2", "error", error="x")], tmp_path, merge=True)
    assert _csv(tmp_path)[1]["lina"]["name"] == "李娜2"  # a name it knows is its own


def test_a_formula_survives_a_merge_as_the_same_text(tmp_path):
    evil = '=HYPERLINK("http://x.example","点")'
    write_summary([SummaryRow("a", evil, "pass"), SummaryRow("-b", "－1", "fail", fail=1)], tmp_path)
    write_summary([SummaryRow("c", "李娜", "pass")], tmp_path, merge=True)
    records = {r["key"]: r for r in read_summary_csv(tmp_path / "summary.csv")}
    assert records["a"]["name"] == evil and records["-b"]["name"] == "－1"
    text = (tmp_path / "summary.csv").read_text(encoding="utf-8-sig")
    assert not [c for r in csv.reader(io.StringIO(text)) for c in r if c and c[0] in "=+-@＝＋－＠"]
    cells = [c for r in _sheet(tmp_path).iter_rows(min_row=2) for c in r]
    assert all(c.data_type != "f" for c in cells) and any(c.value == evil for c in cells)


def test_an_old_summary_without_the_new_columns_is_extended(tmp_path):
    (tmp_path / "summary.csv").write_text("\ufeffkey,name,verdict,fail,review,pass,error\r\nold,老王,pass,0,0,3,\r\n",
                                          encoding="utf-8")
    write_summary([SummaryRow("new", "新", "pass")], tmp_path, merge=True)
    header, rows = _csv(tmp_path)
    assert header == list(COLUMNS) and rows["old"]["name"] == "老王" and rows["old"]["unit"] == ""


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"key\r\n\"unclosed"])
def test_an_unreadable_summary_is_replaced_not_fatal(tmp_path, content):
    (tmp_path / "summary.csv").write_bytes(content)
    write_summary([SummaryRow("a", "甲", "pass")], tmp_path, merge=True)
    assert "a" in _csv(tmp_path)[1]


def test_verify_check_adds_its_row_to_an_existing_summary(tmp_path):
    """Dossiers holding only applicant.yaml run the real pipeline without OCR (no pages)."""
    out = tmp_path / "out"
    for key, name in (("zhangwei", "张伟"), ("lina", "李娜")):
        (tmp_path / key).mkdir()
        (tmp_path / key / "applicant.yaml").write_text(YAML.format(name=name), encoding="utf-8")
        assert cli.main(["check", str(tmp_path / key), "-o", str(out), "-q"]) == 0
    _, rows = _csv(out)
    assert list(rows) == ["lina", "zhangwei"]
    assert rows["zhangwei"]["verdict"] == "fail" and "必备材料齐全" in rows["zhangwei"]["rules"]
    assert rows["zhangwei"]["unit"] == "抚顺市生态环境监测站" and rows["zhangwei"]["report"] == "zhangwei/report.html"
    # the applicant's file breaks: its row becomes an error row that still names the applicant
    (tmp_path / "zhangwei" / "applicant.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path / "zhangwei"), "-o", str(out), "-q"]) == 0
    _, rows = _csv(out)
    assert list(rows) == ["lina", "zhangwei"]
    assert (rows["zhangwei"]["verdict"], rows["zhangwei"]["name"]) == ("error", "张伟")
    assert rows["lina"]["verdict"] == "fail"
    report = json.loads((out / "lina" / "report.json").read_text(encoding="utf-8"))
    assert report["applicant"]["name"] == "李娜"
