"""CN (国内统一连续出版物号, China domestic serial number of a periodical).

The number is printed as ``CN`` followed by a two-digit region code (GB/T 9999.1
Appendix A, the province codes of GB/T 2260), a hyphen, a four-digit serial
number, a slash and the Chinese Library Classification (中图法) class of the
periodical: ``CN 21-1556/X``. Region ``10`` is accepted as well: it is used by
hundreds of centrally administered journals (e.g. 中华环境 ``CN 10-1197/X``).

Look-alikes that are *not* domestic serial numbers are rejected with a reason:
``CN(HK)``/``CN-HK`` (Hong Kong registrations sold as "international journals"),
a missing class, a wrong region.

>>> validate('CN 21-1556/X')
'CN21-1556/X'
>>> format('cn２１－１５５６ / x')
'CN 21-1556/X'
>>> format('11-1234/TU')
'CN 11-1234/TU'
>>> validate('CN 10-1197/X')
'CN10-1197/X'
>>> validate('CN 51-1199/O4')
'CN51-1199/O4'
>>> validate('CN(HK)21-1556/X')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidFormat: 刊号前缀为“CN(HK)”，不是国内统一连续出版物号（应为“CN”）
>>> validate('CN 99-1556/X')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidComponent: 地区代码“99”不在 GB/T 9999.1 附录A 的范围内
>>> validate('CN 21-156/X')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidLength: 序号应为4位数字：“156”
>>> validate('CN 21-1556')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidFormat: 缺少“/”及中图分类号
>>> validate('CN 21-1556/L')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidComponent: 分类号“L”不是中图法分类号
>>> validate('CN 21-15A6/X')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidFormat: 序号“15A6”中含有字母“A”，应为4位数字
>>> validate('CN 11-1234/G0'), validate('CN 21-1556/TU')
('CN11-1234/G0', 'CN21-1556/TU')
>>> is_valid('CN-HK 21-1556/X'), is_valid('CN 21-1556/X')
(False, True)
"""
from __future__ import annotations

import re
import unicodedata

from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError

#: GB/T 9999.1-2018 Appendix A (the GB/T 2260 province codes): the province each region
#: code stands for, as sponsors' names start with it
REGION_PROVINCES = {"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁", "22": "吉林",
                    "23": "黑龙江", "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西",
                    "37": "山东", "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
                    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃",
                    "63": "青海", "64": "宁夏", "65": "新疆"}
#: ... and 10, the central level
REGION_CODES = frozenset({10, *map(int, REGION_PROVINCES)})
# Chinese Library Classification main classes (no L, M, W, Y) and T's sub-classes
CLC_CLASSES = frozenset("ABCDEFGHIJKNOPQRSTUVXZ")
CLC_T_SUBCLASSES = frozenset("BDEFGHJKLMNPQSUV")

_DASHES = "‐‑‒–—―－﹣−_"


def compact(number: str) -> str:
    """Convert the number to its minimal form: full-width to ASCII, upper case,
    no spaces, dashes unified, a ``CN`` prefix added when missing.

    >>> compact(' cn 21 — 1556 ／x ')
    'CN21-1556/X'
    >>> compact('CN（HK）21-1556/X')
    'CN(HK)21-1556/X'
    """
    s = unicodedata.normalize("NFKC", str(number))
    s = "".join("-" if c in _DASHES else c for c in s)
    s = re.sub(r"\s+", "", s).upper()
    if s and s[0].isdigit():
        s = "CN" + s
    return s


def validate(number: str) -> str:
    """Check the number and return its compact form; raise a ``ValidationError``
    subclass with a Chinese reason otherwise."""
    s = compact(number)
    m = re.fullmatch(r"(?P<prefix>[A-Z()\-]*?)(?P<region>\d+)(?:-(?P<serial>\d[0-9A-Z]*))?(?P<rest>.*)", s)
    if not m:
        raise InvalidFormat(f"无法识别的刊号写法：“{number}”")
    prefix = m.group("prefix")
    if prefix != "CN":
        raise InvalidFormat(f"刊号前缀为“{prefix or '（无）'}”，不是国内统一连续出版物号（应为“CN”）")
    region = m.group("region")
    if len(region) != 2:
        raise InvalidLength(f"地区代码应为2位数字：“{region}”")
    if int(region) not in REGION_CODES:
        raise InvalidComponent(f"地区代码“{region}”不在 GB/T 9999.1 附录A 的范围内")
    serial = m.group("serial")
    if serial is None:
        raise InvalidFormat("地区代码后应为“-”和4位序号")
    if not serial.isdigit():
        letters = "、".join(dict.fromkeys(c for c in serial if not c.isdigit()))
        raise InvalidFormat(f"序号“{serial}”中含有字母“{letters}”，应为4位数字")
    if len(serial) != 4:
        raise InvalidLength(f"序号应为4位数字：“{serial}”")
    rest = m.group("rest")
    if not rest.startswith("/") or len(rest) < 2:
        raise InvalidFormat("缺少“/”及中图分类号")
    clc = rest[1:]
    cm = re.fullmatch(r"([A-Z])([A-Z]?)(\d{0,3})", clc)
    if not cm or cm.group(1) not in CLC_CLASSES or (cm.group(2) and (cm.group(1) != "T" or cm.group(2) not in CLC_T_SUBCLASSES)):
        raise InvalidComponent(f"分类号“{clc}”不是中图法分类号")
    return s


def is_valid(number: str) -> bool:
    """Check whether the number is a well-formed CN serial number."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def format(number: str) -> str:
    """Reformat the number to the printed form ``CN 21-1556/X``; look-alikes keep
    their prefix (``CN(HK) 21-1556/X``) so that a rule can show what was read.

    >>> format('CN(HK)21-1556/X')
    'CN(HK) 21-1556/X'
    """
    s = compact(number)
    m = re.match(r"([A-Z()\-]*?)(\d.*)", s)
    if not m:
        return s
    return f"{m.group(1)} {m.group(2)}" if m.group(1) else m.group(2)


def reason(number: str) -> str | None:
    """Why the number is not valid (Chinese), or ``None`` when it is.

    >>> reason('CN 21-1556/X') is None
    True
    >>> reason('CN-HK 21-1556/X')
    '刊号前缀为“CN-HK”，不是国内统一连续出版物号（应为“CN”）'
    """
    try:
        validate(number)
    except ValidationError as exc:
        return str(exc)
    return None
