"""An independently made probe set (trust exploration 9): nothing from ``fixtures.generator``.

    PROBE_OUT=/tmp/trust9 python scripts/probe_trust9/make.py          # ROOT/set: 15 clean + 18 planted, answer_key.json
    PROBE_OUT=/tmp/trust9 python scripts/probe_trust9/make.py set2     # set2..set4: edge cases, answer_key2..4.json
    verify batch /tmp/trust9/set -o /tmp/trust9/out --workers 1
    PROBE_OUT=/tmp/trust9 python scripts/probe_trust9/score.py /tmp/trust9/out [-v]

Pages drawn with its own page model (``canvas2``: PIL raster and fpdf2 born-digital back ends, its own seals,
signatures and scanner effects) and layouts (``docs2``), packaged four ways: born-digital PDFs with scanned pages
inside, multi-page and 1-bit CCITT TIFFs, heavy JPEG with skew and gutter shadows, 300 dpi greyscale.
An exploration tool, kept so that later rounds can rerun it; not part of the test suite."""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import sys

import numpy as np
import yaml
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from canvas2 import new_pdf, scan  # noqa: E402
from docs2 import KIND  # noqa: E402

D = dt.date
ROOT = os.environ.get("PROBE_OUT", "/tmp/trust9")
OUT = ROOT + "/set"

J = {
    "hlj": dict(name="黑龙江环境通报", issn="1674-263X", cn="23-1398/X", freq="月刊", admin="黑龙江省生态环境厅",
                sponsor="黑龙江省齐齐哈尔生态环境监测中心"),
    "hjkx": dict(name="环境科学与管理", issn="1674-6139", cn="23-1532/X", freq="月刊", admin="黑龙江省生态环境厅",
                 sponsor="黑龙江省环境科学研究院"),
    "jc": dict(name="中国环境监察", issn="2096-1065", cn="10-1306/X", freq="月刊", admin="生态环境部", sponsor="中国环境出版集团"),
    "fz": dict(name="环境与发展", issn="2095-672X", cn="15-1369/X", freq="月刊", admin="内蒙古自治区生态环境厅",
               sponsor="内蒙古自治区生态环境科学研究院"),
    "stbc": dict(name="水土保持通报", issn="1000-288X", cn="61-1094/X", freq="双月", admin="中国科学院",
                 sponsor="中国科学院水利部水土保持研究所"),
    "ghjc": dict(name="干旱环境监测", issn="1007-1504", cn="65-1117/X", freq="季刊", admin="新疆维吾尔自治区生态环境厅",
                 sponsor="新疆维吾尔自治区生态环境监测总站"),
}


def idnum(area, birth, seq):
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]


def paper(jkey, title, year, month=None, issue=None):
    j = J[jkey]
    if issue is None:
        issue = month if j["freq"] == "月刊" else (month + 1) // 2 if j["freq"] == "双月" else (month + 2) // 3
    if month is None:
        month = issue if j["freq"] == "月刊" else 2 * issue if j["freq"] == "双月" else 3 * issue
    return dict(journal=j, title=title, year=year, month=month, issue=issue, vol=year - 1985)


def A(key, name, gender, birth, area, unit, kind, spec, level, cur, pack, seq=123, **kw):
    a = dict(key=key, name=name, gender=gender, birth=birth, id=idnum(area, birth, seq + (1 if gender == "女" else 0)),
             unit=unit, seal=kw.pop("seal", unit), kind=kind, specialty=spec, level=level,
             cur_name=cur[0] if cur else None, cur_date=cur[1] if cur else None, pack=pack,
             school=kw.pop("school", "沈阳建筑大学"), major=kw.pop("major", "环境工程"), grad=kw.pop("grad", D(2012, 6, 30)),
             papers=kw.pop("papers", []), awards=kw.pop("awards", []))
    a.update(kw)
    return a


def M(y, m, d):
    return D(y, m, d)


AW_OK = dict(title="2021年度全市生态环境系统先进工作者", work="2021年度生态环境保护工作", issuer="抚顺市生态环境局", date=D(2022, 1, 18))

