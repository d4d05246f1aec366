"""Probe round 25 (issue 13): EVIDENCE FROM OTHER ISSUERS, EACH PAGE CARRYING SEVERAL DATES. Real dossiers hold, besides
the generator's forms, achievement evidence issued by bodies our generator never draws, and most such pages print two
or more dates of which only one is the achievement's date (for evidence.after_title) or the title's (for title.date):

- a 发明/实用新型专利证书 of 国家知识产权局 (专利申请日 years before 授权公告日; the patent counts from its grant; both
  printed in the upper half, under the 发明名称, the lower half the law's text and the 局长's name);
- a provincial government's 科学技术奖 certificate (奖励年度 2020年度, the 获奖者 list, 证书编号, dated 二〇二一年三月);
- a local standard's cover (DB21/T …, 2020-11-20发布 beside 2020-12-20实施, the dates before their labels) and its
  前言 naming the 起草人;
- a 科技计划项目结题证书 (立项日期, 项目起止时间, 验收日期, the issuing 科学技术局's seal and date);
- a 计算机软件著作权登记证书 (开发完成日期, 首次发表日期, the 登记 date at the foot);
- a province's electronic 职称证书 printout (取得资格时间 or 评审通过时间, 发证日期, 证书编号, a QR code);
- another province's paper title certificate for an applicant who moved (its own layout: 批准时间, 批准文号, 发证机关);
- a 学位证书 and a 毕业证书 (授予日期 beside 毕业日期), and a 继续教育学时证明 listing several years.

Clean dossiers: the earlier date (申请日, 立项, 开发完成, 奖励年度) before the current title, the date that counts (授权,
验收, 登记, 颁发) after it; none may fail or be reviewed for it. Planted: the date that counts before the title (beside a
later one), a claim typed with the later date, a title certificate whose 取得资格时间 differs from the claim while its
发证日期 matches it, an award or patent naming other people, an issuer's seal of another body on a title certificate,
a 学时证明 printed in 2024 for 2016-2018 only.

The base forms of each person (推荐表, 公示, 考核表, 学历, 身份证, 评定表, 论文) are the same in every dossier of that person,
so an OCR cache reads them once.

    PROBE_OUT=/tmp/trust25 python scripts/probe_trust25/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust25-ocr.sqlite
    PROBE_OUT=/tmp/trust25 python scripts/probe_trust25/score.py OUT -v

Needs Pillow, numpy and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round  # noqa: E402

os.environ.setdefault("PROBE_OUT", "/tmp/trust25")
P22 = load_round(22)
T = P22.T
Leaf, stamp, scrawl, MM, rng = T.Leaf, T.stamp, T.scrawl, T.MM, T.rng
fmt = P22.fmt
OUT = Path(os.environ["PROBE_OUT"])
BASE_V = {"ds": "cn"}  # the person's base forms, the same in every dossier of theirs
RED = (170, 30, 30)


def pad(iso):
    """2021年03月05日, as 国家知识产权局 and 国家版权局 print dates."""
    return fmt(iso, "pad")


def patent(p, v):
    """A CNIPA 专利证书: everything dated in its upper half (申请日 above 授权公告日), the law's text and the 局长 below."""
    pt = v["patent"]
    kind = pt.get("kind", "发明")
    s = Leaf("pat25" + repr(sorted(pt.items())) + p["name"], paper=(250, 250, 246))
    s.d.rectangle((10 * MM, 10 * MM, 200 * MM, 287 * MM), outline=(120, 140, 170), width=10)
    s.text(105, 24, f"证书号第{pt['no']}号", 11, anchor="ma")
    s.text(105, 38, f"{kind}专利证书", 26, "kai", anchor="ma", ink=(40, 40, 40))
    noun = "发明" if kind == "发明" else "实用新型"
    y = 66
    inventors = "；".join(pt.get("inventors", [p["name"], "李国强", "王丽"]))
    for k, val in ((f"{noun}名称：", pt["title"]), ("发明人：" if kind == "发明" else "设计人：", inventors),
                   ("专利号：", f"ZL {pt['zl']}"), ("专利申请日：", pad(pt["filed"])), ("专利权人：", p.get("seal", p["unit"])),
                   ("地址：", "113000 辽宁省抚顺市新抚区浑河南路" + str(20 + len(p['name'])) + "号"),
                   ("授权公告日：", pad(pt["granted"])), ("授权公告号：", pt["pub"])):
        y = s.text(26, y, k + val, 12) + 1.5
    body = (f"国家知识产权局依照中华人民共和国专利法经过{'实质审查' if kind == '发明' else '初步审查'}，决定授予专利权，颁发{kind}专利证书"
            "并在专利登记簿上予以登记。专利权自授权公告之日起生效。")
    y += 8
    per = 30
    while body:
        y = s.text(26, y, body[:per], 11)
        body = body[per:]
    for t in (f"本专利的专利权期限为{'二十' if kind == '发明' else '十'}年，自申请日起算。专利权人应当依照专利法及其实施细则",
              f"规定缴纳年费。本专利的年费应当在每年{pt['filed'][5:7]}月{pt['filed'][8:]}日前缴纳。未按照规定缴纳年费的，",
              "专利权自应当缴纳年费期满之日起终止。",
              "专利证书记载专利权登记时的法律状况。专利权的转移、质押、无效、终止、恢复和",
              "专利权人的姓名或名称、国籍、地址变更等事项记载在专利登记簿上。"):
        y = s.text(26, y + 1, t, 10)
    s.text(140, 250, "局长", 13)
    s.text(155, 250, "申长雨", 15, "kai")
    stamp(s, 160, 238, "中华人民共和国国家知识产权局", r_mm=20, seed=11)
    s.text(105, 275, "第 1 页（共 1 页）", 9, anchor="ma")
    return [s]


