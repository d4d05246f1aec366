"""Which pages back which claim: papers (journal pages, the paper itself, its
retrieval proof) and awards (their certificates or proofs).

Matching is fuzzy (rapidfuzz) on the journal name, the paper or award title, and
exact on ISSN/CN. A claim no page backs comes back with empty lists: that is
itself a finding for the rules.
"""
from __future__ import annotations

import dataclasses
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, field

from verify.model import Applicant, AwardClaim, PageRead, PaperClaim
from verify.read.hanzi import is_cjk

logger = logging.getLogger(__name__)

JOURNAL_KINDS = ("journal_cover", "journal_toc")
PAPER_KINDS = ("paper",)
RETRIEVAL_KINDS = ("retrieval_proof",)
AWARD_KINDS = ("award_certificate", "achievement_proof")

_TITLE_MIN = 88  # partial_ratio for a title to count as named on a page (1 OCR error in ~15 characters)
TITLE_DOUBT = 75  # between the two: a page that may name it (OCR, or a slightly different title)
JOURNAL_MIN = 85  # partial_ratio for a journal's name to count as named on a page


@dataclass
class PaperMatch:
    claim: PaperClaim
    journal_pages: list[PageRead] = field(default_factory=list)
    paper_pages: list[PageRead] = field(default_factory=list)
    retrieval_pages: list[PageRead] = field(default_factory=list)
    score: float = 0.0
    # retrieval proofs naming a title close to the claimed one but not close enough
    # to be sure (damaged OCR, or another paper): for a person to look at
    doubtful_retrieval_pages: list[PageRead] = field(default_factory=list)
    # retrieval proofs naming a close title that differs where the recogniser read clearly
    other_retrieval_pages: list[PageRead] = field(default_factory=list)
    # pages (a paper's, a proof's) naming this title that back another claim better or
    # first, with that claim: two claims resting on one paper
    shared_pages: list[tuple[PageRead, PaperClaim]] = field(default_factory=list)
    # 期刊名称 or 申报单位名称: the claimed title is that name, no paper's
    title_names: str | None = None
    # a claim with no title: the paper page whose printed title ``claim`` now carries
    # (:func:`untitled_claim`), None where the title was claimed
    title_from: PageRead | None = None


@dataclass
class AwardMatch:
    claim: AwardClaim
    pages: list[PageRead] = field(default_factory=list)
    score: float = 0.0
    other_grade: list[PageRead] = field(default_factory=list)  # pages naming it only at another grade


