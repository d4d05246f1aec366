"""Probe round 39 (issue 13, "verdicts a desk can trust"): DOSSIERS DEGRADED THE WAY AN OUTSIDE TEAM WOULD DEGRADE
THEM, WITH AUGRAPHY. A team making synthetic scanned documents in Python most likely reaches for Augraphy (PyPI
``augraphy``, "augmentation pipeline for rendering synthetic paper printing and scanning processes"); no earlier round
used it. This round draws clean pages with round 36's dossiers on round 34's page model (loaded by path, not copied;
Noto CJK / LXGW WenKai where installed, the Debian faces otherwise), rasterises them at 200-300 dpi and degrades every
page with Augraphy, one seeded pipeline a page, at the strengths Augraphy's own defaults and default pipeline use:

- ``default``: ``augraphy.default_augraphy_pipeline()`` as it comes (every group at p=0.2: InkColorSwap,
  LinesDegradation, Dithering/InkBleed, InkShifter/BleedThrough, Hollow/Letterpress, LowInk lines, PaperFactory,
  ColorPaper, tessellations, WaterMark, textures, GlitchEffect/ColorShift, DirtyDrum/DirtyRollers, lighting,
  SubtleNoise/Jpeg, Markup/Scribbles, BadPhotoCopy/ShadowCast/LowLightNoise, NoisyLines/BindingsAndFasteners,
  Squish/Geometric (flips included), DotMatrix/Faxify, InkMottling/ReflectedLight, PageBorder/BookBinding/Folding);
- ``ink``: one of InkBleed, Letterpress, Dithering, InkShifter, BleedThrough, then LowInkRandomLines or
  LowInkPeriodicLines (p=0.6), each with Augraphy's default arguments;
- ``paper``: ColorPaper, NoiseTexturize or BrightnessTexturize, WaterMark (p=0.5), defaults;
- ``copier``: DirtyDrum or DirtyRollers, BadPhotoCopy or Faxify, SubtleNoise or Jpeg (p=0.6), defaults;
- ``bound``: Folding, PageBorder or BookBinding, ShadowCast or LightingGradient, Geometric turned up to 3 degrees
  (p=0.5; Augraphy's default Geometric does nothing), defaults otherwise;
- ``pen``: Markup (highlight, underline, strikethrough or crossed) and Scribbles (p=0.6), defaults.

Each page's answer-key entry lists the augmentations that ran (Augraphy's own log). Pages are handed in as JPEG
scans, PNGs, or JPEG scans in one PDF.

Planted (20, A01-A20), DOSSIER.md's rule table, each rule two or three ways under different degradations: a
生态环境检测站 seal for the 监测站 (one character) and a sister unit's seal; 2022's assessment form missing and last
campaign's three years; the title certificate a year off (in digits, and in 〇 numerals); the retrieval proof's
审核人 blank; the recommendation form's 负责人（签字） and the education verification's 核查人（签字） blank, then an
Augraphy ``Scribbles`` drawn into that blank field before the page is degraded (a pen scribble where a signature
should be: is it taken for one?); a wrong ISSN check digit on the 版权页; a cover printing another journal's CN
(中国环境监测's 11-2861/X) under the claimed one; a five-digit CN serial; the ID card's number one digit off in its
serial and its birth day one later (check digits recomputed); publicity of four working days over Mid-Autumn and over
National Day; a paper before the title and an award on the title's own day; an unsealed assessment form and an
unsealed retrieval proof.

Clean (14, C01-C14), degraded the same ways: assessment years only in the table bodies, an award the day after the
title, ISSN and CN only on the 版权页, five and six working days over the holidays, two papers both listed, an
achievement proof, an enterprise applicant, a typed name under a signature, an X check digit claimed as x, seals in
the unit's former name, an ISSN ending in X, a two-letter CN class.

Run it under the side virtual environment that has Augraphy (Augraphy is no project dependency); the page model
needs Pillow, numpy, python-stdnum and fpdf2 there too:

    /work/main/.venv/bin/python -m venv /tmp/augvenv
    /tmp/augvenv/bin/pip install augraphy numpy pillow pyyaml python-stdnum fpdf2
    PROBE_OUT=/tmp/t39 /tmp/augvenv/bin/python scripts/probe_trust39/make.py   # -> $PROBE_OUT/set, answer_key.json
    verify batch /tmp/t39/set -o /tmp/t39/out --workers 1 -q --cache /tmp/t39.sqlite
    PROBE_OUT=/tmp/t39 python scripts/probe_trust39/score.py /tmp/t39/out [-v]

``PROBE_ONLY="R39-A08 R39-C01"`` makes only those dossiers. Augraphy's Scribbles looks for a handwriting font in
``./fonts`` and tries to download one when none is there; make.py works in ``$PROBE_OUT/_augraphy`` with matplotlib's
DejaVu Sans put there (what Augraphy itself falls back to offline), so nothing is fetched and nothing is written
outside ``$PROBE_OUT``. Augraphy keeps the last 30 pages it degraded in ``./augraphy_cache`` and BookBinding draws
them as the facing pages of an open bound volume; the cache is emptied before each dossier, so the facing pages are
the same applicant's own (a bound 主卷 scanned open), never another applicant's.
"""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image

