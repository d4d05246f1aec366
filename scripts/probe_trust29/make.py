"""Probe round 29 (issue 13): SEALS AS CHINESE OFFICES REALLY USE THEM. Earlier rounds stamped each document with the
unit's one round seal (worn, faint, copied, of a near-named body); offices stamp with whatever seal the clerk has to
hand. Here probe_trust22's documents on probe_trust16's page model (Leaf/stamp/scrawl) carry:

- the unit's internal departments' seals (…组织人事科, …办公室, …党政办公室): a department is the unit (docs/CONTRACT.md,
  seal.unit: 「a department or office (人事处, 党政办公室) is the unit's」), so these dossiers are clean;
- special-purpose seals: the unit's 人事专用章 on its assessment forms (the unit's own words), its 财务专用章, round or
  oval, on an achievement proof (the contract: a finance seal there is the unit's own); clean;
- the 13-digit seal code or the 18-character 统一社会信用代码 printed along the bottom arc under the star;
- two-ring seals (a thick outer ring and a thin inner one), a square name seal of the unit's head beside its seal;
- a 骑缝章 stamped across the edges of a two-page recommendation form (a PDF), each page holding half, the unit's whole
  seal on the first page as well;
- a unit renamed in its 2022 reform (抚顺县环境监测站 on the 2021 form, printed and sealed, the new
  抚顺县生态环境保护服务中心 on 2022's and 2023's; applicant.yaml names the new one, with or without the old one in
  ``unit_aliases``);
- an electronic seal (电子公章: flat pure red, crisp, no texture) on a born-digital publicity PDF with a text layer;
- seal ink of differing density (faint, heavy and blotted, uneven: one side pressed harder), a seal stamped over the
  unit head's signature.

Planted: the unit's Party committee's, Party branch's or trade union's seal (a body of its own by the contract), a
contract, finance (oval) or invoice seal as the only seal of a form the unit must stamp (review), another body's seal
(two rings, the code on its bottom arc, an e-seal, faint, over the signature, another body's 人事处 or 财务专用章), a
form without its seal, a recommendation carrying only the halves of a 骑缝章, a form stamped with the head's square
name seal alone.

    PROBE_OUT=/tmp/trust29 python scripts/probe_trust29/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/trust29-ocr.sqlite
    PROBE_OUT=/tmp/trust29 python scripts/probe_trust29/score.py OUT -v

Needs Pillow, numpy, fpdf2 and the CJK fonts (fonts-wqy-zenhei, fonts-arphic-*); no realdata.
"""
from __future__ import annotations

import io
import json
import math
import os
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round  # noqa: E402

os.environ.setdefault("PROBE_OUT", "/tmp/trust29")
P22 = load_round(22)
T = P22.T
Leaf, MM, F = T.Leaf, T.MM, T.F
OUT = Path(os.environ["PROBE_OUT"])
RED = (205, 35, 40)

#: the seals of the dossier being made, by token (``v["seals"]`` maps a document to a token)
SPECS: dict[str, dict] = {}
_stamp0 = T.stamp


def _glyph(ch, gs, angle, face="song"):
    g = Image.new("L", (gs + 10, gs + 10), 0)
    ImageDraw.Draw(g).text((5, 1), ch, font=F(gs, face), fill=255)
    return g.rotate(angle, resample=Image.BICUBIC, expand=True)


def bottom_code(L, c, r, code):
    """The seal's code along the bottom arc under the star, read left to right, the digits' tops toward the centre."""
    n = len(code)
    gs = max(8, int(r * 0.12))
    span = min(110.0, n * 7.6)
    for i, ch in enumerate(code):
        th = 180 + span / 2 - span * (i + 0.5) / n  # clockwise from the top: left of the bottom first
        g = _glyph(ch, gs, -(th - 180), "hei")
        t = math.radians(th - 90)
        L.paste(255, (int(c + r * 0.80 * math.cos(t) - g.width / 2), int(c + r * 0.80 * math.sin(t) - g.height / 2)), g)


