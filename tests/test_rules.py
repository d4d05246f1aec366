"""The review rules on hand-built pages: each rule's fail, review and pass, and
the cases where it must not pass because it cannot decide."""
from __future__ import annotations

import pytest

from ocr.model import OcrLine, OcrPage
from verify.applicant import parse_applicant
from verify.campaign import load_campaign
from verify.read.dates import PartialDate
from verify.model import DateMention, PageRead, SealMark, SignatureField, UnreadableInput, verdict_of
from verify.rules import Dossier, run_rules

UNIT = "抚顺市生态环境监测站"


def applicant(**over):
    data = {
        "name": "张伟", "unit": UNIT, "unit_aliases": ["抚顺市环境监测中心站"], "unit_kind": "institution",
        "id_number": "210402198805120019", "specialty": "生态环境监测", "level": "工程师",
        "current_title": {"name": "助理工程师", "date": "2019-06-30"},
        "papers": [{"title": "抚顺地区大气PM2.5来源解析研究", "journal": "环境保护与循环经济",
                    "issn": "1674-1021", "cn": "21-1556/X", "date": "2022-05"}],
        "awards": [],
    }
    data.update(over)
    return parse_applicant(data, "test")


def page(kind, file, lines=(), dates=(), seals=(), signatures=(), issn=(), cn=(), ids=(), names=(), page_no=1):
    ocr = OcrPage(width=1654, height=2339, engine="test", lines=[
        OcrLine(t, ((100, 100 + 60 * i), (1500, 100 + 60 * i), (1500, 150 + 60 * i), (100, 150 + 60 * i)), 0.99, i)
        for i, t in enumerate(lines)])
    return PageRead(file=file, page=page_no, ocr=ocr, kind=kind, kind_score=0.9, dates=list(dates), seals=list(seals),
                    signatures=list(signatures), issn=list(issn), cn=list(cn), id_numbers=list(ids), names=list(names))


def d(iso, role, text=None):
    return DateMention(PartialDate.parse_iso(iso), text or iso, (100, 100, 400, 150), role)


def our_seal(**kw):
    return SealMark(bbox=(1000, 1500, 1300, 1800), score=0.95, text=UNIT, unit_match="unit", **kw)


def signed(label="负责人签字"):
    return SignatureField(label, (100, 1700, 300, 1750), (300, 1680, 700, 1780), "signed", 0.9)


def clean_pages():
    return [
        page("recommendation_form", "a/tuijian.jpg", ["专业技术资格报评推荐表", "姓名：张伟"], seals=[our_seal()], signatures=[signed()]),
        page("publicity_result", "a/gongshi.jpg", ["公示结果", "张伟 抚顺市生态环境监测站 工程师"], dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end")], seals=[our_seal()]),
        *[page("annual_assessment", f"a/kaohe{y}.jpg", ["年度考核登记表", "姓名 张伟 性别 男", "考核等次 合格 单位意见（盖章）"], dates=[d(str(y), "assessment_year")], seals=[our_seal()]) for y in (2021, 2022, 2023)],
        page("education_verification", "a/xuexin.pdf", ["教育部学历证书电子注册备案表", "姓名 张伟", "证书编号 101531201005001234"], seals=[our_seal()], signatures=[signed("审核人签字")]),
        page("continuing_education", "a/jxjy.png", ["继续教育公需科目学习证明", "张伟同志"]),
        page("id_card", "a/id.jpg", ["姓名 张伟", "公民身份号码 210402198805120019"], ids=["210402198805120019"]),
        page("title_certificate", "a/zc.jpg", ["专业技术资格证书", "姓名 张伟"], dates=[d("2019-06-30", "title_date")], seals=[SealMark((900, 1400, 1200, 1700), 0.9, text="抚顺市人力资源和社会保障局", unit_match="other")]),
        page("evaluation_form", "a/pdb.pdf", ["辽宁省专业技术资格评定表", "姓名 张伟"]),
        page("journal_cover", "p/cover.jpg", ["环境保护与循环经济", "ISSN 1674-1021", "CN 21-1556/X", "2022年第5期"], issn=["1674-1021"], cn=["CN 21-1556/X"], dates=[d("2022-05", "publication")]),
        page("paper", "p/paper.jpg", ["抚顺地区大气PM2.5来源解析研究", "张伟", "摘要"]),
        page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", "抚顺地区大气PM2.5来源解析研究"], seals=[our_seal()], signatures=[signed("审核人")]),
        page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志"], dates=[d("2021-12-20", "issue")], seals=[SealMark((900, 1400, 1200, 1700), 0.9, text="抚顺市科学技术局", unit_match="other")]),
    ]


def run(pages, app=None, unreadable=()):
    dossier = Dossier(applicant=app or applicant(), campaign=load_campaign("fushun-2024"), pages=pages, unreadable=list(unreadable))
    return run_rules(dossier)


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def on_page(file, rule, **changes):
    """The findings of ``rule`` on ``file`` once the clean dossier's page ``file`` has
    ``changes`` (seals, dates, fields...)."""
    return [f for f in by_rule(run(replace(clean_pages(), file, **changes)), rule) if f.file == file]


def statuses(findings, rule):
    return sorted({f.status for f in by_rule(findings, rule)})


def test_clean_dossier_passes_every_rule():
    findings = run(clean_pages())
    bad = [f for f in findings if f.status != "pass"]
    assert bad == [], bad
    assert verdict_of(findings) == "pass"
    covered = {f.rule for f in findings}
    for rule in ["dossier.required", "assessment.years", "evidence.after_title", "title.date", "journal.issn",
                 "journal.cn", "paper.retrieval", "paper.relevance", "seal.present", "seal.unit",
                 "signature.present", "identity.name", "identity.id_number", "publicity.duration"]:
        assert rule in covered, rule


def replace(pages, file, **changes):
    out = []
    for p in pages:
        if p.file == file:
            for k, v in changes.items():
                setattr(p, k, v)
        out.append(p)
    return out


def drop(pages, file):
    return [p for p in pages if p.file != file]


@pytest.mark.parametrize("pages_fn, rule, status", [
    (lambda ps: drop(ps, "a/pdb.pdf"), "dossier.required", "fail"),
    # a continuing-education proof of 2016 for a campaign assessing 2021-2023 (probe alt13 a11: passed)
    (lambda ps: replace(ps, "a/jxjy.png", dates=[d("2016-12-20", "issue"), d("2016", None)]), "dossier.required", "review"),
    # the 学信网 home page after login stands for the verification: no record on it (probe alt19 K1: passed)
    (lambda ps: replace(ps, "a/xuexin.pdf", ocr=page("education_verification", "x", [
        "学信网", "首页 学信档案 高考 研招 学历查询", "欢迎您，张伟", "请登录后点击“在线验证报告”申请。"]).ocr),
     "dossier.required", "review"),
    # a spread: 推荐表 and 公示结果 in one photo, classified 推荐表 (probe alt22 C44: fail 缺少公示结果)
    (lambda ps: replace(drop(ps, "a/gongshi.jpg"), "a/tuijian.jpg", ocr=page("recommendation_form", "x", [
        "专业技术资格报评推荐表", "公示结果", "姓名：张伟", "单位推荐意见", "拟申报 工程师", "推荐单位 抚顺市生态环境监测站",
        "申报专业 生态环境监测", "单位负责人"]).ocr),
     "dossier.required", "review"),
    (lambda ps: drop(ps, "a/kaohe2022.jpg"), "assessment.years", "fail"),
    # a year's form records 不合格 (probe alt13 a10: passed)
    (lambda ps: replace(ps, "a/kaohe2022.jpg", ocr=OcrPage(1000, 800, [
        OcrLine("2022年度考核登记表", ((0, 0), (300, 0), (300, 30), (0, 30)), 0.99),
        OcrLine("姓名：张伟", ((0, 100), (300, 100), (300, 130), (0, 130)), 0.99),
        OcrLine("考核等次：不合格", ((0, 200), (300, 200), (300, 230), (0, 230)), 0.99)])), "assessment.years", "review"),
    (lambda ps: replace(ps, "p/award.jpg", dates=[d("2018-12-01", "issue")]), "evidence.after_title", "fail"),
    (lambda ps: replace(ps, "p/award.jpg", dates=[d("2019-06-30", "issue")]), "evidence.after_title", "fail"),
    (lambda ps: replace(ps, "p/award.jpg", dates=[d("2019-06", "issue")]), "evidence.after_title", "review"),
    (lambda ps: replace(ps, "p/award.jpg", dates=[]), "evidence.after_title", "review"),
    (lambda ps: replace(ps, "p/cover.jpg", dates=[d("2018-05", "publication")]), "evidence.after_title", "fail"),
    (lambda ps: replace(ps, "a/zc.jpg", dates=[d("2018-06-30", "title_date")]), "title.date", "fail"),
    (lambda ps: replace(ps, "a/zc.jpg", dates=[]), "title.date", "review"),
    # the certificate confers another title than the one claimed (probe alt13 a12: passed)
    (lambda ps: replace(ps, "a/zc.jpg", ocr=OcrPage(1000, 800, [
        OcrLine("专业技术资格证书", ((0, 0), (300, 0), (300, 30), (0, 30)), 0.99),
        OcrLine("资格名称：技术员", ((0, 100), (300, 100), (300, 130), (0, 130)), 0.99)])), "title.date", "review"),
    (lambda ps: replace(ps, "p/cover.jpg", issn=[]), "journal.issn", "fail"),
    (lambda ps: replace(ps, "p/cover.jpg", issn=["1674-1022"]), "journal.issn", "fail"),
    (lambda ps: replace(ps, "p/cover.jpg", issn=["0253-2468"]), "journal.issn", "fail"),
    (lambda ps: replace(ps, "p/cover.jpg", cn=[]), "journal.cn", "fail"),
    (lambda ps: replace(ps, "p/cover.jpg", cn=["CN(HK) 21-1556/X"]), "journal.cn", "fail"),
    (lambda ps: replace(ps, "p/cover.jpg", cn=["CN 11-1234/X"]), "journal.cn", "fail"),
    (lambda ps: drop(ps, "p/jiansuo.jpg"), "paper.retrieval", "fail"),
    # a search engine's screenshot, not the notice's databases (probe alt15 P13: passed)
    (lambda ps: replace(ps, "p/jiansuo.jpg", ocr=OcrPage(1000, 800, [
        OcrLine("检索证明", ((0, 0), (300, 0), (300, 30), (0, 30)), 0.99),
        OcrLine("检索来源：百度学术", ((0, 50), (300, 50), (300, 80), (0, 80)), 0.99),
        OcrLine("抚顺地区大气PM2.5来源解析研究", ((0, 100), (600, 100), (600, 130), (0, 130)), 0.99)])), "paper.retrieval", "review"),
    # the same engine's result table, its 来源 column naming the databases each hit came from (trust exploration: passed)
    (lambda ps: replace(ps, "p/jiansuo.jpg", ocr=OcrPage(1000, 800, [
        OcrLine("百度学术", ((0, 0), (300, 0), (300, 30), (0, 30)), 0.99),
        OcrLine("题名 来源 被引", ((0, 50), (600, 50), (600, 80), (0, 80)), 0.99),
        OcrLine("抚顺地区大气PM2.5来源解析研究", ((0, 100), (600, 100), (600, 130), (0, 130)), 0.99),
        OcrLine("知网 维普", ((620, 100), (800, 100), (800, 130), (620, 130)), 0.99)])), "paper.retrieval", "review"),
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[]), "seal.present", "fail"),
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[SealMark((1, 1, 50, 50), 0.4, color="dark", certain=False)]), "seal.present", "review"),
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[SealMark((1, 1, 50, 50), 0.9, text="抚顺市某某化工有限公司", unit_match="other")]), "seal.unit", "fail"),
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[SealMark((1, 1, 50, 50), 0.9, text="抚顺", unit_match="unreadable")]), "seal.unit", "review"),
    # the unit's contract seal, not its official one (probe alt13 a13: passed)
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[our_seal(bottom_text="合同专用章")]), "seal.unit", "review"),
    # a business seal (业务专用章) is no official seal either (probe alt19 S6 passed)
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[our_seal(bottom_text="业务专用章")]), "seal.unit", "review"),
    # red ink where no seal was found: whose seal it may be is as undecided as whether there is one
    (lambda ps: replace(ps, "a/kaohe2021.jpg", seals=[], fields={"seal_ink": "10,10,60,60"}), "seal.unit", "review"),
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[SignatureField("审核人签字", (1, 1, 2, 2), (2, 2, 9, 9), "blank")]), "signature.present", "fail"),
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[SignatureField("审核人签字", (1, 1, 2, 2), (2, 2, 9, 9), "uncertain")]), "signature.present", "review"),
    # the applicant signed, the unit head's field left blank (probe alt13 a02: passed)
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[SignatureField("申报人签字", (1, 1, 2, 2), (2, 2, 9, 9), "signed"),
                                                       SignatureField("单位负责人签字", (1, 11, 2, 12), (2, 12, 9, 19), "blank")]),
     "signature.present", "fail"),
    # the unit head's field signed with the applicant's own name, read as a line (probe alt15 P09: passed)
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[SignatureField("单位负责人签字：", (0, 0, 100, 30), (100, 0, 400, 40), "signed")],
                        ocr=OcrPage(1000, 800, [OcrLine("单位负责人签字：", ((0, 0), (100, 0), (100, 30), (0, 30)), 0.99),
                                                OcrLine("张伟", ((150, 5), (250, 5), (250, 35), (150, 35)), 0.9)])),
     "signature.present", "review"),
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[SignatureField("审核人签字", (1, 1, 2, 2), (2, 2, 9, 9), "signed"),
                                                       SignatureField("负责人签字", (1, 11, 2, 12), (2, 12, 9, 19), "blank")]),
     "signature.present", "review"),
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[]), "signature.present", "review"),
    (lambda ps: replace(ps, "a/xuexin.pdf", signatures=[SignatureField("审核人签字", (1, 1, 2, 2), (2, 2, 9, 9), "uncertain", 0.5, (3, 3, 6, 6), by="name_seal")]),
     "signature.present", "review"),
    (lambda ps: replace(ps, "p/award.jpg", ocr=OcrPage(1000, 800, [OcrLine("荣誉证书", ((0, 0), (9, 0), (9, 9), (0, 9)), 0.99), OcrLine("李强同志：", ((0, 20), (9, 20), (9, 29), (0, 29)), 0.99)]), names=["李强"]), "identity.name", "fail"),
    # a colleague's form, the applicant only as 部门负责人 (probe alt13 a05: passed)
    (lambda ps: replace(ps, "a/kaohe2022.jpg", ocr=OcrPage(1000, 800, [
        OcrLine("姓名：高振宇", ((0, 0), (300, 0), (300, 30), (0, 30)), 0.99),
        OcrLine("部门负责人：张伟", ((0, 200), (300, 200), (300, 230), (0, 230)), 0.99)]), names=["高振宇"]),
     "identity.name", "review"),
    (lambda ps: replace(ps, "a/id.jpg", id_numbers=["210402198805120010"]), "identity.id_number", "fail"),
    (lambda ps: replace(ps, "a/id.jpg", id_numbers=["11010519491231002X"]), "identity.id_number", "fail"),
    (lambda ps: replace(ps, "a/id.jpg", id_numbers=[]), "identity.id_number", "review"),
    (lambda ps: replace(ps, "a/gongshi.jpg", dates=[d("2024-09-27", "publicity_start"), d("2024-10-08", "publicity_end")]), "publicity.duration", "fail"),
    (lambda ps: replace(ps, "a/gongshi.jpg", dates=[d("2024-10-14", "publicity_start")]), "publicity.duration", "review"),
    # last year's publicity, and one begun after the dossiers were due (probe alt15 P03, P04: passed)
    (lambda ps: replace(ps, "a/gongshi.jpg", dates=[d("2023-09-04", "publicity_start"), d("2023-09-08", "publicity_end")]), "publicity.duration", "review"),
    (lambda ps: replace(ps, "a/gongshi.jpg", dates=[d("2024-11-11", "publicity_start"), d("2024-11-15", "publicity_end")]), "publicity.duration", "review"),
    # a title certificate issued before it was approved (probe alt20 P06: passed)
    (lambda ps: replace(ps, "a/zc.jpg", dates=[d("2019-06-30", "title_date"), d("2019-03-01", "issue")]), "title.date", "review"),
    # the result (公示期满，无异议) dated before the publicity ended (probe alt20 P09: passed)
    (lambda ps: replace(ps, "a/gongshi.jpg", dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end"),
                                                    d("2024-10-16", "issue")]), "publicity.duration", "review"),
    (lambda ps: replace(ps, "a/gongshi.jpg", dates=[d("2099-10-14", "publicity_start"), d("2099-10-20", "publicity_end")]), "publicity.duration", "review"),
])
def test_defect_is_caught_never_passed(pages_fn, rule, status):
    findings = run(pages_fn(clean_pages()))
    got = statuses(findings, rule)
    assert status in got, (rule, got, by_rule(findings, rule))
    assert verdict_of(findings) != "pass"


def test_missing_kind_with_unreadable_file_fails_and_says_the_file_may_hold_it():
    findings = run(drop(clean_pages(), "a/pdb.pdf"), unreadable=[UnreadableInput("x/broken.jpg", "文件已损坏")])
    req = [f for f in by_rule(findings, "dossier.required") if f.expected == "evaluation_form"]
    assert [f.status for f in req] == ["fail"] and "无法读取" in req[0].message
    assert by_rule(findings, "dossier.readable")[0].file == "x/broken.jpg"


def test_missing_kind_is_a_review_when_a_service_fault_left_a_file_unread():
    """The disk, the share or the OCR server failed on a file, not the applicant: the form
    may be in it, so its absence is a review (the rerun reads the file again), not a fail."""
    fault = UnreadableInput("x/p.jpg", "读取文件时磁盘或网络盘出错（EIO）", service=True)
    findings = run(drop(clean_pages(), "a/pdb.pdf"), unreadable=[fault])
    req = [f for f in by_rule(findings, "dossier.required") if f.expected == "evaluation_form"]
    assert [f.status for f in req] == ["review"] and "磁盘、网络盘故障未识别" in req[0].message
    assert verdict_of(findings) == "review"
    bug = UnreadableInput("x/p.jpg", "读取时出错（ValueError），可能是核验程序的缺陷", retry=True)
    findings = run(drop(clean_pages(), "a/pdb.pdf"), unreadable=[bug])
    req = [f for f in by_rule(findings, "dossier.required") if f.expected == "evaluation_form"]
    assert [f.status for f in req] == ["review"] and "请查阅原件" in req[0].message and "重新提交" not in req[0].message
    capped = UnreadableInput("x/p.jpg", "材料总页数超过 400 页上限，本文件未核验，请审核人查阅该文件原件，或请申报人精简材料", capped=True)
    findings = run(drop(clean_pages(), "a/pdb.pdf"), unreadable=[capped])
    req = [f for f in by_rule(findings, "dossier.required") if f.expected == "evaluation_form"]
    assert [f.status for f in req] == ["review"] and "总页数超过上限" in req[0].message


def test_missing_kind_is_a_review_when_an_unclassified_page_shows_it():
    """A title certificate worded unlike those the classifier knows (left ``other``,
    its strongest evidence still a title certificate's) may be the missing material:
    a person looks at that page. A diploma (a known non-contract page) is not it."""
    odd = page("other", "a/shending.jpg", ["经审定", "张伟同志具备工程师任职资格", "特此证明"])
    diploma = page("other", "a/biye.jpg", ["毕业证书", "张伟 于2010年 准予毕业", "专业技术资格"])
    req = by_rule(run(drop(clean_pages(), "a/zc.jpg") + [odd, diploma]), "dossier.required")
    missing = [f for f in req if f.expected == "title_certificate"]
    assert [(f.status, f.file) for f in missing] == [("review", "a/shending.jpg")]
    assert "人工核对" in missing[0].message
    req = by_rule(run(drop(clean_pages(), "a/zc.jpg") + [diploma]), "dossier.required")
    assert [f.status for f in req if f.expected == "title_certificate"] == ["fail"]


def test_missing_kind_is_a_review_when_a_page_classified_otherwise_shows_it_nearly_as_strongly():
    """A title certificate worded like an award (证书 … 特发此证) is classified as an
    award certificate on evidence barely stronger than a title certificate's."""
    from verify.read.classify import classify

    lines = ["证书", "张伟同志", "经辽宁省工程技术人员评审委员会评审", "具备工程师专业技术资格", "特发此证"]
    odd = page("award_certificate", "a/zhengshu.jpg", lines, dates=[d("2019-06-30", "issue")])
    assert classify(odd.ocr)[0] == "award_certificate"
    findings = run(drop(clean_pages(), "a/zc.jpg") + [odd])
    req = by_rule(findings, "dossier.required")
    assert [(f.status, f.file) for f in req if f.expected == "title_certificate"] == [("review", "a/zhengshu.jpg")]
    # its date is the title's own: as an award it would be out of period; it may be the certificate
    assert [f.status for f in by_rule(findings, "evidence.after_title") if f.file == "a/zhengshu.jpg"] == ["review"]
    # the dossier's own award certificate is no title certificate
    req = by_rule(run(drop(clean_pages(), "a/zc.jpg")), "dossier.required")
    assert [f.status for f in req if f.expected == "title_certificate"] == ["fail"]


def test_missing_year_is_a_review_when_an_unclassified_page_may_be_its_form():
    odd = page("other", "a/kaohe-odd.jpg", ["2022年度工作总结", "考核意见 称职"])
    years = by_rule(run(drop(clean_pages(), "a/kaohe2022.jpg") + [odd]), "assessment.years")
    assert [(f.status, f.file) for f in years if f.expected == "2022"] == [("review", "a/kaohe-odd.jpg")]
    years = by_rule(run(drop(clean_pages(), "a/kaohe2022.jpg")), "assessment.years")
    assert [f.status for f in years if f.expected == "2022"] == ["fail"]


def test_a_missing_kind_or_year_is_a_review_when_a_page_of_ink_read_no_text():
    """A page the pipeline marks ``illegible`` (ink, no text read: mirrored, hollowed, buried in a copier's noise) may
    be the document the dossier lacks: probe trust39 C07's ID card and 评定表 degraded past reading failed
    「缺少必备材料」 on a clean dossier. A blank sheet (no ink: no mark) changes nothing."""
    murky = page("other", "a/scan08.jpg")
    murky.fields["illegible"] = "0.207"
    blank = page("other", "a/scan09.jpg")
    findings = run(drop(drop(clean_pages(), "a/pdb.pdf"), "a/kaohe2022.jpg") + [murky, blank])
    req = [f for f in by_rule(findings, "dossier.required") if f.expected == "evaluation_form"]
    assert [(f.status, f.file) for f in req] == [("review", "a/scan08.jpg")]
    years = [f for f in by_rule(findings, "assessment.years") if f.expected == "2022"]
    assert [(f.status, f.file) for f in years] == [("review", "a/scan08.jpg")]
    findings = run(drop(drop(clean_pages(), "a/pdb.pdf"), "a/kaohe2022.jpg") + [blank])
    assert [f.status for f in by_rule(findings, "dossier.required") if f.expected == "evaluation_form"] == ["fail"]
    assert [f.status for f in by_rule(findings, "assessment.years") if f.expected == "2022"] == ["fail"]
    # a page that read a few characters and was taken for the page before's next one is as unknown; a page the
    # classifier gave a kind of its own is that kind
    murky.ocr.lines.append(OcrLine("年考登表", ((0, 0), (90, 0), (90, 30), (0, 30)), 0.6))
    murky.kind, murky.continues_previous = "publicity_result", True
    findings = run(drop(drop(clean_pages(), "a/pdb.pdf"), "a/kaohe2022.jpg") + [murky])
    assert [f.status for f in by_rule(findings, "assessment.years") if f.expected == "2022"] == ["review"]
    murky.continues_previous = False
    findings = run(drop(drop(clean_pages(), "a/pdb.pdf"), "a/kaohe2022.jpg") + [murky])
    assert [f.status for f in by_rule(findings, "assessment.years") if f.expected == "2022"] == ["fail"]


def test_a_missing_year_after_a_found_one_is_a_review_while_a_form_of_the_applicants_has_its_year_unread():
    """2021's and 2023's forms read, 2022's not, a form whose year was not read beside them: it may be 2022's. The
    year loop's check of 2021's ticked grade reused the name of the unread forms' list, left it empty, and 2022
    failed 「缺少 2022 年度考核表」 on clean dossiers whose third form lost its year to a degradation (probe trust39 C01,
    C13)."""
    undated = page("annual_assessment", "a/kaohe-x.jpg", ["年度考核登记表", "姓名 张伟 性别 男", "考核等次 合格 单位意见（盖章）"],
                   seals=[our_seal()])
    years = by_rule(run(drop(clean_pages(), "a/kaohe2022.jpg") + [undated]), "assessment.years")
    assert [f.status for f in years if f.expected == "2022"] == ["review"]


def test_a_spread_whose_second_page_is_titled_继续教育证明_may_be_the_missing_proof():
    """A bound dossier scanned open (Augraphy's BookBinding: the 学历 page facing the 继续教育证明, probe trust39 C01,
    C13): the page is classified by its larger half, and the proof under DOSSIER.md's own name for it, a line of its
    own, failed 「缺少必备材料：继续教育证明」. 继续教育证明 is that kind's title, as 继续教育证书 is."""
    # probe trust39 C13's page 7 as read: a 2022 assessment form facing the proof
    spread = page("annual_assessment", "a/spread.jpg", [
        "作人员年度考核登记表", "张伟", "性别", "出生车月108111", "抚顺市生态环境监测站", "单位", "专业技术岗位", "现职称", "助理工程师",
        "继续教育证明", "类教育公需科目学习，累计完成32学时，经考核成绩合格。", "特此证明。", "抚顺市专业技术人员继续教育基地",
        "2023年11月6日"], seals=[our_seal()])
    req = by_rule(run(drop(clean_pages(), "a/jxjy.png") + [spread]), "dossier.required")
    assert [(f.status, f.file) for f in req if f.expected == "continuing_education"] == [("review", "a/spread.jpg")]


def test_a_proof_listing_the_claimed_journal_whose_title_was_not_read_is_a_review_not_a_missing_proof():
    """A folded, shaded proof read 检索证明, the journal and the issue, its title lost but a word (probe trust39 C13):
    缺少论文检索证明 failed a clean dossier. A proof another claimed paper's title names is that paper's still: the
    second paper of the same journal it does not list fails."""
    murky = page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", "环境保护与循环经济", "2022，(5)", "研究"], seals=[our_seal()],
                 signatures=[signed("审核人")])
    pages = [p for p in clean_pages() if p.file != "p/jiansuo.jpg"] + [murky]
    found = by_rule(run(pages), "paper.retrieval")
    assert [(f.status, f.file) for f in found if f.status != "pass"] == [("review", "p/jiansuo.jpg")]
    app = applicant(papers=[{"title": "抚顺地区大气PM2.5来源解析研究", "journal": "环境保护与循环经济", "issn": "1674-1021",
                             "cn": "21-1556/X", "date": "2022-05"},
                            {"title": "浑河抚顺段水体氨氮时空分布特征研究", "journal": "环境保护与循环经济", "issn": "1674-1021",
                             "cn": "21-1556/X", "date": "2022-05"}])
    found = by_rule(run(clean_pages(), app), "paper.retrieval")
    assert [f.status for f in found if f.value == "浑河抚顺段水体氨氮时空分布特征研究"] == ["fail"]


