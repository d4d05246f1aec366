"""Probe round 38 (issue 13, "verdicts a desk can trust"): THE MARKS OFFICES AND APPLICANTS ADD TO COPIES. A real
dossier's copies carry marks made after the document: the applicant's certification written across a copy, HR's red
rectangle that says the copy was checked against the original, a reviewer's highlighter and red pen, page numbers,
and what paper goes through (punch holes, a staple, the back page showing through, a sticky note). No earlier round
drew these systematically. This round draws round 34's page model (loaded through round 37, not copied) in the
Debian faces (AR PL UMing/UKai, WenQuanYi Zen Hei) for most dossiers and round 34's Noto CJK / LXGW WenKai for a few,
rasterises each page at 200-250 dpi and adds the marks on the picture, in millimetres:

- the applicant's certification in a hand face (AR PL UKai or LXGW WenKai), blue or black pen, turned a few degrees:
  「此复印件与原件一致，仅供职称申报使用」 or 「本复印件仅供2024年职称评审使用，再复印无效」, the applicant's name and a
  date (2024.10.8, 2024年10月8日) that is the copy's, not the document's;
- HR's red rectangle 「复印件与原件核对一致」 / 「与原件相符」 / 「原件已审」 with 核对人 and a date filled in by hand, alone
  or with the checking office's round seal beside it (the unit's own seal with 组织人事科 under its star, or the HR
  bureau's);
- highlighter (yellow, green, pink; multiplied over the print) over a date, a name, the ISSN/CN, a title line; a
  reviewer's red tick ✓ or circle beside a grade or date; an underline; a handwritten page number in a corner (「3」,
  「第3页」, 「P3」); a 骑缝 numbering stamp half across the right edge;
- two punch holes at the left margin, a staple's shadow in the corner, the back page's text mirrored at 5-12 %, a
  yellow sticky note over a part of the page no rule needs.

Planted (29, P01-P29) among these marks from DOSSIER.md's rule table: a title certificate a year off the claim with
the applicant's certification dated the claim's day across it; an award before the title with a copy date after it
(the applicant's, and HR's rectangle over a highlighted date); an unsigned recommendation form with a reviewer's red
tick in its signature field; an unsigned education verification with a page number written beside the field; the
retrieval proof's signature and seal each under a sticky note (a covered field is not seen: it must not pass); a 2022
assessment form whose only red mark is HR's rectangle, and one whose only seal is the HR bureau's round seal beside
that rectangle (seal.present or seal.unit); a 2023 form's seal under a sticky note; an unsealed recommendation form
whose empty seal place a reviewer circled in red; a sister unit's seal on the recommendation form under HR's 原件已审;
a colleague's award certified by the applicant's own hand and name; a 2020 form for 2022 with its year highlighted
and circled; a four-day publicity highlighted and ticked; a highlighted ISSN with a bad check digit; a five-digit CN
serial highlighted and ticked; a card showing another valid number under a certification line that writes the
applicant's right one; a card with an invalid number, punched and stapled; the card missing while its mirror image
shows through the back of another page.

A second pass nearer the edge (P21-P26): an award printed before the title whose claim (two years after it) and
copy date (the applicant's hand, or HR's rectangle and seal) are both after it; the applicant's certification
written through the education verification's empty 核查人 field; the retrieval proof's empty 审核人 field highlighted in
yellow by a reviewer; a title certificate whose printed date (a year off) is under a sticky note while the
certification across it is dated the claim's day; an unsealed assessment form with a pink stroke over its date, where
the seal would be, and a red tick. A third (P27-P29): a colleague's title certificate certified in the applicant's
hand and name; an unsigned recommendation form whose empty field a reviewer rings in red; an unsigned education
verification whose empty field is highlighted in pink.

Clean (19, C01-C19) drawn the same ways, one mark family each (C13 all of them, in the Noto faces; C14 an
enterprise applicant; C16 HR's rectangle stamped half over the unit's seal; C17 pink strokes over the dates under
the seals; C18 red loops and ticks round the signatures; C19 a card copy certified by the applicant, its number
written under it, and by HR's 与原件相符 with the unit's 组织人事科 seal).

    PROBE_OUT=/tmp/t38 python scripts/probe_trust38/make.py   # -> $PROBE_OUT/set, $PROBE_OUT/answer_key.json
    verify batch $PROBE_OUT/set -o OUT --workers 1 -q --cache /tmp/t38.sqlite
    PROBE_OUT=/tmp/t38 python scripts/probe_trust38/score.py OUT [-v]

``PROBE_ONLY="R38-C01 R38-P05"`` makes only those dossiers. Needs what rounds 34-37 need (Pillow, numpy, fpdf2,
python-stdnum, pypdfium2, the Debian CJK fonts; Noto CJK and LXGW WenKai used where installed).
"""
from __future__ import annotations

import json
import math
import os
import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/t38"))
ONLY = os.environ.get("PROBE_ONLY", "").split()

P37 = load_round(37, "probe37_for38")
P36 = P37.P36
P35 = P37.P35
R = P37.R  # round 34's page model and documents, as rounds 35-37 loaded it

PHRASES = ["此复印件与原件一致，仅供职称申报使用", "本复印件仅供2024年职称评审使用，再复印无效"]
HR_WORDS = ["复印件与原件核对一致", "与原件相符", "原件已审"]
HR_BUREAU = "抚顺市人力资源和社会保障局"  # a title certificate issuer of round 34, its seal already drawn
PEN = {"blue": (30, 50, 150), "black": (35, 35, 40)}
RED_PEN = (215, 35, 45)
STAMP_RED = (210, 40, 55)
HIGHLIGHT = {"yellow": (255, 238, 90), "green": (150, 238, 140), "pink": (255, 165, 205)}
COPY_DATES = ["2024.10.8", "2024年10月8日", "2024.10.12", "2024年10月11日"]
HR_DATES = ["2024.10.9", "2024年10月9日", "2024.10.15"]

