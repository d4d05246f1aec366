"""Loading and validating ``applicant.yaml`` (or ``applicant.json``, or a roster row).

Bad metadata is a clear error for that applicant (``MetadataError``, message in
Chinese naming every wrong field at once), never a crash of the batch.

Lenient where it is safe: Chinese keys (``姓名``, ``单位``, ``现职称`` …, see
:data:`KEY_ALIASES`), ``unit_kind`` in Chinese (事业单位, 企业, 机关), dates in any
spelling the date reader knows (``2019-06-30``, ``2019年6月30日``, ``2019.06``,
``20190630``), an ID number YAML read as a number, a single paper given as a mapping.
Strict where it matters: the file's size, YAML aliases and nesting
(:mod:`verify.safe_yaml`), the length of every text (a 100 KB "unit name" would make
the fuzzy matching of every page crawl), control characters, a name that is not a
name, a date YAML read as a decimal (``2019.10`` is the float 2019.1), a campaign that
is not bundled.

>>> a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站",
...     "current_title": {"name": "助理工程师", "date": "2019-06-30"},
...     "papers": [{"title": "PM2.5来源解析", "issn": "1674-1021", "date": "2022-05"}]}, "test")
>>> a.current_title.date.iso(), a.papers[0].date.iso(), a.unit_kind
('2019-06-30', '2022-05', 'institution')
>>> b = parse_applicant({"姓名": "张伟", "单位": "抚顺市生态环境监测站", "单位性质": "企业",
...     "现职称": {"名称": "助理工程师", "取得时间": "2019年6月30日"}}, "test")
>>> b.name, b.unit_kind, b.current_title.date.iso()
('张伟', 'enterprise', '2019-06-30')
>>> parse_applicant({"name": "张伟", "unit": "某单位", "current_title": {"name": "助理工程师", "date": "2019-13-45"}}, "applicant.yaml")
Traceback (most recent call last):
...
verify.applicant.MetadataError: applicant.yaml：字段 current_title.date 的日期 '2019-13-45' 无法识别，应写成 2019-06-30、2019-06 或 2019年6月30日
>>> parse_applicant({"unit": "某单位"}, "applicant.yaml")
Traceback (most recent call last):
...
verify.applicant.MetadataError: applicant.yaml：缺少必填字段 name（申报人姓名）
>>> parse_applicant({"name": 12345, "unit_kind": "私企"}, "applicant.yaml")
Traceback (most recent call last):
...
verify.applicant.MetadataError: applicant.yaml：3 处错误：① 字段 name（申报人姓名）应为文字，实际为数字 12345；② 缺少必填字段 unit（申报单位）；③ 字段 unit_kind 应为 事业单位（institution）、企业（enterprise）或 机关（government），实际为 '私企'
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import re
import unicodedata
from pathlib import Path
from typing import Any, ClassVar, Optional

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from verify.journals.names import LATIN_LOOKALIKES
from verify.model import Applicant, AwardClaim, CurrentTitle, PaperClaim
from verify.read.dates import PartialDate, parse_date
from verify.read.hanzi import is_cjk, simplified
from verify.safe_yaml import UnsafeYaml, YamlLimits, load as load_yaml, load_json, read_limited

UNIT_KINDS = ("institution", "enterprise", "government")
METADATA_FILES = ("applicant.yaml", "applicant.yml", "applicant.json")
METADATA_LIMITS = YamlLimits(max_bytes=256 << 10, max_aliases=100, max_nodes=20_000, max_chars=512 << 10)

#: Chinese spellings of ``unit_kind``.
UNIT_KIND_ALIASES = {
    "事业单位": "institution", "事业": "institution",
    "企业": "enterprise", "企业单位": "enterprise", "国有企业": "enterprise", "民营企业": "enterprise",
    "私营企业": "enterprise",
    "机关": "government", "机关单位": "government", "行政机关": "government", "政府机关": "government",
    # as HR staff also write them (probe trust12: each was an error row, the applicant not checked)
    "国家机关": "government", "党政机关": "government", "行政单位": "government",
    "公司": "enterprise", "有限公司": "enterprise", "有限责任公司": "enterprise", "股份有限公司": "enterprise",
    # the legal person's class on a body's 统一社会信用代码 certificate (probe trust13: error rows)
    "企业法人": "enterprise", "事业单位法人": "institution", "事业法人": "institution", "机关法人": "government",
}
UNIT_KIND_NAMES = {"institution": "事业单位", "enterprise": "企业", "government": "机关"}
#: what HR staff write before a kind (公益一类事业单位, 全额拨款事业单位) or in brackets after it
#: (事业单位（公益二类）): the class, funding or ownership of a body of that kind, naming no other kind
_KIND_QUALIFIER = r"(?:公益[一二三]类|全额拨款|差额拨款|差额补助|自收自支|财政补助|财政拨款|国有控股|国有独资|国有|国营|民营|私营|集体|外资|合资|中外合资|股份制|自然人独资|法人独资)"
_QUALIFIED_KIND = re.compile(rf"^(?:{_KIND_QUALIFIER}的?)?(?P<k>[^（(）)]+?)(?:[（(]{_KIND_QUALIFIER}[)）])?$")

def _qualified_kind(text: str) -> str | None:
    """The kind a ``unit_kind`` written with its class, funding or ownership names, as HR
    staff write it (probe trust11: 事业单位（公益一类） was an error row); None where it names
    none, or where the words beside the kind may name another (参照公务员法管理).

    >>> [_qualified_kind(t) for t in ("事业单位（公益一类）", "公益二类事业单位", "全额拨款事业单位", "事业单位(差额拨款)",
    ...                               "国有控股企业", "企业（民营）", "国有独资公司", "有限责任公司（自然人独资）")]
    ['institution', 'institution', 'institution', 'institution', 'enterprise', 'enterprise', 'enterprise', 'enterprise']
    >>> [_qualified_kind(t) for t in ("事业单位（参照公务员法管理）", "参公事业单位", "公益一类", "私企", "机关事业单位")]
    [None, None, None, None, None]
    """
    m = _QUALIFIED_KIND.match(text.replace(" ", "").replace("\u3000", ""))
    if m is None or m.group("k") == text:
        return None
    return UNIT_KIND_ALIASES.get(m.group("k"))


#: Chinese (and capitalised) keys people write, mapped to the field names of DOSSIER.md.
KEY_ALIASES = {
    "姓名": "name", "申报人": "name", "申报人姓名": "name",
    "单位": "unit", "工作单位": "unit", "申报单位": "unit", "单位名称": "unit",
    "单位别名": "unit_aliases", "单位曾用名": "unit_aliases",
    "单位性质": "unit_kind", "单位类型": "unit_kind",
    "身份证号": "id_number", "身份证号码": "id_number", "公民身份号码": "id_number",
    # as HR staff also write it (probe trust13: the claim was dropped unread, the card then compared with nothing)
    "身份证": "id_number", "证件号码": "id_number",
    "专业": "specialty", "申报专业": "specialty",
    "级别": "level", "申报级别": "level", "申报资格": "level",
    "现职称": "current_title", "现任职称": "current_title",
    # the title held, under the names forms give it (probe trust12: 现有职称: {名称, 取得时间} was dropped unread as an
    # unknown key, the applicant then judged as applying for a first title; 职称 alone may be the one applied for)
    "现有职称": "current_title", "现职称信息": "current_title", "现专业技术资格": "current_title",
    "现资格": "current_title", "现专业技术职务": "current_title",
    "论文": "papers", "发表论文": "papers",
    "获奖": "awards", "奖项": "awards", "获奖情况": "awards", "业绩成果": "awards",
    "评审批次": "campaign",
}
TITLE_KEY_ALIASES = {"名称": "name", "职称": "name", "职称名称": "name", "资格名称": "name",
                     "取得时间": "date", "取得日期": "date", "日期": "date", "时间": "date",
                     # the title certificate's own labels for the date (probe trust13: an error row, 缺少 date);
                     # not 任职时间 or 聘任时间, the appointment's, which may come later
                     "评审通过时间": "date", "取得资格时间": "date", "资格取得时间": "date"}
PAPER_KEY_ALIASES = {"题目": "title", "标题": "title", "论文题目": "title", "名称": "title",
                     "期刊": "journal", "刊名": "journal", "期刊名称": "journal",
                     "刊号": "cn", "国内统一刊号": "cn", "国际标准刊号": "issn",
                     "日期": "date", "时间": "date", "发表时间": "date", "发表日期": "date"}
AWARD_KEY_ALIASES = {"名称": "title", "题目": "title", "奖项": "title", "奖项名称": "title", "获奖名称": "title",
                     "成果名称": "title", "日期": "date", "时间": "date", "获奖时间": "date", "获奖日期": "date"}

#: What each field means, for messages.
FIELD_NAMES_ZH = {"name": "申报人姓名", "unit": "申报单位"}
MAX_LENGTH = {"name": 40, "unit": 100, "unit_aliases": 100, "id_number": 30, "specialty": 50, "level": 30,
              "campaign": 300, "title": 300, "journal": 100, "issn": 30, "cn": 30}
MAX_ITEMS = {"unit_aliases": 20, "papers": 100, "awards": 200}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
#: characters that print as nothing though not format controls: the combining grapheme
#: joiner, the Hangul fillers, the braille blank, Khmer's inherent vowels
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
#: variation selectors (毛\ufe0f丽 prints as 毛丽): they choose a glyph, never a character
_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
#: CJK radicals and compatibility ideographs, which print as (and NFKC makes) the unified
#: character: 丽 pasted as U+2F800 matched no page's 丽
_CJK_COMPAT = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # zero-width: pasted from web pages
#: Cyrillic and Greek letters drawn as a Latin one (Х U+0425 and Χ U+03A7 as X): in a number
#: whose letters can only be Latin (an ID's check character, an ISSN's, a CN's class) each is
#: that Latin letter. Typed on a Russian layout or pasted, 21040219880101123Х failed
#: identity.id_number (「含有数字以外的字符」, shown as 123Х, which no reviewer can tell from 123X)
#: and 1673-121Х failed journal.issn as an invalid claim
_LATIN_LOOKALIKES = LATIN_LOOKALIKES


def as_latin(text: str | None) -> str | None:
    """``text`` with each Cyrillic or Greek look-alike of a Latin letter as that letter (for numbers only).

    >>> as_latin("1673-121Х"), as_latin("23-1532/Χ"), as_latin(None)
    ('1673-121X', '23-1532/X', None)
    """
    return text.translate(_LATIN_LOOKALIKES) if text else text


class MetadataError(Exception):
    """``applicant.yaml`` is missing or wrong; the message says what to fix. ``name`` is
    the applicant's name when it could be read all the same (for the error row)."""

    def __init__(self, message: str, name: str = ""):
        super().__init__(message)
        self.name = name


