"""seal.unit: the seal on documents the unit stamps names the applicant's unit (or
an alias). Names another unit → fail; unreadable → review.

Whose seal it is was decided when the page was read (``SealMark.unit_match``, from
the recogniser's own probabilities: :mod:`verify.marks.seals.evidence`); a ``fail``
says where the seal differs from the unit's name, a ``review`` what was read."""
from __future__ import annotations

from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "seal.unit"


def _differs(seal, unit_names) -> str:
    """Where a seal of another body differs from the unit's name, for the message:
    "（「导」处申报单位名称为「科」）", or "" when the seal kept no probabilities."""
    if not any(len(r) > 2 and r[2] is not None for r in seal.readings):
        return ""
    from verify.marks.seals import seal_evidence

    ev = seal_evidence(seal, unit_names)
    diffs = [d for d in ev.differences if d.read and d.status == "different"][:2]
    if ev.verdict != "other" or not diffs or len(diffs) > 2 or ev.reading != (seal.text or ""):
        return ""
    parts = "，".join(f"「{d.read}」处申报单位名称为「{d.expected}」" for d in diffs)
    return f"（{parts}，识别可信）"


def check(d: Dossier) -> list[Finding]:
    findings = []
    unit = d.applicant.unit
    for g in d.groups_of(*d.campaign.kinds_where("seal_names_unit")):
        seals = [(p, s) for p in g.pages for s in p.seals]
        if not seals:
            continue  # seal.present reports the absence
        ours = [(p, s) for p, s in seals if s.unit_match == "unit"]
        others = [(p, s) for p, s in seals if s.unit_match == "other"]
        unread = [(p, s) for p, s in seals if s.unit_match not in ("unit", "other")]
        if ours:
            p, s = ours[0]
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}的印章为申报单位「{s.text}」", p, bbox=s.bbox, value=s.text, expected=unit))
        elif others and not unread:
            p, s = others[0]
            why = _differs(s, d.applicant.unit_names)
            findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}的印章为「{s.text}」，不是申报单位「{unit}」{why}", p, bbox=s.bbox, value=s.text, expected=unit))
        else:
            p, s = (others or unread)[0]
            read = f"（识别为「{s.text}」）" if s.text else ""
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的印章文字无法确认{read}，请人工核对是否为申报单位「{unit}」", p, bbox=s.bbox, value=s.text, expected=unit))
    return findings
