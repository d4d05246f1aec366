"""PaddleOCR's PP-OCR models (det/rec v4 or v6 small, mobile v2 cls) on ONNX Runtime.

The model files come inside PyPI wheels; nothing is downloaded. PP-OCRv4 det/rec
and the cls model ship in ``rapidocr-onnxruntime``; PP-OCRv6 small det/rec ship in
``rapidocr`` 3.10 (Apache-2.0), found on disk without importing that package. Each
ONNX stage is built once per process, per model file and per thread count
(:func:`_stage`), and shared by every engine object that uses it. A call never
changes a stage object: detection pre-processing is built per call,
classification copies its inputs, recognition is stateless.

Models are chosen per stage (:class:`PPOcrOptions`): ``text_model`` detects and
reads page text, ``seal_model`` reads unwrapped seal strips
(:meth:`PPOcrEngine.read_seal_line`). The defaults come from
``scripts/bench_ocr.py --models`` (text pages, dates with 〇 included) and
``scripts/bench_seals.py --models`` (seal strips).

Differences from ``RapidOCR.__call__`` (measured in ``scripts/bench_ocr.py``):
detection runs on a copy scaled so its longer side is at most ``det_max_side``,
but text lines are cropped from the full-resolution page, so recognition sees
the pixels as scanned.
"""
from __future__ import annotations

import functools
import importlib.util
import logging
import math
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import EngineError, EngineUnavailable
from ..model import OcrPage
from ..ctc import Lattice
from .base import LineReading, OcrEngine, as_bgr, make_page

logger = logging.getLogger(__name__)

DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_infer.onnx"
REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"

_V4_WHEEL = ("rapidocr_onnxruntime", "rapidocr-onnxruntime")
_V6_WHEEL = ("rapidocr", "rapidocr==3.10.0")
#: model name -> {stage: (wheel import name, pip requirement, file in the wheel's models/)}
MODELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "v4": {"det": (*_V4_WHEEL, DET_MODEL), "rec": (*_V4_WHEEL, REC_MODEL)},
    "v6": {"det": (*_V6_WHEEL, "PP-OCRv6_det_small.onnx"), "rec": (*_V6_WHEEL, "PP-OCRv6_rec_small.onnx")},
}
_CLS = (*_V4_WHEEL, CLS_MODEL)


def model_path(package: str, requirement: str, filename: str) -> Path:
    """The ONNX file ``filename`` in the ``models`` folder of an installed wheel,
    located without importing the package (``rapidocr``'s import is heavy).

    >>> model_path(*MODELS["v4"]["rec"]).name
    'ch_PP-OCRv4_rec_infer.onnx'
    """
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    roots = list(spec.submodule_search_locations or []) if spec is not None else []
    if not roots:
        raise EngineUnavailable(f"未安装 OCR 模型包 {requirement}：请执行 pip install \"{requirement}\"")
    path = Path(roots[0]) / "models" / filename
    if not path.is_file():
        raise EngineUnavailable(f"缺少 OCR 模型文件：{path}；请重新安装 {requirement}")
    return path


@dataclass(frozen=True)
class PPOcrOptions:
    """Everything that changes what the engine reads (threads excepted).

    >>> PPOcrOptions(text_model="v5")
    Traceback (most recent call last):
    ...
    ValueError: unknown PP-OCR model 'v5' for text_model (known: v4, v6)
    """

    det_max_side: int = 1280
    det_thresh: float = 0.3
    box_thresh: float = 0.5
    unclip_ratio: float = 1.6
    use_cls: bool = True
    cls_thresh: float = 0.9
    drop_score: float = 0.5
    text_model: str = "v4"  # page text, detection and recognition: "v4" or "v6" (PP-OCRv6 small)
    seal_model: str = "v6"  # unwrapped seal strips (recognition)

    def __post_init__(self):
        for name in ("text_model", "seal_model"):
            if getattr(self, name) not in MODELS:
                raise ValueError(f"unknown PP-OCR model {getattr(self, name)!r} for {name} "
                                 f"(known: {', '.join(MODELS)})")

    @property
    def key(self) -> str:
        """What changes the page text a page reads to (the seal model does not)."""
        key = (f"det{self.det_max_side}-t{self.det_thresh}-b{self.box_thresh}"
               f"-u{self.unclip_ratio}-cls{int(self.use_cls)}-d{self.drop_score}")
        return key if self.text_model == "v4" else f"{key}-text{self.text_model}"