def _name_of(data: dict) -> str:
    try:
        return _ApplicantIn._name(data.get("name")) or ""
    except Exception:
        return ""


def find_metadata(folder: Path) -> Path | None:
    try:
        found = _metadata_files(folder)
    except MetadataError:  # a folder that cannot be opened holds none anyone can read
        return None
    return found[0] if found else None


def _misplaced_metadata(folder: Path) -> str:
    """Where a folder lacking its metadata file holds one after all, worded for the
    error (hostile exploration 7: a zip of two applicants' folders, or an
    ``Applicant.YAML`` written on Windows, was told only 缺少 applicant.yaml), else "".

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for sub in ("张伟", "李娜"):
    ...     (d / sub).mkdir(); _ = (d / sub / "applicant.yaml").write_text("name: x")
    >>> _misplaced_metadata(d)
    '；子文件夹 张伟、李娜 中各有一份申报人信息文件：一个文件夹或压缩包只能装一位申报人的材料，请分开提交'
    >>> _ = (d / "Applicant.YAML").write_text("name: x"); _misplaced_metadata(d)
    '；找到的 Applicant.YAML 文件名大小写不符，请改名为 applicant.yaml'
    """
    from verify.run.zips import is_litter, shown_name

    try:
        entries = sorted(Path(folder).iterdir())
        named = [p.name for p in entries if p.name.lower() in METADATA_FILES and p.name not in METADATA_FILES]
        if named:
            return f"；找到的 {shown_name(named[0])} 文件名大小写不符，请改名为 {named[0].lower()}"
        inside = [p.name for p in entries if p.is_dir() and not p.is_symlink() and not is_litter(p.name)
                  and any((p / name).is_file() for name in METADATA_FILES)]
    except OSError:
        return ""
    if len(inside) > 1:
        return (f"；子文件夹 {'、'.join(shown_name(n) for n in inside[:5])}{' 等' if len(inside) > 5 else ''} 中各有一份申报人信息文件："
                "一个文件夹或压缩包只能装一位申报人的材料，请分开提交")
    if inside:
        return f"；子文件夹 {shown_name(inside[0])} 中有一份，请把它放在申报材料的最上层"
    return ""


