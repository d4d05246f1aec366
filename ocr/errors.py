"""Why a file could not be turned into pages.

Each error carries a message a desk clerk can act on; the batch turns it into a
``review`` finding naming the file. The library raises, the CLI maps to exit codes.
"""
from __future__ import annotations


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


class TooComplex(UnreadableFile):
    """A PDF page holding more drawing objects than any page of a dossier needs: it
    would take minutes to hours to render (a million paths in 44 KB)."""

    message = "PDF 页面内容过于复杂，无法识别，请提交扫描件或正常导出的 PDF"
