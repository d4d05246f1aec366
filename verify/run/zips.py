"""Zip input: the guards and the extraction of an applicant's (or an archive's) ``.zip``.

Nothing in a zip is trusted: member paths, declared sizes, ratios, links, name
encodings (:func:`extract_zip`). Moved from ``verify.run.batch``, which re-exports
these names.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import shutil
import stat
import struct
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


logger = logging.getLogger(__name__)


IGNORED_NAMES = frozenset({"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"})
_LITTER = frozenset(name.lower() for name in IGNORED_NAMES)


class InputError(Exception):
    """An input (the archive root, a dossier ``.zip``) cannot be read; message in Chinese."""


class UnsafeArchive(InputError):
    """A ``.zip`` that escapes its folder, is too big, encrypted or damaged."""


#: the deepest a zip member may lie (folders): a dossier is a few folders deep, and one
#: nested 1,200 deep recursed out of Python's folder making (hostile exploration)
MAX_FOLDER_DEPTH = 64


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
    #: the central directory, as the end record declares it: 5 000 members of long names
    #: take about 2 MB; Python's zipfile holds every entry it lists (3 000 000 empty
    #: members, 270 MB: 81 s and 1.6 GB, three times over, before the count was refused)
    max_directory_bytes: int = 16 << 20


def control_or_format(ch: str) -> bool:
    r"""A control or format character (Unicode Cc, Cf): a line break, an ESC, a
    right-to-left override, a zero-width space: no key may hold one.

    >>> [control_or_format(c) for c in "\n\u202e\u200b\u3000张"]
    [True, True, True, False, False]
    """
    return unicodedata.category(ch) in ("Cc", "Cf")


def shown_name(name: str, hidden=None) -> str:
    r"""A name as a message shows it: each character ``hidden`` picks (by default every
    one that does not print, a space apart) escaped as Python writes it (an ESC in a zip
    member's name, quoted raw, reached summary.xlsx: hostile exploration 5, P1). The one
    escaping of names: the batch's summary row of a refused key escapes only
    :func:`control_or_format` characters (an ideographic space stays one), and a key's
    Unicode twin its characters that are not NFC.

    >>> shown_name("内\x1b层.zip"), shown_name("张伟.jpg")
    ('内\\x1b层.zip', '张伟.jpg')
    >>> shown_name("\u202e伟\u3000张"), shown_name("\u202e伟\u3000张", control_or_format)
    ('\\u202e伟\\u3000张', '\\u202e伟\u3000张')
    """
    hidden = hidden or (lambda ch: not (ch.isprintable() or ch == " "))
    return "".join(ch.encode("unicode_escape").decode("ascii") if hidden(ch) else ch for ch in name)


def is_litter(name: str) -> bool:
    """What operating systems leave beside files (Finder's ``.DS_Store`` and ``._*``
    AppleDouble files, ``__MACOSX``, Explorer's ``Thumbs.db`` and ``desktop.ini``) and the
    toolkit's own notes (``.verify-…``): skipped without a word. Any other name starting
    with "." is read like any other (``.张伟/``, ``.材料6.jpg`` were dropped without a
    word: hostile exploration 5, P5).

    >>> [is_litter(n) for n in (".DS_Store", "._材料6.jpg", "THUMBS.DB", ".verify-skipped-members.json")]
    [True, True, True, True]
    >>> [is_litter(n) for n in (".张伟", ".材料6.jpg", "材料6.jpg", ".扫描件")]
    [False, False, False, False]

    The toolkit's notes all start ``.verify-``; ``.verify.lock`` or ``.verify张伟`` is
    someone's name (an applicant's folder so named was missing from the summary):

    >>> [is_litter(n) for n in (".verify.lock", ".verify张伟", ".verify-temp.lock")]
    [False, False, True]
    """
    return name.lower() in _LITTER or name.startswith(("._", ".verify-"))


def _is_ignored(name: str) -> bool:
    """:func:`is_litter`, or any hidden name: what the desk's watched folder skips (an
    upload still being written is a hidden temporary file)."""
    return name.startswith(".") or is_litter(name)


# ---------------------------------------------------------------- zip input


def safe_member_path(name: str) -> str | None:
    """The relative '/'-path a zip member may be written to, or ``None`` when it would
    escape the destination (absolute, drive letter, ``..``), checked after ``.``
    parts are dropped (``./C:`` is the drive ``C:``).

    >>> safe_member_path("材料/./证书.jpg"), safe_member_path("./C:"), safe_member_path("a/../../x")
    ('材料/证书.jpg', None, None)
    """
    name = name.replace("\\", "/")
    if name.startswith("/"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    rel = "/".join(parts)
    if len(rel) > 1 and rel[1] == ":":
        return None
    return rel


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


def _name_with_nul(info: zipfile.ZipInfo, name: str) -> str:
    r"""A member's whole name where it holds a NUL, which ``zipfile`` cuts it at (``name``
    is the part before), shown escaped: ``a\x00b.jpg``.

    >>> _name_with_nul(zipfile.ZipInfo("扫描/a\x00b.jpg"), "扫描/a")
    '扫描/a\\x00b.jpg'
    """
    tail = info.orig_filename.split("\x00", 1)[1]
    if not info.flag_bits & 0x800:  # read the rest as the name was read (cp437 to zipfile)
        try:
            tail = member_names([zipfile.ZipInfo(t) for t in tail.split("\x00")]).values()
            tail = "\x00".join(tail)
        except ValueError:
            pass
    return shown_name(name + "\x00" + tail)


#: how a report names a zip member that has no name, and why it was not read
NAMELESS = "（无名称）"
NAMELESS_REASON = "压缩包内有一个没有文件名的文件，未解压；请检查压缩包，如有缺失的材料请重新打包"


def _names_nothing(name: str) -> bool:
    r"""Whether a member's name has no part but "/" and "." (``/``, ``./``, ``""``): the
    folder the zip is extracted to, or no name at all; not a path out of it.

    >>> [_names_nothing(n) for n in ("/", "./", "", ".\\", "/etc/x", "..", "a/")]
    [True, True, True, True, False, False, False]
    """
    return all(part in ("", ".") for part in name.replace("\\", "/").split("/"))


def _member_name(info: zipfile.ZipInfo) -> str:
    """One member's name read on its own (see :func:`member_names`)."""
    return member_names([info])[0]


