"""Probe round 28 (issue 13): OLDER APPLICANTS' PAPERS. Applicants born in the 1960s-70s whose current title was
given in the 1990s or early 2000s hand in what those years printed, unlike anything an earlier round made:

- the current title's certificate issued by bodies since renamed (辽宁省人事厅, 抚顺市人事局), laid out vertically
  (竖排, columns right to left) on a booklet's opened spread (photo page left with an embossed seal, 钢印, over the
  photo's corner: colourless relief), or a horizontal booklet page whose entries were written in by hand (name, title,
  date); dates in Chinese numerals with 〇, ○ or 零 (一九九八年十二月二十八日) or in 大写 (壹玖玖捌年拾贰月), the
  certificate printed in traditional characters (專業技術職務任職資格證書, 評審通過時間);
- faded photocopies: a document copied in gray, its red seal a mid gray;
- the unit's old name on what was stamped before the 2019 reform (抚顺市望花区环境保护局, 抚顺市环境监测站), declared
  as ``unit_aliases``; old round seals with the star;
- diplomas of 中专 / 函授 / 夜大 / 自学考试 / 电大 in their own words beside the 学信网 report, or (pre-2001, which
  学信网 does not hold) the unit's certified copy of the diploma alone as the education proof;
- the oldest certificates: no approval date label (the issuer's date at the end is the title's), or the dates written in by
  hand down their column;
- annual assessment forms filled in by hand (kai face, jitter: the year before the printed 年度, the name, the grade),
  and a 1990s 年度考核登记表 handed in beside the three the campaign asks for.

Planted in the same styles: the current title dated later than claimed (a vertical date, a handwritten one, ○
numerals, 大写), a gray-copied seal of another body, a handwritten grade 不合格 / 基本合格 among 合格, an old
certificate of a different person, a year in 〇 numerals misprinted (an assessment form's 二〇二〇, an award's
一九九六, before the title of 1996-12-20, under a claim of 2006), an old form in place of a missing year, a proof dated before the title.

    PROBE_OUT=/tmp/trust28 python scripts/probe_trust28/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust28-ocr.sqlite
    PROBE_OUT=/tmp/trust28 python scripts/probe_trust28/score.py OUT -v

Needs Pillow, numpy and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round  # noqa: E402

os.environ.setdefault("PROBE_OUT", "/tmp/trust28")
P24 = load_round(24)
P22, T = P24.P22, P24.T
Leaf, stamp, scrawl, MM, rng, F = T.Leaf, T.stamp, T.scrawl, T.MM, T.rng, T.F
OUT = Path(os.environ["PROBE_OUT"])
HAND = (30, 40, 140)
BLACK_PEN = (35, 35, 45)
CN = "〇一二三四五六七八九"
BIG = "零壹贰叁肆伍陆柒捌玖"


def cn_num(n: int, big=False) -> str:
    digits = BIG if big else CN
    ten = "拾" if big else "十"
    if n < 10:
        return digits[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else digits[t]) + ten + (digits[o] if o else "")


def fmt(iso: str, style: str) -> str:
    """A date as an old document writes it: cn (〇), ring (○, U+25CB), zero (零), big (大写), or probe22's styles."""
    if style not in ("cn", "ring", "zero", "big"):
        return P22.fmt(iso, style)
    y, m, *d = iso.split("-")
    big = style == "big"
    digits = BIG if big else CN
    ys = "".join(digits[int(c)] for c in y)
    if style == "ring":
        ys = ys.replace("〇", "○")
    elif style == "zero":
        ys = ys.replace("〇", "零")
    s = ys + "年" + cn_num(int(m), big) + "月"
    return s + (cn_num(int(d[0]), big) + "日" if d else "")


TRAD = str.maketrans({"专": "專", "业": "業", "术": "術", "务": "務", "职": "職", "资": "資", "书": "書", "证": "證",
                      "审": "審", "过": "過", "时": "時", "间": "間", "别": "別", "经": "經", "评": "評", "员": "員",
                      "会": "會", "单": "單", "位": "位", "县": "縣", "环": "環", "境": "境", "护": "護", "门": "門",
                      "号": "號", "厅": "廳", "发": "發", "给": "給", "认": "認", "称": "稱", "级": "級", "兹": "茲",
                      "备": "備", "师": "師", "龄": "齡", "顺": "順", "测": "測", "站": "站", "乡": "鄉", "属": "屬",
                      "办": "辦", "学": "學", "毕": "畢", "绩": "績", "给": "給"})


