"""``report.html``: the page a reviewer at the review desk reads.

One self-contained HTML file per applicant, a view of ``report.json`` (the dict
``verify.run.pipeline.build_report`` makes) plus the pages that were read (for their
thumbnails, seal and signature crops and text). It opens offline: CSS inline,
every image a ``data:`` URI, a few lines of inline script for the status filter,
no external fonts, scripts or links.

Each page thumbnail is embedded exactly once, as an SVG ``<image>`` in a hidden
``<defs>`` block, and every view of the page (the finding cards, the zoomed
detail, the documents section) draws it with ``<use href="#...">`` inside an SVG
whose ``viewBox`` is the page's pixel size, so finding boxes need no scaling and
a 300-page dossier costs one JPEG per page, not one per finding.

Everything the reviewer reads is Simplified Chinese:

>>> rule_name_zh("evidence.after_title")
'业绩取得时间晚于现职称'
>>> status_zh("review")
'需人工复核'
>>> html = render_html({"key": "k", "applicant": {"name": "<张伟>", "unit": "站"},
...                     "findings": [{"rule": "seal.present", "status": "fail",
...                                   "message": "未发现印章", "file": "a.jpg", "page": 1}]})
>>> "不通过" in html and "&lt;张伟&gt;" in html and "<张伟>" not in html
True
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from verify.model import KIND_NAMES_ZH, RULE_NAMES_ZH, PageRead

log = logging.getLogger(__name__)

__all__ = [
    "RULE_NAMES_ZH",
    "STATUS_NAMES_ZH",
    "render_html",
    "rule_name_zh",
    "status_zh",
]

#: The Chinese name of every rule ID of DOSSIER.md (and a few the pipeline adds).

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
    "publicity_start": "公示开始",
    "publicity_end": "公示结束",
    "title_date": "取得资格",
    "birth": "出生",
}

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


def _e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute; ``None`` is empty.

    >>> _e('<a href="x">') , _e(None), _e(3)
    ('&lt;a href=&quot;x&quot;&gt;', '', '3')
    """
    if value is None:
        return ""
    return escape(str(value), quote=True)


def _page_label(file: object, page: object) -> str:
    """
    >>> _page_label("scans/a.pdf", 3)
    'scans/a.pdf 第 3 页'
    >>> _page_label(None, None)
    '整套材料'
    """
    if not file:
        return "整套材料"
    if page in (None, ""):
        return str(file)
    return f"{file} 第 {page} 页"


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


