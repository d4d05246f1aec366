"""Probe round 20 (issue 13): THE ARCHIVE AS HR OFFICES REALLY SUBMIT IT. The pages are clean; their ARRANGEMENT is
what real submissions do to them (no earlier round made dossiers so):

- one multi-page PDF holding most of the dossier, in an unusual order, opened by a cover (封面) and a 目录 page, with
  blank separator sheets and printed section dividers (「三、年度考核材料」) between the sections;
- the title certificate handed in twice: a flat scan and a phone photo of it;
- a library's 论文收录检索证明 as a long table (6-12 papers, 收录 column SCI/EI/CSCD/北大核心) over two pages, the second
  page only the table's continuation and the signatures; only some of the papers are the applicant's;
- an English-language SCI journal (cover and first page: ISSN only, no CN) beside the Chinese one;
- a scanned book spread: the journal's cover and the paper's first page side by side on one landscape image;
- loose files named only 1.jpg 2.jpg …, or with names that lie (年度考核.jpg holding the title certificate);
- a page of ANOTHER applicant (a colleague's 年度考核登记表) mistakenly filed in the dossier;
- single-sided pages scanned in duplex mode: a blank back after every page, between a form's two pages too.

Planted defects are rules of docs/CONTRACT.md hidden in these arrangements (the out-of-period paper listed on the
table's second page, a borrowed ISSN on the English journal's pages, the missing assessment year hidden by a second
copy of another year, a 目录 listing a proof the dossier lacks …). The page model (Leaf, seals, signatures, the forms)
is probe_trust16's.

    PROBE_OUT=/tmp/trust20 python scripts/probe_trust20/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache $PROBE_OUT/ocr.sqlite
    PROBE_OUT=/tmp/trust20 python scripts/probe_trust20/score.py OUT -v

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

os.environ.setdefault("PROBE_OUT", "/tmp/trust20")
T = load_round(16)
Leaf, stamp, scrawl, MM, rng, ymd = T.Leaf, T.stamp, T.scrawl, T.MM, T.rng, T.ymd
OUT = Path(os.environ["PROBE_OUT"])

PEOPLE = {k: dict(v) for k, v in T.PEOPLE.items()}
ENGLISH = {  # a paper in a journal published abroad: ISSN only
    "D": dict(title="Spatiotemporal variation of ammonia nitrogen and total phosphorus in urban rivers of Fushun, China",
              journal="Science of the Total Environment", issn="0048-9697", date="2022-03", vol="815", pages="152890",
              authors="Xuemei Han, Jianjun Wang, Lina Liu"),
    "G": dict(title="Environmental management of key pollutant discharge units under the pollutant discharge permit system",
              journal="Science of the Total Environment", issn="0048-9697", date="2023-02", vol="858", pages="159921",
              authors="Chunyang Bao, Haitao Zhang"),
}
# other papers a retrieval table lists: (title, first authors, source, 收录)
LISTED = [
    ("辽宁省典型城市大气颗粒物中多环芳烃污染特征", "王建军，刘丽娜", "环境科学研究，2020，33(5)", "CSCD；北大核心"),
    ("基于GIS的抚顺市土壤重金属空间分布研究", "张海涛，赵春雨", "安全与环境学报，2023，23(2)", "CSCD；北大核心"),
    ("浑河抚顺段水质变化趋势及影响因素分析", "孙志刚，周晓燕", "环境保护科学，2021，47(5)", "北大核心"),
    ("燃煤电厂超低排放改造后烟气污染物排放特征", "吴国庆", "环境工程，2022，40(3)", "CSCD；北大核心"),
    ("Source apportionment of PM2.5 in a heavy industrial city of Northeast China", "Guoqing Wu, Liping Zheng",
     "Atmospheric Environment, 2021, 246", "SCI；EI"),
    ("矿区废弃地植被恢复过程中土壤理化性质变化", "郑丽萍，冯德胜", "生态学报，2022，42(8)", "CSCD；北大核心"),
    ("城市污水处理厂污泥重金属形态及风险评价", "陈玉梅", "中国环境科学，2020，40(11)", "CSCD；EI；北大核心"),
    ("突发环境事件应急监测技术体系构建研究", "褚卫东，蒋红霞", "中国环境监测，2023，39(1)", "CSCD；北大核心"),
    ("Heavy metal contamination in sediments of the Hun River, China", "Lixin Shen, Guodong Han",
     "Environmental Pollution, 2022, 292", "SCI"),
    ("重点排污单位自动监测数据有效性审核方法探讨", "冯德胜", "环境监控与预警，2021，13(4)", "北大核心"),
    ("抚顺西露天矿周边土壤多环芳烃来源解析", "蒋红霞，沈立新", "生态环境学报，2022，31(6)", "CSCD；北大核心"),
]


def blank(tag):
    """A blank sheet as a scanner sees it: paper grey, a little noise, a faint shadow of the sheet's edge."""
    s = Leaf("blank" + tag)
    a = np.asarray(s.img, np.float32)
    a += np.random.default_rng(rng("blank", tag).randrange(1 << 30)).normal(0, 2.0, a.shape)
    a[:, :6] *= 0.85
    s.img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    s.d = ImageDraw.Draw(s.img)
    return s