def _squash(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")  # ＰＭ２.５, NO₃⁻, δ¹³C as typed in plain
    return re.sub(r"[\s\u3000·•・,，.．。、:：;；!！?？\"“”'‘’《》<>()（）\[\]【】\-−—–―~]", "", text).upper()


def title_key(title: str | None) -> str:
    """A title as it is compared: NFKC-folded (full-width letters and digits, sub- and
    superscripts), no spaces, punctuation or dashes (—— typed -), letters upper-case.

    >>> title_key(" 抚顺市区大气PM2.5污染特征（二）。") == title_key("抚顺市区大气pm2.5污染特征(二)")
    True
    >>> title_key("ＰＭ２.５——以抚顺为例") == title_key("PM2.5-以抚顺为例"), title_key("NO₃⁻-N与δ¹³C")
    (True, 'NO3N与Δ13C')
    """
    return _squash(title)


def named_on(value: str | None, page: PageRead, cutoff: float = _TITLE_MIN) -> float:
    """0..100: how well ``value`` (a title or a journal name) appears on the page.

    >>> from ocr.model import OcrLine, OcrPage
    >>> p = PageRead("a.jpg", 1, OcrPage(800, 600, [OcrLine("抚顺地区大气PM2.5来源解析", ((0, 0), (9, 0), (9, 9), (0, 9)), 1.0),
    ...                                           OcrLine("研究 张伟", ((0, 20), (9, 20), (9, 29), (0, 29)), 1.0)]))
    >>> named_on("抚顺地区大气PM2.5来源解析研究", p) >= 90
    True
    >>> named_on("城市污水处理厂提标改造", p)
    0.0

    A title wrapped in a retrieval proof's table cell, its row's other cells read between
    its halves (an independently made probe set: paper.retrieval failed, no proof found):

    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 30), (x, y + 30))
    >>> cells = [OcrLine("排污许可制度下固定污染源", box(100, 500, 330), 1.0), OcrLine("陆远海", box(500, 500, 90), 1.0),
    ...          OcrLine("环境保护与循环经济", box(650, 500, 250), 1.0), OcrLine("2022(5)", box(950, 500, 100), 1.0),
    ...          OcrLine("证后监管模式探讨", box(100, 540, 220), 1.0)]
    >>> named_on("排污许可制度下固定污染源证后监管模式探讨", PageRead("b.jpg", 1, OcrPage(1240, 1754, cells)))
    100.0

    The author's cell read into the same line as the title's first half (an
    independently made probe set: three clean proofs were reviews):

    >>> cells = [OcrLine("清原县浑河源头区地表水环境质量现状 鲍春雷", box(100, 500, 600), 0.95),
    ...          OcrLine("及保护对策", box(100, 540, 140), 0.95)]
    >>> named_on("清原县浑河源头区地表水环境质量现状及保护对策", PageRead("c.jpg", 1, OcrPage(1240, 1754, cells)))
    100.0
    """
    v = _squash(value)
    if len(v) < 4:
        return 0.0
    from rapidfuzz import fuzz

    text = _squash(page.ocr.text)
    if v in text:
        return 100.0
    # a title wrapped over lines: compare to the whole text, allowing OCR damage
    s = fuzz.partial_ratio(v, text, score_cutoff=cutoff) or 0.0
    if s < 100:
        # wrapped inside a table cell: the row's other cells were read between its halves,
        # or into the same line as its first half (质量现状 鲍春雷 / 及保护对策: the engine
        # took the author's cell into the title's line)
        s = max([s] + [max(fuzz.partial_ratio(v, _squash(joined), score_cutoff=cutoff) or 0.0,
                           _with_a_cell_inside(v, _squash(joined), cutoff))
                       for joined in _column_continuations(page.ocr.lines)])
    return float(s)


#: where a line's text parts into cells: spaces, a contents page's leader dots, the marks
#: around a title in prose (《…》), a citation's [J], a label's colon (题名：), commas (a
#: title holding one is a run of two cells)
_CELL_BREAK = re.compile(r"\s+|[.．·…。]{2,}|…+|[《》【】\[\]「」|:：,，;；]")
#: a line whose differing characters the recogniser read this surely (nats, the claim against
#: the reading) does not say the claim (:data:`verify.read.confirm.CONTRADICT_LLR`)
TITLE_CONTRADICT_LLR = 4.0
#: ... and this close to the reading it may well say it (a misread)
TITLE_MISREAD_LLR = 2.0
#: mean character score from which a line is legible enough to rest a contradiction on
TITLE_LEGIBLE = 0.85
#: cells of a line taken apart (more: the line is taken whole and cell by cell)
_MAX_CELLS = 8
#: what a paper of a series adds to its title (squashed: （二） is 二)
_SERIES_PART = re.compile(r"[一二三四五六七八九十\dIVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}|第.{1,3}[部篇章节][分]?|[上中下]篇?|续.{0,3}")
#: lines a title may be wrapped over (a long English title in a proof's narrow column: five)
_WRAP_LINES = 6


@dataclass(frozen=True)
class TitleReading:
    """How a page shows a claimed title.

    ``state``: ``named`` (the page's title span is the claim, or differs from it only
    where the recogniser may have misread), ``doubtful`` (a close title, or the claim as a
    piece of a longer one, where nobody can say which: a person looks), ``other`` (a
    close title that differs where the recogniser read clearly: another paper), ``absent``.
    ``score``: 0..100, the claim's similarity with the page's best span, both sides
    counted; ``row``: the index of the line the span starts on (a proof's row);
    ``span``: the span as the page prints it."""

    state: str
    score: float = 0.0
    row: int | None = None
    span: str = ""


_ABSENT = TitleReading("absent")


def _cell_chars(lines) -> list[list[list[tuple[str, int, int]]]]:
    """Each line's cells, each a list of (squashed character, line index, index in the
    line's text)."""
    out = []
    for i, line in enumerate(lines):
        cells, start = [], 0
        for m in [*_CELL_BREAK.finditer(line.text), None]:
            end = m.start() if m else len(line.text)
            chars = [(c, i, k) for k in range(start, end) for c in _squash(line.text[k])]
            if chars:
                cells.append(chars)
            if m:
                start = m.end()
        out.append(cells)
    return out


def _title_spans(lines, wrapped: bool = False) -> list[list[tuple[str, int, int]]]:
    """The texts a title may be on a page: runs of a line's cells, and a run of a line's
    cells followed by the first cells of the line after it (a title wrapped over two
    lines, in prose between 《》 or in a table cell) or of the line under it in its
    column (a cell wrapped under its row's other cells). With ``wrapped``, instead, a
    title wrapped over three to :data:`_WRAP_LINES` lines: the last cells of a line, the
    lines after it or under it whole, the first cells of the last (a 31-character title
    in a proof's 6 cm column takes three lines, and its two-line spans are a piece of it:
    trust exploration 4, three clean proofs failed).

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 30), (x, y + 30))
    >>> lines = [OcrLine("抚顺市城区环境空气挥发性有机", box(100, 300, 400), 1.0), OcrLine("2022年第11期", box(800, 300, 200), 1.0),
    ...          OcrLine("物污染特征、来源解析及健康风", box(100, 340, 400), 1.0), OcrLine("ISSN 1001-3865", box(800, 340, 200), 1.0),
    ...          OcrLine("险评估", box(100, 380, 90), 1.0), OcrLine("韩晓东", box(560, 380, 90), 1.0)]
    >>> title = "抚顺市城区环境空气挥发性有机物污染特征来源解析及健康风险评估"
    >>> [title in {"".join(c for c, _, _ in s) for s in _title_spans(lines, wrapped)} for wrapped in (False, True)]
    [False, True]
    """
    cells = _cell_chars(lines)

    def runs(cs):
        if len(cs) > _MAX_CELLS:  # a line of many cells: each cell, and the line whole
            return [*cs, sum(cs, [])]
        return [sum(cs[a:b], []) for a in range(len(cs)) for b in range(a + 1, len(cs) + 1)]

    def heads(cs):
        return [sum(cs[:b], []) for b in range(1, min(len(cs), _MAX_CELLS) + 1)]

    out = [r for cs in cells for r in runs(cs)]
    pairs = {(i, i + 1) for i in range(len(lines) - 1)} | set(_below_in_column(lines))
    after: dict[int, list[int]] = {}
    for i, j in sorted(pairs):
        if not cells[i] or not cells[j]:
            continue
        after.setdefault(i, []).append(j)
        if not wrapped:
            out += [r + h for r in runs(cells[i]) for h in heads(cells[j])]
    if not wrapped:
        return out
    # three lines and more: what a title's first line ends with, the lines between whole;
    # each line under the one before it (their widths overlap): in a table the next line
    # read may be another column's cell (the row's author and 序号 read between a title's
    # wrapped lines: 「…园区土欧阳哗2壤重金属…」, trust exploration 8, P25)
    after = {i: [j for j in js if _overlap_x(lines[i], lines[j])] for i, js in after.items()}
    out = []
    for i in after:
        tails = [sum(cells[i][a:], []) for a in range(max(0, len(cells[i]) - _MAX_CELLS), len(cells[i]))]
        chains = [[j] for j in after[i]]
        while chains:
            chain = chains.pop()
            middle = [c for j in chain for c in sum(cells[j], [])]
            for k in after.get(chain[-1], []):
                out += [t + middle + h for t in tails for h in heads(cells[k])]
                if len(chain) + 2 < _WRAP_LINES:
                    chains.append([*chain, k])
    return out


def _overlap_x(a, b) -> bool:
    """Whether two lines' boxes share some width."""
    return _share_width(a.bbox, b.bbox)


def _share_width(a, b) -> bool:
    """Whether two boxes ``(x0, y0, x1, y1)`` share some width."""
    return min(a[2], b[2]) > max(a[0], b[0])


class _Spans(list):
    """A page's :func:`_title_spans`; those of a title wrapped over three lines or more
    (``wrapped``) made once, when first asked for (many on a page of prose)."""

    def __init__(self, lines):
        super().__init__(_title_spans(lines))
        self._lines, self._wrapped = lines, None

    @property
    def wrapped(self) -> list:
        if self._wrapped is None:
            self._wrapped = _title_spans(self._lines, wrapped=True)
        return self._wrapped


def title_on(title: str | None, page: PageRead, spans: list | None = None) -> TitleReading:
    """How the page shows ``title``: the claim compared with each span a title may be
    (a line's cells, a title wrapped over two lines), similarity counted on both sides,
    so a claim that is only a piece of a longer title is not that title (probe alt23
    F3: 《污染特征及来源分析》 passed on the page of 《抚顺市区大气PM2.5污染特征及来源分析》).
    Where the best span differs from the claim, the recogniser's own probabilities
    (:mod:`ocr.ctc`) say whether it read the differing characters clearly. ``spans``:
    the page's :func:`_title_spans`, where the caller has them.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 30), (x, y + 30))
    >>> page = PageRead("p.jpg", 1, OcrPage(1240, 1754, [OcrLine("环境保护与循环经济2022年第5期", box(100, 90, 500), 1.0),
    ...     OcrLine("抚顺市区大气PM2.5污染特征及来源分析", box(300, 180, 800), 1.0), OcrLine("杨振宇", box(700, 270, 120), 1.0)]))
    >>> title_on("抚顺市区大气PM2.5污染特征及来源分析", page).state
    'named'
    >>> title_on("污染特征及来源分析", page).state, title_on("环境科学导刊", page).state
    ('doubtful', 'absent')
    >>> title_on("污染特征及来源分析", page).span
    '抚顺市区大气PM2.5污染特征及来源分析'
    """
    v = _squash(title)
    if len(v) < 4 or page.ocr is None:
        return _ABSENT
    from rapidfuzz import fuzz, process

    lines = page.ocr.lines
    if spans is None:
        spans = _Spans(lines)
    if not spans:
        return _ABSENT
    texts = ["".join(c for c, _, _ in s) for s in spans]
    best = process.extractOne(v, texts, scorer=fuzz.ratio, score_cutoff=TITLE_DOUBT)
    if best is None or best[1] < 100:
        # a title wrapped over three lines or more: its spans only where needed (many on a page of prose)
        more = spans.wrapped if isinstance(spans, _Spans) else _title_spans(lines, wrapped=True)
        found = process.extractOne(v, ["".join(c for c, _, _ in s) for s in more], scorer=fuzz.ratio,
                                   score_cutoff=max(TITLE_DOUBT, best[1] if best else 0) + 1e-9)
        if found is not None:
            spans = [*spans, *more]
            texts += ["".join(c for c, _, _ in s) for s in more]
            best = (found[0], found[1], len(texts) - len(more) + found[2])
    if best is None:
        # the claim read inside a longer title: a piece of it (or an unlucky reading)
        if len(v) < 6:
            return _ABSENT
        holding = [(score, -len(t), k) for k, t in enumerate(texts) if len(t) > len(v)
                   and (score := fuzz.partial_ratio(v, t, score_cutoff=_TITLE_MIN))]
        if not holding:
            return _ABSENT
        k = max(holding)[2]  # the shortest of the spans that hold it best
        return TitleReading("doubtful", 0.0, spans[k][0][1], _as_printed(spans[k], lines))
    read, score, k = best
    row, shown = spans[k][0][1], _as_printed(spans[k], lines)
    if score >= 100:
        return TitleReading("named", 100.0, row, shown)
    # characters the span holds before or after the claim: more of a longer title, or a
    # neighbouring cell read into the title's line (an author: 质量现状鲍春雷); never a
    # sure difference, and no difference at all where they are a name the page carries
    a, b = _core(read, v)
    # (a citation's index before its author: [1]张建华.Title…; a list's index alone before
    # the title: 1.Title, 1、Title, （1）Title, as a 检索证明 numbers the papers it found)
    extras = {re.sub(r"^\d{1,3}(?=\D|$)", "", read[:a]), read[b:]} - {""}
    names = {_squash(n) for n in page.names}
    state = (_difference_read(v, spans[k][a:b], lines, page.ocr.source, score, _printed_small(title))
             if read[a:b] != v else "misread")
    if state == "misread" and extras <= names:
        return TitleReading("named", float(score), row, shown)
    return TitleReading("other" if state == "sure" else "doubtful", float(score), row, shown)


def _core(read: str, v: str) -> tuple[int, int]:
    """The part of ``read`` that the claim ``v`` lines up with: ``read`` less the characters
    the claim lacks at either end.

    >>> _core("抚顺市区大气PM25污染特征", "大气PM25污染"), _core("ABCD", "ABXD")
    ((4, 12), (0, 4))
    """
    from rapidfuzz.distance import Levenshtein

    ops = [o for o in Levenshtein.editops(read, v) if o.tag != "equal"]
    a, b = 0, len(read)
    for o in ops:  # deletions from the start, in order
        if o.tag != "delete" or o.src_pos != a or o.dest_pos != 0:
            break
        a += 1
    for o in reversed(ops):  # and from the end
        if o.tag != "delete" or o.src_pos != b - 1 or o.dest_pos != len(v) or b - 1 < a:
            break
        b -= 1
    return a, b


def _as_printed(span: list[tuple[str, int, int]], lines) -> str:
    """A span as its lines print it (from its first character to its last on each)."""
    parts: dict[int, list[int]] = {}
    for _, i, k in span:
        parts.setdefault(i, []).append(k)
    return "".join(lines[i].text[min(ks):max(ks) + 1] for i, ks in parts.items())


def _printed_small(title: str | None) -> set[int]:
    """The places in ``title_key(title)`` of characters the claim typed as sub- or
    superscripts (the 2 of SO₂, the 13 of δ¹³C) or as letters of another script than
    Latin and Chinese (δ, μ): a page recogniser has no such characters and writes them
    otherwise (SO₂ read SOD, δ¹³C read C).

    >>> sorted(_printed_small("燃煤电厂SO₂与NOx")), _printed_small("ＰＭ２.５"), sorted(_printed_small("碳δ¹³C"))
    ([6], set(), [1, 2, 3])
    """
    out, at = set(), 0
    for ch in title or "":
        folded = _squash(ch)
        if folded and ((unicodedata.normalize("NFKC", ch) != ch and unicodedata.category(ch) == "No")
                       or (not folded.isascii() and not is_cjk(ch) and unicodedata.category(ch).startswith("L"))):
            out.update(range(at, at + len(folded)))
        at += len(folded)
    return out


#: the most characters (of the reading and the claim) a difference in an English title may
#: change and still be a formula's (SO2 read SOD, NO3- read NOOO), never sure
_FORMULA_SIZE = 4


def _difference_read(v: str, span: list[tuple[str, int, int]], lines, source: str = "ocr", score: float = 0.0,
                     small: set[int] = frozenset()) -> str:
    """Where the span reads otherwise than the claim ``v``: ``sure`` (the recogniser read
    the differing characters clearly, or the text is a PDF's own), ``misread`` (the claim
    is about as likely as the reading on every line it touches; or, the span close enough
    to have named the title before, every character that differs is one a recogniser
    takes for another), or ``unsure``. Characters a recogniser takes for one another are
    never a sure difference (:mod:`verify.read.confusable`)."""
    from rapidfuzz.distance import Levenshtein

    from verify.read.confusable import confusable

    if not span:
        return "unsure"
    read = "".join(c for c, _, _ in span)
    ops = Levenshtein.editops(read, v)
    _, last, at = span[-1]
    if ops and all(o.tag == "insert" and o.src_pos == len(read) for o in ops) and \
            not _squash(lines[last].text[at + 1:]) and not _SERIES_PART.fullmatch(v[len(read):]):
        # the claim goes on past the end of a line: the rest may be wrapped onto a line the
        # recogniser missed (a short last line: 险评估); a part of a series (（二）, 第3部分)
        # names another paper
        return "unsure"
    runs: dict[int, str] = {}
    for o in ops:
        runs[o.src_pos] = runs.get(o.src_pos, "") + (v[o.dest_pos] if o.tag == "insert" else "")
    if ops and all(o.tag == "insert" and _at_line_edge(span, lines, o.src_pos) for o in ops) and \
            not any(_SERIES_PART.fullmatch(run) for run in runs.values()):
        # the claim's characters missing only where a line of the title ends or begins (where it breaks onto its
        # next line, or at the title's own ends), the line ending or beginning there: the rest of that line may be
        # ink the detector did not box (a copier's noise over 空分布 of a proof's cell, probe trust39 C03: 浑河抚顺段
        # 水体氨氮时 | 特征研究, each read surely, failed as another title; a bound proof's curl lost 抚顺市 and 析 of
        # 抚顺市大气颗粒物污染来源解析, A12); not a part of a series the claim adds (（二）, 第3部分: another paper)
        return "unsure"
    if ops and all(o.tag == "delete" for o in ops) and _whole_lines(span, {o.src_pos for o in ops}):
        # the reading holds the claim and lines more, whole: another cell's text read into
        # a wrapped title (its row's author and number), no other title
        return "unsure"
    if source == "text_layer":
        return "sure"
    swaps = [(read[o.src_pos], v[o.dest_pos]) for o in ops if o.tag == "replace"]
    look_alike = len(swaps) == len(ops) and all(confusable(a, b) for a, b in swaps)
    if look_alike and score >= _TITLE_MIN:
        return "misread"
    if ops and all(o.tag == "delete" and read[o.src_pos] in "一ー" for o in ops):
        return "misread"  # a dash (——) read as 一一 where the claim's, folded, has none
    claimed = [o.dest_pos for o in ops if o.tag != "delete"]  # where the claim has characters the reading lacks
    differing = _differing(read, v, ops)
    if ops and not any(is_cjk(c) for c in differing) and (any(is_cjk(c) for c in v) or len(differing) <= _FORMULA_SIZE):
        # letters and signs inside a Chinese title, its formulas: a page recogniser writes
        # NO₃⁻ as NOOO, drops δ and the superscripts of δ¹³C (it has no such characters) and
        # reads VOCs as \Cs on a fax, all surely (trust exploration 6: a false fail on every
        # clean dossier). Only where the claim prints small (SO₂ read SOD), or a character
        # outside letters and digits the reading lacks (δ of δ¹³C read 13C), is what it
        # cannot write; a number read as another (PM10 for PM2.5) is still weighed; nothing
        # else is sure. In a title without Chinese (an English paper's) letters are its words:
        # only a difference of a formula's size is so taken (trust exploration 3, P17: the
        # proof of another English paper, 13 words apart, became a review)
        if claimed and all(i in small for i in claimed):
            return "misread"
        if not (len(swaps) == len(ops) and all(a.isdigit() and b.isdigit() for a, b in swaps)):
            if all(o.tag == "insert" and not v[o.dest_pos].isascii() for o in ops):
                return "misread"
            return "unsure"
    if _letter_slips(read, v, ops):
        return "unsure"
    # the claim put in the reading's place, line by line: (line, index in its text) -> the claim's characters
    edits: dict[int, dict[int, str]] = {}
    inserts: dict[int, dict[int, str]] = {}
    for o in ops:
        if o.tag == "insert":
            if o.src_pos < len(span):
                _, i, k = span[o.src_pos]
            else:
                _, i, k = span[-1]
                k += 1
            inserts.setdefault(i, {})[k] = inserts.get(i, {}).get(k, "") + v[o.dest_pos]
        else:
            _, i, k = span[o.src_pos]
            edits.setdefault(i, {})[k] = v[o.dest_pos] if o.tag == "replace" else ""
    llrs = []
    for i in sorted(set(edits) | set(inserts)):
        line = lines[i]
        lattice = getattr(line, "lattice", None)
        if lattice is None:
            return "unsure"
        text = "".join(inserts.get(i, {}).get(k, "") + edits.get(i, {}).get(k, ch) for k, ch in enumerate(line.text))
        text += inserts.get(i, {}).get(len(line.text), "")
        try:
            llr = lattice.compare(text)
        except Exception:  # a failed check is no evidence of a sure reading
            return "unsure"
        llrs.append((llr, line.score))
    if not look_alike and any(llr < -TITLE_CONTRADICT_LLR and legible >= TITLE_LEGIBLE for llr, legible in llrs):
        return "sure"
    if all(llr > -TITLE_MISREAD_LLR for llr, _ in llrs):
        return "misread"
    return "unsure"


def _at_line_edge(span: list[tuple[str, int, int]], lines, at: int) -> bool:
    """Whether position ``at`` of the span's reading (before its character ``at``; ``len(span)``: after its last)
    is where one of its lines ends or begins: after a character its line has nothing after, or before one its line
    has nothing before (the title's first, a wrapped line's first).

    >>> from ocr.model import OcrLine
    >>> box = ((0, 0), (9, 0), (9, 9), (0, 9))
    >>> lines = [OcrLine("题名：大气颗粒物", box, 0.9), OcrLine("来源解", box, 0.9)]
    >>> span = [(c, 0, k) for k, c in enumerate("题名：大气颗粒物") if k >= 3] + [(c, 1, k) for k, c in enumerate("来源解")]
    >>> [_at_line_edge(span, lines, at) for at in (0, 2, 5, 8)]
    [False, False, True, True]
    """
    if at > 0:
        _, i, k = span[at - 1]
        if not _squash(lines[i].text[k + 1:]):
            return True
    if at < len(span):
        _, i, k = span[at]
        if not _squash(lines[i].text[:k]):
            return True
    return False


def _whole_lines(span: list[tuple[str, int, int]], at: set[int]) -> bool:
    """Whether the span's characters at ``at`` are every one of its characters on the
    lines they lie on, lines between its first and its last.

    >>> span = [("土", 0, 9), ("欧", 1, 0), ("阳", 1, 1), ("2", 2, 0), ("壤", 3, 0)]
    >>> _whole_lines(span, {1, 2, 3}), _whole_lines(span, {1}), _whole_lines(span, {0}), _whole_lines(span, {4})
    (True, False, False, False)
    """
    rows = {span[p][1] for p in at}
    return not rows & {span[0][1], span[-1][1]} and {p for p, (_, i, _) in enumerate(span) if i in rows} == at


#: the fewest claimed characters between two slips of a recogniser in an English title
_SLIP_GAP = 4
#: the claimed characters an English title holds for each slip it may carry (a word and a half)
_SLIP_SPAN = 12


def _letter_slips(read: str, claim: str, ops) -> bool:
    """Whether an English title (the claim without Chinese) reads otherwise only by scattered
    slips of single letters: each difference one or two letters (m read rn, n read m) far
    from the next, no digit among them (PM10 for PM2.5 is weighed), at most one a word and a
    half. Small print in a proof's table cell reads so with the recogniser sure of every slip
    (probe trust23 C10: ammonia, Hun, Fushun read armonia, Hum, Fushum at 7 pt, a false fail),
    while another paper's title differs by words; a one-letter word of chemistry (nitrate,
    nitrite) stays a question, never a sure difference.

    >>> from rapidfuzz.distance import Levenshtein
    >>> def slips(read, claim):
    ...     return _letter_slips(read, claim, Levenshtein.editops(read, claim))
    >>> slips("SPATIOTEMPORALVARIATIONOFARMONIANITROGENANDTOTALPHOSPHORUSINTHEHUMRIVERFUSHUM",
    ...       "SPATIOTEMPORALVARIATIONOFAMMONIANITROGENANDTOTALPHOSPHORUSINTHEHUNRIVERFUSHUN")
    True
    >>> slips("SOURCESOFPM10INFUSHUNCITY", "SOURCESOFPM25INFUSHUNCITY")  # a number read otherwise: weighed
    False
    >>> slips("REMOVALOFPHOSPHATEBYBIOCHAR", "REMOVALOFAMMONIABYZEOLITE")  # another paper: words apart
    False
    """
    if not ops or any(is_cjk(c) for c in claim):
        return False
    clusters: list[list] = []
    for o in sorted(ops, key=lambda o: o.dest_pos):
        if clusters and o.dest_pos - clusters[-1][-1].dest_pos <= 1:
            clusters[-1].append(o)
        else:
            clusters.append([o])
    if len(clusters) > max(1, len(claim) // _SLIP_SPAN):
        return False
    for k, c in enumerate(clusters):
        if len(c) > 2 or any(ch.isdigit() or not ch.isalpha() for ch in _differing(read, claim, c)):
            return False
        if k and c[0].dest_pos - clusters[k - 1][-1].dest_pos < _SLIP_GAP:
            return False
    return True


def _differing(read: str, claim: str, ops) -> list[str]:
    """The characters of ``read`` and ``claim`` that Levenshtein ``ops`` change."""
    return [read[o.src_pos] for o in ops if o.tag != "insert"] + [claim[o.dest_pos] for o in ops if o.tag != "delete"]


def _below_in_column(lines) -> list[tuple[int, int]]:
    """(i, j): line j is the nearest line under line i in its column (its left edge within
    a line height of i's, its top under i's middle and within a line and a half under i's
    foot: a table's lines set tight overlap: trust exploration 8, P25). Further down, to
    :data:`_LOOSE_CELL` line heights under i's foot, where i is a table row's cell (cells
    level with it beside it): the nearest line under i across its width, set in its column
    and starting no new row, i.e. not every column of i's row has a line level with it (a
    cell's lines set loose, its line pitch 2.6 heights, a title wrapped 抚顺市城区环境空气臭氧污
    / 染特征研究 on a born-digital proof: probe trust32 T32-01, a review of a clean dossier).

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 31), (x, y + 31))
    >>> rows = [OcrLine("1", box(166, 451, 15), 1.0), OcrLine("抚顺市城区环境空气臭氧污", box(286, 451, 360), 1.0),
    ...         OcrLine("环境保护与循环经济", box(906, 451, 270), 1.0), OcrLine("染特征研究", box(286, 531, 150), 1.0)]
    >>> _below_in_column(rows)
    [(1, 3)]
    >>> rows[3:] = [OcrLine("2", box(166, 531, 15), 1.0), OcrLine("浑河水质评价", box(286, 531, 180), 1.0),
    ...             OcrLine("环境科学", box(906, 531, 120), 1.0)]  # the next row, whole: not a wrapped cell
    >>> _below_in_column(rows)
    []
    """
    boxes = [line.bbox for line in lines]

    def level(b, ref) -> bool:  # b's middle within ref's height
        return ref[1] <= (b[1] + b[3]) / 2 <= ref[3]

    out = []
    for i, a in enumerate(boxes):
        ax0, ay0, ax1, ay1 = a
        h = max(1, ay1 - ay0)
        below = [(bb[1], j) for j, bb in enumerate(boxes)
                 if j != i and abs(bb[0] - ax0) <= h and ay1 - 0.5 * h < bb[1] <= ay1 + 1.5 * h]
        if below:
            out.append((i, min(below)[1]))
            continue
        under = [(bb[1], j) for j, bb in enumerate(boxes)
                 if j != i and _share_width(a, bb) and ay1 - 0.5 * h < bb[1] <= ay1 + _LOOSE_CELL * h]
        if not under:
            continue
        j = min(under)[1]
        b = boxes[j]
        mates = [m for k, m in enumerate(boxes) if k != i and level(m, a) and (m[0] >= ax1 or m[2] <= ax0)]
        if abs(b[0] - ax0) <= h and mates and not all(
                any(k != j and level(c, b) and _share_width(c, m) for k, c in enumerate(boxes)) for m in mates):
            out.append((i, j))
    return out


#: how far under a table cell's line, in its heights, the cell's next line may be (a loose line pitch)
_LOOSE_CELL = 3.0


#: characters of other cells a wrapped title's two lines may hold between its halves
_CELL_INSIDE = 12


def _with_a_cell_inside(v: str, joined: str, cutoff: float) -> float:
    """0..100: how much of ``v`` reads, in order, in ``joined`` (two lines of a table
    cell, joined), where at most :data:`_CELL_INSIDE` other characters lie among it.

    >>> _with_a_cell_inside("清原县浑河源头区地表水环境质量现状及保护对策", "清原县浑河源头区地表水环境质量现状鲍春雷及保护对策", 88)
    100.0
    >>> _with_a_cell_inside("浑河抚顺段水质时空变化及污染来源分析", "浑河沈阳段水质时空变化及污染成因分析王强", 88)
    0.0
    """
    from rapidfuzz.distance import LCSseq

    common = LCSseq.similarity(v, joined)
    score = 100.0 * common / len(v)
    return score if score >= cutoff and len(joined) - common <= _CELL_INSIDE else 0.0


def _column_continuations(lines) -> list[str]:
    """Each line's text joined to the line under it in its column: its left edge within a
    line height of the line's, its top within a line and a half under the line's foot,
    the nearest such (a title wrapped in a table cell, 排污许可制度下固定污染源 over
    证后监管模式探讨, its row's author, journal and issue read between them).

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 30), (x, y + 30))
    >>> cells = [OcrLine("排污许可制度下固定污染源", box(100, 500, 330), 1.0), OcrLine("陆远海", box(500, 500, 90), 1.0),
    ...          OcrLine("环境保护与循环经济", box(650, 500, 250), 1.0), OcrLine("证后监管模式探讨", box(100, 540, 220), 1.0)]
    >>> _column_continuations(cells)
    ['排污许可制度下固定污染源证后监管模式探讨']
    """
    return [lines[i].text + lines[j].text for i, j in _below_in_column(lines)]


def title_row(page: PageRead, title: str | None) -> list:
    """The lines of a retrieval proof's row (or citation) that lists ``title``: from
    the line holding most of the title, half a line height above it to two and a
    half under it (the title wrapped in its cell, the row's other cells beside it,
    a cell wrapped under them); [] where no line holds a good part of the title.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 40), (x, y + 40))
    >>> cells = [OcrLine("序号题名", box(130, 440, 180), 1.0), OcrLine("刊名", box(920, 440, 110), 1.0),
    ...          OcrLine("抚顺市城区PM10与PM2.5浓度相关性监", box(208, 518, 500), 1.0), OcrLine("环境科学", box(911, 518, 140), 1.0),
    ...          OcrLine("2022（43）增", box(1164, 513, 180), 1.0), OcrLine("测研究", box(205, 559, 100), 1.0),
    ...          OcrLine("特此证明。", box(146, 759, 160), 1.0)]
    >>> [line.text for line in title_row(PageRead("r.jpg", 1, OcrPage(1240, 1754, cells)), "抚顺市城区PM10与PM2.5浓度相关性监测研究")]
    ['抚顺市城区PM10与PM2.5浓度相关性监', '环境科学', '2022（43）增', '测研究']
    """
    from rapidfuzz import fuzz

    v = _squash(title)
    if len(v) < 4:
        return []
    best, anchor = 0.0, None
    for line in page.ocr.lines:
        t = _squash(line.text)
        if len(t) < 4:
            continue
        s = (fuzz.partial_ratio(v, t, score_cutoff=80) or 0.0) * min(len(v), len(t))
        if s > best:
            best, anchor = s, line
    if anchor is None or best < 80 * min(len(v), 6):
        return []
    _, y0, _, y1 = anchor.bbox
    h = max(1, y1 - y0)
    end = _next_row(page.ocr.lines, anchor, v)
    return [line for line in page.ocr.lines if y0 - 0.5 * h <= (line.bbox[1] + line.bbox[3]) / 2 <= min(y1 + 2.5 * h, end)]


def _next_row(lines: list, anchor, title: str) -> float:
    """Where the table row holding ``anchor`` (a line of the squashed ``title``) ends: at the top of the next row,
    the first line under the anchor in its column that is no part of the title and has cells of its own beside it, as
    the anchor has (a compact table, rows two lines tall: the next paper's row, its 2023年第46卷第2期, was read as the
    claimed paper's, whose own year cell wrapped 2021年第39卷第11 / 期: probe trust26 C05). Infinity where the anchor
    stands alone on its line (a citation list: its wrapped line holds the journal and year) or no such line follows.

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 30), (x, y + 30))
    >>> rows = [OcrLine("东洲区地表水断面水质预警模型", box(100, 100, 400), 1.0), OcrLine("环境工程", box(600, 100, 120), 1.0),
    ...         OcrLine("2021年第39卷第11", box(800, 100, 200), 1.0), OcrLine("构建与应用", box(100, 135, 150), 1.0),
    ...         OcrLine("期", box(800, 135, 30), 1.0), OcrLine("抚顺市浑河流域水环境承载力评价", box(100, 175, 420), 1.0),
    ...         OcrLine("2023年第46卷第2期", box(800, 175, 200), 1.0)]
    >>> _next_row(rows, rows[0], _squash("东洲区地表水断面水质预警模型构建与应用"))
    175
    >>> _next_row(rows[:1] + rows[5:6], rows[0], _squash("东洲区地表水断面水质预警模型构建与应用"))
    inf
    """
    from rapidfuzz import fuzz

    ax0, ay0, ax1, ay1 = anchor.bbox

    def beside(line) -> bool:  # another cell of the line's row: level with it, apart from it
        x0, y0, x1, y1 = line.bbox
        return any(o is not line and y0 <= (o.bbox[1] + o.bbox[3]) / 2 <= y1 and (o.bbox[0] >= x1 or o.bbox[2] <= x0)
                   for o in lines)

    if not beside(anchor):
        return math.inf
    below = sorted((line for line in lines if line.bbox[1] >= ay1 - 0.2 * (ay1 - ay0)
                    and min(ax1, line.bbox[2]) - max(ax0, line.bbox[0]) > 0), key=lambda line: line.bbox[1])
    for line in below:
        t = _squash(line.text)
        if len(t) < 2 or (fuzz.partial_ratio(t, title) or 0) >= 80:
            continue  # the title wrapped in its cell, or a mark
        if beside(line):
            return line.bbox[1]
    return math.inf


def row_cells(row: list) -> list[str]:
    """The texts of a row's cells: each line, and each line joined to the one under it
    in its column (a cell wrapped over two lines: 环境保护与循环 / 经济).

    >>> from ocr.model import OcrLine
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 40), (x, y + 40))
    >>> row_cells([OcrLine("环境保护与循环", box(924, 516, 200), 1.0), OcrLine("经济", box(920, 556, 70), 1.0)])
    ['环境保护与循环', '经济', '环境保护与循环经济']
    """
    return [line.text for line in row] + _column_continuations(row)


#: a year as a citation gives it: 2022(11), 2022 (30)05, 2022（43）增刊, 2022年第11期, 2022, 43(S1), 2022, 第11期
_CITED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:[(（]\s*[\dSs]{1,4}\s*[)）]|年\s*第?\s*\d{1,2}\s*期|年\s*第"
                         r"|[,，]\s*(?:VOL\.?\s*)?\d{1,3}\s*[(（]|[,，]\s*第?\s*\d{1,2}\s*期|[,，]?\s*(?:增|S\d|SUPPL))", re.I)
#: the journal of a citation: 题名[J]. 环境科学, 2022, 43(S1): 1-5
_CITED_JOURNAL = re.compile(r"\[\s*J\s*\]\s*[.．。/]*\s*([^\s,，.．。\d()（）\[\]]{2,40}?)\s*[,，.．]\s*(?:19|20)\d\d")


def cited_years(text: str) -> list[tuple[int, str]]:
    """The years a proof's line cites the paper in, with the line's text from the year on.

    >>> cited_years("2022（43）增"), cited_years("2024年9月5日")
    ([(2022, '2022（43）增')], [])
    >>> [y for y, _ in cited_years("2022(11) 2023年第3期 2021, 33(6): 45-49 2022, 第5期 2020年9月")]
    [2022, 2023, 2021, 2022]
    """
    return [(int(m.group(1)), text[m.start():].strip()[:16]) for m in _CITED_YEAR.finditer(text or "")]


def cited_journal(text: str) -> str | None:
    """The journal a citation names after ``[J]``.

    >>> cited_journal("杨振宇，李雪梅. 抚顺市城区PM10与PM2.5浓度相关性监测研究[J]. 环境科学, 2022, 43(S1): 101-105.")
    '环境科学'
    >>> cited_journal("抚顺市城区PM10与PM2.5浓度相关性监测研究 环境科学与管理 2022(11)") is None
    True
    """
    m = _CITED_JOURNAL.search(text or "")
    return m.group(1) if m else None


def _ident_match(claim: PaperClaim, page: PageRead) -> bool:
    from stdnum import issn as stdnum_issn

    from verify.read.identifiers import cn_serial

    if claim.issn and stdnum_issn.is_valid(claim.issn):
        want = stdnum_issn.format(claim.issn)
        if want in page.issn:
            return True
    if claim.cn:
        want = cn_serial.compact(claim.cn)
        if any(cn_serial.compact(c) == want for c in page.cn):
            return True
    return False


def _names_other_journal(claim: PaperClaim, page: PageRead, journals: set[str]) -> bool:
    """The page belongs to another claimed journal (and not to this claim's).

    A claim's journal read only inside another claimed journal's longer name is not
    named: the cover of 环境科学研究 is not one of 环境科学's (a paper claimed in 环境科学
    whose own page printed no ISSN took the other paper's cover and failed on its ISSN,
    the missing number unsaid):

    >>> from ocr.model import OcrLine, OcrPage
    >>> cover = lambda *t: PageRead("c.jpg", 1, OcrPage(800, 600, [OcrLine(x, ((0, 20 * i), (9, 20 * i), (9, 20 * i + 9), (0, 20 * i + 9)), 1.0)
    ...                                                           for i, x in enumerate(t)]), kind="journal_cover")
    >>> claim = PaperClaim(title="抚顺矿区生态修复效果评估", journal="环境科学")
    >>> _names_other_journal(claim, cover("环境科学研究", "主办：中国环境科学研究院"), {"环境科学", "环境科学研究"})
    True
    >>> _names_other_journal(claim, cover("环境科学", "Environmental Science"), {"环境科学", "环境科学研究"})
    False
    >>> _names_other_journal(claim, cover("环境科学", "本刊所载文章已被《环境科学研究》转载"), {"环境科学", "环境科学研究"})
    False
    """
    others = [j for j in journals if j and j != claim.journal]
    named = [j for j in others if named_on(j, page, JOURNAL_MIN)]
    if not named:
        return False
    if not claim.journal:
        return True
    own = _squash(claim.journal)
    longer = sorted({_squash(j) for j in named if own in _squash(j) and own != _squash(j)}, key=len, reverse=True)
    if not longer:
        return not named_on(claim.journal, page, JOURNAL_MIN)
    text = _squash(page.ocr.text)
    for name in longer:
        text = text.replace(name, "\n")
    from rapidfuzz import fuzz

    return not fuzz.partial_ratio(own, text, score_cutoff=JOURNAL_MIN)


def _journal_page_score(claim: PaperClaim, page: PageRead, journals: set[str] = frozenset()) -> float:
    if _names_other_journal(claim, page, journals) and not _ident_match(claim, page):
        return 0.0  # another paper's journal, even if its contents list this title
    score = named_on(claim.journal, page, JOURNAL_MIN) if claim.journal else 0.0
    if page.kind == "journal_toc" and (r := title_on(claim.title, page)).state == "named":
        # a table of contents belongs to the paper when it lists the title
        score = max(score, r.score)
    if _ident_match(claim, page):
        score = max(score, 95.0)
    return score


def match_papers(applicant: Applicant, pages: list[PageRead]) -> list[PaperMatch]:
    """For each claimed paper, the pages that back it.

    A paper page, and a retrieval proof's row, backs one claim: the one whose title it
    shows best (the first such claim on a tie). A claim whose best evidence went to
    another claim keeps it in ``shared_pages`` with that claim, for a person to look at
    (probe alt23 F3: one paper in the dossier passed any number of claims). A title that
    is the name of a claimed journal or of the unit names no paper: a page showing it
    is at most doubtful for it."""
    out = []
    journals = {c.journal for c in applicant.papers if c.journal}
    titled = {i: _Spans(p.ocr.lines) for i, p in enumerate(pages)
              if p.kind in PAPER_KINDS + RETRIEVAL_KINDS and p.ocr is not None}
    # a claim with no title (any field of a paper may be missing) is matched by the title its
    # own paper page prints, where one paper page of its journal names no other claim
    sources = [untitled_claim(claim, applicant.papers, pages) if not title_key(claim.title) else (claim, None)
               for claim in applicant.papers]
    claims = [c for c, _ in sources]
    readings = {}
    for ci, claim in enumerate(claims):
        is_name = title_names_a_body(claim.title, applicant)
        for pi, spans in titled.items():
            r = title_on(claim.title, pages[pi], spans)
            if is_name and r.state == "named":
                r = TitleReading("doubtful", r.score, r.row, r.span)
            readings[ci, pi] = r
    # each page (a paper's) or row (a proof's) to the claim that names it best
    owner: dict[tuple[int, int | None], int] = {}
    for (ci, pi), r in sorted(readings.items(), key=lambda kv: (-kv[1].score, kv[0])):
        if r.state == "named":
            owner.setdefault(_evidence_unit(pages[pi], pi, r), ci)
    for ci, claim in enumerate(claims):
        m = PaperMatch(claim, title_names=title_names_a_body(claim.title, applicant), title_from=sources[ci][1])
        scores = []
        for pi, p in enumerate(pages):
            if p.kind in JOURNAL_KINDS:
                s = _journal_page_score(claim, p, journals)
                if s:
                    m.journal_pages.append(p)
                    scores.append(s)
                continue
            r = readings.get((ci, pi))
            if r is None or r.state == "absent":
                continue
            if r.state == "named":
                taker = owner[_evidence_unit(p, pi, r)]
                if taker != ci:
                    m.shared_pages.append((p, claims[taker]))
                elif p.kind in PAPER_KINDS:
                    m.paper_pages.append(p)
                    scores.append(r.score)
                else:
                    m.retrieval_pages.append(p)
                    scores.append(r.score)
            elif p.kind in RETRIEVAL_KINDS:
                # a title taken from the paper's page is a reading, not the applicant's words: its
                # misread character differs from the proof's sure one with no other paper in sight
                doubtful = r.state == "doubtful" or m.title_from is not None
                (m.doubtful_retrieval_pages if doubtful else m.other_retrieval_pages).append(p)
        _attach_neighbours(m, pages, journals)
        _prefer_own_issue(m)
        m.score = round(sum(scores) / len(scores) / 100.0, 3) if scores else 0.0
        out.append(m)
    return out


def untitled_claim(claim: PaperClaim, claims, pages: list[PageRead]) -> tuple[PaperClaim, PageRead | None]:
    """``claim`` (one with no title) with the title its paper page prints, and that page;
    ``(claim, None)`` where no one page is surely its own. Its own: a paper page whose
    printed title (``paper_title``) no titled claim names, of the claim's journal (named on
    it, or its ISSN or CN), or, where the claim names no journal either, the one such page
    when this is the only untitled claim. Two such titles: none is chosen (either may be
    the one claimed). A claim with no title failed paper.retrieval (缺少论文检索证明) on
    a clean dossier whose proof named the paper: the spec lets any field of a paper be
    missing.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda y: ((0, y), (900, y), (900, y + 30), (0, y + 30))
    >>> def paper(title, journal):
    ...     p = PageRead("p.jpg", 1, OcrPage(1240, 1754, [OcrLine(journal + " 2022年第5期", box(40), 1.0), OcrLine(title, box(120), 1.0)]))
    ...     p.kind, p.fields = "paper", {"paper_title": title, "journal": journal}
    ...     return p
    >>> a, b = paper("抚顺市区大气PM2.5污染特征", "环境保护与循环经济"), paper("浑河流域生态风险评估", "环境科学导刊")
    >>> claims = (PaperClaim(journal="环境科学导刊"), PaperClaim(title="抚顺市区大气PM2.5污染特征", journal="环境保护与循环经济"))
    >>> c, page = untitled_claim(claims[0], claims, [a, b])
    >>> c.title, page is b
    ('浑河流域生态风险评估', True)
    >>> untitled_claim(PaperClaim(journal="中国环境科学"), claims, [a, b])[1] is None  # no page of its journal
    True
    >>> untitled_claim(PaperClaim(), (PaperClaim(),), [a, b])[1] is None  # two papers, no journal: either may be it
    True
    >>> untitled_claim(PaperClaim(), (PaperClaim(),), [b])[0].title
    '浑河流域生态风险评估'
    """
    if title_key(claim.title):
        return claim, None
    named = [c.title for c in claims if title_key(c.title)]
    own = []
    for p in pages:
        shown = p.fields.get("paper_title") if p.kind in PAPER_KINDS else None
        if not title_key(shown) or any(title_on(t, p).state == "named" for t in named):
            continue
        if claim.journal or claim.issn or claim.cn:
            if not ((claim.journal and named_on(claim.journal, p, JOURNAL_MIN)) or _ident_match(claim, p)):
                continue
        elif sum(not title_key(c.title) for c in claims) != 1:
            continue
        own.append((p, shown))
    if len({title_key(t) for _, t in own}) != 1:
        return claim, None
    page, shown = own[0]
    return dataclasses.replace(claim, title=shown), page


def _evidence_unit(page: PageRead, index: int, reading: TitleReading) -> tuple[int, int | None]:
    """What one claim may have to itself: a paper page whole, a proof's row."""
    return (index, reading.row if page.kind in RETRIEVAL_KINDS else None)


def title_names_a_body(title: str | None, applicant: Applicant) -> str | None:
    """``期刊名称`` or ``申报单位名称`` where the claimed title is a claimed journal's name
    or the unit's (a name or alias), which every proof and journal page prints: such a
    "title" is found on pages that show no paper by it (probe alt23 F3: a paper titled
    《环境保护与循环经济》 passed on the journal's pages); None otherwise.

    >>> from verify.model import Applicant, PaperClaim
    >>> a = Applicant(name="杨振宇", unit="抚顺市生态环境监测站", papers=(PaperClaim(title="环境保护与循环经济", journal="环境保护与循环经济"),))
    >>> title_names_a_body("环境保护与循环经济", a), title_names_a_body("抚顺市生态环境监测站", a), title_names_a_body("抚顺市区大气污染", a)
    ('期刊名称', '申报单位名称', None)
    """
    v = _squash(title)
    if not v:
        return None
    if any(v == _squash(c.journal) for c in applicant.papers if c.journal):
        return "期刊名称"
    if any(v == _squash(n) for n in (applicant.unit, *applicant.unit_aliases) if n):
        return "申报单位名称"
    return None


def _attach_neighbours(m: PaperMatch, pages: list[PageRead], journals: set[str] = frozenset()) -> None:
    """Journal pages that name neither journal nor title (a cover whose title is
    artwork) belong to the paper when they sit in the same file next to pages
    already matched and their ISSN/CN agree or are unread."""
    matched_files = {(p.file, p.page) for p in m.journal_pages + m.paper_pages}
    if not matched_files:
        return
    for p in pages:
        if p.kind != "journal_cover" or p in m.journal_pages:
            continue
        # the page before or after, or the other half of the spread it is half of
        if any(f == p.file and (abs(n - p.page) == 1 or (n == p.page and p.part)) for f, n in matched_files):
            if not p.issn and not p.cn:
                continue  # nothing to check on it: do not claim it
            if _names_other_journal(m.claim, p, journals):
                continue
            m.journal_pages.append(p)


def _prefer_own_issue(m: PaperMatch) -> None:
    """Two papers in one journal: keep the journal pages of *this* paper's issue.

    A journal page that prints another issue (year and 期) than the paper's own
    pages print (their running head, 文章编号) is not this paper's: another paper's cover
    stood in for a paper with none of its own (probe alt17 P13); a contents page
    that names the title stays. Journal pages in a file that also holds a page naming
    the paper's title (its contents page, its first page) are this paper's; when
    there are such pages the journal's other issues are dropped. Then pages whose
    publication date agrees with the claimed date come first."""
    m.journal_pages = [p for p in m.journal_pages if not _prints_another_issue(m, p)]
    titled_files = {p.file for p in m.paper_pages} | {p.file for p in m.journal_pages
                                                      if p.kind == "journal_toc" and named_on(m.claim.title, p)}
    anchored = [p for p in m.journal_pages if p.file in titled_files]
    if anchored and len(anchored) < len(m.journal_pages):
        # drop only pages that surely show another issue: a cover scanned into a file
        # of its own is still this paper's when its issue date agrees or is unread
        reference = [d.date for p in anchored for d in p.dates_with_role("publication")]
        if not reference and m.claim.date is not None:
            reference = [m.claim.date]

        def other_issue(p: PageRead) -> bool:
            dates = [d.date for d in p.dates_with_role("publication")]
            return bool(dates and reference) and all(
                all(x.compare(r) in (-1, 1) for r in reference) for x in dates)

        m.journal_pages = [p for p in m.journal_pages if p in anchored or not other_issue(p)]

    def agrees(p: PageRead) -> bool:
        if m.claim.date is None:
            return False
        return any(d.date.compare(m.claim.date) in (0, None) for d in p.dates_with_role("publication"))

    m.journal_pages.sort(key=lambda p: (not agrees(p), p.kind != "journal_cover"))


#: a year and issue as journals print them: 2022年第30卷第5期, 2022年第5期, 2022, 38(4), and the
#: 文章编号 1674-1021(2022)05-0101-05; a running head giving the month before the volume and issue, 2021.06 第47卷第3期,
#: 2021年6月 第47卷第3期 (left unread, a paper's issue was its 文章编号's alone, and one digit of it misread on a fax,
#: (2021)6- for (2021)03-, dropped the paper's own cover as another issue's: probe trust21 P09, journal.issn failed)
_PRINTED_ISSUE = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*(?:第?\s*\d{1,3}\s*卷\s*)?第?\s*(\d{1,2})\s*期"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年\s*\d{1,2}\s*月|[.．]\s*\d{1,2}(?!\d))\s*(?:第?\s*\d{1,3}\s*卷\s*)?第\s*(\d{1,2})\s*期"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[,，]\s*(?:VOL\.?\s*)?\d{1,3}\s*[(（]\s*(\d{1,2})\s*[)）]", re.I),
    re.compile(r"\d{4}\s*[-－]\s*\d{3}[\dXx]\s*[(（]\s*((?:19|20)\d\d)\s*[)）]\s*(\d{1,2})\s*[-－]"),
)


