"""Probe round 16 (issue 13): dossiers handed in as no earlier round made them, each page laid out here on a page
model of its own (a mm grid at 150 dpi, blocks placed by row; no code shared with fixtures/generator or the earlier
probes):

- scanned PDFs carrying an invisible OCR text layer, as scanner apps write: faithful, and one that lies (the hidden
  text says the claimed date / ID / ISSN where the pixels print another value: the verdict must follow the pixels);
- an office PDF: a caption typed, a low-resolution photo of the certificate or the ID card pasted (under half the
  page), an invisible text layer over the photo (a phone app's 图片转文字), faithful or lying by one or two digits;
- a phone screenshot of a publicity web page (status bar, address bar, a rounded notice card);
- an A3 spread of two facing pages of a 考核登记表 booklet (the form's title on the left page, the grade and the seal
  on the right, the booklet's gutter shadow between them);
- an assessment form and the recommendation form filled in entirely by hand (blue ink, a hand-like face, jitter);
- low-resolution phone photos (text 13-18 px) of the ID card, the title certificate and the journal cover, with uneven
  light;
- a stapled page with punched holes and a fold's shadow;
- a 横版 title certificate with the seal over the date; a bilingual (中英对照) degree verification report;
- dates 2019年12月 on the award beside 2019.12 on the paper's page and the claim (typed unquoted in applicant.yaml:
  date: 2019.12), a certificate dated 2019.12 or 2019.12.26; a publicity range without its year on a web page;
  a retrieval proof (检索证明) listing three papers in a table, the claimed one second.

Score a run with score.py (probe_trust11's answer-key format):

    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust16 python scripts/probe_trust16/score.py OUT -v

    PROBE_OUT=/tmp/trust16 python scripts/probe_trust16/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json

Needs Pillow, numpy, fpdf2 and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust16"))
DPI = 150
MM = DPI / 25.4
FONTS = {"hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "song": "/usr/share/fonts/truetype/arphic/uming.ttc",
         "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc"}
_cache: dict = {}


def F(size_px: int, face="song"):
    k = (face, size_px)
    if k not in _cache:
        _cache[k] = ImageFont.truetype(FONTS[face], size_px, index=0)
    return _cache[k]


def rng(*parts) -> random.Random:
    return random.Random(int(hashlib.md5("/".join(map(str, parts)).encode()).hexdigest()[:12], 16))


# ---------------------------------------------------------------- page model: a leaf in mm, its text runs recorded


class Leaf:
    """A page in millimetres. Every text run drawn is recorded (text, box in px) so a scanner-style OCR layer can be
    written over the page image later."""

    def __init__(self, tag, w_mm=210, h_mm=297, paper=(252, 252, 250)):
        self.tag = tag
        self.img = Image.new("RGB", (round(w_mm * MM), round(h_mm * MM)), paper)
        self.d = ImageDraw.Draw(self.img)
        self.runs: list[tuple[str, tuple[int, int, int, int]]] = []

    def text(self, x_mm, y_mm, s, pt=12, face="song", ink=(25, 25, 25), anchor="la", hand=False, record=True):
        px = max(8, round(pt * DPI / 72))
        f = F(px, "kai" if hand else face)
        x, y = x_mm * MM, y_mm * MM
        if anchor == "ma":
            x -= self.d.textlength(s, font=f) / 2
        elif anchor == "ra":
            x -= self.d.textlength(s, font=f)
        if hand:
            r = rng("hand", s, x_mm, y_mm)
            cx = x
            for ch in s:
                gs = int(px * r.uniform(0.92, 1.1))
                self.d.text((cx, y + r.uniform(-px * 0.08, px * 0.08)), ch, font=F(gs, "kai"), fill=ink)
                cx += self.d.textlength(ch, font=F(gs, "kai")) * r.uniform(0.98, 1.12)
            x1 = cx
        else:
            self.d.text((x, y), s, font=f, fill=ink)
            x1 = x + self.d.textlength(s, font=f)
        if record:
            self.runs.append((s, (int(x), int(y), int(x1), int(y + px * 1.05))))
        return y_mm + pt * 25.4 / 72 * 1.7

    def rule(self, x0, y0, x1, y1, w=2, ink=(30, 30, 30)):
        self.d.line((x0 * MM, y0 * MM, x1 * MM, y1 * MM), fill=ink, width=w)

    def grid(self, x0, y0, cols, rows):
        """cols: widths in mm; rows: heights in mm. Returns cell origins [(x, y)] per row."""
        xs = [x0]
        for c in cols:
            xs.append(xs[-1] + c)
        ys = [y0]
        for r in rows:
            ys.append(ys[-1] + r)
        for y in ys:
            self.rule(xs[0], y, xs[-1], y)
        for x in xs:
            self.rule(x, ys[0], x, ys[-1])
        return xs, ys


def seal_mask(r, name, ring=None, star=(0.27, 0.11), span_cap=260.0, glyph=0.28):
    """A round seal's strokes, drawn white on black in a square of side ``size`` about its centre ``c``: a ring of
    radius ``r`` (px; ``ring`` px wide, by default a twentieth of it), a five-pointed star (outer and inner radius
    ``star`` of ``r``) and ``name`` along the arc (over at most ``span_cap`` degrees, glyphs at most ``glyph`` of
    ``r``). Returns ``(L, d, size, c, span)``, ``d`` drawing on ``L``: the seals of later rounds draw on it too."""
    size = int(2 * r + 30)
    L = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(L)
    c = size / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(5, int(r / 20)) if ring is None else ring)
    pts = [(c + (r * star[0] if i % 2 == 0 else r * star[1]) * math.cos(-math.pi / 2 + i * math.pi / 5),
            c + (r * star[0] if i % 2 == 0 else r * star[1]) * math.sin(-math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    d.polygon(pts, fill=255)
    n = len(name)
    span = min(span_cap, 20.0 * n + 50)
    gs = int(min(r * glyph, 2 * math.pi * r * 0.74 * span / 360 / n))
    for i, ch in enumerate(name):
        a = -span / 2 + span * (i + 0.5) / n
        g = Image.new("L", (gs + 10, gs + 10), 0)
        ImageDraw.Draw(g).text((5, 1), ch, font=F(gs, "song"), fill=255)
        g = g.rotate(-a, resample=Image.BICUBIC, expand=True)
        t = math.radians(a - 90)
        L.paste(255, (int(c + r * 0.74 * math.cos(t) - g.width / 2), int(c + r * 0.74 * math.sin(t) - g.height / 2)), g)
    return L, d, size, c, span


def ink_over(leaf: Leaf, m, cx_mm, cy_mm, ink):
    """Seal ink ``m`` (0-1, a square array) centred at ``cx_mm, cy_mm``, multiplied over the leaf's print."""
    size, c = m.shape[0], m.shape[0] / 2
    base = np.asarray(leaf.img, np.float32)
    x0, y0 = int(cx_mm * MM - c), int(cy_mm * MM - c)
    ys0, xs0 = max(0, y0), max(0, x0)
    ys1, xs1 = min(base.shape[0], y0 + size), min(base.shape[1], x0 + size)
    sub = m[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0, None]
    base[ys0:ys1, xs0:xs1] *= 1 - sub * (1 - np.array(ink, np.float32) / 255)
    leaf.img = Image.fromarray(base.clip(0, 255).astype(np.uint8))
    leaf.d = ImageDraw.Draw(leaf.img)


