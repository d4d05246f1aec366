"""Probe round 22 (issue 13): THE WORDS REAL DOSSIERS USE. Earlier rounds varied the capture (scans, photos, faxes,
PDFs, archives); here every page is a plain clean scan (probe_trust16's page model: Leaf, stamp, scrawl) and what
varies is the text, as applicants, HR offices and issuing bodies write it:

- names: rare characters (堃 喆 燚 琇 昇 犇 淼 玥), compound surnames (欧阳 司马 上官), a minority name whose middle dot
  is printed as ·, ・, ‧, • or left out (阿依古丽·买买提), a two-character name printed with a space (王 明);
- units: the 2018-19 reform renamed 环境保护局 to 生态环境局, so the title certificate and achievements from before
  2019 carry the OLD name and the old seal (declared in applicant.yaml's ``unit_aliases``, as DOSSIER.md allows);
  full-width brackets in the claim, half-width on the forms (抚顺市生态环境局（顺城分局） / (顺城分局)); a form that
  writes the unit short (新抚生态环境分局) beside its seal's full name (抚顺市生态环境局新抚分局);
- dates in every style: 二〇一九年十二月三十日, 二O一九 / 二零一九, 2019.12.30, 2019/12/30, 2019-12, 2019年 12月 30日,
  19年12月; applicant.yaml's dates typed 2017年12月28日, 2017.12.28, 20171228;
- the title as certificates phrase it (助理工程师（生态环境）, 环境工程 助理工程师, 初级（助理工程师）) and the level
  applied for (工程师, 工程师（生态环境）, 中级工程师, 环境工程 工程师);
- ID numbers with a lowercase x, printed in groups with spaces, the card's birth date 1976年06月15日 or 19760615;
- a publicity period 自…起至…止; a current title typed 初级工程师; a junior title recognised (考核认定), its
  certificate dated under 资格认定时间; a pre-2019 proof stamped with the former name, no alias declared;
- grades as forms write them: 称职, 合格（称职）, 合  格 spread over its cell, an enterprise scale's 较差.

Planted defects are the contract's, written in the same styles: an out-of-period date in Chinese numerals, a name one
rare character off, a neighbouring unit's seal beside the unit's short name on the form, a year printed 二〇二〇年度.

    PROBE_OUT=/tmp/trust22 python scripts/probe_trust22/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust22 python scripts/probe_trust22/score.py OUT -v

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

os.environ.setdefault("PROBE_OUT", "/tmp/trust22")
T = load_round(16)
Leaf, stamp, scrawl, MM, rng = T.Leaf, T.stamp, T.scrawl, T.MM, T.rng
OUT = Path(os.environ["PROBE_OUT"])
HAND = (30, 40, 140)
CN = "〇一二三四五六七八九"


def cn_num(n: int) -> str:
    """12 -> 十二, 30 -> 三十, 5 -> 五 (a month's or day's number as documents write it)."""
    if n < 10:
        return CN[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else CN[t]) + "十" + (CN[o] if o else "")


def fmt(iso: str, style: str) -> str:
    """A date as a document writes it. iso: YYYY-MM or YYYY-MM-DD."""
    y, m, *d = iso.split("-")
    d = d[0] if d else None
    zero = {"cn": "〇", "cnO": "O", "cn0": "零"}.get(style)
    if zero:
        s = "".join(CN[int(c)] for c in y).replace("〇", zero) + "年" + cn_num(int(m)) + "月"
        return s + (cn_num(int(d)) + "日" if d else "")
    if style == "dot":
        return f"{y}.{m}" + (f".{d}" if d else "")
    if style == "slash":
        return f"{y}/{m}" + (f"/{d}" if d else "")
    if style == "dash":  # 2019-12 where the month is what is said, 2024-10-14 where the day is
        return f"{y}-{m}" + (f"-{d}" if d else "")
    if style == "spaced":
        return f"{y}年 {int(m)}月" + (f" {int(d)}日" if d else "")
    if style == "yy":
        return f"{y[2:]}年{int(m)}月" + (f"{int(d)}日" if d else "")
    if style == "pad":
        return f"{y}年{m}月" + (f"{d}日" if d else "")
    return f"{int(y)}年{int(m)}月" + (f"{int(d)}日" if d else "")


PEOPLE = {
    # new-shape unit after the 2019 reform; title and pre-2019 work under the old name
    "A": dict(name="欧阳燚", sex="男", birth="19830316", region="210402", seq="035",
              unit="抚顺市生态环境局新抚分局", short="新抚生态环境分局", aliases=["抚顺市新抚区环境保护局"],
              old="抚顺市新抚区环境保护局", specialty="生态环境管理", level="工程师", title=("助理工程师", "2017-12-28"),
              award=dict(title="抚顺市环境保护科学技术奖三等奖", date="2018-11", issuer="抚顺市环境保护局",
                         work="新抚区餐饮油烟污染治理技术推广"),
              proof=dict(title="新抚区重点企业挥发性有机物排查报告", date="2018-10-20"),
              paper=dict(title="城区餐饮油烟排放特征及监管对策研究", journal="环境保护科学", issn="1004-6216",
                         cn="21-1135/X", date="2021-06", vol="第47卷第3期", sponsor="沈阳环境科学研究院"),
              school="沈阳大学", major="环境工程"),
    "B": dict(name="阿依古丽·买买提", sex="女", birth="19880521", region="210411", seq="046",
              unit="抚顺市生态环境局（顺城分局）", seal="抚顺市生态环境局顺城分局", specialty="生态环境监测", level="工程师",
              title=("助理工程师", "2020-06-30"), award=None, proof=None,
              paper=dict(title="浑河抚顺段水体氮磷营养盐变化特征分析", journal="环境工程", issn="1000-8942",
                         cn="11-2097/X", date="2022-03", vol="第40卷第3期", sponsor="中冶建筑研究总院有限公司"),
              school="新疆大学", major="环境科学"),
    "C": dict(name="王明", sex="男", birth="19760615", region="210421", seq="019",
              unit="抚顺县生态环境保护服务中心", specialty="生态环境工程", level="工程师",
              title=("助理工程师", "2019-12-30"), award=None, proof=None,
              paper=dict(title="县域农村生活污水治理模式与成效评估", journal="中国环境管理", issn="1674-6252",
                         cn="11-5806/X", date="2022-04", vol="第14卷第2期", sponsor="生态环境部环境发展中心"),
              school="沈阳建筑大学", major="给水排水工程"),
    "D": dict(name="司马喆", sex="男", birth="19900828", region="210404", seq="011",
              unit="抚顺市生态环境局望花分局", short="望花生态环境分局", aliases=["抚顺市望花区环境保护局"],
              old="抚顺市望花区环境保护局", specialty="生态环境监测", level="工程师", title=("助理工程师", "2018-12-26"),
              award=None, proof=dict(title="望花区工业园区土壤污染状况调查报告", date="2019-01-15"),
              paper=dict(title="工业园区土壤重金属污染状况调查与评价", journal="环境保护科学", issn="1004-6216",
                         cn="21-1135/X", date="2022-08", vol="第48卷第4期", sponsor="沈阳环境科学研究院"),
              school="辽宁石油化工大学", major="环境工程"),
    "E": dict(name="上官玥", sex="女", birth="19921109", region="210403", seq="062",
              unit="抚顺市东洲区生态环境事务服务中心", specialty="生态环境科研", level="工程师",
              title=("助理工程师", "2019-12-30"),
              award=dict(title="抚顺市生态环境科学技术奖二等奖", date="2021-12", issuer="抚顺市生态环境局",
                         work="东洲区河流断面水质预警技术研究"), proof=None,
              paper=dict(title="东洲区地表水断面水质预警模型构建与应用", journal="环境工程", issn="1000-8942",
                         cn="11-2097/X", date="2021-11", vol="第39卷第11期", sponsor="中冶建筑研究总院有限公司"),
              school="辽宁大学", major="环境科学"),
}
for _k, _p in PEOPLE.items():
    seq = _p["seq"]
    _p["id"] = T.ric(_p["region"], _p["birth"], seq)
    if _k == "C":  # a number whose check digit is X, as 1 in 11 are
        seq = next(f"{n:03d}" for n in range(19, 999, 2) if T.ric(_p["region"], _p["birth"], f"{n:03d}").endswith("X"))
        _p["seq"], _p["id"] = seq, T.ric(_p["region"], _p["birth"], seq)


def shown_name(p, v, doc):
    """The applicant's name as this document prints it."""
    n = v.get("names", {}).get(doc, v.get("print_name", p["name"]))
    return n


