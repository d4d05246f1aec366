"""Probe round 34 (issue 13): DOSSIERS AS A THIRD OUTSIDE TEAM WOULD MAKE THEM FROM DOSSIER.md ALONE, ON A MACHINE
WITH OTHER FONTS. Every earlier round drew its pages in the three Debian faces the project's generator uses (AR PL
UMing, AR PL UKai, WenQuanYi Zen Hei); a held-out set made elsewhere most likely uses Noto Sans/Serif CJK SC (Source
Han), 霞鹜文楷 or another 楷体. No code shared with fixtures/generator or any earlier round:

- one page model (text, rules and seals placed in millimetres) drawn two ways: rasterised by PIL at 200-300 dpi
  (clean PNG, or a "scan": grey paper, noise, a turn of up to 1.2 degrees, JPEG; or such scans in one PDF), or
  written by fpdf2 as a BORN-DIGITAL PDF with a real text layer in the same fonts, the seals and signatures as
  pictures;
- page text in Noto Serif CJK SC (宋体-like) and Noto Sans CJK SC (黑体-like), Regular and Bold (titles in Bold, a
  "Black" as Bold with a stroke); values an HR clerk fills in (names, grades, dates in the boxes) and signatures in
  LXGW WenKai or AR PL KaitiM GB as a hand-like face;
- seals drawn by this team's own code: 38 or 42 mm, an outer ring of 0.9-1.6 mm, the name along an arc of 200-300
  degrees at its own radius, in Noto Serif CJK Bold, Noto Serif Bold with a stroke (Black) or Noto Sans CJK Bold,
  glyphs narrowed, a five-pointed star, a bottom text (none, 人事专用章 straight under the star, or a 13-digit seal
  code along the lower arc), mild wear of its own (ink speckle, a pressure gradient), in one of three reds;
- its own date styles (2024年9月20日, 2024年09月20日, 2024.09.20, 2024/9/20, 二〇二四年九月二十日) and layouts: forms as
  ruled tables, a publicity notice with its period in prose, an ID card copy with both sides, a title certificate
  with a double border.

Planted, one per planted dossier, from DOSSIER.md's rule IDs: seal.unit by a seal of another body ONE character away
(…研究所 for …研究院) and TWO characters away (沈阳市… for 抚顺市…), and by an unrelated body; the recommendation form
unsealed; the education verification unsigned; the card's number one digit off (check digit invalid); another
person's name on the title certificate; a title certificate a year off the claim; an award before the title; 2022's
assessment form missing; a publicity of 4 working days; a journal's ISSN another journal's; the ID card missing.

    PROBE_OUT=/tmp/trust34 python scripts/probe_trust34/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/probe34-ocr.sqlite
    PROBE_OUT=/tmp/trust34 python scripts/probe_trust34/score.py OUT -v

``PROBE_ONLY="T34-05 T34-17"`` makes only those dossiers. Needs Pillow, numpy, fpdf2, python-stdnum and the fonts
of the Debian packages fonts-noto-cjk and fonts-lxgw-wenkai (fonts-arphic-gkai00mp optional); no realdata. These fonts
are not a project dependency: make.py stops with a message when they are absent.
"""
from __future__ import annotations

import io
import json
import math
import os
import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import ric

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust34"))
ONLY = os.environ.get("PROBE_ONLY", "").split()