def divider(tag, heading):
    """A printed section divider: one heading in large type on a coloured sheet (三、年度考核材料)."""
    s = Leaf("div" + tag + heading, paper=(246, 238, 200))
    s.text(105, 130, heading, 30, "hei", anchor="ma")
    return s


def cover(p):
    s = Leaf("cover" + p["name"])
    s.text(105, 50, "抚顺市工程系列生态环境专业", 20, "hei", anchor="ma")
    s.text(105, 64, "中级专业技术资格评审", 20, "hei", anchor="ma")
    s.text(105, 100, "申  报  材  料", 34, "hei", anchor="ma")
    y = 160
    for k, val in (("姓    名", p["name"]), ("工作单位", p["unit"]), ("申报专业", p["specialty"]), ("申报资格", p["level"])):
        s.text(40, y, f"{k}：", 14)
        s.text(72, y, val, 14)
        s.rule(70, y + 8, 185, y + 8, w=1)
        y += 16
    s.text(105, 250, "二〇二四年十月", 14, anchor="ma")
    return s


SECTIONS = [("一", "专业技术资格评审推荐表"), ("二", "专业技术人员申报评定表"), ("三", "年度考核登记表（2021—2023年度）"),
            ("四", "公示结果"), ("五", "学历证书电子注册备案表"), ("六", "继续教育学时证明"), ("七", "居民身份证复印件"),
            ("八", "专业技术资格证书"), ("九", "论文及论文收录检索证明"), ("十", "获奖证书")]


def contents(p, has_award):
    s = Leaf("toc" + p["name"] + str(has_award))
    s.text(105, 24, "目    录", 22, "hei", anchor="ma")
    rows = [("序号", "材料名称", "页码")] + [(n, t, f"{3 + 2 * i}") for i, (n, t) in enumerate(SECTIONS)
                                             if has_award or t != "获奖证书"]
    xs, ys = s.grid(22, 40, (20, 120, 26), (13,) * len(rows))
    for i, row in enumerate(rows):
        for j, t in enumerate(row):
            s.text(xs[j] + 3, ys[i] + 3.5, t, 12)
    return s