def shown_unit(p, v, doc, year=None):
    if year is not None and year < 2019 and p.get("old"):
        return p["old"]
    return v.get("units", {}).get(doc, v.get("print_unit", p["unit"]))


def seal_of(p, v, doc, year=None):
    if year is not None and year < 2019 and p.get("old"):
        return p["old"]
    return v.get("seals", {}).get(doc, p.get("seal", p["unit"]))


def idnum(p, v, where):
    """The ID number as printed: 18 digits, a lowercase x, or in groups (6 8 4)."""
    n = v.get("id_on_card", p["id"]) if where == "card" else p["id"]
    style = v.get("id_style", {}).get(where, "")
    if "x" in style:
        n = n.replace("X", "x")
    if "groups" in style:
        n = n[:6] + " " + n[6:14] + " " + n[14:]
    return n


def recommendation(p, v):
    ds = v.get("ds", "cn")
    a = Leaf("r22a" + p["name"] + repr(sorted(map(str, v.items()))))
    a.text(105, 16, "专业技术资格评审推荐表", 20, "hei", anchor="ma")
    a.text(188, 28, "填表日期：" + fmt("2024-10-20", ds), 10, anchor="ra")
    xs, ys = a.grid(18, 34, (32, 58, 30, 54), (14, 14, 14, 14, 14, 14, 56))
    rows = [("姓    名", shown_name(p, v, "rec"), "性    别", p["sex"]),
            ("出生年月", fmt(p["birth"][:4] + "-" + p["birth"][4:6], v.get("ds_birth", ds)), "申报资格", v.get("level_phrase", p["level"])),
            ("工作单位", shown_unit(p, v, "rec"), "", ""),
            ("现资格名称", v.get("title_phrase", p["title"][0]), "取得时间", fmt(p["title"][1], v.get("ds_title", ds))),
            ("身份证号", idnum(p, v, "form"), "", ""),
            ("申报专业", p["specialty"], "从事专业", v.get("field", "环境工程"))]
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            if t:
                a.text(xs[j] + 2, ys[i] + 4, t, 10 if (j % 2 and len(t) > 9) else 11)
    a.text(xs[0] + 2, ys[6] + 4, "单位推荐意见", 11)
    a.text(xs[1] + 3, ys[6] + 6, "经审核，该同志所报材料真实有效，同意推荐。", 12, hand=True, ink=HAND)
    a.text(xs[1] + 3, ys[6] + 30, "单位负责人签字：", 11)
    scrawl(a, xs[1] + 40, ys[6] + 33, p["name"] + "boss22")
    a.text(xs[1] + 90, ys[6] + 46, fmt("2024-10-25", ds), 11)
    stamp(a, xs[1] + 105, ys[6] + 34, seal_of(p, v, "rec"), seed=22)
    a.text(22, 240, "本人承诺以上内容真实。申报人签名：", 11)
    scrawl(a, 100, 243, p["name"] + "self22")
    return [a]


