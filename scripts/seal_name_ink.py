#!/usr/bin/env python
"""How legible each intact-ring seal's name still is, against what the reading did with it.

    python scripts/seal_name_ink.py --set SET --reports OUT [--set SET2 --reports OUT2] [--list]

Needs an answer key that records, per seal, what wear and print left of each name character
(``chars_kept``, ``chars_print``, ``chars_ink``: fixtures/stamps.py). For the seals of the unit
or another body whose ring is intact, matched to the reported seals as the scorer matches
them (fixtures.scoring), it prints:

- per name character, how often the free reading shows it (aligned with difflib), by the share
  of its ink still on the page (kept less hidden by print): where a character stops being read;
- per seal, how often the unit was decided, by the least share any name character kept;
- with ``--list``, every undecided intact seal with its reading and what its name kept.

No OCR is run: the reports already hold the readings.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.scoring import matched_seals, name_left  # noqa: E402

BINS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def shown(name: str, reading: str) -> list[bool]:
    """Which characters of ``name`` the free ``reading`` shows, by a difflib alignment.

    >>> shown("抚顺市环境", "抚服市环")
    [True, False, True, True, False]
    """
    ok = [False] * len(name)
    for a, _b, n in difflib.SequenceMatcher(None, name, reading, autojunk=False).get_matching_blocks():
        for i in range(a, a + n):
            ok[i] = True
    return ok


def bin_of(v: float) -> str:
    """The bin label of a share.

    >>> bin_of(0.05), bin_of(0.5), bin_of(1.0)
    ('<0.1', '0.5-0.6', '>=0.9')
    """
    lo = max((b for b in BINS if v >= b), default=None)
    if lo is None:
        return f"<{BINS[0]}"
    return f">={lo}" if lo == BINS[-1] else f"{lo}-{round(lo + 0.1, 1)}"


def intact_seals(key: dict, reports: Path):
    """Each intact-ring seal of the unit or another body, with the reported seal matched to it
    (greedy warped IoU >= 0.5 in the key's order, as fixtures.scoring does), or None."""
    for a in key["applicants"]:
        path = reports / a["key"] / "report.json"
        report = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        docs = {(d.get("file"), d.get("page")): d for d in report.get("documents", [])}
        for page in a["pages"]:
            doc = docs.get((page["file"], page["page"]))
            if doc is not None and (doc.get("fields") or {}).get("seals_not_sought"):
                continue
            reported = [s for s in (doc or {}).get("seals", []) if s.get("bbox")]
            for truth, best in matched_seals(page, reported):
                if truth.get("role") in ("unit", "other") and truth.get("ring_intact", True):
                    yield a["key"], page, truth, reported[best] if best is not None else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, action="append", required=True)
    ap.add_argument("--reports", type=Path, action="append", required=True)
    ap.add_argument("--list", action="store_true", help="list every undecided intact seal")
    args = ap.parse_args(argv)
    if len(args.set) != len(args.reports):
        ap.error("give one --reports per --set")
    chars, seals, undecided = Counter(), Counter(), []
    for set_dir, reports in zip(args.set, args.reports):
        key = json.loads((set_dir / "answer_key.json").read_text(encoding="utf-8"))
        for akey, page, truth, got in intact_seals(key, reports):
            left = name_left(truth)
            if left is None:
                continue
            decided = (got or {}).get("unit_match") in ("unit", "other")
            seals[(bin_of(left), "all")] += 1
            seals[(bin_of(left), "decided")] += decided
            name, reading = "".join(truth["text"].split()), (got or {}).get("text")
            if reading:
                printed = truth.get("chars_print") or [0.0] * len(name)
                for ok, k, p in zip(shown(name, reading), truth["chars_kept"], printed):
                    chars[(bin_of(k - p), "all")] += 1
                    chars[(bin_of(k - p), "read")] += ok
            if not decided:
                undecided.append((left, akey, page["file"], page["page"], truth, reading))
    order = [f"<{BINS[0]}"] + [bin_of(b) for b in BINS]
    print("name characters shown by the free reading, by the share of their ink left (kept - print):")
    for b in order:
        if chars[(b, "all")]:
            print(f"  {b:>8}: {chars[(b, 'read')]}/{chars[(b, 'all')]} = {chars[(b, 'read')] / chars[(b, 'all')]:.2f}")
    print("intact-ring seals decided, by the least share of ink a name character kept:")
    for b in order:
        if seals[(b, "all")]:
            print(f"  {b:>8}: {seals[(b, 'decided')]}/{seals[(b, 'all')]}")
    if args.list:
        print(f"undecided intact seals ({len(undecided)}), least ink left first:")
        for left, akey, file, pg, t, reading in sorted(undecided, key=lambda u: u[0]):
            print(f"  {left:.3f} {akey} {file}:{pg} {t.get('color')} wear {t.get('wear')} over_text "
                  f"{t.get('over_text')} | {t['text']} read {reading!r} | kept {t['chars_kept']} "
                  f"print {t.get('chars_print')} ink {t.get('chars_ink')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
