"""The desk's web application (Starlette on Uvicorn, Jinja2 with autoescape).

Pages: the applicant list (filters, uploads, live progress), the applicant page (the
report's own templates with a confirm/override form beside each finding, the final
decision, applicant facts, new scans, recheck), the sign-off sheet, the audit trail,
users, the account. Every page needs a session; every form carries the session's CSRF
token; every asset is served by the app (no CDN). See :mod:`verify.desk`.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import errno
import io
import json
import logging
import math
import re
import shutil
import sqlite3
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import (FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response,
                                 StreamingResponse)
from starlette.convertors import Convertor, register_url_convertor
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ocr.errors import page_suffix
from verify.desk import audit, auth, export, intake, queue, review, withdraw
from verify.desk.store import DataFolder, DeskError, OutsideDataFolder, UnusablePath, transaction
from verify.read.identifiers import ric
from verify.run.batch import REPORT_HTML, REPORT_JSON, ZipLimits, read_report
from verify.run.resources import DOSSIER_TIMEOUT

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
FLASH_COOKIE = "desk_flash"
#: marks a flash message that is a refusal (shown in the error style)
FLASH_ERROR = "!"
FORM_LIMIT = 1 << 20  # bytes of any form that is not an upload
#: an uploaded file up to this size is held in memory while the upload is read, a larger one
#: spooled to a temporary file. Starlette's 1 MB kept a folder upload of scans under 1 MB each
#: in memory whole: 351 MB of 900 KB scans took 355 MB of the desk's memory, a 1 GiB upload
#: (the limit) a GiB, several reviewers' at once several (hostile exploration 11)
UPLOAD_SPOOL_BYTES = 64 << 10
MultiPartParser.spool_max_size = UPLOAD_SPOOL_BYTES


class _FileName(Convertor):
    """A path of the dossier's files in a URL, any character a file name holds: Starlette's
    ``path`` (``.*``) stops at a newline, legal in a name on Linux and macOS and so in their
    zips, and such an original answered 404 「文件不存在」 (hostile4)."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("filename", _FileName())


class _RowId(Convertor):
    """A row's number in a URL (an applicant, a finding, a decision): up to 18 digits, what
    SQLite's integer holds. Starlette's ``int`` took any length, and a longer number was an
    unhandled OverflowError, the server's English error page (hostile exploration 11); it
    is now no such page (404 「页面不存在」).

    >>> import re
    >>> bool(re.fullmatch(_RowId.regex, "9" * 18)), bool(re.fullmatch(_RowId.regex, "9" * 19))
    (True, False)
    """

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("rowid", _RowId())


def _row_number(value: str) -> int | None:
    """A row's number typed in a query (``?applicant=12``): ASCII digits SQLite's integer
    holds, else ``None`` (``²`` is a digit to ``str.isdigit`` and no number to ``int``).

    >>> _row_number("12"), _row_number("²"), _row_number("9" * 25), _row_number("")
    (12, None, None, None)
    """
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


@dataclass
class DeskConfig:
    """How one desk runs. ``settings`` are the pipeline's (:class:`verify.run.pipeline.Settings`)."""

    data: Path
    settings: object = None
    host: str = "127.0.0.1"
    port: int = 8765
    watch: Path | None = None
    workers: int = 1
    settle_seconds: float = 5.0
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    upload_limit: int | None = None  # bytes of one upload request; default: the zip limit's total
    inner_check: Callable | None = None  # replaces the pipeline inside the worker (tests)
    #: ``--page-timeout`` and ``--dossier-timeout`` of each check, as ``verify batch`` takes them
    page_timeout: float = 60.0
    dossier_timeout: float | None = DOSSIER_TIMEOUT
    secure_cookies: bool = False  # set behind an HTTPS proxy
    #: seconds a request waits for another's write to the database (a check being recorded,
    #: ``verify desk adduser`` beside the desk) before it is answered 503 数据库正忙
    busy_timeout: float = 5.0
    #: more names the desk answers to (a LAN name, a proxy's), on any port: see :class:`HostGuard`
    allowed_hosts: tuple[str, ...] = ()
    #: applicants on one page of the list (5,000 on one page were 2.2 MB of HTML)
    page_size: int = 100
    #: seconds a warm worker (its OCR engine loaded, 0.8 GB) may stay idle before it is ended
    #: (``verify desk --worker-idle``, in minutes); None or 0: kept for good
    worker_idle: float | None = queue.WORKER_IDLE

    @property
    def max_upload_bytes(self) -> int:
        return int(self.upload_limit or self.zip_limits.max_total_bytes)


# ---------------------------------------------------------------- refusals


class LoginRequired(Exception):
    pass


class Refused(Exception):
    """A request the desk refuses, with the status and the Chinese reason shown."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class BodyLimit:
    """Refuse a request body over ``limit`` bytes (declared or counted) with the desk's
    own 413 page: the refusal is raised while the form is read, so the route's error
    handler answers it."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        total = 0
        limit = self.limit
        message = f"上传内容过大：单次上传上限 {limit / 2**20:.0f} MB（可分批上传，或压缩后上传 ZIP）"

        async def limited_receive():
            nonlocal total
            if declared is not None and declared > limit:
                raise Refused(413, message)
            event = await receive()
            if event["type"] == "http.request":
                total += len(event.get("body", b""))
                if total > limit:
                    raise Refused(413, message)
            return event

        await self.app(scope, limited_receive, send)


def _limited(route: Route, limit: int) -> Route:
    route.app = BodyLimit(route.app, limit)
    return route


def _originals(folder: Path, limit: int = 2000) -> list[tuple[str, int]]:
    """The dossier's files as submitted, (path relative to ``folder``, bytes), in order."""
    out = []
    for path in intake.files_under(folder)[:limit]:
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink():
                out.append((path.relative_to(folder).as_posix(), path.stat().st_size))
    return out


def _replaced(folder: Path, limit: int = 500) -> list[tuple[str, str, int]]:
    """The files re-scans replaced (``replaced/<n>/…``, :func:`intake.copy_scans`), newest
    replacement first: (n, path inside it, bytes)."""
    out = []
    try:
        batches = sorted((p for p in folder.iterdir() if p.name.isdigit() and p.is_dir() and not p.is_symlink()),
                         key=lambda p: -int(p.name))
    except OSError:
        return []
    for batch in batches:
        for rel, size in _originals(batch, limit - len(out)):
            out.append((batch.name, rel, size))
        if len(out) >= limit:
            break
    return out


def _costly(path: Path) -> str | None:
    """Why the image at ``path`` is not decoded here: the check's own reason where
    decoding it would take minutes or gigabytes (:func:`ocr.sources.costly_image`: a
    12 MB PNG of a million empty chunks held a request 19 s, a TIFF of 10,000 pages over
    100 s, every time a reviewer opened it), else ``None``."""
    from ocr.sources import costly_image, sniff_format

    try:
        with open(path, "rb") as fh:
            kind = sniff_format(fh.read(1024))
        problem = costly_image(path, kind) if kind in ("jpeg", "png", "tiff") else None
    except OSError:
        return None  # the decoder below meets it and says the file is not shown
    return problem.reason if problem is not None else None


def _tiff_as_png(path: Path, page: str | None) -> bytes | None:
    """The page (``page``, from 1; the first where none or no such) of a TIFF as a PNG,
    for the browser; ``None`` where it cannot be read (damaged, too large, not a TIFF).
    The caller has already refused a file too costly to decode (:func:`_costly`)."""
    from ocr.errors import MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        from PIL import Image

        with open(path, "rb") as fh, Image.open(fh) as im:  # (by path Pillow maps it: see _decodes)
            n = int(page) - 1 if page and page.isdigit() else 0
            if 0 < n < getattr(im, "n_frames", 1):
                im.seek(n)
            im = im.convert("L" if im.mode in ("1", "L", "I;16", "I") else "RGB")
            out = io.BytesIO()
            im.save(out, "PNG")
            return out.getvalue()
    except Exception:  # a damaged file, a decompression bomb: the file itself is offered instead
        logger.info("TIFF %s not shown as PNG", path.name, exc_info=True)
        return None


def _decodes(path: Path) -> bool:
    """Whether the image file at ``path`` (JPEG, PNG, BMP) decodes whole: one that does
    not (damaged, cut short, another format under the name) showed in the browser as a
    broken-image icon and nothing said why. A JPEG is decoded at an eighth of its size
    (the header and every block are still read)."""
    from ocr.errors import MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return True  # not read here: the browser is given it as it is
        from PIL import Image

        # opened from a file object: by path, Pillow maps an uncompressed image (BMP, raw TIFF)
        # into memory, and a file cut short under the map (a share, a copy being replaced) is a
        # SIGBUS, which ends the whole desk with no word; read, it is an error of this file
        with open(path, "rb") as fh, Image.open(fh) as im:
            im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
        return True
    except Exception:  # a damaged file, a decompression bomb
        logger.info("original %s does not decode as an image", path.name, exc_info=True)
        return False


