"""Probe round 30 (issue 13): DOSSIERS AS AN OUTSIDE TEAM'S GENERATOR WOULD DRAW THEM FROM DOSSIER.md ALONE. No code
shared with fixtures/generator or any earlier round: a page model of its own (A4 at 150 dpi, PIL, a flow of blocks and
ruled tables), its own plain form templates whose wording and layout follow the document kinds' names in
../shared/spec/DOSSIER.md (单位推荐意见 box, 公示情况说明 in prose, 年度考核登记表 tables, 学历证书电子注册备案表 with an
审核人 line, a 荣誉证书 in prose, a 论文收录检索证明 table), and what a second generator most plausibly draws otherwise:

- seals drawn anew: a single or a DOUBLE border (thick outer, thin inner), stars of 0.18-0.34 r, the unit's name in
  Zen Hei, UMing or UKai along 200-280 degrees of arc with its own character spacing, a horizontal line of text under
  the star (专用章 words or none), a slight ink texture and rotation; an oval 合同 seal for the planted "wrong seal";
- signatures as random cubic-bezier scribbles (2-4 strokes, blue or black) or the signer's name in the cursive UKai
  face, tilted;
- capture: clean PNG, a greyish JPEG scan turned 0.5-2 degrees with noise, or the whole dossier as one multi-page
  image PDF;
- journals drawn from the registry's real X-class titles (cover: 刊名, 年 第N期, ISSN and CN lines; first page:
  running head, title, authors, affiliation, abstract).

Planted, as a generator following DOSSIER.md's fail column would express them: a required document missing (the
continuing-education certificate, the ID card); a title certificate dated one day off the claim; an award dated the
day before the title; an ISSN with an invalid check digit (claimed as printed); a CN of a wrong format (3 serial
digits); a seal of another unit on an assessment form; the recommendation form's signature missing; a wrong name on
an assessment form (one character off); applicant.yaml's ID one digit off the card (both valid check digits); an
assessment year missing (2020 in place of 2022); a publicity of 3 working days; the education report without its
seal; a paper with no retrieval proof; an ISSN and CN of two journals (套刊).

    PROBE_OUT=/tmp/trust30 python scripts/probe_trust30/make.py [--set2]  # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust30-ocr.sqlite
    PROBE_OUT=/tmp/trust30 python scripts/probe_trust30/score.py OUT -v

Needs Pillow, numpy, python-stdnum and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

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

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust30"))
#: ``--set2``: 6 clean + 6 planted made with a second hand's choices (wide scribbles, seal text round 300 degrees,
#: dates 2022/1/10 and 2022年01月10日, a one-character near name of another body on a seal, an underlined blank
#: signature field, a wrong name on the ID card, the ID card missing, a title a month off, an award on the title's day)
SET2 = "--set2" in sys.argv
W, H = 1240, 1754  # A4 at 150 dpi
FONTS = {
    "hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "song": "/usr/share/fonts/truetype/arphic/uming.ttc",
    "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc",
}
_fc: dict = {}


def F(size, face="song"):
    k = (size, face)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(FONTS[face], size)
    return _fc[k]


# ---------------------------------------------------------------- page model
class Page:
    def __init__(self, face="song"):
        self.im = Image.new("RGB", (W, H), "white")
        self.d = ImageDraw.Draw(self.im)
        self.y = 130
        self.face = face

    def title(self, text, size=46):
        f = F(size, "hei" if self.face != "kai" else "song")
        w = self.d.textlength(text, font=f)
        self.d.text(((W - w) / 2, self.y), text, font=f, fill="black")
        self.y += size + 40

    def line(self, text, size=30, x=120, gap=18, face=None):
        self.d.text((x, self.y), text, font=F(size, face or self.face), fill="black")
        self.y += size + gap

    def para(self, text, size=30, x=120, width=1000, indent=2, gap=14):
        f = F(size, self.face)
        text = "\u3000" * indent + text
        row = ""
        for ch in text:
            if self.d.textlength(row + ch, font=f) > width:
                self.line(row, size, x, gap)
                row = ""
            row += ch
        if row:
            self.line(row, size, x, gap)

    def table(self, rows, widths, x=110, rh=70, size=28):
        """rows: lists of cell texts (a cell may be (text, span)); draws the grid and returns each row's top y."""
        tops = []
        for r in rows:
            h = rh * (r[0][2] if isinstance(r[0], tuple) and len(r[0]) > 2 else 1)
            cx = x
            i = 0
            for cell in r:
                text, span = (cell[0], cell[1]) if isinstance(cell, tuple) else (cell, 1)
                cw = sum(widths[i:i + span])
                self.d.rectangle([cx, self.y, cx + cw, self.y + h], outline="black", width=2)
                f = F(size, self.face)
                lines = text.split("\n")
                for j, ln in enumerate(lines):
                    self.d.text((cx + 12, self.y + 14 + j * (size + 10)), ln, font=f, fill="black")
                cx += cw
                i += span
            tops.append(self.y)
            self.y += h
        self.y += 20
        return tops


