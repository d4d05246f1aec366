"""Probe round 15 (issue 13): dossiers made unlike every earlier round's, each page drawn here on a page model of its
own (no code shared with fixtures/generator or the earlier probes), then put through the ways real offices hand
pages in that no round tried yet:

- a fax: 1-bit pages, each document one multi-page CCITT G4 TIFF, fine (200 x 200 dpi) and standard (204 x 98 dpi,
  every page half as tall as wide as it should be, as a fax machine stores it);
- heavy JPEG compression (quality 15-30);
- a flatbed scan skewed 2-6 degrees;
- certificate paper: a tinted ground, a guilloche border, a watermark 「仅供职称评审使用」 / 「复印无效」 across the page;
- a 「复印件与原件核对无误」 stamp with a verifier's signature and date under certificate copies, and a 骑缝章 (the
  unit's seal half on the edge of each of a two-page form's pages);
- two pages scanned side by side on one landscape image;
- a title certificate carrying its holder's photo, issued by another city's 人力资源和社会保障局;
- names with a middle dot (阿依古丽·买买提), a compound surname (欧阳), a rare surname (郗堃);
- applicant.yaml in GBK, with a BOM, comments and flow forms; files named in pinyin or by number only (001.jpg);
- dates 2021年度, 二〇二一年十二月, a paper in an English-language journal (Journal of Environmental Sciences, CN
  11-2629/X) dated "May 2022".

    PROBE_OUT=/tmp/trust15 python scripts/probe_trust15/make.py      # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json

Every transform is seeded by the page and the style, so a planted dossier shares all but its planted pages with its
clean twin (the OCR cache reads them once). Needs only Pillow, numpy and the CJK fonts (fonts-arphic-*, wqy-zenhei).
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import random
import shutil
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust15"))
W, H = 1654, 2339  # A4 at 200 dpi
FONT_MING = "/usr/share/fonts/truetype/arphic/uming.ttc"
FONT_KAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
FONT_HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
_fonts: dict = {}


def font(size: int, face: str = "ming") -> ImageFont.FreeTypeFont:
    path = {"ming": FONT_MING, "kai": FONT_KAI, "hei": FONT_HEI}[face]
    k = (path, size)
    if k not in _fonts:
        _fonts[k] = ImageFont.truetype(path, size, index=0)
    return _fonts[k]


def seeded(*parts) -> random.Random:
    return random.Random(int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12], 16))


# ---------------------------------------------------------------- the page model: a sheet of ink layers


class Sheet:
    """A page as black print plus coloured marks laid over it (seals, pen)."""

    def __init__(self, name: str, w: int = W, h: int = H, ground=(255, 255, 255)):
        self.name = name
        self.img = Image.new("RGB", (w, h), ground)
        self.d = ImageDraw.Draw(self.img)
        self.y = 180

    @property
    def w(self):
        return self.img.width

    def center(self, text, size=64, face="hei", y=None, fill=(15, 15, 15)):
        y = self.y if y is None else y
        f = font(size, face)
        tw = self.d.textlength(text, font=f)
        self.d.text(((self.w - tw) / 2, y), text, font=f, fill=fill)
        self.y = y + int(size * 1.9)

    def line(self, text, x=170, size=40, face="ming", y=None, gap=1.75, fill=(20, 20, 20)):
        y = self.y if y is None else y
        self.d.text((x, y), text, font=font(size, face), fill=fill)
        self.y = y + int(size * gap)
        return y

    def para(self, text, x=170, size=38, width=None, indent=2):
        width = width or (self.w - 2 * x)
        per = int(width // size)
        text = "\u3000" * indent + text
        while text:
            self.line(text[:per], x=x, size=size, gap=1.6)
            text = text[per:]

    def table(self, rows, x=150, widths=(330, 1024), size=36, rowh=110):
        """rows: (label, value[, height]); returns the box of each value cell."""
        boxes = []
        for r in rows:
            label, value = r[0], r[1]
            h = r[2] if len(r) > 2 else rowh
            x0 = x
            y0 = self.y
            self.d.rectangle((x0, y0, x0 + widths[0], y0 + h), outline=(0, 0, 0), width=3)
            self.d.rectangle((x0 + widths[0], y0, x0 + sum(widths), y0 + h), outline=(0, 0, 0), width=3)
            self.d.text((x0 + 20, y0 + min(h, rowh) / 2 - size / 2), label, font=font(size, "ming"), fill=(0, 0, 0))
            if value:
                vy = y0 + min(h, rowh) / 2 - size / 2
                for i, part in enumerate(value.split("\n")):
                    self.d.text((x0 + widths[0] + 24, vy + i * size * 1.6), part, font=font(size, "ming"),
                                fill=(0, 0, 0))
            boxes.append((x0 + widths[0], y0, x0 + sum(widths), y0 + h))
            self.y = y0 + h
        self.y += 40
        return boxes


def seal(sheet: Sheet, cx, cy, text, r=160, bottom="", colour=(210, 30, 35), seed=0, half=None):
    """A round unit seal: the name along the top arc, a star, an optional line under the star. half='right' keeps
    only the left half of it (the part on this page of a 骑缝章 whose other half is on the next page's edge)."""
    rnd = seeded("seal", text, seed)
    size = 2 * r + 40
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    c = size / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(6, r // 22))
    # the star
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r * 0.26 if i % 2 == 0 else r * 0.10
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(pts, fill=255)
    n = len(text)
    span = min(250.0, 22.0 * n + 40)
    per = 2 * math.pi * r * 0.72 * span / 360 / n  # arc length a character has
    fs = int(min(r * 0.30, per * 1.02))
    f = font(fs, "hei")
    for i, ch in enumerate(text):
        ang = -span / 2 + span * (i + 0.5) / n  # degrees from the top, clockwise
        glyph = Image.new("L", (fs + 8, fs + 8), 0)
        ImageDraw.Draw(glyph).text((4, 0), ch, font=f, fill=255)
        glyph = glyph.rotate(-ang, resample=Image.BICUBIC, expand=True)
        rad = math.radians(ang - 90)
        gx = c + (r * 0.72) * math.cos(rad) - glyph.width / 2
        gy = c + (r * 0.72) * math.sin(rad) - glyph.height / 2
        layer.paste(255, (int(gx), int(gy)), glyph)
    if bottom:
        bf = font(int(r * 0.2), "hei")
        tw = d.textlength(bottom, font=bf)
        d.text((c - tw / 2, c + r * 0.38), bottom, font=bf, fill=255)
    # wear: thin speckles of missing ink
    a = np.asarray(layer, dtype=np.float32) / 255.0
    noise = np.random.default_rng(rnd.randrange(1 << 30)).random(a.shape)
    a = a * np.where(noise < 0.06, 0.35, 0.92)
    if half == "right":  # the seal's right half lies on the next page
        a[:, int(c):] = 0
    elif half == "left":
        a[:, :int(c)] = 0
    x0, y0 = int(cx - c), int(cy - c)
    base = np.asarray(sheet.img, dtype=np.float32)
    h, w = a.shape
    ys0, xs0 = max(0, y0), max(0, x0)
    ys1, xs1 = min(base.shape[0], y0 + h), min(base.shape[1], x0 + w)
    sub = a[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0][..., None]
    col = np.array(colour, dtype=np.float32) / 255.0
    region = base[ys0:ys1, xs0:xs1]
    base[ys0:ys1, xs0:xs1] = region * (1 - sub * (1 - col))  # multiply: ink over print
    sheet.img = Image.fromarray(base.clip(0, 255).astype(np.uint8))
    sheet.d = ImageDraw.Draw(sheet.img)


def signature(sheet: Sheet, x, y, seed, colour=(20, 30, 120), width=260, height=80):
    """A pen scribble: three to five connected loops with a flourish, drawn as a smooth pen path."""
    rnd = seeded("sig", seed)
    pts = []
    n = rnd.randint(3, 5)
    for i in range(n):
        bx = x + width * i / n
        for t in np.linspace(0, 2 * math.pi, 14):
            pts.append((bx + width / n * 0.5 * (1 + math.cos(t + rnd.random())) + rnd.uniform(-4, 4),
                        y + height * (0.5 - 0.45 * math.sin(t * rnd.choice((1, 2)))) + rnd.uniform(-5, 5)))
    pts.append((x + width * 1.08, y + height * 0.2))
    sheet.d.line(pts, fill=colour, width=4, joint="curve")


def guilloche(sheet: Sheet, colour=(200, 170, 120), margin=60):
    d = sheet.d
    w, h = sheet.img.size
    for k in range(3):
        pts = []
        for t in np.linspace(0, 1, 1600):
            per = 2 * (w + h - 4 * margin)
            s = t * per
            if s < w - 2 * margin:
                px, py, nx, ny = margin + s, margin, 0, 1
            elif s < w + h - 4 * margin:
                px, py, nx, ny = w - margin, margin + s - (w - 2 * margin), -1, 0
            elif s < 2 * w + h - 6 * margin:
                px, py, nx, ny = w - margin - (s - (w + h - 4 * margin)), h - margin, 0, -1
            else:
                px, py, nx, ny = margin, h - margin - (s - (2 * w + h - 6 * margin)), 1, 0
            off = 18 + 14 * math.sin(t * 2 * math.pi * 90 + k * 2.1)
            pts.append((px + nx * off, py + ny * off))
        d.line(pts, fill=colour, width=2)


def watermark(sheet: Sheet, text, colour=(215, 215, 215), size=120, angle=30):
    w, h = sheet.img.size
    layer = Image.new("L", (w * 2, h * 2), 0)
    d = ImageDraw.Draw(layer)
    f = font(size, "hei")
    for yy in range(0, h * 2, size * 4):
        for xx in range(0, w * 2, int(d.textlength(text, font=f)) + size * 2):
            d.text((xx, yy), text, font=f, fill=255)
    layer = layer.rotate(angle, resample=Image.BICUBIC).crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    a = np.asarray(layer, dtype=np.float32)[..., None] / 255.0
    base = np.asarray(sheet.img, dtype=np.float32)
    col = np.array(colour, dtype=np.float32)
    # the watermark is printed under the text: it only shows where the paper is light
    light = (base.mean(axis=2, keepdims=True) > 200).astype(np.float32)
    base = base * (1 - a * light) + col * a * light
    sheet.img = Image.fromarray(base.clip(0, 255).astype(np.uint8))
    sheet.d = ImageDraw.Draw(sheet.img)


def photo(sheet: Sheet, x, y, w=300, h=400, seed=0):
    rnd = seeded("photo", seed)
    d = sheet.d
    d.rectangle((x, y, x + w, y + h), fill=(90, 130, 200))
    d.ellipse((x + w * 0.28, y + h * 0.15, x + w * 0.72, y + h * 0.58), fill=(230, 200, 175))
    d.rectangle((x + w * 0.1, y + h * 0.62, x + w * 0.9, y + h), fill=(40, 40, 50))
    d.ellipse((x + w * 0.26, y + h * 0.08, x + w * 0.74, y + h * 0.3), fill=(30, 25, 20))
    for _ in range(40):
        px, py = x + rnd.random() * w, y + rnd.random() * h
        d.point((px, py), fill=(80, 80, 80))


# ---------------------------------------------------------------- the applicants


def id_number(region: str, birth: str, seq: str) -> str:
    body = region + birth + seq
    wts = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body, wts)) % 11
    return body + "10X98765432"[s]


