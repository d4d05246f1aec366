"""Probe round 17 (issue 13): BORN-DIGITAL and electronic documents, which real dossiers hold more and more and no
earlier round made. Each page is a vector PDF page (text drawn by a font, rules, paths), written by fpdf2 and then
changed by pdfkit.py's incremental updates as office and e-government software writes them:

- Word/WPS-style exports with an embedded SUBSET CJK font and a proper ToUnicode map (``word``);
- the same without any ToUnicode map (``notu``: the text layer is glyph ids), or with a map into the private use
  area (``pua``: the text layer is garbage), or with a map that LIES by a digit (``lie``: the text layer says the
  claimed date, the glyphs print another): the verdict must follow the pixels;
- text drawn as vector outlines (``outline``: glyph paths from the font, no text layer at all);
- a filled PDF form (``form``): the values (name, unit, dates, the grade) are AcroForm text fields whose values live
  only in their widgets' appearance streams, in Adobe's non-embedded STSong-Light;
- electronic seals (电子印章) placed as an RGBA image with an SMask over the text, or as a /Stamp annotation
  (``stampannot``);
- a 学信网-style online verification report (QR code, e-seal, 在线验证码), an electronic licence (电子证照) of the
  title, a CNKI-style born-digital retrieval proof (检索证明);
- pages with /Rotate 90 or 270 (the content drawn turned under it) and a CropBox offset from a larger MediaBox with
  crop marks outside it (``rotate``);
- a 2-up sheet: two A5 pages (two years' assessment forms) on one landscape A4 page (``2up``);
- an owner-password-only encrypted PDF (opens without a password; ``enc``).

The documents' content (the people, their forms and papers) comes from probe_trust16's make.py, drawn here as
vectors instead of pixels (its page model is replaced: no pixels are drawn); the e-documents are this round's own.
No code is shared with fixtures/generator.

    PROBE_OUT=/tmp/trust17 python scripts/probe_trust17/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust17 python scripts/probe_trust17/score.py OUT -v

Needs Pillow, numpy, fpdf2, fontTools and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import importlib.util
import json
import math
import os
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pdfkit  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust17"))
os.environ["PROBE_OUT"] = str(OUT)
_spec = importlib.util.spec_from_file_location("probe16", HERE.parent / "probe_trust16" / "make.py")
P16 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(P16)
MM, DPI, FONTS, F = P16.MM, P16.DPI, P16.FONTS, P16.F
PT = 72 / DPI  # PDF points per leaf pixel


# ---------------------------------------------------------------- a vector leaf: the same calls, drawing recorded


class _Pen:
    """Stands in for a leaf's ImageDraw: records the shapes, measures text as PIL would."""

    def __init__(self, leaf):
        self.leaf = leaf
        self._m = ImageDraw.Draw(Image.new("L", (4, 4)))

    def textlength(self, s, font):
        return self._m.textlength(s, font=font)

    def rectangle(self, box, fill=None, outline=None, width=1):
        self.leaf.ops.append(("rect", tuple(box), fill, outline, width, 0))

    def rounded_rectangle(self, box, radius, fill=None, outline=None, width=1):
        self.leaf.ops.append(("rect", tuple(box), fill, outline, width, radius))

    def ellipse(self, box, fill=None, outline=None, width=1):
        self.leaf.ops.append(("ellipse", tuple(box), fill, outline, width))

    def line(self, pts, fill=None, width=1, joint=None):
        pts = list(pts)
        if pts and not isinstance(pts[0], (tuple, list)):
            pts = list(zip(pts[0::2], pts[1::2]))
        self.leaf.ops.append(("path", pts, fill, width))

    def text(self, xy, s, font, fill=(0, 0, 0)):
        self.leaf.ops.append(("text", xy[0], xy[1], s, font.size, _face(font), fill))


def _face(font) -> str:
    path = getattr(font, "path", "")
    return next((k for k, v in FONTS.items() if v == path), "song")