def trad(s: str) -> str:
    return s.translate(TRAD)


# ---------------------------------------------------------------- people born in the 1960s-70s

PEOPLE = {
    "H": dict(name="刘长顺", sex="男", birth="19650312", region="210402", seq="031",
              unit="抚顺市生态环境事务服务中心", aliases=["抚顺市环境保护局"], old="抚顺市环境保护局",
              specialty="生态环境管理", level="工程师", title=("助理工程师", "1996-12-20"),
              issuer="抚顺市人事局", board="抚顺市工程技术人员中初级职务评审委员会",
              award=dict(title="抚顺市环境保护科学技术奖三等奖", date="2006-11", issuer="抚顺市环境保护局",
                         work="抚顺市城区集中供热锅炉烟气治理"), proof=None,
              paper=dict(title="老工业城市大气污染防治监管实践与对策", journal="中国环境管理", issn="1674-6252",
                         cn="11-5806/X", date="2022-04", vol="第14卷第2期", sponsor="生态环境部环境发展中心"),
              school="辽宁省环境保护学校", major="环境保护", edu=("中专", "1985-07")),
    "J": dict(name="赵玉芬", sex="女", birth="19680925", region="210404", seq="046",
              unit="抚顺市生态环境局望花分局", aliases=["抚顺市望花区环境保护局"], old="抚顺市望花区环境保护局",
              specialty="生态环境监测", level="工程师", title=("助理工程师", "1998-12-28"),
              issuer="辽宁省人事厅", board="辽宁省环境保护系统工程技术人员中级职务评审委员会", award=None,
              proof=dict(title="望花区工业企业污染源普查数据审核工作", date="2008-06-20"),
              paper=dict(title="工业园区土壤重金属污染状况调查与评价", journal="环境保护科学", issn="1004-6216",
                         cn="21-1135/X", date="2022-08", vol="第48卷第4期", sponsor="沈阳环境科学研究院"),
              school="沈阳化工学院", major="环境工程", edu=("函授专科", "1995-07")),
    "K": dict(name="孙国庆", sex="男", birth="19711001", region="210421", seq="019",
              unit="辽宁省抚顺生态环境监测中心", aliases=["抚顺市环境监测站"], old="抚顺市环境监测站",
              specialty="生态环境监测", level="工程师", title=("助理工程师", "2003-06-30"),
              issuer="抚顺市人事局", board="抚顺市工程技术人员中初级职务评审委员会", award=None, proof=None,
              paper=dict(title="浑河抚顺段水体氮磷营养盐变化特征分析", journal="环境工程", issn="1000-8942",
                         cn="11-2097/X", date="2022-03", vol="第40卷第3期", sponsor="中冶建筑研究总院有限公司"),
              school="辽宁广播电视大学", major="环境监测", edu=("电大专科", "1993-07")),
}
for _p in PEOPLE.values():
    _p["id"] = T.ric(_p["region"], _p["birth"], _p["seq"])


def unit_then(p, iso):
    """The unit's name on a page of that date: the old name before the 2019 reform."""
    return p["old"] if int(iso[:4]) < 2019 else p["unit"]


# ---------------------------------------------------------------- marks of the old papers


def vtext(leaf: Leaf, x_mm, y_mm, s, pt=14, face="song", ink=(25, 25, 25), hand=False, gap=1.08):
    """A column of characters top to bottom (竖排), each upright; a hand's column jittered."""
    px = max(8, round(pt * 150 / 72))
    r = rng("vhand", s, x_mm, y_mm)
    y = y_mm * MM
    for ch in s:
        if ch == " ":
            y += px * 0.6
            continue
        size = int(px * r.uniform(0.92, 1.1)) if hand else px
        f = F(size, "kai" if hand else face)
        w = leaf.d.textlength(ch, font=f)
        jx = r.uniform(-px * 0.08, px * 0.08) if hand else 0
        leaf.d.text((x_mm * MM - w / 2 + jx, y), ch, font=f, fill=ink)
        y += size * gap * (r.uniform(0.98, 1.1) if hand else 1)
    return y / MM