def province_award(p, v):
    """A provincial government's 科学技术奖证书: 奖励年度, project, grade, the 获奖者 and the seal's date in 二〇二一年三月."""
    aw = v["paward"]
    s = Leaf("paw25" + repr(sorted(aw.items())) + p["name"], 297, 210, paper=(252, 246, 232))
    s.d.rectangle((8 * MM, 8 * MM, 289 * MM, 202 * MM), outline=(190, 150, 60), width=12)
    s.text(148, 22, "辽宁省科学技术奖", 28, "kai", anchor="ma", ink=RED)
    s.text(148, 40, "证  书", 24, "kai", anchor="ma", ink=RED)
    s.text(36, 62, "为表彰在推动科学技术进步中做出突出贡献者，特颁发此证书。", 14)
    y = 78
    winners = aw.get("winners", ["张建国", p["name"], "刘晓峰"])
    for k, val in (("奖励年度：", f"{aw['year']}年度"), ("项目名称：", aw["title"]), ("奖励等级：", aw["grade"]),
                   ("获 奖 者：", "、".join(winners)), ("证书编号：", f"{aw['year']}-J-3-0{40 + len(p['name'])}-02")):
        y = s.text(36, y, k + val, 14) + 2
    s.text(222, 156, "辽宁省人民政府", 16, anchor="ma")
    s.text(222, 168, fmt(aw["issued"], aw.get("ds", "cn")), 15, anchor="ma")
    stamp(s, 222, 156, "辽宁省人民政府", r_mm=23, seed=12)
    return [s]


def standard(p, v):
    """A local standard's cover (DB21/T, the dates before their labels on one line) and its 前言 naming the 起草人."""
    st = v["standard"]
    c = Leaf("std25" + repr(sorted(st.items())), paper=(253, 253, 253))
    c.text(20, 18, "ICS 13.020", 11)
    c.text(20, 25, "CCS Z 05", 11)
    c.text(188, 18, "DB21", 30, "hei", anchor="ra")
    c.text(105, 44, "辽  宁  省  地  方  标  准", 20, "hei", anchor="ma")
    c.rule(18, 58, 192, 58, w=4)
    c.text(188, 62, f"DB21/T {st['no']}—{st['issued'][:4]}", 13, "hei", anchor="ra")
    c.text(105, 100, st["title"], 20, "hei", anchor="ma")
    c.text(105, 116, st.get("en", "Technical specification for environmental monitoring"), 11, anchor="ma")
    c.rule(18, 250, 192, 250, w=3)
    c.text(22, 240, f"{st['issued']}发布", 14, "hei")
    c.text(188, 240, f"{st['effective']}实施", 14, "hei", anchor="ra")
    c.text(105, 262, "辽宁省市场监督管理局    发 布", 16, "hei", anchor="ma")
    f = Leaf("stdf25" + repr(sorted(st.items())) + p["name"], paper=(253, 253, 253))
    f.text(188, 14, f"DB21/T {st['no']}—{st['issued'][:4]}", 10, anchor="ra")
    f.text(105, 30, "前    言", 16, "hei", anchor="ma")
    y = 46
    for t in ("本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。",
              "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
              "本文件由辽宁省生态环境厅提出并归口。",
              "本文件起草单位：" + p.get("seal", p["unit"]) + "、辽宁省生态环境监测中心。",
              "本文件主要起草人：" + "、".join(st.get("drafters", ["赵卫东", p["name"], "孙丽娟", "周明"])) + "。",
              "本文件发布实施后，任何单位和个人如有问题和意见建议，均可以通过来电和来函等方式进行反馈，",
              "我们将及时答复并认真处理，根据实际情况依法进行评估及复审。"):
        while t:
            y = f.text(22, y, t[:34], 11)
            t = t[34:]
        y += 2
    return [c, f]


