"""Findings and the reviewers' decisions on them.

A finding is known across checks by its identity: rule, file, page, and which of the
findings with those three it is (the first, the second…) — :func:`finding_ident`.
When an applicant is checked again (new scans, new information), every decision
moves to the new finding of the same rule, file and page (the same identity but for
the order, that one first: :func:`carry_decisions`) *with the same result* (status,
message, what was read and what was wanted, where on the page: :func:`same_result`)
read from the same file (its sha256: a scan replaced by another that reads the same is
not the image the reviewer judged); a decision whose finding is gone, now says
something else or is on a replaced file is kept but marked *stale* (过期: a
confirmation of a pass never becomes a confirmation of the fail a recheck read on that
page), and the final decision, when there is one, is marked for a second look when
the verdict changed or a decision went stale. While a check is queued or running no
finding is decided (:class:`Rechecking`): the findings on the page are about to be
replaced, and a decision on them would be carried, unseen, onto the new ones.

Per finding a reviewer may *confirm* the tool's result or *override* it to ``pass``
or ``fail`` (a reason is required). Each applicant gets one final decision:
通过 (``approve``), 不通过 (``reject``) or 退回补正 (``return``), with the reviewer's
name. A decision made by one reviewer is changed by another only as an explicit
*supersede* (改判他人决定) with a reason, which the audit trail records as such.

>>> finding_ident({"rule": "seal.unit", "file": "a.jpg", "page": 2}, 0)
'seal.unit|a.jpg|2|0'
>>> finding_ident({"rule": "seal.unit", "file": "a3.jpg", "page": 1, "part": 2}, 0)
'seal.unit|a3.jpg|1/2|0'
>>> effective_status("review", None), effective_status("review", "confirm"), effective_status("fail", "pass")
('review', 'review', 'pass')
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass

from verify.desk import audit
from verify.desk.store import DeskError, now_iso

SYSTEM_USER = "系统"
DECISIONS = ("approve", "reject", "return")
DECISION_NAMES_ZH = {"approve": "通过", "reject": "不通过", "return": "退回补正"}
ACTION_NAMES_ZH = {"confirm": "确认", "pass": "改判为通过", "fail": "改判为不通过"}
STATUS_NAMES_ZH = {"pass": "通过", "fail": "不通过", "review": "需人工复核"}
VERDICT_NAMES_ZH = {"pass": "通过", "fail": "不通过", "review": "需人工复核", "error": "无法核验"}
STATE_NAMES_ZH = {"needs_info": "待补信息", "queued": "排队中", "running": "核验中", "done": "已核验"}


class NotYours(DeskError):
    """Another reviewer made this decision; changing it needs an explicit supersede."""


def finding_ident(finding: dict, occurrence: int) -> str:
    """``rule|file|page|n``; a finding on a half of a two-up spread names the half
    after its page (``…|1/2|0``: the right half), so that a decision stays with it."""
    page, part = finding.get("page"), finding.get("part")
    where = ("" if page is None else str(page)) + (f"/{part}" if part else "")
    return f"{finding.get('rule') or ''}|{finding.get('file') or ''}|{where}|{occurrence}"


def effective_status(status: str, action: str | None) -> str:
    """The finding's status after the reviewer's decision (``confirm`` keeps the tool's)."""
    return action if action in ("pass", "fail") else status


def part_of_ident(ident: str | None):
    """The half of a two-up spread a finding is on, from its identity (``rule|file|1/2|0``).

    >>> part_of_ident("seal.unit|扫描/a|b.jpg|1/2|0"), part_of_ident("seal.unit|a.jpg|1|0"), part_of_ident(None)
    (2, None, None)
    """
    parts = (ident or "").rsplit("|", 2)
    _, _, part = (parts[1] if len(parts) == 3 else "").partition("/")
    return int(part) if part.isdigit() else None


def where(file: str | None, page, ident: str | None = None) -> str:
    """A finding's place as the desk's messages and audit trail say it
    (:func:`verify.model.place_label`), the half of a spread named (``ident``: the
    finding's identity, which holds it).

    >>> where("a.jpg", 1, "seal.unit|a.jpg|1/2|0"), where("a.jpg", 1), where(None, None)
    ('a.jpg 第 1 页（右半页）', 'a.jpg 第 1 页', '整份材料')
    """
    from verify.model import place_label

    return place_label(file, page, part_of_ident(ident))


class Rechecking(DeskError):
    """The applicant is queued or running for a check: its findings are about to be replaced."""


def same_result(decided, finding: dict) -> bool:
    """Whether ``finding`` (of a new check) says what the finding a decision was made on
    said: the status the reviewer saw (``finding_status``) and that finding's message,
    value read and value wanted (``message`` and ``data`` of its row; ``None`` when the
    row is gone). Only then is the decision carried onto it.

    >>> decided = {"finding_status": "pass", "message": "已签字", "data": '{"value": null, "expected": null}'}
    >>> same_result(decided, {"status": "pass", "message": "已签字"})
    True
    >>> same_result(decided, {"status": "fail", "message": "已签字"}), same_result(decided, {"status": "pass", "message": "未签字"})
    (False, False)
    >>> same_result(dict(decided, data=None), {"status": "pass", "message": "已签字"})
    False
    """
    if decided["data"] is None:
        return False
    try:
        before = json.loads(decided["data"])
    except ValueError:
        return False
    return (decided["finding_status"] == str(finding.get("status") or "review")
            and decided["message"] == finding.get("message")
            and before.get("value") == finding.get("value") and before.get("expected") == finding.get("expected")
            and same_place(before.get("bbox"), finding.get("bbox")))


def same_place(before, after) -> bool:
    """Whether two findings' boxes (``[x0, y0, x1, y1]`` or none) are one place on the
    page: both without a box, or boxes overlapping by at least half of their union. Two
    seals on a page with one message (「印文无法辨认」) are told apart by it: a recheck
    that finds a third one before them shifts their order (the identity's occurrence),
    and a decision made on one must not land on the other.

    >>> same_place(None, None), same_place([0, 0, 100, 100], [4, 2, 104, 100]), same_place([0, 0, 100, 100], None)
    (True, True, False)
    >>> same_place([0, 0, 100, 100], [300, 0, 400, 100])
    False
    """
    if not before and not after:
        return True
    try:
        ax0, ay0, ax1, ay1 = (float(v) for v in before)
        bx0, by0, bx1, by1 = (float(v) for v in after)
    except (TypeError, ValueError):
        return False
    inter = max(0.0, min(ax1, bx1) - max(ax0, bx0)) * max(0.0, min(ay1, by1) - max(ay0, by0))
    union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return union > 0 and inter / union >= 0.5


# ---------------------------------------------------------------- a finished check


def record_run(conn: sqlite3.Connection, applicant_id: int, run_no: int, report: dict | None,
               verdict: str, error: str | None = None, digests: dict[str, str] | None = None) -> dict:
    """Store the findings of check ``run_no``, move the decisions onto the findings that
    say what they were decided on (:func:`same_result`) of the same file (``digests``: the
    sha256 of each file the check read, by its path in the dossier; a scan replaced by
    another that reads the same is not the image the reviewer judged), mark the rest
    stale and record the check in the audit trail (``decisions_changed``: those gone
    stale because their finding now says something else or its file was replaced).
    Inside a transaction."""
    before = conn.execute("SELECT verdict, decision, name, unit FROM applicants WHERE id = ?",
                          (applicant_id,)).fetchone()
    findings = [f for f in (report or {}).get("findings") or () if isinstance(f, dict)]
    seen: Counter = Counter()
    new: dict[str, tuple[int, str]] = {}
    by_ident: dict[str, dict] = {}
    for position, f in enumerate(findings):
        base = (f.get("rule"), f.get("file"), f.get("page"), f.get("part"))
        ident = finding_ident(f, seen[base])
        seen[base] += 1
        page = f.get("page") if isinstance(f.get("page"), int) else None
        digest = (digests or {}).get(f["file"]) if isinstance(f.get("file"), str) else None
        cur = conn.execute(
            "INSERT INTO findings (applicant_id, run_no, position, ident, rule, status, file, page, message, data,"
            " file_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (applicant_id, run_no, position, ident, str(f.get("rule") or ""), str(f.get("status") or "review"),
             f.get("file"), page, f.get("message"), json.dumps(f, ensure_ascii=False), digest))
        new[ident] = (cur.lastrowid, str(f.get("status") or "review"))
        by_ident[ident] = (f, digest)
    decisions = conn.execute(
        "SELECT d.id, d.ident, d.stale, d.finding_status, d.action, d.carried_from, f.run_no, f.message, f.data,"
        " f.file_digest FROM decisions d"
        " LEFT JOIN findings f ON f.id = d.finding_id WHERE d.applicant_id = ? ORDER BY d.stale, d.id",
        (applicant_id,)).fetchall()
    target = carry_decisions(decisions, by_ident)
    claimed = set(target.values())
    stale = kept = changed = 0
    # a decision taking another's place in the order goes there once every one that moves
    # has left its own (the identity is unique); a stale one whose place a carried one
    # takes keeps its own with its row's number after it (``…|1#7``)
    moving = {d["id"] for d in decisions if target.get(d["id"], d["ident"]) != d["ident"]
              or (d["id"] not in target and d["ident"] in claimed)}
    for decision_id in moving:
        conn.execute("UPDATE decisions SET ident = ? WHERE id = ?", (f"~{decision_id}", decision_id))
    for d in decisions:
        if d["id"] in target:
            ident = target[d["id"]]
            # the check it was made on, kept through later ones: the card says it was carried
            carried = d["carried_from"] or (d["run_no"] if d["run_no"] != run_no else None)
            found = by_ident[ident][0]  # (its file: another name, when carried by the file's sha256)
            conn.execute("UPDATE decisions SET ident = ?, finding_id = ?, stale = 0, carried_from = ?, file = ?,"
                         " page = ? WHERE id = ?",
                         (ident, new[ident][0], carried, found.get("file"),
                          found.get("page") if isinstance(found.get("page"), int) else None, d["id"]))
            kept += 1
            continue
        if not d["stale"]:
            stale += 1
            changed += plain_ident(d["ident"]) in by_ident and plain_ident(d["ident"]) not in claimed
        ident = d["ident"]
        if d["id"] in moving:
            ident = f"{plain_ident(ident)}#{d['id']}"
        conn.execute("UPDATE decisions SET ident = ?, stale = 1 WHERE id = ?", (ident, d["id"]))
    counts = {s: sum(1 for _, st in new.values() if st == s) for s in ("fail", "review", "pass")}
    applicant = (report or {}).get("applicant") or {}
    decision_stale = bool(before["decision"]) and run_no > 1 and (stale > 0 or before["verdict"] != verdict)
    conn.execute(
        "UPDATE applicants SET state = 'done', run_no = ?, verdict = ?, counts = ?, error = ?, finished_at = ?,"
        " name = COALESCE(?, name), unit = COALESCE(?, unit),"
        " decision_stale = CASE WHEN ? THEN 1 ELSE decision_stale END WHERE id = ?",
        (run_no, verdict, json.dumps(counts), error, time.time(), applicant.get("name"), applicant.get("unit"),
         int(decision_stale), applicant_id))
    after = {"verdict": verdict, "counts": counts, "run": run_no}
    if error:
        after["error"] = error
    if kept or stale:
        after["decisions_kept"] = kept
        after["decisions_stale"] = stale
    if changed:
        after["decisions_changed"] = changed
    audit.append(conn, SYSTEM_USER, "check.done", applicant_id=applicant_id, target=f"第 {run_no} 次核验",
                 before={"verdict": before["verdict"]} if before["verdict"] else None, after=after)
    return after


