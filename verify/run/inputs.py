"""The applicants of an archive: finding them (folders, zips, groups by unit, a
roster), opening one (a zip extracted to a temporary folder) and counting its pages.

Moved from ``verify.run.batch``, which re-exports these names.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import stat
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ocr.errors import MAX_FILE_BYTES, PAGE_SUFFIXES, SPECIAL_FILE, os_reason, page_suffix
from verify.model import Applicant
from verify.run.zips import (SKIPPED_MEMBERS, SKIPPED_TOKEN, InputError, ZipLimits, _inside, _resolve,
                             check_declared_directory, control_or_format, is_litter, extract_zip, locate_dossier_root,
                             shown_name, skipped_under, zip_declared_bytes)

if TYPE_CHECKING:
    from verify.run.remote_inputs import RemoteSource

logger = logging.getLogger(__name__)


OTHER_ARCHIVES = frozenset({".rar", ".7z", ".tar", ".tgz", ".gz", ".bz2", ".xz"})  # an applicant we cannot open


# ---------------------------------------------------------------- finding the dossiers


@dataclass(frozen=True)
class DossierInput:
    """One applicant to check: a folder or a ``.zip`` of one.

    ``applicant`` comes from a roster row (else ``applicant.yaml`` is read);
    ``error`` is a roster problem that makes this an error row without checking;
    ``newest_input`` is the latest modification time of any input file (resume).
    ``remote``: the applicant lies under an fsspec URL (:mod:`verify.run.remote_inputs`);
    where the work happens it is copied into a temporary folder first, and ``path`` is
    only its path on that file system.
    """

    key: str
    path: Path
    applicant: Applicant | None = None
    error: str | None = None
    newest_input: float = 0.0
    remote: "RemoteSource | None" = None
    listing: str = ""  # digest of its files' paths, sizes and times (:func:`survey_inputs`); "" when not taken

    @property
    def is_zip(self) -> bool:
        if self.remote is not None:
            return self.remote.is_zip
        return self.path.suffix.lower() == ".zip" and self.path.is_file()


def walk(top, errors: list | None = None) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top)`` (top down, links listed but not followed, unreadable folders
    skipped, each ``(folder, OSError)`` added to ``errors`` where given; ``dirs`` may be
    pruned in place) with a stack instead of recursion: Python
    3.11's walk recurses, and a dossier nested 1,500 folders deep ended its check with
    a RecursionError (hostile exploration).

    >>> import tempfile
    >>> top = deep = tempfile.mkdtemp()
    >>> for _ in range(1500):
    ...     deep = os.path.join(deep, "d"); os.mkdir(deep)
    >>> for folder in (deep, top):
    ...     with open(os.path.join(folder, "p.jpg" if folder == deep else "a.jpg"), "wb") as fh: _ = fh.write(b"x")
    >>> [(os.path.relpath(r, top).count(os.sep), f) for r, d, f in walk(top) if f]
    [(0, ['a.jpg']), (1499, ['p.jpg'])]
    >>> remove_tree(top); os.path.exists(top)
    False
    """
    stack = [os.fspath(top)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError as e:
            if errors is not None:
                errors.append((root, e))
            continue
        dirs, files = [], []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(e.name)
        yield root, dirs, files
        for d in reversed(dirs):
            path = os.path.join(root, d)
            if not os.path.islink(path):
                stack.append(path)


def remove_tree(top) -> None:
    """``shutil.rmtree(top, ignore_errors=True)`` without recursion (Python 3.11's recurses
    once per folder level): files first, then folders deepest first."""
    folders = []
    for root, dirs, files in walk(top):
        folders.append(root)
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(root, name))
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def newest_mtime(path: Path) -> float:
    """Latest mtime of a file, or of a folder and everything under it (folders too,
    so a deleted file counts as a change). Links are not followed."""
    return survey_inputs(path)[0]


