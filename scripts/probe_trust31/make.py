"""Probe round 31 (issue 13): DOSSIERS AS A SECOND OUTSIDE TEAM WOULD MAKE THEM IN A HURRY FROM DOSSIER.md. No code
shared with fixtures/generator or any earlier round; what such a generator does that no earlier round did:

- ONE seal image per unit, rendered once (ring, star, the name along a 240-degree arc in narrowed glyphs, all in one
  font) and worn once by a mask of its own (random pixel dropout, a few ink-less blotches, a linear fade across the
  seal): every page that needs the unit's seal carries that same worn picture, pasted with a random turn, a scale of
  0.9-1.1, an opacity and a multiply blend. The issuers (人社局, the training base, the award's issuer) get theirs the
  same way, once for the whole set;
- pages at 200 dpi (A4, 1654 x 2339), every text in the fonts a Debian box has (WenQuanYi Zen Hei, AR PL UMing; the
  signer's name in AR PL UKai as the "handwriting"), forms as ruled tables with the labels' own wording;
- capture: clean PNG, a "scan" (grey cast, noise, blur, a turn under one degree, JPEG), or every page placed by
  fpdf2 on an A4 PDF page (one PDF per dossier, PNG or JPEG inside);
- planted defects one per planted dossier, from DOSSIER.md's rule IDs as a hurried team expresses them: an award
  dated before the title (evidence.after_title), an assessment graded 不合格 and one whose year is missing
  (assessment.years), a publicity of 3 working days, a journal on the CAS warning list (journal.registered, a
  review), a CN whose province is wrong (21- for 11-: journal.cn or journal.registered), another unit's seal on an
  assessment form, the recommendation form without its seal, its signature missing, an ID whose check digit is wrong
  (on the card and in applicant.yaml alike), another person's name on the title certificate, a title certificate a
  year off the claim.

    PROBE_OUT=/tmp/trust31 python scripts/probe_trust31/make.py [--set2|--set3|--set4]  # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/probe31-ocr.sqlite
    PROBE_OUT=/tmp/trust31 python scripts/probe_trust31/score.py OUT -v

``--set2``: 6 clean + 8 planted made with a hastier hand: the seal pasted at any turn (0-360 degrees), fainter
(opacity 0.6-0.8), the publicity's dates as 2024.9.9-2024.9.13; plants a seal of a body one character away (抚顺县… for 抚顺市…), a grade of
基本合格, 2021's form twice in place of 2022's, a publicity of 2024.9.9-2024.9.11, a card whose check digit is wrong
beside a valid claim, a title certificate a month off, an award on the title's own day, a name one character off on an
assessment form.

``--set3``: set 1's first draws with small seals (26-31 mm); 5 clean, another unit's seal, a body one character
away, the recommendation form and an assessment form without their seals.

``--set4``: set 1's first draws signed in a print face (Zen Hei or UMing) instead of UKai; 4 clean, then the
recommendation form unsigned.

``PROBE_ONLY="T31-05 T31-17"`` makes only those dossiers (each dossier's draw depends on its own seed only; the seals
are the set's). Needs Pillow, numpy, fpdf2, python-stdnum and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*);
no realdata.
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

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust31"))
SET2 = "--set2" in sys.argv
#: ``--set3``: set 1's first dossiers with SMALL seals (the picture pasted at 0.55-0.65 of its size: 26-31 mm across,
#: ring text about 16 px tall at 200 dpi), as a generator that sized its seal in pixels for another resolution pastes
#: it; 5 clean, then another unit's seal, a body one character away, and the recommendation form and 2022's assessment
#: form without their seals (seal.present's plant of set 1 leaves the recommendation form unsealed too)
SET3 = "--set3" in sys.argv
#: ``--set4``: set 1's first draws signed in a PRINT face (Zen Hei or UMing, blue-black, 1.6-2x the print, slanted), as
#: a generator on a box without a handwriting font signs; 4 clean, then the recommendation form unsigned
SET4 = "--set4" in sys.argv
ONLY = os.environ.get("PROBE_ONLY", "").split()
DPI = 200
W, H = 1654, 2339
HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
MING = "/usr/share/fonts/truetype/arphic/uming.ttc"
KAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
_fonts: dict = {}


def font(path, size):
    if (path, size) not in _fonts:
        _fonts[path, size] = ImageFont.truetype(path, size)
    return _fonts[path, size]


# ------------------------------------------------------------------ seals: one picture per unit, worn once
def render_seal(name: str, seed: int, bottom: str = "") -> Image.Image:
    """The unit's seal as an alpha mask (L), drawn at twice the size and halved, worn by this generator's own mask."""
    rng = random.Random(seed)
    S = 760  # drawn at 2x; about 48 mm across at 200 dpi after halving
    c = S / 2
    r = S / 2 - 12
    m = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(m)
    ring = rng.randint(16, 22)
    d.ellipse([c - r, c - r, c + r, c + r], outline=255, width=ring)
    sr = r * 0.27
    pts = [(c + (sr if k % 2 == 0 else sr * 0.4) * math.cos(math.radians(-90 + 36 * k)),
            c + (sr if k % 2 == 0 else sr * 0.4) * math.sin(math.radians(-90 + 36 * k))) for k in range(10)]
    d.polygon(pts, fill=255)
    face = rng.choice([HEI, MING])
    n = len(name)
    span = 240.0 if n > 6 else 200.0
    gs = int(min(r * 0.27, 2 * math.pi * (r * 0.75) * span / 360 / n * 1.05))
    rad = r - ring - 6 - gs * 0.55
    for i, ch in enumerate(name):
        ang = -span / 2 + span * (i + 0.5) / n  # clockwise from the top
        g = Image.new("L", (gs + 10, gs + 10), 0)
        ImageDraw.Draw(g).text((5, 0), ch, font=font(face, gs), fill=255)
        g = g.resize((int(g.width * 0.78), g.height), Image.BICUBIC)  # narrowed glyphs, as seal faces are
        g = g.rotate(-ang, resample=Image.BICUBIC, expand=True)
        t = math.radians(ang - 90)
        m.paste(255, (int(c + rad * math.cos(t) - g.width / 2), int(c + rad * math.sin(t) - g.height / 2)), g)
    if bottom:
        f = font(face, int(r * 0.16))
        w = d.textlength(bottom, font=f)
        d.text((c - w / 2, c + r * 0.42), bottom, font=f, fill=255)
    m = m.resize((S // 2, S // 2), Image.LANCZOS)
    # wear, this generator's own: pixel dropout, blotches without ink, a fade from one side
    a = np.asarray(m).astype(np.float32) / 255
    nr = np.random.default_rng(seed)
    a *= nr.random(a.shape) > rng.uniform(0.08, 0.22)
    yy, xx = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    for _ in range(rng.randint(2, 5)):
        bx, by, br = nr.uniform(40, 340), nr.uniform(40, 340), nr.uniform(8, 22)
        a[(xx - bx) ** 2 + (yy - by) ** 2 < br * br] *= nr.uniform(0.0, 0.3)
    th = nr.uniform(0, 2 * math.pi)
    ramp = ((xx - 190) * math.cos(th) + (yy - 190) * math.sin(th)) / 190
    a *= np.clip(1 - rng.uniform(0.25, 0.5) * (ramp + 1) / 2, 0, 1)
    m = Image.fromarray((a * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    return m


SEAL_RED = [(235, 20, 30), (210, 25, 45), (228, 0, 18)]


def paste_seal(im: Image.Image, mask: Image.Image, cx: float, cy: float, rng: random.Random, turn=25.0):
    s = rng.uniform(0.9, 1.1) * (0.6 if SET3 else 1.0)
    m = mask.resize((int(mask.width * s), int(mask.height * s)), Image.BICUBIC)
    m = m.rotate(rng.uniform(0, 360) if SET2 else rng.uniform(-turn, turn), resample=Image.BICUBIC, expand=True)
    op = rng.uniform(0.6, 0.8) if SET2 else rng.uniform(0.75, 0.95)
    col = np.array(rng.choice(SEAL_RED), np.float32) / 255
    x0, y0 = int(cx - m.width / 2), int(cy - m.height / 2)
    box = (x0, y0, x0 + m.width, y0 + m.height)
    base = np.asarray(im.crop(box)).astype(np.float32) / 255
    a = np.asarray(m).astype(np.float32)[..., None] / 255 * op
    out = base * (1 - a) + base * col * a  # multiply blend
    im.paste(Image.fromarray((out * 255).astype(np.uint8)), box[:2])


# ------------------------------------------------------------------ page model
class Sheet:
    def __init__(self, body=MING):
        self.im = Image.new("RGB", (W, H), "white")
        self.d = ImageDraw.Draw(self.im)
        self.body = body
        self.y = 180

    def center(self, text, size, face=HEI, dy=30):
        f = font(face, size)
        self.d.text(((W - self.d.textlength(text, font=f)) / 2, self.y), text, font=f, fill="black")
        self.y += size + dy

    def text(self, x, text, size=36, face=None, dy=22, color="black"):
        self.d.text((x, self.y), text, font=font(face or self.body, size), fill=color)
        self.y += size + dy

    def wrap(self, text, size=36, x=160, width=1340, dy=20):
        f = font(self.body, size)
        line = "\u3000\u3000"
        for ch in text:
            if self.d.textlength(line + ch, font=f) > width:
                self.text(x, line, size, dy=dy)
                line = ""
            line += ch
        if line:
            self.text(x, line, size, dy=dy)

    def grid(self, rows, cols, x=150, h=92, size=34):
        """rows of cells; a cell is text or (text, how many columns it spans)."""
        tops = []
        for row in rows:
            cx, k = x, 0
            for cell in row:
                txt, span = cell if isinstance(cell, tuple) else (cell, 1)
                w = sum(cols[k:k + span])
                self.d.rectangle([cx, self.y, cx + w, self.y + h], outline="black", width=3)
                self.d.text((cx + 16, self.y + (h - size) / 2 - 4), txt, font=font(self.body, size), fill="black")
                cx += w
                k += span
            tops.append(self.y)
            self.y += h
        return tops

    def box(self, height, x=150, w=1354):
        top = self.y
        self.d.rectangle([x, top, x + w, top + height], outline="black", width=3)
        return top


def handwriting(sheet: Sheet, name: str, x: float, y: float, rng: random.Random):
    """The signer's name in the Kai face, larger than the print, slanted and turned a little, in blue-black ink."""
    size = rng.randint(58, 70)
    g = Image.new("L", (int(size * (len(name) + 1.5)), int(size * 1.6)), 0)
    face = rng.choice([HEI, MING]) if SET4 else KAI
    ImageDraw.Draw(g).text((size // 3, size // 5), name, font=font(face, size), fill=255)
    g = g.transform(g.size, Image.AFFINE, (1, rng.uniform(-0.35, -0.1), size * 0.2, 0, 1, 0), Image.BICUBIC)
    g = g.rotate(rng.uniform(-7, 7), resample=Image.BICUBIC)
    sheet.im.paste(rng.choice([(25, 35, 110), (20, 20, 40), (35, 50, 140)]), (int(x), int(y)), g)


# ------------------------------------------------------------------ the people and their places
UNITS = [
    ("抚顺市生态环境保护服务中心", "institution"),
    ("抚顺市生态环境局望花分局", "government"),
    ("辽宁省抚顺生态环境监测中心", "institution"),
    ("抚顺市东洲区环境卫生管理所", "institution"),
    ("抚顺新钢铁有限责任公司", "enterprise"),
    ("新宾满族自治县生态环境保护服务中心", "institution"),
]
NAMES = ["李建国", "王晓红", "张海燕", "刘志刚", "杜鹏飞", "宋雅琴", "田立军", "范文静", "高俊", "彭丽",
         "曹永胜", "邹晓梅", "潘宏宇", "董淑芬", "袁晨", "蔡广军", "丁慧敏", "魏东升", "姜玉凤", "罗斌",
         "韦春燕", "贾志远", "邱海英", "侯建军"]
HEADS = ["孟庆和", "徐立群", "石宝林", "白桂芝"]
JOURNALS = [("环境保护与循环经济", "1674-1021", "21-1556/X"), ("中国环境监测", "1002-6002", "11-2861/X"),
            ("环境科学与技术", "1003-6504", "42-1245/X"), ("生态环境学报", "1674-5906", "44-1661/X"),
            ("环境工程", "1000-8942", "11-2097/X"), ("安全与环境学报", "1009-6094", "11-4537/X")]
WARNED = ("Environmental Science and Pollution Research", "0944-1344")  # on the CAS warning list (2020-2025)
TITLES = ["抚顺市城区环境空气臭氧污染特征研究", "浑河流域水质自动监测数据质量控制", "北方城市冬季PM2.5化学组分特征",
          "工业企业土壤污染隐患排查方法探讨", "农村生活污水处理设施运行效果评价", "噪声自动监测系统在城市管理中的应用"]
AWARDS = [("抚顺市科学技术进步奖二等奖", "抚顺市人民政府"), ("辽宁省生态环境科学技术奖三等奖", "辽宁省环境科学学会"),
          ("抚顺市自然科学学术成果奖一等奖", "抚顺市科学技术协会")]
PLACES = ["210402", "210403", "210404", "210411", "210421", "210422", "210423", "211002", "210102"]
ISSUER = "抚顺市人力资源和社会保障局"
TRAINER = "抚顺市专业技术人员继续教育中心"


def id_number(rng, bad=False):
    b = f"{rng.choice(PLACES)}{rng.randint(1968, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    ck = ric.calc_check_digit(b + "0")
    if bad:
        ck = "0123456789X"[("0123456789X".index(ck) + 3) % 11]
    return b + ck


def ymd(s, style):
    y, m, d = (int(v) for v in s.split("-"))
    return [f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y}.{m}.{d}", f"{y}-{m:02d}-{d:02d}"][style]


# ------------------------------------------------------------------ documents
def recommendation(p, rng, sealed=True, signed=True):
    s = Sheet(p["body"])
    s.center("专业技术职务任职资格评审推荐表", 56)
    s.y += 20
    s.grid([["姓名", p["name"], "性别", p["sex"]], ["出生年月", p["birth"][:7].replace("-", "年") + "月", "参加工作时间", "2012年7月"],
            ["工作单位", (p["unit"], 3)], ["现专业技术资格", p["cur"], "取得时间", ymd(p["cur_date"], p["ds"])],
            ["申报资格", p["level"], "申报专业", p["spec"]]], [260, 400, 280, 414])
    top = s.box(900)
    s.y = top + 30
    s.text(180, "单位推荐意见：", 38)
    s.wrap(f"该同志自取得{p['cur']}资格以来，认真履行岗位职责，业务能力突出，经单位研究并公示无异议，同意推荐其申报{p['level']}资格。",
           34, x=200, width=1240)
    s.y = top + 620
    s.text(200, "单位负责人签字：", 36)
    if signed:
        handwriting(s, p["head"], 500, top + 590, rng)
    s.y = top + 760
    s.text(960, p["dates"]["rec"], 36)
    if sealed:
        paste_seal(s.im, p["seal"], 1130, top + 640, rng, p["turn"])
    return s


def publicity(p, rng, start="2024-09-09", end="2024-09-13"):
    s = Sheet(p["body"])
    s.center("公示结果", 60)
    s.y += 40
    s.wrap(f"按照职称评审工作有关要求，我单位对{p['name']}同志申报{p['spec']}专业{p['level']}资格的有关材料进行了公示。"
           f"公示时间：{ymd(start, 2) + '-' + ymd(end, 2) if SET2 else ymd(start, 0) + '至' + ymd(end, 0)}。公示期间，未收到任何单位和个人的异议。")
    s.wrap("特此证明。")
    s.y += 220
    s.text(880, p["unit"], 36)
    s.text(1000, p["dates"]["pub"], 36)
    paste_seal(s.im, p["seal"], 1180, s.y - 120, rng, p["turn"])
    return s


def assessment(p, rng, year, grade="合格", seal=None, name=None):
    s = Sheet(p["body"])
    s.center("年度考核登记表", 58)
    s.text(650, f"考核年度：{year}年度", 38)
    s.y += 10
    s.grid([["姓名", name or p["name"], "性别", p["sex"]], ["单位", (p["unit"], 3)], ["岗位", "专业技术岗", "现任职称", p["cur"]]],
           [230, 460, 230, 434])
    top = s.box(700)
    s.y = top + 30
    s.text(180, "本人总结：", 36)
    s.wrap(f"{year}年，本人认真学习业务知识，完成了本岗位的监测、管理与技术服务工作，积极参加单位组织的培训，"
           "工作作风严谨，无违纪违规行为。", 32, x=200, width=1240)
    s.y = top + 700
    s.grid([["考核结果", (grade, 3)]], [230, 460, 230, 434])
    top = s.box(480)
    s.y = top + 30
    s.text(180, "主管领导意见：", 36)
    s.text(240, "同意考核结果。", 34)
    s.y = top + 360
    s.text(960, ymd(f"{year}-12-{rng.randint(20, 30)}", p["ds"]), 36)
    paste_seal(s.im, seal or p["seal"], 1120, top + 250, rng, p["turn"])
    return s


def education(p, rng):
    s = Sheet(p["body"])
    s.center("教育部学历证书电子注册备案表", 52)
    s.y += 20
    g = p["grad"]
    s.grid([["姓名", p["name"], "性别", p["sex"]], ["证件号码", (p["id_masked"], 3)],
            ["入学时间", f"{g - 4}年9月", "毕业时间", f"{g}年7月"], ["毕业院校", (p["school"], 3)],
            ["专业", (p["major"], 3)], ["层次", "本科", "学历类别", "普通高等教育"],
            ["证书编号", (f"{rng.randint(10000, 19999)}1{g}0{rng.randint(100000, 999999)}", 3)]],
           [230, 460, 230, 434])
    s.y += 60
    s.text(160, "以上学历信息经核实无误。", 36)
    return _hr_signs_and_seals(s, p, rng, "审核人签字：", "单位盖章：", p["dates"]["edu"])


def _hr_signs_and_seals(s, p, rng, signer: str, seal_label: str, date: str):
    """The foot of a page HR certifies: the checker's signature, the unit's name by its seal label, the date, the
    unit's seal pasted over them."""
    s.y += 60
    top = s.y
    s.text(160, signer, 36)
    handwriting(s, p["hr"], 400, top - 30, rng)
    s.text(160, f"{seal_label}{p['unit']}", 36)
    s.text(1000, date, 36)
    paste_seal(s.im, p["seal"], 1150, top + 60, rng, p["turn"])
    return s


def continuing(p, rng, seals):
    s = Sheet(p["body"])
    s.center("继续教育公需科目学习证明", 54)
    s.y += 40
    s.wrap(f"兹证明{p['name']}同志（身份证号{p['id_masked']}）参加了2023年度专业技术人员继续教育公需科目学习，"
           "完成规定学时（30学时），考试合格。")
    s.y += 260
    s.text(900, TRAINER, 34)
    s.text(1000, "2023年10月30日", 34)
    paste_seal(s.im, seals[TRAINER], 1150, s.y - 130, rng)
    return s


def idcard(p, rng, card_id=None):
    s = Sheet(p["body"])
    s.center("身份证复印件", 44)
    x0, y0 = 380, 330
    s.d.rounded_rectangle([x0, y0, x0 + 900, y0 + 570], 36, outline=(110, 110, 110), width=3, fill=(232, 238, 242))
    y = y0 + 50
    b = p["birth"].split("-")
    for lab, val in [("姓名", p["name"]), ("性别", f"{p['sex']}      民族  汉"),
                     ("出生", f"{b[0]}  年  {int(b[1])}  月  {int(b[2])}  日"), ("住址", "辽宁省抚顺市新抚区"), ("", "东五路18号")]:
        s.d.text((x0 + 50, y), lab, font=font(HEI, 30), fill=(70, 90, 130))
        s.d.text((x0 + 170, y - 3), val, font=font(HEI, 36), fill="black")
        y += 76
    s.d.text((x0 + 50, y0 + 480), "公民身份号码", font=font(HEI, 30), fill=(70, 90, 130))
    s.d.text((x0 + 290, y0 + 474), card_id or p["id"], font=font(HEI, 42), fill="black")
    s.d.rectangle([x0 + 640, y0 + 80, x0 + 850, y0 + 350], fill=(205, 205, 210))
    y1 = y0 + 700
    s.d.rounded_rectangle([x0, y1, x0 + 900, y1 + 570], 36, outline=(110, 110, 110), width=3, fill=(232, 238, 242))
    s.d.text((x0 + 230, y1 + 110), "中华人民共和国", font=font(HEI, 58), fill="black")
    s.d.text((x0 + 270, y1 + 200), "居民身份证", font=font(HEI, 66), fill="black")
    s.d.text((x0 + 80, y1 + 400), "签发机关  抚顺市公安局新抚分局", font=font(HEI, 32), fill="black")
    s.d.text((x0 + 80, y1 + 460), "有效期限  2018.03.12-2038.03.12", font=font(HEI, 32), fill="black")
    return s


def evaluation(p, rng):
    s = Sheet(p["body"])
    s.center("专业技术资格评定表", 56)
    s.y += 20
    s.grid([["姓名", p["name"], "性别", p["sex"]], ["工作单位", (p["unit"], 3)],
            ["现资格", p["cur"], "取得时间", ymd(p["cur_date"], p["ds"])], ["申报资格", p["level"], "专业", p["spec"]],
            ["学历", "大学本科", "毕业院校", p["school"]]], [230, 460, 230, 434])
    top = s.box(600)
    s.y = top + 30
    s.text(180, "评审组意见：", 36)
    s.y = top + 460
    s.text(180, "评委会表决：应到    人，实到    人，同意    票。", 32)
    return s


def title_cert(p, rng, seals, date=None, name=None):
    s = Sheet(MING)
    s.d.rectangle([90, 90, W - 90, H - 90], outline=(170, 40, 40), width=12)
    s.d.rectangle([120, 120, W - 120, H - 120], outline=(170, 40, 40), width=3)
    s.y = 300
    s.center("专业技术资格证书", 76)
    s.y += 80
    for lab, val in [("姓名", name or p["name"]), ("性别", p["sex"]), ("出生年月", p["birth"][:7].replace("-", "年") + "月"),
                     ("工作单位", p["unit"]), ("专业", p["spec"]), ("资格名称", p["cur"]),
                     ("取得资格时间", date or ymd(p["cur_date"], p["ds"])), ("证书编号", f"210400{rng.randint(10**7, 10**8 - 1)}")]:
        s.text(260, f"{lab}：{val}", 42, dy=40)
    s.y += 160
    s.text(860, ISSUER, 40)
    paste_seal(s.im, seals[ISSUER], 1120, s.y - 40, rng)
    return s


def award(p, rng, seals, title, issuer, date):
    s = Sheet(p["body"])
    s.d.rectangle([100, 100, W - 100, H - 100], outline=(190, 150, 50), width=14)
    s.y = 380
    s.center("荣誉证书", 90)
    s.y += 100
    s.wrap(f"{p['name']}同志：", 44, x=220, width=1200)
    s.wrap(f"你参加完成的《{p['project']}》项目荣获{title}。特发此证。", 44, x=220, width=1200)
    s.y += 300
    s.text(950, issuer, 40)
    s.text(1000, ymd(date, 0), 40)
    paste_seal(s.im, seals[issuer], 1160, s.y - 140, rng)
    return s


def cover(p, rng, j, issn, cn, year, no):
    s = Sheet(HEI)
    s.d.rectangle([0, 0, W, 620], fill=(20, 110, 80))
    f = font(HEI, 150 if len(j) <= 6 else 120 if len(j) <= 9 else 70)
    s.d.text(((W - s.d.textlength(j, font=f)) / 2, 220), j, font=f, fill="white")
    s.y = 720
    s.center(f"{year}年第{no}期", 60)
    s.y = 1900
    s.text(200, f"ISSN {issn}", 48, face=HEI)
    if cn:
        s.text(200, f"CN {cn}", 48, face=HEI)
    s.text(200, "中国标准连续出版物号", 30, face=HEI)
    return s


def paper(p, rng, j, year, no, title, issn=None):
    """The paper's first page; its 文章编号 begins with the journal's ``issn`` as real ones do (two random 4-digit
    groups were drawn here, which, where they pass the ISSN check, read as a second ISSN on the page: round 33
    T33-08 a clean journal.registered review; round 32 already fixed its copy, ``with_article_number``). The two
    groups are still drawn, so the rest of a dossier is drawn as before."""
    s = Sheet(MING)
    s.text(160, f"第{year - 1980 + rng.randint(0, 3)}卷第{no}期          {j}          {year}年{no}月", 28)
    s.d.line([150, s.y, W - 150, s.y], fill="black", width=3)
    s.y += 80
    s.center(title, 52, face=HEI)
    s.center(f"{p['name']}，{rng.choice(NAMES)}", 38, face=KAI)
    s.center(f"（{p['unit']}，辽宁 抚顺 113006）", 30, face=MING)
    s.y += 30
    s.wrap("摘要：基于近年来的常规监测与自动监测数据，分析了区域环境质量的时空变化规律及其主要影响因素，提出了有针对性的"
           "管控建议，可为地方生态环境管理提供技术支撑。", 32)
    s.wrap("关键词：环境监测；变化特征；影响因素", 32)
    drawn = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    s.text(160, f"中图分类号：X8        文献标志码：A        文章编号：{issn or drawn}({year})"
                f"{no:02d}-0{rng.randint(100, 999)}-06", 26)
    s.y += 40
    s.wrap("近年来，随着污染防治攻坚战的深入推进，区域环境质量总体持续改善，但部分指标仍存在季节性波动，有必要开展系统分析。", 34)
    return s


def retrieval(p, rng, rows):
    s = Sheet(p["body"])
    s.center("论文检索证明", 56)
    s.y += 20
    s.wrap(f"经检索中国知网学术期刊数据库，{p['name']}同志发表的下列论文已被收录：", 34)
    s.y += 10
    grid = [["序号", "论文题目", "刊名", "年/期"]]
    for i, (t, j, y, n) in enumerate(rows, 1):
        grid.append([str(i), t[:12], j, f"{y}年第{n}期"])
        if len(t) > 12:
            grid.append(["", t[12:], "", ""])
    s.grid(grid, [120, 620, 380, 234], size=30, h=80)
    return _hr_signs_and_seals(s, p, rng, "检索人签字：", "单位（盖章）：", p["dates"]["ret"])


# ------------------------------------------------------------------ capture
def as_scan(im, rng):
    im = im.rotate(rng.uniform(-0.9, 0.9), resample=Image.BICUBIC, fillcolor=(244, 243, 240))
    a = np.asarray(im).astype(np.float32)
    a = a * rng.uniform(0.86, 0.94) + rng.uniform(6, 16)
    a = a.mean(axis=2, keepdims=True) * 0.25 + a * 0.75  # colour a little washed out
    a += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 4, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))


