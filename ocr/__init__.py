"""Pages to positioned text.

`ocr` knows files, pixels and text. It knows nothing about titles, seals' meaning
or review rules; `verify` builds on it.

- :func:`ocr.pipeline.read_file` – a file's pages as :class:`~ocr.pipeline.PageResult`
  (text with boxes, and the upright image they refer to)
- :func:`ocr.sources.iter_pages` – pages of JPEG/PNG/BMP/TIFF/PDF, PDF text layers
- :func:`ocr.engines.get_engine` – ``ppocr`` (default), ``paddle``, ``remote``, ``replay``
- :class:`ocr.cache.OcrCache` – SQLite cache shared by processes
- :mod:`ocr.preprocess` – orientation, deskew, red-seal fading
- :func:`ocr.metrics.cer` – character error rate

Heavy modules (onnxruntime, OpenCV, PDFium) load only when used.
"""
from ocr.model import OcrLine, OcrPage

__all__ = ["OcrLine", "OcrPage"]