def printed_issues(text: str) -> set[tuple[int, int]]:
    """The (year, issue) pairs a page prints.

    >>> sorted(printed_issues("环境保护与循环经济2023年第31卷第3期 | 文章编号：1674-1021(2023)03-0057-05"))
    [(2023, 3)]
    >>> sorted(printed_issues("2022年第5期 | 中国环境监测 2022, 38(4): 1-8"))
    [(2022, 4), (2022, 5)]
    >>> printed_issues("2022年第42卷增1期 | 出版日期 2022年7月20日")
    set()
    >>> sorted(printed_issues("环境保护科学2021.06第47卷第3期")), sorted(printed_issues("环境工程 2020年11月 第38卷第11期"))
    ([(2021, 3)], [(2020, 11)])
    """
    return {(int(m.group(1)), int(m.group(2))) for rx in _PRINTED_ISSUE for m in rx.finditer(text or "")
            if 1 <= int(m.group(2)) <= 53}


#: the page a paper starts on, from its 文章编号 1000-6923(2022)07-0101-05
_FIRST_PAGE = re.compile(r"[(（]\s*(?:19|20)\d\d\s*[)）]\s*(?:\d{1,2}|S\d)\s*[-－]\s*(\d{1,4})\s*[-－]", re.I)
#: a page number a contents page gives an article: (101), ……101
_TOC_PAGE = re.compile(r"(?:[(（]\s*(\d{1,4})\s*[)）]|[…．.·]{2,}\s*(\d{1,4}))\s*$")


