"""The export for HR: one row per applicant with the tool's verdict, the final decision,
who made it, the failing rules by name with their first reason, those still to review
(a 需人工复核 row said nothing of what was to be looked at), and the link to the
applicant's page at the desk. XLSX (auto-filter, frozen heading) and CSV (UTF-8 with
a BOM, so Excel shows the Chinese right).

>>> rows = [{"key": "A1", "name": "张伟", "unit": "站", "verdict": "fail", "decision": "reject",
...          "decision_reason": "缺年度考核表", "decision_by": "李审", "decision_at": "2024-10-01T09:00:00+08:00",
...          "failing": [("seal.unit", "印章不是申报单位公章")], "link": "http://127.0.0.1:8765/applicants/1"}]
>>> print(csv_text(rows).splitlines()[1])
A1,张伟,站,不通过,不通过,缺年度考核表,李审,2024-10-01 09:00,印章为申报单位公章：印章不是申报单位公章,,http://127.0.0.1:8765/applicants/1
>>> rows[0]["decision_reason"] = '=HYPERLINK("http://x","点此")'
>>> _values(rows[0])[5].startswith("'=")
True
"""
from __future__ import annotations

import csv
import io
import json
import re

from verify.desk.review import DECISION_NAMES_ZH, VERDICT_NAMES_ZH
from verify.model import RULE_NAMES_ZH, WHOLE_DOSSIER_ZH, page_label, place_label

COLUMNS = ("编号", "申报人", "单位", "核验结论", "最终决定", "审核意见", "审核人", "决定时间", "不通过的规则及首条原因",
           "需复核的规则及首条原因", "报告链接")


#: after a final decision made before the latest check changed the verdict or a reviewed finding, or
#: before a finding decision changed what a finding counts as
STALE_MARK = "（作出决定后有变化，待复核）"


def key_order(key: str | None) -> tuple:
    """Where an applicant's key (编号) sorts in the exports: its runs of digits as numbers
    (2 before 10, as a roster's 1, 2, … 10), the rest as text.

    >>> sorted(["A2024-010", "10", "A2024-003", "2", "a2024-004", "", "A2024-0031"], key=key_order)
    ['', '2', '10', 'A2024-003', 'a2024-004', 'A2024-010', 'A2024-0031']
    """
    parts = re.split(r"(\d+)", key or "")
    return tuple((0, int(p), p) if p.isdigit() else (1, 0, p.casefold()) for p in parts if p) + ((-1, 0, key or ""),)


def by_key(applicants) -> list:
    """``applicants`` (rows with ``key``) in the order of their keys: the exports' rows
    followed the list's order (as uploaded), and two exports of one desk did not compare
    row by row."""
    return sorted(applicants, key=lambda r: (key_order(r["key"]), r["id"]))


def rule_name_zh(rule: str) -> str:
    return RULE_NAMES_ZH.get(rule, rule)


def failing_rules(conn, applicant_id: int, status: str = "fail", findings=None) -> list[tuple[str, str, str]]:
    """``(rule, first reason, where)`` of each rule that fails (or is ``status``) after the
    reviewers' decisions, in the report's order (``where``: the file and page of that reason);
    ``findings``: the applicant's (:func:`verify.desk.review.findings_of`), when read already."""
    from verify.desk.review import findings_of

    out: dict[str, tuple[str, str, str]] = {}
    for f in findings if findings is not None else findings_of(conn, applicant_id):
        if f.effective == status and f.rule not in out:
            where = place_label(f.file, f.page, f.data.get("part")) if f.file else ""
            out[f.rule] = (f.rule, f.message or "", where)
    return list(out.values())


#: the columns of the finding decisions' sheet and CSV (逐项复核决定)
DECISION_COLUMNS = ("编号", "申报人", "规则", "规则编号", "文件", "页", "机器核验结果", "复核决定", "复核后结果", "理由",
                    "审核人", "决定时间", "说明", "报告链接")
STALE_NOTE = "已过期：重新核验后该项结果已变化、已不存在或所在文件已更换，需重新决定"


def note_of(d) -> str:
    """The 说明 of a finding decision's row: stale, or carried from an earlier check (as
    its card says: a decision made before a 补交 on a finding that reads the same).

    >>> note_of({"stale": 0, "carried_from": 1})
    '沿用第 1 次核验时的决定（此后重新核验，该项结果未变）'
    >>> note_of({"stale": 0, "carried_from": None})
    ''
    """
    if d["stale"]:
        return STALE_NOTE
    if d["carried_from"]:
        return f"沿用第 {d['carried_from']} 次核验时的决定（此后重新核验，该项结果未变）"
    return ""


