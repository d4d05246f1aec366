"""journal.cn: each paper's journal pages show a well-formed CN serial number
(``CN`` + region code + ``-`` + 4 digits + ``/`` + class), equal to the claimed
one; ``CN(HK)``-style numbers fail."""
from __future__ import annotations

import re
from dataclasses import replace

from stdnum import issn as stdnum_issn

from verify.read.hanzi import cjk_count
from verify.read.identifiers import cn_serial
from verify.model import Finding
from verify.rules import Dossier, coarse, finding, one_char_apart
from verify.rules.journal_issn import CN_TRACE, Identified, identify

RULE_ID = "journal.cn"


def _norm(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return cn_serial.format(value)
    except Exception:
        return value.strip()


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def foreign_journal(pages) -> bool:
    """Whether a paper's journal pages are a foreign-language journal's: a valid ISSN printed, words in Latin
    letters, and next to no Chinese (a few characters: a stamp, a note; not a Chinese journal's 主办 or title). Such a
    journal is published abroad and has no CN (国内统一连续出版物号) to print.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> def pg(kind, *lines, issn=()):
    ...     return PageRead("c.pdf", 1, OcrPage(800, 600, [OcrLine(t, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.99) for t in lines]),
    ...                     kind=kind, issn=list(issn))
    >>> foreign_journal([pg("journal_cover", "WATER RESEARCH", "Volume 215, 15 May 2022", "ISSN 0043-1354", "Elsevier",
    ...                     issn=["0043-1354"])])
    True
    >>> foreign_journal([pg("journal_cover", "环境保护与循环经济", "2022年第5期", "ISSN 1674-1021", issn=["1674-1021"])])
    False
    >>> foreign_journal([pg("journal_cover", "WATER RESEARCH", "Volume 215", "Elsevier")])  # no ISSN read
    False
    """
    if not pages or not any(stdnum_issn.is_valid(v) for p in pages for v in p.issn):
        return False
    text = "".join(p.ocr.text for p in pages if p.ocr is not None)
    return cjk_count(text) <= 6 and len(_LATIN_WORD.findall(text)) >= 3


def named_abroad(journal: str | None, pages) -> bool:
    """Whether the journal claimed as ``journal`` is named in Latin letters only (two words or more, no Chinese:
    Environmental Science and Pollution Research) and its journal pages print a valid ISSN and that name on a line
    of their own (letters compared, case, spaces and punctuation aside): a foreign journal's pages whatever Chinese
    is around them (a 复印件与原件一致 stamp, a date written under it, a cover laid out as a Chinese one, probe
    trust31 T31-17), which :func:`foreign_journal` counts against them.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> def pg(*lines, issn=("0944-1344",)):
    ...     return PageRead("c.pdf", 1, OcrPage(800, 600, [OcrLine(t, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.99) for t in lines]),
    ...                     kind="journal_cover", issn=list(issn))
    >>> cover = pg("Environmental Science and Pollution Research", "2021年第6期", "ISSN 0944-1344", "中国标准连续出版物号")
    >>> named_abroad("Environmental Science and Pollution Research", [cover])
    True
    >>> named_abroad("Environmental  science and pollution research.", [pg("ENVIRONMENTAL SCIENCE AND POLLUTION RESEARCH")])
    True
    >>> named_abroad("Environmental Science and Pollution Research", [pg("Environmental Science", issn=())])  # no ISSN
    False
    >>> named_abroad("Water Research", [pg("环境保护与循环经济", "ISSN 0944-1344")])  # the name printed nowhere
    False
    >>> named_abroad("环境保护与循环经济", [pg("环境保护与循环经济")]), named_abroad("Research", [pg("Research")])
    (False, False)
    """
    if not journal or cjk_count(journal) or len(_LATIN_WORD.findall(journal)) < 2:
        return False
    if not any(stdnum_issn.is_valid(v) for p in pages for v in p.issn):
        return False
    want = _letters(journal)
    return any(_letters(line) == want for p in pages if p.ocr is not None for line in p.ocr.text.splitlines())


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def check(d: Dossier) -> list[Finding]:
    out = []
    for x in d.cn_identified:
        f = x.finding
        if _abroad(x):
            # an English-language journal (Water Research, ISSN only) prints no CN because it has none: whether a
            # paper abroad counts is the reviewer's call, not a missing number's fail (probe trust12, C07)
            covers = [p for p in x.match.journal_pages if p.kind == "journal_cover"]
            p = (covers or x.match.journal_pages)[0]
            f = finding(RULE_ID, "review", f"{f.message}；该刊为外文期刊（仅印 ISSN，境外出版，无国内统一连续出版物号），"
                        "是否认可为经批准公开出版的学术刊物，请人工核实", p)
        elif (x.reason == "differs" and f.status == "fail" and (p := _coarse_page(x, f)) is not None
              and one_char_apart(_norm(f.value) or "", _norm(f.expected) or "")):
            # one character on a page whose text is a few pixels tall (a phone photo from afar): however sure the
            # recognisers were, as identity.name, identity.id_number and title.date judge such a page (issue 13)
            said = f.message.rstrip("。")
            said = said[:-3] + "仅差一字" if said.endswith("不一致") else said + "，仅差一字"
            f = replace(f, status="review", message=f"{said}；该页为低分辨率图像（文字行高约 {p.text_px:.0f} 像素），"
                        "单个字的识别不可靠，可能是识别误差，请人工核对")
        out.append(f)
    return out


def _coarse_page(x: Identified, f):
    """The journal page ``f`` is on where its text is under 30 px tall and not a text layer's, else None."""
    pages = getattr(x.match, "journal_pages", None) or []
    for p in pages:
        if (p.file, p.page) == (f.file, f.page):
            return p if coarse(p) else None
    return None


def _abroad(x: Identified) -> bool:
    """Whether the finding ``x`` is a missing CN (this rule's ``fail``, no number printed) of a claimed paper whose
    journal is a foreign one, none claimed: its journal pages print a valid ISSN, words in Latin letters and next
    to no Chinese (:func:`foreign_journal`), or a valid ISSN and the claimed name, a Latin one (:func:`named_abroad`). Read from the paper the finding is about, not from its message: two
    untitled papers of one journal share the message's words."""
    if x.reason != "absent" or x.finding.status != "fail" or x.match is None or x.match.claim.cn:
        return False
    covers = [p for p in x.match.journal_pages if p.kind == "journal_cover"]
    pages = covers or x.match.journal_pages
    return foreign_journal(pages) or named_abroad(x.match.claim.journal, pages)


def foreign_papers(d: Dossier) -> list:
    """The claimed papers (``d.paper_matches``) this rule reviews as a foreign journal's, with no CN printed or
    claimed: ``journal.registered`` says nothing more of one no registry here knows (one finding for one cause)."""
    return [x.match for x in d.cn_identified if _abroad(x)]


def identified(d: Dossier) -> list[Identified]:
    """This rule's findings, each with its claimed paper and reason (:func:`verify.rules.journal_issn.identify`);
    read once a dossier (:attr:`~verify.rules.Dossier.cn_identified`), by this rule and ``journal.registered``."""
    return identify(
        d, RULE_ID, "CN 刊号",
        read_of=lambda p: p.cn,
        is_valid=cn_serial.is_valid,
        norm=_norm,
        claimed_of=lambda c: c.cn,
        why_invalid=lambda v: cn_serial.reason(v) or "不是规范的国内统一连续出版物号",
        fact="cn",
        trace=CN_TRACE,
    )
