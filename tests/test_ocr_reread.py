"""Lines under a faded seal are read again from the original pixels; the better
score wins, lines away from seals are left alone."""
from __future__ import annotations

import numpy as np

from ocr.model import OcrLine, OcrPage
from ocr.pipeline import reread_under_seals


class LineReader:
    """Recognises any crop as a fixed reading and counts the calls."""

    def __init__(self, text, score):
        self.text, self.score, self.calls = text, score, 0

    def recognize_line(self, image):
        self.calls += 1
        return self.text, self.score


def box(x0, y0, x1, y1):
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def pages():
    original = np.full((200, 400, 3), 255, np.uint8)
    original[20:50, 20:200] = (40, 40, 220)  # red ink over the first line
    faded = original.copy()
    faded[20:50, 20:200] = 255
    ocr = OcrPage(400, 200, [OcrLine("2011年8月1日", box(10, 10, 210, 60), 0.95, 0),
                             OcrLine("抚顺市人力资源和社会保障局", box(10, 120, 390, 160), 0.99, 1)])
    return original, faded, ocr


def test_a_line_under_the_seal_takes_the_better_reading():
    original, faded, ocr = pages()
    engine = LineReader("2014年8月4日", 0.998)
    out = reread_under_seals(ocr, original, faded, engine)
    assert [l.text for l in out.lines] == ["2014年8月4日", "抚顺市人力资源和社会保障局"]
    assert engine.calls == 1  # only the line the fading touched


def test_a_worse_second_reading_is_ignored():
    original, faded, ocr = pages()
    out = reread_under_seals(ocr, original, faded, LineReader("2O1l年", 0.6))
    assert out.lines[0].text == "2011年8月1日" and out.lines[0].score == 0.95


class FrameReader(LineReader):
    """Reads any crop with per-frame probabilities that say where their frames lie in the crop (as ppocr's
    ``read_line`` does, its blank margins cut off first)."""

    def read_line(self, image):
        from dataclasses import replace

        from ocr.ctc import Lattice, toy_frames

        self.calls += 1
        return self.text, self.score, replace(Lattice.from_probs(*toy_frames(self.text)), frame_x=(3.0, 5.0))


def test_a_line_read_again_keeps_its_frames_where_its_crop_lies_on_the_page():
    """The reading of a crop from x=10 says where its frames lie in the crop; on the page they lie 10 pixels further
    right (verify.marks.signatures finds where a label ends by them)."""
    original, faded, ocr = pages()
    out = reread_under_seals(ocr, original, faded, FrameReader("2014年8月4日", 0.998))
    assert out.lines[0].text == "2014年8月4日" and out.lines[0].lattice.frame_x == (13.0, 5.0)
