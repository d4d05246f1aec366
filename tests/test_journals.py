"""The journal registry: building it from lists, looking journals up, and the
judgement of an ISSN, a CN, a name and a date (each status and outcome)."""
from __future__ import annotations

import sqlite3

import pytest

from verify.journals import importer
from verify.journals.judge import NameEvidence, judge
from verify.journals.registry import SHIPPED, Registry, RegistryError
from verify.journals.testing import small_registry
from verify.read.dates import PartialDate


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    return Registry(small_registry(tmp_path_factory.mktemp("reg")))


@pytest.fixture(scope="module")
def complete_reg(tmp_path_factory):
    return Registry(small_registry(tmp_path_factory.mktemp("reg_complete"), complete=True))


def sure(*_):
    return False  # the recogniser was sure (or the numbers were typed)


# ---------------------------------------------------------------- building


def test_import_maps_press_administration_headers_and_cleans_values(reg):
    assert reg.info.name == "测试登记库" and reg.info.as_of.isoformat() == "2023-11-30" and not reg.info.complete
    (rec,) = reg.by_issn("1674-1021")
    assert rec.name == "环境保护与循环经济" and rec.cn == "21-1556/X" and rec.former_names == ("辽宁城乡环境科技", "环境科技")
    assert rec.publisher == "辽宁省环境科学研究院" and rec.frequency == "月刊" and rec.active
    (shandong,) = reg.by_cn("37-1051/X")
    assert shandong.status == "ceased" and shandong.status_year == 2008
    (shaanxi,) = reg.by_cn("61-1279/X")
    assert shaanxi.status == "ceased" and shaanxi.status_year is None
    assert [r.name for r in reg.by_name_exact("某某集刊")] == ["某某集刊"]  # kept by name alone
    assert reg.by_issn("0254-6108")[0].founded == 1982 and rec.founded is None  # 创刊时间 1982年, and none


@pytest.mark.parametrize("raw, expected", [
    ("1000-0933", ("1000-0933", True)), ("１０００－０９３３", ("1000-0933", True)), ("10000933", ("1000-0933", True)),
    ("1008-8596", ("1008-8596", False)), ("ISSN 1674-1021", ("1674-1021", True)), ("", (None, False)), ("暂无", (None, False)),
])
def test_issn_cleaning(raw, expected):
    assert importer.normalise_issn(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("11-2031/Q", ("11-2031/Q", "11-2031")), ("CN 21-1556/x", ("21-1556/X", "21-1556")), ("37-13O5/G4", ("37-1305/G4", "37-1305")),
    ("32-1616/GO", ("32-1616/G0", "32-1616")), ("11-3869", ("11-3869", "11-3869")), ("44(Q)第1116", (None, None)),
    ("44-Q1116", (None, None)), ("51-1199/O4", ("51-1199/O4", "51-1199")), ("11-1375/TM", ("11-1375/TM", "11-1375")),
])
def test_cn_cleaning(raw, expected):
    assert importer.normalise_cn(raw) == expected


def test_xlsx_with_a_title_row_and_update_replaces_the_same_list(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["2024年辽宁省期刊名录"])
    ws.append(["刊名", "ISSN", "CN", "主办单位", "出版状态"])
    ws.append(["环境保护与循环经济", "1674-1021", "21-1556/X", "辽宁省环境科学研究院", "正常出版"])
    ws.append(["辽宁化工", "1004-0935", "21-1203/TQ", "辽宁省化工学会", ""])
    wb.save(tmp_path / "liaoning.xlsx")
    target = tmp_path / "r.sqlite"
    report = importer.import_list(tmp_path / "liaoning.xlsx", target, complete=True)
    assert report.imported == 2
    r = Registry(target)
    assert r.info.complete and r.info.journals == 2 and r.by_cn("21-1203/TQ")[0].name == "辽宁化工"
    r.close()
    ws.delete_rows(4)
    wb.save(tmp_path / "liaoning.xlsx")
    importer.import_list(tmp_path / "liaoning.xlsx", target)
    r = Registry(target)
    assert r.info.journals == 1 and r.info.complete and not r.by_cn("21-1203/TQ")


def test_gb18030_csv_is_read(tmp_path):
    (tmp_path / "list.csv").write_bytes("期刊名称,ISSN,CN\n生态学报,1000-0933,11-2031/Q\n".encode("gb18030"))
    importer.import_list(tmp_path / "list.csv", tmp_path / "r.sqlite")
    assert Registry(tmp_path / "r.sqlite").by_issn("1000-0933")[0].name == "生态学报"