def stamp(leaf: Leaf, cx_mm, cy_mm, name, r_mm=21, ink=(205, 35, 40), seed=0, purpose=""):
    """A round seal: name along the arc, a five-pointed star, an optional purpose line; ink multiplied over print."""
    r = r_mm * MM
    L, d, size, c, _ = seal_mask(r, name)
    if purpose:
        pf = F(int(r * 0.19), "song")
        d.text((c - d.textlength(purpose, font=pf) / 2, c + r * 0.42), purpose, font=pf, fill=255)
    a = np.asarray(L, np.float32) / 255
    a *= np.where(np.random.default_rng(rng("wear", name, seed).randrange(1 << 30)).random(a.shape) < 0.08, 0.3, 0.9)
    ink_over(leaf, a, cx_mm, cy_mm, ink)


def scrawl(leaf: Leaf, x_mm, y_mm, seed, w_mm=32, ink=(25, 35, 130)):
    """A signature: a pen path of slanted strokes and a tail."""
    r = rng("scrawl", seed)
    x, y = x_mm * MM, y_mm * MM
    pts = []
    k = r.randint(2, 4)
    for j in range(k):
        bx = x + j * w_mm * MM / k
        for t in np.linspace(0, 1, 18):
            pts.append((bx + t * w_mm * MM / k + 10 * math.sin(t * 9 + j), y + 28 * math.sin(t * math.pi * r.choice((2, 3)))
                        + r.uniform(-3, 3)))
    pts.append((x + w_mm * MM * 1.1, y - 10))
    leaf.d.line(pts, fill=ink, width=3, joint="curve")


# ---------------------------------------------------------------- people and their papers


def ric(region, birth, seq):
    body = region + birth + seq
    s = sum(int(c) * w for c, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))) % 11
    return body + "10X98765432"[s]


PEOPLE = {
    "D": dict(name="韩雪梅", sex="女", birth="19871123", region="210403", seq="042",
              unit="抚顺市东洲区生态环境保护服务中心", specialty="生态环境监测", level="工程师",
              title=("助理工程师", "2019-12-26"),
              paper=dict(title="抚顺市东洲区地表水氨氮与总磷时空变化特征分析", journal="环境保护科学", issn="1004-6216",
                         cn="21-1135/X", date="2021-06", vol="第47卷第3期", sponsor="沈阳环境科学研究院"),
              award=None, school="辽宁大学", major="环境科学"),
    "E": dict(name="宋立军", sex="男", birth="19790407", region="210422", seq="017",
              unit="新宾满族自治县生态环境事务服务中心", specialty="生态环境工程", level="工程师",
              title=("助理工程师", "2016-12-20"),
              paper=dict(title="农村生活污水分散式处理工艺比选与运行评价", journal="环境工程", issn="1000-8942",
                         cn="11-2097/X", date="2020-11", vol="第38卷第11期", sponsor="中冶建筑研究总院有限公司"),
              award=dict(title="抚顺市生态环境科学技术奖二等奖", date="2019-12", issuer="抚顺市生态环境局",
                         work="新宾县农村生活污水治理技术示范"),
              school="沈阳建筑大学", major="给水排水工程"),
    "G": dict(name="鲍春阳", sex="男", birth="19910205", region="210411", seq="058",
              unit="抚顺市顺城区环境监测站", specialty="生态环境管理", level="工程师",
              title=("助理工程师", "2018-12-28"),
              paper=dict(title="排污许可制度下重点排污单位环境管理问题与对策", journal="中国环境管理", issn="1674-6252",
                         cn="11-5806/X", date="2022-04", vol="第14卷第2期", sponsor="生态环境部环境发展中心"),
              award=None, school="东北大学", major="环境工程"),
}
for _p in PEOPLE.values():
    _p["id"] = ric(_p["region"], _p["birth"], _p["seq"])
OTHER_PAPERS = [("辽宁省典型城市大气颗粒物中多环芳烃污染特征", "环境科学研究", "2020年第5期"),
                ("基于GIS的抚顺市土壤重金属空间分布研究", "安全与环境学报", "2023年第2期")]


def ymd(iso, style="cn"):
    y, m, *d = iso.split("-")
    if style == "dot":
        return f"{y}.{m}" + (f".{d[0]}" if d else "")
    return f"{int(y)}年{int(m)}月" + (f"{int(d[0])}日" if d else "")


# ---------------------------------------------------------------- documents: name -> [Leaf]


