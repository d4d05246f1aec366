"""journal.registered on hand-built pages (each outcome, the report's record), and
end to end: a generated dossier with a 套刊 paper through the real engine."""
from __future__ import annotations

import json

import numpy as np
import pytest

from ocr.ctc import Lattice, toy_frames
from ocr.model import OcrLine, OcrPage
from verify.applicant import parse_applicant
from verify.campaign import load_campaign
from verify.journals import JournalChecker
from verify.journals.testing import small_registry
from verify.model import DateMention, PageRead
from verify.read.dates import PartialDate
from verify.rules import Dossier, run_rules

PAPER = {"title": "抚顺地区大气PM2.5来源解析研究", "journal": "环境保护与循环经济", "issn": "1674-1021", "cn": "21-1556/X",
         "date": "2022-05"}


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return JournalChecker(str(small_registry(tmp_path_factory.mktemp("reg"))))


def applicant(unit_kind="institution", **paper):
    return parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "unit_kind": unit_kind, "specialty": "生态环境监测",
                            "current_title": {"name": "助理工程师", "date": "2019-06-30"},
                            "papers": [{**PAPER, **paper}]}, "test")


def cover(lines, issn=(), cn=(), date="2022-05", file="p/cover.jpg", source="ocr", lattices=None):
    ocr = OcrPage(width=1654, height=2339, engine="test", source=source, lines=[
        OcrLine(t, ((100, 100 + 60 * i), (1500, 100 + 60 * i), (1500, 150 + 60 * i), (100, 150 + 60 * i)), 0.99, i,
                lattice=(lattices or {}).get(i))
        for i, t in enumerate(lines)])
    dates = [DateMention(PartialDate.parse_iso(date), date, (100, 100, 400, 150), "publication")] if date else []
    return PageRead(file=file, page=1, ocr=ocr, kind="journal_cover", kind_score=0.9, issn=list(issn), cn=list(cn), dates=dates)


def paper_page(extra=()):
    ocr = OcrPage(width=1654, height=2339, engine="test", lines=[
        OcrLine(t, ((100, 100 + 60 * i), (1500, 100 + 60 * i), (1500, 150 + 60 * i), (100, 150 + 60 * i)), 0.99, i)
        for i, t in enumerate([PAPER["title"], "张伟", *extra])])
    return PageRead(file="p/paper.jpg", page=1, ocr=ocr, kind="paper", kind_score=0.9)


def registered(pages, checker, app=None):
    d = Dossier(applicant=app or applicant(), campaign=load_campaign("fushun-2024"), pages=pages, journals=checker)
    return [f for f in run_rules(d) if f.rule == "journal.registered"]


def test_registered_journal_passes_and_the_finding_carries_the_record(checker):
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page()], checker)
    assert f.status == "pass" and f.file == "p/cover.jpg" and f.value == "ISSN 1674-1021 CN 21-1556/X"
    assert "辽宁省环境科学研究院" in f.message and "测试登记库" in f.message
    assert f.bbox == (100, 160, 1500, 270)  # the ISSN and CN lines: the crop shown beside the record
    d = f.to_dict()
    assert d["journal"]["journal"]["name"] == "环境保护与循环经济" and d["journal"]["registry"]["name"] == "测试登记库"


def test_issn_and_cn_of_two_journals_fail(checker):
    app = applicant(issn="1674-1021", cn="11-2031/Q")  # the claim copies the borrowed numbers
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 11-2031/Q"], ["1674-1021"], ["CN 11-2031/Q"]),
                       paper_page()], checker, app)
    assert f.status == "fail" and "生态学报" in f.message
    assert {c["why"] for c in f.journal["candidates"]} == {"ISSN 所属", "CN 所属"}


