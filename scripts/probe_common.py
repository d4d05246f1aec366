"""What the probe rounds (scripts/probe_trustN/) share: loading another round's make.py as a module, and scoring a
`verify batch` run against a round's answer key.

A round's script finds this module by putting scripts/ at the end of ``sys.path`` (nothing there shadows what the
rounds import):

    sys.path.append(str(Path(__file__).resolve().parents[1]))
    from probe_common import load_round  # noqa: E402
"""
from __future__ import annotations

import collections
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parent


def load_round(n: int, name: str | None = None) -> ModuleType:
    """Round ``n``'s make.py run as a fresh module named ``name`` (``probeN`` unless given). Not cached and not put
    in ``sys.modules``: each call runs the file again, so two rounds that patch what they borrow (``T.stamp``,
    ``Leaf.text``) each patch their own copy. The round runs with no command-line arguments (round 31 reads its
    ``--setN`` flags at import: the borrowing round's own are not its)."""
    spec = importlib.util.spec_from_file_location(name or f"probe{n}", SCRIPTS / f"probe_trust{n}" / "make.py")
    mod = importlib.util.module_from_spec(spec)
    argv, sys.argv = sys.argv, sys.argv[:1]
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.argv = argv
    return mod


def open_set(out: Path, only: list[str]) -> tuple[Path, dict]:
    """A round's output made ready: ``out`` emptied and its ``set`` folder made, unless only some dossiers are
    remade (``only``: $PROBE_ONLY's keys), whose answer key is then read to be updated. Returns the answer key's
    path and the key so far."""
    import shutil

    if not only and out.exists():
        shutil.rmtree(out)
    (out / "set").mkdir(parents=True, exist_ok=True)
    keyfile = out / "answer_key.json"
    return keyfile, (json.loads(keyfile.read_text()) if only and keyfile.exists() else {})


def args(default_root: str, argv: list[str] | None = None) -> tuple[str, str, str, bool]:
    """A scorer's command line, ``OUT [-v] [--key KEYFILE]``: the probe root ($PROBE_OUT, else ``default_root``),
    the answer key's file name in it (answer_key.json unless ``--key``), the reports' folder (the first word not
    an option nor the key's name; ROOT/out if none) and whether to list a planted dossier's findings too (``-v``)."""
    argv = sys.argv[1:] if argv is None else argv
    root = os.environ.get("PROBE_OUT", default_root)
    keyfile = argv[argv.index("--key") + 1] if "--key" in argv else "answer_key.json"
    out = next((x for x in argv if not x.startswith("-") and x != keyfile), root + "/out")
    return root, keyfile, out, "-v" in argv


def score(key: dict | str | os.PathLike, out: str, verbose: bool = False, pack_width: int = 6,
          message_width: int = 160) -> collections.Counter:
    """Prints one line a dossier of the answer key ``key`` (a dict or the path of its JSON) read from its report
    under ``out``: its pack, verdict, fails and reviews, then CLEAN or each planted rule's outcome (``fail``,
    ``review`` or ``SILENT``: passed). A planted key may name several rules (a list): the most severe finding among
    them counts. A clean dossier's fails and reviews are listed (a planted one's too with ``verbose``). Last the
    tally: clean dossiers, their fails and reviews, planted ones by outcome, reports missing. Returns the tally."""
    if not isinstance(key, dict):
        key = json.load(open(key))
    tot = collections.Counter()
    for k, v in sorted(key.items()):
        p = os.path.join(out, k, "report.json")
        if not os.path.exists(p):
            print(k, "NO REPORT")
            tot["no_report"] += 1
            continue
        r = json.load(open(p))
        f = r["findings"]
        fails = [x for x in f if x["status"] == "fail"]
        revs = [x for x in f if x["status"] == "review"]
        planted = v["planted"]
        if planted is None:
            tot["clean"] += 1
            tot["clean_fail"] += len(fails)
            tot["clean_review"] += len(revs)
            tot["clean_fail_dossiers"] += bool(fails)
            tag = "CLEAN"
        else:
            rules = planted if isinstance(planted, list) else [planted]
            st = {x["status"] for x in f if x["rule"] in rules}
            res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
            tot["planted"] += 1
            tot["planted_" + res] += 1
            tag = f"{'|'.join(rules)}:{res}"
        print(f"{k} {v['pack']:{pack_width}} {r['verdict']:6} F{len(fails)} R{len(revs)} {tag}")
        if verbose or planted is None:
            for x in fails + revs:
                print(f"    {x['status']:6} {x['rule']:22} {x.get('file')}:{x.get('page')} "
                      f"{x['message'][:message_width]}")
    print(dict(tot))
    return tot