def publicity(p, v):
    ds = v.get("ds_pub", v.get("ds", "cn"))
    start, end = v.get("pub", ("2024-10-14", "2024-10-18"))
    rng_text = v.get("pub_text") or f"{fmt(start, ds)}至{fmt(end, ds)}"
    s = Leaf("pub22" + p["name"] + rng_text)
    s.text(105, 30, "关于申报专业技术资格人员的", 17, "hei", anchor="ma")
    s.text(105, 42, "公示结果", 17, "hei", anchor="ma")
    body = (f"我单位{'' if rng_text.startswith('自') else '已于'}{rng_text}将{shown_name(p, v, 'pub')}同志申报{v.get('level_phrase', p['level'])}专业技术资格的材料"
            "在单位内部进行公示。公示期间，未收到任何单位和个人的异议。")
    y, per = 62, 27
    body = "\u3000\u3000" + body
    while body:
        y = s.text(22, y, body[:per], 13)
        body = body[per:]
    s.text(22, y + 4, "\u3000\u3000特此证明。", 13)
    s.text(180, 150, shown_unit(p, v, "pub"), 13, anchor="ra")
    s.text(170, 160, fmt("2024-10-21", ds), 13, anchor="ra")
    stamp(s, 150, 150, seal_of(p, v, "pub"), seed=2)
    return [s]


