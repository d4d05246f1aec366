"""Probe round 37 (issue 13, "verdicts a desk can trust"): PAGE GEOMETRY, RESOLUTION AND PAPER SIZE AS REAL SCANNERS
AND AN OUTSIDE TEAM PRODUCE THEM. Every earlier round drew A4 pages at 150-300 dpi; a held-out set made elsewhere
scans at whatever its scanner's default is, on whatever paper the document was printed on. This round draws round
34's page model (loaded through round 36, its helpers too; text, rules, seals and hand-like values placed in
millimetres, seals at their real size of 38-42 mm whatever the paper) in the Debian faces (AR PL UMing/UKai,
WenQuanYi Zen Hei) for half the dossiers and round 34's Noto CJK / LXGW WenKai faces for the other half, and hands the
pages in at other resolutions and geometries:

- resolution: one applicant's dossier (the same seal, signature and text) as 600-dpi colour PNGs, 600-dpi JPEG scans
  (quality 92), 400-dpi TIFFs (LZW), 400-dpi JPEG scans and 150-dpi JPEG scans, each file tagged with its dpi;
- paper: an A5 award certificate and an A5 assessment form (the A4 layout reduced, the seal still 38-42 mm), a B5
  retrieval proof, a 16K (184 x 260 mm) journal cover, a US Letter publicity and recommendation form, an A3 landscape
  honour certificate of its own layout, an A3 landscape sheet holding an assessment form and its 填表说明 side by side;
- the flatbed: an A5 certificate scanned on an A4 flatbed (40-60 % of the scan, the rest the scanner lid: white, grey
  or black, the certificate a little turned in the corner), an ID card at its real 85.6 x 54 mm alone on an A4 scan,
  both sides at real size on one A4, and the front as a card-sized image (a scanner's auto-crop);
- PDFs: pages with /Rotate 90, 180 and 270 whose content is stored turned so that each shows upright (scans and a
  born-digital text layer); a CropBox smaller than the MediaBox (an A3 two-up sheet cropped to its left half: what
  lies outside the crop box is no part of the page); A4, A5 and A3 pages in one PDF; a 600-dpi scan placed on an A4
  page and a 96-dpi screenshot on another. /UserUnit is not probed: PDFium (pypdfium2, the project's reader) ignores
  it (a page of /UserUnit 2 reads 595 x 842 points), so a page drawn for it would only test PDFium;
- seals at 38-42 mm at every resolution, and one dossier whose seals are all 30 mm at 150 dpi.

Planted (22, P01-P22) from DOSSIER.md's rule table on these geometries: a 检测站 seal for the 监测站 (one character)
on a 600-dpi JPEG, 抚顺市环境科学研究所 for …研究院 at 400-dpi TIFF and at 150 dpi; an unsealed assessment form on A5;
an unsigned recommendation form at 150 dpi and an unsigned education verification at 600 dpi; a 2020 assessment form
for 2022 on an A3 landscape sheet; an ISSN with a bad check digit on a 16K cover; the ID card on the right half of an
A3 two-up sheet whose CropBox shows only the left half (born-digital, its text layer still holding the card's text;
and as a scan); a title certificate a year off on an A4 flatbed (black lid); a colleague's name on an A5 award on a
flatbed; a card one digit off (check digit invalid) at real size on one A4 at 150 dpi; a card's number valid but
another at 600 dpi, card alone on a page; an A3 landscape award dated before the title; a four-day publicity on US
Letter at 400 dpi; the bureau's seal on a publicity with /Rotate 90; the retrieval proof unsealed where every seal is
30 mm at 150 dpi; a five-digit CN serial on a 16K cover in a PDF of mixed page sizes; a sister unit's seal on a
600-dpi scan placed in a PDF; a retrieval proof on B5 naming another title; a 研究所 seal for the 研究院 where every
seal is 30 mm at 150 dpi.

Clean (16): the same applicant as 600-dpi PNG, 600-dpi JPEG, 400-dpi TIFF, 150-dpi JPEG; paper sizes mixed (A5, B5,
16K, Letter, A3 landscape) as PNG; small certificates on flatbeds (white, grey, black lids) and the card alone; both
card sides on one A4 and a card-sized image; /Rotate 90/180/270 scans; /Rotate born-digital pages; a CropBox hiding a
colleague's form (another name, another unit's seal) on the sheet's right half, born-digital and scanned; A4+A5+A3 in
one PDF; a 600-dpi scan and a 96-dpi screenshot in a PDF; all seals 30 mm at 150 dpi; an A3 landscape certificate
among A4 pages, all at 600 dpi (70 Mpx: read reduced).

    PROBE_OUT=/tmp/t37 python scripts/probe_trust37/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/t37.sqlite
    PROBE_OUT=/tmp/t37 python scripts/probe_trust37/score.py OUT [-v]

``PROBE_ONLY="R37-C01 R37-P05"`` makes only those dossiers. Needs what rounds 34-36 need (Pillow, numpy, fpdf2,
python-stdnum, pypdfium2, the Debian CJK fonts; Noto CJK and LXGW WenKai used where installed).
"""
from __future__ import annotations

