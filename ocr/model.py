"""The one result model for a page of positioned text.

Coordinates are pixels of the upright page image the text was read from (for PDFs:
the page rendered at its ``dpi``). Every renderer and rule reads this model; it
round-trips through plain dicts (and so JSON).

>>> line = OcrLine("ISSN 1674-1021", ((10, 20), (200, 20), (200, 50), (10, 50)), 0.98, 0)
>>> line.bbox
(10, 20, 200, 50)
>>> page = OcrPage(width=800, height=600, lines=[line], engine="ppocr")
>>> OcrPage.from_dict(page.to_dict()) == page
True
>>> page.text
'ISSN 1674-1021'
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ctc import Lattice

Point = tuple[float, float]


@dataclass(frozen=True)
class OcrLine:
    """One line of text with its polygon (4 points, clockwise from top-left).

    ``lattice`` holds the recogniser's own per-frame probabilities when the engine
    gives them (:mod:`ocr.ctc`): what else the line could say, and how sure the
    reading is of each character. It does not take part in equality.
    """

    text: str
    box: tuple[Point, ...]
    score: float
    order: int = 0
    lattice: "Lattice | None" = field(default=None, compare=False, repr=False)

    @functools.cached_property
    def bbox(self) -> tuple[int, int, int, int]:
        """Axis-aligned box ``(x0, y0, x1, y1)`` in integer pixels (worked out once: the
        rules ask for it tens of thousands of times a dossier)."""
        xs = [p[0] for p in self.box]
        ys = [p[1] for p in self.box]
        return (int(min(xs)), int(min(ys)), int(round(max(xs))), int(round(max(ys))))

    @property
    def height(self) -> float:
        x0, y0, x1, y1 = self.bbox
        return float(y1 - y0)

    def to_dict(self) -> dict:
        d = {
            "text": self.text,
            "box": [[round(float(x), 1), round(float(y), 1)] for x, y in self.box],
            "score": round(float(self.score), 4),
            "order": self.order,
        }
        if self.lattice is not None:
            d["ctc"] = self.lattice.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "OcrLine":
        lattice = None
        if d.get("ctc"):
            from .ctc import Lattice

            lattice = Lattice.from_dict(d["ctc"])
        return cls(
            text=d["text"],
            box=tuple((float(x), float(y)) for x, y in d["box"]),
            score=float(d.get("score", 1.0)),
            order=int(d.get("order", 0)),
            lattice=lattice,
        )


@dataclass
class OcrPage:
    """Positioned text of one page, lines in reading order.

    ``source`` says where the text came from: ``ocr`` (an engine read pixels),
    ``text_layer`` (a digital PDF's own text) or ``replay`` (stored results).
    ``rotation`` is the clockwise rotation in degrees that was applied to make the
    page upright before reading; ``skew`` the deskew angle applied.
    """

    width: int
    height: int
    lines: list[OcrLine] = field(default_factory=list)
    engine: str = ""
    source: str = "ocr"
    rotation: int = 0
    skew: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    #: the reading's version (``ocr.pipeline.READ_VERSION``) where it was read by pixels, 0 for one stored before
    #: versions were kept (a cache entry), so that only the pages a later step reads otherwise are read again
    read_version: int = 0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def mean_score(self) -> float:
        if not self.lines:
            return 0.0
        return sum(line.score for line in self.lines) / len(self.lines)

    def to_dict(self) -> dict:
        return {
            "width": self.width,
            "height": self.height,
            "engine": self.engine,
            "source": self.source,
            "rotation": self.rotation,
            "skew": round(self.skew, 3),
            "lines": [line.to_dict() for line in self.lines],
            **({"read_version": self.read_version} if self.read_version else {}),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "OcrPage":
        return cls(
            width=int(d["width"]),
            height=int(d["height"]),
            lines=[OcrLine.from_dict(x) for x in d.get("lines", [])],
            engine=d.get("engine", ""),
            source=d.get("source", "ocr"),
            rotation=int(d.get("rotation", 0)),
            skew=float(d.get("skew", 0.0)),
            read_version=int(d.get("read_version", 0)),
        )
