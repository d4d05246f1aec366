"""Probe round 18 (issue 13): what scanner apps and careless applicants do to a dossier. The documents are laid out by
probe_trust16's page model (its leaves, loaded from scripts/probe_trust16/make.py; no code shared with
fixtures/generator); what is new here is what happens to them on the way to the desk:

- a scanner app's black-and-white "document" filter (adaptive threshold: the red seal binarised to black, saved as a
  1-bit PNG), and its "enhanced" filter (paper whitened, colour washed out: the red seal pale pink);
- a scanner's red-colour DROPOUT (red ink gone from the pixels: the seal vanishes, the print under it keeps holes);
- a seal stamped twice, shifted (a double impression); half a seal cut off by the page edge; seals in blue or purple;
- a curled journal page photographed with the gutter's shadow; a phone photo of a page lying on a desk (wood, a
  keyboard, a pen, a hand) with a hard shadow across it;
- PNGs with a transparent background (the colour under the transparency black, as premultiplied exporters leave it),
  CMYK JPEGs, a 600-dpi A4 scan (4960 x 7016 px);
- the same page handed in twice, pages out of order (the 推荐表's 续 page first, files numbered by scan order), a
  colleague's 考核表 (another name) mixed into the dossier;
- a title certificate whose approval date and number were filled in by hand; a 考核表 whose grade is ticked (a pen
  tick in a printed box: □优秀 □合格 □基本合格 □不合格) rather than written.

    PROBE_OUT=/tmp/trust18 python scripts/probe_trust18/make.py     # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    PROBE_ONLY="P15 P16" ...make.py                                # only these dossiers, made again
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust18 python scripts/probe_trust18/score.py OUT -v

Needs Pillow, numpy, OpenCV (all in the project's venv) and the CJK fonts; no realdata.
"""
from __future__ import annotations

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

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust18"))
T16 = load_round(16, "probe_trust16_make")
Leaf, MM, rng, ymd, PEOPLE = T16.Leaf, T16.MM, T16.rng, T16.ymd, T16.PEOPLE
_stamp16 = T16.stamp

# ---------------------------------------------------------------- seals: ink, double impression, cut by the edge

SEAL = {}  # set per dossier: ink, double, cut (a leaf tag prefix whose seal is moved to the page's edge)


def stamp(leaf, cx_mm, cy_mm, name, r_mm=21, ink=(205, 35, 40), seed=0, purpose=""):
    ink = SEAL.get("ink", ink) if name != "抚顺市人力资源和社会保障局" else ink
    name = SEAL.get("name", {}).get(leaf.tag[:5], name)
    if any(leaf.tag.startswith(t) for t in SEAL.get("cut", ())):
        cx_mm = leaf.img.width / MM - r_mm * 0.15  # most of the seal off the right edge
    if any(leaf.tag.startswith(t) for t in SEAL.get("skip", ())):
        return
    _stamp16(leaf, cx_mm, cy_mm, name, r_mm, ink, seed, purpose)
    if SEAL.get("double"):  # the second, lighter impression 2-3 mm off, slightly turned (the same ring again)
        before = np.asarray(leaf.img, np.float32)
        _stamp16(leaf, cx_mm + 2.6, cy_mm + 1.8, name, r_mm, ink, seed + 50, purpose)
        after = np.asarray(leaf.img, np.float32)
        leaf.img = Image.fromarray((before * 0.35 + after * 0.65).clip(0, 255).astype(np.uint8))
        leaf.d = ImageDraw.Draw(leaf.img)


T16.stamp = stamp

SIGN = {}  # set per dossier: "skip", the signers (probe_trust16's scrawl seeds' endings: self, boss, edu, hr) left blank
_scrawl16 = T16.scrawl


def scrawl(leaf, x_mm, y_mm, seed, w_mm=32, ink=(25, 35, 130)):
    if not any(str(seed).endswith(k) for k in SIGN.get("skip", ())):
        _scrawl16(leaf, x_mm, y_mm, seed, w_mm, ink)


