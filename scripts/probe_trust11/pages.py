"""Page drawing for probe round 11 (own code: nothing from ``fixtures.generator`` or ``scripts/probe_trust9``).

A4 pages drawn straight at the scan's resolution (200 or 300 dpi) with PIL: printed text in AR PL UMing (Ming/Song),
headings in WenQuanYi Zen Hei, the values a clerk filled in by hand in AR PL UKai (a brush-like face), signatures in
UKai slanted. Unit seals are drawn here (ring text per glyph, a star, ink wear); a foreign body's seal is the REAL
seal image from ``../shared/realdata/seals/real/S05_getseal_source.png`` composited by multiply.
"""
from __future__ import annotations

import math
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = {
    "ming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 3),   # AR PL UMing CN
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),     # AR PL UKai CN
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}
REAL = os.environ.get("REALDATA", os.path.join(os.path.dirname(__file__), "../../../shared/realdata"))
_cache: dict = {}


def font(fam, px):
    k = (fam, int(px))
    if k not in _cache:
        path, idx = FONTS[fam]
        _cache[k] = ImageFont.truetype(path, int(px), index=idx)
    return _cache[k]


class Sheet:
    """One A4 page (portrait unless ``landscape``) at ``dpi``; coordinates in millimetres."""

    def __init__(self, dpi=200, landscape=False, paper=(255, 255, 255)):
        self.dpi = dpi
        w, h = (297, 210) if landscape else (210, 297)
        self.im = Image.new("RGB", (self.px(w), self.px(h)), paper)
        self.d = ImageDraw.Draw(self.im)

    def px(self, mm):
        return int(round(mm * self.dpi / 25.4))

    def text(self, x, y, s, size=3.6, fam="ming", fill=(20, 20, 20), anchor="la"):
        self.d.text((self.px(x), self.px(y)), s, font=font(fam, self.px(size)), fill=fill, anchor=anchor)

    def center(self, y, s, size=6, fam="hei"):
        self.text(105 if self.im.width < self.im.height else 148.5, y, s, size, fam, anchor="ma")

    def line(self, x0, y0, x1, y1, w=0.3):
        self.d.line((self.px(x0), self.px(y0), self.px(x1), self.px(y1)), fill=(30, 30, 30), width=max(1, self.px(w)))

    def grid(self, x0, y0, cols, rows, merge_from=None, label_col=False):
        """A ruled table: ``cols`` widths, ``rows`` heights (mm); rows from ``merge_from`` on are one cell wide
        (an opinion box). Returns the cell origins."""
        xs = [x0]
        for c in cols:
            xs.append(xs[-1] + c)
        ys = [y0]
        for r in rows:
            ys.append(ys[-1] + r)
        for y in ys:
            self.line(xs[0], y, xs[-1], y)
        inner = ys[-1] if merge_from is None else ys[merge_from]
        for k, x in enumerate(xs):
            self.line(x, ys[0], x, ys[-1] if k in (0, len(xs) - 1) or (label_col and k == 1) else inner)
        return xs, ys

    def paste(self, rgba, x, y, mm_w):
        """Composite an RGBA mark by multiply (ink over the page), ``mm_w`` wide, centred on (x, y)."""
        w = self.px(mm_w)
        h = int(rgba.height * w / rgba.width)
        m = rgba.resize((w, h), Image.LANCZOS)
        x0, y0 = self.px(x) - w // 2, self.px(y) - h // 2
        base = np.asarray(self.im).astype(np.float32)
        a = np.asarray(m).astype(np.float32)
        alpha = a[..., 3:4] / 255
        ink = a[..., :3] / 255
        ys, xs = slice(max(0, y0), min(base.shape[0], y0 + h)), slice(max(0, x0), min(base.shape[1], x0 + w))
        sub = base[ys, xs]
        aa = alpha[ys.start - y0: ys.stop - y0, xs.start - x0: xs.stop - x0]
        ii = ink[ys.start - y0: ys.stop - y0, xs.start - x0: xs.stop - x0]
        base[ys, xs] = sub * (1 - aa + aa * ii)
        self.im = Image.fromarray(base.clip(0, 255).astype(np.uint8))
        self.d = ImageDraw.Draw(self.im)