def test_name_differs_is_review(checker):
    app = applicant(journal="环境科学")
    (f,) = registered([cover(["环境科学", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page()], checker, app)
    assert f.status == "review" and "环境保护与循环经济" in f.message


def test_a_name_one_character_off_printed_as_claimed_is_review_a_typing_slip_passes(checker):
    """A fake named like a real journal, over its numbers (环境保护与循坏经济: probe alt7's
    三峡生态环境检测 for 三峡生态环境监测 passed): printed on the cover as the applicant
    typed it, the name is the journal's, not a slip. The same typed name under a cover
    printing the registered name is a slip."""
    app = applicant(journal="环境保护与循坏经济")
    (f,) = registered([cover(["环境保护与循坏经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page()], checker, app)
    assert f.status == "review" and "环境保护与循环经济" in f.message
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page()], checker, app)
    assert f.status == "pass"


def test_a_real_pair_printed_under_another_journals_name_fails(checker):
    app = applicant(journal="生态学报")
    (f,) = registered([cover(["生态学报", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page()], checker, app)
    assert f.status == "fail" and "环境保护与循环经济" in f.message and "生态学报" in f.message
    # the claim names another journal, the cover its own: the claim is wrong, a person looks
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page()], checker, app)
    assert f.status == "review"


def test_unknown_journal_is_review(checker):
    app = applicant(journal="环境监测前沿", issn="1234-5679", cn="21-1998/X")
    (f,) = registered([cover(["环境监测前沿", "ISSN 1234-5679", "CN 21-1998/X"], ["1234-5679"], ["CN 21-1998/X"]),
                       paper_page()], checker, app)
    assert f.status == "review" and "不在登记库中" in f.message


def test_a_chinese_masthead_over_an_issn_alone_fails_a_foreign_journal_stays_review(checker):
    """An unregistered ISSN with no CN anywhere is a review (境外期刊 exist); but a cover
    printing 主管/主办, a journal published in China, must carry a CN (a generated
    假刊 with only 国际标准刊号 was a review)."""
    app = applicant(journal="环境工程技术研究", issn="2079-6021", cn=None)
    lines = ["环境工程技术研究", "2021年第3期", "国际标准刊号 ISSN 2079-6021"]
    masthead = ["主管：辽宁省生态环境厅", "主办：中国科学院生态环境研究中心"]
    (f,) = registered([cover(lines + masthead, ["2079-6021"]), paper_page()], checker, app)
    assert f.status == "fail" and "主管、主办" in f.message and "CN" in f.message and f.file == "p/cover.jpg"
    (f,) = registered([cover(lines, ["2079-6021"]), paper_page()], checker, app)
    assert f.status == "review" and "不在登记库中" in f.message
    (f,) = registered([cover(lines + masthead + ["CN 2l-1998/X"], ["2079-6021"]), paper_page()], checker, app)
    assert f.status == "review", "a CN printed but not read is no proof there is none"
    # the ISSN labelled as the standard says, 国际标准连续出版物号 (P07: read as a trace of a CN)
    labelled = ["环境工程技术研究", "2021年第3期", "国际标准连续出版物号 ISSN 2079-6021"]
    (f,) = registered([cover(labelled + masthead, ["2079-6021"]), paper_page()], checker, app)
    assert f.status == "fail" and "主管、主办" in f.message, f.message
    (f,) = registered([cover(labelled + masthead + ["国内统一连续出版物号"], ["2079-6021"]), paper_page()], checker, app)
    assert f.status == "review", "the CN's own label is a trace of one"
    # a 版权页's column of labels, no colon, each label's two characters spaced wide and read as lines of their own
    # (probe trust23 P07: an ISSN-only "Hong Kong" journal under 主  管 / 主  办 was a review)
    column = ["主", "管", "香港中华文化出版社", "主", "办", "中国环境管理研究杂志社", "编辑出版", "《环境工程技术研究》编辑部",
              "E-mail", "hjgcjs@rcees.ac.cn", "网址：www.hjgcjs.cn"]  # a .cn address is no trace of a CN
    (f,) = registered([cover(labelled + column, ["2079-6021"]), paper_page()], checker, app)
    assert f.status == "fail" and "主管、主办" in f.message, f.message
    (f,) = registered([cover(labelled + ["主    管  辽宁省生态环境厅", "主办单位 中国科学院生态环境研究中心"], ["2079-6021"]),
                       paper_page()], checker, app)
    assert f.status == "fail" and "主管、主办" in f.message, f.message


def test_paper_after_the_journal_stopped_fails(checker):
    app = applicant(journal="山东环境", issn="1002-6088", cn="37-1051/X", date="2021-03")
    (f,) = registered([cover(["山东环境", "ISSN 1002-6088", "CN 37-1051/X"], ["1002-6088"], ["CN 37-1051/X"], date="2021-03"),
                       paper_page()], checker, app)
    assert f.status == "fail" and "停刊" in f.message and "2008" in f.message


def test_a_paper_dated_before_the_journal_was_founded_is_review(checker):
    """probe alt13 a07: an issue dated before the registered 创刊 year passed."""
    app = applicant(journal="环境化学", issn="0254-6108", cn="11-1844/X", date="1980-05")
    lines = ["环境化学", "ISSN 0254-6108", "CN 11-1844/X"]
    (f,) = registered([cover(lines, ["0254-6108"], ["CN 11-1844/X"], date="1980-05"), paper_page()], checker, app)
    assert f.status == "review" and f.journal["status"] == "registered"
    assert "登记的创刊时间为1982年，论文刊期1980年早于创刊" in f.message
    # the claim after the founding, the cover's issue before it: the earliest date counts
    app = applicant(journal="环境化学", issn="0254-6108", cn="11-1844/X", date="1983-05")
    (f,) = registered([cover(lines, ["0254-6108"], ["CN 11-1844/X"], date="1980-05"), paper_page()], checker, app)
    assert f.status == "review" and "论文刊期1980年早于创刊" in f.message
    (f,) = registered([cover(lines, ["0254-6108"], ["CN 11-1844/X"], date="1983-05"), paper_page()], checker, app)
    assert f.status == "pass" and "创刊" not in f.message


@pytest.mark.parametrize("issue, said", [("2022年增刊", "增刊"), ("2022年S1期", "年S1期"), ("Vol.38 No.S2", "No.S2"),
                                         # passed (trust10): 特辑, 专集, (增1), Sup.1
                                         ("2022年 生态环境监测特辑", "特辑"), ("第38卷 专集", "专集"), ("2022,38(增1)", "(增1)"),
                                         ("Vol.38 Sup.1", "Sup.1")])
def test_supplement_is_review(checker, issue, said):
    """An issue numbered S1 is a supplement too (probe alt10: 2022年S1期 passed)."""
    (f,) = registered([cover(["环境保护与循环经济", issue, "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"],
                             ["CN 21-1556/X"]), paper_page()], checker)
    assert f.status == "review" and said in f.message


def test_an_enterprise_applicants_journal_is_judged_but_an_unpublished_paper_passes(checker):
    """An enterprise applicant's paper need not be published (企业申报人员对论文不作发表要求),
    but a journal its pages name is judged as anyone's: a 套刊 is forged material whoever
    hands it in (trust exploration 4: an ISSN-only fake passed every rule for an enterprise)."""
    app = applicant(unit_kind="enterprise")
    app = type(app)(**{**app.__dict__, "unit": "抚顺石化环保工程有限公司"})
    (f,) = registered([cover(["环境科学", "ISSN 1674-1021", "CN 11-2031/Q"], ["1674-1021"], ["CN 11-2031/Q"])], checker, app)
    assert f.status == "fail"
    # a journal no registry here knows (a foreign one) says nothing of a paper that need not be published
    foreign = type(app)(**{**app.__dict__, "papers": tuple(
        type(c)(**{**c.__dict__, "journal": "Environmental Pollution", "issn": "0269-7491", "cn": None}) for c in app.papers)})
    (f,) = registered([cover(["Environmental Pollution", "ISSN 0269-7491"], ["0269-7491"], []), paper_page()],
                      checker, foreign)
    assert f.status == "pass" and "企业" in f.message, f.message
    (f,) = registered([paper_page()], checker, type(app)(**{**app.__dict__, "papers": tuple(
        type(c)(**{**c.__dict__, "issn": None, "cn": None}) for c in app.papers)}))
    assert f.status == "pass" and "企业" in f.message


@pytest.mark.parametrize("claimed,cover_title,head", [
    ("Shock Vib", "Shock Vib", "Shock Vib (2022) 2022:1234567"),  # ISO 4, as a reference manager writes it
    ("冲击与振动", "SHOCK AND VIBRATION", "Shock and Vibration (2022) 2022:1234567"),  # the title before the year
    ("冲击与振动", "Hindawi", "Shock and Vibration Volume 2022, Article ID 1234567"),
])
def test_a_warning_listed_journal_named_abbreviated_or_in_a_running_head_is_review_for_an_enterprise_too(
        checker, claimed, cover_title, head):
    """A journal on the CAS warning list (here Shock and Vibration, 2021) named by its ISO 4
    abbreviation, or printed only before its running head's year and volume: an enterprise
    applicant's paper passed as a foreign journal's (企业…免于核对), and the review of anyone
    else's said nothing of the warning (trust10, R15b)."""
    app = applicant(unit_kind="enterprise")
    app = type(app)(**{**app.__dict__, "unit": "抚顺石化环保工程有限公司", "papers": tuple(
        type(c)(**{**c.__dict__, "journal": claimed, "issn": "1070-9622", "cn": None}) for c in app.papers)})
    pages = [cover([cover_title, "ISSN 1070-9622"], ["1070-9622"], []), paper_page([head])]
    (f,) = registered(pages, checker, app)
    assert f.status == "review" and "预警名单" in f.message and "2021" in f.message, f.message
    (f,) = registered(pages, checker, type(app)(**{**app.__dict__, "unit_kind": "institution", "unit": "抚顺市生态环境监测站"}))
    assert f.status == "review" and "预警名单" in f.message, f.message


def test_a_legitimate_journal_abbreviated_is_not_warning_listed(checker):
    app = applicant(unit_kind="enterprise")
    app = type(app)(**{**app.__dict__, "unit": "抚顺石化环保工程有限公司", "papers": tuple(
        type(c)(**{**c.__dict__, "journal": "Environ Pollut", "issn": "0269-7491", "cn": None}) for c in app.papers)})
    (f,) = registered([cover(["Environ Pollut", "ISSN 0269-7491"], ["0269-7491"], []), paper_page(["Environ Pollut (2022) 312:119842"])],
                      checker, app)
    assert f.status == "pass" and "预警" not in f.message, f.message


def test_an_invalid_issn_read_is_not_failed_here(checker):
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1022", "CN 21-1556/X"], ["1674-1022"], ["CN 21-1556/X"]),
                       paper_page()], checker)
    assert f.status == "pass" and "journal.issn" in f.message


def test_an_enterprise_journal_page_printing_an_invalid_issn_is_review_not_exempt(checker):
    """journal.issn is exempt for an enterprise applicant, so an invalid ISSN the pages
    print is weighed here: a foreign journal's cover printing 0167-6368 (no ISSN can
    be that) passed every rule, and so did a registered journal's pages with the ISSN
    altered beside the real CN (trust exploration 7, P12 and P21). Never a fail: the
    number may be misread. A misread of the valid number another page prints is no
    reason."""
    app = applicant(unit_kind="enterprise")
    app = type(app)(**{**app.__dict__, "unit": "抚顺石化环保工程有限公司"})
    foreign = type(app)(**{**app.__dict__, "papers": tuple(
        type(c)(**{**c.__dict__, "journal": "Environmental Monitoring and Assessment", "issn": "0167-6368", "cn": None})
        for c in app.papers)})
    (f,) = registered([cover(["Environmental Monitoring and Assessment", "ISSN 0167-6368"], ["0167-6368"], []),
                       paper_page()], checker, foreign)
    assert f.status == "review" and "0167-6368" in f.message and f.file == "p/cover.jpg", f.message
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1022", "CN 21-1556/X"], ["1674-1022"], ["CN 21-1556/X"]),
                       paper_page()], checker, app)
    assert f.status == "review" and "1674-1022" in f.message and "环境保护与循环经济" in f.message, f.message
    misread = cover(["环境保护与循环经济", "ISSN 1674-1022"], ["1674-1022"], [], file="p/toc.jpg")
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       misread, paper_page()], checker, app)
    assert f.status == "pass", f.message


