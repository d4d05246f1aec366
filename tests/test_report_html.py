"""Structure tests for report.html, built from a hand-made report dict and pages
with synthetic thumbnails (no pipeline, no OCR engine), plus a headless-browser
screenshot check that skips when Debian ``chromium`` is absent."""
from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import cv2
import numpy as np
import pytest

from ocr.model import OcrLine, OcrPage
from verify.read.dates import PartialDate
from verify.model import DateMention, PageRead, SealMark, SignatureField
from verify.report.html import RULE_NAMES_ZH, render_html

PAGE_W, PAGE_H = 2480, 3508
RULE_IDS_OF_CONTRACT = (
    "dossier.required assessment.years evidence.after_title title.date journal.issn journal.cn "
    "paper.retrieval paper.relevance seal.present seal.unit signature.present identity.name "
    "identity.id_number publicity.duration"
).split()


def _line(text: str, x0: int, y0: int, x1: int, y1: int, score: float = 0.97) -> OcrLine:
    return OcrLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), score)


def _thumbnail(lines: list[OcrLine], seal_box=None, long_side: int = 1000) -> bytes:
    """A page-like JPEG: white paper, grey bars where the text lines are, a red ring for a seal."""
    s = long_side / max(PAGE_W, PAGE_H)
    w, h = round(PAGE_W * s), round(PAGE_H * s)
    img = np.full((h, w, 3), 250, np.uint8)
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        cv2.rectangle(img, (int(x0 * s), int(y0 * s)), (int(x1 * s), int(y1 * s)), (70, 70, 70), -1)
    if seal_box:
        x0, y0, x1, y1 = seal_box
        c = (int((x0 + x1) / 2 * s), int((y0 + y1) / 2 * s))
        cv2.circle(img, c, int((x1 - x0) / 2 * s), (40, 40, 220), 4)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return buf.tobytes()