def emboss(leaf: Leaf, cx_mm, cy_mm, name, r_mm=17):
    """A steel seal (钢印): the ring, star and name pressed into the paper, no ink: a light edge and a dark edge."""
    r = r_mm * MM
    L, _, size, c, _ = T.seal_mask(r, name, ring=max(4, int(r / 22)), star=(0.25, 0.1), span_cap=250.0, glyph=0.26)
    m = np.asarray(L, np.float32) / 255
    hi = np.roll(np.roll(m, -2, 0), -2, 1)
    lo = np.roll(np.roll(m, 2, 0), 2, 1)
    relief = (lo - hi)[..., None]  # >0: shadow side, <0: lit side
    base = np.asarray(leaf.img, np.float32)
    x0, y0 = int(cx_mm * MM - c), int(cy_mm * MM - c)
    sub = base[y0:y0 + size, x0:x0 + size]
    rel = relief[:sub.shape[0], :sub.shape[1]]
    sub[:] = np.where(rel > 0, sub * (1 - 0.22 * rel), sub + (255 - sub) * 0.5 * -rel)
    leaf.img = Image.fromarray(base.clip(0, 255).astype(np.uint8))
    leaf.d = ImageDraw.Draw(leaf.img)


def photo(leaf: Leaf, x_mm, y_mm, w_mm=25, h_mm=35):
    """A black-and-white ID photo: a gray head and shoulders."""
    d = leaf.d
    d.rectangle((x_mm * MM, y_mm * MM, (x_mm + w_mm) * MM, (y_mm + h_mm) * MM), fill=(200, 200, 198))
    cx = (x_mm + w_mm / 2) * MM
    d.ellipse((cx - 6 * MM, (y_mm + 7) * MM, cx + 6 * MM, (y_mm + 21) * MM), fill=(95, 92, 90))
    d.pieslice((cx - 12 * MM, (y_mm + 22) * MM, cx + 12 * MM, (y_mm + 48) * MM), 180, 360, fill=(60, 60, 62))


def gray_copy(leaf: Leaf, seed=0) -> Leaf:
    """A faded photocopy: gray, the contrast flattened, toner specks; the red seal comes out a mid gray."""
    a = np.asarray(leaf.img.convert("L"), np.float32)
    a = 70 + a * 0.70
    g = np.random.default_rng(rng("copy", leaf.tag, seed).randrange(1 << 30))
    a += g.normal(0, 5, a.shape)
    a[g.random(a.shape) < 0.0015] = 60
    out = Leaf(leaf.tag + "-gray", leaf.img.width / MM, leaf.img.height / MM)
    out.img = Image.fromarray(np.stack([a] * 3, -1).clip(0, 255).astype(np.uint8))
    out.d = ImageDraw.Draw(out.img)
    return out


def aged(leaf: Leaf) -> Leaf:
    """An old booklet's paper: yellowed, a little uneven."""
    a = np.asarray(leaf.img, np.float32)
    yy, xx = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    tone = 0.93 + 0.05 * np.cos(xx / a.shape[1] * 3.1) * np.cos(yy / a.shape[0] * 2.3)
    a = a * tone[..., None] * np.array((1.0, 0.97, 0.88))
    leaf.img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    leaf.d = ImageDraw.Draw(leaf.img)
    return leaf


# ---------------------------------------------------------------- the current title's certificate, old styles


