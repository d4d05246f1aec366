"""Replay stored OCR results (``OcrPage.to_dict`` JSON) instead of reading pixels.

For fast tests and for re-running rules over a dossier read once. A store is a
folder of ``*.json`` files, each either named by the page's pixel digest
(``<sha256>.json``) or by its source (``<file name>.json`` for page 1,
``<file name>#<page>.json`` for any page). Lookup is by pixel digest first, then
by the source name the pipeline passes. A miss raises :class:`EngineError`,
unless a ``fallback`` engine is given: then its result is returned and, with
``record=True``, written to the store under the pixel digest.
"""
from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import numpy as np

from ..errors import EngineError
from ..model import OcrPage
from .base import OcrEngine, image_digest

logger = logging.getLogger(__name__)


class ReplayEngine(OcrEngine):
    """Answers from stored pages; ``store`` is a folder or a ``{key: page}`` mapping."""

    name = "replay"
    accepts_source = True  # the pipeline passes ``source="<file name>#<page>"``

    def __init__(self, store: str | Path | dict | None = None,
                 fallback: OcrEngine | None = None, record: bool = False):
        self.folder: Path | None = None
        self.pages: dict[str, dict] = {}
        if isinstance(store, dict):
            for key, page in store.items():
                self.pages[str(key)] = page.to_dict() if isinstance(page, OcrPage) else dict(page)
        elif store is not None:
            self.folder = Path(store)
            if self.folder.is_dir():
                for file in sorted(self.folder.glob("*.json")):
                    try:
                        self.pages[file.stem] = json.loads(file.read_text(encoding="utf-8"))
                    except (OSError, ValueError) as exc:
                        logger.warning("skipping unreadable replay file %s: %s", file, exc)
            elif record:
                self.folder.mkdir(parents=True, exist_ok=True)
            else:
                raise EngineError(f"回放目录不存在：{self.folder}")
        self.fallback = fallback
        self.record = record
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        inner = f"+{self.fallback.model_id}" if self.fallback else ""
        return f"replay:{self.folder or 'memory'}{inner}"

    def add(self, key: str | np.ndarray, page: OcrPage) -> str:
        """Store ``page`` under a source name or under an image's pixel digest."""
        key = image_digest(key) if isinstance(key, np.ndarray) else str(key)
        data = page.to_dict()
        with self._lock:
            self.pages[key] = data
            if self.folder is not None and self.record:
                (self.folder / f"{key}.json").write_text(
                    json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return key

    def lookup(self, image: np.ndarray | None = None, source: str | None = None) -> OcrPage | None:
        keys = []
        if image is not None:
            keys.append(image_digest(image))
        if source:
            keys.append(source)
            if source.endswith("#1"):
                keys.append(source[:-2])
        for key in keys:
            data = self.pages.get(key)
            if data is not None:
                page = OcrPage.from_dict(data)
                page.source = "replay"
                page.engine = data.get("engine") or self.name
                return page
        return None

    def recognize(self, image: np.ndarray, source: str | None = None) -> OcrPage:
        page = self.lookup(image, source)
        if page is not None:
            page.timings = {"detect": 0.0, "classify": 0.0, "recognise": 0.0}
            return page
        if self.fallback is None:
            raise EngineError(f"回放数据中没有该页的 OCR 结果（{source or '按像素摘要查找'}）")
        page = self.fallback.recognize(image)
        if self.record:
            self.add(image, page)
        return page

    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        page = self.lookup(image)
        if page is not None:
            return (page.text.replace("\n", ""), page.mean_score)
        if self.fallback is None:
            raise EngineError("回放数据中没有该文字行的结果")
        text, score = self.fallback.recognize_line(image)
        if self.record:
            h, w = image.shape[:2]
            from ..model import OcrLine

            self.add(image, OcrPage(w, h, [OcrLine(text, ((0, 0), (w, 0), (w, h), (0, h)), score)],
                                    engine=self.fallback.name))
        return text, score