_FORM_2023 = ["2023年度事业单位工作人员年度考核登记表", "姓名 张伟", "单位 抚顺市生态环境监测站"]


@pytest.mark.parametrize("lines, status", [
    # probe alt18 P05: the 2022 form handed in as 2023 with its title's year edited; dated 2023-01-12
    (_FORM_2023 + ["2022年，本人认真学习业务知识，严格执行各项规章制度，按时完", "考核等次", "合格", "考核日期", "2023年1月12日"],
     "review"),
    (_FORM_2023 + ["个人总结", "2023年，本人认真学习业务知识，严格执行各项规章制度。", "单位盖章 2023年6月"], "review"),
    # its summary about 2022 alone, its date not read
    (_FORM_2023 + ["2022年，本人认真学习业务知识，严格执行各项规章制度，按时完", "考核等次", "合格"], "review"),
    # signed in the year's December or early in the next: clean
    (_FORM_2023 + ["2023年，本人认真学习业务知识，严格执行各项规章制度，按时完", "考核等次", "合格", "考核日期", "2023年12月28日"],
     "pass"),
    (_FORM_2023 + ["本人2022年度考核为优秀，2023年度继续认真履行岗位职责。", "考核等次 合格", "本人签字：张伟 2024年1月15日",
                   "单位盖章 2024年3月"],
     "pass"),
    (_FORM_2023 + ["本人于2023年5月参加了全省水质监测培训并取得合格证书，全年无差错。", "考核等次 合格", "考核日期：2024年1月5日"],
     "pass"),
    # a summary's date in the year, no signing date read: no date of the form's own
    (_FORM_2023 + ["本人于2023年5月参加了全省水质监测培训并取得合格证书，全年无差错。", "考核等次 合格"], "pass"),
    # signed before the year began, or after the dossier was due (probe alt20 P12, P13)
    (_FORM_2023 + ["2023年，本人认真学习业务知识。", "考核日期", "2022年12月28日"], "review"),
    (_FORM_2023 + ["2023年，本人认真学习业务知识。", "考核日期", "2025年1月10日"], "review"),
    # dates of the applicant's history, the signing date unread (under the seal): not the form's own date
    (_FORM_2023 + ["参加工作时间", "2008年7月", "任现职时间", "2019年6月", "本人2019年取得工程师资格，2023年度认真履职。",
                   "考核等次 合格"],
     "pass"),
])
def test_a_form_dated_before_its_year_ended_or_about_another_year_is_a_review(lines, status):
    from verify.read.dates import extract_dates

    form = page("annual_assessment", "a/kaohe2023.jpg", lines, seals=[our_seal()])
    form.dates = extract_dates(form.ocr, "annual_assessment")
    years = by_rule(run(replace(clean_pages(), "a/kaohe2023.jpg", ocr=form.ocr, dates=form.dates)), "assessment.years")
    assert [f.status for f in years if f.file == "a/kaohe2023.jpg"] == [status], [f.message for f in years]


def test_missing_retrieval_proof_is_a_review_when_an_unclassified_page_may_be_it():
    odd = page("other", "p/shoulu.jpg", ["论文收录情况", "题名 抚顺地区大气PM2.5来源解析研究 收录于 知网"])
    got = by_rule(run(drop(clean_pages(), "p/jiansuo.jpg") + [odd]), "paper.retrieval")
    assert [(f.status, f.file) for f in got] == [("review", "p/shoulu.jpg")]
    assert statuses(run(drop(clean_pages(), "p/jiansuo.jpg")), "paper.retrieval") == ["fail"]


def test_missing_journal_cover_is_a_review_when_an_unclassified_page_may_be_it():
    # a cover photographed in part: its title and imprint, the ISSN and CN not read
    odd = page("other", "p/cover-part.jpg", ["环境保护与循环经济", "主管 辽宁省生态环境厅", "主办 辽宁省环境科学学会"])
    got = by_rule(run(drop(clean_pages(), "p/cover.jpg") + [odd]), "journal.issn")
    assert [(f.status, f.file) for f in got] == [("review", "p/cover-part.jpg")]
    assert statuses(run(drop(clean_pages(), "p/cover.jpg")), "journal.issn") == ["fail"]


def test_no_seal_or_signature_on_a_form_that_may_be_a_kind_needing_neither_is_a_review():
    """A form read as a recommendation form (11.3) on evidence nearly as strong for an
    evaluation form (8.3), which needs no seal and no signature: without a seal and
    with its signature field blank it is a review, not two fails."""
    blank = SignatureField("单位负责人签字", (100, 1700, 300, 1750), (300, 1680, 700, 1780), "blank", 0.9)
    odd = ["评审表", "单位推荐意见", "姓名 张伟"]
    findings = run(replace(clean_pages(), "a/tuijian.jpg", ocr=page("x", "x", odd).ocr, seals=[], signatures=[blank]))
    assert [f.status for f in by_rule(findings, "seal.present") if f.file == "a/tuijian.jpg"] == ["review"]
    assert [f.status for f in by_rule(findings, "signature.present") if f.file == "a/tuijian.jpg"] == ["review"]
    # the form titled as a recommendation form still fails both
    findings = run(replace(clean_pages(), "a/tuijian.jpg", seals=[], signatures=[blank]))
    assert [f.status for f in by_rule(findings, "seal.present") if f.file == "a/tuijian.jpg"] == ["fail"]
    assert [f.status for f in by_rule(findings, "signature.present") if f.file == "a/tuijian.jpg"] == ["fail"]


def test_a_form_titled_as_a_recommendation_form_fails_unsigned_though_it_shares_a_title_certificates_words():
    """专业技术职务任职资格推荐表 with 现资格名称 in its table: its 任职资格 and 资格名称 gave a
    title certificate evidence nearly as strong, and its blank 单位负责人 field was only a
    review (trust9 T01). Titled as a recommendation form, it fails; a spread beside a
    certificate's own title line is still a review."""
    blank = SignatureField("单位负责人（签字）：", (100, 1700, 300, 1750), (300, 1680, 700, 1780), "blank", 0.9)
    form = ["专业技术职务任职资格推荐表", "姓名 张伟 性别 男", "现资格名称 助理工程师 取得时间 2019.06", "单位负责人（签字）：", "（单位公章）"]
    findings = run(replace(clean_pages(), "a/tuijian.jpg", ocr=page("x", "x", form).ocr, signatures=[blank]))
    assert [f.status for f in by_rule(findings, "signature.present") if f.file == "a/tuijian.jpg"] == ["fail"]
    spread = form + ["专业技术资格证书"]
    findings = run(replace(clean_pages(), "a/tuijian.jpg", ocr=page("x", "x", spread).ocr, signatures=[blank]))
    assert [f.status for f in by_rule(findings, "signature.present") if f.file == "a/tuijian.jpg"] == ["review"]


@pytest.mark.parametrize("unit, aliases, status", [
    ("抚顺石化环保工程有限公司", [], "pass"),
    ("抚顺市生态环境监测站", ["抚顺市环境监测中心站"], "review"),  # a monitoring station claimed 企业 (probe alt11)
    # an enterprise-like alias does not bring the exemption back (probe alt23 F1: pass)
    ("抚顺市生态环境监测站", ["抚顺石化环保有限公司"], "review"),
    # the mirror: a company's name claimed beside the 事业单位 whose seals the pages carry (hostile exploration 12: pass)
    ("抚顺市石化环保科技有限公司", ["抚顺市生态环境监测站"], "review"),
    ("抚顺石化环保工程有限公司", ["抚顺石化环保工程集团"], "pass"),  # a company's other name: an enterprise's
])
def test_enterprise_applicant_is_exempt_from_publication_rules(unit, aliases, status):
    app = applicant(unit_kind="enterprise", unit=unit, unit_aliases=aliases)
    pages = [p for p in clean_pages() if p.kind not in ("journal_cover", "paper", "retrieval_proof")]
    findings = run(pages, app)
    for rule in ("journal.issn", "journal.cn", "journal.registered", "paper.retrieval"):
        assert statuses(findings, rule) == [status], rule
        assert "企业" in by_rule(findings, rule)[0].message


@pytest.mark.parametrize("cn, status", [([], "pass"), (["CN(HK) 1234-5678"], "fail"), (["CN 21-1556/X"], "pass")])
def test_an_enterprise_applicants_journal_cn_is_judged_when_printed(cn, status):
    """No CN printed on an enterprise applicant's journal pages passes with the exemption's
    note (the paper need not be published); a CN printed is judged as anyone's."""
    app = applicant(unit_kind="enterprise", unit="抚顺石化环保工程有限公司", unit_aliases=[])
    [f] = by_rule(run(replace(clean_pages(), "p/cover.jpg", cn=cn), app), "journal.cn")
    assert f.status == status, f.message
    assert ("企业" in f.message) == (not cn)


@pytest.mark.parametrize("lines, issn, cn, rule", [
    # a spaced full-width ISSN with a digit lost by OCR (ISSN １００４－６２１６ read 「ISSN １00-6２１6」: trust10, R01)
    (["环境保护与循环经济", "ISSN １00-6２１6", "CN 21-1556/X"], [], ["CN 21-1556/X"], "journal.issn"),
    (["环境保护与循环经济", "ISSN 1674-1021", "CN 21-15/X"], ["1674-1021"], [], "journal.cn"),  # two digits lost
])
def test_a_label_with_a_damaged_number_is_review_not_a_missing_number(lines, issn, cn, rule):
    """The journal page prints the number's label and a number OCR damaged past reading:
    no sure absence (it failed as 期刊页上未见 ISSN on a real journal's cover); a page
    printing no such label still fails."""
    cover = page("journal_cover", "p/cover.jpg", [*lines, "2022年第5期"], issn=issn, cn=cn, dates=[d("2022-05", "publication")])
    [f] = by_rule(run(replace_page(clean_pages(), cover)), rule)
    assert f.status == "review" and "未能识别" in f.message and f.file == "p/cover.jpg", f.message
    bare = page("journal_cover", "p/cover.jpg", ["环境保护与循环经济", "www.hjbh.cn", "2022年第5期"], dates=[d("2022-05", "publication")])
    [f] = by_rule(run(replace_page(clean_pages(), bare)), rule)
    assert f.status == "fail" and "未见" in f.message, f.message


def test_an_online_first_paper_without_a_cover_is_review_not_a_missing_cover():
    """CNKI's 网络首发 page of the claimed paper in place of a cover: the paper has no issue
    yet, so no cover to miss; whether online-first counts as published is the desk's call
    (it failed journal.issn and journal.cn as 未找到刊载期刊的封面: trust10, R09)."""
    notice = page("other", "p/wlsf.jpg", ["网络首发论文", "题目：抚顺地区大气PM2.5来源解析研究", "作者：张伟，李明",
                                         "网络首发日期：2022-05-10", "引用格式：张伟，李明．抚顺地区大气PM2.5来源解析研究[J/OL]．环境保护与循环经济．"])
    pages = drop(clean_pages(), "p/cover.jpg") + [notice]
    for rule in ("journal.issn", "journal.cn"):
        [f] = by_rule(run(pages), rule)
        assert f.status == "review" and "网络首发" in f.message and f.file == "p/wlsf.jpg", f.message
    other = page("other", "p/wlsf.jpg", ["网络首发论文", "题目：沈阳市水环境质量评价", "网络首发日期：2022-05-10"])
    [f] = by_rule(run(drop(clean_pages(), "p/cover.jpg") + [other]), "journal.issn")
    assert f.status == "fail", f.message  # another paper's notice


def test_an_online_first_notice_printing_the_numbers_is_one_review_not_a_cover():
    """CNKI's 网络首发 notice prints the journal's ISSN and CN, so it is classified as a cover: the paper still has no
    issue. journal.issn says so (review), once; journal.cn's agreeing CN and the notice's own 网络首发日期 after the
    title pass (probe trust23 C15 passed journal.issn as a cover and reviewed evidence.after_title as 期刊页未识别到
    出版日期)."""
    notice = page("journal_cover", "p/wlsf.jpg", ["网络首发论文", "题目：抚顺地区大气PM2.5来源解析研究", "作者：张伟，李明",
                                                 "收稿日期：2022-01-06", "网络首发日期：2022-05-10",
                                                 "引用格式：张伟，李明．抚顺地区大气PM2.5来源解析研究[J/OL]．环境保护与循环经济．",
                                                 "环境保护与循环经济 ISSN 1674-1021 CN 21-1556/X"],
                  issn=["1674-1021"], cn=["CN 21-1556/X"], dates=[d("2022-01-06", "received"), d("2022-05-10", "received")])
    found = run(drop(clean_pages(), "p/cover.jpg") + [notice])
    [f] = by_rule(found, "journal.issn")
    assert f.status == "review" and "网络首发" in f.message and f.file == "p/wlsf.jpg", f.message
    [f] = by_rule(found, "journal.cn")
    assert f.status == "pass", f.message
    [f] = [x for x in by_rule(found, "evidence.after_title") if "论文" in x.message]
    assert f.status == "pass" and "2022-05-10" in f.message, f.message
    early = page("journal_cover", "p/wlsf.jpg", notice.ocr.text.replace("2022-05-10", "2019-05-10").splitlines(),
                 issn=["1674-1021"], cn=["CN 21-1556/X"], dates=[d("2019-01-06", "received"), d("2019-05-10", "received")])
    [f] = [x for x in by_rule(run(drop(clean_pages(), "p/cover.jpg") + [early]), "evidence.after_title") if "论文" in x.message]
    assert f.status != "pass", f.message  # online before the title: not passed on the notice


def test_a_paper_in_a_book_with_an_isbn_fails_as_no_journal():
    """A 论文集 handed in as a journal: no cover, its CIP page printing the claimed name and an ISBN. It is a book,
    not a journal (no ISSN, no CN to find): fail naming the ISBN, not a review of a page that may be a cover
    (probe trust23 P09); an ISBN page of another book (the applicant's monograph) leaves the missing cover as it was."""
    book = "2022中国环境科学学会科学技术年会论文集"
    app = applicant(papers=[{"title": "抚顺地区大气PM2.5来源解析研究", "journal": book, "date": "2022-10"}])
    cip = page("other", "p/cip.jpg", ["图书在版编目（CIP）数据", f"{book}/中国环境科学学会编．一北京：中国环境出版集团，2022.10",
                                      "ISBN 978-7-5111-5234-3", "中国版本图书馆CIP数据核字（2022）第186243号"])
    pages = drop(clean_pages(), "p/cover.jpg") + [cip]
    for rule in ("journal.issn", "journal.cn"):
        [f] = by_rule(run(pages, app), rule)
        assert f.status == "fail" and "ISBN 978-7-5111-5234-3" in f.message and f.file == "p/cip.jpg", f.message
    monograph = page("other", "p/cip.jpg", ["图书在版编目（CIP）数据", "抚顺市生态环境质量报告/张伟编．一北京：中国环境出版集团，2022.10",
                                            "ISBN 978-7-5111-5234-3"])
    [f] = by_rule(run(drop(clean_pages(), "p/cover.jpg") + [monograph], app), "journal.issn")
    assert "ISBN" not in f.message, f.message


def test_a_claimed_issn_typed_with_two_digits_swapped_fails_naming_the_printed_one():
    """The claim's ISSN fails its check digit; the page prints the journal's valid one, two
    digits swapped: still a fail (the claim is wrong), but the message names what the page
    prints, so the desk corrects the claim instead of doubting the journal (trust10, R11)."""
    from stdnum import issn as stdnum_issn

    assert not stdnum_issn.is_valid("1674-1012")
    paper = {"title": "抚顺地区大气PM2.5来源解析研究", "journal": "环境保护与循环经济", "issn": "1674-1012", "cn": "21-1556/X",
             "date": "2022-05"}
    [f] = by_rule(run(clean_pages(), applicant(papers=[paper])), "journal.issn")
    assert f.status == "fail" and "1674-1021" in f.message and "录入错误" in f.message and f.file == "p/cover.jpg", f.message


def test_first_title_has_no_date_constraint():
    app = applicant(current_title=None)
    pages = drop(clean_pages(), "a/zc.jpg")
    findings = run(pages, app)
    assert statuses(findings, "evidence.after_title") == ["pass"]
    assert by_rule(findings, "title.date") == []


def _paper_after(*dates, cover=True):
    """evidence.after_title's findings for the paper, its page carrying ``dates``."""
    pages = replace(clean_pages(), "p/paper.jpg", dates=list(dates))
    if not cover:
        pages = replace(pages, "p/cover.jpg", dates=[])
    return [f for f in by_rule(run(pages), "evidence.after_title") if f.file in ("p/cover.jpg", "p/paper.jpg", None)
            and "论文" in f.message]


def test_a_paper_whose_running_head_prints_an_issue_before_the_title_is_review():
    """probe alt13 a08: the paper's own running head says 2018年第5期 (before the title,
    2019-06-30), the attached cover 2022年第5期 as claimed; the cover's date passed."""
    head = DateMention(PartialDate(2018, 3, month_hi=10), "2018年第5期", (300, 116, 540, 160), "publication")
    [f] = _paper_after(head, d("2018-03-10", "received"))
    assert f.status == "review" and f.file == "p/paper.jpg" and f.bbox == head.bbox and f.value == "2018年第5期"
    assert "正文页眉刊期为2018年第5期，不晚于现职称取得时间 2019-06-30，与封面2022-05不一致，请人工核对论文实际发表时间" in f.message
    # the cover's date unread: held to the claim, which is no better evidence
    [f] = _paper_after(head, cover=False)
    assert f.status == "review" and "与申报填写的2022-05不一致" in f.message
    # a running foot too
    foot = DateMention(PartialDate(2018, 5), "2018年第5期", (300, 2200, 540, 2240), "publication")
    [f] = _paper_after(foot)
    assert f.status == "review" and "正文页脚刊期为2018年第5期" in f.message


@pytest.mark.parametrize("dates", [
    [],  # no running head
    [d("2022-05", "publication", "2022年第5期")],  # the running head agrees with the cover
    [d("2021-12", "publication", "2021年第12期")],  # another year, after the title too
    [d("2018-03-10", "received")],  # received before the title, published after: the rule
    [DateMention(PartialDate(2018, 5), "2018年第5期", (300, 1200, 540, 1240), "publication")],  # cited in the body
])
def test_a_paper_page_that_does_not_contradict_its_cover_changes_nothing(dates):
    [f] = _paper_after(*dates)
    assert f.status == "pass" and f.file == "p/cover.jpg"


def _cover_after(*dates, issn=("1674-1021",), cn=("CN 21-1556/X",)):
    """evidence.after_title's finding for the paper, its cover (环境保护与循环经济, 月刊 in
    the registry; the title 2019-06-30) carrying ``dates`` and the numbers given."""
    pages = replace(clean_pages(), "p/cover.jpg", dates=list(dates), issn=list(issn), cn=list(cn))
    [f] = [f for f in by_rule(run(pages), "evidence.after_title") if "论文" in f.message]
    return f


def issue(year, n, month=None):
    """An issue number on a cover as read without a periodicity (2019年第5期: 2019-03/10)."""
    from verify.read.dates import parse_date

    return DateMention(parse_date(f"{year}年第{n}期"), f"{year}年第{n}期", (400, 300, 700, 350), "publication")


@pytest.mark.parametrize("dates, status", [
    ([issue(2019, 5), d("2019-05", "publication", "2019年5月")], "fail"),  # P02: the month beside the issue
    ([issue(2019, 7), d("2019-07", "publication", "2019年7月")], "pass"),  # C14
    ([d("2019-05", "publication", "2019年5月"), issue(2019, 5)], "fail"),
])
def test_a_paper_is_judged_on_the_month_its_cover_prints_beside_the_issue(dates, status):
    """Trust exploration 7, P02 (and C14): the cover printed 2021年第6期 and 2021年6月
    出版; the paper was judged on the issue read as 2021-03/12, 精度不足, a review where
    the month printed beside it fails it (and passes its mirror a month after the title)."""
    f = _cover_after(*dates, issn=(), cn=())
    assert f.status == status and f.value.endswith("月") and "推算" not in f.message


@pytest.mark.parametrize("n, status", [(5, "fail"), (6, "review"), (7, "pass")])
def test_an_issue_number_alone_is_read_by_the_registered_frequency(n, status):
    """Trust exploration 7, P02: an issue number alone of a 月刊 is its month; the title
    2019-06-30, issue 6 (June) still cannot be told from it."""
    f = _cover_after(issue(2019, n))
    assert f.status == status and f.value == f"2019年第{n}期"
    assert f"2019-0{n}（“2019年第{n}期”按登记库所载刊期“月刊”推算）" in f.message


def test_the_periodicity_a_cover_prints_comes_before_the_registrys():
    """A cover printing 双月刊 (the registry's 月刊 may be out of date): its issue 1 is
    January–February as the page says, not January as the registry would have it."""
    from verify.read.dates import parse_date

    first = DateMention(parse_date("2019年第1期", "bimonthly"), "2019年第1期", (400, 300, 700, 350), "publication")
    pages = replace(clean_pages(), "p/cover.jpg", dates=[first],
                    ocr=page("journal_cover", "p/cover.jpg", ["环境保护与循环经济", "双月刊", "2019年第1期"]).ocr)
    [f] = [f for f in by_rule(run(pages), "evidence.after_title") if "论文" in f.message]
    assert f.status == "fail" and "2019-01/02" in f.message and "推算" not in f.message


def test_an_issue_number_of_a_journal_no_registry_names_stays_a_range():
    f = _cover_after(issue(2019, 5), issn=(), cn=())
    assert f.status == "review" and "2019-03/10 精度不足" in f.message
    # numbers of two journals (a 套刊, another rule's): no one journal's frequency
    f = _cover_after(issue(2019, 5), issn=("1674-1021",), cn=("CN 11-2031/Q",))
    assert f.status == "review" and "精度不足" in f.message


def test_a_cover_month_that_contradicts_the_issue_is_review():
    """The month printed and the issue's registered month cannot be one (a misread
    digit): judged on either the paper falls on a different side of the title."""
    f = _cover_after(issue(2019, 5), d("2019-08", "publication", "2019年8月"))
    assert f.status == "review" and "“2019年8月”与“2019年第5期”" in f.message and "不一致" in f.message


def test_no_current_title_claimed_beside_a_title_certificate_is_review():
    """current_title left out, the dossier's own certificate showing one (probe alt11:
    an award dated before that title passed as a first application's)."""
    findings = run(clean_pages(), applicant(current_title=None))
    [f] = by_rule(findings, "evidence.after_title")
    assert f.status == "review" and f.file == "a/zc.jpg" and "2019-06-30" in f.message


@pytest.mark.parametrize("box, grade", [
    (["单位", "基本合格", "考核", "意见", "考核等次："], "基本合格"),  # written above its label (P22)
    (["经考核委员会研究，确定张伟同志2022年度考核等次为：基本合格"], "基本合格"),
    (["考核等次：", "优秀", "合格", "基本合格口不合格"], None),  # the choices printed, one ticked (P25)
])
def test_a_grade_below_pass_not_beside_its_label_is_still_a_review(box, grade):
    """Trust exploration 3, P22 and P25: silent passes. A 基本合格 written in the opinion box
    above the 考核等次 label, and one ticked among the printed choices, passed."""
    form = page("annual_assessment", "a/kaohe2022.jpg", ["年度考核登记表", "姓名 张伟 性别 男", *box],
                dates=[d("2022", "assessment_year")], seals=[our_seal()])
    pages = [form if p.file == "a/kaohe2022.jpg" else p for p in clean_pages()]
    [f] = [f for f in by_rule(run(pages), "assessment.years") if f.file == "a/kaohe2022.jpg"]
    assert f.status == "review"
    assert (f"考核等次为「{grade}」" if grade else "以勾选方式填写") in f.message


def _ticked_form(mark, *box):
    """A 2022 form printing its grades as choices, the mark read from its pixels ``mark``."""
    form = page("annual_assessment", "a/kaohe2022.jpg", ["年度考核登记表", "姓名 张伟 性别 男", *box,
                                                         "考核等次", "优秀口", "合格", "基本合格", "不合格口"],
                dates=[d("2022", "assessment_year")], seals=[our_seal()])
    if mark:
        form.fields["grade_mark"] = mark
    pages = [form if p.file == "a/kaohe2022.jpg" else p for p in clean_pages()]
    [f] = [f for f in by_rule(run(pages), "assessment.years") if f.file == "a/kaohe2022.jpg"]
    return f


@pytest.mark.parametrize("box", [(), ("该同志工作认真负责。建议考核等次为合格。",), ("单位意见：同意评为合格等次",),
                                 ("注：考核等次：优秀、合格、基本合格、不合格。",)])
def test_a_grade_in_prose_beside_printed_choices_does_not_decide(box):
    """Trust exploration 8, P20: 「建议考核等次为合格」 in the leader's comment passed a form
    whose unit ticked 基本合格☑. Beside printed choices only the mark decides: unread, review."""
    f = _ticked_form(None, *box)
    assert f.status == "review" and "以勾选方式填写" in f.message


@pytest.mark.parametrize("mark", ["基本合格", "不合格"])
def test_a_ticked_grade_below_pass_is_a_review(mark):
    f = _ticked_form(mark, "建议考核等次为合格。")
    assert f.status == "review" and f"勾选为「{mark}」" in f.message and f.value == mark


@pytest.mark.parametrize("mark", ["合格", "优秀"])
def test_a_ticked_grade_of_pass_passes(mark):
    """Trust exploration 8, C01–C03, C19: every form with a checkbox grade was a review."""
    assert _ticked_form(mark, "注：考核等次：优秀、合格、基本合格、不合格。").status == "pass"


def assessment_table(*rows, head=("序号", "考核年度", "考核结果", "备注"), extra=()):
    """The unit's table of several years' results in place of the three forms: each row
    ``(year, grade)`` a row of cells side by side, as a scan reads them."""
    cells = [["专业技术人员年度考核情况证明"], ["经查阅本单位人事档案，张伟同志近五年年度考核情况如下："], list(head),
             *[[str(i), f"{y}年度", *([g] if g else []), "已存档"] for i, (y, g) in enumerate(rows, 1)], *[[t] for t in extra],
             ["以上情况属实，特此证明。"], [UNIT], ["2024年10月15日"]]
    lines = [OcrLine(t, ((100 + 300 * j, 100 + 60 * i), (350 + 300 * j, 100 + 60 * i), (350 + 300 * j, 140 + 60 * i),
                         (100 + 300 * j, 140 + 60 * i)), 0.99, k)
             for k, (i, j, t) in enumerate((i, j, t) for i, row in enumerate(cells) for j, t in enumerate(row))]
    from verify.read.dates import extract_dates

    ocr = OcrPage(width=1654, height=2339, engine="test", lines=lines)
    table = PageRead(file="a/kaohe.jpg", page=1, ocr=ocr, kind="annual_assessment", kind_score=0.9,
                     dates=extract_dates(ocr, "annual_assessment"), seals=[our_seal()])
    return [p for p in clean_pages() if not p.file.startswith("a/kaohe")] + [table]


def test_a_table_of_years_results_stands_for_the_forms():
    """Trust exploration 7, C3: the unit's 年度考核情况证明, 2019–2023 all 合格 under its seal,
    was read as an achievement proof and asked about three times."""
    findings = run(assessment_table(*[(y, "合格") for y in range(2019, 2024)]))
    got = by_rule(findings, "assessment.years")
    assert [(f.status, f.expected) for f in got] == [("pass", "2021"), ("pass", "2022"), ("pass", "2023")]
    assert "年度考核情况证明载明 2022 年度考核等次为「合格」" in got[1].message and got[1].file == "a/kaohe.jpg"
    assert [f for f in findings if f.status != "pass"] == []  # one seal for the table: no spread of two forms


