"""Probe round 32 (issue 13): BORN-DIGITAL DOSSIERS DRAWN AS A PDF LIBRARY'S USER DRAWS THEM, WITH TWO SEALS ON A PAGE.
A held-out generator written with reportlab or fpdf2 most plausibly draws every page as vectors, its seal included;
no earlier round did (probe_trust17 and 29 placed e-seals as pictures or /Stamp annotations, every other round drew
seals in pixels). What is new here:

- every page a vector PDF page written by fpdf2 (embedded subset CJK fonts, a real text layer); the SEAL drawn as
  vectors over the text with a multiply blend: a stroked ring, a filled star, each character of the unit's name a
  narrowed text object turned along the arc, so the seal's characters are IN THE TEXT LAYER beside the page's text
  (in arc order, each turned); the signer's name as text in the Kai face, turned a little (in the text layer too);
- TWO SEALS ON ONE PAGE, as real forms carry them: the assessment form's 单位意见 and 主管部门意见 boxes side by side,
  each stamped (the unit's seal and its supervising body's: for a branch 抚顺市生态环境局, whose name is the start of
  the unit's own), the recommendation form with a 主管部门意见 box stamped below the unit's, the retrieval proof
  stamped by the library that searched (…检索专用章) beside the unit's seal;
- capture: one PDF per document (``docs``); the whole dossier as ONE PDF in shuffled order (``one``); the title
  certificate and the ID card copy laid SIDEWAYS on a landscape page (content turned 90 or 270 degrees in the page's
  own drawing, no /Rotate; ``side``); the PDFs printed and photocopied in black and white at 150 dpi (greyscale JPEG,
  the seals grey, no red anywhere; ``gray``).

The documents' wording and people are probe_trust31's (its make.py loaded as a module, its Sheet replaced by a PDF
sheet here, its seal pictures by vector seals); the two-seal forms are this round's own.

Planted, one per planted dossier: an assessment form stamped only in its 主管部门 box (the supervisor's seal, the
unit's box empty: seal.unit), the same where the supervisor's name is the start of the unit's (a branch's 抚顺市生态环境局),
the recommendation form carrying only the supervisor's seal, the unit's seal of a body one character away beside
the supervisor's, the retrieval proof stamped by the library alone, the recommendation form unsigned, another
person's name on the title certificate (a sideways page), a title certificate a year off (sideways), an award before
the title, a year's assessment form missing, a publicity of three working days, an ID card whose check digit is wrong.

    PROBE_OUT=/tmp/trust32 python scripts/probe_trust32/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/probe32-ocr.sqlite
    PROBE_OUT=/tmp/trust32 python scripts/probe_trust32/score.py OUT -v

``PROBE_ONLY="T32-05"`` makes only those dossiers. Needs Pillow, numpy, fpdf2, pypdfium2, python-stdnum and the CJK
fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import math
import os
import random
import re
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust32"))
ONLY = os.environ.get("PROBE_ONLY", "").split()
sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

T = load_round(31)

PX = 25.4 / T.DPI  # round 31 lays pages out in 200-dpi pixels; here they are millimetres on a PDF page
FACES = {T.HEI: "hei", T.MING: "ming", T.KAI: "kai"}
RED = (226, 18, 30)

#: each unit's supervising body (主管部门), whose seal stamps the form's 主管部门意见 box
SUPERVISOR = {
    "抚顺市生态环境保护服务中心": "抚顺市生态环境局",
    "抚顺市生态环境局望花分局": "抚顺市生态环境局",
    "辽宁省抚顺生态环境监测中心": "辽宁省生态环境厅",
    "抚顺市东洲区环境卫生管理所": "抚顺市东洲区城市管理局",
    "抚顺新钢铁有限责任公司": "抚顺市工业和信息化局",
    "新宾满族自治县生态环境保护服务中心": "抚顺市生态环境局新宾分局",
}
LIBRARY = "辽宁省图书馆科技查新中心"


def _rgb(c):
    if isinstance(c, str):
        return {"black": (0, 0, 0), "white": (255, 255, 255)}.get(c, (0, 0, 0))
    return tuple(c[:3])


class _Draw:
    """The subset of PIL's ImageDraw that round 31's documents call, drawing on the sheet's PDF page instead."""

    def __init__(self, sheet):
        self.s = sheet

    @property
    def pdf(self):
        return self.s.pdf

    def textlength(self, text, font):
        return font.getlength(text)

    def text(self, xy, text, font, fill="black"):
        pdf = self.pdf
        pdf.set_font(FACES.get(font.path, "ming"), size=font.size * 72 / T.DPI)
        pdf.set_text_color(*_rgb(fill))
        ascent = font.getmetrics()[0]
        pdf.text(xy[0] * PX, (xy[1] + ascent) * PX, text)

    def _style(self, outline, fill, width):
        pdf = self.pdf
        if outline is not None:
            pdf.set_draw_color(*_rgb(outline))
            pdf.set_line_width(max(width, 1) * PX)
        if fill is not None:
            pdf.set_fill_color(*_rgb(fill))
        return ("D" if fill is None else "DF" if outline is not None else "F")

    def rectangle(self, box, outline=None, width=1, fill=None):
        st = self._style(outline, fill, width)
        x0, y0, x1, y1 = box
        self.pdf.rect(x0 * PX, y0 * PX, (x1 - x0) * PX, (y1 - y0) * PX, style=st)

    def rounded_rectangle(self, box, radius=0, outline=None, width=1, fill=None):
        st = self._style(outline, fill, width)
        x0, y0, x1, y1 = box
        self.pdf.rect(x0 * PX, y0 * PX, (x1 - x0) * PX, (y1 - y0) * PX, style=st, round_corners=True,
                      corner_radius=radius * PX)

    def line(self, pts, fill="black", width=1):
        self.pdf.set_draw_color(*_rgb(fill))
        self.pdf.set_line_width(width * PX)
        (x0, y0), (x1, y1) = pts[:2] if len(pts) == 2 else ((pts[0], pts[1]), (pts[2], pts[3]))
        self.pdf.line(x0 * PX, y0 * PX, x1 * PX, y1 * PX)