def score_main(default_root: str, **fmt) -> tuple[str, str]:
    """A round's scorer as probe_trust11 wrote it: the command line read by ``args``, the key scored by ``score``
    (``fmt``: its widths). Returns the probe root and the reports' folder, for a round's own lines after."""
    root, keyfile, out, verbose = args(default_root)
    score(os.path.join(root, keyfile), out, verbose, **fmt)
    return root, out


def score_by_rule(default_root: str, undecided: bool = True, **fmt) -> None:
    """A round's scorer as probe_trust30 on wrote it: ``score`` (``fmt``: its widths), then the clean dossiers' false
    fails and reviews per dossier and by rule, and (``undecided``) the entries whose key expects a review."""
    root, keyfile, out, verbose = args(default_root)
    key = json.load(open(os.path.join(root, keyfile)))
    tot = score(key, out, verbose, **fmt)
    clean_fail_rules, clean_review_rules = collections.Counter(), collections.Counter()
    for k, v in key.items():
        p = os.path.join(out, k, "report.json")
        if v["planted"] is None and os.path.exists(p):
            findings = json.load(open(p))["findings"]
            clean_fail_rules.update(x["rule"] for x in findings if x["status"] == "fail")
            clean_review_rules.update(x["rule"] for x in findings if x["status"] == "review")
    n = max(tot["clean"], 1)
    print(f"clean dossiers {tot['clean']}: false fails/dossier {tot['clean_fail'] / n:.2f}, reviews/dossier "
          f"{tot['clean_review'] / n:.2f}")
    print("  clean fails by rule:", dict(clean_fail_rules.most_common()))
    print("  clean reviews by rule:", {r: round(c / n, 2) for r, c in clean_review_rules.most_common()})
    print(f"planted {tot['planted']}: fail {tot['planted_fail']}, review {tot['planted_review']}, "
          f"SILENT {tot['planted_SILENT']}")
    if undecided:
        undecidable(root, out)


def undecidable(root: str, out: str) -> None:
    """The entries whose dates cannot decide (``expect: review`` in the key, rounds 24 on): each one's planted rule
    fail, review or SILENT, then how many were not a review (a fail there is a false fail on an honest applicant)."""
    key = json.load(open(os.path.join(root, "answer_key.json")))
    bad = 0
    for k, v in sorted(key.items()):
        if v.get("expect") != "review" or not os.path.exists(os.path.join(out, k, "report.json")):
            continue
        st = {x["status"] for x in json.load(open(os.path.join(out, k, "report.json")))["findings"]
              if x["rule"] == v["planted"]}
        res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
        bad += res != "review"
        print(f"undecidable {k} {v['planted']}: {res}" + ("" if res == "review" else "  <- should be review"))
    print("undecidable not review:", bad)


def planted_by_rule(root: str, keyfile: str, out: str) -> dict:
    """A round's planted outcomes per rule (fail/review/SILENT), then every silent pass and every fail on a clean
    dossier, each with how the key says it was made (its ``how``), as rounds 36 on print them. A planted key may name
    several rules (a list, as :func:`score` takes it): the most severe finding among them counts. Returns the key."""
    key = json.load(open(os.path.join(root, keyfile)))
    per_rule = collections.defaultdict(collections.Counter)
    silent, false_fail = [], []
    for k, v in sorted(key.items()):
        p = os.path.join(out, k, "report.json")
        if not os.path.exists(p):
            continue
        findings = json.load(open(p))["findings"]
        if v["planted"] is None:
            false_fail += [(k, v["how"], x) for x in findings if x["status"] == "fail"]
            continue
        rules = v["planted"] if isinstance(v["planted"], list) else [v["planted"]]
        st = {x["status"] for x in findings if x["rule"] in rules}
        res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
        per_rule["|".join(rules)][res] += 1
        if res == "SILENT":
            silent.append((k, "|".join(rules), v["how"]))
    print("planted by rule (fail/review/SILENT):")
    for rule, c in sorted(per_rule.items()):
        print(f"  {rule:22} {c['fail']}/{c['review']}/{c['SILENT']}")
    print(f"silent passes {len(silent)}:")
    for k, rule, how in silent:
        print(f"  {k} {rule} ({how})")
    print(f"false fails {len(false_fail)}:")
    for k, how, x in false_fail:
        print(f"  {k} ({how}) {x['rule']} {x.get('file')}:{x.get('page')} {x['message'][:160]}")
    return key