def title_vertical(p, v):
    """A booklet opened flat (landscape): the photo page left (an embossed seal over the photo's corner), the text page
    right in columns read right to left; the approval date in Chinese numerals, the issuer's red seal over the last."""
    ds = v.get("ds_title", "cn")
    date = v.get("title_printed", p["title"][1])
    name = v.get("names", {}).get("cert", p["name"])
    tr = trad if v.get("trad") else (lambda s: s)
    s = Leaf("tv28" + name + date + ds + repr(sorted(map(str, v.items()))), 297, 210, paper=(246, 238, 220))
    s.d.line((148.5 * MM, 0, 148.5 * MM, 210 * MM), fill=(200, 190, 170), width=4)
    photo(s, 55, 45)
    emboss(s, 80, 78, p["issuer"], r_mm=16)
    s.text(67, 110, tr("证书编号") + "：" + v.get("cert_no", "辽人职" + date[:4] + "字第" + p["id"][-5:] + "号"), 11, anchor="ma")
    x = 280
    cols = [(tr("专业技术职务任职资格证书"), 20, "hei", 22)]
    cols += [(tr("姓名") + "  " + name, 14, "song", 22), (tr("性别") + "  " + p["sex"], 14, "song", 22),
             (tr("工作单位") + "  " + unit_then(p, date), 13, "song", 22),
             (tr("经") + p["board"][:11], 13, "song", 22), (p["board"][11:] + tr("评审通过"), 13, "song", 22),
             (tr("具备") + p["title"][0] + tr("任职资格"), 14, "song", 22),
             (tr("评审通过时间") + "  " + fmt(date, ds), 13, "song", 22),
             (p["issuer"], 14, "song", 120), (fmt(v.get("title_issued", date), ds), 13, "song", 110)]
    if v.get("no_label"):  # the oldest style: no approval date of its own, the issuer's date at the end is the title's
        cols = [c for c in cols if not c[0].startswith(tr("评审通过时间"))]
        cols[-1] = (fmt(date, ds), 13, "song", 110)
    for text, pt, face, top in cols:
        if v.get("hand_date") and text.endswith("日"):  # the dates written in by hand, the label printed
            label, _, value = text.rpartition("  ")
            y = vtext(s, x, top, label + "  ", pt, face) if label else top
            vtext(s, x, y, value, pt, face, ink=HAND, hand=True)
        else:
            vtext(s, x, top, text, pt, face)
        x -= 12 if pt < 18 else 17
    stamp(s, x + 18, 140, p["issuer"], r_mm=19, seed=28)
    return [aged(s)]


def title_booklet(p, v):
    """A horizontal booklet page with its entries written in by hand (name, title, dates), the photo with an embossed
    seal, the issuer's red seal (or, with ``emboss_only``, the steel seal alone)."""
    ds = v.get("ds_title", "cn")
    date = v.get("title_printed", p["title"][1])
    name = v.get("names", {}).get("cert", p["name"])
    tr = trad if v.get("trad") else (lambda s: s)
    pen = v.get("pen", BLACK_PEN)
    s = Leaf("tb28" + name + date + ds + repr(sorted(map(str, v.items()))), 210, 148, paper=(247, 240, 224))
    s.d.rectangle((6 * MM, 6 * MM, 204 * MM, 142 * MM), outline=(150, 60, 50), width=5)
    s.text(105, 14, tr("专业技术职务任职资格证书"), 18, "hei", anchor="ma", ink=(140, 30, 30))
    photo(s, 16, 32)
    emboss(s, 40, 62, p["issuer"], r_mm=15)
    y = 32
    for label, val in ((tr("姓名"), name), (tr("性别"), p["sex"]), (tr("出生年月"), fmt(p["birth"][:4] + "-" + p["birth"][4:6], ds)),
                       (tr("工作单位"), unit_then(p, date)), (tr("资格名称"), p["title"][0]),
                       (tr("评审通过时间"), fmt(date, ds))):
        s.text(52, y, label + "：", 12)
        s.text(52 + len(label) * 4.6 + 5, y - 1, val, 13, hand=True, ink=pen)
        s.rule(52 + len(label) * 4.6 + 4, y + 6, 150, y + 6, w=1, ink=(90, 90, 90))
        y += 11
    s.text(52, y + 2, tr("经") + p["board"] + tr("评审通过，"), 10)
    s.text(52, y + 9, tr("具备") + p["title"][0] + tr("任职资格，特发此证。"), 10)
    s.text(175, 122, p["issuer"], 12, anchor="ma")
    s.text(175, 130, fmt(v.get("title_issued", date), ds), 12, anchor="ma", hand=True, ink=pen)
    if not v.get("emboss_only"):
        stamp(s, 172, 124, p["issuer"], r_mm=17, seed=29)
    else:
        emboss(s, 172, 124, p["issuer"], r_mm=17)
    return [aged(s)]


# ---------------------------------------------------------------- forms filled in by hand