class PdfSheet(T.Sheet):
    """Round 31's Sheet (its center/text/wrap/grid/box) on one fpdf2 page; ``im`` is the sheet itself, so that the
    seal and signature hooks below receive it."""

    def __init__(self, body=T.MING):
        self.pdf = Recorder()  # the drawing calls, replayed onto the dossier's PDF by put()
        self.d = _Draw(self)
        self.im = self
        self.body = body
        self.y = 180


class Recorder:
    """A stand-in FPDF that records the calls; ``replay(pdf)`` draws them onto a real page."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        if name in ("rotation", "local_context", "skew"):
            def ctx(*a, **k):
                return _Ctx(self, name, a, k)
            return ctx

        def rec(*a, **k):
            self.calls.append((name, a, k))
        return rec

    def replay(self, pdf):
        for name, a, k in self.calls:
            if name == "__enter__":
                stack = getattr(pdf, "_p32_stack", [])
                cm = getattr(pdf, a[0])(*a[1], **a[2])
                cm.__enter__()
                stack.append(cm)
                pdf._p32_stack = stack
            elif name == "__exit__":
                pdf._p32_stack.pop().__exit__(None, None, None)
            else:
                getattr(pdf, name)(*a, **k)


class _Ctx:
    def __init__(self, rec, name, a, k):
        self.rec, self.name, self.a, self.k = rec, name, a, k

    def __enter__(self):
        self.rec.calls.append(("__enter__", (self.name, self.a, self.k), {}))

    def __exit__(self, *exc):
        self.rec.calls.append(("__exit__", (), {}))


def new_sheet(body=T.MING):
    return PdfSheet(body)


class Seal:
    """A seal to draw as vectors: the body's name along the arc, optional words under the star."""

    def __init__(self, name, seed, bottom=""):
        r = random.Random(seed)
        self.name, self.bottom = name, bottom
        self.face = r.choice(["hei", "ming"])
        self.ring = r.uniform(1.1, 1.6)  # mm
        self.diam = r.uniform(40, 42)


