"""Probe round 14 (issue 13): dossiers made differently from every round before, on probe_trust13's page model
(paper.py) and documents (make.py, loaded as a module): full-width digits everywhere (２０２２年３月５日), forms in
Traditional characters (港澳 forms: 撫順, 考核登記表), an enterprise's own assessment table (no 年度考核登记表 title:
考核年度 / 考核结果：称职), the applicant's metadata in a roster spreadsheet (applicants.xlsx, `--roster`) instead of
applicant.yaml, a ZIP whose file names are GBK (no UTF-8 flag, as Windows' own zip writes them), greyscale 200-dpi
scans with black-pen or pencil signatures, a title certificate dated 2019.05 and an award dated 2022年3月上旬, a
recommendation form laid out in landscape, and a dossier of 72-dpi thumbnails (a review, never pass nor fail).

    REALDATA=/work/shared/realdata PROBE_OUT=/tmp/trust14 python scripts/probe_trust14/make.py [KEY ...]
    verify batch /tmp/trust14/set -o /tmp/trust14/out --roster /tmp/trust14/applicants.xlsx --workers 1 -q \
        --cache /tmp/trust14/ocr.sqlite
    PROBE_OUT=/tmp/trust14 python scripts/probe_trust14/score.py /tmp/trust14/out [-v]

An exploration tool, not part of the test suite (it needs ../shared/realdata).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import zipfile

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "probe_trust13"))
sys.path.append(os.path.dirname(HERE))
from probe_common import load_round  # noqa: E402

m13 = load_round(13, "m13")
import paper  # noqa: E402  probe_trust13's page model

D = dt.date
ROOT = os.environ.get("PROBE_OUT", "/tmp/trust14")
FW = str.maketrans("0123456789./-", "０１２３４５６７８９．／－")
STATE = {"trad": False, "ink": None}

_date_as, _month_as = m13.date_as, m13.month_as


def date_as(d, style):
    if style == "fw":
        return _date_as(d, "cn").translate(FW)
    if style == "dotmonth":     # 2019.05
        return f"{d.year}.{d.month:02d}"
    if style == "xun":          # 2022年3月上旬
        return f"{d.year}年{d.month}月" + ("上旬" if d.day <= 10 else "中旬" if d.day <= 20 else "下旬")
    return _date_as(d, style)


def month_as(d, style):
    if style == "fw":
        return _month_as(d, "cn").translate(FW)
    if style in ("dotmonth", "xun"):
        return date_as(d, style)
    return _month_as(d, style)


m13.date_as, m13.month_as = date_as, month_as

# Traditional characters: every string drawn on a sheet goes through OpenCC (s2hk) while STATE["trad"] holds.
import opencc  # noqa: E402

_CC = opencc.OpenCC("s2hk")
_text, _hand = paper.Sheet.text, paper.Sheet.hand


def _t(s):
    return _CC.convert(s) if STATE["trad"] else s


def text(self, x, y, s, size=4.0, fam="song", color=paper.INK):
    return _text(self, x, y, _t(s), size, fam, color)


def hand(self, x, y, s, size=4.6, rng=None, color=paper.BLUE):
    if STATE["ink"] is not None:
        color = STATE["ink"]
    return _hand(self, x, y, _t(s), size, rng, color)


paper.Sheet.text, paper.Sheet.hand = text, hand
_width = paper.Sheet.width
paper.Sheet.width = lambda self, s, size=4.0, fam="song": _width(self, _t(s), size, fam)


def inked(sigs, rgb):
    """The Tobacco800 signatures re-inked (black pen (20,20,20), pencil (110,110,110))."""
    out = []
    for im in sigs:
        g = np.asarray(im.convert("L")).astype(np.float32)
        dark = np.clip((255 - g) / 200.0, 0, 1)[..., None]
        out.append(Image.fromarray((255 - dark * (255 - np.array(rgb, np.float32))).astype(np.uint8)))
    return out


# ------------------------------------------------------------------ documents new to this round

def assessment_ent(a, rng, year, grade="称职"):
    """An enterprise's own yearly table: no 年度考核登记表 title, 考核年度 in a cell, 考核结果：称职."""
    sh = paper.Sheet()
    sh.center(18, f"{a['unit']}", 5.0)
    sh.center(27, "员工绩效考核结果表", 6.0)
    xs, ys = sh.grid(18, 38, [30, 56, 30, 58], [12] * 3)
    rows = [("考核年度", f"{year}年", "部  门", "环保技术部"), ("姓  名", a["name"], "岗  位", "环保工程师"),
            ("入职时间", "2012年7月", "职  称", a["cur"][0])]
    for i, (l1, v1, l2, v2) in enumerate(rows):
        sh.text(xs[0] + 2, ys[i] + 3.5, l1, 3.6)
        sh.text(xs[1] + 2, ys[i] + 3.5, v1, 3.6)
        sh.text(xs[2] + 2, ys[i] + 3.5, l2, 3.6)
        sh.text(xs[3] + 2, ys[i] + 3.5, v2, 3.6)
    y = ys[-1]
    sh.grid(18, y, [174], [56, 50])
    sh.text(20, y + 3, "年度工作完成情况：", 3.6, "hei")
    sh.text(24, y + 12, "完成污水处理站运行管理、排污许可执行报告编制及环保设施验收工作。", 3.5)
    sh.text(110, y + 46, "员工签字：", 3.6)
    sh.paste_ink(m13.sig(a, rng), 130, y + 41, 30)
    y += 56
    sh.text(20, y + 3, "部门评价：", 3.6, "hei")
    sh.text(24, y + 14, "考核结果：", 3.8)
    sh.hand(46, y + 13, grade, 5.0, rng)
    sh.text(20, y + 30, "部门负责人签字：", 3.6)
    sh.paste_ink(m13.sig(a, rng), 52, y + 25, 30)
    sh.text(112, y + 30, "人力资源部（盖章）", 3.4)
    sh.hand(118, y + 38, date_as(D(year + 1, 1, 12), "cn"), 4.4, rng)
    m13.stamp(sh, a, rng, 140, y + 25)
    return [sh]


