"""Asking a journal-query service about a journal the local registry does not know.

Never on by default: ``--journal-service URL`` turns it on. The service is
configurable: ``URL`` is either a template with ``{issn}``, ``{cn}`` and ``{name}``
(URL-quoted into it) or a base URL that gets ``?issn=…&cn=…&name=…``. The answer is
JSON: a list of journals, or an object holding one under ``journals``, ``data``,
``results``, ``items`` or ``records``; each journal's fields are mapped by name
exactly as ``verify registry import`` maps a list's columns (``name``/``刊名``,
``issn``/``ISSN``, ``cn``/``国内统一连续出版物号``, ``status``/``状态``, ``停刊时间`` …).

Every answer is cached (SQLite) with the date it was fetched; a fresh one
(``max_age_days``) is used without asking again. When the service cannot be
reached (timeouts, retries spent, a bad answer), a cached answer of any age is
used and dated; without one, the judgement stands on the local registry alone and
the report says so.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from verify.journals.registry import JournalRecord, RegistryInfo

log = logging.getLogger(__name__)

DEFAULT_CACHE = Path.home() / ".cache" / "dossier-verify" / "journal-lookups.sqlite"
_LIST_KEYS = ("journals", "data", "results", "items", "records", "list", "rows")
#: the most an answer may hold, decompressed: one journal's record is under a KB
MAX_ANSWER_BYTES = 4 << 20
#: the most journals an answer may list: a query names one journal (its ISSN, CN or name)
MAX_RECORDS = 200


@dataclass
class OnlineAnswer:
    """What the service said (or could not say) about one query."""

    state: str  # online | cache | offline
    records: list[JournalRecord] = field(default_factory=list)
    fetched_at: str | None = None
    error: str | None = None
    service: str = ""

    def note(self) -> str:
        """A sentence for the report: where the answer came from."""
        host = urllib.parse.urlsplit(self.service).netloc or self.service
        if self.state == "online":
            return f"已联网查询（{host}）" + ("" if self.records else "，该服务亦无此刊记录")
        if self.state == "cache":
            stale = f"联网查询失败（{self.error}），" if self.error else ""
            return f"{stale}使用 {self.fetched_at[:10] if self.fetched_at else '此前'} 缓存的联网查询结果（{host}）" + (
                "" if self.records else "，该服务当时亦无此刊记录")
        return f"联网查询不可用（{self.error or '无法连接'}），仅按本地登记库核对"

    def to_dict(self) -> dict:
        return {"service": self.service, "state": self.state, "fetched_at": self.fetched_at, "error": self.error,
                "found": len(self.records), "note": self.note()}


class OnlineLookup:
    """A client for a journal-query service (see the module docstring)."""

    def __init__(self, url: str, *, timeout: float = 5.0, retries: int = 2, backoff: float = 0.5,
                 cache_path: str | Path | None = DEFAULT_CACHE, max_age_days: float = 30.0, session=None):
        if not url or not urllib.parse.urlsplit(url).scheme.startswith("http"):
            raise ValueError(f"联网查询服务地址应以 http:// 或 https:// 开头：{url!r}")
        self.url = url
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_age = dt.timedelta(days=max_age_days)
        self.cache_path = Path(cache_path) if cache_path else None
        self._session = session
        self._lock = threading.Lock()
        self._next_id = -1

    # -- http -------------------------------------------------------------------
    def _http(self):
        if self._session is None:
            import requests
            from requests.adapters import HTTPAdapter
            from urllib3.util.retry import Retry

            s = requests.Session()
            retry = Retry(total=self.retries, connect=self.retries, read=self.retries, backoff_factor=self.backoff,
                          status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET",), raise_on_status=False)
            s.mount("http://", HTTPAdapter(max_retries=retry))
            s.mount("https://", HTTPAdapter(max_retries=retry))
            s.headers["User-Agent"] = "dossier-verify journal lookup"
            self._session = s
        return self._session

    def request_url(self, issn: str | None, cn: str | None, name: str | None) -> str:
        values = {"issn": issn or "", "cn": cn or "", "name": name or ""}
        if "{" in self.url:
            return self.url.format(**{k: urllib.parse.quote(v) for k, v in values.items()})
        query = urllib.parse.urlencode({k: v for k, v in values.items() if v})
        return self.url + ("&" if "?" in self.url else "?") + query

    def _fetch(self, url: str) -> list[dict]:
        """The service's journals for ``url``. Bounded as the remote OCR's answers are
        (hostile exploration 12: a 100 MB answer took 224 MB and 8 s and was read as
        100,000 journals, a gzip answer inflating to 300 MB took 556 MB, an answer of a
        byte every half second never timed out, a redirect loop was followed 30 times and
        said 「TooManyRedirects」, a 307 sent the query to the host it named): no redirect
        is followed, the whole answer must come within ``timeout`` seconds, at most
        :data:`MAX_ANSWER_BYTES` once decompressed and :data:`MAX_RECORDS` journals."""
        import time

        deadline = time.monotonic() + self.timeout
        with self._http().get(url, timeout=self.timeout, allow_redirects=False, stream=True) as r:
            if r.is_redirect or 300 <= r.status_code < 400:
                raise BadAnswer(f"服务要求转到其他地址（HTTP {r.status_code}），未转发")
            if r.status_code == 404:
                return []
            r.raise_for_status()
            raw = _read_bounded(r, deadline)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise BadAnswer("服务答复无法解析") from None
        if isinstance(data, dict):
            data = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), [data] if data else [])
        if not isinstance(data, list):
            raise BadAnswer("服务答复不是期刊列表")
        items = [d for d in data if isinstance(d, dict)]
        if len(items) > MAX_RECORDS:
            raise BadAnswer(f"服务答复的期刊过多（{len(items)} 条，上限 {MAX_RECORDS} 条），结果不可信")
        return items

    # -- cache ------------------------------------------------------------------
    def _cache(self) -> sqlite3.Connection | None:
        if self.cache_path is None:
            return None
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.cache_path), timeout=10)
            db.execute("CREATE TABLE IF NOT EXISTS answer (url TEXT PRIMARY KEY, body TEXT NOT NULL, fetched_at TEXT NOT NULL)")
            return db
        except sqlite3.Error as e:
            log.warning("journal lookup cache unusable at %s: %s", self.cache_path, e)
            return None

    def _cached(self, url: str) -> tuple[list[dict], str] | None:
        db = self._cache()
        if db is None:
            return None
        try:
            row = db.execute("SELECT body, fetched_at FROM answer WHERE url = ?", (url,)).fetchone()
            items = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError, RecursionError) as exc:
            self._set_aside(exc)
            return None
        finally:
            db.close()
        if row is None or not isinstance(items, list) or not isinstance(row[1], str):
            return None
        return [d for d in items if isinstance(d, dict)], row[1]

    def _store(self, url: str, items: list[dict], fetched_at: str) -> None:
        db = self._cache()
        if db is None:
            return
        try:
            with db:
                db.execute("INSERT OR REPLACE INTO answer(url, body, fetched_at) VALUES (?, ?, ?)",
                           (url, json.dumps(items, ensure_ascii=False), fetched_at))
        except sqlite3.Error as exc:
            self._set_aside(exc)
        finally:
            db.close()

    def _set_aside(self, exc: Exception) -> None:
        """The lookup cache failed (locked by another program, its disk full, damaged): the
        queries go on without it, said once. Each failure had been journal.registered's own
        crash, a review 「该项检查未能完成（程序错误：OperationalError）」 after a 10 s wait on
        every query (hostile exploration 12)."""
        from ocr.cache import set_aside_reason

        why, advice = set_aside_reason(exc)
        log.warning("期刊联网查询缓存 %s 无法使用（%s：%s），本次不再使用该缓存，照常联网查询；%s",
                    self.cache_path, why, exc, advice.replace("--cache", "其他缓存位置"))
        self.cache_path = None

    # -- the query --------------------------------------------------------------
    def query(self, issn: str | None = None, cn: str | None = None, name: str | None = None) -> OnlineAnswer:
        url = self.request_url(issn, cn, name)
        now = dt.datetime.now().astimezone()
        cached = self._cached(url)
        if cached is not None:
            items, fetched_at = cached
            try:
                fresh = now - dt.datetime.fromisoformat(fetched_at) < self.max_age
            except ValueError:
                fresh = False
            if fresh:
                return OnlineAnswer("cache", self._records(items, fetched_at), fetched_at, None, self.url)
        try:
            items = self._fetch(url)
        except Exception as e:  # timeouts, refused connections, HTTP errors, bad JSON: offline
            error = _describe(e)
            log.warning("journal lookup %s failed: %s", url, error)
            if cached is not None:
                items, fetched_at = cached
                return OnlineAnswer("cache", self._records(items, fetched_at), fetched_at, error, self.url)
            return OnlineAnswer("offline", error=error, service=self.url)
        fetched_at = now.isoformat(timespec="seconds")
        self._store(url, items, fetched_at)
        return OnlineAnswer("online", self._records(items, fetched_at), fetched_at, None, self.url)

    def _records(self, items: list[dict], fetched_at: str) -> list[JournalRecord]:
        from verify.journals.importer import records_from_table

        header = list(dict.fromkeys(k for item in items for k in item))
        rows = [[_cell(item.get(k)) for k in header] for item in items]
        cleaned, _ = records_from_table(header, rows, f"online:{urllib.parse.urlsplit(self.url).netloc}")
        out = []
        with self._lock:
            for rec in cleaned:
                out.append(JournalRecord(
                    id=self._next_id, name=rec["name"], former_names=tuple(x for x in rec["former_names"].split(";") if x),
                    issn=rec["issn"], issn_valid=bool(rec["issn_valid"]), cn=rec["cn"], cn_core=rec["cn_core"],
                    cn_raw=rec["cn_raw"], publisher=rec["publisher"], status=rec["status"], status_year=rec["status_year"],
                    frequency=rec["frequency"], indexes=tuple(x for x in rec["indexes"].split(";") if x),
                    language=rec["language"], founded=rec["founded"], source=rec["source"], source_id=rec["source_id"]))
                self._next_id -= 1
        return out


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


class BadAnswer(ValueError):
    """An answer the service gave that is no list of journals (the message says how, in Chinese)."""


def _read_bounded(r, deadline: float) -> bytes:
    """The body of response ``r`` within :data:`MAX_ANSWER_BYTES` and ``deadline``, as the remote
    OCR engine reads its answers (:func:`ocr.engines.remote.read_bounded`)."""
    from ocr.engines.remote import AnswerTooLarge, read_bounded

    try:
        return read_bounded(r, MAX_ANSWER_BYTES, deadline)
    except AnswerTooLarge:
        raise BadAnswer(f"服务答复过大（超过 {MAX_ANSWER_BYTES >> 20} MB），已放弃") from None


def _describe(e: Exception) -> str:
    import requests

    if isinstance(e, BadAnswer):
        return str(e)
    if isinstance(e, requests.TooManyRedirects):
        return "服务反复要求转到其他地址，未转发"

    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    reason = getattr(e.args[0], "reason", None) if e.args else None  # retries spent: urllib3's MaxRetryError
    if isinstance(e, requests.Timeout) or isinstance(reason, Urllib3Timeout):
        return "连接超时"
    if isinstance(e, requests.ConnectionError):
        return "无法连接服务"
    if isinstance(e, requests.HTTPError) and e.response is not None:
        return f"服务返回 HTTP {e.response.status_code}"
    if isinstance(e, (ValueError, json.JSONDecodeError)):
        return "服务答复无法解析"
    return type(e).__name__


class RecordSet:
    """Records from an online answer, with the registry's lookups."""

    def __init__(self, records: list[JournalRecord], fetched_at: str | None = None):
        self.records = records
        self.fetched_at = fetched_at

    def by_issn(self, issn):
        return [r for r in self.records if r.issn == issn]

    def by_cn(self, cn):
        core = cn.split("/")[0]
        return [r for r in self.records if r.cn == cn or (r.cn == core and r.cn_core == core)]

    def by_cn_core(self, core):
        return [r for r in self.records if r.cn_core == core]

    def by_name_exact(self, name):
        from verify.journals.names import name_key

        key = name_key(name)
        return [r for r in self.records if key in {name_key(n) for n in r.names}]

    def by_name(self, name, limit=5, cutoff=70.0):
        from verify.journals.names import similarity

        scored = [(r, max(similarity(name, n) for n in r.names)) for r in self.records]
        return sorted([x for x in scored if x[1] >= cutoff], key=lambda x: -x[1])[:limit]


class WithOnline:
    """The local registry plus what the service answered: lookups give both."""

    def __init__(self, registry, answer: OnlineAnswer):
        self.registry = registry
        self.extra = RecordSet(answer.records, answer.fetched_at)
        self.answer = answer
        self.info: RegistryInfo | None = getattr(registry, "info", None)

    def by_issn(self, issn):
        return self.registry.by_issn(issn) + self.extra.by_issn(issn)

    def by_cn(self, cn):
        return self.registry.by_cn(cn) + self.extra.by_cn(cn)

    def by_cn_core(self, core):
        return self.registry.by_cn_core(core) + self.extra.by_cn_core(core)

    def by_name_exact(self, name):
        return self.registry.by_name_exact(name) + self.extra.by_name_exact(name)

    def by_name(self, name, limit=5, cutoff=70.0):
        both = self.registry.by_name(name, limit, cutoff) + self.extra.by_name(name, limit, cutoff)
        return sorted(both, key=lambda x: -x[1])[:limit]

    def warnings_for(self, name):
        return self.registry.warnings_for(name)

    def source_as_of(self, source):
        if source.startswith("online:") and self.answer.fetched_at:
            return dt.date.fromisoformat(self.answer.fetched_at[:10])
        return self.registry.source_as_of(source)
