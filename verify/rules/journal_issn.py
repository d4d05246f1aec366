"""journal.issn: each paper's journal pages show an ISSN with a valid check digit,
equal to the claimed one. Enterprise applicants: pass, with a note (企业申报人员对论文
不作发表要求)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import issn as stdnum_issn
from stdnum.exceptions import InvalidChecksum, ValidationError

from verify.model import Finding
from verify.read.confirm import plausible_misread, summary
from verify.rules import Dossier, finding
from verify.rules.required import maybe_of_kind, where as pages_where

RULE_ID = "journal.issn"


def _norm(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return stdnum_issn.format(stdnum_issn.compact(value))
    except Exception:
        return value


def _other_covers(d: Dossier, label: str, read_of) -> str:
    """What a fail for a missing cover adds where the dossier holds a journal cover no
    claimed paper took: it is another journal's or issue's (the cover of 环境科学研究
    beside a paper claimed in another journal sent the reviewer to look for a missing
    cover: trust exploration 6, P05); "" where there is none."""
    taken = {id(p) for m in d.paper_matches for p in m.journal_pages}
    others = [p for p in d.pages_of("journal_cover") if id(p) not in taken]
    if not others:
        return ""
    p = others[0]
    printed = "、".join(dict.fromkeys(read_of(p)))
    return (f"；材料中的期刊封面（{p.where}{f'，所印 {label} {printed}' if printed else ''}）"
            "与申报的期刊或刊期不符")


@dataclass(frozen=True)
class Identified:
    """One finding of :func:`identify` with what it is about, for a rule to read instead of the message's words:
    ``match`` the claimed paper (:class:`~verify.read.claims.PaperMatch`; None for the applicant's exemption) and
    ``reason`` why, one of :data:`REASONS`."""

    finding: Finding
    match: object | None
    reason: str


#: ``Identified.reason``: ``exempt`` (an enterprise applicant), ``claim_invalid`` (the claimed number is none),
#: ``unpublished`` (no journal page, an enterprise applicant's paper), ``online_first``, ``book`` (the claimed
#: "journal" is a book: a page printing its name prints an ISBN), ``cover_unclassified`` (a
#: page left ``other`` may be the cover), ``no_cover``, ``printed_otherwise`` (the claim printed, another number
#: beside it), ``agrees``, ``confirmed`` (a line read again shows the claim), ``absent_exempt``, ``label_unread``
#: (the label printed, its number not read), ``absent`` (no number printed), ``invalid``, ``differs``, ``unclaimed``
#: (a valid number, none claimed)
REASONS = ("exempt", "claim_invalid", "unpublished", "online_first", "book", "cover_unclassified", "no_cover",
           "printed_otherwise", "agrees", "confirmed", "absent_exempt", "label_unread", "absent", "invalid", "differs",
           "unclaimed")


def check_identifier(d: Dossier, rule_id: str, label: str, read_of, is_valid, norm, claimed_of, why_invalid,
                     fact: str | None = None, trace: re.Pattern | None = None) -> list[Finding]:
    """The findings of :func:`identify`."""
    return [x.finding for x in identify(d, rule_id, label, read_of, is_valid, norm, claimed_of, why_invalid, fact,
                                        trace)]


def identify(d: Dossier, rule_id: str, label: str, read_of, is_valid, norm, claimed_of, why_invalid,
             fact: str | None = None, trace: re.Pattern | None = None) -> list[Identified]:
    """The shared shape of the ISSN and CN checks: per claimed paper, the
    identifiers read on its journal pages against the claim. ``fact`` names the
    claim checks of :mod:`verify.read.confirm` (``issn``/``cn``): a difference the
    recogniser was not sure of is ``review``, a reading that the line read again
    shows to be the claim is ``pass``. ``trace``: the number's label followed by what
    may be a damaged number (:func:`_label_unread`): no number read beside it is
    ``review``, not a missing number's ``fail``."""
    if d.exempt(rule_id):
        return [Identified(d.exemption(rule_id, f"企业申报人员对论文不作发表要求，免于核对期刊 {label}"), None, "exempt")]
    findings: list[Identified] = []
    for match in d.paper_matches:
        def add(reason: str, f: Finding, match=match) -> None:
            findings.append(Identified(f, match, reason))

        claim = match.claim
        paper = f"论文《{claim.title or claim.journal or '未命名'}》"
        covers = [p for p in match.journal_pages if p.kind == "journal_cover"]
        pages = covers or list(match.journal_pages)
        expected = norm(claimed_of(claim))
        read = [(p, v) for p in pages for v in read_of(p)]
        if expected and not is_valid(expected):
            # the claim itself is not a valid number: certain whatever the pages read
            same = "，与期刊页所印相同" if any(norm(v) == expected for _, v in read) else ""
            where = next((p for p, v in read if norm(v) == expected), pages[0] if pages else None)
            printed = next(((p, v) for p, v in read if is_valid(v) and _typo_of(expected, norm(v))), None)
            if not same and printed is not None:  # the journal's own number, typed with two digits swapped or one wrong
                where = printed[0]
                same = f"；期刊页所印为 {norm(printed[1])}（有效），与申报仅一两位之差，疑为申报信息录入错误，请更正申报信息后核对"
            add("claim_invalid", finding(rule_id, "fail", f"{paper}申报的期刊 {label} {expected} 无效：{why_invalid(expected)}{same}", where,
                                    value=expected, expected=expected))
            continue
        if not covers and not any(read_of(p) for p in pages):
            if d.unpublished_ok(rule_id):
                add("unpublished", d.exemption(rule_id, f"{paper}未见期刊页；企业申报人员对论文不作发表要求，免于核对期刊 {label}"))
                continue
            if online := _online_first(d, claim):
                add("online_first", finding(rule_id, "review", f"{paper}为网络首发论文（{online.where}载有网络首发信息），尚无刊载期刊的"
                                        f"封面或版权页，无法核对 {label}；网络首发论文是否认可为已公开发表，请人工核实", online,
                                        expected=expected))
            elif book := _book_of(d, claim):
                # a 论文集 (conference proceedings, a collection) has an ISBN, no ISSN or CN: it is no journal,
                # and no cover of one is missing (probe trust23 P09: its CIP page was taken for a cover, a review)
                q, isbn = book
                add("book", finding(rule_id, "fail", f"{paper}所载的《{claim.journal}》是图书（{q.where}印有 ISBN {isbn}，"
                                    f"即图书在版编目/书号），不是期刊，没有 {label}：论文集、会议文集不属于期刊公开发表的论文，"
                                    "请人工确认是否认可", q, value=isbn, expected=expected))
            elif maybe := maybe_of_kind(d, "journal_cover"):
                add("cover_unclassified", Finding(rule_id, "review", f"{paper}未找到刊载期刊的封面或版权页；{pages_where(maybe)}可能是期刊封面"
                                        f"（未能识别其类型），请人工核对 {label}", file=maybe[0].file, page=maybe[0].page,
                                        expected=expected))
            else:
                add("no_cover", Finding(rule_id, d.missing_status, f"{paper}未找到刊载期刊的封面或版权页，无法核对 {label}"
                                        f"{_other_covers(d, label, read_of)}{d.unreadable_note}", expected=expected))
            continue
        valid = [(p, v) for p, v in read if is_valid(v)]
        where = pages[0]
        conf = summary(pages, fact) if fact and expected else None
        if expected and any(norm(v) == expected for _, v in valid):
            p, v = next((p, v) for p, v in valid if norm(v) == expected)
            clash = _printed_otherwise(pages, read, expected, norm, fact)
            if clash is not None:
                q, w, c = clash
                bad = "" if is_valid(w) else f"（{why_invalid(w)}）"
                add("printed_otherwise", finding(rule_id, "review", f"{paper}的期刊页印有 {label} {v}，与申报一致；但 {q.where}所印 {label} "
                                        f"为 {w}{bad}，与之不同（{c.note}），同一期刊各页刊号应一致，请核对期刊原件", q,
                                        value=w, expected=expected, bbox=c.bbox))
                continue
            if label == "ISSN" and covers and all(_is_online_first(q, claim) for q in covers) and \
                    not any(q.kind == "journal_toc" for q in match.journal_pages):
                # the only "cover" is CNKI's 网络首发 notice, which prints the journal's numbers: the paper has no
                # issue yet, whatever numbers the notice shows (probe trust23 C15 passed as a cover)
                add("online_first", finding(rule_id, "review", f"{paper}为网络首发论文（{covers[0].where}为网络首发页，印有 {label} {v}，"
                                        "与申报一致），尚无刊载该文的期刊封面或版权页；网络首发论文是否认可为已公开发表，请人工核实",
                                        covers[0], value=v, expected=expected))
                continue
            add("agrees", finding(rule_id, "pass", f"{paper}的期刊 {label} {v} 有效且与申报一致", p, value=v, expected=expected))
        elif conf is not None and conf.state == "confirmed":
            p = next(p for p in pages if conf in p.confirmations)
            add("confirmed", finding(rule_id, "pass", f"{paper}的期刊 {label} 与申报的 {expected} 一致（{conf.note}）", p,
                                    value=expected, expected=expected, bbox=conf.bbox))
        elif not read and d.unpublished_ok(rule_id):
            add("absent_exempt", d.exemption(rule_id, f"{paper}的期刊页上未见 {label}；企业申报人员对论文不作发表要求，免于核对"))
        elif not read and trace is not None and (seen := _label_unread(pages, trace)):
            # the label is printed with a number after it that does not read as one (a digit
            # lost: ISSN １00-6２１6 for a spaced full-width １００４－６２１６): no sure absence
            q, frag = seen
            add("label_unread", finding(rule_id, "review", f"{paper}的期刊页印有 {label}，但其号码未能识别（识别为“{frag}”），"
                                    f"无法与申报的 {expected or '刊号'} 核对，请人工核对", q, value=frag, expected=expected))
        elif not read:
            add("absent", finding(rule_id, "fail", f"{paper}的期刊页上未见 {label}", where, expected=expected))
        elif not valid:
            p, v = read[0]
            add("invalid", _doubtful(rule_id, conf, expected, v, p, f"{paper}的期刊 {label} {v} 无效：{why_invalid(v)}",
                                      f"{paper}的期刊 {label} 识别为 {v}（{why_invalid(v)}）"))
        elif expected:
            p, v = valid[0]
            add("differs", _doubtful(rule_id, conf, expected, v, p, f"{paper}的期刊 {label} {v} 与申报的 {expected} 不一致",
                                      f"{paper}的期刊 {label} 识别为 {v}，与申报的 {expected} 不同", check_digit=label == "ISSN"))
        else:
            p, v = valid[0]
            add("unclaimed", finding(rule_id, "pass", f"{paper}的期刊 {label} {v} 有效", p, value=v, expected=expected))
    return findings


#: a book's number (ISBN 978-7-5111-5234-3, ISBN7-80163-123-X) as a 版权页 or CIP block prints it
_ISBN = re.compile(r"ISBN\s*[:：]?\s*((?:97[89][\s\-－—一]*)?(?:\d[\s\-－—一]*){9}[\dXx])", re.I)


def isbn_on(text: str) -> str | None:
    """The first ISBN printed in ``text`` (a valid one, hyphens as printed), else None.

    >>> isbn_on("2022中国环境科学学会科学技术年会论文集/中国环境科学学会编 ISBN 978-7-5111-5234-3")
    '978-7-5111-5234-3'
    >>> isbn_on("ISBN 978-7-5111-5234-7"), isbn_on("ISSN 1004-6216"), isbn_on("ISBN7-80163-123-4")  # a check digit off; ISBN-10
    (None, None, '7-80163-123-4')
    """
    from stdnum import isbn as stdnum_isbn

    for m in _ISBN.finditer(text):
        number = re.sub(r"[\s－—一]", "-", m.group(1)).strip("-")
        if stdnum_isbn.is_valid(number):
            return number
    return None


def _book_of(d: Dossier, claim):
    """``(page, ISBN)`` where a page of the dossier prints the claimed journal's name (four characters or more) and a
    valid ISBN and no ISSN: the "journal" is a book (a 论文集's title or CIP page), else None."""
    from verify.journals.names import name_key

    key = name_key(claim.journal)
    if len(key) < 4:
        return None
    for p in d.pages:
        if p.ocr is None or p.issn or (isbn := isbn_on(p.ocr.text)) is None:
            continue
        if key in name_key(p.ocr.text.replace("\n", "")):
            return p, isbn
    return None


#: CNKI's online-first (网络首发) page: its heading and its own dates
_ONLINE_FIRST = re.compile(r"网络首发(论文|日期|时间|地址)")


def _online_first(d: Dossier, claim):
    """The page of the dossier that is the claimed paper's online-first notice (CNKI's
    网络首发论文 page: 题目, 网络首发日期, naming the claim's title), or None: a paper
    published online before its issue has no cover yet, which is no missing cover."""
    for p in d.pages:
        if _is_online_first(p, claim):
            return p
    return None


def _is_online_first(p, claim) -> bool:
    """Whether page ``p`` is the claimed paper's CNKI online-first notice (网络首发论文, 网络首发日期, naming its title)."""
    from verify.read.claims import title_on

    return bool(p.ocr is not None and _ONLINE_FIRST.search(p.ocr.text.replace(" ", "")) and claim.title
                and title_on(claim.title, p).state == "named")


#: an ISSN's label and, after it on its line, four digits or more that did not read as an ISSN
ISSN_TRACE = re.compile(r"(?:ISSN|国际标准(?:连续出版物号|刊号))\s*[\]〕】)）]?\s*[:：]?\s*(?P<n>(?:[0-9０-９OolIX×xＸ][\s\-－—一]*){4,})", re.I)
#: a CN's label and, after it, four digits or more that did not read as a CN
#: (not a web address's .cn, not CNKI, not a year: www.hjbh.cn 2022年)
CN_TRACE = re.compile(r"(?:(?<![A-Za-z./@])C\s*N(?!\s*KI)|国内统一(?:连续出版物号|刊号)|统一刊号)\s*[\]〕】)）]?\s*[:：]?\s*"
                      r"(?P<n>(?:[0-9０-９OolI][\s\-－—一/／A-Z]*){4,})(?![年月])", re.I)


def _label_unread(pages, trace: re.Pattern):
    """``(page, what follows the label)`` where a journal page prints the number's label
    with four digits or more after it on its line, else None.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> def page(*lines):
    ...     return PageRead("c.jpg", 1, OcrPage(100, 100, [OcrLine(t, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9) for t in lines]))
    >>> _label_unread([page("环境保护科学", "ISSN １00-6２１6")], ISSN_TRACE)[1]
    '１00-6２１6'
    >>> _label_unread([page("CN 21-11/X")], CN_TRACE)[1], _label_unread([page("主管：沈阳市生态环境局", "ISSN")], ISSN_TRACE)
    ('21-11/X', None)
    >>> _label_unread([page("www.hjbh.cn 2022年第3期", "CNKI 2021", "CN 2022年", "CN 21-1556/X", "ISSN 1674-1021")], CN_TRACE) is None
    True
    """
    from verify.read.extract import find_cns, find_issns

    reads = find_issns if trace is ISSN_TRACE else find_cns
    for p in pages:
        for line in p.ocr.text.splitlines():
            if (m := trace.search(line)) and not reads(m.group(0)):  # a number read there is another matter
                return p, m.group("n").strip()
    return None


def _typo_of(typed: str | None, printed: str | None) -> bool:
    """Whether ``typed`` is ``printed`` with one character wrong or two neighbours swapped.

    >>> _typo_of("1004-6261", "1004-6216"), _typo_of("1004-6217", "1004-6216"), _typo_of("1674-1021", "1004-6216")
    (True, True, False)
    """
    if not typed or not printed or len(typed) != len(printed) or typed == printed:
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, printed)) if a != b]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == printed[diff[1]]
                              and typed[diff[1]] == printed[diff[0]])