def save(folder: Path, pages, capture, rng):
    folder.mkdir(parents=True, exist_ok=True)
    if capture in ("png", "jpg"):
        for i, (n, s) in enumerate(pages, 1):
            if capture == "png":
                s.im.save(folder / f"{i:02d}-{n}.png")
            else:
                as_scan(s.im, rng).save(folder / f"{n}_{i}.jpg", quality=rng.randint(60, 82))
        return
    from fpdf import FPDF
    pdf = FPDF(unit="mm", format="A4")
    for _, s in pages:
        pdf.add_page()
        buf = io.BytesIO()
        if capture == "pdfjpg":
            as_scan(s.im, rng).save(buf, "JPEG", quality=75)
        else:
            s.im.save(buf, "PNG")
        buf.seek(0)
        pdf.image(buf, x=0, y=0, w=210, h=297)
    pdf.output(str(folder / "申报材料.pdf"))


# ------------------------------------------------------------------ dossiers
PLANTS = [None] * 12 + [
    "evidence.after_title", ["assessment.years", "grade"], ["assessment.years", "missing"], "publicity.duration",
    "journal.registered", ["journal.cn", "journal.registered"], "seal.unit", "seal.present", "signature.present",
    "identity.id_number", "identity.name", "title.date"]


PLANTS2 = [None] * 6 + ["seal.unit", ["assessment.years", "basic"], ["assessment.years", "twice"],
                        "publicity.duration", "identity.id_number", "title.date", "evidence.after_title",
                        "identity.name"]