def declared_directory(zip_path: Path) -> tuple[int, int] | None:
    """The members and the central directory's bytes a ``.zip``'s end record declares,
    read without listing the directory (``None``: no end record read)."""
    try:
        with open(zip_path, "rb") as fh:
            end = zipfile._EndRecData(fh)  # the record ZipFile itself reads first, zip64's too
    except (OSError, ValueError, struct.error, zipfile.BadZipFile):
        return None
    if not end:
        return None
    return int(end[zipfile._ECD_ENTRIES_TOTAL]), int(end[zipfile._ECD_SIZE])


def check_declared_directory(zip_path: Path, limits: ZipLimits, label: str | None = None) -> None:
    """Raise :class:`UnsafeArchive` when the zip's end record declares more members than
    :attr:`ZipLimits.max_members`, or a central directory over
    :attr:`ZipLimits.max_directory_bytes`: before ``zipfile`` lists (and holds) every entry.
    A directory that lies about either is still listed within that size."""
    declared = declared_directory(zip_path)
    if declared is None:
        return
    members, size = declared
    label = label or Path(zip_path).name
    if members > limits.max_members:
        raise UnsafeArchive(f"{label}：压缩包内文件过多（{members} 个，上限 {limits.max_members}）")
    if size > limits.max_directory_bytes:
        raise UnsafeArchive(f"{label}：压缩包的文件目录过大（{size / 2**20:.0f} MB，上限 "
                            f"{limits.max_directory_bytes / 2**20:.0f} MB：文件过多或文件名异常），请分批重新打包")


def zip_declared_bytes(zip_path: Path) -> int:
    """What a ``.zip`` would unpack to, from its central directory (0 if unreadable, or
    over the limits of its directory: its extraction says why)."""
    try:
        check_declared_directory(zip_path, ZipLimits())
        with zipfile.ZipFile(zip_path) as zf:
            return sum(max(0, i.file_size) for i in zf.infolist())
    except Exception:
        return 0


