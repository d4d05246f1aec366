"""A PDF's text layer checked against what its page shows.

A reviewer sees the rendered page; the text layer is what the file says it holds. The
two part where an applicant wants them to: white or invisible text, text clipped
away, placed off the page or under a pasted picture, each saying the date or number
the page does not show (probe alt9: 13 of 17 such tricks passed). So each text-layer
line is read again from the rendered pixels under its box, and kept only where the
recogniser could have seen it there:

- the line read from its pixels as it is (spaces and full/half-width aside): kept,
  exact as text layers are;
- else, where the reading keeps per-frame probabilities, the text layer's line scored
  against them (:meth:`ocr.ctc.Lattice.compare`) within :data:`TEXT_LAYER_NATS` of the
  reading: kept (the recogniser misread a visible line);
- a line the file draws invisibly (a scanner's or a phone app's OCR layer over a picture, its score below 1.0:
  :data:`ocr.sources.HIDDEN_LINE_SCORE`) is a machine's reading, not print: kept only where the pixels read as it
  is, with the reading's score and probabilities, never within nats of it;
- else the pixels win: the line becomes what was read there (nothing, for text on blank
  paper or off the page), and the page is no longer a pure text layer
  (``source = "text_layer+ocr"``: its lines are not all exact).
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import replace

import numpy as np

from .model import OcrLine, OcrPage

log = logging.getLogger(__name__)

#: a text-layer line is what the page shows where the recogniser, reading its pixels,
#: finds it at most this much less likely (nats) than its own reading: one character
#: the recogniser was sure of otherwise (a date's 2018 under 2021) costs more
TEXT_LAYER_NATS = 6.0


def _norm(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


#: a text-layer line lower than this (pixels of the rendered page, 200 dpi: under 3 pt)
#: is no print a reader sees (0.1 pt text saying a date the page does not show)
MIN_LINE_PX = 8


def _crop_box(image: np.ndarray, line: OcrLine) -> tuple[int, int, int, int] | None:
    """The box of page pixels a line is read from: its box with a margin of a fifth of
    its height; None for a line too low to be read (:data:`MIN_LINE_PX`) or off the page."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = line.bbox
    if y1 - y0 < MIN_LINE_PX:
        return None
    pad = max(2, int(0.2 * (y1 - y0)))
    x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return x0, y0, x1, y1


#: a frame of PP-OCR's recognisers is this many pixels of its 48-pixel-high input
_FRAME_PX = 8.0


def _on_page(lattice, crop: tuple[int, int, int, int]):
    """A reading's lattice of the pixels in ``crop`` put on the page: its frames where the
    crop lies (the line's box is narrower and lower than the crop, so the box's own
    geometry would put each character too far left). An engine that does not say where
    its frames lie is taken to have read the crop whole at its height.

    >>> from ocr.ctc import Lattice, toy_frames
    >>> _on_page(Lattice.from_probs(*toy_frames("签字")), (782, 1420, 996, 1457)).frame_x
    (782.0, 6.166666666666667)
    """
    if lattice is None:
        return None
    if lattice.frame_x is None:
        return replace(lattice, frame_x=(float(crop[0]), _FRAME_PX * (crop[3] - crop[1]) / 48.0))
    return lattice.moved(crop[0])


def _readings(engine, crops: list[np.ndarray]) -> list[tuple[str, float, object]]:
    """(text, score, lattice or None) per crop, batched where the engine can."""
    many = getattr(engine, "read_lines", None)
    if many is not None:
        return [tuple(r[:3]) for r in many(crops)]
    one = getattr(engine, "read_line", None)
    if one is not None:
        return [tuple(one(c)[:3]) for c in crops]
    return [(*engine.recognize_line(c), None) for c in crops]


