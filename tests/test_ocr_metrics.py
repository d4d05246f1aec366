"""CER helpers and the replay engine through the pipeline."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.engines.replay import ReplayEngine
from ocr.metrics import cer, line_cer, normalise_for_cer
from ocr.model import OcrLine, OcrPage
from ocr.pipeline import OcrSettings, read_file


@pytest.mark.parametrize("ref,hyp,expected", [
    ("抚顺市", "抚顺市", 0.0),
    ("抚顺市", "抚顺巿", 1 / 3),
    ("抚顺市", "", 1.0),
    ("", "多余", 1.0),
    ("２０２４年", "2024年", 0.0),
    ("ISSN 1674-1021", "ISSN1674-1021", 0.0),
    ("二〇一九", "二○一九", 0.25),  # lookalike circles are still an error
    ("ab", "abcd", 1.0),
])
def test_cer(ref, hyp, expected):
    assert cer(ref, hyp) == pytest.approx(expected)


def test_normalise_keeps_cjk_punctuation():
    assert normalise_for_cer("年，月。 日") == "年,月。日"


def test_line_cer_is_order_free_and_ignores_extra_lines():
    assert line_cer(["东", "愚园路"], ["西", "愚园路", "东"]) == 0.0
    assert line_cer(["愚园路"], []) == 1.0


def test_replay_engine_through_read_file(tmp_path):
    img = np.full((120, 200, 3), 255, np.uint8)
    path = tmp_path / "scan_001.png"
    cv2.imwrite(str(path), img)
    stored = OcrPage(200, 120, [OcrLine("回放的文字", ((1, 1), (90, 1), (90, 20), (1, 20)), 0.9)])
    engine = ReplayEngine({"scan_001.png#1": stored})
    result = next(read_file(path, engine, None, OcrSettings(orientation=False, deskew=False)))
    assert result.ocr.text == "回放的文字" and result.ocr.source == "replay"