# ---------------------------------------------------------------- seals
def seal(text, rng, r=None, color=(200, 30, 35), double=None, face=None, bottom="", oval=False, star=None):
    r = r or rng.randint(118, 140)
    face = face or rng.choice(["hei", "song", "kai", "hei"])
    double = rng.random() < 0.4 if double is None else double
    s = 2 * r + 20
    L = Image.new("L", (s, s), 0)
    d = ImageDraw.Draw(L)
    c = s / 2
    ry = r * 0.72 if oval else r
    bw = max(5, int(r * rng.uniform(0.045, 0.07)))
    d.ellipse([c - r, c - ry, c + r, c + ry], outline=255, width=bw)
    if double:
        d.ellipse([c - r + bw + 5, c - ry + bw + 5, c + r - bw - 5, c + ry - bw - 5], outline=255, width=2)
    # star
    if not oval:
        sr = r * (star or rng.uniform(0.18, 0.34))
        pts = []
        for k in range(10):
            a = math.radians(-90 + 36 * k)
            rr = sr if k % 2 == 0 else sr * 0.38
            pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
        d.polygon(pts, fill=255)
    # arc text
    n = len(text)
    span = min(rng.uniform(280, 320) if SET2 else rng.uniform(200, 280), (30 if SET2 else 22) * n + 60)
    gs = int(min(r * 0.30, (2 * math.pi * r * 0.74 * span / 360) / n * rng.uniform(0.9, 1.05)))
    gs = max(gs, 14)
    rad = r - bw - (8 if double else 3) - gs * 0.55
    for i, ch in enumerate(text):
        th = -span / 2 + span * (i + 0.5) / n  # degrees clockwise from the top
        g = Image.new("L", (gs + 12, gs + 12), 0)
        ImageDraw.Draw(g).text((6, 2), ch, font=F(gs, face), fill=255)
        g = g.rotate(-th, resample=Image.BICUBIC, expand=True)
        t = math.radians(th - 90)
        px = c + rad * math.cos(t)
        py = c + rad * math.sin(t) * (ry / r)
        L.paste(255, (int(px - g.width / 2), int(py - g.height / 2)), g)
    if bottom:
        f = F(max(14, int(r * 0.17)), face)
        w = d.textlength(bottom, font=f)
        d.text((c - w / 2, c + r * (0.36 if not oval else 0.1)), bottom, font=f, fill=255)
    if oval and not bottom:
        pass
    # ink texture: speckled loss
    a = np.asarray(L).astype(np.float32) / 255
    noise = np.asarray(Image.fromarray((np.random.default_rng(rng.randint(0, 1 << 30)).random(a.shape) * 255)
                                       .astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))) / 255
    a = a * np.clip(0.55 + (noise - 0.5) * 3.0 + 0.35, 0, 1) * rng.uniform(0.75, 0.95)
    L = Image.fromarray((a * 255).astype(np.uint8)).rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    return L, color


def stamp(page, sealdef, x, y):
    L, color = sealdef
    im = page.im
    box = (int(x - L.width / 2), int(y - L.height / 2))
    region = im.crop((box[0], box[1], box[0] + L.width, box[1] + L.height))
    base = np.asarray(region).astype(np.float32)
    a = np.asarray(L).astype(np.float32)[..., None] / 255
    col = np.array(color, np.float32)
    # multiply blend: ink over print
    out = base * (1 - a) + np.minimum(base, col) * a
    im.paste(Image.fromarray(out.astype(np.uint8)), box)