NOTO = "/usr/share/fonts/opentype/noto/"
#: name -> (path, index in the collection); index 2 is the SC face in Debian's Noto CJK collections
FACES = {
    "serif": (NOTO + "NotoSerifCJK-Regular.ttc", 2),
    "serif_b": (NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "sans": (NOTO + "NotoSansCJK-Regular.ttc", 2),
    "sans_b": (NOTO + "NotoSansCJK-Bold.ttc", 2),
    "wenkai": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
    "gkai": ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
}
OPTIONAL = {"gkai"}


def check_fonts() -> None:
    missing = [p for k, (p, _) in FACES.items() if k not in OPTIONAL and not os.path.exists(p)]
    if missing:
        sys.exit("probe_trust34 needs the Noto CJK and LXGW WenKai fonts, missing: " + ", ".join(missing)
                 + "\n(Debian/Ubuntu: apt-get install fonts-noto-cjk fonts-lxgw-wenkai; optional fonts-arphic-gkai00mp)")
    if not os.path.exists(FACES["gkai"][0]):
        FACES["gkai"] = FACES["wenkai"]


_fonts: dict = {}


def font(face: str, px: int) -> ImageFont.FreeTypeFont:
    if (face, px) not in _fonts:
        path, idx = FACES[face]
        _fonts[face, px] = ImageFont.truetype(path, max(px, 4), index=idx)
    return _fonts[face, px]


# ------------------------------------------------------------------ seals, this team's own drawing
def seal_mask(spec: dict, ppmm: float) -> Image.Image:
    """The seal as an alpha mask (L) at ``ppmm`` pixels per mm, drawn at 3x and reduced."""
    k = 3
    D = spec["d"] * ppmm * k
    S = int(D + 8 * k)
    c = S / 2
    R = D / 2
    m = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(m)
    ring = spec["ring"] * ppmm * k
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=max(2, int(ring)))
    sr = R * spec["star"]
    pts = [(c + (sr if j % 2 == 0 else sr * 0.382) * math.cos(math.radians(-90 + 36 * j)),
            c + (sr if j % 2 == 0 else sr * 0.382) * math.sin(math.radians(-90 + 36 * j))) for j in range(10)]
    d.polygon(pts, fill=255)
    name = spec["name"]
    n = len(name)
    arc = spec["arc"]
    gh = R * spec["glyph"]  # glyph height along the radius
    rad = R - ring - R * spec["gap"] - gh / 2
    f = font(spec["face"], int(gh))
    for i, ch in enumerate(name):
        ang = -arc / 2 + arc * (i + 0.5) / n
        g = Image.new("L", (int(gh * 1.4), int(gh * 1.4)), 0)
        gd = ImageDraw.Draw(g)
        gd.text((gh * 0.7, gh * 0.7), ch, font=f, fill=255, anchor="mm", stroke_width=int(spec["stroke"] * gh),
                stroke_fill=255)
        g = g.resize((max(1, int(g.width * spec["narrow"])), g.height), Image.LANCZOS)
        g = g.rotate(-ang, resample=Image.BICUBIC, expand=True)
        t = math.radians(ang - 90)
        m.paste(255, (int(c + rad * math.cos(t) - g.width / 2), int(c + rad * math.sin(t) - g.height / 2)), g)
    bottom = spec.get("bottom")
    if bottom == "code":  # a 13-digit seal code along the lower arc, read left to right
        code = spec["code"]
        ch_h = R * 0.11
        fr = font("sans", int(ch_h))
        rb = R - ring - R * 0.05 - ch_h / 2
        span = 70.0
        for i, ch in enumerate(code):
            ang = 180 + span / 2 - span * (i + 0.5) / len(code)  # from the lower left to the lower right
            g = Image.new("L", (int(ch_h * 1.4), int(ch_h * 1.4)), 0)
            ImageDraw.Draw(g).text((ch_h * 0.7, ch_h * 0.7), ch, font=fr, fill=255, anchor="mm")
            g = g.rotate(-(ang - 180), resample=Image.BICUBIC, expand=True)
            t = math.radians(ang - 90)
            m.paste(255, (int(c + rb * math.cos(t) - g.width / 2), int(c + rb * math.sin(t) - g.height / 2)), g)
    elif bottom:
        fh = int(R * 0.17)
        fb = font(spec["face"], fh)
        d.text((c, c + R * 0.52), bottom, font=fb, fill=255, anchor="mm", stroke_width=int(spec["stroke"] * fh),
               stroke_fill=255)
    m = m.resize((S // k, S // k), Image.LANCZOS)
    a = np.asarray(m).astype(np.float32) / 255
    nr = np.random.default_rng(spec["seed"])
    # wear: fine speckle where the ink did not take, a pressure gradient across the face
    a *= nr.random(a.shape) > spec["speckle"]
    yy, xx = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    th = nr.uniform(0, 2 * math.pi)
    ramp = ((xx - a.shape[1] / 2) * math.cos(th) + (yy - a.shape[0] / 2) * math.sin(th)) / (a.shape[0] / 2)
    a *= np.clip(1 - spec["fade"] * (ramp + 1) / 2, 0, 1)
    return Image.fromarray((a * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))


def seal_spec(name: str, seed: int, bottom=None) -> dict:
    rng = random.Random(seed)
    face = rng.choice(["serif_b", "serif_b", "sans_b"])
    return dict(name=name, seed=seed, d=rng.choice([38.0, 42.0]), ring=rng.uniform(0.9, 1.6),
                arc=rng.uniform(200, 300) if len(name) > 7 else rng.uniform(200, 230), star=rng.uniform(0.17, 0.22),
                glyph=rng.uniform(0.21, 0.26), gap=rng.uniform(0.03, 0.07), narrow=rng.uniform(0.7, 0.85),
                face=face, stroke=rng.choice([0.0, 0.0, 0.03]) if face == "serif_b" else 0.0,
                speckle=rng.uniform(0.03, 0.12), fade=rng.uniform(0.1, 0.35),
                bottom=bottom, code="".join(str(rng.randint(0, 9)) for _ in range(13)),
                ink=rng.choice([(225, 25, 35), (205, 30, 50), (235, 60, 60)]))


# ------------------------------------------------------------------ page model, in millimetres
class Page:
    """A4 in mm. ``ops``: ("text", x, y, h_mm, face, s, colour), ("line", x1, y1, x2, y2, w_mm), ("rect", x, y, w,
    h, w_mm), ("seal", cx, cy, spec, turn), ("sign", x, y, h_mm, name, face, slant, turn)."""

    W, H = 210.0, 297.0

    def __init__(self, body="serif", head="sans_b"):
        self.ops: list = []
        self.body, self.head = body, head
        self.y = 28.0

    def text(self, x, s, h=4.6, face=None, y=None, colour=(0, 0, 0)):
        self.ops.append(("text", x, self.y if y is None else y, h, face or self.body, s, colour))

    def line_(self, s, h=4.6, x=25.0, face=None, dy=3.2):
        self.text(x, s, h, face)
        self.y += h + dy

    def center(self, s, h, face=None, dy=6.0, black=False):
        w = text_width(s, face or self.head, h)
        self.ops.append(("text", (self.W - w) / 2, self.y, h, face or self.head, s, (0, 0, 0), black))
        self.y += h + dy

    def para(self, s, h=4.4, x=25.0, width=160.0, dy=3.0, indent=True):
        line = "\u3000\u3000" if indent else ""
        for ch in s:
            if text_width(line + ch, self.body, h) > width:
                self.line_(line, h, x, dy=dy)
                line = ""
            line += ch
        if line:
            self.line_(line, h, x, dy=dy)

    def table(self, rows, cols, x=22.0, rh=11.0, h=4.2, hand=None):
        """rows of cells; a cell is text, (text, span) or (text, span, "hand") for a value filled in by hand."""
        for row in rows:
            cx, k = x, 0
            for cell in row:
                cell = cell if isinstance(cell, tuple) else (cell, 1)
                txt, span = cell[0], cell[1]
                w = sum(cols[k:k + span])
                self.ops.append(("rect", cx, self.y, w, rh, 0.3))
                face = hand if len(cell) > 2 and hand else self.body
                hh = h * 1.15 if face == hand else h
                self.ops.append(("text", cx + 2.5, self.y + (rh - hh) / 2 - 0.3, hh, face, txt, (0, 0, 0) if face ==
                                 self.body else (20, 30, 90)))
                cx += w
                k += span
            self.y += rh

    def box(self, height, x=22.0, w=166.0):
        self.ops.append(("rect", x, self.y, w, height, 0.3))
        return self.y

    def seal(self, cx, cy, spec, turn):
        self.ops.append(("seal", cx, cy, spec, turn))

    def sign(self, x, y, name, face, rng):
        self.ops.append(("sign", x, y, rng.uniform(7.5, 10.0), name, face, rng.uniform(-0.3, -0.05),
                         rng.uniform(-6, 6)))


_measure = ImageDraw.Draw(Image.new("L", (8, 8)))


def text_width(s, face, h_mm):
    return _measure.textlength(s, font=font(face, 200)) / 200 * h_mm


def sign_image(name, face, h_px, slant, turn, colour):
    f = font(face, int(h_px))
    g = Image.new("L", (int(h_px * (len(name) + 1.6)), int(h_px * 1.7)), 0)
    ImageDraw.Draw(g).text((h_px * 0.4, h_px * 0.2), name, font=f, fill=255)
    g = g.transform(g.size, Image.AFFINE, (1, slant, h_px * 0.3, 0, 1, 0), Image.BICUBIC)
    g = g.rotate(turn, resample=Image.BICUBIC)
    rgba = Image.new("RGBA", g.size, colour + (0,))
    rgba.putalpha(g)
    return rgba


def seal_rgba(spec, ppmm, turn):
    m = seal_mask(spec, ppmm).rotate(turn, resample=Image.BICUBIC, expand=True)
    rgba = Image.new("RGBA", m.size, spec["ink"] + (0,))
    rgba.putalpha(m.point(lambda v: int(v * 0.92)))
    return rgba


def raster(page: Page, dpi: int) -> Image.Image:
    ppmm = dpi / 25.4
    im = Image.new("RGB", (int(page.W * ppmm), int(page.H * ppmm)), "white")
    d = ImageDraw.Draw(im)
    for op in page.ops:
        if op[0] == "text":
            _, x, y, h, face, s, col, *rest = op
            black = bool(rest and rest[0])
            px = int(h * ppmm)
            d.text((x * ppmm, y * ppmm), s, font=font(face, px), fill=col,
                   stroke_width=max(1, px // 30) if black else 0, stroke_fill=col)
        elif op[0] == "line":
            _, x1, y1, x2, y2, w = op
            d.line([x1 * ppmm, y1 * ppmm, x2 * ppmm, y2 * ppmm], fill="black", width=max(1, int(w * ppmm)))
        elif op[0] == "rect":
            _, x, y, w, h, lw = op
            d.rectangle([x * ppmm, y * ppmm, (x + w) * ppmm, (y + h) * ppmm], outline="black",
                        width=max(1, int(lw * ppmm)))
    for op in page.ops:  # ink over print: signatures, then seals multiplied on top
        if op[0] == "sign":
            _, x, y, h, name, face, slant, turn = op
            g = sign_image(name, face, h * ppmm, slant, turn, (25, 35, 100))
            im.paste(g, (int(x * ppmm), int(y * ppmm)), g)
    for op in page.ops:
        if op[0] == "seal":
            _, cx, cy, spec, turn = op
            g = seal_rgba(spec, ppmm, turn)
            x0, y0 = int(cx * ppmm - g.width / 2), int(cy * ppmm - g.height / 2)
            box = (x0, y0, x0 + g.width, y0 + g.height)
            base = np.asarray(im.crop(box)).astype(np.float32) / 255
            a = np.asarray(g.getchannel("A")).astype(np.float32)[..., None] / 255
            col = np.array(spec["ink"], np.float32) / 255
            out = base * (1 - a) + base * col * a
            im.paste(Image.fromarray((out * 255).astype(np.uint8)), box[:2])
    return im


def as_scan(im: Image.Image, rng: random.Random) -> Image.Image:
    im = im.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=(238, 236, 230))
    a = np.asarray(im).astype(np.float32)
    a = a * rng.uniform(0.85, 0.93) + rng.uniform(8, 20)
    a = a.mean(axis=2, keepdims=True) * 0.3 + a * 0.7
    a += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, rng.uniform(3, 7), a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))


def born_digital(pages: list, path: Path) -> None:
    """The pages as fpdf2 writes them: text objects in the Noto and WenKai fonts (a real text layer), rules as
    vectors, the seals and signatures as transparent PNG pictures drawn at 300 dpi."""
    from fpdf import FPDF
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    for k, (path_, idx) in FACES.items():
        pdf.add_font(k, "", path_, collection_font_number=idx)
    ppmm = 300 / 25.4
    for _, page in pages:
        pdf.add_page()
        for op in page.ops:
            if op[0] == "fill":  # a filled band (round 35's journal covers; round 34's own pages have none)
                _, x, y, w, h, col = op
                pdf.set_fill_color(*col)
                pdf.rect(x, y, w, h, style="F")
            elif op[0] == "text":
                _, x, y, h, face, s, col, *_ = op
                pdf.set_font(face, size=h / 0.3528 / 0.88)
                pdf.set_text_color(*col)
                pdf.text(x, y + h * 0.95, s)
            elif op[0] == "line":
                _, x1, y1, x2, y2, w = op
                pdf.set_line_width(w)
                pdf.line(x1, y1, x2, y2)
            elif op[0] == "rect":
                _, x, y, w, h, lw = op
                pdf.set_line_width(lw)
                pdf.rect(x, y, w, h)
        for op in page.ops:
            if op[0] in ("sign", "seal"):
                if op[0] == "sign":
                    _, x, y, h, name, face, slant, turn = op
                    g = sign_image(name, face, h * ppmm, slant, turn, (25, 35, 100))
                    gx, gy = x, y
                else:
                    _, cx, cy, spec, turn = op
                    g = seal_rgba(spec, ppmm, turn)
                    gx, gy = cx - g.width / ppmm / 2, cy - g.height / ppmm / 2
                buf = io.BytesIO()
                g.save(buf, "PNG")
                buf.seek(0)
                pdf.image(buf, x=gx, y=gy, w=g.width / ppmm, h=g.height / ppmm)
    pdf.output(str(path))


# ------------------------------------------------------------------ the people, their units and issuers
UNITS = [
    ("抚顺市生态环境保护服务中心", "institution"),
    ("清原满族自治县生态环境保护服务中心", "institution"),
    ("抚顺市环境科学研究院", "institution"),
    ("抚顺市顺城区生态环境分局", "government"),
    ("抚顺石化环保工程有限公司", "enterprise"),
    ("抚顺市生态环境监测站", "institution"),
]
#: other bodies whose names differ from a unit's by one character and by two
NEAR1 = {"抚顺市环境科学研究院": "抚顺市环境科学研究所", "抚顺市生态环境监测站": "抚州市生态环境监测站",
         "抚顺市生态环境保护服务中心": "抚顺县生态环境保护服务中心"}
NEAR2 = {"抚顺市生态环境保护服务中心": "沈阳市生态环境保护服务中心", "抚顺市环境科学研究院": "抚顺县环境科学研究所",
         "抚顺市生态环境监测站": "本溪市生态环境监测站"}
NAMES = ["郑永红", "吕慧娟", "孙启明", "马丽华", "韩思远", "朱文博", "胡秀兰", "郭立新", "林晓燕", "何志强",
         "谢婷婷", "唐国庆", "冯玉洁", "许家豪", "程美玲", "陆一鸣", "叶春生", "萧红梅", "尹志勇", "黎少华",
         "常玉霞", "孔德胜", "汪明辉", "洪雪梅", "金振宇"]
HEADS = ["赵宝山", "钱丽萍", "周德明", "吴桂兰"]
JOURNALS = [("环境保护与循环经济", "1674-1021", "21-1556/X"), ("中国环境监测", "1002-6002", "11-2861/X"),
            ("环境科学与技术", "1003-6504", "42-1245/X"), ("生态环境学报", "1674-5906", "44-1661/X"),
            ("环境工程", "1000-8942", "11-2097/X"), ("安全与环境学报", "1009-6094", "11-4537/X")]
TITLES = ["浑河抚顺段水体氨氮时空分布特征", "抚顺市大气颗粒物污染来源分析", "城市污水处理厂提标改造效果评估",
          "工业园区挥发性有机物排放清单编制", "农村饮用水水源地保护区划定实践", "环境空气自动监测站运维质量控制"]
AWARDS = [("抚顺市科学技术进步奖三等奖", "抚顺市人民政府"), ("辽宁省环境保护科学技术奖二等奖", "辽宁省环境科学学会")]
PLACES = ["210402", "210403", "210404", "210411", "210421", "210422", "210423", "210102", "210502"]
ISSUERS = ["抚顺市人力资源和社会保障局", "辽宁省人力资源和社会保障厅"]
TRAINER = "抚顺市专业技术人员继续教育基地"

CN_DIGITS = "〇一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return "十" if n == 10 else CN_DIGITS[n]
    t, u = divmod(n, 10)
    return ("" if t == 1 else CN_DIGITS[t]) + "十" + (CN_DIGITS[u] if u else "")


def date_str(s: str, style: int) -> str:
    y, m, d = (int(v) for v in s.split("-"))
    if style == 4:
        return "".join(CN_DIGITS[int(c)] for c in str(y)) + f"年{cn_num(m)}月{cn_num(d)}日"
    return [f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y}.{m:02d}.{d:02d}", f"{y}/{m}/{d}"][style]


def id_number(rng):
    b = f"{rng.choice(PLACES)}{rng.randint(1966, 1996)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(10, 99)}{rng.randint(0, 9)}"
    return b + ric.calc_check_digit(b + "0")  # stdnum takes the number with a check digit in place


# ------------------------------------------------------------------ documents
def hand(p):
    return p["hand"]


def recommendation(p, rng, sealed=True, signed=True):
    s = Page(p["body"], p["head"])
    s.center("专业技术资格评审推荐表", 8.0)
    s.y += 3
    s.table([["姓  名", (p["name"], 1, "h"), "性  别", (p["sex"], 1, "h")],
             ["工作单位", (p["unit"], 3, "h")],
             ["现任资格", (p["cur"], 1, "h"), "取得时间", (date_str(p["cur_date"], p["ds"]), 1, "h")],
             ["申报资格", (p["level"], 1, "h"), "申报专业", (p["spec"], 1, "h")]], [30, 55, 30, 51], hand=hand(p))
    top = s.box(95)
    s.y = top + 5
    s.line_("单位推荐意见", 4.8, x=27, face=p["head"])
    s.para(f"经单位考核和民主评议，该同志政治素质好，业务能力强，近年来工作业绩突出，符合申报{p['level']}"
           "资格的条件，经单位领导班子集体研究，同意推荐。", 4.3, x=30, width=152)
    s.text(30, "负责人（签字）：", 4.4, y=top + 62)
    if signed:
        s.sign(70, top + 57, p["head_name"], hand(p), rng)
    s.text(118, "（单位公章）", 4.4, y=top + 62)
    s.text(112, date_str(p["dates"]["rec"], p["ds2"]), 4.4, y=top + 80)
    if sealed:
        s.seal(138, top + 70, p["seal"], rng.uniform(-20, 20))
    return s


def publicity(p, rng, start="2024-09-09", end="2024-09-13"):
    s = Page(p["body"], p["head"])
    s.y = 40
    s.center("关于" + p["name"] + "同志申报职称的公示", 7.0)
    s.y += 6
    ys, ms, ds_ = (int(v) for v in start.split("-"))
    ye, me, de = (int(v) for v in end.split("-"))
    period = [f"{ys}年{ms}月{ds_}日至{ye}年{me}月{de}日", f"{ys}年{ms}月{ds_}日—{me}月{de}日",
              f"{ys}.{ms:02d}.{ds_:02d}—{ye}.{me:02d}.{de:02d}"][p["pstyle"]]
    s.para(f"根据职称评审工作要求，现将{p['name']}同志申报{p['spec']}专业{p['level']}资格的基本情况和业绩材料予以公示。"
           f"公示期为{period}。如有异议，请在公示期内向单位人事部门反映。")
    s.para("公示期满，未收到任何异议。")
    s.para("特此公示。")
    s.y += 30
    s.text(105, p["unit"], 4.6)
    s.y += 9
    s.text(118, date_str(p["dates"]["pub"], p["ds2"]), 4.6)
    s.seal(140, s.y - 6, p["seal"], rng.uniform(-20, 20))
    return s


def assessment(p, rng, year, grade=None, seal=None, name=None):
    s = Page(p["body"], p["head"])
    s.center(f"{year}年度事业单位工作人员年度考核登记表" if p["kind"] == "institution" else f"{year}年度考核登记表", 6.6)
    s.y += 2
    s.table([["姓名", (name or p["name"], 1, "h"), "性别", (p["sex"], 1, "h"), "出生年月", (p["birth"][:7].replace("-", "."), 1, "h")],
             ["单位", (p["unit"], 5, "h")], ["职务（岗位）", ("专业技术岗位", 2, "h"), "现职称", (p["cur"], 2, "h")]],
            [24, 30, 18, 22, 28, 44], hand=hand(p))
    top = s.box(92)
    s.y = top + 5
    s.line_("个人总结", 4.6, x=27, face=p["head"])
    s.para(f"{year}年度，本人认真贯彻落实单位各项工作部署，扎实开展生态环境监测和技术服务工作，按时完成各项任务，"
           "遵守工作纪律，团结同事，业务水平进一步提高。", 4.0, x=30, width=152)
    s.y = top + 92
    s.table([["考核等次", (grade or rng.choice(["合格", "优秀", "合格"]), 5, "h")]], [24, 30, 18, 22, 28, 44],
            hand=hand(p))
    top = s.box(52)
    s.text(27, "单位意见：", 4.4, y=top + 5)
    s.text(50, "同意。", 4.8, y=top + 14, face=hand(p), colour=(20, 30, 90))
    s.text(120, date_str(f"{year}-12-{rng.randint(15, 28)}", p["ds"]), 4.6, y=top + 40, face=hand(p),
           colour=(20, 30, 90))
    s.seal(140, top + 30, seal or p["seal"], rng.uniform(-25, 25))
    return s


def education(p, rng, signed=True):
    s = Page(p["body"], p["head"])
    s.center("学历证书电子注册备案表", 7.4)
    s.text(140, f"更新日期：{p['dates']['edu'].replace('-', '年', 1).replace('-', '月')}日", 3.4)
    s.y += 8
    g = p["grad"]
    s.table([["姓名", p["name"], "性别", p["sex"]], ["证件号码", (p["id_masked"], 3)], ["出生日期", (p["birth"].replace("-", "年", 1).replace("-", "月") + "日", 3)],
             ["入学日期", f"{g - 4}年09月01日", "毕（结）业日期", f"{g}年07月01日"], ["学校名称", (p["school"], 3)],
             ["专业", (p["major"], 3)], ["学历类别", "普通", "层次", "本科"], ["学习形式", "普通全日制", "毕（结）业", "毕业"],
             ["证书编号", (f"1014{rng.randint(1, 9)}1{g}0{rng.randint(100000, 999999)}", 3)]], [30, 60, 36, 40], h=4.0, rh=10)
    s.y += 10
    s.line_("经核查，该同志学历信息与原件一致。", 4.4)
    s.y += 6
    top = s.y
    s.text(25, "核查人（签字）：", 4.4)
    if signed:
        s.sign(62, top - 4, p["hr_name"], hand(p), rng)
    s.text(112, "核查单位（盖章）", 4.4)
    s.text(112, date_str(p["dates"]["edu"], p["ds2"]), 4.4, y=top + 14)
    s.seal(138, top + 6, p["seal"], rng.uniform(-20, 20))
    return s


def continuing(p, rng, seals):
    s = Page(p["body"], p["head"])
    s.y = 50
    s.center("继续教育证明", 8.0)
    s.y += 8
    s.para(f"{p['name']}同志，身份证号码{p['id_masked']}，于2023年度参加专业技术人员继续教育公需科目学习，"
           "累计完成32学时，经考核成绩合格。")
    s.para("特此证明。")
    s.y += 30
    s.text(100, TRAINER, 4.6)
    s.y += 9
    s.text(118, date_str("2023-11-06", p["ds2"]), 4.6)
    s.seal(135, s.y - 6, seals[TRAINER], rng.uniform(-15, 15))
    return s


def idcard(p, rng, card_id=None):
    s = Page(p["body"], p["head"])
    s.center("居民身份证复印件", 6.0)
    x0, y0 = 48.0, 40.0
    s.ops.append(("rect", x0, y0, 85.6 * 1.3, 54 * 1.3, 0.4))
    b = p["birth"].split("-")
    yy = y0 + 7
    for lab, val in [("姓名", p["name"]), ("性别", f"{p['sex']}     民族  汉"),
                     ("出生", f"{b[0]} 年 {int(b[1])} 月 {int(b[2])} 日"), ("住址", "辽宁省抚顺市望花区"), ("", "和平路东段27号")]:
        s.text(x0 + 5, lab, 3.4, "sans", y=yy, colour=(60, 80, 120))
        s.text(x0 + 17, val, 3.9, "sans", y=yy - 0.3)
        yy += 8.5
    s.text(x0 + 5, "公民身份号码", 3.4, "sans", y=y0 + 60, colour=(60, 80, 120))
    s.text(x0 + 32, card_id or p["id"], 4.4, "sans", y=y0 + 59.5)
    y1 = y0 + 85
    s.ops.append(("rect", x0, y1, 85.6 * 1.3, 54 * 1.3, 0.4))
    s.text(x0 + 32, "中华人民共和国", 6.0, "sans_b", y=y1 + 12)
    s.text(x0 + 36, "居民身份证", 7.2, "sans_b", y=y1 + 23)
    s.text(x0 + 8, "签发机关  抚顺市公安局望花分局", 3.8, "sans", y=y1 + 48)
    s.text(x0 + 8, "有效期限  2016.05.20-2036.05.20", 3.8, "sans", y=y1 + 57)
    return s


def evaluation(p, rng):
    s = Page(p["body"], p["head"])
    s.center("专业技术资格评审评定表", 7.0)
    s.y += 3
    s.table([["姓名", p["name"], "性别", p["sex"]], ["工作单位", (p["unit"], 3)],
             ["现任资格", p["cur"], "任职时间", date_str(p["cur_date"], p["ds"])],
             ["申报资格", p["level"], "申报专业", p["spec"]], ["最高学历", "大学本科", "毕业学校", p["school"]]],
            [30, 55, 30, 51])
    top = s.box(80)
    s.text(27, "专业评议组意见：", 4.4, y=top + 5)
    s.text(27, "评审委员会评审结果：   委员总数    人，出席    人，赞成    票。", 4.0, y=top + 60)
    return s


def title_cert(p, rng, seals, date=None, name=None):
    s = Page("serif", "serif_b")
    s.ops.append(("rect", 12, 12, 186, 273, 2.0))
    s.ops.append(("rect", 16, 16, 178, 265, 0.5))
    s.y = 40
    s.center("专业技术资格证书", 12.0, black=True)
    s.y += 14
    cn = f"{rng.choice(['辽', '抚'])}职证字第{rng.randint(2017, 2021)}{rng.randint(10000, 99999)}号"
    for lab, val in [("姓    名", name or p["name"]), ("性    别", p["sex"]),
                     ("身份证号", p["id_masked"]), ("工作单位", p["unit"]), ("专业名称", p["spec"]),
                     ("资格名称", p["cur"]), ("评审通过时间", date or date_str(p["cur_date"], p["ds"])), ("证书编号", cn)]:
        s.text(34, f"{lab}：", 5.0, "serif_b")
        s.text(34 + text_width(f"{lab}：", "serif_b", 5.0), val, 5.0, "serif")
        s.y += 12
    s.y += 20
    iss = p["issuer"]
    s.text(100, iss, 5.0)
    s.y += 10
    s.text(120, "（发证机关盖章）", 4.4)
    s.seal(140, s.y - 6, seals[iss], rng.uniform(-10, 10))
    return s


def award(p, rng, seals, title, issuer, date):
    s = Page("serif", "serif_b")
    s.ops.append(("rect", 14, 14, 182, 269, 1.6))
    s.y = 60
    s.center("荣 誉 证 书", 14.0, black=True)
    s.y += 20
    s.para(f"{p['name']}同志：", 6.0, x=30, width=150, indent=False)
    s.para(f"您参与完成的“{p['project']}”项目，荣获{title}。", 6.0, x=30, width=150)
    s.para("特发此证，以资鼓励。", 6.0, x=30, width=150)
    s.y += 40
    s.text(108, issuer, 5.4)
    s.y += 11
    s.text(118, date_str(date, p["ds2"] if p["ds2"] != 4 else 0), 5.4)
    s.seal(140, s.y - 8, seals[issuer], rng.uniform(-15, 15))
    return s


def cover(p, rng, j, issn, cn, year, no):
    s = Page("sans", "sans_b")
    s.ops.append(("rect", 0, 0, 210, 70, 0.1))
    s.y = 30
    s.center(j, 16.0 if len(j) < 8 else 12.0, black=True)
    s.y = 86
    s.center(f"{year}年  第{no}期", 7.0, face="sans")
    s.y = 120
    s.center("（总第" + str(100 + year - 2000 + no) + "期）", 5.0, face="serif")
    s.y = 240
    s.line_("主管：辽宁省生态环境厅" if cn.startswith("21") else "主管：中国科学技术协会", 4.2, x=30, face="serif")
    s.line_(f"国际标准连续出版物号  ISSN {issn}", 4.6, x=30, face="sans")
    s.line_(f"国内统一连续出版物号  CN {cn}", 4.6, x=30, face="sans")
    return s


def title_cell_lines(t, face, h_mm, width_mm):
    """A title as the proof's 题名 cell wraps it: a Chinese title 13 characters a line (as this round always drew
    it); one in Latin letters at its spaces, each line as wide as the cell holds (cut at 13 characters, the rest of
    an English title ran on one line over the 刊名 and 年，卷（期） cells, across their rules, as no system prints a
    table: round 35 J35-C09)."""
    if not any("a" <= c.lower() <= "z" for c in t) or " " not in t:
        return [t[:13]] + ([t[13:]] if len(t) > 13 else [])
    lines = [""]
    for word in t.split():
        if lines[-1] and text_width(lines[-1] + " " + word, face, h_mm) > width_mm:
            lines.append(word)
        else:
            lines[-1] = (lines[-1] + " " + word).strip()
    return lines


def retrieval(p, rng, rows):
    s = Page(p["body"], p["head"])
    s.center("文献检索证明", 7.4)
    s.y += 4
    s.para(f"受{p['name']}同志委托，经检索中国学术期刊网络出版总库（CNKI），其发表的下列论文被收录，检索结果如下：", 4.3)
    s.y += 3
    grid = [["序号", "题名", "刊名", "年，卷（期）"]]
    for i, (t, j, y, n) in enumerate(rows, 1):
        first, *rest = title_cell_lines(t, p["body"], 3.8, 70 - 5)
        grid.append([str(i), first, j, f"{y}，({n})"])
        grid += [["", line, "", ""] for line in rest]
    s.table(grid, [14, 70, 46, 36], h=3.8, rh=9.5)
    s.y += 14
    top = s.y
    s.text(25, "审核人：", 4.4)
    s.sign(45, top - 4, p["hr_name"], hand(p), rng)
    s.text(110, "单位人事部门（盖章）", 4.4)
    s.text(112, date_str(p["dates"]["ret"], p["ds2"]), 4.4, y=top + 14)
    s.seal(138, top + 6, p["seal"], rng.uniform(-20, 20))
    return s


# ------------------------------------------------------------------ dossiers
PLANTS = [None] * 12 + [
    ["seal.unit", "near1"], ["seal.unit", "near2"], ["seal.unit", "other"], "seal.present", "signature.present",
    "identity.id_number", "identity.name", "title.date", "evidence.after_title", "assessment.years",
    "publicity.duration", ["journal.issn", "journal.registered"], "dossier.required"]
HOWS = ("near1", "near2", "other")


def person(i, rng, seals, unit_override=None):
    unit, kind = unit_override or UNITS[i % len(UNITS)]
    idn = id_number(rng)
    p = dict(name=NAMES[i], unit=unit, kind=kind, sex=rng.choice("男女"), id=idn,
             cur="助理工程师", cur_date=rng.choice(["2018-12-28", "2019-11-15", "2020-12-04", "2017-10-20"]),
             level="工程师", spec=rng.choice(["生态环境监测", "生态环境管理", "生态环境工程"]),
             body=rng.choice(["serif", "serif", "sans"]), head=rng.choice(["sans_b", "serif_b"]),
             hand=rng.choice(["wenkai", "gkai"]), head_name=HEADS[i % 4], hr_name=HEADS[(i + 1) % 4],
             ds=rng.choice([0, 1, 2, 3]), ds2=rng.choice([0, 1, 2, 4]), pstyle=rng.choice([0, 1, 2]),
             school=rng.choice(["沈阳建筑大学", "辽宁石油化工大学", "大连理工大学", "沈阳农业大学"]), major="环境工程",
             project=rng.choice(["浑河流域水环境综合治理技术研究", "抚顺市重污染天气应急减排清单编制"]),
             issuer=rng.choice(ISSUERS),
             dates=dict(rec="2024-09-23", pub="2024-09-14", edu="2024-09-19", ret="2024-09-20"))
    p["birth"] = f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}"
    p["id_masked"] = idn[:6] + "********" + idn[14:]
    p["grad"] = int(p["birth"][:4]) + 22
    p["seal"] = seals[unit]
    return p


