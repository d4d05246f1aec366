"""paper.retrieval: each paper has a retrieval proof (知网/万方/维普 检索证明) naming it.

A proof from a search engine rather than the notice's databases (百度学术, not 知网,
万方 or 维普) is ``review``. None found fails, unless a page left unclassified looks
most like a retrieval proof (:func:`verify.rules.required.maybe_of_kind`):
``review``, naming it."""
from __future__ import annotations

import re

from verify.model import Finding
from verify.read.names import name_on_page
from verify.rules import Dossier, finding
from verify.rules.required import maybe_of_kind, where

RULE_ID = "paper.retrieval"


def check(d: Dossier) -> list[Finding]:
    if d.exempt(RULE_ID):
        return [d.exemption(RULE_ID, "企业申报人员对论文不作发表要求，免于核对论文检索证明")]
    findings = []
    for match in d.paper_matches:
        paper = f"论文《{match.claim.title or match.claim.journal or '未命名'}》"
        doubtful = getattr(match, "doubtful_retrieval_pages", [])
        if match.retrieval_pages:
            proof = match.retrieval_pages[0]
            state, bbox, _ = name_on_page(proof.ocr, d.applicant.name)
            if state in ("other", "elsewhere") or (state == "absent" and bbox is not None):  # or a name one character away
                # the proof names the paper and another person as its author (probe alt10:
                # the right title under two other authors passed)
                findings.append(finding(RULE_ID, "review", f"{paper}的检索证明上未见申报人「{d.applicant.name}」，"
                                        "所列作者为他人，请人工核对是否为申报人本人的论文", proof, bbox=bbox))
            elif (source := _other_source(proof)) is not None:
                findings.append(finding(RULE_ID, "review", f"{paper}的检索证明来自「{source}」，不是通知要求的中国知网、万方或维普数据库，"
                                        "请人工核对", proof, value=source))
            else:
                findings.append(finding(RULE_ID, "pass", f"{paper}有检索证明", proof))
        elif doubtful:
            findings.append(finding(RULE_ID, "review", f"{paper}的检索证明上题名与申报不完全一致（可能是识别误差，也可能是另一篇论文），请人工核对", doubtful[0], value=match.claim.title))
        elif maybe := maybe_of_kind(d, "retrieval_proof"):
            findings.append(Finding(RULE_ID, "review", f"{paper}未找到检索证明；{where(maybe)}可能是检索证明（未能识别其类型），请人工核对",
                                    file=maybe[0].file, page=maybe[0].page, value=match.claim.title))
        else:
            findings.append(Finding(RULE_ID, "fail", f"{paper}缺少论文检索证明（知网/万方/维普检索结果，须人事部门签字盖章）{d.unreadable_note}", value=match.claim.title))
    return findings


#: the databases the notice names for retrieval (万方数据资源系统, 清华同方中国知网, 重庆维普)
_NAMED_DATABASE = re.compile(r"知网|CNKI|万方|Wanfang|维普|cqvip|VIP|中文科技期刊数据库", re.I)
#: search engines and libraries that are not those databases
_OTHER_SOURCE = re.compile(r"百度学术|谷歌学术|Google\s*Scholar|必应学术|Bing\s*Academic|读秀|超星|360学术|搜狗学术", re.I)


def _other_source(proof) -> str | None:
    """The search engine a retrieval proof says it came from, where it names none of
    the notice's databases (a 百度学术 screenshot, signed and sealed, passed: probe
    alt15 P13); None otherwise.

    >>> from types import SimpleNamespace as P
    >>> _other_source(P(ocr=P(text="检索来源：百度学术 搜索结果截图"))), _other_source(P(ocr=P(text="中国知网 检索结果")))
    ('百度学术', None)
    """
    text = proof.ocr.text if proof.ocr is not None else ""
    if _NAMED_DATABASE.search(text):
        return None
    m = _OTHER_SOURCE.search(text)
    return m.group(0) if m else None
