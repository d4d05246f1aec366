"""The issuer's seal on a certificate that prints its issuer (seal.unit's finding on title and award certificates).

A title or award certificate is sealed by the body that issued it, not by the applicant's unit, so seal.unit does not
weigh its seal against the unit's name. Where the certificate prints its issuing body (after a 颁发机关/发证机关/发证单位
label, as a line of its own beside the seal, or in its text: 经…评审委员会评审通过, 辽宁省人力资源和社会保障厅), a seal
read surely as another body's name (:func:`verify.rules.seal_unit.surely_another_body` with the printed bodies as the
names expected) is a review naming both: a borrowed or forged certificate, or a body that sealed for the issuer (a
city's 人社局 for its province's 人社厅). Never a fail: provinces delegate. A seal of an official body of the same place
as a printed one (the 人社厅's 职称改革领导小组办公室, a 评审委员会's own seal, the body under its former name) is the
issuer's own; a seal left unread or worn is no finding (its star settles seal.present)."""
from __future__ import annotations

import re

from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "seal.unit"

#: a label the issuing body's name follows on its line (颁发机关：吉林省人力资源和社会保障厅)
_LABEL = re.compile(r"(颁发机关|发证机关|发证单位|颁证机关|颁证单位|颁发单位|批准机关|审批机关|评审组织|评审机构|授予单位|发证部门)"
                    r"[（(]?(?:盖章|印章)?[）)]?[:：]?(.*)$")
#: how an official body's name ends: a government department, its 职改办 or 评审委员会, a people's government
_BODY_END = re.compile(r"(厅|局|委员会|委|办公室|领导小组|人民政府|评委会|职改办)$")
#: a body named in a certificate's text: the 评审委员会 that passed it, the 人社厅/人事厅 that issued it
_IN_TEXT = re.compile(r"经(.{4,30}?(?:评审委员会|评委会))|((?:人力资源和社会保障|人力资源社会保障|人事)(?:厅|局))(?!监制|印制|制)")
#: a committee's name as a field's value (评审（认定）机构 | 抚顺市工程系列中初级评审委员会): the body that passed the title
_COMMITTEE = re.compile(r"(评审委员会|评委会)$")
#: words of a body that issues titles or sits in the government: a seal of such a body of a printed body's place is the
#: issuer's own (its 职改办, its committee, its former name)
_OFFICIAL = re.compile(r"(厅|局|委员会|办公室|领导小组|人民政府|评委会|职改办|职称|人事|人力资源|评审)")


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _placed(text: str) -> str:
    """The body's name in ``text`` that starts at the first real place before its end (本证书由辽宁省人力资源和社会保障厅
    → 辽宁省人力资源和社会保障厅), or ""."""
    from verify.marks.seals.matching import place_of

    for i in range(len(text) - 3):
        if place_of(text[i:]):
            return text[i:]
    return ""