CLEAN = [
    A("C01", "欧阳晟", "男", D(1988, 3, 14), "210402", "抚顺市生态环境局新抚分局", "government", "生态环境管理", "工程师",
      ("助理工程师", D(2019, 6, 30)), "digital", papers=[paper("hlj", "抚顺市新抚区大气污染防治精细化管理实践", 2022, 5)]),
    A("C02", "司马婧", "女", D(1990, 11, 2), "210403", "辽宁省抚顺生态环境监测中心", "institution", "生态环境监测", "工程师",
      ("助理工程师", D(2018, 12, 20)), "tiff", seal="抚顺市环境监测中心站", unit_aliases=["抚顺市环境监测中心站"],
      papers=[paper("hjkx", "浑河抚顺段水质时空变化特征分析", 2021, 9)]),
    A("C03", "阿依古丽·买买提", "女", D(1994, 7, 21), "210423", "抚顺市清原满族自治县生态环境保护服务中心", "institution",
      "生态环境监测", "助理工程师", ("技术员", D(2020, 7, 15)), "mixed", ethnic="维吾尔族", awards=[AW_OK]),
    A("C04", "李翀", "男", D(1986, 5, 9), "210404", "中国石油天然气股份有限公司抚顺石化分公司", "enterprise", "生态环境工程", "工程师",
      ("助理工程师", D(2017, 11, 28)), "grey", papers=[paper("fz", "炼化企业含油污泥减量化处理工艺优化", 2023, 3)]),
    A("C05", "王喆", "男", D(1989, 12, 30), "210411", "抚顺市生态环境保护综合行政执法队", "institution", "生态环境管理", "工程师",
      ("助理工程师", D(2019, 9, 26)), "digital", date_style="cn", awards=[dict(AW_OK, title="2022年度全市生态环境执法先进个人",
                                                                              work="2022年度生态环境执法工作", date=D(2023, 2, 10))]),
    A("C06", "张燚", "男", D(1991, 4, 17), "210402", "抚顺市生态环境事务服务中心", "institution", "生态环境监测", "工程师",
      ("助理工程师", D(2018, 12, 20)), "mixed", date_style="month",
      papers=[paper("stbc", "抚顺矿区排土场植被恢复与水土流失监测", 2022, issue=3)]),
    A("C07", "诸葛文韬", "男", D(1997, 8, 8), "210421", "抚顺矿业集团有限责任公司", "enterprise", "生态环境工程", "助理工程师",
      None, "tiff"),
    A("C08", "上官婉清", "女", D(1990, 2, 26), "210411", "抚顺市生态环境科学研究与规划设计院", "institution", "生态环境科研", "工程师",
      ("助理工程师", D(2020, 1, 10)), "grey", papers=[paper("jc", "抚顺市土壤污染状况详查质量控制研究", 2022, 11)]),
    A("C09", "皇甫琦", "女", D(1996, 10, 3), "210422", "新宾满族自治县生态环境保护服务中心", "institution", "生态环境监测",
      "助理工程师", ("技术员", D(2019, 8, 1)), "digital"),
    A("C10", "钱珺", "女", D(1985, 6, 12), "210403", "抚顺东联安信化学有限公司", "enterprise", "生态环境工程", "工程师",
      ("助理工程师", D(2016, 10, 12)), "mixed", unit_aliases=["抚顺东联安信化学公司"],
      awards=[dict(title="2022年度安全环保先进个人", work="2022年度安全环保工作", issuer="抚顺东联安信化学有限公司", date=D(2023, 1, 20))]),
    A("C11", "孙嘉懿", "女", D(1989, 9, 9), "210404", "抚顺市望花区生态环境保护服务中心", "institution", "生态环境管理", "工程师",
      ("助理工程师", D(2019, 12, 26)), "tiff", chinese_keys=True,
      papers=[paper("hlj", "排污许可证后管理在区县级的实践与思考", 2023, 8)]),
    A("C12", "周昊", "男", D(1987, 1, 19), "210403", "抚顺市生态环境局东洲分局", "government", "生态环境管理", "工程师",
      ("助理工程师", D(2018, 6, 28)), "grey"),
    A("C13", "吴淼", "女", D(1992, 3, 3), "210411", "抚顺市顺城区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
      ("助理工程师", D(2019, 11, 5)), "digital", papers=[paper("ghjc", "北方城市冬季PM2.5组分监测与来源分析", 2022, issue=2)]),
    A("C14", "赫连铮", "男", D(1995, 12, 1), "210402", "抚顺石化工程建设有限公司", "enterprise", "生态环境工程", "助理工程师",
      ("技术员", D(2020, 9, 18)), "mixed"),
    A("C15", "买买提江·吐尔逊", "男", D(1988, 10, 10), "210411", "抚顺市生态环境局", "government", "生态环境管理", "工程师",
      ("助理工程师", D(2019, 3, 15)), "tiff", ethnic="维吾尔族", papers=[paper("hjkx", "生态环境分区管控在地市级规划中的应用", 2022, 7)]),
]