try:
    import augraphy as A
    import cv2
    import matplotlib
    import matplotlib.font_manager  # noqa: F401  (Augraphy's Scribbles uses it without importing it)
except ImportError:
    sys.exit("probe_trust39 需要 augraphy（不是项目依赖）：请在旁路虚拟环境中运行，例如\n"
             "  /work/main/.venv/bin/python -m venv /tmp/augvenv\n"
             "  /tmp/augvenv/bin/pip install augraphy numpy pillow pyyaml python-stdnum fpdf2\n"
             "  PROBE_OUT=/tmp/t39 /tmp/augvenv/bin/python scripts/probe_trust39/make.py")

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import load_round, open_set  # noqa: E402

OUT = Path(os.environ.get("PROBE_OUT", "/tmp/t39"))
ONLY = os.environ.get("PROBE_ONLY", "").split()

P36 = load_round(36, "probe36_for39")
R = P36.R  # round 34's page model, as rounds 35 and 36 loaded it
J = P36.J

#: (key suffix, planted rule or None, how: round 36's way or this round's own, degradation family)
CASES = [
    ("A01", "seal.unit", "jiance_for_jiance", "ink"),
    ("A02", "seal.unit", "sister_unit_on_rec", "default"),
    ("A03", "assessment.years", "missing_2022", "copier"),
    ("A04", "assessment.years", "years_2020_2022", "paper"),
    ("A05", "title.date", "title_year_off", "bound"),
    ("A06", "title.date", "year_off_chinese_numerals", "default"),
    ("A07", "signature.present", "retrieval_unsigned", "copier"),
    ("A08", "signature.present", "rec_unsigned_scribble", "pen"),
    ("A09", "signature.present", "edu_unsigned_scribble", "default"),
    ("A10", "journal.issn", "bad_check_on_copyright", "ink"),
    ("A11", "journal.cn", "cn_other_journal", "paper"),
    ("A12", "journal.cn", "cn_5_digit_serial", "default"),
    ("A13", "identity.id_number", "serial_digit_valid_check", "default"),
    ("A14", "identity.id_number", "birth_day_valid_check", "copier"),
    ("A15", "publicity.duration", "midautumn_4", "ink"),
    ("A16", "publicity.duration", "national_day_4", "pen"),
    ("A17", "evidence.after_title", "paper_before", "paper"),
    ("A18", "evidence.after_title", "award_on_title_day", "default"),
    ("A19", "seal.present", "assessment_unsealed", "bound"),
    ("A20", "seal.present", "retrieval_unsealed", "default"),
    ("C01", None, "years_in_body", "default"), ("C02", None, "award_day_after", "ink"),
    ("C03", None, "ids_on_copyright", "copier"), ("C04", None, "pub_midautumn_5", "paper"),
    ("C05", None, "pub_national_6", "bound"), ("C06", None, "two_papers_both_listed", "pen"),
    ("C07", None, "proof_after", "default"), ("C08", None, "enterprise", "ink"),
    ("C09", None, "typed_under_signature", "pen"), ("C10", None, "id_check_x", "copier"),
    ("C11", None, "alias_seal", "default"), ("C12", None, "issn_x_journal", "paper"),
    ("C13", None, "cn_two_letter_class", "bound"), ("C14", None, "pub_makeup_sunday_5", "default"),
]
OTHER_CN = J["jc"][2]  # 中国环境监测's CN, printed under another journal's name (journal.cn: different)


