"""Date spellings read from scanned pages: every spelling the dossiers use, and
garbage that must not parse."""
import pytest

from ocr.model import OcrLine, OcrPage
from verify.read.dates import PartialDate, extract_dates, find_dates, issue_months, parse_date

P = PartialDate

GOOD = [
    ("2019年6月30日", P(2019, 6, 30)),
    ("2019年06月30日", P(2019, 6, 30)),
    ("2019年06月", P(2019, 6)),
    ("2019年6月", P(2019, 6)),
    ("2019 年 10 月 30 日", P(2019, 10, 30)),
    ("2019年 10月30 日", P(2019, 10, 30)),
    ("２０１９年１０月３０日", P(2019, 10, 30)),
    ("２０１９．６．３０", P(2019, 6, 30)),
    ("二〇一九年六月三十日", P(2019, 6, 30)),
    ("二○一九年六月三十日", P(2019, 6, 30)),
    ("二零一九年六月三十日", P(2019, 6, 30)),
    ("二O一九年六月三十日", P(2019, 6, 30)),
    ("二o一九年十二月", P(2019, 12)),
    ("二〇二一年十月", P(2021, 10)),
    ("二〇二四年十月八日", P(2024, 10, 8)),
    ("二〇二三年十二月三十一日", P(2023, 12, 31)),
    ("二〇二三年一月二十日", P(2023, 1, 20)),
    ("2019.6.30", P(2019, 6, 30)),
    ("2019.06.30", P(2019, 6, 30)),
    ("2019-06-30", P(2019, 6, 30)),
    ("2019/6/30", P(2019, 6, 30)),
    ("2019. 6. 30", P(2019, 6, 30)),
    ("2019—06—30", P(2019, 6, 30)),
    ("2019.06", P(2019, 6)),
    ("2019-06", P(2019, 6)),
    ("2O19年6月30日", P(2019, 6, 30)),
    ("2019年l0月3O日", P(2019, 10, 30)),
    ("2019年I2月", P(2019, 12)),
    ("2019年6月30曰", P(2019, 6, 30)),
    ("2019年6月30号", P(2019, 6, 30)),
    ("2019年6月30", P(2019, 6, 30)),
    ("2022年度", P(2022)),
    ("2022 年度", P(2022)),
    ("二〇二二年度", P(2022)),
    ("2022年", P(2022)),
    ("2022年第5期", P(2022, 3, month_hi=10)),
    ("2022年第1期", P(2022, 1, month_hi=3)),
    ("2022年第12期", P(2022, 6, month_hi=12)),
    ("2022年 第 5 期", P(2022, 3, month_hi=10)),
    ("2022年5期", P(2022, 3, month_hi=10)),
    ("2022年第五期", P(2022, 3, month_hi=10)),
    ("May 2022", P(2022, 5)),
    ("Dec. 2021", P(2021, 12)),
    ("出生 1988 年 5 月 12 日", P(1988, 5, 12)),
    ("日期：2024年10月8日", P(2024, 10, 8)),
    ("二二四年九月三日", P(2024, 9, 3)),  # OCR dropped the 〇
    ("二（二二年二月十日", P(2022, 2, 10)),  # OCR read the 〇 as a parenthesis
    ("二口二四年十月", P(2024, 10)),
    ("一八年十一月十七日", P(2018, 11, 17)),  # 二〇 lost under the seal (base set p5, a title date)
    ("（二〇二二年度）", P(2022)),
    ("2024年10", P(2024, 10)),  # 月 lost at the end of a line
    ("20二0年10月", P(2020, 10)),  # digits and numerals mixed
    ("0二四年三月十三日", P(2024, 3, 13)),  # the first 二 lost under a seal
    ("二心一八年十二月十四日", P(2018, 12, 14)),
    ("20:24-10-17", P(2024, 10, 17)),  # junk between the digits
    ("2022-0:3-15", P(2022, 3, 15)),
    ("2024.10).13", P(2024, 10, 13)),
]

GARBAGE = [
    "13912345678", "024-57221234", "0413-7654321", "ISSN 1674-1021", "1674-1021", "2095-6657",
    "2096-0549", "第12-18页", "pp. 2019-2021", "2010-2012", "210402198805120012", "2019.5万元",
    "2019年第13期", "2019年第0期", "2024年2月30日", "2019-13-01", "2019年13月", "2019.00.10",
    "CN 21-1556/X", "No.2019", "12.5%", "3.1415926", "第2019号", "1899年6月", "2019年6月32日",
    "20190630", "", "年月日", "二〇一九", "2019.06.30.1", "二四年九月三日", "一九九年六月", "三五年十月", "工作十二年三月", "2024年10人", "2024年13", "二二1年五月十六日", "21二二年八月", "时间 20:24", "12019年", "0二1年",
]


