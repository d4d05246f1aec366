"""Pages to positioned text.

`ocr` knows files, pixels and text. It knows nothing about titles, seals' meaning
or review rules; `verify` builds on it.
"""
from ocr.model import OcrLine, OcrPage

__all__ = ["OcrLine", "OcrPage"]