class _ImageStore:
    """Images embedded once, as SVG ``<image>`` elements in a hidden ``<defs>``."""

    def __init__(self) -> None:
        self._defs: list[str] = []
        self._ids: dict[str, tuple[str, int, int]] = {}

    def add(self, data: bytes | None, mime: str, size: tuple[int, int] | None = None) -> tuple[str, int, int] | None:
        """Register image bytes; return ``(id, width, height)`` in the coordinate
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
        if key in self._ids:
            return self._ids[key]
        ref = f"img{len(self._ids)}"
        uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        self._defs.append(
            f'<image id="{ref}" x="0" y="0" width="{w}" height="{h}" preserveAspectRatio="none" href="{uri}"/>'
        )
        self._ids[key] = (ref, w, h)
        return self._ids[key]

    def html(self) -> str:
        return (
            '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">'
            "<defs>" + "".join(self._defs) + "</defs></svg>"
        )


def _svg_view(
    image: tuple[str, int, int],
    *,
    boxes: Iterable[tuple[tuple[int, int, int, int], str]] = (),
    view: tuple[int, int, int, int] | None = None,
    css: str = "page",
    title: str = "",
) -> str:
    """An SVG drawing a stored image, with boxes ``(bbox, css-class)`` on top."""
    ref, w, h = image
    vx, vy, vw, vh = view or (0, 0, w, h)
    style = ""
    if view is not None:  # a zoomed view is as tall as its aspect needs, within bounds
        style = f' style="height:{max(60, min(300, round(330 * vh / vw)))}px"'
    parts = [
        f'<svg class="{css}" viewBox="{vx} {vy} {vw} {vh}" preserveAspectRatio="xMidYMid meet" role="img"{style}>',
    ]
    if title:
        parts.append(f"<title>{_e(title)}</title>")
    parts.append(f'<use href="#{ref}"/>')
    for (x0, y0, x1, y1), cls in boxes:
        parts.append(
            f'<rect class="{cls}" x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" '
            'vector-effect="non-scaling-stroke"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


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
        self.image = None
        if read is not None and read.thumbnail_jpeg:
            thumb = _modest_jpeg(read.thumbnail_jpeg)
            if not (self.width and self.height):
                self.width, self.height = _image_size(thumb) or (0, 0)
            self.image = store.add(thumb, "image/jpeg", (self.width, self.height))
        self.seal_crops: list[tuple[str, tuple[str, int, int]]] = []
        self.signature_crops: list[tuple[str, tuple[str, int, int]]] = []
        if read is not None:
            for n, seal in enumerate(read.seals, 1):
                for label, data in ((f"印章 {n}", seal.crop_png), (f"印章 {n} 展开", seal.unwrap_png)):
                    img = store.add(data, "image/png")
                    if img:
                        self.seal_crops.append((label, img))
            for n, sig in enumerate(read.signatures, 1):
                img = store.add(sig.crop_png, "image/png")
                if img:
                    self.signature_crops.append((f"{sig.label or '签字栏'}", img))

    @property
    def file(self) -> str | None:
        return _file_of(self.doc.get("file"))

    @property
    def page(self) -> int | None:
        return _int_or_none(self.doc.get("page"))

    @property
    def label(self) -> str:
        return _page_label(self.file, self.page)

    @property
    def text(self) -> str:
        if self.read is not None:
            return self.read.ocr.text
        return str(self.doc.get("text") or "")

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
    reads = {(p.file, int(p.page)): p for p in pages}
    out: list[tuple[Mapping, PageRead | None]] = []
    seen = set()
    for doc in _maps(report.get("documents")):
        key = (_file_of(doc.get("file")), _int_or_none(doc.get("page")))
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


# ---------------------------------------------------------------- sections


def _applicant_section(report: Mapping) -> str:
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
    if a.get("id_number"):
        rows.insert(1, ("身份证号", a.get("id_number")))
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v) if v else '<span class=muted>未填写</span>'}</td></tr>" for k, v in rows)
    return f'<section class="card applicant"><h2>申报人信息</h2><table class="kv">{cells}</table></section>'


def _verdict_section(report: Mapping, findings: list[Mapping], n_pages: int, unreadable: list[Mapping]) -> str:
    counts = Counter(_norm_status(f.get("status")) for f in findings)
    verdict = report.get("verdict")
    if verdict is None:
        verdict = "fail" if counts["fail"] else "review" if counts["review"] else "pass"
    verdict = _norm_status(verdict)
    hint = {
        "fail": "存在不符合申报条件的材料，详见下方“不通过”各项。",
        "review": "未发现明确不符合项，但有材料无法自动判定，须人工复核。",
        "pass": "全部自动核验项目通过。仍请按规定对原件进行抽查。",
    }[verdict]
    stats = "".join(
        f'<div class="stat st-{s}"><b>{counts[s]}</b><span>{_STATUS_SHORT_ZH[s]}</span></div>' for s in ("fail", "review", "pass")
    )
    stats += f'<div class="stat"><b>{n_pages}</b><span>页材料</span></div>'
    if unreadable:
        stats += f'<div class="stat st-review"><b>{len(unreadable)}</b><span>个文件无法读取</span></div>'
    return (
        f'<section class="verdict v-{verdict}"><div class="vtext"><span class="vlabel">核验结论</span>'
        f"<strong>{_e(status_zh(verdict))}</strong><p>{_e(hint)}</p></div>"
        f'<div class="stats">{stats}</div></section>'
    )


def _rule_summary(findings: list[Mapping]) -> str:
    per_rule: dict[str, Counter] = {}
    for f in findings:
        per_rule.setdefault(str(f.get("rule") or ""), Counter())[_norm_status(f.get("status"))] += 1
    order = list(RULE_NAMES_ZH) + sorted(r for r in per_rule if r not in RULE_NAMES_ZH)
    rows = []
    for rule in order:
        c = per_rule.get(rule)
        if c is None:
            cells = '<td colspan="3" class="muted">无核验结果</td><td class="muted">—</td>'
        else:
            worst = "fail" if c["fail"] else "review" if c["review"] else "pass"
            cells = "".join(f'<td class="n{" st-" + s if c[s] else ""}">{c[s] or ""}</td>' for s in ("fail", "review", "pass"))
            cells += f'<td><span class="badge b-{worst}">{_STATUS_SHORT_ZH[worst]}</span></td>'
        rows.append(f"<tr><td><code>{_e(rule)}</code></td><td>{_e(rule_name_zh(rule))}</td>{cells}</tr>")
    return (
        '<section class="card" id="rules"><h2>按规则汇总</h2><table class="grid rules"><thead><tr><th>规则编号</th><th>核验内容</th>'
        '<th class="n">不通过</th><th class="n">需复核</th><th class="n">通过</th><th>结果</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _text_details(text: str, summary: str = "识别文字") -> str:
    n = len([ln for ln in text.splitlines() if ln.strip()])
    if not n:
        return f'<p class="muted small">{_e(summary)}：无</p>'
    return f'<details class="ocrtext"><summary>{_e(summary)}（{n} 行）</summary><pre>{_e(text)}</pre></details>'


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


def _box_lines_html(page: _Page, box: tuple[int, int, int, int] | None) -> str:
    """The OCR lines inside the finding's box, with their confidence: what the rule read."""
    if box is None or page.read is None:
        return ""
    lines = [ln for ln in page.read.ocr.lines if _overlap(ln.bbox, box) >= 0.3 or _overlap(box, ln.bbox) >= 0.5]
    if not lines:
        return '<p class="boxtext muted small">框内未识别到文字</p>'
    items = "".join(
        f'<li><span>{_e(ln.text)}</span><span class="{"warn" if ln.score < LOW_CONFIDENCE else "muted"} small">'
        f"置信度 {ln.score:.2f}</span></li>"
        for ln in lines[:12]
    )
    return f'<div class="boxtext"><div class="small muted">框内识别文字</div><ul>{items}</ul></div>'


