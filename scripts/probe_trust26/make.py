"""Probe round 26 (issue 13): PAGES PRINTED FROM WEB SYSTEMS BY A REAL BROWSER. More and more of a dossier comes from
e-government and library web systems and is handed in as Chromium printed or captured it. No earlier round ran a
browser engine (every page was drawn with PIL or fpdf2); here each such page is HTML+CSS (tables, web fonts made from
the installed CJK fonts, inline SVG electronic seals and QR codes) served at its real-looking https address through
Playwright's routing (no network; the web fonts are the installed faces by local(), a file served only where a face
is missing), rendered by the Debian ``chromium`` and handed in as applicants do:

- ``pdf``: page.pdf() print-to-PDF with the header and footer Chromium prints (date and time, the page's title, its
  URL, page x/y): a real Skia text layer, the fonts subset by the browser;
- ``shot``: page.screenshot() full page at a desktop width, or (``phone``) a 390 px phone viewport at 3x;
- ``desk``: a 1366x768 desktop capture holding a browser frame (tabs, the URL bar) and the taskbar clock;
- ``scan``: the PDF printed and scanned back (rasterised at 150 dpi, the unit's seal and a signature added on paper,
  a slight skew, blur and JPEG).

The web pages: 学信网's 教育部学历证书电子注册备案表 and its 学历在线验证报告 page, a provincial 人社 system's 职称电子证书
and 职称证书查询 result, CNKI's 文献检索报告 and a university library's 论文收录引用检索证明 (收录, ISSN, 年卷期 columns),
a journal's own website (期刊简介: 主管/主办/ISSN/CN), 国家新闻出版署's 期刊查询 result, a unit's online 公示 notice,
a 继续教育 platform's 学时证明. The rest of each dossier is probe_trust22's (probe_trust16's page model).

Planted as they appear on such printouts: a 学信网 report of another person (name) or of a namesake (证件号码), a
retrieval report listing the paper in an unregistered journal, a journal website whose CN is another journal's (套刊
site), a 公示 page whose period is too short, an e-certificate whose date differs from the claim.

    PROBE_OUT=/tmp/trust26 python scripts/probe_trust26/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust26-ocr.sqlite
    PROBE_OUT=/tmp/trust26 python scripts/probe_trust26/score.py OUT -v

Needs Playwright (Python) and Debian's chromium, Pillow, numpy, pypdfium2, fontTools and the CJK fonts
(fonts-wqy-zenhei, fonts-arphic-*); without chromium or the fonts it says so and exits 0.
"""
from __future__ import annotations

import hashlib
import html
import importlib.util
import io
import json
import math
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust26")
OUT = Path(os.environ["PROBE_OUT"])
FONT_FILES = {"hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "song": "/usr/share/fonts/truetype/arphic/uming.ttc",
              "kai": "/usr/share/fonts/truetype/arphic/ukai.ttc"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _skip(why: str):
    print(f"probe_trust26: skipped: {why}")
    sys.exit(0)


if CHROMIUM is None:
    _skip("Debian chromium not installed (apt-get install -y chromium)")
if not all(Path(f).exists() for f in FONT_FILES.values()):
    _skip("CJK fonts missing (fonts-wqy-zenhei, fonts-arphic-uming, fonts-arphic-ukai)")
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    _skip("playwright not installed (pip install -e '.[dev]')")

import numpy as np  # noqa: E402
import pypdfium2  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

_spec = importlib.util.spec_from_file_location("probe22", Path(__file__).resolve().parent.parent / "probe_trust22" / "make.py")
P22 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(P22)
T = P22.T
Leaf, stamp, scrawl, MM = T.Leaf, T.stamp, T.scrawl, T.MM
fmt, shown_name, shown_unit, seal_of = P22.fmt, P22.shown_name, P22.shown_unit, P22.seal_of


# ---------------------------------------------------------------- web fonts: one face of each installed collection


def web_fonts() -> dict[str, bytes]:
    """Each CJK collection's first face as a TrueType file, served to the page as a web font (@font-face)."""
    from fontTools.ttLib import TTCollection

    cache = OUT / "fonts"
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for face, path in FONT_FILES.items():
        target = cache / f"{face}.ttf"
        if not target.exists():
            TTCollection(path).fonts[0].save(str(target))
        out[face] = target.read_bytes()
    return out


CSS_BASE = """
@font-face { font-family: "WebHei"; src: local("WenQuanYi Zen Hei"), url("https://static.fonts.example/hei.ttf") format("truetype"); }
@font-face { font-family: "WebSong"; src: local("AR PL UMing CN"), url("https://static.fonts.example/song.ttf") format("truetype"); }
@font-face { font-family: "WebKai"; src: local("AR PL UKai CN"), url("https://static.fonts.example/kai.ttf") format("truetype"); }
* { box-sizing: border-box; }
body { margin: 0; font-family: "WebSong", serif; color: #222; background: #fff; }
.hei { font-family: "WebHei", sans-serif; }
table.t { border-collapse: collapse; width: 100%; }
table.t th, table.t td { border: 1px solid #999; padding: 6px 8px; font-size: 15px; text-align: left; vertical-align: middle; }
table.t th { background: #eef2f7; font-family: "WebHei", sans-serif; font-weight: normal; }
"""


def seal_svg(name: str, size=150, purpose="", color="#d8202a") -> str:
    """An electronic seal as an inline SVG: ring, the name on a text path, a star, a purpose line."""
    r = size / 2 - 4
    c = size / 2
    n = len(name)
    span = min(250.0, 20.0 * n + 50)
    a0, a1 = math.radians(-90 - span / 2), math.radians(-90 + span / 2)
    rr = r * 0.78
    path = f"M {c + rr * math.cos(a0):.1f} {c + rr * math.sin(a0):.1f} A {rr:.1f} {rr:.1f} 0 {1 if span > 180 else 0} 1 " \
           f"{c + rr * math.cos(a1):.1f} {c + rr * math.sin(a1):.1f}"
    fs = min(r * 0.3, 2 * math.pi * rr * span / 360 / n * 0.95)
    pts = " ".join(f"{c + (r * 0.3 if i % 2 == 0 else r * 0.12) * math.cos(-math.pi / 2 + i * math.pi / 5):.1f},"
                   f"{c + (r * 0.3 if i % 2 == 0 else r * 0.12) * math.sin(-math.pi / 2 + i * math.pi / 5):.1f}" for i in range(10))
    pid = "p" + hashlib.md5(name.encode()).hexdigest()[:8]
    pur = (f'<text x="{c}" y="{c + r * 0.62}" text-anchor="middle" font-size="{r * 0.2:.1f}" fill="{color}" '
           f'font-family="WebSong">{html.escape(purpose)}</text>') if purpose else ""
    return (f'<svg class="eseal" width="{size}" height="{size}" viewBox="0 0 {size} {size}" style="opacity:.88">'
            f'<defs><path id="{pid}" d="{path}"/></defs>'
            f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{color}" stroke-width="{max(3, r / 18):.1f}"/>'
            f'<polygon points="{pts}" fill="{color}"/>'
            f'<text font-size="{fs:.1f}" fill="{color}" font-family="WebSong" textLength="{2 * math.pi * rr * span / 360 * 0.96:.1f}" '
            f'lengthAdjust="spacing"><textPath href="#{pid}">{html.escape(name)}</textPath></text>{pur}</svg>')


def qr_svg(seed: str, size=110) -> str:
    """A QR-code-like block of modules (finder squares in three corners), as the verification pages print."""
    r = T.rng("qr", seed)
    n = 25
    m = size / n
    cells = []
    for y in range(n):
        for x in range(n):
            finder = any(x0 <= x < x0 + 7 and y0 <= y < y0 + 7 for x0, y0 in ((0, 0), (n - 7, 0), (0, n - 7)))
            if finder:
                fx, fy = (x if x < 7 else x - (n - 7)), (y if y < 7 else y - (n - 7))
                on = fx in (0, 6) or fy in (0, 6) or (2 <= fx <= 4 and 2 <= fy <= 4)
            else:
                on = r.random() < 0.48
            if on:
                cells.append(f'<rect x="{x * m:.2f}" y="{y * m:.2f}" width="{m:.2f}" height="{m:.2f}"/>')
    return f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}"><g fill="#111">{"".join(cells)}</g></svg>'


