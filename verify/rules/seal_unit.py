"""seal.unit: the seal on documents the unit stamps names the applicant's unit (or
an alias). Names another unit → fail; unreadable → review.

Whose seal it is was decided when the page was read (``SealMark.unit_match``, from
the recogniser's own probabilities: :mod:`verify.marks.seals.evidence`); a ``fail``
says where the seal differs from the unit's name, a ``review`` what was read.

A ``fail`` also needs a reading that could only be another body's name
(:func:`surely_another_body`): the unit's name with one edit of at most two
characters, everything else read exactly or a likely misread by the recogniser's own
probabilities (抚州市… for 抚顺市…, …监测所 for …监测站),
where the characters are not ones a recogniser confuses (东州 for 东洲: ``review``),
or a different name altogether that starts from a place and ends as a body does; or
a worn seal of the same kind of body in another real place, the place read surely
(抚松县生态环境护服务甲 for 抚顺县生态环境保护服务中心: :func:`another_place`); or
another body's word read surely in place of one of the unit's, all else read
(抚顺市自然资源局望花分局 for 抚顺市生态环境局望花分局: :func:`another_word`); or a
body of another level read whole: the unit's name followed by another body's (its 分公司,
分局), its place with a district or banner of it added, or a branch named after another
district of its city (:func:`_another_level`). A worn
seal's reading with scattered errors (抚人市生态环境瓜领城分局) is the recogniser's, not
another body's, however sure it was of each character: ``review``."""
from __future__ import annotations

import logging
import os
import re

from verify.marks.seals.matching import (PLACE_END, _ORG_SUFFIX, _starts_with_place, branch_places, kin_names, normalize_seal_text,
                                         place_names_of_length, place_of)
from verify.marks.seals.evidence import MAJORITY, OTHER_PLACE_REST, another_place  # noqa: F401 (the rule's, the bench's)
from verify.model import Finding
from verify.read.hanzi import cjk_count
from verify.rules import Dossier, finding
from verify.rules.seal_present import (SEAL_LIMITS_ZH, cut_at_edge, name_seal_size, name_seal_sized, no_seal_found,
                                       ring_text, seals_not_read)

log = logging.getLogger(__name__)

RULE_ID = "seal.unit"
#: why a document's seal could not be checked when none was found (seal.present says what was seen)
_WHY_UNSEEN = "见“材料加盖印章”一项"


#: what kind of body a name ends as (longest first): two kinds that neither ends the
#: other are two bodies (监测中心站 and 服务中心; not 中心站 and 监测中心站)
_BODY_KIND = re.compile(r"(监测中心站|监测站|中心站|服务中心|服务站|研究院|研究所|分局|有限公司|公司|中心|局|站|院|所|厂|校|"
                        r"委员会|厅|队|馆|社|会|支部|总支|党委|团委|妇联)$")


def former_names(unit_names) -> tuple[str, ...]:
    """What a body of the 2018-19 reform of the environment administration was called before it (生态环境局 was
    环境保护局; a city's 生态环境局X分局 was its X区 or X县环境保护局; its 生态环境监测站 was its 环境监测站): a
    document of work done before the renaming carries the former name and its seal, which the applicant may not have
    declared in ``unit_aliases`` (probe trust22 C15, C16: a 2018 proof stamped 抚顺市新抚区环境保护局 failed as
    another body's seal for 抚顺市生态环境局新抚分局). Normalised (:func:`normalize_seal_text`); none of the unit's
    own names.

    >>> former_names(["抚顺市生态环境局新抚分局"])
    ('抚顺市新抚区环境保护局', '抚顺市新抚县环境保护局', '抚顺市新抚环境保护局', '抚顺市环境保护局新抚分局', '抚顺市环境局新抚分局')
    >>> former_names(["抚顺市生态环境局"]), former_names(["抚顺市生态环境监测站"])
    (('抚顺市环境保护局', '抚顺市环境局'), ('抚顺市环境保护监测站', '抚顺市环境监测站'))
    >>> former_names(["抚顺县生态环境保护服务中心"])
    ('抚顺县环境监测站', '抚顺县环境保护监测站', '抚顺县环境监察大队', '抚顺县环境保护监察大队', '抚顺县环境保护保护服务中心', '抚顺县环境保护服务中心')
    >>> former_names(["抚顺市环境科学研究院"]), former_names(["抚顺市环境保护局"])  # no 生态环境 in the name: not renamed so
    ((), ())
    """
    own = {normalize_seal_text(u) for u in unit_names}
    out: list[str] = []
    for u in own:
        if "生态环境" not in u:
            continue
        if m := re.fullmatch(r"(.+?[市州盟])生态环境局(.+?)分局", u):
            out += [f"{m[1]}{m[2]}{tail}环境保护局" for tail in ("区", "县", "")]
        if m := re.fullmatch(r"(.+?)生态环境(?:保护|事务)服务中心", u):
            # the reform merged a place's monitoring station and inspection brigade into its 服务中心 (probe trust29
            # C11: a 2021 form printed and stamped 抚顺县环境监测站 failed as another body's for 抚顺县生态环境保护服务中心)
            out += [f"{m[1]}{k}" for k in ("环境监测站", "环境保护监测站", "环境监察大队", "环境保护监察大队")]
        out += [u.replace("生态环境", "环境保护", 1), u.replace("生态环境", "环境", 1)]
    return tuple(dict.fromkeys(n for n in out if n not in own))


def _former_name(seal, unit_names) -> str:
    """``"seal"`` where ``seal`` reads a name the unit had before the reform (:func:`former_names`), ``"unit"`` where
    the unit is named as the seal's body was before it (the applicant typed the former name: 抚顺市环境监测站 for a
    seal of 抚顺市生态环境监测站), else ``""``."""
    core, units = _compared(seal.text or "", unit_names)
    if not core:
        return ""
    if core in former_names(unit_names):
        return "seal"
    return "unit" if set(units) & set(former_names([core])) else ""


def _renamed(g, p, s, unit: str) -> Finding:
    """The review of a seal naming the unit as it was called before the reform (:func:`former_names`): the
    applicant's file, not the toolkit, says whether that body is the unit (an alias declared passes it)."""
    merged = "服务中心" in (unit if _former_name(s, [unit]) != "unit" else normalize_seal_text(s.text))
    how = "（环境监测站、环境监察大队等并入生态环境保护服务中心）" if merged else "（环境保护局更名为生态环境局）"
    if _former_name(s, [unit]) == "unit":
        return finding(RULE_ID, "review", f"{g.kind_zh}的印章为「{s.text}」，申报单位填写的「{unit}」与该单位在生态环境机构改革"
                       f"{how}前的名称相符；请人工核对，如单位已更名，请在 applicant.yaml 中将 unit 改为现名称、"
                       "旧名称填入 unit_aliases", p, bbox=s.bbox, value=s.text, expected=unit)
    return finding(RULE_ID, "review", f"{g.kind_zh}的印章为「{s.text}」，与申报单位「{unit}」在生态环境机构改革{how}前的名称"
                   "相符；请人工核对该材料是否为申报单位更名前所出，如是，请在 applicant.yaml 的 unit_aliases "
                   "中填写单位曾用名", p, bbox=s.bbox, value=s.text, expected=unit)


def _body_kind(name: str) -> str | None:
    m = _BODY_KIND.search(name)
    return m.group(1) if m else None


def surely_another_body(text: str, unit_names) -> bool:
    """Whether a seal reading can only be another body's name (see the module).

    >>> names = ["抚顺市生态环境局顺城分局"]
    >>> surely_another_body("抚州市生态环境局顺城分局", names), surely_another_body("抚顺市生态环境局新抚分局", names)
    (True, True)
    >>> surely_another_body("抚人市生态环境瓜领城分局", names), surely_another_body("抗服市生态环境局顺城分局", names)
    (False, False)
    >>> surely_another_body("抚顺市生态环境局东州分局", ["抚顺市生态环境局东洲分局"])  # 州: 洲 worn
    False
    >>> surely_another_body("江境事务服务中心", ["抚顺市生态环境事务服务中心"]), surely_another_body("沈阳市财政局", names)
    (False, True)

    A body of another kind (a monitoring station's seal for a service centre: its
    name ends as no name of the unit does) is another body, even with a misread
    place:

    >>> surely_another_body("沈隆市生态环境监测中心站", ["抚顺市生态环境事务服务中心"])
    True
    >>> surely_another_body("抚顺县生态环境保护服务中", ["抚顺县生态环境保护服务中心"])
    False

    One character away, but not ending as a body's name does: the unit's own seal with
    a character misread (read 东洲分的 for 东洲分局 on a 300 dpi scan), not another body:

    >>> surely_another_body("抚顺市生态环境局东洲分的", ["抚顺市生态环境局东洲分局"])
    False

    Nor where the character read surely lies inside a word every such name carries:
    事务加务中心 is no body's name, but the unit's 事务服务中心 with 服 worn (a 170 dpi
    scan, read surely):

    >>> surely_another_body("抚顺市生态环境事务加务中心", ["抚顺市生态环境事务服务中心"])
    False

    An enterprise named by its brand first, its place in brackets (品牌（地名）…有限公司):
    a reading that starts as the unit's name does is a whole name, weighed as one that
    starts with a place is (trust exploration 5, P23: the sister company 中环清源（沈阳）…,
    read cleanly and whole, was only a review). A name sharing the unit's trade words after
    a place and a brand of its own is another firm's (:func:`another_firm`: 辽宁清源…,
    抚顺华泰环保科技有限公司; P14, P24).

    >>> brand = ["中环清源（抚顺）环保科技有限公司"]
    >>> [surely_another_body(t, brand) for t in ("中环清源（沈阳）环保科技有限公司", "中环清源（抚州）环保科技有限公司")]
    [True, True]
    >>> [surely_another_body(t, brand) for t in ("辽宁清源环保科技有限公司", "抚顺华泰环保科技有限公司", "抚顺中环清源环保科技有限公司")]
    [True, True, False]

    The unit's own name read in part is never another body's (抚顺环保科技有限公司 of a
    worn 中环清源（抚顺）…):

    >>> surely_another_body("抚顺环保科技有限公司", brand), surely_another_body("中环清源抚顺环保科技公司", brand)
    (False, False)
    >>> surely_another_body("抗顺市生态环境局顺城分局", names)  # one misread, not a place
    False
    """
    from rapidfuzz.distance import Levenshtein

    core, units = _compared(text, unit_names)
    if not core or not units or any(_in_order(core, u) for u in units):
        return False
    if any(_another_level(core, u) for u in units):
        return True
    kind = _body_kind(core)
    if (kind and cjk_count(core) >= 6
            and all(not (kind.endswith(k) or k.endswith(kind)) for k in map(_body_kind, units) if k)):
        return True
    if not (_starts_with_place(core) or any(not _starts_with_place(u) and core[:2] == u[:2] for u in units)):
        return False  # a reading from the middle of a name (江境事务服务中心), not a name
    # one character away from the unit's name is another body's name only where the
    # reading still ends as a body's name does (…东洲分的 is the unit's seal with its
    # last character misread, not a body called so)
    ends_as_body = _ENDS_AS_BODY.search(core) is not None
    for u, e in _one_edit(core, units) if ends_as_body else ():
        cut = e.tag == "delete" and (e.src_start == 0 or e.src_end == len(u))  # the arc read only in part
        if (not cut and max(e.src_end - e.src_start, e.dest_end - e.dest_start) <= 2 and not _lookalike(u, core, e)
                and not inside_generic_word(u, e)):
            return True
    return ((all(Levenshtein.normalized_distance(core, u) >= 0.5 for u in units)
             and bool(_ORG_SUFFIX.search(core[-3:]))) or any(another_firm(core, u) for u in units)
            or all(_another_department(core, u) for u in units))


