"""The review rules of the contract, one module each.

Every module exposes ``RULE_ID`` and ``check(dossier) -> list[Finding]``. Adding a
rule touches one file, ``RULE_MODULES`` below and the campaign.
"""
from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property

from verify.campaign import Campaign
from verify.model import KIND_NAMES_ZH, RULE_NAMES_ZH, Applicant, Finding, PageRead, UnreadableInput  # noqa: F401 (re-export)

log = logging.getLogger(__name__)

RULE_MODULES = (
    "readable",
    "required",
    "assessment_years",
    "after_title",
    "title_date",
    "journal_issn",
    "journal_cn",
    "journal_registered",
    "paper_retrieval",
    "paper_relevance",
    "seal_present",
    "seal_unit",
    "seal_issuer",
    "signature_present",
    "identity_name",
    "identity_id_number",
    "publicity_duration",
)



@dataclass(frozen=True)
class DocumentGroup:
    """One document: a page, plus the title-less pages that continue it in the same
    file, or in the next file where the page prints 第1页 共2页 (a two-page
    recommendation form carries its seal on one page). Pages that
    each carry their own title (three annual forms in one TIFF) are three documents."""

    kind: str
    pages: tuple[PageRead, ...]

    @property
    def file(self) -> str:
        return self.pages[0].file

    @property
    def first_page(self) -> int:
        return self.pages[0].page

    @property
    def where(self) -> str:
        first, last = self.pages[0], self.pages[-1]
        if len(self.pages) == 1:
            return first.where
        if last.file != self.file or first.part or last.part:
            # one form photographed page by page (推荐表1.jpg, 推荐表2.jpg), or begun on a spread's half
            return f"{first.where}–{last.where}"
        return f"{self.file} 第{self.first_page}–{last.page}页"

    @property
    def kind_zh(self) -> str:
        return KIND_NAMES_ZH.get(self.kind, self.kind)