def build(i, plant, seals):
    rng = random.Random(34000 + i)
    what = plant[0] if isinstance(plant, list) else plant
    how = plant[1] if isinstance(plant, list) and plant[1] in HOWS else None
    override = None
    if how in ("near1", "near2"):
        override = ("抚顺市环境科学研究院", "institution") if how == "near1" else ("抚顺市生态环境保护服务中心", "institution")
    if what in ("journal.issn",):
        override = ("抚顺市生态环境监测站", "institution")
    p = person(i, rng, seals, override)
    card_id = None
    if what == "identity.id_number":
        # the claim valid, the card's serial one digit off with the check digit kept: invalid
        card_id = p["id"][:15] + str((int(p["id"][15]) + 4) % 10) + p["id"][16:]
    pages = []
    add = lambda n, s: pages.append((n, s))  # noqa: E731
    add("推荐表", recommendation(p, rng, sealed=what != "seal.present", signed=True))
    add("公示", publicity(p, rng, end="2024-09-12") if what == "publicity.duration" else publicity(p, rng))
    for y in (2021, 2022, 2023):
        if what == "assessment.years" and y == 2022:
            continue
        other = None
        if what == "seal.unit" and y == 2022:
            other = seals[NEAR1[p["unit"]] if how == "near1" else NEAR2[p["unit"]] if how == "near2"
                          else UNITS[(i + 2) % len(UNITS)][0]]
        add(f"考核{y}", assessment(p, rng, y, seal=other))
    add("学历", education(p, rng, signed=what != "signature.present"))
    add("继续教育", continuing(p, rng, seals))
    if what != "dossier.required":
        add("身份证", idcard(p, rng, card_id))
    add("评定表", evaluation(p, rng))
    if what == "title.date":
        y, m, d = (int(v) for v in p["cur_date"].split("-"))
        add("职称证书", title_cert(p, rng, seals, date=date_str(f"{y + 1}-{m:02d}-{d:02d}", p["ds"])))
    elif what == "identity.name":
        add("职称证书", title_cert(p, rng, seals, name=NAMES[(i + 5) % len(NAMES)]))
    else:
        add("职称证书", title_cert(p, rng, seals))
    papers, awards = [], []
    if p["kind"] != "enterprise" and (i % 2 == 0 or what == "journal.issn"):
        j, issn, cn = JOURNALS[i % len(JOURNALS)]
        year, no = rng.choice([(2021, 5), (2022, 9), (2023, 3)])
        t = TITLES[i % len(TITLES)]
        shown = issn
        if what == "journal.issn":
            shown = JOURNALS[(i + 1) % len(JOURNALS)][1]  # another journal's valid ISSN on the cover
        add("封面", cover(p, rng, j, shown, cn, year, no))
        add("检索", retrieval(p, rng, [(t, j, year, no)]))
        papers.append(dict(title=t, journal=j, issn=issn, cn=cn, date=f"{year}-{no:02d}"))
    if not papers or what == "evidence.after_title":
        title, issuer = AWARDS[i % len(AWARDS)]
        if what == "evidence.after_title":
            y, m, d = (int(v) for v in p["cur_date"].split("-"))
            date = f"{y}-{m - 3:02d}-{d:02d}"
        else:
            date = rng.choice(["2021-12-20", "2022-11-18", "2023-12-08"])
        add("获奖", award(p, rng, seals, title, issuer, date))
        awards.append(dict(title=title, date=date))
    return p, pages, papers, awards, rng


