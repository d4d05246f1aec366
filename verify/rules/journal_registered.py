"""journal.registered: for each claimed paper (and each journal cover no claim
took), the ISSN and CN read on its journal pages belong to one registered journal,
whose name (or a former name) matches the journal named, and which was publishing
at the paper's date.

- ``fail``: the ISSN and the CN belong to two different journals (套刊), read clearly;
  a registered pair printed and claimed under another registered journal's name (套刊);
  a CN missing from a registry that claims to be complete, or in a serial block no
  registered journal of its region uses (假刊); a paper dated after the journal surely
  stopped (停刊/合并);
- ``review``: the journal is not in the registry (a registry is never complete), the
  name differs from the registered one (the candidates are named), a number is one
  OCR error away from the journal's own, the journal is on the CAS warning list,
  the paper is in a supplement (增刊/专刊), the journal stopped at a time unknown, or
  the paper is dated in a year before the journal's registered founding year (创刊:
  a fake, or an issue of the journal under an older name, which a list may date
  from its renaming); the journal's pages print a sponsor that is not the registered
  one, an issue number beyond its registered frequency, or a submission address on a
  free mailbox (a 套刊 copying the name and both numbers: ``judge._masthead_doubts``);
- ``pass``: the registered record is quoted, with the registry's name and date.

A number that fails its own check digit or form is ``journal.issn``'s or
``journal.cn``'s business: it is left out here, never failed on. When no valid
number was read, the applicant's claimed numbers are judged instead (and the
message says so). An enterprise applicant's journal is judged as anyone's; a paper of
theirs with no number read, or one no registry here knows, passes with the exemption's
note (:meth:`~verify.rules.Dossier.unpublished_ok`); an invalid ISSN their pages print,
which ``journal.issn`` (exempt for them) does not weigh, is ``review`` here.
"""
from __future__ import annotations

import re
import unicodedata

from verify.journals.registry import numbers_label
from verify.model import Finding, PageRead
from verify.rules import Dossier, finding

RULE_ID = "journal.registered"

#: A misread is plausible when the recogniser scores the registered number within
#: this many nats of its own reading (see ``ocr.ctc``).
MISREAD_NATS = 6.0

#: a supplement or special issue: 增刊, 专刊, 特刊, 专辑, Suppl., Supp.1, Special Issue, (S1), an
#: issue numbered S1 (2022年S1期, 第S2期, 第38卷S1期, Vol.38 No.S1, Vol.38 S1, 2022(38)S1) or 增1
#: (第42卷增1期, 2022（42）增1, 第40卷增期, 2022,42(增1)), 特辑, 专集, Sup.1; 增 only right after a volume, a year or a bracket,
#: where no body text puts it (增加, 增长 stay words)
_SUPPLEMENT = re.compile(r"增\s*刊|专\s*刊|特\s*刊|专\s*辑|特\s*辑|专\s*集|\bSUPP(?:L|LEMENT)?\b|\bSUP\.?\s*\d|SPECIAL\s*ISSUE"
                         r"|[(（]\s*S\s*\d\s*[)）]|[(（]\s*增\s*\d?\s*[)）]"
                         r"|(?:年|第|卷)\s*S\s*\d{1,2}\s*期|NO\.?\s*S\s*\d{1,2}\b|VOL\.?\s*\d{1,3}\s*[,，]?\s*S\s*\d{1,2}\b"
                         r"|[)）]\s*S\s*\d{1,2}\b|(?:卷|年|[)）])\s*增\s*(?:[1-9一二三]\s*期?|期)", re.I)
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "Z": "2"})
_RANK = {"fail": 0, "review": 1, "pass": 2}