def _pdf_problem(path: Path) -> str | None:
    """Why the PDF at ``path`` will not open in the browser's viewer: ``"encrypted"``
    (a password), ``"damaged"`` (pdfium, Chromium's own reader, opens no document or no
    first page), else ``None``. Chromium's viewer said only 「无法载入 PDF 文档」, with no
    way to the file. Opening with pdfium reads the cross-reference table and one page
    (under a millisecond for a sample's PDF); a file too large or too packed to open
    here (:func:`ocr.sources.too_packed`) is given to the browser as it is."""
    from ocr.errors import MAX_FILE_BYTES
    from ocr.sources import pdf_document, pdf_locked, too_packed

    try:
        if path.stat().st_size > MAX_FILE_BYTES or too_packed(path) is not None:
            return None
    except OSError:
        return None
    import pypdfium2 as pdfium

    try:
        with pdf_document(path) as doc:
            if len(doc) == 0:
                return "damaged"
            try:
                doc[0].close()
            except pdfium.PdfiumError:
                logger.info("original %s: no first page", path.name, exc_info=True)
                return "damaged"
            return None
    except pdfium.PdfiumError as exc:
        logger.info("original %s does not open as a PDF: %s", path.name, exc)
        return "encrypted" if pdf_locked(exc, path) else "damaged"
    except OSError:  # gone or unreadable since it was listed: the browser gets it as it is
        return None


def _opened_by_browser(request: Request) -> bool:
    """Whether ``request`` opens a page in the browser (its ``Sec-Fetch-Dest`` is
    ``document``, or absent: a client that does not say), not a script's ``fetch()``
    (``empty``).

    >>> from starlette.requests import Request
    >>> asked = lambda dest: Request({"type": "http", "headers": [(b"sec-fetch-dest", dest)] if dest else []})
    >>> [_opened_by_browser(asked(d)) for d in (b"document", b"empty", None)]
    [True, False, True]
    """
    return request.headers.get("sec-fetch-dest", "document") in ("document", "iframe")


def _key_or_none(name: str) -> str | None:
    """The applicant key a folder's ``name`` gives (:func:`intake.dossier_key`), or None."""
    try:
        return intake.dossier_key(name)
    except DeskError:
        return None


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.url.path == "/events"


class SecurityHeaders:
    """Headers on every response: no framing, no sniffing, scripts only from the app."""

    CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {b"x-frame-options": b"DENY", b"x-content-type-options": b"nosniff",
                         b"referrer-policy": b"same-origin", b"cache-control": b"no-store"}
                if b"content-security-policy" not in names:
                    extra[b"content-security-policy"] = self.CSP.encode()
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("0.0.0.0", "::", "")


def _host_and_port(value: str) -> tuple[str, int | None] | None:
    """The name (lower case, IPv6 without brackets) and port of a ``Host`` or an
    ``Origin``'s authority; ``None`` when it is not one.

    >>> _host_and_port("127.0.0.1:8765"), _host_and_port("[::1]:8765"), _host_and_port("Evil.Example")
    (('127.0.0.1', 8765), ('::1', 8765), ('evil.example', None))
    >>> _host_and_port("a:b"), _host_and_port("a@b:1"), _host_and_port("")
    (None, None, None)
    """
    if not value or any(c in value for c in "/@?#\\ "):
        return None
    try:
        parts = urllib.parse.urlsplit("//" + value)
        port = parts.port
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


def host_allowed(value: str, config: DeskConfig) -> bool:
    """Whether ``Host: value`` names this desk: a loopback name or the address it was
    started on (``--host``), with its port; on a desk listening on every address
    (``--host 0.0.0.0``) any IP address and this computer's name too; and the names of
    ``allowed_hosts`` on any port. A page of another site whose name was made to point
    at 127.0.0.1 (DNS rebinding) sends its own name, and is refused.

    >>> config = DeskConfig(data=Path("."), port=8765)
    >>> [host_allowed(h, config) for h in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765")]
    [True, True, True]
    >>> [host_allowed(h, config) for h in ("evil.example:8765", "127.0.0.1:8766", "127.0.0.1", "192.168.1.5:8765")]
    [False, False, False, False]
    >>> lan = DeskConfig(data=Path("."), host="0.0.0.0", port=8765, allowed_hosts=("desk.example",))
    >>> [host_allowed(h, lan) for h in ("192.168.1.5:8765", "desk.example", "evil.example:8765")]
    [True, True, False]
    """
    parsed = _host_and_port(value)
    if parsed is None:
        return False
    name, port = parsed
    if name in {h.lower() for h in config.allowed_hosts}:
        return True
    if port != config.port:
        return False
    if name in LOOPBACK_NAMES or name == config.host.lower().strip("[]"):
        return True
    if config.host in ANY_ADDRESS:
        import ipaddress
        import socket

        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name in {socket.gethostname().lower(), socket.getfqdn().lower()}
    return False


def origin_allowed(origin: str, host: str) -> bool:
    """Whether a state-changing request's ``Origin`` is the desk's own page: an http(s)
    origin with the very name and port the request was sent to (``Host``, already
    checked). ``null`` (a sandboxed frame, a file) and any other site are refused.

    >>> origin_allowed("http://127.0.0.1:8765", "127.0.0.1:8765")
    True
    >>> origin_allowed("https://desk.example", "desk.example")
    True
    >>> origin_allowed("http://evil.example", "127.0.0.1:8765"), origin_allowed("null", "127.0.0.1:8765")
    (False, False)
    """
    scheme, _, authority = origin.partition("://")
    if scheme.lower() not in ("http", "https"):
        return False
    mine, theirs = _host_and_port(host), _host_and_port(authority)
    return mine is not None and mine == theirs


class HostGuard:
    """Refuse a request sent to a name that is not this desk's (:func:`host_allowed`,
    400) and a POST from another site's page (:func:`origin_allowed`, 403), before any
    route reads a cookie or the database: with DNS rebinding a page of another site is,
    for the browser, on the desk's origin and could try passwords on the login form
    from the reviewer's own computer (desk exploration 6, P2). ``refuse(scope, status,
    message)`` makes the desk's own refusal page."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, app, config: DeskConfig, refuse):
        self.app = app
        self.config = config
        self.refuse = refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        host = headers.get("host", "")
        address = f"http://{'[' + self.config.host + ']' if ':' in self.config.host else self.config.host}:" \
                  f"{self.config.port}/"
        if not host_allowed(host, self.config):
            response = await self.refuse(scope, 400, f"访问地址不是本审核台的地址，已拒绝。请使用审核台启动时显示的地址"
                                                     f"（{address}）访问；如需经其他名称（局域网名称、代理）访问，"
                                                     "请在启动时用 --allow-host 给出该名称")
            return await response(scope, receive, send)
        origin = headers.get("origin")
        if scope["method"] not in self.SAFE_METHODS and origin is not None and not origin_allowed(origin, host):
            response = await self.refuse(scope, 403, "该请求来自其他网站的页面，已拒绝。请在审核台自己的页面上操作")
            return await response(scope, receive, send)
        await self.app(scope, receive, send)


# ---------------------------------------------------------------- the application


class Desk:
    """The running desk: data folder, templates, queue, watcher."""

    def __init__(self, config: DeskConfig):
        self.config = config
        self.folder = DataFolder(config.data)
        self.folder.create()  # idempotent; brings a data folder of an older desk up to date
        intake.fill_id_numbers(self.folder)
        self.templates = self._environment()
        from verify.run.batch import BatchOptions

        self.queue = queue.CheckQueue(self.folder, config.settings, workers=config.workers,
                                      options=BatchOptions(page_timeout=config.page_timeout,
                                                           dossier_timeout=config.dossier_timeout),
                                      inner_check=config.inner_check, worker_idle=config.worker_idle)
        self.watcher = None
        self.stopping = False
        self._views: dict[tuple, object] = {}
        self._views_lock = threading.Lock()
        self.logins = auth.LoginThrottle()
        self._chain: audit.ChainCheck | None = None  # the newest check of the audit trail that passed
        self._chain_lock = threading.Lock()
        #: what a refused form held, by session token, for the page the refusal redirects to
        self._drafts: dict[str, tuple[float, dict]] = {}
        self._drafts_lock = threading.Lock()

    def _environment(self) -> jinja2.Environment:
        from verify.report import html as report_html

        env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(HERE / "templates")),
                                        report_html.template_loader()]),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
        report_html.install(env)
        env.globals.update(
            VERDICT_NAMES_ZH=review.VERDICT_NAMES_ZH, DECISION_NAMES_ZH=review.DECISION_NAMES_ZH,
            STATE_NAMES_ZH=review.STATE_NAMES_ZH, FINDING_ACTIONS_ZH=review.ACTION_NAMES_ZH,
            STATUS_NAMES_ZH=review.STATUS_NAMES_ZH, AUDIT_ACTIONS_ZH=audit.ACTION_NAMES_ZH,
            ROLE_NAMES_ZH=auth.ROLE_NAMES_ZH, UNIT_KIND_NAMES_ZH=intake.UNIT_KIND_NAMES_ZH,
            DECISION_STATES=review.DECISION_STATES, MAX_PAPERS=intake.MAX_PAPERS, MAX_AWARDS=intake.MAX_AWARDS,
        )
        env.globals["UPLOAD_LIMIT_MB"] = self.config.max_upload_bytes // 2**20
        env.filters["when"] = _when
        env.filters["size"] = _size
        env.filters["fromjson"] = json.loads
        env.filters["rule_zh"] = export.rule_name_zh
        env.globals["audit_target"] = audit.target_zh
        env.globals["where_of"] = review.where
        return env

    # ------------------------------------------------------------ life

    def start(self) -> None:
        if removed := intake.clear_stale_staging(self.folder):
            logger.warning("removed %d upload staging folder(s) a stopped desk left in %s", removed, self.folder.incoming)
        self.queue.start()
        if self.config.watch is not None:
            from verify.desk.watch import ScannerWatch

            self.watcher = ScannerWatch(self, Path(self.config.watch), settle_seconds=self.config.settle_seconds)
            self.watcher.start()

    def stop(self) -> None:
        self.stopping = True
        if self.watcher is not None:
            self.watcher.stop()
        self.queue.stop()

    # ------------------------------------------------------------ refused forms

    #: seconds a refused form's text waits for the page it was sent back to
    DRAFT_SECONDS = 600

    def keep_draft(self, token: str | None, draft: dict) -> None:
        """Keep what a refused form held (reasons typed, which box the refusal is about) for
        the next page of this session: the refusal redirects there (Post/Redirect/Get), and
        the text is too long for a cookie (500 characters of Chinese)."""
        if not token:
            return
        with self._drafts_lock:
            now = time.monotonic()
            for old in [k for k, (t, _) in self._drafts.items() if now - t > self.DRAFT_SECONDS]:
                del self._drafts[old]
            self._drafts[token] = (now, draft)

    def take_draft(self, token: str | None) -> dict:
        """The draft :meth:`keep_draft` kept for this session, once (a reload shows the page as it is)."""
        if not token:
            return {}
        with self._drafts_lock:
            kept = self._drafts.pop(token, None)
        if kept is None or time.monotonic() - kept[0] > self.DRAFT_SECONDS:
            return {}
        return kept[1]

    # ------------------------------------------------------------ writing

    def connection(self):
        """A connection for a request: it waits :attr:`DeskConfig.busy_timeout` seconds at
        most for the write lock (the queue and the watcher wait longer), and a request
        that waited in vain is answered 503 数据库正忙 (it was a bare 500 after 30 s)."""
        return self.folder.connection(self.config.busy_timeout)

    @contextlib.contextmanager
    def write(self):
        """One transaction; the audit head is recorded after it commits."""
        with self.connection() as conn:
            with transaction(conn):
                yield conn
            audit.write_head(conn, self.folder.audit_head)

    # ------------------------------------------------------------ the audit trail

    def check_chain(self, conn, full: bool = False) -> audit.ChainCheck:
        """The audit trail's hash chain, checked from the newest row the last check that
        passed ended on (``full``: from the first row; and after any failure, until a
        check passes again, so that a broken chain keeps being said)."""
        with self._chain_lock:  # one check at a time: the next one starts where it ended
            check = audit.verify_chain(conn, self.folder.audit_head, after=None if full else self._chain)
            self._chain = check if check.ok else None
            return check

    # ------------------------------------------------------------ reports

    def report_of(self, row) -> tuple[dict | None, list]:
        """The latest report of an applicant and its pages (a few kept in memory)."""
        from verify.desk.worker import load_pages

        if not row["run_no"]:
            return None, []

        def load():
            report_dir = self.folder.run_dir(row["id"], row["run_no"]) / row["key"]
            report = read_report(report_dir / REPORT_JSON)
            return report, (load_pages(report_dir / "pages.pickle") if report is not None else [])

        return self._cached(("report", row["id"], row["run_no"]), load)

    def report_view(self, row):
        """The report's view objects (:func:`verify.report.view.build_view`) for the page."""
        from verify.report.view import build_view

        report, pages = self.report_of(row)
        if report is None:
            return None
        return self._cached(("view", row["id"], row["run_no"]), lambda: build_view(report, pages))

    def list_cells(self, conn, row) -> dict[str, str]:
        """The cells of a checked applicant's row of the list that its check's end changes
        (verdict, counts, the final decision: stale after a recheck that changed what it was
        made on), by class, rendered by the list's own macros: /events sends them with the
        check's last progress and desk.js puts them in place (the list kept what it was
        loaded with until a reload, and a second rendering in the script drifted from the
        template's)."""
        macros = self.templates.get_template("desk/_macros.html").module
        machine = json.loads(row["counts"]) if row["counts"] else None
        after = review.counts_after_overrides(conn, row["id"]).get(row["id"])
        return {"verdict-cell": str(macros.verdict_badge(row["verdict"])) if row["run_no"] else "",
                "counts-cell": str(macros.counts_cell(machine, after)),
                "decision-cell": str(macros.decision_badge(row))}  # 待复核 once a recheck changed what was decided on

    def _cached(self, key: tuple, make):
        with self._views_lock:
            if key in self._views:
                return self._views[key]
        value = make()
        with self._views_lock:
            self._views[key] = value
            while len(self._views) > 6:  # a big dossier's view holds its page images
                self._views.pop(next(iter(self._views)))
        return value


