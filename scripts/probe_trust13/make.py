"""Probe round 13 (issue 13): dossiers built from REAL material (../shared/realdata): real seals pasted on the pages
(北京中导开源科技有限公司's seal from two photos is the unit's seal of enterprise applicants; a PaddleX 发票专用章 of
天津君和缘商贸有限公司 is another body's), real handwriting (Tobacco800) as signatures, real journals (CNKI list:
name, ISSN, CN; a 套刊 built from two real journals), one whole-dossier PDF per applicant (every document in one file,
in shuffled order, some pages turned 90 or 180 degrees), phone photos (perspective, a shadow, uneven light) beside
scans, forms filled by hand (dates in a handwriting-like face, blue ink), dates written 二〇二二年三月五日, 2022.3.5 and
2022/03/05, applicant.yaml forms no round tried (Chinese numeral dates, 2019/05/03, 申报人姓名, a lower-case x in the
ID, 民营企业). Page model: paper.py (pixels, not the PDFs of probe_trust12 nor the generators before).

    REALDATA=/work/shared/realdata PROBE_OUT=/tmp/trust13 python scripts/probe_trust13/make.py [--set2|--set3] [KEY ...]
    verify batch /tmp/trust13/set -o /tmp/trust13/out --workers 1 -q --cache /tmp/trust13/ocr.sqlite
    PROBE_OUT=/tmp/trust13 python scripts/probe_trust13/score.py /tmp/trust13/out [-v]

An exploration tool, not part of the test suite (it needs ../shared/realdata).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from paper import (Sheet, drawn_seal, journals, noise_lines, photo, real_seal, real_signatures, scan,  # noqa: E402
                   turn)

D = dt.date
ROOT = os.environ.get("PROBE_OUT", "/tmp/trust13")
ZH_DIGIT = "〇一二三四五六七八九"
SIGS = None
JOURNALS = None


def idnum(area, birth, seq):
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]


def zh_num(n):
    return ("" if n < 10 else ("十" if n < 20 else ZH_DIGIT[n // 10] + "十")) + ("" if n % 10 == 0 and n >= 10 else ZH_DIGIT[n % 10])


def date_as(d: D, style: str) -> str:
    if style == "zh":       # 二〇二二年三月五日
        return "".join(ZH_DIGIT[int(c)] for c in str(d.year)) + f"年{zh_num(d.month)}月{zh_num(d.day)}日"
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "slash":
        return f"{d:%Y/%m/%d}"
    return f"{d.year}年{d.month}月{d.day}日"


def month_as(d: D, style: str) -> str:
    if style == "zh":       # 二〇一九年五月
        return "".join(ZH_DIGIT[int(c)] for c in str(d.year)) + f"年{zh_num(d.month)}月"
    return f"{d.year}年{d.month}月"


def sig(a, rng):
    return SIGS[int(rng.integers(len(SIGS)))]


def unit_seal(a, rng):
    s = a.get("seal")
    if s is None:
        return None
    if isinstance(s, str) and s in ("S05", "S06", "PX"):
        return real_seal(s)
    return drawn_seal(s, rng=rng)


def stamp(sh, a, rng, cx, cy, who=None, diam=40):
    seal = unit_seal(a, rng) if who is None else (real_seal(who) if who in ("S05", "S06", "PX")
                                                   else drawn_seal(who, rng=rng))
    if seal is not None:
        sh.stamp(seal, cx, cy, diam, angle=float(rng.uniform(-25, 25)))


# ------------------------------------------------------------------ documents: each returns a list of Sheets

def label_rows(sh, xs, ys, rows, dy=3.5, label=3.6):
    """A form's rows of (label, value, label, value) in the grid's four columns; a long value smaller."""
    for i, (l1, v1, l2, v2) in enumerate(rows):
        sh.text(xs[0] + 2, ys[i] + dy, l1, label)
        sh.text(xs[1] + 2, ys[i] + dy, v1, 3.6 if len(v1) < 14 else 3.1)
        if l2:
            sh.text(xs[2] + 2, ys[i] + dy, l2, label)
            sh.text(xs[3] + 2, ys[i] + dy, v2, 3.6)


def recommend(a, rng):
    sh = Sheet()
    sh.center(16, "专业技术资格评审推荐表", 6.5)
    sh.text(18, 28, f"推荐单位：{a['unit']}", 3.6)
    xs, ys = sh.grid(18, 36, [34, 56, 30, 54], [11] * 6)
    rows = [("姓  名", a["name"], "性  别", a["gender"]), ("出生年月", f"{a['birth'].year}年{a['birth'].month}月", "民  族", "汉族"),
            ("身份证号", a["id"], "", ""), ("申报专业", a["spec"], "申报资格", "工程师"),
            ("现专业技术资格", a["cur"][0], "取得时间", date_as(a["cur"][1], a.get("cur_style", "cn"))),
            ("工作单位", a["unit"], "", "")]
    label_rows(sh, xs, ys, rows, dy=3, label=3.5)
    y = ys[-1]
    sh.grid(18, y, [174], [40, 70])
    sh.text(20, y + 3, "主要工作业绩：", 3.6, "hei")
    sh.text(24, y + 12, "负责企业生产废水处理设施运行管理与在线监测数据质量控制，", 3.6)
    sh.text(24, y + 19, "参与完成厂区挥发性有机物综合治理工程的设计与调试。", 3.6)
    y += 40
    sh.text(20, y + 3, "单位推荐意见：", 3.6, "hei")
    sh.text(26, y + 12, "该同志申报材料真实有效，经公示无异议，同意推荐。", 3.8)
    sh.text(22, y + 34, "申报人签字：", 3.6)
    sh.paste_ink(sig(a, rng), 46, y + 28, 30)
    sh.text(102, y + 34, "单位负责人签字：", 3.6)
    if a.get("head_writes"):  # the unit head writes his assent and name by hand, in blue pen
        sh.hand(134, y + 32, a["head_writes"], 5.0, rng)
    elif not a.get("head_unsigned"):
        sh.paste_ink(sig(a, rng), 134, y + 30, 32)
    sh.text(120, y + 52, "（单位盖章）", 3.4)
    sh.hand(126, y + 60, date_as(D(2024, 10, 22), "cn"), 4.4, rng)
    if not a.get("no_seal_on") == "recommendation":
        stamp(sh, a, rng, 150, y + 50)
    return [sh]


def publicity(a, rng):
    s, e = a.get("pub", (D(2024, 10, 14), D(2024, 10, 18)))
    st = a.get("pub_style", "cn")
    sh = Sheet()
    sh.center(24, "申报评审材料公示结果", 6.5)
    end = date_as(e, st) if st != "short_end" else f"{e.day}日"
    if st == "short_end":
        st = "cn"
    body = [f"根据评审工作要求，我单位于{date_as(s, st)}至{end}",
            f"在单位公示栏对{a['name']}同志申报工程师专业技术资格的评审材料",
            "进行了公示，公示期为五个工作日。",
            "公示期间未收到任何异议，公示结果无异议。",
            "特此证明。"]
    for i, t in enumerate(body):
        sh.text(24 if i else 30, 44 + 11 * i, t, 4.2)
    sh.text(120, 120, a["unit"], 3.8)
    end = a.get("pub_result_date", D(2024, 10, 21))
    sh.text(132, 130, date_as(end, st), 4.0)
    if a.get("no_seal_on") != "publicity":
        stamp(sh, a, rng, 150, 122)
    return [sh]


def assessment(a, rng, year, grade="合格"):
    sh = Sheet()
    sh.center(18, f"{year}年度考核登记表", 6.5)
    xs, ys = sh.grid(18, 32, [30, 56, 30, 58], [12] * 3)
    who = a.get("other_name") if a.get("other_name_on") == f"assessment{year}" else a["name"]
    rows = [("姓  名", who, "性  别", a["gender"]), ("单  位", a["unit"], "", ""),
            ("现任职务", "技术员" if a["kind"] == "enterprise" else "专业技术人员", "职  称", a["cur"][0])]
    label_rows(sh, xs, ys, rows)
    y = ys[-1]
    sh.grid(18, y, [174], [70, 46])
    sh.text(20, y + 3, "个人总结：", 3.6, "hei")
    sh.text(24, y + 12, f"本人{year}年度认真履行岗位职责，完成各项监测与治理任务，", 3.6)
    sh.text(24, y + 19, "遵守各项规章制度，积极参加业务培训。", 3.6)
    sh.text(110, y + 58, "本人签字：", 3.6)
    sh.paste_ink(sig(a, rng), 134, y + 53, 30)
    y += 70
    sh.text(20, y + 3, "单位考核意见：", 3.6, "hei")
    sh.text(24, y + 14, "考核等次：", 3.8)
    if a.get("grade_boxes"):  # the choices printed, one ticked by hand in blue pen
        x = 46
        for g in ("优秀", "合格", "基本合格", "不合格"):
            sh.d.rectangle((x * 150 / 25.4, (y + 14.3) * 150 / 25.4, (x + 3.6) * 150 / 25.4, (y + 17.9) * 150 / 25.4),
                           outline=(25, 25, 25), width=2)
            if g == grade:
                sh.hand(x - 0.4, y + 12.6, "√", 5.0, rng)
            sh.text(x + 4.6, y + 14, g, 3.8)
            x += 8 + 4.0 * len(g)
    else:
        sh.hand(46, y + 13, grade, 5.0, rng)
    sh.text(112, y + 30, "（单位盖章）", 3.4)
    sign_date = a.get("assess_dates", {}).get(year, D(year + 1, 1, 10 + int(rng.integers(8))))
    sh.hand(118, y + 38, date_as(sign_date, a.get("hand_style", "cn")), 4.4, rng)
    if a.get("no_seal_on") != f"assessment{year}":
        stamp(sh, a, rng, 140, y + 25, who="PX" if a.get("other_seal_on") == f"assessment{year}" else None)
    return [sh]


def education(a, rng):
    sh = Sheet()
    sh.center(20, "教育部学历证书电子注册备案表", 6.0)
    sh.text(24, 34, "在线验证码：A" + "".join(str(int(c)) for c in rng.integers(0, 10, 14)), 3.6)
    who = a.get("edu_name", a["name"])
    rows = [("姓名", who), ("性别", a["gender"]), ("出生日期", date_as(a["birth"], "cn")), ("入学日期", "2006年9月1日"),
            ("毕业日期", "2010年7月1日"), ("学校名称", "沈阳建筑大学"), ("专业", "环境工程"), ("学历层次", "本科"),
            ("学习形式", "普通全日制"), ("毕（结）业", "毕业"), ("证书编号", "101531201005001234")]
    for i, (l, v) in enumerate(rows):
        sh.text(30, 48 + 10 * i, l, 3.8, "hei")
        sh.text(72, 48 + 10 * i, v, 3.8)
    y = 48 + 10 * len(rows) + 14
    sh.text(24, y, "本人承诺以上信息真实有效，与原件一致。", 3.8)
    sh.text(24, y + 16, "经办人签字：", 3.8)
    sh.paste_ink(sig(a, rng), 52, y + 10, 30)
    sh.text(112, y + 16, "审核单位（盖章）", 3.6)
    sh.hand(116, y + 28, date_as(D(2024, 10, 16), a.get("hand_style", "cn")), 4.4, rng)
    stamp(sh, a, rng, 140, y + 20)
    return [sh]


def cont_edu(a, rng):
    sh = Sheet(landscape=True)
    sh.center(22, "继续教育公需科目学习证明", 7.0)
    sh.text(40, 48, f"{a['name']}同志：", 4.6)
    sh.text(52, 62, "于2023年度参加专业技术人员继续教育公需科目学习，", 4.6)
    sh.text(40, 74, "完成学时90学时，考核合格，特发此证明。", 4.6)
    sh.text(40, 92, "学习内容：数字经济与创新驱动发展、生态文明建设专题", 4.0)
    sh.text(180, 140, "辽宁省专业技术人员继续教育基地", 4.0)
    sh.text(196, 152, date_as(D(2023, 12, 20), a.get("cert_style", "cn")), 4.0)
    return [sh]


def id_card(a, rng):
    sh = Sheet()
    card = Sheet(paper=(236, 240, 246))
    cw = 86
    card.text(4, 6, "姓名", 2.6, "hei", (70, 90, 120))
    card.text(14, 5.5, a.get("card_name", a["name"]), 3.6, "hei")
    card.text(4, 14, "性别", 2.6, "hei", (70, 90, 120))
    card.text(14, 13.5, a["gender"], 3.2, "hei")
    card.text(30, 14, "民族", 2.6, "hei", (70, 90, 120))
    card.text(40, 13.5, "汉", 3.2, "hei")
    b = a["birth"]
    card.text(4, 21, "出生", 2.6, "hei", (70, 90, 120))
    card.text(14, 20.5, f"{b.year}年{b.month}月{b.day}日", 3.2, "hei")
    card.text(4, 28, "住址", 2.6, "hei", (70, 90, 120))
    card.text(14, 27.5, a.get("addr", "辽宁省抚顺市新抚区东五路12号"), 3.0, "hei")
    card.text(4, 44, "公民身份号码", 2.6, "hei", (70, 90, 120))
    card.text(26, 43.5, a.get("card_id", a["id"]), 3.5, "hei")
    c = card.im.crop((0, 0, int(cw * 150 / 25.4), int(54 * 150 / 25.4)))
    sh.im.paste(c, (int(60 * 150 / 25.4), int(40 * 150 / 25.4)))
    sh.text(60, 30, "居民身份证复印件", 4.2, "hei")
    back = Sheet(paper=(236, 240, 246))
    back.text(20, 8, "中华人民共和国", 4.6, "hei")
    back.text(30, 16, "居民身份证", 4.6, "hei")
    back.text(4, 36, "签发机关  抚顺市公安局新抚分局", 2.8, "hei")
    back.text(4, 44, "有效期限  2016.05.12-2036.05.12", 2.8, "hei")
    c2 = back.im.crop((0, 0, int(cw * 150 / 25.4), int(54 * 150 / 25.4)))
    sh.im.paste(c2, (int(60 * 150 / 25.4), int(110 * 150 / 25.4)))
    return [sh]


def title_cert(a, rng):
    sh = Sheet(landscape=True)
    sh.center(20, "专业技术资格证书", 8.0)
    d = a.get("cert_date", a["cur"][1])
    rows = [("姓    名", a["name"]), ("工作单位", a["unit"]), ("资格名称", a["cur"][0]), ("专业名称", "环境工程"),
            ("评审通过时间", month_as(d, a.get("cert_style", "cn")) if a.get("cert_month_only") else
             date_as(d, a.get("cert_style", "cn"))), ("批准文号", f"辽人社职字〔{d.year}〕{17 + d.month}号"),
            ("管理号", f"LN{d.year}0{int(rng.integers(100000, 999999))}")]
    for i, (l, v) in enumerate(rows):
        sh.text(50, 42 + 12 * i, l, 4.4, "hei")
        sh.text(100, 42 + 12 * i, v, 4.4)
    sh.text(176, 150, "辽宁省人力资源和社会保障厅", 4.2)
    stamp(sh, a, rng, 210, 146, who=a.get("title_seal", "辽宁省人力资源和社会保障厅"), diam=42)
    return [sh]


def evaluation(a, rng):
    sh = Sheet()
    sh.center(18, "专业技术资格评定表", 6.5)
    xs, ys = sh.grid(18, 32, [34, 60, 26, 54], [12] * 4)
    rows = [("姓  名", a["name"], "性  别", a["gender"]), ("工作单位", a["unit"], "", ""),
            ("现资格", a["cur"][0], "取得时间", date_as(a["cur"][1], "cn")), ("申报资格", "工程师", "专  业", a["spec"])]
    label_rows(sh, xs, ys, rows)
    y = ys[-1]
    sh.grid(18, y, [174], [60, 50])
    sh.text(20, y + 3, "评审委员会意见：", 3.6, "hei")
    sh.text(20, y + 63, "表决结果：应到委员  人，实到  人，赞成票  票。", 3.6)
    return [sh]


def award(a, rng, aw):
    sh = Sheet(landscape=True)
    sh.center(24, "荣誉证书", 9.0)
    sh.text(50, 52, f"{a['name']}同志：", 5.0)
    sh.text(62, 68, f"在{aw['what']}中，荣获{aw['title']}，", 5.0)
    sh.text(50, 82, "特发此证，以资鼓励。", 5.0)
    sh.text(180, 140, aw["body"], 4.2)
    sh.text(190, 152, date_as(aw["date"], aw.get("style", "cn")), 4.2)
    stamp(sh, a, rng, 205, 142, who=aw.get("seal", aw["body"]), diam=42)
    return [sh]


def journal_pages(a, rng, p):
    cover = Sheet()
    cover.text(20, 22, f"ISSN {p['issn']}", 4.2, "hei")
    cover.text(150, 22, f"CN {p['cn']}" if p.get("cn") else "", 4.2, "hei")
    d = p["date"]
    if p.get("english"):
        cover.center(50, p["journal"].title(), 7.0)
        cover.center(80, f"Volume {d.year - 1993}, Number {d.month}, {d:%B} {d.year}", 5.0)
        cover.center(250, "Springer", 5.0)
    else:
        cover.center(50, p["journal"], 12.0 if len(p["journal"]) < 12 else 8.0)
        cover.center(80, f"{d.year}年第{d.month}期（总第{200 + d.month}期）", 5.0)
        cover.center(250, f"主办：{p.get('publisher', '中国环境科学学会')}", 4.2)
        cover.center(260, f"{d.year}年{d.month}月出版", 4.2)
    paper = Sheet()
    paper.text(18, 14, f"第{d.year - 1980}卷第{d.month}期", 3.2)
    paper.text(100, 14, p["journal"], 3.2)
    paper.text(170, 14, f"{d.year}年{d.month}月", 3.2)
    paper.line(18, 20, 192, 20)
    paper.center(32, p["title"], 6.0)
    paper.center(46, a["name"], 4.2, "kai")
    paper.center(54, f"（{a['unit']}，辽宁 抚顺 113000）", 3.4, "song")
    paper.text(22, 66, "摘要：基于在线监测数据分析了区域水质变化特征及其影响因素，提出了治理对策。", 3.5)
    paper.text(22, 74, "关键词：水质；在线监测；污染治理", 3.5)
    paper.text(22, 82, "中图分类号：X52    文献标识码：A", 3.5)
    for i in range(12):
        paper.text(22, 96 + 9 * i, "本文以抚顺市主要河流断面为对象，开展了连续监测与统计分析工作。", 3.6)
    paper.text(22, 270, f"收稿日期：{d.year}-0{max(1, d.month - 3)}-12", 3.2)
    return [cover, paper]


def retrieval(a, rng, papers):
    sh = Sheet()
    sh.center(20, "论文检索证明", 6.5)
    sh.text(22, 36, f"经中国知网（CNKI）检索，{a['name']}发表的下列论文被收录：", 4.0)
    for i, p in enumerate(papers):
        sh.text(26, 50 + 12 * i, f"{i + 1}. {p['title']}，《{p['journal']}》{p['date'].year}年第{p['date'].month}期", 3.6)
    y = 50 + 12 * len(papers) + 20
    sh.text(22, y, "检索人签字：", 3.8)
    sh.paste_ink(sig(a, rng), 50, y - 6, 30)
    sh.text(110, y, "人事部门（盖章）", 3.8)
    sh.hand(116, y + 12, date_as(D(2024, 10, 17), "cn"), 4.4, rng)
    stamp(sh, a, rng, 140, y + 4)
    return [sh]


# ------------------------------------------------------------------ people

UNIT_ZD = "北京中导开源科技有限公司"


def person(key, name, gender, birth, cur_date, pack, planted=None, kind="enterprise", unit=UNIT_ZD, seal="S05",
           **kw):
    area = kw.pop("area", "210411")
    seq = 30 + int(key[1:]) * 2 + (gender == "男")  # odd: a man's number, even: a woman's
    a = dict(key=key, name=name, gender=gender, birth=birth, id=idnum(area, birth, seq),
             unit=unit, kind=kind, seal=seal, cur=("助理工程师", cur_date), spec="生态环境工程", pack=pack,
             planted=planted, awards=[], papers=[])
    a.update(kw)
    return a


def roster():
    J = journals(["环境技术", "生态学杂志", "水生态学杂志", "大气与环境光学学报", "装备环境工程"])
    P = []
    # --- clean: enterprise applicants of 北京中导开源科技有限公司, the real seal (two photos of it)
    P.append(person("C01", "王海涛", "男", D(1988, 3, 14), D(2019, 5, 3), "pdf", cur_style="zh",
                    awards=[dict(title="技术革新奖二等奖", what="2022年度公司技术革新评比", body="北京中导开源科技有限公司",
                                 seal="S06", date=D(2022, 12, 28), style="zh")]))
    P.append(person("C02", "李晓燕", "女", D(1990, 11, 2), D(2020, 6, 30), "photo", seal="S06", hand_style="dot"))
    P.append(person("C03", "张国庆", "男", D(1979, 10, 1), D(2018, 9, 20), "pdf-rot", cert_style="slash",
                    area="210403", awards=[dict(title="优秀技术工作者", what="2021年度公司评优",
                                                 body="北京中导开源科技有限公司", seal="S05", date=D(2022, 1, 15))]))
    P.append(person("C04", "刘佳琪", "女", D(1993, 6, 18), D(2021, 3, 5), "mixed", hand_style="slash",
                    pub_style="dot"))
    P.append(person("C05", "陈卫东", "男", D(1966, 8, 8), D(2016, 12, 9), "pdf", seal="S06", area="210421",
                    cert_style="zh", meta="zh_keys"))
    P.append(person("C06", "赵雅婷", "女", D(1995, 2, 28), D(2021, 9, 1), "photo", pub_style="zh",
                    meta="json_slash"))
    # --- clean: institution applicants (drawn seals), real journals
    inst = dict(kind="institution", unit="抚顺市生态环境监测站", seal="抚顺市生态环境监测站")
    P.append(person("C07", "孙立新", "男", D(1985, 4, 12), D(2018, 11, 28), "pdf", **inst,
                    papers=[dict(title="浑河抚顺段水质变化特征及影响因素分析", **J["环境技术"], date=D(2021, 6, 1))]))
    P.append(person("C08", "周敏", "女", D(1987, 7, 7), D(2019, 12, 20), "mixed", **inst, hand_style="zh",
                    papers=[dict(title="抚顺市臭氧污染特征与来源分析", **J["大气与环境光学学报"], date=D(2022, 4, 1))]))
    P.append(person("C09", "吴建军", "男", D(1972, 1, 25), D(2017, 7, 14), "photo", **inst, cert_style="dot",
                    area="210402", awards=[dict(title="抚顺市科学技术进步奖三等奖", what="抚顺市2021年度科学技术奖评审",
                                                 body="抚顺市人民政府", date=D(2021, 12, 30), style="zh")]))
    P.append(person("C10", "郑丽华", "女", D(1991, 9, 9), D(2020, 10, 15), "pdf-rot", **inst, meta="spaced_id",
                    papers=[dict(title="大伙房水库富营养化状态评价", **J["水生态学杂志"], date=D(2023, 3, 1))]))
    P.append(person("C11", "马俊峰", "男", D(1983, 5, 30), D(2018, 4, 10), "mixed", seal="S06", pub_style="slash",
                    cert_style="zh", hand_style="zh"))
    P.append(person("C12", "何晓东", "男", D(1969, 12, 12), D(2015, 8, 18), "photo", area="210411", meta="lower_x"))
    # --- planted
    P.append(person("P01", "高志远", "男", D(1986, 2, 3), D(2019, 5, 3), "pdf", planted="seal.unit",
                    unit="北京中科开源科技有限公司"))  # the real 中导 seal on a 中科 applicant
    P.append(person("P02", "林雪梅", "女", D(1989, 4, 4), D(2019, 7, 1), "pdf", planted="seal.unit", seal="PX"))
    P.append(person("P03", "黄志强", "男", D(1984, 8, 20), D(2018, 6, 6), "photo", planted="seal.present",
                    no_seal_on="assessment2022"))
    P.append(person("P04", "杨帆", "男", D(1992, 10, 10), D(2020, 8, 8), "pdf-rot", planted="signature.present",
                    head_unsigned=True))
    P.append(person("P05", "徐丽", "女", D(1990, 3, 3), D(2019, 4, 20), "pdf", planted="assessment.years",
                    skip_year=2022))
    P.append(person("P06", "朱文博", "男", D(1987, 12, 1), D(2019, 11, 8), "mixed", planted="evidence.after_title",
                    awards=[dict(title="优秀技术成果奖", what="公司技术成果评选", body="北京中导开源科技有限公司",
                                 seal="S06", date=D(2019, 11, 8), style="zh")]))  # on the title's own day, 二〇一九年十一月八日
    P.append(person("P07", "胡静", "女", D(1991, 5, 5), D(2020, 5, 3), "pdf", planted="title.date",
                    cert_date=D(2020, 3, 5), cert_style="slash"))  # 2020/03/05 for a claimed 2020-05-03
    P.append(person("P08", "郭晓峰", "男", D(1985, 1, 18), D(2018, 10, 10), "photo", planted="identity.name",
                    edu_name="郭晓锋"))
    P.append(person("P09", "罗娟", "女", D(1988, 9, 21), D(2019, 9, 9), "pdf", planted="identity.id_number",
                    card_swap=True))
    P.append(person("P10", "梁宇", "男", D(1990, 7, 17), D(2020, 1, 6), "mixed", planted="publicity.duration",
                    pub=(D(2024, 10, 14), D(2024, 10, 17)), pub_style="dot"))
    P.append(person("P11", "宋佳", "女", D(1986, 6, 16), D(2018, 3, 3), "pdf", planted="journal.registered",
                    **inst, papers=[dict(title="抚顺市地表水氨氮浓度变化趋势研究", journal="环境技术",
                                         issn=J["生态学杂志"]["issn"], cn=J["生态学杂志"]["cn"],
                                         date=D(2021, 9, 1))]))  # 套刊: a real name with another real journal's pair
    P.append(person("P12", "唐磊", "男", D(1989, 2, 14), D(2019, 6, 6), "pdf-rot", planted="dossier.required",
                    skip="cont_edu"))
    P.append(person("P13", "韩冰", "女", D(1992, 8, 8), D(2020, 12, 1), "pdf", planted="evidence.after_title",
                    **inst, papers=[dict(title="抚顺市土壤重金属污染风险评估", **J["装备环境工程"],
                                         date=D(2020, 10, 1))]))  # paper before the title
    P.append(person("P14", "曹阳", "男", D(1984, 11, 11), D(2017, 5, 5), "photo", planted="assessment.years",
                    grade2023="不合格"))
    P.append(person("P15", "彭程", "男", D(1990, 1, 1), D(2020, 2, 2), "pdf", planted="seal.present",
                    no_seal_on="recommendation"))
    P.append(person("P16", "邓婷", "女", D(1993, 3, 30), D(2021, 4, 1), "mixed", planted="paper.retrieval",
                    **inst, papers=[dict(title="抚顺市臭氧前体物排放清单研究", **J["大气与环境光学学报"],
                                         date=D(2022, 8, 1))], no_retrieval=True))
    for a in P:
        if a.get("card_swap"):
            i = a["id"]
            a["card_id"] = idnum(i[:6], a["birth"], int(i[14:17]) + 2)  # a valid number, another person's
    return P


def roster2():
    """Set 2: the same page model, other defects and forms (a seal of another body on one document only, a check
    digit off by one, a warning-listed journal, another person's annual form photographed sideways, a 2023 form
    dated in June 2023, an award whose page dates it before the title while the claim puts it after)."""
    J = journals(["环境技术", "应用生态学报"])
    inst = dict(kind="institution", unit="抚顺市生态环境监测站", seal="抚顺市生态环境监测站")
    P = []
    P.append(person("C21", "邵明轩", "男", D(1982, 6, 6), D(2018, 6, 28), "photo", pub_style="slash",
                    hand_style="dot", aliases=["北京中导开源"]))
    P.append(person("C22", "冯雪", "女", D(1994, 12, 24), D(2021, 7, 20), "pdf-rot", **inst, cert_style="zh",
                    papers=[dict(title="抚顺市城区噪声监测结果分析", **J["应用生态学报"], date=D(2023, 5, 1))]))
    P.append(person("C23", "严冬", "男", D(1989, 1, 9), D(2019, 1, 9), "pdf", head_writes="同意推荐 刘振东"))
    P.append(person("P21", "贺庆", "男", D(1986, 9, 9), D(2019, 3, 3), "pdf", planted="seal.unit",
                    other_seal_on="assessment2023"))
    P.append(person("P22", "蒋丽", "女", D(1990, 2, 2), D(2019, 8, 8), "pdf", planted="identity.id_number",
                    card_bad_check=True))
    P.append(person("P23", "秦海", "男", D(1988, 8, 18), D(2019, 10, 10), "pdf", planted="journal.registered", **inst,
                    papers=[dict(title="抚顺市地下水硝酸盐污染研究", journal="ENVIRONMENTAL SCIENCE AND POLLUTION RESEARCH",
                                 issn="0944-1344", cn="", date=D(2022, 3, 1), english=True)]))
    P.append(person("P24", "尹娜", "女", D(1991, 4, 14), D(2020, 4, 14), "photo", planted="identity.name",
                    other_name_on="assessment2021", other_name="李建国"))
    P.append(person("P25", "苏航", "男", D(1987, 7, 27), D(2019, 2, 2), "mixed", planted="assessment.years",
                    assess_dates={2023: D(2023, 6, 12)}))
    P.append(person("P26", "段飞", "男", D(1985, 5, 15), D(2019, 9, 1), "pdf", planted="evidence.after_title",
                    awards=[dict(title="公司科技进步奖一等奖", what="公司年度科技进步奖评审", body="北京中导开源科技有限公司",
                                 seal="S05", date=D(2018, 12, 26), style="zh", claimed=D(2020, 12, 26))]))
    P.append(person("P27", "钱芳", "女", D(1992, 11, 30), D(2020, 11, 30), "mixed", planted="publicity.duration",
                    pub=(D(2024, 9, 27), D(2024, 10, 8)), pub_style="zh"))  # 12 days over 国庆: 4 working days
    for a in P:
        if a.get("card_bad_check"):
            i = a["id"]
            a["card_id"] = i[:16] + str((int(i[16]) + 1) % 10) + i[17]  # a digit of the order code off: check fails
    return P


def roster3():
    """Set 3: forms printing their grades as choices ticked by hand, a title certificate dated to the month in
    Chinese numerals (二〇一九年五月) for a claim to the day, a publicity range whose end names only its day
    (2024年10月14日至18日), an award dated 2018.12.6 before the title, an enterprise paper with no CN."""
    J = journals(["环境技术"])
    P = []
    P.append(person("C31", "袁野", "男", D(1986, 10, 26), D(2019, 5, 3), "pdf", grade_boxes=True,
                    cert_month_only=True, cert_style="zh",
                    awards=[dict(title="合理化建议一等奖", what="公司2022年度合理化建议评选", body="北京中导开源科技有限公司",
                                 seal="S06", date=D(2022, 3, 5), style="dot")]))
    P.append(person("C32", "潘婷", "女", D(1990, 5, 20), D(2020, 6, 18), "photo", pub_style="short_end",
                    grade_boxes=True))
    P.append(person("C33", "戴军", "男", D(1983, 3, 13), D(2018, 12, 12), "mixed", hand_style="zh",
                    papers=[dict(title="企业废水深度处理工艺改造实践", journal="环境技术", issn=J["环境技术"]["issn"], cn="",
                                 date=D(2022, 9, 1))], no_retrieval=True))
    P.append(person("P31", "范磊", "男", D(1987, 7, 1), D(2019, 7, 1), "pdf", planted="assessment.years",
                    grade_boxes=True, grade2023="基本合格"))
    P.append(person("P32", "方圆", "女", D(1991, 1, 31), D(2020, 5, 3), "photo", planted="title.date",
                    cert_month_only=True, cert_style="zh", cert_date=D(2020, 3, 3)))
    P.append(person("P33", "石磊", "男", D(1985, 2, 22), D(2019, 2, 22), "mixed", planted="publicity.duration",
                    pub=(D(2024, 10, 14), D(2024, 10, 17)), pub_style="short_end"))
    P.append(person("P34", "任杰", "男", D(1988, 12, 8), D(2019, 3, 8), "pdf-rot", planted="evidence.after_title",
                    awards=[dict(title="安全生产先进个人", what="公司2018年度安全生产评比", body="北京中导开源科技有限公司",
                                 seal="S05", date=D(2018, 12, 6), style="dot", claimed=D(2019, 12, 6))]))
    return P


def build(a, rng):
    docs = []
    one = lambda kind, sheets: docs.append((kind, sheets))  # noqa: E731
    one("recommendation", recommend(a, rng))
    one("publicity", publicity(a, rng))
    for y in (2021, 2022, 2023):
        if a.get("skip_year") == y:
            continue
        one(f"assessment{y}", assessment(a, rng, y, a.get("grade2023", "合格") if y == 2023 else
                                         ("优秀" if y == 2022 else "合格")))
    one("education", education(a, rng))
    if a.get("skip") != "cont_edu":
        one("cont_edu", cont_edu(a, rng))
    one("id_card", id_card(a, rng))
    one("title_cert", title_cert(a, rng))
    one("evaluation", evaluation(a, rng))
    for aw in a["awards"]:
        one("award", award(a, rng, aw))
    for p in a["papers"]:
        one("journal", journal_pages(a, rng, p))
    if a["papers"] and not a.get("no_retrieval"):
        one("retrieval", retrieval(a, rng, a["papers"]))
    return docs


def noise(sh, rng, lines):
    if lines and rng.random() < 0.35:
        ln = lines[int(rng.integers(len(lines)))]
        k = min(1.0, 0.45 * sh.im.size[0] / ln.size[0])
        ln = ln.resize((int(ln.size[0] * k), int(ln.size[1] * k)))
        sh.im.paste(ln, (int(sh.im.size[0] * 0.05), int(sh.im.size[1] * 0.93)))


def pack(a, docs, folder, rng, lines):
    os.makedirs(folder, exist_ok=True)
    pages = []
    for kind, sheets in docs:
        for sh in sheets:
            if kind not in ("id_card", "journal"):
                noise(sh, rng, lines)
            pages.append((kind, sh.im))
    mode = a["pack"]
    if mode in ("pdf", "pdf-rot"):
        order = rng.permutation(len(pages))
        ims = []
        for n, i in enumerate(order):
            kind, im = pages[i]
            im = scan(im, rng)
            if mode == "pdf-rot" and n % 3 == 1:
                im = turn(im, 180 if n % 2 else 90)
            ims.append(im.convert("RGB"))
        ims[0].save(os.path.join(folder, f"{a['name']}申报材料.pdf"), save_all=True, append_images=ims[1:],
                    resolution=150.0, quality=70)
    elif mode == "photo":
        for n, (kind, im) in enumerate(pages):
            ph = photo(im, rng, strength=rng.uniform(0.6, 1.2))
            if n % 4 == 3:
                ph = turn(ph, 90)
            ph.save(os.path.join(folder, f"IMG_2024102{n % 10}_{1000 + n * 37}.jpg"), quality=80)
    else:  # mixed: forms in one PDF, the rest phone photos
        forms = [im for kind, im in pages if kind.startswith(("recommendation", "assessment", "publicity", "evaluation"))]
        rest = [(k, im) for k, im in pages if not k.startswith(("recommendation", "assessment", "publicity",
                                                                  "evaluation"))]
        fs = [scan(im, rng).convert("RGB") for im in forms]
        fs[0].save(os.path.join(folder, "表格.pdf"), save_all=True, append_images=fs[1:], resolution=150.0,
                   quality=70)
        for n, (k, im) in enumerate(rest):
            ph = photo(im, rng, strength=rng.uniform(0.5, 1.0))
            if n == 1:
                ph = turn(ph, 180)
            ph.save(os.path.join(folder, f"微信图片_20241020{n:02d}.jpg"), quality=82)


def write_meta(a, folder):
    cur = {"name": a["cur"][0], "date": a["cur"][1].isoformat()}
    papers = [dict(title=p["title"], journal=p["journal"], issn=p["issn"], cn=p["cn"], date=f"{p['date']:%Y-%m}")
              for p in a["papers"]]
    awards = [dict(title=aw["title"], date=aw.get("claimed", aw["date"]).isoformat()) for aw in a["awards"]]
    m = a.get("meta")
    kind_zh = {"enterprise": "民营企业", "institution": "事业单位（公益一类）"}[a["kind"]]
    if m == "zh_keys":
        d = a["cur"][1]
        lines = [f"申报人姓名: {a['name']}", f"工作单位: {a['unit']}", f"单位性质: {kind_zh}", f"身份证号码: '{a['id']}'",
                 f"申报专业: {a['spec']}", "申报资格: 工程师", "现任职称:", f"  职称名称: {a['cur'][0]}",
                 f"  取得时间: {date_as(d, 'zh')}"]
        if awards:
            lines.append("获奖情况:")
            for aw in a["awards"]:
                lines += [f"  - 奖项名称: {aw['title']}", f"    获奖时间: {date_as(aw['date'], 'zh')}"]
        open(os.path.join(folder, "applicant.yaml"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
        return
    meta = dict(name=a["name"], unit=a["unit"], unit_kind=kind_zh if a["kind"] == "enterprise" else "institution",
                id_number=a["id"], specialty=a["spec"], level="工程师", current_title=cur)
    if a.get("aliases"):
        meta["unit_aliases"] = a["aliases"]
    if papers:
        meta["papers"] = papers
    if awards:
        meta["awards"] = awards
    if m == "json_slash":
        meta["current_title"]["date"] = f"{a['cur'][1]:%Y/%m/%d}"
        json.dump(meta, open(os.path.join(folder, "applicant.json"), "w", encoding="utf-8"), ensure_ascii=False,
                  indent=1)
        return
    if m == "spaced_id":
        i = a["id"]
        meta["id_number"] = f"{i[:6]} {i[6:14]} {i[14:]}"
    if m == "lower_x":
        meta["id_number"] = a["id"].lower()
    import yaml
    txt = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    if m is None:
        txt = txt.replace(f"date: '{a['cur'][1].isoformat()}'", f"date: {a['cur'][1]:%Y.%-m.%-d}")
    open(os.path.join(folder, "applicant.yaml"), "w", encoding="utf-8").write(txt)


def main(only=None, which="set"):
    global SIGS
    SIGS = real_signatures()
    lines = noise_lines()
    out = os.path.join(ROOT, which)
    if not only:
        shutil.rmtree(out, ignore_errors=True)
    key = {}
    kp = os.path.join(ROOT, "answer_key.json" if which == "set" else f"answer_key_{which}.json")
    if only and os.path.exists(kp):
        key = json.load(open(kp))
    for a in {"set": roster, "set2": roster2, "set3": roster3}[which]():
        if only and a["key"] not in only:
            continue
        rng = np.random.default_rng(abs(hash(a["key"])) % 2**32 if False else int(a["key"][1:]) + 1300 * (a["key"][0] == "P"))
        folder = os.path.join(out, a["key"])
        shutil.rmtree(folder, ignore_errors=True)
        pack(a, build(a, rng), folder, rng, lines)
        write_meta(a, folder)
        key[a["key"]] = dict(planted=a["planted"], pack=a["pack"], name=a["name"])
        print(a["key"], a["pack"], a["planted"], flush=True)
    json.dump(key, open(kp, "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    args = sys.argv[1:]
    main([x for x in args if not x.startswith("--")] or None,
         "set2" if "--set2" in args else "set3" if "--set3" in args else "set")