def _metadata_files(folder: Path) -> list[Path]:
    """The metadata files the folder holds, in :data:`METADATA_FILES` order (a link or a
    FIFO is among them: it is refused when read, with its reason). A folder that cannot
    be opened is a :class:`MetadataError` saying why (a locked folder gave an English
    PermissionError and its absolute path, or a traceback: hostile exploration 3)."""
    from ocr.errors import os_reason

    out = []
    for p in (Path(folder) / name for name in METADATA_FILES):
        try:
            if p.exists() or p.is_symlink():
                out.append(p)
        except OSError as e:
            raise MetadataError(f"{Path(folder).name}：申报材料文件夹无法打开（{os_reason(e)}），无法核验") from e
    return out


def load_applicant(folder: Path, label: str | None = None) -> Applicant:
    """The applicant of a dossier folder, from its ``applicant.yaml`` (or ``.yml``,
    ``.json``): a regular file of the folder itself, within :data:`METADATA_LIMITS`.
    ``label``: what messages call the dossier (a zip's name, not the temporary folder it
    was extracted to); the folder's name by default."""
    label = label or Path(folder).name
    present = _metadata_files(folder)
    if not present and not Path(folder).is_dir():
        # moved or deleted while the batch ran (probe alt23 F15: it read as a missing yaml)
        raise MetadataError(f"{label}：申报材料文件夹已不存在（核验期间被移动或删除），无法核验")
    if not present:
        inner = sorted(p.name for p in Path(folder).glob("*.zip"))
        if inner:  # a zip handed in inside the dossier's zip is not opened
            from verify.run.zips import shown_name

            inner = [shown_name(name) for name in inner]
            raise MetadataError(f"{label}：缺少 applicant.yaml（申报人信息文件），无法核验；压缩包内另有压缩包"
                                f"（{'、'.join(inner[:3])}），未解开，请直接提交申报人文件夹的压缩包")
        raise MetadataError(f"{label}：缺少 applicant.yaml（申报人信息文件），无法核验{_misplaced_metadata(Path(folder))}")
    path = present[0]
    if len(present) > 1:
        # which one counts would be this program's choice, not the applicant's (an
        # applicant.json claiming 企业 beside the yaml went unseen: probe alt23 F5)
        raise MetadataError(f"{label}：同时有 {'、'.join(p.name for p in present)} 多个申报人信息文件，"
                            "无法确定以哪一个为准，请只保留一个")
    try:
        text = read_limited(path, path.name, METADATA_LIMITS)
        if path.suffix == ".json":
            data = load_json(text, path.name, METADATA_LIMITS)
        else:
            data = load_yaml(text, path.name, METADATA_LIMITS)
    except UnsafeYaml as exc:
        raise MetadataError(str(exc)) from None
    return parse_applicant(data, path.name)


# ---------------------------------------------------------------- field readers


def _error(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _clean_text(value: str) -> str:
    """``value`` without the characters that print as nothing (a soft hyphen, a zero-width
    space, a Hangul filler: 杨\u00ad振宇 showed as 杨振宇 in every report yet matched no
    page, probe alt23 F17), bidi controls kept for :func:`_text_value` to refuse."""
    value = value.translate(_INVISIBLE)
    if not value.isascii():
        value = "".join(unicodedata.normalize("NFKC", ch) if _within(ch, _CJK_COMPAT) else ch
                        for ch in value if ch in _BIDI_CONTROLS or not (
                            ch in _BLANK_LETTERS or unicodedata.category(ch) == "Cf" or _within(ch, _SELECTORS)))
        value = unicodedata.normalize("NFC", value)  # e and a combining acute: é
    return value.strip()


def _within(ch: str, ranges) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in ranges)