PEOPLE = {
    "A": dict(name="阿依古丽·买买提", sex="女", nation="维吾尔", birth="19880415", region="210402", seq="062",
              unit="抚顺市新抚区环境监测站", head="新抚区环境监测站", specialty="生态环境监测",
              title=("助理工程师", "2019-06-30"), level="工程师",
              paper=dict(title="Source apportionment of PM2.5 in an industrial city of Northeast China",
                         journal="Journal of Environmental Sciences", issn="1001-0742", cn="11-2629/X", date="2022-05",
                         vol="Vol. 115", month="May 2022", sponsor="中国科学院生态环境研究中心"),
              award=None),
    "B": dict(name="欧阳振华", sex="男", nation="汉", birth="19850922", region="210404", seq="031",
              unit="抚顺市望花区生态环境保护服务中心", specialty="生态环境工程",
              title=("助理工程师", "2020-03-15"), level="工程师",
              paper=dict(title="焦化废水深度处理工艺运行效果分析", journal="中国环境监测", issn="1002-6002",
                         cn="11-2861/X", date="2021-08", vol="第37卷 第4期", issue=4, month="2021年8月", sponsor="中国环境监测总站"),
              award=dict(title="抚顺市环境保护科学技术奖三等奖", date="2021-12", issuer="抚顺市生态环境局",
                         work="焦化废水深度处理技术研究与应用")),
    "C": dict(name="郗堃", sex="男", nation="满", birth="19930308", region="210423", seq="015",
              unit="清原满族自治县环境保护监测站", specialty="生态环境监测",
              title=("技术员", "2018-12-20"), level="助理工程师", paper=None,
              award=dict(title="抚顺市生态环境监测技术比武个人二等奖", date="2021-12", issuer="抚顺市生态环境局",
                         work="地表水监测技术比武")),
}
# the same applicant, her name printed without its middle dot on every page (as many forms type it), claimed with it
PEOPLE["A2"] = dict(PEOPLE["A"], name="阿依古丽买买提")
for _p in PEOPLE.values():
    _p["id"] = id_number(_p["region"], _p["birth"], _p["seq"])