#: words naming a government department of a place, each a body of its own (a district's 财政局 is not its
#: 环境保护局), longest first where one begins another
DEPARTMENT_WORDS = ("人力资源和社会保障", "市场监督管理", "住房和城乡建设", "国有资产监督管理", "工业和信息化", "发展和改革",
                    "文化和旅游", "退役军人事务", "机关事务管理", "林业和草原", "自然资源", "农业农村", "卫生健康", "应急管理",
                    "交通运输", "科学技术", "城市管理", "医疗保障", "发展改革", "财政", "税务", "公安", "水利", "水务", "教育",
                    "民政", "司法", "审计", "统计", "商务", "林业", "气象", "档案", "住建")
_DEPARTMENT_WORD = re.compile("|".join(DEPARTMENT_WORDS))


def _department_differs(text: str, unit_names) -> str:
    """Where a seal names another government department of a place (:func:`_another_department`), for the message,
    or "".

    >>> _department_differs("抚顺市新抚区财政局", ["抚顺市生态环境局新抚分局", "抚顺市新抚区环境保护局"])
    '（印章所刻为「抚顺市新抚区」的「财政」部门，申报单位名称中没有「财政」，识别可信）'
    """
    core, units = _compared(text, unit_names)
    if not core or not units or not all(_another_department(core, u) for u in units):
        return ""
    place = _leading_places(core)
    word = _DEPARTMENT_WORD.match(core[len(place):]).group(0)
    return f"（印章所刻为「{place}」的「{word}」部门，申报单位名称中没有「{word}」，识别可信）"


def _another_department(core: str, unit: str) -> bool:
    """Whether a reading names a place's government department that the unit is not: a real place read whole
    (:func:`_leading_places`), then a department's word the unit's name does not hold, then a body's ending and no
    more than two characters besides (抚顺市新抚区财政局 for 抚顺市新抚区环境保护局: probe trust29 P15, another body's
    finance seal on an achievement proof, 环境保护 read as 财政, two characters for four, was only a review). A worn
    seal's misreads do not spell a department's word.

    >>> _another_department("抚顺市新抚区财政局", "抚顺市新抚区环境保护局"), _another_department("抚顺市财政局", "抚顺市生态环境局")
    (True, True)
    >>> _another_department("抚顺市自然资源局", "抚顺市自然资源事务服务中心"), _another_department("抚顺市生态环境局", "抚顺市生态环境局")
    (False, False)
    >>> _another_department("财政局", "抚顺市生态环境局"), _another_department("抚顺市财政", "抚顺市生态环境局")
    (False, False)
    """
    place = _leading_places(core)
    if not place:
        return False
    rest = core[len(place):]
    m = _DEPARTMENT_WORD.match(rest)
    if not m or m.group(0) in unit:
        return False
    tail = rest[m.end():]
    return 1 <= len(tail) <= 3 and _ENDS_AS_BODY.search(tail) is not None


def _leading_places(name: str) -> str:
    """The real places a body's name starts with: its city (or province, 盟, 自治州) and a
    district, county or banner of it read whole right after (北京市朝阳区 of
    北京市朝阳区生态环境局, 锡林郭勒盟正蓝旗 of 锡林郭勒盟正蓝旗生态环境局), or "".

    >>> _leading_places("北京市朝阳区生态环境局"), _leading_places("朝阳市生态环境局"), _leading_places("生态环境部环境规划院")
    ('北京市朝阳区', '朝阳市', '')
    """
    from verify.marks.seals.matching import district_places

    city = place_of(name) or ""
    found = district_places(name) if city else []
    return name[:found[0][1]] if found else city


def _another_level(core: str, unit: str) -> str:
    """Where a clean whole reading (normalised) names another body than ``unit``
    (normalised), for the message, in one of three ways no wear or misread makes, each
    read whole (else ""):

    - the unit's whole name followed by another body's name (not a department's:
      人事处, 办公室): its branch, subsidiary, trade union (…有限公司抚顺石化分公司 for
      …有限公司, …局新抚分局 for …局);
    - the same body's name after other real places, one not a misread of the other (a
      place's level added or a district of it, not one character for another): the
      body of a district of the unit's place, or of a place elsewhere with a district so
      named (锡林郭勒盟正蓝旗… for 锡林郭勒盟…, 北京市朝阳区… for 朝阳市…); the unit's name
      with a higher place before it (辽宁省朝阳市…) is the unit's;
    - a branch named after another real district of the unit's city, of another length
      than the unit's branch (金州 for 金普新区 of 大连市生态环境局…分局).

    >>> _another_level("中国石油天然气股份有限公司抚顺石化分公司", "中国石油天然气股份有限公司")
    '申报单位名称后另有「抚顺石化分公司」，为另一机构'
    >>> _another_level("中国石油天然气股份有限公司人事处", "中国石油天然气股份有限公司")
    ''
    >>> _another_level("锡林郭勒盟正蓝旗生态环境局", "锡林郭勒盟生态环境局")
    '印章地名「锡林郭勒盟正蓝旗」处申报单位为「锡林郭勒盟」'
    >>> _another_level("北京市朝阳区生态环境局", "朝阳市生态环境局")
    '印章地名「北京市朝阳区」处申报单位为「朝阳市」'
    >>> _another_level("辽宁省朝阳市生态环境局", "朝阳市生态环境局"), _another_level("朝阳区生态环境局", "朝阳市生态环境局")
    ('', '')
    >>> _another_level("大连市生态环境局金州分局", "大连市生态环境局金普新区分局")
    '印章地名「金州」处申报单位为「金普新区」'
    >>> _another_level("大连市生态环境局金普分局", "大连市生态环境局金普新区分局")  # the branch read in part
    ''
    """
    from verify.marks.seals.matching import _is_department, places_within

    if core.startswith(unit):
        rest = core[len(unit):]
        body = cjk_count(rest) >= 2 and bool(_ENDS_AS_BODY.search(rest)) and not _is_department(rest)
        return f"申报单位名称后另有「{rest}」，为另一机构" if body else ""
    read, own = _leading_places(core), _leading_places(unit)
    if read and own and len(read) != len(own) and not read.endswith(own) and not own.endswith(read):
        rest = unit[len(own):]
        if len(rest) >= 3 and core[len(read):] == rest:
            return f"印章地名「{read}」处申报单位为「{own}」"
    city = place_of(unit)
    if not city or not unit.endswith("分局") or not core.endswith("分局"):
        return ""
    head = os.path.commonprefix([unit, core])
    cut = head.rfind("局") + 1  # the bureau's name: its branch's place follows
    if cut <= len(city) or not head.startswith(city):
        return ""
    mine, theirs = unit[cut:-2], core[cut:-2]
    other = (bool(mine) and len(theirs) != len(mine) and theirs in places_within(city)
             and theirs not in mine and mine not in theirs)
    return f"印章地名「{theirs}」处申报单位为「{mine}」" if other else ""


def _level_differs(text: str, unit_names) -> str:
    """Where a seal of a body of another level (:func:`_another_level`) differs from the
    unit's name, for the message, or ""."""
    core, units = _compared(text, unit_names)
    found = next(filter(None, (_another_level(core, u) for u in units)), "") if core else ""
    return f"（{found}，识别可信）" if found else ""


#: how many characters an enterprise's name and a reading must end in alike (有限公司 and
#: more) for what comes before to be told apart as the names of two firms
FIRM_TAIL = 4


def another_firm(core: str, unit: str) -> bool:
    """Whether a reading (normalised) names another enterprise than the unit's name
    ``unit`` (normalised, ending 公司): the two end in the same words (环保科技有限公司,
    :data:`FIRM_TAIL` or more), and what the reading has before them is a name of its own,
    a real place and a brand of two characters or more, whose place is not the unit's
    (辽宁清源 for 中环清源（抚顺）: neither 辽宁 in the unit's name nor 抚顺 in the reading)
    or whose brand shares no character with the unit's name before those words (抚顺华泰).
    A worn seal of the unit keeps its place and some of its brand; a trade's words any
    firm of it has say nothing either way (trust exploration 5, P14, P24: review).

    >>> u = "中环清源抚顺环保科技有限公司"
    >>> [another_firm(t, u) for t in ("辽宁清源环保科技有限公司", "抚顺华泰环保科技有限公司", "沈阳华泰有限公司")]
    [True, True, True]
    >>> [another_firm(t, u) for t in ("抚顺中环清源环保科技有限公司", "抚顺中环环保科技有限公司", "中环请源抚顺环保科技有限公司")]
    [False, False, False]
    >>> another_firm("抚顺华泰环保科技有限公司", "抚顺市华泰环保科技中心"), another_firm("抚顺华环保科技有限公司", u)
    (False, False)
    """
    from verify.marks.seals.matching import _place_names, place_of, place_stem_of

    tail = len(os.path.commonprefix([core[::-1], unit[::-1]]))
    if not unit.endswith("公司") or tail < FIRM_TAIL:
        return False
    head, own = core[:-tail], unit[:-tail]
    place = place_of(head) or place_stem_of(head)
    if not place or len(head) - len(place) < 2:
        return False
    stem = place[:-1] if len(place) > 2 and place[-1] in PLACE_END else place
    places = _place_names()
    own_places = {own[a:b] for a in range(len(own)) for b in range(a + 2, len(own) + 1) if own[a:b] in places}
    other_place = stem not in own and not any(p in head for p in own_places)
    return other_place or not set(head[len(place):]) & set(own)


