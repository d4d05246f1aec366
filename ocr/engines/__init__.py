"""OCR engines behind one interface, chosen by name or passed as an instance.

>>> sorted(available_engines())
['paddle', 'ppocr', 'remote', 'replay']
>>> get_engine("tesseract")
Traceback (most recent call last):
...
ocr.engines.UnknownEngine: 未知的 OCR 引擎 'tesseract'（可用：paddle, ppocr, remote, replay）

Building an engine is cheap; models load on the first page it reads.
"""
from __future__ import annotations

import importlib
import logging

from ..errors import EngineError
from .base import OcrEngine, reading_order

logger = logging.getLogger(__name__)

__all__ = ["OcrEngine", "UnknownEngine", "available_engines", "get_engine", "register_engine",
           "reading_order"]

# name -> "module:Class", imported only when asked for (heavy imports stay lazy)
_REGISTRY: dict[str, str] = {
    "ppocr": "ocr.engines.ppocr:PPOcrEngine",
    "paddle": "ocr.engines.paddle:PaddleEngine",
    "remote": "ocr.engines.remote:RemoteEngine",
    "replay": "ocr.engines.replay:ReplayEngine",
}


class UnknownEngine(EngineError, ValueError):
    """The engine name is not registered."""

    message = "未知的 OCR 引擎"


def available_engines() -> list[str]:
    """Registered engine names (registration does not mean the engine can run)."""
    return list(_REGISTRY)


def register_engine(name: str, target: str | type) -> None:
    """Register a third-party engine class (or ``"module:Class"``) under ``name``."""
    if isinstance(target, type):
        target = f"{target.__module__}:{target.__qualname__}"
    _REGISTRY[name] = target


def get_engine(engine: str | OcrEngine = "ppocr", **options) -> OcrEngine:
    """Return an engine: an :class:`OcrEngine` instance as is, or a new one by name.

    ``options`` go to the engine's constructor (``threads`` for ``ppocr``,
    ``url`` for ``remote``, ``store`` for ``replay``...).
    """
    if isinstance(engine, OcrEngine):
        if options:
            raise TypeError("options are only accepted together with an engine name")
        return engine
    if not isinstance(engine, str):
        raise TypeError(f"engine must be a name or an OcrEngine, not {type(engine).__name__}")
    target = _REGISTRY.get(engine.strip().lower())
    if target is None:
        raise UnknownEngine(f"未知的 OCR 引擎 '{engine}'（可用：{', '.join(sorted(_REGISTRY))}）")
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(**options)