def test_a_list_without_the_columns_says_so(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="表头"):
        importer.import_list(tmp_path / "x.csv", tmp_path / "r.sqlite")


def test_registry_is_read_only_and_checked(tmp_path, reg):
    with pytest.raises(sqlite3.OperationalError):
        reg._db.execute("DELETE FROM journal")
    with pytest.raises(RegistryError, match="找不到"):
        Registry(tmp_path / "missing.sqlite")
    sqlite3.connect(tmp_path / "other.sqlite").execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(RegistryError, match="不是"):
        Registry(tmp_path / "other.sqlite")
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(RegistryError):
        Registry(tmp_path / "junk.sqlite")


def test_shipped_registry_has_provenance_and_stays_small():
    r = Registry(SHIPPED)
    assert r.info.shipped and r.info.as_of.isoformat() == "2023-11-30" and r.info.journals == 10860
    assert "doublessay/cnki-journal-info" in r.meta["origin"] and "ShowJCR" in r.meta["origin"]
    assert SHIPPED.stat().st_size <= 5_000_000
    assert (SHIPPED.parent / "PROVENANCE.md").is_file()
    (rec,) = r.by_issn("1000-0933")
    assert rec.name == "生态学报" and rec.cn == "11-2031/Q" and "北大核心" in rec.indexes


# ---------------------------------------------------------------- registered


def test_registered_under_its_own_name_passes_and_quotes_the_record(reg):
    j = judge(reg, "1000-0933", "CN 11-2031/Q", ["生态学报"])
    assert (j.status, j.outcome, j.name_check) == ("registered", "pass", "agrees")
    assert j.journal.name == "生态学报" and "中国生态学学会" in j.message() and "测试登记库" in j.message()
    d = j.to_dict()
    assert d["journal"]["cn"] == "11-2031/Q" and d["registry"]["as_of"] == "2023-11-30"


def test_a_former_name_counts(reg):
    j = judge(reg, "1674-1021", "21-1556/X", ["辽宁城乡环境科技"])
    assert (j.status, j.outcome, j.name_check) == ("registered", "pass", "former")


def test_a_former_name_that_is_another_journals_current_name_is_review(reg):
    """环境科技 over 1674-1021: 环境保护与循环经济's former name and 1674-4829's name today
    (trust exploration 4, P25, passed as a former name). No renaming date says which."""
    j = judge(reg, "1674-1021", "21-1556/X", ["环境科技"])
    assert (j.status, j.outcome) == ("registered", "review"), j.message()
    assert "曾用刊名" in j.message() and "1674-4829" in j.message() and "更名时间" in j.message()
    cover = "环境科技\n2022年第6期\nISSN 1674-1021\nCN 21-1556/X"
    # claimed under its current name, the cover printing only the shared former name
    assert judge(reg, "1674-1021", "21-1556/X", ["环境保护与循环经济"], page_texts=[cover]).outcome == "review"
    # the pages print its current name: they say which journal it is
    both = cover + "\n环境保护与循环经济编辑部"
    assert judge(reg, "1674-1021", "21-1556/X", ["环境科技"], page_texts=[both]).outcome == "pass"
    # a former name no other journal bears today still passes, also where it holds the shared one
    old = "辽宁城乡环境科技\n2022年第6期\nISSN 1674-1021\nCN 21-1556/X"
    assert judge(reg, "1674-1021", "21-1556/X", ["辽宁城乡环境科技"], page_texts=[old]).outcome == "pass"


def test_ocr_name_with_a_misread_character_agrees(reg):
    j = judge(reg, "1674-1021", "21-1556/X", [NameEvidence("环境保护与循环经泠", typed=False)])
    assert j.outcome == "pass"


def test_name_of_another_journal_is_review_with_candidates(reg):
    j = judge(reg, "1674-1021", "21-1556/X", ["环境保护与再生资源"])
    assert (j.status, j.outcome, j.name_check) == ("registered", "review", "differs")
    assert "环境保护与循环经济" not in [c.record.name for c in j.candidates] and "套用" in j.message()
    # 环境科学 is registered, but close to the pair's former name 环境科技: a person decides
    j = judge(reg, "1674-1021", "21-1556/X", ["环境科学"])
    assert (j.status, j.outcome) == ("registered", "review")
    assert "环境科学" in [c.record.name for c in j.candidates]