def _crops_html(page: _Page) -> str:
    items = []
    for label, img in page.seal_crops + page.signature_crops:
        svg = _svg_view(img, css="cropimg", title=label)
        _, w, h = img
        if w > 1.3 * h:  # an unwrapped seal strip or a wide signature field: wider, not smaller
            width = 240
            svg = svg.replace('<svg class="cropimg"', f'<svg class="cropimg" style="width:{width}px;height:{max(36, round(width * h / w))}px"', 1)
        items.append(f'<figure class="crop">{svg}<figcaption>{_e(label)}</figcaption></figure>')
    return f'<div class="crops">{"".join(items)}</div>' if items else ""


def _finding_card(n: int, f: Mapping, page: _Page | None, anchor: str | None = None) -> str:
    status = _norm_status(f.get("status"))
    rule = _str(f.get("rule")) or ""
    file, pg = _file_of(f.get("file")), _int_or_none(f.get("page"))
    where = _e(_page_label(file, pg))
    if page is not None or anchor:
        where = f'<a href="#{page.anchor if page is not None else anchor}">{where}</a>'
    kv = []
    if f.get("value") not in (None, ""):
        kv.append(f"<span><em>读取值</em>{_e(_value_zh(f.get('value')))}</span>")
    if f.get("expected") not in (None, ""):
        kv.append(f"<span><em>应为</em>{_e(_value_zh(f.get('expected')))}</span>")
    head = (
        f'<div class="fhead"><span class="badge b-{status}">{_STATUS_SHORT_ZH[status]}</span>'
        f'<span class="fname">{_e(rule_name_zh(rule))}</span><code>{_e(rule)}</code>'
        f'<span class="where">{where}</span></div>'
        f'<p class="msg">{_e(f.get("message") or "")}</p>'
    )
    if kv:
        head += f'<p class="kvline">{"".join(kv)}</p>'
    body = ""
    if page is not None:
        visuals = []
        box = _bbox(f.get("bbox"))
        if page.image:
            boxes = page.mark_boxes() + ([(box, f"hl hl-{status}")] if box else [])
            visuals.append(f'<figure class="thumb">{_svg_view(page.image, boxes=boxes, title=page.label)}<figcaption>整页</figcaption></figure>')
            if box:
                _, w, h = page.image
                visuals.append(
                    f'<figure class="zoom">{_svg_view(page.image, boxes=[(box, f"hl hl-{status}")], view=_zoom_view(box, w, h), css="zoomimg")}'
                    "<figcaption>局部放大</figcaption></figure>"
                )
        elif box:
            visuals.append(f'<p class="muted small">位置：{_e(", ".join(map(str, box)))}（无页面图像）</p>')
        else:
            visuals.append('<p class="muted small">（无页面图像）</p>')
        side = _box_lines_html(page, box) + _crops_html(page)
        if status != "pass":  # pass cards link to the page's text in the documents list instead
            side += _text_details(page.text, "整页识别文字")
        inner = f'<div class="fbody"><div class="visuals">{"".join(visuals)}</div><div class="side">{side}</div></div>'
        if status == "pass":
            body = f'<details class="pview"><summary>查看页面</summary>{inner}</details>'
        else:
            body = inner
    extra = "" if file else " nofile"
    return f'<article class="finding st-{status}{extra}" id="f-{n}" data-status="{status}">{head}{body}</article>'