class VLeaf(P16.Leaf):
    """probe_trust16's Leaf, drawing nothing: each text run, rule, box, seal and signature is recorded (in the
    leaf's 150-dpi pixels) to be written as PDF vectors."""

    def __init__(self, tag, w_mm=210, h_mm=297, paper=(252, 252, 250)):
        self.tag = tag
        self.w_mm, self.h_mm = w_mm, h_mm
        self.paper = paper
        self.ops: list = []
        self.runs: list = []
        self.d = _Pen(self)

    def text(self, x_mm, y_mm, s, pt=12, face="song", ink=(25, 25, 25), anchor="la", hand=False, record=True):
        px = max(8, round(pt * DPI / 72))
        f = F(px, "kai" if hand else face)
        x, y = x_mm * MM, y_mm * MM
        if anchor == "ma":
            x -= self.d.textlength(s, font=f) / 2
        elif anchor == "ra":
            x -= self.d.textlength(s, font=f)
        if hand:
            r = P16.rng("hand", s, x_mm, y_mm)
            cx = x
            for ch in s:
                gs = int(px * r.uniform(0.92, 1.1))
                self.ops.append(("text", cx, y + r.uniform(-px * 0.08, px * 0.08), ch, gs, "kai", ink))
                cx += self.d.textlength(ch, font=F(gs, "kai")) * r.uniform(0.98, 1.12)
        else:
            self.ops.append(("text", x, y, s, px, "kai" if hand else face, ink))
        return y_mm + pt * 25.4 / 72 * 1.7

    def rule(self, x0, y0, x1, y1, w=2, ink=(30, 30, 30)):
        self.ops.append(("path", [(x0 * MM, y0 * MM), (x1 * MM, y1 * MM)], ink, w))


def vstamp(leaf, cx_mm, cy_mm, name, r_mm=21, ink=(205, 35, 40), seed=0, purpose=""):
    leaf.ops.append(("seal", cx_mm * MM, cy_mm * MM, leaf.__dict__.get("seal_name", name), r_mm * MM, purpose))


def vscrawl(leaf, x_mm, y_mm, seed, w_mm=32, ink=(25, 35, 130)):
    r = P16.rng("scrawl", seed)
    x, y = x_mm * MM, y_mm * MM
    pts = []
    k = r.randint(2, 4)
    for j in range(k):
        bx = x + j * w_mm * MM / k
        for t in np.linspace(0, 1, 18):
            pts.append((bx + t * w_mm * MM / k + 10 * math.sin(t * 9 + j),
                        y + 28 * math.sin(t * math.pi * r.choice((2, 3))) + r.uniform(-3, 3)))
    pts.append((x + w_mm * MM * 1.1, y - 10))
    leaf.ops.append(("path", pts, ink, 3))


P16.Leaf, P16.stamp, P16.scrawl = VLeaf, vstamp, vscrawl


# ---------------------------------------------------------------- the electronic seal, a QR code


def eseal(name: str, r_px: float, purpose: str = "", star=True) -> Image.Image:
    """An electronic seal as office e-seal software places it: a crisp RGBA picture, pure red where inked, clear
    elsewhere (its alpha written as an SMask), the name along a double ring in 黑体."""
    r = r_px
    size = int(2 * r + 8)
    L = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(L)
    c = size / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(4, int(r / 16)))
    d.ellipse((c - r * 0.9, c - r * 0.9, c + r * 0.9, c + r * 0.9), outline=255, width=max(1, int(r / 70)))
    if star:
        pts = [(c + (r * 0.25 if i % 2 == 0 else r * 0.1) * math.cos(-math.pi / 2 + i * math.pi / 5),
                c + (r * 0.25 if i % 2 == 0 else r * 0.1) * math.sin(-math.pi / 2 + i * math.pi / 5)) for i in range(10)]
        d.polygon(pts, fill=255)
    n = len(name)
    span = min(250.0, 19.0 * n + 55)
    gs = int(min(r * 0.25, 2 * math.pi * r * 0.7 * span / 360 / n))
    for i, ch in enumerate(name):
        a = -span / 2 + span * (i + 0.5) / n
        g = Image.new("L", (gs + 10, gs + 10), 0)
        ImageDraw.Draw(g).text((5, 1), ch, font=F(gs, "hei"), fill=255)
        g = g.rotate(-a, resample=Image.BICUBIC, expand=True)
        t = math.radians(a - 90)
        L.paste(255, (int(c + r * 0.7 * math.cos(t) - g.width / 2), int(c + r * 0.7 * math.sin(t) - g.height / 2)), g)
    if purpose:
        pf = F(int(r * 0.17), "hei")
        d.text((c - d.textlength(purpose, font=pf) / 2, c + r * 0.4), purpose, font=pf, fill=255)
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = 230, 0, 18
    rgba[..., 3] = (np.asarray(L, np.float32) * 0.92).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")