# ---------------------------------------------------------------- signatures
def signature(page, name, x, y, rng, style=None):
    style = style or rng.choice(["scribble", "cursive"])
    if SET2 and style == "scribble":
        style = "wide"
    col = rng.choice([(20, 30, 120), (15, 15, 15), (30, 40, 150)])
    if style == "cursive":
        f = F(rng.randint(40, 52), "kai")
        g = Image.new("L", (300, 90), 0)
        ImageDraw.Draw(g).text((8, 10), name, font=f, fill=255)
        g = g.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC).transform(
            g.size, Image.AFFINE, (1, rng.uniform(-0.3, 0.1), 0, 0, 1, 0), resample=Image.BICUBIC)
        page.im.paste(col, (int(x), int(y - 20)), g)
        return
    d = page.d
    cx = x
    if style == "wide":  # one name-long run of loops, 180-260 px (30-44 mm at 150 dpi), then an underscore flourish
        length = rng.uniform(180, 260)
        ts = np.linspace(0, 1, 160)
        xs = x + length * ts + 14 * np.sin(ts * rng.uniform(14, 22))
        ys = y + 10 + rng.uniform(14, 22) * np.sin(ts * rng.uniform(20, 30)) * (1 - 0.5 * ts) - 12 * ts
        d.line(list(zip(xs.tolist(), ys.tolist())), fill=col, width=rng.randint(2, 4), joint="curve")
        d.line([(x + 0.2 * length, y + 38), (x + length * 1.05, y + 30)], fill=col, width=2)
        return
    for k in range(rng.randint(2, 4)):
        p0 = (cx, y + rng.uniform(-10, 25))
        pts = [p0] + [(cx + rng.uniform(10, 70) * (j + 1) / 3 + rng.uniform(-15, 15), y + rng.uniform(-30, 40))
                      for j in range(3)]
        curve = []
        for t in np.linspace(0, 1, 40):
            b = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3]
            curve.append((sum(b[i] * pts[i][0] for i in range(4)), sum(b[i] * pts[i][1] for i in range(4))))
        d.line(curve, fill=col, width=rng.randint(3, 5), joint="curve")
        cx = pts[-1][0] + rng.uniform(-5, 20)


# ---------------------------------------------------------------- people, units, journals
UNITS = [
    ("抚顺市生态环境监测站", "institution"),
    ("抚顺市生态环境事务服务中心", "institution"),
    ("抚顺市环境科学研究院", "institution"),
    ("抚顺市生态环境局", "government"),
    ("抚顺矿业集团有限责任公司", "enterprise"),
    ("抚顺市清原满族自治县生态环境分局", "government"),
]
OTHER_UNIT = "抚顺市自然资源局"
PEOPLE = ["陈立新", "赵雪梅", "孙海涛", "周敏", "吴志强", "郑丽娟", "王磊", "冯晓东", "褚红霞", "蒋文博", "沈佳怡",
          "韩冬", "杨帆", "朱建华", "秦玉兰", "许国庆", "何晓燕", "吕成"]
HEADS = ["刘长江", "张振国", "高明远", "马丽华"]
JOURNALS = [  # name, issn, cn, monthly?
    ("环境技术", "1004-7204", "44-1325/X"),
    ("干旱区研究", "1001-4675", "65-1095/X"),
    ("水生态学杂志", "1674-3075", "42-1785/X"),
    ("中国环境监察", "2096-1065", "10-1306/X"),
    ("电镀与环保", "1000-4742", "31-1507/X"),
    ("装备环境工程", "1672-9242", "50-1170/X"),
]
PAPERS = ["浑河抚顺段地表水氨氮时空变化特征分析", "抚顺市大气PM2.5组分监测与来源解析",
          "工业园区挥发性有机物排放清单编制方法研究", "矿区土壤重金属污染风险评估与修复对策",
          "城市污水处理厂提标改造工艺比选", "大伙房水库水源地水质在线监测系统建设"]
AWARDS = ["抚顺市科学技术进步奖三等奖", "辽宁省环境保护科学技术奖二等奖", "抚顺市优秀科技论文一等奖"]
REGIONS = ["210402", "210403", "210404", "210411", "210421", "210422", "210423", "210102", "210202"]


def make_id(rng, year=None):
    year = year or rng.randint(1970, 1995)
    body = f"{rng.choice(REGIONS)}{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(10, 99)}{rng.randint(0, 9)}"
    return body + ric.calc_check_digit(body + "0")  # the function wants the check digit's place included


def cn_date(ds, style=0):
    y, m, d = (int(x) for x in ds.split("-"))
    if style == 3:
        return f"{y}/{m}/{d}"
    if style == 4:
        return f"{y}年{m:02d}月{d:02d}日"
    if style == 1:
        return f"{y}.{m:02d}.{d:02d}"
    if style == 2:
        return f"{y}-{m:02d}-{d:02d}"
    return f"{y}年{m}月{d}日"


def mask_area(page, x, y, w, h, rng):
    """Nothing: placeholder for a photo box on the card."""
    page.d.rectangle([x, y, x + w, y + h], outline=(120, 120, 120), width=2)
    page.d.ellipse([x + w * 0.3, y + h * 0.15, x + w * 0.7, y + h * 0.55], fill=(200, 200, 200))
    page.d.rectangle([x + w * 0.2, y + h * 0.6, x + w * 0.8, y + h], fill=(200, 200, 200))


