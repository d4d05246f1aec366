#!/usr/bin/env python
"""Whether a seal left to review holds, in its pixels, the characters of the unit's name it did not show.

    python scripts/seal_ranks.py --set SET --reports OUT [--cache C] [--key A007-022] [--page-model]

For every dossier of a generated set where seal.unit was not planted and its report holds a
seal.unit review, the dossier is checked again (on a copy of the OCR cache) and every seal
on a page under review that its reading left undecided is looked at strip by strip: each
strip the reader made (every unwrap and ink) is run through the seal recogniser again for
its whole per-frame distribution (the kept :class:`~ocr.ctc.Lattice` holds only each
frame's top four), the free reading is aligned with the unit's name, and for each character
of the name the reading did not show (misread or dropped) the script prints the rank of the
name's own character among all the recogniser's characters over those frames (1: the
likeliest; blank left out), the best and the median over the strips. With ``--page-model``
the page-text recogniser ranks them too.

A rank near 1 in most strips is a character the recogniser still sees under wear (evidence
a decision might use); ranks in the tens to thousands are a character the pixels no longer
hold: the seal of a body one character away, worn the same, would read the same (issue 13:
the base bench's undecided intact seals of the unit, sealwear's report).
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rank_of(probs: np.ndarray, frames: list[int], index: int) -> tuple[int, float]:
    """Rank (1 = likeliest) of character ``index`` among every character but blank (column 0)
    by its best probability over ``frames`` of ``probs`` (T, C), and that probability;
    frames outside the matrix are dropped (the last frame where none is left).

    >>> p = np.array([[0.7, 0.2, 0.06, 0.04], [0.5, 0.1, 0.3, 0.1]])
    >>> rank_of(p, [0], 2), rank_of(p, [0, 1], 2), rank_of(p, [0, 1], 3), rank_of(p, [9], 1)
    ((2, 0.06), (1, 0.3), (3, 0.1), (2, 0.1))
    """
    frames = [f for f in frames if 0 <= f < len(probs)] or [len(probs) - 1]
    best = probs[frames].max(axis=0).copy()
    best[0] = -1.0  # blank
    v = best[index]
    return int((best > v).sum()) + 1, round(float(v), 6)


def name_ranks(probs: np.ndarray, charset, unit: str) -> dict[int, int]:
    """For each character of ``unit`` that the free reading of ``probs`` misreads one for one
    or drops, the rank (:func:`rank_of`) of the name's character over the frames of what was
    read there (one frame either side) or, where dropped, over the frames between the
    characters read round it. A character the recogniser cannot write is left out.

    >>> from ocr.ctc import toy_frames
    >>> p, cs = toy_frames("抚州市", unsure={1: "顺"})  # 州 at 55%, 顺 the next at 40%
    >>> name_ranks(np.asarray(p), cs, "抚顺市"), name_ranks(np.asarray(p), cs, "抚州市")
    ({1: 2}, {})
    """
    from ocr.ctc import Lattice
    from verify.marks.seals.evidence import _aligned, _kept
    from verify.read.hanzi import simplified

    probs = np.asarray(probs)
    lookup = {c: i for i, c in enumerate(charset)}
    lat = Lattice.from_probs(probs, charset)
    raw = lat.best_text()
    t, idx = _kept(simplified(raw))
    path = lat.path_of(raw)
    out: dict[int, int] = {}
    if path is None or not t:
        return out
    k, start, end, ops = _aligned(unit, t)
    name, n = unit[k:] + unit[:k], len(unit)
    for tag, u0, u1, p0, p1 in ops:
        if tag in ("equal", "insert"):
            continue
        if tag == "replace" and p1 - p0 == u1 - u0:
            spans = []
            for q in range(p1 - p0):
                _, f0, f1 = path[idx[start + p0 + q]]
                spans.append(list(range(f0 - 1, f1 + 2)))
        else:
            a = path[idx[start + p0 - 1]][2] + 1 if start + p0 > 0 else 0
            b = path[idx[start + p1]][1] if start + p1 < len(idx) else len(probs)
            spans = [list(range(a, max(a + 1, b)))] * (u1 - u0)
        for q, frames in enumerate(spans):
            ch = name[u0 + q]
            if ch in lookup:
                out[(u0 + q + k) % n] = rank_of(probs, frames, lookup[ch])[0]
    return out


def _probs(rec, strip: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The recogniser's (T, C) probabilities for a BGR strip, read as the engine reads it
    (blank margins cut, padded to the model's nominal width)."""
    from ocr.engines.ppocr import line_margins

    x0, x1 = line_margins(strip)
    strip = np.ascontiguousarray(strip[:, x0:x1])
    h, w = strip.shape[:2]
    ratio = w / max(h, 1)
    target = max(ratio, rec.rec_image_shape[2] / rec.rec_image_shape[1])
    tensor = rec.resize_norm_img(strip, target)[np.newaxis].astype(np.float32)
    return rec.session(tensor)[0][0], rec.postprocess_op.character


def main(argv=None) -> int:
    from seal_reviews import add_reviewed_arguments, reviewed_pages

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_reviewed_arguments(ap)
    ap.add_argument("--page-model", action="store_true", help="rank with the page-text recogniser too")
    args = ap.parse_args(argv)

    import verify.marks.seals.reading as reading
    from ocr.engines import get_engine

    # every seal's strips, as its first reading made them (a second recogniser reads them again)
    made: dict[int, object] = {}
    read_seal = reading.read_seal

    def keeping(image, seal, engine, *a, **kw):
        got = read_seal(image, seal, engine, *a, **kw)
        if got is not None and kw.get("unwraps") is None:
            made[id(seal)] = (seal, got)
        return got

    for mod in list(sys.modules.values()):
        if mod is not None and getattr(mod, "read_seal", None) is read_seal:
            mod.read_seal = keeping
    engine = get_engine("ppocr")
    models = {"seal": engine.seal_recognizer, **({"page": engine.stages.recognizer} if args.page_model else {})}

    for a, applicant, page, seals in reviewed_pages(args.set, args.reports, args.cache, args.key, made.clear):
        unit = applicant.unit_names[0]
        told = [{k: s.get(k) for k in ("wear", "faint", "ring_intact", "role")} for s in seals]
        for seal in page.seals:
            kept = made.get(id(seal))
            if seal.unit_match in ("unit", "other") or kept is None:
                continue
            strips = [v[0] for _, v in sorted(kept[1].strips.items())]
            line = []
            for label, rec in models.items():
                ranks: dict[int, list[int]] = {}
                for strip in strips:
                    probs, charset = _probs(rec, strip)
                    for i, r in name_ranks(probs, charset, unit).items():
                        ranks.setdefault(i, []).append(r)
                line.append(f"{label} " + " ".join(
                    f"{unit[i]}:{min(v)}/{int(statistics.median(v))}/{len(v)}" for i, v in sorted(ranks.items())))
            print(f"{a['key']} {page.file}:{page.page} {seal.text!r} {len(strips)} strips | "
                  + " | ".join(line) + f" | truth {told}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