def yaml_text(p, papers, awards):
    out = [f"name: {p['name']}", f"id_number: \"{p['id']}\"", f"unit: {p['unit']}", f"unit_kind: {p['kind']}",
           f"specialty: {p['spec']}", f"level: {p['level']}", "current_title:", f"  name: {p['cur']}",
           f"  date: {p['cur_date']}"]
    if papers:
        out.append("papers:")
        for x in papers:
            out.append(f"  - title: {x['title']}")
            out += [f"    {k}: \"{x[k]}\"" for k in ("journal", "issn", "cn", "date")]
    if awards:
        out.append("awards:")
        for x in awards:
            out += [f"  - title: {x['title']}", f"    date: {x['date']}"]
    out.append("campaign: fushun-2024")
    return "\n".join(out) + "\n"


def save(folder: Path, pages, capture, rng, draw=None):
    """The pages as ``capture`` hands them in; ``draw`` rasterises a page (:func:`raster` unless given: round 35
    draws its covers' filled bands with its own)."""
    draw = draw or raster
    folder.mkdir(parents=True, exist_ok=True)
    if capture == "pdf":
        born_digital(pages, folder / "申报材料.pdf")
        return
    dpi = rng.choice([200, 250, 300])
    if capture == "pdfscan":
        from fpdf import FPDF
        pdf = FPDF(unit="mm", format="A4")
        for _, s in pages:
            pdf.add_page()
            buf = io.BytesIO()
            as_scan(draw(s, dpi), rng).save(buf, "JPEG", quality=rng.randint(70, 85))
            buf.seek(0)
            pdf.image(buf, x=0, y=0, w=210, h=297)
        pdf.output(str(folder / "扫描件.pdf"))
        return
    for k, (n, s) in enumerate(pages, 1):
        im = draw(s, dpi)
        if capture == "png":
            im.save(folder / f"{k:02d}_{n}.png")
        else:
            as_scan(im, rng).save(folder / f"scan{k:03d}.jpg", quality=rng.randint(65, 85))