def check(d: Dossier) -> list[Finding]:
    if d.exempt(RULE_ID):
        return [d.exemption(RULE_ID, "企业申报人员对论文不作发表要求，免于核对期刊登记")]
    checker = d.journal_checker
    try:
        checker.registry()
    except Exception as e:  # a missing or broken registry file: nobody can decide
        return [Finding(RULE_ID, "review", f"期刊登记库不可用（{e}），无法核对期刊是否经批准登记，请人工核对")]
    from verify.rules.journal_cn import foreign_papers

    findings: list[Finding] = []
    judged: set[tuple[str, int]] = set()
    abroad = {id(m) for m in foreign_papers(d)}
    for match in d.paper_matches:
        f = _paper_finding(d, checker, match, judged, id(match) in abroad)
        if f is not None:
            findings.append(f)
    for p in d.pages_of("journal_cover"):
        if p.key not in judged and (p.issn or p.cn):
            findings.append(_cover_finding(checker, p))
    return findings


# ---------------------------------------------------------------- one paper


def _paper_finding(d: Dossier, checker, match, judged: set, abroad: bool = False) -> Finding | None:
    """The paper's finding; None where ``abroad`` (``journal.cn`` reviews it as a foreign journal's, no CN printed
    or claimed) and all this rule would say is that no registry here holds its ISSN."""
    from verify.journals.judge import NameEvidence, clean_cn, clean_issn

    claim = match.claim
    paper = f"论文《{claim.title or claim.journal or '未命名'}》"
    covers = [p for p in match.journal_pages if p.kind == "journal_cover"]
    pages = covers or list(match.journal_pages)
    judged.update(p.key for p in match.journal_pages)
    names = [NameEvidence(claim.journal, typed=True)] if claim.journal else []
    texts = [p.ocr.text for p in pages]
    every = [p.ocr.text for p in match.journal_pages + match.paper_pages]  # where its name must be printed
    own = [p.ocr.text for p in match.paper_pages]  # which must not head another journal's name
    heads = [_running_head(p) for p in match.paper_pages]  # nor print a title built on the journal's own
    date = _paper_date(claim.date, match.journal_pages)
    supplement = _supplement(match.journal_pages + match.paper_pages)

    pairs = _pairs_read(pages)
    if pairs:
        pairs += _numbers_beside(pairs, match.paper_pages)
    results = []
    for page, issn, cn in pairs:
        j = checker.check(issn, cn, names, date, page_texts=texts, misread=_misread_on(page), all_texts=every,
                          paper_texts=own, head_texts=heads)
        results.append((j, page, issn, cn))
    note = ""
    if not results:
        issn, cn = clean_issn(claim.issn), clean_cn(claim.cn)
        why = "未找到期刊封面或版权页" if not match.journal_pages else "期刊页上未读出有效的 ISSN 或 CN"
        if d.unpublished_ok(RULE_ID) and (bad := _unweighed_issn(d, pages)):
            return _unweighed_finding(paper, bad, pages)
        if d.unpublished_ok(RULE_ID):  # nothing printed to judge: the claim alone is no journal handed in
            return d.exemption(RULE_ID, f"{paper}：{why}；企业申报人员对论文不作发表要求，免于核对期刊登记")
        if not issn and not cn:
            return Finding(RULE_ID, "review", f"{paper}：{why}，申报信息中也没有有效刊号，无法核对期刊是否经批准登记{d.unreadable_note}")
        note = "期刊页上未读出有效刊号，以下按申报的刊号核对："
        j = checker.check(issn, cn, names, date, page_texts=texts, misread=lambda *a: False, all_texts=every,
                          paper_texts=own, head_texts=heads)
        results.append((j, pages[0] if pages else None, issn, cn))

    j, page, issn, cn = min(results, key=lambda r: _RANK[_outcome(r[0], supplement)])
    cover = _domestic_without_cn(match.journal_pages + match.paper_pages) if j.status == "unknown" and not cn else None
    if cover is not None and not j.certain:
        # a Chinese journal's masthead (主管, 主办) over an ISSN alone, no registry knows it
        j.certain, page = True, cover
        j.reason = (f"ISSN {issn} 不在登记库中；期刊页印有主管、主办单位（国内期刊的版权信息），却无国内统一连续出版物号 CN："
                    "国内公开出版的期刊须同时具有 CN 与 ISSN，疑为仅有国际刊号的假刊")
    status = _outcome(j, supplement)
    if status == "pass" and (bad := _unweighed_issn(d, pages)):
        return _unweighed_finding(paper, bad, pages, f"其余核对结果：{j.message()}")
    if (status == "review" and j.status == "unknown" and not (j.certain or j.warnings or supplement)
            and d.unpublished_ok(RULE_ID)):
        # a journal no registry here knows (a foreign one: Environmental Pollution) says nothing
        # of a paper that need not be published; a 套刊 or a fake read surely still fails
        return _finding("pass", f"{paper}：期刊（{numbers_label(issn, cn)}）不在登记库中；企业申报人员对论文不作发表要求，免于核对期刊登记",
                        j, page, issn, cn, claim)
    unknown_issns = list(dict.fromkeys(r[2] for r in results if r[2] and r[0].status == "unknown"))
    if abroad and len(unknown_issns) > 1 and status == "review" and j.status == "unknown" and not cn and not note:
        # the paper's own page prints another ISSN than its cover (0045-6535/© 2023 Elsevier under a cover's
        # 0048-9697): another journal's paper under this journal's cover, and no registry here to name either (probe
        # trust20, P18: the foreign journal's one review below said nothing of it)
        other = next(r for r in results if r[2] == unknown_issns[1])
        first = next(r for r in results if r[2] == unknown_issns[0])
        return _finding("review", f"{paper}：{first[1].where if first[1] else '期刊页'}所印 ISSN {unknown_issns[0]}，"
                        f"而{other[1].where if other[1] else '论文页'}所印 ISSN 为 {unknown_issns[1]}，两者不同（均不在登记库中），"
                        "论文页可能属于另一刊物，请人工核对期刊原件", other[0], other[1], other[2], None, claim)
    if (abroad and status == "review" and j.status == "unknown" and not (j.certain or j.warnings or supplement)
            and not cn and not note):
        # an SCI journal (Water Research, ISSN only) is in no Chinese registry: journal.cn's review of the paper as a
        # foreign journal's asks the same question, one finding for one cause (probe trust12, C07); a warning-listed
        # journal, a supplement, a masthead's fake or a CN read are still said here
        return None
    message = f"{paper}：{note}{j.message()}"
    if supplement and j.outcome == "pass":
        message = f"{paper}：刊载于增刊/专刊（期刊页读到“{supplement}”），增刊/专刊须人工核实是否经批准出版。{j.message()}"
    return _finding(status, message, j, page, issn, cn, claim)


