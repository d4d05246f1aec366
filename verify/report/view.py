"""What ``report.html`` shows, as plain objects: :func:`build_view` reads the
``report.json`` dict (any field may be missing, null or of another type: it is shown
as such, never guessed) and the pages read (thumbnails, crops, text), checks every
value and puts it in the reviewer's words; the templates in ``templates/report/``
only draw it. The desk builds the same view for its applicant page.

Each page thumbnail is stored once (:class:`Image`, a ``data:`` URI) and every view
of the page is a :class:`Drawing` that refers to it, with boxes in page pixels.

>>> rule_name_zh("publicity.duration"), status_zh("review")
('公示期不少于规定工作日', '需人工复核')
"""
from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from verify.model import KIND_NAMES_ZH, RULE_NAMES_ZH, PageRead, place_label
from verify.read.extract import mask_id_numbers

log = logging.getLogger(__name__)

#: Names for IDs outside the contract's table (inputs that could not be read, etc.).
_EXTRA_RULE_NAMES_ZH: dict[str, str] = {
    "input.readable": "材料文件可读取",
    "metadata": "申报信息",
}

STATUS_NAMES_ZH: dict[str, str] = {"fail": "不通过", "review": "需人工复核", "pass": "通过"}
_STATUS_SHORT_ZH = {"fail": "不通过", "review": "需复核", "pass": "通过"}
_STATUS_ORDER = {"fail": 0, "review": 1, "pass": 2}

_UNIT_KIND_ZH = {"institution": "事业单位", "enterprise": "企业", "government": "机关"}
_SEAL_MATCH_ZH = {"unit": "与申报单位一致", "other": "为其他单位", "unreadable": "印文无法辨认"}
_SEAL_SHAPE_ZH = {"circle": "圆形", "ellipse": "椭圆", "square": "方形"}
_SEAL_COLOR_ZH = {"red": "红色", "blue": "蓝色", "dark": "深色"}
_SIGNATURE_STATE_ZH = {"signed": "已签字", "blank": "空白未签", "uncertain": "无法确定"}
_OCR_SOURCE_ZH = {"ocr": "OCR 识别", "text_layer": "PDF 文本层", "text_layer+ocr": "PDF 文本层 + OCR", "replay": "缓存结果"}
_DATE_ROLE_ZH = {
    "issue": "颁发",
    "publication": "出版",
    "assessment_year": "考核年度",
    "assessment_span": "跨年度考核",
    "publicity_start": "公示开始",
    "publicity_end": "公示结束",
    "title_date": "取得资格",
    "former_title": "原资格",
    "birth": "出生",
    "study": "学习/毕业",
    "retrieved": "检索/查询",
    "received": "收稿/录用",
    "validity": "有效期",
}


def date_role_zh(role: str | None) -> str:
    """The reviewer's word for a date's role (:mod:`verify.read.dates`); a role without
    one is left unsaid, never shown as its English ID.

    >>> date_role_zh("retrieved"), date_role_zh("something_new"), date_role_zh(None)
    ('检索/查询', '', '')
    """
    return _DATE_ROLE_ZH.get(role or "", "")

_STATUS_COLOURS = {"fail": "#c0392b", "review": "#d68910", "pass": "#1e8449"}

#: OCR line confidence below which the report marks the text as doubtful.
LOW_CONFIDENCE = 0.6

#: Page-classification confidence below which the kind is flagged as doubtful.
KIND_DOUBTFUL = 0.5

#: Thumbnails larger than this are re-encoded smaller (a 300-page dossier stays tens of MB).
THUMBNAIL_MAX_BYTES = 180_000
THUMBNAIL_LONG_SIDE = 1000


def rule_name_zh(rule: str | None) -> str:
    """The reviewer's name for a rule ID; unknown IDs get a neutral label.

    >>> rule_name_zh("publicity.duration")
    '公示期不少于规定工作日'
    >>> rule_name_zh("something.new")
    '其他检查'
    """
    if not rule or not isinstance(rule, str):
        return "其他检查"
    return RULE_NAMES_ZH.get(rule) or _EXTRA_RULE_NAMES_ZH.get(rule) or "其他检查"


def status_zh(status: str | None) -> str:
    """Chinese verdict/status text; anything unknown is shown as needing review.

    >>> status_zh("fail"), status_zh("pass"), status_zh(None)
    ('不通过', '通过', '需人工复核')
    """
    return STATUS_NAMES_ZH.get(status or "", STATUS_NAMES_ZH["review"])


def _norm_status(status: object) -> str:
    """Unknown statuses count as ``review`` (never as ``pass``).

    >>> _norm_status("PASS"), _norm_status("weird"), _norm_status(None)
    ('pass', 'review', 'review')
    """
    s = str(status or "").strip().lower()
    return s if s in _STATUS_ORDER else "review"