@dataclass
class Dossier:
    """What the rules see: the applicant's claims, the campaign, and every page read."""

    applicant: Applicant
    campaign: Campaign
    pages: list[PageRead]
    unreadable: list[UnreadableInput] = field(default_factory=list)
    journals: object | None = None  # verify.journals.JournalChecker; None: the shipped registry

    def pages_of(self, *kinds: str) -> list[PageRead]:
        return [p for p in self.pages if p.kind in kinds]

    @cached_property
    def journal_checker(self):
        """The checker the rules ask about journals: the one given, else the shipped registry's."""
        if self.journals is not None:
            return self.journals
        from verify.journals import checker_for

        return checker_for()

    @cached_property
    def groups(self) -> list[DocumentGroup]:
        from verify.read.classify import blank_pages, next_page

        out: list[DocumentGroup] = []
        run: list[PageRead] = []
        blank = blank_pages(self.pages)
        passed: list[PageRead] = []  # blank sheets after the run, each a group of its own once the run ends
        for p in self.pages:
            if run and (p.file, p.page) in blank:
                passed.append(p)
                continue
            continues = (p.continues_previous and run and p.kind == run[-1].kind
                         and (next_page(run[-1], p, blank) if p.file == run[-1].file else p.page == 1 and not passed))
            if run and not continues:
                out.append(DocumentGroup(run[0].kind, tuple(run)))
                out += [DocumentGroup(b.kind, (b,)) for b in passed]
                run, passed = [], []
            run.append(p)
        if run:
            out.append(DocumentGroup(run[0].kind, tuple(run)))
        out += [DocumentGroup(b.kind, (b,)) for b in passed]
        return out

    def groups_of(self, *kinds: str) -> list[DocumentGroup]:
        return [g for g in self.groups if g.kind in kinds]

    @cached_property
    def paper_matches(self):
        from verify.read.claims import match_papers

        return match_papers(self.applicant, self.pages)

    @cached_property
    def assessment_tables(self) -> list[tuple[PageRead, dict]]:
        """The unit's tables of several years' assessment results among the annual
        assessment pages, each with its rows (:func:`verify.rules.assessment_years.table_rows`):
        read once for the rules that ask (assessment.years, seal.present)."""
        from verify.rules.assessment_years import table_rows

        return [(p, rows) for p in self.pages_of("annual_assessment") if (rows := table_rows(p))]

    @cached_property
    def cn_identified(self) -> list:
        """``journal.cn``'s findings, each with the claimed paper it is about and why
        (:func:`verify.rules.journal_cn.identified`): read once for the rules that ask
        (journal.cn, and journal.registered, which leaves a foreign journal's paper to it)."""
        from verify.rules.journal_cn import identified

        return identified(self)

    @cached_property
    def award_matches(self):
        from verify.read.claims import match_awards

        return match_awards(self.applicant, self.pages)

    def exempt(self, rule_id: str) -> bool:
        return self.applicant.is_enterprise and rule_id in self.campaign.enterprise_exempt_rules

    def unpublished_ok(self, rule_id: str) -> bool:
        """Whether a paper with nothing of a journal to judge passes ``rule_id`` with the
        exemption's note (an enterprise applicant's paper need not be published), while a
        journal its pages name is judged as anyone's: a 套刊 an enterprise applicant hands
        in is as forged (trust exploration 4: an ISSN-only fake passed every rule)."""
        return self.applicant.is_enterprise and rule_id in self.campaign.enterprise_unpublished_rules

    def exemption(self, rule_id: str, message: str) -> Finding:
        """The finding of a rule the enterprise exemption skips: ``pass``, or ``review``
        where no name of the unit reads as an enterprise's (an applicant of 抚顺市生态环境监测站
        claiming 企业 had every publication rule skipped, probe alt11): the claimed kind is
        the applicant's own word, the name is the unit's."""
        if not _ENTERPRISE_NAME.search(self.applicant.unit):  # not an alias: the applicant's own word again (probe alt23 F1)
            return Finding(rule_id, "review", f"{message}；但申报单位「{self.applicant.unit}」的名称不像企业，"
                                              "请人工核对单位性质（如非企业，须按要求核对论文）")
        # an alias that is no enterprise's: a company's name claimed beside the 事业单位 whose seals the pages carry
        # (unit: 抚顺市某某科技有限公司, unit_aliases: [抚顺市生态环境监测站]) passed every seal on the alias and had
        # every publication rule skipped (hostile exploration 12)
        other = next((a for a in self.applicant.unit_aliases if not _ENTERPRISE_NAME.search(a)), None)
        if other is not None:
            return Finding(rule_id, "review", f"{message}；但申报单位的别名「{other}」不像企业名称，"
                                              "请人工核对单位性质（如非企业，须按要求核对论文）")
        return Finding(rule_id, "pass", message)

    @property
    def missing_status(self) -> str:
        """What a document not found is: ``fail``, or ``review`` where files or pages were
        left unread when the dossier's time ran out, or because the OCR service, the disk or
        the network share failed (it may be in them, and nothing of the applicant's made them
        unread: a share's hiccup made a clean dossier's every missing form a fail, hostile3),
        or because reading it raised an error no reader expects (``retry``: the toolkit's
        defect as likely as the file's), or because the dossier's pages reached ``--max-pages``
        before it (``capped``: 20,000 tiny files filled the cap before the forms were read).
        A file unreadable of itself (damaged, encrypted, unsupported) leaves it ``fail``: the
        applicant resubmits it readable."""
        return "review" if any(not u.the_files_own for u in self.unreadable) else "fail"

    @property
    def unreadable_note(self) -> str:
        counts = [(sum(1 for u in self.unreadable if why(u)), what) for why, what in _UNREAD_NOTES]
        notes = [f"另有 {n} 个文件{what}" for n, what in counts if n]
        return f"（{'；'.join(notes)}）" if notes else ""


