"""The engine interface every OCR backend implements.

An engine turns pixels into an :class:`~ocr.model.OcrPage`. It knows nothing about
files, caching or page orientation (the pipeline does that); it must be safe to call
from several threads once built, and must not change its own state per call.

Reading order is shared by all engines that return unordered boxes:

>>> boxes = [((300, 12), (400, 12), (400, 40), (300, 40)),
...          ((10, 10), (200, 10), (200, 42), (10, 42)),
...          ((10, 60), (200, 60), (200, 90), (10, 90))]
>>> reading_order(boxes)
[1, 0, 2]
"""
from __future__ import annotations

import abc
import logging
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ..model import OcrLine, OcrPage

logger = logging.getLogger(__name__)


class LineReading(NamedTuple):
    """One recognised line: the free reading, its score, and (where the engine has
    them) the per-frame probabilities to check another text against."""

    text: str
    score: float
    lattice: object | None = None


class OcrEngine(abc.ABC):
    """Detection + orientation + recognition behind one small interface.

    ``name`` is the engine family (``ppocr``, ``paddle``, ``remote``, ``replay``);
    ``model_id`` identifies models and every parameter that changes the output, so
    the cache can key on it.
    """

    name: str = ""

    @property
    @abc.abstractmethod
    def model_id(self) -> str:
        """Identifies models and parameters; equal ids give equal output."""

    @abc.abstractmethod
    def recognize(self, image: np.ndarray) -> OcrPage:
        """Read a whole page (BGR uint8 or gray): detect, classify, recognise.

        Lines come in reading order with ``order`` set; ``timings`` has the
        seconds spent in ``detect``, ``classify`` and ``recognise``.
        """

    @abc.abstractmethod
    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        """Recognise one cropped text line (no detection); ``(text, score)``."""

    def read_line(self, image: np.ndarray) -> "LineReading":
        """Like :meth:`recognize_line`, with the recogniser's per-frame probabilities
        (:class:`ocr.ctc.Lattice`) where the engine has them, else ``None``."""
        text, score = self.recognize_line(image)
        return LineReading(text, score, None)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model_id}>"


def as_bgr(image: np.ndarray) -> np.ndarray:
    """Return a 3-channel BGR uint8 view of ``image`` (gray and BGRA accepted).

    >>> as_bgr(np.zeros((2, 3), np.uint8)).shape
    (2, 3, 3)
    >>> as_bgr(np.zeros((2, 3, 4), np.uint8)).shape
    (2, 3, 3)
    """
    if not isinstance(image, np.ndarray) or image.size == 0:
        raise ValueError("image must be a non-empty numpy array")
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    if image.ndim == 3 and image.shape[2] == 1:
        return np.repeat(image, 3, axis=2)
    if image.ndim == 3 and image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    if image.ndim == 3 and image.shape[2] == 3:
        return image
    raise ValueError(f"unsupported image shape {image.shape}")


def image_digest(image: np.ndarray) -> str:
    """sha256 of an image's pixels, shape and dtype (hex): equal pixels, equal digest.

    >>> a = np.zeros((2, 2), np.uint8)
    >>> image_digest(a) == image_digest(a.copy()), image_digest(a) == image_digest(a.T.copy()[:1])
    (True, False)
    """
    import hashlib

    arr = np.ascontiguousarray(image)
    h = hashlib.sha256(f"{arr.shape}|{arr.dtype}|".encode())
    h.update(memoryview(arr).cast("B"))
    return h.hexdigest()


def reading_order(boxes: Sequence[Sequence[Sequence[float]]]) -> list[int]:
    """Indices of ``boxes`` (4-point polygons) top-to-bottom, then left-to-right.

    Boxes whose vertical centres lie within half a line height of a row's first
    box join that row, so a line split into two boxes keeps left-to-right order.
    """
    items = []
    for i, box in enumerate(boxes):
        ys = [float(p[1]) for p in box]
        xs = [float(p[0]) for p in box]
        items.append((i, min(xs), min(ys), max(ys)))
    items.sort(key=lambda t: ((t[2] + t[3]) / 2, t[1]))
    rows: list[list[tuple]] = []
    for item in items:
        centre = (item[2] + item[3]) / 2
        height = max(item[3] - item[2], 1.0)
        if rows:
            first = rows[-1][0]
            row_centre = (first[2] + first[3]) / 2
            row_height = max(first[3] - first[2], 1.0)
            if abs(centre - row_centre) < 0.5 * min(height, row_height):
                rows[-1].append(item)
                continue
        rows.append([item])
    order: list[int] = []
    for row in rows:
        order.extend(t[0] for t in sorted(row, key=lambda t: t[1]))
    return order


def make_page(
    width: int,
    height: int,
    results: Sequence[tuple],
    engine: str,
    timings: dict[str, float] | None = None,
) -> OcrPage:
    """Build an :class:`OcrPage` from ``(box, text, score[, lattice])`` in reading order."""
    results = list(results)
    order = reading_order([r[0] for r in results])
    lines = [
        OcrLine(
            text=results[i][1],
            box=tuple((float(x), float(y)) for x, y in results[i][0]),
            score=float(results[i][2]),
            order=n,
            lattice=results[i][3] if len(results[i]) > 3 else None,
        )
        for n, i in enumerate(order)
    ]
    return OcrPage(width=int(width), height=int(height), lines=lines, engine=engine,
                  timings=dict(timings or {}))
