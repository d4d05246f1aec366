"""identity.name: personal documents (certificates, forms, ID card) name the applicant.

- ``pass``: the name is on the page, or a person slot's reading differs but the line,
  read again or scored against the recogniser's own probabilities, shows the
  applicant's name (:mod:`verify.read.confirm`);
- ``fail``: a person slot names someone else (two or more characters apart), and the
  recogniser was sure of that reading (or gives no probabilities), also where only the
  weighing of the slot was sure of it (张宏伟 on 张燚's form);
- ``review``: no name read; a person slot names someone else and the applicant's name
  is only elsewhere on the page (部门负责人：<applicant> on a colleague's form); a name one character away (OCR, a rare character the
  recogniser does not know, or another person), also read surely by both recognisers where the page's text is
  under ``verify.rules.COARSE_TEXT_PX`` pixels tall (a fax in standard resolution); a slot the recogniser was unsure of. Where
  the page recogniser does not read the name at all (the second recogniser confirmed it on
  some document), the documents it was not confirmed on are one review, not one each; so too the documents whose
  name was read the same way, one character from the claim.
"""
from __future__ import annotations

from dataclasses import replace

from verify.model import Finding
from verify.read.confirm import confirmed, summary
from verify.rules import Dossier, coarse, finding

RULE_ID = "identity.name"


#: kinds that list many people: another name read there is no proof the applicant is not
_LISTS = ("publicity_result",)


#: what a resident ID card's back prints (its front prints 姓名 and 公民身份号码)
_BACK = ("签发机关", "有效期限")
_FRONT = ("姓名", "公民身份号码", "出生")


def _card_back(p) -> bool:
    """Whether the page is an ID card's back alone: it prints 签发机关 or 有效期限 and
    nothing of the front.

    >>> from types import SimpleNamespace as NS
    >>> lines = lambda *t: NS(ocr=NS(lines=[NS(text=x) for x in t]))
    >>> _card_back(lines("中华人民共和国", "居民身份证", "签发机关 抚顺市公安局", "有效期限 2015.03.02-2035.03.02"))
    True
    >>> _card_back(lines("姓名 张伟", "公民身份号码 210402198805120019", "签发机关 抚顺市公安局"))
    False
    """
    text = "".join(l.text for l in p.ocr.lines).replace(" ", "") if p.ocr is not None else ""
    return any(w in text for w in _BACK) and not any(w in text for w in _FRONT)


def _names_applicant(group, name: str) -> bool:
    """Whether a document names the applicant: as read, or confirmed by reading its line
    again (王赟 read 王赞 by the page recogniser, 赟 by the seal model's second reading: the
    card's front passed so, and its back, handed in apart, was then a review, trust
    exploration)."""
    from verify.read.names import name_on_page

    return any(name_on_page(p.ocr, name)[0] == "present" for p in group.pages) or confirmed(group.pages, "name")


def _surely_another(read: str | None, name: str) -> bool:
    """Whether a slot's reading, that the recogniser was sure of (a ``contradicted``
    confirmation), names another person: a name starting with a surname, two characters or
    more from the claim where characters a recogniser takes for one another count as one
    (张宏伟 for 张燚; not 韩雪松 for 韩雪梅, one apart, nor 张焱 or 张焱焱 for 张燚).

    >>> _surely_another("张宏伟", "张燚"), _surely_another("王建军", "张燚"), _surely_another("韩雪松", "韩雪梅")
    (True, True, False)
    >>> _surely_another("张焱焱", "张燚"), _surely_another("张", "张燚"), _surely_another("张性别", "张燚")
    (False, False, False)
    """
    from verify.read.names import _NOT_NAME_WORDS, _SURNAMES, name_key

    r = name_key(read or "")
    if not (2 <= len(r) <= 4) or not all("\u4e00" <= c <= "\u9fff" for c in r) or r[0] not in _SURNAMES \
            or any(w in r for w in _NOT_NAME_WORDS):
        return False
    return _apart(read, name) >= 2


def _apart(read: str, name: str) -> int:
    """How many characters ``read`` is from ``name`` (compared by ``name_key``): an edit distance where characters a
    recogniser takes for one another (:func:`verify.read.confusable.confusable`) are one.

    >>> _apart("张宏伟", "张燚"), _apart("韩雪松", "韩雪梅"), _apart("阿依占丽·头头提", "阿依古丽·买买提")
    (2, 1, 1)
    """
    from verify.read.confusable import confusable
    from verify.read.names import name_key

    r, n = name_key(read or ""), name_key(name)
    row = list(range(len(n) + 1))
    for i, a in enumerate(r, 1):
        prev, row[0] = row[0], i
        for j, b in enumerate(n, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (0 if confusable(a, b) else 1))
    return row[-1]


def _differing(read: str, name: str) -> str:
    """The characters a reading has where the claim has others, for a message: ``「占」（申报人姓名中为「古」）``; empty
    where their lengths differ.

    >>> _differing("阿依占丽·买买提", "阿依古丽·买买提"), _differing("韩雪", "韩雪梅")
    ('「占」（申报人姓名中为「古」）', '')
    """
    from verify.read.names import name_key

    r, n = name_key(read or ""), name_key(name)
    if len(r) != len(n) or r == n:
        return ""
    pairs = [(a, b) for a, b in zip(r, n) if a != b]
    return f"「{''.join(a for a, _ in pairs)}」（申报人姓名中为「{''.join(b for _, b in pairs)}」）"