def _png(size: int = 120, colour=(40, 40, 220), width: int | None = None) -> bytes:
    img = np.full((size, width or size, 3), 255, np.uint8)
    cv2.circle(img, (size // 2, size // 2), size // 2 - 4, colour, 3)
    ok, buf = cv2.imencode(".png", img)
    assert ok
    return buf.tobytes()


def sample_pages() -> list[PageRead]:
    award_lines = [
        _line("荣誉证书", 900, 400, 1580, 560),
        _line("张伟同志：", 300, 900, 900, 1000),
        _line("荣获抚顺市科学技术进步奖三等奖", 300, 1100, 2100, 1200),
        _line("2018年12月", 412, 1630, 780, 1688, 0.91),
        _line("<script>alert(1)</script> & 噪声", 300, 2000, 1600, 2080, 0.41),
    ]
    seal_box = (1010, 1500, 1340, 1830)
    award = PageRead(
        file="scans/award_2018.jpg",
        page=1,
        ocr=OcrPage(PAGE_W, PAGE_H, award_lines, engine="ppocr"),
        kind="award_certificate",
        kind_score=0.92,
        dates=[DateMention(PartialDate(2018, 12), "2018年12月", (412, 1630, 780, 1688), "issue")],
        names=["张伟"],
        seals=[
            SealMark(
                bbox=seal_box, score=0.93, text="抚顺市生态环境局", unit_match="other",
                crop_png=_png(), unwrap_png=_png(80, (200, 60, 60), width=480),
            )
        ],
        thumbnail_jpeg=_thumbnail(award_lines, seal_box),
    )
    form_lines = [
        _line("专业技术人员年度考核登记表", 600, 300, 1900, 420),
        _line("2022年度", 1000, 500, 1400, 580),
        _line("单位负责人签字：", 300, 3000, 900, 3080),
    ]
    form = PageRead(
        file="scans/考核表.pdf",
        page=2,
        ocr=OcrPage(PAGE_W, PAGE_H, form_lines, engine="ppocr"),
        kind="annual_assessment",
        kind_score=0.88,
        dates=[DateMention(PartialDate(2022), "2022年度", (1000, 500, 1400, 580), "assessment_year")],
        seals=[SealMark(bbox=(1500, 2700, 1900, 3100), score=0.4, color="dark", certain=False)],
        signatures=[
            SignatureField(
                label="单位负责人签字", label_bbox=(300, 3000, 900, 3080), field_bbox=(920, 2980, 1700, 3100),
                state="blank", crop_png=_png(90, (180, 180, 180)),
            )
        ],
        thumbnail_jpeg=_thumbnail(form_lines),
    )
    journal_lines = [_line("环境保护与循环经济", 500, 300, 2000, 460), _line("ISSN 1674-1021  CN 21-1556/X", 600, 3200, 1900, 3280)]
    journal = PageRead(
        file="journal/cover.png",
        page=1,
        ocr=OcrPage(PAGE_W, PAGE_H, journal_lines, engine="ppocr"),
        kind="journal_cover",
        issn=["1674-1021"],
        cn=["CN 21-1556/X"],
        thumbnail_jpeg=_thumbnail(journal_lines),
    )
    return [award, form, journal]


def sample_report(pages: list[PageRead]) -> dict:
    return {
        "schema": "dossier-report/1",
        "key": "zhangwei",
        "applicant": {
            "name": "张伟",
            "unit": "抚顺市生态环境监测站",
            "unit_aliases": ["抚顺市环境监测中心站"],
            "unit_kind": "institution",
            "specialty": "生态环境监测",
            "level": "工程师",
            "current_title": {"name": "助理工程师", "date": "2019-06-30"},
        },
        "verdict": "fail",
        "findings": [
            {"rule": "journal.issn", "status": "pass", "file": "journal/cover.png", "page": 1,
             "message": "ISSN 1674-1021 校验位正确，与申报一致", "value": "1674-1021", "expected": "1674-1021",
             "bbox": [600, 3200, 1900, 3280]},
            {"rule": "seal.unit", "status": "review", "file": "scans/award_2018.jpg", "page": 1,
             "message": "印章印文为“抚顺市生态环境局”，与申报单位不符，请核对", "value": "抚顺市生态环境局",
             "expected": "抚顺市生态环境监测站", "bbox": [1010, 1500, 1340, 1830]},
            {"rule": "evidence.after_title", "status": "fail", "file": "scans/award_2018.jpg", "page": 1,
             "message": "获奖日期 2018-12 早于现职称取得时间 2019-06-30", "value": "2018年12月",
             "expected": "晚于 2019-06-30", "bbox": [412, 1630, 780, 1688]},
            {"rule": "signature.present", "status": "fail", "file": "scans/考核表.pdf", "page": 2,
             "message": "单位负责人签字栏空白", "value": None, "expected": "签字", "bbox": [920, 2980, 1700, 3100]},
            {"rule": "assessment.years", "status": "fail", "file": None, "page": None,
             "message": "缺少 2021 年度考核表", "value": "2022、2023", "expected": "2021、2022、2023", "bbox": None},
            {"rule": "identity.name", "status": "pass", "file": "scans/award_2018.jpg", "page": 1,
             "message": "证书姓名为申报人 <张伟>", "value": "张伟", "expected": "张伟", "bbox": [300, 900, 900, 1000]},
        ],
        "documents": [p.to_dict() for p in pages],
        "unreadable": [{"file": "scans/broken.pdf", "reason": "PDF 文件已加密，无法读取"}],
    }


@pytest.fixture(scope="module")
def pages() -> list[PageRead]:
    return sample_pages()


@pytest.fixture(scope="module")
def html(pages) -> str:
    return render_html(sample_report(pages), pages)


class _Collector(HTMLParser):
    """Collects tags, attributes and text so tests read structure, not regexes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.script_bodies if self._in_script else self.text).append(data)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    return c


def test_rule_names_cover_every_contract_rule():
    assert set(RULE_IDS_OF_CONTRACT) <= set(RULE_NAMES_ZH)
    assert RULE_NAMES_ZH["evidence.after_title"] == "业绩取得时间晚于现职称"
    for name in RULE_NAMES_ZH.values():
        assert re.search(r"[\u4e00-\u9fff]", name)


def test_title_applicant_and_verdict_on_top(html):
    assert "职称申报材料核验报告" in html
    text = "".join(_parse(html).text)
    for value in ("张伟", "抚顺市生态环境监测站", "事业单位", "生态环境监测", "工程师", "助理工程师", "2019-06-30"):
        assert value in text
    verdict = re.search(r'<section class="verdict v-(\w+)">.*?<strong>(.*?)</strong>', html, re.S)
    assert verdict and verdict.groups() == ("fail", "不通过")
    # the verdict comes before the list of findings
    assert html.index('class="verdict') < html.index('id="findings"') < html.index('id="documents"')


@pytest.mark.parametrize(
    "findings, verdict, text",
    [
        ([{"rule": "seal.present", "status": "pass", "message": "ok"}], None, "通过"),
        ([{"rule": "seal.present", "status": "review", "message": "?"}], None, "需人工复核"),
        ([{"rule": "seal.present", "status": "bogus", "message": "?"}], None, "需人工复核"),
        ([{"rule": "seal.present", "status": "pass", "message": "ok"}], "review", "需人工复核"),
        ([], "fail", "不通过"),
    ],
)
def test_verdict_text(findings, verdict, text):
    report = {"key": "k", "applicant": {"name": "王"}, "findings": findings}
    if verdict:
        report["verdict"] = verdict
    html = render_html(report)
    assert re.search(r'<section class="verdict v-\w+">.*?<strong>(.*?)</strong>', html, re.S).group(1) == text


def test_unknown_status_is_never_shown_as_pass():
    html = render_html({"findings": [{"rule": "seal.present", "status": "maybe", "message": "m"}]})
    assert 'data-status="review"' in html and 'data-status="pass"' not in html


def test_failures_then_review_then_pass(html):
    statuses = re.findall(r'<article class="finding st-(\w+)[^"]*" id="f-(\d+)"', html)
    order = [s for s, _ in statuses]
    assert order == ["fail", "fail", "fail", "review", "pass", "pass"]
    assert [int(n) for _, n in statuses] == list(range(1, 7))
    # within a status the report's own order is kept
    fails = re.findall(r'<article class="finding st-fail[^"]*".*?<p class="msg">(.*?)</p>', html, re.S)
    assert fails[0].startswith("获奖日期") and fails[2].startswith("缺少 2021")


def test_finding_shows_rule_name_place_value_expected(html):
    card = re.search(r'<article class="finding st-fail" id="f-1".*?</article>', html, re.S).group(0)
    text = "".join(_parse(card).text)
    for piece in ("业绩取得时间晚于现职称", "scans/award_2018.jpg 第 1 页",
                  "获奖日期 2018-12 早于现职称取得时间 2019-06-30", "读取值", "2018年12月", "应为", "晚于 2019-06-30"):
        assert piece in text
    # the rule's ID is for tools (data-rule) and the name's title, not shown to a Chinese reviewer
    assert "evidence.after_title" not in text
    assert 'data-rule="evidence.after_title"' in card and 'title="规则编号：evidence.after_title"' in card
    # the finding box is drawn in page pixels on the shared page image
    assert re.search(r'<rect class="hl hl-fail" x="412" y="1630" width="368" height="58"', card)
    assert re.search(rf'<svg class="page" viewBox="0 0 {PAGE_W} {PAGE_H}"', card)
    # the seal crop of that page and the collapsible text read are beside it
    assert "印章 1" in text and "<details" in card and "识别文字" in text
    assert '<svg class="cropimg" style="width:240px;height:40px" viewBox="0 0 480 80"' in card  # the unwrapped strip
    # the OCR lines inside the box are listed with their confidence
    assert re.search(r"框内识别文字.*?2018年12月.*?置信度 0\.91", text)
    assert "荣获抚顺市科学技术进步奖三等奖" not in re.search(r"<ul>.*?</ul>", card, re.S).group(0)
    # the dossier-level finding names no file
    missing = re.search(r'<article class="finding st-fail nofile" id="f-3".*?</article>', html, re.S).group(0)
    assert "整份材料" in missing and "<svg" not in missing  # as the desk says it (the report said 整套材料)


def test_the_rules_table_names_each_rule_in_chinese_and_keeps_its_id_for_tools(html):
    """按规则汇总 had a 规则编号 column of IDs (seal.unit …): English noise to a reviewer."""
    table = re.search(r'<section class="card" id="rules">.*?</section>', html, re.S).group(0)
    text = "".join(_parse(table).text)
    assert "规则编号" not in text and not [r for r in RULE_IDS_OF_CONTRACT if r in text]
    assert all(f'<tr data-rule="{r}">' in table for r in RULE_IDS_OF_CONTRACT)
    assert re.search(r'<tr data-rule="seal.unit"><td title="规则编号：seal.unit">印章为申报单位公章</td>', table)
    # a rule without a Chinese name still says which it is
    other = render_html({"findings": [{"rule": "something.new", "status": "review", "message": "m"}]})
    card = re.search(r'<article class="finding.*?</article>', other, re.S).group(0)
    assert "其他检查" in card and "<code>something.new</code>" in card


def test_pass_cards_are_compact_and_doubtful_text_is_marked(pages):
    report = sample_report(pages)
    report["findings"].append({"rule": "identity.name", "status": "review", "file": "scans/award_2018.jpg",
                               "page": 1, "message": "姓名识别置信度低", "bbox": [300, 2000, 1600, 2080]})
    html = render_html(report, pages)
    passes = re.findall(r'<article class="finding st-pass".*?</article>', html, re.S)
    assert passes and all("<details class=\"pview\">" in c and "整页识别文字" not in c for c in passes)
    review = re.findall(r'<article class="finding st-review".*?</article>', html, re.S)[-1]
    assert re.search(r'<span class="warn small">置信度 0\.41</span>', review)
    assert "整页识别文字" in review


def test_everything_is_escaped(html):
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 噪声" in html
    assert "<张伟>" not in html and "&lt;张伟&gt;" in html
    parsed = _parse(html)
    assert [t for t, _ in parsed.tags].count("script") == 1  # only our filter script


def test_escaping_of_hostile_fields():
    evil = '"><img src=x onerror=alert(1)>'
    report = {
        "key": evil,
        "applicant": {"name": evil, "unit": evil, "current_title": {"name": evil, "date": evil}},
        "findings": [{"rule": evil, "status": "fail", "file": evil, "page": evil, "message": evil, "value": evil,
                      "expected": evil, "bbox": [evil, 1, 2, 3]}],
        "documents": [{"file": evil, "page": 1, "kind": evil, "dates": [evil], "issn": [evil], "cn": [evil],
                       "seals": [{"bbox": [1, 2, 3, 4], "text": evil, "unit_match": evil}],
                       "signatures": [{"label": evil, "state": evil}], "fields": {evil: evil}, "text": evil}],
        "unreadable": [{"file": evil, "reason": evil}],
    }
    html = render_html(report)
    assert "<img" not in html and "onerror=alert(1)>" not in html


def test_images_are_data_uris_and_nothing_external(html, pages):
    parsed = _parse(html)
    refs = [v for _, attrs in parsed.tags for k, v in attrs.items() if k in ("src", "href", "xlink:href") and v]
    images = [v for v in refs if v.startswith("data:")]
    # 3 page thumbnails + seal crop + seal unwrap + signature crop, each embedded exactly once
    assert len(images) == 6
    assert all(re.match(r"data:image/(jpeg|png);base64,", v) for v in images)
    assert sum(v.startswith("data:image/jpeg") for v in images) == 3
    others = [v for v in refs if not v.startswith("data:")]
    assert others and all(v.startswith("#") for v in others)  # in-page references only
    assert "http://" not in html and "https://" not in html and "@import" not in html and "url(" not in html
    # the thumbnail bytes are the page's own, and are reused by reference, not copied
    b64 = base64.b64encode(pages[0].thumbnail_jpeg).decode()
    assert html.count(b64) == 1
    ref_ids = {attrs["id"] for t, attrs in parsed.tags if t == "image"}
    uses = [attrs["href"][1:] for t, attrs in parsed.tags if t == "use"]
    assert set(uses) <= ref_ids and len(uses) > len(ref_ids)


def test_filters_and_print_styles(html):
    for label in ("全部", "不通过", "需复核", "通过"):
        assert re.search(rf"<button[^>]*data-filter=\"\w+\"[^>]*>{label} <b>\d+</b>", html)
    assert "@media print" in html and re.search(r"@media print\{[^@]*\.filters,header\.top nav\{display:none\}", html)
    assert ".flist .finding{display:block!important}" in html
    assert "@page{size:A4" in html and "details.ocrtext,details.pview,.noprint{display:none!important}" in html
    # the sign-off block is printed, not shown on screen
    assert re.search(r"\.signoff\{display:none", html) and re.search(r"@media print\{[^@]*\.signoff\{display:block\}", html)
    assert html.index('id="rules"') < html.index('id="signoff"') < html.index('id="documents"')


def test_signoff_filled_by_the_desk(pages):
    import jinja2

    from verify.report.html import build_view, environment

    view = build_view(sample_report(pages), pages)
    blank = environment().from_string(
        '{% from "report/partials/signoff.html" import signoff_section %}{{ signoff_section(view) }}').render(view=view)
    assert "☑" not in blank and blank.count("☐") == 3 and "年　　月　　日" in blank
    assert "张伟（编号 zhangwei）" in blank and "不通过（不通过 3 项，需复核 1 项）" in blank
    filled = environment().from_string(
        '{% from "report/partials/signoff.html" import signoff_section %}'
        '{{ signoff_section(view, decision="return", opinion=op, reviewer="李审", date="2026-05-01") }}'
    ).render(view=view, op="<缺>考核表")
    assert "☑ 退回补正" in filled and "☐ 通过" in filled and "&lt;缺&gt;考核表" in filled
    assert "李审" in filled and "2026-05-01" in filled and "年　　月　　日" not in filled
    assert isinstance(environment(), jinja2.Environment)


def test_documents_section_lists_every_page(html, pages):
    docs = re.findall(r'<article class="doc" id="doc-(\d+)">(.*?)</article>', html, re.S)
    assert len(docs) == len(pages)
    award_text = "".join(_parse(docs[0][1]).text)
    assert "获奖/荣誉/成果证书" in award_text and "“抚顺市生态环境局”" in award_text and "为其他单位" in award_text
    assert "2018-12（颁发）" in award_text
    form_text = "".join(_parse(docs[1][1]).text)
    assert "年度考核表" in form_text and "空白未签" in form_text
    assert "2022（考核年度）" in form_text and "疑似印章" in form_text and "印文未识别" in form_text
    assert "ISSN" not in form_text  # journal identifiers only where they matter
    journal_text = "".join(_parse(docs[2][1]).text)
    assert "1674-1021" in journal_text and "CN 21-1556/X" in journal_text
    # each finding links to its page and each page back to its findings
    assert 'href="#doc-1"' in html and 'href="#f-1"' in docs[0][1]


def test_id_numbers_are_masked_in_the_applicant_block_and_the_documents_list(pages):
    """The numbers read on an ID card, and one an applicant.yaml states, are shown as the
    findings' messages show them (region and last four); report.json keeps them whole."""
    report = sample_report(pages)
    report["applicant"] = dict(report["applicant"], id_number="210402198602110267")
    report["documents"][0] = dict(report["documents"][0], id_numbers=["210402198602110267", "11010519491231002X"])
    html = render_html(report, pages)
    assert "210402198602110267" not in html and "11010519491231002X" not in html
    assert "210402********0267" in html and "110105********002X" in html


def test_id_numbers_in_the_text_read_are_masked_wherever_the_report_shows_it():
    """The text read from a page (the documents list's 识别文字, a card's 整页识别文字 and
    框内识别文字, the named fields) showed ID numbers whole; a 15-digit number counts
    anywhere on an ID card, elsewhere beside an ID label (a certificate's 15 digits stay)."""
    lines = [_line("公民身份号码 2104 0219 8602 1102 67", 300, 900, 2100, 1000),
             _line("210411760615001", 300, 1100, 900, 1160), _line("签发机关 抚顺市公安局", 300, 1200, 1400, 1260)]
    card = PageRead(file="scans/idcard.jpg", page=1, ocr=OcrPage(PAGE_W, PAGE_H, lines, engine="ppocr"),
                    kind="id_card", id_numbers=["210402198602110267"], fields={"certificate_no": "210402198602110267"},
                    thumbnail_jpeg=_thumbnail(lines))
    report = {"key": "k", "applicant": {"name": "张伟"}, "findings": [
        {"rule": "identity.id_number", "status": "review", "file": "scans/idcard.jpg", "page": 1,
         "message": "请人工核对", "bbox": [300, 900, 2100, 1160]}],
        "documents": [card.to_dict(), {"file": "scans/证书.pdf", "page": 1, "kind": "title_certificate",
                                       "text": "证书编号 210402880512001\n持证人身份证号：110105194912310021"}]}
    html = render_html(report, [card])
    for whole in ("2104 0219 8602 1102 67", "210402198602110267", "210411760615001", "110105194912310021"):
        assert whole not in html
    assert html.count("公民身份号码 210402********0267") == 3  # the card's box and page text, the documents list
    assert "210411*****5001" in html and "110105********0021" in html and "证书编号 210402880512001" in html
    assert "<th>证书编号</th><td>210402********0267</td>" in html


def test_doubtful_kind_and_file_level_findings(pages):
    report = sample_report(pages)
    report["documents"][1]["kind_score"] = 0.31
    report["findings"].append({"rule": "dossier.readable", "status": "review", "file": "scans/考核表.pdf",
                               "page": None, "message": "第 3 页起未核验"})
    html = render_html(report, pages)
    assert "分类存疑" in re.findall(r'<article class="doc".*?</article>', html, re.S)[1]
    card = re.search(r'<article class="finding st-review[^"]*"[^>]*>(?:(?!</article>).)*第 3 页起未核验.*?</article>',
                     html, re.S).group(0)
    assert '<a href="#doc-2">scans/考核表.pdf</a>' in card and "<svg" not in card


def test_unreadable_files_are_listed(html):
    section = re.search(r'<section class="card unreadable">.*?</section>', html, re.S).group(0)
    assert "无法读取的文件" in section and "scans/broken.pdf" in section and "PDF 文件已加密" in section


def test_a_dossier_of_many_unreadable_files_lists_200_and_counts_the_rest():
    """A folder of 100,000 empty .jpg made report.html (and the desk's page) a 7.5 MB table
    of them (hostile exploration 8); report.json keeps them all."""
    report = {"key": "x", "applicant": None, "verdict": "review", "findings": [], "documents": [],
              "unreadable": [{"file": f"{i:06d}.jpg", "reason": "文件为空"} for i in range(5000)]}
    section = re.search(r'<section class="card unreadable">.*?</section>', render_html(report), re.S).group(0)
    assert section.count("<tr><td>") == 200 and "000199.jpg" in section and "000200.jpg" not in section
    assert "另有 4800 个文件未列出" in section and len(section) < 20_000


def test_files_left_unread_for_want_of_time_are_not_listed_as_unreadable():
    """A file the time limit left unread is no fault of the file (hostile exploration 8,
    left): it has a table and a count of its own, saying nothing need be resubmitted; a
    file that could not be read stays under 无法读取的文件."""
    report = {"key": "x", "applicant": None, "verdict": "review", "findings": [], "documents": [],
              "unreadable": [{"file": "坏.jpg", "reason": "文件为空"},
                             {"file": "b.tif", "reason": "整份材料核验限时 12 秒（--dossier-timeout）将到，本文件第 2 页起未读取、未核验",
                              "cut": True},
                             {"file": "c.jpg", "reason": "整份材料核验限时 12 秒（--dossier-timeout）将到，本文件未读取、未核验",
                              "cut": True}]}
    html = render_html(report)
    broken = re.search(r'<section class="card unreadable"><h2>无法读取的文件</h2>.*?</section>', html, re.S).group(0)
    unread = re.search(r'<section class="card unreadable unread"><h2>限时未读取的文件</h2>.*?</section>', html, re.S).group(0)
    assert "坏.jpg" in broken and "b.tif" not in broken and "c.jpg" not in broken
    assert "b.tif" in unread and "c.jpg" in unread and "坏.jpg" not in unread and "无需申报人重新提交" in unread
    assert "<b>1</b><span>个文件无法读取</span>" in html and "<b>2</b><span>个文件限时未读</span>" in html


def test_error_report_shows_the_reason():
    report = {"key": "x", "applicant": None, "verdict": "review",
              "findings": [{"rule": "dossier.readable", "status": "review", "message": "核验超时"}],
              "documents": [], "batch": {"error": "核验进程超时（600 秒），请人工核对"}}
    html = render_html(report)
    assert "无法完成核验" in html and "核验进程超时" in html and "材料文件可读取" in html


REAL_SEAL = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "seals" / "paddlex_seal_text_det.png"


@pytest.mark.skipif(not REAL_SEAL.exists(), reason="shared real data absent")
def test_real_seal_image_as_page_and_crop():
    png = REAL_SEAL.read_bytes()
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    h, w = img.shape[:2]
    ok, jpg = cv2.imencode(".jpg", img)
    page = PageRead(file="seal.png", page=1, ocr=OcrPage(w, h), kind="achievement_proof",
                    seals=[SealMark(bbox=(0, 0, w, h), score=0.9, text="天津君和缘商贸有限公司", crop_png=png)],
                    thumbnail_jpeg=jpg.tobytes())
    html = render_html({"findings": [{"rule": "seal.unit", "status": "fail", "file": "seal.png", "page": 1,
                                      "message": "印章为其他单位", "bbox": [10, 10, w - 10, h - 10]}],
                        "documents": [page.to_dict()]}, [page])
    # the PNG header gives the crop's own size; the page image is drawn in page pixels
    assert f'width="{w}" height="{h}"' in html
    assert html.count("data:image/png") == 1 and html.count("data:image/jpeg") == 1


def _paths(obj, prefix=()):
    """Every key/index path of a JSON-like value."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:2]):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def test_odd_values_anywhere_never_crash(pages):
    """report.json may come from another version or a hand edit: any field may be
    missing, null or of another type, and the page still renders."""
    import copy

    base = sample_report(pages)
    base["documents"] = base["documents"][:1]
    for path in _paths(base):
        for odd in (None, "", 7, -1.5, [], {}, "<x-evil>"):
            report = copy.deepcopy(base)
            node = report
            for k in path[:-1]:
                node = node[k]
            node[path[-1]] = odd
            html = render_html(report, pages)
            assert "职称申报材料核验报告" in html and "<x-evil>" not in html, path


def test_renders_without_pages_or_documents():
    html = render_html({"key": "x", "findings": [{"rule": "dossier.required", "status": "fail", "message": "缺少推荐表",
                                                  "expected": "recommendation_form", "file": None}]})
    assert "必备材料齐全" in html and "没有读取到页面" in html and "data:image" not in html
    assert "<em>应为</em>推荐表" in html and "recommendation_form" not in html


def test_three_hundred_pages_cost_one_thumbnail_each():
    lines = [_line("文字" * 10, 200, 200 + 100 * i, 2200, 260 + 100 * i) for i in range(30)]
    pages = [
        PageRead(file="big.pdf", page=i, ocr=OcrPage(PAGE_W, PAGE_H, lines), kind="other",
                 thumbnail_jpeg=_thumbnail(lines + [_line("页码", 200 + 5 * i, 3300, 400 + 5 * i, 3360)]))
        for i in range(1, 301)
    ]
    findings = [
        {"rule": r, "status": s, "file": "big.pdf", "page": i, "message": "请核对", "bbox": [200, 200, 900, 260]}
        for i in range(1, 301)
        for r, s in (("seal.present", "fail"), ("identity.name", "review"), ("signature.present", "pass"))
    ]
    html = render_html({"key": "big", "findings": findings, "documents": [p.to_dict() for p in pages]}, pages)
    assert html.count("data:image/jpeg") == 300  # once per page, however many findings show it
    thumbs = sum(len(p.thumbnail_jpeg) for p in pages)
    assert len(html.encode()) < thumbs * 4 / 3 + 300 * 12_000  # base64 plus a few kB of markup per page
    # identical thumbnails collapse into one image
    same = [PageRead(file="s.pdf", page=i, ocr=OcrPage(PAGE_W, PAGE_H), thumbnail_jpeg=pages[0].thumbnail_jpeg)
            for i in range(1, 4)]
    assert render_html({}, same).count("data:image/jpeg") == 1


def test_oversized_thumbnail_is_reencoded_smaller():
    rng = np.random.default_rng(0)
    noisy = rng.integers(0, 255, (1414, 1000, 3), dtype=np.uint8)
    ok, buf = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 95])
    big = buf.tobytes()
    assert len(big) > 400_000
    page = PageRead(file="a.jpg", page=1, ocr=OcrPage(PAGE_W, PAGE_H), thumbnail_jpeg=big)
    html = render_html({"documents": [page.to_dict()]}, [page])
    assert len(html) < len(big)


# ---------------------------------------------------------------- real browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


def _run_chromium(html_path: Path, *flags: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, html_path.resolve().as_uri()]
        return subprocess.run(cmd, check=False, capture_output=True, timeout=90, text=True)


def screenshot(html_path: Path, png_path: Path, width: int = 1280, height: int = 2000) -> None:
    _run_chromium(html_path, f"--screenshot={png_path}", f"--window-size={width},{height}", "--hide-scrollbars")


# clicks the 不通过 filter, then records which finding cards are displayed
_CLICK_FAIL_FILTER = """<script>
document.querySelector('.filters button[data-filter=fail]').click();
var shown = Array.prototype.filter.call(document.querySelectorAll('.finding'),
  function(e){return getComputedStyle(e).display !== 'none'}).map(function(e){return e.dataset.status});
document.body.setAttribute('data-shown', shown.join(','));
</script></body>"""


@pytest.mark.skipif(_chromium() is None, reason="Debian chromium not installed (apt-get install -y chromium)")
def test_headless_browser_renders_a_red_fail_report(tmp_path, html):
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / "shot.png"
    screenshot(page, png)
    assert png.exists() and png.stat().st_size > 20_000
    img = cv2.imread(str(png), cv2.IMREAD_COLOR)
    assert img is not None and img.shape[:2] == (2000, 1280)
    assert img.std() > 20  # not blank
    b, g, r = (img[..., i].astype(int) for i in range(3))
    red = (r > 150) & (g < 90) & (b < 90)
    assert red.mean() > 0.01  # the fail verdict banner (and the fail cards) are red
    # the page thumbnail drawn via <use> is visible: the paper-grey of its text bars is somewhere in the upper half
    top = img[:1000]
    assert ((np.abs(top.astype(int) - 70) < 12).all(axis=2)).sum() > 500


@pytest.mark.skipif(_chromium() is None, reason="Debian chromium not installed (apt-get install -y chromium)")
def test_headless_browser_pass_report_has_no_red(tmp_path):
    report = {"key": "ok", "applicant": {"name": "李娜", "unit": "抚顺市生态环境监测站"}, "verdict": "pass",
              "findings": [{"rule": "seal.present", "status": "pass", "message": "已盖章"}]}
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    png = tmp_path / "shot.png"
    screenshot(page, png, height=800)
    img = cv2.imread(str(png), cv2.IMREAD_COLOR)
    assert img is not None
    b, g, r = (img[100:, :, i].astype(int) for i in range(3))  # below the title bar and its red rule
    green = (g > 110) & (r < 80) & (b < 110)
    red = (r > 150) & (g < 90) & (b < 90)
    assert green.mean() > 0.01 and red.mean() < 0.001


@pytest.mark.skipif(_chromium() is None, reason="Debian chromium not installed (apt-get install -y chromium)")
def test_headless_browser_filter_hides_and_print_shows_all(tmp_path, html):
    page = tmp_path / "report.html"
    page.write_text(html.replace("</body>", _CLICK_FAIL_FILTER), encoding="utf-8")
    dom = _run_chromium(page, "--dump-dom").stdout
    shown = re.search(r'data-shown="([^"]*)"', dom)
    assert shown and shown.group(1) == "fail,fail,fail"
    # printed after the filter was clicked: every finding is there, the filter buttons are not
    pdf = tmp_path / "report.pdf"
    _run_chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "ISSN 1674-1021 校验位正确" in text and "获奖日期 2018-12 早于现职称取得时间" in text
    assert "全部 6" not in text
    # on A4, with the reviewer's sign-off, without the full text read from each page
    sizes = {tuple(round(v) for v in doc_size) for doc_size in _pdf_page_sizes(pdf)}
    assert sizes == {(595, 842)}
    assert all(label in text for label in ("审核签字", "审核意见", "审核人", "日期", "退回补正"))
    assert "荣获抚顺市科学技术进步奖三等奖" not in text and "整页识别文字" not in text and "识别文字（" not in text
    assert "2018年12月" in text  # the lines inside a finding's box are kept


def _pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


# ---------------------------------------------------------------- the templates, as the desk uses them


def test_partials_render_inside_another_page_with_actions(pages):
    """The desk's pages chain their own templates with the report's and render the same
    partials, adding buttons to every finding card through ``actions``."""
    import jinja2

    from verify.report.html import build_view, install, template_loader

    desk = {"desk/applicant.html": """{% from "report/partials/findings.html" import findings_section %}
{% from "report/partials/verdict.html" import verdict_section %}
{% macro buttons(card) %}<button name="confirm" value="{{ card.index }}">确认</button>{{ card.finding.rule }}{% endmacro %}
<div class="desk">{{ verdict_section(view.verdict) }}{{ findings_section(view.findings, buttons) }}</div>"""}
    env = install(jinja2.Environment(loader=jinja2.ChoiceLoader([jinja2.DictLoader(desk), template_loader()]),
                                     autoescape=True))
    report = sample_report(pages)
    report["findings"][0]["rule"] = "<b>evil</b>"
    view = build_view(report, pages)
    out = env.get_template("desk/applicant.html").render(view=view)
    cards = re.findall(r'<article class="finding st-\w+[^"]*" id="f-\d+".*?</article>', out, re.S)
    assert len(cards) == len(report["findings"])
    # every card carries its button, naming the finding's own index in report["findings"]
    indices = [int(re.search(r'<div class="factions"><button name="confirm" value="(\d+)">确认</button>', c).group(1))
               for c in cards]
    assert sorted(indices) == list(range(len(report["findings"])))
    assert all(view.findings.cards[i].finding is report["findings"][view.findings.cards[i].index]
               for i in range(len(cards)))
    assert "<b>evil</b>" not in out and "&lt;b&gt;evil&lt;/b&gt;" in out
    # the standalone report has no action slot
    assert 'class="factions"' not in render_html(report, pages)


def test_a_direction_mark_in_a_file_name_is_shown_not_obeyed():
    """U+202E in a file's name turned what followed it round in the report (扫描gpj.exe
    read as 扫描exe.jpg): hostile exploration 3."""
    name = "材料/扫描\u202egpj.exe"
    html = render_html({"key": "k", "applicant": {"name": "王"}, "findings": [
        {"rule": "seal.present", "status": "review", "message": "m", "file": name, "page": 1}]})
    assert "\u202e" not in html and "扫描[U+202E]gpj.exe" in html


@pytest.mark.parametrize("name, shown", [
    ("材料/证\x1b[31m书\x07.jpg", "证[U+001B][31m书[U+0007].jpg"),  # an ESC, a BEL: printed as nothing
    ("scan\x1b.jpg", "scan[U+001B].jpg"),  # a name all ASCII too
])
def test_a_control_character_in_a_file_name_is_shown_not_dropped(name, shown):
    """A file's name with an ESC or a BEL (legal on Linux, and in a zip) was printed raw: the
    browser shows them as nothing, and the reviewer looked for a file of that name in vain
    (hostile2's audit)."""
    html = render_html({"key": "k", "applicant": {"name": "王"}, "findings": [
        {"rule": "seal.present", "status": "review", "message": "m", "file": name, "page": 1}]})
    assert "\x1b" not in html and "\x07" not in html and shown in html


def test_document_details_name_every_field_and_date_role_in_chinese_and_leave_the_detectors_boxes_out():
    """Every sample report showed 「assessment_grade 合格」, 「seal_ring 842,359,1166,687」
    and dates such as 「2024-10-12（retrieved）」 (hostile exploration 6, D6)."""
    report = {"key": "k", "applicant": {"name": "张伟"}, "findings": [], "documents": [
        {"file": "scans/考核表.jpg", "page": 1, "kind": "annual_assessment",
         "fields": {"assessment_grade": "合格", "seal_gray": "1", "seal_ring": "842,359,1166,687",
                    "seal_ink": "1,2,3,4", "date_under_seal": "5,6,7,8", "seal_search_failed": "MemoryError",
                    "seal_ring_text": "顺市生态环境", "brand_new_field": "某值"},
         "date_mentions": [{"date": "2013", "role": "study"}, {"date": "2024-10-12", "role": "retrieved"},
                           {"date": "2015-05-24", "role": "validity"}, {"date": "2020-01-02", "role": "received"},
                           {"date": "2021-03-04", "role": "brand_new_role"}]}]}
    html = render_html(report)
    for english in ("assessment_grade", "seal_gray", "seal_ring", "seal_ink", "date_under_seal", "seal_search_failed",
                    "brand_new", "study", "retrieved", "validity", "received", "842,359", "MemoryError"):
        assert english not in html, english
    for shown in ("<th>考核等次</th><td>合格</td>", "<th>黑白复印件（未见彩色印章）</th><td>是</td>",
                  "<th>残缺印迹上的文字</th><td>顺市生态环境</td>", "<th>其他信息</th><td>某值</td>",
                  "2013（学习/毕业）", "2024-10-12（检索/查询）", "2015-05-24（有效期）", "2020-01-02（收稿/录用）"):
        assert shown in html, shown
    assert "2021-03-04" in html and "2021-03-04（" not in html


def test_seal_card_names_the_print_under_the_seal_as_print_and_its_reading_as_the_seals(pages):
    """On a seal's card the page's text inside its box is the print the seal is stamped over
    (a form's typed unit name): listed as 框内识别文字 beside a message naming another body,
    a reviewer took it for the seal's reading and the seal for the applicant's unit."""
    report = sample_report(pages)
    report["findings"].append({"rule": "seal.unit", "status": "fail", "file": "scans/award_2018.jpg", "page": 1,
                               "message": "证书的印章为「沈隆市环境局」，不是申报单位", "value": "沈隆市环境局",
                               "expected": "抚顺市生态环境监测站", "bbox": [250, 850, 2150, 1250]})
    html = render_html(report, pages)
    seal = re.search(r'<article class="finding st-fail" id="f-\d+"(?:(?!</article>).)*沈隆市环境局.*?</article>',
                     html, re.S).group(0)
    text = "".join(_parse(seal).text)
    assert "印章范围内的整页识别文字（多为印刷文字，印文见上）" in text and "框内识别文字" not in text
    assert re.search(r"印章范围内的整页识别文字（多为印刷文字，印文见上）.*?荣获抚顺市科学技术进步奖三等奖.*?置信度 0\.97", text)
    assert "印文沈隆市环境局" in text and "读取值" not in text  # the seal's own reading, named as the seal's
    # any other card keeps what it was: the text its rule read
    other = re.search(r'<article class="finding st-fail" id="f-1".*?</article>', html, re.S).group(0)
    other_text = "".join(_parse(other).text)
    assert "框内识别文字" in other_text and "读取值" in other_text and "印文见上" not in other_text
