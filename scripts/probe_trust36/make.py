"""Probe round 36 (issue 13, "verdicts a desk can trust"): PLANTED DEFECTS AS AN OUTSIDE TEAM WOULD PLANT THEM, RULE
BY RULE FROM DOSSIER.md. An outside team reading only the spec takes each row of its rule table and plants the
"fail when" column two or three ways; this round does the same, preferring ways no earlier round used, on round 34's
page model (text, rules, seals and hand-like values placed in millimetres; PIL rasters at 200-300 dpi as PNGs, scans
or scans in one PDF, or fpdf2 born-digital PDFs with a text layer) in the Debian faces round 35 falls back to (loaded
as modules, not copied). Each dossier holds the campaign's required documents (推荐表, 公示, three 年度考核表, 学历查询,
继续教育, 身份证, 评定表, 职称证书) and evidence (an award, an achievement proof, or a paper's journal pages with a retrieval
proof), 10-13 pages.

Planted (28, P01-P28), each keyed to the rule it breaks:

- dossier.required: the ID card replaced by a 户口簿 常住人口登记卡 of the applicant (name, ID number, a police seal);
  the 学信网 verification replaced by a copy of the 毕业证书 (school, major, the school's seal)
- assessment.years: 2022's form replaced by one for 2020 whose year is written only in the table body (title 年度考核登记表
  with no year); the forms of 2020, 2021, 2022 (last campaign's set)
- evidence.after_title: an award dated exactly on the title date; a unit's 项目验收证明 two months before it; a paper
  in an issue before it
- title.date: the certificate's date differs only in the day; the certificate's date in 〇 numerals a month off
- journal.issn: the ISSN, with a wrong check digit, printed only on the 版权页 (the cover prints none); no ISSN on
  any journal page (the cover prints only the CN)
- journal.cn: a CN with a five-digit serial (CN 21-15560/X); a CN without its class (CN 21-1556)
- journal.registered: the ISSN of one real journal and the CN of another (套刊, both in the registry), claimed as
  printed; a real journal that has ceased (重庆环境科学) carrying a 2022 paper
- paper.retrieval: a proof naming a title one word different; two papers claimed, the proof listing only the first
- seal.present: 2022's assessment form with no seal (the unit's opinion and date filled in); the retrieval proof with
  no seal
- seal.unit: a sister unit's seal (another body of the same bureau) on the recommendation form; the bureau's own
  seal (抚顺市生态环境局) on the publicity
- signature.present: the recommendation form's 负责人（签字） filled with the head's name typed in the body face; the
  retrieval proof's 审核人 field blank
- identity.name: the title certificate naming a one-character variant of the applicant (a homophone); the 2021
  assessment form naming a colleague
- identity.id_number: the card's number one digit off in its serial, its check digit recomputed (valid, different)
- publicity.duration: a publicity over the Mid-Autumn holiday (2024-09-12..09-18: 4 working days counting the
  make-up Saturday 09-14); one over National Day (2024-09-27..10-08: 4 working days counting Sunday 09-29)

A second way nearer the edge for seven rules (S01-S07): a seal of the 生态环境检测站 for the 监测站 (one character, a
word of its own); the applicant's given name's two characters swapped on the certificate; the card's birth day one
later, check digit recomputed; a publicity of 2024-09-13..09-17 (two working days); the title year one off in 〇
numerals; an award dated by the title's own month only (2020年12月 for a title of 2020-12-04: on or after cannot be
told, the key expects a review); a CN with a three-digit serial.

And the claim and the page apart (S08-S10): applicant.yaml dates a paper two years later than its cover's issue, which
is before the title; it dates an award two years later than the certificate prints, before the title; it types a
claimed ISSN's check digit wrong (the pages print the journal's own).

Clean (16), drawn the same ways: assessment years only in the table bodies; an award the day after the title date;
ISSN and CN only on the 版权页; a publicity over Mid-Autumn of 5 working days and one over National Day of 6; a 户口簿
beside the ID card; a diploma beside the 学信网 verification; two papers, both listed; an achievement proof after the
title; an enterprise applicant; the head's name typed under a handwritten signature; an ID number with an X check
digit claimed with a small x; every seal in the unit's former name, given as unit_aliases; a publicity of
2024-09-25..09-30 (five working days only with the make-up Sunday 09-29); a journal with an X check digit
(黑龙江环境通报, 1674-263X); a journal with a two-letter CN class (能源与环境, 35-1272/TK).

    PROBE_OUT=/tmp/trust36 python scripts/probe_trust36/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/probe36-ocr.sqlite
    PROBE_OUT=/tmp/trust36 python scripts/probe_trust36/score.py OUT -v

``PROBE_ONLY="R36-C01 R36-P05"`` makes only those dossiers. Needs what rounds 34 and 35 need (Pillow, numpy, fpdf2,
python-stdnum, the Debian CJK fonts; Noto CJK and LXGW WenKai used where installed).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import sys
from pathlib import Path

from stdnum.cn import ric

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/trust36"))
ONLY = os.environ.get("PROBE_ONLY", "").split()

P35 = load_round(35, "probe35_for36")
R = P35.R  # round 34's page model and documents, as round 35 loaded it

NAMES = ["宋建华", "邓丽君", "曹志刚", "彭晓东", "潘玉芬", "袁立伟", "蒋文静", "蔡国栋", "余春燕", "杜海涛",
         "戴淑芳", "夏明远", "钟秀英", "汪浩然", "田立群", "任雪松", "姜红霞", "范德林", "方晓梅", "石磊",
         "姚瑞芳", "谭永刚", "廖静怡", "邹德华", "熊光明", "金晓燕", "陆文涛", "郝建军", "孔令辉", "白玉兰",
         "崔家栋", "康丽娜", "毛志远", "邱桂芝", "秦海波", "江淑贞", "史国强", "顾美华", "黄立群",
         "唐振华", "傅雅琴", "冯志斌", "魏春雷", "薛文博", "阎秀珍", "侯德明",
         "贺晓光", "龚丽萍", "万俊杰", "段春梅", "雷鸣远",
         "罗文华", "钱晓静", "高建平"]
#: a homophone variant of a name's last character (identity.name by one character)
HOMOPHONE = {"华": "桦", "君": "军", "刚": "钢", "东": "冬", "芬": "芳", "伟": "玮", "静": "晶", "栋": "东",
             "燕": "艳", "涛": "韬", "芳": "方", "远": "源", "英": "瑛", "然": "冉", "群": "琼", "松": "嵩",
             "霞": "侠", "林": "琳", "梅": "玫", "磊": "垒", "怡": "宜", "明": "鸣", "军": "君",
             "辉": "晖", "兰": "岚", "娜": "纳", "波": "博", "芝": "枝", "贞": "珍", "强": "蔷"}
SISTER = {"抚顺市生态环境监测站": "抚顺市生态环境保护服务中心", "抚顺市环境科学研究院": "抚顺市生态环境监测站",
          "抚顺市生态环境保护服务中心": "抚顺市环境科学研究院"}
BUREAU = "抚顺市生态环境局"
JIANCE = "抚顺市生态环境检测站"  # 检测 for 监测: one character, a word of its own
POLICE = "抚顺市公安局望花分局建设派出所"
SCHOOLS = {"沈阳建筑大学", "辽宁石油化工大学", "大连理工大学", "沈阳农业大学"}
PROJECT_PROOF = "抚顺市环境空气质量自动监测网络升级改造项目"
# real journals of the registry (verify/journals/data/registry.sqlite, from the CNKI list)
J = {"hbxh": ("环境保护与循环经济", "1674-1021", "21-1556/X"), "jc": ("中国环境监测", "1002-6002", "11-2861/X"),
     "kxjs": ("环境科学与技术", "1003-6504", "42-1245/X"), "hbkx": ("环境保护科学", "1004-6216", "21-1135/X"),
     "kxgl": ("环境科学与管理", "1674-6139", "23-1532/X"), "cq": ("重庆环境科学", "1001-2141", "50-1117/X"),
     "hljhj": ("黑龙江环境通报", "1674-263X", "23-1398/X"), "nyhj": ("能源与环境", "1672-9064", "35-1272/TK")}
ALIAS = "抚顺市环境监测中心站"  # the 监测站's former name, as applicant.yaml's unit_aliases gives it
TITLES = ["浑河抚顺段水体氨氮时空分布特征研究", "抚顺市大气颗粒物污染来源解析", "城市污水处理厂提标改造效果评估",
          "工业园区挥发性有机物排放清单编制方法", "农村饮用水水源地保护区划定实践", "环境空气自动监测站运维质量控制"]

#: (key suffix, planted rule or None, how)
CASES = [
    ("C01", None, "years_in_body"), ("C02", None, "award_day_after"), ("C03", None, "ids_on_copyright"),
    ("C04", None, "pub_midautumn_5"), ("C05", None, "pub_national_6"), ("C06", None, "hukou_beside_card"),
    ("C07", None, "diploma_beside_xuexin"), ("C08", None, "two_papers_both_listed"), ("C09", None, "proof_after"),
    ("C10", None, "enterprise"), ("C11", None, "typed_under_signature"),
    ("P01", "dossier.required", "hukou_for_card"), ("P02", "dossier.required", "diploma_for_xuexin"),
    ("P03", "assessment.years", "year_2020_in_body"), ("P04", "assessment.years", "years_2020_2022"),
    ("P05", "evidence.after_title", "award_on_title_day"), ("P06", "evidence.after_title", "proof_before"),
    ("P07", "evidence.after_title", "paper_before"),
    ("P08", "title.date", "day_differs"), ("P09", "title.date", "month_off_chinese_numerals"),
    ("P10", "journal.issn", "bad_check_on_copyright"), ("P11", "journal.issn", "no_issn"),
    ("P12", "journal.cn", "cn_5_digit_serial"), ("P13", "journal.cn", "cn_no_class"),
    ("P14", "journal.registered", "taokan_two_real"), ("P15", "journal.registered", "ceased_journal"),
    ("P16", "paper.retrieval", "title_one_word_off"), ("P17", "paper.retrieval", "second_paper_unlisted"),
    ("P18", "seal.present", "assessment_unsealed"), ("P19", "seal.present", "retrieval_unsealed"),
    ("P20", "seal.unit", "sister_unit_on_rec"), ("P21", "seal.unit", "bureau_on_publicity"),
    ("P22", "signature.present", "typed_name_in_field"), ("P23", "signature.present", "retrieval_unsigned"),
    ("P24", "identity.name", "homophone_on_title_cert"), ("P25", "identity.name", "colleague_assessment"),
    ("P26", "identity.id_number", "serial_digit_valid_check"),
    ("P27", "publicity.duration", "midautumn_4"), ("P28", "publicity.duration", "national_day_4"),
    # a second pass at the rules every first way was caught on (P01 aside), nearer the edge
    ("S01", "seal.unit", "jiance_for_jiance"), ("S02", "identity.name", "name_swapped"),
    ("S03", "identity.id_number", "birth_day_valid_check"), ("S04", "publicity.duration", "midautumn_2"),
    ("S05", "title.date", "year_off_chinese_numerals"), ("S06", "evidence.after_title", "award_title_month"),
    ("S07", "journal.cn", "cn_3_digit_serial"),
    # more clean ones where a tool that half-knows the rule would fail an honest applicant
    ("C12", None, "id_check_x"), ("C13", None, "alias_seal"), ("C14", None, "pub_makeup_sunday_5"),
    ("C15", None, "issn_x_journal"), ("C16", None, "cn_two_letter_class"),
    # the claim and the page apart: applicant.yaml says what the rule wants, the evidence prints otherwise
    ("S08", "evidence.after_title", "paper_printed_before_claim_after"),
    ("S09", "evidence.after_title", "award_printed_before_claim_after"),
    ("S10", "journal.issn", "claim_issn_bad_check"),
]
#: cases whose dates cannot decide: the key expects a review
EXPECT_REVIEW = {"award_title_month"}


# ------------------------------------------------------------------ edits on round 34's pages
def drop(page, kind):
    """The page without its ops of ``kind`` ("seal" or "sign")."""
    page.ops = [op for op in page.ops if op[0] != kind]
    return page


def retext(page, old, new):
    """Each text op's ``old`` replaced by ``new``."""
    page.ops = [op[:5] + (op[5].replace(old, new),) + op[6:] if op[0] == "text" and old in op[5] else op
                for op in page.ops]
    return page


