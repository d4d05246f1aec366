"""Claims an applicant types with characters that look like the right ones: the claim
means what it shows, a look-alike never makes a clean applicant fail nor a claim match
what it does not say (hostile exploration 12)."""
from __future__ import annotations

import pytest
from stdnum import issn

from verify.applicant import parse_applicant
from verify.read.identifiers import cn_serial, ric

BASE = {"name": "张伟", "unit": "抚顺市生态环境事务服务中心", "id_number": "210411197606150014",
        "papers": [{"title": "抚顺市大气臭氧污染特征分析", "journal": "环境科学与管理", "issn": "1674-991X",
                    "cn": "23-1532/X", "date": "2022-05"}]}


def _with(**fields) -> dict:
    data = {**BASE, "papers": [dict(BASE["papers"][0])]}
    for key, value in fields.items():
        if key in ("issn", "cn"):
            data["papers"][0][key] = value
        else:
            data[key] = value
    return data


@pytest.mark.parametrize("typed", ["1674-991Х", "1674-991Χ", "1674-991х", "ISSN 1674-991χ"])  # Cyrillic, Greek
def test_an_issn_typed_with_a_cyrillic_or_greek_x_is_the_issn_it_shows(typed):
    paper = parse_applicant(_with(issn=typed), "t").papers[0]
    assert paper.issn == "1674-991X" and issn.is_valid(paper.issn)


@pytest.mark.parametrize("typed", ["23-1532/Х", "23-1532/Χ", "CN 23-1532/х", "21-1556/ТQ"])
def test_a_cn_typed_with_a_look_alike_class_letter_is_the_cn_it_shows(typed):
    paper = parse_applicant(_with(cn=typed), "t").papers[0]
    assert paper.cn.isascii() and cn_serial.is_valid(paper.cn), paper.cn


@pytest.mark.parametrize("typed", ["21041119760615009Х", "21041119760615009х", "21041119760615009Χ"])
def test_an_id_number_ending_in_a_look_alike_x_is_valid_as_it_shows(typed):
    # before: 「身份证号码 210411********009Х 含有数字以外的字符」, an identity.id_number fail the
    # reviewer could not see the reason of (Х prints as X)
    claimed = parse_applicant(_with(id_number=typed), "t").id_number
    assert claimed == "21041119760615009X"
    assert ric.problem(ric.to_18(claimed)) is None


def test_a_name_or_unit_keeps_its_letters():
    # only numbers are folded: a name written in Cyrillic is the applicant's own writing
    applicant = parse_applicant(_with(name="Иван Петров"), "t")
    assert applicant.name == "Иван Петров"


# ---- page text that tries to take a page out of the check


def _page(lines):
    from ocr.model import OcrLine, OcrPage

    return OcrPage(1654, 2339, [OcrLine(t, ((100, 200 + 120 * i), (1500, 200 + 120 * i), (1500, 250 + 120 * i),
                                            (100, 250 + 120 * i)), 0.95, i) for i, t in enumerate(lines)])


@pytest.mark.parametrize("footer", ["目录：推荐表、考核表、学历、继续教育", "附：推荐表 考核表 学历 继续教育 材料清单"])
def test_a_certificate_naming_the_materials_in_a_footer_is_still_a_certificate(footer):
    """Another person's 荣誉证书 with a footer naming four materials and 目录 was no document of the dossier
    (「other」): its name was never weighed, and a borrowed certificate passed unseen."""
    from verify.read.classify import classify

    cert = ["荣誉证书", "李明同志：", "在2022年度全市生态环境监测技术比武中荣获一等奖。", "特发此证，以资鼓励。",
            "抚顺市生态环境局", "2022年12月20日"]
    assert classify(_page(cert))[0] == "award_certificate"
    assert classify(_page(cert + [footer]))[0] == "award_certificate"


@pytest.mark.parametrize("heading", ["目录", "目 录", "专业技术资格申报材料目录", "申报材料清单（2024年）"])
def test_the_dossiers_own_list_of_materials_is_still_no_document(heading):
    from verify.read.classify import classify

    toc = [heading, "1. 辽宁省专业技术资格报评推荐表 …… 1", "2. 近三年年度考核表 …… 3", "3. 学历证书及学信网查询结果 …… 6",
           "4. 继续教育证明 …… 8", "5. 论文及检索证明 …… 9", "6. 身份证复印件 …… 12"]
    assert classify(_page(toc))[0] == "other"


@pytest.mark.parametrize("lines", [["荣誉证书", "李明同志荣获2022年度比武一等奖", "抚顺市生态环境局"],
                                   ["荣誉证书", "李明同志", "荣获二〇二二年度全市监测技术比武一等奖"]])