def test_a_year_the_table_does_not_list_fails():
    """Trust exploration 7, P14: the table lists 2018–2022; 2023 was a review, not a fail."""
    got = by_rule(run(assessment_table(*[(y, "合格") for y in range(2018, 2023)])), "assessment.years")
    assert [(f.status, f.expected) for f in got] == [("pass", "2021"), ("pass", "2022"), ("fail", "2023")]
    assert "缺少 2023 年度考核表：年度考核情况证明所列年度为 2018、2019、2020、2021、2022，无 2023 年度" in got[2].message


def test_a_year_the_table_prints_but_no_row_was_read_for_is_review():
    got = by_rule(run(assessment_table((2021, "合格"), (2022, "合格"), extra=["（考核期间：2021年—2023年）"])), "assessment.years")
    assert [f.status for f in got] == ["pass", "pass", "review"] and "未能识别该年度的考核结果" in got[2].message


@pytest.mark.parametrize("grade, status, said", [
    ("基本合格", "review", "所列 2022 年度考核等次为「基本合格」"),  # P06: never mentioned
    ("不合格", "review", "所列 2022 年度考核等次为「不合格」"),
    (None, "review", "列有 2022 年度，但未能识别其考核等次"),
])
def test_a_table_row_below_pass_or_without_a_grade_is_review(grade, status, said):
    """Trust exploration 7, P06: the table's 2022年度 基本合格 got the generic reviews."""
    got = by_rule(run(assessment_table((2021, "合格"), (2022, grade), (2023, "合格"))), "assessment.years")
    [f] = [f for f in got if f.expected == "2022"]
    assert f.status == status and said in f.message


def form_of(year, grade):
    return page("annual_assessment", f"a/kaohe{year}.jpg", ["年度考核登记表", "姓名 张伟 性别 男", f"考核等次 {grade} 单位意见（盖章）"],
                dates=[d(str(year), "assessment_year")], seals=[our_seal()])


@pytest.mark.parametrize("form, row, status", [
    ("合格", "基本合格", "review"),  # the table's 基本合格 was never compared with the form's 合格
    ("优秀", "合格", "review"),
    ("合格", "合格", "pass"),
    ("称职", "合格", "pass"),  # a 公务员 form's 称职 is the table's 合格
])
def test_a_table_row_and_a_form_of_the_same_year_are_compared(form, row, status):
    """A table row giving 基本合格 for 2022 beside a 2022 form giving 合格 passed on the form
    alone: two documents that disagree on a year's grade are a review naming both."""
    pages = assessment_table((2021, "合格"), (2022, row), (2023, "合格")) + [form_of(2022, form)]
    [f] = [f for f in by_rule(run(pages), "assessment.years") if f.expected == "2022" or f.value == "2022"]
    assert f.status == status, f.message
    if status == "review":
        assert f"「{form}」" in f.message and f"「{row}」" in f.message and "a/kaohe2022.jpg" in f.message, f.message


def test_a_low_form_beside_a_table_row_of_pass_names_the_tables_grade():
    pages = assessment_table((2021, "合格"), (2022, "合格"), (2023, "合格")) + [form_of(2022, "基本合格")]
    [f] = [f for f in by_rule(run(pages), "assessment.years") if f.expected == "2022"]
    assert f.status == "review" and "「基本合格」" in f.message and "年度考核情况证明所列为「合格」" in f.message, f.message


def test_a_table_of_years_is_read_once_a_dossier(monkeypatch):
    """table_rows was called by assessment.years and again by seal.present for the same page."""
    from collections import Counter

    import verify.rules.assessment_years as ay

    calls: Counter = Counter()
    real = ay.table_rows

    def counted(p):
        calls[p.file] += 1
        return real(p)

    monkeypatch.setattr(ay, "table_rows", counted)
    run(assessment_table(*[(y, "合格") for y in range(2019, 2024)]))
    assert calls["a/kaohe.jpg"] == 1, calls


def test_a_form_whose_summary_starts_lines_with_years_is_no_table():
    """A 2023 form whose summary lines begin 2021年度考核优秀 / 2022年度考核合格 is that
    year's form, not the unit's table of years (:func:`table_rows` reads cells of a
    grade alone)."""
    form = page("annual_assessment", "a/kaohe2023.jpg", ["年度考核登记表", "考核年度 2023 考核结果 合格", "2021年度考核优秀",
                                                         "2022年度考核合格", "姓名 张伟 性别 男", "考核等次 合格 单位意见（盖章）"],
                dates=[d("2023", "assessment_year")], seals=[our_seal()])
    got = by_rule(run(replace_page(clean_pages(), form)), "assessment.years")
    assert [(f.status, f.expected or f.value) for f in got] == [("pass", "2021"), ("pass", "2022"), ("pass", "2023")], got


def replace_page(pages, new):
    return [new if p.file == new.file else p for p in pages]


def test_a_page_that_only_names_a_years_form_is_not_that_form():
    """Hostile exploration 2, P4: a plain page reading 「2022年度考核表 已提交」 stood in
    for the missing 2022 form (and, with a drawn seal and a name line, passed every rule)."""
    note = page("annual_assessment", "a/kaohe2022.jpg", ["2022年度考核表 已提交", "姓名：张伟"],
                dates=[d("2022", "assessment_year")], seals=[our_seal()])
    pages = [note if p.file == "a/kaohe2022.jpg" else p for p in clean_pages()]
    got = [f for f in by_rule(run(pages), "assessment.years") if f.value == "2022"]
    assert [f.status for f in got] == ["review"] and "未见考核表的栏目" in got[0].message


def test_no_current_title_claimed_beside_a_form_printing_its_date_is_review():
    """Hostile exploration 2, P3: current_title and the certificate left out, the
    推荐表 printing 现职称及取得时间 2016.9.16; a 2014 award passed as a first
    application's. A form printing only an education's date says nothing of a title."""
    titled = DateMention(PartialDate(2016, 9, 16), "2016.9.16", (700, 450, 830, 480), "title_date")
    pages = replace(drop(clean_pages(), "a/zc.jpg"), "a/tuijian.jpg", dates=[titled])
    [f] = by_rule(run(pages, applicant(current_title=None)), "evidence.after_title")
    assert f.status == "review" and f.file == "a/tuijian.jpg" and "2016.9.16" in f.message and f.bbox == titled.bbox
    studied = DateMention(PartialDate(2015, 7), "2015.07", (700, 450, 830, 480), "study")
    pages = replace(drop(clean_pages(), "a/zc.jpg"), "a/tuijian.jpg", dates=[studied])
    assert statuses(run(pages, applicant(current_title=None)), "evidence.after_title") == ["pass"]


def test_a_title_under_a_key_no_field_reads_is_no_first_title():
    """applicant.yaml giving the title as 取得现职称时间: 2019-06-30 (a key no field reads) was
    dropped unread: the applicant counted as applying for a first title and achievements
    dated before the title passed, the certificate taken out as well (probe trust13). Such a
    key is a review; the title applied for (申报职称) or another date is not."""
    pages = drop(clean_pages(), "a/zc.jpg")
    for key in ("取得现职称时间", "现职称取得时间", "资格取得时间"):
        app = applicant(current_title=None, **{key: "2019-06-30"})
        assert app.unread_keys == (key,)
        [f] = by_rule(run(pages, app), "evidence.after_title")
        assert f.status == "review" and f"「{key}」" in f.message, f.message
    for key in ("申报职称", "取得学历时间", "备注"):
        assert statuses(run(pages, applicant(current_title=None, **{key: "x"})), "evidence.after_title") == ["pass"]


def test_a_crashing_rule_is_review_not_pass(monkeypatch):
    import verify.rules.seal_present as mod

    monkeypatch.setattr(mod, "check", lambda d: 1 / 0)
    findings = run(clean_pages())
    assert statuses(findings, "seal.present") == ["review"]


def test_possible_seal_that_reads_as_the_unit_counts_as_present():
    gray = SealMark((1, 1, 50, 50), 0.6, color="dark", certain=False, text=UNIT, unit_match="unit")
    findings = run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[gray]))
    assert statuses(findings, "seal.present") == ["pass"]


def test_title_certificate_issue_date_is_not_the_title_date():
    pages = replace(clean_pages(), "a/zc.jpg", dates=[d("2019-07-15", "issue")])
    assert statuses(run(pages), "title.date") == ["review"]


def test_forms_with_their_own_titles_in_one_file_are_separate_documents():
    """Three annual forms in one TIFF: the unsealed one fails even though its
    neighbours carry seals."""
    pages = [p for p in clean_pages() if p.kind != "annual_assessment"]
    forms = [page("annual_assessment", "a/kaohe.tif", ["年度考核登记表", "姓名 张伟"], dates=[d(str(y), "assessment_year")],
                  seals=[] if y == 2022 else [our_seal()], page_no=i) for i, y in enumerate((2021, 2022, 2023), 1)]
    findings = run(pages + forms)
    bad = [f for f in by_rule(findings, "seal.present") if f.status == "fail"]
    assert [(f.file, f.page) for f in bad] == [("a/kaohe.tif", 2)]


@pytest.mark.parametrize("own_too", [False, True])
def test_a_years_only_form_naming_another_person_is_no_form_of_the_applicants(own_too):
    """Probe trust20, P06: a colleague's 2022 form filed in place of the applicant's stood for 2022 (identity.name
    failed the page, but the year read as handed in). Beside the applicant's own form of the year it changes nothing."""
    stranger = page("annual_assessment", "a/kaohe2022b.jpg", ["年度考核登记表", "姓名 王建军 性别 男", "考核等次 合格 单位意见（盖章）"],
                    dates=[d("2022", "assessment_year")], seals=[our_seal()], names=["王建军"])
    pages = [p for p in clean_pages() if own_too or p.file != "a/kaohe2022.jpg"] + [stranger]
    found = [f for f in by_rule(run(pages), "assessment.years") if "2022" in (f.expected, f.value)]
    assert [f.status for f in found] == (["pass"] if own_too else ["review"]), found
    if not own_too:
        assert "王建军" in found[0].message and "张伟" in found[0].message


def test_continuation_page_joins_its_document():
    p1 = page("recommendation_form", "a/form.pdf", ["推荐表", "姓名 张伟"], page_no=1)
    p2 = page("recommendation_form", "a/form.pdf", ["单位推荐意见"], seals=[our_seal()], signatures=[signed()], page_no=2)
    p2.continues_previous = True
    pages = [p for p in clean_pages() if p.kind != "recommendation_form"] + [p1, p2]
    assert statuses(run(pages), "seal.present") == ["pass"]


def test_a_second_page_classified_as_its_form_itself_joins_it_unless_it_has_its_own_title():
    """A two-page recommendation form whose second page (单位推荐意见, the signature and
    the seal) reads as a recommendation form too (probe alt8: three reviews on each of
    four clean applicants, the first page judged alone); forms with their own titles, or
    another assessment year, stay apart."""
    from verify.run.pipeline import join_continuations

    p1 = page("recommendation_form", "a/form.pdf", ["专业技术资格报评推荐表", "姓名 张伟"], page_no=1)
    p2 = page("recommendation_form", "a/form.pdf", ["单位推荐意见", "同意推荐", "单位负责人（签字）："],
              seals=[our_seal()], signatures=[signed()], page_no=2)
    join_continuations([p1, p2], applicant())
    pages = [p for p in clean_pages() if p.kind != "recommendation_form"] + [p1, p2]
    findings = run(pages)
    assert [statuses(findings, r) for r in ("seal.present", "seal.unit", "signature.present")] == [["pass"]] * 3
    forms = [page("annual_assessment", "a/kaohe.tif", ["考核意见", "姓名 张伟"], dates=[d(str(y), "assessment_year")],
                  seals=[] if y == 2022 else [our_seal()], page_no=i) for i, y in enumerate((2021, 2022), 1)]
    join_continuations(forms, applicant())
    assert not forms[1].continues_previous  # another year: another form, though untitled


@pytest.mark.parametrize("second_kind", ["recommendation_form", "other"])
def test_a_blank_sheet_between_a_forms_pages_does_not_cut_the_form(second_kind):
    """One-sided pages scanned in duplex mode: a blank back after every page, between a 推荐表's first page and its
    second (单位推荐意见, the seal, the signature) too (probe trust20, C15/C16: the first page judged alone failed
    seal.present on clean dossiers). Blank sheets are passed over, the second page continues the first, whether it
    reads as the form itself or as nothing."""
    from verify.run.pipeline import join_continuations

    p1 = page("recommendation_form", "a/all.pdf", ["专业技术资格报评推荐表", "姓名 张伟"], page_no=4)
    back = page("other", "a/all.pdf", [], page_no=5)
    back.kind_score = 0.0
    p2 = page(second_kind, "a/all.pdf", ["单位推荐意见", "同意推荐", "单位负责人（签字）："],
              seals=[our_seal()], signatures=[signed()], page_no=6)
    back2 = page("other", "a/all.pdf", [], page_no=7)
    join_continuations([p1, back, p2, back2], applicant())
    assert p2.continues_previous and p2.kind == "recommendation_form"
    pages = [p for p in clean_pages() if p.kind != "recommendation_form"] + [p1, back, p2, back2]
    findings = run(pages)
    assert [statuses(findings, r) for r in ("seal.present", "seal.unit", "signature.present")] == [["pass"]] * 3
    # a page of the file missing from its reads (not read) between them is no blank sheet: the pages stay apart
    q1 = page("recommendation_form", "a/all.pdf", ["专业技术资格报评推荐表", "姓名 张伟"], page_no=4)
    q2 = page(second_kind, "a/all.pdf", ["单位推荐意见", "同意推荐"], seals=[our_seal()], signatures=[signed()], page_no=6)
    join_continuations([q1, q2], applicant())
    assert not q2.continues_previous


@pytest.mark.parametrize("born, status", [("1988-05-12", "pass"), ("1988-05-21", "review"), ("1988-05", "pass")])
def test_an_id_card_whose_printed_birth_date_is_not_its_numbers_is_review(born, status):
    """出生 1992年8月12日 printed on a card whose number says 19920821 (probe alt10: passed)."""
    [f] = by_rule(run(replace(clean_pages(), "a/id.jpg", dates=[d(born, "birth")])), "identity.id_number")
    assert f.status == status and "19880512" not in f.message


def test_title_date_read_coarser_than_the_claim_passes_with_what_was_read():
    pages = replace(clean_pages(), "a/zc.jpg", dates=[d("2019-06", "title_date", "2019年6月30H")])
    [f] = by_rule(run(pages), "title.date")
    assert f.status == "pass" and "2019年6月30H" in f.message and "精确到月" in f.message


def test_two_title_dates_apart_are_review_even_when_one_agrees():
    """Two title dates that cannot be one day, neither singled out by its label: one
    agreeing with the claim is no pass (probe alt13 a06 passed on dated[0])."""
    pages = replace(clean_pages(), "a/zc.jpg", dates=[d("2019-06-30", "title_date", "2019年6月30日"),
                                                      d("2020-12-25", "title_date", "2020年12月25日")])
    [f] = by_rule(run(pages), "title.date")
    assert f.status == "review" and "2019年6月30日" in f.message and "2020年12月25日" in f.message
    # a coarser reading of the same date is no disagreement
    pages = replace(clean_pages(), "a/zc.jpg", dates=[d("2019-06-30", "title_date"), d("2019-06", "title_date")])
    assert statuses(run(pages), "title.date") == ["pass"]


def test_publicity_ranges_that_disagree_on_the_verdict_are_review_naming_both():
    """Two ranges marked as the publicity (no 公示 label told them apart): 7 and 2
    working days, against a minimum of 5 (probe alt13 a01 passed on the first)."""
    two = [d("2024-09-02", "publicity_start"), d("2024-09-10", "publicity_end"),
           d("2024-09-12", "publicity_start"), d("2024-09-13", "publicity_end")]
    [f] = on_page("a/gongshi.jpg", "publicity.duration", dates=two)
    assert f.status == "review" and "2024-09-02 至 2024-09-10" in f.message and "2024-09-12 至 2024-09-13" in f.message
    # both short, or both long enough: the verdict does not hang on which it is
    both_short = [d("2024-09-12", "publicity_start"), d("2024-09-13", "publicity_end"),
                  d("2024-09-18", "publicity_start"), d("2024-09-19", "publicity_end")]
    assert [f.status for f in on_page("a/gongshi.jpg", "publicity.duration", dates=both_short)] == ["fail"]
    both_long = [d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end"),
                 d("2024-10-14", "publicity_start"), d("2024-10-21", "publicity_end")]
    assert [f.status for f in on_page("a/gongshi.jpg", "publicity.duration", dates=both_long)] == ["pass"]


def test_an_unread_title_date_points_at_its_field():
    """Base bench A007-025: a gray seal's character over the month of 2016.2.16; every reading
    of the field lost it (201616), so the review stands, and it points at the field the claim
    check read (the label's row), not at nothing."""
    from verify.read.confirm import Confirmation

    unsure = Confirmation("title_date", "2016-01-16", "", "unsure", None, "text", (632, 697, 1040, 745),
                          [("page", "", None, 0.0), ("original", None, None, 0.892)])
    [f] = by_rule(run(replace(clean_pages(), "a/zc.jpg", dates=[], confirmations=[unsure])), "title.date")
    assert f.status == "review" and tuple(f.bbox) == (632, 697, 1040, 745), f
    [f] = by_rule(run(replace(clean_pages(), "a/zc.jpg", dates=[])), "title.date")
    assert f.status == "review" and f.bbox is None


def test_title_date_read_as_a_year_only_is_review():
    pages = replace(clean_pages(), "a/zc.jpg", dates=[d("2019", "title_date", "2019年")])
    assert statuses(run(pages), "title.date") == ["review"]


def test_off_topic_paper_in_an_environmental_journal_goes_to_review():
    app = applicant(papers=[{"title": "高校篮球教学改革探析", "journal": "林业与环境科学", "issn": "2096-2053", "cn": "44-1723/S"}])
    findings = run(clean_pages(), app)
    assert statuses(findings, "paper.relevance") == ["review"]


@pytest.mark.parametrize("title", ["中国古典诗词中的月亮意象研究", "企业人力资源管理研究", "桥梁结构健康监测系统研究"])
def test_a_word_every_field_uses_does_not_make_a_paper_relevant(title):
    app = applicant(papers=[{"title": title, "journal": "环境保护与循环经济", "issn": "1674-1021", "cn": "21-1556/X"}])
    assert statuses(run(clean_pages(), app), "paper.relevance") == ["review"]


@pytest.mark.parametrize("title", ["垃圾渗滤液处理工程设计与运行", "城市热岛效应对臭氧生成的影响机理",
                                   "工业固体废物资源化利用技术探讨", "生态环境执法规范化管理研究",
                                   "地表水中氨氮测定方法比对研究", "城市污水处理厂污泥中多环芳烃的测定",
                                   # by a formula, as printed (trust exploration 6: a review on every clean dossier)
                                   "燃煤电厂SO₂与NOx协同控制技术应用研究"])
def test_a_field_word_beside_a_generic_one_is_relevant(title):
    app = applicant(papers=[{"title": title, "journal": "环境保护与循环经济", "issn": "1674-1021", "cn": "21-1556/X"}])
    assert statuses(run(clean_pages(), app), "paper.relevance") == ["pass"]


@pytest.mark.parametrize("specialty, status", [("量子力学", "review"), ("生态环境监测", "pass"),
                                               ("生态环境监测专业", "pass"), ("环境监测", "pass")])
def test_a_specialty_the_campaign_does_not_review_is_no_pass_on_the_related_fields(specialty, status):
    """specialty: 量子力学 passed an environmental paper on the campaign's related fields
    (hostile exploration 5). An applicant.yaml written the way users write it (环境监测,
    生态环境监测专业) names the campaign's specialty still: it is no error of the dossier."""
    app = applicant(specialty=specialty, papers=[{"title": "地表水中氨氮测定方法比对研究", "journal": "环境保护与循环经济",
                                                  "issn": "1674-1021", "cn": "21-1556/X"}])
    found = [f for f in run(clean_pages(), app) if f.rule == "paper.relevance"]
    assert [f.status for f in found] == [status], found
    if status == "review":
        assert "「量子力学」不是本批次的申报专业" in found[0].message, found[0].message


@pytest.mark.parametrize("title, status", [
    ("Ozone formation and air quality in Northeast China", "pass"),
    ("Source apportionment of PM2.5 in an old industrial city", "pass"),  # PM2.5, written so in any language
    ("Heavy Metal Contamination of Urban Soils", "pass"),
    ("A Study of Classical Chinese Poetry", "review"),
    # the English of the Chinese list's words (probe trust20: 氨氮, 总磷, 河流 passed, their English went to review)
    ("Spatiotemporal variation of ammonia nitrogen and total phosphorus in urban rivers of Fushun, China", "pass"),
    ("Key drivers of industrial growth in Northeast China", "review"),  # river in drivers, dust in industrial: no words
])
def test_an_english_title_names_its_field_in_english(title, status):
    """Trust exploration 3: every paper in an English-language journal went to review, the
    campaign's keywords being Chinese only."""
    app = applicant(papers=[{"title": title, "journal": "Environmental Pollution", "issn": "0269-7491"}])
    assert statuses(run(clean_pages(), app), "paper.relevance") == [status]


@pytest.mark.parametrize("authors, status", [("作者：赵立新，孙敏", "review"), ("作者：张伟，孙敏", "pass"), ("", "pass"),
                                             ("作者：张玮，孙敏", "review")])  # one character away: 王建国 for 王建军
def test_a_retrieval_proof_naming_the_paper_under_other_authors_is_review(authors, status):
    """The right title and journal, the authors 赵立新，孙敏 (probe alt10: passed)."""
    lines = ["检索证明", "抚顺地区大气PM2.5来源解析研究", *([authors] if authors else [])]
    pages = replace(clean_pages(), "p/jiansuo.jpg", ocr=page("retrieval_proof", "p/jiansuo.jpg", lines).ocr)
    assert statuses(run(pages), "paper.retrieval") == [status]


@pytest.mark.parametrize("state, status", [("confirmed", "pass"), ("contradicted", "review"), (None, "review")])
def test_a_proof_author_one_character_off_passes_where_the_line_read_again_shows_the_name(state, status):
    """欧阳晔 read 欧阳哗 on every proof was 「所列作者为他人」 while identity.name passed the same
    misread on seven forms, confirmed by reading the line again (trust exploration 7, 3a).
    Unconfirmed, it stays a review that says the name is one character off, not another's."""
    from verify.read.confirm import Confirmation

    proof = page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", "抚顺地区大气PM2.5来源解析研究", "作者：张玮，孙敏"],
                 names=["张玮"])
    if state is not None:
        proof.confirmations = [Confirmation("name", "张伟", "张玮", state, 0.0 if state == "confirmed" else -7.0, "reread",
                                            (0, 0, 9, 9))]
    got = by_rule(run(replace(clean_pages(), "p/jiansuo.jpg", ocr=proof.ocr, names=proof.names,
                              confirmations=proof.confirmations)), "paper.retrieval")
    assert [f.status for f in got] == [status]
    if status == "review":
        assert "相差一字" in got[0].message and "所列作者为他人" not in got[0].message


def test_retrieval_proof_with_a_doubtful_title_is_review(monkeypatch):
    import verify.read.claims as claims

    real = claims.match_papers

    def doubtful(app, pages):
        out = real(app, pages)
        for m in out:
            m.doubtful_retrieval_pages, m.retrieval_pages = m.retrieval_pages, []
        return out

    monkeypatch.setattr(claims, "match_papers", doubtful)
    assert statuses(run(clean_pages()), "paper.retrieval") == ["review"]


def test_a_crashed_seal_search_is_review_not_a_missing_seal():
    pages = replace(clean_pages(), "a/kaohe2021.jpg", seals=[], fields={"seal_search_failed": "ValueError"})
    mine = [f.status for f in by_rule(run(pages), "seal.present") if f.file == "a/kaohe2021.jpg"]
    assert mine == ["review"]


def test_a_copied_seal_with_its_star_is_present_and_a_bare_dark_ring_is_review():
    starred = SealMark((700, 600, 900, 800), 0.5, color="dark", certain=False, traits=("ring_text", "star"))
    bare = SealMark((700, 600, 900, 800), 0.5, color="dark", certain=False, traits=("ring_text",))
    for seal, want in ((starred, "pass"), (bare, "review")):
        mine = [f.status for f in on_page("a/kaohe2021.jpg", "seal.present", seals=[seal])]
        assert mine == [want], (seal.traits, mine)


def test_no_seal_found_on_a_gray_copy_is_review_not_a_missing_seal():
    """On a gray copy a worn seal over the text is a gray ring among gray print the
    search can miss (a 200 dpi copy of a publicity result failed a clean applicant):
    no seal found there is a review; on a colour page it still fails."""
    gray = on_page("a/kaohe2021.jpg", "seal.present", seals=[], fields={"seal_gray": "1"})
    assert [f.status for f in gray] == ["review"] and "灰度复印件" in gray[0].message, gray
    assert [f.status for f in on_page("a/kaohe2021.jpg", "seal.present", seals=[], fields={})] == ["fail"]


@pytest.mark.parametrize("ink, status", [("0.0068", "fail"), ("0.0751", "review"), (None, "review"), ("nan?", "review")])
def test_a_gray_copy_with_no_mark_off_its_print_shows_the_seal_missing(ink, status):
    """Base bench A011-003: a gray copy of a 技术报告 proof, nothing at its foot but the
    unit's name and the date, a red pen's ring round its title (0.007 of a seal-sized
    window in faint ink off the print): a person sees no seal, and seal.present said
    review for any gray copy. Where a seal could hide (A011-015: a faint seal the
    search missed, 0.075), or the measure was not made, the gray copy stays a review;
    the low-resolution review still comes first."""
    fields = {"seal_gray": "1"} | ({"seal_gray_ink": ink} if ink else {})
    got = on_page("a/kaohe2021.jpg", "seal.present", seals=[], fields=fields)
    assert [f.status for f in got] == [status], got
    if status == "fail":
        assert "灰度复印件，页面上除印刷文字外未见任何印迹" in got[0].message
        unit = [f.status for f in run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[], fields=fields))
                if f.rule == "seal.unit" and f.file == "a/kaohe2021.jpg"]
        assert unit == [], unit  # whose seal it is asks nothing where there is none
        low = on_page("a/kaohe2021.jpg", "seal.present", seals=[], fields=fields,
                      ocr=OcrPage(width=909, height=1286, engine="test"))
        assert [f.status for f in low] == ["review"], low


def test_no_seal_found_on_a_low_resolution_page_is_review_not_a_missing_seal():
    """Below about 120 dpi (a short side under 1000 px) a faint or worn seal is a few
    blurred pixels of ring the search may miss: no seal found there is no proof of
    absence. The same page at 150 dpi still fails."""
    low = on_page("a/kaohe2021.jpg", "seal.present", seals=[], ocr=OcrPage(width=909, height=1286, engine="test"))
    assert [f.status for f in low] == ["review"] and "分辨率较低（短边 909 像素）" in low[0].message, low
    ok = on_page("a/kaohe2021.jpg", "seal.present", seals=[], ocr=OcrPage(width=1240, height=1754, engine="test"))
    assert [f.status for f in ok] == ["fail"], ok