#: a planted key's second word that says how the rule before it is broken (not a second rule)
HOWS = ("grade", "missing", "basic", "twice", "near", "form")
PLANTS4 = [None] * 4 + ["signature.present"]
PLANTS3 = [None] * 5 + ["seal.unit", ["seal.unit", "near"], ["seal.present", "form"]]


def near(unit):
    """Another body one character away: the county's for the city's, the city's for the county's."""
    return unit.replace("抚顺市", "抚顺县", 1) if "抚顺市" in unit else unit.replace("新宾", "新滨", 1)


def person(i, rng, seals):
    unit, kind = UNITS[i % len(UNITS)]
    idn = id_number(rng)
    cur_date = rng.choice(["2018-12-26", "2019-10-30", "2020-11-27", "2017-12-29"])
    p = dict(name=NAMES[i], unit=unit, kind=kind, sex=rng.choice("男女"), id=idn,
             birth=f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}", id_masked=idn[:4] + "*" * 10 + idn[14:],
             cur="助理工程师", cur_date=cur_date, level="工程师", spec=rng.choice(["生态环境监测", "生态环境管理", "生态环境工程"]),
             body=rng.choice([MING, HEI]), head=HEADS[i % 4], hr=HEADS[(i + 2) % 4], ds=rng.choice([0, 0, 1, 2, 3]),
             school=rng.choice(["沈阳化工大学", "辽宁大学", "东北大学", "辽宁工程技术大学"]), major="环境科学",
             project=rng.choice(["抚顺市大气污染防治综合技术研究", "浑河抚顺段水环境容量核算与应用"]),
             turn=rng.choice([25.0, 25.0, 25.0, 90.0]),
             dates=dict(rec="2024年9月20日", pub="2024年9月16日", edu="2024年9月18日", ret="2024年9月19日"))
    p["grad"] = int(p["birth"][:4]) + 22
    p["seal"] = seals[unit]
    return p