def _second_reader_names(conf) -> bool:
    """Whether a confirmation of the name rests on the second recogniser's readings: the
    page recogniser does not read this name (张燚 read 张 or 张焱 on every page)."""
    return (conf is not None and conf.state == "confirmed" and conf.how == "reread"
            and any(how.endswith("-second") for how, *_ in conf.readings))


def check(d: Dossier) -> list[Finding]:
    from verify.read.names import name_key, name_on_page

    name = d.applicant.name
    findings = []
    # the page recogniser cannot read the name (the second recogniser confirmed it on some
    # document): documents where no name was read are most likely so for that one cause,
    # and are said once (probe trust11: 张燚, eight reviews on a clean dossier)
    confirmed_by_second = [g for g in d.groups_of(*d.campaign.kinds_where("personal"))
                           if _second_reader_names(summary(g.pages, "name"))]
    # the names the recogniser read unsure of on the dossier's documents: a reading sure on one document and unsure
    # on another is the print's, not proof of another person (probe trust15 C07: 阿依古丽 read 阿依占丽 on a fax's
    # every form, sure on two of them by 4-5 nats, unsure on five)
    doubted = {name_key(c.read) for g in d.groups_of(*d.campaign.kinds_where("personal")) for p in g.pages
               for c in getattr(p, "confirmations", ()) or () if c.fact == "name" and c.state == "unsure" and c.read}
    unread = []
    one_apart: dict[int, tuple[str, object]] = {}  # a review's id → the reading one character from the claim, its document
    for g in d.groups_of(*d.campaign.kinds_where("personal")):
        results = [(p, *name_on_page(p.ocr, name)) for p in g.pages]
        present = [r for r in results if r[1] == "present"]
        other = [r for r in results if r[1] == "other"]
        elsewhere = [r for r in results if r[1] == "elsewhere"]
        conf = summary(g.pages, "name")
        if present:
            p, _, bbox, _ = present[0]
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}上有申报人姓名", p, bbox=bbox, value=name, expected=name))
        elif conf is not None and conf.state == "confirmed":
            p = next(p for p in g.pages if conf in p.confirmations)
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}上有申报人姓名（{conf.note}）", p, bbox=conf.bbox, value=name,
                                    expected=name))
        elif other:
            p, _, bbox, _ = other[0]
            who = "、".join(n for n in p.names if n != name) or "他人"
            near = [n for n in p.names if n != name and len(n) >= 2 and _apart(n, name) <= 1]
            if near and g.kind not in _LISTS:
                # a slot's name one character from the applicant's, look-alikes counted as one (阿依占丽·头头提 for
                # 阿依古丽·买买提 on a fax's page: 头 is 买 worn, 占 古 misread): OCR or another person, a person
                # must look (probe trust15 C07: a clean dossier's title certificate failed)
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上的姓名识别为「{near[0]}」，与申报人「{name}」仅差一字"
                                        "（可能是识别误差，也可能是他人），请人工核对", p, bbox=bbox, value=near[0], expected=name))
                one_apart[id(findings[-1])] = (near[0], g)
            elif (conf is not None and conf.state == "unsure") or g.kind in _LISTS:
                # a list of many people (a 公示 of every applicant) naming others says
                # nothing sure of whether the applicant, misread, is among them (and its
                # names may never have been checked against the claim: no note then)
                why = f"（{conf.note}）" if conf is not None else ""
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上的姓名识别为「{who}」，无法确定是否为申报人「{name}」"
                                        f"{why}，请人工核对", p, bbox=bbox, value=who, expected=name))
            else:
                findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}上的姓名为「{who}」，不是申报人「{name}」", p, bbox=bbox,
                                        value=who, expected=name))
        elif elsewhere:
            p, _, bbox, _ = elsewhere[0]
            who = "、".join(n for n in p.names if n != name) or "他人"
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的姓名栏为「{who}」，申报人「{name}」只出现在其他位置"
                                    "（如负责人、审核人栏），请人工核对材料是否为申报人本人的", p, bbox=bbox, value=who, expected=name))
        elif g.kind == "id_card" and all(map(_card_back, g.pages)) and (front := next(
                (f for f in d.groups_of("id_card") if f is not g and _names_applicant(f, name)), None)):
            # a card's back carries no name: its front, handed in as a file of its own, does
            # (probe alt22 T7: 身份证反面.jpg beside 身份证正面.jpg was a review)
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}（{g.where}）为身份证背面，不载姓名；"
                                    f"正面（{front.where}）有申报人姓名", g, value=name, expected=name))
        elif (conf is not None and conf.state == "contradicted" and g.kind not in _LISTS and conf.how == "lattice+second"
              and not _surely_another(conf.read, name) and _apart(conf.read, name) <= 1
              and coarse(p := next((q for q in g.pages if conf in q.confirmations), g.pages[0]), text_layer=True)):
            # one character read on a page too coarse to trust it, however sure both recognisers were (probe trust15
            # C07: 阿依古丽 read 阿依占丽 by 4-5 nats on a fax's form in standard resolution, its lines 27 pixels tall)
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上的姓名识别为「{conf.read}」，与申报人「{name}」仅差一字"
                                    f"{_differing(conf.read, name)}；该页为低分辨率图像（如标准分辨率传真件，文字行高约 "
                                    f"{p.text_px:.0f} 像素），单个字的识别不可靠，可能是识别误差，请人工核对", p, bbox=conf.bbox,
                                    value=conf.read, expected=name))
            one_apart[id(findings[-1])] = (conf.read, g)
        elif (conf is not None and conf.state == "contradicted" and g.kind not in _LISTS and conf.how == "lattice+second"
              and not _surely_another(conf.read, name) and name_key(conf.read or "") in doubted):
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上的姓名识别为「{conf.read}」，与申报人「{name}」仅差一字；"
                                    "本人其他材料上同一读法识别把握不足，可能是识别误差，请人工核对", g, bbox=conf.bbox,
                                    value=conf.read, expected=name))
            one_apart[id(findings[-1])] = (conf.read, g)
        elif conf is not None and conf.state == "contradicted" and g.kind not in _LISTS and (
                _surely_another(conf.read, name) or conf.how in ("lattice+second", "text_layer")):
            # (a list of many people naming another surely is a review, below)
            # a slot read surely as another person's name two characters or more away, the
            # applicant's nowhere on the page (张宏伟 on 张燚's form: name_on_page takes 张宏 of it
            # as one character away); or one character away, by a character no recogniser takes
            # for the claim's, where the second recogniser reads the same (韩雪松 on 韩雪梅's form), or
            # where a born-digital page's own text says it, its text checked against its pixels (probe trust17
            # P07: 韩雪娟 on a 学信网 report for 韩雪梅, a review)
            findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}上的姓名为「{conf.read}」，不是申报人「{name}」（{conf.note}）",
                                    g, bbox=conf.bbox, value=conf.read, expected=name))
        elif confirmed_by_second and (conf is None or conf.state == "unsure"):
            unread.append(g)
        else:
            why = f"（{conf.note}）" if conf is not None else ""
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）上未识别到申报人姓名「{name}」{why}，请人工核对", g,
                                    expected=name))
            if conf is not None and conf.read and _apart(conf.read, name) <= 1:
                one_apart[id(findings[-1])] = (conf.read, g)
    if unread:
        places = "、".join(f"{g.kind_zh}（{g.where}）" for g in unread)
        findings.append(finding(RULE_ID, "review", f"申报人姓名「{name}」页面文字识别模型读不出，{len(confirmed_by_second)} 份材料上"
                                f"经第二识别模型读出并确认；以下 {len(unread)} 份材料上未能确认该姓名，多为同一原因，请人工核对："
                                f"{places}", unread[0], expected=name))
    return _said_once(findings, one_apart, name)