@pytest.mark.parametrize("text,expected", GOOD)
def test_parse_date_good(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_does_not_parse(text):
    assert parse_date(text) is None


def test_garbage_finds_nothing():
    for text in GARBAGE:
        assert find_dates(text) == [], text


def test_spans_point_into_original_text():
    text = "发证日期：２０１９年 6 月 30 曰（盖章）"
    [(date, matched, (a, b))] = find_dates(text)
    assert date == P(2019, 6, 30)
    assert text[a:b] == matched == "２０１９年 6 月 30 曰"


def test_publicity_ranges():
    found = find_dates("公示时间：2024年10月8日至2024年10月14日")
    assert [d.iso() for d, _, _ in found] == ["2024-10-08", "2024-10-14"]
    found = find_dates("公示期：2024年10月8日—10月14日")
    assert [d.iso() for d, _, _ in found] == ["2024-10-08", "2024-10-14"]
    found = find_dates("自2024年9月28日至10月9日止")
    assert [d.iso() for d, _, _ in found] == ["2024-09-28", "2024-10-09"]
    found = find_dates("2024.10.08-2024.10.14")
    assert [d.iso() for d, _, _ in found] == ["2024-10-08", "2024-10-14"]
    # the end in figures without its year (probe alt10: a clean publicity went to review,
    # a four-day one was not failed)
    found = find_dates("公示时间：2024.9.13-9.19")
    assert [d.iso() for d, _, _ in found] == ["2024-09-13", "2024-09-19"]
    found = find_dates("2024/9/27至10/8")
    assert [d.iso() for d, _, _ in found] == ["2024-09-27", "2024-10-08"]
    assert [d.iso() for d, _, _ in find_dates("2019.5.3-4.5万元")] == ["2019-05-03"]  # no range runs backwards


@pytest.mark.parametrize("periodicity,issue,iso", [
    ("monthly", 5, "2022-05"), ("bimonthly", 3, "2022-05/06"), ("quarterly", 4, "2022-10/12"),
    ("semimonthly", 24, "2022-12"), ("semimonthly", 1, "2022-01"), ("ten_daily", 36, "2022-12"),
    (None, 3, "2022-02/09"), (None, 6, "2022-03/12"),
])
def test_issue_months(periodicity, issue, iso):
    assert issue_months(2022, issue, periodicity).iso() == iso


@pytest.mark.parametrize("periodicity,issue", [("monthly", 13), ("bimonthly", 7), ("quarterly", 5), (None, 13), (None, 0)])
def test_issue_months_impossible(periodicity, issue):
    assert issue_months(2022, issue, periodicity) is None


def test_issue_range_respects_precision():
    d = parse_date("2019年第3期")
    assert d.compare(P(2019, 6, 30)) is None  # March..September: cannot decide
    assert parse_date("2019年第3期", "monthly").compare(P(2019, 6, 30)) == -1


def _page(*texts, height=1400):
    lines = [OcrLine(t, ((100, 100 + 80 * i), (900, 100 + 80 * i), (900, 140 + 80 * i), (100, 140 + 80 * i)), 0.95, i)
             for i, t in enumerate(texts)]
    return OcrPage(1000, height, lines)


def test_extract_dates_award_issue_is_last():
    page = _page("荣誉证书", "张伟同志在2021年度工作中", "荣获先进个人称号", "抚顺市生态环境局", "2021年12月30日")
    ms = extract_dates(page, "award_certificate")
    issue = [m for m in ms if m.role == "issue"]
    assert len(issue) == 1 and issue[0].date == P(2021, 12, 30)
    x0, y0, x1, y1 = issue[0].bbox
    assert y0 == 420 and x0 == 100


def test_extract_dates_bbox_narrowed_to_span():
    page = _page("发证日期：2019年6月30日")
    [m] = extract_dates(page, "award_certificate")
    x0, _, x1, _ = m.bbox
    assert 100 < x0 < x1 <= 900
    assert x0 > 100 + 800 * 4 / 15


@pytest.mark.parametrize("line", ["2022年第48卷第3期", "2022年 第48卷 第3期", "2022年，第48卷，第3期"])
def test_a_cover_printing_year_volume_and_issue_dates_the_issue(line):
    # the volume between the year and the issue, as covers print it: no date was read, and every
    # real paper under such a cover was a review (发表日期仅见于申报信息) (trust10, R01-R08)
    page = _page("环境保护科学", "HUANJING BAOHU KEXUE", line, "ISSN 1004-6216", "CN 21-1135/X")
    assert [(m.role, m.date.iso()) for m in extract_dates(page, "journal_cover")] == [("publication", "2022-02/09")]
    assert parse_date(line, "bimonthly").iso() == "2022-05/06"


@pytest.mark.parametrize("head", ["Environmental Pollution 312 (2022) 119842", "Environmental Pollution312(2022)119842",
                                  "Water Research, 2022, 168: 115160"])
def test_an_english_journals_running_head_dates_its_paper_by_the_year(head):
    page = _page(head, "Contents lists available at ScienceDirect", "Source apportionment of PM2.5",
                 "The samples were collected in 2015 at six sites")
    assert [(m.role, m.date.iso()) for m in extract_dates(page, "paper") if m.role] == [("publication", "2022")]


def test_extract_dates_publicity():
    page = _page("公示结果", "公示时间：2024年10月8日至2024年10月14日", "公示期间无异议", "2024年10月15日")
    ms = extract_dates(page, "publicity_result")
    roles = {m.role: m.date.iso() for m in ms if m.role}
    assert roles["publicity_start"] == "2024-10-08"
    assert roles["publicity_end"] == "2024-10-14"
    assert roles["issue"] == "2024-10-15"


def test_extract_dates_publicity_over_two_lines():
    page = _page("公示情况说明", "公示时间：自2024年10月8日起", "至2024年10月11日止")
    roles = {m.role: m.date.iso() for m in extract_dates(page, "publicity_result") if m.role}
    assert roles.get("publicity_start") == "2024-10-08" and roles.get("publicity_end") == "2024-10-11"


@pytest.mark.parametrize("period", ["2024.09.09一2024.09.13", "2024/9/9 一 2024/9/13"])
def test_extract_dates_publicity_in_figures_with_its_dash_read_one(period):
    # probe trust35 (C04, P08): round 34's publicity printed 2024.09.09—2024.09.13 and PP-OCR read the dash 一: the
    # period went unread, a review on a clean dossier
    page = _page("关于胡秀兰同志申报职称的公示", f"业绩材料予以公示。公示期为{period}。如有异议，请", "特此公示。", "2024年9月14日")
    roles = {m.role: m.date.iso() for m in extract_dates(page, "publicity_result") if m.role}
    assert roles.get("publicity_start") == "2024-09-09" and roles.get("publicity_end") == "2024-09-13"


def test_extract_dates_assessment_year():
    page = _page("2022年度事业单位工作人员年度考核登记表", "考核等次 优秀", "单位（盖章）", "2023年1月10日")
    ms = extract_dates(page, "annual_assessment")
    assert [m.date.year for m in ms if m.role == "assessment_year"] == [2022]


def test_extract_dates_title_date_label_on_previous_line():
    page = _page("专业技术资格证书", "评审通过时间", "2019年6月30日", "发证日期：2019年8月1日")
    ms = extract_dates(page, "title_certificate")
    assert [m.date.iso() for m in ms if m.role == "title_date"] == ["2019-06-30"]
    assert [m.date.iso() for m in ms if m.role == "issue"] == ["2019-08-01"]


def test_extract_dates_birth_on_id_card():
    page = _page("姓名 张伟", "出生 1988 年 5 月 12 日", "公民身份号码 210402198805120012", "有效期限 2015.03.02-2035.03.02")
    ms = extract_dates(page, "id_card")
    assert [m.date.iso() for m in ms if m.role == "birth"] == ["1988-05-12"]
    assert not any(m.role == "issue" for m in ms)


def test_extract_dates_journal_publication_and_received():
    page = _page("环境保护与循环经济（月刊）", "2022年第5期", "收稿日期：2022-03-01")
    ms = extract_dates(page, "journal_cover")
    pub = [m for m in ms if m.role == "publication"]
    assert [m.date.iso() for m in pub] == ["2022-05"]  # monthly printed on the page
    assert [m.role for m in ms if m.date.iso() == "2022-03-01"] == ["received"]


def test_extract_dates_wrapped_over_two_lines():
    page = _page("公示结果", "我单位于2024年9月", "23日至2024年9月29日在单位公示栏进行了公示。", "2024年9月30日")
    ms = extract_dates(page, "publicity_result")
    roles = {m.role: m.date.iso() for m in ms if m.role}
    assert roles.get("publicity_start") == "2024-09-23"
    assert roles.get("publicity_end") == "2024-09-29"
    assert "2024-09" not in [m.date.iso() for m in ms]  # the half on the first line is not kept


@pytest.mark.parametrize("cut", ["日至18日，在单位公示栏进行了公示。", "日至10月18日，在单位公示栏进行了公示。"])
def test_a_wrapped_start_keeps_the_yearless_end_after_it(cut):
    """Trust exploration: '我单位于2024年10月14' / '日至18日' (the commonest way an office
    writes the period, wrapped as a paragraph wraps) lost its end: only the date across the
    break was kept, and the next line alone has no date for 至18日 to continue."""
    page = _page("公示结果", "我单位于2024年10月14", cut, "2024年10月21日")
    roles = {m.role: m.date.iso() for m in extract_dates(page, "publicity_result") if m.role}
    assert roles.get("publicity_start") == "2024-10-14" and roles.get("publicity_end") == "2024-10-18"


@pytest.mark.parametrize("start, end", [
    ("我单位于2024/10/14至", "2024/10/18，在单位公示栏对张伟同志申报工程师资格的有关材料进行了公示。"),
    ("我单位于2024-10-14至", "2024-10-18，在单位公示栏进行了公示。"),
    ("我单位于2024.10.14至", "2024.10.18，在单位公示栏进行了公示。"),
    ("我单位于2024年10月14日至", "2024年10月18日，在单位公示栏进行了公示。"),
])
def test_a_range_whose_end_wraps_after_the_connective_is_read(start, end):
    """Trust exploration 3: …于2024/10/14至 / 2024/10/18，在… was never read as a range in any
    date style (the 至 ending the first line was not looked for): four clean dossiers went to
    review, and a three-day publicity was a review, not a fail."""
    page = _page("公示结果", start, end, "2024年10月21日")
    roles = {m.role: m.date.iso() for m in extract_dates(page, "publicity_result") if m.role}
    assert roles.get("publicity_start") == "2024-10-14" and roles.get("publicity_end") == "2024-10-18"


@pytest.mark.parametrize("text, dates", [
    ("2024-10-14—2024-10-18", ["2024-10-14", "2024-10-18"]),  # the start was lost (trust exploration 3)
    ("2024-10-14-2024-10-18", ["2024-10-14", "2024-10-18"]),
    ("2019-06-30-5", []),  # no date followed by another number
    ("公示时间：2024年10月14日一2024年10月18日", ["2024-10-14", "2024-10-18"]),
    ("公示时间：2024年10月14日一10月18日", ["2024-10-14", "2024-10-18"]),
    ("公示时间：2024年10月14日 ー 10月18日", ["2024-10-14", "2024-10-18"]),
    ("于2024年10月14日一次性公示", ["2024-10-14"]),  # 一 of 一次性 is no dash
    ("公示时间：20241014-20241017", ["2024-10-14", "2024-10-17"]),  # compact, as some HR systems print it (trust13)
    ("公示时间：20241014至20241018", ["2024-10-14", "2024-10-18"]),
    ("公示编号：20241014", []),  # one such figure alone is no date
])
def test_a_dash_read_as_the_character_one_joins_a_range(text, dates):
    """PP-OCR reads a long dash (—) as 一 (or ー): '2024年10月14日一2024年10月18日' was no range,
    and a publicity written so went to review, a four-day one too (trust exploration)."""
    assert [d.iso() for d, _, _ in find_dates(text)] == dates
    if len(dates) == 2:
        roles = {m.role: m.date.iso() for m in extract_dates(_page("公示结果", text), "publicity_result") if m.role}
        assert (roles.get("publicity_start"), roles.get("publicity_end")) == tuple(dates)


def test_title_certificate_without_label():
    page = _page("专业技术资格证书", "姓名 张伟", "资格名称 助理工程师", "2019年6月30日", "辽宁省人力资源和社会保障厅", "2019年8月1日")
    ms = extract_dates(page, "title_certificate")
    assert [m.date.iso() for m in ms if m.role == "title_date"] == ["2019-06-30"]
    assert [m.date.iso() for m in ms if m.role == "issue"] == ["2019-08-01"]


def test_field_dates_are_not_the_issue_date():
    """学信网 printout: the update date on top and the graduation date in the table
    are fields; with the signing date unread there is no issue date at all."""
    page = _page("教育部学历证书电子注册备案表", "更新日期：2024-09-21", "出生日期", "1993年7月21日", "入学日期",
                 "2011年9月1日", "毕(结)业日期", "2015年7月1日", "在线验证码：CSQ03VAGRVU1AHLA", "经核对，以上信息与本人学历证书原件一致。",
                 "审核人签字：", "（日期被印章遮住）")
    ms = extract_dates(page, "education_verification")
    assert not [m for m in ms if m.role == "issue"]
    assert [m.role for m in ms if m.date.iso() == "2015-07-01"] == ["study"]
    assert [m.role for m in ms if m.date.iso() == "1993-07-21"] == ["birth"]


def test_author_bio_birth_year_and_retrieval_table():
    page = _page("抚顺地区大气PM2.5来源解析研究", "2022年第5期", "作者简介：张伟（1988一），男，工程师")
    ms = extract_dates(page, "paper")
    assert [(m.date.iso(), m.role) for m in ms if m.role == "birth"] == [("1988", "birth")]
    page = _page("论文检索证明", "检索时间：2024-09-01", "题名 作者 刊名 发表时间", "抚顺地区… 张伟 环境保护… 2022-05",
                 "特此证明。", "抚顺市生态环境监测站人事科", "2024年9月10日")
    roles = {(m.date.iso(), m.role) for m in extract_dates(page, "retrieval_proof")}
    assert roles == {("2024-09-01", "retrieved"), ("2022-05", "publication"), ("2024-09-10", "issue")}


def test_title_date_unread_is_not_replaced_by_the_issue_date():
    """Real OCR of a sealed certificate: the year under the seal is lost."""
    page = _page("专业技术资格证书", "评审通过时间", "年四月九日", "评审委员会", "抚顺市人力资源和社会保障局", "2020年5月日")
    ms = extract_dates(page, "title_certificate")
    assert not [m for m in ms if m.role == "title_date"]
    assert [(m.date.iso(), m.role) for m in ms] == [("2020-05", "issue")]


def test_publicity_without_a_year_takes_the_pages_year():
    page = _page("公示结果", "公示时间：10月8日至10月14日", "公示期间无异议。", "抚顺市生态环境监测站", "2024年10月15日")
    roles = {m.role: m.date.iso() for m in extract_dates(page, "publicity_result") if m.role}
    assert roles["publicity_start"] == "2024-10-08" and roles["publicity_end"] == "2024-10-14"
    # no dated line on the page: nothing is guessed
    page = _page("公示结果", "公示时间：10月8日至10月14日", "公示期间无异议。")
    assert not [m for m in extract_dates(page, "publicity_result") if m.role]


def test_a_yearless_publicity_wrapped_over_two_lines_takes_the_pages_year():
    """Trust exploration 7, P18: 「我单位于9月27日至10」 / 「月8日，在单位公示栏…」 signed
    2024年10月21日 was 未能识别公示起止时间."""
    page = _page("公示结果", "要求，我单位于9月27日至10", "月8日，在单位公示栏对张伟同志申报工程师资格的有关材料进行了公示。",
                 "公示期间，未收到任何异议。", "抚顺市生态环境监测站", "2024年10月21日")
    roles = {m.role: (m.date.iso(), m.text) for m in extract_dates(page, "publicity_result") if m.role}
    assert roles["publicity_start"] == ("2024-09-27", "9月27日") and roles["publicity_end"] == ("2024-10-08", "10月8日")


def test_a_yearless_range_of_another_activity_is_no_publicity():
    page = _page("公示结果", "材料审核时间：9月27日至10月8日", "公示期间无异议。", "抚顺市生态环境监测站", "2024年10月21日")
    assert not [m for m in extract_dates(page, "publicity_result") if m.role and m.role.startswith("publicity")]


def test_a_yearless_publicity_from_december_ends_in_the_next_year():
    page = _page("公示结果", "公示时间：12月26日至1月3日", "公示期间无异议。", "抚顺市生态环境监测站", "2025年1月6日")
    roles = {m.role: m.date.iso() for m in extract_dates(page, "publicity_result") if m.role}
    assert roles["publicity_start"] == "2024-12-26" and roles["publicity_end"] == "2025-01-03"


@pytest.mark.parametrize("texts", [
    ["年度考核登记表", "考核年度：2022", "考核等次 优秀"],
    ["年度考核登记表", "考核年度", "2022", "考核等次 优秀"],
    ["年度考核表", "（二〇二二年度）"],
    # the year alone in the cell after its label, in Chinese numerals (probe alt18 C12: OCR read 二0二二)
    ["年度考核登记表", "姓名", "林雪", "考核年度", "二0二二", "考核等次", "合格", "2022年，本人认真学习业务知识", "2023年1月17日"],
    ["年度考核登记表", "考核年度", "二〇二二", "考核等次 合格"],
    ["年度考核登记表", "考核年度", "二○二二", "考核等次 合格"],
])
def test_assessment_year_spellings(texts):
    ms = extract_dates(_page(*texts), "annual_assessment")
    assert {m.date.iso() for m in ms if m.role == "assessment_year"} == {"2022"}


@pytest.mark.parametrize("label", ["评审通过时间：", "取得资格时间", "批准日期：", "评审日期", "取得时间："])
def test_title_date_labels(label):
    page = _page("专业技术资格证书", f"{label}2019年6月30日", "发证机关 抚顺市人力资源和社会保障局", "2019年8月1日")
    ms = extract_dates(page, "title_certificate")
    assert [m.date.iso() for m in ms if m.role == "title_date"] == ["2019-06-30"]


def test_assessment_year_ignores_years_in_the_summary():
    """A 2022 form whose summary mentions 2021年度考核 does not stand for a 2021 form."""
    page = _page("2022年度事业单位工作人员年度考核登记表", "姓名 张伟", "个人总结",
                 "本人2021年度考核为优秀，2022年度继续认真履行岗位职责。", "考核等次 优秀", "2023年1月10日")
    assert {m.date.year for m in extract_dates(page, "annual_assessment") if m.role == "assessment_year"} == {2022}
    # no titled year and the body disagrees: no year at all (the rule asks a person)
    page = _page("事业单位工作人员年度考核登记表", "本人2021年度考核为优秀，2022年度继续认真履行岗位职责。")
    assert not [m for m in extract_dates(page, "annual_assessment") if m.role == "assessment_year"]


def test_a_copy_certification_date_is_not_the_awards_issue_date():
    """A copy certified under the certificate (经核对，本复印件与原件一致 / 2024年10月15日):
    the award's own date at its foot is the issue date (probe alt13 a03)."""
    page = _page("荣誉证书", "张伟同志", "荣获抚顺市科学技术进步奖三等奖", "抚顺市科学技术局", "2018年12月20日",
                 "经核对，本复印件与原件一致", "2024年10月15日")
    issue = [m for m in extract_dates(page, "award_certificate") if m.role == "issue"]
    assert [m.date for m in issue] == [P(2018, 12, 20)]
    # the checker and the certifying unit between the words and the copy's date (probe alt21 D04)
    page = _page("荣誉证书", "证书编号：KJ-031", "张伟同志：", "你参与完成的监测预警系统建设项目", "荣获抚顺市科学技术进步奖三等奖",
                 "特发此证，以资鼓励。", "抚顺市科学技术局", "2018年12月20日",
                 "本复印件与原件一致", "核对人：单丽华", "抚顺市生态环境监测站", "2024年9月10日")
    issue = [m for m in extract_dates(page, "award_certificate") if m.role == "issue"]
    assert [m.date for m in issue] == [P(2018, 12, 20)]
    # the unit's round seal beside the box, its ring read as lines of one character (trust exploration 5, W8)
    page = _page("荣誉证书", "证书编号：KJ-031", "张伟同志：", "你参与完成的监测预警系统建设项目", "荣获抚顺市科学技术进步奖三等奖",
                 "特发此证，以资鼓励。", "抚顺市科学技术局", "二〇一七年五月十二日",
                 "此复印件与原件一致", "生", "市", "核对人：", "本", "2024.10.28")
    issue = [m for m in extract_dates(page, "award_certificate") if m.role == "issue"]
    assert [m.date for m in issue] == [P(2017, 5, 12)]


def test_former_qualification_date_is_no_title_date():
    """A certificate that also shows the title held before (probe alt13 a06:
    原资格取得时间 2019-06-30 above 评审通过时间 2020-12-25; the claim 2019-06-30 passed
    on the former date)."""
    page = _page("专业技术资格证书", "姓名：郑海峰", "原资格名称：技术员", "原资格取得时间：2019年6月30日", "资格名称：助理工程师",
                 "评审通过时间：2020年12月25日", "发证机关（盖章）", "发证日期：2021年1月20日")
    roles = [(m.date.iso(), m.role) for m in extract_dates(page, "title_certificate")]
    assert roles == [("2019-06-30", "former_title"), ("2020-12-25", "title_date"), ("2021-01-20", "issue")]
    # the label alone on its line, the date below it
    page = _page("专业技术资格证书", "原职称取得时间", "2019年6月30日", "评审通过时间", "2020年12月25日")
    assert [m.date.iso() for m in extract_dates(page, "title_certificate") if m.role == "title_date"] == ["2020-12-25"]


def test_two_title_dates_apart_keep_the_certificates_own_label():
    """评审时间 and 评审通过时间 disagreeing: 评审通过时间 is the certificate's own;
    two dates under equally weak labels both stay (the rule asks a person)."""
    page = _page("专业技术资格证书", "评审时间：2019年6月30日", "评审通过时间：2020年12月25日")
    assert [m.date.iso() for m in extract_dates(page, "title_certificate") if m.role == "title_date"] == ["2020-12-25"]
    page = _page("专业技术资格证书", "评审日期：2019年6月30日", "取得时间：2020年12月25日")
    assert [m.date.iso() for m in extract_dates(page, "title_certificate") if m.role == "title_date"] == ["2019-06-30", "2020-12-25"]


def test_publicity_range_named_by_its_label_wins_over_another_activitys():
    """材料审核时间 above 公示时间 (probe alt13 a01): the earlier range, under a 公示
    heading, was taken for the publicity and passed a two-day publicity."""
    page = _page("公示结果", "关于刘建国同志申报工程师资格的公示情况说明",
                 "材料审核时间：2024年9月2日至2024年9月10日，我单位人事部门", "对刘建国同志的申报材料进行了审核。",
                 "公示时间：2024年9月12日至2024年9月13日，我单位在本单位公示", "栏对刘建国同志的申报材料及业绩进行了公示。",
                 "公示期间，未收到任何异议。", "抚顺市生态环境监测站", "2024年9月16日")
    ms = extract_dates(page, "publicity_result")
    assert [(m.date.iso(), m.role) for m in ms if m.role and m.role.startswith("publicity")] == [
        ("2024-09-12", "publicity_start"), ("2024-09-13", "publicity_end")]
    # the publicity named after the range (我单位于…在本单位公示栏进行了公示)
    page = _page("公示结果", "材料审核时间：2024年9月2日至2024年9月10日。",
                 "我单位于2024年9月12日至2024年9月13日在本单位", "公示栏进行了公示。", "2024年9月16日")
    assert [m.date.iso() for m in extract_dates(page, "publicity_result") if m.role == "publicity_start"] == ["2024-09-12"]


def test_publicity_ranges_no_label_tells_apart_are_all_marked():
    """Two ranges under a 公示 heading, neither labelled 公示: both are marked, in
    reading order, for publicity.duration to weigh; one range with a plain label is
    the publicity as before."""
    page = _page("公示结果", "材料审核时间：2024年9月2日至2024年9月10日", "异议受理时间：2024年9月12日至2024年9月13日", "2024年9月16日")
    ms = extract_dates(page, "publicity_result")
    assert [m.date.iso() for m in ms if m.role == "publicity_start"] == ["2024-09-02", "2024-09-12"]
    assert [m.date.iso() for m in ms if m.role == "publicity_end"] == ["2024-09-10", "2024-09-13"]
    page = _page("关于张伟同志申报工程师资格的公示", "时间：2024年10月14日至2024年10月18日", "2024年10月21日")
    ms = extract_dates(page, "publicity_result")
    assert {m.role: m.date.iso() for m in ms if m.role} == {
        "publicity_start": "2024-10-14", "publicity_end": "2024-10-18", "issue": "2024-10-21"}


def test_a_labelled_issue_date_keeps_a_booklets_other_dates_from_being_guessed_one():
    """A title certificate photographed open (personal data on the left page, the
    qualification on the right) read row by row: 出生年月's 1993年6月, its label read after
    it, lay lowest of the unlabelled dates and was taken for the issue date beside the
    labelled 发证日期 2020年7月28日, and a clean certificate "was issued before its
    approval" (trust exploration)."""
    def line(text, x0, y0, x1, y1):
        return OcrLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.99)

    page = OcrPage(1754, 1240, [
        line("专业技术资格证书", 1097, 120, 1526, 178), line("评审通过时间：", 956, 433, 1155, 474),
        line("2020年6月30日", 1185, 431, 1383, 473), line("姓名：", 112, 535, 200, 585), line("陈彧", 293, 538, 367, 580),
        line("性别：", 115, 613, 197, 656), line("男", 297, 613, 334, 654), line("1993年6月", 297, 690, 437, 728),
        line("发证日期：", 959, 676, 1095, 714), line("2020年7月28日", 1188, 674, 1385, 711), line("出生年月：", 119, 692, 256, 730)])
    roles = [(m.date.iso(), m.role) for m in extract_dates(page, "title_certificate")]
    assert ("2020-06-30", "title_date") in roles and ("2020-07-28", "issue") in roles
    assert ("1993-06", "issue") not in roles