def build(i, plant, seals):
    rng = random.Random((31700 if SET2 else 31000) + i)  # set 3: set 1's draws
    p = person(i, rng, seals)
    what = plant[0] if isinstance(plant, list) and plant[1] in HOWS else plant
    how = plant[1] if isinstance(plant, list) and what != plant else None
    journal_plants = ("journal.registered", ["journal.cn", "journal.registered"])
    if plant in journal_plants and p["kind"] == "enterprise":
        p["unit"], p["kind"] = UNITS[0]
        p["seal"] = seals[p["unit"]]
    card_id = None
    if what == "identity.id_number" and SET2:  # the card's check digit wrong, the claim valid
        card_id = p["id"][:17] + "0123456789X"[("0123456789X".index(p["id"][17]) + 5) % 11]
    elif what == "identity.id_number":
        p["id"] = id_number(random.Random(31500 + i), bad=True)
        p["birth"] = f"{p['id'][6:10]}-{p['id'][10:12]}-{p['id'][12:14]}"
        p["id_masked"] = p["id"][:4] + "*" * 10 + p["id"][14:]
    pages = []
    add = lambda n, s: pages.append((n, s))  # noqa: E731
    add("推荐表", recommendation(p, rng, sealed=what != "seal.present", signed=what != "signature.present"))
    add("公示", publicity(p, rng, end="2024-09-11") if what == "publicity.duration" else publicity(p, rng))
    for y in (2021, 2022, 2023):
        if what == "assessment.years" and how == "missing" and y == 2022:
            continue
        grade = {"grade": "不合格", "basic": "基本合格"}.get(how, "") if y == 2022 else ""
        grade = grade or rng.choice(["合格", "合格", "优秀"])
        other = seals[near(p["unit"])] if SET2 or how == "near" else seals[UNITS[(i + 1) % len(UNITS)][0]]
        if how == "form" and y == 2022:
            other = Image.new("L", (8, 8), 0)  # no ink: the form without its seal
        add(f"考核{y}", assessment(p, rng, 2021 if how == "twice" and y == 2022 else y, grade,
                                 seal=other if (what == "seal.unit" and y == 2023) or (how == "form" and y == 2022)
                                 else None,
                                 name=p["name"][0] + "小" + p["name"][2:] if SET2 and what == "identity.name"
                                 and y == 2023 else None))
    add("学历", education(p, rng))
    add("继续教育", continuing(p, rng, seals))
    add("身份证", idcard(p, rng, card_id))
    add("评定表", evaluation(p, rng))
    if what == "title.date":
        y, m, d = (int(v) for v in p["cur_date"].split("-"))
        y, m = (y, m - 1) if SET2 else (y + 1, m)
        add("职称证书", title_cert(p, rng, seals, date=ymd(f"{y}-{m:02d}-{d:02d}", p["ds"])))
    elif what == "identity.name" and not SET2:
        add("职称证书", title_cert(p, rng, seals, name=NAMES[(i + 7) % len(NAMES)]))
    else:
        add("职称证书", title_cert(p, rng, seals))
    papers, awards = [], []
    if p["kind"] != "enterprise" and (i % 3 != 2 or plant in journal_plants):
        j, issn, cn = JOURNALS[i % len(JOURNALS)]
        year, no = rng.choice([(2021, 6), (2022, 4), (2023, 8)])
        t = TITLES[i % len(TITLES)]
        if plant == "journal.registered":
            j, issn, cn = WARNED[0], WARNED[1], ""
        elif plant == ["journal.cn", "journal.registered"]:
            cn = ("21" if not cn.startswith("21") else "22") + cn[2:]  # the province's two digits wrong
        add("封面", cover(p, rng, j, issn, cn, year, no))
        add("论文", paper(p, rng, j, year, no, t, issn))
        add("检索", retrieval(p, rng, [(t, j, year, no)]))
        papers.append(dict(title=t, journal=j, issn=issn, cn=cn, date=f"{year}-{no:02d}"))
    if not papers or what == "evidence.after_title":
        title, issuer = AWARDS[i % len(AWARDS)]
        if what == "evidence.after_title":
            y, m, d = (int(v) for v in p["cur_date"].split("-"))
            date = p["cur_date"] if SET2 else f"{y}-{m - 2:02d}-{d:02d}"  # the title's day; two months before
        else:
            date = rng.choice(["2021-12-15", "2022-12-09", "2023-11-24"])
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
            out += [f"    {k}: \"{x[k]}\"" for k in ("journal", "issn", "cn", "date") if x[k]]
    if awards:
        out.append("awards:")
        for x in awards:
            out += [f"  - title: {x['title']}", f"    date: {x['date']}"]
    out.append("campaign: fushun-2024")
    return "\n".join(out) + "\n"