def acceptance(p, v):
    """A 科技计划项目结题证书: 项目编号, 立项日期, 起止时间, 验收日期, the issuing bureau's seal and its date."""
    ac = v["accept"]
    ds = ac.get("ds", "arabic")
    s = Leaf("acc25" + repr(sorted(ac.items())) + p["name"])
    s.text(105, 22, "抚顺市科技计划项目", 16, "hei", anchor="ma")
    s.text(105, 34, "结 题 证 书", 24, "hei", anchor="ma")
    s.text(188, 48, f"编号：FSKJ-JT-{ac['issued'][:4]}-0{30 + len(p['name'])}", 10, anchor="ra")
    xs, ys = s.grid(20, 56, (40, 130), (14, 14, 14, 14, 14, 14, 14))
    rows = (("项目编号", f"{ac['started'][:4]}FS0{17 + len(p['name'])}"), ("项目名称", ac["title"]),
            ("承担单位", p.get("seal", p["unit"])), ("项目负责人", p["name"]),
            ("立项日期", fmt(ac["started"], ds)), ("项目起止时间", f"{fmt(ac['started'][:7], ds)}至{fmt(ac['ended'][:7], ds)}"),
            ("验收日期", fmt(ac["accepted"], ds)))
    for i, (k, val) in enumerate(rows):
        s.text(xs[0] + 2, ys[i] + 4, k, 11)
        s.text(xs[1] + 2, ys[i] + 4, val, 11 if len(val) < 28 else 10)
    body = "该项目已按合同要求完成各项研究任务，经专家组验收合格，准予结题。"
    s.text(24, ys[-1] + 12, "\u3000\u3000" + body, 12)
    s.text(24, ys[-1] + 22, "\u3000\u3000特发此证。", 12)
    s.text(176, 210, "抚顺市科学技术局", 13, anchor="ra")
    s.text(172, 222, fmt(ac["issued"], ds), 13, anchor="ra")
    stamp(s, 152, 210, "抚顺市科学技术局", seed=13)
    return [s]


def software(p, v):
    """A 计算机软件著作权登记证书 of 国家版权局: 开发完成日期, 首次发表日期, the registration's date at the foot."""
    sw = v["soft"]
    ds = sw.get("ds", "pad")
    s = Leaf("sw25" + repr(sorted(sw.items())) + p["name"], paper=(250, 250, 244))
    s.d.rectangle((12 * MM, 12 * MM, 198 * MM, 285 * MM), outline=(170, 140, 70), width=8)
    s.text(105, 26, "中华人民共和国国家版权局", 16, "hei", anchor="ma")
    s.text(105, 40, "计算机软件著作权登记证书", 22, "kai", anchor="ma", ink=RED)
    s.text(105, 56, f"证书号：软著登字第{sw['cert']}号", 11, anchor="ma")
    y = 76
    published = fmt(sw["published"], ds) if sw.get("published") else "未发表"
    for k, val in (("软件名称：", sw["title"]), ("著作权人：", "；".join(sw.get("owners", [p["name"]]))),
                   ("开发完成日期：", fmt(sw["done"], ds)), ("首次发表日期：", published),
                   ("权利取得方式：", "原始取得"), ("权利范围：", "全部权利"), ("登记号：", f"{sw['registered'][:4]}SR{sw['cert'][:7]}")):
        y = s.text(28, y, k + val, 13) + 3
    body = ("根据《计算机软件保护条例》和《计算机软件著作权登记办法》的规定，经中国版权保护中心审核，对以上事项予以登记。")
    y += 6
    while body:
        y = s.text(28, y, body[:28], 12)
        body = body[28:]
    s.text(150, 245, fmt(sw["registered"], ds), 13, anchor="ma")
    stamp(s, 150, 232, "中华人民共和国国家版权局", r_mm=20, seed=14)
    s.text(105, 272, f"No. {sw['cert']}", 9, anchor="ma")
    return [s]


def qr(leaf: Leaf, x_mm, y_mm, seed, n=25, cell=1.0):
    r = rng("qr25", seed)
    for i in range(n):
        for j in range(n):
            finder = min(i, j) < 7 and max(i, j) < 7 or (i < 7 and j >= n - 7) or (i >= n - 7 and j < 7)
            if (finder and (i % 6 == 0 or j % 6 == 0 or 2 <= i % (n - 7) <= 4 and 2 <= j % (n - 7) <= 4)) or (not finder and r.random() < 0.5):
                leaf.d.rectangle(((x_mm + j * cell) * MM, (y_mm + i * cell) * MM, (x_mm + (j + 1) * cell) * MM - 1,
                                  (y_mm + (i + 1) * cell) * MM - 1), fill=(10, 10, 10))