CN_DIGITS = "〇一二三四五六七八九"


def cn_date(iso: str, style: str = "arabic") -> str:
    y, m, *d = iso.split("-")
    if style == "hanzi":
        yy = "".join(CN_DIGITS[int(c)] for c in y)
        mm = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"][int(m)]
        return f"{yy}年{mm}月" + (f"{_cn_day(int(d[0]))}日" if d else "")
    return f"{int(y)}年{int(m)}月" + (f"{int(d[0])}日" if d else "")


def _cn_day(n: int) -> str:
    t = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    if n < 10:
        return t[n]
    if n < 20:
        return "十" + t[n - 10]
    return t[n // 10] + "十" + t[n % 10]


# ---------------------------------------------------------------- documents (each a list of Sheets)


def recommendation(p, v):
    s1 = Sheet(f"rec1-{p['name']}")
    s1.center("专业技术资格评审推荐表", 66)
    s1.line("（第1页 共2页）", x=1250, size=30)
    s1.table([("姓    名", p["name"]), ("性    别", p["sex"]), ("民    族", p["nation"] + "族"),
              ("出生年月", f"{p['birth'][:4]}年{int(p['birth'][4:6])}月"), ("工作单位", p["unit"]),
              ("现专业技术资格", f"{p['title'][0]}（{cn_date(p['title'][1])}取得）"),
              ("申报专业", p["specialty"]), ("申报资格", p["level"]),
              ("主要工作经历", "2012年7月至今 在" + p["unit"] + "从事\n生态环境相关专业技术工作", 260)])
    s1.line("本人承诺所提交材料真实有效。", size=36)
    s1.line("申报人签字：", x=900, size=36, y=s1.y + 40)
    signature(s1, 1130, s1.y - 90, p["name"] + "self")
    s2 = Sheet(f"rec2-{p['name']}")
    s2.center("专业技术资格评审推荐表（续）", 56)
    s2.table([("任现职以来主要业绩", "参与" + p["specialty"] + "相关项目多项，\n完成监测、治理及技术报告编制工作。", 420),
              ("单位推荐意见", "经审核，该同志材料真实，符合申报条件，\n同意推荐。", 620)])
    box_y = s2.y - 40 - 620
    s2.line("单位负责人签字：", x=560, size=38, y=box_y + 400)
    if v.get("rec_signed", True):
        signature(s2, 880, box_y + 370, p["name"] + "head")
    s2.line("（单位公章）      2024年10月25日", x=900, size=36, y=box_y + 520)
    if v.get("seal_unit_other"):
        seal(s2, 1250, box_y + 430, v["seal_unit_other"], seed=2)
    elif v.get("riding_only"):  # the 骑缝章's halves, and no seal in the opinion box
        v = dict(v, riding=True)
    else:
        seal(s2, 1250, box_y + 430, p["unit"], seed=2)
    if v.get("riding"):  # a 骑缝章: the unit's seal over the two pages' right edges
        seal(s1, W - 10, 1500, p["unit"], seed=7, half="right")
        seal(s2, W - 10, 1500, p["unit"], seed=7, half="right")
    return [s1, s2]


def publicity(p, v):
    s = Sheet(f"pub-{p['name']}")
    s.center("公示结果", 70)
    start, end = v.get("pub", ("2024年10月14日", "10月18日"))
    s.para(f"根据抚顺市2024年度工程系列生态环境行业中、初级专业技术资格评审工作要求，我单位于{start}至{end}，"
           f"对{p['name']}同志申报{p['level']}资格的有关材料在单位公示栏进行了公示，公示期间未收到任何异议。")
    s.para("特此证明。")
    s.y += 200
    s.line(p["unit"], x=820, size=38)
    s.line("2024年10月21日", x=960, size=38)
    seal(s, 1160, s.y - 130, p["unit"], seed=3)
    return [s]


def assessment(p, year, v):
    s = Sheet(f"ass{year}-{p['name']}" + (f"-{v['ass_dates'][year]}" if year in v.get("ass_dates", {}) else "")
              + (f"-s{v['summary_year'][year]}" if year in v.get("summary_year", {}) else ""))
    s.center(f"{year}年度事业单位工作人员年度考核登记表", 54)
    grade = v.get("grades", {}).get(year, "合格")
    boxes = s.table([("姓    名", p["name"]), ("性    别", p["sex"]), ("单    位", p["unit"]),
                     ("现任职务", "专业技术人员"),
                     ("个人总结", f"{v.get('summary_year', {}).get(year, year)}年，本人认真履行岗位职责，完成了监测、\n报告编制等各项工作任务，遵守工作纪律。", 520),
                     ("主管领导评语", "该同志工作认真负责，业务熟练。", 240),
                     ("考核等次", grade),
                     ("单位意见", "同意主管领导评语。", 380)])
    s.line(v.get("ass_dates", {}).get(year, f"{year + 1}年1月{10 + year % 7}日"), x=1100, size=36, y=boxes[-1][3] - 90)
    if v.get("no_seal_year") != year:
        seal(s, 1250, boxes[-1][1] + 190, p["unit"], seed=year)
    return [s]


def education(p, v):
    s = Sheet(f"edu-{p['name']}")
    s.center("教育部学历证书电子注册备案表", 60)
    s.line("学信网（www.chsi.com.cn）", x=560, size=34)
    s.line("在线验证码：A" + p["id"][6:14] + "K7Q", x=170, size=36)
    boxes = s.table([("姓    名", p["name"]), ("性    别", p["sex"]), ("出生日期", p["birth"][:4] + "年" + p["birth"][4:6] + "月"),
                     ("入学日期", "2008年09月01日"), ("毕业日期", "2012年07月01日"), ("学校名称", "沈阳建筑大学"),
                     ("专    业", "环境工程"), ("学历层次", "本科"), ("学习形式", "普通全日制"),
                     ("证书编号", "101531201205" + p["id"][-6:])])
    s.y += 80
    s.line("经核对，以上信息与本人原件一致。", x=170, size=36)
    y = s.line("单位负责人签字：", x=300, size=38, y=s.y + 40)
    signature(s, 620, y - 20, p["name"] + "edu")
    s.line("（单位盖章）  2024年10月22日", x=900, size=36, y=y + 110)
    seal(s, 1180, y + 60, p["unit"], seed=5)
    return [s]


def continuing(p, v):
    s = Sheet(f"ce-{p['name']}" + ("-old" if v.get("old_ce") else ""))
    s.center("专业技术人员继续教育公需科目", 58)
    s.center("学习证明", 58)
    s.para(f"{p['name']}同志（身份证号：{p['id'][:6]}********{p['id'][-4:]}）参加了辽宁省专业技术人员继续教育"
           "公需科目网络学习，完成下列课程，成绩合格，特此证明。")
    years = ("2016—2017学年", "2017—2018学年", "2018—2019学年") if v.get("old_ce") else ("2021年度", "2022年度", "2023年度")
    s.table([("学习年度", "课程及学时"),
             (years[0], "数字经济与创新驱动发展  30学时"),
             (years[1], "专业技术人员职业道德与诚信建设  30学时"),
             (years[2], "碳达峰碳中和知识读本  30学时")], widths=(330, 1024))
    s.y += 120
    s.line("辽宁省专业技术人员继续教育管理服务平台", x=640, size=36)
    s.line("2019年6月28日" if v.get("old_ce") else "2023年12月28日", x=1000, size=36)
    return [s]


def id_card(p, v):
    name = v.get("id_name", p["name"])
    num = v.get("id_number", p["id"])
    s = Sheet(f"id-{name}-{num}")
    s.center("居民身份证复印件", 56)
    x0, y0 = 360, 400
    s.d.rounded_rectangle((x0, y0, x0 + 940, y0 + 590), radius=40, outline=(60, 60, 60), width=3, fill=(236, 240, 244))
    photo(s, x0 + 620, y0 + 90, 250, 320, seed=name)
    yy = y0 + 60
    for lab, val in (("姓名", name), ("性别", p["sex"] + "    民族  " + p["nation"]),
                     ("出生", f"{p['birth'][:4]}年{int(p['birth'][4:6])}月{int(p['birth'][6:])}日"),
                     ("住址", "辽宁省抚顺市新抚区"), ("", "站前街道12号")):
        s.d.text((x0 + 40, yy), lab, font=font(30, "hei"), fill=(40, 90, 160))
        s.d.text((x0 + 150, yy), val, font=font(34, "hei"), fill=(0, 0, 0))
        yy += 72
    s.d.text((x0 + 40, y0 + 500), "公民身份号码", font=font(30, "hei"), fill=(40, 90, 160))
    s.d.text((x0 + 260, y0 + 496), num, font=font(42, "hei"), fill=(0, 0, 0))
    y1 = y0 + 700
    s.d.rounded_rectangle((x0, y1, x0 + 940, y1 + 590), radius=40, outline=(60, 60, 60), width=3, fill=(236, 240, 244))
    s.d.text((x0 + 330, y1 + 120), "中华人民共和国", font=font(52, "hei"), fill=(0, 0, 0))
    s.d.text((x0 + 300, y1 + 220), "居 民 身 份 证", font=font(66, "hei"), fill=(0, 0, 0))
    s.d.text((x0 + 120, y1 + 420), "签发机关  抚顺市公安局新抚分局", font=font(32, "hei"), fill=(0, 0, 0))
    s.d.text((x0 + 120, y1 + 490), "有效期限  2016.05.10-2036.05.10", font=font(32, "hei"), fill=(0, 0, 0))
    return [s]


def title_cert(p, v):
    issuer = v.get("title_issuer", "抚顺市人力资源和社会保障局")
    date = v.get("title_date_printed", p["title"][1])
    s = Sheet(f"tc-{p['name']}-{date}-{issuer}-{v.get('cert_photo')}-{v.get('title_style')}", ground=v.get("paper", (255, 255, 255)))
    if v.get("guilloche"):
        guilloche(s)
    s.y = 260
    s.center("专业技术资格证书", 80, face="kai", fill=(150, 20, 20))
    if v.get("cert_photo"):
        photo(s, 1150, 560, 280, 380, seed=p["name"])
    s.y = 600
    for lab, val in (("姓    名", p["name"]), ("性    别", p["sex"]), ("出生年月", f"{p['birth'][:4]}年{int(p['birth'][4:6])}月"),
                     ("工作单位", p["unit"]), ("资格名称", p["title"][0]), ("专业名称", "环境保护"),
                     ("评审通过时间", cn_date(date, v.get("title_style", "arabic"))), ("批准文号", "抚人社〔" + date[:4] + "〕" + "58号"),
                     ("管 理 号", "210400" + date[:4] + "0" + p["id"][-5:])):
        s.line(f"{lab}：{val}", x=220, size=42, gap=1.9)
    s.y += 120
    s.line(issuer, x=820, size=40)
    s.line(cn_date(date, v.get("title_style", "arabic")), x=900, size=40)
    seal(s, 1130, s.y - 140, issuer, r=170, seed=9)
    if v.get("copystamp"):
        copystamp(s, 180, 1900, p["name"])
    if v.get("wm"):
        watermark(s, v["wm"])
    return [s]


def copystamp(s: Sheet, x, y, who):
    """「复印件与原件核对无误」: a rectangular blue stamp, a verifier signing under it and the date."""
    col = (40, 60, 170)
    s.d.rectangle((x, y, x + 560, y + 90), outline=col, width=5)
    s.d.text((x + 36, y + 18), "复印件与原件核对无误", font=font(50, "hei"), fill=col)
    s.d.text((x, y + 120), "核对人：", font=font(36, "ming"), fill=(0, 0, 0))
    signature(s, x + 150, y + 105, who + "verify", colour=(10, 10, 10), width=200, height=60)
    s.d.text((x, y + 200), "2024年10月23日", font=font(36, "ming"), fill=(0, 0, 0))


def evaluation(p, v):
    s = Sheet(f"eval-{p['name']}")
    s.center("专业技术资格评定表", 66)
    s.table([("姓    名", p["name"]), ("工作单位", p["unit"]), ("申报专业", p["specialty"]),
             ("申报资格", p["level"]), ("现资格", p["title"][0]),
             ("评审委员会意见", "", 500), ("表决结果", "应到    人，实到    人，赞成票    票"),
             ("呈报单位", p["unit"])])
    return [s]


def award(p, v):
    a = p["award"]
    date = v.get("award_printed", a["date"])
    style = v.get("award_style", "arabic")
    s = Sheet(f"aw-{p['name']}-{date}-{style}-{v.get('copystamp')}", ground=v.get("paper", (255, 255, 255)))
    if v.get("guilloche"):
        guilloche(s, colour=(190, 60, 60))
    s.y = 420
    s.center("荣誉证书", 110, face="kai", fill=(170, 20, 20))
    s.y = 800
    year = int(date[:4])
    s.para(f"{p['name']}同志：")
    s.para(f"你参加完成的“{a['work']}”在{year}年度评选中荣获{a['title']}。", size=44)
    s.para("特发此证，以资鼓励。", size=44)
    s.y += 260
    s.line(a["issuer"], x=900, size=42)
    s.line(f"{date[:4]}年度" if style == "year" else cn_date(date, style), x=940, size=42)
    seal(s, 1140, s.y - 150, a["issuer"], seed=11)
    if v.get("copystamp"):
        copystamp(s, 180, 1950, p["name"])
    if v.get("wm"):
        watermark(s, v["wm"])
    return [s]


def journal(p, v):
    j = p["paper"]
    month = v.get("paper_month", j["month"])
    english = j["journal"].isascii()
    cov = Sheet(f"jc-{p['name']}-{month}-{v.get('issn_printed')}-{v.get('cn_printed')}")
    if english:
        cov.y = 200
        cov.center("JOURNAL OF", 70, face="hei", fill=(20, 60, 120))
        cov.center("ENVIRONMENTAL SCIENCES", 86, face="hei", fill=(20, 60, 120))
        cov.y += 80
        cov.center(f"{j['vol']}   {month}", 46)
        cov.d.rectangle((200, 900, 1450, 1700), fill=(200, 220, 235))
        cov.y = 1800
        cov.center(f"ISSN {v.get('issn_printed', j['issn'])}     CN {v.get('cn_printed', j['cn'])}", 44)
        cov.center("Sponsored by Research Center for Eco-Environmental Sciences, CAS", 32)
        cov.center("主办：" + j["sponsor"] + "   月刊", 36)
    else:
        cov.y = 220
        cov.center(j["journal"], 110, face="kai", fill=(20, 80, 40))
        cov.center("ENVIRONMENTAL MONITORING IN CHINA", 40)
        cov.center(f"{month}  {j['vol']}", 46)
        cov.d.rectangle((200, 1000, 1450, 1700), fill=(215, 232, 215))
        cov.y = 1800
        cov.center("主管：中华人民共和国生态环境部    主办：" + j["sponsor"], 34)
        cov.center(f"ISSN {j['issn']}      CN {v.get('cn_printed', j['cn'])}", 44)
        cov.center("双月刊  国内定价：30.00元", 34)
    pap = Sheet(f"pp-{p['name']}-{month}")
    if english:
        pap.line(f"Journal of Environmental Sciences {j['vol']} ({month})", x=170, size=28)
        pap.y = 300
        words = j["title"].split()
        pap.center(" ".join(words[:6]), 50, face="hei")
        pap.center(" ".join(words[6:]), 50, face="hei")
        pap.center(p["name"].replace("·", " ") + "  (Ayigul Maimaiti)", 38)
        pap.center(p["unit"], 32)
        pap.y += 40
        pap.line("Abstract: PM2.5 samples were collected at four sites in Fushun from 2020 to 2021.", size=34)
        pap.line("Sources were apportioned with positive matrix factorization. Coal combustion,", size=34)
        pap.line("vehicle exhaust and industrial emission were the major contributors.", size=34)
        pap.line("Keywords: PM2.5; source apportionment; air quality; Fushun", size=34)
        pap.line("摘要：本文采用正定矩阵因子分解法对抚顺市PM2.5来源进行解析。", size=34)
        pap.line("中图分类号：X513    文献标识码：A", size=34)
    else:
        pap.line(f"第{j['vol']}  {j['journal']}  {month}", x=170, size=28)
        pap.y = 300
        pap.center(j["title"], 56, face="hei")
        pap.center(p["name"], 40)
        pap.center(f"（{p['unit']}，辽宁 抚顺 113000）", 32)
        pap.para("摘  要：针对焦化废水经生化处理后出水化学需氧量和氨氮仍难以稳定达标的问题，采用臭氧催化氧化与曝气生物滤池"
                 "组合工艺开展深度处理，连续运行结果表明出水稳定达标。", size=34)
        pap.line("关键词：焦化废水；深度处理；臭氧催化氧化", size=34)
        pap.line("中图分类号：X703    文献标识码：A    文章编号：1002-6002(2021)04-0112-06", size=30)
    pap.y += 60
    pap.para("1 引言 " + "随着排放标准日趋严格，" * 12, size=34)
    ret = Sheet(f"ret-{p['name']}" + (f"-{v['ret_title']}" if v.get("ret_title") else ""))
    ret.center("论文检索证明", 66)
    ret.para(f"经检索中国知网（CNKI）、万方数据库，{p['name']}发表的下列论文已被收录：")
    rt = v.get("ret_title", j["title"])
    ret.line("1." + rt[:34], size=34)
    if len(rt) > 34:
        ret.line("  " + rt[34:], size=34)
    ret.line(f"  《{j['journal']}》 {j['date'][:4]}年第{j['issue']}期" if not english else
             f"  {j['journal']}, {month}, {j['vol']}", size=34)
    ret.y += 100
    y = ret.line("人事部门审核人签字：", x=260, size=38)
    signature(ret, 660, y - 20, p["name"] + "ret")
    ret.line("2024年10月22日", x=1000, size=38, y=y + 120)
    seal(ret, 1150, y + 60, p["unit"], seed=13)
    return [cov, pap, ret]


def dossier(p, v):
    """[(document name, [sheets])] in the order handed in."""
    docs = [("推荐表", recommendation(p, v)), ("公示", publicity(p, v))]
    for y in v.get("years", (2021, 2022, 2023)):
        docs.append((f"考核{y}", assessment(p, y, v)))
    if v.get("edu", True):
        docs.append(("学历", education(p, v)))
    elif v.get("edu_instead"):
        docs.append(("学历", v["edu_instead"](p)))
    docs.append(("继续教育", continuing(p, v)))
    docs.append(("身份证", id_card(p, v)))
    docs.append(("职称证书", title_cert(p, v)))
    docs.append(("评定表", evaluation(p, v)))
    if p["award"]:
        docs.append(("获奖", award(p, v)))
    if p["paper"]:
        docs.append(("论文", journal(p, v)))
    return docs


def diploma(p):
    s = Sheet(f"dip-{p['name']}")
    s.y = 300
    s.center("毕 业 证 书", 96, face="kai", fill=(150, 20, 20))
    photo(s, 1150, 560, 280, 380, seed=p["name"])
    s.y = 700
    s.para(f"学生{p['name']}，性别{p['sex']}，于二〇〇八年九月至二〇一二年七月在本校环境工程专业四年制本科学习，"
           "修完教学计划规定的全部课程，成绩合格，准予毕业。", size=44)
    s.y += 200
    s.line("校（院）长：王建国", x=300, size=40)
    s.line("沈阳建筑大学", x=1000, size=42)
    s.line("二〇一二年七月一日", x=960, size=40)
    return [s]


# ---------------------------------------------------------------- how the pages reach the desk


def _rgb_array(img):
    return np.asarray(img.convert("RGB"), dtype=np.float32)


def to_fax(img: Image.Image, std: bool, rnd: random.Random) -> Image.Image:
    g = img.convert("L")
    a = np.asarray(g, dtype=np.float32)
    a = a + np.random.default_rng(rnd.randrange(1 << 30)).normal(0, 12, a.shape)
    b = Image.fromarray(((a > 150) * 255).astype(np.uint8)).convert("1", dither=Image.Dither.NONE)
    if std:
        b = b.resize((1728, int(1728 * img.height / img.width / 2)), Image.NEAREST)
    else:
        b = b.resize((1728, int(1728 * img.height / img.width)), Image.NEAREST)
    return b


def to_skew(img, rnd):
    ang = rnd.choice((-1, 1)) * rnd.uniform(2.0, 6.0)
    out = img.convert("RGB").rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=(238, 238, 236))
    return out