def qr_ops(leaf, x_mm, y_mm, size_mm, seed):
    """A QR-like symbol (three finder patterns, random modules) as vector squares."""
    r = P16.rng("qr", seed)
    n = 25
    m = size_mm * MM / n
    grid = [[r.random() < 0.5 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for i in range(7):
            for j in range(7):
                edge = i in (0, 6) or j in (0, 6)
                core = 2 <= i <= 4 and 2 <= j <= 4
                grid[fy + i][fx + j] = edge or core
            if fx + 7 < n:
                grid[fy + i][fx + 7] = False
    for i in range(n):
        for j in range(n):
            if grid[i][j]:
                x, y = x_mm * MM + j * m, y_mm * MM + i * m
                leaf.ops.append(("rect", (x, y, x + m + 0.3, y + m + 0.3), (0, 0, 0), None, 0, 0))


# ---------------------------------------------------------------- this round's electronic documents


def xuexin(p, v):
    """学信网 教育部学历证书电子注册备案表, as downloaded: born-digital, a QR code, the centre's e-seal."""
    name = v.get("edu_name", p["name"])
    s = VLeaf("xx" + name)
    s.text(105, 18, "教育部学历证书电子注册备案表", 18, "hei", anchor="ma")
    s.text(22, 30, "更新日期：2024年10月20日", 9, ink=(90, 90, 90))
    s.text(188, 30, "在线验证码：A4K7" + p["id"][10:14] + "M2QZ9R", 9, anchor="ra", ink=(90, 90, 90))
    xs, ys = s.grid(20, 36, (36, 62, 36, 36), (11,) * 8)
    rows = [("姓名", name, "性别", p["sex"]), ("出生日期", f"{p['birth'][:4]}年{int(p['birth'][4:6])}月{int(p['birth'][6:])}日", "民族", "汉族"),
            ("证件号码", p["id"][:6] + "********" + p["id"][-4:], "", ""), ("入学日期", "2006年9月1日", "毕（结）业日期", "2010年7月1日"),
            ("学校名称", p["school"], "", ""), ("专业", p["major"], "学制", "4年"), ("层次", "本科", "学历类别", "普通高等教育"),
            ("学习形式", "普通全日制", "证书编号", "10140120100500" + p["id"][-4:])]
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            if t:
                s.text(xs[j] + 2, ys[i] + 3, t, 9.5 if j % 2 == 0 else 10.5)
    qr_ops(s, 160, 130, 26, name)
    s.text(20, 132, "1. 本《备案表》依据《高等学历证书电子注册管理暂行规定》制作。", 8.5)
    s.text(20, 138, "2. 本《备案表》可通过学信网在线验证，有效期内可查询。", 8.5)
    s.text(20, 150, "学信网：https://www.chsi.com.cn", 8.5)
    s.text(120, 176, "教育部学生服务与素质发展中心", 10, anchor="ma")
    s.ops.append(("seal", 120 * MM, 168 * MM, "教育部学生服务与素质发展中心", 19 * MM, "", True))
    # the unit's check, added in the PDF before it was handed in: its electronic seal and the checker's signature
    s.text(20, 200, "经核查，以上学历信息与本人档案一致。", 11)
    s.text(20, 212, "审核人签字：", 11)
    vscrawl(s, 46, 215, p["name"] + "xx", w_mm=24)
    s.text(150, 226, "2024年10月23日", 11, anchor="ma")
    s.ops.append(("seal", 150 * MM, 214 * MM, p["unit"], 20 * MM, "", True))
    return [s]


def elicence(p, v):
    """An electronic licence (电子证照) of the title, downloaded from the provincial government service platform."""
    date = v.get("title_printed", p["title"][1])
    level = v.get("title_level", p["title"][0])
    s = VLeaf("el" + p["name"] + date + level)
    s.ops.append(("rect", (0, 0, 210 * MM, 22 * MM), (200, 30, 30), None, 0, 0))
    s.text(105, 6, "辽宁省电子证照", 18, "hei", anchor="ma", ink=(255, 255, 255))
    s.text(105, 34, "专业技术资格证书", 20, "hei", anchor="ma")
    y = 50
    for k, val in (("持证人", p["name"]), ("性别", p["sex"]), ("身份证号", p["id"][:6] + "********" + p["id"][-4:]),
                   ("工作单位", p["unit"]), ("资格名称", level), ("专业", "环境工程"), ("评审通过时间", P16.ymd(date)),
                   ("证照编号", "21L0" + date[:4] + p["id"][-6:] + "DZ"), ("发证机关", "抚顺市人力资源和社会保障局")):
        s.text(28, y, k, 12, ink=(90, 90, 90))
        y = s.text(70, y, val, 12) + 2
    qr_ops(s, 150, 150, 34, p["name"] + date)
    s.text(167, 188, "扫码核验", 9, anchor="ma", ink=(90, 90, 90))
    s.text(28, 200, "本电子证照与纸质证书具有同等法律效力。", 10)
    s.text(28, 207, "可通过“辽事通”或辽宁政务服务网核验真伪。", 10)
    s.ops.append(("seal", 85 * MM, 222 * MM, "抚顺市人力资源和社会保障局", 20 * MM, "电子证照专用章", True))
    s.text(85, 246, "签发日期：" + P16.ymd(v.get("licence_issued", "2023-03-15")), 11, anchor="ma")
    return [s]


def cnki(p, v):
    """A CNKI-style born-digital 检索证明 (科技查新/论文收录检索报告) downloaded with the library's e-seal."""
    j = p["paper"]
    y, _m = j["date"].split("-")
    issue = int(j["vol"].split("第")[-1].rstrip("期"))
    title = v.get("ret_title", j["title"])
    s = VLeaf("cnki" + p["name"] + title)
    s.text(22, 16, "CNKI 中国知网", 14, "hei", ink=(20, 80, 160))
    s.text(188, 17, "报告编号：ZW2024102300" + p["id"][-3:], 9, anchor="ra", ink=(90, 90, 90))
    s.text(105, 30, "文献检索证明", 20, "hei", anchor="ma")
    s.text(22, 44, f"委托人：{p['name']}    单位：{p['unit']}", 10.5)
    s.text(22, 52, "检索数据库：中国学术期刊网络出版总库（CNKI）  检索年限：2015—2024", 10.5)
    s.text(22, 60, "检索结果：被检索人作为第一作者发表论文 1 篇，详见下表。", 10.5)
    xs, ys = s.grid(20, 68, (12, 92, 34, 32), (10, 18))
    for k, t in enumerate(("序号", "题名", "作者", "来源")):
        s.text(xs[k] + 2, ys[0] + 3, t, 10, "hei")
    s.text(xs[0] + 3, ys[1] + 3, "1", 10)
    s.text(xs[1] + 2, ys[1] + 2.5, title[:22], 9)
    if len(title) > 22:
        s.text(xs[1] + 2, ys[1] + 9, title[22:], 9)
    s.text(xs[2] + 2, ys[1] + 3, p["name"], 10)
    s.text(xs[3] + 2, ys[1] + 2.5, j["journal"], 9)
    s.text(xs[3] + 2, ys[1] + 9, f"{y}年第{issue}期", 9)
    s.text(22, 110, "检索结论：以上论文已被中国知网收录。", 11)
    s.text(22, 122, "检索人：", 11)
    vscrawl(s, 38, 124, "cnki" + p["name"], w_mm=22)
    s.text(100, 122, "审核人：", 11)
    vscrawl(s, 116, 124, "cnki2" + p["name"], w_mm=22)
    s.text(150, 150, "2024年10月23日", 11, anchor="ma")
    s.ops.append(("seal", 150 * MM, 142 * MM, "辽宁大学图书馆", 18 * MM, "科技查新专用章", True))
    # the unit's HR office's check, added before it was handed in: a signature and the unit's electronic seal
    s.text(22, 172, "人事部门审核意见：情况属实。", 11)
    s.text(22, 184, "人事部门审核签字：", 11)
    vscrawl(s, 60, 187, p["name"] + "hr17", w_mm=24)
    s.text(150, 200, "2024年10月24日", 11, anchor="ma")
    s.ops.append(("seal", 150 * MM, 190 * MM, p["unit"], 20 * MM, "", True))
    return [s]


# ---------------------------------------------------------------- writing vector PDF pages


class Writer:
    """One PDF (fpdf2, uncompressed so pdfkit can change it afterwards), a page per call of :meth:`page`."""

    def __init__(self, mode="text"):
        from fpdf import FPDF

        self.mode = mode
        self.pdf = FPDF(unit="pt")
        self.pdf.compress = False
        self.pdf.set_auto_page_break(False)
        for face, path in FONTS.items():
            self.pdf.add_font(face, "", path)
        self.fields: list[list] = []   # per page: (name, value, rect in points, size)
        self.stamps: list[list] = []   # per page: (rgba, rect in points)
        self._outlines = {}
        self.field_lies: dict[str, str] = {}  # a value drawn -> what its field's /V says instead
        self.seals_as = "image"

    def page(self, w_pt, h_pt):
        self.pdf.add_page(format=(w_pt, h_pt))
        self.fields.append([])
        self.stamps.append([])

    # ops are in leaf pixels; (s, dx, dy) place them on the page in points
    def draw(self, leaf: VLeaf, s=PT, dx=0.0, dy=0.0, field_values=(), seals_as="image", seal_name=None):
        pdf = self.pdf
        h_pt = pdf.h
        X = lambda x: dx + x * s  # noqa: E731
        Y = lambda y: dy + y * s  # noqa: E731
        if leaf.paper != (252, 252, 250) and leaf.paper != (255, 255, 255):
            pdf.set_fill_color(*leaf.paper)
            pdf.rect(X(0), Y(0), leaf.w_mm * MM * s, leaf.h_mm * MM * s, style="F")
        for op in leaf.ops:
            kind = op[0]
            if kind == "rect":
                _, (x0, y0, x1, y1), fill, outline, width, radius = op
                style = ("F" if fill else "") + ("D" if outline else "")
                if not style:
                    continue
                if fill:
                    pdf.set_fill_color(*fill)
                if outline:
                    pdf.set_draw_color(*outline)
                    pdf.set_line_width(width * s)
                pdf.rect(X(x0), Y(y0), (x1 - x0) * s, (y1 - y0) * s, style=style, round_corners=bool(radius),
                         corner_radius=radius * s)
            elif kind == "ellipse":
                _, (x0, y0, x1, y1), fill, outline, width = op
                if fill:
                    pdf.set_fill_color(*fill)
                if outline:
                    pdf.set_draw_color(*outline)
                pdf.ellipse(X(x0), Y(y0), (x1 - x0) * s, (y1 - y0) * s, style=("F" if fill else "") + ("D" if outline else ""))
            elif kind == "path":
                _, pts, ink, width = op
                pdf.set_draw_color(*ink)
                pdf.set_line_width(max(0.3, width * s))
                pdf.polyline([(X(x), Y(y)) for x, y in pts])
            elif kind == "text":
                _, x, y, text, px, face, ink = op
                size = px * s
                font = F(px, face)
                asc = font.getmetrics()[0]
                if text in field_values:
                    w = ImageDraw.Draw(Image.new("L", (2, 2))).textlength(text, font=font) * s
                    top = Y(y) - 0.15 * size
                    self.fields[-1].append((f"f{len(self.fields[-1])}", text,
                                            (X(x) - 2, h_pt - top - size * 1.4, X(x) + w + 30, h_pt - top), size,
                                            self.field_lies.get(text, text)))
                    continue
                if self.mode == "outline":
                    self._outline(text, X(x), Y(y) + asc * s, size, face, ink)
                else:
                    pdf.set_text_color(*ink)
                    pdf.set_font(face, size=size)
                    pdf.text(X(x), Y(y) + asc * s, text)
            elif kind == "seal":
                _, cx, cy, name, r, purpose, *star = op
                name = seal_name or name
                if name == "-":
                    continue
                img = eseal(name, r * 2, purpose)
                side = img.width / 2 * s
                if seals_as in ("annot", "sig"):
                    x0, y0 = X(cx) - side / 2, Y(cy) - side / 2
                    self.stamps[-1].append((img, (x0, h_pt - y0 - side, x0 + side, h_pt - y0)))
                elif seals_as == "image":
                    pdf.image(img, X(cx) - side / 2, Y(cy) - side / 2, side, side)

    def _outline(self, text, x_pt, base_pt, size, face, ink):
        """``text`` as glyph outlines (filled paths), no text object: as a PDF printer 'converting text to curves'."""
        from fontTools.pens.basePen import BasePen
        from fontTools.ttLib import TTFont

        if face not in self._outlines:
            font = TTFont(FONTS[face], fontNumber=0, lazy=True)
            self._outlines[face] = (font, font.getGlyphSet(), font.getBestCmap(), font["head"].unitsPerEm)
        font, glyphs, cmap, upm = self._outlines[face]
        k = size / upm
        H = self.pdf.h
        ops = []

        class Pen(BasePen):
            def _moveTo(self, p):
                ops.append("%.2f %.2f m" % (ox + p[0] * k, H - base_pt + p[1] * k))

            def _lineTo(self, p):
                ops.append("%.2f %.2f l" % (ox + p[0] * k, H - base_pt + p[1] * k))

            def _curveToOne(self, a, b, c):
                ops.append("%.2f %.2f %.2f %.2f %.2f %.2f c" % (ox + a[0] * k, H - base_pt + a[1] * k, ox + b[0] * k,
                                                                  H - base_pt + b[1] * k, ox + c[0] * k, H - base_pt + c[1] * k))

            def _closePath(self):
                ops.append("h")

        ox = x_pt
        for ch in text:
            name = cmap.get(ord(ch))
            if name is None:
                ox += size * 0.5
                continue
            g = glyphs[name]
            g.draw(Pen(glyphs))
            ox += g.width * k
        if ops:
            self.pdf._out("q %.3f %.3f %.3f rg " % tuple(c / 255 for c in ink) + " ".join(ops) + " f Q")

    def bytes(self, encrypt=False, scanned=False) -> bytes:
        if encrypt:
            self.pdf.set_encryption(owner_password="rsj-2024-edit", user_password="")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = bytes(self.pdf.output())
        if scanned:  # the printed form scanned (a JPEG a page), its fields then filled in on the computer
            data = _scanned(data)
        for i, fields in enumerate(self.fields):
            if fields:
                data = pdfkit.add_form_fields(data, fields, page_index=i)
        for i, stamps in enumerate(self.stamps):
            for img, rect in stamps:
                data = pdfkit.add_stamp_annotation(data, img, rect, page_index=i, signature=self.seals_as == "sig")
        return data


def _scanned(data: bytes) -> bytes:
    """Each page of ``data`` rendered at 150 dpi, a little gray and tilted, as a JPEG filling a page of its own."""
    import io

    import pypdfium2 as pdfium
    from fpdf import FPDF

    doc = pdfium.PdfDocument(data)
    out = FPDF(unit="pt")
    out.compress = False
    for i in range(len(doc)):
        w, h = doc[i].get_size()
        img = doc[i].render(scale=150 / 72).to_pil().convert("L").rotate(0.4, fillcolor=255, resample=Image.BICUBIC)
        img = Image.eval(img, lambda v: int(18 + v * 0.9))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=82)
        out.add_page(format=(w, h))
        out.image(buf, 0, 0, w, h)
    return bytes(out.output())


def turned(data: bytes, rotate: int, crop: float = 0.0) -> bytes:
    """Every page of ``data`` stored turned: its MediaBox portrait for a landscape page (or the reverse), /Rotate
    ``rotate`` (90 or 270) showing it upright, the content drawn turned under it; and, with ``crop`` > 0, the MediaBox
    ``crop`` points larger on every side, crop marks drawn there, the CropBox the page itself."""
    out = data
    for idx, (_n, body) in enumerate(pdfkit.find(data, b"Page")):
        import re

        W, H = (float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", body).groups())
        contents = re.search(rb"/Contents\s+(\d+) 0 R", body).group(1)
        mw, mh = (H, W) if rotate in (90, 270) else (W, H)
        if rotate == 90:
            cm = b"0 1 -1 0 %g 0 cm" % mw
        elif rotate == 270:
            cm = b"0 -1 1 0 0 %g cm" % mh
        else:
            cm = b"1 0 0 1 0 0 cm"
        c = crop
        marks = b""
        if c:
            for x, y in ((0, 0), (mw, 0), (0, mh), (mw, mh)):
                marks += b"%g %g m %g %g l %g %g m %g %g l " % (x + c, y + c - (c if y == 0 else -c) * 0.8, x + c, y + c - (c if y == 0 else -c) * 0.2,
                                                             x + c - (c if x == 0 else -c) * 0.8, y + c, x + c - (c if x == 0 else -c) * 0.2, y + c)
            marks = b"q 0.5 w 0 0 0 RG " + marks + b"S Q "
        n = pdfkit.size_of(out)
        pre = pdfkit.stream(b"", marks + b"q 1 0 0 1 %g %g cm " % (c, c) + cm + b"\n", compress=False)
        post = pdfkit.stream(b"", b"\nQ\n", compress=False)
        page_no, page_body = pdfkit.find(out, b"Page")[idx]
        new = pdfkit.with_keys(page_body, b"/MediaBox [0 0 %g %g] /CropBox [%g %g %g %g] /Rotate %d /Contents [%d 0 R %s 0 R %d 0 R]"
                               % (mw + 2 * c, mh + 2 * c, c, c, mw + c, mh + c, rotate, n, contents, n + 1),
                               drop=(b"MediaBox", b"CropBox", b"Rotate", b"Contents"))
        out = pdfkit.update(out, {n: pre, n + 1: post, page_no: new})
    return out


def lie_digits(data: bytes, mapping: dict[str, str]) -> bytes:
    return pdfkit.remap(data, lambda ch: mapping.get(ch, ch))


def pua(data: bytes) -> bytes:
    """Every CJK character's ToUnicode entry moved into the private use area (an exporter's custom encoding)."""
    return pdfkit.remap(data, lambda ch: chr(0xE000 + (ord(ch) % 0x1000)) if ord(ch) >= 0x3000 else ch)


# ---------------------------------------------------------------- a dossier's files


def form_values(p, v, doc):
    vals = set(v.get("field_lies", {})) | {p["name"], p["sex"], p["unit"], p["level"], p["title"][0], P16.ymd(p["title"][1]),
            P16.ymd(p["birth"][:4] + "-" + p["birth"][4:6]), "专业技术岗", "无"}
    vals |= {"合格", "基本合格", "优秀"}
    return vals


def write_file(path: Path, leaves: list, style: str, v: dict, doc: str):
    mode = "outline" if style == "outline" or doc in v.get("outline_docs", ()) else "text"
    w = Writer(mode)
    w.field_lies = v.get("field_lies", {}) if doc in v.get("form_docs", ()) else {}
    seals_as = ("sig" if style == "sigseal" else "annot" if style == "stampannot" or doc in v.get("annot_docs", ())
                else "image")
    w.seals_as = seals_as
    seal_name = v.get("seal_names", {}).get(doc)
    values = form_values(v.get("_p"), v, doc) if (style == "form" or doc in v.get("form_docs", ())) else ()
    if style == "2up" and doc == "考核":
        for a, b in zip(leaves[0::2], leaves[1::2] + [None] * (len(leaves) % 2)):
            w.page(842, 595)
            s = PT * 0.707
            w.draw(a, s, 0, 0, values, seals_as, seal_name)
            if b is not None:
                w.draw(b, s, 421, 0, values, seals_as, seal_name)
            w.pdf.set_draw_color(200, 200, 200)
            w.pdf.set_line_width(0.3)
            w.pdf.dashed_line(421, 10, 421, 585, 3, 3)
    else:
        for leaf in leaves:
            w.page(leaf.w_mm * 72 / 25.4, leaf.h_mm * 72 / 25.4)
            w.draw(leaf, PT, 0, 0, values, seals_as, seal_name)
    data = w.bytes(encrypt=style == "enc" or doc in v.get("enc_docs", ()), scanned=doc in v.get("scan_docs", ()))
    if style == "notu" or doc in v.get("notu_docs", ()):
        data = pdfkit.drop_tounicode(data)
    if style == "pua" or doc in v.get("pua_docs", ()):
        data = pua(data)
    if doc in v.get("lie_docs", ()):
        data = lie_digits(data, v["lie_map"])
    if style == "rotate" or doc in v.get("rot_docs", ()):
        rot = v.get("rot", {}).get(doc, 90 if leaves[0].w_mm > leaves[0].h_mm else 270)
        data = turned(data, rot, crop=v.get("crop", 28.0))
    path.write_bytes(data)


def dossier(p, v):
    docs = [("推荐表", P16.recommendation(p, v)), ("公示", P16.publicity_leaf(p, v))]
    if v.get("_style") == "2up":
        docs.append(("考核", sum((P16.assessment(p, yr, v) for yr in (2021, 2022, 2023)), [])))
    else:
        for yr in v.get("years", (2021, 2022, 2023)):
            who = dict(p, name=v.get("name_on", {}).get(f"{yr}考核", p["name"]))  # another's form where planted
            docs.append((f"{yr}考核", P16.assessment(who, yr, v)))
    docs.append(("学历认证", xuexin(p, v) if v.get("xuexin") else P16.education(p, v)))
    docs += [("继续教育", P16.continuing(p, v)), ("身份证", P16.id_card(p, v)),
             ("职称证", elicence(p, v) if v.get("elicence") else P16.title_cert(p, v)), ("评定表", P16.evaluation(p, v))]
    if p["award"]:
        docs.append(("获奖证书", P16.award(p, v)))
    pages = P16.journal(p, v)
    docs.append(("论文", pages[:2]))
    docs.append(("检索证明", cnki(p, v) if v.get("cnki") else pages[2:]))
    return docs


EDOCS = {"xuexin": True, "elicence": True, "cnki": True}
SET = [
    # key, person, style, variant, planted rule
    ("C01", "D", "word", {}, None),
    ("C02", "E", "notu", {}, None),
    ("C03", "G", "pua", {}, None),
    ("C04", "D", "outline", {}, None),
    ("C05", "E", "form", {}, None),
    ("C06", "G", "stampannot", {}, None),
    ("C07", "D", "rotate", {}, None),
    ("C08", "E", "2up", {}, None),
    ("C09", "G", "enc", {}, None),
    ("C10", "D", "word", dict(EDOCS), None),
    ("C11", "E", "word", dict(EDOCS, pua_docs=("职称证",), rot_docs=("获奖证书", "公示"), form_docs=("2022考核",),
                              annot_docs=("推荐表",)), None),
    ("C12", "G", "word", dict(EDOCS, outline_docs=("身份证", "论文"), notu_docs=("职称证",), enc_docs=("检索证明",)), None),
    # planted
    ("P01", "G", "word", {"title_printed": "2018-12-26", "lie_docs": ("职称证",), "lie_map": {"6": "8"}}, "title.date"),
    ("P02", "D", "word", {"title_printed": "2020-12-26", "outline_docs": ("职称证",)}, "title.date"),
    ("P03", "D", "word", {"form_docs": ("2023考核",), "grades": {2023: "基本合格"}}, "assessment.years"),
    ("P04", "E", "form", {"grades": {2022: "不合格"}}, "assessment.years"),
    ("P05", "D", "word", {"seal_names": {"推荐表": "抚顺市东洲区生态环境局"}}, "seal.unit"),
    ("P06", "G", "stampannot", {"seal_names": {"公示": "抚顺市顺城区生态环境分局"}}, "seal.unit"),
    ("P07", "D", "word", dict(EDOCS, edu_name="韩雪娟"), "identity.name"),
    ("P08", "G", "word", dict(EDOCS, title_level="技术员"), "title.date"),
    ("P09", "D", "word", dict(EDOCS, ret_title="沈阳市东洲区地表水氨氮与总磷时空变化特征分析"), "paper.retrieval"),
    ("P10", "E", "2up", {"ass_sealless": 2022}, "seal.present"),
    ("P11", "G", "rotate", {"pub": ("2024年10月15日", "2024年10月17日")}, "publicity.duration"),
    ("P12", "G", "enc", {"issn_printed": "1674-6260"}, "journal.issn"),
    ("P13", "E", "notu", {"award_printed": "2016-11"}, "evidence.after_title"),
    ("P14", "D", "pua", {"id_on_card": "OTHER"}, "identity.id_number"),
    # a form printed, scanned, its fields filled in on the computer over the scan (values only in the widgets)
    ("C13", "D", "word", {"form_docs": ("推荐表", "2021考核", "2022考核", "2023考核"), "scan_docs": ("推荐表", "2021考核",
                                                                                        "2022考核", "2023考核")}, None),
    ("P17", "G", "word", {"form_docs": ("2022考核",), "scan_docs": ("2022考核",), "grades": {2022: "不合格"}},
     "assessment.years"),
    # every seal placed by an e-seal (电子签章) system: the appearance of a signature field's widget
    ("C14", "D", "sigseal", {}, None),
    ("P20", "G", "sigseal", {"seal_names": {"推荐表": "抚顺市顺城区生态环境分局"}}, "seal.unit"),
    # a born-digital publicity exported by an HR system without its e-seal
    ("P16", "E", "word", {"seal_names": {"公示": "-"}}, "seal.present"),
    # the name printed otherwise than the text layer or the field says: the ToUnicode map of the 学信网 report's font
    # maps 娟 to 梅; a filled 考核登记表 whose name field draws 宋立峰 while its /V says 宋立军
    ("P18", "D", "word", dict(EDOCS, edu_name="韩雪娟", lie_docs=("学历认证",), lie_map={"娟": "梅"}), "identity.name"),
    ("P19", "E", "word", {"form_docs": ("2023考核",), "name_on": {"2023考核": "宋立峰"}, "field_lies": {"宋立峰": "宋立军"}},
     "identity.name"),
    ("P15", "E", "word", dict(EDOCS, title_printed="2017-12-20", elicence_lie=True, lie_docs=("职称证",),
                              lie_map={"7": "6"}), "title.date"),
]


def main():
    root = OUT / "set"
    only = set(sys.argv[1:])
    for k in only or [None]:
        gone = root / k if k else root
        if gone.exists():
            shutil.rmtree(gone)
    key = {}
    for k, who, style, v, planted in SET:
        p = dict(P16.PEOPLE[who])
        v = dict(v)
        v["_p"], v["_style"] = p, style
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = P16.other_id(p)
        key[k] = {"planted": planted, "pack": style, "person": who,
                  "variant": {a: str(b) for a, b in v.items() if not a.startswith("_")}}
        if only and k not in only:
            continue
        folder = root / k
        folder.mkdir(parents=True)
        for doc, leaves in dossier(p, v):
            write_file(folder / f"{doc}.pdf", leaves, style, v, doc)
        (folder / "applicant.yaml").write_text(P16.yaml_text(p, v), encoding="utf-8")
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
