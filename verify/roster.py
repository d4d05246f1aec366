"""A roster spreadsheet (CSV or XLSX) that replaces the ``applicant.yaml`` files of a batch.

One row per applicant; the column ``key`` names the applicant's folder (or ``.zip``
without the suffix). The other columns use the YAML field names of DOSSIER.md:
nested fields are dotted (``current_title.date``) and lists are ``;``-separated
(``unit_aliases``; ``papers.title`` / ``papers.issn`` ... are zipped position by
position into the list of papers; ``papers.2.title`` names the second paper).
Each row becomes the dict that :func:`verify.applicant.parse_applicant` reads.

What the reviewer sees is what is read, or the roster is refused: two columns for one
field, a hidden column naming a field, or several sheets that could each be the roster
are errors (one value was taken silently: hostile exploration 4 P2); a workbook is read
from its one visible sheet with a ``key`` column; a formula in a field's column makes
its row an error (its cached value may be stale, or missing where the file was not
written by Excel), and so does a row Excel hides (by hand or by a filter). A column for
a whole field beside one for a part of it (``current_title`` and ``current_title.name``)
is refused too. An Excel date serial (43622) in a date column is the date it stands for;
a date cell is as precise as its format shows it (``yyyy-mm``: a month). An ID Excel cut
to 15 digits (a number cell, 2.10411E+17 or ``...000`` in a CSV) is its row's error. A
two-row heading (现职称 over 名称 | 取得时间) is read; a row without a key adds its papers
and awards to the applicant above, or refuses the roster; a totals row (合计) is skipped.

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
import re
import unicodedata
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
from verify.applicant import KEY_ALIASES, UNIT_KIND_ALIASES  # noqa: E402  one table for YAML and rosters

#: the fields a column can fill (others are left to the reviewer: 序号, 备注 ...)
KNOWN_FIELDS = frozenset({KEY_COLUMN, *KEY_ALIASES.values()})
#: what a formula cell's row says: its value is not read
FORMULA_FIX = "名册不读取公式的计算结果（可能未计算或已过期），请将公式转为数值（复制后“选择性粘贴—数值”）后重新导入"


class RosterError(Exception):
    """The roster file cannot be read at all (the message says why, in Chinese)."""


@dataclass(frozen=True)
class RosterEntry:
    """One roster row: the parsed applicant, or why its row is wrong."""

    key: str
    row: int  # 1-based spreadsheet row (the heading is row 1)
    applicant: Applicant | None = None
    error: str | None = None


@dataclass(frozen=True)
class Formula:
    """An XLSX cell holding a formula: where it is and the value Excel last cached
    (``None`` where none was saved, as openpyxl and pandas write them)."""

    cell: str
    cached: object = None


def field_of(heading) -> str:
    """The field a roster heading fills, as :func:`verify.applicant.parse_applicant`
    will read it (the roster's own headings, then the Chinese keys of ``applicant.yaml``).

    >>> field_of("姓名"), field_of("name"), field_of("申报人"), field_of("现职称"), field_of("编号"), field_of("序号")
    ('name', 'name', 'name', 'current_title.name', 'key', '序号')
    """
    text = str(heading).strip()
    name = HEADING_ALIASES.get(text, text)
    if name == KEY_COLUMN:
        return name
    head, dot, rest = name.partition(".")
    head = head.rstrip(":：").strip()
    head = KEY_ALIASES.get(head) or KEY_ALIASES.get(head.upper()) or head.lower()
    return head + dot + rest


def _known(field: str) -> bool:
    return field.partition(".")[0] in KNOWN_FIELDS


def column_name(index: int, xlsx: bool) -> str:
    """A column as the reviewer finds it: Excel's letter, or its position in a CSV.

    >>> column_name(9, True), column_name(9, False)
    ('J 列', '第 10 列')
    """
    if xlsx:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(index + 1)} 列"
    return f"第 {index + 1} 列"


def check_headings(name: str, headings: list[str], xlsx: bool) -> None:
    """Refuse two columns that fill one field: which one counted was the reader's choice
    (``姓名`` and ``name`` side by side, a heading given twice).

    >>> check_headings("r.csv", ["key", "姓名", "unit", "name"], False)
    Traceback (most recent call last):
    ...
    verify.roster.RosterError: r.csv：「姓名」列（第 2 列）与「name」列（第 4 列）都填写 name（姓名），无法确定以哪一列为准，请删除或改名其中一列
    >>> check_headings("r.csv", ["key", "备注", "备注", "name"], False)
    >>> check_headings("r.csv", ["key", "current_title", "现职称"], False)
    Traceback (most recent call last):
    ...
    verify.roster.RosterError: r.csv：「current_title」列（第 2 列）填写整个 current_title，「现职称」列（第 3 列）又填写其中的 current_title.name，无法确定以哪一列为准；请删除「current_title」列，只用分项的列（如「现职称」）
    """
    seen: dict[str, int] = {}
    for index, heading in enumerate(headings):
        if not heading:
            continue
        field = field_of(heading)
        if not _known(field):
            continue
        if field in seen:
            first = seen[field]
            zh = next((k for k, v in HEADING_ALIASES.items() if v == field), "")
            raise RosterError(f"{name}：「{headings[first]}」列（{column_name(first, xlsx)}）与「{heading}」列"
                              f"（{column_name(index, xlsx)}）都填写 {field}{f'（{zh}）' if zh else ''}，无法确定以哪一列为准，"
                              "请删除或改名其中一列")
        seen[field] = index
    for field, index in seen.items():  # current_title beside current_title.name: one was dropped
        part = next((other for other in seen if other.startswith(field + ".")), None)
        if part is not None:
            other = seen[part]
            raise RosterError(f"{name}：「{headings[index]}」列（{column_name(index, xlsx)}）填写整个 {field}，"
                              f"「{headings[other]}」列（{column_name(other, xlsx)}）又填写其中的 {part}，"
                              f"无法确定以哪一列为准；请删除「{headings[index]}」列，只用分项的列（如「{headings[other]}」）")


def _sub_fields() -> dict[str, dict[str, str]]:
    """The parts of each record field by the headings a sheet gives them (名称, 取得时间 ...)."""
    from verify.applicant import AWARD_KEY_ALIASES, PAPER_KEY_ALIASES, TITLE_KEY_ALIASES

    parts = {"current_title": (TITLE_KEY_ALIASES, ("name", "date")),
             "papers": (PAPER_KEY_ALIASES, ("title", "journal", "issn", "cn", "date")),
             "awards": (AWARD_KEY_ALIASES, ("title", "date"))}
    return {field: {**{p: p for p in own}, **aliases} for field, (aliases, own) in parts.items()}


def sub_headings(headings: list[str], below: list) -> tuple[list[str], int]:
    """The headings of a two-row heading (现职称 merged over 名称 | 取得时间) and ``1``, the
    row below them it used; else the headings and ``0``. The row below is a heading's where its key cell blank, its texts each a part of the record field
    above it (or of the nearest heading to its left, where a merged cell leaves it blank).
    Each column is then named by its field (``current_title.date``); one the row below
    leaves blank keeps its heading. A lone ``取得时间`` right of a 现职称 column is the title's.

    >>> sub_headings(["key", "姓名", "现职称", "", "论文", ""], ["", "", "名称", "取得时间", "题目", "期刊"])
    (['key', '姓名', 'current_title.name', 'current_title.date', 'papers.title', 'papers.journal'], 1)
    >>> sub_headings(["key", "现职称", ""], ["a1", "工程师", "2019-06-06"])
    (['key', '现职称', ''], 0)
    >>> sub_headings(["key", "现职称", "取得时间"], [])
    (['key', '现职称', 'current_title.date'], 0)
    """
    parts = _sub_fields()
    below = [cell_text(v) for v in below] + [""] * (len(headings) - len(below))
    out, parent, found = [], "", not any(field_of(h) == KEY_COLUMN and below[i] for i, h in enumerate(headings) if h)
    for heading, sub in zip(headings, below):
        parent = field_of(heading).partition(".")[0] if heading else parent
        sub_field = parts.get(parent, {}).get(sub.strip())
        found = found and not (sub and sub_field is None)
        out.append(f"{parent}.{sub_field}" if sub else heading)
    if found and any(below):
        return out, 1
    # one row: a 取得时间 column right of the 现职称 one (the title's name) is the title's date
    lone = [f"current_title.{parts['current_title'][h.strip()]}" if i and not _known(field_of(h))
            and field_of(headings[i - 1]) == "current_title.name" and parts["current_title"].get(h.strip()) == "date"
            else h for i, h in enumerate(headings)]
    return lone, 0


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


#: the dates a roster's date column holds (an Excel serial outside them is left as typed)
SERIAL_DATE_YEARS = (1950, 2099)


def is_date_field(field: str) -> bool:
    """Whether a field (:func:`field_of`) holds a date.

    >>> is_date_field("current_title.date"), is_date_field("papers.2.date"), is_date_field("name")
    (True, True, False)
    """
    return field.rpartition(".")[2] == "date"


def date_columns(headings: list[str]) -> set[int]:
    """The indexes of the headings whose field holds a date (:func:`is_date_field`).

    >>> sorted(date_columns(["key", "current_title.date", "", "papers.1.date"]))
    [1, 3]
    """
    return {i for i, h in enumerate(headings) if h and is_date_field(field_of(h))}


def serial_date(value, epoch: _dt.datetime | None = None) -> _dt.date | None:
    """The date an Excel serial number stands for (a date column's cell in the General
    format shows 43622 for 2019-06-06; it was refused as 日期 '43622' 无法识别: hostile
    exploration 4, P5): a whole number, or its digits, of five figures within
    :data:`SERIAL_DATE_YEARS`, counted from the workbook's ``epoch`` (1900 by default; a
    Mac workbook may count from 1904). Anything else is ``None`` (20190606, 2019 and
    2019-06 are read as the dates they spell).

    >>> serial_date(43622), serial_date("43622"), serial_date(43622.0), serial_date(20190606), serial_date("2019")
    (datetime.date(2019, 6, 6), datetime.date(2019, 6, 6), datetime.date(2019, 6, 6), None, None)
    >>> serial_date(43622.5), serial_date(True), serial_date(99999)
    (None, None, None)
    """
    from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or not 10_000 <= value <= 99_999:
        return None
    try:
        date = from_excel(value, epoch or WINDOWS_EPOCH).date()
    except (ValueError, OverflowError):
        return None
    return date if SERIAL_DATE_YEARS[0] <= date.year <= SERIAL_DATE_YEARS[1] else None


def shown_date(value, number_format: str):
    """A date cell as precise as its format shows it: a cell formatted ``yyyy-mm`` (or
    ``yyyy"年"m"月"``) holds the 1st of its month and shows 2019-06; it was read as the day
    2019-06-01, a claim the reviewer never saw. A format without days gives ``2019-06``,
    one with the year alone ``2019``; anything else is the value.

    >>> import datetime as dt
    >>> d = dt.datetime(2019, 6, 1)
    >>> shown_date(d, "yyyy-mm"), shown_date(d, 'yyyy"年"m"月"'), shown_date(d, "yyyy"), shown_date(d, "mmm-yy")
    ('2019-06', '2019-06', '2019', '2019-06')
    >>> shown_date(d, "yyyy-mm-dd"), shown_date(d, "m/d/yy"), shown_date(d, "[$-x-sysdate]dddd, mmmm dd, yyyy")
    (datetime.datetime(2019, 6, 1, 0, 0), datetime.datetime(2019, 6, 1, 0, 0), datetime.datetime(2019, 6, 1, 0, 0))
    """
    if not isinstance(value, _dt.date):
        return value
    # the format's codes, without its quoted or escaped literals and [$-...] locale tags
    codes = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", str(number_format or "")).lower()
    if "y" not in codes or "d" in codes:
        return value
    return f"{value.year:04d}-{value.month:02d}" if "m" in codes else f"{value.year:04d}"


def shown_number(value, number_format: str):
    """A number cell as its format shows it where that pads it with zeros: a key column
    formatted ``000`` shows 001 (the folder's name) but holds 1, and the roster named a
    folder 1 that is not there. Else the value.

    >>> shown_number(1, "000"), shown_number(12.0, "0000"), shown_number(1, "General"), shown_number(1.5, "000")
    ('001', '0012', 1, 1.5)
    """
    fmt = str(number_format or "")
    if re.fullmatch(r"0+", fmt) and isinstance(value, (int, float)) and float(value).is_integer() and value >= 0:
        return str(int(value)).zfill(len(fmt))
    return value


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


def _read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list, bool]]]:
    """The headings and the rows (numbered from 2, as before: blank lines skipped), none
    hidden; an Excel serial number in a date column is its date (:func:`serial_date`)."""
    from verify.safe_yaml import decode_text

    # Excel on Chinese Windows saves CSV as GBK, and its 「Unicode 文本」 as UTF-16 with a BOM
    text = decode_text(path.read_bytes())
    if text is None:
        raise RosterError(f"{path.name}：无法识别文件编码，请另存为 UTF-8 CSV")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    records, start, starts = [], 1, []  # the line the record being read starts on
    try:
        for record in reader:
            records.append(record)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:  # it was a traceback (hostile exploration 10)
        raise RosterError(csv_refusal(path.name, exc, start)) from None
    if records and (runaway := _runaway_cell(records, starts, dialect.delimiter, len(records[0]))) is not None:
        raise RosterError(f"{path.name}：{runaway}")
    if len(records) > MAX_ROSTER_ROWS:
        raise RosterError(too_many_rows(path.name))
    if not records:
        return [], []
    top = _heading_index([[h.strip() for h in r] for r in records])
    headings, used = sub_headings([h.strip() for h in records[top]], records[top + 1] if top + 1 < len(records) else [])
    top += used
    dates = date_columns(headings)
    rows = [[serial_date(v) or v if i in dates else v for i, v in enumerate(r)] for r in records[top + 1:] if r]
    return headings, [(number, values, False) for number, values in enumerate(rows, start=top + 2)]


def _runaway_cell(records: list[list[str]], starts: list[int], delimiter: str, columns: int) -> str | None:
    """Where a cell holds two lines or more that each read as a row of the roster (as many
    delimiters as its columns, less one): a quotation mark opened and never closed
    (「"张伟」), which took the rows after it into one cell, their applicants then looked
    for in applicant.yaml files and the first told only 含有不可见的控制字符 (hostile
    exploration 10); None where no cell does. A cell of several lines a person typed
    (an address, a list of papers) holds no row's worth of delimiters on each.

    >>> _runaway_cell([["key", "name", "unit"], ["a1", "张伟,抚顺\\na2,李四,抚顺\\na3,王五,抚顺\\n"]], [1, 2], ",", 3)
    '第 2 行（a1）的一个单元格跨了 3 行，其中 2 行像是花名册中其后的行：通常是该单元格以英文引号 " 开头却没有配对的结尾引号，其后各行都被读进了这一格；请用 Excel 打开检查后另存为 CSV，或改用 XLSX 花名册'
    >>> _runaway_cell([["key", "papers"], ["a1", "论文一;论文二\\n论文三"]], [1, 2], ",", 2) is None
    True
    """
    need = max(columns - 1, 1)
    for record, line in zip(records, starts):
        for cell in record:
            lines = cell.rstrip("\n").split("\n")
            rows = sum(1 for part in lines[1:] if part.count(delimiter) >= need)
            if rows >= 1 and rows >= (len(lines) - 1) // 2:
                return (f"第 {line} 行（{record[0].strip()[:20]}）的一个单元格跨了 {len(lines)} 行，其中 {rows} 行像是花名册中"
                        "其后的行：通常是该单元格以英文引号 \" 开头却没有配对的结尾引号，其后各行都被读进了这一格；"
                        "请用 Excel 打开检查后另存为 CSV，或改用 XLSX 花名册")
    return None


def csv_refusal(name: str, exc: Exception, line: int) -> str:
    """The refusal of a CSV roster Python's reader cannot read, in words a reviewer acts
    on: a cell past the reader's limit is nearly always a quotation mark opened and never
    closed (「"张伟」 typed into a name), which takes every line after it into that cell.

    >>> csv_refusal("名册.csv", csv.Error("field larger than field limit (131072)"), 2)
    '名册.csv：从第 2 行起的一行中有单元格超过 131072 个字符，通常是该行某个单元格以英文引号 " 开头却没有配对的结尾引号，其后各行都被读进了这一格；请用 Excel 打开检查后另存为 CSV，或改用 XLSX 花名册'
    """
    if "field limit" in str(exc):
        return (f"{name}：从第 {line} 行起的一行中有单元格超过 {csv.field_size_limit()} 个字符，通常是该行某个单元格以英文引号 \" "
                "开头却没有配对的结尾引号，其后各行都被读进了这一格；请用 Excel 打开检查后另存为 CSV，或改用 XLSX 花名册")
    return f"{name}：从第 {line} 行起的一行不是有效的 CSV 格式，无法读取；请用 Excel 打开检查后另存为 CSV，或改用 XLSX 花名册"


#: how many rows above the headings a roster may carry its own title (2024年度职称申报人员花名册)
TITLE_ROWS = 5


def _heading_index(rows: list[list[str]]) -> int:
    """The index of the headings among the first rows with text: the first naming a
    ``key`` column within :data:`TITLE_ROWS` of them (a sheet's title above it was taken
    for the headings, 名册缺少 key 列: hostile exploration 4), else the first with text.

    >>> _heading_index([["2024年度职称申报人员花名册", ""], ["", ""], ["key", "姓名"]]), _heading_index([["序号"], ["1"]])
    (2, 0)
    """
    texts = [i for i, r in enumerate(rows) if any(r)][:TITLE_ROWS + 1]
    return next((i for i in texts if KEY_COLUMN in {field_of(h) for h in rows[i] if h}), texts[0] if texts else 0)


def _heading_row(sheet) -> tuple[int, list[str]]:
    """The headings' row number (``(0, [])`` for an empty sheet) and its headings: the
    first row naming a ``key`` column among the first with text (:func:`_heading_index`)."""
    rows = []
    for cells in sheet.iter_rows(max_row=200):
        rows.append((cells[0].row, [cell_text(c.value) for c in cells]))
        if sum(any(r) for _, r in rows) > TITLE_ROWS:
            break
    if not any(any(r) for _, r in rows):
        return 0, []
    return rows[_heading_index([r for _, r in rows])]


def _roster_sheet(name: str, book):
    """The sheet the reviewer sees as the roster: the one visible sheet with a ``key``
    column. ``book.worksheets[0]`` read a hidden sheet the reviewer never saw (hostile
    exploration 4 P2); two such sheets are refused, not one taken."""
    keyed = [ws for ws in book.worksheets if KEY_COLUMN in {field_of(h) for h in _heading_row(ws)[1] if h}]
    visible = [ws for ws in keyed if ws.sheet_state == "visible"]
    if len(visible) > 1:
        shown = "、".join(f"「{ws.title}」" for ws in visible)
        raise RosterError(f"{name}：有 {len(visible)} 张工作表（{shown}）都含 key 列，无法确定以哪一张为准，"
                          "请只保留一张名册工作表")
    if visible:
        return visible[0]
    if keyed:
        shown = "、".join(f"「{ws.title}」" for ws in keyed)
        raise RosterError(f"{name}：只有隐藏的工作表（{shown}）含 key 列，审核人打开文件时看不到它；"
                          "请取消隐藏该工作表，或将名册放在可见的工作表中")
    shown = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    active = book.active
    return active if active in shown else (shown or book.worksheets)[0]  # refused next: no key column


def _hidden_columns(sheet) -> set[int]:
    """0-based indexes of the sheet's hidden columns (each ``<col>`` may span several)."""
    hidden: set[int] = set()
    for dim in sheet.column_dimensions.values():
        if dim.hidden and dim.min:
            hidden.update(range(dim.min - 1, (dim.max or dim.min)))
    return hidden


def _merged_cells(sheet, heading_row: int) -> dict[tuple[int, int], object]:
    """The cell whose value every cell of a merged range below the headings shows: its
    top-left one (a unit merged down the rows of its applicants, as HR sheets do, was read for
    the first row alone, and each other row had 缺少必填字段 unit: hostile exploration 4)."""
    out = {}
    for rng in sheet.merged_cells.ranges:
        if rng.min_row <= heading_row:
            continue
        top_left = sheet.cell(rng.min_row, rng.min_col)
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                out[row, col] = top_left
    return out


def _read_xlsx_rows(path: Path) -> tuple[list[str], list[tuple[int, list, bool]]]:
    """The headings and the rows (by their row number, and whether Excel hides the row)
    of the roster's sheet; a formula cell is a :class:`Formula` with the value Excel
    cached; a number in a date column is the date it stands for (:func:`serial_date`,
    from the workbook's epoch). A hidden column naming a field is refused: its value was
    read though the reviewer saw another."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise RosterError(f"{path.name}：不是有效的 Excel（.xlsx）文件（{type(exc).__name__}）") from None
    try:
        sheet = _roster_sheet(path.name, book)
        first, headings = _heading_row(sheet)
        if not first:
            return [], []
        below = next(sheet.iter_rows(min_row=first + 1, max_row=first + 1, values_only=True), ())
        headings, used = sub_headings(headings, list(below))
        first += used
        for index in sorted(_hidden_columns(sheet)):
            if index < len(headings) and headings[index] and _known(field_of(headings[index])):
                raise RosterError(f"{path.name}：「{headings[index]}」列（{column_name(index, True)}）是隐藏列，"
                                  "审核人看不到却会被读取；请取消隐藏该列，或将其删除")
        merged = _merged_cells(sheet, first)
        keys = {i + 1 for i, h in enumerate(headings) if h and field_of(h) == KEY_COLUMN}
        # a key merged down an applicant's rows (one paper a row) names that applicant once: the rows
        # below its first are continuation rows (:func:`_continue_group`), not the key given again
        merged = {(r, c): top for (r, c), top in merged.items() if c not in keys or (r, c) == (top.row, top.column)}
        dates = date_columns(headings)
        rows, formulas = [], False
        for cells in sheet.iter_rows(min_row=first + 1):
            values = []
            for index, cell in enumerate(cells):
                cell = merged.get((cell.row, cell.column), cell)  # what the reviewer sees in a merged cell
                if cell.data_type == "f":
                    values.append(Formula(cell.coordinate))
                    formulas = True
                elif index + 1 in keys and cell.data_type == "n":
                    values.append(shown_number(cell.value, cell.number_format))
                elif index in dates and cell.is_date:
                    values.append(shown_date(cell.value, cell.number_format))
                elif index in dates and cell.data_type == "n":
                    values.append(serial_date(cell.value, book.epoch) or cell.value)
                else:
                    values.append(cell.value)
            number = cells[0].row
            rows.append((number, values, bool(sheet.row_dimensions[number].hidden)))
        title = sheet.title
    finally:
        book.close()
    if formulas:  # what Excel cached: only to say which applicant's row is wrong
        cached = openpyxl.load_workbook(path, data_only=True)
        try:
            values_sheet = cached[title]
            rows = [(number, [Formula(v.cell, values_sheet[v.cell].value) if isinstance(v, Formula) else v
                              for v in values], hidden) for number, values, hidden in rows]
        finally:
            cached.close()
    return headings, rows


#: the largest roster file read, and the most bytes an XLSX roster may unpack to: a roster of a
#: thousand applicants is some hundreds of KB; openpyxl holds the whole sheet and every cell
MAX_ROSTER_BYTES = 32 << 20
MAX_ROSTER_UNPACKED = 128 << 20
#: the most rows a roster may have: one review round has hundreds of applicants, and openpyxl
#: took over five minutes and 3 GB for 1,000,000 rows, the batch silent all the while (hostile4)
MAX_ROSTER_ROWS = 20_000

_XLSX_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")


def roster_too_large(path: Path) -> str | None:
    """Why a roster is refused before it is read, else None: a file over
    :data:`MAX_ROSTER_BYTES`, an XLSX whose parts declare more than :data:`MAX_ROSTER_UNPACKED`
    unpacked (a 4 MB workbook whose sheet unpacked to 4 GiB of blanks took 60 s and 4.2 GB), or
    more than :data:`MAX_ROSTER_ROWS` rows (counted in the sheets' XML, read a block at a time).
    A file that is no zip is left to the reader to say so.

    >>> import tempfile, zipfile
    >>> f = Path(tempfile.mkdtemp()) / "名册.xlsx"
    >>> with zipfile.ZipFile(f, "w") as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", "<sheetData>" + '<row r="1"><c/></row>' * 20_001 + "</sheetData>")
    >>> print(roster_too_large(f))
    名册.xlsx：名册超过 20,000 行（一次评审的申报人通常不过数百人），读取要数分钟并占用数 GB 内存，未读取；请只保留申报人的行，或分批核验
    """
    import zipfile

    path = Path(path)
    size = path.stat().st_size
    if size > MAX_ROSTER_BYTES:
        return (f"{path.name}：名册文件过大（{size / 2**20:,.0f} MB，上限 {MAX_ROSTER_BYTES >> 20} MB），未读取；"
                "请只保留申报人的行和列，或另存为 CSV")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    from verify.run.zips import zip_declared_bytes

    if (unpacked := zip_declared_bytes(path)) > MAX_ROSTER_UNPACKED:
        return (f"{path.name}：名册解压后达 {unpacked / 2**20:,.0f} MB（上限 {MAX_ROSTER_UNPACKED >> 20} MB，"
                "数百人的名册不到 1 MB），疑似异常构造的文件或含大量无关内容，未读取；请另存为只含申报人信息的 XLSX 或 CSV")
    rows = 0
    try:
        with zipfile.ZipFile(path) as book:
            for member in book.infolist():
                if not member.filename.startswith("xl/worksheets/") or not member.filename.endswith(".xml"):
                    continue
                with book.open(member) as fh:
                    tail = b""
                    while block := fh.read(1 << 20):
                        data = tail + block
                        rows += len(_XLSX_ROW.findall(data))
                        tail = data[-64:]
                        rows -= len(_XLSX_ROW.findall(tail))  # counted again with the next block
                    rows += len(_XLSX_ROW.findall(tail))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None  # openpyxl says what is wrong with it
    if rows > MAX_ROSTER_ROWS:
        return too_many_rows(path.name)
    return None


def too_many_rows(name: str) -> str:
    return (f"{name}：名册超过 {MAX_ROSTER_ROWS:,} 行（一次评审的申报人通常不过数百人），读取要数分钟并占用数 GB 内存，"
            "未读取；请只保留申报人的行，或分批核验")


def read_roster_rows(path: Path) -> tuple[list[str], list[tuple[int, list, bool]]]:
    """The headings of a CSV or XLSX roster and its rows, each ``(row number, cells,
    hidden)`` (``hidden``: Excel hides the row, by hand or by a filter);
    refused when it has no key column or two columns for one field."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"找不到名册文件 {path}")
    suffix = path.suffix.lower()
    if (refused := roster_too_large(path)) is not None:
        raise RosterError(refused)
    if suffix in (".xlsx", ".xlsm"):
        headings, rows = _read_xlsx_rows(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        headings, rows = _read_csv_rows(path)
    else:
        raise RosterError(f"{path.name}：名册应为 CSV 或 XLSX 文件")
    if KEY_COLUMN not in {field_of(h) for h in headings if h}:
        raise RosterError(f"{path.name}：名册缺少 key 列（申报人材料文件夹名）")
    check_headings(path.name, headings, suffix in (".xlsx", ".xlsm"))
    return headings, rows


def id_number_lost_digits(value) -> str | None:
    """Why an ID cell holds what Excel left of an 18-digit number (it keeps 15 significant
    digits), or ``None``: a number cell (shown 2.10411E+17), the text a CSV saved from
    such a cell holds (``2.10411E+17``, or the 18 digits with the last three ``000``
    when the column was formatted 0), where that check digit is wrong. Each was read as
    the applicant's claimed ID, a different person's number (a silent different claim).

    >>> id_number_lost_digits(210411197606150000.0), id_number_lost_digits("2.10411E+17")
    ('为数字格式（显示为 2.10411E+17）', '为科学计数法 2.10411E+17')
    >>> id_number_lost_digits("210404199011043000")
    '210404199011043000 末三位为 000 且校验位不符'
    >>> [id_number_lost_digits(v) for v in ("210404199011043178", "21040419901104317x", "", None, 110101)]
    [None, None, None, None, None]
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"为数字格式（显示为 {float(value):.5E}）" if abs(value) >= 1e15 else None
    text = cell_text(value)
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text):
        return f"为科学计数法 {text.upper()}"
    if re.fullmatch(r"\d{15}000", text):
        from stdnum.cn.ric import calc_check_digit  # GB 11643's check character of the first 17 digits

        if calc_check_digit(text) != text[-1]:
            return f"{text} 末三位为 000 且校验位不符"
    return None


#: what the first text of a totals row starts with (合计：4人)
TOTALS_WORDS = ("合计", "总计", "小计", "共计")


def is_totals_row(values) -> bool:
    """Whether a row is the sheet's totals row: its first cell with text says 合计 (or 总计 ...).

    >>> is_totals_row([None, "合 计", "4人"]), is_totals_row(["", "合计：4人"]), is_totals_row(["a1", "合计"])
    (True, True, False)
    """
    first = next((t for t in map(cell_text, (None if isinstance(v, Formula) else v for v in values)) if t), "")
    return first.replace(" ", "").replace("\u3000", "").startswith(TOTALS_WORDS)


def _continue_group(name: str, number: int, data: dict, groups: list[dict], unread, headings: list[str]) -> None:
    """A row without a key below an applicant's row: more of that applicant's papers or
    awards (one a row, as HR sheets list them; the key merged down the rows or left blank).
    Its other fields must be blank or the same as the applicant's (a merged cell); else it
    is an applicant without a key, and the roster is refused: the row was dropped unsaid."""
    known = {h: v for h, v in data.items() if _known(field_of(h))}
    # the headings as the sheet writes them (data's are the roster's field names: 姓名 is name)
    shown = {HEADING_ALIASES.get(h.strip(), h.strip()).partition(".")[0]: h.strip() for h in headings if h}
    if groups:
        group = groups[-1]
        records = {h for h in known if field_of(h) in RECORD_LIST_FIELDS}  # papers, or 论文 as one column
        other = {h: v for h, v in known.items() if h not in records and group["data"].get(h) != v}
        if not other:
            if unread and not group["error"]:  # its papers were unseen or a formula: not dropped unsaid
                group["error"] = (f"{group['source']}：其续行第 {number} 行被隐藏或含公式，未读取；"
                                  f"请取消隐藏并将公式转为数值后重新导入")
            for head in records:
                have = group["data"].get(head, [])
                more = known[head]
                group["data"][head] = ([have] if isinstance(have, str) else have) + ([more] if isinstance(more, str) else more)
            return
        fields = "、".join(shown.get(h, h) for h in other)
        raise RosterError(f"{name}：第 {number} 行没有 key，却填写了与第 {group['number']} 行（{group['key']}）不同的"
                          f" {fields}；同一申报人的多篇论文或多项获奖可在 key 为空的续行只填写论文、获奖列，"
                          "其他申报人请填写 key（材料文件夹名）")
    fields = "、".join(shown.get(h, h) for h in known) or "公式"
    raise RosterError(f"{name}：第 {number} 行填写了 {fields}，但 key 为空，无法对应申报人材料文件夹；"
                      "请填写 key，或删除该行")


def load_roster(path: Path) -> dict[str, RosterEntry]:
    """Every applicant of the roster by key. A bad row is an entry with ``error`` set
    (that applicant gets an error row in the summary); a bad file raises :class:`RosterError`."""
    from verify.applicant import MetadataError, parse_applicant

    path = Path(path)
    entries: dict[str, RosterEntry] = {}
    headings, rows = read_roster_rows(path)
    xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    groups: list[dict] = []  # one per keyed row, with the continuation rows below it
    for number, values, hidden in rows:
        cells = [(h, v) for h, v in zip(headings, values) if h]
        formulas = [(h, v) for h, v in cells if isinstance(v, Formula) and _known(field_of(h))]
        key = ""
        for heading, value in cells:
            if field_of(heading) == KEY_COLUMN:
                if isinstance(value, Formula) and cell_text(value.cached) == "":
                    raise RosterError(f"{path.name}：第 {number} 行的 {heading}（{value.cell}）是公式且没有保存计算结果，"
                                      f"无法确定是哪位申报人；{FORMULA_FIX}")
                # composed (NFC), as a folder's key is: Café as e + U+0301 is the same key
                key = unicodedata.normalize("NFC", cell_text(value.cached if isinstance(value, Formula) else value))
        row = {h: None if isinstance(v, Formula) else v for h, v in cells}
        data = row_to_data(row)
        if is_totals_row(values) and (not key or is_totals_row([key])):
            logger.info("%s row %d is a totals row; skipped", path.name, number)
            continue
        if not key:
            if not any(_known(field_of(h)) for h in data) and not formulas:
                if data:
                    logger.warning("%s row %d has no key and no field the roster reads; ignored", path.name, number)
                continue
            _continue_group(path.name, number, data, groups, hidden or formulas, headings)
            continue
        source = f"{path.name} 第 {number} 行（{key}）"
        group = {"key": key, "number": number, "data": data, "source": source, "error": None}
        groups.append(group)
        if hidden:  # neither read unseen nor dropped unsaid
            group["error"] = (f"{source}：该行在 Excel 中被隐藏（或被筛选隐藏），审核人打开名册时看不到，因此未读取；"
                              "请取消隐藏（或清除筛选）后重新导入，如不需核验请删除该行")
            continue
        if formulas:  # a stale or missing cached value must not pass for the applicant's
            shown = "、".join(f"{h}（{v.cell}）" for h, v in formulas)
            group["error"] = f"{source}：{shown}是公式；{FORMULA_FIX}"
            continue
        lost = [(index, heading, why) for index, (heading, value) in enumerate(zip(headings, values))
                if heading and field_of(heading) == "id_number" and (why := id_number_lost_digits(value))]
        if lost:  # never read as the claim: it is another person's number
            index, _, why = lost[0]
            cell = f"{column_name(index, xlsx).removesuffix(' 列')}{number}" if xlsx else column_name(index, xlsx)
            group["error"] = (f"{source}：身份证号（{cell}）{why}，"
                              "Excel 已丢失末几位，请将该列设为文本后重新填写")
    for group in groups:
        key, number, source = group["key"], group["number"], group["source"]
        if group["error"]:
            entries[key] = RosterEntry(key, number, error=group["error"])
            continue
        if key in entries:
            entries[key] = RosterEntry(key, number, error=f"{source}：key 与第 {entries[key].row} 行重复")
            continue
        try:
            entries[key] = RosterEntry(key, number, applicant=parse_applicant(group["data"], source))
        except MetadataError as exc:
            entries[key] = RosterEntry(key, number, error=str(exc))
    return entries