@pytest.mark.parametrize("field, said", [("seal_ink", "红色印迹"), ("seal_ring", "圆形印迹")])
def test_a_trace_of_a_seal_where_no_seal_was_found_is_review_not_a_missing_seal(field, said):
    """Red ink like a seal's (seal_ink), or a broken dark ring like one on a copy
    (seal_ring), where the search found no seal."""
    mine = on_page("a/kaohe2021.jpg", "seal.present", seals=[], fields={field: "700,600,900,800"})
    assert [f.status for f in mine] == ["review"] and tuple(mine[0].bbox) == (700, 600, 900, 800), mine
    assert said in mine[0].message


def test_the_pipeline_marks_seal_like_red_ink_only_where_no_seal_was_found(monkeypatch):
    import cv2
    import numpy as np

    from verify.run import pipeline

    page_image = np.full((1100, 800, 3), 255, np.uint8)
    cv2.circle(page_image, (560, 800), 80, (40, 40, 210), 6)
    cv2.putText(page_image, "SEAL", (495, 815), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (40, 40, 210), 3)
    import verify.marks.seals as seals
    import verify.marks.seals.candidates as candidates
    monkeypatch.setattr(candidates, "_seal_like", lambda traits, colour: None)  # a seal the search missed
    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, units, **kw: found)
    from ocr.model import OcrPage
    from verify.model import Applicant

    class Result:
        index, ocr, image = 1, OcrPage(width=800, height=1100), page_image

    read = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {})
    x0, y0, x1, y1 = map(int, read.fields[pipeline.SEAL_INK].split(","))
    assert x0 < 490 and x1 > 630 and y0 < 730 and y1 > 870
    Result.image = np.full((1100, 800, 3), 255, np.uint8)  # nothing red: a seal never stamped
    assert pipeline.SEAL_INK not in pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {}).fields


def test_a_cover_scanned_apart_from_the_contents_page_still_counts():
    toc = page("journal_toc", "p/toc.jpg", ["目 次", "抚顺地区大气PM2.5来源解析研究 ……… 12", "环境保护与循环经济"],
               dates=[d("2022-05", "publication")])
    findings = run(clean_pages() + [toc])
    assert statuses(findings, "journal.issn") == ["pass"]
    assert statuses(findings, "journal.cn") == ["pass"]


def test_an_implausibly_old_achievement_date_is_a_misread_for_review():
    pages = replace(clean_pages(), "p/award.jpg", dates=[d("1920-04-04", "issue")])
    mine = [f.status for f in by_rule(run(pages), "evidence.after_title") if f.file == "p/award.jpg"]
    assert mine == ["review"]


@pytest.mark.parametrize("where, status", [("100,100,400,150", "review"), ("100,900,400,950", "fail"), ("", "fail")])
def test_an_achievement_date_read_again_from_under_a_seal_never_fails_it(where, status):
    """二〇二一 under a seal's ring, read again with the seal's ink off, came out 二〇一一
    in every reading: a date found under a seal may pass an achievement, not fail it."""
    pages = replace(clean_pages(), "p/award.jpg", dates=[d("2011-12-22", "issue")], fields={"date_under_seal": where})
    mine = [f for f in by_rule(run(pages), "evidence.after_title") if f.file == "p/award.jpg"]
    assert [f.status for f in mine] == [status]
    if status == "review":
        assert "印章" in mine[0].message


def test_an_award_whose_date_under_a_seal_is_unsure_still_fails_on_the_applicants_own_date():
    """The page's date, read again under its seal, is not enough to fail the award; the
    applicant's own date for it, on or before the title, still is (as with no date read)."""
    title = "抚顺市科学技术进步奖三等奖"
    award = page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志", f"荣获{title}"],
                 dates=[d("2018-04-08", "issue")])
    award.fields["date_under_seal"] = "100,100,400,150"
    pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [award]
    for claimed, want in (("2018-04", "fail"), ("2021-04", "review")):
        app = applicant(awards=[{"title": title, "date": claimed}])
        mine = [f for f in by_rule(run(pages, app), "evidence.after_title") if f.file == "p/award.jpg"]
        assert [f.status for f in mine] == [want], (claimed, mine)


def test_a_gray_possible_seal_reading_part_of_the_unit_name_is_present():
    gray = SealMark((1, 1, 50, 50), 0.6, color="dark", certain=False, text="顺市生态环境监测", unit_match="unreadable")
    mine = [f.status for f in on_page("a/kaohe2021.jpg", "seal.present", seals=[gray])]
    assert mine == ["pass"]


def test_the_pipeline_keeps_the_trace_of_a_broken_ring_on_a_copy(monkeypatch):
    import numpy as np

    import verify.marks.seals as seals
    from ocr.model import OcrPage
    from verify.marks.seals.candidates import PageSeals
    from verify.model import Applicant
    from verify.run import pipeline

    monkeypatch.setattr(seals, "search_seals", lambda image, ocr, ink=False, **kw: PageSeals([], None, (10, 20, 210, 220)))

    class Result:
        index, ocr, image = 1, OcrPage(width=800, height=1100), np.full((1100, 800, 3), 255, np.uint8)

    read = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {})
    assert read.fields[pipeline.SEAL_RING] == "10,20,210,220" and pipeline.SEAL_INK not in read.fields


@pytest.mark.parametrize("score, told", [(0.9, True), (0.3, False)])
def test_the_reviewer_is_told_what_a_broken_ring_on_a_copy_reads_along_it(monkeypatch, score, told):
    """A worn seal on a gray copy found only as a broken ring (seal_ring): what its ring
    reads (顺市生态环境事, 环境监中心) goes into both reviews it makes, seal.present's and
    seal.unit's; an unsure reading is not told. It changes no verdict."""
    import numpy as np
    from PIL import Image

    import verify.marks.seals as seals
    from fixtures.stamps import draw_seal
    from ocr.model import OcrPage
    from verify.marks.seals.candidates import PageSeals
    from verify.model import Applicant
    from verify.run import pipeline

    img = Image.new("RGB", (800, 1100), (250, 250, 250))
    draw_seal(img, (400, 500), 110, "抚顺市生态环境事务服务中心", None, seed=3)
    gray = np.asarray(img.convert("L").convert("RGB"))[:, :, ::-1].copy()
    monkeypatch.setattr(seals, "search_seals", lambda image, ocr, ink=False, **kw: PageSeals([], None, (280, 380, 520, 620)))

    class Reads:
        def read_seal_line(self, image):
            return "顺市生态环境事", score, None

        def recognize_line(self, image):
            return "", 0.0

    class Result:
        index, ocr, image = 1, OcrPage(width=800, height=1100), gray

    read = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市生态环境事务服务中心"), Reads(), {})
    assert read.fields[pipeline.SEAL_RING] == "280,380,520,620" and read.seals == []
    assert read.fields.get(pipeline.SEAL_RING_TEXT) == ("顺市生态环境事" if told else None)
    fields = {k: v for k, v in read.fields.items() if k in (pipeline.SEAL_RING, pipeline.SEAL_RING_TEXT)}
    present = on_page("a/kaohe2021.jpg", "seal.present", seals=[], fields=fields)
    unit = on_page("a/kaohe2021.jpg", "seal.unit", seals=[], fields=fields)
    assert [f.status for f in present + unit] == ["review", "review"]
    assert all(("「顺市生态环境事」" in f.message) == told for f in present + unit), present + unit


def test_a_seal_one_lookalike_character_from_the_unit_is_review_not_another_body():
    """币 for 市 (as 州 for 洲, a stroke or radical worn): the recogniser may be sure of
    what it read, but no other body's name is read with confidence - review, saying
    which characters; 县 for 市 names another body - fail."""
    for text, want in ((UNIT.replace("市", "币", 1), "review"), (UNIT.replace("市", "县", 1), "fail")):
        seal = SealMark((1, 1, 50, 50), 0.9, text=text, unit_match="other")
        mine = on_page("a/kaohe2021.jpg", "seal.unit", seals=[seal])
        assert [f.status for f in mine] == [want], (text, mine)
        if want == "review":
            assert "字形相近" in mine[0].message


def test_a_copied_ring_that_reads_as_a_bodys_name_is_a_seal_and_one_that_reads_as_nothing_is_review():
    """A dark ring on a copy whose text reads as some body's name (misread in the
    middle, 资源和社会保障局 at the end) is a seal impression - whose, seal.unit decides;
    a ring read as a few Latin letters or a fragment is still only possible."""
    for readings, want in (([("抚市人力资源和社会保障局", 0.91)], "pass"), ([("VOODSLE", 0.9)], "review"),
                           ([("市科学技局", 0.8)], "review"), ([("抚市人力资源和社会保障局", 0.4)], "review")):
        seal = SealMark((700, 600, 900, 800), 0.5, color="dark", certain=False, text=readings[0][0], readings=readings)
        mine = on_page("a/kaohe2021.jpg", "seal.present", seals=[seal])
        assert [f.status for f in mine] == [want], (readings, mine)
        if want == "pass":
            assert "印文识别为「抚市人力资源和社会保障局」" in mine[0].message


def test_an_award_whose_every_date_is_after_the_title_passes_though_its_issue_date_was_not_read():
    """The title is dated 2019-06-30. An award for 2020年度 (its issue date, in Chinese
    numerals, not read) is after it however late it was issued; one for 2019年度, or a
    page that also carries an earlier date, cannot be told."""
    for dates, want in (([d("2020", None, "2020年度")], "pass"), ([d("2019", None, "2019年度")], "review"),
                        ([d("2019-01", None), d("2021-05-01", None)], "review"), ([d("2018", None)], "fail")):
        mine = on_page("p/award.jpg", "evidence.after_title", dates=dates)
        assert [f.status for f in mine] == [want], (dates, mine)
        if want == "pass":
            assert "2020年度" in mine[0].message


def test_a_copied_ring_that_reads_half_the_units_name_misread_is_a_seal():
    """A dark ring on a copy read 抚顺生态不境测 (no body's ending) holds six of
    抚顺市生态环境监测站's ten characters in order: a pen ring or a logo never reads the
    applicant's unit, so it is a seal (seal.unit still says whose it is); nor does it
    read …人和社会保障… (the human-resources seal on a title certificate). Three of the
    unit's characters, or an unsure reading, is still only possible."""
    assert UNIT == "抚顺市生态环境监测站"
    for readings, want in (([("抚顺生态不境测", 0.8)], "pass"), ([("玩服市生", 0.8)], "review"),
                           ([("抚顺生态不境测", 0.3)], "review"), ([("环的服务站", 0.9)], "review"),
                           ([("工顺人和社会保障中", 0.8)], "pass"), ([("执工人力区社会传练", 0.8)], "review")):
        seal = SealMark((700, 600, 900, 800), 0.5, color="dark", certain=False, text=readings[0][0], readings=readings,
                        unit_match="unreadable")
        mine = on_page("a/kaohe2021.jpg", "seal.present", seals=[seal])
        assert [f.status for f in mine] == [want], (readings, mine)


def test_seal_unit_says_nothing_of_a_document_surely_without_a_seal():
    """No seal and no trace of one: seal.present fails it; seal.unit has no seal to
    weigh. A trace of one: both ask a person, seal.unit pointing at the trace."""
    findings = run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[]))
    assert [f.status for f in by_rule(findings, "seal.present") if f.file == "a/kaohe2021.jpg"] == ["fail"]
    assert [f for f in by_rule(findings, "seal.unit") if f.file == "a/kaohe2021.jpg"] == []
    findings = run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[], fields={"seal_ring": "10,10,60,60"}))
    unit = [f for f in by_rule(findings, "seal.unit") if f.file == "a/kaohe2021.jpg"]
    assert [(f.status, f.bbox) for f in unit] == [("review", (10, 10, 60, 60))]
    assert "未能识别出印章" in unit[0].message


def test_a_gray_copy_whose_only_ring_is_a_signatures_loops_is_still_a_gray_copy(monkeypatch):
    """A gray copy of an education printout (probe p151): the dark search took the signed
    field's loops for a ring and missed the faint worn seal over the text; the loops were
    then dropped as the signature's own ink, and the page, left with no seal and no note
    that it was a copy, failed seal.present. It is a gray copy whatever was found."""
    import numpy as np

    import verify.marks.seals as seals
    from ocr.model import OcrPage
    from verify.marks.seals.candidates import PageSeals
    from verify.model import Applicant, SignatureField
    from verify.run import pipeline

    loops = SealMark((450, 850, 630, 960), 0.31, color="dark", certain=False)
    monkeypatch.setattr(seals, "search_seals", lambda image, ocr, ink=False, **kw: PageSeals([loops], gray=True))
    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, names, decide=True: found)
    signed = SignatureField("审核人签字", (170, 890, 370, 925), (380, 845, 700, 960), "signed", 0.9,
                            ink_bbox=(448, 855, 629, 958), by="pen")
    monkeypatch.setattr("verify.marks.signatures.find_signature_fields", lambda image, ocr, found: [signed])

    class Result:
        index, ocr, image = 1, OcrPage(width=800, height=1100), np.full((1100, 800, 3), 255, np.uint8)

    read = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {})
    assert read.seals == [] and read.fields[pipeline.SEAL_GRAY] == "1"


def test_an_award_the_applicant_dates_before_the_title_fails_whatever_later_date_its_copy_carries():
    """A copy certified 与原件一致 with a 2024 date under an award of 2018-12 (probe alt13
    a03): the page's latest date took the issue role and passed; the applicant's own
    date for the award, before the title, fails it."""
    title = "抚顺市科学技术进步奖三等奖"
    award = page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志", f"荣获{title}", "经核对，本复印件与原件一致"],
                 dates=[d("2018-12-20", None), d("2024-10-15", "issue")])
    pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [award]
    for claimed, want in (("2018-12", "fail"), ("2021-04", "pass")):
        mine = [f for f in by_rule(run(pages, applicant(awards=[{"title": title, "date": claimed}])), "evidence.after_title")
                if f.file == "p/award.jpg"]
        assert [f.status for f in mine] == [want], (claimed, mine)


def test_a_claimed_award_that_no_page_shows_is_a_claim_alone():
    """A claimed award without its certificate in the dossier: dated after the title it
    is a claim alone, no evidence (as a paper dated only by its claim): review, naming
    the award; dated on or before the title it fails. The award page of the clean
    dossier names no award, so no claim is matched to it."""
    pages = clean_pages()
    title = "抚顺市科学技术进步奖三等奖"
    for claimed, want in (("2021-12", "review"), ("2018-12", "fail"), (None, "review")):
        app = applicant(awards=[{"title": title, "date": claimed}] if claimed else [{"title": title}])
        mine = [f for f in by_rule(run(pages, app), "evidence.after_title") if title in f.message]
        assert [f.status for f in mine] == [want], (claimed, mine)
        if want == "review":
            assert "未找到对应的获奖证书" in mine[0].message
    shown = [p for p in pages if p.file != "p/award.jpg"] + [
        page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志", f"荣获{title}"], dates=[d("2021-12-20", "issue")])]
    app = applicant(awards=[{"title": title, "date": "2021-12"}])
    assert not [f for f in by_rule(run(shown, app), "evidence.after_title") if "未找到" in f.message]


@pytest.mark.parametrize("claimed, want", [("2021-11", "pass"), ("2021-06", "review"), ("2018-11", "fail")])
def test_a_claim_worded_unlike_its_certificate_is_backed_by_the_one_unclaimed_certificate_of_its_month(claimed, want):
    """Trust explorations 2 and 3: 《辽宁省生态环境执法大练兵先进个人》 claimed, the certificate
    printing 「…执法大练兵活动中表现突出，被评为先进个人」: no certificate named the claim, and a
    clean dossier had the review 未找到对应的获奖证书, though the rule passed that very
    certificate's date. The one certificate no claim names, of the claimed month and
    sharing words with it, is its evidence; a claim on or before the title still fails."""
    title = "辽宁省生态环境执法大练兵先进个人"
    pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [page(
        "award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志在2021年辽宁省生态环境执法大练兵活动中表现突出，被评为先进个人"],
        dates=[d("2021-11-28", "issue")])]
    mine = [f for f in by_rule(run(pages, applicant(awards=[{"title": title, "date": claimed}])), "evidence.after_title")
            if title in f.message]
    assert [f.status for f in mine] == [want], mine


@pytest.mark.parametrize("claimed, want", [("2021-11", "pass"), ("2021-06", "review"), ("2018-11", "fail")])
def test_an_award_claimed_without_its_name_is_backed_by_the_one_unclaimed_certificate_of_its_month(claimed, want):
    """DOSSIER.md lets any field of a claim be missing: an award claimed by its date alone
    was 未找到对应的获奖证书 (a review on a clean dossier) beside its own certificate. The
    one certificate no claim names, of the claimed month, is its evidence; one of another
    month is not, and a claim on or before the title still fails."""
    pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [page(
        "award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志荣获抚顺市科学技术进步奖三等奖"], dates=[d("2021-11-28", "issue")])]
    mine = [f for f in by_rule(run(pages, applicant(awards=[{"date": claimed}])), "evidence.after_title")
            if "申报奖项（未填名称）" in f.message]
    assert [f.status for f in mine] == [want], mine


def test_a_claim_of_a_higher_grade_than_its_certificate_prints_is_a_review_naming_both():
    """The claim says 二等奖, the only certificate 三等奖: one character in fifteen was
    within the title's OCR tolerance, so the certificate backed the claim and the raised
    grade passed unseen. It is a review (二 and 三 a recogniser may confuse) naming what
    the certificate prints; the claim at the grade printed passes."""
    base = "抚顺市科学技术进步奖"
    cert = page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志", f"荣获{base}三等奖"], dates=[d("2021-12-20", "issue")])
    pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [cert]
    raised = [f for f in by_rule(run(pages, applicant(awards=[{"title": base + "二等奖", "date": "2021-12"}])),
                                 "evidence.after_title") if f.status != "pass"]
    assert [f.status for f in raised] == ["review"], raised
    assert "三等奖" in raised[0].message and raised[0].file == "p/award.jpg"
    same = by_rule(run(pages, applicant(awards=[{"title": base + "三等奖", "date": "2021-12"}])), "evidence.after_title")
    assert [f.status for f in same] and all(f.status == "pass" for f in same), same


def test_a_proof_written_after_the_title_of_work_completed_before_it_is_review():
    """业绩证明 of 2024 whose body says the project passed its acceptance on 2018-05-20,
    before the 2019-06-30 title (probe alt13 a04: passed on the letter's date)."""
    from verify.read.dates import extract_dates

    def proof(body):
        p = page("achievement_proof", "p/yeji.jpg", ["业绩证明", body, "特此证明", "2024年10月12日"])
        p.dates = extract_dates(p.ocr, "achievement_proof")
        return p

    for body, want in (("该项目于2017年3月立项，于2018年5月20日通过专家组验收。", "review"),
                       ("该项目于2018年3月立项，于2021年5月20日通过专家组验收。", "pass")):
        mine = [f for f in by_rule(run(clean_pages() + [proof(body)]), "evidence.after_title") if f.file == "p/yeji.jpg"]
        assert [f.status for f in mine] == [want], (body, mine)


def test_a_journal_issue_before_the_title_that_no_claim_lists_is_review():
    """A 2018 issue in the dossier while the claim lists no paper (probe alt15 P06: passed)."""
    old = page("journal_cover", "p/old_cover.jpg", ["环境科学", "ISSN 0250-3301", "2018年第5期"], dates=[d("2018-05", "publication")])
    mine = [f for f in by_rule(run(clean_pages() + [old]), "evidence.after_title") if f.file == "p/old_cover.jpg"]
    assert [f.status for f in mine] == ["review"] and "未在申报信息中列出" in mine[0].message
    late = page("journal_cover", "p/old_cover.jpg", ["环境科学", "ISSN 0250-3301", "2022年第5期"], dates=[d("2022-05", "publication")])
    assert not [f for f in by_rule(run(clean_pages() + [late]), "evidence.after_title") if f.file == "p/old_cover.jpg"]


def test_an_enterprise_applicants_paper_is_still_an_achievement_dated_after_the_title():
    """The journal rules are exempt for an enterprise applicant, but a paper offered is an
    achievement: one dated before the title fails; one not dated asks nobody (probe alt16:
    enterprise papers were never dated)."""
    app = applicant(unit_kind="enterprise", unit="抚顺石化环保工程有限公司", unit_aliases=[])
    old = replace(clean_pages(), "p/cover.jpg", dates=[d("2018-05", "publication")])
    assert "fail" in [f.status for f in by_rule(run(old, app), "evidence.after_title") if f.file == "p/cover.jpg"]
    undated = replace(clean_pages(), "p/cover.jpg", dates=[])
    assert "review" not in statuses(run(undated, app), "evidence.after_title")


def _proof_row(*cells):
    """A retrieval proof whose table row for the paper holds ``cells``: (text, x, y) each."""
    lines = [OcrLine("论文检索证明", ((547, 151), (939, 151), (939, 227), (547, 227)), 0.99, 0),
             OcrLine("经检索中国知网（CNKI）张伟同志发表的以下论文已被收录：", ((215, 287), (1314, 287), (1314, 334), (215, 334)), 0.99, 1),
             OcrLine("序号题名", ((129, 439), (311, 439), (311, 484), (129, 484)), 0.99, 2)]
    for i, (text, x, y) in enumerate(cells, 3):
        w = 34 * len(text)
        lines.append(OcrLine(text, ((x, y), (x + w, y), (x + w, y + 40), (x, y + 40)), 0.99, i))
    return OcrPage(width=1654, height=2339, engine="test", lines=lines)


@pytest.mark.parametrize("cells, status", [
    # probe alt17 P12: listed in 环境科学 2022（43）增刊, claimed 环境保护与循环经济 2022-05
    ([("抚顺地区大气PM2.5来源解", 208, 518), ("张伟", 721, 516), ("环境科学", 911, 518), ("2022（43）增", 1164, 513),
      ("析研究", 205, 559), ("刊", 1166, 560)], "review"),
    # another year, the right journal
    ([("抚顺地区大气PM2.5来源解析研究", 208, 518), ("张伟", 721, 516), ("环境保护与循环经济", 911, 518), ("2020(5)", 1164, 513)], "review"),
    # a citation naming another journal
    ([("张伟. 抚顺地区大气PM2.5来源解析研究[J]. 环境科学, 2022, 43(S1): 101-105.", 150, 518)], "review"),
    # the right journal wrapped in its cell, the issue as 2022 (30)05
    ([("抚顺地区大气PM2.5来源解析研究", 208, 518), ("张伟", 721, 516), ("环境保护与循环", 911, 518), ("2022 (30)05", 1164, 513),
      ("经济", 911, 558)], "pass"),
    # the right journal cut short in its cell (no registered name), 2022年第5期
    ([("抚顺地区大气PM2.5来源解析研究", 208, 518), ("张伟", 721, 516), ("环境保护与循环", 911, 518), ("2022年第5期", 1164, 513)], "pass"),
    # the citation of the right journal
    ([("张伟. 抚顺地区大气PM2.5来源解析研究[J]. 环境保护与循环经济, 2022, 30(5): 1-5.", 150, 518)], "pass"),
    # no journal and no year shown
    ([("抚顺地区大气PM2.5来源解析研究", 208, 518), ("张伟", 721, 516)], "pass"),
    # a record a field a line (维普's 收录证明, trust9 R03): 刊名 four lines under the title
    ([("【1】题名：", 129, 518), ("抚顺地区大气PM2.5来源解析研究", 470, 518), ("作者：", 296, 580), ("张伟", 470, 580),
      ("机构：", 296, 642), ("抚顺市环境科学研究院", 470, 642), ("刊名：", 296, 704), ("环境科学", 470, 704)], "review"),
    ([("【1】题名：", 129, 518), ("抚顺地区大气PM2.5来源解析研究", 470, 518), ("作者：", 296, 580), ("张伟", 470, 580),
      ("机构：", 296, 642), ("抚顺市环境科学研究院", 470, 642), ("刊名：环境科学", 296, 704)], "review"),
    ([("【1】题名：", 129, 518), ("抚顺地区大气PM2.5来源解析研究", 470, 518), ("作者：", 296, 580), ("张伟", 470, 580),
      ("机构：", 296, 642), ("抚顺市环境科学研究院", 470, 642), ("刊名：", 296, 704), ("环境保护与循环经济", 470, 704)], "pass"),
])
def test_a_retrieval_proof_listing_the_paper_in_another_journal_or_year_is_review(cells, status):
    pages = replace(clean_pages(), "p/jiansuo.jpg", ocr=_proof_row(*cells))
    found = by_rule(run(pages), "paper.retrieval")
    assert [f.status for f in found] == [status], found
    if status == "review":
        assert "环境保护与循环经济" in found[0].message and ("环境科学" in found[0].message or "2020(5)" in found[0].message)


def _issue_pages(*toc_lines, issue=5, second_toc=None):
    """The clean dossier with its issue's contents page(s) and a paper page printing its issue."""
    pages = clean_pages()
    pages.insert(9, page("journal_toc", "p/mulu.pdf", ["环境保护与循环经济", "2022年第30卷第5期（总第365期）", "目次", *toc_lines]))
    if second_toc:
        pages.insert(10, page("journal_toc", "p/mulu.pdf", second_toc, page_no=2))
    return replace(pages, "p/paper.jpg", ocr=page("paper", "p/paper.jpg", [
        f"环境保护与循环经济2022年第30卷第{issue}期", "抚顺地区大气PM2.5来源解析研究", "张伟", "摘要",
        f"文章编号：1674-1021(2022){issue:02d}-0101-05"]).ocr)


@pytest.mark.parametrize("pages_fn, status", [
    # probe alt17 P19: the issue's contents list six papers, not this one
    (lambda: _issue_pages("重金属污染土壤钝化修复效果评价 (1)", "流域水环境承载力评估方法综述 (7)",
                          "燃煤电厂超低排放改造后颗粒物排放特征 (101)"), ["review"]),
    # listed, its title wrapped and misread
    (lambda: _issue_pages("重金属污染土壤钝化修复效果评价 (1)", "抚顺地区大气PM2.5来源", "解析研宄 (101)"), []),
    # on the second page of the contents
    (lambda: _issue_pages("重金属污染土壤钝化修复效果评价 (1)",
                          second_toc=["流域水环境承载力评估方法综述 (97)", "抚顺地区大气PM2.5来源解析研究 (101)"]), []),
    # the contents shown stop before the paper's page 101
    (lambda: _issue_pages("重金属污染土壤钝化修复效果评价 (1)", "流域水环境承载力评估方法综述 (7)"), []),
    # the contents of another issue
    (lambda: _issue_pages("燃煤电厂超低排放改造后颗粒物排放特征 (101)", issue=6), []),
])
def test_the_issues_contents_not_listing_the_paper_is_review(pages_fn, status):
    found = [f for f in by_rule(run(pages_fn()), "paper.retrieval") if "目次" in f.message]
    assert [f.status for f in found] == status, found


def _publicity(*lines):
    from verify.read.dates import extract_dates

    notice = page("publicity_result", "a/gongshi.jpg", lines, seals=[our_seal()])
    notice.dates = extract_dates(notice.ocr, "publicity_result")
    [f] = by_rule(run(replace(clean_pages(), "a/gongshi.jpg", ocr=notice.ocr, dates=notice.dates)), "publicity.duration")
    return f


def test_a_publicity_without_a_year_is_read_in_its_notices_year_and_says_so():
    """Trust exploration 7, P18: 于9月27日至10月8日 (wrapped), signed 2024年10月21日, was
    未能识别公示起止时间; in 2024 it holds 4 working days."""
    f = _publicity("公示结果", "我单位于9月27日至10", "月8日，在单位公示栏对张伟同志的申报材料进行了公示。", "公示期间无异议。",
                   UNIT, "2024年10月21日")
    assert f.status == "fail" and "公示期 2024-09-27 至 2024-10-08 仅 4 个工作日" in f.message
    assert "公示期原文“9月27日至10月8日”未写年份，按落款日期“2024年10月21日”推定为 2024 年" in f.message


