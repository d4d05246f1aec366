"""Withdrawing an upload made by mistake (the wrong person's scans, a test upload).

Only an administrator withdraws, with a reason. The applicant leaves the list, the
exports and the filters; its 编号 is free for a new upload. Nothing is deleted: the
row stays in the database marked withdrawn (the audit trail's earlier rows keep naming
it, and its number is never given to another applicant), and its folder moves, as it
was, to ``DATA/withdrawn/<id>/``. The withdrawal is one audit row: who, when, the reason,
the 编号 and the name.

All or nothing: the row is marked and audited in one transaction, and the folder is
moved inside that transaction; a move that fails rolls the transaction back, and a
commit that fails puts the folder back, so no applicant is left half withdrawn.

An applicant queued or being checked is not withdrawn (the worker writes into its
folder): the admin waits for the check to finish.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from verify.desk import audit
from verify.desk.review import limited
from verify.desk.store import DataFolder, DeskError, now_iso, transaction

ACTION = "applicant.withdraw"


@dataclass(frozen=True)
class Withdrawn:
    applicant_id: int
    key: str
    name: str | None
    moved_to: str | None  # the folder's new place, relative to the data folder


def withdraw(folder: DataFolder, applicant_id: int, reason: str, user: str) -> Withdrawn:
    """Withdraw one applicant (its own transaction; see the module's text)."""
    reason = limited(reason, "撤回理由")
    if not reason:
        raise DeskError("撤回申报须填写理由（如：误传他人材料、测试上传）")
    source = folder.applicant_dir(applicant_id)
    target = folder.withdrawn_dir(applicant_id)
    moved = False
    with folder.connection() as conn:
        try:
            with transaction(conn):
                row = conn.execute("SELECT * FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
                if row is None or row["withdrawn_at"]:
                    raise DeskError("申报人不存在或已撤回")
                if row["state"] in ("queued", "running"):
                    raise DeskError("该申报人正在排队或核验中，请等核验完成后再撤回")
                if target.exists():
                    raise DeskError(f"撤回区已有 {target.relative_to(folder.root).as_posix()}，未撤回；请联系管理员处理")
                conn.execute("UPDATE applicants SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? WHERE id = ?",
                             (now_iso(), user, reason, applicant_id))
                # a scanner-folder entry it came from is not this applicant's any more: changed
                # later, it comes in as a new applicant; unchanged, it is not taken in again
                conn.execute("UPDATE watched SET applicant_id = NULL WHERE applicant_id = ?", (applicant_id,))
                moved_to = target.relative_to(folder.root).as_posix() if source.exists() else None
                before = {k: row[k] for k in ("name", "verdict", "decision") if row[k]}
                audit.append(conn, user, ACTION, applicant_id=applicant_id, target=row["key"], before=before or None,
                             after={"withdrawn": True, "moved_to": moved_to}, reason=reason)
                if source.exists():
                    try:
                        target.parent.mkdir(parents=True, exist_ok=True)
                        os.rename(source, target)  # one rename on the data folder's disk
                    except OSError as exc:
                        raise DeskError(f"无法将材料移至撤回区（{exc.strerror or exc}），未撤回") from None
                    moved = True
        except BaseException:
            if moved:  # the commit failed after the move: the folder goes back where the row says it is
                os.rename(target, source)
            raise
        audit.write_head(conn, folder.audit_head)
    return Withdrawn(applicant_id, row["key"], row["name"], moved_to)
