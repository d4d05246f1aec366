"""Benchmark the seal and signature detectors, the seal reader and the handwriting score.

    python scripts/bench_seals.py                       # generated pages, detectors only (fast)
    python scripts/bench_seals.py --n 100 --seed 11 --read   # + seal text and the unit decision
    python scripts/bench_seals.py --read --seal-model v4     # the seal strips read with PP-OCRv4
    python scripts/bench_seals.py --dossiers OUT        # + pages of make_dossiers.py (answer_key.json)
    python scripts/bench_seals.py --tobacco 40          # + looks_handwritten on real Tobacco800 crops

Generated pages carry seals in the generator's styles (fonts, weights, spans, two
rings, seal codes, wear, faint ink) and, on some pages, marks that are not seals (red
or blue pen rings round a figure, ticks, round logos with or without Latin ring text).

Figures printed: seal detection precision/recall on colour pages (IoU >= 0.5, certain
seals only count as found; a possible seal on a page without one is a false positive);
marks taken for seals; grayscale copies: share of seal pages with at least a possible
seal, confident absences; the unit decided (``unit`` for the seal's own unit, ``other``
for a body one or two characters away and for another body), on all seals and on seals
whose ring is intact (not faint, wear < 0.2), and another body's seal taken for the
unit (must be 0); signatures: precision/recall of ``signed``; detector time per page
(wall and CPU, one thread). The real seals of ../shared/realdata/seals (unless
``--no-real``): every seal found, pen ovals and logos taken for seals, text read (CER),
and the unit decided for each legible seal's own name and for names one character away.
With ``--read`` the seals are read and confirmed as the pipeline does
(:func:`verify.marks.seals.read_seals`).
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.generator.canvas import seal_style  # noqa: E402
from fixtures.generator.profile import OTHER_UNITS, UNITS as UNIT_KINDS, near_miss_units  # noqa: E402
from fixtures.stamps import cjk_font, draw_logo, draw_pen_circle, draw_seal, draw_signature, draw_tick  # noqa: E402
from ocr.model import OcrLine, OcrPage  # noqa: E402
from verify.marks.seals import find_seals, read_seal, read_seals, seal_match, seal_names_unit  # noqa: E402
from verify.marks.signatures import find_signature_fields, looks_handwritten  # noqa: E402

REALDATA = Path(os.environ.get("REALDATA", ROOT.parent / "shared" / "realdata"))
if not REALDATA.exists():
    REALDATA = Path("/work/shared/realdata")

# the generator's units (with their aliases) and other bodies
UNITS = [u for kind in UNIT_KINDS.values() for u, _ in kind] + list(OTHER_UNITS)
ALIASES = {u: list(a) for kind in UNIT_KINDS.values() for u, a in kind}
BOTTOMS = [None, "人事专用章", "财务专用章", "2104020012345", None]
BODY = "经审核该同志申报材料真实有效业绩突出符合申报工程师资格条件同意推荐特此证明年度考核结果为合格"


# ---------------------------------------------------------------- generated pages


def _text(draw, lines, x, y, s, size, fill=(25, 25, 25), family="song"):
    f = cjk_font(size, family)
    draw.text((x, y), s, font=f, fill=fill)
    b = draw.textbbox((x, y), s, font=f)
    lines.append(OcrLine(s, ((b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])), 0.98, len(lines)))
    return b


def make_page(seed: int, dpi: int = 200, wide: bool = True):
    """A generated page: body text, maybe a red header / red table / red title / coloured
    handwriting, 0-2 seals, one signature field; ``wide``: seals in the generator's styles
    (``seal_style``) and, on some pages, a mark that is not a seal (a pen ring, a tick, a
    round logo). Returns (PIL image, truth dict, OcrPage)."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    k = dpi / 200.0
    W, H = int(1654 * k), int(2339 * k)
    paper = tuple(int(v) for v in rng.integers(238, 253, 3))
    img = Image.new("RGB", (W, H), paper)
    d = ImageDraw.Draw(img)
    lines: list[OcrLine] = []
    fs = int(36 * k)
    y = int(200 * k)
    if rng.random() < 0.3:  # 红头
        _text(d, lines, int(200 * k), y, "抚顺市生态环境局文件", int(110 * k), fill=(215, 25, 35), family="song")
        d.rectangle([int(100 * k), y + int(160 * k), W - int(100 * k), y + int(166 * k)], fill=(215, 25, 35))
        y += int(260 * k)
    if rng.random() < 0.2:  # a red title in the page
        _text(d, lines, int(300 * k), y, "专业技术人员年度考核登记表", int(70 * k), fill=(200, 30, 40), family="hei")
        y += int(130 * k)
    for _ in range(int(rng.integers(6, 16))):
        n = int(rng.integers(8, 22))
        s = "".join(BODY[int(i)] for i in rng.integers(0, len(BODY), n))
        _text(d, lines, int(150 * k), y, s, fs)
        y += int(65 * k)
    red_table = rng.random() < 0.25
    if red_table:
        t0 = y + int(30 * k)
        col = (40 * 0 + 210, 35, 45)
        for r in range(5):
            d.line((int(150 * k), t0 + r * int(90 * k), W - int(150 * k), t0 + r * int(90 * k)), fill=col, width=3)
        for x in (150, 600, 1100, 1504):
            d.line((int(x * k), t0, int(x * k), t0 + 4 * int(90 * k)), fill=col, width=3)
        y = t0 + 4 * int(90 * k) + int(40 * k)
    seals = []
    sig = None
    # signature field
    if rng.random() < 0.8:
        sy = max(y + int(80 * k), int(1500 * k)) + int(rng.integers(0, 200) * k)
        label = str(rng.choice(["负责人签字：", "审核人签字：", "经办人（签字）：", "单位负责人签名：", "法定代表人签章："]))
        lb = _text(d, lines, int(200 * k), sy, label, int(40 * k))
        if rng.random() < 0.6:
            _text(d, lines, int(1150 * k), sy, "日期：2024年3月1日", int(40 * k))
        signed = bool(rng.random() < 0.5)
        sig = {"label_bbox": list(lb), "signed": signed, "bbox": None}
        if signed:
            over = int(80 * k) if rng.random() < 0.3 else 0
            box = (lb[2] + int(10 * k) - over, lb[1] - int(60 * k), lb[2] + int(rng.integers(250, 400) * k), lb[3] + int(40 * k))
            sig["bbox"] = draw_signature(img, box, str(rng.choice(["王建国", "刘春燕", "孙丽", "张伟"])),
                                         seed=int(rng.integers(1 << 30)),
                                         color=(25, 25, 70) if rng.random() < 0.7 else (20, 40, 150))["bbox"]
    if rng.random() < 0.15:  # red/blue handwriting (a correction, a note): not a seal
        hx, hy = int(rng.integers(200, 1100) * k), int(rng.integers(300, 2000) * k)
        draw_signature(img, (hx, hy, hx + int(400 * k), hy + int(130 * k)), "同意", seed=int(rng.integers(1000)),
                       color=(200, 30, 40) if rng.random() < 0.6 else (30, 50, 190))
    nseals = int(rng.choice([0, 1, 1, 1, 2]))
    centers = []
    for i in range(nseals):
        for _ in range(20):
            r = int(rng.integers(120, 175) * k) if rng.random() < 0.85 else int(rng.integers(85, 120) * k)
            cx = int(rng.integers(int(250 * k), W - int(250 * k)))
            cy = int(rng.integers(int(400 * k), H - int(250 * k)))
            if all(math.hypot(cx - a, cy - b) > 1.6 * max(r, rr) for a, b, rr in centers):
                break
        centers.append((cx, cy, r))
        unit = UNITS[int(rng.integers(len(UNITS)))]
        colour = (int(rng.integers(185, 235)), int(rng.integers(15, 70)), int(rng.integers(25, 80)))
        if rng.random() < 0.1:
            colour = (235, 120, 140)  # faded pink
        elif rng.random() < 0.05:
            colour = (30, 60, 200)  # blue
        shape = "oval" if rng.random() < 0.2 else "circle"
        kw = dict(color=colour, rotation_deg=float(rng.uniform(-40, 40)), opacity=float(rng.uniform(0.6, 0.92)),
                  unevenness=float(rng.uniform(0.1, 0.55)))
        extra = {}
        if wide:  # the generator's seal styles: fonts, weights, spans, two rings, codes, wear, faint
            style, extra = seal_style(rng, unit, shape)
            kw.update(style)
        info = draw_seal(img, (cx, cy), r, unit, BOTTOMS[int(rng.integers(len(BOTTOMS)))],
                         shape=shape, seed=int(rng.integers(1 << 30)), **kw)
        seals.append({"bbox": info["bbox"], "text": unit, "wear": extra.get("wear", 0.0),
                      "faint": extra.get("faint", False), "two_ring": bool(kw.get("outer_text") or kw.get("second_arc"))})
    marks = []
    if wide and rng.random() < 0.4:  # marks that are not seals: a pen ring, a tick, a round logo
        kind = str(rng.choice(["pen_circle", "pen_circle", "tick", "logo", "logo"]))
        body = [ln for ln in lines if 3 <= len(ln.text) <= 24]
        pen = (200, 30, 35) if rng.random() < 0.7 else (30, 50, 190)
        if kind == "pen_circle" and body:
            ln = body[int(rng.integers(len(body)))]
            x0, y0, x1, y1 = ln.bbox
            sub = int(rng.integers(2, 6)) / max(1, len(ln.text))  # a figure in the line, not all of it
            bx0 = x0 + int((x1 - x0) * rng.uniform(0, 1 - sub))
            info = draw_pen_circle(img, (bx0, y0, bx0 + int((x1 - x0) * sub), y1), seed=int(rng.integers(1 << 30)), color=pen)
        elif kind == "tick" and body:
            ln = body[int(rng.integers(len(body)))]
            info = draw_tick(img, (max(5, ln.bbox[0] - int(60 * k)), ln.bbox[3]), int(rng.integers(30, 60) * k),
                             seed=int(rng.integers(1 << 30)), color=pen)
        else:
            kind = "logo"
            colour = (200, 30, 35) if rng.random() < 0.5 else (30, 60, 170) if rng.random() < 0.5 else (30, 120, 60)
            ring = "ECOLOGY ENVIRONMENT SCIENCE SOCIETY" if rng.random() < 0.4 else None
            at = (int(rng.choice([int(170 * k), W - int(170 * k)])), int(rng.integers(110, 170) * k))
            info = draw_logo(img, at, int(rng.integers(55, 95) * k), seed=int(rng.integers(1 << 30)), color=colour,
                             initials="" if ring else str(rng.choice(["", "CMA", "FS", "EP"])), ring_text=ring)
        marks.append({"kind": kind, "bbox": info["bbox"]})
    ocr = OcrPage(W, H, lines, engine="truth", source="replay")
    return img, {"seals": seals, "signature": sig, "marks": marks}, ocr