def test_a_publicity_without_a_year_or_a_date_to_take_it_from():
    """No date on the notice: read in the campaign's year (2024), short it fails; long
    enough a person confirms the year (last year's publicity would read the same)."""
    f = _publicity("公示结果", "我单位于9月27日至10月8日在单位公示栏进行了公示。", "公示期间无异议。", UNIT)
    assert f.status == "fail" and "仅 4 个工作日" in f.message and "按本次申报年度 2024 年计" in f.message
    f = _publicity("公示结果", "我单位于10月14日至10月18日在单位公示栏进行了公示。", "公示期间无异议。", UNIT)
    assert f.status == "review" and "按本次申报年度 2024 年计为 2024-10-14 至 2024-10-18，5个工作日" in f.message
    f = _publicity("公示结果", "公示期间无异议。", UNIT)
    assert f.status == "review" and f.message.startswith("未能识别公示起止时间")
    # a range its words do not name the publicity: never a fail on an assumed year
    f = _publicity("公示结果", "材料审核时间：9月27日至10月8日。", "公示期间无异议。", UNIT)
    assert f.status == "review" and "未能确认其为公示期" in f.message and "仅" not in f.message


def test_a_publicity_that_names_only_colleagues_is_a_review_never_a_fail():
    """A 公示结果 of a colleague (probe alt19 K7: the applicant named nowhere, passed: the
    kind was not personal). Another name read surely in a list of many is no proof the
    applicant, misread, is not among them: review."""
    for lines in (["公示结果", "姓名：王晓明 抚顺市生态环境监测站 工程师", "经公示无异议"],
                  ["公示结果", "姓名：王晓明", "经公示无异议"]):  # the slot names someone else, never checked
        got = by_rule(run(replace(clean_pages(), "a/gongshi.jpg", ocr=page("publicity_result", "a/gongshi.jpg", lines).ocr,
                                  names=["王晓明"])), "identity.name")
        assert [(f.status, f.file) for f in got if f.file == "a/gongshi.jpg"] == [("review", "a/gongshi.jpg")], got


def test_a_paper_page_printing_an_issue_before_the_title_under_a_later_cover_is_a_review():
    """The paper's own page prints 文章编号 1674-1021(2018)05-… under a 2022年第5期 cover
    (probe alt20 P05: reviewed on no page, as dated by the claim alone)."""
    lines = ["抚顺地区大气PM2.5来源解析研究", "张伟", "文章编号：1674-1021(2018)05-0012-05", "摘要"]
    got = by_rule(run(replace(clean_pages(), "p/paper.jpg", ocr=page("paper", "p/paper.jpg", lines).ocr)),
                  "evidence.after_title")
    assert [(f.status, f.file) for f in got if f.file == "p/paper.jpg"] == [("review", "p/paper.jpg")], got
    # the same issue as the cover's: nothing to say
    lines[2] = "文章编号：1674-1021(2022)05-0012-05"
    got = by_rule(run(replace(clean_pages(), "p/paper.jpg", ocr=page("paper", "p/paper.jpg", lines).ocr)),
                  "evidence.after_title")
    assert all(f.status == "pass" for f in got), got


def test_a_seal_in_an_image_holding_another_documents_title_is_a_review():
    """Probe alt22 D31: an unstamped 考核表 photographed lying on the stamped 推荐表; the
    推荐表's seal, beside the form, passed the 考核表's seal.present."""
    stack = ["2022年度事业单位工作人员年度考核登记表", "姓名 张伟", "报评推荐表", "同意推荐"]
    got = on_page("a/kaohe2022.jpg", "seal.present", ocr=page("x", "x", stack).ocr)
    assert [f.status for f in got] == ["review"] and "推荐表" in got[0].message
    assert [f.status for f in on_page("a/kaohe2022.jpg", "seal.present")] == ["pass"]


def test_a_block_of_table_rules_taken_for_a_gray_seal_does_not_hold_back_a_fail():
    """Probe alt22 T2: a gray copy of a 考核表 stamped by 抚顺市生态环境局; the form's left
    column of cells was found as a second, dark 'seal' read 「海」, which turned the fail
    into a review naming 「海」."""
    other = SealMark((1000, 1500, 1300, 1800), 0.95, text="抚顺市生态环境局", unit_match="other", color="dark", certain=False)
    cells = SealMark((130, 320, 280, 570), 0.5, text="海", unit_match="unreadable", color="dark", certain=False)
    assert [f.status for f in on_page("a/kaohe2022.jpg", "seal.unit", seals=[other])] == ["fail"]
    assert [f.status for f in on_page("a/kaohe2022.jpg", "seal.unit", seals=[other, cells])] == ["fail"]
    # a second gray ring read as much of a name may be the unit's own: a person decides
    ring = SealMark((130, 320, 380, 570), 0.5, text="顺市生态环境监", unit_match="unreadable", color="dark", certain=False)
    assert [f.status for f in on_page("a/kaohe2022.jpg", "seal.unit", seals=[other, ring])] == ["review"]


def test_an_id_cards_back_handed_in_as_a_file_of_its_own_passes_on_its_front():
    """Probe alt22 T7: 身份证反面.jpg beside 身份证正面.jpg was an identity.name review;
    a card's back carries no name."""
    back = page("id_card", "a/id-back.jpg", ["中华人民共和国", "居民身份证", "签发机关 抚顺市公安局",
                                             "有效期限 2015.03.02-2035.03.02"])
    got = by_rule(run(clean_pages() + [back]), "identity.name")
    assert [f.status for f in got if f.file == "a/id-back.jpg"] == ["pass"]
    # without the front, nothing names the applicant: a person looks
    got = by_rule(run(drop(clean_pages(), "a/id.jpg") + [back]), "identity.name")
    assert [f.status for f in got if f.file == "a/id-back.jpg"] == ["review"]


def test_an_id_cards_back_passes_on_a_front_whose_name_a_second_reading_confirmed():
    """王赟 read 王赞 on the card's front (赟 is no character of the page recogniser's),
    confirmed by the seal model's reading of the line: the front passed, its back, handed
    in apart, was a review (trust exploration)."""
    from verify.read.confirm import Confirmation

    back = page("id_card", "a/id-back.jpg", ["中华人民共和国", "居民身份证", "签发机关 抚顺市公安局",
                                             "有效期限 2015.03.02-2035.03.02"])
    front = page("id_card", "a/id.jpg", ["姓名 张仹", "公民身份号码 210402198805120019"])
    front.confirmations = [Confirmation("name", "张伟", "张仹", "confirmed", 0.0, "reread", (0, 0, 9, 9))]
    pages = [p for p in clean_pages() if p.file != "a/id.jpg"] + [front, back]
    got = by_rule(run(pages), "identity.name")
    assert [f.status for f in got if f.file in ("a/id.jpg", "a/id-back.jpg")] == ["pass", "pass"]


@pytest.mark.parametrize("second_kind, mark, joined", [
    ("recommendation_form", "第 2 页 共 2 页", True),
    ("other", "", True),
    ("recommendation_form", "第 1 页 共 2 页", False),  # a second copy's first page
])
def test_a_form_photographed_page_by_page_is_one_document(second_kind, mark, joined):
    """Probe alt22 T6: a two-page 推荐表 handed in as 推荐表1.jpg and 推荐表2.jpg; judged
    apart, the first page lacked the seal and signature the second carries."""
    from verify.run.pipeline import join_continuations

    first = page("recommendation_form", "a/推荐表1.jpg", ["专业技术资格报评推荐表", "姓名：张伟", "第 1 页 共 2 页"])
    second = page(second_kind, "a/推荐表2.jpg", ["单位推荐意见", "同意推荐", "单位负责人（签字）：", "（盖章）", mark],
                  seals=[our_seal()], signatures=[signed()])
    join_continuations([second], applicant(), None, first)
    pages = [p for p in clean_pages() if p.file != "a/tuijian.jpg"] + [first, second]
    findings = run(pages)
    seal = [(f.file, f.status) for f in by_rule(findings, "seal.present") if "推荐表" in f.file]
    assert seal == ([("a/推荐表2.jpg", "pass")] if joined else [("a/推荐表1.jpg", "fail"), ("a/推荐表2.jpg", "pass")])


@pytest.mark.parametrize("forms, joined", [(1, True), (2, False)])
def test_a_forms_continuation_handed_in_out_of_order_joins_its_form(forms, joined):
    """Probe trust18 C09: a clean dossier's scans shuffled (扫描件_001…015), the 推荐表's first page in 扫描件_005 and
    its 「…推荐表（续）」 page, carrying the seal and the signatures, in 扫描件_010: judged alone, the first page failed
    seal.present. The continuation joins the one form of its kind nothing continues; with two such forms it cannot
    tell whose it is, and nothing moves."""
    from verify.run.pipeline import join_displaced

    def first(file):
        return page("recommendation_form", file, ["专业技术资格评审推荐表", "姓名：张伟"])

    second = page("recommendation_form", "a/扫描件_010.jpg", ["专业技术资格评审推荐表（续）", "单位推荐意见", "同意推荐",
                                                            "单位负责人（签字）：", "（单位盖章）"],
                  seals=[our_seal()], signatures=[signed()])
    heads = [first("a/扫描件_005.jpg")] + ([first("a/扫描件_012.jpg")] if forms == 2 else [])
    others = [p for p in clean_pages() if p.file != "a/tuijian.jpg"]
    pages = join_displaced([heads[0], *others, second, *heads[1:]])
    assert second.continues_previous == joined
    got = [(f.file, f.status) for f in by_rule(run(pages), "seal.present") if "扫描件" in f.file]
    assert got == ([("a/扫描件_010.jpg", "pass")] if joined else
                   [("a/扫描件_005.jpg", "fail"), ("a/扫描件_010.jpg", "pass"), ("a/扫描件_012.jpg", "fail")])


@pytest.mark.parametrize("title, joined", [("专业技术资格评审推荐表（续）", True), ("专业技术资格评审推荐表(续表)", True),
                                           ("专业技术资格评审推荐表", False)])
def test_a_page_titled_as_its_forms_continuation_joins_the_form_in_the_file_before(title, joined):
    """Trust exploration 8, C06: 推荐表.jpg (no page mark) and 推荐表续页.jpg titled
    「专业技术资格评审推荐表（续）」, printing 第2页（共2页）; judged apart, the continuation
    lacked the seal and signature the first page carries (three reviews). A page titled as
    the form itself is another form."""
    from verify.run.pipeline import join_continuations

    first = page("recommendation_form", "a/推荐表.jpg", ["专业技术资格评审推荐表", "姓名：张伟", "单位推荐意见",
                                                       "单位负责人（签字）：", "（单位盖章）"],
                 seals=[our_seal()], signatures=[signed()])
    second = page("recommendation_form", "a/推荐表续页.jpg", [title, "评审委员会意见", "人社部门意见", "申报人：张伟",
                                                             "第2页（共2页）"])
    join_continuations([second], applicant(), None, first)
    assert second.continues_previous == joined
    findings = run([p for p in clean_pages() if p.file != "a/tuijian.jpg"] + [first, second])
    got = {(f.rule, f.file): f.status for f in findings if f.rule in ("seal.present", "signature.present")
           and "推荐表" in f.file}
    if joined:
        assert set(got.values()) == {"pass"} and all(file == "a/推荐表.jpg" for _, file in got), got
    else:
        assert "pass" not in {got.get(("seal.present", "a/推荐表续页.jpg")), got.get(("signature.present", "a/推荐表续页.jpg"))}


def test_a_downloaded_education_verification_beside_its_stamped_print_needs_no_marks_of_its_own():
    """Trust exploration 3: the 学信网 备案表 handed in as downloaded (its text layer, 学信网's
    electronic seal, an empty 审核人 field) beside its printed copy the unit stamped and
    signed had seal.unit and signature.present reviews on a clean dossier. Alone, the
    download is still no stamped, signed printout."""
    xuexin = SealMark((1000, 1100, 1300, 1400), 0.99, text="全国高等学校学生信息咨询与就业指导中心", text_score=0.99,
                      unit_match="other")
    download = page("education_verification", "a/学信网备案表.pdf", ["教育部学历证书电子注册备案表", "姓名 张伟"],
                    seals=[xuexin], signatures=[SignatureField("审核人（签字）：", (1, 1, 2, 2), (2, 2, 9, 9), "uncertain")])
    download.ocr.source = "text_layer"
    both = run(clean_pages() + [download])
    assert {f.rule: f.status for f in both if f.file == "a/学信网备案表.pdf" and f.rule in ("seal.present", "seal.unit",
                                                                                        "signature.present")} == {
        "seal.present": "pass", "seal.unit": "pass", "signature.present": "pass"}
    alone = run([p for p in clean_pages() if p.file != "a/xuexin.pdf"] + [download])
    assert {f.status for f in alone if f.file == "a/学信网备案表.pdf" and f.rule in ("seal.unit", "signature.present")} == {
        "fail", "review"}


def test_a_download_of_another_education_record_is_not_excused_by_the_stamped_print_of_the_first():
    """Hostile exploration 12: a second degree's 备案表 typed into a PDF (its own text layer, another 证书编号), no
    seal, no signature, beside the print of the first record the unit stamped: seal.present and signature.present
    passed as 「网上下载的电子版…其打印件」. A download is excused by the print of its own record only."""
    fake = page("education_verification", "a/硕士学历.pdf", ["教育部学历证书电子注册备案表", "姓名 张伟",
                                                          "证书编号 101531202005009999"])
    fake.ocr.source = "text_layer"
    fake.fields["certificate_no"] = "101531202005009999"
    pages = clean_pages()
    next(p for p in pages if p.file == "a/xuexin.pdf").fields["certificate_no"] = "101531201005001234"
    got = [f for f in run(pages + [fake]) if f.file == "a/硕士学历.pdf" and f.rule in ("seal.present", "signature.present")]
    assert got and all(f.status != "pass" for f in got), [(f.rule, f.status, f.message) for f in got]
    fake.fields["certificate_no"] = "101531201005001234"  # the download of the record printed: excused
    got = [f for f in run(pages + [fake]) if f.file == "a/硕士学历.pdf" and f.rule in ("seal.present", "signature.present")]
    assert got and all(f.status == "pass" for f in got), [(f.rule, f.status, f.message) for f in got]


def test_a_coloured_oval_read_as_no_name_is_named_as_a_likely_business_seal():
    """Trust exploration 3, P01: the unit's oval 合同专用章, crisp on a colour scan, could not
    be unwrapped, and the review said 复印件或印迹不清."""
    oval = SealMark((1400, 2400, 2100, 2900), 0.6, shape="ellipse", color="red", certain=False, text="司", unit_match="unreadable")
    [f] = on_page("a/tuijian.jpg", "seal.present", seals=[oval])
    assert f.status == "review" and "椭圆形印章多为合同、财务、发票等专用章" in f.message and "复印件" not in f.message


def test_an_unreadable_seal_too_small_to_read_says_so():
    """Trust exploration 3: at 100 dpi a seal is about 125 px across and two or three of a
    clean dossier's seals went to review told only 无法确认; a better scan settles them."""
    small = SealMark((500, 700, 625, 826), 0.9, text="抚市生态环境监测", text_score=0.6, unit_match="unreadable")
    at_100_dpi = OcrPage(width=827, height=1170, engine="test", lines=[])
    [f] = on_page("a/kaohe2022.jpg", "seal.unit", seals=[small], ocr=at_100_dpi)
    assert f.status == "review" and "印章图像直径仅约 126 像素" in f.message and "人名章" not in f.message


def test_a_seal_a_name_seals_size_alone_is_told_as_such_not_blamed_on_the_scan():
    """Probe trust29 P18: the head's 18 mm square name seal alone where the unit's seal belongs, on a 150 dpi
    scan (124 px across), was told «印章图像直径仅约 124 像素（扫描分辨率偏低）»: it is small on the page, a
    personal seal's size, and no better scan makes it the unit's. Still a review; beside a seal of a unit seal's
    size the small one is no cause of its own and the scan is not blamed for it."""
    at_150_dpi = OcrPage(width=1240, height=1754, engine="test", lines=[])
    name_seal = SealMark((853, 835, 977, 960), 0.6, certain=False, text="游过", unit_match="unreadable")
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[name_seal], ocr=at_150_dpi)
    assert f.status == "review" and "个人名章" in f.message and "约 21 毫米" in f.message, f.message
    assert "分辨率" not in f.message and "像素" not in f.message and UNIT in f.message
    [f] = on_page("a/tuijian.jpg", "seal.present", seals=[name_seal], ocr=at_150_dpi)
    assert f.status == "review" and "个人名章" in f.message and "复印件" not in f.message, f.message
    worn = SealMark((300, 1200, 540, 1440), 0.6, text="抚顺市生态", unit_match="unreadable")
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[name_seal, worn], ocr=at_150_dpi)
    assert f.status == "review" and "人名章" not in f.message and "分辨率" not in f.message, f.message


def test_an_oval_seals_use_is_looked_for_across_its_middle_not_under_a_star():
    """Probe trust29 P04, P05: the unit's oval 财务/发票专用章, its use not read, was told
    «五角星下方未识别出印章用途»; an oval seal has no star."""
    oval = our_seal(shape="ellipse")
    oval.bbox = (1000, 1500, 1320, 1740)
    [f] = on_page("a/tuijian.jpg", "seal.unit", seals=[oval])
    assert f.status == "review" and "椭圆形印章" in f.message and "印章中部" in f.message, f.message
    assert "五角星" not in f.message


def test_a_riding_seals_part_alone_is_one_review_of_seal_present_not_two():
    """Probe trust29 P10: only the halves of a 骑缝章, no whole seal, were reviewed twice for one cause, by
    seal.present (仅见…截断的部分印章) and seal.unit (印章文字无法确认). seal.unit leaves it to seal.present; a cut
    seal read surely as another body's still fails seal.unit, and nothing passes."""
    half = SealMark((1471, 1007, 1654, 1351), 0.86, text="抚顺市生态环", cut=0.42, unit_match="unreadable")
    findings = [f for f in run(replace(clean_pages(), "a/tuijian.jpg", seals=[half])) if f.file == "a/tuijian.jpg"
                and f.rule.startswith("seal.")]
    assert [(f.rule, f.status) for f in findings] == [("seal.present", "review")], [f.message for f in findings]
    assert "骑缝章" in findings[0].message and "抚顺市生态环" in findings[0].message
    other = SealMark((1471, 1007, 1654, 1351), 0.9, text="抚顺市某某化工有限公司", cut=0.42, unit_match="other")
    got = {f.rule: f.status for f in run(replace(clean_pages(), "a/tuijian.jpg", seals=[other]))
           if f.file == "a/tuijian.jpg" and f.rule.startswith("seal.")}
    assert got == {"seal.present": "review", "seal.unit": "fail"}, got


def test_another_bodys_seal_read_with_a_stray_character_past_its_name_still_fails():
    """Trust exploration 3, P02: another firm's seal read 辽宁华源环境检测有限公司出 (出 of the
    bottom text read on), sure of 源 for 清 in eleven readings, was a review saying 多处不同，
    可能是印章磨损: a name does not end in 出, and the stray kept it from being a name."""
    unit = "辽宁华清环境检测有限公司"
    foreign = SealMark((1000, 1500, 1300, 1800), 0.95, text="辽宁华源环境检测有限公司出", text_score=0.97, unit_match="other")
    pages = replace(clean_pages(), "a/kaohe2022.jpg", seals=[foreign])
    got = [f for f in by_rule(run(pages, applicant(unit=unit, unit_aliases=[], unit_kind="enterprise")), "seal.unit")
           if f.file == "a/kaohe2022.jpg"]
    assert [f.status for f in got] == ["fail"], got


@pytest.mark.parametrize("alias", ["沈阳市生态环境监测中心站", "瀋陽市生態環境監測中心站", "沈隆市生态环境监测中心站"])
def test_an_alias_naming_another_citys_body_does_not_pass_its_seal(alias):
    """Hostile exploration 2, P1: unit_aliases: [沈阳市生态环境监测中心站] in the
    applicant's own file passed that body's seal as the unit's; a former or short name
    keeps the unit's place or its own name, so one that keeps neither is a person's to
    check."""
    foreign = SealMark((1000, 1500, 1300, 1800), 0.95, text=alias, text_score=0.99, unit_match="unit")  # (read 沈隆市…)
    pages = replace(clean_pages(), "a/kaohe2022.jpg", seals=[foreign])
    got = [f for f in by_rule(run(pages, applicant(unit_aliases=[alias])), "seal.unit") if f.file == "a/kaohe2022.jpg"]
    assert [f.status for f in got] == ["review"] and f"别名「{alias}」" in got[0].message


def test_a_seal_matched_through_an_alias_is_named_as_the_alias():
    """Probe alt23 F16: the pass said 印章为申报单位「<the seal's text>」 where only an alias
    matched; the desk should see which name the applicant gave it under."""
    old = SealMark((1000, 1500, 1300, 1800), 0.95, text="抚顺市环境监测中心站", text_score=0.99, unit_match="unit")
    got = on_page("a/kaohe2022.jpg", "seal.unit", seals=[old])
    assert [f.status for f in got] == ["pass"] and "别名「抚顺市环境监测中心站」" in got[0].message and UNIT in got[0].message
    got = on_page("a/kaohe2022.jpg", "seal.unit")
    assert [f.status for f in got] == ["pass"] and "别名" not in got[0].message


def test_a_seal_passed_on_a_misread_names_the_unit_and_what_was_read():
    """The pass said 印章为申报单位「抚履县…」 - the worn seal's reading - as if it were the
    unit's name (browser exploration)."""
    misread = UNIT[:1] + "履" + UNIT[2:]
    seal = SealMark((1000, 1500, 1300, 1800), 0.95, text=misread, text_score=0.9, unit_match="unit")
    got = on_page("a/kaohe2022.jpg", "seal.unit", seals=[seal])
    assert [f.status for f in got] == ["pass"]
    assert f"申报单位「{UNIT}」（印文识别为「{misread}」" in got[0].message


def test_unreadable_files_beyond_fifty_are_one_finding_that_counts_them():
    """Probe alt23 F18: 20,000 empty .jpg gave 40,000 findings and a 24 MB report."""
    unreadable = [UnreadableInput(f"x/{i}.jpg", "文件为空") for i in range(2000)]
    got = by_rule(run(clean_pages(), unreadable=unreadable), "dossier.readable")
    assert len(got) == 51 and "另有 1950 个文件" in got[-1].message


def test_an_unreadable_file_s_reason_is_in_its_message_not_its_value():
    """The report and the desk label a finding's value 读取值 (what a page was read to say):
    a reason there read "读取值 文件已损坏或不完整，无法解码" (desk exploration)."""
    unreadable = [UnreadableInput(f"x/{i}.jpg", "文件已损坏或不完整，无法解码") for i in range(60)]
    got = by_rule(run(clean_pages(), unreadable=unreadable), "dossier.readable")
    assert all(f.value is None for f in got)
    assert "文件已损坏或不完整" in got[0].message and got[0].file == "x/0.jpg"


def test_an_unreadable_file_whose_reason_says_what_to_do_is_not_also_asked_for_a_clear_scan():
    """A 5,000-page PDF, a 30000² scan, a link: each reason said what to do, and every
    message then added 「请申报人重新提交清晰、未加密的扫描件」, wrong for them (hostile
    exploration 6, D9). A corrupt file is still asked for again."""
    reasons = {"x/big.pdf": "文件共 5000 页，超过上限 400 页，请拆分后重新提交",
               "x/huge.png": "图像像素过多（超过 1.2 亿像素），请降低扫描分辨率后重新提交",
               "x/link.jpg": "是指向其他位置的符号链接（快捷方式），出于安全考虑未读取，请放入文件本身",
               "x/late.jpg": "材料总页数超过 400 页上限，本文件未核验，请审核人查阅该文件原件，或请申报人精简材料",
               "x/bad.jpg": "文件已损坏或不完整，无法解码"}
    got = {f.file: f.message for f in by_rule(run(clean_pages(), unreadable=[UnreadableInput(k, v) for k, v in
                                                                               reasons.items()]), "dossier.readable")}
    assert [k for k, m in got.items() if "清晰、未加密" in m] == ["x/bad.jpg"]
    assert got["x/big.pdf"] == "文件无法读取：文件共 5000 页，超过上限 400 页，请拆分后重新提交"
    assert "降低扫描分辨率" in got["x/huge.png"]


def test_a_seal_on_a_spread_of_two_annual_forms_is_a_review():
    """Probe alt22 D32: an open volume photographed as a spread, the 2021 form unstamped,
    the 2022 one stamped; the right page's seal passed the spread's seal.present."""
    spread = [d("2021", "assessment_year"), d("2022", "assessment_year")]
    got = on_page("a/kaohe2022.jpg", "seal.present", dates=spread)
    assert [f.status for f in got] == ["review"] and "年度考核表" in got[0].message


@pytest.mark.parametrize("grade_lines, status, words", [
    # W6: the grade named before 等次 in the conclusion's prose
    (["年度考核", "经单位考核委员会研究，确定该同志本年度为基本合格等次。", "结论"], "review", "基本合格"),
    (["年度考核", "经单位考核委员会研究，确定该同志本年度为合格等次。", "结论"], "pass", ""),
    # W9: the grade slot left blank, the footnote listing the grades
    (["人力资源部", "评定等级：", "说明：评定等级分为优秀、良好、合格、基本合格、不合格五档。"], "review", "未能识别考核等次"),
    # W4: a letter grade and its legend
    (["人力资源部", "评定等级：D", "说明：评定等级A为优秀、B为良好、C为合格、D为基本合格、E为不合格。"], "review", "D（基本合格）"),
    (["人力资源部", "评定等级：B", "说明：评定等级A为优秀、B为良好、C为合格、D为基本合格、E为不合格。"], "pass", ""),
    (["人力资源部", "评定等级：C"], "review", "考核等次为「C」，表上未说明"),
])
def test_a_forms_grade_is_read_in_prose_by_letter_or_found_blank_never_passed_unread(grade_lines, status, words):
    """Trust exploration 5: 为基本合格等次 in a conclusion's prose (W6), a blank 评定等级：
    (W9) and an enterprise's letter D whose legend says 基本合格 (W4) each passed."""
    from verify.read.dates import extract_dates

    form = page("annual_assessment", "a/kaohe2023.jpg", _FORM_2023 + ["2023年，本人认真学习业务知识。", *grade_lines,
                                                                       "考核日期", "2024年1月12日"], seals=[our_seal()])
    form.dates = extract_dates(form.ocr, "annual_assessment")
    years = by_rule(run(replace(clean_pages(), "a/kaohe2023.jpg", ocr=form.ocr, dates=form.dates)), "assessment.years")
    [f] = [f for f in years if f.file == "a/kaohe2023.jpg"]
    assert f.status == status and words in f.message, f.message


