"""Claims matched to pages."""
from ocr.model import OcrLine, OcrPage
from verify.claims import match_awards, match_papers
from verify.dates import PartialDate
from verify.extract import read_page_facts
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
