"""A tiny two-backend page model (raster via PIL, born-digital via fpdf2) for trust9's set.

Independent of fixtures/generator: its own seals, signatures, layouts and degradations."""
from __future__ import annotations

import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = {
    "song": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}
_fcache = {}


def font(fam, px):
    key = (fam, int(px))
    if key not in _fcache:
        path, idx = FONTS[fam]
        _fcache[key] = ImageFont.truetype(path, max(4, int(px)), index=idx)
    return _fcache[key]


class Page:
    def __init__(self, w=210.0, h=297.0):
        self.w, self.h = w, h
        self.ops = []

    def text(self, x, y, s, size=11, fam="song", anchor="la", color=(0, 0, 0)):
        self.ops.append(("text", x, y, s, size, fam, anchor, color))

    def line(self, x1, y1, x2, y2, w=0.3, color=(0, 0, 0)):
        self.ops.append(("line", x1, y1, x2, y2, w, color))

    def rect(self, x1, y1, x2, y2, w=0.3, color=(0, 0, 0), fill=None):
        self.ops.append(("rect", x1, y1, x2, y2, w, color, fill))

    def image(self, img, x, y, w, h):
        """An RGBA picture (seal, signature, photo) placed in mm."""
        self.ops.append(("img", img, x, y, w, h))

    def grid(self, x0, y0, widths, heights, w=0.35):
        xs = [x0]
        for v in widths:
            xs.append(xs[-1] + v)
        ys = [y0]
        for v in heights:
            ys.append(ys[-1] + v)
        for y in ys:
            self.line(xs[0], y, xs[-1], y, w)
        for x in xs:
            self.line(x, ys[0], x, ys[-1], w)
        return xs, ys

    def para(self, x, y, s, width, size=11, fam="song", lead=1.6, indent=2):
        """Wraps by measured width (in mm, by the raster font); returns the y after it."""
        px_per_mm = 10
        f = font(fam, size / 72 * 25.4 * px_per_mm)
        lines, cur = [], "\u3000" * indent
        for ch in s:
            if f.getlength(cur + ch) / px_per_mm > width:
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        if cur:
            lines.append(cur)
        step = size / 72 * 25.4 * lead
        for i, ln in enumerate(lines):
            self.text(x, y + i * step, ln, size, fam)
        return y + len(lines) * step

    # ------------------------------------------------------------ raster
    def raster(self, dpi=200, paper=(255, 255, 255)):
        k = dpi / 25.4
        W, H = int(self.w * k), int(self.h * k)
        im = Image.new("RGB", (W, H), paper)
        d = ImageDraw.Draw(im)
        later = []
        for op in self.ops:
            if op[0] == "text":
                _, x, y, s, size, fam, anchor, color = op
                d.text((x * k, y * k), s, font=font(fam, size / 72 * dpi), fill=color, anchor=anchor)
            elif op[0] == "line":
                _, x1, y1, x2, y2, w, color = op
                d.line((x1 * k, y1 * k, x2 * k, y2 * k), fill=color, width=max(1, int(round(w * k))))
            elif op[0] == "rect":
                _, x1, y1, x2, y2, w, color, fill = op
                d.rectangle((x1 * k, y1 * k, x2 * k, y2 * k), outline=color if w else None, fill=fill,
                            width=max(1, int(round(w * k))) if w else 0)
            else:
                later.append(op)
        for _, img, x, y, w, h in later:  # ink over print: multiply
            sub = img.resize((max(1, int(w * k)), max(1, int(h * k))), Image.LANCZOS)
            multiply(im, sub, int(x * k), int(y * k))
        return im

    # ------------------------------------------------------------ pdf
    def to_pdf(self, pdf):
        pdf.add_page(orientation="P" if self.h >= self.w else "L", format=(min(self.w, self.h), max(self.w, self.h)))
        later = []
        for op in self.ops:
            if op[0] == "text":
                _, x, y, s, size, fam, anchor, color = op
                pdf.set_font(fam, size=size)
                pdf.set_text_color(*color)
                wmm = pdf.get_string_width(s)
                mm = size / 72 * 25.4
                h, v = anchor[0], anchor[1]
                if h == "m":
                    x -= wmm / 2
                elif h == "r":
                    x -= wmm
                base = {"a": y + 0.86 * mm, "t": y + 0.86 * mm, "m": y + 0.36 * mm, "s": y, "b": y - 0.12 * mm,
                        "d": y - 0.12 * mm}[v]
                pdf.text(x, base, s)
            elif op[0] == "line":
                _, x1, y1, x2, y2, w, color = op
                pdf.set_draw_color(*color)
                pdf.set_line_width(w)
                pdf.line(x1, y1, x2, y2)
            elif op[0] == "rect":
                _, x1, y1, x2, y2, w, color, fill = op
                style = ("D" if w else "") + ("F" if fill else "")
                if fill:
                    pdf.set_fill_color(*fill)
                pdf.set_draw_color(*color)
                pdf.set_line_width(w or 0.1)
                pdf.rect(x1, y1, x2 - x1, y2 - y1, style=style or "D")
            else:
                later.append(op)
        for _, img, x, y, w, h in later:
            pdf.image(img, x, y, w, h)