def _text_value(value: Any, field: str, *, numbers: bool = True) -> str | None:
    """A text field: ``None`` when empty; a number becomes its digits where that is
    safe (``numbers``); bool, decimals, mappings and lists are refused."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _error("text_type", f"应为文字，实际为 {value!r}")
    if isinstance(value, int) and numbers:
        value = str(value)
    elif isinstance(value, (int, float)):
        raise _error("text_type", f"应为文字，实际为数字 {value!r}")
    elif isinstance(value, (_dt.date, _dt.datetime)):
        value = value.isoformat()
    if not isinstance(value, str):
        raise _error("text_type", "应为文字")
    text = _clean_text(value)
    if not text:
        return None
    if any(ch in _BIDI_CONTROLS or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t")
           for ch in text):
        raise _error("text_control", "含有不可见的控制字符，请重新输入")
    if marks := [m for ch, m in zip(text, text[1:]) if unicodedata.category(m) in ("Mn", "Me") and is_cjk(ch)]:
        # a combining mark on a Chinese character (毛\u0301丽): no name or unit is written so,
        # and the page can never match it; shown by its code, since it prints as little
        codes = "、".join(dict.fromkeys(f"U+{ord(m):04X}" for m in marks))
        raise _error("text_mark", f"汉字上附有组合符号（{codes}），请删除后重新输入")
    limit = MAX_LENGTH.get(field, 300)
    if len(text) > limit:
        raise _error("text_long", f"过长（{len(text)} 个字符，上限 {limit}）")
    return " ".join(text.split())


_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})?")
#: a year and month as an HR office types them, 2019.12 or 2019.6: YAML reads it unquoted as a number
_YEAR_DOT_MONTH = re.compile(r"(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])")


#: a supplement's year as a claim writes it (2022-S1, 2022(S1), 2022, 42(S1), 2022年S1期, 2022年增刊1, 2022（增刊）):
#: the year is its date (journal.registered weighs a supplement)
_SUPPLEMENT = re.compile(r"((?:19|20)\d\d)\s*年?\s*[-,，]?\s*(?:\d{1,3}\s*)?[(（]?\s*第?\s*(?:S\s*\d{0,2}|增刊\s*\d{0,2}|增\s*\d{1,2}|专刊|特刊)"
                         r"\s*期?\s*[)）]?", re.I)
#: volume and issue before the year (Vol.42 No.5 2022, No. 5, 2022): read as the year and its issue, 2022, No. 5
_ISSUE_FIRST = re.compile(r"(?:Vol\.?\s*\d{1,3}\s*[,，]?\s*)?No\.?\s*(\d{1,2})\s*[,，]?\s*((?:19|20)\d\d)", re.I)
#: the time of day after a date, where it is midnight: a spreadsheet's export of a date
_MIDNIGHT = re.compile(r"(?<=^\d{4}-\d{2}-\d{2})(?:T|\s+)00:00(?::00(?:\.0+)?)?(?:Z|[+-]08:?00)?$")


def _date_value(value: Any) -> PartialDate | None:
    """A date in any spelling the date reader knows; a decimal is refused (YAML reads
    an unquoted ``2019.10`` as the number 2019.1), unless the YAML reader kept how it
    was written (:class:`verify.safe_yaml.WrittenFloat`): ``date: 2019.12`` unquoted is
    read as typed, 2019.10 as October.

    >>> from verify.safe_yaml import load
    >>> [str(_date_value(load(f"d: {t}", "applicant.yaml")["d"])) for t in ("2019.12", "2019.10", "2019.1")]
    ['2019-12', '2019-10', '2019-01']
    """
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        raise _error("date", f"日期 {value!r} 无法识别")
    written = getattr(value, "written", None)
    if isinstance(value, float) and isinstance(written, str) and _YEAR_DOT_MONTH.fullmatch(written):
        value = written
    if isinstance(value, float):
        raise _error("date", f"日期 {value!r} 被读成了小数，不是有效的年月，"
                             "请写成 2019-10 或加引号")
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise _error("date", "日期应为文字，如 2019-06-30")
    text = _clean_text(value)
    if len(text) > 40:
        raise _error("date", "日期过长")
    # a date a spreadsheet exported as its midnight (2019-06-30T00:00:00, 2019-06-30 00:00:00.000)
    text = _MIDNIGHT.sub("", text)
    try:
        return PartialDate.parse_iso(text)
    except (ValueError, TypeError):
        pass
    compact = _COMPACT_DATE.fullmatch(text)
    date = None
    if compact:
        with contextlib.suppress(ValueError, TypeError):
            date = PartialDate(int(compact[1]), int(compact[2]), int(compact[3]) if compact[3] else None)
    if date is None:
        try:
            date = parse_date(text)
        except (ValueError, TypeError, IndexError):
            date = None
    if date is None and (supplement := _SUPPLEMENT.fullmatch(text)):
        date = PartialDate(int(supplement[1]))
    if date is None and (first := _ISSUE_FIRST.fullmatch(text)):
        with contextlib.suppress(ValueError, TypeError, IndexError):
            date = parse_date(f"{first[2]}, No. {first[1]}")
    if date is None:
        if (missing := _no_such_day(text)) is not None:
            raise _error("date", f"的日期 {value!r} 不存在（{missing}），请核对后改正")
        raise _error("date", f"的日期 {value!r} 无法识别，应写成 2019-06-30、2019-06 或 2019年6月30日")
    return date


_YEAR_MONTH_DAY = re.compile(r"((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")


def _no_such_day(text: str) -> str | None:
    """Why a date written in full names a day its month does not have, else None: 2024-02-30
    was 「无法识别，应写成 2019-06-30…」, as if the writing were wrong and not the day.

    >>> _no_such_day("2024-02-30"), _no_such_day("2019年4月31日"), _no_such_day("2019-02-28"), _no_such_day("2019-13-01")
    ('2024 年 2 月只有 29 天', '2019 年 4 月只有 30 天', None, None)
    """
    import calendar

    m = _YEAR_MONTH_DAY.fullmatch(text)
    if m is None or not 1 <= (month := int(m[2])) <= 12:
        return None
    days = calendar.monthrange(int(m[1]), month)[1]
    return f"{m[1]} 年 {month} 月只有 {days} 天" if int(m[3]) > days else None


def _alias_keys(value: Any, aliases: dict[str, str], where: str) -> Any:
    """A mapping with its keys in DOSSIER.md's names (Chinese and capitalised keys
    mapped, a trailing colon dropped). Two keys for one field are an error."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for key, item in value.items():
        text = str(key).translate(_INVISIBLE).strip().rstrip(":：").strip()
        name = aliases.get(text) or aliases.get(text.upper()) or text.lower()
        if name in out:
            raise _error("duplicate", f"{where}字段 {origin[name]} 与 {text} 重复（同一项只能填写一次）")
        out[name] = item
        origin[name] = text
    return out


