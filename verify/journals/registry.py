"""The journal registry: which journals are registered, with which ISSN and CN,
under which names, and whether they still publish.

A registry is one SQLite file, opened read-only at run time. The project ships a
snapshot (``verify/journals/data/registry.sqlite``, built by
``scripts/build_registry.py`` from public lists; provenance in
``verify/journals/data/PROVENANCE.md``); ``verify registry import`` builds or
updates one from a province's own list (:mod:`verify.journals.importer`).

Identifiers are stored in their printed forms: ISSN ``NNNN-NNNC``, CN
``RR-NNNN/CLASS`` (without the ``CN`` prefix). ``cn_core`` is ``RR-NNNN``: a class
misread or printed differently still finds the journal, as a near miss.

The ``meta`` table says where the registry comes from and how far it can be
trusted: ``complete`` is ``1`` only for a list that claims to hold every approved
journal (then a CN missing from it is itself a finding); ``as_of`` is the date the
list describes (a journal listed as ceased stopped no later than that).
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from verify.journals.names import abbreviation_of, name_key, title_words

log = logging.getLogger(__name__)

SCHEMA_VERSION = "journal-registry/1"
DATA_DIR = Path(__file__).parent / "data"
SHIPPED = DATA_DIR / "registry.sqlite"

STATUS_ZH = {"active": "现刊", "ceased": "停刊", "merged": "合并", "unknown": "状态不详"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS journal (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    former_names TEXT NOT NULL DEFAULT '',   -- ';'-separated
    issn TEXT,                               -- NNNN-NNNC as listed, valid or not
    issn_valid INTEGER NOT NULL DEFAULT 0,
    cn TEXT,                                 -- RR-NNNN/CLASS (RR-NNNN when the list gives no class)
    cn_core TEXT,                            -- RR-NNNN
    cn_raw TEXT,                             -- as listed, when not a standard CN
    publisher TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active',   -- active | ceased | merged | unknown
    status_year INTEGER,                     -- the year it stopped, when known
    frequency TEXT NOT NULL DEFAULT '',
    indexes TEXT NOT NULL DEFAULT '',        -- ';'-separated: 北大核心;CSSCI;CSCD ...
    language TEXT NOT NULL DEFAULT '',
    founded INTEGER,
    source TEXT NOT NULL DEFAULT '',
    source_id TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS name_key (key TEXT NOT NULL, journal_id INTEGER NOT NULL, former INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS warning (
    name TEXT NOT NULL, key TEXT NOT NULL, year INTEGER NOT NULL, level TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS journal_issn ON journal(issn);
CREATE INDEX IF NOT EXISTS journal_cn ON journal(cn);
CREATE INDEX IF NOT EXISTS journal_cn_core ON journal(cn_core);
CREATE INDEX IF NOT EXISTS name_key_key ON name_key(key);
CREATE INDEX IF NOT EXISTS warning_key ON warning(key);
"""

_COLUMNS = ("id", "name", "former_names", "issn", "issn_valid", "cn", "cn_core", "cn_raw", "publisher", "status",
            "status_year", "frequency", "indexes", "language", "founded", "source", "source_id")


class RegistryError(Exception):
    """The registry file is missing or is not a journal registry (message in Chinese)."""


def numbers_label(issn: str | None, cn: str | None, sep: str = " / ") -> str:
    """The numbers a journal is known by, as messages name them; the empty string for none.

    >>> numbers_label("1000-0933", "11-2031/Q"), numbers_label(None, "11-2031/Q", "，"), numbers_label(None, None)
    ('ISSN 1000-0933 / CN 11-2031/Q', 'CN 11-2031/Q', '')
    """
    return sep.join(x for x in (f"ISSN {issn}" if issn else "", f"CN {cn}" if cn else "") if x)


