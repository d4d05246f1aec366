"""The read_file pipeline: text layer, cache, orientation, deskew, red-seal fading."""
from __future__ import annotations

import os
import subprocess
import sys

import cv2
import numpy as np
import pytest

from ocr.cache import OcrCache
from ocr.errors import CorruptFile, EngineError, UnsupportedFile
from ocr.pipeline import OcrSettings, read_file
from ocr.preprocess import (estimate_orientation, estimate_skew, rotate_quarter, rotate_small_angle,
                            seal_regions, suppress_red_seals)
from ocr.synthetic import certificate_page, dense_page, find_cjk_font, stamp_seal
from ocr.testing import CountingEngine, CrashingEngine

needs_font = pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed")
PLAIN = OcrSettings(orientation=False, deskew=False, suppress_red=False)


def _write(path, image):
    assert cv2.imwrite(str(path), image)
    return path


def test_settings_are_immutable_and_keyed():
    s = OcrSettings()
    with pytest.raises(Exception):
        s.dpi = 300
    assert s.key != OcrSettings(suppress_red=False).key
    assert s.key == OcrSettings(max_pages=10).key  # the page guard does not change output


def test_second_read_does_no_ocr(tmp_path):
    img = np.full((300, 400, 3), 255, np.uint8)
    cv2.putText(img, "2024", (50, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    path = _write(tmp_path / "a.png", img)
    engine = CountingEngine()
    cache = OcrCache(tmp_path / "cache.sqlite")
    first = list(read_file(path, engine, cache, PLAIN))
    second = list(read_file(path, engine, cache, PLAIN))
    assert engine.calls == 1
    assert not first[0].from_cache and second[0].from_cache
    assert second[0].ocr.text == first[0].ocr.text
    assert second[0].image.shape == img.shape
    # same pixels under another name: found by pixel digest, still no OCR
    copy = _write(tmp_path / "copy.png", img)
    assert next(read_file(copy, engine, cache, PLAIN)).from_cache
    assert engine.calls == 1
    # other settings or another engine: read again
    list(read_file(path, engine, cache, OcrSettings(orientation=False, deskew=False)))
    list(read_file(path, CountingEngine("另一个引擎"), cache, PLAIN))
    assert engine.calls == 2


def test_cache_is_shared_between_processes(tmp_path):
    db = tmp_path / "shared.sqlite"
    code = (
        "import sys; from ocr.cache import OcrCache; from ocr.model import OcrPage\n"
        "c = OcrCache(sys.argv[1])\n"
        "for i in range(50): c.put(f'{sys.argv[2]}-{i}', OcrPage(i, i))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), f"w{k}"], env=env) for k in range(3)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    cache = OcrCache(db)
    assert len(cache) == 150 and cache.get("w2-49").width == 49


@needs_font
def test_text_layer_pages_are_never_ocrd(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("zh", fname=find_cjk_font(), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=14)
    pdf.text(72, 100, "抚顺市生态环境局 2024年5月16日")
    pdf.add_page()  # an empty page without text: goes to the engine
    path = tmp_path / "digital.pdf"
    pdf.output(str(path))
    engine = CountingEngine()
    results = list(read_file(path, engine, None, OcrSettings()))
    assert engine.calls == 1
    assert results[0].source == "text_layer" and results[0].ocr.text == "抚顺市生态环境局2024年5月16日"
    assert results[0]._image is None and results[0].image.shape == (2339, 1654, 3)
    assert results[1].source == "ocr"


def test_bad_files_raise_typed_errors(tmp_path):
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    with pytest.raises(CorruptFile):
        list(read_file(bad, CountingEngine()))
    txt = tmp_path / "x.png"
    txt.write_text("hello")
    with pytest.raises(UnsupportedFile):
        list(read_file(txt, CountingEngine()))


def test_engine_failure_propagates_as_engine_error(tmp_path):
    path = _write(tmp_path / "a.png", np.full((50, 50, 3), 255, np.uint8))
    with pytest.raises(EngineError):
        list(read_file(path, CrashingEngine(), None, PLAIN))


# -- preprocessing without the real engine -----------------------------------------

@needs_font
@pytest.mark.parametrize("rotation", [0, 90, 270])
def test_projection_orientation_finds_sideways_pages(rotation):
    page = dense_page(chars=600, dpi=100).image
    turned = rotate_quarter(page, rotation)
    found = estimate_orientation(turned, engine=CountingEngine())  # no detector: projection
    assert found.method == "projection"
    assert (found.rotation in (90, 270)) == (rotation in (90, 270))


def test_skew_from_boxes_sign_and_size():
    boxes = np.array([[[0, 0], [300, 10.5], [300, 40.5], [0, 30]]] * 5, float)
    assert estimate_skew(boxes) == pytest.approx(2.0, abs=0.05)
    assert estimate_skew(boxes * [1, -1]) == pytest.approx(-2.0, abs=0.05)
    assert estimate_skew(np.zeros((0, 4, 2))) == 0.0


def test_rotate_small_angle_undoes_a_tilt():
    img = np.full((200, 400, 3), 255, np.uint8)
    cv2.line(img, (50, 100), (350, 100), (0, 0, 0), 3)
    tilted = rotate_small_angle(img, -3.0)  # clockwise 3 degrees
    ys, xs = np.nonzero(tilted[:, :, 0] < 128)
    slope = np.degrees(np.arctan(np.polyfit(xs, ys, 1)[0]))
    assert slope == pytest.approx(3.0, abs=0.3)
    back = rotate_small_angle(tilted, slope)
    ys, xs = np.nonzero(back[:, :, 0] < 128)
    assert abs(np.degrees(np.arctan(np.polyfit(xs, ys, 1)[0]))) < 0.3


@needs_font
def test_red_seal_fading_keeps_black_text_and_red_headers():
    page = certificate_page(dpi=100).image
    page[20:60, 100:700] = (0, 0, 220)  # a red header band: must survive
    sealed = stamp_seal(page, (600, 880), 90)
    faded, regions = suppress_red_seals(sealed)
    assert len(regions) == 1
    x0, y0, x1, y1 = regions[0]
    assert x0 < 600 < x1 and y0 < 880 < y1
    assert (faded[30, 300] == (0, 0, 220)).all()  # header untouched
    # black date text under the seal stays dark, the red ring goes light
    black = (page[y0:y1, x0:x1].max(axis=2) < 60)
    assert black.any() and faded[y0:y1, x0:x1][black].mean() < 90
    ring = (sealed[y0:y1, x0:x1, 2] > 150) & (sealed[y0:y1, x0:x1, 0] < 120)
    assert faded[y0:y1, x0:x1][ring].mean() > 200


def test_no_red_no_change():
    img = np.full((100, 100, 3), 255, np.uint8)
    out, regions = suppress_red_seals(img)
    assert out is img and regions == [] and seal_regions(img) == []


@needs_font
def test_big_red_header_characters_are_not_taken_for_a_seal():
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1654, 1200), "white")
    draw = ImageDraw.Draw(img)
    draw.text((560, 80), "文件", font=ImageFont.truetype(find_cjk_font(), 260), fill=(220, 20, 20))
    page = np.ascontiguousarray(np.asarray(img)[:, :, ::-1])
    page = stamp_seal(page, (1200, 900), 170)
    regions = seal_regions(page)
    assert len(regions) == 1 and regions[0][1] > 600  # only the seal, not the header
    faded, _ = suppress_red_seals(page)
    assert (faded[:500] == page[:500]).all()


def test_real_seal_is_found():
    from pathlib import Path

    path = Path("/work/shared/realdata/seals/paddlex_seal_text_det.png")
    if not path.is_file():
        pytest.skip("realdata absent")
    image = cv2.imread(str(path))
    regions = seal_regions(image)
    assert len(regions) >= 1


@needs_font
def test_digital_page_with_an_embedded_scan_is_ocrd_too(tmp_path):
    """A text-layer page carrying a picture of a certificate: the picture's text is not lost."""
    import io

    from PIL import Image

    fpdf = pytest.importorskip("fpdf")
    scan = certificate_page(dpi=60).image
    buf = io.BytesIO()
    Image.fromarray(scan[:, :, ::-1]).save(buf, "PNG")
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("zh", fname=find_cjk_font(), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=14)
    pdf.text(72, 60, "附件：职称证书复印件")
    pdf.image(buf, x=72, y=100, w=420, h=594)
    path = tmp_path / "attachment.pdf"
    pdf.output(str(path))
    engine = CountingEngine("二〇一九年六月三十日")
    result = next(read_file(path, engine, None, OcrSettings()))
    assert engine.calls == 1
    assert result.source == "text_layer+ocr"
    texts = [l.text for l in result.ocr.lines]
    assert "附件：职称证书复印件" in texts and "二〇一九年六月三十日" in texts
    # without pictures the same kind of page is not OCR'd
    plain = next(read_file(path, engine, None, OcrSettings(picture_cover_for_ocr=1.1)))
    assert plain.source == "text_layer" and engine.calls == 1
