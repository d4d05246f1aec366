"""Probe round 35 (issue 13): JOURNAL EVIDENCE AS A FRAUD RING AND HONEST APPLICANTS HAND IT IN. Round 23 drew real
journals' pages in the project's own page model; this round draws them in round 34's page model (text, rules and seals
placed in millimetres, rasterised by PIL at 200-300 dpi as clean PNGs, scans or scans in a PDF, or written by fpdf2 as
born-digital PDFs with a text layer), in the Debian faces (AR PL UMing, AR PL UKai, WenQuanYi Zen Hei) and, where
installed, Noto Serif/Sans CJK SC (fonts-noto-cjk is not a CI dependency: without it every face falls back to a
Debian one). Each dossier holds the campaign's required documents (round 34's) and one paper's journal evidence:
cover (coloured band, name, English name, 第N卷第N期, ISSN/CN as the journal sets them), 版权页 (主管/主办/编辑出版/…,
国内统一连续出版物号, 国际标准连续出版物号), 目次, the paper's first page (running head, 文章编号, 中图分类号, DOI,
引用格式), a back cover, and a unit's retrieval proof. Journal names, ISSNs, CNs, sponsors, frequencies and founding
years are the real ones of the CNKI list in ../shared/realdata/journals (the project's registry is built from it);
the warning-listed journals are from its CAS lists.

Clean (12): the pair full-width and spaced (ＩＳＳＮ　１０００－６９２３); the CN only on the 版权页; the pair only on the
back cover; the pair on one line at the cover's foot; an ISSN with an X check digit; a renamed journal's old issue
under its former name (环境科学动态, 2005, now 环境与可持续发展); an edition (辽宁大学学报（自然科学版）, the cover setting
自然科学版 apart); a （中英文） journal; an English-language journal published abroad, no CN (a normal applicant, and an
enterprise applicant); a rare character in the name (中国沼气); a bilingual running head.

Planted (12, one trick each, the cover, 版权页, 目次 and paper page consistent with the fake): a real journal's ISSN
and CN under a made-up name; a real pair under another real journal's name; a made-up name with a real ISSN and a
made-up CN in a thousand-block its region uses; an ISSN-only "国际刊号" journal with 主管/主办; a real journal's name
and ISSN with its CN's region changed; 一号多刊 (the real journal's name and pair, 下半月刊 as its edition); a 增刊 in
small print only; two CAS warning-list journals (one claimed under its English name, one under a Chinese
translation); a genuine cover over a paper whose running head and citation name another journal; a retrieval proof
listing the paper in another journal; a real journal whose founding is after the paper's date.

    PROBE_OUT=/tmp/trust35 python scripts/probe_trust35/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/probe35-ocr.sqlite
    PROBE_OUT=/tmp/trust35 python scripts/probe_trust35/score.py OUT -v

``PROBE_ONLY="J35-C01 J35-P05"`` makes only those dossiers. Needs Pillow, numpy, fpdf2, python-stdnum, the Debian CJK
fonts (fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei) and ../shared/realdata/journals; without the list it
says so and writes nothing (exit 0).
"""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust35"))
ONLY = os.environ.get("PROBE_ONLY", "").split()
REAL = Path(os.environ.get("REALDATA", Path(__file__).resolve().parents[3] / "shared" / "realdata")) / "journals"
CNKI = REAL / "cnki_journals_2023-11-30.csv"

R = load_round(34, "probe34_for35")
DEB = {"uming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
       "ukai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
       "wqy": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)}
#: the Noto / LXGW faces round 34 names, and the Debian face each falls back to
FALLBACK = {"serif": "uming", "serif_b": "uming", "sans": "wqy", "sans_b": "wqy", "wenkai": "ukai", "gkai": "ukai"}


def set_faces() -> bool:
    """Round 34's faces plus the Debian ones; a face whose file is absent becomes its Debian fallback. Returns whether
    the Noto faces are installed."""
    for k, v in DEB.items():
        if not os.path.exists(v[0]):
            sys.exit(f"probe_trust35 needs the Debian CJK fonts, missing: {v[0]}")
        R.FACES[k] = v
    noto = all(os.path.exists(R.FACES[k][0]) for k in ("serif", "serif_b", "sans", "sans_b"))
    for k, fb in FALLBACK.items():
        if not os.path.exists(R.FACES[k][0]):
            R.FACES[k] = DEB[fb]
    return noto


def journals() -> dict[str, dict]:
    out = {}
    with open(CNKI, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["期刊名称"], r)
    return out


FW = str.maketrans("0123456789-/ABCDEFGHIJKLMNOPQRSTUVWXYZ ", "０１２３４５６７８９－／ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ\u3000")