#: why files were left unread, in the order the note on a missing document names them, and what it says of each
_UNREAD_NOTES = (
    (lambda u: u.the_files_own, "无法读取；如该材料在其中，须重新提交可读文件"),
    (lambda u: u.service, "因文字识别服务或磁盘、网络盘故障未识别；如该材料在其中，排除故障后重新核验即可"),
    (lambda u: u.cut, "因整份材料核验限时将到未核验；如该材料在其中，请查阅原件或调高限时后重新核验"),
    (lambda u: u.retry, "读取时出错（可能是核验程序的缺陷）；如该材料在其中，请查阅原件"),
    (lambda u: u.capped, "因材料总页数超过上限未核验；如该材料在其中，请查阅原件"),
)


#: words an enterprise's name carries (有限公司, 集团, 厂…)
_ENTERPRISE_NAME = re.compile(r"公司|集团|企业|厂|股份|合作社|商行|事务所|有限")


#: a page whose text lines are under this many pixels tall, along its coarser axis (``PageRead.text_px``), is too coarse
#: for one character's reading to decide a verdict: a standard-resolution fax's lines are 19-29 (probe trust15, where
#: 阿依古丽 was read 阿依占丽 surely by both recognisers), an ordinary page's of 200 dpi 36 or more, of 150 dpi 28-50
COARSE_TEXT_PX = 30.0


def coarse(p, text_layer: bool = False) -> bool:
    """Whether page ``p``'s text is too small in its source's pixels to trust one character's reading (0: not
    measured). A text layer's lines are as the file writes them, whatever their size: not coarse, unless
    ``text_layer`` (identity.name weighs every page alike)."""
    if p is None or not 0.0 < getattr(p, "text_px", 0.0) < COARSE_TEXT_PX:
        return False
    return text_layer or getattr(getattr(p, "ocr", None), "source", "ocr") != "text_layer"


def one_char_apart(read: str, expected: str) -> bool:
    """One character changed, dropped, added, or two neighbours swapped (a reading that read something).

    >>> one_char_apart("2018年12月26日", "2018年12月28日"), one_char_apart("2018年1月", "2018年11月")
    (True, True)
    >>> one_char_apart("2018年12月62日", "2018年12月26日"), one_char_apart("2020年12月26日", "2019年12月26日")
    (True, False)
    >>> one_char_apart("11-5860/X", "11-5806/X"), one_char_apart("11-5806/Q", "11-5806/X"), one_char_apart("", "X")
    (True, True, False)
    """
    from rapidfuzz.distance import OSA

    return bool(read) and read != expected and OSA.distance(read, expected) <= 1


def finding(rule: str, status: str, message: str, page: PageRead | DocumentGroup | None = None, **kw) -> Finding:
    """A Finding located on a page (or the first page of a document group)."""
    if isinstance(page, DocumentGroup):
        page = page.pages[0]
    if page is not None:
        kw.setdefault("file", page.file)
        kw.setdefault("page", page.page)
        if page.part:
            kw.setdefault("part", page.part)
    return Finding(rule=rule, status=status, message=message, **kw)


def run_rules(dossier: Dossier) -> list[Finding]:
    """Run every rule; a rule that crashes becomes a ``review`` finding, never a pass."""
    findings: list[Finding] = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"verify.rules.{name}")
        try:
            findings.extend(module.check(dossier))
        except Exception as e:  # a bug in one rule must not hide the others
            log.exception("rule %s crashed", module.RULE_ID)
            findings.append(
                Finding(module.RULE_ID, "review", f"该项检查未能完成（程序错误：{type(e).__name__}），请人工核对")
            )
    return _downloads_beside_their_print(dossier, findings)


#: what the unit adds to a printed 学信网/学位网 result (its seal, a signature)
_UNIT_MARKS = ("seal.present", "seal.unit", "signature.present")

