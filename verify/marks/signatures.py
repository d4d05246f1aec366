"""Signature fields: find them by their printed labels, decide whether they are signed.

A field is found from the OCR lines: a label (签字, 签名, 签章, 负责人, 审核人,
经办人 ...) points to the space right of it (up to the next printed text on the
row, a table line or a date label), or below it when nothing fits on the right.
In that space, ink that is neither printed text (the OCR boxes of printed lines),
nor seal ink (red or blue, unless dark), nor table lines and underlines, is
handwriting candidate ink; :func:`looks_handwritten` tells strokes from print.

States: ``signed`` (handwriting-like ink), ``blank`` (no ink left), ``uncertain``
(some ink that may be a signature, under a dark seal, or printed-looking).

>>> label_span("单位负责人签字：")
(0, 8)
>>> label_span("审核人（签章）：  日期：")
(0, 8)
>>> label_span("项目名称") is None
True
>>> label_span("人事部门审核签"), label_span("经人事部门审核签发") is None
((0, 7), True)
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ocr.model import OcrLine, OcrPage
from ocr.preprocess import ink_colour, of_phrase
from verify.marks.levels import percentile_u8
from verify.marks.pieces import components, components_with_stats
from verify.model import SealMark, SignatureField
from verify.read.hanzi import cjk_count

log = logging.getLogger(__name__)

__all__ = [
    "SignatureSettings",
    "find_signature_fields",
    "label_span",
    "labels_beside_pen_ink",
    "looks_handwritten",
    "handwriting_features",
]


@dataclass(frozen=True)
class SignatureSettings:
    """How signature fields are looked for. Lengths are in label-line heights."""

    max_width: float = 12.0  # the field ends at most this far right of the label
    min_width: float = 4.0  # narrower than this: look below the label instead
    below_height: float = 3.0
    pad_y: float = 0.9  # signatures stand taller than the label line
    blank_ink: float = 0.12  # below this much ink (in squared line heights): too little for a confident "signed"
    blank_sure: float = 0.5  # below this share of ``blank_ink``: blank (a speck or two); between: by the ink's shape
    signed_ink: float = 0.5  # at least this much for a confident "signed"
    handwriting_signed: float = 0.35  # ink in a signature field is seldom print: the OCR boxes are out


DEFAULT_SETTINGS = SignatureSettings()

_PERSON = r"(?:负\s*责\s*人|审\s*核\s*人|经\s*办\s*人|审\s*批\s*人|核\s*[对查]\s*人|查\s*询\s*人|复\s*核\s*人|法定代表人|本人)"
#: a person's 签 whose 字 a signature covers (审核人签阳帅涛: the name read on into the label), or a checker's whose
#: 字： the unit's seal covers (人事部门审核签 on a retrieval proof photographed from afar, text 14 px: probe trust16 C19,
#: 「未找到签字栏」); 审核签发, 审核签订, 审核签署 are words of a sentence
_SIGN_COVERED = rf"(?<=[人核])\s*签(?!\s*[字名章发订收署])"
_LABEL_WORD = rf"(?:签\s*字|签\s*名|签\s*章|{_PERSON}|{_SIGN_COVERED})"
_LABEL = re.compile(
    rf"(?:{_LABEL_WORD}\s*(?:[（(][^）)]{{0,6}}[）)]\s*)*)+[:：]?"
)
_STRONG = re.compile(rf"签\s*[字名章]|{_SIGN_COVERED}")
_DATE_LABEL = re.compile(r"(日\s*期|年\s+月|年\s*月\s*日|[:：]\s*$)")
#: form words (年 月 日 or a date, 盖章, 单位意见 ...): a line with one is print. Words, not
#: their characters: a signer's name read as text may hold one (章志明, 单丽华, 王月华)
_FORM_WORDS = (r"盖\s*章|公\s*章|专用章|签\s*[字名章]|日\s*期|单\s*位|意\s*见|同\s*意|推\s*荐|属\s*实|年\s*月|月\s*日"
               r"|\d\s*[年月日]|[年月]\s*\d")
_FORM_HINT = re.compile(_FORM_WORDS)
#: those and brackets and colons: print, where read surely (:data:`PRINT_SCORE`)
_PRINTED_HINT = re.compile(rf"[（）()：:]|{_FORM_WORDS}")
#: a line read at least this surely may be print by its brackets or colons
PRINT_SCORE = 0.8
#: a unit head's assent, written in the field before his name (同意 王海涛, 同意推荐, 情况属实)
_ASSENT = re.compile(r"\s*(?:同\s*意|情\s*况\s*属\s*实|属\s*实)")
#: a label's row that goes on with an assent is written there, not printed, where its ink is at least this
#: like handwriting (:func:`looks_handwritten`; measured with the real engine on a label in print: 同意推荐 (王建国)
#: printed after it in song or kai, at its size or a size up, 0.01-0.09; 同意 王海涛 in a jittered kai hand in
#: black, at the print's size or half again as tall, 0.54-0.63; 同意 before a Tobacco800 signature 0.80-0.89)
ASSENT_HANDWRITTEN = 0.4
#: ... and written at least this many times as tall as the label's print (a form prints its words at the label's
#: size or a size up, 1.14 times; a hand writes larger than 五号 print): below, the field is never blank (review)
ASSENT_TALL = 1.25
#: ink written that much larger and at least this like handwriting is ``unsure`` too (同意推荐 王建国 in a kai hand
#: 0.23, printed in kai half again as tall 0.24, at the label's size up to 0.22, in song 0.0)
ASSENT_MAYBE = 0.2


def label_span(text: str) -> tuple[int, int] | None:
    """Character span of the first signature label in ``text`` (with its qualifier and
    colon), extended back to the start of the word before it (单位负责人, 审核人).

    >>> t = "核对人（签字）：    "
    >>> t[slice(*label_span(t))]
    '核对人（签字）：'
    >>> t = "单位负责人签字（盖章）：   日期："
    >>> t[slice(*label_span(t))]
    '单位负责人签字（盖章）：'
    >>> t = "单位负责人签宁："  # 字 misread on a fax's page: the colon still ends the label
    >>> t[slice(*label_span(t))]
    '单位负责人签宁：'
    """
    m = _LABEL.search(text)
    if not m:
        return None
    start, end = m.start(), m.end()
    # a label word inside the brackets of the person's (核对人（签字）：): the brackets close,
    # and a colon may follow, before the field begins
    if re.search(r"[（(]\s*$", text[:start]) and (close := re.match(r"\s*[）)](?:\s*[:：])?", text[end:])):
        end += close.end()
    # a 签 whose 字 was misread (单位负责人签宁：, 申报人签了： on a fax's page at 98 dpi): one glyph between the
    # 签 and the label's colon is the label's 字, not the field's print, so the field stays on the label's right
    elif re.search(r"签\s*$", text[:end]) and (misread := re.match(r"\s*[^\s\d:：（）()]\s*[:：]", text[end:])):
        end += misread.end()
    # the label often opens its line: "单位负责人签字：" - start at the line start
    # unless another field's text comes first (separated by spaces)
    before = text[:start]
    cut = max(before.rfind(" "), before.rfind("\u3000"), before.rfind("："), before.rfind(":"))
    start = cut + 1 if cut >= 0 else 0
    while end > start and text[end - 1].isspace():
        end -= 1  # the space after a bracketed qualifier is the field's
    return start, end


# ---------------------------------------------------------------- geometry


def _char_x(line: OcrLine, index: int) -> float:
    """Approximate x of a character boundary in a line (characters spread evenly)."""
    x0, _, x1, _ = line.bbox
    n = max(1, len(line.text))
    return x0 + (x1 - x0) * index / n


#: a recogniser frame is this many pixels of its 48-pixel-high input (PP-OCR's CTC heads)
_FRAME_PX = 8.0


def _label_end_x(line: OcrLine, index: int) -> float:
    """x where character ``index`` of ``line`` begins (or where its text ends, for
    ``index == len(text)``), from the recogniser's own frames when the line keeps them:
    a signature written on from its label is often taken into the label's box (the
    engine reads 审核人签字： over a box that runs on under the pen strokes), so the
    box's end is not the text's. Without frames, or where they do not spell the
    line's text, characters are taken as spread evenly over the box."""
    lat = getattr(line, "lattice", None)
    if lat is None or index <= 0:
        return _char_x(line, index)
    path = lat.path_of(line.text)
    if path is None:
        return _char_x(line, index)
    spans = [(f0, f1) for _, f0, f1 in path]  # first and last frame of each character
    x0, _, x1, _ = line.bbox
    if index >= len(spans):
        frame = spans[-1][1] + 1.5
    else:
        frame = (spans[index - 1][1] + 1 + spans[index][0]) / 2.0
    placed = getattr(lat, "frame_x", None)
    if placed is not None:
        # the reading says where its frames lie on the page: a text-layer line read from a
        # crop with a margin round its box (ocr.textlayer), a line read again under a seal
        return float(min(x1, max(x0, placed[0] + frame * placed[1])))
    # the recogniser read the box's own quadrilateral, scaled to 48 px high: a quad
    # tilted round a signature written on from its label (审核人(签字)：, 62 px high in
    # an 88 px bounding box) is narrower per frame than its bounding box says
    (qx0, qy0), (qx1, qy1), (qx2, qy2), (qx3, qy3) = line.box  # clockwise from top-left
    quad_h = (math.hypot(qx3 - qx0, qy3 - qy0) + math.hypot(qx2 - qx1, qy2 - qy1)) / 2.0
    top = math.hypot(qx1 - qx0, qy1 - qy0)
    along = (qx1 - qx0) / top if top > 0 else 1.0  # the reading direction's share of x
    px = _FRAME_PX * max(1.0, quad_h) / 48.0  # quad pixels per frame
    return float(min(x1, max(x0, min(qx0, qx3) + frame * px * along)))


def _one_label_each(labels: list[tuple[OcrLine, tuple[int, int]]]) -> list[tuple[OcrLine, tuple[int, int]]]:
    """The labels with one printed label read twice kept once: a born-digital PDF's text layer holds
    核查人（签字）： and the recogniser, reading the pixels, read the label and the pen's name after it as one line
    that the merge kept (under half of it inside the text layer's line). Judged twice, the field right of the shorter
    reading held the longer line, name and all, taken for print: blank beside its twin's signed, a review on a
    clean verification (probe trust36 C07). Twins say the same label over the same glyphs (their label spans overlap
    by half the narrower, their lines by half the shorter); the reading whose line runs on furthest is kept, its
    rest the field's writing, as a scan's single reading of it is."""
    def span(item):
        line, (a, b) = item
        return _char_x(line, a), _label_end_x(line, b)

    def words(item):
        line, (a, b) = item
        return re.sub(r"\s+", "", line.text[a:b])

    def twins(item, other) -> bool:
        (x0, x1), (ox0, ox1) = span(item), span(other)
        return (words(item) == words(other) and min(x1, ox1) - max(x0, ox0) >= 0.5 * min(x1 - x0, ox1 - ox0)
                and _vertical_overlap(item[0].bbox, other[0].bbox) >= 0.5)

    kept: list[tuple[OcrLine, tuple[int, int]]] = []
    for item in sorted(labels, key=lambda it: -it[0].bbox[2]):
        if not any(twins(item, other) for other in kept):
            kept.append(item)
    ids = {id(k) for k in kept}
    return [item for item in labels if id(item) in ids]


def _vertical_overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    top, bottom = max(a[1], b[1]), min(a[3], b[3])
    return max(0, bottom - top) / max(1, min(a[3] - a[1], b[3] - b[1]))


def _cv2():
    import cv2  # lazy

    return cv2


def _gray(image: np.ndarray) -> np.ndarray:
    cv2 = _cv2()
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image[..., :3], cv2.COLOR_BGR2GRAY)


def _even_light(gray: np.ndarray) -> np.ndarray:
    """The page as if evenly lit: each pixel divided by the paper's brightness round
    it (a closing wider than a pen stroke, blurred, at about 600 px). A phone photo's
    shadow is then paper, not ink: its edge is no ruled line that cuts the field off,
    and the ink threshold is the same in the shade as in the light.

    >>> page = np.full((600, 800), 230, np.uint8); page[:, :300] = 120  # a shadow on the left
    >>> page[300:304, 100:700] = 30                                       # a pen stroke across it
    >>> flat = _even_light(page)
    >>> int(flat[100, 150]) > 200, int(flat[100, 600]) > 200, int(flat[302, 150]) < 120, int(flat[302, 600]) < 120
    (True, True, True, True)
    """
    cv2 = _cv2()
    if gray.size == 0:
        return gray
    if min(gray.shape[:2]) < 600:
        paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))
        k = max(15, (min(gray.shape[:2]) // 20) | 1)
        return cv2.divide(gray, cv2.max(cv2.GaussianBlur(paper, (k, k), 0), 1), scale=255)
    # the paper's light is smooth: the ink closed off on the page halved by the Gaussian
    # pyramid to 600-1200 px, blurred halved once more (a quarter of the cost of one resize
    # to 600 px and a blur there), the closing and the blur as wide on the page as at
    # 600 px (9 px, 1/20 of the side)
    small = gray
    while min(small.shape[:2]) >= 1200:
        small = cv2.pyrDown(small)
    side = min(small.shape[:2])
    d = max(3, int(round(9 * side / 600.0)) | 1)
    paper = cv2.pyrDown(cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (d, d))))
    k = max(7, int(round(side / 40.0)) | 1)
    paper = cv2.resize(cv2.GaussianBlur(paper, (k, k), 0), (gray.shape[1], gray.shape[0]),
                       interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, cv2.max(paper, 1), scale=255)


