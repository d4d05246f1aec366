"""Each claimed paper needs its own page and proof row (probe alt23 F3: one paper in the
dossier backed any number of claims, including titles it does not carry)."""
import dataclasses

import pytest

from ocr.ctc import Lattice, toy_frames
from ocr.model import OcrLine, OcrPage
from verify.model import Applicant, PageRead, PaperClaim
from verify.read.claims import match_papers, title_on
from verify.read.dates import PartialDate
from tests.test_rules import applicant, by_rule, clean_pages, replace, run

TITLE = "抚顺市区大气PM2.5污染特征及来源分析"
UNIT = "抚顺市生态环境监测站"


def box(y, w=800):
    return ((100, y), (100 + w, y), (100 + w, y + 40), (100, y + 40))


def line(text, y, sure=True):
    """A line with the recogniser's probabilities: sure of every character, or without any."""
    lattice = Lattice.from_probs(*toy_frames(text)) if sure else None
    return OcrLine(text, box(y), 0.99, lattice=lattice)


def paper_page(sure=True, title=TITLE):
    return PageRead("12_lunwen.jpg", 1, OcrPage(1654, 2339, [
        line("环境保护与循环经济2022年第5期", 90, sure), line(title, 180, sure), line("杨振宇", 270, sure),
        line("(抚顺市生态环境监测站，辽宁抚顺113006）", 340, sure)]), kind="paper")


def proof_page(sure=True, titles=(TITLE,)):
    rows = [line("论文检索证明", 100, sure), line("题名 作者 刊名 发表时间", 200, sure)]
    rows += [OcrLine(f"{t} 杨振宇 环境保护与循环经济 2022-05", box(300 + 80 * i, 1400), 0.99,
                     lattice=Lattice.from_probs(*toy_frames(f"{t} 杨振宇 环境保护与循环经济 2022-05")) if sure else None)
             for i, t in enumerate(titles)]
    return PageRead("13_jiansuo.jpg", 1, OcrPage(1654, 2339, rows), kind="retrieval_proof")


def claims(*titles, unit=UNIT):
    return Applicant(name="杨振宇", unit=unit, papers=tuple(
        PaperClaim(title=t, journal="环境保护与循环经济", issn="1674-1021", date=PartialDate(2022, 5)) for t in titles))


def _surely_read_proof(title):
    """The clean dossier with its proof's lines carrying sure probabilities."""
    return [p if p.kind != "retrieval_proof" else dataclasses.replace(p, ocr=OcrPage(1654, 2339, [
        line("检索证明", 100), line(title, 160)])) for p in clean_pages()]


CLAIMED = {"journal": "环境保护与循环经济", "issn": "1674-1021", "cn": "21-1556/X", "date": "2022-05"}


# ---------------------------------------------------------------- the title span


@pytest.mark.parametrize("claim", ["污染特征及来源分析", "大气PM2.5污染特征"])
def test_a_piece_of_the_pages_title_is_not_that_title(claim):
    """Found inside the page's title, the claim is doubtful (a person looks), not named."""
    assert title_on(claim, paper_page()).state == "doubtful"
    assert title_on(claim, paper_page()).span == TITLE  # the title it is a piece of, for the message
    [m] = match_papers(claims(claim), [paper_page(), proof_page()])
    assert m.paper_pages == m.retrieval_pages == []
    assert [p.file for p in m.doubtful_retrieval_pages] == ["13_jiansuo.jpg"]


@pytest.mark.parametrize("claim", ["抚顺市区大气PM10污染特征及来源分析", "沈阳市区大气PM2.5污染特征及来源分析",
                                   TITLE + "（二）", TITLE + "第3部分"])
def test_a_title_one_clean_word_off_is_another_paper_where_the_reading_is_sure(claim):
    """PM2.5 read surely where the claim says PM10: the page carries another title, and
    paper.retrieval fails; where nobody can say how sure the reading was: review."""
    assert title_on(claim, paper_page()).state == "other"
    assert title_on(claim, paper_page(sure=False)).state == "doubtful"
    [m] = match_papers(claims(claim), [paper_page(), proof_page()])
    assert m.paper_pages == m.retrieval_pages == m.doubtful_retrieval_pages == []
    assert [p.file for p in m.other_retrieval_pages] == ["13_jiansuo.jpg"]


