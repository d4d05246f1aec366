"""Applicants under a URL: ``verify batch s3://bucket/2024 -o OUT [--scheduler …]``.

An archive may be given as an fsspec URL (``file:///…``, ``s3://bucket/prefix`` with
s3fs installed, ``sftp://host/path`` with paramiko, ``gs://`` with gcsfs, …) instead
of a path: every worker reaches it, and OUT stays on the client, so nothing needs a
shared file system. Three steps:

1. :func:`open_url` turns the URL into a file system, up front: a protocol whose
   package is missing (``s3://`` without s3fs) or unknown is an :class:`InputError`
   in Chinese (``verify`` exits 2), not a traceback;
2. :func:`find_url_dossiers` lists the applicants on the client, by the local
   finder's rules (:func:`verify.run.inputs.find_dossiers`): every sub-folder or
   ``.zip`` is one applicant, other files are ignored, hidden names and ``__MACOSX``
   are skipped, other archive formats are error rows, an archive grouped by unit is
   keyed ``<unit>/<applicant>``. One difference: a symbolic link (only ``file://`` and
   ``sftp://`` show them) is never followed; at the top it is an error row, inside an
   applicant it is reported by the pipeline like any link. One listing request per
   top-level entry (a few run at once);
3. :func:`fetch` runs where the applicant is checked (a worker process, a Dask
   worker), called by :func:`verify.run.inputs.open_dossier`: it copies the
   applicant's files into the task's temporary folder within the limits of
   :class:`~verify.run.zips.ZipLimits` (:func:`~verify.run.zips.check_zip_limits`,
   :func:`~verify.run.zips.check_free_space`, and the bytes actually read are counted
   against the same limits), or downloads its ``.zip``, which ``open_dossier`` then
   extracts with the zip guard. The temporary folder goes with the task's.

Resume: what makes a report current is a digest of the applicant's listing
(:attr:`RemoteSource.digest`): for each file its path, size, content tag (``ETag``,
``md5Hash``, ``crc32c``… where the file system gives one) and modification time
(``mtime``, ``LastModified``… the first it gives); for a ``.zip``, the same of the zip
alone. The report keeps the digest (``batch.inputs_digest``); a rerun reuses a report
only when the digest is the same and the settings fingerprint too. Clocks are never
compared (the store's clock is not this machine's). Any added, removed, resized,
re-uploaded or touched file makes the applicant stale. A file system that gives
neither a tag nor a time (some ``http(s)://`` servers) leaves only names and sizes:
there, a file replaced by another of the same size goes unnoticed (use ``--force``).

>>> is_url("s3://bucket/2024"), is_url("file:///data/a"), is_url("/data/a"), is_url("C:\\\\data"), is_url("a:b")
(True, True, False, False, False)
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import logging
import os
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ocr.errors import SPECIAL_FILE, os_reason, page_suffix
from verify.applicant import METADATA_FILES
from verify.run.inputs import OTHER_ARCHIVES, PAGE_SUFFIXES, DossierInput
from verify.run.zips import (SKIPPED_MEMBERS, SKIPPED_TOKEN, InputError, UnsafeArchive, ZipLimits, _inside, _is_ignored,
                             check_free_space, check_zip_limits, is_litter, safe_member_path)

logger = logging.getLogger(__name__)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+://")

#: The package each common protocol needs (fsspec's own hint is quoted as well).
PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs",
            "abfss": "adlfs", "adl": "adlfs", "sftp": "paramiko", "ssh": "paramiko", "http": "aiohttp",
            "https": "aiohttp", "hdfs": "pyarrow", "webdav": "webdav4", "oss": "ossfs", "hf": "huggingface_hub"}
#: Info keys that name a file's content or version, and those that give its time
#: (the first present is used), across fsspec's file systems.
CONTENT_KEYS = ("ETag", "etag", "md5Hash", "crc32c", "Content-MD5", "content_md5", "Digest", "VersionId",
                "version_id", "checksum")
TIME_KEYS = ("mtime", "LastModified", "last_modified", "Last-Modified", "updated", "modified", "created")
#: Where a link of the source points in the copy: nowhere (the pipeline reports a
#: link without following it, as in a local folder). A hidden name is never copied.
LINK_PLACEHOLDER = ".verify-link-not-followed"
#: Listing requests run at once on the client.
LISTING_THREADS = 8


def is_url(text) -> bool:
    """``scheme://…`` with a scheme of two letters or more (``C:\\`` is a path)."""
    return isinstance(text, str) and bool(_URL.match(text))