def _findings_section(numbered: list[tuple[int, Mapping]], by_key: Mapping[tuple, _Page]) -> str:
    findings = [f for _, f in numbered]
    counts = Counter(_norm_status(f.get("status")) for f in findings)
    buttons = [f'<button type="button" data-filter="all" class="on">全部 <b>{len(findings)}</b></button>']
    for s in ("fail", "review", "pass"):
        buttons.append(f'<button type="button" data-filter="{s}" class="fb-{s}">{_STATUS_SHORT_ZH[s]} <b>{counts[s]}</b></button>')
    cards = []
    for n, f in numbered:
        key = (_file_of(f.get("file")), _int_or_none(f.get("page")))
        page = by_key.get(key) if key[0] else None
        anchor = None
        if page is None and key[0]:  # a finding about a whole file: link to its first page read, if any
            anchor = next((p.anchor for k, p in by_key.items() if k[0] == key[0]), None)
        cards.append(_finding_card(n, f, page, anchor))
    if not cards:
        cards.append('<p class="muted">没有核验结果。</p>')
    return (
        '<section class="card" id="findings"><div class="sechead"><h2>核验结果</h2>'
        f'<div class="filters" role="group" aria-label="按结果筛选">{"".join(buttons)}</div></div>'
        f'<div class="flist" data-show="all">{"".join(cards)}</div></section>'
    )


