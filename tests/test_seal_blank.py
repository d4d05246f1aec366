"""verify.marks.seals.blank: faint ink off the print of a gray copy where no seal was found."""
from __future__ import annotations

from types import SimpleNamespace as NS

import cv2
import numpy as np
import pytest

from verify.marks.seals.blank import off_print_ink
from verify.rules.seal_present import BLANK_INK

PAPER = 240


def _page():
    """A 150 dpi A4 gray copy: a title in large print, four lines of body text, the unit and the date at
    its foot, a table's frame, with the OCR lines' boxes."""
    page = np.full((1753, 1240), PAPER, np.uint8)
    lines = []
    for x, y, text, size in [(542, 168, "REPORT", 1.7), (150, 300, "A" * 40, 1.0), (150, 360, "B" * 40, 1.0),
                             (150, 420, "C" * 40, 1.0), (150, 480, "D" * 22, 1.0), (760, 1180, "UNIT NAME HERE", 1.0),
                             (820, 1240, "2024 09", 1.0)]:
        cv2.putText(page, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, size, 60, 2)
        (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, size, 2)
        lines.append(NS(bbox=(x, y - h, x + w, y + base)))
    cv2.rectangle(page, (80, 560), (1160, 1000), 90, 2)  # a table's frame: rules, no seal
    return page, lines


def test_a_gray_copy_without_a_seal_shows_none_even_with_a_pen_ring_round_its_title():
    page, lines = _page()
    assert off_print_ink(page, lines) < 0.002
    # a red pen's ring as A011-003's round its title (225 x 81 px round a box 184 x 58): above and below it
    # hugs the line (within a fifth of the line's height), its tail reaches 30 px past the line's end;
    # about 3 px wide, 185 at its darkest
    cv2.ellipse(page, (646, 146), (114, 33), 0, 0, 360, 185, 3)
    assert off_print_ink(page, lines) < BLANK_INK


@pytest.mark.parametrize("level, kept", [(215, 1.0), (220, 0.6), (150, 0.35)])
def test_a_faint_or_worn_seal_over_the_foot_is_ink_a_seal_could_be(level, kept):
    """A 38 mm seal copied gray over the unit's name and date, faint (20 levels under the
    paper) or worn to a third of its ring: well over the threshold, though its middle
    lies on the OCR's lines."""
    page, lines = _page()
    rng = np.random.default_rng(3)
    ring = np.zeros_like(page)
    cv2.circle(ring, (900, 1200), 112, 255, 5)
    cv2.putText(ring, "SEAL BODY", (800, 1120), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 255, 2)
    worn = (ring > 0) & (rng.random(page.shape) < kept)
    page[worn] = np.minimum(page[worn], level)
    assert off_print_ink(page, lines) > 2 * BLANK_INK


def test_a_seal_dithered_on_a_one_bit_fax_is_ink_too():
    """A fax prints a seal as scattered black dots: each dot is ink off the print."""
    page, lines = _page()
    page = np.where(page < 128, 0, 255).astype(np.uint8)
    rng = np.random.default_rng(5)
    ring = np.zeros_like(page)
    cv2.circle(ring, (900, 1200), 112, 255, 8)
    page[(ring > 0) & (rng.random(page.shape) < 0.4)] = 0
    assert off_print_ink(page, lines) > 2 * BLANK_INK


def test_the_pipeline_measures_a_gray_copy_where_no_seal_was_found(monkeypatch):
    """The measure is kept beside ``seal_gray`` (and only there): a colour page or a
    page with a seal has none."""
    import verify.marks.seals as seals
    from ocr.model import OcrPage
    from ocr.pipeline import PageResult
    from verify.marks.seals.candidates import PageSeals
    from verify.model import Applicant
    from verify.run import pipeline

    monkeypatch.setattr(seals, "read_seals", lambda image, found, engine, names, decide=True: found)
    monkeypatch.setattr("verify.marks.signatures.find_signature_fields", lambda image, ocr, found: [])
    page, _ = _page()
    image = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)

    def fields(gray: bool):
        monkeypatch.setattr(seals, "search_seals", lambda image, ocr, ink=False, **kw: PageSeals([], gray=gray))
        result = PageResult(1, OcrPage(width=1240, height=1753, source="ocr"), 150.0, _image=image)
        return pipeline.read_page("a.jpg", result, Applicant(name="张三", unit="抚顺市某单位"), None, {}).fields

    got = fields(True)
    assert got.get(pipeline.SEAL_GRAY) == "1" and float(got[pipeline.SEAL_GRAY_INK]) > 0.0  # no OCR lines: the print counts
    assert pipeline.SEAL_GRAY_INK not in fields(False)


def _realdata_seals():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "seals" / "real"
    if not folder.is_dir():
        folder = Path("/work/shared/realdata/seals/real")
    return folder if folder.is_dir() else None