#: a paper page's running head and foot: lines in its top and bottom bands (the title starts below)
HEAD_BAND, FOOT_BAND = 0.08, 0.06


def _running_head(page: PageRead) -> str:
    r"""The lines of a paper page's running head and foot (top 0.08, bottom 0.06 of the
    page), where a journal prints its name over its papers.

    >>> from ocr.model import OcrLine, OcrPage
    >>> def line(t, y):
    ...     return OcrLine(t, ((100, y), (900, y), (900, y + 30), (100, y + 30)), 0.99)
    >>> p = PageRead("p.jpg", 1, OcrPage(1000, 2000, [line("环境科学与技术研究", 40), line("抚顺市环境工程设计研究", 240),
    ...                                             line("收稿日期：2021-12-20", 1900)]), kind="paper")
    >>> _running_head(p)
    '环境科学与技术研究\n收稿日期：2021-12-20'
    """
    h = page.ocr.height or 1
    return "\n".join(l.text for l in page.ocr.lines if l.bbox[1] < HEAD_BAND * h or l.bbox[3] > (1 - FOOT_BAND) * h)


def _unweighed_issn(d: Dossier, pages: list[PageRead]) -> list[str]:
    """The invalid ISSNs (a check digit or form no journal can carry) that ``pages``
    print where no other rule weighs them: journal.issn is exempt for this applicant
    (an enterprise's). The exemption is for a paper that need not be published, not
    for a journal page printing a number no journal has: an enterprise applicant's
    cover printing ISSN 0167-6368 passed every journal rule, and so did a registered
    journal's pages with its ISSN altered beside its real CN (trust exploration 7,
    P12 and P21). An invalid number may be misread, so it is never failed on here."""
    from verify.journals.judge import clean_issn

    if not d.exempt("journal.issn"):
        return []
    valid = {v for p in pages for x in p.issn if (v := clean_issn(x))}
    # one character from a valid ISSN the pages print: that number misread, judged already
    return list(dict.fromkeys(x for p in pages for x in p.issn if not clean_issn(x)
                              and not any(_one_apart(x, v) for v in valid)))