def _unreadable_section(unreadable: list[Mapping]) -> str:
    if not unreadable:
        return ""
    rows = "".join(f"<tr><td>{_e(u.get('file'))}</td><td>{_e(u.get('reason'))}</td></tr>" for u in unreadable)
    return (
        '<section class="card unreadable"><h2>无法读取的文件</h2>'
        '<p class="small">以下文件未能读取，其内容未参与自动核验，请人工查看原件。</p>'
        f'<table class="grid"><thead><tr><th>文件</th><th>原因</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _join(values: Iterable[object], empty: str = "—") -> str:
    vals = [_e(v) for v in values if v not in (None, "")]
    return "、".join(vals) if vals else f'<span class="muted">{empty}</span>'


def _document_card(page: _Page, page_findings: list[tuple[int, Mapping]]) -> str:
    d = page.doc
    kind = str(d.get("kind") or "other")
    kind_text = KIND_NAMES_ZH.get(kind, kind)
    mentions = _maps(d.get("date_mentions"))
    if mentions:
        dates = _join(
            f"{m.get('date')}" + (f"（{_DATE_ROLE_ZH.get(_str(m.get('role')), _str(m.get('role')))}）" if m.get("role") else "")
            for m in mentions
        )
    else:
        dates = _join(_seq(d.get("dates")))
    seals = []
    for s in _maps(d.get("seals")):
        parts = [f"“{_e(s.get('text'))}”" if s.get("text") else '<span class="muted">印文未识别</span>']
        match = _str(s.get("unit_match"))
        if match and not (match == "unreadable" and not s.get("text")):
            cls = {"unit": "ok", "other": "bad"}.get(match, "warn")
            parts.append(f'<span class="{cls}">{_e(_SEAL_MATCH_ZH.get(match, match))}</span>')
        if s.get("certain") is False:
            parts.append('<span class="warn">疑似印章</span>')
        extra = "，".join(
            x for x in (_SEAL_COLOR_ZH.get(_str(s.get("color")), ""), _SEAL_SHAPE_ZH.get(_str(s.get("shape")), "")) if x
        )
        if extra:
            parts.append(f'<span class="muted">{_e(extra)}</span>')
        seals.append(" ".join(parts))
    sigs = []
    for s in _maps(d.get("signatures")):
        state = _str(s.get("state"))
        cls = {"signed": "ok", "blank": "bad"}.get(state, "warn")
        label = str(s.get("label") or "签字栏").rstrip("：: ")
        sigs.append(f'{_e(label)}：<span class="{cls}">{_e(_SIGNATURE_STATE_ZH.get(state, state or "未知"))}</span>')
    kind_html = f"<b>{_e(kind_text)}</b>"
    score = d.get("kind_score")
    if isinstance(score, (int, float)) and not isinstance(score, bool) and score > 0 and kind != "other":
        if score < KIND_DOUBTFUL:
            kind_html += f' <span class="warn">（分类存疑，置信度 {score:.2f}，请人工确认材料类型）</span>'
        else:
            kind_html += f' <span class="muted">（分类置信度 {score:.2f}）</span>'
    rows = [("材料类型", kind_html), ("日期", dates)]
    if _seq(d.get("issn")) or _seq(d.get("cn")) or kind in _JOURNAL_KINDS:
        rows += [("ISSN", _join(_seq(d.get("issn")), "未识别到")), ("CN", _join(_seq(d.get("cn")), "未识别到"))]
    if _seq(d.get("names")):
        rows.append(("姓名", _join(_seq(d.get("names")))))
    if _seq(d.get("id_numbers")):
        rows.append(("身份证号", _join(_seq(d.get("id_numbers")))))
    rows.append(("印章", "<br>".join(seals) if seals else '<span class="muted">未发现</span>'))
    rows.append(("签字", "<br>".join(sigs) if sigs else '<span class="muted">无签字栏</span>'))
    fields = d.get("fields")
    if isinstance(fields, Mapping):
        for k, v in fields.items():
            if v not in (None, ""):
                rows.append((_FIELD_NAMES_ZH.get(k, k), _e(v)))
    src = _str(d.get("ocr_source"))
    if src:
        rows.append(("文字来源", _e(_OCR_SOURCE_ZH.get(src, src))))
    table = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    links = ""
    if page_findings:
        links = '<p class="flinks">' + "".join(
            f'<a class="badge b-{_norm_status(f.get("status"))}" href="#f-{n}">{_e(rule_name_zh(f.get("rule")))}</a>'
            for n, f in page_findings
        ) + "</p>"
    thumb = (
        _svg_view(page.image, boxes=page.mark_boxes(), title=page.label)
        if page.image
        else '<div class="noimg">无页面图像</div>'
    )
    return (
        f'<article class="doc" id="{page.anchor}"><div class="dthumb">{thumb}</div>'
        f'<div class="dinfo"><h3>{_e(page.label)}</h3>{links}'
        f'<div class="dfacts"><table class="kv small">{table}</table>{_crops_html(page)}</div>'
        f"{_text_details(page.text)}</div></article>"
    )


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
}


