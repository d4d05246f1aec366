"""Probe round 11, set 2: papers in real journals (names, ISSN, CN, 刊期 and sponsors from the CNKI list in
``../shared/realdata/journals``), a cover drawn as these journals print theirs and the paper's first page with its
running head; claims typed as HR staff type them (``ISSN：1001-3644``, ``51-1154X``, full-width digits, 2023年5月);
a month-only title certificate, a publicity written ``公示期：2024.10.14-2024.10.18``, an enterprise applicant.

    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/make2.py      # ROOT/set2 + ROOT/answer_key2.json
    verify batch /tmp/trust11/set2 -o /tmp/trust11/out2 --workers 1 --cache /tmp/trust11/ocr.sqlite
    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/score.py /tmp/trust11/out2 --key answer_key2.json [-v]
"""
from __future__ import annotations

import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import make as M  # noqa: E402
from pages import Sheet  # noqa: E402

M.claims_orig = M.claims

D = M.D
J = {  # from cnki_journals_2023-11-30.csv
    "sc": dict(name="四川环境", issn="1001-3644", cn="51-1154/X", freq="双月", sponsor="四川省生态环境科学研究院"),
    "lnhg": dict(name="辽宁化工", issn="1004-0935", cn="21-1200/TQ", freq="月刊", sponsor="辽宁省化工学会"),
    "hjkxjs": dict(name="环境科学与技术", issn="1003-6504", cn="42-1245/X", freq="月刊",
                   sponsor="湖北省生态环境科学研究院"),
    "sthj": dict(name="生态环境学报", issn="1674-5906", cn="44-1661/X", freq="月刊", sponsor="广东省土壤学会"),
}


def cover(a, p, rng, dpi):
    j = J[p["j"]]
    s = Sheet(dpi)
    s.d.rectangle((0, 0, s.im.width, s.px(70)), fill=(30, 90, 60))
    s.text(105, 22, j["name"], 16, "hei", (255, 255, 255), anchor="ma")
    vol = p["year"] - (1980 if j["freq"] == "双月" else 1975)
    s.center(90, f"{p['year']}年 第{p['issue']}期", 7, "ming")
    s.center(102, f"第{vol}卷  （{j['freq'] if j['freq'] != '双月' else '双月刊'}）", 4.5, "ming")
    s.text(30, 250, f"主办：{j['sponsor']}", 3.8)
    s.text(30, 262, f"ISSN {j['issn']}", 4.4, "hei")
    s.text(110, 262, f"CN {p.get('print_cn', j['cn'])}", 4.4, "hei")
    return [s]


def paper_page(a, p, rng, dpi):
    j = J[p["j"]]
    s = Sheet(dpi)
    s.text(20, 14, f"第{p['year'] - 1975}卷第{p['issue']}期", 3.2)
    s.text(105, 14, j["name"], 3.4, "hei", anchor="ma")
    s.text(190, 14, f"{p['year']}年{p['month']}月", 3.2, anchor="ra")
    s.line(20, 20, 190, 20, 0.4)
    s.center(34, p["title"], 6.2, "hei")
    s.center(48, a["name"].replace(" ", ""), 4.2, "kai")
    s.center(56, f"（{a['unit']}，辽宁 抚顺 113000）", 3.4, "ming")
    M.wrap(s, "摘要：以抚顺市为研究区域，分析了" + p["title"] + "的现状与问题，提出了相应的对策建议。", 25, 68, 40, 3.6)
    s.text(25, 84, "关键词：生态环境；监测；抚顺", 3.6)
    s.text(25, 92, f"中图分类号：X8    文献标志码：A    文章编号：{j['issn']}({p['year']}){p['issue']:02d}-0123-05", 3.2)
    M.wrap(s, "    随着生态环境保护工作的不断深入，环境监测数据在环境管理中的作用日益突出。" * 6, 25, 104, 40, 3.8)
    return [s]


def retrieval(a, rng, dpi):
    """A CNKI retrieval certificate as a unit's HR office issues it: a record table, the HR check, the unit's seal."""
    s = Sheet(dpi)
    s.center(24, "论文检索证明", 7)
    M.wrap(s, f"    经在中国知网（CNKI）检索，{a['name'].replace(' ', '')}同志发表的下列论文被收录，情况如下：", 22, 40, 42, 3.8)
    xs, ys = s.grid(18, 56, [62, 34, 30, 48], [11] + [14] * len(a["papers"]))
    for k, h in enumerate(["题名", "刊名", "年/期", "ISSN / CN"]):
        s.text(xs[k] + 2, ys[0] + 3.5, h, 3.4, "hei")
    for i, p in enumerate(a["papers"], 1):
        j = J[p["j"]]
        s.text(xs[0] + 1.5, ys[i] + 2, p["title"][:15], 3.0)
        s.text(xs[0] + 1.5, ys[i] + 7.5, p["title"][15:], 3.0)
        s.text(xs[1] + 1.5, ys[i] + 4.5, j["name"], 3.2)
        s.text(xs[2] + 1.5, ys[i] + 4.5, f"{p['year']}年第{p['issue']}期", 3.0)
        s.text(xs[3] + 1.5, ys[i] + 2, j["issn"], 3.0)
        s.text(xs[3] + 1.5, ys[i] + 7.5, j["cn"], 3.0)
    y = ys[-1] + 16
    s.text(22, y, "经核对，以上论文情况属实。", 3.8, "kai", (25, 30, 110))
    s.text(100, y + 18, "人事部门审核人（签字）：", 3.6)
    M.sign(s, rng, a["hr"], 146, y + 20)
    s.text(125, y + 34, M.ymd(D(2024, 10, 25), "cn"), 3.6)
    M.stamp(s, a, rng, 172, y + 30)
    return [s]