def recommend_landscape(a, rng):
    """The recommendation form laid out on a landscape sheet: the table left, the opinions right."""
    sh = paper.Sheet(landscape=True)
    sh.center(14, "专业技术资格评审推荐表", 6.5)
    sh.text(18, 24, f"推荐单位：{a['unit']}", 3.6)
    xs, ys = sh.grid(18, 30, [30, 42, 24, 40], [11] * 7)
    rows = [("姓  名", a["name"], "性  别", a["gender"]), ("出生年月", f"{a['birth'].year}年{a['birth'].month}月", "民  族", "汉族"),
            ("身份证号", a["id"], "", ""), ("申报专业", a["spec"], "申报资格", "工程师"),
            ("现资格", a["cur"][0], "取得时间", date_as(a["cur"][1], "cn")), ("工作单位", a["unit"], "", ""),
            ("参加工作", "2012年7月", "学  历", "本科")]
    for i, (l1, v1, l2, v2) in enumerate(rows):
        sh.text(xs[0] + 2, ys[i] + 3, l1, 3.4)
        sh.text(xs[1] + 2, ys[i] + 3, v1, 3.4 if len(v1) < 12 else 2.8)
        if l2:
            sh.text(xs[2] + 2, ys[i] + 3, l2, 3.4)
            sh.text(xs[3] + 2, ys[i] + 3, v2, 3.4)
    sh.grid(18, ys[-1], [136], [80])
    sh.text(20, ys[-1] + 3, "主要工作业绩：", 3.6, "hei")
    sh.text(22, ys[-1] + 12, "负责企业废水处理设施运行管理与在线监测，", 3.5)
    sh.text(22, ys[-1] + 19, "参与挥发性有机物综合治理工程的设计与调试。", 3.5)
    x0 = 160
    sh.grid(x0, 30, [120], [70, 90])
    sh.text(x0 + 2, 33, "单位推荐意见：", 3.6, "hei")
    sh.text(x0 + 6, 44, "该同志申报材料真实有效，经公示无异议，", 3.6)
    sh.text(x0 + 6, 51, "同意推荐。", 3.6)
    sh.text(x0 + 4, 88, "申报人签字：", 3.6)
    sh.paste_ink(m13.sig(a, rng), x0 + 28, 82, 30)
    sh.text(x0 + 2, 103, "单位负责人签字：", 3.6)
    sh.paste_ink(m13.sig(a, rng), x0 + 34, 110, 32)
    sh.text(x0 + 60, 140, "（单位盖章）", 3.4)
    sh.hand(x0 + 62, 150, date_as(D(2024, 10, 22), "cn"), 4.4, rng)
    if a.get("no_seal_on") != "recommendation":
        m13.stamp(sh, a, rng, x0 + 84, 136)
    return [sh]