def e_title(p, v):
    """A province's electronic 职称证书 printed from its portal: label | value table, 发证日期 below 取得资格时间, a QR."""
    et = v["etitle"]
    ds = et.get("ds", "pad")
    s = Leaf("et25" + repr(sorted(et.items())) + p["name"])
    s.text(105, 20, "辽宁省专业技术人员职称证书", 20, "hei", anchor="ma", ink=(20, 60, 130))
    s.text(105, 32, "（电子证书）", 12, anchor="ma")
    xs, ys = s.grid(22, 46, (44, 120), (13,) * 11)
    rows = (("姓名", p["name"]), ("性别", p["sex"]), ("身份证号", p["id"]), ("工作单位", p.get("seal", p["unit"])),
            ("系列", "工程系列"), ("专业", "生态环境"), ("级别", "初级"), ("资格名称", p["title"][0]),
            (et.get("label", "取得资格时间"), fmt(et["got"], ds)), ("评审（认定）机构", "抚顺市工程系列中初级评审委员会"),
            ("发证日期", fmt(et["issued"], ds)))
    for i, (k, val) in enumerate(rows):
        s.text(xs[0] + 2, ys[i] + 3.5, k, 11)
        s.text(xs[1] + 2, ys[i] + 3.5, val, 11)
    s.text(22, ys[-1] + 8, f"证书编号：LNZC{et['issued'][:4]}{p['id'][-6:]}", 11)
    s.text(22, ys[-1] + 16, "发证单位：辽宁省人力资源和社会保障厅", 11)
    qr(s, 150, ys[-1] + 6, p["name"] + et["issued"])
    s.text(162, ys[-1] + 34, "扫码验证", 9, anchor="ma")
    stamp(s, 120, ys[-1] + 20, et.get("seal", "辽宁省人力资源和社会保障厅"), r_mm=19, seed=15)
    s.text(22, 270, "本证书由辽宁省专业技术人才管理服务平台生成，可通过扫描二维码或登录平台查询真伪。", 9)
    return [s]


def jilin_title(p, v):
    """Another province's paper certificate (the applicant moved): a booklet opened flat, photo left, fields right,
    批准时间 and 批准文号, the issuing 人社厅 named and sealed."""
    jt = v["jilin"]
    s = Leaf("jl25" + repr(sorted(jt.items())) + p["name"], 297, 210, paper=(246, 240, 228))
    s.d.rectangle((8 * MM, 8 * MM, 289 * MM, 202 * MM), outline=(120, 30, 30), width=8)
    s.d.line((148 * MM, 8 * MM, 148 * MM, 202 * MM), fill=(200, 190, 170), width=3)
    s.d.rectangle((40 * MM, 40 * MM, 75 * MM, 85 * MM), fill=(205, 215, 228))
    s.text(78, 110, "吉林省专业技术资格证书", 17, "kai", anchor="ma", ink=(120, 30, 30))
    s.text(78, 130, f"管理号：JL{jt['approved'][:4]}0{len(p['name'])}3817", 11, anchor="ma")
    s.text(78, 175, jt.get("issuer", "吉林省人力资源和社会保障厅"), 13, anchor="ma")
    stamp(s, 78, 168, jt.get("seal", "吉林省人力资源和社会保障厅"), r_mm=21, seed=16)
    y = 30
    for k, val in (("姓    名", p["name"]), ("性    别", p["sex"]), ("出生年月", fmt(p["birth"][:4] + "-" + p["birth"][4:6], "arabic")),
                   ("工作单位", "长春市环境监测中心站"), ("专    业", "环境工程"), ("资格名称", p["title"][0]),
                   ("评审组织", "吉林省工程系列环境专业中级评审委员会"), ("批准文号", f"吉人社职字〔{jt['approved'][:4]}〕45号"),
                   ("批准时间", fmt(jt["approved"], "arabic")), ("发证时间", fmt(jt["issued"], "arabic"))):
        y = s.text(160, y, f"{k}：{val}", 12 if len(val) < 16 else 11) + 3
    return [s]


def degree(p, v):
    """A 学士学位证书 (授予日期 in Chinese numerals) and the 毕业证书 (毕业 date) as applicants add them."""
    g = Leaf("deg25" + p["name"], 297, 210, paper=(250, 246, 236))
    g.text(148, 26, "学士学位证书", 26, "kai", anchor="ma", ink=RED)
    g.d.rectangle((36 * MM, 50 * MM, 70 * MM, 95 * MM), fill=(205, 215, 228))
    g.text(90, 60, f"{p['name']}，{p['sex']}，{fmt(p['birth'][:4] + '-' + p['birth'][4:6] + '-' + p['birth'][6:], 'arabic')}生。", 14)
    g.text(90, 74, f"在{p['school']}{p['major']}专业完成了本科学习计划，业已毕业。", 14)
    g.text(90, 88, "经审核符合《中华人民共和国学位条例》的规定，授予工学学士学位。", 14)
    g.text(210, 130, f"{p['school']}", 14, anchor="ma")
    g.text(210, 140, "学位评定委员会主席", 12, anchor="ma")
    g.text(210, 156, fmt("2010-06-28", "cn"), 14, anchor="ma")
    g.text(40, 180, f"证书编号：1014042010000{p['id'][-4:]}", 11)
    stamp(g, 210, 140, p["school"], r_mm=21, seed=17)
    b = Leaf("grd25" + p["name"], 297, 210, paper=(250, 246, 236))
    b.text(148, 26, "普通高等学校毕业证书", 24, "kai", anchor="ma", ink=RED)
    b.d.rectangle((36 * MM, 50 * MM, 70 * MM, 95 * MM), fill=(205, 215, 228))
    b.text(90, 60, f"学生{p['name']}，性别{p['sex']}，{fmt(p['birth'][:4] + '-' + p['birth'][4:6] + '-' + p['birth'][6:], 'arabic')}生，", 14)
    b.text(90, 74, f"于二〇〇六年九月至二〇一〇年七月在本校{p['major']}专业", 14)
    b.text(90, 88, "四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。", 14)
    b.text(210, 130, f"校（院）长：{p['school'][:2]}", 13, anchor="ma")
    b.text(210, 146, "二〇一〇年七月一日", 14, anchor="ma")
    b.text(40, 180, f"证书编号：101401201005000{p['id'][-3:]}", 11)
    stamp(b, 210, 136, p["school"], r_mm=21, seed=18)
    return [g, b]