def follow_file(conn: sqlite3.Connection, applicant_id: int, old: str, new: str) -> int:
    """Let the decisions made on the findings of file ``old`` stand at the same places of file
    ``new``, which the reviewer said replaces it (a re-scan handed in under a new name). The
    next check then treats them as it treats those on a file replaced under its own name
    (:func:`carry_decisions`): a confirmed pass whose result is the same carries; any other
    goes stale beside the new finding, saying the file was replaced (沿用此决定 when only
    the file changed). Left on the old name, every one of them was 「该项在新的核验结果中
    已不存在」. How many moved; inside the caller's transaction.

    >>> from verify.desk.store import DataFolder
    >>> import tempfile
    >>> folder = DataFolder(tempfile.mkdtemp()); folder.create(); conn = folder.connect()
    >>> _ = conn.execute("INSERT INTO applicants (key, source, created_at, created_by, state) VALUES ('A1', 'upload', 'now', 'x', 'done')")
    >>> _ = conn.execute("INSERT INTO findings (applicant_id, run_no, position, ident, rule, status, data) VALUES (1, 1, 0, 'r', 'seal.unit', 'fail', '{}')")
    >>> _ = conn.execute("INSERT INTO decisions (applicant_id, ident, finding_id, rule, file, page, finding_status, action, user_name, at)"
    ...                  " VALUES (1, 'seal.unit|扫描/a|1.jpg|1|0', 1, 'seal.unit', '扫描/a|1.jpg', 1, 'fail', 'pass', 'x', 'now')")
    >>> follow_file(conn, 1, "扫描/a|1.jpg", "扫描/b.jpg")
    1
    >>> conn.execute("SELECT ident, file FROM decisions").fetchone()[:]
    ('seal.unit|扫描/b.jpg|1|0', '扫描/b.jpg')
    """
    moved = 0
    for d in conn.execute("SELECT id, ident, rule FROM decisions WHERE applicant_id = ? AND file = ?",
                          (applicant_id, old)).fetchall():
        ident = d["ident"]
        head = f"{d['rule']}|{old}|"
        if not ident.startswith(head):
            continue
        moved += conn.execute("UPDATE OR IGNORE decisions SET ident = ?, file = ? WHERE id = ?",
                              (f"{d['rule']}|{new}|{ident[len(head):]}", new, d["id"])).rowcount
    return moved