@dataclass(frozen=True)
class RemoteSource:
    """Where an applicant lies under a URL, as the client listed it."""

    url: str
    is_zip: bool = False
    size: int = 0  # bytes of its files (a zip: the zip's own size)
    pages: int = 0  # scans and PDFs listed (0 for a zip: its directory is not read on the client)
    digest: str = ""  # the listing's digest (resume; see the module's docstring)
    newest: float = field(default=0.0, compare=False)


def open_url(url: str):
    """``(filesystem, path)`` for an fsspec URL; :class:`InputError` in Chinese when
    the protocol is unknown or its package is not installed."""
    protocol = url.split("://", 1)[0].lower()
    try:
        import fsspec
    except ImportError:  # pragma: no cover - installed with Dask
        raise InputError(f"读取 {url} 需要 fsspec（随 Dask 一同安装），请先运行 make setup 或 pip install fsspec") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        package = PACKAGES.get(protocol)
        need = f"请在本机和每个工作节点上安装 {package}（pip install {package}）" if package else "请安装该协议所需的文件系统组件"
        raise InputError(f"无法读取 {url}：{protocol}:// 协议所需的组件未安装，{need}（fsspec 提示：{exc}）") from None
    except ValueError as exc:
        if "Protocol not known" in str(exc):
            raise InputError(f"无法读取 {url}：不支持的地址协议 {protocol}://（可用 file://、s3://、sftp:// 等 fsspec "
                             "支持的协议，或直接给出本机路径）") from None
        raise InputError(f"无法读取 {url}（{exc}）") from None
    except Exception as exc:
        raise InputError(f"无法读取 {url}（{type(exc).__name__}: {exc}）") from None


def local_root(fs, path: str) -> Path | None:
    """The path on this machine when the URL is of its own file system (``file://``):
    the output folder must not lie inside it."""
    protocols = fs.protocol if isinstance(fs.protocol, (tuple, list)) else (fs.protocol,)
    return Path(path) if {"file", "local"} & set(protocols) else None


# ---------------------------------------------------------------- listing (the client)


def _kind(info: dict | None) -> str:
    """``dir``, ``file``, ``link`` (never followed) or ``other`` (a FIFO, a device)."""
    if info is None:
        return "dir"  # implied by the paths below it (object stores have no folders)
    if info.get("islink") or info.get("type") == "link":
        return "link"
    return {"directory": "dir", "file": "file"}.get(info.get("type"), "other")