def ce_years(p, v):
    """A 继续教育学时证明 of the provincial platform listing several years' hours, printed in 2024."""
    years = v["ce_years"]
    s = Leaf("ce25" + p["name"] + repr(years))
    s.text(105, 22, "专业技术人员继续教育学时证明", 18, "hei", anchor="ma")
    s.text(22, 38, f"姓名：{p['name']}    身份证号：{p['id']}", 11)
    s.text(22, 46, f"工作单位：{p.get('seal', p['unit'])}", 11)
    xs, ys = s.grid(22, 56, (30, 52, 30, 30, 24), (12,) * (len(years) + 1))
    for j, t in enumerate(("年度", "培训项目", "公需科目", "专业科目", "合计")):
        s.text(xs[j] + 2, ys[0] + 3, t, 11)
    for i, yr in enumerate(years, 1):
        for j, t in enumerate((f"{yr}年", "专业技术人员继续教育", "30", str(60 + yr % 7), str(90 + yr % 7))):
            s.text(xs[j] + 2, ys[i] + 3, t, 11)
    s.text(22, ys[-1] + 12, "以上学时经辽宁省专业技术人员继续教育服务平台审核认定。", 11)
    s.text(185, ys[-1] + 30, "辽宁省专业技术人员继续教育服务平台", 11, anchor="ra")
    s.text(185, ys[-1] + 40, "打印日期：2024年09月20日", 11, anchor="ra")
    return [s]


def society_award(p, v):
    """A learned society's 科学技术奖 certificate: 奖励年度, 获奖时间 and 颁发日期 printed as labels, dates as 2021.3.5."""
    sa = v["society"]
    ds = sa.get("ds", "dotnz")
    show = (lambda iso: ".".join(str(int(x)) for x in iso.split("-"))) if ds == "dotnz" else (lambda iso: fmt(iso, ds))
    s = Leaf("soc25" + repr(sorted(sa.items())) + p["name"], 297, 210, paper=(250, 248, 240))
    s.d.rectangle((10 * MM, 10 * MM, 287 * MM, 200 * MM), outline=(60, 90, 150), width=10)
    s.text(148, 24, "获 奖 证 书", 28, "kai", anchor="ma", ink=RED)
    s.text(40, 52, f"{p['name']}：", 15)
    s.text(52, 68, f"你参与完成的“{sa['title']}”项目，荣获{sa['year']}年度中国环境科学学会环境保护", 14)
    s.text(40, 82, f"科学技术奖{sa['grade']}。特发此证，以资鼓励。", 14)
    y = 104
    for k, val in (("奖励年度：", f"{sa['year']}年度"), ("获奖时间：", show(sa["won"])), ("证书编号：", f"HJKJ{sa['year']}-{sa['grade'][0]}-0{len(p['name'])}7")):
        y = s.text(40, y, k + val, 13) + 2
    s.text(222, 150, "中国环境科学学会", 15, anchor="ma")
    s.text(222, 162, "颁发日期：" + show(sa["issued"]), 13, anchor="ma")
    stamp(s, 222, 150, "中国环境科学学会", r_mm=21, seed=19)
    return [s]