def page_html(title: str, body: str, css: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<style>{CSS_BASE}{css}</style></head><body>{body}</body></html>')


def iso_cn(iso: str) -> str:
    y, m, d = (iso.split("-") + ["", ""])[:3]
    return f"{int(y)}年{int(m)}月" + (f"{int(d)}日" if d else "")


def masked(idn: str) -> str:
    return idn[:4] + "*" * 10 + idn[-4:]


# ---------------------------------------------------------------- the web pages (url, title, html)


def xuexin_record(p, v):
    """学信网's 教育部学历证书电子注册备案表 (the PDF download of the record)."""
    name = v.get("edu_name", p["name"])
    idn = v.get("edu_id", p["id"])
    code = "A" + hashlib.md5((p["name"] + "vc").encode()).hexdigest()[:15].upper()
    certno = "10" + "1" + "4" + "01" + "20" + "10" + "05" + "00" + p["id"][-4:]
    rows = [("姓名", name, "性别", p["sex"]), ("证件号码", idn, "民族", "汉族"),
            ("出生日期", iso_cn(f"{p['birth'][:4]}-{p['birth'][4:6]}-{p['birth'][6:]}"), "学历类别", "普通高等教育"),
            ("入学日期", "2006年09月01日", "毕（结）业日期", "2010年07月01日"), ("学校名称", p["school"], "专业", p["major"]),
            ("学制", "4年", "层次", "本科"), ("学习形式", "普通全日制", "毕（结）业", "毕业"),
            ("证书编号", certno, "校（院）长姓名", "李建国")]
    trs = "".join(f"<tr><th>{a}</th><td>{html.escape(b)}</td><th>{c}</th><td>{html.escape(d)}</td></tr>" for a, b, c, d in rows)
    body = f"""
<div style="width:760px;margin:10px auto;position:relative">
 <div class="hei" style="text-align:center;font-size:26px;margin:18px 0 4px">教育部学历证书电子注册备案表</div>
 <div style="text-align:right;font-size:13px;color:#555">更新日期：{iso_cn(v.get('edu_update', '2024-10-20'))}</div>
 <table class="t" style="margin-top:8px">{trs}</table>
 <div style="display:flex;justify-content:space-between;align-items:center;margin-top:18px">
  <div style="font-size:15px;line-height:1.9">在线验证码：<b class="hei">{code}</b><br>
   在线验证有效期至：{iso_cn(v.get('edu_valid', '2025-04-20'))}<br>
   <span style="font-size:13px;color:#555">登录学信网（www.chsi.com.cn）输入在线验证码查询本《备案表》</span></div>
  <div>{qr_svg(name + code)}</div>
 </div>
 <div style="position:absolute;right:60px;top:360px">{seal_svg('全国高等学校学生信息咨询与就业指导中心', 160, '电子专用章')}</div>
 <div style="font-size:12px;color:#666;margin-top:30px;line-height:1.7">说明：1. 本《备案表》依据国家教育行政部门学历证书电子注册信息生成，
  仅用于证明学历证书已经电子注册。2. 本《备案表》的有效期由持有人设定，在有效期内可通过在线验证码查验。</div>
</div>"""
    return f"https://www.chsi.com.cn/xlcx/bab.jsp?vcode={code}", "教育部学历证书电子注册备案表", page_html("学信网", body)


def xuexin_report(p, v):
    """学信网's online verification result page (学历在线验证报告), as a phone shows it."""
    name = v.get("edu_name", p["name"])
    idn = v.get("edu_id", p["id"])
    code = "B" + hashlib.md5((p["name"] + "rp").encode()).hexdigest()[:15].upper()
    items = [("姓名", name), ("性别", p["sex"]), ("证件号码", idn), ("入学日期", "2006年09月01日"),
             ("毕（结）业日期", "2010年07月01日"), ("学校名称", p["school"]), ("专业", p["major"]), ("层次", "本科"),
             ("学历类别", "普通高等教育"), ("学习形式", "普通全日制"), ("毕（结）业", "毕业"),
             ("证书编号", "1014012010050" + p["id"][-5:])]
    lis = "".join(f'<div class="kv"><span class="k">{k}</span><span class="v">{html.escape(val)}</span></div>' for k, val in items)
    css = """.bar{background:#1d6fb8;color:#fff;padding:12px 16px;font-size:18px}
.kv{display:flex;border-bottom:1px solid #e3e3e3;padding:10px 14px;font-size:16px}.k{width:38%;color:#666}.v{flex:1}"""
    body = f"""
<div class="bar hei">学信网 · 学历在线验证报告</div>
<div style="padding:10px 14px;font-size:14px;color:#1d6fb8">在线验证码：{code}</div>
{lis}
<div style="display:flex;justify-content:space-between;align-items:center;padding:14px">
 <div>{qr_svg(code, 96)}</div><div>{seal_svg('全国高等学校学生信息咨询与就业指导中心', 130, '电子专用章')}</div></div>
<div style="font-size:12px;color:#777;padding:0 14px 20px">报告生成日期：{iso_cn(v.get('edu_update', '2024-10-20'))}；
本报告在线验证有效期内可登录学信网查验。</div>"""
    return f"https://www.chsi.com.cn/xlcx/bg.do?vcode={code}", "学历在线验证报告_学信网", page_html("学历在线验证报告", body, css)


def hrss_ecert(p, v):
    """A provincial 人社 system's 职称电子证书 page (the e-certificate of the title, with the issuer's e-seal)."""
    name = v.get("cert_name", p["name"])
    date = v.get("title_printed", p["title"][1])
    label = v.get("title_label", "评审通过时间")
    no = "2104" + date[:4] + p["id"][-7:-1]
    rows = [("姓名", name), ("性别", p["sex"]), ("身份证号", masked(p["id"])), ("工作单位", shown_unit(p, v, "cert", int(date[:4]))),
            ("资格名称", p["title"][0]), ("专业", "环境工程"), ("资格级别", "初级"), ("评审组织", "抚顺市工程系列中初级专业技术资格评审委员会"),
            (label, iso_cn(date)), ("证书编号", no), ("发证机关", "抚顺市人力资源和社会保障局")]
    trs = "".join(f"<tr><th style='width:30%'>{k}</th><td>{html.escape(val)}</td></tr>" for k, val in rows)
    body = f"""
<div style="width:720px;margin:20px auto;border:6px double #b8860b;padding:26px 34px;position:relative;background:#fffdf6">
 <div style="text-align:center;font-size:30px;color:#a01c1c;font-family:WebKai">专业技术资格电子证书</div>
 <div style="text-align:center;font-size:13px;color:#666;margin:6px 0 16px">辽宁省专业技术人才服务平台 · 电子证照</div>
 <table class="t">{trs}</table>
 <div style="display:flex;justify-content:space-between;align-items:flex-end;margin-top:22px">
  <div>{qr_svg(no, 100)}<div style="font-size:12px;color:#666">扫码核验</div></div>
  <div style="text-align:center;font-size:16px;position:relative">抚顺市人力资源和社会保障局<br>{iso_cn(v.get('cert_issued', date))}
   <div style="position:absolute;left:20px;top:-70px">{seal_svg('抚顺市人力资源和社会保障局', 150)}</div></div>
 </div>
</div>"""
    return (f"https://zjrc.rst.ln.gov.cn/zcps/dzzs/view?zsbh={no}", "职称电子证书_辽宁省专业技术人才服务平台",
            page_html("职称电子证书", body))


def hrss_query(p, v):
    """The same system's 职称证书查询 result list (a phone's narrow screen puts each row as a card)."""
    name = v.get("cert_name", p["name"])
    date = v.get("title_printed", p["title"][1])
    no = "2104" + date[:4] + p["id"][-7:-1]
    css = """.card{border:1px solid #dde;border-radius:8px;margin:10px 12px;padding:8px 12px;font-size:16px}
.row{display:flex;padding:6px 0;border-bottom:1px dashed #e4e4e4}.row span:first-child{width:40%;color:#666}"""
    rows = [("姓名", name), ("证书编号", no), ("资格名称", p["title"][0]), ("专业", "环境工程"),
            (v.get("query_label", "取得时间"), iso_cn(date)), ("发证机关", "抚顺市人力资源和社会保障局")]
    card = "".join(f'<div class="row"><span>{k}</span><span>{html.escape(val)}</span></div>' for k, val in rows)
    body = f"""
<div class="hei" style="background:#c4161c;color:#fff;padding:12px 14px;font-size:18px">辽宁省职称证书查询</div>
<div style="padding:10px 12px;font-size:14px;color:#555">查询条件：姓名 {html.escape(name)}　身份证号 {masked(p['id'])}</div>
<div style="padding:0 12px;font-size:14px">共查询到 1 条记录</div>
<div class="card">{card}</div>
<div style="font-size:12px;color:#888;padding:12px">数据来源：辽宁省人力资源和社会保障厅　查询时间：{v.get('query_time', '2024-10-22 09:41:07')}</div>"""
    return ("https://rst.ln.gov.cn/zcpt/zscx/result", "职称证书查询", page_html("职称证书查询", body, css))


def _paper_rows(p, v):
    j = p["paper"]
    y, m = j["date"].split("-")
    mine = (v.get("ret_title", j["title"]), p["name"], v.get("ret_journal", j["journal"]), v.get("ret_issn", j["issn"]),
            f"{y}年{j['vol']}", v.get("ret_index", "北大核心" if j["journal"] == "环境工程" else "中国知网"))
    others = [("辽宁省典型城市大气颗粒物中多环芳烃污染特征", "张立新；" + p["name"], "环境科学研究", "1001-6929", "2020年第33卷第5期", "北大核心；CSCD"),
              ("抚顺市浑河流域水环境承载力评价", p["name"] + "；刘洋", "环境科学与技术", "1003-6504", "2023年第46卷第2期", "北大核心")]
    return [others[0], mine, others[1]]


def cnki_report(p, v):
    """CNKI's 文献检索报告 (检索报告: the search, then one row a paper, printed from the browser)."""
    rows = _paper_rows(p, v)
    trs = "".join(f"<tr><td>{i}</td><td>{html.escape(t)}</td><td>{html.escape(a)}</td><td>{html.escape(jn)}</td>"
                  f"<td>{iss}</td><td>{yv}</td><td>{ix}</td></tr>" for i, (t, a, jn, iss, yv, ix) in enumerate(rows, 1))
    body = f"""
<div style="width:980px;margin:12px auto">
 <div class="hei" style="font-size:24px;text-align:center;margin:10px 0">中国知网（CNKI）文献检索报告</div>
 <div style="font-size:15px;line-height:1.9">检索数据库：中国学术期刊网络出版总库（CAJD）<br>
 检索式：作者 = {html.escape(p['name'])} AND 作者单位 = {html.escape(p['unit'])}<br>检索时间：{v.get('ret_time', '2024-10-22')}</div>
 <table class="t" style="margin-top:10px"><tr><th>序号</th><th>题名</th><th>作者</th><th>来源（刊名）</th><th>ISSN</th>
 <th>年卷期</th><th>收录</th></tr>{trs}</table>
 <div style="font-size:14px;margin-top:14px">检索结果：共检出文献 3 篇。以上检索结果以中国知网数据库为准。</div>
</div>"""
    return ("https://kns.cnki.net/kns8s/defaultresult/index?report=1", "检索报告 - 中国知网", page_html("检索报告", body))


def library_proof(p, v):
    """A university library's 论文收录引用检索证明 (the library's seal for retrieval, its staff's names)."""
    rows = _paper_rows(p, v)
    trs = "".join(f"<tr><td>{i}</td><td>{html.escape(t)}</td><td>{html.escape(a)}</td><td>{html.escape(jn)}</td>"
                  f"<td>{iss}</td><td>{yv}</td><td>{ix}</td></tr>" for i, (t, a, jn, iss, yv, ix) in enumerate(rows, 1))
    body = f"""
<div style="width:980px;margin:12px auto;position:relative">
 <div class="hei" style="font-size:26px;text-align:center;margin:14px 0 6px">论文收录引用检索证明</div>
 <div style="text-align:right;font-size:13px">报告编号：JS2024-{hashlib.md5(p['name'].encode()).hexdigest()[:5].upper()}</div>
 <div style="font-size:15px;line-height:1.9">委托人：{html.escape(p['name'])}　　单位：{html.escape(p['unit'])}<br>
 检索范围：中国知网、万方数据、中国科学引文数据库（CSCD）、北大核心期刊目录（2023版）<br>
 检索结果：委托人提供的论文被收录情况如下：</div>
 <table class="t" style="margin-top:8px"><tr><th>序号</th><th>论文题目</th><th>作者</th><th>刊名</th><th>ISSN</th><th>年卷期</th>
 <th>收录情况</th></tr>{trs}</table>
 <div style="font-size:15px;margin-top:16px;line-height:2">检索人：赵静　　审核人：孙宏<br>检索机构：沈阳大学图书馆信息咨询部</div>
 <div style="position:absolute;right:80px;bottom:-40px;text-align:center;font-size:15px">{iso_cn(v.get('ret_date', '2024-10-22'))}
  <div style="position:absolute;left:-30px;top:-70px">{seal_svg('沈阳大学图书馆', 140, '检索专用章')}</div></div>
</div>"""
    return ("https://lib.syu.edu.cn/ckzx/report.html", "论文收录引用检索证明 - 沈阳大学图书馆", page_html("检索证明", body))


def journal_site(p, v):
    """The journal's own website: 期刊简介 with 主管/主办/ISSN/CN in the sidebar."""
    j = p["paper"]
    rec = {"环境工程": ("中国冶金科工集团有限公司", "月刊", "1982", "82-64"), "环境保护科学": ("沈阳市生态环境局", "双月刊", "1975", "8-28"),
           "中国环境管理": ("生态环境部", "双月刊", "2009", "80-212")}.get(j["journal"], ("某某协会", "月刊", "2015", "—"))
    issn, cn = v.get("site_issn", j["issn"]), v.get("site_cn", j["cn"])
    side = [("主管单位", rec[0]), ("主办单位", j["sponsor"]), ("国际标准刊号", "ISSN " + issn), ("国内统一刊号", "CN " + cn),
            ("邮发代号", rec[3]), ("出版周期", rec[1]), ("创刊时间", rec[2] + "年")]
    sd = "".join(f'<div style="padding:7px 0;border-bottom:1px solid #eee">{k}：{html.escape(val)}</div>' for k, val in side)
    css = ".nav a{color:#fff;margin-right:26px;font-size:16px;text-decoration:none}"
    body = f"""
<div style="background:#0b4f8a;color:#fff;padding:20px 40px"><span style="font-size:32px;font-family:WebKai">{j['journal']}</span>
 <span style="margin-left:20px;font-size:14px">{issn_head(issn, cn)}</span></div>
<div class="nav" style="background:#136bb5;padding:10px 40px"><a>首页</a><a>期刊简介</a><a>编委会</a><a>投稿指南</a><a>过刊浏览</a><a>联系我们</a></div>
<div style="display:flex;padding:22px 40px;gap:30px">
 <div style="flex:1;font-size:16px;line-height:2">
  <div class="hei" style="font-size:20px;border-left:5px solid #136bb5;padding-left:10px;margin-bottom:10px">期刊简介</div>
  《{j['journal']}》创刊于{rec[2]}年，是由{rec[0]}主管、{j['sponsor']}主办的学术期刊，{rec[1]}，国内外公开发行。
  本刊主要报道生态环境保护领域的科研成果、工程实践与管理经验，设有水污染防治、大气污染防治、土壤修复、环境监测与管理等栏目。
  <p>本刊已被中国知网、万方数据、维普资讯等数据库全文收录。欢迎广大科技工作者投稿。</p></div>
 <div style="width:300px;font-size:15px;border:1px solid #cfd8e3;padding:10px 16px;background:#f6f9fc">
  <div class="hei" style="font-size:17px;margin-bottom:6px">期刊信息</div>{sd}</div>
</div>
<div style="background:#eee;padding:14px 40px;font-size:12px;color:#666">版权所有 © 《{j['journal']}》编辑部　地址：{v.get('site_addr', '北京市海淀区西土城路33号')}</div>"""
    host = v.get("site_host", "www.hjgc.example.cn")
    return (f"http://{host}/CN/column/column1.shtml", f"期刊简介-{j['journal']}", page_html(j["journal"], body, css))


def issn_head(issn, cn):
    return f"ISSN {issn}　CN {cn}"


def nppa_query(p, v):
    """国家新闻出版署's 期刊/报纸 query: the result row for the CN queried."""
    j = p["paper"]
    name = v.get("nppa_name", j["journal"])
    cn = v.get("nppa_cn", j["cn"])
    rows = [("期刊名称", name), ("国内统一连续出版物号", "CN " + cn), ("主办单位", v.get("nppa_sponsor", j["sponsor"])),
            ("出版地", v.get("nppa_place", "北京")), ("出版周期", "月刊"), ("语种", "中文")]
    trs = "".join(f"<tr><th style='width:36%'>{k}</th><td>{html.escape(val)}</td></tr>" for k, val in rows)
    body = f"""
<div style="background:#b3151a;color:#fff;padding:16px 40px;font-size:24px" class="hei">国家新闻出版署</div>
<div style="padding:8px 40px;font-size:14px;color:#555;background:#f3f3f3">首页 &gt; 办事服务 &gt; 从业机构和产品查询 &gt; 期刊/期刊社</div>
<div style="width:800px;margin:20px auto">
 <div style="font-size:15px;margin-bottom:10px">查询条件：国内统一连续出版物号 = {html.escape(v.get('nppa_query', j['cn']))}</div>
 <table class="t">{trs}</table>
 <div style="font-size:13px;color:#777;margin-top:12px">共 1 条记录</div></div>"""
    return ("https://www.nppa.gov.cn/bsfw/cyjghcpcx/qk/", "期刊/期刊社查询-国家新闻出版署", page_html("国家新闻出版署", body))


def publicity_web(p, v):
    """The unit's online 公示 notice (a list of applicants, the period, the contact)."""
    start, end = v.get("pub", ("2024-10-14", "2024-10-18"))
    rng_text = v.get("pub_text") or f"{iso_cn(start)}至{iso_cn(end)}"
    unit = shown_unit(p, v, "pub")
    names = [(shown_name(p, v, "pub"), unit, p["level"], p["specialty"]), ("刘佳宁", unit, "工程师", "生态环境监测"),
             ("赵一鸣", unit, "助理工程师", "生态环境工程")]
    trs = "".join(f"<tr><td>{i}</td><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for i, (a, b, c, d) in enumerate(names, 1))
    body = f"""
<div style="background:#1a5e9a;color:#fff;padding:16px 40px;font-size:24px" class="hei">{html.escape(unit)}</div>
<div style="padding:8px 40px;font-size:14px;color:#555;background:#f3f3f3">当前位置：首页 &gt; 通知公告</div>
<div style="width:860px;margin:16px auto;font-size:17px;line-height:2">
 <div class="hei" style="text-align:center;font-size:22px">关于2024年度专业技术资格评审申报人员情况的公示</div>
 <div style="text-align:center;font-size:13px;color:#888">发布时间：{v.get('pub_posted', start)} 09:00　　来源：人事科　　浏览次数：236</div>
 <p>　　根据《关于做好2024年度全市工程系列生态环境专业中初级专业技术资格评审工作的通知》要求，现将我单位申报人员情况予以公示：</p>
 <table class="t"><tr><th>序号</th><th>姓名</th><th>工作单位</th><th>申报资格</th><th>专业</th></tr>{trs}</table>
 <p>　　公示时间：{rng_text}。公示期间，如对公示对象有异议，请以书面形式向单位人事科反映。</p>
 <p>　　联系电话：024-5762{p['id'][-4:]}</p>
 <p style="text-align:right">{html.escape(unit)}<br>{iso_cn(v.get('pub_posted', start))}</p></div>"""
    return (f"http://www.{v.get('pub_host', 'fshb.example.gov.cn')}/tzgg/202410/t{start.replace('-', '')}_4312.html",
            "关于2024年度专业技术资格评审申报人员情况的公示", page_html("公示", body))


def ce_platform(p, v):
    """A 继续教育 platform's 学时证明 (printed from the learner's page, the platform's e-seal)."""
    name = v.get("ce_name", p["name"])
    years = v.get("ce_years", (2021, 2022, 2023))
    trs = "".join(f"<tr><td>{y}年度</td><td>30</td><td>{60 + y % 7}</td><td>{90 + y % 7}</td><td>已达标</td></tr>" for y in years)
    body = f"""
<div style="width:820px;margin:16px auto;position:relative">
 <div class="hei" style="font-size:26px;text-align:center;margin:14px 0">专业技术人员继续教育学时证明</div>
 <div style="font-size:16px;line-height:2">姓名：{html.escape(name)}　　身份证号：{masked(p['id'])}<br>工作单位：{html.escape(p['unit'])}<br>
 经查询，该同志参加专业技术人员继续教育学时情况如下：</div>
 <table class="t"><tr><th>年度</th><th>公需科目学时</th><th>专业科目学时</th><th>合计学时</th><th>状态</th></tr>{trs}</table>
 <div style="text-align:right;font-size:16px;margin-top:30px;line-height:2;position:relative">辽宁省专业技术人员继续教育管理平台<br>
  打印日期：{iso_cn(v.get('ce_date', '2024-10-16'))}
  <div style="position:absolute;right:60px;top:-60px">{seal_svg('辽宁省专业技术人员继续教育管理平台', 140, '学时证明专用章')}</div></div>
</div>"""
    return ("https://jxjy.rst.ln.gov.cn/student/xszm/print", "学时证明 - 辽宁省专业技术人员继续教育管理平台", page_html("学时证明", body))


# ---------------------------------------------------------------- rendering in Chromium


class Browser:
    def __init__(self):
        self.fonts = web_fonts()
        self.pw = sync_playwright().start()
        self.browser = self.pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])

    def close(self):
        self.browser.close()
        self.pw.stop()

    def _page(self, url, doc, width=1100, height=900, scale=1, mobile=False):
        ctx = self.browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                       is_mobile=mobile, locale="zh-CN")
        fonts = self.fonts

        def route(r):
            u = r.request.url
            if u.startswith("https://static.fonts.example/"):
                r.fulfill(status=200, body=fonts[u.rsplit("/", 1)[1][:-4]], headers={"Content-Type": "font/ttf"})
            elif u.split("#")[0] == url:
                r.fulfill(status=200, body=doc.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"})
            else:
                r.abort()
        ctx.route("**/*", route)
        page = ctx.new_page()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        return ctx, page

    def pdf(self, web, stamp_time: str) -> bytes:
        """Print to PDF with Chromium's header (date and time, title) and footer (URL, page x/y)."""
        url, title, doc = web
        ctx, page = self._page(url, doc)
        st = "font-size:8px;width:100%;margin:0 10mm;display:flex;justify-content:space-between;font-family:'WenQuanYi Zen Hei'"
        data = page.pdf(format="A4", print_background=True, display_header_footer=True,
                        margin={"top": "14mm", "bottom": "14mm", "left": "10mm", "right": "10mm"},
                        header_template=f'<div style="{st}"><span>{stamp_time}</span><span>{html.escape(title)}</span><span></span></div>',
                        footer_template=f'<div style="{st}"><span>{html.escape(url)}</span>'
                                        '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')
        ctx.close()
        return data

    def shot(self, web, phone=False) -> bytes:
        url, title, doc = web
        ctx, page = (self._page(url, doc, 390, 844, 3, True) if phone else self._page(url, doc, 1200, 900, 1))
        data = page.screenshot(full_page=True, type="png")
        ctx.close()
        return data

    def desk(self, web, clock: str) -> bytes:
        """A 1366x768 desktop capture: the browser's tab strip and URL bar over the page, the taskbar clock below."""
        url, title, doc = web
        frame = (f'<div style="position:fixed;left:0;top:0;width:100%;height:78px;background:#dee1e6;z-index:9;font-family:WebHei">'
                 f'<div style="height:36px;padding:6px 8px"><span style="display:inline-block;background:#fff;border-radius:8px 8px 0 0;'
                 f'padding:6px 14px;font-size:13px;width:260px;overflow:hidden;white-space:nowrap">{html.escape(title)}</span></div>'
                 f'<div style="background:#fff;height:42px;padding:7px 12px"><span style="display:inline-block;background:#f1f3f4;'
                 f'border-radius:14px;padding:5px 16px;font-size:14px;width:900px">{html.escape(url)}</span></div></div>'
                 f'<div style="position:fixed;left:0;bottom:0;width:100%;height:40px;background:#1c2733;color:#fff;z-index:9;'
                 f'font-family:WebHei;font-size:12px;text-align:right;padding:4px 14px;line-height:1.4">'
                 f'{clock.split(" ")[1]}<br>{clock.split(" ")[0]}</div><div style="height:78px"></div>')
        doc = doc.replace("<body>", "<body>" + frame, 1)
        ctx, page = self._page(url, doc, 1366, 768, 1)
        data = page.screenshot(full_page=False, type="png")
        ctx.close()
        return data


def scanned(pdf: bytes, p, v, seal_mm=None, sign_mm=None, seed="") -> list[Image.Image]:
    """The PDF printed and scanned back at 150 dpi: the unit's seal and a signature on the paper, skew, blur, JPEG."""
    doc = pypdfium2.PdfDocument(pdf)
    out = []
    r = T.rng("scan", seed)
    for i in range(len(doc)):
        img = doc[i].render(scale=150 / 72).to_pil().convert("RGB")
        leaf = Leaf("scan" + seed + str(i))
        leaf.img = img.resize(leaf.img.size)
        leaf.d = ImageDraw.Draw(leaf.img)
        if i == len(doc) - 1:
            if sign_mm:
                leaf.text(sign_mm[0] - 42, sign_mm[1] - 3, "审核人签字：", 12)
                scrawl(leaf, sign_mm[0], sign_mm[1] + 2, p["name"] + seed)
            if seal_mm:
                stamp(leaf, seal_mm[0], seal_mm[1], seal_of(p, v, "scan"), seed=7)
        im = leaf.img.rotate(r.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=(250, 250, 248))
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        arr = np.asarray(im, np.float32) * 0.97 + 4
        im = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=78)
        out.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    return out


