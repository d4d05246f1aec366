"""Where a run writes: its temporary space (locked, swept after a crash) and the
output folder (checked, locked, never inside an input).

Moved from ``verify.run.batch``, which re-exports these names.
"""
from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

from ocr.errors import os_reason
from verify.run.inputs import OUTPUT_NAMES, DossierInput, remove_tree, unsafe_key, walk
from verify.run.reports import REPORT_HTML, REPORT_JSON
from verify.run.zips import InputError, _inside, _resolve

logger = logging.getLogger(__name__)


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
        remove_tree(path)
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
                remove_tree(entry)
                removed += 1
            continue
        except OSError:
            continue
        try:
            if _flock(fd):
                remove_tree(entry)
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
    _refuse_applicants_folder(out_dir, real)
    probe = real
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise InputError(f"输出目录 {out_dir} 不可写（{probe} 没有写权限或为只读），请换一个输出目录")


def _refuse_applicants_folder(out_dir: Path, real: Path) -> None:
    """Refuse an output folder that is, or lies in, an applicant's folder other than the
    input: a dossier (its ``applicant.yaml``), whose next check would read the reports as
    the applicant's own pages, or one applicant's report folder of an output tree (its
    ``report.json``), where the summaries and another applicant's reports would mix with
    it (hostile exploration 5: ``verify check A -o B``)."""
    from verify.applicant import METADATA_FILES

    for folder in (real, *real.parents):
        if not folder.is_dir():
            continue
        meta = next((name for name in METADATA_FILES if (folder / name).is_file()), None)
        if meta is not None:
            raise InputError(f"输出目录 {out_dir} 在申报人的材料文件夹 {folder} 中（该文件夹有 {meta}），报告会混入该申报人的材料，"
                             "下次核验时被当作其材料；请另选输出目录（例如与材料目录并列的文件夹）")
        if (folder / REPORT_JSON).is_file():
            raise InputError(f"输出目录 {out_dir} 在申报人「{folder.name}」的报告文件夹 {folder} 中（其中有 {REPORT_JSON}），"
                             f"汇总表和报告会与该申报人的报告混在一起；请以整个输出目录（如 {folder.parent}）为输出目录")


def check_output_files(out_dir: Path, cache_path: str | None = None) -> None:
    """Refuse, before any work, an output folder whose summary files are not files (a
    folder named summary.csv: the batch ran to its end and then failed, probe alt23 F11)
    and an OCR cache that is not a database (every applicant of the batch became an
    error row, probe alt23 F10)."""
    for name in sorted(OUTPUT_NAMES):
        p = Path(out_dir) / name
        if (p.exists() or p.is_symlink()) and (p.is_symlink() or not p.is_file()):
            raise InputError(f"输出目录 {out_dir} 中的 {name} 不是普通文件（文件夹或链接），汇总表无法写入；"
                             "请删除或改名后重新运行")
    if not cache_path:
        return
    cache = Path(cache_path)
    # a cache it cannot write (a read-only share, another user's file): 「已损坏…请删除该文件」 of a good
    # one (SQLite cannot open a WAL database where it may not write), or every worker without its cache
    folder = next((p for p in (cache.parent, *cache.parent.parents) if p.exists()), None)
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK) or (
            cache.is_file() and not os.access(cache, os.R_OK | os.W_OK)):
        raise InputError(f"OCR 缓存文件 {cache} 不可写（所在文件夹只读或没有写权限），无法使用；"
                         "请另用 --cache 指定可写位置的文件，或使用 --no-cache 后重新运行")
    if not (cache.exists() or cache.is_symlink()):
        return
    if not cache.is_file():
        raise InputError(f"OCR 缓存 {cache} 不是文件，请删除它或使用 --no-cache 后重新运行")
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"{cache.resolve().as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "ocr_pages" in tables:
                columns = {row[1] for row in conn.execute("PRAGMA table_info(ocr_pages)")}
                if not {"key", "page", "created"} <= columns:
                    raise InputError(f"OCR 缓存文件 {cache} 不是本版本的缓存（由其他版本或其他程序写入，表结构不同），"
                                     "无法使用；请删除该文件或另用 --cache 指定新文件后重新运行")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):  # a good cache: deleting it, as 已损坏 said, loses it
            raise InputError(f"OCR 缓存文件 {cache} 正被其他程序锁定（如另一个核验或数据库工具正在写入），暂时无法读取；"
                             "请等其结束后重新运行，或另用 --cache 指定其他文件") from None
        raise InputError(f"OCR 缓存文件 {cache} 已损坏，无法读取；请删除该文件或使用 --no-cache 后重新运行") from None
    except sqlite3.Error:
        raise InputError(f"OCR 缓存文件 {cache} 已损坏，无法读取；请删除该文件或使用 --no-cache 后重新运行") from None


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
        raise InputError(f"无法创建输出目录 {out_dir}（{os_reason(exc, writing=True)}）") from None
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
            raise InputError(f"输出目录 {out_dir} 不可写（{os_reason(exc, writing=True)}），请换一个输出目录") from None
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
    for root, dirs, files in walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp") and any(
                    name.startswith(f".{base}.") for base in (REPORT_JSON, REPORT_HTML, "summary.csv", "summary.xlsx")):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed
