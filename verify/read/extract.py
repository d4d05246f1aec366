"""Facts read from one page: dates with roles, ISSN, CN, ID numbers, names and
named fields. The rules read these; nothing here judges them.

>>> find_issns("ＩＳＳＮ １６７４－１０２１  CN21-1556/X")
['1674-1021']
>>> find_issns("国际标准连续出版物号：ISSN 1674 — 102l")
['1674-1021']
>>> find_issns("〔ISSN〕1674-1021"), find_issns("[ISSN]  1674-1021")
(['1674-1021'], ['1674-1021'])
>>> find_cns("国内统一连续出版物号 CN 21－1556／X")
['CN 21-1556/X']
>>> find_cns("刊号：CN(HK) 21-1556/X  ISSN 1674-1021")
['CN(HK) 21-1556/X']

What OCR makes of identifiers (PP-OCR reads the dash as the CJK 一 or ー, drops
it, reads the class G0 as GO and O4 as 0 4):

>>> find_issns("ISSN 1000一0933"), find_issns("ISSN 1000ー0933")
(['1000-0933'], ['1000-0933'])
>>> find_cns("CN 11一2031/Q"), find_cns("CN 11ー2031/Q"), find_cns("CN 11 2031/Q")
(['CN 11-2031/Q'], ['CN 11-2031/Q'], ['CN 11-2031/Q'])
>>> find_cns("CN 11-1234/GO"), find_cns("CN 51-1199/0 4")
(['CN 11-1234/G0'], ['CN 51-1199/O4'])
>>> find_cns("CN 21-15A6/X")    # a letter in the serial is kept: the rule says so
['CN 21-15A6/X']
>>> find_cns("CN 21-1556/X 2019年第5期")
['CN 21-1556/X']
>>> find_id_numbers("公民身份号码 2104 0219 8805 1200 12")
['210402198805120012']
>>> find_verification_code("在线验证码：A1B2C3D4E5F6G7H8")
'A1B2C3D4E5F6G7H8'
"""
from __future__ import annotations

import logging
import re

from verify.read.dates import extract_dates, nfkc_chars
from verify.model import Applicant, PageRead

logger = logging.getLogger(__name__)

_DASH = "‐‑‒–—―－﹣−_~"


# a CJK 一 or a katakana ー between digits is the dash read as a character
_CJK_DASH = re.compile(r"(?<=[0-9OolI])([ \t]*)[一ーｰ丨](?=[ \t]*[0-9OolI])")


def _clean_ident(text: str) -> str:
    """Full-width to ASCII, dashes unified (one character for one), a CJK 一 or
    ー between digits read as the dash.

    >>> _clean_ident("ＩＳＳＮ 1000一0933 CN 11ー2031/Q 国内统一")
    'ISSN 1000-0933 CN 11-2031/Q 国内统一'
    """
    out = []
    for n in nfkc_chars(text):
        if n in _DASH:
            n = "-"
        out.append(n)
    return _CJK_DASH.sub(lambda m: m.group(1) + "-", "".join(out))


def _digits_ocr(s: str) -> str:
    """OCR letter-for-digit repairs inside a number that must be digits."""
    return s.translate(str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "Z": "2"}))


_D = r"[0-9OolIDSBZ|]"
#: the label may stand in brackets, as older journals print it (〔ISSN〕1004-6216, [ISSN])
_ISSN_LABELLED = re.compile(rf"(?:[I1l|]\s*[S5]\s*[S5]\s*N|国际标准(?:连续出版物号|刊号))\s*[\]〕】)）]?\s*[:：.]?\s*(?:ISSN)?\s*(?P<a>(?:{_D}\s*){{4}})[-\s]*(?P<b>(?:{_D}\s*){{3}}[0-9OolIDSBZ|Xx×])(?![0-9])", re.I)
_ISSN_BARE = re.compile(r"(?<![\d\-/])(\d{4})-(\d{3}[\dXx])(?![\d\-/])")
#: an article's copyright line, as Elsevier and others print the journal's ISSN at its first page's foot, unlabelled:
#: 0048-9697/© 2022 Elsevier B.V., 0048-9697/$ - see front matter (© read o, C, @ or (c))
_ISSN_COPYRIGHT = re.compile(r"(?<![\d\-/])(\d{4})-(\d{3}[\dXx])\s*/\s*(?:[©@$oOcCe]|\([cC]\))\s*(?:\d{4}|-?\s*see)")


