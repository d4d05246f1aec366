"""Fixtures of the desk's tests: dossiers on disk, a desk app with the fake check
(:mod:`desk_fakes`) behind Starlette's TestClient, logged-in clients."""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest
import yaml

APPLICANT = {"name": "吕浩玉", "id_number": "210402198602110267", "unit": "抚顺市生态环境事务服务中心",
             "unit_kind": "institution", "current_title": {"name": "助理工程师", "date": "2016-07-18"},
             "campaign": "fushun-2024"}
PASSWORD = "correct horse 1"


def scan_jpeg() -> bytes:
    """A small JPEG that decodes (the fake check reads none; the desk shows it as an image)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 48), "white").save(out, "JPEG")
    return out.getvalue()


def make_dossier(root: Path, key: str, files=("扫描/p1.jpg", "扫描/p2-review.jpg", "p3-fail.jpg"),
                 metadata: dict | None = APPLICANT) -> Path:
    folder = Path(root) / key
    scan = scan_jpeg()
    for rel in files:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(scan)
    folder.mkdir(parents=True, exist_ok=True)
    if metadata is not None:
        (folder / "applicant.yaml").write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
    return folder


def add_running_applicant(conn, name: str | None = "张伟") -> None:
    """Applicant A1 (id 1) as intake leaves it while its check runs, for tests that
    record a check's findings by hand (``review.record_run``)."""
    conn.execute("INSERT INTO applicants (key, name, source, created_at, created_by, state)"
                 " VALUES ('A1', ?, 'upload', 'now', '李审', 'running')", (name,))


def zip_folder(folder: Path, zip_path: Path) -> Path:
    with zipfile.ZipFile(zip_path, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return zip_path


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


def login(client, name: str, password: str = PASSWORD):
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": csrf_of(page.text)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def page_csrf(client, url: str = "/applicants") -> str:
    return csrf_of(client.get(url).text)


def wait_done(client, applicant_id: int, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/applicants/{applicant_id}/progress").json()
        if state["state"] == "done":
            return state
        time.sleep(0.2)
    raise AssertionError(f"applicant {applicant_id} not checked within {timeout} s: {state}")


@pytest.fixture(autouse=True)
def cheapest_password_hashes(monkeypatch):
    """Argon2id at argon2-cffi's ``CHEAPEST`` profile (its parameters for tests) in this
    process: at the desk's own parameters (64 MiB, 3 passes, 4 threads) every user the
    fixtures add and every login took a quarter to half a second of both of CI's cores,
    about half of these tests' time. What the tests check (who logs in, pauses, refusals,
    audit rows) does not depend on the cost; the desks the tests start as a command
    (``desk_server``: ``verify desk adduser``, ``verify desk``) keep the real parameters."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from verify.desk import auth

    monkeypatch.setattr(auth, "_hasher", lambda: PasswordHasher.from_parameters(CHEAPEST))
    monkeypatch.setattr(auth, "_dummy", [])  # the unknown name's hash, made with this hasher


@pytest.fixture
def desk_factory(tmp_path):
    """``make(**config)`` -> (app, folder) with users 管理员 (admin), 李审 and 王审 (reviewers)."""
    from verify.desk import auth
    from verify.desk.app import DeskConfig, create_app
    from verify.desk.store import DataFolder, transaction
    from verify.run.pipeline import Settings

    import desk_fakes

    def make(**overrides):
        data = tmp_path / "data"
        folder = DataFolder(data)
        folder.create()
        with folder.connection() as conn, transaction(conn):
            if auth.get_user(conn, "管理员") is None:
                auth.create_user(conn, "管理员", PASSWORD, "admin", "测试")
                auth.create_user(conn, "李审", PASSWORD, "reviewer", "测试")
                auth.create_user(conn, "王审", PASSWORD, "reviewer", "测试")
        config = dict(data=data, settings=Settings(cache_path=None), inner_check=desk_fakes.fake_check)
        config.update(overrides)
        return create_app(DeskConfig(**config)), folder

    return make


@pytest.fixture
def desk(desk_factory):
    """A running desk (lifespan started: queue threads) and a function for more clients."""
    from starlette.testclient import TestClient

    app, folder = desk_factory()
    clients = []

    def client(name: str | None = None):
        c = TestClient(app, base_url="http://127.0.0.1:8765")
        c.__enter__()
        clients.append(c)
        return login(c, name) if name else c

    yield app, folder, client
    for c in reversed(clients):
        c.__exit__(None, None, None)