PLANTED = [
    # (applicant, defect rule, how)
    (A("P01", "冯晔", "男", D(1990, 5, 5), "210402", "抚顺市生态环境事务服务中心", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2019, 7, 15)), "digital", awards=[dict(AW_OK, title="2017年度全市生态环境系统先进工作者",
                                                                    work="2017年度生态环境保护工作", date=D(2018, 5, 20))]),
     "evidence.after_title", "award dated 2018-05-20, before the title 2019-07-15"),
    (A("P02", "杨璐", "女", D(1991, 8, 18), "210403", "辽宁省抚顺生态环境监测中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 6, 30)), "tiff", papers=[paper("hlj", "抚顺市地表水氨氮污染特征研究", 2022, 6)], taokan="23-1532/X"),
     "journal.registered", "cover prints ISSN 1674-263X (黑龙江环境通报) with CN 23-1532/X (环境科学与管理): 套刊; claim the same"),
    (A("P03", "陈曦", "女", D(1993, 1, 6), "210411", "抚顺市顺城区生态环境保护服务中心", "institution", "生态环境监测", "助理工程师",
       ("技术员", D(2020, 6, 20)), "mixed", rec_seal=None), "seal.present", "recommendation form carries no seal"),
    (A("P04", "黄珏", "女", D(1988, 4, 28), "210404", "抚顺市生态环境事务服务中心", "institution", "生态环境科研", "工程师",
       ("助理工程师", D(2018, 9, 1)), "grey", pub_seal="本溪市生态环境事务服务中心"),
     "seal.unit", "publicity result stamped 本溪市生态环境事务服务中心"),
    (A("P05", "韩彧", "男", D(1990, 12, 12), "210402", "抚顺市生态环境保护综合行政执法队", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2019, 5, 10)), "digital", edu_signed=False), "signature.present", "education verification not signed"),
    (A("P06", "马骁", "男", D(1987, 7, 7), "210421", "抚顺县生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2018, 3, 20)), "tiff", years=(2020, 2021, 2023)), "assessment.years", "no 2022 form (2020 given)"),
    (A("P07", "欧阳琛", "男", D(1989, 2, 14), "210403", "抚顺市生态环境局东洲分局", "government", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 12, 28)), "mixed", cert_date=D(2017, 12, 28)), "title.date", "certificate 2017年12月28日, claim 2018-12-28"),
    (A("P08", "曹喆", "男", D(1992, 9, 19), "210411", "抚顺市环境卫生事务服务中心", "institution", "生态环境工程", "工程师",
       ("助理工程师", D(2019, 8, 8)), "digital", ce_person="王海涛"), "identity.name", "continuing education names 王海涛"),
    (A("P09", "邓婕", "女", D(1994, 3, 30), "210402", "抚顺市新抚区生态环境保护服务中心", "institution", "生态环境监测", "助理工程师",
       ("技术员", D(2020, 8, 1)), "grey", card_seq=538), "identity.id_number", "ID card number differs (sequence code)"),
    (A("P10", "宋翀", "男", D(1986, 11, 11), "210423", "清原满族自治县生态环境保护服务中心", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2017, 12, 15)), "tiff", pub=(D(2024, 10, 14), D(2024, 10, 16))), "publicity.duration", "3 working days"),
    (A("P11", "刘旸", "女", D(1990, 6, 6), "210404", "抚顺市生态环境事务服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 1, 18)), "digital", papers=[paper("jc", "抚顺市城区环境噪声监测结果分析", 2022, 9)],
       proof_title="沈阳市城区环境噪声监测结果分析"), "paper.retrieval", "proof lists 沈阳市… for 抚顺市…"),
    (A("P12", "谢琳", "女", D(1991, 10, 20), "210411", "抚顺市生态环境科学研究与规划设计院", "institution", "生态环境科研", "工程师",
       ("助理工程师", D(2019, 4, 4)), "mixed", papers=[paper("fz", "抚顺市生态保护红线评估方法研究", 2022, 10)], no_cn=True),
     "journal.cn", "journal pages print no CN"),
    (A("P13", "罗昕", "女", D(1989, 8, 1), "210402", "抚顺市生态环境局新抚分局", "government", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 11, 30)), "grey", papers=[paper("hlj", "基层生态环境执法能力建设探讨", 2022, 4)], bad_issn="1674-2638"),
     "journal.issn", "ISSN 1674-2638 (check digit wrong) printed and claimed"),
    (A("P14", "唐晖", "男", D(1993, 5, 25), "210403", "抚顺市生态环境事务服务中心", "institution", "生态环境监测", "助理工程师",
       ("技术员", D(2020, 10, 10)), "digital", no_ce=True), "dossier.required", "no continuing education proof"),
    (A("P15", "袁媛", "女", D(1990, 9, 29), "210411", "抚顺市顺城区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 10, 20)), "tiff", papers=[paper("hlj", "抚顺市饮用水水源地水质评价", 2019, 3)]),
     "evidence.after_title", "paper 2019-03, before the title 2019-10-20"),
    (A("P16", "许静", "女", D(1988, 12, 8), "210411", "抚顺市生态环境局顺城分局", "government", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 10, 16)), "mixed", rec_seal="抚顺市生态环境局东洲分局"), "seal.unit", "recommendation form stamped by 东洲分局"),
    (A("P17", "贺婧", "女", D(1992, 2, 2), "210404", "抚顺市望花区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 9, 9)), "grey", papers=[paper("hjkx", "抚顺市望花区土壤重金属含量监测分析", 2023, 2)],
       proof_signed=False), "signature.present", "retrieval proof not signed"),
    (A("P18", "程昱", "男", D(1987, 6, 16), "210402", "抚顺市生态环境保护综合行政执法队", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 7, 7)), "digital", cert_person="王建军"), "identity.name", "title certificate names 王建军"),
]