#: key suffix, planted rule (or a list: the most severe finding among them counts) or None, how, capture, faces
CASES = [
    ("C01", None, "applicant_cert", "png", "deb"),
    ("C02", None, "applicant_cert_reuse", "jpg", "deb"),
    ("C03", None, "hr_rect_unit_seal", "pdf", "deb"),
    ("C04", None, "hr_rect_office_seal", "png", "deb"),
    ("C05", None, "hr_rect_bureau_seal", "jpg", "deb"),
    ("C06", None, "certifier_is_unit", "jpg", "deb"),
    ("C07", None, "highlighters", "png", "deb"),
    ("C08", None, "reviewer_pen", "jpg", "deb"),
    ("C09", None, "page_numbers", "pdf", "deb"),
    ("C10", None, "punch_staple", "jpg", "deb"),
    ("C11", None, "show_through", "png", "deb"),
    ("C12", None, "sticky_clean", "jpg", "deb"),
    ("C13", None, "everything", "pdf", "noto"),
    ("C14", None, "enterprise_marked", "jpg", "deb"),
    ("C15", None, "copy_dates_everywhere", "png", "noto"),
    ("P01", "title.date", "title_year_off_cert_claim", "png", "deb"),
    ("P02", "evidence.after_title", "award_before_copy_after", "jpg", "deb"),
    ("P03", "evidence.after_title", "award_before_hr_after", "pdf", "noto"),
    ("P04", "signature.present", "rec_unsigned_red_tick", "jpg", "deb"),
    ("P05", "signature.present", "edu_unsigned_pageno", "png", "deb"),
    ("P06", "signature.present", "ret_sign_sticky", "jpg", "deb"),
    ("P07", "seal.present", "assessment_only_rect", "png", "deb"),
    ("P08", ["seal.present", "seal.unit"], "assessment_rect_bureau_seal", "jpg", "deb"),
    ("P09", "seal.present", "ret_seal_sticky", "pdf", "deb"),
    ("P10", "seal.present", "rec_unsealed_red_circle", "jpg", "deb"),
    ("P11", "seal.present", "assessment_seal_sticky", "png", "noto"),
    ("P12", "seal.unit", "sister_seal_hr_rect", "jpg", "deb"),
    ("P13", "identity.name", "colleague_award_applicant_cert", "png", "deb"),
    ("P14", "assessment.years", "year2020_highlighted_circled", "jpg", "deb"),
    ("P15", "publicity.duration", "pub4_highlighted", "pdf", "deb"),
    ("P16", "journal.issn", "issn_bad_check_highlighted", "png", "deb"),
    ("P17", "journal.cn", "cn5_highlighted_tick", "jpg", "noto"),
    ("P18", "identity.id_number", "card_other_cert_right", "jpg", "deb"),
    ("P19", "identity.id_number", "card_bad_check_punched", "png", "deb"),
    ("P20", "dossier.required", "card_missing_showthrough", "jpg", "deb"),
    # a second pass nearer the edge: the claim and a copy date both after the title over an award printed before it;
    # handwriting and highlighter in an unsigned field; the date a title certificate prints under a sticky note
    ("P21", "evidence.after_title", "award_before_claim_after_copy", "jpg", "deb"),
    ("P22", "evidence.after_title", "award_before_claim_after_hr", "png", "noto"),
    ("P23", "signature.present", "edu_unsigned_cert_through_field", "jpg", "deb"),
    ("P24", "signature.present", "ret_unsigned_highlighted_field", "png", "deb"),
    ("P25", "title.date", "title_date_under_sticky_cert_claim", "jpg", "deb"),
    ("P26", "seal.present", "assessment_unsealed_pink_ticked", "png", "deb"),
    ("C16", None, "hr_rect_over_seal", "jpg", "deb"),
    ("C17", None, "pink_over_dates_by_seals", "png", "deb"),
    ("C18", None, "red_pen_by_signatures", "jpg", "noto"),
    # a third pass: a reviewer's marks in an empty signature field, a colleague's certificate certified in the
    # applicant's hand; clean: a card certified by the applicant (its number written right) and by HR with a seal
    ("P27", "identity.name", "colleague_title_cert_applicant_cert", "jpg", "deb"),
    ("P28", "signature.present", "rec_unsigned_red_loop", "png", "deb"),
    ("P29", "signature.present", "edu_unsigned_pink_band", "jpg", "deb"),
    ("C19", None, "card_certified_twice", "png", "deb"),
]
PAPER_CASES = {"highlighters", "everything", "enterprise_marked", "ret_sign_sticky", "ret_seal_sticky",
               "issn_bad_check_highlighted", "cn5_highlighted_tick", "page_numbers", "sticky_clean",
               "ret_unsigned_highlighted_field"}


# ------------------------------------------------------------------ where things are on round 34's pages (mm)
def where(page, sub, nth=0, whole=False):
    """The box (x, y, w, h) in mm of the ``nth`` text op's ``sub`` (its own width, after what precedes it; the whole
    line's with ``whole``)."""
    hits = [op for op in page.ops if op[0] == "text" and sub in op[5]]
    if len(hits) <= nth:
        raise SystemExit(f"text {sub!r} not on the page")
    _, x, y, h, face, s, *_ = hits[nth]
    if whole:
        return (x, y, R.text_width(s, face, h), h)
    pre = s[:s.index(sub)]
    return (x + R.text_width(pre, face, h), y, R.text_width(sub, face, h), h)


def seal_op(page):
    return next(op for op in page.ops if op[0] == "seal")


def sign_op(page):
    return next(op for op in page.ops if op[0] == "sign")


def unseal(page):
    return P36.drop(page, "seal")


