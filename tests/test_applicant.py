"""applicant.yaml: bad metadata is a clear MetadataError naming the field."""
from __future__ import annotations

import pytest

from verify.applicant import MetadataError, load_applicant


@pytest.mark.parametrize("yaml_text, words", [
    ("name: 张伟\nunit: 某单位\ncurrent_title: {name: a, date: 2019-13-45}\n", ["current_title.date", "2019-13-45"]),
    ("name: 张伟\nunit: 某单位\npapers:\n  - {title: t, date: 2022-02-30}\n", ["papers[1].date"]),
    # YAML 1.1 reads 2019:06:06 as the base-60 integer 7268766 (hostile exploration 3)
    ("name: 张伟\nunit: 某单位\ncurrent_title: {name: a, date: 2019:06:06}\n", ["current_title.date", "'2019:06:06'"]),
    ("unit: 某单位\n", ["name"]),
    ("name: 杨\nunit: 某单位\n", ["name", "至少两个字"]),  # a surname alone is in every name of it (probe alt23 F4)
    ("name: 张伟\n", ["unit"]),
    # a form's label is on every form: 姓名 passed another person's ID card (hostile exploration 2)
    ("name: 姓名\nunit: 某单位\n", ["name", "表格栏目名称「姓名」"]),
    ("name: 姓 名\nunit: 某单位\n", ["name", "表格栏目名称「姓名」"]),
    ("name: 姓名毛\nunit: 某单位\n", ["name", "表格栏目名称「姓名」"]),
    ("name: 民族\nunit: 某单位\n", ["name", "表格栏目名称「民族」"]),
    # 站 or 局 is in every body's name that ends so (probe alt23 F2: an alias 局 matched 沈阳市局)
    ("name: 张伟\nunit: 抚顺市生态环境监测站\nunit_aliases: [站]\n", ["unit_aliases", "单位全称"]),
    ("name: 张伟\nunit: 中心\n", ["unit", "单位全称"]),
    # every such body's name holds these: another city's seal was no surer another body's (hostile exploration 2)
    ("name: 张伟\nunit: 生态环境监测中心站\n", ["unit", "含地名或单位字号"]),
    ("name: 张伟\nunit: ααα站\n", ["unit", "含地名或单位字号"]),
    ("name: 张伟\nunit: 抚顺市生态环境事务服务中心\nunit_aliases: [监测中心站]\n", ["unit_aliases", "含地名或单位字号"]),
    # one paper claimed twice, spelled apart by punctuation: its one page passed both (probe alt23 F3)
    ("name: 张伟\nunit: 某单位\npapers:\n  - {title: 抚顺市区大气PM2.5污染特征, date: 2022-05}\n"
     "  - {title: '抚顺市区大气PM2.5污染特征。', date: 2022-05}\n", ["papers[2].title", "papers[1].title", "同一篇论文"]),
    ("name: 张伟\nunit: 某单位\nunit_kind: 私企\n", ["unit_kind"]),
    ("name: [张伟\n", ["格式错误"]),
    ("", ["name"]),
    # a key given twice: which counts would be the parser's choice (probe alt11: 企业 forty lines below)
    ("name: 张伟\nunit: 某单位\nunit_kind: institution\npapers: []\nunit_kind: 企业\n", ["字段重复", "unit_kind", "第 5 行"]),
    # every key given twice at once, not the first only (hostile exploration)
    ("name: 张伟\nunit: 某单位\nunit_kind: 事业单位\nname: 李四\nunit_kind: 企业\n",
     ["字段重复", "name（第 4 行）", "unit_kind（第 5 行）"]),
])
def test_bad_metadata_names_what_to_fix(tmp_path, yaml_text, words):
    (tmp_path / "applicant.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(MetadataError) as err:
        load_applicant(tmp_path)
    for w in words:
        assert w in str(err.value)


def test_yaml_dates_are_read_at_their_precision(tmp_path):
    (tmp_path / "applicant.yaml").write_text(
        "name: 张伟\nunit: 某单位\ncurrent_title: {name: 助理工程师, date: 2019-06-30}\n"
        "papers:\n  - {title: t, date: 2022-05}\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert a.current_title.date.iso() == "2019-06-30" and a.papers[0].date.iso() == "2022-05"


@pytest.mark.parametrize("written, want", [("'2022(5)'", "2022-03/10"), ("'2022, 42(5): 12-18'", "2022-03/10"),
                                           ("2022年第5期", "2022-03/10"), ("'2022（12）'", "2022-06/12"),
                                           ("'Vol.42 No.5 2022'", "2022-03/10"), ("'No. 12, 2019'", "2019-06/12"),
                                           ("2022-S1", "2022"), ("'2022(S1)'", "2022"), ("2022年增刊1", "2022")])
def test_a_papers_year_and_issue_written_as_a_citation_is_its_date(tmp_path, written, want):
    """DOSSIER.md: a paper's date is a year-month "or year plus issue"; written as citations
    write it, 2022(5), or with the issue first, Vol.42 No.5 2022, the applicant was an error
    row (日期无法识别); a supplement's (2022-S1) is its year."""
    (tmp_path / "applicant.yaml").write_text(
        f"name: 张伟\nunit: 某单位\npapers:\n  - {{title: t, date: {written}}}\n", encoding="utf-8")
    assert load_applicant(tmp_path).papers[0].date.iso() == want


def test_missing_metadata_file(tmp_path):
    with pytest.raises(MetadataError, match="applicant.yaml"):
        load_applicant(tmp_path)


def test_claimed_journal_numbers_are_read_however_typed(tmp_path):
    """"ISSN 1674-991X" typed in the claim failed journal.issn as 格式错误 (a false fail)."""
    (tmp_path / "applicant.yaml").write_text(
        "name: 张伟\nunit: 某单位\npapers:\n  - {title: t, issn: ISSN 1674-991x}\n  - {title: u, issn: '16741021'}\n"
        "  - {title: v, issn: '1674-10', cn: 11-5972X}\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert [p.issn for p in a.papers] == ["1674-991X", "1674-1021", "1674-10"]
    assert a.papers[2].cn == "11-5972/X"  # the slash left out: journal.cn failed the claim as 无效


@pytest.mark.parametrize("typed", ["'2024-02-30'", "2019年2月29日"])
def test_a_date_of_a_day_its_month_does_not_have_is_said_so(tmp_path, typed):
    """2024-02-30 was 「无法识别，应写成 2019-06-30…」: as if the writing were wrong, not the day (hostile4)."""
    (tmp_path / "applicant.yaml").write_text(
        f"name: 张伟\nunit: 抚顺市环境科学研究院\ncurrent_title:\n  name: 工程师\n  date: {typed}\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="不存在（20(24|19) 年 2 月只有 2[89] 天）"):
        load_applicant(tmp_path)


@pytest.mark.parametrize("typed", ["ｉｎｓｔｉｔｕｔｉｏｎ", "ＩＮＳＴＩＴＵＴＩＯＮ", "事业单位（公益一类）"])
def test_a_unit_kind_typed_in_full_width_letters_is_read(tmp_path, typed):
    """ｉｎｓｔｉｔｕｔｉｏｎ, typed with a Chinese input method's full-width letters, was an error
    row: the applicant not checked until the file was fixed (hostile4)."""
    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: 抚顺市环境科学研究院\nunit_kind: {typed}\n", encoding="utf-8")
    assert load_applicant(tmp_path).unit_kind == "institution"


def test_titles_typed_in_traditional_characters_are_read_as_the_pages_are(tmp_path):
    """A clean dossier whose claims were typed in traditional characters (生態環境執法規範化管理研究
    in 環境工程技術學報) failed paper.retrieval (no proof named it) and journal.registered called
    the journal another's; a simplified title keeps its 乾隆 (hostile4)."""
    (tmp_path / "applicant.yaml").write_text(
        "name: 张伟\nunit: 抚顺市环境科学研究院\npapers:\n  - {title: 生態環境執法規範化管理研究, journal: 環境工程技術學報}\n"
        "  - {title: 基于遥感的乾隆年间水系变迁研究}\nawards:\n  - {title: 撫順市科學技術進步獎}\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert [(p.title, p.journal) for p in a.papers] == [("生态环境执法规范化管理研究", "环境工程技术学报"),
                                                        ("基于遥感的乾隆年间水系变迁研究", None)]
    assert [w.title for w in a.awards] == ["抚顺市科学技术进步奖"]


@pytest.mark.parametrize("hidden", ["\u00ad", "\u034f", "\u3164", "\u200b", "\u2063"])
def test_characters_that_print_as_nothing_are_dropped(tmp_path, hidden):
    """杨\u00ad振宇 looked like 杨振宇 in every report yet matched no page: eleven reviews
    whose messages named two identical-looking names (probe alt23 F17)."""
    (tmp_path / "applicant.yaml").write_text(f"name: 杨{hidden}振宇\nunit: 抚顺市生态{hidden}环境监测站\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert (a.name, a.unit) == ("杨振宇", "抚顺市生态环境监测站")


def test_a_bidi_control_is_still_refused(tmp_path):
    (tmp_path / "applicant.yaml").write_text("name: 杨\u202e振宇\nunit: 某单位\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="控制字符"):
        load_applicant(tmp_path)


def test_two_metadata_files_are_an_error_naming_both(tmp_path):
    """Probe alt23 F5: an applicant.json claiming 企业 beside applicant.yaml went unseen."""
    (tmp_path / "applicant.yaml").write_text("name: 张伟\nunit: 某单位\n", encoding="utf-8")
    (tmp_path / "applicant.json").write_text('{"name": "张伟", "unit": "某单位", "unit_kind": "企业"}', encoding="utf-8")
    with pytest.raises(MetadataError, match="applicant.yaml、applicant.json"):
        load_applicant(tmp_path)


@pytest.mark.parametrize("yaml_text, words", [
    ("name: 张伟\nunit: 某单位\nunit_kind: 事业单位\n<<: {unit_kind: 企业}\n", ["合并键"]),  # probe alt23 F5
    ("name: 张伟\nunit: 某单位\nid_number: " + "9" * 5000 + "\n", ["过长的数字"]),  # probe alt23 F14
    # a tag the safe loader does not construct: refused as such, not as 格式错误 (hostile2's audit)
    ("name: 张伟\nunit: 某单位\nx: !!python/object/apply:os.system ['id']\n",
     ["不允许的标签 !!python/object/apply:os.system", "第 3 行"]),
    ("name: !custom 张伟\nunit: 某单位\n", ["不允许的标签 !custom"]),
])
def test_metadata_the_parser_would_read_unseen_is_refused(tmp_path, yaml_text, words):
    (tmp_path / "applicant.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(MetadataError) as err:
        load_applicant(tmp_path)
    assert all(w in str(err.value) for w in words)


def test_a_dossier_folder_gone_mid_batch_says_so(tmp_path):
    """Probe alt23 F15: a folder deleted while the batch ran read as a missing applicant.yaml."""
    with pytest.raises(MetadataError, match="已不存在"):
        load_applicant(tmp_path / "gone")


@pytest.mark.parametrize("hidden", ["\ufe0f", "\ufe00", "\U000e0100", "\u2800", "\u17b5"])
def test_glyph_selectors_and_blank_letters_are_dropped(tmp_path, hidden):
    """毛\ufe0f丽 showed as 毛丽 in the report and the summary, yet the applicant's own
    评定表 failed identity.name: 「毛丽别男」，不是申报人「毛️丽」 (hostile exploration 4, P3)."""
    (tmp_path / "applicant.yaml").write_text(f"name: 毛{hidden}丽\nunit: 抚顺市生态{hidden}环境监测站\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert (a.name, a.unit) == ("毛丽", "抚顺市生态环境监测站")


def test_a_compatibility_ideograph_is_the_character_it_prints_as(tmp_path):
    """丽 pasted as U+2F800 (identical in print) was weighed against the page's 丽 and found
    surely not it: 识别为“毛丽”，识别把握充分，不是“毛丽”."""
    (tmp_path / "applicant.yaml").write_text("name: 毛\U0002f800\nunit: 抚顺市\u2f63态环境监测站\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert (a.name, a.unit) == ("毛丽", "抚顺市生态环境监测站")


def test_a_combining_mark_on_a_chinese_character_is_refused_by_its_code(tmp_path):
    (tmp_path / "applicant.yaml").write_text("name: 毛\u0301丽\nunit: 某单位\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=r"组合符号（U\+0301）"):
        load_applicant(tmp_path)
    # an accent composed onto its letter is the letter: a title in a Latin script keeps it
    (tmp_path / "applicant.yaml").write_text("name: 毛丽\nunit: 某单位\npapers:\n  - title: Cafe\u0301 wastewater\n",
                                             encoding="utf-8")
    assert load_applicant(tmp_path).papers[0].title == "Caf\u00e9 wastewater"


def test_a_title_typed_in_book_marks_is_read_without_them(tmp_path):
    """论文《《燃煤电厂…》》 in every message about a claim typed in 《》 (trust exploration 6)."""
    (tmp_path / "applicant.yaml").write_text("name: 毛丽\nunit: 某单位\npapers:\n  - {title: 《燃煤电厂SO2与NOx协同控制技术应用研究》,"
                                             " journal: 《环境保护》}\n", encoding="utf-8")
    [paper] = load_applicant(tmp_path).papers
    assert (paper.title, paper.journal) == ("燃煤电厂SO2与NOx协同控制技术应用研究", "环境保护")


@pytest.mark.parametrize("date", ["2099-01-01", "1900-01-01", "1929-12", "tomorrow"])
def test_a_title_date_in_the_future_or_before_1930_is_refused(tmp_path, date):
    """2099-01-01 failed every paper as 早于现职称取得时间 and 1900-01-01 passed every
    comparison with it (hostile exploration 5, P7)."""
    import datetime as dt

    if date == "tomorrow":
        date = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: 某单位\ncurrent_title: {{name: 工程师, date: {date}}}\n",
                                             encoding="utf-8")
    with pytest.raises(MetadataError, match=f"现职称取得时间）{date} 不可能"):
        load_applicant(tmp_path)
    (tmp_path / "applicant.yaml").write_text("name: 张伟\nunit: 某单位\ncurrent_title: {name: 工程师, date: 1930-01}\n",
                                             encoding="utf-8")
    assert load_applicant(tmp_path).current_title.date.iso() == "1930-01"


@pytest.mark.parametrize("written, kind", [
    ("事业单位（公益一类）", "institution"), ("公益二类事业单位", "institution"), ("全额拨款事业单位", "institution"),
    ("事业单位(差额拨款)", "institution"), ("国有控股企业", "enterprise"), ("企业（民营）", "enterprise"),
])
def test_a_unit_kind_written_with_its_class_or_funding_is_read(tmp_path, written, kind):
    """HR staff write the body's class or funding with its kind (probe trust11: 事业单位（公益一类）
    was an error row, the applicant not checked at all)."""
    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: 抚顺市环境科学研究院\nunit_kind: {written}\n", encoding="utf-8")
    assert load_applicant(tmp_path).unit_kind == kind


@pytest.mark.parametrize("written", ["事业单位（参照公务员法管理）", "参公事业单位", "机关事业单位", "公益一类"])
def test_a_unit_kind_whose_words_may_name_another_kind_stays_an_error(tmp_path, written):
    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: 抚顺市环境科学研究院\nunit_kind: {written}\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="unit_kind"):
        load_applicant(tmp_path)


@pytest.mark.parametrize("written", ["'2019-06-30T00:00:00'", "'2019-06-30 00:00:00.000'", "2019-06-30T00:00:00+08:00"])
def test_a_date_exported_as_its_midnight_is_read(tmp_path, written):
    """A date a spreadsheet exported with its midnight (probe trust11: an error row, the
    applicant unchecked); another time of day stays an error."""
    (tmp_path / "applicant.yaml").write_text(
        f"name: 张伟\nunit: 抚顺市环境科学研究院\ncurrent_title: {{name: 助理工程师, date: {written}}}\n", encoding="utf-8")
    assert load_applicant(tmp_path).current_title.date.iso() == "2019-06-30"


def test_a_date_with_another_time_of_day_stays_an_error(tmp_path):
    (tmp_path / "applicant.yaml").write_text(
        "name: 张伟\nunit: 抚顺市环境科学研究院\ncurrent_title: {name: 助理工程师, date: '2019-06-30T14:30:00'}\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="current_title.date"):
        load_applicant(tmp_path)


@pytest.mark.parametrize("unit, reading, match", [
    ("抚顺市生态环境局（抚顺市林业局）", "抚顺市林业局", "unit"),
    ("抚顺市生态环境局(抚顺市林业局)", "抚顺市生态环境局", "unit"),
    ("抚顺市生态环境局（抚顺市林业局）", "沈阳市林业局", "other"),
    ("抚顺市生态环境局（林业局）", "沈阳市林业局", "other"),
])
def test_a_unit_with_a_second_name_in_brackets_seals_with_either(tmp_path, unit, reading, match):
    """一个机构两块牌子: 抚顺市生态环境局（抚顺市林业局） seals with either name, each read exactly; every such seal was
    a review on a clean dossier (probe trust12, S01/S02). Another city's body is still another body."""
    from verify.marks.seals.matching import seal_names_unit

    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: {unit}\nunit_kind: 机关\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert seal_names_unit(reading, a.unit_names, score=0.99) == match


@pytest.mark.parametrize("key", ["现有职称", "现专业技术资格", "现资格", "现职称信息", "现专业技术职务"])
def test_the_title_held_under_the_names_forms_give_it_is_read(tmp_path, key):
    """现有职称: {名称, 取得时间} was dropped unread as an unknown key: the applicant was judged as applying for a
    first title, and every achievement before the title passed evidence.after_title (probe trust12)."""
    (tmp_path / "applicant.yaml").write_text(f"姓名: 张伟\n单位: 抚顺市生态环境监测站\n{key}:\n  名称: 助理工程师\n"
                                             "  取得时间: 2019-06-30\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert a.current_title is not None and a.current_title.date.iso() == "2019-06-30"


@pytest.mark.parametrize("kind, code", [("国家机关", "government"), ("党政机关", "government"), ("行政单位", "government"),
                                        ("股份有限公司", "enterprise"), ("有限责任公司", "enterprise"),
                                        ("国有独资公司", "enterprise"), ("有限责任公司（自然人独资）", "enterprise"),
                                        ("企业法人", "enterprise"), ("事业单位法人", "institution"),
                                        ("机关法人", "government")])
def test_unit_kinds_as_hr_staff_also_write_them(tmp_path, kind, code):
    """Each was an error row (the applicant not checked) though it names one kind (probe trust12)."""
    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: 抚顺市生态环境监测站\nunit_kind: {kind}\n", encoding="utf-8")
    assert load_applicant(tmp_path).unit_kind == code


@pytest.mark.parametrize("label", ["评审通过时间", "取得资格时间", "资格取得时间"])
def test_the_title_dated_under_its_certificates_own_label_is_read(tmp_path, label):
    """现职称: {资格名称, 评审通过时间} (the title certificate's own labels) was an error row, 缺少 date (probe trust13)."""
    (tmp_path / "applicant.yaml").write_text(f"姓名: 张伟\n单位: 抚顺市生态环境监测站\n现职称:\n  资格名称: 助理工程师\n"
                                             f"  {label}: 2019-06-30\n", encoding="utf-8")
    a = load_applicant(tmp_path)
    assert a.current_title.name == "助理工程师" and a.current_title.date.iso() == "2019-06-30"


def test_the_title_dated_by_its_appointment_is_not_taken_for_its_date(tmp_path):
    """任职时间 dates the appointment, which may come after the title was obtained: not read as its date."""
    (tmp_path / "applicant.yaml").write_text("姓名: 张伟\n单位: 抚顺市生态环境监测站\n现职称:\n  名称: 助理工程师\n"
                                             "  任职时间: 2019-06-30\n", encoding="utf-8")
    with pytest.raises(Exception):
        load_applicant(tmp_path)


@pytest.mark.parametrize("key", ["身份证", "证件号码"])
def test_the_id_number_under_the_keys_hr_staff_write_is_read(tmp_path, key):
    """身份证: … was dropped unread as an unknown key: the ID card was then compared with no claim, so another
    person's card passed identity.id_number (probe trust13)."""
    (tmp_path / "applicant.yaml").write_text(f"姓名: 张伟\n单位: 抚顺市生态环境监测站\n{key}: '210411198803140338'\n",
                                             encoding="utf-8")
    assert load_applicant(tmp_path).id_number == "210411198803140338"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_an_applicant_yaml_saved_as_windows_saves_it_is_read(tmp_path, encoding):
    # Notepad and Excel on Chinese Windows save 「ANSI」 as GBK and 「Unicode」 as UTF-16 with a BOM: an HR office's
    # GBK applicant.yaml was an error row 「不是 UTF-8 编码的文本文件」 (probe trust15 C08)
    text = "# 人事科填写\r\nname: 欧阳振华\r\nunit: 抚顺市望花区生态环境保护服务中心\r\nunit_kind: 事业单位\r\n"
    (tmp_path / "applicant.yaml").write_bytes(text.encode(encoding))
    a = load_applicant(tmp_path)
    assert (a.name, a.unit) == ("欧阳振华", "抚顺市望花区生态环境保护服务中心")


def test_an_applicant_yaml_in_no_encoding_read_is_still_an_error(tmp_path):
    (tmp_path / "applicant.yaml").write_bytes(b"name: " + bytes(range(128, 256)) + b"\nunit: x\n")
    with pytest.raises(MetadataError, match="不是 UTF-8 或 GBK 编码"):
        load_applicant(tmp_path)


@pytest.mark.parametrize("written, iso", [("2019.12", "2019-12"), ("2019.10", "2019-10"), ("2019.06", "2019-06"),
                                          ("2019.6", "2019-06")])
def test_a_year_and_month_typed_unquoted_is_read_as_typed(tmp_path, written, iso):
    """``date: 2019.12`` unquoted, as an HR office types it: YAML reads a number (2019.10 the float 2019.1), but the
    text typed is the date (probe trust16: every such applicant.yaml was an error row, the dossier unchecked)."""
    (tmp_path / "applicant.yaml").write_text(
        f"name: 张伟\nunit: 抚顺市环境科学研究院\ncurrent_title: {{name: 助理工程师, date: 2016-12-20}}\n"
        f"awards:\n  - title: 抚顺市生态环境科学技术奖二等奖\n    date: {written}\n", encoding="utf-8")
    assert load_applicant(tmp_path).awards[0].date.iso() == iso


@pytest.mark.parametrize("written", ["2019.13", "2019.125", "12.5"])
def test_a_decimal_that_is_no_year_and_month_stays_an_error(tmp_path, written):
    (tmp_path / "applicant.yaml").write_text(
        f"name: 张伟\nunit: 抚顺市环境科学研究院\ncurrent_title: {{name: 助理工程师, date: {written}}}\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="小数"):
        load_applicant(tmp_path)