@pytest.mark.parametrize("read", ["辽宁清源环保科技有限公司", "抚顺华泰环保科技有限公司", "沈阳华泰环保科技有限公司"])
def test_another_company_sharing_the_units_trade_words_read_whole_fails(read):
    """A seal read cleanly and whole as another company's name on a 中环清源（抚顺）环保科技有限公司
    applicant's form: the same trade words (环保科技有限公司) after a whole name of its own, a
    place and a brand, whose place is not the unit's (辽宁清源) or whose brand has nothing of the
    unit's (抚顺华泰). It was a review saying 可能是印章磨损 (trust exploration 5, P14, P24)."""
    other = SealMark((1, 1, 50, 50), 0.9, text=read, unit_match="other")
    pages = replace(clean_pages(), "a/kaohe2021.jpg", seals=[other])
    found = [f for f in by_rule(run(pages, applicant(unit="中环清源（抚顺）环保科技有限公司")), "seal.unit")
             if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in found] == ["fail"] and f"「{read[:4]}」处" in found[0].message, found


@pytest.mark.parametrize("read", ["抚顺中环清源环保科技有限公司", "中环请源抚顺环保科技有限公司", "抚顺环保科技有限公司"])
def test_the_units_own_enterprise_seal_in_another_word_order_or_worn_never_fails(read):
    """The unit's own seal read place first (抚顺中环清源…), with a character misread or in
    part is never another company's, even where the readings call it another body's."""
    other = SealMark((1, 1, 50, 50), 0.9, text=read, unit_match="other")
    pages = replace(clean_pages(), "a/kaohe2021.jpg", seals=[other])
    found = [f for f in by_rule(run(pages, applicant(unit="中环清源（抚顺）环保科技有限公司")), "seal.unit")
             if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in found] == ["review"], found


def test_a_seal_read_otherwise_in_many_places_is_not_told_to_be_wear():
    """A seal read otherwise in many places, not surely another company's, was a review saying
    多处不同，可能是印章磨损或识别误差, which steered the reviewer to wear (trust exploration 5):
    another company reads so too."""
    other = SealMark((1, 1, 50, 50), 0.9, text="中环请原抚顺环保料技有限公司", unit_match="other")
    pages = replace(clean_pages(), "a/kaohe2021.jpg", seals=[other])
    found = [f for f in by_rule(run(pages, applicant(unit="中环清源（抚顺）环保科技有限公司")), "seal.unit")
             if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in found] == ["review"] and "可能是其他单位的印章" in found[0].message, found


def test_an_earlier_lower_certificate_beside_the_current_one_is_title_history_not_a_fail():
    """A 技术员 certificate of 2015 handed in beside the current 助理工程师 one of 2019: its
    date failed title.date against the claim (trust exploration 6, C4); the current one
    alone is weighed, and a claim typed with the old date still fails on it."""
    old = page("title_certificate", "a/zc-old.jpg", ["专业技术资格证书", "姓名 张伟", "资格名称：技术员"],
               dates=[d("2015-06-30", "title_date")])
    current = page("title_certificate", "a/zc.jpg", ["专业技术资格证书", "姓名 张伟", "资格名称：助理工程师"],
                   dates=[d("2019-06-30", "title_date")])
    pages = [current if p.file == "a/zc.jpg" else p for p in clean_pages()] + [old]
    found = by_rule(run(pages, applicant()), "title.date")
    assert [(f.status, f.file) for f in found] == [("pass", "a/zc.jpg")], [f.message for f in found]
    found = by_rule(run(pages, applicant(current_title={"name": "助理工程师", "date": "2015-06-30"})), "title.date")
    assert [(f.status, f.file) for f in found] == [("fail", "a/zc.jpg")], [f.message for f in found]


def test_a_certificate_quoting_another_project_is_not_the_claims_unnamed_twin():
    """The claim names 抚顺市大气颗粒物来源解析及管控对策研究; the one certificate of its month
    quotes “抚顺市浑河流域水环境容量核定与总量控制研究” and shares only 科学技术进步奖三等奖 with
    it: it passed as the claim's evidence (trust exploration 6, P07)."""
    title = "抚顺市大气颗粒物来源解析及管控对策研究 获抚顺市科学技术进步奖三等奖"

    def statuses(project):
        pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [page(
            "award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志：", f"你参与完成的“{project}”项目，",
                                                 "荣获2021年度抚顺市科学技术进步奖三等奖。"], dates=[d("2021-12-20", "issue")])]
        found = by_rule(run(pages, applicant(awards=[{"title": title, "date": "2021-12"}])), "evidence.after_title")
        return [f.status for f in found if "大气颗粒物" in f.message]

    assert statuses("抚顺市浑河流域水环境容量核定与总量控制研究") == ["review"]
    assert statuses("抚顺市大气颗粒物来源解析及管控对策研究") == ["pass"]


@pytest.mark.parametrize("listed, want", [("2022年第4期", "review"), ("2022年第5期", "pass")])
def test_a_proof_listing_another_issue_of_the_same_year_is_a_review(listed, want):
    """The proof's row lists 第3期 for a paper whose cover and running head print 第4期: it
    passed as the paper's proof, the years agreeing (trust exploration 6, P17). Never a
    fail: one digit of a row is within a recogniser's error."""
    proof = page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", f"抚顺地区大气PM2.5来源解析研究 张伟 环境保护与循环经济 {listed}"],
                 seals=[our_seal()], signatures=[signed("审核人")])
    paper = page("paper", "p/paper.jpg", ["环境保护与循环经济 2022年第5期", "抚顺地区大气PM2.5来源解析研究", "张伟", "摘要"])
    pages = [proof if p.file == "p/jiansuo.jpg" else paper if p.file == "p/paper.jpg" else p for p in clean_pages()]
    found = by_rule(run(pages), "paper.retrieval")
    assert [f.status for f in found] == [want], [f.message for f in found]
    if want == "review":
        assert "2022年第4期" in found[0].message and "2022年第5期" in found[0].message


@pytest.mark.parametrize("issued, words", [("2024-10-16", "公示期未满即出具结果"), ("2021-10-21", "可能是落款日期被印章覆盖造成的识别误差")])
def test_a_result_dated_before_its_publicity_ended_says_whether_it_looks_misread(issued, words):
    """2024 read 2021 under the seal: the review told a date three years before the
    publicity as a result issued early (trust exploration 6, C5 and C9)."""
    pages = replace(clean_pages(), "a/gongshi.jpg", dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end"),
                                                           d(issued, "issue")])
    [f] = by_rule(run(pages), "publicity.duration")
    assert f.status == "review" and words in f.message, f.message


def test_a_missing_cover_fail_names_the_other_journals_cover_the_dossier_holds():
    """The cover of 环境科学研究 (another journal and issue) beside a paper claimed in
    环境保护与循环经济: journal.issn failed as 未找到刊载期刊的封面, sending the reviewer to
    look for a missing cover (trust exploration 6, P05). It names the cover and what it prints."""
    other = page("journal_cover", "p/cover.jpg", ["环境科学研究", "ISSN 1001-6929", "CN 11-1827/X", "2023年第1期"],
                 issn=["1001-6929"], cn=["CN 11-1827/X"], dates=[d("2023-01", "publication")])
    pages = [other if p.file == "p/cover.jpg" else p for p in clean_pages()]
    got = by_rule(run(pages), "journal.issn")
    assert [f.status for f in got] == ["fail"], [f.message for f in got]
    assert "p/cover.jpg" in got[0].message and "1001-6929" in got[0].message, got[0].message


def test_a_seal_cut_by_the_page_edge_is_a_riding_seals_part_not_the_forms_own():
    """Trust exploration 8, P21: a 推荐表 with no seal in its opinion box, only 40 % of a
    骑缝章 (stamped across two sheets' edges) at its right edge, passed seal.present.
    That part alone is a review saying so; beside a whole seal the form passes as before."""
    half = SealMark((1089, 755, 1240, 1003), 0.9, text="抚顺市生态环境", cut=0.42, traits=("ring_text", "star"))
    mine = on_page("a/tuijian.jpg", "seal.present", seals=[half])
    assert [f.status for f in mine] == ["review"] and "骑缝章" in mine[0].message
    assert "抚顺市生态环境" in mine[0].message and mine[0].bbox == half.bbox
    both = on_page("a/tuijian.jpg", "seal.present", seals=[our_seal(), half])
    assert [f.status for f in both] == ["pass"]
    sliver = SealMark((1000, 1500, 1240, 1800), 0.9, text=UNIT, cut=0.05)
    assert [f.status for f in on_page("a/tuijian.jpg", "seal.present", seals=[sliver])] == ["pass"]


def test_a_name_the_page_recogniser_cannot_read_is_said_once_and_another_name_read_surely_fails():
    """Probe trust11 K02/P11: the page recogniser reads 张燚 as 张 or 张焱 on every page; the
    second recogniser confirmed it on most, and the documents where no name was read were a
    review each (eight on a clean dossier, for one cause): they are now one review naming
    them all. A slot read surely as 张宏伟 there was a review too (name_on_page takes its 张宏
    as one character from 张伟): two characters from the claim, read surely, it fails."""
    from verify.read.confirm import Confirmation

    def by_second(read):
        return [Confirmation("name", "张伟", read, "confirmed", 0.0, "reread", (0, 0, 9, 9),
                             [("page", read, -2.0, 0.99), ("original-second", "张伟", 0.0, 0.99)])]

    def lines(kind, *text):
        return page(kind, "x", text).ocr

    pages = clean_pages()
    for f, kind, text in (("a/tuijian.jpg", "recommendation_form", "姓名：张"), ("a/gongshi.jpg", "publicity_result", "同志"),
                          ("a/jxjy.png", "continuing_education", "同志"), ("a/pdb.pdf", "evaluation_form", "同志"),
                          ("a/kaohe2022.jpg", "annual_assessment", "姓名 张宏军 性别 男")):
        pages = replace(pages, f, ocr=lines(kind, "标题", text))  # 同志: nothing of the name read
    pages = replace(pages, "a/tuijian.jpg", confirmations=by_second("张"))
    pages = replace(pages, "a/kaohe2022.jpg", confirmations=[Confirmation(
        "name", "张伟", "张宏军", "contradicted", -10.8, "lattice", (0, 0, 9, 9),
        [("page", "张宏军", -11.5, 0.998), ("original", "张宏军", -10.8, 0.995)])])
    got = by_rule(run(pages), "identity.name")
    reviews = [f for f in got if f.status == "review"]
    assert len(reviews) == 1, [f.message for f in reviews]
    assert all(w in reviews[0].message for w in ("第二识别模型", "公示结果", "继续教育证明", "评定表")), reviews[0].message
    assert [(f.file, f.status) for f in got if f.status == "fail"] == [("a/kaohe2022.jpg", "fail")]
    assert [f.status for f in got if f.file == "a/tuijian.jpg"] == ["pass"]
    # without a document the second recogniser confirmed, each unread document is its own review
    pages = replace(pages, "a/tuijian.jpg", confirmations=[], ocr=lines("recommendation_form", "标题", "姓名：张伟"))
    got = by_rule(run(pages), "identity.name")
    assert sorted(f.file for f in got if f.status == "review") == ["a/gongshi.jpg", "a/jxjy.png", "a/pdb.pdf"]


@pytest.mark.parametrize("rows, status", [
    (["2016", "30", "2017", "30", "2018 30 60 90 已审验"], ["review"]),
    (["2016", "30", "2021年度", "30", "2023", "30"], []),  # the period is among its years
])
def test_a_continuing_education_card_listing_only_past_years_in_its_rows_is_review(rows, status):
    """Probe trust11 Q05: a 继续教育登记卡 listing 2016–2018 in its 年度 column (no date the
    reader takes) passed; a proof of long ago stands for none of the period reviewed."""
    pages = replace(clean_pages(), "a/jxjy.png",
                    ocr=page("continuing_education", "x", ["专业技术人员继续教育登记卡", "姓名：张伟", "年度", *rows]).ocr, dates=[])
    got = [f.status for f in by_rule(run(pages), "dossier.required") if f.file == "a/jxjy.png"]
    assert got == status


@pytest.mark.parametrize("how, status", [("lattice+second", "fail"), ("lattice", "review")])
def test_another_name_one_character_away_fails_only_where_the_second_recogniser_agrees(how, status):
    """Probe trust11 P01: 韩雪松 on 韩雪梅's form, read surely by the page recogniser, was a
    review (a name one character away may be OCR's); where the second recogniser read the
    same name too (``lattice+second``), it fails."""
    from verify.read.confirm import Confirmation

    pages = replace(clean_pages(), "a/kaohe2022.jpg", ocr=page("annual_assessment", "x", ["年度考核登记表", "姓名 张玮 性别 男"]).ocr,
                    confirmations=[Confirmation("name", "张伟", "张玮", "contradicted", -6.1, how, (0, 0, 9, 9))])
    got = [f.status for f in by_rule(run(pages), "identity.name") if f.file == "a/kaohe2022.jpg"]
    assert got == [status]


@pytest.mark.parametrize("line, status", [("公示期：10.14-10.18", "pass"), ("公示期：10.14—10.16", "fail"),
                                          ("公示期：2024.10.14-10.18", "pass")])
def test_a_publicity_range_of_dotted_figures_without_a_year_is_read(line, status):
    """Probe trust11: 公示期：10.14-10.18 (no year, as HR staff write it) was 「未能识别公示起止时间」,
    a review on a clean dossier; read in the year of the page's own date, as 10月14日至10月18日 is."""
    from verify.read.extract import read_page_facts

    p = page("publicity_result", "a/gongshi.jpg", ["公示情况说明", "经研究，对张伟同志申报工程师资格进行公示。", line,
                                                  "抚顺市生态环境监测站", "2024年10月21日"], seals=[our_seal()])
    read_page_facts(p, applicant())
    got = [f.status for f in by_rule(run(replace_page(clean_pages(), p)), "publicity.duration")]
    assert got == [status]


@pytest.mark.parametrize("how", ["lattice", "lattice+second"])
def test_a_publicity_list_read_surely_as_another_name_stays_a_review(how):
    """A list of many people (the publicity result) naming another person surely is a review,
    never a fail, also where that reading was weighed and contradicted the claim (张宏军, or
    张玮 read so by both recognisers)."""
    from verify.read.confirm import Confirmation

    for other in ("张宏军", "张玮"):
        pages = replace(clean_pages(), "a/gongshi.jpg", ocr=page("publicity_result", "x", ["公示结果", f"姓名：{other}"]).ocr,
                        confirmations=[Confirmation("name", "张伟", other, "contradicted", -9.0, how, (0, 0, 9, 9))])
        got = [f.status for f in by_rule(run(pages), "identity.name") if f.file == "a/gongshi.jpg"]
        assert got == ["review"], (other, got)


@pytest.mark.parametrize("claimed_cn, lines, status", [
    (None, ["WATER RESEARCH", "Volume 215, 15 May 2022", "ISSN 0043-1354", "Elsevier"], "review"),
    # a CN claimed but not printed, and a Chinese journal printing none, still fail
    ("21-1556/X", ["WATER RESEARCH", "Volume 215, 15 May 2022", "ISSN 0043-1354", "Elsevier"], "fail"),
    (None, ["环境保护与循环经济", "2022年第5期", "ISSN 0043-1354", "辽宁省环境科学研究院 主办"], "fail"),
    # the claimed Latin name printed on a cover laid out as a Chinese one (probe trust31 T31-17), or under a
    # certified-copy stamp: Chinese around it does not make the journal a Chinese one missing its CN
    (None, ["Water Research", "2022年第5期", "ISSN 0043-1354", "中国标准连续出版物号"], "review"),
    (None, ["WATER RESEARCH", "ISSN 0043-1354", "复印件与原件核对无误", "核对人：李明", "2024年9月2日"], "review"),
])
def test_an_english_language_journal_without_a_cn_is_a_review_not_a_missing_cn(claimed_cn, lines, status):
    """An SCI journal (Water Research, ISSN only) has no CN to print: its paper failed journal.cn as 期刊页上未见 CN
    刊号 on a clean dossier (probe trust12, C07). Whether a paper abroad counts is the reviewer's call."""
    title = "Source apportionment of volatile organic compounds and ozone formation in Fushun"
    app = applicant(papers=[{"title": title, "journal": "Water Research", "issn": "0043-1354", "date": "2022-05",
                             **({"cn": claimed_cn} if claimed_cn else {})}])
    pages = [p for p in clean_pages() if p.kind not in ("journal_cover", "paper", "retrieval_proof")] + [
        page("journal_cover", "p/cover.pdf", lines, issn=["0043-1354"], dates=[d("2022-05", "publication")]),
        page("paper", "p/paper.pdf", ["Water Research 215 (2022) 118245", title, "Abstract"]),
        page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", title], seals=[our_seal()], signatures=[signed("审核人")])]
    [f] = by_rule(run(pages, app), "journal.cn")
    assert f.status == status, f.message
    assert ("外文期刊" in f.message) == (status == "review")


@pytest.mark.parametrize("foot, status", [("0043-1354/© 2022 Elsevier Ltd. All rights reserved.", None),
                                          ("0045-6535/o 2022 E1sevier Ltd. A11 rights reserved.", "review")])
def test_a_foreign_papers_page_printing_another_issn_than_its_cover_is_review(foot, status):
    """Probe trust20, P18: an SCI journal's cover printing the claimed ISSN over a first page whose copyright line
    prints another journal's (0045-6535/© under 0048-9697): journal.registered, one review for the foreign journal
    left to journal.cn, said nothing of it. Its own page's number is judged beside the cover's."""
    from verify.read.extract import find_issns

    title = "Source apportionment of volatile organic compounds and ozone formation in Fushun"
    app = applicant(papers=[{"title": title, "journal": "Water Research", "issn": "0043-1354", "date": "2022-05"}])
    lines = ["Water Research 215 (2022) 118245", title, "Abstract", foot]
    pages = [p for p in clean_pages() if p.kind not in ("journal_cover", "paper", "retrieval_proof")] + [
        page("journal_cover", "p/cover.pdf", ["WATER RESEARCH", "Volume 215, 15 May 2022", "ISSN 0043-1354", "Elsevier"],
             issn=["0043-1354"], dates=[d("2022-05", "publication")]),
        page("paper", "p/paper.pdf", lines, issn=find_issns("\n".join(lines), bare=True)),
        page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", title], seals=[our_seal()], signatures=[signed("审核人")])]
    found = by_rule(run(pages, app), "journal.registered")
    assert [f.status for f in found] == ([status] if status else []), found
    if status:
        assert "0045-6535" in found[0].message and "0043-1354" in found[0].message


def test_a_missing_cn_is_judged_foreign_by_the_paper_it_is_about_not_by_its_message():
    """journal.cn found a missing CN's paper again by the words of its fail message (论文《…》), and two papers with
    no title in one journal share those words: the second, whose CN was claimed but is printed nowhere, took the first
    one's foreign-journal review and was no longer a fail. The finding now carries its paper."""
    english = ["WATER RESEARCH", "ISSN 0043-1354", "Elsevier"]
    app = applicant(papers=[{"journal": "Water Research", "issn": "0043-1354", "date": "2022-05"},
                            {"journal": "Water Research", "issn": "0043-1354", "cn": "21-1556/X", "date": "2022-09"}])
    pages = [p for p in clean_pages() if p.kind not in ("journal_cover", "paper", "retrieval_proof")] + [
        page("journal_cover", "p/cover.pdf", english + ["Volume 215, 15 May 2022"], issn=["0043-1354"],
             dates=[d("2022-05", "publication")]),
        page("journal_cover", "q/cover.pdf", english + ["Volume 222, 1 September 2022"], issn=["0043-1354"],
             dates=[d("2022-09", "publication")]),
        page("retrieval_proof", "p/jiansuo.jpg", ["检索证明"], seals=[our_seal()], signatures=[signed("审核人")])]
    found = by_rule(run(pages, app), "journal.cn")
    assert sorted((f.status, f.file) for f in found) == [("fail", "q/cover.pdf"), ("review", "p/cover.pdf")], \
        [(f.status, f.file, f.message) for f in found]
    assert "外文期刊" in next(f for f in found if f.status == "review").message


def test_a_form_over_two_years_is_a_review_not_one_years_form():
    """A 2021—2022年度 form (its last year read as an ``assessment_span``) beside the 2023 form: neither 2021 nor
    2022 is a year's form the rule can count, nor surely missing (probe trust12)."""
    span = DateMention(PartialDate.parse_iso("2022"), "2022年度", (100, 100, 400, 150), "assessment_span")
    findings = run([p for p in replace(clean_pages(), "a/kaohe2022.jpg", dates=[span]) if p.file != "a/kaohe2021.jpg"])
    got = {(f.expected or f.value, f.status) for f in by_rule(findings, "assessment.years")}
    assert ("2023", "pass") in got and not any(s == "fail" for _, s in got), got
    [form] = [f for f in by_rule(findings, "assessment.years") if f.file == "a/kaohe2022.jpg"]
    assert form.status == "review" and "跨年度" in form.message and "2021—2022年度" in form.message, form.message
    # one review for the one form, naming the years it alone covers (probe trust24 R05: three reviews, two of them
    # saying a form's year was not read)
    assert "2021、2022 年度" in form.message and form.expected == "2021、2022", form
    assert [f.status for f in by_rule(findings, "assessment.years")].count("review") == 1, got


def test_a_form_over_two_years_beside_a_form_whose_year_is_unread_keeps_both_questions():
    """A 2021—2022年度 form and a form whose year was not read, 2023 missing: the span form is a review naming 2021
    and 2022, the unread form its own review, and 2023 a review (the unread form may be 2023's), never a fail."""
    span = DateMention(PartialDate.parse_iso("2022"), "2022年度", (100, 100, 400, 150), "assessment_span")
    pages = replace(replace(clean_pages(), "a/kaohe2022.jpg", dates=[span]), "a/kaohe2023.jpg", dates=[])
    found = by_rule(run([p for p in pages if p.file != "a/kaohe2021.jpg"]), "assessment.years")
    assert sorted(f.status for f in found) == ["review"] * 3, [(f.status, f.message) for f in found]
    assert any(f.expected == "2023" and "1 页年度考核表未能识别年度" in f.message for f in found), found


@pytest.mark.parametrize("head_state, status", [("uncertain", "review"), ("blank", "fail"), ("signed", "pass")])
def test_the_applicants_own_signature_never_stands_for_a_unit_head_not_read_surely(head_state, status):
    """推荐表 with 申报人签字 signed and 单位负责人签字 blank, its field read as starting in its label's last glyphs:
    'uncertain', and the applicant's own signature passed the document (probe trust12 V03: a silent pass)."""
    own = SignatureField("申报人签字：", (100, 1700, 300, 1750), (300, 1680, 700, 1780), "signed", 0.96)
    head = SignatureField("单位负责人签字：", (800, 1700, 1000, 1750), (1000, 1680, 1300, 1780), head_state, 0.21)
    [f] = [x for x in by_rule(run(replace(clean_pages(), "a/tuijian.jpg", signatures=[own, head])), "signature.present")
           if x.file == "a/tuijian.jpg"]
    assert f.status == status, f.message


def test_a_born_digital_page_drawing_no_picture_is_no_gray_copy(monkeypatch):
    """Probe trust12 P07: an HR system's 公示 exported as a text PDF without its e-seal
    drew no picture at all; its black print looked like a gray copy (seal_gray), and
    seal.present said 「页面无彩色（灰度复印件…）」, a review, where nothing on a vector page
    can hide a worn seal: the missing seal fails. The same gray page as a scan, or a text
    page carrying a picture, is still a gray copy."""
    import numpy as np

    import verify.marks.seals as seals
    from ocr.model import OcrPage
    from ocr.pipeline import PageResult
    from ocr.sources import SourcePage
    from verify.marks.seals.candidates import PageSeals
    from verify.model import Applicant
    from verify.run import pipeline

    monkeypatch.setattr(seals, "search_seals", lambda image, ocr, ink=False, **kw: PageSeals([], gray=True))
    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, names, decide=True: found)
    monkeypatch.setattr("verify.marks.signatures.find_signature_fields", lambda image, ocr, found: [])
    white = np.full((1100, 800, 3), 255, np.uint8)

    def gray(source: str, text_layer: bool, cover: float) -> bool:
        ocr = OcrPage(width=800, height=1100, source=source)
        page = SourcePage(5, 200.0, "pdf", text_layer=ocr if text_layer else None, image_cover=cover)
        result = PageResult(5, ocr, 200.0, _source=page, _image=white)
        read = pipeline.read_page("a.pdf", result, Applicant(name="张三", unit="抚顺市某单位"), None, {})
        return read.fields.get(pipeline.SEAL_GRAY) == "1"

    assert not gray("text_layer", True, 0.0)  # a vector page: no copy, the seal is missing
    assert not gray("text_layer+ocr", True, 0.0)  # its text read again from the pixels: still drawn only
    assert gray("text_layer", True, 0.03)  # a picture on it (a gray scan of a seal may be one)
    assert gray("text_layer+ocr", True, 0.6)  # a scan under its text layer
    assert gray("ocr", False, 1.0)  # a scanned page
    unknown = PageResult(5, OcrPage(width=800, height=1100, source="text_layer"), 200.0, _image=white)
    assert pipeline.read_page("a.pdf", unknown, Applicant(name="张三", unit="抚顺市某单位"), None, {}
                              ).fields.get(pipeline.SEAL_GRAY) == "1"  # no source known: kept a gray copy


def test_a_dossier_of_72_dpi_thumbnails_is_a_review_not_a_pass():
    """Probe trust14, P41: every page a chat app's 72-dpi thumbnail (595×841 px): the rules read them and passed the
    dossier but for one seal too small to read. One review names the pages; an ID card's small photo (its own
    proportions) and a page of a normal scan are none."""
    import dataclasses

    def small(p, w, h):
        return dataclasses.replace(p, ocr=dataclasses.replace(p.ocr, width=w, height=h))

    pages = clean_pages()
    assert not by_rule(run(pages), "dossier.readable")
    thumbs = [small(p, 595, 841) if p.kind != "id_card" else small(p, 640, 404) for p in pages]
    got = by_rule(run(thumbs), "dossier.readable")
    assert [f.status for f in got] == ["review"] and "分辨率过低" in got[0].message
    assert got[0].file == "a/tuijian.jpg" and f"等 {len(pages) - 1} 页" in got[0].message
    assert verdict_of(run(thumbs)) == "review"
    only_id = [small(p, 640, 404) if p.kind == "id_card" else p for p in pages]
    assert not by_rule(run(only_id), "dossier.readable")


@pytest.mark.parametrize("read, status", [
    ("阿依占丽·头头提", "review"),  # 头 is 买 worn, 占 古 misread: one character away, look-alikes counted as one
    ("阿依努尔·吐尔逊", "fail"),  # another person's name
])
def test_a_long_name_read_with_look_alike_characters_is_no_other_person(read, status):
    """Probe trust15 C07: a clean dossier faxed in standard resolution (98 dpi high) had its title certificate's
    阿依古丽·买买提 read 阿依占丽·头头提, three characters off, and identity.name failed 「不是申报人」; two of them are
    look-alikes a recogniser takes for one another (头/买), so the reading is one character away: a review."""
    app = applicant(name="阿依古丽·买买提")
    pages = [p for p in clean_pages()]
    pages = replace(pages, "a/zc.jpg", ocr=page("title_certificate", "x", ["专业技术资格证书", f"姓名：{read}"]).ocr,
                    names=[read])
    got = [f.status for f in by_rule(run(pages, app=app), "identity.name") if f.file == "a/zc.jpg"]
    assert got == [status]


def test_a_name_read_surely_on_one_document_and_unsure_on_another_is_no_other_person():
    """Probe trust15 C07: on a clean dossier faxed in standard resolution 阿依古丽·买买提 was read 阿依占丽·买买提 on
    every form, surely (4-5 nats, both recognisers) on two of them, which failed 「不是申报人」, unsure on five. The
    recogniser's own doubt on the dossier's other documents makes the sure reading no proof of another person: a
    review. Without that doubt elsewhere it still fails (韩雪松 on 韩雪梅's form)."""
    from verify.read.confirm import Confirmation

    def form(file, state, how):
        return dict(ocr=page("annual_assessment", "x", ["年度考核登记表", "姓名 张玮 性别 男"]).ocr,
                    confirmations=[Confirmation("name", "张伟", "张玮", state, -4.0, how, (0, 0, 9, 9))])

    pages = replace(clean_pages(), "a/kaohe2022.jpg", **form("a/kaohe2022.jpg", "contradicted", "lattice+second"))
    sure_only = [f.status for f in by_rule(run(pages), "identity.name") if f.file == "a/kaohe2022.jpg"]
    pages = replace(pages, "a/kaohe2021.jpg", **form("a/kaohe2021.jpg", "unsure", "lattice"))
    # (both forms read 张玮: one review names them both)
    doubted = [f.status for f in by_rule(run(pages), "identity.name") if "kaohe2022" in f"{f.file}{f.message}"]
    assert (sure_only, doubted) == (["fail"], ["review"])


def test_the_certifiers_seal_on_a_copy_is_not_the_documents():
    """HR copies the original on a black-and-white copier and certifies the copy in red,
    「复印件与原件一致」 with its own seal (an archive keeper's 人才服务中心) over the words:
    that seal says the copy is true, not whose document it is. Beside the unit's copied
    seal the document passes as before; where the copied seal was not read (a mere
    mark) it is a review naming the certifier, not seal.unit's fail on the certifier's
    name. The same seal far from the certification, or on a page that does not say it
    is a copy, is the document's seal and still fails."""
    keeper = SealMark((1350, 20, 1650, 320), 0.95, text="北京市海淀区人才服务中心", unit_match="other", color="red")
    mark = SealMark((1000, 1500, 1300, 1800), 0.5, color="dark", certain=False, text="海", unit_match="unreadable")
    form = ["年度考核登记表", "姓名 张伟 性别 男", "考核等次 合格 单位意见（盖章）"]

    def unit_on(lines, seals):
        return on_page("a/kaohe2021.jpg", "seal.unit", ocr=page("annual_assessment", "x", lines).ocr, seals=seals)

    got = unit_on(["复印件与原件一致", *form], [keeper, mark])
    assert [f.status for f in got] == ["review"], got
    assert "复印件核对单位" in got[0].message and "北京市海淀区人才服务中心" in got[0].message
    copied = SealMark((1000, 1500, 1300, 1800), 0.6, color="dark", certain=False, text=UNIT, unit_match="unit")
    assert [f.status for f in unit_on(["复印件与原件一致", *form], [keeper, copied])] == ["pass"]
    far = SealMark((1000, 1900, 1300, 2200), 0.95, text=keeper.text, unit_match="other", color="red")
    assert [f.status for f in unit_on(["复印件与原件一致", *form], [far, mark])] == ["fail"]
    assert [f.status for f in unit_on(form, [keeper, mark])] == ["fail"]


@pytest.mark.parametrize("text_px, status", [(26.9, "review"), (54.0, "fail"), (0.0, "fail")])
def test_a_name_one_character_away_read_surely_on_a_coarse_page_is_no_other_person(text_px, status):
    """Probe trust15 C07: on a fax in standard resolution (204 x 98 dpi, its lines 19-29 pixels tall in the fax's own
    rows) 阿依古丽 was read 阿依占丽 surely by both recognisers (4-5 nats), which failed 「不是申报人」 wherever the
    same reading was not unsure on another document. One character read on so coarse a page is no proof of another
    person: a review saying why. On an ordinary page (lines of 54 pixels, 200 dpi), or one not measured, 韩雪松 on
    韩雪梅's form read so still fails."""
    from verify.read.confirm import Confirmation

    pages = replace(clean_pages(), "a/kaohe2022.jpg", ocr=page("annual_assessment", "x", ["年度考核登记表", "姓名 张玮 性别 男"]).ocr,
                    confirmations=[Confirmation("name", "张伟", "张玮", "contradicted", -4.0, "lattice+second", (0, 0, 9, 9))],
                    text_px=text_px)
    got = [f for f in by_rule(run(pages), "identity.name") if f.file == "a/kaohe2022.jpg"]
    assert [f.status for f in got] == [status]
    if status == "review":
        assert "低分辨率" in got[0].message and "「玮」（申报人姓名中为「伟」）" in got[0].message


def test_the_same_reading_one_character_away_on_several_documents_is_one_review():
    """Probe trust15 C07: a clean dossier faxed in standard resolution had 阿依古丽 read 阿依占丽 on every form, and
    each form was a review of its own: nine on one clean dossier for one cause. The same reading on several documents is
    one review naming them all; a reading found on one document keeps its own, and another person's name still fails."""
    from verify.read.confirm import Confirmation

    def coarse_form(read, state="contradicted"):
        return dict(ocr=page("annual_assessment", "x", ["年度考核登记表", f"姓名 {read} 性别 男"]).ocr, text_px=24.0,
                    confirmations=[Confirmation("name", "张伟", read, state, -4.0, "lattice+second", (0, 0, 9, 9))])

    pages = replace(clean_pages(), "a/kaohe2021.jpg", **coarse_form("张玮"))
    pages = replace(pages, "a/kaohe2022.jpg", **coarse_form("张玮"))
    pages = replace(pages, "a/kaohe2023.jpg", **coarse_form("张玮", "unsure"))
    got = [f for f in by_rule(run(pages), "identity.name") if f.status != "pass"]
    assert [(f.status, f.file) for f in got] == [("review", "a/kaohe2021.jpg")], got
    assert got[0].message.startswith("3 份材料上的姓名都识别为「张玮」") and "kaohe2023.jpg" in got[0].message
    pages = replace(pages, "a/kaohe2022.jpg", **coarse_form("张炜"))
    pages = replace(pages, "a/kaohe2023.jpg", **coarse_form("王建军"))
    got = [(f.status, f.file) for f in by_rule(run(pages), "identity.name") if f.status != "pass"]
    assert got == [("review", "a/kaohe2021.jpg"), ("review", "a/kaohe2022.jpg"), ("fail", "a/kaohe2023.jpg")]


@pytest.mark.parametrize("how, status", [("text_layer", "fail"), ("lattice", "review")])
def test_a_name_one_character_away_in_a_born_digital_pages_own_text_is_another_persons(how, status):
    """Probe trust17 P07, P19: a born-digital 学信网 report, and a filled PDF form, naming 韩雪娟 for 韩雪梅 were reviews,
    as if OCR had misread one character; the page's own text, checked against its pixels, is what the document says:
    another person. The same one character read by the page recogniser alone stays a review."""
    from verify.read.confirm import Confirmation

    pages = replace(clean_pages(), "a/kaohe2022.jpg", ocr=page("annual_assessment", "x", ["年度考核登记表", "姓名 张玮 性别 男"]).ocr,
                    confirmations=[Confirmation("name", "张伟", "张玮", "contradicted", None if how == "text_layer" else -4.0,
                                                how, (0, 0, 9, 9))])
    got = [f.status for f in by_rule(run(pages), "identity.name") if f.file == "a/kaohe2022.jpg"]
    assert got == [status]


def test_another_name_two_characters_away_read_surely_on_a_coarse_page_still_fails():
    """The coarse-page doubt is of one character only: 张宏伟 read surely on 张燚's fax is another person."""
    from verify.read.confirm import Confirmation

    pages = replace(clean_pages(), "a/kaohe2022.jpg", ocr=page("annual_assessment", "x", ["年度考核登记表", "姓名 王建军 性别 男"]).ocr,
                    confirmations=[Confirmation("name", "张伟", "王建军", "contradicted", -9.0, "lattice+second", (0, 0, 9, 9))],
                    text_px=24.0)
    got = [f.status for f in by_rule(run(pages), "identity.name") if f.file == "a/kaohe2022.jpg"]
    assert got == ["fail"]


@pytest.mark.parametrize("cn, text_px, status", [
    ("CN 21-1526/X", 15.0, "review"),  # one digit otherwise on a distant phone photo: no confident reading
    ("CN 21-1526/X", 40.0, "fail"),    # the same on an ordinary scan
    ("CN 11-1234/X", 15.0, "fail"),    # another journal's number still fails however small the print
])
def test_one_character_of_a_cn_on_a_coarse_page_is_a_review(cn, text_px, status):
    """Issue 13: a dropped or swapped digit of a CN on a page whose text is under 30 px must not become a confident
    fail (probe trust16 P20: 11-5860/X for 11-5806/X at 13 px), as identity.name, identity.id_number and title.date
    judge such a page; a number further off still fails."""
    pages = replace(clean_pages(), "p/cover.jpg", cn=[cn], text_px=text_px)
    [f] = by_rule(run(pages), "journal.cn")
    assert f.status == status, f.message
    assert ("低分辨率" in f.message) == (status == "review")


def test_a_seal_of_the_units_name_before_the_2019_reform_is_review_not_another_body():
    """The 2018-19 reform renamed 环境保护局 to 生态环境局 (a district's to the city bureau's 分局): work done before it
    carries the former name's seal, which an applicant may not declare in unit_aliases (probe trust22 C15, C16: a 2018
    proof stamped 抚顺市新抚区环境保护局 failed as another body's for 抚顺市生态环境局新抚分局). The unit's former name
    read surely is a review saying so, and so is the present name's seal where the applicant typed the former one;
    another district's former name, or a body of another kind, fails as before; declared as an alias, it passes."""
    unit = "抚顺市生态环境局新抚分局"
    for text, aliases, want in (("抚顺市新抚区环境保护局", [], "review"), ("抚顺市环境保护局新抚分局", [], "review"),
                                ("抚顺市东洲区环境保护局", [], "fail"), ("抚顺市新抚区自然资源局", [], "fail"),
                                ("抚顺市新抚区环境保护局", ["抚顺市新抚区环境保护局"], "pass")):
        app = applicant(unit=unit, unit_aliases=aliases)
        match = "unit" if aliases else "other"
        seal = SealMark((1000, 1500, 1300, 1800), 0.95, text=text, unit_match=match)
        mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[seal]), app), "seal.unit")
                if f.file == "a/kaohe2021.jpg"]
        assert [f.status for f in mine] == [want], (text, mine)
        assert ("unit_aliases" in mine[0].message) == (want == "review"), mine
    # the applicant typed the former name, the seal reads the present one: a review asking for the present name
    app = applicant(unit="抚顺市新抚区环境保护局", unit_aliases=[])
    seal = SealMark((1000, 1500, 1300, 1800), 0.95, text="抚顺市生态环境局新抚分局", unit_match="other")
    mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[seal]), app), "seal.unit")
            if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in mine] == ["review"] and "将 unit 改为现名称" in mine[0].message, mine