def with_seal(p, spec):
    q = dict(p)
    q["seal"] = spec
    return q


def valid_variant(idn, pos):
    """``idn`` with the digit at ``pos`` changed and the check digit recomputed: valid, and another number."""
    d = str((int(idn[pos]) + 3) % 10)
    b = idn[:pos] + d + idn[pos + 1:17]
    return b + ric.calc_check_digit(b + "0")


# ------------------------------------------------------------------ this round's own documents
def hukou(p, rng, seals):
    """A 户口簿's 常住人口登记卡 as HR copies it: a ruled card, the ID number in its own row, the police station's seal."""
    s = R.Page(p["body"], p["head"])
    s.y = 30
    s.center("常住人口登记卡", 7.6)
    s.y += 2
    b = p["birth"].split("-")
    s.table([["姓名", (p["name"], 1, "h"), "户主或与户主关系", ("户主", 1, "h")],
             ["曾用名", "", "性别", (p["sex"], 1, "h")],
             ["出生地", ("辽宁省抚顺市", 1, "h"), "民族", ("汉", 1, "h")],
             ["籍贯", ("辽宁抚顺", 1, "h"), "出生日期", (f"{b[0]}年{int(b[1])}月{int(b[2])}日", 1, "h")],
             ["本市（县）其他住址", ("", 3)],
             ["公民身份证件编号", (p["id"], 3, "h")],
             ["文化程度", ("大学本科", 1, "h"), "婚姻状况", ("已婚", 1, "h")],
             ["服务处所", (p["unit"], 3, "h")],
             ["职业", ("专业技术人员", 1, "h"), "兵役状况", ("", 1)],
             ["何时由何地迁来本址", ("", 3)]], [40, 50, 40, 36], hand=R.hand(p))
    s.y += 8
    s.text(28, "承办人签章：", 4.2)
    s.text(118, "登记日期：2015年3月12日", 4.2)
    s.seal(150, s.y - 4, seals[POLICE], rng.uniform(-15, 15))
    return s