@pytest.mark.parametrize("text, iso", [("0ctober2022", "2022-10"), ("Available online 12 0ctober 2022", "2022-10-12"),
                                       ("0ct. 2022", "2022-10"), ("Vol.10 Oct 2022", "2022-10")])
def test_an_english_month_whose_o_was_read_as_a_zero_is_read(text, iso):
    """Trust exploration 3: an English journal's 0ctober2022 (OCR reads O as 0) was no date,
    and the paper's date was a review, 期刊页未识别到出版日期."""
    assert [d.iso() for d, _, _ in find_dates(text)] == [iso]


@pytest.mark.parametrize("lines", [
    # a fax's page in standard resolution: 出生年月 read 山生年月, 评审通过时间 read 评中通过时间, the date at the
    # foot read 2019630H (probe trust15 C07: title.date failed a clean certificate on its birth date 1988-04)
    ("专业技术资格证书", "姓名：张伟", "山生年月：1988年4月", "资格名称：助理工程师", "评中通过时间：2019年6月30日",
     "抚顺市人力资源和社会保障局", "2019630H"),
    ("专业技术资格证书", "姓名：张伟", "山生年月：1988年4月", "资格名称：助理工程师"),
])
def test_a_title_certificates_field_date_is_not_guessed_to_be_its_title_date(lines):
    ms = extract_dates(_page(*lines), "title_certificate")
    assert "1988-04" not in [m.date.iso() for m in ms if m.role == "title_date"]