def to_tint(img, rnd):
    a = _rgb_array(img)
    tint = np.array((250, 244, 226), dtype=np.float32)
    a = a * (tint / 255.0)
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def save_jpeg(img, path, q):
    img.convert("RGB").save(path, "JPEG", quality=q)


def spread(a: Image.Image, b: Image.Image) -> Image.Image:
    w = a.width + b.width + 60
    out = Image.new("RGB", (w, max(a.height, b.height)), (246, 246, 244))
    out.paste(a.convert("RGB"), (0, 0))
    out.paste(b.convert("RGB"), (a.width + 60, 0))
    return out.resize((out.width * 3 // 4, out.height * 3 // 4), Image.LANCZOS)


def write(folder: Path, style: str, docs, naming: str = "cn"):
    folder.mkdir(parents=True, exist_ok=True)
    pinyin = {"推荐表": "tuijianbiao", "公示": "gongshi", "学历": "xueli", "继续教育": "jixujiaoyu", "身份证": "shenfenzheng",
              "职称证书": "zhichengzhengshu", "评定表": "pingdingbiao", "获奖": "huojiang", "论文": "lunwen"}
    n = 0

    def fname(doc, i, ext):
        nonlocal n
        n += 1
        if naming == "number":
            return f"{n:03d}.{ext}"
        base = doc
        if naming == "pinyin":
            base = pinyin.get(doc) or ("kaohe" + doc[2:] if doc.startswith("考核") else doc)
        return f"{base}{'_' + str(i + 1) if i else ''}.{ext}"

    if style in ("fax", "faxstd", "faxskew"):
        for doc, sheets in docs:
            pages = [to_fax(to_skew(s.img, seeded(style, s.name)) if style == "faxskew" else s.img, style != "fax",
                            seeded(style, s.name)) for s in sheets]
            dpi = (200, 200) if style == "fax" else (204, 98)
            name = fname(doc, 0, "tif")
            pages[0].save(folder / name, compression="group4", save_all=True, append_images=pages[1:], dpi=dpi)
        return
    if style == "spread":
        flat = [(doc, s) for doc, sheets in docs for s in sheets]
        i = 0
        while i < len(flat):
            doc, s = flat[i]
            if i + 1 < len(flat) and flat[i + 1][0] != doc and doc in ("身份证", "继续教育", "学历", "公示"):
                img = spread(s.img, flat[i + 1][1].img)
                save_jpeg(img, folder / fname(doc + "+" + flat[i + 1][0], 0, "jpg"), 88)
                i += 2
                continue
            save_jpeg(s.img, folder / fname(doc, 0 if i == 0 or flat[i - 1][0] != doc else 1, "jpg"), 88)
            i += 1
        return
    for doc, sheets in docs:
        for i, s in enumerate(sheets):
            rnd = seeded(style, s.name)
            img = s.img
            if style == "jpeg":
                save_jpeg(img, folder / fname(doc, i, "jpg"), rnd.randint(15, 30))
            elif style == "skew":
                save_jpeg(to_skew(img, rnd), folder / fname(doc, i, "jpg"), 85)
            elif style == "tint":
                save_jpeg(to_tint(img, rnd), folder / fname(doc, i, "jpg"), 88)
            else:
                save_jpeg(img, folder / fname(doc, i, "jpg"), 90)


def yaml_text(p, v) -> str:
    t = p["title"]
    if v.get("yaml") == "cnkeys":  # as an HR office types it: Chinese keys, the date as the certificate prints it
        y, m, d = v.get("claim_title", t[1]).split("-")
        lines = [f"姓名: {p['name']}", f"身份证号: {p['id']}", f"单位: {p['unit']}", "单位性质: 事业单位",
                 f"specialty: {p['specialty']}", f"level: {p['level']}",
                 "现职称:", f"  名称: {t[0]}", f"  取得时间: {int(y)}年{int(m)}月{int(d)}日"]
        if p["award"]:
            a = p["award"]
            lines += ["获奖:", f"  - title: {a['title']}", f"    date: {v.get('claim_award', a['date'])}"]
        return "\n".join(lines) + "\n"
    lines = [f"# {p['name']} 的申报信息（人事科填写）", f"name: {v.get('yaml_name', p['name'])}", f"id_number: '{p['id']}'",
             f"unit: {p['unit']}", "unit_kind: institution   # 事业单位", f"specialty: {p['specialty']}",
             f"level: {p['level']}", f"current_title: {{name: {t[0]}, date: {v.get('claim_title', t[1])}}}"]
    if p["paper"]:
        j = p["paper"]
        lines += ["papers:", f"  - title: \"{j['title']}\"", f"    journal: {j['journal']}", f"    issn: {j['issn']}",
                  f"    cn: {j['cn']}", f"    date: {v.get('claim_paper', j['date'])}"]
    if p["award"]:
        a = p["award"]
        lines += ["awards:", f"- {{title: {a['title']}, date: {v.get('claim_award', a['date'])}}}"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the set: (key, person, style, naming, variant, planted)

SET = [
    ("C01", "A", "fax", "cn", {}, None),
    ("C02", "B", "jpeg", "cn", {}, None),
    ("C03", "C", "skew", "cn", {}, None),
    ("C04", "A", "tint", "cn", {"guilloche": True, "wm": "仅供职称评审使用"}, None),
    ("C05", "B", "plain", "cn", {"copystamp": True, "riding": True}, None),
    ("C06", "C", "spread", "cn", {}, None),
    ("C07", "A", "faxstd", "cn", {}, None),
    ("C08", "B", "plain", "pinyin", {"yaml": "gbk"}, None),
    ("C09", "C", "plain", "number", {"yaml": "bom", "title_issuer": "沈阳市人力资源和社会保障局"}, None),
    ("C10", "A", "plain", "cn", {"wm": "复印无效"}, None),
    ("C11", "B", "plain", "cn", {"cert_photo": True, "award_style": "hanzi", "guilloche": True,
                                 "paper": (247, 240, 222)}, None),
    ("C12", "C", "jpeg", "number", {"award_style": "hanzi"}, None),
    # planted: each beside a clean twin of the same style
    ("P01", "A", "fax", "cn", {"years": (2020, 2021, 2023)}, "assessment.years"),
    ("P02", "B", "jpeg", "cn", {"id_number": None}, "identity.id_number"),
    ("P03", "C", "skew", "cn", {"rec_signed": False}, "signature.present"),
    ("P04", "A", "tint", "cn", {"guilloche": True, "wm": "仅供职称评审使用", "title_date_printed": "2020-06-30"},
     "title.date"),
    ("P05", "B", "plain", "cn", {"copystamp": True, "riding": True, "award_printed": "2019-12", "claim_award": "2020-12"},
     "evidence.after_title"),
    ("P06", "C", "spread", "cn", {"id_name": "郗琨"}, "identity.name"),
    ("P07", "A", "faxstd", "cn", {"pub": ("2024年9月27日", "10月8日")}, "publicity.duration"),
    ("P08", "B", "plain", "pinyin", {"yaml": "gbk", "cn_printed": "11-2816/X"}, "journal.cn"),
    ("P09", "A", "plain", "cn", {"wm": "复印无效", "paper_month": "May 2019"}, "evidence.after_title"),
    ("P10", "C", "plain", "number", {"yaml": "bom", "title_issuer": "沈阳市人力资源和社会保障局",
                                     "seal_unit_other": "清原满族自治县环境保护局"}, "seal.unit"),
    ("P11", "B", "jpeg", "cn", {"grades": {2023: "基本合格"}}, "assessment.years"),
    ("P12", "C", "plain", "number", {"yaml": "bom", "title_issuer": "沈阳市人力资源和社会保障局", "edu": False,
                                     "edu_instead": diploma}, "dossier.required"),
    ("P13", "C", "jpeg", "number", {"award_style": "hanzi", "award_printed": "2018-11"}, "evidence.after_title"),
    # wave 2
    ("C13", "A", "plain", "pinyin", {"yaml_name": "阿依古丽.买买提"}, None),
    ("C14", "A2", "jpeg", "cn", {}, None),
    ("C15", "B", "faxskew", "number", {}, None),
    ("P14", "A", "fax", "cn", {"no_seal_year": 2022}, "seal.present"),
    ("P15", "C", "skew", "cn", {"pub": ("二〇二四年十月十四日", "十月十七日")}, "publicity.duration"),
    ("P16", "B", "jpeg", "cn", {"title_date_printed": "2020-05-13"}, "title.date"),
    ("P17", "B", "plain", "cn", {"copystamp": True, "riding": True, "award_printed": "2019-12", "award_style": "hanzi",
                                 "claim_award": "2020-12"}, "evidence.after_title"),
    ("P18", "B", "faxskew", "number", {"no_seal_year": 2021}, "seal.present"),
    # wave 3
    ("C16", "A", "tint", "cn", {"guilloche": True, "title_style": "hanzi"}, None),
    ("P19", "B", "plain", "cn", {"copystamp": True, "riding_only": True}, "seal.present"),
    ("P20", "A", "tint", "cn", {"guilloche": True, "title_style": "hanzi", "title_date_printed": "2019-09-30"},
     "title.date"),
    ("P21", "C", "plain", "cn", {"award_style": "year", "award_printed": "2017-12", "claim_award": "2019-12"},
     "evidence.after_title"),
    # wave 4
    ("C17", "C", "plain", "cn", {"yaml": "cnkeys"}, None),
    ("P22", "C", "plain", "cn", {"yaml": "cnkeys", "title_date_printed": "2018-12-02"}, "title.date"),
    ("P23", "C", "skew", "cn", {"ass_dates": {2022: "2022年3月15日"}}, "assessment.years"),
    ("P24", "A", "tint", "cn", {"guilloche": True, "wm": "仅供职称评审使用", "pub": ("2024年10月14日", "17日")},
     "publicity.duration"),
    ("P25", "B", "jpeg", "cn", {"old_ce": True}, "dossier.required"),
    # wave 5
    ("P26", "A", "plain", "cn", {"wm": "复印无效", "ret_title": "Source apportionment of PM10 in an industrial city of "
                                 "Northeast China"}, "paper.retrieval"),
    ("P27", "A", "fax", "cn", {"issn_printed": "1001-0724"}, "journal.issn"),
    ("P28", "C", "jpeg", "number", {"award_style": "hanzi", "summary_year": {2023: 2022}}, "assessment.years"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, style, naming, v, planted in SET:
        p = dict(PEOPLE[who])
        v = dict(v)
        if v.get("id_number", "") is None:  # two digits of the sequence swapped: the check digit no longer holds
            s = p["id"]
            v["id_number"] = s[:14] + s[15] + s[14] + s[16:]
        folder = root / k
        write(folder, style, dossier(p, v), naming)
        if who == "A2":
            v.setdefault("yaml_name", PEOPLE["A"]["name"])
        text = yaml_text(p, v)
        if v.get("yaml") == "gbk":
            (folder / "applicant.yaml").write_bytes(text.encode("gbk"))
        elif v.get("yaml") == "bom":
            (folder / "applicant.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
        else:
            (folder / "applicant.yaml").write_text(text, encoding="utf-8")
        key[k] = {"planted": planted, "pack": style, "person": who, "variant": {a: str(b) for a, b in v.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