# ---------------------------------------------------------------- documents
def doc_recommendation(a, rng, signed=True):
    p = Page(a["face"])
    p.title("专业技术资格评审推荐表")
    p.line(f"申报单位：{a['unit']}", 26)
    p.table([["姓  名", a["name"], "性  别", a["sex"]],
             ["出生年月", a["birth"][:4] + "年" + str(int(a["birth"][5:7])) + "月", "学  历", "大学本科"],
             ["工作单位", (a["unit"], 3)],
             ["现任职称", a["cur_name"], "申报职称", a["level"]],
             ["申报专业", (a["specialty"], 3)]], [200, 300, 200, 300])
    p.d.rectangle([110, p.y, 1110, p.y + 520], outline="black", width=2)
    p.d.text((130, p.y + 20), "单位推荐意见：", font=F(30, p.face), fill="black")
    p.d.text((190, p.y + 80), f"该同志政治思想表现良好，业务能力强，经单位研究，", font=F(28, p.face), fill="black")
    p.d.text((130, p.y + 125), f"同意推荐其申报{a['level']}资格。", font=F(28, p.face), fill="black")
    p.d.text((150, p.y + 300), "单位负责人（签字）：", font=F(28, p.face), fill="black")
    if signed:
        signature(p, a["head"], 440, p.y + 300, rng, a["sigstyle"])
    elif SET2:  # the blank field underlined, as forms print it
        p.d.line([(430, p.y + 336), (700, p.y + 336)], fill="black", width=2)
    p.d.text((700, p.y + 420), a["dates"]["rec"], font=F(28, p.face), fill="black")
    p.d.text((760, p.y + 300), "（单位公章）", font=F(26, p.face), fill="black")
    stamp(p, a["seal"], 820, p.y + 360)
    return p


def doc_publicity(a, rng, start="2024-09-02", end="2024-09-06"):
    p = Page(a["face"])
    p.title("公示情况说明")
    p.para(f"根据职称评审工作要求，我单位于{cn_date(start)}至{cn_date(end)}，在单位公示栏对{a['name']}同志"
           f"申报{a['specialty']}专业{a['level']}资格的相关材料进行了公示，公示期间未收到任何异议。")
    p.para("特此说明。")
    p.y += 120
    p.line(a["unit"], 30, x=640)
    p.line(a["dates"]["pub"], 30, x=700)
    stamp(p, a["seal"], 820, p.y - 90)
    return p


def doc_assessment(a, rng, year, name=None, sealdef=None, signdate=None):
    p = Page(a["face"])
    p.title("年度考核登记表", 44)
    p.line(f"（{year}年度）", 30, x=540)
    p.table([["姓  名", name or a["name"], "性  别", a["sex"]],
             ["单  位", (a["unit"], 3)],
             ["职  务", "专业技术人员", "职  称", a["cur_name"]]], [200, 300, 200, 300])
    p.d.rectangle([110, p.y, 1110, p.y + 380], outline="black", width=2)
    p.d.text((130, p.y + 20), "个人工作总结：", font=F(28, p.face), fill="black")
    summary = f"本年度认真完成{a['specialty'][4:]}各项任务，遵守单位规章制度，积极参加业务学习，按时完成领导交办的工作。"
    yy = p.y + 70
    row = "\u3000\u3000"
    for ch in summary:
        if p.d.textlength(row + ch, font=F(26, p.face)) > 940:
            p.d.text((140, yy), row, font=F(26, p.face), fill="black")
            yy += 40
            row = ""
        row += ch
    p.d.text((140, yy), row, font=F(26, p.face), fill="black")
    p.y += 400
    p.table([["考核等次", rng.choice(["合格", "优秀", "合格"])]], [250, 750])
    p.d.rectangle([110, p.y, 1110, p.y + 300], outline="black", width=2)
    p.d.text((130, p.y + 20), "单位审核意见：", font=F(28, p.face), fill="black")
    p.d.text((190, p.y + 80), "情况属实，同意。", font=F(28, p.face), fill="black")
    p.d.text((700, p.y + 230), signdate or cn_date(f"{year + 1}-01-{rng.randint(8, 25):02d}", a["datestyle"]),
             font=F(28, p.face), fill="black")
    stamp(p, sealdef or a["seal"], 820, p.y + 190)
    return p


def doc_education(a, rng, sealed=True):
    p = Page(a["face"])
    p.title("教育部学历证书电子注册备案表", 40)
    p.line("更新日期：2024年10月8日", 22, x=780)
    grad = int(a["birth"][:4]) + 22
    p.table([["姓名", a["name"], "性别", a["sex"]],
             ["出生日期", a["birth"].replace("-", "年", 1).replace("-", "月") + "日", "民族", "汉族"],
             ["证件号码", (a["id_masked"], 3)],
             ["入学日期", f"{grad - 4}年09月01日", "毕(结)业日期", f"{grad}年07月01日"],
             ["学校名称", (a["school"], 3)],
             ["专业", (a["major"], 3)],
             ["层次", "本科", "学习形式", "普通全日制"],
             ["证书编号", (f"10145{grad}0{rng.randint(10000, 99999)}", 3)]], [220, 320, 220, 240])
    p.line(f"在线验证码：{''.join(rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(16))}", 24)
    p.y += 60
    p.line("经审核，以上学历信息属实。", 28)
    p.y += 30
    p.line("审核人（签字）：", 28, x=150)
    signature(p, a["hr"], 400, p.y - 45, rng, a["sigstyle"])
    p.line(f"审核单位（盖章）：{a['unit']}", 28, x=150)
    p.line(a["dates"]["edu"], 28, x=700)
    if sealed:
        stamp(p, a["seal"], 760, p.y - 80)
    return p