def diploma(p, rng, seals):
    """A 毕业证书 copy: the school's text, its president, its seal; no 学信网 look, no 核查人."""
    s = R.Page("serif", "serif_b")
    s.ops.append(("rect", 14, 14, 182, 150, 1.2))
    s.y = 26
    s.center("毕 业 证 书", 11.0, black=True)
    s.y += 6
    g = p["grad"]
    s.para(f"学生{p['name']}，性别{p['sex']}，{p['birth'][:4]}年{int(p['birth'][5:7])}月{int(p['birth'][8:10])}日生，"
           f"于{g - 4}年9月至{g}年7月在本校{p['major']}专业四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。",
           5.0, x=26, width=158)
    s.y += 10
    s.text(30, f"校    长：", 4.6)
    s.text(112, f"校名：{p['school']}", 4.6)
    s.y += 9
    s.text(30, f"证书编号：1014{rng.randint(1, 9)}1{g}0{rng.randint(100000, 999999)}", 4.2)
    s.text(118, R.date_str(f"{g}-07-01", 0), 4.6)
    s.seal(150, s.y - 10, seals[p["school"]], rng.uniform(-10, 10))
    return s


def assessment_body_year(p, rng, year, **kw):
    """Round 34's assessment form with its title's year taken out: the year is left in the body (个人总结 and the
    unit's date) only."""
    s = R.assessment(p, rng, year, **kw)
    retext(s, f"{year}年度事业单位", "事业单位")
    return retext(s, f"{year}年度考核登记表", "年度考核登记表")