def _firm_differs(text: str, unit_names) -> str:
    """Where a seal of another firm (:func:`another_firm`) differs from the unit's name,
    for the message: the two names before the words they share, the unit's as written
    ("（「抚顺华泰」处申报单位名称为「中环清源（抚顺）」，识别可信）"), or "".

    >>> _firm_differs("抚顺华泰环保科技有限公司", ["中环清源（抚顺）环保科技有限公司"])
    '（「抚顺华泰」处申报单位名称为「中环清源（抚顺）」，识别可信）'
    >>> _firm_differs("抚顺中环清源环保科技有限公司", ["中环清源（抚顺）环保科技有限公司"])
    ''
    """
    core = _compared(text, unit_names)[0]
    for name in unit_names:
        u = normalize_seal_text(name)
        if u and another_firm(core, u):
            tail = os.path.commonprefix([core[::-1], u[::-1]])[::-1]
            written = name.strip()
            own = written[:-len(tail)] if written.endswith(tail) else u[:-len(tail)]
            return f"（{_where_unlike([(core[:-len(tail)], own)])}，识别可信）"
    return ""


def _in_order(part: str, name: str) -> bool:
    """Whether ``part`` is ``name`` with characters left out (a worn seal read in part).

    >>> _in_order("抚顺环保科技有限公司", "中环清源抚顺环保科技有限公司"), _in_order("抚州市财政局", "抚顺市财政局")
    (True, False)
    """
    rest = iter(name)
    return len(part) < len(name) and all(c in rest for c in part)


def _another_body(seal, unit_names) -> bool:
    """Whether a seal whose readings name another body (``unit_match == "other"``)
    surely does: its reading as read, or with the few characters the recogniser's own
    candidates explain as the unit's written back (:func:`~verify.marks.seals.evidence.put_back`:
    福州市生态环境瓜东洲分局, where 瓜 could be 局, is 福州市…局东洲分局), can only be
    another body's name (:func:`surely_another_body`); or they name it by a word of its
    own in place of one of the unit's (:func:`another_word`)."""
    if surely_another_body(seal.text or "", unit_names):
        return True
    if not any(len(r) > 2 and r[2] is not None for r in seal.readings):
        return False
    if another_word(seal, unit_names):
        return True
    from verify.marks.seals import seal_evidence
    from verify.marks.seals.evidence import in_common_word, put_back

    text = put_back(seal_evidence(seal, unit_names))
    if not text or not surely_another_body(text, unit_names):
        return False
    # what is left must be able to tell a body: a sure misread inside 生态环境 cannot
    core, units = _compared(text, unit_names)
    return not any(inside_generic_word(u, e)
                   or any(in_common_word(u, i) for i in range(e.src_start, max(e.src_end, e.src_start + 1)))
                   for u, e in _one_edit(core, units))


#: how many characters of the unit's name in a row (fewest, most) a seal may read surely
#: as others, everything else read or a likely misread, and name another body by a word of
#: its own in their place (自然资源 for 生态环境; two, 辐射 for 环境, may be wear inside a
#: word every such name carries: :data:`GENERIC_WORDS`)
WORD_RUN = (3, 4)


def another_word(seal, unit_names) -> bool:
    """Whether a seal's readings name another body by a word in place of one of the
    unit's name: no name of the unit is there (``other``), and for one of them a clean
    reading (at least
    :data:`~verify.marks.seals.evidence.CLEAN`), whole (it starts with a place and ends
    as a body's name does), shows the name read or as a likely misread everywhere but
    one run of :data:`WORD_RUN` characters, at least three of them read surely as others.
    抚顺市自然资源局望花分局 on a 抚顺市生态环境局望花分局 applicant's form, read cleanly
    (0.9999) with 自然资源 sure at every character, was a review: the one-edit rule of
    :func:`surely_another_body` takes two characters at most, and 生态环境 is a word every
    such name carries (scripts/bench_near_miss.py, seeds 11 and 3: six such seals, all
    unworn). Wear takes characters here and there, and a worn seal reads unsurely: on
    the two-seed base bench no seal's readings show such a run."""
    from verify.marks.seals import seal_evidence
    from verify.marks.seals.evidence import CLEAN, DIFFERENT, EXPLAINED, MATCHED

    units = [u for u in (normalize_seal_text(n) for n in unit_names) if u]
    if (not units or not any(len(r) > 2 and r[2] is not None for r in seal.readings)
            or seal_evidence(seal, units).verdict != "other"):  # no name of the unit may be there
        return False
    for u in units:
        ev = seal_evidence(seal, [u])
        if ev.verdict != "other" or ev.score < CLEAN or not (_starts_with_place(ev.reading)
                                                              and _ENDS_AS_BODY.search(ev.reading)):
            continue
        off = [i for i, x in enumerate(ev.status) if x not in (MATCHED, EXPLAINED)]
        if (off and len(off) == off[-1] + 1 - off[0] and WORD_RUN[0] <= len(off) <= WORD_RUN[1]
                and sum(ev.status[i] == DIFFERENT for i in off) >= WORD_RUN[0]):
            return True
    return False


#: words that bodies' names share beside :data:`~verify.marks.seals.evidence.COMMON_WORDS`,
#: whose characters no near name changes into another word (环境 of 环境科学研究院, 服务 of
#: 服务中心, 研究 of 研究所, 精细 of 精细化工; not 监测, which 检测 is one character from,
#: nor 化工, which 化学 is): a character read surely inside one of them (二境 for 环境, 加务
#: for 服务, on the unit's own worn seals at 170 dpi; 清细 for 精细, its 米 worn to 氵) makes
#: no other body's name
GENERIC_WORDS = ("环境", "服务", "研究", "精细")


def inside_generic_word(name: str, edit) -> bool:
    """Whether a one-edit difference (a rapidfuzz opcode from ``name``) lies inside one of
    :data:`GENERIC_WORDS` as ``name`` spells it.

    >>> from rapidfuzz.distance import Levenshtein
    >>> [inside_generic_word(u, [o for o in Levenshtein.opcodes(u, r) if o.tag != "equal"][0])
    ...  for u, r in (("抚顺市生态环境事务服务中心", "抚顺市生态环境事务加务中心"), ("抚顺市环境科学研究院", "抚顺市环境科学研究所"),
    ...               ("抚顺市环境科学研究院", "抚顺市二境科学研究院"), ("抚顺县生态环境保护服务中心", "抚松县生态环境保护服务中心"))]
    [True, False, True, False]
    """
    from verify.marks.seals.evidence import word_spans

    lo, hi = edit.src_start, max(edit.src_end, edit.src_start + 1)
    return any(start <= lo and hi <= end for start, end in word_spans(name, GENERIC_WORDS))


def _compared(text: str, unit_names) -> tuple[str, list[str]]:
    """The reading as it is compared with the unit's names (normalised, digits and
    letters round it dropped: the ring's 13-digit code read on with the name, a
    department or seal-use tail such as 人事处 or 专用章 dropped) and the unit's names,
    normalised.

    >>> _compared("82沈阳市生态环境监测中心站6", ["辽宁绿源环保科技有限公司"])[0]
    '沈阳市生态环境监测中心站'
    """
    from verify.marks.seals.matching import _DEPARTMENT_TAIL

    t = normalize_seal_text(text)
    t = _CODE_EDGES.sub("", t) or t
    return _stray_edges(_DEPARTMENT_TAIL.sub("", t) or t), [u for u in (normalize_seal_text(n) for n in unit_names) if u]


def _stray_edges(text: str) -> str:
    """A reading without up to two characters read on past the end of a body's name (出 of
    辽宁华源环境检测有限公司出: the bottom text or the ring's edge), or before the place it
    starts with; as it is where it does not end, or start, so once they are gone.

    >>> _stray_edges("辽宁华源环境检测有限公司出"), _stray_edges("申全国高等学校学生信息咨询与就业指导中心喜出")
    ('辽宁华源环境检测有限公司', '申全国高等学校学生信息咨询与就业指导中心')
    >>> _stray_edges("士甲新宾满族自治县生态环境监测站"), _stray_edges("抚顺市生态环境局东洲分的")
    ('新宾满族自治县生态环境监测站', '抚顺市生态环境局东洲分的')
    """
    if not _ENDS_AS_BODY.search(text):
        text = next((text[:-k] for k in (1, 2) if len(text) - k >= 6 and _ENDS_AS_BODY.search(text[:-k])), text)
    if not _starts_with_place(text):
        text = next((text[k:] for k in (1, 2) if len(text) - k >= 6 and _starts_with_place(text[k:])), text)
    return text


#: a reading that ends as a body's name does (…局, …站, …有限公司)
_ENDS_AS_BODY = re.compile(f"(?:{_ORG_SUFFIX.pattern})$")

#: digits and Latin letters at either end of a reading: the ring's code, never a name's
_CODE_EDGES = re.compile(r"^[0-9A-Za-z]+|[0-9A-Za-z]+$")


def _one_edit(core: str, units: list[str]):
    """(name, edit) for each of the unit's names that ``core`` differs from by a single
    edit (rapidfuzz's Levenshtein opcode: one replaced, inserted or deleted run)."""
    from rapidfuzz.distance import Levenshtein

    for u in units:
        edits = [op for op in Levenshtein.opcodes(u, core) if op.tag != "equal"]
        if len(edits) == 1:
            yield u, edits[0]


