"""identity.id_number: the ID card's number is a valid resident ID (GB 11643 check
digit, a real birth date, a region code that has existed at any time) and equals
the claimed ``id_number``.

- ``fail``: the number read equals the claim and the claim is invalid (check digit,
  birth date), or the claim itself is invalid, or a valid number is read that
  differs from the claim, or an invalid number far from the claim is read; or the claim
  is written elsewhere on the page (a certification under the copy) while every reading
  of the card's own number line gives another valid number;
- ``review``: no number read; beside the claim, another valid number (near it or far); a region code unknown to the database (a newer code,
  or a misread digit: never a fail by itself); a number one OCR-plausible character
  away from the claim (``1``/``7``, a dropped digit) that the recogniser's own
  probabilities could not settle; on a page whose text is under 30 pixels tall (a
  phone photo from afar, a fax), a number one digit away from the claim that fails its
  own check digit, however sure the recogniser was (but two neighbours swapped, which
  every reading agrees on against the claim, are what the card prints: ``fail``).

First-generation 15-digit numbers are converted to 18 digits before comparing;
the claim is compacted (spaces, ``x``, full-width); every number in a message is
masked (``210411********0014``).
"""
from __future__ import annotations

from stdnum.exceptions import ValidationError

from verify.model import Finding, PageRead
from verify.read.confirm import summary
from verify.read.identifiers import ric
from verify.rules import Dossier, coarse, finding

RULE_ID = "identity.id_number"