def achievement_proof(p, rng, date):
    """A unit's 项目验收证明 naming the applicant, dated, stamped by the unit."""
    s = R.Page(p["body"], p["head"])
    s.y = 40
    s.center("项目验收证明", 8.0)
    s.y += 8
    s.para(f"由我单位承担的“{PROJECT_PROOF}”已按合同要求完成全部建设内容，经专家组现场验收，"
           f"各项技术指标达到设计要求，同意通过验收。{p['name']}同志作为项目技术负责人，全程参与了方案设计、设备选型与调试工作。")
    s.para("特此证明。")
    s.y += 30
    s.text(105, p["unit"], 4.6)
    s.y += 9
    s.text(118, R.date_str(date, p["ds2"] if p["ds2"] != 4 else 0), 4.6)
    s.seal(140, s.y - 6, p["seal"], rng.uniform(-20, 20))
    return s


def copyright_page(p, rng, name, issn, cn, year, no, sponsor):
    """A journal's 版权页 as printed inside the cover: a column of labels, the pair on their own lines."""
    s = R.Page("serif", "sans_b")
    s.y = 30
    s.center(name, 8.0)
    s.center(f"（月刊  {year}年第{no}期）", 4.4, face="serif")
    s.y += 6
    rows = [("主管单位", "辽宁省生态环境厅" if cn and cn.startswith("21") else "中国科学技术协会"),
            ("主办单位", sponsor), ("编辑出版", f"《{name}》编辑部"), ("主    编", "王立新"),
            ("地    址", "沈阳市皇姑区黄河北大街98号"), ("印    刷", "辽宁新华印务有限公司"),
            ("发行范围", "国内外公开发行"), ("出版日期", f"{year}年{no}月25日")]
    if issn:
        rows.append(("国际标准连续出版物号", f"ISSN {issn}"))
    if cn:
        rows.append(("国内统一连续出版物号", f"CN {cn}"))
    rows.append(("定    价", "15.00元"))
    for lab, val in rows:
        s.text(40, lab, 4.0, "serif")
        s.text(100, val, 4.0, "serif")
        s.y += 8
    return s