def first_page(text: str) -> int | None:
    """The page a paper starts on, as its 文章编号 gives it.

    >>> first_page("文献标识码：A文章编号：1000-6923(2022)07-0101-05"), first_page("摘要：……")
    (101, None)
    """
    m = _FIRST_PAGE.search(text or "")
    return int(m.group(1)) if m else None


def toc_page_numbers(page: PageRead) -> list[int]:
    """The page numbers a contents page gives its articles (a number closing a line).

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (9, 0), (9, 9), (0, 9))
    >>> toc_page_numbers(PageRead("m.jpg", 1, OcrPage(800, 600, [OcrLine(t, box, 1.0) for t in ("目次", "(1)", "流域水环境 ……… 7", "（101）")])))
    [1, 7, 101]
    """
    return [int(m.group(1) or m.group(2)) for line in page.ocr.lines if (m := _TOC_PAGE.search(line.text.strip()))]


def own_issues(m: PaperMatch) -> set[tuple[int, int]]:
    """The (year, 期) the paper's own pages print (running head, 文章编号)."""
    return set().union(*(printed_issues(p.ocr.text) for p in m.paper_pages))


def _prints_another_issue(m: PaperMatch, page: PageRead) -> bool:
    """The journal page surely shows another issue than the paper's: the (year, 期)
    it prints differ from those the paper's own pages print (where those print none,
    nothing is surely another issue). A contents page naming the title is the
    paper's whatever it prints."""
    shown = printed_issues(page.ocr.text)
    if not shown or (page.kind == "journal_toc" and named_on(m.claim.title, page)):
        return False
    own = own_issues(m)
    # where the paper's pages print no issue, the claim's year alone does not drop a page:
    # a year typed wrong (or a paper's online date) would leave the paper with no cover,
    # and journal.issn would fail on a journal the dossier holds
    return bool(own) and shown.isdisjoint(own)


