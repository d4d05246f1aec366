"""Why a file could not be turned into pages.

Each error carries a message a desk clerk can act on; the batch turns it into a
``review`` finding naming the file. The library raises, the CLI maps to exit codes.
"""
from __future__ import annotations

import errno
import os
import stat


class OcrError(Exception):
    """Base of everything ``ocr`` raises on purpose."""

    message = "无法处理该文件"

    def __init__(self, reason: str | None = None, path: str | None = None):
        self.reason = reason or self.message
        self.path = path
        super().__init__(f"{path}: {self.reason}" if path else self.reason)


class UnreadableFile(OcrError):
    """The file cannot be read as pages (the batch goes on without it)."""

    message = "文件无法读取"


class EmptyFile(UnreadableFile):
    message = "文件为空（0 字节或没有页面）"


class CorruptFile(UnreadableFile):
    message = "文件已损坏或不完整，无法解码"


class EncryptedFile(UnreadableFile):
    message = "PDF 文件已加密，请提交未加密的版本"


#: the file names of pages: what :class:`UnsupportedFile` says is supported (the content
#: decides how a file is read; the name only which files are taken for pages)
PAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".bmp", ".tif", ".tiff", ".pdf"})


def page_suffix(name) -> str:
    """The extension of a file name as :data:`PAGE_SUFFIXES` spells it: lower case, and
    the spaces and dots Windows drops from a name's end dropped (证书.JPG␠ from a zip).
    ``.jfif`` is what browsers on Windows name a downloaded JPEG.

    >>> page_suffix("证书.JPG "), page_suffix("扫描.jfif"), page_suffix("a/b.PDF."), page_suffix("说明")
    ('.jpg', '.jfif', '.pdf', '')
    """
    import os

    return os.path.splitext(str(name).rstrip(" ."))[1].lower()


class UnsupportedFile(UnreadableFile):
    message = "不支持的文件类型（支持 JPG、PNG、BMP、TIFF、PDF）"


class EngineError(OcrError):
    """The OCR engine could not run (missing models, server unreachable, timeout)."""

    message = "OCR 引擎无法运行"


class EngineUnavailable(EngineError):
    message = "OCR 引擎未安装或缺少本地模型"


class TooManyPages(UnreadableFile):
    """More pages than the configured guard allows (a wrong file, or a whole archive scan)."""

    message = "文件页数超过上限，请拆分后重新提交"


class MissingFile(UnreadableFile):
    message = "文件不存在或无法打开"


#: the largest file read (as a zip member may be, :class:`verify.run.zips.ZipLimits`): a
#: 300-page dossier scanned at 300 dpi is some hundreds of MB; a sparse file of 4 KB on
#: disk claiming 50 GB froze a batch for minutes (hostile exploration 3)
MAX_FILE_BYTES = 1 << 30

#: why a FIFO, socket or device among an applicant's files is not read (opening one may block for good, or act)
SPECIAL_FILE = "不是普通文件（管道、设备等特殊文件），未读取"


class NotRegular(OSError):
    """What :func:`open_regular` raises for a FIFO, a socket or a device."""


