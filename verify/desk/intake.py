"""Taking dossiers in: an uploaded ``.zip`` or folder, a folder or zip from the watched
scanner folder, new scans for an applicant already at the desk, and ``applicant.yaml``
written from the desk's form.

Uploads are first staged under ``DATA/incoming/`` and only then moved into
``DATA/applicants/<id>/input/`` (a rename on the same disk): a refused or broken upload
leaves no applicant behind. Zips go through the batch runner's own guard
(:func:`verify.run.batch.extract_zip` with :class:`~verify.run.batch.ZipLimits`); every
file name a browser sends goes through :func:`safe_relative_path`.

>>> safe_upload_name("A2024-003.zip")
'A2024-003.zip'
>>> safe_upload_name("../x")
Traceback (most recent call last):
...
verify.desk.store.DeskError: 文件名「../x」含有路径或非法字符，已拒绝
>>> safe_relative_path("A2024-003/扫描件/1.jpg"), safe_relative_path("A\\\\b.jpg")
('A2024-003/扫描件/1.jpg', 'A/b.jpg')
>>> safe_relative_path("A/../../x")
Traceback (most recent call last):
...
verify.desk.store.DeskError: 文件路径「A/../../x」指向上传目录之外，已拒绝
>>> safe_relative_path("A/<b>.jpg")
Traceback (most recent call last):
...
verify.desk.store.DeskError: 文件路径「A/<b>.jpg」含有文件名中不能使用的字符（如 < > : * ? " | 或控制字符），已拒绝，请改名后重新上传

A name is quoted as typed (Python's quoting doubled each backslash, 'F3/a\\\\..\\\\b.jpg':
hostile exploration 6, D9), a character that cannot be printed as its escape code:

>>> safe_relative_path("F3/a\\\\..\\\\..\\\\b.jpg")
Traceback (most recent call last):
...
verify.desk.store.DeskError: 文件路径「F3/a\\..\\..\\b.jpg」指向上传目录之外，已拒绝
>>> print(quoted("a\\nb.jpg"))
「a\\nb.jpg」
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ocr.errors import os_reason, page_suffix
from verify.desk import audit
from verify.desk.store import DataFolder, DeskError, now_iso, transaction
from verify.run.batch import PAGE_SUFFIXES, ZipLimits, extract_zip, locate_dossier_root, safe_member_path
from verify.run.inputs import remove_tree, walk
from verify.run.zips import LONG_NAME_REASON, is_litter, long_name, skipped_under

logger = logging.getLogger(__name__)

_BAD_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")
METADATA_NAME = "applicant.yaml"


def quoted(name: str) -> str:
    """``name`` in 「」 for a message, as typed: a character that cannot be printed (a line
    break, a NUL) shown as its escape code, a backslash as itself."""
    return "「" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(name)) + "」"


def safe_upload_name(name: str | None) -> str:
    """The name of one uploaded file as given, refused when it carries a path, a
    control character or is ``.``/``..``."""
    name = name or ""
    if not name or name in (".", "..") or _BAD_NAME.search(name) or name.startswith("."):
        raise DeskError(f"文件名{quoted(name)}含有路径或非法字符，已拒绝")
    if long_name(name) or len(name) > 200:
        raise DeskError(LONG_UPLOAD_NAME.format(what="文件名", name=quoted(name)))
    return name


#: the refusal of a name no Linux file system keeps (a zip or folder on Windows named by a paper's whole title: 90
#: Chinese characters are a legal name there, 270 bytes here): it was an unhandled OSError, the server's error page
LONG_UPLOAD_NAME = "{what}{name}过长，本机无法保存，已拒绝；请改短（不超过 85 个汉字或 200 个字母、数字）后重新上传"


def safe_relative_path(name: str | None) -> str:
    """The '/'-path of one file of an uploaded folder, refused when it would leave
    the folder (absolute, ``..``, a drive letter)."""
    rel = safe_member_path(name or "")
    if rel is None:
        raise DeskError(f"文件路径{quoted(name)}指向上传目录之外，已拒绝")
    if any(_BAD_NAME.search(part) for part in rel.split("/")):
        # 〈〉, a NUL: no path outside, a name no file system keeps (hostile exploration 2)
        raise DeskError(f"文件路径{quoted(name)}含有文件名中不能使用的字符（如 < > : * ? \" | 或控制字符），已拒绝，请改名后重新上传")
    return rel


def dossier_key(name: str) -> str:
    """An applicant's key from a folder or zip name: the name without ``.zip``.

    >>> dossier_key("A2024-003.zip"), dossier_key("张伟")
    ('A2024-003', '张伟')

    Composed (NFC), as the batch's keys are: Café as e + U+0301 (how macOS names files)
    is Café.

    >>> dossier_key("Cafe\u0301张.zip") == "Caf\u00e9张"
    True
    """
    key = name[:-4] if name.lower().endswith(".zip") else name
    key = unicodedata.normalize("NFC", key.strip())
    if not key or key.startswith(".") or _BAD_NAME.search(key):
        raise DeskError(f"无法从{quoted(name)}得到申报人编号（文件夹或压缩包名）")
    if long_name(name):
        raise DeskError(LONG_UPLOAD_NAME.format(what="申报人文件夹名", name=quoted(name)))
    return key


# ---------------------------------------------------------------- staging


class Staging:
    """A private folder under ``DATA/incoming`` for one upload; removed on exit.
    ``not_extracted``: the members of its zip left out (:func:`unpack_zip`), which
    :func:`register` and :func:`copy_scans` record for the check."""

    def __init__(self, folder: DataFolder):
        folder.incoming.mkdir(parents=True, exist_ok=True)
        clear_stale_staging(folder)  # a desk killed while taking an upload in left its folder here
        self.path = Path(tempfile.mkdtemp(prefix="upload-", dir=folder.incoming))
        self.not_extracted: list[tuple[str, str]] = []
        self.upload_path: Path | None = None  # the upload as staged, above its applicant folder

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        remove_tree(self.path)

    def file(self, rel: str) -> Path:
        target = (self.path / "files" / rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


#: an upload's staging folder untouched this long is a leftover (a desk killed while taking it in)
STALE_STAGING_SECONDS = 3600


def clear_stale_staging(folder: DataFolder, older_than: float = STALE_STAGING_SECONDS) -> int:
    """Remove the staging folders under ``incoming/`` left by a desk that died while taking an
    upload in (killed, the power cut, the machine out of memory): :class:`Staging` removes its
    own on exit, but a process that ends without it left them there for good, up to a gigabyte
    each (a zip's unpacked size), and nothing ever removed them. Called as the desk starts and
    as each upload is staged. Only folders in which nothing
    changed for ``older_than`` seconds, folders included (a zip's members keep their own old
    times), so another desk's upload under way on the same data folder is left alone. How many
    were removed.

    >>> import tempfile, time
    >>> folder = DataFolder(tempfile.mkdtemp()); folder.create()
    >>> with Staging(folder) as s: _ = s.file("A1/p1.jpg").write_bytes(b"x")
    >>> old = Staging(folder); _ = old.file("A1/p1.jpg").write_bytes(b"x")
    >>> clear_stale_staging(folder), old.path.exists()
    (0, True)
    >>> for p in [old.path, *old.path.rglob("*")]: os.utime(p, (time.time() - 2 * 3600,) * 2)
    >>> clear_stale_staging(folder), old.path.exists()
    (1, False)
    """
    import time

    from verify.run.inputs import newest_mtime

    removed = 0
    try:
        leftovers = [p for p in folder.incoming.iterdir() if p.name.startswith("upload-") and p.is_dir()
                     and not p.is_symlink()]
    except OSError:
        return 0
    for path in leftovers:
        try:
            if time.time() - newest_mtime(path) < older_than:
                continue
        except OSError:
            continue
        remove_tree(path)
        removed += not path.exists()
    return removed


def unpack_zip(zip_path: Path, staging: Staging, limits: ZipLimits) -> Path:
    """Extract a dossier zip into the staging folder; its applicant folder (the one
    holding ``applicant.yaml``, or the single folder inside the zip). The members not
    extracted (links, names too long) go to ``staging.not_extracted``: they were only in
    the server's log, and the report said nothing of a file handed in (hostile exploration 4)."""
    if not zipfile.is_zipfile(zip_path):
        raise DeskError(f"{zip_path.name}：不是有效的 ZIP 压缩包")
    too_many_members(zip_path, limits)
    dest = staging.path / "unpacked"
    skipped: list[tuple[str, str]] = []
    try:
        extract_zip(zip_path, dest, limits, skipped)
    except Exception as exc:  # UnsafeArchive and friends: their message is the reason
        raise DeskError(str(exc)) from None
    staging.upload_path = dest
    return _rooted(staging, dest, skipped, lambda: upload_root(dest))


def skipped_of(dest: Path, folder: Path, folders, skipped) -> list[tuple[str, str]]:
    """The members of a zip of several applicants' folders skipped in ``folder``'s, named
    as its report names files, and those outside every applicant's folder (each is told)."""
    mine = [(rel, why) for rel, why in skipped
            if folder in (dest / rel).parents or not any(f in (dest / rel).parents for f in folders)]
    return skipped_under(dest, folder, mine)


#: what to do with a dossier of more files than one upload takes (desk exploration 7)
SPLIT_ADVICE = ("一位申报人的材料通常只有几十到几百个文件，请检查是否误选了上级文件夹或混入了无关文件；"
                "确需全部提交的，请分成几个压缩包（或几次选择文件夹），先上传其中一个，"
                "其余在该申报人页面的“补充扫描件”处上传（同名文件夹中的文件会合并）")


def too_many_files(count: int, limit: int) -> str:
    """The refusal of a folder of ``count`` files over ``limit``, with what to do.

    >>> too_many_files(5200, 5000).split("。")[0]
    '文件过多（5200 个，上限 5000 个）'
    """
    return f"文件过多（{count} 个，上限 {limit} 个）。{SPLIT_ADVICE}"


def too_many_members(zip_path: Path, limits: ZipLimits) -> None:
    """Refuse a zip of more members than :attr:`ZipLimits.max_members` saying what to do:
    where its folders' own entries and system litter (``__MACOSX``, ``._*``) made the
    count, upload the folder itself (only its files count), else split it (the refusal
    named the limit only, desk exploration 7). The limit itself is the batch's. A central
    directory over :attr:`ZipLimits.max_directory_bytes` is refused unlisted (millions of
    entries: zipfile holds each)."""
    from verify.run.zips import declared_directory

    declared = declared_directory(zip_path)
    if declared is not None and declared[1] > limits.max_directory_bytes:
        raise DeskError(f"{zip_path.name}：压缩包内共 {declared[0]} 项，文件目录过大（{declared[1] / 2**20:.0f} MB，"
                        f"上限 {limits.max_directory_bytes / 2**20:.0f} MB）。{SPLIT_ADVICE}")
    try:
        with zipfile.ZipFile(zip_path) as zf:
            infos = zf.infolist()
    except Exception:  # a damaged zip: extract_zip says so
        return
    if len(infos) <= limits.max_members:
        return
    files = sum(1 for i in infos if not i.is_dir() and not any(is_litter(p) for p in i.filename.split("/")))
    said = f"{zip_path.name}：压缩包内共 {len(infos)} 项，超过上限 {limits.max_members}（文件夹、系统附带文件也计入）"
    if files <= limits.max_members:
        raise DeskError(f"{said}，其中文件 {files} 个：请直接选择该申报人的文件夹上传（只计文件），"
                        "或在 Mac 上打包时去掉 __MACOSX 等附带文件后重新压缩")
    raise DeskError(f"{said}，其中文件 {files} 个。{SPLIT_ADVICE}")


def stage_files(staging: Staging, rels: list[str], files) -> Path:
    """Save an uploaded folder's ``files`` (named by ``rels``, each from
    :func:`safe_relative_path`) into the staging folder; its applicant folder. A file whose
    name is longer than this machine keeps is not saved but named in
    ``staging.not_extracted``, as a zip's member is (it was an unhandled OSError that lost
    the whole upload); an applicant folder so named is refused (:func:`dossier_key`)."""
    for top in {rel.split("/")[0] for rel in rels}:
        if long_name(top):
            dossier_key(top)  # raises: the folder names the applicant
    skipped = []
    for rel, upload in zip(rels, files):
        if long_name(rel):
            skipped.append((rel, LONG_NAME_REASON))
            continue
        with open(staging.file(rel), "wb") as out:
            shutil.copyfileobj(upload.file, out, 1 << 20)
    return _rooted(staging, staging.path / "files", skipped, lambda: folder_root(staging))


def _rooted(staging, dest, skipped: list[tuple[str, str]], find_root):
    """The applicant's folder ``find_root()`` finds in an upload unpacked or written to ``dest``, with the files left
    out under it (``skipped``) noted on ``staging``; several applicants' folders raise with each one's left out."""
    try:
        root = find_root()
    except SeveralApplicants as several:
        several.not_extracted = {folder: skipped_of(dest, folder, several.folders, skipped)
                                 for folder in several.folders}
        raise
    staging.not_extracted = skipped_under(dest, root, skipped)
    return root


def folder_root(staging: Staging) -> Path:
    """The applicant folder of an uploaded folder (the files are staged under
    ``files/<top folder>/...``)."""
    files = staging.path / "files"
    if not files.is_dir():
        raise DeskError("没有收到任何文件")
    staging.upload_path = files
    return upload_root(files)


class SeveralApplicants(DeskError):
    """An upload holding several applicants' folders (each with its ``applicant.yaml``)
    and nothing else: ``folders``, each checked as an applicant of its own by the upload
    (the archive of a day's scans zipped whole, or its folder chosen). ``not_extracted``:
    each folder's members of a zip left out."""

    def __init__(self, message: str, folders: list[Path], left_out: list[str] = ()):
        super().__init__(message)
        self.folders = folders
        self.left_out = list(left_out)  # files beside them that are no scans: not taken
        self.not_extracted: dict[Path, list[tuple[str, str]]] = {}


def upload_root(folder: Path) -> Path:
    """The applicant folder inside an upload: the folder holding ``applicant.yaml`` (found
    as the batch finds it), else the upload's one top-level folder (the folder that was
    zipped or chosen), else the upload itself. Sub-folders below that are the dossier's own.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "A7" / "扫描").mkdir(parents=True); _ = (root / "A7" / "扫描" / "p1.jpg").write_bytes(b"x")
    >>> upload_root(root).name
    'A7'

    An upload holding several applicants' folders is never made one applicant: alone, they
    are :class:`SeveralApplicants` (the upload takes each); beside other files, refused:

    >>> two = Path(tempfile.mkdtemp())
    >>> for k in ("A1", "A2"):
    ...     (two / "archive" / k).mkdir(parents=True); _ = (two / "archive" / k / "applicant.yaml").write_text("name: x")
    >>> _ = (two / "archive" / "名单.xlsx").write_bytes(b"x")
    >>> try:
    ...     upload_root(two)
    ... except SeveralApplicants as e:
    ...     print([f.name for f in e.folders], e.left_out)
    ['A1', 'A2'] ['名单.xlsx']
    >>> _ = (two / "archive" / "说明.jpg").write_bytes(b"x")
    >>> try:
    ...     upload_root(two)
    ... except DeskError as e:
    ...     print(type(e).__name__, str(e)[:30])
    DeskError 上传的材料中有 2 位申报人的文件夹（A1、A2），各含一份
    """
    from verify.applicant import find_metadata
    from verify.run.batch import _is_ignored

    located = locate_dossier_root(folder)
    if find_metadata(located) is not None:
        return located
    inside = [e for e in located.iterdir() if not _is_ignored(e.name)]
    # several applicants' folders in one upload (an archive zipped whole) would become one
    # made-up applicant checked over everyone's scans: each is uploaded on its own
    several = sorted((e for e in inside if e.is_dir() and find_metadata(locate_dossier_root(e)) is not None),
                     key=lambda e: e.name)
    if len(several) > 1:
        shown = "、".join(e.name for e in several[:5]) + ("等" if len(several) > 5 else "")
        said = f"上传的材料中有 {len(several)} 位申报人的文件夹（{shown}），各含一份 applicant.yaml"
        others = sorted(e.name for e in inside if e not in several)
        # scans (or folders, zips) beside the applicants' folders belong to none of them:
        # whose, a person says; anything else (a roster, a note) is no one's material
        material = [n for n in others if (located / n).is_dir() or page_suffix(n) in PAGE_SUFFIXES
                    or n.lower().endswith(".zip")]
        if not material:
            raise SeveralApplicants(said, several, left_out=others)
        others = material
        listed = "、".join(others[:5]) + ("等" if len(others) > 5 else "")
        raise DeskError(f"{said}，另有不属于任何申报人文件夹的 {len(others)} 项（{listed}）；"
                        "请把这些文件放进所属申报人的文件夹后重新上传，或每位申报人分别上传（每次一个压缩包或文件夹）")
    entries = [e for e in folder.iterdir() if not _is_ignored(e.name)]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return folder


def files_under(folder: Path) -> list[Path]:
    """Every file under ``folder``, in order (a stack walk: a folder nested 1,500 deep
    recursed out of Python 3.11's rglob)."""
    return sorted(Path(root, name) for root, _, files in walk(folder) for name in files)


def file_digests(folder: Path) -> dict[str, str]:
    """The sha256 of every file under ``folder`` (links not followed, left out) by its
    '/'-path there: what a check is about to read, so that a decision made on a page is
    not carried onto a file put in its place since (:func:`verify.desk.review.record_run`).
    A file that cannot be read is left out (no digest: never the same as one that had).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()); (root / "扫描").mkdir(); _ = (root / "扫描" / "p1.jpg").write_bytes(b"x")
    >>> file_digests(root)["扫描/p1.jpg"][:12]
    '2d711642b726'
    """
    from ocr.cache import file_digest
    from ocr.errors import MAX_FILE_BYTES

    out = {}
    for path in files_under(folder):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            info = path.stat()
            # a file the check refuses unread (over MAX_FILE_BYTES: a sparse file of a few KB
            # claiming 200 GB) is known by its size and time: hashed, it held the queue for minutes
            out[path.relative_to(folder).as_posix()] = (
                file_digest(path) if info.st_size <= MAX_FILE_BYTES else f"unread:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            continue
    return out


def count_scans(folder: Path) -> int:
    return sum(1 for p in files_under(folder) if p.is_file() and page_suffix(p.name) in PAGE_SUFFIXES)


# ---------------------------------------------------------------- applicants


@dataclass(frozen=True)
class Intake:
    applicant_id: int
    key: str
    queued: bool
    problem: str | None = None  # why it waits for the form (no or bad applicant.yaml)


def read_metadata(folder: Path) -> tuple[object | None, str | None]:
    """``(applicant, None)`` or ``(None, why not)`` for the applicant folder."""
    from verify.applicant import MetadataError, find_metadata, load_applicant

    if find_metadata(folder) is None:
        return None, "材料中没有 applicant.yaml，请填写申报人信息后再核验"
    try:
        return load_applicant(folder), None
    except MetadataError as exc:
        return None, str(exc)


def stated_id_number(value) -> str:
    """The ID number an ``applicant.yaml`` states, as the 18 characters it compares by
    (spaces, full-width forms, a 15-digit first-generation number made alike), or ''
    when it states none that could be one.

    >>> stated_id_number(" 210402 19860211 026x "), stated_id_number("210402860211026"), stated_id_number("待补")
    ('21040219860211026X', '210402198602110267', '')
    """
    from verify.read.identifiers import ric

    number = ric.to_18(value) if isinstance(value, str) else ""
    return number if len(number) == 18 else ""


def _id_number_in(folder: Path) -> str:
    return stated_id_number(load_metadata_dict(folder).get("id_number"))


def not_extracted_text(members) -> str:
    """What a refusal adds about the zip members not extracted (a zip of links only is
    refused as empty, and the uploader is told why).

    >>> not_extracted_text([("a.jpg", "符号链接，未解压")])
    '；压缩包中有 1 个文件未解压：a.jpg（符号链接，未解压）'
    >>> not_extracted_text([])
    ''
    """
    if not members:
        return ""
    shown = "、".join(f"{rel}（{reason}）" for rel, reason in list(members)[:3])
    return f"；压缩包中有 {len(members)} 个文件未解压：{shown}" + ("等" if len(members) > 3 else "")


def record_not_extracted(folder: DataFolder, applicant_id: int, members) -> None:
    """Keep the zip members not extracted for this applicant, as ``(path, reason)``,
    beside its input folder, where every later check reads them
    (:func:`verify.desk.worker.read_not_extracted`). Those recorded before stay unless a
    file of that path has come in since (new scans replace a link, say); a member
    skipped again gets its new reason."""
    note = folder.not_extracted_file(applicant_id)
    kept: dict[str, str] = {}
    if note.is_file():
        from verify.desk.worker import read_not_extracted

        target = folder.input_dir(applicant_id)
        kept = {rel: reason for rel, reason in read_not_extracted(note)
                if not os.path.lexists(target / rel)}
    kept.update((str(rel), str(reason)) for rel, reason in members)
    if kept:
        from verify.desk.worker import write_json_atomic

        write_json_atomic(note, {"members": [[rel, reason] for rel, reason in kept.items()]})
    elif note.exists():
        note.unlink()


def register(folder: DataFolder, conn: sqlite3.Connection, root: Path, key: str, user: str, *,
             source: str = "upload", source_path: str | None = None, not_extracted=()) -> Intake:
    """Make ``root`` (a staged applicant folder) an applicant: insert its row with the
    audit row, move the files in, read ``applicant.yaml``, record the members of its zip
    that were ``not_extracted``. Call inside a transaction;
    the caller queues the check (:func:`verify.desk.queue.submit`) when ``queued``."""
    if count_scans(root) == 0:
        raise DeskError(f"{key}：没有找到扫描件或 PDF（支持 JPG、PNG、BMP、TIFF、PDF）" + not_extracted_text(not_extracted))
    applicant, problem = read_metadata(root)
    cur = conn.execute(
        "INSERT INTO applicants (key, name, unit, source, source_path, created_at, created_by, state, metadata_error,"
        " id_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, getattr(applicant, "name", None), getattr(applicant, "unit", None), source, source_path, now_iso(),
         user, "needs_info", problem, _id_number_in(root)))
    applicant_id = cur.lastrowid
    target = folder.input_dir(applicant_id)
    if target.parent.exists():  # left by a transaction that was rolled back
        remove_tree(target.parent)
    target.parent.mkdir(parents=True)
    shutil.move(str(root), str(target))
    record_not_extracted(folder, applicant_id, not_extracted)
    audit.append(conn, user, "applicant.watch" if source == "watch" else "applicant.upload", applicant_id=applicant_id,
                 target=key, after={"scans": count_scans(target), "name": getattr(applicant, "name", None),
                                    "source_path": source_path,
                                    **({"not_extracted": [rel for rel, _ in not_extracted]} if not_extracted else {})})
    return Intake(applicant_id, key, problem is None, problem)


@dataclass(frozen=True)
class Copied:
    """The files new scans brought in, by their '/'-path in the applicant's folder;
    ``removed``: originals the reviewer chose as what they replace (a re-scan under a new
    name), taken out of the dossier; ``aside``: where the files replaced or removed are
    kept, relative to the data folder (None when none was)."""
    new: tuple[str, ...]
    replaced: tuple[str, ...]
    removed: tuple[str, ...] = ()
    aside: str | None = None

    def __len__(self) -> int:
        return len(self.new) + len(self.replaced)

    def summary(self) -> str:
        """What a reviewer is told of them.

        >>> Copied(("补充/丙.jpg",), ("补充/甲.jpg", "补充/乙.jpg")).summary()
        '替换 2 个：补充/甲.jpg、补充/乙.jpg；新增 1 个：补充/丙.jpg'
        >>> Copied(tuple(f"{n}.jpg" for n in range(7)), ()).summary()
        '新增 7 个：0.jpg、1.jpg、2.jpg、3.jpg、4.jpg等'
        >>> Copied(("DOC241106-12.jpg",), (), ("DOC241015-97.jpg",)).summary()
        '新增 1 个：DOC241106-12.jpg；移出被替换的原件 1 个：DOC241015-97.jpg'
        """
        def listed(paths) -> str:
            return "、".join(paths[:5]) + ("等" if len(paths) > 5 else "")

        parts = [f"{what} {len(paths)} 个：{listed(paths)}" for what, paths in (
            ("替换", self.replaced), ("新增", self.new), ("移出被替换的原件", self.removed)) if paths]
        return "；".join(parts)

    def follows(self) -> tuple[str, str] | None:
        """(old, new): the one original the reviewer chose as replaced by the one scan that
        came in, whose decisions go with it (:func:`verify.desk.review.follow_file`); None
        when the upload was not one file for one (which old page is which new one is not known).

        >>> Copied(("b.jpg",), (), ("a.jpg",)).follows(), Copied(("b.jpg", "c.jpg"), (), ("a.jpg",)).follows()
        (('a.jpg', 'b.jpg'), None)
        """
        scans = [rel for rel in self.new if rel.rsplit("/", 1)[-1] != METADATA_NAME]
        return (self.removed[0], scans[0]) if len(self.removed) == 1 and len(scans) == 1 and not self.replaced else None


def chosen_originals(target: Path, replaces) -> list[str]:
    """The originals (paths under the applicant's input ``target``) a reviewer chose as what
    new scans replace, checked: each a file the dossier holds (never a link, never a path out
    of it, never ``applicant.yaml``, which 申报人信息 edits).

    >>> import tempfile
    >>> t = Path(tempfile.mkdtemp()); (t / "扫描").mkdir(); _ = (t / "扫描" / "a.jpg").write_bytes(b"x")
    >>> chosen_originals(t, ["扫描/a.jpg", "扫描/a.jpg", ""])
    ['扫描/a.jpg']
    >>> chosen_originals(t, ["../x.jpg"])
    Traceback (most recent call last):
    ...
    verify.desk.store.DeskError: 要替换的原件「../x.jpg」不在该申报人的材料中（可能已被替换或移出），请刷新页面后重新选择
    """
    out: list[str] = []
    root = target.resolve()
    for value in replaces:
        if not isinstance(value, str) or not value.strip() or value in out:
            continue
        path = target / value
        try:
            inside = root in path.resolve().parents and path.is_file() and not path.is_symlink()
        except (OSError, ValueError):
            inside = False
        if not inside or ".." in Path(value).parts or value.startswith("/"):
            raise DeskError(f"要替换的原件{quoted(value)}不在该申报人的材料中（可能已被替换或移出），请刷新页面后重新选择")
        if path.name == METADATA_NAME:
            raise DeskError(f"{METADATA_NAME} 不能被扫描件替换：申报人信息请在「申报人信息」中修改")
        out.append(value)
    return out


def _set_aside(folder: DataFolder, applicant_id: int, target: Path, rels, aside: list[Path]) -> None:
    """Move the files ``rels`` of the input ``target`` into a new folder under
    ``replaced/`` (one rename each, on the data folder's disk), made on first use into ``aside``."""
    if not aside:
        base = folder.replaced_dir(applicant_id)
        base.mkdir(parents=True, exist_ok=True)
        n = 1 + max((int(p.name) for p in base.iterdir() if p.name.isdigit()), default=0)
        while True:
            try:
                (base / str(n)).mkdir()
                break
            except FileExistsError:
                n += 1
        aside.append(base / str(n))
    for rel in rels:
        dest = aside[0] / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.rename(target / rel, dest)


def scans_folder(root: Path, upload: Path, target: Path, key: str) -> str:
    """The folder of the applicant's input that new scans staged at ``root`` belong
    in: '' (the input itself) unless the upload (staged at ``upload``) is one of the
    applicant's own sub-folders, zipped or chosen alone (``补充/甲.jpg``): then that
    folder, whose files it replaces. Taken as the applicant's whole folder, their old
    files stayed and the new ones went beside them (hostile exploration 6, D3).

    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp()); (base / "input" / "补充").mkdir(parents=True)
    >>> (base / "up" / "补充").mkdir(parents=True); (base / "up" / "A1").mkdir()
    >>> scans_folder(base / "up" / "补充", base / "up", base / "input", "A1")
    '补充'
    >>> scans_folder(base / "up" / "A1", base / "up", base / "input", "A1"), scans_folder(base / "up", base / "up", base / "input", "A1")
    ('', '')
    """
    from verify.applicant import find_metadata

    if root == upload or root.name == key or find_metadata(root) is not None:
        return ""
    return root.name if (target / root.name).is_dir() and not (target / root.name).is_symlink() else ""


def copy_scans(folder: DataFolder, applicant_id: int, root: Path, not_extracted=(), under: str = "",
               replaces=()) -> Copied:
    """Copy new scans (and a new ``applicant.yaml``) into an applicant's input folder
    (its sub-folder ``under``, when given), replacing files of the same path, and record
    the members of their zip that were ``not_extracted``; which files came in. The
    originals named in ``replaces`` (:func:`chosen_originals`: a re-scan handed in under
    a new name, DOC241015-97.jpg again as DOC241106-12.jpg, stood beside the old scan and
    both were checked, their findings in pairs) leave the dossier. Every file replaced or
    removed is kept under ``replaced/<n>/`` (a file of the same name was overwritten, the
    image the reviewer decided on gone). Outside any transaction: :func:`record_scans`
    then records them."""
    target = folder.input_dir(applicant_id)
    if not target.is_dir():  # withdrawn meanwhile (its folder moved aside): not made again here
        raise DeskError("申报人不存在或已撤回")
    incoming = []
    for path in files_under(root):
        if path.is_symlink() or path.is_file():
            incoming.append((path, "/".join(p for p in (under, path.relative_to(root).as_posix()) if p)))
    if not incoming:
        raise DeskError("没有收到任何文件" + not_extracted_text(not_extracted))
    chosen = chosen_originals(target, replaces)
    new, replaced, aside = [], [], []
    written, set_aside = [], []  # undone if a copy fails (the disk full): the dossier as it was
    try:
        for path, rel in incoming:
            dest = target / rel
            if os.path.lexists(dest):
                replaced.append(rel)
                if dest.is_symlink() or not dest.is_file():
                    dest.unlink()
                else:
                    _set_aside(folder, applicant_id, target, [rel], aside)
                    set_aside.append(rel)
            else:
                new.append(rel)
            dest.parent.mkdir(parents=True, exist_ok=True)
            written.append(dest)
            shutil.copy2(path, dest, follow_symlinks=False)  # a link as a link: never what it points at
        removed = [rel for rel in chosen if rel not in replaced]
        for rel in removed:
            _set_aside(folder, applicant_id, target, [rel], aside)
            set_aside.append(rel)
    except OSError as exc:
        _undo_copy(target, written, aside[0] if aside else None, set_aside)
        raise DeskError(f"补充扫描件未能保存（{os_reason(exc, writing=True)}），申报人的材料保持原样、未重新核验；"
                        "请联系管理员处理后重新上传") from exc
    record_not_extracted(folder, applicant_id, [("/".join(p for p in (under, rel) if p), reason)
                                                for rel, reason in not_extracted])
    return Copied(tuple(new), tuple(replaced), tuple(removed),
                  aside[0].relative_to(folder.root).as_posix() if aside else None)


def _undo_copy(target: Path, written: list[Path], aside: Path | None, set_aside: list[str]) -> None:
    """Take a failed :func:`copy_scans` back: the files it wrote (the last one half
    written) removed, the originals it set aside under ``aside`` put back in place. A
    half-copied scan stayed in the dossier, the original it replaced moved out unrecorded,
    and the next check read the half (hostile exploration 11: the disk full mid-upload)."""
    for dest in reversed(written):
        with contextlib.suppress(OSError):
            dest.unlink()
    for rel in set_aside:
        with contextlib.suppress(OSError):
            os.rename(aside / rel, target / rel)
    if aside is not None:  # its folders, emptied (never a file left in it: an original that did not go back)
        for root, dirs, _ in sorted(os.walk(aside), key=lambda entry: -len(entry[0])):
            with contextlib.suppress(OSError):
                os.rmdir(root)


def refuse_another_person(conn: sqlite3.Connection, applicant_id: int, root: Path) -> None:
    """Refuse new scans (``root``, staged) whose ``applicant.yaml`` names someone other
    than the applicant they are sent for: another name, or another ID number than the one
    stated. Copied in, it made 赵轩's 编号 毛丽's, with 赵轩's decisions still on it and
    nothing in the audit trail (hostile exploration 6, D2). A correction of the
    applicant's own name or number is made in the form (申报人信息), which audits it.

    An applicant without a name yet (waiting for its form) takes any."""
    from verify.applicant import find_metadata
    from verify.read.identifiers import ric

    if find_metadata(root) is None:
        return
    row = conn.execute("SELECT name, id_number FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
    if row is None or not (row["name"] or row["id_number"]):
        return
    data = load_metadata_dict(root)
    applicant, _ = read_metadata(root)
    name = getattr(applicant, "name", None) or (data.get("name") if isinstance(data.get("name"), str) else "")
    number = stated_id_number(data.get("id_number"))

    def bare(text) -> str:
        return re.sub(r"\s", "", text or "")

    other_name = bool(row["name"]) and bare(name) != bare(row["name"])
    other_number = bool(row["id_number"]) and number != row["id_number"]
    if not (other_name or other_number):
        return

    def who(person, id_number) -> str:
        return (person or "姓名未填") + f"（身份证号 {ric.mask(id_number) if id_number else '未填'}）"

    raise DeskError(f"补充材料中的 applicant.yaml 为 {who(name, number)}，与本申报人 {who(row['name'], row['id_number'])}"
                    "不一致，已拒绝，未保存任何文件。如是另一位申报人的材料，请在申报人列表中另行上传；"
                    "如需更正本人的姓名或身份证号，请在“申报人信息”中修改；补充扫描件时可不附 applicant.yaml")


IDENTITY = ("name", "unit", "id_number")


def record_scans(folder: DataFolder, conn: sqlite3.Connection, applicant_id: int, added: Copied,
                 user: str) -> str | None:
    """The audit row of new scans (the files they replaced named, the first 100); reads
    ``applicant.yaml`` again (its problem, if any). A name, unit or ID number that the new
    ``applicant.yaml`` changed is in the audit row, before and after."""
    row = conn.execute("SELECT name, unit, id_number FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
    before = {k: row[k] for k in IDENTITY}
    problem = refresh_metadata(folder, conn, applicant_id)
    row = conn.execute("SELECT name, unit, id_number FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
    changed = [k for k in IDENTITY if (row[k] or None) != (before[k] or None)]
    follows = added.follows()
    audit.append(conn, user, "applicant.scans", applicant_id=applicant_id,
                 before={k: before[k] for k in changed} or None,
                 after={"files": len(added), "scans": count_scans(folder.input_dir(applicant_id)),
                        **({"replaced": list(added.replaced[:100])} if added.replaced else {}),
                        **({"removed": list(added.removed[:100])} if added.removed else {}),
                        **({"replaced_by": f"{follows[0]} → {follows[1]}"} if follows else {}),
                        **({"kept_at": added.aside} if added.aside else {}),
                        **{k: row[k] for k in changed}})
    if follows:
        from verify.desk import review

        review.follow_file(conn, applicant_id, *follows)
    return problem


def refresh_metadata(folder: DataFolder, conn: sqlite3.Connection, applicant_id: int) -> str | None:
    """Read the applicant's ``applicant.yaml`` again; store name, unit, ID number and the problem."""
    applicant, problem = read_metadata(folder.input_dir(applicant_id))
    conn.execute("UPDATE applicants SET id_number = ? WHERE id = ?",
                 (_id_number_in(folder.input_dir(applicant_id)), applicant_id))
    if applicant is not None:
        conn.execute("UPDATE applicants SET name = ?, unit = ?, metadata_error = NULL WHERE id = ?",
                     (applicant.name, applicant.unit, applicant_id))
    else:
        conn.execute("UPDATE applicants SET metadata_error = ? WHERE id = ?", (problem, applicant_id))
    return problem


def fill_id_numbers(folder: DataFolder) -> None:
    """Read the ID number of every applicant that has none recorded yet (a data folder
    of a desk before schema 3); once, on start."""
    with folder.connection() as conn, transaction(conn):
        ids = [r[0] for r in conn.execute("SELECT id FROM applicants WHERE id_number IS NULL")]
        for applicant_id in ids:
            number = _id_number_in(folder.input_dir(applicant_id)) if folder.input_dir(applicant_id).is_dir() else ""
            conn.execute("UPDATE applicants SET id_number = ? WHERE id = ?", (number, applicant_id))


def same_person(conn: sqlite3.Connection, applicant_id: int) -> list[sqlite3.Row]:
    """The other applicants at the desk (withdrawn ones aside) whose ``applicant.yaml``
    states the same ID number as this one's: one person under two 编号 (a re-upload under
    a new number, a mistaken upload), which the desk points out and does not refuse."""
    return conn.execute(
        "SELECT o.id, o.key, o.name, o.id_number FROM applicants a JOIN applicants o ON o.id_number = a.id_number"
        " WHERE a.id = ? AND a.id_number != '' AND o.id != a.id AND o.withdrawn_at IS NULL ORDER BY o.id",
        (applicant_id,)).fetchall()


def find_by_key(conn: sqlite3.Connection, key: str):
    """The applicant with this 编号 at the desk (a withdrawn one frees its 编号)."""
    return conn.execute("SELECT * FROM applicants WHERE key = ? AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1",
                        (key,)).fetchone()


# ---------------------------------------------------------------- applicant.yaml from the form

#: The form's fields, in the schema of ``applicant.yaml`` (docs/CONTRACT.md).
UNIT_KIND_NAMES_ZH = {"institution": "事业单位", "enterprise": "企业", "government": "机关"}
MAX_PAPERS = 8
MAX_AWARDS = 8


def form_to_metadata(form) -> dict:
    """The ``applicant.yaml`` dict from the desk's form fields (empty rows dropped).

    >>> d = form_to_metadata({"name": " 张伟 ", "unit": "抚顺市站", "unit_kind": "institution",
    ...     "current_title_name": "助理工程师", "current_title_date": "2019-06",
    ...     "paper_1_title": "PM2.5", "paper_1_issn": "1674-1021", "award_1_title": ""})
    >>> d["name"], d["current_title"], d["papers"]
    ('张伟', {'name': '助理工程师', 'date': '2019-06'}, [{'title': 'PM2.5', 'issn': '1674-1021'}])
    """
    def text(name):
        value = form.get(name)
        return value.strip() if isinstance(value, str) and value.strip() else None

    data: dict = {}
    for key in ("name", "id_number", "unit", "unit_kind", "specialty", "level", "campaign"):
        if text(key):
            data[key] = text(key)
    aliases = [a.strip() for a in (form.get("unit_aliases") or "").splitlines() if a.strip()]
    if aliases:
        data["unit_aliases"] = aliases
    if text("current_title_name") or text("current_title_date"):
        data["current_title"] = {k: v for k, v in (("name", text("current_title_name")),
                                                   ("date", text("current_title_date"))) if v}
    papers = []
    for i in range(1, MAX_PAPERS + 1):
        paper = {f: text(f"paper_{i}_{f}") for f in ("title", "journal", "issn", "cn", "date")}
        if any(paper.values()):
            papers.append({k: v for k, v in paper.items() if v})
    if papers:
        data["papers"] = papers
    awards = []
    for i in range(1, MAX_AWARDS + 1):
        award = {f: text(f"award_{i}_{f}") for f in ("title", "date")}
        if any(award.values()):
            awards.append({k: v for k, v in award.items() if v})
    if awards:
        data["awards"] = awards
    return data


def metadata_to_form(data: dict | None) -> dict:
    """The form's field values from an ``applicant.yaml`` dict (what the form shows).

    >>> metadata_to_form({"name": "张伟", "current_title": {"name": "助理工程师", "date": "2019-06"},
    ...                   "papers": [{"title": "PM2.5"}]})["paper_1_title"]
    'PM2.5'
    """
    data = data if isinstance(data, dict) else {}
    form = {k: str(data[k]) for k in ("name", "id_number", "unit", "unit_kind", "specialty", "level", "campaign")
            if data.get(k) is not None}
    aliases = data.get("unit_aliases")
    if isinstance(aliases, list):
        form["unit_aliases"] = "\n".join(str(a) for a in aliases)
    ct = data.get("current_title")
    if isinstance(ct, dict):
        form["current_title_name"] = str(ct.get("name") or "")
        form["current_title_date"] = str(ct.get("date") or "")
    for i, paper in enumerate(data.get("papers") or [], 1):
        if isinstance(paper, str):
            paper = {"title": paper}
        if isinstance(paper, dict) and i <= MAX_PAPERS:
            for f in ("title", "journal", "issn", "cn", "date"):
                if paper.get(f) is not None:
                    form[f"paper_{i}_{f}"] = str(paper[f])
    for i, award in enumerate(data.get("awards") or [], 1):
        if isinstance(award, str):
            award = {"title": award}
        if isinstance(award, dict) and i <= MAX_AWARDS:
            for f in ("title", "date"):
                if award.get(f) is not None:
                    form[f"award_{i}_{f}"] = str(award[f])
    return form


def load_metadata_dict(folder: Path) -> dict:
    """The applicant folder's ``applicant.yaml`` as a plain dict, read the way
    ``verify check`` reads it (size and alias limits) with its Chinese keys in the
    contract's names; ``{}`` when absent or unreadable (the form then starts empty)."""
    from verify import applicant as reader

    path = reader.find_metadata(folder)
    if path is None:
        return {}
    try:
        text = reader.read_limited(path, path.name, reader.METADATA_LIMITS)
        load = reader.load_json if path.suffix == ".json" else reader.load_yaml
        data = load(text, path.name, reader.METADATA_LIMITS)
        if not isinstance(data, dict):
            return {}
        data = reader._alias_keys(data, reader.KEY_ALIASES, "")
        if isinstance(data.get("current_title"), dict):
            data["current_title"] = reader._alias_keys(data["current_title"], reader.TITLE_KEY_ALIASES, "")
        for key, aliases in (("papers", reader.PAPER_KEY_ALIASES), ("awards", reader.AWARD_KEY_ALIASES)):
            if isinstance(data.get(key), list):
                data[key] = [reader._alias_keys(item, aliases, "") for item in data[key]]
        kind = data.get("unit_kind")
        if isinstance(kind, str):
            data["unit_kind"] = reader.UNIT_KIND_ALIASES.get(kind.strip(), kind.strip())
    except Exception as exc:  # the form starts empty; saving it writes a valid file
        logger.info("cannot prefill the form from %s (%s)", path, exc)
        return {}
    return data


#: The keys the form writes; others found in the file are kept as they were.
FORM_KEYS = ("name", "id_number", "unit", "unit_kind", "specialty", "level", "campaign", "unit_aliases",
             "current_title", "papers", "awards")


def merge_form(existing: dict, form_data: dict) -> dict:
    """The file to write: the form's fields, then whatever else the file held.

    >>> merge_form({"name": "旧", "note": "保留", "papers": [{"title": "x"}]}, {"name": "新"})
    {'name': '新', 'note': '保留'}
    """
    merged = {k: v for k, v in form_data.items()}
    for key, value in existing.items():
        if key not in FORM_KEYS and key not in merged:
            merged[key] = value
    return merged


def write_metadata(folder: DataFolder, conn: sqlite3.Connection, applicant_id: int, data: dict, user: str) -> None:
    """Validate ``data`` as ``applicant.yaml`` (the same parser as ``verify check``) and
    write it into the applicant's folder, replacing ``applicant.yml``/``.json``."""
    from verify.applicant import METADATA_FILES, MetadataError, parse_applicant

    target = folder.input_dir(applicant_id)
    before = load_metadata_dict(target)
    data = merge_form(before, data)
    try:
        applicant = parse_applicant(data, "申报人信息")
    except MetadataError as exc:
        raise DeskError(str(exc)) from None
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    tmp = target / f".{METADATA_NAME}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target / METADATA_NAME)
    for other in METADATA_FILES:
        if other != METADATA_NAME and (target / other).exists():
            (target / other).unlink()
    conn.execute("UPDATE applicants SET name = ?, unit = ?, metadata_error = NULL, id_number = ? WHERE id = ?",
                 (applicant.name, applicant.unit, stated_id_number(data.get("id_number")), applicant_id))
    audit.append(conn, user, "applicant.info", applicant_id=applicant_id, before=before or None, after=data)
