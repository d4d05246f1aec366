"""The desk's data folder: one SQLite database, one folder per applicant, nothing else.

::

    DATA/
      desk.sqlite          users, sessions, applicants, findings, decisions, audit
      audit-head           id and hash of the newest audit row (truncation check)
      ocr-cache.sqlite     the OCR cache every check shares
      incoming/            uploads being received (removed when taken in)
      applicants/<id>/
        input/             the dossier as received (scans, PDFs, applicant.yaml)
        runs/<n>/<key>/    report.json of check number n, and its report.html and
                           pages.pickle (page images for the desk) while it is the latest
        progress.json      what the running check is doing (written by its worker)
        not-extracted.json members of its zips that were not unpacked (links, names
                           too long) with the reason: each check reports them
        replaced/<n>/      files a 补交 replaced (of the same name, or chosen by the
                           reviewer as what a re-scan under a new name replaces), as
                           they were: the audit row of the 补交 names them and <n>
      withdrawn/<id>/      the folder of an applicant an admin withdrew (uploaded by
                           mistake): kept as it was, never deleted; its row stays in
                           the database, marked, so the audit trail still names it

Every path a browser request can name is resolved through :meth:`DataFolder.inside`,
which refuses anything outside the data folder.

>>> import tempfile
>>> folder = DataFolder(tempfile.mkdtemp())
>>> folder.create()
>>> conn = folder.connect()
>>> sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))[:4]
['applicants', 'audit', 'decisions', 'findings']
>>> folder.inside("applicants/../../etc/passwd")
Traceback (most recent call last):
...
verify.desk.store.OutsideDataFolder: applicants/../../etc/passwd
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Iterator

SCHEMA_VERSION = 5

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at REAL NOT NULL,
    seen_at    REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS applicants (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL,
    name            TEXT,
    unit            TEXT,
    source          TEXT NOT NULL,
    source_path     TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('needs_info', 'queued', 'running', 'done')),
    queued_at       REAL,
    started_at      REAL,
    finished_at     REAL,
    run_no          INTEGER NOT NULL DEFAULT 0,
    verdict         TEXT,
    counts          TEXT,
    error           TEXT,
    metadata_error  TEXT,
    decision        TEXT CHECK (decision IN ('approve', 'reject', 'return')),
    decision_reason TEXT,
    decision_by     TEXT,
    decision_at     TEXT,
    decision_stale  INTEGER NOT NULL DEFAULT 0,
    withdrawn_at     TEXT,
    withdrawn_by     TEXT,
    withdrawn_reason TEXT,
    id_number        TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    id           INTEGER PRIMARY KEY,
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    run_no       INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    ident        TEXT NOT NULL,
    rule         TEXT NOT NULL,
    status       TEXT NOT NULL,
    file         TEXT,
    page         INTEGER,
    message      TEXT,
    data         TEXT NOT NULL,
    file_digest  TEXT
);
CREATE INDEX IF NOT EXISTS findings_of_run ON findings (applicant_id, run_no);
CREATE TABLE IF NOT EXISTS decisions (
    id             INTEGER PRIMARY KEY,
    applicant_id   INTEGER NOT NULL REFERENCES applicants(id),
    ident          TEXT NOT NULL,
    finding_id     INTEGER NOT NULL REFERENCES findings(id),
    rule           TEXT NOT NULL,
    file           TEXT,
    page           INTEGER,
    finding_status TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('confirm', 'pass', 'fail')),
    reason         TEXT,
    user_name      TEXT NOT NULL,
    at             TEXT NOT NULL,
    stale          INTEGER NOT NULL DEFAULT 0,
    carried_from   INTEGER,
    UNIQUE (applicant_id, ident)
);
CREATE TABLE IF NOT EXISTS audit (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    action       TEXT NOT NULL,
    applicant_id INTEGER,
    target       TEXT,
    before       TEXT,
    after        TEXT,
    reason       TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TABLE IF NOT EXISTS watched (
    path         TEXT PRIMARY KEY,
    signature    TEXT NOT NULL,
    applicant_id INTEGER REFERENCES applicants(id),
    at           TEXT NOT NULL
);
"""

#: Columns added since the first schema, ``(table, column, declaration)``: a data folder
#: made by an older desk gets them on its next start (``CREATE TABLE IF NOT EXISTS``
#: leaves an existing table as it was).
ADDED_COLUMNS = (
    ("applicants", "withdrawn_at", "TEXT"),  # schema 2: withdrawn by an admin (upload made by mistake)
    ("applicants", "withdrawn_by", "TEXT"),
    ("applicants", "withdrawn_reason", "TEXT"),
    # schema 3: the ID number applicant.yaml states, as 18 characters ('' none; NULL not read
    # yet: filled on start by verify.desk.intake.fill_id_numbers), to notice one person twice
    ("applicants", "id_number", "TEXT"),
    # schema 4: the sha256 of the finding's file as the check read it (a decision is carried
    # onto a recheck's finding only when the file is the same: verify.desk.review.record_run)
    ("findings", "file_digest", "TEXT"),
    # schema 5: the check a decision was made on, once a recheck carried it onto its own
    # finding (NULL: made on the latest check): the card says 沿用补交前的决定
    ("decisions", "carried_from", "INTEGER"),
)


