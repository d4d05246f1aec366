"""Probe round 24 (issue 13): DATES AT THE EDGES OF THE RULES. Every page is a clean scan (probe_trust16's page model,
probe_trust22's documents); what varies is where the dates fall against the rules that weigh them:

- evidence.after_title: an award dated the very day of the title (on or before: fail), the day after (pass), the day
  after across a year end (title 2019-12-31, award 2020-01-01); the award known only to the month of the title, or the
  title known only to its month (undecidable: review); an award printed with its year only, the title that year; a
  paper whose journal pages print only its issue (2019年第12期 of a monthly, against a title of 2019-12-15: the month
  cannot decide; 2020年第1期 can; 2019年第11期 claimed as 2020-01 is before);
- title.date: the certificate's 2019-12-31 against a claim of 2020-01-01 (one day, another year);
- assessment.years: forms signed in the next January (a 2022 form dated 2023-01-10 is 2022's), one dated November 1
  of its own year (the first day the rule allows) and one October 31 (a form filled before its year ended); a form
  titled 2021-2022年度 (two years on one form); a year outside the window (2020) in place of 2021; the unit's 年度考核情况
  证明 table listing the years (all three, or two);
- publicity.duration: periods across 国庆 2024 (Oct 1-7 off, Sun Sep 29 and Sat Oct 12 make-up workdays) and 春节 2024
  (Feb 10-17 off, Sun Feb 4 and Sun Feb 18 make-up): exactly five working days across the holiday, one ending on a
  make-up Saturday or Sunday, 2024年9月29日至10月8日 (3), seven calendar days holding three, one day short, and a period
  across the year end (2024-12-30 to 2025-01-03: the calendar's next year).

Entries whose date cannot decide carry ``expect: review`` in the key (planted under the rule that must not pass them;
a fail there is a false fail on an honest applicant and score.py lists it).

    PROBE_OUT=/tmp/trust24 python scripts/probe_trust24/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust24-ocr.sqlite
    PROBE_OUT=/tmp/trust24 python scripts/probe_trust24/score.py OUT -v

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

os.environ.setdefault("PROBE_OUT", "/tmp/trust24")
P22 = load_round(22)
T = P22.T
Leaf, stamp, scrawl, MM = T.Leaf, T.stamp, T.scrawl, T.MM
fmt, shown_name, shown_unit, seal_of = P22.fmt, P22.shown_name, P22.shown_unit, P22.seal_of
OUT = Path(os.environ["PROBE_OUT"])


def fmt_any(iso: str, style: str) -> str:
    """fmt, and a year alone as 2019年."""
    return f"{iso}年" if len(iso) == 4 else fmt(iso, style)


def publicity(p, v):
    ds = v.get("ds_pub", v.get("ds", "arabic"))
    start, end = v.get("pub", ("2024-10-14", "2024-10-18"))
    rng_text = v.get("pub_text") or f"{fmt(start, ds)}至{fmt(end, ds)}"
    s = Leaf("pub24" + p["name"] + rng_text)
    s.text(105, 30, "关于申报专业技术资格人员的", 17, "hei", anchor="ma")
    s.text(105, 42, "公示结果", 17, "hei", anchor="ma")
    body = (f"我单位已于{rng_text}将{shown_name(p, v, 'pub')}同志申报{p['level']}专业技术资格的材料"
            "在单位内部进行公示。公示期间，未收到任何单位和个人的异议。")
    y, per = 62, 27
    body = "\u3000\u3000" + body
    while body:
        y = s.text(22, y, body[:per], 13)
        body = body[per:]
    s.text(22, y + 4, "\u3000\u3000特此证明。", 13)
    s.text(180, 150, shown_unit(p, v, "pub"), 13, anchor="ra")
    s.text(170, 160, fmt(v.get("pub_date", "2024-10-21"), ds), 13, anchor="ra")
    stamp(s, 150, 150, seal_of(p, v, "pub"), seed=2)
    return [s]


def assessment(p, year, v):
    """probe_trust22's annual form, its printed year (2021-2022) and its signing date as the variant says."""
    printed = v.get("ass_year_printed", {}).get(year, year)
    grade = v.get("grade_word", "合格")
    signed = v.get("ass_dates", {}).get(year, f"{year + 1}-01-{8 + year % 9:02d}")
    s = Leaf(f"ass24-{year}-{printed}-{signed}-{p['name']}")
    s.text(105, 20, f"{printed}年度专业技术人员考核登记表", 17, "hei", anchor="ma")
    xs, ys = s.grid(18, 36, (28, 50, 28, 68), (13, 13, 13, 80, 40, 14, 58))
    rows = [("姓名", shown_name(p, v, year), "性别", p["sex"]), ("单位", shown_unit(p, v, year), "", ""),
            ("岗位", "专业技术岗", "职务", p["title"][0])]
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
    s.text(xs[1] + 85, ys[6] + 44, fmt(signed, v.get("ds", "arabic")), 11)
    stamp(s, xs[1] + 100, ys[6] + 32, seal_of(p, v, year), seed=year)
    return [s]