def _lookalike(unit: str, text: str, edit) -> bool:
    """Whether a one-edit difference is characters a recogniser takes for one another
    (:func:`verify.read.confusable.confusable`: 州 for 洲, 主 for 生): no other body's
    name is read with confidence there."""
    from verify.read.confusable import confusable

    if edit.tag != "replace" or edit.src_end - edit.src_start != edit.dest_end - edit.dest_start:
        return False
    return all(confusable(a, b) for a, b in zip(unit[edit.src_start:edit.src_end], text[edit.dest_start:edit.dest_end]))


def lookalike_of_unit(text: str, unit_names) -> tuple[str, str] | None:
    """(what was read, what the unit's name has) where a seal reading is one of the
    unit's names but for characters a recogniser confuses (东州 for 东洲), else None.

    >>> lookalike_of_unit("抚顺市生态环境局东州分局", ["抚顺市生态环境局东洲分局"])
    ('州', '洲')
    >>> lookalike_of_unit("抚州市生态环境局东洲分局", ["抚顺市生态环境局东洲分局"]) is None
    True
    """
    core, units = _compared(text, unit_names)
    for u, e in _one_edit(core, units):
        if _lookalike(u, core, e):
            return core[e.dest_start:e.dest_end], u[e.src_start:e.src_end]
    return None


def _differs(seal, unit_names) -> str:
    """Where a seal of another body differs from the unit's name, for the message:
    "（「导」处申报单位名称为「科」）", or "" when the seal kept no probabilities."""
    ev = _weighed(seal, unit_names)
    if ev is None:
        return ""
    diffs = [d for d in ev.differences if d.read and d.status == "different"]
    if ev.verdict != "other" or not diffs or ev.reading != (seal.text or ""):
        return ""
    # one word read in place of the unit's (:func:`another_word`) is said as one:
    # 「自然资源」处申报单位名称为「生态环境」, not its first two characters
    one = sorted({(d.at, d.read, d.expected) for d in diffs})
    if (WORD_RUN[0] <= len(one) <= WORD_RUN[1] and all(len(e) == 1 for _, _, e in one)
            and [a for a, _, _ in one] == list(range(one[0][0], one[0][0] + len(one)))):
        return f"（{_where_unlike([(''.join(r for _, r, _ in one), ''.join(e for _, _, e in one))])}，识别可信）"
    return f"（{_where_unlike([(d.read, d.expected) for d in diffs[:2]])}，识别可信）"


def _weighed(seal, unit_names):
    """The seal's :func:`~verify.marks.seals.seal_evidence`, or None where no reading kept
    the recogniser's probabilities (what it says of each character rests on them)."""
    if not any(len(r) > 2 and r[2] is not None for r in seal.readings):
        return None
    from verify.marks.seals import seal_evidence

    return seal_evidence(seal, unit_names)


def _where_unlike(places) -> str:
    """``「导」处申报单位名称为「科」``, for each (read, the name's) of ``places``, each
    said once (two differences of one alignment said 「局」处…「保」 twice: trust exploration 8, P07).

    >>> _where_unlike([("局", "保"), ("局", "保")]), _where_unlike([("导", "科"), ("中", "开")])
    ('「局」处申报单位名称为「保」', '「导」处申报单位名称为「科」，「中」处申报单位名称为「开」')
    """
    return "，".join(f"「{read}」处申报单位名称为「{own}」" for read, own in dict.fromkeys(places))


#: a seal's diameter in pixels below which its characters are a few pixels each: a 42 mm
#: seal scanned at 150 dpi is about 250 px, at 100 dpi 165
SMALL_SEAL_PX = 170


def _small(seal, page=None) -> str:
    """A note for a seal whose image is too small to read (a scan at 100 dpi or less:
    trust exploration 3, two or three seal reviews a clean dossier, told only 无法确认):
    the reviewer then knows a better scan settles it.

    >>> from verify.model import SealMark
    >>> _small(SealMark((0, 0, 125, 128), 0.9)), _small(SealMark((0, 0, 250, 250), 0.9))
    ('；印章图像直径仅约 126 像素（扫描分辨率偏低），印文难以辨认，如需可要求提交更清晰的扫描件', '')
    """
    x0, y0, x1, y1 = seal.bbox
    size = ((x1 - x0) + (y1 - y0)) / 2
    if size >= SMALL_SEAL_PX or name_seal_sized(page, seal) is not None:
        return ""  # a seal small on the page, not in the scan, is small in itself (a name seal): no better scan helps
    return f"；印章图像直径仅约 {size:.0f} 像素（扫描分辨率偏低），印文难以辨认，如需可要求提交更清晰的扫描件"


def _read_clearly_otherwise(seal, unit_names) -> str:
    """For a seal left to a person: where its reading clearly shows other characters
    than the unit's name has there (at most two places), "，其中「事务」处申报单位名称为「保护」",
    else "". A gray copy of a sister body's seal (…事务服务中心 for …保护服务中心) with two
    characters lost is no sure other body, but a hurried reviewer told only 无法确认 may
    take it for wear (trust exploration): this says where to look."""
    from verify.marks.seals.evidence import CLEAR, DIFFERENT, UNLIKELY

    ev = _weighed(seal, unit_names)
    if ev is None:
        return ""
    shown = normalize_seal_text(seal.text or "")
    diffs = [x for x in ev.differences if x.read and cjk_count(x.read) == len(x.read) and x.read in shown
             and x.status in (DIFFERENT, UNLIKELY) and x.clear >= CLEAR]
    runs: list[tuple[str, str, int]] = []  # (read, the name's, where the name goes on): neighbours joined (事务 for 保护)
    for x in sorted(diffs, key=lambda x: x.at):
        if runs and runs[-1][2] == x.at:
            runs[-1] = (runs[-1][0] + x.read, runs[-1][1] + x.expected, x.at + len(x.expected))
        else:
            runs.append((x.read, x.expected, x.at + len(x.expected)))
    if len(runs) > 2:
        # a long name read with scattered misreads (漏限 for 有限): those inside a word every
        # such name carries are not where it may name another body
        from verify.marks.seals.evidence import in_common_word

        name = normalize_seal_text(unit_names[0]) if unit_names else ""
        runs = [(r, e, end) for r, e, end in runs
                if not (name and all(in_common_word(name, i) for i in range(end - len(e), end)))]
    if not runs or len(runs) > 2:
        return ""
    return "，其中" + _where_unlike((r, e) for r, e, _ in runs)


def _lost_from(text: str, unit_names) -> str:
    """For a seal left to a person whose reading is the unit's name but for one run of one
    to three characters not read (石 of 抚顺石化分公司 worn; or 沈河区 of a district's body,
    the seal perhaps the city's): "，其中申报单位名称中的「石」未能识别", else "". 无法确认 alone
    sent the reviewer to compare two long names character by character.

    >>> _lost_from("中国石油天然气股份有限公司抚顺化分公司", ["中国石油天然气股份有限公司抚顺石化分公司"])
    '，其中申报单位名称中的「石」未能识别'
    >>> _lost_from("沈阳市生态环境保护服务中心", ["沈阳市沈河区生态环境保护服务中心"])
    '，其中申报单位名称中的「沈河区」未能识别'
    >>> _lost_from("沈阳市生态环境局", ["沈阳市沈河区生态环境保护服务中心"]), _lost_from("", ["沈阳市生态环境局"])
    ('', '')
    """
    from rapidfuzz.distance import Levenshtein

    core, units = _compared(text, unit_names)
    for u in units if core else ():
        ops = [o for o in Levenshtein.opcodes(u, core) if o.tag != "equal"]
        if len(ops) == 1 and ops[0].tag == "delete" and ops[0].src_end - ops[0].src_start <= 3:
            return f"，其中申报单位名称中的「{u[ops[0].src_start:ops[0].src_end]}」未能识别"
    return ""


#: seals a unit keeps for one business (its contract, finance, invoice seals), not for
#: vouching for a person's documents
#: what a special-purpose seal is for (检验检测 before 检测 and 检验: the longest first)
_PURPOSES = ("合同", "财务", "发票", "报关", "检验检测", "检测", "检验", "质检", "投标", "结算", "业务")
_PURPOSE_SEAL = re.compile(rf"(?:{'|'.join(_PURPOSES)})专用章?")


def _for_another_purpose(seal, kind: str | None = None) -> str | None:
    """The kind of special-purpose seal (合同专用章…) the seal's bottom line or ring says
    it is, or None for an official seal. A finance seal is the unit's own on an
    achievement proof (an 经济效益证明 is the finance office's to stamp).

    >>> from verify.model import SealMark
    >>> _for_another_purpose(SealMark((0, 0, 9, 9), 0.9, text="抚顺市生态环境监测站", bottom_text="合同专用章"))
    '合同专用章'
    >>> _for_another_purpose(SealMark((0, 0, 9, 9), 0.9, text="抚顺市生态环境监测站", bottom_text="人事处")) is None
    True
    >>> _for_another_purpose(SealMark((0, 0, 9, 9), 0.9, text="抚顺市生态环境监测站", bottom_text="验检测专用"))  # probe alt15 P12
    '检测专用章'
    >>> _for_another_purpose(SealMark((0, 0, 9, 9), 0.9, text="抚顺市生态环境监测站", bottom_text="财务专用章"), "achievement_proof") is None
    True
    """
    m = _PURPOSE_SEAL.search(normalize_seal_text(seal.bottom_text) + " " + normalize_seal_text(seal.text))
    use = m.group(0).removesuffix("章") + "章" if m else None
    if use is None:
        # the line under the star read too unsurely to be kept as bottom_text: what it says
        # is asked of the recogniser's own probabilities for it (:func:`_under_star`)
        use = _under_star(seal)
    if use is None and _oval(seal) and not any(w in normalize_seal_text(seal.bottom_text) for w in OWN_WORDS):
        use = _use(OVAL, "")
    if use is None:
        # nothing read there says what the seal is for, but its ink may show a line of
        # characters the reading could not name (:func:`_unnamed_row`)
        use = _unnamed_row(seal)
    if use is None or (kind == "achievement_proof" and (use in ("财务专用章", UNREAD, OVAL) or getattr(use, "in_row", False))):
        # (a line under the star not read either way, or an oval, may be the finance seal's there; and so
        # may a word only a row's stretched band says: a 财务专用章's row read 「务专用章」 was said 业务专用章)
        return None
    return use