def docs_for(a, rng):
    """[(kind, spec)] of one dossier."""
    out = []
    out.append(("recommendation_form", dict(date=D(2024, 10, 22), seal=a.get("rec_seal", a["seal"]) if "rec_seal" in a else a["seal"],
                                            typed=a.get("typed_signer", False), signed=a.get("rec_signed", True))))
    st, en = a.get("pub", (D(2024, 10, 14), D(2024, 10, 18)))
    out.append(("publicity_result", dict(start=st, end=en, date=a.get("pub_date", D(2024, 10, 21)), seal=a.get("pub_seal", a["seal"]),
                                         style="numeric" if a["key"] in ("C04", "C09", "P13") else "cn")))
    for i, y in enumerate(a.get("years", (2021, 2022, 2023))):
        k = "annual_assessment_landscape" if (a["key"] in ("C08", "C13") and i == 1) else "annual_assessment"
        sp = dict(year=y, title_style=0 if a.get("cn_year") else i % 2, cn_year=a.get("cn_year", False))
        if a.get("grade_year") == y:
            sp["grade"] = a["grade"]
        if a.get("ass_seal_year") == y:
            sp["seal"] = a["ass_seal"]
        out.append((k, sp))
    out.append(("education_verification", dict(code=f"A2024{rng.integers(10**9, 10**10)}XYZ",
                                               cert=f"10153420{a['grad'].year}00{rng.integers(1000, 9999)}",
                                               print=D(2024, 10, 9), date=D(2024, 10, 10), signed=a.get("edu_signed", True),
                                               seal=a.get("edu_seal", a["seal"]))))
    if not a.get("no_ce"):
        out.append(("continuing_education", dict(date=D(2024, 3, 12), person=a.get("ce_person", a["name"]))))
    num = idnum(a["id"][:6], a["birth"], a["card_seq"]) if "card_seq" in a else a["id"]
    if a.get("bad_check"):
        num = num[:-1] + ("3" if num[-1] != "3" else "4")
        a["id"] = num  # the claim is the card's number: only its check digit is wrong
    out.append(("id_card", dict(number=num)))
    if a["cur_name"]:
        out.append(("title_certificate", dict(date=a.get("cert_date", a["cur_date"]), person=a.get("cert_person", a["name"]),
                                              style=a.get("cert_style", "upper" if a["key"] in ("C06", "C12") else "cn"))))
    out.append(("evaluation_form", {}))
    for aw in a["awards"]:
        out.append(("award_certificate", dict(award=aw)))
    for p in a["papers"]:
        extra = {}
        if "taokan" in a:
            extra["cn"] = a["taokan"]
        if a.get("no_cn"):
            extra["cn"] = None
        if "bad_issn" in a:
            extra["issn"] = a["bad_issn"]
        out.append(("journal_copyright", dict(paper=p, **extra)))
        out.append(("journal_toc", dict(paper=p)))
        out.append(("paper", dict(paper=p, **({"issn": extra["issn"]} if "issn" in extra else {}))))
        pp = copy.deepcopy(p)
        if "taokan" in a:
            pp["journal"]["cn"] = a["taokan"]
        if "bad_issn" in a:
            pp["journal"]["issn"] = a["bad_issn"]
        if a.get("no_cn"):
            pp["journal"]["cn"] = ""
        if a.get("proof_journal"):
            pp["journal"] = dict(J[a["proof_journal"]])
        out.append(("retrieval_proof", dict(paper=pp, title=a.get("proof_title", p["title"]), search_date=D(2024, 9, 20),
                                            date=D(2024, 9, 25), signed=a.get("proof_signed", True),
                                            seal=None if a.get("proof_lib_only") else a["seal"])))
    return out