def round_mask(spec, r):
    name = spec["name"]
    L, d, size, c, _ = T.seal_mask(r, name)
    if spec.get("two_ring"):
        ri = r * 0.91
        d.ellipse((c - ri, c - ri, c + ri, c + ri), outline=255, width=max(2, int(r / 55)))
    if spec.get("purpose"):
        pf = F(int(r * 0.19), "song")
        d.text((c - d.textlength(spec["purpose"], font=pf) / 2, c + r * 0.36), spec["purpose"], font=pf, fill=255)
    if spec.get("code"):
        bottom_code(L, c, r, spec["code"])
    return np.asarray(L, np.float32) / 255


def oval_mask(spec, r):
    """An oval seal (财务专用章, 发票专用章 as offices order them): 1.5 times as wide as high, the name along the upper
    arc, the purpose across the middle, the code along the bottom; no star."""
    A, B = r * 1.2, r * 0.8
    W, H = int(2 * A + 30), int(2 * B + 30)
    L = Image.new("L", (W, W), 0)  # square canvas: ink_over takes a square array
    d = ImageDraw.Draw(L)
    cx, cy = W / 2, W / 2
    d.ellipse((cx - A, cy - B, cx + A, cy + B), outline=255, width=max(5, int(r / 20)))
    name = spec["name"]
    n = len(name)
    span = min(230.0, 16.0 * n + 50)
    gs = int(B * 0.30)
    for i, ch in enumerate(name):
        th = math.radians(-span / 2 + span * (i + 0.5) / n)
        x, y = cx + 0.76 * A * math.sin(th), cy - 0.72 * B * math.cos(th)
        tang = math.degrees(math.atan2(0.72 * B * math.sin(th), 0.76 * A * math.cos(th)))
        g = _glyph(ch, gs, -tang)
        L.paste(255, (int(x - g.width / 2), int(y - g.height / 2)), g)
    if spec.get("purpose"):
        pf = F(int(B * 0.27), "song")
        d.text((cx - d.textlength(spec["purpose"], font=pf) / 2, cy + B * 0.02), spec["purpose"], font=pf, fill=255)
    if spec.get("code"):
        code, k = spec["code"], len(spec["code"])
        gsc = max(8, int(B * 0.14))
        for i, ch in enumerate(code):
            x = cx - gsc * 0.32 * k + gsc * 0.64 * (i + 0.5)
            g = _glyph(ch, gsc, 0, "hei")
            L.paste(255, (int(x - g.width / 2), int(cy + B * 0.56 - g.height / 2)), g)
    return np.asarray(L, np.float32) / 255