def _one_apart(a: str, b: str) -> bool:
    """Whether two numbers of one length differ in one character.

    >>> _one_apart("1674-1022", "1674-1021"), _one_apart("1674-1022", "1675-1021")
    (True, False)
    """
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _unweighed_finding(paper: str, bad: list[str], pages: list[PageRead], rest: str = "") -> Finding:
    """``review``: the journal pages print an invalid ISSN no other rule weighs."""
    page = next((p for p in pages if set(p.issn) & set(bad)), None)
    shown = "、".join(bad)
    message = (f"{paper}：期刊页所印 ISSN {shown} 无效（校验位或格式不符，正式出版的期刊不会印无效刊号，也可能是识别误差）；"
               "企业申报人员对论文不作发表要求，但期刊页不得弄虚作假，请人工核对期刊页" + (f"。{rest}" if rest else ""))
    kw = {"file": page.file, "page": page.page, "bbox": _box_of(page, bad)} if page is not None else {}
    return Finding(RULE_ID, "review", message, value=shown, **kw)


#: a masthead line of a journal published in China: its supervising and sponsoring bodies
_MASTHEAD = re.compile(r"^\s*(主\s*管|主\s*办)(\s*单\s*位)?\s*[:：]")
#: a masthead's label set as a column (主    管  香港中华文化出版社): no colon, the value after a space or on the
#: next line
_MASTHEAD_COLUMN = re.compile(r"^\s*(主\s*管|主\s*办)(\s*单\s*位)?(?:\s+\S|\s*$)")


def _masthead_heads(text: str) -> set[str]:
    r"""The masthead labels (主管, 主办) a page prints at a line's start: with a colon, or as a 版权页's column of labels
    without one, the label's two characters spaced so far apart that they were read as lines of their own (主 / 管).

    >>> sorted(_masthead_heads("主管：辽宁省生态环境厅\n主办：辽宁省环境科学研究院"))
    ['主办', '主管']
    >>> sorted(_masthead_heads("主\n管\n香港中华文化出版社\n主\n办\n中国环境管理研究杂志社"))
    ['主办', '主管']
    >>> sorted(_masthead_heads("主    管  中国科学院\n主办单位 中国科学院生态环境研究中心"))
    ['主办', '主管']
    >>> sorted(_masthead_heads("主办方介绍\n主要管理措施\n主\n要"))
    []
    """
    lines = [x.strip() for x in text.splitlines()]
    lines += [a + b for a, b in zip(lines, lines[1:]) if len(a) == 1]
    return {m.group(1).replace(" ", "") for line in lines
            if (m := _MASTHEAD.match(line) or _MASTHEAD_COLUMN.match(line))}
#: anything a CN could have been read as: the label (not a web or mail address's .cn, not CNKI: every masthead
#: prints one, probe trust23 P07), or a serial with its class (21-1135/X); not the ISSN's own label 国际标准连续出版物号 (国际连续出版物号), which holds 连续出版物号 too
#: and made every cover so labelled show a trace (trust exploration 4, P07)
_CN_TRACE = re.compile(r"(?<![A-Za-z./@])CN(?![A-Za-z])|统一刊号|国内刊号|(?<!国际)(?<!国际标准)(?<!国际标准\s)连续出版物号"
                       r"|\d{2}\s*[-－—一]\s*\d{4}\s*/\s*[A-Z]", re.I)