def check_zip_limits(label: str, infos: list[zipfile.ZipInfo], limits: ZipLimits, *, folder: bool = False) -> int:
    """Raise :class:`UnsafeArchive` when the archive as declared breaks a limit; the
    declared total size otherwise. ``folder``: the entries are the files of a folder
    about to be copied (:mod:`verify.run.remote_inputs`), which the same limits bound."""
    if len(infos) > limits.max_members:
        where = "文件夹内" if folder else "压缩包内"
        raise UnsafeArchive(f"{label}：{where}文件过多（{len(infos)} 个，上限 {limits.max_members}）")
    total = sum(max(0, i.file_size) for i in infos)
    packed = sum(max(0, i.compress_size) for i in infos)
    if total > limits.max_total_bytes:
        what = "材料总量过大" if folder else "解压后过大"
        raise UnsafeArchive(f"{label}：{what}（{total / 2**20:.0f} MB，上限 {limits.max_total_bytes / 2**20:.0f} MB），"
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


def check_free_space(label: str, dest: Path, total: int, limits: ZipLimits) -> None:
    """Raise :class:`UnsafeArchive` when writing ``total`` bytes into ``dest`` would
    leave less than :attr:`ZipLimits.min_free_bytes` free."""
    with contextlib.suppress(OSError):
        free = shutil.disk_usage(dest).free
        if free - total < limits.min_free_bytes:
            raise UnsafeArchive(f"{label}：临时目录磁盘空间不足（需要 {total / 2**20:.0f} MB，剩余 "
                                f"{free / 2**20:.0f} MB），请清理磁盘后重试")


#: Written into an extracted dossier: the members that were not extracted (links,
#: special files, names too long), each with its reason, which
#: :func:`verify.run.pipeline.dossier_files` reports.
SKIPPED_MEMBERS = ".verify-skipped-members.json"
#: what proves the note was written by this process's extraction, not handed in with the
#: dossier (a planted note made 1,000 false findings, probe alt23 F19); extraction and
#: checking run in the same process (:func:`verify.run.task.check_task`)
SKIPPED_TOKEN = secrets.token_hex(16)

#: the longest file or folder name Linux file systems take, in bytes (ext4, xfs, tmpfs)
MAX_NAME_BYTES = 255
#: what the note says of each member not extracted (Chinese: the reviewer reads it)
LINK_REASON = "压缩包中的符号链接或特殊文件，出于安全考虑未解压，请放入文件本身"
LONG_NAME_REASON = f"文件名过长（超过 {MAX_NAME_BYTES} 字节），未读取，请改短文件名后重新提交"
CLASH_REASON = "与压缩包内另一文件的名称仅大小写或字符编码形式不同，本机无法同时保存两者，未读取，请改名后重新提交"
NUL_REASON = "文件名中含空字符（\\x00），解压工具会在此截断文件名、各显示不同，未解压；请改名后重新打包"
DUPLICATE_REASON = "压缩包内同一文件名出现不止一次（内容可能不同），无法确定以哪一份为准，均未解压；请重新打包"
#: names whose copy counts as the applicant's facts: a second spelling of one of them
#: (Applicant.yaml beside applicant.yaml) is refused, not kept, since an unzip tool on
#: Windows or macOS would show the reviewer either one
_METADATA_NAMES = frozenset({"applicant.yaml", "applicant.yml", "applicant.json"})


def long_name(rel: str) -> bool:
    """A part of ``rel`` is longer than a Linux file name may be (Windows counts 255
    UTF-16 units, so 90 Chinese characters are a legal name there and 270 bytes here).

    >>> long_name("材料/" + "长" * 84 + ".jpg"), long_name("材料/" + "长" * 83 + ".jpg")
    (True, False)
    >>> long_name("申" * 85), long_name("申" * 86)
    (False, True)
    """
    return any(len(os.fsencode(part)) > MAX_NAME_BYTES for part in rel.split("/"))


def extract_zip(zip_path: Path, dest: Path, limits: ZipLimits = ZipLimits(),
                skipped: list[tuple[str, str]] | None = None) -> Path:
    """Extract ``zip_path`` into ``dest`` safely; raise :class:`UnsafeArchive` (nothing
    is trusted: member paths, sizes, ratios, links, the names' encoding). Links and
    special files inside the zip are not created (a zip's link could point anywhere),
    nor are members whose name is too long for this machine or that the file system
    takes for another member's (``A.JPG`` beside ``a.jpg`` where case is not told
    apart); each is added to ``skipped`` as ``(path, reason)``, the rest extracted.
    Member mtimes are kept."""
    zip_path, dest = Path(zip_path), Path(dest)
    label = zip_path.name
    check_declared_directory(zip_path, limits, label)
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeArchive(f"{label}：不是有效的 ZIP 压缩包或已损坏（{type(exc).__name__}）") from None
    with zf:
        infos = zf.infolist()
        total = check_zip_limits(label, infos, limits)
        dest.mkdir(parents=True, exist_ok=True)
        check_free_space(label, dest, total, limits)
        names = member_names(infos)
        extracted: set[str] = set()
        spellings: set[str] = set()
        duplicated: set[str] = set()
        written: set[str] = set()

        def skip(rel: str, reason: str) -> None:
            logger.warning("%s: not extracting %s: %s", label, rel, reason)
            if skipped is not None:
                skipped.append((rel, reason))

        for position, info in enumerate(infos):
            name = names[position]
            if "\x00" in info.orig_filename:  # zipfile cut it there: a\x00b.jpg was extracted as a, 证书.jpg\x00.exe as 证书.jpg
                whole = _name_with_nul(info, name)
                if (rel := safe_member_path(name) if name else "") is not None:  # the part before is where it would go
                    skip(whole if not rel else rel + whole[len(shown_name(name)):], NUL_REASON)
                    continue
            rel = safe_member_path(name)
            if rel is None and _names_nothing(name):  # "/", "./" (the archive's own folder) or "": no path to escape by
                if not info.filename.endswith("/"):  # (is_dir fails on an empty name)
                    skip(NAMELESS, NAMELESS_REASON)
                continue
            if rel is None:
                raise UnsafeArchive(f"{label}：压缩包内路径 {name!r} 指向解压目录之外，已拒绝")
            if rel.rstrip("/").count("/") > MAX_FOLDER_DEPTH:  # over 64 (it refused 64: 「64 层，上限 64 层」)
                raise UnsafeArchive(f"{label}：压缩包内文件夹层级过深（{rel.rstrip('/').count('/')} 层，"
                                    f"上限 {MAX_FOLDER_DEPTH} 层），请整理后重新打包")
            # a member given twice: which copy an unzip tool shows is the tool's choice (two
            # applicant.yaml saying 事业单位 and 企业, probe alt11), so neither is taken: the
            # applicant's facts refuse the archive, a scan given twice is not extracted (a
            # review names it) and the rest is read (one such page lost the whole applicant:
            # hostile2's audit). Two spellings of one name (A.JPG beside a.jpg, café in NFC
            # and NFD) are two files here and both are read, except the applicant's facts
            # (hostile exploration 2 P7)
            spelled = rel.rstrip("/")
            folded = unicodedata.normalize("NFC", spelled).casefold()
            metadata = folded.rsplit("/", 1)[-1] in _METADATA_NAMES
            if not info.is_dir() and (spelled in spellings and metadata or folded in extracted and metadata):
                raise UnsafeArchive(f"{label}：压缩包内 {shown_name(name)} 出现不止一次，无法确定以哪一份为准，请重新打包")
            if not info.is_dir() and spelled in spellings:
                if spelled not in duplicated and not any(is_litter(part) for part in rel.split("/")):
                    duplicated.add(spelled)
                    if spelled in written:  # the copy taken first, unless it was passed over too
                        with contextlib.suppress(OSError):
                            (dest / spelled).unlink()
                    skip(spelled, DUPLICATE_REASON)
                continue
            extracted.add(folded)
            spellings.add(spelled)
            if any(is_litter(part) for part in rel.split("/")):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode) or (not info.is_dir() and mode and stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
                skip(rel, LINK_REASON)
                continue
            if long_name(rel):  # one such file lost the whole applicant (hostile exploration 2 P7)
                if not info.is_dir():
                    skip(rel, LONG_NAME_REASON)
                continue
            target = dest / rel
            if info.is_dir():
                if not _make_folder(label, name, target):
                    skip(rel, LONG_NAME_REASON)
                continue
            if info.flag_bits & 0x1:
                raise UnsafeArchive(f"{label}：压缩包已加密，请提交未加密的压缩包")
            parent = target.parent
            if not _make_folder(label, name, parent):
                skip(rel, LONG_NAME_REASON)
                continue
            if parent.resolve() != (dest / rel).parent.resolve() or not _inside(parent.resolve(), dest.resolve()):
                raise UnsafeArchive(f"{label}：压缩包内路径 {name!r} 指向解压目录之外，已拒绝")
            try:
                # "x": a file system that takes A.JPG for a.jpg must not overwrite the first
                with zf.open(info) as src, open(target, "xb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                written.add(spelled)
            except FileExistsError:
                if target.is_dir():  # a folder of the same name (a/b.jpg, then a)
                    raise UnsafeArchive(f"{label}：压缩包内 {name!r} 与同名的文件或文件夹冲突，无法解压，请重新打包") from None
                skip(rel, CLASH_REASON)
                continue
            except OSError as exc:
                if exc.errno != errno.ENAMETOOLONG:
                    raise UnsafeArchive(f"{label}：{name} 解压失败，压缩包已损坏或格式不受支持（{type(exc).__name__}）") from None
                skip(rel, LONG_NAME_REASON)
                continue
            except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
                raise UnsafeArchive(f"{label}：{name} 解压失败，压缩包已损坏或格式不受支持（{type(exc).__name__}）") from None
            with contextlib.suppress(ValueError, OSError, OverflowError):
                stamp = time.mktime(info.date_time + (0, 0, -1))
                os.utime(target, (stamp, stamp))
    return dest


def _make_folder(label: str, name: str, folder: Path) -> bool:
    """``folder`` (and its parents) for member ``name``; False where its path is too
    long for the file system. A member that is a file where another needs a folder of
    the same name (``a`` and ``a/``, ``a`` and ``a/b``) makes the archive
    :class:`UnsafeArchive`, said in Chinese, not an OS error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UnsafeArchive(f"{label}：压缩包内 {name!r} 与同名的文件或文件夹冲突，无法解压，请重新打包") from None
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
        return False
    return True


def skipped_under(dest: Path, root: Path, skipped: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The members :func:`extract_zip` skipped into ``dest``, named as a report names
    files: relative to the applicant folder ``root`` inside ``dest``. One outside that
    folder (a link beside the zipped folder) keeps its path in the zip and says so: it
    is no file of the dossier, but the applicant did hand it in.

    >>> skipped_under(Path("/x"), Path("/x/A"), [("A/s/l.jpg", "链接"), ("b.jpg", "链接")])
    [('s/l.jpg', '链接'), ('b.jpg', '链接（位于压缩包中申报人文件夹之外）')]
    """
    out = []
    for rel, reason in skipped:
        path = dest / rel
        if root in path.parents:
            out.append((path.relative_to(root).as_posix(), reason))
        else:
            out.append((rel, f"{reason}（位于压缩包中申报人文件夹之外）"))
    return out


def locate_dossier_root(folder: Path, depth: int = 3) -> Path:
    """The applicant folder inside an extracted zip: the folder itself when it holds
    ``applicant.yaml``, else its single sub-folder (a zip of the folder), recursively."""
    folder = Path(folder)
    for _ in range(depth):
        if any((folder / n).is_file() for n in ("applicant.yaml", "applicant.yml", "applicant.json")):
            return folder
        entries = [e for e in folder.iterdir() if not is_litter(e.name)]
        if len(entries) == 1 and entries[0].is_dir():
            folder = entries[0]
        else:
            return folder
    return folder


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