def printed_issuers(ocr, seals=()) -> list[str]:
    """The issuing bodies a certificate page prints: after an issuer's label, in its text (经…评审委员会评审通过, a
    人社厅 named), or as a line of its own, starting with a real place and ending as an official body does, beside one of
    ``seals`` (every such line where no seal box is given).

    >>> from types import SimpleNamespace as NS
    >>> line = lambda t, box=(0, 0, 10, 10): NS(text=t, bbox=box)
    >>> printed_issuers(NS(lines=[line("评审组织：吉林省工程系列环境专业中级评审委员会"), line("吉林省人力资源和社会保障厅")]))
    ['吉林省工程系列环境专业中级评审委员会', '吉林省人力资源和社会保障厅']
    >>> printed_issuers(NS(lines=[line("经辽宁省工程技术人员高级职务"), line("评审委员会评审通过，具备高级工程师资格。")]))
    ['辽宁省工程技术人员高级职务评审委员会']
    >>> printed_issuers(NS(lines=[line("本证书由辽宁省人力资源和社会保障厅颁发")]))
    ['辽宁省人力资源和社会保障厅']
    >>> printed_issuers(NS(lines=[line("辽宁省人力资源和社会保障厅监制")]))  # the booklet's maker, not its issuer
    []
    >>> printed_issuers(NS(lines=[line("抚顺市工程系列中初级评审委员会", (0, 0, 100, 20))]), [NS(bbox=(500, 500, 700, 700))])
    ['抚顺市工程系列中初级评审委员会']
    >>> printed_issuers(NS(lines=[line("工作单位：抚顺市生态环境局"), line("抚顺市生态环境监测站")]))
    []
    >>> printed_issuers(NS(lines=[line("发证单位"), line("抚顺市科学技术局"), line("发证日期")]),
    ...                 [NS(bbox=(900, 900, 1000, 1000))])  # a table's cells, the seal away from them
    ['抚顺市科学技术局']
    >>> seal = NS(bbox=(500, 500, 700, 700))
    >>> printed_issuers(NS(lines=[line("抚顺市科学技术局", (0, 0, 100, 20))]), [seal])  # far from the seal
    []
    >>> printed_issuers(NS(lines=[line("抚顺市科学技术局", (520, 640, 680, 660))]), [seal])
    ['抚顺市科学技术局']
    """
    from verify.marks.seals.matching import place_of
    from verify.rules.seal_unit import _beside

    found: list[str] = []

    def add(name: str) -> None:
        name = name.strip("：:，,。；;、（）() ")
        if len(name) >= 5 and _BODY_END.search(name) and name not in found:
            found.append(name)

    labelled = False  # the line before was a label alone (its value in the table's next cell)
    for line in ocr.lines:
        text = _clean(line.text)
        m = _LABEL.search(text)
        if m:
            add(_placed(m.group(2)) or m.group(2))
            labelled = not m.group(2)
            continue
        if labelled and place_of(text):
            add(text)
        labelled = False
        if len(text) <= 30 and place_of(text) and _COMMITTEE.search(text):
            add(text)
        elif (len(text) <= 20 and place_of(text) and _BODY_END.search(text)
                and (not seals or any(_beside(line, s) for s in seals))):
            add(text)
    # the text's bodies, its lines joined (经抚顺市工程系列中初级专业技术 / 资格评审委员会评审通过 on two lines)
    text = "".join(_clean(line.text) for line in ocr.lines)
    for m in _IN_TEXT.finditer(text):
        if m.group(1):
            add(_placed(m.group(1)) or m.group(1))
        else:
            add(_placed(text[max(0, m.start() - 12):m.end()]))
    return found


def another_issuer(seal, bodies) -> bool:
    """Whether ``seal``, read, surely names a body other than every printed issuer in ``bodies``: the readings'
    check seal.unit makes against the unit's names (:func:`verify.rules.seal_unit._another_body`), made against the
    printed bodies, and not an official body of a printed body's place (the issuer's own 职改办, committee or former
    name).

    >>> from types import SimpleNamespace as NS
    >>> jilin = ["吉林省工程系列环境专业中级评审委员会", "吉林省人力资源和社会保障厅"]
    >>> another_issuer(NS(text="长春市人力资源和社会保障局", readings=[]), jilin)
    True
    >>> another_issuer(NS(text="吉林省人力资源和社会保障厅", readings=[]), jilin)
    False
    >>> another_issuer(NS(text="吉林省职称改革领导小组办公室", readings=[]), jilin)  # the issuer's own office
    False
    >>> another_issuer(NS(text="辽宁省人力资源和社会保障厅", readings=[]), ["辽宁省人事厅"])  # renamed
    False
    >>> another_issuer(NS(text="吉林省人力资源和社会保障广", readings=[]), jilin)  # worn: the issuer misread
    False
    >>> another_issuer(NS(text="辽阳市人力资源和社会保障厅", readings=[]), ["辽宁省人力资源和社会保障厅"])  # 宁省 misread: no city has a 厅
    False
    >>> [another_issuer(NS(text=t, readings=[]), ["抚顺市工程系列中初级专业技术资格评审委员会"])
    ...  for t in ("顺市人力资源和社会伴障局", "保障序过宁省人资源和社", "抚A市力资源和社会保障局", "沈阳市人力资源和社会保障局")]
    [False, False, False, True]
    >>> another_issuer(NS(text="", readings=[]), jilin), another_issuer(NS(text="长春市人力资源和社会保障局", readings=[]), [])
    (False, False)
    """
    from verify.rules.seal_unit import _another_body, _leading_places

    text = _clean(seal.text or "")
    if not text or not bodies or not _another_body(seal, list(bodies)):
        return False
    place = _leading_places(text)
    if not place or not _BODY_END.search(text):
        return False  # no whole body's name read (a worn ring: 顺市人力资源和社会伴障局, 保障序过宁省人资源和社): it names none
    if text.endswith("厅") and not place.endswith(("省", "自治区")):
        return False  # a 厅 is a province's: a city's name before it is a misread place (辽宁省 read 辽阳市)
    return not (_OFFICIAL.search(text[len(place):]) and any(_leading_places(b) == place for b in bodies))


