"""Claims matched to pages."""
from ocr.model import OcrLine, OcrPage
from verify.read.claims import match_awards, match_papers
from verify.read.dates import PartialDate
from verify.read.extract import read_page_facts
from verify.model import Applicant, AwardClaim, PageRead, PaperClaim


def read(file, n, kind, *texts, applicant=None):
    lines = [OcrLine(t, ((100, 80 + 60 * i), (900, 80 + 60 * i), (900, 120 + 60 * i), (100, 120 + 60 * i)), 0.95, i)
             for i, t in enumerate(texts)]
    p = PageRead(file, n, OcrPage(1000, 1400, lines), kind=kind)
    read_page_facts(p, applicant)
    return p


A = Applicant(
    name="张伟", unit="抚顺市生态环境监测站",
    papers=(PaperClaim(title="抚顺地区大气PM2.5来源解析研究", journal="环境保护与循环经济", issn="1674-1021", cn="21-1556/X",
                       date=PartialDate(2022, 5)),
            PaperClaim(title="浑河流域水质变化趋势分析", journal="辽宁城乡环境科技")),
    awards=(AwardClaim(title="抚顺市科学技术进步奖三等奖", date=PartialDate(2021, 12)),
            AwardClaim(title="辽宁省环境保护科学技术奖二等奖")),
)


def pages():
    return [
        read("j.pdf", 1, "journal_cover", "环境保护与循环经济", "2022年第5期", "ISSN 1674-1021", "CN 21-1556/X", applicant=A),
        read("j.pdf", 2, "journal_toc", "目次", "抚顺地区大气PM2.5来源解析研究 …… 张伟 (1)", applicant=A),
        read("j.pdf", 3, "paper", "抚顺地区大气PM2.5来源", "解析研究", "张伟", "摘要：……", applicant=A),
        read("r.jpg", 1, "retrieval_proof", "论文检索证明", "题名：抚顺地区大气PM25来源解析研究", applicant=A),
        read("a.jpg", 1, "award_certificate", "荣誉证书", "张伟同志", "荣获抚顺市科学技术进步奖三等奖", "2021年12月28日", applicant=A),
        read("o.jpg", 1, "award_certificate", "荣誉证书", "张伟同志", "荣获优秀共产党员称号", applicant=A),
    ]


def test_match_papers():
    ps = pages()
    first, second = match_papers(A, ps)
    assert [p.page for p in first.journal_pages] == [1, 2]
    assert [p.page for p in first.paper_pages] == [3]  # title wrapped over two lines
    assert [p.file for p in first.retrieval_pages] == ["r.jpg"]  # OCR lost the dot in PM2.5
    assert first.score > 0.8
    # the second paper has no page at all: empty lists are the finding
    assert second.journal_pages == second.paper_pages == second.retrieval_pages == []
    assert second.score == 0.0


def test_journal_matched_by_identifier_when_name_unread():
    cover = read("c.jpg", 1, "journal_cover", "HUANJING BAOHU", "ISSN 1674-1021", "CN 21-1556/X")
    [m, _] = match_papers(A, [cover])
    assert m.journal_pages == [cover]


def test_match_awards():
    ps = pages()
    first, second = match_awards(A, ps)
    assert [p.file for p in first.pages] == ["a.jpg"]
    assert second.pages == []


def test_two_papers_in_one_journal_keep_their_own_issue():
    both = Applicant(name="张伟", unit="抚顺市生态环境监测站", papers=(
        PaperClaim(title="抚顺地区大气PM2.5来源解析研究", journal="环境保护与循环经济", date=PartialDate(2022, 5)),
        PaperClaim(title="浑河流域水质变化趋势分析", journal="环境保护与循环经济", date=PartialDate(2023, 9))))
    ps = [
        read("a.pdf", 1, "journal_cover", "环境保护与循环经济", "2022年第5期", "ISSN 1674-1021", applicant=both),
        read("a.pdf", 2, "paper", "抚顺地区大气PM2.5来源解析研究", "摘要：……", applicant=both),
        read("b.pdf", 1, "journal_cover", "环境保护与循环经济", "2023年第9期", "ISSN 1674-1021", applicant=both),
        read("b.pdf", 2, "paper", "浑河流域水质变化趋势分析", "摘要：……", applicant=both),
    ]
    first, second = match_papers(both, ps)
    assert [p.file for p in first.journal_pages] == ["a.pdf"]
    assert [p.file for p in second.journal_pages] == ["b.pdf"]