# ---------------------------------------------------------------- handwriting


def handwriting_features(ink: np.ndarray) -> dict[str, float] | None:
    """Features of a binary ink crop (uint8, ink > 0), or None when there is too little ink.

    ``axis``/``diag``: share of edge energy along the axes / the diagonals (print draws
    along the axes); ``largest``: share of ink in the largest connected piece (a
    signature runs on, print is separate letters); ``comp_w``/``comp_h``: median piece
    size over the ink height; ``ncomp``: pieces per ink-height of width; ``hstd``:
    spread of piece heights; ``wcv``: stroke-width variation; ``peak``: share of rows
    carrying at least half the peak row's ink (print has a flat x-height band);
    ``fill``: ink share of the ink's box.
    """
    cv2 = _cv2()
    m = (ink > 0).astype(np.uint8)
    if int(m.sum()) < 20:
        return None
    f = cv2.GaussianBlur(m.astype(np.float32), (3, 3), 0.8)
    gx = cv2.Sobel(f, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(f, cv2.CV_32F, 0, 1, ksize=3)
    mag = np.hypot(gx, gy)
    total = float(mag.sum())
    if total <= 1e-6:
        return None
    ang = (np.degrees(np.arctan2(gy, gx)) + 180.0) % 90.0  # fold to [0, 90)
    n, _, stats, _ = components_with_stats(m)
    st = stats[1:]
    st = st[st[:, 4] >= 4]
    if len(st) == 0:
        return None
    ys, xs = np.nonzero(m)
    ih = float(ys.max() - ys.min() + 1)
    iw = float(xs.max() - xs.min() + 1)
    dist = cv2.distanceTransform(m, cv2.DIST_L2, 3)
    ridge = dist[(dist > 0) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)))]
    prof = m.sum(axis=1).astype(np.float64)
    prof /= prof.max() + 1e-6
    return {
        "axis": float(mag[(ang < 12) | (ang > 78)].sum()) / total,
        "diag": float(mag[(ang > 30) & (ang < 60)].sum()) / total,
        "largest": float(st[:, 4].max()) / float(st[:, 4].sum()),
        "comp_w": float(np.median(st[:, 2])) / ih,
        "comp_h": float(np.median(st[:, 3])) / ih,
        "ncomp": len(st) / (iw / ih),
        "hstd": float(np.std(st[:, 3]) / (np.mean(st[:, 3]) + 1e-6)),
        "wcv": float(ridge.std() / ridge.mean()) if ridge.size > 5 else 0.0,
        "peak": float((prof > 0.5).mean()),
        "fill": float(m[ys.min():ys.max() + 1, xs.min():xs.max() + 1].mean()),
    }


# Logistic weights fitted on Tobacco800 signature boxes vs printed lines of the same
# pages (pages 41-100 of ../shared/realdata; scripts/bench_seals.py --tobacco scores the
# held-out first 40) and on generated signatures vs printed Chinese in three faces.
_HANDWRITING_WEIGHTS = {
    "axis": -23.12, "diag": 3.18, "largest": 7.76, "comp_w": 0.22, "comp_h": 1.47,
    "ncomp": 0.024, "hstd": 3.60, "wcv": 7.69, "peak": 2.37, "fill": -9.99,
}
_HANDWRITING_INTERCEPT = 1.453


def looks_handwritten(crop: np.ndarray) -> float:
    """How much a crop's ink looks like handwriting rather than print, 0..1.

    ``crop`` is a page crop (BGR or gray, dark ink on light paper) or a binary ink
    mask. Print (Chinese or Latin) draws along the axes, in separate pieces of even
    height on a flat band; a signature slants, runs on and varies its stroke.
    """
    return _handwriting_of_mask(_ink_mask(crop))


def _handwriting_of_mask(mask: np.ndarray) -> float:
    """:func:`looks_handwritten` of an ink mask (ink > 0) as it is: a bold signature
    that covers more than half its box is still ink, not paper (a crop's mask cannot
    be told from a page crop by its values alone)."""
    feats = handwriting_features(mask)
    if feats is None:
        return 0.0
    z = _HANDWRITING_INTERCEPT + sum(w * feats[k] for k, w in _HANDWRITING_WEIGHTS.items())
    return float(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))))


