"""A SQLite cache of OCR results, safe to share between processes.

Key: sha256 over the page pixels (or over the file bytes + page number, which
lets a rerun skip decoding), the engine's ``model_id`` and the settings that
change the output. Value: the page's ``OcrPage.to_dict()`` JSON. WAL journal and
a busy timeout let several workers read and write one cache file.

>>> import tempfile, os
>>> from ocr.model import OcrPage
>>> folder = tempfile.mkdtemp()
>>> cache = OcrCache(os.path.join(folder, "ocr.sqlite"))
>>> key = cache_key("px:abc", "ppocr:v4", "orient1")
>>> cache.get(key) is None
True
>>> cache.put(key, OcrPage(width=10, height=20, engine="ppocr"))
>>> cache.get(key).height, len(cache)
(20, 1)
>>> cache.close()
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

from .model import OcrPage

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ocr_pages (
    key TEXT PRIMARY KEY,
    page TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def cache_key(*parts: str) -> str:
    """sha256 over the parts, separated so that ('ab', 'c') != ('a', 'bc')."""
    h = hashlib.sha256()
    for part in parts:
        data = str(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: str | Path, chunk: int = 1 << 20) -> str:
    """sha256 of a file's bytes (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def set_aside_reason(exc: BaseException) -> tuple[str, str]:
    """Why a cache was set aside, in Chinese, and what to do: the warning told a full
    disk, a lock or a read-only file alike to 「请删除该文件」, which throws away a good
    cache (hours of OCR) for what was never its fault (hostile exploration 12).

    >>> import sqlite3
    >>> set_aside_reason(sqlite3.OperationalError("database or disk is full"))[0]
    '所在磁盘已满'
    >>> set_aside_reason(sqlite3.OperationalError("database is locked"))[0]
    '正被其他程序锁定'
    >>> set_aside_reason(sqlite3.DatabaseError("database disk image is malformed"))[0]
    '文件已损坏或由其他版本写入'
    """
    import errno

    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "所在磁盘已满", "清理磁盘后重新运行即可再次使用该缓存，无须删除缓存文件"
    if "locked" in text or "busy" in text:
        return "正被其他程序锁定", "请等其他核验或数据库工具结束后再运行，无须删除缓存文件"
    if "readonly" in text or "read-only" in text or "permission" in text or getattr(exc, "errno", None) in (
            errno.EROFS, errno.EACCES, errno.EPERM):
        return "文件或所在文件夹不可写", "请另用 --cache 指定可写位置的文件，无须删除缓存文件"
    if "malformed" in text or "not a database" in text or "no such" in text or "has no column" in text:
        return "文件已损坏或由其他版本写入", "请删除该文件或另用 --cache 指定新文件"
    if isinstance(exc, OSError) or "disk i/o" in text or "unable to open" in text:
        return "读写缓存文件出错", "请检查缓存所在磁盘，或另用 --cache 指定其他文件"
    return "读写缓存出错", "如文件已损坏或由其他版本写入，请删除该文件或另用 --cache 指定新文件"


class OcrCache:
    """``get``/``put`` of :class:`OcrPage` by key; one connection per thread."""

    def __init__(self, path: str | Path, timeout: float = 30.0):
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        self.hits = 0
        self.misses = 0
        #: why the cache was set aside for the rest of this process (None while in use)
        self.broken: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._conn()
            with conn:
                conn.execute(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:  # OSError: its folder on a read-only disk
            self._set_aside(exc)

    def _set_aside(self, exc: sqlite3.Error | OSError) -> None:
        """Stop using the cache in this process after a database error, saying so once.

        The cache only saves time: a damaged file (``database disk image is malformed``
        deep in its pages, past the start-up check), one written by another version
        (``no such column``), one another program holds locked, or a full disk must never
        make a page unreadable. Each such error had been the page's: every file of every
        applicant 「文件无法读取：读取时出错（DatabaseError）」, and a clean dossier 14 fails
        (必备材料 missing). Set aside, not retried: a lock is waited for ``timeout``
        seconds a page."""
        if self.broken is None:
            self.broken = f"{type(exc).__name__}: {exc}"
            why, advice = set_aside_reason(exc)
            logger.warning("OCR 缓存 %s 无法使用（%s：%s），本次不再使用缓存，页面照常识别；%s",
                           self.path, why, self.broken, advice)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:  # e.g. a network file system
                logger.warning("OCR cache %s: WAL not available, using the default journal", self.path)
            conn.execute("PRAGMA synchronous = NORMAL")
            self._local.conn = conn
        return conn

    def get(self, key: str) -> OcrPage | None:
        if self.broken is not None:
            self.misses += 1
            return None
        try:
            row = self._conn().execute("SELECT page FROM ocr_pages WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._set_aside(exc)
            row = None
        if row is None:
            self.misses += 1
            return None
        try:
            page = OcrPage.from_dict(json.loads(row[0]))
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("OCR cache %s: unreadable entry %s (%s), ignoring", self.path, key[:12], exc)
            self.misses += 1
            return None
        self.hits += 1
        return page

    def put(self, key: str, page: OcrPage) -> None:
        """Store ``page`` under ``key``. A write that found the file busy at once (SQLite
        answers some lock conflicts without waiting) is tried again a few times; one that
        waited out the busy ``timeout`` is not: another program holding the file locked
        (a database tool, another version's run) made each page wait five busy timeouts,
        150 s, before the cache was set aside (hostile3's leftover 5)."""
        if self.broken is not None:
            return
        data = json.dumps(page.to_dict(), ensure_ascii=False, separators=(",", ":"))
        for attempt in range(5):
            started = time.monotonic()
            try:
                self._conn().execute(
                    "INSERT OR REPLACE INTO ocr_pages (key, page, created) VALUES (?, ?, ?)",
                    (key, data, time.time()))
                return
            except sqlite3.OperationalError as exc:  # locked past the busy timeout, disk full, no such column
                busy = "locked" in str(exc) or "busy" in str(exc)
                if attempt == 4 or not busy or time.monotonic() - started >= self.timeout / 2:
                    self._set_aside(exc)
                    return
                time.sleep(0.1 * (attempt + 1))
            except sqlite3.Error as exc:  # malformed
                self._set_aside(exc)
                return

    def __len__(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM ocr_pages").fetchone()[0]

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> "OcrCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