def _epoch(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, _dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)).timestamp()
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return _epoch(_dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
        with contextlib.suppress(TypeError, ValueError, IndexError):
            from email.utils import parsedate_to_datetime

            return _epoch(parsedate_to_datetime(value))
    return None


def _version(info: dict) -> tuple[str, float | None]:
    """What says a file changed: its content tags and its time, as text; the time."""
    parts = [f"{k}={info[k]}" for k in CONTENT_KEYS if info.get(k) not in (None, "")]
    when = None
    for k in TIME_KEYS:
        if info.get(k) not in (None, ""):
            parts.append(f"{k}={info[k]}")
            when = _epoch(info[k])
            break
    return ";".join(parts), when


class _Node:
    """A folder as listed: its info (``None`` when only implied) and its entries."""

    __slots__ = ("info", "children")

    def __init__(self, info: dict | None = None):
        self.info = info
        self.children: dict[str, _Node] = {}

    def walk(self, prefix: str = ""):
        """``(relative path, node)`` under this one, not into ignored names, in order (a
        stack, not recursion: a folder nested 1,500 deep made the applicant an error row
        「无法读取（RecursionError…）」, where the local path reads it).

        >>> top = _tree({"a/b/c.jpg": {"type": "file"}, "a/d.jpg": {"type": "file"}, "e.jpg": {"type": "file"}}, "")
        >>> [rel for rel, _ in top.walk()]
        ['a', 'a/b', 'a/b/c.jpg', 'a/d.jpg', 'e.jpg']
        """
        def entries(prefix: str, node: "_Node"):
            return [(f"{prefix}{name}", node.children[name]) for name in sorted(node.children, reverse=True)
                    if not is_litter(name)]

        stack = entries(prefix, self)
        while stack:
            rel, child = stack.pop()
            yield rel, child
            if _kind(child.info) == "dir":
                stack.extend(entries(rel + "/", child))


def _find(fs, path: str) -> dict[str, dict]:
    """``fs.find(path, withdirs=True, detail=True)``; where fsspec's walk recurses past
    Python's limit (a folder nested 1,500 deep under ``file://`` or ``sftp://``: the
    applicant was an error row 「无法读取（RecursionError…）」, where the local path reads
    it), the same listing by a stack of ``fs.ls``, never into a link.

    >>> import fsspec, uuid; fs = fsspec.filesystem("memory"); root = f"/find-{uuid.uuid4().hex[:8]}"
    >>> fs.pipe({f"{root}/a/b/c.jpg": b"x", f"{root}/d.jpg": b"y"})
    >>> listed = sorted(n.rsplit("/", 1)[-1] for n in _find(fs, root) if n != root)
    >>> def deep(*args, **kwargs): raise RecursionError("maximum recursion depth exceeded")
    >>> fs.find = deep
    >>> listed, sorted(n.rsplit("/", 1)[-1] for n in _find(fs, root))
    (['a', 'b', 'c.jpg', 'd.jpg'], ['a', 'b', 'c.jpg', 'd.jpg'])
    >>> del fs.find
    """
    try:
        return fs.find(path, withdirs=True, detail=True)
    except RecursionError:
        pass
    top = path.rstrip("/")
    found, stack = {}, [path]
    while stack:
        for info in fs.ls(stack.pop(), detail=True):
            name = info["name"].rstrip("/")
            if name == top or name in found:
                continue
            found[name] = info
            if _kind(info) == "dir":
                stack.append(name)
    return found


def _listed_path_safe(rel: str) -> bool:
    """Whether a path the file system listed under an applicant stays inside it once
    copied: '/'-parts, none empty, ``.`` or ``..``. A name a zip member may not have is a
    file's name here: ``2021:2022考核表.jpg`` (macOS writes a name Finder shows with a "/"
    so), ``C:x.jpg`` or one holding a backslash made the whole applicant an error row
    「文件路径 … 不安全，已拒绝」 (the zip members' rule, :func:`safe_member_path`), where
    the local path reads them (hostile exploration 13).

    >>> [_listed_path_safe(p) for p in ("扫描件/2021:2022考核表.jpg", "C:x.jpg", "a\\b.jpg", "..a.jpg", " x.jpg")]
    [True, True, True, True, True]
    >>> [_listed_path_safe(p) for p in ("../x.jpg", "a/../../x.jpg", "/etc/passwd", "a//b.jpg", "./a.jpg", "")]
    [False, False, False, False, False, False]
    """
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def _make_folders(path: Path) -> None:
    """``path.mkdir(parents=True, exist_ok=True)`` without recursion (Python 3.11's recurses
    once a level: a folder nested 1,500 deep ended the copy with a RecursionError).

    >>> import tempfile; top = Path(tempfile.mkdtemp()); _make_folders(top.joinpath(*["d"] * 1500)); _make_folders(top / "d")
    >>> top.joinpath(*["d"] * 1500).is_dir()
    True
    >>> from verify.run.inputs import remove_tree; remove_tree(top)
    """
    missing = []
    while not path.is_dir():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)


