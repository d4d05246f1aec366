"""dossier.readable (extension): every submitted file could be read.

A corrupt, encrypted, empty or unsupported file never stops a batch: it becomes a
``review`` finding naming the file and the reason.
"""
from __future__ import annotations

from verify.model import Finding
from verify.rules import Dossier

RULE_ID = "dossier.readable"


def check(d: Dossier) -> list[Finding]:
    return [
        Finding(RULE_ID, "review", f"文件无法读取：{u.reason}。请申报人重新提交清晰、未加密的扫描件", file=u.file, value=u.reason)
        for u in d.unreadable
    ]
