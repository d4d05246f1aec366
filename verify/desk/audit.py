"""The audit trail: every action at the desk, appended, never edited.

Each row records who, when, what (``action``), on which applicant and target, the
state ``before`` and ``after`` (JSON) and the reason given. Rows are chained: each
carries the SHA-256 of the previous row's hash and its own content, so a row changed,
removed or inserted in the database file breaks the chain at that row
(:func:`verify_chain`). SQLite triggers refuse ``UPDATE`` and ``DELETE`` on the table
(see :mod:`verify.desk.store`); nothing in the desk's pages edits it. The newest row's
id and hash are also kept in ``DATA/audit-head``, so that cutting rows off the end is
noticed as well (a database restored from a backup needs the head file of the same
backup, or the check reports the missing rows).

>>> import tempfile
>>> from verify.desk.store import DataFolder
>>> folder = DataFolder(tempfile.mkdtemp()); folder.create()
>>> conn = folder.connect()
>>> append(conn, "管理员", "user.create", target="李审", after={"role": "reviewer"})
1
>>> append(conn, "李审", "login")
2
>>> verify_chain(conn).ok
True
>>> _ = conn.execute("DROP TRIGGER audit_no_update")
>>> _ = conn.execute("UPDATE audit SET user_name = '王某' WHERE id = 1")
>>> check = verify_chain(conn); check.ok, check.first_bad
(False, 1)
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from verify.desk.store import now_iso

GENESIS = "0" * 64

#: What each action means to a reviewer (the audit view's column 操作).
ACTION_NAMES_ZH = {
    "desk.create": "创建审核台",
    "user.create": "新增用户",
    "user.role": "修改角色",
    "user.password": "重设密码",
    "user.active": "启用/停用用户",
    "login": "登录",
    "login.failed": "登录失败",
    "login.paused": "多次登录失败，暂停该用户名从该地址登录",
    "login.paused.address": "同一地址多次登录失败，暂停该地址登录",
    "logout": "退出登录",
    "applicant.upload": "上传材料",
    "applicant.watch": "扫描目录收件",
    "applicant.scans": "补充扫描件",
    "applicant.info": "填写申报人信息",
    "applicant.withdraw": "撤回申报",
    "check.queued": "提交核验",
    "check.done": "核验完成",
    "finding.confirm": "确认核验结果",
    "finding.override": "改判核验结果",
    "finding.supersede": "改判他人决定（核验结果）",
    "decision.final": "最终决定",
    "decision.supersede": "改判他人决定（最终决定）",
    "finding.undo": "撤销复核决定",
    "finding.undo.other": "撤销他人决定（核验结果）",
    "finding.dismiss": "移除过期的复核决定",
    "decision.undo": "撤销最终决定",
    "decision.undo.other": "撤销他人决定（最终决定）",
}

#: The audit view's kinds of rows (记录类别): the reviewers' decisions, shown by default
#: (logins were most of the rows of a desk used for a few days, the decisions lost among
#: them); the applicants' materials and checks; users and logins. Every row is in one.
KINDS_ZH = {"decisions": "只看复核决定", "applicants": "材料与核验", "users": "用户与登录", "all": "全部记录"}
#: an action on an applicant that is a person's decision, listed with the decisions
DECIDED_ON_APPLICANT = ("applicant.withdraw",)


def kind_of(action: str) -> str:
    """The kind (:data:`KINDS_ZH`) of an audit row's action.

    >>> kind_of("finding.override"), kind_of("decision.undo.other"), kind_of("check.done"), kind_of("login")
    ('decisions', 'decisions', 'applicants', 'users')
    >>> kind_of("applicant.withdraw")  # an admin's decision on an upload
    'decisions'
    """
    head = action.split(".", 1)[0]
    if head in ("finding", "decision") or action in DECIDED_ON_APPLICANT:
        return "decisions"
    if head in ("applicant", "check"):
        return "applicants"
    return "users"


def kind_where(kind: str) -> str:
    """The SQL condition (over ``audit``'s ``action``) of the rows of one kind; ``''`` for all.

    >>> kind_where("decisions")
    "(action LIKE 'finding.%' OR action LIKE 'decision.%' OR action IN ('applicant.withdraw'))"
    """
    decided = "(action LIKE 'finding.%' OR action LIKE 'decision.%' OR action IN ({}))".format(
        ", ".join(f"'{a}'" for a in DECIDED_ON_APPLICANT))
    if kind == "decisions":
        return decided
    if kind == "applicants":
        return f"((action LIKE 'applicant.%' OR action LIKE 'check.%') AND NOT {decided})"
    if kind == "users":
        return f"NOT ({decided} OR action LIKE 'applicant.%' OR action LIKE 'check.%')"
    return ""


#: Names of the fields recorded in ``before``/``after``, for the audit view.
FIELD_NAMES_ZH = {
    "verdict": "核验结论", "counts": "各项数量", "run": "核验次数", "error": "未能核验的原因",
    "decisions_kept": "保留的复核决定", "decisions_stale": "过期的复核决定", "decisions_changed": "核验结果已变化的复核决定",
    "failures": "失败次数", "minutes": "暂停分钟数", "address": "客户端地址",
    "name": "姓名", "scans": "扫描件数", "files": "文件数", "source_path": "扫描目录中的位置", "refused": "拒收原因",
    "role": "角色", "active": "启用", "decision": "决定", "status": "核验结果", "by": "决定人", "opinion": "审核意见",
    "stale": "已过期", "id_number": "身份证号码", "unit": "申报单位", "unit_kind": "单位性质", "unit_aliases": "单位别名",
    "specialty": "申报专业", "level": "申报级别", "campaign": "申报批次", "current_title": "现职称", "papers": "论文",
    "awards": "获奖与成果", "title": "题目", "journal": "期刊", "issn": "ISSN", "cn": "CN", "date": "时间",
    "withdrawn": "已撤回", "moved_to": "材料移至", "replaced": "替换的文件",
    "removed": "移出的原件（被重新扫描的文件替换）", "replaced_by": "原件 → 重新扫描的文件", "kept_at": "被替换的原件保存于",
    "at": "决定时间", "reason": "理由",
    "final_stale": "最终决定待复核",
}
#: Codes that appear as values, in words.
VALUE_NAMES_ZH = {
    "pass": "通过", "fail": "不通过", "review": "需人工复核", "error": "无法核验", "confirm": "确认",
    "approve": "通过", "reject": "不通过", "return": "退回补正", "reviewer": "审核员", "admin": "管理员",
    "institution": "事业单位", "enterprise": "企业", "government": "机关",
}


#: Fields whose values every view of the trail (the audit page, ``verify desk audit``) shows
#: masked as the project's messages do (region and last four): the stored row keeps the
#: value whole, since the hash chain covers it.
MASKED_FIELDS = frozenset({"id_number"})
#: an ISO time as the desk records it (``2026-12-07T12:53:16+00:00``)
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def shown(key: str, value) -> str:
    """A recorded field's value as the audit views show it: :func:`describe`, with an ID
    number masked (a YAML file gives it as a number when it has no X).

    >>> shown("id_number", 210402198602110267), shown("id_number", "21040219860211026x"), shown("id_number", "")
    ('210402********0267', '210402********026X', '—')

    A decision's time as every desk page shows times (an undone decision's 决定时间 read
    「2026-12-07T12:53:16+00:00」 on the audit page, beside rows saying 2026-12-07 12:53):

    >>> shown("at", "2026-12-07T12:53:16+00:00"), shown("at", "昨天")
    ('2026-12-07 12:53', '昨天')
    """
    if key == "at" and isinstance(value, str) and _ISO_TIME.match(value):
        return value[:16].replace("T", " ")
    if key in MASKED_FIELDS and isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        from verify.read.identifiers import ric

        return ric.mask(str(value))
    return describe(value)


def describe(value) -> str:
    """A recorded value as the audit view shows it: codes and field names in Chinese.

    >>> describe({"fail": 3, "review": 4, "pass": 24})
    '不通过 3，需人工复核 4，通过 24'
    >>> describe([{"title": "PM2.5", "issn": "1674-1021"}]), describe(True), describe(None)
    ('题目 PM2.5，ISSN 1674-1021', '是', '—')
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "，".join(f"{FIELD_NAMES_ZH.get(k, VALUE_NAMES_ZH.get(k, k))} {shown(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "；".join(describe(v) for v in value)
    if isinstance(value, str):
        return VALUE_NAMES_ZH.get(value, value)
    return str(value)


def target_zh(action: str | None, target: str | None) -> str:
    """A row's target as the audit views show it: a decision on a finding names its rule
    by the reviewer's name, where the row keeps the rule's ID (``rule · where``, as
    :func:`verify.desk.review.decide_finding` writes it; the audit page showed
    「dossier.readable · 补充/甲.jpg」, hostile exploration 6, D7).

    >>> target_zh("finding.override", "dossier.readable · 补充/甲.jpg 第 1 页")
    '材料文件可读取 · 补充/甲.jpg 第 1 页'
    >>> target_zh("decision.final", "A2024-003"), target_zh("user.create", None)
    ('A2024-003', '')
    """
    if not target:
        return ""
    if (action or "").startswith("finding.") and " · " in target:
        from verify.report.view import rule_name_zh

        rule, where = target.split(" · ", 1)
        return f"{rule_name_zh(rule)} · {where}"
    return target


def described_fields(text: str | None) -> list[tuple[str, str]]:
    """``(field, value)`` pairs of a ``before``/``after`` column, in Chinese."""
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return [("", text)]
    if not isinstance(data, dict):
        return [("", describe(data))]
    return [(FIELD_NAMES_ZH.get(k, k), shown(k, v)) for k, v in data.items()]


_COLUMNS = ("id", "at", "user_name", "action", "applicant_id", "target", "before", "after", "reason", "prev_hash")


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(row: dict) -> str:
    """SHA-256 over the row's columns (``hash`` itself excluded), in a fixed order; a change
    here would make every existing trail fail its check, hence the pinned value.

    >>> row_hash({c: None for c in _COLUMNS})[:12]
    'a6f025aa56fe'
    """
    blob = json.dumps([row.get(c) for c in _COLUMNS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def append(conn: sqlite3.Connection, user: str, action: str, *, applicant_id: int | None = None,
           target: str | None = None, before=None, after=None, reason: str | None = None) -> int:
    """Append one row and return its id. Call it inside the transaction that makes the
    change it records (:func:`verify.desk.store.transaction`), so both land or neither."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    row = {
        "id": (last[0] + 1) if last else 1,
        "at": now_iso(),
        "user_name": user,
        "action": action,
        "applicant_id": applicant_id,
        "target": target,
        "before": _json(before),
        "after": _json(after),
        "reason": reason or None,
        "prev_hash": last[1] if last else GENESIS,
    }
    row["hash"] = row_hash(row)
    conn.execute(f"INSERT INTO audit ({', '.join(_COLUMNS)}, hash) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
                 [row[c] for c in _COLUMNS] + [row["hash"]])
    return row["id"]


_head_lock = threading.Lock()


def write_head(conn: sqlite3.Connection, head_path: Path) -> None:
    """Record the newest row's id and hash beside the database (after a commit); the
    head only moves forward, whichever thread writes last."""
    with _head_lock:
        last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        if last is None:
            return
        head_path = Path(head_path)
        try:
            if int(head_path.read_text(encoding="ascii").split()[0]) >= last[0]:
                return
        except (OSError, ValueError, IndexError):
            pass
        tmp = head_path.with_name(f".{head_path.name}.{os.getpid()}.tmp")
        tmp.write_text(f"{last[0]} {last[1]}\n", encoding="ascii")
        tmp.replace(head_path)


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    rows: int
    first_bad: int | None = None
    message: str = ""
    #: the newest row checked and its hash: a later check can start after it
    last_id: int = 0
    last_hash: str = GENESIS
    #: rows before ``since`` were taken as checked by an earlier check (not hashed again)
    since: int = 0


def verify_chain(conn: sqlite3.Connection, head_path: Path | None = None,
                 after: ChainCheck | None = None) -> ChainCheck:
    """Recompute every row's hash and link; compare the newest row with ``audit-head``.

    ``after``: an earlier check that passed; only the rows added since are hashed, linked
    to its newest row (whose hash is compared again, so a changed or removed newest row
    is still found: the check then starts over from the first row). A change to an
    older row is found only by a check from the first row (the audit page's 完整核对,
    ``verify desk audit --verify``): the page hashed the whole trail on every load, 2 s
    at 100,000 rows (desk exploration 6, P2)."""
    start_id, prev = 0, GENESIS
    if after is not None and after.ok and after.last_id:
        anchor = conn.execute(f"SELECT {', '.join(_COLUMNS)}, hash FROM audit WHERE id = ?",
                              (after.last_id,)).fetchone()
        if anchor is None or anchor["hash"] != after.last_hash or row_hash(dict(anchor)) != after.last_hash:
            return verify_chain(conn, head_path)
        start_id, prev = after.last_id, after.last_hash
    expected_id = start_id + 1
    count = start_id
    last_id, last_hash = start_id, prev
    for r in conn.execute(f"SELECT {', '.join(_COLUMNS)}, hash FROM audit WHERE id > ? ORDER BY id", (start_id,)):
        row = dict(r)
        count += 1
        if row["id"] != expected_id:
            return ChainCheck(False, count, expected_id,
                              f"审计记录缺失：第 {expected_id} 条之后直接是第 {row['id']} 条（记录被删除）")
        if row["prev_hash"] != prev:
            return ChainCheck(False, count, row["id"], f"第 {row['id']} 条记录与前一条的链接不符（前一条被修改或删除）")
        if row_hash(row) != row["hash"]:
            return ChainCheck(False, count, row["id"], f"第 {row['id']} 条记录的内容与其哈希不符（记录被修改）")
        prev = row["hash"]
        expected_id += 1
        last_id, last_hash = row["id"], row["hash"]
    if head_path is not None and Path(head_path).is_file():
        try:
            head_id_text, head_hash = Path(head_path).read_text(encoding="ascii").split()
            head_id = int(head_id_text)
        except (ValueError, OSError):
            return ChainCheck(False, count, None, f"{Path(head_path).name} 文件已损坏，无法核对最后一条审计记录")
        if head_id > last_id:
            return ChainCheck(False, count, last_id + 1,
                              f"审计记录被截断：应至少有 {head_id} 条，数据库中只有 {last_id} 条")
        stored = conn.execute("SELECT hash FROM audit WHERE id = ?", (head_id,)).fetchone()
        if stored is None or stored[0] != head_hash:
            return ChainCheck(False, count, head_id, f"第 {head_id} 条记录与 {Path(head_path).name} 中保存的哈希不符")
    since = f"（其中前 {start_id} 条此前已核对，本次核对其后的 {count - start_id} 条）" if start_id else ""
    return ChainCheck(True, count, None, f"审计记录完整：共 {count} 条，哈希链核对无误{since}",
                      last_id, last_hash, start_id)