def _ink_mask(crop: np.ndarray) -> np.ndarray:
    cv2 = _cv2()
    gray = _gray(crop)
    if gray.dtype != np.uint8:
        gray = np.clip(gray, 0, 255).astype(np.uint8)
    values = np.unique(gray[:: max(1, gray.shape[0] // 50), :: max(1, gray.shape[1] // 50)])
    if len(values) <= 2 and gray.max() > 0 and gray.mean() < 128:
        return (gray > 0).astype(np.uint8) * 255  # already a mask (ink > 0)
    paper = float(percentile_u8(gray, 90))
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    thr = min(otsu + 1, paper - 50)  # Otsu's dark class is <= otsu (0 on a 1-bit scan)
    return (gray < thr).astype(np.uint8) * 255


# ---------------------------------------------------------------- fields


def _field_box(line: OcrLine, span: tuple[int, int], lines: Sequence[OcrLine], page_w: int, page_h: int,
               settings: SignatureSettings, text_h: float | None = None, written_rest: bool = False
               ) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int], str]:
    """(label box, field box, where) for a label in ``line``; ``text_h`` is the label's
    text height where the engine merged it with a signature into a taller line
    (负责人签字：官龙字, 84 px for 35 px print: the 314 px left before （单位公章） are room
    for a signature, not under four line heights). ``written_rest``: what the line reads
    after the label was written there (:func:`_assent_row`), so its form words
    (同意) do not end the field."""
    x0, y0, x1, y1 = line.bbox
    h = max(8, y1 - y0)
    fit_h = min(h, text_h) if text_h else h
    lx0 = int(_char_x(line, span[0]))
    lx1 = int(math.ceil(_label_end_x(line, span[1])))
    label_box = (lx0, y0, lx1, y1)
    rest = line.text[span[1]:]
    if re.fullmatch(r"[\s（）()：:]*", rest):
        rest = ""  # a bracket or colon alone after the label (核对人(签字)：) read from a pen stroke or a stray mark
    # the field ends at the next printed text on the row
    right = min(page_w, lx1 + int(settings.max_width * h))
    m = _DATE_LABEL.search(rest) if rest.strip() else None
    if m and m.start() > 0:
        right = min(right, int(_char_x(line, span[1] + m.start())))
    elif rest.strip() and _PRINTED_HINT.search(rest.lstrip()[:3]) and not written_rest:
        right = min(right, int(_char_x(line, span[1] + len(rest) - len(rest.lstrip()))))
    for other in lines:
        if other is line:
            continue
        ob = other.bbox
        if ob[0] >= lx1 - h * 0.2 and _vertical_overlap(ob, line.bbox) > 0.5 and _row_print(other):
            right = min(right, ob[0])
    top = max(0, int(y0 - settings.pad_y * h))
    bottom = min(page_h, int(y1 + settings.pad_y * h))
    if right - lx1 >= settings.min_width * fit_h:
        return label_box, (lx1, top, right, bottom), "right"
    # nothing fits on the right: the space below the label
    bx0 = max(0, lx0 - h)
    bx1 = min(page_w, lx0 + int(settings.max_width * h * 0.8))
    by0, by1 = y1, min(page_h, int(y1 + settings.below_height * h))
    for other in lines:
        ob = other.bbox
        if other is line or ob[1] <= y1 or not _row_print(other):
            continue
        if ob[0] < bx1 and ob[2] > bx0:
            by1 = min(by1, ob[1])
    return label_box, (bx0, by0, bx1, max(by0 + 1, by1)), "below"


#: a line whose baseline turns more than this many degrees from the page's rows (the page deskewed) is no print on a
#: row of the form: a watermark tiled diagonally over the page (「仅供职称评审使用」 at 30-45 degrees, as applicants
#: are told to add). Its box (axis-aligned) spans hundreds of pixels of rows it only crosses: taken for print there,
#: it ended a field before the signature or blanked the signature under it (probe trust33: signed 推荐表 failed)
TILTED_DEG = 20.0


def _tilted(line: OcrLine) -> bool:
    """Whether ``line`` runs across the page's rows (:data:`TILTED_DEG`), by its top edge.

    >>> _tilted(OcrLine("仅供职称评审使用", ((0, 400), (400, 0), (440, 40), (40, 440)), 0.9))
    True
    >>> _tilted(OcrLine("单位负责人签字：", ((0, 0), (300, 6), (300, 40), (0, 34)), 0.9))
    False
    """
    (x0, y0), (x1, y1) = line.box[0], line.box[1]
    a = abs(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return min(a, 180.0 - a) > TILTED_DEG


def _row_print(line: OcrLine) -> bool:
    """Whether ``line`` is print on a row of the form (:func:`_is_printed`, not :func:`_tilted`): what ends a
    field or a room, or is cut out of a field's ink by its box."""
    return _is_printed(line) and not _tilted(line)


def _is_printed(line: OcrLine) -> bool:
    """Whether an OCR line is printed text rather than a handwritten name read as text.
    Short lines without any form word are given the benefit of the doubt (may be a
    signature the engine read): a name holding a form word's character is a name.

    >>> line = lambda t, score=0.95: OcrLine(t, ((0, 0), (90, 0), (90, 30), (0, 30)), score)
    >>> [_is_printed(line(t)) for t in ("章志明", "单丽华", "王月华", "刘振东")]
    [False, False, False, False]
    >>> [_is_printed(line(t)) for t in ("（单位盖章）", "年 月 日", "2024年3月5日", "日期：", "同意推荐")]
    [True, True, True, True, True]

    A Latin hand read unsure is no print; print read sure, or digits read unsure, are:

    >>> [_is_printed(line(t, 0.62)) for t in ("Etfer. Miormued.", "at-P.Doagl", "2024.10.22", "签字人员名单")]
    [False, False, True, True]
    >>> _is_printed(line("Etfer. Miormued.", 0.95))
    True
    """
    text = line.text.strip()
    if _FORM_HINT.search(text) or _LABEL.search(text):
        return True
    if _PRINTED_HINT.search(text) and line.score >= PRINT_SCORE:
        return True  # a bracket or colon in a poor reading is a pen stroke (KA反( at 0.57)
    cjk = cjk_count(text)
    if cjk == 0 and line.score < PRINT_SCORE and sum(c.isascii() and c.isalpha() for c in text) >= 3:
        # Latin letters the engine was unsure of: a signature in a Latin hand it tried to read
        # (Etfer. Miormued. at 0.68 beside 单位负责人签字：, masked as print: a signed field blank)
        return False
    if len(text) >= 6:
        return True
    return cjk == 0 and len(text) >= 3 and line.score >= 0.9


def _colour_ink(crop: np.ndarray) -> np.ndarray:
    """Red/pink seal ink and light blue that is not dark enough to be a pen stroke."""
    cv2 = _cv2()
    if crop.ndim == 2:
        return np.zeros(crop.shape, np.uint8)
    hsv = cv2.cvtColor(crop[..., :3], cv2.COLOR_BGR2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((h <= 12) | (h >= 155)) & (s >= 40) & (v >= 110)
    return red.astype(np.uint8) * 255


def _remove_lines(ink: np.ndarray, h: int) -> np.ndarray:
    cv2 = _cv2()
    lh = max(12, int(2.0 * h))
    lv = max(12, int(2.2 * h))  # a table column line crosses the whole field; pen strokes are shorter
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (lh, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, lv)))
    lines = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    return cv2.bitwise_and(ink, cv2.bitwise_not(lines)), vert


def _cells_right_of_label(field: tuple[int, int, int, int], vert: np.ndarray, h: int) -> list[tuple[int, int]]:
    """The field's first two table cells, ``[x0, x1)`` in field coordinates: the room
    up to the first table column line right of the label, then the cell after that line
    (up to the next line or the field's end); one cell where no line crosses the field.

    >>> vert = np.zeros((40, 300), np.uint8); vert[:, 120:123] = 255; vert[:, 250:252] = 255
    >>> _cells_right_of_label((0, 0, 300, 40), vert, 30)
    [(0, 120), (123, 250)]
    """
    width = field[2] - field[0]
    cols = np.flatnonzero((vert > 0).sum(axis=0) >= max(6, int(0.85 * vert.shape[0])))
    cols = cols[cols > int(0.3 * h)]
    if not len(cols):
        return [(0, width)]
    breaks = np.flatnonzero(np.diff(cols) > 2)
    starts = [int(cols[0])] + [int(cols[i + 1]) for i in breaks]
    ends = [int(cols[i]) + 1 for i in breaks] + [int(cols[-1]) + 1]
    cells = [(0, starts[0])]
    if ends[0] < width:
        cells.append((ends[0], starts[1] if len(starts) > 1 else width))
    return cells


def _png(img: np.ndarray) -> bytes | None:
    ok, buf = _cv2().imencode(".png", img)
    return buf.tobytes() if ok else None


def find_signature_fields(image: np.ndarray, ocr: OcrPage, seals: Sequence[SealMark] = (), *,
                          settings: SignatureSettings = DEFAULT_SETTINGS) -> list[SignatureField]:
    """Signature fields found by their labels in ``ocr``, each ``signed``, ``blank`` or
    ``uncertain``, with the field crop kept. ``seals`` (from ``find_seals``) let red
    seal ink be told apart from a signature; a dark seal over a field makes it uncertain."""
    cv2 = _cv2()
    if image is None or image.size == 0 or ocr is None:
        return []
    H, W = image.shape[:2]
    # OCR coordinates may come from a differently sized render of the page
    sx = W / float(ocr.width) if ocr.width else 1.0
    sy = H / float(ocr.height) if ocr.height else 1.0
    lines = [_scaled(line, sx, sy) for line in ocr.lines] if (abs(sx - 1) > 1e-3 or abs(sy - 1) > 1e-3) else list(ocr.lines)
    # "负责人：王五" is a typed name, not a place to sign (unless it says 签字/签名/签章), nor
    # is a bare 负责人 (a table heading, a sentence)
    labels = [(line, span) for line in lines if (span := label_span(line.text)) is not None
              and (_STRONG.search(line.text[span[0]:span[1]])
                   or line.text[span[0]:span[1]].rstrip().endswith(("：", ":", "）", ")")))]
    if not labels:
        return []  # no place to sign on the page: nothing to measure (the even-lit page, half the cost, is not made)
    labels = _one_label_each(labels)
    gray = _even_light(_gray(image))
    paper = float(percentile_u8(gray[:: 8, :: 8], 90)) if gray.size else 255.0
    otsu, _ = cv2.threshold(gray[:: 4, :: 4].copy(), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Otsu's dark class is ``<= otsu``: on a 1-bit scan (only 0 and 255) it is 0, and
    # ``gray < otsu`` found no ink at all (signed forms failed as blank)
    ink_thr = min(float(otsu) + 1.0, paper - 50.0)

    # a line written in the field in blue pen (同意推荐 王建国 under 单位负责人签字：) is no print, though it holds a form word
    read_lines = lines  # every line read, the watermark's too (blue words tiled over the page pass for pen lines)
    pen = _pen_written(image, gray, ink_thr, lines, {id(line) for line, _ in labels}, seals)
    # ... and so is one in black pen that opens with an assent and is drawn as a hand draws
    assents, doubtful = _assents_written(image, gray, ink_thr, lines, labels)
    pen |= assents
    if pen:
        lines = [line for line in lines if id(line) not in pen]
    fields: list[SignatureField] = []
    wm_colour = watermark_colour(image, gray, paper, read_lines)
    seen: list[tuple[int, int, int, int]] = []
    heights = [line.bbox[3] - line.bbox[1] for line in lines if line.bbox[3] > line.bbox[1]]
    typical_h = float(np.median(heights)) if heights else 30.0
    for line, span in labels:
        label_text = line.text[span[0]:span[1]]
        # the text height: a label line the engine merged with the signature is taller
        h = max(8, min(line.bbox[3] - line.bbox[1], int(1.3 * typical_h)))
        # the engine read the label and a black pen's 同意 王海涛 after it as one line
        row = _assent_row(image, gray, ink_thr, line.bbox, _label_end_x(line, span[1]), h,
                          (int(_char_x(line, span[0])), line.bbox[1], int(_label_end_x(line, span[1])), line.bbox[3])
                          ) if _ASSENT.match(line.text[span[1]:]) else None
        label_box, fbox, where = _field_box(line, span, lines, W, H, settings, h, written_rest=row == "written")
        if any(iou(fbox, s) > 0.5 for s in seen):
            continue
        seen.append(fbox)
        field = _judge_field(image, gray, ink_thr, lines, line, label_text.strip(), label_box, fbox, where,
                             h, seals, settings)
        if field.state in ("blank", "uncertain") and where == "right":
            # a label heading a table cell of its own: one signs in the cell under it
            # (| 单位负责人签字 | 单位盖章 | over | 刘振东 | (seal) |: a clean form failed as blank)
            # (| 单位负责人签字 | 单位盖章 | over | 刘振东 | (seal) |: a clean form failed as blank), or, where the
            # label stands in the top corner of a tall cell, in the room under it (also where only the top of a
            # signature written there reaches the field beside the label: a little ink, uncertain)
            under = _cell_below(gray, ink_thr, label_box, fbox, lines, line, h, settings) or \
                _room_below(gray, ink_thr, label_box, fbox, lines, line, h, settings, seals)
            if under is not None:
                below = _judge_field(image, gray, ink_thr, lines, line, label_text.strip(), label_box, under, "below",
                                     h, seals, settings)
                if below.state == "signed":
                    field, where = below, "below"
        if field.state in ("uncertain", "blank") and (
                weak := _pencil_threshold(gray, ink_thr, paper, field.field_bbox, image)) is not None:
            # only pale strokes there (a pencil on a grey scan): judged again with them whole, where a signature
            # is signed and a field blank by the cores of its strokes is at least uncertain
            again = _judge_field(image, gray, ink_thr, lines, line, label_text.strip(), label_box, field.field_bbox,
                                 where, h, seals, settings, weak_thr=weak)
            if again.state == "signed" or (field.state == "blank" and again.state == "uncertain"):
                field = again
        if field.state == "blank" and (weak := _pale_pen_threshold(gray, ink_thr, paper, field.field_bbox,
                                                                   image)) is not None:
            # no ink as dark as the page's print, but a pen's pale blue strokes (a scanner app's enhanced filter
            # washes a blue pen to 172, 174, 207 on white): judged with them, never blank where they are a hand's
            again = _judge_field(image, gray, ink_thr, lines, line, label_text.strip(), label_box, field.field_bbox,
                                 where, h, seals, settings, weak_thr=weak, pale_pen=True)
            if again.state in ("signed", "uncertain"):
                field = again
        if field.state == "blank" and (row == "unsure" or id(line) in doubtful):
            # an assent after the label drawn as a hand draws, no larger than print: maybe written there
            field.state, field.score = "uncertain", 0.0
        if field.state == "signed" and wm_colour is not None and _watermark_ink(image, gray, paper, field, wm_colour):
            # the field's ink is mostly the colour of the words tiled across the page: a watermark may be all it holds
            field.state = "uncertain"
        fields.append(field)
    return fields


#: a watermark: one phrase of at least this many characters read on this many lines of a page or more
WATERMARK_CHARS, WATERMARK_LINES = 4, 3
#: a field's ink is the watermark's where at least this share of it lies this close (BGR distance) to the line
#: from the paper to the watermark's colour
WATERMARK_SHARE, WATERMARK_NEAR = 0.5, 25.0


def watermark_colour(image: np.ndarray, gray: np.ndarray, paper: float, lines: Sequence[OcrLine]):
    """The colour (BGR) of a watermark tiled across the page, or None: a phrase (「仅供职称申报使用」) read whole on
    :data:`WATERMARK_LINES` lines or more, its colour the median of the inked pixels of the lines holding only its
    characters. A phone app's watermark tiled over a 推荐表 signed its blank 负责人签字 field (probe trust18 P20).

    >>> from ocr.model import OcrLine
    >>> img = np.full((300, 400, 3), 250, np.uint8); img[10:30, 10:200] = (230, 190, 170)
    >>> box = ((10, 10), (200, 10), (200, 30), (10, 30))
    >>> lines = [OcrLine("仅供职称申报使用", box, 0.9)] * 3 + [OcrLine("申报使用", box, 0.9)]
    >>> watermark_colour(img, img.mean(axis=2).astype(np.uint8), 250.0, lines)
    (230, 190, 170)
    >>> watermark_colour(img, img.mean(axis=2).astype(np.uint8), 250.0, lines[:2]) is None
    True
    >>> img[10:30, 10:200] = 30  # the phrase printed in black on three rows of a table
    >>> watermark_colour(img, img.mean(axis=2).astype(np.uint8), 250.0, lines) is None
    True
    """
    if image is None or image.ndim != 3:
        return None
    counts: dict[str, int] = {}
    for t in (line.text.strip() for line in lines):
        if len(t) >= WATERMARK_CHARS:
            counts[t] = counts.get(t, 0) + 1
    phrase = max(counts, key=lambda t: (counts[t], len(t)), default=None)
    if phrase is None or counts[phrase] < WATERMARK_LINES:
        return None
    chars = set(phrase)
    ink = ink_colour(image, gray, paper, [line for line in lines if of_phrase(line.text, chars)])
    if ink is None:
        return None
    colour = tuple(int(v) for v in ink)
    # a phrase printed in black on several rows (公需科目及专业科目 in a 学时 table) is print, no watermark
    return colour if max(colour) - min(colour) >= WATERMARK_CHROMA else None


#: a watermark's colour has at least this chroma (max - min of B, G, R): black or grey print repeated is none
WATERMARK_CHROMA = 25


def _watermark_ink(image: np.ndarray, gray: np.ndarray, paper_gray: float, field: SignatureField, colour) -> bool:
    """Whether most of the ink of ``field``'s box (all but the paper, its pale strokes too; a red seal's left out)
    is of the watermark's ``colour``."""
    x0, y0, x1, y1 = (max(0, int(v)) for v in (field.ink_bbox or field.field_bbox))
    g, crop = gray[y0:y1, x0:x1], image[y0:y1, x0:x1, :3]
    ink = crop[(g < paper_gray - 30) & (_colour_ink(crop) == 0)].astype(np.float32)  # a red seal's ink is neither
    if not len(ink):
        return False
    # a watermark's pixel lies between the paper and its colour (its edges blended with the paper), a pen's
    # stroke over it off that line or darker than the colour
    paper = np.percentile(crop.reshape(-1, 3), 90, axis=0).astype(np.float32)
    d = np.array(colour, np.float32) - paper
    t = (ink - paper) @ d / max(1.0, float(d @ d))
    off = np.linalg.norm(ink - paper - t[:, None] * d, axis=1)
    near = (off <= WATERMARK_NEAR) & (t >= 0.3) & (t <= 1.3)
    return float(near.mean()) >= WATERMARK_SHARE


#: a line in blue pen ink at least this handwritten (:func:`looks_handwritten`: print scores about 0, a line of
#: print in a kai face 0.12 to 0.3, of print with a long rule about 0.05; pen lines of probe trust13 1.0)
PEN_LINE_HANDWRITTEN = 0.1


def _pen_written(image: np.ndarray, gray: np.ndarray, ink_thr: float, lines: Sequence[OcrLine], label_ids: set[int],
                 seals: Sequence[SealMark] = ()) -> set[int]:
    """The ids of the lines :func:`_is_printed` takes for print that were written in blue
    pen: their ink blue (:func:`_pen_coloured`) and drawn as a hand draws
    (:func:`looks_handwritten`), on no seal but a red one (a blue seal's ring read as 专用章 is
    print; a red seal's ink is no blue, and a unit head signs where the seal then goes).
    A unit head who writes 同意推荐 and his name in the field signs it: the line read
    with 同意, print by its words, moved the field below the label or masked its own
    ink, and a signed field failed as blank (probe trust13).

    >>> from PIL import Image, ImageDraw, ImageFont
    >>> from ocr.model import OcrLine
    >>> def page(colour, face):
    ...     im = Image.new("RGB", (600, 100), (250, 250, 248))
    ...     ImageDraw.Draw(im).text((10, 20), "同意推荐王建国", font=ImageFont.truetype(face, 44), fill=colour)
    ...     return np.asarray(im)[:, :, ::-1].copy()
    >>> line = OcrLine("同意推荐王建国", ((10, 20), (330, 20), (330, 80), (10, 80)), 0.9)
    >>> kai, song = "/usr/share/fonts/truetype/arphic/ukai.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc"
    >>> import os; faces = os.path.exists(kai) and os.path.exists(song)
    >>> [bool(_pen_written(im, _gray(im), 128.0, [line], set())) for im in (page((30, 45, 140), kai),
    ...  page((30, 45, 140), song), page((20, 20, 20), kai))] if faces else [True, False, False]
    [True, False, False]
    """
    out: set[int] = set()
    if image.ndim != 3:
        return out
    H, W = gray.shape[:2]
    for line in lines:
        if id(line) in label_ids or not _is_printed(line):
            continue
        x0, y0, x1, y1 = (int(v) for v in line.bbox)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
        if x1 - x0 < 4 or y1 - y0 < 4 or any(s.color != "red" and iou(line.bbox, s.bbox, of_first=True) > 0
                                              for s in seals):
            continue
        crop = image[y0:y1, x0:x1]
        # the pen's own pixels: a red seal stamped over the writing is no part of its colour
        mask = ((gray[y0:y1, x0:x1] < ink_thr) & (_colour_ink(crop) == 0)).astype(np.uint8) * 255
        if _pen_coloured(crop, mask) and looks_handwritten(crop) >= PEN_LINE_HANDWRITTEN:
            out.add(id(line))
    return out


def _assent_row(image: np.ndarray, gray: np.ndarray, ink_thr: float, bbox, start_x: float, h: int,
                label_box) -> str | None:
    """What the ink of a row (``bbox``, a line's box) from ``start_x`` (where its label ends)
    on, and some way past the line's end (a signature the engine did not read), is, its
    red seal ink and rule lines left out: ``written`` where it is drawn as a hand draws
    (:data:`ASSENT_HANDWRITTEN`) and written larger than the label's print
    (:data:`ASSENT_TALL`), ``unsure`` where it is only one of the two (or, written that
    much larger, is less like a hand: :data:`ASSENT_MAYBE`), None (print) otherwise.

    A unit head writes 同意 and his name in the field, often in black (archives ask for
    black pen); the engine read 单位负责人签字：同意王海涛 as one line, or the assent as a line
    of its own, and 同意 is a form word: the field was print, blank, and a signed form failed
    (probe trust13). The shape alone cannot be trusted: a kai face's print of 属实 scores
    0.8 to 0.96, so print a size up or less is at most ``unsure``, never writing.

    >>> from PIL import Image, ImageDraw, ImageFont
    >>> kai = "/usr/share/fonts/truetype/arphic/ukai.ttc"
    >>> def row(hand, text="同意推荐王建国"):
    ...     im = Image.new("L", (800, 100), 250)
    ...     ImageDraw.Draw(im).text((5, 40), "签字：", font=ImageFont.truetype(kai, 30), fill=20)
    ...     f = ImageFont.truetype(kai, 44 if hand else 30)
    ...     for k, ch in enumerate(text):
    ...         tile = Image.new("L", (60, 60), 0)
    ...         ImageDraw.Draw(tile).text((6, 4), ch, font=f, fill=255)
    ...         tile = tile.rotate((-7, 5, -3, 8)[k % 4] if hand else 0, resample=Image.BICUBIC)
    ...         im.paste(Image.new("L", tile.size, 20), (110 + k * (46 if hand else 31), (24 if hand else 36) + (hand and (0, 5, -4, 3)[k % 4])), tile)
    ...     return np.asarray(im)
    >>> import os
    >>> [_assent_row(im, im, 128.0, (5, 30, 450, 85), 100, 30, (5, 30, 95, 85))
    ...  for im in (row(True, "同意 王海涛"), row(False), row(False, "属实"))] if os.path.exists(kai) else ["written", None, "unsure"]
    ['written', None, 'unsure']
    """
    H, W = gray.shape[:2]
    x0, y0, x1, y1 = (int(v) for v in bbox)
    cx0, cx1 = max(0, int(start_x)), min(W, x1 + 3 * h)
    cy0, cy1 = max(0, int(y0 - 0.3 * h)), min(H, int(y1 + 0.3 * h))
    if cx1 - cx0 < h or cy1 - cy0 < 4:
        return None
    ink = (gray[cy0:cy1, cx0:cx1] < ink_thr).astype(np.uint8) * 255
    if image.ndim == 3:
        ink[_colour_ink(image[cy0:cy1, cx0:cx1]) > 0] = 0
    ink, _ = _remove_lines(ink, h)
    hw = _handwriting_of_mask(ink)
    if hw < ASSENT_MAYBE:
        return None
    rows = np.flatnonzero((ink > 0).sum(axis=1) >= 2)
    tall = _written_tall(gray, ink_thr, label_box, int(rows[-1] - rows[0] + 1)) if len(rows) else 0.0
    if hw >= ASSENT_HANDWRITTEN:
        return "written" if tall >= ASSENT_TALL else "unsure"
    return "unsure" if tall >= ASSENT_TALL else None


def _assents_written(image: np.ndarray, gray: np.ndarray, ink_thr: float, lines: Sequence[OcrLine],
                     labels: Sequence[tuple[OcrLine, tuple[int, int]]]) -> tuple[set[int], set[int]]:
    """The ids of lines that open with an assent (同意 王海涛), stand right of a label on
    its row and were written there (:func:`_assent_row`): no print, whatever their ink's
    colour; and the ids of the labels beside such a line that may have been (``unsure``):
    their fields are never blank."""
    written: set[int] = set()
    doubtful: set[int] = set()
    label_ids = {id(line) for line, _ in labels}
    for line in lines:
        if id(line) in label_ids or not _ASSENT.match(line.text):
            continue
        for label, span in labels:
            lb = label.bbox
            end = _label_end_x(label, span[1])
            if line.bbox[0] < end - 0.5 * (lb[3] - lb[1]) or _vertical_overlap(line.bbox, lb) <= 0.5:
                continue
            row = _assent_row(image, gray, ink_thr, line.bbox, line.bbox[0], max(8, lb[3] - lb[1]),
                              (int(_char_x(label, span[0])), lb[1], int(end), lb[3]))
            if row == "written":
                written.add(id(line))
            elif row == "unsure":
                doubtful.add(id(label))
            break
    return written, doubtful


def _cell_below(gray, ink_thr, label_box, fbox, lines, label_line, h: int, settings) -> tuple[int, int, int, int] | None:
    """The table cell under a label's own cell, or None where the label is no cell's
    heading: a rule line must run under the label (within one and a half of its line
    heights) across its whole width. The cell spans the label's cell, from half a line
    height left of the label to the end of the field right of it (the cell's own column
    line), from that rule down to the next rule or printed line, at most
    :attr:`SignatureSettings.below_height` line heights.

    >>> g = np.full((300, 400), 255, np.uint8); g[60:62, 10:390] = 0; g[160:162, 10:390] = 0
    >>> _cell_below(g, 128, (40, 20, 160, 50), (160, 5, 300, 65), [], None, 30, DEFAULT_SETTINGS)
    (25, 62, 300, 152)
    >>> _cell_below(np.full((300, 400), 255, np.uint8), 128, (40, 20, 160, 50), (160, 5, 300, 65), [], None, 30,
    ...             DEFAULT_SETTINGS) is None
    True
    """
    H, W = gray.shape[:2]
    lx0, ly0, lx1, ly1 = label_box
    band = gray[ly1:min(H, int(ly1 + 1.5 * h)), lx0:lx1] < ink_thr
    if band.size == 0:
        return None
    rows = np.flatnonzero(band.mean(axis=1) >= 0.9)
    if not len(rows):
        return None
    top = ly1 + int(rows[-1]) + 1
    x0, x1 = max(0, int(lx0 - 0.5 * h)), min(W, int(fbox[2]))
    bottom = min(H, int(top + settings.below_height * h))
    under = gray[top + 2:bottom, x0:x1] < ink_thr
    if under.size:
        ruled = np.flatnonzero(under.mean(axis=1) >= 0.9)
        if len(ruled):
            bottom = top + 2 + int(ruled[0])
    for other in lines:
        ob = other.bbox
        if other is not label_line and ob[1] > top and ob[0] < x1 and ob[2] > x0 and _row_print(other):
            bottom = min(bottom, ob[1])
    return (x0, top, x1, bottom) if bottom - top >= h else None


#: the room under a label that heads no cell of its own (line heights) a signature needs: where less is left before
#: the next print (less :data:`ROOM_MARGIN`), nothing is looked for there
ROOM_BELOW_MIN = 1.5
#: how far above the next printed line the room under a label ends (line heights): a signature beside that line
#: rises above it
ROOM_MARGIN = 1.0


def _room_below(gray, ink_thr, label_box, fbox, lines, label_line, h: int, settings, seals=()
                ) -> tuple[int, int, int, int] | None:
    """The room under a label written in the top corner of a tall cell, where no rule line runs under it
    (单位负责人签字： at the top left of a box, the signature written below it, as a landscape form's head signed:
    probe trust14, C48 failed as blank): from just under the label, from half a line height left of it to the
    field's end or the first column line, down :attr:`SignatureSettings.below_height` line heights at most, to the
    next rule or to :data:`ROOM_MARGIN` above the next printed line. None where less than :data:`ROOM_BELOW_MIN`
    line heights are left, where a rule runs under the label (:func:`_cell_below` reads that cell), or where a
    blue or copied (dark) seal lies over the room: its ink is no pen's to tell apart (a red one's is left out).

    >>> g = np.full((400, 600), 255, np.uint8); g[10:12, 5:595] = 0; g[390:392, 5:595] = 0
    >>> _room_below(g, 128, (40, 20, 160, 50), (160, 5, 500, 65), [], None, 30, DEFAULT_SETTINGS)
    (25, 56, 500, 146)
    >>> g[62:64, 5:595] = 0  # a rule under the label: a cell of its own
    >>> _room_below(g, 128, (40, 20, 160, 50), (160, 5, 500, 65), [], None, 30, DEFAULT_SETTINGS) is None
    True
    >>> print_ = OcrLine("（单位盖章）", ((60, 120), (200, 120), (200, 150), (60, 150)), 0.95)
    >>> _room_below(np.full((400, 600), 255, np.uint8), 128, (40, 20, 160, 50), (160, 5, 500, 65), [print_], None,
    ...             30, DEFAULT_SETTINGS) is None
    True
    """
    H, W = gray.shape[:2]
    lx0, ly0, lx1, ly1 = label_box
    top = int(ly1 + 0.2 * h)
    x0, x1 = max(0, int(lx0 - 0.5 * h)), min(W, int(fbox[2]))
    bottom = min(H, int(top + settings.below_height * h))
    if bottom <= top or x1 <= x0:
        return None
    room = gray[top:bottom, x0:x1] < ink_thr
    ruled = np.flatnonzero(room[:, max(0, lx0 - x0):max(1, lx1 - x0)].mean(axis=1) >= 0.9)
    if len(ruled) and ruled[0] < 1.5 * h:
        return None  # a rule under the label: the label heads a cell of its own
    rows = np.flatnonzero(room.mean(axis=1) >= 0.9)
    if len(rows):
        bottom = top + int(rows[0])
    cols = np.flatnonzero(room[: max(1, bottom - top)].mean(axis=0) >= 0.9)
    cols = cols[cols + x0 > lx1]
    if len(cols):
        x1 = x0 + int(cols[0])
    for other in lines:
        ob = other.bbox
        if other is not label_line and ob[3] > top and ob[0] < x1 and ob[2] > x0 and _row_print(other):
            bottom = min(bottom, int(ob[1] - ROOM_MARGIN * h))
    if bottom - top < ROOM_BELOW_MIN * h:
        return None
    room_box = (x0, top, x1, bottom)
    if any(s.color != "red" and iou(room_box, s.bbox, of_first=True) > 0 for s in seals):
        return None
    return room_box


#: the room beside its label (label-line heights) a field right of it needs clear of a
#: copied seal for an empty field to be blank: a signature starts there
SIGN_ROOM = 4.0


#: a personal name seal (人名章) is this many label-line heights across, at least and at
#: most: a unit's seal over a field is twice the largest (38-42 mm against 4-5 mm of print)
NAME_SEAL = (1.3, 5.0)
#: a label that asks for a seal or a signature (签字或盖章, 签章, （章）)
_SEAL_INVITED = re.compile(r"盖\s*章|签\s*章|[（(]\s*章\s*[)）]")


def _name_seal(image, gray, ink_thr, fbox, label_box, h, seals=(), printed=()) -> tuple[int, int, int, int] | None:
    """The box of a personal name seal stamped in the field, or None: a compact mark of
    seal ink whose whole extent lies in the field, 1.3-5 line heights across and
    square-ish, dense as a seal's frame and characters are (a pen tick or circle is
    not), either red or, on a copy, a dark square frame round its characters. A
    unit's seal reaching into the field is far larger, and a mark that runs on past
    the region looked at is part of something larger, as is one inside a larger mark or
    inside one of the page's unit ``seals`` (:func:`_unit_seal`: a unit seal's star). On a
    copy, the ``printed`` lines' boxes are left out where marks are told apart (a gray
    杜宁杰印 whose frame touches the line of print above it joined it into one long mark;
    a side of the frame that went with them is judged on what was left out), and not
    those lying in the field: the engine reads a seal's own characters as lines (邵艳刚印
    as 艳邵 and 印刚)."""
    cv2 = _cv2()
    H, W = gray.shape[:2]
    fx0, fy0, fx1, fy1 = fbox
    m = int(2 * h)
    X0, Y0, X1, Y1 = max(0, fx0 - m), max(0, fy0 - m), min(W, fx1 + m), min(H, fy1 + m)
    crop = image[Y0:Y1, X0:X1]
    lo, hi = NAME_SEAL[0] * h, NAME_SEAL[1] * h
    units = [sm.bbox for sm in seals if _unit_seal(sm, h)]
    k = np.ones((max(3, int(0.3 * h)),) * 2, np.uint8)

    def compact(mask: np.ndarray, frame: bool, apart: np.ndarray | None = None) -> tuple[int, int, int, int] | None:
        joined = cv2.morphologyEx(mask if apart is None else apart, cv2.MORPH_CLOSE, k)
        n, labels, stats, _ = components_with_stats(joined)

        def beyond(x, y, w, hh) -> bool:  # runs on past the region looked at
            return x == 0 or y == 0 or x + w >= joined.shape[1] or y + hh >= joined.shape[0]

        # larger marks (a unit seal's ring, whatever reaches the region's edge): what lies
        # inside one (the seal's star, its characters) is a part of it
        large = [(x, y, x + w, y + hh) for x, y, w, hh, _ in stats[1:] if w > hi or hh > hi or beyond(x, y, w, hh)]
        large += [(sx0 - X0, sy0 - Y0, sx1 - X0, sy1 - Y0) for sx0, sy0, sx1, sy1 in units]
        for i in range(1, n):
            x, y, w, hh, _ = stats[i]
            if beyond(x, y, w, hh):
                continue
            cx, cy = x + w / 2, y + hh / 2
            if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in large):
                continue
            if not (lo <= w <= hi and lo <= hh <= hi) or max(w, hh) > 1.8 * min(w, hh):
                continue
            box = (int(X0 + x), int(Y0 + y), int(X0 + x + w), int(Y0 + y + hh))
            if iou(box, fbox, of_first=True) < 0.6 or iou(box, label_box, of_first=True) > 0.2:
                continue
            part = mask[y:y + hh, x:x + w] > 0
            if part.mean() < 0.2:
                continue  # a pen tick or circle: thin strokes, not a seal's frame and characters
            if frame:  # a dark mark: only a square frame round its characters is a seal
                edges = [part[:max(1, hh // 12)].mean(), part[-max(1, hh // 12):].mean(),
                         part[:, :max(1, w // 12)].mean(), part[:, -max(1, w // 12):].mean()]
                # a side whose frame went with the print left out (it ran into the line
                # above) is judged on the ink left out just beyond it
                edges = [max(e, c) for e, c in zip(edges, frame_left_out(mask, apart, x, y, w, hh))]
                if min(edges) < 0.5:
                    continue
            return box
        return None

    def frame_left_out(mask, apart, x, y, w, hh) -> list[float]:
        """Top, bottom, left, right: the densest line of the ink left out with the print
        (in ``mask``, not in ``apart``) just beyond that side of the box, as a share of
        the side (0 where nothing was left out)."""
        if apart is None:
            return [0.0] * 4
        gone = (mask > 0) & (apart == 0)
        dy, dx = max(2, int(0.15 * hh)), max(2, int(0.15 * w))
        rows = [gone[max(0, y - dy):y, x:x + w], gone[y + hh:y + hh + dy, x:x + w]]
        cols = [gone[y:y + hh, max(0, x - dx):x], gone[y:y + hh, x + w:x + w + dx]]
        return ([float(r.mean(axis=1).max()) if r.size else 0.0 for r in rows]
                + [float(c.mean(axis=0).max()) if c.size else 0.0 for c in cols])

    def without_seals(mask: np.ndarray) -> np.ndarray:
        # a name seal stamped against a unit seal's ring (王峰之印 touching 抚顺市…分局) joins it
        # into one large mark: the unit seals' discs are taken off first
        for sx0, sy0, sx1, sy1 in units:
            centre = (int(round((sx0 + sx1) / 2 - X0)), int(round((sy0 + sy1) / 2 - Y0)))
            axes = (int(round((sx1 - sx0) / 2)), int(round((sy1 - sy0) / 2)))
            cv2.ellipse(mask, centre, axes, 0, 0, 360, 0, -1)
        return mask

    red = _colour_ink(crop)
    if np.count_nonzero(red):
        box = compact(without_seals(red), frame=False)
        if box is not None:
            return box
    dark = without_seals((gray[Y0:Y1, X0:X1] < ink_thr).astype(np.uint8) * 255)
    apart = dark.copy()
    for bx0, by0, bx1, by1 in printed:
        if iou((bx0, by0, bx1, by1), fbox, of_first=True) > 0.5:
            continue  # what lies in the field is what was put there: a seal's own characters read as print
        apart[max(0, int(by0) - Y0):max(0, int(by1) - Y0), max(0, int(bx0) - X0):max(0, int(bx1) - X0)] = 0
    return compact(dark, frame=True, apart=apart)


def _unit_seal(seal, h: float) -> bool:
    """Whether a seal the search found is a unit's seal over the field: larger than a
    name seal can be (:data:`NAME_SEAL`, in label-line heights ``h``), or found with a
    star (a unit's seal, never a person's, whatever its size: a 36 mm seal over a field
    whose label line the engine merged with the signature was within five of that line's
    heights). Else it is what was put in the field: a name seal, or a signature whose
    loops the dark search took for a ring (22 mm by 14)."""
    x0, y0, x1, y1 = seal.bbox
    return "star" in seal.traits or max(x1 - x0, y1 - y0) > NAME_SEAL[1] * h


def _judge_field(image, gray, ink_thr, lines, label_line, label, label_box, fbox, where, h, seals, settings,
                 weak_thr: float | None = None, pale_pen: bool = False, beside_seal: tuple | None = None):
    """The state of the field ``fbox``; ``weak_thr``: its ink also takes the paler pixels
    (under ``weak_thr``) joined to it (:func:`_grown`: a pencil's strokes), or, with ``pale_pen``,
    its ink is the pixels under ``weak_thr`` of a pen's colour (:func:`_pale_pen_mask`).
    ``beside_seal``: the box of a personal name seal found in the field, judged here for the
    pen ink beside it (the seal's box left out, no name seal looked for again)."""
    cv2 = _cv2()
    fx0, fy0, fx1, fy1 = fbox
    crop_gray = gray[fy0:fy1, fx0:fx1]
    crop_img = image[fy0:fy1, fx0:fx1]
    field = SignatureField(label=label, label_bbox=tuple(int(v) for v in label_box), field_bbox=tuple(int(v) for v in fbox),
                           state="uncertain", crop_png=_png(crop_img) if crop_img.size else None)
    if crop_gray.size == 0:
        return field
    # the print in and round the field: the label's own characters and every printed OCR line
    printed = [label_box] + [o.bbox for o in lines if o is not label_line and _row_print(o)]
    # print many times the label's height over much of the field (a watermark's one word: Augraphy's WaterMark COPY
    # across a 推荐表's field, probe trust39 C12): its box hides whatever was written under it
    giant = any(o is not label_line and _row_print(o) and o.bbox[3] - o.bbox[1] >= GIANT_PRINT * h
                and iou(fbox, o.bbox, of_first=True) >= 0.3 for o in lines)
    across = [o for o in lines if o is not label_line and _is_printed(o) and _tilted(o)]
    stamp = None if beside_seal else _name_seal(image, gray, ink_thr, fbox, label_box, h, seals, printed)
    if stamp is not None:  # signed with a personal seal: where the label asks for one, that is signing
        if not _SEAL_INVITED.search(label):
            # the head signed by hand and stamped a name seal beside the signature (probe trust29 C16: the
            # signature under the unit's seal, 刘建国印 beside it, was a review of a name seal in place of a hand)
            pen = _judge_field(image, gray, ink_thr, lines, label_line, label, label_box, fbox, where, h, seals,
                               settings, weak_thr, pale_pen, beside_seal=stamp)
            if pen.state == "signed" and pen.by == "pen":
                pen.name_seal_bbox = stamp
                return pen
        field.ink_bbox, field.by, field.name_seal_bbox = stamp, "name_seal", stamp
        field.state, field.score = ("signed", 0.9) if _SEAL_INVITED.search(label) else ("uncertain", 0.5)
        return field
    ink = (crop_gray < ink_thr).astype(np.uint8) * 255
    if beside_seal:  # the name seal's own ink (a copy's dark frame and characters) is no pen's
        bx0, by0, bx1, by1 = beside_seal
        ink[max(0, by0 - fy0):max(0, by1 - fy0), max(0, bx0 - fx0):max(0, bx1 - fx0)] = 0
    cover = _cover(image, fbox, h, seals)
    if cover is not None:  # a thumb, a shadow: what lies under it is unseen, not ink
        ink[cover > 0] = 0
    if weak_thr is not None and pale_pen:
        ink = cv2.bitwise_or(ink, _pale_pen_mask(crop_gray, crop_img, weak_thr))
    elif weak_thr is not None:
        ink = _grown(crop_gray, ink, weak_thr)
    # red seal ink is not a signature (a dark pen stroke under the seal stays dark)
    ink = cv2.bitwise_and(ink, cv2.bitwise_not(_colour_ink(crop_img)))
    ink, vert = _remove_lines(ink, h)
    raw = ink.copy()
    # printed text: the label's own characters (the engine may have read a signature that
    # runs on from the label as part of the same line) and every printed OCR line
    for ob in printed:
        x0, y0 = max(0, ob[0] - fx0 - 1), max(0, ob[1] - fy0 - 1)
        x1, y1 = min(ink.shape[1], ob[2] - fx0 + 1), min(ink.shape[0], ob[3] - fy0 + 1)
        if x1 > x0 and y1 > y0:
            ink[y0:y1, x0:x1] = 0
    for o in across:  # print turned across the rows (a watermark tiled diagonally): its own band, not its box
        poly = np.round(np.asarray(o.box, np.float32) - (fx0, fy0)).astype(np.int32)
        cv2.fillPoly(ink, [poly], 0)
        cv2.polylines(ink, [poly], True, 0, 3)
    if where == "right":
        # the field ends at the first table column line right of the label; where the
        # label fills a cell of its own and that room is empty, one signs in the next
        # cell (| 单位负责人签字 | 刘振东 | 单位盖章 |: a probe's signed form failed as blank)
        cells = _cells_right_of_label(fbox, vert, h)
        x0c, x1c = cells[0]
        if (len(cells) > 1 and np.count_nonzero(ink[:, x0c:x1c]) < settings.blank_ink * h * h
                and cells[1][1] - cells[1][0] >= NEXT_CELL_WIDTH * h):
            x0c, x1c = cells[1]
        for mask in (ink, raw):
            mask[:, :x0c] = 0
            mask[:, x1c:] = 0
    # a copier drum's streak runs down the page through the field (Augraphy's DirtyDrum, probe trust39 A07: two
    # bands of dark speckle across a blank 审核人 field signed it): its columns' ink is no one's hand, and left out
    streak = _streak_columns(gray, ink_thr, fbox, h)
    streaked = bool(np.count_nonzero(ink[:, streak]))  # (a shadow's columns: its cover already taken out)
    if streaked:
        for mask in (ink, raw):
            mask[:, streak] = 0
    # a dark (copied) seal's ink cannot be told from pen ink by its colour: leave its disc out
    # and never call the field blank when a signature's place lies under such a seal - on a
    # field right of its label, the room beside the label (:data:`SIGN_ROOM`), where
    # one signs; a seal's rim reaching only the far end of the field hides no signature.
    # Where the disc holds strokes much darker than the seal's own ink, those strokes are a pen's
    # (:func:`_pen_over_copied_seal`): judged with the rest, the seal's ink still left out
    under_dark = False
    pieces = False  # a copied seal's disc taken out whole: what is left of a signature over it is pieces
    for s in seals:
        overlap = iou(fbox, s.bbox, of_first=True)
        if s.color != "dark" or overlap <= 0 or not _unit_seal(s, h):
            continue
        sx0, sy0, sx1, sy1 = s.bbox
        disc = np.zeros_like(ink)
        cv2.ellipse(disc, ((int((sx0 + sx1) / 2 - fx0), int((sy0 + sy1) / 2 - fy0)),
                           (int(sx1 - sx0), int(sy1 - sy0)), 0), 255, -1)
        pen_in_disc = _pen_over_copied_seal(gray, ink_thr, s.bbox, fbox, ink, disc, printed)
        if pen_in_disc is not None:
            # the seal's own (paler) ink is no stroke of the signature: out of the strokes judged whole too
            seal_ink = cv2.bitwise_and(disc, cv2.bitwise_not(pen_in_disc))
            raw = cv2.bitwise_and(raw, cv2.bitwise_not(seal_ink))
            ink = cv2.bitwise_and(ink, cv2.bitwise_not(seal_ink))
        else:
            ink = cv2.bitwise_and(ink, cv2.bitwise_not(disc))
            pieces = True
        if where == "right":
            under_dark = under_dark or sx0 - fx0 < SIGN_ROOM * h
        else:
            under_dark = under_dark or overlap > 0.05
    # specks
    scattered = float(np.count_nonzero(ink)) / float(h * h)  # the dark pixels before the specks go
    n, labels, stats, _ = components_with_stats(ink)
    keep = np.zeros(n, bool)
    min_area = max(4, int(0.004 * h * h))
    for i in range(1, n):
        if stats[i, 4] >= min_area:
            keep[i] = True
    ink = (keep[labels] * 255).astype(np.uint8)
    amount = float(np.count_nonzero(ink)) / float(h * h)
    if amount < settings.blank_ink * settings.blank_sure:
        if cover is not None:
            field.state, field.score, field.by = "uncertain", 0.0, "cover"
            field.ink_bbox = _box_of(cover, fx0, fy0)
        elif under_dark:  # the signature may be under the copied seal
            field.state, field.score = "uncertain", 0.0
        elif streaked:
            # what the streak covers is unseen: a signature may be under it
            field.state, field.score = "uncertain", 0.0
        elif giant:
            # the field under a word printed across it, its box taken out whole: a signature there is unseen, not
            # absent (the head's 钱丽萍 above the COPY's C failed 「栏未签字」)
            field.state, field.score = "uncertain", 0.0
        elif scattered >= settings.blank_ink:
            # a signature's worth of dark pixels, every one in a speck: strokes a copier's screen broke into dots
            # (probe trust39 C01: a blue pen's 赵宝山 under Augraphy's DotMatrix, its cores specks of a few pixels,
            # failed 「栏未签字」), or a page's noise; neither is a sure blank
            field.state, field.score = "uncertain", 0.0
        else:
            field.state, field.score = "blank", float(min(1.0, 1.0 - amount / settings.blank_ink * 0.5))
        return field
    ys, xs = np.nonzero(ink)
    ib = (int(fx0 + xs.min()), int(fy0 + ys.min()), int(fx0 + xs.max() + 1), int(fy0 + ys.max() + 1))
    field.ink_bbox = ib
    # judge the strokes whole: pieces of the raw ink that reach the kept ink (a signature
    # running over the label keeps its strokes there)
    _, raw_labels = components(raw)
    touched = np.unique(raw_labels[ink > 0])
    whole = (np.isin(raw_labels, touched[touched > 0]) * 255).astype(np.uint8)
    wy, wx = np.nonzero(whole)
    hw = _handwriting_of_mask(whole[wy.min():wy.max() + 1, wx.min():wx.max() + 1]) if len(wy) else 0.0
    # a ballpoint's thin strokes leave little ink: a signature 20 mm long drawn with them
    # (0.14-0.25 of a line height squared) is still wider than a tick and all hand (not
    # where a copied seal's disc was taken out whole: what is left of the strokes is pieces; a pen's strokes
    # told from the seal's ink under them are whole)
    thin_hand = hw >= THIN_HAND and ib[2] - ib[0] >= THIN_HAND_WIDTH * h and not pieces
    if len(wy) and _flat(whole, h):
        # a stroke no taller than a rule anywhere along it (one long pen line drawn through
        # the field, a probe's 核查人 "signature"): something is there, but no name
        field.state, field.score = "uncertain", hw
    elif amount >= settings.signed_ink and hw >= settings.handwriting_signed:
        field.state, field.score = "signed", hw
    elif amount < settings.blank_ink and not thin_hand:
        # a little ink, not a signature's shape: a speck or a stroke too thin to judge. Not
        # blank either: a fine ballpoint's name (B04, B07 of a probe set) left 0.84-0.98 of
        # the ink a blank is allowed, where every planted blank field left under a tenth of it
        field.state, field.score = "uncertain", hw
    elif thin_hand:
        field.state, field.score = "signed", hw
    elif amount >= SHORT_NAME_INK and len(wy) and _signed_by_hand(
            amount >= settings.signed_ink, _written_tall(gray, ink_thr, label_box, wy.max() - wy.min() + 1),
            _pen_coloured(crop_img, whole) and not any(s.color == "blue" and iou(fbox, s.bbox, of_first=True) > 0
                                                       for s in seals),
            components(whole)[0] - 1, not any(iou(ib, s.bbox, of_first=True) > 0 for s in seals)):
        # a neat hand (钟平桂 in a regular script) draws no slant or run-on, but a name
        # written half again as tall as the form's print, or in blue ink, was not printed
        field.state, field.score = "signed", max(hw, settings.handwriting_signed)
    else:
        field.state, field.score = "uncertain", hw
    if cover is not None and field.state != "signed":
        # the field partly under a finger or a shadow: its strokes may be there (probe trust21 P03: the unit head's
        # field blank under a thumb, its skin's shaded edge taken for a signature, passed)
        field.state, field.score, field.by = "uncertain", 0.0, "cover"
        field.ink_bbox = _box_of(cover, fx0, fy0)
    if pale_pen and field.state == "signed" and not (amount >= settings.signed_ink and hw >= settings.handwriting_signed) \
            and not _runs_on(whole[wy.min():wy.max() + 1, wx.min():wx.max() + 1]):
        # pale blue strokes sign only by a hand's shape, not by their colour: a pale blue watermark printed across
        # a blank field (「复印件仅供职称申报使用」) is blue and neat, and signed it as a neat name in blue pen is;
        # a hand's strokes that run on from one character's room into the next are no print (probe trust18 C02:
        # a scrawl's zigzag washed pale blue, 0.22 like handwriting by its upright strokes, was a review)
        field.state = "uncertain"
    log.debug("field %r %s ink=%.2f hw=%.2f -> %s", label, fbox, amount, hw, field.state)
    return field


#: a printed line at least this many times the label's height (:func:`_judge_field`): no line of the form's text
GIANT_PRINT = 3.0

#: a streak's columns (:func:`_streak_columns`) are this dark (share of their pixels under the ink threshold) in
#: the field and, at least half as dark, in the page above and below it
STREAK_INK = 0.15


def _streak_columns(gray: np.ndarray, ink_thr: float, fbox, h: int) -> np.ndarray:
    """The field's columns (a boolean per column of ``fbox``) that a streak runs through: in bins a quarter of a
    line height wide, ink over :data:`STREAK_INK` of the field's rows, and as much (at least half the field's share)
    in the three field heights above it and the three below, as a copier drum's dirty band runs down the whole
    page; with a bin either side of each. A signature stays in its field; print above and below it is not that
    dense in the same columns.

    >>> g = np.full((900, 300), 250, np.uint8); g[:, 100:140:2] = 40      # a band down the whole page
    >>> g[420:480, 200:260] = 40                                           # a stroke in the field only
    >>> cols = _streak_columns(g, 128.0, (50, 400, 290, 500), 30)
    >>> bool(cols[50:90].all()), bool(cols[150:210].any())
    (True, False)
    """
    x0, y0, x1, y1 = (int(v) for v in fbox)
    x0, y0 = max(0, x0), max(0, y0)
    H = gray.shape[0]
    fh = y1 - y0
    out = np.zeros(max(0, x1 - x0), bool)
    up, down = gray[max(0, y0 - 3 * fh):y0, x0:x1], gray[y1:min(H, y1 + 3 * fh), x0:x1]
    if fh <= 0 or out.size == 0 or up.shape[0] < fh or down.shape[0] < fh:
        return out  # no room above or below to see a streak go on
    d_in = (gray[y0:y1, x0:x1] < ink_thr).mean(axis=0)
    d_up, d_down = (up < ink_thr).mean(axis=0), (down < ink_thr).mean(axis=0)
    step = max(4, h // 4)
    for c in range(0, out.size, step):
        i, u, d = d_in[c:c + step].mean(), d_up[c:c + step].mean(), d_down[c:c + step].mean()
        if i >= STREAK_INK and u >= max(STREAK_INK, 0.5 * i) and d >= max(STREAK_INK, 0.5 * i):
            out[max(0, c - step):c + 2 * step] = True  # and a bin either side: the band's sparser edges
    return out


#: a pen's strokes over a copied (grey) seal are its pixels at least this much darker (0..255) than the seal's own
#: ink (:func:`_pen_over_copied_seal`; on probe trust14's 200-dpi grey scans the seal's ink lies at 71 to 170 and
#: its quarter darkest under 88 to 92, a black pen's cores at 10 to 35) ...
SEAL_PALER = 45
#: ... the seal's own ink taken as the level this percentage of the ink in its disc is darker than (the seal's
#: strokes are most of that ink: a signature over it a tenth or less)
SEAL_LEVEL = 25
#: ... where it shows at least this many pixels of ink outside the field and the print
SEAL_SEEN = 200


def _pen_over_copied_seal(gray: np.ndarray, ink_thr: float, seal_bbox, fbox, ink: np.ndarray,
                          disc: np.ndarray, printed=()) -> np.ndarray | None:
    """A pen's strokes over a copied (grey) seal in a field: the pixels of ``ink`` inside ``disc`` (both in the
    coordinates of the field ``fbox``) at least :data:`SEAL_PALER` darker than the seal's own ink, the level
    :data:`SEAL_LEVEL` percent of the ink (``gray`` under ``ink_thr``) in the seal's disc (``seal_bbox``, page
    coordinates) is darker than, measured outside the field and the ``printed`` boxes (a bold signature may be
    most of the ink in the field; print is darker than a copied seal). A copier renders a red seal grey and a black
    or blue pen dark; where the seal came out as dark as a pen (a copier's black, a 1-bit scan) nothing is that much
    darker, and a blank field under a grey seal holds only the seal's ink, none of it so much darker than most of it:
    None (the field is not judged by what is under the seal). None too where the seal shows under
    :data:`SEAL_SEEN` pixels of ink to measure.

    >>> g = np.full((200, 200), 250, np.uint8)
    >>> for r in range(20, 95, 12): _ = _cv2().circle(g, (100, 100), r, 125, 3)    # the copied seal, grey
    >>> fbox = (0, 80, 200, 120); ink = ((g < 200) * 255).astype(np.uint8)[80:120]
    >>> disc = np.zeros_like(ink); _ = _cv2().ellipse(disc, ((100, 20), (200, 200), 0), 255, -1)
    >>> _pen_over_copied_seal(g, 200.0, (0, 0, 200, 200), fbox, ink, disc) is None   # a blank field under it
    True
    >>> g[85:115, 60:63] = 30; g[100, 40:160] = 30; ink = ((g < 200) * 255).astype(np.uint8)[80:120]  # a pen's strokes
    >>> m = _pen_over_copied_seal(g, 200.0, (0, 0, 200, 200), fbox, ink, disc); int(m[20, 120]), int(m[0, 100])
    (255, 0)
    >>> g[g == 125] = 40; ink = ((g < 200) * 255).astype(np.uint8)[80:120]       # a seal copied as dark as the pen
    >>> _pen_over_copied_seal(g, 200.0, (0, 0, 200, 200), fbox, ink, disc) is None
    True
    """
    cv2 = _cv2()
    H, W = gray.shape[:2]
    sx0, sy0, sx1, sy1 = (int(v) for v in seal_bbox)
    cx0, cy0, cx1, cy1 = max(0, sx0), max(0, sy0), min(W, sx1), min(H, sy1)
    if cx1 <= cx0 or cy1 <= cy0:
        return None
    whole = np.zeros((cy1 - cy0, cx1 - cx0), np.uint8)
    cv2.ellipse(whole, ((int((sx0 + sx1) / 2 - cx0), int((sy0 + sy1) / 2 - cy0)), (int(sx1 - sx0), int(sy1 - sy0)), 0),
                255, -1)
    fx0, fy0, fx1, fy1 = (int(v) for v in fbox)
    for bx0, by0, bx1, by1 in [(fx0, fy0, fx1, fy1), *printed]:
        whole[max(0, int(by0) - cy0):max(0, int(by1) - cy0), max(0, int(bx0) - cx0):max(0, int(bx1) - cx0)] = 0
    crop = gray[cy0:cy1, cx0:cx1]
    seal_ink = crop[(whole > 0) & (crop < ink_thr)]
    if seal_ink.size < SEAL_SEEN:
        return None
    below = float(np.percentile(seal_ink, SEAL_LEVEL)) - SEAL_PALER
    field = gray[max(0, fy0):max(0, fy0) + ink.shape[0], max(0, fx0):max(0, fx0) + ink.shape[1]]
    if field.shape != ink.shape:
        return None
    pen = (disc > 0) & (ink > 0) & (field < below)
    return pen.astype(np.uint8) * 255 if pen.any() else None


#: a cover over a field (a thumb holding a photographed page flat, a phone's shadow): a solid patch unlike the paper
#: (COVER_BELOW darker than it, or of another tint: its chromaticity COVER_TINT or more from the paper's, a skin's
#: orange on white paper 0.09; measured against the paper's own tint, a lamp's yellow cast over the whole page is none)
#: whose core, the points at least COVER_DEPTH line heights inside it, spans COVER_CORE squared line heights or more:
#: a pen stroke is under a tenth of a line height wide, a brush's bold name (a fixture's 王建国, strokes a line height
#: wide where they cross) under a third of its core, a seal's star has no such core; a thumb is a line height and a half
#: across and more; a flat grey tint (a shaded table cell, its grey's spread under COVER_FLAT) covers nothing
COVER_BELOW, COVER_TINT, COVER_DEPTH, COVER_CORE, COVER_FLAT = 40.0, 0.06, 0.6, 1.0, 6.0
#: a patch through which strokes show (darker than the patch round them by COVER_SEEN_THROUGH, over COVER_STROKES
#: squared line heights: a short name's pen, a line of print) is a shadow, not a cover
COVER_SEEN_THROUGH, COVER_STROKES = 45, 0.3


def _cover(image: np.ndarray, fbox, h: int, seals: Sequence[SealMark] = ()) -> np.ndarray | None:
    """The mask (in the field's coordinates) of a solid patch lying over the field ``fbox``, grown by a third of a
    line height to take its soft edge; None where there is none. The paper is the 90th percentile of the field and a
    line height round it (a photo's light falls off across the page), its tint the median of the pixels that bright.
    A seal's box is no cover (its ink, blurred into blocks by a JPEG's colour, may be solid).

    >>> page = np.full((300, 600, 3), 235, np.uint8)
    >>> _cover(page, (100, 100, 500, 200), 30) is None
    True
    >>> import cv2
    >>> _ = cv2.ellipse(page, (250, 150), (120, 45), 0, 0, 360, (130, 160, 214), -1)  # a thumb, BGR skin
    >>> page[120:180, 200:300] = page[120:180, 200:300] - np.arange(60, dtype=np.uint8)[:, None, None] // 3
    >>> m = _cover(page, (100, 100, 500, 200), 30); m is not None and m.shape == (100, 400)
    True
    >>> page = np.full((300, 600, 3), 235, np.uint8)
    >>> _ = cv2.putText(page, "Wang", (150, 170), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.5, (120, 40, 20), 3)
    >>> _cover(page, (100, 100, 500, 200), 30) is None   # a pen's strokes
    True
    >>> dim = (page.astype(np.float32) * (0.78, 0.93, 1.0) * 0.85).astype(np.uint8)  # a dim room, a yellow cast
    >>> _cover(dim, (100, 100, 500, 200), 30) is None
    True
    >>> shadow = page.copy(); shadow[:, :350] = (shadow[:, :350] * 0.45).astype(np.uint8)  # a hard shadow over the name
    >>> _cover(shadow, (100, 100, 500, 200), 30) is None
    True
    """
    cv2 = _cv2()
    if image.ndim != 3 or h < 4:
        return None
    H, W = image.shape[:2]
    fx0, fy0, fx1, fy1 = (int(v) for v in fbox)
    if fx1 - fx0 < h or fy1 - fy0 < h:
        return None
    ax0, ay0, ax1, ay1 = max(0, fx0 - h), max(0, fy0 - h), min(W, fx1 + h), min(H, fy1 + h)
    around = cv2.medianBlur(np.ascontiguousarray(image[ay0:ay1, ax0:ax1, :3]), 3)  # a dim photo's noise
    g = cv2.cvtColor(around, cv2.COLOR_BGR2GRAY)
    paper = float(percentile_u8(g, 90))
    bright = g >= paper - 10
    if not bright.any():
        return None
    rgb = around.astype(np.float32)
    # the channels added and their largest taken pixel by pixel, not by numpy's reductions over
    # the short last axis (ten times as long: 0.24 of the 0.42 s the sample's fields took, issue 12);
    # whole levels below 766 add up exactly in any order, and a largest is the same in any order
    chroma = rgb / np.maximum(rgb[..., 0] + rgb[..., 1] + rgb[..., 2], 1.0)[..., None]
    tint = np.median(chroma[bright], axis=0)
    apart = np.abs(chroma - tint)
    off = np.maximum(np.maximum(apart[..., 0], apart[..., 1]), apart[..., 2])
    unlike = ((g < paper - COVER_BELOW) | (off >= COVER_TINT)).astype(np.uint8)
    for m in seals:
        sx0, sy0, sx1, sy1 = (int(v) for v in m.bbox)
        unlike[max(0, sy0 - ay0):max(0, sy1 - ay0), max(0, sx0 - ax0):max(0, sx1 - ax0)] = 0
    depth = cv2.distanceTransform(unlike, cv2.DIST_L2, 5)
    core = (depth >= COVER_DEPTH * h).astype(np.uint8)
    oy, ox = fy0 - ay0, fx0 - ax0
    inside = core[oy:oy + fy1 - fy0, ox:ox + fx1 - fx0]
    if np.count_nonzero(inside) < COVER_CORE * h * h:
        return None
    if float(g[core > 0].std()) < COVER_FLAT and float(off[core > 0].mean()) < COVER_TINT:
        return None  # a flat grey tint
    _, labels = cv2.connectedComponents(unlike)
    ids = np.unique(labels[core > 0])
    patch = np.isin(labels, ids[ids > 0])
    # a shadow (or a tinted sleeve) lies over the field but hides nothing: the strokes under it, pen or print, stay
    # darker than the shadowed paper round them (a base bench photo's hard shadow over a signed 审核人 field, the name
    # plain in it, was taken for a thumb); a thumb shows none
    k = max(3, h // 3) | 1
    strokes = cv2.morphologyEx(g, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    if np.count_nonzero((strokes >= COVER_SEEN_THROUGH) & patch) >= COVER_STROKES * h * h:
        return None
    grown = cv2.dilate(patch.astype(np.uint8) * 255, np.ones((max(3, h // 3),) * 2, np.uint8))
    out = grown[oy:oy + fy1 - fy0, ox:ox + fx1 - fx0]
    return out if np.count_nonzero(out) else None


def _box_of(mask: np.ndarray, x0: int, y0: int):
    ys, xs = np.nonzero(mask)
    return (int(x0 + xs.min()), int(y0 + ys.min()), int(x0 + xs.max() + 1), int(y0 + ys.max() + 1))


#: a field whose darkest ink (its 5th percentile) is at most this much darker than the paper holds no pen
#: or print black, only pale strokes (a pencil's grey, 115, on a 200-dpi grey scan: 131 on paper of 255;
#: black pen and print read 20 to 60)
FAINT_INK = 150.0
#: ... and where its ink is grey: its pixels' saturation (HSV, 0..255) under this in 95 of 100 (blue pen, red seal: more)
GREY_INK = 40
#: pale strokes are followed this far below the paper (:func:`_pencil_threshold`)
PENCIL_BELOW_PAPER = 40.0


def _pencil_threshold(gray: np.ndarray, ink_thr: float, paper: float, fbox, image: np.ndarray | None = None
                      ) -> float | None:
    """The threshold a field's pale strokes are followed to (:func:`_grown`), or None where
    its ink holds something dark (a pen's or print's black: judged as it is) or there is
    almost none, or (in ``image``, BGR) it is coloured. A pencil signature on a greyscale
    200-dpi scan (grey 115, blurred and paler at its edges) keeps only the cores of its
    strokes under the page's ink threshold (Otsu's, or the paper's less 50): pieces, no
    hand's shape, and a signed form was a review (probe trust14 C47).

    >>> g = np.full((40, 200), 250, np.uint8); g[10:30, 20:180:9] = 130
    >>> _pencil_threshold(g, 184.0, 250.0, (0, 0, 200, 40))
    210.0
    >>> g[15, 30:60] = 20  # a pen's black
    >>> _pencil_threshold(g, 184.0, 250.0, (0, 0, 200, 40)) is None
    True
    """
    x0, y0, x1, y1 = (int(v) for v in fbox)
    x0, y0 = max(0, x0), max(0, y0)
    crop = gray[y0:y1, x0:x1]
    dark = crop < ink_thr
    strict = crop[dark]
    if strict.size < 20 or float(np.percentile(strict, 5)) < paper - FAINT_INK:
        return None
    if image is not None and image.ndim == 3:
        sat = _cv2().cvtColor(np.ascontiguousarray(image[y0:y1, x0:x1, :3]), _cv2().COLOR_BGR2HSV)[..., 1][dark]
        if float(np.percentile(sat, 95)) >= GREY_INK:
            return None
    weak = paper - PENCIL_BELOW_PAPER
    return float(weak) if weak > ink_thr else None


#: a pen's pale strokes: hue (OpenCV's, 0..180) of blue to violet, not a red seal's (<= 12 or >= 155) ...
PALE_PEN_HUE = (95, 155)
#: ... and saturation (HSV, 0..255) at least this (a blue pen washed to 172, 174, 207: 43; paper and grey print: 0 to 20)
PALE_PEN_SAT = 28


def _pale_pen_mask(crop_gray: np.ndarray, crop_img: np.ndarray, weak_thr: float) -> np.ndarray:
    """The pixels of ``crop_img`` (BGR) under ``weak_thr`` in ``crop_gray`` and of a pen's blue or violet.

    >>> img = np.full((4, 6, 3), 255, np.uint8); img[1, 1:5] = (207, 174, 172)  # BGR of a washed blue pen
    >>> img[2, 1:5] = (192, 190, 240)                                             # a washed red seal's pink
    >>> g = img.mean(axis=2).astype(np.uint8)
    >>> _pale_pen_mask(g, img, 215.0)[1:3] // 255
    array([[0, 1, 1, 1, 1, 0],
           [0, 0, 0, 0, 0, 0]], dtype=uint8)
    """
    cv2 = _cv2()
    if crop_img.ndim != 3 or crop_img.size == 0:
        return np.zeros(crop_gray.shape, np.uint8)
    hsv = cv2.cvtColor(np.ascontiguousarray(crop_img[..., :3]), cv2.COLOR_BGR2HSV)
    pen = ((hsv[..., 0] >= PALE_PEN_HUE[0]) & (hsv[..., 0] < PALE_PEN_HUE[1]) & (hsv[..., 1] >= PALE_PEN_SAT)
           & (crop_gray < weak_thr))
    return pen.astype(np.uint8) * 255


def _pale_pen_threshold(gray: np.ndarray, ink_thr: float, paper: float, fbox, image: np.ndarray | None
                        ) -> float | None:
    """The threshold a blank field's pale pen strokes are taken to (:func:`_pale_pen_mask`), or None where
    the field holds ink as dark as the page's (judged as it is), the page is grey, or fewer than a few dozen
    pixels of a pen's blue are paler there. A scanner app's "enhanced" filter whitens the paper and washes
    colour toward it: the blue pen's signature (172, 174, 207) lies above the page's ink threshold, and a
    signed form failed as unsigned (probe trust18 C02).

    >>> img = np.full((40, 200, 3), 255, np.uint8); img[10:30, 20:180:9] = (207, 174, 172)
    >>> g = img.mean(axis=2).astype(np.uint8)
    >>> _pale_pen_threshold(g, 129.0, 255.0, (0, 0, 200, 40), img)
    215.0
    >>> _pale_pen_threshold(g, 129.0, 255.0, (0, 0, 200, 40), None) is None  # a grey page: no pen's colour
    True
    >>> g[15, 30:60] = 20  # a pen's black
    >>> _pale_pen_threshold(g, 129.0, 255.0, (0, 0, 200, 40), img) is None
    True
    """
    if image is None or image.ndim != 3:
        return None
    x0, y0, x1, y1 = (int(v) for v in fbox)
    x0, y0 = max(0, x0), max(0, y0)
    crop = gray[y0:y1, x0:x1]
    weak = paper - PENCIL_BELOW_PAPER
    if crop.size == 0 or weak <= ink_thr or np.count_nonzero(crop < ink_thr) >= 20:
        return None
    if np.count_nonzero(_pale_pen_mask(crop, image[y0:y1, x0:x1], weak)) < 40:
        return None
    return float(weak)


def _grown(crop_gray: np.ndarray, ink: np.ndarray, weak_thr: float) -> np.ndarray:
    """``ink`` (a mask) with the pixels under ``weak_thr`` joined to it (hysteresis: what is
    pale and touches no ink stays paper).

    >>> g = np.full((5, 9), 250, np.uint8); g[2, 1:8] = 200; g[2, 4] = 150; g[0, 0] = 200
    >>> _grown(g, (g < 180).astype(np.uint8) * 255, 210.0)[[0, 2]] // 255
    array([[0, 0, 0, 0, 0, 0, 0, 0, 0],
           [0, 1, 1, 1, 1, 1, 1, 1, 0]], dtype=uint8)
    """
    _, labels = components(((crop_gray < weak_thr) | (ink > 0)).astype(np.uint8) * 255)
    keep = np.unique(labels[ink > 0])
    return (np.isin(labels, keep[keep > 0]) * 255).astype(np.uint8)


def _flat(mask: np.ndarray, h: int) -> bool:
    """Whether the ink of ``mask`` is one straight line, not a name: thin in nine columns
    of ten (under :data:`FLAT_THICK` label-line heights) and its middle running straight
    (off the line through it by under :data:`FLAT` of a line height on average). A pen
    line drawn through the field may slant; a name's characters, and a scribbled
    signature's zigzag, stand off any straight line.

    >>> m = np.zeros((60, 400), np.uint8)
    >>> for x in range(20, 380): m[40 - x // 12: 44 - x // 12, x] = 255
    >>> _flat(m, 50)
    True
    >>> w = np.zeros((60, 400), np.uint8)
    >>> for x in range(20, 380): w[int(30 + 12 * np.sin(x / 8)), x] = 255
    >>> _flat(w, 30)
    False
    """
    cols = np.flatnonzero(mask.any(axis=0))
    if len(cols) < 4:
        return False
    sub = mask[:, cols] > 0
    top = sub.argmax(axis=0)
    bottom = sub.shape[0] - sub[::-1].argmax(axis=0)
    if float(np.percentile(bottom - top, 90)) >= FLAT_THICK * h:
        return False
    middle = (top + bottom) / 2.0
    fit = np.polyval(np.polyfit(cols.astype(float), middle, 1), cols.astype(float))
    return float(np.abs(middle - fit).mean()) < FLAT * h


#: a line drawn through the field is this thin (label-line heights, in nine columns of ten)
FLAT_THICK = 0.3
#: ... and its middle strays this little from a straight line (label-line heights, on average)
FLAT = 0.06

#: a short name of few strokes (丁一, 于川) leaves this much ink (label-line heights squared)
#: at least: it signs where it is both in pen ink and written larger than the print, in
#: two pieces or more (a tick is one)
SHORT_NAME_INK = 0.2


def _signed_by_hand(enough_ink: bool, tall: float, pen: bool, pieces: int, clear: bool = True) -> bool:
    """A neat hand's name (no slant, no run-on): signed where it left a signature's ink
    and was written larger than the print (``tall``: its height over the label's print,
    :data:`WRITTEN_TALL`) or in pen ink, or, short of that ink (丁一, 王川: a probe's clean
    forms were reviews), where it was in pen ink, in two pieces or more, and larger than
    the print by :data:`PEN_TALL` (孙丽 in blue at 1.3 times the label's print: probe
    trust11, two clean dossiers' reviews).

    >>> _signed_by_hand(True, 1.5, False, 1), _signed_by_hand(False, 1.5, True, 2), _signed_by_hand(False, 1.5, True, 1)
    (True, True, False)
    >>> _signed_by_hand(False, 1.0, True, 3), _signed_by_hand(False, 1.3, True, 2), _signed_by_hand(False, 1.3, False, 2)
    (False, True, False)

    A name in a thin hand half again as tall as the print (:data:`WRITTEN_TALL`) was written there in any ink, in two
    pieces or more, where its ink lies clear of every seal (``clear``): 高明远 in a black regular hand 1.5-1.7 times
    the label's print left 0.36-0.47 of a signature's ink (probe trust30: 6 reviews on 12 clean dossiers); a form
    prints a typed name at its own size or a size up, and what a washed photo leaves of a red seal's ink over a blank
    field is as tall and in pieces.

    >>> _signed_by_hand(False, 1.5, False, 2), _signed_by_hand(False, 1.5, False, 1), _signed_by_hand(False, 1.5, False, 2, False)
    (True, False, False)
    """
    if enough_ink:
        return tall >= WRITTEN_TALL or pen
    return pieces >= 2 and ((tall >= WRITTEN_TALL and clear) or (pen and tall >= PEN_TALL))



#: strokes run on where one piece of them is at least this many times as wide as the ink is tall ...
RUN_ON_WIDE = 1.5
#: ... and at least this share of its height (a rule or a flat stroke is no run of writing)
RUN_ON_TALL = 0.6
#: ... and encloses less than this share of its own box (a stamp's box or oval outline encloses 0.79 to 1)
RUN_ON_FRAME = 0.6


def _runs_on(mask: np.ndarray) -> bool:
    """Whether the ink of ``mask`` (cut to the ink's box) runs on as a hand's does: one piece of it at least
    :data:`RUN_ON_WIDE` times as wide as the ink is tall, and :data:`RUN_ON_TALL` of that height. Print never joins
    its characters: each of its pieces is one character's room wide at most, and a line of characters is as tall as
    they are (a phrase printed slanted is taller still). A piece that encloses most of its own box
    (:data:`RUN_ON_FRAME`) is a frame, not a hand: a blue box or oval stamp (「与原件核对无误」) pressed over a
    blank field joins its own outline from end to end.

    >>> m = np.zeros((60, 240), np.uint8)
    >>> zigzag = np.array([[10 + 12 * k, 5 if k % 2 else 55] for k in range(16)], np.int32)
    >>> _ = _cv2().polylines(m, [zigzag], False, 255, 3)                        # a scrawl
    >>> p = np.zeros((60, 400), np.uint8)
    >>> for k in range(6): p[5:55, 10 + 65 * k:60 + 65 * k:7] = 255; p[28:31, 10 + 65 * k:60 + 65 * k] = 255  # glyphs
    >>> _runs_on(m), _runs_on(p)
    (True, False)
    >>> box = np.zeros((60, 240), np.uint8); _ = _cv2().rectangle(box, (2, 2), (237, 57), 255, 3)
    >>> oval = np.zeros((60, 240), np.uint8); _ = _cv2().ellipse(oval, ((120, 30), (234, 56), 0), 255, 3)
    >>> _runs_on(box), _runs_on(oval)                                              # stamps' outlines
    (False, False)
    """
    if mask.size == 0 or not mask.any():
        return False
    height = mask.shape[0]
    n, labels, stats, _ = components_with_stats(mask)
    cv2 = _cv2()
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w < RUN_ON_WIDE * height or h < RUN_ON_TALL * height:
            continue
        piece = (labels[y:y + h, x:x + w] == i).astype(np.uint8) * 255
        outline, _ = cv2.findContours(piece, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        enclosed = max((cv2.contourArea(c) for c in outline), default=0.0)
        if enclosed < RUN_ON_FRAME * w * h:
            return True
    return False

#: a table cell after the label's own this many label-line heights wide is room to sign
#: (a three-character name)
NEXT_CELL_WIDTH = 2.5
#: ink this like handwriting (:func:`looks_handwritten`) signs however little of it there is
#: (a ballpoint's thin strokes), where it runs at least :data:`THIN_HAND_WIDTH` label-line
#: heights along the field: wider than a tick or a speck
THIN_HAND = 0.9
THIN_HAND_WIDTH = 2.0
#: a name in a signature field this many times as tall as its label's printed characters
#: was written there: a form prints a typed name at its own size
WRITTEN_TALL = 1.4
#: a name in pen ink short of a signature's ink this many times as tall as its label's print
#: was written there: a form prints a typed name at its own size, or a size up (小四 by 五号,
#: 1.14 times), and in black
PEN_TALL = 1.2
#: pen ink: blue over red and green by this much (0..255) on the ink's mean colour
#: (ballpoint and gel pens; a form prints black, a seal is red)
PEN_BLUE = 30
#: ... or blue over red and green by this share of its darkness over the paper (blue pen 0.24 to 0.40 in the
#: signed fields of probe trust13 C03 and trust14 C44; black print on those pages, a phone photo's tint and
#: all, at most 0.074; grey 0)
PEN_BLUE_SHARE = 0.15


#: blank rows at least this many apart a label box's dark rows into lines of print (:func:`_written_tall`)
LINE_GAP = 3


def _written_tall(gray: np.ndarray, ink_thr: float, label_box, height: int) -> float:
    """How many times ink ``height`` pixels tall is the height of the label's own printed
    characters (their dark rows inside ``label_box``); 0.0 where the label shows no print
    (under 8 pixels). The label's print is the band of dark rows, split by :data:`LINE_GAP`
    blank rows or more, holding the most ink: an OCR line that read the signature with its label
    (审核人签字：白桂芝) is as tall as the signature, and its box reaches the next printed line's top
    (probe trust33 T33-02: the label's 21 rows and 8 of 单位盖章's below read 44, the name 44 rows
    tall was "as tall as the print", a clean form's signature a review).

    >>> g = np.full((60, 100), 255, np.uint8)
    >>> g[16:37, 10:90] = 0                 # the label's print, 21 rows
    >>> g[52:60, 10:90] = 0                 # the top of the next printed line, inside the box
    >>> round(_written_tall(g, 128.0, (0, 0, 100, 60), 44), 2), round(_written_tall(g, 128.0, (0, 0, 100, 40), 21), 2)
    (2.1, 1.0)
    """
    x0, y0, x1, y1 = (int(v) for v in label_box)
    dark = (gray[max(0, y0):y1, max(0, x0):x1] < ink_thr).sum(axis=1)
    ys = np.flatnonzero(dark)
    if not len(ys):
        return 0.0
    bands = np.split(ys, np.flatnonzero(np.diff(ys) > LINE_GAP) + 1)
    band = max(bands, key=lambda b: int(dark[b].sum()))
    printed = band[-1] - band[0] + 1
    return float(height / printed) if printed >= 8 else 0.0


def _pen_coloured(crop: np.ndarray, mask: np.ndarray) -> bool:
    """Whether the ink under ``mask`` (a field's strokes) is blue pen ink: blue over red and
    green by :data:`PEN_BLUE` on its mean colour, or, for thin or pale strokes whose pixels
    are mostly their edges (a phone photo's, under a red seal: probe trust13 C03, trust14
    C44), by :data:`PEN_BLUE_SHARE` of its darkness over the paper, measured against the
    paper's own tint and away from red seal ink (the purple where the pen crosses the seal).

    >>> paper = np.full((30, 120, 3), (236, 240, 244), np.uint8)
    >>> pen, ink = paper.copy(), np.zeros((30, 120), np.uint8)
    >>> ink[10:14, 10:110] = 255
    >>> pen[10:14, 10:110] = (205, 190, 188)  # a light blue stroke's edge: blue by 15 on the mean
    >>> _pen_coloured(pen, ink), _pen_coloured(np.where(ink[..., None] > 0, 150, paper).astype(np.uint8), ink)
    (True, False)
    """
    if crop.ndim != 3 or crop.shape[:2] != mask.shape[:2]:
        return False
    px = crop[mask > 0].astype(np.float32)
    if len(px) < 20:
        return False
    b, g, r = px[:, 0].mean(), px[:, 1].mean(), px[:, 2].mean()
    if b - max(g, r) >= PEN_BLUE:
        return True
    cv2 = _cv2()
    red = cv2.dilate(_colour_ink(crop), np.ones((3, 3), np.uint8))
    paper = ((mask == 0) & (red == 0)).astype(np.uint8)
    n_paper = cv2.countNonZero(paper)
    ink = crop[(mask > 0) & (red == 0)].astype(np.float32)
    if n_paper < 20 or len(ink) < 20:
        return False
    # the paper's median colour from each channel's histogram (the paper's pixels not drawn out)
    pb, pg, pr = (_median_of(cv2.calcHist([crop], [c], paper, [256], [0, 256]).ravel(), n_paper) for c in range(3))
    blue = (ink[:, 0] - np.maximum(ink[:, 1], ink[:, 2])) - (pb - max(pg, pr))
    darkness = (0.114 * pb + 0.587 * pg + 0.299 * pr) - (0.114 * ink[:, 0] + 0.587 * ink[:, 1] + 0.299 * ink[:, 2])
    return float(blue.sum()) >= PEN_BLUE_SHARE * max(1.0, float(darkness.sum()))


def _median_of(hist: np.ndarray, n: int) -> np.float32:
    """The median of ``n`` values 0..255 counted in ``hist``, as ``np.median`` gives it
    for them as float32 (the mean of the two middle ones where ``n`` is even).

    >>> v = np.array([3, 9, 9, 200, 7, 7, 255, 0], np.uint8)
    >>> [float(_median_of(np.bincount(v[:n], minlength=256), n)) for n in range(1, 9)]
    [3.0, 6.0, 9.0, 9.0, 9.0, 8.0, 9.0, 8.0]
    >>> all(_median_of(np.bincount(v[:n], minlength=256), n) == np.median(v[:n].astype(np.float32)) for n in range(1, 9))
    True
    """
    below = np.cumsum(hist.astype(np.int64))
    upper = np.float32(np.searchsorted(below, n // 2 + 1))  # the (n // 2)-th value, from 0
    if n % 2:
        return upper
    lower = np.float32(np.searchsorted(below, n // 2))
    return np.mean(np.array([lower, upper], np.float32))


#: blue pen ink on a page: this share of its pixels before labels are looked for beside it
PEN_INK_SHARE = 0.0003


def labels_beside_pen_ink(image: np.ndarray, ocr: OcrPage, engine) -> list[OcrLine]:
    """Signature labels the text detector lost beside blue pen ink: a bold signature
    right after 人事部门审核人（签字）： made the detector drop the whole line (three
    clean retrieval proofs of an independently made probe set were reviews, no field
    found). The page is detected again with its blue ink turned to paper; new lines,
    overlapping none read before, are recognised there and kept where they hold a
    signature label. ``[]`` for an engine that cannot detect and recognise apart, or a
    page without blue ink."""
    if image is None or image.ndim != 3 or not hasattr(engine, "detect_lines") or not hasattr(engine, "recognize_boxes"):
        return []
    b, g, r = (image[..., i].astype(np.int16) for i in range(3))
    pen = (b - r >= PEN_BLUE + 10) & (b - g >= PEN_BLUE // 2)
    if np.count_nonzero(pen) < PEN_INK_SHARE * pen.size:
        return []
    paper = image.copy()
    paper[pen] = 255
    known = [line.bbox for line in ocr.lines]
    new = []
    for quad in engine.detect_lines(paper):
        q = np.asarray(quad, dtype=np.float32).reshape(4, 2)
        box = (float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()))
        if not any(iou(box, k, of_first=True) > 0.3 for k in known):
            new.append(q)
    if not new:
        return []
    found = engine.recognize_boxes(paper, np.stack(new))
    return [line for line in found.lines if label_span(line.text) is not None]


def _scaled(line: OcrLine, sx: float, sy: float) -> OcrLine:
    return OcrLine(line.text, tuple((x * sx, y * sy) for x, y in line.box), line.score, line.order)


def iou(a, b, of_first: bool = False) -> float:
    """Intersection over union of two boxes, or over the first box alone (``of_first``)."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    area_a = max(1, (a[2] - a[0]) * (a[3] - a[1]))
    area_b = max(1, (b[2] - b[0]) * (b[3] - b[1]))
    return inter / area_a if of_first else inter / float(area_a + area_b - inter)