def test_a_seal_of_a_station_the_reform_merged_into_the_units_service_centre_is_review_not_another_body():
    """The reform merged a county's 环境监测站 and 环境监察大队 into its 生态环境保护服务中心: a 2021 form printed and
    stamped 抚顺县环境监测站 failed as another body's for 抚顺县生态环境保护服务中心 (probe trust29 C11). It is a review
    asking for the former name (declared, it passes); another county's station still fails."""
    unit = "抚顺县生态环境保护服务中心"
    for text, aliases, want in (("抚顺县环境监测站", [], "review"), ("抚顺县环境监察大队", [], "review"),
                                ("新宾满族自治县环境监测站", [], "fail"), ("抚顺县环境监测站", ["抚顺县环境监测站"], "pass")):
        app = applicant(unit=unit, unit_aliases=aliases)
        seal = SealMark((1000, 1500, 1300, 1800), 0.95, text=text, unit_match="unit" if aliases else "other")
        mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[seal]), app), "seal.unit")
                if f.file == "a/kaohe2021.jpg"]
        assert [f.status for f in mine] == [want], (text, mine)
        assert ("并入生态环境保护服务中心" in mine[0].message) == (want == "review"), mine


def test_a_seal_of_another_government_department_of_the_units_place_is_another_body():
    """抚顺市新抚区财政局's oval finance seal on an achievement proof of an applicant of 抚顺市生态环境局新抚分局, whose
    former name 抚顺市新抚区环境保护局 is declared, read cleanly and whole, was only a review (probe trust29 P15):
    环境保护 read as 财政 is two characters for four, no near name, yet a worn seal spells no department's word. The
    unit's own department word (自然资源 of a 自然资源事务服务中心) names no other body."""
    app = applicant(unit="抚顺市生态环境局新抚分局", unit_aliases=["抚顺市新抚区环境保护局"])
    seal = SealMark((1000, 1500, 1300, 1800), 0.95, text="抚顺市新抚区财政局", unit_match="other")
    mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[seal]), app), "seal.unit")
            if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in mine] == ["fail"] and "「财政」部门" in mine[0].message, mine
    app = applicant(unit="抚顺市自然资源事务服务中心", unit_aliases=[])
    seal = SealMark((1000, 1500, 1300, 1800), 0.95, text="抚顺市自然资源局", unit_match="other")
    mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[seal]), app), "seal.unit")
            if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in mine] != ["pass"], mine


def test_a_branch_named_in_brackets_after_its_parent_is_the_unit_and_the_parents_seal_is_not_its_own():
    """抚顺市生态环境局（顺城分局）: the unit is the branch, its seal 抚顺市生态环境局顺城分局 passes; the parent bureau's seal
    抚顺市生态环境局 passed too, the bracket read as a second plate (一个机构两块牌子) whose first name is an alias
    (probe trust22). It is the higher body's seal, not the branch's: not a pass."""
    app = applicant(unit="抚顺市生态环境局（顺城分局）", unit_aliases=[])
    assert app.unit_aliases == ()
    for text, match, want in (("抚顺市生态环境局顺城分局", "unit", "pass"), ("抚顺市生态环境局", "unreadable", "review")):
        seal = SealMark((1000, 1500, 1300, 1800), 0.95, text=text, unit_match=match)
        mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[seal]), app), "seal.unit")
                if f.file == "a/kaohe2021.jpg"]
        assert [f.status for f in mine] == [want], (text, mine)


def test_a_claimed_title_written_chuji_gongchengshi_is_no_claim_of_the_engineer_level():
    """An applicant writes the current title 初级工程师: it was read as 工程师, and the certificate's 资格名称：助理工程师 a
    review on a clean dossier (probe trust22's words). 初级 names no one level (助理工程师 or 技术员): the certificate's
    level is not weighed against it; 中级工程师 is 工程师, and a certificate of 技术员 against it stays a review."""
    def cert(level):
        return OcrPage(1000, 800, [OcrLine("专业技术资格证书", ((0, 0), (300, 0), (300, 30), (0, 30)), 0.99),
                                   OcrLine(f"资格名称：{level}", ((0, 100), (300, 100), (300, 130), (0, 130)), 0.99)])

    for claimed, printed, want in (("初级工程师", "助理工程师", ["pass"]), ("中级工程师", "技术员", ["pass", "review"])):
        app = applicant(current_title={"name": claimed, "date": "2019-06-30"})
        got = statuses(run(replace(clean_pages(), "a/zc.jpg", ocr=cert(printed)), app), "title.date")
        assert got == want, (claimed, printed, got)  # the date agrees (pass); the level differs (review)


def test_an_assessment_grade_as_forms_write_it():
    """考核等次：较差 (an enterprise's scale, below 合格) passed silently; 合格（称职）, a grade with its civil servant's name,
    was read as a row of printed choices and 合  格, spread over its cell, as no grade: reviews on clean forms (probe
    trust22 P19, C20, C21). 较差 is a review, the others pass, and a spread 不 合 格 is a review as 不合格 is."""
    def form(grade):
        return OcrPage(1654, 2339, [OcrLine(t, ((100, 100 + 60 * i), (1500, 100 + 60 * i), (1500, 150 + 60 * i), (100, 150 + 60 * i)),
                                            0.99, i) for i, t in enumerate(("2022年度考核登记表", "姓名 张伟 性别 男", grade,
                                                                             "单位意见（盖章）"))])

    for grade, want in (("考核等次：较差", "review"), ("考核等次：合格（称职）", "pass"), ("考核等次   合  格", "pass"),
                        ("考核等次 不 合 格", "review"), ("考核等次：基本合格（基本称职）", "review")):
        mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2022.jpg", ocr=form(grade))), "assessment.years")
                if f.status != "pass" or "2022" in f.message]
        assert [f.status for f in mine] == [want], (grade, mine)
    # the grade in a cell of its own beside its label's: one grade by both its names, not printed choices
    for grade, want in (("合格（称职）", "pass"), ("基本合格（基本称职）", "review")):
        lines = ("2022年度考核登记表", "姓名 张伟 性别 男", "考核等次", grade, "单位意见（盖章）")
        ocr = OcrPage(1654, 2339, [OcrLine(t, ((100, 100 + 60 * i), (700, 100 + 60 * i), (700, 150 + 60 * i), (100, 150 + 60 * i)),
                                           0.99, i) for i, t in enumerate(lines)])
        mine = [f for f in by_rule(run(replace(clean_pages(), "a/kaohe2022.jpg", ocr=ocr)), "assessment.years")
                if f.status != "pass" or "2022" in f.message]
        assert [f.status for f in mine] == [want], (grade, mine)
        assert "勾选" not in mine[0].message, mine


@pytest.mark.parametrize("printed, want", [("2019", "review"), ("2019-06", "review"), ("2018", "fail"), ("2020", "pass")])
def test_an_award_dated_only_to_the_titles_year_or_month_is_a_review_that_names_the_date_read(printed, want):
    """Probe trust24 R04: a certificate printing only 2019年 (no issue date read) beside a title of 2019-06-30 was a
    review saying no date was read at all; the date was read, its precision cannot decide, and the review says so.
    A year wholly before the title still fails, one wholly after still passes."""
    pages = replace(clean_pages(), "p/award.jpg", dates=[d(printed, None, printed + "年")])
    [f] = [x for x in by_rule(run(pages), "evidence.after_title") if x.file == "p/award.jpg"]
    assert f.status == want, f
    if want == "review":
        assert "精度不足" in f.message and printed in f.message and "未能识别" not in f.message, f.message


def test_a_coarse_award_date_against_a_later_claimed_month_says_the_claim_is_not_the_pages():
    """Probe trust24 R06: an award printed 2019年12月 (the title 2019-12-30), claimed 2020-01: a review (the 31st is
    after the title), whose message says the claimed month is not the page's, the claim being no evidence."""
    title = "抚顺市生态环境科学技术奖二等奖"
    pages = drop(clean_pages(), "p/award.jpg") + [
        page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志", f"荣获{title}"], dates=[d("2019-12", "issue", "2019年12月")])]
    for claimed, note in (("2020-01", True), ("2019-12", False)):
        app = applicant(current_title={"name": "助理工程师", "date": "2019-12-30"}, awards=[{"title": title, "date": claimed}])
        [f] = [x for x in by_rule(run(pages, app), "evidence.after_title") if x.file == "p/award.jpg"]
        assert f.status == "review" and "精度不足" in f.message, f
        assert ("申报的日期为 2020-01，与页面日期“2019年12月”不符）" in f.message) == note, f.message
        assert f.message.endswith("，请人工核对"), f.message


def test_a_form_of_a_year_outside_the_window_is_named_beside_the_missing_year():
    """Probe trust24 P04: 2020's form in place of 2021's fails 2021 as missing, the message naming the 2020 form."""
    pages = replace(clean_pages(), "a/kaohe2021.jpg", dates=[d("2020", "assessment_year")])
    [f] = [x for x in by_rule(run(pages), "assessment.years") if x.status != "pass"]
    assert f.status == "fail" and f.message.startswith("缺少 2021 年度考核表（材料中另有 2020 年度考核表"), f.message


@pytest.mark.parametrize("paper_head, listed, want", [
    ("环境保护与循环经济 2021年第12期", "2021年第12期", "pass"),   # proof and pages agree: the claim's 2022 is a typo
    ("环境保护与循环经济 2021年第12期", "2021年第11期", "review"),  # the proof lists another issue than the pages
    ("环境保护与循环经济 摘要", "2021年第12期", "review"),         # no page of the paper's prints its year
])
def test_a_proof_whose_year_the_papers_own_pages_print_is_not_doubted_for_the_claims_year(paper_head, listed, want):
    """Probe trust24 R07: 2019年第12期 on the proof, the cover and the running head, claimed 2020-01: paper.retrieval
    asked whether the proof was the paper's record, which the paper's own pages answer; the claim's date is
    evidence.after_title's to weigh. A proof listing an issue the pages do not print is still a review."""
    proof = page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", f"抚顺地区大气PM2.5来源解析研究 张伟 环境保护与循环经济 {listed}"],
                 seals=[our_seal()], signatures=[signed("审核人")])
    paper = page("paper", "p/paper.jpg", [paper_head, "抚顺地区大气PM2.5来源解析研究", "张伟", "摘要"])
    pages = [proof if p.file == "p/jiansuo.jpg" else paper if p.file == "p/paper.jpg" else p for p in clean_pages()
             if p.kind != "journal_cover"]
    found = by_rule(run(pages), "paper.retrieval")
    assert [f.status for f in found] == [want], [f.message for f in found]


def test_an_exact_award_date_against_a_title_known_to_its_month_names_the_title_as_the_coarse_date():
    """Probe trust24 R02: the title claimed as 2019-12, an award of 2019-12-20: a review (never pass, never fail)
    whose message said the award's exact date lacked precision; it is the title's date that does."""
    app = applicant(current_title={"name": "助理工程师", "date": "2019-12"})
    pages = replace(replace(clean_pages(), "p/award.jpg", dates=[d("2019-12-20", "issue", "2019年12月20日")]),
                    "a/zc.jpg", dates=[d("2019-12", "title_date", "2019年12月")])
    [f] = [x for x in by_rule(run(pages, app), "evidence.after_title") if x.file == "p/award.jpg"]
    assert f.status == "review" and f.message.startswith("现职称取得时间 2019-12 未精确到日"), f.message
    assert "2019-12-20" in f.message, f.message


def _issued_certificate(unit_line, title="结 题 证 书"):
    """A 科学技术局's 结题证书 for a project the unit carried out: its name printed at the foot beside its seal."""
    box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    lines = [OcrLine(title, box(600, 200, 1100, 280), 0.99, 0), OcrLine("承担单位", box(200, 500, 400, 540), 0.99, 1),
             OcrLine(unit_line, box(500, 500, 1100, 540), 0.99, 2), OcrLine("验收日期", box(200, 600, 400, 640), 0.99, 3),
             OcrLine("2021年3月5日", box(500, 600, 800, 640), 0.99, 4), OcrLine("抚顺市科学技术局", box(1100, 1640, 1400, 1690), 0.99, 5),
             OcrLine("2021年4月10日", box(1100, 1700, 1400, 1750), 0.99, 6)]
    seal = SealMark((1050, 1500, 1350, 1800), 0.95, text="抚顺市科学技术局", unit_match="other")
    return PageRead(file="p/jieti.jpg", page=1, ocr=OcrPage(width=1654, height=2339, engine="test", lines=lines),
                    kind="achievement_proof", kind_score=0.9, dates=[d("2021-04-10", "issue")], seals=[seal])


def test_seal_unit_passes_the_issuers_seal_on_a_certificate_it_gave_the_unit():
    """probe trust25 C05: a 科学技术局's 结题证书 naming the unit as 承担单位, sealed by the bureau printed beside its seal,
    failed as another body's seal on an achievement proof. The same seal on the unit's own 业绩证明, or on a certificate
    naming another unit, still fails."""
    found = by_rule(run(clean_pages() + [_issued_certificate(UNIT)]), "seal.unit")
    mine = [f for f in found if f.file == "p/jieti.jpg"]
    assert [f.status for f in mine] == ["pass"] and "颁发" in mine[0].message
    other = [f for f in by_rule(run(clean_pages() + [_issued_certificate("抚顺县生态环境保护服务中心")]), "seal.unit")
             if f.file == "p/jieti.jpg"]
    assert [f.status for f in other] == ["fail"]
    proof = [f for f in by_rule(run(clean_pages() + [_issued_certificate(UNIT, title="业绩证明")]), "seal.unit")
             if f.file == "p/jieti.jpg"]
    assert [f.status for f in proof] == ["fail"]


def test_seal_unit_passes_the_organising_bodys_seal_on_an_expert_groups_acceptance_opinion():
    """probe trust25 C19: the expert group's 项目验收意见, the organising bureau's seal over 组织验收单位（盖章）：<its name>,
    failed as another body's seal; the same seal beside no such label (审核人：) still fails."""
    def opinion(label):
        pg = _issued_certificate(UNIT, title="抚顺市科技计划项目验收意见")
        box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
        pg.ocr.lines[5] = OcrLine(f"{label}抚顺市科学技术局", box(700, 1640, 1400, 1690), 0.99, 5)
        return pg
    ok = [f for f in by_rule(run(clean_pages() + [opinion("组织验收单位（盖章）：")]), "seal.unit") if f.file == "p/jieti.jpg"]
    assert [f.status for f in ok] == ["pass"]
    other = [f for f in by_rule(run(clean_pages() + [opinion("审核人：")]), "seal.unit") if f.file == "p/jieti.jpg"]
    assert [f.status for f in other] == ["fail"]


def _patent_page(filed, granted):
    """A CNIPA 专利证书 as printed: both dates in the upper half (申请日 above 授权公告日), the law's text below."""
    from verify.read.dates import extract_dates

    texts = ["发明专利证书", "发明名称：抚顺地区大气PM2.5来源解析方法", "发明人：张伟；李国强", "专利号：ZL 2018 1 0203456.1",
             f"专利申请日：{filed}", "专利权人：抚顺市生态环境监测站", f"授权公告日：{granted}", "国家知识产权局依照中华人民共和国专利法",
             "经过实质审查，决定授予专利权，颁发发明专利证书", "本专利的专利权期限为二十年，自申请日起算", "专利权人应当依照专利法缴纳年费",
             "专利证书记载专利权登记时的法律状况", "局长 申长雨"]
    pg = page("award_certificate", "p/patent.jpg", texts)
    pg.dates = extract_dates(pg.ocr, "award_certificate")
    return pg


def test_after_title_dates_a_patent_by_its_grant_not_its_filing():
    """probe trust25 C01/P01: a patent filed before the title and granted after it counts from its grant (it was a review:
    no date in the certificate's lower half); one granted before the title fails, its filing date beside it."""
    app = applicant(awards=[{"title": "抚顺地区大气PM2.5来源解析方法（发明专利）", "date": "2021-06"}])
    clean = [f for f in by_rule(run(clean_pages() + [_patent_page("2018年03月05日", "2021年06月18日")], app), "evidence.after_title")
             if f.file == "p/patent.jpg"]
    assert [f.status for f in clean] == ["pass"] and "2021-06-18" in clean[0].message
    app = applicant(awards=[{"title": "抚顺地区大气PM2.5来源解析方法（发明专利）", "date": "2019-05"}])
    early = [f for f in by_rule(run(clean_pages() + [_patent_page("2018年03月05日", "2019年05月21日")], app), "evidence.after_title")
             if f.file == "p/patent.jpg"]
    assert [f.status for f in early] == ["fail"] and "2019-05-21" in early[0].message


