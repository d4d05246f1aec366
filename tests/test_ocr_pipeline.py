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
from ocr.model import OcrLine
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


def _dated_page(tmp_path):
    """A page printing 2024, its file, a counting engine and an empty cache."""
    img = np.full((300, 400, 3), 255, np.uint8)
    cv2.putText(img, "2024", (50, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    return img, _write(tmp_path / "a.png", img), CountingEngine(), OcrCache(tmp_path / "cache.sqlite")


def test_second_read_does_no_ocr(tmp_path):
    img, path, engine, cache = _dated_page(tmp_path)
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


def test_a_stored_reading_of_a_tilted_or_sideways_page_from_before_read_version_4_is_read_again(tmp_path):
    """Straightening tilts up to 20 degrees and detecting a sideways page again upright changed those pages'
    readings only: their stored readings are read again, every other stays good (no cache read anew whole)."""
    from ocr.model import OcrLine, OcrPage
    from ocr.pipeline import READ_VERSION

    img, path, engine, cache = _dated_page(tmp_path)
    first = next(read_file(path, engine, cache, PLAIN))
    assert engine.calls == 1 and first.ocr.read_version == READ_VERSION
    keys = [k for (k,) in cache._conn().execute("SELECT key FROM ocr_pages")]
    assert keys

    def store(page):  # as an earlier version left it under the same keys
        for k in keys:
            cache.put(k, page)

    level = ((20, 100), (380, 100), (380, 140), (20, 140))
    store(OcrPage(400, 300, [OcrLine("2024 年", level, 0.9)]))
    assert next(read_file(path, engine, cache, PLAIN)).from_cache and engine.calls == 1
    tilted = ((20, 100), (380, 176), (380, 216), (20, 140))  # 12 degrees, left so
    store(OcrPage(400, 300, [OcrLine("2024 年", tilted, 0.9)]))
    again = next(read_file(path, engine, cache, PLAIN))
    assert not again.from_cache and engine.calls == 2
    assert next(read_file(path, engine, cache, PLAIN)).from_cache and engine.calls == 2  # stored anew, version kept
    store(OcrPage(400, 300, [OcrLine("2024 年", level, 0.9)], rotation=90))
    assert not next(read_file(path, engine, cache, PLAIN)).from_cache and engine.calls == 3


class _WatermarkedEngine(CountingEngine):
    """Reads the page as a detector reads one under a tiled watermark while the watermark's blue shows (its words
    on three lines, the print beneath lost); the page's own line once the blue is gone."""

    def __init__(self):
        super().__init__("推荐表（续）")
        self.seen = []

    def recognize(self, image):
        self.seen.append(image.copy())
        page = super().recognize(image)
        if (image[:, :, 0].astype(int) - image[:, :, 2] > 30).any():  # blue shows
            box = lambda y: ((10.0, y + 20.0), (70.0, y), (70.0, y), (10.0, y + 20.0))  # turned 18 degrees
            page.lines = [OcrLine("仅供职称申报使用", box(y), 0.9, i) for i, y in enumerate((60.0, 140.0, 220.0))]
        return page


def test_a_page_under_a_tiled_coloured_watermark_is_read_again_with_the_watermark_faded(tmp_path):
    """Probe trust18 P20: a blue watermark tiled over every page; the detector took its words for the page's lines
    and lost the 推荐表（续）'s title and its 评定表's (one read as no kind: 缺少必备材料, failed). The watermark is
    faded to the paper and the page read again; the print over it stays."""
    img = np.full((300, 400, 3), 250, np.uint8)
    for y in (60, 140, 220):
        img[y:y + 20, 10:390] = (225, 190, 170)  # the watermark's words, pale blue (BGR)
    img[64:76, 20:120] = 20  # print the watermark crosses
    path, engine = _write(tmp_path / "a.png", img), _WatermarkedEngine()
    page = next(read_file(path, engine, None, PLAIN))
    # the page's line read on the faded view, the watermark's own lines kept (signature fields weigh their ink)
    assert engine.calls == 2 and [line.text for line in page.ocr.lines] == ["推荐表（续）"] + ["仅供职称申报使用"] * 3
    faded = engine.seen[1]
    assert faded[70, 300].tolist() == [250, 250, 250] and faded[70, 50].tolist() == [20, 20, 20]
    assert page.image[70, 300].tolist() == [225, 190, 170]  # the page's own image keeps it (signature fields)
    # a phrase printed in black on three rows is print: read once
    black, engine = img.copy(), _WatermarkedEngine()
    black[img[:, :, 0] == 225] = 30
    black[60:80, 380:390] = (225, 190, 170)  # some blue, that the engine reads its three lines
    next(read_file(_write(tmp_path / "b.png", black), engine, None, PLAIN))
    assert engine.calls == 1


@pytest.mark.parametrize("head", [b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"II*\x00\x08\x00\x00\x00"])
def test_a_file_refused_unread_is_not_hashed_for_the_cache_first(tmp_path, monkeypatch, head):
    """A sparse file of a few KB on disk claiming 200 GB, named as a scan: the cache's
    digest read it whole before the page source refused it as too large (162 s without a
    page done: the worker's stall limit, hostile2's audit)."""
    import ocr.pipeline
    from ocr.errors import MAX_FILE_BYTES, TooLarge

    hashed = []
    monkeypatch.setattr(ocr.pipeline, "file_digest", lambda path: hashed.append(path) or "x")
    path = tmp_path / "scan.jpg"
    path.write_bytes(head)
    os.truncate(path, MAX_FILE_BYTES + 1)
    with pytest.raises(TooLarge, match="文件过大"):
        list(read_file(path, CountingEngine(), OcrCache(tmp_path / "cache.sqlite"), PLAIN))
    assert hashed == []


def test_a_cached_file_is_hashed_once_for_all_its_pages(tmp_path, monkeypatch):
    import ocr.pipeline

    hashed = []
    real = ocr.pipeline.file_digest
    monkeypatch.setattr(ocr.pipeline, "file_digest", lambda path: hashed.append(path) or real(path))
    pdf = tmp_path / "two.pdf"
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842), doc.new_page(595, 842)
    doc.save(str(pdf))
    pages = list(read_file(pdf, CountingEngine(), OcrCache(tmp_path / "cache.sqlite"), PLAIN))
    assert len(pages) == 2 and hashed == [pdf]


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


def _cjk_pdf(size: int = 14):
    """An A4 fpdf document with a CJK font and its first page begun."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("zh", fname=find_cjk_font(), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=size)
    return pdf


@needs_font
def test_text_layer_pages_are_not_ocrd_but_their_lines_are_read_from_the_pixels(tmp_path):
    pdf = _cjk_pdf()
    pdf.text(72, 100, "抚顺市生态环境局 2024年5月16日")
    pdf.add_page()  # an empty page without text: goes to the engine
    path = tmp_path / "digital.pdf"
    pdf.output(str(path))
    engine = CountingEngine()
    results = list(read_file(path, engine, None, OcrSettings()))
    assert engine.calls == 1 and engine.line_calls == 1  # the text layer's one line checked (ocr.textlayer)
    assert results[0].source == "text_layer" and results[0].ocr.text == "抚顺市生态环境局2024年5月16日"
    assert results[0].image.shape == (2339, 1654, 3)
    assert results[1].source == "ocr"


@needs_font
def test_a_text_layer_line_the_page_does_not_show_is_read_from_the_pixels(tmp_path):
    """White text saying 2021年5月 where the page shows 2018年5月 drawn as a picture
    (probe alt9: the verdict followed the hidden text). The pixels' reading wins and the
    page is no longer an exact text layer."""
    pdf = _cjk_pdf()
    pdf.text(72, 100, "颁发日期")
    pdf.set_text_color(255, 255, 255)
    pdf.text(72, 140, "2021年5月")
    path = tmp_path / "award.pdf"
    pdf.output(str(path))
    engine = CountingEngine("2018年5月")  # what the page shows, read back for every line
    [page] = list(read_file(path, engine, None, OcrSettings()))
    assert page.source == "text_layer+ocr" and "2021" not in page.ocr.text and "2018年5月" in page.ocr.text


@needs_font
@pytest.mark.parametrize("mode, kept", [(3, False), (0, True)])
def test_an_invisible_ocr_layer_is_kept_only_where_the_pixels_read_it_as_it_is(tmp_path, mode, kept):
    """A scanner's or phone app's OCR layer, drawn invisibly (render mode 3) over the picture, is a machine's reading:
    where it says 2018年12月28日 and the pixels read 2018年12月26日, it is not kept however close the recogniser's
    probabilities put it (probe trust16 P15: the hidden date passed within TEXT_LAYER_NATS), while visible print the
    recogniser misread still is."""
    from ocr.ctc import Lattice, toy_frames

    pdf = _cjk_pdf()
    pdf.text(72, 100, "现专业技术资格证书复印件")
    pdf.text_mode = mode
    pdf.text(72, 140, "2018年12月28日")
    path = tmp_path / "cert.pdf"
    pdf.output(str(path))
    shows = "2018年12月26日"

    class Engine(CountingEngine):  # every line read as the page's date, its last digit but one in doubt (6 or 8)
        def read_line(self, image):
            self.line_calls += 1
            return shows, 0.9, Lattice.from_probs(*toy_frames(shows, unsure={9: "8"}))

    [page] = list(read_file(path, Engine(shows), None, OcrSettings()))
    assert ("2018年12月28日" in page.ocr.text) is kept
    assert shows in page.ocr.text or kept


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


def test_a_seal_on_a_600_dpi_page_is_found_on_a_reduced_copy(monkeypatch):
    """A 600-dpi A4 scan (4960 x 7016) with a 40 mm seal: found where it lies, in the page's own pixels, by
    morphology on a copy no larger than SEAL_SEARCH_SIDE (at the page's size its closing took 7 s a page: probe
    trust37)."""
    from ocr import preprocess

    page = np.full((7016, 4960, 3), 255, np.uint8)
    cv2.circle(page, (3300, 5600), 472, (40, 40, 225), 24)  # 40 mm across, a 1 mm ring
    cv2.putText(page, "SEAL", (3050, 5650), cv2.FONT_HERSHEY_SIMPLEX, 6, (40, 40, 225), 20)
    sizes = []
    real = cv2.morphologyEx

    def spy(src, *a, **kw):
        sizes.append(min(src.shape[:2]))
        return real(src, *a, **kw)

    monkeypatch.setattr(cv2, "morphologyEx", spy)
    [(x0, y0, x1, y1)] = seal_regions(page)
    assert sizes and max(sizes) <= preprocess.SEAL_SEARCH_SIDE
    # the ring inside the box, the box's margin what the page's own size gives (its closing's half, about 41 px)
    assert 0 <= (3300 - 484) - x0 < 80 and 0 <= x1 - (3300 + 484) < 80
    assert 0 <= (5600 - 484) - y0 < 80 and 0 <= y1 - (5600 + 484) < 80


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
    class Engine(CountingEngine):  # the page read as the certificate, its one printed line as printed
        def recognize_line(self, image):
            self.line_calls += 1
            return "附件：职称证书复印件", 0.99

    engine = Engine("二〇一九年六月三十日")
    result = next(read_file(path, engine, None, OcrSettings()))
    assert engine.calls == 1
    assert result.source == "text_layer+ocr"
    texts = [l.text for l in result.ocr.lines]
    assert "附件：职称证书复印件" in texts and "二〇一九年六月三十日" in texts
    # without pictures the same kind of page is not OCR'd
    plain = next(read_file(path, engine, None, OcrSettings(picture_cover_for_ocr=1.1)))
    assert plain.source == "text_layer" and engine.calls == 1


@needs_font
@pytest.mark.slow
@pytest.mark.parametrize("trick", ["white", "picture_over"])
def test_real_engine_reads_what_a_digital_page_shows_not_its_hidden_text(tmp_path, ppocr_engine, trick):
    """An award certificate as a digital PDF whose page shows 2018年5月 while its text
    layer says 2021年5月: white text under a picture of the true date, or white text
    beside it (probe alt9). The real recogniser reads the page's date; the hidden one
    is gone."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    pic = Image.new("RGB", (400, 80), "white")
    ImageDraw.Draw(pic).text((10, 10), "2018年5月", fill="black", font=ImageFont.truetype(find_cjk_font(), 56))
    buf = io.BytesIO()
    pic.save(buf, "PNG")
    pdf = _cjk_pdf(20)
    pdf.text(200, 100, "荣誉证书")
    pdf.set_font("zh", size=14)
    pdf.text(72, 160, "唐然同志荣获抚顺市生态环境系统优秀科技成果二等奖。")
    pdf.text(300, 400, "抚顺市生态环境局")
    pdf.set_text_color(255, 255, 255)
    pdf.text(300, 440, "2021年5月")
    pdf.image(buf, x=296 if trick == "picture_over" else 300, y=424 if trick == "picture_over" else 470, w=100, h=20)
    path = tmp_path / "award.pdf"
    pdf.output(str(path))
    [page] = list(read_file(path, ppocr_engine, None, OcrSettings()))
    text = page.ocr.text.replace(" ", "")
    assert "2021" not in text and "2018年5月" in text.replace("2Q18", "2018"), text
    assert "抚顺市生态环境局" in text and page.source == "text_layer+ocr"


@needs_font
@pytest.mark.slow
@pytest.mark.parametrize("tilt, sideways", [(-13.0, False), (12.0, False), (-12.0, True)])
def test_real_engine_reads_a_page_photographed_at_a_13_degree_tilt_in_line_order(tmp_path, ppocr_engine, tilt, sideways):
    """A page photographed lying on a desk, turned 12-13 degrees (probe trust21 C03: left tilted above 10 degrees, its
    publicity's range wrapped over two lines was read second line first and went unread). It is straightened and
    its lines come in the order printed; also where the photo lies sideways (C08: the lines detected down the
    sideways page were reused upright, a long one split and lost)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(find_cjk_font(), 34)
    page = Image.new("RGB", (1240, 900), (250, 250, 248))
    d = ImageDraw.Draw(page)
    rows = ["　　我单位已于2024年10月15日至2024年10月", "21日将王建国同志申报工程师专业技术资格的材料在单", "位内部进行公示。公示期间未收到异议。"]
    for k, t in enumerate(rows):
        d.text((120, 300 + k * 60), t, font=font, fill=(25, 25, 25))
    frame = Image.new("RGB", (1700, 1400), (140, 100, 60))  # the desk round it
    frame.paste(page.rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor=(140, 100, 60)), (110, 60))
    if sideways:
        frame = frame.rotate(90, expand=True)
    path = tmp_path / "photo.jpg"
    frame.save(path, quality=85)
    [read] = list(read_file(path, ppocr_engine, None, OcrSettings()))
    assert read.ocr.rotation == (90 if sideways else 0)
    assert abs(read.ocr.skew + tilt) < 1.5  # PIL turns counter-clockwise; the skew is the turn that undoes it
    lines = [line.text.replace(" ", "") for line in read.ocr.lines]
    assert "至2024年10月21日" in "".join(lines)
    assert any("21日将王建国同志申报工程师专业技术资格的材料在单" in t for t in lines), lines


def _damaged_cache(path):
    """An OCR cache whose header and schema are whole and whose pages are not: it passes
    the batch's start-up check (``sqlite_master`` reads) and fails the first look-up."""
    from ocr.model import OcrPage

    cache = OcrCache(path)
    for i in range(300):
        cache.put(f"k{i}", OcrPage(width=i, height=i, engine="x" * 200))
    cache.close()
    with open(path, "r+b") as fh:
        fh.seek(2 * 4096)
        fh.write(os.urandom(16 * 4096))


def test_a_cache_damaged_past_its_schema_leaves_the_pages_read_not_unreadable(tmp_path, caplog):
    """The cache only saves time: a damaged file made every page of every applicant
    「文件无法读取：读取时出错（DatabaseError）」, a clean dossier 14 fails."""
    _, path, engine, _ = _dated_page(tmp_path)
    db = tmp_path / "damaged.sqlite"
    _damaged_cache(db)
    cache = OcrCache(db)
    pages = list(read_file(path, engine, cache, PLAIN)) + list(read_file(path, engine, cache, PLAIN))
    assert [p.from_cache for p in pages] == [False, False] and engine.calls == 2
    assert "2024" in pages[0].ocr.text
    assert cache.broken and "malformed" in cache.broken
    said = [r.getMessage() for r in caplog.records if "OCR 缓存" in r.getMessage()]
    assert len(said) == 1 and "无法使用" in said[0]  # said once, not for each page


def test_a_cache_locked_by_another_program_mid_run_is_set_aside_not_waited_for_each_page(tmp_path):
    """Another program holding the file locked (``locking_mode=EXCLUSIVE``) made each
    look-up wait its busy timeout and then fail the page."""
    import sqlite3
    import time

    _, path, engine, _ = _dated_page(tmp_path)
    db = tmp_path / "locked.sqlite"
    cache = OcrCache(db, timeout=0.5)
    cache.close()  # its next look-up connects again, as a new worker's thread does
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO ocr_pages VALUES ('x', '{}', 0)")
    try:
        started = time.monotonic()
        pages = [p for _ in range(3) for p in read_file(path, engine, cache, PLAIN)]
        assert time.monotonic() - started < 5
    finally:
        holder.close()
    assert engine.calls == 3 and all("2024" in p.ocr.text for p in pages)
    assert cache.broken and "locked" in cache.broken


def test_a_cache_that_cannot_be_created_leaves_the_pages_read(tmp_path):
    """Its folder on a read-only disk (here: a file where the folder should be): the
    worker raised OSError and every applicant was an error row."""
    _, path, engine, _ = _dated_page(tmp_path)
    (tmp_path / "share").write_text("a file, not a folder")
    cache = OcrCache(tmp_path / "share" / "cache.sqlite")
    pages = list(read_file(path, engine, cache, PLAIN))
    assert "2024" in pages[0].ocr.text and cache.broken


def test_a_cache_another_program_writes_to_is_set_aside_after_one_busy_wait_not_five(tmp_path):
    """A program holding the write lock (``BEGIN IMMEDIATE``; readers still read, WAL)
    made ``put`` wait its busy timeout five times over (5 x 30 s a page at the default)
    before the cache was set aside (hostile3's leftover 5)."""
    import sqlite3
    import time

    from ocr.model import OcrPage

    db = tmp_path / "busy.sqlite"
    cache = OcrCache(db, timeout=0.5)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO ocr_pages VALUES ('x', '{}', 0)")
    try:
        assert cache.get("k") is None and cache.broken is None  # a reader is not blocked
        started = time.monotonic()
        cache.put("k", OcrPage(width=1, height=1, engine="x"))
        assert time.monotonic() - started < 1.2
        assert cache.broken and "locked" in cache.broken
        started = time.monotonic()
        cache.put("k2", OcrPage(width=1, height=1, engine="x"))  # set aside: no second wait
        assert time.monotonic() - started < 0.1
    finally:
        holder.close()
        cache.close()


def test_a_page_read_now_is_checked_on_the_values_its_rerun_reads_from_the_cache(tmp_path):
    """The cache keeps boxes to 0.1 px, scores to 4 places, the recogniser's probabilities in
    half precision: a first run checked on full precision and its rerun on the cache's values
    differed (probe trust29 P10: a name confirmed cold was a review warm, a reread's crop 0.1 px
    off). The page a first read hands on is the page the cache hands back, lattice included."""
    from ocr.ctc import Lattice, toy_frames
    from ocr.model import OcrLine, OcrPage

    class Precise(CountingEngine):
        def recognize(self, image):
            self.calls += 1
            h, w = image.shape[:2]
            box = ((10.04, 10.06), (w - 10.01, 10.06), (w - 10.01, 40.33), (10.04, 40.33))
            lat = Lattice.from_probs(*toy_frames("2024年"))
            return OcrPage(w, h, [OcrLine("2024年", box, 0.9876543, 0, lat)], engine=self.name)

    path = _write(tmp_path / "scan.png", np.full((300, 400, 3), 255, np.uint8))
    cache, engine = OcrCache(tmp_path / "cache.sqlite"), Precise()
    first = list(read_file(path, engine, cache, PLAIN))[0]
    again = list(read_file(path, engine, cache, PLAIN))[0]
    assert engine.calls == 1 and again.from_cache and not first.from_cache
    assert first.ocr.to_dict() == again.ocr.to_dict()
    (a,), (b,) = first.ocr.lines, again.ocr.lines
    assert a.box == b.box and a.score == b.score == 0.9877
    assert np.array_equal(a.lattice.logp, b.lattice.logp) and a.lattice.logp.dtype == b.lattice.logp.dtype


def test_a_tall_picture_s_pages_are_not_its_whole_reading_from_the_cache(tmp_path):
    """A cache filled before tall pictures were cut into pages (ocr.tall) holds the whole 长图's reading under its
    file and page 1: the cut page 1 must not get it (probe trust33: a 推荐表 piece came back with the dates of the
    two pages under it). Its pages are keyed apart; read again, every page comes from the cache."""
    import ocr.pipeline
    from ocr.model import OcrPage

    page = np.full((700, 500, 3), 255, np.uint8)
    cv2.putText(page, "2024", (50, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
    path = _write(tmp_path / "long.png", np.vstack([page, page, page]))
    engine, cache = CountingEngine(), OcrCache(tmp_path / "cache.sqlite")
    digest = ocr.pipeline.file_digest(path)
    cache.put(ocr.pipeline._file_key(digest, 1, engine, PLAIN), OcrPage(500, 2100, engine="old whole reading"))
    first = list(read_file(path, engine, cache, PLAIN))
    assert len(first) == 3 and sum(p.ocr.height for p in first) == 2100
    assert all(p.ocr.engine != "old whole reading" for p in first)
    calls = engine.calls
    again = list(read_file(path, engine, cache, PLAIN))
    assert engine.calls == calls and all(p.from_cache for p in again)


@needs_font
@pytest.mark.slow
@pytest.mark.parametrize("turn", [90, 270])
def test_real_engine_reads_a_certificate_drawn_sideways_on_a_digital_page_upright(tmp_path, ppocr_engine, turn):
    """A title certificate laid sideways inside a landscape page's own drawing, no /Rotate (probe trust32 T32-19):
    its text layer's lines ran down the page and were grouped across them into garbage, the holder's name lost. The
    page is read from its pixels, turned upright, as a /Rotate page is."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(orientation="L", unit="pt", format="A4")  # 842 x 595 pt
    pdf.add_font("zh", fname=find_cjk_font(), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=18)
    with pdf.rotation(turn, x=421, y=297):
        for k, t in enumerate(["专业技术资格证书", "姓名：王晓红", "工作单位：抚顺市生态环境保护服务中心",
                               "资格名称：助理工程师", "取得资格时间：2019-10-30"]):
            pdf.text(271, 187 + 44 * k, t)
    path = tmp_path / "sideways.pdf"
    pdf.output(str(path))
    [read] = list(read_file(path, ppocr_engine, None, OcrSettings()))
    assert read.source == "ocr" and read.ocr.rotation in (90, 270)
    texts = [line.text.replace(" ", "") for line in read.ocr.lines]
    assert "姓名：王晓红" in texts and "取得资格时间：2019-10-30" in texts, texts