def doc_continuing(a, rng):
    p = Page(a["face"])
    p.title("继续教育公需科目学习证明", 42)
    p.para(f"{a['name']}同志（身份证号：{a['id_masked']}），于2023年度参加专业技术人员继续教育公需科目"
           "网络学习，完成《数字经济与创新驱动发展》等课程共计30学时，考核合格。")
    p.para("特此证明。")
    p.y += 140
    p.line("抚顺市专业技术人员继续教育基地", 30, x=560)
    p.line("2023年11月20日", 30, x=700)
    stamp(p, seal("抚顺市专业技术人员继续教育基地", rng, bottom="培训专用章"), 820, p.y - 90)
    return p


def doc_idcard(a, rng):
    p = Page(a["face"])
    p.line("居民身份证复印件", 30, x=480)
    x0, y0 = 270, 260
    p.d.rounded_rectangle([x0, y0, x0 + 700, y0 + 440], 30, outline=(90, 90, 90), width=3, fill=(236, 240, 244))
    f = F(28, "hei")
    yy = y0 + 40
    b = a["birth"].split("-")
    for lab, val in [("姓名", a.get("card_name", a["name"])), ("性别", f"{a['sex']}    民族  汉"),
                     ("出生", f"{b[0]}年{int(b[1])}月{int(b[2])}日"), ("住址", "辽宁省抚顺市顺城区"), ("", "新华大街12号")]:
        p.d.text((x0 + 40, yy), lab, font=F(24, "hei"), fill=(60, 80, 120))
        p.d.text((x0 + 130, yy - 2), val, font=f, fill="black")
        yy += 62
    p.d.text((x0 + 40, y0 + 370), "公民身份号码", font=F(24, "hei"), fill=(60, 80, 120))
    p.d.text((x0 + 220, y0 + 366), a["id_card"], font=F(32, "hei"), fill="black")
    mask_area(p, x0 + 500, y0 + 60, 160, 200, rng)
    y1 = y0 + 560
    p.d.rounded_rectangle([x0, y1, x0 + 700, y1 + 440], 30, outline=(90, 90, 90), width=3, fill=(236, 240, 244))
    p.d.text((x0 + 170, y1 + 80), "中华人民共和国", font=F(44, "hei"), fill="black")
    p.d.text((x0 + 200, y1 + 150), "居民身份证", font=F(52, "hei"), fill="black")
    p.d.text((x0 + 60, y1 + 300), "签发机关  抚顺市公安局顺城分局", font=F(26, "hei"), fill="black")
    p.d.text((x0 + 60, y1 + 350), "有效期限  2016.05.10-2036.05.10", font=F(26, "hei"), fill="black")
    return p


def doc_evaluation(a, rng):
    p = Page(a["face"])
    p.title("专业技术资格评定表")
    p.table([["姓名", a["name"], "性别", a["sex"]],
             ["工作单位", (a["unit"], 3)],
             ["申报资格", a["level"], "专业", a["specialty"]],
             ["现资格", a["cur_name"], "取得时间", a["cur_date_print"]]], [200, 300, 200, 300])
    p.d.rectangle([110, p.y, 1110, p.y + 400], outline="black", width=2)
    p.d.text((130, p.y + 20), "评审委员会意见：", font=F(28, p.face), fill="black")
    p.d.text((130, p.y + 220), "表决结果：同意    票，不同意    票，弃权    票", font=F(26, p.face), fill="black")
    return p


def doc_title_cert(a, rng, printed_date=None):
    p = Page(a["face"])
    p.d.rectangle([60, 60, W - 60, H - 60], outline=(150, 30, 30), width=8)
    p.y = 200
    p.title("专业技术资格证书", 54)
    p.y += 40
    for lab, val in [("姓    名", a["name"]), ("性    别", a["sex"]), ("工作单位", a["unit"]),
                     ("资格名称", a["cur_name"]), ("专    业", a["specialty"]),
                     ("评审通过时间", printed_date or a["cur_date_print"]),
                     ("证书编号", f"LN{rng.randint(10**9, 10**10 - 1)}")]:
        p.line(f"{lab}：{val}", 32, x=200, gap=30)
    p.y += 100
    p.line("发证机关：抚顺市人力资源和社会保障局", 30, x=420)
    stamp(p, seal("抚顺市人力资源和社会保障局", rng), 800, p.y - 40)
    return p