#: what an oval seal of the unit is taken for where nothing under its star says what it is for
OVAL = "椭圆形印章"
#: an oval's box at most this much as high as wide (or wide as high): the generator's ovals (0.68
#: of the width high, turned up to 25 degrees) box at 0.71-0.81; a round seal's box is square
#: unless photographed 32 degrees or more aslant
OVAL_BOX = 0.85


def _oval(seal) -> bool:
    """Whether the seal is an oval (``shape`` ellipse, its box :data:`OVAL_BOX` or less
    across its length): a unit's official seal (公章) is round; its finance, contract and
    invoice seals are often oval, and their line under the star, read from a photo, is
    often read as nothing at all (the 财务专用章 of set-s7 A007-015 and 017, sample
    A2024-004 and set-s11 A011-023: 「美餐」 at 0.09, 「」).

    >>> from verify.model import SealMark
    >>> _oval(SealMark((0, 0, 233, 177), 0.9, shape="ellipse")), _oval(SealMark((0, 0, 233, 220), 0.9, shape="ellipse"))
    (True, False)
    >>> _oval(SealMark((0, 0, 233, 177), 0.9, shape="circle"))
    False
    """
    if getattr(seal, "shape", None) != "ellipse":
        return False
    x0, y0, x1, y1 = seal.bbox
    w, h = x1 - x0, y1 - y0
    return min(w, h) <= OVAL_BOX * max(w, h)


#: a line under the star is named by its reading where one line was read at this score or
#: better as two characters or more (a serial number, a date printed in the seal's colour, a
#: department), or kept as ``bottom_text``
ROW_NAMED = 0.5


#: a gray seal's row counts as a purpose line with this many glyph-wide cells or more (合同专用章:
#: five characters), its ends this near to even about the centre (left + right, in radii)
GRAY_CELLS = 5
GRAY_OFF_CENTRE = 0.15


#: a coloured seal's row counts where its ends lie even about the centre to this share of
#: the radius (their sum): a 合同/财务专用章's line is centred under the star (of 315 drawn
#: by the generator, faint and worn, none is off by more than 0.23), and a row the ink shows
#: off to one side is the name's end turned down (probe trust13 C02: the real S06 photographed
#: askew, its turn 72 degrees off, 0.35 off the centre)
OFF_CENTRE = 0.3


def _unnamed_row(seal) -> _Use | None:
    """:data:`UNREAD` where the ink under a red or blue seal's star shows a line of
    characters by its shape (``seal.bottom_row``, :func:`verify.marks.seals.bottom.character_row`)
    that no reading named (:data:`ROW_NAMED`), else None. An official seal has nothing
    under its star, or a serial number along the rim; a 合同专用章 or 财务专用章 a line of four
    to seven characters across it, which worn, faint ink leaves unread: the round
    合同专用章 drawn by the generator at opacity 0.5 stood for the unit's official seal on
    the sample's recommendation form, no line under its star read at all. A copy's gray
    ink holds the page's print (a date, 单位（盖章）) where its seal is, so a gray seal's
    row counts only where the page's print in its box was told from the seal's ink and
    left out (``row.printed``: print far darker than the copied seal,
    :func:`verify.marks.seals.reading._dark_cover`), and only as a purpose line looks:
    :data:`GRAY_CELLS` cells or more, centred (:data:`GRAY_OFF_CENTRE`). The same seal
    copied gray (合同专用章, 财务专用章 on the sample's recommendation form), its line
    read as nothing, passed as the unit's official seal; a clean gray copy's row with no
    print told apart (set-s11's recommendation form: print as light as its seal) or off
    the centre does not count.

    >>> from verify.model import SealMark
    >>> from verify.marks.seals.bottom import InkRow
    >>> row = InkRow(0.35, 0.49, -0.39, 0.41, 6)
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9, bottom_row=row))
    '五角星下方文字无法辨认的印章'
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9, bottom_row=row, bottom_readings=[("光", 0.19, None)])).read
    '光'
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9, bottom_row=row, bottom_readings=[("2019年9月", 0.99, None)])) is None
    True
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9, bottom_row=row, color="dark")) is None
    True
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9, bottom_row=row._replace(printed=True), color="dark"))
    '五角星下方文字无法辨认的印章'
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9, bottom_row=InkRow(0.26, 0.44, -0.55, 0.32, 5, True), color="dark")) is None
    True
    >>> _unnamed_row(SealMark((0, 0, 9, 9), 0.9)) is None
    True
    """
    row = getattr(seal, "bottom_row", None)
    if row is None or seal.bottom_text:
        return None
    if seal.color == "dark":
        if not (getattr(row, "printed", False) and row.cells >= GRAY_CELLS
                and abs(row.left + row.right) <= GRAY_OFF_CENTRE):
            return None
    elif seal.color not in ("red", "blue") or abs(row.left + row.right) > OFF_CENTRE:
        return None
    readings = getattr(seal, "bottom_readings", None) or ()
    if any(r[1] >= ROW_NAMED and len(normalize_seal_text(r[0])) >= 2 for r in readings):
        return None
    read = max(readings, key=lambda r: r[1], default=("", 0.0))[0]
    return _use(UNREAD, read)


#: what a line under the star says on a seal kept for one business (checked against the
#: recogniser's probabilities for the line: :func:`_under_star`)
PURPOSE_WORDS = tuple(f"{p}专用章" for p in _PURPOSES)
#: what it says on a seal of the unit's own that vouches for its people (a department's)
OWN_WORDS = ("人事专用章", "人事处", "人事科", "组织人事处", "组织人事部", "人力资源部", "人事部", "办公室",
             "党政办公室", "综合办公室", "行政办公室")
#: How a word fares against a line: the log-likelihood ratio of the word (as the whole line,
#: or in place of the stretch most like it) against the free reading, with characters the
#: recogniser did not keep in a frame taken as impossible there (:func:`verify.read.confirm._floor`:
#: each costs about ocr.ctc.MIN_LOGP, -30 nats). The upper bound (all the mass left over given
#: to such a character) decides nothing here: on the lines under the star of the unit's own
#: official seals of set-s7 A007-001..010 (print, a date, nothing) it put every purpose word
#: above the free reading (up to +13 nats), where the lower bound put them at -112 or less.
#: A purpose word with at most one character kept nowhere (the sample's 财美专用章: -28 for
#: 财务专用章) whose best own word has one more (-57 for 人事专用章) is what the line says:
SAID_LLR = -40.0
SAID_MARGIN = 20.0
#: a purpose word with at most two characters kept nowhere (and not said): the line may say it
UNSURE_LLR = -70.0
#: what a line under the star is taken to be where its ink cannot be read either way
UNREAD = "五角星下方文字无法辨认的印章"


class _Use(str):
    """A seal's use decided from the probabilities of the line under its star: the word
    (or :data:`UNREAD`) with what the line was read as."""

    read: str = ""
    #: said only by the band of a row under the star read with its levels stretched
    #: (``bottom_row.read``), where the bottom reader read nothing that says it
    in_row: bool = False


def _words_llr(lattice, best: str, words) -> tuple[float, str]:
    """The best ``(llr, word)`` of ``words`` against the line: the lower bound of each
    word's log-likelihood ratio against the free reading ``best``, as the whole line or in
    place of the stretch of it most like the word (a serial number or a bracket read
    beside it)."""
    from rapidfuzz import fuzz

    from verify.read.confirm import _floor

    whole = lattice.log_likelihood(best)
    floor = _floor(lattice)
    out = []
    for w in words:
        hyps = {w}
        if best:
            span = fuzz.partial_ratio_alignment(w, best)
            if span is not None and span.score > 0:
                hyps.add(best[:span.dest_start] + w + best[span.dest_end:])
        out.append((max(floor.log_likelihood(h) for h in hyps) - whole, w))
    return max(out)


def _under_star(seal) -> _Use | None:
    """What the lines under the seal's star read too unsurely for ``bottom_text`` say, by
    the recogniser's own probabilities for each (check the claim): a special-purpose word
    (合同专用章…) likely there and the unit's own words (人事专用章, 人事处…) far less so:
    that word; a line far from every purpose word (a serial number, print, nothing read):
    None; a purpose word not far from it, but not said (as likely as the unit's own
    words, or two characters the recogniser kept nowhere), or 章 read there
    (:data:`_SEAL_WORD`, also without probabilities): :data:`UNREAD`. The sample's oval
    财务专用章 read 「财美专用章」 at 0.44 and passed as the unit's official seal on any
    document.

    >>> from ocr.ctc import Lattice, toy_frames
    >>> from verify.model import SealMark
    >>> line = lambda text, **kw: (text, 0.4, Lattice.from_probs(*toy_frames(text, **kw)))
    >>> under = lambda *lines: _under_star(SealMark((0, 0, 9, 9), 0.9, bottom_readings=list(lines)))
    >>> under(line("财美专用章", unsure={1: "务"}))
    '财务专用章'
    >>> under(line("财美专用章"))  # 务 kept nowhere: said all the same, 人事专用章 lacking two
    '财务专用章'
    >>> under(line("财美专用")), under(line("事专用章"))  # two characters kept nowhere; 事 of 人事 too
    ('五角星下方文字无法辨认的印章', '五角星下方文字无法辨认的印章')
    >>> under(line("2104000012345")) is None, under(line("人事专用章")) is None, under(line("年10月")) is None
    (True, True, True)
    >>> under(line("快14章")), under(line("单位（盖章）")) is None  # 章 read after others; a form's label
    ('五角星下方文字无法辨认的印章', True)
    >>> under(line("章")) is None, under(line("（章）")) is None  # what a gray copy left of （盖章）
    (True, True)
    >>> from verify.marks.seals.bottom import InkRow
    >>> row = lambda *lines, **kw: _under_star(SealMark((0, 0, 9, 9), 0.9, bottom_readings=list(lines), **kw))
    >>> said = row(bottom_row=InkRow(0.32, 0.45, -0.46, 0.17, 4, True, line("合同专用")))  # the row's band read
    >>> said, said.read
    ('合同专用章', '合同专用')
    >>> row(line("2024年10月12日"), bottom_row=InkRow(0.32, 0.45, -0.46, 0.17, 4, True, line("快14章")))
    '五角星下方文字无法辨认的印章'
    >>> row(bottom_row=InkRow(0.36, 0.53, -0.54, 0.31, 5, True, line("（单位公章）"))) is None
    True
    """
    said, unsure = None, None
    row = getattr(seal, "bottom_row", None)
    # and the band of a line the ink under the star shows by its shape, read with its levels
    # stretched (:func:`verify.marks.seals.bottom.row_strip`): a line lighter than the bottom
    # reader's cut is read there alone (the generator's 合同专用章 copied gray and worn after
    # 合同专, its row off the centre: 「合同专」)
    row_read = [row.read] if getattr(row, "read", None) is not None else []
    lines = [*(getattr(seal, "bottom_readings", None) or ())]
    for i, r in enumerate([*lines, *row_read]):
        raw, lattice, in_row = r[0], (r[2] if len(r) > 2 else None), i >= len(lines)
        text = normalize_seal_text(raw)
        own_said = any(w in text for w in OWN_WORDS)
        if lattice is not None:
            try:
                best = lattice.best_text()
                (llr, word), (own, _) = _words_llr(lattice, best, PURPOSE_WORDS), _words_llr(lattice, best, OWN_WORDS)
            except Exception:  # a lattice that cannot score the words: no evidence from it
                log.debug("line under the star %r could not be scored", raw, exc_info=True)
            else:
                log.debug("line under the star %r %.2f: %s %.1f, own %.1f", raw, r[1], word, llr, own)
                own_said = own >= SAID_LLR and own >= llr + SAID_MARGIN
                if llr >= SAID_LLR and llr >= own + SAID_MARGIN:
                    said = said or _use(word, raw, in_row)
                    continue
                if llr >= UNSURE_LLR and not own_said:
                    unsure = unsure or _use(UNREAD, raw, in_row)
                    continue
        if _SEAL_WORD.search(text) and not own_said:
            unsure = unsure or _use(UNREAD, raw, in_row)
    return said or unsure