def decision_rows(conn, applicants, base_url: str) -> list[list[str]]:
    """One row per finding decision of ``applicants`` (their order, then the report's):
    which finding (rule in Chinese and its ID, file, page), what the tool found, the
    decision and the result after it, the reason, who decided and when; a decision gone
    stale in a recheck is listed, said to be stale."""
    from verify.desk import review
    from verify.desk.review import ACTION_NAMES_ZH, STATUS_NAMES_ZH, effective_status

    base = base_url.rstrip("/")
    out = []
    for a in applicants:
        for d in conn.execute(
                "SELECT d.*, f.position FROM decisions d LEFT JOIN findings f ON f.id = d.finding_id"
                " WHERE d.applicant_id = ? ORDER BY d.stale, f.position, d.id", (a["id"],)):
            status = d["finding_status"]
            link = f"{base}/applicants/{a['id']}" + ("" if d["stale"] else f"#finding-{d['finding_id']}")
            out.append([a["key"], a["name"] or "", rule_name_zh(d["rule"]), d["rule"], d["file"] or WHOLE_DOSSIER_ZH,
                        page_label(d["page"], review.part_of_ident(d["ident"])), STATUS_NAMES_ZH.get(status, status),
                        ACTION_NAMES_ZH.get(d["action"], d["action"]),
                        STATUS_NAMES_ZH.get(effective_status(status, d["action"]), ""), d["reason"] or "",
                        d["user_name"], (d["at"] or "")[:16].replace("T", " "), note_of(d), link])
    return out


def export_rows(conn, applicants, base_url: str) -> list[dict]:
    from verify.desk.review import findings_of

    rows = []
    for a in applicants:
        # read once for both columns: twice, 5,000 applicants took 7 s to export
        findings = findings_of(conn, a["id"]) if a["state"] == "done" else []
        rows.append({
            "key": a["key"], "name": a["name"] or "", "unit": a["unit"] or "", "verdict": a["verdict"] or "",
            "decision": a["decision"] or "", "decision_reason": a["decision_reason"] or "",
            "decision_by": a["decision_by"] or "", "decision_at": a["decision_at"] or "",
            "decision_stale": bool(a["decision"]) and bool(a["decision_stale"]),
            "failing": failing_rules(conn, a["id"], findings=findings) if a["state"] == "done" else [],
            "reviewing": failing_rules(conn, a["id"], "review", findings=findings) if a["state"] == "done" else [],
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
    def listed(rules) -> str:
        return "；".join(f"{rule_name_zh(rule)}：{reason}" + (f"（{where[0]}）" if where and where[0] else "")
                        for rule, reason, *where in rules)

    failing, reviewing = listed(row["failing"]), listed(row.get("reviewing", ()))
    decision = DECISION_NAMES_ZH.get(row["decision"], "未决定" if not row["decision"] else row["decision"])
    if row.get("decision_stale"):  # as the desk's list says it (待复核): HR must not take it as settled
        decision += STALE_MARK
    values = [row["key"], row["name"], row["unit"], VERDICT_NAMES_ZH.get(row["verdict"], row["verdict"] or "未核验"),
              decision,
              row["decision_reason"], row["decision_by"], at, failing, reviewing]
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


def decisions_csv_bytes(rows: list[list[str]]) -> bytes:
    """:func:`decision_rows` as CSV (UTF-8 with a BOM; text a spreadsheet would run, neutralised)."""
    from verify.report.summary import neutral_cell

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(DECISION_COLUMNS)
    for row in rows:
        writer.writerow([neutral_cell(v) for v in row[:-1]] + [row[-1]])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[dict], decisions: list[list[str]] | None = None) -> bytes:
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
        sheet.cell(row=r, column=failing + 1).alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    for letter, width in zip("ABCDEFGHIJK", (14, 10, 24, 11, 10, 30, 10, 17, 60, 50, 40)):
        sheet.column_dimensions[letter].width = width
    if decisions is not None:  # each finding decision: 逐项复核决定
        sheet = book.create_sheet("逐项复核决定")
        sheet.append(list(DECISION_COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(decisions, start=2):
            values = [xlsx_text(v) for v in row]
            sheet.append(values)
            for c in range(1, len(values)):
                as_text(sheet.cell(row=r, column=c))
            link = sheet.cell(row=r, column=len(DECISION_COLUMNS))
            link.hyperlink = values[-1]
            link.font = link_font
            if values[DECISION_COLUMNS.index("说明")]:
                sheet.cell(row=r, column=DECISION_COLUMNS.index("说明") + 1).fill = fills["退回补正"]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(DECISION_COLUMNS))}{len(decisions) + 1}"
        for letter, width in zip("ABCDEFGHIJKLMN", (14, 10, 20, 18, 30, 14, 11, 11, 10, 30, 10, 17, 24, 40)):
            sheet.column_dimensions[letter].width = width
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
