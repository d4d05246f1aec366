"""Probe round 33 (issue 13): DOSSIERS AS APPLICANTS SEND THEM FROM A PHONE THROUGH CHAT APPS. The documents are
probe_trust31's (its make.py loaded as a module: its Sheets, seal pictures, forms and people); what is new is how the
pages reach the desk, none of which an earlier round did:

- WeChat's compression: each page a JPEG whose long side is 1080-1280 px at quality 40-60, then RESENT (forwarded
  to the HR officer, saved, sent on): decoded and encoded again at quality 50-70 with 4:2:0 chroma each time, so the
  red of a seal is subsampled twice and ringed by JPEG blocks; files named as phones name them (微信图片_2024…,
  mmexport…);
- 长图: ONE TALL IMAGE stacking 2-4 pages of different kinds, as a phone's long screenshot of a PDF viewer (each page
  1080 px wide, a grey gap between pages, the status bar on top) or a stitched scan (pages end to end, no gap, each a
  little differently lit), itself sent through WeChat;
- a scanner app's marks on every page: the footer 「扫描全能王 创建」 with its logo box, and a faint diagonal
  「仅供职称评审使用」 repeated over the text, as applicants are told to add (grey or pale red), the pages exported as
  one PDF of JPEGs;
- a phone screenshot of the page open in a chat app's PDF viewer: a 1080 x 2400 frame, the status bar (time, signal,
  battery), the viewer's title bar (「<  申报材料.pdf」 and ···) and bottom toolbar (page 3/10), the page small in the
  middle on grey;
- a photo of the PDF open on a monitor: the viewer's toolbar and thumbnail pane around the page, the screen's bezel
  and the desk, perspective of a hand-held phone, a cold cast and faint moire;
- a touch-screen e-signature pasted on the forms: one smooth stroke width, one colour (black or blue), the strokes
  joined as a finger writes, pasted as a picture with its own white box over the form's lines.

Planted, one per planted dossier, placed where the capture hurts: the other unit's seal on an assessment form inside a
long image, a seal of a body one character away under the watermark, the recommendation form unsealed (WeChat twice),
unsigned where the others carry e-signatures, a card whose check digit is wrong (screenshot), another person's name
on the title certificate (inside a long image), a title certificate a year off (monitor photo), 2022's assessment
form missing from a long image of the years, a grade 不合格, a publicity of 3 working days, an award before the title,
a journal whose CN's province is wrong.

    PROBE_OUT=/tmp/trust33 python scripts/probe_trust33/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/probe33-ocr.sqlite
    PROBE_OUT=/tmp/trust33 python scripts/probe_trust33/score.py OUT -v

``PROBE_ONLY="T33-05"`` makes only those dossiers. Needs Pillow, numpy, OpenCV, fpdf2, python-stdnum and the CJK
fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
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

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust33"))
ONLY = os.environ.get("PROBE_ONLY", "").split()
sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

T = load_round(31)
font, HEI, MING, KAI = T.font, T.HEI, T.MING, T.KAI

# ---------------------------------------------------------------- a touch-screen e-signature
ESIGN = {"on": False}
_handwriting31 = T.handwriting


def esign(sheet, name: str, x: float, y: float, rng: random.Random):
    """The name written with a finger on a phone: the Kai glyphs thinned to their core and drawn again with one round
    pen of a fixed width (no pressure, no ink pooling), the characters joined by a connecting stroke, slanted; one
    colour; pasted as a picture with its white box (over the form's lines where it lands on them)."""
    if not ESIGN["on"]:
        return _handwriting31(sheet, name, x, y, rng)
    size = rng.randint(70, 84)
    w, h = int(size * (len(name) + 1.2)), int(size * 1.5)
    g = Image.new("L", (w, h), 0)
    ImageDraw.Draw(g).text((size // 4, size // 8), name, font=font(KAI, size), fill=255)
    core = thin((np.asarray(g) > 110).astype(np.uint8))
    d = ImageDraw.Draw(im := Image.fromarray(core * 255))
    for k in range(len(name) - 1):  # the finger does not lift between characters: a joining stroke
        x0 = size // 4 + size * (k + 0.8)
        d.line([(x0, size * 0.95), (x0 + size * 0.4, size * 0.5)], fill=255, width=2)
    pen = rng.choice([3, 4, 5])
    m = cv2.dilate(np.asarray(im), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (pen, pen)))
    m = cv2.GaussianBlur(m, (3, 3), 0.8)
    g = Image.fromarray(m).transform((w, h), Image.AFFINE, (1, rng.uniform(-0.3, -0.12), size * 0.2, 0, 1, 0),
                                     Image.BICUBIC)
    ink = rng.choice([(0, 0, 0), (0, 0, 0), (20, 60, 200)])
    pic = Image.new("RGB", (w, h), (255, 255, 255))
    pic.paste(ink, (0, 0), g)
    if rng.random() < 0.5:  # a screenshot of the signing pad, its box a shade off white
        pic = Image.fromarray(np.minimum(np.asarray(pic), 250).astype(np.uint8))
    sheet.im.paste(pic, (int(x), int(y)))


T.handwriting = esign


def thin(a: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a 0/1 mask: the strokes' one-pixel core (the finger's path)."""
    a = np.pad(a.astype(np.uint8), 1)
    while True:
        changed = False
        for step in (0, 1):
            p = [np.roll(np.roll(a, -dy, 0), -dx, 1) for dy, dx in
                 [(-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1)]]
            b = sum(p)
            seq = p + [p[0]]
            trans = sum(((seq[k] == 0) & (seq[k + 1] == 1)).astype(np.uint8) for k in range(8))
            if step == 0:
                c = (p[0] * p[2] * p[4] == 0) & (p[2] * p[4] * p[6] == 0)
            else:
                c = (p[0] * p[2] * p[6] == 0) & (p[0] * p[4] * p[6] == 0)
            kill = (a == 1) & (b >= 2) & (b <= 6) & (trans == 1) & c
            if kill.any():
                a[kill] = 0
                changed = True
        if not changed:
            return a[1:-1, 1:-1]

# ---------------------------------------------------------------- captures


def jpeg(im: Image.Image, q: int, sub: int = 2) -> Image.Image:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=q, subsampling=sub)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def wechat(im: Image.Image, rng: random.Random, resends: int = 2, long_side=None) -> Image.Image:
    """WeChat's "send picture" (not the original): the long side to 1080-1280 px, but a picture more than twice as
    long as wide only to 1280 px on its short side (a long screenshot keeps its 1080 px width), quality 40-60, 4:2:0;
    each resend decodes and encodes it again."""
    w, h = im.size
    if long_side is None:
        long_side = rng.randint(1080, 1280)
    s = 1280 / min(w, h) if max(w, h) > 2 * min(w, h) else long_side / max(w, h)
    if s < 1:
        im = im.resize((round(w * s), round(h * s)), Image.LANCZOS)
    im = jpeg(im, rng.randint(40, 60))
    for _ in range(resends):
        im = jpeg(im, rng.randint(50, 70))
    return im


def wx_name(rng: random.Random, i: int) -> str:
    t = 20240918093000 + i * 7 + rng.randint(0, 5)
    return rng.choice([f"微信图片_{t}.jpg", f"mmexport{1726623000000 + i * 1373 + rng.randint(0, 999)}.jpg"])


def status_bar(w: int, rng: random.Random, dark=False) -> Image.Image:
    bar = Image.new("RGB", (w, 96), (30, 30, 30) if dark else (237, 237, 237))
    d = ImageDraw.Draw(bar)
    fg = "white" if dark else "black"
    d.text((48, 24), f"{rng.randint(8, 22)}:{rng.randint(0, 59):02d}", font=font(HEI, 40), fill=fg)
    for k in range(4):  # signal bars
        d.rectangle([w - 300 + k * 16, 66 - 10 * k, w - 290 + k * 16, 70], fill=fg)
    d.text((w - 228, 28), "5G", font=font(HEI, 32), fill=fg)
    d.rounded_rectangle([w - 150, 32, w - 80, 66], 8, outline=fg, width=3)
    d.rectangle([w - 146, 36, w - 146 + rng.randint(20, 62), 62], fill=fg)
    d.text((w - 70, 30), f"{rng.randint(20, 99)}", font=font(HEI, 28), fill=fg)
    return bar


def long_image(pages: list[Image.Image], rng: random.Random, style: str) -> Image.Image:
    """2-4 pages stacked in one tall picture: a long screenshot of a viewer (1080 wide, grey gaps, status bar on
    top) or a stitched scan (end to end, each page lit a little differently, a few pixels of overlap lost)."""
    if style == "shot":
        w, gap = 1080, rng.randint(14, 28)
        scaled = [p.resize((w - 40, round(p.height * (w - 40) / p.width)), Image.LANCZOS) for p in pages]
        hh = 96 + 130 + sum(s.height + gap for s in scaled)
        out = Image.new("RGB", (w, hh), (229, 229, 229))
        out.paste(status_bar(w, rng), (0, 0))
        d = ImageDraw.Draw(out)
        d.rectangle([0, 96, w, 226], fill=(247, 247, 247))
        d.text((40, 130), "<", font=font(HEI, 52), fill="black")
        d.text((330, 136), "申报材料.pdf", font=font(HEI, 44), fill="black")
        d.text((w - 110, 120), "···", font=font(HEI, 52), fill="black")
        y = 226 + gap
        for s in scaled:
            out.paste(s, (20, y))
            y += s.height + gap
        return out
    w = rng.randint(1240, 1654)
    scaled = []
    for p in pages:
        s = p.resize((w, round(p.height * w / p.width)), Image.LANCZOS)
        a = np.asarray(s).astype(np.float32) * rng.uniform(0.9, 0.98) + rng.uniform(4, 14)
        s = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        cut = rng.randint(0, 40)  # the stitcher's overlap: a strip of the top margin lost
        scaled.append(s.crop((0, cut, w, s.height)))
    out = Image.new("RGB", (w, sum(s.height for s in scaled)), "white")
    y = 0
    for s in scaled:
        out.paste(s, (0, y))
        y += s.height
    return out


def scanner_app(im: Image.Image, rng: random.Random, mark: str) -> Image.Image:
    """The scanner app's footer on every page and the applicant's diagonal watermark over the text."""
    im = im.copy()
    w, h = im.size
    wm = Image.new("L", (w * 2, h * 2), 0)
    d = ImageDraw.Draw(wm)
    f = font(HEI, rng.randint(64, 84))
    step_x, step_y = rng.randint(620, 760), rng.randint(360, 440)
    step_x = max(step_x, int(d.textlength(mark, font=f)) + 90)  # the app spaces its rows' words apart
    for row, yy in enumerate(range(0, h * 2, step_y)):
        for xx in range(-step_x + (row % 2) * step_x // 2, w * 2, step_x):
            d.text((xx, yy), mark, font=f, fill=255)
    wm = wm.rotate(rng.choice([30, 35, 40, 45]), resample=Image.BICUBIC).crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    col = np.array(rng.choice([(150, 150, 150), (235, 120, 120), (120, 120, 120)]), np.float32)
    op = rng.uniform(0.16, 0.28)
    a = np.asarray(wm).astype(np.float32)[..., None] / 255 * op
    base = np.asarray(im).astype(np.float32)
    im = Image.fromarray(np.clip(base * (1 - a) + col * a, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    fy = h - 70
    d.rounded_rectangle([w - 420, fy - 6, w - 370, fy + 44], 8, fill=(25, 160, 230))
    d.text((w - 410, fy - 2), "CS", font=font(HEI, 34), fill="white")
    d.text((w - 360, fy), "扫描全能王 创建", font=font(HEI, 34), fill=(110, 110, 110))
    return im


def viewer_screenshot(page: Image.Image, rng: random.Random, n: int, total: int) -> Image.Image:
    """A phone screenshot of the page open in the chat app's PDF viewer: status bar, title bar, the page at the
    screen's width with grey around, the toolbar at the bottom."""
    W, H = 1080, 2400
    out = Image.new("RGB", (W, H), (220, 220, 220))
    out.paste(status_bar(W, rng), (0, 0))
    d = ImageDraw.Draw(out)
    d.rectangle([0, 96, W, 236], fill=(247, 247, 247))
    d.text((40, 140), "<", font=font(HEI, 52), fill="black")
    d.text((300, 146), "申报材料.pdf", font=font(HEI, 46), fill="black")
    d.text((W - 110, 130), "···", font=font(HEI, 52), fill="black")
    pw = rng.randint(1000, 1060)
    s = page.resize((pw, round(page.height * pw / page.width)), Image.LANCZOS)
    top = 236 + (H - 236 - 200 - s.height) // 2
    out.paste(s, ((W - pw) // 2, top))
    d.rectangle([0, H - 200, W, H], fill=(247, 247, 247))
    for k, lab in enumerate(["转发", "收藏", "用其他应用打开", "更多"]):
        d.text((60 + k * 260, H - 120), lab, font=font(HEI, 34), fill=(60, 60, 60))
    d.rounded_rectangle([W // 2 - 70, top + s.height - 90, W // 2 + 70, top + s.height - 30], 28, fill=(80, 80, 80))
    d.text((W // 2 - 40, top + s.height - 82), f"{n}/{total}", font=font(HEI, 36), fill="white")
    return out


def monitor_photo(page: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of the PDF open on a monitor: the viewer's toolbar and thumbnail pane around the page, the
    bezel and the desk, the phone held at an angle (perspective), a cold cast, faint moire."""
    SW, SH = 1920, 1080 * 2  # a portrait-ish crop of a tall monitor view: the page fits at ~1400 px tall
    screen = Image.new("RGB", (SW, SH), (82, 86, 89))
    d = ImageDraw.Draw(screen)
    d.rectangle([0, 0, SW, 90], fill=(50, 54, 57))
    d.text((30, 24), "申报材料.pdf", font=font(HEI, 38), fill="white")
    d.text((SW - 420, 24), f"{rng.randint(1, 9)} / 10     100%", font=font(HEI, 36), fill="white")
    d.rectangle([0, 90, 260, SH], fill=(60, 64, 67))
    for k in range(6):
        d.rectangle([60, 140 + k * 330, 200, 140 + k * 330 + 198], fill=(235, 235, 235))
    ph = SH - 160
    s = page.resize((round(page.width * ph / page.height), ph), Image.LANCZOS)
    screen.paste(s, (260 + (SW - 260 - s.width) // 2, 120))
    # the photo: the screen in a frame with the bezel and the desk, perspective, cast, moire, noise, blur
    FW, FH = 2400, 2600
    a = np.asarray(screen).astype(np.float32)
    yy, xx = np.mgrid[0:SH, 0:SW]
    moire = 1 + 0.05 * np.sin(2 * math.pi * (xx * 0.31 + yy * 0.05)) * np.sin(2 * math.pi * yy * 0.013)
    a = a * moire[..., None] * np.array([0.92, 0.97, 1.05]) * 0.9 + 10
    src = np.float32([[0, 0], [SW, 0], [SW, SH], [0, SH]])
    j = lambda v: rng.uniform(-v, v)  # noqa: E731
    dst = np.float32([[200 + j(60), 160 + j(60)], [FW - 200 + j(60), 220 + j(60)],
                      [FW - 160 + j(60), FH - 160 + j(60)], [160 + j(60), FH - 220 + j(60)]])
    M = cv2.getPerspectiveTransform(src, dst)
    frame = np.full((FH, FW, 3), (40, 38, 36), np.float32)
    bez = cv2.warpPerspective(np.full((SH, SW, 3), 255, np.uint8), M, (FW, FH))
    big = cv2.dilate(bez, np.ones((61, 61), np.uint8))
    frame[big[..., 0] > 0] = (22, 22, 24)  # the bezel
    warped = cv2.warpPerspective(np.clip(a, 0, 255).astype(np.uint8), M, (FW, FH), flags=cv2.INTER_LINEAR)
    frame[bez[..., 0] > 0] = warped[bez[..., 0] > 0]
    frame += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 5, frame.shape)
    im = Image.fromarray(np.clip(frame, 0, 255).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(0.9))
    return im.resize((FW * 2 // 3, FH * 2 // 3), Image.LANCZOS)


def save(folder: Path, pages, capture: str, rng: random.Random, groups=None):
    folder.mkdir(parents=True, exist_ok=True)
    ims = [(n, s.im) for n, s in pages]
    if capture == "wx":
        for i, (n, im) in enumerate(ims):
            wechat(im, rng).save(folder / wx_name(rng, i), quality=95)
    elif capture in ("long", "stitch"):
        groups = groups or _groups(len(ims), rng)
        k = 0
        for gi, g in enumerate(groups):
            part = [im for _, im in ims[k:k + g]]
            k += g
            if len(part) == 1:
                wechat(part[0], rng).save(folder / wx_name(rng, gi), quality=95)
                continue
            tall = long_image(part, rng, "shot" if capture == "long" else "scan")
            out = wechat(tall, rng, resends=1) if capture == "long" else jpeg(tall, rng.randint(60, 80))
            name = f"Screenshot_2024-09-18-10-{gi:02d}-{rng.randint(10, 59)}.jpg" if capture == "long" else \
                f"长图拼接_{gi + 1}.jpg"
            out.save(folder / name, quality=95)
    elif capture == "app":
        from fpdf import FPDF
        pdf = FPDF(unit="mm", format="A4")
        mark = rng.choice(["仅供职称评审使用", "仅供职称申报使用 他用无效"])
        for _, im in ims:
            pdf.add_page()
            buf = io.BytesIO()
            scanner_app(T.as_scan(im, rng), rng, mark).save(buf, "JPEG", quality=rng.randint(55, 72))
            buf.seek(0)
            pdf.image(buf, x=0, y=0, w=210, h=297)
        pdf.output(str(folder / "扫描全能王 2024-09-18 10.32.pdf"))
    elif capture == "shot":
        for i, (n, im) in enumerate(ims):
            shot = viewer_screenshot(im, rng, i + 1, len(ims))
            (shot if i % 2 else wechat(shot, rng, resends=1, long_side=2400)).save(
                folder / f"Screenshot_20240918_1{i:03d}.{'png' if i % 2 else 'jpg'}")
    elif capture == "mon":
        for i, (n, im) in enumerate(ims):
            wechat(monitor_photo(im, rng), rng, resends=1).save(folder / f"IMG_{20240918 + i}_1035{i:02d}.jpg",
                                                                 quality=95)
    else:
        raise ValueError(capture)


def _groups(n: int, rng: random.Random) -> list[int]:
    out = []
    while n > 0:
        g = min(n, rng.choice([2, 3, 3, 4]))
        out.append(g)
        n -= g
    return out


# ---------------------------------------------------------------- dossiers
#: (capture, e-signature, plant); round 31's plant names, its HOWS for how the rule is broken
DOSSIERS = [
    ("wx", True, None), ("long", False, None), ("app", True, None), ("shot", False, None), ("mon", True, None),
    ("stitch", True, None), ("wx", False, None), ("long", True, None), ("app", False, None), ("shot", True, None),
    ("stitch", False, None), ("mon", False, None),
    ("long", False, "seal.unit"), ("app", True, ["seal.unit", "near"]), ("wx", False, "seal.present"),
    ("wx", True, "signature.present"), ("shot", False, "identity.id_number"), ("long", True, "identity.name"),
    ("mon", False, "title.date"), ("long", False, ["assessment.years", "missing"]),
    ("stitch", True, ["assessment.years", "grade"]), ("app", False, "publicity.duration"),
    ("shot", True, "evidence.after_title"), ("stitch", False, ["journal.cn", "journal.registered"]),
]


def build(i: int, plant, seals):
    """Round 31's dossier i with this round's plant. The seal of a body one character away (``near``) goes on
    2023's assessment form."""
    p_near = isinstance(plant, list) and plant[1] == "near"
    T.SET2 = False
    p, pages, papers, awards, rng = T.build(i, "seal.unit" if p_near else plant, seals)
    if p_near:  # redo 2023's form with the near body's seal, same draws as round 31's seal.unit plant otherwise
        rng2 = random.Random(33000 + i)
        k = next(j for j, (n, _) in enumerate(pages) if n == "考核2023")
        pages[k] = ("考核2023", T.assessment(p, rng2, 2023, "合格", seal=seals[T.near(p["unit"])]))
    return p, pages, papers, awards, rng


def main():
    names = [u for u, _ in T.UNITS] + [T.ISSUER, T.TRAINER] + [iss for _, iss in T.AWARDS]
    names += [T.near(u) for u, _ in T.UNITS]
    seals = {n: T.render_seal(n, 9300 + k, bottom="培训专用章" if n == T.TRAINER else "") for k, n in enumerate(names)}
    keyfile, key = open_set(OUT, ONLY)
    for i, (capture, signs, plant) in enumerate(DOSSIERS):
        k = f"T33-{i + 1:02d}"
        if ONLY and k not in ONLY:
            continue
        ESIGN["on"] = signs
        p, pages, papers, awards, rng = build(i, plant, seals)
        rng = random.Random(33100 + i)
        groups = None
        if capture == "long" and isinstance(plant, list) and plant[1] == "missing":
            groups = [2, 2] + [2] * ((len(pages) - 4) // 2) + [1] * ((len(pages) - 4) % 2)  # the years in long images
        if (OUT / "set" / k).exists():
            shutil.rmtree(OUT / "set" / k)
        save(OUT / "set" / k, pages, capture, rng, groups)
        (OUT / "set" / k / "applicant.yaml").write_text(T.yaml_text(p, papers, awards), encoding="utf-8")
        rules = plant[0] if isinstance(plant, list) and plant[1] in T.HOWS else plant
        key[k] = {"pack": capture, "esign": signs, "planted": rules, "pages": len(pages),
                  "files": len([f for f in (OUT / "set" / k).iterdir() if f.name != "applicant.yaml"]),
                  **({"how": plant[1]} if isinstance(plant, list) and plant[1] in T.HOWS else {})}
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in "
          f"{sum(v['files'] for v in key.values())} files in {OUT / 'set'}")


if __name__ == "__main__":
    main()