def person(key, name, gender, birth, unit, cur, papers, **kw):
    a = M.person(key, name, gender, birth, "210402", unit, cur, kw.pop("pack", "jpg200"), **kw)
    a["papers"] = papers
    return a


def P(j, title, year, issue, **kw):
    freq = J[j]["freq"]
    month = issue if freq == "月刊" else issue * 2
    return dict(j=j, title=title, year=year, issue=issue, month=month, **kw)


SET = [
    person("S01", "林晓东", "男", D(1986, 5, 2), M.U1, ("助理工程师", D(2019, 9, 26)),
           [P("sc", "抚顺市地表水环境质量变化趋势分析", 2022, 4, claim_date="2022年8月", claim_issn="ISSN：1001-3644",
              claim_cn="51-1154X")], cert_style="month", yaml_style="plain"),
    person("S02", "高敏", "女", D(1990, 3, 12), M.U3, ("助理工程师", D(2018, 12, 26)),
           [P("lnhg", "化工园区挥发性有机物排放监测方法研究", 2023, 5, claim_date="2023年5月")], pub_style="dots"),
    person("S03", "唐振华", "男", D(1984, 10, 20), M.U4, ("助理工程师", D(2017, 6, 30)),
           [P("hjkxjs", "抚顺西露天矿区土壤重金属污染风险评估", 2021, 11, claim_issn="１００３－６５０４")], pack="pdf"),
    person("S04", "何丽娜", "女", D(1988, 7, 7), "抚顺石化环保工程有限公司", ("助理工程师", D(2019, 12, 24)),
           [P("sthj", "石化企业废水处理工艺优化研究", 2022, 3)], kind="enterprise"),
    person("T01", "罗建", "男", D(1985, 1, 15), M.U1, ("助理工程师", D(2018, 6, 28)),
           [P("sc", "抚顺市大气颗粒物来源解析研究", 2023, 2, claim_cn="21-1135/X")], planted="journal.cn"),
    person("T02", "梁爽", "女", D(1987, 2, 27), M.U3, ("助理工程师", D(2019, 6, 28)),
           [P("lnhg", "浑河抚顺段水质监测与评价", 2018, 10)], planted="evidence.after_title"),
    person("T03", "宋佳琪", "女", D(1992, 12, 3), M.U4, ("助理工程师", D(2020, 11, 28)), [],
           pub=(D(2024, 10, 14), D(2024, 10, 16)), pub_style="dots", planted="publicity.duration"),
    person("T04", "谢文杰", "男", D(1983, 8, 19), M.U2, ("助理工程师", D(2019, 9, 26)), [],
           cert_date=D(2018, 9, 26), cert_style="month", planted="title.date", pack="pdf"),
]


def claims(a):
    y = M.claims_orig(a)
    if a.get("kind") == "enterprise":
        y["unit_kind"] = "企业"
    if a["papers"]:
        y["papers"] = []
        for p in a["papers"]:
            j = J[p["j"]]
            y["papers"].append({"title": p["title"], "journal": j["name"], "issn": p.get("claim_issn", j["issn"]),
                                "cn": p.get("claim_cn", j["cn"]),
                                "date": p.get("claim_date", f"{p['year']}-{p['month']:02d}")})
    return y


def main():
    out = M.ROOT + "/set2"
    if os.path.isdir(out):
        shutil.rmtree(out)
    key = {}
    pass
    for n, a in enumerate(SET):
        rng = np.random.default_rng(2100 + n)
        dpi = 200
        docs = M.docs_for(a, rng, dpi)
        for p in a["papers"]:
            docs.append(("期刊封面", cover(a, p, rng, dpi)))
            docs.append(("论文", paper_page(a, p, rng, dpi)))
        if a["papers"]:
            docs.append(("检索证明", retrieval(a, rng, dpi)))
        folder = os.path.join(out, a["key"])
        M.claims = lambda x, _a=a: claims(_a)  # the packer writes applicant.yaml through M.claims
        M.pack(a, docs, folder, rng, dpi)
        M.claims = M.claims_orig
        key[a["key"]] = dict(planted=a["planted"], pack=a["pack"], name=a["name"])
        print(a["key"], flush=True)
    json.dump(key, open(M.ROOT + "/answer_key2.json", "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