def _as_list(value: Any, field: str) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):  # roster cells: ';'-separated
        return [v.strip() for v in value.replace("；", ";").split(";") if v.strip()]
    if isinstance(value, dict):  # one record written without the list
        return [value]
    if not isinstance(value, list):
        raise _error("list_type", "应为列表")
    if len(value) > MAX_ITEMS.get(field, 100):
        raise _error("too_many", f"项数过多（{len(value)} 项，上限 {MAX_ITEMS.get(field, 100)}）")
    return value


# ---------------------------------------------------------------- the schema (pydantic)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, arbitrary_types_allowed=True)


class _FactsIn(_Model):
    """A nested record of text fields and one ``date``: each text field is cleaned by
    :func:`_text_value`, the date by :func:`_date_value`; keys are read through the
    record's aliases, and a bare string or number stands for its ``title``."""

    KEY_ALIASES: ClassVar[dict] = {}
    WHERE: ClassVar[str] = ""  # where the record sits, for messages
    BARE: ClassVar[bool] = True  # a bare string or number is the record's title

    date: Optional[PartialDate] = None

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, value):
        if cls.BARE and isinstance(value, (str, int)) and not isinstance(value, bool):
            return {"title": value}
        return _alias_keys(value, cls.KEY_ALIASES, cls.WHERE)

    @field_validator("*", mode="before")
    @classmethod
    def _field(cls, v, info):
        return _date_value(v) if info.field_name == "date" else _text_value(v, info.field_name)


#: no one holding a title today obtained it before this year
EARLIEST_TITLE_YEAR = 1930
#: no one obtains a professional title before this age (a 员级 title after a 中专 diploma, at 18 or later)
YOUNGEST_TITLE_AGE = 16


class _TitleIn(_FactsIn):
    KEY_ALIASES: ClassVar[dict] = TITLE_KEY_ALIASES
    WHERE: ClassVar[str] = "current_title 中"
    BARE: ClassVar[bool] = False

    name: Optional[str] = None

    @model_validator(mode="after")
    def _needs_date(self):
        if self.name and self.date is None:
            raise _error("title_date", "缺少 date（现职称取得时间）")
        if self.date is not None:
            # 2099-01-01 failed every paper as 早于现职称取得时间, 1900-01-01 passed every
            # comparison with it (hostile exploration 5, P7)
            earliest = _dt.date(self.date.year, self.date.month or 1, self.date.day or 1)
            if self.date.year < EARLIEST_TITLE_YEAR or earliest > _dt.date.today():
                raise _error("title_date", f"的 date（现职称取得时间）{self.date.iso()} 不可能（应在 {EARLIEST_TITLE_YEAR} 年之后，"
                                           "且不晚于今天），请核对后改正")
        return self


class _PaperIn(_FactsIn):
    KEY_ALIASES: ClassVar[dict] = PAPER_KEY_ALIASES

    title: Optional[str] = None
    journal: Optional[str] = None
    issn: Optional[str] = None
    cn: Optional[str] = None

    @field_validator("title", "journal", mode="after")
    @classmethod
    def _unquoted(cls, v):
        return _as_pages_read(_unquoted(v))

    @field_validator("issn", mode="after")
    @classmethod
    def _issn(cls, v):
        return _claimed_issn(v)

    @field_validator("cn", mode="after")
    @classmethod
    def _cn(cls, v):
        return _claimed_cn(v)


def _unquoted(value: str | None) -> str | None:
    """A title or a journal's name without the 《》 (or quotes) it was typed in: every
    message quotes it in 《》 itself (「论文《《…》》」: trust exploration 6).

    >>> _unquoted("《燃煤电厂SO2与NOx协同控制技术应用研究》"), _unquoted("“环境保护”"), _unquoted("《环境》与《生态》")
    ('燃煤电厂SO2与NOx协同控制技术应用研究', '环境保护', '《环境》与《生态》')
    """
    if value and len(value) > 2 and (value[0], value[-1]) in (("《", "》"), ("“", "”"), ('"', '"'), ("「", "」")) \
            and value[0] not in value[1:-1] and value[-1] not in value[1:-1]:
        return value[1:-1].strip() or value
    return value