def recommendation(p, v):
    hand = v.get("hand_rec", False)
    a = Leaf("rec-a" + p["name"] + str(hand))
    a.text(105, 18, "专业技术资格评审推荐表", 22, "hei", anchor="ma")
    a.text(22, 32, "申报系列：工程系列（生态环境）", 11)
    a.text(188, 32, "填表日期：2024年10月", 11, anchor="ra")
    xs, ys = a.grid(20, 40, (30, 55, 30, 55), (14, 14, 14, 14, 60))
    lab = [("姓名", p["name"], "性别", p["sex"]), ("出生年月", ymd(p["birth"][:4] + "-" + p["birth"][4:6]), "申报资格", p["level"]),
           ("工作单位", p["unit"], "", ""), ("现资格", p["title"][0], "取得时间", ymd(p["title"][1]))]
    for i, row in enumerate(lab):
        for j, t in enumerate(row):
            if not t:
                continue
            is_val = j % 2 == 1
            a.text(xs[j] + 2, ys[i] + 4, t, 10 if (is_val and len(t) > 9) else 11, hand=hand and is_val,
                   ink=(30, 40, 140) if hand and is_val else (25, 25, 25))
    a.text(xs[0] + 2, ys[4] + 4, "主要业绩", 11)
    a.text(xs[1] + 2, ys[4] + 4, "从事" + p["specialty"] + "工作，完成多项监测与治理任务。", 11, hand=hand,
           ink=(30, 40, 140) if hand else (25, 25, 25))
    a.text(22, 200, "本人对以上内容的真实性负责。", 12)
    a.text(110, 215, "申报人签名：", 12)
    scrawl(a, 140, 218, p["name"] + "self")
    b = Leaf("rec-b" + p["name"] + str(v.get("rec_sealed", True)))
    b.text(105, 18, "推荐表（续）", 18, "hei", anchor="ma")
    xs, ys = b.grid(20, 32, (40, 130), (70, 80))
    b.text(xs[0] + 2, ys[0] + 6, "单位推荐意见", 12)
    b.text(xs[1] + 3, ys[0] + 6, "该同志材料真实，业绩突出，同意推荐。", 12, hand=hand, ink=(30, 40, 140) if hand else (25, 25, 25))
    b.text(xs[1] + 3, ys[0] + 40, "负责人签字：", 12)
    scrawl(b, xs[1] + 38, ys[0] + 43, p["name"] + "boss")
    b.text(xs[1] + 75, ys[0] + 58, "2024年10月24日", 12, hand=hand, ink=(30, 40, 140) if hand else (25, 25, 25))
    if v.get("rec_sealed", True):
        stamp(b, xs[1] + 95, ys[0] + 45, v.get("rec_seal_name", p["unit"]), seed=1)
    b.text(xs[0] + 2, ys[1] + 6, "主管部门意见", 12)
    b.text(xs[1] + 3, ys[1] + 6, "同意推荐。", 12)
    return [a, b]


def publicity_leaf(p, v):
    start, end = v.get("pub", ("2024年10月15日", "2024年10月21日"))
    s = Leaf("pub" + p["name"] + start + end)
    s.text(105, 30, "关于" + p["name"] + "同志申报专业技术资格的", 17, "hei", anchor="ma")
    s.text(105, 42, "公示结果", 17, "hei", anchor="ma")
    body = (f"我单位已于{start}至{end}将{p['name']}同志申报{p['level']}专业技术资格的材料在单位内部进行公示。"
            "公示期间，未收到任何单位和个人的异议。")
    y = 62
    per = 27
    body = "\u3000\u3000" + body
    while body:
        y = s.text(22, y, body[:per], 13)
        body = body[per:]
    s.text(22, y + 4, "\u3000\u3000特此证明。", 13)
    s.text(180, 140, p["unit"], 13, anchor="ra")
    s.text(170, 150, "2024年10月22日", 13, anchor="ra")
    stamp(s, 150, 140, p["unit"], seed=2)
    return [s]


def publicity_screenshot(p, v):
    """A phone screenshot (1080 x 2340) of the unit's web page carrying the publicity."""
    start, end = v.get("pub", ("2024年10月15日", "2024年10月21日"))
    posted = "2024年10月15日" if v.get("notice") else "2024年10月22日"
    img = Image.new("RGB", (1080, 2340), (244, 245, 247))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 1080, 90), fill=(250, 250, 250))
    d.text((40, 22), "10:42", font=F(40, "hei"), fill=(10, 10, 10))
    d.text((820, 24), "5G  ▮▮▮  78%", font=F(34, "hei"), fill=(10, 10, 10))
    d.rounded_rectangle((30, 110, 1050, 200), 40, fill=(230, 232, 236))
    d.text((80, 132), "🔒 www.fushun.gov.cn/sthjj/tzgg", font=F(36, "hei"), fill=(60, 60, 60))
    d.rectangle((0, 230, 1080, 360), fill=(22, 96, 170))
    d.text((50, 265), "抚顺市生态环境局  通知公告", font=F(52, "hei"), fill=(255, 255, 255))
    d.rounded_rectangle((30, 400, 1050, 2000), 36, fill=(255, 255, 255))
    head = "公示" if v.get("notice") else "公示结果"
    d.text((540 - d.textlength(head, font=F(58, "hei")) / 2, 450), head, font=F(58, "hei"), fill=(20, 20, 20))
    d.text((80, 560), "发布时间：" + posted.replace("年", "-").replace("月", "-").rstrip("日") + "  来源：" + p["unit"][:9],
           font=F(30, "hei"), fill=(130, 130, 130))
    body = (f"{p['unit']}{p['name']}同志申报{p['level']}专业技术资格，现将有关情况公示如下：公示时间为{start}至{end}。"
            "公示期间未收到任何异议。特此公示。")
    if v.get("notice"):  # the notice posted as the publicity began, not its result
        body = (f"{p['unit']}{p['name']}同志申报{p['level']}专业技术资格，现予以公示。公示时间为{start}至{end}。"
                "如有异议，请于公示期内向单位人事科反映。联系电话：024-57661234。")
    y, per = 650, 20
    body = "\u3000\u3000" + body
    while body:
        d.text((80, y), body[:per], font=F(44, "song"), fill=(30, 30, 30))
        y += 78
        body = body[per:]
    d.text((560, y + 80), p["unit"], font=F(38, "song"), fill=(30, 30, 30))
    d.text((700, y + 140), posted, font=F(38, "song"), fill=(30, 30, 30))
    leaf = Leaf("shot" + p["name"] + start + end + str(v.get("notice")), 1080 / MM, 2340 / MM)
    leaf.img = img
    leaf.d = ImageDraw.Draw(img)
    stamp(leaf, 860 / MM, (y + 110) / MM, p["unit"], r_mm=30, seed=3)
    leaf.d.rectangle((0, 2180, 1080, 2340), fill=(250, 250, 250))
    for i, t in enumerate(("首页", "分享", "收藏")):
        leaf.d.text((150 + i * 330, 2230), t, font=F(36, "hei"), fill=(90, 90, 90))
    return [leaf]