#: 章, the last character of every purpose word, read under the star where the rest of the
#: word is not: the line may say one (「快14章」 where the sample's 财务专用章 was stamped on a
#: recommendation form); 章 of a form's label printed under the seal (（盖章）, 单位公章, 印章)
#: says nothing, and neither does 章 read alone, what a gray copy left of that label (盖 lost:
#: probe trust14's clean C46, two reviews). No line under the star of the 30 set-s7 dossiers'
#: seals read 章.
_SEAL_WORD = re.compile(r"(?<=[^\W盖公印])章")


def _not_official(kind_zh: str, use: str, unit: str, oval: bool = False) -> str:
    """The review of the unit's seal for another purpose (:func:`_for_another_purpose`), saying where its use was
    looked for: under the star of a round seal, across the middle of an ``oval`` (:func:`_oval`), which has no star
    (probe trust29 P04, P05: an oval 财务/发票专用章 was told «五角星下方未识别出印章用途»).

    >>> _not_official("推荐表", "合同专用章", "抚顺市环境科学研究院")
    '推荐表的印章为申报单位的「合同专用章」，不是单位公章，请人工核对是否认可'
    >>> print(_not_official("推荐表", _use("财务专用章", "财美专用章"), "抚顺市环境科学研究院"))
    推荐表的印章为申报单位的「财务专用章」（五角星下方文字识别为「财美专用章」，经逐字识别概率判断为「财务专用章」），不是单位公章，请人工核对是否认可
    >>> _not_official("推荐表", _use(UNREAD, "财美专用"), "抚顺市环境科学研究院")
    '推荐表的印章为申报单位「抚顺市环境科学研究院」的印章，但五角星下方有一行文字无法辨认（识别为「财美专用」），可能是合同、财务等专用章而非单位公章，请人工核对'
    >>> _not_official("推荐表", _use(OVAL, ""), "抚顺市环境科学研究院")
    '推荐表的印章为申报单位「抚顺市环境科学研究院」的椭圆形印章，印章中部未识别出印章用途；单位公章为圆形，椭圆形印章多为合同、财务等专用章，请人工核对是否为单位公章'
    >>> _not_official("推荐表", _use(UNREAD, "财美专用"), "抚顺市环境科学研究院", oval=True)
    '推荐表的印章为申报单位「抚顺市环境科学研究院」的椭圆形印章，但印章中部有一行文字无法辨认（识别为「财美专用」），可能是合同、财务等专用章而非单位公章，请人工核对'
    """
    read = getattr(use, "read", None)
    where, shape = ("印章中部", "椭圆形印章") if oval or use == OVAL else ("五角星下方", "印章")
    if use == OVAL:
        return (f"{kind_zh}的印章为申报单位「{unit}」的椭圆形印章，{where}未识别出印章用途；单位公章为圆形，"
                "椭圆形印章多为合同、财务等专用章，请人工核对是否为单位公章")
    if use == UNREAD:
        seen = f"（识别为「{read}」）" if read else ""
        return (f"{kind_zh}的印章为申报单位「{unit}」的{shape}，但{where}有一行文字无法辨认{seen}，"
                "可能是合同、财务等专用章而非单位公章，请人工核对")
    how = f"（{where}文字识别为「{read}」，经逐字识别概率判断为「{use}」）" if read is not None and read != use else ""
    return f"{kind_zh}的印章为申报单位的「{use}」{how}，不是单位公章，请人工核对是否认可"


def _use(word: str, read: str, in_row: bool = False) -> _Use:
    use = _Use(word)
    use.read = normalize_seal_text(read)
    use.in_row = in_row
    return use


def _alias_matched(seal, applicant) -> str | None:
    """The alias of ``applicant.unit_aliases`` a seal of the unit matched, where the unit's
    own name does not: a pass then names the alias the applicant gave, not the seal's
    text as the unit (probe alt23 F16)."""
    from verify.marks.seals import seal_match

    if not applicant.unit_aliases or seal_match(seal, [applicant.unit]) == "unit":
        return None
    names = applicant.unit_names
    return next((n for n in names[1:] if seal_match(seal, [n]) == "unit"), None)


def _near_miss_beside(others, unit_names):
    """(page, seal) of the first of ``others`` (seals not the unit's) that surely names
    another body (:func:`_another_body`) whose name is at most two characters from a name
    of the unit (抚州市生态环境监测中心 beside 抚顺市…), else None. A higher body's seal
    (抚顺市生态环境局 over its 顺城分局) or a board's is further than that.

    >>> from types import SimpleNamespace as NS
    >>> seal = lambda t: NS(text=t, readings=[])
    >>> _near_miss_beside([(1, seal("抚州市生态环境监测中心"))], ["抚顺市生态环境监测中心"])[0]
    1
    >>> _near_miss_beside([(1, seal("抚顺市生态环境局")), (2, seal("抚顺市人力资源和社会保障局"))],
    ...                   ["抚顺市生态环境局顺城分局"]) is None
    True
    """
    from rapidfuzz.distance import Levenshtein

    units = [normalize_seal_text(u) for u in unit_names if u]
    for p, s in others:
        text = normalize_seal_text(s.text or "")
        if text and any(Levenshtein.distance(text, u) <= 2 for u in units) and _another_body(s, unit_names):
            return p, s
    return None


#: how much more of its ring a seal naming the unit's parent body alone must fill than the same characters fill on
#: the unit's own seal: its name is whole there, not the unit's name with its end lost
PARENT_ARC = 1.2
#: how far (share) two seals' diameters may differ to be the same seal
SAME_SIZE = 0.1


def _parent_alone(seals: list, d: Dossier, sure=None):
    """``(page, seal, why)`` where every seal of a document is a clean reading of a body's name that the unit's own
    name begins with (抚顺市生态环境局 for 抚顺市生态环境局望花分局: the branch's parent, a real body) or a mere mark,
    a certain seal in colour, and the reading is whole: the recogniser sure that nothing follows it on the ring, and its characters filling
    :data:`PARENT_ARC` times the arc they fill on the unit's own seal, found in full on another page of the dossier at
    the same size. A seal of the branch whose last characters were lost reads so too, but its characters are set at
    the branch's pitch: the arc they fill gives it away (probe trust32 T32-14, 8 characters over 202 degrees where
    the branch's seal sets 12 over 247: its first 8 would fill 165). Else None: the review of a partial reading.

    >>> from types import SimpleNamespace as NS
    >>> from verify.model import Applicant, SealMark
    >>> page = NS(ocr=NS(width=1654, height=2339))
    >>> own = SealMark((389, 1487, 728, 1826), 1.0, text="抚顺市生态环境局望花分局", unit_match="unit", arc_span=247.0)
    >>> parent = SealMark((1071, 1487, 1410, 1826), 1.0, text="抚顺市生态环境局", text_score=1.0, arc_span=202.0)
    >>> dossier = NS(applicant=Applicant(name="张三", unit="抚顺市生态环境局望花分局"), pages=[NS(seals=[own], ocr=page.ocr)])
    >>> _parent_alone([(page, parent)], dossier, sure=lambda s, u, rest: True)[2]
    '（印章仅为上级单位「抚顺市生态环境局」的名称：其 8 个字占印章环约 202°，而同一申报材料中申报单位印章上的这 8 个字仅占约 165°，不是申报单位印章缺失了「望花分局」）'
    >>> parent.arc_span = 180.0  # no more than the branch's own pitch gives its first 8 characters: maybe its end lost
    >>> _parent_alone([(page, parent)], dossier, sure=lambda s, u, rest: True) is None
    True
    >>> parent.arc_span, parent.color = 202.0, "dark"  # a gray copy's: print in its band spans the ring as well
    >>> _parent_alone([(page, parent)], dossier, sure=lambda s, u, rest: True) is None
    True
    """
    from verify.rules.seal_present import seal_mm

    sure = sure or _nothing_after
    names = [n for n in (normalize_seal_text(u) for u in d.applicant.unit_names) if n]
    read = [(p, s) for p, s in seals if not _mere_mark(s)]
    if len(read) != 1:
        return None
    p, s = read[0]
    text = normalize_seal_text(s.text or "")
    if len(text) < 4 or s.text_score < CLEAN_PARENT or not s.arc_span or not _body_kind(text) or not s.certain \
            or s.color == "dark":
        return None  # a gray copy's seal: print across its ring counts in the arc its ink spans
    for unit in names:
        rest = unit[len(text):]
        if not unit.startswith(text) or len(rest) < 2 or not _body_kind(rest) or not sure(s, unit, rest):
            continue
        size = seal_mm(p, s)
        own = [t.arc_span for q in d.pages for t in q.seals if t.unit_match == "unit" and t.arc_span and t.shape == s.shape
               and normalize_seal_text(t.text or "") == unit and size and (mm := seal_mm(q, t))
               and abs(mm - size) <= SAME_SIZE * size]
        if not own:
            continue
        fill = min(own) * len(text) / len(unit)
        if s.arc_span >= PARENT_ARC * fill:
            return p, s, (f"（印章仅为上级单位「{s.text}」的名称：其 {len(text)} 个字占印章环约 {s.arc_span:.0f}°，而同一申报材料中"
                          f"申报单位印章上的这 {len(text)} 个字仅占约 {fill:.0f}°，不是申报单位印章缺失了「{rest}」）")
    return None


