#!/usr/bin/env python
"""Journal pages laid out as real journals print them, drawn here (not by
``fixtures.generator``), scanned, and checked by ``verify batch``: does a 套刊, a fake
or a warning-listed journal pass unseen, does a real journal fail or go to review?

    python scripts/bench_journal_pages.py                      # ~40 dossiers, real engine (~6 min on 2 cores)
    python scripts/bench_journal_pages.py --cache /tmp/ocr.sqlite --keep /tmp/pages   # reruns skip the OCR
    python scripts/bench_journal_pages.py --case R04 --case C1 # a few cases

Each dossier holds the applicant's claim and a journal's pages: a cover, a 版权页, a
contents page or CNKI's 网络首发 page, and the paper's first page with its running head,
drawn with PIL in the installed CJK fonts and scanned (noise, blur, skew up to 1.2°). The
cases are layouts real journals use (ISSN/CN in a footer, spelled-out labels, full-width
numbers, 〔ISSN〕, 刊号 only, numbers wrapped in a 版权页 cell, English cover with Chinese
back matter, print and online ISSN, a vertical or split title, 增刊/特辑, 网络首发) and
planted ones (another journal's pair, a real ISSN with another's CN, a CN in another
province, a title built on a real journal's name over its numbers, an edition the registry
lacks, a sponsor of another province, warning-listed journals named in full or abbreviated; a 套刊 copying the name
and both numbers whose masthead says otherwise than the registry: a sponsor not registered, 第15期 of a 双月刊, a
submission address on qq.com).

Only the journal rules are read (journal.issn, journal.cn, journal.registered; the
dossiers hold nothing else, so the others fail). Printed per case: the three statuses and
whether the outcome is as it must be:

- ``real``: a real journal read from its pages: every journal rule passes;
- ``review``: a real journal where a person must look (增刊, 特辑, 网络首发): no rule
  fails, one at least is ``review``;
- ``noted``: no rule fails, and journal.registered says what the pages print otherwise than
  the registry (a sponsor alone not the registered one: a note on the pass);
- ``planted``: one rule at least fails or is ``review`` (a pass of all three is silent);
  warning-listed journals are here (foreign: no CN, which journal.cn fails for an institution).

Totals: silent passes (must be 0), false fails and reviews on real journals. Needs the
CJK fonts (fonts-wqy-zenhei, fonts-arphic-uming/ukai).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
DPI = 200
MM = DPI / 25.4
W, H = int(210 * MM), int(297 * MM)
FONTS = {"hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "song": "/usr/share/fonts/truetype/arphic/uming.ttc",
         "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc"}
RULES = ("journal.issn", "journal.cn", "journal.registered")
TITLE = "抚顺市大气颗粒物来源解析研究"
BODY = ("随着城市化进程的加快，大气颗粒物污染已成为影响城市环境空气质量的主要因素之一。本文基于抚顺市2020—2021年环境空气自动监测数据，"
        "采用正定矩阵因子分解模型对颗粒物来源进行了解析，结果表明燃煤源、机动车源和扬尘源是主要来源，为大气污染防治提供了科学依据。")
_FONT_CACHE: dict = {}


def font(family: str, pt: float):
    key = (family, pt)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(FONTS[family], int(pt * DPI / 72))
    return _FONT_CACHE[key]


class Page:
    """An A4 page at 200 dpi, drawn in millimetres."""

    def __init__(self):
        self.img = Image.new("RGB", (W, H), "white")
        self.d = ImageDraw.Draw(self.img)

    def text(self, x, y, s, pt=11, fam="song", anchor="la", fill=(0, 0, 0)):
        self.d.text((x * MM, y * MM), s, font=font(fam, pt), anchor=anchor, fill=fill)

    def rect(self, x0, y0, x1, y1, fill):
        self.d.rectangle((x0 * MM, y0 * MM, x1 * MM, y1 * MM), fill=fill)

    def line(self, x0, y0, x1, y1, w=0.3):
        self.d.line((x0 * MM, y0 * MM, x1 * MM, y1 * MM), fill=(0, 0, 0), width=max(1, int(w * MM)))

    def para(self, x, y, s, width_mm, pt=10.5, fam="song", lh=1.7):
        f, line, maxw = font(fam, pt), "", width_mm * MM
        for ch in s:
            if self.d.textlength(line + ch, font=f) > maxw:
                self.text(x, y, line, pt, fam)
                y, line = y + pt * 0.3528 * lh, ch
            else:
                line += ch
        if line:
            self.text(x, y, line, pt, fam)
            y += pt * 0.3528 * lh
        return y


def scan(img: Image.Image, rng) -> Image.Image:
    arr = np.asarray(img.convert("RGB"), dtype=np.float32)
    arr = arr * rng.uniform(0.92, 0.98) + rng.uniform(4, 12)
    arr += rng.standard_normal(arr.shape).astype(np.float32) * rng.uniform(3, 7)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    return out.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, expand=False, fillcolor=(245, 245, 245))


# ---------------------------------------------------------------- page layouts


def cover(name, issue, ids=(), admin=("沈阳市生态环境局", "沈阳环境科学研究院"), band=(30, 90, 60), pinyin=None, foot=None,
          after=None):
    p = Page()
    p.rect(0, 0, 210, 75, band)
    p.text(105, 22, name, 40 if len(name) <= 7 else 30, "hei", "ma", (255, 255, 255))
    if pinyin:
        p.text(105, 55, pinyin, 14, "hei", "ma", (255, 255, 255))
    p.text(105, 85, issue, 18, "hei", "ma")
    p.rect(30, 105, 180, 225, (200, 215, 205))
    for i, s in enumerate(ids):
        p.text(25, 240 + 9 * i, s, 14, "hei")
    if admin:
        p.text(185, 240, f"主管：{admin[0]}", 10, anchor="ra")
        p.text(185, 248, f"主办：{admin[1]}", 10, anchor="ra")
    if foot:
        p.line(15, 280, 195, 280)
        p.text(105, 284, foot, 9, "song", "ma")
    if after:
        after(p)
    return p


def copyright_page(name, issue, rows, prose=None, period="双月刊", after=None):
    p = Page()
    p.text(105, 20, name, 22, "hei", "ma")
    p.text(105, 34, f"（{period}）", 12, anchor="ma")
    p.text(105, 44, issue, 13, anchor="ma")
    y = 62
    for k, v in rows:
        p.text(40, y, k, 10.5)
        p.text(100, y, v, 11)
        y += 10
    if prose:
        p.para(30, y + 8, prose, 150, 10.5)
    if after:
        after(p)
    p.text(105, 250, "版权所有 未经许可不得转载", 10, anchor="ma")
    return p


def paper(head=("", "", ""), art=None, after=None):
    p = Page()
    p.text(20, 12, head[0], 9)
    p.text(105, 12, head[1], 9, anchor="ma")
    p.text(190, 12, head[2], 9, anchor="ra")
    p.line(20, 17, 190, 17)
    p.text(105, 28, TITLE, 18, "hei", "ma")
    p.text(105, 42, "张伟1，李明2", 12, "kai", "ma")
    p.text(105, 50, "（1.抚顺市生态环境监测站，辽宁 抚顺 113006；2.辽宁省生态环境监测中心，辽宁 沈阳 110161）", 9.5, anchor="ma")
    y = p.para(25, 60, "摘要：" + BODY, 160, 10, "kai")
    p.text(25, y + 1, "关键词：颗粒物；来源解析；正定矩阵因子分解；抚顺", 10, "kai")
    p.text(25, y + 9, "中图分类号：X513    文献标识码：A", 10)
    if art:
        p.text(25, y + 16, f"文章编号：{art}", 10)
    p.line(20, y + 22, 190, y + 22, 0.2)
    p.text(105, y + 28, "1  引言", 12, "hei", "ma")
    p.para(22, y + 37, BODY * 3, 166, 11)
    p.text(20, 278, "收稿日期：2021-12-20", 8)
    p.text(20, 283, "作者简介：张伟（1988—），男，工程师，主要从事环境监测工作。", 8)
    if after:
        after(p)
    return p


def blank(draw):
    p = Page()
    draw(p)
    return p


# ---------------------------------------------------------------- the cases

J, I, C = "环境保护科学", "1004-6216", "21-1135/X"
CLAIM = {"title": TITLE, "journal": J, "issn": I, "cn": C, "date": "2022-06"}
ISSUE = "2022年 第48卷 第3期"
IDS = [f"ISSN {I}", f"CN {C}"]
ART = f"{I}(2022)03-0045-05"
HEAD = ("第48卷第3期", J, "2022年6月")
TECH = {"title": TITLE, "journal": "环境科学与技术", "issn": "1003-6504", "cn": "42-1245/X", "date": "2022-06"}
TECH_IDS = ["ISSN 1003-6504", "CN 42-1245/X"]
TECH_ADM = ("湖北省生态环境厅", "湖北省生态环境科学研究院")
TECH_ART = "1003-6504(2022)03-0045-05"


def tech_head(name="环境科学与技术"):
    return ("第45卷第3期", name, "2022年6月")


def _rotated_ids(p):
    strip = Image.new("RGB", (int(150 * MM), int(8 * MM)), "white")
    ImageDraw.Draw(strip).text((0, 0), f"ISSN {I}    CN {C}", font=font("hei", 14), fill=(0, 0, 0))
    p.img.paste(strip.rotate(90, expand=True), (int(3 * MM), int(100 * MM)))


def _english_cover(p):
    p.rect(0, 0, 210, 75, (20, 40, 110))
    p.text(105, 20, "ENVIRONMENTAL", 30, "hei", "ma", (255, 255, 255))
    p.text(105, 40, "PROTECTION SCIENCE", 30, "hei", "ma", (255, 255, 255))
    p.text(105, 85, "Vol.48 No.3 Jun. 2022", 18, "hei", "ma")
    p.text(25, 250, f"ISSN {I}", 14, "hei")
    p.text(25, 259, f"CN {C}", 14, "hei")


def _online_first(p):
    p.text(105, 20, "网络首发论文", 22, "hei", "ma")
    y = 40
    for s in (f"题目：{TITLE}", "作者：张伟，李明", "收稿日期：2021-12-20", "网络首发日期：2022-05-10",
              f"引用格式：张伟，李明．{TITLE}[J/OL]．{J}．", "https://kns.cnki.net/kcms/detail/21.1135.X.20220510.1532.002.html"):
        p.text(25, y, s, 11)
        y += 10
    p.para(25, y + 5, "网络首发：在编辑部工作流程中，稿件从录用到出版要经历录用定稿、排版定稿、整期汇编定稿等阶段。", 160, 10)


def _jes_cover(p):
    p.rect(0, 0, 210, 70, (10, 60, 40))
    p.text(105, 20, "JOURNAL OF", 26, "hei", "ma", (255, 255, 255))
    p.text(105, 38, "ENVIRONMENTAL SCIENCES", 26, "hei", "ma", (255, 255, 255))
    p.text(105, 85, "Volume 116  June 2022", 16, "hei", "ma")
    p.text(25, 245, "ISSN 1001-0742 (Print)", 12, "hei")
    p.text(25, 253, "ISSN 1878-7320 (Online)", 12, "hei")
    p.text(25, 261, "CN 11-2629/X", 12, "hei")
    p.text(185, 245, "主管：中国科学院", 10, anchor="ra")
    p.text(185, 253, "主办：中国科学院生态环境研究中心", 10, anchor="ra")


def _vertical_title(p):
    p.rect(0, 0, 70, 297, (30, 60, 120))
    for i, ch in enumerate("环境科学与技术"):
        p.text(35, 20 + i * 24, ch, 48, "hei", "ma", (255, 255, 255))
    p.text(140, 60, "2022年 第45卷 第3期", 16, "hei", "ma")
    p.text(90, 250, TECH_IDS[0], 13, "hei")
    p.text(90, 259, TECH_IDS[1], 13, "hei")
    p.text(200, 275, f"主办：{TECH_ADM[1]}", 10, anchor="ra")


def _toc(p):
    p.text(105, 16, "环境科学与技术  2022年 第45卷 第3期", 12, anchor="ma")
    p.text(105, 28, "目    次", 20, "hei", "ma")
    for i, (t, n) in enumerate([("长江中游湿地生态修复技术研究进展", 1), (TITLE, 45), ("城市污水处理厂提标改造工程实践", 52)]):
        p.text(22, 44 + 14 * i, t, 12)
        p.text(188, 44 + 14 * i, f"（{n}）", 11, anchor="ra")
    p.line(20, 270, 190, 270)
    p.text(105, 275, "ISSN 1003-6504   CN 42-1245/X   邮发代号 38-196", 10, anchor="ma")


def _wrapped_cells(p):
    p.text(40, 90, "国际标准连续", 10.5)
    p.text(40, 96, "出版物号", 10.5)
    p.text(100, 90, "ISSN 1674-", 11)
    p.text(100, 96, "991X", 11)
    p.text(40, 106, "国内统一连续", 10.5)
    p.text(40, 112, "出版物号", 10.5)
    p.text(100, 106, "CN 11-", 11)
    p.text(100, 112, "5972/X", 11)


def _mdpi(p):
    p.rect(0, 0, 210, 60, (0, 80, 130))
    p.text(105, 22, "sustainability", 36, "hei", "ma", (255, 255, 255))
    p.text(105, 80, "Volume 14 · Issue 11 | June 2022", 16, "hei", "ma")
    p.text(25, 260, "ISSN 2071-1050", 14, "hei")


def _espr(p):
    p.text(105, 30, "Environ Sci Pollut Res", 28, "hei", "ma")
    p.text(105, 60, "Volume 29 · Number 12 · 2022", 16, "hei", "ma")
    p.text(25, 260, "ISSN 0944-1344", 14, "hei")


def cases() -> dict:
    """``key: (expect, claim, pages, options)``; ``pages()`` draws ``[(file, Page)]`` (on demand:
    drawn all at once they held 1.3 GB)."""
    E = "环境工程技术学报"
    EC = {"title": TITLE, "journal": E, "issn": "1674-991X", "cn": "11-5972/X", "date": "2022-05"}
    e_head, e_art, e_adm = ("第12卷第3期", E, "2022年5月"), "1674-991X(2022)03-0500-08", ("生态环境部", "中国环境科学研究院")
    out = {
        # real journals, layouts real journals print
        "R01_fullwidth_spaced": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, ["ＩＳＳＮ １００４－６２１６", "ＣＮ ２１－１１３５／Ｘ"],
                                                                   pinyin="HUANJING BAOHU KEXUE")), ("paper.jpg", paper(HEAD, ART))]),
        "R02_spelled_labels": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE)), ("copyright.jpg", copyright_page(J, ISSUE, [
            ("主管单位", "沈阳市生态环境局"), ("主办单位", "沈阳环境科学研究院"), ("国际标准连续出版物号", I), ("国内统一连续出版物号", C)])),
            ("paper.jpg", paper(HEAD, ART))]),
        "R03_prose_wrapped": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE)), ("copyright.jpg", copyright_page(J, ISSUE, [], prose=(
            f"本刊为经国家新闻出版署批准公开出版发行的学术期刊，国际标准连续出版物号ISSN {I}，国内统一连续出版物号CN {C}，欢迎投稿。"))),
            ("paper.jpg", paper(HEAD, ART))]),
        "R04_bracket_labels": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, [f"〔ISSN〕{I}", f"〔CN〕{C}"])), ("paper.jpg", paper(HEAD, ART))]),
        "R05_kanhao": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, [f"刊号：ISSN {I}  CN {C}"])), ("paper.jpg", paper(HEAD, ART))]),
        "R05b_kanhao_unlabelled": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, [f"刊号：{I} / {C}"])), ("paper.jpg", paper(HEAD, ART))]),
        "R06_footer_line": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, foot=f"ISSN {I}   CN {C}   国内邮发代号：8-46   定价：15.00元")),
                                            ("paper.jpg", paper(HEAD, ART))]),
        "R07_english_cover": ("real", CLAIM, lambda: [("cover.jpg", blank(_english_cover)), ("copyright.jpg", copyright_page(J, ISSUE, [
            ("主管单位", "沈阳市生态环境局"), ("国际标准连续出版物号", f"ISSN {I}"), ("国内统一连续出版物号", f"CN {C}")])),
            ("paper.jpg", paper(HEAD, ART))]),
        "R10_former_name_cover": ("real", {**CLAIM, "journal": "环境保护与循环经济", "issn": "1674-1021", "cn": "21-1556/X", "date": "2008-06"},
                                  lambda: [("cover.jpg", cover("辽宁城乡环境科技", "2008年 第28卷 第3期", ["ISSN 1674-1021", "CN 21-1556/X"],
                                                       admin=("辽宁省环境保护厅", "辽宁省环境科学研究院"))),
                                   ("paper.jpg", paper(("第28卷第3期", "辽宁城乡环境科技", "2008年6月"), "1674-1021(2008)03-0045-05"))],
                                  {"title_date": "2005-06-30"}),
        "R16_fullwidth_two_letter_class": ("real", {**CLAIM, "journal": "当代化工", "issn": "1671-0460", "cn": "21-1457/TQ"},
                                           lambda: [("cover.jpg", cover("当代化工", "2022年 第51卷 第6期", ["ISSN １６７１－０４６０", "CN ２１－１４５７／ＴＱ"],
                                                                admin=("辽宁科技大学", "辽宁科技大学"))),
                                            ("paper.jpg", paper(("第51卷第6期", "当代化工", "2022年6月"), "1671-0460(2022)06-0045-05"))]),
        "T1_print_and_online_issn": ("real", {**CLAIM, "journal": "Journal of Environmental Sciences", "issn": "1001-0742", "cn": "11-2629/X"},
                                     lambda: [("cover.jpg", blank(_jes_cover)),
                                      ("paper.jpg", paper(("", "Journal of Environmental Sciences 116 (2022) 112-123", "")))]),
        "T2_vertical_title": ("real", TECH, lambda: [("cover.jpg", blank(_vertical_title)), ("paper.jpg", paper(tech_head(), TECH_ART))]),
        "T4_contents_page_only": ("real", TECH, lambda: [("toc.jpg", blank(_toc)), ("paper.jpg", paper(tech_head(), TECH_ART))]),
        "T7_rotated_numbers": ("real", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, after=_rotated_ids)), ("paper.jpg", paper(HEAD, ART))]),
        "T11_fullwidth_check_x": ("real", EC, lambda: [("cover.jpg", cover(E, "2022年 第12卷 第3期", ["ISSN １６７４－９９１Ｘ", "CN １１－５９７２／Ｘ"],
                                                                admin=e_adm)), ("paper.jpg", paper(e_head, e_art))]),
        "T12_numbers_wrapped_in_cells": ("real", EC, lambda: [("cover.jpg", cover(E, "2022年 第12卷 第3期", admin=e_adm)),
                                                      ("copyright.jpg", copyright_page(E, "2022年 第12卷 第3期", [("主管单位", "生态环境部"),
                                                                                                          ("主办单位", "中国环境科学研究院")],
                                                                                       after=_wrapped_cells)),
                                                      ("paper.jpg", paper(e_head, e_art))]),
        "S1_real_kanming_row": ("real", TECH, lambda: [("cover.jpg", cover("环境科学与技术", "2022年 第45卷 第3期", TECH_IDS, admin=TECH_ADM)),
                                               ("copyright.jpg", copyright_page("环境科学与技术", "2022年 第45卷 第3期", [
                                                   ("刊名", "环境科学与技术"), ("主办单位", TECH_ADM[1]), ("国际标准连续出版物号", TECH_IDS[0]),
                                                   ("国内统一连续出版物号", TECH_IDS[1])], period="月刊")),
                                               ("paper.jpg", paper(tech_head(), TECH_ART))]),
        "S3_real_sponsor_is_a_society": ("real", {**CLAIM, "journal": "中国环境科学", "issn": "1000-6923", "cn": "11-2201/X"},
                                         lambda: [("cover.jpg", cover("中国环境科学", "2022年 第42卷 第6期", ["ISSN 1000-6923", "CN 11-2201/X"],
                                                              admin=("中国科学技术协会", "中国环境科学学会"), pinyin="CHINA ENVIRONMENTAL SCIENCE")),
                                          ("paper.jpg", paper(("中国环境科学", "China Environmental Science", "2022,42(6):2701～2708"),
                                                              "1000-6923(2022)06-2701-08"))]),
        # real journals a person must look at
        "R08_supplement": ("review", CLAIM, lambda: [("cover.jpg", cover(J, "2022年 第48卷 增刊", IDS)),
                                             ("paper.jpg", paper(("第48卷增刊", J, "2022年6月"), f"{I}(2022)S1-0045-05"))]),
        "U2_special_issue_teji": ("review", CLAIM, lambda: [("cover.jpg", cover(J, "2022年 第48卷 生态环境监测特辑", IDS)),
                                                    ("paper.jpg", paper(("第48卷 特辑", J, "2022年6月"), ART))]),
        "R09_online_first": ("review", CLAIM, lambda: [("first.jpg", blank(_online_first)), ("paper.jpg", paper(("", J, "")))]),
        # warning-listed journals: foreign, no CN (journal.cn fails an institution's), never a pass of all three
        "R15_warning_listed": ("planted", {**CLAIM, "journal": "Sustainability", "issn": "2071-1050", "cn": ""},
                               lambda: [("cover.jpg", blank(_mdpi)), ("paper.jpg", paper(("Sustainability 2022, 14, 6543", "", "")))]),
        "R15b_warning_abbreviated_enterprise": ("planted", {**CLAIM, "journal": "Environ Sci Pollut Res", "issn": "0944-1344", "cn": ""},
                                                lambda: [("cover.jpg", blank(_espr)), ("paper.jpg", paper(("Environ Sci Pollut Res (2022) 29:1234-1245", "", "")))],
                                                {"enterprise": True}),
        # planted: 套刊, fakes
        "R12_another_journals_pair": ("planted", {**CLAIM, "issn": "1674-6139", "cn": "23-1532/X"},
                                      lambda: [("cover.jpg", cover(J, ISSUE, ["ISSN 1674-6139", "CN 23-1532/X"])),
                                       ("paper.jpg", paper(HEAD, "1674-6139(2022)03-0045-05"))]),
        "R12b_real_issn_another_cn": ("planted", {**CLAIM, "cn": "23-1532/X"}, lambda: [("cover.jpg", cover(J, ISSUE, [f"ISSN {I}", "CN 23-1532/X"])),
                                                                              ("paper.jpg", paper(HEAD, ART))]),
        "R13_clone_name_claimed": ("planted", {**TECH, "journal": "环境科学与技术管理"},
                                   lambda: [("cover.jpg", cover("环境科学与技术管理", ISSUE, TECH_IDS, admin=TECH_ADM)),
                                    ("paper.jpg", paper(tech_head("环境科学与技术管理"), TECH_ART))]),
        "R14_cn_of_another_province": ("planted", {**CLAIM, "cn": "23-1135/X"}, lambda: [("cover.jpg", cover(J, ISSUE, [f"ISSN {I}", "CN 23-1135/X"])),
                                                                               ("paper.jpg", paper(HEAD, ART))]),
        "U4_sponsor_of_another_province": ("planted", CLAIM, lambda: [("cover.jpg", cover(J, ISSUE, IDS, admin=("湖北省生态环境厅", "湖北省环境科学研究院"))),
                                                               ("paper.jpg", paper(HEAD, ART))]),
        "U1_edition_registry_lacks": ("planted", CLAIM, lambda: [("cover.jpg", cover("环境保护科学（学术版）", ISSUE, IDS)),
                                                         ("paper.jpg", paper(("第48卷第3期", "环境保护科学（学术版）", "2022年6月"), ART))]),
    }
    for key, clone in (("C1_suffix4", "环境科学与技术应用研究"), ("C2_prefix_suffix", "中国环境科学与技术研究"), ("C3_suffix2", "环境科学与技术管理"),
                       ("C4_prefix2", "现代环境科学与技术")):
        out[f"{key}_claimed_real"] = ("planted", TECH, lambda clone=clone: [
            ("cover.jpg", cover(clone, "2022年 第45卷 第3期", TECH_IDS, admin=TECH_ADM)), ("paper.jpg", paper(tech_head(clone), TECH_ART))])
    out["C6_real_cover_clone_running_head"] = ("planted", TECH, lambda: [
        ("cover.jpg", cover("环境科学与技术", "2022年 第45卷 第3期", TECH_IDS, admin=TECH_ADM)),
        ("paper.jpg", paper(tech_head("环境科学与技术前沿研究"), TECH_ART))])
    out["C7_suffix3_claimed_real"] = ("planted", CLAIM, lambda: [("cover.jpg", cover("环境保护科学与工程", ISSUE, IDS)),
                                                         ("paper.jpg", paper(("第48卷第3期", "环境保护科学与工程", "2022年6月"), ART))])
    # narrow clones (clones): one character dropped or changed, an edition the registry lacks, a clone printing the real office
    out["C8_dropped_char_claimed_real"] = ("planted", TECH, lambda: [
        ("cover.jpg", cover("环境科学技术", "2022年 第45卷 第3期", TECH_IDS, admin=TECH_ADM)), ("paper.jpg", paper(tech_head("环境科学技术"), TECH_ART))])
    out["C9_changed_char_claimed_real"] = ("planted", CLAIM, lambda: [("cover.jpg", cover("环境保护科技", ISSUE, IDS)),
                                                              ("paper.jpg", paper(("第48卷第3期", "环境保护科技", "2022年6月"), ART))])
    out["C10_xiaxunkan_edition"] = ("planted", CLAIM, lambda: [("cover.jpg", cover("环境保护科学（下旬刊）", ISSUE, IDS)),
                                                       ("paper.jpg", paper(("第48卷第3期", "环境保护科学（下旬刊）", "2022年6月"), ART))])
    out["C11_clone_printing_real_office"] = ("planted", TECH, lambda: [
        ("cover.jpg", cover("环境科学技术", "2022年 第45卷 第3期", TECH_IDS, admin=TECH_ADM, foot="《环境科学与技术》编辑部 编辑出版")),
        ("paper.jpg", paper(tech_head(), TECH_ART))])
    # 套刊 copying a real journal's name, ISSN and CN (journal): its masthead says otherwise than the registry
    # a sponsor alone that is not the registered one is a note on the pass (the registry holds only today's
    # sponsor; careless page makers print a generic one): "noted" wants the note in journal.registered's message
    out["M1_sponsor_not_registered"] = ("noted", CLAIM, lambda: [
        ("cover.jpg", cover(J, ISSUE, IDS, admin=("中国科学技术协会", "中华环保产业研究会"))), ("paper.jpg", paper(HEAD, ART))])
    out["M2_issue_beyond_frequency"] = ("planted", CLAIM, lambda: [  # 环境保护科学 is a 双月刊: six issues a year
        ("cover.jpg", cover(J, "2022年 第48卷 第15期", IDS)), ("paper.jpg", paper(("第48卷第15期", J, "2022年6月"), f"{I}(2022)15-0045-05"))])
    out["M3_submission_on_a_free_mailbox"] = ("planted", CLAIM, lambda: [
        ("cover.jpg", cover(J, ISSUE, IDS)), ("copyright.jpg", copyright_page(J, ISSUE, [
            ("主管单位", "沈阳市生态环境局"), ("主办单位", "沈阳环境科学研究院"), ("投稿邮箱", "hjbhkx2022@qq.com"),
            ("国际标准连续出版物号", I), ("国内统一连续出版物号", C)])), ("paper.jpg", paper(HEAD, ART))])
    out["M4_real_joint_sponsors_and_office_mail"] = ("real", CLAIM, lambda: [
        ("cover.jpg", cover(J, ISSUE, IDS, admin=("生态环境部", "沈阳环境科学研究院  生态环境部环境规划院"))),
        ("copyright.jpg", copyright_page(J, ISSUE, [("主管单位", "沈阳市生态环境局"), ("主办单位", "沈阳环境科学研究院"),
                                                   ("E-mail", "hjbhkx@vip.163.com"), ("国际标准连续出版物号", I),
                                                   ("国内统一连续出版物号", C)])), ("paper.jpg", paper(HEAD, ART))])
    return out


def write(root: Path, key: str, claim: dict, pages: list, options: dict, seed: int) -> None:
    rng = np.random.default_rng(seed)
    d = root / key
    d.mkdir(parents=True, exist_ok=True)
    enterprise = options.get("enterprise", False)
    app = {"name": "张伟", "unit": "抚顺石化环保工程有限公司" if enterprise else "抚顺市生态环境监测站",
           "unit_kind": "enterprise" if enterprise else "institution", "specialty": "生态环境监测", "level": "工程师",
           "current_title": {"name": "助理工程师", "date": options.get("title_date", "2019-06-30")},
           "papers": [{k: v for k, v in claim.items() if v}], "campaign": "fushun-2024"}
    (d / "applicant.yaml").write_text(yaml.safe_dump(app, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, page in pages:
        scan(page.img, rng).save(d / name, quality=88)


def judge_case(expect: str, statuses: dict, messages: str = "") -> str:
    got = [statuses.get(r, "—") for r in RULES]
    if expect == "noted":  # no rule fails; journal.registered passes or reviews, saying what the pages print otherwise
        return "false fail" if "fail" in got else ("ok" if "与登记的主办单位" in messages or "不是该刊登记的主办单位" in messages
                                                   else "not noted")
    if expect == "planted":
        return "silent" if all(s == "pass" for s in got) else "ok"
    if "fail" in got:
        return "false fail"
    if expect == "real":
        return "ok" if all(s == "pass" for s in got) else "review on real"
    return "ok" if "review" in got else "passed (want review)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", action="append", help="a case key or its prefix (R04, C1); repeatable")
    ap.add_argument("--cache", type=Path, help="the OCR cache (reruns skip the OCR)")
    ap.add_argument("--keep", type=Path, help="write the dossiers and reports here (kept)")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose verify runs (another one to compare)")
    args = ap.parse_args(argv)
    missing = [f for f in FONTS.values() if not Path(f).is_file()]
    if missing:
        print(f"missing fonts: {missing}")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="journal-pages-"))
    archive, out = work / "archive", work / "out"
    shutil.rmtree(archive, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    chosen = {k: v for k, v in cases().items() if not args.case or any(k.startswith(c) for c in args.case)}
    for i, (key, (expect, claim, pages, *opt)) in enumerate(chosen.items()):
        write(archive, key, claim, pages(), opt[0] if opt else {}, seed=1000 + i)
    cmd = [sys.executable, "-m", "verify", "batch", str(archive), "-o", str(out), "-q", "--workers", "1"]
    if args.cache:
        cmd += ["--cache", str(args.cache)]
    subprocess.run(cmd, cwd=args.code, env={**__import__("os").environ, "PYTHONPATH": str(args.code)}, check=False)
    totals: dict[str, int] = {}
    for key, (expect, *_rest) in chosen.items():
        report = out / key / "report.json"
        statuses: dict[str, str] = {}
        messages = ""
        if report.is_file():
            for f in json.loads(report.read_text(encoding="utf-8"))["findings"]:
                if f["rule"] == "journal.registered":
                    messages += f["message"]
                if f["rule"] in RULES:
                    rank = {"fail": 0, "review": 1, "pass": 2}
                    if f["rule"] not in statuses or rank[f["status"]] < rank[statuses[f["rule"]]]:
                        statuses[f["rule"]] = f["status"]
        verdict = judge_case(expect, statuses, messages)
        totals[verdict] = totals.get(verdict, 0) + 1
        shown = " ".join(f"{r.split('.')[1]}={statuses.get(r, '—')}" for r in RULES)
        print(f"{key:42s} {expect:8s} {shown:45s} {verdict}")
    print(f"\n{len(chosen)} dossiers: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    print("targets: silent 0, false fail 0, review on real 0")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if totals.get("silent") or totals.get("false fail") or totals.get("not noted") else 0


if __name__ == "__main__":
    sys.exit(main())