def assessment(p, year, v):
    grade = v.get("grades", {}).get(year, "合格")
    hand = v.get("hand_ass", False)
    printed_year = v.get("ass_year_printed", {}).get(year, year)
    s = Leaf(f"ass{year}-{printed_year}-{grade}-{hand}-{p['name']}-{v.get('ass_sealless') == year}")
    ink_h = (28, 45, 150)
    if hand:  # the form printed with the year blank, filled in by hand
        s.text(60, 20, "年度事业单位工作人员考核登记表", 17, "hei")
        s.text(38, 19, str(printed_year), 19, hand=True, ink=ink_h)
    else:
        s.text(105, 20, f"{printed_year}年度事业单位工作人员考核登记表", 17, "hei", anchor="ma")
    xs, ys = s.grid(18, 36, (28, 50, 28, 68), (13, 13, 13, 95, 45, 14, 58))
    rows = [("姓名", p["name"], "性别", p["sex"]), ("单位", p["unit"], "", ""), ("岗位", "专业技术岗", "职务", "无")]
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            if t:
                val = j % 2 == 1
                s.text(xs[j] + 2, ys[i] + 3.5, t, 10 if val and len(t) > 9 else 11, hand=hand and val,
                       ink=ink_h if hand and val else (25, 25, 25))
    s.text(xs[0] + 2, ys[3] + 4, "个人总结", 11)
    summ = ["本年度认真学习业务知识，积极参与辖区环境质量", "监测和污染源调查工作，按时完成各项任务。"]
    for k, t in enumerate(summ):
        s.text(xs[1] + 2, ys[3] + 5 + k * 8, t, 11, hand=hand, ink=ink_h if hand else (25, 25, 25))
    s.text(xs[0] + 2, ys[4] + 4, "主管领导评语", 10)
    s.text(xs[1] + 2, ys[4] + 5, "工作认真，完成任务较好。", 11, hand=hand, ink=ink_h if hand else (25, 25, 25))
    s.text(xs[0] + 2, ys[5] + 3.5, "考核等次", 11)
    s.text(xs[1] + 2, ys[5] + 3, grade, 12, hand=hand, ink=ink_h if hand else (25, 25, 25))
    s.text(xs[0] + 2, ys[6] + 4, "单位意见", 11)
    s.text(xs[1] + 2, ys[6] + 6, "同意。", 11, hand=hand, ink=ink_h if hand else (25, 25, 25))
    s.text(xs[1] + 90, ys[6] + 44, f"{year + 1}年1月{8 + year % 9}日", 11, hand=hand, ink=ink_h if hand else (25, 25, 25))
    if v.get("ass_sealless") != year:
        stamp(s, xs[1] + 100, ys[6] + 32, p["unit"], seed=year)
    return [s]


def assessment_booklet(p, year, v):
    """The booklet's two facing pages (A5 each) on one A3-landscape-like image: left the cover block and the person,
    right the summary, the grade and the unit's seal."""
    grade = v.get("grades", {}).get(year, "合格")
    sealed = v.get("ass_sealless") != year
    s = Leaf(f"book{year}-{grade}-{sealed}-{p['name']}", 297, 210)
    s.text(74, 22, f"{year}年度", 20, "hei", anchor="ma")
    s.text(74, 34, "工作人员考核登记表", 20, "hei", anchor="ma")
    xs, ys = s.grid(20, 60, (30, 80), (14, 14, 14, 14, 14))
    for i, (k, val) in enumerate((("姓    名", p["name"]), ("性    别", p["sex"]), ("出生年月", ymd(p["birth"][:4] + "-" + p["birth"][4:6])),
                                  ("工作单位", p["unit"]), ("岗    位", "专业技术岗位"))):
        s.text(xs[0] + 2, ys[i] + 4, k, 11)
        s.text(xs[1] + 2, ys[i] + 4, val, 10 if len(val) > 10 else 11)
    s.text(74, 160, "抚顺市人力资源和社会保障局印制", 10, anchor="ma")
    # the right page
    xs, ys = s.grid(168, 18, (26, 90), (70, 16, 60))
    s.text(xs[0] + 2, ys[0] + 4, "本人总结", 11)
    for k, t in enumerate(("履行岗位职责，完成年度监测", "任务和各项报告的编制工作。")):
        s.text(xs[1] + 2, ys[0] + 5 + k * 8, t, 11)
    s.text(xs[0] + 2, ys[1] + 4, "考核等次", 11)
    s.text(xs[1] + 2, ys[1] + 4, grade, 12)
    s.text(xs[0] + 2, ys[2] + 4, "单位意见", 11)
    s.text(xs[1] + 2, ys[2] + 5, "同意该同志考核等次。", 11)
    s.text(xs[1] + 50, ys[2] + 48, f"{year + 1}年1月12日", 11)
    if sealed:
        stamp(s, xs[1] + 62, ys[2] + 36, p["unit"], seed=year, r_mm=19)
    # the gutter: a soft shadow down the middle
    a = np.asarray(s.img, np.float32)
    xsx = np.arange(a.shape[1])
    mid = a.shape[1] / 2
    shade = 1 - 0.35 * np.exp(-((xsx - mid) / (0.012 * a.shape[1])) ** 2)
    a *= shade[None, :, None]
    s.img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    s.d = ImageDraw.Draw(s.img)
    return [s]


def education(p, v):
    """A bilingual 学历认证报告 (中英对照), the unit's check below it."""
    name = v.get("edu_name", p["name"])
    s = Leaf("edu" + name)
    s.text(105, 16, "教育部学历证书电子注册备案表", 16, "hei", anchor="ma")
    s.text(105, 25, "Online Verification Report of Higher Education Qualification Certificate", 9, anchor="ma")
    xs, ys = s.grid(18, 34, (48, 126), (12,) * 8)
    rows = [("姓名 Name", f"{name}   {v.get('pinyin', 'Han Xuemei')}"), ("性别 Gender", p["sex"] + (" Female" if p["sex"] == "女" else " Male")),
            ("出生日期 Date of Birth", f"{p['birth'][:4]}年{int(p['birth'][4:6])}月{int(p['birth'][6:])}日"),
            ("院校 Institution", p["school"]), ("专业 Major", p["major"]), ("层次 Level", "本科 Bachelor"),
            ("毕业日期 Graduation", "2010年7月1日"), ("证书编号 No.", "10140120100500" + p["id"][-4:])]
    for i, (k, val) in enumerate(rows):
        s.text(xs[0] + 2, ys[i] + 3.5, k, 9)
        s.text(xs[1] + 2, ys[i] + 3, val, 11)
    s.text(20, 140, "在线验证码 Verification Code: 8C41" + p["id"][8:14] + "QZ", 10)
    s.text(20, 160, "经审核，该学历证书复印件与原件一致。", 12)
    s.text(20, 176, "审核人签字：", 12)
    scrawl(s, 50, 179, p["name"] + "edu")
    s.text(130, 190, "2024年10月23日", 12)
    stamp(s, 150, 178, p["unit"], seed=4)
    return [s]