def find_issns(text: str, bare: bool = False) -> list[str]:
    """ISSNs printed after an ``ISSN`` label, normalised ``NNNN-NNNC``, valid or not,
    unique, in order. With ``bare``, unlabelled ``NNNN-NNNC`` with a valid check
    digit are added (journal pages print the ISSN in running heads too, and in an
    article's copyright line at its foot).

    >>> find_issns("0045-6535/o 2023 E1sevier B.V.A11 rights reserved.", bare=True), find_issns("0048-9697/$ - see front matter", bare=True)
    (['0045-6535'], ['0048-9697'])
    >>> find_issns("0045-6535/o 2023 Elsevier"), find_issns("21-1135/X 1004-6216/2022", bare=True)
    ([], [])
    """
    from stdnum import issn

    t = _clean_ident(text)
    out: list[str] = []
    for m in _ISSN_LABELLED.finditer(t):
        a = _digits_ocr(re.sub(r"\s", "", m.group("a")))
        b = re.sub(r"\s", "", m.group("b"))
        b = _digits_ocr(b[:3]) + ("X" if b[3] in "Xx×" else _digits_ocr(b[3]))
        v = f"{a}-{b}"
        if v not in out:
            out.append(v)
    if bare:
        for m in _ISSN_BARE.finditer(t):
            v = f"{m.group(1)}-{m.group(2).upper()}"
            if v not in out and issn.is_valid(v) and not _page_range(m.group(1), m.group(2)):
                out.append(v)
        for m in _ISSN_COPYRIGHT.finditer(t):
            v = f"{m.group(1)}-{m.group(2).upper()}"
            if v not in out and issn.is_valid(v):
                out.append(v)
    return out


#: a bare ``NNNN-NNNN`` whose second number follows its first by at most this much is a
#: paper's page range (42(5): 2101-2108), not an ISSN, though one in eleven checksums
PAGE_SPAN = 99


def _page_range(first: str, second: str) -> bool:
    """Whether a bare ``first-second`` reads as a page range rather than an ISSN.

    >>> find_issns("中国环境科学, 2022, 42(5): 1000-1018", bare=True), find_issns("中国环境科学 1000-6923", bare=True)
    ([], ['1000-6923'])
    """
    return second.isdigit() and 0 < int(second) - int(first) <= PAGE_SPAN


_CN_RX = re.compile(
    r"(?P<prefix>C\s*N\s*(?:[(（]\s*H\s*K\s*[)）]|-\s*H\s*K|H\s*K)?|国内统一(?:连续出版物号|刊号)\s*[:：]?\s*(?:C\s*N)?|刊号\s*[:：]\s*(?:C\s*N)?)"
    rf"\s*[\]〕】)）]?\s*[:：]?\s*(?P<region>(?:{_D}\s*){{2}})(?:\s*-\s*|[ \t]+)(?P<serial>(?:{_D}\s*){{3,5}})"  # the dash may be lost
    # the class: O (数理科学和化学) read as 0 and split from its digit (/0 4), G0 read as GO
    r"(?:\s*[/／]\s*(?P<cls>[0O][ \t]?[0-9](?![0-9])|[A-Z0][A-Z0]?[0-9O]{0,2}))?", re.I)
# a CN printed without its label (刊号：1004-6216 / 21-1135/X): region, serial and class,
# kept on journal pages only and only when well formed (a valid region and class)
_CN_BARE = re.compile(r"(?<![\w/.\-])(?P<region>\d{2})[ \t]*-[ \t]*(?P<serial>\d{4})[ \t]*[/／][ \t]*"
                      r"(?P<cls>[0O][ \t]?[0-9](?![0-9])|[A-Z][A-Z0]?[0-9O]{0,2})(?![A-Za-z0-9])")
# a letter inside the serial (CN 21-15A6/X): kept as read, so the rule can say so
_CN_LETTER = re.compile(r"C\s*N\s*(?P<region>\d{2})\s*-\s*(?P<serial>(?=[0-9A-Z]*[A-Z])[0-9A-Z]{4})\s*[/／]\s*(?P<cls>[A-Z][A-Z]?\d{0,2})", re.I)


def _cn_class(cls: str) -> str:
    """The class as printed, OCR's digit/letter confusions undone.

    >>> [_cn_class(c) for c in ("X", "04", "0 4", "O4", "GO", "TU", "tu", "Q")]
    ['X', 'O4', 'O4', 'O4', 'G0', 'TU', 'TU', 'Q']
    """
    cls = re.sub(r"\s", "", cls).upper()
    if cls[0] == "0":  # OCR reads the class letter O as a zero: /04 is /O4
        cls = "O" + cls[1:]
    return cls[0] + cls[1:].replace("O", "0")  # no class has O after its first letter