import copy
import io
import json
import os
import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/t37"))
ONLY = os.environ.get("PROBE_ONLY", "").split()

P36 = load_round(36, "probe36_for37")
P35 = P36.P35
R = P36.R  # round 34's page model and documents, as rounds 35 and 36 loaded it

#: paper sizes in mm (portrait unless named L)
PAPER = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0), "16K": (184.0, 260.0),
         "Letter": (215.9, 279.4), "A3L": (420.0, 297.0), "A5L": (210.0, 148.0)}
CARD = (85.6, 54.0)
LIDS = {"white": (248, 248, 246), "grey": (132, 132, 130), "black": (18, 18, 20)}
NEAR = {"抚顺市环境科学研究院": "抚顺市环境科学研究所"}  # one character away (round 34's NEAR1)
TITLES = ["抚顺市城区环境空气臭氧污染特征分析", "浑河流域典型断面水质变化趋势研究", "工业固体废物综合利用途径探讨"]
J = P36.J

#: key suffix, planted rule or None, how, capture, dpi, face set, {page name: geometry}
#: capture: png | jpg | tif (files), pdf (scans in one PDF), born (fpdf2 text layer); geometry per page:
#: paper name (refitted), "flat:<lid>:<paper>" (a small document on an A4 flatbed), "card1" (the card alone on an A4
#: scan), "card2" (both sides at real size on one A4), "cardimg" (the card as a card-sized picture), "rot<deg>",
#: "twoup" (on an A3 sheet's left half, cropped to it), "A3form" (an A3 landscape sheet with 填表说明 beside it),
#: "dpi600" / "dpi96" (the page's picture at that resolution in a PDF)
CASES = [
    ("C01", None, "same_600png", "png", 600, "deb", {}),
    ("C02", None, "same_600jpg", "jpg", 600, "deb", {}),
    ("C03", None, "same_400tif", "tif", 400, "deb", {}),
    ("C04", None, "same_150jpg", "jpg", 150, "deb", {}),
    ("C05", None, "paper_sizes", "png", 300, "noto", {"推荐表": "Letter", "公示": "Letter", "考核2021": "A5",
                                                      "检索": "B5", "封面": "16K", "获奖": "A3L"}),
    ("C06", None, "flatbed_lids", "jpg", 300, "deb", {"获奖": "flat:white:A5", "职称证书": "flat:grey:A5",
                                                      "继续教育": "flat:black:A5", "身份证": "card1"}),
    ("C07", None, "card_sides", "jpg", 300, "noto", {"身份证": "card2", "获奖": "flat:grey:A5"}),
    ("C08", None, "card_image", "png", 300, "deb", {"身份证": "cardimg", "考核2023": "A5"}),
    ("C09", None, "rotate_scans", "pdf", 300, "deb", {"推荐表": "rot90", "考核2022": "rot180", "职称证书": "rot270",
                                                      "身份证": "rot90"}),
    ("C10", None, "rotate_born", "born", 300, "noto", {"公示": "rot90", "考核2021": "rot270", "学历": "rot180"}),
    ("C11", None, "crop_colleague_born", "born", 300, "noto", {"考核2022": "twoup", "推荐表": "twoup"}),
    ("C12", None, "crop_colleague_scan", "pdf", 300, "deb", {"考核2023": "twoup", "学历": "twoup"}),
    ("C13", None, "mixed_sizes_pdf", "pdf", 300, "noto", {"获奖": "A5", "考核2021": "A3form", "评定表": "A3L",
                                                          "封面": "16K"}),
    ("C14", None, "odd_dpi_pdf", "pdf", 200, "deb", {"推荐表": "dpi600", "学历": "dpi600", "公示": "dpi96",
                                                     "继续教育": "dpi96"}),
    ("C15", None, "small_seals_150", "jpg", 150, "deb", {}),
    ("P01", "seal.unit", "jiance_600jpg", "jpg", 600, "deb", {}),
    ("P02", "seal.unit", "near1_400tif", "tif", 400, "noto", {}),
    ("P03", "seal.unit", "near1_150jpg", "jpg", 150, "deb", {}),
    ("P04", "seal.present", "unsealed_a5", "png", 300, "noto", {"考核2022": "A5"}),
    ("P05", "signature.present", "rec_unsigned_150", "jpg", 150, "deb", {}),
    ("P06", "signature.present", "edu_unsigned_600png", "png", 600, "noto", {}),
    ("P07", "assessment.years", "year2020_a3", "jpg", 300, "deb", {"考核2022": "A3form"}),
    ("P08", "journal.issn", "bad_check_16k", "png", 300, "noto", {"封面": "16K"}),
    ("P09", "dossier.required", "card_cropped_born", "born", 300, "noto", {"评定表": "twoup_card"}),
    ("P10", "dossier.required", "card_cropped_scan", "pdf", 300, "deb", {"评定表": "twoup_card"}),
    ("P11", "title.date", "year_off_flatbed", "jpg", 300, "deb", {"职称证书": "flat:black:A5"}),
    ("P12", "identity.name", "colleague_award_flatbed", "jpg", 300, "noto", {"获奖": "flat:white:A5"}),
    ("P13", "identity.id_number", "bad_check_card2_150", "jpg", 150, "deb", {"身份证": "card2"}),
    ("P14", "identity.id_number", "valid_other_card1_600", "jpg", 600, "noto", {"身份证": "card1"}),
    ("P15", "evidence.after_title", "award_before_a3l", "png", 300, "deb", {"获奖": "A3L"}),
    ("P16", "publicity.duration", "pub4_letter_400", "tif", 400, "noto", {"公示": "Letter"}),
    ("P17", "seal.unit", "bureau_pub_rot90", "pdf", 300, "deb", {"公示": "rot90"}),
    ("P18", "seal.present", "ret_unsealed_small_150", "jpg", 150, "deb", {}),
    ("P19", "journal.cn", "cn5_16k_mixed_pdf", "pdf", 300, "noto", {"封面": "16K", "获奖": "A5", "考核2021": "A3form"}),
    ("P20", "seal.unit", "sister_600_in_pdf", "pdf", 200, "deb", {"考核2023": "dpi600", "推荐表": "dpi600"}),
    ("P21", "paper.retrieval", "ret_other_title_b5", "jpg", 400, "noto", {"检索": "B5"}),
    # the two ends: an A3 landscape certificate among A4 pages all at 600 dpi (70 Mpx, past the decoder's 40 Mpx),
    # another body's seal one character away where every seal is 30 mm at 150 dpi
    ("C16", None, "a3_600tif", "tif", 600, "noto", {"获奖": "A3L"}),
    ("P22", "seal.unit", "near1_small_150", "jpg", 150, "deb", {}),
]
SMALL_SEALS = {"small_seals_150", "ret_unsealed_small_150", "near1_small_150"}
SAME = {"same_600png", "same_600jpg", "same_400tif", "same_150jpg"}  # one applicant, four captures