#: how clean (its score) a parent body's name read alone on a seal must be
CLEAN_PARENT = 0.95


def _nothing_after(seal, unit: str, rest: str) -> bool:
    """Whether the seal's readings show every character of ``unit`` before ``rest`` as it is and the recogniser sure
    that ``rest`` is not on the ring after them (:func:`verify.marks.seals.evidence.seal_evidence`)."""
    from verify.marks.seals.evidence import MATCHED, SURE, seal_evidence

    ev = seal_evidence(seal, [unit])
    n = len(unit) - len(rest)
    return (len(ev.status) == len(unit) and all(x == MATCHED for x in ev.status[:n])
            and any(not x.read and x.expected == rest and x.llr <= SURE * len(rest) for x in ev.differences))


def _mere_mark(seal) -> bool:
    """A dark mark on a copy found as a possible seal with no star and no reading of three
    Chinese characters or more along it: a block of table rules read as 「海」 (probe alt22
    T2), not a second seal that may be the unit's. It does not hold back a fail on
    another body's seal read surely beside it.

    >>> from verify.model import SealMark
    >>> _mere_mark(SealMark((0, 0, 9, 9), 0.5, color="dark", certain=False, text="海"))
    True
    >>> _mere_mark(SealMark((0, 0, 9, 9), 0.5, color="dark", certain=False, text="顺市生态环境监测站S"))
    False
    """
    if seal.certain or "star" in (seal.traits or ()):
        return False
    texts = [seal.text, *(r[0] for r in seal.readings or ())]
    return not any(cjk_count(normalize_seal_text(t)) >= 3 for t in texts if t)


def certifier(page, seal) -> bool:
    """Whether ``seal`` is the certifier's on a copy: a coloured seal on a page that
    certifies itself a copy (:func:`verify.marks.seals.candidates.certified_copy`),
    stamped on or beside that certification (its box within a seal's width of the line's).
    HR copies an original on a black-and-white copier and certifies the copy in red,
    often with its own seal (an archive keeper's 人才服务中心): that seal says the copy is
    true, not whose document it is, and failed seal.unit on a clean copy whose unit's
    seal was copied gray beside it.

    >>> from types import SimpleNamespace as NS
    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    >>> page = NS(ocr=OcrPage(1654, 2339, [OcrLine("复印件与原件一致", box(1100, 80, 1500, 140), 0.9, 0)]))
    >>> seal = lambda x, y, color="red": NS(bbox=(x - 150, y - 150, x + 150, y + 150), color=color)
    >>> certifier(page, seal(1450, 110)), certifier(page, seal(1000, 1900)), certifier(page, seal(1450, 110, "dark"))
    (True, False, False)
    >>> certifier(NS(ocr=OcrPage(1654, 2339, [])), seal(1450, 110))
    False
    """
    from verify.marks.seals.candidates import certification_lines

    if getattr(seal, "color", None) not in ("red", "blue"):
        return False
    return any(_beside(line, seal) for line in certification_lines(getattr(page, "ocr", None)))


def _unit_with_characters_lost(text: str, names) -> bool:
    """Whether a seal's reading is one of the unit's ``names`` with characters lost and none changed.

    >>> _unit_with_characters_lost("北京中导开科技有限公司", ["北京中导开源科技有限公司"])
    True
    >>> _unit_with_characters_lost("北京中科开源科技有限公司", ["北京中导开源科技有限公司"])  # a character changed
    False
    """
    from verify.rules.seal_issuer import _lost_from

    text = "".join(text.split())
    return any(text != n and _lost_from(text, n) for n in names if n)


def _beside(line, seal) -> bool:
    """Whether the seal's centre lies within one seal's size of the printed ``line``'s box:
    the seal stamped on or beside that line (a certification, the issuer's name at a foot)."""
    x0, y0, x1, y1 = seal.bbox
    reach = max(x1 - x0, y1 - y0)
    lx0, ly0, lx1, ly1 = line.bbox
    return lx0 - reach <= (x0 + x1) / 2 <= lx1 + reach and ly0 - reach <= (y0 + y1) / 2 <= ly1 + reach


def _printed_as(line: str, name: str) -> bool:
    """Whether a printed line is the seal's name, one character of it lost or misread where the seal's ink lies over
    the print (抚顺市科学技局 under the seal of 抚顺市科学技术局: probe trust25 C05).

    >>> _printed_as("抚顺市科学技局", "抚顺市科学技术局"), _printed_as("抚顺市科学技术局", "抚顺市科学技术局")
    (True, True)
    >>> _printed_as("抚顺市生态环境局", "抚顺市科学技术局"), _printed_as("抚顺市", "抚顺市科学技术局")
    (False, False)
    """
    from rapidfuzz.distance import Levenshtein

    return len(line) >= 4 and Levenshtein.distance(line, name) <= 1


#: a certificate's title (结题证书, 验收证书, 鉴定证书, 登记证书), or an opinion a body gives on the unit's work (项目验收意见,
#: 鉴定意见): a document a body issues about the unit's work
_CERTIFICATE_TITLE = re.compile(r"(结题|验收|鉴定|登记|成果|评价)(证书|意见)")
#: the label before the issuer's name on its line (组织验收单位（盖章）：抚顺市科学技术局)
_ISSUER_LABEL = re.compile(r"(单位|机关|部门|盖章|签章)$")


def issuer_certificate(page, seal, unit_names) -> bool:
    """Whether ``seal`` is the issuing body's on a certificate it gave for the unit's work (a 科学技术局's 结题证书 for a
    project the unit carried out): the page is titled as such a certificate, prints the seal's name as a line of its
    own beside the seal (the issuer's name at its foot), and names the unit (its 承担单位). Such a seal is not the unit's
    and says nothing against it: the body that issued the certificate sealed it (probe trust25 C05, C15: a clean 结题证书
    of 抚顺市科学技术局 failed as another body's seal on an achievement proof).

    >>> from types import SimpleNamespace as NS
    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    >>> lines = [OcrLine("结 题 证 书", box(600, 200, 1100, 280), 0.9, 0), OcrLine("承担单位", box(200, 500, 400, 540), 0.9, 1),
    ...          OcrLine("抚顺县生态环境保护服务中心", box(500, 500, 1100, 540), 0.9, 2),
    ...          OcrLine("抚顺市科学技术局", box(1100, 1640, 1400, 1690), 0.9, 3)]
    >>> page = NS(ocr=OcrPage(1654, 2339, lines))
    >>> seal = NS(bbox=(1050, 1500, 1350, 1800), text="抚顺市科学技术局")
    >>> issuer_certificate(page, seal, ["抚顺县生态环境保护服务中心"])
    True
    >>> issuer_certificate(page, seal, ["抚顺市生态环境局望花分局"])  # another unit's certificate
    False
    >>> issuer_certificate(page, NS(bbox=(100, 100, 300, 300), text="抚顺市科学技术局"), ["抚顺县生态环境保护服务中心"])  # far
    False
    >>> page2 = NS(ocr=OcrPage(1654, 2339, [OcrLine("业绩证明", box(600, 200, 1100, 280), 0.9, 0)] + lines[1:]))
    >>> issuer_certificate(page2, seal, ["抚顺县生态环境保护服务中心"])  # a proof: the unit writes and seals it
    False

    An expert group's 验收意见, the organising body's name after its line's label (probe trust25 C19):

    >>> lines3 = [OcrLine("抚顺市科技计划项目验收意见", box(400, 200, 1200, 280), 0.9, 0), lines[1], lines[2],
    ...           OcrLine("组织验收单位（盖章）：抚顺市科学技术局", box(700, 1640, 1400, 1690), 0.9, 3)]
    >>> issuer_certificate(NS(ocr=OcrPage(1654, 2339, lines3)), seal, ["抚顺县生态环境保护服务中心"])
    True
    >>> lines5 = lines3[:3] + [OcrLine("组织验收单位（盖章）：抚顺市科学技局", box(700, 1640, 1400, 1690), 0.9, 3)]
    >>> issuer_certificate(NS(ocr=OcrPage(1654, 2339, lines5)), seal, ["抚顺县生态环境保护服务中心"])  # 术 under the ink
    True
    >>> lines4 = lines3[:3] + [OcrLine("审核人：抚顺市科学技术局", box(700, 1640, 1400, 1690), 0.9, 3)]
    >>> issuer_certificate(NS(ocr=OcrPage(1654, 2339, lines4)), seal, ["抚顺县生态环境保护服务中心"])  # no issuer's label
    False
    """
    ocr = getattr(page, "ocr", None)
    name = normalize_seal_text(getattr(seal, "text", None) or "")
    if ocr is None or len(name) < 4 or not _CERTIFICATE_TITLE.search(re.sub(r"\s", "", ocr.text)):
        return False
    text = normalize_seal_text(ocr.text)
    if not any(len(u) >= 3 and normalize_seal_text(u) in text for u in unit_names):
        return False
    for line in ocr.lines:
        printed = normalize_seal_text(line.text)
        after_label = any(_ISSUER_LABEL.search(printed[:-k]) and _printed_as(printed[-k:], name)
                          for k in (len(name) - 1, len(name), len(name) + 1) if 0 < k < len(printed))
        if (_printed_as(printed, name) or after_label) and _beside(line, seal):
            return True
    return False


