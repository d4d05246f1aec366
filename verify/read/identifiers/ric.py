"""Resident identity card numbers (公民身份号码, GB 11643-1999) as they are printed
and as applicants type them, checked with python-stdnum's pieces.

``stdnum.cn.ric.is_valid`` also demands that the region code existed in the holder's
*birth* year. Real cards carry the code current when the card was issued, so a
holder born in 1976 in a district created in 1988 (抚顺市顺城区, 210411) has a valid
number that stdnum rejects. Here the region only has to be a code that has existed
at *any* time (stdnum's ``cn/loc`` database, which records each code's years); a code
the database does not know is :class:`UnknownRegion`, which a rule turns into
``review`` (a new code, or a misread digit), never a ``fail`` by itself.

Each kind of failure raises its own ``stdnum`` exception with a specific Chinese
reason; numbers in reasons are masked (:func:`mask`).

>>> validate('210411197606150014')   # 抚顺市顺城区 (code from 1988), born 1976
'210411197606150014'
>>> validate(' 2104 1119 7606 1500 14 ')
'210411197606150014'
>>> validate('２１０４１１１９７６０６１５００１４')
'210411197606150014'
>>> validate('21041119760615001x')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: 身份证号码 210411********001X 校验位错误（应为 4）
>>> validate('210411197613150012')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidComponent: 身份证号码 210411********0012 的出生日期 19761315 不是有效日期
>>> validate('21991119760615001X')
Traceback (most recent call last):
    ...
verify.read.identifiers.ric.UnknownRegion: 身份证号码 219911********001X 的地址码 219911 不在行政区划代码库中
>>> validate('210411760615001')      # first generation (15 digits): converted to 18
'210411197606150014'
>>> compact('21O4111976O615OO14')      # O read for 0 inside the number
'210411197606150014'
>>> mask('210411197606150014')
'210411********0014'
>>> region_name('210411197606150014')
'辽宁省抚顺市顺城区'
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

from stdnum.cn import ric as _ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

__all__ = ["UnknownRegion", "compact", "to_18", "validate", "is_valid", "mask", "region_name", "region_known",
           "differing_parts", "plausible_misread"]


class UnknownRegion(InvalidComponent):
    """The address code is in no edition of the administrative division codes that
    the database knows: possibly a misread digit or a code newer than the database."""


# characters OCR (or a typist) puts where a digit belongs, and the digit meant
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1",
                                   "S": "5", "B": "8", "Z": "2", "×": "X", "x": "X"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－_.·]+")


def compact(number: str) -> str:
    """The number without separators, full-width forms, a lower-case ``x``, or
    letters OCR reads for digits (``O`` for ``0``) where the shape says digit.

    >>> compact(' 21 04 11-1976 0615 001x ')
    '21041119760615001X'
    >>> compact('２１０４１１１９７６０６１５００１Ｘ')
    '21041119760615001X'
    """
    s = unicodedata.normalize("NFKC", str(number or ""))
    s = _SEPARATORS.sub("", s)
    if len(s) in (15, 18):
        head = s[:-1].translate(_DIGIT_LOOKALIKES)
        last = s[-1].translate(_DIGIT_LOOKALIKES)
        s = head + last
    return s.upper()


def to_18(number: str) -> str:
    """A first-generation 15-digit number (``YYMMDD`` birth date, no check digit)
    as the 18-digit number the second-generation card carries; 18-digit numbers
    are returned compacted.

    >>> to_18('210411760615001')
    '210411197606150014'
    """
    s = compact(number)
    if len(s) == 15 and s.isdigit():
        body = s[:6] + "19" + s[6:]
        return body + _ric.calc_check_digit(body + "0")
    return s


def mask(number: str) -> str:
    """Region code and the last four characters; the birth date and order hidden.

    >>> mask('210411760615001'), mask('12345')
    ('210411*****5001', '1****')
    """
    s = compact(number)
    if len(s) >= 14:
        return s[:6] + "*" * (len(s) - 10) + s[-4:]
    return s[:1] + "*" * max(0, len(s) - 1)


@functools.lru_cache(maxsize=8192)
def _region_info(code: str) -> tuple[str, ...] | None:
    """The names the code has had (latest last), province first; None if unknown."""
    from stdnum import numdb

    parts = numdb.get("cn/loc").info(code)
    info = {k: v for _part, props in parts for k, v in props.items()}
    if "county" not in info:
        return None
    names = [c.split("]", 1)[1] if c.startswith("[") else c for c in info["county"].split(",")]
    return (info.get("province", ""), *names)


def region_known(code: str) -> bool:
    """Whether the 6-digit address code has existed at any time.

    >>> region_known('210411'), region_known('110104'), region_known('219911')
    (True, True, False)
    """
    return len(code) == 6 and code.isdigit() and _region_info(code) is not None


def region_name(number: str) -> str | None:
    """The place the address code names (its latest name), or None.

    >>> region_name('110104194912310014')   # 宣武区, merged into 西城区 in 2010
    '北京市宣武区'
    """
    code = compact(number)[:6]
    info = _region_info(code) if region_known(code) else None
    if info is None:
        return None
    province, *names = info
    county = names[-1]
    city = None
    if code[2:4] != "00" and code[4:] != "00":
        city_info = _region_info(code[:4] + "00")
        if city_info and city_info[-1] not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") \
                and city_info[-1] != province:
            city = city_info[-1]
    return province + (city or "") + (county if county != province else "")


def _birth_date(number: str) -> _dt.date:
    try:
        return _ric.get_birth_date(number)
    except (InvalidComponent, ValueError):
        raise InvalidComponent(f"身份证号码 {mask(number)} 的出生日期 {number[6:14]} 不是有效日期") from None


def validate(number: str, today: _dt.date | None = None) -> str:
    """Check the number; return it as 18 compact characters (15-digit numbers
    converted). Raises, with a specific Chinese reason:

    - ``InvalidLength``/``InvalidFormat``: not 15 or 18 characters, non-digits;
    - ``InvalidChecksum``: the check digit is wrong;
    - ``InvalidComponent``: the birth date is impossible or in the future;
    - :class:`UnknownRegion` (an ``InvalidComponent``): the address code is unknown.

    >>> validate('2104111976061500')
    Traceback (most recent call last):
        ...
    stdnum.exceptions.InvalidLength: 身份证号码应为18位（或15位），识别到16位
    >>> validate('210411209906150011', today=_dt.date(2024, 11, 1))
    Traceback (most recent call last):
        ...
    stdnum.exceptions.InvalidComponent: 身份证号码 210411********0011 的出生日期 2099-06-15 晚于今天
    """
    s = to_18(number)
    if len(s) != 18:
        raise InvalidLength(f"身份证号码应为18位（或15位），识别到{len(s)}位")
    if not s[:-1].isdigit() or not (s[-1].isdigit() or s[-1] == "X"):
        raise InvalidFormat(f"身份证号码 {mask(s)} 含有数字以外的字符")
    expected = _ric.calc_check_digit(s)
    if s[-1] != expected:
        raise InvalidChecksum(f"身份证号码 {mask(s)} 校验位错误（应为 {expected}）")
    born = _birth_date(s)
    if born.year < 1900 or born > (today or _dt.date.today()):
        when = "早于1900年" if born.year < 1900 else "晚于今天"
        raise InvalidComponent(f"身份证号码 {mask(s)} 的出生日期 {born.isoformat()} {when}")
    if not region_known(s[:6]):
        raise UnknownRegion(f"身份证号码 {mask(s)} 的地址码 {s[:6]} 不在行政区划代码库中")
    return s


def is_valid(number: str) -> bool:
    """Whether the number is valid, its region known at any time.

    >>> is_valid('210411197606150014'), is_valid('210411197606150015')
    (True, False)
    """
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def problem(number: str) -> ValidationError | None:
    """The exception :func:`validate` raises for the number, or None."""
    try:
        validate(number)
    except ValidationError as exc:
        return exc
    return None


def short_reason(exc: ValidationError, number: str) -> str:
    """The reason without the number it is about.

    >>> short_reason(problem('210411197606150015'), '210411197606150015')
    '校验位错误（应为 4）'
    >>> short_reason(problem('210411197613150012'), '210411197613150012')
    '出生日期 19761315 不是有效日期'
    """
    text = str(exc)
    for prefix in (f"身份证号码 {mask(number)} 的", f"身份证号码 {mask(number)} "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


_PARTS = ((0, 6, "地址码"), (6, 14, "出生日期码"), (14, 17, "顺序码"), (17, 18, "校验码"))


def differing_parts(a: str, b: str) -> list[str]:
    """Which sections of two 18-character numbers differ (their names in Chinese).

    >>> differing_parts('210411197606150014', '210411197606160014')
    ['出生日期码']
    """
    a, b = to_18(a), to_18(b)
    if len(a) != 18 or len(b) != 18:
        return ["位数"]
    return [name for lo, hi, name in _PARTS if a[lo:hi] != b[lo:hi]]


# digit pairs a recogniser confuses on print: one stroke more or less
_CONFUSED = [set(p) for p in ("17", "08", "38", "68", "56", "X8", "X7")]


def plausible_misread(read: str, claimed: str) -> bool:
    """Whether ``read`` may be ``claimed`` damaged by OCR: one character of a
    confusable pair swapped, one character dropped or doubled, or two neighbours
    swapped. Such a difference alone must not decide a ``fail``.

    >>> plausible_misread('210411197606150074', '210411197606150014')   # 1 read as 7
    True
    >>> plausible_misread('21041119760615014', '210411197606150014')    # a digit dropped
    True
    >>> plausible_misread('210411197606150024', '210411197606150014')   # 1 and 2: a real difference
    False
    >>> plausible_misread('210411198806150014', '210411197606150014')
    False
    """
    r, c = compact(read), to_18(claimed)
    if r == c:
        return True
    if len(r) == len(c):
        diffs = [(x, y) for x, y in zip(r, c) if x != y]
        if len(diffs) == 1:
            x, y = diffs[0]
            return any(x in g and y in g for g in _CONFUSED)
        if len(diffs) == 2:
            i = next(k for k in range(len(r)) if r[k] != c[k])
            return i + 1 < len(r) and r[i] == c[i + 1] and r[i + 1] == c[i]
        return False
    if abs(len(r) - len(c)) == 1:
        long, short = (r, c) if len(r) > len(c) else (c, r)
        return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    return False