# ------------------------------------------------------------------ faces


def set_person_faces(p, faces, rng):
    if faces == "deb":
        p["body"] = rng.choice(["uming", "wqy"])
        p["head"], p["hand"] = "wqy", "ukai"


# ------------------------------------------------------------------ geometry on the page model
def refit(page, W, H, keep=("seal",)):
    """``page`` (A4, mm) drawn on paper ``W`` x ``H`` mm: every position and text height scaled by the factor that fits
    A4 into it, centred; seals (``keep``) keep their real size, signatures at least 80 % of theirs."""
    f = min(W / page.W, H / page.H)
    dx, dy = (W - page.W * f) / 2, (H - page.H * f) / 2
    q = copy.copy(page)
    q.W, q.H = W, H
    ops = []
    for op in page.ops:
        k = op[0]
        if k == "text":
            ops.append((k, op[1] * f + dx, op[2] * f + dy, op[3] * f) + op[4:])
        elif k == "line":
            ops.append((k, op[1] * f + dx, op[2] * f + dy, op[3] * f + dx, op[4] * f + dy, op[5]))
        elif k in ("rect", "fill"):
            ops.append((k, op[1] * f + dx, op[2] * f + dy, op[3] * f, op[4] * f) + op[5:])
        elif k == "seal":
            ops.append((k, op[1] * f + dx, op[2] * f + dy) + op[3:])
        elif k == "sign":
            ops.append((k, op[1] * f + dx, op[2] * f + dy, op[3] * max(f, 0.8)) + op[4:])
        else:
            ops.append(op)
    q.ops = ops
    return q