def _status_of(problem: ValidationError | None) -> str:
    """pass for a valid number, review for an unknown region, fail otherwise."""
    if problem is None:
        return "pass"
    return "review" if isinstance(problem, ric.UnknownRegion) else "fail"


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def judge(numbers: list[str], claimed: str | None, page: PageRead | None = None,
          confirmation=None) -> Finding:
    """The finding for one ID card page that reads ``numbers`` against the compacted
    18-digit ``claimed`` (or None). ``confirmation`` is the claim checked against
    the recogniser's own probabilities for the number's line (see
    :mod:`verify.read.confirm`), when that was possible.
    """
    claim_problem = ric.problem(claimed) if claimed else None
    claim_status = _status_of(claim_problem)
    read = []
    for n in numbers:
        n18 = ric.to_18(n)
        if n18 not in read:
            read.append(n18)
    kw = dict(expected=ric.mask(claimed) if claimed else None)
    if claimed and claim_status == "fail":
        # the claim itself is not a valid number: certain whatever the page reads
        n = read[0] if read else claimed
        where = "，与身份证复印件所载相同" if claimed in read else ""
        return finding(RULE_ID, "fail", f"申报信息中的{claim_problem}{where}", page, value=ric.mask(n), **kw)
    if not read:
        if confirmation is not None and confirmation.state == "confirmed":
            via = "重新识别" if confirmation.how == "reread" else "逐字识别概率"
            return finding(RULE_ID, "pass", f"身份证号码与申报信息一致（识别为 {ric.mask(confirmation.read or '')}，经{via}复核与申报号码相符）",
                           page, value=ric.mask(claimed), **kw)
        return finding(RULE_ID, "review", "未能识别身份证复印件上的公民身份号码，请人工核对", page, **kw)
    if claimed and claimed in read:
        # another valid number on the same page, far from the claim: a colleague's card
        # under a typed caption that gives the claim (probe alt13 a09: passed)
        others = [n for n in read if n != claimed and ric.problem(n) is None and _distance(n, claimed) > 2
                  and not ric.plausible_misread(n, claimed)]
        if others:
            return finding(RULE_ID, "review", f"身份证复印件上除申报号码外另有有效号码 {ric.mask(others[0])}，"
                           "请人工核对证件是否为申报人本人", page, value=ric.mask(others[0]), **kw)
        # another valid number near the claim (a digit and the check digit apart) is no misread of it: one
        # character misread fails the check digit. The claim written elsewhere on the page (the applicant's
        # 此复印件与原件一致 with the ID number written under it) passed a card printing another (probe trust38
        # P18). Where every reading of the card's number line gives that number, the card prints it
        near = [n for n in read if n != claimed and ric.problem(n) is None]
        if near:
            n = near[0]
            card_line = (confirmation is not None and confirmation.state == "contradicted"
                         and ric.to_18(ric.compact(confirmation.read or "")) == n)
            if card_line:
                return finding(RULE_ID, "fail", f"身份证号码 {ric.mask(n)} 与申报信息 {ric.mask(claimed)} 不一致"
                               f"（{_parts(n, claimed)}）；页面其他位置（如复印件上的手写说明）所写号码与申报信息相同，"
                               "但证件本身所印号码经多次识别均为前者", page, value=ric.mask(n), **kw)
            return finding(RULE_ID, "review", f"身份证复印件上除申报号码外另有有效号码 {ric.mask(n)}（{_parts(n, claimed)}），"
                           "请人工核对证件本身所印号码", page, value=ric.mask(n), **kw)
        if claim_status == "review":
            return finding(RULE_ID, "review", f"{claim_problem}（可能是新设的区划或识别有误），请人工核对", page,
                           value=ric.mask(claimed), **kw)
        return finding(RULE_ID, "pass", "身份证号码有效且与申报信息一致", page, value=ric.mask(claimed), **kw)

    problems = {n: ric.problem(n) for n in read}
    valid = [n for n in read if problems[n] is None]
    unknown = [n for n in read if _status_of(problems[n]) == "review"]
    if not claimed:
        if valid:
            return finding(RULE_ID, "pass", "身份证号码有效", page, value=ric.mask(valid[0]))
        if unknown:
            n = unknown[0]
            return finding(RULE_ID, "review", f"{problems[n]}（可能是新设的区划或识别有误），请人工核对", page, value=ric.mask(n))
        n = read[0]
        return finding(RULE_ID, "fail", f"{problems[n]}，不是有效的公民身份号码", page, value=ric.mask(n))

    # a claim, and a page that reads something else
    if confirmation is not None and confirmation.state == "confirmed":
        n = confirmation.read or read[0]
        via = "重新识别" if confirmation.how == "reread" else "逐字识别概率"
        return finding(RULE_ID, "pass", f"身份证号码与申报信息一致（识别为 {ric.mask(n)}，经{via}复核与申报号码相符）", page,
                       value=ric.mask(claimed), **kw)
    near = [n for n in read if ric.plausible_misread(n, claimed)]
    contradicted = confirmation is not None and confirmation.state == "contradicted"
    slips = [n for n in read if problems[n] is not None and _one_slip(n, claimed)
             and not (contradicted and _neighbours_swapped(n, claimed))] if coarse(page) else []
    if slips:
        # one digit off, and the number read fails its own check digit, on a page whose text is a few pixels tall
        # (a phone photo from afar, a fax): however sure the recogniser was, one character there decides nothing.
        # Two neighbours swapped are two characters each read as the other: where every reading agrees on them
        # against the claim (contradicted), that is what the card prints (a typist's slip), as on any page
        n = slips[0]
        return finding(RULE_ID, "review", f"身份证号码识别为 {ric.mask(n)}，与申报的 {ric.mask(claimed)} 仅一处之差"
                       f"（{_parts(n, claimed)}），且所识别号码校验位不符；该页为低分辨率图像（文字行高约 "
                       f"{page.text_px:.0f} 像素），单个数字的识别不可靠，可能是识别误差，请人工核对", page,
                       value=ric.mask(n), **kw)
    if near and not contradicted:
        n = near[0]
        return finding(RULE_ID, "review", f"身份证号码识别为 {ric.mask(n)}，与申报的 {ric.mask(claimed)} 仅一个易混字符之差"
                       "（可能为识别误差），请人工核对", page, value=ric.mask(n), **kw)
    if valid:
        n = valid[0]
        return finding(RULE_ID, "fail", f"身份证号码 {ric.mask(n)} 与申报信息 {ric.mask(claimed)} 不一致（{_parts(n, claimed)}）", page,
                       value=ric.mask(n), **kw)
    if unknown and not contradicted:
        n = unknown[0]
        return finding(RULE_ID, "review", f"身份证号码识别为 {ric.mask(n)}，与申报的 {ric.mask(claimed)} 不同（{_parts(n, claimed)}），"
                       f"且{ric.short_reason(problems[n], n)}，请人工核对", page, value=ric.mask(n), **kw)
    n = min(read, key=lambda x: _distance(x, claimed))
    return finding(RULE_ID, "fail", f"身份证号码 {ric.mask(n)} 与申报信息 {ric.mask(claimed)} 不一致（{_parts(n, claimed)}），"
                   f"且{ric.short_reason(problems[n], n)}", page, value=ric.mask(n), **kw)