def cover_numbers(page, issn=True, cn=True):
    """Round 34's cover without its ISSN line and/or its CN line."""
    page.ops = [op for op in page.ops if not (op[0] == "text" and ((not issn and "ISSN" in op[5]) or
                                                                    (not cn and "CN " in op[5])))]
    return page


def journal_pages(p, rng, jkey, year, no, how, printed=None):
    """The pages of one paper's journal: round 34's cover (numbers as ``how`` prints them) and, for some tricks, a
    版权页. ``printed``: (issn, cn) the pages print where not the journal's own."""
    name, issn, cn = J[jkey]
    pi, pc = printed or (issn, cn)
    sponsor = {"hbxh": "辽宁省环境科学研究院", "jc": "中国环境监测总站", "kxjs": "湖北省生态环境科学研究院",
               "hbkx": "沈阳环境科学研究院", "kxgl": "黑龙江省环境科学研究院", "cq": "重庆市环境科学研究院",
               "hljhj": "黑龙江省齐齐哈尔生态环境监测中心", "nyhj": "福建省环境科学研究院"}[jkey]
    if how in ("ids_on_copyright", "bad_check_on_copyright"):
        return [("封面", cover_numbers(R.cover(p, rng, name, pi, pc, year, no), issn=False, cn=False)),
                ("版权页", copyright_page(p, rng, name, pi, pc, year, no, sponsor))]
    if how == "no_issn":
        return [("封面", cover_numbers(R.cover(p, rng, name, pi, pc, year, no), issn=False))]
    if how == "cn_no_class":
        return [("封面", retext(R.cover(p, rng, name, pi, pc, year, no), f"CN {pc}", f"CN {pc.split('/')[0]}"))]
    return [("封面", R.cover(p, rng, name, pi, pc, year, no))]


# ------------------------------------------------------------------ dossiers
def seals_for() -> dict:
    names = [u for u, _ in R.UNITS] + R.ISSUERS + [R.TRAINER] + [iss for _, iss in R.AWARDS]
    names += [BUREAU, POLICE] + sorted(SCHOOLS) + [JIANCE, ALIAS]
    out = {}
    for k, n in enumerate(names):
        r = random.Random(3600 + k)
        bottom = r.choice([None, "code", "人事专用章"]) if n in dict(R.UNITS) and k % 3 else None
        out[n] = R.seal_spec(n, 3600 + k, bottom)
    return out


