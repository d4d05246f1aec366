"""Matching: whether a seal's text names the applicant's unit, another body, or
cannot be told."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Sequence

from verify.model import SealMark
from verify.read.hanzi import cjk_count, simplified


_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_ORG_SUFFIX = re.compile(
    r"(局|站|院|所|中心|公司|厂|校|学|委员会|委|医院|处|室|部|集团|厅|会|社|馆|队|办|科|府|行|店|场|司|基地)"
)


def normalize_seal_text(text: str | None) -> str:
    """The text with full-width forms folded, traditional characters written simplified
    (a seal engraved 撫順 names 抚顺) and everything but CJK, letters and digits dropped
    (seal readings carry stray punctuation).

    >>> normalize_seal_text(" 抚顺市·生态环境局（人事处） "), normalize_seal_text("撫順市環境科學研究院")
    ('抚顺市生态环境局人事处', '抚顺市环境科学研究院')
    """
    if not text:
        return ""
    text = simplified(unicodedata.normalize("NFKC", text))
    return "".join(_KEEP.findall(text))


#: words any body's name may hold, saying what kind of body it is or its level: what
#: is left of a name without them is its distinctive part, its place and its own name
#: (抚顺 of 抚顺市生态环境事务服务中心, 抚顺东科 of 抚顺东科环保工程有限公司)
GENERIC_WORDS = ("满族自治县", "自治县", "有限责任公司", "有限公司", "股份", "集团", "人民政府", "生态环境", "环境", "科学研究",
                 "研究院", "研究所", "研究", "监测", "中心", "服务", "事务", "保护", "技术", "工程", "科技", "环保", "分局", "公司",
                 "站", "局", "厅", "院", "所", "处", "室", "队", "市", "县", "区", "省")


def distinctive_part(name: str) -> str:
    """What is left of a body's name (:func:`normalize_seal_text`, Chinese characters,
    Latin letters and digits only) without :data:`GENERIC_WORDS`.

    >>> distinctive_part("抚顺市生态环境事务服务中心"), distinctive_part("抚顺东科环保工程有限公司")
    ('抚顺', '抚顺东科')
    >>> distinctive_part("生态环境监测中心站"), distinctive_part("ααα站"), distinctive_part("瀋陽市監測站")
    ('', '', '沈阳')
    """
    from .evidence import word_spans

    text = normalize_seal_text(name)
    generic = {i for a, b in word_spans(text, GENERIC_WORDS) for i in range(a, b)}
    return "".join(c for i, c in enumerate(text) if i not in generic)


def kin_names(a: str, b: str) -> bool:
    """Whether two names of bodies share two characters in a row of their distinctive
    parts (:func:`distinctive_part`): a former name of a body keeps its place or its own
    name (抚顺市环境监测中心站 for 抚顺市生态环境监测站); another city's body shares only
    words every such body has.

    >>> kin_names("抚顺市环境监测中心站", "抚顺市生态环境监测站"), kin_names("沈阳市生态环境监测中心站", "抚顺市生态环境事务服务中心")
    (True, False)
    """
    x, y = distinctive_part(a), distinctive_part(b)
    return any(x[i:i + 2] in y for i in range(len(x) - 1))


def seal_text_distance(unit: str, text: str) -> int:
    """Edit distance between ``unit`` and the best-matching part of ``text``
    (the unit name must be read whole; text around it is not counted here).

    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环境监测站人事处")
    0
    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环竟监测站")
    1
    >>> seal_text_distance("抚顺市生态环境监测站", "抚顺市生态环境局")
    3
    """
    return _align(unit, text)[0]


def _semiglobal_ends(unit: str, text: str) -> list[int]:
    """Cost of aligning all of ``unit`` to a part of ``text`` ending at each position."""
    n = len(unit)
    prev = list(range(n + 1))
    ends = [prev[n]]
    for ch in text:
        cur = [0] * (n + 1)  # free start anywhere in text
        for i in range(1, n + 1):
            cost = 0 if unit[i - 1] == ch else 1
            cur[i] = min(prev[i - 1] + cost, prev[i] + 1, cur[i - 1] + 1)
        prev = cur
        ends.append(prev[n])
    return ends


def _align(unit: str, text: str) -> tuple[int, int, int]:
    """(distance, start, end) of the best approximate occurrence of ``unit`` in ``text``.
    Among equally good ends the longest match wins (the last one)."""
    if not unit:
        return 0, 0, 0
    ends = _semiglobal_ends(unit, text)
    d = min(ends)
    end = max(i for i, v in enumerate(ends) if v == d)
    starts = _semiglobal_ends(unit[::-1], text[:end][::-1])
    ds = min(starts)
    start = end - max(i for i, v in enumerate(starts) if v == ds)
    return d, start, end


def _allowed_errors(n: int) -> int:
    if n <= 5:
        return 0
    if n <= 12:
        return 1
    return 2


# what may follow the unit's name on its seal without making it another unit's seal:
# a department or office (人事处, 办公室, 监测三室) or the seal's purpose (人事专用章)
_DEPARTMENT = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:处|科|室|办|部|委员会|专用章|公章|章)$")
_OTHER_BODY = re.compile(r"(局|站|院|所|中心|公司|厂|校|集团|分|医院|大学|学院"
                         # a body of its own inside the unit: its trade union, Party or Youth
                         # League committee (…研究院工会委员会 is the union's seal, not the unit's)
                         r"|工会|党委|党总支|支部|团委|团总支|共青团|妇委|妇女委员会|妇联|纪委|纪律检查)")


def _is_department(rest: str) -> bool:
    rest = rest.rstrip("0123456789")
    return not rest or (bool(_DEPARTMENT.match(rest)) and not _OTHER_BODY.search(rest))


_AREA_PREFIX = re.compile(r"^(?:中国|中华人民共和国)?[\u4e00-\u9fff]{1,4}(?:省|自治区|市)$")
#: a seal's code read before its name (A1, 03)
_SEAL_CODE = re.compile(r"^[A-Za-z0-9]{1,3}$")


def head_fits(head: str, unit: str) -> bool:
    """Whether ``head``, read before ``unit``'s name on a seal, leaves the seal the
    unit's: a seal code, or a higher place (辽宁省 before 抚顺市…) where the name starts
    with a place of its own. Before a name that names no place (an alias 生态环境监测站)
    a place names that city's body, not the unit (probe alt23 F2).

    >>> head_fits("辽宁省", "抚顺市生态环境监测站"), head_fits("A1", "生态环境监测站")
    (True, True)
    >>> head_fits("抚顺市", "生态环境监测站"), head_fits("沈阳市", "局")
    (False, False)
    """
    if not head or _SEAL_CODE.match(head):
        return True
    return bool(_AREA_PREFIX.match(head)) and bool(place_of(unit) or place_stem_of(unit))


def seal_match(seal: SealMark, unit_names: Sequence[str]) -> str:
    """Whose seal it is: ``unit``, ``other`` or ``unreadable``, from
    :func:`seal_evidence` (the recogniser's own probabilities) where the readings
    carry them, else from the strings (:func:`_match_strings`)."""
    from .evidence import seal_evidence

    return seal_evidence(seal, unit_names).verdict


def _match_strings(seal: SealMark, unit_names: Sequence[str]) -> str:
    """``seal_names_unit`` over every reading of the seal: ``unit`` when any
    reading names the unit (a damaged best reading beside a clean one), else
    ``other`` when any reading cleanly names another body (沈隆市… beside 沈阳市…),
    else ``unreadable``.

    >>> s = SealMark((0, 0, 9, 9), 0.9, text="抚凰市生老环境局东洲分局", text_score=0.9,
    ...              readings=[("抚凰市生老环境局东洲分局", 0.9), ("抚顺市生态环境局东洲分局", 0.85)])
    >>> seal_match(s, ["抚顺市生态环境局东洲分局"])
    'unit'
    >>> s.readings = [("沈隆市生态环境监测中心站", 0.96), ("沈阳市生态环境监测中心站", 0.95), ("中", 0.6)]
    >>> s.text, s.text_score = s.readings[0]
    >>> seal_match(s, ["抚顺市生态环境事务服务中心"])
    'other'
    >>> s.readings = [("抚顺环境科学研究", 0.997), ("抚顺塞环境科学研究厂", 0.877)]
    >>> s.text, s.text_score = s.readings[0]
    >>> seal_match(s, ["抚顺市环境科学研究院"])
    'unreadable'
    """
    readings = [(seal.text, seal.text_score), *((r[0], r[1]) for r in seal.readings)]
    verdicts = {seal_names_unit(t, unit_names, score=sc) for t, sc in readings}
    if "unit" in verdicts:
        return "unit"
    if "other" in verdicts and not any(reads_as_part_of_unit(t, unit_names) for t, _ in readings):
        # no reading shows a piece of the unit's own name (抚顺环境科学研究 beside a
        # noisy 抚顺塞环境科学研究厂 is this unit's worn seal, not another's)
        return "other"
    return "unreadable"


def seal_names_unit(text: str | None, unit_names: Sequence[str], *, score: float | None = None) -> str:
    """Whether a seal's text names the unit: ``unit``, ``other`` or ``unreadable``.

    ``unit`` when one of ``unit_names`` is read whole in the text, allowing one OCR
    error in a name of 6-12 characters (two beyond), only inside a word every such
    name carries (:func:`_only_in_common_words`: 生杰环境 for 生态环境, never 抚州 for 抚顺),
    followed by nothing or by a department or seal word (人事处, 办公室, 人事专用章).
    ``other`` only when the reading is clean and clearly a different name (another
    body, or a branch: ...局新抚分局); anything in
    between, a short reading or a low recognition ``score``, is ``unreadable``.

    >>> seal_names_unit("抚顺市环境监测中心站", ["抚顺市生态环境监测站", "抚顺市环境监测中心站"])
    'unit'
    >>> seal_names_unit("沈阳市生态环境监测站", ["抚顺市生态环境监测站"])
    'unreadable'
    >>> seal_names_unit("大连华信检测技术有限公司", ["抚顺市生态环境监测站"])
    'other'
    >>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境局"])
    'other'
    >>> seal_names_unit("抚顺市生态环境局新抚分局", ["抚顺市生态环境局"])
    'other'
    >>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境监测站"], score=0.2)
    'unreadable'
    >>> seal_names_unit(None, ["抚顺市生态环境监测站"])
    'unreadable'
    >>> [seal_names_unit(t, ["抚顺市生态环境局顺城分局"], score=0.95) for t in ("环境局顺城分局", "态环境局", "抚顺市生态环境局新抚分局")]
    ['unreadable', 'unreadable', 'unreadable']
    >>> seal_names_unit("抚颐市环境科学研院", ["抚顺市环境科学研究院"], score=0.95)
    'unreadable'
    >>> seal_names_unit("鞍山市绿城环保有限公司", ["辽宁绿源环保科技有限公司"], score=0.95)
    'other'
    """
    from rapidfuzz.distance import Levenshtein

    t = normalize_seal_text(text)
    units = [u for u in (normalize_seal_text(u) for u in unit_names) if u]
    if not t or not units:
        return "unreadable"
    if score is not None and score < 0.5:
        return "unreadable"
    cjk = cjk_count(t)
    clean = score is None or score >= 0.8
    best_ratio, best_d, suffix_differs, branch = 1.0, 10 ** 6, True, False
    for u in units:
        d, start, end = _align(u, t)
        # OCR errors allowed: substitutions and a dropped character, never an inserted
        # one (抚顺市生态环境局监测站 is not 抚顺市生态环境监测站)
        whole = (d <= _allowed_errors(len(u)) and end > 0 and t[end - 1] == u[-1]
                 and end - start <= len(u) and _only_in_common_words(u, t[start:end]))
        rest, head = t[end:], t[:start]
        if whole and _is_department(rest) and head_fits(head, u):
            return "unit"
        if whole and rest and _ORG_SUFFIX.search(rest) and not _is_department(rest):
            branch = True  # the unit's name followed by another body's: a branch or subsidiary
        core = _DEPARTMENT_TAIL.sub("", t) or t
        # how far the whole reading is from the name (rapidfuzz's Levenshtein), not
        # only the best-matching part: 抚顺市生态环境局 is 3 edits from ...监测站
        full = Levenshtein.distance(core, u) / max(len(core), len(u))
        best_ratio, best_d = min(best_ratio, max(d / len(u), full)), min(best_d, d)
        if core[-1:] == u[-1:]:
            suffix_differs = False
    if not clean or cjk < 4 or not _ORG_SUFFIX.search(t):
        return "unreadable"
    shortest = min(len(u) for u in units)
    if branch and cjk >= shortest:
        return "other"
    if cjk < 0.6 * shortest:
        return "unreadable"  # a partial reading (part of the arc), however sure the engine is
    core = _DEPARTMENT_TAIL.sub("", t) or t
    if any(_is_fragment(core, u) for u in units):
        # the reading is (nearly) a piece of the unit's own name: 环境局顺城分, 抚颐市环境科学研院,
        # 辽宁绿源环保科技 — a damaged reading of this unit proves no other unit
        return "unreadable"
    if not _starts_with_place(core):
        # official bodies and companies are named from their place (沈阳市…, 辽宁…);
        # a reading that starts with no known place is more likely garbled than another unit
        return "unreadable"
    if best_ratio >= 0.45 or (suffix_differs and best_ratio >= 0.15) or (
            best_d >= 2 and score is not None and score >= 0.9 and best_ratio >= 0.2):
        return "other"
    return "unreadable"


def _only_in_common_words(unit: str, part: str) -> bool:
    """Whether every character where ``part`` (a reading's span aligned with ``unit``)
    differs from ``unit`` lies inside a word every such body's name carries (生态环境,
    有限公司, 满族自治县…: :data:`~.evidence.COMMON_WORDS`). A reading without the
    recogniser's probabilities cannot tell a misread from another body's character, and
    bodies' names differ exactly where they are not common: 抚州市 for 抚顺市, 事务 for 保护,
    新宾 for 清原.

    >>> _only_in_common_words("抚顺市生态环境监测站", "抚顺市生杰环境监测站"), _only_in_common_words("抚顺市生态环境监测站", "抚州市生态环境监测站")
    (True, False)
    """
    from rapidfuzz.distance import Levenshtein

    from .evidence import in_common_word

    return all(in_common_word(unit, min(op.src_pos, len(unit) - 1)) for op in Levenshtein.editops(unit, part))


#: a place's level, after its stem (抚顺 of 抚顺市)
_LEVEL = r"(?:省|市|县|区|自治区|自治州|自治县|地区|盟|旗|特别行政区)$"


def _region_names(props: dict) -> list[str]:
    """A region's names in python-stdnum's database, former and current ('旅大市,[1981-]大连市')."""
    return [re.sub(r"^\[[^\]]*\]", "", v) for value in props.values() for v in value.split(",")]


def _with_stems(names) -> list[str]:
    """Each name, and its stem where that has two characters or more (抚顺 of 抚顺市)."""
    out = []
    for name in names:
        out.append(name)
        stem = re.sub(_LEVEL, "", name)
        if len(stem) >= 2:
            out.append(stem)
    return out


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Chinese province, city and county names (and their stems: 辽宁, 抚顺) from
    python-stdnum's resident-ID region database."""
    from stdnum import numdb

    names: set[str] = {"中国", "中华", "国家"}

    def walk(prefixes):
        for _length, _low, _high, props, children in prefixes:
            names.update(_with_stems(_region_names(props)))
            walk(children)

    walk(numdb.get("cn/loc").prefixes)
    return frozenset(n for n in names if len(n) >= 2)


@functools.lru_cache(maxsize=1)
def _places_within_cities() -> dict[str, frozenset[str]]:
    """Each prefecture-level city's name (every name it has had) -> the names and stems
    of the districts and counties under it, from the same database (抚顺市 -> 新抚区,
    新抚, 东洲区, 东洲, 露天区, 望花, 顺城, 抚顺县, 新宾…); the city's own 市辖区, 郊区
    and 市区 are no places."""
    from stdnum import numdb

    cities: dict[str, set[str]] = {}
    for _length, _low, _high, top, children in numdb.get("cn/loc").prefixes:
        groups: dict[str, list] = {}
        for _l, low, _h, props, _c in children:
            groups.setdefault(low[:2], []).append((low[2:], props))
        for members in groups.values():
            within = {n for tail, props in members if tail != "00" for n in _with_stems(_region_names(props))
                      if n not in ("市辖区", "市辖", "郊区", "市区", "县")}
            for tail, props in members:
                if tail == "00":
                    for city in _region_names(props):
                        cities.setdefault(city, set()).update(within)
            # a municipality (北京市, 天津市, 上海市, 重庆市) is its province: its districts and
            # counties lie under its 市辖区 and 县, not under a city of their own name
            for city in _region_names(top):
                if city.endswith("市"):
                    cities.setdefault(city, set()).update(within)
    return {city: frozenset(within) for city, within in cities.items()}


def places_within(city: str) -> frozenset[str]:
    """The districts and counties under a prefecture-level city, with their stems; none
    for a place that is no such city.

    >>> sorted(n for n in places_within("抚顺市") if len(n) == 2)
    ['东洲', '抚顺', '新宾', '新抚', '望花', '清原', '露天', '顺城']
    >>> places_within("抚顺县")
    frozenset()
    """
    return _places_within_cities().get(city, frozenset())


#: how a place name in a body's name ends (抚顺市, 抚松县, 新宾满族自治县, 辽宁省)
PLACE_END = "市县区省旗盟州"


def place_of(name: str) -> str | None:
    """The longest real place name (python-stdnum's region names) a name starts with,
    ending as a place does: 抚顺县 of 抚顺县生态环境保护服务中心.

    >>> place_of("抚松县生态环境护服务甲"), place_of("抚展市生态环境局"), place_of("辽宁绿源环保科技有限公司")
    ('抚松县', None, None)
    """
    places = _place_names()
    found = [name[:n] for n in range(2, min(len(name), 8) + 1) if name[:n] in places and name[n - 1] in PLACE_END]
    return max(found, key=len) if found else None


def place_stem_of(name: str) -> str | None:
    """The stem of a real place (its name short of its level: 抚顺 of 抚顺市) a name starts
    with where no level follows it, as enterprises are named (抚顺矿业集团…, 抚顺清源环保…);
    None where the name starts with a whole place (:func:`place_of`) or none.

    >>> place_stem_of("抚顺清源环保科技有限公司"), place_stem_of("抚顺市生态环境局"), place_stem_of("清源环保有限公司")
    ('抚顺', None, None)
    """
    if place_of(name):
        return None
    names = _place_names()  # a region name not ending as a place does is a stem
    found = [name[:n] for n in range(2, min(len(name) - 1, 6) + 1)
             if name[:n] in names and name[n - 1] not in PLACE_END and name[n] not in PLACE_END]
    return max(found, key=len) if found else None


@functools.lru_cache(maxsize=None)
def place_names_of_length(n: int, stems: bool = False) -> tuple[str, ...]:
    """The real place names of ``n`` characters that end as a place does (with
    ``stems`` their stems too: 东洲, 顺城), sorted (so the first match found is the same
    on every run)."""
    return tuple(sorted(p for p in _place_names() if len(p) == n and (stems or p[-1] in PLACE_END)))


def branch_places(name: str) -> list[tuple[int, int]]:
    """``[a, b)`` of each place naming a branch in ``name`` (a district's name before 分:
    顺城 of 抚顺市生态环境局顺城分局), after the place the name starts with.

    >>> branch_places("抚顺市生态环境局顺城分局"), branch_places("抚顺市生态环境事务服务中心")
    ([(8, 10)], [])

    The place begins where the body's name before it ends (…局) or right after the place
    the name starts with: a branch named after a zone no region database holds
    (金普新区, 高新区) is named by none of its pieces (新区 is 唐山市's district).

    >>> branch_places("大连市生态环境局金普新区分局"), branch_places("沈阳市生态环境局高新区分局")
    ([], [])
    """
    places = _place_names()
    lead = len(place_of(name) or "")
    return [(a, b) for a in range(lead, len(name)) for b in (a + 2, a + 3)
            if name[b:b + 1] == "分" and name[a:b] in places and (a == lead or _ORG_SUFFIX.match(name[a - 1]))]


def district_places(name: str) -> list[tuple[int, int]]:
    """``[a, b)`` of the district or county named right after the city the name starts
    with (新抚区 of 抚顺市新抚区生态环境保护服务中心: a body of that district), as the city
    has it.

    >>> district_places("抚顺市新抚区生态环境保护服务中心"), district_places("抚顺市生态环境事务服务中心")
    ([(3, 6)], [])
    """
    city = place_of(name)
    if not city:
        return []
    lead, within = len(city), places_within(city)
    ends = [b for b in range(lead + 2, min(len(name), lead + 8) + 1)
            if name[lead:b] in within and re.search(_LEVEL, name[lead:b])]
    return [(lead, max(ends))] if ends else []


def _starts_with_place(text: str) -> bool:
    """
    >>> _starts_with_place("沈阳市生态环境监测中心站"), _starts_with_place("辽宁绿源环保科技有限公司")
    (True, True)
    >>> _starts_with_place("杭施事生东研限系务服务中心")
    False
    """
    places = _place_names()
    return any(text[:n] in places for n in range(2, min(len(text), 8) + 1))


def reads_as_part_of_unit(text: str | None, unit_names: Sequence[str], min_chars: int = 5) -> bool:
    """Whether a seal's text is, at least in part, the unit's own name read in order
    (抚顺生态环境事务服务中 of 抚顺市生态环境事务服务中心): enough to know the ring is
    a seal, not enough to say whose.

    >>> reads_as_part_of_unit("抚顺生态环境事务服务中", ["抚顺市生态环境事务服务中心"])
    True
    >>> reads_as_part_of_unit("环境", ["抚顺市生态环境事务服务中心"]), reads_as_part_of_unit("大连华信检测", ["抚顺市生态环境事务服务中心"])
    (False, False)
    """
    t = normalize_seal_text(text)
    if len(t) < min_chars:
        return False
    return any(_is_fragment(t, u) for u in (normalize_seal_text(u) for u in unit_names) if u)


def reads_much_of_unit(text: str | None, unit_names: Sequence[str], share: float = 0.5, min_chars: int = 5) -> bool:
    """Whether a ring's reading holds, in order, at least ``share`` of the unit's own
    name (and ``min_chars`` characters), however misread between them: 抚清源境检测有展
    holds 7 of 抚顺市清源环境检测有限公司's 13. A pen ring, a tick or a logo never reads
    the applicant's unit, so the ring is a seal; too garbled to say whose (another body
    of a similar name reads as much), which :func:`seal_match` decides.

    >>> reads_much_of_unit("抚清源境检测有展", ["抚顺市清源环境检测有限公司"])
    True
    >>> reads_much_of_unit("202抚顺东臂化工有公", ["抚顺东科精细化工有限公司"])
    True
    >>> reads_much_of_unit("生态环服", ["抚顺市生态环境局顺城分局"]), reads_much_of_unit("抗成市道口出离1展公司", ["抚顺市清源环境检测有限公司"])
    (False, False)
    """
    from rapidfuzz.distance import LCSseq

    t = normalize_seal_text(text)
    if len(t) < min_chars:
        return False
    for u in (normalize_seal_text(u) for u in unit_names):
        if u and LCSseq.similarity(t, u) >= max(min_chars, share * len(u)):
            return True
    return False


#: how the name of a body that stamps papers ends (a department, a government, a
#: bureau, a company, a society...)
_BODY_END = re.compile(r"(局|厅|站|院|所|中心|公司|政府|委员会|学会|协会|大学|学院|学校|厂|办公室|事务所)$")


def reads_as_a_body(text: str | None, min_cjk: int = 6) -> bool:
    """Whether a ring's text reads as some body's name - six Chinese characters or
    more ending as a body's name does (…人力资源和社会保障局, …科学技术局, …有限公司),
    however misread in the middle: what a seal's ring says and a pen ring, a tick or
    a decorative circle never does. Which body it is, is :func:`seal_match`'s
    business.

    >>> reads_as_a_body("抚市人力资源和社会保障局"), reads_as_a_body("辽宁省人分赞和社会保障厅")
    (True, True)
    >>> reads_as_a_body("顺市力资原和社保号"), reads_as_a_body("市科学技局"), reads_as_a_body("ECOLOGYSOCIETY")
    (False, False, False)
    """
    t = normalize_seal_text(text)
    return cjk_count(t) >= min_cjk and bool(_BODY_END.search(t))


def _is_fragment(reading: str, unit: str) -> bool:
    """The reading is (nearly) a contiguous piece of the unit's name and ends where
    that piece ends: a partial or damaged reading of the unit itself, not another
    body (抚顺市生态环境局 is no piece of 抚顺市生态环境监测站: 局 is not 监).

    >>> _is_fragment("环境局顺城分", "抚顺市生态环境局顺城分局"), _is_fragment("抚顺市生态环境局", "抚顺市生态环境监测站")
    (True, False)
    """
    d, start, end = _align(reading, unit)
    return d <= max(1, int(0.3 * len(reading))) and end > 0 and unit[end - 1] == reading[-1]


_DEPARTMENT_TAIL = re.compile(r"(?:人事|组织人事|财务|行政|办公|业务|合同|发票)?(?:处|科|室|专用章|公章)\d*$")
