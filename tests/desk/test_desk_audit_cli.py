"""``verify desk audit`` names the applicant of each row and what a row changed from
(desk exploration 7): a check's rows read 「提交核验 第 2 次核验」 with no applicant, and an
undone decision said the result after it, not the decision undone."""
from __future__ import annotations

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids


def test_the_cli_trail_names_each_rows_applicant_and_what_it_changed_from(desk, tmp_path, capsys):
    from verify.cli import main

    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    url = f"/applicants/{applicant_id}"
    signature = finding_ids(li.get(url).text)["signature.present"]
    for action, reason in (("pass", "原件已签字"), ("undo", "点错了")):
        li.post(f"{url}/findings/{signature}",
                data={"csrf_token": csrf_of(li.get(url).text), "action": action, "reason": reason})
    assert main(["desk", "audit", "--data", str(folder.root), "--tail", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    done = next(line for line in lines if "核验完成" in line)
    assert "A2024-003（吕浩玉）" in done
    undone = next(line for line in lines if "撤销复核决定" in line)
    assert "A2024-003（吕浩玉）" in undone and "之前：" in undone and "决定人 李审" in undone
    assert "原件已签字" in undone and "理由：点错了" in undone
    login = next(line for line in lines if "  登录" in line)
    assert "A2024-003" not in login


def _damage(db, how):
    import os

    for end in ("-wal", "-shm"):
        db.with_name(db.name + end).unlink(missing_ok=True)
    if how == "not a database":
        db.write_bytes(os.urandom(100))
    else:  # its header and schema whole, some of its pages not
        with open(db, "r+b") as fh:
            fh.seek(3 * 4096)
            fh.write(os.urandom(4 * 4096))


def test_a_damaged_desk_database_is_said_so_in_chinese_by_every_command(tmp_path, capsys):
    """``verify desk`` on a damaged desk.sqlite ended in a Python traceback
    (``sqlite3.DatabaseError``), exit 1, nothing said of the uploads still in the folder."""
    from verify.cli import main
    from verify.desk import audit, auth
    from verify.desk.store import DataFolder, transaction

    for how in ("not a database", "pages"):
        folder = DataFolder(tmp_path / how)
        folder.create()
        with folder.connection() as conn, transaction(conn):
            auth.create_user(conn, "审核员", "Desk-pass-2024!x", "reviewer", "测试")
            for i in range(200):  # pages enough for some to be damaged past the schema
                audit.append(conn, "测试", "user.add", target=f"审核员{i}" * 20)
        _damage(folder.db_path, how)
        for argv, code in ((["desk", "--data", str(folder.root)], 2),
                           (["desk", "audit", "--data", str(folder.root)], 2),
                           (["desk", "audit", "--verify", "--data", str(folder.root)], 1)):
            assert main(argv) == code, (how, argv)
            err = capsys.readouterr().err
            assert "desk.sqlite 已损坏" in err and "请勿删除数据目录" in err, (how, argv, err)