def shifted(page, dx, dy, W, H):
    """``page``'s ops moved by (dx, dy) mm onto paper of ``W`` x ``H``."""
    q = copy.copy(page)
    q.W, q.H = W, H
    ops = []
    for op in page.ops:
        k = op[0]
        if k == "line":
            ops.append((k, op[1] + dx, op[2] + dy, op[3] + dx, op[4] + dy, op[5]))
        elif k in ("text", "rect", "fill", "seal", "sign"):
            ops.append((k, op[1] + dx, op[2] + dy) + op[3:])
    q.ops = ops
    return q


def side_by_side(left, right):
    """Two A4 pages on one A3 landscape sheet."""
    out = shifted(left, 0, 0, 420.0, 297.0)
    out.ops = out.ops + shifted(right, 210.0, 0, 420.0, 297.0).ops
    return out


def card_pages(p, card_id=None):
    """Round 34's card copy (both sides at 1.3 times) brought to the card's real 85.6 x 54 mm: (both sides on one A4
    page, the front alone on an A4 page, the front as a page of the card's own size)."""
    s = R.idcard(p, random.Random(0), card_id)
    f = 1 / 1.3
    x0, y0 = 48.0, 40.0
    both = copy.copy(s)
    ops = [op for op in s.ops if not (op[0] == "text" and op[5] == "居民身份证复印件")]
    both.ops = []
    for op in ops:
        k = op[0]
        if k in ("text", "rect"):
            nx, ny = 30 + (op[1] - x0) * f, 40 + (op[2] - y0) * f
            both.ops.append((k, nx, ny, op[3] * f, op[4] * f if k == "rect" else op[4]) + op[5:])
    both.ops.insert(0, ("text", 30, 25, 4.2, p["body"], "身份证正反面复印件", (0, 0, 0)))
    front = copy.copy(both)
    front.ops = [op for op in both.ops[1:] if op[2] < 40 + CARD[1]]
    alone = shifted(front, 0, 0, 210.0, 297.0)
    card = shifted(front, -30, -40, CARD[0], CARD[1])
    return both, alone, card


def award_landscape(p, rng, seals, title, issuer, date, name=None):
    """An honour certificate of its own landscape layout, drawn on A3 landscape (420 x 297 mm)."""
    s = R.Page("serif", "serif_b")
    s.W, s.H = 420.0, 297.0
    s.ops.append(("rect", 14, 14, 392, 269, 2.4))
    s.ops.append(("rect", 20, 20, 380, 257, 0.6))
    s.y = 52
    s.center("荣 誉 证 书", 22.0, black=True)
    s.y += 22
    s.para(f"{name or p['name']}同志：", 9.0, x=60, width=300, indent=False)
    s.para(f"您参与完成的“{p['project']}”项目，荣获{title}。", 9.0, x=60, width=300)
    s.para("特发此证，以资鼓励。", 9.0, x=60, width=300)
    s.y += 26
    s.text(250, issuer, 8.0)
    s.y += 15
    s.text(268, R.date_str(date, p["ds2"] if p["ds2"] != 4 else 0), 8.0)
    s.seal(300, s.y - 10, seals[issuer], rng.uniform(-15, 15))
    return s


