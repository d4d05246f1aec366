"""Page model of probe round 12: every document is first a born-digital PDF page (fpdf2, a real text layer in
embedded CJK fonts, as an HR system or 学信网 exports it), its e-seal and signatures pictures over it. A scan of it is
that PDF rendered by pdfium and then degraded like an office copier, a fax or a bad phone app would: skew of 2-6
degrees, yellowish or grey paper, heavy JPEG, 100-150 dpi, a moire screen. Shares no code with fixtures/generator
or the earlier probes (probe_trust9, probe_trust11).
"""
from __future__ import annotations

import io
import math

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = {"ming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
         "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
         "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
         "serif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 0)}
INK = (20, 20, 20)
PEN = (25, 35, 120)


class Doc:
    """An fpdf2 document whose pages are drawn in millimetres."""

    def __init__(self):
        self.pdf = FPDF(unit="mm")
        self.pdf.set_auto_page_break(False)
        for fam, (path, n) in FONTS.items():
            self.pdf.add_font(fam, "", path, collection_font_number=n)
        self.pdf.set_creator("人力资源信息管理系统 v5.2")
        self.w = 210

    def page(self, landscape=False, a3=False):
        fmt = "A3" if a3 else "A4"
        self.pdf.add_page(orientation="L" if landscape else "P", format=fmt)
        self.w = self.pdf.w
        return self

    def text(self, x, y, s, size=4.0, fam="ming", color=INK):
        """``size`` is the character height in mm (as the earlier probes speak of it)."""
        pt = size / 0.3528 * 0.95
        self.pdf.set_font(fam, size=pt)
        self.pdf.set_text_color(*color)
        self.pdf.text(x, y + size * 0.85, s)

    def width(self, s, size, fam="ming"):
        self.pdf.set_font(fam, size=size / 0.3528 * 0.95)
        return self.pdf.get_string_width(s)

    def center(self, y, s, size=6.0, fam="hei", color=INK):
        self.text((self.w - self.width(s, size, fam)) / 2, y, s, size, fam, color)

    def right(self, x, y, s, size=4.0, fam="ming"):
        self.text(x - self.width(s, size, fam), y, s, size, fam)

    def line(self, x1, y1, x2, y2, lw=0.3):
        self.pdf.set_line_width(lw)
        self.pdf.set_draw_color(*INK)
        self.pdf.line(x1, y1, x2, y2)

    def rect(self, x, y, w, h, lw=0.3):
        self.pdf.set_line_width(lw)
        self.pdf.set_draw_color(*INK)
        self.pdf.rect(x, y, w, h)

    def table(self, x, y, widths, heights):
        xs = [x]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [y]
        for h in heights:
            ys.append(ys[-1] + h)
        for yy in ys:
            self.line(xs[0], yy, xs[-1], yy)
        for xx in xs:
            self.line(xx, ys[0], xx, ys[-1])
        return xs, ys

    def image(self, im, x, y, w):
        buf = io.BytesIO()
        im.save(buf, "PNG")
        buf.seek(0)
        self.pdf.image(buf, x=x, y=y, w=w)

    def wrap(self, s, x, y, per, size=4.0, fam="ming", lead=1.8, color=INK):
        n = 0
        for i in range(0, len(s), per):
            self.text(x, y + n * size * lead, s[i:i + per], size, fam, color)
            n += 1
        return y + n * size * lead

    def bytes(self):
        return bytes(self.pdf.output())


def _font(fam, px):
    path, n = FONTS[fam]
    return ImageFont.truetype(path, px, index=n)


def e_seal(name, rng, px=420, color=(215, 30, 35), wear=0.0, bottom=""):
    """A round unit seal as a PNG with alpha: ring, five-pointed star, the name along the upper arc."""
    im = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    c = px / 2
    r = px / 2 - 6
    d.ellipse((c - r, c - r, c + r, c + r), outline=color + (255,), width=int(px * 0.035))
    s = px * 0.17
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = s if k % 2 == 0 else s * 0.4
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(pts, fill=color + (255,))
    n = len(name)
    span = min(250.0, 22.0 * n) * math.pi / 180
    fs = int(px * (0.14 if n <= 12 else 0.115 if n <= 16 else 0.095))
    f = _font("hei", fs)
    rt = r - px * 0.04 - fs / 2 - px * 0.02
    for i, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
        g = Image.new("RGBA", (fs * 2, fs * 2), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((fs / 2, fs / 2), ch, font=f, fill=color + (255,))
        g = g.rotate(-math.degrees(a + math.pi / 2), resample=Image.BICUBIC)
        x = c + rt * math.cos(a) - fs
        y = c + rt * math.sin(a) - fs
        im.alpha_composite(g, (int(x), int(y)))
    if bottom:
        f2 = _font("hei", int(px * 0.07))
        tw = d.textlength(bottom, font=f2)
        d.text((c - tw / 2, c + px * 0.22), bottom, font=f2, fill=color + (255,))
    a = np.array(im)
    if wear:
        noise = rng.random(a.shape[:2]) < wear
        a[noise, 3] = 0
    # ink is never flat: alpha varies a little
    a[..., 3] = (a[..., 3] * (0.75 + 0.25 * rng.random(a.shape[:2]))).astype(np.uint8)
    return Image.fromarray(a)


def pen_signature(name, rng, px=90, color=PEN):
    """A hand-like signature: kai glyphs run together, slanted, each turned a little."""
    f = _font("kai", px)
    w = int(px * (len(name) * 0.85 + 0.6))
    im = Image.new("RGBA", (w, int(px * 1.5)), (0, 0, 0, 0))
    x = px * 0.2
    for ch in name:
        g = Image.new("RGBA", (int(px * 1.4), int(px * 1.4)), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((px * 0.2, px * 0.1), ch, font=f, fill=color + (255,), stroke_width=1,
                               stroke_fill=color + (255,))
        g = g.rotate(float(rng.uniform(-12, 8)), resample=Image.BICUBIC)
        im.alpha_composite(g, (int(x), int(rng.uniform(0, px * 0.15))))
        x += px * float(rng.uniform(0.72, 0.86))
    return im.transform(im.size, Image.AFFINE, (1, 0.25, -px * 0.2, 0, 1, 0), resample=Image.BICUBIC)


def render(pdf_bytes, dpi):
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf_bytes)
    out = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    return out


def degrade(im, rng, skew=0.0, paper=None, grey=False, moire=False, blur=0.6, noise=6.0):
    """An office scan of ``im``: the sheet turned ``skew`` degrees on the platen, paper tinted, toner noise."""
    a = np.asarray(im).astype(np.float32)
    if paper is not None:  # white becomes the paper's colour, ink stays dark
        p = np.array(paper, np.float32) / 255.0
        a = a * p
    if moire:
        h, w = a.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w]
        scr = 10 * np.sin((xx * 0.93 + yy * 0.37) * 0.9) * np.sin((xx * 0.31 - yy * 0.95) * 0.9)
        a = a + scr[..., None]
    a = a + rng.normal(0, noise, a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        bg = tuple(int(v) for v in (paper or (255, 255, 255)))
        im = im.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=(bg[0] - 30, bg[1] - 30, bg[2] - 30))
    if grey:
        im = im.convert("L").convert("RGB")
    return im


def two_up(left, right, gap_px=40, bg=(250, 250, 250)):
    """An A3 landscape scan holding two A4 portrait pages side by side."""
    h = max(left.height, right.height)
    out = Image.new("RGB", (left.width + right.width + gap_px * 3, h + gap_px * 2), bg)
    out.paste(left, (gap_px, gap_px))
    out.paste(right, (left.width + gap_px * 2, gap_px))
    return out
