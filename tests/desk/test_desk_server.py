"""The desk as users start it: ``verify desk`` on a real port, ``adduser`` with the password
on stdin, the refusals over real HTTP, ``verify desk audit --verify`` against a tampered
database file. No OCR runs here."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import zipfile

import pytest
import requests

from desk_server import VERIFY, adduser, running_desk

PASSWORD = "a-long-password"


def logged_in(base: str, name: str) -> requests.Session:
    s = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', s.get(base + "/login").text).group(1)
    r = s.post(base + "/login", data={"name": name, "password": PASSWORD, "csrf_token": token}, allow_redirects=False)
    assert r.status_code == 303
    cookie = next(c for c in s.cookies if c.name == "desk_session")
    assert cookie.has_nonstandard_attr("HttpOnly") and cookie.get_nonstandard_attr("SameSite") == "strict"
    return s


def test_first_start_without_a_terminal_says_how_to_add_the_admin(tmp_path):
    r = subprocess.run([VERIFY, "desk", "--data", str(tmp_path / "d")], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert "verify desk adduser" in r.stderr and (tmp_path / "d" / "desk.sqlite").is_file()


def test_live_server_refuses_strangers_forged_forms_and_paths(tmp_path):
    data = tmp_path / "data"
    assert adduser(data, "管理员", PASSWORD, admin=True).returncode == 0
    assert adduser(data, "李审", PASSWORD).returncode == 0
    short = adduser(data, "王审", "short")
    assert short.returncode == 2 and "密码至少 8 个字符" in short.stderr
    with running_desk(data) as base:
        # unauthenticated
        r = requests.get(base + "/applicants", allow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert requests.get(base + "/export.xlsx", allow_redirects=False).status_code == 401
        assert requests.post(base + "/applicants/upload", files={"archive": ("a.zip", b"PK")}).status_code == 401
        assert "frame-ancestors 'none'" in requests.get(base + "/login").headers["content-security-policy"]

        s = logged_in(base, "李审")
        page = s.get(base + "/applicants").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        zip_path = tmp_path / "A1.zip"
        with zipfile.ZipFile(zip_path, "w") as zf:
            zf.writestr("A1/applicant.yaml", "name: 张伟\nunit: 抚顺市生态环境监测站\n")
            zf.writestr("A1/p1.jpg", b"\xff\xd8 x")
        # a form without its CSRF token, and with another session's token
        r = s.post(base + "/applicants/upload", files={"archive": ("A1.zip", zip_path.read_bytes())})
        assert r.status_code == 403 and "安全令牌" in r.text
        other = logged_in(base, "管理员")
        other_token = re.search(r'name="csrf_token" value="([^"]+)"', other.get(base + "/applicants").text).group(1)
        r = s.post(base + "/applicants/upload", data={"csrf_token": other_token},
                   files={"archive": ("A1.zip", zip_path.read_bytes())})
        assert r.status_code == 403
        # an upload named ../x, as a zip and as a file of a folder
        r = s.post(base + "/applicants/upload", data={"csrf_token": token},
                   files={"archive": ("../x", zip_path.read_bytes())}, headers={"Accept": "application/json"})
        assert r.status_code == 400 and "含有路径或非法字符" in r.json()["error"]
        r = s.post(base + "/applicants/upload", data={"csrf_token": token},
                   files=[("files", ("../x", b"\xff\xd8 x"))], headers={"Accept": "application/json"})
        assert r.status_code == 400 and "指向上传目录之外" in r.json()["error"]
        assert not (data.parent / "x").exists() and not (data / "x").exists()
        # the file system is reached only through the app's own routes
        for path in ("/static/../desk.sqlite", "/static/%2e%2e/%2e%2e/desk.sqlite", "/applicants/1/report.html",
                     "/applicants/../desk.sqlite"):
            r = s.get(base + path)
            assert r.status_code == 404 and b"SQLite" not in r.content, path
        assert s.get(base + "/users").status_code == 403  # a reviewer is no admin
        assert s.post(base + "/audit", data={"csrf_token": token}).status_code == 405


def test_audit_verify_detects_a_changed_or_removed_row(tmp_path):
    data = tmp_path / "data"
    for name in ("管理员", "李审", "王审"):
        assert adduser(data, name, PASSWORD, admin=name == "管理员").returncode == 0

    def verify():
        return subprocess.run([VERIFY, "desk", "audit", "--verify", "--data", str(data)], capture_output=True,
                              text=True, timeout=120)

    ok = verify()
    assert ok.returncode == 0 and "审计记录完整：共 4 条" in ok.stdout
    with sqlite3.connect(data / "desk.sqlite") as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit SET user_name = '某人' WHERE id = 3")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit WHERE id = 4")
    with sqlite3.connect(data / "desk.sqlite") as conn:  # someone with the file and a SQLite shell
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET after = '{\"role\":\"admin\"}' WHERE id = 3")
    bad = verify()
    assert bad.returncode == 1 and "第 3 条记录的内容与其哈希不符" in bad.stdout
    with sqlite3.connect(data / "desk.sqlite") as conn:
        conn.execute("UPDATE audit SET after = '{\"role\":\"reviewer\"}' WHERE id = 3")
    assert verify().returncode == 0
    with sqlite3.connect(data / "desk.sqlite") as conn:  # cut the newest row off
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE id = 4")
    cut = verify()
    assert cut.returncode == 1 and "审计记录被截断" in cut.stdout


def test_first_start_on_a_terminal_asks_for_the_admin_and_serves(tmp_path):
    """``verify desk`` on a terminal (a pseudo-terminal here, in a session of its own so
    that no real terminal is reached) asks for the administrator, then serves."""
    import os
    import select
    import signal
    import time

    from desk_server import free_port

    master, slave = os.openpty()
    port = free_port()
    proc = subprocess.Popen([VERIFY, "desk", "--data", str(tmp_path / "d"), "--port", str(port)], stdin=slave,
                            stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    seen = ""

    def expect(text: str, timeout: float = 60.0) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while text not in seen:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"no {text!r} in {seen!r}")
            seen += os.read(master, 4096).decode("utf-8", "replace")

    try:
        expect("管理员用户名")
        os.write(master, "管理员\n".encode())
        expect("密码：")
        os.write(master, (PASSWORD + "\n").encode())
        expect("再次输入密码")
        os.write(master, (PASSWORD + "\n").encode())
        expect("审核台已启动")
        assert f"http://127.0.0.1:{port}/" in seen
        logged_in(f"http://127.0.0.1:{port}", "管理员")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
        os.close(master)