def acceptance_opinion(p, v):
    """A 项目验收意见 of the expert group: 验收时间 under its label, the group leader's signature, the organising body's
    seal over 组织验收单位（盖章）：<its name>, and its date."""
    ao = v["opinion"]
    s = Leaf("ao25" + repr(sorted(ao.items())) + p["name"])
    s.text(105, 20, "抚顺市科技计划项目验收意见", 18, "hei", anchor="ma")
    y = 36
    for k, val in (("项目名称：", ao["title"]), ("承担单位：", p.get("seal", p["unit"])), ("项目负责人：", p["name"]),
                   ("验收方式：", "会议验收"), ("验收时间：", fmt(ao["accepted"], "arabic"))):
        y = s.text(22, y, k + val, 12) + 1.5
    body = ("2021年3月，抚顺市科学技术局组织专家对该项目进行了验收。专家组听取了项目组的工作汇报，审阅了相关技术资料，"
            "经质询和讨论，认为该项目完成了任务书规定的各项研究内容，技术资料齐全，数据翔实可靠，一致同意该项目通过验收。")
    body = body.replace("2021年3月", fmt(ao["accepted"][:7], "arabic"))
    y += 6
    while body:
        y = s.text(22, y, body[:30], 12)
        body = body[30:]
    s.text(22, y + 10, "专家组组长（签字）：", 12)
    scrawl(s, 70, y + 13, p["name"] + "expert25")
    s.text(22, 200, "组织验收单位（盖章）：抚顺市科学技术局", 12)
    stamp(s, 82, 196, "抚顺市科学技术局", seed=20)
    s.text(150, 214, fmt(ao["accepted"], "arabic"), 12)
    return [s]


def dossier(p, v):
    """The person's base forms (the same in each of their dossiers), the title certificate as the variant says, and
    the evidence pages."""
    q = dict(p, unit=p.get("seal", p["unit"]))
    docs = [("推荐表", P22.recommendation(p, BASE_V)), ("公示", P22.publicity(p, BASE_V))]
    for yr in (2021, 2022, 2023):
        docs.append((f"{yr}考核", P22.assessment(p, yr, BASE_V)))
    docs += [("学历认证", T.education(q, dict(BASE_V, pinyin="")))]
    docs.append(("继续教育", ce_years(q, v) if v.get("ce_years") else T.continuing(q, BASE_V)))
    docs.append(("身份证", P22.id_card(p, BASE_V)))
    if v.get("etitle"):
        docs.append(("职称证", e_title(p, v)))
    elif v.get("jilin"):
        docs.append(("职称证", jilin_title(p, v)))
    else:
        docs.append(("职称证", P22.title_cert(p, BASE_V)))
    docs.append(("评定表", T.evaluation(q, BASE_V)))
    for key, fn, name in (("patent", patent, "专利证书"), ("paward", province_award, "科技奖证书"), ("society", society_award, "学会奖证书"),
                          ("standard", standard, "地方标准"),
                          ("accept", acceptance, "结题证书"), ("soft", software, "软件著作权"), ("opinion", acceptance_opinion, "验收意见")):
        if v.get(key):
            docs.append((name, fn(p, v)))
    if v.get("degree"):
        docs.append(("学位毕业证", degree(p, v)))
    docs.append(("论文", T.journal(q, BASE_V)))
    return docs


def yaml_text(p, v):
    text = P22.yaml_text(dict(p, award=None, proof=None), {})
    claims = v.get("claims", [])
    if claims:
        text += "awards:\n" + "".join(f"  - title: {t}\n    date: {d}\n" for t, d in claims)
    return text


