"""Probe round 12 (issue 13): dossiers made unlike everything before (fixtures/generator, probe_trust9,
probe_trust11): born-digital PDFs with a real text layer (an HR system's export, fpdf2 with embedded CJK fonts, e-seal
pictures over the text), mixed PDFs (text pages + scanned pages), a multi-page colour TIFF, two annual forms on one A3
scan (2-up), skewed (2-6 degrees) yellowish or grey JPEG scans at quality 25-40 and 100-150 dpi, a moire screen,
blank separator pages, a duplicate scan, a cover letter and a table of contents naming the dossier's documents, an
English-language SCI journal (ISSN only), boundary dates (an award on the title's own day; a publicity of exactly
five working days over the National Day holiday with its make-up workdays, and one of four), names with a middle
dot and four characters, a unit with a bracketed second name, applicant.json and YAML forms no round tried.

    PROBE_OUT=/tmp/trust12 python scripts/probe_trust12/make.py [--set2|--set3]   # ROOT/set + ROOT/answer_key.json (set2: answer_key_set2.json …)
    verify batch /tmp/trust12/set -o /tmp/trust12/out --workers 1 --cache /tmp/trust12/ocr.sqlite
    PROBE_OUT=/tmp/trust12 python scripts/probe_trust12/score.py /tmp/trust12/out [-v]

An exploration tool, not part of the test suite.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from page import Doc, degrade, e_seal, pen_signature, render, two_up  # noqa: E402

D = dt.date
ROOT = os.environ.get("PROBE_OUT", "/tmp/trust12")


def idnum(area, birth, seq):
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]


def cn(d):
    return f"{d.year}年{d.month}月{d.day}日"


# ------------------------------------------------------------------ documents (each adds pages to a Doc)

def seal_on(d, a, rng, x, y, who=None, w=38):
    who = who if who is not None else a.get("seal_text", a["unit"])
    if who:
        d.image(e_seal(who, rng), x, y, w)


def recommend(d, a, rng):
    d.page()
    d.center(18, "专业技术职务任职资格评审推荐表", 6.2)
    d.text(20, 30, f"推荐单位（盖章）：{a['unit']}", 3.4)
    d.right(190, 30, "填报日期：2024年10月21日", 3.4)
    xs, ys = d.table(20, 38, [32, 58, 30, 50], [11] * 7)
    rows = [("姓名", a["name"], "性别", a["gender"]), ("出生日期", cn(a["birth"]), "民族", a.get("nation", "汉族")),
            ("身份证号", a["id"], "", ""), ("现从事专业", a["spec"], "申报资格", a["level"]),
            ("现专业技术资格", a["cur"][0], "取得时间", cn(a["cur"][1])), ("参加工作时间", "2010年7月", "学历", "大学本科"),
            ("工作单位", a["unit"], "", "")]
    for i, (l1, v1, l2, v2) in enumerate(rows):
        d.text(xs[0] + 2, ys[i] + 3.5, l1, 3.3)
        d.text(xs[1] + 2, ys[i] + 3.5, v1, 3.5 if len(v1) < 15 else 3.0)
        if l2:
            d.text(xs[2] + 2, ys[i] + 3.5, l2, 3.3)
            d.text(xs[3] + 2, ys[i] + 3.5, v2, 3.5)
    y = ys[-1]
    d.rect(20, y, 170, 36)
    d.text(22, y + 3, "主要业绩：", 3.4, "hei")
    d.wrap(a.get("work", "长期从事生态环境监测与分析工作，负责地表水、环境空气自动监测站运维及质量控制，参与编制年度环境质量报告书。"),
           24, y + 10, 38, 3.5)
    y += 36
    d.rect(20, y, 170, 60)
    d.text(22, y + 3, "单位推荐意见：", 3.4, "hei")
    d.text(26, y + 12, "经审核，该同志申报材料真实、完整，符合申报条件，同意推荐。", 3.6)
    d.text(26, y + 30, "申报人签字：", 3.4)
    d.image(pen_signature(a["name"][:4], rng), 50, y + 26, 26)
    d.text(100, y + 30, "单位负责人签字：", 3.4)
    if not a.get("head_unsigned"):
        d.image(pen_signature(a["head"], rng), 130, y + 26, 22)
    d.text(130, y + 48, "2024年10月21日", 3.4)
    seal_on(d, a, rng, 138, y + 20, a.get("rec_seal"))


def evaluation(d, a, rng):
    d.page()
    d.center(70, "专业技术资格评定表", 9, "hei")
    d.center(86, "（工程系列·生态环境）", 4.6, "ming")
    for i, (l, v) in enumerate([("姓    名", a["name"]), ("工作单位", a["unit"]), ("现任职务", a["cur"][0]),
                                ("申报专业", a["spec"]), ("申报资格", a["level"])]):
        d.text(42, 130 + i * 15, l, 4.6)
        d.line(72, 136 + i * 15, 175, 136 + i * 15)
        d.text(76, 130.5 + i * 15, v, 4.4 if len(v) < 16 else 3.6)
    d.center(245, "辽宁省人力资源和社会保障厅印制", 4.2, "ming")


def publicity(d, a, rng, seal=True):
    d.page()
    st, en = a["pub"]
    d.center(28, "公示结果", 7, "hei")
    body = (f"根据《关于开展2024年度工程系列生态环境专业技术资格评审工作的通知》要求，我单位对{a['name']}同志申报"
            f"{a['level']}专业技术资格的相关材料进行了公示。公示时间：{cn(st)}至{cn(en)}，公示期间未收到任何"
            "单位和个人的异议。")
    y = d.wrap("    " + body, 22, 46, 36, 4.2)
    d.text(22, y + 4, "    特此证明。", 4.2)
    d.text(110, y + 30, a["unit"], 4.0)
    d.text(125, y + 40, cn(en + dt.timedelta(days=a.get("pub_result_days", 2))), 4.0)
    if seal:
        seal_on(d, a, rng, 128, y + 18, a.get("pub_seal"))


def assessment(d, a, rng, year, grade="合格"):
    d.page()
    gov = a["kind"] == "government"
    span = f"{year - 1}—{year}" if year in a.get("span_years", ()) else str(year)
    d.center(20, f"{span}年度{'公务员' if gov else '专业技术人员'}年度考核登记表", 5.6)
    xs, ys = d.table(22, 34, [26, 44, 22, 36, 38], [12, 12, 12])
    for h in (62, 30, 44):  # the opinion rows run across the form: one label cell, one wide cell
        d.rect(xs[0], ys[-1], xs[-1] - xs[0], h)
        d.line(xs[1], ys[-1], xs[1], ys[-1] + h)
        ys.append(ys[-1] + h)
    name = a.get("wrong_name", {}).get(year, a["name"])
    d.text(xs[0] + 2, ys[0] + 4, "姓名", 3.5); d.text(xs[1] + 2, ys[0] + 4, name, 3.6 if len(name) < 9 else 3.0)
    d.text(xs[2] + 2, ys[0] + 4, "性别", 3.5); d.text(xs[3] + 2, ys[0] + 4, a["gender"], 3.6)
    d.text(xs[0] + 2, ys[1] + 4, "单位", 3.5); d.text(xs[1] + 2, ys[1] + 4, a["unit"], 3.2 if len(a["unit"]) < 18 else 2.6)
    d.text(xs[0] + 2, ys[2] + 4, "职务", 3.5); d.text(xs[1] + 2, ys[2] + 4, "科员" if gov else "专业技术人员", 3.6)
    d.text(xs[2] + 2, ys[2] + 4, "出生年月", 3.3); d.text(xs[3] + 2, ys[2] + 4, f"{a['birth'].year}.{a['birth'].month:02d}", 3.6)
    d.text(xs[0] + 2, ys[3] + 4, "个人总结", 3.5)
    d.wrap(f"本年度认真履行岗位职责，按时完成各项生态环境监测、执法与管理任务，遵守工作纪律。", xs[1] + 2, ys[3] + 5, 30, 3.4)
    d.text(xs[0] + 2, ys[4] + 4, "主管领导", 3.5); d.text(xs[0] + 2, ys[4] + 10, "评语", 3.5)
    d.text(xs[1] + 2, ys[4] + 8, "该同志工作认真负责，完成年度目标。", 3.4)
    d.text(xs[0] + 2, ys[5] + 4, "单位考核", 3.5); d.text(xs[0] + 2, ys[5] + 10, "意见", 3.5)
    g = ("称职" if grade == "合格" else grade) if gov else grade
    d.text(xs[1] + 2, ys[5] + 6, f"考核等次：{g}", 3.8)
    d.text(xs[3] + 2, ys[5] + 34, cn(D(year + 1, 1, 10 + year % 9)), 3.4)
    seal_on(d, a, rng, xs[4] - 12, ys[5] + 4, a.get("ass_seal"))


def education(d, a, rng):
    d.page()
    d.text(20, 14, "学信网 www.chsi.com.cn", 3.2, "hei", (40, 90, 170))
    d.center(26, "教育部学历证书电子注册备案表", 6.2)
    d.right(190, 36, "更新日期：2024年10月12日", 3.0)
    d.text(20, 36, "在线验证码：A" + str(abs(sum(map(ord, a["name"]))) * 7919 % 10**12).zfill(14), 3.0)
    xs, ys = d.table(20, 44, [38, 132], [10] * 9)
    rows = [("姓名", a["name"]), ("性别", a["gender"]), ("出生日期", cn(a["birth"])), ("入学日期", "2006年09月01日"),
            ("毕（结）业日期", "2010年06月30日"), ("学校名称", "沈阳化工大学"), ("专业", "环境工程"), ("层次", "本科"),
            ("证书编号", "101491201005" + f"{a['birth'].day:02d}{a['birth'].month:02d}01")]
    for i, (l, v) in enumerate(rows):
        d.text(xs[0] + 2, ys[i] + 3, l, 3.4)
        d.text(xs[1] + 3, ys[i] + 3, v, 3.6)
    d.text(20, 150, "经核对，以上信息与学历证书原件一致。", 3.8)
    d.text(100, 170, "审核人签字：", 3.6)
    d.image(pen_signature(a["hr"], rng), 124, 165, 22)
    seal_on(d, a, rng, 140, 172)


def cont_edu(d, a, rng):
    d.page()
    d.center(24, "辽宁省专业技术人员继续教育学时证明", 5.6)
    d.text(22, 40, f"姓名：{a['name']}", 3.8)
    d.text(90, 40, f"工作单位：{a['unit']}", 3.4 if len(a["unit"]) < 18 else 2.8)
    xs, ys = d.table(22, 50, [28, 50, 50, 38], [10, 10, 10, 10])
    for j, h in enumerate(["年度", "公需科目学时", "专业科目学时", "合计学时"]):
        d.text(xs[j] + 2, ys[0] + 3, h, 3.4)
    for i, y in enumerate((2021, 2022, 2023)):
        d.text(xs[0] + 2, ys[i + 1] + 3, str(y), 3.6)
        for j, v in enumerate(("30", "60", "90")):
            d.text(xs[j + 1] + 4, ys[i + 1] + 3, v, 3.6)
    d.text(22, 100, "以上学时已通过辽宁省专业技术人员继续教育管理平台审验。", 3.6)
    d.text(110, 118, "打印时间：2024年10月9日", 3.4)


def id_card(d, a, rng):
    d.page()
    x, y = 60, 30
    d.rect(x, y, 86, 54, 0.4)
    for lab, val, yy in (("姓名", a["name"], 6), ("性别", a["gender"] + "    民族  " + a.get("nation", "汉")[:3], 14),
                         ("出生", cn(a["birth"]), 22), ("住址", "辽宁省抚顺市新抚区西一路", 30)):
        d.text(x + 4, y + yy, lab, 2.6, "hei", (100, 100, 100))
        d.text(x + 14, y + yy - 0.3, val, 3.2 if len(val) < 13 else 2.6, "hei")
    d.text(x + 4, y + 45, "公民身份号码", 2.6, "hei", (100, 100, 100))
    d.text(x + 25, y + 44.6, a.get("card_id", a["id"]), 3.6, "hei")
    y2 = 110
    d.rect(x, y2, 86, 54, 0.4)
    d.text(x + 30, y2 + 9, "中华人民共和国", 4.2, "hei")
    d.text(x + 30, y2 + 17, "居民身份证", 5.0, "hei")
    d.text(x + 6, y2 + 36, "签发机关  抚顺市公安局新抚分局", 2.8, "hei")
    d.text(x + 6, y2 + 44, "有效期限  2015.03.02-2035.03.02", 2.8, "hei")


def title_cert(d, a, rng):
    d.page(landscape=True)
    d.rect(10, 10, 277, 190, 1.0)
    d.center(24, "专业技术资格证书", 8, "hei")
    dd = a.get("cert_date", a["cur"][1])
    rows = [("姓名", a["name"]), ("性别", a["gender"]), ("身份证号", a["id"]), ("工作单位", a["unit"]),
            ("专业", "环境工程"), ("资格名称", a["cur"][0]),
            ("评审通过时间", f"{dd.year}年{dd.month}月" if a.get("cert_month") else cn(dd)),
            ("证书编号", f"LN{dd.year}0{a['birth'].month:02d}{a['birth'].day:02d}38")]
    for i, (l, v) in enumerate(rows):
        d.text(45, 44 + i * 15, l + "：", 4.6)
        d.text(95, 44 + i * 15, v, 4.8 if len(v) < 16 else 4.0)
    d.text(180, 168, "辽宁省人力资源和社会保障厅", 4.2)
    d.image(e_seal("辽宁省人力资源和社会保障厅", rng), 196, 150, 44)


def award(d, a, rng):
    aw = a["award"]
    d.page(landscape=True)
    d.center(30, "获  奖  证  书", 10, "hei")
    d.text(40, 62, f"{a['name']}同志：", 6, "kai")
    d.text(52, 82, f"你参与完成的《{aw['work']}》", 5.2, "kai")
    d.text(40, 98, f"荣获{aw['title']}。", 5.2, "kai")
    d.text(40, 114, "特发此证，以资鼓励。", 5.2, "kai")
    d.text(180, 156, aw["issuer"], 4.8)
    d.text(186, 168, cn(aw["date"]), 4.8)
    d.image(e_seal(aw["issuer"], rng), 195, 140, 42)


def patent(d, a, rng):
    pt = a["patent"]
    d.page()
    d.right(190, 20, f"证书号第{pt['no']}号", 3.6)
    d.center(40, "实用新型专利证书", 8, "hei")
    rows = [("实用新型名称", pt["title"]), ("发明人", f"{a['name']}；王建国"), ("专利号", pt["zl"]),
            ("专利申请日", cn(pt["filed"])), ("专利权人", a["unit"]), ("授权公告日", cn(pt["granted"]))]
    for i, (l, v) in enumerate(rows):
        d.text(30, 62 + i * 12, f"{l}：{v}", 3.8 if len(v) < 24 else 3.2)
    d.wrap("国家知识产权局依照中华人民共和国专利法进行初步审查，决定授予专利权，颁发实用新型专利证书并在专利登记簿上予以登记。"
           "专利权自授权公告之日起生效。", 30, 140, 36, 3.6)
    d.text(120, 200, "局长  申长雨", 3.8)
    d.image(e_seal("国家知识产权局", rng), 130, 178, 40)


def journal_cover(d, a, rng):
    p = a["paper"]
    d.page()
    if p["lang"] == "en":
        d.center(40, p["journal"].upper(), 12, "serif")
        d.center(62, f"Volume {p['vol']}, {p['date_en']}", 5, "serif")
        d.center(74, f"ISSN {p['issn']}", 4.6, "serif")
        d.center(250, "Elsevier", 5, "serif")
    else:
        d.center(40, p["journal"], 12, "hei")
        d.center(64, f"{p['date'].year}年第{p['issue']}期", 5.2)
        d.center(78, f"ISSN {p['issn']}    CN {p['cn']}", 4.6)
        d.center(250, p["publisher"] + " 主办", 4.6)


def paper_page(d, a, rng):
    p = a["paper"]
    d.page()
    if p["lang"] == "en":
        d.text(20, 12, f"{p['journal']} {p['vol']} ({p['date'].year}) {p['article']}", 3.0, "serif")
        d.center(30, p["title"][:60], 5.0, "serif")
        if len(p["title"]) > 60:
            d.center(38, p["title"][60:], 5.0, "serif")
        d.center(50, p["authors"], 3.6, "serif")
        d.center(58, "Fushun Ecological Environment Monitoring Center, Fushun 113006, China", 3.0, "serif")
        d.wrap("Abstract: Ozone and fine particulate matter were monitored at six urban stations in Fushun during "
               "2021 to assess the air quality and source contributions of volatile organic compounds.", 20, 72, 88, 3.2,
               "serif")
    else:
        d.text(20, 12, f"第{p['vol']}卷第{p['issue']}期          {p['journal']}          {p['date'].year}年{p['date'].month}月", 3.0)
        d.text(20, 17, f"文章编号：{p['issn']}({p['date'].year}){p['issue']:02d}-0045-05", 2.8)
        d.center(32, p["title"], 5.6, "hei")
        d.center(44, a["name"], 4.0, "kai")
        d.center(51, f"（{a['unit']}，辽宁 抚顺 113006）", 3.2)
        d.wrap("摘要：基于2021年抚顺市地表水自动监测站的监测数据，分析了浑河抚顺段主要污染物的时空变化特征及其来源，"
               "提出了流域水环境质量改善建议。", 20, 62, 42, 3.4)


def retrieval(d, a, rng):
    p = a["paper"]
    d.page()
    d.center(24, "论文收录检索证明", 6.0)
    d.text(22, 40, f"委托人：{a['name']}    检索数据库：{'Web of Science 核心合集' if p['lang'] == 'en' else '中国知网（CNKI）'}", 3.6)
    xs, ys = d.table(22, 50, [12, 88, 36, 30], [10, 16])
    for j, h in enumerate(["序号", "论文题目", "刊名", "发表时间"]):
        d.text(xs[j] + 2, ys[0] + 3, h, 3.4)
    t = p.get("listed", p["title"])
    d.text(xs[0] + 3, ys[1] + 3, "1", 3.4)
    d.wrap(t, xs[1] + 2, ys[1] + 2, 24 if p["lang"] != "en" else 44, 3.2 if p["lang"] != "en" else 2.4,
           "ming" if p["lang"] != "en" else "serif", lead=1.5)
    d.text(xs[2] + 2, ys[1] + 3, p["journal"][:10], 3.0 if p["lang"] != "en" else 2.6)
    d.text(xs[3] + 2, ys[1] + 3, f"{p['date'].year}年{p['date'].month}月", 3.2)
    d.text(22, 90, "经检索，上述论文已被该数据库收录。特此证明。", 3.8)
    d.text(22, 110, "检索人：", 3.6)
    d.image(pen_signature("周敏", rng), 40, 106, 18)
    d.text(100, 110, "人事部门审核签字：", 3.6)
    d.image(pen_signature(a["hr"], rng), 136, 106, 20)
    d.text(120, 134, "2024年10月15日", 3.6)
    seal_on(d, a, rng, 128, 112)


def cover_letter(d, a, rng):
    d.page()
    d.center(30, f"关于报送{a['name']}同志专业技术资格评审材料的函", 5.2)
    d.text(22, 48, "抚顺市生态环境局：", 4.0)
    d.wrap(f"    现将我单位{a['name']}同志申报{a['level']}专业技术资格的评审材料报送你局，包括专业技术职务任职资格评审推荐表、"
           "年度考核登记表、学历证书电子注册备案表、继续教育学时证明、身份证复印件、论文及检索证明等，请审核。",
           22, 60, 38, 4.0)
    d.text(120, 130, a["unit"], 3.8)
    d.text(130, 140, "2024年10月28日", 3.8)


def toc(d, a, rng, items):
    d.page()
    d.center(30, "申报材料目录", 6.5)
    for i, (t, pg) in enumerate(items):
        d.text(30, 50 + i * 10, f"{i + 1}. {t}", 4.2)
        d.right(180, 50 + i * 10, str(pg), 4.2)
        d.text(30 + d.width(f"{i + 1}. {t}", 4.2) + 3, 50 + i * 10, "." * 40, 3.0)


def blank(d, a, rng):
    d.page()
    d.text(200, 290, " ", 1)


TOC_ITEMS = [("专业技术职务任职资格评审推荐表", 1), ("专业技术资格评定表", 2), ("公示结果", 3), ("年度考核登记表（2021—2023年度）", 4),
             ("学历证书电子注册备案表", 7), ("继续教育学时证明", 8), ("身份证复印件", 9), ("专业技术资格证书", 10),
             ("论文及论文收录检索证明", 11)]


# ------------------------------------------------------------------ dossiers

def person(key, name, gender, birth, area, unit, cur, pack, **kw):
    a = dict(key=key, name=name, gender=gender, birth=birth, id=idnum(area, birth, 57 + (1 if gender == "女" else 0)),
             unit=unit, kind="institution", spec="生态环境监测", level="工程师", cur=cur, pack=pack,
             head="王建国", hr="李红", pub=(D(2024, 10, 14), D(2024, 10, 18)), years={2021: "合格", 2022: "合格", 2023: "合格"},
             yaml="plain", planted=None)
    a.update(kw)
    return a


U1 = "抚顺市生态环境事务服务中心"
U2 = "抚顺市生态环境局（抚顺市林业局）"
U3 = "新宾满族自治县生态环境保护服务中心"
U4 = "辽宁省抚顺生态环境监测中心"
U5 = "抚顺市环境科学研究院"
CNP = dict(lang="cn", journal="环境保护与循环经济", issn="1674-1021", cn="21-1556/X", publisher="辽宁省环境科学研究院",
           vol=42, issue=5, date=D(2022, 5, 1), title="浑河抚顺段地表水水质时空变化特征及污染来源分析")
ENP = dict(lang="en", journal="Water Research", issn="0043-1354", vol=215, date=D(2022, 5, 15), date_en="15 May 2022",
           article="118245", authors="Wei Zhang, Lina Chen",
           title="Source apportionment of volatile organic compounds and ozone formation in an industrial city of northeast China")
AW = dict(title="抚顺市科学技术进步奖三等奖", work="浑河流域水环境质量监测与评价技术研究", issuer="抚顺市人民政府", date=D(2023, 3, 20))

SET = [
    # ---- clean
    person("C01", "阿依古丽·买买提", "女", D(1988, 5, 17), "650102", U1, ("助理工程师", D(2019, 3, 18)), "digital",
           nation="维吾尔族", yaml="json"),
    person("C02", "欧阳晓明", "男", D(1986, 9, 2), "210402", U5, ("助理工程师", D(2018, 12, 26)), "mixed", paper=dict(CNP),
           yaml="cn_keys_papers"),
    person("C03", "司马文静", "女", D(1991, 3, 30), "210411", U4, ("助理工程师", D(2020, 11, 28)), "scan2up",
           yaml="iso_midnight"),
    person("C04", "赵国强", "男", D(1979, 12, 9), "210403", U2, ("助理工程师", D(2015, 7, 15)), "digital", kind="government",
           yaml="gov_cn", spec="生态环境管理"),
    person("C05", "刘秀兰", "女", D(1983, 7, 21), "210422", U3, ("助理工程师", D(2016, 5, 20)), "tiff", award=dict(AW),
           yaml="award_str"),
    person("C06", "陈志刚", "男", D(1990, 1, 14), "210404", U1, ("助理工程师", D(2020, 9, 26)), "mixed",
           pub=(D(2024, 9, 26), D(2024, 10, 8)), yaml="plain"),
    person("C07", "王丽娜", "女", D(1987, 4, 4), "210402", U4, ("助理工程师", D(2019, 6, 28)), "digital", paper=dict(ENP),
           yaml="plain"),
    person("C08", "孙立军", "男", D(1976, 10, 10), "210411", U5, ("助理工程师", D(2013, 6, 20)), "fax", yaml="plain"),
    person("C09", "买买提·吐尔逊", "男", D(1985, 8, 8), "650104", U3, ("助理工程师", D(2018, 10, 30)), "scan2up",
           nation="维吾尔族", yaml="plain", award=dict(AW, date=D(2018, 10, 31))),
    person("C10", "周海燕", "女", D(1992, 11, 3), "210403", U2, ("助理工程师", D(2021, 1, 10)), "mixed", kind="government",
           yaml="alias", spec="生态环境管理"),
    # ---- planted: one defect each, most in a form a careless generator would not make
    person("P01", "李文博", "男", D(1984, 2, 14), "210402", U1, ("助理工程师", D(2018, 12, 26)), "digital",
           award=dict(AW, date=D(2018, 12, 26)), planted="evidence.after_title"),        # award on the title's own day
    person("P02", "张晓燕", "女", D(1989, 6, 6), "210411", U4, ("助理工程师", D(2019, 6, 28)), "mixed",
           pub=(D(2024, 9, 27), D(2024, 10, 8)), planted="publicity.duration"),          # 4 working days over 国庆
    person("P03", "马红梅", "女", D(1990, 12, 1), "210404", U5, ("助理工程师", D(2020, 6, 28)), "scan2up",
           dup_year=2023, planted="assessment.years"),                                    # 2023's page is 2022's scanned twice
    person("P04", "古丽娜·艾力", "女", D(1987, 3, 12), "650102", U1, ("助理工程师", D(2018, 9, 26)), "digital",
           wrong_name={2022: "热依拉·艾力"}, planted="identity.name"),                     # another dotted name on a text layer
    person("P05", "杨建华", "男", D(1981, 4, 30), "210411", U3, ("助理工程师", D(2014, 9, 15)), "tiff",
           card_id=None, planted="identity.id_number"),                                   # card: digits 13/14 swapped
    person("P06", "蒋立新", "男", D(1977, 7, 7), "210403", U4, ("助理工程师", D(2013, 6, 20)), "digital",
           head_unsigned=True, planted="signature.present"),                              # only the applicant signed
    person("P07", "沈佳琪", "女", D(1993, 9, 19), "210402", U1, ("助理工程师", D(2020, 9, 30)), "mixed",
           pub_seal_next=True, planted="seal.present"),                                   # seal on the blank page after
    person("P08", "曹磊", "男", D(1982, 11, 11), "210421", U2, ("助理工程师", D(2016, 12, 28)), "digital", kind="government",
           rec_seal="抚顺县生态环境局", planted="seal.unit", spec="生态环境管理"),        # a neighbouring body's e-seal
    person("P09", "彭志远", "男", D(1980, 5, 25), "210411", U4, ("助理工程师", D(2022, 6, 28)), "digital",
           paper=dict(ENP), planted="evidence.after_title"),                              # SCI paper before the title
    person("P10", "董小燕", "女", D(1994, 1, 16), "210402", U5, ("助理工程师", D(2021, 3, 30)), "mixed",
           skip_edu=True, planted="dossier.required"),                                    # letter + TOC name the 备案表
    person("P11", "韩冬梅", "女", D(1986, 6, 16), "210411", U1, ("助理工程师", D(2018, 10, 30)), "digital",
           cert_date=D(2019, 10, 30), planted="title.date"),                              # e-certificate a year later
    person("P12", "吴国栋", "男", D(1985, 2, 2), "210404", U5, ("助理工程师", D(2019, 12, 24)), "mixed", paper=dict(CNP),
           skip_retrieval=True, planted="paper.retrieval"),                               # TOC lists the proof
    person("P13", "徐文", "男", D(1988, 8, 18), "210402", U4, ("助理工程师", D(2019, 12, 24)), "digital",
           paper=dict(ENP, issn_printed="0043-1345"), planted="journal.issn"),           # ISSN transposed on an SCI cover
    person("P14", "林慧", "女", D(1991, 5, 5), "210403", U1, ("助理工程师", D(2020, 6, 30)), "scan2up",
           years={2021: "合格", 2022: "合格"}, planted="assessment.years"),              # 2-up holds 2021+2022, no 2023
]


def build_docs(a, rng):
    """[(label, Doc)]: one Doc per document, each a born-digital PDF."""
    def one(fn, *args, **kw):
        d = Doc()
        fn(d, a, rng, *args, **kw)
        return d
    out = [("推荐表", one(recommend)), ("评定表", one(evaluation))]
    if a.get("pub_seal_next"):
        d = Doc()
        publicity(d, a, rng, seal=False)
        blank(d, a, rng)
        seal_on(d, a, rng, 130, 120)
        out.append(("公示", d))
    else:
        out.append(("公示", one(publicity)))
    for y, g in a["years"].items():
        if y != a.get("dup_year"):  # that year's place is taken by another year's form scanned again
            out.append((f"考核{y}", one(assessment, y, g)))
    if a.get("dup_year"):
        out.append((f"考核{a['dup_year']}", one(assessment, a["dup_year"] - 1, "合格")))
    if a.get("dup_of"):  # the same form scanned twice in place of the missing year's
        out.append((f"考核{a['dup_of']}x", one(assessment, a["dup_of"], "合格")))
    if not a.get("skip_edu"):
        out.append(("学历", one(education)))
    out.append(("继续教育", one(cont_edu)))
    out.append(("身份证", one(id_card)))
    out.append(("职称证书", one(title_cert)))
    if a.get("award"):
        out.append(("获奖", one(award)))
    if a.get("patent"):
        out.append(("专利", one(patent)))
    if a.get("paper"):
        out.append(("封面", one(journal_cover)))
        out.append(("论文", one(paper_page)))
        if not a.get("skip_retrieval"):
            out.append(("检索", one(retrieval)))
    return out


SCANNED_IN_DIGITAL = {"身份证", "职称证书", "获奖", "专利"}  # what even an HR export holds as scans


def pack(a, docs, folder, rng):
    os.makedirs(folder, exist_ok=True)
    write_meta(a, folder)
    mode = a["pack"]
    if mode in ("digital", "mixed"):
        import pypdfium2 as pdfium
        out = pdfium.PdfDocument.new()
        extra = []
        if mode == "mixed":  # a cover letter and a table of contents first, a blank separator after the forms
            extra = [("函", cover_letter), ("目录", lambda d, a, r: toc(d, a, r, TOC_ITEMS))]
        seq = [(lab, fn) for lab, fn in extra] + docs
        for lab, d in seq:
            if callable(d):
                dd = Doc()
                d(dd, a, rng)
                d = dd
            data = d.bytes()
            scan = lab in SCANNED_IN_DIGITAL or (mode == "mixed" and lab.startswith("考核"))
            if lab == "职称证书" and mode == "digital":
                scan = False  # an e-certificate downloaded as PDF
            if scan:
                ims = [degrade(im, rng, skew=float(rng.uniform(-2.5, 2.5)), paper=(248, 244, 228)) for im in render(data, 200)]
                tmp = pdfium.PdfDocument.new()
                for im in ims:
                    w, h = im.width * 72 / 200, im.height * 72 / 200
                    pg = tmp.new_page(w, h)
                    obj = pdfium.PdfImage.new(tmp)
                    buf = io.BytesIO()
                    im.save(buf, "JPEG", quality=70)
                    buf.seek(0)
                    obj.load_jpeg(buf, inline=True)
                    obj.set_matrix(pdfium.PdfMatrix().scale(w, h))
                    pg.insert_obj(obj)
                    pg.gen_content()
                out.import_pages(tmp)
            else:
                out.import_pages(pdfium.PdfDocument(data))
            if mode == "mixed" and lab == "考核2023":
                b = Doc(); blank(b, a, rng); out.import_pages(pdfium.PdfDocument(b.bytes()))
        out.save(os.path.join(folder, f"{a['name']}职称申报材料.pdf"))
        return
    imgs = []  # (label, PIL image)
    for lab, d in docs:
        for im in render(d.bytes(), 150 if mode == "fax" else 200):
            imgs.append((lab, im))
    if mode == "scan2up":  # annual forms two to an A3 sheet; every page skewed 2-6 degrees, yellowish, JPEG q 25-40
        pair = ("考核", "推荐表", "公示") if a.get("two_up_all") else ("考核",)
        ass = [im for lab, im in imgs if lab.startswith(pair)]
        rest = [(lab, im) for lab, im in imgs if not lab.startswith(pair)]
        sheets = []
        for i in range(0, len(ass), 2):
            sheets.append(("考核A3", two_up(ass[i], ass[i + 1]) if i + 1 < len(ass) else ass[i]))
        for n, (lab, im) in enumerate(sheets + rest, 1):
            sk = float(rng.choice([-1, 1]) * rng.uniform(2, 6))
            im = degrade(im, rng, skew=sk, paper=(246, 238, 205), moire=(n == 2))
            im.save(os.path.join(folder, f"scan_{n:03d}.jpg"), quality=int(rng.integers(25, 41)), dpi=(200, 200))
        return
    if mode == "tiff":  # one multi-page colour TIFF from the copier, 150 dpi, grey-ish paper
        pages = [degrade(im.resize((im.width * 3 // 4, im.height * 3 // 4)), rng, skew=float(rng.uniform(-1.5, 1.5)),
                         paper=(232, 232, 228)) for lab, im in imgs]
        pages[0].save(os.path.join(folder, "scan.tif"), save_all=True, append_images=pages[1:], compression="jpeg", quality=60,
                      dpi=(150, 150))
        return
    if mode == "fax":  # 150 dpi, grey, JPEG q 30, one file per page; the seal pages kept in colour (a colour fax)
        for n, (lab, im) in enumerate(imgs, 1):
            im = degrade(im, rng, skew=float(rng.uniform(-3, 3)), paper=(240, 240, 240), blur=0.8, noise=10)
            im.save(os.path.join(folder, f"fax{n:02d}.jpg"), quality=30, dpi=(150, 150))


def write_meta(a, folder):
    import yaml
    cd = a["cur"][1]
    kind = {"institution": "事业单位", "government": "机关"}[a["kind"]]
    y = {"name": a["name"], "id_number": a["id"], "unit": a["unit"], "unit_kind": a["kind"], "specialty": a["spec"],
         "level": a["level"], "current_title": {"name": a["cur"][0], "date": cd.isoformat()}}
    if a.get("award"):
        y["awards"] = [{"title": a["award"]["title"], "date": f"{a['award']['date']:%Y-%m}"}]
    if a.get("patent"):
        pt = a["patent"]
        y["awards"] = [{"title": f"{pt['title']}（实用新型专利）", "date": pt["granted"].isoformat()}]
    if a.get("paper"):
        p = a["paper"]
        y["papers"] = [{"title": p["title"], "journal": p["journal"], "issn": p["issn"], "date": f"{p['date']:%Y-%m}"}]
        if p.get("cn"):
            y["papers"][0]["cn"] = p["cn"]
    st = a["yaml"]
    if st == "json":
        json.dump(y, open(os.path.join(folder, "applicant.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=2)
        return
    if st == "cn_keys_papers":  # Chinese keys, one paper written without the list, ISSN typed with its label
        p = a["paper"]
        y = {"姓名": a["name"], "身份证号": a["id"], "单位": a["unit"], "单位性质": "全额拨款事业单位", "专业": a["spec"],
             "申报资格": a["level"], "现职称": {"名称": a["cur"][0], "取得时间": f"{cd.year}年{cd.month}月{cd.day}日"},
             "论文": {"题目": p["title"], "期刊": p["journal"], "ISSN": "ISSN " + p["issn"], "CN": p["cn"].replace("/", ""),
                    "发表时间": f"{p['date'].year}年{p['date'].month}月"}}
    elif st == "iso_midnight":
        y["current_title"]["date"] = f"{cd.isoformat()}T00:00:00"
        y["unit_kind"] = kind
    elif st == "gov_cn":
        y["unit_kind"] = "机关"
        y["unit_aliases"] = ["抚顺市生态环境局"]
    elif st == "award_str":
        y["awards"] = [f"{a['award']['title']}"]
        y["awards"] = [{"title": a["award"]["title"], "date": f"{a['award']['date'].year}年{a['award']['date'].month}月"}]
    elif st == "alias":
        y["unit_aliases"] = ["抚顺市林业局"]
    elif st == "halfwidth_unit":
        y["unit"] = a["unit"].replace("（", "(").replace("）", ")")
    with open(os.path.join(folder, "applicant.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(y, f, allow_unicode=True, sort_keys=False)


SET2 = [
    # round 12, second set: a unit with two names (一个机构两块牌子) sealing with either; a form over two years
    person("S01", "郭振华", "男", D(1983, 3, 3), "210403", U2, ("助理工程师", D(2017, 6, 30)), "digital", kind="government",
           seal_text="抚顺市林业局", spec="生态环境管理"),
    person("S02", "田雨欣", "女", D(1990, 7, 7), "210402", U2, ("助理工程师", D(2019, 12, 24)), "mixed", kind="government",
           seal_text="抚顺市生态环境局", spec="生态环境管理", yaml="halfwidth_unit"),
    person("S03", "高建军", "男", D(1982, 8, 28), "210411", U1, ("助理工程师", D(2016, 12, 28)), "digital",
           years={2021: "合格", 2022: "合格", 2023: "合格"}, span_years=(2021,), planted="assessment.years"),
    person("S04", "秦月", "女", D(1992, 2, 29), "210404", U5, ("助理工程师", D(2020, 12, 26)), "scan2up", two_up_all=True),
]

PAT = dict(no=8123456, title="一种地表水自动采样与现场预处理装置", zl="ZL202120456789.3", filed=D(2021, 3, 2), granted=D(2021, 11, 16))
SET3 = [
    # round 12, third set: boundary dates over the Mid-Autumn holiday (9/14 a make-up Saturday), a patent granted on
    # the title's own day, a month-only e-certificate a month off, a result dated before its publicity ended, a
    # duplicated form in place of a missing year in one TIFF
    person("T01", "孔令辉", "男", D(1984, 4, 4), "210402", U1, ("助理工程师", D(2018, 12, 26)), "digital",
           pub=(D(2024, 9, 12), D(2024, 9, 19))),                                          # 5 working days: clean
    person("T02", "严冬梅", "女", D(1988, 1, 8), "210411", U4, ("助理工程师", D(2019, 6, 28)), "digital",
           pub=(D(2024, 9, 13), D(2024, 9, 19)), planted="publicity.duration"),            # 4 working days
    person("T03", "白雪峰", "男", D(1985, 10, 20), "210403", U5, ("助理工程师", D(2021, 11, 16)), "digital",
           patent=dict(PAT), planted="evidence.after_title"),                              # patent granted that day
    person("T04", "石磊", "男", D(1983, 5, 5), "210404", U1, ("助理工程师", D(2017, 7, 15)), "digital",
           cert_month=True, cert_date=D(2017, 8, 15), planted="title.date"),               # 2017年8月 for 2017-07-15
    person("T05", "龙晓燕", "女", D(1991, 3, 15), "210402", U3, ("助理工程师", D(2020, 6, 30)), "digital",
           pub_result_days=-1, planted="publicity.duration"),                              # result the day before the end
    person("T06", "方志强", "男", D(1980, 6, 1), "210411", U4, ("助理工程师", D(2015, 6, 30)), "tiff",
           years={2022: "合格", 2023: "合格"}, dup_of=2022, planted="assessment.years"),    # 2022 twice, no 2021
    person("T07", "钟秀英", "女", D(1986, 12, 12), "210403", U5, ("助理工程师", D(2019, 10, 30)), "digital",
           patent=dict(PAT, granted=D(2021, 11, 17))),                                     # granted the day after: clean
]


def main(only=None, which="set"):
    SETS = {"set": SET, "set2": SET2, "set3": SET3}
    out = ROOT + "/" + which
    if only is None and os.path.isdir(out):
        shutil.rmtree(out)
    key = {}
    for n, a in enumerate(SETS[which]):
        if only and a["key"] not in only:
            continue
        rng = np.random.default_rng(1200 + n + {"set": 0, "set2": 100, "set3": 200}[which])
        if a.get("card_id", "x") is None:  # digits 13 and 14 swapped on the card (a typist's slip)
            i = a["id"]
            a["card_id"] = i[:12] + i[13] + i[12] + i[14:]
        if a.get("paper", {}).get("issn_printed"):
            a["paper"] = dict(a["paper"])
        folder = os.path.join(out, a["key"])
        docs = build_docs(a, rng)
        if a.get("paper", {}).get("issn_printed"):  # the cover prints another ISSN than the claim
            p = a["paper"]
            cover = dict(a, paper=dict(p, issn=p["issn_printed"]))
            d = Doc(); journal_cover(d, cover, rng)
            docs = [(lab, d if lab == "封面" else dd) for lab, dd in docs]
        pack(a, docs, folder, rng)
        key[a["key"]] = dict(planted=a["planted"], pack=a["pack"], name=a["name"])
        print(a["key"], flush=True)
    if only is None:
        json.dump(key, open(ROOT + ("/answer_key.json" if which == "set" else f"/answer_key_{which}.json"), "w"),
                  ensure_ascii=False, indent=1)


if __name__ == "__main__":
    args = [x for x in sys.argv[1:] if x not in ("--set2", "--set3")]
    main(args or None, next((x[2:] for x in sys.argv[1:] if x in ("--set2", "--set3")), "set"))