def _claimed_issn(value: str | None) -> str | None:
    """A claimed ISSN as ``NNNN-NNNC`` when it is eight such characters however typed
    (an ``ISSN`` before it, full-width, no hyphen, a lower-case x: "ISSN 1674-991X"
    failed as 格式错误); anything else as typed, for the rule to judge.

    >>> _claimed_issn("ISSN 1674-991x"), _claimed_issn("1674991X"), _claimed_issn("ISSN：１６７４－１０２１")
    ('1674-991X', '1674-991X', '1674-1021')
    >>> _claimed_issn("1674-10"), _claimed_issn(None)
    ('1674-10', None)
    """
    from verify.journals.judge import issn_text

    if value is None:
        return None
    text = issn_text(as_latin(value)).strip()
    compact = re.sub(r"[\s\-‐‑–—－]", "", text).upper()
    return f"{compact[:4]}-{compact[4:]}" if re.fullmatch(r"\d{7}[\dX]", compact) else text


def _claimed_cn(value: str | None) -> str | None:
    """A claimed CN as ``NN-NNNN/C`` when its parts are all there however typed (``CN``
    before it, full-width, spaces, a long dash, the slash left out: "11-5972X" failed
    journal.cn as 无效 though the page printed 11-5972/X); anything else as typed.

    >>> _claimed_cn("CN 11—5972 / x"), _claimed_cn("11-5972X"), _claimed_cn("CN11-2031/Q"), _claimed_cn("21-1556/TQ")
    ('11-5972/X', '11-5972/X', '11-2031/Q', '21-1556/TQ')
    >>> _claimed_cn("11-597/X"), _claimed_cn("CN(HK) 11-5972/X")
    ('11-597/X', 'CN(HK) 11-5972/X')
    """
    from verify.read.identifiers import cn_serial

    if value is None:
        return None
    # cn_serial's own folding (NFKC, dashes, spaces, case, the CN prefix), then no dash at
    # all: 一 typed for the dash, or the dash put elsewhere, leaves the parts in order
    value = as_latin(value)
    compact = cn_serial.compact(value.replace("一", "-")).replace("-", "")
    m = re.fullmatch(r"CN:?(\d{2})(\d{4})/?([A-Z]{1,2}\d{0,3})", compact)
    return f"{m[1]}-{m[2]}/{m[3]}" if m else unicodedata.normalize("NFKC", value).strip()


class _AwardIn(_FactsIn):
    KEY_ALIASES: ClassVar[dict] = AWARD_KEY_ALIASES

    title: Optional[str] = None

    @field_validator("title", mode="after")
    @classmethod
    def _simplified(cls, v):
        return _as_pages_read(v)


def _as_pages_read(value: str | None) -> str | None:
    """A paper's or an award's title, or a journal's name, typed in traditional characters (a
    Hong Kong or Taiwan input method, a title copied from a traditional-script database) in
    simplified ones, as every page printed so is read (:func:`verify.read.hanzi.simplified`):
    it matched no page of a clean dossier, paper.retrieval failed (no proof found) and
    journal.registered called the journal another's name (hostile4). Only a text typed in
    traditional characters (two or more, a quarter of its Chinese ones) is folded: a simplified
    title keeps the few characters a simplified page prints as they are (乾隆, 於 as a surname).

    >>> _as_pages_read("生態環境執法規範化管理研究"), _as_pages_read("環境工程技術學報"), _as_pages_read(None)
    ('生态环境执法规范化管理研究', '环境工程技术学报', None)
    >>> _as_pages_read("基于遥感的乾隆年间水系变迁研究")
    '基于遥感的乾隆年间水系变迁研究'
    """
    from verify.read.traditional import traditional_count

    if not value or (count := traditional_count(value)) < 2 or 4 * count < sum(1 for c in value if is_cjk(c)):
        return value
    return simplified(value)


#: words printed as labels on the forms and cards a dossier holds, and no part of a
#: person's name: a name holding one is found on every such form
FORM_LABELS = ("姓名", "性别", "民族", "出生", "住址", "身份", "号码", "申报", "单位", "签发", "机关", "有效期", "职称",
               "职务", "专业", "学历", "学位", "年度", "考核", "日期", "籍贯", "工程师", "技术员", "签字", "签名", "盖章")


def _whole_unit_name(text: str) -> str:
    """A unit's name of at least three letters, two of them its own (a place or its own
    name, :func:`~verify.marks.seals.matching.distinctive_part`): 站, 局 or 中心 is part
    of every body's name that ends so, and a seal reading 沈阳市局 would match it (probe
    alt23 F2)."""
    from verify.marks.seals.matching import distinctive_part

    if sum(ch.isalpha() for ch in text) < 3:
        raise _error("text_type", f"应为单位全称（如「抚顺市生态环境监测站」），实际为 {text!r}")
    if len(distinctive_part(text)) < 2:
        # 中心站 or 生态环境监测中心站 is part of every such body's name: a seal of another
        # city's was then no surer another body's than the unit's (hostile exploration 2,
        # P5), and letters no seal can hold (ααα站) left the one character 站
        raise _error("text_type", f"应为单位全称（含地名或单位字号，如「抚顺市生态环境监测站」），实际为 {text!r}")
    return text


#: the end of a body's name (局, 中心, 研究院, 有限公司…): what both names of a unit with two plates end with
_BODY_END = re.compile(r"(局|厅|委员会|委|办公室|办|中心|站|院|所|队|处|馆|公司|集团|厂)$")


#: the end of a branch's name (分局, 分院, 分中心…): a bracket holding one names the branch of the body before it
_BRANCH_END = re.compile(r"(分局|分院|分所|分中心|分站|分公司|分厂|分队|支队|大队|中队)$")


