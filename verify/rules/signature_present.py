"""signature.present: each document of a kind that needs a signature is signed in its
signature field (单位负责人 / 审核人 / 人事部门). Blank → fail; uncertain or no field
found → review; a field left blank beside a signed one → review, and fail where the
blank field is the unit head's or checker's and only the applicant's own is signed; a
personal seal (人名章) signs a field whose label asks for a seal (签字或盖章, 签章) and
is review where it asks for a signature; blank on a document
that may be of a kind needing no signature (:func:`verify.rules.required.may_need_none`)
→ review."""
from __future__ import annotations

import re

from verify.model import KIND_NAMES_ZH, Finding
from verify.rules import Dossier, finding
from verify.rules.required import may_need_none

RULE_ID = "signature.present"

#: a field for the person who answers for the document (the unit head, the checker, HR)
_RESPONSIBLE = re.compile(r"负责人|领导|审核|审查|核查|人事|经办|主管")
#: a field for the applicant's own signature
_SELF = re.compile(r"本人|申报人|个人|承诺人")


#: a copy-certification stamp's own words, a line of its own (复印件与原件核对一致, 与原件相符, 原件已审): not an
#: original's sentence of checking (经核查，该同志学历信息与原件一致。 over the 学信网 page's 核查人（签字）)
_COPY_STAMP = re.compile(r"^[此本]?(?:复印件|复制件)?与?原件(?:核对|核验)?(?:一致|相符|无误)$|^原件已[审核验阅]$"
                         r"|(?:复印件|复制件)[^，。；,;]{0,8}?(?:一致|相符|无误)")
#: the checker's label in such a stamp
_CHECKER = re.compile(r"^(?:核\s*[对查验]\s*人|经\s*办\s*人|审\s*核\s*人)")


def certification_over(page, f) -> str | None:
    """What copy certification stands over the signature field ``f``'s label on ``page``, within three of its line
    heights above it (or on its line) and where the certification's line begins: ``"stamp"`` where its line is a
    stamp's own words (复印件与原件核对一致, 与原件相符, 原件已审: 12 characters at most) and the label a checker's (HR's
    red 「… / 核对人：____」 pressed on a copy); ``"written"`` where its line is a longer sentence of the copy's (此复印件与
    原件一致，仅供职称申报使用 in the applicant's hand) running over the label's row; else None.

    A stamp's 核对人 is the certifier's field, filled or not: no field of the document. Its blank beside the unit
    head's signature asked a person to look at a clean recommendation form (probe trust38 C06), and its hand-filled
    name would stand for an unsigned document's signature. A sentence written over a field leaves its ink in the
    field: whether the field is signed besides cannot be told (probe trust38 P23: the applicant's certification
    through the 学信网 page's empty 核查人 field passed as signed).

    >>> from types import SimpleNamespace as NS
    >>> from ocr.model import OcrLine, OcrPage
    >>> box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    >>> stamp = OcrLine("原件已审", box(240, 2070, 400, 2110), 0.9, 0)
    >>> page = NS(ocr=OcrPage(1653, 2338, [stamp, OcrLine("核对人：", box(206, 2120, 317, 2160), 0.9, 1)]))
    >>> certification_over(page, NS(label="核对人：", label_bbox=(206, 2120, 317, 2160)))
    'stamp'
    >>> certification_over(page, NS(label="负责人（签字）：", label_bbox=(206, 2120, 317, 2160)))  # not a checker's label
    >>> edu = OcrLine("经核查，该同志学历信息与原件一致。", box(200, 1500, 900, 1540), 0.9, 0)
    >>> certification_over(NS(ocr=OcrPage(1653, 2338, [edu])), NS(label="核查人（签字）：", label_bbox=(200, 1560, 420, 1600)))
    >>> certification_over(page, NS(label="核对人：", label_bbox=(206, 2400, 317, 2440)))  # far below the stamp
    >>> hand = OcrLine("此复印件与原件一致，仅供职称申报使用", box(520, 1520, 1450, 1590), 0.9, 0)
    >>> certification_over(NS(ocr=OcrPage(1653, 2338, [hand])), NS(label="核查人（签字）", label_bbox=(230, 1579, 548, 1699)))
    'written'
    >>> said = OcrLine("经审核，该学历证书复印件与原件一致。", box(200, 1480, 900, 1530), 0.9, 0)  # printed on the line above
    >>> certification_over(NS(ocr=OcrPage(1653, 2338, [said])), NS(label="审核人签字：", label_bbox=(200, 1560, 420, 1600)))
    """
    ocr = getattr(page, "ocr", None)
    if ocr is None:
        return None
    lx0, ly0, lx1, ly1 = f.label_bbox
    h = max(1, ly1 - ly0)
    for line in ocr.lines:
        words = re.sub(r"[\s，。,.:：、]", "", line.text or "")
        if not words or not _COPY_STAMP.search(words) or (len(words) > 12 and not re.search(r"复印件|复制件", words)):
            continue
        x0, y0, x1, y1 = line.bbox
        if len(words) <= 12:
            if _CHECKER.match(f.label or "") and -h <= ly0 - y1 <= 3 * h and x0 - 6 * h <= lx0 <= x1:
                return "stamp"
        elif y0 < ly1 and y1 > ly0 and x0 <= lx1 + 6 * h and lx0 <= x1:
            # on the label's row: a sentence printed on the line above (经审核，该学历证书复印件与原件一致。 over a
            # 学信网 page's 审核人签字) is the document's own attestation, its field signed or not (probe trust18)
            return "written"
    return None