def claims(a):
    """applicant.yaml in the styles the contract allows."""
    cd = a["cur_date"]
    style = a.get("date_style")
    if cd is None:
        cdate = None
    elif style == "cn":
        cdate = f"{cd.year}年{cd.month}月{cd.day}日"
    elif style == "month":
        cdate = f"{cd.year}-{cd.month:02d}"
    else:
        cdate = cd.isoformat()
    y = dict(name=a["name"], id_number=a["id"], unit=a["unit"])
    if a.get("unit_aliases"):
        y["unit_aliases"] = a["unit_aliases"]
    y["unit_kind"] = a["kind"]
    y["specialty"] = a["specialty"]
    y["level"] = a["level"]
    if a["cur_name"]:
        y["current_title"] = dict(name=a["cur_name"], date=cdate)
    if a["papers"]:
        y["papers"] = []
        for p in a["papers"]:
            j = p["journal"]
            y["papers"].append(dict(title=p["title"], journal=j["name"], issn=a.get("bad_issn", j["issn"]),
                                    cn=a.get("taokan", j["cn"]), date=f"{p['year']}-{p['month']:02d}"))
            if a.get("no_cn"):
                y["papers"][-1]["cn"] = j["cn"]
    if a["awards"]:
        y["awards"] = [dict(title=aw["title"], date=aw.get("claim", f"{aw['date'].year}-{aw['date'].month:02d}")) for aw in a["awards"]]
    if a.get("chinese_keys"):
        z = {"姓名": y["name"], "身份证号": y["id_number"], "单位": y["unit"], "单位性质": "事业单位", "专业": y["specialty"],
             "申报资格": y["level"], "现职称": {"名称": a["cur_name"], "取得时间": f"{cd.year}年{cd.month}月{cd.day}日"}}
        if "papers" in y:
            z["论文"] = y["papers"]
        return z
    return y


# ------------------------------------------------------------------ packaging

def rasters(pg, dpi=200):
    return pg.raster(dpi)