def test_a_registered_issn_beside_a_cn_and_name_of_its_own_is_borrowed(reg):
    """套用刊号: 环境科学与生态工程 printed over 农业灾害研究's ISSN with a CN no registry has
    was a review that read as the registry being incomplete (trust exploration)."""
    j = judge(reg, "1674-1021", "CN 21-1590/X", ["环境科学与生态工程"])
    assert (j.status, j.outcome) == ("mismatch", "fail") and "套用他刊 ISSN" in j.message()
    assert "环境保护与循环经济" in j.message()
    # the journal's own name with a CN the registry lacks (a new CN, a misprint): a person looks
    assert judge(reg, "1674-1021", "CN 21-1590/X", ["环境保护与循环经济"]).outcome == "review"
    assert judge(reg, "1674-1021", "CN 21-1590/X", []).outcome == "review"  # no name: nothing says whose
    assert judge(reg, "1674-1021", "CN 21-1557/X", ["环境科学与生态工程"]).outcome == "review"  # one digit off


def test_a_real_pair_under_another_real_journals_name_fails(reg):
    # typed at the desk: the name stands for what is printed
    j = judge(reg, "1674-1021", "21-1556/X", ["生态学报"])
    assert (j.status, j.outcome) == ("mismatch", "fail")
    assert {c.why for c in j.candidates} == {"刊号所属", "刊名所属"}
    # on a dossier: the pages must print that name, and not the pair's own
    cover = "生态学报\n2022年第5期\nISSN 1674-1021\nCN 21-1556/X"
    assert judge(reg, "1674-1021", "21-1556/X", ["生态学报"], page_texts=[cover]).outcome == "fail"
    own = "环境保护与循环经济\n2022年第5期\nISSN 1674-1021\nCN 21-1556/X"
    assert judge(reg, "1674-1021", "21-1556/X", ["生态学报"], page_texts=[own]).outcome == "review"


def test_a_name_another_journal_bears_today_names_that_journal_not_the_one_it_once_was(reg):
    """环境科技 is 1674-4829's name and 环境保护与循环经济's former one: 生态学报's pair under
    it names 1674-4829 (``verify journal … --name 中国环境管理`` named 吉林环境, whose former
    name it is, not the active 中国环境管理; trust exploration 4)."""
    j = judge(reg, "1000-0933", "11-2031/Q", ["环境科技"])
    assert (j.status, j.outcome) == ("mismatch", "fail"), j.message()
    assert [c.record.issn for c in j.candidates if c.why == "刊名所属"] == ["1674-4829"]
    assert "1674-4829" in j.message() and "环境保护与循环经济" not in j.message()


def test_a_real_pair_under_another_name_fails_though_the_page_names_the_pairs_publisher(reg):
    """A school's journal's numbers printed under another journal's name, with the
    school as 主办 (the generator's 套刊 cover): the school is not its journal's name."""
    cover = "生态学报\n2022年第5期\n主管：河北省教育厅\nCN 13-1268/X\n主办：中国环境管理干部学院"
    j = judge(reg, None, "13-1268/X", ["生态学报"], page_texts=[cover])
    assert (j.status, j.outcome) == ("mismatch", "fail"), j.message()
    imprint = "生态学报\n主办单位\n中国环境管理干部学院\n国内统一连续出版物号\nCN 13-1268/X"  # the school on a line of its own
    assert judge(reg, None, "13-1268/X", ["生态学报"], page_texts=[cover, imprint]).outcome == "fail"


def test_a_short_typed_name_one_character_off_is_another_journal(reg):
    assert judge(reg, "0250-3301", "11-1895/X", ["环境化学"]).outcome == "review"
    # read by OCR, the same string is still exactly another registered journal's name
    assert judge(reg, "0250-3301", "11-1895/X", [NameEvidence("环境化学", typed=False)]).outcome == "review"
    assert judge(reg, "0250-3301", "11-1895/X", [NameEvidence("环境科孝", typed=False)]).outcome == "pass"


def test_name_found_on_the_page_when_none_is_given(reg):
    j = judge(reg, "1000-0933", "11-2031/Q", [], page_texts=["ISSN 1000-0933\n生 态 学 报\n2022年第5期"])
    assert j.outcome == "pass"
    j = judge(reg, "1000-0933", "11-2031/Q", [], page_texts=["ISSN 1000-0933"])
    assert (j.name_check, j.outcome) == ("unread", "review")
    assert judge(reg, "1000-0933", "11-2031/Q", [], require_name=False).outcome == "pass"