# ------------------------------------------------------------------ the marks, drawn on the page's picture
def _mm(v, ppmm):
    return int(round(v * ppmm))


def ink_over(im, mask, colour, alpha=0.92, multiply=False):
    """``mask`` (L, the picture's size) laid over ``im`` in ``colour``: opaque pen ink, or multiplied (stamp ink,
    highlighter) so the print under it stays dark."""
    a = np.asarray(mask).astype(np.float32)[..., None] / 255 * alpha
    base = np.asarray(im).astype(np.float32)
    col = np.array(colour, np.float32)
    out = base * (1 - a) + (base * col / 255 if multiply else col) * a
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def hand_lines(im, ppmm, x, y, lines, face, h, colour, turn):
    """Handwriting: ``lines`` in the hand ``face`` at ``h`` mm from (x, y) mm, turned ``turn`` degrees about its
    start, in pen ``colour``."""
    px = max(8, _mm(h, ppmm))
    f = R.font(face, px)
    w = int(max(R._measure.textlength(t, font=R.font(face, px)) for t in lines) + px)
    g = Image.new("L", (w + px, int(px * 1.5 * len(lines) + px)), 0)
    d = ImageDraw.Draw(g)
    for k, t in enumerate(lines):
        d.text((px * 0.3 + k * px * 0.6, px * 0.2 + k * px * 1.45), t, font=f, fill=255)
    g = g.rotate(turn, resample=Image.BICUBIC, expand=True)
    m = Image.new("L", im.size, 0)
    m.paste(g, (_mm(x, ppmm), _mm(y, ppmm)))
    return ink_over(im, m, colour)


def certification(im, ppmm, x, y, phrase, name, date, face, colour, turn, idn=None):
    """The applicant's own certification across a copy: the phrase, (the ID number,) the signature and the date."""
    lines = [phrase] + ([f"身份证号：{idn}"] if idn else []) + [f"{name}    {date}"]
    return hand_lines(im, ppmm, x, y, lines, face, 5.2, colour, turn)