def test_retrieval_naming_a_slightly_different_title_is_doubtful_not_a_match():
    claim = Applicant(name="张伟", unit="抚顺市生态环境监测站",
                      papers=(PaperClaim(title="抚顺地区大气PM2.5来源解析研究", journal="环境保护与循环经济"),))
    other = read("r.jpg", 1, "retrieval_proof", "论文检索证明", "题名：抚顺地区大气PM10来源特征研究")
    damaged = read("s.jpg", 1, "retrieval_proof", "论文检索证明", "题名：抚顺地区大气PM2.5来原解析研宄")
    [m] = match_papers(claim, [other, damaged])
    assert m.retrieval_pages == []
    # two wrong characters in sixteen: OCR damage and another paper look the same
    assert [p.file for p in m.doubtful_retrieval_pages] == ["r.jpg", "s.jpg"]


def test_another_journals_pages_are_not_this_papers():
    """A contents page of journal B that happens to list paper A's title (and B's
    cover next to it) does not become A's journal page."""
    two = Applicant(name="张伟", unit="抚顺市生态环境监测站", papers=(
        PaperClaim(title="污染场地土壤修复工程的施工管理", journal="地球科学与环境学报", issn="1672-6561"),
        PaperClaim(title="燃煤锅炉烟气脱硫脱硝一体化改造实践", journal="辐射防护通讯", issn="1004-6356")))
    ps = [
        read("a.pdf", 1, "journal_cover", "地球科学与环境学报", "2022年第4期", "ISSN 1672-6561", applicant=two),
        read("b.pdf", 1, "journal_cover", "辐射防护通讯", "2022年第4期", "ISSN 1004-6356", applicant=two),
        read("b.pdf", 2, "journal_toc", "辐射防护通讯 2022年第4期", "目次", "污染场地土壤修复工程的施工管理 …… (3)",
             "燃煤锅炉烟气脱硫脱硝一体化改造实践 …… (9)", applicant=two),
    ]
    first, second = match_papers(two, ps)
    assert [(p.file, p.page) for p in first.journal_pages] == [("a.pdf", 1)]
    assert sorted((p.file, p.page) for p in second.journal_pages) == [("b.pdf", 1), ("b.pdf", 2)]


def test_another_issues_cover_does_not_stand_in_for_a_paper_without_its_own():
    """Two papers in one journal; the second (2023年第3期) comes with its first page
    and nothing of its issue: the first paper's 2022年第5期 cover and contents page
    are not its journal pages (probe alt17 P13: journal.issn passed on them)."""
    both = Applicant(name="杨振宇", unit="抚顺市生态环境监测站", papers=(
        PaperClaim(title="抚顺市机动车尾气排放遥感监测分析", journal="环境保护与循环经济", issn="1674-1021",
                   date=PartialDate(2022, 5)),
        PaperClaim(title="抚顺市城区道路扬尘监测方法比较研究", journal="环境保护与循环经济", issn="1674-1021",
                   date=PartialDate(2023, 3))))
    ps = [
        read("11.jpg", 1, "journal_cover", "环境保护与循环经济", "2022年第30卷第5期", "月刊2022年5月出版", "ISSN 1674-1021",
             applicant=both),
        read("13.jpg", 1, "journal_toc", "环境保护与循环经济", "2022年第30卷第5期（总第365期）", "目次",
             "抚顺市机动车尾气排放遥感监测分析 (101)", applicant=both),
        read("14.jpg", 1, "paper", "环境保护与循环经济2022年第30卷第5期", "抚顺市机动车尾气排放遥感监测分析",
             "文章编号：1674-1021（2022)05-0101-05", applicant=both),
        read("16.jpg", 1, "paper", "环境保护与循环经济2023年第31卷第3期", "抚顺市城区道路扬尘监测方法比较研究",
             "文章编号：1674-1021(2023)03-0057-05", applicant=both),
    ]
    first, second = match_papers(both, ps)
    assert sorted(p.file for p in first.journal_pages) == ["11.jpg", "13.jpg"]
    assert second.journal_pages == []
    # the paper's page printing no issue: nothing says the cover is another issue's (a
    # claimed year alone may be typed wrong; journal.issn would fail on a journal held)
    ps[3] = read("16.jpg", 1, "paper", "抚顺市城区道路扬尘监测方法比较研究", "摘要：……", applicant=both)
    assert match_papers(both, ps)[1].journal_pages != []