def _said_once(findings: list[Finding], one_apart: dict, name: str) -> list[Finding]:
    """The reviews of documents whose name was read the same way, one character from the claim, as one review naming
    them all: one cause (a fax's 古 read 占 on every form), said once (probe trust15 C07: nine reviews on a clean
    dossier). A reading found on one document only keeps its own review.

    >>> from types import SimpleNamespace as NS
    >>> f = [Finding(RULE_ID, "review", f"m{i}", file=f"{i}.tif", page=1) for i in range(3)]
    >>> g = [NS(kind_zh=k, where=f"{i}.tif") for i, k in enumerate(("推荐表", "考核表", "评定表"))]
    >>> out = _said_once(f, {id(f[0]): ("阿依占丽", g[0]), id(f[1]): ("阿依占丽", g[1]), id(f[2]): ("阿依古芝", g[2])}, "阿依古丽")
    >>> [(x.file, x.message.split("；")[0]) for x in out]
    [('0.tif', '2 份材料上的姓名都识别为「阿依占丽」，与申报人「阿依古丽」仅差一字「占」（申报人姓名中为「古」）'), ('2.tif', 'm2')]
    >>> out[0].message.split("：")[-1]
    '推荐表（0.tif）、考核表（1.tif）'

    """
    from verify.read.names import name_key

    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if id(f) in one_apart:
            groups.setdefault(name_key(one_apart[id(f)][0]), []).append(f)
    out = []
    for f in findings:
        same = groups.get(name_key(one_apart[id(f)][0])) if id(f) in one_apart else None
        if not same or len(same) == 1:
            out.append(f)
        elif f is same[0]:
            read = one_apart[id(f)][0]
            places = "、".join(f"{g.kind_zh}（{g.where}）" for g in (one_apart[id(x)][1] for x in same))
            out.append(replace(f, value=read, message=f"{len(same)} 份材料上的姓名都识别为「{read}」，与申报人「{name}」仅差一字"
                               f"{_differing(read, name)}；同一读法出现在多份材料上，多为同一识别原因（低分辨率、字形相近），"
                               f"也可能是他人，请人工核对：{places}"))
    return out