def _documents_section(doc_pages: list[_Page], numbered: list[tuple[int, Mapping]]) -> str:
    by_key: dict[tuple, list[tuple[int, Mapping]]] = {}
    for n, f in numbered:
        by_key.setdefault((_file_of(f.get("file")), _int_or_none(f.get("page"))), []).append((n, f))
    cards = [_document_card(p, by_key.get((p.file, p.page), [])) for p in doc_pages]
    if not cards:
        cards.append('<p class="muted">没有读取到页面。</p>')
    kinds = Counter(str(p.doc.get("kind") or "other") for p in doc_pages)
    summary = "、".join(f"{KIND_NAMES_ZH.get(k, k)} {c} 页" for k, c in sorted(kinds.items(), key=lambda t: -t[1]))
    return (
        f'<section class="card" id="documents"><h2>材料清单（共 {len(doc_pages)} 页）</h2>'
        f'<p class="small">{_e(summary)}</p>{"".join(cards)}</section>'
    )


_CSS = """
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:#1d2733;font:14px/1.55 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",SimSun,sans-serif}
header.top{background:#1f3a5f;color:#fff;padding:14px 28px;display:flex;justify-content:space-between;align-items:flex-end;border-bottom:4px solid #b8262b}
header.top h1{margin:0;font-size:22px;letter-spacing:2px}
header.top nav{margin-top:4px;font-size:13px}
header.top nav a{color:#dbe6f3;margin-right:16px;text-decoration:none}
header.top nav a:hover{text-decoration:underline}
header.top .meta{font-size:12px;opacity:.85;text-align:right}
main{max-width:1240px;margin:0 auto;padding:16px 20px 40px}
.card{background:#fff;border:1px solid #d5dbe3;border-radius:3px;padding:14px 18px;margin:0 0 14px}
h2{font-size:16px;margin:0 0 10px;padding-left:8px;border-left:4px solid #1f3a5f}
h3{font-size:14px;margin:0 0 6px}
.row{display:flex;gap:14px;align-items:stretch;margin:0 0 14px}
.row>.applicant{flex:1 1 55%;margin:0}
.row>.verdict{flex:1 1 45%}
table{border-collapse:collapse}
.kv th{text-align:left;font-weight:normal;color:#5a6878;padding:3px 14px 3px 0;white-space:nowrap;vertical-align:top}
.kv td{padding:3px 0;vertical-align:top}
.grid{width:100%}
.grid th,.grid td{border:1px solid #dfe4ea;padding:4px 8px;text-align:left}
.grid thead th{background:#f3f5f8;font-weight:600}
.grid td.n,.grid th.n{text-align:center;width:64px}
td.st-fail{color:#c0392b;font-weight:700}td.st-review{color:#b9770e;font-weight:700}td.st-pass{color:#1e8449}
.verdict{border-radius:3px;padding:14px 18px;color:#fff;display:flex;flex-direction:column;justify-content:space-between;margin:0}
.v-fail{background:#c0392b}.v-review{background:#d68910}.v-pass{background:#1e8449}
.verdict .vlabel{font-size:13px;opacity:.9;display:block}
.verdict strong{font-size:34px;letter-spacing:6px;line-height:1.2}
.verdict p{margin:4px 0 10px;font-size:13px}
.stats{display:flex;gap:8px;flex-wrap:wrap}
.stat{background:rgba(255,255,255,.95);color:#1d2733;border-radius:3px;padding:4px 10px;min-width:70px;text-align:center}
.stat b{display:block;font-size:20px;line-height:1.2}.stat span{font-size:12px;color:#5a6878}
.stat.st-fail b{color:#c0392b}.stat.st-review b{color:#b9770e}.stat.st-pass b{color:#1e8449}
.badge{display:inline-block;border-radius:2px;padding:0 7px;font-size:12px;line-height:20px;color:#fff;white-space:nowrap;text-decoration:none}
.b-fail{background:#c0392b}.b-review{background:#d68910}.b-pass{background:#1e8449}
.sechead{display:flex;justify-content:space-between;align-items:center;margin-bottom:8px}
.sechead h2{margin:0}
.filters button{font:inherit;font-size:13px;border:1px solid #b8c2ce;background:#fff;padding:3px 12px;margin-left:4px;border-radius:2px;cursor:pointer}
.filters button.on{background:#1f3a5f;color:#fff;border-color:#1f3a5f}
.flist[data-show=fail] .finding:not(.st-fail),.flist[data-show=review] .finding:not(.st-review),.flist[data-show=pass] .finding:not(.st-pass){display:none}
.finding{border:1px solid #dfe4ea;border-left:5px solid #999;padding:8px 12px;margin:0 0 8px;break-inside:avoid;page-break-inside:avoid}
.finding.st-fail{border-left-color:#c0392b;background:#fdf6f5}.finding.st-review{border-left-color:#d68910;background:#fefaf2}.finding.st-pass{border-left-color:#1e8449;padding:5px 12px}
.finding.nofile{padding:5px 12px}
.finding.nofile .msg{margin:2px 0 0}
.fhead{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.fname{font-weight:700}
.fhead code{color:#5a6878;font-size:12px}
.where{margin-left:auto;font-size:12px}
a{color:#1f4e8c}
.msg{margin:4px 0 2px}
.kvline{margin:0 0 4px;font-size:13px}
.kvline span{margin-right:18px}
.kvline em{font-style:normal;color:#5a6878;margin-right:6px}
.fbody{display:flex;gap:14px;margin-top:6px;align-items:flex-start}
.visuals{display:flex;gap:10px;flex:0 0 auto}
.side{flex:1 1 auto;min-width:0}
figure{margin:0}
figcaption{font-size:11px;color:#5a6878;text-align:center}
svg.page{display:block;width:230px;height:300px;background:#f7f7f7;border:1px solid #cfd6de}
svg.zoomimg{display:block;width:330px;height:300px;background:#f7f7f7;border:1px solid #cfd6de}
svg.cropimg{display:block;width:110px;height:110px;background:#fff;border:1px solid #cfd6de}
.boxtext{margin:0 0 8px}
.boxtext ul{margin:2px 0 0;padding:0;list-style:none}
.boxtext li{display:flex;gap:10px;align-items:baseline;border-bottom:1px dotted #d5dbe3;padding:1px 0}
.boxtext li span:first-child{font-weight:600}
.crops{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:6px}
rect{fill:none}
rect.hl{stroke-width:3}
rect.hl-fail{stroke:#e0001a;fill:rgba(224,0,26,.10)}rect.hl-review{stroke:#e67e00;fill:rgba(230,126,0,.10)}rect.hl-pass{stroke:#1e8449;fill:rgba(30,132,73,.08)}
rect.mk-seal{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:4 3}
rect.mk-sign{stroke:#2463b0;stroke-width:1.5;stroke-dasharray:4 3}
details summary{cursor:pointer;color:#1f4e8c;font-size:13px}
details.pview{margin-top:2px}
pre{white-space:pre-wrap;word-break:break-all;background:#f7f8fa;border:1px solid #e3e7ec;padding:6px 8px;margin:4px 0 0;font-size:12px;line-height:1.5;max-height:320px;overflow:auto;font-family:inherit}
.doc{display:flex;gap:16px;border-top:1px solid #e3e7ec;padding:10px 0;break-inside:avoid;page-break-inside:avoid}
.dthumb svg.page{width:200px;height:260px}
.dinfo{flex:1 1 auto;min-width:0}
.dfacts{display:flex;gap:18px;align-items:flex-start;justify-content:space-between}
.dfacts .crops{flex:0 0 auto}
.flinks{margin:0 0 4px;display:flex;gap:4px;flex-wrap:wrap}
.noimg{width:200px;height:260px;border:1px dashed #cfd6de;display:flex;align-items:center;justify-content:center;color:#8a96a3}
.unreadable{border-left:5px solid #d68910}
.muted{color:#8a96a3}.small{font-size:12px}
.ok{color:#1e8449}.bad{color:#c0392b;font-weight:700}.warn{color:#b9770e;font-weight:700}
.error{background:#fdecea;border:1px solid #c0392b;color:#922b21}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
footer{color:#8a96a3;font-size:12px;text-align:center;padding:10px}
@media print{
 body{background:#fff;font-size:12px}
 main{max-width:none;padding:0}
 header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:6px 0}
 .card{border:none;padding:6px 0;margin:0 0 8px}
 .filters,header.top nav{display:none}
 .flist .finding{display:block!important}
 .verdict,.badge,.finding,rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 #documents{break-before:page;page-break-before:always}
 pre{max-height:none;overflow:visible}
 h2,h3,.fhead{break-after:avoid;page-break-after:avoid}
 a{color:inherit;text-decoration:none}
}
"""

