"""Journal names as a reviewer and an OCR engine write them, compared with the
registered ones.

A name is compared by its *key*: NFKC (full-width to ASCII), Latin upper case, no
spaces, brackets or punctuation. An edition in brackets (``(自然科学版)``,
``(中英文)``) is kept apart, because two editions of one school's journal are two
journals with two pairs of numbers.

>>> name_key("  环境保护与循环经济 ")
'环境保护与循环经济'
>>> name_key("中国石油和化工（企业版）"), name_key("市场周刊.新物流")
('中国石油和化工企业版', '市场周刊新物流')
>>> split_edition("西南农业大学学报(社会科学版)")
('西南农业大学学报', '社会科学版')
>>> split_edition("Computers & Electrical Engineering")
('COMPUTERSANDELECTRICALENGINEERING', '')

Two names *agree* when they differ by no more edits than OCR makes in a name of
that length (one in a short name, two in a long one), their editions agree, and a
name that leaves the edition out is taken to mean the edition the numbers name:

>>> names_agree("环境保护与循环经济", "环境保护与循环经济")
True
>>> names_agree("环境保护与循环经泠", "环境保护与循环经济")   # one character misread
True
>>> names_agree("生态环境学报", "环境保护与循环经济")
False
>>> names_agree("重庆理工大学学报", "重庆理工大学学报(自然科学)")
True
>>> names_agree("西南农业大学学报(自然科学版)", "西南农业大学学报(社会科学版)", typed=True)
False
>>> names_agree("环境工程技术学报（中英文）", "环境工程技术学报", typed=True)   # renamed bilingual, same numbers
True
>>> names_agree("环境工程技术学报（英文版）", "环境工程技术学报", typed=True)
False

Read by OCR, two characters of a long name may be damaged, editions included; the
judgement then asks whether the name read is exactly another registered journal's
(``verify.journals.judge``), which tells the two editions apart:

>>> names_agree("西南农业大学学报(自然科学版)", "西南农业大学学报(社会科学版)")
True
>>> names_agree("长江大学学报(自然科学版鎁", "长江大学学报(自然科学版)")
True
>>> names_agree("环境工程", "环境化工")
False
>>> names_agree("生态学报杂志", "生态学报")
True

A name typed by the applicant has no OCR errors, so it is held closer: a short
typed name must be exact (环境化学 and 环境科学 are two journals):

>>> names_agree("环境化学", "环境科学"), names_agree("环境化学", "环境科学", typed=True)
(True, False)
"""
from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

_BRACKETS = "()（）[]【】〔〕<>《》"
_DROP_BRACKETS = {ord(c): None for c in _BRACKETS}
_PUNCT = re.compile(r"[\s\u3000·•.,，。:：;；!！?？\"'“”‘’\-—_/\\|]+")
#: An edition bracket that names no other journal: a journal renamed 《…（中英文）》 keeps its
#: ISSN and CN, and registries and applicants write it with or without the bracket.
_BILINGUAL = frozenset({"中英文", "中英文版", "中英"})
#: Words a writer adds to a journal's name that do not change which journal it is.
_GENERIC_TAIL = ("杂志社", "编辑部", "杂志", "期刊")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


#: Cyrillic and Greek letters drawn as a Latin one (е U+0435 as e, Ѕ as S, Χ as X)
LATIN_LOOKALIKES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУасеіјорѕхуΑΒΕΖΗΙΚΜΝΟΡΤΥΧοχκνι",
    "ABCEHIJKMOPSTXYaceijopsxyABEZHIKMNOPTYXoxkvi")
_LATIN = re.compile(r"[A-Za-z]")