def vector_seal(sheet, seal, cx, cy, rng, turn=25.0):
    """The seal as a PDF library's user draws it: a ring, a star, the name's characters turned along the arc, in red
    (or the given ink) with a multiply blend over the page's text."""
    if seal is None:
        return
    pdf = sheet.pdf
    cx, cy = cx * PX, cy * PX
    r = seal.diam / 2 * rng.uniform(0.97, 1.03)
    rot = rng.uniform(-turn, turn)
    with pdf.local_context(blend_mode="Multiply", fill_opacity=rng.uniform(0.85, 1.0), stroke_opacity=0.9):
        pdf.set_draw_color(*RED)
        pdf.set_fill_color(*RED)
        pdf.set_text_color(*RED)
        pdf.set_line_width(seal.ring)
        pdf.circle(x=cx, y=cy, radius=r - seal.ring / 2, style="D")
        sr = r * 0.28
        pts = []
        for k in range(10):
            rr = sr if k % 2 == 0 else sr * 0.38
            a = math.radians(-90 + 36 * k + rot)
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        pdf.polygon(pts, style="F")
        n = len(seal.name)
        span = 250.0 if n > 8 else 210.0 if n > 5 else 180.0
        gs = min(r * 0.32, 2 * math.pi * (r * 0.74) * span / 360 / n * 1.3)  # glyph height, mm
        pdf.set_font(seal.face, size=gs / 25.4 * 72)
        pdf.set_stretching(72)
        rad = r - seal.ring - 1.0 - gs * 0.95  # the glyphs' baseline
        for i, ch in enumerate(seal.name):
            ang = -span / 2 + span * (i + 0.5) / n + rot  # clockwise from the top
            t = math.radians(ang - 90)
            bx, by = cx + rad * math.cos(t), cy + rad * math.sin(t)
            with pdf.rotation(-ang, x=bx, y=by):  # fpdf2 turns counter-clockwise
                pdf.text(bx - gs * 0.36, by, ch)
        pdf.set_stretching(100)
        if seal.bottom:
            bs = r * 0.17
            pdf.set_font(seal.face, size=bs / 25.4 * 72)
            a = math.radians(rot)
            bx, by = cx - len(seal.bottom) * bs / 2 * math.cos(a), cy + r * 0.55
            with pdf.rotation(-rot, x=cx, y=cy):
                pdf.text(cx - len(seal.bottom) * bs / 2, cy + r * 0.55, seal.bottom)


def vector_signature(sheet, name, x, y, rng):
    """The signer's name as text in the Kai face, larger than the print, narrowed and turned a little, blue-black."""
    pdf = sheet.pdf
    size = rng.randint(58, 70) * PX  # mm
    pdf.set_font("kai", size=size / 25.4 * 72)
    pdf.set_text_color(*rng.choice([(25, 35, 110), (20, 20, 40), (35, 50, 140)]))
    bx, by = x * PX + size * 0.3, y * PX + size * 1.1
    with pdf.rotation(rng.uniform(-7, 7), x=bx, y=by):
        with pdf.skew(ax=rng.uniform(5, 18), ay=0, x=bx, y=by):
            pdf.text(bx, by, name)


T.Sheet = new_sheet
T.paste_seal = vector_seal
T.handwriting = vector_signature


# ------------------------------------------------------------------ this round's two-seal documents
def assessment2(p, rng, year, grade="合格", unit_seal="unit", sup_seal="sup", name=None):
    """The assessment form with 单位意见 and 主管部门意见 side by side, each stamped."""
    s = new_sheet(p["body"])
    s.center("年度考核登记表", 58)
    s.text(650, f"考核年度：{year}年度", 38)
    s.y += 10
    s.grid([["姓名", name or p["name"], "性别", p["sex"]], ["单位", (p["unit"], 3)], ["岗位", "专业技术岗", "现任职称", p["cur"]]],
           [230, 460, 230, 434])
    top = s.box(620)
    s.y = top + 30
    s.text(180, "本人总结：", 36)
    s.wrap(f"{year}年，本人认真学习业务知识，完成了本岗位的监测、管理与技术服务工作，积极参加单位组织的培训，"
           "工作作风严谨，无违纪违规行为。", 32, x=200, width=1240)
    s.y = top + 620
    s.grid([["考核结果", (grade, 3)]], [230, 460, 230, 434])
    top = s.y
    s.d.rectangle([150, top, 827, top + 560], outline="black", width=3)
    s.d.rectangle([827, top, 1504, top + 560], outline="black", width=3)
    s.y = top + 30
    s.text(180, "单位意见：", 36)
    s.y = top + 30
    s.text(857, "主管部门意见：", 36)
    s.y = top + 110
    s.text(220, "同意。", 34)
    s.y = top + 110
    s.text(897, "同意。", 34)
    d = T.ymd(f"{year}-12-{rng.randint(20, 30)}", p["ds"])
    s.y = top + 440
    s.text(380, d, 34)
    s.y = top + 440
    s.text(1060, d, 34)
    if unit_seal:
        vector_seal(s, p["seal"] if unit_seal == "unit" else unit_seal, 560, top + 330, rng, p["turn"])
    if sup_seal:
        vector_seal(s, p["sup"] if sup_seal == "sup" else sup_seal, 1240, top + 330, rng, p["turn"])
    return s