def test_edition_left_out_agrees_a_different_edition_does_not(reg):
    assert judge(reg, "1672-5379", "50-1211/G4", ["西南农业大学学报"]).outcome == "pass"
    assert judge(reg, "1672-5379", "50-1211/G4", ["西南农业大学学报(自然科学版)"]).outcome == "review"


def test_one_number_alone(reg):
    j = judge(reg, "1000-0933", None, ["生态学报"])
    assert j.outcome == "pass" and "仅核对了 ISSN" in j.message()
    j = judge(reg, None, "11-2031/Q", ["生态学报"])
    assert j.outcome == "pass" and "仅核对了 CN" in j.message()


def test_an_invalid_number_is_left_to_its_own_rule(reg):
    j = judge(reg, "1000-0934", "11-2031/Q", ["生态学报"])  # bad check digit
    assert j.outcome == "pass" and "journal.issn" in j.message()
    j = judge(reg, "1000-0934", "CN(HK) 11-2031/Q", ["生态学报"])
    assert (j.status, j.outcome) == ("invalid", "review")


def test_a_cn_class_misread_still_finds_the_journal(reg):
    j = judge(reg, "1000-0933", "11-2031/O", ["生态学报"])
    assert j.outcome == "pass" and "分类号" in j.message()


def test_a_cn_class_read_surely_otherwise_is_review(reg):
    """21-1556/R printed for 环境保护与循环经济's 21-1556/X (trust exploration 4, P15)
    passed with a note calling it a misread: only a letter OCR confuses with the
    registered one, or one the recogniser was unsure of, is a slip."""
    j = judge(reg, "1674-1021", "21-1556/R", ["环境保护与循环经济"], misread=sure)
    assert (j.status, j.outcome) == ("registered", "review"), j.message()
    assert "分类号「R」" in j.message() and "21-1556/X" in j.message() and "识别清楚" in j.message()
    assert judge(reg, None, "21-1556/R", ["环境保护与循环经济"], misread=sure).outcome == "review"  # the CN alone
    assert judge(reg, "1674-1021", "21-1556/R", ["环境保护与循环经济"]).outcome == "review"  # typed at the desk
    assert judge(reg, "1674-1021", "21-1556/K", ["环境保护与循环经济"], misread=sure).outcome == "pass"  # X/K
    assert judge(reg, "1674-1021", "21-1556/R", ["环境保护与循环经济"], misread=lambda *a: True).outcome == "pass"


def test_a_paper_page_headed_with_another_journals_name_is_review(reg):
    """生态学报's cover and numbers over a paper page whose running head is 环境化学's
    (trust exploration 4, P17): the cover printing its own name hid it."""
    cover = "生态学报\n2022年第5期\nISSN 1000-0933\nCN 11-2031/Q"
    head = "第42卷第5期\n环境化学\n2022年5月\n抚顺地区大气PM2.5来源解析研究"
    kw = {"page_texts": [cover], "all_texts": [cover, head]}
    j = judge(reg, "1000-0933", "11-2031/Q", ["生态学报"], paper_texts=[head], **kw)
    assert (j.status, j.outcome, j.name_check) == ("registered", "review", "differs"), j.message()
    assert "《环境化学》" in j.message() and "《生态学报》" in j.message()
    misread = "辽宁化工测拭 2022年第5期\n抚顺地区大气PM2.5来源解析研究"  # 辽宁化工测试 one character off, in the head
    assert judge(reg, "1000-0933", "11-2031/Q", ["生态学报"], paper_texts=[misread], **kw).outcome == "review"
    # its own head, with a reference naming another journal further down: nothing to look at
    own = "生态学报 2022,42(5)\n抚顺地区大气PM2.5来源解析研究\n[1] 张伟.臭氧污染特征[J].\n环境化学,2020,39(2):1-8"
    assert judge(reg, "1000-0933", "11-2031/Q", ["生态学报"], paper_texts=[own], **kw).outcome == "pass"
    assert judge(reg, "1000-0933", "11-2031/Q", ["生态学报"], **kw).outcome == "pass"


