"""Probe round 23 (issue 13): JOURNAL LEGITIMACY AS REAL PAPERS SHOW IT. Whole dossiers (probe_trust19's forms on
probe_trust16's page model) whose journal pages are laid out as real Chinese journals print them, with real names,
ISSNs and CNs drawn from the CNKI list in ../shared/realdata:

- the cover (title, pinyin or English name, 第N卷第N期, ISSN/CN in its foot, or the ISSN only as a barcode's caption);
- the 版权页/masthead: （月刊 1976年创刊）, 主管/主办/编辑出版/印刷/发行, 国内统一连续出版物号 / 国际标准连续出版物号,
  国内邮发代号, 定价; CN written without its space (CN11-1827/X) or with 一 as its dash (11一1827/X);
- the contents page (目次) naming the paper with its page;
- the paper's first page: running head (第42卷第3期 | 环境科学 | 2021年3月, or 环境科学, 2021, 42(3): 1123-1130), DOI,
  文章编号, 中图分类号, and the citation line (引用格式：…[J]. 环境科学, 2021, 42(3): 1123-1130.);
- 增刊, 合刊 (第5-6期), CNKI's 网络首发 page, a journal under its former name on a paper of that time, an English-
  language Chinese journal (Journal of Environmental Sciences);
- a library retrieval proof listing the paper.

Planted as 套刊 really comes: a fake journal printing a real journal's ISSN under its own name (CN invented, or the
real CN too); a real name beside another journal's CN; a registered pair printed under a close registered name
(环境科学与管理 over 环境科学与技术's numbers); a name one character off over the real pair; an ISSN-only "Hong Kong"
journal with a Chinese masthead and no CN, and one printing CN(HK); a 论文集 with an ISBN handed in as a journal; a
journal on the CAS warning list; a journal that stopped (停刊) printing new issues; a paper whose pages date it before
the current title (outside the period); a 增刊 (a supplement); an invented ISSN failing its check digit; one journal's
cover over another's paper (the citation line and running head name the other).

    PROBE_OUT=/tmp/trust23 python scripts/probe_trust23/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust23-ocr.sqlite
    PROBE_OUT=/tmp/trust23 python scripts/probe_trust23/score.py OUT -v

Needs Pillow, numpy, the CJK fonts and ../shared/realdata/journals (the CNKI list, the CAS warning lists): without
them it says so and writes nothing (exit 0).
"""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust23")
HERE = Path(__file__).resolve().parent
REAL = HERE.parents[2] / "shared" / "realdata" / "journals"
CNKI = REAL / "cnki_journals_2023-11-30.csv"
OUT = Path(os.environ["PROBE_OUT"])


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def journals() -> dict[str, dict]:
    """The CNKI list by name: ISSN, CN, sponsor, frequency, founding year, status, former names."""
    out = {}
    with open(CNKI, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["期刊名称"], r)
    return out