def main():
    check_fonts()
    names = [u for u, _ in UNITS] + ISSUERS + [TRAINER] + [iss for _, iss in AWARDS]
    names += list(NEAR1.values()) + list(NEAR2.values())
    seals = {}
    for k, n in enumerate(names):
        r = random.Random(8800 + k)
        bottom = None
        if n in [u for u, _ in UNITS] or n in NEAR1.values() or n in NEAR2.values():
            bottom = r.choice([None, "code", "code", "人事专用章"]) if k % 3 else None
        seals[n] = seal_spec(n, 8800 + k, bottom)
    if not ONLY and OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "set").mkdir(parents=True, exist_ok=True)
    keyfile = OUT / "answer_key.json"
    key = json.loads(keyfile.read_text()) if ONLY and keyfile.exists() else {}
    captures = ["pdf", "scan", "png", "pdfscan"]
    for i, plant in enumerate(PLANTS):
        k = f"T34-{i + 1:02d}"
        if ONLY and k not in ONLY:
            continue
        p, pages, papers, awards, rng = build(i, plant, seals)
        capture = captures[i % 4]
        if (OUT / "set" / k).exists():
            shutil.rmtree(OUT / "set" / k)
        save(OUT / "set" / k, pages, capture, rng)
        (OUT / "set" / k / "applicant.yaml").write_text(yaml_text(p, papers, awards), encoding="utf-8")
        rules = plant[0] if isinstance(plant, list) and plant[1] in HOWS else plant
        key[k] = {"pack": capture, "planted": rules, "pages": len(pages), "unit": p["unit"],
                  "seal": {x: seals[p["unit"]][x] for x in ("d", "arc", "face", "bottom")},
                  **({"how": plant[1]} if isinstance(plant, list) and plant[1] in HOWS else {})}
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
