"""Dates as real documents write them, with their precision.

A date read from a page may be known to the day, the month or only the year
(``2022年度``), or to a month range (``2022年第5期``: an issue number). Comparisons
respect precision and answer ``None`` when the answer cannot be decided, which the
rules turn into ``review``.

>>> PartialDate(2019, 6, 30).iso()
'2019-06-30'
>>> PartialDate(2019, 6).compare(PartialDate(2019, 6, 30)) is None
True
>>> PartialDate(2019, 7).compare(PartialDate(2019, 6, 30))
1
>>> PartialDate(2018).compare(PartialDate(2019, 6, 30))
-1
>>> PartialDate.parse_iso("2019-06")
PartialDate(year=2019, month=6, day=None, month_hi=None)
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass


#: how fine a date's precision is (a coarser reading cannot settle a finer claim)
PRECISION_RANK = {"year": 0, "month_range": 1, "month": 2, "day": 3}


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to the year, month or day.

    ``month_hi`` is set when only a month range is known (journal issue numbers):
    ``PartialDate(2022, 5, month_hi=6)`` means "some day in May or June 2022".
    """

    year: int
    month: int | None = None
    day: int | None = None
    month_hi: int | None = None

    def __post_init__(self):
        if not 1900 <= self.year <= 2100:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.month_hi is not None and (self.month is None or not self.month <= self.month_hi <= 12):
            raise ValueError(f"month range out of order: {self.month}-{self.month_hi}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day without a month")
            _dt.date(self.year, self.month, self.day)  # raises ValueError on 2月30日

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``month_range`` or ``year`` (coarse to fine: :data:`PRECISION_RANK`)."""
        if self.day is not None:
            return "day"
        if self.month_hi is not None:
            return "month_range"
        if self.month is not None:
            return "month"
        return "year"

    def earliest(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        if self.day is not None:
            return _dt.date(self.year, self.month, self.day)
        month = self.month_hi or self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def compare(self, other: "PartialDate") -> int | None:
        """-1 if surely earlier, 1 if surely later, 0 if surely the same day,
        ``None`` when the precision does not allow an answer."""
        if self.latest() < other.earliest():
            return -1
        if self.earliest() > other.latest():
            return 1
        if self.precision == other.precision == "day" and self.earliest() == other.earliest():
            return 0
        return None

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            s = f"{self.year:04d}-{self.month:02d}"
            return f"{s}/{self.month_hi:02d}" if self.month_hi else s
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse_iso(cls, text: str) -> "PartialDate":
        """Parse the metadata spellings ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
        (also a ``datetime.date`` from YAML). Raises ``ValueError`` otherwise."""
        if isinstance(text, _dt.date):
            return cls(text.year, text.month, text.day)
        s = str(text).strip()
        parts = s.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"不是合法的日期写法（应为 YYYY-MM 或 YYYY-MM-DD）：{s!r}")
        nums = [int(p) for p in parts]
        return cls(*nums)


# ------------------------------------------------------------------ reading dates from text
#
# Everything below turns the spellings found on scanned pages into PartialDate.
# The text is first mapped character by character (so spans still point into
# the original string): full-width forms to ASCII, dashes to '-', and OCR's
# letter-for-digit confusions (l/I/| -> 1, O/o -> 0) where a digit is adjacent.

import logging
import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # verify.model imports this module
    from ocr.model import OcrPage
    from verify.model import DateMention

logger = logging.getLogger(__name__)

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0, "О": 0, "Ο": 0, "◯": 0, "口": 0, "（": 0, "(": 0, "心": 0,
              "D": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 大写 (financial) numerals, written on some certificates: 贰零壹玖年拾贰月
_FINANCIAL = {"壹": "一", "贰": "二", "貳": "二", "叁": "三", "叄": "三", "肆": "四", "伍": "五", "陆": "六", "陸": "六",
              "柒": "七", "捌": "八", "玖": "九", "拾": "十"}
_DIGIT_LOOKALIKES = {"l": "1", "I": "1", "|": "1", "O": "0", "o": "0", "О": "0", "Ο": "0"}


def nfkc_chars(text: str):
    """Each character of ``text`` in its NFKC form where that is one character
    (full-width digits and letters to ASCII), else as it is (one for one, so
    positions still line up with the text).

    >>> "".join(nfkc_chars("ＣＮ１１－２０３１　㍿"))
    'CN11-2031 ㍿'
    """
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        yield n if len(n) == 1 else ch


def _normalise(text: str) -> str:
    """Map ``text`` one character to one character for date matching.

    >>> _normalise("２０１９年６月３０曰")
    '2019年6月30日'
    >>> _normalise("2O19.l2.O1")
    '2019.12.01'
    >>> _normalise("二O一九年")
    '二O一九年'
    >>> _normalise("贰零壹玖年拾贰月叁拾日")
    '二零一九年十二月三十日'
    >>> _normalise("2024年10月14|至10月18|丨，"), _normalise("9月27丨至10月8|"), _normalise("10月1|至")
    ('2024年10月14日至10月18日丨,', '9月27日至10月8日', '10月11至')
    """
    out = []
    for n in nfkc_chars(text):
        if n in "‐‑‒–—―﹣−ー":
            n = "-"
        elif n == "曰":
            n = "日"
        elif n in _FINANCIAL:
            n = _FINANCIAL[n]
        elif n in "\u3000\xa0":
            n = " "
        out.append(n)
    # a long dash between a day and the date it runs to, read as 一 by PP-OCR ('14日一18日')
    for i, ch in enumerate(out):
        if ch == "一" and _dash_between_days(out, i):
            out[i] = "-"
    # a bar after a day right after 月 (10月14|至10月8|丨: a fax's page at 98 dpi left only the uprights of 日) is
    # the 日 where as a 1 it would make no day (141, 81), not where it may be one (1| of 11); probe trust15 C07,
    # the publicity period 未能识别
    for i, ch in enumerate(out):
        if ch in "|丨":
            j = i
            while j > 0 and out[j - 1].isascii() and out[j - 1].isdigit():
                j -= 1
            day = "".join(out[j:i])
            if j > 0 and out[j - 1] == "月" and 1 <= len(day) <= 2 and 1 <= int(day) <= 31 and int(day + "1") > 31:
                out[i] = "日"
    # letter-for-digit confusions next to digits; repeat so '2OO9' becomes '2009'
    for _ in range(3):
        changed = False
        for i, ch in enumerate(out):
            if ch in _DIGIT_LOOKALIKES:
                prev = out[i - 1] if i else ""
                nxt = out[i + 1] if i + 1 < len(out) else ""
                if prev.isdigit() and prev.isascii() or nxt.isdigit() and nxt.isascii():
                    out[i] = _DIGIT_LOOKALIKES[ch]
                    changed = True
        if not changed:
            break
    return "".join(out)


def _dash_between_days(chars: list[str], i: int) -> bool:
    """Whether ``chars[i]`` stands after a day (日, 号; spaces between) and before a figure:
    a range's dash, not the numeral 一 (一次性, 十一月) nor a Chinese-numeral date
    (十四日一十月… is no way to write one).

    >>> [_dash_between_days(list(t), t.index("一")) for t in ("14日一18日", "14日 一 2024年", "14日一次性", "十一月")]
    [True, True, False, False]

    Also after a whole date in figures (2024.09.09一2024.09.13, 2024/9/9 一 2024/9/13: probe trust35, a publicity's
    period in dotted dates, its dash read 一, went unread), not after a bare number (第3一5页 is no date's):

    >>> [_dash_between_days(list(t), t.index("一")) for t in ("2024.09.09一2024.09.13", "2024/9/9 一 2024/9/13",
    ...  "2024-09-09一09-13", "第3一5页", "2024.09一2024.10", "2024.09.09一次")]
    [True, True, True, False, False, False]
    """
    j = i - 1
    while j >= 0 and chars[j] == " ":
        j -= 1
    k = i + 1
    while k < len(chars) and chars[k] == " ":
        k += 1
    if not (k < len(chars) and chars[k].isascii() and chars[k].isdigit()) or j < 0:
        return False
    return chars[j] in "日号" or bool(_FIGURE_DATE_END.search("".join(chars[max(0, j - 15):j + 1])))


#: a whole date in figures, ending where a range's dash would follow it: 2024.09.09, 2024/9/9, 2024-09-09
_FIGURE_DATE_END = re.compile(r"(?<!\d)(?:19|20)\d\d\s*([./-])\s*(?:0?[1-9]|1[0-2])\s*\1\s*(?:0?[1-9]|[12]\d|3[01])$")


def _cn_number(s: str) -> int | None:
    """Value of a small Chinese numeral (1..39) or ASCII number.

    >>> [_cn_number(x) for x in ("六", "十", "十二", "二十", "三十一", "廿五", "〇六", "12", "")]
    [6, 10, 12, 20, 31, 25, 6, 12, None]
    """
    s = s.replace(" ", "")
    if not s:
        return None
    if s.isdigit():
        return int(s)
    s = s.replace("廿", "二十").replace("卅", "三十")
    if "十" in s:
        head, _, tail = s.partition("十")
        if len(head) > 1 or len(tail) > 1:
            return None
        tens = 1 if head == "" else _CN_DIGITS.get(head)
        ones = 0 if tail == "" else _CN_DIGITS.get(tail)
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 2 and s[0] in "〇○零Oo0":  # 〇六
        s = s[1]
    if len(s) == 1 and s in _CN_DIGITS:
        return _CN_DIGITS[s]
    return None


def _cn_year(s: str) -> int | None:
    """``二〇一九`` -> 2019 (digit by digit)."""
    s = s.replace(" ", "")
    if len(s) == 3 and not any(c in "123456789" for c in s):
        # OCR drops a character of a Chinese year; only the unambiguous 20xx cases
        if s[0] == "二" and _CN_DIGITS.get(s[1]) not in (0, None):
            s = "二〇" + s[1:]  # 二二四 is 二〇二四 (the small circle lost)
        elif _CN_DIGITS.get(s[0]) == 0 and s[1] in "一二三" and s[2] in _CN_DIGITS:
            s = "二" + s  # 〇二四 is 二〇二四 (the first 二 lost)
    if len(s) != 4:
        return None
    digits = [_CN_DIGITS.get(c) if not c.isdigit() else int(c) for c in s]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _bare_year(text: str) -> int | None:
    """A year written alone, without 年 (a form's 考核年度 cell): in digits, in Chinese
    numerals, or mixed (the 〇 of 二〇二二 read as a zero).

    >>> [_bare_year(t) for t in (" 2022 ", "二0二二", "二〇二二", "二○二二", "二零二二", "二O二二")]
    [2022, 2022, 2022, 2022, 2022, 2022]
    >>> [_bare_year(t) for t in ("2022年", "一二三四", "二0二", "合格", "1234")]
    [None, None, None, None, None]
    """
    s = _normalise(text).strip()
    if not re.fullmatch(rf"[{_CN_D}\d]{{4}}", s):
        return None
    year = _cn_year(s)
    return year if year is not None and 1900 <= year < 2100 else None


# character classes on the normalised text
_CN_D = "〇○零Oo0Оο◯一二两三四五六七八九"
_CN_YD = _CN_D + "口（(心D123456789"  # OCR reads the year's 〇 as 口, 心, D or a parenthesis, or mixes in digits
_CN_N = f"[{_CN_D}十廿卅]{{1,3}}"
_S = r"[ \t]*"  # spaces OCR puts inside dates
#: a Chinese-numeral year after one stray zero-like mark (评审通过时间〇一九九六年: the gap between a vertical
#: certificate's label and its value read as 〇), itself after no numeral: the year 一九… or 二〇… after it is the date's
_STRAY_ZERO = rf"(?<=[〇○零])(?<![{_CN_D}口\d][〇○零])(?=一九|二[〇○零0O])"
_YEAR = (rf"(?P<y>(?<![\d.\-/])(?:19|20)\d\d(?![\d])|(?:(?<![{_CN_D}口\d])|{_STRAY_ZERO})(?=[{_CN_D}\d])"
         rf"(?=[\d]*[{_CN_D}心口（(])[{_CN_YD}]{{3,4}}(?=[ \t]*年))")
_MON = rf"(?P<m>\d{{1,2}}|{_CN_N})"
_DAY = rf"(?P<d>\d{{1,2}}|{_CN_N})"
_DAY_END = r"(?:[日号]|(?=[ \t]*(?:$|[至到\-~～—,，。;；)）\]\s])))"

#: an English journal's running head: the year after the volume (312 (2022) 119842) or
#: before it (, 2020, 168: 115160)
_CITE_VOLUME_YEAR = r"[ \t]*[(（][ \t]*(?P<y>(?:19|20)\d\d)[ \t]*[)）]"
_CITE_YEAR_VOLUME = r"[ \t]*(?P<y2>(?:19|20)\d\d)[ \t]*[,，][ \t]*\d{1,4}[ \t]*[:：]"

_PATTERNS = [
    # 2019年6月30日, 2019 年 10 月, 二〇一九年六月三十日, 2019年06月
    ("ymd_cn", re.compile(rf"{_YEAR}{_S}年{_S}{_MON}{_S}月(?:{_S}{_DAY}{_S}{_DAY_END})?")),
    # 增刊12022年12月出版: a supplement's number run into the year by OCR (its space lost)
    ("ym_supp", re.compile(rf"(?:(?<=增刊\d)|(?<=增刊\s\d)|(?<=S\d))(?P<y>(?:19|20)\d\d){_S}年{_S}{_MON}{_S}月")),
    # 2022年第5期, 2022年5期, 2022年 第 5 期, and the volume between (2022年第48卷第3期, as covers print it)
    ("issue", re.compile(rf"{_YEAR}{_S}年?{_S}[,，]?{_S}(?:第{_S}\d{{1,3}}{_S}卷{_S}[,，]?{_S})?第?{_S}(?P<n>\d{{1,2}}|{_CN_N}){_S}期")),
    # 2022年度
    ("fiscal", re.compile(rf"{_YEAR}{_S}年{_S}度")),
    # 2019.6.30, 2019-06-30, 2019/6/30 (one separator kind)
    ("ymd_num", re.compile(rf"(?<!\d)(?<!\d[./])(?P<y>(?:19|20)\d\d){_S}(?P<sep>[.\-/]){_S}(?P<m>\d{{1,2}}){_S}(?P=sep){_S}(?P<d>\d{{1,2}})(?!\d|(?P=sep)(?!(?:19|20)\d\d(?P=sep))\d)")),
    # 2019.06, 2019-06, 2019/6 (not a decimal amount, not a page range, not an ISSN)
    ("ym_num", re.compile(r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)(?P<sep>[.\-/])(?P<m>\d{1,2})(?![\d]|[.\-/]\d|[%万元亿]|[)）:：·'`_]+[.\-/]?\d)")),
    # an author's birth year in a bio: 张伟（1988—），
    ("open_year", re.compile(r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)[ \t]*[-~～一](?=[ \t]*[)）])")),
    # 2024年10 at the end of a line: the 月 lost by OCR
    ("ym_cut", re.compile(r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)[ \t]*年[ \t]*(?P<m>1[0-2]|0?[1-9])[ \t]*$")),
    # 02020年5月3: a stray mark read as a digit before the year, after a space or at the start (a table rule, a seal's edge)
    ("ymd_stray", re.compile(r"(?<!\S)[01|](?P<y>(?:19|20)\d\d)[ \t]*年[ \t]*(?P<m>\d{1,2})[ \t]*月(?:[ \t]*(?P<d>\d{1,2})[ \t]*(?:[日号]|(?=[ \t]*$)))?")),
    # citation heads: 2019, 39(12): 1-8 / 2019(12) / 2019,Vol.39,No.12 (year, volume, issue)
    ("cite", re.compile(r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)[ \t]*(?:[,，][ \t]*(?:Vol\.?[ \t]*)?\d{1,3}[ \t]*)?"
                        r"(?:[(（][ \t]*(?:No\.?[ \t]*)?(?P<n>\d{1,2})[ \t]*[)）]|[,，][ \t]*No\.?[ \t]*(?P<n2>\d{1,2})(?!\d))")),
    # an English journal's running head, the year alone: Environmental Pollution 312 (2022)
    # 119842 (volume, year, article; OCR glues the name to the volume), Water Research,
    # 2020, 168: 115160 (year, volume, pages)
    ("cite_year", re.compile(rf"(?:(?<=\d){_CITE_VOLUME_YEAR}(?=[ \t]*\d{{3,}})|(?<=[,，]){_CITE_YEAR_VOLUME}(?=[ \t]*\d))")),
    # 19年12月(30日): a two-digit year (the century cut off, or written so)
    ("ymd_yy", re.compile(r"(?<![\d.\-/A-Za-z'’])(?P<y>\d{2})[ \t]*年[ \t]*(?P<m>\d{1,2})[ \t]*月(?:[ \t]*(?P<d>\d{1,2})[ \t]*[日号])?")),
    # 一八年十一月十七日: a Chinese year whose 二〇 was lost under a seal or at the edge (a
    # month in words after it, and a day, say it is a date); not one starting 二, which
    # may be the year's own first character with others lost (二四 of 二〇一四)
    ("ymd_yy_cn", re.compile(rf"(?<![{_CN_YD}十])(?P<y>[〇○零一三四五六七八九][〇○零一二三四五六七八九]){_S}年{_S}(?P<m>{_CN_N}){_S}月{_S}(?P<d>{_CN_N}){_S}[日号]")),
    # 2019年 (year only, nothing month-like after it)
    ("year", re.compile(rf"{_YEAR}{_S}年(?![ \t]*(?:\d|[{_CN_D}十]|第|度))")),
    # 二〇二一年一 at the end of a line: the month cut off (一 may begin 一月 or nothing
    # more), so only the year is read
    ("year_cut", re.compile(rf"{_YEAR}{_S}年(?=[ \t]*[{_CN_D}十]{{1,3}}[ \t]*$)")),
]

#: what the running head's year alone was matched as (:data:`_PATTERNS`' cite_year,
#: without what it looks for round it)
_CITE_YEAR = re.compile(f"{_CITE_VOLUME_YEAR}|{_CITE_YEAR_VOLUME}")

_EN_MONTHS = {m: i for i, ms in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
     "jul july", "aug august", "sep sept september", "oct october", "nov november", "dec december"], 1)
    for m in ms.split()}
def _en_month(name: str) -> int | None:
    """The month an English month's name (or its abbreviation) names, its O read as a zero
    (0ctober: OCR reads a Latin O so).

    >>> _en_month("October"), _en_month("0ct"), _en_month("0ranges")
    (10, 10, None)
    """
    name = name.lower()
    return _EN_MONTHS.get("o" + name[1:] if name.startswith("0") else name)


_EN_DATE = re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z0][A-Za-z]{2,8})\.?[ \t]*,?[ \t]*(?P<y>(?:19|20)\d\d)(?!\d)")
_EN_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_EN_DATES_WITH_DAY = (
    # December 30, 2019 / Dec. 30 2019
    re.compile(rf"(?<![A-Za-z])(?P<mon>[A-Za-z0][A-Za-z]{{2,8}})\.?[ \t]+{_EN_DAY}[ \t]*,?[ \t]*(?P<y>(?:19|20)\d\d)(?!\d)"),
    # 30 December 2019 / 30 Dec, 2019
    # (not a volume's or an issue's number: Vol.10 Oct 2022)
    re.compile(rf"(?<![\dA-Za-z.．]){_EN_DAY}[ \t]+(?P<mon>[A-Za-z0][A-Za-z]{{2,8}})\.?[ \t]*,?[ \t]*(?P<y>(?:19|20)\d\d)(?!\d)"),
)

# a continuation of a range: 2024年10月8日至14日, …至10月14日, 2024.10.8-2024.10.14 is two full dates; 起 before 至 as
# notices write a period (自2024年10月14日起至10月18日止: probe trust22's words)
_CONTINUATION = re.compile(rf"^{_S}(?:起{_S})?(?:至|到|~|～|-|—){_S}(?:(?P<m>\d{{1,2}}|{_CN_N}){_S}月{_S})?(?P<d>\d{{1,2}}|{_CN_N}){_S}[日号]")
# the same after a date in figures: 2024.9.27-10.8, 2024/9/2至9/6 (the start's own separator)
_NUM_CONTINUATION = re.compile(rf"^{_S}(?:起{_S})?(?:至|到|~|～|-|—){_S}(?P<m>\d{{1,2}})(?P<sep>[./])(?P<d>\d{{1,2}})(?![\d./])")

PERIODICITY_WORDS = {
    "半月刊": "semimonthly", "双周刊": "biweekly", "旬刊": "ten_daily", "双月刊": "bimonthly",
    "季刊": "quarterly", "半年刊": "semiannual", "月刊": "monthly", "周刊": "weekly", "年刊": "annual",
}
_ISSUES_PER_YEAR = {"monthly": 12, "bimonthly": 6, "quarterly": 4, "semimonthly": 24, "biweekly": 26,
                    "ten_daily": 36, "weekly": 53, "semiannual": 2, "annual": 1}


def issue_months(year: int, issue: int, periodicity: str | None = None) -> PartialDate | None:
    """The months an issue number can fall in.

    With an unknown periodicity the widest sensible range over monthly,
    bimonthly, quarterly and semimonthly journals is used, and issue numbers
    above 12 are refused (they would need a known periodicity).

    >>> issue_months(2022, 5, "monthly")
    PartialDate(year=2022, month=5, day=None, month_hi=None)
    >>> issue_months(2022, 3, "bimonthly").iso()
    '2022-05/06'
    >>> issue_months(2022, 2, "quarterly").iso()
    '2022-04/06'
    >>> issue_months(2022, 5).iso()
    '2022-03/10'
    >>> issue_months(2019, 13) is None
    True
    >>> issue_months(2019, 13, "semimonthly").iso()
    '2019-07'
    >>> issue_months(2019, 7, "bimonthly") is None
    True
    """
    if issue < 1:
        return None
    if periodicity is None:
        if issue > 12:
            return None
        lo = (issue + 1) // 2  # semimonthly
        hi = 3 * issue if issue <= 4 else 2 * issue if issue <= 6 else issue
        return PartialDate(year, lo, month_hi=hi if hi != lo else None)
    per_year = _ISSUES_PER_YEAR.get(periodicity)
    if per_year is None or issue > per_year:
        return None
    span = 12 / per_year
    lo = int((issue - 1) * span) + 1
    hi = max(lo, min(12, int(round(issue * span + 0.4999)) if span >= 1 else lo))
    if span < 1:
        lo = hi = min(12, int((issue - 1) * span) + 1)
    return PartialDate(year, lo, month_hi=hi if hi != lo else None)


def _year_of(s: str) -> int | None:
    """A year as read; three digits are a year whose first digit was lost at the edge
    or under a seal (only 20xx and 19xx are years here).

    >>> _year_of("2021"), _year_of("021"), _year_of("998"), _year_of("521")
    (2021, 2021, 1998, None)
    """
    s = s.strip()
    if s.isdigit() and s.isascii():
        if len(s) == 3:
            return 2000 + int(s) if s[0] == "0" else 1000 + int(s) if s[0] == "9" else None
        return int(s)
    return _cn_year(s)


def _two_digit_year(yy: str, today: _dt.date | None = None) -> int:
    """``19`` -> 2019, ``98`` -> 1998: the century that puts the year no later than
    next year.

    >>> _two_digit_year("19", _dt.date(2024, 11, 1)), _two_digit_year("98", _dt.date(2024, 11, 1))
    (2019, 1998)
    """
    today = today or _dt.date.today()
    year = 2000 + int(yy)
    return year if year <= today.year + 1 else year - 100


def _build(kind: str, m: re.Match, periodicity: str | None) -> PartialDate | None:
    if kind in ("ymd_yy", "ymd_yy_cn"):
        if kind == "ymd_yy_cn":
            yy = "".join(str(_CN_DIGITS[c]) for c in m.group("y"))
            month, day = _cn_number(m.group("m")), _cn_number(m.group("d"))
            if not (month and day):
                return None
        else:
            yy, month, day = m.group("y"), int(m.group("m")), int(m.group("d")) if m.group("d") else None
        try:
            return PartialDate(_two_digit_year(yy), month, day)
        except ValueError:
            return None
    if kind == "cite_year":
        year = int(m.group("y") or m.group("y2"))
        return PartialDate(year) if 1950 <= year <= 2039 else None
    if kind == "cite":
        year = int(m.group("y"))
        n = int(m.group("n") or m.group("n2"))
        return issue_months(year, n, periodicity) if 1950 <= year <= 2039 else None
    year = _year_of(m.group("y"))
    if year is None or not 1900 <= year <= 2099:
        return None
    try:
        if kind in ("fiscal", "year", "year_cut", "open_year"):
            return PartialDate(year)
        if kind == "issue":
            n = _cn_number(m.group("n"))
            return issue_months(year, n, periodicity) if n is not None else None
        if kind == "ym_num" and not 1950 <= year <= 2039:
            return None
        month = _cn_number(m.group("m"))
        if month is None:
            return None
        day = m.groupdict().get("d")
        day_n = _cn_number(day) if day else None
        if day and day_n is None:
            return None
        if kind == "ymd_num" and not 1940 <= year <= 2039:
            return None
        return PartialDate(year, month, day_n)
    except ValueError:
        return None


#: two compact dates joined as a range: 20241014-20241017, 20241014至20241017
_COMPACT_RANGE = re.compile(r"(?<![\d.])(?P<a>(?P<y1>(?:19|20)\d\d)(?P<m1>0[1-9]|1[0-2])(?P<d1>0[1-9]|[12]\d|3[01]))"
                            r"\s*(?:-|—|–|~|～|至|到)\s*"
                            r"(?P<b>(?P<y2>(?:19|20)\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01]))(?![\d.])")


def find_dates(text: str, periodicity: str | None = None) -> list[tuple[PartialDate, str, tuple[int, int]]]:
    """All dates in ``text`` as ``(date, matched text, (start, end))``, in order.

    Spans index the original ``text``. Garbage does not parse: phone numbers,
    ISSNs, page ranges, ID numbers, impossible days or issue numbers.

    >>> [(d.iso(), s) for d, s, _ in find_dates("公示时间：2024年10月8日至2024年10月14日")]
    [('2024-10-08', '2024年10月8日'), ('2024-10-14', '2024年10月14日')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("公示期为2024年10月8日至14日")]
    [('2024-10-08', '2024年10月8日'), ('2024-10-14', '至14日')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("公示时间：2024.9.27-10.8")]
    [('2024-09-27', '2024.9.27'), ('2024-10-08', '-10.8')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("自2024年10月14日起至10月18日止进行公示")]  # 起至…止, as notices write it
    [('2024-10-14', '2024年10月14日'), ('2024-10-18', '起至10月18日')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("自2024.10.14起至10.18止")]
    [('2024-10-14', '2024.10.14'), ('2024-10-18', '起至10.18')]
    >>> find_dates("电话：024-57221234 ISSN 1674-1021 第12-18页 210402198805120012")
    []
    >>> [d.iso() for d, _, _ in find_dates("May 2022, Vol.38 No.5")]
    ['2022-05']

    Spellings OCR and editors produce (issue 13):

    >>> [(d.iso(), s) for d, s, _ in find_dates("生态学报, 2019, 39(12): 1-8")]
    [('2019-06/12', '2019, 39(12)')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("2022年第48卷第3期") + find_dates("2022年 第 48 卷，第 3 期", "bimonthly")]
    [('2022-02/09', '2022年第48卷第3期'), ('2022-05/06', '2022年 第 48 卷，第 3 期')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("第42卷 增刊12022年12月出版")]  # the space lost by OCR
    [('2022-12', '2022年12月')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("环境科学 2019(12)", "monthly")]
    [('2019-12', '2019(12)')]
    >>> [d.iso() for t in ("Environmental Pollution 312 (2022) 119842", "Environmental Pollution312(2022)119842",
    ...                    "Water Research, 2020, 168: 115160", "生态学报，2019，39：1-8") for d, _, _ in find_dates(t)]
    ['2022', '2022', '2020', '2019']
    >>> find_dates("GB 3838-2002(2)") + find_dates("辽宁省(2022)") + find_dates("共12页，2020，3")
    []
    >>> [(d.iso(), s) for d, s, _ in find_dates("Received December 30, 2019; accepted 30 December 2019")]
    [('2019-12-30', 'December 30, 2019'), ('2019-12-30', '30 December 2019')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("贰零壹玖年拾贰月叁拾日")]
    [('2019-12-30', '贰零壹玖年拾贰月叁拾日')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("评审通过时间：19年12月")]
    [('2019-12', '19年12月')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("一八年十一月十七日")]  # 二〇 lost under a seal
    [('2018-11-17', '一八年十一月十七日')]
    >>> find_dates("三五年十月") + find_dates("工作十二年三月")  # no day: not sure to be a date
    []
    >>> [(d.iso(), s) for d, s, _ in find_dates("二D一七年七月十三日") + find_dates("特发此证。二0二一年一")]
    [('2017-07-13', '二D一七年七月十三日'), ('2021', '二0二一年')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("02020年5月3")]   # a stray mark before the year, 日 lost
    [('2020-05-03', '02020年5月3')]
    >>> [(d.iso(), s) for d, s, _ in find_dates("021年5月")]   # the first digit lost at the edge
    [('2021-05', '021年5月')]
    >>> find_dates("从事本专业工作12年，GB 3838-2002(2)")
    []
    >>> [(d.iso(), s) for d, s, _ in find_dates("评审通过时间 2016:1.31")]  # a dot read as a colon
    [('2016-01-31', '2016:1.31')]
    >>> find_dates("2016:13.31") + find_dates("时间 2016:10:31")  # no month 13; no dot left to say the kind
    []
    >>> [(d.iso(), s) for d, s, _ in find_dates("公示时间：20241014-20241017")]
    [('2024-10-14', '20241014'), ('2024-10-17', '20241017')]
    >>> find_dates("编号 20241014") + find_dates("20241017-20241014") + find_dates("210402198805120012-20241017")
    []
    """
    norm = _normalise(text)
    found: list[tuple[PartialDate, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for kind, rx in _PATTERNS:
        for m in rx.finditer(norm):
            a, b = m.span()
            # trim trailing spaces that the day-end lookahead may leave
            while b > a and norm[b - 1] in " \t":
                b -= 1
            if not free(a, b):
                continue
            date = _build(kind, m, periodicity)
            if date is None:
                logger.debug("not a date: %r", text[a:b])
                # keep the span taken so a shorter pattern does not half-read it
                if kind in ("ymd_cn", "issue", "ymd_num"):
                    taken.append((a, b))
                continue
            taken.append((a, b))
            found.append((date, text[a:b], (a, b)))
    def numeric_dates(variant: str, where, ok=lambda a, b: True) -> None:
        """The numeric dates of a mended ``variant`` of the text, each character's place
        in it at ``where``, kept where ``ok`` (their span in the text)."""
        for m in dict(_PATTERNS)["ymd_num"].finditer(variant):
            a, b = where[m.start()], where[m.end() - 1] + 1
            if not free(a, b) or not ok(a, b):
                continue
            date = _build("ymd_num", m, periodicity)
            if date is not None:
                taken.append((a, b))
                found.append((date, text[a:b], (a, b)))

    # numeric dates with OCR junk between the digits: 20:24-10-17, 2024.10).13
    squeezed, where = [], []
    for i, ch in enumerate(norm):
        if ch in ":：)）(（·'`_" and 0 < i < len(norm) - 1 and (norm[i - 1].isdigit() or norm[i + 1].isdigit()):
            continue
        squeezed.append(ch)
        where.append(i)
    if len(squeezed) < len(norm):
        numeric_dates("".join(squeezed), where)
    # a separator read as junk between two digits: 2016:1.31 (the colon in place of the dot
    # the rest of the date uses; every separator of a date is one kind, so the rest decides)
    swapped = "".join("." if ch in ":：·" and 0 < i < len(norm) - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()
                      else ch for i, ch in enumerate(norm))
    if swapped != norm:
        numeric_dates(swapped, range(len(norm)), ok=lambda a, b: "." in norm[a:b])
    # a range of two compact dates (公示时间：20241014-20241017, as some HR systems print it): only as a
    # range, in order and within a year, never one such figure alone (an amount, a serial, an ID's part)
    for m in _COMPACT_RANGE.finditer(norm):
        try:
            first, last = (PartialDate(int(m.group(f"y{i}")), int(m.group(f"m{i}")), int(m.group(f"d{i}"))) for i in (1, 2))
        except ValueError:
            continue
        if not 1990 <= first.year <= 2039 or first.compare(last) != -1 or last.year - first.year > 1:
            continue
        spans = [m.span("a"), m.span("b")]
        if all(free(a, b) for a, b in spans):
            for date, (a, b) in zip((first, last), spans):
                taken.append((a, b))
                found.append((date, text[a:b], (a, b)))
    for rx in _EN_DATES_WITH_DAY:
        for m in rx.finditer(norm):
            mon = _en_month(m.group("mon"))
            a, b = m.span()
            if mon and free(a, b):
                try:
                    date = PartialDate(int(m.group("y")), mon, int(m.group("d")))
                except ValueError:
                    continue
                taken.append((a, b))
                found.append((date, text[a:b], (a, b)))
    for m in _EN_DATE.finditer(norm):
        mon = _en_month(m.group("mon"))
        a, b = m.span()
        if mon and free(a, b):
            year = int(m.group("y"))
            taken.append((a, b))
            found.append((PartialDate(year, mon), text[a:b], (a, b)))
    found.sort(key=lambda t: t[2][0])
    # range continuations: '至14日', '—10月14日'
    extra = []
    for date, said, (a, b) in found:
        if date.day is None:
            continue
        m = _CONTINUATION.match(norm[b:])
        if not m:
            m = _NUM_CONTINUATION.match(norm[b:])
            if not m or m.group("sep") not in said:
                continue
        ca, cb = b + m.start(), b + m.end()
        while ca < cb and norm[ca] in " \t":
            ca += 1
        if not free(ca, cb):
            continue
        month = _cn_number(m.group("m")) if m.group("m") else date.month
        day = _cn_number(m.group("d"))
        try:
            end = PartialDate(date.year, month, day)
        except (ValueError, TypeError):
            continue
        if end.compare(date) == 1:
            extra.append((end, text[ca:cb], (ca, cb)))
    found.extend(extra)
    found.sort(key=lambda t: t[2][0])
    return found


def parse_date(text: str, periodicity: str | None = None) -> PartialDate | None:
    """One date spelling to a PartialDate; ``None`` if ``text`` is not (only) a date.

    >>> parse_date("2019年6月30日")
    PartialDate(year=2019, month=6, day=30, month_hi=None)
    >>> parse_date("二〇一九年六月三十日").iso()
    '2019-06-30'
    >>> parse_date("2022年第5期").iso()
    '2022-03/10'
    >>> parse_date("2022年度").precision
    'year'
    >>> parse_date("13912345678") is None
    True

    A citation's year and issue, as a claim may write "year plus issue" (DOSSIER.md), its
    pages after it: the closing bracket is the issue's, not one round the date (stripped,
    2022(5) was no date and the applicant an error row):

    >>> [parse_date(t).iso() for t in ("2022(5)", "2022, 42(5)", "2019, 39(12): 1-8", "（2022年5月）")]
    ['2022-03/10', '2022-03/10', '2019-06/12', '2022-05']
    """
    if not text:
        return None
    for s in dict.fromkeys((text.strip(), text.strip().strip("：:()（）[]【】 ,，。"))):
        dates = find_dates(s, periodicity)
        if len(dates) != 1:
            continue
        date, matched, (a, b) = dates[0]
        rest = _PAGE_RANGE.sub("", s[b:]) if a == 0 else s[b:]
        rest = (s[:a] + rest).strip(" \t")
        # allow a few labels around the date, not other numbers
        if re.search(r"\d", _normalise(rest)) or len(rest) > 6:
            continue
        return date
    return None


#: a citation's pages after its year and issue (2019, 39(12): 1-8)
_PAGE_RANGE = re.compile(r"^\s*[:：]\s*\d{1,4}\s*(?:[-–—~～]\s*\d{1,4})?\s*$")


_CN_SMALL = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    """1..39 in Chinese numerals as dates write them.

    >>> [_cn_small(n) for n in (6, 10, 11, 20, 30, 31)]
    ['六', '十', '十一', '二十', '三十', '三十一']
    """
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_SMALL[tens] + "十")
    return head + (_CN_SMALL[ones] if ones or not tens else "")


def render_like(text: str, date: PartialDate) -> str | None:
    """``date`` spelled the way ``text`` (a date as read) spells its date: the same
    separators, padding and numerals, the same precision (a part ``date`` lacks
    keeps what ``text`` reads; a part ``text`` lost, a year under a seal, is put
    back). The hypothesis "the page says the claimed date" for checking against
    the recogniser's own probabilities. None for a spelling it does not know.

    >>> render_like("2017年1月", PartialDate(2017, 11, 28))
    '2017年11月'
    >>> render_like("2019.06.30", PartialDate(2019, 7, 1)), render_like("19年12月", PartialDate(2019, 11))
    ('2019.07.01', '19年11月')
    >>> render_like("二〇一七年十一月五日", PartialDate(2018, 1, 30))
    '二〇一八年一月三十日'
    >>> render_like("2019年6月30日", PartialDate(2019, 6))
    '2019年6月30日'
    >>> render_like("021年5月", PartialDate(2021, 5)), render_like("年九月九日", PartialDate(2021, 9, 9))
    ('2021年5月', '二〇二一年九月九日')
    """
    norm = _normalise(text)
    values = (date.year, date.month, date.day)
    if re.search(r"[年月日号]", norm):
        chinese = bool(re.search("[〇○零◯一二两三四五六七八九十廿卅]", norm))
        out, pos = [], 0
        for m in re.finditer(r"[年月日号]", text):
            which = {"年": 0, "月": 1, "日": 2, "号": 2}[m.group()]
            out.append(_render_part(text[pos:m.start()], which, values[which], chinese))
            out.append(m.group())
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)
    groups = list(re.finditer(r"\d+", norm))
    if not groups:
        return None
    padded = any(len(g.group()) == 2 and g.group()[0] == "0" for g in groups[1:3])
    out, pos = [], 0
    for k, g in enumerate(groups[:3]):
        digits, v = g.group(), values[k]
        if v is None:
            s = text[g.start():g.end()]
        elif k == 0:
            s = f"{v % 100:02d}" if len(digits) == 2 else str(v)
        else:
            s = f"{v:02d}" if padded else str(v)
        out.append(text[pos:g.start()] + s)
        pos = g.end()
    return "".join(out) + text[pos:]


def _render_part(seg: str, which: int, value: int | None, chinese: bool) -> str:
    """One part (year, month, day) of a date, spelled like ``seg``."""
    if value is None:
        return seg
    body = seg.strip()
    lead = seg[: len(seg) - len(seg.lstrip())]
    tail = seg[len(seg.rstrip()):]
    if chinese:
        if which == 0:
            zero = next((c for c in body if c in "〇○零Oo0"), "〇")
            new = "".join(zero if c == "0" else _CN_SMALL[int(c)] for c in str(value))
        else:
            new = _cn_small(value)
    elif which == 0:
        new = f"{value % 100:02d}" if len(body) == 2 else str(value)
    else:
        new = f"{value:02d}" if len(body) == 2 and body[0] == "0" else str(value)
    return lead + new + tail


# ------------------------------------------------------------------ dates on a page, with roles

#: (认定: a junior title is recognised after examination, 考核认定, its certificate dated 资格认定时间 or 认定日期; probe
#: trust22 C19, where no title date was read and title.date asked a person. Not 评定时间: an evaluation form's own date)
#: 评审通过时间 with one of 评审 misread (评中通过时间 on a fax's page at 98 dpi: the certificate's one approval date had
#: no label, and title.date asked a person of a date printed plainly; probe trust15 C07)
_TITLE_LABEL = re.compile(r"(评审通过|通过评审|取得资格|资格取得|资格时间|评审时间|评审日期|批准时间|批准日期|取得时间|取得日期|审批时间|审批日期|获得资格|任职资格时间"
                          r"|认定时间|认定日期|评[^\s审]通过(?:时间|日期)|[^\s评]审通过(?:时间|日期))")
_LABEL_ROLES = (
    # (pattern on the text before the date, role) — checked in order
    # an education's date is no title's, however labelled (最高学历及取得时间 on a 推荐表)
    (re.compile(r"(学历|学位|毕业证书?)\S{0,2}(取得|获得|授予)(时间|日期)"), "study"),
    (_TITLE_LABEL, "title_date"),
    (re.compile(r"(出\s*生|作者简介)"), "birth"),
    (re.compile(r"(检索|查询|打印|更新)(时间|日期)"), "retrieved"),
    (re.compile(r"(收稿|修回|录用|接受日期|网络出版|网络首发)"), "received"),
    (re.compile(r"(出版日期|出版时间|出刊|发行日期)"), "publication"),
    (re.compile(r"(有效期|有效期限)"), "validity"),
    (re.compile(r"(入学|毕.{0,3}业|学习时间|学制|参加工作)"), "study"),
)
# the certificate's own approval date, where a page carries other title-like dates
_OWN_TITLE_LABEL = re.compile(r"(评审通过|通过评审|取得资格|资格取得|批准时间|批准日期|获得资格|资格认定|认定时间|认定日期)")
# a former qualification's label right before a title label: 原资格取得时间,
# 原职称取得时间, 原专业技术职务任职资格时间 (the title held before this one)
_FORMER_TITLE = re.compile(r"原(?:专业技术)?(?:任职|资格|职称|职务)*$")
_FIELD_LABEL = re.compile(r"(?<!发证)(?<!签发)(?<!颁发)(?<!填表)(?<!出具)(?<!落款)(日期|时间|年月|期限|年度)\s*[:：]?\s*$")
#: a copy certified as the original's (本复印件与原件一致 2024年10月15日): its date is the
#: certifying, not the award's (probe alt13 a03: an award of 2018 passed on it)
COPY_CERTIFIED = re.compile(r"(?:复印件|复制件).{0,8}(?:原件|一致|相符)|与原件(?:一致|相符|核对)")


def _copy_dated(m: list, lines) -> bool:
    """Whether a date mention is a copy's certification date: 本复印件与原件一致 before it on
    its line or on one of the three lines above (the checker and the certifying unit may
    stand between: 核对人：单丽华 / 抚顺市生态环境监测站 / 2024年9月10日). Lines of one or two
    characters are not counted: a round seal beside the box reads as single characters of
    its ring (此复印件与原件一致 / 生 / 市 / 核对人： / 本 / 2024.10.28 took the certifying
    date for the award's: trust exploration 5, W8); or, by the boxes, a date under the words
    within four of its heights (HR's stamp, its date line the fourth under them)."""
    i = m[4]
    above = [j for j in range(i - 1, -1, -1) if len(re.sub(r"\s", "", lines[j].text)) > 2][:3]
    if bool(COPY_CERTIFIED.search(m[5][-24:])) or any(COPY_CERTIFIED.search(lines[j].text) for j in above):
        return True
    # HR's rectangular stamp read line by line: its words, 核对人：, the checker's name and 日期： all stand between
    # the words and the date filled in on its date line (probe trust38 P22: 复印件与原件核对一致 / 核对人： / 周德明 /
    # 日 期： / 2024年10月9日 took the copy's date for an award of 2019-08-15 printed before the title). By the boxes:
    # the certification's words within four of the date's heights above it, the date starting under them
    x0, y0, x1, y1 = m[2]
    h = max(y1 - y0, 1)
    for line in lines:
        if not COPY_CERTIFIED.search(line.text or ""):
            continue
        lx0, ly0, lx1, ly1 = line.bbox
        if 0 <= y0 - ly1 <= 4 * h and lx0 - 2 * h <= x0 <= lx1:
            return True
    return False


#: the label of a certificate's issue date
_ISSUE_LABEL = re.compile(r"(发证|签发|颁发)")
#: a label naming the date after it as the one an achievement's certificate counts from: a patent's grant (授权公告日,
#: printed in the upper half under the 专利申请日, the law's text below: probe trust25 C01, no date was taken), a
#: registration's (登记日期), a certificate's issue (颁发日期, 发证日期)
_ACHIEVED_LABEL = re.compile(r"(授权公告日|授权日|授权日期|授权时间|登记日期|登记时间|颁发日期|颁发时间|发证日期|发证时间|签发日期|颁奖日期)"
                             r"\s*[:：]?\s*$")
#: a label naming the date after it as an earlier step of the achievement, never its date: a patent's 申请日, a project's
#: 立项, a software's 开发完成 or 首次发表, a standard's 实施 (the date that counts is another on the page)
_STEP_LABEL = re.compile(r"(申请日|申请日期|申请时间|立项|开发完成|首次发表|实施|受理)(?:日期|时间|日)?\s*[:：]?\s*$")
#: the same words printed after the date (a standard's cover: 2020-11-20发布 beside 2020-12-20实施): the standard counts
#: from its publication, its coming into force being a later step (probe trust25 P03/P04: the lower of the two on the
#: scan was taken, the pixels deciding)
_ACHIEVED_AFTER = re.compile(r"^\s*(?:发布|颁布|授权|登记)")
_STEP_AFTER = re.compile(r"^\s*(?:起?实施|起?施行|申请|立项)")


def _after(m: list, lines) -> str:
    """The text after a date mention on its line (what a label printed after the date says)."""
    if len(m) < 7 or not (0 <= m[4] < len(lines)):
        return ""
    text = lines[m[4]].text
    return text[m[6][1]:] if text[m[6][0]:m[6][1]] == m[1] else ""
_ISSUE_KINDS = {"award_certificate", "achievement_proof", "continuing_education", "education_verification",
                "recommendation_form", "evaluation_form", "retrieval_proof", "annual_assessment",
                "publicity_result", "title_certificate", "other"}
_PUBLICATION_KINDS = {"journal_cover", "journal_toc", "paper"}


def page_periodicity(text: str) -> str | None:
    """The journal periodicity printed on a page (``月刊``, ``双月刊``...), if any.

    >>> page_periodicity("环境保护与循环经济（月刊）")
    'monthly'
    >>> page_periodicity("双月刊 2022年第3期")
    'bimonthly'
    >>> page_periodicity("第5期") is None
    True
    """
    t = text.replace(" ", "")
    for word, per in PERIODICITY_WORDS.items():  # longer words first in the dict
        if word in t:
            return per
    m = re.search(r"刊期[:：]?(半月|双月|月|季|旬|半年|周)", t)
    if m:
        return PERIODICITY_WORDS.get(m.group(1) + "刊")
    return None


def frequency_periodicity(frequency: str | None) -> str | None:
    """A journal registry's 刊期 (``月刊``, ``双月``, ``半月``...) as a periodicity
    :func:`issue_months` knows; ``None`` for one it does not (``周二刊``, ``四月一期``,
    blank).

    >>> frequency_periodicity("月刊"), frequency_periodicity("双月"), frequency_periodicity("半月刊")
    ('monthly', 'bimonthly', 'semimonthly')
    >>> frequency_periodicity("季刊"), frequency_periodicity("周二刊"), frequency_periodicity("四月一期"), frequency_periodicity("")
    ('quarterly', None, None, None)
    """
    word = (frequency or "").replace(" ", "").strip()
    if not word:
        return None
    return PERIODICITY_WORDS.get(word if word.endswith("刊") else word + "刊")


#: the start of a title's span of years, before its last year: 2021—2022年度, （2021至2022年度）, 2021年-2022年度
_SPAN_START = re.compile(r"((?:19|20)\d\d)年?度?[-—–－~～至到一]$")


def _assessment_spans(mentions: list) -> None:
    """A form's year that ends a span of two (2021—2022年度考核登记表, （2021至2022年度）) is no one year's: its
    role becomes ``assessment_span`` (it counted as 2022's, so 2021 was missing, or it stood for 2022 beside a 2021
    form: the year is the reviewer's to decide), and the span's first year read as a date of its own (2021年-2022年度)
    loses its role."""
    spans = set()
    for m in mentions:
        start = _SPAN_START.search(_normalise(m[5]).replace(" ", "")) if m[3] == "assessment_year" else None
        if start and int(start.group(1)) == m[0].year - 1:
            m[3] = "assessment_span"
            spans.add((m[4], m[0].year - 1))
    for m in mentions:
        if m[3] == "assessment_year" and (m[4], m[0].year) in spans:
            m[3] = None


def label_role(before: str) -> str | None:
    """The role the label right before a date gives it (:data:`_LABEL_ROLES`);
    ``former_title`` for a former qualification's date (原资格取得时间), which is
    no title date.

    >>> label_role("评审通过时间："), label_role("原资格取得时间："), label_role("原专业技术职务任职资格时间")
    ('title_date', 'former_title', 'former_title')
    >>> label_role("原资格名称：技术员 评审通过时间："), label_role("与原件核对评审通过时间")
    ('title_date', 'title_date')
    >>> label_role("原任职资格取得时间"), label_role("原职称评审通过时间")
    ('former_title', 'former_title')
    >>> label_role("最高学历及取得时间：硕士研究生"), label_role("学位授予日期"), label_role("现职称及取得时间：助理工程师")
    ('study', 'study', 'title_date')
    >>> label_role("资格认定时间："), label_role("认定日期"), label_role("评定时间：")  # a junior title recognised; not 评定
    ('title_date', 'title_date', None)
    """
    tail = before[-14:]
    for rx, r in _LABEL_ROLES:
        m = rx.search(tail)
        if m:
            if r == "title_date" and _FORMER_TITLE.search(before[: len(before) - len(tail) + m.start()]):
                return "former_title"
            return r
    return None


#: a line that is only a piece of a date, as a form's cells cut it (2019 | 年 | 12 | 月 | 28 | 日, or a typed blank's
#: 2019 | 年12月28 | 日)
_DATE_CELL = re.compile(r"[0-9０-９〇○零一二三四五六七八九十]{1,4}[.．]?\s*[年月日]?|[年月日]|[年月]\s*[0-9０-９]{1,2}(\s*[月日]\s*[0-9０-９]{0,2})*\s*日?")
#: the most cells one date is cut into (year, 年, month, 月, day, 日)
_DATE_CELLS = 6


def _row_of_cells(lines, mentions: list[list], periodicity: str | None) -> None:
    """A date whose numbers stand in cells of their own (「2019」年「12」月「28」日, a form's boxes; or a blank's
    typed numbers read apart from the printed 年 月 日) is read by the recogniser as one line per cell: the cells of
    one row, in reading order, are joined and read as one date, its label the line before them where the first
    cell holds none (现职务取得时间 | 2019 | 年 | 12 | 月 | 28 | 日). The pieces read from the cells alone (2019年,
    or 2019年12 from two of them) give way to it: a day the cells print is not lost to a coarser piece."""
    i = 0
    while i < len(lines):
        run = [i]
        while len(run) < _DATE_CELLS and run[-1] + 1 < len(lines) and _same_row(lines[run[-1]], lines[run[-1] + 1]) \
                and _DATE_CELL.fullmatch(_normalise(lines[run[-1] + 1].text).strip()) \
                and _DATE_CELL.fullmatch(_normalise(lines[run[0]].text).strip()):
            run.append(run[-1] + 1)
        if len(run) < 2:
            i += 1
            continue
        cells = [lines[k].text.strip().rstrip(".．") for k in run]  # 2022. | 年: the box's edge read as a dot
        for k in range(1, len(cells) - 1):
            # 2020 | 年 | 12 | 28 | 日: the month's 月, printed apart from its box, not read; two numbers' cells after 年
            # and before 日 are the month's and the day's
            day = cells[k + 1] + (cells[k + 2] if k + 2 < len(cells) else "")
            if cells[k].isdigit() and re.fullmatch(r"\d{1,2}日", day) and "年" in "".join(cells[:k]) \
                    and "月" not in "".join(cells):
                cells[k] += "月"
        joined = "".join(cells)
        cuts, n = [], 0
        for c in cells:
            n += len(c)
            cuts.append(n)
        # a date the cells make only together, written with 年 or 月 (2021 | 12, a year and its hours in a table's
        # row, is no date)
        found = [f for f in find_dates(joined, periodicity)
                 if any(f[2][0] < c < f[2][1] for c in cuts[:-1]) and re.search("[年月]", f[1])]
        if not found:
            i += 1
            continue
        date, matched, span = max(found, key=lambda f: (PRECISION_RANK[f[0].precision], f[2][1] - f[2][0]))
        before = ""
        if run[0] > 0 and not find_dates(lines[run[0] - 1].text):
            before = lines[run[0] - 1].text
        boxes = [lines[k].bbox for k in run]
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        mentions[:] = [m for m in mentions if m[4] not in run]
        mentions.append([date, matched, bbox, label_role(before), run[0], before, span])
        i = run[-1] + 1


def _numbers_above_units(lines, mentions: list[list], periodicity: str | None) -> None:
    """年 月 日 printed apart on a form's line, the numbers written above them (2019 over the blank before 年, 12
    before 月, 26 before 日): the recogniser reads the numbers' row and the units' row as lines of their own. Each
    unit takes the nearest number written above it and before or over it, and the date they make is read under the
    label before the units (评审时间： | 年 | 月 | 日)."""
    i = 0
    while i < len(lines):
        run = [i]
        while run[-1] + 1 < len(lines) and len(run) < 3 and _same_row(lines[run[-1]], lines[run[-1] + 1]):
            run.append(run[-1] + 1)
        units = "".join(_normalise(lines[k].text).strip() for k in run)
        if units not in ("年月日", "年月"):
            i += 1
            continue
        numbers = []  # (x middle, y bottom, text, line index) of each number written above the units' row
        uy0, uy1 = min(lines[k].bbox[1] for k in run), max(lines[k].bbox[3] for k in run)
        h = max(uy1 - uy0, 1)
        for j, line in enumerate(lines):
            x0, y0, x1, y1 = line.bbox
            text = _normalise(line.text)
            if j in run or not re.fullmatch(r"[\d\s]+", text) or not (uy0 - 2 * h <= y1 <= uy0 + 0.6 * h) \
                    or (y0 + y1) / 2 >= (uy0 + uy1) / 2 - 0.3 * h:
                continue
            for m in re.finditer(r"\d+", text):
                mid = x0 + (x1 - x0) * (m.start() + m.end()) / 2 / max(len(text), 1)
                numbers.append((mid, m.group(), j))
        picked = []
        for k in run:
            ux0, _, ux1, _ = lines[k].bbox
            near = [n for n in numbers if ux0 - 5 * h <= n[0] <= ux1 and n not in picked]
            if not near:
                break
            picked.append(max(near, key=lambda n: n[0]))
        if len(picked) != len(run):
            i += 1
            continue
        text = "".join(n[1] + _normalise(lines[k].text).strip() for n, k in zip(picked, run))
        found = [f for f in find_dates(text, periodicity) if f[2] == (0, len(text))]
        if not found:
            i += 1
            continue
        date, matched, span = found[0]
        before = lines[run[0] - 1].text if run[0] > 0 and not find_dates(lines[run[0] - 1].text) else ""
        used = set(run) | {n[2] for n in picked}
        boxes = [lines[k].bbox for k in used]
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        mentions[:] = [m for m in mentions if m[4] not in used]
        mentions.append([date, matched, bbox, label_role(before), run[0], before, span])
        i = run[-1] + 1


def _same_row(a, b) -> bool:
    """``b`` follows ``a`` on its row: their middles within half a line height, ``b`` starting right of ``a``'s
    middle and at most eight line heights after it (the boxes of a date drawn apart on a form)."""
    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    h = max(ay1 - ay0, by1 - by0, 1)
    return abs((ay0 + ay1) - (by0 + by1)) / 2 < 0.5 * h and bx0 > (ax0 + ax1) / 2 and bx0 - ax1 < 8 * h


def _narrow(bbox, text: str, span: tuple[int, int]):
    x0, y0, x1, y1 = bbox
    n = max(len(text), 1)
    a, b = span
    return (int(x0 + (x1 - x0) * a / n), y0, int(round(x0 + (x1 - x0) * b / n)), y1)


def mention_line(ocr: "OcrPage", mention: "DateMention"):
    """The OCR line a date mention was read from: the first whose height holds the
    middle of the mention's box and whose text holds the mention's; None where none
    does (or the mention has no box).

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import DateMention
    >>> box = lambda i: ((0, 60 * i), (900, 60 * i), (900, 60 * i + 40), (0, 60 * i + 40))
    >>> ocr = OcrPage(1000, 400, [OcrLine(t, box(i), 0.9, i) for i, t in enumerate(["验收时间：2018年11月", "2024年9月10日"])])
    >>> mention_line(ocr, DateMention(PartialDate(2024, 9, 10), "2024年9月10日", (0, 62, 300, 98))).text
    '2024年9月10日'
    """
    if mention.bbox is None:
        return None
    cy = (mention.bbox[1] + mention.bbox[3]) / 2
    return next((l for l in ocr.lines if l.bbox[1] <= cy <= l.bbox[3] and mention.text in l.text), None)


def extract_dates(page: "OcrPage", kind: str) -> "list[DateMention]":
    """Every date on ``page`` as ``DateMention`` with the bbox of its line
    (narrowed to the span) and a role for the page ``kind``.

    Roles: ``issue`` (the issue/award/signing date: the last date on the page
    with month precision or better, outside labelled fields), ``publication``
    (journal pages), ``assessment_year`` (年度 on annual assessment forms),
    ``publicity_start``/``publicity_end``, ``title_date`` (评审通过时间...),
    ``birth``; also ``received`` (收稿日期), ``validity``, ``study``, ``former_title``
    (原资格取得时间: the qualification held before, no title date); else ``None``.

    On an achievement's certificate the date its label says the achievement counts from is the issue date wherever it
    stands (a patent's 授权公告日 in the upper half, under its 专利申请日), and a date under an earlier step's label
    (专利申请日, 立项日期, 开发完成日期, 首次发表日期) is never guessed to be it:

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda i: ((100, 100 + 60 * i), (900, 100 + 60 * i), (900, 140 + 60 * i), (100, 140 + 60 * i))
    >>> def roles(kind, *texts):
    ...     ocr = OcrPage(1240, 1754, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(texts)])
    ...     return [(m.date.iso(), m.role) for m in extract_dates(ocr, kind)]
    >>> roles("award_certificate", "发明专利证书", "发明名称：一种水质预警方法", "专利申请日：2018年03月05日",
    ...       "授权公告日：2021年06月18日", "国家知识产权局依照专利法决定授予专利权", "专利权期限为二十年", "局长 申长雨")
    [('2018-03-05', None), ('2021-06-18', 'issue')]
    >>> roles("award_certificate", "实用新型专利证书", "设计人：王明", "专利号：ZL 2019 2 0876543.2", "专利申请日：2019年06月11日",
    ...       "局长 申长雨")  # the grant's line not read: no date of the patent, not its filing
    [('2019-06-11', None)]

    A standard's cover prints its dates before their labels, one line apart or on one row; its publication is its date:

    >>> roles("other", "辽宁省地方标准", "DB21/T 3188—2019", "县域农村生活污水排放监测技术规范", "2019-10-15发布", "2020-01-15实施",
    ...       "辽宁省市场监督管理局 发布")
    [('2019-10-15', 'issue'), ('2020-01-15', None)]
    """
    from verify.model import DateMention  # verify.model imports this module

    periodicity = page_periodicity(page.text) if kind in _PUBLICATION_KINDS else None
    lines = list(page.lines)
    mentions: list[list] = []  # [date, text, bbox, role, line index, label-before]
    for i, line in enumerate(lines):
        for date, matched, span in find_dates(line.text, periodicity):
            before = line.text[: span[0]]
            # a label alone on the previous line ('评审通过时间' / '2019年6月30日')
            if not re.search(r"[\u4e00-\u9fff]{2}", before) and i > 0:
                prev = lines[i - 1].text
                if not find_dates(prev):
                    before = prev + before
            role = label_role(before)
            mentions.append([date, matched, _narrow(line.bbox, line.text, span), role, i, before, span])
        # a date wrapped over two lines of a paragraph ('…我单位于2024年9月' / '23日至…')
        if i + 1 < len(lines):
            nxt = lines[i + 1]
            joined = line.text + nxt.text
            cut = len(line.text)
            found = find_dates(joined, periodicity)
            if any(a < cut < b for _, _, (a, b) in found):
                # the range's end that continues it on the next line ('14' / '日至18日'): the
                # next line alone has no date for 至18日 to continue, so it is kept here
                alone = {(d, (a + cut, b + cut)) for d, _, (a, b) in find_dates(nxt.text, periodicity)}
                for date, matched, (a, b) in found:
                    if a >= cut and (date, (a, b)) not in alone:
                        mentions.append([date, matched, _narrow(nxt.bbox, nxt.text, (a - cut, b - cut)), None,
                                         i + 1, nxt.text[: a - cut], (a - cut, b - cut)])
            for date, matched, (a, b) in found:
                if a < cut < b:
                    # drop the half read on this line alone ('2024年9月' of '2024年9月|23日')
                    mentions[:] = [m for m in mentions if not (m[4] == i and len(m) > 6 and m[6][0] >= a)]
                    x0, y0, x1, y1 = _narrow(line.bbox, line.text, (a, cut))
                    _, ny0, nx1, ny1 = _narrow(nxt.bbox, nxt.text, (0, b - cut))
                    role = label_role(line.text[:a])
                    bbox = (min(x0, nxt.bbox[0]), min(y0, ny0), max(x1, nx1), max(y1, ny1))
                    mentions.append([date, matched, bbox, role, i, line.text[:a], (a, cut)])

    _row_of_cells(lines, mentions, periodicity)
    _numbers_above_units(lines, mentions, periodicity)
    if kind == "publicity_result":
        _publicity_roles(mentions, lines)
        if not any(m[3] == "publicity_start" for m in mentions):
            mentions.extend(_yearless_publicity(lines, mentions))
    if kind == "annual_assessment":
        # 考核年度：2022 (a bare year after the label)
        for i, line in enumerate(lines):
            norm = _normalise(line.text)
            for m in re.finditer(r"(?:考核年度|年度)\s*[:：]?\s*((?:19|20)\d\d)(?![\d年])", norm):
                a, b = m.span(1)
                mentions.append([PartialDate(int(m.group(1))), line.text[a:b], _narrow(line.bbox, line.text, (a, b)),
                                 "assessment_year", i, line.text[:a], (a, b)])
        if lines and not any(m[3] == "assessment_year" for m in mentions):
            # the label in one cell, the bare year in the next
            for i, line in enumerate(lines[1:], 1):
                if (year := _bare_year(line.text)) and "考核年度" in lines[i - 1].text.replace(" ", ""):
                    mentions.append([PartialDate(year), line.text.strip(), line.bbox,
                                     "assessment_year", i, lines[i - 1].text, (0, len(line.text))])
    if kind == "annual_assessment":
        # The year the form is about: in its title (2022年度…考核登记表, （2022年度）)
        # or after the 考核年度 label. A year in the personal summary ('2021年度考核
        # 优秀') must not count: it would hide a missing form. Body years are used
        # only when the form has no titled or labelled year, and only if they agree.
        titled, body = [], []
        for m in mentions:
            date, matched, _, role, i, before = m[:6]
            if role is not None or date.precision != "year":
                continue
            text = _normalise(lines[i].text).replace(" ", "")
            fiscal = "年度" in _normalise(matched).replace(" ", "")
            if not (fiscal or re.search(r"(考核|年度)", text + before)):
                continue
            is_title = (re.search(r"考核(登记)?表", text) and len(text) <= 30) or \
                re.fullmatch(r"[(（]?[^,，。；;]{0,8}年度[)）]?", text) or "考核年度" in before.replace(" ", "")[-8:]
            (titled if is_title else body).append(m)
        for m in titled:
            m[3] = "assessment_year"
        if not titled and len({m[0].year for m in body}) == 1:
            for m in body:
                m[3] = "assessment_year"
        _assessment_spans(mentions)
    elif kind in _PUBLICATION_KINDS:
        # the issue (2022年第5期), a month on a cover, a date in a running head;
        # not a year in the body text (以2021年采集的样品)
        h = float(page.height or 1)
        for m in mentions:
            if m[3] is not None:
                continue
            date, matched, bbox = m[0], _normalise(m[1]), m[2]
            head = bbox[1] < 0.12 * h  # a running head; the foot holds 收稿日期 and the author's bio
            # an English journal's head gives the year alone (…Pollution 312 (2022) 119842)
            if "期" in matched or (kind == "journal_cover" and date.precision != "year") or \
                    (head and (date.precision != "year" or _CITE_YEAR.fullmatch(matched))) or (kind == "journal_toc" and date.precision != "day" and bbox[1] < 0.2 * h):
                m[3] = "publication"
    elif kind == "retrieval_proof":
        for m in mentions:
            if m[3] is None and "期" in _normalise(m[1]):
                m[3] = "publication"
    elif kind == "id_card" and not any(m[3] == "birth" for m in mentions):
        # the birth date guessed where its 出生 label was not read; never the date a copy's certification carries
        # (此复印件与原件一致 / 宋建华 2024.10.8 under the card was taken for a second birth date: probe trust38 P18)
        for m in mentions:
            if m[3] is None and m[0].day is not None and "期" not in m[5] and not _copy_dated(m, lines):
                m[3] = "birth"
                break
    elif kind == "title_certificate":
        # a date under its issue label (发证日期) is the issue date, and then no other is
        # guessed to be: a booklet's spread read row by row put 出生年月's 1993年6月 below
        # 发证日期's 2020年7月28日, and the bottom-most date was taken for the issue date too
        # (trust exploration: a clean certificate "issued before its approval")
        for m in mentions:
            if m[3] is None and _ISSUE_LABEL.search(m[5][-10:]):
                m[3] = "issue"
        # a bare date on a title certificate without an issue label is most often the
        # approval date when there is a single one; with several, keep labels only.
        undated = [m for m in mentions if m[3] is None and m[0].precision in ("day", "month")]
        issued = any(m[3] == "issue" for m in mentions)
        bottom = max(undated, key=lambda m: (m[2][1], m[4])) if undated and not issued else None
        labelled = any(_TITLE_LABEL.search(line.text) for line in lines)
        if labelled and not any(m[3] == "title_date" for m in mentions):
            # the approval date's label is there but its date was not read (a seal
            # over it): no other date stands in for it
            if bottom is not None:
                bottom[3] = "issue"
        elif not any(m[3] == "title_date" for m in mentions):
            # a date under another field's label is that field's, never the title's guessed: 出生年月 read
            # 山生年月 (a fax's page) left the birth date 1988年4月 the one date in the body, and title.date
            # failed a clean certificate (probe trust15 C07)
            rest = [m for m in undated if m is not bottom and not _FIELD_LABEL.search(m[5][-12:])]
            if len(undated) == 1 and not _FIELD_LABEL.search(undated[0][5][-12:]):
                undated[0][3] = "title_date"
            elif len(undated) > 1 and len(rest) == 1:  # label unread: the date in the body, the issue date below
                rest[0][3] = "title_date"
                bottom[3] = "issue"
        elif bottom is not None and not _FIELD_LABEL.search(bottom[5][-12:]) \
                and all(bottom[2][1] > m[2][1] for m in mentions if m[3] == "title_date"):
            # the issue date stands below the approval date, outside a field: a date under another field's
            # label above it (出生年月 read 山生年月, the foot's 2019630H no date) is that field's, and was taken
            # for an issue date 30 years before the approval (probe trust15 C07: title.date asked a person)
            bottom[3] = "issue"
        # two title dates that cannot be one day (评审时间 and 批准时间 apart): the one
        # under the certificate's own label (评审通过时间, 取得资格时间...) is the title's;
        # where that does not single one out, all stay and the rule asks a person
        titled = [m for m in mentions if m[3] == "title_date"]
        if any(_disjoint(x[0], y[0]) for x in titled for y in titled):
            own = [m for m in titled if _OWN_TITLE_LABEL.search(m[5][-14:])]
            if own and not any(_disjoint(x[0], y[0]) for x in own for y in own):
                for m in titled:
                    if m not in own:
                        m[3] = None
    achieved = [m for m in mentions if m[3] is None and m[0].precision in ("day", "month")
                and kind in ("award_certificate", "achievement_proof", "other")
                and (_ACHIEVED_LABEL.search(m[5][-12:]) or _ACHIEVED_AFTER.match(_after(m, lines)))]
    if achieved:
        # the date its own label names as the one the achievement counts from (授权公告日：, 登记日期：), wherever it is
        # printed: a patent's 授权公告日 stands in the upper half beside its 申请日, and no other date is guessed
        max(achieved, key=lambda m: (m[2][1], m[4]))[3] = "issue"
    elif kind in _ISSUE_KINDS and kind != "title_certificate":
        # the issue date sits in the lower half of the text, outside labelled fields
        # (更新日期, 出生年月...): better no issue date than a field's date
        top = min((l.bbox[1] for l in lines), default=0)
        bottom = max((l.bbox[3] for l in lines), default=1)
        mid = top + 0.5 * (bottom - top)
        candidates = [m for m in mentions if m[3] is None and m[0].precision in ("day", "month")
                      and m[2][1] >= mid and not _FIELD_LABEL.search(m[5][-12:]) and not _STEP_LABEL.search(m[5][-12:])
                      and not _STEP_AFTER.match(_after(m, lines))
                      and not (kind in ("award_certificate", "achievement_proof") and _copy_dated(m, lines))]
        if candidates:
            # the bottom-most one (last in reading order when boxes tie)
            last = max(candidates, key=lambda m: (m[2][1], m[4]))
            last[3] = "issue"
    if kind == "retrieval_proof":
        for m in mentions:  # the table's 发表时间 column
            if m[3] is None and m[0].precision in ("month", "month_range"):
                m[3] = "publication"
    return [DateMention(date=m[0], text=m[1], bbox=m[2], role=m[3]) for m in mentions]


def _disjoint(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates cannot be the same day (2019-06 and 2019-06-30 can)."""
    return a.latest() < b.earliest() or a.earliest() > b.latest()


_YEARLESS_RANGE = re.compile(rf"(?P<m1>\d{{1,2}}|{_CN_N}){_S}月{_S}(?P<d1>\d{{1,2}}|{_CN_N}){_S}[日号]{_S}(?:起{_S})?(?:至|到|-|~|～){_S}"
                             rf"(?:(?P<m2>\d{{1,2}}|{_CN_N}){_S}月{_S})?(?P<d2>\d{{1,2}}|{_CN_N}){_S}[日号]")


#: a day range of month.day figures without a year (公示期：10.14-10.18), taken only where its
#: words name it the publicity: elsewhere such figures are decimals, sections or pages
_YEARLESS_DOTTED = re.compile(rf"(?<![\d.．])(?P<m1>1[0-2]|0?[1-9])[.．](?P<d1>[12]\d|3[01]|0?[1-9]){_S}(?:至|到|-|~|～|—|－){_S}"
                              rf"(?:(?P<m2>1[0-2]|0?[1-9])[.．])?(?P<d2>[12]\d|3[01]|0?[1-9])(?![\d.．%])")


class YearlessRange(NamedTuple):
    """A day range written without a year (:func:`yearless_ranges`)."""

    first: tuple[int, int]  # (month, day) it starts on
    last: tuple[int, int]  # (month, day) it ends on
    text: str  # as read (9月27日至10月8日)
    start_box: tuple
    end_box: tuple
    line: int  # the index of the line it starts on
    label: str  # what its own words say it is (:func:`_range_label`): named, other or plain


def yearless_ranges(lines) -> list[YearlessRange]:
    """Day ranges written without a year (``9月27日至10月8日``, also wrapped over two
    lines: ``…于9月27日至10`` / ``月8日，在…``); a range with a year right before it is
    :func:`find_dates`'s.

    >>> from ocr.model import OcrLine
    >>> box = lambda i: ((0, 60 * i), (600, 60 * i), (600, 60 * i + 40), (0, 60 * i + 40))
    >>> [(r.first, r.last, r.text, r.label) for r in yearless_ranges([OcrLine("我单位于9月27日至10", box(0), 0.9), OcrLine("月8日，在单位公示栏进行了公示。", box(1), 0.9)])]
    [((9, 27), (10, 8), '9月27日至10月8日', 'named')]
    >>> [(r.first, r.last, r.label) for r in yearless_ranges([OcrLine("公示时间：12月28日至1月5日", box(0), 0.9)])]
    [((12, 28), (1, 5), 'named')]
    >>> [r.label for r in yearless_ranges([OcrLine("材料审核时间：9月1日至9月3日", box(0), 0.9)])]
    ['other']
    >>> yearless_ranges([OcrLine("公示时间：2024年10月8日至10月14日", box(0), 0.9)])
    []
    >>> [(r.first, r.last, r.text) for r in yearless_ranges([OcrLine("公示期：10.14-10.18", box(0), 0.9)])]
    [((10, 14), (10, 18), '10.14-10.18')]
    >>> yearless_ranges([OcrLine("监测数据：10.14-10.18", box(0), 0.9)]), yearless_ranges([OcrLine("公示期：2024.10.14-2024.10.18", box(0), 0.9)])
    ([], [])
    """
    out, seen = [], set()
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        text = line.text + (nxt.text if nxt is not None else "")
        cut = len(line.text)
        norm = _normalise(text)
        dotted = [m for m in _YEARLESS_DOTTED.finditer(norm) if m.end() <= cut]
        for m in [*_YEARLESS_RANGE.finditer(norm), *dotted]:
            a, b = m.span()
            if m.re is _YEARLESS_DOTTED and _range_label(text[:a], text[b:]) != "named":
                continue  # 10.14-10.18 only as the publicity's own figures
            if a >= cut or (i, a) in seen or re.search(r"(?:19|20)\d\d\s*年\s*$", norm[:a]):
                continue  # on the next line alone (its own turn), or a year right before it
            seen.add((i, a))
            m1, d1 = _cn_number(m.group("m1")), _cn_number(m.group("d1"))
            m2 = _cn_number(m.group("m2")) if m.group("m2") else m1
            d2 = _cn_number(m.group("d2"))
            if None in (m1, d1, m2, d2):
                continue
            mid = m.end("d1") if m.re is _YEARLESS_DOTTED else a + norm[a:b].find("日") + 1

            def box(x, y):
                if y <= cut:
                    return _narrow(line.bbox, line.text, (x, y))
                if x >= cut:
                    return _narrow(nxt.bbox, nxt.text, (x - cut, y - cut))
                x0, y0, x1, y1 = _narrow(line.bbox, line.text, (x, cut))
                _, ny0, nx1, ny1 = _narrow(nxt.bbox, nxt.text, (0, y - cut))
                return (min(x0, nxt.bbox[0]), min(y0, ny0), max(x1, nx1), max(y1, ny1))

            out.append(YearlessRange((m1, d1), (m2, d2), text[a:b], box(a, mid), box(mid, b), i,
                                     _range_label(text[:a], text[b:])))
    return out


def _range_label(before: str, after: str) -> str:
    """What the words around a range say it is, as :func:`_publicity_label` does for a
    dated one: ``named`` (公示时间：…, 于…在本单位公示), ``other`` (材料审核时间：…) or ``plain``.

    >>> _range_label("公示时间：", ""), _range_label("我单位于", "在单位公示栏进行了公示。"), _range_label("材料审核时间：", "")
    ('named', 'named', 'other')
    >>> _range_label("时间：", "")
    'plain'
    """
    clause = _CLAUSE_END.split(_normalise(before))[-1].replace(" ", "")
    if "公示" in clause:
        return "other" if _OTHER_ACTIVITY.search(clause[clause.rindex("公示") + 2:]) else "named"
    if _PERIOD_WORD.search(clause) and _OTHER_ACTIVITY.search(clause):
        return "other"
    # the words after it, to the end of their clause (…至10月8日，在单位公示栏进行了公示)
    rest = next((c for c in _CLAUSE_END.split(_normalise(after)) if c.strip()), "")
    return "named" if re.search(r"公示|张榜|公布", rest) else "plain"


def yearless_period(first: tuple[int, int], last: tuple[int, int], year: int) -> tuple[PartialDate, PartialDate] | None:
    """A yearless range read in ``year``, the year it starts in: a December-to-January
    range ends in the next year; None where the days are no dates.

    >>> [d.iso() for d in yearless_period((12, 28), (1, 5), 2024)]
    ['2024-12-28', '2025-01-05']
    >>> yearless_period((2, 30), (3, 5), 2024) is None
    True
    """
    try:
        start = PartialDate(year, *first)
        end = PartialDate(year + (last < first), *last)
    except (ValueError, TypeError):
        return None
    return (start, end) if end.compare(start) == 1 else None


def _yearless_publicity(lines, mentions: list[list]) -> list[list]:
    """``公示时间：10月8日至10月14日`` without a year (:func:`yearless_ranges`): the year
    is taken from the page's own dated line (its issue date) when that date falls within
    60 days after the period (a period from December ends in the next year); otherwise
    nothing is read (``publicity.duration`` says what it found)."""
    dated = [m[0] for m in mentions if m[0].precision == "day"]
    for first, last, text, start_box, end_box, i, label in yearless_ranges(lines):
        if label == "other":
            continue  # 材料审核时间：9月1日至9月3日 is no publicity
        for year in sorted({y for d in dated for y in (d.year, d.year - 1)}, reverse=True):
            period = yearless_period(first, last, year)
            if period is None:
                continue
            start, end = period
            if any(0 <= (d.earliest() - end.earliest()).days <= 60 for d in dated):
                cut = text.find("日") + 1
                return [[start, text[:cut], start_box, "publicity_start", i, lines[i].text[: max(0, lines[i].text.find(text[:cut]))], (0, 0)],
                        [end, text[cut:].lstrip("至到-~～ "), end_box, "publicity_end", i, text[:cut], (0, 0)]]
    return []


# a period named by another activity than the publicity (材料审核时间, 申报时间, 异议受理时间)
_OTHER_ACTIVITY = re.compile(r"(审核|审查|申报|受理|报送|提交|报名|评审|考核|征求|反馈|投诉|举报|推荐|公布)")
_PERIOD_WORD = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:起止)?(?:时间|期间|日期|期)\s*(?:为|是)?\s*[:：]?\s*(?:自|从)?\s*$")
_CLAUSE_END = re.compile(r"[，,。；;！!？?]")


def _publicity_label(a: list, b: list, lines) -> str:
    """What a date range's own words say it is: ``named`` (公示时间：…, 公示期为…,
    于…至…在本单位公示), ``other`` (材料审核时间：…, 公示前的审核时间：…) or ``plain``
    (时间：…, a bare range).

    >>> from ocr.model import OcrLine
    >>> def label(text, after=""):
    ...     return _publicity_label([None, "", None, None, 0, text], [None, "", None, None, 0, "", (0, 0)], [OcrLine(after, (), 1.0)])
    >>> label("公示时间："), label("公示期为"), label("公示起止时间："), label("材料审核时间："), label("公示前的审核时间："), label("时间：")
    ('named', 'named', 'named', 'other', 'other', 'plain')
    >>> label("我单位于", "在本单位公示栏进行了公示。"), label("材料审核时间：", "，公示时间：")
    ('named', 'other')
    >>> label("于", "在本单位张榜公布。")
    'named'
    """
    clause = _CLAUSE_END.split(_normalise(a[5]))[-1].replace(" ", "")
    if "公示" in clause:
        after = clause[clause.rindex("公示") + 2:]
        return "other" if _OTHER_ACTIVITY.search(after) else "named"
    if _PERIOD_WORD.search(clause) and _OTHER_ACTIVITY.search(clause):
        return "other"
    # 我单位于…至…在本单位公示栏进行了公示: the words after the range, to the clause's end
    i = b[4]
    rest = lines[i].text[(b[6] if len(b) > 6 else (0, 0))[1]:] if i < len(lines) else ""
    if i + 1 < len(lines) and not _CLAUSE_END.search(rest):
        rest += lines[i + 1].text
    rest = _CLAUSE_END.split(_normalise(rest))[0]
    if re.search(r"公示|张榜|公布", rest):  # …至…在本单位张榜公布 (a probe's two-day publicity passed)
        return "named"
    return "plain"


def _publicity_roles(mentions: list[list], lines) -> None:
    """Mark the publicity period: two day dates joined by 至/到/—, the second
    later than the first (on one line, or wrapped onto the next). A range its own
    words name the publicity (公示时间：…, 于…在本单位公示) is preferred over one near
    the words 公示, 期间 or 时间 (材料审核时间：… under a 公示 heading), and that over
    any other. Where several ranges are equally preferred, all are marked (in reading
    order) and ``publicity.duration`` weighs them: which one is the publicity cannot
    be told from the page."""
    days = sorted((m for m in mentions if m[3] is None and m[0].day is not None), key=lambda m: (m[4], (m[6] if len(m) > 6 else (0, 0))[0]))
    pairs = []
    for a, b in zip(days, days[1:]):
        if b[4] - a[4] > 1 or b[0].compare(a[0]) != 1:
            continue
        # normalised together (one character for one): a dash read 一 is one only before a figure
        head = b[5].rstrip()
        whole = _normalise(head + b[1])
        # the connective ending the start's line, the end wrapped onto the next (…于2024/10/14至 /
        # 2024/10/18，在…: trust exploration 3, in every date style)
        wrapped = (b[4] == a[4] + 1 and not head and len(a) > 6
                   and re.fullmatch(r"\s*(至|到|-|~|～)\s*", _normalise(lines[a[4]].text[a[6][1]:])))
        if (wrapped or re.search(r"(至|到|-|~|～|起)\s*\S?$", whole[: len(head) + 1])
                or re.match(r"\s*(至|到|-|~|～)", whole[len(head):])):
            if _publicity_label(a, b, lines) == "named":
                tier = 0
            else:
                near = any(re.search(r"(公示|期间|时间)", lines[k].text) for k in range(max(0, a[4] - 1), b[4] + 1))
                tier = 1 if near else 2
            pairs.append((tier, a, b))
    if pairs:
        best = min(t for t, _, _ in pairs)
        taken: list = []
        for t, a, b in pairs:
            if t == best and not any(a is m or b is m for m in taken):
                a[3], b[3] = "publicity_start", "publicity_end"
                taken += [a, b]