def _one_slip(read: str, claimed: str) -> bool:
    """Whether ``read`` is ``claimed`` with one digit changed, dropped, doubled or two neighbours swapped.

    >>> _one_slip("210411197606150024", "210411197606150014"), _one_slip("210411198806150014", "210411197606150014")
    (True, False)
    """
    a, b = ric.to_18(read), ric.to_18(claimed)
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1:
        return True
    return ric.plausible_misread(read, claimed)


def _neighbours_swapped(read: str, claimed: str) -> bool:
    """Whether ``read`` is ``claimed`` with two neighbouring digits swapped, and nothing else changed.

    >>> _neighbours_swapped("210411198104030574", "210411198104300574"), _neighbours_swapped("210411197606150024", "210411197606150014")
    (True, False)
    """
    a, b = ric.to_18(read), ric.to_18(claimed)
    if len(a) != len(b):
        return False
    places = [i for i in range(len(a)) if a[i] != b[i]]
    return (len(places) == 2 and places[1] == places[0] + 1 and a[places[0]] == b[places[1]]
            and a[places[1]] == b[places[0]])


#: where two numbers differ in more places than this, the places are not listed
_MAX_PLACES = 4


def _parts(number: str, claimed: str) -> str:
    """The sections in which two numbers differ, named, and the places (第 13、14 位) where
    they differ in a few: the masked numbers print alike when only the hidden digits
    differ (a birth date edited on the card; trust exploration 7, P05: two neighbours
    swapped, 「210404********0522 与申报信息 210404********0522 不一致」), and the
    places say where to look without showing the digits.

    >>> _parts("210404198805221014", "210404198805121014"), _parts("21040419880512101", "210404198805121014")
    ('出生日期码不同：第 13 位', '位数不同')
    >>> _parts("210404199103410522", "210404199103140522")
    '出生日期码不同：第 13、14 位前后互换'
    >>> _parts("210411198001010013", "210411197606150014")
    '出生日期码、校验码不同'
    """
    said = "、".join(ric.differing_parts(number, claimed)) + "不同"
    a, b = ric.to_18(number), ric.to_18(claimed)
    places = [i for i in range(min(len(a), len(b))) if a[i] != b[i]] if len(a) == len(b) else []
    if not places or len(places) > _MAX_PLACES:
        return said
    swapped = _neighbours_swapped(number, claimed)
    return f"{said}：第 {'、'.join(str(i + 1) for i in places)} 位{'前后互换' if swapped else ''}"