def survey_inputs(path: Path) -> tuple[float, str]:
    """:func:`newest_mtime`, and a digest of every entry's path, size and mtime: a file
    replaced in place by one with an older time (``unzip -o``, ``cp -p`` of a
    resubmission) leaves the newest time as it was, but not the digest (probe alt23
    F13: the old report was reused)."""
    import hashlib

    path = Path(path)
    info = path.stat()
    newest, digest = info.st_mtime, hashlib.sha1(f"{info.st_size}:{info.st_mtime_ns}".encode())
    if path.is_dir():
        # an explicit stack, not os.walk: Python 3.11's walk recurses, and one folder
        # nested 1,500 deep stopped the whole batch with a RecursionError (probe alt23 I)
        entries_seen = []
        stack = [str(path)]
        while stack:
            with contextlib.suppress(OSError), os.scandir(stack.pop()) as entries:
                for e in entries:
                    with contextlib.suppress(OSError):
                        st = e.stat(follow_symlinks=False)
                        newest = max(newest, st.st_mtime)
                        entries_seen.append(f"{os.path.relpath(e.path, path)}\0{st.st_size}\0{st.st_mtime_ns}")
                        if e.is_dir(follow_symlinks=False):
                            stack.append(e.path)
        digest = hashlib.sha1("\n".join(sorted(entries_seen)).encode("utf-8", "surrogateescape"))
    return newest, digest.hexdigest()


def nfc(name: str) -> str:
    """A name composed (Unicode NFC), as keys are made: a folder named with é as e + U+0301
    (NFD, as macOS writes names) and one with é are one applicant's key.

    >>> nfc("Cafe\u0301") == "Caf\u00e9"
    True
    """
    return unicodedata.normalize("NFC", name)


def dossier_key(path: Path) -> str:
    """The key of a dossier given on the command line: its real name (``..`` or ``.``
    name the folder they point to, so a report never lands outside OUT).

    >>> dossier_key(Path("/tmp/张伟.zip")), dossier_key(Path("/tmp/a/..")) == Path("/tmp").resolve().name
    ('张伟', True)
    """
    real = Path(os.path.abspath(path))
    resolved = _resolve(real) or real
    name = resolved.stem if resolved.suffix.lower() == ".zip" and not resolved.is_dir() else resolved.name
    return nfc(name) or "dossier"