def test_no_number_read_judges_the_claim(checker):
    (f,) = registered([cover(["环境保护与循环经济", "2022年第5期"]), paper_page()], checker)
    assert f.status == "pass" and "按申报的刊号核对" in f.message
    app = applicant(issn="1674-1021", cn="11-2031/Q")
    (f,) = registered([cover(["环境保护与循环经济", "2022年第5期"]), paper_page()], checker, app)
    assert f.status == "fail"


def test_a_cover_no_claim_took_is_judged_on_its_numbers(checker):
    findings = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                           paper_page(),
                           cover(["生态学报", "ISSN 1000-0933", "CN 11-1895/X"], ["1000-0933"], ["CN 11-1895/X"],
                                 file="other/cover2.jpg")], checker)
    other = [f for f in findings if f.file == "other/cover2.jpg"]
    assert len(findings) == 2 and other and other[0].status == "fail" and "未对应申报论文" in other[0].message


def test_a_cover_no_claim_took_keeps_its_mastheads_doubts(checker):
    """A cover no claimed paper took passes on its numbers where its name is not read
    (a missing name is no reason for review there), but not over what its masthead betrays
    (a 套刊's sponsor, a submission address on a free mailbox): those doubts were only in the
    message of a ``pass``."""
    claimed = cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"])
    unclaimed = ["ISSN 1000-0933", "CN 11-2031/Q"]
    for extra, status in (([], "pass"), (["投稿邮箱：hjbhyxhjj2022@qq.com"], "review"),
                          (["2022年第30期"], "review")):  # 生态学报 is a 半月刊: 24 a year
        findings = registered([claimed, paper_page(),
                               cover([*unclaimed, *extra], ["1000-0933"], ["CN 11-2031/Q"], file="other/cover2.jpg")],
                              checker)
        (other,) = [f for f in findings if f.file == "other/cover2.jpg"]
        assert other.status == status and "未对应申报论文" in other.message, (extra, other.message)