def test_an_author_read_into_the_titles_line_is_no_sure_difference():
    """A proof's author cell read into the title's line, no space between: a name the page
    carries is no difference; other characters there make the page doubtful, never another
    paper's (they may be a neighbouring cell)."""
    title = "清原县浑河源头区地表水环境质量现状及保护对策"
    page = PageRead("r.jpg", 1, OcrPage(1240, 1754, [line("论文检索证明", 100), line(title + "鲍春雷", 200)]),
                    kind="retrieval_proof", names=["鲍春雷"])
    assert title_on(title, page).state == "named"
    assert title_on(title, dataclasses.replace(page, names=[])).state == "doubtful"


def test_a_title_the_recogniser_was_unsure_of_is_a_misread():
    """The frames that read 顺 were unsure between 顺 and 项: the claim is as likely as the
    reading, and the page names it."""
    text = TITLE.replace("顺", "项")
    unsure = Lattice.from_probs(*toy_frames(text, unsure={1: "顺"}))
    page = dataclasses.replace(paper_page(), ocr=OcrPage(1654, 2339, [OcrLine(text, box(180), 0.99, lattice=unsure)]))
    assert title_on(TITLE, page).state == "named"


def test_a_wrapped_title_in_prose_and_a_labelled_cell_are_named():
    """Real proofs: the title in 《》 wrapped over two lines of prose; a 题名： label."""
    prose = PageRead("r.jpg", 1, OcrPage(1240, 1754, [
        line("经检索维普中文期刊服务平台，段磊红同志发表的论文《排污许可制度在地市级的实", 230),
        line("施与管理》刊登于《环境科学导刊》2023年第2期，ISSN1673-9655，为", 276)]), kind="retrieval_proof")
    assert title_on("排污许可制度在地市级的实施与管理", prose).state == "named"
    labelled = PageRead("r.jpg", 1, OcrPage(1240, 1754, [line("题名：抚顺地区大气PM2.5来源解析研究", 230)]))
    assert title_on("抚顺地区大气PM2.5来源解析研究", labelled).score == 100.0


LONG = "抚顺市城区环境空气挥发性有机物污染特征、来源解析及健康风险评估"


def _wrapped_proof(*parts):
    """The clean dossier, its proof's title cell wrapped over ``parts`` (a 6 cm column),
    each line of it beside the row's other cells, read surely (trust exploration 4, J8)."""
    beside = ["2022年第5期", "ISSN 1674-1021", "韩晓东", "环境保护与循环经济"]  # the row of the claimed paper
    rows = [line("论文收录检索证明", 100), line("序号 论文题目 作者 期刊名称 年/期", 160)]
    for i, part in enumerate(parts):
        y = 220 + 40 * i
        rows += [OcrLine(part, ((100, y), (500, y), (500, y + 30), (100, y + 30)), 0.99,
                         lattice=Lattice.from_probs(*toy_frames(part))),
                 OcrLine(beside[i % 4], ((800, y), (1100, y), (1100, y + 30), (800, y + 30)), 0.99,
                         lattice=Lattice.from_probs(*toy_frames(beside[i % 4])))]
    return [p if p.kind != "retrieval_proof" else dataclasses.replace(p, ocr=OcrPage(1654, 2339, rows))
            for p in clean_pages()]


@pytest.mark.parametrize("parts, status", [
    (("抚顺市城区环境空气挥发性有机", "物污染特征、来源解析及健康风", "险评估"), "pass"),  # three lines
    (("抚顺市城区环境空气", "挥发性有机物污染特", "征、来源解析及健", "康风险评估"), "pass"),  # four
    # the rest of the title nowhere on the page: the line ends, so it may be wrapped where no span reached
    (("抚顺市城区环境空气挥发性有机", "物污染特征、来源解析及健康风"), "review"),
])
def test_paper_retrieval_reads_a_title_wrapped_over_three_lines_or_more(parts, status):
    app = applicant(papers=[{"title": LONG, **CLAIMED}])
    [f] = by_rule(run(_wrapped_proof(*parts), app), "paper.retrieval")
    assert f.status == status, f.message


def test_paper_retrieval_reviews_a_piece_of_the_listed_title_naming_it():
    title = "抚顺地区大气PM2.5来源解析研究"
    app = applicant(papers=[{"title": "大气PM2.5来源解析", **CLAIMED}])
    [f] = by_rule(run(_surely_read_proof(title), app), "paper.retrieval")
    assert f.status == "review" and f"《{title}》" in f.message