# ------------------------------------------------------------------ Augraphy pipelines
def pipeline(family: str):
    """A fresh pipeline of ``family`` (built after the caller seeded ``random``: the default pipeline draws some
    of its arguments as it is built)."""
    if family == "default":
        return A.default_augraphy_pipeline()
    ink, paper, post = [], [], []
    if family == "ink":
        ink = [A.OneOf([A.InkBleed(), A.Letterpress(), A.Dithering(), A.InkShifter(), A.BleedThrough()]),
               A.OneOf([A.LowInkRandomLines(), A.LowInkPeriodicLines()], p=0.6)]
    elif family == "paper":
        paper = [A.ColorPaper(), A.OneOf([A.NoiseTexturize(), A.BrightnessTexturize()]), A.WaterMark(p=0.5)]
    elif family == "copier":
        post = [A.OneOf([A.DirtyDrum(), A.DirtyRollers()]), A.OneOf([A.BadPhotoCopy(), A.Faxify()]),
                A.OneOf([A.SubtleNoise(), A.Jpeg()], p=0.6)]
    elif family == "bound":
        post = [A.OneOf([A.Folding(), A.PageBorder(), A.BookBinding()]),
                A.OneOf([A.ShadowCast(), A.LightingGradient()]), A.Geometric(rotate_range=(-3, 3), p=0.5)]
    elif family == "pen":
        post = [A.OneOf([A.Markup(markup_type=t) for t in ("highlight", "underline", "strikethrough", "crossed")]),
                A.Scribbles(p=0.6)]
    else:
        raise ValueError(family)
    return A.AugraphyPipeline(ink_phase=ink, paper_phase=paper, post_phase=post)


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % (1 << 32))
    cv2.setRNGSeed(seed % (1 << 31))


def ran(log: dict) -> list[str]:
    """The augmentations Augraphy's log says ran (its OneOf and AugmentationSequence wrappers left out)."""
    return [n for n, ok in zip(log["augmentation_name"], log["augmentation_status"])
            if ok and n not in ("OneOf", "AugmentationSequence")]


def degrade(im: Image.Image, family: str, seed: int) -> tuple[Image.Image, list[str]]:
    seed_all(seed)
    pl = pipeline(family)
    seed_all(seed + 1)
    data = pl.augment(np.asarray(im.convert("RGB"))[:, :, ::-1].copy())
    out = data["output"]
    out = out[:, :, ::-1] if out.ndim == 3 else out  # BGR from OpenCV, or one channel (Faxify)
    if out.ndim == 3 and out.shape[2] == 4:
        out = out[:, :, :3]
    return Image.fromarray(np.ascontiguousarray(out)).convert("RGB"), ran(data["log"])