def test_a_cover_of_the_papers_own_issue_stays_when_its_page_prints_it_otherwise():
    """A cover printing the issue as 2022年第5期 and a paper page printing 2022, 30(5)
    are one issue; a cover whose year and issue are unread is never dropped."""
    one = Applicant(name="张伟", unit="抚顺市生态环境监测站", papers=(
        PaperClaim(title="抚顺地区大气PM2.5来源解析研究", journal="环境保护与循环经济", date=PartialDate(2022, 5)),))
    ps = [read("c.jpg", 1, "journal_cover", "环境保护与循环经济", "2022年第5期", applicant=one),
          read("b.jpg", 1, "journal_cover", "环境保护与循环经济", "ISSN 1674-1021", applicant=one),
          read("p.jpg", 1, "paper", "环境保护与循环经济, 2022, 30(5): 101-105", "抚顺地区大气PM2.5来源解析研究", applicant=one)]
    [m] = match_papers(one, ps)
    assert sorted(p.file for p in m.journal_pages) == ["b.jpg", "c.jpg"]


def test_a_running_head_with_its_month_gives_the_papers_issue_beside_a_misread_article_number():
    """A faxed paper page whose running head prints 2021.06 第47卷第3期 and whose 文章编号 (2021)03- was read (2021)6-:
    the cover's 2021年第47卷第3期 is the paper's own issue, not another's (probe trust21 P09: the running head went
    unread, the misread number alone dropped the cover and journal.issn failed as no cover found)."""
    one = Applicant(name="韩雪梅", unit="抚顺市东洲区生态环境保护服务中心", papers=(
        PaperClaim(title="抚顺市东洲区地表水氨氮与总磷时空变化特征分析", journal="环境保护科学", issn="1004-6216",
                   date=PartialDate(2021, 6)),))
    ps = [read("论文-1.tif", 1, "journal_cover", "环境保护科学", "2021年第47卷第3期", "ISSN 1004-6216 CN 21-1135/X", applicant=one),
          read("论文-2.tif", 1, "paper", "环境保护科学2021.06第47卷第3期", "抚顺市东洲区地表水氨氮与总磷时空变化特征分析",
               "中图分类号：X52文标识码：A文章编号1004-6216（2021）6-6045-05", applicant=one)]
    [m] = match_papers(one, ps)
    assert [p.file for p in m.journal_pages] == ["论文-1.tif"]
    # an issue the running head and the number agree on still tells another issue's cover
    ps[0] = read("论文-1.tif", 1, "journal_cover", "环境保护科学", "2021年第47卷第5期", "ISSN 1004-6216", applicant=one)
    ps[1] = read("论文-2.tif", 1, "paper", "环境保护科学2021.06第47卷第3期", "抚顺市东洲区地表水氨氮与总磷时空变化特征分析",
                 "文章编号1004-6216（2021）03-0045-05", applicant=one)
    assert match_papers(one, ps)[0].journal_pages == []


def test_a_citations_full_width_dot_after_the_author_is_punctuation():
    """知网's citation [1]周喆．题名[J] with the author's dot read full-width (．): the author
    beside the title is tolerated where the page names that person, but 周喆． was not 周喆,
    and a clean retrieval proof went to review (trust exploration)."""
    from verify.read.claims import title_on

    box = ((100, 180), (1100, 180), (1100, 210), (100, 210))
    for dot in (".", "．"):
        page = PageRead("p.jpg", 1, OcrPage(1240, 1754, [OcrLine(
            f"[1]周喆{dot}抚顺市区大气PM2.5污染特征及来源分析[J]．环境保护与循环经济，2022(5)", box, 1.0)]), names=["周喆"])
        assert title_on("抚顺市区大气PM2.5污染特征及来源分析", page).state == "named"