#: an address as a browser shows it: in its URL bar over a screenshot, in the footer Chromium prints under a page
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9][A-Za-z0-9.-]*\.(?:cn|com|net|org|gov|edu)\b", re.I)
#: the words of an online query's result page (职称证书查询: 查询条件：…, 共查询到 1 条记录, 查询时间：…), captured on a phone
#: without the browser's address
_QUERY = re.compile(r"查询条件|共查询到|查询时间|查询日期")


def web_copy(g) -> bool:
    """Whether document ``g`` is a web page as handed in: downloaded (every page a PDF's own text) or printed or
    captured from a browser (a page showing the address it was shown at: the URL bar of a screenshot, the footer
    Chromium prints, https://www.chsi.com.cn/…), or an online query's result page (查询条件, 共查询到 1 条记录, 查询时间:
    a phone's capture shows no address).

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> shot = PageRead("公示.png", 1, OcrPage(1366, 768, [OcrLine("http://www.fshb.gov.cn/tzgg/202410/t20241014_4312.html", 0.95, (12, 50, 460, 64))]))
    >>> web_copy(DocumentGroup("publicity_result", (shot,))), web_copy(DocumentGroup("publicity_result", (PageRead("公示.jpg", 1, OcrPage(1240, 1754)),)))
    (True, False)
    """
    if downloaded(g):
        return True
    return any(_URL.search(line.text) for p in g.pages for line in p.ocr.lines) or any(
        _QUERY.search(p.ocr.text.replace(" ", "")) for p in g.pages)


def downloaded(g) -> bool:
    """Whether every page of document ``g`` was read from a PDF's own text: a download, no print or scan."""
    return all((p.ocr.source or "").startswith("text_layer") for p in g.pages)


#: kinds a body other than the unit issues from its web system, its electronic seal on the page (学信网's, a library's
#: 检索专用章, the 人社 bureau's, a 继续教育 platform's): on their web copy that seal is the issuer's, the unit's own on
#: the copy it stamped beside it
_ISSUED_ELSEWHERE = ("education_verification", "retrieval_proof", "title_certificate", "continuing_education")


#: kinds a web system shows or issues (学信网's record, the unit's online 公示 notice, CNKI's 检索报告, a 职称证书查询
#: result, a 继续教育 platform's proof): only these have a web copy that needs no marks of its own. A form the unit
#: fills and stamps (年度考核表, 推荐表), its 业绩证明 and an award are never web pages: an unstamped 2022 考核表 whose
#: page printed a URL or 「查询时间」, or typed into a PDF, passed seal.present on the 2021 form's seal (hostile
#: exploration 12)
_WEB_KINDS = ("education_verification", "publicity_result", "retrieval_proof", "title_certificate",
              "continuing_education")


