"""identity.id_number: the ID card number has a valid GB 11643 check digit and equals
``id_number``."""
from __future__ import annotations

from stdnum.cn import ric

from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "identity.id_number"


def _mask(number: str) -> str:
    return number[:6] + "********" + number[-4:] if len(number) == 18 else number


def check(d: Dossier) -> list[Finding]:
    claimed = d.applicant.id_number
    findings = []
    for p in d.pages_of("id_card"):
        if not p.id_numbers:
            findings.append(finding(RULE_ID, "review", "未能识别身份证复印件上的公民身份号码，请人工核对", p))
            continue
        valid = [n for n in p.id_numbers if ric.is_valid(n)]
        if not valid:
            n = p.id_numbers[0]
            findings.append(finding(RULE_ID, "fail", f"身份证号码 {_mask(n)} 校验位错误，不是有效的公民身份号码", p, value=n, expected=claimed))
        elif claimed and claimed not in valid:
            n = valid[0]
            findings.append(finding(RULE_ID, "fail", f"身份证号码 {_mask(n)} 与申报信息 {_mask(claimed)} 不一致", p, value=n, expected=claimed))
        else:
            findings.append(finding(RULE_ID, "pass", "身份证号码有效" + ("且与申报信息一致" if claimed else ""), p, value=valid[0], expected=claimed))
    return findings