def _domestic_without_cn(pages: list[PageRead]) -> PageRead | None:
    """The cover or contents page that prints a Chinese journal's masthead (主管：…,
    主办：…) where no page of the journal or the paper shows a trace of a CN: a
    journal published in China must carry one beside its ISSN, and a foreign journal
    has no 主管 (probe set: 《环境工程技术研究》, 国际标准刊号 ISSN 2079-6021, 主管：辽宁省
    生态环境厅, no CN: a review). None where that cannot be said.

    >>> from ocr.model import OcrLine, OcrPage
    >>> def page(kind, *lines):
    ...     return PageRead("c.jpg", 1, OcrPage(800, 600, [OcrLine(t, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.99) for t in lines]), kind=kind)
    >>> cover = page("journal_cover", "环境工程技术研究", "国际标准刊号 ISSN 2079-6021", "主管：辽宁省生态环境厅", "主办：中国科学院生态环境研究中心")
    >>> _domestic_without_cn([cover, page("paper", "文章编号：2079-6021(2021)03-0028-04")]) is cover
    True
    >>> _domestic_without_cn([cover, page("journal_toc", "国内统一连续出版物号 21-1135/X")]) is None
    True
    >>> _domestic_without_cn([page("journal_cover", "Environmental Research", "ISSN 0013-9351")]) is None
    True
    >>> labelled = page("journal_cover", "环境工程技术研究", "国际标准连续出版物号 ISSN 2079-6021", "主管：辽宁省生态环境厅",
    ...                 "主办：中国科学院生态环境研究中心")
    >>> _domestic_without_cn([labelled]) is labelled  # the ISSN's own label is no trace of a CN
    True
    >>> _domestic_without_cn([labelled, page("journal_toc", "国内统一连续出版物号")]) is None
    True
    >>> _domestic_without_cn([labelled, page("journal_cover", "E-mail hjkx@rcees.ac.cn", "www.hjkx.ac.cn", "CNKI 全文收录")]) is labelled
    True
    >>> _domestic_without_cn([labelled, page("journal_cover", "CN(HK)9217/X")]) is None
    True
    """
    if any(_CN_TRACE.search(p.ocr.text) for p in pages):
        return None
    for p in pages:
        if p.kind in ("journal_cover", "journal_toc"):
            if _masthead_heads(p.ocr.text) == {"主管", "主办"}:
                return p
    return None


def _cover_finding(checker, p: PageRead) -> Finding:
    """A journal cover no claimed paper took: its numbers are judged; its name is
    looked for on the page (a missing name is no reason for review here)."""
    pairs = _pairs_read([p])
    if not pairs:
        return finding(RULE_ID, "review", f"期刊页（未对应申报论文）上未读出有效的 ISSN 或 CN，无法核对期刊登记", p)
    best = None
    for page, issn, cn in pairs:
        j = checker.check(issn, cn, (), None, page_texts=[p.ocr.text], misread=_misread_on(page))
        if best is None or _RANK[_cover_outcome(j)] < _RANK[_cover_outcome(best[0])]:
            best = (j, issn, cn)
    j, issn, cn = best
    return _finding(_cover_outcome(j), f"期刊页（未对应申报论文）：{j.message()}", j, p, issn, cn, None)


def _cover_outcome(j) -> str:
    """A cover no claim took: its name not read is no reason for review, what its
    masthead betrays is (``j.doubts``: a sponsor not registered, a free submission mailbox)."""
    if j.status == "registered" and j.name_check == "unread" and not j.warnings and not j.doubts:
        return "pass"
    if j.status == "ceased":
        return "review"  # no paper date to set against the stop
    return j.outcome


def _outcome(j, supplement: str | None) -> str:
    out = j.outcome
    if supplement and out == "pass":
        return "review"
    return out


