"""Probe round 11: dossiers made unlike ``fixtures.generator`` and ``scripts/probe_trust9`` (own layouts, own page
model in ``pages.py``), built around real material where it exists.

    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/make.py        # ROOT/set + ROOT/answer_key.json
    verify batch /tmp/trust11/set -o /tmp/trust11/out --workers 1 --cache /tmp/trust11/ocr.sqlite
    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/score.py /tmp/trust11/out [-v]

What is new against earlier rounds: values filled in by a hand-like face (UKai) in printed forms (UMing); a
学信网 备案表, an A4 photocopy holding both sides of the ID card, a 继续教育登记卡, a 公示情况说明 in prose; a landscape
title certificate photographed by phone held upright (a portrait photo, turned, perspective, uneven light); the whole
dossier as ONE image PDF of mixed kinds (200 dpi), or 300 dpi greyscale JPEG scans; the REAL seal of another body
(S05, 北京中导开源科技有限公司) composited onto a form; applicant.yaml as HR staff type it (full-width digits, spaces in a
name, traditional characters in the unit, dates as 2019.09 / 2019年9月26日 / 20190926, Chinese keys).
An exploration tool, not part of the test suite.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from pages import Sheet, handwriting, phone_photo, real_seal, scanned, unit_seal  # noqa: E402

D = dt.date
ROOT = os.environ.get("PROBE_OUT", "/tmp/trust11")
CNUM = "〇一二三四五六七八九"


def cn_year(y):
    return "".join(CNUM[int(c)] for c in str(y))


def idnum(area, birth, seq):
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]


def ymd(d, style):
    return {"cn": f"{d.year}年{d.month}月{d.day}日", "dot": f"{d.year}.{d.month:02d}.{d.day:02d}",
            "iso": d.isoformat(), "cnz": f"{d.year}年{d.month:02d}月{d.day:02d}日",
            "upper": f"{cn_year(d.year)}年{cn_md(d.month)}月{cn_md(d.day)}日", "month": f"{d.year}年{d.month}月"}[style]


def cn_md(n):
    return ("" if n < 10 else ("十" if n < 20 else CNUM[n // 10] + "十")) + (CNUM[n % 10] if n % 10 else "") if n >= 10 else CNUM[n]


# ------------------------------------------------------------------ documents

def stamp(s, a, rng, x, y, who=None):
    if who == "REAL":
        s.paste(real_seal(), x, y, 40)
    elif who != "NONE":
        s.paste(unit_seal(who or a["seal"], rng), x, y, 40)


def sign(s, rng, name, x, y, h=9):
    m = handwriting(name, rng)
    s.paste(m, x + h * m.width / m.height / 2, y, h * m.width / m.height)


def recommend(a, rng, dpi):
    s = Sheet(dpi)
    s.center(22, "专业技术资格申报推荐表", 7)
    s.text(20, 36, f"申报系列：工程系列（生态环境）    申报资格：{a['level']}", 3.6)
    xs, ys = s.grid(20, 44, [30, 45, 30, 65], [12] * 6 + [70], merge_from=6)
    rows = [("姓  名", a["name"], "性  别", a["gender"]), ("出生年月", f"{a['birth'].year}年{a['birth'].month}月", "身份证号", a["id"]),
            ("工作单位", a["unit"], "", ""), ("现任职称", a["cur"][0] if a["cur"] else "无", "取得时间", ymd(a["cur"][1], "cn") if a["cur"] else ""),
            ("申报专业", a["spec"], "学  历", "大学本科"), ("毕业院校", "辽宁大学", "所学专业", "环境科学")]
    for i, (l1, v1, l2, v2) in enumerate(rows):
        y = ys[i] + 4
        s.text(xs[0] + 2, y, l1, 3.6)
        s.text(xs[1] + 2, y - 1, v1, 4.2 if len(v1) < 12 else 3.4, "kai", (25, 30, 110))
        if l2:
            s.text(xs[2] + 2, y, l2, 3.6)
            s.text(xs[3] + 2, y - 1, v2, 4.2 if len(v2) < 14 else 3.6, "kai", (25, 30, 110))
    y = ys[6]
    s.text(22, y + 4, "单位推荐意见：", 3.8, "hei")
    s.text(30, y + 14, "该同志政治素质好，业务能力强，经审核所报材料真实有效，同意推荐。", 4, "kai", (25, 30, 110))
    s.text(95, y + 44, "单位负责人（签字）：", 3.6)
    if not a.get("unsigned"):
        sign(s, rng, a["head"], 135, y + 45)
    s.text(120, y + 60, "（单位公章）    " + ymd(D(2024, 10, 22), "cn"), 3.6)
    stamp(s, a, rng, 168, y + 54, a.get("rec_seal"))
    return [s]


def publicity(a, rng, dpi):
    s = Sheet(dpi)
    st, en = a["pub"]
    s.center(30, "公示情况说明", 8)
    s.text(22, 52, "市人力资源和社会保障局：", 4.2)
    if a.get("pub_style") == "dots":
        body = (f"    公示期：{st:%Y.%m.%d}-{en:%Y.%m.%d}。经在单位公示栏对{a['name']}同志申报{a['level']}专业技术资格的"
                "材料进行公示，公示期间未收到任何异议。")
    else:
        body = (f"    根据职称评审工作有关要求，我单位于{st.year}年{st.month}月{st.day}日至{en.month}月{en.day}日，"
                f"在单位公示栏对{a['name']}同志申报{a['level']}专业技术资格的材料进行了公示，公示期间未收到任何异议。")
    wrap(s, body, 22, 64, 40, 4.2)
    s.text(22, 100, "    特此说明。", 4.2)
    s.text(120, 130, a["unit"], 4.0)
    s.text(130, 140, ymd(en + dt.timedelta(days=3), "cn"), 4.0)
    stamp(s, a, rng, 145, 132, a.get("pub_seal"))
    return [s]


def wrap(s, text, x, y, per, size, fam="ming"):
    for i in range(0, len(text), per):
        s.text(x, y + (i // per) * size * 1.8, text[i:i + per], size, fam)


def assessment(a, rng, dpi, year, grade="合格"):
    s = Sheet(dpi)
    s.center(20, "事业单位工作人员年度考核登记表", 6.5)
    s.center(31, f"（ {cn_year(year)} 年度 ）", 4.5, "ming")
    name = a.get("wrong_name", {}).get(year, a["name"])
    xs, ys = s.grid(18, 40, [28, 40, 26, 36, 44], [12, 12, 12, 70, 26, 40], merge_from=3, label_col=True)
    lab = [("姓名", name, "性别", a["gender"]), ("单位", a["unit"], None, None), ("职务", "专业技术人员", "出生年月", f"{a['birth'].year}.{a['birth'].month:02d}")]
    for i, (l1, v1, l2, v2) in enumerate(lab):
        s.text(xs[0] + 2, ys[i] + 4, l1, 3.6)
        s.text(xs[1] + 2, ys[i] + 3, v1, 4.2 if len(v1) < 10 else 3.3, "kai", (25, 30, 110))
        if l2:
            s.text(xs[2] + 2, ys[i] + 4, l2, 3.6)
            s.text(xs[3] + 2, ys[i] + 3, v2, 4.0, "kai", (25, 30, 110))
    s.text(xs[0] + 2, ys[3] + 4, "个人总结", 3.6)
    wrap(s, f"{year}年，本人认真履行岗位职责，完成各项监测与管理任务，遵守纪律，团结同事。", xs[1] + 2, ys[3] + 6, 28, 3.6, "kai")
    s.text(xs[0] + 2, ys[4] + 4, "主管领导评语", 3.2)
    s.text(xs[0] + 2, ys[4] + 10, "和考核等次建议", 3.2)
    s.text(xs[1] + 30, ys[4] + 10, "同意" if a.get("checkbox") else "同意评为" + grade, 4, "kai", (25, 30, 110))
    s.text(xs[0] + 2, ys[5] + 4, "单位考核意见", 3.6)
    if a.get("checkbox"):
        x = xs[1] + 2
        s.text(x, ys[5] + 6, "考核等次：", 3.8)
        x += 22
        for g in ("优秀", "合格", "基本合格", "不合格"):
            s.d.rectangle((s.px(x), s.px(ys[5] + 6.3), s.px(x + 3.4), s.px(ys[5] + 9.7)), outline=(20, 20, 20), width=2)
            if g == grade:  # a pen tick in the box
                s.d.line((s.px(x + 0.4), s.px(ys[5] + 8), s.px(x + 1.5), s.px(ys[5] + 9.5), s.px(x + 4.2), s.px(ys[5] + 5.2)),
                         fill=(25, 30, 110), width=s.px(0.5))
            s.text(x + 4.5, ys[5] + 6, g, 3.8)
            x += 8 + 4.2 * len(g)
    else:
        s.text(xs[1] + 2, ys[5] + 6, f"考核等次：{grade}", 4.0, "kai", (25, 30, 110))
    s.text(xs[3] + 2, ys[5] + 30, ymd(D(year + 1, 1, 12 + year % 7), "cn"), 3.6)
    stamp(s, a, rng, xs[4] - 5, ys[5] + 24, a.get("ass_seal"))
    return [s]


def education(a, rng, dpi):
    s = Sheet(dpi)
    s.center(24, "教育部学历证书电子注册备案表", 6.5)
    s.text(140, 34, "在线验证码：A" + str(abs(hash(a["name"])) % 10**14).zfill(14), 3.2)
    xs, ys = s.grid(25, 44, [35, 125], [11] * 9)
    rows = [("姓名", a["name"]), ("性别", a["gender"]), ("出生日期", ymd(a["birth"], "cn")), ("入学日期", "2006年09月01日"),
            ("毕（结）业日期", "2010年07月01日"), ("学校名称", "辽宁大学"), ("专业", "环境科学"), ("层次", "本科"),
            ("证书编号", "101401201005" + str(a["birth"].day).zfill(6))]
    for i, (l, v) in enumerate(rows):
        s.text(xs[0] + 2, ys[i] + 3.5, l, 3.6)
        s.text(xs[1] + 3, ys[i] + 3.5, v, 3.8)
    s.text(25, 160, "以上学历信息经核对与原件一致。", 4, "kai", (25, 30, 110))
    s.text(100, 178, "人事部门审核人（签字）：", 3.6)
    sign(s, rng, a["hr"], 145, 180)
    stamp(s, a, rng, 170, 196)
    return [s]


def cont_edu(a, rng, dpi):
    s = Sheet(dpi)
    s.center(26, "专业技术人员继续教育登记卡", 6.5)
    s.text(25, 42, f"姓名：{a['name']}    工作单位：{a['unit']}", 3.8)
    xs, ys = s.grid(25, 52, [25, 40, 30, 30, 35], [11] * 5)
    for j, h in enumerate(["年度", "公需科目（学时）", "专业科目（学时）", "合计（学时）", "审验"]):
        s.text(xs[j] + 2, ys[0] + 3.5, h, 3.2)
    for i, y in enumerate(a.get("ce_years", (2021, 2022, 2023))):
        s.text(xs[0] + 2, ys[i + 1] + 3.5, str(y), 3.6)
        for j, v in enumerate(("30", "60", "90", "已审验")):
            s.text(xs[j + 1] + 4, ys[i + 1] + 3, v, 3.8, "kai", (25, 30, 110))
    s.text(100, 130, "抚顺市专业技术人员继续教育管理办公室", 3.6)
    return [s]


def id_copy(a, rng, dpi):
    """An A4 photocopy holding both sides of the ID card, front above back (greyscale in the scan)."""
    s = Sheet(dpi)
    x, y, w, h = 60, 30, 86, 54
    s.d.rounded_rectangle((s.px(x), s.px(y), s.px(x + w), s.px(y + h)), radius=s.px(3), outline=(90, 90, 90), width=2,
                          fill=(236, 236, 232))
    s.text(x + 4, y + 6, "姓名", 2.4, "hei", (90, 90, 90)); s.text(x + 14, y + 5.5, a["name"], 3.4, "hei")
    s.text(x + 4, y + 14, "性别", 2.4, "hei", (90, 90, 90)); s.text(x + 14, y + 13.5, a["gender"], 3.0, "hei")
    s.text(x + 28, y + 14, "民族", 2.4, "hei", (90, 90, 90)); s.text(x + 38, y + 13.5, a.get("nation", "汉"), 3.0, "hei")
    b = a["birth"]
    s.text(x + 4, y + 21, "出生", 2.4, "hei", (90, 90, 90)); s.text(x + 14, y + 20.5, f"{b.year}年{b.month}月{b.day}日", 3.0, "hei")
    s.text(x + 4, y + 28, "住址", 2.4, "hei", (90, 90, 90)); s.text(x + 14, y + 27.5, "辽宁省抚顺市顺城区新华大街", 3.0, "hei")
    s.text(x + 14, y + 32.5, "12号楼3单元", 3.0, "hei")
    s.text(x + 4, y + 46, "公民身份号码", 2.4, "hei", (90, 90, 90))
    s.text(x + 24, y + 45.5, a.get("card_id", a["id"]), 3.6, "hei")
    s.d.rectangle((s.px(x + 60), s.px(y + 8), s.px(x + 82), s.px(y + 36)), fill=(170, 170, 170))
    y2 = 110
    s.d.rounded_rectangle((s.px(x), s.px(y2), s.px(x + w), s.px(y2 + h)), radius=s.px(3), outline=(90, 90, 90), width=2,
                          fill=(236, 236, 232))
    s.text(x + 30, y2 + 10, "中华人民共和国", 4.4, "hei")
    s.text(x + 30, y2 + 18, "居民身份证", 5.2, "hei")
    s.text(x + 6, y2 + 36, "签发机关", 2.6, "hei", (90, 90, 90)); s.text(x + 22, y2 + 35.5, "抚顺市公安局顺城分局", 3.0, "hei")
    s.text(x + 6, y2 + 44, "有效期限", 2.6, "hei", (90, 90, 90)); s.text(x + 22, y2 + 43.5, "2016.05.10-2036.05.10", 3.0, "hei")
    s.text(70, 185, "复印件与原件一致", 4.2, "kai", (25, 30, 110))
    return [s]


def title_cert(a, rng, dpi):
    """A landscape 职称证书 inner page (the kind a phone shoots upright, turned)."""
    s = Sheet(dpi, landscape=True, paper=(250, 246, 236))
    s.d.rectangle((s.px(8), s.px(8), s.px(289), s.px(202)), outline=(150, 40, 40), width=s.px(1.2))
    s.text(148.5, 22, "专业技术资格证书", 8, "hei", anchor="ma")
    d = a["cert_date"]
    rows = [("姓    名", a["name"]), ("性    别", a["gender"]), ("工作单位", a["unit"]), ("专    业", "环境工程"),
            ("资格名称", a["cur"][0]), ("评审组织", "抚顺市工程系列中级职称评审委员会"), ("评审通过时间", ymd(d, a.get("cert_style", "cn"))),
            ("证书编号", f"2104{d.year}{a['birth'].day:02d}0{a['birth'].month:02d}7")]
    for i, (l, v) in enumerate(rows):
        s.text(40, 45 + i * 16, l + "：", 4.6)
        s.text(95, 44 + i * 16, v, 5.0, "kai", (25, 25, 25))
    s.text(190, 178, "辽宁省人力资源和社会保障厅", 4.2)
    s.paste(unit_seal("辽宁省人力资源和社会保障厅", rng, wear=0.15), 215, 170, 42)
    return [s]


def evaluation(a, rng, dpi):
    s = Sheet(dpi)
    s.center(60, "专业技术资格评审表", 9)
    s.center(78, "（工程系列）", 5, "ming")
    for i, (l, v) in enumerate([("姓    名", a["name"]), ("工作单位", a["unit"]), ("申报专业", a["spec"]),
                                ("申报资格", a["level"]), ("填表日期", ymd(D(2024, 9, 20), "cnz"))]):
        s.text(45, 130 + i * 16, l, 5)
        s.line(75, 137 + i * 16, 170, 137 + i * 16)
        s.text(78, 129 + i * 16, v, 5 if len(v) < 14 else 4, "kai", (25, 30, 110))
    s.center(250, "辽宁省人力资源和社会保障厅制", 4.5, "ming")
    return [s]


def award(a, rng, dpi):
    s = Sheet(dpi, landscape=True, paper=(252, 248, 238))
    aw = a["award"]
    s.text(148.5, 30, "荣 誉 证 书", 11, "hei", anchor="ma")
    s.text(40, 70, f"{aw.get('to', a['name'])}同志：", 6, "kai")
    s.text(52, 90, f"在{aw['work']}中成绩突出，", 5.5, "kai")
    s.text(40, 106, f"被评为{aw['title']}。", 5.5, "kai")
    s.text(40, 122, "特发此证，以资鼓励。", 5.5, "kai")
    s.text(190, 160, aw["issuer"], 5, "ming")
    s.text(192, 172, ymd(aw["date"], aw.get("style", "upper")), 5, "ming")
    s.paste(unit_seal(aw["issuer"], rng), 215, 160, 44)
    return [s]


# ------------------------------------------------------------------ dossiers

def person(key, name, gender, birth, area, unit, cur, pack, **kw):
    a = dict(key=key, name=name, gender=gender, birth=birth, id=idnum(area, birth, 31 + (1 if gender == "女" else 0)),
             unit=unit, seal=unit, kind="institution", spec="生态环境监测", level="工程师", cur=cur, pack=pack,
             head="刘建国", hr="孙丽", pub=(D(2024, 10, 14), D(2024, 10, 18)), cert_date=cur[1] if cur else None,
             years={2021: "合格", 2022: "合格", 2023: "合格"}, yaml_style="plain", planted=None)
    a.update(kw)
    return a


U1, U2, U3 = "抚顺市生态环境事务服务中心", "抚顺市清原满族自治县生态环境保护服务中心", "辽宁省抚顺生态环境监测中心"
U4 = "抚顺市环境科学研究院"
AW = dict(title="全市生态环境监测先进个人", work="2022年度生态环境监测工作", issuer="抚顺市生态环境局", date=D(2023, 2, 16))

SET = [
    # ---- clean
    person("K01", "王海燕", "女", D(1985, 4, 12), "210411", U1, ("助理工程师", D(2018, 12, 26)), "pdf"),
    person("K02", "张燚", "男", D(1990, 7, 3), "210402", U4, ("助理工程师", D(2019, 9, 26)), "jpg300", yaml_style="cn_date"),
    person("K03", "刘  洋", "男", D(1987, 11, 30), "210422", U2, ("助理工程师", D(2017, 6, 30)), "pdf", yaml_style="spaces_fullwidth",
           shown_name="刘洋"),
    person("K04", "陈晓红", "女", D(1992, 2, 8), "210403", U3, ("助理工程师", D(2020, 11, 28)), "jpg300", yaml_style="dot_month",
           award=dict(AW)),
    person("K05", "赵文博", "男", D(1979, 9, 21), "210404", U1, ("助理工程师", D(2015, 7, 15)), "pdf", yaml_style="chinese_keys",
           cert_style="upper"),
    person("K06", "阿依古丽·买买提", "女", D(1989, 5, 17), "650102", U4, ("助理工程师", D(2019, 3, 18)), "jpg300",
           nation="维吾尔"),
    person("K07", "孙浩然", "男", D(1972, 1, 9), "210411", U3, ("助理工程师", D(2012, 12, 20)), "pdf", yaml_style="trad_unit",
           award=dict(AW, date=D(2021, 12, 30), style="cn")),
    person("K08", "李静怡", "女", D(1995, 8, 25), "210402", U1, ("助理工程师", D(2021, 1, 10)), "jpg300", yaml_style="compact_date"),
    person("K09", "周芸", "女", D(1983, 3, 3), "210421", U2, ("助理工程师", D(2016, 5, 20)), "pdf", cert_style="dot",
           yaml_style="kind_qualified"),
    person("K10", "马骁", "男", D(1991, 10, 14), "210403", U4, ("助理工程师", D(2019, 12, 24)), "jpg300", yaml_style="id_int"),
    # ---- planted (one defect each; the rule expected to fail or review)
    person("P01", "韩雪梅", "女", D(1986, 6, 6), "210411", U1, ("助理工程师", D(2018, 10, 30)), "pdf",
           wrong_name={2022: "韩雪松"}, planted="identity.name"),
    person("P02", "杨国栋", "男", D(1984, 2, 14), "210402", U4, ("助理工程师", D(2017, 11, 28)), "jpg300",
           rec_seal="REAL", planted="seal.unit"),
    person("P03", "吴丹", "女", D(1990, 12, 1), "210404", U3, ("助理工程师", D(2019, 6, 28)), "pdf",
           skip_year=2022, planted="assessment.years"),
    person("P04", "郑凯", "男", D(1988, 8, 8), "210422", U2, ("助理工程师", D(2018, 12, 26)), "jpg300",
           cert_date=D(2019, 12, 26), planted="title.date"),
    person("P05", "冯雅琴", "女", D(1981, 4, 30), "210411", U1, ("助理工程师", D(2014, 9, 15)), "pdf",
           card_id=idnum("210411", D(1981, 4, 30), 52), planted="identity.id_number"),
    person("P06", "蒋立新", "男", D(1977, 7, 7), "210403", U4, ("助理工程师", D(2013, 6, 20)), "jpg300",
           unsigned=True, planted="signature.present"),
    person("P07", "沈佳", "女", D(1993, 9, 19), "210402", U1, ("助理工程师", D(2020, 9, 30)), "pdf",
           pub_seal="NONE", planted="seal.present"),
    person("P08", "曹磊", "男", D(1982, 11, 11), "210421", U2, ("助理工程师", D(2016, 12, 28)), "jpg300",
           pub=(D(2024, 10, 16), D(2024, 10, 18)), planted="publicity.duration"),
    person("P09", "彭志远", "男", D(1980, 5, 25), "210411", U3, ("助理工程师", D(2019, 6, 28)), "pdf",
           award=dict(AW, date=D(2018, 11, 20), style="cn"), planted="evidence.after_title"),
    person("P10", "董小燕", "女", D(1994, 1, 16), "210402", U1, ("助理工程师", D(2021, 3, 30)), "jpg300",
           skip_cont=True, planted="dossier.required"),
    person("P11", "张燚", "男", D(1989, 3, 21), "210403", U4, ("助理工程师", D(2018, 9, 26)), "pdf",
           wrong_name={2021: "张宏伟"}, planted="identity.name"),
    person("P12", "潘婷婷", "女", D(1991, 6, 18), "210404", U3, ("助理工程师", D(2019, 12, 24)), "jpg300",
           years={2021: "合格", 2022: "基本合格", 2023: "合格"}, planted="assessment.years"),
]


def docs_for(a, rng, dpi):
    out = [("推荐表", recommend(a, rng, dpi)), ("评审表", evaluation(a, rng, dpi)), ("公示", publicity(a, rng, dpi))]
    for y, g in a["years"].items():
        if y != a.get("skip_year"):
            out.append((f"考核{y}", assessment(a, rng, dpi, y, g)))
    out.append(("学历", education(a, rng, dpi)))
    if not a.get("skip_cont"):
        out.append(("继续教育", cont_edu(a, rng, dpi)))
    out.append(("身份证", id_copy(a, rng, dpi)))
    out.append(("职称证书", title_cert(a, rng, dpi)))
    if a.get("award"):
        out.append(("获奖", award(a, rng, dpi)))
    return out


FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def claims(a):
    cd = a["cur"][1]
    st = a["yaml_style"]
    y = {"name": a["name"], "id_number": a["id"], "unit": a["unit"], "unit_kind": "事业单位", "specialty": a["spec"],
         "level": a["level"], "current_title": {"name": a["cur"][0], "date": cd.isoformat()}}
    if a.get("award"):
        aw = a["award"]
        y["awards"] = [{"title": aw["title"], "date": f"{aw['date'].year}-{aw['date'].month:02d}"}]
    if st == "cn_date":
        y["current_title"]["date"] = f"{cd.year}年{cd.month}月{cd.day}日"
    elif st == "spaces_fullwidth":
        y["id_number"] = a["id"][:6] + " " + a["id"][6:14] + " " + a["id"][14:]
        y["id_number"] = y["id_number"].translate(FW)
    elif st == "dot_month":
        y["current_title"]["date"] = f"{cd.year}.{cd.month:02d}"
        y["unit_aliases"] = ["抚顺市环境监测中心站"]
    elif st == "chinese_keys":
        return {"姓名": a["name"], "身份证号": a["id"], "单位": a["unit"], "单位性质": "事业单位", "专业": a["spec"],
                "申报资格": a["level"], "现职称": {"名称": a["cur"][0], "取得时间": f"{cd.year}年{cd.month:02d}月{cd.day:02d}日"}}
    elif st == "trad_unit":
        y["unit"] = "遼寧省撫順生態環境監測中心"
    elif st == "compact_date":
        y["current_title"]["date"] = f"{cd:%Y%m%d}"
    elif st == "kind_qualified":
        y["unit_kind"] = "事业单位（公益一类）"
    elif st == "id_int":
        y["id_number"] = int(a["id"]) if a["id"][-1] != "X" else a["id"]
    return y


def write_yaml(a, path):
    import yaml
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(claims(a), f, allow_unicode=True, sort_keys=False)


def pack(a, docs, folder, rng, dpi):
    os.makedirs(folder, exist_ok=True)
    write_yaml(a, os.path.join(folder, "applicant.yaml"))
    if a["pack"] == "pdf":
        pages = []
        for kind, sheets in docs:
            for s in sheets:
                im = s.im
                if kind == "职称证书":  # phone photo of the landscape certificate, held upright: portrait, turned
                    im = phone_photo(im, rng, turn=90).convert("RGB")
                    w = 1654
                    im = im.resize((w, int(im.height * w / im.width)))
                else:
                    im = scanned(im, rng, skew=float(rng.uniform(-0.8, 0.8)))
                pages.append(im)
        pages[0].save(os.path.join(folder, "申报材料.pdf"), save_all=True, append_images=pages[1:], resolution=200)
    else:
        for i, (kind, sheets) in enumerate(docs, 1):
            for j, s in enumerate(sheets):
                needs_colour = kind in ("推荐表", "公示", "学历", "获奖", "检索证明") or kind.startswith("考核")
                if kind == "职称证书":
                    im = phone_photo(s.im, rng, turn=-90)
                    im.save(os.path.join(folder, f"IMG_2024{i:04d}.jpg"), quality=88)
                    continue
                im = scanned(s.im, rng, grey=not needs_colour, skew=float(rng.uniform(-1, 1)))
                im.save(os.path.join(folder, f"{i:02d}{kind}.jpg"), quality=82, dpi=(dpi, dpi))


def main(only=None):
    out = ROOT + "/set"
    if only is None and os.path.isdir(out):
        shutil.rmtree(out)
    key = {}
    for n, a in enumerate(SET):
        if only and a["key"] not in only:
            continue
        rng = np.random.default_rng(1100 + n)
        dpi = 300 if a["pack"] == "jpg300" else 200
        pack(a, docs_for(a, rng, dpi), os.path.join(out, a["key"]), rng, dpi)
        key[a["key"]] = dict(planted=a["planted"], pack=a["pack"], name=a["name"])
        print(a["key"], flush=True)
    if only is None:
        json.dump(key, open(ROOT + "/answer_key.json", "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:] or None)