def notes_page(p):
    """A 填表说明 half-sheet, as printed on the back of an A3 assessment form."""
    s = R.Page(p["body"], p["head"])
    s.y = 40
    s.center("填 表 说 明", 6.6)
    s.y += 4
    for t in ["一、本表由工作人员本人填写个人总结，主管领导填写考核意见。", "二、考核等次分为优秀、合格、基本合格、不合格。",
              "三、本表一式两份，一份存入本人档案，一份由单位留存。", "四、填写时字迹应清楚、工整，不得涂改。"]:
        s.para(t, 4.4, indent=False)
    return s


# ------------------------------------------------------------------ capture
def rgb_page(page, dpi, seal_d=None):
    """The page rasterised at ``dpi`` (seals ``seal_d`` mm across where given)."""
    if seal_d:
        page = copy.copy(page)
        page.ops = [op[:3] + (dict(op[3], d=seal_d),) + op[4:] if op[0] == "seal" else op for op in page.ops]
    return P35.raster(page, dpi)


def on_flatbed(im, dpi, lid, rng):
    """A small document's picture at ``dpi`` laid in an A4 flatbed's corner, a little turned, the lid around it."""
    W, H = int(210 / 25.4 * dpi), int(297 / 25.4 * dpi)
    bed = Image.new("RGB", (W, H), LIDS[lid])
    doc = im.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC, expand=True, fillcolor=LIDS[lid])
    off = int(rng.uniform(2, 6) / 25.4 * dpi)
    bed.paste(doc, (off, off))
    return bed


def scanned(im, rng, light=False):
    """A scan's look (round 34's: grey paper, noise, a slight turn, blur); ``light``: only a tint and a faint blur
    (a scanner's lossless output, which noise would make many times larger)."""
    if not light:
        return R.as_scan(im, rng)
    a = np.asarray(im).astype(np.float32) * rng.uniform(0.93, 0.97) + rng.uniform(4, 10)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def page_picture(name, page, geo, dpi, rng, seal_d=None):
    """The picture of one page under ``geo`` at ``dpi`` (None: a plain page) and its paper size in mm."""
    if geo and geo.startswith("flat:"):
        _, lid, paper = geo.split(":")
        small = refit(page, *PAPER[paper])
        return on_flatbed(rgb_page(small, dpi, seal_d), dpi, lid, rng), PAPER["A4"]
    if geo == "dpi600":
        return rgb_page(page, 600, seal_d), (page.W, page.H)
    if geo == "dpi96":
        return rgb_page(page, 96, seal_d), (page.W, page.H)
    return rgb_page(page, dpi, seal_d), (page.W, page.H)


def geometry_pages(pages, geos, p, extra):
    """The dossier's pages with each page's geometry applied in the page model: refits, cards, A3 sheets. Returns
    [(name, page, geo)] where geo is what the capture still has to do (flatbed, rotate, crop, dpi)."""
    out = []
    for name, s in pages:
        g = geos.get(name)
        if g in PAPER:
            s = award_landscape(*extra["award_l"]) if (g == "A3L" and name == "获奖") else refit(s, *PAPER[g])
            g = None
        elif g == "A3form":
            s, g = side_by_side(notes_page(p), s), None
        elif g in ("card1", "card2", "cardimg"):
            both, alone, card = card_pages(p, extra.get("card_id"))
            s, g = {"card1": alone, "card2": both, "cardimg": card}[g], ("cardimg" if g == "cardimg" else None)
        elif g in ("twoup", "twoup_card"):
            right = extra["colleague_form"] if g == "twoup" else extra["card_page"]
            s, g = side_by_side(s, right), "crop"
        out.append((name, s, g))
    return out


def pdf_of_pictures(items, path):
    """fpdf2 pages of each picture's paper size, the picture filling it (JPEG inside)."""
    from fpdf import FPDF
    pdf = FPDF(unit="mm")
    for im, (w, h), q in items:
        pdf.add_page(format=(w, h))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=q)
        buf.seek(0)
        pdf.image(buf, x=0, y=0, w=w, h=h)
    pdf.output(str(path))