class JPage(R.Page):
    """Round 34's page with filled rectangles (a cover's coloured band): ("fill", x, y, w, h, colour)."""

    def fill(self, x, y, w, h, colour):
        self.ops.insert(0, ("fill", x, y, w, h, colour))


def raster(page, dpi):
    """Round 34's rasteriser with the filled bands under the print: the page drawn without its light-coloured text,
    the bands laid where it left paper white, then the light text drawn over them."""
    fills = [op for op in page.ops if op[0] == "fill"]
    if not fills:
        return R.raster(page, dpi)
    light = [op for op in page.ops if op[0] == "text" and min(op[6]) >= 200]
    rest = JPage()
    rest.ops = [op for op in page.ops if op[0] != "fill" and op not in light]
    im = R.raster(rest, dpi)
    ppmm = dpi / 25.4
    a = np.asarray(im).astype(np.float32)
    for _, x, y, w, h, col in fills:
        x0, y0, x1, y1 = int(x * ppmm), int(y * ppmm), int((x + w) * ppmm), int((y + h) * ppmm)
        blk = a[y0:y1, x0:x1]
        white = blk.min(axis=2, keepdims=True) > 235
        blk[:] = np.where(white, np.array(col, np.float32), blk)
    im = Image.fromarray(a.astype(np.uint8))
    d = ImageDraw.Draw(im)
    for _, x, y, h, face, s, col, *more in light:
        px = int(h * ppmm)
        d.text((x * ppmm, y * ppmm), s, font=R.font(face, px), fill=col,
               stroke_width=max(1, px // 30) if more and more[0] else 0, stroke_fill=col)
    return im


def save(folder: Path, pages, capture, rng):
    """Round 34's capture (its fpdf2 writer draws the filled bands too), pages rasterised with :func:`raster`."""
    R.save(folder, pages, capture, rng, raster)


def fmt_ids(j, v):
    issn, cn = j["issn"], j["cn"]
    if v.get("fullwidth"):
        return ("ＩＳＳＮ\u3000" + issn.translate(FW) if issn else "", "ＣＮ\u3000" + cn.translate(FW) if cn else "")
    return ("ISSN " + issn if issn else "", "CN " + cn if cn else "")


def cover(j, v, f):
    s = JPage(f["body"], f["head"])
    band = j.get("band", (30, 70, 120))
    s.fill(0, 0, 210, 72, band)
    s.y = 16
    shown = v.get("cover_name", j["name"])
    s.center(shown, 15.0 if len(shown) <= 6 else 11.0 if len(shown) <= 10 else 8.5, face=f["title"], dy=4,
             black=True)
    s.ops[-1] = s.ops[-1][:6] + ((255, 255, 255), True)
    if v.get("edition_line"):
        s.center(v["edition_line"], 6.0, face=f["head"], dy=3)
        s.ops[-1] = s.ops[-1][:6] + ((255, 255, 255), False)
    if j.get("en"):
        s.center(j["en"], 4.2, face="sans" if not j.get("english") else f["head"], dy=3)
        s.ops[-1] = s.ops[-1][:6] + ((235, 235, 235), False)
    s.y = 80
    if j.get("english"):
        s.center(f"Volume {j['vol']}, {j['issue_en']}", 5.0, face="sans")
    else:
        s.center(f"{j['year']}年  第{j['vol']}卷  {j['issue_label']}", 6.0, face=f["head"])
    if v.get("cover_small"):  # a supplement's mark where no one looks: tiny, beside the volume line
        s.text(150, v["cover_small"], 2.6, f["body"], y=s.y - 4)
    s.fill(28, 100, 154, 100, (214, 222, 228))
    s.y = 112
    for line in v.get("cover_lines", ["本期导读", "区域大气污染联防联控机制研究进展", "流域水环境容量核算方法比较",
                                      "土壤污染风险管控与修复技术评述"]):
        s.center(line, 4.4, face=f["body"], dy=4)
    ids = fmt_ids(j, v)
    where = v.get("ids", "foot2")
    if where == "foot2":
        s.y = 236
        if j.get("admin") and not j.get("english"):
            s.line_("主管：" + j["admin"], 3.8, x=28, face=f["body"])
        if j.get("sponsor"):
            s.line_(("主办：" if not j.get("english") else "Sponsored by ") + j["sponsor"], 3.8, x=28, face=f["body"])
        for x in ids:
            if x:
                s.line_(x, 4.4, x=28, face="sans")
    elif where == "foot1":
        s.y = 262
        s.center("    ".join(x for x in ids if x), 4.6, face="sans")
    elif where == "issn_only":
        s.y = 256
        s.text(140, ids[0], 3.6, "sans")
        for k in range(40):  # the barcode's bars
            if (k * 7) % 3:
                s.ops.append(("line", 140 + k * 0.9, 261, 140 + k * 0.9, 276, 0.35 if k % 4 else 0.6))
    if not j.get("english") and where != "foot2":
        s.y = 282
        s.center(f"{j['sponsor']}  主办", 3.6, face=f["body"])
    return s


def masthead(j, v, f):
    s = JPage(f["body"], f["head"])
    s.y = 18
    nm = v.get("mast_name", j["name"])
    s.center("  ".join(nm) if len(nm) <= 5 else nm, 7.5, face=f["head"], dy=3)
    if j.get("en"):
        s.center(f"（{j['en']}）", 3.6, face=f["body"], dy=3)
    s.center(f"（{j['freq']}  {j['founded']}年创刊）", 3.8, face=f["body"], dy=3)
    issue_line = f"第{j['vol']}卷  {j['issue_label']}  {j['year']}年{j['month']}月{j.get('day', 15)}日出版"
    s.center(issue_line, 3.8, face=f["body"], dy=4)
    if v.get("mast_small"):
        s.text(150, v["mast_small"], 2.5, f["body"], y=s.y - 7)
    s.ops.append(("line", 28, s.y, 182, s.y, 0.3))
    s.y += 5
    rows = [("主    管", j.get("admin", "")), ("主    办", j.get("sponsor", "")), ("编辑出版", f"《{nm}》编辑部"),
            ("主    编", j.get("editor", "张国华")), ("地    址", j.get("address", "北京市朝阳区安外大羊坊8号（100012）")),
            ("电    话", "010-84915160"), ("印    刷", "北京中科印刷有限公司"),
            ("国内发行", "中国邮政集团有限公司北京市报刊发行局"), ("国外发行", "中国国际图书贸易集团有限公司")]
    for k, val in rows:
        if val:
            s.text(32, k, 3.8, y=s.y)
            s.text(62, val, 3.8, y=s.y)
            s.y += 7.5
    s.ops.append(("line", 28, s.y + 1, 182, s.y + 1, 0.3))
    s.y += 6
    ids = fmt_ids(j, v)
    if j["cn"] and not v.get("no_cn_mast"):
        s.text(32, "国内统一连续出版物号：" + ids[1], 4.0, y=s.y)
        s.y += 7.5
    if j["issn"]:
        s.text(32, ("国际标准连续出版物号：" if j["cn"] else "国际刊号：") + ids[0], 4.0, y=s.y)
        s.y += 7.5
    s.text(32, f"国内邮发代号：{j.get('post') or '—'}        定价：{25 + len(j['name'])}.00元", 4.0, y=s.y)
    s.y = 268
    s.center("版权所有  未经许可  不得转载", 3.2, face=f["body"])
    return s


OTHERS = [("京津冀地区PM2.5与臭氧协同控制路径分析", "刘洋，陈静"), ("长江流域典型湖泊沉积物重金属生态风险评价", "张波，赵敏"),
          ("基于多源数据的城市热岛效应时空演变研究", "孙伟"), ("农村黑臭水体治理模式比较与成效评估", "周明，吴芳"),
          ("挥发性有机物走航监测在工业园区的应用", "黄磊"), ("土壤中全氟化合物的分布特征与来源解析", "徐丹，王勇")]


def toc(j, v, f, title, author):
    s = JPage(f["body"], f["head"])
    s.y = 14
    s.center(v.get("mast_name", j["name"]), 5.5, face=f["head"], dy=2)
    s.center(f"第{j['vol']}卷  {j['issue_label']}  {j['year']}年{j['month']}月", 3.8, face=f["body"], dy=5)
    s.center("目    次", 7.0, face=f["head"], dy=6)
    pg = j["pages"][0] - 70
    for k in range(7):
        t, a = (title, author) if k == 3 else OTHERS[k if k < 3 else k - 1]
        p0 = j["pages"][0] if k == 3 else pg + k * 18
        s.text(22, t, 4.0, y=s.y)
        s.text(188 - R.text_width(f"（{p0}）", f["body"], 4.0), f"（{p0}）", 4.0, y=s.y)
        s.text(26, a, 3.4, y=s.y + 5.5, colour=(70, 70, 70))
        s.y += 15
    return s


def paper_page(j, v, f, p, title):
    s = JPage(f["body"], f["head"])
    head_name = v.get("head_name", j["name"])
    vol, iss, (p0, p1) = v.get("head_vol", j["vol"]), j["issue_short"], j["pages"]
    style = v.get("head", "plain")
    if style == "plain":
        s.text(18, f"第{vol}卷第{iss}期" if iss.isdigit() else f"第{vol}卷{j['issue_label']}", 3.2, y=8)
        s.text(105 - R.text_width(head_name, f["body"], 3.2) / 2, head_name, 3.2, y=8)
        d = f"{j['year']}年{j['month']}月"
        s.text(192 - R.text_width(d, f["body"], 3.2), d, 3.2, y=8)
    elif style == "cite":
        s.text(18, f"{head_name}, {j['year']}, {vol}({iss}): {p0}-{p1}", 3.2, y=8)
    elif style == "bilingual":
        s.text(18, f"第{vol}卷第{iss}期", 3.2, y=6)
        s.text(105 - R.text_width(head_name, f["body"], 3.2) / 2, head_name, 3.2, y=6)
        s.text(170, f"{j['year']}年{j['month']}月", 3.2, y=6)
        mon = ["", "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."]
        s.text(18, f"Vol.{vol} No.{iss}", 2.9, y=10.5)
        s.text(105 - R.text_width(j["en"], f["body"], 2.9) / 2, j["en"], 2.9, y=10.5)
        s.text(170, f"{mon[j['month']]} {j['year']}", 2.9, y=10.5)
    s.ops.append(("line", 18, 14, 192, 14, 0.3))
    issn = v.get("art_issn", j["issn"])
    s.text(18, f"文章编号：{issn}（{j['year']}）{iss.zfill(2) if iss.isdigit() else iss}-{p0:04d}-08", 3.2, y=18)
    s.text(120, f"DOI：10.{13227 + len(j['name'])}/j.cnki.{j['code']}.{j['year']}.{iss.zfill(2)}.0{p0 % 100:02d}", 3.0,
           y=18)
    s.y = 30
    s.para(title, 6.2, x=22, width=166, dy=2.5, indent=False)
    s.y += 2
    s.center(f"{p['name']}", 4.6, face=v.get("hand", f["body"]), dy=3)
    s.center(f"（{p['unit']}，辽宁 抚顺 113006）", 3.6, face=f["body"], dy=5)
    s.para("摘要：以" + title + "为对象，基于2019—2021年逐月监测数据，采用主成分分析与相关分析方法，分析了主要污染物的时空"
           "分布特征及其影响因素。结果表明：研究区污染物浓度呈季节性变化，枯水期高于丰水期，点源排放与面源输入为主要来源。"
           "研究结果可为区域生态环境管理提供参考。", 3.7, x=22, width=166, dy=1.8)
    s.para("关键词：生态环境监测；时空分布；来源解析；抚顺", 3.7, x=22, width=166, dy=2, indent=False)
    s.text(22, "中图分类号：X832        文献标志码：A", 3.6, y=s.y)
    s.y += 8
    if j.get("en"):
        s.para(v.get("title_en", "Study on the spatiotemporal distribution characteristics of pollutants in Fushun"),
               4.2, x=22, width=166, dy=2, indent=False)
    s.y += 3
    for k in range(4):
        s.para("近年来，随着经济社会的快速发展，区域生态环境问题日益突出，开展系统的环境质量监测与评价工作对于"
               "科学制定污染防治措施具有重要意义。本研究在前期工作基础上，结合现场调查和实验室分析，对研究区进行了"
               "系统评估。", 3.7, x=22, width=166, dy=1.8)
    s.ops.append(("line", 22, 262, 100, 262, 0.25))
    rec = f"{j['year'] - 1 if j['month'] <= 3 else j['year']}-{max(1, j['month'] - 3):02d}-12"
    s.text(22, f"收稿日期：{rec}", 3.0, y=265)
    s.text(22, f"作者简介：{p['name']}，工程师，主要从事生态环境监测工作。", 3.0, y=270)
    if not v.get("no_cite"):
        cite = v.get("cite_name", head_name)
        s.text(22, f"引用格式：{p['name']}. {title}[J]. {cite}, {j['year']}, {vol}({iss}): {p0}-{p1}.", 3.0, y=275)
    s.text(190, str(p0), 3.2, y=285)
    return s


def back_cover(j, v, f):
    s = JPage(f["body"], f["head"])
    s.fill(0, 0, 210, 297, (236, 240, 232))
    s.y = 60
    s.center(v.get("ad", "欢迎订阅  欢迎投稿"), 9.0, face=f["head"], dy=10)
    s.para("本刊为学术期刊，主要刊登生态环境领域的研究论文、综述和研究简报，读者对象为从事环境科学研究、环境监测和"
           "环境管理的科研人员、高校师生及管理人员。", 4.2, x=30, width=150)
    ids = fmt_ids(j, v)
    s.y = 250
    s.center("    ".join(x for x in ids if x), 5.0, face="sans", dy=4)
    s.center(f"国内邮发代号：{j.get('post') or '—'}    定价：{25 + len(j['name'])}.00元", 4.0, face=f["body"])
    return s


def en_cover(j, v, f):
    s = JPage("sans", "sans_b")
    s.fill(0, 0, 210, 60, j.get("band", (230, 120, 20)))
    s.y = 18
    s.center(j["name"], 10.0 if len(j["name"]) < 20 else 7.5, face="sans_b", dy=6)
    s.ops[-1] = s.ops[-1][:6] + ((255, 255, 255), True)
    s.y = 70
    s.center(f"Volume {j['vol']}, {j['issue_en']}", 5.0, face="sans")
    s.y = 90
    for line in v.get("cover_lines_en", ["Contents lists available at ScienceDirect", f"journal homepage: {j['site']}"]):
        s.center(line, 4.0, face="sans", dy=4)
    s.y = 250
    s.line_(f"ISSN {j['issn']}", 4.4, x=28, face="sans")
    s.line_(j["publisher"], 4.0, x=28, face="sans")
    return s


def en_paper(j, v, f, p, title):
    s = JPage("sans", "sans_b")
    s.text(18, f"{j['name']} {j['vol']} ({j['year']}) {j['pages'][0]}", 3.4, "sans", y=8)
    s.ops.append(("line", 18, 14, 192, 14, 0.3))
    s.y = 24
    s.para(title, 6.0, x=22, width=166, dy=2.5, indent=False)
    s.y += 2
    s.center(p["pinyin"], 4.4, face="sans", dy=3)
    s.center(p["unit_en"], 3.6, face="sans", dy=6)
    s.para("Abstract: The spatiotemporal variation of pollutants was investigated using monthly monitoring data from "
           "2019 to 2021. Principal component analysis showed that point sources and non-point inputs dominated. The "
           "results provide a basis for regional environmental management.", 3.7, x=22, width=166, dy=1.8,
           indent=False)
    s.para("Keywords: environmental monitoring; spatiotemporal distribution; source apportionment; Fushun", 3.7, x=22,
           width=166, dy=2, indent=False)
    s.text(22, f"https://doi.org/10.1016/j.{j['code']}.{j['year']}.{j['pages'][0]}", 3.0, "sans", y=268)
    s.text(22, f"Received 12 October {j['year'] - 1}; Accepted 20 December {j['year'] - 1}", 3.0, "sans", y=273)
    s.text(22, f"{j['issn']}/© {j['year']} {j['publisher']} All rights reserved.", 3.0, "sans", y=278)
    return s


# ------------------------------------------------------------------ the cases
TITLES = ["浑河抚顺段水体氨氮与总磷时空分布特征", "抚顺市城区大气细颗粒物化学组分及来源解析", "城镇污水处理厂提标改造工程运行效果评估",
          "工业园区挥发性有机物排放清单编制与减排潜力", "农村饮用水水源地保护区划定技术实践", "环境空气自动监测站运维质量控制体系研究",
          "大伙房水库上游流域面源污染负荷估算", "采煤沉陷区土壤重金属污染特征与生态风险", "抚顺西露天矿坑周边地下水水质演变分析",
          "典型石化企业周边土壤多环芳烃分布研究", "浑河流域沉积物中重金属形态及生物有效性", "基于遥感的抚顺市生态环境质量动态评价"]
EN_TITLES = ["Spatiotemporal variation of ammonia nitrogen and total phosphorus in the Hun River, Fushun",
             "Source apportionment of PM2.5 in an industrial city of northeast China"]
BANDS = [(30, 70, 120), (120, 30, 40), (20, 100, 70), (90, 60, 20), (60, 40, 110), (10, 90, 130)]


def build_cases(J):
    def rec(name):
        r = J.get(name)
        if r is None:
            raise SystemExit(f"{name} 不在 CNKI 名录中")
        return r

    def jr(reg, year, issue, **kw):
        r = J.get(reg, {})
        freq = (r.get("出版周期") or "月刊")
        freq = freq if freq.endswith("刊") else freq + "刊"
        founded = int(r.get("创刊时间") or 1980)
        month = issue if freq == "月刊" else 2 * issue if freq.startswith("双月") else 3 * issue if freq == "季刊" else issue
        d = dict(name=reg, issn=r.get("ISSN", ""), cn=r.get("CN", ""), sponsor=(r.get("主办单位") or "").replace(";", "  "),
                 admin="", freq=freq, founded=founded, year=year, vol=year - founded + 1, month=min(month, 12),
                 issue_label=f"第{issue}期", issue_short=str(issue), en="", post=r.get("邮发代号") or "",
                 code=(r.get("code") or "HJKX").lower(), pages=(1123, 1130))
        d.update(kw)
        return d

    hjkxxb = rec("环境科学学报")
    cases = {
        # ---- clean
        "C01": dict(j=jr("中国环境科学", 2022, 5, admin="中国科学技术协会", en="CHINA ENVIRONMENTAL SCIENCE"),
                    v=dict(fullwidth=True), pages=("cover", "masthead", "toc", "paper")),
        "C02": dict(j=jr("环境科学学报", 2021, 6, admin="中国科学院", en="Acta Scientiae Circumstantiae"),
                    v=dict(ids="issn_only"), pages=("cover", "masthead", "paper")),
        "C03": dict(j=jr("环境化学", 2022, 9, admin="中国科学院", en="ENVIRONMENTAL CHEMISTRY"),
                    v=dict(ids="none"), pages=("cover", "toc", "paper", "back")),
        "C04": dict(j=jr("环境工程", 2023, 3, admin="中国冶金科工集团有限公司", en="Environmental Engineering"),
                    v=dict(ids="foot1", head="cite"), pages=("cover", "paper")),
        "C05": dict(j=jr("环境工程技术学报", 2022, 4, admin="生态环境部", en="Journal of Environmental Engineering Technology"),
                    v=dict(head="bilingual"), pages=("cover", "masthead", "paper")),
        # 环境科学动态 (renamed 环境与可持续发展 in 2006): a 2005 issue under the former name, the claim as printed
        "C06": dict(j=jr("环境与可持续发展", 2005, 2, name="环境科学动态", vol=30, admin="国家环境保护总局"),
                    v=dict(), pages=("cover", "masthead", "paper"), claim_name="环境科学动态", title_date="2003-12-20"),
        "C07": dict(j=jr("辽宁大学学报(自然科学版)", 2022, 2, name="辽宁大学学报（自然科学版）", admin="辽宁省教育厅",
                         en="Journal of Liaoning University (Natural Sciences Edition)", month=5),
                    v=dict(cover_name="辽宁大学学报", edition_line="自然科学版", head="bilingual"),
                    pages=("cover", "masthead", "paper"), claim_name="辽宁大学学报(自然科学版)"),
        "C08": dict(j=jr("中国生态农业学报(中英文)", 2022, 8, name="中国生态农业学报（中英文）", admin="中国科学院",
                         en="Chinese Journal of Eco-Agriculture"),
                    v=dict(), pages=("cover", "masthead", "toc", "paper"), claim_name="中国生态农业学报（中英文）"),
        "C09": dict(j=dict(name="Water Research", issn="0043-1354", cn="", year=2022, vol=215, issue_en="15 May 2022",
                           month=5, publisher="Elsevier Ltd.", site="www.elsevier.com/locate/watres", code="watres",
                           pages=(118245, 118256), english=True, band=(230, 120, 20)),
                    v=dict(), pages=("en_cover", "en_paper"), en_title=0),
        "C10": dict(j=dict(name="Chemosphere", issn="0045-6535", cn="", year=2023, vol=312, issue_en="January 2023",
                           month=1, publisher="Elsevier Ltd.", site="www.elsevier.com/locate/chemosphere", code="chemosphere",
                           pages=(137201, 137210), english=True, band=(20, 110, 150)),
                    v=dict(), pages=("en_cover", "en_paper"), en_title=1, enterprise=True),
        "C11": dict(j=jr("中国沼气", 2022, 3, admin="农业农村部", en="China Biogas"),
                    v=dict(), pages=("cover", "masthead", "paper"), title="农村沼气工程沼液还田的土壤环境风险评估"),
        "C12": dict(j=jr("生态学杂志", 2023, 7, admin="中国科学技术协会", en="Chinese Journal of Ecology"),
                    v=dict(head="cite", ids="foot1"), pages=("cover", "toc", "paper", "back")),
        # ---- planted
        # a real journal's pair (中国环境监测) under a made-up name
        "P01": dict(j=jr("中国环境监测", 2022, 4, name="生态环境监测与评价", admin="中国环境出版集团", founded=2012,
                         vol=11, en="Ecological Environment Monitoring and Assessment", sponsor="中国生态环境监测与评价杂志社"),
                    v=dict(), pages=("cover", "masthead", "toc", "paper"), plant="journal.registered"),
        # a real pair (环境科学学报) under another real journal's name (环境化学, the same sponsor)
        "P02": dict(j=jr("环境化学", 2022, 7, issn=hjkxxb["ISSN"], cn=hjkxxb["CN"], admin="中国科学院",
                         en="ENVIRONMENTAL CHEMISTRY"),
                    v=dict(head="cite"), pages=("cover", "masthead", "paper"), plant="journal.registered"),
        # a made-up name, 中国环境监测's ISSN, a CN of its own in 11-2xxx (a thousand-block Beijing journals use)
        "P03": dict(j=jr("中国环境监测", 2022, 5, name="环境监测管理与技术研究", cn="11-2869/X", admin="中国科学文化出版社",
                         founded=2014, vol=9, sponsor="中国环境监测管理与技术研究杂志社",
                         en="Environmental Monitoring Management and Technology"),
                    v=dict(), pages=("cover", "masthead", "toc", "paper"), plant="journal.registered"),
        # an ISSN-only "国际刊号" journal with a Chinese 主管/主办 masthead, no CN anywhere
        "P04": dict(j=dict(name="中国生态环境研究", issn="2521-0157", cn="", sponsor="中国生态环境研究杂志社", admin="中国国际科技出版社",
                           freq="月刊", founded=2016, year=2022, vol=7, month=6, issue_label="第6期", issue_short="6",
                           en="China Ecological Environment Research", post="", code="zgsthjyj", pages=(56, 60),
                           address="香港九龙弥敦道238号（999077）"),
                    v=dict(), pages=("cover", "masthead", "toc", "paper"), plant=["journal.registered", "journal.cn"]),
        # 环境保护科学's name and ISSN, its CN's region 21 changed to 11
        "P05": dict(j=jr("环境保护科学", 2022, 3, cn="11-1135/X", admin="生态环境部",
                         en="Environmental Protection Science"),
                    v=dict(ids="foot1"), pages=("cover", "masthead", "paper"), plant="journal.registered"),
        # 一号多刊: 环境工程's name and pair, 下半月刊 as its edition on the cover, masthead and running head
        "P06": dict(j=jr("环境工程", 2022, 8, admin="中国冶金科工集团有限公司", en="Environmental Engineering"),
                    v=dict(edition_line="下半月刊", mast_name="环境工程（下半月刊）", head_name="环境工程（下半月刊）"),
                    pages=("cover", "masthead", "toc", "paper"), plant="journal.registered"),
        # a 增刊 only in small print (the masthead's corner), the running head printing S1
        "P07": dict(j=jr("环境科学与技术", 2022, 1, admin="湖北省生态环境厅", en="Environmental Science & Technology",
                         issue_label="第1期", issue_short="S1", month=6),
                    v=dict(mast_small="（增刊）", cover_small="增刊"), pages=("cover", "masthead", "paper"),
                    plant="journal.registered"),
        # CAS warning-list journals: claimed under the English name, and under a Chinese translation
        "P08": dict(j=dict(name="Environmental Science and Pollution Research", issn="0944-1344", cn="", year=2022,
                           vol=29, issue_en="Issue 18, April 2022", month=4, publisher="Springer Nature",
                           site="link.springer.com/journal/11356", code="espr", pages=(26701, 26712), english=True,
                           band=(20, 60, 120)),
                    v=dict(), pages=("en_cover", "en_paper"), en_title=0, plant="journal.registered"),
        "P09": dict(j=dict(name="Journal of Environmental and Public Health", issn="1687-9805", cn="", year=2022,
                           vol=2022, issue_en="Article ID 5310412", month=9, publisher="Hindawi Limited",
                           site="www.hindawi.com/journals/jeph", code="jeph", pages=(5310412, 5310420), english=True,
                           band=(110, 40, 90)),
                    v=dict(), pages=("en_cover", "en_paper"), en_title=1, claim_name="环境与公共卫生杂志",
                    plant="journal.registered"),
        # a genuine cover (中国环境监测) over a paper whose running head and citation name 环境科学与管理
        "P10": dict(j=jr("中国环境监测", 2022, 3, admin="生态环境部", en="Environmental Monitoring in China"),
                    v=dict(head_name="环境科学与管理", head_vol=47, art_issn=rec("环境科学与管理")["ISSN"]),
                    pages=("cover", "masthead", "paper"), plant="journal.registered"),
        # a retrieval proof listing the paper in another journal (环境科学与管理 for 环境工程技术学报)
        "P11": dict(j=jr("环境工程技术学报", 2022, 2, admin="生态环境部", en="Journal of Environmental Engineering Technology"),
                    v=dict(), pages=("cover", "masthead", "paper"), proof_journal="环境科学与管理", plant="paper.retrieval"),
        # a real journal (三峡生态环境监测, founded 2016) on a paper dated 2015
        "P12": dict(j=jr("三峡生态环境监测", 2015, 2, vol=1, admin="重庆市教育委员会",
                         en="Ecology and Environmental Monitoring of Three Gorges"),
                    v=dict(), pages=("cover", "masthead", "paper"), title_date="2013-12-20", plant="journal.registered"),
    }
    return cases


def person_for(i, rng, seals, case, noto):
    plain = [u for u in R.UNITS if u[1] != "enterprise"]
    unit = ("抚顺石化环保工程有限公司", "enterprise") if case.get("enterprise") else plain[i % len(plain)]
    p = R.person(i, rng, seals, unit)
    if case.get("title_date"):
        p["cur_date"] = case["title_date"]
        b = f"{rng.choice(R.PLACES)}19{rng.randint(68, 76)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(10, 99)}{rng.randint(0, 9)}"
        p["id"] = b + R.ric.calc_check_digit(b + "0")
        idn = p["id"]
        p["birth"] = f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}"
        p["id_masked"] = idn[:6] + "********" + idn[14:]
        p["grad"] = int(p["birth"][:4]) + 22
    # faces: Debian and (where installed) Noto, mixed per dossier
    bodies = ["uming", "serif"] if noto else ["uming"]
    heads = ["wqy", "sans_b", "serif_b"] if noto else ["wqy"]
    p["body"] = rng.choice(bodies)
    p["head"] = rng.choice(heads)
    p["hand"] = rng.choice(["ukai", "wenkai"])
    p["pinyin"] = rng.choice(["Zheng Yonghong", "Lv Huijuan", "Sun Qiming", "Ma Lihua", "Han Siyuan"])
    p["unit_en"] = "Fushun Ecological Environment Monitoring Station, Fushun 113006, China"
    return p


def main():
    if not CNKI.is_file():
        print(f"跳过：找不到 {CNKI}（../shared/realdata 不在），本轮探针需要真实期刊名录")
        return 0
    noto = set_faces()
    J = journals()
    cases = build_cases(J)
    names = [u for u, _ in R.UNITS] + R.ISSUERS + [R.TRAINER]
    seals = {}
    for k, n in enumerate(names):
        seals[n] = R.seal_spec(n, 9900 + k, random.Random(9900 + k).choice([None, "code", None]))
    keyfile, key = open_set(OUT, ONLY)
    captures = ["pdf", "scan", "png", "pdfscan"]
    for i, (cid, case) in enumerate(sorted(cases.items(), key=lambda kv: (kv[0][1:], kv[0][0]))):
        k = f"J35-{cid}"
        if ONLY and k not in ONLY:
            continue
        rng = random.Random(35000 + i)
        p = person_for(i, rng, seals, case, noto)
        j, v = dict(case["j"]), dict(case["v"])
        j.setdefault("band", BANDS[i % len(BANDS)])
        f = dict(body=p["body"], head=p["head"], title=rng.choice(["ukai", "wqy", "sans_b", "serif_b"] if noto else
                                                                   ["ukai", "wqy"]))
        english = j.get("english")
        title = EN_TITLES[case["en_title"]] if english else case.get("title", TITLES[i % len(TITLES)])
        pages = [("推荐表", R.recommendation(p, rng)), ("公示", R.publicity(p, rng))]
        for y in (2021, 2022, 2023):
            pages.append((f"考核{y}", R.assessment(p, rng, y)))
        pages += [("学历", R.education(p, rng)), ("继续教育", R.continuing(p, rng, seals)), ("身份证", R.idcard(p, rng)),
                  ("评定表", R.evaluation(p, rng)), ("职称证书", R.title_cert(p, rng, seals))]
        for kind in case["pages"]:
            if kind == "cover":
                pages.append(("期刊封面", cover(j, v, f)))
            elif kind == "masthead":
                pages.append(("版权页", masthead(j, v, f)))
            elif kind == "toc":
                pages.append(("目次", toc(j, v, f, title, p["name"])))
            elif kind == "paper":
                pages.append(("论文首页", paper_page(j, v, f, p, title)))
            elif kind == "back":
                pages.append(("封底", back_cover(j, v, f)))
            elif kind == "en_cover":
                pages.append(("期刊封面", en_cover(j, v, f)))
            elif kind == "en_paper":
                pages.append(("论文首页", en_paper(j, v, f, p, title)))
        listed = case.get("proof_journal", case.get("claim_name", j["name"]))
        no = j.get("issue_short", str(j["month"]))
        pages.append(("检索证明", R.retrieval(p, rng, [(title, listed, j["year"], no)])))
        claim = dict(title=title, journal=case.get("claim_name", j["name"]), issn=j["issn"], cn=j["cn"],
                     date=f"{j['year']}-{j['month']:02d}")
        capture = captures[i % 4]
        folder = OUT / "set" / k
        if folder.exists():
            shutil.rmtree(folder)
        save(folder, pages, capture, rng)
        (folder / "applicant.yaml").write_text(R.yaml_text(p, [claim], []), encoding="utf-8")
        key[k] = {"pack": capture, "planted": case.get("plant"), "pages": len(pages), "unit": p["unit"],
                  "journal": claim["journal"], "issn": claim["issn"], "cn": claim["cn"], "date": claim["date"],
                  "faces": f"{p['body']}/{p['head']}/{f['title']}", "layout": {a: str(b) for a, b in v.items()}}
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}"
          + ("" if noto else " (Noto CJK absent: Debian faces only)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