T16.scrawl = scrawl

# ---------------------------------------------------------------- documents of their own


def _box(leaf, x_mm, y_mm, s_mm=3.6):
    leaf.d.rectangle((x_mm * MM, y_mm * MM, (x_mm + s_mm) * MM, (y_mm + s_mm) * MM), outline=(25, 25, 25), width=2)


def _tick(leaf, x_mm, y_mm, seed, ink=(28, 45, 150)):
    r = rng("tick", seed)
    p0 = ((x_mm + 0.4) * MM, (y_mm + 1.8) * MM)
    p1 = ((x_mm + 1.5 + r.uniform(-.2, .2)) * MM, (y_mm + 3.3) * MM)
    p2 = ((x_mm + 4.6 + r.uniform(-.3, .3)) * MM, (y_mm - 1.2) * MM)
    leaf.d.line((p0, p1, p2), fill=ink, width=4, joint="curve")


def assessment(p, year, v):
    """A 考核登记表; its grade printed as choices and ticked by pen (v['tick']), or written; another person's
    (v['colleague'] for a year) or the year printed as v['ass_year_printed']."""
    who = v.get("colleague", {}).get(year, p)
    grade = v.get("grades", {}).get(year, "合格")
    s = Leaf(f"ass{year}-{grade}-{who['name']}-{v.get('tick')}-{v.get('ass_sealless') == year}")
    s.text(105, 20, f"{year}年度事业单位工作人员年度考核登记表", 16, "hei", anchor="ma")
    xs, ys = s.grid(18, 34, (28, 50, 28, 68), (13, 13, 13, 90, 40, 16, 58))
    rows = [("姓名", who["name"], "性别", who["sex"]), ("单位", who["unit"], "", ""),
            ("出生年月", ymd(who["birth"][:4] + "-" + who["birth"][4:6]), "岗位", "专业技术岗")]
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            if t:
                s.text(xs[j] + 2, ys[i] + 3.5, t, 10 if j % 2 and len(t) > 9 else 11)
    s.text(xs[0] + 2, ys[3] + 4, "个人总结", 11)
    for k, t in enumerate(("本年度认真履行岗位职责，参与辖区环境质量监测、", "污染源排查和报告编制，按时完成各项工作任务。")):
        s.text(xs[1] + 2, ys[3] + 5 + k * 8, t, 11)
    s.text(xs[0] + 2, ys[4] + 4, "主管领导评语", 10)
    s.text(xs[1] + 2, ys[4] + 5, "工作扎实，业务熟练。", 11)
    s.text(xs[0] + 2, ys[5] + 4.5, "考核等次", 11)
    if v.get("tick"):
        x = xs[1] + 3
        for g in ("优秀", "合格", "基本合格", "不合格"):
            _box(s, x, ys[5] + 5.2)
            s.text(x + 5, ys[5] + 4.5, g, 11)
            if g == grade:
                _tick(s, x, ys[5] + 5.2, f"{year}{who['name']}")
            x += 5 + len(g) * 4.3 + 7
    else:
        s.text(xs[1] + 2, ys[5] + 4.5, grade, 12)
    s.text(xs[0] + 2, ys[6] + 4, "单位意见", 11)
    s.text(xs[1] + 2, ys[6] + 6, "同意主管领导意见。", 11)
    s.text(xs[1] + 88, ys[6] + 46, f"{year + 1}年1月{10 + year % 7}日", 11)
    if v.get("ass_sealless") != year:
        stamp(s, xs[1] + 100, ys[6] + 33, who["unit"], seed=year)
    return [s]