def retrieval(p, v, papers):
    """A library's 论文收录检索证明: a table of 6-12 papers over two pages, the claimed ones among colleagues' papers;
    page 2 is the table's continuation, the conclusion, the librarian's and the unit's HR signatures and seals."""
    n = v.get("ret_rows", 9)
    at = list(v.get("ret_at", [2] + ([n - 2] if len(papers) > 1 else [])))
    others = list(LISTED)
    rng("ret", p["name"], n).shuffle(others)
    rows, k = [], 0
    for i in range(n):
        if i in at and at.index(i) < len(papers):
            rows.append(papers[at.index(i)])
        else:
            rows.append(others[k])
            k += 1
    per1 = 6
    pages = []
    a = Leaf("ret1" + p["name"] + json.dumps(rows, ensure_ascii=False))
    a.text(105, 16, "论文收录检索证明", 20, "hei", anchor="ma")
    a.text(20, 30, "检索机构：辽宁大学图书馆查收查引中心          报告编号：LNU-CS-2024-1187", 10)
    a.text(20, 38, f"委托人：{p['name']}        单位：{p['unit']}", 10)
    a.text(20, 46, "检索数据库：中国知网（CNKI）、万方数据、维普、Web of Science核心合集（SCIE）、EI Compendex、CSCD", 9)
    a.text(20, 54, "经检索，委托人提供的下列论文被上述数据库收录情况如下：", 10)

    def table(leaf, y0, body, start):
        head = [("序号", "题名", "作者", "来源（刊名，年，卷（期））", "收录")]
        cols = (11, 70, 30, 44, 23)
        xs = [16]
        for c in cols:
            xs.append(xs[-1] + c)
        y = y0
        for i, row in enumerate(head + body):
            cells = [row[0], *row[1:]] if i == 0 else [str(start + i), *row]
            wrapped = [_wrap(t, w) for t, w in zip(cells, cols)]
            h = max(len(w) for w in wrapped) * 5 + 4
            for j, lines in enumerate(wrapped):
                for q, line in enumerate(lines):
                    leaf.text(xs[j] + 1.5, y + 2.5 + q * 5, line, 8 if i else 9, "hei" if i == 0 else "song")
            leaf.rule(xs[0], y, xs[-1], y)
            y += h
        leaf.rule(xs[0], y, xs[-1], y)
        for x in xs:
            leaf.rule(x, y0, x, y)
        return y

    table(a, 62, rows[:per1], 0)
    a.text(105, 285, "第 1 页 共 2 页", 9, anchor="ma")
    pages.append(a)
    b = Leaf("ret2" + p["name"] + json.dumps(rows, ensure_ascii=False))
    y = table(b, 16, rows[per1:], per1) + 8
    sci = sum("SCI" in r[3] for r in rows)
    y = b.text(20, y, f"检索结论：经检索，上述论文共{n}篇，其中被SCIE收录{sci}篇，被CSCD或北大核心收录{n - sci}篇。", 10)
    y = b.text(20, y + 2, "特此证明。", 10)
    b.text(20, y + 8, "检索人：", 10)
    scrawl(b, 38, y + 11, "lib" + p["name"], w_mm=24)
    b.text(80, y + 8, "审核人：", 10)
    scrawl(b, 98, y + 11, "lib2" + p["name"], w_mm=24)
    b.text(140, y + 24, "辽宁大学图书馆", 10)
    b.text(140, y + 32, "2024年10月16日", 10)
    stamp(b, 152, y + 22, "辽宁大学图书馆查收查引专用章", r_mm=17, seed=31)
    y += 52
    b.text(20, y, "人事部门审核意见：经核对，以上论文情况属实。", 10)
    b.text(20, y + 12, "审核人签字：", 10)
    scrawl(b, 45, y + 15, "hr" + p["name"], w_mm=26)
    b.text(140, y + 26, "2024年10月23日", 10)
    if v.get("ret_sealed", True):
        stamp(b, 152, y + 16, p["unit"], seed=32)
    b.text(105, 285, "第 2 页 共 2 页", 9, anchor="ma")
    pages.append(b)
    return pages


def _wrap(t, w_mm):
    """A cell's text broken into lines that fit w_mm at 8 pt (a Chinese character 2.9 mm, a Latin letter 1.5 mm)."""
    out, cur, width = [], "", 0.0
    for ch in t:
        cw = 2.9 if ord(ch) > 255 else 1.55
        if width + cw > w_mm - 3 and cur:
            cut = cur.rfind(" ") if ord(ch) <= 255 and " " in cur else -1
            if cut > 0:
                out.append(cur[:cut])
                cur = cur[cut + 1:]
                width = sum(2.9 if ord(c) > 255 else 1.55 for c in cur)
            else:
                out.append(cur)
                cur, width = "", 0.0
        cur += ch
        width += cw
    return out + [cur] if cur else out