def continuing(p, v):
    s = Leaf("ce" + p["name"])
    s.text(105, 22, "继续教育学时证明", 18, "hei", anchor="ma")
    s.text(22, 38, f"兹证明{p['name']}同志在2021—2023年度参加专业技术人员继续教育，学时如下：", 11)
    xs, ys = s.grid(22, 48, (40, 90, 36), (12, 12, 12, 12))
    for i, row in enumerate((("年度", "内容", "学时"), ("2021年", "公需科目及专业科目", "90"), ("2022年", "公需科目及专业科目", "92"),
                             ("2023年", "公需科目及专业科目", "96"))):
        for j, t in enumerate(row):
            s.text(xs[j] + 3, ys[i] + 3, t, 11)
    s.text(185, 120, "辽宁省专业技术人员继续教育服务平台", 11, anchor="ra")
    s.text(185, 130, "2024年1月5日", 11, anchor="ra")
    return [s]


def id_card(p, v):
    num = v.get("id_on_card", p["id"])
    s = Leaf("id" + p["name"] + num)
    s.text(105, 16, "身份证复印件", 14, "hei", anchor="ma")
    x0, y0 = 50, 30
    s.d.rounded_rectangle((x0 * MM, y0 * MM, (x0 + 86) * MM, (y0 + 54) * MM), 18, fill=(232, 238, 242), outline=(90, 90, 90))
    s.text(x0 + 5, y0 + 6, "姓名", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 5.5, p["name"], 10, "hei")
    s.text(x0 + 5, y0 + 13, "性别", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 12.5, p["sex"] + "      民族 汉", 9, "hei")
    s.text(x0 + 5, y0 + 20, "出生", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 19.5, f"{p['birth'][:4]} 年 {int(p['birth'][4:6])} 月 {int(p['birth'][6:])} 日", 9, "hei")
    s.text(x0 + 5, y0 + 27, "住址", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 26.5, "辽宁省抚顺市" + p["unit"][3:6] + "友谊路", 9, "hei")
    s.text(x0 + 5, y0 + 44, "公民身份号码", 8, ink=(50, 100, 160))
    s.text(x0 + 27, y0 + 43.5, num, 11, "hei")
    s.d.rectangle(((x0 + 62) * MM, (y0 + 8) * MM, (x0 + 82) * MM, (y0 + 34) * MM), fill=(170, 180, 200))
    y1 = y0 + 64
    s.d.rounded_rectangle((x0 * MM, y1 * MM, (x0 + 86) * MM, (y1 + 54) * MM), 18, fill=(232, 238, 242), outline=(90, 90, 90))
    s.text(x0 + 43, y1 + 10, "中华人民共和国", 12, "hei", anchor="ma")
    s.text(x0 + 43, y1 + 20, "居民身份证", 16, "hei", anchor="ma")
    s.text(x0 + 8, y1 + 40, "签发机关  抚顺市公安局", 8)
    s.text(x0 + 8, y1 + 46, "有效期限  2015.03.18-2035.03.18", 8)
    return [s]


def title_cert(p, v):
    """A 横版 certificate: the holder's block left, the issuer's block right, its seal over the date."""
    date = v.get("title_printed", p["title"][1])
    s = Leaf("tc" + p["name"] + date + str(v.get("title_fmt", "")), 297, 210, paper=(250, 246, 236))
    s.d.rectangle((8 * MM, 8 * MM, 289 * MM, 202 * MM), outline=(160, 120, 60), width=8)
    s.text(148, 24, "专业技术职务任职资格证书", 24, "kai", anchor="ma", ink=(150, 25, 25))
    y = 55
    for k, val in (("姓名", p["name"]), ("性别", p["sex"]), ("出生年月", ymd(p["birth"][:4] + "-" + p["birth"][4:6])),
                   ("工作单位", p["unit"]), ("资格名称", p["title"][0]), ("专业", "环境工程")):
        y = s.text(30, y, f"{k}：{val}", 13) + 2
    s.text(165, 60, "经抚顺市工程系列中初级专业技术", 13)
    s.text(165, 70, "资格评审委员会评审通过，具备", 13)
    s.text(165, 80, p["title"][0] + "资格。", 13)
    shown = {"dotmonth": lambda d: ymd(d[:7], "dot"), "dot": lambda d: ymd(d, "dot")}.get(v.get("title_fmt"), ymd)(date)
    s.text(165, 100, "评审通过时间：" + shown, 13)
    s.text(165, 112, "证书编号：" + "2104" + date[:4] + p["id"][-6:], 12)
    s.text(200, 150, "抚顺市人力资源和社会保障局", 13, anchor="ma")
    s.text(200, 160, v.get("title_issued", shown), 13, anchor="ma")  # the issue date, or the approval's again
    stamp(s, 200, 152, "抚顺市人力资源和社会保障局", r_mm=22, seed=9)
    return [s]


def evaluation(p, v):
    s = Leaf("ev" + p["name"])
    s.text(105, 20, "专业技术人员申报评定表", 18, "hei", anchor="ma")
    xs, ys = s.grid(20, 34, (34, 136), (14, 14, 14, 80))
    for i, (k, val) in enumerate((("姓名", p["name"]), ("单位", p["unit"]), ("申报专业", p["specialty"]),
                                  ("专业技术工作经历", "2010年7月参加工作，一直从事" + p["specialty"][4:] + "工作。"))):
        s.text(xs[0] + 2, ys[i] + 4, k, 10)
        s.text(xs[1] + 2, ys[i] + 4, val, 11)
    return [s]