def plain_ident(ident: str) -> str:
    """A decision's identity without the row number a stale one may carry (``…|1#7``).

    >>> plain_ident("dossier.required|||1#7"), plain_ident("seal.unit|a#b.jpg|2|0")
    ('dossier.required|||1', 'seal.unit|a#b.jpg|2|0')
    """
    head, _, occurrence = ident.rpartition("|")
    return f"{head}|{occurrence.split('#')[0]}" if head else ident


def carry_decisions(decisions, by_ident: dict[str, tuple[dict, str | None]]) -> dict[int, str]:
    """Which finding of a new check each decision moves onto: by decision id, the new
    finding's identity. A decision moves onto a finding of the same rule, file, page
    and half (its identity but for the order) that says what it was decided on
    (:func:`same_result`) of the same file (``by_ident``: each new finding and its
    file's digest), the one in the same place of that order first; each finding takes
    one decision, standing ones first (``decisions`` in that order). By the order alone,
    a decision on the second of three missing documents went stale once the first was
    handed in (desk exploration 7)."""
    by_place: dict[str, list[str]] = {}
    for ident in by_ident:
        by_place.setdefault(ident.rpartition("|")[0], []).append(ident)
    target: dict[int, str] = {}
    taken: set[str] = set()

    def fits(d, ident: str) -> bool:
        found, digest = by_ident[ident]
        if ident in taken or not same_result(d, found):
            return False
        # the file as read then and now: a finding stored before digests were kept (None)
        # is taken as of another file, stale rather than carried onto an unseen image -
        # but for a confirmation of a pass, which says nothing the new file's pass does not
        return d["file_digest"] == digest or (d["action"] == "confirm" and d["finding_status"] == "pass")

    for d in decisions:  # its own place first
        ident = plain_ident(d["ident"])
        if ident in by_ident and fits(d, ident):
            target[d["id"]] = ident
            taken.add(ident)
    for d in decisions:  # then another place of the same rule, file and page
        if d["id"] in target:
            continue
        for ident in by_place.get(plain_ident(d["ident"]).rpartition("|")[0], ()):
            if fits(d, ident):
                target[d["id"]] = ident
                taken.add(ident)
                break
    # then the same file under another name (its sha256): a 补交 that renamed or moved a
    # scan it did not change
    by_digest: dict[tuple, list[str]] = {}
    for ident, (found, digest) in by_ident.items():
        if digest:
            by_digest.setdefault((digest, found.get("rule"), found.get("page"), found.get("part")), []).append(ident)
    for d in decisions:
        if d["id"] in target or not d["file_digest"]:
            continue
        before = _data(d)
        for ident in by_digest.get((d["file_digest"], before.get("rule"), before.get("page"), before.get("part")), ()):
            if ident not in taken and same_result(d, by_ident[ident][0]):
                target[d["id"]] = ident
                taken.add(ident)
                break
    return target


def _data(row) -> dict:
    """The finding a decision was made on (its stored ``data``), ``{}`` when gone or unreadable."""
    try:
        data = json.loads(row["data"]) if row["data"] else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------- decisions