def as_latin(text: str) -> str:
    """``text`` with each Cyrillic or Greek look-alike of a Latin letter as that letter where the text is written in
    Latin letters at all: 「Environmеntal Science and Pollution Research」 with a Cyrillic е matched no entry of the
    CAS warning list (hostile exploration 12); a name written wholly in Cyrillic (a Russian journal's) is kept.

    >>> as_latin("Environm\u0435ntal Science"), as_latin("\u042d\u043a\u043e\u043b\u043e\u0433\u0438\u044f")
    ('Environmental Science', 'Экология')
    """
    return text.translate(LATIN_LOOKALIKES) if _LATIN.search(text) else text


@functools.lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """The comparable form of a name: NFKC, Cyrillic or Greek look-alikes in a Latin name as
    Latin letters, upper case, ``&`` as ``AND``, no spaces, brackets or punctuation.

    >>> name_key("Environm\u0435ntal Scienc\u0435 & P\u043ellution Research") == name_key("Environmental Science and Pollution Research")
    True
    """
    s = as_latin(_nfkc(name or "")).upper().replace("&", "AND")
    s = s.translate(_DROP_BRACKETS)
    return _PUNCT.sub("", s)


@functools.lru_cache(maxsize=65536)
def split_edition(name: str | None) -> tuple[str, str]:
    """``(base key, edition key)``: the edition is a trailing bracketed part."""
    s = _nfkc(name or "").strip()
    s = s.replace("（", "(").replace("）", ")").replace("【", "(").replace("】", ")")
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)\s*", s)
    if m and name_key(m.group(1)):
        return name_key(m.group(1)), name_key(m.group(2))
    return name_key(s), ""


def _strip_generic(key: str) -> str:
    for tail in _GENERIC_TAIL:
        if key.endswith(tail) and len(key) - len(tail) >= 2:
            return key[: -len(tail)]
    return key


def allowed_edits(length: int, typed: bool = False) -> int:
    """How many character edits OCR (or, with ``typed``, a typist) may make in a
    name of ``length`` characters and still name the same journal.

    >>> [allowed_edits(n) for n in (3, 4, 8, 9, 15, 30)]
    [0, 1, 1, 2, 2, 3]
    >>> [allowed_edits(n, typed=True) for n in (3, 6, 7, 16, 17)]
    [0, 0, 1, 1, 2]
    """
    if typed:
        return 0 if length <= 6 else 1 if length <= 16 else 2
    if length <= 3:
        return 0
    if length <= 8:
        return 1
    if length <= 16:
        return 2
    return 3


def _keys_agree(a: str, b: str, typed: bool) -> bool:
    if not a or not b:
        return False
    for x, y in ((a, b), (_strip_generic(a), _strip_generic(b))):
        if x == y:
            return True
        limit = allowed_edits(max(len(x), len(y)), typed)
        if limit and Levenshtein.distance(x, y, score_cutoff=limit) <= limit:
            return True
    return False


def names_agree(read: str | None, registered: str | None, typed: bool = False) -> bool:
    """Whether a name read by OCR (or, with ``typed``, typed by the applicant)
    names the registered journal; see the module docstring."""
    if not read or not registered:
        return False
    if not typed and _keys_agree(name_key(read), name_key(registered), typed):
        return True  # OCR may damage a bracket or an edition's character as well as the title
    rb, r_ed = split_edition(read)
    gb, g_ed = split_edition(registered)
    if not _keys_agree(rb, gb, typed):
        return False
    if not r_ed:
        return True  # the edition left out: the numbers say which one
    if not g_ed:
        # a bracket the registered name lacks: agree only if the whole names do, or
        # the bracket only says the journal is bilingual (renamed so, same numbers)
        return r_ed in _BILINGUAL or _keys_agree(name_key(read), name_key(registered), typed)
    return r_ed == g_ed or (not typed and min(len(r_ed), len(g_ed)) >= 4
                            and Levenshtein.distance(r_ed, g_ed) <= 1)


def similarity(a: str | None, b: str | None) -> float:
    """0..100, for ranking candidates (not for deciding).

    >>> similarity("环境科学", "环境科学") , similarity("", "x")
    (100.0, 0.0)
    """
    from rapidfuzz import fuzz

    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    return float(fuzz.ratio(ka, kb))