def born_digital_sized(pages, path):
    """Round 34's fpdf2 writer (it writes every page A4), each page added at its own paper size: fpdf's FPDF stands
    in for the call by a subclass that takes each page's format from the list in turn."""
    import fpdf

    sizes = [(s.W, s.H) for _, s in pages]

    class Sized(fpdf.FPDF):
        def add_page(self, *a, **kw):
            kw.setdefault("format", sizes.pop(0))
            super().add_page(*a, **kw)

    plain, fpdf.FPDF = fpdf.FPDF, Sized
    try:
        R.born_digital(pages, path)
    finally:
        fpdf.FPDF = plain


def place(dst, src, k, page, m):
    import pypdfium2 as pdfium
    po = src.page_as_xobject(k, dst).as_pageobject()
    po.transform(pdfium.PdfMatrix(*m))
    page.insert_obj(po)
    page.gen_content()


def finish_pdf(path, geos):
    """The PDF's pages turned and cropped as ``geos`` (one per page) says, by PDFium: "rot90" stores the page's
    content turned 90 degrees counter-clockwise on a page of swapped size with /Rotate 90 (a viewer shows it upright;
    likewise 180 and 270); "crop" sets the CropBox to the sheet's left half."""
    import pypdfium2 as pdfium
    if not any(geos):
        return
    src = pdfium.PdfDocument(str(path))
    dst = pdfium.PdfDocument.new()
    for k, g in enumerate(geos):
        W, H = src[k].get_size()
        if g in ("rot90", "rot180", "rot270"):
            rot = int(g[3:])
            size, m = {90: ((H, W), (0, 1, -1, 0, H, 0)), 270: ((H, W), (0, -1, 1, 0, 0, W)),
                       180: ((W, H), (-1, 0, 0, -1, W, H))}[rot]
            page = dst.new_page(*size)
            place(dst, src, k, page, m)
            page.set_rotation(rot)
        else:
            page = dst.new_page(W, H)
            place(dst, src, k, page, (1, 0, 0, 1, 0, 0))
            if g == "crop":
                page.set_cropbox(0, 0, W / 2, H)
    tmp = path.with_suffix(".tmp.pdf")
    dst.save(str(tmp))
    src.close()
    dst.close()
    tmp.replace(path)
    check = pdfium.PdfDocument(str(path))
    for k, g in enumerate(geos):  # each page shows upright: its first ink near its top, as drawn
        if g and g.startswith("rot"):
            a = np.asarray(check[k].render(scale=0.2).to_pil().convert("L")) < 128
            ys = np.nonzero(a.any(axis=1))[0]
            assert ys.size and ys[0] < a.shape[0] * 0.3, f"{path.name} page {k + 1} not upright"
    check.close()


def save(folder, items, capture, dpi, rng, seal_d=None):
    """The dossier's pages (``items``: [(name, page, geo)]) handed in as ``capture`` at ``dpi``."""
    folder.mkdir(parents=True, exist_ok=True)
    if capture == "born":
        path = folder / "申报材料.pdf"
        born_digital_sized([(n, s) for n, s, _ in items], path)
        finish_pdf(path, [g if g in ("crop", "rot90", "rot180", "rot270") else None for _, _, g in items])
        return
    if capture == "pdf":
        pics, geos = [], []
        for n, s, g in items:
            im, size = page_picture(n, s, g, dpi, rng, seal_d)
            if g == "dpi96":
                pics.append((im, size, 90))  # a screenshot: no scan's look
            else:
                pics.append((R.as_scan(im, rng), size, rng.randint(75, 88)))
            geos.append(g if g in ("crop", "rot90", "rot180", "rot270") else None)
        path = folder / "扫描件.pdf"
        pdf_of_pictures(pics, path)
        finish_pdf(path, geos)
        return
    for k, (n, s, g) in enumerate(items, 1):
        im, _ = page_picture(n, s, g, dpi, rng, seal_d)
        stem = f"{k:02d}_{n}"
        if capture == "png":
            scanned(im, rng, light=True).save(folder / f"{stem}.png", dpi=(dpi, dpi))
        elif capture == "tif":
            scanned(im, rng, light=True).save(folder / f"{stem}.tif", compression="tiff_lzw", dpi=(dpi, dpi))
        else:
            q = 92 if dpi >= 400 else rng.randint(78, 90)
            scanned(im, rng).save(folder / f"{stem}.jpg", quality=q, dpi=(dpi, dpi))


