"""The ``paddleocr`` package with models already on disk (never downloads).

Models are looked up in ``model_dir`` (or the ``OCR_PADDLE_MODEL_DIR``
environment variable), which must hold ``det``, ``rec`` and ``cls`` sub-folders
of PaddlePaddle inference models (``inference.pdmodel``/``.json`` +
``inference.pdiparams``). Without the package or the models it raises
:class:`EngineUnavailable` saying what to install and where to put the files.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np

from ..errors import EngineError, EngineUnavailable
from ..model import OcrPage
from .base import OcrEngine, as_bgr, make_page

logger = logging.getLogger(__name__)

INSTALL_HINT = ("请先安装 PaddleOCR：pip install paddlepaddle paddleocr，"
                "并将 det、rec、cls 三个推理模型目录放到 OCR_PADDLE_MODEL_DIR 指定的目录下（本工具不会联网下载模型）")


class PaddleEngine(OcrEngine):
    name = "paddle"

    def __init__(self, model_dir: str | Path | None = None, use_cls: bool = True, lang: str = "ch"):
        model_dir = model_dir or os.environ.get("OCR_PADDLE_MODEL_DIR")
        try:
            import paddleocr  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable(f"未安装 paddleocr 软件包。{INSTALL_HINT}") from exc
        if not model_dir:
            raise EngineUnavailable(f"未指定本地模型目录。{INSTALL_HINT}")
        self.model_dir = Path(model_dir)
        self.dirs = {part: self.model_dir / part for part in ("det", "rec", "cls")}
        missing = [str(d) for part, d in self.dirs.items() if (part != "cls" or use_cls) and not d.is_dir()]
        if missing:
            raise EngineUnavailable(f"缺少本地模型目录：{', '.join(missing)}。{INSTALL_HINT}")
        self.use_cls = use_cls
        self.lang = lang
        self.version = getattr(paddleocr, "__version__", "0")
        self._ocr = None

    @property
    def model_id(self) -> str:
        return f"paddle:{self.version}:{self.model_dir.resolve()}:cls{int(self.use_cls)}"

    def _engine(self):
        if self._ocr is None:
            from paddleocr import PaddleOCR

            if self.version.split(".")[0] >= "3":
                self._ocr = PaddleOCR(
                    text_detection_model_dir=str(self.dirs["det"]),
                    text_recognition_model_dir=str(self.dirs["rec"]),
                    textline_orientation_model_dir=str(self.dirs["cls"]) if self.use_cls else None,
                    use_textline_orientation=self.use_cls,
                    use_doc_orientation_classify=False, use_doc_unwarping=False)
            else:
                self._ocr = PaddleOCR(
                    det_model_dir=str(self.dirs["det"]), rec_model_dir=str(self.dirs["rec"]),
                    cls_model_dir=str(self.dirs["cls"]), use_angle_cls=self.use_cls,
                    lang=self.lang, show_log=False)
        return self._ocr

    def recognize(self, image: np.ndarray) -> OcrPage:
        image = as_bgr(image)
        h, w = image.shape[:2]
        started = time.perf_counter()
        try:
            ocr = self._engine()
            if self.version.split(".")[0] >= "3":
                res = list(ocr.predict(image))[0]
                data = res.json.get("res", res) if hasattr(res, "json") else res
                results = list(zip(data["rec_polys"], data["rec_texts"], data["rec_scores"]))
            else:
                raw = ocr.ocr(image, cls=self.use_cls)[0] or []
                results = [(box, text, score) for box, (text, score) in raw]
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"PaddleOCR 运行失败：{exc}") from exc
        results = [(np.asarray(b, float).reshape(-1, 2)[:4].tolist(), t, s) for b, t, s in results]
        return make_page(w, h, results, engine=self.name,
                         timings={"detect": time.perf_counter() - started, "classify": 0.0, "recognise": 0.0})

    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        image = as_bgr(image)
        try:
            ocr = self._engine()
            if self.version.split(".")[0] >= "3":
                h, w = image.shape[:2]
                page = self.recognize(image)
                return ("".join(l.text for l in page.lines), page.mean_score)
            raw = ocr.ocr(image, det=False, cls=False)[0]
            text, score = raw[0]
            return str(text), float(score)
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"PaddleOCR 运行失败：{exc}") from exc