_JS = """
document.querySelectorAll('.filters button').forEach(function(b){b.addEventListener('click',function(){
 document.querySelectorAll('.filters button').forEach(function(x){x.classList.toggle('on',x===b)});
 document.querySelector('.flist').setAttribute('data-show',b.getAttribute('data-filter'));});});
window.addEventListener('beforeprint',function(){document.querySelectorAll('.finding:not(.st-pass) details').forEach(function(d){d.open=true})});
"""


def render_html(report: Mapping, pages: Sequence[PageRead] = ()) -> str:
    """The reviewer's ``report.html`` for one applicant.

    ``report`` is the ``report.json`` dict (schema ``dossier-report/1``);
    ``pages`` the pages read, for thumbnails, seal/signature crops and text
    (without them the report still renders, without images). Unknown or
    missing fields are shown as such, never guessed; an unknown status counts
    as 需人工复核.
    """
    store = _ImageStore()
    if not isinstance(report, Mapping):
        report = {}
    findings = _maps(report.get("findings"))
    unreadable = _maps(report.get("unreadable"))
    doc_pages = [_Page(i, doc, read, store) for i, (doc, read) in enumerate(_documents(report, pages), 1)]
    by_key = {(p.file, p.page): p for p in doc_pages}

    ordered = sorted(enumerate(findings), key=lambda t: (_STATUS_ORDER[_norm_status(t[1].get("status"))], t[0]))
    numbered = [(n, f) for n, (_, f) in enumerate(ordered, 1)]

    name = _map(report.get("applicant")).get("name") or report.get("key") or ""
    meta = [f"编号：{_e(report.get('key'))}" if report.get("key") else ""]
    if report.get("campaign"):
        meta.append(f"申报批次：{_e(report.get('campaign'))}")
    if report.get("generated_at"):
        meta.append(f"生成时间：{_e(_timestamp_zh(report.get('generated_at')))}")
    batch = _map(report.get("batch"))
    error = report.get("error") or batch.get("error")
    error_html = f'<section class="card error"><h2>无法完成核验</h2><p>{_e(error)}</p></section>' if error else ""

    body = [
        f'<header class="top"><div><h1>职称申报材料核验报告</h1><nav><a href="#findings">核验结果</a>'
        '<a href="#rules">按规则汇总</a><a href="#documents">材料清单</a></nav></div>'
        f'<div class="meta">{"<br>".join(m for m in meta if m)}</div></header>',
        "<main>",
        error_html,
        '<div class="row card-row">'
        + _applicant_section(report)
        + _verdict_section(report, findings, len(doc_pages), unreadable)
        + "</div>",
        _unreadable_section(unreadable),
        _findings_section(numbered, by_key),
        _rule_summary(findings),
        _documents_section(doc_pages, numbered),
        "</main>",
        '<footer>本报告由材料核验工具自动生成，“需人工复核”项须由审核人员查看原件后确定；自动核验“通过”不替代人工审查。</footer>',
    ]
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(name)} - 职称申报材料核验报告</title>"
        f"<style>{_CSS}</style></head><body>"
        + store.html()
        + "".join(body)
        + f"<script>{_JS}</script></body></html>\n"
    )
    log.debug("report.html for %s: %d bytes, %d pages, %d findings", report.get("key"), len(html), len(doc_pages), len(findings))
    return html
