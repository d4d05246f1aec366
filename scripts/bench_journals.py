"""Benchmark of the journal registry and its judgement over the CNKI list.

    nice -n 10 .venv/bin/python scripts/bench_journals.py [--registry PATH] [--swaps 1000] [--seed 0]

Prints (targets from issue 10):

- every active journal with a valid ISSN and CN is ``registered`` under its own pair
  and name (0 false ``mismatch``);
- >= 99% of 1,000 randomly swapped pairs (ISSN of one journal, CN of another) are
  ``mismatch``;
- a paper dated after a 停刊 journal stopped is ``ceased``;
- a registered journal's ISSN beside a made-up CN under another name (套用他刊 ISSN) fails;
- a lookup costs <= 1 ms once the registry is open;
- the shipped registry adds <= 5 MB;

and what the list's noise is and what was done with it. Needs
``../shared/realdata/journals`` (the registry itself does not).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verify.journals import importer, registry  # noqa: E402
from verify.journals.judge import NameEvidence, clean_cn, clean_issn, judge  # noqa: E402
from verify.journals.registry import SHIPPED, Registry  # noqa: E402
from verify.read.dates import PartialDate  # noqa: E402

CNKI = ROOT.parent / "shared" / "realdata" / "journals" / "cnki_journals_2023-11-30.csv"


def sure(*_):
    return False


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.2f}%" if d else "0/0"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--registry", type=Path, default=SHIPPED)
    ap.add_argument("--swaps", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not CNKI.is_file():
        print(f"missing {CNKI}: the benchmark needs ../shared/realdata/journals")
        return 2

    size = args.registry.stat().st_size
    t = time.perf_counter()
    reg = Registry(args.registry)
    open_ms = (time.perf_counter() - t) * 1000
    print(f"registry: {args.registry.name}  {size / 1e6:.2f} MB (target <= 5 MB)  opened in {open_ms:.1f} ms")
    print(f"  {reg.info.describe()}")

    header, rows = importer.read_table(CNKI)
    records, report = importer.records_from_table(header, rows, CNKI.name)
    print("\nthe list's noise, and what the build does with it:")
    for line in report.lines():
        print("  " + line)
    dup_pairs = Counter((r["issn"], r["cn"]) for r in records if r["issn"] and r["cn"])
    print(f"  pairs shared by several records (editions, renamed or merged titles): "
          f"{sum(1 for v in dup_pairs.values() if v > 1)} pairs, {sum(v for v in dup_pairs.values() if v > 1)} records")

    valid = [r for r in records if clean_issn(r["issn"]) and clean_cn(r["cn"])]
    active = [r for r in valid if r["status"] == "active"]
    stopped = [r for r in valid if r["status"] in ("ceased", "merged")]
    print(f"\n1. active journals with a valid ISSN and CN, under their own pair and name: {len(active)}")
    statuses, outcomes = Counter(), Counter()
    odd = []
    for r in active:
        j = judge(reg, r["issn"], r["cn"], [r["name"]], PartialDate(2023, 6), misread=sure)
        statuses[j.status] += 1
        outcomes[j.outcome] += 1
        if j.outcome != "pass" and len(odd) < 5:
            odd.append((r["name"], r["issn"], r["cn"], j.status, j.message()[:90]))
    print(f"   registered {pct(statuses['registered'], len(active))}; false mismatch {statuses['mismatch']}; "
          f"outcomes {dict(outcomes)}")
    for o in odd:
        print("   not pass:", o)

    rng = random.Random(args.seed)
    registered_pairs = {(r["issn"], r["cn"]) for r in valid}
    swaps = []
    while len(swaps) < args.swaps:
        a, b = rng.sample(active, 2)
        if a["issn"] == b["issn"] or a["cn"] == b["cn"] or (a["issn"], b["cn"]) in registered_pairs:
            continue
        swaps.append((a, b))
    print(f"\n2. {len(swaps)} random swaps (ISSN of one active journal, CN of another; seed {args.seed}):")
    for label, misread in (("numbers typed or read surely", sure), ("read by OCR, no recogniser to ask", None)):
        st, out = Counter(), Counter()
        for a, b in swaps:
            j = judge(reg, a["issn"], b["cn"], [a["name"]], misread=misread)
            st[j.status] += 1
            out[j.outcome] += 1
        print(f"   {label}: mismatch {pct(st['mismatch'], len(swaps))} (target >= 99%); fail {pct(out['fail'], len(swaps))}; "
              f"statuses {dict(st)}")

    print(f"\n3. stopped journals (停刊/合并) with a valid pair: {len(stopped)} "
          f"(the list gives no year: they stopped no later than {reg.source_as_of(CNKI.name)})")
    for date in (PartialDate(2024, 3), PartialDate(2020, 6), None):
        st, out = Counter(), Counter()
        for r in stopped:
            j = judge(reg, r["issn"], r["cn"], [r["name"]], date, misread=sure)
            st[j.status] += 1
            out[j.outcome] += 1
        label = f"paper dated {date.iso()}" if date else "paper undated"
        print(f"   {label}: ceased {pct(st['ceased'], len(stopped))}; outcomes {dict(out)}")

    print("\n4. names read by OCR (one character of the name replaced) and names of other journals:")
    cjk = [chr(c) for c in range(0x4E00, 0x9FA5)]
    ocr_ok = 0
    other_outcomes = Counter()
    sample = [r for r in rng.sample(active, min(2000, len(active))) if len(r["name"]) >= 4]
    for r in sample:
        name = list(r["name"])
        i = rng.randrange(len(name))
        name[i] = rng.choice([c for c in rng.sample(cjk, 3) if c != name[i]])
        j = judge(reg, r["issn"], r["cn"], [NameEvidence("".join(name), typed=False)], misread=sure)
        ocr_ok += j.outcome == "pass"
        other = rng.choice(active)
        while other["name"] == r["name"]:
            other = rng.choice(active)
        cover = f"{other['name']}\n2024年第3期\nISSN {r['issn']}\nCN {r['cn']}"
        other_outcomes[judge(reg, r["issn"], r["cn"], [other["name"]], page_texts=[cover], misread=sure).outcome] += 1
    print(f"   one character misread: pass {pct(ocr_ok, len(sample))}")
    print(f"   a real pair printed and claimed under another registered journal's name: "
          f"fail {pct(other_outcomes['fail'], len(sample))}, review {other_outcomes['review']}, pass {other_outcomes['pass']}"
          " (review where the two names are close: editions, renamed titles)")

    print("\n5. journals missing from the registry (10% of the list held out of a registry built from the rest):")
    import tempfile

    held = set(rng.sample(range(len(records)), len(records) // 10))
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "part.sqlite"
        db = registry.create(part)
        with db:
            importer.write_records(db, [r for k, r in enumerate(records) if k not in held], CNKI.name)
            importer.set_meta(db, name="held-out", as_of="2023-11-30", complete="0")
        db.close()
        preg = Registry(part)
        out = Counter()
        fails = []
        missing = [r for k, r in enumerate(records) if k in held and r["status"] == "active"
                   and clean_issn(r["issn"]) and clean_cn(r["cn"]) and not preg.by_issn(r["issn"]) and not preg.by_cn(r["cn"])]
        for r in missing:
            j = judge(preg, r["issn"], r["cn"], [r["name"]])
            out[j.outcome] += 1
            if j.outcome == "fail":
                fails.append((r["name"], r["cn"]))
        print(f"   real journals the registry lacks ({len(missing)}): {dict(out)} (a fail here is a false fail) {fails[:5]}")
        fakes = Counter()
        regions = sorted({r["cn"][:2] for r in records if r["cn"]})
        for _ in range(1000):
            cn = f"{rng.choice(regions)}-{rng.randrange(1000, 10000)}/X"
            if preg.by_cn(cn) or reg.by_cn(cn):
                continue
            fakes[judge(preg, None, cn, ["环境与生态科技"]).outcome] += 1
        print(f"   made-up CNs (random region, serial 1000-9999, unregistered): {dict(fakes)}"
              " (fail: a serial block no journal of the region uses; review otherwise)")
    # a registered journal's ISSN printed beside a CN no registry has, under another name:
    # a borrowed ISSN (套用他刊 ISSN)
    owners = [r for r in records if r["status"] == "active" and clean_issn(r["issn"]) and clean_cn(r["cn"])
              and len(reg.by_issn(r["issn"])) == 1]
    borrowed = Counter()
    regions = sorted({r["cn"][:2] for r in records if r["cn"]})
    for r in rng.sample(owners, min(1000, len(owners))):
        cn = f"{rng.choice(regions)}-{rng.randrange(1000, 10000)}/X"
        if not reg.by_cn(cn):
            j = judge(reg, r["issn"], cn, ["环境与生态科技"])
            borrowed[j.outcome] += 1
            if j.outcome != "fail" and os.environ.get("BENCH_SHOW"):
                print("     ", r["name"], r["issn"], r["cn"], cn, j.reason[:120])
    print(f"   a registered ISSN beside a made-up CN, under another name (套用他刊 ISSN): {dict(borrowed)}"
          " (review: a CN of region 81, which is no valid CN: the name alone differs)")

    print("\n6. lookup cost, registry open (judge: pair + name + status); wall time, and this thread's CPU time")
    print(f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall time includes waiting for a core)")

    def timed(calls):
        wall, cpu = [], []
        for call in calls:
            t, c = time.perf_counter(), time.thread_time()
            call()
            wall.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
        return wall, cpu

    def show(label, wall, cpu):
        q = lambda xs, f: sorted(xs)[int(len(xs) * f)] * 1e3  # noqa: E731
        print(f"   {label}: wall median {statistics.median(wall) * 1e3:.3f} ms, mean {statistics.mean(wall) * 1e3:.3f} ms, "
              f"p99 {q(wall, 0.99):.3f} ms | CPU median {statistics.median(cpu) * 1e3:.3f} ms, "
              f"mean {statistics.mean(cpu) * 1e3:.3f} ms, p99 {q(cpu, 0.99):.3f} ms  (n={len(wall)}; target <= 1 ms)")

    probe = rng.sample(active, min(5000, len(active)))
    fresh = Registry(args.registry)
    t = time.perf_counter()
    judge(fresh, "1234-5679", "21-9998/X", ["环境监测"])  # the first fuzzy name search loads the name index
    print(f"   first name search in a newly opened registry (loads {len(fresh._name_index()[0])} name keys once): "
          f"{(time.perf_counter() - t) * 1e3:.1f} ms")
    show("registered", *timed([lambda r=r: judge(reg, r["issn"], r["cn"], [r["name"]], misread=sure) for r in probe]))
    show("swapped   ", *timed([lambda a=a, b=b: judge(reg, a["issn"], b["cn"], [a["name"]], misread=sure) for a, b in swaps]))
    show("unknown, candidates by fuzzy name",
         *timed([lambda r=r: judge(reg, "1234-5679", "21-9998/X", [r["name"]]) for r in probe[:500]]))

    warned = reg._db.execute("SELECT DISTINCT name FROM warning").fetchall()
    hit = sum(bool(judge(reg, None, None, [w[0]]).warnings) for w in warned)
    print(f"\n7. CAS warning list: {pct(hit, len(warned))} listed names found by name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