def check(d: Dossier) -> list[Finding]:
    claimed = ric.to_18(d.applicant.id_number) if d.applicant.id_number else None
    pages = d.pages_of("id_card")
    any_read = any(p.id_numbers for p in pages)
    findings = []
    for p in pages:
        if not p.id_numbers and any_read and not (claimed and _status_of(ric.problem(claimed)) == "fail"):
            continue  # the other side of the card (国徽面) carries no number
        f = judge(p.id_numbers, claimed, p, summary([p], "id_number"))
        findings.append(_born_otherwise(f, p, claimed) if f.status == "pass" and claimed else f)
    if claimed and _status_of(ric.problem(claimed)) == "pass":
        groups = d.groups_of(*_RECORDS)
        # a valid number read on two records apart (the 学信网 report's screenshot and its print) is no misread
        seen: dict[str, set] = {}
        for g in groups:
            for n in {ric.to_18(x) for p in g.pages for x in p.id_numbers}:
                seen.setdefault(n, set()).add(g.file)
        twice = {n for n, files in seen.items() if len(files) > 1 and ric.problem(n) is None}
        for g in groups:
            f = _record_number(g, claimed, twice)
            if f is not None:
                findings.append(f)
    return findings


#: personal records that print their holder's ID number beside the name (学信网's 备案表 and 验证报告 print 证件号码;
#: a title certificate or its e-certificate 身份证号): a valid number there that is not the claim is someone else's
#: record (a namesake's 学信网 report handed in as the applicant's), whatever the ID card says
_RECORDS = ("education_verification", "title_certificate")


def _record_number(g, claimed: str, twice: set[str] = frozenset()) -> Finding | None:
    """The finding for a personal record ``g`` (a document group) that prints an ID number other than ``claimed``
    (a valid 18-digit number): ``fail`` where a valid number far from the claim (three digits or more, no
    OCR-plausible slip) is read, or a valid one read alike on another record too (``twice``: two readings apart agree),
    and no line of the record shows the claim; ``review`` where a valid number read is near the claim, or an invalid one
    is the claim but for a character or two (a misread); None where the record prints no number, the claim (a masked
    number, 2104**********0626, reads as none), or only invalid numbers far from it (学信网's 18-digit 证书编号
    101401201005000424 is no ID number: probe trust17's clean 备案表)."""
    read = [ric.to_18(n) for p in g.pages for n in p.id_numbers]
    read = [n for n in read if ric.problem(n) is None or _distance(n, claimed) <= 2]
    if not read or claimed in read:
        return None
    conf = summary(g.pages, "id_number")
    if conf is not None and conf.state == "confirmed":
        return None
    page = next(p for p in g.pages if p.id_numbers)
    kw = dict(expected=ric.mask(claimed))
    far = [n for n in read if ric.problem(n) is None and (n in twice or _distance(n, claimed) > 2
                                                         and not ric.plausible_misread(n, claimed))]
    if far:
        n = far[0]
        return finding(RULE_ID, "fail", f"{g.kind_zh}（{g.where}）所载证件号码 {ric.mask(n)} 与申报信息 {ric.mask(claimed)} "
                       f"不一致（{_parts(n, claimed)}），该材料可能属于他人（如同名人员）", page, value=ric.mask(n), **kw)
    n = min(read, key=lambda x: _distance(x, claimed))
    return finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）所载证件号码识别为 {ric.mask(n)}，与申报信息 {ric.mask(claimed)} "
                   f"不同（{_parts(n, claimed)}），可能是识别误差，请人工核对", page, value=ric.mask(n), **kw)


def _born_otherwise(f: Finding, page: PageRead, number: str) -> Finding:
    """A passing card whose printed birth date (出生 1992年8月12日) is not the one its
    number carries (19920821): the card is not what it seems, or a line was misread; a
    person looks (probe alt10: passed). ``number`` is the 18-digit number that passed."""
    from dataclasses import replace

    from verify.read.dates import PartialDate

    try:
        born = PartialDate(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f
    printed = [d for d in page.dates_with_role("birth") if d.date.day is not None]
    if not printed or any(d.date == born for d in printed):
        return f
    d = printed[0]
    return replace(f, status="review", bbox=d.bbox or f.bbox,
                   message="身份证号码与申报信息一致，但证件所印出生日期与号码中的出生日期不符（证件可能有误或识别有误），请人工核对")