def _relative(name: str, root: str) -> str:
    name, root = name.rstrip("/"), root.rstrip("/")
    if root and name.startswith(root + "/"):
        return name[len(root) + 1:]
    if not root and name:
        return name.lstrip("/")
    return "" if name == root else name


def _tree(listing: dict[str, dict], root: str) -> _Node:
    top = _Node()
    for name, info in listing.items():
        rel = _relative(name, root)
        if not rel:
            continue
        node = top
        parts = rel.split("/")
        for part in parts[:-1]:
            node = node.children.setdefault(part, _Node())
        leaf = node.children.setdefault(parts[-1], _Node())
        leaf.info = info
    return top


def _has_metadata(node: _Node) -> bool:
    return any(_kind(node.children[n].info) in ("file", "link") for n in METADATA_FILES if n in node.children)


def _is_group(node: _Node) -> bool:
    """The local finder's rule (:func:`verify.run.inputs._is_group`) on a listing."""
    if _has_metadata(node):
        return False
    children = [(n, c) for n, c in node.children.items() if not is_litter(n)]
    if any(_kind(c.info) == "file" and page_suffix(n) in PAGE_SUFFIXES for n, c in children):
        return False
    return any(_kind(c.info) == "dir" and _has_metadata(c) for _, c in children)


def _digest(lines: list[str]) -> str:
    """A listing's digest; a name's bytes no UTF-8 name has (a GBK name on a Linux disk, read
    as surrogates) are hashed as they are: they raised UnicodeEncodeError, which ended the
    whole batch with a traceback (hostile exploration 13).

    >>> _digest(["a.jpg\t1"]) == _digest(["a.jpg\t1"]) != _digest(["b" + chr(0xDCD6) + ".jpg\t1"])
    True
    """
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _folder_source(url: str, node: _Node) -> RemoteSource:
    lines, size, pages, newest = [], 0, 0, 0.0
    for rel, child in node.walk():
        kind = _kind(child.info)
        if kind == "dir":
            continue
        if kind != "file":
            lines.append(f"{rel}\t{kind}")
            continue
        info = child.info or {}
        n = int(info.get("size") or 0)
        version, when = _version(info)
        lines.append(f"{rel}\t{n}\t{version}")
        size += n
        pages += page_suffix(rel) in PAGE_SUFFIXES
        newest = max(newest, when or 0.0)
    return RemoteSource(url, False, size, pages, _digest(lines), newest)


def _zip_source(url: str, info: dict) -> RemoteSource:
    n = int(info.get("size") or 0)
    version, when = _version(info)
    return RemoteSource(url, True, n, 0, _digest([f"{posixpath.basename(url)}\t{n}\t{version}"]), when or 0.0)