@pytest.mark.parametrize("label", ["评中通过时间：", "评宙通过时间", "中审通过日期："])
def test_an_approval_label_with_one_glyph_of_评审_misread_still_labels_the_title_date(label):
    """评审通过时间 read 评中通过时间 (a fax's page at 98 dpi, probe trust15 C07): the date on its row is the title's,
    and the birth date's misread label (山生年月) does not make it a guess; before, no title date was read."""
    page = _page("专业技术资格证书", "姓名：张伟", "山生年月：1988年4月", "资格名称：助理工程师", f"{label}2019年6月30日",
                 "抚顺市人力资源和社会保障局", "2019630H")
    ms = extract_dates(page, "title_certificate")
    assert [m.date.iso() for m in ms if m.role == "title_date"] == ["2019-06-30"]
    assert not [m for m in ms if m.role == "issue"], "the birth date above it is no issue date"


def _cells(label: str, cells: list[str], y: int = 500, before: tuple[str, ...] = ("专业技术资格证书",)):
    """A page whose date is printed in cells of one row, each read as a line of its own, after its label."""
    lines = [OcrLine(t, ((100, 100 + 60 * i), (500, 100 + 60 * i), (500, 130 + 60 * i), (100, 130 + 60 * i)), 0.95, i)
             for i, t in enumerate(before)]
    n = len(lines)
    lines.append(OcrLine(label, ((100, y), (260, y), (260, y + 36), (100, y + 36)), 0.95, n))
    x = 300
    for k, t in enumerate(cells):
        w = 22 * len(t) + 10
        lines.append(OcrLine(t, ((x, y), (x + w, y), (x + w, y + 36), (x, y + 36)), 0.95, n + 1 + k))
        x += w + 30
    return OcrPage(1200, 900, lines)