def assessment_hand(p, year, v):
    """An old-style 年度考核登记表: the year written by hand before the printed 年度, the name, post and grade written
    in; the unit's seal (its old name before 2019) over the date; a gray photocopy where the variant says."""
    ds = v.get("ds", "cn")
    printed = v.get("ass_year_printed", {}).get(year, year)
    grade = v.get("grades", {}).get(year, "合格")
    name = v.get("names", {}).get(year, p["name"])
    signed = v.get("ass_dates", {}).get(year, f"{year + 1}-01-{8 + year % 9:02d}")
    seal = v.get("seals", {}).get(year, unit_then(p, signed))
    s = Leaf(f"ah28-{year}-{printed}-{grade}-{name}-{seal}-{signed}-{ds}")
    ytxt = fmt(f"{printed}-01", "cn").split("年")[0] if v.get("year_cn", True) else str(printed)
    s.text(60, 20, ytxt, 17, hand=True, ink=HAND, anchor="ra")
    s.text(61, 20, "年度事业单位工作人员考核登记表", 17, "hei")
    xs, ys = s.grid(18, 36, (28, 50, 28, 68), (13, 13, 13, 80, 40, 14, 58))
    rows = [("姓名", name, "性别", p["sex"]), ("单位", unit_then(p, signed), "", ""), ("岗位", "专业技术岗", "职务", p["title"][0])]
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            if not t:
                continue
            if j % 2:
                s.text(xs[j] + 2, ys[i] + 3, t, 10 if len(t) > 9 else 12, hand=True, ink=HAND)
            else:
                s.text(xs[j] + 2, ys[i] + 3.5, t, 11)
    s.text(xs[0] + 2, ys[3] + 4, "个人总结", 11)
    for k, t in enumerate(("本年度认真履行岗位职责，积极参与辖区环境", "监测和污染源调查工作，按时完成各项任务。")):
        s.text(xs[1] + 2, ys[3] + 5 + k * 9, t, 12, hand=True, ink=HAND)
    s.text(xs[0] + 2, ys[4] + 4, "主管领导评语", 10)
    s.text(xs[1] + 2, ys[4] + 5, "工作认真负责，完成任务较好。", 12, hand=True, ink=BLACK_PEN)
    s.text(xs[0] + 2, ys[5] + 3.5, "考核等次", 11)
    s.text(xs[1] + 6, ys[5] + 2.5, grade, 14, hand=True, ink=BLACK_PEN)
    s.text(xs[0] + 2, ys[6] + 4, "单位意见", 11)
    s.text(xs[1] + 2, ys[6] + 6, "同意。", 12, hand=True, ink=BLACK_PEN)
    s.text(xs[1] + 85, ys[6] + 44, fmt(signed, ds), 11, hand=True, ink=BLACK_PEN)
    stamp(s, xs[1] + 100, ys[6] + 32, seal, seed=year)
    if year in v.get("gray", ()):
        return [gray_copy(s, year)]
    return [s]


