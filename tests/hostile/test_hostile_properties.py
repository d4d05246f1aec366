"""Property-based tests (Hypothesis) of the parsers that take applicant text: dates,
identifiers, ``applicant.yaml``, roster rows, zip member names.

Each property says two things: no input crashes the parser (only its own, documented
error), and no input is silently accepted as something it is not (a date from text
without one, a valid identifier with a wrong check digit, an applicant without a
name, a member path outside the folder).
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from verify.applicant import UNIT_KINDS, MetadataError, _clean_text, parse_applicant
from verify.read.dates import PartialDate, find_dates, parse_date
from verify.read.identifiers import cn_serial
from verify.roster import row_to_data
from verify.run import batch
from verify.safe_yaml import UnsafeYaml, load as load_yaml

import hostile_build as build

FAST = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Text as applicants and scanners produce it: CJK, digits (ASCII, full-width, Chinese),
# punctuation, look-alikes, controls.
CHARS = st.sampled_from(list("0123456789０１２３４５６７８９〇一二三四五六七八九十年月日号期度-/.．：:（）() 　"
                             "OolI|抚顺市张伟第卷CNISSNX\t\n\u202e\u200b\ufeff"))
APPLICANT_TEXT = st.one_of(st.text(CHARS, max_size=40), st.text(max_size=40))


# ---------------------------------------------------------------- dates


@FAST
@given(APPLICANT_TEXT)
def test_the_date_reader_never_crashes_and_returns_real_dates(text):
    date = parse_date(text)
    assert date is None or (isinstance(date, PartialDate) and 1900 <= date.year <= 2100)
    for found, matched, (a, b) in find_dates(text):
        assert 0 <= a <= b <= len(text) and 1900 <= found.year <= 2100


@FAST
@given(st.text(st.characters(blacklist_categories=("Nd", "No", "Nl"),
                             blacklist_characters="〇○零一二三四五六七八九十两OoОΟ◯口（(心lI|"), max_size=60))
def test_no_date_is_read_from_text_without_a_digit(text):
    assert parse_date(text) is None and find_dates(text) == []


@FAST
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2039, 12, 31)),  # numeric dates: 1940..2039 (dates.py)
       st.sampled_from(["{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}", "{y}.{m:02d}.{d:02d}", "{y}/{m}/{d}",
                        "{y}年{m:02d}月{d:02d}日"]))
def test_every_spelling_of_a_real_date_reads_back_exactly(date, spelling):
    text = spelling.format(y=date.year, m=date.month, d=date.day)
    assert parse_date(text) == PartialDate(date.year, date.month, date.day)


@FAST
@given(st.one_of(APPLICANT_TEXT, st.integers(), st.floats(allow_nan=True)))
def test_the_metadata_date_spelling_accepts_or_raises_value_error(value):
    try:
        date = PartialDate.parse_iso(value)
    except (ValueError, TypeError):
        return
    assert 1900 <= date.year <= 2100


# ---------------------------------------------------------------- identifiers


@FAST
@given(st.one_of(APPLICANT_TEXT, st.from_regex(r"CN ?[0-9]{2}[-－][0-9]{3,5}/[A-Z][A-Z0-9]?", fullmatch=True)))
def test_cn_numbers_are_valid_exactly_when_no_reason_is_given(text):
    valid = cn_serial.is_valid(text)
    why = cn_serial.reason(text)
    assert valid == (why is None)
    if valid:
        assert cn_serial.validate(text).startswith("CN") and "/" in cn_serial.format(text)
    else:
        assert why.strip()


@FAST
@given(st.from_regex(r"[0-9]{4}-[0-9]{3}[0-9X]", fullmatch=True))
def test_an_issn_is_valid_only_with_its_check_digit(text):
    from stdnum import issn

    digits = text.replace("-", "")
    total = sum(int(c) * w for c, w in zip(digits[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    assert issn.is_valid(text) == (digits[7] == ("X" if check == 10 else str(check)))


@FAST
@given(st.from_regex(r"[1-6][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9X]", fullmatch=True))
def test_a_resident_id_is_valid_only_with_its_check_digit(text):
    from verify.read.identifiers import ric

    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(text[:17], weights)) % 11]
    if ric.is_valid(text):
        assert text[17] == check


# ---------------------------------------------------------------- applicant.yaml


KEYS = st.sampled_from(["name", "unit", "unit_aliases", "unit_kind", "id_number", "specialty", "level",
                        "current_title", "papers", "awards", "campaign", "姓名", "单位", "单位性质", "现职称",
                        "论文", "获奖", "Name", "date", "title", "取得时间", "名称", "x"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    APPLICANT_TEXT, st.sampled_from(["张伟", "抚顺市生态环境监测站", "事业单位", "企业", "2019-06-30",
                                                     "2019年6月", "fushun-2024", "../../tmp/lax"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


def _check_applicant(data) -> None:
    try:
        a = parse_applicant(data, "applicant.yaml")
    except MetadataError as exc:
        assert str(exc).startswith("applicant.yaml：") and len(str(exc)) > len("applicant.yaml：")
        return
    # accepted: every required fact is really there
    assert a.name and any(ch.isalpha() for ch in a.name) and a.unit and a.unit_kind in UNIT_KINDS
    assert a.campaign in (None, "fushun-2024")
    raw_names = [v for k, v in data.items() if str(k).strip().lower() in ("name", "姓名")]
    # the name as given, less the invisible characters the reader drops (a zero-width space inside it)
    assert len(raw_names) == 1 and isinstance(raw_names[0], str) and a.name in " ".join(_clean_text(raw_names[0]).split())
    if a.current_title is not None:
        assert 1900 <= a.current_title.date.year <= 2100


@FAST
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_applicant_data_is_accepted_whole_or_refused_with_a_message(data):
    _check_applicant(data)


@FAST
@given(st.fixed_dictionaries({"name": SCALARS, "unit": SCALARS},
                             optional={"current_title": VALUES, "papers": VALUES, "unit_kind": SCALARS,
                                       "campaign": SCALARS, "awards": VALUES}))
def test_nearly_valid_applicants_are_accepted_whole_or_refused(data):
    _check_applicant(data)


@FAST
@given(st.lists(st.sampled_from(list("name: 张伟\nunit:[]{}&*!|>-'\",#%@`0123456789.") + ["&a ", "*a", "<<: "]),
                max_size=80).map("".join))
def test_yaml_text_is_loaded_or_refused_with_a_message(text):
    try:
        data = load_yaml(text, "applicant.yaml")
    except UnsafeYaml as exc:
        assert str(exc).startswith("applicant.yaml：")
        return
    if isinstance(data, dict):
        _check_applicant(data)


# ---------------------------------------------------------------- roster rows


HEADINGS = st.sampled_from(["key", "name", "姓名", "unit", "单位", "单位性质", "unit_kind", "current_title.date",
                            "现职称", "现职称取得时间", "papers.title", "papers.date", "papers.2.issn", "awards.1.date",
                            "unit_aliases", "评审批次", "备注", " ", "papers."])
CELLS = st.one_of(st.none(), st.integers(-10**17, 10**17), st.floats(allow_nan=True), APPLICANT_TEXT,
                  st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)))


@FAST
@given(st.dictionaries(HEADINGS, CELLS, max_size=10))
def test_roster_rows_are_accepted_whole_or_refused_with_a_message(row):
    data = row_to_data(row)
    _check_applicant(data)


# ---------------------------------------------------------------- zip member names


NAMES = st.one_of(st.lists(st.sampled_from(list("ab./\\:目录") + ["..", "C:", "\\\\", "\x00"]), max_size=12).map("".join),
                  st.text(max_size=30))


@FAST
@given(NAMES)
def test_a_member_path_is_inside_the_folder_or_refused(name):
    rel = batch.safe_member_path(name)
    if rel is not None:
        parts = rel.split("/")
        assert not rel.startswith("/") and "\\" not in rel and all(p not in ("", ".", "..") for p in parts)
        assert not (len(rel) > 1 and rel[1] == ":")


@FEW
@given(st.lists(st.one_of(NAMES.map(lambda n: n.encode("utf-8", "surrogatepass")),
                          st.binary(min_size=1, max_size=20)), min_size=1, max_size=5))
def test_extracting_any_member_names_writes_only_inside_the_folder(names):
    assume(all(names))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        zipped = build.write_zip(root / "a.zip", [{"name": n, "data": b"x"} for n in names])
        dest = root / "box" / "dest"
        try:
            batch.extract_zip(zipped, dest)
        except batch.UnsafeArchive as exc:
            assert str(exc).startswith("a.zip：")
        outside = [p for p in root.rglob("*") if p != root / "a.zip" and root / "box" / "dest" not in (p, *p.parents)
                   and p != root / "box"]
        assert not outside, outside
        for p in dest.rglob("*") if dest.exists() else ():
            assert not p.is_symlink()