@pytest.mark.parametrize("cells", [["2019", "年", "12", "月", "28", "日"], ["2019", "年12月28", "日"],
                                   ["2019", "年12", "月28", "日"], ["2019", "年", "12", "28", "日"]])
def test_a_date_printed_in_cells_of_its_own_is_read_whole_with_its_label(cells):
    """Probe trust19: a form's 「2019」年「12」月「28」日, a certificate's typed blanks: one line per cell. The label and
    the day were lost (title.date: 未能识别评审通过时间 on a clean certificate; a coarse 2019年12 for the day)."""
    ms = extract_dates(_cells("评审时间：", cells), "title_certificate")
    assert [(m.date.iso(), m.role) for m in ms] == [("2019-12-28", "title_date")], ms


def test_cells_of_a_table_row_are_no_date():
    """A year and its hours in a table's row (2021 | 12) make no date, nor a row of years."""
    for cells in (["2021", "12"], ["2021", "2022", "2023"]):
        ms = extract_dates(_cells("年度", cells), "continuing_education")
        assert all(m.date.precision == "year" for m in ms), ms


def test_numbers_written_above_the_printed_units_make_the_date_under_its_label():
    """Probe trust19 C13, P14: 评审时间： 年 月 日 printed far apart, 2019 12 26 handwritten above them, read as two
    rows: no approval date was read, and a certificate printing 2017 for the claimed 2018 was only a review."""
    def at(text, x, y, w, i, hh=36):
        return OcrLine(text, ((x, y), (x + w, y), (x + w, y + hh), (x, y + hh)), 0.95, i)

    lines = [at("专业技术资格证书", 300, 60, 500, 0), at("资格名称：", 130, 280, 120, 1), at("助理工程师", 300, 280, 170, 2),
             at("2019", 240, 360, 60, 3, 30), at("12", 470, 360, 30, 4, 30), at("26", 645, 360, 30, 5, 30),
             at("评审时间：", 130, 385, 120, 6), at("年", 365, 385, 30, 7), at("月", 540, 385, 30, 8), at("日", 715, 385, 30, 9),
             at("证书编号：", 130, 460, 120, 10)]
    ms = extract_dates(OcrPage(1240, 880, lines), "title_certificate")
    assert [(m.date.iso(), m.role) for m in ms] == [("2019-12-26", "title_date")], ms
    # the units alone, no number above them: no date
    ms = extract_dates(OcrPage(1240, 880, [l for l in lines if l.order not in (3, 4, 5)]), "title_certificate")
    assert not ms


