"""dossier.required: each kind the campaign requires is present.

A required kind no page was classified as fails, unless a page the classifier left
as ``other`` shows more evidence of that kind than of any other (a certificate laid
out or worded unlike those the classifier knows, a photo it read in part), or a page
classified as another kind shows nearly as much evidence of it (a title certificate
taken for an award certificate): then the material may be there, unrecognised, and a
person looks (``review``, naming the page). A page that looks like a known
non-contract page (a diploma, a contract, the dossier's own cover or materials list)
is never taken for it."""
from __future__ import annotations

import re

from verify.model import KIND_NAMES_ZH, Finding, PageRead
from verify.rules import Dossier

RULE_ID = "dossier.required"

#: the least evidence (the classifier's kind score; it claims a kind at 4.0) that an
#: unclassified page may be the missing material: a title cue, or two body cues
MAYBE = 2.0
#: a page classified as another kind may be the missing one when the evidence for it
#: comes this close to its own kind's
CLOSE = 0.7


def required_kinds(d: Dossier) -> list[str]:
    kinds = []
    for kind, rule in d.campaign.documents.items():
        if rule.required or (rule.required_if_current_title and d.applicant.current_title is not None):
            kinds.append(kind)
    return kinds


def maybe_of_kind(d: Dossier, kind: str) -> list[PageRead]:
    """Pages that may be of ``kind`` though not classified so (:func:`may_be`), then the pages of ink on which
    (almost) no text was read (:func:`illegible_pages`): any of them may be it."""
    return [p for p in d.pages if may_be(p, kind)] + [p for p in illegible_pages(d) if not may_be(p, kind)]


def illegible_pages(d: Dossier) -> list[PageRead]:
    """The pages of no kind of their own (``other``, or a kind taken from the page before as its continuation) on
    which (almost) no text was read though they hold ink (``illegible``, set by the pipeline: a page mirrored, its
    letters hollowed or buried in a copier's noise): what they are is not known, so a document the dossier lacks may
    be one of them (probe trust39 C07: an ID card and an 评定表 degraded past reading failed 「缺少必备材料」, two
    assessment forms read 年考登表 and taken for the publicity's next pages 「缺少 2021 年度考核表」, on a clean
    dossier), unlike a blank sheet, which reads no text and holds no ink.

    >>> from ocr.model import OcrPage
    >>> from types import SimpleNamespace as NS
    >>> d = NS(pages=[PageRead("a.jpg", 1, OcrPage(9, 9), fields={"illegible": "0.116"}), PageRead("b.jpg", 1, OcrPage(9, 9))])
    >>> [p.file for p in illegible_pages(d)]
    ['a.jpg']
    """
    return [p for p in d.pages if "illegible" in p.fields and (p.kind == "other" or p.continues_previous)]


def may_be(p: PageRead, kind: str) -> bool:
    """Whether page ``p``, not classified as ``kind``, may be of it (:func:`possible_kinds`)."""
    return kind in possible_kinds(p)


def possible_kinds(p: PageRead) -> set[str]:
    """The kinds page ``p`` may be though not classified so: left ``other``, the kind
    of its strongest evidence (at least :data:`MAYBE`); classified as another kind,
    every kind with evidence nearly as strong (at least :data:`CLOSE` of its own
    kind's, and enough to have claimed that kind alone). The classifier's scores are
    computed once for all kinds."""
    from verify.read.classify import _MIN_SCORE, _is_dossier_index, kind_scores

    if p.ocr is None or not p.ocr.lines or _is_dossier_index(p.ocr):
        return set()
    scores = kind_scores(p.ocr)
    if p.kind == "other":
        best = max(scores, key=scores.get)
        return {best} if best != "other" and scores[best] >= MAYBE else set()
    bar = max(_MIN_SCORE, CLOSE * scores.get(p.kind, 0.0))
    return {k for k, v in scores.items() if k not in (p.kind, "other") and v >= bar}


def titled_as(d: Dossier, kind: str) -> list[PageRead]:
    """Pages classified as another kind on which a title of ``kind`` stands as a line
    of its own (:func:`verify.read.classify.titled_kinds`): a spread, two pages in one
    photo or A3 scan (推荐表 and 公示结果 side by side failed 公示结果 as missing, probe
    alt22 C44)."""
    return [p for p in d.pages if p.kind != "other" and kind in other_titles(p)]


def other_titles(p: PageRead) -> set[str]:
    """The kinds other than the page's own whose title stands as a line of its own on
    it (:func:`verify.read.classify.titled_kinds`): another sheet in the same image (a
    spread, a form photographed lying on another); none on a dossier's index."""
    from verify.read.classify import _is_dossier_index, titled_kinds

    if p.ocr is None or not p.ocr.lines or _is_dossier_index(p.ocr):
        return set()
    return titled_kinds(p.ocr) - {p.kind}