def pack(a, docs, folder, rng):
    style = a["pack"]
    os.makedirs(folder, exist_ok=True)
    pages = {}  # kind/index -> Page
    seq = []
    for i, (kind, spec) in enumerate(docs):
        pg = KIND[kind](a, spec, rng)
        seq.append((kind, pg))
    sk = lambda: float(rng.uniform(1, 4) * rng.choice([-1, 1]))  # noqa: E731
    if style == "digital":
        # born-digital forms in one PDF, the certificate and ID scans inside it too
        pdf = new_pdf()
        rest = []
        for kind, pg in seq:
            if kind in ("recommendation_form", "publicity_result", "annual_assessment", "annual_assessment_landscape",
                        "education_verification", "evaluation_form"):
                pg.to_pdf(pdf)
            elif kind in ("id_card", "title_certificate"):
                im = scan(pg.raster(200), rng, skew=sk() / 2)
                land = im.width > im.height
                pdf.add_page(orientation="L" if land else "P")
                pdf.image(im, 0, 0, 297 if land else 210, 210 if land else 297)
            else:
                rest.append((kind, pg))
        pdf.output(os.path.join(folder, "申报材料（电子版）.pdf"))
        os.makedirs(os.path.join(folder, "论文"), exist_ok=True)
        jp = [(k, p) for k, p in rest if k in ("journal_copyright", "journal_toc", "paper")]
        if jp:
            ims = [scan(p.raster(200), rng, skew=sk() / 3, gutter="left" if k == "paper" else None).convert("RGB") for k, p in jp]
            ims[0].save(os.path.join(folder, "论文", "期刊扫描.pdf"), save_all=True, append_images=ims[1:], resolution=200)
        for k, p in rest:
            if k == "continuing_education":
                pd = new_pdf()
                p.to_pdf(pd)
                pd.output(os.path.join(folder, "继续教育证明.pdf"))
            elif k == "retrieval_proof":
                pd = new_pdf()
                p.to_pdf(pd)
                pd.output(os.path.join(folder, "论文", "检索证明.pdf"))
            elif k == "award_certificate":
                scan(p.raster(200), rng, skew=sk()).save(os.path.join(folder, "荣誉证书.jpg"), quality=80, dpi=(200, 200))
            elif k == "achievement_proof":
                scan(p.raster(200), rng).save(os.path.join(folder, "应用证明.jpg"), quality=80)
    elif style == "tiff":
        ass = [scan(p.raster(200), rng, skew=sk() if i == 1 else 0).convert("RGB")
               for i, (k, p) in enumerate([x for x in seq if x[0].startswith("annual")])]
        ass[0].save(os.path.join(folder, "年度考核.tif"), save_all=True, append_images=ass[1:], compression="tiff_lzw",
                    dpi=(200, 200))
        fr = [scan(p.raster(200), rng).convert("RGB") for k, p in seq if k in ("recommendation_form", "publicity_result")]
        fr[0].save(os.path.join(folder, "推荐表及公示.tif"), save_all=True, append_images=fr[1:], compression="tiff_lzw",
                   dpi=(200, 200))
        n = 0
        jp = []
        for k, p in seq:
            if k.startswith("annual") or k in ("recommendation_form", "publicity_result"):
                continue
            n += 1
            if k in ("journal_copyright", "journal_toc", "paper"):
                jp.append(scan(p.raster(300), rng, bitonal=True, blur=0.8, skew=sk() / 4))
                continue
            if k == "title_certificate":
                im = scan(p.raster(200), rng, rotate_file=270)  # a landscape page stored sideways, no EXIF
            else:
                im = scan(p.raster(200), rng, skew=sk() / 2)
            im.save(os.path.join(folder, f"IMG_{20241012 + n}_{n:04d}.jpg"), quality=80, dpi=(200, 200))
        if jp:
            jp[0].save(os.path.join(folder, "论文期刊.tif"), save_all=True, append_images=jp[1:], compression="group4",
                       dpi=(300, 300))
    elif style == "mixed":
        os.makedirs(os.path.join(folder, "扫描"), exist_ok=True)
        for n, (k, p) in enumerate(seq, 1):
            if k in ("journal_copyright", "journal_toc", "paper"):
                im = scan(p.raster(200), rng, gutter="right" if n % 2 else "left", skew=sk() / 2, grey=True)
                im.save(os.path.join(folder, "扫描", f"DOC{n:03d}.jpg"), quality=45)
                continue
            if k == "title_certificate" or k == "award_certificate":
                im = scan(p.raster(200), rng, rotate_file=90, border=True)
            elif k == "id_card":
                im = scan(p.raster(200), rng, grey=True, skew=sk())
            else:
                im = scan(p.raster(200), rng, skew=sk(), border=n % 3 == 0)
            if a.get("rot180") and k in ("publicity_result", "education_verification"):
                im = im.rotate(180)
            im.save(os.path.join(folder, "扫描", f"DOC{n:03d}.jpg"), quality=int(rng.integers(30, 50)))
    elif style == "grey":
        for n, (k, p) in enumerate(seq, 1):
            if k in ("journal_copyright", "journal_toc", "paper", "id_card", "evaluation_form"):
                im = scan(p.raster(300), rng, grey=True, skew=0.8)
            else:
                im = scan(p.raster(300), rng, skew=-0.8)
            im.save(os.path.join(folder, f"scan_{n:02d}.jpg"), quality=75, dpi=(300, 300))
    with open(os.path.join(folder, "applicant.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(claims(a), f, allow_unicode=True, sort_keys=False)


SET2 = [
    (A("Q01", "邱晟睿", "男", D(1990, 1, 21), "210402", "抚顺市生态环境事务服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 6, 30)), "mixed", cert_style="month", cn_year=True, rot180=True,
       papers=[paper("jc", "抚顺市臭氧污染特征及成因分析", 2022, 6)]), None, "clean: title cert 2019年6月 only; 二〇二二年度; two pages upside down"),
    (A("Q02", "宁婧", "女", D(1993, 4, 4), "210411", "抚顺市顺城区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 9, 1)), "grey", grade_year=2022, grade="优秀"), None, "clean: 2022 优秀"),
    (A("Q03", "尹翀", "男", D(1989, 9, 9), "210404", "抚顺市望花区生态环境保护服务中心", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2019, 3, 20)), "mixed", grade_year=2022, grade="基本合格"), "assessment.years", "2022 graded 基本合格 (review)"),
    (A("Q04", "戴琦", "女", D(1991, 5, 15), "210403", "抚顺市生态环境局东洲分局", "government", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 12, 12)), "digital", ass_seal_year=2023, ass_seal="抚顺市人力资源和社会保障局"),
     "seal.unit", "2023 assessment stamped by 抚顺市人力资源和社会保障局"),
    (A("Q05", "甘喆", "男", D(1990, 8, 8), "210421", "抚顺县生态环境保护服务中心", "institution", "生态环境工程", "工程师",
       ("助理工程师", D(2019, 3, 1)), "tiff", awards=[dict(AW_OK, title="2017年度全市生态环境系统先进工作者",
                                                          work="2017年度生态环境保护工作", date=D(2018, 5, 20), claim="2020-05")]),
     "evidence.after_title", "award page 2018-05-20 (before title 2019-03-01) claimed 2020-05"),
    (A("Q06", "龙晔", "男", D(1988, 2, 2), "210402", "抚顺市生态环境保护综合行政执法队", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 8, 8)), "grey", typed_signer=True), "signature.present", "rec form's signer typed, not signed (review)"),
    (A("Q07", "闫璐", "女", D(1992, 12, 24), "210411", "抚顺市生态环境事务服务中心", "institution", "生态环境监测", "助理工程师",
       ("技术员", D(2020, 5, 5)), "mixed", bad_check=True), "identity.id_number", "ID number check digit wrong (card = claim)"),
    (A("Q08", "柏昀", "女", D(1990, 3, 8), "210423", "清原满族自治县生态环境保护服务中心", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 5, 18)), "tiff", pub=(D(2023, 10, 16), D(2023, 10, 20)), pub_date=D(2023, 10, 23)),
     "publicity.duration", "publicity held in 2023 (review)"),
    (A("Q09", "卓珺", "女", D(1991, 7, 7), "210404", "抚顺市生态环境科学研究与规划设计院", "institution", "生态环境科研", "工程师",
       ("助理工程师", D(2019, 2, 2)), "digital", papers=[paper("hjkx", "抚顺市大气VOCs来源解析研究", 2022, 8)], proof_lib_only=True),
     "seal.unit", "retrieval proof carries only the library's seal"),
]