def _common(path: Path, threads: int) -> dict:
    return {"model_path": str(path), "intra_op_num_threads": threads if threads > 0 else -1,
            "inter_op_num_threads": -1, "use_cuda": False, "use_dml": False}


def _build(kind: str, path: Path, threads: int):
    """One rapidocr-onnxruntime stage object (pre/post-processing) around our own
    ONNX session. The recogniser's alphabet comes from the model's metadata."""
    try:
        if kind == "det":
            from rapidocr_onnxruntime.ch_ppocr_det import TextDetector as cls_
        elif kind == "cls":
            from rapidocr_onnxruntime.ch_ppocr_cls import TextClassifier as cls_
        else:
            from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer as cls_
    except ImportError as exc:  # pragma: no cover - depends on install
        raise EngineUnavailable(
            "未安装 PP-OCR 的 ONNX 运行环境：请执行 pip install rapidocr-onnxruntime onnxruntime"
        ) from exc
    common = _common(path, threads)
    if kind == "det":
        stage = cls_({**common, "limit_side_len": 736, "limit_type": "max",
                      "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5],
                      "thresh": 0.3, "box_thresh": 0.5, "max_candidates": 1000,
                      "unclip_ratio": 1.6, "use_dilation": True, "score_mode": "fast"})
        holder = stage.infer
    elif kind == "cls":
        stage = cls_({**common, "cls_image_shape": [3, 48, 192], "cls_batch_num": 6,
                      "cls_thresh": 0.9, "label_list": ["0", "180"]})
        holder = stage.infer
    else:
        stage = cls_({**common, "rec_img_shape": [3, 48, 320], "rec_batch_num": 6})
        holder = stage.session
    # Own ONNX sessions: memory arena on (rapidocr turns it off, which makes
    # every new input shape allocate afresh: 2-3x slower first runs).
    holder.session = _make_session(path, threads)
    return stage


def _make_session(path: Path, threads: int):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = True
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # idle intra-op threads must not busy-wait: batch workers share the cores
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads > 0:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


_load_lock = threading.Lock()


@functools.lru_cache(maxsize=12)
def _stage_cached(kind: str, path: str, threads: int):
    started = time.perf_counter()
    stage = _build(kind, Path(path), threads)
    logger.info("PP-OCR %s stage %s loaded in %.2fs (threads=%s)", kind, Path(path).name,
                time.perf_counter() - started, threads or "auto")
    return stage


def _stage(kind: str, model: str, threads: int):
    """The shared stage object ``kind`` (det, cls, rec) of ``model`` (v4, v6)."""
    path = model_path(*(_CLS if kind == "cls" else MODELS[model][kind]))
    with _load_lock:
        return _stage_cached(kind, str(path), threads)


class _Stages:
    """The three ONNX stages an engine reads page text with, read-only after construction."""

    def __init__(self, threads: int, model: str = "v4"):
        started = time.perf_counter()
        self.model = model
        self.detector = _stage("det", model, threads)
        self.classifier = _stage("cls", model, threads)
        self.recognizer = _stage("rec", model, threads)
        self.paths = {kind: model_path(*(_CLS if kind == "cls" else MODELS[model][kind])) for kind in ("det", "cls", "rec")}
        self.sizes = {p.name: p.stat().st_size for p in self.paths.values()}
        self.version = f"PP-OCR{model}"
        self.load_seconds = time.perf_counter() - started


_CHARSETS: dict[int, frozenset] = {}


def _charset(rec) -> frozenset:
    """The characters a recogniser's CTC head can write (its dictionary), once per model."""
    key = id(rec)
    if key not in _CHARSETS:
        _CHARSETS[key] = frozenset(c for c in rec.postprocess_op.character if c)
    return _CHARSETS[key]


def _load_stages(threads: int, model: str = "v4") -> _Stages:
    return _Stages(threads, model)