def doc_award(a, rng, award, date):
    p = Page(a["face"])
    p.d.rectangle([70, 70, W - 70, H - 70], outline=(180, 140, 40), width=10)
    p.y = 260
    p.title("荣 誉 证 书", 64)
    p.y += 60
    p.para(f"{a['name']}同志：")
    p.para(f"你参与完成的“{a['award_project']}”项目，荣获{award}。特发此证，以资鼓励。")
    p.y += 200
    issuer = "抚顺市人民政府" if "抚顺" in award else "辽宁省环境科学学会"
    p.line(issuer, 32, x=720)
    p.line(cn_date(date), 32, x=700)
    stamp(p, seal(issuer, rng), 820, p.y - 90)
    return p


def doc_journal_cover(a, rng, j, issn, cn, year, issue):
    p = Page("song")
    p.d.rectangle([0, 0, W, 420], fill=(30, 90, 150))
    f = F(110, "hei")
    w = p.d.textlength(j, font=f)
    p.d.text(((W - w) / 2, 140), j, font=f, fill="white")
    p.y = 520
    p.line(f"{year}年 第{issue}期", 44, x=440)
    p.y += 700
    p.line(f"ISSN {issn}", 36, x=160)
    p.line(f"CN {cn}", 36, x=160)
    p.line("国内外公开发行", 28, x=160)
    return p


def doc_paper(a, rng, j, year, issue, title, coauthor):
    p = Page("song")
    p.line(f"{j}  {year}年第{issue}期", 22, x=120)
    p.d.line([110, p.y, 1130, p.y], fill="black", width=2)
    p.y += 50
    p.title(title, 40)
    p.line(f"{a['name']}，{coauthor}", 30, x=480, face="kai")
    p.line(f"（{a['unit']}，辽宁 抚顺 113000）", 24, x=300)
    p.y += 20
    p.para("摘要：以近年来的监测数据为基础，采用统计分析方法研究了其变化特征与影响因素，结果表明各项指标总体"
           "呈下降趋势，季节差异明显，研究结果可为区域生态环境管理提供参考。", size=24)
    p.para("关键词：生态环境；监测；变化特征", size=24, indent=0)
    p.line(f"中图分类号：X83    文献标识码：A    文章编号：{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}({year})0{issue}-0{rng.randint(10, 99)}-05",
           20)
    p.y += 30
    p.para("随着经济社会的快速发展，区域生态环境面临的压力逐渐加大。开展长期、系统的监测与评价，对于掌握环境质量"
           "状况、识别主要问题具有重要意义。本文在前人研究的基础上，结合本地区实际情况，对相关数据进行了整理与分析。", size=26)
    return p


def doc_retrieval(a, rng, papers):
    p = Page(a["face"])
    p.title("论文收录检索证明", 44)
    p.para(f"经检索中国知网（CNKI）数据库，{a['name']}（{a['unit']}）发表的以下论文被收录，详情如下：", size=26)
    rows = [["序号", "论文题目", "期刊名称", "年/期"]]
    for i, (t, j, y, iss) in enumerate(papers, 1):
        rows.append([str(i), t[:14] + ("\n" + t[14:] if len(t) > 14 else ""), j, f"{y}({iss})"])
    p.table(rows, [100, 480, 240, 180], rh=100, size=24)
    p.line("检索人（签字）：", 28, x=150)
    signature(p, a["hr"], 400, p.y - 45, rng, a["sigstyle"])
    p.line(f"单位人事部门（盖章）：{a['unit']}", 26, x=150)
    p.line(a["dates"]["ret"], 28, x=700)
    stamp(p, a["seal"], 760, p.y - 90)
    return p


# ---------------------------------------------------------------- capture
def scanned(im, rng):
    im = im.rotate(rng.uniform(-2, 2), resample=Image.BICUBIC, fillcolor=(235, 235, 232))
    a = np.asarray(im).astype(np.float32)
    a = a * rng.uniform(0.88, 0.96) + rng.uniform(4, 14)
    a += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 5, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))


def write(dossier_dir, pages, capture, rng):
    dossier_dir.mkdir(parents=True, exist_ok=True)
    ims = [(n, scanned(p.im, rng) if capture == "jpeg" else p.im) for n, p in pages]
    if capture == "pdf":
        first, *rest = [im for _, im in ims]
        first.save(dossier_dir / "材料.pdf", save_all=True, append_images=rest, resolution=150)
        return
    for i, (n, im) in enumerate(ims, 1):
        if capture == "jpeg":
            im.save(dossier_dir / f"scan_{i:03d}.jpg", quality=rng.randint(55, 80))
        else:
            im.save(dossier_dir / f"{i:02d}_{n}.png")