def bracket_names(unit: str) -> tuple[str, ...]:
    """The two names of a unit that carries a second name in brackets after its own (一个机构两块牌子:
    抚顺市生态环境局（抚顺市林业局）): it seals with either, and each is its name (probe trust12, S01/S02: every seal
    of 抚顺市林业局 or 抚顺市生态环境局 alone was a review on a clean dossier). Only where the bracket ends the name
    and holds a body's whole name: a brand's place (中环清源（抚顺）环保…) or a class (（公益一类）) is no name.

    >>> bracket_names("抚顺市生态环境局（抚顺市林业局）")
    ('抚顺市生态环境局', '抚顺市林业局')
    >>> bracket_names("抚顺市环境科学研究院(抚顺市环境保护研究所)")
    ('抚顺市环境科学研究院', '抚顺市环境保护研究所')
    >>> bracket_names("中环清源（抚顺）环保科技有限公司"), bracket_names("抚顺市生态环境事务服务中心（公益一类）")
    ((), ())
    >>> bracket_names("抚顺市生态环境局（林业局）")  # 林业局 alone is every city's: only the unit's own name is kept
    ('抚顺市生态环境局',)

    A branch named in brackets after its parent (抚顺市生态环境局（顺城分局）, as forms print 抚顺市生态环境局顺城分局) is
    no second plate: the unit is the branch, and the parent's seal is another body's, not an alias (probe trust22):

    >>> bracket_names("抚顺市生态环境局（顺城分局）"), bracket_names("抚顺市环境科学研究院(新宾分院)")
    ((), ())
    """
    m = re.fullmatch(r"\s*(.+?)\s*[（(]\s*([^（）()]+?)\s*[）)]\s*", unit)
    if not m or not _BODY_END.search(m.group(1)) or not _BODY_END.search(m.group(2)):
        return ()
    if _BRANCH_END.search(m.group(2)):
        return ()
    from verify.marks.seals.matching import place_of

    out = []
    for name in (m.group(1), m.group(2)):
        try:
            name = _whole_unit_name(name)
        except PydanticCustomError:
            continue
        if place_of(name):  # a name of its own starts with its place: 林业局 alone would be every city's
            out.append(name)
    return tuple(out)


class _ApplicantIn(_Model):
    name: str
    unit: str
    unit_aliases: tuple[str, ...] = ()
    unit_kind: str = "institution"
    id_number: Optional[str] = None
    specialty: Optional[str] = None
    level: Optional[str] = None
    current_title: Optional[_TitleIn] = None
    papers: tuple[_PaperIn, ...] = ()
    awards: tuple[_AwardIn, ...] = ()
    campaign: Optional[str] = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            raise _error("text_type", f"应为文字，实际为数字 {v!r}")
        text = _text_value(v, "name")
        if text is None:
            raise _error("missing", "")
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            raise _error("text_type", f"应为申报人姓名，实际为 {text!r}")
        if len(letters) == 1:
            # one character is in every name that holds it: name: 杨 passed all of 杨振宇's
            # documents (probe alt23 F4)
            raise _error("text_type", f"应为申报人全名（至少两个字），实际为 {text!r}")
        label = next((w for w in FORM_LABELS if w in re.sub(r"\s", "", text)), None)
        if label is not None:
            # a form's label is on every form: name: 姓名 passed another person's ID card and
            # 评定表, found in their 姓名 毛丽 rows (hostile exploration 2)
            raise _error("text_type", f"应为申报人姓名，实际为 {text!r}（含表格栏目名称「{label}」）")
        return text

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, v):
        text = _text_value(v, "unit", numbers=False)
        if text is None:
            raise _error("missing", "")
        return _whole_unit_name(text)

    @field_validator("unit_aliases", mode="before")
    @classmethod
    def _aliases(cls, v):
        out = []
        for item in _as_list(v, "unit_aliases"):
            text = _text_value(item, "unit_aliases", numbers=False)
            if text:
                out.append(_whole_unit_name(text))
        return tuple(out)

    @field_validator("unit_kind", mode="before")
    @classmethod
    def _kind(cls, v):
        text = _text_value(v, "unit_kind", numbers=False)
        if text is None:
            return "institution"
        # ｉｎｓｔｉｔｕｔｉｏｎ typed with a Chinese input method's full-width letters was an error row
        folded = unicodedata.normalize("NFKC", text)
        kind = (UNIT_KIND_ALIASES.get(text) or _qualified_kind(text) or UNIT_KIND_ALIASES.get(folded)
                or _qualified_kind(folded) or folded.lower())
        if kind not in UNIT_KINDS:
            raise _error("unit_kind", "应为 事业单位（institution）、企业（enterprise）或 机关（government），"
                                      f"实际为 {text!r}")
        return kind

    @field_validator("id_number", "specialty", "level", mode="before")
    @classmethod
    def _text(cls, v, info):
        text = _text_value(v, info.field_name)
        return as_latin(text).upper() if text and info.field_name == "id_number" else text

    @field_validator("campaign", mode="before")
    @classmethod
    def _campaign(cls, v):
        from verify.campaign import bundled_campaigns, is_bundled

        text = _text_value(v, "campaign", numbers=False)
        if text and not is_bundled(text):
            raise _error("campaign", f"指定的评审批次 {text!r} 不是内置评审批次（内置：{'、'.join(bundled_campaigns())}）；"
                                     "评审批次由审核人用 --campaign 指定")
        return text

    @field_validator("current_title", mode="before")
    @classmethod
    def _title(cls, v):
        if v in (None, "", {}):
            return None
        if not isinstance(v, dict):
            raise _error("title_type", "应包含 name 和 date（现职称名称与取得时间）")
        v = _alias_keys(v, TITLE_KEY_ALIASES, "current_title 中")
        if not v.get("name") and not v.get("date"):
            return None
        if v.get("date") in (None, ""):
            raise _error("title_date", "缺少 date（现职称取得时间）")
        return v

    @field_validator("papers", "awards", mode="before")
    @classmethod
    def _records(cls, v, info):
        return _as_list(v, info.field_name)

    @model_validator(mode="after")
    def _title_after_schooling(self):
        """A title obtained before the applicant, by the claimed ID number's birth date, was
        :data:`YOUNGEST_TITLE_AGE`: 1949-06 for one born in 1988 passed every comparison of
        evidence.after_title (everything is after it), as 1900-01-01 had before the bound on
        the year (hostile exploration 12). Only a valid ID number is weighed."""
        from verify.read.identifiers import ric

        title = self.current_title
        if title is None or title.date is None or not self.id_number:
            return self
        number = ric.to_18(self.id_number)
        if ric.problem(number) is not None:
            return self
        born = _dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        latest = _dt.date(title.date.year, title.date.month or 12, 28 if title.date.day is None else title.date.day)
        if latest < born.replace(year=born.year + YOUNGEST_TITLE_AGE, day=min(born.day, 28)):
            raise _error("consistency", f"字段 current_title.date（现职称取得时间）{title.date.iso()} 早于身份证号所示出生日期"
                                        f"（{born.year} 年 {born.month} 月）后 {YOUNGEST_TITLE_AGE} 年，不可能；"
                                        "请核对现职称取得时间和身份证号")
        return self

    @model_validator(mode="after")
    def _papers_once(self):
        """A paper claimed twice (its title the same but for spaces and punctuation) is
        one paper: the dossier's one page and proof passed both claims (probe alt23 F3)."""
        from verify.read.claims import title_key

        first: dict[str, int] = {}
        for i, paper in enumerate(self.papers):
            key = title_key(paper.title)
            if key and key in first:
                raise _error("duplicate", f"字段 papers[{i + 1}].title 与 papers[{first[key] + 1}].title 是同一篇论文"
                                          f"《{paper.title.strip()}》（同一篇论文只能申报一次）")
            first.setdefault(key, i)
        return self


