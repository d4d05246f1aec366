"""Probe round 19 (issue 13): FORM TEMPLATES drawn by another hand than ours. The page model (Leaf, seals, signatures,
the journal pages, the ID card, the education report) is probe_trust16's; every form here is laid out anew:

- labels written vertically in a tall cell (单位意见, 考核结果, one character per row);
- the ID number in 18 one-digit boxes; dates in boxes (「2019」年「12」月「28」日, each number in its own cell), or 年 月 日
  printed and the numbers handwritten above them;
- the value below its label instead of beside it; a 2-character name spaced to a 3-character width (李  伟);
  the unit's name broken over two lines in its cell;
- 考核结果 as a circled grade (a pen ring round one of 优秀 合格 基本合格 不合格);
- the seal over the date boxes;
- a certificate whose fields are 姓名：____ blanks filled by a typewriter face slightly off the line;
- a 公示 as a table (序号 | 姓名 | 单位 | 申报资格) of 8-15 people, the publicity range in the prose above it.

    PROBE_OUT=/tmp/trust19 python scripts/probe_trust19/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust19 python scripts/probe_trust19/score.py OUT -v

Needs Pillow, numpy and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from PIL import ImageFont

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round  # noqa: E402

os.environ.setdefault("PROBE_OUT", "/tmp/trust19")
T = load_round(16)
Leaf, stamp, scrawl, MM, rng, ymd, F = T.Leaf, T.stamp, T.scrawl, T.MM, T.rng, T.ymd, T.F
OUT = Path(os.environ["PROBE_OUT"])
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
HAND = (30, 40, 140)

PEOPLE = dict(T.PEOPLE)
PEOPLE["W"] = dict(name="李伟", sex="男", birth="19850612", region="210404", seq="031",
                   unit="抚顺市望花区生态环境保护综合行政执法服务中心", specialty="生态环境监测", level="工程师",
                   title=("助理工程师", "2019-12-28"),
                   paper=dict(title="抚顺市望花区工业园区挥发性有机物排放特征研究", journal="环境保护科学", issn="1004-6216",
                              cn="21-1135/X", date="2022-08", vol="第48卷第4期", sponsor="沈阳环境科学研究院"),
                   award=None, school="沈阳化工大学", major="环境工程")
PEOPLE["W"]["id"] = T.ric("210404", "19850612", "031")
COLLEAGUES = ["王建军", "刘丽娜", "张海涛", "赵春雨", "孙志刚", "周晓燕", "吴国庆", "郑丽萍", "冯德胜", "陈玉梅", "褚卫东",
              "蒋红霞", "沈立新", "韩国栋"]


def spaced(name):
    """A 2-character name spaced to a 3-character width (李  伟), as forms print it."""
    return name[0] + "\u3000" + name[1] if len(name) == 2 else name


def vlabel(s: Leaf, x_mm, y0_mm, y1_mm, label, pt=12):
    """A label written vertically in a tall cell: one character per row, spread over the cell's height."""
    n = len(label)
    step = (y1_mm - y0_mm) / (n + 1)
    for i, ch in enumerate(label):
        s.text(x_mm, y0_mm + step * (i + 0.6), ch, pt)


def boxes(s: Leaf, x_mm, y_mm, digits, w=6.2, h=8, pt=12, hand=False):
    """Digits each in a box of its own (an ID number's 18 boxes, a date's year in 4). Returns the right edge."""
    for i, ch in enumerate(digits):
        x = x_mm + i * w
        s.d.rectangle((x * MM, y_mm * MM, (x + w) * MM, (y_mm + h) * MM), outline=(40, 40, 40), width=2)
        s.text(x + w * 0.22, y_mm + 1.2, ch, pt, hand=hand, ink=HAND if hand else (25, 25, 25))
    return x_mm + len(digits) * w