# ---------------------------------------------------------------- dossiers
def person(i, rng):
    unit, kind = UNITS[i % len(UNITS)]
    name = PEOPLE[i % len(PEOPLE)]
    year = rng.randint(1972, 1994)
    idn = make_id(rng, year)
    birth = f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}"
    cur = rng.choice(["2019-06-30", "2018-12-28", "2020-09-15", "2017-11-30"])
    a = dict(name=name, unit=unit, kind=kind, sex=rng.choice("男女"), birth=birth, id=idn, id_card=idn,
             id_masked=idn[:6] + "********" + idn[14:], level="工程师", cur_name="助理工程师", cur_date=cur,
             cur_date_print=cn_date(cur, rng.choice([0, 0, 1])),
             specialty=rng.choice(["生态环境监测", "生态环境工程", "生态环境管理"]),
             face=rng.choice(["song", "kai", "hei", "song"]), head=rng.choice(HEADS), hr=rng.choice(HEADS[::-1]),
             sigstyle=rng.choice(["scribble", "cursive"]), datestyle=rng.choice([3, 4] if SET2 else [0, 0, 1, 2]),
             school=rng.choice(["辽宁石油化工大学", "沈阳建筑大学", "大连理工大学"]), major="环境工程",
             award_project=rng.choice(["浑河流域水环境综合治理技术研究", "抚顺市大气污染源排放清单编制"]),
             dates=dict(rec="2024年10月15日", pub="2024年9月9日", edu="2024年10月10日", ret="2024年10月12日"))
    a["seal"] = seal(unit, rng)
    return a


def yaml_text(a, papers, awards):
    lines = [f"name: {a['name']}", f"id_number: '{a['id']}'", f"unit: {a['unit']}", f"unit_kind: {a['kind']}",
             f"specialty: {a['specialty']}", f"level: {a['level']}", "current_title:",
             f"  name: {a['cur_name']}", f"  date: '{a['cur_date']}'"]
    if papers:
        lines.append("papers:")
        for t, j, issn, cn, d in papers:
            lines += [f"  - title: {t}", f"    journal: {j}", f"    issn: '{issn}'", f"    cn: '{cn}'", f"    date: '{d}'"]
    if awards:
        lines.append("awards:")
        for t, d in awards:
            lines += [f"  - title: {t}", f"    date: '{d}'"]
    lines.append("campaign: fushun-2024")
    return "\n".join(lines) + "\n"


PLANTS = [None] * 12 + ["dossier.required", "title.date", "evidence.after_title", "journal.issn", "journal.cn",
                        "seal.unit", "signature.present", "identity.name", "identity.id_number", "assessment.years",
                        "publicity.duration", "seal.present", "paper.retrieval", "journal.registered"]


PLANTS2 = [None] * 6 + ["seal.unit", "signature.present", "identity.name", "dossier.required", "title.date",
                        "evidence.after_title"]


def near_name(unit):
    """Another body one character away: the county's for the city's (抚顺县… for 抚顺市…), or the city's."""
    return unit.replace("抚顺市", "抚顺县", 1) if unit.startswith("抚顺市") else unit.replace("抚顺", "抚州", 1)


def build2(i, plant, rng):
    """Set 2: the first set's documents with a second hand's choices and plants."""
    a = person(i, rng)
    pages = []
    add = lambda n, p: pages.append((n, p))
    add("推荐表", doc_recommendation(a, rng, signed=plant != "signature.present"))
    add("公示", doc_publicity(a, rng))
    for y in (2021, 2022, 2023):
        if plant == "seal.unit" and y == 2023:
            add(f"考核{y}", doc_assessment(a, rng, y, sealdef=seal(near_name(a["unit"]), rng)))
        else:
            add(f"考核{y}", doc_assessment(a, rng, y))
    add("学历", doc_education(a, rng))
    add("继续教育", doc_continuing(a, rng))
    if plant == "identity.name":
        a["card_name"] = ("李" if a["name"][0] != "李" else "张") + a["name"][1:]
    if plant != "dossier.required":
        add("身份证", doc_idcard(a, rng))
    add("评定表", doc_evaluation(a, rng))
    if plant == "title.date":
        y, m, d = (int(x) for x in a["cur_date"].split("-"))
        add("职称证书", doc_title_cert(a, rng, printed_date=cn_date(f"{y}-{m - 1:02d}-{min(d, 28):02d}", a["datestyle"])))
    else:
        add("职称证书", doc_title_cert(a, rng))
    aw = AWARDS[i % len(AWARDS)]
    date = a["cur_date"] if plant == "evidence.after_title" else rng.choice(["2021-12-20", "2022-11-28", "2023-06-16"])
    add("荣誉证书", doc_award(a, rng, aw, date))
    return a, pages, [], [(aw, date)]