def test_a_continuing_education_card_of_old_years_printed_lately_is_a_review():
    """probe trust25 P14: the provincial platform's 学时证明 listing 2016-2018 only, printed (打印日期) in 2024, passed:
    the day it was printed is no year of study. Rows of the period reviewed still pass."""
    def ce(*years):
        return page("continuing_education", "a/jxjy.png", ["专业技术人员继续教育学时证明", "张伟", "年度 公需科目 专业科目",
                                                          *[f"{y}年 30 60 90" for y in years], "打印日期：2024年09月20日"],
                    dates=[d("2024-09-20", "retrieved", "2024年09月20日")])
    old = [f for f in by_rule(run(replace_page(clean_pages(), ce(2016, 2017, 2018))), "dossier.required")
           if f.status != "pass"]
    assert [f.status for f in old] == ["review"] and "2018" in old[0].message
    recent = [f for f in by_rule(run(replace_page(clean_pages(), ce(2021, 2022, 2023))), "dossier.required")
              if f.status != "pass"]
    assert recent == []


def _standard_pages(issued, effective, drafters="赵卫东、张伟、孙丽娟", one_file=True):
    """A local standard's cover (its dates before their labels) and its 前言 naming the 起草人: pages no kind takes."""
    from verify.read.dates import extract_dates

    cover = page("other", "p/biaozhun.pdf", ["辽宁省地方标准", f"DB21/T 3345—{issued[:4]}", "环境空气颗粒物自动监测技术规范",
                                             f"{issued}发布", f"{effective}实施", "辽宁省市场监督管理局 发布"])
    cover.dates = extract_dates(cover.ocr, "other")
    preface = page("other", "p/biaozhun.pdf" if one_file else "p/biaozhun-2.jpg",
                   ["前言", "本文件由辽宁省生态环境厅提出并归口。", f"本文件主要起草人：{drafters}。"], page_no=2 if one_file else 1)
    return [cover, preface]


@pytest.mark.parametrize("issued, effective, claimed, drafters, one_file, status", [
    ("2020-11-20", "2020-12-20", "2020-11-20", "赵卫东、张伟、孙丽娟", True, "pass"),     # published after the title (2019-06-30)
    ("2020-11-20", "2020-12-20", "2020-11-20", "赵卫东、张伟、孙丽娟", False, "pass"),    # its 前言 photographed apart
    ("2019-05-15", "2019-08-01", "2019-08-01", "赵卫东、张伟、孙丽娟", True, "fail"),     # published before it, in force after it
    ("2020-11-20", "2020-12-20", "2020-11-20", "赵卫东、李强、孙丽娟", True, "review"),   # the applicant among no drafters read
])
def test_after_title_judges_a_standard_the_claim_names_by_its_publication(issued, effective, claimed, drafters, one_file, status):
    """probe trust25 C04/P04: a local standard's cover, a page of no kind the rules know, was 「未找到对应的获奖证书或成果
    证明」 though it named the claim; its publication date (2020-11-20发布) is the achievement's, not its 实施 date."""
    app = applicant(awards=[{"title": f"环境空气颗粒物自动监测技术规范（DB21/T 3345—{issued[:4]}）", "date": claimed}])
    found = [f for f in by_rule(run(clean_pages() + _standard_pages(issued, effective, drafters, one_file), app), "evidence.after_title")
             if "颗粒物自动监测" in f.message]
    assert [f.status for f in found] == [status]
    if status != "review":
        assert issued in found[0].message


_NOTICE_LINES = ["关于2024年度专业技术资格评审申报人员情况的公示", "发布时间：2024-10-14 09:00 来源：人事科",
                 "现将我单位申报人员情况予以公示：", "1 张伟 抚顺市生态环境监测站 工程师",
                 "公示时间：2024年10月14日至2024年10月18日。公示期间，如对公示对象有异议，请以书面形式向单位人事科反映。"]


@pytest.mark.parametrize("issued", ["2024-10-14", "2024-10-16"])
def test_the_web_notice_that_opened_a_publicity_is_no_result_issued_early(issued):
    """Probe trust26 C05/C06/C09: the unit's online 公示 notice, printed from the browser or captured with the taskbar
    clock, dated when posted (the start) or captured (mid-period), was reviewed as a result issued before the
    publicity ended. The same date on a result (公示期间未收到异议) is still a review."""
    notice = page("publicity_result", "a/公示网页.pdf", _NOTICE_LINES,
                  dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end"), d(issued, "issue")])
    [f] = [x for x in by_rule(run(clean_pages() + [notice]), "publicity.duration") if x.file == "a/公示网页.pdf"]
    assert f.status == "pass", f.message
    result = page("publicity_result", "a/公示网页.pdf", ["公示结果", "我单位已于2024年10月14日至18日将张伟同志的材料进行公示。",
                                                      "公示期间，未收到任何单位和个人的异议。特此证明。"],
                  dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end"), d(issued, "issue")])
    [f] = [x for x in by_rule(run(clean_pages() + [result]), "publicity.duration") if x.file == "a/公示网页.pdf"]
    assert f.status == "review", f.message


def test_a_web_page_beside_a_stamped_document_of_its_kind_needs_no_marks_of_its_own():
    """Probe trust26 (C05, C09, C11): the unit's 公示 notice printed from Chromium (its URL in the footer) or captured
    with the browser's URL bar, and CNKI's 检索报告 printed to PDF, each beside the stamped document of its kind, failed
    seal.present and were reviewed for seal.unit and signature.present on clean dossiers. Alone, a web page is still no
    stamped document; a seal it does carry that names another body is weighed as any seal."""
    notice = page("publicity_result", "a/公示网页截图.png", ["http://www.fshb.gov.cn/tzgg/202410/t20241014_4312.html"] + _NOTICE_LINES,
                  dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end")])
    report = page("retrieval_proof", "p/检索报告.pdf", ["中国知网（CNKI）文献检索报告", "抚顺地区大气PM2.5来源解析研究"])
    report.ocr.source = "text_layer"
    marks = ("seal.present", "seal.unit", "signature.present")
    both = run(clean_pages() + [notice, report])
    got = {(f.rule, f.file): f.status for f in both if f.rule in marks and f.file in ("a/公示网页截图.png", "p/检索报告.pdf")}
    assert set(got.values()) == {"pass"} and len(got) >= 3, got
    alone = run([p for p in clean_pages() if p.file not in ("a/gongshi.jpg", "p/jiansuo.jpg")] + [notice, report])
    got = {(f.rule, f.file): f.status for f in alone if f.rule in marks and f.file in ("a/公示网页截图.png", "p/检索报告.pdf")}
    assert got[("seal.present", "a/公示网页截图.png")] != "pass" and got[("seal.present", "p/检索报告.pdf")] != "pass", got
    other = SealMark((1000, 1500, 1300, 1800), 0.95, text="抚顺市人力资源和社会保障局", text_score=0.99, unit_match="other")
    sealed = replace([notice], "a/公示网页截图.png", seals=[other])
    got = [f for f in run(clean_pages() + sealed) if f.rule == "seal.unit" and f.file == "a/公示网页截图.png"]
    assert got and got[0].status != "pass", [f.message for f in got]
    library = SealMark((1000, 1500, 1300, 1800), 0.95, text="沈阳大学图书馆", text_score=0.99, unit_match="other")
    report.seals = [library]
    got = [f for f in run(clean_pages() + [report]) if f.rule == "seal.unit" and f.file == "p/检索报告.pdf"]
    assert [f.status for f in got] == ["pass"], [f.message for f in got]
    got = [f for f in run([p for p in clean_pages() if p.file != "p/jiansuo.jpg"] + [report])
           if f.rule == "seal.unit" and f.file == "p/检索报告.pdf"]
    assert got and got[0].status == "fail", [f.message for f in got]


@pytest.mark.parametrize("how", ["url", "query", "text_layer"])
@pytest.mark.parametrize("file", ["a/kaohe2022.jpg", "a/tuijian.jpg"])
def test_a_form_the_unit_stamps_is_never_a_web_copy_excused_by_another_of_its_kind(how, file):
    """Hostile exploration 12: an unstamped 2022 年度考核表 whose page printed a URL (or 「查询时间」, or typed into a
    PDF: its own text layer) passed seal.present 「为网上下载或从网页打印、截图的材料，无需单位盖章签字」 on the 2021
    form's seal. Only kinds a web system issues have such copies; a form the unit fills and stamps never does."""
    from ocr.model import OcrLine

    pages = clean_pages()
    if file == "a/tuijian.jpg":  # a second 推荐表 beside the stamped one, unstamped, unsigned
        pages.append(page("recommendation_form", "a/推荐表2.jpg", ["专业技术资格报评推荐表", "姓名：张伟"]))
        file = "a/推荐表2.jpg"
    target = next(p for p in pages if p.file == file)
    target.seals, target.signatures = [], []
    if how == "text_layer":
        target.ocr.source = "text_layer"
    else:
        text = "http://www.fshb.gov.cn/rsks/2022.html" if how == "url" else "查询时间：2024-10-20"
        target.ocr.lines.append(OcrLine(text, ((100, 2200), (1500, 2200), (1500, 2250), (100, 2250)), 0.99, 9))
    got = [f for f in run(pages) if f.file == file and f.rule in ("seal.present", "signature.present")]
    assert got and all(f.status != "pass" for f in got), [(f.rule, f.status, f.message) for f in got]


def test_a_title_query_result_captured_on_a_phone_beside_the_certificate_needs_no_seal():
    """Probe trust26 C02/C05/C10/C13: the 职称证书查询 result page (a phone's capture: no address shown, 查询条件 and
    共查询到 1 条记录 on it) beside the title certificate failed seal.present on clean dossiers; alone, it still does."""
    query = page("title_certificate", "a/职称证书查询.png", ["辽宁省职称证书查询", "查询条件：姓名 张伟", "共查询到 1 条记录",
                                                          "姓名 张伟", "取得时间 2019年6月30日"], dates=[d("2019-06-30", "title_date")])
    [f] = [x for x in run(clean_pages() + [query]) if x.rule == "seal.present" and x.file == "a/职称证书查询.png"]
    assert f.status == "pass" and "a/zc.jpg" in f.message, f.message
    [f] = [x for x in run([p for p in clean_pages() if p.file != "a/zc.jpg"] + [query])
           if x.rule == "seal.present" and x.file == "a/职称证书查询.png"]
    assert f.status != "pass", f.message


def test_a_title_certificate_typed_into_a_pdf_is_not_excused_by_another_titles_stamped_certificate():
    """Hostile exploration 12: the claimed title's certificate typed into a PDF (its own text layer), unstamped, beside
    the stamped certificate of the former title (another approval date) passed seal.present as a web copy. A web copy
    of a title is excused by a certificate of the same approval date only."""
    pages = clean_pages()
    next(p for p in pages if p.file == "a/zc.jpg").dates = [d("2015-06-30", "title_date")]
    typed = page("title_certificate", "a/工程师证书.pdf", ["专业技术资格证书", "姓名 张伟", "评审通过时间 2019年6月30日"],
                 dates=[d("2019-06-30", "title_date")])
    typed.ocr.source = "text_layer"
    [f] = [x for x in run(pages + [typed]) if x.rule == "seal.present" and x.file == "a/工程师证书.pdf"]
    assert f.status != "pass", f.message
    typed.dates = [d("2015-06-30", "title_date")]  # the download of the certificate beside it: excused
    [f] = [x for x in run(pages + [typed]) if x.rule == "seal.present" and x.file == "a/工程师证书.pdf"]
    assert f.status == "pass", f.message


def test_a_retrieval_report_typed_for_a_paper_no_stamped_proof_lists_is_not_excused():
    """Hostile exploration 12: a 检索报告 typed into a PDF for a second paper, beside the library's stamped proof of
    the first only, passed seal.present and signature.present as CNKI's web copy. A web copy of a retrieval proof is
    excused only for the papers a stamped proof lists."""
    two = [{"title": "抚顺地区大气PM2.5来源解析研究", "journal": "环境保护与循环经济", "issn": "1674-1021",
            "cn": "21-1556/X", "date": "2022-05"},
           {"title": "浑河流域水质时空变化特征研究", "journal": "环境保护与循环经济", "issn": "1674-1021",
            "cn": "21-1556/X", "date": "2022-05"}]
    marks = ("seal.present", "signature.present")
    for listed, excused in ((["浑河流域水质时空变化特征研究"], False), (["抚顺地区大气PM2.5来源解析研究"], True)):
        typed = page("retrieval_proof", "p/检索报告.pdf", ["中国知网（CNKI）文献检索报告", *listed])
        typed.ocr.source = "text_layer"
        got = [f for f in run(clean_pages() + [typed], applicant(papers=two)) if f.file == "p/检索报告.pdf" and f.rule in marks]
        assert got and all((f.status == "pass") == excused for f in got), (listed, [(f.rule, f.status) for f in got])


def test_a_compact_table_row_does_not_take_the_next_papers_issue():
    """Probe trust26 C05: CNKI's 检索报告 printed and scanned, rows two lines tall; the claimed paper's issue cell
    wrapped (2022年第43卷第5 / 期) and the next paper's row (2023年第46卷第2期) was read as its, a review on a clean
    dossier. The next row starts at the next title in the title's column with cells beside it."""
    def box(x, y, w):
        return ((x, y), (x + w, y), (x + w, y + 30), (x, y + 30))
    cells = [("序号", 60, 100, 50), ("题名", 200, 100, 60), ("刊名", 700, 100, 60), ("年卷期", 950, 100, 90),
             ("1", 60, 150, 20), ("抚顺地区大气PM2.5来源解析研究", 200, 150, 420), ("环境保护与循环经济", 700, 150, 200),
             ("2022年第43卷第5", 950, 150, 200), ("北大核心", 1200, 150, 100), ("1021", 700, 185, 60), ("期", 950, 185, 30),
             ("2", 60, 225, 20), ("抚顺市浑河流域水环境承载力评价", 200, 225, 420), ("环境科学与技术", 700, 225, 180),
             ("2023年第46卷第2期", 950, 225, 220), ("特此证明。", 200, 400, 150)]
    ocr = OcrPage(width=1654, height=2339, engine="test", lines=[OcrLine(t, box(x, y, w), 0.99, i) for i, (t, x, y, w) in enumerate(cells)])
    proof = PageRead(file="p/jiansuo.jpg", page=1, ocr=ocr, kind="retrieval_proof", kind_score=0.9, seals=[our_seal()],
                     signatures=[signed("审核人")])
    found = by_rule(run(replace_page(clean_pages(), proof)), "paper.retrieval")
    assert [f.status for f in found] == ["pass"], [f.message for f in found]


def test_a_phone_capture_of_the_same_education_record_as_the_stamped_print_needs_no_marks():
    """Probe trust26 C02/C07/C13: 学信网's 学历在线验证报告 captured on a phone (no address shown, 学信网's e-seal) beside
    the print of it the unit stamped and signed: seal.unit and signature.present reviews on clean dossiers. The same
    证书编号 (the diploma's number) on both makes them one record; another record (another degree) keeps its findings."""
    xuexin = SealMark((1000, 1100, 1300, 1400), 0.99, text="全国高等学校学生信息咨询与就业指导中心", text_score=0.99,
                      unit_match="other")

    def capture(no):
        p = page("education_verification", "a/学信网验证报告.png", ["学信网·学历在线验证报告", "姓名 张伟", f"证书编号 {no}"],
                 seals=[xuexin])
        p.fields["certificate_no"] = no
        return p
    marks = ("seal.unit", "signature.present")
    pages = clean_pages()
    pages[5].fields["certificate_no"] = "101531201005001234"  # a/xuexin.pdf, the stamped, signed print
    same = run(pages + [capture("101531201005001234")])
    assert {f.status for f in same if f.file == "a/学信网验证报告.png" and f.rule in marks} == {"pass"}
    other = run(pages + [capture("104251201505009876")])
    assert "pass" not in {f.status for f in other if f.file == "a/学信网验证报告.png" and f.rule in marks}


def test_an_old_form_whose_year_is_unread_beside_every_years_form_is_no_review():
    """An applicant's 1990s form kept with the three asked for: its year unread (二〇〇〇 read 二OO), its own date
    (2000年12月25日) before any asked year's form could be signed: no year's form in doubt (probe trust28 C15). Dated
    within reach of an asked year, or not dated, it stays a review; and where a year is missing it may still be its form."""
    from verify.read.dates import extract_dates

    def old(last):
        form = page("annual_assessment", "a/kaohe-old.jpg", ["二OO年度事业单位工作人员考核登记表", "姓名 张伟 性别 男",
                                                             "考核等次 合格", last], seals=[our_seal()])
        form.dates = extract_dates(form.ocr, "annual_assessment")
        return form

    years = by_rule(run(clean_pages() + [old("二〇〇〇年十二月二十五日")]), "assessment.years")
    assert [f.status for f in years if f.status != "pass"] == []
    for last in ("二〇二〇年十二月二十五日", "单位意见 同意"):
        years = by_rule(run(clean_pages() + [old(last)]), "assessment.years")
        assert [(f.status, f.file) for f in years if f.status != "pass"] == [("review", "a/kaohe-old.jpg")]
    years = by_rule(run(drop(clean_pages(), "a/kaohe2022.jpg") + [old("二〇〇〇年十二月二十五日")]), "assessment.years")
    assert "review" in {f.status for f in years if f.file == "a/kaohe-old.jpg" or f.expected == "2022"}


def test_a_diploma_copy_the_unit_checked_in_place_of_the_verification_is_a_review_not_a_fail():
    """学信网 holds no 中专 diploma nor one from before 2001: the unit's certified copy may be the material the notice
    asks for in their place (probe trust28 C10: an older applicant's 1985 中专 diploma failed as missing). A diploma's
    copy nobody checked stays no verification: missing fails."""
    checked = page("other", "a/biye.jpg", ["学历证书复印件", "中等专业学校毕业证书", "准予毕业。", "一九八五年七月",
                                            "经核对，该学历证书复印件与原件一致。", "人事部门审核人签字："], seals=[our_seal()])
    req = by_rule(run(drop(clean_pages(), "a/xuexin.pdf") + [checked]), "dossier.required")
    assert [(f.status, f.file) for f in req if f.expected == "education_verification"] == [("review", "a/biye.jpg")]
    bare = page("other", "a/biye.jpg", ["中等专业学校毕业证书", "准予毕业。", "一九八五年七月"])
    req = by_rule(run(drop(clean_pages(), "a/xuexin.pdf") + [bare]), "dossier.required")
    assert [f.status for f in req if f.expected == "education_verification"] == ["fail"]


@pytest.mark.parametrize("third,want", [("一九五七年六月二十日", "fail"), ("二〇二〇年六月二十日", "review")])
def test_an_award_date_whose_readings_differ_but_all_fall_before_the_title_fails(third, want):
    """The page's date read 一九九七 twice and 一九五七 stretched, the claim (2021) far below every reading: the readings
    differ in a numeral, not on the side of the title, which is what the rule weighs (probe trust28 P18: a review).
    One reading after the title leaves it a review."""
    from verify.read.confirm import Confirmation

    title = "抚顺市科学技术进步奖三等奖"
    award = page("award_certificate", "p/award.jpg", ["荣誉证书", "张伟同志", f"荣获{title}", "一九九七年六月二十日"],
                 dates=[d("1997-06-20", "issue", "一九九七年六月二十日")])
    award.confirmations = [Confirmation("award_date", "二〇二一年六月二十日", "一九九七年六月二十日", "unsure", -28.0, "lattice",
                                        (100, 100, 400, 150), [("page", "一九九七年六月二十日", -34.7, 0.999),
                                                               ("original", "一九九七年六月二十日", -30.1, 0.975),
                                                               ("stretch1.4", third, -31.1, 0.926)])]
    pages = [p for p in clean_pages() if p.file != "p/award.jpg"] + [award]
    mine = [f for f in by_rule(run(pages, applicant(awards=[{"title": title, "date": "2021-06-20"}])), "evidence.after_title")
            if f.file == "p/award.jpg"]
    assert [f.status for f in mine] == [want], mine


def test_seal_unit_a_seal_read_as_the_units_name_with_a_character_lost_is_a_review_not_another_body(monkeypatch):
    """probe trust14 P41: a 113-px seal on a 72-dpi thumbnail read 北京中导开科技有限公司 (源 dropped), its readings
    taken as surely another body's (here: ``_another_body`` as P41's readings made it), failed as "not the unit":
    characters lost and none changed is no confident reading of another body, a review. A character changed still
    fails; so does a name that lost more than a quarter of the unit's."""
    from verify.rules import seal_unit

    monkeypatch.setattr(seal_unit, "_another_body", lambda seal, names: True)

    def seal(text):
        return [SealMark((1000, 1500, 1300, 1800), 0.95, text=text, unit_match="other")]

    lost = on_page("a/kaohe2021.jpg", "seal.unit", seals=seal("抚顺市生态环境监站"))
    assert [f.status for f in lost] == ["review"] and "缺字" in lost[0].message
    assert [f.status for f in on_page("a/kaohe2021.jpg", "seal.unit", seals=seal("抚顺市生态环境监理站"))] == ["fail"]
    assert [f.status for f in on_page("a/kaohe2021.jpg", "seal.unit", seals=seal("抚顺市环境站"))] == ["fail"]


def test_a_notice_handed_in_without_the_result_is_a_review():
    """Probe trust16 P22 (alt19 K4 the same): the unit's web 公示 notice (予以公示 … 如有异议, posted the day the
    publicity began) handed in as the only publicity page says when the publicity was to run, not that it ran its
    course without objection: a review, never a pass. Beside a result it stays the result's context and passes."""
    notice = page("publicity_result", "a/公示网页.pdf", _NOTICE_LINES,
                  dates=[d("2024-10-14", "publicity_start"), d("2024-10-18", "publicity_end"), d("2024-10-14", "issue")])
    alone = [p for p in clean_pages() if p.kind != "publicity_result"] + [notice]
    [f] = by_rule(run(alone), "publicity.duration")
    assert f.status == "review" and "公示通知" in f.message, f.message
    found = by_rule(run(clean_pages() + [notice]), "publicity.duration")
    assert [x.status for x in found] == ["pass", "pass"], [x.message for x in found]


def _hr_stamp_form(head: str, checker: str):
    """The clean dossier's recommendation form with HR's red 「原件已审 / 核对人：____」 pressed under it: the unit
    head's field ``head`` and the stamp's 核对人 ``checker`` (signed or blank)."""
    box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))  # noqa: E731
    lines = [OcrLine("专业技术资格报评推荐表", box(500, 100, 1100, 160), 0.99, 0),
             OcrLine("负责人（签字）：", box(230, 1180, 490, 1230), 0.99, 1),
             OcrLine("原件已审", box(240, 2060, 400, 2105), 0.95, 2),
             OcrLine("核对人：", box(206, 2110, 317, 2160), 0.95, 3)]
    fields = [SignatureField("负责人（签字）：", (230, 1180, 490, 1230), (490, 1140, 950, 1280), head),
              SignatureField("核对人：", (206, 2110, 317, 2160), (154, 2160, 705, 2315), checker)]
    pages = clean_pages()
    return replace(pages, "a/tuijian.jpg", ocr=OcrPage(1654, 2339, lines), signatures=fields)


def test_the_checker_field_of_hr_copy_stamp_is_not_the_documents():
    """Probe trust38 C06: HR's 原件已审 stamp under a signed recommendation form, its 核对人 line read as blank, asked a
    person to look (「负责人（签字）」栏已签字，但「核对人：」栏未签字). The stamp's checker is the copy's certifier:
    neither its blank nor its name says anything of the document's own signature."""
    assert [f.status for f in by_rule(run(_hr_stamp_form("signed", "blank")), "signature.present")
            if f.file == "a/tuijian.jpg"] == ["pass"]
    assert [f.status for f in by_rule(run(_hr_stamp_form("blank", "signed")), "signature.present")
            if f.file == "a/tuijian.jpg"] == ["fail"]


def test_a_colleagues_certificate_certified_in_the_applicants_hand_names_the_colleague():
    """Probe trust38 P27 (P13 likewise on an award): a colleague's title certificate under the applicant's own
    「此复印件与原件一致，仅供职称申报使用 / 张伟 2024年10月8日」: the applicant's name only in the certification's signature
    was taken for the applicant named elsewhere on the page (a review); the certifier's name is no name of the
    document's. With the applicant's own name in the slot, the same certification passes."""
    box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))  # noqa: E731

    def cert(slot):
        return OcrPage(1654, 2339, [OcrLine("专业技术资格证书", box(448, 338, 1199, 435), 0.99, 0),
                                    OcrLine(f"姓名：{slot}", box(259, 570, 548, 626), 0.99, 1),
                                    OcrLine("评审通过时间：2019.06.30", box(266, 1140, 739, 1188), 0.99, 2),
                                    OcrLine("此复印件与原件一致，仅供职称申报使用", box(292, 2297, 1214, 2390), 0.9, 3),
                                    OcrLine("张伟", box(322, 2400, 488, 2464), 0.9, 4),
                                    OcrLine("2024年10月8日", box(575, 2384, 915, 2452), 0.9, 5)])

    got = by_rule(run(replace(clean_pages(), "a/zc.jpg", ocr=cert("高振宇"), names=["高振宇"])), "identity.name")
    assert [f.status for f in got if f.file == "a/zc.jpg"] == ["fail"], [f.message for f in got]
    got = by_rule(run(replace(clean_pages(), "a/zc.jpg", ocr=cert("张伟"), names=["张伟"])), "identity.name")
    assert [f.status for f in got if f.file == "a/zc.jpg"] == ["pass"]


def test_a_certification_written_over_a_signature_field_leaves_it_unsure():
    """Probe trust38 P23: the applicant's 「此复印件与原件一致，仅供职称申报使用」 written through the 学信网 page's empty
    核查人（签字） field: its ink in the field passed it as signed. Ink there may be the sentence alone: a person looks.
    A field read blank under it stays blank (a fail)."""
    box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))  # noqa: E731
    ocr = OcrPage(1654, 2339, [OcrLine("学历证书电子注册备案表", box(500, 100, 1100, 160), 0.99, 0),
                               OcrLine("经核查，该同志学历信息与原件一致。", box(230, 1450, 1000, 1500), 0.99, 1),
                               OcrLine("此复印件与原件一致，仅供职称申报使用", box(520, 1520, 1450, 1590), 0.9, 2),
                               OcrLine("核查人（签字）", box(230, 1579, 548, 1699), 0.99, 3)])

    def edu(state):
        field = SignatureField("核查人（签字）", (230, 1579, 548, 1699), (548, 1471, 1088, 1807), state, 0.35)
        return replace(clean_pages(), "a/xuexin.pdf", ocr=ocr, signatures=[field])

    got = [f for f in by_rule(run(edu("signed")), "signature.present") if f.file == "a/xuexin.pdf"]
    assert [f.status for f in got] == ["review"] and "复印件说明" in got[0].message, [f.message for f in got]
    got = [f for f in by_rule(run(edu("blank")), "signature.present") if f.file == "a/xuexin.pdf"]
    assert [f.status for f in got] == ["fail"]


def test_a_proof_of_the_claimed_journal_listing_another_title_whole_leaves_the_paper_without_a_proof():
    """The proof a murky page's lost title excuses (a review) is not one that lists another paper whole in the same
    journal (a colleague's proof, or the applicant's other paper): the claimed paper still lacks its proof (a fail)."""
    other = page("retrieval_proof", "p/jiansuo.jpg", ["检索证明", "城市餐饮油烟排放特征及监管对策", "环境保护与循环经济",
                                                      "2022，(5)"], seals=[our_seal()], signatures=[signed("审核人")])
    pages = [p for p in clean_pages() if p.file != "p/jiansuo.jpg"] + [other]
    found = by_rule(run(pages), "paper.retrieval")
    assert [f.status for f in found if f.status != "pass"] == ["fail"], [f.message for f in found]