@dataclass(frozen=True)
class JournalRecord:
    """One registered journal."""

    id: int
    name: str
    former_names: tuple[str, ...] = ()
    issn: str | None = None
    issn_valid: bool = False
    cn: str | None = None
    cn_core: str | None = None
    cn_raw: str | None = None
    publisher: str = ""
    status: str = "active"
    status_year: int | None = None
    frequency: str = ""
    indexes: tuple[str, ...] = ()
    language: str = ""
    founded: int | None = None
    source: str = ""
    source_id: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.former_names)

    @property
    def active(self) -> bool:
        return self.status not in ("ceased", "merged")

    @property
    def status_zh(self) -> str:
        s = STATUS_ZH.get(self.status, self.status)
        return f"{s}（{self.status_year}年）" if self.status_year and not self.active else s

    def label(self) -> str:
        """``《生态学报》（ISSN 1000-0933，CN 11-2031/Q）``"""
        ids = numbers_label(self.issn, self.cn, "，")
        return f"《{self.name}》" + (f"（{ids}）" if ids else "（登记库中无刊号）")

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "former_names": list(self.former_names),
            "issn": self.issn,
            "cn": self.cn,
            "publisher": self.publisher,
            "status": self.status,
            "status_zh": self.status_zh,
            "status_year": self.status_year,
            "frequency": self.frequency,
            "indexes": list(self.indexes),
            "language": self.language,
            "founded": self.founded,
            "source": self.source,
            "source_id": self.source_id,
        }

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> "JournalRecord":
        d = dict(zip(_COLUMNS, row))
        return cls(
            id=int(d["id"]), name=d["name"], former_names=_split(d["former_names"]), issn=d["issn"],
            issn_valid=bool(d["issn_valid"]), cn=d["cn"], cn_core=d["cn_core"], cn_raw=d["cn_raw"],
            publisher=d["publisher"] or "", status=d["status"] or "active", status_year=d["status_year"],
            frequency=d["frequency"] or "", indexes=_split(d["indexes"]), language=d["language"] or "",
            founded=d["founded"], source=d["source"] or "", source_id=d["source_id"] or "",
        )


@dataclass(frozen=True)
class WarningEntry:
    """A journal on the CAS 国际期刊预警名单 of one year."""

    name: str
    year: int
    level: str = ""  # 高 | 中 | 低 (2020–2023 lists); the later lists give a reason instead
    reason: str = ""
    source: str = ""

    def describe(self) -> str:
        """``2021年预警（中）`` / ``2024年预警（论文工厂）``"""
        what = self.level and f"{self.level}风险" or self.reason
        return f"{self.year}年预警" + (f"（{what}）" if what else "")

    def to_dict(self) -> dict:
        return {"name": self.name, "year": self.year, "level": self.level, "reason": self.reason, "source": self.source}


