"""paper.relevance: each paper lies in the specialty or a related field (review only:
a paper that shows no keyword of the specialty or a related field goes to a person).

Words every field uses (the campaign's ``generic_terms``: 研究, 管理, 处理…) count only
beside a word of the field itself: 中国古典诗词中的月亮意象研究 is not an environmental paper.
"""
from __future__ import annotations

import re
import unicodedata

from verify.model import Finding
from verify.rules import Dossier

RULE_ID = "paper.relevance"


def specialty_of(claimed: str | None, specialties) -> str | None:
    """The campaign's specialty the applicant's ``specialty`` names: itself, or written
    with 专业 or spaces, or a part of one name only (环境监测 of 生态环境监测); None where
    it names none (量子力学) or several.

    >>> names = ("生态环境工程", "生态环境科研", "生态环境监测", "生态环境管理")
    >>> [specialty_of(s, names) for s in ("生态环境监测", "生态环境监测专业", " 环境 监测 ", "量子力学", "生态环境", None)]
    ['生态环境监测', '生态环境监测', '生态环境监测', None, None, None]
    """
    if not claimed:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", claimed)).removesuffix("专业")
    if text in specialties:
        return text
    named = [s for s in specialties if len(text) >= 2 and (text in s or s in text)]
    return named[0] if len(named) == 1 else None


def _names(keyword: str, blob: str) -> bool:
    """Whether the casefolded ``blob`` holds ``keyword``: a Chinese one anywhere, one in Latin letters at a word's start
    only (river in rivers, not in drivers; dust not in industrial).

    >>> [_names(k, "key drivers of industrial growth") for k in ("river", "dust", "growth")]
    [False, False, True]
    >>> [_names(k, "ammonia in urban rivers of fushun 大气pm2.5污染") for k in ("river", "PM2.5", "大气")]
    [True, True, True]
    """
    k = keyword.casefold()
    if k.isascii():
        return re.search(r"(?<![a-z0-9])" + re.escape(k), blob) is not None
    return k in blob


def check(d: Dossier) -> list[Finding]:
    if d.exempt(RULE_ID):
        return []
    c = d.campaign
    generic = set(c.generic_terms)
    specialty = specialty_of(d.applicant.specialty, c.specialties)
    if d.applicant.specialty and c.specialties and specialty is None:
        # 量子力学 passed every environmental paper on the related fields (hostile exploration 5)
        known = "、".join(c.specialties)
        return [Finding(RULE_ID, "review", f"论文《{m.claim.title or m.claim.journal or '未命名'}》：申报专业「{d.applicant.specialty}」"
                                           f"不是本批次的申报专业（{known}），无法据此判断论文的专业相关性，请评审人员核对申报专业",
                        value=m.claim.title) for m in d.paper_matches]
    keywords = list(c.specialties.get(specialty or "", ()))
    related = list(c.related_fields) + [k for ks in c.specialties.values() for k in ks if k not in generic]
    findings = []
    for match in d.paper_matches:
        title = match.claim.title or ""
        # the paper's own subject: its title (a sports paper in an environmental journal is still off-topic)
        texts = [title] + [p.fields.get("paper_title", "") for p in match.paper_pages]
        # English words in any case (Ozone, OZONE), formulas as typed in plain (SO₂ as SO2)
        blob = unicodedata.normalize("NFKC", " ".join(texts)).casefold()
        near = [k for k in related if _names(k, blob)]
        hits = [k for k in keywords if _names(k, blob) and (k not in generic or near)]
        paper = f"论文《{title or match.claim.journal or '未命名'}》"
        if hits:
            findings.append(Finding(RULE_ID, "pass", f"{paper}与申报专业（{d.applicant.specialty}）相关：{'、'.join(hits[:3])}", value=title))
        elif near:
            findings.append(Finding(RULE_ID, "pass", f"{paper}属生态环境相近专业：{'、'.join(near[:3])}", value=title))
        else:
            findings.append(Finding(RULE_ID, "review", f"{paper}未见与申报专业（{d.applicant.specialty or '未填写'}）相关的关键词，请评审人员判断专业相关性", value=title))
    return findings