def new_pdf():
    from fpdf import FPDF
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    for fam, (path, idx) in FONTS.items():
        pdf.add_font(fam, fname=path, collection_font_number=idx)
    return pdf


def multiply(page, ink, x, y):
    """Puts an RGBA ink image on the RGB page, multiplied (print shows through)."""
    W, H = page.size
    w, h = ink.size
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    a = np.asarray(ink.crop((x0 - x, y0 - y, x1 - x, y1 - y))).astype(np.float32) / 255
    reg = np.asarray(page.crop((x0, y0, x1, y1))).astype(np.float32) / 255
    alpha = a[..., 3:4]
    reg = reg * (1 - alpha) + reg * a[..., :3] * alpha
    page.paste(Image.fromarray((reg * 255).astype(np.uint8)), (x0, y0))


# ------------------------------------------------------------------ seals and signatures

def seal(name, rng, px=480, color=(205, 30, 36), bottom="", star=True, wear=0.25, oval=False, ring_font="song"):
    """A round (or oval) red unit seal: name along the upper arc, a star, a bottom line."""
    W = px
    H = int(px * 0.72) if oval else px
    im = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(im)
    lw = max(4, px // 38)
    d.ellipse((lw, lw, W - lw, H - lw), outline=255, width=lw)
    cx, cy = W / 2, H / 2
    n = len(name)
    span = min(292, max(170, 21 * n + 40))  # degrees of arc used
    fs = int(min(px * 0.15, (px * 0.36) * math.radians(span) / n * 0.92))
    f = font(ring_font if ring_font != "song" else "hei", fs)
    rx, ry = W / 2 - lw * 2.6 - fs * 0.55, H / 2 - lw * 2.6 - fs * 0.55
    for i, ch in enumerate(name):
        ang = -90 - span / 2 + span * (i + 0.5) / n  # degrees, screen coords
        t = math.radians(ang)
        gx, gy = cx + rx * math.cos(t), cy + ry * math.sin(t)
        g = Image.new("L", (fs * 2, fs * 2), 0)
        ImageDraw.Draw(g).text((fs, fs), ch, font=f, fill=255, anchor="mm")
        g = g.rotate(-(ang + 90), resample=Image.BICUBIC)
        im.paste(255, (int(gx - fs), int(gy - fs)), g)
    if star:
        r = px * 0.12
        pts = []
        for k in range(10):
            rr = r if k % 2 == 0 else r * 0.4
            t = math.radians(-90 + 36 * k)
            pts.append((cx + rr * math.cos(t), cy + rr * math.sin(t)))
        d.polygon(pts, fill=255)
    if bottom:
        bf = font("hei", int(px * 0.085))
        d.text((cx, cy + H * 0.27), bottom, font=bf, fill=255, anchor="mm")
    a = np.asarray(im).astype(np.float32) / 255
    if wear:
        noise = rng.random(a.shape).astype(np.float32)
        blob = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(px / 120)))
        blob = blob.astype(np.float32) / 255
        a = a * np.clip((blob - 0.5 + (1 - wear)) * 3, 0.25, 1)
    a = a * rng.uniform(0.78, 0.95)
    rgba = np.zeros((H, W, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = color
    rgba[..., 3] = (a * 255).astype(np.uint8)
    out = Image.fromarray(rgba, "RGBA").rotate(float(rng.uniform(-25, 25)), resample=Image.BICUBIC, expand=False)
    return out


def signature(name, rng, color=(20, 30, 105), px=140):
    """A hand-signed name: a brush-like font, slanted, uneven, joined by a flourish."""
    f = font("kai", px)
    widths = [f.getlength(ch) for ch in name]
    W = int(sum(widths) * 0.85 + px * 1.2)
    H = int(px * 1.8)
    im = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(im)
    x = px * 0.3
    for ch, w in zip(name, widths):
        s = rng.uniform(0.85, 1.15)
        g = Image.new("L", (int(px * 1.6), int(px * 1.6)), 0)
        ImageDraw.Draw(g).text((px * 0.8, px * 0.8), ch, font=font("kai", int(px * s)), fill=255, anchor="mm",
                               stroke_width=int(px / 40))
        g = g.rotate(float(rng.uniform(-12, 6)), resample=Image.BICUBIC)
        im.paste(255, (int(x - px * 0.3), int(H / 2 - px * 0.8 + rng.uniform(-px * 0.12, px * 0.12))), g)
        x += w * rng.uniform(0.72, 0.9)
    # a tail stroke
    pts = [(x - px * 0.2, H * 0.62), (x + px * 0.15, H * 0.5), (x + px * 0.35, H * 0.35)]
    d.line(pts, fill=255, width=max(2, px // 22))
    im = im.transform(im.size, Image.AFFINE, (1, 0.28, -H * 0.14, 0, 1, 0), resample=Image.BICUBIC)
    a = np.asarray(im)
    rgba = np.zeros(a.shape + (4,), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = color
    rgba[..., 3] = a
    return Image.fromarray(rgba, "RGBA")


def photo(rng, w=300, h=400):
    """A grey-blue portrait placeholder (a head and shoulders silhouette)."""
    im = Image.new("RGB", (w, h), (120, 160, 210))
    d = ImageDraw.Draw(im)
    d.ellipse((w * 0.3, h * 0.18, w * 0.7, h * 0.58), fill=(235, 200, 175))
    d.ellipse((w * 0.1, h * 0.62, w * 0.9, h * 1.3), fill=(40, 40, 60))
    return im.convert("RGBA")


# ------------------------------------------------------------------ scanning

def scan(im, rng, skew=0.0, jpeg=None, grey=False, bitonal=False, border=False, gutter=None, tone=True, blur=0.6,
         rotate_file=0):
    """What a scanner or copier makes of a page. Returns a PIL image (mode L, 1 or RGB)."""
    a = np.asarray(im.convert("RGB")).astype(np.float32)
    if tone:
        a = a * np.array([0.97, 0.96, 0.92]) + rng.normal(0, 3.5, a.shape)
    if gutter:  # a book's spine shadow at the left or right edge
        H, W = a.shape[:2]
        xs = np.arange(W)
        dist = xs if gutter == "left" else (W - 1 - xs)
        shade = 1 - 0.62 * np.exp(-dist / (W * 0.045))
        a = a * shade[None, :, None]
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        out = out.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=(40, 40, 40) if border else (245, 245, 240))
    if border:
        W, H = out.size
        b = Image.new("RGB", (W + 90, H + 70), (28, 28, 30))
        b.paste(out, (int(rng.integers(20, 70)), int(rng.integers(15, 55))))
        out = b
    if grey or bitonal:
        out = out.convert("L")
    if bitonal:
        out = out.point(lambda v: 255 if v > 150 else 0).convert("1")
    if rotate_file:
        out = out.rotate(rotate_file, expand=True)
    return out


def save_jpeg(im, path, quality=85, dpi=200):
    im.convert("RGB" if im.mode not in ("L",) else "L").save(path, "JPEG", quality=quality, dpi=(dpi, dpi))


def jpeg_roundtrip(im, quality):
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