def assessment(p, year, v):
    ys_style = v.get("ds_year", {}).get(year, "")
    printed = v.get("ass_year_printed", {}).get(year, year)
    grade = v.get("grades", {}).get(year, v.get("grade_word", "合格"))
    sealed = v.get("ass_sealless") != year
    yt = fmt(f"{printed}-01", ys_style).split("年")[0] if ys_style else str(printed)
    s = Leaf(f"ass22-{year}-{yt}-{grade}-{sealed}-{p['name']}-{v.get('names', {}).get(year)}-{v.get('seals', {}).get(year)}")
    s.text(105, 20, f"{yt}年度专业技术人员考核登记表", 17, "hei", anchor="ma")
    xs, ys = s.grid(18, 36, (28, 50, 28, 68), (13, 13, 13, 80, 40, 14, 58))
    rows = [("姓名", shown_name(p, v, year), "性别", p["sex"]), ("单位", shown_unit(p, v, year), "", ""),
            ("岗位", "专业技术岗", "职务", v.get("title_phrase", p["title"][0]))]
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            if t:
                s.text(xs[j] + 2, ys[i] + 3.5, t, 10 if j % 2 and len(t) > 9 else 11)
    s.text(xs[0] + 2, ys[3] + 4, "个人总结", 11)
    for k, t in enumerate(("本年度认真履行岗位职责，积极参与辖区环境质量", "监测和污染源调查工作，按时完成各项任务。")):
        s.text(xs[1] + 2, ys[3] + 5 + k * 8, t, 11)
    s.text(xs[0] + 2, ys[4] + 4, "主管领导评语", 10)
    s.text(xs[1] + 2, ys[4] + 5, "工作认真负责，完成任务较好。", 11)
    s.text(xs[0] + 2, ys[5] + 3.5, "考核等次", 11)
    s.text(xs[1] + 2, ys[5] + 3, grade, 12)
    s.text(xs[0] + 2, ys[6] + 4, "单位意见", 11)
    s.text(xs[1] + 2, ys[6] + 6, "同意。", 11)
    s.text(xs[1] + 85, ys[6] + 44, fmt(f"{year + 1}-01-{8 + year % 9:02d}", v.get("ds", "cn")), 11)
    if sealed:
        stamp(s, xs[1] + 100, ys[6] + 32, seal_of(p, v, year), seed=year)
    return [s]