def build(i, plant, rng):
    a = person(i, rng)
    if plant in ("journal.issn", "journal.cn", "paper.retrieval", "journal.registered") and a["kind"] == "enterprise":
        a["unit"], a["kind"] = UNITS[0]
        a["seal"] = seal(a["unit"], rng)
    pages = []
    add = lambda n, p: pages.append((n, p))
    add("推荐表", doc_recommendation(a, rng, signed=plant != "signature.present"))
    if plant == "publicity.duration":
        add("公示", doc_publicity(a, rng, "2024-09-02", "2024-09-04"))
    else:
        add("公示", doc_publicity(a, rng))
    for y in (2021, 2022, 2023):
        if plant == "assessment.years" and y == 2022:
            add(f"考核{y}", doc_assessment(a, rng, 2020))
        elif plant == "seal.unit" and y == 2022:
            add(f"考核{y}", doc_assessment(a, rng, y, sealdef=seal(OTHER_UNIT, rng)))
        elif plant == "identity.name" and y == 2023:
            add(f"考核{y}", doc_assessment(a, rng, y, name=a["name"][0] + ("建" if a["name"][1] != "建" else "国") + a["name"][2:]))
        else:
            add(f"考核{y}", doc_assessment(a, rng, y))
    add("学历", doc_education(a, rng, sealed=plant != "seal.present"))
    if plant != "dossier.required":
        add("继续教育", doc_continuing(a, rng))
    if plant == "identity.id_number":
        b = a["id"][:14]
        alt = b + f"{(int(a['id'][14:17]) + 2) % 1000:03d}"
        a["id"] = alt + ric.calc_check_digit(alt + "0")
    add("身份证", doc_idcard(a, rng))
    add("评定表", doc_evaluation(a, rng))
    if plant == "title.date":
        y, m, d = (int(x) for x in a["cur_date"].split("-"))
        add("职称证书", doc_title_cert(a, rng, printed_date=cn_date(f"{y}-{m:02d}-{d - 1:02d}")))
    else:
        add("职称证书", doc_title_cert(a, rng))
    papers, awards = [], []
    with_paper = a["kind"] != "enterprise" and (i % 2 == 0 or plant in ("journal.issn", "journal.cn", "paper.retrieval",
                                                                            "journal.registered"))
    if with_paper:
        j, issn, cn = JOURNALS[i % len(JOURNALS)]
        year, issue = rng.choice([(2021, 5), (2022, 3), (2023, 4)])
        title = PAPERS[i % len(PAPERS)]
        if plant == "journal.issn":
            issn = issn[:-1] + str((int(issn[-1]) + 1) % 10 if issn[-1] != "X" else 0)
        if plant == "journal.cn":
            cn = cn[:3] + cn[4:]  # 44-325/X: three serial digits
        if plant == "journal.registered":
            other = JOURNALS[(i + 1) % len(JOURNALS)]
            cn = other[2]
        add("期刊封面", doc_journal_cover(a, rng, j, issn, cn, year, issue))
        add("论文", doc_paper(a, rng, j, year, issue, title, rng.choice(PEOPLE)))
        if plant != "paper.retrieval":
            add("检索证明", doc_retrieval(a, rng, [(title, j, year, issue)]))
        papers.append((title, j, issn, cn, f"{year}-{issue:02d}"))
    if not with_paper or plant == "evidence.after_title":
        aw = AWARDS[i % len(AWARDS)]
        if plant == "evidence.after_title":
            y, m, d = (int(x) for x in a["cur_date"].split("-"))
            date = f"{y}-{m:02d}-{d - 1:02d}"
        else:
            date = rng.choice(["2021-12-20", "2022-11-28", "2023-06-16"])
        add("荣誉证书", doc_award(a, rng, aw, date))
        awards.append((aw, date))
    return a, pages, papers, awards


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "set").mkdir(parents=True)
    key = {}
    for i, plant in enumerate(PLANTS2 if SET2 else PLANTS):
        rng = random.Random((5000 if SET2 else 3000) + i)
        a, pages, papers, awards = (build2 if SET2 else build)(i, plant, rng)
        k = f"T30{'B' if SET2 else ''}-{i + 1:02d}"
        capture = ["png", "jpeg", "pdf"][i % 3]
        write(OUT / "set" / k, pages, capture, rng)
        (OUT / "set" / k / "applicant.yaml").write_text(yaml_text(a, papers, awards), encoding="utf-8")
        key[k] = {"pack": capture, "planted": plant, "pages": len(pages)}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