def build(i, suffix, rule, how, seals):
    rng = random.Random(36000 + i)
    unit = None
    if how == "enterprise":
        unit = ("抚顺石化环保工程有限公司", "enterprise")
    elif how in ("sister_unit_on_rec", "colleague_assessment", "jiance_for_jiance", "alias_seal") or rule in ("journal.issn", "journal.cn",
                                                                            "journal.registered", "paper.retrieval"):
        unit = ("抚顺市生态环境监测站", "institution")
    elif how == "bureau_on_publicity":
        unit = ("抚顺市生态环境保护服务中心", "institution")
    elif how in ("hukou_for_card", "hukou_beside_card", "years_in_body", "year_2020_in_body", "years_2020_2022",
                 "assessment_unsealed"):
        unit = ("抚顺市环境科学研究院", "institution")
    p = R.person(i % len(R.NAMES), rng, seals, unit)
    p["name"] = NAMES[i]
    if how == "id_check_x":  # a number whose check digit is X (the claim typed with a small x)
        r2 = random.Random(i)
        while not p["id"].endswith("X"):
            p["id"] = R.id_number(r2)
        idn = p["id"]
        p["birth"] = f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}"
        p["id_masked"] = idn[:6] + "********" + idn[14:]
        p["grad"] = int(p["birth"][:4]) + 22
    if how == "alias_seal":  # every seal still the former name's
        p["seal"] = seals[ALIAS]
    if how == "homophone_on_title_cert" and p["name"][-1] not in HOMOPHONE:
        raise SystemExit(f"no homophone for {p['name']}")
    pages = []
    add = lambda n, s: pages.append((n, s))  # noqa: E731
    # the recommendation form
    if how == "sister_unit_on_rec":
        add("推荐表", R.recommendation(with_seal(p, seals[SISTER[p["unit"]]]), rng))
    elif how in ("typed_name_in_field", "typed_under_signature"):
        s = R.recommendation(p, rng, signed=how == "typed_under_signature")
        top = next(op[2] for op in s.ops if op[0] == "text" and op[5].startswith("负责人"))
        s.text(72 if how == "typed_name_in_field" else 70, p["head_name"], 4.4, face=p["body"],
               y=top if how == "typed_name_in_field" else top + 9)
        add("推荐表", s)
    else:
        add("推荐表", R.recommendation(p, rng))
    # the publicity
    period = {"pub_midautumn_5": ("2024-09-12", "2024-09-19"), "pub_national_6": ("2024-09-26", "2024-10-09"),
              "midautumn_4": ("2024-09-12", "2024-09-18"), "national_day_4": ("2024-09-27", "2024-10-08"),
              "midautumn_2": ("2024-09-13", "2024-09-17"), "pub_makeup_sunday_5": ("2024-09-25", "2024-09-30")}.get(how)
    if period:
        y, m, d = (int(v) for v in period[1].split("-"))
        p["dates"] = dict(p["dates"], pub=f"{y}-{m:02d}-{d + 1:02d}", rec="2024-10-14", edu="2024-10-12",
                          ret="2024-10-12")
        add("公示", R.publicity(p, rng, *period))
    elif how == "bureau_on_publicity":
        add("公示", R.publicity(with_seal(p, seals[BUREAU]), rng))
    else:
        add("公示", R.publicity(p, rng))
    # the assessment forms
    years = [2020, 2021, 2022] if how == "years_2020_2022" else [2021, 2020, 2023] if how == "year_2020_in_body" \
        else [2021, 2022, 2023]
    for y in years:
        if how in ("years_in_body", "year_2020_in_body"):
            s = assessment_body_year(p, rng, y)
        elif how == "colleague_assessment" and y == 2021:
            s = R.assessment(p, rng, y, name=NAMES[(i + 7) % len(NAMES)])
        else:
            s = R.assessment(p, rng, y)
        if how == "jiance_for_jiance" and y == 2023:
            s = R.assessment(p, rng, y, seal=seals[JIANCE])
        if how == "assessment_unsealed" and y == 2022:
            drop(s, "seal")
        add(f"考核{y}", s)
    # education
    if how != "diploma_for_xuexin":
        add("学历", R.education(p, rng))
    if how in ("diploma_for_xuexin", "diploma_beside_xuexin"):
        add("毕业证", diploma(p, rng, seals))
    add("继续教育", R.continuing(p, rng, seals))
    # identity
    card = None
    if how == "serial_digit_valid_check":
        card = valid_variant(p["id"], 15)
    elif how == "birth_day_valid_check":  # born a day later, the check digit recomputed: valid, and not the claim
        b = p["id"][:12] + f"{int(p['id'][12:14]) + 1:02d}" + p["id"][14:17]
        card = b + ric.calc_check_digit(b + "0")
    if how != "hukou_for_card":
        add("身份证", R.idcard(p, rng, card))
    if how in ("hukou_for_card", "hukou_beside_card"):
        add("户口簿", hukou(p, rng, seals))
    add("评定表", R.evaluation(p, rng))
    # the title certificate
    y, m, d = (int(v) for v in p["cur_date"].split("-"))
    if how == "day_differs":
        d2 = d + 10 if d <= 18 else d - 10
        add("职称证书", R.title_cert(p, rng, seals, date=R.date_str(f"{y}-{m:02d}-{d2:02d}", p["ds"])))
    elif how == "month_off_chinese_numerals":
        m2 = m - 1 if m > 1 else 2
        add("职称证书", R.title_cert(p, rng, seals, date=R.date_str(f"{y}-{m2:02d}-{d:02d}", 4)))
    elif how == "award_day_after":
        add("职称证书", R.title_cert(p, rng, seals, date=R.date_str(p["cur_date"], 4)))
    elif how == "year_off_chinese_numerals":
        add("职称证书", R.title_cert(p, rng, seals, date=R.date_str(f"{y - 1}-{m:02d}-{d:02d}", 4)))
    elif how == "name_swapped":
        add("职称证书", R.title_cert(p, rng, seals, name=p["name"][0] + p["name"][2:0:-1] + p["name"][3:]))
    elif how == "homophone_on_title_cert":
        add("职称证书", R.title_cert(p, rng, seals, name=p["name"][:-1] + HOMOPHONE[p["name"][-1]]))
    else:
        add("职称证书", R.title_cert(p, rng, seals))
    # evidence
    papers, awards = [], []
    if how in ("award_on_title_day", "award_day_after", "enterprise", "award_title_month",
               "award_printed_before_claim_after") or rule in (
            "dossier.required", "assessment.years", "title.date", "seal.unit", "identity.name", "identity.id_number",
            "publicity.duration") or how in ("years_in_body", "pub_midautumn_5", "pub_national_6",
                                              "hukou_beside_card", "diploma_beside_xuexin", "typed_under_signature",
                                              "assessment_unsealed", "typed_name_in_field"):
        title, issuer = R.AWARDS[i % len(R.AWARDS)]
        if how == "award_on_title_day":
            date = p["cur_date"]
        elif how in ("award_day_after", "award_title_month"):
            date = (f"{y}-{m:02d}-{d + 1:02d}")
        elif how == "award_printed_before_claim_after":
            date = f"{y}-{m - 2:02d}-{min(d, 28):02d}"
        else:
            date = rng.choice(["2021-12-20", "2022-11-18", "2023-12-08"])
        s = R.award(p, rng, seals, title, issuer, date)
        if how == "award_title_month":  # the award dated by its month only, the title's own month: on or after?
            for op in s.ops:
                if op[0] == "text" and op[5] == R.date_str(date, p["ds2"] if p["ds2"] != 4 else 0):
                    retext(s, op[5], f"{y}年{m}月")
                    break
            else:
                raise SystemExit("award date not found")
            date = f"{y}-{m:02d}"
        if how == "award_printed_before_claim_after":
            date = f"{y + 2}-12-20"  # the claim typed later than the certificate prints
        add("获奖", s)
        awards.append(dict(title=title, date=date))
    if how in ("proof_after", "proof_before"):
        date = f"{y + 2}-06-18" if how == "proof_after" else f"{y}-{m - 2:02d}-{min(d, 28):02d}"
        add("验收证明", achievement_proof(p, rng, date))
        awards.append(dict(title=PROJECT_PROOF + "验收", date=date))
    if rule in ("journal.issn", "journal.cn", "journal.registered", "paper.retrieval", "seal.present",
                "signature.present") and how not in ("assessment_unsealed", "typed_name_in_field") or how in (
            "paper_printed_before_claim_after",
            "ids_on_copyright", "two_papers_both_listed", "paper_before", "issn_x_journal", "cn_two_letter_class"):
        jkey = {"taokan_two_real": "hbxh", "ceased_journal": "cq", "issn_x_journal": "hljhj",
                "cn_two_letter_class": "nyhj"}.get(how, ["hbxh", "kxjs", "hbkx", "kxgl"][i % 4])
        if how in ("ids_on_copyright", "bad_check_on_copyright", "cn_no_class", "cn_5_digit_serial", "no_issn",
                   "cn_3_digit_serial"):
            jkey = "hbxh"
        name, issn, cn = J[jkey]
        year, no = (y, max(1, m - 3)) if how in ("paper_before", "paper_printed_before_claim_after") else rng.choice([(2021, 5), (2022, 9), (2023, 3)])
        if how == "ceased_journal":
            year, no = 2022, 6
        if jkey in ("hbkx", "nyhj"):  # a bimonthly: six issues a year (a 第9期 is a fake's mark, journal.registered reviews it)
            no = min(no, 6)
        printed = None
        if how == "bad_check_on_copyright":
            good = issn
            printed = (good[:-1] + str((int(good[-1]) + 1) % 10) if good[-1] != "X" else good[:-1] + "0", cn)
        elif how == "cn_5_digit_serial":
            printed = (issn, cn.replace("-1556/", "-15560/"))
        elif how == "cn_3_digit_serial":
            printed = (issn, cn.replace("-1556/", "-556/"))
        elif how == "taokan_two_real":
            printed = (issn, J["jc"][2])
            cn = J["jc"][2]  # claimed as printed: the pair itself is the defect
        for n_, s in journal_pages(p, rng, jkey, year, no, how, printed):
            add(n_, s)
        t = TITLES[i % len(TITLES)]
        rows = [(t, name, year, no)]
        claim_date = f"{year + 2}-{no:02d}" if how == "paper_printed_before_claim_after" else f"{year}-{no:02d}"
        if how == "claim_issn_bad_check":  # the claim's check digit typed wrong: not the ISSN the pages print
            issn = issn[:-1] + ("0" if issn[-1] == "X" else str((int(issn[-1]) + 1) % 10))
        papers.append(dict(title=t, journal=name, issn=issn, cn=cn, date=claim_date))
        if how in ("two_papers_both_listed", "second_paper_unlisted"):
            name2, issn2, cn2 = J["kxgl"] if jkey != "kxgl" else J["hbkx"]
            t2 = TITLES[(i + 3) % len(TITLES)]
            add("封面2", R.cover(p, rng, name2, issn2, cn2, 2023, 5))
            papers.append(dict(title=t2, journal=name2, issn=issn2, cn=cn2, date="2023-05"))
            if how == "two_papers_both_listed":
                rows.append((t2, name2, 2023, 5))
        if how == "title_one_word_off":
            rows = [(t.replace("氨氮", "总磷").replace("颗粒物", "挥发物").replace("提标", "扩建")
                     .replace("挥发性有机物", "恶臭污染物").replace("饮用水", "地下水").replace("自动", "手工"), name, year, no)]
            assert rows[0][0] != t
        s = R.retrieval(p, rng, rows)
        if how == "retrieval_unsealed":
            drop(s, "seal")
        if how == "retrieval_unsigned":
            drop(s, "sign")
        add("检索", s)
    return p, pages, papers, awards, rng


def main():
    P35.set_faces()
    seals = seals_for()
    keyfile, key = open_set(OUT, ONLY)
    captures = ["scan", "png", "pdf", "pdfscan"]
    for i, (suffix, rule, how) in enumerate(CASES):
        k = f"R36-{suffix}"
        if ONLY and k not in ONLY:
            continue
        p, pages, papers, awards, rng = build(i, suffix, rule, how, seals)
        capture = captures[i % 4]
        if (OUT / "set" / k).exists():
            shutil.rmtree(OUT / "set" / k)
        R.save(OUT / "set" / k, pages, capture, rng)
        text = R.yaml_text(p, papers, awards)
        if how == "id_check_x":
            text = text.replace(p["id"], p["id"].lower())
        if how == "alias_seal":
            text = text.replace(f"unit: {p['unit']}\n", f"unit: {p['unit']}\nunit_aliases: [{ALIAS}]\n")
        (OUT / "set" / k / "applicant.yaml").write_text(text, encoding="utf-8")
        key[k] = {"pack": capture, "planted": rule, "how": how, "pages": len(pages), "unit": p["unit"],
                  "cur_date": p["cur_date"], **({"expect": "review"} if how in EXPECT_REVIEW else {})}
        keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