def test_registry_without_the_issn_checks_cn_and_name(reg):
    j = judge(reg, "1008-813X", "13-1268/X", ["中国环境管理干部学院学报"])
    assert j.outcome == "pass" and "未载该刊 ISSN" in j.message()


# ---------------------------------------------------------------- mismatch (套刊)


def test_issn_and_cn_of_two_journals_fail(reg):
    j = judge(reg, "1674-1021", "11-2031/Q", ["环境保护与循环经济"], misread=sure)
    assert (j.status, j.certain, j.outcome) == ("mismatch", True, "fail")
    assert {c.why for c in j.candidates} == {"ISSN 所属", "CN 所属"}
    assert "环境保护与循环经济" in j.message() and "生态学报" in j.message()


def test_a_pair_one_ocr_error_from_the_right_one_is_review(reg):
    # 21-1586/X is registered to another journal, one digit from 21-1556/X
    j = judge(reg, "1674-1021", "21-1586/X", ["环境保护与循环经济"])
    assert (j.status, j.outcome) == ("mismatch", "review") and "识别误差" in j.message()
    # unless the recogniser was sure of what it read
    assert judge(reg, "1674-1021", "21-1586/X", ["环境保护与循环经济"], misread=sure).outcome == "fail"


# ---------------------------------------------------------------- unknown


def test_a_cn_not_in_the_registry_is_review_unless_the_registry_is_complete(reg, complete_reg):
    j = judge(reg, "1674-1021", "21-1999/X", ["环境保护与循环经济"], misread=sure)
    assert (j.status, j.outcome) == ("unknown", "review") and j.candidates[0].record.name == "环境保护与循环经济"
    j = judge(complete_reg, "1674-1021", "21-1999/X", ["环境保护与循环经济"], misread=sure)
    assert (j.status, j.outcome) == ("unknown", "fail") and "完整名录" in j.message()


def test_the_journals_own_cn_serial_under_another_region_fails_when_read_surely(reg, complete_reg):
    """33-1556/X printed for 环境保护与循环经济's 21-1556/X beside its ISSN and name (trust
    exploration 4, P05: reviewed as a CN the incomplete registry lacked). A journal has
    one CN and the registry holds it: read surely, the one printed is not the journal's."""
    j = judge(reg, "1674-1021", "33-1556/X", ["环境保护与循环经济"], misread=sure)
    assert (j.status, j.outcome) == ("unknown", "fail"), j.message()
    assert "登记的 CN 21-1556/X" in j.message() and "地区代码不同" in j.message() and "并不完整" not in j.message()
    # the recogniser unsure, or none to ask: a person looks, told the registered CN differs
    for misread in (lambda *a: True, None):
        j = judge(reg, "1674-1021", "33-1556/X", ["环境保护与循环经济"], misread=misread)
        assert (j.status, j.outcome) == ("unknown", "review"), j.message()
        assert "登记的 CN 21-1556/X" in j.message() and "并不完整" not in j.message()
    assert judge(complete_reg, "1674-1021", "33-1556/X", ["环境保护与循环经济"]).outcome == "fail"


def test_both_numbers_unknown_name_a_real_journal_shows_it(reg, complete_reg):
    j = judge(reg, "1234-5679", "21-1998/X", ["生态学报"])
    assert (j.status, j.outcome) == ("unknown", "review")
    assert j.candidates and j.candidates[0].record.name == "生态学报"
    # the desk reads whose name it is, with that journal's own numbers (probe trust23 P18 said only 不在登记库中)
    assert "刊名与登记期刊《生态学报》" in j.message() and "1000-0933" in j.message(), j.message()
    assert judge(complete_reg, "1234-5679", "21-1998/X", ["生态学报"]).outcome == "fail"
    assert "刊名与登记期刊" not in judge(reg, "1234-5679", "21-1998/X", ["环境监测前沿"]).message()
    # the ISSN a registered journal's, the CN unknown: that journal is named, no other bearing the name once
    assert "刊名与登记期刊" not in judge(reg, "1000-0933", "21-1998/X", ["生态学报"]).message()


