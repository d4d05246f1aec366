#!/usr/bin/env python
"""Resident ID numbers through the ``identity.id_number`` rule: no valid number may fail.

Every 6-digit address code in python-stdnum's ``cn/loc`` database (every code that
has existed, whatever its years) × every birth year from 1960 to 1998, with a
correct check digit, is put on an ID card page whose claim is the same number
(spelled as applicants type it: in groups, lower-case ``x``, full-width, in turn).
Then the mirror cases the rule must still catch or hand to a person:

- ``clean``         valid numbers, claim = card:            must be 0 fail, 0 review
- ``first_gen``     the card's 15-digit number, claim 18:    0 fail
- ``bad_check``     check digit changed, claim = card:       all fail
- ``bad_date``      impossible birth date (month 13):        all fail
- ``other_number``  a valid other number, claim differs:      all fail
- ``unknown_region`` an address code no edition has:          all review

Usage::

    .venv/bin/python scripts/bench_ids.py [--years 1960-1998] [--json out.json]

Prints one table; the last line is a JSON object with the figures.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stdnum.cn import ric as stdnum_ric  # noqa: E402

from ocr.model import OcrPage  # noqa: E402
from verify.applicant import parse_applicant  # noqa: E402
from verify.campaign import load_campaign  # noqa: E402
from verify.model import PageRead  # noqa: E402
from verify.rules import Dossier  # noqa: E402


def all_codes() -> list[str]:
    """Every 6-digit code the database knows (province lines + their 4-digit parts)."""
    import stdnum

    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    codes, province = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line.split()[0]
        elif province:
            codes.append(province + line.split()[0])
    return sorted(set(codes))


def number(code: str, year: int, i: int) -> str:
    born = dt.date(year, 1 + i % 12, 1 + i % 28)
    body = f"{code}{born:%Y%m%d}{i % 1000:03d}"
    return body + stdnum_ric.calc_check_digit(body + "0")


def spelled(n: str, i: int) -> str:
    """The claim as applicants type it."""
    style = i % 4
    if style == 1:
        return f"{n[:6]} {n[6:14]} {n[14:]}".lower()
    if style == 2:
        return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in n)  # full-width
    if style == 3:
        return n.lower()
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", default="1960-1998")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    lo, hi = (int(x) for x in args.years.split("-"))

    from verify.rules import identity_id_number as rule

    campaign = load_campaign(None)
    base = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": "210402198805120019"}, "bench")
    page = PageRead("id.jpg", 1, OcrPage(1000, 700), kind="id_card")

    def status(card: str, claim: str) -> tuple[str, str]:
        d = Dossier(replace(base, id_number=claim), campaign, [replace(page, id_numbers=[card])])
        try:
            f = rule.check(d)[0]
        except Exception as e:  # run_rules turns a crashed rule into review
            return "review", f"rule crashed: {type(e).__name__}: {e}"
        return f.status, f.message

    t0 = time.time()
    codes = all_codes()
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    examples: dict[str, list] = collections.defaultdict(list)
    stdnum_fails = 0
    i = 0
    for code in codes:
        for year in range(lo, hi + 1):
            i += 1
            n = number(code, year, i)
            if not stdnum_ric.is_valid(n):
                stdnum_fails += 1
            s, msg = status(n, spelled(n, i))
            counts["clean"][s] += 1
            if s != "pass" and len(examples["clean"]) < 5:
                examples["clean"].append((n, s, msg))
            if i % 7 == 0:
                if year <= 1999 and i % 14 == 0:
                    first = n[:6] + n[8:17]
                    s, msg = status(first, n)
                    counts["first_gen"][s] += 1
                    if s != "pass" and len(examples["first_gen"]) < 5:
                        examples["first_gen"].append((first, s, msg))
                bad = n[:-1] + "0123456789X"[("0123456789X".index(n[-1]) + 3) % 11]
                counts["bad_check"][status(bad, bad)[0]] += 1
                body = n[:10] + "13" + n[12:17]
                bad_date = body + stdnum_ric.calc_check_digit(body + "0")
                counts["bad_date"][status(bad_date, bad_date)[0]] += 1
                other = number(code, year, i + 400)
                counts["other_number"][status(other, n)[0]] += 1
    for j in range(200):  # codes no edition has: province 21, prefecture 99
        n = number(f"2199{j % 100:02d}", lo + j % (hi - lo + 1), j)
        s, msg = status(n, n)
        counts["unknown_region"][s] += 1
    seconds = time.time() - t0

    want = {"clean": "pass", "first_gen": "pass", "bad_check": "fail", "bad_date": "fail",
            "other_number": "fail", "unknown_region": "review"}
    print(f"{len(codes)} address codes × birth years {lo}–{hi}: {counts['clean'].total()} valid numbers "
          f"({seconds:.1f}s)")
    print(f"stdnum.cn.ric.is_valid (the rule before issue 13) rejects {stdnum_fails} of them "
          f"({stdnum_fails / max(counts['clean'].total(), 1):.1%})")
    print(f"{'case':16} {'n':>7} {'pass':>7} {'review':>7} {'fail':>7}  want")
    for case, c in counts.items():
        print(f"{case:16} {c.total():7d} {c['pass']:7d} {c['review']:7d} {c['fail']:7d}  {want[case]}")
    for case, ex in examples.items():
        for n, s, msg in ex:
            print(f"  {case}: {n} -> {s}: {msg}")
    headline = {"codes": len(codes), "numbers": counts["clean"].total(), "stdnum_rejects": stdnum_fails,
                **{f"{case}_{s}": c[s] for case, c in counts.items() for s in ("pass", "review", "fail")}}
    if args.json:
        args.json.write_text(json.dumps({"headline": headline, "examples": examples}, ensure_ascii=False, indent=1))
    print(json.dumps(headline, ensure_ascii=False))
    ok = (counts["clean"]["fail"] == 0 and counts["first_gen"]["fail"] == 0
          and all(counts[c][want[c]] == counts[c].total() for c in ("bad_check", "bad_date", "other_number", "unknown_region")))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
