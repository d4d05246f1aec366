"""identity.name: personal documents (certificates, forms, ID card) name the applicant.
Naming someone else → fail; no name read → review."""
from __future__ import annotations

from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "identity.name"


def check(d: Dossier) -> list[Finding]:
    from verify.read.names import name_on_page

    name = d.applicant.name
    findings = []
    for g in d.groups_of(*d.campaign.kinds_where("personal")):
        results = [(p, *name_on_page(p.ocr, name)) for p in g.pages]
        present = [r for r in results if r[1] == "present"]
        other = [r for r in results if r[1] == "other"]
        if other and not present:
            p, _, bbox, _ = other[0]
            who = "、".join(n for n in p.names if n != name) or "他人"
            findings.append(finding(RULE_ID, "fail", f"{g.kind_zh}上的姓名为「{who}」，不是申报人「{name}」", p, bbox=bbox, value=who, expected=name))
        elif present:
            p, _, bbox, _ = present[0]
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}上有申报人姓名", p, bbox=bbox, value=name, expected=name))
        else:
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）上未识别到申报人姓名「{name}」，请人工核对", g, expected=name))
    return findings
