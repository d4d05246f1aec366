"""The real PP-OCR engine on real pixels (slow: a few small pages only)."""
from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from ocr.engines import get_engine
from ocr.metrics import cer
from ocr.pipeline import OcrSettings, read_file
from ocr.preprocess import rotate_quarter
from ocr.synthetic import certificate_page, degrade, draw_lines, find_cjk_font, stamp_seal

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "ocr_zh"
if not REALDATA.is_dir():
    REALDATA = Path("/work/shared/realdata/ocr_zh")

pytestmark = pytest.mark.slow
needs_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed")


@pytest.fixture(scope="module")
def engine():
    return get_engine("ppocr")


@needs_font
def test_rendered_line(engine):
    page = draw_lines([(20, 20, "抚顺市生态环境局2024年5月16日", 36), (20, 90, "ISSN 1674-1021", 36)], 700, 150)
    result = engine.recognize(page.image)
    assert [l.text for l in result.lines] == ["抚顺市生态环境局2024年5月16日", "ISSN1674-1021"] or \
        cer(page.text, result.text) == 0
    assert [l.order for l in result.lines] == [0, 1]
    assert all(l.score > 0.9 for l in result.lines)
    x0, y0, x1, y1 = result.lines[0].bbox
    bx0, by0, bx1, by1 = page.boxes[0]
    assert abs(x0 - bx0) < 12 and abs(y0 - by0) < 12 and abs(x1 - bx1) < 12
    assert set(result.timings) >= {"detect", "classify", "recognise"}
    text, score = engine.recognize_line(page.image[10:70, :])
    assert text == "抚顺市生态环境局2024年5月16日" and score > 0.9
    # an upside-down crop is not silently "read": the score drops
    upside = engine.recognize_line(np.ascontiguousarray(np.rot90(page.image[10:70, :], 2)))
    assert upside[0] != text


@needs_font
@pytest.mark.parametrize("rotation", [90, 180])
def test_pipeline_turns_and_straightens_a_sealed_certificate(tmp_path, engine, rotation):
    cert = certificate_page(dpi=100)
    sealed = stamp_seal(cert.image, (600, 880), 85)
    scan = rotate_quarter(degrade(sealed, skew=2.0), rotation)
    path = tmp_path / "cert.jpg"
    cv2.imwrite(str(path), scan)
    result = next(read_file(path, engine, None, OcrSettings()))
    assert result.ocr.rotation == (360 - rotation) % 360
    assert result.ocr.skew == pytest.approx(2.0, abs=0.6)
    assert result.image.shape[:2] == cert.image.shape[:2]
    assert cer(cert.text, result.ocr.text) < 0.06
    assert "一九年六月三十日" in result.ocr.text  # at 100 dpi 〇 may read as ○ or （）


@pytest.mark.skipif(not (REALDATA / "ground_truth.json").is_file(), reason="realdata absent")
def test_realdata_text_lines(engine):
    truth = json.loads((REALDATA / "ground_truth.json").read_text(encoding="utf-8"))
    img = cv2.imread(str(REALDATA / "paddleocr_tests_textline.png"))
    page = engine.recognize(img)
    assert page.text.replace("\n", "") == truth["paddleocr_tests_textline.png"]["text"]
    rec = cv2.imread(str(REALDATA / "rapidocr_text_rec.jpg"))
    assert engine.recognize_line(rec)[0] == truth["rapidocr_text_rec.jpg"]["text"]
    multi = next(read_file(REALDATA / "cnocr_multi-line_cn2.png", engine))
    assert cer(truth["cnocr_multi-line_cn2.png"]["text"], multi.ocr.text) < 0.05


@needs_font
def test_pipeline_turns_a_clean_page_without_deskew(tmp_path, engine):
    cert = certificate_page(dpi=100)
    path = tmp_path / "sideways.png"
    cv2.imwrite(str(path), rotate_quarter(cert.image, 90))
    result = next(read_file(path, engine, None, OcrSettings(deskew=False, suppress_red=False)))
    assert result.ocr.rotation == 270 and result.ocr.skew == 0
    assert cer(cert.text, result.ocr.text) < 0.06
    # boxes refer to the upright image: the title box holds dark pixels
    x0, y0, x1, y1 = result.ocr.lines[0].bbox
    assert result.image[y0:y1, x0:x1].min() < 80