def current_finding(conn: sqlite3.Connection, applicant_id: int, finding_id: int):
    """The finding ``finding_id`` of the applicant's latest check, to be decided: refused
    when it is of an older check, or when a new check is queued or running (a decision
    made now would be made on findings about to be replaced)."""
    state = conn.execute("SELECT state FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
    if state is not None and state["state"] in ("queued", "running"):
        raise Rechecking("该申报人正在重新核验，结果可能变化：本次决定未记录，请等核验完成、查看新的结果后再作决定")
    row = conn.execute(
        "SELECT f.* FROM findings f JOIN applicants a ON a.id = f.applicant_id"
        " WHERE f.id = ? AND f.applicant_id = ? AND f.run_no = a.run_no", (finding_id, applicant_id)).fetchone()
    if row is None:
        raise DeskError("该核验结果已不是最新一次核验的结果，请刷新页面后再操作")
    return row


#: the longest reason or opinion kept (characters): the page's own limit, held by the
#: server too (a form posted without the page stored 5,000 and broke the audit table)
MAX_REASON = 500


def limited(text: str, what: str) -> str:
    """``text`` stripped, refused over :data:`MAX_REASON` characters (``what`` it is, for the message)."""
    text = (text or "").strip()
    if len(text) > MAX_REASON:
        raise DeskError(f"{what}过长（{len(text)} 字，最多 {MAX_REASON} 字），请精简后再提交")
    return text


def final_stands_on_changed(conn: sqlite3.Connection, applicant_id: int, was: str, now: str) -> bool:
    """Mark the applicant's final decision for a second look (``decision_stale``) when a
    finding decision changes what a finding counts as (``was`` -> ``now``) after it: the
    decision stood on the findings as they were decided (通过 stayed, unmarked, over a
    finding failing again once its override was undone, desk exploration 7). Whether it
    was marked now."""
    if was == now:
        return False
    marked = conn.execute("UPDATE applicants SET decision_stale = 1 WHERE id = ? AND decision IS NOT NULL"
                          " AND decision_stale = 0", (applicant_id,)).rowcount
    return bool(marked)


def not_yours(decided: sqlite3.Row | dict, final: bool = False, undo: bool = False) -> NotYours:
    """The refusal to change (``undo``: to undo) another reviewer's decision without
    改判他人决定: ``decided`` is the finding's decision row (``user_name``, ``action``) or,
    ``final``, the applicant's row (``decision_by``, ``decision``). Deciding and undoing,
    on a finding or the final decision, had each spelt it out.

    >>> print(not_yours({"user_name": "李审", "action": "pass"}, undo=True))
    该项已由 李审 改判为通过；如需撤销，请勾选“改判他人决定”并填写理由
    >>> print(not_yours({"decision_by": "李审", "decision": "reject"}, final=True))
    最终决定已由 李审 作出（不通过）；如需更改，请勾选“改判他人决定”并填写理由
    """
    done = (f"最终决定已由 {decided['decision_by']} 作出（{DECISION_NAMES_ZH[decided['decision']]}）" if final
            else f"该项已由 {decided['user_name']} {ACTION_NAMES_ZH[decided['action']]}")
    return NotYours(f"{done}；如需{'撤销' if undo else '更改'}，请勾选“改判他人决定”并填写理由")


def decide_finding(conn: sqlite3.Connection, applicant_id: int, finding_id: int, action: str, reason: str,
                   user: str, supersede: bool = False) -> None:
    """Confirm (``confirm``) or override (``pass``/``fail``) one finding. Inside a transaction."""
    if action not in ACTION_NAMES_ZH:
        raise DeskError("操作应为 确认、改判为通过 或 改判为不通过")
    reason = limited(reason, "理由")
    if action in ("pass", "fail") and not reason:
        raise DeskError("改判核验结果必须填写理由")
    f = current_finding(conn, applicant_id, finding_id)
    existing = conn.execute("SELECT * FROM decisions WHERE applicant_id = ? AND ident = ?",
                            (applicant_id, f["ident"])).fetchone()
    other = existing is not None and existing["user_name"] != user and not existing["stale"]
    if other and not supersede:
        raise not_yours(existing)
    if other and not reason:
        raise DeskError("改判他人决定必须填写理由")
    before = {"status": f["status"]}
    if existing is not None:
        before.update(decision=existing["action"], by=existing["user_name"], stale=bool(existing["stale"]))
    conn.execute(
        "INSERT INTO decisions (applicant_id, ident, finding_id, rule, file, page, finding_status, action, reason,"
        " user_name, at, stale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
        " ON CONFLICT (applicant_id, ident) DO UPDATE SET finding_id = excluded.finding_id,"
        " finding_status = excluded.finding_status, action = excluded.action, reason = excluded.reason,"
        " user_name = excluded.user_name, at = excluded.at, stale = 0, carried_from = NULL",
        (applicant_id, f["ident"], f["id"], f["rule"], f["file"], f["page"], f["status"], action, reason or None,
         user, now_iso()))
    kind = "finding.supersede" if other else ("finding.confirm" if action == "confirm" else "finding.override")
    was = effective_status(f["status"], existing["action"] if existing is not None and not existing["stale"] else None)
    after = {"decision": action, "status": effective_status(f["status"], action)}
    if final_stands_on_changed(conn, applicant_id, was, after["status"]):
        after["final_stale"] = True
    audit.append(conn, user, kind, applicant_id=applicant_id, target=f"{f['rule']} · {where(f['file'], f['page'], f['ident'])}",
                 before=before, after=after, reason=reason or None)


def undo_finding(conn: sqlite3.Connection, applicant_id: int, finding_id: int, reason: str, user: str,
                 supersede: bool = False) -> None:
    """Undo the decision on one finding made by mistake: the finding is undecided again
    (the tool's result counts). A reason is required; another reviewer's decision is
    undone only as an explicit supersede. The audit trail keeps the decision (its own
    row) and this one, which names what was undone. Inside a transaction."""
    reason = limited(reason, "理由")
    if not reason:
        raise DeskError("撤销复核决定须填写理由")
    f = current_finding(conn, applicant_id, finding_id)
    existing = conn.execute("SELECT * FROM decisions WHERE applicant_id = ? AND ident = ? AND stale = 0",
                            (applicant_id, f["ident"])).fetchone()
    if existing is None:
        raise DeskError("该项尚无复核决定，无需撤销")
    other = existing["user_name"] != user
    if other and not supersede:
        raise not_yours(existing, undo=True)
    conn.execute("DELETE FROM decisions WHERE id = ?", (existing["id"],))
    before = {"status": effective_status(f["status"], existing["action"]), "decision": existing["action"],
              "by": existing["user_name"], "at": existing["at"]}
    if existing["reason"]:
        before["reason"] = existing["reason"]
    after = {"status": f["status"]}
    if final_stands_on_changed(conn, applicant_id, before["status"], f["status"]):
        after["final_stale"] = True
    audit.append(conn, user, "finding.undo.other" if other else "finding.undo", applicant_id=applicant_id,
                 target=f"{f['rule']} · {where(f['file'], f['page'], f['ident'])}", before=before,
                 after=after, reason=reason)


#: at most this many findings are decided in one go (a dossier's pages, with room to spare)
MAX_AT_ONCE = 400


def decide_findings(conn: sqlite3.Connection, applicant_id: int, finding_ids, action: str, reason: str,
                    user: str, supersede: bool = False) -> int:
    """One decision on several findings of one rule at once - the desk's 同类复核项: the
    seals a reviewer checked side by side, each recorded and audited as if decided
    alone. All or none: a refusal on any of them (another reviewer's decision, a
    finding of an older check) leaves every one as it was (the caller's transaction
    rolls back). Returns how many were decided."""
    ids = list(dict.fromkeys(int(i) for i in finding_ids))
    if not ids:
        raise DeskError("请至少勾选一项核验结果")
    if len(ids) > MAX_AT_ONCE:
        raise DeskError(f"一次最多处理 {MAX_AT_ONCE} 项核验结果")
    rules = {current_finding(conn, applicant_id, i)["rule"] for i in ids}
    if len(rules) > 1:
        raise DeskError("一次只能处理同一规则的核验结果")
    for finding_id in ids:
        try:
            decide_finding(conn, applicant_id, finding_id, action, reason, user, supersede)
        except NotYours as exc:  # which of the ticked items (「该项已由 李审 …」 named none)
            f = current_finding(conn, applicant_id, finding_id)
            raise NotYours(f"{where(f['file'], f['page'], f['ident'])}：{exc}") from None
    return len(ids)


def decide_final(conn: sqlite3.Connection, applicant_id: int, decision: str, opinion: str, user: str,
                 supersede: bool = False) -> None:
    """The applicant's final decision with the reviewer's opinion (审核意见). Inside a transaction."""
    if decision not in DECISIONS:
        raise DeskError("最终决定应为 通过、不通过 或 退回补正")
    opinion = limited(opinion, "审核意见")
    row = conn.execute("SELECT * FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
    if row is None:
        raise DeskError("申报人不存在")
    if row["state"] != "done":
        raise DeskError("核验尚未完成，不能作最终决定")
    if decision in ("reject", "return") and not opinion:
        raise DeskError(f"{DECISION_NAMES_ZH[decision]} 须填写审核意见（原因或需补正的材料）")
    other = bool(row["decision"]) and row["decision_by"] != user
    if other and not supersede:
        raise not_yours(row, final=True)
    if other and not opinion:
        raise DeskError("改判他人决定必须填写审核意见")
    if decision == "approve" and not opinion:
        # approving what the findings, as decided, do not: the reviewer says why
        findings = findings_of(conn, applicant_id)
        left = suggestion(findings)
        if left != "pass":
            count = sum(f.effective == left for f in findings)
            raise DeskError(f"仍有 {count} 项核验结果为“{STATUS_NAMES_ZH[left]}”（未改判），决定通过须填写审核意见"
                            "（说明为何认可），或先逐项确认、改判")
    before = None
    if row["decision"]:
        before = {"decision": row["decision"], "by": row["decision_by"], "opinion": row["decision_reason"]}
    conn.execute("UPDATE applicants SET decision = ?, decision_reason = ?, decision_by = ?, decision_at = ?,"
                 " decision_stale = 0 WHERE id = ?", (decision, opinion or None, user, now_iso(), applicant_id))
    audit.append(conn, user, "decision.supersede" if other else "decision.final", applicant_id=applicant_id,
                 target=row["key"], before=before, after={"decision": decision, "verdict": row["verdict"]},
                 reason=opinion or None)


def dismiss_stale(conn: sqlite3.Connection, applicant_id: int, decision_id: int, reason: str, user: str) -> None:
    """Set aside a stale decision (:func:`record_run`: its finding gone, changed, or on a
    replaced file) once a reviewer has looked at it, with a reason; the audit trail keeps
    it and this row. The list of stale decisions kept every one for good, each saying
    需重新决定, those whose finding no longer exists too. Inside a transaction."""
    reason = limited(reason, "理由")
    d = conn.execute("SELECT * FROM decisions WHERE id = ? AND applicant_id = ?", (decision_id, applicant_id)).fetchone()
    if d is None:
        raise DeskError("该过期的复核决定不存在或已移除，请刷新页面")
    if not d["stale"]:
        raise DeskError("该复核决定未过期：如需撤销，请在对应的核验结果处操作")
    if not reason:
        raise DeskError("移除过期的复核决定须填写理由")
    conn.execute("DELETE FROM decisions WHERE id = ?", (decision_id,))
    before = {"decision": d["action"], "status": d["finding_status"], "by": d["user_name"], "at": d["at"],
              "stale": True}
    if d["reason"]:
        before["reason"] = d["reason"]
    audit.append(conn, user, "finding.dismiss", applicant_id=applicant_id,
                 target=f"{d['rule']} · {where(d['file'], d['page'], d['ident'])}", before=before, reason=reason)


def undo_final(conn: sqlite3.Connection, applicant_id: int, reason: str, user: str, supersede: bool = False) -> None:
    """Undo the applicant's final decision made by mistake: undecided again (未决定), with
    a reason; another reviewer's only as an explicit supersede. The audit trail keeps the
    decision and this row, which names what was undone. Inside a transaction."""
    reason = limited(reason, "理由")
    row = conn.execute("SELECT * FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
    if row is None:
        raise DeskError("申报人不存在")
    if not row["decision"]:
        raise DeskError("尚无最终决定，无需撤销")
    if not reason:
        raise DeskError("撤销最终决定须填写理由（写在审核意见栏）")
    other = row["decision_by"] != user
    if other and not supersede:
        raise not_yours(row, final=True, undo=True)
    before = {"decision": row["decision"], "by": row["decision_by"], "at": row["decision_at"]}
    if row["decision_reason"]:
        before["opinion"] = row["decision_reason"]
    conn.execute("UPDATE applicants SET decision = NULL, decision_reason = NULL, decision_by = NULL,"
                 " decision_at = NULL, decision_stale = 0 WHERE id = ?", (applicant_id,))
    audit.append(conn, user, "decision.undo.other" if other else "decision.undo", applicant_id=applicant_id,
                 target=row["key"], before=before, after={"decision": None}, reason=reason)


# ---------------------------------------------------------------- reading


@dataclass
class FindingRow:
    id: int
    position: int  # index in the report's findings
    ident: str
    rule: str
    status: str
    file: str | None
    page: int | None
    message: str | None
    data: dict
    decision: sqlite3.Row | None
    digest: str | None = None  # the sha256 of its file as the check read it

    @property
    def effective(self) -> str:
        return effective_status(self.status, self.decision["action"] if self.decision else None)


def findings_of(conn: sqlite3.Connection, applicant_id: int) -> list[FindingRow]:
    """The findings of the latest check, in the report's order, each with its decision."""
    decisions = {d["finding_id"]: d for d in conn.execute(
        "SELECT * FROM decisions WHERE applicant_id = ? AND stale = 0", (applicant_id,))}
    rows = conn.execute(
        "SELECT f.* FROM findings f JOIN applicants a ON a.id = f.applicant_id"
        " WHERE f.applicant_id = ? AND f.run_no = a.run_no ORDER BY f.position", (applicant_id,)).fetchall()
    return [FindingRow(r["id"], r["position"], r["ident"], r["rule"], r["status"], r["file"], r["page"], r["message"],
                       json.loads(r["data"]), decisions.get(r["id"]), r["file_digest"]) for r in rows]


def stale_decisions(conn: sqlite3.Connection, applicant_id: int) -> list[sqlite3.Row]:
    """The applicant's stale decisions, oldest first, each with the finding it was made on
    (``old_message``, ``old_data``, ``old_digest``; NULL when that row is gone)."""
    return conn.execute("SELECT d.*, f.message AS old_message, f.data AS old_data, f.file_digest AS old_digest"
                        " FROM decisions d LEFT JOIN findings f ON f.id = d.finding_id"
                        " WHERE d.applicant_id = ? AND d.stale = 1 ORDER BY d.at, d.id", (applicant_id,)).fetchall()


def resubmitted_at(conn: sqlite3.Connection, applicant_id: int) -> str | None:
    """When scans were last added to the applicant (补交), as decisions' ``at`` says a time."""
    return conn.execute("SELECT MAX(at) FROM audit WHERE applicant_id = ? AND action = 'applicant.scans'",
                        (applicant_id,)).fetchone()[0]


@dataclass
class Earlier:
    """A stale decision beside the finding now in its place: what changed since it was made
    (旧结果 -> 新结果), and whether only the file did (``same``: replaced by one that reads
    the same; one click takes the decision over once the reviewer has seen the new image)."""
    decision: sqlite3.Row
    change: str
    same: bool


def what_changed(old_status: str, old: dict, old_digest: str | None, new: FindingRow | None) -> tuple[str, bool]:
    """What a recheck changed of the finding a decision was made on (``old``: its data,
    ``old_status`` the status the reviewer saw) as ``new`` says it, in words, and whether
    the result is the same (only the file was replaced).

    >>> old = {"message": "缺少 2022 年度考核表", "value": None}
    >>> what_changed("fail", old, None, None)
    ('该项在新的核验结果中已不存在', False)
    >>> new = FindingRow(1, 0, "i", "assessment.years", "pass", None, None, "年度考核表齐全", {"message": "年度考核表齐全"}, None)
    >>> what_changed("fail", old, None, new)
    ('旧结果：不通过（缺少 2022 年度考核表）→ 新结果：通过（年度考核表齐全）', False)
    >>> seal = {"message": "印章单位不符", "value": "甲单位", "bbox": [0, 0, 10, 10]}
    >>> new = FindingRow(1, 0, "i", "seal.unit", "fail", "a.jpg", 1, "印章单位不符", dict(seal, value="乙单位"), None, "d2")
    >>> what_changed("fail", seal, "d1", new)
    ('读取值：甲单位 → 乙单位；文件已更换', False)
    >>> what_changed("fail", seal, "d1", dataclasses.replace(new, data=seal))
    ('文件已更换，新文件的识别结果与当时相同（请对照新图像）', True)
    """
    if new is None:
        return "该项在新的核验结果中已不存在", False
    parts = []
    old_message = old.get("message")
    if old_status != new.status or old_message != new.message:
        parts.append(f"旧结果：{STATUS_NAMES_ZH.get(old_status, old_status)}（{old_message or '—'}）"
                     f"→ 新结果：{STATUS_NAMES_ZH.get(new.status, new.status)}（{new.message or '—'}）")
    if old.get("value") != new.data.get("value"):
        parts.append(f"读取值：{old.get('value') or '—'} → {new.data.get('value') or '—'}")
    if old.get("expected") != new.data.get("expected"):
        parts.append(f"应为：{old.get('expected') or '—'} → {new.data.get('expected') or '—'}")
    if not same_place(old.get("bbox"), new.data.get("bbox")):
        parts.append("在页面上的位置已变化")
    replaced = old_digest != new.digest
    if not parts:
        return ("文件已更换，新文件的识别结果与当时相同（请对照新图像）", True) if replaced else ("核验结果相同", True)
    if replaced:
        parts.append("文件已更换")
    return "；".join(parts), False


def stale_beside(stale: list[sqlite3.Row], findings: list[FindingRow]) -> tuple[dict[int, Earlier], dict[int, tuple]]:
    """Each stale decision beside the undecided finding now in its place (its own identity,
    else the first of the same rule, file, page and half), with what changed: by finding id the
    :class:`Earlier` shown on its card, and by decision id what changed and the finding now
    in its place (None: gone), said in the list of stale decisions with a link to it. A reviewer saw
    only that a decision went stale and compared old and new by hand."""
    # a finding decided since stands on its own decision: a stale one is never put beside it
    # (公示结果 handed in, its stale decision was put beside 年度考核表, the next in its order)
    open_findings = [f for f in findings if f.decision is None]
    by_ident = {f.ident: f for f in open_findings}
    by_place: dict[str, list[FindingRow]] = {}
    for f in open_findings:
        by_place.setdefault(f.ident.rpartition("|")[0], []).append(f)
    beside: dict[int, Earlier] = {}
    changes: dict[int, str] = {}
    placed = []
    for d in stale:  # its own place first, then another of the same rule, file, page and half
        own = by_ident.get(plain_ident(d["ident"]))
        placed.append((d, own if own is not None and own.id not in beside else None))
        if placed[-1][1] is not None:
            beside[own.id] = None
    for n, (d, f) in enumerate(placed):
        if f is None:
            f = next((g for g in by_place.get(plain_ident(d["ident"]).rpartition("|")[0], ()) if g.id not in beside),
                     None)
            if f is not None:
                beside[f.id] = None
        try:
            old = json.loads(d["old_data"]) if d["old_data"] else {}
        except ValueError:
            old = {}
        old.setdefault("message", d["old_message"])
        change, same = what_changed(d["finding_status"], old, d["old_digest"], f)
        changes[d["id"]] = (change, f.id if f is not None else None)
        if f is not None:
            beside[f.id] = Earlier(d, change, same)
    return beside, changes


def take_stale(conn: sqlite3.Connection, applicant_id: int, decision_id: int, finding_id: int, user: str) -> None:
    """Make a stale decision again on the finding now in its place (沿用此决定), once the
    reviewer has looked at it: the same action and reason, recorded as the reviewer's own
    decision (:func:`decide_finding`), and the stale one gone with it. Deciding again and
    then removing the stale one with a reason were two steps for each. Inside a transaction."""
    d = conn.execute("SELECT * FROM decisions WHERE id = ? AND applicant_id = ?", (decision_id, applicant_id)).fetchone()
    if d is None or not d["stale"]:
        raise DeskError("该过期的复核决定不存在、已移除或已重新决定，请刷新页面")
    f = current_finding(conn, applicant_id, finding_id)
    if f["ident"].rpartition("|")[0] != plain_ident(d["ident"]).rpartition("|")[0]:
        raise DeskError("该过期的复核决定不是对此项作出的")
    decide_finding(conn, applicant_id, finding_id, d["action"], d["reason"] or "", user)
    if conn.execute("SELECT 1 FROM decisions WHERE id = ? AND stale = 1", (decision_id,)).fetchone():
        dismiss_stale(conn, applicant_id, decision_id, "已对照新的核验结果沿用此决定", user)


def suggestion(findings: list[FindingRow]) -> str:
    """What the findings, as decided, suggest: ``fail`` when any is fail, ``review``
    when any still needs a look, else ``pass``."""
    effective = {f.effective for f in findings}
    if "fail" in effective:
        return "fail"
    if "review" in effective:
        return "review"
    return "pass"


def counts_after(counts: dict, changes) -> dict[str, int]:
    """The tool's ``counts`` by status, each ``(status, effective)`` change of ``changes``
    (a finding the reviewers overrode to another status) moved from one to the other.

    >>> counts_after({"fail": 2, "review": 3, "pass": 24}, [("fail", "pass"), ("review", "pass"), ("review", "fail")])
    {'fail': 2, 'review': 1, 'pass': 26}
    """
    out = {s: int(counts.get(s) or 0) for s in ("fail", "review", "pass")}
    for status, effective in changes:
        if status != effective and status in out and effective in out:
            out[status] -= 1
            out[effective] += 1
    return out


def hint_after(counts: dict) -> str:
    """The verdict banner's line under the machine's verdict once the reviewers' overrides
    changed the counts (:func:`counts_after`): what those counts say, not what the
    machine's verdict said (a dossier with every review overridden still read 须人工复核).

    >>> hint_after({"fail": 0, "review": 2, "pass": 30})
    '计入审核人的改判后，没有不通过项，仍有 2 项需人工复核。'
    >>> hint_after({"fail": 0, "review": 0, "pass": 32})
    '计入审核人的改判后，各项均为通过。仍请按规定对原件进行抽查。'
    """
    if counts.get("fail"):
        return f"计入审核人的改判后，仍有 {counts['fail']} 项不通过，详见下方“不通过”各项。"
    if counts.get("review"):
        return f"计入审核人的改判后，没有不通过项，仍有 {counts['review']} 项需人工复核。"
    return "计入审核人的改判后，各项均为通过。仍请按规定对原件进行抽查。"


def counts_after_overrides(conn: sqlite3.Connection, applicant_id: int | None = None) -> dict[int, dict[str, int]]:
    """Per applicant whose latest check has findings overridden (改判) to another status,
    its counts by status after those overrides; applicants without one are left out
    (their counts are the tool's). The list shows these, the tool's beside them.
    ``applicant_id``: that applicant's alone."""
    changes: dict[int, list[tuple[str, str]]] = {}
    tool: dict[int, dict] = {}
    one = "" if applicant_id is None else " AND a.id = ?"
    for r in conn.execute(
            "SELECT a.id, a.counts, f.status, d.action FROM findings f"
            " JOIN applicants a ON a.id = f.applicant_id AND f.run_no = a.run_no"
            " JOIN decisions d ON d.applicant_id = f.applicant_id AND d.ident = f.ident AND d.finding_id = f.id"
            " WHERE d.stale = 0 AND d.action IN ('pass', 'fail') AND d.action != f.status AND a.withdrawn_at IS NULL"
            + one, () if applicant_id is None else (applicant_id,)):
        changes.setdefault(r["id"], []).append((r["status"], r["action"]))
        if r["id"] not in tool:  # the applicant's counts, read once however many findings changed
            tool[r["id"]] = json.loads(r["counts"]) if r["counts"] else {}
    return {i: counts_after(tool[i], c) for i, c in changes.items()}


def open_groups(findings: list[FindingRow], least: int = 2) -> list[tuple[str, str, list[FindingRow]]]:
    """The rules with at least ``least`` findings of one status, ``fail`` or ``review``,
    not yet decided, each as ``(rule, status, findings)`` in the report's order: the
    desk shows them side by side (every seal the unit's name could not be confirmed on,
    with its image; twelve papers failed by ``journal.cn`` for one cause) so that one
    look and one decision settles them all.

    >>> rows = [FindingRow(i, i, f"{i}", "journal.cn", "fail", "a.pdf", i, "m", {}, None) for i in (1, 2)]
    >>> rows += [FindingRow(3, 3, "3", "journal.cn", "review", "a.pdf", 3, "m", {}, None)]
    >>> [(rule, status, [f.id for f in items]) for rule, status, items in open_groups(rows)]
    [('journal.cn', 'fail', [1, 2])]
    """
    groups: dict[tuple[str, str], list[FindingRow]] = {}
    for f in findings:
        if f.status in ("fail", "review") and f.decision is None:
            groups.setdefault((f.rule, f.status), []).append(f)
    return [(rule, status, items) for (rule, status), items in groups.items() if len(items) >= least]


DECISION_STATES = {"undecided": "未决定", "decided": "已决定", "stale": "决定待复核（决定后有变化）"}


def _applicants_where(verdict: str = "", unit: str = "", reviewer: str = "", state: str = "",
                      q: str = "") -> tuple[str, list]:
    """The ``WHERE`` clause (over ``applicants a``) and its arguments of the list's filters."""
    where, args = ["a.withdrawn_at IS NULL"], []
    if verdict in VERDICT_NAMES_ZH:
        where.append("a.verdict = ?")
        args.append(verdict)
    elif verdict == "pending":
        where.append("a.state != 'done'")
    if unit:
        where.append("a.unit LIKE ? ESCAPE '\\'")
        args.append("%" + _like(unit) + "%")
    if reviewer:
        where.append("(a.decision_by = ? OR EXISTS (SELECT 1 FROM decisions d WHERE d.applicant_id = a.id"
                     " AND d.user_name = ?))")
        args += [reviewer, reviewer]
    if state == "undecided":
        where.append("a.decision IS NULL")
    elif state == "decided":
        where.append("a.decision IS NOT NULL AND a.decision_stale = 0")
    elif state == "stale":
        where.append("a.decision IS NOT NULL AND a.decision_stale = 1")
    if q:
        where.append("(a.key LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\')")
        args += ["%" + _like(q) + "%"] * 2
    return " WHERE " + " AND ".join(where), args


def list_applicants(conn: sqlite3.Connection, *, verdict: str = "", unit: str = "", reviewer: str = "",
                    state: str = "", q: str = "", limit: int | None = None, offset: int = 0) -> list[sqlite3.Row]:
    """The applicant list, newest first, filtered by verdict, unit (part of its name),
    reviewer (made the final decision or any finding decision), decision state and a text
    (key or name); ``limit`` rows from ``offset`` (a page of the list; the exports take
    them all). Withdrawn applicants (:mod:`verify.desk.withdraw`) are never listed, so
    never exported."""
    where, args = _applicants_where(verdict, unit, reviewer, state, q)
    page = "" if limit is None else " LIMIT ? OFFSET ?"
    args += [] if limit is None else [int(limit), max(0, int(offset))]
    return conn.execute("SELECT a.* FROM applicants a" + where + " ORDER BY a.id DESC" + page, args).fetchall()


def count_applicants(conn: sqlite3.Connection, **filters) -> int:
    """How many applicants :func:`list_applicants` lists with ``filters``."""
    where, args = _applicants_where(**filters)
    return conn.execute("SELECT COUNT(*) FROM applicants a" + where, args).fetchone()[0]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def reviewers(conn: sqlite3.Connection) -> list[str]:
    names = {r[0] for r in conn.execute("SELECT DISTINCT decision_by FROM applicants"
                                        " WHERE decision_by IS NOT NULL AND withdrawn_at IS NULL")}
    names |= {r[0] for r in conn.execute("SELECT DISTINCT d.user_name FROM decisions d JOIN applicants a"
                                         " ON a.id = d.applicant_id WHERE a.withdrawn_at IS NULL")}
    return sorted(names)


def units(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT unit FROM applicants WHERE unit IS NOT NULL"
                                       " AND withdrawn_at IS NULL ORDER BY unit")]
