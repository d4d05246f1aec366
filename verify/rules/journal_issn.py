"""journal.issn: each paper's journal pages show an ISSN with a valid check digit,
equal to the claimed one. Enterprise applicants: pass, with a note (企业申报人员对论文
不作发表要求)."""
from __future__ import annotations

from stdnum import issn as stdnum_issn
from stdnum.exceptions import InvalidChecksum, ValidationError

from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "journal.issn"


def _norm(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return stdnum_issn.format(stdnum_issn.compact(value))
    except Exception:
        return value


def check_identifier(d: Dossier, rule_id: str, label: str, read_of, is_valid, norm, claimed_of, why_invalid) -> list[Finding]:
    """The shared shape of the ISSN and CN checks: per claimed paper, the
    identifiers read on its journal pages against the claim."""
    if d.exempt(rule_id):
        return [Finding(rule_id, "pass", f"企业申报人员对论文不作发表要求，免于核对期刊 {label}")]
    findings = []
    for match in d.paper_matches:
        claim = match.claim
        paper = f"论文《{claim.title or claim.journal or '未命名'}》"
        covers = [p for p in match.journal_pages if p.kind == "journal_cover"]
        pages = covers or list(match.journal_pages)
        expected = norm(claimed_of(claim))
        if not covers and not any(read_of(p) for p in pages):
            findings.append(Finding(rule_id, "fail", f"{paper}未找到刊载期刊的封面或版权页，无法核对 {label}{d.unreadable_note}", expected=expected))
            continue
        read = [(p, v) for p in pages for v in read_of(p)]
        valid = [(p, v) for p, v in read if is_valid(v)]
        where = pages[0]
        if not read:
            findings.append(finding(rule_id, "fail", f"{paper}的期刊页上未见 {label}", where, expected=expected))
        elif not valid:
            p, v = read[0]
            findings.append(finding(rule_id, "fail", f"{paper}的期刊 {label} {v} 无效：{why_invalid(v)}", p, value=v, expected=expected))
        elif expected and not any(norm(v) == expected for _, v in valid):
            p, v = valid[0]
            findings.append(finding(rule_id, "fail", f"{paper}的期刊 {label} {v} 与申报的 {expected} 不一致", p, value=v, expected=expected))
        else:
            p, v = valid[0]
            findings.append(finding(rule_id, "pass", f"{paper}的期刊 {label} {v} 有效" + ("且与申报一致" if expected else ""), p, value=v, expected=expected))
    return findings


def check(d: Dossier) -> list[Finding]:
    return check_identifier(
        d, RULE_ID, "ISSN",
        read_of=lambda p: p.issn,
        is_valid=stdnum_issn.is_valid,
        norm=_norm,
        claimed_of=lambda c: c.issn,
        why_invalid=_why_invalid,
    )


def _why_invalid(value: str) -> str:
    try:
        stdnum_issn.validate(value)
    except InvalidChecksum:
        return "校验位错误"
    except ValidationError:
        return "格式错误"
    return "无效"