def with_article_number(s, issn):
    """The paper's 文章编号 begins with its journal's ISSN, as real ones do (round 31 draws two random 4-digit groups,
    which, when they pass the ISSN check, read as a second ISSN on the page)."""
    for k, (name, a, kw) in enumerate(s.pdf.calls):
        if name == "text" and "文章编号：" in a[2]:
            head, tail = a[2].split("文章编号：", 1)
            s.pdf.calls[k] = (name, (a[0], a[1], head + "文章编号：" + issn + tail[9:]), kw)
    return s


def supervisor_box(s, p, rng, sealed=True):
    """A 主管部门意见 box below the recommendation's unit box, stamped with the supervising body's seal."""
    s.y = 1720
    top = s.box(460)
    s.y = top + 30
    s.text(180, "主管部门意见：", 38)
    s.text(240, "同意推荐。", 34)
    s.y = top + 360
    s.text(960, "2024年9月23日", 36)
    if sealed:
        vector_seal(s, p["sup"], 1130, top + 260, rng, p["turn"])
    return s


def library_seal(s, p, rng, seals):
    """The library that searched names itself and stamps its proof beside the unit's seal."""
    s.y = 1500
    s.text(180, f"检索机构：{LIBRARY}", 34)
    s.text(180, "检索日期：2024年9月12日", 34)
    vector_seal(s, seals[LIBRARY], 560, 1620, rng, 25.0)
    return s


# ------------------------------------------------------------------ capture
FONT_FILES = {"hei": T.HEI, "ming": T.MING, "kai": T.KAI}


def new_pdf():
    from fpdf import FPDF
    pdf = FPDF(unit="mm", format="A4")
    for fam, path in FONT_FILES.items():
        pdf.add_font(fam, "", path)
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime.datetime(2024, 9, 20, 9, 30, tzinfo=datetime.timezone.utc))  # the same bytes each run
    return pdf


def put(pdf, sheet, sideways=0):
    """Replays the sheet onto a new page: portrait, or on a landscape page with the content turned."""
    if not sideways:
        pdf.add_page()
        sheet.pdf.replay(pdf)
        return
    pdf.add_page(orientation="L")
    # the portrait content (210 x 297) turned about its top-left corner, then moved into the landscape page
    if sideways == 90:  # counter-clockwise: the page's top now at the left
        with pdf.rotation(90, x=0, y=0):
            with pdf.local_context():
                pdf._out("1 0 0 1 %.2F %.2F cm" % (-210 * pdf.k, 0))
                sheet.pdf.replay(pdf)
    else:
        with pdf.rotation(-90, x=0, y=0):
            with pdf.local_context():
                pdf._out("1 0 0 1 %.2F %.2F cm" % (0, 297 * pdf.k))
                sheet.pdf.replay(pdf)