def printable_name(name: str) -> str:
    r"""A file or folder name as text any report can hold: bytes that no UTF-8 name has
    (read from disk as surrogates) shown as ``\xff``.

    >>> printable_name("a" + chr(0xDCFF) + ".jpg"), printable_name("张伟.jpg")
    ('a\\xff.jpg', '张伟.jpg')
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


#: what a batch writes at the top of OUT: no applicant's report folder may take its name
OUTPUT_NAMES = frozenset({"summary.csv", "summary.xlsx"})
#: the names the run itself keeps in OUT beside the summaries: its lock
#: (:data:`~verify.run.workspace.OUT_LOCK`) and the default OCR cache (``verify/cli.py``) with
#: SQLite's companions. An applicant's folder so named was dropped without a row (``.verify.lock``,
#: taken for the toolkit's litter) or checked and its report written into the cache's place
RESERVED_NAMES = OUTPUT_NAMES | {".verify.lock",
                                 *(".ocr-cache.sqlite" + end for end in ("", "-wal", "-shm", "-journal"))}


def unsafe_key(key: str) -> bool:
    """A key that would put a report outside its own folder under OUT, over the batch's
    own summary (a folder named ``summary.csv`` made OUT/summary.csv a folder and the
    batch died writing the summary), or that no file name or report can hold (bytes no
    UTF-8 name has).

    >>> unsafe_key("unit/张伟"), unsafe_key("../x"), unsafe_key("/etc"), unsafe_key("a/./b"), unsafe_key("")
    (False, True, True, True, True)
    >>> unsafe_key("Summary.CSV"), unsafe_key("unit/summary.csv"), unsafe_key("bad" + chr(0xDCFF))
    (True, False, True)
    >>> unsafe_key(".verify.lock"), unsafe_key(".ocr-cache.sqlite-wal"), unsafe_key(".张伟")
    (True, True, False)

    Nor a line break or other control character (a row of summary.csv broken in two, a
    report folder no reviewer can type):

    >>> unsafe_key("张伟\\n2024"), unsafe_key("张伟\\t2024"), unsafe_key("张伟 2024")
    (True, True, False)

    Nor a character that prints as nothing but changes what is shown (hostile
    exploration 7): a right-to-left override made the folder ``\\u202e伟张`` show as
    张伟 in every summary, and a zero-width space made ``张\\u200b伟`` a second 张伟:

    >>> unsafe_key("\\u202e伟张"), unsafe_key("张\\u200b伟"), unsafe_key("王\\u2066五")
    (True, True, True)
    """
    parts = key.replace("\\", "/").split("/")
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return (not key or key.startswith("/") or any(p in ("", ".", "..") for p in parts)
            or any(map(control_or_format, key)) or key.lower() in RESERVED_NAMES)


def not_folder_or_zip(path: Path) -> str:
    """Why ``path`` (there, neither a folder nor a zip ``zipfile`` opens) cannot be read as
    a dossier or an archive: an empty or damaged ``.zip`` is said to be one (a download cut
    short was told 「不是文件夹或 ZIP 压缩包」, as if it were some other kind of file).

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.zip").write_bytes(b""); _ = (d / "b.zip").write_bytes(b"PK\\x03\\x04cut"); _ = (d / "c.txt").write_text("x")
    >>> [not_folder_or_zip(d / n).removeprefix(str(d) + "/") for n in ("a.zip", "b.zip", "c.txt")]
    ['a.zip 是空文件（0 字节），不是有效的 ZIP 压缩包；请重新打包或重新下载后提交', 'b.zip 不是有效的 ZIP 压缩包或已损坏（文件可能不完整），无法打开；请重新打包或重新下载后提交', 'c.txt 不是文件夹或 ZIP 压缩包']
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # never opened: a FIFO would block
            return f"{path} 不是文件夹或 ZIP 压缩包"
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return f"{path} 不是文件夹或 ZIP 压缩包"
    named_zip = path.suffix.lower() == ".zip"
    if info.st_size == 0 and named_zip:
        return f"{path} 是空文件（0 字节），不是有效的 ZIP 压缩包；请重新打包或重新下载后提交"
    if named_zip or head.startswith(b"PK"):
        return f"{path} 不是有效的 ZIP 压缩包或已损坏（文件可能不完整），无法打开；请重新打包或重新下载后提交"
    return f"{path} 不是文件夹或 ZIP 压缩包"