def boxed_date(s: Leaf, x, y, iso, hand=False, pt=12, style="cells"):
    """「2019」年「12」月「28」日: each number in a cell of its own (style cells), or 年 月 日 printed with the numbers
    handwritten above them (style above)."""
    yy, mm, dd = iso.split("-")
    if style == "above":
        for k, (num, unit) in enumerate(((yy, "年"), (str(int(mm)), "月"), (str(int(dd)), "日"))):
            xx = x + k * 22
            s.text(xx + 12, y + 6, unit, pt)
            s.text(xx + (0 if k == 0 else 5), y + 1.5, num, pt + 1, hand=True, ink=HAND)
        return
    for num, unit in ((yy, "年"), (f"{int(mm)}", "月"), (f"{int(dd)}", "日")):
        w = 4.5 * len(num) + 5
        s.d.rectangle((x * MM, y * MM, (x + w) * MM, (y + 8) * MM), outline=(40, 40, 40), width=2)
        s.text(x + 2.2, y + 1.3, num, pt, hand=hand, ink=HAND if hand else (25, 25, 25))
        x += w + 1
        s.text(x, y + 1.3, unit, pt)
        x += 6


def recommendation(p, v):
    """推荐表: the value BELOW its label, the ID in 18 boxes, the title date in cells, 单位意见 vertical, the seal over
    the date's boxes."""
    a = Leaf("r19a" + p["name"] + str(v.get("rec_id", "")) + str(v.get("rec_title_date", "")))
    a.text(105, 16, "专业技术职务任职资格评审推荐表", 19, "hei", anchor="ma")
    xs, ys = a.grid(18, 32, (58, 58, 58), (20, 20, 20, 20, 24))
    name = spaced(p["name"]) if v.get("spaced", True) else p["name"]
    cells = [("姓名", name), ("性别", p["sex"]), ("出生年月", ymd(p["birth"][:4] + "-" + p["birth"][4:6])),
             ("现专业技术职务", p["title"][0]), ("申报专业", p["specialty"]), ("申报资格", p["level"])]
    for k, (lab, val) in enumerate(cells):
        i, j = divmod(k, 3)
        a.text(xs[j] + 2, ys[i] + 2, lab, 9, ink=(70, 70, 70))
        if k == 0 and v.get("name_split"):  # the name broken over the cell's line break (韩雪 / 梅)
            a.text(xs[j] + 30, ys[i] + 3, p["name"][:-1], 12)
            a.text(xs[j] + 30, ys[i] + 11, p["name"][-1], 12)
            continue
        a.text(xs[j] + 4, ys[i] + 10, val, 12)
    # the unit over the whole row, broken over two lines of its cell
    a.text(xs[0] + 2, ys[2] + 2, "工作单位", 9, ink=(70, 70, 70))
    u = p["unit"]
    cut = v.get("unit_cut", len(u) // 2 + 1)
    a.text(xs[0] + 30, ys[2] + 3, u[:cut], 12)
    a.text(xs[0] + 30, ys[2] + 11, u[cut:], 12)
    a.text(xs[0] + 2, ys[3] + 2, "公民身份号码", 9, ink=(70, 70, 70))
    boxes(a, xs[0] + 30, ys[3] + 8, v.get("rec_id", p["id"]))
    a.text(xs[0] + 2, ys[4] + 2, "现职务取得时间", 9, ink=(70, 70, 70))
    boxed_date(a, xs[0] + 40, ys[4] + 10, v.get("rec_title_date", p["title"][1]))
    xs2, ys2 = a.grid(18, 140, (16, 158), (72, 72))
    a.text(xs2[1] + 3, ys2[0] + 5, "主要专业技术工作经历及业绩：", 11)
    a.text(xs2[1] + 3, ys2[0] + 14, "从事" + p["specialty"] + "工作，完成辖区监测与执法技术支撑任务。", 11)
    a.text(xs2[1] + 80, ys2[0] + 55, "申报人签字：", 11)
    scrawl(a, xs2[1] + 108, ys2[0] + 58, p["name"] + "self19")
    vlabel(a, xs2[0] + 4.5, ys2[0], ys2[1], "本人业绩", 12)
    vlabel(a, xs2[0] + 4.5, ys2[1], ys2[2], "单位意见", 12)
    a.text(xs2[1] + 3, ys2[1] + 6, "经审核，该同志所报材料真实，同意推荐。", 12, hand=True, ink=HAND)
    a.text(xs2[1] + 60, ys2[1] + 40, "单位负责人签字：", 11)
    scrawl(a, xs2[1] + 96, ys2[1] + 43, p["name"] + "boss19")
    a.text(xs2[1] + 60, ys2[1] + 52, "（单位公章）", 11)
    boxed_date(a, xs2[1] + 80, ys2[1] + 60, "2024-10-25")
    if v.get("rec_sealed", True):
        stamp(a, xs2[1] + 110, ys2[1] + 56, v.get("rec_seal_name", p["unit"]), seed=19)
    return [a]


GRADES = ("优秀", "合格", "基本合格", "不合格")


def assessment(p, year, v):
    """考核登记表: the year in four boxes, 考核结果 written vertically, the grade a pen ring round one of four printed
    choices, 单位意见 vertical, the seal over the date's boxes."""
    grade = v.get("grades", {}).get(year, "合格")
    printed = v.get("ass_year_printed", {}).get(year, year)
    sealed = v.get("ass_sealless") != year
    s = Leaf(f"a19-{year}-{printed}-{grade}-{sealed}-{p['name']}")
    if v.get("year_blank"):  # ______年度: the year handwritten on a printed blank
        s.rule(46, 22.5, 79, 22.5, w=2)
        s.text(52, 13.5, str(printed), 17, hand=True, ink=HAND)
    else:
        boxes(s, 48, 14, str(printed), w=7.5, h=10, pt=15, hand=v.get("hand_year", False))
    s.text(80, 15, "年度专业技术人员考核登记表", 17, "hei")
    xs, ys = s.grid(16, 32, (24, 58, 24, 72), (14, 18))
    s.text(xs[0] + 2, ys[0] + 4, "姓  名", 11)
    s.text(xs[1] + 4, ys[0] + 4, spaced(p["name"]), 12)
    s.text(xs[2] + 2, ys[0] + 4, "性  别", 11)
    s.text(xs[3] + 4, ys[0] + 4, p["sex"], 12)
    s.text(xs[0] + 2, ys[1] + 6, "单  位", 11)
    u = p["unit"]
    cut = len(u) // 2 + 1
    s.text(xs[1] + 2, ys[1] + 2, u[:cut], 11)
    s.text(xs[1] + 2, ys[1] + 9.5, u[cut:], 11)
    s.text(xs[2] + 2, ys[1] + 6, "岗  位", 11)
    s.text(xs[3] + 4, ys[1] + 6, "专业技术岗位", 11)
    xs2, ys2 = s.grid(16, 64, (18, 160), (80, 36, 70))
    vlabel(s, xs2[0] + 5, ys2[0], ys2[1], "个人总结", 12)
    for k, t in enumerate(("本年度认真履行岗位职责，积极参与辖区环境质量监测、", "污染源调查和执法技术支撑工作，按时完成各项任务。")):
        s.text(xs2[1] + 3, ys2[0] + 5 + k * 8, t, 11)
    s.text(xs2[1] + 100, ys2[0] + 66, "本人签字：", 11)
    scrawl(s, xs2[1] + 122, ys2[0] + 69, p["name"] + f"ass{year}")
    vlabel(s, xs2[0] + 5, ys2[1], ys2[2], "考核结果", 10)
    x = xs2[1] + 10
    for g in GRADES:
        s.text(x, ys2[1] + 14, g, 13)
        w = len(g) * 5.5
        if g == grade:  # a pen ring round the grade
            r = rng("ring", p["name"], year)
            s.d.ellipse(((x - 3) * MM, (ys2[1] + 11.5 + r.uniform(-1, 1)) * MM, (x + w + 3) * MM, (ys2[1] + 22 + r.uniform(-1, 1)) * MM),
                        outline=HAND, width=4)
        x += w + 20
    vlabel(s, xs2[0] + 5, ys2[2], ys2[3], "单位意见", 12)
    s.text(xs2[1] + 3, ys2[2] + 6, "同意。", 12, hand=True, ink=HAND)
    s.text(xs2[1] + 70, ys2[2] + 38, "负责人签字：", 11)
    scrawl(s, xs2[1] + 95, ys2[2] + 41, p["name"] + f"lead{year}")
    boxed_date(s, xs2[1] + 88, ys2[2] + 55, f"{year + 1}-01-{10 + year % 7:02d}",
               style="above" if v.get("date_above") else "cells")
    if sealed:
        stamp(s, xs2[1] + 118, ys2[2] + 52, p["unit"], seed=year)
    return [s]


def title_cert(p, v):
    """A certificate whose fields are 姓名：____ blanks filled by a typewriter face a little off the line."""
    date = v.get("title_printed", p["title"][1])
    name = v.get("cert_name", p["name"])
    s = Leaf("tc19" + name + date, 210, 148, paper=(248, 244, 232))
    s.d.rectangle((6 * MM, 6 * MM, 204 * MM, 142 * MM), outline=(120, 30, 30), width=6)
    s.text(105, 14, "专业技术资格证书", 22, "kai", anchor="ma", ink=(150, 25, 25))
    mono = ImageFont.truetype(MONO, 34)
    cjk = F(34, "hei")
    y = 40
    yy, mm, dd = date.split("-")
    fields = [("姓    名", name), ("性    别", p["sex"]), ("工作单位", p["unit"]), ("资格名称", p["title"][0]),
              ("评审时间", None), ("证书编号", "LN" + yy + p["id"][-6:])]
    r = rng("typewriter", p["name"], date)
    for lab, val in fields:
        s.text(22, y, lab + "：", 12)
        s.rule(45, y + 6.5, 190, y + 6.5, w=2)
        dx, dy = r.uniform(0, 3), r.uniform(-2.2, -0.6)  # slightly off the line
        if val is None and v.get("cert_date_above"):  # 年 月 日 printed far apart, the numbers handwritten above them
            for k, (num, unit) in enumerate(((yy, "年"), (str(int(mm)), "月"), (str(int(dd)), "日"))):
                xx = 62 + k * 30
                s.text(xx, y, unit, 12)
                s.text(xx - 4 - 4.2 * len(num), y - 4.5 + dy, num, 14, hand=True, ink=HAND)
        elif val is None:  # the date: ____年__月__日, numbers typed into the blanks
            xx = 50
            for num, unit in ((yy, "年"), (str(int(mm)), "月"), (str(int(dd)), "日")):
                s.d.text(((xx + dx) * MM, (y + dy) * MM), num, font=mono, fill=(40, 40, 40))
                xx += len(num) * 5.2 + 4
                s.text(xx, y, unit, 12)
                xx += 8
        else:
            s.d.text(((50 + dx) * MM, (y + dy) * MM), val, font=cjk if any(ord(c) > 255 for c in val) else mono, fill=(40, 40, 40))
        y += 13
    s.text(150, 122, "抚顺市人力资源和社会保障局", 11, anchor="ma")
    s.text(150, 130, f"{int(yy)}年{int(mm)}月{int(dd)}日", 11, anchor="ma")
    stamp(s, 150, 124, "抚顺市人力资源和社会保障局", r_mm=18, seed=9)
    return [s]


def publicity(p, v):
    """A 公示结果 whose people are a table (序号 | 姓名 | 单位 | 申报资格) of 8-15 rows, the applicant among them."""
    start, end = v.get("pub", ("2024年10月14日", "2024年10月18日"))
    n = v.get("pub_rows", 10)
    s = Leaf("pub19" + p["name"] + start + end + str(n))
    s.text(105, 18, "专业技术资格申报人员公示结果", 17, "hei", anchor="ma")
    body = (f"根据职称申报工作要求，我单位于{start}至{end}对下列人员申报专业技术资格情况进行了公示，"
            "公示期间未收到异议。名单如下：")
    y, per = 32, 30
    body = "\u3000\u3000" + body
    while body:
        y = s.text(18, y, body[:per], 12)
        body = body[per:]
    rows = [("序号", "姓名", "单位", "申报资格")]
    people = COLLEAGUES[: n - 1]
    at = v.get("pub_at", 3)
    people = people[:at] + [p["name"]] + people[at:]
    for i, nm in enumerate(people):
        rows.append((str(i + 1), spaced(nm), p["unit"] if nm == p["name"] or i % 3 else "抚顺市生态环境事务服务中心",
                     p["level"] if i % 2 else "高级工程师"))
    xs, ys = s.grid(16, y + 4, (14, 26, 104, 34), (9,) * len(rows))
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            s.text(xs[j] + 2, ys[i] + 2, t, 8 if j == 2 and len(t) > 17 else 10)
    yb = ys[-1] + 10
    s.text(180, yb, p["unit"], 12, anchor="ra")
    s.text(170, yb + 10, v.get("pub_signed", "2024年10月21日"), 12, anchor="ra")
    stamp(s, 150, yb + 2, p["unit"], seed=5)
    return [s]


def dossier(p, v):
    docs = [("推荐表", recommendation(p, v)), ("公示", publicity(p, v))]
    for yr in v.get("years", (2021, 2022, 2023)):
        docs.append((f"{yr}考核", assessment(p, yr, v)))
    docs += [("学历认证", T.education(p, dict(v, pinyin="Li Wei" if p["name"] == "李伟" else "Han Xuemei"))),
             ("继续教育", T.continuing(p, v)), ("身份证", T.id_card(p, v)), ("职称证", title_cert(p, v)),
             ("评定表", T.evaluation(p, v))]
    if p["award"]:
        docs.append(("获奖证书", T.award(p, v)))
    docs.append(("论文", T.journal(p, v)))
    return docs


def write(folder: Path, docs):
    folder.mkdir(parents=True, exist_ok=True)
    for doc, leaves in docs:
        for i, leaf in enumerate(leaves):
            leaf.img.save(folder / f"{doc}{'-' + str(i + 1) if len(leaves) > 1 else ''}.jpg", "JPEG", quality=90)


SET = [
    ("C01", "W", {}, None),
    ("C02", "D", {"date_above": True}, None),
    ("C03", "E", {"pub_rows": 15, "pub_at": 11}, None),
    ("C04", "G", {"hand_year": True}, None),
    ("C05", "W", {"pub_rows": 8, "date_above": True, "unit_cut": 9}, None),
    ("C06", "D", {"spaced": False, "grades": {2022: "优秀"}}, None),
    ("C07", "E", {"date_above": True, "hand_year": True}, None),
    ("C08", "G", {"pub_rows": 12, "grades": {2021: "优秀", 2023: "优秀"}}, None),
    ("C09", "W", {"hand_year": True, "pub_at": 0}, None),
    ("C10", "D", {"pub_rows": 14, "pub_at": 13}, None),
    ("C11", "D", {"name_split": True}, None),
    ("C12", "E", {"name_split": True, "date_above": True}, None),
    ("C13", "D", {"cert_date_above": True}, None),
    ("C14", "W", {"year_blank": True}, None),
    ("P14", "G", {"cert_date_above": True, "title_printed": "2017-12-28"}, "title.date"),
    ("P15", "E", {"year_blank": True, "ass_year_printed": {2021: 2019}}, "assessment.years"),
    # planted
    ("P01", "W", {"title_printed": "2020-12-28"}, "title.date"),
    ("P02", "D", {"cert_name": "韩雪娟"}, "identity.name"),
    ("P03", "E", {"grades": {2022: "基本合格"}}, "assessment.years"),
    ("P04", "G", {"ass_year_printed": {2022: 2020}, "hand_year": True}, "assessment.years"),
    ("P05", "W", {"years": (2021, 2023)}, "assessment.years"),
    ("P06", "D", {"pub": ("2024年10月14日", "2024年10月16日")}, "publicity.duration"),
    ("P07", "E", {"ass_sealless": 2023}, "seal.present"),
    ("P08", "G", {"rec_seal_name": "抚顺市顺城区生态环境分局"}, "seal.unit"),
    ("P09", "W", {"id_on_card": "OTHER"}, "identity.id_number"),
    ("P10", "D", {"grades": {2021: "不合格"}, "date_above": True}, "assessment.years"),
    ("P11", "W", {"cert_name": "李玮"}, "identity.name"),
    ("P12", "E", {"award_printed": "2016-11"}, "evidence.after_title"),
    ("P13", "G", {"pub": ("2024年10月14日", "2024年10月18日"), "pub_signed": "2024年10月16日"}, "publicity.duration"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, v, planted in SET:
        p = dict(PEOPLE[who])
        v = dict(v)
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = T.other_id(p)
        write(root / k, dossier(p, v))
        (root / k / "applicant.yaml").write_text(T.yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "form19", "person": who, "variant": {a: str(b) for a, b in v.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