def certifier_field(page, f) -> bool:
    """Whether the signature field ``f`` is the 核对人 of a copy-certification stamp on ``page``
    (:func:`certification_over`)."""
    return certification_over(page, f) == "stamp"


def _written_over(page, f):
    """The field ``f`` as the rule judges it: where a copy's certification is written over it and it holds ink, not
    surely signed (``uncertain``, ``by="certification"``)."""
    from dataclasses import replace

    if f.state != "blank" and certification_over(page, f) == "written":
        return replace(f, state="uncertain", by="certification")
    return f


def check(d: Dossier) -> list[Finding]:
    findings = []
    for g in d.groups_of(*d.campaign.kinds_where("signature")):
        # the 核对人 of HR's copy-certification stamp is the certifier's, not the document's
        fields = [(p, _written_over(p, f)) for p in g.pages for f in p.signatures if not certifier_field(p, f)]
        signed = [(p, f) for p, f in fields if f.state == "signed"]
        unsure = [(p, f) for p, f in fields if f.state not in ("signed", "blank")]
        blank = [(p, f) for p, f in fields if f.state == "blank"]
        if signed and blank and may_need_none(d, g.pages, "signature") is None:
            # a field left blank beside a signed one: the applicant's own signature does not
            # stand for the unit head's (probe alt13 a02: 申报人 signed, 单位负责人 blank, passed)
            p, f = blank[0]
            done = "、".join(dict.fromkeys(f"「{s.label}」" for _, s in signed))
            own_only = all(_SELF.search(s.label) and not _RESPONSIBLE.search(s.label) for _, s in signed)
            status = "fail" if _RESPONSIBLE.search(f.label) and own_only else "review"
            findings.append(finding(RULE_ID, status, f"{g.kind_zh}的{done}栏已签字，但「{f.label}」栏未签字"
                                    + ("" if status == "fail" else "，请人工核对该栏是否须签字"), p, bbox=f.field_bbox, value="空白"))
        elif signed and (head := _unsure_beside_own(signed, unsure)) is not None:
            # only the applicant's own field signed, the unit head's not read surely (its field taken as starting in
            # its label's last glyphs: probe trust12 V03, a blank field passed as the document signed)
            p, f = head
            done = "、".join(dict.fromkeys(f"「{s.label}」" for _, s in signed))
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}仅{done}栏（申报人本人）已签字，「{f.label}」栏"
                                    + ("被手指或其他物体遮挡，" if f.by == "cover" else "") + "无法确认是否签字，请人工核对", p,
                                    bbox=f.field_bbox))
        elif signed and (own := _signed_as_applicant(signed, d.applicant.name)) is not None:
            # the unit head's field signed with the applicant's own name, as the engine read
            # the handwriting (probe alt15 P09: passed); the two may be one person, rarely
            p, f = own
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的「{f.label}」栏签名识别为申报人本人姓名「{d.applicant.name}」，"
                                    "请人工核对是否由负责人本人签字", p, bbox=f.ink_bbox or f.field_bbox, value=d.applicant.name))
        elif signed:
            p, f = signed[0]
            how = "已加盖人名章" if f.by == "name_seal" else "已签字"
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}的「{f.label}」栏{how}", p, bbox=f.ink_bbox or f.field_bbox))
        elif unsure:
            p, f = unsure[0]
            if f.by == "name_seal":  # a personal seal where the label asks for a signature
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的「{f.label}」栏加盖的是人名章而非手写签字，"
                                        "请人工确认是否认可", p, bbox=f.ink_bbox or f.field_bbox, value="人名章"))
            elif f.by == "certification":  # the copy's certification written over the field: its ink is in it
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的「{f.label}」栏处写有复印件说明（如「此复印件与原件一致」），"
                                        "栏内笔迹无法确认是否为签字，请人工核对", p, bbox=f.ink_bbox or f.field_bbox))
            elif f.by == "cover":  # a thumb or a shadow over the field in a photo: what is under it is unseen
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的「{f.label}」栏被手指或其他物体遮挡，无法确认是否签字，"
                                        "请人工核对原件或请申报人重新拍摄", p, bbox=f.ink_bbox or f.field_bbox, value="遮挡"))
            else:
                findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的「{f.label}」栏无法确认是否签字，请人工核对", p,
                                        bbox=f.field_bbox))
        elif fields and (other := may_need_none(d, g.pages, "signature")) is not None:
            p, f = fields[0]
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的「{f.label}」栏未签字；但该页也像{KIND_NAMES_ZH.get(other, other)}"
                                    "（无需签字），请人工确认材料类型及是否须签字", p, bbox=f.field_bbox, value="空白"))
        elif fields:
            p, f = fields[0]
            findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}的「{f.label}」栏未签字", p, bbox=f.field_bbox, value="空白"))
        else:
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）未找到签字栏，请人工核对是否已由负责人签字", g))
    return findings