# a CN-like number without the region-serial shape (CN(HK) 7885/X, CN 7885/X): kept as read
_CN_ODD = re.compile(r"(?<![A-Za-z./@])(?P<prefix>CN\s*(?:[(（]\s*HK\s*[)）]|-\s*HK|HK)?)\s*[:：]?\s*"
                     r"(?P<num>\d{3,8})(?![\d年月]|\s*-\s*\d|\s*[年月])(?:\s*[/／]\s*(?P<cls>[A-Z][A-Z]?\d{0,2}))?")


def find_cns(text: str, bare: bool = False) -> list[str]:
    """CN serial numbers, normalised ``CN 21-1556/X``; look-alikes (``CN(HK)``,
    ``CN-HK``) and malformed ones are kept as read so the rule can fail them. With
    ``bare`` (a journal page), a well-formed ``NN-NNNN/X`` printed without a label is
    added too, as :func:`find_issns` adds a bare ISSN.

    >>> find_cns("〔CN〕21-1135/X"), find_cns("[CN] 21-1135/X"), find_cns("【CN】21-1135/X")
    (['CN 21-1135/X'], ['CN 21-1135/X'], ['CN 21-1135/X'])
    >>> find_cns("刊号：1004-6216 / 21-1135/X"), find_cns("刊号：1004-6216 / 21-1135/X", bare=True)
    ([], ['CN 21-1135/X'])
    >>> find_cns("99-1135/X 21-1135/L 2022-1135/X 1004-6216(2022)03-0045-05 GB 3095-2012", bare=True)
    []
    """
    from verify.read.identifiers import cn_serial

    t = _clean_ident(text)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _CN_RX.finditer(t):
        prefix = re.sub(r"\s", "", m.group("prefix")).upper().replace("（", "(").replace("）", ")")
        if not prefix.startswith("CN"):
            prefix = "CN" + ("(HK)" if "HK" in prefix else "")
        region = _digits_ocr(re.sub(r"\s", "", m.group("region")))
        serial = _digits_ocr(re.sub(r"\s", "", m.group("serial")))
        cls = _cn_class(m.group("cls")) if m.group("cls") else None
        raw = f"{prefix}{region}-{serial}" + (f"/{cls}" if cls else "")
        v = cn_serial.format(raw)
        if v not in out:
            out.append(v)
        spans.append(m.span())
    for m in _CN_LETTER.finditer(t):
        if any(a <= m.start() < b for a, b in spans):
            continue
        v = cn_serial.format(f"CN{m.group('region')}-{m.group('serial').upper()}/{m.group('cls').upper()}")
        if v not in out:
            out.append(v)
        spans.append(m.span())
    if bare:
        for m in _CN_BARE.finditer(t):
            if any(a <= m.start() < b for a, b in spans):
                continue
            v = cn_serial.format(f"CN{m.group('region')}-{m.group('serial')}/{_cn_class(m.group('cls'))}")
            if cn_serial.is_valid(v) and v not in out:
                out.append(v)
                spans.append(m.span())
    for m in _CN_ODD.finditer(t):
        if any(a <= m.start() < b for a, b in spans):
            continue
        prefix = re.sub(r"\s", "", m.group("prefix")).upper().replace("（", "(").replace("）", ")")
        raw = f"{prefix}{m.group('num')}" + (f"/{m.group('cls').upper()}" if m.group("cls") else "")
        v = cn_serial.format(raw)
        if v not in out:
            out.append(v)
    return out


_IDC = "0-9OoDQlI|"  # a digit, or a letter OCR reads for one
_ID_RX = re.compile(rf"(?<![0-9A-Za-z])([1-9][{_IDC}]{{16}}[{_IDC}Xx×])(?![0-9A-Za-z])")
_ID15_RX = re.compile(rf"(?<![0-9A-Za-z])([1-9][{_IDC}]{{14}})(?![0-9A-Za-z])")
_ID_LABEL = re.compile(r"(身份证|身份号码|证件号码|证号)")