@pytest.mark.parametrize("text,iso,span", [
    # a vertical (竖排) certificate's label and value: the gap between them read as 〇 (probe trust28)
    ("评审通过时间〇一九九六年十二月二十日", "1996-12-20", "一九九六年十二月二十日"),
    ("评审通过时间○二〇〇三年六月三十日", "2003-06-30", "二〇〇三年六月三十日"),
    ("〇一九九八年六月", "1998-06", "一九九八年六月"),
])
def test_a_chinese_year_after_a_stray_zero_is_the_year(text, iso, span):
    (date, found, _), = find_dates(text)
    assert (date.iso(), found) == (iso, span)


@pytest.mark.parametrize("text", ["编号〇〇一九九八年", "九〇一九九八年", "〇〇二〇〇三年"])
def test_a_stray_zero_is_one_mark_after_no_numeral(text):
    """Two zeros, or a numeral before the zero, are a run of numerals no year is cut out of."""
    assert find_dates(text) == []


def test_a_two_digit_days_日_left_as_bars_on_a_fax_page_is_the_day():
    """10月14|至10月18|丨 (a fax's page at 98 dpi kept only the uprights of 日, probe trust15 C07): the range's
    days are read; a bar after a one-digit day may be a 1 of it and is not taken for 日."""
    assert [d.iso() for d, _, _ in find_dates("我单位于2024年10月14|至10月18|丨，对")] == ["2024-10-14", "2024-10-18"]
    assert [d.iso() for d, _, _ in find_dates("于2024年9月27丨至10月8|丨，对")] == ["2024-09-27", "2024-10-08"]
    assert [d.iso() for d, _, _ in find_dates("2024年10月1|至10月15日")][0] != "2024-10-01"



