"""A roster spreadsheet (CSV or XLSX) that replaces the ``applicant.yaml`` files of a batch.

One row per applicant; the column ``key`` names the applicant's folder (or ``.zip``
without the suffix). The other columns use the YAML field names of DOSSIER.md:
nested fields are dotted (``current_title.date``) and lists are ``;``-separated
(``unit_aliases``; ``papers.title`` / ``papers.issn`` ... are zipped position by
position into the list of papers; ``papers.2.title`` names the second paper).
Each row becomes the dict that :func:`verify.applicant.parse_applicant` reads.

>>> row_to_data({"key": "zw", "name": " 张伟 ", "current_title.date": "2019-06-30",
...              "current_title.name": "助理工程师", "unit_aliases": "甲站；乙站",
...              "papers.title": "论文一;论文二", "papers.issn": "1674-1021;",
...              "awards.1.title": "科技进步奖", "awards.1.date": "2021-12", "level": ""})
... # doctest: +NORMALIZE_WHITESPACE
{'name': '张伟', 'current_title': {'date': '2019-06-30', 'name': '助理工程师'},
 'unit_aliases': ['甲站', '乙站'],
 'papers': [{'title': '论文一', 'issn': '1674-1021'}, {'title': '论文二'}],
 'awards': [{'title': '科技进步奖', 'date': '2021-12'}]}
>>> cell_text(20190630.0), cell_text(2022.0), cell_text(None)
('20190630', '2022', '')
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from verify.model import Applicant

logger = logging.getLogger(__name__)

KEY_COLUMN = "key"
#: Fields holding a list of texts.
TEXT_LIST_FIELDS = frozenset({"unit_aliases"})
#: Fields holding a list of records (a list of dicts after parsing).
RECORD_LIST_FIELDS = frozenset({"papers", "awards"})
#: Chinese headings HR offices tend to write, mapped to the YAML field names.
HEADING_ALIASES = {
    "编号": "key",
    "文件夹": "key",
    "姓名": "name",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "单位": "unit",
    "工作单位": "unit",
    "申报单位": "unit",
    "单位别名": "unit_aliases",
    "单位性质": "unit_kind",
    "专业": "specialty",
    "申报专业": "specialty",
    "申报级别": "level",
    "现职称": "current_title.name",
    "现职称取得时间": "current_title.date",
    "评审批次": "campaign",
}
from verify.applicant import UNIT_KIND_ALIASES  # noqa: E402  one table for YAML and rosters


class RosterError(Exception):
    """The roster file cannot be read at all (the message says why, in Chinese)."""


@dataclass(frozen=True)
class RosterEntry:
    """One roster row: the parsed applicant, or why its row is wrong."""

    key: str
    row: int  # 1-based spreadsheet row (the heading is row 1)
    applicant: Applicant | None = None
    error: str | None = None


def cell_text(value) -> str:
    """A spreadsheet cell as text: Excel numbers lose their ``.0``, dates become ISO."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("；", ";").split(";")]


def row_to_data(row: dict[str, str]) -> dict:
    """One roster row (heading -> cell text) as the nested dict of ``applicant.yaml``.

    Empty cells are left out, so a missing required field reads as missing.
    """
    data: dict = {}
    records: dict[str, dict[int, dict]] = {}
    for heading, raw in row.items():
        if heading is None:
            continue
        name = HEADING_ALIASES.get(heading.strip(), heading.strip())
        text = cell_text(raw)
        if name == KEY_COLUMN or not name or not text:
            continue
        head, _, rest = name.partition(".")
        if head in RECORD_LIST_FIELDS and rest:
            index, _, sub = rest.partition(".")
            if index.isdigit() and sub:  # papers.2.title
                records.setdefault(head, {}).setdefault(int(index) - 1, {})[sub] = text
            else:  # papers.title: one value per record, ';'-separated
                for i, part in enumerate(_split(text)):
                    if part:
                        records.setdefault(head, {}).setdefault(i, {})[rest] = part
        elif head in TEXT_LIST_FIELDS and not rest:
            data[head] = [part for part in _split(text) if part]
        elif rest:
            data.setdefault(head, {})
            if isinstance(data[head], dict):
                data[head][rest] = text
        else:
            data[head] = UNIT_KIND_ALIASES.get(text, text) if head == "unit_kind" else text
    for head, by_index in records.items():
        data[head] = [by_index[i] for i in sorted(by_index)]
    return data


def _read_csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise RosterError(f"{path.name}：无法识别文件编码，请另存为 UTF-8 CSV")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    rows = list(reader)
    return list(reader.fieldnames or ()), rows


def _read_xlsx_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise RosterError(f"{path.name}：不是有效的 Excel（.xlsx）文件（{type(exc).__name__}）") from None
    try:
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
    while rows and not any(cell_text(c) for c in rows[0]):
        rows.pop(0)
    if not rows:
        return [], []
    headings = [cell_text(c) for c in rows[0]]
    out = []
    for values in rows[1:]:
        out.append({h: v for h, v in zip(headings, values) if h})
    return headings, out


def read_roster_rows(path: Path) -> list[dict]:
    """The rows of a CSV or XLSX roster as dicts (heading -> cell value)."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"找不到名册文件 {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        headings, rows = _read_xlsx_rows(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        headings, rows = _read_csv_rows(path)
    else:
        raise RosterError(f"{path.name}：名册应为 CSV 或 XLSX 文件")
    if KEY_COLUMN not in {HEADING_ALIASES.get(str(h).strip(), str(h).strip()) for h in headings if h}:
        raise RosterError(f"{path.name}：名册缺少 key 列（申报人材料文件夹名）")
    return rows


def _id_number_stored_as_number(row: dict) -> bool:
    """Excel keeps 15 significant digits: an 18-digit ID typed into a number cell is lost."""
    for heading, value in row.items():
        if heading and HEADING_ALIASES.get(str(heading).strip(), str(heading).strip()) == "id_number":
            if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15:
                return True
    return False


def load_roster(path: Path) -> dict[str, RosterEntry]:
    """Every applicant of the roster by key. A bad row is an entry with ``error`` set
    (that applicant gets an error row in the summary); a bad file raises :class:`RosterError`."""
    from verify.applicant import MetadataError, parse_applicant

    path = Path(path)
    entries: dict[str, RosterEntry] = {}
    for number, row in enumerate(read_roster_rows(path), start=2):
        key = ""
        for heading, value in row.items():
            if heading and HEADING_ALIASES.get(str(heading).strip(), str(heading).strip()) == KEY_COLUMN:
                key = cell_text(value)
        data = row_to_data({str(h): v for h, v in row.items() if h})
        if not key:
            if data:
                logger.warning("%s row %d has no key; ignored", path.name, number)
            continue
        source = f"{path.name} 第 {number} 行（{key}）"
        if _id_number_stored_as_number(row):
            entries[key] = RosterEntry(key, number, error=f"{source}：身份证号被 Excel 存成了数字，后几位已丢失；"
                                                          "请将该列设为文本格式后重新填写")
            continue
        if key in entries:
            entries[key] = RosterEntry(key, number, error=f"{source}：key 与第 {entries[key].row} 行重复")
            continue
        try:
            entries[key] = RosterEntry(key, number, applicant=parse_applicant(data, source))
        except MetadataError as exc:
            entries[key] = RosterEntry(key, number, error=str(exc))
    return entries
