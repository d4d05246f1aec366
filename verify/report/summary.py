"""The batch summary: ``summary.csv`` (UTF-8 with BOM, so Excel shows Chinese right)
and ``summary.xlsx``, one row per applicant, plus atomic file writing.

``summary.csv`` is for tools: its columns keep the contract's names (``key, name,
verdict, fail, review, pass, error``, DOSSIER.md and docs/CONTRACT.md) and add
``unit``, ``rules`` (the rules that failed, or when none failed the rules to review,
by their Chinese names), ``reasons`` (each such rule's first reason) and ``report``
(``<key>/report.html``, relative to the summary). ``summary.xlsx`` is for people: the
same rows under Chinese headings, verdicts in words and coloured, an auto-filter on
every column and the report as a link.

A run writes the rows it has; :func:`write_summary` with ``merge=True`` (``verify
check`` into an OUT that already has a summary) keeps the other applicants' rows and
adds or replaces its own. An error row keeps the applicant's name and unit when the
summary it replaces knew them.

>>> row = SummaryRow("zw", "张伟", "fail", fail=1, review=2, passed=9, unit="抚顺市生态环境监测站",
...                  problems=(("seal.present", "未发现印章"), ("assessment.years", "缺少 2021 年度考核表")))
>>> row.as_record()["rules"]
'材料加盖印章、近三年年度考核表齐全'
>>> row.as_record()["reasons"]
'材料加盖印章：未发现印章；近三年年度考核表齐全：缺少 2021 年度考核表'
>>> SummaryRow.from_report({"key": "zw", "applicant": {"name": "张伟"}, "verdict": "review",
...     "findings": [{"status": "review"}, {"status": "pass"}]}).as_record()["review"]
1
"""
from __future__ import annotations

import csv
import io
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from verify.model import RULE_NAMES_ZH

log = logging.getLogger(__name__)

#: The contract's columns, then the ones this toolkit adds (a tool reads them by name).
COLUMNS = ("key", "name", "verdict", "fail", "review", "pass", "error", "unit", "rules", "reasons", "report")
#: Verdict of an applicant the toolkit could not check (bad metadata, crashed or hung worker).
ERROR_VERDICT = "error"
VERDICT_NAMES_ZH = {"pass": "通过", "fail": "不通过", "review": "需人工复核", ERROR_VERDICT: "无法核验"}

#: ``summary.xlsx``: (column, Chinese heading, width), in the order a reviewer reads them.
XLSX_COLUMNS = (
    ("key", "编号", 16),
    ("name", "姓名", 10),
    ("unit", "单位", 28),
    ("verdict", "核验结论", 11),
    ("fail", "不通过项", 9),
    ("review", "需复核项", 9),
    ("pass", "通过项", 8),
    ("rules", "未通过（或需复核）的规则", 36),
    ("reasons", "各规则首条原因", 70),
    ("error", "无法核验的原因", 40),
    ("report", "核验报告", 26),
)

REPORT_HTML = "report.html"


def problems_of(report: Mapping) -> list[tuple[str, str]]:
    """The ``(rule, first reason)`` of each rule that failed, or, when none failed,
    of each rule that needs review; in the order of the findings.

    >>> problems_of({"findings": [{"rule": "seal.present", "status": "review", "message": "淡"},
    ...     {"rule": "assessment.years", "status": "fail", "message": "缺 2021"},
    ...     {"rule": "assessment.years", "status": "fail", "message": "缺 2022"}]})
    [('assessment.years', '缺 2021')]
    """
    findings = [f for f in report.get("findings") or () if isinstance(f, Mapping)]
    for status in ("fail", "review"):
        seen: dict[str, str] = {}
        for f in findings:
            if f.get("status") == status:
                seen.setdefault(str(f.get("rule") or ""), " ".join(str(f.get("message") or "").split()))
        if seen:
            return list(seen.items())
    return []


