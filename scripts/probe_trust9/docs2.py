"""trust9's document layouts (not the project's generator's): one function per kind, -> Page."""
from __future__ import annotations

import datetime as dt

from canvas2 import Page, photo, seal, signature

CN_DIG = "〇一二三四五六七八九"


def cn_year(y):
    return "".join(CN_DIG[int(c)] for c in str(y))


def cn_num(n):
    t = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    if n < 10:
        return t[n]
    if n < 20:
        return "十" + t[n % 10]
    return t[n // 10] + "十" + t[n % 10]


def spell(d, style):
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "cn0":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if style == "dash":
        return d.isoformat()
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "upper":
        return f"{cn_year(d.year)}年{cn_num(d.month)}月{cn_num(d.day)}日"
    if style == "month":
        return f"{d.year}年{d.month}月"
    raise ValueError(style)


def stamp(pg, a, rng, who, x, y, r=20, bottom="", oval=False):
    """who: None (no seal), a unit name."""
    if not who:
        return
    im = seal(who, rng, bottom=bottom, oval=oval)
    w = 2 * r
    h = w * (0.72 if oval else 1)
    pg.image(im, x - w / 2 + rng.uniform(-4, 4), y - h / 2 + rng.uniform(-4, 4), w, h)


def sign(pg, rng, name, x, y, h=14, color=(20, 30, 105)):
    im = signature(name, rng, color=color)
    w = h * im.width / im.height
    pg.image(im, x, y - h * 0.6, w, h)


# ---------------------------------------------------------------- 推荐表

def recommendation_form(a, s, rng):
    pg = Page()
    pg.text(105, 16, "专业技术职务任职资格推荐表", 18, "hei", "ma")
    pg.text(20, 29, f"推荐单位（盖章）：{a['unit']}" if len(a["unit"]) < 22 else "推荐单位（盖章）：", 10)
    pg.text(190, 29, "填表时间：2024年10月", 10, anchor="ra")
    xs, ys = pg.grid(18, 34, [26, 38, 22, 34, 22, 32], [12, 12, 12, 12, 12, 12, 46, 70])
    cells = [
        (0, 0, "姓名"), (0, 1, a["name"]), (0, 2, "性别"), (0, 3, a["gender"]), (0, 4, "民族"), (0, 5, a.get("ethnic", "汉族")),
        (1, 0, "出生年月"), (1, 1, f"{a['birth'].year}.{a['birth'].month:02d}"), (1, 2, "学历"), (1, 3, "大学本科"),
        (1, 4, "学位"), (1, 5, "工学学士"),
        (2, 0, "工作单位"), (2, 1, a["unit"]),
        (3, 0, "现资格名称"), (3, 1, a["cur_name"] or "无"), (3, 2, "取得时间"),
        (3, 3, a["cur_date"].strftime("%Y.%m") if a["cur_date"] else "—"),
        (3, 4, "聘任时间"), (3, 5, (a["cur_date"] + dt.timedelta(days=200)).strftime("%Y.%m") if a["cur_date"] else "—"),
        (4, 0, "申报专业"), (4, 1, a["specialty"]), (4, 2, "申报资格"), (4, 3, a["level"]),
        (5, 0, "身份证号"), (5, 1, a["id"]),
    ]
    for r, c, t in cells:
        size = 11 if len(t) < 15 else 9.5
        pg.text(xs[c] + 1.5, (ys[r] + ys[r + 1]) / 2, t, size, "song", "lm")
    pg.text(xs[0] + 2, ys[6] + 5, "主要", 11, "hei")
    pg.text(xs[0] + 2, ys[6] + 11, "工作", 11, "hei")
    pg.text(xs[0] + 2, ys[6] + 17, "业绩", 11, "hei")
    pg.para(xs[1] + 2, ys[6] + 4, s.get("summary", "任现职以来，主持和参与多项生态环境监测与治理项目，完成监测报告编制和数据审核工作，"
            "在污染源排查、环境质量评价方面积累了丰富经验，发表专业论文，工作业绩突出。"), 140, 10.5)
    pg.text(xs[0] + 2, ys[7] + 5, "单位", 11, "hei")
    pg.text(xs[0] + 2, ys[7] + 11, "推荐", 11, "hei")
    pg.text(xs[0] + 2, ys[7] + 17, "意见", 11, "hei")
    pg.para(xs[1] + 2, ys[7] + 5, f"经单位审核，{a['name']}同志所报材料真实，符合申报条件，经公示无异议，同意推荐其申报{a['level']}资格。",
            140, 11)
    sy = ys[7] + 40
    pg.text(xs[1] + 4, sy, "单位负责人（签字）：", 11, "song", "lm")
    if s.get("typed"):
        pg.text(xs[1] + 46, sy, s.get("signer", "郭振华"), 11, "song", "lm")
    elif s.get("signed", True):
        sign(pg, rng, s.get("signer", "郭振华"), xs[1] + 46, sy)
    pg.text(xs[4] + 2, sy - 6, "（单位公章）", 11, "song", "lm")
    pg.text(xs[4] + 2, sy + 12, spell(s["date"], s.get("style", "cn")), 11, "song", "lm")
    stamp(pg, a, rng, s.get("seal", a["seal"]), xs[4] + 18, sy + 4, 20)
    pg.text(18, ys[-1] + 6, "注：本表一式三份，用A4纸双面打印。", 9)
    return pg


# ---------------------------------------------------------------- 公示结果

def publicity_result(a, s, rng):
    pg = Page()
    pg.text(105, 22, "公示情况报告", 20, "hei", "ma")
    st, en = s["start"], s["end"]
    if s.get("style") == "numeric":
        period = f"公示期：{st:%Y.%m.%d}-{en:%Y.%m.%d}"
    else:
        period = f"公示时间：{st.year}年{st.month}月{st.day}日至{en.month}月{en.day}日"
    y = pg.para(22, 42, f"根据2024年度工程系列生态环境行业中、初级专业技术资格评审工作有关要求，我单位对{a['name']}等同志申报专业技术资格的"
                "基本情况、业绩成果及相关材料在单位内部进行了公示。", 166, 12.5)
    pg.text(30, y + 2, period, 12.5)
    y = pg.para(22, y + 12, "公示期间，未接到任何单位和个人的实名或匿名投诉、举报，公示结果无异议。", 166, 12.5)
    y = pg.para(22, y + 2, "特此报告。", 166, 12.5)
    xs, ys = pg.grid(22, y + 8, [16, 30, 80, 40], [10, 10, 10])
    for i, h in enumerate(("序号", "姓名", "工作单位", "申报资格")):
        pg.text((xs[i] + xs[i + 1]) / 2, ys[0] + 5, h, 11, "hei", "mm")
    rows = [("1", a["name"], a["unit"], a["level"]), ("2", s.get("other", "宋立群"), a["unit"], "助理工程师")]
    for r, row in enumerate(rows):
        for i, v in enumerate(row):
            pg.text((xs[i] + xs[i + 1]) / 2, ys[r + 1] + 5, v, 11 if len(v) < 14 else 8.5, "song", "mm")
    yb = ys[-1] + 30
    pg.text(150, yb, a["unit"] if len(a["unit"]) < 18 else a["unit"][:12], 12, "song", "ma")
    if len(a["unit"]) >= 18:
        pg.text(150, yb + 7, a["unit"][12:], 12, "song", "ma")
        yb += 7
    pg.text(150, yb + 9, spell(s["date"], s.get("dstyle", "cn")), 12, "song", "ma")
    stamp(pg, a, rng, s.get("seal", a["seal"]), 150, yb + 4, 20)
    return pg


# ---------------------------------------------------------------- 年度考核登记表 (label | value, two columns)

def annual_assessment(a, s, rng):
    year = s["year"]
    pg = Page()
    gov = a["kind"] == "government"
    grade = s.get("grade", "称职" if gov else "合格")
    if s.get("title_style", 0) == 0:
        pg.text(105, 16, "年度考核登记表", 18, "hei", "ma")
        pg.text(105, 27, f"（ {cn_year(year) if s.get('cn_year') else year} 年度 ）", 13, "song", "ma")
    else:
        pg.text(105, 18, f"{a['unit'] if len(a['unit']) < 20 else ''}{year}年度考核登记表", 15, "hei", "ma")
    xs, ys = pg.grid(22, 36, [36, 130], [11, 11, 11, 11, 11, 78, 12, 36, 40])
    rows = [("姓    名", a["name"]), ("性    别", a["gender"]), ("出生年月", f"{a['birth'].year}年{a['birth'].month}月"),
            ("工作单位", a["unit"]), ("岗位（职务）", "专业技术岗位")]
    for r, (k, v) in enumerate(rows):
        pg.text(xs[0] + 2, (ys[r] + ys[r + 1]) / 2, k, 11, "song", "lm")
        pg.text(xs[1] + 2, (ys[r] + ys[r + 1]) / 2, v, 11 if len(v) < 24 else 9.5, "song", "lm")
    pg.text(xs[0] + 2, ys[5] + 5, "个人述职", 11, "hei")
    pg.para(xs[1] + 2, ys[5] + 4, s.get("summary", f"本年度，本人在单位领导下认真完成{a['specialty'][4:]}工作，"
            "按时完成各项监测、调查与报告编制任务，参加业务培训，遵守工作纪律，团结同事。"), 124, 10.5, "kai", 1.8)
    pg.text(xs[0] + 2, (ys[6] + ys[7]) / 2, "考核等次", 11, "hei", "lm")
    pg.text(xs[1] + 4, (ys[6] + ys[7]) / 2, grade, 12, "kai", "lm")
    pg.text(xs[0] + 2, ys[7] + 5, "主管领导", 11, "song")
    pg.text(xs[0] + 2, ys[7] + 11, "评语", 11, "song")
    pg.text(xs[1] + 4, ys[7] + 7, "工作认真负责，完成任务较好。", 12, "kai")
    pg.text(xs[0] + 2, ys[8] + 5, "单位意见", 11, "song")
    pg.text(xs[1] + 4, ys[8] + 7, f"同意确定为{grade}等次。", 12, "kai")
    d = s.get("date", dt.date(year + 1, 1, int(rng.integers(8, 28))))
    pg.text(xs[1] + 95, ys[8] + 26, "（盖章）", 11, "song", "ma")
    pg.text(xs[1] + 95, ys[8] + 33, spell(d, s.get("style", "cn")), 11, "song", "ma")
    stamp(pg, a, rng, s.get("seal", a["seal"]), xs[1] + 95, ys[8] + 26, 19)
    return pg


def annual_assessment_landscape(a, s, rng):
    """One landscape sheet: left half the person and summary, right half grade and opinions."""
    year = s["year"]
    pg = Page(297, 210)
    grade = s.get("grade", "合格")
    pg.text(148, 14, f"{year}年度事业单位工作人员考核登记表", 17, "hei", "ma")
    xs, ys = pg.grid(15, 26, [24, 110], [11, 11, 11, 11, 120])
    for r, (k, v) in enumerate((("姓名", a["name"]), ("性别", a["gender"]), ("单位", a["unit"]), ("职务", "专业技术人员"))):
        pg.text(xs[0] + 2, (ys[r] + ys[r + 1]) / 2, k, 11, "song", "lm")
        pg.text(xs[1] + 2, (ys[r] + ys[r + 1]) / 2, v, 11 if len(v) < 18 else 9, "song", "lm")
    pg.text(xs[0] + 2, ys[4] + 5, "个人", 11, "hei")
    pg.text(xs[0] + 2, ys[4] + 11, "总结", 11, "hei")
    pg.para(xs[1] + 2, ys[4] + 4, "一年来，本人认真学习业务知识，按时完成各项工作任务，参与完成了辖区环境质量监测、污染源调查等工作，"
            "工作中坚持原则，遵守纪律，较好地履行了岗位职责。", 104, 10.5, "kai", 1.8)
    xs2, ys2 = pg.grid(155, 26, [26, 100], [14, 60, 90])
    pg.text(xs2[0] + 2, ys2[0] + 7, "考核等次", 11, "hei", "lm")
    pg.text(xs2[1] + 4, ys2[0] + 7, grade, 12, "kai", "lm")
    pg.text(xs2[0] + 2, ys2[1] + 5, "主管领导", 11, "song")
    pg.text(xs2[0] + 2, ys2[1] + 11, "评语", 11, "song")
    pg.text(xs2[1] + 3, ys2[1] + 7, "该同志工作积极，业务熟练。", 12, "kai")
    pg.text(xs2[0] + 2, ys2[2] + 5, "单位意见", 11, "song")
    pg.text(xs2[1] + 3, ys2[2] + 7, f"同意评为{grade}等次。", 12, "kai")
    d = dt.date(year + 1, 1, int(rng.integers(8, 28)))
    pg.text(xs2[1] + 70, ys2[2] + 60, "（盖章）", 11, "song", "ma")
    pg.text(xs2[1] + 70, ys2[2] + 70, spell(d, "cn"), 11, "song", "ma")
    stamp(pg, a, rng, s.get("seal", a["seal"]), xs2[1] + 70, ys2[2] + 62, 19)
    return pg


# ---------------------------------------------------------------- 学位在线验证报告 / 学籍

def education_verification(a, s, rng):
    pg = Page()
    pg.rect(0, 0, 210, 24, 0, fill=(0, 84, 150), color=(0, 84, 150))
    pg.text(16, 8, "中国学位与研究生教育信息网", 15, "hei", color=(255, 255, 255))
    pg.text(105, 36, "中国高等教育学位在线验证报告", 19, "hei", "ma")
    pg.text(190, 46, f"报告编号：{s['code']}", 9, "song", "ra", (80, 80, 80))
    rows = [("姓名", a["name"]), ("性别", a["gender"]), ("身份证件号", a["id"][:6] + "********" + a["id"][-4:]),
            ("获学位日期", spell(a["grad"], "cn")), ("学位授予单位", a["school"]), ("所授学位", "工学学士学位"),
            ("学科/专业", a["major"]), ("学位证书编号", s["cert"]), ("在线验证码", s["code"][-12:])]
    xs, ys = pg.grid(25, 56, [45, 115], [11] * len(rows), 0.25)
    for r, (k, v) in enumerate(rows):
        pg.rect(xs[0] + 0.2, ys[r] + 0.2, xs[1] - 0.2, ys[r + 1] - 0.2, 0, fill=(234, 240, 248), color=(234, 240, 248))
        pg.text(xs[0] + 3, (ys[r] + ys[r + 1]) / 2, k, 11, "song", "lm", (60, 60, 60))
        pg.text(xs[1] + 3, (ys[r] + ys[r + 1]) / 2, v, 11, "song", "lm")
    y = ys[-1] + 8
    pg.text(25, y, "本报告有效期30天，可登录www.cdgdc.edu.cn凭在线验证码查询。", 9, "song", color=(90, 90, 90))
    pg.text(25, y + 6, f"打印日期：{spell(s['print'], 'dash')}", 9, "song", color=(90, 90, 90))
    y2 = 220
    pg.text(25, y2, "经核对原件，以上信息真实无误。", 12)
    pg.text(25, y2 + 20, "核验人（签字）：", 12, "song", "lm")
    if s.get("signed", True):
        sign(pg, rng, s.get("signer", "黄丽萍"), 62, y2 + 20)
    pg.text(140, y2 + 20, "单位（盖章）", 12, "song", "lm")
    pg.text(140, y2 + 34, spell(s["date"], "cn"), 12, "song", "lm")
    stamp(pg, a, rng, s.get("seal", a["seal"]), 158, y2 + 24, 20)
    return pg


# ---------------------------------------------------------------- 继续教育

def continuing_education(a, s, rng):
    pg = Page()
    who = s.get("person", a["name"])
    pg.text(105, 22, "专业技术人员继续教育学时证明", 19, "hei", "ma")
    pg.para(22, 40, f"兹证明{who}同志（身份证号：{a['id']}）参加专业技术人员继续教育，"
            "学时登记情况如下：", 166, 12)
    xs, ys = pg.grid(25, 60, [30, 40, 40, 40], [11, 11, 11, 11])
    for i, h in enumerate(("年度", "公需科目", "专业科目", "合计学时")):
        pg.text((xs[i] + xs[i + 1]) / 2, ys[0] + 5.5, h, 11, "hei", "mm")
    for r, y in enumerate((2021, 2022, 2023)):
        g, p = int(rng.integers(30, 41)), int(rng.integers(60, 80))
        for i, v in enumerate((f"{y}年", str(g), str(p), str(g + p))):
            pg.text((xs[i] + xs[i + 1]) / 2, ys[r + 1] + 5.5, v, 11, "song", "mm")
    pg.text(25, ys[-1] + 10, "以上学时均已在辽宁省专业技术人员继续教育管理系统登记，特此证明。", 11)
    iss = s.get("issuer", "抚顺市人力资源和社会保障局")
    pg.text(150, 150, iss, 12, "song", "ma")
    pg.text(150, 160, spell(s["date"], "cn"), 12, "song", "ma")
    stamp(pg, a, rng, iss, 150, 152, 20)
    return pg


# ---------------------------------------------------------------- 身份证 (front and back side by side)

def id_card(a, s, rng):
    pg = Page()
    who = s.get("person", a["name"])
    num = s.get("number", a["id"])
    pg.text(20, 20, "身份证复印件（正反面）", 13, "hei")
    x0, y0 = 14, 40
    pg.rect(x0, y0, x0 + 86, y0 + 54, 0.3, (150, 150, 150), (236, 240, 240))
    lab = (70, 110, 150)
    pg.text(x0 + 4, y0 + 6, "姓名", 7.5, "hei", color=lab)
    pg.text(x0 + 14, y0 + 5, who, 11 if len(who) < 8 else 8.5, "hei")
    pg.text(x0 + 4, y0 + 14, "性别", 7.5, "hei", color=lab)
    pg.text(x0 + 14, y0 + 13.5, a["gender"], 9.5)
    pg.text(x0 + 26, y0 + 14, "民族", 7.5, "hei", color=lab)
    pg.text(x0 + 36, y0 + 13.5, a.get("ethnic", "汉族").rstrip("族"), 9.5)
    b = a["birth"]
    pg.text(x0 + 4, y0 + 21, "出生", 7.5, "hei", color=lab)
    pg.text(x0 + 14, y0 + 20.5, f"{b.year}  年  {b.month}  月  {b.day}  日", 9.5)
    pg.text(x0 + 4, y0 + 28, "住址", 7.5, "hei", color=lab)
    addr = s.get("addr", "辽宁省抚顺市新抚区西一路街道南阳路28号楼2单元301号")
    pg.text(x0 + 14, y0 + 27.5, addr[:14], 9)
    pg.text(x0 + 14, y0 + 32.5, addr[14:], 9)
    pg.text(x0 + 4, y0 + 46, "公民身份号码", 7.5, "hei", color=lab)
    pg.text(x0 + 26, y0 + 45, num, 11.5, "hei")
    pg.image(photo(rng), x0 + 60, y0 + 6, 22, 28)
    x1 = 110
    pg.rect(x1, y0, x1 + 86, y0 + 54, 0.3, (150, 150, 150), (236, 240, 240))
    pg.text(x1 + 43, y0 + 10, "中华人民共和国", 13, "hei", "ma")
    pg.text(x1 + 43, y0 + 19, "居民身份证", 17, "hei", "ma")
    pg.text(x1 + 8, y0 + 37, "签发机关", 7.5, "hei", color=lab)
    pg.text(x1 + 24, y0 + 36.5, s.get("police", "抚顺市公安局新抚分局"), 9)
    pg.text(x1 + 8, y0 + 45, "有效期限", 7.5, "hei", color=lab)
    pg.text(x1 + 24, y0 + 44.5, "2016.05.12-2036.05.12", 9)
    pg.text(105, 120, "此复印件仅用于职称申报，再复印无效", 11, "kai", "ma", (100, 100, 100))
    return pg


# ---------------------------------------------------------------- 职称证书 (horizontal red-book inner page)

def title_certificate(a, s, rng):
    pg = Page(297, 210)
    who = s.get("person", a["name"])
    red = (150, 25, 25)
    pg.rect(8, 8, 289, 202, 1.2, red)
    pg.line(148.5, 8, 148.5, 202, 0.4, (200, 170, 170))
    pg.image(photo(rng), 50, 30, 30, 40)
    pg.text(65, 80, "（照片）", 9, "song", "ma", (120, 120, 120))
    rows = [("姓    名", who), ("性    别", a["gender"]), ("出生年月", spell(a["birth"], "month")),
            ("身份证号", a["id"])]
    y = 95
    for k, v in rows:
        pg.text(30, y, k, 12)
        pg.text(62, y, v, 12)
        y += 13
    pg.text(30, y + 8, "持证人签名：", 12)
    sign(pg, rng, a["name"], 62, y + 12, 10)
    pg.text(222, 20, "专业技术职务任职资格证书", 17, "hei", "ma", red)
    d = s.get("date", a["cur_date"])
    rows = [("资格名称", s.get("title_name", a["cur_name"])), ("专业名称", a["major"]),
            ("评审组织", "辽宁省工程系列环境保护专业"), ("", "中级技术资格评审委员会" if a["cur_name"] == "工程师" else "初级技术资格评审委员会"),
            ("批准文号", f"辽人社职字〔{d.year}〕{int(rng.integers(12, 99))}号"),
            (s.get("label", "资格取得时间"), spell(d, s.get("style", "cn"))),
            ("证书编号", s.get("serial", f"2104{d.year}{int(rng.integers(100000, 999999))}"))]
    y = 45
    for k, v in rows:
        if k:
            pg.text(162, y, k, 12)
        pg.text(196, y, v, 12 if len(v) < 15 else 10)
        y += 13
    pg.text(240, 160, "发证机关（盖章）", 11, "song", "ma")
    pg.text(240, 172, spell(s.get("issue", d + dt.timedelta(days=40)), "cn"), 11, "song", "ma")
    stamp(pg, a, rng, s.get("issuer", "辽宁省人力资源和社会保障厅"), 240, 166, 21)
    return pg


# ---------------------------------------------------------------- 评审表 (evaluation form)

def evaluation_form(a, s, rng):
    pg = Page()
    pg.text(105, 18, "专业技术资格评审表", 19, "hei", "ma")
    pg.text(105, 28, "（工程系列）", 12, "song", "ma")
    xs, ys = pg.grid(18, 36, [28, 52, 26, 68], [12, 12, 12, 12, 70, 50, 30])
    rows = [("姓名", a["name"], "性别", a["gender"]), ("工作单位", a["unit"], None, None),
            ("现资格", a["cur_name"] or "无", "申报资格", a["level"]), ("专业", a["specialty"], "从事专业年限", "8年")]
    for r, (k1, v1, k2, v2) in enumerate(rows):
        y = (ys[r] + ys[r + 1]) / 2
        pg.text(xs[0] + 2, y, k1, 11, "song", "lm")
        pg.text(xs[1] + 2, y, v1, 11 if len(v1) < 18 else 9, "song", "lm")
        if k2:
            pg.text(xs[2] + 2, y, k2, 10 if len(k2) > 4 else 11, "song", "lm")
            pg.text(xs[3] + 2, y, v2, 11, "song", "lm")
    pg.text(xs[0] + 2, ys[4] + 5, "任现职以来", 10, "hei")
    pg.text(xs[0] + 2, ys[4] + 11, "主要业绩", 10, "hei")
    pg.para(xs[1] + 2, ys[4] + 4, "参与辖区大气、水环境质量监测及污染源执法监测，编写监测报告多份，参与应急监测工作。", 140, 10.5)
    pg.text(xs[0] + 2, ys[5] + 5, "评审委员会", 10, "hei")
    pg.text(xs[0] + 2, ys[5] + 11, "意见", 10, "hei")
    pg.text(xs[1] + 4, ys[5] + 10, "评委会应到   人，实到   人。表决结果：赞成票   票，反对票   票，弃权票   票。", 10)
    pg.text(xs[0] + 2, ys[6] + 5, "备注", 10, "hei")
    return pg


# ---------------------------------------------------------------- 获奖证书 (an honour, landscape)

def award_certificate(a, s, rng):
    pg = Page(297, 210)
    gold = (180, 140, 50)
    pg.rect(12, 12, 285, 198, 2.2, gold)
    pg.text(148, 40, "荣 誉 证 书", 30, "kai", "ma", (180, 20, 20))
    aw = s["award"]
    pg.para(45, 80, f"{s.get('person', a['name'])}同志：", 270, 16, "kai", indent=0)
    pg.para(45, 98, f"在{aw['work']}中成绩突出，被评为{aw['title']}。", 205, 16, "kai", 1.8)
    pg.para(45, 128, "特发此证，以资鼓励。", 205, 16, "kai", 1.8)
    pg.text(220, 160, aw["issuer"], 15, "song", "ma")
    pg.text(220, 172, spell(aw["date"], aw.get("style", "upper")), 14, "song", "ma")
    stamp(pg, a, rng, aw["issuer"], 220, 165, 22)
    return pg


# ---------------------------------------------------------------- journal pages

def freq_word(j):
    return {"月刊": "月刊", "双月": "双月刊", "季刊": "季刊"}.get(j["freq"], "月刊")


def journal_copyright(a, s, rng):
    """A 版权页 (imprint page) set as a two-column key: value block at the foot of the page."""
    p = s["paper"]
    j = p["journal"]
    pg = Page()
    pg.text(105, 20, j["name"], 22, "hei", "ma")
    pg.text(105, 32, f"（{freq_word(j)}  {j.get('founded', 1988)}年创刊）", 11, "song", "ma")
    pg.text(105, 42, f"第{p['vol']}卷  第{p['issue']}期  （总第{p['vol'] * 6 + p['issue'] + 40}期）", 12, "song", "ma")
    pg.text(105, 50, f"{p['year']}年{p['month']}月", 12, "song", "ma")
    issn = s.get("issn", j["issn"])
    cn = s.get("cn", j["cn"])
    rows = [("主管单位", j.get("admin", "黑龙江省生态环境厅")), ("主办单位", j.get("sponsor", "黑龙江省生态环境保护宣传教育中心")),
            ("编辑出版", f"《{j['name']}》编辑部"), ("印    刷", "哈尔滨市工大节能印刷厂"),
            ("出版日期", f"{p['year']}年{p['month']}月25日"), ("定    价", "15.00元")]
    y = 175
    for k, v in rows:
        pg.text(30, y, k, 10)
        pg.text(56, y, v, 10)
        y += 7
    if issn:
        pg.text(30, y + 3, f"ISSN {issn}", 14, "hei")
    if cn:
        pg.text(30, y + 12, f"CN {cn}", 14, "hei")
    pg.text(150, y + 8, "版权所有  侵权必究", 10, "song", "ma")
    return pg


def journal_toc(a, s, rng):
    p = s["paper"]
    j = p["journal"]
    pg = Page()
    pg.text(105, 14, f"{j['name']}   {p['year']}年第{p['issue']}期", 11, "song", "ma")
    pg.text(105, 26, "目  录", 20, "hei", "ma")
    others = [("某市地下水中硝酸盐污染特征及成因分析", "李红梅，赵  伟"), ("城镇污水处理厂提标改造工程实例", "周建国"),
              ("基于遥感的湿地植被覆盖变化研究", "王  蕾，陈  刚"), ("环境监测实验室质量控制措施探讨", "孙晓东"),
              ("工业园区挥发性有机物排放清单编制", "马  超，刘  洋")]
    pos = int(rng.integers(0, len(others)))
    entries = others[:pos] + [(p["title"], a["name"] + "，" + "张  明")] + others[pos:]
    y = 42
    page = int(rng.integers(1, 9))
    for t, who in entries:
        pg.text(22, y, f"{page:>3}", 11, "song")
        pg.text(34, y, t, 11.5, "song")
        pg.text(40, y + 6.5, who, 10, "kai", color=(60, 60, 60))
        y += 17
        page += int(rng.integers(3, 9))
    return pg


def paper_page(a, s, rng):
    p = s["paper"]
    j = p["journal"]
    pg = Page()
    pg.text(20, 12, f"第{p['vol']}卷第{p['issue']}期", 9)
    pg.text(105, 12, j["name"], 9, "song", "ma")
    pg.text(190, 12, f"Vol.{p['vol']} No.{p['issue']}", 9, "song", "ra")
    pg.text(190, 17, f"{p['year']}年{p['month']}月", 9, "song", "ra")
    pg.line(20, 20, 190, 20, 0.3)
    t = p["title"]
    pg.text(105, 30, t, 17 if len(t) < 22 else 14, "hei", "ma")
    pg.text(105, 42, f"{a['name']}，张明", 12, "kai", "ma")
    pg.text(105, 50, f"（{a['unit']}，辽宁  抚顺  113000）", 9.5, "song", "ma")
    y = pg.para(22, 58, "摘  要：" + s.get("abstract", "以抚顺市为研究区域，分析了近年来环境监测数据的变化特征，探讨了主要污染物的来源及控制对策，"
                "结果表明区域环境质量总体改善，可为相关管理工作提供参考。"), 166, 9.5, "kai", 1.6, 0)
    pg.text(22, y + 1, "关键词：环境监测；污染特征；对策", 9.5, "kai")
    pg.text(22, y + 8, "中图分类号：X830      文献标识码：A", 9.5)
    pg.text(22, y + 14, f"文章编号：{s.get('issn', j['issn'])}({p['year']}){p['issue']:02d}-0{int(rng.integers(10, 99))}-03", 9.5)
    pg.line(20, y + 20, 190, y + 20, 0.2)
    body = ("近年来，随着经济社会的快速发展，区域生态环境面临较大压力。开展系统的环境监测与分析，对于掌握环境质量状况、"
            "识别主要污染来源具有重要意义。本文基于监测站点的连续监测数据，对主要指标进行统计分析。") * 3
    yl = pg.para(20, y + 26, body[:180], 80, 10, "song", 1.7)
    pg.para(110, y + 26, body[180:360], 80, 10, "song", 1.7)
    pg.text(20, 280, f"收稿日期：{p['year'] - (1 if p['month'] < 4 else 0)}-{(p['month'] - 3) % 12 + 1:02d}-12", 8)
    pg.text(20, 285, f"作者简介：{a['name']}（{a['birth'].year}—），{a['gender']}，{a['cur_name'] or '技术员'}，研究方向为环境监测。", 8)
    return pg


def retrieval_proof(a, s, rng):
    """A 维普-style 收录证明 list with the unit HR's check below."""
    p = s["paper"]
    j = p["journal"]
    pg = Page()
    pg.text(105, 20, "论文收录检索证明", 19, "hei", "ma")
    pg.para(22, 34, f"根据委托人提供的论文信息，经检索《中文科技期刊数据库》（维普）及中国知网（CNKI），下列论文被收录，"
            "检索结果如下：", 166, 11.5)
    t = s.get("title", p["title"])
    y = 56
    items = [("题  名", t), ("作  者", f"{a['name']}；张明"), ("机  构", a["unit"]), ("刊  名", j["name"]),
             ("年卷期", f"{p['year']}，{p['vol']}（{p['issue']}）"), ("ISSN", j["issn"]), ("CN", j["cn"])]
    pg.text(22, y, "【1】", 11, "hei")
    for k, v in items:
        pg.text(34, y, f"{k}：", 11, "hei")
        pg.text(56, y, v, 11 if len(v) < 30 else 9.5)
        y += 8
    pg.text(22, y + 6, f"检索人：{s.get('searcher', '周敏')}        检索日期：{spell(s['search_date'], 'cn')}", 10.5)
    pg.text(22, y + 13, "检索机构：辽宁省科学技术情报研究所科技查新中心", 10.5)
    stamp(pg, a, rng, "辽宁省科学技术情报研究所", 150, y + 6, 19)
    y2 = 200
    pg.rect(20, y2 - 8, 190, 272, 0.3)
    pg.text(24, y2, "单位人事部门审核意见：", 12, "hei")
    pg.text(30, y2 + 12, "经核实，上述论文为本单位申报人员本人发表，情况属实。", 12)
    pg.text(30, y2 + 34, "审核人（签字）：", 12, "song", "lm")
    if s.get("signed", True):
        sign(pg, rng, s.get("signer", "于海燕"), 64, y2 + 34)
    pg.text(140, y2 + 28, "（盖章）", 12, "song", "lm")
    pg.text(135, y2 + 44, spell(s["date"], "cn"), 12, "song", "lm")
    stamp(pg, a, rng, s.get("seal", a["seal"]), 155, y2 + 32, 20)
    return pg


def achievement_proof(a, s, rng):
    pg = Page()
    pg.text(105, 22, "项目应用证明", 19, "hei", "ma")
    pg.para(22, 40, f"{a['name']}同志作为主要完成人参与的“{s['project']}”，已在我单位实际应用，"
            f"应用时间自{s['start'].year}年{s['start'].month}月起，运行效果良好，提高了工作效率。", 166, 12.5)
    pg.para(22, 72, "特此证明。", 166, 12.5)
    pg.text(150, 200, a["unit"][:16], 12.5, "song", "ma")
    pg.text(150, 210, spell(s["date"], "cn"), 12.5, "song", "ma")
    stamp(pg, a, rng, s.get("seal", a["seal"]), 150, 204, 20)
    return pg


KIND = {
    "recommendation_form": recommendation_form, "publicity_result": publicity_result,
    "annual_assessment": annual_assessment, "annual_assessment_landscape": annual_assessment_landscape,
    "education_verification": education_verification, "continuing_education": continuing_education,
    "id_card": id_card, "title_certificate": title_certificate, "evaluation_form": evaluation_form,
    "award_certificate": award_certificate, "journal_copyright": journal_copyright, "journal_toc": journal_toc,
    "paper": paper_page, "retrieval_proof": retrieval_proof, "achievement_proof": achievement_proof,
}