class DeskError(Exception):
    """Something the desk cannot do; the message (Chinese) is shown to the reviewer."""


class OutsideDataFolder(DeskError):
    """A path that would leave the data folder."""


class UnusablePath(DeskError):
    """A path no file can have: a NUL in it, a name longer than the file system takes."""


def now_iso() -> str:
    """The local time with its offset, to the second (what the audit trail records)."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class DataFolder:
    """The paths of a desk's data folder and its database."""

    def __init__(self, root: Path | str):
        self.root = Path(root).expanduser().resolve()

    # ------------------------------------------------------------ paths

    @property
    def db_path(self) -> Path:
        return self.root / "desk.sqlite"

    @property
    def audit_head(self) -> Path:
        return self.root / "audit-head"

    @property
    def ocr_cache(self) -> Path:
        return self.root / "ocr-cache.sqlite"

    @property
    def incoming(self) -> Path:
        return self.root / "incoming"

    def applicant_dir(self, applicant_id: int) -> Path:
        return self.root / "applicants" / str(int(applicant_id))

    def input_dir(self, applicant_id: int) -> Path:
        return self.applicant_dir(applicant_id) / "input"

    def run_dir(self, applicant_id: int, run_no: int) -> Path:
        return self.applicant_dir(applicant_id) / "runs" / str(int(run_no))

    def progress_file(self, applicant_id: int) -> Path:
        return self.applicant_dir(applicant_id) / "progress.json"

    def not_extracted_file(self, applicant_id: int) -> Path:
        """The desk's own record of the zip members it did not unpack (outside ``input/``,
        which holds what was handed in: a dossier cannot bring a record of its own)."""
        return self.applicant_dir(applicant_id) / "not-extracted.json"

    def replaced_dir(self, applicant_id: int) -> Path:
        return self.applicant_dir(applicant_id) / "replaced"

    def withdrawn_dir(self, applicant_id: int) -> Path:
        return self.root / "withdrawn" / str(int(applicant_id))

    def inside(self, relative: str | Path) -> Path:
        """``relative`` under the data folder, resolved; :class:`OutsideDataFolder` when
        it is absolute or would leave the folder (``..``, a symbolic link out);
        :class:`UnusablePath` when no file can have it (a browser's URL with ``%00``,
        5,000 characters: ``resolve`` raised ``ValueError``/``OSError``, a 500)."""
        candidate = Path(relative)
        if candidate.is_absolute():
            raise OutsideDataFolder(str(relative))
        try:
            resolved = (self.root / candidate).resolve()
        except (ValueError, OSError) as exc:
            raise UnusablePath(f"{str(relative)[:80]!r}: {exc}") from None
        if resolved != self.root and self.root not in resolved.parents:
            raise OutsideDataFolder(str(relative))
        return resolved

    # ------------------------------------------------------------ database

    def exists(self) -> bool:
        return self.db_path.is_file()

    def database_problem(self) -> str | None:
        """Why the desk's database cannot be used, in Chinese (None when it can, or is not
        there yet): damaged, not a database, locked by another program. A damaged one ended
        ``verify desk`` with a Python traceback (``sqlite3.DatabaseError: database disk
        image is malformed``) and exit 1, with nothing said of the uploads it still holds."""
        if not self.db_path.exists():
            return None
        where = f"数据目录 {self.root} 中的数据库 {self.db_path.name} "
        damaged = (f"{where}已损坏或不是审核台的数据库（{{}}），无法使用；请从备份恢复该文件后再启动审核台"
                   "（恢复后可用 verify desk audit --verify 核对审计记录）。请勿删除数据目录：上传的材料和报告仍在其中")
        try:
            with contextlib.closing(sqlite3.connect(self.db_path, timeout=5)) as conn:
                rows = [r[0] for r in conn.execute("PRAGMA quick_check(1)")]
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return f"{where}正被其他程序锁定（如另一个审核台或数据库工具），请等其结束后再启动"
            return damaged.format(exc)
        except sqlite3.DatabaseError as exc:
            return damaged.format(exc)
        if rows != ["ok"]:
            return damaged.format("完整性检查未通过")
        return None

    def create(self) -> None:
        """Create the folder and the database, or bring an older one up to date (idempotent)."""
        for path in (self.root, self.root / "applicants", self.incoming):
            path.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(self.connect()) as conn:
            conn.executescript(SCHEMA)
            with transaction(conn):
                for table, column, declaration in ADDED_COLUMNS:
                    have = {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}
                    if column not in have:
                        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def connect(self, timeout: float = 30.0) -> sqlite3.Connection:
        """A connection in autocommit mode (use :func:`transaction` to group writes) that
        waits up to ``timeout`` seconds for another's write to end (then
        ``sqlite3.OperationalError: database is locked``)."""
        conn = sqlite3.connect(self.db_path, timeout=timeout, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @contextlib.contextmanager
    def connection(self, timeout: float = 30.0) -> Iterator[sqlite3.Connection]:
        conn = self.connect(timeout)
        try:
            yield conn
        finally:
            conn.close()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any exception): a change and the
    audit row that records it are written together or not at all."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