def _lattice_for(text: str, unsure_at: int | None = None, alt: str | None = None) -> Lattice:
    """A lattice whose best reading is ``text``; at ``unsure_at`` the frame is split
    between the character read and ``alt``."""
    return Lattice.from_probs(*toy_frames(text, {unsure_at: alt} if alt else None))


def test_a_near_miss_the_recogniser_was_unsure_of_is_review_a_sure_one_fails(checker):
    line = "CN 21-1586/X"  # registered to another journal; 21-1556/X is 环境保护与循环经济's
    pos = line.index("8")
    unsure = cover(["环境保护与循环经济", "ISSN 1674-1021", line], ["1674-1021"], ["CN 21-1586/X"],
                   lattices={2: _lattice_for(line, pos, "5")})
    (f,) = registered([unsure, paper_page()], checker)
    assert f.status == "review" and "识别误差" in f.message
    sure = cover(["环境保护与循环经济", "ISSN 1674-1021", line], ["1674-1021"], ["CN 21-1586/X"],
                 lattices={2: _lattice_for(line)})
    (f,) = registered([sure, paper_page()], checker)
    assert f.status == "fail"
    no_lattice = cover(["环境保护与循环经济", "ISSN 1674-1021", line], ["1674-1021"], ["CN 21-1586/X"])
    assert registered([no_lattice, paper_page()], checker)[0].status == "review"
    text_layer = cover(["环境保护与循环经济", "ISSN 1674-1021", line], ["1674-1021"], ["CN 21-1586/X"], source="text_layer")
    assert registered([text_layer, paper_page()], checker)[0].status == "fail"


def test_a_cn_class_letter_read_surely_otherwise_is_review(checker):
    """21-1556/R for the registered 21-1556/X, printed and claimed so (P15): the
    recogniser sure of the R is a review; unsure of it (X a close second), a misread."""
    line = "CN 21-1556/R"
    app = applicant(cn="21-1556/R")

    def page(**kw):
        return cover(["环境保护与循环经济", "ISSN 1674-1021", line], ["1674-1021"], [line], **kw)

    (f,) = registered([page(lattices={2: _lattice_for(line)}), paper_page()], checker, app)
    assert f.status == "review" and "分类号「R」" in f.message, f.message
    (f,) = registered([page(lattices={2: _lattice_for(line, line.index("R"), "X")}), paper_page()], checker, app)
    assert f.status == "pass" and "识别误差或印刷差异" in f.message, f.message
    assert registered([page(), paper_page()], checker, app)[0].status == "review"  # no probabilities: not a slip
    assert registered([page(source="text_layer"), paper_page()], checker, app)[0].status == "review"


def test_a_paper_page_headed_with_another_journal_under_the_right_cover_is_review(checker):
    """The cover is 环境保护与循环经济's, name and numbers; the paper page's running head
    is 生态学报's (P17: a cover of one journal over another journal's paper passed)."""
    pair = cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([pair, paper_page(["生态学报 2022年第42卷第5期"])], checker)
    assert f.status == "review" and "《生态学报》" in f.message and "《环境保护与循环经济》" in f.message, f.message
    (f,) = registered([pair, paper_page(["环境保护与循环经济 2022年第5期"])], checker)
    assert f.status == "pass", f.message


