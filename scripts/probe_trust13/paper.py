"""Page model of probe round 13: pages drawn straight into pixels (PIL, 150 dpi A4 sheets), with REAL material from
../shared/realdata pasted on them: real seals (seals/real, multiplied onto the page by their red ink only, as a stamp
lies on paper), real handwriting (Tobacco800 signature crops) in the signature fields, real text-line images as
noise. Dates are written in a handwriting-like face (AR PL UKai) in blue ink where a form is filled by hand. Sheets
are then scanned (grain, slight skew) or photographed by a phone (perspective, a shadow across, uneven light, a desk
around the sheet), or turned 90/180 degrees. Shares no code with fixtures/generator or probe_trust9/11/12.

Realdata is required to build the set (it is not part of the project); nothing in the test suite uses this.
"""
from __future__ import annotations

import glob
import json
import math
import os

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

REAL = os.environ.get("REALDATA", os.path.join(os.path.dirname(__file__), "../../../shared/realdata"))
if not os.path.isdir(REAL):
    REAL = "/work/shared/realdata"
FONT = {"song": "/usr/share/fonts/truetype/arphic/uming.ttc", "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc",
        "hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"}
DPI = 150
MM = DPI / 25.4
W, H = int(210 * MM), int(297 * MM)
INK = (25, 25, 25)
BLUE = (30, 45, 140)
_fonts: dict = {}


def font(fam, px):
    k = (fam, int(px))
    if k not in _fonts:
        _fonts[k] = ImageFont.truetype(FONT[fam], int(px))
    return _fonts[k]


class Sheet:
    """One A4 sheet in pixels; coordinates given in millimetres."""

    def __init__(self, landscape=False, paper=(252, 251, 247)):
        self.w, self.h = (H, W) if landscape else (W, H)
        self.im = Image.new("RGB", (self.w, self.h), paper)
        self.d = ImageDraw.Draw(self.im)

    def text(self, x, y, s, size=4.0, fam="song", color=INK):
        self.d.text((x * MM, y * MM), s, font=font(fam, size * MM), fill=color)

    def width(self, s, size=4.0, fam="song"):
        return self.d.textlength(s, font=font(fam, size * MM)) / MM

    def center(self, y, s, size=6.0, fam="hei"):
        self.text((self.w / MM - self.width(s, size, fam)) / 2, y, s, size, fam)

    def hand(self, x, y, s, size=4.6, rng=None, color=BLUE):
        """Handwriting-like: each character in the kai face, jittered in place, size and angle."""
        rng = rng or np.random.default_rng(0)
        cx = x
        for ch in s:
            sz = size * rng.uniform(0.9, 1.12)
            f = font("kai", sz * MM)
            box = f.getbbox(ch)
            cw, chh = box[2] + 6, box[3] + 6
            tile = Image.new("L", (cw, chh), 0)
            ImageDraw.Draw(tile).text((3, 3), ch, font=f, fill=255)
            tile = tile.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, expand=True)
            px, py = int(cx * MM), int((y + rng.uniform(-0.6, 0.6)) * MM)
            self.im.paste(Image.new("RGB", tile.size, color), (px, py), tile)
            cx += (tile.size[0] - 6) / MM * rng.uniform(0.85, 1.0)
        return cx

    def line(self, x1, y1, x2, y2, w=2):
        self.d.line((x1 * MM, y1 * MM, x2 * MM, y2 * MM), fill=INK, width=w)

    def grid(self, x, y, cols, rows):
        xs = [x]
        for c in cols:
            xs.append(xs[-1] + c)
        ys = [y]
        for r in rows:
            ys.append(ys[-1] + r)
        for yy in ys:
            self.line(xs[0], yy, xs[-1], yy)
        for xx in xs:
            self.line(xx, ys[0], xx, ys[-1])
        return xs, ys

    def stamp(self, seal: Image.Image, cx, cy, diam_mm=40, angle=0.0):
        """Multiplies a seal (RGB, white where no ink) onto the sheet, centred at (cx, cy) mm."""
        s = seal.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
        k = diam_mm * MM / max(seal.size)
        s = s.resize((max(1, int(s.size[0] * k)), max(1, int(s.size[1] * k))), Image.LANCZOS)
        x0, y0 = int(cx * MM - s.size[0] / 2), int(cy * MM - s.size[1] / 2)
        multiply(self.im, s, x0, y0)

    def paste_ink(self, ink: Image.Image, x, y, width_mm):
        k = width_mm * MM / ink.size[0]
        s = ink.resize((max(1, int(ink.size[0] * k)), max(1, int(ink.size[1] * k))), Image.LANCZOS)
        multiply(self.im, s, int(x * MM), int(y * MM))


