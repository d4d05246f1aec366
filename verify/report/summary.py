"""The batch summary: ``summary.csv`` (UTF-8 with BOM, so Excel shows Chinese right)
and ``summary.xlsx``, one row per applicant, plus atomic file writing.

>>> row = SummaryRow("zw", "张伟", "fail", fail=1, review=2, passed=9)
>>> row.as_record()
{'key': 'zw', 'name': '张伟', 'verdict': 'fail', 'fail': 1, 'review': 2, 'pass': 9, 'error': ''}
>>> SummaryRow.from_report({"key": "zw", "applicant": {"name": "张伟"}, "verdict": "review",
...     "findings": [{"status": "review"}, {"status": "pass"}]}).as_record()["review"]
1
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("key", "name", "verdict", "fail", "review", "pass", "error")
#: Verdict of an applicant the toolkit could not check (bad metadata, crashed or hung worker).
ERROR_VERDICT = "error"
VERDICT_NAMES_ZH = {"pass": "通过", "fail": "不通过", "review": "需人工复核", ERROR_VERDICT: "无法核验"}


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

    def as_record(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "verdict": self.verdict,
            "fail": self.fail,
            "review": self.review,
            "pass": self.passed,
            "error": self.error,
        }

    @classmethod
    def from_report(cls, report: dict, **kw) -> "SummaryRow":
        """The row of an existing ``report.json`` dict."""
        counts = {"fail": 0, "review": 0, "pass": 0}
        for finding in report.get("findings") or ():
            status = finding.get("status")
            if status in counts:
                counts[status] += 1
        applicant = report.get("applicant") or {}
        return cls(
            key=str(report.get("key", "")),
            name=str(applicant.get("name") or ""),
            verdict=str(report.get("verdict", ERROR_VERDICT)),
            fail=counts["fail"],
            review=counts["review"],
            passed=counts["pass"],
            pages=len(report.get("documents") or ()),
            **kw,
        )


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


def summary_csv_text(rows: list[SummaryRow]) -> str:
    """The CSV text (without the BOM).

    >>> print(summary_csv_text([SummaryRow("a", "李娜", "error", error="缺少 name")]).strip())
    key,name,verdict,fail,review,pass,error
    a,李娜,error,0,0,0,缺少 name
    """
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.as_record())
    return buf.getvalue()


def write_summary_csv(rows: list[SummaryRow], path: Path) -> None:
    """``summary.csv``: UTF-8 with a BOM so that Excel opens the Chinese names right."""
    write_atomic(path, "\ufeff" + summary_csv_text(rows))


def write_summary_xlsx(rows: list[SummaryRow], path: Path) -> None:
    """``summary.xlsx``: the same rows, a frozen heading, verdicts coloured."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "summary"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fills = {
        "pass": PatternFill("solid", fgColor="D9EAD3"),
        "fail": PatternFill("solid", fgColor="F4CCCC"),
        "review": PatternFill("solid", fgColor="FFF2CC"),
        ERROR_VERDICT: PatternFill("solid", fgColor="D9D9D9"),
    }
    for row in rows:
        record = row.as_record()
        sheet.append([record[c] for c in COLUMNS])
        fill = fills.get(row.verdict)
        if fill is not None:
            sheet.cell(row=sheet.max_row, column=COLUMNS.index("verdict") + 1).fill = fill
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (24, 12, 10, 7, 7, 7, 60)):
        sheet.column_dimensions[letter].width = width
    buf = io.BytesIO()
    book.save(buf)
    write_atomic(path, buf.getvalue())


def write_summary(rows: list[SummaryRow], out_dir: Path) -> None:
    """Both summaries, rows sorted by key."""
    rows = sorted(rows, key=lambda r: r.key)
    write_summary_csv(rows, Path(out_dir) / "summary.csv")
    write_summary_xlsx(rows, Path(out_dir) / "summary.xlsx")