def id_card(p, v):
    num = idnum(p, v, "card")
    s = Leaf("id22" + p["name"] + num + v.get("card_birth", ""))
    s.text(105, 16, "居民身份证复印件", 14, "hei", anchor="ma")
    x0, y0 = 50, 30
    s.d.rounded_rectangle((x0 * MM, y0 * MM, (x0 + 86) * MM, (y0 + 54) * MM), 18, fill=(232, 238, 242), outline=(90, 90, 90))
    s.text(x0 + 5, y0 + 6, "姓名", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 5.5, shown_name(p, v, "card"), 10)
    s.text(x0 + 5, y0 + 13, "性别", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 12.5, p["sex"] + "      民族 " + v.get("nation", "汉"), 9, "hei")
    s.text(x0 + 5, y0 + 20, "出生", 8, ink=(50, 100, 160))
    b = p["birth"]
    birth = {"pad": f"{b[:4]}年{b[4:6]}月{b[6:]}日", "digits": b}.get(v.get("card_birth", ""),
                                                                   f"{b[:4]} 年 {int(b[4:6])} 月 {int(b[6:])} 日")
    s.text(x0 + 15, y0 + 19.5, birth, 9, "hei")
    s.text(x0 + 5, y0 + 27, "住址", 8, ink=(50, 100, 160))
    s.text(x0 + 15, y0 + 26.5, "辽宁省抚顺市新华街" + str(10 + int(b[-2:])) + "号", 9, "hei")
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
    """The holder's certificate: its 工作单位 as it was when the title was given (the old name before 2019)."""
    date = v.get("title_printed", p["title"][1])
    year = int(p["title"][1][:4])
    s = Leaf("tc22" + p["name"] + date + repr(sorted(map(str, v.items()))), 297, 210, paper=(250, 246, 236))
    s.d.rectangle((8 * MM, 8 * MM, 289 * MM, 202 * MM), outline=(160, 120, 60), width=8)
    s.text(148, 24, "专业技术资格证书", 24, "kai", anchor="ma", ink=(150, 25, 25))
    y = 55
    for k, val in (("姓    名", shown_name(p, v, "cert")), ("性    别", p["sex"]),
                   ("工作单位", shown_unit(p, v, "cert", year)), ("资格名称", v.get("title_phrase", p["title"][0])),
                   ("专    业", v.get("field", "环境工程"))):
        y = s.text(30, y, f"{k}：{val}", 13) + 2
    if v.get("title_label", "").endswith(("认定时间", "认定日期")):  # a junior title by examination and recognition
        s.text(165, 60, "经抚顺市人力资源和社会保障局", 13)
        s.text(165, 70, "考核认定，具备", 13)
    else:
        s.text(165, 60, "经抚顺市工程系列中初级专业技术", 13)
        s.text(165, 70, "资格评审委员会评审通过，具备", 13)
    s.text(165, 80, p["title"][0] + "资格。", 13)
    s.text(165, 100, v.get("title_label", "评审通过时间") + "：" + fmt(date, v.get("ds_title", v.get("ds", "cn"))), 13)
    s.text(165, 112, "证书编号：" + "2104" + date[:4] + p["id"][-7:-1], 12)
    s.text(200, 150, "抚顺市人力资源和社会保障局", 13, anchor="ma")
    s.text(200, 160, fmt(date, v.get("ds_title", v.get("ds", "cn"))), 13, anchor="ma")
    stamp(s, 200, 152, "抚顺市人力资源和社会保障局", r_mm=22, seed=9)
    return [s]


def award(p, v):
    a = p["award"]
    printed = v.get("award_printed", a["date"])
    year = int(printed[:4])
    issuer = a["issuer"]
    if year < 2019 and issuer == "抚顺市生态环境局":
        issuer = "抚顺市环境保护局"
    s = Leaf("aw22" + p["name"] + printed + v.get("ds_award", ""), 297, 210, paper=(253, 248, 240))
    s.text(148, 30, "荣 誉 证 书", 30, "kai", anchor="ma", ink=(170, 30, 30))
    s.text(40, 70, f"{shown_name(p, v, 'award')}同志：", 15)
    s.text(52, 86, f"您参与完成的“{a['work']}”项目，荣获", 15)
    s.text(40, 102, a["title"], 15)
    s.text(52, 126, "特发此证，以资鼓励。", 15)
    s.text(220, 150, issuer, 15, anchor="ma")
    s.text(220, 162, fmt(printed, v.get("ds_award", v.get("ds", "cn"))), 15, anchor="ma")
    stamp(s, 220, 150, issuer, r_mm=22, seed=7)
    return [s]