def find_id_numbers(text: str, first_generation: bool = False) -> list[str]:
    """Resident ID candidates (valid or not; the rule checks them), compacted: 18
    characters, or the 15 digits of a first-generation number (on a line with an ID
    label, or anywhere with ``first_generation``: an ID card page). Letters OCR
    reads for digits (``O`` for ``0``) are repaired where the shape says digit.

    >>> find_id_numbers("公民身份号码 21O4 0219 88O5 1200 12")
    ['210402198805120012']
    >>> find_id_numbers("身份证号：210402880512001")
    ['210402880512001']
    >>> find_id_numbers("证书编号 210402880512001"), find_id_numbers("210402881312001", first_generation=True)
    ([], [])
    """
    out = []
    for _, _, v in _id_number_spans(text, first_generation):
        if v not in out:
            out.append(v)
    return out


def mask_id_numbers(text: str, first_generation: bool = False) -> str:
    """``text`` with every resident ID number :func:`find_id_numbers` finds in it shown
    as the findings' messages show one (:func:`verify.read.identifiers.ric.mask`: region
    and last four), the rest of the text as it was: what a report shows of a page's text.

    >>> mask_id_numbers("公民身份号码 2104 0219 8805 1200 12\\n电话 13912345678")
    '公民身份号码 210402********0012\\n电话 13912345678'
    >>> mask_id_numbers("身份证号：２１０４０２８８０５１２００１。"), mask_id_numbers("证书编号 210402880512001")
    ('身份证号：210402*****2001。', '证书编号 210402880512001')
    """
    from verify.read.identifiers import ric

    out, at = [], 0
    for start, end, number in sorted(_id_number_spans(text, first_generation)):
        out += [text[at:start], ric.mask(number)]
        at = end
    return "".join(out) + text[at:]


# OCR splits long numbers into groups: digit runs separated by spaces are joined
_DIGIT_GROUP_GAP = re.compile(r"(?<=[0-9Oo])\s+(?=[0-9OoXx])")


def _id_number_spans(text: str, first_generation: bool) -> list[tuple[int, int, str]]:
    """``(start, end, number)`` of each resident ID candidate of ``text`` (see
    :func:`find_id_numbers`), the span in ``text`` itself, spaces between its groups
    included; per line, the 18-character ones first."""
    from verify.read.identifiers import ric

    out = []
    line_start = 0
    for line in _clean_ident(text).splitlines(keepends=True):  # as long as text, one character for one
        gaps = {i for m in _DIGIT_GROUP_GAP.finditer(line) for i in range(*m.span())}
        kept = [i for i in range(len(line)) if i not in gaps]  # where each joined character stands
        joined = "".join(line[i] for i in kept)
        found = []
        for m in _ID_RX.finditer(joined):
            v = ric.compact(m.group(1))
            if sum(c.isdigit() for c in m.group(1)) >= 13 and v[:-1].isdigit():
                found.append((m.span(1), v))
        if first_generation or _ID_LABEL.search(line):
            for m in _ID15_RX.finditer(joined):
                v = ric.compact(m.group(1))
                if sum(c.isdigit() for c in m.group(1)) >= 11 and v.isdigit() and _yymmdd(v[6:12]):
                    found.append((m.span(1), v))
        for (start, end), v in found:
            out.append((line_start + kept[start], line_start + kept[end - 1] + 1, v))
        line_start += len(line)
    return out


