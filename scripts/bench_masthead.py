#!/usr/bin/env python
"""Benchmark of journal.registered's masthead checks (``verify.journals.judge._masthead_doubts``) over the registry.

    nice -n 10 .venv/bin/python scripts/bench_masthead.py [--seed 7]

A 套刊 copying a real journal's name, ISSN and CN is told by what else its pages print: a sponsor (主办单位) that
is not the registered one, an issue number beyond the registered frequency (刊期), a submission address on a free
mailbox. Every active journal of the shipped registry with a sponsor prints its own masthead (the sponsors as the
list gives them, six layouts, read surely; then one or two characters of the sponsor misread, no recogniser to ask)
and its highest issue: each doubt there is a review on a real journal (target 0). Planted: another journal's sponsor
(any journal's, and one of the same CN region), read surely and not, the issue after the highest, a qq.com submission
address: the share caught.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verify.journals.judge import _masthead_doubts  # noqa: E402
from verify.journals.registry import open_registry  # noqa: E402
from verify.read.dates import _ISSUES_PER_YEAR, frequency_periodicity  # noqa: E402



def _sponsors(publisher: str) -> list[str]:
    return [x.strip() for x in re.split(r"[;；]", publisher or "") if x.strip()]


def _misread(name: str, rng: random.Random, n: int) -> str:
    chars = list(name)
    for i in rng.sample(range(len(chars)), min(n, len(chars))):
        chars[i] = "口"
    return "".join(chars)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    rows = [r for r in open_registry()._records("status = ?", ("active",)) if _sponsors(r.publisher)]
    by_region: dict[str, list] = {}
    for r in rows:
        by_region.setdefault((r.cn or "")[:2], []).append(r)
    clean, planted, n, examples = Counter(), Counter(), Counter(), []
    sure = lambda *a: False  # noqa: E731
    for r in rows:
        parts = _sponsors(r.publisher)
        most = _ISSUES_PER_YEAR.get(frequency_periodicity(r.frequency))
        layouts = {
            "主办：A  B (with its highest issue)": (f"{r.name}\n2022年第{most or 3}期\n主管：某某\n主办：{'  '.join(parts)}", sure),
            "主办单位 / A (cells)": (f"主办单位\n{parts[0]}\n编辑出版\n《{r.name}》编辑部", sure),
            "A、B 主办 (a foot)": (f"{r.name}\n{'、'.join(parts)} 主办", sure),
            "主办单位：last sponsor only": (f"主办单位：{parts[-1]}", sure),
            "主管：… 主办：A 出版：… (one line)": (f"主管：某某 主办：{parts[0]} 出版：《{r.name}》编辑部", sure),
            "主办：A cut to 24 characters": (f"主办：{parts[0][:24]}", sure),
            "主办：A, one character misread": (f"主办：{_misread(parts[0], rng, 1)}", None),
            "主办：A, two characters misread": (f"主办：{_misread(parts[0], rng, 2)}", None),
        }
        for k, (text, misread) in layouts.items():
            n[k] += 1
            heads = [f"第45卷第{most or 3}期", f"Vol.45 No.{most or 3}", f"{r.name} 2022,45({most or 3}): 1-8"]
            if d := _masthead_doubts(r, [text], heads, misread=misread):
                clean[k] += 1
                if len(examples) < 10:
                    examples.append((k, r.name, r.publisher, d[0][:90]))
        other = rng.choice(rows)
        same = [x for x in by_region.get((r.cn or "")[:2], []) if not set(_sponsors(x.publisher)) & set(parts)]
        for label, o in (("another journal's sponsor", other), ("a sponsor of the same CN region", rng.choice(same) if same else None)):
            if o is None or set(_sponsors(o.publisher)) & set(parts):
                continue
            text = f"主办：{_sponsors(o.publisher)[0]}"
            for how, misread in (("read surely", sure), ("no recogniser", None)):
                n[f"{label}, {how}"] += 1
                planted[f"{label}, {how}"] += bool(_masthead_doubts(r, [text], misread=misread))
        if most:
            n["the issue after the highest"] += 1
            planted["the issue after the highest"] += bool(_masthead_doubts(r, [f"2022年第{most + 1}期"]))
            for form in ("Vol.45 No.{}", "2022,45({}): 1-8"):
                n[f"the issue after the highest, {form.format('N')}"] += 1
                planted[f"the issue after the highest, {form.format('N')}"] += bool(
                    _masthead_doubts(r, [], [form.format(most + 1)]))
        n["投稿邮箱 on qq.com"] += 1
        planted["投稿邮箱 on qq.com"] += bool(_masthead_doubts(r, ["投稿邮箱：abc2022@qq.com"]))
    print(f"{len(rows)} active registered journals with a sponsor\n\nreal mastheads: doubts (each a review on a real journal; target 0)")
    for k in n:
        if k in clean or not any(k.startswith(p) for p in ("another", "a sponsor", "the issue", "投稿")):
            print(f"  {k:42s} {clean[k]:5d} / {n[k]}")
    print("\nplanted: caught (a doubt; the rule makes a sponsor alone a note on the pass, a review beside another doubt)")
    for k in n:
        if any(k.startswith(p) for p in ("another", "a sponsor", "the issue", "投稿")):
            print(f"  {k:42s} {planted[k]:5d} / {n[k]}  ({planted[k] / n[k]:.1%})")
    for e in examples:
        print("  e.g.", *e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