@pytest.mark.parametrize("name, sealed", [("D02_rapiddoc_certificate_img_2.png", True),
                                          ("D05_invoice_vat_special.jpg", True),
                                          ("D07_tsr_resume_form.jpg", False)])
def test_real_pages_copied_gray_show_their_seal_as_ink_off_the_print(name, sealed):
    """Real pages (shared/realdata/seals/real) turned gray as a copier would, read by the
    real engine: a certificate's and an invoice's red seals leave 0.13-0.19 of a window
    in ink off the print, far over the threshold; a form without a seal next to none."""
    from ocr.engines import get_engine

    folder = _realdata_seals()
    if folder is None or not (folder / name).is_file():
        pytest.skip("realdata not available")
    gray = cv2.cvtColor(cv2.imread(str(folder / name)), cv2.COLOR_BGR2GRAY)
    page = get_engine("ppocr").recognize(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    share = off_print_ink(gray, page.lines)
    assert (share > 5 * BLANK_INK) if sealed else (share < BLANK_INK), share


def test_the_densest_window_counted_in_strips_is_the_whole_pages_count():
    """:func:`_densest_window` counts a strip of rows at a time (the whole page's float32
    counts were 220 MB of a worker's peak on a big scan): the same count as one box filter
    over the whole page, for odd and even windows, strips shorter and longer than a window,
    ink at the page's edges."""
    import cv2

    from verify.marks.seals.blank import _densest_window

    rng = np.random.default_rng(4)
    for height, width, side, density in ((900, 400, 61, 0.05), (1001, 333, 60, 0.3), (300, 700, 299, 0.5),
                                         (257, 64, 3, 0.9), (2000, 50, 400, 0.02)):
        ink = ((rng.random((height, width)) < density) * 255).astype(np.uint8)
        ink[:5] = 255  # the first and last rows inked: windows reaching past the page count none there
        ink[-3:] = 255
        whole = cv2.boxFilter((ink > 0).astype(np.float32), -1, (side, side), normalize=False,
                              borderType=cv2.BORDER_CONSTANT).max()
        for rows in (1, 17, side, 512, height + 5):
            assert _densest_window(ink, side, rows) == float(whole), (height, width, side, rows)


def _remove_lines_before(mask, length):
    """remove_lines as it was before its page-sized steps wrote over what they were done with."""
    length = max(8, int(length))
    h, w = mask.shape
    small = cv2.resize(mask, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    small = cv2.inRange(small, 64, 255)
    ls = max(4, length // 2)
    horiz = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (ls, 1)))
    vert = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, ls)))
    if not cv2.countNonZero(horiz) and not cv2.countNonZero(vert):
        return mask
    kernel = np.ones((3, 3), np.uint8)
    hband = cv2.resize(cv2.dilate(horiz, kernel), (w, h), interpolation=cv2.INTER_NEAREST)
    vband = cv2.resize(cv2.dilate(vert, kernel), (w, h), interpolation=cv2.INTER_NEAREST)
    cleaned = cv2.bitwise_and(mask, cv2.bitwise_not(cv2.bitwise_or(hband, vband)))
    span = 13
    across_h = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, span)))
    across_v = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))
    healed = cv2.bitwise_or(cv2.bitwise_and(across_h, hband), cv2.bitwise_and(across_v, vband))
    healed = cv2.bitwise_and(healed, cv2.bitwise_not(
        cv2.morphologyEx(healed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))))
    return cv2.bitwise_or(cleaned, healed)


def test_lines_removed_and_light_flattened_in_place_give_the_same_pixels():
    """remove_lines and _flatten_light write their page-sized steps over planes they are done
    with (a big page's planes were 300 MB of a worker's peak): the same pixels as before, the
    mask given left as it was."""
    from verify.marks.seals.candidates import _flatten_light
    from verify.marks.seals.ink import remove_lines

    rng = np.random.default_rng(9)
    page, _ = _page()
    cv2.circle(page, (600, 1300), 120, 150, 4)  # a ring over the table's frame's line
    cv2.line(page, (80, 1300), (1160, 1300), 70, 3)
    for gray in (page, (rng.random((700, 900)) * 255).astype(np.uint8)):
        paper = cv2.blur(cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))),
                         (max(15, (min(gray.shape) // 12) | 1),) * 2)
        assert np.array_equal(_flatten_light(gray), cv2.divide(gray, cv2.max(paper, 1), scale=255))
        mask = cv2.inRange(_flatten_light(gray), 0, 200)
        kept = mask.copy()
        for length in (40, 124, 600):
            assert np.array_equal(remove_lines(mask, length), _remove_lines_before(mask, length)), length
            assert np.array_equal(mask, kept)