def test_a_cn_in_a_number_block_its_region_never_used_fails(reg):
    # CN serials are given out by the thousand: no registered journal of region 21 has a 7xxx serial
    j = judge(reg, "1234-5679", "21-7351/X", ["环境监测前沿"])
    assert (j.status, j.outcome) == ("unknown", "fail") and "号段" in j.message() and "21-1000～1999" in j.message()
    assert judge(reg, None, "21-7351/X", ["环境监测前沿"]).outcome == "fail"
    # one digit from a registered CN (21-1556/X): a misread the recogniser may have made
    j = judge(reg, "1234-5679", "21-7556/X", ["环境监测前沿"])
    assert (j.status, j.outcome) == ("unknown", "review")
    assert judge(reg, "1234-5679", "21-7556/X", ["环境监测前沿"], misread=sure).outcome == "fail"
    # a region with no registered journal says nothing
    assert judge(reg, "1234-5679", "46-7351/X", ["环境监测前沿"]).outcome == "review"


def test_a_registered_cn_beside_an_issn_and_name_of_its_own_is_borrowed(reg):
    """套用他刊 CN, the mirror of a borrowed ISSN: 辽宁环境科技 with ISSN 2097-1230 over
    环境保护与循环经济's CN 21-1556/X was a review (trust exploration 4, P27)."""
    j = judge(reg, "2097-1230", "21-1556/X", ["辽宁环境科技"], misread=sure)
    assert (j.status, j.outcome) == ("mismatch", "fail"), j.message()
    assert "套用他刊 CN" in j.message() and "环境保护与循环经济" in j.message() and "2097-1230" in j.message()
    # the journal's own name with an ISSN the registry lacks: a person looks
    assert judge(reg, "2097-1230", "21-1556/X", ["环境保护与循环经济"], misread=sure).outcome == "review"
    assert judge(reg, "2097-1230", "21-1556/X", [], misread=sure).outcome == "review"  # no name: nothing says whose


def test_an_unregistered_issn_beside_a_registered_cn_is_review(reg, complete_reg):
    for r in (reg, complete_reg):
        j = judge(r, "1234-5679", "11-2031/Q", ["生态学报"], misread=sure)
        assert (j.status, j.outcome) == ("unknown", "review")


def test_issn_only_foreign_journal_on_the_warning_list(reg):
    j = judge(reg, "1076-2787", None, ["Complexity"])
    assert (j.status, j.outcome) == ("unknown", "review")
    assert j.warnings and j.warnings[0].year == 2021 and j.warnings[0].level == "中"
    assert "预警名单" in j.message() and "2021年预警（中风险）" in j.message()


def test_a_cn_on_a_line_of_its_own_is_no_warning_listed_title():
    # probe trust35 C08: CN 13-1432/S (an agricultural journal's class S) on its cover read as ISO 4's abbreviation of
    # CONNECTION SCIENCE (2024, 论文工厂): a clean, registered journal said to be on the CAS warning list
    r = Registry(SHIPPED)
    assert r.warnings_for("CONNECTION SCIENCE") and r.warnings_for("Environ Sci Pollut Res")
    assert r.warnings_for("CN 13-1432/S") == [] and r.warnings_for("J35-C08") == []
    page = "中国生态农业学报（中英文）\nChinese Journal of Eco-Agriculture\nISSN 2096-6237\nCN 13-1432/S"
    j = judge(r, "2096-6237", "13-1432/S", ["中国生态农业学报（中英文）"], page_texts=[page], all_texts=[page], misread=sure)
    assert (j.status, j.outcome, j.warnings) == ("registered", "pass", [])


# ---------------------------------------------------------------- ceased


def test_ceased_with_a_year(reg):
    after = judge(reg, "1002-6088", "37-1051/X", ["山东环境"], PartialDate(2010, 3))
    assert (after.status, after.outcome) == ("ceased", "fail") and "2008" in after.message()
    before = judge(reg, "1002-6088", "37-1051/X", ["山东环境"], PartialDate(2006, 3))
    assert (before.status, before.outcome) == ("registered", "pass") and "仍在出版" in before.message()
    same = judge(reg, "1002-6088", "37-1051/X", ["山东环境"], PartialDate(2008, 3))
    assert (same.status, same.outcome) == ("ceased", "review")


def test_ceased_at_an_unknown_time_fails_only_after_the_lists_date(reg):
    after = judge(reg, "1006-8678", "61-1279/X", ["陕西环境"], PartialDate(2024, 3))
    assert (after.status, after.outcome) == ("ceased", "fail") and "2023-11-30" in after.message()
    before = judge(reg, "1006-8678", "61-1279/X", ["陕西环境"], PartialDate(2022, 3))
    assert (before.status, before.outcome) == ("ceased", "review") and "不详" in before.message()
    undated = judge(reg, "1006-8678", "61-1279/X", ["陕西环境"], None)
    assert (undated.status, undated.outcome) == ("ceased", "review")