def award(p, v):
    a = p["award"]
    printed = v.get("award_printed", a["date"])
    s = Leaf("aw" + p["name"] + printed, 297, 210, paper=(253, 248, 240))
    s.text(148, 30, "荣 誉 证 书", 30, "kai", anchor="ma", ink=(170, 30, 30))
    s.text(40, 70, f"{p['name']}同志：", 15)
    s.text(52, 86, f"您参与完成的“{a['work']}”项目，荣获", 15)
    s.text(40, 102, a["title"][:-3] + "", 15)  # the prize's name, and its level on a line of its own, spaced
    s.text(148, 118, " ".join(a["title"][-3:]), 24, "kai", anchor="ma", ink=(170, 30, 30))
    s.text(52, 140, "特发此证，以资鼓励。", 15)
    s.text(220, 150, a["issuer"], 15, anchor="ma")
    s.text(220, 162, ymd(printed), 15, anchor="ma")
    stamp(s, 220, 150, a["issuer"], r_mm=22, seed=7)
    return [s]


def journal(p, v):
    j = p["paper"]
    issn = v.get("issn_printed", j["issn"])
    y, m = j["date"].split("-")
    issue = int(j["vol"].split("第")[-1].rstrip("期"))
    cov = Leaf("cov" + j["journal"] + issn + v.get("cn_printed", ""), paper=(240, 246, 240))
    cov.text(105, 40, j["journal"], 40, "kai", anchor="ma", ink=(20, 70, 40))
    cov.text(105, 70, f"{y}年  {j['vol']}", 16, "hei", anchor="ma")
    cov.d.ellipse((40 * MM, 95 * MM, 170 * MM, 200 * MM), fill=(205, 225, 210))
    cov.text(105, 240, "主办单位：" + j["sponsor"], 12, anchor="ma")
    cov.text(105, 252, f"ISSN {issn}    CN {v.get('cn_printed', j['cn'])}", 14, "hei", anchor="ma")
    cov.text(105, 264, "国内邮发代号：8-28   定价：25.00元", 11, anchor="ma")
    pap = Leaf("pap" + j["title"])
    pap.text(20, 12, f"{j['journal']}  {y}.{m}  {j['vol']}", 9)
    pap.rule(20, 17, 190, 17)
    pap.text(105, 30, j["title"], 17, "hei", anchor="ma")
    pap.text(105, 44, p["name"], 13, anchor="ma")
    pap.text(105, 53, f"（{p['unit']}，辽宁 抚顺 113000）", 10, anchor="ma")
    yy = 66
    for t in ("摘要：以" + j["title"][:8] + "为对象，分析了近年来的监测数据与治理效果，", "提出了针对性的改进建议。",
              "关键词：生态环境；监测；治理；抚顺", "中图分类号：X52    文献标识码：A    文章编号：" + j["issn"] + f"({y}){issue:02d}-0045-05"):
        yy = pap.text(22, yy, t, 11)
    for k in range(12):
        yy = pap.text(22, yy, "随着生态环境保护工作的深入推进，对污染物排放与环境质量的要求日益提高。", 11)
    ret = Leaf("ret" + p["name"] + v.get("ret_title", j["title"]))
    ret.text(105, 20, "论文收录检索证明", 18, "hei", anchor="ma")
    ret.text(22, 36, f"经检索中国知网，{p['unit']}{p['name']}以第一作者发表的论文收录情况如下：", 10)
    xs, ys = ret.grid(20, 46, (10, 100, 36, 24), (12, 16, 16, 16))
    rows = [("序号", "论文题目", "期刊", "年期"), ("1", OTHER_PAPERS[0][0], OTHER_PAPERS[0][1], OTHER_PAPERS[0][2]),
            ("2", v.get("ret_title", j["title"]), j["journal"], f"{y}年第{issue}期"),
            ("3", OTHER_PAPERS[1][0], OTHER_PAPERS[1][1], OTHER_PAPERS[1][2])]
    for i, row in enumerate(rows):
        for k, t in enumerate(row):
            ret.text(xs[k] + 1.5, ys[i] + 4, t, 8 if k == 1 else 9)
    ret.text(22, 130, "检索人：", 11)
    scrawl(ret, 40, 133, "librarian" + p["name"])
    ret.text(110, 130, "人事部门审核签字：", 11)
    scrawl(ret, 150, 133, "hr" + p["name"])
    ret.text(150, 150, "2024年10月23日", 11)
    stamp(ret, 160, 142, p["unit"], seed=13)
    return [cov, pap, ret]


def dossier(p, v):
    docs = [("推荐表", recommendation(p, v)),
            ("公示", publicity_screenshot(p, v) if v.get("shot") else publicity_leaf(p, v))]
    for yr in v.get("years", (2021, 2022, 2023)):
        docs.append((f"{yr}考核", assessment_booklet(p, yr, v) if v.get("booklet") else assessment(p, yr, v)))
    docs += [("学历认证", education(p, v)), ("继续教育", continuing(p, v)), ("身份证", id_card(p, v)),
             ("职称证", title_cert(p, v)), ("评定表", evaluation(p, v))]
    if p["award"]:
        docs.append(("获奖证书", award(p, v)))
    docs.append(("论文", journal(p, v)))
    return docs


# ---------------------------------------------------------------- how pages reach the desk


def phone_lowres(img: Image.Image, r: random.Random, text_px=15) -> Image.Image:
    """A distant phone photo: downscaled so body text is ~text_px high, uneven light, a slight keystone, JPEG."""
    scale = text_px / 25.0  # body text of the 150-dpi leaf is ~25 px
    w, h = img.size
    small = img.resize((int(w * scale), int(h * scale)), Image.LANCZOS)
    a = np.asarray(small, np.float32)
    yy, xx = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    light = 0.82 + 0.18 * np.cos((xx / a.shape[1] - r.uniform(0.2, 0.8)) * 2.2) * np.cos((yy / a.shape[0] - 0.4) * 1.8)
    a = a * light[..., None] * np.array((1.0, 0.97, 0.9))
    out = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    W0, H0 = out.size
    d = r.uniform(0.01, 0.03) * W0
    coeffs = _persp([(0, 0), (W0, 0), (W0, H0), (0, H0)], [(d, 0), (W0 - d, d * 0.5), (W0, H0), (0, H0 - d * 0.3)])
    out = out.transform((W0, H0), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(90, 80, 70))
    return out.filter(ImageFilter.GaussianBlur(0.4))


def _persp(src, dst):
    m = []
    for (x, y), (u, v) in zip(dst, src):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        m.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    A = np.array(m, float)
    B = np.array([c for pt in src for c in pt], float)
    return np.linalg.lstsq(A, B, rcond=None)[0].tolist()