#: an award's grade: the one word of its title a certificate of a lower grade differs in
_AWARD_GRADE = re.compile(r"[特一二三四五]等奖?|[金银铜]奖|优秀奖|鼓励奖|提名奖")


def another_grade(title: str | None, page: PageRead) -> bool:
    """Whether ``page`` names the award of ``title`` only at another grade: the title
    names a grade the page does not print, and the page prints another. One character
    in fifteen is within a title's OCR tolerance, so a 三等奖 certificate named the
    claimed 二等奖 and backed it; a grade raised in the claim is what a reviewer must
    see (二 and 三 a recogniser may confuse: never a fail by itself).

    >>> from ocr.model import OcrLine, OcrPage
    >>> cert = PageRead("a.jpg", 1, OcrPage(800, 600, [OcrLine("荣获抚顺市科学技术进步奖三等奖", ((0, 0), (9, 0), (9, 9), (0, 9)), 1.0)]))
    >>> another_grade("抚顺市科学技术进步奖二等奖", cert), another_grade("抚顺市科学技术进步奖三等奖", cert)
    (True, False)
    >>> another_grade("抚顺市科学技术进步奖", cert)  # the claim names no grade
    False
    """
    claimed = award_grades(title)
    if not claimed:
        return False
    shown = award_grades(page.ocr.text)
    return bool(shown) and not claimed <= shown