def shown(text: str, reading: tuple[str, float, object]) -> bool:
    """Whether a text-layer line ``text`` is what a reading of its pixels could be:
    read as it is, or likely under the reading's own probabilities; never where
    nothing was read (blank paper: a blank strip's frames are spread so thin that any
    text scores near its own empty reading).

    >>> shown("2021年5月", ("2021年5月", 0.99, None)), shown("2021年5月", ("2018年5月", 0.99, None))
    (True, False)
    >>> shown("ＩＳＳＮ 1674-1021", ("ISSN1674-1021", 0.98, None)), shown("2021年5月", ("", 0.0, None))
    (True, False)
    """
    read, _score, lattice = reading
    want = _norm(text)
    if want == _norm(read):
        return True
    if lattice is None or not want or not _norm(read):
        return False
    for hypothesis in dict.fromkeys(("".join(text.split()), want)):  # as written first: the dictionary has ，
        try:
            if lattice.compare(hypothesis) > -TEXT_LAYER_NATS:
                return True
        except Exception:  # a character the recogniser does not know
            continue
    # full- and half-width aside here too: the recogniser's dictionary holds both ６ and 6, and a line printed in
    # full-width (国际标准连续出版物号：ＩＳＳＮ　１０００－６９２３, a word processor's full-width mode) is read as a mixture
    # of the two that neither spelling fits within the nats (probe trust35 C01: the ISSN line of a born-digital 版权页
    # gave way to the reading 'IS SN１０００－６9２З'). Each character is scored as NFKC writes it.
    try:
        wide = lattice.folded(_width)
        return any(wide.compare(h) > -TEXT_LAYER_NATS
                   for h in dict.fromkeys((unicodedata.normalize("NFKC", text).strip(), want)) if h)
    except Exception:  # a lattice that cannot be folded or scored: the line is not shown
        return False


def _width(ch: str) -> str | None:
    """A character as NFKC writes it where that is one character (Ｓ as S, ６ as 6, ： as :), else None."""
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 and n != ch else None


#: more lines than a page shows: none is checked one by one, the page is read from its
#: pixels alone (each line's check costs a recognition)
MAX_CHECKED_LINES = 400


def check_text_layer(text_layer: OcrPage, image: np.ndarray, engine) -> OcrPage:
    """``text_layer`` with each line the rendered ``image`` does not show replaced by
    what it shows there (see the module). Returns the same page where every line held;
    a page of more than :data:`MAX_CHECKED_LINES` lines is left to its pixels (no line)."""
    lines = list(text_layer.lines)
    if len(lines) > MAX_CHECKED_LINES:
        log.info("text layer of %d lines: read from the page's pixels alone", len(lines))
        return replace(text_layer, lines=[], source="text_layer+ocr", timings={})
    boxes = [_crop_box(image, line) for line in lines]
    todo = [i for i, b in enumerate(boxes) if b is not None]
    crops = [image[boxes[i][1]:boxes[i][3], boxes[i][0]:boxes[i][2]] for i in todo]
    readings = dict(zip(todo, _readings(engine, crops))) if todo else {}
    # each reading's frames put where its crop lies on the page: a line keeps the reading's
    # probabilities under its own box (verify.marks.signatures finds where a label ends by them)
    readings = {i: (r[0], r[1], _on_page(r[2], boxes[i])) for i, r in readings.items()}
    out, replaced, hidden = [], 0, 0
    for i, line in enumerate(lines):
        reading = readings.get(i, ("", 0.0, None))
        if line.score < 1.0:  # drawn invisibly: the file's own OCR of a picture, as fallible as a reading
            hidden += 1
            if _norm(line.text) and _norm(line.text) == _norm(reading[0]):
                out.append(OcrLine(line.text, line.box, float(reading[1]), line.order, reading[2]))
                continue
        elif shown(line.text, reading):
            # kept as written, with the probabilities of its pixels (where the page's other
            # lines are not all exact, a claim is weighed on them: verify.read.confirm)
            out.append(line if reading[2] is None else OcrLine(line.text, line.box, line.score, line.order, reading[2]))
            continue
        replaced += 1
        text, score, lattice = reading
        log.info("text layer %r not shown on the page (read %r): the pixels' reading is kept", line.text, text)
        if text.strip():
            out.append(OcrLine(text, line.box, float(score), line.order, lattice))
    if not replaced and not hidden:
        return text_layer  # exact as it stands
    if not replaced:  # hidden lines, each read as it is: the pixels' readings, the page's other lines exact
        return replace(text_layer, lines=out, timings=dict(text_layer.timings))
    return replace(text_layer, lines=out, source="text_layer+ocr", timings=dict(text_layer.timings))