def test_a_sparse_certificate_below_the_top_is_no_section_divider(lines):
    """Three lines of another person's 荣誉证书 below the sheet's top were a section divider (隔页): no document."""
    from ocr.model import OcrLine, OcrPage
    from verify.read.classify import classify

    at = lambda y: ((300, y), (1300, y), (1300, y + 70), (300, y + 70))  # noqa: E731
    page = OcrPage(1654, 2339, [OcrLine(t, at(700 + 200 * i), 0.95, i) for i, t in enumerate(lines)])
    assert classify(page)[0] == "award_certificate"


# ---- applicant.yaml values valid in form, impossible in fact


@pytest.mark.parametrize("date, refused", [("1949-06", True), ("2003-06", True), ("2004-06", False), ("2019-06-30", False)])
def test_a_title_obtained_before_sixteen_by_the_id_numbers_birth_date_is_refused(date, refused):
    """Born 1988-05 (the ID number): a title of 1949-06 passed every comparison of evidence.after_title."""
    from verify.applicant import MetadataError

    data = _with(id_number="210402198805120019", current_title={"name": "工程师", "date": date})
    if refused:
        with pytest.raises(MetadataError, match="早于身份证号所示出生日期"):
            parse_applicant(data, "t")
    else:
        assert parse_applicant(data, "t").current_title.date.iso() == date


def test_a_title_date_is_not_weighed_against_an_invalid_id_number():
    data = _with(id_number="210402198805120018", current_title={"name": "工程师", "date": "1949-06"})  # check digit wrong
    assert parse_applicant(data, "t").current_title.date.iso() == "1949-06"  # identity.id_number fails the number


# ---- a page that speaks to the checker


SAYS = ["审核通过", "免审", "经审核，材料齐全，同意推荐，免于审查", "seal.present: pass", "identity.name=pass verdict: pass",
        "本材料已通过核验系统自动校验，结果：通过", "dossier.required 通过 journal.registered 通过"]


def _saying(pages):
    from ocr.model import OcrLine

    for p in pages:
        n = len(p.ocr.lines)
        p.ocr.lines.extend(OcrLine(t, ((100, 1900 + 50 * i), (1500, 1900 + 50 * i), (1500, 1940 + 50 * i),
                                       (100, 1940 + 50 * i)), 0.99, n + i) for i, t in enumerate(SAYS))
    return pages


@pytest.mark.parametrize("defect", ["none", "unstamped_2022", "no_id_card"])
def test_pages_printing_approvals_or_rule_ids_change_no_finding(defect):
    """A page that says 「审核通过」, 「免审」 or prints rule IDs and verdicts changes nothing the checker finds."""
    from test_rules import clean_pages, run

    def dossier():
        pages = clean_pages()
        if defect == "unstamped_2022":
            next(p for p in pages if p.file == "a/kaohe2022.jpg").seals = []
        if defect == "no_id_card":
            pages = [p for p in pages if p.kind != "id_card"]
        return pages

    def outcome(pages):
        return sorted((f.rule, f.file, f.status, f.message) for f in run(pages))

    plain, said = outcome(dossier()), outcome(_saying(dossier()))
    assert said == plain
    assert (defect == "none") == all(status == "pass" for _, _, status, _ in said)


def test_a_reason_quoting_a_direction_override_is_shown_escaped_in_the_summarys_cells():
    """A finding's reason quotes the page (a text layer can carry U+202E): in summary.csv and summary.xlsx its
    words showed reversed, 「局境环市顺抚」 read as the unit; now shown as report.html shows it, ``[U+202E]``."""
    import csv
    import io

    from openpyxl import load_workbook

    from verify.report.summary import SummaryRow, summary_csv_text, summary_xlsx_bytes

    row = SummaryRow("zw", "张伟", "fail", fail=1, problems=(("seal.unit", "印章文字为「\u202e局境环市顺抚」"),))
    (record,) = csv.DictReader(io.StringIO(summary_csv_text([row])))
    assert "\u202e" not in record["reasons"] and "[U+202E]局境环市顺抚" in record["reasons"]
    sheet = load_workbook(io.BytesIO(summary_xlsx_bytes([row]))).active
    cells = [c.value for r in sheet.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("[U+202E]局境环市顺抚" in v for v in cells) and not any("\u202e" in v for v in cells)


def test_a_warning_listed_journals_name_written_with_cyrillic_look_alikes_is_still_warned_of():
    """「Wireless Personal Communications」 with a Cyrillic е and о matched no entry of the CAS warning list."""
    from verify.journals.judge import judge
    from verify.journals.registry import open_registry

    registry = open_registry()
    name = "Wireless Personal Communications"
    assert registry.warnings_for(name), "the shipped snapshot lists it"
    disguised = name.replace("e", "\u0435").replace("o", "\u043e")
    assert [w.year for w in registry.warnings_for(disguised)] == [w.year for w in registry.warnings_for(name)]
    assert judge(registry, None, None, [disguised]).warnings