def test_paper_retrieval_fails_a_title_a_clean_word_off_read_surely():
    title = "抚顺地区大气PM2.5来源解析研究"
    app = applicant(papers=[{"title": title.replace("抚顺", "沈阳"), **CLAIMED}])
    [f] = by_rule(run(_surely_read_proof(title), app), "paper.retrieval")
    assert f.status == "fail" and f.value == title and f"《{title}》" in f.message


# ---------------------------------------------------------------- one page, one claim


def test_one_page_backs_one_claim_and_the_other_is_a_review():
    """Two claims named by one paper page and one proof row (the second one confusable
    character off): the page goes to the claim it names exactly; the other claim keeps
    it as shared, and paper.retrieval asks a person to look."""
    near = TITLE.replace("源", "原")  # 原/源: a recogniser's confusion, never a sure difference
    first, second = match_papers(claims(TITLE, near), [paper_page(), proof_page()])
    assert [p.file for p in first.paper_pages] == ["12_lunwen.jpg"]
    assert [p.file for p in first.retrieval_pages] == ["13_jiansuo.jpg"]
    assert second.paper_pages == second.retrieval_pages == []
    assert [(p.file, c.title) for p, c in second.shared_pages] == [("12_lunwen.jpg", TITLE), ("13_jiansuo.jpg", TITLE)]


def test_paper_retrieval_reviews_a_second_claim_on_the_same_proof():
    title = "抚顺地区大气PM2.5来源解析研究"
    app = applicant(papers=[{"title": title, **CLAIMED}, {"title": title.replace("源", "原"), **CLAIMED}])
    found = by_rule(run(_surely_read_proof(title), app), "paper.retrieval")
    assert [f.status for f in found] == ["pass", "review"]
    assert "两篇申报论文对应同一篇材料" in found[1].message


def test_a_proof_listing_two_papers_backs_each_with_its_own_row():
    other = "浑河抚顺段水质变化趋势分析"
    first, second = match_papers(claims(TITLE, other), [proof_page(titles=(TITLE, other))])
    assert [p.file for p in first.retrieval_pages] == [p.file for p in second.retrieval_pages] == ["13_jiansuo.jpg"]
    assert first.shared_pages == second.shared_pages == []


# ---------------------------------------------------------------- names that are no title


@pytest.mark.parametrize("title, name", [("环境保护与循环经济", "期刊名称"), (UNIT, "申报单位名称")])
def test_a_title_that_is_the_journals_or_units_name_is_not_proven(title, name):
    page = proof_page(titles=("环境保护与循环经济",))
    page.ocr.lines.append(line(UNIT, 900))
    [m] = match_papers(claims(title), [page])
    assert m.retrieval_pages == [] and m.title_names == name
    [f] = by_rule(run(clean_pages(), applicant(papers=[{"title": title, "journal": "环境保护与循环经济"}])), "paper.retrieval")
    assert f.status == "fail" and name in f.message


