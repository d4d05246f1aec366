"""Loading and validating ``applicant.yaml`` (or ``applicant.json``, or a roster row).

Bad metadata is a clear error for that applicant (``MetadataError``, message in
Chinese), never a crash of the batch.

>>> a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站",
...     "current_title": {"name": "助理工程师", "date": "2019-06-30"},
...     "papers": [{"title": "PM2.5来源解析", "issn": "1674-1021", "date": "2022-05"}]}, "test")
>>> a.current_title.date.iso(), a.papers[0].date.iso(), a.unit_kind
('2019-06-30', '2022-05', 'institution')
>>> parse_applicant({"name": "张伟", "unit": "x", "current_title": {"name": "助理工程师", "date": "2019-13-45"}}, "applicant.yaml")
Traceback (most recent call last):
...
verify.applicant.MetadataError: applicant.yaml：字段 current_title.date 的日期 '2019-13-45' 写法不正确，应为 YYYY-MM 或 YYYY-MM-DD
>>> parse_applicant({"unit": "x"}, "applicant.yaml")
Traceback (most recent call last):
...
verify.applicant.MetadataError: applicant.yaml：缺少必填字段 name（申报人姓名）
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from verify.read.dates import PartialDate
from verify.model import Applicant, AwardClaim, CurrentTitle, PaperClaim

UNIT_KINDS = ("institution", "enterprise", "government")
METADATA_FILES = ("applicant.yaml", "applicant.yml", "applicant.json")


class MetadataError(Exception):
    """``applicant.yaml`` is missing or wrong; the message says what to fix."""


class _TextDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: ``2019-13-45`` stays text, so a bad date is
    reported by its field instead of crashing the YAML parser."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def find_metadata(folder: Path) -> Path | None:
    for name in METADATA_FILES:
        p = folder / name
        if p.is_file():
            return p
    return None


def load_applicant(folder: Path) -> Applicant:
    path = find_metadata(folder)
    if path is None:
        raise MetadataError(f"{folder.name}：缺少 applicant.yaml（申报人信息文件），无法核验")
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_TextDatesLoader)
    except UnicodeDecodeError:
        raise MetadataError(f"{path.name}：不是 UTF-8 编码的文本文件") from None
    except (yaml.YAMLError, json.JSONDecodeError) as e:
        raise MetadataError(f"{path.name}：格式错误，无法解析（{type(e).__name__}）") from None
    return parse_applicant(data, path.name)


def _text(value, field: str, source: str, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise MetadataError(f"{source}：缺少必填字段 {field}")
        return None
    if isinstance(value, (dict, list)):
        raise MetadataError(f"{source}：字段 {field} 应为文本")
    return str(value).strip()


def _date(value, field: str, source: str) -> PartialDate | None:
    if value is None or value == "":
        return None
    try:
        return PartialDate.parse_iso(value)
    except (ValueError, TypeError):
        raise MetadataError(f"{source}：字段 {field} 的日期 {value!r} 写法不正确，应为 YYYY-MM 或 YYYY-MM-DD") from None


def _list(value, field: str, source: str) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):  # roster cells: ';'-separated
        return [v.strip() for v in value.replace("；", ";").split(";") if v.strip()]
    if not isinstance(value, list):
        raise MetadataError(f"{source}：字段 {field} 应为列表")
    return value


def parse_applicant(data, source: str) -> Applicant:
    if not isinstance(data, dict):
        raise MetadataError(f"{source}：内容应为字段表（name、unit 等），实际为空或格式错误")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise MetadataError(f"{source}：缺少必填字段 name（申报人姓名）")
    unit = _text(data.get("unit"), "unit（申报单位）", source, required=True)
    unit_kind = _text(data.get("unit_kind"), "unit_kind", source) or "institution"
    if unit_kind not in UNIT_KINDS:
        raise MetadataError(f"{source}：unit_kind 应为 institution、enterprise 或 government，实际为 {unit_kind!r}")

    ct = data.get("current_title")
    current_title = None
    if isinstance(ct, dict) and (ct.get("name") or ct.get("date")):
        ct_date = _date(ct.get("date"), "current_title.date", source)
        if ct_date is None:
            raise MetadataError(f"{source}：current_title 缺少 date（现职称取得时间）")
        current_title = CurrentTitle(name=_text(ct.get("name"), "current_title.name", source) or "", date=ct_date)
    elif ct not in (None, "", {}):
        raise MetadataError(f"{source}：current_title 应包含 name 和 date")

    papers = []
    for i, p in enumerate(_list(data.get("papers"), "papers", source), 1):
        if isinstance(p, str):
            p = {"title": p}
        if not isinstance(p, dict):
            raise MetadataError(f"{source}：papers 第 {i} 项格式错误")
        papers.append(
            PaperClaim(
                title=_text(p.get("title"), f"papers[{i}].title", source),
                journal=_text(p.get("journal"), f"papers[{i}].journal", source),
                issn=_text(p.get("issn"), f"papers[{i}].issn", source),
                cn=_text(p.get("cn"), f"papers[{i}].cn", source),
                date=_date(p.get("date"), f"papers[{i}].date", source),
            )
        )
    awards = []
    for i, a in enumerate(_list(data.get("awards"), "awards", source), 1):
        if isinstance(a, str):
            a = {"title": a}
        if not isinstance(a, dict):
            raise MetadataError(f"{source}：awards 第 {i} 项格式错误")
        awards.append(
            AwardClaim(title=_text(a.get("title"), f"awards[{i}].title", source), date=_date(a.get("date"), f"awards[{i}].date", source))
        )

    id_number = _text(data.get("id_number"), "id_number", source)
    aliases = tuple(str(x).strip() for x in _list(data.get("unit_aliases"), "unit_aliases", source) if str(x).strip())
    return Applicant(
        name=name.strip(),
        unit=unit,
        unit_aliases=aliases,
        unit_kind=unit_kind,
        id_number=id_number.upper() if id_number else None,
        specialty=_text(data.get("specialty"), "specialty", source),
        level=_text(data.get("level"), "level", source),
        current_title=current_title,
        papers=tuple(papers),
        awards=tuple(awards),
        campaign=_text(data.get("campaign"), "campaign", source),
    )