# ------------------------------------------------------------------ dossiers
def build(i, rule, how, faces, seals):
    """The applicant's pages (round 34's documents) with ``how``'s defect planted, and what the page geometries
    need besides (a colleague's form, the card's page, the landscape award's arguments)."""
    seed = 37000 if how in SAME else 37000 + i  # the four SAME dossiers: one applicant, one rng stream
    rng = random.Random(seed)
    unit = {"jiance_600jpg": ("抚顺市生态环境监测站", "institution"),
            "near1_400tif": ("抚顺市环境科学研究院", "institution"), "near1_150jpg": ("抚顺市环境科学研究院", "institution"),
            "near1_small_150": ("抚顺市环境科学研究院", "institution"),
            "bureau_pub_rot90": ("抚顺市生态环境保护服务中心", "institution"),
            "sister_600_in_pdf": ("抚顺市环境科学研究院", "institution")}.get(how)
    if unit is None:
        unit = [("抚顺市生态环境监测站", "institution"), ("抚顺市环境科学研究院", "institution"),
                ("抚顺市生态环境保护服务中心", "institution")][(0 if how in SAME else i) % 3]
    ni = 0 if how in SAME else i
    p = R.person(ni % len(R.NAMES), rng, seals, unit)
    p["name"] = P36.NAMES[(ni * 7 + 3) % len(P36.NAMES)]
    set_person_faces(p, faces, rng)
    colleague = P36.NAMES[(ni * 7 + 11) % len(P36.NAMES)]
    pages, papers, awards = [], [], []
    add = lambda n, s: pages.append((n, s))  # noqa: E731
    rec = R.recommendation(p, rng, signed=how != "rec_unsigned_150")
    if how == "sister_600_in_pdf":
        rec = R.recommendation(P36.with_seal(p, seals[P36.SISTER[p["unit"]]]), rng)
    add("推荐表", rec)
    if how == "pub4_letter_400":  # 2024-09-09..09-12: four working days
        add("公示", R.publicity(p, rng, "2024-09-09", "2024-09-12"))
    elif how == "bureau_pub_rot90":
        add("公示", R.publicity(P36.with_seal(p, seals[P36.BUREAU]), rng))
    else:
        add("公示", R.publicity(p, rng))
    for y in (2021, 2022, 2023):
        seal = None
        if how == "jiance_600jpg" and y == 2023:
            seal = seals[P36.JIANCE]
        if how in ("near1_400tif", "near1_150jpg", "near1_small_150") and y == 2022:
            seal = seals[NEAR[p["unit"]]]
        s = R.assessment(p, rng, 2020 if (how == "year2020_a3" and y == 2022) else y, seal=seal)
        if how == "unsealed_a5" and y == 2022:
            P36.drop(s, "seal")
        add(f"考核{y}", s)
    add("学历", R.education(p, rng, signed=how != "edu_unsigned_600png"))
    add("继续教育", R.continuing(p, rng, seals))
    card_id = None
    if how == "bad_check_card2_150":  # the serial one digit off, the check digit kept: invalid
        card_id = p["id"][:15] + str((int(p["id"][15]) + 4) % 10) + p["id"][16:]
    elif how == "valid_other_card1_600":
        card_id = P36.valid_variant(p["id"], 14)
    if how not in ("card_cropped_born", "card_cropped_scan"):
        add("身份证", R.idcard(p, rng, card_id))
    add("评定表", R.evaluation(p, rng))
    y, m, d = (int(v) for v in p["cur_date"].split("-"))
    if how == "year_off_flatbed":
        add("职称证书", R.title_cert(p, rng, seals, date=R.date_str(f"{y + 1}-{m:02d}-{d:02d}", p["ds"])))
    else:
        add("职称证书", R.title_cert(p, rng, seals))
    # evidence: an award, or a paper's cover with its retrieval proof
    title, issuer = R.AWARDS[ni % len(R.AWARDS)]
    adate = f"{y}-{m - 3:02d}-{d:02d}" if how == "award_before_a3l" else rng.choice(["2021-12-20", "2022-11-18",
                                                                                      "2023-12-08"])
    want_paper = how in ("bad_check_16k", "cn5_16k_mixed_pdf", "ret_unsealed_small_150", "ret_other_title_b5",
                         "paper_sizes", "mixed_sizes_pdf") or (how in SAME)
    want_award = not want_paper or how in ("paper_sizes", "mixed_sizes_pdf", "cn5_16k_mixed_pdf") or how in SAME
    extra = {"award_l": (p, rng, seals, title, issuer, adate)}
    if want_award:
        name = colleague if how == "colleague_award_flatbed" else None
        add("获奖", R.award(p, rng, seals, title, issuer, adate) if name is None else
            R.award(dict(p, name=name), rng, seals, title, issuer, adate))
        awards.append(dict(title=title, date=adate))
    if want_paper:
        jname, issn, cn = J[["hbxh", "kxjs", "kxgl"][ni % 3]]
        year, no = rng.choice([(2021, 5), (2022, 9), (2023, 3)])
        pi, pc = issn, cn
        if how == "bad_check_16k":
            pi = issn[:-1] + ("0" if issn[-1] == "X" else str((int(issn[-1]) + 1) % 10))
        if how == "cn5_16k_mixed_pdf":
            a, b = cn.split("-")
            pc = f"{a}-{b[:4]}0{b[4:]}"  # a five-digit serial
        add("封面", R.cover(p, rng, jname, pi, pc, year, no))
        t = TITLES[ni % len(TITLES)]
        listed = t
        if how == "ret_other_title_b5":
            listed = t.replace("分析", "研究").replace("趋势研究", "规律分析").replace("探讨", "分析")
            assert listed != t
        s = R.retrieval(p, rng, [(listed, jname, year, no)])
        if how == "ret_unsealed_small_150":
            P36.drop(s, "seal")
        add("检索", s)
        papers.append(dict(title=t, journal=jname, issn=issn, cn=cn, date=f"{year}-{no:02d}"))
    # what the two-up sheets carry on their right half: a colleague's assessment form under another unit's seal,
    # or the applicant's own card
    other = next(u for u, _ in R.UNITS if u != p["unit"] and u in seals and u != "抚顺石化环保工程有限公司")
    extra["colleague_form"] = R.assessment(dict(p, name=colleague, unit=other, seal=seals[other]), rng, 2022)
    extra["card_page"] = R.idcard(p, rng, None)
    extra["card_id"] = card_id
    return p, pages, papers, awards, rng, extra