def award_grades(text: str | None) -> set[str]:
    """The award grades ``text`` prints (一等奖, 金奖, 优秀奖…).

    >>> sorted(award_grades("荣获科技进步奖 三等奖，优秀奖"))
    ['三等奖', '优秀奖']
    """
    return set(_AWARD_GRADE.findall(_squash(text)))


#: a claimed achievement's kind written after its name: 一种…装置（实用新型专利）, …平台V1.0（软件著作权）, …研究（市科技计划项目结题）
_PATENT_NOTE = re.compile(r"[(（]\s*([^()（）]{0,12}?(?:(?:发明|实用新型|外观设计)?专利|软件著作权|著作权|软著|结题|验收|鉴定))\s*[)）]\s*$")
#: the word a page of that kind prints, for each kind a note may name (软著 is the 著作权 certificate's short name)
_NOTE_WORD = (("专利", None), ("软著", "著作权"), ("著作权", None), ("结题", None), ("验收", None), ("鉴定", None))


def patent_named(title: str | None, page: PageRead) -> str | None:
    """A claimed achievement's name without the kind written after it, where the page prints that kind (a patent's
    certificate names the invention under 实用新型名称：, the kind in its title 实用新型专利证书: trust exploration 8, C11;
    a software registration prints 著作权, a project's certificate 结题: probe trust25 C05, C06, no certificate was
    found for the claim); else None.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda i: ((0, 60 * i), (900, 60 * i), (900, 60 * i + 40), (0, 60 * i + 40))
    >>> cert = PageRead("z.jpg", 1, OcrPage(1240, 1754, [OcrLine("实用新型专利证书", box(0), 1.0),
    ...                                                OcrLine("实用新型名称：一种便携式采样装置", box(1), 1.0)]))
    >>> patent_named("一种便携式采样装置（实用新型专利）", cert), patent_named("一种便携式采样装置（发明专利）", cert)
    ('一种便携式采样装置', None)
    >>> sw = PageRead("s.jpg", 1, OcrPage(1240, 1754, [OcrLine("计算机软件著作权登记证书", box(0), 1.0),
    ...                                              OcrLine("软件名称：水质预警平台V1.0", box(1), 1.0)]))
    >>> patent_named("水质预警平台V1.0（软件著作权）", sw), patent_named("水质预警平台V1.0（软著）", sw)
    ('水质预警平台V1.0', '水质预警平台V1.0')
    >>> patent_named("水质预警平台V1.0（市科技计划项目结题）", sw), patent_named("水质预警平台V1.0（二等奖）", sw)
    (None, None)
    """
    m = _PATENT_NOTE.search(title or "")
    if not m or page.ocr is None:
        return None
    note, text = m.group(1), _squash(page.ocr.text)
    if re.search(r"(?:发明|实用新型|外观设计)?专利$", note):  # the patent's kind as claimed: the page prints that kind
        word = re.search(r"(?:发明|实用新型|外观设计)?专利$", note).group(0)
    else:
        word = next(w or k for k, w in _NOTE_WORD if note.endswith(k))
    return title[:m.start()] if word in text else None


def match_awards(applicant: Applicant, pages: list[PageRead]) -> list[AwardMatch]:
    """For each claimed award, the certificate or proof pages that name it (at the
    grade claimed: :func:`another_grade`; those naming it at another grade apart)."""
    out = []
    for claim in applicant.awards:
        m = AwardMatch(claim)
        scores = []
        for p in pages:
            if p.kind not in AWARD_KINDS:
                continue
            s = named_on(claim.title, p) or named_on(patent_named(claim.title, p), p)
            if s and s < 100 and another_grade(claim.title, p):
                m.other_grade.append(p)
                continue
            if s:
                m.pages.append(p)
                scores.append(s)
        m.score = round(max(scores) / 100.0, 3) if scores else 0.0
        out.append(m)
    return out