def check(d: Dossier) -> list[Finding]:
    findings = []
    unit = d.applicant.unit
    for g in d.groups_of(*d.campaign.kinds_where("seal_names_unit")):
        seals = [(p, s) for p in g.pages for s in p.seals]
        cut_only = bool(seals) and all(cut_at_edge(s) for _, s in seals)
        # the certifier's seal on a copy (its red 复印件与原件一致) is not the document's:
        # whose document it is rests on the others; with none of them but mere marks (a
        # copied seal not read), a person looks
        certifying = [(p, s) for p, s in seals if s.unit_match != "unit" and certifier(p, s)]
        if certifying and all(_mere_mark(s) for p, s in seals if not any(s is c for _, c in certifying)):
            p, s = certifying[0]
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}为加盖「复印件与原件一致」的复印件，所见印章「{s.text or '无法识别'}」"
                                    f"盖在核对复印件处，是复印件核对单位的印章；复印件上未能识别出申报单位「{unit}」的印章，请人工核对",
                                    p, bbox=s.bbox, value=s.text, expected=unit))
            continue
        seals = [(p, s) for p, s in seals if not any(s is c for _, c in certifying)]
        if not seals:
            # no seal found: seal.present fails its absence, or asks a person to look where one
            # may be there unseen (a trace of red ink or of a broken ring, a gray copy): whose
            # seal that is is then as undecided as whether there is one
            absent = no_seal_found(d, g)
            if absent.status == "review":
                seen = next(filter(None, map(ring_text, g.pages)), "")
                findings.append(Finding(RULE_ID, "review", f"{g.kind_zh}上未能识别出印章（{_WHY_UNSEEN}）{seen}，"
                                        f"无法核对是否为申报单位「{unit}」的印章，请人工核对", file=absent.file,
                                        page=absent.page, bbox=absent.bbox, expected=unit))
            continue
        ours = [(p, s) for p, s in seals if s.unit_match == "unit"]
        # a worn seal of the same kind of body in another place is surely another body's
        placed = {id(s): where for p, s in seals if not ours and s.unit_match != "unit"
                  and (where := another_place(s, d.applicant.unit_names))}
        others = [(p, s) for p, s in seals if s.unit_match == "other" or id(s) in placed]
        unread = [(p, s) for p, s in seals if s.unit_match not in ("unit", "other") and id(s) not in placed]
        unread.sort(key=lambda ps: _mere_mark(ps[1]))  # a review names a ring read as a name before a mere mark
        official = [(p, s) for p, s in ours if not _for_another_purpose(s, g.kind)]
        if official:
            p, s = official[0]
            alias = _alias_matched(s, d.applicant)
            if alias is not None and not kin_names(alias, unit):
                # the applicant's own file says whose seal counts: an alias naming another city's
                # body passed that body's seal (hostile exploration 2, P1); a former or short name
                # keeps the unit's place or its own name (抚顺市环境监测中心站 for 抚顺市生态环境监测站)
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的印章为申报单位填写的别名「{alias}」，但该别名与申报单位"
                                        f"「{unit}」的地名和字号均不相同，请人工核对该别名是否确为申报单位的曾用名或简称", p,
                                        bbox=s.bbox, value=s.text, expected=unit))
                continue
            near = _near_miss_beside(others, d.applicant.unit_names)
            if near is not None:
                # beside the unit's seal, a body's whose name is one or two characters from the
                # unit's, read surely: two documents in one image (an A3 spread), one stamped by
                # the near body; a seal of a higher body (…局 over its 分局) is no near name
                # (trust exploration 4, P20: 抚州市…监测中心 passed beside 抚顺市…监测中心)
                q, o = near
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上有申报单位「{unit}」的印章，但同一材料上另有名称相近的"
                                        f"单位印章「{o.text}」（识别可信），可能是拼合扫描的两份材料之一盖的是其他单位的章，请人工核对",
                                        q, bbox=o.bbox, value=o.text, expected=unit))
                continue
            # the unit's own name, with what the seal was read as where that differs: the
            # reading (抚履县… for a worn 顺) is not the unit's name (browser exploration)
            read = normalize_seal_text(s.text or "")
            named = ((f"申报单位「{unit}」" + ("" if read == normalize_seal_text(unit) or not read
                                             else f"（印文识别为「{s.text}」，不同之处经识别概率判断为误读）"))
                     if alias is None else f"申报单位填写的别名「{alias}」（申报单位「{unit}」）")
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}的印章为{named}", p, bbox=s.bbox, value=s.text, expected=unit))
        elif ours:
            # the unit's contract or finance seal is not its official seal (probe alt13 a13:
            # a 合同专用章 passed as the unit's seal on a recommendation form)
            p, s = ours[0]
            use = _for_another_purpose(s, g.kind)
            findings.append(finding(RULE_ID, "review", _not_official(g.kind_zh, use, unit, _oval(s)), p, bbox=s.bbox,
                                    value=f"{s.text or ''} {use.read if isinstance(use, _Use) else use}".strip(), expected=unit))
        elif (left := seals_not_read(g.pages)) and (others or unread):
            # seals past the limits were not read: one of them may be the unit's own
            p, s = (others or unread)[0]
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上的印章均未识别为申报单位「{unit}」的印章（识别为「{s.text or '无法识别'}」），"
                                    f"但另有 {left} 枚疑似印章超出识别上限{SEAL_LIMITS_ZH}未识别，请人工核对",
                                    p, bbox=s.bbox, value=s.text, expected=unit))
        elif others and all(_mere_mark(s) for _, s in unread) and (sure := [(p, s) for p, s in others
                                                 if id(s) in placed or _another_body(s, d.applicant.unit_names)]):
            renamed = [(p, s) for p, s in sure if _former_name(s, d.applicant.unit_names)]
            if len(renamed) == len(sure):
                # the unit's name before the 2018-19 reform (环境保护局 → 生态环境局), undeclared: the seal of work done
                # before the renaming is the unit's own where the applicant worked there then; the applicant's file,
                # not the toolkit, says whether that body is the unit (an alias declared passes it)
                findings.append(_renamed(g, *renamed[0], unit))
                continue
            p, s = next(x for x in sure if not any(x[1] is r[1] for r in renamed))
            if g.kind == "achievement_proof" and all(issuer_certificate(q, t, d.applicant.unit_names) for q, t in sure):
                findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}为「{s.text}」颁发的证书（页面所印颁发单位与印章相同），"
                                        f"证书载明申报单位「{unit}」，印章为颁发单位的印章", p, bbox=s.bbox, value=s.text,
                                        expected=unit))
                continue
            if id(s) not in placed and _unit_with_characters_lost(s.text or "", d.applicant.unit_names):
                # the unit's name with characters lost and none changed (源 dropped from a 113-px seal on a 72-dpi
                # thumbnail: probe trust14 P41) is no confident reading of another body
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的印章识别为「{s.text}」，较申报单位「{unit}」的名称缺字，"
                                        f"可能是印章磨损或图像分辨率不足而漏读，请人工核对", p, bbox=s.bbox, value=s.text,
                                        expected=unit))
                continue
            why = (f"（印章地名「{placed[id(s)][0]}」处申报单位为「{placed[id(s)][1]}」，识别可信）" if id(s) in placed
                   else _firm_differs(s.text or "", d.applicant.unit_names) or _level_differs(s.text or "", d.applicant.unit_names)
                   or _department_differs(s.text or "", d.applicant.unit_names) or _differs(s, d.applicant.unit_names))
            findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}的印章为「{s.text}」，不是申报单位「{unit}」{why}", p, bbox=s.bbox, value=s.text, expected=unit))
        elif others and _former_name(others[0][1], d.applicant.unit_names):
            findings.append(_renamed(g, *others[0], unit))
        elif not others and (parent := _parent_alone(unread, d)) is not None:
            p, s, why = parent
            findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}的印章为「{s.text}」，不是申报单位「{unit}」{why}", p, bbox=s.bbox,
                                    value=s.text, expected=unit))
        else:
            p, s = (others or unread)[0]
            if not others and cut_only and g.kind in d.campaign.kinds_where("seal"):
                # only a seal the page edge cuts (a 骑缝章's part), not read as any body's: seal.present's review
                # says what was read and asks for the document's own seal; whose seal it is waits on that one
                # cause (probe trust29 P10: two reviews for it). A cut seal read as another body's still fails above.
                continue
            if (mm := name_seal_size(seals)) is not None:
                # every seal seen is a personal name seal's size (人名章, 10-25 mm) where the unit's belongs: its
                # few pixels are its size, not the scan's (probe trust29 P18: «扫描分辨率偏低» for an 18 mm 人名章)
                seen = f"（印文识别为「{s.text}」）" if s.text else ""
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上所见印章直径仅约 {mm:.0f} 毫米（按页面宽度估算）{seen}，"
                                        "远小于单位公章（约 40 毫米），多为个人名章（人名章）而非单位公章；该材料应加盖申报单位"
                                        f"「{unit}」的公章，请人工核对是否另有单位公章", p, bbox=s.bbox, value=s.text,
                                        expected=unit))
                continue
            alike = lookalike_of_unit(s.text, d.applicant.unit_names) if others else None
            # a reading sure of other characters says where (辽阳 for 抚顺 of a sister branch's seal:
            # 多处不同，可能是印章磨损 alone let a reviewer take it for wear, trust exploration 3)
            where = _read_clearly_otherwise(s, d.applicant.unit_names) if others and not alike else ""
            read = (f"（识别为「{s.text}」，与申报单位名称仅「{alike[0]}」与「{alike[1]}」之差，两字字形相近，可能是印章磨损或识别误差）"
                    if alike else f"（识别为「{s.text}」{where}）" if where else
                    # read otherwise in many places: another company sharing the unit's trade words
                    # (抚顺华泰环保科技有限公司) reads so as well as a worn seal does (trust exploration 5)
                    f"（识别为「{s.text}」，与申报单位名称多处不同，可能是其他单位的印章，也可能是印章磨损或识别误差）" if others else (
                        f"（识别为「{s.text}」{_read_clearly_otherwise(s, d.applicant.unit_names) or _lost_from(s.text, d.applicant.unit_names)}）"
                        if s.text else ""))
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的印章文字无法确认{read}{_small(s, p)}，请人工核对是否为申报单位「{unit}」", p, bbox=s.bbox, value=s.text, expected=unit))
    return findings