def as_dossier(path: Path, key: str | None = None, newest_input: float | None = None) -> DossierInput:
    """One applicant folder or ``.zip`` (``verify check``), keyed by its real name."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"找不到申报材料 {path}")
    if not (path.is_dir() or (path.is_file() and zipfile.is_zipfile(path))):
        raise InputError(not_folder_or_zip(path))
    key = key or dossier_key(path)
    if newest_input is not None:
        return DossierInput(key=key, path=path, newest_input=newest_input)
    newest, listing = survey_inputs(path)
    return DossierInput(key=key, path=path, newest_input=newest, listing=listing)


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
        key = prefix + nfc(entry.name)
        if key in keys:
            return
        keys.add(key)
        found.append(DossierInput(key=key, path=entry, error=f"{entry.name}：{message}"))

    def twin(entry: Path, prefix: str, key: str) -> None:
        # the same name in two Unicode spellings (Café as é, or as e + U+0301): two rows no
        # reviewer can tell apart, and one folder on macOS or a Windows share
        shown = prefix + shown_name(entry.name, lambda c: nfc(c) != c or bool(unicodedata.combining(c)))
        keys.add(shown)
        found.append(DossierInput(key=shown, path=entry, error=(
            f"{shown}：与申报人「{key}」的名称看起来相同，只是 Unicode 编码形式不同（组合字符与预组合字符），"
            f"在汇总表中无法区分，未核验；如为同一申报人请合并为一个文件夹，否则请改名后重新提交")))

    def scan(folder: Path, prefix: str) -> None:
        try:
            listing = list(folder.iterdir())
        except OSError as exc:
            raise InputError(f"{folder} 无法读取（{os_reason(exc)}）") from None
        kinds = {}
        for entry in listing:
            try:
                kinds[entry] = (entry.is_symlink(), entry.is_dir(), entry.is_file())
            except OSError:
                kinds[entry] = (True, False, False)
        # a name composed (NFC) before its decomposed twin (NFD): the composed one keeps the key
        for entry in sorted(listing, key=lambda p: (not kinds[p][1], nfc(p.name), p.name != nfc(p.name), p.name)):
            link, is_dir, is_file = kinds[entry]
            if is_litter(entry.name):
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
                    scan(entry, f"{nfc(entry.name)}/")
                    continue
                key = prefix + nfc(entry.name)
            elif is_file and entry.suffix.lower() == ".zip":
                key = prefix + nfc(entry.stem) if prefix + nfc(entry.stem) not in keys else prefix + nfc(entry.name)
            elif is_file and entry.suffix.lower() in OTHER_ARCHIVES:
                stem = nfc(entry.stem[:-4] if entry.stem.lower().endswith(".tar") else entry.stem)
                key = prefix + stem if prefix + stem not in keys else prefix + nfc(entry.name)
                if key in keys:
                    twin(entry, prefix, key)
                    continue
                keys.add(key)
                found.append(DossierInput(key=key, path=entry, error=(
                    f"{entry.name}：不支持的压缩格式，请解压后放入文件夹或改用 ZIP 压缩包")))
                continue
            elif not is_file and _archive_suffix(entry.name):
                # a FIFO or a link to a device named like an applicant's archive: never opened (it
                # could block), and not dropped without a row either (hostile exploration 8)
                refuse(entry, prefix, f"{SPECIAL_FILE}，请放入申报材料本身")
                continue
            else:
                logger.debug("ignoring %s (not a folder or .zip)", entry)
                continue
            if key in keys:
                twin(entry, prefix, key)
                continue
            keys.add(key)
            try:
                # a zip archive's own time dates every applicant in it (extracted files are new)
                stamp, listing = (newest_input, "") if newest_input is not None else survey_inputs(entry)
            except OSError as exc:
                found.append(DossierInput(key=key, path=entry, error=f"{entry.name}：无法读取（{os_reason(exc)}）"))
                continue
            found.append(DossierInput(key=key, path=entry, newest_input=stamp, listing=listing))

    scan(archive, "")
    return sorted(found, key=lambda d: d.key)


def _archive_suffix(name: str) -> bool:
    """The name is an applicant's archive's (``.zip``, or one of :data:`OTHER_ARCHIVES`).

    >>> _archive_suffix("张伟.ZIP"), _archive_suffix("a.tar.gz"), _archive_suffix("notes.txt")
    (True, True, False)
    """
    return Path(name).suffix.lower() in {".zip", *OTHER_ARCHIVES}


def _has_metadata(folder: Path) -> bool:
    from verify.applicant import METADATA_FILES

    return any((folder / name).is_file() for name in METADATA_FILES)


def _is_group(folder: Path) -> bool:
    """A folder of applicant folders (an archive grouped by unit), not an applicant."""
    try:
        if _has_metadata(folder):
            return False
        children = [c for c in folder.iterdir() if not is_litter(c.name)]
        if any(c.is_file() and page_suffix(c.name) in PAGE_SUFFIXES for c in children):
            return False
        return any(not c.is_symlink() and c.is_dir() and _has_metadata(c) for c in children)
    except OSError:
        return False


def attach_roster(dossiers: list[DossierInput], roster: dict) -> list[DossierInput]:
    """Give each dossier its roster row (``verify.roster.load_roster``). Roster keys
    without a dossier become error rows; dossiers without a row keep ``applicant.yaml``,
    except a folder whose name is a roster key's digits with leading zeros (001 for a key
    Excel stored as 1): an error row, the roster's row for it being unknowable."""
    out = []
    seen = set()
    for d in dossiers:
        entry = roster.get(d.key)
        if entry is not None:
            seen.add(d.key)
            d = dataclasses.replace(d, applicant=entry.applicant, error=entry.error)
        out.append(d)
    for key, entry in roster.items():
        if key in seen:
            continue
        # Excel keeps 001 typed into a General cell as the number 1: the roster's row for folder 001 read "1",
        # and folder 001 was checked with its own applicant.yaml, the roster's claims unused and nobody told
        twins = [i for i, d in enumerate(out) if key.isdigit() and d.key.isdigit() and d.key != key
                 and int(d.key) == int(key) and d.key not in seen]
        if twins:
            for i in twins:
                out[i] = dataclasses.replace(out[i], error=(
                    f"名册第 {entry.row} 行的 key「{key}」与材料文件夹「{out[i].key}」只差前导零（Excel 的常规格式会去掉"
                    "前导零），无法确定名册中是哪一行；请将名册的 key 列设为文本、按文件夹名填写后重新核验"))
            continue
        out.append(DossierInput(key=key, path=Path(key), error=f"名册中有 {key}（第 {entry.row} 行），但没有找到对应的材料文件夹或压缩包"))
    return sorted(out, key=lambda d: d.key)