def square_mask(spec, r):
    """A square name seal (人名章): four characters in two columns read right column first, a border round them."""
    s = int(r * 0.9)
    L = Image.new("L", (s + 20, s + 20), 0)
    d = ImageDraw.Draw(L)
    d.rectangle((10, 10, 10 + s, 10 + s), outline=255, width=max(4, s // 18))
    chars = spec["name"]
    gs = int(s * 0.42)
    for i, ch in enumerate(chars[:4]):
        col, row = divmod(i, 2)
        x = 10 + s - (col + 1) * s / 2 + (s / 2 - gs) / 2
        y = 10 + row * s / 2 + (s / 2 - gs) / 2 - gs * 0.05
        d.text((x, y), ch, font=F(gs, "kai"), fill=255)
    return np.asarray(L, np.float32) / 255


def seal_array(spec, r_mm=21, seed=0):
    r = spec.get("r_mm", r_mm) * MM
    m = {"oval": oval_mask, "square": square_mask}.get(spec.get("shape"), round_mask)(spec, r)
    g = np.random.default_rng(T.rng("seal29", spec["name"], seed, spec.get("density", "")).randrange(1 << 30))
    dens = spec.get("density", "")
    if dens == "esig":
        return m  # an electronic seal: flat ink
    if dens == "heavy":  # pressed hard with a wet pad: strokes spread, ink nearly solid
        m = np.asarray(Image.fromarray((m * 255).astype(np.uint8)).filter(ImageFilter.MaxFilter(5)), np.float32) / 255
        m = np.asarray(Image.fromarray((m * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2)), np.float32) / 255
        return m * np.where(g.random(m.shape) < 0.03, 0.8, 1.0)
    m = m * np.where(g.random(m.shape) < 0.08, 0.3, 0.9)
    if dens == "faint":
        m = m * 0.42
    elif dens == "uneven":  # one side pressed harder: from full ink on the left to a third on the right
        ramp = np.linspace(1.0, 0.3, m.shape[1])[None, :]
        m = m * ramp
    return m


def stamp29(leaf, cx_mm, cy_mm, name, r_mm=21, ink=RED, seed=0, purpose=""):
    spec = SPECS.get(name)
    if spec is None:
        return _stamp0(leaf, cx_mm, cy_mm, name, r_mm, ink, seed, purpose)
    dx, dy = spec.get("at", (0, 0))
    if spec.get("shape") != "none":
        T.ink_over(leaf, seal_array(spec, r_mm, seed), cx_mm + dx, cy_mm + dy, spec.get("ink", ink))
    for extra in spec.get("also", ()):  # a second seal beside it: the head's square name seal
        T.ink_over(leaf, seal_array(extra, r_mm, seed + 1), cx_mm + extra["at"][0], cy_mm + extra["at"][1], extra.get("ink", ink))


T.stamp = P22.stamp = stamp29
_seal_of0 = P22.seal_of


def seal_of29(p, v, doc, year=None):
    """probe22's seal of a document, but the seal this round gives it first (probe22 stamps a pre-2019 proof with
    the unit's former name whatever ``v["seals"]`` says)."""
    return v.get("seals", {}).get(doc) or _seal_of0(p, v, doc, year)


P22.seal_of = seal_of29


def riding_halves(leaves, spec):
    """A 骑缝章: the sheets fanned out to the right and stamped once across their edges; sheet i keeps the i-th of
    len(leaves) vertical slices of the seal at its right edge."""
    m = seal_array(spec, 21, 29)
    n, w = len(leaves), m.shape[1]
    for i, leaf in enumerate(leaves):
        part = np.zeros_like(m)
        a, b = w * i // n, w * (i + 1) // n
        part[:, a:b] = m[:, a:b]
        # the slice's left side lies at the page's right edge minus its width
        cx = leaf.img.width / MM - (b - a) / MM + (w / 2 - a) / MM - 1
        T.ink_over(leaf, part, cx, 150, RED)


def second_page(p):
    s = Leaf("rec29b" + p["name"])
    s.text(105, 16, "专业技术资格评审推荐表（续）", 16, "hei", anchor="ma")
    s.text(22, 34, "任现职以来主要专业技术工作业绩：", 12)
    for i, t in enumerate(("1. 参与辖区环境质量监测与评价工作，编制年度环境质量报告。",
                           "2. 负责污染源排查与数据分析，提出整改建议并被采纳。",
                           "3. 参与突发环境事件应急监测，按时报送监测数据。")):
        s.text(26, 46 + 10 * i, t, 12)
    s.text(22, 100, "以上情况属实。", 12)
    return s


def publicity_pdf(p, v, path: Path, spec):
    """A born-digital 公示结果 PDF: its words in the text layer, the unit's electronic seal a transparent PNG."""
    from fpdf import FPDF

    name = P22.shown_name(p, v, "pub")
    m = seal_array(spec, 21, 2)
    rgba = np.zeros(m.shape + (4,), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = 230, 0, 18
    rgba[..., 3] = (m.clip(0, 1) * 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, "PNG")
    buf.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf = FPDF(unit="mm", format="A4")
        pdf.add_font("hei", "", T.FONTS["hei"])
        pdf.add_page()
        pdf.set_font("hei", size=17)
        pdf.set_xy(20, 24)
        pdf.cell(170, 10, "关于申报专业技术资格人员的公示结果", align="C")
        pdf.set_font("hei", size=13)
        body = (f"\u3000\u3000我单位已于2024年10月14日至2024年10月18日将{name}同志申报{p['level']}专业技术资格的材料在单位"
                "内部进行公示。公示期间，未收到任何单位和个人的异议。")
        pdf.set_xy(20, 50)
        pdf.multi_cell(170, 9, body)
        pdf.set_xy(20, pdf.get_y() + 4)
        pdf.multi_cell(170, 9, "\u3000\u3000特此证明。")
        pdf.set_xy(100, 140)
        pdf.cell(80, 8, P22.shown_unit(p, v, "pub"), align="R")
        pdf.set_xy(100, 150)
        pdf.cell(80, 8, "2024年10月21日", align="R")
        side = m.shape[0] / MM
        pdf.image(buf, x=150 - side / 2, y=142 - side / 2, w=side, h=side)
        pdf.output(str(path))


def code13(seed):
    return f"2104{seed % 10}{(seed * 7919) % 100000000:08d}"


def uscc(seed):
    return f"12210{seed % 10}00MB{(seed * 104729) % 1000000:06d}X"


UNIT = {k: P22.PEOPLE[k].get("seal", P22.PEOPLE[k]["unit"]) for k in P22.PEOPLE}

SET = [
    # (key, person, {doc: seal spec}, extras, planted rule(s))
    ("C01", "C", {y: {"name": UNIT["C"] + "组织人事科"} for y in (2021, 2022, 2023)}, {}, None),
    ("C02", "D", {"rec": {"name": UNIT["D"] + "办公室"}}, {}, None),
    ("C03", "A", {y: {"name": UNIT["A"], "purpose": "人事专用章"} for y in (2021, 2022, 2023)}, {}, None),
    ("C04", "D", {"proof": {"name": UNIT["D"], "shape": "oval", "purpose": "财务专用章", "code": code13(4)}}, {}, None),
    ("C05", "A", {"proof": {"name": UNIT["A"], "purpose": "财务专用章"}}, {}, None),
    ("C06", "C", {d: {"name": UNIT["C"], "code": code13(6)} for d in ("rec", "pub", 2021, 2022, 2023)}, {}, None),
    ("C07", "E", {d: {"name": UNIT["E"], "code": uscc(7)} for d in ("rec", "pub", 2021, 2022, 2023)}, {}, None),
    ("C08", "B", {d: {"name": UNIT["B"], "two_ring": True} for d in ("rec", "pub", 2021, 2022, 2023)}, {}, None),
    ("C09", "C", {}, {"riding": {"name": UNIT["C"]}}, None),
    ("C10", "C", {2021: {"name": "抚顺县环境监测站"}}, {"renamed": "抚顺县环境监测站", "alias": True}, None),
    ("C11", "C", {2021: {"name": "抚顺县环境监测站"}}, {"renamed": "抚顺县环境监测站"}, None),
    ("C12", "E", {}, {"epub": {"name": UNIT["E"], "density": "esig"}}, None),
    ("C13", "D", {d: {"name": UNIT["D"], "density": "faint"} for d in ("rec", "pub", 2021, 2022, 2023)}, {}, None),
    ("C14", "B", {d: {"name": UNIT["B"], "density": "heavy"} for d in ("rec", "pub", 2021, 2022, 2023)}, {}, None),
    ("C15", "E", {d: {"name": UNIT["E"], "density": "uneven"} for d in ("rec", "pub", 2021, 2022, 2023)}, {}, None),
    ("C16", "A", {"rec": {"name": UNIT["A"], "at": (-62, 0),
                          "also": [{"name": "刘建国印", "shape": "square", "at": (-10, 2)}]}}, {}, None),
    ("C17", "E", {"pub": {"name": UNIT["E"] + "党政办公室"}}, {}, None),
    # planted
    ("P01", "C", {"rec": {"name": UNIT["C"] + "党委"}}, {}, "seal.unit"),
    ("P02", "D", {2022: {"name": UNIT["D"] + "工会委员会"}}, {}, "seal.unit"),
    ("P03", "A", {"rec": {"name": UNIT["A"], "purpose": "合同专用章"}}, {}, "seal.unit"),
    ("P04", "E", {2023: {"name": UNIT["E"], "shape": "oval", "purpose": "财务专用章"}}, {}, "seal.unit"),
    ("P05", "C", {"pub": {"name": UNIT["C"], "shape": "oval", "purpose": "发票专用章", "code": "91210421MA0T5K2X3L"}}, {}, "seal.unit"),
    ("P06", "B", {"rec": {"name": "抚顺市自然资源局顺城分局", "two_ring": True}}, {}, "seal.unit"),
    ("P07", "D", {2021: {"name": "抚顺市生态环境局东洲分局", "code": code13(17)}}, {}, "seal.unit"),
    ("P08", "E", {}, {"epub": {"name": "抚顺市东洲区生态环境保护服务中心", "density": "esig"}}, "seal.unit"),
    ("P09", "C", {}, {"sealless": 2022}, "seal.present"),
    ("P10", "A", {"rec": {"name": "NONE", "shape": "none"}}, {"riding": {"name": UNIT["A"]}}, ["seal.present", "seal.unit"]),
    ("P11", "D", {"rec": {"name": "抚顺市自然资源局人事处"}}, {}, "seal.unit"),
    ("P12", "B", {2023: {"name": "抚顺市生态环境局新抚分局", "density": "faint"}}, {}, "seal.unit"),
    ("P13", "E", {"rec": {"name": "抚顺市望花区生态环境事务服务中心", "at": (-62, 0)}}, {}, "seal.unit"),
    ("P14", "A", {2021: {"name": UNIT["A"] + "党支部"}}, {}, "seal.unit"),
    ("P15", "A", {"proof": {"name": "抚顺市新抚区财政局", "shape": "oval", "purpose": "财务专用章"}}, {}, "seal.unit"),
    ("P16", "B", {"pub": {"name": "抚顺市生态环境局望花分局", "density": "heavy"}}, {}, "seal.unit"),
    ("P17", "C", {"rec": {"name": UNIT["C"], "purpose": "合同专用章", "code": code13(27)}}, {}, "seal.unit"),
    ("P18", "D", {"rec": {"name": "NONE", "shape": "none", "also": [{"name": "赵立新印", "shape": "square", "at": (0, 0)}]}},
     {}, ["seal.present", "seal.unit"]),
]


def main():
    root = OUT / "set"
    if root.exists():
        shutil.rmtree(root)
    key = {}
    for k, who, seals, extra, planted in SET:
        p = dict(P22.PEOPLE[who])
        SPECS.clear()
        v = {"ds": "cn", "seals": {}, "units": {}}
        for doc, spec in seals.items():
            tok = f"§{k}-{doc}"
            SPECS[tok] = dict(spec)
            v["seals"][doc] = tok
            if spec.get("shape") == "none":  # a form whose slot for the unit's seal holds only what "also" names
                SPECS[tok] = dict(spec, name=tok)
        if extra.get("renamed"):
            v["units"][2021] = extra["renamed"]
            if extra.get("alias"):
                p["aliases"] = [extra["renamed"]]
        if extra.get("sealless"):
            v["ass_sealless"] = extra["sealless"]
        docs = P22.dossier(p, v)
        folder = root / k
        if extra.get("riding"):
            leaves = docs[0][1] + [second_page(p)]
            riding_halves(leaves, extra["riding"])
            folder.mkdir(parents=True, exist_ok=True)
            leaves[0].img.save(folder / "推荐表.pdf", "PDF", save_all=True, append_images=[x.img for x in leaves[1:]],
                               resolution=T.DPI)
            docs = docs[1:]
        if extra.get("epub"):
            folder.mkdir(parents=True, exist_ok=True)
            publicity_pdf(p, v, folder / "公示.pdf", extra["epub"])
            docs = [d for d in docs if d[0] != "公示"]
        P22.write(folder, docs)
        (folder / "applicant.yaml").write_text(P22.yaml_text(p, v), encoding="utf-8")
        key[k] = {"planted": planted, "pack": "seals29", "person": who,
                  "variant": {"seals": {str(a): str(b) for a, b in seals.items()}, **{a: str(b) for a, b in extra.items()}}}
    (OUT / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print(len(key), "dossiers in", root)


if __name__ == "__main__":
    main()