def assessment_table(p, v):
    """The unit's 年度考核情况证明: one row a year under 考核年度 / 考核结果, in place of the forms."""
    years = v["table_years"]
    s = Leaf("tab24" + p["name"] + repr(years))
    s.text(105, 24, "年度考核情况证明", 20, "hei", anchor="ma")
    s.text(22, 42, f"兹证明{shown_name(p, v, 'table')}同志近年年度考核情况如下：", 13)
    xs, ys = s.grid(30, 54, (50, 50, 50), (13,) * (len(years) + 1))
    for j, t in enumerate(("考核年度", "考核结果", "备注")):
        s.text(xs[j] + 12, ys[0] + 3.5, t, 12)
    for i, yr in enumerate(years, 1):
        s.text(xs[0] + 12, ys[i] + 3.5, f"{yr}年度", 12)
        s.text(xs[1] + 16, ys[i] + 3.5, "合格", 12)
    s.text(22, ys[-1] + 26, "\u3000\u3000特此证明。", 13)
    s.text(180, 150, shown_unit(p, v, "table"), 13, anchor="ra")
    s.text(170, 160, fmt("2024-10-18", v.get("ds", "arabic")), 13, anchor="ra")
    stamp(s, 150, 150, seal_of(p, v, "table"), seed=5)
    return [s]


def award(p, v):
    a = p["award"]
    printed = v.get("award_printed", a["date"])
    s = Leaf("aw24" + p["name"] + printed, 297, 210, paper=(253, 248, 240))
    s.text(148, 30, "荣 誉 证 书", 30, "kai", anchor="ma", ink=(170, 30, 30))
    s.text(40, 70, f"{shown_name(p, v, 'award')}同志：", 15)
    s.text(52, 86, f"您参与完成的“{a['work']}”项目，荣获", 15)
    s.text(40, 102, a["title"], 15)
    s.text(52, 126, "特发此证，以资鼓励。", 15)
    s.text(220, 150, a["issuer"], 15, anchor="ma")
    s.text(220, 162, fmt_any(printed, v.get("ds", "arabic")), 15, anchor="ma")
    stamp(s, 220, 150, a["issuer"], r_mm=22, seed=7)
    return [s]


def journal(p, v):
    """probe16's journal, or (issue_only) one whose cover and running head print only 2019年第12期, as many do."""
    if not v.get("issue_only"):
        return T.journal(p, v)
    j = p["paper"]
    y, m = j["date"].split("-")
    issue = v.get("issue", int(m))  # a bimonthly's issue n is months 2n-1 and 2n
    cov = Leaf("cov24" + j["journal"] + j["date"] + str(issue), paper=(240, 246, 240))
    cov.text(105, 40, j["journal"], 40, "kai", anchor="ma", ink=(20, 70, 40))
    cov.text(105, 70, f"{y}年  第{issue}期", 16, "hei", anchor="ma")
    cov.d.ellipse((40 * MM, 95 * MM, 170 * MM, 200 * MM), fill=(205, 225, 210))
    cov.text(105, 240, "主办单位：" + j["sponsor"], 12, anchor="ma")
    cov.text(105, 252, f"ISSN {j['issn']}    CN {j['cn']}", 14, "hei", anchor="ma")
    cov.text(105, 264, "国内邮发代号：2-745   定价：30.00元", 11, anchor="ma")
    pap = Leaf("pap24" + j["title"] + j["date"] + str(issue))
    pap.text(20, 12, f"{j['journal']}  {y}年第{issue}期", 9)
    pap.rule(20, 17, 190, 17)
    pap.text(105, 30, j["title"], 17, "hei", anchor="ma")
    pap.text(105, 44, p["name"], 13, anchor="ma")
    pap.text(105, 53, f"（{p['unit']}，辽宁 抚顺 113000）", 10, anchor="ma")
    yy = 66
    for t in ("摘要：以" + j["title"][:8] + "为对象，分析了近年来的监测数据与治理效果，", "提出了针对性的改进建议。",
              "关键词：生态环境；监测；治理；抚顺", "中图分类号：X52    文献标识码：A    文章编号：" + j["issn"] + f"({y}){issue:02d}-0045-05"):
        yy = pap.text(22, yy, t, 11)
    for _ in range(12):
        yy = pap.text(22, yy, "随着生态环境保护工作的深入推进，对污染物排放与环境质量的要求日益提高。", 11)
    ret = T.journal(dict(p, paper=dict(j, vol=f"第{issue}期")), v)[2]  # the retrieval proof: 2019年第12期 in its row
    return [cov, pap, ret]