def main():
    P35.set_faces()
    seals = P36.seals_for()
    for n in NEAR.values():
        seals[n] = R.seal_spec(n, 3790, None)
    keyfile, key = open_set(OUT, ONLY)
    for i, (suffix, rule, how, capture, dpi, faces, geos) in enumerate(CASES):
        k = f"R37-{suffix}"
        if ONLY and k not in ONLY:
            continue
        p, pages, papers, awards, rng, extra = build(i, rule, how, faces, seals)
        items = geometry_pages(pages, geos, p, extra)
        folder = OUT / "set" / k
        if folder.exists():
            shutil.rmtree(folder)
        seal_d = 30.0 if how in SMALL_SEALS else None
        if any(g == "cardimg" for _, _, g in items):  # the card as its own card-sized picture file
            n, s, _ = next(x for x in items if x[2] == "cardimg")
            items = [x for x in items if x[2] != "cardimg"]
            save(folder, items, capture, dpi, rng, seal_d)
            scanned(rgb_page(s, dpi), rng).save(folder / f"{n}.jpg", quality=88, dpi=(dpi, dpi))
        else:
            save(folder, items, capture, dpi, rng, seal_d)
        (folder / "applicant.yaml").write_text(R.yaml_text(p, papers, awards), encoding="utf-8")
        key[k] = {"pack": f"{capture}{dpi}", "planted": rule, "how": how, "pages": len(pages), "unit": p["unit"],
                  "faces": faces, "geometry": geos, "seal_mm": seal_d or sorted({op[3]["d"] for _, s in pages
                                                                              for op in s.ops if op[0] == "seal"})}
        keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
        print(k, how, capture, dpi, len(pages), "pages", flush=True)
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