def multiply(page: Image.Image, ink: Image.Image, x0, y0):
    a = np.asarray(page).astype(np.float32)
    b = np.asarray(ink.convert("RGB")).astype(np.float32)
    h, w = b.shape[:2]
    X0, Y0 = max(0, x0), max(0, y0)
    X1, Y1 = min(a.shape[1], x0 + w), min(a.shape[0], y0 + h)
    if X1 <= X0 or Y1 <= Y0:
        return
    a[Y0:Y1, X0:X1] *= b[Y0 - y0:Y1 - y0, X0 - x0:X1 - x0] / 255.0
    page.paste(Image.fromarray(a.clip(0, 255).astype(np.uint8)))


# ------------------------------------------------------------------ real material

def _red_only(im: Image.Image, box=None) -> Image.Image:
    """The red ink of a real seal photo, the rest turned white (its paper, the print under it)."""
    if box:
        im = im.crop(box)
    a = np.asarray(im.convert("RGB")).astype(np.float32)
    red = a[..., 0] - np.maximum(a[..., 1], a[..., 2])
    alpha = np.clip((red - 25) / 70.0, 0, 1)[..., None]
    out = 255 - alpha * (255 - a)
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def real_seal(which: str) -> Image.Image:
    """S05: 北京中导开源科技有限公司 (tight crop); S06: the same body's 公章 from another photo; PX: 天津君和缘商贸有限公司
    发票专用章 (PaddleX demo)."""
    if which == "S05":
        return _red_only(Image.open(f"{REAL}/seals/real/S05_getseal_source.png"))
    if which == "S06":
        return _red_only(Image.open(f"{REAL}/seals/real/S06_sealcut_xnip.jpg"), (135, 105, 395, 365))
    if which == "PX":
        return _red_only(Image.open(f"{REAL}/seals/paddlex_seal_text_det.png"), (20, 20, 630, 630))
    raise KeyError(which)


def real_signatures() -> list[Image.Image]:
    """Handwritten signatures of Tobacco800 pages (the YOLO boxes), stretched back to their page's proportions, in
    dark blue ink."""
    out = []
    for lab in sorted(glob.glob(f"{REAL}/signatures_tobacco800_yolo/labels/*.txt")):
        rows = [r.split() for r in open(lab).read().split("\n") if r.strip()]
        if len(rows) != 1:
            continue
        _, cx, cy, w, h = map(float, rows[0])
        if not (0.15 < w < 0.32 and 0.035 < h < 0.09):
            continue
        img = glob.glob(lab.replace("/labels/", "/images/").replace(".txt", ".*"))
        if not img:
            continue
        im = Image.open(img[0]).convert("L")
        S = im.size[0]
        crop = im.crop((int((cx - w / 2) * S), int((cy - h / 2) * S), int((cx + w / 2) * S), int((cy + h / 2) * S)))
        crop = crop.resize((crop.size[0], int(crop.size[1] * 1.3)))
        g = np.asarray(crop).astype(np.float32)
        dark = np.clip((200 - g) / 120.0, 0, 1)[..., None]
        rgb = 255 - dark * (255 - np.array(BLUE, np.float32))
        out.append(Image.fromarray(rgb.astype(np.uint8)))
        if len(out) >= 24:
            break
    return out


def noise_lines() -> list[Image.Image]:
    out = []
    for f in ("cnocr_multi-line_cn1.png", "cnocr_multi-line_cn2.png", "paddleocr_tests_textline.png"):
        p = f"{REAL}/ocr_zh/{f}"
        if os.path.exists(p):
            out.append(Image.open(p).convert("RGB"))
    return out


def journals(names):
    import csv
    rows = {r["期刊名称"]: r for r in csv.DictReader(open(f"{REAL}/journals/cnki_journals_2023-11-30.csv",
                                                         encoding="utf-8"))}
    return {n: dict(journal=n, issn=rows[n]["ISSN"], cn=rows[n]["CN"], freq=rows[n]["出版周期"]) for n in names}