def _det_input(image: np.ndarray, prep) -> np.ndarray | None:
    """The detector's input tensor as ``DetPreProcess`` makes it (resized to multiples
    of 32, scaled, normalised, channels first, batch of one), normalised by a lookup
    table per channel: its float64 arithmetic costs ~60 ms on a page, the table ~20 ms.

    >>> from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess
    >>> img = np.random.default_rng(0).integers(0, 256, (100, 70, 3), dtype=np.uint8)
    >>> prep = DetPreProcess(100, "max", [0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
    >>> ours, theirs = _det_input(img, prep), prep(img)
    >>> ours.shape == theirs.shape, ours.dtype == theirs.dtype, float(np.abs(ours - theirs).max()) < 1e-6
    (True, True, True)
    """
    if image.ndim != 3 or image.shape[2] != 3:
        return prep(image)
    resized = prep.resize(image)
    if resized is None:
        return None
    lut = ((np.arange(256)[:, None] * prep.scale - prep.mean) / prep.std).astype(np.float32)  # 256 x channels
    out = np.empty((1, 3, *resized.shape[:2]), np.float32)
    for c in range(3):
        np.take(lut[:, c], resized[..., c], out=out[0, c])
    return out


def crop_text_line(image: np.ndarray, box: np.ndarray) -> np.ndarray:
    """Cut the quadrilateral ``box`` out of ``image`` as an upright strip.

    Tall strips (height >= 1.5 x width, i.e. vertical text) are turned to lie flat.

    >>> img = np.zeros((100, 200, 3), np.uint8)
    >>> crop_text_line(img, np.array([[10, 10], [110, 10], [110, 40], [10, 40]], np.float32)).shape
    (30, 100, 3)
    """
    import cv2

    pts = np.ascontiguousarray(box, dtype=np.float32).reshape(4, 2)
    width = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
    height = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(pts, target)
    strip = cv2.warpPerspective(image, matrix, (width, height),
                                borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if strip.shape[0] >= 1.5 * strip.shape[1]:
        strip = np.rot90(strip)
    return np.ascontiguousarray(strip)




class PPOcrEngine(OcrEngine):
    """PP-OCR on ONNX Runtime (CPU). ``threads=0`` lets ONNX Runtime choose.

    ``text_model`` / ``seal_model`` (or ``options``) choose the models per stage:
    ``get_engine("ppocr", text_model="v6")``."""

    name = "ppocr"

    def __init__(self, threads: int = 0, options: PPOcrOptions | None = None, **overrides):
        self.threads = int(threads)
        base = options or PPOcrOptions()
        if overrides:
            from dataclasses import replace

            base = replace(base, **overrides)
        self.options = base
        self._stages: _Stages | None = None

    @property
    def stages(self) -> _Stages:
        if self._stages is None:
            self._stages = _load_stages(self.threads, self.options.text_model)
        return self._stages

    @property
    def seal_recognizer(self):
        """The recogniser of seal strips (shared with page text when the models agree)."""
        if self.options.seal_model == self.options.text_model:
            return self.stages.recognizer
        return _stage("rec", self.options.seal_model, self.threads)

    def unknown_characters(self, text: str, seal: bool = False) -> str:
        """The characters of ``text`` the page-text recogniser (with ``seal``: the seal
        recogniser) cannot write: PP-OCRv4's dictionary lacks 赟, so a name
        holding it is read with another character there, however clear the print.
        Spaces and punctuation it lacks are not counted."""
        rec = self.seal_recognizer if seal else self.stages.recognizer
        known = _charset(rec)
        return "".join(ch for ch in dict.fromkeys(text) if ch.isalnum() and ch not in known)

    @property
    def model_id(self) -> str:
        text = "PP-OCRv4(det,rec)" if self.options.text_model == "v4" else f"PP-OCR{self.options.text_model}-small(det,rec)"
        return f"ppocr:{text}+mobile-v2(cls):{self.options.key}:ctc1"

    # -- stages ---------------------------------------------------------
    def detect_lines(self, image: np.ndarray, max_side: int | None = None) -> np.ndarray:
        """Text-line quadrilaterals (n, 4, 2) in ``image`` pixels, detected on a copy
        whose longer side is at most ``max_side`` (default: the engine's)."""
        return self._detect(as_bgr(image), max_side)

    def classify_lines(self, strips: list[np.ndarray]) -> list[tuple[str, float]]:
        """Upright (``"0"``) or upside-down (``"180"``) with a score, per text strip."""
        cls = self.stages.classifier
        out: list[tuple[str, float]] = []
        for start in range(0, len(strips), cls.cls_batch_num):
            batch = [as_bgr(s) for s in strips[start:start + cls.cls_batch_num]]
            tensor = np.stack([cls.resize_norm_img(s) for s in batch]).astype(np.float32)
            out.extend((str(l), float(sc)) for l, sc in cls.postprocess_op(cls.infer(tensor)[0]))
        return out

    def _detect(self, image: np.ndarray, max_side: int | None = None) -> np.ndarray:
        """Text-line quadrilaterals in full-resolution pixels, shape (n, 4, 2)."""
        import cv2
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DBPostProcess, DetPreProcess

        opts = self.options
        det = self.stages.detector
        h, w = image.shape[:2]
        scale = min(1.0, (max_side or opts.det_max_side) / max(h, w))
        small = image if scale >= 1.0 else cv2.resize(
            image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
        # Pad tiny images (a single line) so the network has room to work.
        pad_h = max(0, 64 - small.shape[0])
        pad_w = max(0, 64 - small.shape[1])
        if pad_h or pad_w:
            small = cv2.copyMakeBorder(small, 0, pad_h, 0, pad_w, cv2.BORDER_CONSTANT, value=(255, 255, 255))
        prep = DetPreProcess(max(small.shape[:2]), "max", [0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
        tensor = _det_input(small, prep)
        if tensor is None:
            return np.zeros((0, 4, 2), np.float32)
        try:
            preds = det.infer(tensor)[0]
        except Exception as exc:  # onnxruntime raises its own types
            raise EngineError(f"文字检测模型运行失败：{exc}") from exc
        post = DBPostProcess(thresh=opts.det_thresh, box_thresh=opts.box_thresh,
                             max_candidates=1000, unclip_ratio=opts.unclip_ratio,
                             use_dilation=True, score_mode="fast")
        boxes, _scores = post(preds, small.shape[:2])
        if boxes is None or len(boxes) == 0:
            return np.zeros((0, 4, 2), np.float32)
        boxes = det.filter_tag_det_res(np.asarray(boxes, np.float32), small.shape[:2])
        if len(boxes) == 0:
            return np.zeros((0, 4, 2), np.float32)
        boxes = boxes.astype(np.float32) / scale
        boxes[..., 0] = np.clip(boxes[..., 0], 0, w - 1)
        boxes[..., 1] = np.clip(boxes[..., 1], 0, h - 1)
        return boxes

    def _classify(self, strips: list[np.ndarray]) -> list[bool]:
        """Which strips the direction classifier calls upside down."""
        if not self.options.use_cls or not strips:
            return [False] * len(strips)
        return ["180" in label and score > self.options.cls_thresh
                for label, score in self.classify_lines(strips)]

    def _recognise(self, strips: list[np.ndarray], rec=None, lefts: list[int] | None = None) -> list[LineReading]:
        """One strip per run, at its own width: on CPU this is ~2x cheaper than
        rapidocr's padded batches of 6 (measured: 2.2 s vs 4.3 s CPU on the
        dense benchmark page). Each reading keeps its :class:`~ocr.ctc.Lattice`.
        ``rec``: the recogniser stage (default: the page-text one). ``lefts``: where
        each strip begins in the image it was cut from; given, each lattice says where
        its frames lie there (:attr:`~ocr.ctc.Lattice.frame_x`)."""
        if not strips:
            return []
        rec = rec or self.stages.recognizer
        out = []
        for k, strip in enumerate(strips):
            h, w = strip.shape[:2]
            ratio = w / max(h, 1)
            # short strips are padded to the model's nominal 320x48, as upstream does
            target = max(ratio, rec.rec_image_shape[2] / rec.rec_image_shape[1])
            tensor = rec.resize_norm_img(strip, target)[np.newaxis].astype(np.float32)
            try:
                preds = rec.session(tensor)[0]
            except Exception as exc:
                raise EngineError(f"文字识别模型运行失败：{exc}") from exc
            text, score = rec.postprocess_op(preds, False, wh_ratio_list=[ratio], max_wh_ratio=target)[0][:2]
            lattice = Lattice.from_probs(preds[0], rec.postprocess_op.character)
            if lefts is not None and preds.ndim == 3 and preds.shape[1] > 0:
                # the strip, resized to the input's height, fills resized_w of the input's
                # width (the rest is padding); each frame covers width / frames of the input
                width = tensor.shape[-1]
                resized_w = min(width, math.ceil(tensor.shape[-2] * ratio))
                step = (width / preds.shape[1]) * w / max(resized_w, 1)
                lattice = replace(lattice, frame_x=(float(lefts[k]), float(step)))
            out.append(LineReading(str(text), float(score), lattice))
        return out

    # -- interface ------------------------------------------------------
    def recognize(self, image: np.ndarray) -> OcrPage:
        image = as_bgr(image)
        self.stages  # load outside the timed stages
        t0 = time.perf_counter()
        boxes = self._detect(image)
        detect_seconds = time.perf_counter() - t0
        page = self.recognize_boxes(image, boxes)
        page.timings["detect"] = detect_seconds
        return page

    def recognize_boxes(self, image: np.ndarray, boxes: np.ndarray) -> OcrPage:
        """Classify and recognise text lines already found (``(n, 4, 2)`` boxes in
        ``image`` pixels), e.g. by :func:`ocr.preprocess.estimate_orientation`."""
        image = as_bgr(image)
        h, w = image.shape[:2]
        boxes = np.ascontiguousarray(boxes, dtype=np.float32).reshape(-1, 4, 2)
        t1 = time.perf_counter()
        strips = [crop_text_line(image, box) for box in boxes]
        flipped = self._classify(strips)
        t2 = time.perf_counter()
        texts = self._recognise(strips)
        # The line classifier misfires on some upright lines: a line it calls
        # upside down is read both ways and the better-scored reading wins.
        doubtful = [i for i, f in enumerate(flipped) if f]
        if doubtful:
            turned = self._recognise([np.ascontiguousarray(np.rot90(strips[i], 2)) for i in doubtful])
            for i, alt in zip(doubtful, turned):
                if alt[1] > texts[i][1]:
                    texts[i] = alt
        t3 = time.perf_counter()
        kept = [
            (box.tolist(), text, score, lattice)
            for box, (text, score, lattice) in zip(boxes, texts)
            if text.strip() and score >= self.options.drop_score
        ]
        return make_page(w, h, kept, engine=self.name,
                         timings={"detect": 0.0, "classify": t2 - t1, "recognise": t3 - t2})

    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        return tuple(self.read_line(image)[:2])

    def read_line(self, image: np.ndarray) -> LineReading:
        return self._read([image])[0]

    def read_lines(self, images: list[np.ndarray]) -> list[LineReading]:
        """:meth:`read_line` of each image (each strip run at its own width: :meth:`_recognise`)."""
        return self._read(images)

    def read_seal_line(self, image: np.ndarray) -> LineReading:
        """:meth:`read_line` with the seal model (``options.seal_model``), for the
        unwrapped strip of a seal's ring text."""
        return self._read([image], self.seal_recognizer)[0]

    def _read(self, images: list[np.ndarray], rec=None) -> list[LineReading]:
        """Each image as one text line, its blank margins cut off, by ``rec`` (default:
        the text model); nothing read from an image under 2 pixels either way."""
        strips = [as_bgr(im) for im in images]
        ok = [i for i, im in enumerate(strips) if im.shape[0] >= 2 and im.shape[1] >= 2]
        out = [LineReading("", 0.0, None)] * len(strips)
        margins = [line_margins(strips[i]) for i in ok]
        trimmed = [np.ascontiguousarray(strips[i][:, x0:x1]) for i, (x0, x1) in zip(ok, margins)]
        for i, reading in zip(ok, self._recognise(trimmed, rec, lefts=[x0 for x0, _ in margins])):
            out[i] = reading
        return out


def trim_line_margins(strip: np.ndarray) -> np.ndarray:
    """Cut blank left/right margins off a text-line strip (keeping a little air).

    Wide empty margins make CTC recognition invent a trailing character.

    >>> s = np.full((20, 200, 3), 255, np.uint8); s[5:15, 80:120] = 0
    >>> trim_line_margins(s).shape
    (20, 60, 3)
    """
    x0, x1 = line_margins(strip)
    return np.ascontiguousarray(strip[:, x0:x1])


def line_margins(strip: np.ndarray) -> tuple[int, int]:
    """The columns ``[x0, x1)`` :func:`trim_line_margins` keeps of a BGR strip.

    >>> s = np.full((20, 200, 3), 255, np.uint8); s[5:15, 80:120] = 0
    >>> line_margins(s)
    (70, 130)
    """
    import cv2

    gray = cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY)
    if int(gray.max()) - int(gray.min()) < 40:
        return 0, strip.shape[1]
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() > 0.5:  # light text on dark ground
        ink = 1 - ink
    cols = np.nonzero(ink.sum(axis=0) > 0)[0]
    if len(cols) == 0:
        return 0, strip.shape[1]
    pad = max(2, strip.shape[0] // 2)
    return int(max(0, cols[0] - pad)), int(min(strip.shape[1], cols[-1] + 1 + pad))