def dossier(p, v):
    q = dict(p, name=shown_name(p, v, "edu"))
    q["unit"] = p.get("seal", p["unit"])
    docs = [("推荐表", P22.recommendation(p, v)), ("公示", publicity(p, v))]
    if v.get("table_years"):
        docs.append(("年度考核情况证明", assessment_table(p, v)))
    for yr in v.get("years", (2021, 2022, 2023)):
        docs.append((f"{yr}考核", assessment(p, yr, v)))
    docs += [("学历认证", T.education(q, dict(v, pinyin=""))), ("继续教育", T.continuing(q, v)),
             ("身份证", P22.id_card(p, v)), ("职称证", P22.title_cert(p, v)), ("评定表", T.evaluation(q, v))]
    if p["award"]:
        docs.append(("获奖证书", award(p, v)))
    if p["proof"]:
        docs.append(("业绩证明", P22.proof(p, v)))
    docs.append(("论文", journal(q, v)))
    return docs


def yaml_text(p, v):
    text = P22.yaml_text(p, v)
    if "claim_paper" in v:
        old = f"    cn: {p['paper']['cn']}\n    date: {p['paper']['date']}\n"
        assert old in text
        text = text.replace(old, f"    cn: {p['paper']['cn']}\n    date: {v['claim_paper']}\n")
    return text