def rule_names_zh(problems: Iterable[tuple[str, str]]) -> str:
    """
    >>> rule_names_zh([("assessment.years", "x"), ("seal.unit", "y"), ("new.rule", "z")])
    '近三年年度考核表齐全、印章为申报单位公章、new.rule'
    """
    return "、".join(RULE_NAMES_ZH.get(rule, rule) for rule, _ in problems)


def reasons_zh(problems: Iterable[tuple[str, str]]) -> str:
    """
    >>> reasons_zh([("seal.unit", "印文为其他单位"), ("identity.name", "")])
    '印章为申报单位公章：印文为其他单位；材料所载姓名与申报人一致'
    """
    return "；".join(f"{RULE_NAMES_ZH.get(rule, rule)}：{reason}" if reason else RULE_NAMES_ZH.get(rule, rule)
                    for rule, reason in problems)


@dataclass
class SummaryRow:
    """One applicant in ``summary.csv``. ``verdict`` is pass | fail | review | error."""

    key: str
    name: str = ""
    verdict: str = ERROR_VERDICT
    fail: int = 0
    review: int = 0
    passed: int = 0
    error: str = ""
    # not written to the summary; what the batch runner measured
    pages: int = 0
    seconds: float = 0.0
    skipped: bool = False  # reused from an earlier run
    peak_rss_kb: int = 0
    extra: dict = field(default_factory=dict)
    # written to the summary after the contract's columns
    unit: str = ""
    problems: tuple[tuple[str, str], ...] = ()  # (rule, first reason): see problems_of
    report: str = ""  # report.html relative to OUT ('<key>/report.html'); empty when there is none

    def as_record(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "verdict": self.verdict,
            "fail": self.fail,
            "review": self.review,
            "pass": self.passed,
            "error": self.error,
            "unit": self.unit,
            "rules": rule_names_zh(self.problems),
            "reasons": reasons_zh(self.problems),
            "report": self.report,
        }

    @classmethod
    def from_report(cls, report: dict, **kw) -> "SummaryRow":
        """The row of an existing ``report.json`` dict; ``kw`` sets or overrides fields."""
        counts = {"fail": 0, "review": 0, "pass": 0}
        for finding in report.get("findings") or ():
            status = finding.get("status") if isinstance(finding, Mapping) else None
            if status in counts:
                counts[status] += 1
        applicant = report.get("applicant") or {}
        if not isinstance(applicant, Mapping):
            applicant = {}
        key = str(report.get("key", ""))
        values = dict(
            key=key,
            name=str(applicant.get("name") or ""),
            verdict=str(report.get("verdict", ERROR_VERDICT)),
            fail=counts["fail"],
            review=counts["review"],
            passed=counts["pass"],
            pages=len(report.get("documents") or ()),
            unit=str(applicant.get("unit") or ""),
            problems=tuple(problems_of(report)),
            report=f"{key}/{REPORT_HTML}" if key else "",
        )
        values.update(kw)
        return cls(**values)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one,
    never a half-written one (temporary file in the same folder, then ``os.replace``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: A cell starting with one of these is a formula to Excel, LibreOffice and WPS (OWASP,
#: "CSV Injection"); full-width forms too, which some spreadsheet programs accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


#: characters that turn the direction of the text after them, shown as report.html shows them (``[U+202E]``): a
#: finding's reason quotes a page's text (a PDF's text layer may carry them), and a spreadsheet cell of
#: 「印章文字为「\u202e…」」 shows its words reversed (hostile exploration 12)
_DIRECTION_MARKS = {c: f"[U+{c:04X}]" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


def xlsx_text(value):
    r"""``value`` as an XLSX cell can hold it: the control characters that no worksheet
    takes (openpyxl refused them, and one ESC in a zip member's name lost the batch's
    summary.xlsx: hostile exploration 5, P1) shown escaped, as ``\x1b``; a line break
    and a tab stay. Other values are unchanged.

    >>> xlsx_text("内\x1b层.zip"), xlsx_text("第一行\n第二行"), xlsx_text(3), xlsx_text("\u202e局")
    ('内\\x1b层.zip', '第一行\n第二行', 3, '[U+202E]局')
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    value = value.translate(_DIRECTION_MARKS)
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def as_text(cell) -> None:
    """An XLSX cell holding text kept text, never a formula (openpyxl makes ``=…`` one):
    a string cell, its formula-like start marked with Excel's own quote prefix, so the
    cell shows what was written (a leading ``'`` would be shown as part of it)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def neutral_cell(value):
    """A cell value that no spreadsheet evaluates: text starting like a formula gets a
    leading ``'`` (OWASP's advice); numbers and other text are unchanged.

    >>> neutral_cell('=1+1'), neutral_cell("张伟"), neutral_cell(-3), neutral_cell("印章「\u202e局境环」")
    ("'=1+1", '张伟', -3, '印章「[U+202E]局境环」')
    """
    if isinstance(value, str):
        value = value.translate(_DIRECTION_MARKS)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def plain_cell(value: str) -> str:
    """The value :func:`neutral_cell` was given, from the text it wrote.

    >>> plain_cell("'=1+1"), plain_cell("'quoted"), plain_cell("张伟")
    ('=1+1', "'quoted", '张伟')
    """
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def summary_csv_text(records: Iterable[SummaryRow | Mapping]) -> str:
    """The CSV text (without the BOM), from rows or their records.

    >>> print(summary_csv_text([SummaryRow("a", "李娜", "error", error="缺少 name")]).strip())
    key,name,verdict,fail,review,pass,error,unit,rules,reasons,report
    a,李娜,error,0,0,0,缺少 name,,,,
    """
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for record in records:
        record = record.as_record() if isinstance(record, SummaryRow) else record
        writer.writerow({k: neutral_cell(record.get(k, "")) for k in COLUMNS})
    return buf.getvalue()


def read_summary_csv(path: Path) -> list[dict]:
    """The records of an existing ``summary.csv`` (any version: missing columns are
    empty), as they were before :func:`neutral_cell`; ``[]`` when it is absent or
    unreadable (then it is rewritten from this run's rows)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("cannot read %s (%s); it is rewritten from this run's rows", path, exc)
        return []
    try:
        records = []
        for raw in csv.DictReader(io.StringIO(text, newline="")):
            record = {k: plain_cell(str(raw.get(k) or "")) for k in COLUMNS}
            if record["key"]:
                records.append(record)
        return records
    except csv.Error as exc:
        log.warning("cannot read %s (%s); it is rewritten from this run's rows", path, exc)
        return []


def write_summary_csv(records: Iterable[SummaryRow | Mapping], path: Path) -> None:
    """``summary.csv``: UTF-8 with a BOM so that Excel opens the Chinese names right."""
    write_atomic(path, "\ufeff" + summary_csv_text(records))


def _number(value):
    """Counts read back from a CSV are numbers again."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def summary_xlsx_bytes(records: Iterable[SummaryRow | Mapping],
                       columns: Iterable[tuple[str, str, float]] = XLSX_COLUMNS, title: str = "核验汇总") -> bytes:
    """An XLSX workbook of ``records`` under Chinese headings (``columns``: key,
    heading, width): frozen heading, auto-filter, verdicts in words and coloured, the
    ``report`` column a relative link. Every text cell is text, never a formula. The
    desk's export is a workbook of its own (:func:`verify.desk.export.xlsx_bytes`:
    decisions, reviewers, fills by decision)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = list(columns)
    keys = [c[0] for c in columns]
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append([heading for _, heading, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    fills = {
        "pass": PatternFill("solid", fgColor="D9EAD3"),
        "fail": PatternFill("solid", fgColor="F4CCCC"),
        "review": PatternFill("solid", fgColor="FFF2CC"),
        ERROR_VERDICT: PatternFill("solid", fgColor="D9D9D9"),
    }
    top = Alignment(vertical="top", wrap_text=True)
    row = 1
    # rows are numbered here and cells reached by row and column: ``sheet.max_row`` and
    # ``sheet[row]`` scan every cell written so far (the desk's export took a minute for
    # 5,000 applicants so: desk exploration 6)
    for row, record in enumerate(records, start=2):
        record = record.as_record() if isinstance(record, SummaryRow) else record
        verdict = str(record.get("verdict") or "")
        values = []
        for key in keys:
            value = _number(record.get(key, ""))
            if key == "verdict":
                value = VERDICT_NAMES_ZH.get(verdict, verdict)
            values.append("" if value is None else xlsx_text(value))
        sheet.append(values)
        for column in range(1, len(values) + 1):
            cell = sheet.cell(row=row, column=column)
            as_text(cell)
            cell.alignment = top
        if "verdict" in keys and verdict in fills:
            sheet.cell(row=row, column=keys.index("verdict") + 1).fill = fills[verdict]
        if "report" in keys and record.get("report"):
            cell = sheet.cell(row=row, column=keys.index("report") + 1)
            # relative to the workbook's folder, and always read so: a folder named
            # https:evil.example made the link an external URL (probe alt23 F22)
            cell.hyperlink = "./" + xlsx_text(str(record["report"]))
            cell.font = Font(color="0563C1", underline="single")
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(row, 2)}"
    for i, (_, _, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def write_summary_xlsx(records: Iterable[SummaryRow | Mapping], path: Path) -> None:
    """``summary.xlsx``: :func:`summary_xlsx_bytes`, written atomically."""
    write_atomic(path, summary_xlsx_bytes(records))


def _with_report_link(row: SummaryRow, out_dir: Path) -> SummaryRow:
    """The row names its report when ``OUT/<key>/report.html`` exists, and only then."""
    path = Path(out_dir) / row.key / REPORT_HTML
    report = f"{row.key}/{REPORT_HTML}" if row.key and path.is_file() else ""
    return row if row.report == report else replace(row, report=report)


def write_summary(rows: list[SummaryRow], out_dir: Path, *, merge: bool = False) -> list[str]:
    """Both summaries, rows sorted by key. Returns what could not be written, one
    Chinese line each (empty when both were): neither summary's failure loses the other
    or the reports (an ESC in one zip's name lost summary.xlsx, and the run ended in a
    traceback: hostile exploration 5, P1).

    ``merge``: keep the rows of the summary already in ``out_dir`` whose keys this run
    did not check (``verify check`` adds or replaces one applicant's row). Either way,
    an error row without a name or unit takes them from the row it replaces.
    """
    out_dir = Path(out_dir)
    previous = {r["key"]: r for r in read_summary_csv(out_dir / "summary.csv")}
    records: dict[str, dict] = {}
    for row in rows:
        row = _with_report_link(row, out_dir)
        record = row.as_record()
        old = previous.get(row.key)
        if old is not None and row.verdict == ERROR_VERDICT:
            for key in ("name", "unit"):
                record[key] = record[key] or old.get(key, "")
        records[row.key] = record
    if merge:
        for key, old in previous.items():
            records.setdefault(key, old)
    ordered = [records[key] for key in sorted(records)]
    problems = []
    for name, write in (("summary.csv", write_summary_csv), ("summary.xlsx", write_summary_xlsx)):
        try:
            write(ordered, out_dir / name)
        except Exception as exc:  # the last line of defence: the reports are written already
            log.error("writing %s failed", name, exc_info=True)
            from ocr.errors import os_reason

            reason = os_reason(exc, writing=True) if isinstance(exc, OSError) else type(exc).__name__
            problems.append(f"{name} 写入失败（{reason}）；各申报人的报告已保存，处理后重新运行即可补写汇总表")
    return problems