def proof(p, v):
    """An achievement proof written by the unit, stamped with its seal of the day (the old one before 2019)."""
    pr = p["proof"]
    date = v.get("proof_printed", pr["date"])
    year = int(date[:4])
    s = Leaf("pf22" + p["name"] + date + v.get("ds_proof", ""))
    s.text(105, 24, "业绩证明", 20, "hei", anchor="ma")
    body = (f"兹证明{shown_name(p, v, 'proof')}同志作为主要完成人，承担了《{pr['title']}》的编制工作，"
            "负责现场踏勘、采样方案设计和数据分析，报告已通过专家评审并被主管部门采纳。")
    y, per = 44, 27
    body = "\u3000\u3000" + body
    while body:
        y = s.text(22, y, body[:per], 13)
        body = body[per:]
    s.text(22, y + 4, "\u3000\u3000特此证明。", 13)
    unit = shown_unit(p, v, "proof", year)
    s.text(180, 140, unit, 13, anchor="ra")
    s.text(170, 150, fmt(date, v.get("ds_proof", v.get("ds", "cn"))), 13, anchor="ra")
    stamp(s, 150, 140, seal_of(p, v, "proof", year), seed=31)
    return [s]


def dossier(p, v):
    q = dict(p, name=shown_name(p, v, "edu"))  # probe16's pages print p["name"]; the stamp is the unit's seal
    q["unit"] = p.get("seal", p["unit"])
    docs = [("推荐表", recommendation(p, v)), ("公示", publicity(p, v))]
    for yr in v.get("years", (2021, 2022, 2023)):
        docs.append((f"{yr}考核", assessment(p, yr, v)))
    docs += [("学历认证", T.education(q, dict(v, pinyin=v.get("pinyin", "")))), ("继续教育", T.continuing(q, v)),
             ("身份证", id_card(p, v)), ("职称证", title_cert(p, v)), ("评定表", T.evaluation(q, v))]
    if p["award"]:
        docs.append(("获奖证书", award(p, v)))
    if p["proof"]:
        docs.append(("业绩证明", proof(p, v)))
    docs.append(("论文", T.journal(q, v)))
    return docs


def write(folder: Path, docs):
    folder.mkdir(parents=True, exist_ok=True)
    for doc, leaves in docs:
        for i, leaf in enumerate(leaves):
            leaf.img.save(folder / f"{doc}{'-' + str(i + 1) if len(leaves) > 1 else ''}.jpg", "JPEG", quality=90)


def yaml_text(p, v):
    ys = v.get("yaml_dates", "iso")
    dt = {"iso": lambda d: d, "cn": lambda d: fmt(d, "arabic"), "dot": lambda d: '"' + fmt(d, "dot") + '"',
          "compact": lambda d: '"' + d.replace("-", "") + '"'}[ys]
    j = p["paper"]
    lines = [f"name: {v.get('yaml_name', p['name'])}", f"id_number: \"{v.get('yaml_id', p['id'])}\"", f"unit: {p['unit']}"]
    if p.get("aliases") and not v.get("no_aliases"):
        lines.append("unit_aliases: [" + ", ".join(p["aliases"]) + "]")
    lines += ["unit_kind: 事业单位", f"specialty: {p['specialty']}", f"level: {p['level']}",
              "current_title:", f"  name: {v.get('yaml_title', p['title'][0])}", f"  date: {dt(v.get('claim_title', p['title'][1]))}",
              "papers:", f"  - title: {j['title']}", f"    journal: {j['journal']}", f"    issn: {j['issn']}",
              f"    cn: {j['cn']}", f"    date: {dt(j['date'])}"]
    items = []
    if p["award"]:
        items.append((p["award"]["title"], v.get("claim_award", p["award"]["date"])))
    if p["proof"]:
        items.append((p["proof"]["title"], v.get("claim_proof", p["proof"]["date"][:7])))
    if items:
        lines.append("awards:")
        for t, d in items:
            lines += [f"  - title: {t}", f"    date: {dt(d)}"]
    return "\n".join(lines) + "\n"


