"""The mark on a row of printed grade choices, read from the pixels (trust exploration 8:
优秀□ 合格☑ 基本合格□ 不合格□ was always a review, and 建议考核等次为合格 in the
leader's comment passed a ticked 基本合格)."""
from __future__ import annotations

import numpy as np
import pytest

from ocr.model import OcrLine, OcrPage
from verify.marks.choices import read_choices

CHOICES = ("优秀", "合格", "基本合格", "不合格")
SIZE = 28


def _grade_label(width: int):
    """A white strip ``width`` × 200 with the label 考核等次 at its left: the image, its drawing context and the font."""
    from PIL import Image, ImageDraw

    from ocr.synthetic import _font, find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font")
    font = _font(SIZE)
    img = Image.new("RGB", (width, 200), "white")
    draw = ImageDraw.Draw(img)
    draw.text((20, 80), "考核等次", font=font, fill=(0, 0, 0))
    return img, draw, font


def _scanned(img):
    """The drawn strip as a scan gives it: BGR, slightly blurred."""
    import cv2

    return cv2.GaussianBlur(np.ascontiguousarray(np.asarray(img)[:, :, ::-1]), (3, 3), 0)


def _row(mark: str | None, on=("合格",), before=False):
    """A page with the row 考核等次 优秀□ 合格□ 基本合格□ 不合格□ (or □优秀 …), the boxes
    of ``on`` marked by ``mark`` (tick, fill, pen, circle); its image and the OCR lines
    a recogniser gives (the words, each box read 口 or lost)."""
    img, draw, font = _grade_label(1000)
    lines, x, y = [OcrLine("考核等次", ((18, 76), (136, 76), (136, 114), (18, 114)), 0.99, 0)], 180, 80
    circles = []
    for i, word in enumerate(CHOICES):
        w = int(draw.textlength(word, font=font))
        b = SIZE - 4
        bx = x if before else x + w + 4
        wx = x + b + 6 if before else x
        draw.text((wx, y), word, font=font, fill=(0, 0, 0))
        box = (bx, y + 5, bx + b, y + 5 + b)
        draw.rectangle(box, outline=(90, 90, 90), width=1)
        if word in on and mark == "tick":
            draw.line([(box[0] + 5, box[1] + 12), (box[0] + 10, box[3] - 5), (box[2] - 4, box[1] + 4)], fill=(0, 0, 0), width=2)
        elif word in on and mark == "fill":
            draw.rectangle(box, fill=(0, 0, 0))
        elif word in on and mark == "pen":
            draw.line([(box[0] + 3, box[1] + 10), (box[0] + 9, box[3] - 2), (box[2] + 8, box[1] - 10)], fill=(130, 40, 20), width=3)
        elif word in on and mark == "circle":
            circles.append((x - 10, y - 8, x + w + b + 16, y + SIZE + 14))
        end = x + w + b + 10
        lines.append(OcrLine(word + ("口" if word not in on else ""), ((x - 2, y - 4), (end, y - 4), (end, y + SIZE + 6), (x - 2, y + SIZE + 6)),
                             0.95, i + 1))
        x = end + 50
    for c in circles:
        draw.ellipse(c, outline=(40, 40, 220), width=3)  # red pen, in RGB
    return _scanned(img), OcrPage(img.width, img.height, lines)


@pytest.mark.parametrize("mark", ["tick", "fill", "pen", "circle"])
@pytest.mark.parametrize("before", [False, True])
def test_the_one_marked_choice_is_read(mark, before):
    image, ocr = _row(mark, on=("基本合格",), before=before)
    assert read_choices(image, ocr)[0] == "基本合格"


@pytest.mark.parametrize("mark, on", [(None, ()), ("tick", ("合格", "基本合格")), ("circle", ("优秀", "合格"))])
def test_no_mark_or_two_picks_none(mark, on):
    image, ocr = _row(mark, on=on)
    assert read_choices(image, ocr)[0] is None


def test_a_seal_over_the_row_picks_none():
    image, ocr = _row("tick")
    assert read_choices(image, ocr)[0] == "合格"
    assert read_choices(image, ocr, avoid=[(400, 20, 560, 180)])[0] is None
    assert read_choices(image, ocr, avoid=[(400, 150, 560, 190)])[0] == "合格"  # below the row, clear of it


