"""paper.relevance: each paper lies in the specialty or a related field (review only:
a paper that shows no keyword of the specialty or a related field goes to a person).

Words every field uses (the campaign's ``generic_terms``: 研究, 管理, 处理…) count only
beside a word of the field itself: 中国古典诗词中的月亮意象研究 is not an environmental paper.
"""
from __future__ import annotations

import unicodedata

from verify.model import Finding
from verify.rules import Dossier

RULE_ID = "paper.relevance"


def check(d: Dossier) -> list[Finding]:
    if d.exempt(RULE_ID):
        return []
    c = d.campaign
    generic = set(c.generic_terms)
    keywords = list(c.specialties.get(d.applicant.specialty or "", ()))
    related = list(c.related_fields) + [k for ks in c.specialties.values() for k in ks if k not in generic]
    findings = []
    for match in d.paper_matches:
        title = match.claim.title or ""
        # the paper's own subject: its title (a sports paper in an environmental journal is still off-topic)
        texts = [title] + [p.fields.get("paper_title", "") for p in match.paper_pages]
        # English words in any case (Ozone, OZONE), formulas as typed in plain (SO₂ as SO2)
        blob = unicodedata.normalize("NFKC", " ".join(texts)).casefold()
        near = [k for k in related if k.casefold() in blob]
        hits = [k for k in keywords if k.casefold() in blob and (k not in generic or near)]
        paper = f"论文《{title or match.claim.journal or '未命名'}》"
        if hits:
            findings.append(Finding(RULE_ID, "pass", f"{paper}与申报专业（{d.applicant.specialty}）相关：{'、'.join(hits[:3])}", value=title))
        elif near:
            findings.append(Finding(RULE_ID, "pass", f"{paper}属生态环境相近专业：{'、'.join(near[:3])}", value=title))
        else:
            findings.append(Finding(RULE_ID, "review", f"{paper}未见与申报专业（{d.applicant.specialty or '未填写'}）相关的关键词，请评审人员判断专业相关性", value=title))
    return findings