def diploma(p, v):
    """The old diploma's copy, certified by the unit (经核对与原件一致, HR's signature and seal)."""
    kind, grad = p["edu"]
    name = v.get("names", {}).get("diploma", p["name"])
    s = Leaf("dip28" + name + kind, 210, 297, paper=(250, 250, 248))
    s.text(105, 20, "学历证书复印件", 14, "hei", anchor="ma")
    b = Leaf("dipb" + name, 180, 120, paper=(244, 236, 214))
    head = {"中专": "中等专业学校毕业证书", "函授专科": "高等教育函授毕业证书", "电大专科": "广播电视大学毕业证书",
            "自学考试": "高等教育自学考试毕业证书", "夜大": "高等学校夜大学毕业证书"}[kind]
    b.text(90, 10, head, 17, "hei", anchor="ma", ink=(150, 30, 30))
    photo(b, 12, 28, 24, 32)
    emboss(b, 36, 55, p["school"], r_mm=13)
    body = {"中专": f"学生{name}，性别{p['sex']}，{fmt(p['birth'][:4] + '-' + p['birth'][4:6], 'cn')}生，于一九八一年九月至"
                  f"{fmt(grad, 'cn')}在本校{p['major']}专业四年制学习，修完教学计划规定的全部课程，成绩合格，准予毕业。",
            "函授专科": f"学员{name}，性别{p['sex']}，于一九九二年九月至{fmt(grad, 'cn')}在本校环境工程专业（函授）专科学习，"
                    "修完教学计划规定的全部课程，成绩合格，准予毕业。",
            "电大专科": f"学员{name}，性别{p['sex']}，于一九九零年九月至{fmt(grad, 'cn')}在本校{p['major']}专业（专科）学习，"
                    "修完全部课程，成绩合格，准予毕业。国家承认其学历。"}[kind]
    y, per = 30, 18
    while body:
        y = b.text(44, y, body[:per], 11)
        body = body[per:]
    b.text(150, 98, p["school"], 11, anchor="ma")
    b.text(150, 106, fmt(grad, "cn"), 11, anchor="ma")
    stamp(b, 150, 100, p["school"], r_mm=14, seed=41)
    b.text(16, 110, "证书编号：" + ("8" + p["id"][-6:] + grad[:4]), 9)
    s.img.paste(b.img, (int(15 * MM), int(32 * MM)))
    s.d = ImageDraw.Draw(s.img)
    s.text(20, 170, "经核对，该学历证书复印件与原件一致。", 12)
    s.text(20, 186, "人事部门审核人签字：", 12)
    scrawl(s, 66, 189, p["name"] + "dip")
    s.text(130, 204, "2024年10月23日", 12)
    stamp(s, 150, 190, v.get("seals", {}).get("diploma", p["unit"]), seed=4)
    return [s]


def old_assessment(p, year, v):
    """A 1990s 年度考核登记表 handed in beside the current ones (history, no year the campaign asks for)."""
    return assessment_hand(p, year, dict(v, grades=v.get("old_grades", {}), names={}, ass_dates={year: f"{year}-12-25"},
                                         seals={}, gray=(year,)))


def award(p, v):
    a = p["award"]
    printed = v.get("award_printed", a["date"])
    ds = v.get("ds_award", "cn")
    s = Leaf("aw28" + p["name"] + printed + ds, 297, 210, paper=(248, 240, 222))
    s.text(148, 30, "荣 誉 证 书", 30, "kai", anchor="ma", ink=(170, 30, 30))
    s.text(40, 70, f"{p['name']}同志：", 15, hand=True, ink=BLACK_PEN)
    s.text(52, 86, f"您参与完成的“{a['work']}”项目，荣获", 15)
    s.text(40, 102, a["title"], 15)
    s.text(52, 126, "特发此证，以资鼓励。", 15)
    s.text(220, 150, a["issuer"], 15, anchor="ma")
    s.text(220, 162, fmt(printed, ds), 15, anchor="ma")
    stamp(s, 220, 150, a["issuer"], r_mm=22, seed=7)
    return [aged(s)]


def proof(p, v):
    pr = p["proof"]
    date = v.get("proof_printed", pr["date"])
    ds = v.get("ds_proof", "cn")
    s = Leaf("pf28" + p["name"] + date + ds)
    s.text(105, 24, "业绩证明", 20, "hei", anchor="ma")
    body = (f"兹证明{p['name']}同志作为主要完成人，承担了{pr['title']}，负责现场核查、数据审核和汇总分析，"
            "工作成果已通过上级主管部门验收。")
    y, per = 44, 27
    body = "\u3000\u3000" + body
    while body:
        y = s.text(22, y, body[:per], 13)
        body = body[per:]
    s.text(22, y + 4, "\u3000\u3000特此证明。", 13)
    unit = unit_then(p, date)
    s.text(180, 140, unit, 13, anchor="ra")
    s.text(170, 150, fmt(date, ds), 13, anchor="ra")
    stamp(s, 150, 140, unit, seed=31)
    return [gray_copy(s, 31)] if v.get("proof_gray") else [s]


def recommendation(p, v):
    leaves = P22.recommendation(p, dict(v, ds="arabic"))
    if v.get("rec_gray"):
        return [gray_copy(leaves[0], 22)]
    return leaves