def titled_own(p: PageRead) -> bool:
    """Whether a line of the page, of twenty characters or fewer, ends with a title of
    the page's own kind (a cue of title weight 10 or more): 专业技术职务任职资格推荐表 is a
    recommendation form however much its 任职资格 and 现资格名称 look like a title
    certificate's words (an unsigned form so was only a review: trust9 T01).

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (600, 0), (600, 40), (0, 40))
    >>> titled = lambda kind, *t: titled_own(PageRead("a.jpg", 1, OcrPage(1654, 2339, [OcrLine(x, box, 0.9) for x in t]), kind=kind))
    >>> titled("recommendation_form", "专业技术职务任职资格推荐表", "现资格名称 助理工程师"), titled("recommendation_form", "评审表", "单位推荐意见")
    (True, False)
    """
    from verify.read.classify import KIND_CUES

    if p.ocr is None:
        return False
    own = [c.word.lower() for c in KIND_CUES.get(p.kind, ()) if c.title >= 10]
    lines = (re.sub(r"[\W_]+", "", line.text).lower() for line in p.ocr.lines)
    return any(len(t) <= 20 and any(t.endswith(w) for w in own) for t in lines)


def may_need_none(d: Dossier, pages, attr: str) -> str | None:
    """A kind that needs no ``attr`` (``seal``, ``signature``) that one of ``pages``
    may be (:func:`possible_kinds`), or None: a fail for a missing seal or signature
    would rest on a classification nearly as likely to be that kind. A page titled as
    its own kind (:func:`titled_own`) may be another only where that kind's title is a
    line of it too (a spread: :func:`other_titles`)."""
    possible = set()
    for p in pages:
        kinds = possible_kinds(p)
        if kinds and titled_own(p):  # titled as its kind: only another kind's title line on it raises a doubt
            kinds &= other_titles(p)
        possible |= kinds
    for kind, rule in d.campaign.documents.items():
        if not getattr(rule, attr) and kind in possible:
            return kind
    return None


def where(pages: list[PageRead]) -> str:
    """Where the pages are, for a message (the first three).

    >>> from ocr.model import OcrPage
    >>> from verify.model import PageRead
    >>> where([PageRead("a.jpg", 1, OcrPage(9, 9)), PageRead("b.pdf", 2, OcrPage(9, 9), part=2)])
    'a.jpg 第1页、b.pdf 第2页（右半页）'
    """
    return "、".join(p.where for p in pages[:3]) + (f"等 {len(pages)} 页" if len(pages) > 3 else "")


def check(d: Dossier) -> list[Finding]:
    findings = []
    present = []
    for kind in required_kinds(d):
        name = KIND_NAMES_ZH.get(kind, kind)
        if d.pages_of(kind):
            present.append(name)
            continue
        maybe = maybe_of_kind(d, kind) or titled_as(d, kind)
        if kind == "education_verification" and not maybe and (checked := [p for p in d.pages if checked_diploma(p)]):
            # 学信网 holds no diploma of a 中专 nor one from before 2001: for those the notice has the unit issue its
            # own check of the record, signed and sealed (学信网或学位网无法准确查询的，由申报人所在单位出具个人学历、学位
            # 信息审核情况材料); a diploma's copy the unit certified may be that, which a person tells (probe trust28 C10)
            findings.append(Finding(RULE_ID, "review", f"未见学信网或学位网查询结果；{where(checked)}为单位审核的学历证书复印件"
                                    "（学信网无法查询的学历，由单位出具学历信息审核情况材料），请人工核对",
                                    file=checked[0].file, page=checked[0].page, expected=kind))
            continue
        if maybe:
            findings.append(Finding(RULE_ID, "review", f"未能确认已提交{name}：{where(maybe)}可能是该材料（未能识别其类型），请人工核对",
                                    file=maybe[0].file, page=maybe[0].page, expected=kind))
            continue
        findings.append(Finding(RULE_ID, d.missing_status, f"缺少必备材料：{name}{d.unreadable_note}", expected=kind))
    findings += _dated_before_the_period(d)
    findings += _verification_without_record(d)
    if present:
        findings.append(Finding(RULE_ID, "pass", "已提交：" + "、".join(present)))
    return findings


#: a diploma's or degree's own title, and the words of a unit's check of a copy of it
_DIPLOMA = re.compile(r"(?:毕业|学位|学历|肄业)证书")
#: (not a 经审核 alone: a degree certificate prints 经审核符合《中华人民共和国学位条例》的规定 of itself)
_CHECKED = re.compile(r"与原件(?:一致|相符)|复印件(?:已|经)?(?:核对|审核)|审核人|学历(?:、学位)?信息审核")