def stapled(img: Image.Image, r: random.Random) -> Image.Image:
    """A stapled, hole-punched page with a horizontal fold's shadow."""
    img = img.copy()
    d = ImageDraw.Draw(img)
    w, h = img.size
    for fy in (0.3, 0.7):
        cy = int(h * fy)
        d.ellipse((int(0.035 * w) - 22, cy - 22, int(0.035 * w) + 22, cy + 22), fill=(40, 40, 40))
    d.line((int(0.05 * w), int(0.03 * h), int(0.11 * w), int(0.06 * h)), fill=(120, 120, 130), width=7)
    a = np.asarray(img, np.float32)
    yy = np.arange(h)
    fold = h * r.uniform(0.45, 0.55)
    shade = 1 - 0.28 * np.exp(-((yy - fold) / (0.01 * h)) ** 2) + 0.05 * np.exp(-((yy - fold - 0.02 * h) / (0.01 * h)) ** 2)
    a *= shade[:, None, None]
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def pdf_with_ocr_layer(leaves: list[Leaf], path: Path, lies: dict[str, str]):
    """A scanned PDF: each page one JPEG covering the page, and over it an invisible OCR text layer (render mode 3,
    as scanner apps write), one text object per recorded run; a run whose text is in ``lies`` is written as the lie."""
    from fpdf import FPDF

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf = FPDF(unit="pt")
        pdf.add_font("hei", "", FONTS["hei"])
        for leaf in leaves:
            w_pt, h_pt = leaf.img.width * 72 / DPI, leaf.img.height * 72 / DPI
            pdf.add_page(format=(w_pt, h_pt))
            tmp = OUT / f"tmp-{len(pdf.pages)}-{hashlib.md5(leaf.img.tobytes()).hexdigest()[:10]}.jpg"
            leaf.img.save(tmp, "JPEG", quality=85)
            pdf.image(str(tmp), 0, 0, w_pt, h_pt)
            tmp.unlink()
            pdf.text_mode = 3  # invisible
            for text, (x0, y0, x1, y1) in leaf.runs:
                text = lies.get(text, text)
                size = (y1 - y0) * 72 / DPI / 1.05
                pdf.set_font("hei", size=max(size, 2))
                tw = pdf.get_string_width(text)
                if tw > 0:
                    pdf.set_stretching(100 * ((x1 - x0) * 72 / DPI) / tw)
                pdf.text(x0 * 72 / DPI, y0 * 72 / DPI + size * 0.88, text)
                pdf.set_stretching(100)
            pdf.text_mode = 0
        pdf.output(str(path))


def pdf_composite(leaf: Leaf, photo: Image.Image, path: Path, caption: str, lies: dict[str, str]):
    """A page typed in an office program and exported to PDF: a visible caption and the photo of a document placed
    on an A4 page, over the photo an invisible text layer (a phone app's 图片转文字, kept when pasted), each of the
    leaf's runs where the photo shows it; a run in ``lies`` written as the lie."""
    from fpdf import FPDF

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf = FPDF(unit="pt", format="A4")
        pdf.add_font("hei", "", FONTS["hei"])
        pdf.add_page()
        pdf.set_font("hei", size=16)
        pdf.text(72, 80, caption)
        pdf.set_font("hei", size=11)
        pdf.text(72, 104, "（以下为原件照片，经本人核对无误）")
        box_w = 595 - 144
        box_h = box_w * photo.height / photo.width
        x0, y0 = 72.0, 130.0
        tmp = OUT / f"tmp-{hashlib.md5(photo.tobytes()).hexdigest()[:10]}.jpg"
        photo.save(tmp, "JPEG", quality=80)
        pdf.image(str(tmp), x0, y0, box_w, box_h)
        tmp.unlink()
        k = box_w / leaf.img.width  # points per leaf pixel
        pdf.text_mode = 3
        for text, (a0, b0, a1, b1) in leaf.runs:
            text = lies.get(text, text)
            size = (b1 - b0) * k / 1.05
            pdf.set_font("hei", size=max(size, 2))
            tw = pdf.get_string_width(text)
            if tw > 0:
                pdf.set_stretching(100 * ((a1 - a0) * k) / tw)
            pdf.text(x0 + a0 * k, y0 + b0 * k + size * 0.88, text)
            pdf.set_stretching(100)
        pdf.text_mode = 0
        pdf.set_font("hei", size=11)
        pdf.text(72, y0 + box_h + 40, "本人签字：                日期：2024年10月20日")
        pdf.output(str(path))


def write(folder: Path, style: str, docs, v):
    folder.mkdir(parents=True, exist_ok=True)
    for doc, leaves in docs:
        if style == "pdfmix" and doc in ("职称证", "身份证"):
            leaf = leaves[0]
            photo = phone_lowres(leaf.img, rng(style, leaf.tag), v.get("text_px", 16))
            pdf_composite(leaf, photo, folder / f"{doc}.pdf", {"职称证": "现专业技术资格证书复印件",
                                                               "身份证": "居民身份证复印件"}[doc], v.get("lies", {}))
            continue
        if style in ("pdfocr", "pdflie") and doc not in ("公示",):
            pdf_with_ocr_layer(leaves, folder / f"{doc}.pdf", v.get("lies", {}) if style == "pdflie" else {})
            continue
        for i, leaf in enumerate(leaves):
            r = rng(style, leaf.tag)
            img = leaf.img
            name = f"{doc}{'-' + str(i + 1) if len(leaves) > 1 else ''}"
            if style == "lowresall" or (style == "lowres" and doc in ("身份证", "职称证", "论文") and i == 0):
                img = phone_lowres(img, r, v.get("text_px", 15))
            elif style == "staple":
                img = stapled(img, r)
            if doc == "公示" and v.get("shot"):
                img.save(folder / f"Screenshot_20241022-104233_{name}.png")
                continue
            img.save(folder / f"{name}.jpg", "JPEG", quality=88)


def yaml_text(p, v):
    t = p["title"]
    j = p["paper"]
    lines = [f"name: {p['name']}", f"id_number: \"{p['id']}\"", f"unit: {p['unit']}", "unit_kind: 事业单位",
             f"specialty: {p['specialty']}", f"level: {p['level']}",
             "current_title:", f"  name: {t[0]}", f"  date: {v.get('claim_title', t[1])}",
             "papers:", f"  - title: {j['title']}", f"    journal: {j['journal']}", f"    issn: {j['issn']}",
             f"    cn: {j['cn']}", f"    date: {v.get('claim_paper', ymd(j['date'], 'dot') if v.get('dotdates') else j['date'])}"]
    if p["award"]:
        a = p["award"]
        d = v.get("claim_award", a["date"])
        lines += ["awards:", f"  - title: {a['title']}", f"    date: {ymd(d, 'dot') if v.get('dotdates') else d}"]
    return "\n".join(lines) + "\n"