def _lost_from(line: str, name: str) -> bool:
    """Whether the printed ``line`` is ``name`` with characters lost and none changed (the print under a seal's ink:
    辽宁力资源和社保障厅 under the seal of 辽宁省人力资源和社会保障厅), a quarter of the name at most, its ending kept.

    >>> _lost_from("辽宁力资源和社保障厅", "辽宁省人力资源和社会保障厅"), _lost_from("辽宁省人力资源和社会保障厅", "辽宁省人力资源和社会保障厅")
    (True, True)
    >>> _lost_from("抚顺市人力资源和社会保障局", "沈阳市人力资源和社会保障局")  # another city: a character changed
    False
    >>> _lost_from("辽宁省人社厅", "辽宁省人力资源和社会保障厅"), _lost_from("辽宁力资源和社保障", "辽宁省人力资源和社会保障厅")
    (False, False)
    """
    if len(line) < 6 or not name or line[-1] != name[-1] or len(line) < 0.75 * len(name):
        return False
    rest = iter(name)
    return all(c in rest for c in line)  # each character found in order after the one before


def prints_seal(ocr, seal) -> bool:
    """Whether a line printed beside ``seal`` is its reading, characters lost where the seal's ink lies over the print
    (the issuing body's name at a certificate's foot, stamped over): the seal then names the issuer the page prints,
    though that line was read too poorly to be taken for a body (probe trust11 K09: the 人社厅's seal over
    辽宁力资源和社保障厅 was a review naming another issuer).

    >>> from types import SimpleNamespace as NS
    >>> seal = NS(text="辽宁省人力资源和社会保障厅", bbox=(500, 500, 700, 700))
    >>> prints_seal(NS(lines=[NS(text="辽宁力资源和社保障厅", bbox=(450, 640, 690, 660))]), seal)
    True
    >>> prints_seal(NS(lines=[NS(text="辽宁力资源和社保障厅", bbox=(0, 0, 100, 20))]), seal)  # far from the seal
    False
    >>> prints_seal(NS(lines=[NS(text="抚顺市工程系列中级职称评审委员会", bbox=(450, 640, 690, 660))]), seal)
    False
    """
    from verify.rules.seal_unit import _beside

    name = _clean(seal.text or "")
    return bool(name) and any(_beside(line, seal) and _lost_from(_clean(line.text), name) for line in ocr.lines)


#: the field a certificate page keeps its printed issuers in (read by the pipeline, weighed here)
PRINTED_ISSUERS = "printed_issuers"


def check(d: Dossier) -> list[Finding]:
    """A review for each certificate whose seal surely names another body than the issuer it prints."""
    findings = []
    kinds = [k for k in d.campaign.kinds_where("seal") if k not in d.campaign.kinds_where("seal_names_unit")]
    for g in d.groups_of(*kinds):
        for p in g.pages:
            bodies = [b for b in (p.fields.get(PRINTED_ISSUERS) or "").split("|") if b]
            other = next((s for s in p.seals if another_issuer(s, bodies)), None)
            if other is None:
                continue
            printed = "」「".join(bodies)
            findings.append(finding(
                RULE_ID, "review",
                f"{g.kind_zh}印有颁发机关「{printed}」，但其印章识别为另一机关「{other.text}」（识别可信）；"
                f"可能是其他机关代为盖章，也可能是他人或伪造的证书，请人工核对", p,
                bbox=other.bbox, value=other.text, expected=bodies[0]))
            break
    return findings