def scribble_field(im: Image.Image, box_mm, dpi: int, seed: int) -> tuple[Image.Image, list[str]]:
    """Augraphy's Scribbles drawn into one blank signature field (``box_mm``: x0, y0, x1, y1 on the page), on the
    clean page before it is degraded: pen strokes where a signature should be, that nobody signed."""
    k = dpi / 25.4
    x0, y0, x1, y1 = (int(v * k) for v in box_mm)
    crop = np.asarray(im.convert("RGB").crop((x0, y0, x1, y1)))[:, :, ::-1].copy()
    seed_all(seed)
    sc = A.Scribbles(scribbles_type="lines", scribbles_ink="pen", scribbles_color=random.choice([(20, 20, 20), (120, 40, 30)]),
                     scribbles_size_range=(min(x1 - x0, 400) // 2, min(x1 - x0, 400)), scribbles_count_range=(1, 2))
    pl = A.AugraphyPipeline(ink_phase=[], paper_phase=[], post_phase=[sc])
    data = pl.augment(crop)
    out = Image.fromarray(np.ascontiguousarray(data["output"][:, :, ::-1]))
    im = im.copy()
    im.paste(out, (x0, y0))
    return im, ["Scribbles(signature field)"]


def field_box(page, label: str, dx: float, width: float) -> tuple[float, float, float, float]:
    """The blank field after ``label``'s text op: from ``dx`` mm right of its start, ``width`` mm wide."""
    x, y = next((op[1], op[2]) for op in page.ops if op[0] == "text" and op[5].startswith(label))
    return (x + dx, y - 8, x + dx + width, y + 10)


# ------------------------------------------------------------------ dossiers
def build(i, rule, how, seals):
    """Round 36's dossier for ``how`` (this round's own ways drawn on round 36's nearest one), and the blank
    signature field to scribble into, if any (page name, box in mm)."""
    p, pages, papers, awards, rng = P36.build(i, "", rule, how, seals)
    field = None
    names = [n for n, _ in pages]
    if how == "missing_2022":
        pages = [(n, s) for n, s in pages if n != "考核2022"]
    elif how == "title_year_off":
        y, m, d = (int(v) for v in p["cur_date"].split("-"))
        ds = p["ds"] if p["ds"] != 4 else 0
        pages[names.index("职称证书")] = ("职称证书", R.title_cert(p, rng, seals, date=R.date_str(f"{y - 1}-{m:02d}-{d:02d}", ds)))
    elif how == "rec_unsigned_scribble":
        s = R.recommendation(p, rng, signed=False)
        pages[names.index("推荐表")] = ("推荐表", s)
        field = ("推荐表", field_box(s, "负责人", 38, 46))
    elif how == "edu_unsigned_scribble":
        s = R.education(p, rng, signed=False)
        pages[names.index("学历")] = ("学历", s)
        field = ("学历", field_box(s, "核查人", 35, 48))
    elif how == "cn_other_journal":
        cn = papers[0]["cn"]
        assert cn != OTHER_CN
        s = pages[names.index("封面")][1]
        before = [op[5] for op in s.ops if op[0] == "text"]
        P36.retext(s, f"CN {cn}", f"CN {OTHER_CN}")
        assert before != [op[5] for op in s.ops if op[0] == "text"], "cover CN not found"
    return p, pages, papers, awards, rng, field


def save(folder: Path, pages, capture, dpi, family, seed, field):
    """Each page rasterised at ``dpi``, degraded by its own seeded ``family`` pipeline, handed in as ``capture``.
    Returns what ran on each page."""
    folder.mkdir(parents=True, exist_ok=True)
    log, shots = [], []
    for k, (n, s) in enumerate(pages, 1):
        im = R.raster(s, dpi)
        extra = []
        if field and field[0] == n:
            im, extra = scribble_field(im, field[1], dpi, seed + 1000 * k + 7)
        im, did = degrade(im, family, seed + 1000 * k)
        log.append({"page": k, "doc": n, "augmentations": extra + did})
        shots.append(im)
    if capture == "pdfscan":
        from fpdf import FPDF
        pdf = FPDF(unit="mm", format="A4")
        for im in shots:
            pdf.add_page()
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=85)
            buf.seek(0)
            pdf.image(buf, x=0, y=0, w=210, h=297)
        pdf.output(str(folder / "扫描件.pdf"))
    else:
        for k, im in enumerate(shots, 1):
            if capture == "png":
                im.save(folder / f"{k:02d}_{pages[k - 1][0]}.png")
            else:
                im.save(folder / f"scan{k:03d}.jpg", quality=88)
    return log


def main():
    P36.P35.set_faces()
    seals = P36.seals_for()
    keyfile, key = open_set(OUT, ONLY)
    work = OUT / "_augraphy"  # Augraphy's working folder: ./fonts for Scribbles, caches of BookBinding
    (work / "fonts").mkdir(parents=True, exist_ok=True)
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    shutil.copy(dejavu, work / "fonts" / dejavu.name)
    here = os.getcwd()
    captures = ["scan", "png", "pdfscan"]
    try:
        for idx, (suffix, rule, how, family) in enumerate(CASES):
            k = f"R39-{suffix}"
            if ONLY and k not in ONLY:
                continue
            i = 20 + idx  # round 36's names and seeds from its 21st on: other people than its own cases
            p, pages, papers, awards, rng, field = build(i, rule, how, seals)
            capture = captures[idx % 3]
            dpi = [200, 250, 300][idx % 3] if capture != "png" else 200
            folder = OUT / "set" / k
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            shutil.rmtree(work / "augraphy_cache", ignore_errors=True)  # BookBinding's facing pages: this dossier's own
            os.chdir(work)
            try:
                log = save(folder.resolve(), pages, capture, dpi, family, 39000 + 97 * idx, field)
            finally:
                os.chdir(here)
            text = R.yaml_text(p, papers, awards)
            if how == "id_check_x":
                text = text.replace(p["id"], p["id"].lower())
            if how == "alias_seal":
                text = text.replace(f"unit: {p['unit']}\n", f"unit: {p['unit']}\nunit_aliases: [{P36.ALIAS}]\n")
            (folder / "applicant.yaml").write_text(text, encoding="utf-8")
            key[k] = {"pack": capture, "planted": rule, "how": how, "family": family, "dpi": dpi,
                      "pages": len(pages), "unit": p["unit"], "cur_date": p["cur_date"],
                      **({"field": field[0]} if field else {}), "augmentations": log}
            keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
            print(k, how, family, capture, dpi, len(pages), flush=True)
    finally:
        os.chdir(here)
    keyfile.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(key)} dossiers, {sum(v['pages'] for v in key.values())} pages in {OUT / 'set'}")


if __name__ == "__main__":
    main()