# ---------------------------------------------------------------- dossiers


def write(folder: Path, docs):
    folder.mkdir(parents=True, exist_ok=True)
    for name, payload in docs:
        if isinstance(payload, bytes):
            (folder / name).write_bytes(payload)
            continue
        for i, leaf in enumerate(payload):
            img = leaf.img if hasattr(leaf, "img") else leaf
            img.save(folder / f"{name}{'-' + str(i + 1) if len(payload) > 1 else ''}.jpg", "JPEG", quality=90)


PRINTED = "2024/10/22 09:46"


def dossier(B: Browser, p, v):
    """probe_trust22's dossier with the web-sourced documents in place of the drawn ones, as the variant says."""
    q = dict(p, name=shown_name(p, v, "edu"))
    q["unit"] = p.get("seal", p["unit"])
    web = v.get("web", {})
    docs = [("推荐表", P22.recommendation(p, v))]
    # publicity: the stamped result (probe22's) and/or the online notice
    pubw = web.get("pub")
    if pubw != "only":
        docs.append(("公示", P22.publicity(p, dict(v, pub_text=v.get("pub_result_text")) if v.get("pub_result_text") else v)))
    if pubw:
        w = publicity_web(p, v)
        if "desk" in web.get("pub_as", "desk"):
            docs.append(("公示网页截图.png", B.desk(w, v.get("clock", "2024/10/16 10:32"))))
        if "pdf" in web.get("pub_as", ""):
            docs.append(("公示网页.pdf", B.pdf(w, PRINTED)))
        if "scan" in web.get("pub_as", ""):
            docs.append(("公示", scanned(B.pdf(w, PRINTED), p, v, seal_mm=(150, 200), seed="pub" + p["name"])))
    for yr in v.get("years", (2021, 2022, 2023)):
        docs.append((f"{yr}考核", P22.assessment(p, yr, v)))
    # education: 学信网's record or report; the unit's stamped print beside a download
    edu = web.get("edu", "record_scan")
    if edu == "drawn":
        docs.append(("学历认证", T.education(q, dict(v, pinyin=""))))
    else:
        w = (xuexin_report if "report" in edu else xuexin_record)(p, v)
        if "pdf" in edu:
            docs.append(("学信网备案表.pdf", B.pdf(w, PRINTED)))
        if "phone" in edu:
            docs.append(("学信网验证报告.png", B.shot(w, phone=True)))
        if "scan" in edu:
            docs.append(("学历认证", scanned(B.pdf(w, PRINTED), p, v, seal_mm=(120, 235), sign_mm=(70, 250), seed="edu" + p["name"])))
    ce = web.get("ce", "pdf")
    docs.append(("继续教育", T.continuing(q, v)) if ce == "drawn" else ("继续教育学时证明.pdf", B.pdf(ce_platform(p, v), PRINTED)))
    docs.append(("身份证", P22.id_card(p, v)))
    cert = web.get("cert", "drawn")
    if "drawn" in cert:
        docs.append(("职称证", P22.title_cert(p, v)))
    if "ecert_pdf" in cert:
        docs.append(("职称电子证书.pdf", B.pdf(hrss_ecert(p, v), PRINTED)))
    if "ecert_shot" in cert:
        docs.append(("职称电子证书.png", B.shot(hrss_ecert(p, v))))
    if "query_phone" in cert:
        docs.append(("职称证书查询.png", B.shot(hrss_query(p, v), phone=True)))
    docs.append(("评定表", T.evaluation(q, v)))
    if p["award"]:
        docs.append(("获奖证书", P22.award(p, v)))
    if p["proof"]:
        docs.append(("业绩证明", P22.proof(p, v)))
    cov, pap, ret = T.journal(q, v)
    jw = web.get("journal", "")
    if "nocover" not in jw:
        docs.append(("期刊封面", [cov]))
    docs.append(("论文", [pap]))
    if "site" in jw:
        docs.append(("期刊官网.png", B.shot(journal_site(p, v))))
    if "nppa" in jw:
        docs.append(("新闻出版署查询.png", B.shot(nppa_query(p, v))))
    rw = web.get("ret", "cnki_scan")
    if rw == "drawn":
        docs.append(("检索证明", [ret]))
    else:
        w = (library_proof if "lib" in rw else cnki_report)(p, v)
        if "pdf" in rw:
            docs.append(("检索证明.pdf", B.pdf(w, PRINTED)))
        if "scan" in rw:
            docs.append(("检索证明", scanned(B.pdf(w, PRINTED), p, v, seal_mm=(150, 150), sign_mm=(60, 160), seed="ret" + p["name"])))
    return docs


