"""dossier.required: each kind the campaign requires is present."""
from __future__ import annotations

from verify.model import KIND_NAMES_ZH, Finding
from verify.rules import Dossier

RULE_ID = "dossier.required"


def required_kinds(d: Dossier) -> list[str]:
    kinds = []
    for kind, rule in d.campaign.documents.items():
        if rule.required or (rule.required_if_current_title and d.applicant.current_title is not None):
            kinds.append(kind)
    return kinds


def check(d: Dossier) -> list[Finding]:
    findings = []
    present = []
    for kind in required_kinds(d):
        name = KIND_NAMES_ZH.get(kind, kind)
        if d.pages_of(kind):
            present.append(name)
            continue
        findings.append(Finding(RULE_ID, "fail", f"缺少必备材料：{name}{d.unreadable_note}", expected=kind))
    if present:
        findings.append(Finding(RULE_ID, "pass", "已提交：" + "、".join(present)))
    return findings