def find_url_dossiers(url: str) -> list[DossierInput]:
    """The applicants under ``url``, in key order (see the module's docstring for the
    rules); :class:`InputError` when the URL cannot be read or is not a folder."""
    fs, root = open_url(url)
    root = root.rstrip("/") or root
    base = url.rstrip("/")  # an applicant's URL is the archive's and its path under it (the host stays)
    try:
        if not fs.isdir(root):
            if fs.exists(root):
                raise InputError(f"{url} 是文件，不是文件夹：通过 URL 核验时，材料目录须是文件夹（每名申报人一个子文件夹"
                                 "或 ZIP 压缩包）；整个压缩包请先解压到该位置")
            raise InputError(f"找不到材料目录 {url}")
        top = [info for info in fs.ls(root, detail=True) if _relative(info["name"], root)]
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"无法读取材料目录 {url}（{type(exc).__name__}: {exc}）") from None
    entries = {posixpath.basename(_relative(i["name"], root)): i for i in top}
    if any(n in entries and _kind(entries[n]) in ("file", "link") for n in METADATA_FILES):
        raise InputError(f"{url} 是一名申报人的材料（根目录有 applicant.yaml），请使用 verify check，"
                         "或给出其上一级目录")

    folders = [n for n in entries if not is_litter(n) and _kind(entries[n]) == "dir"]

    def listing(name: str) -> tuple[str, _Node | Exception]:
        path = entries[name]["name"].rstrip("/")
        try:
            return path, _tree(_find(fs, path), path)
        except Exception as exc:  # this entry only: an error row
            return path, exc

    with ThreadPoolExecutor(max_workers=max(1, min(LISTING_THREADS, len(folders)))) as pool:
        trees = dict(zip(folders, pool.map(listing, folders)))

    found: list[DossierInput] = []
    keys: set[str] = set()

    def add(key: str, path: str, source: RemoteSource | None = None, error: str | None = None) -> None:
        keys.add(key)
        found.append(DossierInput(key=key, path=Path(path), error=error, remote=source,
                                  newest_input=source.newest if source else 0.0))

    def place(name: str, path: str, kind: str, info: dict | None, node: _Node | None, prefix: str) -> None:
        if is_litter(name):
            return
        child_url = f"{base}/{prefix}{name}"
        if kind == "link":
            if prefix + name not in keys:
                add(prefix + name, path, error=f"{name}：是符号链接，通过地址读取材料时不跟随符号链接，请放入申报材料本身")
            return
        if kind == "dir":
            add(prefix + name, path, _folder_source(child_url, node or _Node()))
            return
        suffix = posixpath.splitext(name)[1].lower()
        if kind == "file" and suffix == ".zip":
            stem = name[:-4]
            add(prefix + stem if prefix + stem not in keys else prefix + name, path, _zip_source(child_url, info or {}))
        elif kind == "file" and suffix in OTHER_ARCHIVES:
            stem = name[: -len(suffix)]
            stem = stem[:-4] if stem.lower().endswith(".tar") else stem
            add(prefix + stem if prefix + stem not in keys else prefix + name, path,
                error=f"{name}：不支持的压缩格式，请解压后放入文件夹或改用 ZIP 压缩包")
        else:
            logger.debug("ignoring %s (not a folder or .zip)", path)

    for name in sorted(entries, key=lambda n: (_kind(entries[n]) != "dir", n)):
        info = entries[name]
        kind = _kind(info)
        if kind == "dir" and name in trees:
            path, tree = trees[name]
            if isinstance(tree, Exception):
                add(name, path, error=f"{name}：无法读取（{type(tree).__name__}: {tree}）")
                continue
            if _is_group(tree):
                for child in sorted(tree.children, key=lambda n: (_kind(tree.children[n].info) != "dir", n)):
                    node = tree.children[child]
                    place(child, f"{path}/{child}", _kind(node.info), node.info, node, f"{name}/")
                continue
            place(name, path, kind, info, tree, "")
        else:
            place(name, info["name"].rstrip("/"), kind, info, None, "")
    return sorted(found, key=lambda d: d.key)


# ---------------------------------------------------------------- copying (where the work happens)


class _Entry(NamedTuple):
    """A file to copy, as :func:`check_zip_limits` reads a zip member."""

    filename: str
    file_size: int
    compress_size: int