def test_an_english_title_read_with_latin_look_alikes_in_a_citation_is_named():
    """Trust exploration 3, P14: a correct 检索证明 citing an English title, read
    [1]张建华.Source apportionmentof PM2.5 in an o1d industrialcityof… (1 for l, spaces lost,
    the citation's index and author before it), failed paper.retrieval as 识别清楚，不是识别误差."""
    from ocr.model import OcrLine, OcrPage
    from verify.model import PageRead
    from verify.read.claims import title_on

    box = lambda y: ((100, y), (1100, y), (1100, y + 30), (100, y + 30))
    lines = ["论文收录检索证明", "[1]张建华.Source apportionmentof PM2.5 in an o1d industrialcityof Northeas",
             "t China during heating seasons[J].Environmenta1 Po1lution,2022,312:119842."]
    page = PageRead("j.jpg", 1, OcrPage(1240, 1754, [OcrLine(t, box(100 + 60 * i), 0.97, i) for i, t in enumerate(lines)]),
                    kind="retrieval_proof", names=["张建华"])
    claim = "Source apportionment of PM2.5 in an old industrial city of Northeast China during heating seasons"
    assert title_on(claim, page).state == "named"
    assert title_on(claim.replace("old industrial", "new coastal"), page).state != "named"


def test_a_claimed_patent_is_matched_to_its_certificate():
    """Trust exploration 8, C11: the claim 「一种…装置（实用新型专利）」 and its 实用新型专利证书
    (实用新型名称：一种…装置): no certificate was found for it. Its date is the 授权公告日,
    not the 申请日."""
    from verify.read.classify import classify
    from verify.rules.after_title import achievement_date

    claim = Applicant(name="张伟", unit="抚顺市生态环境监测站", awards=(
        AwardClaim(title="一种便携式地表水采样与现场预处理装置（实用新型专利）", date=PartialDate(2019, 3)),
        AwardClaim(title="一种水体重金属快速检测方法（发明专利）")))
    cert = read("z.jpg", 1, "other", "证书号第5389217号", "实用新型专利证书", "实用新型名称：一种便携式地表水采样与现场预处理装置",
                "发明人：张伟；孟庆伟", "专利号：ZL201721456789.3", "专利申请日：2017年11月03日", "专利权人：抚顺市生态环境监测站",
                "授权公告日：2019年03月12日", "国家知识产权局依照中华人民共和国专利法进行初步审查，决定授予专利权", "局长申长雨")
    cert.kind = classify(cert.ocr)[0]
    read_page_facts(cert, claim)
    utility, invention = match_awards(claim, [cert])
    assert [p.file for p in utility.pages] == ["z.jpg"] and invention.pages == []
    assert achievement_date(cert).date == PartialDate(2019, 3, 12)


def test_a_numbered_lists_index_before_a_title_is_no_difference():
    """A 检索证明 numbers the papers it found (1. 题名，《刊名》…; 1、题名; （1）题名): the index
    alone before the title made a clean proof's title 《1.浑河…》 doubtful, a paper.retrieval
    review on every clean dossier with a numbered proof (probe trust13 C07, C08, C10). Four
    digits before it (a year) still differ."""
    from verify.read.claims import title_on

    box = ((100, 180), (1100, 180), (1100, 210), (100, 210))
    title = "浑河抚顺段水质变化特征及影响因素分析"
    for index in ("1.", "1、", "（1）", "12.", "1"):
        page = PageRead("p.jpg", 1, OcrPage(1240, 1754, [
            OcrLine(f"{index}{title}，《环境技术》2021年第6期", box, 0.99)]))
        assert title_on(title, page).state == "named", index
    for other in (f"2021{title}", "1.浑河抚顺段水质变化特征及影响因素研究", "（2）浑河抚顺段氨氮变化特征及影响因素分析"):
        page = PageRead("p.jpg", 1, OcrPage(1240, 1754, [OcrLine(other, box, 0.99)]))
        assert title_on(title, page).state != "named", other


