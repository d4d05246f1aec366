"""Read a file into positioned text, page by page.

:func:`read_file` is the one entry point. Per page it runs, in order:

1. ``open_pages``      – :func:`ocr.sources.iter_pages` (typed errors for bad files)
2. ``use_text_layer``  – a digital PDF page's own text is the result; no OCR
3. ``look_up_cache``   – file bytes + page number, then page pixels (no OCR on a hit)
4. ``orient``          – turn the page upright (0/90/180/270)
5. ``deskew``          – straighten small tilts
6. ``text_view``       – fade red seals for the text pass (the page image keeps them)
7. ``recognise``       – the engine reads the text view
8. ``store``           – into the cache

Coordinates in every :class:`PageResult` refer to ``PageResult.image``: the
upright, deskewed page (for PDF pages: rendered at ``settings.dpi``). The image
is produced lazily, so text-layer and cached pages stay fast until someone looks.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .cache import OcrCache, cache_key, file_digest
from .engines import OcrEngine, get_engine
from .engines.base import image_digest
from .model import OcrPage
from .preprocess import (angle_is_worth_correcting, estimate_orientation, estimate_skew,
                         rotate_quarter, rotate_small_angle, suppress_red_seals)
from .sources import DEFAULT_DPI, MAX_PAGES, SourcePage, iter_pages

logger = logging.getLogger(__name__)

PIPELINE_VERSION = "1"  # bump when a step changes what gets read


@dataclass(frozen=True)
class OcrSettings:
    """How pages are prepared and read. Immutable; pass a new one to change."""

    orientation: bool = True
    deskew: bool = True
    suppress_red: bool = True
    dpi: int = DEFAULT_DPI
    max_pages: int = MAX_PAGES
    use_text_layer: bool = True
    min_orientation_confidence: float = 0.2

    @property
    def key(self) -> str:
        """The settings that change OCR output (``max_pages`` does not)."""
        d = asdict(self)
        d.pop("max_pages")
        return f"v{PIPELINE_VERSION}:" + ",".join(f"{k}={v}" for k, v in sorted(d.items()))


@dataclass
class PageResult:
    """One page read: text with boxes, and the image those boxes refer to."""

    index: int
    ocr: OcrPage
    dpi: float
    path: Path | None = None
    from_cache: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    _source: SourcePage | None = field(default=None, repr=False)
    _image: np.ndarray | None = field(default=None, repr=False)

    @property
    def image(self) -> np.ndarray:
        """The upright BGR page the coordinates refer to (built on first access)."""
        if self._image is None:
            if self._source is None:
                raise ValueError("this page result carries no image")
            self._image = upright_image(self._source.image, self.ocr.rotation, self.ocr.skew)
        return self._image

    @property
    def source(self) -> str:
        return self.ocr.source


def upright_image(image: np.ndarray, rotation: int, skew: float) -> np.ndarray:
    """Apply a recorded rotation and deskew to a source image."""
    return rotate_small_angle(rotate_quarter(image, rotation), skew)


def _file_key(digest: str, index: int, engine: OcrEngine, settings: OcrSettings) -> str:
    return cache_key("file", digest, str(index), engine.model_id, settings.key)


def _pixel_key(image: np.ndarray, engine: OcrEngine, settings: OcrSettings) -> str:
    return cache_key("px", image_digest(image), engine.model_id, settings.key)


def read_file(path: str | Path, engine: str | OcrEngine = "ppocr", cache: OcrCache | None = None,
              settings: OcrSettings = OcrSettings()) -> Iterator[PageResult]:
    """Yield a :class:`PageResult` per page of ``path``; typed errors for a bad file."""
    engine = get_engine(engine)
    path = Path(path)
    digest = file_digest(path) if cache is not None and path.is_file() else None
    pages = iter_pages(path, dpi=settings.dpi, max_pages=settings.max_pages,
                       use_text_layer=settings.use_text_layer, lazy=True)
    for page in pages:
        yield read_page(page, engine, cache, settings, digest)


def read_page(page: SourcePage, engine: OcrEngine, cache: OcrCache | None = None,
              settings: OcrSettings = OcrSettings(), file_digest: str | None = None) -> PageResult:
    """Read one :class:`SourcePage` through the named steps."""
    started = time.perf_counter()

    # use_text_layer
    if page.text_layer is not None:
        return PageResult(page.index, page.text_layer, page.dpi, page.path, False,
                          {"total": time.perf_counter() - started}, _source=page)

    # look_up_cache (by file bytes: no decoding needed)
    file_key = _file_key(file_digest, page.index, engine, settings) \
        if cache is not None and file_digest else None
    if file_key is not None:
        hit = cache.get(file_key)
        if hit is not None:
            return PageResult(page.index, hit, page.dpi, page.path, True,
                              {"total": time.perf_counter() - started}, _source=page)

    t_load = time.perf_counter()
    image = page.image  # decode / render (typed errors for a corrupt page)
    t_loaded = time.perf_counter()

    pixel_key = _pixel_key(image, engine, settings) if cache is not None else None
    if pixel_key is not None:
        hit = cache.get(pixel_key)
        if hit is not None:
            if file_key is not None:
                cache.put(file_key, hit)
            return PageResult(page.index, hit, page.dpi, page.path, True,
                              {"load": t_loaded - t_load, "total": time.perf_counter() - started},
                              _source=page)

    # orient
    rotation, orientation = 0, None
    if settings.orientation:
        orientation = estimate_orientation(image, engine)
        if orientation.confidence >= settings.min_orientation_confidence:
            rotation = orientation.rotation
        elif orientation.rotation:
            logger.info("%s page %d: orientation %d° too uncertain (%.2f), kept as is",
                        page.path, page.index, orientation.rotation, orientation.confidence)
    upright = rotate_quarter(image, rotation)

    # deskew
    skew = 0.0
    if settings.deskew and orientation is not None and orientation.boxes is not None:
        boxes = orientation.boxes if rotation == orientation.rotation else None
        angle = estimate_skew(boxes) if boxes is not None else 0.0
        if angle_is_worth_correcting(angle):
            skew = angle
            upright = rotate_small_angle(upright, skew)
    t_prep = time.perf_counter()

    # text_view
    text_view, seals = (suppress_red_seals(upright) if settings.suppress_red else (upright, []))
    t_view = time.perf_counter()

    # recognise
    ocr = engine.recognize(text_view, source=f"{page.path.name}#{page.index}") \
        if getattr(engine, "accepts_source", False) and page.path is not None else engine.recognize(text_view)
    ocr.rotation = rotation
    ocr.skew = skew
    ocr.timings = {**ocr.timings, "load": t_loaded - t_load,
                   "preprocess": (t_prep - t_loaded) + (t_view - t_prep)}
    if seals:
        logger.debug("%s page %d: faded %d seal region(s) for the text pass", page.path, page.index, len(seals))

    # store
    if cache is not None:
        cache.put(pixel_key, ocr)
        if file_key is not None:
            cache.put(file_key, ocr)
    total = time.perf_counter() - started
    return PageResult(page.index, ocr, page.dpi, page.path, False,
                      {**ocr.timings, "total": total}, _source=page, _image=upright)
