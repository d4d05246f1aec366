"""The export for HR: one row per applicant with the tool's verdict, the final decision,
who made it, the failing rules by name with their first reason, and the link to the
applicant's page at the desk. XLSX (auto-filter, frozen heading) and CSV (UTF-8 with
a BOM, so Excel shows the Chinese right).

>>> rows = [{"key": "A1", "name": "张伟", "unit": "站", "verdict": "fail", "decision": "reject",
...          "decision_reason": "缺年度考核表", "decision_by": "李审", "decision_at": "2024-10-01T09:00:00+08:00",
...          "failing": [("seal.unit", "印章不是申报单位公章")], "link": "http://127.0.0.1:8765/applicants/1"}]
>>> print(csv_text(rows).splitlines()[1])
A1,张伟,站,不通过,不通过,缺年度考核表,李审,2024-10-01 09:00,印章为申报单位公章：印章不是申报单位公章,http://127.0.0.1:8765/applicants/1
>>> rows[0]["decision_reason"] = '=HYPERLINK("http://x","点此")'
>>> _values(rows[0])[5].startswith("'=")
True
"""
from __future__ import annotations

import csv
import io
import json

from verify.desk.review import DECISION_NAMES_ZH, VERDICT_NAMES_ZH
from verify.model import RULE_NAMES_ZH

COLUMNS = ("编号", "申报人", "单位", "核验结论", "最终决定", "审核意见", "审核人", "决定时间", "不通过的规则及首条原因",
           "报告链接")


#: after a final decision made before the latest check changed the verdict or a reviewed finding
STALE_MARK = "（已重新核验，待复核）"


def rule_name_zh(rule: str) -> str:
    return RULE_NAMES_ZH.get(rule, rule)


def failing_rules(conn, applicant_id: int) -> list[tuple[str, str]]:
    """``(rule, first reason)`` of each rule that fails after the reviewers' decisions,
    in the report's order."""
    from verify.desk.review import findings_of

    out: dict[str, str] = {}
    for f in findings_of(conn, applicant_id):
        if f.effective == "fail" and f.rule not in out:
            out[f.rule] = f.message or ""
    return list(out.items())


def export_rows(conn, applicants, base_url: str) -> list[dict]:
    rows = []
    for a in applicants:
        rows.append({
            "key": a["key"], "name": a["name"] or "", "unit": a["unit"] or "", "verdict": a["verdict"] or "",
            "decision": a["decision"] or "", "decision_reason": a["decision_reason"] or "",
            "decision_by": a["decision_by"] or "", "decision_at": a["decision_at"] or "",
            "decision_stale": bool(a["decision"]) and bool(a["decision_stale"]),
            "failing": failing_rules(conn, a["id"]) if a["state"] == "done" else [],
            "link": f"{base_url.rstrip('/')}/applicants/{a['id']}",
            "counts": json.loads(a["counts"]) if a["counts"] else {},
        })
    return rows


def _values(row: dict, neutral: bool = True) -> list[str]:
    """The row's cells; text that a spreadsheet would run as a formula (an opinion typed
    as ``=HYPERLINK(…)``) is neutralised the way the batch summary's CSV does it (with
    ``neutral``; the XLSX marks such cells text itself: :func:`~verify.report.summary.as_text`)."""
    from verify.report.summary import neutral_cell

    at = row["decision_at"]
    at = at[:16].replace("T", " ") if at else ""
    failing = "；".join(f"{rule_name_zh(rule)}：{reason}" for rule, reason in row["failing"])
    decision = DECISION_NAMES_ZH.get(row["decision"], "未决定" if not row["decision"] else row["decision"])
    if row.get("decision_stale"):  # as the desk's list says it (待复核): HR must not take it as settled
        decision += STALE_MARK
    values = [row["key"], row["name"], row["unit"], VERDICT_NAMES_ZH.get(row["verdict"], row["verdict"] or "未核验"),
              decision,
              row["decision_reason"], row["decision_by"], at, failing]
    return [neutral_cell(v) if neutral else v for v in values] + [row["link"]]


def csv_text(rows: list[dict]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_values(row))
    return buf.getvalue()


def csv_bytes(rows: list[dict]) -> bytes:
    return ("\ufeff" + csv_text(rows)).encode("utf-8")


def xlsx_bytes(rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from verify.report.summary import as_text, xlsx_text

    book = Workbook()
    sheet = book.active
    sheet.title = "审核结果"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fills = {name: PatternFill("solid", fgColor=colour) for name, colour in (
        ("通过", "D9EAD3"), ("不通过", "F4CCCC"), ("退回补正", "FFF2CC"), ("需人工复核", "FFF2CC"), ("无法核验", "D9D9D9"))}
    link_font, wrap = Font(color="1F4E79", underline="single"), Alignment(wrap_text=True, vertical="top")
    failing = COLUMNS.index("不通过的规则及首条原因") + 1
    # rows are numbered here and cells reached by row and column: ``sheet.max_row`` and
    # ``sheet[r]`` scan every cell written so far, which made 5,000 applicants take a
    # minute of CPU (desk exploration 6, P2)
    for r, row in enumerate(rows, start=2):
        values = [xlsx_text(v) for v in _values(row, neutral=False)]  # an ESC in a name lost the workbook (hostile exploration 5, P1)
        sheet.append(values)
        for c in range(1, len(values) + 1):  # what was typed, shown as typed, never run (the ' of the CSV showed)
            as_text(sheet.cell(row=r, column=c))
        for col in (4, 5):
            fill = fills.get(values[col - 1].removesuffix(STALE_MARK))
            if values[col - 1].endswith(STALE_MARK):
                fill = fills["退回补正"]  # yellow: to look at again
            if fill:
                sheet.cell(row=r, column=col).fill = fill
        link = sheet.cell(row=r, column=len(COLUMNS))
        link.hyperlink = xlsx_text(row["link"])
        link.font = link_font
        sheet.cell(row=r, column=failing).alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    for letter, width in zip("ABCDEFGHIJ", (14, 10, 24, 11, 10, 30, 10, 17, 60, 40)):
        sheet.column_dimensions[letter].width = width
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