DOTS = {"mid": "·", "kata": "・", "hyph": "‧", "bullet": "•", "none": ""}


def dotted(name, kind):
    return name.replace("·", DOTS[kind])


SET = [
    # clean: rare characters, compound surnames, the old unit name, every date style
    ("C01", "A", {"ds": "cn", "print_unit": PEOPLE["A"]["short"], "title_phrase": "助理工程师（生态环境）"}, None),
    ("C02", "A", {"ds": "dot", "yaml_dates": "cn", "level_phrase": "中级工程师", "ds_title": "cnO"}, None),
    ("C03", "B", {"ds": "slash", "print_unit": "抚顺市生态环境局(顺城分局)",
                  "names": {"rec": dotted("阿依古丽·买买提", "kata"), 2021: dotted("阿依古丽·买买提", "hyph"),
                            2022: dotted("阿依古丽·买买提", "bullet"), "card": dotted("阿依古丽·买买提", "none")},
                  "nation": "维吾尔", "pinyin": "Ayiguli Maimaiti"}, None),
    ("C04", "B", {"ds": "spaced", "yaml_dates": "dot", "level_phrase": "工程师（生态环境）", "ds_year": {2022: "cn"},
                  "nation": "维吾尔"}, None),
    ("C05", "C", {"ds": "cn", "print_name": "王 明", "names": {"card": "王明"}, "yaml_id": PEOPLE["C"]["id"].lower(),
                  "id_style": {"form": "x groups", "card": ""}, "card_birth": "pad"}, None),
    ("C06", "C", {"ds": "dash", "print_name": "王  明", "id_style": {"form": "x", "card": ""}, "card_birth": "digits",
                  "level_phrase": "环境工程 工程师", "ds_year": {2021: "cn0", 2023: "cnO"}, "yaml_dates": "compact"}, None),
    ("C07", "D", {"ds": "cn", "print_unit": PEOPLE["D"]["short"], "title_phrase": "环境工程 助理工程师"}, None),
    ("C08", "D", {"ds": "pad", "ds_proof": "slash", "grade_word": "称职", "yaml_dates": "cn"}, None),
    ("C09", "E", {"ds": "cnO", "ds_award": "yy", "title_phrase": "初级（助理工程师）"}, None),
    ("C10", "E", {"ds": "dot", "ds_title": "cn0", "ds_pub": "cn", "yaml_title": "助理工程师（生态环境）"}, None),
    ("C11", "E", {"print_name": "张堃", "yaml_name": "张堃", "names": {}, "ds": "spaced"}, None),
    ("C12", "D", {"print_name": "李琇", "yaml_name": "李琇", "ds": "slash"}, None),
    ("C13", "C", {"print_name": "陈犇", "yaml_name": "陈犇", "ds": "cn", "level_phrase": "中级工程师"}, None),
    ("C14", "A", {"print_name": "赵淼", "yaml_name": "赵淼", "ds": "pad", "ds_award": "dash"}, None),
    # the former name's seal on work done before the 2019 renaming, the applicant declaring no former name
    ("C15", "A", {"ds": "cn", "no_aliases": True}, None),
    ("C16", "D", {"ds": "dot", "no_aliases": True, "proof_printed": "2018-12-29", "claim_proof": "2018-12-29"}, None),
    # the period as notices write it: 自…起至…止
    ("C17", "E", {"ds": "arabic", "pub_text": "自2024年10月14日起至10月18日止"}, None),
    # the current title as applicants write it in applicant.yaml: 初级工程师
    ("C18", "C", {"ds": "cn", "yaml_title": "初级工程师"}, None),
    # a junior title recognised, not reviewed: 资格认定时间 on its certificate
    ("C19", "E", {"ds": "cn", "title_label": "资格认定时间"}, None),
    # the grade as forms write it: both names of one grade, 合格（称职）; a grade spread over its cell, 合  格
    ("C20", "D", {"ds": "cn", "grade_word": "合格（称职）"}, None),
    ("C21", "B", {"ds": "dot", "grade_word": "合  格"}, None),
    # planted, in the same words
    ("P01", "A", {"ds": "cn", "title_printed": "2016-12-28"}, "title.date"),
    ("P02", "A", {"ds": "cn", "award_printed": "2017-11"}, "evidence.after_title"),
    ("P03", "D", {"ds": "slash", "proof_printed": "2018-06-20", "claim_proof": "2019-06"}, "evidence.after_title"),
    ("P04", "A", {"ds": "dot", "names": {"cert": "欧阳焱"}}, "identity.name"),
    ("P05", "D", {"ds": "cn", "names": {2022: "司马哲"}}, "identity.name"),
    ("P06", "B", {"ds": "slash", "names": {"cert": "阿依努尔·买买提"}, "nation": "维吾尔"}, "identity.name"),
    ("P07", "A", {"ds": "cn", "print_unit": PEOPLE["A"]["short"], "seals": {"rec": "抚顺市生态环境局东洲分局"}}, "seal.unit"),
    ("P08", "D", {"ds": "dot", "units": {2023: "顺城生态环境分局"}, "seals": {2023: "抚顺市生态环境局顺城分局"}}, "seal.unit"),
    ("P09", "E", {"ds": "cn", "ass_year_printed": {2022: 2020}, "ds_year": {2022: "cn"}}, "assessment.years"),
    ("P10", "C", {"ds": "cn", "grades": {2021: "基本称职"}, "print_name": "王 明"}, "assessment.years"),
    ("P11", "E", {"ds": "dot", "pub_text": "2024.10.14—10.16"}, "publicity.duration"),
    ("P12", "B", {"ds": "cn", "pub": ("2024-10-14", "2024-10-15"), "ds_pub": "cn"}, "publicity.duration"),
    ("P13", "C", {"ds": "cn", "id_on_card": "OTHER", "id_style": {"card": "x"}}, "identity.id_number"),
    ("P14", "E", {"ds": "slash", "title_printed": "2018-12-30"}, "title.date"),
    ("P15", "B", {"ds": "spaced", "ass_sealless": 2022}, "seal.present"),
    ("P17", "C", {"ds": "cn", "pub_text": "自二〇二四年十月十四日起至十月十六日止"}, "publicity.duration"),
    ("P18", "E", {"ds": "cn", "title_label": "资格认定时间", "title_printed": "2018-12-30"}, "title.date"),
    ("P19", "D", {"ds": "cn", "grades": {2022: "较差"}}, "assessment.years"),
    ("P16", "A", {"ds": "yy", "award_printed": "2017-10", "claim_award": "2018-12", "ds_award": "yy"}, "evidence.after_title"),
]


def other_id(p):
    """Another valid number of the same birth day and place (a namesake's card), check digit X where the claim's is."""
    for n in range(101, 999, 2):
        o = T.ric(p["region"], p["birth"], f"{n:03d}")
        if o != p["id"] and o[-1] == p["id"][-1]:
            return o


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, v, planted in SET:
        p = dict(PEOPLE[who])
        v = dict(v)
        if "yaml_name" in v:
            p["name"] = v["yaml_name"]
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = other_id(p)
        write(root / k, dossier(p, v))
        (root / k / "applicant.yaml").write_text(yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "words22", "person": who, "variant": {a: str(b) for a, b in v.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