def test_a_cover_printing_another_name_than_the_claimed_journal_is_review(checker):
    """The claim names the numbers' own journal; the cover prints another registered
    journal's name, or the own name with a character the recogniser was sure of changed
    (a fake named like the real one). Both passed on the claim alone."""
    numbers = (["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([cover(["生态学报", "ISSN 1674-1021", "CN 21-1556/X"], *numbers), paper_page()], checker)
    assert f.status == "review" and "《生态学报》" in f.message, f.message
    fake = "环境保护与循坏经济"
    sure = cover([fake, "ISSN 1674-1021", "CN 21-1556/X"], *numbers, lattices={0: _lattice_for(fake)})
    (f,) = registered([sure, paper_page()], checker)
    assert f.status == "review" and fake in f.message, f.message
    # 坏 read with 环 as a close second: an OCR slip of the real name, or not; the paper's running head
    # printing the real name says which (clones: it passed with no page printing the real name)
    unsure = cover([fake, "ISSN 1674-1021", "CN 21-1556/X"], *numbers, lattices={0: _lattice_for(fake, 6, "环")})
    (f,) = registered([unsure, paper_page()], checker)
    assert f.status == "review" and fake in f.message and "无法确定" in f.message, f.message
    (f,) = registered([unsure, headed_paper("环境保护与循环经济 2022年第5期")], checker)
    assert f.status == "pass", f.message


def headed_paper(head):
    """A paper's first page: its running head in the page's top band, then title and author."""
    ocr = OcrPage(width=1654, height=2339, engine="test", lines=[
        OcrLine(t, ((100, y), (1500, y), (1500, y + 45), (100, y + 45)), 0.99, i)
        for i, (t, y) in enumerate([(head, 60), (PAPER["title"], 300), ("张伟", 380), ("摘要：抚顺地区颗粒物来源解析", 460)])])
    return PageRead(file="p/paper.jpg", page=1, ocr=ocr, kind="paper", kind_score=0.9)


@pytest.mark.parametrize("clone", ["中国环境保护与循环经济", "环境保护与循环经济研究", "环境保护与循环经济技术研究",
                                   "环境保护与循环经济（学术版）"])  # an edition the registry lacks: 一号多刊
def test_a_title_built_on_the_journals_name_over_its_numbers_is_review(checker, clone):
    """The claim names the real journal and its numbers; the cover and the running head
    print a longer title built on its name (a publication named after it, borrowing its
    ISSN and CN). It passed on the claim: the name was found inside the longer title, and a
    change of two characters or more is no OCR slip (trust10, rendered pages C1-C4, C7)."""
    numbers = (["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([cover([clone, "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X", "主办：辽宁省环境科学研究院"], *numbers),
                       headed_paper(f"{clone} 2022年第5期")], checker)
    assert f.status == "review" and f"《{clone}》" in f.message and "增添文字" in f.message, f.message


def test_a_running_head_built_on_the_journals_name_under_its_real_cover_is_review(checker):
    """The real journal's cover over a paper whose own running head prints a longer title
    built on the journal's name: the paper is another publication's (trust10, C5, C6)."""
    pair = cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([pair, headed_paper("环境保护与循环经济前沿研究 2022年第5期")], checker)
    assert f.status == "review" and "《环境保护与循环经济前沿研究" in f.message, f.message


def test_a_cover_built_on_the_journals_name_over_a_paper_headed_with_the_real_name_is_review(checker):
    """The cover prints the longer title, the paper's running head the real name (a fake
    journal heading its papers with the name it copies): the cover says what the journal is."""
    clone = cover(["环境保护与循环经济技术研究", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([clone, headed_paper("环境保护与循环经济 2022年第5期")], checker)
    assert f.status == "review" and "《环境保护与循环经济技术研究》" in f.message, f.message


@pytest.mark.parametrize("lines,head", [
    (["环境保护与循环经济", "《环境保护与循环经济》编辑部"], "环境保护与循环经济 2022年第5期"),
    (["环境保护与循环经济（中英文）", "月刊"], "环境保护与循环经济（中英文） 第42卷第5期"),
    (["HUANJING BAOHU YU XUNHUAN JINGJI", "环境保护与循环经济 月刊"], "Environmental Protection and Circular Economy"),
    (["环境保护与循环经济", "欢迎订阅《环境保护与循环经济》"], "环境保护与循环经济 增刊"),
])
def test_the_real_journals_own_pages_still_pass(checker, lines, head):
    (f,) = registered([cover([*lines, "ISSN 1674-1021", "CN 21-1556/X", "主办：辽宁省环境科学研究院"], ["1674-1021"], ["CN 21-1556/X"]),
                       headed_paper(head)], checker)
    assert f.status in ("pass", "review") and "增添文字" not in f.message, f.message
    assert f.status == "pass" or "增刊" in f.message, f.message


def test_a_journal_printing_its_online_issn_beside_the_print_one_passes(checker):
    """A cover printing the print ISSN and the online edition's (ISSN … (Online), e-ISSN):
    the registry lists the print one beside the CN, and the online one was judged alone as
    a journal the registry lacks (review on a real journal: trust10, JES's cover)."""
    lines = ["环境保护与循环经济", "ISSN 1674-1021 (Print)", "ISSN 2096-6962 (Online)", "CN 21-1556/X"]
    (f,) = registered([cover(lines, ["1674-1021", "2096-6962"], ["CN 21-1556/X"]), paper_page()], checker)
    assert f.status == "pass", f.message
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       paper_page(["e-ISSN 2096-6962"])], checker)
    assert f.status == "pass", f.message
    # another ISSN not labelled as the online edition's is still judged
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021", "ISSN 2096-6962", "CN 21-1556/X"], ["1674-1021", "2096-6962"],
                             ["CN 21-1556/X"]), paper_page()], checker)
    assert f.status != "pass", f.message


def test_a_sponsor_of_another_province_than_the_cns_is_review(checker):
    """The cover prints 环境保护与循环经济's name, ISSN and CN (辽宁, 21-) over a sponsor of
    湖北: the numbers and name copied, the masthead not (a 套刊 whose CN belongs to another
    province's publisher). It passed (trust10). The registered sponsor passes; one naming no
    province that is not the registered one is a review of its own (the next test)."""
    def pages(sponsor):
        return [cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X", f"主办：{sponsor}"], ["1674-1021"], ["CN 21-1556/X"]),
                paper_page()]
    (f,) = registered(pages("湖北省环境科学研究院"), checker)
    assert f.status == "review" and "湖北省环境科学研究院" in f.message and "辽宁" in f.message, f.message
    assert "亦非其简称" not in f.message, f.message  # one reason for one sponsor
    (f,) = registered(pages("辽宁省环境科学研究院"), checker)
    assert f.status == "pass", f.message


def _masthead(*lines, name="环境保护与循环经济", issn="1674-1021", cn="21-1556/X", head=None):
    """A journal's cover printing its own name and numbers over ``lines``, and the paper (its running head ``head``)."""
    paper = paper_page()
    if head:  # the running head above the title, in the page's top band
        paper.ocr.lines.insert(0, OcrLine(head, ((100, 40), (1500, 40), (1500, 90), (100, 90)), 0.99, 0))
    return [cover([name, f"ISSN {issn}", f"CN {cn}", *lines], [issn], [f"CN {cn}"]), paper]