def test_a_title_wrapped_in_a_loosely_set_table_cell_names_the_paper():
    # a born-digital proof (probe trust32 T32-01): the cell's line pitch 2.6 line heights, the title's second line alone
    # under its first; the next row, whole, is another paper's and is never joined to it
    box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 31), (x, y + 31))
    lines = [OcrLine("论文检索证明", box(659, 180, 336), 1.0), OcrLine("序号论文题目", box(166, 371, 240), 1.0),
             OcrLine("刊名", box(906, 371, 60), 1.0), OcrLine("年/期", box(1286, 371, 75), 1.0),
             OcrLine("1", box(166, 451, 15), 1.0), OcrLine("抚顺市城区环境空气臭氧污", box(286, 451, 360), 1.0),
             OcrLine("环境保护与循环经济", box(906, 451, 270), 1.0), OcrLine("2021年第6期", box(1286, 451, 165), 1.0),
             OcrLine("染特征研究", box(286, 531, 150), 1.0),
             OcrLine("2", box(166, 611, 15), 1.0), OcrLine("浑河抚顺段水质评价", box(286, 611, 270), 1.0),
             OcrLine("环境科学", box(906, 611, 120), 1.0), OcrLine("2022年第3期", box(1286, 611, 165), 1.0)]
    a = Applicant(name="李建国", unit="抚顺市生态环境保护服务中心",
                  papers=(PaperClaim(title="抚顺市城区环境空气臭氧污染特征研究", journal="环境保护与循环经济"),
                          PaperClaim(title="抚顺市城区环境空气臭氧污浑河抚顺段", journal="环境科学")))
    proof = PageRead("r.pdf", 1, OcrPage(1654, 2339, lines, source="text_layer"), kind="retrieval_proof")
    read_page_facts(proof, a)
    wrapped, joined = match_papers(a, [proof])
    assert wrapped.retrieval_pages == [proof] and not wrapped.doubtful_retrieval_pages
    assert not joined.retrieval_pages  # the first row's head and the next row's title are no title


def _sure_lattice(text):
    import numpy as np
    from ocr.ctc import Lattice
    alphabet = ["", *sorted(set(text))]
    probs = np.full((2 * len(text), len(alphabet)), 1e-5, np.float32)
    for t, ch in enumerate(text):
        probs[2 * t, alphabet.index(ch)] = 0.999
        probs[2 * t + 1, 0] = 0.999
    probs /= probs.sum(axis=1, keepdims=True)
    return Lattice.from_probs(probs, alphabet)


def _proof_of(*rows):
    lines = [OcrLine(t, ((300, 600 + 70 * i), (300 + 28 * len(t), 600 + 70 * i), (300 + 28 * len(t), 637 + 70 * i),
                         (300, 637 + 70 * i)), 0.95, i, lattice=_sure_lattice(t)) for i, t in enumerate(rows)]
    return PageRead("r.png", 1, OcrPage(1654, 2339, [OcrLine("文献检索证明", ((600, 100), (900, 100), (900, 150), (600, 150)),
                                                               0.99, 99), *lines]), kind="retrieval_proof")


def test_a_wrapped_titles_characters_missing_at_its_line_break_are_no_sure_difference():
    """A title wrapped in a proof's table cell whose first line's end the detector did not box (a copier's noise over
    空分布: probe trust39 C03 read 浑河抚顺段水体氨氮时 | 特征研究, each surely) may hold the claim's missing characters
    there: a review, not 「识别清楚」's fail. A word read otherwise, surely, is still another title."""
    from verify.read.claims import title_on

    claim = "浑河抚顺段水体氨氮时空分布特征研究"
    assert title_on(claim, _proof_of("浑河抚顺段水体氨氮时", "特征研究")).state == "doubtful"
    assert title_on(claim, _proof_of("浑河抚顺段水体总磷时空分", "布特征研究")).state == "other"
    # a run missing inside a line, not at its break, is read surely too
    assert title_on(claim, _proof_of("浑河抚顺段水体氨氮特征研究")).state == "other"


def test_a_titles_characters_missing_at_both_ends_of_its_line_are_no_sure_difference():
    """A bound proof's curl lost the ends of its title's cell (probe trust39 A12: 抚顺市大气颗粒物污染来源解析 read
    大气颗粒物污染来源解, surely): a review. A part of a series the claim adds (第3部分) still names another paper."""
    from verify.read.claims import title_on

    assert title_on("抚顺市大气颗粒物污染来源解析", _proof_of("大气颗粒物污染来源解")).state == "doubtful"
    assert title_on("抚顺市大气颗粒物污染来源解析第3部分", _proof_of("抚顺市大气颗粒物污染来源解析")).state == "other"