E_TITLE = ("助理工程师", "2019-12-30")
SET = [
    # (key, person, variant, planted rule, expect); person fields overridden by the variant's "p"
    # --- evidence.after_title: the day after the title passes, also across a year end; a later month passes
    ("C01", "E", {"award_printed": "2019-12-31", "claim_award": "2019-12-31"}, None, None),
    ("C02", "E", {"p": {"title": ("助理工程师", "2019-12-31")}, "award_printed": "2020-01-01", "claim_award": "2020-01-01"}, None, None),
    ("C03", "E", {"award_printed": "2020-01", "claim_award": "2020-01"}, None, None),
    # a paper whose pages print only 2020年第1期 (a monthly) after a title of 2019-12-15
    ("C04", "E", {"p": {"title": ("助理工程师", "2019-12-15"), "award": None,
                        "paper": dict(P22.PEOPLE["E"]["paper"], date="2020-01")}, "issue_only": True}, None, None),
    # --- assessment.years: forms signed in the next January or the December of their year; Nov 1 of the year itself
    ("C05", "C", {"ass_dates": {2021: "2022-01-10", 2022: "2023-01-10", 2023: "2023-12-28"}, "ds": "cn"}, None, None),
    ("C06", "C", {"ass_dates": {2022: "2022-11-01"}}, None, None),
    ("C07", "D", {"table_years": (2021, 2022, 2023), "years": ()}, None, None),
    # --- publicity.duration: five working days across 国庆 (Sun Sep 29 a make-up workday); ending on Sat Oct 12 (make-up);
    # ending on Sun Sep 29 (make-up)
    ("C08", "B", {"pub": ("2024-09-27", "2024-10-09"), "pub_date": "2024-10-11"}, None, None),
    ("C09", "C", {"pub": ("2024-10-08", "2024-10-12"), "pub_date": "2024-10-14", "ds_pub": "cn"}, None, None),
    ("C10", "A", {"pub": ("2024-09-24", "2024-09-29"), "pub_date": "2024-09-30"}, None, None),
    # --- undecidable: review, never pass, never fail
    ("R01", "E", {"award_printed": "2019-12", "claim_award": "2019-12"}, "evidence.after_title", "review"),
    ("R02", "E", {"p": {"title": ("助理工程师", "2019-12")}, "award_printed": "2019-12-20", "claim_award": "2019-12-20"},
     "evidence.after_title", "review"),
    ("R03", "E", {"p": {"title": ("助理工程师", "2019-12-15"), "award": None,
                        "paper": dict(P22.PEOPLE["E"]["paper"], date="2019-12")}, "issue_only": True},
     "evidence.after_title", "review"),
    ("R04", "E", {"p": {"title": ("助理工程师", "2019-06-28")}, "award_printed": "2019", "claim_award": "2019"},
     "evidence.after_title", "review"),
    ("R05", "C", {"years": (2021, 2023), "ass_year_printed": {2021: "2021-2022"}, "ass_dates": {2021: "2023-01-09"}},
     "assessment.years", "review"),
    # --- planted
    ("P01", "E", {"award_printed": "2019-12-30", "claim_award": "2019-12-30"}, "evidence.after_title", None),
    ("P02", "E", {"p": {"title": ("助理工程师", "2019-12-15"), "award": None,
                        "paper": dict(P22.PEOPLE["E"]["paper"], date="2019-11")}, "issue_only": True,
                  "claim_paper": "2020-01"}, "evidence.after_title", None),
    ("P03", "E", {"p": {"title": ("助理工程师", "2020-01-01")}, "title_printed": "2019-12-31", "award_printed": "2021-12"},
     "title.date", None),
    ("P04", "D", {"years": (2020, 2022, 2023)}, "assessment.years", None),
    ("P05", "D", {"table_years": (2021, 2022), "years": ()}, "assessment.years", None),
    ("P06", "C", {"ass_dates": {2022: "2022-10-31"}}, "assessment.years", None),
    ("P07", "B", {"pub": ("2024-09-29", "2024-10-08"), "pub_text": "2024年9月29日至10月8日", "pub_date": "2024-10-09"},
     "publicity.duration", None),
    ("P08", "C", {"pub": ("2024-09-27", "2024-10-03"), "pub_date": "2024-10-08"}, "publicity.duration", None),
    ("P09", "A", {"pub": ("2024-02-08", "2024-02-18"), "pub_date": "2024-02-19"}, "publicity.duration", None),
    ("P10", "E", {"pub": ("2024-12-30", "2025-01-03"), "pub_date": "2025-01-06"}, "publicity.duration", None),
    ("P11", "B", {"pub": ("2024-10-08", "2024-10-11"), "pub_date": "2024-10-14"}, "publicity.duration", None),
    # the result dated the publicity's last day; an end written without its month (至18日); a dash and a note of days
    ("C11", "B", {"pub_date": "2024-10-18"}, None, None),
    ("C12", "D", {"pub_text": "2024年10月14日至18日"}, None, None),
    ("C13", "A", {"pub_text": "2024年10月14日—10月18日（5个工作日）", "ds": "cn"}, None, None),
    ("P13", "C", {"pub_text": "2024年10月14日至17日"}, "publicity.duration", None),
    # a page to the title's month claimed in the month after; a paper of the title's month (issue only) claimed after
    ("R06", "E", {"award_printed": "2019-12", "claim_award": "2020-01"}, "evidence.after_title", "review"),
    ("R07", "E", {"p": {"title": ("助理工程师", "2019-12-15"), "award": None,
                        "paper": dict(P22.PEOPLE["E"]["paper"], date="2019-12")}, "issue_only": True,
                  "claim_paper": "2020-01"}, "evidence.after_title", "review"),
    # a yearless range read in the year of the page's date: ending on the make-up Saturday; across the year end
    ("C14", "C", {"pub_text": "10月8日至10月12日", "pub_date": "2024-10-14"}, None, None),
    ("P14", "B", {"pub_text": "12月30日至1月3日", "pub_date": "2025-01-06"}, "publicity.duration", None),
    # the day after the title, and the title's day, in Chinese numerals (三十一日 beside 三十日)
    ("C15", "E", {"award_printed": "2019-12-31", "claim_award": "2019-12-31", "ds": "cn"}, None, None),
    ("P15", "E", {"award_printed": "2019-12-30", "claim_award": "2019-12-30", "ds": "cn"}, "evidence.after_title", None),
    # a bimonthly (环境保护科学, 双月) by its issue only: 2019年第1期 (Jan-Feb) after a title of 2018-12-26 passes;
    # 2018年第6期 (Nov-Dec) cannot decide; 2018年第5期 (Sep-Oct) claimed as 2019-01 is before
    ("C16", "D", {"p": {"paper": dict(P22.PEOPLE["D"]["paper"], date="2019-02")}, "issue_only": True, "issue": 1,
                  "claim_paper": "2019-02"}, None, None),
    ("R08", "D", {"p": {"paper": dict(P22.PEOPLE["D"]["paper"], date="2018-12")}, "issue_only": True, "issue": 6,
                  "claim_paper": "2019-01"}, "evidence.after_title", "review"),
    ("P16", "D", {"p": {"paper": dict(P22.PEOPLE["D"]["paper"], date="2018-10")}, "issue_only": True, "issue": 5,
                  "claim_paper": "2019-01"}, "evidence.after_title", None),
    # the last form signed on the submission window's last day (2024-11-08)
    ("C17", "C", {"ass_dates": {2023: "2024-11-08"}}, None, None),
    ("P12", "E", {"award_printed": "2020-01-05", "claim_award": "2019-12-30"}, "evidence.after_title", None),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, v, planted, expect in SET:
        p = dict(P22.PEOPLE[who], **v.get("p", {}))
        v = {a: b for a, b in v.items() if a != "p"}
        v.setdefault("ds", "arabic")
        if p.get("award") and "claim_award" in v:
            p["award"] = dict(p["award"], date=v["award_printed"])
        write_to = root / k
        P22.write(write_to, dossier(p, v))
        (write_to / "applicant.yaml").write_text(yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "dates24", "person": who, "variant": {a: str(b) for a, b in v.items()}}
        if expect:
            key[k]["expect"] = expect
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