# ---------------------------------------------------------------- opening a dossier


@contextlib.contextmanager
def open_dossier(dossier: DossierInput, tmp_root: Path | None = None, limits: ZipLimits = ZipLimits()) -> Iterator[Path]:
    """The applicant folder of a dossier; a ``.zip`` is extracted to a temporary
    folder that is removed afterwards. A dossier under a URL is first copied into that
    temporary folder (:func:`verify.run.remote_inputs.fetch`, within the same limits)."""
    if dossier.remote is None and not dossier.is_zip:
        yield dossier.path
        return
    tmp = Path(tempfile.mkdtemp(prefix=f"{dossier.key.replace('/', '_')[:40]}-", dir=tmp_root))
    try:
        if dossier.remote is not None:
            from verify.run.remote_inputs import fetch

            source = fetch(dossier.remote, tmp / "copy", limits, label=dossier.key)
            if not dossier.remote.is_zip:
                yield source
                return
            yield _extracted(source, tmp / "x", limits, remove_zip=True)
            return
        yield _extracted(dossier.path, tmp, limits)
    finally:
        remove_tree(tmp)  # a zip may hold folders nested past Python's recursion limit


def _extracted(zip_path: Path, dest: Path, limits: ZipLimits, remove_zip: bool = False) -> Path:
    """Extract an applicant's ``.zip`` into ``dest``; the applicant folder inside."""
    skipped: list[tuple[str, str]] = []
    extract_zip(zip_path, dest, limits, skipped)
    if remove_zip:  # a downloaded copy: its space is needed no more
        with contextlib.suppress(OSError):
            os.unlink(zip_path)
    root = locate_dossier_root(dest)
    inside = skipped_under(dest, root, skipped)  # one beside the applicant folder was dropped unsaid
    if inside:  # a link in the zip is not a page, but it is not lost silently either
        (root / SKIPPED_MEMBERS).write_text(json.dumps({"token": SKIPPED_TOKEN, "members": inside}, ensure_ascii=False),
                                            encoding="utf-8")
    return root


def unpacked_bytes(dossier: DossierInput) -> int:
    """The temporary space a dossier takes where it is checked (the scheduler keeps
    the sum under :attr:`ZipLimits.max_inflight_bytes`): what its zip declares, what a
    URL's files weigh (a zip under a URL: its own size, the central directory being
    remote); a local folder is read in place."""
    if dossier.remote is not None:
        return dossier.remote.size
    return zip_declared_bytes(dossier.path) if dossier.is_zip else 0


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
        raise InputError(not_folder_or_zip(path))
    from verify.run.workspace import sweep_stale_temp, temp_area

    sweep_stale_temp()
    with temp_area("archive") as tmp:
        extract_zip(path, tmp / "archive", limits)
        root = tmp / "archive"
        entries = [e for e in root.iterdir() if not is_litter(e.name)]
        if (len(entries) == 1 and entries[0].is_dir() and locate_dossier_root(entries[0], 1) == entries[0]
                and not any((entries[0] / n).exists() for n in ("applicant.yaml", "applicant.yml", "applicant.json"))
                and any(e.is_dir() or e.suffix.lower() == ".zip" for e in entries[0].iterdir())):
            root = entries[0]
        yield root


# ---------------------------------------------------------------- pages