def test_faint_ink_in_a_box_is_no_mark():
    """A speck or a watermark's stroke in one box is not clearly a mark: none picked."""
    image, ocr = _row(None)
    x0, y0, x1, y1 = ocr.lines[2].bbox  # 合格口
    box = image[y0 + 14:y0 + 18, x1 - 22:x1 - 16]
    box[...] = 120
    assert read_choices(image, ocr)[0] is None


def test_the_form_fields_say_the_marked_grade():
    """documents[].fields.assessment_grade said 优秀 (the first choice printed) on every
    checkbox form; it is the marked grade, or absent where no mark is read."""
    from verify.model import PageRead
    from verify.read.extract import read_page_facts
    from verify.run.pipeline import _read_grade_mark

    for mark, want in (("tick", "合格"), (None, None)):
        image, ocr = _row(mark)
        read = PageRead("k.jpg", 1, ocr, kind="annual_assessment")
        read_page_facts(read)
        _read_grade_mark(read, image)
        assert read.fields.get("assessment_grade") == want and read.fields.get("grade_mark") == want


@pytest.mark.slow
@pytest.mark.parametrize("mark", ["tick", "circle"])
def test_the_mark_is_read_on_the_real_engine_lines(mark):
    """The recogniser's own lines (boxes dropped or read 口, a line per choice or the row
    as one) locate the choices."""
    from ocr.engines import get_engine
    from ocr.errors import EngineError

    image, _ = _row(mark, on=("基本合格",))
    try:
        ocr = get_engine("ppocr").recognize(image)
    except EngineError as exc:
        pytest.skip(f"OCR engine unavailable: {exc}")
    assert read_choices(image, ocr)[0] == "基本合格"


@pytest.mark.parametrize("before", [False, True])
def test_a_row_read_as_one_line_with_its_label_is_split_at_its_gaps(before):
    """PP-OCRv4 reads a row, its label and the words, as one line, its boxes lost
    (考核等次：优秀合格基本合格; probe trust11 Q01, Q02: every such form was 未能识别考核等次)."""
    image, ocr = _row("tick", on=("基本合格",), before=before)
    (x0, y0, _, _), (_, _, x1, y1) = ocr.lines[0].bbox, ocr.lines[-1].bbox
    one = OcrLine("考核等次：" + "".join(CHOICES), ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.9, 0)
    assert read_choices(image, OcrPage(1000, 200, [one]))[0] == "基本合格"
    # a label with one grade is the grade written in its slot, not a row of choices
    alone = OcrLine("考核等次：合格", ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.9, 0)
    assert read_choices(image, OcrPage(1000, 200, [alone]))[0] is None


def test_a_round_seals_box_corner_beside_the_row_is_no_seal_over_it():
    """A round seal's ink lies inside its ring: the corner of its box beside the row covers
    nothing (probe trust11 Q02: a seal beside 基本合格 left every form 未能识别考核等次)."""
    image, ocr = _row("tick")
    x1, y0 = ocr.lines[-1].bbox[2], ocr.lines[-1].bbox[1]
    corner = (x1 + 5, y0 + 15, x1 + 405, y0 + 415)  # its top left corner by 不合格, its ring well clear
    assert read_choices(image, ocr, avoid=[corner])[0] is None
    assert read_choices(image, ocr, avoid_round=[corner])[0] == "合格"