@dataclass(frozen=True)
class RegistryInfo:
    """Where a registry comes from, for the report: every report that uses a
    registry names it and its date."""

    name: str
    source: str
    as_of: dt.date | None
    built_at: str
    complete: bool
    journals: int
    path: str = ""
    shipped: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def describe(self) -> str:
        """``登记库：… （截至 2023-11-30）``"""
        date = f"，截至 {self.as_of.isoformat()}" if self.as_of else ""
        return f"登记库：{self.name}（{self.journals} 种期刊{date}{'，完整名录' if self.complete else ''}）"

    def to_dict(self) -> dict:
        return {
            "name": self.name, "source": self.source, "as_of": self.as_of.isoformat() if self.as_of else None,
            "built_at": self.built_at, "complete": self.complete, "journals": self.journals,
            "path": self.path, "shipped": self.shipped,
        }


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(x for x in (value or "").split(";") if x)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class Registry:
    """A registry file opened read-only. Lookups by ISSN, CN and name are indexed
    SQLite queries; the fuzzy name search keeps the name keys in memory once asked.

    Safe to share between threads (one connection, a lock); each worker process
    opens its own (:func:`open_registry`).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise RegistryError(f"找不到期刊登记库文件 {self.path}")
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        if self.path.resolve() == SHIPPED.resolve():
            uri += "&immutable=1"  # the shipped snapshot never changes under us
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as e:
            raise RegistryError(f"{self.path} 不是期刊登记库（{e}）") from None
        if meta.get("schema") != SCHEMA_VERSION:
            raise RegistryError(f"{self.path} 不是本工具的期刊登记库（schema {meta.get('schema')!r}）")
        self._lock = threading.Lock()
        self._names: tuple[list[str], list[int]] | None = None
        self._ids_by_key: dict[str, frozenset[int]] | None = None
        self._blocks: dict[str, tuple[int, ...]] | None = None
        self._warning_keys = frozenset(r[0] for r in self._db.execute("SELECT DISTINCT key FROM warning"))
        self._warning_titles: dict[int, list[tuple[str, str]]] | None = None
        count = self._db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        self.meta = meta
        self.info = RegistryInfo(
            name=meta.get("name", self.path.name), source=meta.get("source", ""), as_of=_date(meta.get("as_of")),
            built_at=meta.get("built_at", ""), complete=meta.get("complete") == "1", journals=int(count),
            path=str(self.path), shipped=self.path.resolve() == SHIPPED.resolve(),
        )

    # -- lookups ----------------------------------------------------------------
    def _records(self, where: str, args: tuple) -> list[JournalRecord]:
        with self._lock:
            rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM journal WHERE {where} ORDER BY id", args).fetchall()
        return [JournalRecord.from_row(r) for r in rows]

    def by_issn(self, issn: str) -> list[JournalRecord]:
        return self._records("issn = ?", (issn,))

    def by_cn(self, cn: str) -> list[JournalRecord]:
        """Records with this exact CN (``RR-NNNN/CLASS``); a record the list gives
        without a class matches on ``RR-NNNN``."""
        core = cn.split("/")[0]
        return self._records("cn = ? OR (cn = ? AND cn_core = ?)", (cn, core, core))

    def by_cn_core(self, core: str) -> list[JournalRecord]:
        return self._records("cn_core = ?", (core,))

    def by_ids(self, ids) -> list[JournalRecord]:
        ids = list(ids)
        if not ids:
            return []
        return self._records(f"id IN ({', '.join('?' * len(ids))})", tuple(ids))

    def by_name_exact(self, name: str) -> list[JournalRecord]:
        """Journals whose name or former name has this key."""
        key = name_key(name)
        if not key:
            return []
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT DISTINCT journal_id FROM name_key WHERE key = ?", (key,))]
        return self.by_ids(ids)

    def name_ids(self, name: str) -> frozenset[int]:
        """The ids of the journals whose name or former name has this key (from memory)."""
        if self._ids_by_key is None:
            keys, ids = self._name_index()
            by_key: dict[str, set[int]] = {}
            for k, i in zip(keys, ids):
                by_key.setdefault(k, set()).add(i)
            self._ids_by_key = {k: frozenset(v) for k, v in by_key.items()}
        return self._ids_by_key.get(name_key(name), frozenset())

    def by_name(self, name: str, limit: int = 5, cutoff: float = 70.0) -> list[tuple[JournalRecord, float]]:
        """The registered journals whose names are closest to ``name`` (0..100), best first."""
        from rapidfuzz import fuzz, process

        import numpy as np

        key = name_key(name)
        if not key:
            return []
        keys, ids = self._name_index()
        # ratio >= cutoff needs 2*min(len)/(len_a+len_b) >= cutoff/100 (keys of near length) and
        # that many characters in common: count, per key, the query's distinct characters it holds
        f = cutoff / (200 - cutoff)
        postings = [self._postings[c] for c in set(key) if c in self._postings]
        if not postings:
            return []
        shared = np.bincount(np.concatenate(postings), minlength=len(keys))
        need = max(1, int(len(set(key)) * f) - 1)
        lengths = self._key_lengths_np
        near = np.nonzero((shared >= need) & (lengths >= int(len(key) * f)) & (lengths <= len(key) / f + 1))[0]
        best: dict[int, float] = {}
        for _, score, i in process.extract(key, [keys[i] for i in near], scorer=fuzz.ratio, limit=limit * 3,
                                           score_cutoff=cutoff):
            jid = ids[int(near[i])]
            best[jid] = max(best.get(jid, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        records = {r.id: r for r in self.by_ids([j for j, _ in ranked])}
        return [(records[j], s) for j, s in ranked if j in records]

    def _name_index(self) -> tuple[list[str], list[int]]:
        """Every name key and its journal; per character, the keys that hold it."""
        if self._names is None:
            import numpy as np

            with self._lock:
                rows = self._db.execute("SELECT key, journal_id FROM name_key").fetchall()
            postings: dict[str, list[int]] = {}
            for i, (k, _) in enumerate(rows):
                for c in set(k):
                    postings.setdefault(c, []).append(i)
            self._postings = {c: np.array(v, dtype=np.int32) for c, v in postings.items()}
            self._key_lengths_np = np.array([len(r[0]) for r in rows], dtype=np.int32)
            self._names = ([r[0] for r in rows], [r[1] for r in rows])
        return self._names

    def warnings_for(self, name: str) -> list[WarningEntry]:
        """CAS warning-list entries for a journal name (exact key, or the ISO 4
        abbreviation of a listed title: Environ Sci Pollut Res), newest first."""
        key = name_key(name)
        if key and key not in self._warning_keys:
            key = self._abbreviated_warning(name)
        if not key:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT name, year, level, reason, source FROM warning WHERE key = ? ORDER BY year DESC", (key,)).fetchall()
        return [WarningEntry(*r) for r in rows]

    def _abbreviated_warning(self, name: str) -> str | None:
        """The key of the listed title ``name`` abbreviates, or None (the listed titles
        grouped by their number of significant words, loaded once)."""
        words = title_words(name)
        if len(words) < 2:
            return None
        if self._warning_titles is None:
            with self._lock:
                rows = self._db.execute("SELECT DISTINCT name, key FROM warning").fetchall()
            titles: dict[int, list[tuple[str, str]]] = {}
            for title, key in rows:
                titles.setdefault(len(title_words(title)), []).append((title, key))
            self._warning_titles = titles
        return next((key for title, key in self._warning_titles.get(len(words), ()) if abbreviation_of(name, title)), None)

    #: A block that registered journals of this many regions use may turn up in any region.
    SHARED_BLOCK_REGIONS = 2

    def serial_blocks(self, region: str) -> tuple[int, ...]:
        """The thousands (``1`` for 1000–1999 …) in which a journal of ``region`` may
        have its CN serial: those its registered journals use, and those that many
        regions use. CN serials are given out in blocks (1xxx for most journals, 5xxx
        for former internal school journals, 9xxx for electronic editions; Beijing
        and Shanghai more). Empty for a region the registry does not know."""
        if self._blocks is None:
            blocks: dict[str, set[int]] = {}
            with self._lock:
                for (core,) in self._db.execute("SELECT cn_core FROM journal WHERE cn_core IS NOT NULL"):
                    r, _, s = core.partition("-")
                    if s.isdigit():
                        blocks.setdefault(r, set()).add(int(s) // 1000)
            regions_of: dict[int, int] = {}
            for bs in blocks.values():
                for b in bs:
                    regions_of[b] = regions_of.get(b, 0) + 1
            shared = {b for b, n in regions_of.items() if n >= self.SHARED_BLOCK_REGIONS}
            self._blocks = {r: tuple(sorted(b | shared)) for r, b in blocks.items()}
        return self._blocks.get(region, ())

    def cn_neighbours(self, core: str) -> list[JournalRecord]:
        """Registered journals whose CN ``RR-NNNN`` is one digit from ``core``: what an
        OCR misread of one digit would have turned into ``core``."""
        variants = [core[:i] + d + core[i + 1:] for i, ch in enumerate(core) if ch.isdigit() for d in "0123456789"
                    if d != ch]
        if not variants:
            return []
        return self._records(f"cn_core IN ({', '.join('?' * len(variants))})", tuple(variants))

    def source_as_of(self, source: str) -> dt.date | None:
        """The date the list a record came from describes (a ceased journal
        stopped no later than that)."""
        return _date(self.meta.get(f"as_of:{source}")) or self.info.as_of

    def close(self) -> None:
        self._db.close()


_OPEN: dict[str, Registry] = {}
_OPEN_LOCK = threading.Lock()


def open_registry(path: str | Path | None = None) -> Registry:
    """The registry at ``path`` (the shipped snapshot when ``None``), opened once
    per process."""
    p = str(Path(path) if path else SHIPPED)
    with _OPEN_LOCK:
        if p not in _OPEN:
            _OPEN[p] = Registry(p)
        return _OPEN[p]


def create(path: str | Path) -> sqlite3.Connection:
    """A writable connection to a (new or existing) registry file, schema in place."""
    db = sqlite3.connect(str(path))
    db.executescript(SCHEMA)
    db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
    return db