def other_id(p):
    """A valid ID of another birth day (the card of someone else): the check digit recomputed."""
    b = p["birth"]
    return ric(p["region"], b[:6] + f"{(int(b[6:]) % 27) + 1:02d}", "071")


SET = [
    # key, person, style, variant, planted rule
    ("C01", "D", "pdfocr", {}, None),
    ("C02", "E", "pdfocr", {"dotdates": True}, None),
    ("C03", "G", "plain", {"shot": True}, None),
    ("C04", "D", "plain", {"booklet": True}, None),
    ("C05", "E", "plain", {"hand_ass": True, "hand_rec": True}, None),
    ("C06", "G", "lowres", {}, None),
    ("C07", "D", "lowres", {"text_px": 13}, None),
    ("C08", "E", "staple", {"dotdates": True}, None),
    ("C09", "G", "staple", {"booklet": True}, None),
    ("C10", "E", "plain", {"shot": True, "dotdates": True}, None),
    ("C11", "G", "pdfocr", {"hand_ass": True}, None),
    # planted
    ("P01", "D", "pdflie", {"title_printed": "2020-12-26", "lies": {"评审通过时间：2020年12月26日": "评审通过时间：2019年12月26日",
                                                                 "2020年12月26日": "2019年12月26日"}}, "title.date"),
    ("P02", "E", "pdflie", {"dotdates": True, "id_on_card": "OTHER", "lies": {"OTHER": "SELF"}}, "identity.id_number"),
    ("P03", "G", "pdflie", {"issn_printed": "1674-6260", "lies": {"ISSN 1674-6260    CN 11-5806/X": "ISSN 1674-6252    CN 11-5806/X"}},
     "journal.issn"),
    ("P04", "G", "plain", {"shot": True, "pub": ("2024年10月15日", "2024年10月17日")}, "publicity.duration"),
    ("P05", "D", "plain", {"booklet": True, "ass_sealless": 2022}, "seal.present"),
    ("P06", "D", "plain", {"booklet": True, "grades": {2023: "基本合格"}}, "assessment.years"),
    ("P07", "E", "plain", {"hand_ass": True, "hand_rec": True, "ass_year_printed": {2022: 2020}}, "assessment.years"),
    ("P08", "G", "lowres", {"id_on_card": "OTHER"}, "identity.id_number"),
    ("P09", "D", "lowres", {"text_px": 13, "title_printed": "2020-12-26"}, "title.date"),
    ("P10", "E", "staple", {"dotdates": True, "award_printed": "2016-11"}, "evidence.after_title"),
    ("P11", "G", "staple", {"booklet": True, "ret_title": "排污许可制度下重点排污单位环境管理问题与对策研究"}, "paper.retrieval"),
    ("P12", "D", "plain", {"booklet": True, "edu_name": "韩雪娟"}, "identity.name"),
    # an office PDF: a caption typed, the photo of the certificate / card pasted, a text layer over the photo
    ("C12", "D", "pdfmix", {}, None),
    ("C13", "G", "pdfmix", {"text_px": 13}, None),
    ("P14", "D", "pdfmix", {"title_printed": "2020-12-26", "lies": {"评审通过时间：2020年12月26日": "评审通过时间：2019年12月26日",
                                                                 "2020年12月26日": "2019年12月26日"}}, "title.date"),
    ("P15", "G", "pdfmix", {"text_px": 13, "title_printed": "2018-12-26", "lies": {
        "评审通过时间：2018年12月26日": "评审通过时间：2018年12月28日", "2018年12月26日": "2018年12月28日"}}, "title.date"),
    # the web page's publicity range without its year (发布时间 2024-10-22 above it); a CN two digits swapped, 13 px
    ("C17", "D", "plain", {"shot": True, "pub": ("10月15日", "10月21日")}, None),
    ("P21", "D", "plain", {"shot": True, "pub": ("10月15日", "10月17日")}, "publicity.duration"),
    ("P20", "G", "lowres", {"text_px": 13, "cn_printed": "11-5860/X"}, "journal.cn"),
    # the publicity's notice, posted the day it began, handed in as its result
    ("P22", "G", "plain", {"shot": True, "notice": True}, "publicity.duration"),
    # every page a distant phone photo (text 14-15 px)
    ("C18", "E", "lowresall", {"text_px": 15}, None),
    ("C19", "D", "lowresall", {"text_px": 14, "booklet": True}, None),
    # the lie on the approval date's line alone, the certificate issued weeks later (发证日期 of its own)
    ("C16", "G", "pdfmix", {"text_px": 13, "title_issued": "2019年1月15日"}, None),
    ("P19", "G", "pdfmix", {"text_px": 13, "title_printed": "2018-12-26", "title_issued": "2019年1月15日",
                            "lies": {"评审通过时间：2018年12月26日": "评审通过时间：2018年12月28日"}}, "title.date"),
    ("P16", "G", "pdfmix", {"text_px": 13, "id_on_card": "OTHER", "lies": {"OTHER": "SELF"}}, "identity.id_number"),
    # the certificate's date written 2019.12 (month only) or 2019.12.26, the claim 2019-12-26
    ("C14", "D", "plain", {"title_fmt": "dotmonth"}, None),
    ("C15", "G", "staple", {"title_fmt": "dot"}, None),
    ("P17", "D", "plain", {"title_fmt": "dotmonth", "title_printed": "2020-12-26"}, "title.date"),
    ("P18", "G", "staple", {"title_fmt": "dot", "title_printed": "2018-12-08"}, "title.date"),
    ("P13", "E", "plain", {"hand_ass": True, "hand_rec": True, "rec_seal_name": "新宾满族自治县生态环境局"}, "seal.unit"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, style, v, planted in SET:
        p = dict(PEOPLE[who])
        v = dict(v)
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = other_id(p)
            if "lies" in v:
                v["lies"] = {v["id_on_card"]: p["id"]}
        write(root / k, style, dossier(p, v), v)
        (root / k / "applicant.yaml").write_text(yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": style, "person": who, "variant": {a: str(b) for a, b in v.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