# ---------------------------------------------------------------- founded


def test_a_paper_dated_before_the_journal_was_founded_is_review(reg):
    """The registry's 创刊 year was read by nothing (probe alt13 a07: 《环境生态学》,
    founded 2019, passed an issue 2017年第3期 as 现刊). Before it: review, never fail
    (the year may be a renaming's); the founding year itself, or no year known: as before."""
    early = judge(reg, "0254-6108", "11-1844/X", ["环境化学"], PartialDate(1980, 5))
    assert (early.status, early.outcome, early.certain) == ("registered", "review", False)
    assert early.message().startswith("期刊《环境化学》登记的创刊时间为1982年，论文刊期1980年早于创刊，"
                                      "请人工核对是否为假刊或期刊更名前的刊期。")
    assert early.to_dict()["outcome"] == "review" and "早于创刊" in early.to_dict()["reason"]
    same_year = judge(reg, "0254-6108", "11-1844/X", ["环境化学"], PartialDate(1982, 1))
    assert (same_year.outcome, same_year.doubts) == ("pass", [])
    assert judge(reg, "0254-6108", "11-1844/X", ["环境化学"], None).outcome == "pass"
    unknown = judge(reg, "1674-1021", "21-1556/X", ["环境保护与循环经济"], PartialDate(1970, 5))  # no 创刊 year
    assert unknown.outcome == "pass" and "创刊" not in unknown.message()


def test_shipped_registry_dates_the_founding_of_journals():
    j = judge(Registry(SHIPPED), "2096-6830", "10-1620/S", ["环境生态学"], PartialDate(2017, 3))
    assert (j.status, j.outcome) == ("registered", "review") and "创刊时间为2019年" in j.message()
    assert judge(Registry(SHIPPED), "2096-6830", "10-1620/S", ["环境生态学"], PartialDate(2022, 3)).outcome == "pass"


def test_shipped_registry_active_pair_wins_over_a_ceased_title_on_the_same_numbers():
    r = Registry(SHIPPED)
    # CNKI lists 种子经销商 (停刊) and 世界农业 under 1002-4433 / 11-1097/S
    assert judge(r, "1002-4433", "11-1097/S", ["世界农业"], PartialDate(2024, 3)).outcome == "pass"
    j = judge(r, "1002-4433", "11-1097/S", ["种子经销商"], PartialDate(2024, 3))
    assert (j.status, j.outcome) == ("ceased", "fail")


def test_nothing_to_look_up(reg):
    j = judge(reg, None, None, ["生态学报"])
    assert (j.status, j.outcome) == ("invalid", "review") and j.candidates[0].record.name == "生态学报"


# ---------------------------------------------------------------- pages that print another name (probe alt17)


def test_a_typed_name_that_no_page_prints_is_review(reg):
    """套刊: a publication titled 环境科技创新与管理 borrows 环境保护与循环经济's pair; the
    claim types the real name. Its sponsor's name is no print of the journal's (alt17 P02)."""
    pages = ["环境科技创新与管理\n2022年第5期\nISSN 1674-1021\nCN 21-1556/X\n主办：辽宁省环境科学研究院",
             "环境科技创新与管理 2022年第5期\n抚顺市大气颗粒物监测研究"]
    j = judge(reg, "1674-1021", "21-1556/X", ["环境保护与循环经济"], page_texts=pages[:1], all_texts=pages)
    assert (j.status, j.outcome, j.name_check) == ("registered", "review", "differs"), j.message()
    assert "均未见《环境保护与循环经济》" in j.message()
    own = ["环境保护与循环经济\n2022年第5期\nISSN 1674-1021", "环境保护与循环经济 2022年第5期\n抚顺市大气颗粒物监测研究"]
    assert judge(reg, "1674-1021", "21-1556/X", ["环境保护与循环经济"], page_texts=own[:1], all_texts=own).outcome == "pass"
    # the name only in the paper's running head (the cover's title a picture OCR could not read)
    head = ["ISSN 1674-1021\nCN 21-1556/X", "环境保护与循环经济 2022年第5期\n抚顺市大气颗粒物监测研究"]
    assert judge(reg, "1674-1021", "21-1556/X", ["环境保护与循环经济"], page_texts=head[:1], all_texts=head).outcome == "pass"