def dossier(p, v):
    q = dict(p)
    docs = [("推荐表", recommendation(p, v)), ("公示", P24.publicity(p, dict(v, ds="arabic")))]
    for yr in v.get("years", (2021, 2022, 2023)):
        docs.append((f"{yr}年度考核", assessment_hand(p, yr, v)))
    for yr in v.get("old_years", ()):
        docs.append((f"{yr}年度考核（原）", old_assessment(p, yr, v)))
    if not v.get("diploma_only"):
        docs.append(("学历认证", T.education(q, dict(v, pinyin=""))))
    if v.get("diploma") or v.get("diploma_only"):
        docs.append(("毕业证书", diploma(p, v)))
    docs += [("继续教育", T.continuing(q, v)), ("身份证", P22.id_card(p, dict(v, names={})))]
    cert = {"vertical": title_vertical, "booklet": title_booklet}[v.get("cert", "vertical")](p, v)
    if v.get("cert_gray"):
        cert = [gray_copy(c, 9) for c in cert]
    docs += [("职称证", cert), ("评定表", T.evaluation(q, v))]
    if p["award"]:
        docs.append(("获奖证书", award(p, v)))
    if p["proof"]:
        docs.append(("业绩证明", proof(p, v)))
    docs.append(("论文", T.journal(q, v)))
    return docs


def yaml_text(p, v):
    j = p["paper"]
    lines = [f"name: {p['name']}", f"id_number: \"{p['id']}\"", f"unit: {p['unit']}",
             "unit_aliases: [" + ", ".join(p["aliases"]) + "]", "unit_kind: 事业单位", f"specialty: {p['specialty']}",
             f"level: {p['level']}", "current_title:", f"  name: {p['title'][0]}",
             f"  date: {v.get('claim_title', p['title'][1])}",
             "papers:", f"  - title: {j['title']}", f"    journal: {j['journal']}", f"    issn: {j['issn']}",
             f"    cn: {j['cn']}", f"    date: {j['date']}"]
    items = []
    if p["award"]:
        items.append((p["award"]["title"], v.get("claim_award", p["award"]["date"])))
    if p["proof"]:
        items.append((p["proof"]["title"], v.get("claim_proof", p["proof"]["date"][:7])))
    if items:
        lines.append("awards:")
        for t, d in items:
            lines += [f"  - title: {t}", f"    date: {d}"]
    return "\n".join(lines) + "\n"


