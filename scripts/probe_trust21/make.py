"""Probe round 21 (issue 13): PHONE AND OFFICE CAPTURE as applicants really do it. The documents are probe_trust16's
(its page model: Leaf, stamp, scrawl, its forms and people); what is new is how each page reaches the desk:

- a photo of the paper lying on a wooden desk or a gingham tablecloth, the background 20-40 % of the frame, the page
  turned 3-15 degrees, a soft drop shadow, light falling off to the corners;
- a crease across the page (a darker line with a brightness step: one half a little darker than the other);
- a staple and a paper clip's shadow in a corner; a thumb over a margin (holding the page flat);
- glare: a blown-out white ellipse partly over the seal or a date;
- low light: a dark, noisy frame saved at JPEG quality 25-40;
- a photo of the page shown on a monitor (the RGB subpixel stripes, moire, a dark bezel, a cold cast);
- a page photographed inside a transparent plastic sleeve (uneven sheen, a loss of contrast);
- a fax-like 1-bit dithered scan (TIFF, 204 x 196 or 204 x 98 dpi);
- files saved oddly: PNG with alpha (a scanner app's cut-out, transparent corners), a 16-bit grey PNG, a CMYK JPEG,
  a multi-page TIFF; EXIF orientation tags that disagree with the pixels (an app that turned the pixels and kept the
  tag; one that kept the pixels lying sideways and dropped it).

Planted defects are rules of docs/CONTRACT.md placed where the capture hurts: the out-of-period date under the
glare's edge, the other body's seal on the creased half, the missing signature where the thumb is, ...

    PROBE_OUT=/tmp/trust21 python scripts/probe_trust21/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust21 python scripts/probe_trust21/score.py OUT -v

Needs Pillow, numpy and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import importlib.util
import json
import math
import os
import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

os.environ.setdefault("PROBE_OUT", "/tmp/trust21")
_spec = importlib.util.spec_from_file_location("probe16", Path(__file__).resolve().parent.parent / "probe_trust16" / "make.py")
T = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(T)
MM, rng = T.MM, T.rng
OUT = Path(os.environ["PROBE_OUT"])

# ---------------------------------------------------------------- a signature left out (the page model draws them all)

_SKIP_SCRAWL: set[str] = set()
_scrawl = T.scrawl


def _maybe_scrawl(leaf, x_mm, y_mm, seed, *a, **k):
    if seed not in _SKIP_SCRAWL:
        _scrawl(leaf, x_mm, y_mm, seed, *a, **k)


T.scrawl = _maybe_scrawl

# where the forms of probe_trust16 put their seal, dates and fields (mm on the leaf), for the captures to aim at
SPOTS = {
    "推荐表-2": {"seal": (155, 77), "date": (140, 92), "sign": (98, 76)},
    "公示": {"seal": (150, 140), "date": (160, 152), "range": (100, 70)},
    "考核": {"seal": (146, 261), "date": (140, 274), "grade": (60, 234), "title": (105, 23)},
    "职称证": {"seal": (200, 152), "date": (195, 102)},
    "获奖证书": {"seal": (220, 150), "date": (220, 165)},
    "身份证": {"id": (95, 76)},
    "学历认证": {"name": (90, 38), "seal": (150, 178)},
}


def spot(doc, what, page=None):
    key = "考核" if doc.endswith("考核") else doc
    return SPOTS.get(f"{key}-{page}", SPOTS.get(key, {})).get(what)


# ---------------------------------------------------------------- marks on the paper itself (leaf pixels)


def _arr(img):
    return np.asarray(img.convert("RGB"), np.float32)


def _img(a):
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def crease(img, r, y_mm=None, step=0.9):
    """A fold across the page: a dark line with a thin highlight beside it, and a brightness step (the half beyond
    the fold turned a little away from the light)."""
    a = _arr(img)
    h = a.shape[0]
    y = (y_mm * MM) if y_mm is not None else h * r.uniform(0.45, 0.55)
    yy = np.arange(h)[:, None] + (np.arange(a.shape[1])[None, :] * r.uniform(-0.02, 0.02))  # not quite level
    line = 1 - 0.35 * np.exp(-((yy - y) / 2.5) ** 2) + 0.06 * np.exp(-((yy - y - 6) / 3) ** 2)
    side = np.where(yy > y, step, 1.0) if r.random() < 0.5 else np.where(yy < y, step, 1.0)
    return _img(a * (line * side)[..., None])


def staple_clip(img, r):
    """A staple across the top-left corner, a paper clip over the top-right edge with its shadow."""
    img = img.copy()
    w, h = img.size
    sh = Image.new("L", img.size, 0)
    ds = ImageDraw.Draw(sh)
    d = ImageDraw.Draw(img)
    x0, y0 = int(w * 0.05), int(h * 0.035)
    x1, y1 = x0 + int(w * 0.07), y0 + int(w * 0.025)
    ds.line((x0 + 5, y0 + 7, x1 + 5, y1 + 7), fill=140, width=9)
    cx = int(w * r.uniform(0.72, 0.85))
    for (u0, v0, u1, v1) in ((cx, -40, cx + 46, 160), (cx + 10, -20, cx + 38, 120)):
        ds.rounded_rectangle((u0 + 8, v0 + 10, u1 + 8, v1 + 10), 22, outline=120, width=6)
    sh = sh.filter(ImageFilter.GaussianBlur(5))
    a = _arr(img) * (1 - np.asarray(sh, np.float32)[..., None] / 255 * 0.6)
    img = _img(a)
    d = ImageDraw.Draw(img)
    d.line((x0, y0, x1, y1), fill=(150, 152, 160), width=7)
    d.line((x0, y0 - 2, x1, y1 - 2), fill=(215, 218, 225), width=2)
    for (u0, v0, u1, v1) in ((cx, -40, cx + 46, 160), (cx + 10, -20, cx + 38, 120)):
        d.rounded_rectangle((u0, v0, u1, v1), 22, outline=(175, 178, 186), width=5)
    return img


def thumb(img, r, at_mm, side="left"):
    """A thumb holding the page flat: a skin-coloured, shaded blob from the page's edge over ``at_mm`` (its tip)."""
    w, h = img.size
    tx, ty = at_mm[0] * MM, at_mm[1] * MM
    m = Image.new("L", img.size, 0)
    dm = ImageDraw.Draw(m)
    ln, rh = 60 * MM, 10 * MM  # a thumb's reach onto the page and half its width
    if side == "left":
        dm.rounded_rectangle((max(-rh, tx - ln), ty - rh, tx, ty + rh), int(rh), fill=255)
    else:
        dm.rounded_rectangle((tx, ty - rh, min(w + rh, tx + ln), ty + rh), int(rh), fill=255)
    m = m.filter(ImageFilter.GaussianBlur(6))
    mk = np.asarray(m, np.float32)[..., None] / 255
    yy = np.arange(h)[:, None, None]
    shade = 0.75 + 0.3 * np.clip(1 - np.abs(yy - ty) / rh, 0, 1)  # rounder in the middle, lit there
    skin = np.array((214, 160, 132), np.float32) * shade
    a = _arr(img)
    # the thumb's shadow on the paper just below it
    sh = np.roll(mk, int(0.012 * h), axis=0) * 0.3
    a = a * (1 - sh)
    a = a * (1 - mk) + skin * mk
    return _img(a)


