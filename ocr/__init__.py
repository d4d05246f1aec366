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

onnxruntime (1.32) sends telemetry unless told not to, and its telemetry writes
``.ses`` into the working folder and a database under ``~/.cache/Microsoft`` as soon
as it is imported: the toolkit writes nothing outside its output and temporary
folders, so ``ORT_DISABLE_TELEMETRY`` is set here, before any engine imports it.
"""
import os as _os

_os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

from ocr.model import OcrLine, OcrPage  # noqa: E402

__all__ = ["OcrLine", "OcrPage"]