def main():
    names = [u for u, _ in UNITS] + [ISSUER, TRAINER] + [iss for _, iss in AWARDS]
    names += [near(u) for u, _ in UNITS]
    seals = {n: render_seal(n, 9000 + k, bottom="培训专用章" if n == TRAINER else "") for k, n in enumerate(names)}
    if not ONLY and OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "set").mkdir(parents=True, exist_ok=True)
    keyfile = OUT / "answer_key.json"
    key = json.loads(keyfile.read_text()) if ONLY and keyfile.exists() else {}
    captures = ["png", "jpg", "pdf", "pdfjpg"]
    for i, plant in enumerate(PLANTS2 if SET2 else PLANTS3 if SET3 else PLANTS4 if SET4 else PLANTS):
        k = f"T31{'B' if SET2 else 'C' if SET3 else 'D' if SET4 else ''}-{i + 1:02d}"
        if ONLY and k not in ONLY:
            continue
        p, pages, papers, awards, rng = build(i, plant, seals)
        capture = captures[i % 4]
        if (OUT / "set" / k).exists():
            shutil.rmtree(OUT / "set" / k)
        save(OUT / "set" / k, pages, capture, rng)
        (OUT / "set" / k / "applicant.yaml").write_text(yaml_text(p, papers, awards), encoding="utf-8")
        rules = plant if not isinstance(plant, list) or plant[1] not in ("grade", "missing", "basic", "twice", "near", "form") else plant[0]
        key[k] = {"pack": capture, "planted": rules, "pages": len(pages),
                  **({"expect": "review"} if plant == "journal.registered" else {}),
                  **({"how": plant[1]} if isinstance(plant, list) and plant[1] in HOWS else {})}
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