@pytest.mark.parametrize("lines, why", [
    (["主办：中国环境科学学会"], "「中国环境科学学会」不是该刊登记的主办单位（辽宁省环境科学研究院）"),
    (["主管：辽宁省生态环境厅", "主办：辽宁省生态环境厅"], "「辽宁省生态环境厅」不是该刊登记的主办单位"),
    (["主管：辽宁省生态环境厅 主办：辽宁省化工学会 出版：《环境保护与循环经济》编辑部"], "「辽宁省化工学会」不是该刊登记的主办单位"),
    (["中华环保产业研究会 主办"], "「中华环保产业研究会」不是该刊登记的主办单位"),
    (["2022年第15期"], "“2022年第15期”为第15期，超出该刊登记的出版周期（月刊，每年至多12期）"),
    (["版权页", "投稿邮箱：hbxhjj2022@qq.com"], "投稿邮箱 hbxhjj2022@qq.com 为免费个人邮箱（qq.com）"),
    (["投稿信箱", "hjbhyxh@163.com"], "投稿邮箱 hjbhyxh@163.com 为免费个人邮箱（163.com）"),
    # an issue printed as a part (一号多刊: a 下半月 edition of a 月刊; probe trust23 P21 passed)
    (["2022年 第42卷 第6期（下）"], "“第6期（下）”为一期分上、下（或上、中、下）出版的分册，该刊登记为月刊"),
])
def test_a_borrowed_journal_that_copies_name_and_numbers_is_betrayed_by_its_masthead(checker, lines, why):
    """A 套刊 printing a real journal's name, ISSN and CN, all three registered together, passed: numbers alone
    cannot tell it. What it prints besides them and the registry also knows can: a sponsor (主办单位) that is not the
    registered one, an issue number its registered frequency cannot reach (第15期 of a 月刊), a submission address on
    a free mailbox. Each is a review with its reason, never a fail by itself (a sponsor or a frequency may change);
    a sponsor only beside another doubt (alone it is a note: below)."""
    if any("主办" in x for x in lines):
        lines = [*lines, "投稿邮箱：hbxhjj2022@qq.com"]
    (f,) = registered(_masthead(*lines), checker)
    assert f.status == "review" and why in f.message, f.message


@pytest.mark.parametrize("lines, head, app", [
    (["主管：辽宁省生态环境厅", "主办：辽宁省环境科学研究院"], None, None),  # 主管 is not 主办
    (["辽宁省环境科学研宄院 主办"], None, None),  # one character misread
    (["主办单位：辽宁省环境科学研究院、中国环境科学学会"], None, None),  # a joint sponsor the registry does not list
    (["主办单位", "辽宁省环境科学研究院", "编辑出版", "《环境保护与循环经济》编辑部"], None, None),  # a table, read a cell a line
    (["主办：本刊编辑部"], None, None),  # too short to tell a body
    (["2022年第12期 总第256期"], "第42卷第12期", None),
    (["E-mail：hjbhyxh@163.com", "投稿网址：www.hjbhyxh.cn"], None, None),  # an office's mailbox, not a submission's
    (["投稿邮箱：tougao@lnepsi.org.cn"], None, None),
    (["2022年第15期", "主办：中国生态学学会"], "第42卷第15期", dict(journal="生态学报", issn="1000-0933", cn="11-2031/Q")),  # 半月刊
    (["2022年第6期"], None, dict(journal="环境科技", issn="1674-4829", cn="32-1786/X")),  # 双月刊
    (["2022年第6期", "上海市环境科学研究院 协办"], "第42卷第6期", None),  # 上 of a word after the issue
])
def test_a_registered_journal_printing_its_own_masthead_passes(checker, lines, head, app):
    kw = dict(name=app["journal"], issn=app["issn"], cn=app["cn"]) if app else {}
    (f,) = registered(_masthead(*lines, head=head, **kw), checker, applicant(**app) if app else None)
    assert f.status == "pass", f.message


def test_a_sponsor_alone_that_is_not_the_registered_one_is_a_note_not_a_review(checker):
    """The registry holds only today's sponsor (bodies renamed or merged, a former sponsor), and pages made by
    careless tools print a generic one: 主办：中国环境科学学会 over five real journals made five reviews on clean
    dossiers (probe trust13). Alone, a sponsor not registered is a note on the pass; beside another doubt it is
    part of the review."""
    (f,) = registered(_masthead("主办：中国环境科学学会"), checker)
    assert f.status == "pass" and "「中国环境科学学会」与登记的主办单位（辽宁省环境科学研究院）不同" in f.message, f.message
    (f,) = registered(_masthead("主办：中国环境科学学会", "2022年第15期"), checker)
    assert f.status == "review" and "「中国环境科学学会」不是该刊登记的主办单位" in f.message and "第15期" in f.message