#: words an abbreviated journal title leaves out (ISO 4)
_ABBREV_STOP = frozenset({"OF", "AND", "THE", "IN", "FOR", "ON", "AT", "A", "AN", "DE", "LA", "DU", "DES", "UND", "FUR"})
#: a disambiguator Web of Science adds to a title (Applied Sciences-Basel, Aging-US): not printed by the journal
_WOS_SUFFIX = re.compile(r"-(BASEL|US)\s*$", re.I)


def title_words(name: str | None) -> tuple[str, ...]:
    """A Latin title's significant words, upper case, without the words an abbreviation
    leaves out.

    >>> title_words("Int. J. Environ. Res. Public Health"), title_words("Applied Sciences-Basel")
    (('INT', 'J', 'ENVIRON', 'RES', 'PUBLIC', 'HEALTH'), ('APPLIED', 'SCIENCES'))
    """
    s = _WOS_SUFFIX.sub("", _nfkc(name or "")).upper().replace("&", " AND ")
    return tuple(w for w in re.findall(r"[A-Z]+", s) if w not in _ABBREV_STOP)


def _abbreviates(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` abbreviated as ISO 4 does: its first letter, then
    letters of the word in order (Environ, Pollut, Natl for National)."""
    if short == word:
        return True
    if len(short) >= len(word) or short[0] != word[0]:
        return False
    it = iter(word[1:])
    return all(c in it for c in short[1:])


def abbreviation_of(short: str | None, full: str | None) -> bool:
    """Whether a Latin title ``short`` is the abbreviation of ``full`` (ISO 4: the same
    significant words in order, at least one of them shortened; two words or more):
    the running head ``Environ Sci Pollut Res`` of ENVIRONMENTAL SCIENCE AND POLLUTION
    RESEARCH, a title on the CAS warning list that a claim or a page may give only so.

    >>> abbreviation_of("Environ Sci Pollut Res", "ENVIRONMENTAL SCIENCE AND POLLUTION RESEARCH")
    True
    >>> abbreviation_of("Int. J. Environ. Res. Public Health", "International Journal of Environmental Research and Public Health")
    True
    >>> abbreviation_of("Desalin Water Treat", "Desalination and Water Treatment")
    True
    >>> [abbreviation_of(s, f) for s, f in (("J Environ Sci", "JOURNAL OF ENVIRONMENTAL AND PUBLIC HEALTH"),
    ...  ("Front Environ Sci Eng", "FRONTIERS IN ENVIRONMENTAL SCIENCE"), ("Environmental Research", "ENERGY REPORTS"),
    ...  ("Water", "Water"), ("Energy Reports", "ENERGY REPORTS"), ("J Cancer", "Journal of Mathematics"))]
    [False, False, False, False, False, False]

    A line with digits the title lacks is no title (a CN printed on a line of its own, ``CN 13-1432/S``, is not
    CONNECTION SCIENCE; a file name J35-C08 is not Journal of Cancer), and ISO 4 cuts no word to one letter but
    Journal (J): a word of one letter stands for itself or for Journal.

    >>> [abbreviation_of(s, f) for s, f in (("CN 13-1432/S", "CONNECTION SCIENCE"), ("CN S", "CONNECTION SCIENCE"),
    ...  ("J35-C08", "Journal of Cancer"), ("J Cancer", "Journal of Cancer Research"), ("J. Sens.", "JOURNAL OF SENSORS"))]
    [False, False, False, False, True]
    """
    a, b = title_words(short), title_words(full)
    if len(a) < 2 or len(a) != len(b) or a == b or any("\u4e00" <= c <= "\u9fff" for c in short or ""):
        return False
    if re.sub(r"\D", "", _nfkc(short or "")) not in ("", re.sub(r"\D", "", _nfkc(full or ""))):
        return False
    return all(_abbreviates(x, y) and (len(x) > 1 or x == y or y == "JOURNAL") for x, y in zip(a, b))
