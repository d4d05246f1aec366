"""Local accounts, sessions and CSRF tokens.

- Passwords are hashed with Argon2id (``argon2-cffi``); hashes are upgraded on login
  when the library's parameters change.
- A session is a random token in an ``HttpOnly``, ``SameSite=Strict`` cookie; the
  database keeps only its SHA-256, so a copy of the database opens no session.
- Each session has its own CSRF token, which every form carries in a hidden field
  (and scripts in the ``X-CSRF-Token`` header); the login form, which comes before a
  session, uses a double-submit cookie instead.
- Roles: ``reviewer`` (check, review, decide, export) and ``admin`` (also users).

>>> is_valid_user_name("李审核"), is_valid_user_name("a/b"), is_valid_user_name("")
(True, False, False)
"""
from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass

from verify.desk import audit
from verify.desk.store import DeskError, now_iso

ROLES = ("reviewer", "admin")
ROLE_NAMES_ZH = {"reviewer": "审核员", "admin": "管理员"}
SESSION_COOKIE = "desk_session"
LOGIN_CSRF_COOKIE = "desk_login_csrf"
SESSION_IDLE_SECONDS = 12 * 3600
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256

_NAME = re.compile(r"^[\w\u3400-\u9fff·.\- ]{1,40}$")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    active: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def role_zh(self) -> str:
        return ROLE_NAMES_ZH.get(self.role, self.role)


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def is_valid_user_name(name: str) -> bool:
    return bool(name) and bool(_NAME.match(name)) and name.strip() == name