SET = [
    # key, person, variant, planted rule
    # --- clean: vertical certificates, hand-filled booklets, old numerals, gray copies, old diplomas and forms
    ("C01", "H", {"cert": "vertical", "ds_title": "cn"}, None),
    ("C02", "J", {"cert": "vertical", "ds_title": "cn", "trad": True}, None),
    ("C03", "K", {"cert": "vertical", "ds_title": "ring", "title_issued": "2003-08-15"}, None),
    ("C04", "H", {"cert": "booklet", "ds_title": "cn", "diploma": True}, None),
    ("C05", "J", {"cert": "booklet", "ds_title": "zero", "pen": HAND}, None),
    ("C06", "K", {"cert": "booklet", "ds_title": "big"}, None),
    ("C07", "H", {"cert": "booklet", "ds_title": "cn", "trad": True, "cert_gray": True}, None),
    ("C08", "J", {"cert": "vertical", "ds_title": "cn", "cert_gray": True, "gray": (2021, 2022, 2023)}, None),
    ("C09", "K", {"cert": "booklet", "ds_title": "ring", "emboss_only": True}, None),
    ("C10", "H", {"cert": "vertical", "ds_title": "zero", "diploma_only": True}, None),
    ("C11", "J", {"cert": "booklet", "ds_title": "cn", "old_years": (1997,), "diploma": True}, None),
    ("C12", "K", {"cert": "vertical", "ds_title": "cn", "year_cn": False, "rec_gray": True}, None),
    ("C13", "H", {"cert": "booklet", "ds_title": "cn", "gray": (2022,), "ds_award": "ring"}, None),
    ("C14", "J", {"cert": "booklet", "ds_title": "big", "proof_gray": True, "diploma_only": True}, None),
    ("C15", "K", {"cert": "booklet", "ds_title": "cn", "old_years": (1999, 2000), "gray": (2021, 2023)}, None),
    ("C16", "H", {"cert": "vertical", "ds_title": "cn", "trad": True, "ds_award": "zero"}, None),
    # --- planted: the current title dated later than claimed (a vertical date; a handwritten one; ○; 大写)
    ("P01", "J", {"cert": "vertical", "ds_title": "cn", "title_printed": "1999-12-28"}, "title.date"),
    ("P02", "H", {"cert": "booklet", "ds_title": "cn", "title_printed": "1997-12-20"}, "title.date"),
    ("P03", "K", {"cert": "vertical", "ds_title": "ring", "title_printed": "2004-06-30"}, "title.date"),
    ("P04", "J", {"cert": "booklet", "ds_title": "big", "title_printed": "1999-12-28"}, "title.date"),
    ("P05", "H", {"cert": "vertical", "ds_title": "cn", "trad": True, "title_printed": "1997-01-20"}, "title.date"),
    # a gray-copied seal of another body (on the recommendation form; on an assessment form; an old name of another district)
    ("P06", "K", {"cert": "booklet", "rec_gray": True, "seals": {"rec": "抚顺市城市管理综合行政执法局"}}, "seal.unit"),
    ("P07", "J", {"cert": "vertical", "gray": (2022,), "seals": {2022: "抚顺市生态环境局东洲分局"}}, "seal.unit"),
    ("P08", "J", {"cert": "booklet", "gray": (2021,), "seals": {2021: "抚顺市顺城区环境保护局"},
                  "ass_dates": {2021: "2018-12-20"}}, "seal.unit"),
    # a handwritten grade below 合格 among 合格 (one on a gray copy)
    ("P09", "H", {"cert": "booklet", "grades": {2022: "不合格"}}, "assessment.years"),
    ("P10", "K", {"cert": "vertical", "grades": {2023: "基本合格"}}, "assessment.years"),
    ("P11", "J", {"cert": "booklet", "grades": {2021: "不合格"}, "gray": (2021,)}, "assessment.years"),
    # an old certificate of a different person (booklet, hand-written name; vertical; traditional)
    ("P12", "J", {"cert": "booklet", "names": {"cert": "王淑珍"}}, "identity.name"),
    ("P13", "H", {"cert": "vertical", "names": {"cert": "李德胜"}}, "identity.name"),
    ("P14", "K", {"cert": "booklet", "trad": True, "names": {"cert": "周建华"}}, "identity.name"),
    # a year in 〇 numerals misprinted: a form's year 二〇二〇 for 2021; an award 一九九六 (before the title) under a claim of 2006
    ("P15", "K", {"cert": "booklet", "ass_year_printed": {2021: 2020}}, "assessment.years"),
    ("P16", "H", {"cert": "vertical", "award_printed": "1996-11", "claim_award": "2006-11"}, "evidence.after_title"),
    # the 1990s form in place of a missing year; a proof dated before the title (一九九七 on the old unit's proof)
    ("P17", "J", {"cert": "booklet", "years": (2021, 2023), "old_years": (1997,)}, "assessment.years"),
    ("P18", "J", {"cert": "vertical", "proof_printed": "1997-06-20", "claim_proof": "2008-06"}, "evidence.after_title"),
    # the oldest certificates: no 评审通过时间 label, the issuer's date at the column's end the title's; the date written
    # in by hand down its column; a 1990s form graded 不合格 (history, no year asked for) beside the three asked for
    ("C17", "K", {"cert": "vertical", "ds_title": "cn", "no_label": True}, None),
    ("C18", "H", {"cert": "vertical", "ds_title": "cn", "hand_date": True}, None),
    ("C19", "J", {"cert": "booklet", "old_years": (1996,), "old_grades": {1996: "不合格"}}, None),
    ("P19", "K", {"cert": "vertical", "ds_title": "cn", "no_label": True, "title_printed": "2004-06-30"}, "title.date"),
    ("P20", "H", {"cert": "vertical", "ds_title": "cn", "hand_date": True, "title_printed": "1997-12-20"}, "title.date"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, v, planted in SET:
        p = dict(PEOPLE[who])
        if p["award"] and "claim_award" in v:
            p["award"] = dict(p["award"], date=v["award_printed"])
        P22.write(root / k, dossier(p, v))
        (root / k / "applicant.yaml").write_text(yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "old28", "person": who, "variant": {a: str(b) for a, b in v.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
