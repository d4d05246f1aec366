"""Orientation: a half turn is made only when the text reads better turned; the
direction classifier's votes alone never turn an upright page."""
from __future__ import annotations

import numpy as np
import pytest

from ocr.engines.base import LineReading
from ocr.preprocess import estimate_orientation, rotate_quarter


def page_with_marked_lines() -> np.ndarray:
    """White page, eight long 'lines' dark on their left half: upright means the dark
    half is on the left."""
    page = np.full((800, 600, 3), 255, np.uint8)
    for i in range(8):
        y = 60 + 80 * i
        page[y:y + 30, 50:300] = 40
        page[y:y + 30, 300:550] = 200
    return page


class Engine:
    """Detects the marked lines; the classifier says what it is told; a strip reads
    well when its dark half is on the left (upright)."""

    def __init__(self, votes: str):
        self.votes = votes
        self.reads = 0

    def detect_lines(self, image):
        import cv2

        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        mask = (gray < 230).astype(np.uint8)
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        boxes = []
        for x, y, w, h, _area in stats[1:]:
            boxes.append([[x, y], [x + w, y], [x + w, y + h], [x, y + h]])
        return np.array(boxes, np.float32)

    def classify_lines(self, strips):
        if self.votes == "split":  # the classifier cannot tell
            return [("0" if i % 2 else "180", 0.99) for i in range(len(strips))]
        return [(self.votes, 0.99) for _ in strips]

    def read_line(self, strip):
        self.reads += 1
        w = strip.shape[1]
        upright = strip[:, : w // 2].mean() < strip[:, w // 2:].mean()
        return LineReading("text", 0.96 if upright else 0.62, None)


def test_classifier_saying_180_does_not_turn_an_upright_page():
    engine = Engine("180")
    o = estimate_orientation(page_with_marked_lines(), engine)
    assert o.rotation == 0 and engine.reads > 0 and o.method == "det+cls+rec"


def test_an_upside_down_page_is_turned_when_it_reads_better_turned():
    engine = Engine("180")
    o = estimate_orientation(rotate_quarter(page_with_marked_lines(), 180), engine)
    assert o.rotation == 180 and o.confidence >= 0.2


def test_an_upright_page_the_classifier_calls_upright_is_not_read_twice():
    engine = Engine("0")
    o = estimate_orientation(page_with_marked_lines(), engine)
    assert o.rotation == 0 and engine.reads == 0


@pytest.mark.parametrize("turn", [90, 270])
def test_a_sideways_page_the_classifier_cannot_place_is_set_upright_by_reading(turn):
    engine = Engine("split")
    o = estimate_orientation(rotate_quarter(page_with_marked_lines(), turn), engine)
    assert o.rotation == (360 - turn) % 360 and o.confidence >= 0.2


@pytest.mark.slow
def test_real_tobacco800_page_the_classifier_calls_upside_down_stays_upright():
    """cjy33f00-page02_2 is an upright office scan (Tobacco800); with the real engine the
    reader must not turn it."""
    from pathlib import Path

    import cv2

    from ocr.engines import get_engine

    folder = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "signatures_tobacco800_yolo" / "images"
    if not folder.is_dir():
        folder = Path("/work/shared/realdata/signatures_tobacco800_yolo/images")
    pages = sorted(folder.glob("cjy33f00-page02_2*.jpg")) if folder.is_dir() else []
    if not pages:
        pytest.skip("realdata not available")
    image = cv2.imread(str(pages[0]))
    o = estimate_orientation(image, get_engine("ppocr"))
    assert o.rotation == 0 or o.confidence < 0.2
    turned = estimate_orientation(rotate_quarter(image, 180), get_engine("ppocr"))
    assert turned.rotation == 180 and turned.confidence >= 0.2