def valid_issn(stem: str) -> str:
    s = sum(int(c) * w for c, w in zip(stem, range(8, 1, -1)))
    c = (11 - s % 11) % 11
    return f"{stem[:4]}-{stem[4:]}{'X' if c == 10 else c}"


FAKE = dict(journal="环境科技与管理研究", issn=valid_issn("2096354"), cn="21-1587/X", sponsor="辽宁环境科技开发中心")

SET = [
    # (key, person, variant, planted rule); web: where each document comes from and how it was handed in
    # --- clean: every web source, every way of handing it in
    ("C01", "A", {"web": {"edu": "record_scan+pdf", "ce": "pdf", "ret": "cnki_scan", "journal": "site"}}, None),
    ("C02", "B", {"web": {"edu": "report_phone+record_scan", "cert": "drawn+query_phone", "ret": "lib_scan+pdf"}}, None),
    ("C03", "C", {"web": {"edu": "record_scan", "cert": "ecert_pdf", "pub": "desk", "ret": "cnki_scan+pdf"}}, None),
    ("C04", "D", {"web": {"edu": "record_scan", "cert": "ecert_shot", "journal": "nppa", "ret": "lib_scan"}}, None),
    ("C05", "E", {"web": {"edu": "record_scan+pdf", "cert": "ecert_pdf+query_phone", "pub": "desk", "pub_as": "desk+pdf",
                          "ret": "cnki_scan"}}, None),
    ("C06", "A", {"web": {"edu": "record_scan", "pub": "only", "pub_as": "scan", "ret": "lib_scan", "journal": "site+nppa"},
                  "site_host": "www.hjbhkx.example.cn"}, None),
    ("C07", "B", {"web": {"edu": "report_phone+record_scan", "ce": "pdf", "cert": "ecert_pdf", "ret": "cnki_scan"}}, None),
    ("C08", "C", {"web": {"edu": "record_scan", "cert": "drawn+ecert_pdf", "ret": "lib_scan+pdf", "journal": "site"}}, None),
    ("C09", "D", {"web": {"edu": "record_scan+pdf", "pub": "desk", "ret": "cnki_scan", "journal": "nppa"},
                  "clock": "2024/10/18 16:05"}, None),
    ("C10", "E", {"web": {"edu": "record_scan", "cert": "query_phone+drawn", "ret": "lib_scan", "journal": "site"},
                  "query_label": "取得资格时间"}, None),
    ("C11", "A", {"web": {"edu": "record_scan", "cert": "ecert_pdf", "pub": "desk", "ret": "cnki_scan+pdf"},
                  "title_label": "取得资格时间"}, None),
    ("C12", "B", {"web": {"edu": "record_scan", "pub": "only", "pub_as": "scan", "ret": "lib_scan"},
                  "pub": ("2024-09-27", "2024-10-09"), "pub_posted": "2024-09-27"}, None),
    ("C13", "C", {"web": {"edu": "report_phone+record_scan", "cert": "ecert_shot+query_phone", "ret": "cnki_scan",
                          "journal": "site+nppa"}}, None),
    ("C14", "D", {"web": {"edu": "record_scan", "ce": "pdf", "cert": "ecert_pdf", "pub": "desk", "pub_as": "pdf",
                          "ret": "lib_scan+pdf"}}, None),
    # --- planted: the 学信网 record of someone else (name), of a namesake (证件号码)
    ("P01", "A", {"web": {"edu": "record_scan+pdf"}, "edu_name": "欧阳森"}, "identity.name"),
    ("P02", "C", {"web": {"edu": "report_phone+record_scan"}, "edu_id": "OTHER"}, "identity.id_number"),
    ("P03", "E", {"web": {"edu": "record_scan"}, "edu_name": "上官明月"}, "identity.name"),
    ("P04", "D", {"web": {"edu": "record_scan+pdf"}, "edu_id": "OTHER"}, "identity.id_number"),
    # --- a retrieval report listing the paper in an unregistered journal (the claim and the pages too); its ISSN, made
    # with a valid check digit, turned out to be 氮肥与合成气's (2096-3548, CN 31-2137/TQ): an ISSN borrowed by a name and
    # CN the registry lacks, as fake journals do
    ("P05", "B", {"web": {"ret": "cnki_scan+pdf", "journal": "site"}, "paper": FAKE, "site_host": "www.hjkjglyj.example.com"},
     "journal.registered"),
    ("P06", "C", {"web": {"ret": "lib_scan"}, "paper": FAKE}, "journal.registered"),
    # a retrieval proof listing the paper under another ISSN than the pages and the claim print (another journal's)
    ("P07", "A", {"web": {"ret": "lib_scan+pdf"}, "ret_issn": "1003-6504", "ret_journal": "环境科学与技术"}, "paper.retrieval"),
    # --- 套刊 sites: the journal's website (and its cover) printing the ISSN of one journal and the CN of another
    ("P08", "E", {"web": {"journal": "site+nppa", "ret": "cnki_scan"}, "site_cn": "42-1245/X", "cn_printed": "42-1245/X",
                  "site_host": "www.hjgczz-tg.example.com", "nppa_cn": "42-1245/X", "nppa_query": "42-1245/X",
                  "nppa_name": "环境科学与技术", "nppa_place": "湖北"}, "journal.registered"),
    ("P09", "B", {"web": {"journal": "site+nocover", "ret": "lib_scan"}, "site_cn": "11-1844/X",
                  "site_host": "www.hjgc-bjb.example.com"}, "journal.registered"),
    # --- 公示 pages whose period is too short
    ("P10", "C", {"web": {"pub": "only", "pub_as": "desk"}, "pub": ("2024-10-14", "2024-10-17")}, "publicity.duration"),
    ("P11", "D", {"web": {"pub": "only", "pub_as": "scan"}, "pub": ("2024-10-14", "2024-10-16")}, "publicity.duration"),
    ("P12", "A", {"web": {"pub": "only", "pub_as": "pdf+desk"}, "pub": ("2024-09-29", "2024-10-08")}, "publicity.duration"),
    # --- e-certificates whose date differs from the claim
    ("P13", "E", {"web": {"cert": "ecert_pdf"}, "title_printed": "2020-12-30"}, "title.date"),
    ("P14", "D", {"web": {"cert": "ecert_shot"}, "title_printed": "2019-12-26"}, "title.date"),
    ("P15", "B", {"web": {"cert": "query_phone"}, "title_printed": "2021-06-30"}, "title.date"),
    ("P16", "C", {"web": {"cert": "ecert_pdf"}, "title_printed": "2019-06-28", "title_label": "取得资格时间"}, "title.date"),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    B = Browser()
    key = {}
    try:
        for k, who, v, planted in SET:
            p = dict(P22.PEOPLE[who])
            v = dict(v)
            if "paper" in v:
                p["paper"] = dict(p["paper"], **v.pop("paper"))
            if v.get("edu_id") == "OTHER":
                v["edu_id"] = P22.other_id(p)
            docs = dossier(B, p, v)
            write(root / k, docs)
            (root / k / "applicant.yaml").write_text(P22.yaml_text(p, v), encoding="utf-8")
            key[k] = {"planted": planted, "pack": "web26", "person": who, "variant": {a: str(b) for a, b in v.items()}}
            print(k, len(docs), "documents", flush=True)
    finally:
        B.close()
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