def build(a, rng):
    docs = m13.build(a, rng)
    if a.get("ent_table"):
        out = []
        for kind, sheets in docs:
            if kind.startswith("assessment"):
                y = int(kind[-4:])
                sheets = assessment_ent(a, rng, y, a.get("grade2023", "称职") if y == 2023 else "称职")
            out.append((kind, sheets))
        docs = out
    if a.get("landscape_rec"):
        docs = [(k, recommend_landscape(a, rng) if k == "recommendation" else s) for k, s in docs]
    return docs


# ------------------------------------------------------------------ packing

def grey200(im, rng):
    im = paper.scan(im, rng, skew=0.8).convert("L")
    return im.resize((im.size[0] * 4 // 3, im.size[1] * 4 // 3), Image.BICUBIC)


def pack(a, docs, folder, rng, lines):
    mode = a["pack"]
    if mode in ("pdf", "pdf-rot", "photo", "mixed"):
        return m13.pack(a, docs, folder, rng, lines)
    os.makedirs(folder, exist_ok=True)
    pages = [(kind, sh.im) for kind, sheets in docs for sh in sheets]
    if mode == "grey200":   # a greyscale scanner at 200 dpi, one PDF per document
        n = 0
        for kind, sheets in docs:
            ims = [grey200(sh.im, rng) for sh in sheets]
            n += 1
            ims[0].save(os.path.join(folder, f"扫描件{n:02d}.pdf"), save_all=True, append_images=ims[1:],
                        resolution=200.0)
    elif mode == "thumb":   # thumbnails a chat app made: 72 dpi
        for n, (kind, im) in enumerate(pages):
            k = 72 / paper.DPI
            t = im.resize((int(im.size[0] * k), int(im.size[1] * k)), Image.BILINEAR)
            t.save(os.path.join(folder, f"thumb_{n:02d}.jpg"), quality=75, dpi=(72, 72))


# ------------------------------------------------------------------ people

def roster14():
    person = m13.person
    inst = dict(kind="institution", unit="抚顺市生态环境监测站", seal="抚顺市生态环境监测站")
    J = paper.journals(["环境技术"])
    P = []
    P.append(person("C41", "王志刚", "男", D(1986, 4, 9), D(2019, 6, 12), "pdf", cur_style="fw", cert_style="fw",
                    hand_style="fw", pub_style="fw",
                    awards=[dict(title="技术革新奖二等奖", what="2022年度公司技术革新评比", body=m13.UNIT_ZD, seal="S06",
                                 date=D(2022, 12, 26), style="fw")]))
    P.append(person("C42", "陈嘉欣", "女", D(1990, 8, 16), D(2020, 7, 3), "pdf", trad=True, **inst))
    P.append(person("C43", "刘海波", "男", D(1984, 2, 2), D(2018, 8, 20), "mixed", ent_table=True))
    P.append(person("C44", "张丽娜", "女", D(1989, 10, 10), D(2019, 10, 25), "photo", meta="roster", **inst))
    P.append(person("C45", "李明辉", "男", D(1987, 3, 21), D(2019, 3, 15), "gbkzip"))
    P.append(person("C46", "赵宏宇", "男", D(1982, 12, 3), D(2017, 12, 1), "grey200", ink="black", **inst,
                    papers=[dict(title="抚顺市浑河沿岸土壤重金属分布特征", **J["环境技术"], date=D(2021, 8, 1))]))
    P.append(person("C47", "孙晓梅", "女", D(1991, 5, 27), D(2019, 5, 10), "grey200", ink="pencil",
                    cert_month_only=True, cert_style="dotmonth",
                    awards=[dict(title="合理化建议一等奖", what="公司2022年度合理化建议评选", body=m13.UNIT_ZD, seal="S05",
                                 date=D(2022, 3, 5), style="xun")]))
    P.append(person("C48", "周建平", "男", D(1980, 7, 7), D(2016, 11, 18), "pdf", landscape_rec=True))
    P.append(person("P41", "吴磊", "男", D(1988, 1, 8), D(2019, 1, 8), "thumb", planted="ANY"))
    P.append(person("P42", "郑爽", "女", D(1992, 9, 19), D(2020, 9, 9), "pdf", planted="publicity.duration",
                    pub=(D(2024, 10, 14), D(2024, 10, 17)), pub_style="fw", cur_style="fw", hand_style="fw"))
    P.append(person("P43", "冯刚", "男", D(1985, 6, 6), D(2018, 6, 1), "mixed", planted="assessment.years",
                    ent_table=True, grade2023="基本称职"))
    P.append(person("P44", "陈国栋", "男", D(1983, 11, 3), D(2018, 4, 4), "pdf", planted="identity.name", trad=True,
                    **inst, other_name_on="assessment2022", other_name="李建国"))
    P.append(person("P45", "黄丽", "女", D(1990, 4, 4), D(2019, 9, 6), "grey200", ink="black",
                    planted="signature.present", head_unsigned=True))
    P.append(person("P46", "杨光", "男", D(1986, 10, 1), D(2019, 2, 28), "gbkzip", planted="assessment.years",
                    skip_year=2022))
    P.append(person("P47", "何欣", "女", D(1993, 1, 13), D(2020, 12, 18), "pdf", planted="seal.present",
                    landscape_rec=True, no_seal_on="recommendation"))
    P.append(person("P48", "马超", "男", D(1984, 3, 3), D(2018, 3, 3), "photo", planted="identity.id_number",
                    meta="roster", card_swap=True))
    for a in P:
        if a.get("card_swap"):
            i = a["id"]
            a["card_id"] = m13.idnum(i[:6], a["birth"], int(i[14:17]) + 2)
    return P


def write_roster(rows, path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报人员花名册"
    ws.append(["2024年度工程师职称申报人员花名册"])
    head = ["key", "姓名", "单位", "单位性质", "身份证号", "现职称", "现职称取得时间", "申报专业"]
    ws.append(head)
    for a in rows:
        kind = {"enterprise": "民营企业", "institution": "事业单位"}[a["kind"]]
        ws.append([a["key"], a["name"], a["unit"], kind, a["id"], a["cur"][0], a["cur"][1], a["spec"]])
    wb.save(path)


def main(only=None):
    m13.SIGS = paper.real_signatures()
    sigs = {"blue": m13.SIGS, "black": inked(m13.SIGS, (20, 20, 20)), "pencil": inked(m13.SIGS, (115, 115, 115))}
    lines = paper.noise_lines()
    out = os.path.join(ROOT, "set")
    if not only:
        shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    kp = os.path.join(ROOT, "answer_key.json")
    key = json.load(open(kp)) if only and os.path.exists(kp) else {}
    people = roster14()
    for a in people:
        if only and a["key"] not in only:
            continue
        rng = np.random.default_rng(int(a["key"][1:]) + 1400 * (a["key"][0] == "P"))
        STATE["trad"] = bool(a.get("trad"))
        m13.SIGS = sigs[a.get("ink", "blue")]
        STATE["ink"] = {"black": (20, 20, 20), "pencil": (115, 115, 115)}.get(a.get("ink"))
        folder = os.path.join(out, a["key"])
        shutil.rmtree(folder, ignore_errors=True)
        docs = build(a, rng)
        STATE["trad"], STATE["ink"] = False, None
        if a["pack"] == "gbkzip":
            pack(dict(a, pack="photo"), docs, folder + ".tmp", rng, lines)
            m13.write_meta(a, folder + ".tmp")
            _zip_gbk(a, folder)
        else:
            pack(a, docs, folder, rng, lines)
            if a.get("meta") != "roster":
                m13.write_meta(a, folder)
        key[a["key"]] = dict(planted=a["planted"], pack=a["pack"], name=a["name"])
        print(a["key"], a["pack"], a["planted"], flush=True)
    write_roster([a for a in people if a.get("meta") == "roster"], os.path.join(ROOT, "applicants.xlsx"))
    json.dump(key, open(kp, "w"), ensure_ascii=False, indent=1)


def _zip_gbk(a, folder):
    """Zips folder.tmp into folder.zip with GBK names and no UTF-8 flag (Windows' 发送到→压缩文件夹)."""
    tmp = folder + ".tmp"
    names = ["推荐表", "公示结果", "考核表", "学历", "继续教育", "身份证", "资格证书", "评定表", "证书", "论文"]
    orig = zipfile.ZipInfo._encodeFilenameFlags
    zipfile.ZipInfo._encodeFilenameFlags = lambda self: (self.filename.encode("gbk"), self.flag_bits & ~0x800)
    try:
        with zipfile.ZipFile(folder + ".zip", "w", zipfile.ZIP_DEFLATED) as z:
            for i, f in enumerate(sorted(os.listdir(tmp))):
                arc = f"{a['name']}材料/{f}" if f.startswith("applicant") else \
                    f"{a['name']}材料/{names[i % len(names)]}{i:02d}.jpg"
                z.write(os.path.join(tmp, f), arc)
    finally:
        zipfile.ZipInfo._encodeFilenameFlags = orig
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main([x for x in sys.argv[1:] if not x.startswith("--")] or None)