def _unsure_beside_own(signed, unsure):
    """The first field for the person who answers for the document (单位负责人, 审核人…) whose state was not read
    surely, where every signed field is the applicant's own (申报人, 本人); None otherwise: the applicant's own
    signature never stands for the unit head's."""
    if not all(_SELF.search(s.label) and not _RESPONSIBLE.search(s.label) for _, s in signed):
        return None
    return next(((p, f) for p, f in unsure if _RESPONSIBLE.search(f.label) and f.by != "name_seal"), None)


def _signed_as_applicant(signed, name: str | None):
    """The first signed field for the person who answers for the document (单位负责人,
    审核人) whose handwriting the engine read, in a line of its own inside the field, as
    exactly the applicant's name; None when every such field is someone else's or unread.
    A field of the applicant's own (本人, 申报人) among the signed ones settles nothing."""
    if not name or len(name) < 2:
        return None
    responsible = [(p, f) for p, f in signed if _RESPONSIBLE.search(f.label) and not _SELF.search(f.label)]
    for p, f in responsible:
        x0, y0, x1, y1 = f.field_bbox
        for line in (p.ocr.lines if p.ocr is not None else ()):
            bx0, by0, bx1, by1 = line.bbox
            inside = bx0 >= x0 - 4 and bx1 <= x1 + 4 and by0 >= y0 - 4 and by1 <= y1 + 4
            if inside and re.sub(r"\s+", "", line.text) == name:
                return p, f
    return None
