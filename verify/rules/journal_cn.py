"""journal.cn: each paper's journal pages show a well-formed CN serial number
(``CN`` + region code + ``-`` + 4 digits + ``/`` + class), equal to the claimed
one; ``CN(HK)``-style numbers fail."""
from __future__ import annotations

from verify.read.identifiers import cn_serial
from verify.model import Finding
from verify.rules import Dossier
from verify.rules.journal_issn import CN_TRACE, check_identifier

RULE_ID = "journal.cn"


def _norm(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return cn_serial.format(value)
    except Exception:
        return value.strip()


def check(d: Dossier) -> list[Finding]:
    return check_identifier(
        d, RULE_ID, "CN 刊号",
        read_of=lambda p: p.cn,
        is_valid=cn_serial.is_valid,
        norm=_norm,
        claimed_of=lambda c: c.cn,
        why_invalid=lambda v: cn_serial.reason(v) or "不是规范的国内统一连续出版物号",
        fact="cn",
        trace=CN_TRACE,
    )