def _finding(status: str, message: str, j, page: PageRead | None, issn, cn, claim) -> Finding:
    value = numbers_label(issn, cn, " ") or None
    expected = None
    if j.journal is not None:
        expected = j.journal.label()
    box = _box_of(page, [v for v in (issn, cn) if v]) if page is not None else None
    kw = {"file": page.file, "page": page.page} if page is not None else {}
    return Finding(RULE_ID, status, message, value=value, expected=expected, bbox=box, journal=j.to_dict(), **kw)


# ---------------------------------------------------------------- reading the pages


def _pairs_read(pages: list[PageRead]) -> list[tuple[PageRead, str | None, str | None]]:
    """The distinct (ISSN, CN) pairs that pages show; a page counts when it shows
    at least one valid number (an invalid one beside it is passed on, for the
    judgement to say it was left out); a paper's cover with the ISSN and its
    copyright page with the CN make a pair. A number a page shows alone beside pairs
    read elsewhere is judged alone too, unless it is one of theirs or one character
    from one (a misread): a cover printing another journal's ISSN over a 版权页 with
    the right pair is the cover of another journal.

    >>> from ocr.model import OcrPage
    >>> def page(issn=(), cn=()):
    ...     return PageRead("p.jpg", 1, OcrPage(100, 100, []), issn=list(issn), cn=list(cn))
    >>> [(i, c) for _, i, c in _pairs_read([page(["1673-2251"]), page(["1004-6216"], ["21-1135/X"])])]
    [('1004-6216', '21-1135/X'), ('1673-2251', None)]
    >>> [(i, c) for _, i, c in _pairs_read([page(["1004-6216"]), page(["1004-6216"], ["21-1135/X"])])]
    [('1004-6216', '21-1135/X')]
    """
    from verify.journals.judge import clean_cn, clean_issn

    out, seen = [], set()
    lone_issn, lone_cn = [], []
    for p in pages:
        issns = list(dict.fromkeys(x for x in map(clean_issn, p.issn) if x))
        if len(online := [x for x in issns if x in _online_issns(p)]) < len(issns):
            issns = [x for x in issns if x not in online]  # the print ISSN is the registered one
        cns = list(dict.fromkeys(x for x in map(clean_cn, p.cn) if x))
        if issns and not cns and p.cn:
            cns = p.cn[:1]
        elif cns and not issns and p.issn:
            issns = p.issn[:1]
        if issns and cns:
            for i in issns:
                for c in cns:
                    if (i, c) not in seen:
                        seen.add((i, c))
                        out.append((p, i, c))
        elif issns:
            lone_issn += [(p, i) for i in issns]
        elif cns:
            lone_cn += [(p, c) for c in cns]
    if out:
        out += _numbers_beside(out, [], lone_issn, lone_cn)
    else:
        if lone_issn and lone_cn:
            for p, i in lone_issn:
                for _, c in lone_cn:
                    if (i, c) not in seen:
                        seen.add((i, c))
                        out.append((p, i, c))
        else:
            for p, i in lone_issn:
                if (i, None) not in seen:
                    seen.add((i, None))
                    out.append((p, i, None))
            for p, c in lone_cn:
                if (None, c) not in seen:
                    seen.add((None, c))
                    out.append((p, None, c))
    return out


#: an ISSN labelled as the online edition's (e-ISSN 1878-7320, ISSN 1878-7320 (Online), 电子版 ISSN):
#: registries list the print ISSN beside the CN, and a journal printing both is no 套刊
_ONLINE_ISSN = re.compile(r"(?:E\s*-?\s*ISSN|[O0]NLINE\s*ISSN|ISSN\s*[(（]?\s*(?:[O0]NLINE|ELECTRONIC|电子版|网络版)\s*[)）]?"
                          r"|(?:电子版|网络版|在线版)\s*ISSN)\s*[:：]?\s*(\d{4}\s*-\s*\d{3}[\dX])"
                          r"|(\d{4}\s*-\s*\d{3}[\dX])\s*[(（]\s*(?:[O0]NLINE|ELECTRONIC|电子版|网络版)\s*[)）]", re.I)