SET = [
    # (key, person, variant, planted rule, expect)
    # --- clean: the earlier date before the title, the date that counts after it
    ("C01", "E", {"patent": dict(title="一种地表水断面水质异常预警方法", no="4512873", zl="2018 1 0203456.1", filed="2018-03-05",
                                 granted="2021-06-18", pub="CN 108398765 B"),
                  "claims": [("一种地表水断面水质异常预警方法（发明专利）", "2021-06")]}, None, None),
    ("C02", "A", {"patent": dict(kind="实用新型", title="一种餐饮油烟在线监测采样装置", no="7304519", zl="2017 2 0561234.5",
                                 filed="2017-05-10", granted="2018-03-27", pub="CN 207123456 U"),
                  "claims": [("一种餐饮油烟在线监测采样装置", "2018-03-27")]}, None, None),
    ("C03", "B", {"paward": dict(year=2020, title="浑河流域水体氮磷污染溯源与控制技术研究", grade="三等奖", issued="2021-03"),
                  "claims": [("浑河流域水体氮磷污染溯源与控制技术研究 辽宁省科学技术奖三等奖", "2021-03")]}, None, None),
    ("C04", "C", {"standard": dict(no="3345", title="农村生活污水处理设施运行维护技术规范", issued="2020-11-20",
                                   effective="2020-12-20"),
                  "claims": [("农村生活污水处理设施运行维护技术规范（DB21/T 3345—2020）", "2020-11-20")]}, None, None),
    ("C05", "D", {"accept": dict(title="望花区工业园区土壤重金属污染风险评估研究", started="2018-06-15", ended="2020-12-31",
                                 accepted="2021-03-05", issued="2021-04-10"),
                  "claims": [("望花区工业园区土壤重金属污染风险评估研究（市科技计划项目结题）", "2021-03-05")]}, None, None),
    ("C06", "E", {"soft": dict(title="东洲区地表水断面水质预警平台V1.0", cert="5123456", done="2019-11-20", registered="2020-03-05"),
                  "claims": [("东洲区地表水断面水质预警平台V1.0（软件著作权）", "2020-03-05")]}, None, None),
    ("C07", "E", {"etitle": dict(got="2019-12-30", issued="2020-03-15")}, None, None),
    ("C08", "C", {"etitle": dict(got="2019-12-30", issued="2020-02-20", ds="dot", label="评审通过时间")}, None, None),
    ("C09", "A", {"jilin": dict(approved="2017-12-28", issued="2018-03-10")}, None, None),
    ("C10", "B", {"degree": True}, None, None),
    ("C11", "D", {"ce_years": (2021, 2022, 2023)}, None, None),
    ("C12", "E", {"paward": dict(year=2019, title="东洲区河流断面水质预警技术研究", grade="二等奖", issued="2020-04"),
                  "claims": [("东洲区河流断面水质预警技术研究 辽宁省科学技术奖二等奖", "2020-04")]}, None, None),
    ("C13", "C", {"patent": dict(kind="实用新型", title="一种农村污水一体化处理设备", no="11034567", zl="2019 2 0876543.2",
                                 filed="2019-06-11", granted="2020-09-22", pub="CN 211234567 U"),
                  "claims": [("一种农村污水一体化处理设备（实用新型专利）", "2020-09-22")]}, None, None),
    ("C14", "B", {"soft": dict(title="浑河水质自动监测数据管理系统V2.0", cert="6234567", done="2020-03-01", published="2020-05-01",
                               registered="2020-09-10", ds="arabic"),
                  "claims": [("浑河水质自动监测数据管理系统V2.0", "2020-09")]}, None, None),
    ("C15", "A", {"accept": dict(title="新抚区餐饮油烟污染治理技术推广", started="2017-01-10", ended="2018-06-30",
                                 accepted="2018-07-12", issued="2018-08-20", ds="pad"),
                  "claims": [("新抚区餐饮油烟污染治理技术推广（结题）", "2018-07")]}, None, None),
    ("C16", "D", {"etitle": dict(got="2018-12-26", issued="2019-03-01"), "ce_years": (2020, 2021, 2022, 2023)}, None, None),
    # --- planted: the date that counts before the title, a later date beside it or claimed
    ("P01", "E", {"patent": dict(title="一种水质预警采样装置的控制方法", no="3498765", zl="2018 1 0123456.7", filed="2018-03-05",
                                 granted="2019-08-20", pub="CN 108234567 B"),
                  "claims": [("一种水质预警采样装置的控制方法（发明专利）", "2019-08")]}, "evidence.after_title", None),
    ("P02", "E", {"patent": dict(title="一种水质预警采样装置的控制方法", no="3498765", zl="2018 1 0123456.7", filed="2018-03-05",
                                 granted="2019-08-20", pub="CN 108234567 B"),
                  "claims": [("一种水质预警采样装置的控制方法（发明专利）", "2020-08")]}, "evidence.after_title", None),
    ("P03", "C", {"standard": dict(no="3188", title="县域农村生活污水排放监测技术规范", issued="2019-10-15", effective="2020-01-15"),
                  "claims": [("县域农村生活污水排放监测技术规范（DB21/T 3188—2019）", "2019-10-15")]}, "evidence.after_title", None),
    ("P04", "C", {"standard": dict(no="3188", title="县域农村生活污水排放监测技术规范", issued="2019-10-15", effective="2020-01-15"),
                  "claims": [("县域农村生活污水排放监测技术规范（DB21/T 3188—2019）", "2020-01-15")]}, "evidence.after_title", None),
    ("P05", "E", {"soft": dict(title="河流断面水质数据采集软件V1.0", cert="4456789", done="2019-03-01", registered="2019-09-12"),
                  "claims": [("河流断面水质数据采集软件V1.0（软件著作权）", "2019-09")]}, "evidence.after_title", None),
    ("P06", "E", {"soft": dict(title="河流断面水质数据采集软件V1.0", cert="4456789", done="2019-03-01", published="2019-05-01",
                               registered="2019-09-12"),
                  "claims": [("河流断面水质数据采集软件V1.0（软件著作权）", "2020-01")]}, "evidence.after_title", None),
    ("P07", "D", {"accept": dict(title="望花区工业园区地下水污染状况调查研究", started="2017-06-15", ended="2018-10-31",
                                 accepted="2018-11-20", issued="2019-03-15"),
                  "claims": [("望花区工业园区地下水污染状况调查研究（市科技计划项目结题）", "2019-03")]}, "evidence.after_title", None),
    ("P08", "B", {"paward": dict(year=2019, title="浑河抚顺段水环境容量核定研究", grade="三等奖", issued="2020-03"),
                  "claims": [("浑河抚顺段水环境容量核定研究 辽宁省科学技术奖三等奖", "2020-03")]}, "evidence.after_title", None),
    ("P09", "B", {"paward": dict(year=2021, title="浑河流域水体氮磷污染溯源与控制技术研究", grade="三等奖", issued="2022-03",
                                 winners=["张建国", "阿依努尔·买买提", "刘晓峰"]),
                  "claims": [("浑河流域水体氮磷污染溯源与控制技术研究 辽宁省科学技术奖三等奖", "2022-03")]}, "identity.name", None),
    ("P10", "E", {"etitle": dict(got="2018-12-30", issued="2019-12-30")}, "title.date", None),
    ("P11", "C", {"etitle": dict(got="2020-12-30", issued="2021-03-01", ds="dot", label="评审通过时间")}, "title.date", None),
    ("P12", "A", {"jilin": dict(approved="2017-12-28", issued="2018-03-10", seal="长春市人力资源和社会保障局")}, "seal.unit", None),
    ("P13", "A", {"jilin": dict(approved="2016-12-28", issued="2017-12-28")}, "title.date", None),
    ("P14", "D", {"ce_years": (2016, 2017, 2018)}, "dossier.required", None),
    ("P15", "E", {"patent": dict(title="一种地表水断面水质异常预警方法", no="4512873", zl="2018 1 0203456.1", filed="2018-03-05",
                                 granted="2021-06-18", pub="CN 108398765 B", inventors=["李国强", "王丽", "赵海涛"]),
                  "claims": [("一种地表水断面水质异常预警方法（发明专利）", "2021-06")]}, "identity.name", None),
    ("P16", "C", {"accept": dict(title="县域农村生活污水治理模式研究", started="2018-05-10", ended="2019-09-30",
                                 accepted="2019-10-15", issued="2020-01-10", ds="dot"),
                  "claims": [("县域农村生活污水治理模式研究（市科技计划项目结题）", "2020-01")]}, "evidence.after_title", None),
    ("P17", "D", {"paward": dict(year=2018, title="抚顺市工业园区土壤污染防治技术研究", grade="三等奖", issued="2018-11"),
                  "claims": [("抚顺市工业园区土壤污染防治技术研究 辽宁省科学技术奖三等奖", "2018-11")]}, "evidence.after_title", None),
    ("P18", "B", {"soft": dict(title="环境监测质控数据审核软件V1.0", cert="5012345", done="2019-12-01", registered="2020-05-20",
                               ds="dot"),
                  "claims": [("环境监测质控数据审核软件V1.0", "2020-05")]}, "evidence.after_title", None),
    # added after the first run (same generator): a learned society's award dated 2021.3.5, an e-certificate in Chinese
    # numerals, a society award won before the title and issued after it, a registration dated in Chinese numerals
    ("C17", "C", {"society": dict(year=2020, title="县域农村生活污水治理模式与成效评估", grade="三等奖", won="2020-12-18",
                                  issued="2021-3-5"),
                  "claims": [("县域农村生活污水治理模式与成效评估 中国环境科学学会环境保护科学技术奖三等奖", "2021-03")]}, None, None),
    ("C18", "A", {"etitle": dict(got="2017-12-28", issued="2018-04-02", ds="cn", label="评审通过时间")}, None, None),
    ("P19", "E", {"society": dict(year=2019, title="东洲区河流断面水质预警技术研究", grade="二等奖", won="2019-06-05",
                                  issued="2020-1-10"),
                  "claims": [("东洲区河流断面水质预警技术研究 中国环境科学学会环境保护科学技术奖二等奖", "2020-01")]},
     "evidence.after_title", None),
    ("P20", "E", {"soft": dict(title="河流断面水质数据采集软件V1.0", cert="4456789", done="2019-03-01", registered="2019-09-12",
                               ds="cn"),
                  "claims": [("河流断面水质数据采集软件V1.0（软件著作权）", "2019-09")]}, "evidence.after_title", None),
    # added last: the expert group's 验收意见, the organising bureau's seal over 组织验收单位（盖章）：<its name>
    ("C19", "B", {"opinion": dict(title="浑河抚顺段水体氮磷营养盐变化特征研究", accepted="2021-03-26"),
                  "claims": [("浑河抚顺段水体氮磷营养盐变化特征研究（市科技计划项目验收）", "2021-03-26")]}, None, None),
    ("P21", "B", {"opinion": dict(title="浑河抚顺段水体氮磷营养盐变化特征研究", accepted="2020-05-26"),
                  "claims": [("浑河抚顺段水体氮磷营养盐变化特征研究（市科技计划项目验收）", "2020-05-26")]}, "evidence.after_title", None),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, v, planted, expect in SET:
        p = dict(P22.PEOPLE[who], award=None, proof=None)
        P22.write(root / k, dossier(p, v))
        (root / k / "applicant.yaml").write_text(yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "issuers25", "person": who, "variant": {a: str(b) for a, b in v.items()}}
        if expect:
            key[k]["expect"] = expect
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