def fetch(source: RemoteSource, dest: Path, limits: ZipLimits = ZipLimits(), *, label: str = "") -> Path:
    """Copy an applicant from its URL into ``dest`` (created): the folder's files, or
    the ``.zip`` itself (returned: the caller extracts it with the zip guard).
    :class:`InputError` (Chinese) when it cannot be read or breaks a limit."""
    label = label or posixpath.basename(source.url.rstrip("/"))
    fs, path = open_url(source.url)
    path = path.rstrip("/") or path
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    try:
        if source.is_zip:
            size = int(fs.info(path).get("size") or 0)
            check_zip_limits(label, [_Entry(posixpath.basename(path), size, size)], limits, folder=True)
            check_free_space(label, dest, size, limits)
            name = posixpath.basename(path)
            target = dest / (name if safe_member_path(name) == name and not _is_ignored(name) else "dossier.zip")
            with fs.open(path, "rb") as src:
                _copy(src, target, min(limits.max_total_bytes, limits.max_member_bytes), label, name)
            return target
        tree = _tree(_find(fs, path), path)
        files, links, skipped = [], [], []
        for rel, node in tree.walk():
            if not _listed_path_safe(rel):
                raise UnsafeArchive(f"{label}：文件路径 {rel!r} 不安全，已拒绝")
            kind = _kind(node.info)
            if kind == "file":
                files.append((rel, (node.info or {})["name"], int((node.info or {}).get("size") or 0)))
            elif kind == "link":
                links.append(rel)
            elif kind == "other":  # a FIFO, a socket, a device: never opened, and said (it was dropped unsaid)
                skipped.append((rel, SPECIAL_FILE))
        total = check_zip_limits(label, [_Entry(rel, n, n) for rel, _, n in files], limits, folder=True)
        check_free_space(label, dest, total, limits)
        copied = 0
        real_dest = dest.resolve()
        for rel, name, _ in files:
            target = dest / rel
            _make_folders(target.parent)
            if not _inside(target.parent.resolve(), real_dest):
                raise UnsafeArchive(f"{label}：文件路径 {rel!r} 指向复制目录之外，已拒绝")
            cap = min(limits.max_member_bytes, limits.max_total_bytes - copied)
            try:
                src = fs.open(name, "rb")
            except (FileNotFoundError, PermissionError) as exc:  # gone since listed, or not ours to read: that
                skipped.append((rel, _unopened(exc)))  # file said, the rest checked (it was the applicant's error row)
                continue
            with src:
                copied += _copy(src, target, cap, label, rel)
        for rel in links:  # kept as a link to nowhere: reported, never followed
            target = dest / rel
            _make_folders(target.parent)
            with contextlib.suppress(FileExistsError):
                os.symlink(LINK_PLACEHOLDER, target)
        if skipped:  # read by the pipeline (dossier_files) in this process, as a zip's members left out are
            (dest / SKIPPED_MEMBERS).write_text(json.dumps({"token": SKIPPED_TOKEN, "members": skipped[:1000]},
                                                           ensure_ascii=False), encoding="utf-8")
        return dest
    except InputError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise InputError(f"{label}：读取 {source.url} 失败（{type(exc).__name__}: {exc}），请确认各工作节点都能访问该地址") from None


def _unopened(exc: OSError) -> str:
    """Why a listed file was not copied.

    >>> import errno
    >>> _unopened(FileNotFoundError(errno.ENOENT, "x")), _unopened(PermissionError(errno.EACCES, "x"))
    ('文件在列出后已不存在（正被移动、改名或删除），未核验', '文件无法打开（没有读取权限），未读取')
    """
    if isinstance(exc, FileNotFoundError):
        return "文件在列出后已不存在（正被移动、改名或删除），未核验"
    return f"文件无法打开（{os_reason(exc)}），未读取"


def _copy(src, target: Path, cap: int, label: str, rel: str) -> int:
    """Copy one file open as ``src``, reading no more than ``cap`` bytes (a file that grew
    after it was listed does not escape the limits); the bytes copied."""
    n = 0
    with open(target, "wb") as out:
        while True:
            chunk = src.read(1 << 20)
            if not chunk:
                return n
            n += len(chunk)
            if n > cap:
                raise UnsafeArchive(f"{label}：{rel} 超过大小上限（复制时读到 {n / 2**20:.0f} MB 以上），已拒绝")
            out.write(chunk)


__all__ = ["RemoteSource", "is_url", "open_url", "local_root", "find_url_dossiers", "fetch"]