def hr_rect(im, ppmm, x, y, words, checker, date, hand_face, rng, turn=None):
    """HR's rectangular red stamp (no star): its words, 核对人 and 日期 printed, the checker's name and the date filled
    in by hand in blue; the stamp a little turned and worn."""
    hw = 5.0 if len(words) < 7 else 4.4  # the words' height; the stamp as wide as they need
    W, H = max(62.0, len(words) * hw * 1.08 + 12), 24.0
    k = 4
    pp = ppmm * k
    m = Image.new("L", (_mm(W, pp) + 8, _mm(H, pp) + 8), 0)
    d = ImageDraw.Draw(m)
    d.rectangle([4, 4, _mm(W, pp) + 3, _mm(H, pp) + 3], outline=255, width=max(2, _mm(0.9, pp)))
    d.rectangle([4 + _mm(1.3, pp), 4 + _mm(1.3, pp), _mm(W - 1.3, pp) + 3, _mm(H - 1.3, pp) + 3], outline=255,
                width=max(1, _mm(0.35, pp)))
    big = R.font("wqy", _mm(hw, pp))
    tw = d.textlength(words, font=big)
    d.text(((m.width - tw) / 2, _mm(3.6, pp)), words, font=big, fill=255)
    small = R.font("wqy", _mm(3.4, pp))
    d.text((_mm(5, pp), _mm(11.5, pp)), "核对人：", font=small, fill=255)
    d.text((_mm(5, pp), _mm(17.5, pp)), "日  期：", font=small, fill=255)
    d.line([_mm(18, pp), _mm(15.6, pp), _mm(W - 6, pp), _mm(15.6, pp)], fill=255, width=max(1, _mm(0.25, pp)))
    d.line([_mm(18, pp), _mm(21.6, pp), _mm(W - 6, pp), _mm(21.6, pp)], fill=255, width=max(1, _mm(0.25, pp)))
    m = m.resize((m.width // k, m.height // k), Image.LANCZOS)
    a = np.asarray(m).astype(np.float32)
    nr = np.random.default_rng(rng.randint(0, 1 << 30))
    a *= nr.random(a.shape) > rng.uniform(0.04, 0.12)  # the stamp's wear
    a *= rng.uniform(0.75, 0.95)
    m = Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
    turn = rng.uniform(-4, 4) if turn is None else turn
    m = m.rotate(turn, resample=Image.BICUBIC, expand=True)
    full = Image.new("L", im.size, 0)
    full.paste(m, (_mm(x, ppmm), _mm(y, ppmm)))
    im = ink_over(im, full, STAMP_RED, alpha=1.0, multiply=True)
    im = hand_lines(im, ppmm, x + 19, y + 9.4, [checker], hand_face, 4.6, PEN["blue"], rng.uniform(-3, 3))
    return hand_lines(im, ppmm, x + 19, y + 15.6, [date], hand_face, 4.2, PEN["blue"], rng.uniform(-3, 3))


def round_seal(im, ppmm, cx, cy, spec, turn):
    """A round seal multiplied over the picture, as round 34 draws its own."""
    g = R.seal_rgba(spec, ppmm, turn)
    x0, y0 = int(cx * ppmm - g.width / 2), int(cy * ppmm - g.height / 2)
    m = Image.new("L", im.size, 0)
    m.paste(g.getchannel("A"), (x0, y0))
    return ink_over(im, m, spec["ink"], alpha=1.0, multiply=True)


def highlight(im, ppmm, box, colour, rng):
    """A highlighter stroke over ``box`` (x, y, w, h mm): a band a little taller than the print, its ends uneven,
    multiplied (the print stays dark under it)."""
    x, y, w, h = box
    m = Image.new("L", im.size, 0)
    d = ImageDraw.Draw(m)
    x0, x1 = x - rng.uniform(0.5, 2.0), x + w + rng.uniform(0.5, 2.5)
    y0, y1 = y - rng.uniform(0.8, 1.6), y + h + rng.uniform(0.6, 1.6)
    tilt = rng.uniform(-0.8, 0.8)
    d.polygon([(_mm(x0, ppmm), _mm(y0, ppmm)), (_mm(x1, ppmm), _mm(y0 + tilt, ppmm)),
               (_mm(x1 + 0.6, ppmm), _mm(y1 + tilt, ppmm)), (_mm(x0 - 0.4, ppmm), _mm(y1, ppmm))], fill=255)
    m = m.filter(ImageFilter.GaussianBlur(max(1, ppmm * 0.2)))
    return ink_over(im, m, HIGHLIGHT[colour], alpha=rng.uniform(0.75, 0.95), multiply=True)


def pen_path(im, ppmm, pts, colour, width=0.5):
    m = Image.new("L", im.size, 0)
    ImageDraw.Draw(m).line([(_mm(a, ppmm), _mm(b, ppmm)) for a, b in pts], fill=255, width=max(2, _mm(width, ppmm)),
                           joint="curve")
    return ink_over(im, m.filter(ImageFilter.GaussianBlur(0.6)), colour, alpha=0.9)


def tick(im, ppmm, x, y, size, rng, colour=RED_PEN):
    """A reviewer's ✓ with its lower-left corner near (x, y + size) mm."""
    s = size
    pts = [(x, y + s * 0.55), (x + s * 0.3, y + s * 0.95), (x + s * 0.45, y + s * 0.75), (x + s * 1.1, y - s * 0.1)]
    pts = [(a + rng.uniform(-0.3, 0.3), b + rng.uniform(-0.3, 0.3)) for a, b in pts]
    return pen_path(im, ppmm, pts, colour)


def circle(im, ppmm, box, rng, colour=RED_PEN):
    """A hand-drawn loop round ``box``: an ellipse drawn once and a little past its start, never quite closed."""
    x, y, w, h = box
    cx, cy, a, b = x + w / 2, y + h / 2, w / 2 + rng.uniform(2.5, 4.0), h / 2 + rng.uniform(2.0, 3.5)
    start = rng.uniform(0, 360)
    pts = []
    for k in range(80):
        t = math.radians(start + k * 380 / 79)
        r = 1 + 0.06 * k / 79
        pts.append((cx + a * r * math.cos(t), cy + b * r * math.sin(t)))
    return pen_path(im, ppmm, pts, colour, 0.45)


def underline(im, ppmm, box, rng, colour=RED_PEN):
    x, y, w, h = box
    yy = y + h + 1.0
    pts = [(x - 1 + w * k / 10, yy + rng.uniform(-0.4, 0.4) + 0.08 * k) for k in range(11)]
    return pen_path(im, ppmm, pts, colour, 0.45)


def page_number(im, ppmm, n, style, page_w, face, rng):
    text = {0: str(n), 1: f"第{n}页", 2: f"P{n}"}[style]
    return hand_lines(im, ppmm, page_w - 36 + rng.uniform(-3, 3), 8 + rng.uniform(-2, 3), [text], face, 6.0,
                      PEN["black"] if rng.random() < 0.5 else PEN["blue"], rng.uniform(-6, 6))


def numbering_stamp(im, ppmm, n, page_w, rng):
    """A 骑缝 numbering stamp: a box of six digits in purple ink centred on the right edge (half of it on this
    page, half on the next sheet)."""
    text = f"{n:06d}"
    m = Image.new("L", im.size, 0)
    d = ImageDraw.Draw(m)
    y = rng.uniform(120, 180)
    x0, x1 = page_w - 14, page_w + 14
    d.rectangle([_mm(x0, ppmm), _mm(y, ppmm), _mm(x1, ppmm), _mm(y + 9, ppmm)], outline=255, width=max(2, _mm(0.5,
                                                                                                        ppmm)))
    d.text((_mm(x0 + 2, ppmm), _mm(y + 1.5, ppmm)), text, font=R.font("wqy", _mm(5.5, ppmm)), fill=255)
    return ink_over(im, m.filter(ImageFilter.GaussianBlur(0.6)), (120, 50, 140), alpha=0.85, multiply=True)


def punch_holes(im, ppmm, page_h, rng):
    """Two punch holes 80 mm apart at the left margin, scanned against a dark lid."""
    d = ImageDraw.Draw(im)
    cx, r = rng.uniform(10, 13), 3.0
    for cy in (page_h / 2 - 40, page_h / 2 + 40):
        cy += rng.uniform(-1, 1)
        d.ellipse([_mm(cx - r, ppmm), _mm(cy - r, ppmm), _mm(cx + r, ppmm), _mm(cy + r, ppmm)], fill=(28, 28, 30))
    return im


def staple(im, ppmm, rng):
    """A staple at the top-left corner at 45 degrees and its shadow; the paper creased round it."""
    x, y = rng.uniform(8, 12), rng.uniform(8, 12)
    im = pen_path(im, ppmm, [(x + 1.2, y + 13.2), (x + 13.2, y + 1.2)], (150, 150, 150), 1.6)
    return pen_path(im, ppmm, [(x, y + 12), (x + 12, y)], (45, 45, 50), 0.7)


def show_through(im, back, rng):
    """The back page's print mirrored, seen through the paper at 5-12 %."""
    b = back.resize(im.size).transpose(Image.FLIP_LEFT_RIGHT).convert("L")
    ink = 1 - np.asarray(b).astype(np.float32)[..., None] / 255
    a = np.asarray(im).astype(np.float32) * (1 - rng.uniform(0.05, 0.12) * ink)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def sticky(im, ppmm, box, rng, note=""):
    """A yellow sticky note over ``box`` (x, y, w, h mm), opaque, its shadow below and right, a word on it."""
    x, y, w, h = box
    d = ImageDraw.Draw(im)
    d.rectangle([_mm(x + 0.8, ppmm), _mm(y + 1.0, ppmm), _mm(x + w + 0.8, ppmm), _mm(y + h + 1.0, ppmm)],
                fill=(175, 170, 150))
    d.rectangle([_mm(x, ppmm), _mm(y, ppmm), _mm(x + w, ppmm), _mm(y + h, ppmm)],
                fill=(252, 236, rng.randint(110, 140)))
    if note:
        im = hand_lines(im, ppmm, x + 3, y + h * 0.35, [note], "ukai", 5.0, PEN["black"], rng.uniform(-4, 4))
    return im


def apply_marks(im, page, marks, dpi, rng):
    """The page's picture with its marks (list of (kind, *args)) drawn in order."""
    ppmm = dpi / 25.4
    for mk in marks:
        k, a = mk[0], mk[1:]
        if k == "show":  # the back page (a page of the model) drawn at the same resolution
            im = show_through(im, P35.raster(a[0], dpi), rng)
        elif k == "cert":
            im = certification(im, ppmm, *a)
        elif k == "hr":
            im = hr_rect(im, ppmm, *a, rng)
        elif k == "seal":
            im = round_seal(im, ppmm, *a)
        elif k == "hl":
            im = highlight(im, ppmm, a[0], a[1], rng)
        elif k == "tick":
            im = tick(im, ppmm, *a, rng)
        elif k == "circle":
            im = circle(im, ppmm, a[0], rng)
        elif k == "under":
            im = underline(im, ppmm, a[0], rng)
        elif k == "pageno":
            im = page_number(im, ppmm, a[0], a[1], page.W, a[2], rng)
        elif k == "numstamp":
            im = numbering_stamp(im, ppmm, a[0], page.W, rng)
        elif k == "punch":
            im = punch_holes(im, ppmm, page.H, rng)
        elif k == "staple":
            im = staple(im, ppmm, rng)
        elif k == "sticky":
            im = sticky(im, ppmm, a[0], rng, *a[1:])
        elif k == "hand":
            im = hand_lines(im, ppmm, *a)
        else:
            raise ValueError(k)
    return im


# ------------------------------------------------------------------ dossiers
def build(i, rule, how, faces, seals):
    """The applicant's pages (round 34's documents, as round 37 builds them) with ``how``'s defect planted, and the
    marks each page gets: {page name: [mark]}."""
    rng = random.Random(38000 + i)
    unit = {"enterprise_marked": ("抚顺石化环保工程有限公司", "enterprise"),
            "sister_seal_hr_rect": ("抚顺市生态环境监测站", "institution")}.get(how)
    if unit is None:
        unit = [("抚顺市生态环境监测站", "institution"), ("抚顺市环境科学研究院", "institution"),
                ("抚顺市生态环境保护服务中心", "institution")][i % 3]
    p = R.person(i % len(R.NAMES), rng, seals, unit)
    p["name"] = P36.NAMES[(i * 5 + 2) % len(P36.NAMES)]
    P37.set_person_faces(p, faces, rng)
    hand = "ukai" if faces == "deb" else "wenkai"
    pen = PEN[rng.choice(["blue", "blue", "black"])]
    colleague = P36.NAMES[(i * 5 + 9) % len(P36.NAMES)]
    office = seals[f"{p['unit']}组织人事科"]
    hr_name = R.HEADS[(i + 1) % 4]
    cdate, hdate = rng.choice(COPY_DATES), rng.choice(HR_DATES)
    turn = lambda: rng.uniform(-7, 7)  # noqa: E731
    pages, papers, awards = [], [], []
    marks: dict[str, list] = {}
    add = lambda n, s: pages.append((n, s))  # noqa: E731
    mark = lambda n, *m: marks.setdefault(n, []).append(m)  # noqa: E731

    def cert(n, s, x, y, phrase=0, date=None, idn=None, name=None):
        mark(n, "cert", x, y, PHRASES[phrase], name or p["name"], date or cdate, hand, pen, turn(), idn)

    def hr(n, x, y, words=0, seal=None):
        mark(n, "hr", x, y, HR_WORDS[words], hr_name, hdate, hand)
        if seal is not None:
            mark(n, "seal", x + 66 + rng.uniform(4, 10), y + 10 + rng.uniform(-6, 6), seal, rng.uniform(-20, 20))

    # the recommendation form
    if how == "sister_seal_hr_rect":
        rec = R.recommendation(P36.with_seal(p, seals[P36.SISTER[p["unit"]]]), rng)
    else:
        rec = R.recommendation(p, rng, sealed=how != "rec_unsealed_red_circle",
                               signed=how not in ("rec_unsigned_red_tick", "rec_unsigned_red_loop"))
    add("推荐表", rec)
    # the publicity
    if how == "pub4_highlighted":
        add("公示", R.publicity(p, rng, "2024-09-09", "2024-09-12"))
    else:
        add("公示", R.publicity(p, rng))
    for y in (2021, 2022, 2023):
        s = R.assessment(p, rng, 2020 if (how == "year2020_highlighted_circled" and y == 2022) else y)
        add(f"考核{y}", s)
    add("学历", R.education(p, rng, signed=how not in ("edu_unsigned_pageno", "edu_unsigned_cert_through_field",
                                                       "edu_unsigned_pink_band")))
    add("继续教育", R.continuing(p, rng, seals))
    card_id = None
    if how == "card_other_cert_right":
        card_id = P36.valid_variant(p["id"], 14)
    elif how == "card_bad_check_punched":
        card_id = p["id"][:15] + str((int(p["id"][15]) + 4) % 10) + p["id"][16:]
    card = R.idcard(p, rng, card_id)
    if how != "card_missing_showthrough":
        add("身份证", card)
    add("评定表", R.evaluation(p, rng))
    y, m, d = (int(v) for v in p["cur_date"].split("-"))
    if how in ("title_year_off_cert_claim", "title_date_under_sticky_cert_claim"):
        add("职称证书", R.title_cert(p, rng, seals, date=R.date_str(f"{y + 1}-{m:02d}-{d:02d}", p["ds"])))
    elif how == "colleague_title_cert_applicant_cert":
        add("职称证书", R.title_cert(p, rng, seals, name=colleague))
    else:
        add("职称证书", R.title_cert(p, rng, seals))
    # evidence: an award, or a paper's cover with its retrieval proof
    title, issuer = R.AWARDS[i % len(R.AWARDS)]
    before = how in ("award_before_copy_after", "award_before_hr_after", "award_before_claim_after_copy",
                     "award_before_claim_after_hr")
    adate = f"{y}-{m - 3:02d}-{d:02d}" if before else rng.choice(["2021-12-20", "2022-11-18", "2023-12-08"])
    want_paper = how in PAPER_CASES
    if not want_paper or how in ("everything", "highlighters"):
        who = dict(p, name=colleague) if how == "colleague_award_applicant_cert" else p
        add("获奖", R.award(who, rng, seals, title, issuer, adate))
        # the claim typed two years after the title, over a certificate printed before it
        awards.append(dict(title=title, date=f"{y + 2}-12-20" if "claim_after" in how else adate))
    if want_paper:
        jname, issn, cn = P36.J[["hbxh", "kxjs", "kxgl"][i % 3]]
        year, no = rng.choice([(2021, 5), (2022, 9), (2023, 3)])
        pi, pc = issn, cn
        if how == "issn_bad_check_highlighted":
            pi = issn[:-1] + ("0" if issn[-1] == "X" else str((int(issn[-1]) + 1) % 10))
        if how == "cn5_highlighted_tick":
            a, b = cn.split("-")
            pc = f"{a}-{b[:4]}0{b[4:]}"
        add("封面", R.cover(p, rng, jname, pi, pc, year, no))
        t = P37.TITLES[i % len(P37.TITLES)]
        ret = R.retrieval(p, rng, [(t, jname, year, no)])
        if how == "ret_unsigned_highlighted_field":
            P36.drop(ret, "sign")
        add("检索", ret)
        papers.append(dict(title=t, journal=jname, issn=issn, cn=cn, date=f"{year}-{no:02d}"))
    S = dict(pages)

    # ---- the marks
    if how == "applicant_cert":
        cert("身份证", S["身份证"], 55, 70)  # across the card's front
        cert("职称证书", S["职称证书"], 30, 236)
        cert("学历", S["学历"], 28, 236)
    elif how == "applicant_cert_reuse":
        cert("职称证书", S["职称证书"], 28, 232, phrase=1)
        cert("获奖", S["获奖"], 26, 205, phrase=1)
        cert("继续教育", S["继续教育"], 26, 190, phrase=1)
        cert("身份证", S["身份证"], 40, 200, phrase=1)
    elif how == "hr_rect_unit_seal":
        for n in ("推荐表", "考核2021", "考核2022", "考核2023"):
            hr(n, 25, 255)
    elif how == "hr_rect_office_seal":
        for n in ("职称证书", "获奖", "学历"):
            hr(n, 22, 250 if n != "学历" else 240, seal=office)
    elif how == "hr_rect_bureau_seal":
        for n in ("考核2021", "考核2022", "考核2023", "职称证书"):
            hr(n, 22, 252, words=1, seal=seals[HR_BUREAU])
    elif how == "certifier_is_unit":  # the 2022 form's seal is the one stamped beside HR's rectangle: the unit's own
        unseal(S["考核2022"])
        hr("考核2022", 22, 252, seal=p["seal"])
        hr("考核2021", 22, 252, words=2)
        hr("推荐表", 22, 255, words=2)
    elif how == "highlighters":
        hl = lambda n, box, c: mark(n, "hl", box, c)  # noqa: E731
        hl("职称证书", where(S["职称证书"], "评审通过时间"), "yellow")
        hl("考核2022", where(S["考核2022"], p["name"]), "green")
        hl("封面", where(S["封面"], "ISSN"), "pink")
        hl("封面", where(S["封面"], "CN "), "pink")
        hl("公示", where(S["公示"], "公示期", whole=True), "yellow")
        hl("获奖", where(S["获奖"], "荣获", whole=True), "pink")
        hl("检索", where(S["检索"], P37.TITLES[i % 3][:8]), "green")
    elif how == "reviewer_pen":
        for n in ("考核2021", "考核2022", "考核2023"):
            g = where(S[n], "考核等次")
            gx = g[0] + 24 - 1
            mark(n, "circle", (gx, g[1], 12, g[3]))
            mark(n, "tick", gx + 20, g[1] - 1, 5.0)
        mark("公示", "under", where(S["公示"], "公示期", whole=True))
        mark("职称证书", "under", where(S["职称证书"], "评审通过时间"))
        mark("职称证书", "tick", 150, where(S["职称证书"], "评审通过时间")[1] - 1, 6.0)
        mark("获奖", "tick", 170, 150, 7.0)
    elif how == "page_numbers":
        for k, (n, _) in enumerate(pages, 1):
            mark(n, "pageno", k, k % 3, hand)
            mark(n, "numstamp", k)
    elif how == "punch_staple":
        for n, _ in pages:
            mark(n, "punch")
            mark(n, "staple")
    elif how == "show_through":
        for k, (n, _) in enumerate(pages):
            mark(n, "show", pages[(k + 1) % len(pages)][1])
    elif how == "sticky_clean":
        mark("考核2021", "sticky", (95, 95, 60, 45), "补签字？")
        mark("封面", "sticky", (70, 130, 70, 60), "第3篇")
        mark("评定表", "sticky", (110, 110, 60, 50))
        mark("继续教育", "sticky", (20, 200, 60, 50), "原件已看")
    elif how == "everything":
        cert("职称证书", S["职称证书"], 28, 232)
        cert("身份证", S["身份证"], 50, 72, phrase=1)
        hr("考核2021", 22, 252, seal=office)
        hr("考核2023", 22, 252, words=1)
        mark("封面", "hl", where(S["封面"], "ISSN"), "yellow")
        mark("获奖", "hl", where(S["获奖"], "荣获", whole=True), "green")
        g = where(S["考核2022"], "考核等次")
        mark("考核2022", "circle", (g[0] + 26.5, g[1], 12, g[3]))
        for k, (n, _) in enumerate(pages, 1):
            mark(n, "pageno", k, 1, hand)
            if k % 2:
                mark(n, "punch")
        mark("评定表", "show", S["身份证"])
        mark("公示", "sticky", (25, 200, 55, 40), "已核")  # below the text: the period is a field the rule needs
        mark("推荐表", "staple")
    elif how == "enterprise_marked":
        cert("职称证书", S["职称证书"], 28, 232)
        mark("封面", "hl", where(S["封面"], "CN "), "yellow")
        mark("检索", "tick", 180, 80, 6.0)
        hr("考核2022", 22, 252, words=2)
        for k, (n, _) in enumerate(pages, 1):
            mark(n, "pageno", k, 2, hand)
    elif how == "copy_dates_everywhere":
        for k, (n, _) in enumerate(pages):
            if n in ("职称证书", "获奖", "身份证", "继续教育"):
                cert(n, S[n], 28, {"身份证": 200, "继续教育": 190}.get(n, 232), phrase=k % 2,
                     date=COPY_DATES[k % 4])
            else:
                hr(n, 22, 255, words=k % 3)
    # planted
    elif how == "title_year_off_cert_claim":  # the copy dated with the claimed title date, the print a year later
        cert("职称证书", S["职称证书"], 28, 232, date=R.date_str(p["cur_date"], p["ds"]))
    elif how == "award_before_copy_after":
        cert("获奖", S["获奖"], 26, 205, date="2024年10月8日")
    elif how == "award_before_hr_after":
        mark("获奖", "hl", where(S["获奖"], R.date_str(adate, p["ds2"] if p["ds2"] != 4 else 0)), "yellow")
        hr("获奖", 22, 250, seal=office)
    elif how == "rec_unsigned_red_tick":
        f = where(S["推荐表"], "负责人（签字）")
        mark("推荐表", "tick", f[0] + f[2] + 8, f[1] - 2, 6.5)
    elif how == "edu_unsigned_pageno":
        f = where(S["学历"], "核查人（签字）")
        mark("学历", "hand", f[0] + f[2] + 12, f[1] - 1.5, ["第6页"], hand, 6.0, PEN["black"], 3.0)
    elif how == "ret_sign_sticky":
        f = where(S["检索"], "审核人")
        mark("检索", "sticky", (f[0] + f[2] - 2, f[1] - 12, 52, 34), "请核对")
    elif how == "assessment_only_rect":
        unseal(S["考核2022"])
        hr("考核2022", 22, 252)
    elif how == "assessment_rect_bureau_seal":
        unseal(S["考核2022"])
        hr("考核2022", 22, 252, words=1, seal=seals[HR_BUREAU])
    elif how == "ret_seal_sticky":
        _, cx, cy, spec, _ = seal_op(S["检索"])
        r = spec["d"] / 2 + 3
        mark("检索", "sticky", (cx - r, cy - r, 2 * r, 2 * r), "补盖章")
    elif how == "rec_unsealed_red_circle":
        mark("推荐表", "circle", where(S["推荐表"], "（单位公章）"))
    elif how == "assessment_seal_sticky":
        _, cx, cy, spec, _ = seal_op(S["考核2023"])
        r = spec["d"] / 2 + 3
        mark("考核2023", "sticky", (cx - r - 4, cy - r + 2, 2 * r + 6, 2 * r), "已审")
    elif how == "sister_seal_hr_rect":
        hr("推荐表", 22, 255, words=2)
    elif how == "colleague_award_applicant_cert":
        cert("获奖", S["获奖"], 26, 205)
    elif how == "year2020_highlighted_circled":
        b = where(S["考核2022"], "2020年度")
        mark("考核2022", "hl", b, "yellow")
        mark("考核2022", "circle", b)
        hr("考核2022", 22, 252, words=2)
    elif how == "pub4_highlighted":
        b = where(S["公示"], "公示期", whole=True)
        mark("公示", "hl", b, "yellow")
        mark("公示", "tick", 175, b[1] - 1, 6.0)
        hr("公示", 22, 252)
    elif how == "issn_bad_check_highlighted":
        mark("封面", "hl", where(S["封面"], "ISSN"), "yellow")
        cert("封面", S["封面"], 30, 150)
    elif how == "cn5_highlighted_tick":
        b = where(S["封面"], "CN ")
        mark("封面", "hl", b, "green")
        mark("封面", "tick", b[0] + b[2] + 6, b[1] - 1, 6.0)
    elif how == "card_other_cert_right":  # the certification writes the applicant's right number; the card another
        cert("身份证", S["身份证"], 40, 200, idn=p["id"])
    elif how == "card_bad_check_punched":
        mark("身份证", "punch")
        mark("身份证", "staple")
        cert("身份证", S["身份证"], 55, 72)
    elif how == "card_missing_showthrough":  # the card copied on the back of the evaluation form's sheet
        mark("评定表", "show", card)
    elif how == "award_before_claim_after_copy":
        cert("获奖", S["获奖"], 26, 205, date="2024年10月8日")
    elif how == "award_before_claim_after_hr":
        hr("获奖", 22, 250, seal=office)
    elif how == "edu_unsigned_cert_through_field":  # the applicant's hand runs through the checker's empty field
        f = where(S["学历"], "核查人（签字）")
        mark("学历", "cert", f[0] + f[2] - 4, f[1] - 7, PHRASES[0], p["name"], cdate, hand, pen, rng.uniform(-3, 3), None)
    elif how == "ret_unsigned_highlighted_field":  # a reviewer marks the empty field in yellow
        f = where(S["检索"], "审核人")
        mark("检索", "hl", (f[0] + f[2] + 1, f[1] - 1, 42, f[3] + 2), "yellow")
    elif how == "title_date_under_sticky_cert_claim":  # the printed date (a year off) unseen, the copy dated as claimed
        b = where(S["职称证书"], R.date_str(f"{y + 1}-{m:02d}-{d:02d}", p["ds"]))
        mark("职称证书", "sticky", (b[0] - 4, b[1] - 6, b[2] + 12, b[3] + 12), "原件已看")
        cert("职称证书", S["职称证书"], 28, 232, date=R.date_str(p["cur_date"], p["ds"]))
    elif how == "assessment_unsealed_pink_ticked":  # no seal; a pink stroke over the date where it would be, a red tick
        unseal(S["考核2021"])
        b = where(S["考核2021"], "2021", nth=-1)
        mark("考核2021", "hl", b, "pink")
        mark("考核2021", "tick", b[0] + b[2] + 4, b[1] - 1, 6.0)
    elif how == "hr_rect_over_seal":  # HR's rectangle stamped half over the unit's seal
        for n in ("考核2021", "考核2022", "考核2023", "推荐表"):
            _, cx, cy, _, _ = seal_op(S[n])
            hr(n, cx - 55, cy - 4, words=n == "推荐表" and 1 or 0)
    elif how == "pink_over_dates_by_seals":
        for n, yr in (("考核2021", "2021"), ("考核2022", "2022"), ("考核2023", "2023")):
            mark(n, "hl", where(S[n], yr, nth=-1), "pink")
        mark("公示", "hl", where(S["公示"], "2024", nth=-1), "pink")
    elif how == "red_pen_by_signatures":
        for n in ("推荐表", "学历"):
            _, x, y_, h, name, *_ = sign_op(S[n])
            mark(n, "circle", (x, y_ + 1, R.text_width(name, hand, h) + 4, h))
            mark(n, "tick", x + R.text_width(name, hand, h) + 12, y_, 6.0)
    elif how == "colleague_title_cert_applicant_cert":
        cert("职称证书", S["职称证书"], 28, 232)
    elif how == "rec_unsigned_red_loop":  # a reviewer rings the empty field in red
        f = where(S["推荐表"], "负责人（签字）")
        mark("推荐表", "circle", (f[0] + f[2] + 3, f[1] - 3, 34, f[3] + 6))
    elif how == "edu_unsigned_pink_band":
        f = where(S["学历"], "核查人（签字）")
        mark("学历", "hl", (f[0] + f[2] + 1, f[1] - 1, 42, f[3] + 2), "pink")
    elif how == "card_certified_twice":
        cert("身份证", S["身份证"], 40, 200, idn=p["id"])
        hr("身份证", 22, 240, words=1, seal=office)
    if how not in ("show_through", "everything", "card_missing_showthrough") and i % 4 == 1:
        # a faint show-through on one page of some other dossiers too
        mark("评定表", "show", S["推荐表"])
    return p, pages, papers, awards, marks, rng


def save(folder, pages, marks, capture, rng):
    folder.mkdir(parents=True, exist_ok=True)
    dpi = rng.choice([200, 250]) if capture != "pdf" else 200
    pics = []
    for k, (n, s) in enumerate(pages, 1):
        im = apply_marks(P35.raster(s, dpi), s, marks.get(n, []), dpi, rng)
        if capture == "pdf":
            pics.append((R.as_scan(im, rng), (s.W, s.H), rng.randint(78, 88)))
        elif capture == "png":
            P37.scanned(im, rng, light=True).save(folder / f"{k:02d}_{n}.png", dpi=(dpi, dpi))
        else:
            R.as_scan(im, rng).save(folder / f"scan{k:03d}.jpg", quality=rng.randint(78, 90), dpi=(dpi, dpi))
    if pics:
        P37.pdf_of_pictures(pics, folder / "扫描件.pdf")
    return dpi


def seals_for() -> dict:
    seals = P36.seals_for()
    for k, (u, _) in enumerate(R.UNITS):  # each unit's HR office: the unit's name on the ring, 组织人事科 under the star
        seals[f"{u}组织人事科"] = R.seal_spec(u, 3850 + k, "组织人事科")
    return seals


def main():
    P35.set_faces()
    seals = seals_for()
    keyfile, key = open_set(OUT, ONLY)
    for i, (suffix, rule, how, capture, faces) in enumerate(CASES):
        k = f"R38-{suffix}"
        if ONLY and k not in ONLY:
            continue
        p, pages, papers, awards, marks, rng = build(i, rule, how, faces, seals)
        folder = OUT / "set" / k
        if folder.exists():
            shutil.rmtree(folder)
        dpi = save(folder, pages, marks, capture, rng)
        (folder / "applicant.yaml").write_text(R.yaml_text(p, papers, awards), encoding="utf-8")
        key[k] = {"pack": f"{capture}{dpi}", "planted": rule, "how": how, "pages": len(pages), "unit": p["unit"],
                  "faces": faces, "order": [n for n, _ in pages],
                  "marks": {n: sorted({m[0] for m in ms}) for n, ms in marks.items()}}
        keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
        print(k, how, capture, dpi, len(pages), "pages", flush=True)
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