def _online_issns(page: PageRead) -> set[str]:
    """The ISSNs ``page`` labels as the online edition's.

    >>> from ocr.model import OcrLine, OcrPage
    >>> def page(*lines):
    ...     return PageRead("c.jpg", 1, OcrPage(100, 100, [OcrLine(t, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9) for t in lines]))
    >>> sorted(_online_issns(page("ISSN 1001-0742 (Print)", "ISSN 1878-7320 (0nline)", "e-ISSN 2096-6962", "ISSN (Online): 1234-5679")))
    ['1234-5679', '1878-7320', '2096-6962']
    >>> _online_issns(page("ISSN 1001-0742  CN 11-2629/X"))
    set()
    """
    from verify.read.extract import _clean_ident

    text = _clean_ident(page.ocr.text) if page.ocr is not None else ""
    return {re.sub(r"\s", "", m.group(1) or m.group(2)).upper() for m in _ONLINE_ISSN.finditer(text)}


def _numbers_beside(pairs, paper_pages: list[PageRead], lone_issn=(), lone_cn=()) -> list[tuple[PageRead, str | None, str | None]]:
    """The numbers read alone (``lone_issn``, ``lone_cn``: ``(page, number)``) and those a
    paper's own pages print (a running head's ISSN, 文章编号 1002-6002(2022)04-…) that
    are none of ``pairs`` nor one character from one (a misread), each to be judged
    alone: a cover or a paper page of another journal filed under this journal's.

    >>> from ocr.model import OcrPage
    >>> cover = PageRead("c.jpg", 1, OcrPage(100, 100, []), issn=["1004-6216"], cn=["CN 21-1135/X"])
    >>> head = PageRead("p.jpg", 1, OcrPage(100, 100, []), issn=["1002-6002", "1004-6216"])
    >>> [(i, c) for _, i, c in _numbers_beside(_pairs_read([cover]), [head])]
    [('1002-6002', None)]
    """
    from verify.journals.judge import clean_cn, clean_issn, near_miss

    issns, cns = {i for _, i, _ in pairs if i}, {c for _, _, c in pairs if c}
    lone_issn = [*lone_issn, *((p, i) for p in paper_pages for i in filter(None, map(clean_issn, p.issn))
                               if not (issns and i in _online_issns(p)))]
    lone_cn = [*lone_cn, *((p, c) for p in paper_pages for c in filter(None, map(clean_cn, p.cn)))]
    seen: set[str] = set()

    def fresh(lone, known):
        for p, v in lone:
            if v not in seen and not any(v == x or near_miss(v, x) for x in known):
                seen.add(v)
                yield p, v

    return [(p, i, None) for p, i in fresh(lone_issn, issns)] + [(p, None, c) for p, c in fresh(lone_cn, cns)]


def _paper_date(claimed, pages: list[PageRead]):
    """The earliest publication date known (the claim's or a journal page's): a
    paper is held to be after a journal stopped only if every date says so."""
    dates = [d.date for p in pages for d in p.dates_with_role("publication")]
    if claimed is not None:
        dates.append(claimed)
    return min(dates, key=lambda x: x.earliest()) if dates else None


def _supplement(pages: list[PageRead]) -> str | None:
    """What marks a supplement or special issue on the pages (:data:`_SUPPLEMENT`), or None.

    >>> from ocr.model import OcrLine, OcrPage
    >>> def page(text):
    ...     return PageRead("p.jpg", 1, OcrPage(100, 100, [OcrLine(text, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.99)]))
    >>> [_supplement([page(t)]) for t in ("2022年 第42卷 增1期", "2022（42）增1", "第40卷 增期 Supp.1", "Vol.40 Supp.1",
    ...  "2022年第41卷 环境监测专辑", "Vol.41 Special Issue", "2022年第38卷S1期", "Vol.38 S1", "2022(38)S1")]
    ['卷增1期', '）增1', '卷增期', 'Supp', '专辑', 'SpecialIssue', '卷S1期', 'Vol.38S1', ')S1']
    >>> [_supplement([page(t)]) for t in ("2022年第38卷第4期", "排放量增长12%，增加了2倍", "Vol.38 No.4", "Support vector"
    ...  , "2022, 38(4): 1-8")]
    [None, None, None, None, None]
    >>> [_supplement([page(t)]) for t in ("2020年 抗疫特辑", "第38卷 专集", "Vol.42 Sup.1", "2022,42(增1)", "第42卷（增）",
    ...  "Super typhoon", "专家集体讨论")]
    ['特辑', '专集', 'Sup.1', '(增1)', '（增）', None, None]
    """
    for p in pages:
        m = _SUPPLEMENT.search(p.ocr.text or "")
        if m:
            return re.sub(r"\s", "", m.group(0))
    return None