@pytest.mark.parametrize("printed, read, claim, state", [
    # δ¹³C: the page recogniser has no δ nor superscripts; the claim typed as printed or in plain
    ("浑河沉积物有机碳δ¹³C特征及其环境指示意义", "浑河沉积物有机碳13C特征及其环境指示意义", None, "named"),
    ("浑河沉积物有机碳δ¹³C特征及其环境指示意义", "浑河沉积物有机碳13C特征及其环境指示意义", "浑河沉积物有机碳δ13C特征及其环境指示意义", "named"),
    ("浑河沉积物有机碳δ¹³C特征及其环境指示意义", "浑河沉积物有机碳c特征及其环境指示意义", None, "named"),
    # NO₃⁻ written NOOO, SO₂ written SOD, surely: where the claim prints small, what the recogniser
    # cannot write; the claim typed in plain, letters for a formula's digits and signs are never sure
    ("抚顺市地下水硝酸盐氮（NO₃⁻-N）污染特征", "抚顺市地下水硝酸盐氮（NOOO-N污染特征", None, "named"),
    ("燃煤电厂SO₂与NOx协同控制技术应用研究", "燃煤电厂SOD与NOx协同控制技术应用研究", None, "named"),
    ("抚顺市地下水硝酸盐氮（NO₃⁻-N）污染特征", "抚顺市地下水硝酸盐氮（NOOO-N污染特征", "抚顺市地下水硝酸盐氮（NO3--N）污染特征", "doubtful"),
    # an English title: a formula's letters read otherwise are never sure either
    ("Removal of NO3- from groundwater by modified biochar in Fushun", "Removal of NOOO from groundwater by modified biochar in Fushun", None, "doubtful"),
    ("Control of SO2 emissions from coal-fired power plants in Fushun", "Control of SOD emissions from coal-fired power plants in Fushun", None, "doubtful"),
    # —— read as 一一
    ("臭氧前体物VOCs特征分析——以抚顺市为例", "臭氧前体物VOCs特征分析一一以抚顺市为例", None, "named"),
    # a fax's VOCs read \Cs
    ("臭氧前体物VOCs特征分析——以抚顺市为例", "臭氧前体物\\Cs特征分析---以抚顺市为例", None, "doubtful"),
    # typed full-width, or - for ——: the same title
    ("抚顺市城区大气PM2.5中水溶性离子组成及来源解析", "抚顺市城区大气PM2.5中水溶性离子组成及来源解析",
     "抚顺市城区大气ＰＭ２.５中水溶性离子组成及来源解析。", "named"),
    ("臭氧前体物VOCs特征分析——以抚顺市为例", "臭氧前体物VOCs特征分析——以抚顺市为例", "臭氧前体物VOCs特征分析-以抚顺市为例", "named"),
])
def test_a_titles_formula_read_otherwise_is_never_a_sure_difference(printed, read, claim, state):
    """Trust exploration 6 failed every clean dossier on paper.retrieval 「识别清楚」: the
    recogniser, sure of itself, read δ¹³C as 13C and NO₃⁻ as NOOO, a fax's VOCs as \\Cs, and
    the claim typed full-width or with - for —— was compared unfolded."""
    page = PageRead("r.jpg", 1, OcrPage(1240, 1754, [line("论文检索证明", 100), line(read, 200)]), kind="retrieval_proof")
    assert title_on(claim or printed, page).state == state


def test_another_english_paper_listed_on_the_proof_is_a_sure_difference():
    """In a title without Chinese, letters are its words: a proof listing another English
    paper of the same authors (four words of thirteen apart, read clearly) is not a
    formula misread (trust exploration 3, P17: a fail became a review)."""
    claim = "Spatial variation of ambient ozone and its drivers in a resource-based city of Liaoning Province"
    read = "Trends of ambient nitrogen dioxide in a resource-based city of Liaoning Province"
    page = PageRead("r.jpg", 1, OcrPage(1240, 1754, [line("论文检索证明", 100), line(read, 200)]), kind="retrieval_proof")
    assert title_on(claim, page).state == "other"


def test_a_title_wrapped_in_its_cell_is_read_without_the_rows_other_cells():
    """A library's table (trust exploration 8, P25): the title cell wrapped over three
    lines whose tops overlap the lines above, the author (欧阳哗；) and 序号 (2) cells read
    between its first two lines. The title was read 「…园区土欧阳哗2壤重金属…」, surely,
    and paper.retrieval failed as another paper's proof."""
    def cell(text, x0, y0, x1, y1):
        return OcrLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.99,
                       lattice=Lattice.from_probs(*toy_frames(text)))

    title = "抚顺市典型工业园区土壤重金属污染特征与评价"
    page = PageRead("检索证明.jpg", 1, OcrPage(1240, 1754, [
        cell("序号", 107, 406, 164, 441), cell("题名", 275, 406, 330, 441), cell("作者", 466, 404, 522, 441),
        cell("抚顺市典型工业园区土", 182.3, 531.7, 405.6, 563.2), cell("欧阳哗；", 443, 544, 525, 573), cell("2", 112, 565, 125, 581),
        cell("壤重金属污染特征与评", 179.5, 553.6, 408.4, 589.2), cell("中国环境监测", 563, 554, 702, 585),
        cell("2022/05", 763, 555, 850, 584), cell("孟庆伟", 443, 567, 519, 598), cell("价", 181, 582, 214, 611),
    ]), kind="retrieval_proof", names=["欧阳哗"])
    reading = title_on(title, page)
    assert reading.state == "named", reading
    [m] = match_papers(Applicant(name="欧阳晔", unit="抚顺市生态环境保护技术中心", papers=(
        PaperClaim(title=title, journal="中国环境监测", date=PartialDate(2022, 5)),)), [page])
    assert m.other_retrieval_pages == []
    # and where the lines give no column to go by, a line read whole inside the title is
    # no sure difference: a person looks (never another paper's proof)
    stacked = PageRead("检索证明.jpg", 1, OcrPage(1240, 1754, [line("抚顺市典型工业园区土", 200), line("欧阳哗2", 245),
                                                               line("壤重金属污染特征与评价", 290)]), kind="retrieval_proof")
    assert title_on(title, stacked).state == "doubtful"