def degrade(img, rng, gray: bool):
    """Scan-like: noise, slight blur, JPEG; optionally a grayscale copy."""
    import cv2

    a = np.asarray(img.convert("RGB"))[:, :, ::-1].copy()
    if gray:
        a = cv2.cvtColor(a, cv2.COLOR_BGR2GRAY)
        a = np.clip(a.astype(np.float32) * rng.uniform(0.9, 1.05) + rng.uniform(-10, 10), 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        a = cv2.GaussianBlur(a, (3, 3), rng.uniform(0.3, 0.9))
    noise = rng.normal(0, rng.uniform(1, 5), a.shape)
    a = np.clip(a.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", a, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 95))])
    return cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)


def iou(a, b) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    ua = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / max(1, ua)


# ---------------------------------------------------------------- benchmarks


class Tally:
    def __init__(self):
        self.c = {}

    def add(self, key, n=1):
        self.c[key] = self.c.get(key, 0) + n

    def __getitem__(self, key):
        return self.c.get(key, 0)


def seal_detection(pages, t: Tally, timings: list, engine=None, read_stats: Tally | None = None):
    for image, truth, ocr, gray in pages:
        t0, c0 = time.perf_counter(), time.thread_time()
        found = find_seals(image, ocr)
        fields = find_signature_fields(image, ocr, found)
        timings.append((time.perf_counter() - t0, time.thread_time() - c0))
        if engine is not None:  # read and confirmed as the pipeline does (a logo's Latin ring is dropped)
            t.add("read.found", len(found))
            found = read_seals(image, found, engine, [])
            t.add("read.kept", len(found))
        gts = truth["seals"]
        matched = set()
        for s in found:
            hit = next((i for i, g in enumerate(gts) if i not in matched and iou(s.bbox, g["bbox"]) >= 0.5), None)
            tag = "gray" if gray else "colour"
            if hit is None:
                t.add(f"{tag}.fp.{'certain' if s.certain else 'possible'}")
                mark = next((m for m in truth.get("marks", []) if iou(s.bbox, m["bbox"]) >= 0.3), None)
                if mark is not None:
                    t.add(f"mark.{mark['kind']}.{'certain' if s.certain else 'possible'}")
                continue
            matched.add(hit)
            t.add(f"{tag}.tp.{'certain' if s.certain else 'possible'}")
            if engine is not None and read_stats is not None and not gray:
                _score_reading(image, s, gts[hit], engine, read_stats)
        tag = "gray" if gray else "colour"
        for m in truth.get("marks", []):
            t.add(f"marks.{tag}")
        t.add(f"{tag}.gt", len(gts))
        t.add(f"{tag}.miss", len(gts) - len(matched))
        if gray and gts and not found:
            t.add("gray.confident_absence")
        if gray:
            t.add("gray.pages_with_seal" if gts else "gray.pages_without_seal")
            if not gts and found:
                t.add("gray.possible_on_unsealed")
        sig = truth["signature"]
        if sig is not None:
            mine = [f for f in fields if iou(f.label_bbox, sig["label_bbox"]) > 0.3]
            state = mine[0].state if mine else "missing"
            t.add(f"sig.{'signed' if sig['signed'] else 'blank'}->{state}")
        for f in fields:
            if sig is None or iou(f.label_bbox, sig["label_bbox"]) <= 0.3:
                t.add(f"sig.spurious.{f.state}")


def _read_for(image, seal, engine, names, rs: Tally | None = None) -> str:
    """Whose seal it is for an applicant of ``names``, read as the pipeline reads it
    for that applicant (:func:`read_seals` with the unit's names: the reading stops
    once the readings settle the seal as the unit's); strips read and CPU counted."""
    import copy

    from ocr.engines import ppocr

    fresh = copy.copy(seal)
    fresh.readings, fresh.text, fresh.unit_match = [], None, None
    calls = {"n": 0}
    original = ppocr.PPOcrEngine.read_seal_line

    def counted(self, *a, **k):
        calls["n"] += 1
        return original(self, *a, **k)

    ppocr.PPOcrEngine.read_seal_line = counted
    c0 = time.thread_time()
    try:
        kept = read_seals(image, [fresh], engine, names)
    finally:
        ppocr.PPOcrEngine.read_seal_line = original
    if rs is not None:
        rs.add("cost.seals")
        rs.add("cost.strips", calls["n"])
        rs.add("cost.cpu_ms", (time.thread_time() - c0) * 1000)
    if kept and logging.getLogger().isEnabledFor(logging.INFO):
        from verify.marks.seals import seal_evidence

        logging.info("  evidence %s", seal_evidence(kept[0], names).describe())
    return kept[0].unit_match if kept else "unreadable"


def _score_reading(image, seal, truth: dict, engine, rs: Tally) -> None:
    """Read ``seal`` and decide it against the seal's own unit, a body one or two
    characters away (the generator's near misses) and another body, in turn."""
    unit = truth["text"]
    near = near_miss_units(unit, tuple(ALIASES.get(unit, ())))
    kind = ("own", "near", "far")[rs["n"] % 3]
    if kind == "near" and not near:
        kind = "far"
    if kind == "own":
        names, want = [unit, *ALIASES.get(unit, ())], "unit"
    elif kind == "near":
        names, want = [near[rs["n"] % len(near)]], "other"
    else:
        others = [u for u in UNITS if u != unit and u not in ALIASES.get(unit, ())]
        names, want = [others[rs["n"] % len(others)]], "other"
    got = _read_for(image, seal, engine, names, rs)
    intact = not truth.get("faint") and truth.get("wear", 0.0) < 0.2
    rs.add("n")
    rs.add("intact" if intact else "damaged")
    rs.add(f"{kind}:{want}->{got}")
    if got != "unreadable":
        rs.add("decided")
        if intact:
            rs.add("decided.intact")
        rs.add("right" if got == want else "wrong")
    if got == "unit" and want != "unit":
        rs.add("silent")
    if got != want:
        logging.info("seal read %r %.3f (truth %r%s%s) asked %s -> %s", seal.text, seal.text_score, unit,
                     ", two rings" if truth.get("two_ring") else "", ", intact" if intact else "", names, got)


def report_reading(rs: Tally, label: str = "seal text") -> None:
    print(f"{label}: unit decided on {rs['decided']}/{rs['n']} seals ({rs['decided'] / max(1, rs['n']):.3f}); "
          f"ring intact {rs['decided.intact']}/{rs['intact']} ({rs['decided.intact'] / max(1, rs['intact']):.3f}, target >= 0.90); "
          f"wrong decisions {rs['wrong']}, of them another body's seal taken for the unit {rs['silent']} (must be 0); "
          + ", ".join(f"{k} {v}" for k, v in sorted(rs.c.items()) if "->" in k))
    print(_cost(rs, label))


def _cost(t: Tally, label: str) -> str:
    n = max(1, t["cost.seals"])
    return (f"{label}, reading cost as the pipeline reads (the applicant's names given): {t['cost.seals']} readings, "
            f"{t['cost.strips'] / n:.1f} strips and {t['cost.cpu_ms'] / n:.0f} ms CPU per seal")


def report_seals(t: Tally, timings: list):
    tp = t["colour.tp.certain"]
    fp = t["colour.fp.certain"] + t["colour.fp.possible"]
    gt = t["colour.gt"]
    prec = tp / max(1, tp + fp)
    rec = tp / max(1, gt)
    print(f"seals, colour pages: precision {prec:.3f}  recall {rec:.3f}  (certain tp {tp}, possible-on-true "
          f"{t['colour.tp.possible']}, fp certain {t['colour.fp.certain']}, fp possible {t['colour.fp.possible']}, "
          f"ground truth {gt})")
    print(f"seals, grayscale copies: seal pages {t['gray.pages_with_seal']}, seals {t['gray.gt']}, found as possible "
          f"{t['gray.tp.possible']}, certain {t['gray.tp.certain']}, confident absences {t['gray.confident_absence']}; "
          f"pages without seal {t['gray.pages_without_seal']}, with a possible seal {t['gray.possible_on_unsealed']}, "
          f"false marks {t['gray.fp.possible'] + t['gray.fp.certain']}")
    if t["marks.colour"] or t["marks.gray"]:
        kinds = ("pen_circle", "tick", "logo")
        print(f"marks that are not seals (pen rings, ticks, round logos): {t['marks.colour'] + t['marks.gray']}; taken for "
              f"a certain seal {sum(t[f'mark.{k}.certain'] for k in kinds)} (must be 0), for a possible seal "
              f"{sum(t[f'mark.{k}.possible'] for k in kinds)} ("
              + ", ".join(f"{k} {t[f'mark.{k}.certain']}/{t[f'mark.{k}.possible']}" for k in kinds) + " certain/possible)")
    signed_tp = t["sig.signed->signed"]
    signed_fp = t["sig.blank->signed"] + t["sig.spurious.signed"]
    n_signed = sum(t[f"sig.signed->{s}"] for s in ("signed", "blank", "uncertain", "missing"))
    n_blank = sum(t[f"sig.blank->{s}"] for s in ("signed", "blank", "uncertain", "missing"))
    print(f"signatures: precision {signed_tp / max(1, signed_tp + signed_fp):.3f}  recall {signed_tp / max(1, n_signed):.3f}"
          f"  (signed fields {n_signed}: signed {signed_tp}, uncertain {t['sig.signed->uncertain']}, blank "
          f"{t['sig.signed->blank']}, missing {t['sig.signed->missing']}; blank fields {n_blank}: blank "
          f"{t['sig.blank->blank']}, uncertain {t['sig.blank->uncertain']}, signed {t['sig.blank->signed']}, missing "
          f"{t['sig.blank->missing']}; spurious fields {sum(v for k, v in t.c.items() if k.startswith('sig.spurious'))})")
    if timings:
        ms = np.array([w for w, _ in timings]) * 1000
        cpu = np.array([c for _, c in timings]) * 1000
        print(f"detectors (find_seals + find_signature_fields), per page: median {np.median(ms):.0f} ms, "
              f"p90 {np.percentile(ms, 90):.0f} ms, max {ms.max():.0f} ms wall; cpu median {np.median(cpu):.0f} ms, "
              f"p90 {np.percentile(cpu, 90):.0f} ms (one thread; target <= 150 ms)")


def bench_generated(n: int, seed: int, engine=None):
    rng = np.random.default_rng(seed)
    t, timings, rs = Tally(), [], Tally()
    pages = []
    for i in range(n):
        img, truth, ocr = make_page(seed * 100003 + i, dpi=int(rng.choice([150, 200, 200, 300])))
        gray = bool(rng.random() < 0.25)
        image = degrade(img, rng, gray)
        pages.append((image, truth, ocr, gray))
        if len(pages) >= 8:
            seal_detection(pages, t, timings, engine, rs)
            pages = []
    seal_detection(pages, t, timings, engine, rs)
    print(f"== generated pages: {n} (seed {seed})")
    report_seals(t, timings)
    if engine is not None:
        report_reading(rs)


def bench_a4_timing(repeats: int = 5):
    """Detector time on a fixed A4 200 dpi page with a seal and a signature field."""
    img, truth, ocr = make_page(7, dpi=200)
    image = np.asarray(img)[:, :, ::-1].copy()
    find_seals(image, ocr)
    ts, cs = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.thread_time()
        seals = find_seals(image, ocr)
        find_signature_fields(image, ocr, seals)
        ts.append(time.perf_counter() - t0)
        cs.append(time.thread_time() - c0)
    print(f"A4 200 dpi page {image.shape[1]}x{image.shape[0]}: detectors {1000 * min(ts):.0f} ms best, "
          f"{1000 * float(np.median(ts)):.0f} ms median wall, {1000 * min(cs):.0f} ms best cpu (one thread; "
          f"load average {os.getloadavg()[0]:.1f})")


def bench_dossiers(root: Path, engine, limit: int = 0, read: bool = False):
    """Pages of a make_dossiers.py archive, read the way `verify` reads them (upright,
    deskewed, real OCR). Page images are skewed, turned and photographed, so seals are
    matched by count per page, signature fields by label."""
    from ocr.pipeline import read_file

    key = json.loads((root / "answer_key.json").read_text(encoding="utf-8"))
    t, timings, rs = Tally(), [], Tally()
    count = 0
    for app in key["applicants"]:
        folder = root / app["key"]
        units = [app["unit"], *app.get("unit_aliases", [])]
        by_file: dict[str, dict[int, dict]] = {}
        for pg in app["pages"]:
            by_file.setdefault(pg["file"], {})[int(pg["page"])] = pg
        for rel, pages in sorted(by_file.items()):
            if limit and count >= limit:
                break
            try:
                results = list(read_file(folder / rel, engine))
            except Exception as exc:  # an unreadable file is another bench's business
                logging.info("skip %s: %s", rel, exc)
                continue
            for res in results:
                truth = pages.get(int(res.index))
                if truth is None:
                    continue
                image = res.image() if callable(res.image) else res.image
                count += 1
                t0, c0 = time.perf_counter(), time.thread_time()
                found = find_seals(image, res.ocr)
                fields = find_signature_fields(image, res.ocr, found)
                timings.append((time.perf_counter() - t0, time.thread_time() - c0))
                _score_dossier_page(t, rs, rel, res.index, image, truth, found, fields, units, engine if read else None)
    print(f"== dossier pages: {count} from {root}")
    report_seals(t, timings)
    if read:
        print(f"seal text (dossiers): readable {rs['readable']}/{rs['n']}, right unit decision on readable "
              f"{rs['right'] / max(1, rs['readable']):.3f} (wrong {rs['wrong']}); "
              + ", ".join(f"{k} {v}" for k, v in sorted(rs.c.items()) if "->" in k))


def _score_dossier_page(t, rs, rel, index, image, truth, found, fields, units, engine):
    gts = truth.get("seals") or []
    gray = "gray" in (truth.get("degraded") or []) or any(g.get("color") == "gray" for g in gts)
    certain = [s for s in found if s.certain]
    if gray:
        t.add("gray.gt", len(gts))
        t.add("gray.pages_with_seal" if gts else "gray.pages_without_seal")
        t.add("gray.tp.possible", min(len(found), len(gts)))
        t.add("gray.fp.possible", max(0, len(found) - len(gts)))
        if gts and not found:
            t.add("gray.confident_absence")
        if not gts and found:
            t.add("gray.possible_on_unsealed")
    else:
        t.add("colour.gt", len(gts))
        t.add("colour.tp.certain", min(len(certain), len(gts)))
        t.add("colour.fp.certain", max(0, len(certain) - len(gts)))
        t.add("colour.fp.possible", max(0, len(found) - max(len(gts), len(certain))))
        t.add("colour.tp.possible", max(0, min(len(found), len(gts)) - len(certain)))
    if len(found) != len(gts) or (not gray and len(certain) != len(gts)):
        logging.info("seals %s p%s (%s): truth %d, found %s", rel, index, "gray" if gray else "colour", len(gts),
                     [(s.bbox, s.color, s.certain) for s in found])
    if engine is not None and not gray and len(gts) == 1 and len(certain) == 1:
        s = certain[0]
        read_seal(image, s, engine)
        own = seal_names_unit(gts[0]["text"], units) == "unit"
        right = "unit" if own else "other"
        got = seal_match(s, units)
        rs.add("n")
        rs.add(f"{right}->{got}")
        if got != "unreadable":
            rs.add("readable")
            rs.add("right" if got == right else "wrong")
        if got != right:
            logging.info("seal text %r %.2f (truth %r) -> %s", s.text, s.text_score, gts[0]["text"], got)
    for sig in truth.get("signatures") or []:
        mine = [f for f in fields if f.label.rstrip("：:") == sig["label"]]
        state = mine[0].state if mine else "missing"
        t.add(f"sig.{'signed' if sig['signed'] else 'blank'}->{state}")
        if (state == "signed") != sig["signed"]:
            logging.info("signature %s p%s %s signed=%s -> %s %s", rel, index, sig["label"], sig["signed"], state,
                         [(f.label, f.state, round(f.score, 2)) for f in fields])
    labels = {sig["label"] for sig in truth.get("signatures") or []}
    for f in fields:
        if f.label.rstrip("：:") not in labels:
            t.add(f"sig.spurious.{f.state}")
            logging.info("spurious field %s p%s %r %s", rel, index, f.label, f.state)


def bench_paddlex(engine):
    import cv2

    path = REALDATA / "seals" / "paddlex_seal_text_det.png"
    if not path.exists():
        print("paddlex seal: realdata absent, skipped")
        return
    gt = json.loads((REALDATA / "seals" / "ground_truth.json").read_text(encoding="utf-8"))["paddlex_seal_text_det.png"]
    image = cv2.imread(str(path))
    seals = find_seals(image)
    if not seals:
        print("paddlex seal: NOT FOUND")
        return
    read_seal(image, seals[0], engine)
    s = seals[0]
    print(f"paddlex seal: found {len(seals)}, certain={s.certain}, text {s.text!r} (truth {gt['arc_text']!r}), "
          f"bottom {s.bottom_text!r}, score {s.text_score:.3f}, names unit: "
          f"{seal_names_unit(s.text, [gt['arc_text']], score=s.text_score)}")


# ---------------------------------------------------------------- real seals

# Where each real seal and each look-alike is, in the image's own pixels (marked by eye;
# seals/real/ground_truth.json lists the seals and their text, not their places).
REAL_PLACES = {
    "S05_getseal_source.png": {"seals": [(130, 133)]},
    "S06_sealcut_xnip.jpg": {"seals": [(262, 238), (527, 234)], "neutral": [(712, 237)]},  # + a square name seal
    "D01_tsr_squeeze_error.jpeg": {"seals": [(796, 1401), (1702, 1404)]},
    "D02_rapiddoc_certificate_img_2.png": {"seals": [(515, 732)], "not": [(192, 799), (515, 832)]},  # CNAB, IAF logos
    "D03_invoice_tianjin_electronic.png": {"seals": [(758, 493), (456, 105)]},
    "D04_invoice_shenzhen_photo.jpg": {"seals": [(1152, 828), (713, 223)]},
    "D05_invoice_vat_special.jpg": {"seals": [(458, 68)]},
    "D06_tsr_timetable_red_circles.png": {"seals": [], "not": [(254, 260), (451, 383), (353, 343), (647, 383)]},
    "D07_tsr_resume_form.jpg": {"seals": []},
}
# one character changed in the middle of a name: the seal of a neighbouring body
NEIGHBOUR_CHARS = "科华中新东安大"


def neighbours(name: str) -> list[str]:
    """Names one character away from ``name`` (at a quarter and at half of it).

    >>> neighbours("北京中导开源科技有限公司")
    ['北京中科开源科技有限公司', '北京中导开源华技有限公司']
    """
    out = []
    for i in sorted({len(name) // 4, len(name) // 2}):
        ch = next(c for c in NEIGHBOUR_CHARS if c != name[i] and c not in name[max(0, i - 1):i + 2])
        out.append(name[:i] + ch + name[i + 1:])
    return out


def _real_truth(base: Path) -> list[tuple[str, Path, dict, dict]]:
    truth = json.loads((base / "real" / "ground_truth.json").read_text(encoding="utf-8"))
    items = []
    for name, places in REAL_PLACES.items():
        path = base / "real" / name
        if path.exists():
            items.append((name, path, truth.get(name, {}), places))
    px = json.loads((base / "ground_truth.json").read_text(encoding="utf-8")).get("paddlex_seal_text_det.png")
    if px and (base / "paddlex_seal_text_det.png").exists():
        items.append(("paddlex_seal_text_det.png", base / "paddlex_seal_text_det.png",
                      {"seals": [{"text": px["arc_text"], "bottom": "发票专用章"}]}, {"seals": [(320, 320)]}))
    return items


def _at(seal, point) -> bool:
    x0, y0, x1, y1 = seal.bbox
    return x0 <= point[0] <= x1 and y0 <= point[1] <= y1


def bench_real(engine=None) -> dict:
    """The real seals of ../shared/realdata/seals: found, look-alikes taken for seals,
    text read, the unit decided for the seal's own name and for names one character
    away."""
    import cv2
    from ocr.metrics import cer
    from verify.marks.seals import seal_match

    base = REALDATA / "seals"
    if not (base / "real" / "ground_truth.json").exists():
        print("real seals: realdata absent, skipped")
        return {}
    t = Tally()
    cers, timings = [], []
    for name, path, truth, places in _real_truth(base):
        image = cv2.imread(str(path))
        t0, c0 = time.perf_counter(), time.thread_time()
        found = find_seals(image)
        timings.append((time.perf_counter() - t0, time.thread_time() - c0))
        if engine is not None:  # read and confirmed as the pipeline does
            found = read_seals(image, found, engine, [])
        texts = [s.get("text") for s in truth.get("seals", [])]
        used = set()
        for k, point in enumerate(places.get("seals", [])):
            hit = next((s for s in found if id(s) not in used and _at(s, point)), None)
            t.add("truth")
            if hit is None:
                t.add("missed")
                print(f"  {name}: seal at {point} NOT FOUND")
                continue
            used.add(id(hit))
            t.add("found.certain" if hit.certain else "found.possible")
            want = texts[k] if k < len(texts) else None
            line = f"  {name}: seal at {point} {'certain' if hit.certain else 'possible'} {hit.color}"
            if engine is not None:
                line += f", read {hit.text!r} ({hit.text_score:.3f})"
                if want:
                    c = cer(want, hit.text or "")
                    cers.append(c)
                    t.add("read.exact" if c == 0 else "read.inexact")
                    verdicts = {"own": _read_for(image, hit, engine, [want], t)}
                    for j, other in enumerate(neighbours(want)):
                        verdicts[f"1-off:{other}"] = _read_for(image, hit, engine, [other], t)
                        t.add(f"neighbour->{verdicts[f'1-off:{other}']}")
                    t.add(f"own->{verdicts['own']}")
                    line += f" truth {want!r} CER {c:.3f}; decided " + ", ".join(f"{k_}={v}" for k_, v in verdicts.items())
            print(line)
        for point in places.get("not", []):
            for s in found:
                if id(s) not in used and _at(s, point):
                    used.add(id(s))
                    t.add("lookalike.certain" if s.certain else "lookalike.possible")
                    print(f"  {name}: look-alike at {point} taken for a {'CERTAIN' if s.certain else 'possible'} seal")
        for point in places.get("neutral", []):
            used.update(id(s) for s in found if _at(s, point))
        for s in found:
            if id(s) not in used:
                t.add("spurious.certain" if s.certain else "spurious.possible")
                print(f"  {name}: spurious {'CERTAIN' if s.certain else 'possible'} seal at {s.bbox}")
    wall = np.array([w for w, _ in timings]) * 1000
    cpu = np.array([c for _, c in timings]) * 1000
    print(f"real seals: {t['truth']} seals, found certain {t['found.certain']}, possible {t['found.possible']}, "
          f"missed {t['missed']}; look-alikes (pen ovals, logos) taken for certain seals {t['lookalike.certain']}, "
          f"for possible {t['lookalike.possible']}; other spurious marks certain {t['spurious.certain']}, "
          f"possible {t['spurious.possible']}; find_seals per image median {np.median(wall):.0f} ms wall, "
          f"{np.median(cpu):.0f} ms cpu, max {cpu.max():.0f} ms cpu")
    if engine is not None and cers:
        print(f"real seal text: {len(cers)} legible seals, exact {t['read.exact']}, mean CER {np.mean(cers):.3f}; "
              f"own name -> unit {t['own->unit']}, unreadable {t['own->unreadable']}, other {t['own->other']}; "
              f"names one character away -> unit {t['neighbour->unit']} (must be 0), other {t['neighbour->other']}, "
              f"unreadable {t['neighbour->unreadable']}")
        print(_cost(t, "real seal text"))
    return t.c


def bench_tobacco(n: int, engine):
    """looks_handwritten on labelled signature boxes vs printed text lines of the same pages."""
    import cv2

    base = REALDATA / "signatures_tobacco800_yolo"
    if not base.exists():
        print("tobacco800: realdata absent, skipped")
        return
    sig_scores, text_scores = [], []
    for img_path in sorted((base / "images").iterdir())[:n]:
        image = cv2.imread(str(img_path))
        if image is None:
            continue
        H, W = image.shape[:2]
        boxes = []
        lab = base / "labels" / (img_path.stem + ".txt")
        if lab.exists():
            for row in lab.read_text().split("\n"):
                parts = row.split()
                if len(parts) == 5:
                    _, cx, cy, w, h = map(float, parts)
                    boxes.append((int((cx - w / 2) * W), int((cy - h / 2) * H), int((cx + w / 2) * W), int((cy + h / 2) * H)))
        for b in boxes:
            crop = image[max(0, b[1]):b[3], max(0, b[0]):b[2]]
            if crop.size:
                sig_scores.append(looks_handwritten(crop))
        page = engine.recognize(image)
        for line in page.lines:
            lb = line.bbox
            if line.score < 0.9 or len(line.text) < 4 or any(iou(lb, b) > 0 for b in boxes):
                continue
            crop = image[lb[1]:lb[3], lb[0]:lb[2]]
            if crop.size:
                text_scores.append(looks_handwritten(crop))
    s, p = np.array(sig_scores), np.array(text_scores)
    if not len(s) or not len(p):
        print("tobacco800: nothing to compare")
        return
    auc = float(np.mean([(a > b) + 0.5 * (a == b) for a in s for b in p]))
    print(f"tobacco800 looks_handwritten: {len(s)} signature crops vs {len(p)} printed-text lines; ROC AUC {auc:.3f}; "
          f"at 0.55: signatures >= {np.mean(s >= 0.55):.3f}, printed >= {np.mean(p >= 0.55):.3f}; "
          f"at 0.3: printed < {np.mean(p < 0.3):.3f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=120, help="generated pages")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--read", action="store_true", help="read seal text with the ppocr engine")
    ap.add_argument("--seal-model", default=None, choices=("v4", "v6"), help="the engine's seal model (default: its own)")
    ap.add_argument("--dossiers", type=Path, help="a make_dossiers.py output folder with answer_key.json")
    ap.add_argument("--limit", type=int, default=0, help="at most this many dossier pages")
    ap.add_argument("--tobacco", type=int, default=0, help="Tobacco800 pages for looks_handwritten")
    ap.add_argument("--no-settle", action="store_true",
                    help="read every unwrap of a seal (the reading never stops once the seal is settled)")
    ap.add_argument("--no-real", action="store_true", help="skip the real seals of ../shared/realdata/seals")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.v else logging.WARNING, format="%(message)s")
    if args.no_settle:
        import verify.marks.seals.page

        verify.marks.seals.page.settled = lambda seal, names: False
    import cv2

    cv2.setNumThreads(1)
    engine = None
    if args.read or args.tobacco or args.dossiers:
        from ocr.engines import get_engine

        engine = get_engine("ppocr", **({"seal_model": args.seal_model} if args.seal_model else {}))
        print(f"engine {engine.model_id}, seal strips read with {engine.options.seal_model}")
    bench_a4_timing()
    bench_generated(args.n, args.seed, engine if args.read else None)
    if args.read:
        bench_paddlex(engine)
    if not args.no_real:
        bench_real(engine if args.read else None)
    if args.dossiers:
        bench_dossiers(args.dossiers, engine, args.limit, read=args.read)
    if args.tobacco:
        bench_tobacco(args.tobacco, engine)


if __name__ == "__main__":
    main()