@pytest.mark.parametrize("title, outcome", [
    ("环境保护与循环经济研究", "review"),  # two characters added (alt17 P16)
    ("环境保护循环经济", "review"),        # one dropped (alt17 P03)
    ("环境保护与循环经济", "pass"),
])
def test_a_cover_titled_with_the_name_lengthened_or_shortened_read_surely_is_review(reg, title, outcome):
    cover = f"{title}\n2023年第8期\nISSN 1674-1021\nCN 21-1556/X\n《{title}》编辑部"
    j = judge(reg, "1674-1021", "21-1556/X", ["环境保护与循环经济"], page_texts=[cover], misread=sure)
    assert j.outcome == outcome, j.message()


@pytest.mark.parametrize("own, other", [
    (("炼油与化工", "1671-4962", "23-1499/TE"), "煤炭与化工"),  # close by letters, two characters apart: no OCR slip
    (("现代妇女", "1007-4244", "62-1004/C"), "读写算"),         # a name of three characters, a line of its own
])
def test_a_real_pair_printed_and_claimed_under_a_close_or_short_registered_name_fails(own, other):
    """套刊 as docs/CONTRACT.md has it: a registered pair printed and claimed under another
    registered journal's name fails. It was a review where the two names were close (fuzz 60
    or more, no OCR slip apart) or the other's name had fewer than four characters, which no
    page was held to print (bench_journals.py section 4: 122 of 1,892 reviews)."""
    shipped = Registry(SHIPPED)
    name, issn, cn = own
    cover = f"{other}\n2024年第3期\nISSN {issn}\nCN {cn}"
    j = judge(shipped, issn, cn, [other], page_texts=[cover], misread=sure)
    assert (j.status, j.outcome) == ("mismatch", "fail"), j.message()
    assert f"《{other}》" in j.message() and name in j.message()
    # the pair's own journal's pages (its name printed): a person looks at the claim
    own_cover = f"{name}\n2024年第3期\nISSN {issn}\nCN {cn}"
    assert judge(shipped, issn, cn, [other], page_texts=[own_cover], misread=sure).outcome == "review"


def test_a_real_pair_under_a_registered_name_an_ocr_slip_away_fails_only_when_read_surely():
    """中共桂林市委党校学报 printed over 中共南宁市委党校学报's pair: two characters apart in ten, which
    OCR may make of the pair's own name. A recogniser sure of them: 套刊, fail; nobody to say: review."""
    shipped = Registry(SHIPPED)
    cover = "中共桂林市委党校学报\n2024年第3期\nISSN 1009-4245\nCN 45-1267/C"
    kw = {"page_texts": [cover]}
    assert judge(shipped, "1009-4245", "45-1267/C", ["中共桂林市委党校学报"], misread=sure, **kw).outcome == "fail"
    assert judge(shipped, "1009-4245", "45-1267/C", ["中共桂林市委党校学报"], misread=lambda *a: None, **kw).outcome == "review"
    assert judge(shipped, "1009-4245", "45-1267/C", ["中共桂林市委党校学报"], misread=lambda *a: True, **kw).outcome == "review"
    assert judge(shipped, "1009-4245", "45-1267/C", ["中共桂林市委党校学报"], **kw).outcome == "review"


@pytest.mark.parametrize("name, issn, cn, sponsor", [
    ("中国公路学报", "1001-7372", "61-1313/U", "中国公路学会"),
    ("中国社会科学", "1002-4921", "11-1211/C", "中国社会科学院"),
    ("四川省人民政府公报", "1006-1991", "51-1727/D", "四川省人民政府办公厅"),
])
def test_a_sponsor_on_a_line_of_its_own_is_no_clone_of_the_journals_name(name, issn, cn, sponsor):
    """A real 版权页: 主办单位 over its sponsor on a line of its own (中国公路学会, one or two
    characters from 中国公路学报), the journal named only in its office. The sponsor, read
    surely, was taken for a fake's title once the office no longer cleared a sure reading."""
    page = f"ISSN {issn}\nCN {cn}\n主办单位\n{sponsor}\n编辑出版\n《{name}》编辑部"
    j = judge(Registry(SHIPPED), issn, cn, [name], page_texts=[page], all_texts=[page], misread=sure)
    assert j.outcome == "pass", j.message()