def test_a_journals_name_inside_another_claimed_journals_name_is_not_its_cover():
    """Two papers, in 环境科学 and in 环境科学研究: the cover of 环境科学研究 (its name holds
    环境科学) is not the 环境科学 paper's; that paper, whose own page printed no ISSN,
    failed on the other journal's ISSN instead of its missing one (base bench A007-008)."""
    other = "浑河流域生态风险评估模型研究"
    a = Applicant(name="杨振宇", unit=UNIT, papers=(
        PaperClaim(title=TITLE, journal="环境科学", issn="0250-3301", cn="11-1895/X"),
        PaperClaim(title=other, journal="环境科学研究", issn="1001-6929", cn="11-1827/X")))
    cover = PageRead("cover.jpg", 1, OcrPage(1654, 2339, [line("环境科学研究", 90), line("主办：中国环境科学研究院", 180),
                                                          line("ISSN 1001-6929", 270), line("CN 11-1827/X", 340)]),
                     kind="journal_cover", issn=["1001-6929"], cn=["CN 11-1827/X"])
    own = PageRead("paper.pdf", 1, OcrPage(1654, 2339, [line("环境科学 CN 11-1895/X", 90), line(TITLE, 180)]),
                   kind="paper", cn=["CN 11-1895/X"])
    first, second = match_papers(a, [cover, own])
    assert cover not in first.journal_pages
    assert cover in second.journal_pages


# ---------------------------------------------------------------- a paper claimed without its title


def _untitled(pages):
    """The clean dossier's paper claimed with its journal, ISSN, CN and date but no title
    (DOSSIER.md: any field of a paper may be missing)."""
    return run(pages, applicant(papers=[dict(CLAIMED)]))


def _titled_page(pages=None):
    """The clean pages, the paper's first page with the title it prints read as its field."""
    pages = pages or clean_pages()
    return replace(pages, "p/paper.jpg", fields={"paper_title": "抚顺地区大气PM2.5来源解析研究", "journal": "环境保护与循环经济"},
                   ocr=OcrPage(1654, 2339, [line("环境保护与循环经济2022年第5期", 90), line("抚顺地区大气PM2.5来源解析研究", 180)]))


def test_a_paper_claimed_without_a_title_is_proven_by_the_title_its_own_page_prints():
    """It failed 缺少论文检索证明 on a clean dossier whose proof named the paper."""
    [f] = by_rule(_untitled(_titled_page()), "paper.retrieval")
    assert f.status == "pass" and "未填题名" in f.message and "p/paper.jpg" in f.message, f.message


def test_a_paper_claimed_without_a_title_and_no_page_to_take_it_from_is_a_review_beside_a_proof():
    pages = [p for p in clean_pages() if p.kind != "paper"]
    [f] = by_rule(_untitled(pages), "paper.retrieval")
    assert f.status == "review" and "未填论文题名" in f.message and f.file == "p/jiansuo.jpg"


def test_a_paper_claimed_without_a_title_still_fails_with_no_proof_at_all():
    pages = [p for p in _titled_page() if p.kind != "retrieval_proof"]
    [f] = by_rule(_untitled(pages), "paper.retrieval")
    assert f.status == "fail" and "缺少论文检索证明" in f.message


def test_a_title_taken_from_the_papers_page_that_the_proof_surely_lists_otherwise_is_a_review_not_a_fail():
    """The title compared is then the paper page's reading, not the applicant's words: a
    character misread there would differ from the proof's sure reading with no other
    paper in sight."""
    title = "抚顺地区大气PM2.5来源解析研究"
    misread = title.replace("抚顺", "沈阳")
    pages = replace(_surely_read_proof(title), "p/paper.jpg", fields={"paper_title": misread, "journal": "环境保护与循环经济"},
                    ocr=OcrPage(1654, 2339, [line("环境保护与循环经济2022年第5期", 90), line(misread, 180)]))
    [f] = by_rule(_untitled(pages), "paper.retrieval")
    assert f.status == "review" and f"《{title}》" in f.message, f.message