def _size(n) -> str:
    """A file's size as the desk says it: a damaged scan of 300 bytes said 「0 KB」.

    >>> _size(0), _size(300), _size(1536), _size(7_600_000)
    ('0 字节（空文件）', '300 字节', '2 KB', '7.2 MB')
    """
    n = int(n or 0)
    if n == 0:
        return "0 字节（空文件）"
    if n < 1024:
        return f"{n} 字节"
    if n < 1 << 20:
        return f"{round(n / 1024)} KB"
    return f"{n / (1 << 20):.1f} MB"


def _when(value) -> str:
    """An ISO time or epoch seconds as 2024-10-01 09:30."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(value))
    text = str(value)
    return text[:16].replace("T", " ")


def _verdict_tiles(view, findings: list) -> tuple[object, dict | None]:
    """The report's verdict banner with its counts after the reviewers' overrides, and the
    tool's own counts when those differ (the page says both: a dossier whose two of three
    reviews were overridden showed 0 / 3 and nothing said why). The verdict stays the
    machine's (the banner labels it so); the line under it says what the counts after the
    overrides say."""
    if view is None:
        return None, None
    machine = dict(view.verdict.counts)
    after = review.counts_after(machine, [(f.status, f.effective) for f in findings])
    if after == {s: int(machine.get(s) or 0) for s in after}:
        return view.verdict, None
    return dataclasses.replace(view.verdict, counts=after, hint=review.hint_after(after)), machine


def _form_error_zh(detail: str, max_files: int) -> str:
    """Starlette's reason a form could not be read, in the reviewer's words (it came
    through in English: Missing boundary in multipart., hostile exploration 4, P5).

    >>> _form_error_zh("Too many files. Maximum number of files is 5000.", 5000).split("。")[0]
    '一次上传的文件超过 5000 个'
    >>> _form_error_zh("Missing boundary in multipart.", 5000)
    '上传的数据格式不正确，请刷新页面后重新上传'
    """
    if detail.startswith("Too many files"):
        return f"一次上传的文件超过 {max_files} 个。{intake.SPLIT_ADVICE}"  # a zip has the same limit
    if detail.startswith("Too many fields"):
        return "表单项过多，请刷新页面后重试"
    if "exceeded maximum size" in detail:
        return "某一项内容过大，请刷新页面后重试"
    return "上传的数据格式不正确，请刷新页面后重新上传"


def _applicant_id(request: Request) -> int:
    try:
        return int(request.path_params["applicant_id"])
    except (KeyError, ValueError):
        raise Refused(404, "申报人不存在") from None


def open_files_for_uploads(members: int) -> int:
    """Raise this process's soft limit of open files (to its hard limit at most) so that an
    upload of ``members`` files, each spooled to a temporary file of its own while the form
    is read (:data:`UPLOAD_SPOOL_BYTES`), and the desk's own files fit: a soft limit of 1024
    (many Linux desktops) made a folder of 1,100 scans of 66 KB a server error (too many open
    files). Where the hard limit is lower, files under 1 MB are held in memory as Starlette
    holds them. The limit now."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = members + 1024
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
            soft = new
        except (ValueError, OSError):
            logger.warning("cannot raise the open files limit from %d to %d", soft, new)
    if soft != resource.RLIM_INFINITY and soft < wanted:  # Starlette's own: files under 1 MB held in memory
        logger.warning("open files limited to %d: uploaded files under 1 MB are held in memory", soft)
        MultiPartParser.spool_max_size = 1 << 20
    return soft