def test_the_date_line_of_hr_copy_stamp_is_not_the_awards_issue_date():
    """Probe trust38 P22: HR's red 「复印件与原件核对一致 / 核对人：周德明 / 日 期：2024年10月9日」 stamped under an award
    printed 2019年8月15日 (before the title), its round seal beside it, read as five lines: the stamp's date, the
    fourth line under its words, was taken for the award's issue date and the award passed on a claim after the
    title. The boxes as read at 250 dpi."""
    box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))  # noqa: E731
    lines = [OcrLine("荣誉证书", box(700, 560, 1360, 720), 0.99, 0),
             OcrLine("江淑贞同志：", box(290, 900, 700, 960), 0.99, 1),
             OcrLine("荣获抚顺市科学技术进步奖三等奖。", box(290, 1060, 1500, 1120), 0.99, 2),
             OcrLine("抚顺市人民政府", box(1060, 1760, 1480, 1820), 0.99, 3),
             OcrLine("2019年8月15日", box(1160, 1852, 1519, 1914), 0.99, 4),
             OcrLine("复印件与原件核对一致", box(330, 2490, 820, 2545), 0.95, 5),
             OcrLine("核对人：", box(250, 2560, 400, 2600), 0.95, 6),
             OcrLine("周德明", box(420, 2545, 600, 2600), 0.9, 7),
             OcrLine("日 期：", box(250, 2625, 400, 2665), 0.95, 8),
             OcrLine("2024年10月9日", box(408, 2621, 717, 2686), 0.9, 9)]
    page = OcrPage(2066, 2923, lines)
    issue = [m for m in extract_dates(page, "award_certificate") if m.role == "issue"]
    assert [m.date for m in issue] == [P(2019, 8, 15)]


def test_a_cards_copy_certification_date_is_no_birth_date():
    """Probe trust38 P18: under a card copy, the applicant's 「此复印件与原件一致，仅供职称申报使用 / 宋建华 2024.10.8」; the
    card's labelled 出生 date is its birth date, and the copy's date was taken for a second one. Where the 出生 label is
    not read, the copy's date is still none (identity.id_number compares the card's birth date with its number's)."""
    page = _page("居民身份证复印件", "姓名 宋建华", "出生 1971年4月17日", "公民身份号码 210422197104175640",
                 "此复印件与原件一致，仅供职称申报使用", "宋建华 2024.10.8")
    assert [m.date for m in extract_dates(page, "id_card") if m.role == "birth"] == [P(1971, 4, 17)]
    page = _page("居民身份证复印件", "姓名 宋建华", "公民身份号码 210422197104175640",
                 "此复印件与原件一致，仅供职称申报使用", "宋建华 2024.10.8")
    assert [m.date for m in extract_dates(page, "id_card") if m.role == "birth"] == []