SET3 = [
    (A("R01", "蒋昀", "男", D(1989, 4, 9), "210402", "抚顺市生态环境局", "government", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 6, 6)), "grey", rec_seal="抚顺市生态环境局东洲分局"), "seal.unit",
     "rec form stamped by the branch 抚顺市生态环境局东洲分局 (another body whose name holds the unit's)"),
    (A("R02", "陆晔", "女", D(1990, 3, 3), "210411", "抚顺市生态环境事务服务中心", "institution", "生态环境管理", "工程师",
       ("助理工程师", D(2019, 7, 15)), "digital", awards=[dict(AW_OK, title="抚顺市生态环境系统先进工作者",
                                                                work="2018年度生态环境保护工作", date=D(2019, 7, 15))]),
     "evidence.after_title", "award dated the title's own day 2019-07-15"),
    (A("R03", "苏琦", "女", D(1991, 11, 11), "210404", "抚顺市望花区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 5, 5)), "tiff", papers=[paper("hlj", "抚顺市望花区声环境质量监测分析", 2022, 7)], proof_journal="hjkx"),
     "paper.retrieval", "proof lists the title in another journal (环境科学与管理 for 黑龙江环境通报)"),
    (A("R04", "方喆", "男", D(1988, 8, 18), "210403", "抚顺市生态环境事务服务中心", "institution", "生态环境科研", "工程师",
       ("助理工程师", D(2018, 4, 4)), "mixed", pub_seal="抚顺市生态环境事务服务中心工会委员会"), "seal.unit",
     "publicity stamped by the unit's trade union (工会委员会)"),
    (A("R05", "金婧", "女", D(1992, 6, 6), "210411", "抚顺市顺城区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 12, 20)), "grey", cert_date=D(2018, 12, 20), cert_style="month"), "title.date",
     "certificate 2018年12月 (month only), claim 2019-12-20"),
    (A("R06", "施旸", "男", D(1987, 10, 1), "210421", "抚顺县生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2018, 2, 2)), "digital", years=(2021, 2022, 2022)), "assessment.years", "2022 twice, no 2023"),
]


SET4 = [
    (A("T01", "段婧", "女", D(1990, 2, 12), "210402", "抚顺市生态环境事务服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 4, 4)), "mixed", rec_signed=False), "signature.present", "rec form unsigned, heavy JPEG + skew"),
    (A("T02", "秦昊", "男", D(1989, 5, 5), "210411", "抚顺市顺城区生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2018, 9, 9)), "tiff", ass_seal_year=2022, ass_seal=None), "seal.present", "2022 assessment without seal (TIFF)"),
    (A("T03", "牛琦", "女", D(1993, 3, 13), "210404", "抚顺市望花区生态环境保护服务中心", "institution", "生态环境管理", "助理工程师",
       ("技术员", D(2020, 3, 3)), "tiff", edu_signed=False), "signature.present", "education verification unsigned (TIFF pack: JPEG 80)"),
    (A("T04", "温晟", "男", D(1988, 7, 17), "210403", "抚顺市生态环境局东洲分局", "government", "生态环境管理", "工程师",
       ("助理工程师", D(2018, 1, 11)), "grey", edu_seal=None), "seal.present", "education verification without seal (300 dpi colour)"),
    (A("T05", "柳昱", "女", D(1991, 9, 21), "210421", "抚顺县生态环境保护服务中心", "institution", "生态环境监测", "工程师",
       ("助理工程师", D(2019, 6, 6)), "mixed", ass_seal_year=2021, ass_seal="沈阳市生态环境保护服务中心"), "seal.unit",
     "2021 assessment stamped 沈阳市生态环境保护服务中心, heavy JPEG"),
]


def main2(which="set2"):
    SET = {"set2": SET2, "set3": SET3, "set4": SET4}[which]
    out = f"{ROOT}/{which}"
    if os.path.exists(out):
        shutil.rmtree(out)
    key = {}
    for i, (a, rule, how) in enumerate(SET):
        rng = np.random.default_rng({"set2": 3000, "set3": 4000, "set4": 5000}[which] + i)
        pack(a, docs_for(a, rng), os.path.join(out, a["key"]), rng)
        key[a["key"]] = dict(planted=rule, how=how, pack=a["pack"])
    with open(f"{ROOT}/answer_key{which[-1]}.json", "w", encoding="utf-8") as f:
        json.dump(key, f, ensure_ascii=False, indent=1)


def main(only=None):
    if only is None and os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT, exist_ok=True)
    key = {}
    for i, a in enumerate(CLEAN):
        if only and a["key"] not in only:
            continue
        rng = np.random.default_rng(1000 + i)
        pack(a, docs_for(a, rng), os.path.join(OUT, a["key"]), rng)
        key[a["key"]] = dict(planted=None, pack=a["pack"])
    for i, (a, rule, how) in enumerate(PLANTED):
        if only and a["key"] not in only:
            continue
        rng = np.random.default_rng(2000 + i)
        pack(a, docs_for(a, rng), os.path.join(OUT, a["key"]), rng)
        key[a["key"]] = dict(planted=rule, how=how, pack=a["pack"])
    if only is None:
        with open(ROOT + "/answer_key.json", "w", encoding="utf-8") as f:
            json.dump(key, f, ensure_ascii=False, indent=1)
    print(len(key), "dossiers")


if __name__ == "__main__":
    if sys.argv[1:] in (["set2"], ["set3"], ["set4"]):
        main2(sys.argv[1])
    else:
        main(sys.argv[1:] or None)