def test_a_sponsor_a_few_characters_from_the_registered_one_differs_only_where_read_surely(checker):
    """沈阳环境科学研究院 is three characters from 辽宁省环境科学研究院, as far as OCR's slips on a small line may take
    a name (辽宁省环口科学研口院): a text layer (or a recogniser sure of each character) says it is another body."""
    lines = ["主办单位", "沈阳环境科学研究院", "编辑出版", "《环境保护与循环经济》编辑部"]
    for source, noted in (("text_layer", True), ("ocr", False)):
        pages = _masthead(*lines)
        pages[0] = cover(pages[0].ocr.text.splitlines(), ["1674-1021"], ["CN 21-1556/X"], source=source)
        (f,) = registered(pages, checker)
        assert f.status == "pass", (source, f.message)  # a sponsor alone is a note
        assert noted == ("「沈阳环境科学研究院」与登记的主办单位" in f.message), f.message
    pages = _masthead("主办：辽宁省环口科学研口院")
    pages[0] = cover(pages[0].ocr.text.splitlines(), ["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered(pages, checker)
    assert f.status == "pass", f.message


def test_an_issue_beyond_the_frequency_in_the_papers_running_head_is_review(checker):
    """第42卷第15期 heads the paper of a 月刊 whose cover prints no issue; 第7期 a 双月刊's."""
    (f,) = registered(_masthead("主办：辽宁省环境科学研究院", head="第42卷第15期  环境保护与循环经济  2022年5月"), checker)
    assert f.status == "review" and "“第42卷第15期”为第15期" in f.message, f.message
    bi = dict(journal="环境科技", issn="1674-4829", cn="32-1786/X")
    (f,) = registered(_masthead("主办：江苏省环境科学研究院", head="第35卷第7期  环境科技  2022年12月", name=bi["journal"],
                                issn=bi["issn"], cn=bi["cn"]), checker, applicant(**bi))
    assert f.status == "review" and "（双月刊，每年至多6期）" in f.message, f.message
    # the issue as an English running head or a citation's head prints it, or in Chinese numerals
    for head, printed in (("Environmental Protection and Circular Economy Vol.42 No.15", "Vol.42 No.15"),
                          ("环境保护与循环经济 2022,42(15): 1-8", "2022,42(15)"), ("2022年第十五期", "2022年第十五期")):
        (f,) = registered(_masthead("主办：辽宁省环境科学研究院", head=head), checker)
        assert f.status == "review" and f"“{printed}”为第15期" in f.message, f.message
    (f,) = registered(_masthead("主办：辽宁省环境科学研究院", head="Vol.42 No.12  2022,42(12): 1-8"), checker)
    assert f.status == "pass", f.message


def test_a_broken_registry_is_review_not_a_crash(tmp_path):
    (tmp_path / "bad.sqlite").write_bytes(b"junk" * 100)
    (f,) = registered([cover(["环境保护与循环经济", "ISSN 1674-1021"], ["1674-1021"])], JournalChecker(str(tmp_path / "bad.sqlite")))
    assert f.status == "review" and "登记库不可用" in f.message


def test_report_json_names_the_registry_and_html_shows_the_record(checker):
    from verify.report.html import render_html
    from verify.run.pipeline import DossierResult, build_report

    pages = [cover(["环境保护与循环经济", "ISSN 1674-1021", "CN 11-2031/Q"], ["1674-1021"], ["CN 11-2031/Q"]), paper_page()]
    app = applicant(issn="1674-1021", cn="11-2031/Q")
    findings = registered(pages, checker, app)
    result = DossierResult(key="k", applicant=app, verdict="fail", findings=findings, pages=pages, unreadable=[])
    report = json.loads(json.dumps(build_report(result), ensure_ascii=False))
    assert report["journal_registry"]["name"] == "测试登记库" and report["journal_registry"]["as_of"] == "2023-11-30"
    (f,) = [f for f in report["findings"] if f["rule"] == "journal.registered"]
    assert f["journal"]["status"] == "mismatch"
    html = render_html(report, pages)
    assert "登记库中的相关期刊" in html and "生态学报" in html and "测试登记库" in html


# ---------------------------------------------------------------- end to end


def _generated(tmp_path, variants=("pair",)):
    """A generated applicant with one paper (its cover and first page only, written
    as clean JPEGs), and for each variant a twin into which the generator's own
    journal.registered planter put that fraud (the claim copies what is printed)."""
    import copy

    from fixtures.generator.dossier import Options, plan_clean, plant_journal_registered, write_dossier
    from fixtures.generator.profile import make_profile

    rng = np.random.default_rng(20241104)
    profile = make_profile(rng, "clean", unit_kind="institution", n_papers=1, n_awards=0, achievement=False)
    plan = plan_clean(profile, rng, lean=True)
    plan.docs = [d for d in plan.docs if d.kind in ("journal_cover", "paper")]
    opts = Options(dpi=150, corrupt=0.0, formats=("jpg",), format_weights=(1.0,), degrade=False)
    write_dossier(plan, tmp_path / "clean", np.random.default_rng(1), opts)
    planted = {}
    for k, variant in enumerate(variants):
        twin = copy.deepcopy(plan)
        assert plant_journal_registered(twin, np.random.default_rng(k), variant)
        write_dossier(twin, tmp_path / variant, np.random.default_rng(1), opts)
        planted[variant] = twin.planted[-1]
    return profile.papers[0].journal, planted


@pytest.mark.slow
def test_generated_taokan_paper_fails_and_its_clean_twin_passes(tmp_path):
    from verify.run.pipeline import Settings, check_dossier

    journal, planted = _generated(tmp_path, ("pair", "name", "ceased"))
    outcomes = {}
    for key in ("clean", *planted):
        result = check_dossier(tmp_path / key, key, Settings(engine="ppocr"))
        outcomes[key] = [f for f in result.findings if f.rule == "journal.registered"]
    (clean,) = outcomes["clean"]
    assert clean.status == "pass", clean.message
    assert clean.journal["journal"]["name"] == journal.name
    for variant, plant in planted.items():
        (found,) = outcomes[variant]
        assert found.status == "fail", (variant, plant["what"], found.message)
    assert journal.name in outcomes["pair"][0].message


@pytest.mark.parametrize("title", ["环境保护循环经济", "环境保护与循环经济报", "中环境保护与循环经济"])
def test_a_cover_one_character_from_the_name_no_recogniser_can_vouch_for_is_review(checker, title):
    """A cover titled with the journal's name one character dropped or added (环境科学技术 for
    环境科学与技术), read by an engine that gives no per-character probabilities (remote,
    paddle), and no journal page printing the real name: nobody can say whether the cover
    is a fake named like the journal or the name misread, so a person looks. It passed: only
    a recogniser sure of the difference made it a review (clones, after trust10)."""
    numbers = (["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([cover([title, "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X"], *numbers), paper_page()], checker)
    assert f.status == "review" and f"《{title}》" in f.message and "识别" in f.message, f.message
    # the real name on the cover, or on another journal page, as it is: the journal's own
    (f,) = registered([cover(["环境保护与循环经济", "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X"], *numbers), paper_page()],
                      checker)
    assert f.status == "pass", f.message
    toc = cover(["环境保护与循环经济 2022年第5期 目次", "ISSN 1674-1021"], ["1674-1021"], [], file="p/toc.jpg")
    toc.kind = "journal_toc"
    (f,) = registered([cover([title, "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X"], *numbers), toc, paper_page()], checker)
    assert f.status == "pass", f.message


def test_a_cover_clone_read_surely_is_review_though_it_prints_the_real_names_office(checker):
    """A fake cover titled 环境保护循环经济 (read surely) that also prints 《环境保护与循环经济》编辑部:
    the office line named the real journal, and the cover passed (trust10, left open). An
    office line clears a title no recogniser can vouch for (the real title misread, or not)."""
    fake = "环境保护循环经济"
    lines = [fake, "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X", "《环境保护与循环经济》编辑部"]
    numbers = (["1674-1021"], ["CN 21-1556/X"])
    (f,) = registered([cover(lines, *numbers, lattices={0: _lattice_for(fake)}), paper_page()], checker)
    assert f.status == "review" and f"《{fake}》" in f.message, f.message
    (f,) = registered([cover(lines, *numbers), paper_page()], checker)
    assert f.status == "pass", f.message
    # ... but not where the paper's running head prints the same variant: no slip OCR made twice
    (f,) = registered([cover(lines, *numbers), headed_paper(f"{fake} 2022年第5期")], checker)
    assert f.status == "review" and f"《{fake}》" in f.message, f.message
    (f,) = registered([cover(lines, *numbers), headed_paper("环境保护与循环经济 2022年第5期")], checker)
    assert f.status == "pass", f.message


@pytest.mark.parametrize("title", ["环境保护与循环经济（下旬刊）", "环境保护与循环经济下旬刊", "环境保护与循环经济·上半月刊"])
def test_an_edition_of_ten_days_or_half_a_month_the_registry_lacks_is_review(checker, title):
    """环境保护与循环经济（下旬刊）: 旬刊 was taken for the frequency and dropped, 下 alone was
    left, and one character is no title of its own: the edition passed (trust10, left open)."""
    (f,) = registered([cover([title, "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       headed_paper(f"{title} 2022年第5期")], checker)
    assert f.status == "review" and "增添文字" in f.message, f.message
    (f,) = registered([cover(["环境保护与循环经济", "（旬刊）", "ISSN 1674-1021", "CN 21-1556/X"], ["1674-1021"], ["CN 21-1556/X"]),
                       headed_paper("环境保护与循环经济 2022年第5期")], checker)
    assert f.status == "pass", f.message


def _both(pages, checker, app):
    d = Dossier(applicant=app, campaign=load_campaign("fushun-2024"), pages=pages, journals=checker)
    found = run_rules(d)
    return ([f for f in found if f.rule == "journal.cn"], [f for f in found if f.rule == "journal.registered"])


def test_a_foreign_journal_journal_cn_reviews_is_not_reviewed_twice(checker):
    """An SCI journal (Water Research, ISSN only, no CN claimed) drew two reviews for one cause on a clean dossier
    (probe trust12, C07): journal.cn's 外文期刊 review and this rule's 不在登记库中. journal.cn's carries it; this
    rule still says what only it knows: a warning-listed journal, a supplement, a Chinese masthead over an ISSN
    alone (假刊), an unregistered journal whose claimed CN is not printed."""
    english = ["WATER RESEARCH", "Volume 215, 15 May 2022", "ISSN 0043-1354", "Elsevier", "www.elsevier.com/locate/watres"]
    app = applicant(journal="Water Research", issn="0043-1354", cn=None)
    cn, reg = _both([cover(english, ["0043-1354"]), paper_page()], checker, app)
    assert [f.status for f in cn] == ["review"] and "外文期刊" in cn[0].message
    assert reg == [], [f.message for f in reg]
    # a warning-listed foreign journal (Complexity, CAS 2021 中风险): the warning is this rule's alone
    warned = ["COMPLEXITY", "Volume 2022, Article ID 1234567", "ISSN 1076-2787", "Hindawi Limited"]
    cn, reg = _both([cover(warned, ["1076-2787"]), paper_page()], checker,
                    applicant(journal="Complexity", issn="1076-2787", cn=None))
    assert [f.status for f in cn] == ["review"] and [f.status for f in reg] == ["review"] and "预警" in reg[0].message
    # a supplement of it
    cn, reg = _both([cover(english + ["Supplement 1"], ["0043-1354"]), paper_page()], checker, app)
    assert [f.status for f in reg] == ["review"]
    # a CN claimed but printed nowhere: journal.cn fails, and the unregistered journal is still a review here
    cn, reg = _both([cover(english, ["0043-1354"]), paper_page()], checker,
                    applicant(journal="Water Research", issn="0043-1354", cn="21-1998/X"))
    assert [f.status for f in cn] == ["fail"] and [f.status for f in reg] == ["review"]
    # a Chinese journal's masthead over an ISSN alone: both rules fail it (假刊)
    masthead = ["环境工程技术研究", "2021年第3期", "国际标准刊号 ISSN 2079-6021", "主管：辽宁省生态环境厅", "主办：中国科学院生态环境研究中心"]
    cn, reg = _both([cover(masthead, ["2079-6021"]), paper_page()], checker,
                    applicant(journal="环境工程技术研究", issn="2079-6021", cn=None))
    assert [f.status for f in cn] == ["fail"] and [f.status for f in reg] == ["fail"]