def _downloads_beside_their_print(d: Dossier, findings: list[Finding]) -> list[Finding]:
    """A document handed in as downloaded or captured from a web system (:func:`web_copy`) beside another of its kind
    that carries what the unit adds: the web copy needs no seal or signature of its own, the other carries them. An
    education verification downloaded beside the print the unit stamped and signed (trust exploration 3: seal.unit and
    signature.present reviews on a clean dossier, for the download); the unit's online 公示 notice, printed or as a
    screenshot, beside its stamped 公示结果; CNKI's 检索报告 as printed to PDF beside the library's proof the unit stamped;
    a 职称证书查询 result beside the certificate (probe trust26: fails and reviews on clean dossiers). Where the web copy
    is the only one of its kind, its findings stand: it is no stamped, signed printout. A seal found on the web copy
    of a document the unit itself issues (its 公示) that names another body stays its own finding: only marks missing
    are excused; on one another body issues (:data:`_ISSUED_ELSEWHERE`: a library's proof printed to PDF, its
    检索专用章 failed seal.unit beside the copy the unit stamped) the seal is the issuer's."""
    def number(g) -> str | None:
        return next((p.fields.get("certificate_no") for p in g.pages if p.fields.get("certificate_no")), None)

    def excused(g) -> bool:  # education: a download, or a copy of a record another copy names (below)
        if g.kind not in _WEB_KINDS:
            return False
        return True if g.kind == "education_verification" else web_copy(g)

    def carrier(g, h) -> bool:
        """Whether ``h`` may carry the marks for ``g``: for education, a print (not another download) of the download
        ``g``, or of the same record (学信网's 证书编号, the diploma's number, read alike on both: the phone's capture
        of the 验证报告 beside the print the unit stamped and signed, probe trust26 C02/C07/C13); a second record,
        another degree's, keeps its own findings. For a title certificate, one of the same approval date where both
        print one: the claimed title's certificate typed into a PDF, unstamped, passed seal.present on the stamped
        certificate of the former title (hostile exploration 12)."""
        if g.kind == "retrieval_proof":  # CNKI's report of the papers the stamped proofs list, no other
            return named(g) <= named(h) | set().union(*(named(x) for x in d.groups
                                                        if x.kind == g.kind and not excused(x)))
        if g.kind == "title_certificate":  # the query result of the same title: its date, where both print one
            dated = [{m.date.iso() for p in x.pages for m in p.dates_with_role("title_date")} for x in (g, h)]
            return not dated[0] or not dated[1] or bool(dated[0] & dated[1])
        if g.kind != "education_verification":
            return True
        # a download and a print whose numbers both read and differ are two records (a degree typed into a PDF
        # beside the print of another the unit stamped: hostile exploration 12)
        same = number(g) is not None and number(g) == number(h)
        return not downloaded(h) and (same or (downloaded(g) and (number(g) is None or number(h) is None)))

    def named(g) -> set[int]:
        """The claimed papers retrieval proof ``g`` lists (surely or doubtfully): a proof typed into a PDF for a
        paper the stamped proof beside it does not list passed seal.present, seal.unit and signature.present on
        that proof's marks (hostile exploration 12)."""
        keys = {p.key for p in g.pages}
        return {i for i, m in enumerate(d.paper_matches)
                if any(p.key in keys for p in (*m.retrieval_pages, *m.doubtful_retrieval_pages))}

    groups = {p.key: g for g in d.groups for p in g.pages}
    web = {k: g for k, g in groups.items() if excused(g)}
    if not web:
        return findings
    out = []
    for f in findings:
        g = web.get(f.key) if f.rule in _UNIT_MARKS and f.status != "pass" else None
        if g is not None and f.rule == "seal.unit" and g.kind not in _ISSUED_ELSEWHERE and any(p.seals for p in g.pages):
            g = None  # a seal it does carry is weighed as any seal (another body's on the unit's own 公示 page)
        printed = next((x for x in findings if g is not None and x.rule == f.rule and x.status == "pass"
                        and x.file != f.file and x.key in groups and groups[x.key].kind == g.kind
                        and carrier(g, groups[x.key])), None)
        if printed is None:
            out.append(f)
            continue
        if g.kind == "education_verification" and downloaded(g):
            message = (f"{g.kind_zh}（{g.where}）为网上下载的电子版，无需单位盖章签字；"
                       f"其打印件（{printed.file} 第{printed.page}页）：{printed.message}")
        elif g.kind == "education_verification":
            message = (f"{g.kind_zh}（{g.where}）与{printed.file} 第{printed.page}页为同一学历记录（证书编号 {number(g)}），"
                       f"无需另行盖章签字；该页：{printed.message}")
        else:
            message = (f"{g.kind_zh}（{g.where}）为网上下载或从网页打印、截图的材料，无需单位盖章签字；"
                       f"同类材料（{printed.file} 第{printed.page}页）：{printed.message}")
        out.append(Finding(f.rule, "pass", message, file=f.file, page=f.page, value=f.value, expected=f.expected,
                           bbox=f.bbox, part=f.part))
    return out