def gray_copy(pdf_bytes, rng):
    """Printed and photocopied in black and white: rasterised at 150 dpi, grey, contrast up, toner specks."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for page in doc:
        im = page.render(scale=150 / 72).to_pil().convert("L")
        a = np.asarray(im).astype(np.float32)
        a = (a - 128) * rng.uniform(1.15, 1.35) + 128 + rng.uniform(-8, 4)
        a += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 5, a.shape)
        specks = np.random.default_rng(rng.randint(0, 1 << 30)).random(a.shape) < 0.0004
        a[specks] = 40
        im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).rotate(rng.uniform(-0.8, 0.8), fillcolor=235,
                                                                       resample=Image.BICUBIC)
        out.append(im.filter(ImageFilter.GaussianBlur(0.5)))
    return out


def save(folder: Path, pages, capture, rng):
    """The dossier drawn once as one PDF (each font embedded once), then handed in whole, split per document by
    pypdfium2 (as a PDF tool splits a file), or printed and photocopied."""
    import pypdfium2 as pdfium
    folder.mkdir(parents=True, exist_ok=True)
    order = list(range(len(pages)))
    if capture == "one":
        rng.shuffle(order)
    sides = [rng.choice([90, 270]) if capture == "side" and pages[i][0] in ("职称证书", "身份证") else 0 for i in order]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf = new_pdf()
        for i, side in zip(order, sides):
            put(pdf, pages[i][1], side)
        data = bytes(pdf.output())
    if capture == "one":
        (folder / "个人申报材料（电子版）.pdf").write_bytes(data)
        return
    if capture == "gray":
        for k, im in enumerate(gray_copy(data, rng), 1):
            im.save(folder / f"扫描{k:02d}.jpg", quality=rng.randint(70, 85), dpi=(150, 150))
        return
    src = pdfium.PdfDocument(data)
    for k, (n, _) in enumerate(pages):
        one = pdfium.PdfDocument.new()
        one.import_pages(src, [k])
        buf = io.BytesIO()
        one.save(buf)
        # PDFium stamps the time of saving: the same bytes each run, so that an OCR cache finds the file again
        data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20240920093000", buf.getvalue())
        fid = hashlib.md5(f"{folder.name}/{k}".encode()).hexdigest().upper().encode()  # and its random file ID
        data = re.sub(rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]", b"/ID[<" + fid + b"><" + fid + b">]", data)
        (folder / f"{k + 1:02d}{n}.pdf").write_bytes(data)


# ------------------------------------------------------------------ dossiers
PLANTS = [None] * 12 + [
    ["seal.unit", "sup_only"], ["seal.unit", "sup_prefix"], ["seal.unit", "rec_sup_only"], ["seal.unit", "near"],
    ["seal.unit", "lib_only"], "signature.present", "identity.name", "title.date", "evidence.after_title",
    ["assessment.years", "missing"], "publicity.duration", "identity.id_number"]
HOWS = ("sup_only", "sup_prefix", "rec_sup_only", "near", "lib_only", "missing")


def build(i, plant, seals):
    rng = random.Random(32000 + i)
    what = plant[0] if isinstance(plant, list) else plant
    how = plant[1] if isinstance(plant, list) else None
    j = i
    if how == "sup_prefix":
        j = 1  # 抚顺市生态环境局望花分局, supervised by 抚顺市生态环境局
    elif how in ("sup_only", "rec_sup_only", "near", "lib_only") and i % 6 in (1, 4):
        j = i + 2  # not the branch (its own plant) nor the enterprise (no paper for lib_only)
    p = T.person(j, rng, seals)
    p["name"] = T.NAMES[i]
    p["sup"] = seals[SUPERVISOR[p["unit"]]]
    if what == "identity.id_number":
        p["id"] = T.id_number(random.Random(32500 + i), bad=True)
        p["birth"] = f"{p['id'][6:10]}-{p['id'][10:12]}-{p['id'][12:14]}"
        p["id_masked"] = p["id"][:4] + "*" * 10 + p["id"][14:]
    pages = []
    add = lambda n, s: pages.append((n, s))  # noqa: E731
    rec = T.recommendation(p, rng, sealed=how != "rec_sup_only", signed=what != "signature.present")
    add("推荐表", supervisor_box(rec, p, rng))
    add("公示", T.publicity(p, rng, end="2024-09-11") if what == "publicity.duration" else T.publicity(p, rng))
    for y in (2021, 2022, 2023):
        if how == "missing" and y == 2022:
            continue
        unit_seal = "unit"
        if y == 2023 and how in ("sup_only", "sup_prefix"):
            unit_seal = None
        elif y == 2023 and how == "near":
            unit_seal = seals[T.near(p["unit"])]
        add(f"考核{y}", assessment2(p, rng, y, rng.choice(["合格", "合格", "优秀"]), unit_seal=unit_seal))
    add("学历", T.education(p, rng))
    add("继续教育", T.continuing(p, rng, seals))
    add("身份证", T.idcard(p, rng))
    add("评定表", T.evaluation(p, rng))
    if what == "title.date":
        y, m, d = (int(v) for v in p["cur_date"].split("-"))
        add("职称证书", T.title_cert(p, rng, seals, date=T.ymd(f"{y + 1}-{m:02d}-{d:02d}", p["ds"])))
    elif what == "identity.name":
        add("职称证书", T.title_cert(p, rng, seals, name=T.NAMES[(i + 7) % len(T.NAMES)]))
    else:
        add("职称证书", T.title_cert(p, rng, seals))
    papers, awards = [], []
    if p["kind"] != "enterprise" and (i % 3 != 2 or how == "lib_only"):
        jn, issn, cn = T.JOURNALS[i % len(T.JOURNALS)]
        year, no = rng.choice([(2021, 6), (2022, 4), (2023, 8)])
        t = T.TITLES[i % len(T.TITLES)]
        if jn == "中国环境监测" and no > 6:
            no = 5  # a bimonthly: round 31's 第8期 is one its registry entry cannot have (journal.registered review)
        add("封面", T.cover(p, rng, jn, issn, cn, year, no))
        add("论文", with_article_number(T.paper(p, rng, jn, year, no, t), issn))
        if how == "lib_only":
            keep = p["seal"]
            p["seal"] = None  # the HR office signs, the library alone stamps
            r = T.retrieval(p, rng, [(t, jn, year, no)])
            p["seal"] = keep
        else:
            r = T.retrieval(p, rng, [(t, jn, year, no)])
        add("检索", library_seal(r, p, rng, seals))
        papers.append(dict(title=t, journal=jn, issn=issn, cn=cn, date=f"{year}-{no:02d}"))
    if not papers or what == "evidence.after_title":
        title, issuer = T.AWARDS[i % len(T.AWARDS)]
        if what == "evidence.after_title":
            y, m, d = (int(v) for v in p["cur_date"].split("-"))
            date = f"{y}-{m - 2:02d}-{d:02d}"
        else:
            date = rng.choice(["2021-12-15", "2022-12-09", "2023-11-24"])
        add("获奖", T.award(p, rng, seals, title, issuer, date))
        awards.append(dict(title=title, date=date))
    return p, pages, papers, awards, rng


def main():
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    names = [u for u, _ in T.UNITS] + [T.ISSUER, T.TRAINER] + [iss for _, iss in T.AWARDS]
    names += [T.near(u) for u, _ in T.UNITS] + sorted(set(SUPERVISOR.values())) + [LIBRARY]
    bottoms = {T.TRAINER: "培训专用章", LIBRARY: "检索专用章"}
    seals = {n: Seal(n, 9200 + k, bottoms.get(n, "")) for k, n in enumerate(names)}
    keyfile, key = open_set(OUT, ONLY)
    captures = ["docs", "one", "side", "gray"]
    for i, plant in enumerate(PLANTS):
        k = f"T32-{i + 1:02d}"
        if ONLY and k not in ONLY:
            continue
        p, pages, papers, awards, rng = build(i, plant, seals)
        capture = captures[i % 4]
        if plant in ("identity.name", "title.date"):
            capture = "side"
        if (OUT / "set" / k).exists():
            shutil.rmtree(OUT / "set" / k)
        save(OUT / "set" / k, pages, capture, rng)
        (OUT / "set" / k / "applicant.yaml").write_text(T.yaml_text(p, papers, awards), encoding="utf-8")
        rules = plant[0] if isinstance(plant, list) else plant
        if isinstance(plant, list) and plant[1] == "rec_sup_only":
            rules = ["seal.unit", "seal.present"]
        key[k] = {"pack": capture, "planted": rules, "pages": len(pages),
                  **({"how": plant[1]} if isinstance(plant, list) else {})}
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
