"""The batch runner: every applicant of an archive through the pipeline, in worker
processes, with fault isolation, timeouts, resumable runs and atomic reports.

Named steps, top to bottom (:func:`run_batch`):

1. *find* the dossiers of an archive (:func:`find_dossiers`: every sub-folder or
   ``.zip``; other entries such as ``answer_key.json`` are ignored);
2. *skip* those whose ``report.json`` is newer than every input file and carries the
   same settings fingerprint (:func:`report_is_current`) unless ``force``;
3. *check* the rest in worker processes (one engine per process, reused across
   applicants); each worker extracts a ``.zip`` safely (:func:`extract_zip`), loads
   ``applicant.yaml`` (or takes the roster row), runs ``check_dossier`` and writes
   ``OUT/<key>/report.html`` then ``OUT/<key>/report.json`` atomically;
4. *isolate* faults: bad metadata is an ``error`` row; a worker that dies
   (segfault, ``MemoryError``, ``os._exit``) or runs past its time (scaled by the
   applicant's page count) is killed and replaced, its applicant gets an ``error``
   row and a report with a ``review`` finding under rule :data:`READABLE_RULE`, and
   the batch goes on;
5. *summarise*: ``OUT/summary.csv`` and ``OUT/summary.xlsx``.

``dossier.readable`` is an extension of the rule table of DOSSIER.md: "the dossier
could be read and checked at all"; it is only ever ``review``.

Hostile input and faults (docs/CONTRACT.md, "What the toolkit refuses"): a zip is
checked for its members, its total size and its total compression ratio before a byte
is written, and the scheduler keeps the space extracted by all workers together under
:attr:`ZipLimits.max_inflight_bytes`; workers die with the main process (the kernel
kills them, a thread checks too); the temporary folder of a run carries a lock and is
swept by the next run when its owner is gone; the output folder is checked, locked and
never inside an input.

>>> applicant_timeout(10, page_timeout=60, startup_timeout=120)
720.0
>>> safe_member_path("scans/../../etc/passwd") is None, safe_member_path("/abs") is None
(True, True)
>>> safe_member_path("张伟\\\\扫描件/a.jpg")
'张伟/扫描件/a.jpg'
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import html
import json
import logging
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
import zipfile
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_ready
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable, Iterator, TextIO

from verify.model import Applicant, Finding
from verify.report.summary import ERROR_VERDICT, SummaryRow, problems_of, write_atomic, write_summary
from verify.run.progress import BatchProgress

if TYPE_CHECKING:  # verify.run.pipeline is imported lazily, in the workers
    from verify.run.pipeline import Settings

logger = logging.getLogger(__name__)

READABLE_RULE = "dossier.readable"
REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
PAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".pdf"})
OTHER_ARCHIVES = frozenset({".rar", ".7z", ".tar", ".tgz", ".gz", ".bz2", ".xz"})  # an applicant we cannot open
IGNORED_NAMES = frozenset({"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"})
#: Settings that change how fast a run is, not what it finds: left out of the fingerprint.
NON_RESULT_SETTINGS = frozenset({"cache_path", "ocr_threads"})

CheckFunction = Callable[..., object]  # (folder, key, settings, applicant) -> DossierResult


class InputError(Exception):
    """An input (the archive root, a dossier ``.zip``) cannot be read; message in Chinese."""


class UnsafeArchive(InputError):
    """A ``.zip`` that escapes its folder, is too big, encrypted or damaged."""


# ---------------------------------------------------------------- options


@dataclass(frozen=True)
class ZipLimits:
    """Guards against zip bombs: declared sizes are what ``zipfile`` will ever write
    (it stops at a member's declared size), so they are checked before extracting.

    A scanned dossier compresses poorly (JPEG, PDF: ratio about 1; a BMP page about
    10-30), so the ratios leave room for honest archives and none for bombs.
    """

    max_members: int = 5_000
    max_total_bytes: int = 1 << 30  # per archive, uncompressed
    max_member_bytes: int = 1 << 30
    max_ratio: float = 200.0  # uncompressed / compressed, for members over 8 MiB
    max_total_ratio: float = 100.0  # the whole archive, once it unpacks to over 64 MiB
    min_free_bytes: int = 256 << 20  # left free in the temporary folder after extracting
    max_inflight_bytes: int = 2 << 30  # extracted by all workers at once (the scheduler waits)


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0  # 0 = one per core; capped by cores and memory (:func:`worker_count`)
    page_timeout: float = 60.0  # seconds per page before an applicant counts as hung
    startup_timeout: float = 120.0  # extraction, metadata, engine loading
    force: bool = False  # redo applicants whose report is current
    progress: str = "auto"  # auto (bar on a TTY, else a line per applicant) | bar | log | final | none
    merge_summary: bool = False  # keep the other rows of OUT's summary (verify check adds or replaces its row)
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    start_method: str = "spawn"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: Memory one worker may need (OCR engine, a decoded page at the pixel limit, rules).
WORKER_MEMORY_BYTES = 1 << 30


def available_memory() -> int | None:
    """Bytes the system can still give (``MemAvailable``), or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def worker_count(requested: int, tasks: int, *, cores: int | None = None, memory: int | None = None,
                 io_bound: bool = False) -> int:
    """Worker processes for ``tasks`` applicants: the request (0 = one per core), never
    more than the cores (four times the cores for a remote engine, which waits on the
    network), the memory (:data:`WORKER_MEMORY_BYTES` each) or the tasks; at least one.

    >>> worker_count(64, 100, cores=2, memory=16 << 30)
    2
    >>> worker_count(0, 100, cores=8, memory=3 << 30)
    3
    >>> worker_count(64, 3, cores=16, memory=None), worker_count(6, 100, cores=2, memory=None, io_bound=True)
    (3, 6)
    """
    cores = cores or available_cores()
    limit = cores * (4 if io_bound else 1)
    if memory is not None:
        limit = min(limit, max(1, memory // WORKER_MEMORY_BYTES))
    wanted = requested or cores
    return max(1, min(wanted, limit, tasks or 1))


def applicant_timeout(pages: int, page_timeout: float, startup_timeout: float) -> float:
    """Seconds an applicant may take before its worker counts as hung."""
    return float(startup_timeout + page_timeout * max(1, pages))


# ---------------------------------------------------------------- finding the dossiers


@dataclass(frozen=True)
class DossierInput:
    """One applicant to check: a folder or a ``.zip`` of one.

    ``applicant`` comes from a roster row (else ``applicant.yaml`` is read);
    ``error`` is a roster problem that makes this an error row without checking;
    ``newest_input`` is the latest modification time of any input file (resume).
    """

    key: str
    path: Path
    applicant: Applicant | None = None
    error: str | None = None
    newest_input: float = 0.0

    @property
    def is_zip(self) -> bool:
        return self.path.suffix.lower() == ".zip" and self.path.is_file()


def newest_mtime(path: Path) -> float:
    """Latest mtime of a file, or of a folder and everything under it (folders too,
    so a deleted file counts as a change). Links are not followed."""
    path = Path(path)
    newest = path.stat().st_mtime
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                with contextlib.suppress(OSError):
                    newest = max(newest, os.lstat(os.path.join(root, name)).st_mtime)
    return newest


def _is_ignored(name: str) -> bool:
    return name.startswith(".") or name in IGNORED_NAMES


def _resolve(path: Path) -> Path | None:
    """``path.resolve()``, or ``None`` for a broken link or a link loop."""
    try:
        resolved = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return None
    return resolved


def _inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies under it (both resolved)."""
    return path == folder or folder in path.parents


def dossier_key(path: Path) -> str:
    """The key of a dossier given on the command line: its real name (``..`` or ``.``
    name the folder they point to, so a report never lands outside OUT).

    >>> dossier_key(Path("/tmp/张伟.zip")), dossier_key(Path("/tmp/a/..")) == Path("/tmp").resolve().name
    ('张伟', True)
    """
    real = Path(os.path.abspath(path))
    resolved = _resolve(real) or real
    name = resolved.stem if resolved.suffix.lower() == ".zip" and not resolved.is_dir() else resolved.name
    return name or "dossier"


def unsafe_key(key: str) -> bool:
    """A key that would put a report outside its own folder under OUT.

    >>> unsafe_key("unit/张伟"), unsafe_key("../x"), unsafe_key("/etc"), unsafe_key("a/./b"), unsafe_key("")
    (False, True, True, True, True)
    """
    parts = key.replace("\\", "/").split("/")
    return not key or key.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\x00" in key


def as_dossier(path: Path, key: str | None = None, newest_input: float | None = None) -> DossierInput:
    """One applicant folder or ``.zip`` (``verify check``), keyed by its real name."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"找不到申报材料 {path}")
    if not (path.is_dir() or (path.is_file() and zipfile.is_zipfile(path))):
        raise InputError(f"{path} 不是文件夹或 ZIP 压缩包")
    key = key or dossier_key(path)
    return DossierInput(key=key, path=path, newest_input=newest_mtime(path) if newest_input is None else newest_input)


def find_dossiers(archive: Path, newest_input: float | None = None, exclude: tuple[Path, ...] = ()) -> list[DossierInput]:
    """Every sub-folder or ``.zip`` of ``archive`` is one applicant, in name order.

    Files of other types (``answer_key.json``, a roster, notes) are ignored, and so are
    the ``exclude`` paths (an output folder inside the archive). A key that two entries
    share (``a/`` and ``a.zip``) keeps the folder; the zip is keyed ``a.zip``.

    Archives grouped by unit (``archive/<unit>/<applicant>/applicant.yaml``) are
    recognised: a folder with no metadata and no scans of its own whose sub-folders
    hold ``applicant.yaml`` is a group, its applicants are keyed ``<unit>/<applicant>``.

    A symbolic link in the archive (the reviewer's own arrangement) is followed when it
    leads to a folder or ``.zip`` outside the archive; a broken link, a link loop or a
    link back into the archive is an error row, never a crash of the batch.
    """
    archive = Path(archive)
    if not archive.is_dir():
        raise InputError(f"{archive} 不是文件夹")
    root = _resolve(archive)
    if root is None:
        raise InputError(f"{archive} 无法打开（符号链接失效或形成循环）")
    excluded = {r for r in (_resolve(Path(p)) for p in exclude) if r is not None}
    found: list[DossierInput] = []
    keys: set[str] = set()

    def refuse(entry: Path, prefix: str, message: str) -> None:
        key = prefix + entry.name
        if key in keys:
            return
        keys.add(key)
        found.append(DossierInput(key=key, path=entry, error=f"{entry.name}：{message}"))

    def scan(folder: Path, prefix: str) -> None:
        try:
            listing = list(folder.iterdir())
        except OSError as exc:
            raise InputError(f"{folder} 无法读取（{exc.strerror or exc}）") from None
        kinds = {}
        for entry in listing:
            try:
                kinds[entry] = (entry.is_symlink(), entry.is_dir(), entry.is_file())
            except OSError:
                kinds[entry] = (True, False, False)
        for entry in sorted(listing, key=lambda p: (not kinds[p][1], p.name)):
            link, is_dir, is_file = kinds[entry]
            if _is_ignored(entry.name):
                continue
            target = _resolve(entry)
            if target is None:
                refuse(entry, prefix, "无法打开（符号链接失效或形成循环），请放入申报材料本身")
                continue
            if target in excluded:
                continue
            if link and (_inside(target, root) or _inside(root, target)):
                refuse(entry, prefix, "是指向材料目录自身或其中其他条目的符号链接，已跳过，请放入申报材料本身")
                continue
            if is_dir:
                if not prefix and _is_group(entry):
                    scan(entry, f"{entry.name}/")
                    continue
                key = prefix + entry.name
            elif is_file and entry.suffix.lower() == ".zip":
                key = prefix + entry.stem if prefix + entry.stem not in keys else prefix + entry.name
            elif is_file and entry.suffix.lower() in OTHER_ARCHIVES:
                stem = entry.stem[:-4] if entry.stem.lower().endswith(".tar") else entry.stem
                key = prefix + stem if prefix + stem not in keys else prefix + entry.name
                keys.add(key)
                found.append(DossierInput(key=key, path=entry, error=(
                    f"{entry.name}：不支持的压缩格式，请解压后放入文件夹或改用 ZIP 压缩包")))
                continue
            else:
                logger.debug("ignoring %s (not a folder or .zip)", entry)
                continue
            keys.add(key)
            try:
                stamp = newest_input if newest_input is not None else newest_mtime(entry)
            except OSError as exc:
                found.append(DossierInput(key=key, path=entry, error=f"{entry.name}：无法读取（{exc.strerror or exc}）"))
                continue
            found.append(DossierInput(key=key, path=entry, newest_input=stamp))

    scan(archive, "")
    return sorted(found, key=lambda d: d.key)


def _has_metadata(folder: Path) -> bool:
    from verify.applicant import METADATA_FILES

    return any((folder / name).is_file() for name in METADATA_FILES)


def _is_group(folder: Path) -> bool:
    """A folder of applicant folders (an archive grouped by unit), not an applicant."""
    try:
        if _has_metadata(folder):
            return False
        children = [c for c in folder.iterdir() if not _is_ignored(c.name)]
        if any(c.is_file() and c.suffix.lower() in PAGE_SUFFIXES for c in children):
            return False
        return any(not c.is_symlink() and c.is_dir() and _has_metadata(c) for c in children)
    except OSError:
        return False


def attach_roster(dossiers: list[DossierInput], roster: dict) -> list[DossierInput]:
    """Give each dossier its roster row (``verify.roster.load_roster``). Roster keys
    without a dossier become error rows; dossiers without a row keep ``applicant.yaml``."""
    out = []
    seen = set()
    for d in dossiers:
        entry = roster.get(d.key)
        if entry is not None:
            seen.add(d.key)
            d = dataclasses.replace(d, applicant=entry.applicant, error=entry.error)
        out.append(d)
    for key, entry in roster.items():
        if key not in seen:
            out.append(DossierInput(key=key, path=Path(key), error=f"名册中有 {key}（第 {entry.row} 行），但没有找到对应的材料文件夹或压缩包"))
    return sorted(out, key=lambda d: d.key)


# ---------------------------------------------------------------- zip input


def safe_member_path(name: str) -> str | None:
    """The relative '/'-path a zip member may be written to, or ``None`` when it would
    escape the destination (absolute, drive letter, ``..``)."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _plausible(text: str) -> float:
    """How much a decoded file name looks like what Chinese and Western users write:
    the share of its characters that are ASCII or CJK (with their punctuation and
    full-width forms), minus replacement and control characters."""
    if not text:
        return 1.0
    good = sum(1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
               or "\uf900" <= ch <= "\ufaff")
    bad = sum(1 for ch in text if ch == "\ufffd" or (not ch.isprintable()))
    return (good - 2 * bad) / len(text)


def member_names(infos: list[zipfile.ZipInfo]) -> dict[int, str]:
    """The real name of each member (by position). Names without the UTF-8 flag are
    cp437 to ``zipfile``; Chinese Windows writes GBK there, and a short GBK name is
    often valid UTF-8 too (``目录`` reads ``Ŀ¼``), so the encoding is chosen once per
    archive: UTF-8 or GB18030, whichever reads every unflagged name more plausibly.

    >>> info = zipfile.ZipInfo("目录.jpg".encode("gbk").decode("cp437"))
    >>> member_names([info])
    {0: '目录.jpg'}
    >>> info = zipfile.ZipInfo("扫描件/证书.jpg".encode("utf-8").decode("cp437"))
    >>> member_names([info])
    {0: '扫描件/证书.jpg'}
    """
    names: dict[int, str] = {}
    raw: dict[int, bytes] = {}
    for i, info in enumerate(infos):
        if info.flag_bits & 0x800:
            names[i] = info.filename
            continue
        try:
            raw[i] = info.filename.encode("cp437")
        except UnicodeEncodeError:  # zipfile decoded it another way already
            names[i] = info.filename
    if raw:
        best, best_score = None, -10.0
        for encoding in ("utf-8", "gb18030"):
            try:
                decoded = {i: b.decode(encoding) for i, b in raw.items()}
            except UnicodeDecodeError:
                continue
            score = sum(_plausible(t) for t in decoded.values()) / len(decoded)
            if score > best_score + 1e-9:
                best, best_score = decoded, score
        names.update(best if best is not None else {i: infos[i].filename for i in raw})
    return names


def _member_name(info: zipfile.ZipInfo) -> str:
    """One member's name read on its own (see :func:`member_names`)."""
    return member_names([info])[0]


def zip_declared_bytes(zip_path: Path) -> int:
    """What a ``.zip`` would unpack to, from its central directory (0 if unreadable)."""
    try:
        with zipfile.ZipFile(zip_path) as zf:
            return sum(max(0, i.file_size) for i in zf.infolist())
    except Exception:
        return 0


def check_zip_limits(label: str, infos: list[zipfile.ZipInfo], limits: ZipLimits) -> int:
    """Raise :class:`UnsafeArchive` when the archive as declared breaks a limit; the
    declared total size otherwise."""
    if len(infos) > limits.max_members:
        raise UnsafeArchive(f"{label}：压缩包内文件过多（{len(infos)} 个，上限 {limits.max_members}）")
    total = sum(max(0, i.file_size) for i in infos)
    packed = sum(max(0, i.compress_size) for i in infos)
    if total > limits.max_total_bytes:
        raise UnsafeArchive(f"{label}：解压后过大（{total / 2**20:.0f} MB，上限 {limits.max_total_bytes / 2**20:.0f} MB），"
                            "请分批提交或降低扫描分辨率")
    if total > (64 << 20) and total > limits.max_total_ratio * max(packed, 1):
        raise UnsafeArchive(f"{label}：压缩比异常（{total / 2**20:.0f} MB 的内容仅压缩为 {packed / 2**20:.1f} MB，"
                            "疑似压缩炸弹），已拒绝")
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise UnsafeArchive(f"{label}：{info.filename} 解压后过大（{info.file_size / 2**20:.0f} MB）")
        if info.file_size > (8 << 20) and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchive(f"{label}：{info.filename} 压缩比异常（疑似压缩炸弹），已拒绝")
    return total


#: Written into an extracted dossier: the members that were not extracted (links,
#: special files), which :func:`verify.run.pipeline.dossier_files` reports.
SKIPPED_MEMBERS = ".verify-skipped-members.json"


def extract_zip(zip_path: Path, dest: Path, limits: ZipLimits = ZipLimits(),
                skipped: list[str] | None = None) -> Path:
    """Extract ``zip_path`` into ``dest`` safely; raise :class:`UnsafeArchive` (nothing
    is trusted: member paths, sizes, ratios, links, the names' encoding). Links and
    special files inside the zip are not created (a zip's link could point anywhere);
    their paths are added to ``skipped``. Member mtimes are kept."""
    zip_path, dest = Path(zip_path), Path(dest)
    label = zip_path.name
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeArchive(f"{label}：不是有效的 ZIP 压缩包或已损坏（{type(exc).__name__}）") from None
    with zf:
        infos = zf.infolist()
        total = check_zip_limits(label, infos, limits)
        dest.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            free = shutil.disk_usage(dest).free
            if free - total < limits.min_free_bytes:
                raise UnsafeArchive(f"{label}：临时目录磁盘空间不足（解压需要 {total / 2**20:.0f} MB，剩余 "
                                    f"{free / 2**20:.0f} MB），请清理磁盘后重试")
        names = member_names(infos)
        for position, info in enumerate(infos):
            name = names[position]
            rel = safe_member_path(name)
            if rel is None:
                raise UnsafeArchive(f"{label}：压缩包内路径 {name!r} 指向解压目录之外，已拒绝")
            if any(_is_ignored(part) for part in rel.split("/")):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                logger.warning("%s: skipping symbolic link %s", label, name)
                if skipped is not None:
                    skipped.append(rel)
                continue
            target = dest / rel
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            if mode and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                logger.warning("%s: skipping special file %s", label, name)
                if skipped is not None:
                    skipped.append(rel)
                continue
            if info.flag_bits & 0x1:
                raise UnsafeArchive(f"{label}：压缩包已加密，请提交未加密的压缩包")
            parent = target.parent
            parent.mkdir(parents=True, exist_ok=True)
            if parent.resolve() != (dest / rel).parent.resolve() or not _inside(parent.resolve(), dest.resolve()):
                raise UnsafeArchive(f"{label}：压缩包内路径 {name!r} 指向解压目录之外，已拒绝")
            try:
                with zf.open(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
                raise UnsafeArchive(f"{label}：{name} 解压失败，压缩包已损坏或格式不受支持（{type(exc).__name__}）") from None
            with contextlib.suppress(ValueError, OSError, OverflowError):
                stamp = time.mktime(info.date_time + (0, 0, -1))
                os.utime(target, (stamp, stamp))
    return dest


def locate_dossier_root(folder: Path, depth: int = 3) -> Path:
    """The applicant folder inside an extracted zip: the folder itself when it holds
    ``applicant.yaml``, else its single sub-folder (a zip of the folder), recursively."""
    folder = Path(folder)
    for _ in range(depth):
        if any((folder / n).is_file() for n in ("applicant.yaml", "applicant.yml", "applicant.json")):
            return folder
        entries = [e for e in folder.iterdir() if not _is_ignored(e.name)]
        if len(entries) == 1 and entries[0].is_dir():
            folder = entries[0]
        else:
            return folder
    return folder


# ---------------------------------------------------------------- temporary space


TEMP_LOCK = ".verify-temp.lock"
TEMP_KINDS = ("batch", "archive")
#: A temporary folder of ours without a lock file (an older version, a crash in
#: between) is left alone for this long before a sweep removes it.
UNLOCKED_TEMP_MAX_AGE = 24 * 3600.0


def _flock(fd: int, blocking: bool = False) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        return True
    except BlockingIOError:
        return False


@contextlib.contextmanager
def temp_area(kind: str, parent: Path | None = None) -> Iterator[Path]:
    """A fresh temporary folder ``verify-<kind>-<pid>-*`` that this process owns while
    it holds the lock on a file inside it (the kernel drops the lock when the process
    dies, however it dies); removed on every exit path that runs Python, swept by
    :func:`sweep_stale_temp` after the others (``kill -9``, a power cut)."""
    path = Path(tempfile.mkdtemp(prefix=f"verify-{kind}-{os.getpid()}-", dir=parent))
    fd = os.open(path / TEMP_LOCK, os.O_CREAT | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        _flock(fd)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def sweep_stale_temp(parent: Path | None = None, now: float | None = None) -> int:
    """Remove the temporary folders of runs that are gone (their lock is free); return
    how many. A folder whose lock another process holds is in use and kept."""
    parent = Path(parent or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(parent.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if not any(entry.name.startswith(f"verify-{kind}-") for kind in TEMP_KINDS):
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        lock = entry / TEMP_LOCK
        try:
            fd = os.open(lock, os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            if now - info.st_mtime > UNLOCKED_TEMP_MAX_AGE:
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
            continue
        except OSError:
            continue
        try:
            if _flock(fd):
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
        finally:
            os.close(fd)
    if removed:
        logger.info("removed %d temporary folder(s) left by interrupted runs", removed)
    return removed


# ---------------------------------------------------------------- the output folder


OUT_LOCK = ".verify.lock"
_HELD_LOCKS: dict[Path, list] = {}  # resolved OUT -> [fd, count]: re-entrant within a process
_HELD_GUARD = threading.Lock()


class OutputBusy(InputError):
    """Another run is writing into the same output folder."""


def check_output_folder(out_dir: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse, before any work, an output folder that is a file, lies inside (or is) one
    of the ``inputs`` (its reports would become the next run's input), or cannot be
    written. Creates nothing."""
    out_dir = Path(out_dir)
    real = Path(os.path.realpath(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"输出目录 {out_dir} 已存在且不是文件夹")
    for source in inputs:
        source_real = _resolve(Path(source))
        if source_real is not None and source_real.is_dir() and _inside(real, source_real):
            raise InputError(f"输出目录 {out_dir} 位于申报材料目录 {source} 之内，报告会混入下次核验的材料；"
                             "请另选输出目录（例如与材料目录并列的文件夹）")
    probe = real
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(f"输出目录 {out_dir} 不可写（{probe} 没有写权限或为只读），请换一个输出目录")


def check_output_keys(out_dir: Path, dossiers: list[DossierInput]) -> None:
    """Refuse a run whose ``OUT/<key>`` would be, or hold, a dossier's own folder
    (``verify check OUT/zhangwei -o OUT``)."""
    real = Path(os.path.realpath(out_dir))
    for d in dossiers:
        if d.error or unsafe_key(d.key):
            continue
        source = _resolve(d.path)
        target = Path(os.path.realpath(real / d.key))
        if source is not None and source.is_dir() and (_inside(target, source) or _inside(source, target)):
            raise InputError(f"输出目录 {out_dir} 中的 {d.key} 就是申报材料 {d.path} 本身，报告会写进材料里；"
                             "请另选输出目录")


@contextlib.contextmanager
def output_folder(out_dir: Path) -> Iterator[Path]:
    """Create, probe and lock ``out_dir`` for one run; :class:`InputError` (in Chinese)
    when it cannot be written, :class:`OutputBusy` when another run holds it. The lock
    (``OUT/.verify.lock``, ``flock``) is dropped by the kernel if the process dies.
    A folder this call created is removed again if the run wrote nothing into it."""
    out_dir = Path(out_dir)
    existed = out_dir.is_dir()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"输出目录 {out_dir} 已存在且不是文件夹") from None
    except OSError as exc:
        raise InputError(f"无法创建输出目录 {out_dir}（{exc.strerror or exc}）") from None
    key = out_dir.resolve()
    with _HELD_GUARD:
        held = _HELD_LOCKS.get(key)
        if held is not None:
            held[1] += 1
    if held is None:
        fd = _lock_output(out_dir)
        with _HELD_GUARD:
            _HELD_LOCKS[key] = held = [fd, 1]
    try:
        yield out_dir
    finally:
        with _HELD_GUARD:
            held[1] -= 1
            last = held[1] == 0
            if last:
                del _HELD_LOCKS[key]
        if last:
            with contextlib.suppress(OSError):
                os.unlink(out_dir / OUT_LOCK)
            os.close(held[0])
            if not existed:
                with contextlib.suppress(OSError):
                    out_dir.rmdir()  # only when empty: the run wrote nothing


def _lock_output(out_dir: Path) -> int:
    lock = out_dir / OUT_LOCK
    for _ in range(5):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                         0o644)
        except OSError as exc:
            raise InputError(f"输出目录 {out_dir} 不可写（{exc.strerror or exc}），请换一个输出目录") from None
        if not _flock(fd):
            os.close(fd)
            raise OutputBusy(f"另一个核验任务正在写入输出目录 {out_dir}，请等它结束或换一个输出目录")
        try:  # the file may have been removed by its last holder between open and flock
            if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.write(fd, f"{os.getpid()}\n".encode())
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)
    raise OutputBusy(f"无法锁定输出目录 {out_dir}，请稍后重试")


def sweep_partial_writes(out_dir: Path) -> int:
    """Remove the half-written files (``.report.json.*.tmp``) of a run that was killed
    while writing; the reports themselves are whole (written atomically)."""
    removed = 0
    for root, dirs, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp") and any(
                    name.startswith(f".{base}.") for base in (REPORT_JSON, REPORT_HTML, "summary.csv", "summary.xlsx")):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed


# ---------------------------------------------------------------- opening a dossier


@contextlib.contextmanager
def open_dossier(dossier: DossierInput, tmp_root: Path | None = None, limits: ZipLimits = ZipLimits()) -> Iterator[Path]:
    """The applicant folder of a dossier; a ``.zip`` is extracted to a temporary
    folder that is removed afterwards."""
    if not dossier.is_zip:
        yield dossier.path
        return
    tmp = Path(tempfile.mkdtemp(prefix=f"{dossier.key.replace('/', '_')[:40]}-", dir=tmp_root))
    try:
        skipped: list[str] = []
        extract_zip(dossier.path, tmp, limits, skipped)
        root = locate_dossier_root(tmp)
        inside = [(tmp / s).relative_to(root).as_posix() for s in skipped if root in (tmp / s).parents]
        if inside:  # a link in the zip is not a page, but it is not lost silently either
            (root / SKIPPED_MEMBERS).write_text(json.dumps(inside, ensure_ascii=False), encoding="utf-8")
        yield root
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def open_archive(path: Path, limits: ZipLimits = ZipLimits()) -> Iterator[Path]:
    """The archive root as a folder: a folder as is, a ``.zip`` extracted (and, when it
    holds only one folder that is not itself an applicant, that folder)."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not path.exists():
        raise InputError(f"找不到材料目录 {path}")
    if not (path.is_file() and zipfile.is_zipfile(path)):
        raise InputError(f"{path} 不是文件夹或 ZIP 压缩包")
    sweep_stale_temp()
    with temp_area("archive") as tmp:
        extract_zip(path, tmp / "archive", limits)
        root = tmp / "archive"
        entries = [e for e in root.iterdir() if not _is_ignored(e.name)]
        if (len(entries) == 1 and entries[0].is_dir() and locate_dossier_root(entries[0], 1) == entries[0]
                and not any((entries[0] / n).exists() for n in ("applicant.yaml", "applicant.yml", "applicant.json"))
                and any(e.is_dir() or e.suffix.lower() == ".zip" for e in entries[0].iterdir())):
            root = entries[0]
        yield root


# ---------------------------------------------------------------- pages and fingerprints


def _pdf_pages(path: Path) -> int:
    try:
        import pypdfium2

        doc = pypdfium2.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:  # encrypted, damaged: the pipeline says why; one page for the timeout
        return 1


def _tiff_frames(path: Path) -> int:
    try:
        from PIL import Image

        with Image.open(path) as img:
            return int(getattr(img, "n_frames", 1))
    except Exception:
        return 1


def count_pages(folder: Path) -> int:
    """How many pages the dossier's scans and PDFs hold (for timeouts and progress)."""
    total = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _is_ignored(d)]
        for name in files:
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in PAGE_SUFFIXES or _is_ignored(name):
                continue
            path = Path(root, name)
            try:  # links and special files (a FIFO would block) are not read: the pipeline says why
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    continue
            except OSError:
                continue
            if suffix == ".pdf":
                total += _pdf_pages(path)
            elif suffix in (".tif", ".tiff"):
                total += _tiff_frames(path)
            else:
                total += 1
    return total


def estimate_pages(dossier: DossierInput) -> int:
    """Pages of a dossier before it is opened (a zip's scans count one each): the
    scheduler starts the biggest dossiers first, so no worker is left with a long
    one at the end while the others idle."""
    try:
        if dossier.is_zip:
            with zipfile.ZipFile(dossier.path) as zf:
                return sum(1 for n in zf.namelist() if os.path.splitext(n)[1].lower() in PAGE_SUFFIXES)
        return count_pages(dossier.path) if dossier.path.is_dir() else 0
    except Exception:  # unreadable: its worker reports why
        return 0


def toolkit_version() -> str:
    try:
        from importlib.metadata import version

        return version("dossier-verify")
    except Exception:
        return "0"


@functools.lru_cache(maxsize=1)
def toolkit_digest() -> str:
    """The version plus a hash of the toolkit's own code and bundled campaigns: a report
    made by other code (an upgrade, a fixed rule) is not reused."""
    digest = hashlib.sha256(toolkit_version().encode())
    root = Path(__file__).resolve().parents[2]
    for package in ("verify", "ocr"):
        for path in sorted((root / package).rglob("*")):
            if path.is_relative_to(root / "verify" / "desk"):  # the desk reads reports, it does not make them
                continue
            if path.suffix in (".py", ".yaml", ".yml", ".json", ".html", ".css", ".js") and "__pycache__" not in path.parts:
                with contextlib.suppress(OSError):
                    digest.update(path.relative_to(root).as_posix().encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def settings_fingerprint(settings, applicant: Applicant | None = None) -> str:
    """A short hash of what decides a report's content: the settings (a campaign
    given by path counts with its file's content), the toolkit's code
    (:func:`toolkit_digest`) and, for roster runs, the applicant row. A rerun with a
    different fingerprint redoes the report."""
    values = dataclasses.asdict(settings) if dataclasses.is_dataclass(settings) else dict(vars(settings))
    for name in NON_RESULT_SETTINGS:
        values.pop(name, None)
    campaign = values.get("campaign")
    if isinstance(campaign, str) and os.path.isfile(campaign):
        values["campaign_sha256"] = hashlib.sha256(Path(campaign).read_bytes()).hexdigest()
    values["toolkit"] = toolkit_digest()
    if applicant is not None:
        values["applicant"] = repr(applicant)
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def read_report(path: Path) -> dict | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def report_is_current(report_path: Path, dossier: DossierInput, fingerprint: str) -> dict | None:
    """The existing report when it can be reused: newer than every input file, same
    fingerprint, not the error report of a crashed or hung run."""
    try:
        mtime = Path(report_path).stat().st_mtime
    except OSError:
        return None
    if mtime <= dossier.newest_input:
        return None
    report = read_report(report_path)
    if report is None:
        return None
    batch = report.get("batch") or {}
    if batch.get("fingerprint") != fingerprint or batch.get("error"):
        return None
    if batch.get("inputs_mtime", dossier.newest_input) != dossier.newest_input:
        return None  # inputs changed since, even if their times went backwards (a restored copy)
    return report


# ---------------------------------------------------------------- reports


def fallback_html(report: dict, reason: str = "") -> str:
    """A plain, self-contained page for when the HTML renderer is missing or broken."""
    esc = html.escape
    applicant = report.get("applicant") or {}
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            esc(str(f.get("status", ""))), esc(str(f.get("rule", ""))), esc(str(f.get("file") or "")),
            esc(str(f.get("page") or "")), esc(str(f.get("message", ""))))
        for f in report.get("findings") or ()
    )
    note = f"<p>（完整报告页面生成失败：{esc(reason)}；以下为简要结果）</p>" if reason else ""
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>职称申报材料核验报告</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:4px 8px;text-align:left}</style></head><body>"
        f"<h1>职称申报材料核验报告</h1>{note}"
        f"<p>申报人：{esc(str(applicant.get('name') or report.get('key', '')))}　单位：{esc(str(applicant.get('unit') or ''))}</p>"
        f"<p>结论：<b>{esc(str(report.get('verdict', '')))}</b></p>"
        "<table><tr><th>状态</th><th>规则</th><th>文件</th><th>页</th><th>说明</th></tr>"
        f"{rows}</table></body></html>"
    )


def render_report_html(report: dict, pages=()) -> str:
    """``verify.report.html.render_html``, or :func:`fallback_html` when it is missing
    or fails: a renderer problem never costs an applicant's report."""
    try:
        from verify.report.html import render_html
    except Exception as exc:
        logger.warning("HTML renderer unavailable (%s); writing a plain page", exc)
        return fallback_html(report)
    try:
        return render_html(report, pages)
    except Exception as exc:
        logger.exception("HTML renderer failed for %s", report.get("key"))
        return fallback_html(report, f"{type(exc).__name__}: {exc}")


def write_reports(folder: Path, report: dict, pages=()) -> None:
    """``report.html`` then ``report.json`` (the resume marker last), both atomically."""
    write_atomic(folder / REPORT_HTML, render_report_html(report, pages))
    write_atomic(folder / REPORT_JSON, json.dumps(report, ensure_ascii=False, indent=2))


def _applicant_dict(applicant: Applicant | None) -> dict | None:
    if applicant is None:
        return None
    return {"name": applicant.name, "unit": applicant.unit, "unit_kind": applicant.unit_kind}


def error_report(key: str, applicant: Applicant | None, message: str, fingerprint: str) -> dict:
    """The report of an applicant that could not be checked: one ``review`` finding
    under :data:`READABLE_RULE`, so a person looks at the dossier by hand."""
    finding = Finding(READABLE_RULE, "review", message)
    try:
        from verify.run.pipeline import DossierResult, build_report

        report = build_report(DossierResult(key=key, applicant=applicant, verdict="review", findings=[finding],
                                            pages=[], unreadable=[], timings={}))
    except Exception as exc:
        logger.debug("build_report unavailable for the error report (%s)", exc)
        report = {"schema": "dossier-report/1", "key": key, "applicant": _applicant_dict(applicant),
                  "verdict": "review", "findings": [finding.to_dict()], "documents": []}
    report["batch"] = {"fingerprint": fingerprint, "error": message}
    return report


# ---------------------------------------------------------------- the worker process


@dataclass(frozen=True)
class _Task:
    dossier: DossierInput
    out_dir: Path
    fingerprint: str
    unpacked: int = 0  # bytes its zip declares (the scheduler's space budget)


def check_with_pipeline(folder: Path, key: str, settings, applicant: Applicant, progress=None):
    """The default check: :func:`verify.run.pipeline.check_dossier`."""
    from verify.run.pipeline import check_dossier

    return check_dossier(folder, key, settings, applicant=applicant, progress=progress)


def _accepts_progress(check: CheckFunction) -> bool:
    import inspect

    try:
        params = inspect.signature(check).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _peak_rss_kb() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except Exception:  # pragma: no cover
        return 0


def _counts(findings) -> dict[str, int]:
    counts = {"fail": 0, "review": 0, "pass": 0}
    for f in findings:
        if f.status in counts:
            counts[f.status] += 1
    return counts


def _remove_reports(folder: Path) -> None:
    for name in (REPORT_JSON, REPORT_HTML):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()


def check_one(task: _Task, settings, check: CheckFunction, limits: ZipLimits, tmp_root: Path | None,
              notify: Callable[[tuple], None] = lambda message: None) -> SummaryRow:
    """Check one applicant and write its reports; every failure becomes the row's error."""
    from verify.applicant import MetadataError, load_applicant
    from verify.campaign import CampaignError

    dossier = task.dossier
    folder_out = task.out_dir / dossier.key
    started = time.monotonic()
    applicant = dossier.applicant
    try:
        with open_dossier(dossier, tmp_root, limits) as folder:
            applicant = applicant or load_applicant(folder)
            pages = min(count_pages(folder), int(getattr(settings, "max_pages", 10**6) or 10**6))
            notify(("start", applicant, pages))
            if _accepts_progress(check):
                result = check(folder, dossier.key, settings, applicant, progress=lambda n=1: notify(("page", n)))
            else:
                result = check(folder, dossier.key, settings, applicant)
            from verify.run.pipeline import build_report

            report = build_report(result)
            report["batch"] = {"fingerprint": task.fingerprint, "inputs_mtime": dossier.newest_input,
                               "seconds": round(time.monotonic() - started, 2)}
            write_reports(folder_out, report, result.pages)
        counts = _counts(result.findings)
        return SummaryRow(dossier.key, applicant.name, str(report.get("verdict", result.verdict)), counts["fail"],
                          counts["review"], counts["pass"], pages=len(result.pages),
                          seconds=time.monotonic() - started, peak_rss_kb=_peak_rss_kb(),
                          unit=applicant.unit or "", problems=tuple(problems_of(report)))
    except (MetadataError, CampaignError) as exc:  # applicant.yaml, or the campaign it names, is wrong
        _remove_reports(folder_out)  # a stale report must not outlive the metadata it was made from
        name = applicant.name if applicant else getattr(exc, "name", "") or ""
        return SummaryRow(dossier.key, name, ERROR_VERDICT, error=str(exc),
                          seconds=time.monotonic() - started, peak_rss_kb=_peak_rss_kb())
    except (InputError, MemoryError, Exception) as exc:
        if isinstance(exc, InputError):
            message = str(exc)
        elif isinstance(exc, MemoryError):
            message = "核验时内存不足，该申报人材料未能完成核验，请人工复核或单独重试"
        else:
            logger.exception("checking %s failed", dossier.key)
            message = f"核验过程出错（{type(exc).__name__}: {exc}），该申报人材料未能完成核验，请人工复核"
        write_reports(folder_out, error_report(dossier.key, applicant, message, task.fingerprint))
        return SummaryRow(dossier.key, applicant.name if applicant else "", ERROR_VERDICT, review=1, error=message,
                          seconds=time.monotonic() - started, peak_rss_kb=_peak_rss_kb(),
                          extra={"memory_error": isinstance(exc, MemoryError)})


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int, interval: float = 0.5) -> None:
    """Make this process end when ``parent_pid`` does, however the parent ends
    (``kill -9`` included): on Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``);
    everywhere a daemon thread checks the parent every ``interval`` seconds.

    Linux sends the signal when the parent *thread* that started the worker ends: a
    caller that runs :func:`run_batch` in a thread (the desk) keeps that thread alive
    for the run, which ``run_batch`` does by starting and stopping its workers itself."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the kernel was told
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(conn, settings, check: CheckFunction | None, limits: ZipLimits, tmp_root: str, log_level: int,
                 parent_pid: int | None = None) -> None:
    """A worker process: takes tasks until it reads ``None``. Its OCR engine (loaded by
    the pipeline on first use) lives as long as the process, and no longer than its
    parent (:func:`die_with_parent`)."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    with contextlib.suppress(AttributeError, ValueError):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # a closed terminal: the parent stops us
    logging.basicConfig(level=log_level, format="%(processName)s %(levelname)s %(name)s: %(message)s")
    check = check or check_with_pipeline
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        row = check_one(task, settings, check, limits, Path(tmp_root), notify=conn.send)
        try:
            conn.send(("done", row))
        except (BrokenPipeError, EOFError, OSError):  # the parent is gone: nobody to report to
            return
        if row.extra.get("memory_error"):
            return  # a fresh process for the next applicant


# ---------------------------------------------------------------- the scheduler


class _Worker:
    def __init__(self, ctx, settings, check, limits, tmp_root, log_level):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main,
                                   args=(child, settings, check, limits, str(tmp_root), log_level, os.getpid()),
                                   name="verify-worker", daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.deadline = 0.0
        self.applicant: Applicant | None = None
        self.pages = 0
        self.pages_read = 0  # pages the pipeline reported done so far
        self.started = False  # the worker said it began the task
        self.dead = False
        self.retiring = False  # exits by itself after its task (after a MemoryError)

    def assign(self, task: _Task, startup_timeout: float) -> None:
        self.task, self.applicant, self.pages, self.pages_read = task, task.dossier.applicant, 0, 0
        self.started = False
        self.deadline = time.monotonic() + startup_timeout
        self.conn.send(task)

    def receive(self) -> list[tuple]:
        messages = []
        try:
            while self.conn.poll():
                messages.append(self.conn.recv())
        except (EOFError, OSError):
            self.dead = True
        except Exception:  # a message cut short by a dying process
            logger.exception("unreadable message from worker %s", self.process.pid)
            self.dead = True
        return messages

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(10)
        with contextlib.suppress(Exception):
            self.conn.close()
        self.dead = True

    def stop(self) -> None:
        if self.process.is_alive() and self.task is None:
            with contextlib.suppress(Exception):
                self.conn.send(None)
            self.process.join(5)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


@dataclass
class BatchOutcome:
    rows: list[SummaryRow]
    seconds: float
    workers: int

    @property
    def all_pass(self) -> bool:
        return all(r.verdict == "pass" for r in self.rows)

    def counts(self) -> dict[str, int]:
        counts = {"pass": 0, "fail": 0, "review": 0, ERROR_VERDICT: 0}
        for r in self.rows:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
        return counts

    def summary_line(self) -> str:
        c = self.counts()
        checked = sum(1 for r in self.rows if not r.skipped)
        return (f"完成：{len(self.rows)} 名申报人（本次核验 {checked}，沿用已有报告 {len(self.rows) - checked}）— "
                f"通过 {c['pass']}，不通过 {c['fail']}，需复核 {c['review']}，无法核验 {c[ERROR_VERDICT]}；"
                f"用时 {self.seconds:.1f} 秒")


def _crash_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"信号 {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"信号 {-exitcode}"
    else:
        how = f"退出码 {exitcode}"
    return (f"核验进程异常退出（{how}，可能是内存不足或 OCR 引擎崩溃），该申报人材料未能完成核验，"
            "请人工复核或单独重试")


def run_batch(dossiers: list[DossierInput], out_dir: Path, settings: "Settings", options: BatchOptions = BatchOptions(),
              *, check: CheckFunction | None = None, stream: TextIO | None = None) -> BatchOutcome:
    """Check every dossier and write ``OUT/<key>/report.{json,html}`` and the summaries.

    ``check`` replaces :func:`verify.run.pipeline.check_dossier` (a picklable, module-level
    function: workers are separate processes). Returns the summary rows.
    """
    with output_folder(Path(out_dir)) as out_dir:
        sweep_partial_writes(out_dir)
        return _run_locked(dossiers, out_dir, settings, options, check=check, stream=stream)


def _run_locked(dossiers: list[DossierInput], out_dir: Path, settings: "Settings", options: BatchOptions,
                *, check: CheckFunction | None, stream: TextIO | None) -> BatchOutcome:
    started = time.monotonic()
    rows: dict[str, SummaryRow] = {}
    todo: deque[_Task] = deque()
    for dossier in dossiers:
        if dossier.error:
            rows[dossier.key] = SummaryRow(dossier.key, verdict=ERROR_VERDICT, error=dossier.error)
            continue
        if unsafe_key(dossier.key):  # a report must land in its own folder under OUT
            rows[dossier.key] = SummaryRow(dossier.key, verdict=ERROR_VERDICT,
                                           error=f"{dossier.key!r}：名称不能用作报告文件夹名（含 .. 或绝对路径），未核验")
            continue
        fingerprint = settings_fingerprint(settings, dossier.applicant)
        current = None if options.force else report_is_current(out_dir / dossier.key / REPORT_JSON, dossier, fingerprint)
        if current is not None:
            rows[dossier.key] = SummaryRow.from_report(current, skipped=True)
            rows[dossier.key].key = dossier.key
            continue
        todo.append(_Task(dossier, out_dir, fingerprint,
                          unpacked=zip_declared_bytes(dossier.path) if dossier.is_zip else 0))

    requested = options.workers
    n_workers = worker_count(requested, len(todo), memory=available_memory(),
                             io_bound=getattr(settings, "engine", "") == "remote")
    if requested and n_workers < min(requested, len(todo)):
        logger.warning("按本机处理器核数与可用内存，核验进程数由 %d 调整为 %d", requested, n_workers)
    estimates = {t.dossier.key: estimate_pages(t.dossier) for t in todo}  # for the order and the progress
    if n_workers > 1 and len(todo) > n_workers:  # longest first: the batch ends when its longest worker does
        todo = deque(sorted(todo, key=lambda t: -estimates[t.dossier.key]))
    if getattr(settings, "ocr_threads", 1) == 0 and dataclasses.is_dataclass(settings):
        settings = dataclasses.replace(settings, ocr_threads=max(1, available_cores() // n_workers))
    progress = BatchProgress(len(dossiers), stream, options.progress, out_dir=out_dir)
    for key, pages in estimates.items():
        progress.plan(key, pages)
    progress.reuse(rows.values())
    logger.info("%d applicants: %d to check with %d workers, %d reused", len(dossiers), len(todo), n_workers,
                len(rows))

    if todo:
        import multiprocessing

        ctx = multiprocessing.get_context(options.start_method)
        sweep_stale_temp()
        temp = contextlib.ExitStack()
        tmp_root = temp.enter_context(temp_area("batch"))
        workers: list[_Worker] = []

        def next_task() -> _Task | None:
            """The next task, unless what the busy workers have extracted plus its own
            archive would pass the space budget (then it waits for one to finish)."""
            if not todo:
                return None
            inflight = sum(w.task.unpacked for w in workers if w.task is not None)
            if inflight and inflight + todo[0].unpacked > options.zip_limits.max_inflight_bytes:
                return None
            return todo.popleft()
        log_level = logging.getLogger().getEffectiveLevel()

        attempts: dict[str, int] = {}

        def finish(worker: _Worker, row: SummaryRow) -> None:
            rows[row.key] = row
            worker.task = None
            if row.extra.get("memory_error"):
                worker.retiring = True
            progress.finished(row, pages_read=worker.pages_read)

        def abandon(worker: _Worker, message: str, retry: bool = True) -> None:
            task = worker.task
            assert task is not None
            attempts[task.dossier.key] = attempts.get(task.dossier.key, 0) + 1
            if retry and not worker.started and attempts[task.dossier.key] < 2:
                # died before it began this applicant (an idle worker killed from outside): once more
                logger.warning("%s: worker died before starting (%s); retrying once", task.dossier.key, message)
                worker.task = None
                todo.appendleft(task)
                return
            logger.warning("%s: %s", task.dossier.key, message)
            name = worker.applicant.name if worker.applicant else ""
            with contextlib.suppress(Exception):
                write_reports(out_dir / task.dossier.key,
                              error_report(task.dossier.key, worker.applicant, message, task.fingerprint))
            finish(worker, SummaryRow(task.dossier.key, name, ERROR_VERDICT, review=1, error=message,
                                      pages=worker.pages_read))

        try:
            while todo or any(w.task for w in workers):
                for w in workers:
                    if w.retiring and not w.dead:
                        w.stop()
                        w.dead = True
                workers = [w for w in workers if not w.dead]
                for w in workers:
                    if w.task is None and w.process.is_alive():
                        task = next_task()
                        if task is not None:
                            w.assign(task, options.startup_timeout)
                while todo and len(workers) < n_workers:
                    task = next_task()
                    if task is None:
                        break
                    w = _Worker(ctx, settings, check, options.zip_limits, tmp_root, log_level)
                    w.assign(task, options.startup_timeout)
                    workers.append(w)
                busy = [w for w in workers if w.task]
                progress.update(running=len(busy))
                if not busy:  # idle workers that died on their own: replace them
                    for w in workers:
                        if not w.process.is_alive():
                            w.dead = True
                    time.sleep(0.05)
                    continue
                wait_for = min(w.deadline for w in busy) - time.monotonic()
                wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy],
                           timeout=max(0.0, min(wait_for, 1.0)))
                for w in busy:
                    for message in w.receive():
                        if message[0] == "start":
                            _, w.applicant, w.pages = message
                            w.started = True
                            progress.plan(w.task.dossier.key, w.pages)
                            w.deadline = time.monotonic() + applicant_timeout(w.pages, options.page_timeout,
                                                                              options.startup_timeout)
                        elif message[0] == "page":
                            w.pages_read += message[1]
                            progress.update(pages=message[1])
                        elif message[0] == "done":
                            finish(w, message[1])
                    if not w.process.is_alive():
                        for message in w.receive():  # what it sent just before exiting
                            if message[0] == "done":
                                finish(w, message[1])
                        w.process.join(1)
                        w.dead = True
                        if w.task is not None:
                            abandon(w, _crash_message(w.process.exitcode))
                    elif w.task is not None and time.monotonic() > w.deadline:
                        w.kill()
                        if w.started:
                            limit = applicant_timeout(w.pages, options.page_timeout, options.startup_timeout)
                            abandon(w, f"核验超时：{w.pages} 页材料超过 {limit:.0f} 秒仍未完成（每页限时 "
                                       f"{options.page_timeout:g} 秒），已中止，请人工复核或单独重试", retry=False)
                        else:
                            abandon(w, f"准备材料超时：解压或读取申报人信息超过 {options.startup_timeout:.0f} 秒，"
                                       "已中止，请人工复核或单独重试", retry=False)
                    elif w.dead and w.task is not None:  # the pipe broke but the process lingers
                        w.kill()
                        abandon(w, _crash_message(w.process.exitcode))
        finally:
            for w in workers:
                w.stop()
            temp.close()
            ordered = sorted(rows.values(), key=lambda r: r.key)
            write_summary(ordered, out_dir, merge=options.merge_summary)
    else:
        write_summary(sorted(rows.values(), key=lambda r: r.key), out_dir, merge=options.merge_summary)

    outcome = BatchOutcome(sorted(rows.values(), key=lambda r: r.key), time.monotonic() - started, n_workers)
    progress.update(running=0, force=True)
    progress.close(outcome.summary_line(), outcome.rows)
    return outcome