def title_cert(p, v):
    """A 竖版 certificate whose approval date and number the issuing office wrote in by hand (blue pen)."""
    date = v.get("title_printed", p["title"][1])
    s = Leaf("tch" + p["name"] + date, paper=(251, 248, 240))
    s.d.rectangle((10 * MM, 10 * MM, 200 * MM, 287 * MM), outline=(150, 110, 50), width=7)
    s.text(105, 34, "专业技术资格证书", 24, "kai", anchor="ma", ink=(150, 25, 25))
    y = 70
    for k, val in (("姓    名", p["name"]), ("性    别", p["sex"]), ("工作单位", p["unit"]), ("资格名称", p["title"][0]),
                   ("专    业", "环境工程")):
        s.text(40, y, k, 13)
        y = s.text(75, y, val, 13) + 3
    s.text(40, y, "评审通过时间", 13)
    y0, y = y, s.text(40, y + 14, "证书编号", 13)
    hand = (28, 45, 150)
    yy, mm, dd = date.split("-")
    s.text(82, y0 - 1, f"{yy}年{int(mm)}月{int(dd)}日", 14, hand=True, ink=hand)
    s.text(70, y0 + 13, "2104" + yy + p["id"][-6:], 14, hand=True, ink=hand)
    s.text(105, 200, "经抚顺市工程系列中初级专业技术资格评审委员会", 12, anchor="ma")
    s.text(105, 210, "评审通过，具备" + p["title"][0] + "资格。", 12, anchor="ma")
    s.text(140, 240, "抚顺市人力资源和社会保障局", 13, anchor="ma")
    s.text(140, 252, "（发证机关盖章）", 11, anchor="ma")
    stamp(s, 140, 240, "抚顺市人力资源和社会保障局", r_mm=21, seed=9)
    return [s]


def dossier(p, v):
    docs = T16.dossier(p, v)
    out = []
    for name, leaves in docs:
        if name.endswith("考核"):
            leaves = assessment(p, int(name[:4]), v)
        if name == "职称证" and v.get("hand_cert"):
            leaves = title_cert(p, v)
        out.append((name, leaves))
    for yr in v.get("colleague_extra", ()):
        out.append((f"{yr}考核表(王)", assessment(p, yr, dict(v, colleague={yr: COLLEAGUE}))))
    return out


COLLEAGUE = dict(name="王志刚", sex="男", birth="19830614", unit=None)

# ---------------------------------------------------------------- how the pages reach the desk


def bw_filter(img: Image.Image) -> Image.Image:
    """A scanner app's B&W document filter: adaptive threshold on luminance, 1-bit."""
    g = np.asarray(img.convert("L"))
    t = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 41, 18)
    return Image.fromarray(t).convert("1")


def enhance_filter(img: Image.Image) -> Image.Image:
    """A scanner app's "enhanced" filter: paper whitened by its own background, contrast up, saturated colour washed
    toward white (the red seal pale pink; black print kept)."""
    a = np.asarray(img, np.float32)
    bg = cv2.GaussianBlur(cv2.dilate(a, np.ones((15, 15), np.uint8)), (0, 0), 25)
    a = np.clip(a / np.maximum(bg, 1) * 255, 0, 255)
    sat = a.max(2) - a.min(2)
    wash = np.clip((sat - 30) / 90, 0, 1)[..., None] * 0.72
    a = a + (255 - a) * wash
    a = np.clip((a - 25) * 255 / 215, 0, 255)
    return Image.fromarray(a.astype(np.uint8))


def red_dropout(img: Image.Image) -> Image.Image:
    """A scanner's red-colour dropout: red ink read as paper."""
    a = np.asarray(img, np.float32)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    red = np.clip(((r - g) - 40) / 60, 0, 1) * np.clip((r - b - 30) / 60, 0, 1)
    a = a + (255 - a) * red[..., None]
    return Image.fromarray(a.clip(0, 255).astype(np.uint8)).convert("L")  # dropout scans are grey