def glare(img, r, at_mm, rx_mm=26, ry_mm=14, off=(0.6, 0.0)):
    """A blown-out ellipse of reflected light, its centre ``off`` radii beside ``at_mm`` so that only its edge (and
    the soft falloff) lies over the spot."""
    a = _arr(img)
    h, w = a.shape[:2]
    cx, cy = at_mm[0] * MM + off[0] * rx_mm * MM, at_mm[1] * MM + off[1] * ry_mm * MM
    yy, xx = np.mgrid[0:h, 0:w]
    ang = r.uniform(-0.5, 0.5)
    u = ((xx - cx) * math.cos(ang) + (yy - cy) * math.sin(ang)) / (rx_mm * MM)
    v = (-(xx - cx) * math.sin(ang) + (yy - cy) * math.cos(ang)) / (ry_mm * MM)
    d = np.sqrt(u * u + v * v)
    m = np.clip(1.6 - d, 0, 1) ** 1.5  # flat white in the core, a soft rim to 1.6 radii
    m = np.maximum(m, 0.35 * np.exp(-(d / 2.2) ** 2))
    a = a + (255 - a) * m[..., None]
    return _img(a)


def sleeve(img, r):
    """Inside a transparent plastic sleeve: broad uneven sheen (contrast lost where it lies), two bright wrinkles."""
    a = _arr(img)
    h, w = a.shape[:2]
    g = np.random.default_rng(r.randrange(1 << 30))
    field = Image.fromarray((g.random((h // 40 + 2, w // 40 + 2)) * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    s = np.asarray(field.filter(ImageFilter.GaussianBlur(60)), np.float32) / 255
    s = np.clip((s - s.min()) / (np.ptp(s) + 1e-6), 0, 1) * 0.45
    yy, xx = np.mgrid[0:h, 0:w]
    for _ in range(2):
        k = r.uniform(-0.6, 0.6)
        c = r.uniform(0.2, 0.8) * h
        s = np.maximum(s, 0.55 * np.exp(-((yy - c - k * (xx - w / 2)) / r.uniform(8, 20)) ** 2))
    a = a * 0.93 + 8
    a = a + (245 - a) * s[..., None]
    return _img(a)


# ---------------------------------------------------------------- the photo: the page in the frame


def _texture(kind, w, h, r):
    g = np.random.default_rng(r.randrange(1 << 30))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        warp = np.asarray(Image.fromarray((g.random((h // 60 + 2, w // 60 + 2)) * 255).astype(np.uint8))
                          .resize((w, h), Image.BICUBIC), np.float32) / 255
        grain = np.sin(yy * 0.045 + warp * 9 + np.sin(xx * 0.004) * 3)
        fine = g.normal(0, 1, (h, w // 8 + 1)).repeat(8, axis=1)[:, :w]
        base = np.array((150, 102, 62), np.float32)
        a = base * (0.82 + 0.12 * grain[..., None] + 0.03 * fine[..., None])
    else:  # gingham tablecloth, woven red and white, slightly turned
        t = r.uniform(-0.2, 0.2)
        u = xx * math.cos(t) + yy * math.sin(t)
        v = -xx * math.sin(t) + yy * math.cos(t)
        s = r.choice((40, 56, 70))
        cu = ((u // s) % 2 == 0).astype(np.float32)
        cv = ((v // s) % 2 == 0).astype(np.float32)
        red = (cu + cv) / 2
        white = np.array((238, 236, 230), np.float32)
        col = np.array((196, 40, 50), np.float32) if r.random() < 0.6 else np.array((40, 70, 160), np.float32)
        a = white * (1 - red[..., None]) + (white * 0.35 + col * 0.65) * red[..., None]
        a *= 1 + 0.04 * np.sin(xx * 1.3)[..., None] * np.sin(yy * 1.3)[..., None]
    return a


def desk_photo(img, r, bg="wood", angle=None, fill=None, scale=1.0, quality=82, exif=None):
    """The paper photographed lying on a desk or a tablecloth: the page turned ``angle`` degrees (3-15), the
    background ``fill`` of the frame (0.2-0.4), a drop shadow, light falling off, a little keystone and blur."""
    angle = angle if angle is not None else r.choice((-1, 1)) * r.uniform(3, 15)
    fill = fill if fill is not None else r.uniform(0.2, 0.4)
    page = img.convert("RGBA")
    rot = page.rotate(angle, resample=Image.BICUBIC, expand=True)
    pw, ph = rot.size
    # frame whose area the page (its own area, not its turned box) leaves ``fill`` of to the background
    area = img.size[0] * img.size[1] / (1 - fill)
    aspect = 3 / 4 if ph >= pw else 4 / 3
    W = max(pw + 20, int(math.sqrt(area * aspect)))
    H = max(ph + 20, int(W / aspect))
    a = _texture(bg, W, H, r)
    ox, oy = (W - pw) // 2 + r.randint(-(W - pw) // 4, (W - pw) // 4 + 1), (H - ph) // 2 + r.randint(-(H - ph) // 4, (H - ph) // 4 + 1)
    alpha = np.zeros((H, W), np.float32)
    al = np.asarray(rot.split()[3], np.float32) / 255
    alpha[oy:oy + ph, ox:ox + pw] = al
    shadow = np.asarray(Image.fromarray((alpha * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(14)), np.float32) / 255
    shadow = np.roll(np.roll(shadow, 12, 0), 9, 1)
    a = a * (1 - 0.45 * shadow[..., None])
    rgb = np.zeros((H, W, 3), np.float32)
    rgb[oy:oy + ph, ox:ox + pw] = np.asarray(rot.convert("RGB"), np.float32)
    a = a * (1 - alpha[..., None]) + rgb * alpha[..., None]
    yy, xx = np.mgrid[0:H, 0:W]
    cx, cy = r.uniform(0.3, 0.7) * W, r.uniform(0.3, 0.7) * H
    light = 1.02 - 0.28 * (((xx - cx) / W) ** 2 + ((yy - cy) / H) ** 2) * 2
    a = a * light[..., None] * np.array((1.0, 0.97, 0.9), np.float32)  # warm indoor light
    out = _img(a)
    d = r.uniform(0.01, 0.035) * W
    coeffs = T._persp([(0, 0), (W, 0), (W, H), (0, H)], [(d, 0), (W - d * 0.4, d * 0.3), (W, H), (0, H - d * 0.2)])
    out = out.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(60, 50, 40))
    if scale != 1.0:
        out = out.resize((int(W * scale), int(H * scale)), Image.LANCZOS)
    return out.filter(ImageFilter.GaussianBlur(0.5))


def low_light(img, r):
    """A dim room: the camera's gain lifts a dark frame, its noise in luminance and colour, a yellow cast."""
    a = _arr(img) * r.uniform(0.62, 0.75) * np.array((1.0, 0.93, 0.78), np.float32)
    g = np.random.default_rng(r.randrange(1 << 30))
    h, w = a.shape[:2]
    a += g.normal(0, r.uniform(9, 14), (h, w, 1))
    a += g.normal(0, 6, (h // 2 + 1, w // 2 + 1, 3)).repeat(2, 0).repeat(2, 1)[:h, :w]
    return _img(a * 1.18).filter(ImageFilter.GaussianBlur(0.6))


def monitor_photo(img, r):
    """The page shown on a monitor and photographed: each screen pixel three vertical R, G, B stripes with a dark
    gap, the grid sampled again by the camera at a slight turn (moire), a bezel around, a cold cast."""
    w, h = img.size
    sh = int(h * r.uniform(0.62, 0.7))  # the page shown at ~0.66 of its pixels on the screen
    sw = int(w * sh / h)
    screen = np.asarray(img.convert("RGB").resize((sw, sh), Image.LANCZOS), np.float32)
    sub = np.zeros((sh * 3, sw * 3, 3), np.float32)
    for c in range(3):
        sub[:, c::3, c] = screen.repeat(3, 0)[:, :, c].repeat(1, 1)
    sub[2::3] *= 0.55  # the dark row gap
    big = Image.fromarray(sub.clip(0, 255).astype(np.uint8))
    # a dark bezel and desk around the screen
    W, H = int(big.width * 1.22), int(big.height * 1.16)
    frame = Image.new("RGB", (W, H), (22, 22, 26))
    frame.paste(big, ((W - big.width) // 2, (H - big.height) // 2))
    frame = frame.rotate(r.uniform(-3, 3), resample=Image.BILINEAR, fillcolor=(70, 62, 55))
    # the camera sees it at about 1.2 of the page's pixels: the stripes alias into moire
    k = r.uniform(0.4, 0.46)
    out = frame.resize((int(W * k), int(H * k)), Image.BILINEAR)
    a = _arr(out)
    a = 30 + a * 0.95 * np.array((0.86, 0.95, 1.08), np.float32) * 2.0  # the screen glows: gain lifted
    return _img(a).filter(ImageFilter.GaussianBlur(0.7))


def fax(img, dpi=(204, 196)):
    """A fax: A4 at 1728 px across, ``dpi`` (fine 204 x 196, standard 204 x 98: half the rows), 1-bit dithered."""
    g = img.convert("L")
    w = 1728
    hgt = int(g.height * w / g.width * dpi[1] / dpi[0])
    g = g.resize((w, hgt), Image.LANCZOS)
    return g.convert("1")  # Floyd-Steinberg


def alpha_cutout(img, r):
    """A scanner app's cut-out, saved as PNG with alpha: the page straightened badly (turned 4-8 degrees) and the
    corners outside it transparent, their colour black."""
    rot = img.convert("RGBA").rotate(r.choice((-1, 1)) * r.uniform(4, 8), resample=Image.BICUBIC, expand=True,
                                     fillcolor=(0, 0, 0, 0))
    return rot


def grey16(img):
    a = np.asarray(img.convert("L"), np.uint16) * 257
    return Image.fromarray(a.astype(np.uint16))


# ---------------------------------------------------------------- how a dossier is captured


def capture(doc, i, leaf, how, r):
    """One page through the capture ``how`` (a list of steps). Returns (image, extension, save options)."""
    img = leaf.img
    ext, opts = ".jpg", {"quality": 88}
    for step in how:
        name, arg = (step if isinstance(step, tuple) else (step, None))
        if name == "crease":
            img = crease(img, r, **(arg or {}))
        elif name == "staple":
            img = staple_clip(img, r)
        elif name == "thumb":
            at = spot(doc, arg, i + 1) if isinstance(arg, str) else arg
            img = thumb(img, r, (at[0] + 17, at[1] + 12) if at and isinstance(arg, str) else at or (20, 150), "left")
        elif name == "glare":
            what, off = arg if isinstance(arg, tuple) else (arg, (0.6, 0.0))
            at = spot(doc, what, i + 1) or (img.width / MM / 2, img.height / MM / 2)
            img = glare(img, r, at, off=off)
        elif name == "sleeve":
            img = sleeve(img, r)
        elif name in ("wood", "cloth"):
            img = desk_photo(img, r, bg=name, **(arg or {}))
            opts = {"quality": 82}
        elif name == "lowlight":
            img = low_light(img, r)
            opts = {"quality": r.randint(25, 40)}
        elif name == "monitor":
            img = monitor_photo(img, r)
            opts = {"quality": 85}
        elif name == "fax":
            img = fax(img, arg or (204, 196))
            ext, opts = ".tif", {"compression": "group4", "dpi": arg or (204, 196)}
        elif name == "alpha":
            img = alpha_cutout(img, r)
            ext, opts = ".png", {}
        elif name == "grey16":
            img = grey16(img)
            ext, opts = ".png", {}
        elif name == "cmyk":
            img = img.convert("CMYK")
            ext, opts = ".jpg", {"quality": 90}
        elif name == "exif_kept":  # pixels turned upright by an app, the sensor's tag (6: turn 90 cw) kept
            ex = Image.Exif()
            ex[0x0112] = arg or 6
            opts = dict(opts, exif=ex.tobytes())
        elif name == "sideways":  # pixels as the sensor lay (page sideways), the tag dropped by a chat app
            img = img.rotate(90 if (arg or 90) == 90 else -90, expand=True)
        elif name == "exif_wrong":  # pixels sideways, and a tag that turns them the wrong way (upside down)
            img = img.rotate(90, expand=True)
            ex = Image.Exif()
            ex[0x0112] = 6  # turning 90 cw again: the page ends upside down
            opts = dict(opts, exif=ex.tobytes())
        else:
            raise ValueError(name)
    return img, ext, opts


def write(folder: Path, docs, plan, camnames, seed):
    """Each document's pages captured per ``plan`` (doc -> steps; "*" for the rest); ``tiff`` in a doc's steps puts
    its pages in one multi-page TIFF."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for doc, leaves in docs:
        how = plan.get(doc, plan.get("*", []))
        if doc.endswith("考核") and "考核" in plan:
            how = plan["考核"].get(doc[:4], plan["考核"].get("*", [])) if isinstance(plan["考核"], dict) else plan["考核"]
        if "tiff" in how:
            frames = [capture(doc, i, leaf, [s for s in how if s != "tiff"], rng(seed, doc, i))[0].convert("RGB")
                      for i, leaf in enumerate(leaves)]
            frames[0].save(folder / f"{doc}.tif", save_all=True, append_images=frames[1:], compression="tiff_lzw",
                           dpi=(150, 150))
            continue
        for i, leaf in enumerate(leaves):
            img, ext, opts = capture(doc, i, leaf, how, rng(seed, doc, i))
            n += 1
            if camnames and ext == ".jpg" and any(isinstance(s, str) and s in ("wood", "cloth", "lowlight", "monitor")
                                                  or isinstance(s, tuple) and s[0] in ("wood", "cloth") for s in how):
                name = f"IMG_20241020_{rng(seed, n).randrange(100000, 999999)}"
            else:
                name = f"{doc}{'-' + str(i + 1) if len(leaves) > 1 else ''}"
            img.save(folder / (name + ext), **opts)


PHONE = ["wood"]
CLOTH = ["cloth"]

SET = [
    # key, person, variant (probe_trust16's), capture plan, camnames, planted rule
    ("C01", "D", {}, {"*": ["wood"]}, False, None),
    ("C02", "E", {}, {"*": ["cloth"], "职称证": ["staple", "crease", "wood"]}, True, None),
    ("C03", "G", {}, {"*": [], "推荐表": ["crease", "staple", "wood"], "职称证": [("glare", ("date", (0.9, 0.3))), "wood"],
                      "公示": [("glare", "seal"), "cloth"]}, False, None),
    ("C04", "D", {}, {"*": ["lowlight"], "身份证": ["monitor"]}, True, None),
    ("C05", "E", {}, {"*": ["sleeve", "wood"], "论文": ["tiff"], "身份证": ["cmyk"]}, False, None),
    ("C06", "G", {}, {"*": [("fax", (204, 196))], "论文": ["grey16"], "公示": [("fax", (204, 98))]}, False, None),
    ("C07", "D", {}, {"*": ["alpha"], "职称证": ["grey16"], "考核": ["exif_kept"]}, False, None),
    ("C08", "E", {}, {"*": ["wood", "exif_kept"], "推荐表": [("thumb", (20, 60)), "cloth"], "获奖证书": [("glare", "seal"), "wood"]},
     True, None),
    ("C09", "G", {}, {"*": ["sideways"], "职称证": ["exif_wrong"], "论文": ["monitor"]}, False, None),
    ("C10", "D", {"booklet": True}, {"*": ["crease", "lowlight"], "考核": ["sleeve", "cloth"]}, False, None),
    ("C11", "E", {"hand_ass": True, "hand_rec": True}, {"*": ["staple", "crease", "wood"], "身份证": ["monitor"],
                                                       "公示": [("glare", "range"), "wood"]}, True, None),
    ("C12", "G", {}, {"*": ["sleeve", "lowlight"], "论文": ["cmyk"], "职称证": [("glare", "seal"), "sleeve", "cloth"]}, False, None),
    ("C13", "D", {}, {"*": ["monitor"], "推荐表": ["tiff"]}, False, None),
    ("C14", "E", {"dotdates": True}, {"*": [("thumb", (12, 200)), "crease", "cloth"], "论文": ["alpha"], "身份证": ["grey16"]},
     True, None),
    # planted: the defect where the capture hurts
    ("P01", "D", {"title_printed": "2020-12-26"}, {"*": ["wood"], "职称证": [("glare", ("date", (1.0, 0.2))), "wood"]}, False,
     "title.date"),
    ("P02", "G", {"rec_seal_name": "抚顺市顺城区生态环境分局"},
     {"*": ["cloth"], "推荐表": [("crease", {"y_mm": 70, "step": 0.82}), "cloth"]}, True, "seal.unit"),
    ("P03", "E", {"skip_sign": "boss"}, {"*": ["wood"], "推荐表": [("thumb", "sign"), "wood"]}, False, "signature.present"),
    ("P04", "D", {"pub": ("2024年10月15日", "2024年10月17日")}, {"*": ["lowlight"]}, True, "publicity.duration"),
    ("P05", "G", {"id_on_card": "OTHER"}, {"*": [], "身份证": ["monitor"]}, False, "identity.id_number"),
    ("P06", "D", {"grades": {2022: "基本合格"}}, {"*": [], "考核": ["sleeve", "wood"]}, False, "assessment.years"),
    ("P07", "E", {"years": (2021, 2023)}, {"*": ["wood"], "考核": ["crease", "cloth"]}, True, "assessment.years"),
    ("P08", "G", {"ass_sealless": 2022}, {"*": [], "考核": [("glare", ("seal", (0.3, 0.0))), "wood"]}, False, "seal.present"),
    ("P09", "D", {"edu_name": "韩雪娟"}, {"*": [("fax", (204, 98))]}, False, "identity.name"),
    ("P10", "E", {"award_printed": "2016-11"}, {"*": [], "获奖证书": ["wood", "exif_kept"]}, True, "evidence.after_title"),
    ("P11", "G", {"issn_printed": "1674-6260"}, {"*": [], "论文": ["sleeve", "tiff"]}, False, "journal.issn"),
    ("P12", "G", {"cn_printed": "11-5860/X"}, {"*": [], "论文": ["cmyk"]}, False, "journal.cn"),
    ("P13", "D", {"title_printed": "2020-12-26"}, {"*": ["alpha"], "职称证": ["grey16"]}, False, "title.date"),
    ("P14", "G", {"ass_year_printed": {2022: 2020}}, {"*": [], "考核": ["alpha"]}, False, "assessment.years"),
    ("P15", "E", {"pub": ("2024年10月15日", "2024年10月16日")}, {"*": [], "公示": [("glare", ("range", (1.1, 0.0))), "cloth"]},
     True, "publicity.duration"),
    ("P16", "E", {"rec_seal_name": "新宾满族自治县生态环境局"},
     {"*": ["staple", "crease", "wood"], "推荐表": ["staple", ("crease", {"y_mm": 80, "step": 0.85}), "wood"]}, True, "seal.unit"),
    ("P17", "G", {"title_printed": "2018-12-08"}, {"*": [], "职称证": ["monitor"]}, False, "title.date"),
    ("P18", "D", {"id_on_card": "OTHER"}, {"*": ["sideways"], "身份证": [("thumb", (60, 76)), "wood", "exif_kept"]}, False,
     "identity.id_number"),
]


def main():
    root = OUT / "set"
    if root.exists() and len(sys.argv) == 1:
        shutil.rmtree(root)
    key = {}
    only = set(sys.argv[1:])  # regenerate these dossiers alone (the answer key is written whole)
    for k, who, v, plan, camnames, planted in SET:
        p = dict(T.PEOPLE[who])
        v = dict(v)
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = T.other_id(p)
        _SKIP_SCRAWL.clear()
        if v.get("skip_sign") == "boss":
            _SKIP_SCRAWL.add(p["name"] + "boss")
        if not only or k in only:
            shutil.rmtree(root / k, ignore_errors=True)
            write(root / k, T.dossier(p, v), plan, camnames, k)
        (root / k / "applicant.yaml").write_text(T.yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "capture21", "person": who, "variant": {a: str(b) for a, b in v.items()},
                  "capture": {d: str(s) for d, s in plan.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