def english_journal(p, v):
    """An English-language SCI journal: the cover (title, volume, ISSN, no CN) and the paper's first page."""
    e = ENGLISH[p["key"]]
    issn = v.get("en_issn_printed", e["issn"])
    y, m = e["date"].split("-")
    month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"][int(m) - 1]
    c = Leaf("encov" + e["journal"] + issn + e["vol"], paper=(250, 250, 250))
    c.d.rectangle((0, 0, 210 * MM, 60 * MM), fill=(0, 92, 120))
    c.text(105, 18, "Science of the", 26, "hei", anchor="ma", ink=(255, 255, 255))
    c.text(105, 32, "Total Environment", 34, "hei", anchor="ma", ink=(255, 255, 255))
    c.text(20, 70, f"Volume {e['vol']}, 1 {month} {y}", 14, "hei")
    c.text(20, 80, f"ISSN {issn}", 14, "hei")
    c.text(20, 95, "An International Journal for Scientific Research into the Environment and its Relationship", 10)
    c.text(20, 101, "with Humankind", 10)
    c.d.ellipse((50 * MM, 120 * MM, 160 * MM, 230 * MM), fill=(200, 226, 236))
    c.text(20, 270, "ELSEVIER", 16, "hei")
    c.text(190, 270, "www.elsevier.com/locate/scitotenv", 10, anchor="ra")
    f = Leaf("enpap" + e["title"] + issn)
    f.text(105, 12, f"Science of the Total Environment {e['vol']} ({y}) {e['pages']}", 10, anchor="ma")
    f.rule(15, 18, 195, 18)
    f.text(105, 22, "Contents lists available at ScienceDirect", 9, anchor="ma")
    f.text(105, 30, "Science of the Total Environment", 16, "hei", anchor="ma")
    f.text(105, 39, "journal homepage: www.elsevier.com/locate/scitotenv", 9, anchor="ma")
    f.rule(15, 45, 195, 45)
    yy = 52
    for line in _wrap(e["title"], 150 * 8 / 15):
        yy = f.text(20, yy, line, 15, "hei")
    yy = f.text(20, yy + 2, e["authors"], 11)
    yy = f.text(20, yy, "Fushun Ecological Environment Monitoring and Service Center, Fushun 113000, China", 9)
    f.rule(15, yy + 2, 195, yy + 2)
    yy = f.text(20, yy + 6, "A B S T R A C T", 11, "hei")
    for t in ("Urban rivers receive municipal and industrial effluents. Monitoring data from 2016 to 2020 were",
              "analysed to characterise the spatial and temporal patterns of the pollutants and their sources.",
              "The results provide a basis for the management of water quality in the basin.",
              "Keywords: Water quality; Monitoring; Nutrients; Fushun"):
        yy = f.text(20, yy, t, 10)
    for k in range(10):
        yy = f.text(20, yy, "Rapid urbanisation has increased the pressure on river ecosystems in industrial cities of", 10)
    f.rule(15, 270, 195, 270)
    f.text(20, 273, f"https://doi.org/10.1016/j.scitotenv.{int(y) - 1}.{e['pages']}", 8)
    f.text(20, 278, f"Received 2 November {int(y) - 1}; Accepted 28 December {int(y) - 1}", 8)
    f.text(20, 283, f"{v.get('en_foot_issn', issn)}/© {y} Elsevier B.V. All rights reserved.", 8)
    return [c, f]


def spread(left: Leaf, right: Leaf, tag) -> Leaf:
    """A scanned book spread: two A4 pages side by side on one landscape image, the binding's shadow between."""
    s = Leaf("spread" + tag, 420, 297)
    s.img.paste(left.img, (0, 0))
    s.img.paste(right.img, (left.img.width, 0))
    a = np.asarray(s.img, np.float32)
    xs = np.arange(a.shape[1])
    mid = left.img.width
    a *= (1 - 0.3 * np.exp(-((xs - mid) / (0.01 * a.shape[1])) ** 2))[None, :, None]
    s.img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    s.d = ImageDraw.Draw(s.img)
    return s


def other_person(p, name):
    q = dict(p)
    q.update(name=name, sex="男", key="X")
    return q


def dossier(p, v):
    """The dossier's documents as sections: (section heading, [Leaf]) in the order a clerk binds them."""
    years = v.get("years", (2021, 2022, 2023))
    ass = []
    for yr in years:
        other_seal = v.get("ass_seal_name", {}).get(yr)
        leaf = T.assessment(p, yr, dict(v, ass_sealless=yr) if other_seal else v)[0]
        if other_seal:  # sealed by another body, where the unit's seal goes (probe_trust16's form: cell origin + offset)
            stamp(leaf, 146, 261, other_seal, seed=yr)
        ass.append(leaf)
    if v.get("stranger"):  # a colleague's form filed in this dossier
        nm, yr = v["stranger"]
        ass.insert(v.get("stranger_at", 1), T.assessment(other_person(p, nm), yr, {})[0])
    j = p["paper"]
    jv = dict(v)
    cov, pap, _ret = T.journal(p, jv)
    papers = [(v.get("ret_title", j["title"]), f"{p['name']}，王建军",
               f"{j['journal']}，{j['date'][:4]}，{j['vol'].split('第')[1].rstrip('卷')}({int(j['vol'].split('第')[-1].rstrip('期'))})",
               "北大核心")]
    if v.get("ret_drop"):  # the claimed paper missing from the table
        papers = []
    if v.get("english"):
        e = ENGLISH[p["key"]]
        papers.append((e["title"], e["authors"], f"{e['journal']}，{e['date'][:4]}，{e['vol']}", "SCI；EI"))
    journal_pages = [spread(cov, pap, p["name"] + j["journal"])] if v.get("spread") else [cov, pap]
    sections = [("一", [*T.recommendation(p, v)]), ("二", T.evaluation(p, v)), ("三", ass), ("四", T.publicity_leaf(p, v)),
                ("五", T.education(p, v))]
    if not v.get("no_continuing"):
        sections.append(("六", T.continuing(p, v)))
    sections.append(("九", journal_pages + (english_journal(p, v) if v.get("english") else []) + retrieval(p, v, papers)))
    if p["award"]:
        sections.append(("十", T.award(p, v)))
    return sections