def warned() -> dict[str, str]:
    """The CAS warning lists: journal name (as listed) -> 'year level/reason'."""
    out = {}
    for p in sorted(REAL.glob("showjcr_GJQKYJMD*.csv")):
        year = p.stem[-4:]
        with open(p, encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            if row and row[0].strip():
                out.setdefault(row[0].strip().lower(), f"{year} {row[1] if len(row) > 1 else ''}")
    return out


# supervising bodies (主管) as real mastheads print them; not in the CNKI list, not weighed by the rules
ADMIN = {"环境科学": "中国科学院", "环境科学学报": "中国科学院", "环境科学研究": "生态环境部", "中国环境监测": "生态环境部",
         "环境污染与防治": "浙江省生态环境厅", "环境科学与管理": "黑龙江省生态环境厅", "环境科学与技术": "湖北省生态环境厅",
         "生态学报": "中国科学技术协会", "水资源保护": "中华人民共和国教育部", "生态环境学报": "广东省科学院",
         "Journal of Environmental Sciences": "中国科学院", "中国环境科学": "中国科学技术协会", "重庆环境科学": "重庆市环境保护局",
         "环境工程学报": "中国科学院", "安全与环境学报": "中华人民共和国工业和信息化部"}
PINYIN = {"环境科学": "HUANJING KEXUE", "环境科学学报": "Acta Scientiae Circumstantiae", "环境科学研究": "Research of Environmental Sciences",
          "中国环境监测": "Environmental Monitoring in China", "环境污染与防治": "Environmental Pollution & Control",
          "环境科学与管理": "Environmental Science and Management", "环境科学与技术": "Environmental Science & Technology",
          "生态学报": "ACTA ECOLOGICA SINICA", "水资源保护": "Water Resources Protection", "生态环境学报": "Ecology and Environmental Sciences",
          "中国环境科学": "CHINA ENVIRONMENTAL SCIENCE", "重庆环境科学": "Chongqing Environmental Science",
          "环境工程学报": "Chinese Journal of Environmental Engineering", "安全与环境学报": "Journal of Safety and Environment"}


def ean13(issn: str, issue: int) -> str:
    """The EAN-13 of a periodical (977 + the ISSN's first seven digits + 00 + check), as its barcode prints it."""
    body = "977" + issn.replace("-", "")[:7] + "00"
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def issue_month(freq: str, issue: int) -> int:
    if freq.startswith("双月"):
        return 2 * issue
    if freq.startswith("半月"):
        return (issue + 1) // 2
    if freq.startswith("季"):
        return 3 * issue
    return issue


def main():
    if not CNKI.is_file():
        print(f"跳过：找不到 {CNKI}（../shared/realdata 不在），本轮探针需要真实期刊名录")
        return 0
    T19 = _load("probe19", HERE.parent / "probe_trust19" / "make.py")
    T = T19.T
    Leaf, stamp, scrawl, MM, rng = T.Leaf, T.stamp, T.scrawl, T.MM, T.rng
    J = journals()
    W = warned()
    people = dict(T19.PEOPLE)
    # an applicant whose current title is old enough for a paper under a journal's former name (生态环境, 2008)
    people["L"] = dict(name="齐文博", sex="男", birth="19780915", region="210402", seq="013",
                       unit="抚顺市新抚区生态环境保护服务中心", specialty="生态环境监测", level="工程师",
                       title=("助理工程师", "2006-12-26"), paper={}, award=None, school="沈阳农业大学", major="环境科学")
    people["L"]["id"] = T.ric("210402", "19780915", "013")

    def rec(name):
        r = J.get(name)
        if r is None:
            raise SystemExit(f"{name} 不在 CNKI 名录中")
        return r

    # ------------------------------------------------------------------ the journal's pages
    def spec(reg, year, issue, **kw):
        """A journal issue as its pages print it: kw overrides what the registry row gives (a fake's own name, a
        borrowed number)."""
        r = J.get(reg, {})
        name = reg
        freq = kw.pop("freq", r.get("出版周期") or "月刊")
        freq = freq if freq.endswith("刊") else freq + "刊"
        founded = int(kw.pop("founded", r.get("创刊时间") or 1980) or 1980)
        s = dict(name=name, issn=r.get("ISSN", ""), cn=r.get("CN", ""), sponsor=(r.get("主办单位") or "").replace(";", "  "),
                 admin=ADMIN.get(name, ""), freq=freq, founded=founded, year=year, issue=issue,
                 vol=year - founded + 1, month=issue_month(freq, issue if isinstance(issue, int) else 1),
                 en=PINYIN.get(name, ""), post=r.get("邮发代号") or "82-" + str(100 + len(name) * 7), pages=(1123, 1130))
        s.update(kw)
        return s

    def issue_text(j):
        return f"第{j['issue']}期" if isinstance(j["issue"], int) else j["issue"]

    def cn_text(j, v):
        cn = j["cn"]
        if v.get("cn_style") == "nospace":
            return "CN" + cn
        if v.get("cn_style") == "yi":
            return "CN " + cn.replace("-", "一")
        return "CN " + cn

    def cover(j, v):
        band = rng("band", j["name"])
        ink = (band.randrange(20, 90), band.randrange(40, 110), band.randrange(60, 140))
        s = Leaf("cov23" + repr(sorted(j.items())) + repr(sorted(v.items())), paper=(246, 246, 242))
        if v.get("english"):
            s.d.rectangle((0, 0, 210 * MM, 70 * MM), fill=ink)
            s.text(105, 18, j["name"], 26, "hei", anchor="ma", ink=(255, 255, 255))
            s.text(105, 44, v.get("sponsor_en", "Sponsored by Research Center for Eco-Environmental Sciences, CAS"), 10,
                   anchor="ma", ink=(255, 255, 255))
            s.text(105, 80, f"Volume {j['vol']}  Number {j['issue']}  {['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][j['month']]} {j['year']}", 13, "hei", anchor="ma")
        else:
            s.d.rectangle((0, 0, 210 * MM, 62 * MM), fill=ink)
            shown = v.get("cover_name", j["name"])
            big = 44 if len(shown) <= 5 else 34 if len(shown) <= 8 else 24
            s.text(105, 8 if v.get("edition_line") else 12, shown, big, "kai" if len(shown) <= 6 else "hei", anchor="ma",
                   ink=(255, 255, 255))
            if v.get("edition_line"):  # the edition set apart, smaller, under the journal's name (自然科学版)
                s.text(105, 33, v["edition_line"], 16, "hei", anchor="ma", ink=(255, 255, 255))
            if j["en"]:
                s.text(105, 48, j["en"], 12, "hei", anchor="ma", ink=(255, 255, 255))
            s.text(105, 72, f"{j['year']}年  第{j['vol']}卷  {issue_text(j)}", 16, "hei", anchor="ma")
            if v.get("cover_line"):
                s.text(105, 84, v["cover_line"], 14, "hei", anchor="ma", ink=(160, 30, 30))
        s.d.rectangle((30 * MM, 98 * MM, 180 * MM, 205 * MM), fill=(205, 215, 222))
        if v.get("barcode"):  # the ISSN printed only as the barcode's caption, the CN on the masthead
            code = ean13(j["issn"], 0)
            x0, y0 = 135, 236
            s.text(x0, y0 - 6, "ISSN " + j["issn"], 9, "hei")
            r = rng("bars", code)
            x = x0
            while x < x0 + 38:
                w = r.choice((0.3, 0.3, 0.6, 0.9))
                s.d.rectangle((x * MM, y0 * MM, (x + w) * MM, (y0 + 18) * MM), fill=(10, 10, 10))
                x += w + r.choice((0.3, 0.6, 0.9))
            s.text(x0, y0 + 19, f"{code[0]} {code[1:7]} {code[7:]}", 9)
            s.text(x0 + 42, y0 + 2, f"{j['issue']:02d}" if isinstance(j["issue"], int) else "", 9)
        elif v.get("ids_squeezed"):  # ISSN1001-6929CN11-1827／X, the typesetter's spaces lost
            s.text(105, 252, f"ISSN{j['issn']}CN{j['cn'].replace('/', '／')}", 13, "hei", anchor="ma")
        elif not v.get("no_cover_ids"):
            ids = "  ".join(x for x in ((f"ISSN {j['issn']}" if j["issn"] else ""), (cn_text(j, v) if j["cn"] else "")) if x)
            s.text(105, 252, ids, 13, "hei", anchor="ma")
        if j["sponsor"] and not v.get("english"):
            s.text(105, 264, "主办：" + j["sponsor"], 10, anchor="ma")
        s.text(105, 274, f"国内邮发代号：{j['post']}   定价：{30 + len(j['name'])}.00元", 9, anchor="ma")
        return s

    def masthead(j, v):
        """版权页: the journal's particulars as a column of label / value, the numbers at its foot."""
        s = Leaf("mast23" + repr(sorted(j.items())) + repr(sorted(v.items())))
        s.text(105, 16, "  ".join(j["name"]) if len(j["name"]) <= 6 else j["name"], 20, "hei", anchor="ma")
        if j["en"]:
            s.text(105, 28, f"（{j['en']}）", 10, anchor="ma")
        s.text(105, 36, f"（{j['freq']}  {j['founded']}年创刊）", 11, anchor="ma")
        s.text(105, 45, f"第{j['vol']}卷  {issue_text(j)}  {j['year']}年{j['month']}月15日出版", 11, anchor="ma")
        s.rule(30, 52, 180, 52)
        rows = [("主    管", j["admin"]), ("主    办", j["sponsor"]), ("编辑出版", f"《{j['name']}》编辑部"),
                ("主    编", "王" + "立新"), ("地    址", v.get("address", "北京市海淀区双清路18号（100085）")),
                ("电    话", "010-62941073"), ("E-mail", v.get("email", "hjkx@rcees.ac.cn")),
                ("印    刷", "北京科信印刷有限公司"), ("国内发行", "中国邮政集团有限公司北京市报刊发行局"),
                ("国外发行", "中国国际图书贸易集团有限公司")]
        rows += v.get("extra_rows", [])
        y = 58
        for k, val in rows:
            if not val:
                continue
            s.text(32, y, k, 10.5)
            s.text(62, y, val, 10.5)
            y += 9
        s.rule(30, y + 2, 180, y + 2)
        y += 8
        if j["cn"] and not v.get("no_cn_anywhere"):
            s.text(32, y, "国内统一连续出版物号：" + cn_text(j, v), 11)
            y += 9
        if j["issn"]:
            s.text(32, y, "国际标准连续出版物号：ISSN " + j["issn"], 11)
            y += 9
        for line in v.get("mast_tail", ()):
            s.text(32, y, line, 11)
            y += 9
        s.text(32, y, f"国内邮发代号：{j['post']}        定价：{30 + len(j['name'])}.00元", 11)
        s.text(105, 270, "版权所有  未经许可  不得转载", 9, anchor="ma")
        return s

    def toc(j, v, paper_title, author):
        s = Leaf("toc23" + repr(sorted(j.items())) + paper_title)
        s.text(105, 14, f"{j['name']}", 16, "hei", anchor="ma")
        s.text(105, 24, f"第{j['vol']}卷  {issue_text(j)}  {j['year']}年{j['month']}月", 10, anchor="ma")
        s.text(105, 36, "目        次", 18, "hei", anchor="ma")
        others = [("京津冀地区PM2.5与臭氧协同控制路径分析", "刘  洋，陈  静"), ("长江流域典型湖泊沉积物重金属生态风险评价", "张  波，赵  敏"),
                  ("基于多源数据的城市热岛效应时空演变研究", "孙  伟"), ("农村黑臭水体治理模式比较与成效评估", "周  明，吴  芳，郑  强"),
                  ("挥发性有机物走航监测在工业园区的应用", "黄  磊"), ("土壤中全氟化合物的分布特征与来源解析", "徐  丹，王  勇")]
        at = 3
        y = 50
        page = j["pages"][0] - 60
        for k in range(len(others) + 1):
            if k == at:
                t, a, pg = paper_title, author, j["pages"][0]
            else:
                t, a = others[k if k < at else k - 1]
                pg = page + k * 17
            if k == at and v.get("toc_wrap"):  # a long title wrapped in the contents, its author after the rest
                s.text(20, y, t[:14], 10.5)
                s.text(24, y + 6, t[14:], 10.5)
                y += 6
            else:
                s.text(20, y, t, 10.5)
            s.text(20, y + 6.5, a, 9, ink=(70, 70, 70))
            s.text(190, y, f"（{pg}）", 10.5, anchor="ra")
            y += 17
        return s

    def paper_page(j, v, p, title):
        s = Leaf("pap23" + repr(sorted(j.items())) + repr(sorted(v.items())) + title)
        head_name = v.get("head_name", j["name"])
        cite_name = v.get("cite_name", head_name)
        vol, iss, y0, y1 = j["vol"], j["issue"], j["pages"][0], j["pages"][1]
        iss_short = iss if isinstance(iss, int) else v.get("iss_short", "S1")
        if v.get("head_style") == "bilingual":  # a Chinese head over its English twin, as many journals set it
            s.text(20, 6, f"第{vol}卷{issue_text(j)}", 9)
            s.text(105, 6, head_name, 9, anchor="ma")
            s.text(190, 6, f"{j['year']}年{j['month']}月", 9, anchor="ra")
            mon = ["", "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."][j["month"]]
            s.text(20, 10.5, f"Vol.{vol}, No.{iss_short}", 8)
            s.text(105, 10.5, j["en"], 8, anchor="ma")
            s.text(190, 10.5, f"{mon}, {j['year']}", 8, anchor="ra")
        elif v.get("head_style") == "online":  # an online-first paper: no volume or issue yet
            s.text(105, 10, head_name, 9, anchor="ma")
        elif v.get("head_style") == "cite":  # 环境科学, 2021, 42(3): 1123-1130 on one line
            s.text(20, 10, f"{head_name}, {j['year']}, {vol}({iss_short}): {y0}-{y1}", 9)
            s.text(190, 10, j["en"], 9, anchor="ra")
        elif v.get("head_style") == "english":
            s.text(20, 10, f"{head_name} {vol} ({j['year']}) {y0}-{y1}", 9)
        else:
            s.text(20, 10, f"第{vol}卷{issue_text(j)}", 9)
            s.text(105, 10, head_name, 9, anchor="ma")
            s.text(190, 10, f"{j['year']}年{j['month']}月", 9, anchor="ra")
        s.rule(20, 15, 190, 15)
        if v.get("english"):
            words, lines = title.split(), [""]
            for w in words:  # the English title wrapped at its type size
                if lines[-1] and len(lines[-1]) + len(w) >= 52:
                    lines.append(w)
                else:
                    lines[-1] = (lines[-1] + " " + w).strip()
            for k, t in enumerate(lines):
                s.text(105, 20 + k * 7, t, 14, "hei", anchor="ma")
            s.text(105, 36, p["pinyin"], 11, anchor="ma")
            s.text(105, 43, "Fushun Ecological Environment Service Center, Fushun 113000, China", 9, anchor="ma")
            yy = 54
            for t in ("Abstract: Surface water quality of the Hun River in Fushun was monitored from 2018 to 2020.",
                      "Ammonia nitrogen and total phosphorus showed clear seasonal patterns in the river.",
                      "Keywords: river; ammonia nitrogen; total phosphorus; pollution; Fushun",
                      f"https://doi.org/10.1016/j.jes.{j['year']}.{j['month']:02d}.0{y0 % 97:02d}",
                      f"{j['issn']}/© {j['year']} " + v.get("publisher_en", "The Research Center for Eco-Environmental Sciences, CAS.")):
                yy = s.text(22, yy, t, 9.5)
            for _ in range(9):
                yy = s.text(22, yy, "Rivers in northeast China receive industrial and domestic effluents and their", 10)
            return s
        s.text(105, 24, title, 16, "hei", anchor="ma")
        s.text(105, 36, p["name"], 12, "kai", anchor="ma")
        s.text(105, 44, f"（{p['unit']}，辽宁 抚顺 113000）", 9.5, anchor="ma")
        yy = 54
        for t in (f"摘要：以{title[:10]}为对象，分析了近年来的监测数据与治理成效，",
                  "提出了针对性的改进建议，可为区域生态环境管理提供参考。",
                  "关键词：生态环境；监测；治理；抚顺",
                  f"中图分类号：X52    文献标识码：A    文章编号：{v.get('art_issn', j['issn'])}({j['year']}){v.get('art_iss', iss_short):0>2}-{y0:04d}-0{y1 - y0 + 1}"
                  if j["issn"] and v.get("head_style") != "online" else "中图分类号：X52    文献标识码：A",
                  f"DOI：10.13227/j.hjkx.{j['year']}0{j['month']:02d}0{y0 % 89:02d}" if v.get("doi", True) else ""):
            if t:
                yy = s.text(22, yy, t, 10)
        if not v.get("no_cite"):
            cite = v.get("cite") or f"引用格式：{p['name']}. {title}[J]. {cite_name}, {j['year']}, {vol}({iss_short}): {y0}-{y1}."
            while cite:  # wrapped at a comma or a space, as typesetting does, not inside a number
                cut = len(cite) if len(cite) <= 46 else max(cite.rfind(" ", 0, 46), cite.rfind("，", 0, 46)) + 1 or 46
                yy = s.text(22, yy, cite[:cut].rstrip(), 9)
                cite = cite[cut:]
        s.rule(20, yy + 2, 190, yy + 2)
        yy += 6
        for _ in range(11):
            yy = s.text(22, yy, "随着生态环境保护工作的深入推进，对污染物排放与环境质量的要求日益提高。", 10.5)
        s.text(20, 272, f"收稿日期：{j['year'] - 1}-{(j['month'] + 5) % 12 + 1:02d}-12；修回日期：{j['year'] - 1}-{(j['month'] + 7) % 12 + 1:02d}-20", 8)
        s.text(20, 278, f"作者简介：{p['name']}（{p['birth'][:4]}—），{p['sex']}，工程师，主要从事生态环境监测工作。", 8)
        return s

    def online_first(j, p, title):
        s = Leaf("of23" + j["name"] + title)
        s.text(105, 16, "网络首发论文", 18, "hei", anchor="ma")
        rows = [("题目：", title), ("作者：", p["name"]), ("收稿日期：", f"{j['year']}-01-06"),
                ("网络首发日期：", f"{j['year']}-{j['month']:02d}-18"),
                ("引用格式：", f"{p['name']}．{title}[J/OL]．{j['name']}．"),
                ("", f"https://kns.cnki.net/kcms/detail/{j['cn'].split('/')[0]}.{j['cn'].split('/')[1]}.{j['year']}0{j['month']:02d}18.1502.002.html")]
        y = 34
        for k, val in rows:
            s.text(20, y, k, 11, "hei")
            s.text(52, y, val[:36], 11)
            if len(val) > 36:
                y += 8
                s.text(52, y, val[36:], 11)
            y += 11
        for t in ("网络首发：在编辑部工作流程中，稿件从录用到出版要经历录用定稿、排版定稿、整期汇编定稿等阶段。",
                  "录用定稿指内容已经确定，且通过同行评议、主编终审同意刊用的稿件。",
                  "出版确认：纸质期刊编辑部通过与《中国学术期刊（光盘版）》电子杂志社有限公司签约，",
                  "在《中国学术期刊（网络版）》出版传播平台上创办与纸质期刊内容一致的网络版，",
                  f"以单篇或整期出版形式，在印刷出版之前刊发论文的录用定稿。{j['name']}  ISSN {j['issn']}  CN {j['cn']}"):
            for k in range(0, len(t), 40):
                y = s.text(20, y, t[k:k + 40], 9.5)
        return s

    def photocopy(img, seed):
        """A gray photocopy of a journal page (the copy desk's usual): toner contrast, speckle, a slight skew, a
        darker band where the spine lay on the glass."""
        import numpy as np
        from PIL import Image, ImageFilter

        r = rng("copy", seed)
        a = np.asarray(img.convert("L"), np.float32)
        a = np.clip((a - 128) * 1.25 + 140, 0, 255)
        g = np.random.default_rng(r.randrange(1 << 30))
        a += g.normal(0, 9, a.shape)
        a[:, : int(a.shape[1] * 0.04)] *= 0.55
        out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
        return out.rotate(r.uniform(-1.5, 1.5), resample=Image.BICUBIC, fillcolor=235).convert("RGB")

    def proceedings(p, title, book, isbn, year):
        """A 论文集's title page and copyright page (CIP data, ISBN), and the paper's first page in it."""
        a = Leaf("proc23" + book + isbn)
        a.text(105, 60, book[:14], 22, "hei", anchor="ma")
        if len(book) > 14:
            a.text(105, 76, book[14:], 22, "hei", anchor="ma")
        a.text(105, 110, "中国环境科学学会  编", 14, anchor="ma")
        a.text(105, 250, "中国环境出版集团", 14, "hei", anchor="ma")
        a.text(105, 260, "·北京·", 11, anchor="ma")
        b = Leaf("procc23" + book + isbn)
        b.text(30, 40, "图书在版编目（CIP）数据", 12, "hei")
        b.text(30, 52, f"{book}/中国环境科学学会编. —北京：中国环境出版集团，{year}.10", 10)
        b.text(30, 60, f"ISBN {isbn}", 10)
        b.text(30, 68, "Ⅰ.①中…  Ⅱ.①中…  Ⅲ.①环境科学—学术会议—文集  Ⅳ.①X-53", 10)
        b.text(30, 76, f"中国版本图书馆CIP数据核字（{year}）第186243号", 10)
        b.rule(30, 84, 180, 84)
        for k, t in enumerate(("出 版 人  武德凯", "责任编辑  丁莞歆", "出版发行  中国环境出版集团", "印    刷  北京建宏印刷有限公司",
                               f"版    次  {year}年10月第1版", "开    本  787×1092  1/16", f"定    价  198.00元")):
            b.text(30, 92 + k * 9, t, 10.5)
        c = Leaf("procp23" + title)
        c.text(105, 24, title, 16, "hei", anchor="ma")
        c.text(105, 36, p["name"], 12, "kai", anchor="ma")
        c.text(105, 44, f"（{p['unit']}，辽宁 抚顺 113000）", 9.5, anchor="ma")
        yy = 56
        for t in (f"摘要：以{title[:10]}为对象，分析了近年来的监测数据与治理成效，", "关键词：生态环境；监测；抚顺"):
            yy = c.text(22, yy, t, 10)
        for _ in range(12):
            yy = c.text(22, yy, "随着生态环境保护工作的深入推进，对污染物排放与环境质量的要求日益提高。", 10.5)
        c.text(105, 282, f"— {356} —", 9, anchor="ma")
        return [a, b, c]

    def retrieval(p, title, listed_journal, year_issue):
        s = Leaf("ret23" + p["name"] + title + listed_journal + year_issue)
        s.text(105, 20, "论文收录检索证明", 18, "hei", anchor="ma")
        s.text(22, 36, f"经检索中国知网，{p['unit']}{p['name']}以第一作者发表的论文收录情况如下：", 10)
        xs, ys = s.grid(20, 46, (10, 100, 36, 24), (12, 16, 16))
        rows = [("序号", "论文题目", "期刊", "年期"), ("1", T.OTHER_PAPERS[0][0], T.OTHER_PAPERS[0][1], T.OTHER_PAPERS[0][2]),
                ("2", title, listed_journal, year_issue)]
        for i, row in enumerate(rows):
            for k, t in enumerate(row):
                sz = 8 if k == 1 else 9 if len(t) <= 8 else 7
                if k == 1 and len(t) > 40 and " " in t:  # an English title wrapped in its cell
                    cut = t.rfind(" ", 0, len(t) // 2 + 6)
                    s.text(xs[k] + 1.5, ys[i] + 2, t[:cut], 7)
                    s.text(xs[k] + 1.5, ys[i] + 8, t[cut + 1:], 7)
                    continue
                if k == 2 and len(t) > 12:  # a long name wrapped in its cell
                    s.text(xs[k] + 1.5, ys[i] + 2, t[:12], 7)
                    s.text(xs[k] + 1.5, ys[i] + 8, t[12:], 7)
                    continue
                s.text(xs[k] + 1.5, ys[i] + 4, t, sz)
        s.text(22, 104, "检索机构：辽宁省科学技术情报研究所（中国知网检索）", 10)
        s.text(22, 116, "检索人：", 11)
        scrawl(s, 40, 119, "librarian" + p["name"])
        s.text(110, 116, "人事部门审核签字：", 11)  # the campaign: signed by the unit's HR office and stamped
        scrawl(s, 150, 119, "hr" + p["name"])
        s.text(150, 140, "2024年10月23日", 11)
        stamp(s, 160, 132, p["unit"], seed=13)
        return s

    # ------------------------------------------------------------------ the cases
    TITLES = {"W": "抚顺市望花区工业园区挥发性有机物排放特征研究", "D": "抚顺市东洲区地表水氨氮与总磷时空变化特征分析",
              "E": "农村生活污水分散式处理工艺比选与运行评价", "G": "排污许可制度下重点排污单位环境管理问题与对策",
              "L": "抚顺市城区降尘中重金属污染特征研究"}

    def case(who, j, v=None, pages=("cover", "masthead", "paper"), claim=None):
        return dict(who=who, j=j, v=v or {}, pages=pages, claim=claim or {})

    E = "Journal of Environmental Sciences"
    jes = rec(E)
    cases = {
        # ---- clean: real journals, real layouts
        "C01": (case("W", spec("环境科学", 2021, 3), {"head_style": "cite"}), None),
        "C02": (case("D", spec("环境科学学报", 2021, 6), {}, ("cover", "toc", "paper")), None),
        "C03": (case("G", spec("环境科学研究", 2022, 4), {"cn_style": "nospace"}), None),
        "C04": (case("E", spec("环境科学研究", 2020, 11), {"cn_style": "yi"}, ("cover", "masthead", "toc", "paper")), None),
        "C05": (case("W", spec("中国环境监测", 2022, "第5-6期", month=12), {"iss_short": "5-6", "art_iss": "05"}), None),  # 合刊 of a 双月刊
        "C06": (case("D", spec("环境污染与防治", 2021, 7), {"barcode": True}), None),
        "C07": (case("G", spec("环境科学与管理", 2022, 4), {}), None),
        "C08": (case("E", spec("环境科学与技术", 2020, 11), {"head_style": "cite"}, ("cover", "masthead", "toc", "paper")), None),
        "C09": (case("W", spec("水资源保护", 2021, 4), {}), None),
        "C10": (case("D", spec(E, 2021, 5, en=""), {"english": True, "head_style": "english"}, ("cover", "paper"),
                     claim={"title": "Spatiotemporal variation of ammonia nitrogen and total phosphorus in the Hun River, Fushun"}), None),
        # 生态环境 (2003-2008) is 生态环境学报's former name: an old paper printed under it, the pair of today
        "C11": (case("L", spec("生态环境学报", 2008, 3, name="生态环境", en="Ecology and Environment", month=5)), None),
        "C12": (case("G", spec("安全与环境学报", 2022, 2), {"cn_style": "yi"}), None),
        "C13": (case("E", spec("环境工程学报", 2020, 11), {}, ("cover", "toc", "paper")), None),
        "C14": (case("D", spec("中国环境科学", 2021, 6), {"head_style": "cite", "barcode": True}, ("cover", "masthead", "paper")), None),
        # a 月刊's double issue (第11-12期); the numbers squeezed on one line with no spaces, full-width slash
        "C16": (case("W", spec("环境科学学报", 2021, "第11-12期", month=12), {"iss_short": "11-12", "art_iss": "11",
                                                                         "ids_squeezed": True}), None),
        # the applicant claims today's name (生态环境学报) for a paper printed under the former one (生态环境)
        "C17": (case("L", spec("生态环境学报", 2008, 4, name="生态环境", en="Ecology and Environment", month=7),
                     claim={"journal": "生态环境学报"}), None),
        # gray photocopies of the journal's pages (the spine's shadow, speckle, a skew)
        "C18": (case("W", spec("环境科学", 2022, 9), {"copy": True, "cn_style": "nospace"}), None),
        "C19": (case("E", spec("中国环境监测", 2021, 4), {"copy": True, "toc_wrap": True}, ("cover", "masthead", "toc", "paper"),
                     claim={"title": "新宾满族自治县农村生活污水分散式处理设施运行效果与水质达标评价"}), None),
        # a two-line running head: Chinese over English (Vol.41, No.6 | Acta Scientiae Circumstantiae | Jun., 2021)
        "C20": (case("G", spec("环境科学学报", 2021, 6), {"head_style": "bilingual"}, ("cover", "paper")), None),
        # a university journal's edition: the cover prints 沈阳建筑大学学报 and 自然科学版 on a line of its own (the
        # 社会科学版 is another registered journal); the running head and masthead print the whole name, full-width
        "C21": (case("W", spec("沈阳建筑大学学报(自然科学版)", 2022, 3, name="沈阳建筑大学学报（自然科学版）",
                               en="Journal of Shenyang Jianzhu University (Natural Science)", admin="辽宁省教育厅"),
                     {"cover_name": "沈阳建筑大学学报", "edition_line": "自然科学版"},
                     claim={"journal": "沈阳建筑大学学报(自然科学版)"}), None),
        "C22": (case("D", spec("辽宁工程技术大学学报(自然科学版)", 2021, 4, name="辽宁工程技术大学学报（自然科学版）",
                               en="Journal of Liaoning Technical University (Natural Science)", admin="辽宁省教育厅"),
                     {"cover_name": "辽宁工程技术大学学报", "edition_line": "自然科学版", "head_style": "bilingual"},
                     ("cover", "masthead", "toc", "paper"), claim={"journal": "辽宁工程技术大学学报（自然科学版）"}), None),
        # ---- real journals a person must look at (a supplement, online-first)
        "P01": (case("W", spec("环境科学与技术", 2022, "增刊1", month=6), {"iss_short": "S1", "cover_line": "增  刊"}), "journal.registered"),
        "C15": (case("G", spec("环境科学研究", 2023, 3), {"head_style": "online", "no_cite": True}, ("online_first", "paper")), None),
        # ---- planted: 套刊 as it comes
        # a fake under its own name printing 环境科学's ISSN, a CN of its own invention
        "P02": (case("D", spec("环境科学与应用", 2022, 3, issn=rec("环境科学")["ISSN"], cn="11-9817/X",
                               sponsor="中国环境科学出版研究中心", admin="中国科学文化出版社", en="Environmental Science and Application",
                               founded=2015)), "journal.registered"),
        # a fake under its own name printing 环境科学's ISSN and CN both
        "P03": (case("G", spec("环境科学与应用", 2022, 5, issn=rec("环境科学")["ISSN"], cn=rec("环境科学")["CN"],
                               sponsor="中国环境科学出版研究中心", admin="中国科学文化出版社", en="Environmental Science and Application",
                               founded=2015)), "journal.registered"),
        # 环境科学研究's name and ISSN beside 环境科学学报's CN
        "P04": (case("E", spec("环境科学研究", 2021, 4, cn=rec("环境科学学报")["CN"])), "journal.registered"),
        # 环境科学与管理 printed (and claimed) over 环境科学与技术's pair
        "P05": (case("W", spec("环境科学与管理", 2022, 3, issn=rec("环境科学与技术")["ISSN"], cn=rec("环境科学与技术")["CN"],
                               sponsor=rec("环境科学与技术")["主办单位"])), "journal.registered"),
        # a name one character off (与 dropped) over 环境污染与防治's own pair
        "P06": (case("D", spec("环境污染防治", 2022, 6, issn=rec("环境污染与防治")["ISSN"], cn=rec("环境污染与防治")["CN"],
                               sponsor=rec("环境污染与防治")["主办单位"], admin="浙江省生态环境厅", freq="月刊", founded=1979,
                               en="Environmental Pollution Prevention")), "journal.registered"),
        # an ISSN-only "Hong Kong" journal under a Chinese masthead, no CN anywhere
        "P07": (case("G", spec("中国环境管理研究", 2022, 8, issn="2309-9976", cn="", sponsor="中国环境管理研究杂志社",
                               admin="香港中华文化出版社", en="China Environmental Management Research", founded=2013,
                               post="—"), {"address": "香港九龙旺角弥敦道610号荷李活商业中心"}), "journal.registered"),
        # the same kind printing a CN(HK)
        "P08": (case("E", spec("环境与发展研究", 2021, 9, issn="2413-2578", cn="", sponsor="香港环境与发展研究杂志社",
                               admin="香港中华文化出版社", en="Environment and Development Research", founded=2013, post="—"),
                     {"mast_tail": ["国内统一刊号：CN(HK)9217/X"], "extra_rows": [("刊    号", "CN(HK)9217/X")]}), "journal.cn"),
        # a 论文集 with an ISBN handed in as a journal (the claim types its name, no ISSN, no CN)
        "P09": (case("W", None, {"book": ("2022中国环境科学学会科学技术年会论文集", "978-7-5111-5234-3", 2022)},
                     ("proceedings",), claim={"journal": "2022中国环境科学学会科学技术年会论文集", "issn": "", "cn": "", "date": "2022-10"}),
                "journal.issn"),
        # a warning-listed journal (CAS 国际期刊预警名单)
        "P10": (case("D", spec("Desalination and Water Treatment", 2021, 4, issn="1944-3994", cn="", en="", founded=2009,
                               sponsor="", admin="", pages=(112, 121)),
                     {"english": True, "head_style": "english", "sponsor_en": "Desalination Publications",
                      "publisher_en": "Desalination Publications. All rights reserved."}, ("cover", "paper"),
                     claim={"title": "Removal of ammonia nitrogen from river water by modified zeolite in Fushun"}), "journal.registered"),
        # a journal that stopped (停刊), its name and numbers on a new issue
        "P11": (case("G", spec("重庆环境科学", 2022, 5)), "journal.registered"),
        # the pages date the paper before the current title (outside the period): claimed 2021, printed 2018
        "P12": (case("W", spec("环境科学与管理", 2018, 6), {}, ("cover", "masthead", "paper"), claim={"date": "2021-06"}),
                "evidence.after_title"),
        # an invented ISSN failing its check digit, a real-looking CN of no journal
        "P13": (case("E", spec("环境监测与治理研究", 2021, 10, issn="2095-7713", cn="11-9736/X", sponsor="中国环境监测与治理研究杂志社",
                               admin="中国科学文化出版社", en="Environmental Monitoring and Governance", founded=2014)), "journal.issn"),
        # one journal's cover over another's paper: 环境科学与技术's cover, the paper's running head and citation name
        # 环境科学与管理 (a paper from another journal filed under a better journal's cover)
        "P14": (case("D", spec("环境科学与技术", 2022, 4), {"head_name": "环境科学与管理", "art_issn": rec("环境科学与管理")["ISSN"]},
                     ("cover", "paper")), "journal.registered"),
        # a fake copying 环境科学学报 whole, its masthead's submissions on qq.com and its issue 第15期 of a 月刊
        "P15": (case("G", spec("环境科学学报", 2022, 15, month=8), {"extra_rows": [("投稿邮箱", "hjkxxb_tg@qq.com")]}), "journal.registered"),
        # a fake under its own name printing 环境监控与预警's CN beside an ISSN of its own (valid, registered to none)
        "P17": (case("E", spec("环境监测与预警研究", 2022, 6, issn="1673-9051", cn=rec("环境监控与预警")["CN"],
                               sponsor="江苏环境监测与预警研究杂志社", admin="中国科学文化出版社", en="Environmental Monitoring and Warning Research",
                               founded=2016)), "journal.registered"),
        # a real journal's name (环境科学与技术) over numbers of its own invention: a valid ISSN and a CN of the
        # journal's region that no journal holds
        "P18": (case("G", spec("环境科学与技术", 2022, 7, issn="2097-3160", cn="42-1999/X")), "journal.registered"),
        # photocopied 套刊: 环境科学研究's name and ISSN beside 中国环境科学's CN; 环境污染与防治 copied whole, its
        # issue 第14期 of a 月刊
        "P19": (case("D", spec("环境科学研究", 2022, 7, cn=rec("中国环境科学")["CN"]), {"copy": True}), "journal.registered"),
        "P20": (case("W", spec("环境污染与防治", 2022, 14, month=12), {"copy": True}), "journal.registered"),
        # a 下半月 edition (一号多刊): the real journal's name and numbers, its issue printed 第6期（下）
        "P21": (case("E", spec("环境科学与管理", 2022, "第6期（下）", month=6), {"iss_short": "6", "art_iss": "06"}),
                "journal.registered"),
        # a journal merged into another (合并) printing new issues under its own name and numbers
        "P22": (case("G", spec("石油化工环境保护", 2021, 3, admin="中国石油化工集团有限公司")), "journal.registered"),
        # a real name beside a CN of its own invention (the ISSN the journal's own)
        "P16": (case("W", spec("生态学报", 2022, 9, cn="11-9031/Q")), "journal.registered"),
    }

    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, ((c, planted)) in sorted(cases.items()):
        who = c["who"]
        p = dict(people[who])
        p["pinyin"] = {"W": "Li Wei", "D": "Han Xuemei", "E": "Song Lijun", "G": "Bao Chunyang", "L": "Qi Wenbo"}[who]
        j, v = c["j"], c["v"]
        title = c["claim"].get("title", TITLES[who])
        if "book" in v:
            book, isbn, year = v["book"]
            pages = [("论文集", proceedings(p, title, book, isbn, year)),
                     ("检索证明", [retrieval(p, title, book[:12], f"{year}年")])]
            claim = dict(title=title, **c["claim"])
        else:
            leaves = []
            for kind in c["pages"]:
                if kind == "cover":
                    leaves.append(("期刊封面", [cover(j, v)]))
                elif kind == "masthead":
                    leaves.append(("版权页", [masthead(j, v)]))
                elif kind == "toc":
                    leaves.append(("目次", [toc(j, v, title, p["name"])]))
                elif kind == "online_first":
                    leaves.append(("网络首发", [online_first(j, p, title)]))
                elif kind == "paper":
                    leaves.append(("论文首页", [paper_page(j, v, p, title)]))
            if v.get("copy"):
                for i, (nm, lv) in enumerate(leaves):
                    for leaf in lv:
                        leaf.img = photocopy(leaf.img, k + nm)
            iss = j["issue"] if isinstance(j["issue"], int) else j["issue"].strip("第期")
            leaves.append(("检索证明", [retrieval(p, title, v.get("head_name", j["name"]),
                                                   f"{j['year']}年第{iss}期" if isinstance(j["issue"], int) else f"{j['year']}年{iss}")]))
            pages = leaves
            claim = dict(title=title, journal=v.get("head_name", j["name"]) if k != "P14" else j["name"],
                         issn=j["issn"], cn=j["cn"], date=f"{j['year']}-{j['month']:02d}")
            claim.update(c["claim"])
        p["paper"] = dict(title=title, journal=claim.get("journal", ""), issn=claim.get("issn", ""), cn=claim.get("cn", ""),
                          date=claim["date"], vol="第1卷第1期", sponsor="")
        docs = [d for d in T19.dossier(p, {}) if d[0] != "论文"] + pages
        T19.write(root / k, docs)
        (root / k / "applicant.yaml").write_text(yaml_text(p, claim), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "jrnl23", "person": who,
                  "variant": {"journal": claim.get("journal", ""), "issn": claim.get("issn", ""), "cn": claim.get("cn", ""),
                              "date": claim["date"], "pages": "+".join(c["pages"]),
                              **{a: str(b) for a, b in v.items()}}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)
    return 0


def yaml_text(p, claim):
    t = p["title"]
    lines = [f"name: {p['name']}", f"id_number: \"{p['id']}\"", f"unit: {p['unit']}", "unit_kind: 事业单位",
             f"specialty: {p['specialty']}", f"level: {p['level']}",
             "current_title:", f"  name: {t[0]}", f"  date: {t[1]}",
             "papers:", f"  - title: \"{claim['title']}\"", f"    journal: \"{claim.get('journal', '')}\""]
    if claim.get("issn"):
        lines.append(f"    issn: {claim['issn']}")
    if claim.get("cn"):
        lines.append(f"    cn: {claim['cn']}")
    lines.append(f"    date: {claim['date']}")
    if p["award"]:
        a = p["award"]
        lines += ["awards:", f"  - title: {a['title']}", f"    date: {a['date']}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