def _yymmdd(s: str) -> bool:
    import datetime as _dt

    try:
        _dt.date(1900 + int(s[:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        return False
    return True


def find_verification_code(text: str) -> str | None:
    """The 学信网 online verification code (在线验证码)."""
    t = _clean_ident(text)
    m = re.search(r"(?:在线验证码|验证码)\s*[:：]?\s*([A-Z0-9]{8,20})", t.replace(" ", ""), re.I)
    return m.group(1).upper() if m else None


def find_certificate_no(text: str) -> str | None:
    """A certificate number (证书编号 / 管理号 / 编号)."""
    t = _clean_ident(text)
    m = re.search(r"(?:证书编号|证书号|管理号|证号|编号)\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9\-]{3,30})", t)
    return m.group(1) if m else None


_GRADES = ("基本称职", "不称职", "基本合格", "不合格", "优秀", "合格", "称职", "良好")
_GRADE_WORD = re.compile("|".join(_GRADES))
#: a grade slot's label and the grade after it (考核等次：合格, 考核意见为优秀)
_GRADE_SLOT = re.compile(r"(?:考核等次|考核结果|等次|考核意见)[:：]?(?:为|确定为|评为)?(" + _GRADE_WORD.pattern + ")")
#: the printed choices after a slot's first grade (优秀口 合格 基本合格口…): no grade given
_NEXT_CHOICE = re.compile(r"[□口☐■☑√✓○●、，,;；]*(?:" + _GRADE_WORD.pattern + ")")


def find_assessment_grade(text: str) -> str | None:
    """The grade on an annual assessment form (考核等次/考核结果); None where the label is
    followed by the printed choices (考核等次 优秀□ 合格☑ 基本合格□ 不合格□: the first
    of them is no grade given; which is marked is read from the pixels,
    :func:`verify.run.pipeline._read_grade_mark`).

    >>> find_assessment_grade("考核等次：合格"), find_assessment_grade("考核等次 优秀口 合格 基本合格口 不合格口") is None
    ('合格', True)
    """
    t = re.sub(r"\s", "", text)
    for m in _GRADE_SLOT.finditer(t):
        if not _NEXT_CHOICE.match(t, m.end()):
            return m.group(1)
    return None


#: a grade slot at the start of its line holding a grade (考核等次：合格): the form's own
#: answer, not a proposal in an opinion's prose (建议考核等次为合格) nor a footnote's list
_SLOT_FIRST = re.compile(r"[^\w]{0,3}(?:[\u4e00-\u9fff]{0,4}?(?:考核)?(?:等次|结果|等级|结论)[:：]|(?:考核)?(?:等次|结果|等级|结论)[为是]?[:：]?)("
                         + _GRADE_WORD.pattern + ")")


def slot_grade(page) -> str | None:
    """The grade a slot holds at the start of a line (考核等次：合格), where the line
    names no other grade (not a legend listing the choices), or None.

    >>> from ocr.model import OcrLine, OcrPage
    >>> lines = lambda *ts: OcrPage(100, 100, [OcrLine(t, ((0, 0), (9, 0), (9, 9), (0, 9)), 0.9) for t in ts])
    >>> slot_grade(lines("考核等次：合格")), slot_grade(lines("考核结果 合格 已存档")), slot_grade(lines("年度考核等次：优秀"))
    ('合格', '合格', '优秀')
    >>> slot_grade(lines("建议考核等次为合格。")), slot_grade(lines("注：考核等次：优秀、合格、基本合格、不合格。"))
    (None, None)
    """
    for line in page.lines:
        t = re.sub(r"\s+", "", line.text)
        m = _SLOT_FIRST.match(t)
        if m and len(set(_GRADE_WORD.findall(t))) == 1:
            return m.group(1)
    return None


def _title_line(page, skip: re.Pattern | None = None, max_y: float = 0.45) -> str | None:
    """The tallest short line in the upper part of the page."""
    h = page.height or 1
    best = None
    for line in page.lines:
        text = line.text.strip()
        if len(text) < 4 or line.bbox[1] > max_y * h or (skip and skip.search(text)):
            continue
        key = line.height
        if best is None or key > best[0]:
            best = (key, text)
    return best[1] if best else None


def _claimed(page_text: str, values) -> str | None:
    """The claimed value (journal, title) the page shows, OCR-tolerant."""
    from rapidfuzz import fuzz

    text = re.sub(r"\s", "", page_text)
    best = (0.0, None)
    for v in values:
        if not v:
            continue
        s = fuzz.partial_ratio(re.sub(r"\s", "", v), text)
        if s > best[0]:
            best = (s, v)
    return best[1] if best[0] >= 85 else None


#: a line ending in a number's label and the number's start, its rest wrapped onto the
#: line below (a narrow 版权页 cell: 「ISSN 1674-」 over 「991X」, 「CN 11-」 over 「5972/X」)
_DANGLING = re.compile(r"(?:ISSN|C\s*N|出版物号|刊号)\s*[:：]?\s*[\dOolI]{0,4}\s*[-－—一]?\s*$", re.I)
_CONTINUES = re.compile(r"^\s*[\dOolI]{2,4}\s*[-－—一/／\dXx×]")


def wrapped_numbers(page) -> list[str]:
    """The numbers a page prints wrapped over two lines, each joined into one line:
    a line ending in an ISSN's or CN's start, and the line below it that starts
    about where the number does and goes on with digits (OCR reads each line of a
    cell alone, and the label cell's own second line may come between them).

    >>> from ocr.model import OcrLine, OcrPage
    >>> def line(t, x, y, w=300):
    ...     return OcrLine(t, ((x, y), (x + w, y), (x + w, y + 40), (x, y + 40)), 0.95)
    >>> page = OcrPage(1654, 2339, [line("国际标准连续", 300, 700), line("ISSN 1674-", 780, 700), line("出版物号", 300, 750),
    ...                             line("991X", 790, 752, 120), line("国内统一连续", 300, 830), line("CN 11-", 780, 830, 140),
    ...                             line("出版物号", 300, 880), line("5972/X", 785, 880, 160), line("定价 20.00元", 300, 990)])
    >>> wrapped_numbers(page)
    ['ISSN 1674-991X', 'CN 11-5972/X']
    >>> find_issns("\\n".join(wrapped_numbers(page))), find_cns("\\n".join(wrapped_numbers(page)))
    (['1674-991X'], ['CN 11-5972/X'])
    """
    out = []
    lines = page.lines
    for a in lines:
        if not _DANGLING.search(a.text):
            continue
        x0, y0, x1, y1 = a.bbox
        h = max(1, y1 - y0)
        below = [b for b in lines if b is not a and _CONTINUES.match(b.text) and y1 - 0.3 * h <= b.bbox[1] <= y1 + 1.5 * h
                 and x0 - 2 * h <= b.bbox[0] <= x1]
        if below:
            b = min(below, key=lambda b: b.bbox[1])
            out.append(a.text.rstrip() + b.text.strip())
    return out


def read_page_facts(read: PageRead, applicant: Applicant | None = None) -> None:
    """Fill ``read.dates``, ``issn``, ``cn``, ``id_numbers``, ``names`` and
    ``fields`` from ``read.ocr`` for a page already classified (``read.kind``)."""
    from verify.read.names import name_on_page, names_on_page

    page = read.ocr
    text = page.text
    kind = read.kind
    read.dates = extract_dates(page, kind)
    journal_kind = kind in ("journal_cover", "journal_toc", "paper")
    numbers = text + "".join(f"\n{w}" for w in wrapped_numbers(page)) if journal_kind else text
    read.issn = find_issns(numbers, bare=journal_kind)
    read.cn = find_cns(numbers, bare=journal_kind)
    read.id_numbers = find_id_numbers(text, first_generation=kind == "id_card") if kind in ("id_card", "education_verification", "recommendation_form",
                                                        "evaluation_form", "annual_assessment", "title_certificate",
                                                        "continuing_education", "other") else []
    names = names_on_page(page)
    if applicant is not None:
        state, _, _ = name_on_page(page, applicant.name)
        if state == "present" and applicant.name not in names:
            names.insert(0, applicant.name)
    read.names = names

    fields = read.fields
    code = find_verification_code(text)
    if code:
        fields["verification_code"] = code
    no = find_certificate_no(text)
    if no:
        fields["certificate_no"] = no
    if kind == "annual_assessment":
        grade = find_assessment_grade(text)
        if grade:
            fields["assessment_grade"] = grade
    papers = applicant.papers if applicant is not None else ()
    if journal_kind:
        journal = _claimed(text, [p.journal for p in papers])
        if journal is None and kind == "journal_cover":
            journal = _title_line(page, re.compile(r"(ISSN|CN|\d{4}|期|主办|出版)", re.I))
        if journal:
            fields["journal"] = journal
        title = _claimed(text, [p.title for p in papers])
        if title is None and kind == "paper":
            title = _title_line(page, re.compile(r"(ISSN|CN|第\s*\d+\s*[卷期]|摘\s*要|关键词|\d{4}年|作者|收稿)", re.I), max_y=0.35)
        if title:
            fields["paper_title"] = title
    elif kind == "retrieval_proof":
        title = _claimed(text, [p.title for p in papers])
        if title:
            fields["paper_title"] = title
    elif kind in ("award_certificate", "achievement_proof"):
        awards = applicant.awards if applicant is not None else ()
        title = _claimed(text, [a.title for a in awards])
        if title is None:
            for line in page.lines:
                t = re.sub(r"\s", "", line.text)
                m = re.search(r"(?:荣获|获得|评为|授予)(.{4,40}?(?:奖|称号|先进个人|先进工作者))", t)
                if m:
                    title = m.group(1)
                    break
        if title:
            fields["award_title"] = title
    elif kind == "title_certificate":
        t = re.sub(r"\s", "", text)
        m = re.search(r"(?:资格名称|资格级别|职称名称|任职资格)[:：]?((?:高级|正高级)?(?:助理)?工程师|技术员)", t)
        if m:
            fields["title_name"] = m.group(1)
        elif m := re.search(r"(助理工程师|高级工程师|工程师|技术员)", t):
            fields["title_name"] = m.group(1)