def phone_photo(leaf: Leaf, tag, text_px=19) -> Image.Image:
    """A phone photo of the certificate on a desk: the page smaller, a dark desk around it, tilted a little."""
    img = T.phone_lowres(leaf.img, rng("photo", tag), text_px)
    r = rng("tilt", tag)
    w, h = img.size
    desk = Image.new("RGB", (int(w * 1.12), int(h * 1.15)), (92, 70, 52))
    desk.paste(img, (int(w * 0.06), int(h * 0.07)))
    return desk.rotate(r.uniform(-3, 3), resample=Image.BICUBIC, expand=False, fillcolor=(92, 70, 52))


def write(folder: Path, p, v):
    folder.mkdir(parents=True, exist_ok=True)
    sections = dossier(p, v)
    heads = dict(SECTIONS)
    r = rng("order", p["name"], json.dumps(v, sort_keys=True, default=str))
    if v.get("order") == "shuffle":
        r.shuffle(sections)
    elif v.get("order") == "reverse":
        sections.reverse()
    loose = []  # (name hint, Image)
    pages = [cover(p), contents(p, bool(p["award"]))] if not v.get("no_front") else []
    for i, (num, leaves) in enumerate(sections):
        if i and v.get("separators", "blank") == "blank":
            pages.append(blank(f"{p['name']}{i}"))
        elif v.get("separators") == "divider":
            pages.append(divider(p["name"], f"{num}、{heads[num]}"))
        pages += leaves
    if v.get("duplex"):  # single-sided pages scanned in duplex mode: a blank back after every page
        pages = [q for k, pg in enumerate(pages) for q in (pg, blank(f"{p['name']}back{k}"))][:-1]
    tc = T.title_cert(p, v)[0]
    idc = T.id_card(p, v)[0]
    names = v.get("names", {})
    loose.append((names.get("title", "1"), tc.img))
    if v.get("twice", True):
        loose.append((names.get("title2", "2"), phone_photo(tc, p["name"] + "tc")))
    loose.append((names.get("id", "3"), idc.img))
    if v.get("numbered"):  # no PDF: every page a numbered JPEG, the loose ones after them
        allp = [pg.img for pg in pages] + [im for _, im in loose]
        for k, im in enumerate(allp):
            im.convert("RGB").save(folder / f"{k + 1}.jpg", "JPEG", quality=88)
        return
    imgs = [pg.img.convert("RGB") for pg in pages]
    imgs[0].save(folder / v.get("pdf_name", "申报材料.pdf"), save_all=True, append_images=imgs[1:], resolution=150.0,
                 quality=85)
    for name, im in loose:
        im.convert("RGB").save(folder / f"{name}.jpg", "JPEG", quality=88)


def yaml_text(p, v):
    t = p["title"]
    j = p["paper"]
    lines = [f"name: {p['name']}", f"id_number: \"{p['id']}\"", f"unit: {p['unit']}", "unit_kind: 事业单位",
             f"specialty: {p['specialty']}", f"level: {p['level']}",
             "current_title:", f"  name: {t[0]}", f"  date: {t[1]}",
             "papers:", f"  - title: {j['title']}", f"    journal: {j['journal']}", f"    issn: {j['issn']}",
             f"    cn: {j['cn']}", f"    date: {j['date']}"]
    if v.get("english"):
        e = ENGLISH[p["key"]]
        lines += [f"  - title: {e['title']}", f"    journal: {e['journal']}", f"    issn: {e['issn']}",
                  f"    date: {e['date']}"]
    if p["award"]:
        a = p["award"]
        lines += ["awards:", f"  - title: {a['title']}", f"    date: {a['date']}"]
    return "\n".join(lines) + "\n"


