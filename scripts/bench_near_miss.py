#!/usr/bin/env python
"""Seals of bodies one or two characters away from the applicant's unit, drawn
independently of the project's generator: are any taken for the unit?

    python scripts/bench_near_miss.py                 # 60 pairs, seed 3 (~6 min on one core)
    python scripts/bench_near_miss.py --pairs 20 --seed 1 --show
    python scripts/bench_near_miss.py --pairs 30 --seed 5 --same-stamp   # and each near miss in the unit's very stamp

Each pair is one unit's own seal and the seal of a near miss, drawn here with a
renderer of this script's own (not ``fixtures.stamps``): the installed CJK fonts in
turn, thin or bold strokes, 38-50 mm at 150 dpi, turned up to 25 degrees, the same wear
on both (none, some, much), stamped over lines of print, noise and JPEG. The near
misses come from swap lists of their own, unlike the generator's: another real place
(抚顺市/抚远市), another level of the same place whether or not such a place exists
(鞍山市/鞍山县), another kind of body (监测站/监测所, 分局/支队) and another word of
the name (绿源/绿缘, 生态环境/自然资源). Each page goes through the pipeline's seal
search and reading (``search_seals``, ``read_seals`` deciding against the unit's name).

Printed: what ``seal.unit`` makes of each seal's page (as it weighs one document): near
misses passed as the unit's (must be 0; each listed), failed, left to ``review``, by
kind of swap; the own seals passed, failed (must be 0) and left to review, worn or not. With
``--same-stamp``, each near miss is stamped again with the unit's very stamp (same font, size,
layout, turn and wear; stamp15's adversary): 沈阳市…服务大厅 so passed for …服务中心 (seed 5).
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FONTS = ("/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
         "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
         "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
UNITS = ("抚顺市生态环境局望花分局", "抚顺市生态环境监测站", "抚顺县生态环境保护服务中心", "新宾满族自治县生态环境保护服务中心",
         "抚顺市环境科学研究院", "辽宁绿源环保科技有限公司", "抚顺石化环保工程有限公司", "清原满族自治县环境监测站",
         "沈阳市生态环境事务服务中心", "本溪市环境保护科学研究所", "鞍山市生态环境局铁东分局", "大连市环境监测中心站",
         "营口市生态环境局鲅鱼圈分局", "锦州市绿洲环保技术有限公司", "丹东市生态环境保护综合行政执法队")
SWAPS = {
    "place": (("抚顺市", "抚远市"), ("抚顺市", "安顺市"), ("抚顺县", "抚宁县"), ("新宾", "新民"), ("清原", "清河"),
              ("本溪市", "本溪县"), ("铁东", "铁西"), ("大连市", "大庆市"), ("营口市", "营山县"), ("锦州市", "锦西市"),
              ("丹东市", "东港市"), ("望花", "新抚"), ("辽宁", "吉林"), ("鲅鱼圈", "老边")),
    "level": (("抚顺市", "抚顺区"), ("鞍山市", "鞍山县"), ("沈阳市", "沈阳县"), ("大连市", "大连县"), ("锦州市", "锦州县"),
              ("丹东市", "丹东县"), ("营口市", "营口县"), ("本溪市", "本溪区"), ("抚顺县", "抚顺市"), ("新宾满族自治县", "新宾县")),
    "kind": (("监测站", "监测所"), ("研究院", "研究会"), ("服务中心", "服务大厅"), ("有限公司", "股份公司"), ("中心站", "中心所"),
             ("研究所", "研究院"), ("执法队", "执法局"), ("分局", "支队")),
    "word": (("绿源", "绿缘"), ("石化", "石油"), ("绿洲", "绿州"), ("环保工程", "环境工程"), ("环保科技", "环境科技"),
             ("生态环境", "自然资源"), ("环境监测", "辐射监测"), ("保护服务", "保障服务"), ("事务服务", "事业服务"),
             ("铁东", "铁南"), ("望花", "望北")),
}
FILLER = "单位意见同意推荐该同志申报工程师资格年月日经审核情况属实特此证明"


def near_miss(unit: str, rng: random.Random) -> tuple[str | None, str | None]:
    """A name one or two characters from ``unit`` and the kind of swap, or (None, None)."""
    kinds = list(SWAPS)
    rng.shuffle(kinds)
    for kind in kinds:
        options = [(a, b) for a, b in SWAPS[kind] if a in unit]
        if options:
            a, b = options[rng.randrange(len(options))]
            return unit.replace(a, b, 1), kind
    return None, None


def _star(draw, cx: float, cy: float, r: float) -> None:
    points = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.38
        points.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    draw.polygon(points, fill=255)


def seal_ink(text: str, rng: random.Random, radius: int, fonts: list[str]) -> np.ndarray:
    """The seal's ink (0..1) drawn 4x larger and shrunk: rim, star, ``text`` along the upper arc."""
    from PIL import Image, ImageDraw, ImageFont

    s = 4
    r = radius * s
    side = 2 * r + 40 * s
    layer = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(layer)
    c = side / 2
    rim = int(r * rng.uniform(0.045, 0.07))
    draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=rim)
    _star(draw, c, c, r * rng.uniform(0.26, 0.34))
    font = ImageFont.truetype(fonts[rng.randrange(len(fonts))], int(r * rng.uniform(0.22, 0.27)))
    bold = int(r * rng.uniform(0.0, 0.012))
    n = len(text)
    span = math.radians(min(260, max(150, 19 * n)) + rng.uniform(-10, 10))
    rr = r - rim - r * 0.17
    for i, ch in enumerate(text):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
        glyph = Image.new("L", (int(r * 0.4), int(r * 0.4)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm",
                                   stroke_width=bold, stroke_fill=255)
        glyph = glyph.resize((int(glyph.width * rng.uniform(0.75, 0.9)), glyph.height))
        glyph = glyph.rotate(-math.degrees(a + math.pi / 2), resample=Image.BILINEAR, expand=True)
        layer.paste(255, (int(c + rr * math.cos(a) - glyph.width / 2), int(c + rr * math.sin(a) - glyph.height / 2)), glyph)
    return np.asarray(layer.resize((side // s, side // s), Image.LANCZOS)).astype(np.float32) / 255


def page(text: str, rng: random.Random, wear: float, fonts: list[str]) -> np.ndarray:
    """A 1000 px square of a form at 150 dpi (BGR) with the seal of ``text`` stamped over its print."""
    import cv2
    from PIL import Image, ImageDraw, ImageFont

    ink = seal_ink(text, rng, rng.randint(112, 148), fonts)
    noise = np.random.default_rng(rng.randrange(1 << 30))
    if wear:
        blotch = cv2.GaussianBlur(noise.random(ink.shape).astype(np.float32), (0, 0), 3)
        blotch = (blotch - blotch.mean()) / (blotch.std() + 1e-6)
        ink = ink * (blotch > -1.0 + 2.2 * wear)
    ink = cv2.GaussianBlur(ink, (0, 0), 0.6) * rng.uniform(0.7, 0.95)
    turn = cv2.getRotationMatrix2D((ink.shape[1] / 2, ink.shape[0] / 2), rng.uniform(-25, 25), 1.0)
    ink = cv2.warpAffine(ink, turn, (ink.shape[1], ink.shape[0]))
    paper = Image.new("RGB", (1000, 1000), (250, 250, 247))
    draw = ImageDraw.Draw(paper)
    font = ImageFont.truetype(fonts[rng.randrange(len(fonts))], 26)
    for k in range(10):
        line = "".join(rng.choice(FILLER) for _ in range(rng.randint(8, 24)))
        draw.text((60, 100 + 70 * k), line, font=font, fill=(20, 20, 20))
    img = np.asarray(paper).astype(np.float32)
    y0, x0 = rng.randint(150, 1000 - ink.shape[0] - 20), rng.randint(150, 1000 - ink.shape[1] - 20)
    h, w = ink.shape
    region = img[y0:y0 + h, x0:x0 + w]
    a = ink[..., None]
    region[:] = region * (1 - a) + region * np.array([215, 40, 50], np.float32) / 255.0 * a  # multiply blend
    img = np.clip(img + noise.normal(0, 4, img.shape), 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 90)])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def outcome(seals, unit: str) -> str:
    """What ``seal.unit`` makes of a page with ``seals`` (as :func:`verify.rules.seal_unit.check`
    weighs one document): ``pass`` (a seal decided the unit's), ``fail`` (every seal another
    body's, one surely so), ``review``, or ``not found``."""
    from verify.rules.seal_unit import _another_body, another_place

    if not seals:
        return "not found"
    if any(s.unit_match == "unit" for s in seals):
        return "pass"
    placed = [s for s in seals if another_place(s, [unit])]
    others = [s for s in seals if s.unit_match == "other" or s in placed]
    unread = [s for s in seals if s not in others]
    if others and not unread and any(s in placed or _another_body(s, [unit]) for s in others):
        return "fail"
    return "review"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--show", action="store_true", help="print every seal's reading and decision")
    ap.add_argument("--same-stamp", action="store_true",
                    help="also stamp each near miss with the unit's very stamp (same font, size, layout, turn and "
                         "wear, one or two characters changed): the adversary a forger with the unit's engraver is")
    args = ap.parse_args(argv)

    from verify.marks.seals import read_seals, search_seals
    from verify.run.pipeline import Settings, engine_for

    fonts = [f for f in FONTS if Path(f).is_file()]
    if not fonts:
        print("no CJK font installed (scripts/setup_system.sh installs them)")
        return 1
    rng = random.Random(args.seed)
    engine = engine_for(Settings(ocr_threads=1))
    tally: Counter = Counter()
    passed = []
    t0 = time.process_time()
    for k in range(args.pairs):
        unit = UNITS[k % len(UNITS)]
        other, kind = near_miss(unit, rng)
        wear = rng.choice((0.0, 0.0, 0.15, 0.3))
        stamp = rng.getstate()  # the own seal's stamp, drawn again from a copy for --same-stamp (the pairs stay as they were)
        same = random.Random()
        same.setstate(stamp)
        for role, text in (("own", unit), ("near", other), ("same", other if args.same_stamp else None)):
            if text is None:
                continue
            img = page(text, same if role == "same" else rng, wear, fonts)
            found = search_seals(img, None, ink=True, faint=True, pyramid={})
            seals = read_seals(img, list(found.seals), engine, [unit], decide=True)
            verdict = outcome(seals, unit)
            tally[(role, kind if role != "own" else "", wear > 0, verdict)] += 1
            if role != "own" and verdict == "pass":
                passed.append((unit, text, [s.text for s in seals]))
            if args.show:
                print(f"{role:4} {kind if role != 'own' else '':5} wear {wear:.2f} {text} -> {verdict} {[s.text for s in seals]}")
    cpu = time.process_time() - t0

    def count(**want) -> int:
        keys = ("role", "kind", "worn", "verdict")
        return sum(n for key, n in tally.items() if all(key[keys.index(k)] == v for k, v in want.items()))

    fonts_used = ", ".join(Path(f).name for f in fonts)
    print(f"near-miss seals drawn independently: {args.pairs} pairs, seed {args.seed}, fonts {fonts_used}; {cpu:.0f} CPU-s")
    near = count(role="near") + count(role="same")
    print(f"near misses passed as the unit's (seal.unit pass): {len(passed)} of {near} (must be 0)")
    for unit, text, read in passed:
        print(f"  {text} (unit {unit}) read {read}")
    def outcomes(**want) -> str:
        n = count(**want)
        return "  ".join(f"{v} {count(**want, verdict=v)}" for v in ("pass", "fail", "review", "not found")) + f"  (of {n})"

    for kind in SWAPS:
        if count(role="near", kind=kind):
            print(f"  near, {kind:5}: {outcomes(role='near', kind=kind)}")
    for worn in (False, True):
        if count(role="own", worn=worn):
            print(f"own seals, {'worn' if worn else 'unworn'}: {outcomes(role='own', worn=worn)} (fail must be 0)")
    if args.same_stamp:
        print(f"near misses stamped with the unit's very stamp: {outcomes(role='same')} (pass must be 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