def unit_seal(name, rng, px=520, color=(214, 40, 40), bottom="", wear=0.2, fam="ming"):
    """A round unit seal: the name clockwise along the upper 250°, a five-point star, an optional bottom line."""
    im = Image.new("L", (px, px), 0)
    d = ImageDraw.Draw(im)
    lw = max(5, px // 30)
    d.ellipse((lw, lw, px - lw, px - lw), outline=255, width=lw)
    c = px / 2
    n = len(name)
    span = min(270, 24 * n + 30)
    fs = int(min(px * 0.16, px * 0.34 * math.radians(span) / n))
    r = c - lw * 2.2 - fs * 0.6
    f = font(fam if fam != "ming" else "hei", fs)
    for i, ch in enumerate(name):
        ang = -90 - span / 2 + span * (i + 0.5) / n
        t = math.radians(ang)
        g = Image.new("L", (fs * 2, fs * 2), 0)
        ImageDraw.Draw(g).text((fs, fs), ch, font=f, fill=255, anchor="mm", stroke_width=max(1, fs // 28))
        g = g.rotate(-(ang + 90), resample=Image.BICUBIC)
        im.paste(255, (int(c + r * math.cos(t) - fs), int(c + r * math.sin(t) - fs)), g)
    pts = []
    for k in range(10):
        rr = px * 0.13 if k % 2 == 0 else px * 0.05
        t = math.radians(-90 + 36 * k)
        pts.append((c + rr * math.cos(t), c + rr * math.sin(t)))
    d.polygon(pts, fill=255)
    if bottom:
        d.text((c, c + px * 0.26), bottom, font=font("hei", int(px * 0.08)), fill=255, anchor="mm")
    a = np.asarray(im.filter(ImageFilter.GaussianBlur(0.8))).astype(np.float32) / 255
    if wear:
        noise = np.asarray(Image.fromarray((rng.random(a.shape) * 255).astype(np.uint8)).filter(
            ImageFilter.GaussianBlur(px / 150))).astype(np.float32) / 255
        a = a * np.clip((noise - 0.5 + (1 - wear)) * 3.2, 0.3, 1)
    rgba = np.zeros((px, px, 4), np.uint8)
    rgba[..., :3] = color
    rgba[..., 3] = (a * 255 * rng.uniform(0.8, 0.95)).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA").rotate(float(rng.uniform(-15, 15)), resample=Image.BICUBIC)


def real_seal():
    """The real seal photo S05 (北京中导开源科技有限公司) as an RGBA mark: red ink where the photo is red."""
    im = Image.open(os.path.join(REAL, "seals/real/S05_getseal_source.png")).convert("RGB")
    a = np.asarray(im).astype(np.float32)
    redness = np.clip((a[..., 0] - (a[..., 1] + a[..., 2]) / 2 - 25) / 80, 0, 1)
    rgba = np.zeros(a.shape[:2] + (4,), np.uint8)
    rgba[..., :3] = (214, 45, 45)
    rgba[..., 3] = (redness * 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")


def handwriting(s, rng, px=110, color=(25, 30, 110)):
    """A signed name: UKai glyphs, each a little turned, shifted and scaled, the line slanted."""
    W, H = int(px * (len(s) * 0.95 + 0.8)), int(px * 1.6)
    im = Image.new("L", (W, H), 0)
    x = px * 0.3
    for ch in s:
        k = rng.uniform(0.85, 1.2)
        g = Image.new("L", (int(px * 1.6), int(px * 1.6)), 0)
        ImageDraw.Draw(g).text((px * 0.8, px * 0.8), ch, font=font("kai", int(px * k)), fill=255, anchor="mm",
                               stroke_width=max(1, px // 30))
        g = g.rotate(float(rng.uniform(-10, 8)), resample=Image.BICUBIC)
        im.paste(255, (int(x - px * 0.3), int(H / 2 - px * 0.8 + rng.uniform(-0.1, 0.1) * px)), g)
        x += px * rng.uniform(0.78, 0.95)
    im = im.transform(im.size, Image.AFFINE, (1, 0.22, -H * 0.11, 0, 1, 0), resample=Image.BICUBIC)
    rgba = np.zeros((H, W, 4), np.uint8)
    rgba[..., :3] = color
    rgba[..., 3] = np.asarray(im)
    return Image.fromarray(rgba, "RGBA")


# ------------------------------------------------------------------ capture

def scanned(im, rng, grey=False, skew=0.0, noise=3.0):
    a = np.asarray(im).astype(np.float32)
    a = a * np.array([0.98, 0.97, 0.95]) + rng.normal(0, noise, a.shape)
    out = Image.fromarray(a.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
    if skew:
        out = out.rotate(skew, resample=Image.BICUBIC, fillcolor=(250, 250, 248), expand=False)
    return out.convert("L") if grey else out


def phone_photo(im, rng, turn=90):
    """A phone photo of a page: on a dark desk, perspective, uneven light, the page turned by ``turn`` degrees
    (a landscape certificate shot with the phone upright), saved with no EXIF orientation."""
    import cv2
    page = np.asarray(im.convert("RGB"))
    h, w = page.shape[:2]
    scale = 2000 / max(h, w)
    page = cv2.resize(page, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    h, w = page.shape[:2]
    W, H = int(w * 1.18), int(h * 1.2)
    jit = lambda: rng.uniform(-0.04, 0.04) * w  # noqa: E731
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    ox, oy = (W - w) / 2, (H - h) / 2
    dst = np.float32([[ox + jit(), oy + jit()], [ox + w + jit(), oy + jit()], [ox + w + jit(), oy + h + jit()],
                      [ox + jit(), oy + h + jit()]])
    M = cv2.getPerspectiveTransform(src, dst)
    desk = np.full((H, W, 3), (70, 60, 52), np.uint8)
    out = cv2.warpPerspective(page, M, (W, H), dst=desk, borderMode=cv2.BORDER_TRANSPARENT)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 0.78 + 0.22 * (1 - ((xx / W - 0.3) ** 2 + (yy / H - 0.35) ** 2))
    out = out.astype(np.float32) * light[..., None] * np.array([1.0, 0.97, 0.9]) + rng.normal(0, 4, out.shape)
    res = Image.fromarray(out.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.9))
    return res.rotate(turn, expand=True) if turn else res