def _place(d: Mapping) -> tuple[str | None, int | None, int]:
    """``(file, page, part)`` of a report's document or finding: where it is, a half of a
    two-up spread apart from the other (``PageRead.key``).

    >>> _place({"file": "a3.jpg", "page": 1, "part": 2}), _place({"file": "a.pdf", "page": "x"})
    (('a3.jpg', 1, 2), ('a.pdf', None, 0))
    """
    return _file_of(d.get("file")), _int_or_none(d.get("page")), _int_or_none(d.get("part")) or 0


def _value_zh(value: object) -> str:
    """A finding's value as the reviewer reads it: document-kind IDs become their Chinese names.

    >>> _value_zh("recommendation_form"), _value_zh("2018年12月"), _value_zh(2021)
    ('推荐表', '2018年12月', '2021')
    """
    text = str(value)
    return KIND_NAMES_ZH.get(text, text)


def _timestamp_zh(value: object) -> str:
    """
    >>> _timestamp_zh("2026-11-28T05:06:35+00:00"), _timestamp_zh("yesterday")
    ('2026-11-28 05:06', 'yesterday')
    """
    m = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})", str(value))
    return f"{m.group(1)} {m.group(2)}" if m else str(value)


def _bbox(value: object) -> tuple[int, int, int, int] | None:
    """A box as four ints, or ``None`` when it is missing or malformed.

    >>> _bbox([1, 2.6, 30, 40]), _bbox(None), _bbox([1, 2]), _bbox([5, 5, 5, 9])
    ((1, 3, 30, 40), None, None, None)
    """
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (int(round(float(v))) for v in value)
    except (TypeError, ValueError):
        return None
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of PNG or JPEG bytes, read from the header only.

    >>> _image_size(b"\\x89PNG\\r\\n\\x1a\\n" + b"\\0\\0\\0\\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big"))
    (640, 480)
    >>> _image_size(b"nonsense") is None
    True
    """
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                i += 1 if marker == 0xFF else 2
                continue
            length = int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                h = int.from_bytes(data[i + 5 : i + 7], "big")
                w = int.from_bytes(data[i + 7 : i + 9], "big")
                return (w, h) if w and h else None
            i += 2 + length
    return None


def _modest_jpeg(data: bytes) -> bytes:
    """Re-encode an oversized thumbnail smaller; on any trouble keep the original."""
    if len(data) <= THUMBNAIL_MAX_BYTES:
        return data
    try:
        import cv2  # lazy: only needed for oversized thumbnails
        import numpy as np

        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        if img is None:
            return data
        h, w = img.shape[:2]
        scale = THUMBNAIL_LONG_SIDE / max(h, w)
        if scale < 1:
            img = cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
        for quality in (75, 60, 45):
            ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
            if ok and len(buf) <= THUMBNAIL_MAX_BYTES:
                break
        if ok and len(buf) < len(data):
            return buf.tobytes()
    except Exception:  # noqa: BLE001 - a thumbnail is never worth failing a report
        log.warning("could not re-encode an oversized thumbnail", exc_info=True)
    return data



# ---------------------------------------------------------------- view objects (what the templates draw)


@dataclass(frozen=True)
class Image:
    """An image embedded once in the page's hidden ``<defs>``; ``width``/``height``
    are the coordinate units it is drawn in."""

    ref: str
    width: int
    height: int
    uri: str


@dataclass(frozen=True)
class Box:
    """A rectangle drawn over an image, in the image's units."""

    x: int
    y: int
    width: int
    height: int
    css: str

    @classmethod
    def of(cls, bbox: tuple[int, int, int, int], css: str) -> "Box":
        x0, y0, x1, y1 = bbox
        return cls(x0, y0, x1 - x0, y1 - y0, css)


@dataclass(frozen=True)
class Drawing:
    """One SVG view of a stored image, with boxes on top (the ``drawing`` macro)."""

    image: Image
    boxes: tuple[Box, ...] = ()
    view: tuple[int, int, int, int] = (0, 0, 0, 0)
    css: str = "page"
    title: str = ""
    style: str = ""


@dataclass(frozen=True)
class Crop:
    """A seal or signature crop with its caption."""

    label: str
    drawing: Drawing


class _ImageStore:
    """Images embedded once, as SVG ``<image>`` elements in a hidden ``<defs>``."""

    def __init__(self) -> None:
        self.images: list[Image] = []
        self._ids: dict[str, Image] = {}

    def add(self, data: bytes | None, mime: str, size: tuple[int, int] | None = None) -> Image | None:
        """Register image bytes; return the :class:`Image` in the coordinate
        units the image is drawn in (``size`` when given, else its own pixels)."""
        if not data:
            return None
        digest = hashlib.sha1(data).hexdigest()[:16]
        natural = _image_size(data)
        w, h = size if size and size[0] > 0 and size[1] > 0 else (natural or (0, 0))
        if not (w and h):
            log.warning("image of unknown size left out of the report")
            return None
        key = f"{digest}-{w}x{h}"
        if key not in self._ids:
            uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
            image = Image(f"img{len(self._ids)}", w, h, uri)
            self.images.append(image)
            self._ids[key] = image
        return self._ids[key]