# ---------------------------------------------------------------- messages


def _field_label(loc: tuple) -> str:
    """``('papers', 0, 'date')`` -> ``papers[1].date`` (people count from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part.startswith("function-") or part in ("tagged-union", "dict", "list"):
            continue
        else:
            out += ("." if out else "") + part
    return out


_BUILTIN_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文字",
    "tuple_type": "应为列表",
    "list_type": "应为列表",
    "model_type": "应为字段表",
    "dict_type": "应为字段表",
    "model_attributes_type": "应为字段表",
}


def _message(error: dict) -> str:
    loc = tuple(error.get("loc") or ())
    label = _field_label(loc)
    kind = error.get("type", "")
    text = error.get("msg", "")
    if isinstance(error.get("ctx"), dict) and kind not in _BUILTIN_MESSAGES:
        text = str(error["ctx"].get("error", text))
    meaning = FIELD_NAMES_ZH.get(label)
    named = f"{label}（{meaning}）" if meaning else label
    if kind == "missing":
        return f"缺少必填字段 {named}"
    if kind == "date":
        return f"字段 {label} {text}" if text.startswith("的日期") else f"字段 {label}：{text}"
    if kind in ("duplicate", "consistency"):
        return text
    sep = "" if named.endswith("）") else " "
    if kind in _BUILTIN_MESSAGES:
        return f"字段 {named}{sep}{_BUILTIN_MESSAGES[kind]}"
    if not label:
        return text
    return f"字段 {named}{sep}{text}"


def parse_applicant(data, source: str) -> Applicant:
    """The :class:`Applicant` of a parsed ``applicant.yaml`` (or roster row), or a
    :class:`MetadataError` listing every problem with its field."""
    if not isinstance(data, dict):
        raise MetadataError(f"{source}：内容应为字段表（name、unit 等），实际为空或格式错误")
    try:
        data = _alias_keys(data, KEY_ALIASES, "")
    except PydanticCustomError as exc:
        raise MetadataError(f"{source}：{exc.message()}") from None
    try:
        model = _ApplicantIn.model_validate(data)
    except ValidationError as exc:
        messages = list(dict.fromkeys(_message(e) for e in exc.errors(include_url=False)))
        if len(messages) == 1:
            raise MetadataError(f"{source}：{messages[0]}", _name_of(data)) from None
        numbered = "；".join(f"{chr(0x2460 + i) if i < 20 else f'({i + 1})'} {m}" for i, m in enumerate(messages))
        raise MetadataError(f"{source}：{len(messages)} 处错误：{numbered}", _name_of(data)) from None
    title = model.current_title
    return Applicant(
        name=model.name,
        unit=model.unit,
        unit_aliases=model.unit_aliases + tuple(n for n in bracket_names(model.unit) if n not in model.unit_aliases),
        unit_kind=model.unit_kind,
        id_number=model.id_number,
        specialty=model.specialty,
        level=model.level,
        current_title=None if title is None or title.date is None else CurrentTitle(name=title.name or "",
                                                                                      date=title.date),
        papers=tuple(PaperClaim(title=p.title, journal=p.journal, issn=p.issn, cn=p.cn, date=p.date)
                     for p in model.papers),
        awards=tuple(AwardClaim(title=a.title, date=a.date) for a in model.awards),
        campaign=model.campaign,
        unread_keys=tuple(k for k in data if k not in _ApplicantIn.model_fields),
    )