def warning_journal():
    import csv
    r = next(csv.DictReader(open(f"{REAL}/journals/showjcr_GJQKYJMD2024.csv", encoding="utf-8")))
    return r["Journal"]


def drawn_seal(text, bottom="", diam=400, rng=None, color=(200, 30, 35)):
    """A round seal drawn here (for bodies no real seal exists of): ring, text along the arc, a star, worn ink."""
    rng = rng or np.random.default_rng(1)
    im = Image.new("RGB", (diam, diam), (255, 255, 255))
    d = ImageDraw.Draw(im)
    r = diam / 2
    d.ellipse((6, 6, diam - 6, diam - 6), outline=color, width=int(diam * 0.03))
    n = len(text)
    span = min(250, 22 * n)
    f = font("song", diam * 0.13)
    for i, ch in enumerate(text):
        ang = -90 - span / 2 + span * (i + 0.5) / n
        t = Image.new("L", (int(diam * 0.17), int(diam * 0.17)), 0)
        ImageDraw.Draw(t).text((2, 0), ch, font=f, fill=255)
        t = t.rotate(-(ang + 90), resample=Image.BICUBIC, expand=True)
        rr = r * 0.74
        x = r + rr * math.cos(math.radians(ang)) - t.size[0] / 2
        y = r + rr * math.sin(math.radians(ang)) - t.size[1] / 2
        im.paste(Image.new("RGB", t.size, color), (int(x), int(y)), t)
    pts = []
    for k in range(10):
        rad = r * (0.2 if k % 2 == 0 else 0.08)
        a = math.radians(-90 + 36 * k)
        pts.append((r + rad * math.cos(a), r + rad * math.sin(a)))
    d.polygon(pts, fill=color)
    if bottom:
        fb = font("song", diam * 0.09)
        tw = d.textlength(bottom, font=fb)
        d.text((r - tw / 2, r * 1.3), bottom, font=fb, fill=color)
    a = np.asarray(im).astype(np.float32)
    wear = rng.random(a.shape[:2]) < 0.18
    a[wear] = a[wear] * 0.3 + 255 * 0.7
    return Image.fromarray(a.astype(np.uint8))


# ------------------------------------------------------------------ capture

def scan(im: Image.Image, rng, skew=1.2) -> Image.Image:
    a = np.asarray(im).astype(np.float32)
    a += rng.normal(0, 5, a.shape)
    out = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    return out.rotate(rng.uniform(-skew, skew), resample=Image.BICUBIC, fillcolor=(245, 245, 242))


def photo(im: Image.Image, rng, strength=1.0) -> Image.Image:
    """A phone photo of the sheet on a desk: perspective, uneven light, a shadow band, slight blur."""
    a = np.asarray(im)
    h, w = a.shape[:2]
    pad = int(0.08 * w)
    Wd, Hd = w + 2 * pad, h + 2 * pad
    j = lambda: rng.uniform(-0.035, 0.035) * w * strength  # noqa: E731
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[pad + j() + 0.02 * w * strength, pad + j()], [pad + w + j() - 0.03 * w * strength, pad + j()],
                      [pad + w + j(), pad + h + j()], [pad + j(), pad + h + j()]])
    M = cv2.getPerspectiveTransform(src, dst)
    desk = np.full((Hd, Wd, 3), (96, 84, 70), np.uint8)
    warped = cv2.warpPerspective(a, M, (Wd, Hd), dst=desk.copy(), borderMode=cv2.BORDER_TRANSPARENT,
                                 flags=cv2.INTER_LINEAR)
    yy, xx = np.mgrid[0:Hd, 0:Wd].astype(np.float32)
    light = 0.78 + 0.22 * (xx / Wd) * strength + 0.1 * (1 - yy / Hd)
    ang = rng.uniform(0.3, 1.2)
    band = (np.cos(ang) * xx + np.sin(ang) * yy) / (Wd + Hd)
    shadow = np.where(band < rng.uniform(0.25, 0.4), 0.72, 1.0).astype(np.float32)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 25)
    f = (warped.astype(np.float32) * (light * shadow)[..., None] * np.array([1.0, 0.98, 0.93]))
    f = cv2.GaussianBlur(f, (0, 0), 0.7) + rng.normal(0, 4, f.shape)
    return Image.fromarray(f.clip(0, 255).astype(np.uint8))


def turn(im: Image.Image, deg: int) -> Image.Image:
    return im.rotate(deg, expand=True) if deg else im