def check_new_password(password: str, name: str = "") -> None:
    """Refuse a password being set (a new user, a reset, a change; existing ones are
    left as they are) that is shorter than :data:`MIN_PASSWORD_LENGTH`, only spaces,
    only digits and short, the user's own name, or longer than the login form takes.

    >>> for p in ("        ", "12345678", "临时管理临时管理", "x" * 300, "correct horse 1"):
    ...     try:
    ...         check_new_password(p, "临时管理临时管理")
    ...         print("ok")
    ...     except DeskError as exc:
    ...         print(exc)
    密码不能只由空格组成
    纯数字的密码至少 12 位
    密码不能与用户名相同
    密码过长（最多 256 个字符）
    ok
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DeskError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    if len(password) > MAX_PASSWORD_LENGTH:  # the login form would refuse it: an account no one can open
        raise DeskError(f"密码过长（最多 {MAX_PASSWORD_LENGTH} 个字符）")
    if not password.strip():
        raise DeskError("密码不能只由空格组成")
    if password.strip().isdigit() and len(password.strip()) < 12:
        raise DeskError("纯数字的密码至少 12 位")
    if name and password.strip().casefold() in (name.strip().casefold(), (name.strip() * 2).casefold()):
        raise DeskError("密码不能与用户名相同")


def _user(row) -> User:
    return User(row["id"], row["name"], row["role"], bool(row["active"]))


def get_user(conn: sqlite3.Connection, name: str) -> User | None:
    row = conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
    return _user(row) if row else None


def list_users(conn: sqlite3.Connection) -> list[User]:
    return [_user(r) for r in conn.execute("SELECT * FROM users ORDER BY id")]


def count_admins(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0]


def create_user(conn: sqlite3.Connection, name: str, password: str, role: str, by: str) -> User:
    """Add an account (inside the caller's transaction, with its audit row)."""
    name = (name or "").strip()
    if not is_valid_user_name(name):
        raise DeskError("用户名应为 1–40 个汉字、字母、数字或 · . - _，不含斜杠等符号")
    if role not in ROLES:
        raise DeskError(f"角色应为 {'、'.join(ROLE_NAMES_ZH.values())}")
    check_new_password(password, name)
    if get_user(conn, name) is not None:
        raise DeskError(f"用户 {name} 已存在")
    cur = conn.execute("INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                       (name, hash_password(password), role, now_iso()))
    audit.append(conn, by, "user.create", target=name, after={"role": role})
    return User(cur.lastrowid, name, role)


def set_role(conn: sqlite3.Connection, name: str, role: str, by: str) -> None:
    user = get_user(conn, name)
    if user is None or role not in ROLES:
        raise DeskError("用户或角色不存在")
    if user.role == role:
        return
    if user.role == "admin" and count_admins(conn) <= 1:
        raise DeskError("至少要保留一名启用的管理员")
    conn.execute("UPDATE users SET role = ? WHERE id = ?", (role, user.id))
    audit.append(conn, by, "user.role", target=name, before={"role": user.role}, after={"role": role})


def set_active(conn: sqlite3.Connection, name: str, active: bool, by: str) -> None:
    user = get_user(conn, name)
    if user is None:
        raise DeskError("用户不存在")
    if user.active == active:
        return
    if not active and user.role == "admin" and count_admins(conn) <= 1:
        raise DeskError("至少要保留一名启用的管理员")
    conn.execute("UPDATE users SET active = ? WHERE id = ?", (int(active), user.id))
    if not active:
        conn.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
    audit.append(conn, by, "user.active", target=name, before={"active": user.active}, after={"active": active})


def set_password(conn: sqlite3.Connection, name: str, password: str, by: str) -> None:
    user = get_user(conn, name)
    if user is None:
        raise DeskError("用户不存在")
    check_new_password(password, name)
    conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (hash_password(password), user.id))
    conn.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
    audit.append(conn, by, "user.password", target=name)


def authenticate(conn: sqlite3.Connection, name: str, password: str) -> User | None:
    """The active user with this name and password, else ``None`` (the same time either way)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    row = conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
    hasher = _hasher()
    stored = row["password_hash"] if row else _DUMMY_HASH()
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row["active"]:
        return None
    if hasher.check_needs_rehash(stored):
        conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (hasher.hash(password), row["id"]))
    return _user(row)


@dataclass(frozen=True)
class LoginPause:
    """A login refused before its password is tried: ``seconds`` to wait, and ``whole_address``
    when the client's address is paused for every name (not only the name typed)."""

    seconds: int
    whole_address: bool = False


class LoginThrottle:
    """Failed logins, in memory, counted per (user name, client address) and per client
    address: after :attr:`limit` failures of one name from one address within
    :attr:`window` seconds that name is refused *from that address* for :attr:`pause`
    seconds, its password not even tried; after :attr:`address_limit` failures from one
    address, whatever the names, the address is refused for every name (one address
    trying many names). Argon2 alone let about 3 tries a second through, without end
    (desk exploration 6, P2); counting per name alone let anyone who typed five wrong
    passwords lock the real user out for ten minutes from wherever that user was.

    Each try counts as a failure from its start until it succeeds, so that tries made at
    once are counted too. Names that do not exist are counted alike (the answer says
    nothing about which exist). A desk restart forgets. Behind a proxy every client has
    the proxy's address: the pause then holds for the name from everywhere, as before.

    >>> t = LoginThrottle(limit=2, window=600, pause=300, address_limit=3)
    >>> t.begin("李审", "10.0.0.9", now=0), t.failed("李审", "10.0.0.9", now=0)
    (None, None)
    >>> t.begin("李审", "10.0.0.9", now=1), t.failed("李审", "10.0.0.9", now=1)
    (None, 'name')
    >>> t.begin("李审", "10.0.0.9", now=2), t.begin("李审", "10.0.0.5", now=2)
    (LoginPause(seconds=299, whole_address=False), None)
    >>> t.succeeded("李审", "10.0.0.5"); t.begin("王审", "10.0.0.9", now=3), t.failed("王审", "10.0.0.9", now=3)
    (None, 'address')
    >>> t.begin("赵审", "10.0.0.9", now=4), t.begin("赵审", "10.0.0.5", now=4)
    (LoginPause(seconds=299, whole_address=True), None)
    """

    def __init__(self, limit: int = 5, window: float = 600.0, pause: float = 600.0, address_limit: int = 20):
        self.limit, self.window, self.pause, self.address_limit = limit, window, pause, address_limit
        self._tries: dict[tuple, list[float]] = {}
        self._paused: dict[tuple, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _keys(name: str, address: str) -> tuple[tuple, tuple]:
        """The (name, address) key and the address's own."""
        return ("name", name.strip().casefold()[:41], address), ("address", address)

    def _limit(self, key: tuple) -> int:
        return self.limit if key[0] == "name" else self.address_limit

    def _recent(self, key: tuple, now: float) -> list[float]:
        return [t for t in self._tries.get(key, ()) if now - t < self.window]

    def begin(self, name: str, address: str, now: float | None = None) -> LoginPause | None:
        """``None``: try now (counted as a failure until :meth:`succeeded`); else how long to wait."""
        now = time.time() if now is None else now
        keys = self._keys(name, address)
        with self._lock:
            for key in reversed(keys):  # the address's pause first: it holds for every name
                until = self._paused.get(key, 0.0)
                if now < until:
                    return LoginPause(max(1, math.ceil(until - now)), key[0] == "address")
                self._paused.pop(key, None)
            for key in reversed(keys):
                recent = self._recent(key, now)
                if len(recent) >= self._limit(key):  # as many tries under way: wait for them
                    return LoginPause(max(1, math.ceil(recent[-1] + self.pause - now)), key[0] == "address")
            for key in keys:
                self._tries[key] = self._recent(key, now) + [now]
            if len(self._tries) > 10_000:  # names tried long ago
                for k in [k for k, v in self._tries.items() if not v or now - v[-1] > self.window]:
                    del self._tries[k]
            return None

    def failed(self, name: str, address: str, now: float | None = None) -> str | None:
        """The try begun failed; the pause it starts, ``'address'`` or ``'name'``, if any (the
        audit trail says so once)."""
        now = time.time() if now is None else now
        with self._lock:
            for key in reversed(self._keys(name, address)):
                if len(self._recent(key, now)) >= self._limit(key) and key not in self._paused:
                    self._paused[key] = now + self.pause
                    return key[0]
            return None

    def succeeded(self, name: str, address: str) -> None:
        """The try begun succeeded: the name's failures from this address are forgotten;
        the address keeps its others (logging into one's own account does not reset them)."""
        pair, whole = self._keys(name, address)
        with self._lock:
            self._tries.pop(pair, None)
            self._paused.pop(pair, None)
            if self._tries.get(whole):
                self._tries[whole].pop()


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # a hash to verify against when the name is unknown (no timing oracle)
    if not _dummy:
        _dummy.append(hash_password(secrets.token_hex(16)))
    return _dummy[0]


# ---------------------------------------------------------------- sessions


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def open_session(conn: sqlite3.Connection, user: User) -> str:
    """A new session token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = time.time()
    conn.execute("INSERT INTO sessions (token_hash, user_id, csrf, created_at, seen_at) VALUES (?, ?, ?, ?, ?)",
                 (_digest(token), user.id, secrets.token_urlsafe(32), now, now))
    conn.execute("DELETE FROM sessions WHERE seen_at < ?", (now - SESSION_IDLE_SECONDS,))
    return token


def find_session(conn: sqlite3.Connection, token: str | None) -> Session | None:
    if not token:
        return None
    row = conn.execute(
        "SELECT s.csrf, s.seen_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
        (_digest(token),)).fetchone()
    if row is None or not row["active"]:
        return None
    now = time.time()
    if now - row["seen_at"] > SESSION_IDLE_SECONDS:
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))
        return None
    if now - row["seen_at"] > 60:
        conn.execute("UPDATE sessions SET seen_at = ? WHERE token_hash = ?", (now, _digest(token)))
    return Session(_user(row), row["csrf"])


def close_session(conn: sqlite3.Connection, token: str | None) -> None:
    if token:
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of two CSRF tokens; a missing one never matches.

    >>> same_token("abc", "abc"), same_token("abc", "abd"), same_token("abc", None), same_token(None, None)
    (True, False, False, False)
    """
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def new_login_token() -> str:
    return secrets.token_urlsafe(24)