def _printed_otherwise(pages, read, expected: str, norm, fact: str | None):
    """``(page, value, confirmation)`` where a journal page of the paper prints a number
    other than the claimed one that the pages show elsewhere, read surely (the line's
    claim check contradicted it: 1000-6928 on the 版权页 under a cover's 1000-6923), else
    None. A difference the recogniser was unsure of is a misread and says nothing."""
    if not fact:
        return None
    for q, w in read:
        if norm(w) == expected:
            continue
        for c in getattr(q, "confirmations", ()):
            if c.fact == fact and c.state == "contradicted" and c.read and norm(c.read) == norm(w):
                return q, w, c
    return None


def _doubtful(rule_id: str, conf, expected: str | None, v: str, p, fail_message: str, doubt_message: str,
              check_digit: bool = False) -> Finding:
    """A number read that is invalid or not the claim: fail on a sure reading, review
    when the recogniser was unsure where it differs from the claim. Without
    probabilities, one OCR-confusable character from the claim is review (two valid
    ISSNs never differ in one character: the check digit sees to that)."""
    kw = dict(value=v, expected=expected, bbox=conf.bbox if conf is not None else None)
    if conf is not None and conf.state == "unsure":
        return finding(rule_id, "review", f"{doubt_message}，识别把握不足（{conf.note}），请人工核对", p, **kw)
    if conf is None and expected and not check_digit and plausible_misread(v, expected):
        return finding(rule_id, "review", f"{doubt_message}，仅一个易混字符之差（可能为识别误差），请人工核对", p, **kw)
    return finding(rule_id, "fail", fail_message, p, **kw)


def check(d: Dossier) -> list[Finding]:
    return check_identifier(
        d, RULE_ID, "ISSN",
        read_of=lambda p: p.issn,
        is_valid=stdnum_issn.is_valid,
        norm=_norm,
        claimed_of=lambda c: c.issn,
        why_invalid=_why_invalid,
        fact="issn",
        trace=ISSN_TRACE,
    )


def _why_invalid(value: str) -> str:
    try:
        stdnum_issn.validate(value)
    except InvalidChecksum:
        return "校验位错误"
    except ValidationError:
        return "格式错误"
    return "无效"