def checked_diploma(p: PageRead) -> bool:
    """Whether page ``p`` is a diploma's (or degree's) copy the unit checked: the certificate's title and a check's
    words (与原件一致, 复印件经审核, 审核人) on one page, not classified as a kind of the campaign's.

    >>> from ocr.model import OcrLine, OcrPage
    >>> def pg(*t):
    ...     lines = [OcrLine(x, ((0, 40 * i), (500, 40 * i), (500, 40 * i + 30), (0, 40 * i + 30)), 0.99) for i, x in enumerate(t)]
    ...     return PageRead("a.jpg", 1, OcrPage(600, 900, lines), kind="other")
    >>> checked_diploma(pg("中等专业学校毕业证书", "准予毕业。", "经核对，该学历证书复印件与原件一致。", "审核人签字："))
    True
    >>> checked_diploma(pg("中等专业学校毕业证书", "准予毕业。")), checked_diploma(pg("劳动合同", "经审核，与原件一致"))
    (False, False)
    >>> checked_diploma(pg("学士学位证书", "经审核符合《中华人民共和国学位条例》的规定，授予工学学士学位。"))
    False
    """
    if p.kind != "other" or p.ocr is None:
        return False
    text = "".join("".join(l.text.split()) for l in p.ocr.lines)
    return bool(_DIPLOMA.search(text) and _CHECKED.search(text))


#: a year heading a table's row or standing in a cell of its own (a 学时 card's 年度 column:
#: 2016 | 30 | 60 | 90), a year of this century: no date the date reader takes
_ROW_YEAR = re.compile(r"^[ \t]*(20\d\d)[ \t]*(?:年度?)?(?:[ \t]|$)")


def _row_years(p) -> set[int]:
    """The years heading rows of the page's tables (or alone in a cell), as a
    continuing-education card lists its years (probe trust11 Q05: a card of 2016–2018, with
    no date the reader took, passed).

    >>> from types import SimpleNamespace as NS
    >>> sorted(_row_years(NS(ocr=NS(lines=[NS(text=t) for t in ("年度", "2016", "2017年度 30 60", "2018 年", "30", "1987",
    ...                                                          "2019.06", "20190", "2020年6月")]))))
    [2016, 2017, 2018]
    """
    if p.ocr is None:
        return set()
    return {int(m.group(1)) for line in p.ocr.lines if (m := _ROW_YEAR.match(line.text))}


def _dated_before_the_period(d: Dossier) -> list[Finding]:
    """A continuing-education proof every date of which (its year, 学时 period, issue)
    lies before the campaign's first assessment year: a proof of long ago stands for
    none of the period reviewed (probe alt13 a11: a 2016 proof passed). ``review``:
    the campaign says which years count, the page only when."""
    if not d.campaign.assessment_years:
        return []
    first = min(d.campaign.assessment_years)
    out = []
    for p in d.pages_of("continuing_education"):
        # not the day the platform's page was printed (打印日期：2024年09月20日 under rows of 2016-2018: probe trust25 P14)
        years = {m.date.year for m in p.dates if m.role not in ("birth", "study", "retrieved")} | _row_years(p)
        if years and max(years) < first:
            out.append(Finding(RULE_ID, "review", f"继续教育证明上的日期均在 {max(years)} 年及以前，早于本次考核年度（{first} 年起），"
                               "请人工核对是否为近年的继续教育证明", file=p.file, page=p.page, value=str(max(years)),
                               expected="continuing_education"))
    return out


#: words only a verification's record prints (学信网 备案表 and 验证报告, 学位网 认证报告,
#: the older 学历查询结果): a label of the person's study or of the report itself
_RECORD_WORDS = ("证书编号", "验证码", "报告编号", "学校名称", "院校名称", "毕业院校", "入学日期", "入学时间",
                 "毕业日期", "结业日期", "学历类别", "学位类别", "学位授予单位", "授予单位", "学制", "层次", "学号")


def shows_a_record(texts) -> bool:
    """Whether a page classified as a verification prints any label of a record.

    >>> shows_a_record(["教育部学历证书电子注册备案表", "证书编号：101531201005001234"])
    True
    >>> shows_a_record(["学信网", "首页 学信档案 高考 研招 学历查询", "欢迎您，杨振宇", "请登录后点击“在线验证报告”申请。"])
    False
    """
    text = "".join("".join(t.split()) for t in texts)
    return any(w in text for w in _RECORD_WORDS)


def _verification_without_record(d: Dossier) -> list[Finding]:
    """The education verification present only as pages that print no record (the
    学信网 home page after login, a menu of reports to apply for): the kind is there by
    its words, the verification is not (probe alt19 K1 passed). ``review``: a record
    read too poorly to show any label looks the same."""
    pages = d.pages_of("education_verification")
    if not pages or "education_verification" not in required_kinds(d):
        return []
    if any(p.ocr is None or shows_a_record(l.text for l in p.ocr.lines) for p in pages):
        return []
    name = KIND_NAMES_ZH.get("education_verification", "education_verification")
    return [Finding(RULE_ID, "review", f"{where(pages)}未见查询记录（证书编号、在线验证码、学校名称等），"
                    f"请人工核对是否为{name}", file=pages[0].file, page=pages[0].page, expected="education_verification")]