def curl(img: Image.Image, r: random.Random) -> Image.Image:
    """A page of a bound journal photographed open: the lines bend toward the binding (left), the gutter's shadow."""
    a = np.asarray(img)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    near = np.exp(-xx / (0.16 * w))
    map_y = yy + near * 0.05 * h * ((yy / h) - 0.5) * 2 - near * 0.012 * h
    map_x = xx - near * 0.03 * w
    out = cv2.remap(a, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(70, 60, 55))
    shade = 1 - 0.55 * np.exp(-xx / (0.05 * w)) - 0.08 * np.exp(-((xx - w) / (0.08 * w)) ** 2)
    out = out.astype(np.float32) * shade[..., None]
    return Image.fromarray(out.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def desk_photo(img: Image.Image, r: random.Random) -> Image.Image:
    """A phone photo of the page lying on a wooden desk: a keyboard's corner, a pen across the page, the fingers of a
    hand at its edge, a hard shadow (the phone's, the arm's) across a third of it; slight perspective."""
    W, H = int(img.width * 1.35), int(img.height * 1.22)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    grain = 0.5 + 0.5 * np.sin(xx / 7 + 3 * np.sin(yy / 90)) * np.sin(xx / 31)
    wood = np.stack([150 + 40 * grain, 100 + 30 * grain, 60 + 20 * grain], -1)
    bg = Image.fromarray(wood.astype(np.uint8))
    d = ImageDraw.Draw(bg)
    kx, ky = int(W * 0.70), int(H * 0.02)
    d.rounded_rectangle((kx, ky, W + 40, int(H * 0.22)), 20, fill=(45, 45, 48))
    for i in range(8):
        for j in range(3):
            x0 = kx + 20 + i * 70
            y0 = ky + 20 + j * 70
            d.rounded_rectangle((x0, y0, x0 + 58, y0 + 58), 8, fill=(70, 70, 74))
    page = img.convert("RGB")
    dx, dy = int(W * 0.12), int(H * 0.08)
    w, h = page.size
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    j = lambda: r.uniform(-0.02, 0.02) * w
    dst = [(dx + j(), dy + j()), (dx + w + j(), dy + 0.01 * h + j()), (dx + w * 0.98 + j(), dy + h + j()),
           (dx + 0.02 * w + j(), dy + h * 0.99 + j())]
    M = cv2.getPerspectiveTransform(np.float32(src), np.float32(dst))
    warped = cv2.warpPerspective(np.asarray(page), M, (W, H), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, (W, H))
    out = np.where(mask[..., None] > 127, warped, np.asarray(bg))
    im = Image.fromarray(out)
    d = ImageDraw.Draw(im)
    # a pen lying across the lower left corner of the page
    d.line((int(W * 0.05), int(H * 0.93), int(W * 0.30), int(H * 0.80)), fill=(20, 20, 90), width=26)
    d.line((int(W * 0.28), int(H * 0.81), int(W * 0.31), int(H * 0.795)), fill=(200, 200, 205), width=14)
    # fingers at the right edge of the page, holding it flat
    for k in range(4):
        cy = int(H * (0.55 + 0.05 * k))
        d.ellipse((dx + w - 90, cy, dx + w + 160, cy + 80), fill=(214, 170, 140))
    # the hard shadow: a slanted band over a third of the page
    a = np.asarray(im, np.float32)
    band = (xx * 0.45 + yy) < (H * 0.42)
    a[band] *= np.array((0.52, 0.54, 0.62))
    light = 0.9 + 0.1 * np.cos((xx / W - 0.6) * 2) * np.cos((yy / H - 0.5) * 2)
    a *= light[..., None]
    return Image.fromarray(a.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))