def _drawing(
    image: Image,
    *,
    boxes: Iterable[tuple[tuple[int, int, int, int], str]] = (),
    view: tuple[int, int, int, int] | None = None,
    css: str = "page",
    title: str = "",
) -> Drawing:
    """A view of a stored image, with boxes ``(bbox, css-class)`` on top."""
    vx, vy, vw, vh = view or (0, 0, image.width, image.height)
    style = ""
    if view is not None:  # a zoomed view is as tall as its aspect needs, within bounds
        style = f"height:{max(60, min(300, round(330 * vh / vw)))}px"
    return Drawing(image, tuple(Box.of(b, cls) for b, cls in boxes), (vx, vy, vw, vh), css, title, style)


def _zoom_view(bbox: tuple[int, int, int, int], w: int, h: int) -> tuple[int, int, int, int]:
    """A viewBox around ``bbox``, padded, at least a fifth of the page wide, clipped to the page.

    >>> _zoom_view((400, 1600, 800, 1700), 2480, 3508)
    (300, 1530, 600, 240)
    """
    x0, y0, x1, y1 = bbox
    bw, bh = x1 - x0, y1 - y0
    vw = max(int(bw * 1.5), w // 5, 40)
    vh = max(int(bh * 1.5), int(vw * 0.4 * (1 if bw >= bh else 2.5)))
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    vw, vh = min(vw, w), min(vh, h)
    vx = min(max(0, cx - vw // 2), max(0, w - vw))
    vy = min(max(0, cy - vh // 2), max(0, h - vh))
    return vx, vy, vw, vh



def _crop(label: str, image: Image) -> Crop:
    drawing = _drawing(image, css="cropimg", title=label)
    if image.width > 1.3 * image.height:  # an unwrapped seal strip or a wide signature field: wider, not smaller
        width = 240
        drawing = Drawing(drawing.image, drawing.boxes, drawing.view, drawing.css, drawing.title,
                          f"width:{width}px;height:{max(36, round(width * image.height / image.width))}px")
    return Crop(label, drawing)


class _Page:
    """What the report knows about one page: its dict from ``documents`` and,
    when given, the :class:`PageRead` with pixels, crops and text."""

    def __init__(self, index: int, doc: Mapping, read: PageRead | None, store: _ImageStore) -> None:
        self.index = index
        self.doc = doc
        self.read = read
        self.anchor = f"doc-{index}"
        size = doc.get("size") if isinstance(doc.get("size"), (list, tuple)) else None
        if read is not None and read.ocr.width and read.ocr.height:
            self.width, self.height = int(read.ocr.width), int(read.ocr.height)
        elif size and len(size) == 2:
            self.width, self.height = int(size[0] or 0), int(size[1] or 0)
        else:
            self.width = self.height = 0
        self.image: Image | None = None
        if read is not None and read.thumbnail_jpeg:
            thumb = _modest_jpeg(read.thumbnail_jpeg)
            if not (self.width and self.height):
                self.width, self.height = _image_size(thumb) or (0, 0)
            self.image = store.add(thumb, "image/jpeg", (self.width, self.height))
        self.crops: list[Crop] = []  # seals first, then signatures
        if read is not None:
            for n, seal in enumerate(read.seals, 1):
                for label, data in ((f"印章 {n}", seal.crop_png), (f"印章 {n} 展开", seal.unwrap_png)):
                    img = store.add(data, "image/png")
                    if img:
                        self.crops.append(_crop(label, img))
            for sig in read.signatures:
                img = store.add(sig.crop_png, "image/png")
                if img:
                    self.crops.append(_crop(f"{sig.label or '签字栏'}", img))

    @property
    def file(self) -> str | None:
        return _file_of(self.doc.get("file"))

    @property
    def page(self) -> int | None:
        return _int_or_none(self.doc.get("page"))

    @property
    def part(self) -> int:
        return _int_or_none(self.doc.get("part")) or 0

    @property
    def label(self) -> str:
        return place_label(self.file, self.page, self.part)

    @property
    def id_card(self) -> bool:
        """Whether a 15-digit number anywhere on the page is taken for an ID number."""
        return self.doc.get("kind") == "id_card"

    @functools.cached_property
    def text(self) -> str:
        """The page's text read, its ID numbers masked (the page is printed, shown, handed round)."""
        text = self.read.ocr.text if self.read is not None else str(self.doc.get("text") or "")
        return mask_id_numbers(text, first_generation=self.id_card)

    def mark_boxes(self) -> list[tuple[tuple[int, int, int, int], str]]:
        """Seal and signature boxes, drawn faintly on every view of the page."""
        boxes = []
        for seal in _maps(self.doc.get("seals")):
            b = _bbox(seal.get("bbox"))
            if b:
                boxes.append((b, "mk-seal"))
        for sig in _maps(self.doc.get("signatures")):
            b = _bbox(sig.get("field_bbox") or sig.get("bbox"))
            if b:
                boxes.append((b, "mk-sign"))
        return boxes


def _documents(report: Mapping, pages: Sequence[PageRead]) -> list[tuple[Mapping, PageRead | None]]:
    """Pair the report's documents with the pages read, by ``(file, page)``;
    pages the report does not list are added from their own ``to_dict()``."""
    reads = {(p.file, int(p.page), p.part): p for p in pages}
    out: list[tuple[Mapping, PageRead | None]] = []
    seen = set()
    for doc in _maps(report.get("documents")):
        key = _place(doc)
        out.append((doc, reads.get(key)))
        seen.add(key)
    for key, read in reads.items():
        if key not in seen:
            out.append((read.to_dict(), read))
    return out


def _seq(value: object) -> list:
    """A JSON list as a list; a lone string as a one-item list; anything else empty.

    >>> _seq([1, 2]), _seq("2018-12"), _seq(None), _seq(7), _seq({"a": 1})
    ([1, 2], ['2018-12'], [], [], [])
    """
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str) and value:
        return [value]
    return []


def _maps(value: object) -> list[Mapping]:
    """The mappings in a JSON list (other items dropped)."""
    return [v for v in _seq(value) if isinstance(v, Mapping)]


def _map(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _str(value: object) -> str | None:
    """A JSON scalar as text (hashable), ``None`` for null/empty.

    >>> _str("unit"), _str(None), _str(["x"]), _str("")
    ('unit', None, "['x']", None)
    """
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def _file_of(value: object) -> str | None:
    """A finding's or page's file: a non-empty string, else ``None``."""
    return value if isinstance(value, str) and value else None


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None




def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Share of box ``a`` covered by box ``b``.

    >>> _overlap((0, 0, 10, 10), (5, 0, 20, 10)), _overlap((0, 0, 10, 10), (20, 20, 30, 30))
    (0.5, 0.0)
    """
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1, (a[2] - a[0]) * (a[3] - a[1]))



# ---------------------------------------------------------------- the view of each section


@dataclass(frozen=True)
class ApplicantView:
    """Rows ``(label, value)`` of the applicant block; ``None`` is shown as 未填写."""

    rows: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class VerdictView:
    status: str  # fail | review | pass
    text: str
    hint: str
    counts: Mapping[str, int]
    pages: int
    unreadable: int
    #: files (or their last pages) left unread when the applicant's time ran out: no fault of the file
    unread: int = 0


@dataclass(frozen=True)
class BoxLine:
    """An OCR line inside a finding's box: what the rule read, and how sure."""

    text: str
    score: float

    @property
    def doubtful(self) -> bool:
        return self.score < LOW_CONFIDENCE


@dataclass(frozen=True)
class JournalRecordView:
    """journal.registered: the registry's record (or the journals the numbers
    belong to), shown beside the cover crop, and the registry's name and date."""

    rows: tuple[tuple[str, str], ...]  # (label, value) of the record
    candidates: tuple[str, ...]
    warnings: str
    registry: str


def _journal_view(j: object) -> JournalRecordView | None:
    """
    >>> v = _journal_view({"journal": {"name": "生态学报", "issn": "1000-0933", "cn": "11-2031/Q", "indexes": ["北大核心"]},
    ...                    "registry": {"name": "CNKI", "as_of": "2023-11-30"}})
    >>> v.rows[:2], v.registry
    ((('刊名', '生态学报'), ('ISSN', '1000-0933')), 'CNKI（截至 2023-11-30）')
    >>> _journal_view(None) is None
    True
    """
    if not isinstance(j, Mapping):
        return None
    rec = _map(j.get("journal"))
    rows = (("刊名", rec.get("name")), ("曾用刊名", "、".join(_texts(_seq(rec.get("former_names"))))),
            ("ISSN", rec.get("issn")), ("CN", rec.get("cn")), ("主办", rec.get("publisher")),
            ("状态", rec.get("status_zh") or rec.get("status")), ("刊期", rec.get("frequency")),
            ("收录", "、".join(_texts(_seq(rec.get("indexes"))))))
    candidates = tuple(
        f"[{_text(c.get('why'))}] 《{_text(c.get('name'))}》 ISSN {_text(c.get('issn') or '—')}，CN {_text(c.get('cn') or '—')}"
        f"（{_text(c.get('status_zh') or c.get('status'))}）" for c in _maps(j.get("candidates"))[:6])
    warnings = "；".join(f"{_text(w.get('year'))}年 {_text(w.get('level') or w.get('reason'))}".strip()
                        for w in _maps(j.get("warnings")))
    reg = _map(j.get("registry"))
    registry = ""
    if reg:
        registry = f"{_text(reg.get('name'))}（截至 {_text(reg.get('as_of') or '日期不详')}）"
        note = _map(j.get("lookup")).get("note")
        if note:
            registry += f"；{_text(note)}"
    return JournalRecordView(tuple((k, _text(v)) for k, v in rows if v not in (None, "")), candidates, warnings, registry)


@dataclass(frozen=True)
class FindingCard:
    """One finding as the reviewer sees it.

    ``n`` numbers the cards in the order shown (anchor ``f-<n>``); ``index`` is the
    finding's position in ``report["findings"]`` and ``finding`` the dict itself, so a
    page that adds per-finding actions (the desk) knows which finding a card is.
    """

    n: int
    index: int
    finding: Mapping
    status: str
    rule: str
    rule_name: str
    file: str | None
    page_no: int | None
    where: str
    anchor: str | None  # the page in the documents list this card links to
    message: str
    value: str | None
    expected: str | None
    has_page: bool  # a page of the report is attached (image or not)
    thumb: Drawing | None = None
    zoom: Drawing | None = None
    box: tuple[int, int, int, int] | None = None
    box_lines: tuple[BoxLine, ...] | None = None  # None: nothing to say (no box or no text read)
    crops: tuple[Crop, ...] = ()
    text: str = ""  # the page's text
    journal: JournalRecordView | None = None  # journal.registered: the registry's record

    @property
    def on_seal(self) -> bool:
        """A seal's finding (seal.present, seal.unit): its value is what the seal reads, and
        the page's text in its box the print under the seal, not the seal's words."""
        return self.rule.startswith("seal.")


@dataclass(frozen=True)
class FindingsView:
    cards: tuple[FindingCard, ...]
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return len(self.cards)


@dataclass(frozen=True)
class RuleRow:
    rule: str
    name: str
    counts: Mapping[str, int] | None  # None: the rule gave no finding
    worst: str | None


@dataclass(frozen=True)
class SealLine:
    text: str | None
    match: str | None
    match_css: str
    doubtful: bool
    extra: str


@dataclass(frozen=True)
class SignatureLine:
    label: str
    state: str
    css: str


@dataclass(frozen=True)
class FindingLink:
    n: int
    status: str
    name: str


@dataclass(frozen=True)
class DocumentCard:
    """One page of the documents list."""

    anchor: str
    label: str
    kind: str
    kind_name: str
    kind_score: float | None  # shown when the classifier gave one
    kind_doubtful: bool
    dates: tuple[str, ...]
    journal: bool  # show the ISSN and CN rows
    issn: tuple[str, ...]
    cn: tuple[str, ...]
    names: tuple[str, ...] | None  # None: the page lists none (no row)
    id_numbers: tuple[str, ...] | None
    seals: tuple[SealLine, ...]
    signatures: tuple[SignatureLine, ...]
    fields: tuple[tuple[str, str], ...]
    source: str | None
    findings: tuple[FindingLink, ...]
    thumb: Drawing | None
    crops: tuple[Crop, ...]
    text: str
    seals_sought: bool = True  # False: a page of a kind that needs no seal, where none was looked for


@dataclass(frozen=True)
class DocumentsView:
    cards: tuple[DocumentCard, ...]
    kinds: str  # "推荐表 3 页、其他 2 页"


@dataclass(frozen=True)
class ReportView:
    """Everything ``report.html`` shows, without markup."""

    key: str | None
    title_name: str
    meta: tuple[str, ...]
    error: str | None
    images: tuple[Image, ...]
    applicant: ApplicantView
    verdict: VerdictView
    unreadable: tuple[tuple[str, str], ...]
    findings: FindingsView
    rules: tuple[RuleRow, ...]
    documents: DocumentsView
    report: Mapping = field(default_factory=dict, repr=False)
    #: (file, reason) of the files or pages left unread when the time ran out (``cut``), apart
    #: from :attr:`unreadable`: they are not unreadable, and the applicant resubmits nothing
    unread: tuple[tuple[str, str], ...] = ()
    #: files of each kind that report.json counts past its list (``unreadable_more``)
    unreadable_more: int = 0
    unread_more: int = 0


def _text(value: object) -> str:
    """Any value as the text the reviewer reads; ``None`` is empty."""
    return "" if value is None else str(value)


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    """The values worth listing (not null, not empty), as text."""
    return tuple(str(v) for v in values if v not in (None, ""))


def _masked_id(number) -> str:
    """An ID number as the report shows one: region and last four, as in the messages of
    ``identity.id_number`` (``report.json`` keeps it whole).

    >>> _masked_id(210402198602110267)
    '210402********0267'
    """
    from verify.read.identifiers import ric

    return ric.mask(str(number))


def _applicant_view(report: Mapping) -> ApplicantView:
    a = _map(report.get("applicant"))
    title = a.get("current_title")
    if isinstance(title, Mapping):
        title_text = " ".join(str(v) for v in (title.get("name"), title.get("date")) if v)
        if title.get("date"):
            title_text = f"{title.get('name') or ''}（{title.get('date')} 取得）"
    else:
        title_text = str(title or "")
    unit = a.get("unit") or ""
    aliases = [x for x in _seq(a.get("unit_aliases")) if x]
    if aliases:
        unit = f"{unit}（又称：{'、'.join(str(x) for x in aliases)}）"
    kind = a.get("unit_kind")
    rows = [
        ("姓名", a.get("name")),
        ("申报单位", unit),
        ("单位性质", _UNIT_KIND_ZH.get(str(kind), str(kind)) if kind else ""),
        ("申报专业", a.get("specialty")),
        ("申报级别", a.get("level")),
        ("现职称及取得时间", title_text or "无（首次申报）"),
    ]
    if a.get("id_number"):  # masked as in the findings' messages: the page is printed, shown, handed round
        rows.insert(1, ("身份证号", _masked_id(a.get("id_number"))))
    return ApplicantView(tuple((k, str(v) if v else None) for k, v in rows))


_VERDICT_HINTS_ZH = {
    "fail": "存在不符合申报条件的材料，详见下方“不通过”各项。",
    "review": "未发现明确不符合项，但有材料无法自动判定，须人工复核。",
    "pass": "全部自动核验项目通过。仍请按规定对原件进行抽查。",
}


def _verdict_view(report: Mapping, findings: list[Mapping], n_pages: int, unreadable: list[Mapping],
                  left_out: tuple[int, int] = (0, 0)) -> VerdictView:
    counts = Counter(_norm_status(f.get("status")) for f in findings)
    verdict = report.get("verdict")
    if verdict is None:
        verdict = "fail" if counts["fail"] else "review" if counts["review"] else "pass"
    verdict = _norm_status(verdict)
    cut = sum(1 for u in unreadable if u.get("cut"))
    more, more_cut = left_out  # counted past report.json's list (:func:`_left_out`)
    return VerdictView(verdict, status_zh(verdict), _VERDICT_HINTS_ZH[verdict],
                       {s: counts[s] for s in _STATUS_ORDER}, n_pages, len(unreadable) - cut + more - more_cut,
                       cut + more_cut)


def _left_out(report: Mapping) -> tuple[int, int]:
    """(files, of them cut by the time limit) that ``report.json`` counts past its
    ``unreadable`` list (``unreadable_more``, :func:`verify.run.reports.cap_unreadable`).

    >>> _left_out({"unreadable_more": {"files": 99000, "cut": 10, "service": 0}}), _left_out({})
    ((99000, 10), (0, 0))
    """
    more = _map(report.get("unreadable_more"))
    files, cut = more.get("files"), more.get("cut")
    files = files if isinstance(files, int) and files > 0 else 0
    cut = cut if isinstance(cut, int) and 0 < cut <= files else 0
    return files, cut


def _rule_rows(findings: list[Mapping]) -> tuple[RuleRow, ...]:
    per_rule: dict[str, Counter] = {}
    for f in findings:
        per_rule.setdefault(str(f.get("rule") or ""), Counter())[_norm_status(f.get("status"))] += 1
    order = list(RULE_NAMES_ZH) + sorted(r for r in per_rule if r not in RULE_NAMES_ZH)
    rows = []
    for rule in order:
        c = per_rule.get(rule)
        if c is None:
            rows.append(RuleRow(rule, rule_name_zh(rule), None, None))
        else:
            worst = "fail" if c["fail"] else "review" if c["review"] else "pass"
            rows.append(RuleRow(rule, rule_name_zh(rule), {s: c[s] for s in _STATUS_ORDER}, worst))
    return tuple(rows)


def _box_lines(page: _Page, box: tuple[int, int, int, int] | None) -> tuple[BoxLine, ...] | None:
    """The OCR lines inside the finding's box, with their confidence: what the rule read."""
    if box is None or page.read is None:
        return None
    lines = [ln for ln in page.read.ocr.lines if _overlap(ln.bbox, box) >= 0.3 or _overlap(box, ln.bbox) >= 0.5]
    return tuple(BoxLine(mask_id_numbers(ln.text, first_generation=page.id_card), ln.score) for ln in lines[:12])


def _finding_card(n: int, index: int, f: Mapping, page: _Page | None, anchor: str | None = None) -> FindingCard:
    status = _norm_status(f.get("status"))
    rule = _str(f.get("rule")) or ""
    file, pg, part = _place(f)
    value = _value_zh(f.get("value")) if f.get("value") not in (None, "") else None
    expected = _value_zh(f.get("expected")) if f.get("expected") not in (None, "") else None
    card = FindingCard(
        n=n, index=index, finding=f, status=status, rule=rule, rule_name=rule_name_zh(rule), file=file, page_no=pg,
        where=place_label(file, pg, part), anchor=page.anchor if page is not None else anchor,
        message=_text(f.get("message") or ""), value=value, expected=expected, has_page=page is not None,
        journal=_journal_view(f.get("journal")),
    )
    if page is None:
        return card
    box = _bbox(f.get("bbox"))
    thumb = zoom = None
    if page.image:
        highlight = [(box, f"hl hl-{status}")] if box else []
        thumb = _drawing(page.image, boxes=page.mark_boxes() + highlight, title=page.label)
        if box:
            zoom = _drawing(page.image, boxes=highlight, view=_zoom_view(box, page.image.width, page.image.height),
                            css="zoomimg")
    return dataclasses.replace(card, thumb=thumb, zoom=zoom, box=box, box_lines=_box_lines(page, box),
                               crops=tuple(page.crops), text=page.text)


def _findings_view(numbered: list[tuple[int, int, Mapping]], by_key: Mapping[tuple, _Page]) -> FindingsView:
    counts = Counter(_norm_status(f.get("status")) for _, _, f in numbered)
    cards = []
    for n, index, f in numbered:
        key = _place(f)
        page = by_key.get(key) if key[0] else None
        anchor = None
        if page is None and key[0]:  # a finding about a whole file: link to its first page read, if any
            anchor = next((p.anchor for k, p in by_key.items() if k[0] == key[0]), None)
        cards.append(_finding_card(n, index, f, page, anchor))
    return FindingsView(tuple(cards), {s: counts[s] for s in _STATUS_ORDER})


_JOURNAL_KINDS = ("journal_cover", "journal_toc", "paper")

_FIELD_NAMES_ZH = {
    "verification_code": "验证码",
    "certificate_no": "证书编号",
    "journal": "期刊名称",
    "paper_title": "论文题目",
    "award_title": "奖项名称",
    "level": "级别",
    "title_name": "资格名称",
    "unit": "单位",
    "assessment_grade": "考核等次",
    "seal_gray": "黑白复印件（未见彩色印章）",
    "seal_ring_text": "残缺印迹上的文字",
}
#: how a field's value reads, where its stored value is a code
_FIELD_VALUES_ZH = {"seal_gray": {"1": "是"}}
#: what the pipeline keeps on a page for its rules, not for the reviewer: pixel boxes
#: (``seal_ring``, ``seal_ink``, ``date_under_seal``), a measure (``seal_gray_ink``) and a detector's error name
_MACHINE_FIELDS = frozenset({"seal_ring", "seal_ink", "date_under_seal", "seal_search_failed", "seals_not_read",
                             "seals_not_sought", "seal_gray_ink"})


def _field_rows(fields: Mapping, id_card: bool) -> tuple[tuple[str, str], ...]:
    """The named fields read on a page as ``(label, value)`` rows for the reviewer: the
    pipeline's own fields left out, and a field without a Chinese name shown as
    其他信息, never by its English key.

    >>> _field_rows({"assessment_grade": "合格", "seal_ring": "842,359,1166,687", "seal_gray": "1", "new_key": "x"}, False)
    (('考核等次', '合格'), ('黑白复印件（未见彩色印章）', '是'), ('其他信息', 'x'))
    """
    rows = []
    for key, value in fields.items():
        if value in (None, "") or key in _MACHINE_FIELDS:
            continue
        shown = _FIELD_VALUES_ZH.get(key, {}).get(str(value), str(value))
        rows.append((str(_FIELD_NAMES_ZH.get(key, "其他信息")), mask_id_numbers(shown, first_generation=id_card)))
    return tuple(rows)


def _seal_line(s: Mapping) -> SealLine:
    match = _str(s.get("unit_match"))
    shown = match if match and not (match == "unreadable" and not s.get("text")) else None
    extra = "，".join(
        x for x in (_SEAL_COLOR_ZH.get(_str(s.get("color")), ""), _SEAL_SHAPE_ZH.get(_str(s.get("shape")), "")) if x
    )
    return SealLine(
        text=str(s.get("text")) if s.get("text") else None,
        match=_SEAL_MATCH_ZH.get(shown, shown) if shown else None,
        match_css={"unit": "ok", "other": "bad"}.get(shown or "", "warn"),
        doubtful=s.get("certain") is False,
        extra=extra,
    )


def _signature_line(s: Mapping) -> SignatureLine:
    state = _str(s.get("state"))
    return SignatureLine(
        label=str(s.get("label") or "签字栏").rstrip("：: "),
        state=_SIGNATURE_STATE_ZH.get(state, state or "未知"),
        css={"signed": "ok", "blank": "bad"}.get(state, "warn"),
    )


def _document_card(page: _Page, page_findings: list[tuple[int, Mapping]]) -> DocumentCard:
    d = page.doc
    kind = str(d.get("kind") or "other")
    mentions = _maps(d.get("date_mentions"))
    if mentions:
        dates = _texts(
            f"{m.get('date')}" + (f"（{date_role_zh(_str(m.get('role')))}）" if date_role_zh(_str(m.get('role'))) else "")
            for m in mentions
        )
    else:
        dates = _texts(_seq(d.get("dates")))
    score = d.get("kind_score")
    shown_score = None
    if isinstance(score, (int, float)) and not isinstance(score, bool) and score > 0 and kind != "other":
        shown_score = float(score)
    fields = d.get("fields")
    src = _str(d.get("ocr_source"))
    return DocumentCard(
        anchor=page.anchor,
        label=page.label,
        kind=kind,
        kind_name=KIND_NAMES_ZH.get(kind, kind),
        kind_score=shown_score,
        kind_doubtful=shown_score is not None and shown_score < KIND_DOUBTFUL,
        dates=dates,
        journal=bool(_seq(d.get("issn")) or _seq(d.get("cn")) or kind in _JOURNAL_KINDS),
        issn=_texts(_seq(d.get("issn"))),
        cn=_texts(_seq(d.get("cn"))),
        names=_texts(_seq(d.get("names"))) if _seq(d.get("names")) else None,
        id_numbers=tuple(_masked_id(n) for n in _texts(_seq(d.get("id_numbers")))) if _seq(d.get("id_numbers")) else None,
        seals=tuple(_seal_line(s) for s in _maps(d.get("seals"))),
        signatures=tuple(_signature_line(s) for s in _maps(d.get("signatures"))),
        fields=_field_rows(fields, page.id_card) if isinstance(fields, Mapping) else (),
        source=_OCR_SOURCE_ZH.get(src, src) if src else None,
        findings=tuple(FindingLink(n, _norm_status(f.get("status")), rule_name_zh(f.get("rule"))) for n, f in page_findings),
        thumb=_drawing(page.image, boxes=page.mark_boxes(), title=page.label) if page.image else None,
        crops=tuple(page.crops),
        text=page.text,
        seals_sought=not (isinstance(fields, Mapping) and fields.get("seals_not_sought")),
    )


def _documents_view(doc_pages: list[_Page], numbered: list[tuple[int, int, Mapping]]) -> DocumentsView:
    by_key: dict[tuple, list[tuple[int, Mapping]]] = {}
    for n, _, f in numbered:
        by_key.setdefault(_place(f), []).append((n, f))
    cards = tuple(_document_card(p, by_key.get((p.file, p.page, p.part), [])) for p in doc_pages)
    kinds = Counter(str(p.doc.get("kind") or "other") for p in doc_pages)
    summary = "、".join(f"{KIND_NAMES_ZH.get(k, k)} {c} 页" for k, c in sorted(kinds.items(), key=lambda t: -t[1]))
    return DocumentsView(cards, summary)


def build_view(report: Mapping, pages: Sequence[PageRead] = ()) -> ReportView:
    """What ``report.html`` shows of ``report`` (the ``report.json`` dict) and the
    ``pages`` read: every value checked and put in words, nothing drawn yet.

    >>> view = build_view({"key": "k", "findings": [{"rule": "seal.present", "status": "maybe"}]})
    >>> view.verdict.status, [c.status for c in view.findings.cards], view.findings.cards[0].rule_name
    ('review', ['review'], '材料加盖印章')
    """
    store = _ImageStore()
    if not isinstance(report, Mapping):
        report = {}
    findings = _maps(report.get("findings"))
    unreadable = _maps(report.get("unreadable"))
    more, more_cut = _left_out(report)  # files report.json counts past its list, and of them cut
    doc_pages = [_Page(i, doc, read, store) for i, (doc, read) in enumerate(_documents(report, pages), 1)]
    by_key = {(p.file, p.page, p.part): p for p in doc_pages}

    ordered = sorted(enumerate(findings), key=lambda t: (_STATUS_ORDER[_norm_status(t[1].get("status"))], t[0]))
    numbered = [(n, index, f) for n, (index, f) in enumerate(ordered, 1)]

    name = _map(report.get("applicant")).get("name") or report.get("key") or ""
    meta = [f"编号：{report.get('key')}" if report.get("key") else ""]
    if report.get("campaign"):
        # the campaign by its Chinese name (a reviewer read 申报批次：fushun-2024), its id after it
        title = _map(report.get("rulebook")).get("name")
        meta.append(f"申报批次：{title}（{report.get('campaign')}）" if title else f"申报批次：{report.get('campaign')}")
    if report.get("generated_at"):
        meta.append(f"生成时间：{_timestamp_zh(report.get('generated_at'))}")
    batch = _map(report.get("batch"))
    error = report.get("error") or batch.get("error")

    findings_view = _findings_view(numbered, by_key)  # crops and thumbnails stored in the order they appear
    return ReportView(
        key=_str(report.get("key")),
        title_name=str(name),
        meta=tuple(m for m in meta if m),
        error=str(error) if error else None,
        images=tuple(store.images),
        applicant=_applicant_view(report),
        verdict=_verdict_view(report, findings, len(doc_pages), unreadable, (more, more_cut)),
        unreadable=tuple((_text(u.get("file")), _text(u.get("reason"))) for u in unreadable if not u.get("cut")),
        unread=tuple((_text(u.get("file")), _text(u.get("reason"))) for u in unreadable if u.get("cut")),
        unreadable_more=more - more_cut,
        unread_more=more_cut,
        findings=findings_view,
        rules=_rule_rows(findings),
        documents=_documents_view(doc_pages, numbered),
        report=report,
    )