def _alnum(text: str) -> list[tuple[int, str]]:
    """The letters and digits of a line with their positions, OCR digit look-alikes mapped."""
    out = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch)
        if len(n) == 1 and n.isalnum() and n.isascii():
            out.append((i, n.upper().translate(_OCR_DIGITS) if n not in "Xx" else "X"))
    return out


def _locate(page: PageRead, value: str):
    """The OCR line holding ``value`` (an ISSN or a CN without its prefix), and the
    positions in the line of the value's letters and digits."""
    want = "".join(ch for ch in value.upper() if ch.isalnum()).translate(_OCR_DIGITS)
    for line in page.ocr.lines:
        chars = _alnum(line.text)
        joined = "".join(c for _, c in chars)
        k = joined.find(want)
        if k < 0 and "/" in value:  # a class misread: look for the region-serial part
            core = "".join(ch for ch in value.split("/")[0] if ch.isalnum())
            k2 = joined.find(core)
            if k2 >= 0:
                return line, [i for i, _ in chars[k2:k2 + len(core)]], core
        if k >= 0:
            return line, [i for i, _ in chars[k:k + len(want)]], want
    return None, [], ""


def _box_of(page: PageRead, values: list[str]):
    boxes = [line.bbox for v in values for line in [_locate(page, v)[0]] if line is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _misread_on(page: PageRead):
    """``misread(field, read, registered)`` for one page: could the recogniser have
    seen ``registered`` where the page reads ``read``? A PDF text layer is exact
    (no); a line without the recogniser's probabilities cannot say (yes), except
    for ``cn_class`` (a CN whose class alone differs, asked in order to pass it): there
    what cannot be said is no."""

    def misread(field: str, read: str, registered: str) -> bool:
        if page.ocr.source == "text_layer":
            return False
        unknown = field != "cn_class"
        field = "cn" if field == "cn_class" else field
        if field == "name":  # a journal's name: the line that reads it, the registered name in its place
            # None: nobody can say (no per-character probabilities); the name check then asks a person
            line = next((l for l in page.ocr.lines if l.text.strip() == read.strip()), None)
            lattice = getattr(line, "lattice", None)
            if lattice is None:
                return None
            try:
                return lattice.compare(line.text.replace(read.strip(), registered)) > -MISREAD_NATS
            except Exception:
                return None
        line, positions, found = _locate(page, read)
        if line is None:
            return unknown
        lattice = getattr(line, "lattice", None)
        if lattice is None:
            return unknown
        want = "".join(ch for ch in registered.upper() if ch.isalnum())
        if found != "".join(ch for ch in read.upper() if ch.isalnum()).translate(_OCR_DIGITS):
            want = "".join(ch for ch in registered.split("/")[0] if ch.isalnum())
        if len(want) != len(positions):
            return unknown  # a class of another length: no character-for-character hypothesis
        hypothesis = list(line.text)
        for pos, ch in zip(positions, want):
            if unicodedata.normalize("NFKC", hypothesis[pos]).upper().translate(_OCR_DIGITS) != ch:
                hypothesis[pos] = ch
        try:
            return lattice.compare("".join(hypothesis)) > -MISREAD_NATS
        except Exception:
            return unknown

    return misread