def create_app(config: DeskConfig) -> Starlette:
    desk = Desk(config)
    limits = config.zip_limits
    open_files_for_uploads(limits.max_members)

    # ------------------------------------------------------------ helpers

    def session_of(request: Request) -> auth.Session | None:
        token = request.cookies.get(auth.SESSION_COOKIE)
        if not token:
            return None
        with desk.connection() as conn:
            return auth.find_session(conn, token)

    def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        session = getattr(request.state, "session", None)
        # the message a redirect carries is the next page's the browser opens, never a page a
        # script fetches meanwhile (the applicant page refetching itself on a decision's event,
        # which after a withdrawal was a 410 page): that took the 已撤回 message and deleted it
        # before the list the withdrawal redirects to could show it
        flash = request.cookies.get(FLASH_COOKIE) if _opened_by_browser(request) else None
        note = urllib.parse.unquote(flash) if flash else None
        if note and note.startswith(FLASH_ERROR):  # a refusal carried over a redirect: shown as one
            if not context.get("error"):
                context["error"] = note[len(FLASH_ERROR):]
            note = None
        context.setdefault("error", None)
        html = desk.templates.get_template(name).render(
            request=request, session=session, user=session.user if session else None,
            csrf=session.csrf if session else "", flash=note, **context)
        response = HTMLResponse(html, status_code=status)
        if flash:
            response.delete_cookie(FLASH_COOKIE, path="/")
        return response

    def flashed(response: Response, message: str | None, error: bool = False) -> Response:
        """``response`` with ``message`` to be shown once on the next page (``error``: as a
        refusal, in red)."""
        if message:
            response.set_cookie(FLASH_COOKIE, urllib.parse.quote((FLASH_ERROR if error else "") + message),
                                max_age=60, path="/", httponly=True,
                                samesite="strict", secure=config.secure_cookies)
        return response

    def redirect(url: str, message: str | None = None, error: bool = False) -> Response:
        """See ``url``, with ``message`` shown once there (``error``: as a refusal, in red)."""
        return flashed(RedirectResponse(url, status_code=303), message, error)

    def endpoint(admin: bool = False, max_files: int = 1000):
        """A page or form behind the login; POSTs must carry the session's CSRF token.

        The handler is a plain function, run in the thread pool with the session found
        and the form read: it calls SQLite, which waits for another's write lock (up to
        :attr:`DeskConfig.busy_timeout`), and Argon2. Run on the event loop, one request
        waiting for the lock held up every other, a static file included (desk
        exploration 6, P1). Each call of :meth:`Desk.connection` opens its own connection,
        so no connection is shared between threads."""

        def decorate(handler):
            async def wrapped(request: Request) -> Response:
                session = await run_in_threadpool(session_of, request)
                if session is None:
                    raise LoginRequired()
                if admin and not session.user.is_admin:
                    raise Refused(403, "此操作需要管理员权限")
                request.state.session = session
                if request.method != "POST":
                    return await run_in_threadpool(handler, request)
                try:
                    form = await request.form(max_files=max_files, max_fields=2000)
                except HTTPException as exc:
                    raise Refused(exc.status_code if exc.status_code >= 400 else 400,
                                  f"表单无法读取（{_form_error_zh(str(exc.detail), max_files)}）") from None
                try:
                    given = form.get("csrf_token") or request.headers.get("x-csrf-token")
                    if not auth.same_token(session.csrf, given if isinstance(given, str) else None):
                        raise Refused(403, "表单已失效（缺少或不符的安全令牌），请刷新页面后重试")
                    request.state.form = form
                    return await run_in_threadpool(handler, request)
                finally:
                    await form.close()

            wrapped.__name__ = handler.__name__
            return wrapped

        return decorate

    def fail_or_json(request: Request, url: str, exc: DeskError) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": str(exc)}, status_code=400)
        return redirect(url, str(exc), error=True)

    def done(request: Request, url: str, message: str | None = None) -> Response:
        if _wants_json(request):
            # the page the script goes to shows the message too (a folder upload said nothing)
            return flashed(JSONResponse({"ok": True, "redirect": url, "message": message}), message)
        return redirect(url, message)

    def refused_back(request: Request, applicant_id: int, box: str, message: str, text: str,
                     status: int = 409) -> Response:
        """A refused form of the applicant's page: back to that page at the form's ``box``
        (``finding-12``, ``group-seal.unit``, ``decision``…), the reason shown at the top and
        beside the box, the ``text`` typed kept in it (Post/Redirect/Get: the page was
        answered at the form's POST URL, where a reload sent the form again). JSON callers
        get ``status`` and the reason."""
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message}, status_code=status)
        desk.keep_draft(request.cookies.get(auth.SESSION_COOKIE),
                        {box: text, "error_at": box, "error": message})
        return redirect(f"/applicants/{applicant_id}#{box}", message, error=True)

    def applicant_row(conn, applicant_id: int):
        """The applicant's row; a withdrawn one is gone for every page and form (410)."""
        row = conn.execute("SELECT * FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
        if row is None:
            raise Refused(404, "申报人不存在")
        if row["withdrawn_at"]:
            raise Refused(410, f"申报人 {row['key']}（{row['name'] or '姓名未知'}）已于 {_when(row['withdrawn_at'])} "
                               f"由 {row['withdrawn_by']} 撤回，理由：{row['withdrawn_reason']}")
        return row

    # ------------------------------------------------------------ login

    async def login_page(request: Request) -> Response:
        if await run_in_threadpool(session_of, request) is not None:
            return RedirectResponse("/applicants", status_code=303)
        token = request.cookies.get(auth.LOGIN_CSRF_COOKIE) or auth.new_login_token()
        response = render(request, "desk/login.html", login_csrf=token, next=request.query_params.get("next", ""))
        response.set_cookie(auth.LOGIN_CSRF_COOKIE, token, max_age=3600, path="/", httponly=True, samesite="strict",
                            secure=config.secure_cookies)
        return response

    async def login(request: Request) -> Response:
        async with request.form(max_files=0, max_fields=10) as form:
            name = str(form.get("name") or "").strip()
            password = str(form.get("password") or "")
            given = form.get("csrf_token")
            target = str(form.get("next") or "")
        if not auth.same_token(request.cookies.get(auth.LOGIN_CSRF_COOKIE), given if isinstance(given, str) else None):
            raise Refused(403, "登录表单已失效（缺少或不符的安全令牌），请刷新页面后重试")

        address = request.client.host if request.client else ""

        def check():
            """The session token, ``None`` for a wrong password, or the pause that holds.
            The password is verified outside any transaction (Argon2 takes a good part
            of a second: under the write lock every login held up every decision)."""
            pause = desk.logins.begin(name, address)
            if pause is not None:
                return pause
            with desk.connection() as conn:
                user = auth.authenticate(conn, name, password)
            with desk.write() as conn:
                if user is not None and (auth.get_user(conn, user.name) or user).active:
                    desk.logins.succeeded(name, address)
                    audit.append(conn, user.name, "login")
                    return auth.open_session(conn, user)
                audit.append(conn, name[:40] or "（空）", "login.failed")
                paused = desk.logins.failed(name, address)
                if paused is not None:  # the name from this address, or the address for every name
                    action, failures = (("login.paused", desk.logins.limit) if paused == "name"
                                        else ("login.paused.address", desk.logins.address_limit))
                    audit.append(conn, name[:40] or "（空）", action, after={
                        "failures": failures, "minutes": round(desk.logins.pause / 60), "address": address})
                return None

        token = await run_in_threadpool(check)
        if isinstance(token, auth.LoginPause):
            token_cookie = request.cookies.get(auth.LOGIN_CSRF_COOKIE) or auth.new_login_token()
            who = ("本机登录失败次数过多，已暂停本机登录" if token.whole_address
                   else "该用户名在本机连续多次登录失败，已暂停登录")
            return render(request, "desk/login.html", status=429, login_csrf=token_cookie, next=target,
                          error=f"{who}，请 {math.ceil(token.seconds / 60)} 分钟后再试"
                                "（忘记密码请联系管理员重设）", typed_name=name[:40])
        if token is None:
            token_cookie = request.cookies.get(auth.LOGIN_CSRF_COOKIE) or auth.new_login_token()
            return render(request, "desk/login.html", status=401, login_csrf=token_cookie, next=target,
                          error="用户名或密码不正确，或该用户已停用", typed_name=name[:40])
        if not _local_path(target):
            target = "/applicants"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(auth.SESSION_COOKIE, token, path="/", httponly=True, samesite="strict",
                            secure=config.secure_cookies)
        response.delete_cookie(auth.LOGIN_CSRF_COOKIE, path="/")
        return response

    @endpoint()
    def logout(request: Request) -> Response:
        with desk.write() as conn:
            auth.close_session(conn, request.cookies.get(auth.SESSION_COOKIE))
            audit.append(conn, request.state.session.user.name, "logout")
        # said on the login page: it came back as if nothing had happened (desk used end to end)
        response = redirect("/login", f"{request.state.session.user.name} 已退出登录。")
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return response

    # ------------------------------------------------------------ the list

    def filters_of(request: Request) -> dict:
        q = request.query_params
        return {k: (q.get(k) or "").strip() for k in ("verdict", "unit", "reviewer", "state", "q")}

    async def home(request: Request) -> Response:
        return RedirectResponse("/applicants", status_code=303)

    @endpoint()
    def applicants(request: Request) -> Response:
        """One page of the list (:attr:`DeskConfig.page_size` rows, newest first; ``?page=N``)."""
        filters = filters_of(request)
        size = max(1, config.page_size)
        wanted = request.query_params.get("page") or "1"
        with desk.connection() as conn:
            total = review.count_applicants(conn, **filters)
            pages = max(1, math.ceil(total / size))
            page = min(max(1, int(wanted)), pages) if wanted.isdigit() and len(wanted) < 10 else 1
            rows = review.list_applicants(conn, **filters, limit=size, offset=(page - 1) * size)
            progress = {r["id"]: queue.progress_of(desk.folder, r) for r in rows}
            query = {k: v for k, v in filters.items() if v}

            def page_url(n: int) -> str:
                return "/applicants?" + urllib.parse.urlencode({**query, "page": n})

            return render(request, "desk/applicants.html", rows=rows, progress=progress, filters=filters,
                          after=review.counts_after_overrides(conn),
                          units=review.units(conn), reviewers=review.reviewers(conn),
                          query=urllib.parse.urlencode(query), total=total, page=page, pages=pages,
                          first=(page - 1) * size + 1, last=(page - 1) * size + len(rows),
                          previous_url=page_url(page - 1) if page > 1 else None,
                          next_url=page_url(page + 1) if page < pages else None,
                          watch=str(config.watch) if config.watch else None)

    def _stage_upload(request: Request, staging: intake.Staging) -> tuple[Path, str]:
        """The staged applicant folder and its key, from a zip (``archive``) or a
        folder (``files``, each named by its relative path)."""
        form = request.state.form
        archive = form.get("archive")
        files = [f for f in form.getlist("files") if hasattr(f, "filename")]
        if hasattr(archive, "filename") and archive.filename:
            name = intake.safe_upload_name(archive.filename)
            if not name.lower().endswith(".zip"):
                raise DeskError(f"{name}：请上传 ZIP 压缩包（或选择整个文件夹上传）")
            target = staging.path / name

            def save_zip():
                with open(target, "wb") as out:
                    shutil.copyfileobj(archive.file, out, 1 << 20)
                return intake.unpack_zip(target, staging, limits)

            root = save_zip()
            return root, intake.dossier_key(name)
        if files:
            rels = [intake.safe_relative_path(f.filename) for f in files]
            if len(rels) > limits.max_members:
                raise DeskError(intake.too_many_files(len(rels), limits.max_members))

            root = intake.stage_files(staging, rels, files)
            tops = {rel.split("/")[0] for rel in rels}
            if len(tops) != 1 or all("/" not in rel for rel in rels):
                raise DeskError("请选择申报人的整个文件夹上传（文件夹名即申报人编号）")
            return root, intake.dossier_key(tops.pop())
        raise DeskError("请选择一个 ZIP 压缩包或一个文件夹")

    @endpoint(max_files=ZipLimits().max_members)
    def upload(request: Request) -> Response:
        user = request.state.session.user.name
        try:
            with intake.Staging(desk.folder) as staging:
                try:
                    root, key = _stage_upload(request, staging)
                except intake.SeveralApplicants as several:
                    return _upload_several(request, several, user)
                with desk.write() as conn:
                    existing = intake.find_by_key(conn, key)
                    if existing is not None:
                        return to_scans(request, existing["id"],
                                        f"已有编号为 {key} 的申报人（{existing['name'] or '姓名未知'}）：如是补交材料，"
                                        "请在本页「补充扫描件并重新核验」处上传（替换同名文件并重新核验）")
                    # the applicant's own folder zipped under another name (A2024-003-补交.zip):
                    # it was made a second applicant, the reviewer's decisions left on the first
                    inner = _key_or_none(root.name)
                    same = intake.find_by_key(conn, inner) if inner and inner != key else None
                    if same is not None:
                        return to_scans(request, same["id"],
                                        f"压缩包「{key}」中是申报人 {inner}（{same['name'] or '姓名未知'}）的文件夹，该申报人已在审核台："
                                        "如是补交材料，请在本页「补充扫描件并重新核验」处上传；如确是另一位申报人，"
                                        "请把压缩包中的文件夹改名为其编号后重新上传")
                    taken = intake.register(desk.folder, conn, root, key, user, not_extracted=staging.not_extracted)
                    if taken.queued:
                        queue.submit(conn, taken.applicant_id, user)
        except DeskError as exc:
            return fail_or_json(request, "/applicants", exc)
        desk.queue.wake()
        url = f"/applicants/{taken.applicant_id}"
        if taken.queued:
            return done(request, "/applicants", f"已收到 {key}，正在排队核验")
        return done(request, url + "/info", f"已收到 {key}：{taken.problem}")

    def to_scans(request: Request, applicant_id: int, message: str) -> Response:
        """A 补交 sent from the list page, refused there: to the applicant's 补充 form, the
        reason beside it. A folder upload (sent by the page's script, answered in JSON) is
        told where to go (``redirect``); it stayed on the list with the reason alone."""
        if _wants_json(request):
            desk.keep_draft(request.cookies.get(auth.SESSION_COOKIE), {"scans": "", "error_at": "scans", "error": message})
            return JSONResponse({"ok": False, "error": message, "redirect": f"/applicants/{applicant_id}#scans"},
                                status_code=400)
        return refused_back(request, applicant_id, "scans", message, "", status=400)

    def _upload_several(request: Request, several: intake.SeveralApplicants, user: str) -> Response:
        """Each applicant's folder of one upload (a day's scans zipped whole) taken as if
        uploaded alone; one already on the desk is left as it is and named (its new scans
        go in on its own page). Refused whole, a reviewer zipped each folder again by hand."""
        taken, existing, waiting, refused = [], [], [], []
        with desk.write() as conn:
            for folder in several.folders:
                key = intake.dossier_key(folder.name)
                if intake.find_by_key(conn, key) is not None:
                    existing.append(key)
                    continue
                try:  # (refused before its row is written: a folder without scans)
                    one = intake.register(desk.folder, conn, folder, key, user,
                                          not_extracted=several.not_extracted.get(folder, ()))
                except DeskError as exc:
                    refused.append(str(exc))
                    continue
                if one.queued:
                    queue.submit(conn, one.applicant_id, user)
                    taken.append(key)
                else:
                    waiting.append(key)
        desk.queue.wake()

        def listed(keys: list[str]) -> str:
            return "、".join(keys[:10]) + ("等" if len(keys) > 10 else "")

        said = []
        if taken:
            said.append(f"已收到 {len(taken)} 位申报人（{listed(taken)}），正在排队核验")
        if waiting:
            said.append(f"{listed(waiting)} 的申报人信息缺失或有误，请在其页面填写后开始核验")
        if existing:
            said.append(f"{listed(existing)} 已在审核台中，未重复收件（如是补充扫描件，请在该申报人页面上传）")
        said += refused
        if several.left_out and (taken or waiting):
            said.append(f"未收 {listed(several.left_out)}（不在任何申报人的文件夹中，也不是扫描件或 PDF）")
        if not taken and not waiting:
            return fail_or_json(request, "/applicants", DeskError("；".join(said)))
        return done(request, "/applicants", "；".join(said))

    # ------------------------------------------------------------ one applicant

    @endpoint()
    def applicant_page(request: Request) -> Response:
        return show_applicant(request, _applicant_id(request))

    def show_applicant(request: Request, applicant_id: int, status: int = 200, **extra) -> Response:
        """The applicant's page; ``extra`` (a refusal's ``error``, the ``draft`` a refused
        form held) goes to the template."""
        with desk.connection() as conn:
            row = applicant_row(conn, applicant_id)
            findings = review.findings_of(conn, applicant_id)
            stale = review.stale_decisions(conn, applicant_id)
            resubmitted = review.resubmitted_at(conn, applicant_id)
            history = conn.execute("SELECT * FROM audit WHERE applicant_id = ? ORDER BY id DESC LIMIT 200",
                                   (applicant_id,)).fetchall()
            progress = queue.progress_of(desk.folder, row)
            twins = intake.same_person(conn, applicant_id)
        view = desk.report_view(row) if row["run_no"] else None
        by_index = {f.position: f for f in findings}
        cards = {c.index: c for c in view.findings.cards} if view is not None and view.findings else {}
        groups = review.open_groups(findings) if row["state"] == "done" else []
        originals = _originals(desk.folder.input_dir(applicant_id))
        replaced = _replaced(desk.folder.replaced_dir(applicant_id))
        if "draft" not in extra:  # what a refused form held (:func:`refused_back`), once
            extra["draft"] = desk.take_draft(request.cookies.get(auth.SESSION_COOKIE))
        draft, box = extra["draft"], extra["draft"].get("error_at") or ""
        if box.startswith("finding-") and box[len("finding-"):] not in {str(f.id) for f in findings}:
            extra["draft"] = {**draft, "orphan": draft.get(box) or ""}  # its card was replaced by a recheck's
        tiles, machine = _verdict_tiles(view, findings)
        earlier, changes = review.stale_beside(stale, findings)
        # the status filter (不通过 N / 需复核 N / 通过 N) by each finding's status after the
        # reviewers' decisions, as the tiles above count: a finding overridden to 通过 sat
        # under 不通过, counted there
        shown = {f.position: f.effective for f in findings}
        if view is not None and view.findings:
            view = dataclasses.replace(view, findings=dataclasses.replace(
                view.findings, counts=review.counts_after(view.findings.counts,
                                                          [(f.status, f.effective) for f in findings])))
        # ?images=0: the page without its scans, whose parts desk.js puts in place after a decision
        images = request.query_params.get("images") != "0"
        return render(request, "desk/applicant.html", status=status, a=row, view=view, findings=findings, images=images,
                      by_index=by_index, cards=cards, groups=groups, originals=originals, replaced=replaced,
                      original_files={rel for rel, _ in originals}, **extra,
                      tiles=tiles, machine_counts=machine, shown=shown, twins=twins, mask_id=ric.mask,
                      stale=stale, history=history, progress=progress, earlier=earlier, changes=changes,
                      resubmitted=resubmitted,
                      suggestion=review.suggestion(findings) if row["state"] == "done" else None,
                      open_reviews=sum(1 for f in findings if f.effective == "review"))

    @endpoint()
    def applicant_report_file(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        with desk.connection() as conn:
            row = applicant_row(conn, applicant_id)
        if not row["run_no"]:
            raise Refused(404, "尚无核验报告")
        try:
            path = desk.folder.inside(Path("applicants") / str(applicant_id) / "runs" / str(row["run_no"])
                                      / row["key"] / REPORT_HTML)
        except OutsideDataFolder:
            raise Refused(404, "尚无核验报告") from None
        if not path.is_file():
            raise Refused(404, "尚无核验报告")
        return FileResponse(path, media_type="text/html; charset=utf-8", headers={
            "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                                       "script-src 'unsafe-inline'; frame-ancestors 'none'"})

    #: originals shown in the browser as they are (what a dossier holds); anything else
    #: is only downloaded, never rendered on the desk's own origin
    INLINE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jfif": "image/jpeg", ".jpe": "image/jpeg",
                    ".png": "image/png", ".bmp": "image/bmp",
                    ".tif": "image/tiff", ".tiff": "image/tiff", ".pdf": "application/pdf"}

    @endpoint()
    def original_file(request: Request) -> Response:
        """One file of the applicant's dossier as it was submitted (an unreadable page
        the report asks a person to look at)."""
        applicant_id = _applicant_id(request)
        with desk.connection() as conn:
            applicant_row(conn, applicant_id)
        rel = request.path_params["path"]
        base = Path("applicants") / str(applicant_id) / "input"
        if "batch" in request.path_params:  # a file a re-scan replaced, kept (:func:`intake.copy_scans`)
            base = Path("applicants") / str(applicant_id) / "replaced" / str(request.path_params["batch"])
        try:  # a name no file can have (%00, too long for the file system) is as absent as any
            path = desk.folder.inside(base / rel)
            root = desk.folder.inside(base)
            found = root in path.parents and path.is_file() and not path.is_symlink()
        except (OutsideDataFolder, UnusablePath, OSError):
            found = False
        if not found:
            raise Refused(404, "文件不存在")
        media = INLINE_TYPES.get(page_suffix(path.name))
        download = request.query_params.get("download") == "1"
        if media and media.startswith("image/") and not download:
            costly = _costly(path)
            if costly is not None:  # the check refused it unread; decoded here it held the request minutes
                return render(request, "desk/original_unshown.html", rel=rel, file_name=path.name,
                              size=path.stat().st_size, applicant_id=applicant_id, problem="costly", reason=costly)
            if media == "image/tiff":  # no browser but Safari shows a TIFF: Chromium saved it as a download
                shown = _tiff_as_png(path, request.query_params.get("page"))
                if shown is not None:
                    return Response(shown, media_type="image/png", headers={
                        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"})
            if media == "image/tiff" or not _decodes(path):
                # a damaged image showed as a broken-image icon (a TIFF was downloaded with
                # nothing said): a page says so and offers the file as handed in
                return render(request, "desk/original_unshown.html", rel=rel, file_name=path.name,
                              size=path.stat().st_size, applicant_id=applicant_id, problem="image")
        if media == "application/pdf" and not download:
            problem = _pdf_problem(path)
            if problem:  # Chromium's viewer said 「无法载入 PDF 文档」 and nothing more
                return render(request, "desk/original_unshown.html", rel=rel, file_name=path.name,
                              size=path.stat().st_size, applicant_id=applicant_id, problem=problem)
        if download:
            media = None
        disposition = "inline" if media else "attachment"
        return FileResponse(path, media_type=media or "application/octet-stream", headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{urllib.parse.quote(path.name)}",
            "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"})

    @endpoint()
    def finding_decision(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        form = request.state.form
        finding_id = request.path_params["finding_id"]
        reason = str(form.get("reason") or "")
        action = str(form.get("action") or "")
        try:
            with desk.write() as conn:
                applicant_row(conn, applicant_id)
                if action == "undo":  # a decision made by mistake (desk exploration 7, D8)
                    review.undo_finding(conn, applicant_id, int(finding_id), reason,
                                        request.state.session.user.name, supersede=form.get("supersede") == "1")
                else:
                    review.decide_finding(conn, applicant_id, int(finding_id), action,
                                          reason, request.state.session.user.name,
                                          supersede=form.get("supersede") == "1")
        except (review.NotYours, review.Rechecking) as exc:  # another's decision; findings about to be replaced
            return refused_back(request, applicant_id, f"finding-{finding_id}", f"{exc}（本次操作未记录）", reason)
        except DeskError as exc:
            return refused_back(request, applicant_id, f"finding-{finding_id}", str(exc), reason, status=400)
        return done(request, f"/applicants/{applicant_id}#finding-{finding_id}",
                    "已撤销该项的复核决定" if action == "undo" else "已记录")

    @endpoint()
    def findings_decision(request: Request) -> Response:
        """One decision on the findings of one rule ticked in a 同类复核项 or 同类不通过项 panel."""
        applicant_id = _applicant_id(request)
        form = request.state.form
        rule = str(form.get("rule") or "")
        box = (f"group-{rule}" + ("-fail" if form.get("status") == "fail" else "")
               if re.fullmatch(r"[a-z_.]{1,40}", rule) else "")
        back = f"/applicants/{applicant_id}" + (f"#{box}" if box else "")
        reason = str(form.get("reason") or "")
        try:
            ids = [int(v) for v in form.getlist("finding") if isinstance(v, str) and v.isdigit()]
            with desk.write() as conn:
                applicant_row(conn, applicant_id)
                n = review.decide_findings(conn, applicant_id, ids, str(form.get("action") or ""),
                                           reason, request.state.session.user.name,
                                           supersede=form.get("supersede") == "1")
        except (review.NotYours, review.Rechecking) as exc:  # another's decision; findings about to be replaced
            if not box:
                return fail_or_json(request, back, exc)
            return refused_back(request, applicant_id, box, f"{exc}（本次勾选的各项均未记录）", reason)
        except DeskError as exc:
            if not box:
                return fail_or_json(request, back, exc)
            return refused_back(request, applicant_id, box, str(exc), reason, status=400)
        return done(request, back, f"已记录 {n} 项")

    @endpoint()
    def final_decision(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        form = request.state.form
        opinion = str(form.get("opinion") or "")
        undo = form.get("undo") == "1"  # a final decision made by mistake (desk exploration 7, D8)
        keep = form.get("keep") == "1"  # 维持此决定: the decision marked 待复核 looked at and kept
        try:
            with desk.write() as conn:
                row = applicant_row(conn, applicant_id)
                if keep:
                    if not row["decision"]:
                        raise DeskError("尚无最终决定，无法维持")
                    # made again as it stands, its opinion kept: the same checks as any
                    # final decision (another's needs 改判他人决定; 通过 over open fails
                    # needs its opinion). The reviewer typed the opinion again to clear 待复核.
                    review.decide_final(conn, applicant_id, row["decision"], row["decision_reason"] or "",
                                        request.state.session.user.name)
                elif undo:
                    review.undo_final(conn, applicant_id, opinion, request.state.session.user.name,
                                      supersede=form.get("supersede") == "1")
                else:
                    review.decide_final(conn, applicant_id, str(form.get("decision") or ""),
                                        opinion, request.state.session.user.name,
                                        supersede=form.get("supersede") == "1")
        except DeskError as exc:  # the page again, the opinion typed kept
            return refused_back(request, applicant_id, "decision", str(exc), opinion,
                                status=409 if isinstance(exc, review.NotYours) else 400)
        return done(request, f"/applicants/{applicant_id}#decision",
                    "最终决定已撤销" if undo else "已维持原最终决定" if keep else "最终决定已记录")

    @endpoint()
    def stale_dismiss(request: Request) -> Response:
        """Set a stale decision aside (:func:`review.dismiss_stale`), with a reason."""
        applicant_id = _applicant_id(request)
        decision_id = request.path_params["decision_id"]
        reason = str(request.state.form.get("reason") or "")
        try:
            with desk.write() as conn:
                applicant_row(conn, applicant_id)
                review.dismiss_stale(conn, applicant_id, int(decision_id), reason, request.state.session.user.name)
        except DeskError as exc:
            return refused_back(request, applicant_id, f"stale-{decision_id}", str(exc), reason, status=400)
        return done(request, f"/applicants/{applicant_id}#stale", "已移除该过期的复核决定")

    @endpoint()
    def stale_take(request: Request) -> Response:
        """Make a stale decision again on the finding now in its place (:func:`review.take_stale`)."""
        applicant_id = _applicant_id(request)
        decision_id = request.path_params["decision_id"]
        finding = str(request.state.form.get("finding") or "")
        back = f"/applicants/{applicant_id}" + (f"#finding-{finding}" if finding.isdigit() else "")
        try:
            if not finding.isdigit():
                raise DeskError("请在对应的核验结果处沿用该决定")
            with desk.write() as conn:
                applicant_row(conn, applicant_id)
                review.take_stale(conn, applicant_id, int(decision_id), int(finding), request.state.session.user.name)
        except DeskError as exc:
            if not finding.isdigit():
                return fail_or_json(request, back, exc)
            return refused_back(request, applicant_id, f"finding-{finding}", str(exc), "",
                                status=409 if isinstance(exc, (review.NotYours, review.Rechecking)) else 400)
        return done(request, back, "已沿用此前的决定")

    @endpoint()
    def recheck(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        try:
            with desk.write() as conn:
                row = applicant_row(conn, applicant_id)
                problem = intake.refresh_metadata(desk.folder, conn, applicant_id)
                if problem:
                    raise DeskError(problem)
                if row["state"] in ("queued", "running"):
                    raise DeskError("该申报人正在排队或核验中")
                queue.submit(conn, applicant_id, request.state.session.user.name)
        except DeskError as exc:
            return fail_or_json(request, f"/applicants/{applicant_id}", exc)
        desk.queue.wake()
        return done(request, f"/applicants/{applicant_id}", "已提交重新核验")

    @endpoint(max_files=ZipLimits().max_members)
    def add_scans(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        user = request.state.session.user.name
        try:
            with intake.Staging(desk.folder) as staging:
                root, _ = _stage_upload(request, staging)
                with desk.connection() as conn:
                    row = applicant_row(conn, applicant_id)
                    if row["state"] == "running":
                        raise DeskError("该申报人正在核验中，请等核验完成后再补充扫描件")
                    intake.refuse_another_person(conn, applicant_id, root)
                under = intake.scans_folder(root, staging.upload_path, desk.folder.input_dir(applicant_id), row["key"])
                replaces = [v for v in request.state.form.getlist("replaces") if isinstance(v, str)]
                added = intake.copy_scans(desk.folder, applicant_id, root, staging.not_extracted, under,
                                          replaces=replaces)
                with desk.write() as conn:
                    applicant_row(conn, applicant_id)
                    problem = intake.record_scans(desk.folder, conn, applicant_id, added, user)
                    if not problem:
                        queue.submit(conn, applicant_id, user)
        except DeskError as exc:
            return fail_or_json(request, f"/applicants/{applicant_id}", exc)
        desk.queue.wake()
        beside = ("。新文件与原有文件并存、都将核验；如是重新扫描的原有文件，请在补充扫描件时勾选其替换的原件"
                  if added.new and not (added.replaced or added.removed) else "")
        return done(request, f"/applicants/{applicant_id}",
                    f"已收到 {len(added)} 个补充文件（{added.summary()}）"
                    + ("，正在重新核验" if not problem else f"；{problem}") + beside)

    @endpoint(admin=True)
    def withdraw_applicant(request: Request) -> Response:
        """Withdraw an upload made by mistake (:mod:`verify.desk.withdraw`); a refusal shows
        the page again with the reason typed kept."""
        applicant_id = _applicant_id(request)
        reason = str(request.state.form.get("reason") or "")
        with desk.connection() as conn:
            applicant_row(conn, applicant_id)
        try:
            gone = withdraw.withdraw(desk.folder, applicant_id, reason, request.state.session.user.name)
        except DeskError as exc:
            return refused_back(request, applicant_id, "withdraw", str(exc), reason, status=400)
        where = f"，材料已移至数据目录的 {gone.moved_to}" if gone.moved_to else ""
        return redirect("/applicants", f"已撤回申报人 {gone.key}（{gone.name or '姓名未知'}）{where}；撤回已记入审计记录")

    @endpoint()
    def info_page(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        with desk.connection() as conn:
            row = applicant_row(conn, applicant_id)
        values = intake.metadata_to_form(intake.load_metadata_dict(desk.folder.input_dir(applicant_id)))
        return render(request, "desk/info.html", a=row, values=values, campaigns=_campaign_names(values),
                      campaign_title=_campaign_title)

    @endpoint()
    def info_save(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        form = request.state.form
        data = intake.form_to_metadata({k: v for k, v in form.items() if isinstance(v, str)})
        user = request.state.session.user.name
        try:
            with desk.write() as conn:
                row = applicant_row(conn, applicant_id)
                if row["state"] == "running":
                    raise DeskError("该申报人正在核验中，请等核验完成后再修改信息")
                intake.write_metadata(desk.folder, conn, applicant_id, data, user)
                queue.submit(conn, applicant_id, user)
        except DeskError as exc:
            with desk.connection() as conn:
                row = applicant_row(conn, applicant_id)
            values = intake.metadata_to_form(data)
            return render(request, "desk/info.html", status=400, a=row, values=values,
                          campaigns=_campaign_names(values), campaign_title=_campaign_title, error=str(exc))
        desk.queue.wake()
        return redirect(f"/applicants/{applicant_id}", "申报人信息已保存，正在核验")

    @endpoint()
    def signoff(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        with desk.connection() as conn:
            row = applicant_row(conn, applicant_id)
            findings = review.findings_of(conn, applicant_id)
        if not row["run_no"]:
            raise Refused(404, "尚未核验，没有签字表")
        report, _ = desk.report_of(row)
        view = desk.report_view(row)
        return render(request, "desk/signoff.html", a=row, findings=findings, report=report or {}, view=view)

    # ------------------------------------------------------------ live progress

    async def events(request: Request) -> Response:
        """Server-sent events: the progress of queued and running applicants (and of the
        ids the page names, until they are done); with ``decisions=ID``, the last entry of
        that applicant's record (``decisions``: its id, who made it and whether that is
        this reader), so that an applicant's page shows what other reviewers decide
        without a reload (two reviewers on one applicant each saw only their own)."""
        session = await run_in_threadpool(session_of, request)
        if session is None:
            raise LoginRequired()
        try:
            watched = {n for x in (request.query_params.get("ids") or "").split(",")
                       if (n := _row_number(x.strip())) is not None}
            followed = _row_number(request.query_params.get("decisions") or "0") or 0
        except ValueError:
            watched, followed = set(), 0

        # checks that end from now on (less a moment: the page was rendered before it asked) are sent
        # even where no look at the queue saw them queued or running (a recheck on a warm worker)
        since = time.time() - 2.0

        def read_progress() -> tuple[list, list[dict], dict | None]:  # in the thread pool: SQLite may wait for a lock
            with desk.connection() as conn:
                rows = queue.active_rows(conn, watched, since)
                states = [queue.progress_of(desk.folder, row) for row in rows]
                for state, row in zip(states, rows):
                    if row["state"] == "done":  # the list's cells, as a reload would show them
                        state["cells"] = desk.list_cells(conn, row)
                last = conn.execute("SELECT id, user_name FROM audit WHERE applicant_id = ? ORDER BY id DESC LIMIT 1",
                                    (followed,)).fetchone() if followed else None
            mark = None if not followed else {"id": followed, "mark": last["id"] if last else 0,
                                               "by": last["user_name"] if last else "",
                                               "mine": bool(last) and last["user_name"] == session.user.name}
            return rows, states, mark

        async def stream():
            last: dict[int, dict] = {}
            marked = None
            quiet = 0.0
            yield "retry: 2000\n\n"
            while not desk.stopping:
                if await request.is_disconnected():
                    return
                rows, states, mark = await run_in_threadpool(read_progress)
                sent = False
                if mark is not None and mark != marked:
                    marked = mark
                    yield f"event: decisions\ndata: {json.dumps(mark, ensure_ascii=False)}\n\n"
                    sent = True
                for row, state in zip(rows, states):
                    if last.get(row["id"]) != state:
                        last[row["id"]] = state
                        yield f"event: progress\ndata: {json.dumps(state, ensure_ascii=False)}\n\n"
                        sent = True
                    if row["state"] == "done":
                        watched.discard(row["id"])
                    else:  # followed until it is done, even when the page did not name it
                        watched.add(row["id"])
                quiet = 0.0 if sent else quiet + 0.5
                if quiet >= 15:
                    yield ": keep-alive\n\n"
                    quiet = 0.0
                await asyncio.sleep(0.5)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @endpoint()
    def progress_json(request: Request) -> Response:
        applicant_id = _applicant_id(request)
        with desk.connection() as conn:
            row = applicant_row(conn, applicant_id)
        return JSONResponse(queue.progress_of(desk.folder, row))

    # ------------------------------------------------------------ audit

    @endpoint()
    def audit_page(request: Request) -> Response:
        q = request.query_params
        where, args = [], []
        wanted = (q.get("applicant") or "").strip()
        if wanted:  # the 编号 a reviewer knows (A2024-003), a name, or the desk's own number
            with desk.connection() as conn:
                ids = [r[0] for r in conn.execute("SELECT id FROM applicants WHERE key = ? OR name = ? OR id = ?",
                                                  (wanted, wanted, _row_number(wanted) or -1))]
            where.append(f"applicant_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            args += ids
        if q.get("user"):
            where.append("user_name = ?")
            args.append(q["user"])
        # the kind of rows (记录类别): the decisions alone unless another is asked for (an
        # action named, an applicant's record, which holds no logins: all of them); the
        # others are counted beside it, none dropped
        kind = q.get("kind") or ("all" if q.get("action") or wanted else "decisions")
        kind = kind if kind in audit.KINDS_ZH else "decisions"
        by_kind = list(where), list(args)
        if q.get("action"):
            where.append("action = ?")
            args.append(q["action"])
        condition = audit.kind_where(kind)
        if condition:
            where.append(condition)
        if (q.get("before") or "").isdigit():
            where.append("id < ?")
            args.append(int(q["before"]))
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT 201"
        with desk.connection() as conn:
            rows = conn.execute(sql, args).fetchall()
            counts = dict.fromkeys(audit.KINDS_ZH, 0)
            for action, n in conn.execute("SELECT action, COUNT(*) FROM audit"
                                          + (" WHERE " + " AND ".join(by_kind[0]) if by_kind[0] else "")
                                          + " GROUP BY action", by_kind[1]):
                counts[audit.kind_of(action)] += n
                counts["all"] += n
            users = [r[0] for r in conn.execute("SELECT DISTINCT user_name FROM audit ORDER BY user_name")]
            keys = dict(conn.execute("SELECT id, key FROM applicants").fetchall())
            withdrawn = {r[0] for r in conn.execute("SELECT id FROM applicants WHERE withdrawn_at IS NOT NULL")}
            check = desk.check_chain(conn, full=q.get("full") == "1")
        more = rows[200]["id"] + 1 if len(rows) > 200 else None
        return render(request, "desk/audit.html", rows=rows[:200], users=users, check=check, more=more, keys=keys,
                      withdrawn=withdrawn,
                      filters={**{k: q.get(k) or "" for k in ("applicant", "user", "action")}, "kind": kind},
                      kinds=audit.KINDS_ZH, kind_counts=counts,
                      fields=audit.described_fields)

    # ------------------------------------------------------------ exports

    def _export_rows(request: Request) -> list[dict]:
        with desk.connection() as conn:
            rows = review.list_applicants(conn, **filters_of(request))
            return export.export_rows(conn, export.by_key(rows), str(request.base_url))

    def _decision_rows(request: Request) -> list[list[str]]:
        with desk.connection() as conn:
            rows = review.list_applicants(conn, **filters_of(request))
            return export.decision_rows(conn, export.by_key(rows), str(request.base_url))

    @endpoint()
    def export_xlsx(request: Request) -> Response:
        data = export.xlsx_bytes(_export_rows(request), _decision_rows(request))
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": _attachment("审核结果.xlsx", "desk-export.xlsx")})

    @endpoint()
    def export_csv(request: Request) -> Response:
        data = export.csv_bytes(_export_rows(request))
        return Response(data, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": _attachment("审核结果.csv", "desk-export.csv")})

    @endpoint()
    def export_decisions_csv(request: Request) -> Response:
        data = export.decisions_csv_bytes(_decision_rows(request))
        return Response(data, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": _attachment("逐项复核决定.csv", "desk-decisions.csv")})

    # ------------------------------------------------------------ users

    @endpoint(admin=True)
    def users_page(request: Request) -> Response:
        with desk.connection() as conn:
            return render(request, "desk/users.html", users=auth.list_users(conn))

    @endpoint(admin=True)
    def users_action(request: Request) -> Response:
        form = request.state.form
        by = request.state.session.user.name
        what = str(form.get("do") or "")
        name = str(form.get("name") or "").strip()
        try:
            with desk.write() as conn:
                if what == "create":
                    auth.create_user(conn, name, str(form.get("password") or ""), str(form.get("role") or ""), by)
                    message = f"已新增用户 {name}"
                elif what == "role":
                    auth.set_role(conn, name, str(form.get("role") or ""), by)
                    message = f"已修改 {name} 的角色"
                elif what in ("disable", "enable"):
                    if name == by and what == "disable":
                        raise DeskError("不能停用自己的账户")
                    auth.set_active(conn, name, what == "enable", by)
                    message = f"已{'启用' if what == 'enable' else '停用'} {name}"
                elif what == "password":
                    auth.set_password(conn, name, str(form.get("password") or ""), by)
                    message = f"已重设 {name} 的密码"
                else:
                    raise DeskError("未知操作")
        except DeskError as exc:
            return redirect("/users", str(exc), error=True)
        return redirect("/users", message)

    @endpoint()
    def account_page(request: Request) -> Response:
        return render(request, "desk/account.html")

    @endpoint()
    def account_save(request: Request) -> Response:
        form = request.state.form
        user = request.state.session.user
        old, new, again = (str(form.get(k) or "") for k in ("old", "new", "again"))
        try:
            if new != again:
                raise DeskError("两次输入的新密码不一致")
            auth.check_new_password(new, user.name)  # before the old one is verified (Argon2: slow)

            with desk.connection() as conn:  # outside the write lock
                old_ok = auth.authenticate(conn, user.name, old) is not None
            if not old_ok:
                raise DeskError("原密码不正确")
            with desk.write() as conn:
                auth.set_password(conn, user.name, new, user.name)
        except DeskError as exc:
            return redirect("/account", str(exc), error=True)
        response = redirect("/login", "密码已修改，请重新登录")
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        return response

    # ------------------------------------------------------------ errors

    async def on_login_required(request: Request, exc: Exception) -> Response:
        if request.method != "GET" or _wants_json(request) or request.url.path.startswith("/export"):
            return JSONResponse({"ok": False, "error": "请先登录"}, status_code=401)
        target = urllib.parse.quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)

    async def on_refused(request: Request, exc: Refused) -> Response:
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": exc.message}, status_code=exc.status)
        return render(request, "desk/error.html", status=exc.status, message=exc.message)

    async def on_http(request: Request, exc: HTTPException) -> Response:
        messages = {404: "页面不存在", 405: "不允许的操作", 413: "上传内容过大，超过审核台的上限"}
        message = messages.get(exc.status_code, f"请求无法处理（{exc.status_code}）")
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": message}, status_code=exc.status_code)
        return render(request, "desk/error.html", status=exc.status_code, message=message)

    async def on_database_error(request: Request, exc: sqlite3.DatabaseError) -> Response:
        """Another's write held the database past :attr:`DeskConfig.busy_timeout`: 503, in
        the reviewer's words; any other database error (a file damaged while the desk runs,
        its disk full) is the server's: 500, said in Chinese too (it was a bare English
        "Internal Server Error"), the change not saved."""
        if "locked" not in str(exc) and "busy" not in str(exc):
            logger.error("%s %s: database error", request.method, request.url.path, exc_info=exc)
            full = "full" in str(exc)
            return await on_refused(request, Refused(500, (
                "审核台的数据库所在磁盘已满" if full else f"审核台的数据库出错（{type(exc).__name__}: {exc}）")
                + "，本次操作未保存；请联系管理员" + ("清理磁盘" if full else "检查数据目录（可用 verify desk audit --verify 核对，"
                                                    "必要时从备份恢复 desk.sqlite）")))
        logger.warning("%s %s: the database stayed locked (%s)", request.method, request.url.path, exc)
        response = await on_refused(request, Refused(503, "数据库正忙，请稍后重试（本次操作未保存）"))
        response.headers["Retry-After"] = "5"
        return response

    async def on_os_error(request: Request, exc: OSError) -> Response:
        """The disk full (or read-only, or failing) while the desk writes: an upload staged,
        a scan copied in, a record written. It was Starlette's bare English 「Internal Server
        Error」 and nothing said whether the upload was kept (hostile exploration 11): said
        in Chinese, 507 where the disk is full; what the request was doing is not saved
        (the upload's staging folder is removed, a 补交's copies taken back)."""
        logger.error("%s %s: %s", request.method, request.url.path, exc, exc_info=exc)
        from ocr.errors import os_reason

        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        return await on_refused(request, Refused(507 if full else 500, (
            f"审核台保存文件时出错（{os_reason(exc, writing=True)}），本次操作未保存（上传的文件未收下）；请联系管理员"
            + ("清理数据目录所在磁盘后重试" if full else "检查数据目录后重试"))))

    async def report_js(request: Request) -> Response:
        source = desk.templates.loader.get_source(desk.templates, "report/report.js")[0]
        return Response(source, media_type="text/javascript; charset=utf-8")

    @contextlib.asynccontextmanager
    async def lifespan(app):
        desk.start()
        try:
            yield
        finally:
            desk.stop()

    upload_limit = config.max_upload_bytes

    def post(path: str, handler, limit: int = FORM_LIMIT) -> Route:
        return _limited(Route(path, handler, methods=["POST"]), limit)

    routes = [
        Route("/", home),
        Route("/login", login_page, methods=["GET"]),
        post("/login", login, 64 << 10),
        post("/logout", logout),
        Route("/applicants", applicants, methods=["GET"]),
        post("/applicants/upload", upload, upload_limit),
        Route("/applicants/{applicant_id:rowid}", applicant_page, methods=["GET"]),
        Route("/applicants/{applicant_id:rowid}/report.html", applicant_report_file, methods=["GET"]),
        Route("/applicants/{applicant_id:rowid}/files/{path:filename}", original_file, methods=["GET"]),
        Route("/applicants/{applicant_id:rowid}/replaced/{batch:rowid}/{path:filename}", original_file, methods=["GET"]),
        Route("/applicants/{applicant_id:rowid}/progress", progress_json, methods=["GET"]),
        post("/applicants/{applicant_id:rowid}/findings", findings_decision),
        post("/applicants/{applicant_id:rowid}/findings/{finding_id:rowid}", finding_decision),
        post("/applicants/{applicant_id:rowid}/decision", final_decision),
        post("/applicants/{applicant_id:rowid}/stale/{decision_id:rowid}", stale_dismiss),
        post("/applicants/{applicant_id:rowid}/stale/{decision_id:rowid}/take", stale_take),
        post("/applicants/{applicant_id:rowid}/recheck", recheck),
        post("/applicants/{applicant_id:rowid}/scans", add_scans, upload_limit),
        post("/applicants/{applicant_id:rowid}/withdraw", withdraw_applicant),
        Route("/applicants/{applicant_id:rowid}/info", info_page, methods=["GET"]),
        post("/applicants/{applicant_id:rowid}/info", info_save),
        Route("/applicants/{applicant_id:rowid}/signoff", signoff, methods=["GET"]),
        Route("/events", events, methods=["GET"]),
        Route("/audit", audit_page, methods=["GET"]),
        Route("/export.xlsx", export_xlsx, methods=["GET"]),
        Route("/export.csv", export_csv, methods=["GET"]),
        Route("/export-decisions.csv", export_decisions_csv, methods=["GET"]),
        Route("/users", users_page, methods=["GET"]),
        post("/users", users_action),
        Route("/account", account_page, methods=["GET"]),
        post("/account", account_save),
        Route("/static/report.js", report_js, methods=["GET"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={
        LoginRequired: on_login_required, Refused: on_refused, HTTPException: on_http,
        sqlite3.DatabaseError: on_database_error, OSError: on_os_error})
    app.state.desk = desk

    async def refuse(scope, status: int, message: str) -> Response:
        return await on_refused(Request(scope), Refused(status, message))

    app.add_middleware(HostGuard, config=config, refuse=refuse)
    app.add_middleware(SecurityHeaders)  # outermost: on the guard's refusals too
    return app


def _local_path(target: str) -> bool:
    """Whether a ``next`` target after login is a path of this app (no open redirect).

    >>> [_local_path(t) for t in ("/applicants/3", "//evil.example", "/\\\\evil.example", "http://x", "")]
    [True, False, False, False, False]
    """
    return bool(re.fullmatch(r"/(?:[A-Za-z][\w\-./?=&%]*)?", target or ""))


def _attachment(name: str, ascii_name: str) -> str:
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{urllib.parse.quote(name)}"


def _campaign_title(name: str) -> str:
    """A bundled campaign as the form's choice shows it: its Chinese name, the id after it
    (the choices read fushun-2024 alone); any other name as it is."""
    from verify.campaign import is_bundled, load_campaign

    try:
        return f"{load_campaign(name, origin='applicant').name}（{name}）" if is_bundled(name) else name
    except Exception:  # a bundled file that does not load is the checks' to report
        return name


def _campaign_names(values: dict) -> list[str]:
    """The form's choices: the campaigns bundled with the toolkit, and the one the file names."""
    from verify.campaign import BUNDLED

    names = sorted(p.stem for p in BUNDLED.glob("*.yaml"))
    if values.get("campaign") and values["campaign"] not in names:
        names.append(values["campaign"])
    return names