D, E, G = "D", "E", "G"
SET = [
    # key, person, variant, planted rule
    ("C01", D, {}, None),
    ("C02", D, {"english": True, "order": "shuffle"}, None),
    ("C03", G, {"spread": True, "separators": "divider"}, None),
    ("C04", E, {"names": {"title": "年度考核", "title2": "学历证明", "id": "继续教育"}}, None),
    ("C05", G, {"numbered": True, "order": "shuffle", "english": True}, None),
    ("C06", E, {"ret_rows": 12, "ret_at": [9], "order": "reverse"}, None),
    ("C07", D, {"ret_rows": 6, "ret_at": [5, 0], "english": True, "separators": "divider"}, None),
    ("C08", G, {"twice": True, "order": "shuffle", "spread": True, "english": True}, None),
    ("C09", E, {"separators": "divider", "spread": True, "numbered": True}, None),
    ("C10", D, {"no_front": True, "order": "reverse", "ret_rows": 11, "ret_at": [8, 10], "english": True}, None),
    ("C11", G, {"names": {"title": "身份证", "title2": "职称证书照片", "id": "论文"}, "ret_rows": 8, "ret_at": [7]}, None),
    ("C12", E, {"order": "shuffle", "ret_rows": 10, "ret_at": [6]}, None),
    ("C13", D, {"spread": True, "names": {"title": "扫描全能王 2024-10-20 09.13", "title2": "IMG_20241020_091544",
                                          "id": "微信图片_20241020091833"}}, None),
    ("C14", G, {"order": "reverse", "separators": "divider", "english": True, "ret_rows": 7, "ret_at": [6, 1]}, None),
    ("C15", E, {"duplex": True}, None),
    ("C16", G, {"duplex": True, "order": "shuffle", "english": True}, None),
    # planted
    ("P01", D, {"years": (2021, 2022, 2022), "order": "shuffle"}, "assessment.years"),
    ("P02", G, {"ret_rows": 10, "ret_at": [8], "ret_title": "排污许可制度下重点排污单位环境管理问题与对策研究"}, "paper.retrieval"),
    ("P03", D, {"paper_date": "2019-03", "ret_rows": 9, "ret_at": [7], "spread": True}, "evidence.after_title"),
    ("P04", D, {"english": True, "en_issn_printed": "0045-6535", "order": "reverse"}, "journal.issn"),
    ("P05", G, {"stranger": ("王建军", 2022), "stranger_at": 2}, "identity.name"),
    ("P06", E, {"years": (2021, 2023), "stranger": ("王建军", 2022), "stranger_at": 1, "separators": "divider"},
     "identity.name"),
    ("P07", D, {"title_printed": "2020-12-26", "names": {"title": "年度考核", "title2": "2", "id": "3"}}, "title.date"),
    ("P08", G, {"rec_sealed": False, "order": "shuffle", "separators": "divider"}, "seal.present"),
    ("P09", E, {"pub": ("2024年10月15日", "2024年10月17日"), "order": "reverse"}, "publicity.duration"),
    ("P10", D, {"id_on_card": "OTHER", "names": {"title": "1", "title2": "2", "id": "年度考核2"}}, "identity.id_number"),
    ("P11", G, {"grades": {2021: "基本合格"}, "order": "shuffle", "numbered": True}, "assessment.years"),
    ("P12", D, {"no_continuing": True, "separators": "divider"}, "dossier.required"),
    ("P13", G, {"spread": True, "cn_printed": "11-5860/X", "order": "reverse"}, "journal.cn"),
    ("P14", E, {"award_printed": "2016-11", "order": "shuffle", "numbered": True}, "evidence.after_title"),
    ("P15", D, {"ass_seal_name": {2023: "抚顺市东洲区生态环境分局"}, "separators": "divider"}, "seal.unit"),
    ("P16", G, {"ret_drop": True, "ret_rows": 10, "english": True}, "paper.retrieval"),
    ("P17", D, {"duplex": True, "rec_sealed": False, "order": "reverse"}, "seal.present"),
    # the cover prints the claimed ISSN, the first page's copyright line another journal's
    ("P18", G, {"english": True, "en_foot_issn": "0045-6535", "separators": "divider"}, "journal.registered"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, v, planted in SET:
        p = dict(PEOPLE[who])
        p["key"] = who
        p["paper"] = dict(p["paper"])
        v = dict(v)
        if "paper_date" in v:  # the paper published before the current title (claimed so, honestly)
            p["paper"].update(date=v["paper_date"], vol="第45卷第2期")
        if v.get("id_on_card") == "OTHER":
            v["id_on_card"] = T.other_id(p)
        write(root / k, p, v)
        (root / k / "applicant.yaml").write_text(yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "hr20", "person": who, "variant": {a: str(b) for a, b in v.items()}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