def _pdf_pages(path: Path) -> int:
    try:
        from ocr.sources import pdf_document, too_packed

        if too_packed(path) is not None:  # pdfium would inflate them whole to count: the pipeline refuses it
            return 1
        with pdf_document(path) as doc:
            return len(doc)
    except Exception:  # encrypted, damaged: the pipeline says why; one page for the timeout
        return 1


def _tiff_frames(path: Path) -> int:
    """A TIFF's pages, counted along its chain from the file's bytes: Pillow reads every
    page's tags to count them, and 200,000 pages of a 23 MB file held the batch's main
    process 446 s, before any worker started (hostile exploration 7)."""
    try:
        from ocr.sources import tiff_pages

        return max(1, tiff_pages(path))
    except Exception:
        return 1


#: Bytes a page of a PDF is taken to hold where the batch's own process estimates an
#: archive's pages (a scan at 200 dpi is some 100–300 KB, a page of text less).
PDF_BYTES_PER_PAGE = 100_000


def count_pages(folder: Path, on_file=None, *, estimate: bool = False, skip=frozenset()) -> int:
    """How many pages the dossier's scans and PDFs hold (for timeouts and progress).
    ``on_file(rel)`` is told each PDF or TIFF before it is opened to be counted, and
    ``on_file(None)`` at the end (a worker names the file its count is stuck in).
    ``estimate``: no PDF is opened, its pages are guessed from its size
    (:data:`PDF_BYTES_PER_PAGE`): the batch's own process orders the archive so, before
    any worker starts, and pdfium opening a hostile PDF there had no time limit.
    ``skip``: files (paths under ``folder``) a try before died reading, counted unopened.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.pdf").write_bytes(b"%PDF-1.4" + bytes(250_000)); _ = (folder / "b.jpg").write_bytes(b"x")
    >>> count_pages(folder, estimate=True), count_pages(folder)  # the second opens the (broken) PDF: one page
    (3, 2)
    >>> told = []; count_pages(folder, told.append), told
    (2, ['a.pdf', None])
    >>> told = []; count_pages(folder, told.append, skip={"a.pdf"}), told  # a file a try before died on
    (2, [None])
    """
    total = 0
    for root, dirs, files in walk(folder):
        dirs[:] = [d for d in dirs if not is_litter(d)]
        for name in files:
            suffix = page_suffix(name)
            if suffix not in PAGE_SUFFIXES or is_litter(name):
                continue
            path = Path(root, name)
            try:  # links and special files (a FIFO would block) are not read: the pipeline says why
                info = os.lstat(path)
                if not stat.S_ISREG(info.st_mode):
                    continue
            except OSError:
                continue
            if info.st_size > MAX_FILE_BYTES:  # never opened (a sparse PDF claiming 50 GB): the pipeline says why
                total += 1
            elif suffix == ".pdf" and estimate:
                from ocr.sources import MAX_PAGES  # a file of more is refused unread

                total += max(1, min(info.st_size // PDF_BYTES_PER_PAGE, MAX_PAGES))
            elif suffix in (".pdf", ".tif", ".tiff") and path.relative_to(folder).as_posix() not in skip:
                if on_file is not None:
                    on_file(path.relative_to(folder).as_posix())
                total += _pdf_pages(path) if suffix == ".pdf" else _tiff_frames(path)
            else:
                total += 1
    if on_file is not None:
        on_file(None)
    return total


def estimate_pages(dossier: DossierInput) -> int:
    """Pages of a dossier before it is opened (a zip's scans count one each, a PDF by
    its size): the scheduler starts the biggest dossiers first, so no worker is left
    with a long one at the end while the others idle. Nothing here opens a PDF: this
    runs in the batch's own process, with no time limit (its worker counts the pages,
    within its start-up time)."""
    if dossier.remote is not None:
        return dossier.remote.pages
    try:
        if dossier.is_zip:
            check_declared_directory(dossier.path, ZipLimits())  # its extraction says why
            with zipfile.ZipFile(dossier.path) as zf:
                return sum(1 for n in zf.namelist() if page_suffix(n) in PAGE_SUFFIXES)
        return count_pages(dossier.path, estimate=True) if dossier.path.is_dir() else 0
    except Exception:  # unreadable: its worker reports why
        return 0
