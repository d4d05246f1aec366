"""The watched scanner folder (``verify desk --watch DIR``).

Every sub-folder or ``.zip`` directly under ``DIR`` is one applicant. watchdog tells
which entry changed; an entry is taken in once it has *stopped growing*: the same
files, sizes and times for ``settle_seconds`` (a scanner writing page after page, a
zip still being copied). A zip must also open as a zip. The entry is copied (a folder)
or extracted (a zip) into the data folder, so the scanner may go on writing; the
watched folder is never changed.

An entry taken in before that changes again (the clerk scanned missing pages into the
same folder) brings the new files to the same applicant and queues a recheck.
Entries present when the desk starts are compared with what was taken in before, so
nothing is missed while the desk was off.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

from ocr.errors import MAX_FILE_BYTES, SPECIAL_FILE, TooLarge
from verify.desk import intake, queue
from verify.desk.store import DeskError, now_iso
from verify.run.batch import _is_ignored
from verify.run.inputs import walk

logger = logging.getLogger(__name__)

WATCH_USER = "扫描目录"


def signature(entry: Path) -> str | None:
    """A digest of the entry's files, sizes and modification times (``None`` when it
    cannot be read, e.g. while it is being moved)."""
    digest = hashlib.sha256()
    try:
        if entry.is_symlink() or not (entry.is_dir() or entry.is_file()):  # refused as it is: never followed nor opened
            st = os.lstat(entry)
            digest.update(f"special:{st.st_mode}:{st.st_size}:{st.st_mtime_ns}".encode())
            return digest.hexdigest()
        if entry.is_file():
            st = entry.stat()
            digest.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
            return digest.hexdigest()
        for root, dirs, files in walk(entry):
            dirs[:] = sorted(d for d in dirs if not _is_ignored(d))
            for name in sorted(files):
                if _is_ignored(name):
                    continue
                st = os.lstat(os.path.join(root, name))  # a broken link, or links in a loop, held it back for good
                rel = os.path.relpath(os.path.join(root, name), entry)
                digest.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    except OSError:
        return None
    return digest.hexdigest()


def is_candidate(entry: Path) -> bool:
    """An entry of the watched folder that is an applicant: a folder or a ``.zip``; also a
    link or a special file (a FIFO, a device) so named, which :meth:`ScannerWatch.take_in`
    refuses, saying so in the audit trail (followed, a link to a folder elsewhere brought
    whatever the machine holds there into the desk, any reviewer able to open it; a FIFO
    named ``.zip`` was passed over without a word: hostile exploration 13)."""
    if _is_ignored(entry.name):
        return False
    if entry.is_symlink():
        return True
    return entry.is_dir() or (entry.suffix.lower() == ".zip" and os.path.lexists(entry))


def _not_taken(entry: Path) -> str | None:
    """Why an entry the watch lists is not taken in as it is (a link, a special file), or ``None``."""
    import stat

    try:
        mode = os.lstat(entry).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return (f"扫描目录中的「{entry.name}」是指向其他位置的符号链接（快捷方式），出于安全考虑未收取；"
                "请将申报人的文件夹或压缩包本身放入扫描目录")
    if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        return f"扫描目录中的「{entry.name}」{SPECIAL_FILE}"
    return None


def copy_entry(entry: Path, copy: Path) -> list[tuple[Path, str]]:
    """Copy a watched applicant's folder ``entry`` to ``copy``; the files left out, each
    ``(its path under copy, the reason)``: too large to read (over
    :data:`ocr.errors.MAX_FILE_BYTES`), not a regular file (a FIFO, a socket, a device), or
    not readable. Links stay links: the check refuses them by name, the desk never serves
    one (followed, a link to /etc/passwd became a file any reviewer could open, and one to
    /dev/zero filled the disk: hostile exploration 3). A file the check would refuse
    unread is not copied: a sparse file of a few KB claiming 200 GB was written out whole,
    filling the desk's disk (hostile2's audit).

    Walked with a stack; a special file is never opened, and a regular one is opened without
    following a link or waiting (``O_NOFOLLOW | O_NONBLOCK``, checked again on the open file,
    so that one put in its place since is not read): ``shutil.copytree``
    raised on a FIFO or a socket, recursed out of Python at 500 folders deep and copied a
    device like /dev/zero until the disk was full; the applicant never came in, and nobody
    was told (hostile exploration 13). A file gone since it was listed (a scanner's
    temporary file, renamed) is passed over: the folder has changed, and is taken in again.

    >>> import tempfile; src = Path(tempfile.mkdtemp()) / "张伟"; src.mkdir()
    >>> _ = (src / "p1.jpg").write_bytes(b"x"); f = open(src / "大.jpg", "wb"); _ = f.truncate(MAX_FILE_BYTES + 1); f.close()
    >>> os.mkfifo(src / "管道.jpg")
    >>> left = copy_entry(src, src.parent / "copy")
    >>> sorted(p.name for p in (src.parent / "copy").iterdir()), sorted((p.name, r[:4]) for p, r in left)
    (['p1.jpg'], [('大.jpg', '文件过大'), ('管道.jpg', '不是普通')])
    """
    from ocr.errors import os_reason

    left: list[tuple[Path, str]] = []
    copy.mkdir(parents=True)
    unlistable: list = []
    for root, dirs, files in walk(entry, unlistable):
        here = copy / os.path.relpath(root, entry) if root != os.fspath(entry) else copy
        kept = []
        for name in sorted(dirs):
            if _is_ignored(name):
                continue
            src, dst = os.path.join(root, name), here / name
            if os.path.islink(src):  # a link to a folder: as a link (the check names it)
                _copy_link(src, dst, left)
                continue
            try:
                dst.mkdir()
            except OSError as exc:  # a path too long to make (thousands of levels)
                left.append((dst, f"文件夹无法复制（{os_reason(exc, writing=True)}），其中的材料未核验"))
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if _is_ignored(name):
                continue
            _copy_file(os.path.join(root, name), here / name, left)
    for root, exc in unlistable:
        left.append((copy / os.path.relpath(root, entry), f"文件夹无法打开（{os_reason(exc)}），其中的材料未核验"))
    return left


def _copy_link(src: str, dst: Path, left: list) -> None:
    from ocr.errors import os_reason

    try:
        os.symlink(os.readlink(src), dst)
    except FileNotFoundError:
        pass  # gone since it was listed
    except OSError as exc:
        left.append((dst, f"文件无法复制（{os_reason(exc)}），未读取"))


def _copy_file(src: str, dst: Path, left: list) -> None:
    """Copy one regular file (a link as a link), or say in ``left`` why not."""
    import stat

    from ocr.errors import NotRegular, open_regular, os_reason

    try:  # a special file is never opened at all (opening a device may act: a tape rewinds)
        mode = os.lstat(src).st_mode
    except FileNotFoundError:
        return  # gone since it was listed
    except OSError as exc:
        left.append((dst, f"文件无法打开（{os_reason(exc)}），未读取"))
        return
    if stat.S_ISLNK(mode):  # kept as a link: the check names it
        _copy_link(src, dst, left)
        return
    if not stat.S_ISREG(mode):
        left.append((dst, SPECIAL_FILE))
        return
    try:  # and opened so that one put in its place since (a link, a FIFO) is neither followed nor waited on
        fd, info = open_regular(src)
    except FileNotFoundError:
        return
    except NotRegular:  # a FIFO or a device: never read
        left.append((dst, SPECIAL_FILE))
        return
    except OSError as exc:
        if os.path.islink(src):  # O_NOFOLLOW: ELOOP
            _copy_link(src, dst, left)
        else:
            left.append((dst, f"文件无法打开（{os_reason(exc)}），未读取" if os.path.isfile(src) else SPECIAL_FILE))
        return
    try:
        if info.st_size > MAX_FILE_BYTES:
            left.append((dst, TooLarge.reason(info.st_size)))
            return
        with os.fdopen(os.dup(fd), "rb") as fh, open(dst, "wb") as out:  # a write error (disk full) is raised
            copied = 0
            while True:
                try:
                    chunk = fh.read(1 << 20)
                except OSError as exc:  # the scanner's disk or share failed: said, not copied
                    copied, reason = -1, f"读取文件时出错（{os_reason(exc)}），未复制"
                    break
                if not chunk:
                    break
                copied += len(chunk)
                if copied > MAX_FILE_BYTES:  # still growing past the limit as it was copied
                    reason = TooLarge.reason(copied)
                    break
                out.write(chunk)
        if copied < 0 or copied > MAX_FILE_BYTES:
            dst.unlink()
            left.append((dst, reason))
            return
        shutil.copystat(src, dst, follow_symlinks=False)
    finally:
        os.close(fd)


class ScannerWatch:
    """watchdog's observer on the folder plus a thread that takes in settled entries."""

    def __init__(self, desk, root: Path, settle_seconds: float = 5.0, poll_seconds: float = 1.0):
        self.desk = desk
        self.root = Path(root).resolve()
        self.settle = settle_seconds
        self.poll = poll_seconds
        self._seen: dict[str, tuple[str, float]] = {}  # entry name -> (signature, since when)
        self._dirty: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._observer = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ life

    def start(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        if not self.root.is_dir():
            raise DeskError(f"扫描目录 {self.root} 不存在或不是文件夹")
        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                for path in (getattr(event, "src_path", None), getattr(event, "dest_path", None)):
                    if path:
                        watch.touched(Path(os.fsdecode(path)))

        self._observer = Observer()
        self._observer.schedule(Handler(), str(self.root), recursive=True)
        self._observer.start()
        with self._lock:  # what is already there
            self._dirty.update(e.name for e in self.root.iterdir() if is_candidate(e))
        self._thread = threading.Thread(target=self._loop, name="desk-watch", daemon=True)
        self._thread.start()
        logger.info("watching %s", self.root)

    def stop(self) -> None:
        self._stop.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(5)
        if self._thread is not None:
            self._thread.join(5)

    def touched(self, path: Path) -> None:
        """An event somewhere under the root: mark its top-level entry (the link itself
        where it is one: resolved, a link to a folder elsewhere was never marked)."""
        try:
            rel = (path.parent.resolve() / path.name).relative_to(self.root)
        except (ValueError, OSError):
            return
        if rel.parts:
            with self._lock:
                self._dirty.add(rel.parts[0])

    # ------------------------------------------------------------ settling

    def _loop(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self.scan_once()
            except Exception:
                logger.exception("watching %s failed", self.root)

    def scan_once(self, now: float | None = None) -> list[int]:
        """Take in every dirty entry that has settled; the applicant ids touched."""
        now = time.monotonic() if now is None else now
        with self._lock:
            dirty = set(self._dirty)
        touched = []
        for name in sorted(dirty):
            entry = self.root / name
            if not os.path.lexists(entry) or not is_candidate(entry):
                with self._lock:
                    self._dirty.discard(name)
                self._seen.pop(name, None)
                continue
            sig = signature(entry)
            if sig is None:
                continue
            previous = self._seen.get(name)
            if previous is None or previous[0] != sig:
                self._seen[name] = (sig, now)
                continue
            if now - previous[1] < self.settle:
                continue
            with self._lock:
                self._dirty.discard(name)
            result = self.take_in(entry, sig)
            if result is not None:
                touched.append(result)
        return touched

    def take_in(self, entry: Path, sig: str) -> int | None:
        """Bring a settled entry in (new applicant, or new scans for the one it made)."""
        desk = self.desk
        source = str(entry)
        with desk.folder.connection() as conn:
            known = conn.execute("SELECT signature, applicant_id FROM watched WHERE path = ?", (source,)).fetchone()
        if known is not None and known["signature"] == sig:
            return None
        if (why := _not_taken(entry)) is not None:
            self._refused(entry, sig, why)
            return None
        if entry.is_file() and not zipfile.is_zipfile(entry):
            logger.info("%s is not a complete zip yet", entry)
            with self._lock:
                self._dirty.add(entry.name)
            self._seen.pop(entry.name, None)
            return None
        try:
            with intake.Staging(desk.folder) as staging:
                if entry.is_file():
                    root = intake.unpack_zip(entry, staging, desk.config.zip_limits)
                else:
                    copy = staging.path / "files" / entry.name
                    too_large = copy_entry(entry, copy)
                    root = intake.upload_root(copy.parent)
                    staging.not_extracted.extend((path.relative_to(root).as_posix(), reason)
                                                 for path, reason in too_large if path.is_relative_to(root))
                if known is not None and known["applicant_id"]:
                    applicant_id = known["applicant_id"]
                    with desk.folder.connection() as conn:
                        row = conn.execute("SELECT state FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
                    if row is not None and row["state"] == "running":
                        with self._lock:  # after this check ends
                            self._dirty.add(entry.name)
                        self._seen.pop(entry.name, None)
                        return None
                    with desk.folder.connection() as conn:
                        intake.refuse_another_person(conn, applicant_id, root)
                    added = intake.copy_scans(desk.folder, applicant_id, root, staging.not_extracted)
                with desk.write() as conn:
                    if known is not None and known["applicant_id"]:
                        queued = not intake.record_scans(desk.folder, conn, applicant_id, added, WATCH_USER)
                    else:
                        taken = intake.register(desk.folder, conn, root, intake.dossier_key(entry.name), WATCH_USER,
                                                source="watch", source_path=source,
                                                not_extracted=staging.not_extracted)
                        applicant_id, queued = taken.applicant_id, taken.queued
                    if queued:
                        queue.submit(conn, applicant_id, WATCH_USER)
                    conn.execute("INSERT INTO watched (path, signature, applicant_id, at) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT (path) DO UPDATE SET signature = excluded.signature,"
                                 " applicant_id = excluded.applicant_id, at = excluded.at",
                                 (source, sig, applicant_id, now_iso()))
        except DeskError as exc:
            self._refused(entry, sig, str(exc))
            return None
        desk.queue.wake()
        logger.info("took in %s as applicant %s", entry, applicant_id)
        return applicant_id

    def _refused(self, entry: Path, sig: str, why: str) -> None:
        """Say in the audit trail why ``entry`` was not taken in, and remember it, so a
        broken entry is not retried until it changes."""
        from verify.desk import audit

        logger.warning("%s: %s", entry, why)
        with self.desk.write() as conn:
            conn.execute("INSERT INTO watched (path, signature, applicant_id, at) VALUES (?, ?, NULL, ?)"
                         " ON CONFLICT (path) DO UPDATE SET signature = excluded.signature, at = excluded.at",
                         (str(entry), sig, now_iso()))
            audit.append(conn, WATCH_USER, "applicant.watch", target=entry.name, after={"refused": why})