def watermark(img: Image.Image, text="仅供职称申报使用", ink=(120, 150, 225)) -> Image.Image:
    """A phone app's watermark: the words tiled across the page at 30 degrees, half transparent."""
    w, h = img.size
    layer = Image.new("L", (w * 2, h * 2), 0)
    d = ImageDraw.Draw(layer)
    f = T16.F(max(24, w // 22), "hei")
    step_x, step_y = int(d.textlength(text, font=f) * 1.4), max(60, h // 7)
    for y in range(0, h * 2, step_y):
        for x in range(-(y // step_y % 2) * step_x // 2, w * 2, step_x):
            d.text((x, y), text, font=f, fill=255)
    layer = layer.rotate(30, resample=Image.BICUBIC).crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    a = np.asarray(img.convert("RGB"), np.float32)
    m = np.asarray(layer, np.float32)[..., None] / 255 * 0.55
    a = a * (1 - m) + np.array(ink, np.float32) * m
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def alpha_png(img: Image.Image) -> Image.Image:
    """A scan app's "remove background" PNG: the paper transparent, the colour under it black (premultiplied)."""
    a = np.asarray(img.convert("RGB"), np.float32)
    ink = 255 - a.min(2)
    alpha = np.clip(ink * 2.2, 0, 255)
    rgb = a * (alpha[..., None] / 255)
    return Image.fromarray(np.dstack([rgb, alpha]).clip(0, 255).astype(np.uint8), "RGBA")


def save(img: Image.Image, path: Path, how: str):
    if how == "png1":
        img.save(path.with_suffix(".png"))
    elif how == "alpha":
        alpha_png(img).save(path.with_suffix(".png"))
    elif how == "cmyk":
        img.convert("RGB").convert("CMYK").save(path.with_suffix(".jpg"), "JPEG", quality=90)
    elif how == "600dpi":
        big = img.convert("RGB").resize((img.width * 4, img.height * 4), Image.LANCZOS)
        big.save(path.with_suffix(".jpg"), "JPEG", quality=88, dpi=(600, 600))
    else:
        (img if img.mode in ("RGB", "L") else img.convert("RGB")).save(path.with_suffix(".jpg"), "JPEG", quality=88)


def write(folder: Path, docs, v):
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for doc, leaves in docs:
        for i, leaf in enumerate(leaves):
            r = rng("t18", leaf.tag, i)
            img = leaf.img
            name = f"{doc}{'-' + str(i + 1) if len(leaves) > 1 else ''}"
            how = v.get("save", {}).get(doc, v.get("save_all", "jpg"))
            f = v.get("filter", {}).get(doc, v.get("filter_all"))
            if f == "bw":
                img = bw_filter(img)
                how = "png1" if how == "jpg" else how
            elif f == "enhance":
                img = enhance_filter(img)
            elif f == "dropout":
                img = red_dropout(img)
            elif f == "curl":
                img = curl(img, r)
            elif f == "desk":
                img = desk_photo(img, r)
            elif f == "watermark":
                img = watermark(img)
            files.append((name, img, how))
    if v.get("twice"):  # the same page handed in twice, under another name
        files += [(n + "(1)", im, h) for n, im, h in files if n in v["twice"]]
    if v.get("drop"):
        files = [x for x in files if x[0] not in v["drop"]]
    if v.get("scan_order"):  # files named by the scanner's order; the pages fed in another order
        order = list(range(len(files)))
        rng("order", folder.name).shuffle(order)
        for k, idx in enumerate(order):
            n, im, h = files[idx]
            save(im, folder / f"扫描件_{k + 1:03d}", h)
        return
    for n, im, h in files:
        save(im, folder / n, h)


SET = [
    # key, person, variant, planted rule
    ("C01", "D", {"filter_all": "bw"}, None),
    ("C02", "E", {"filter_all": "enhance"}, None),
    ("C03", "G", {"ink": (40, 60, 170)}, None),
    ("C04", "D", {"ink": (115, 45, 140), "double": True}, None),
    ("C05", "E", {"double": True, "filter": {"论文": "curl"}}, None),
    ("C06", "G", {"filter": {"推荐表": "desk", "公示": "desk", "2022考核": "desk", "身份证": "desk"}}, None),
    ("C07", "D", {"save": {"身份证": "alpha", "公示": "alpha", "2021考核": "cmyk", "学历认证": "cmyk"}}, None),
    ("C08", "E", {"save": {"推荐表": "600dpi", "2023考核": "600dpi", "职称证": "600dpi"}}, None),
    ("C09", "G", {"twice": ("2022考核",), "scan_order": True}, None),
    ("C10", "D", {"tick": True}, None),
    ("C11", "E", {"hand_cert": True}, None),
    ("C12", "G", {"tick": True, "grades": {2021: "优秀"}, "filter": {"2021考核": "desk", "2023考核": "desk"}}, None),
    ("C13", "E", {"ink": (115, 45, 140)}, None),
    # planted
    ("P01", "D", {"filter_all": "dropout"}, "seal.present"),
    ("P02", "E", {"filter_all": "bw", "seal_name": {"rec-b": "新宾满族自治县生态环境局"}}, "seal.unit"),
    ("P03", "G", {"cut": ("rec-b",)}, "seal.present"),
    ("P04", "D", {"ink": (40, 60, 170), "seal_name": {"ass20": "抚顺市东洲区生态环境局"}}, "seal.unit"),
    ("P05", "E", {"colleague_extra": (2022,)}, "identity.name"),
    ("P06", "G", {"tick": True, "grades": {2022: "基本合格"}}, "assessment.years"),
    ("P07", "D", {"hand_cert": True, "title_printed": "2020-12-26"}, "title.date"),
    ("P08", "E", {"filter": {"论文": "curl"}, "cn_printed": "11-2079/X"}, "journal.cn"),
    ("P09", "G", {"twice": ("2022考核",), "drop": ("2023考核",), "filter": {"2022考核": "desk"}}, "assessment.years"),
    ("P10", "D", {"save": {"身份证": "alpha"}, "id_on_card": "OTHER"}, "identity.id_number"),
    ("P11", "E", {"save": {"公示": "600dpi", "推荐表": "600dpi"}, "pub": ("2024年10月15日", "2024年10月17日")},
     "publicity.duration"),
    ("P12", "G", {"filter_all": "enhance", "ass_sealless": 2022}, "seal.present"),
    ("P13", "E", {"scan_order": True, "award_printed": "2016-11"}, "evidence.after_title"),
    ("P14", "D", {"double": True, "filter": {"学历认证": "desk"}, "edu_name": "韩雪娟"}, "identity.name"),
    # guards of round 18's fixes: another body's seal in purple; an unsigned field under the enhanced filter; a ticked
    # 不合格 photographed on the desk
    ("P15", "G", {"ink": (115, 45, 140), "seal_name": {"ass20": "抚顺市顺城区生态环境分局"}}, "seal.unit"),
    ("P16", "E", {"filter_all": "enhance", "unsigned": ("boss",)}, "signature.present"),
    ("P17", "D", {"tick": True, "grades": {2023: "不合格"}, "filter": {"2023考核": "desk"}}, "assessment.years"),
    # another body's seal washed pale pink by the enhanced filter; another body's seal stamped twice
    ("P18", "E", {"filter_all": "enhance", "seal_name": {"rec-b": "新宾满族自治县生态环境局"}}, "seal.unit"),
    ("P19", "G", {"double": True, "seal_name": {"ass20": "抚顺市顺城区生态环境分局"}}, "seal.unit"),
    # a blue watermark tiled across every page, the unit head's field left blank
    ("P20", "D", {"filter_all": "watermark", "unsigned": ("boss",)}, "signature.present"),
]


def main():
    root = OUT / "set"
    only = set(os.environ.get("PROBE_ONLY", "").split()) - {""}
    if root.exists() and not only:
        shutil.rmtree(root)
    key = json.loads((OUT / "answer_key.json").read_text()) if only else {}
    for k, who, v, planted in SET:
        if only and k not in only:
            continue
        shutil.rmtree(root / k, ignore_errors=True)
        p = dict(PEOPLE[who])
        v = dict(v)
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = T16.other_id(p)
        SEAL.clear()
        SEAL.update({"ink": v["ink"]} if "ink" in v else {})
        SEAL.update({"double": v.get("double"), "cut": v.get("cut", ()), "name": v.get("seal_name", {})})
        COLLEAGUE["unit"] = p["unit"]
        SIGN.clear()
        SIGN["skip"] = v.get("unsigned", ())
        write(root / k, dossier(p, v), v)
        (root / k / "applicant.yaml").write_text(T16.yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "t18", "person": who, "variant": {a: str(b) for a, b in v.items()}}
        print(k, flush=True)
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
