"""Read a file into positioned text, page by page.

:func:`read_file` is the one entry point. Per page it runs, in order:

1. ``open_pages``      – :func:`ocr.sources.iter_pages` (typed errors for bad files)
2. ``use_text_layer``  – a digital PDF page's own text is the result; no OCR
3. ``look_up_cache``   – file bytes + page number, then page pixels (no OCR on a hit)
4. ``text_view``       – fade red seals for the text pass (the page image keeps them)
5. ``orient``          – turn the page upright (0/90/180/270); the text lines it
                         detects are reused, so a page is detected once
6. ``deskew``          – straighten small tilts (image and boxes alike)
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
from .model import OcrLine, OcrPage
from .preprocess import (angle_is_worth_correcting, estimate_orientation, estimate_skew, fade, rotate_boxes,
                         rotate_quarter, rotate_small_angle, skew_boxes, suppress_red_seals, tiled_phrase,
                         watermark_lines, watermark_mask)
from .sources import DEFAULT_DPI, MAX_PAGES, SourcePage, iter_pages
from .tall import CUTS_VERSION as TALL_CUTS
from .textlayer import check_text_layer

logger = logging.getLogger(__name__)

PIPELINE_VERSION = "3"  # bump when a step changes what gets read (2: lines under seals reread; 3: a half turn decided by recognition too)
#: the version of a page's reading, kept in its cache entry, for a step that changes the reading of some pages only,
#: which a stored reading shows (:func:`_read_before`): those pages are read again, every other entry stays good
#: (4: a tilt of 10-20 degrees straightened, a phone photo's on a desk; a page turned a quarter detected again upright;
#: 5: a coloured watermark tiled over the page faded and the page read again, :func:`ocr.preprocess.watermark_mask`)
READ_VERSION = 5


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
    # A digital PDF page whose pictures cover at least this much of it is OCR'd
    # too (an embedded scan of a certificate), merged with its text layer.
    picture_cover_for_ocr: float = 0.1

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


def reread_under_seals(ocr: OcrPage, original: np.ndarray, faded: np.ndarray, engine: OcrEngine,
                       changed_fraction: float = 0.01) -> OcrPage:
    """Read again, from the original pixels, every line whose box the seal fading
    touched, and keep whichever reading scores better."""
    import cv2

    changed = cv2.absdiff(original, faded)
    changed = (changed.max(axis=2) if changed.ndim == 3 else changed) > 40
    h, w = changed.shape
    lines = []
    for line in ocr.lines:
        x0, y0, x1, y1 = line.bbox
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 - x0 < 4 or y1 - y0 < 4 or changed[y0:y1, x0:x1].mean() < changed_fraction:
            lines.append(line)
            continue
        crop = original[y0:y1, x0:x1]
        if hasattr(engine, "read_line"):
            text, score, lattice = engine.read_line(crop)
            lattice = lattice.moved(x0) if lattice is not None else None  # its frames where the crop lies
        else:
            (text, score), lattice = engine.recognize_line(crop), None
        if text.strip() and score > line.score:
            logger.debug("under a seal: %r (%.3f) read as %r (%.3f)", line.text, line.score, text, score)
            line = OcrLine(text, line.box, score, line.order, lattice)  # its own probabilities go with it
        lines.append(line)
    ocr.lines = lines
    return ocr


def merge_text_layer(text_layer: OcrPage, ocr: OcrPage, overlap: float = 0.5) -> OcrPage:
    """The text layer's lines plus the OCR lines it does not already cover.

    An OCR line is dropped when at least ``overlap`` of its box lies inside a
    text-layer line's box. Result ``source`` is ``"text_layer+ocr"``.

    >>> from ocr.model import OcrLine
    >>> box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    >>> tl = OcrPage(100, 100, [OcrLine("附件", box(10, 10, 40, 20), 1.0)], source="text_layer")
    >>> oc = OcrPage(100, 100, [OcrLine("附件", box(11, 10, 41, 21), 0.9),
    ...                         OcrLine("2019年6月", box(10, 50, 60, 60), 0.95)])
    >>> merged = merge_text_layer(tl, oc)
    >>> [l.text for l in merged.lines], merged.source
    (['附件', '2019年6月'], 'text_layer+ocr')
    """
    from .engines.base import make_page

    def inside(a, b) -> float:
        ax0, ay0, ax1, ay1 = a
        bx0, by0, bx1, by1 = b
        w = max(0, min(ax1, bx1) - max(ax0, bx0))
        h = max(0, min(ay1, by1) - max(ay0, by0))
        area = max((ax1 - ax0) * (ay1 - ay0), 1)
        return w * h / area

    kept = [(l.box, l.text, l.score, l.lattice) for l in text_layer.lines]  # a line read from its pixels keeps its probabilities
    for line in ocr.lines:
        if not any(inside(line.bbox, t.bbox) >= overlap for t in text_layer.lines):
            kept.append((line.box, line.text, line.score, line.lattice))
    merged = make_page(text_layer.width, text_layer.height, kept, engine=ocr.engine, timings=ocr.timings)
    merged.source = "text_layer+ocr"
    return merged


#: what keys a text-layer page's cache entry apart: read before its lines were checked against the pixels, its
#: hidden text won; before its radicals were folded (ocr.sources.as_printed), 申报⼈ stayed 申报⼈; before its lines'
#: readings said where their frames lie (ocr.ctc.Lattice.frame_x), a label's end was placed by its box's height; before
#: an invisible line was told apart (ocr.sources.HIDDEN_LINE_SCORE), a scanner's OCR layer's lie passed within nats;
#: before what its annotations draw was drawn into its text (ocr.sources._annotations_drawn_in), a free-text note
#: drawn on its pixels was on no line; before a vector seal's turned red characters and a name set askew as the
#: signature were left out (ocr.sources.without_marks), they broke the lines they crossed and the page was read whole
#: again; before a table's vertical rules ended lines (ocr.sources.RULE_GAP), a row's cells were one line; before
#: full- and half-width were folded in the check (ocr.textlayer.shown), a line set in full-width (ＩＳＳＮ　１０００－６９２３)
#: gave way to the recogniser's mixture of both widths
TEXT_LAYER_KEY = ("text layer checked, radicals folded, frames placed, hidden lines read, annotations drawn in, "
                  "seal text and askew names left out, table cells split at their rules, widths folded")


#: what keys an annotated PDF page's cache entry apart from one read before its form fields were drawn (probe trust17:
#: a filled form's values were blank on the page and on no line); a page without annotations renders as before
PDF_PAGE_KEY = "form fields drawn"


def _file_key(digest: str, index: int, engine: OcrEngine, settings: OcrSettings, text_layer: bool = False) -> str:
    # a text layer's page is keyed apart: read before its lines were checked against the
    # pixels (ocr.textlayer), its hidden text won
    return cache_key("file", digest, str(index), engine.model_id, settings.key, *([TEXT_LAYER_KEY] if text_layer else []))


def _pixel_key(image: np.ndarray, engine: OcrEngine, settings: OcrSettings, text_layer: bool = False) -> str:
    return cache_key("px", image_digest(image), engine.model_id, settings.key, *([TEXT_LAYER_KEY] if text_layer else []))


def read_file(path: str | Path, engine: str | OcrEngine = "ppocr", cache: OcrCache | None = None,
              settings: OcrSettings = OcrSettings()) -> Iterator[PageResult]:
    """Yield a :class:`PageResult` per page of ``path``; typed errors for a bad file."""
    engine = get_engine(engine)
    path = Path(path)
    pages = iter_pages(path, dpi=settings.dpi, max_pages=settings.max_pages,
                       use_text_layer=settings.use_text_layer, lazy=True)
    digest = None
    for page in pages:
        # hashed once the file's first page is out: iter_pages refuses a file over
        # MAX_FILE_BYTES (a sparse 200 GB ``.jpg``) or of too many pages unread, and the
        # digest, taken first, read it whole (162 s of no progress, the worker stalled)
        if digest is None and cache is not None and path.is_file():
            digest = file_digest(path)
        yield read_page(page, engine, cache, settings, digest)


def _read_before(page: OcrPage) -> bool:
    """Whether a stored reading is one a later step reads otherwise (:data:`READ_VERSION`): read by pixels before
    version 4, of a page turned a quarter (its lines were detected sideways) or left tilted 10-20 degrees (its lines'
    boxes lie so: the tilt was not straightened). Any other stored reading is what the page reads today.

    >>> from ocr.model import OcrLine
    >>> def page(tilt, rotation=0, version=0):
    ...     box = ((100, 100), (700, 100 + tilt * 10.5), (700, 130 + tilt * 10.5), (100, 130))
    ...     return OcrPage(1000, 1400, [OcrLine(t, box, 0.9) for t in ("专业技术资格证书", "姓名", "性别")],
    ...                    rotation=rotation, read_version=version)
    >>> _read_before(page(12)), _read_before(page(3)), _read_before(page(0, rotation=90)), _read_before(page(0))
    (True, False, True, False)
    >>> _read_before(page(12, version=READ_VERSION)), _read_before(page(0, rotation=270, version=READ_VERSION))
    (False, False)

    A page read before version 5 with a watermark's phrase tiled over it (:func:`ocr.preprocess.tiled_phrase`; not
    faded then) is read again:

    >>> turned = ((100, 400), (270, 300), (300, 340), (120, 440))
    >>> marked = page(0, version=4); marked.lines += [OcrLine("仅供职称申报使用", turned, 0.9)] * 3
    >>> _read_before(marked), _read_before(OcrPage(1000, 1400, marked.lines, read_version=READ_VERSION))
    (True, False)
    """
    if page.read_version >= READ_VERSION or page.source != "ocr":
        return False
    if page.read_version < 5 and tiled_phrase(page.lines) is not None:  # a watermark maybe, not faded then
        return True
    if page.rotation in (90, 270):
        return True
    boxes = [line.box for line in page.lines if len(line.box) == 4]
    return bool(boxes) and abs(estimate_skew(np.asarray(boxes, dtype=float))) > 10.0


def as_stored(page: OcrPage) -> OcrPage:
    """``page`` as the OCR cache gives it back (boxes to 0.1 px, scores to 4 places, the
    recogniser's probabilities in half precision, the skew to 3 places), its timings kept:
    a page read now is checked on the very values a rerun reads from the cache. Checked on
    full precision, a first run and its rerun differed (probe trust29 P10: 欧阳燚's name on
    a PDF form confirmed cold, a review warm: the line's rereads cropped a box 0.1 px off).

    >>> from ocr.model import OcrLine
    >>> p = OcrPage(100, 100, [OcrLine("抚顺", ((1.04, 2.0), (9.0, 2.0), (9.0, 8.0), (1.04, 8.0)), 0.912345)], skew=0.12345)
    >>> p.timings = {"recognise": 1.5}
    >>> q = as_stored(p)
    >>> q.lines[0].box[0], q.lines[0].score, q.skew, q.timings
    ((1.0, 2.0), 0.9123, 0.123, {'recognise': 1.5})
    """
    stored = OcrPage.from_dict(page.to_dict())
    stored.timings = page.timings
    return stored


def _recognize(engine: OcrEngine, view: np.ndarray, page: SourcePage) -> OcrPage:
    """The whole page ``view`` read by ``engine``, told the page's file and number where it takes them (the
    ``replay`` engine answers by them)."""
    if getattr(engine, "accepts_source", False) and page.path is not None:
        return engine.recognize(view, source=f"{page.path.name}#{page.index}")
    return engine.recognize(view)


def read_page(page: SourcePage, engine: OcrEngine, cache: OcrCache | None = None,
              settings: OcrSettings = OcrSettings(), file_digest: str | None = None) -> PageResult:
    """Read one :class:`SourcePage` through the named steps."""
    started = time.perf_counter()

    # look_up_cache (by file bytes: no decoding needed)
    file_key = _file_key(file_digest, page.index, engine, settings, page.text_layer is not None) \
        if cache is not None and file_digest else None
    if file_key is not None and page.annotated:  # read before a filled form's fields were drawn, they were blank
        file_key = cache_key(file_key, PDF_PAGE_KEY)
    if file_key is not None and page.squared:  # read before its pixels were made square, a fax's page was squashed
        file_key = cache_key(file_key, "square pixels")
    if file_key is not None and page.pieces > 1:  # read before a tall picture was cut into pages, its page 1 was it whole
        file_key = cache_key(file_key, f"tall picture cut into {page.pieces} pages, cuts v{TALL_CUTS}")
    if file_key is not None:
        hit = cache.get(file_key)
        if hit is not None and not _read_before(hit):
            return PageResult(page.index, hit, page.dpi, page.path, True,
                              {"total": time.perf_counter() - started}, _source=page)

    t_load = time.perf_counter()
    image = page.image  # decode / render (typed errors for a corrupt page)
    t_loaded = time.perf_counter()

    # use_text_layer: what the page shows, not what the file says (hidden text is read again)
    pictures = page.text_layer is not None and page.image_cover >= settings.picture_cover_for_ocr
    if page.text_layer is not None:
        text_layer = check_text_layer(page.text_layer, image, engine)
        # a page whose text layer says what the page does not show is read whole as well:
        # what it shows may be drawn (a date as glyph outlines over white text)
        pictures = pictures or text_layer is not page.text_layer
        if not pictures:
            text_layer.timings = {**text_layer.timings, "load": t_loaded - t_load,
                                  "recognise": time.perf_counter() - t_loaded}
            if file_key is not None:
                cache.put(file_key, text_layer)
            return PageResult(page.index, as_stored(text_layer), page.dpi, page.path, False,
                              {"total": time.perf_counter() - started}, _source=page, _image=image)

    pixel_key = _pixel_key(image, engine, settings, page.text_layer is not None) if cache is not None else None
    if pixel_key is not None:
        hit = cache.get(pixel_key)
        if hit is not None and not _read_before(hit):
            if file_key is not None:
                cache.put(file_key, hit)
            return PageResult(page.index, hit, page.dpi, page.path, True,
                              {"load": t_loaded - t_load, "total": time.perf_counter() - started},
                              _source=page)

    if pictures:  # a digital page with pictures: its text layer plus OCR of the whole page
        text_view, _ = suppress_red_seals(image) if settings.suppress_red else (image, [])
        t_prep = time.perf_counter()
        ocr = merge_text_layer(text_layer, engine.recognize(text_view))
        ocr.timings = {**ocr.timings, "load": t_loaded - t_load, "preprocess": t_prep - t_loaded}
        if cache is not None:
            cache.put(pixel_key, ocr)
            if file_key is not None:
                cache.put(file_key, ocr)
        return PageResult(page.index, as_stored(ocr), page.dpi, page.path, False,
                          {**ocr.timings, "total": time.perf_counter() - started}, _source=page, _image=image)

    # text_view: seals faded for the text pass (before detection, so seal arcs
    # are not taken for text lines); the page image keeps them.
    text_view, seals = suppress_red_seals(image) if settings.suppress_red else (image, [])
    if seals:
        logger.debug("%s page %d: faded %d seal region(s) for the text pass", page.path, page.index, len(seals))

    # orient (its text-line boxes are reused below: the page is detected once)
    rotation, orientation, boxes = 0, None, None
    if settings.orientation:
        orientation = estimate_orientation(text_view, engine)
        if orientation.confidence >= settings.min_orientation_confidence:
            rotation = orientation.rotation
        elif orientation.rotation:
            logger.info("%s page %d: orientation %d° too uncertain (%.2f), kept as is",
                        page.path, page.index, orientation.rotation, orientation.confidence)
        if orientation.boxes is not None:
            boxes = rotate_boxes(orientation.boxes, rotation, image.shape[1], image.shape[0])
    upright = rotate_quarter(image, rotation)
    upright_view = upright if text_view is image else rotate_quarter(text_view, rotation)
    if rotation in (90, 270) and boxes is not None and hasattr(engine, "detect_lines"):
        # lines detected on the sideways page run down it, where the detector splits or drops long ones (probe
        # trust21 C08: a page photographed turned 12 degrees and lying sideways lost its 兹证明…同志 line, the
        # applicant's name): the upright page is detected again
        boxes = engine.detect_lines(upright_view)

    # deskew
    skew = 0.0
    if settings.deskew and boxes is not None:
        angle = estimate_skew(boxes)
        if angle_is_worth_correcting(angle):
            skew = round(angle, 3)  # as the cache stores it: a page read again from the cache is turned alike
            height, width = upright.shape[:2]
            upright = rotate_small_angle(upright, skew)
            upright_view = upright if text_view is image else rotate_small_angle(upright_view, skew)
            boxes = skew_boxes(boxes, skew, width, height)
    t_prep = time.perf_counter()

    # recognise
    if boxes is not None and hasattr(engine, "recognize_boxes"):
        ocr = engine.recognize_boxes(upright_view, boxes)
    else:
        ocr = _recognize(engine, upright_view, page)
    # reread_under_seals: fading helps most lines under a seal and hurts some
    # (a date half under the ink); such a line is read from both views, best score wins
    if upright_view is not upright and hasattr(engine, "recognize_line"):
        ocr = reread_under_seals(ocr, upright, upright_view, engine)
    # a coloured watermark tiled over the page (仅供职称申报使用) is faded and the page read again: the detector
    # took its words for the page's lines and lost the print beneath them (ocr.preprocess.watermark_mask)
    marks = watermark_lines(ocr.lines)
    mask = watermark_mask(upright_view, marks)
    if mask is not None:
        t_mark = time.perf_counter()
        logger.debug("%s page %d: faded a watermark (%d px) and read the page again", page.path, page.index, mask.sum())
        marked_view, marked = fade(upright_view, mask), (fade(upright, mask) if upright_view is not upright else None)
        timings = ocr.timings
        ocr = _recognize(engine, marked_view, page)
        if marked is not None and hasattr(engine, "recognize_line"):
            ocr = reread_under_seals(ocr, marked, marked_view, engine)
        # the watermark's own lines stay, as read on the page that shows it: the signature fields' ink is weighed
        # against them (verify.marks.signatures.watermark_colour; a blank field under the watermark signed otherwise)
        ocr.lines += [OcrLine(line.text, line.box, line.score, len(ocr.lines) + i, line.lattice)
                      for i, line in enumerate(marks)]
        ocr.timings = {**timings, "watermark": time.perf_counter() - t_mark}
    ocr.rotation = rotation
    ocr.skew = skew
    ocr.read_version = READ_VERSION
    detect = orientation.detect_seconds if orientation is not None else 0.0
    ocr.timings = {**ocr.timings, "load": t_loaded - t_load,
                   "detect": ocr.timings.get("detect", 0.0) + detect,
                   "classify": ocr.timings.get("classify", 0.0)
                   + (orientation.classify_seconds if orientation is not None else 0.0),
                   "preprocess": (t_prep - t_loaded) - detect
                   - (orientation.classify_seconds if orientation is not None else 0.0)}

    # store
    if cache is not None:
        cache.put(pixel_key, ocr)
        if file_key is not None:
            cache.put(file_key, ocr)
    total = time.perf_counter() - started
    return PageResult(page.index, as_stored(ocr), page.dpi, page.path, False,
                      {**ocr.timings, "total": total}, _source=page, _image=upright)