def open_regular(path) -> tuple[int, os.stat_result]:
    """``path`` opened for reading without following a link or waiting on a FIFO or device
    (``O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC``), and checked on the open file, so that one put
    in its place since it was looked at is neither followed nor read: its descriptor and
    ``fstat``. OSError where it cannot be opened (ELOOP for a link); :class:`NotRegular`, the
    descriptor closed, where it is no regular file.

    >>> import tempfile; d = tempfile.mkdtemp(); os.mkfifo(f"{d}/fifo"); os.symlink("/etc/hostname", f"{d}/link")
    >>> for name in ("fifo", "link"):
    ...     try: open_regular(f"{d}/{name}")
    ...     except OSError as exc: print(name, type(exc).__name__)
    fifo NotRegular
    link OSError
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd, info


class TooLarge(UnreadableFile):
    """A file larger than any page or dossier PDF needs (:data:`MAX_FILE_BYTES`):
    reading it whole (its format, its JPEG scans, the cache's digest) holds a worker for
    minutes, and a sparse file claims any size on a few kilobytes of disk."""

    message = "文件过大，未读取，请拆分或压缩后重新提交"

    @staticmethod
    def reason(size: int) -> str:
        """The reason given for a file of ``size`` bytes over :data:`MAX_FILE_BYTES`:
        its size and the limit, read by neither the check nor the desk's watch.

        >>> TooLarge.reason(3 << 30)
        '文件过大（3,072 MB，上限 1024 MB），未读取，请拆分或压缩后重新提交'
        """
        return f"文件过大（{size / 2**20:,.0f} MB，上限 {MAX_FILE_BYTES >> 20} MB），未读取，请拆分或压缩后重新提交"


class TooComplex(UnreadableFile):
    """A PDF page holding more drawing objects than any page of a dossier needs: it
    would take minutes to hours to render (a million paths in 44 KB)."""

    message = "PDF 页面内容过于复杂，无法识别，请提交扫描件或正常导出的 PDF"


#: why a file could not be read or written, as a reviewer reads it (the system's own
#: text, ``strerror``, is English): the reasons both ways share…
_OS_REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已满", errno.EROFS: "只读文件系统",
               errno.EISDIR: "同名的文件夹占据了该位置", errno.ENOTDIR: "路径中有同名的文件",
               errno.ENAMETOOLONG: "文件名过长", errno.EIO: "读写错误（磁盘或网络盘故障）",
               errno.ELOOP: "链接层数过多（循环链接）", errno.EMFILE: "同时打开的文件过多",
               errno.ENFILE: "同时打开的文件过多", errno.ETIMEDOUT: "网络盘响应超时",
               errno.ESTALE: "网络盘上的文件已失效", errno.ENOMEM: "内存不足"}
#: …and those that differ between reading…
_READ_REASONS = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.ENOENT: "文件不存在",
                 errno.EISDIR: "这是一个文件夹，不是文件"}
#: …and writing
_WRITE_REASONS = {errno.EACCES: "没有写权限", errno.EPERM: "没有写权限", errno.ENOENT: "输出目录已不存在",
                  errno.EEXIST: "同名的文件占据了该位置"}


def os_reason(exc: OSError, *, writing: bool = False) -> str:
    """An OSError's reason in Chinese where it is a common one (reading a file, or
    ``writing`` one), else the message it carries: ours are in Chinese already, the
    system's rare ones stay as the system wrote them.

    >>> import errno
    >>> os_reason(PermissionError(errno.EACCES, "Permission denied")), os_reason(PermissionError(errno.EACCES, "x"), writing=True)
    ('没有读取权限', '没有写权限')
    >>> os_reason(IsADirectoryError(errno.EISDIR, "Is a directory"), writing=True), os_reason(OSError(errno.EEXIST, "报告位置是链接"))
    ('同名的文件夹占据了该位置', '报告位置是链接')
    >>> os_reason(OSError("no errno")), os_reason(OSError(errno.EBADMSG, "Bad message"))
    ('no errno', 'Bad message')
    """
    if exc.strerror and any("\u4e00" <= ch <= "\u9fff" for ch in exc.strerror):
        return exc.strerror  # ours, already in Chinese
    own = _WRITE_REASONS if writing else _READ_REASONS
    return own.get(exc.errno) or _OS_REASONS.get(exc.errno) or exc.strerror or str(exc)


class ReadFault(EngineError):
    """Reading a file failed for the machine's reason (an I/O error of the disk or the
    network share it lies on), not the file's: as for the OCR service's failures, the
    applicant has nothing to resubmit and the next run reads it again (it was 「第 1 页图像
    已损坏或不完整」 or 「读取时出错（OSError）」, and the rerun reused that report)."""

    message = "读取文件时磁盘或网络盘出错"


#: the errors of the disk or the network share a file is read from, never of its content
MACHINE_ERRNOS = frozenset(getattr(errno, name) for name in (
    "EIO", "ESTALE", "ETIMEDOUT", "ENETDOWN", "ENETUNREACH", "ENETRESET", "EHOSTDOWN", "EHOSTUNREACH", "ECONNRESET",
    "ECONNABORTED", "ENOLINK", "EREMOTEIO", "ENOMEDIUM", "ENOTCONN", "ECOMM") if hasattr(errno, name))


def machine_fault(exc: BaseException, path: str | None = None) -> ReadFault | None:
    """The :class:`ReadFault` an exception raised while reading a file stands for, if it
    is the machine's (an :data:`MACHINE_ERRNOS` error); else None.

    >>> print(machine_fault(OSError(errno.EIO, "Input/output error"), "a.jpg").reason)
    读取文件时磁盘或网络盘出错（读写错误（磁盘或网络盘故障）），并非文件本身损坏
    >>> machine_fault(OSError("image file is truncated")), machine_fault(ValueError("x"))
    (None, None)
    """
    if not isinstance(exc, OSError) or exc.errno not in MACHINE_ERRNOS:
        return None
    return ReadFault(f"读取文件时磁盘或网络盘出错（{os_reason(exc)}），并非文件本身损坏", path)