def _sealed(image, box):
    """``image`` with a red seal's ring and a line of red print over ``box`` (its ink
    multiplied over the page's, as a stamp's)."""
    import cv2

    x0, y0, x1, y1 = box
    seal = np.full_like(image, 255)
    c, r = ((x0 + x1) // 2, (y0 + y1) // 2), (x1 - x0) // 2
    cv2.circle(seal, c, r - 6, (40, 40, 220), 8)
    cv2.putText(seal, "SEAL SEAL", (x0 + 20, c[1] + 10), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (40, 40, 220), 6)
    return (image.astype(np.uint16) * seal // 255).astype(np.uint8)


@pytest.mark.parametrize("on, want", [(("合格",), "合格"), (("不合格",), "不合格"), ((), None)])
def test_a_red_round_seal_over_a_choice_is_read_through(on, want):
    """A unit stamps its seal over the row (probe trust11 Q01, Q02: over 不合格): the boxes
    are read without its red, a black tick under it included; no box ticked stays none."""
    image, ocr = _row("tick" if on else None, on=on)
    x0, y0, x1, y1 = ocr.lines[-1].bbox
    seal = (x0 - 20, y0 - 120, x0 + 240, y0 + 140)  # its ring and print cross 不合格 and its box
    image = _sealed(image, seal)
    assert read_choices(image, ocr, avoid=[seal])[0] is None  # a box: not read
    assert read_choices(image, ocr, avoid_round=[seal])[0] == want


def _small_boxes(on: str, tick=(40, 50, 150)):
    """The row □优秀 □合格 □基本合格 □不合格 as probe trust18 prints it: each box 0.75 of the characters' size (a form's
    □ is drawn smaller than its words, whose tall strokes make the choice's ink taller still), the box of ``on``
    ticked in pen (blue by default) with the tick's tail rising out of the box; one OCR line per choice, 口 before
    the word or lost."""
    img, draw, font = _grade_label(1100)
    lines, x, y = [OcrLine("考核等次", ((18, 76), (136, 76), (136, 114), (18, 114)), 0.99, 0)], 180, 80
    b = int(SIZE * 0.75)
    for i, word in enumerate(CHOICES):
        w = int(draw.textlength(word, font=font))
        box = (x, y + 8, x + b, y + 8 + b)
        draw.rectangle(box, outline=(25, 25, 25), width=2)
        draw.text((x + b + 9, y), word, font=font, fill=(0, 0, 0))
        if word == on:
            draw.line([(box[0] + 3, box[1] + b // 2), (box[0] + b // 3, box[3] - 3), (box[2] + 6, box[1] - 9)], fill=tick,
                      width=4, joint="curve")
        end = x + b + 9 + w
        lines.append(OcrLine(("口" if i == 3 else "") + word, ((x - 2, y - 4), (end, y - 4), (end, y + SIZE + 6),
                                                              (x - 2, y + SIZE + 6)), 0.95, i + 1))
        x = end + 40
    return _scanned(img), OcrPage(img.width, img.height, lines)


@pytest.mark.parametrize("on", CHOICES)
def test_a_tick_in_a_box_smaller_than_its_words_is_read(on):
    """Probe trust18 C10, C12, P06: the boxes printed smaller than the words; the square as tall as the choice's ink
    held each box's own right side in its middle half, every box read as inked, and every ticked form was a review.
    The box is measured inside its own outline."""
    image, ocr = _small_boxes(on)
    assert read_choices(image, ocr)[0] == on


def test_empty_boxes_smaller_than_their_words_pick_none():
    image, ocr = _small_boxes("")
    assert read_choices(image, ocr)[0] is None


@pytest.mark.parametrize("on", CHOICES)
def test_a_loose_pen_ring_round_a_word_of_a_row_without_boxes_is_read(on):
    """Probe trust19: a form printing 优秀 合格 基本合格 不合格 with no boxes, the grade circled by hand in an ellipse
    reaching a word's height past its ends and most of one below it: five of thirty forms read no mark
    (「未能识别所选等次」 on clean dossiers)."""
    import cv2
    from PIL import Image, ImageDraw

    from ocr.synthetic import _font, find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font")
    font = _font(SIZE)
    img = Image.new("RGB", (1000, 240), "white")
    draw = ImageDraw.Draw(img)
    lines, x, y = [], 60, 100
    for i, word in enumerate(CHOICES):
        w = int(draw.textlength(word, font=font))
        draw.text((x, y), word, font=font, fill=(0, 0, 0))
        lines.append(OcrLine(word, ((x - 2, y - 4), (x + w + 2, y - 4), (x + w + 2, y + SIZE + 6), (x - 2, y + SIZE + 6)), 0.95, i))
        if word == on:
            draw.ellipse((x - 30, y - 16, x + w + 34, y + SIZE + 26), outline=(30, 40, 140), width=4)  # blue pen
        x += w + 120
    image = cv2.GaussianBlur(np.ascontiguousarray(np.asarray(img)[:, :, ::-1]), (3, 3), 0)
    assert read_choices(image, OcrPage(1000, 240, lines))[0] == on
