"""Scores a `verify batch` run on the probe set of make.py (round 30: dossiers as an outside team's generator would
draw them) against its answer key: each clean dossier's fails and reviews (every one listed, then counted per clean
dossier and per rule), each planted defect fail, review or SILENT (passed). A planted key may name several rules; the
most severe finding among them counts.

    PROBE_OUT=/tmp/trust30 python scripts/probe_trust30/score.py OUT [-v]
"""
import collections
import json
import os
import sys

ROOT = os.environ.get("PROBE_OUT", "/tmp/trust30")
args = sys.argv[1:]
out = next((x for x in args if not x.startswith("-")), ROOT + "/out")
key = json.load(open(os.path.join(ROOT, "answer_key.json")))
verbose = "-v" in args
tot = collections.Counter()
clean_fail_rules = collections.Counter()
clean_review_rules = collections.Counter()
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
        clean_fail_rules.update(x["rule"] for x in fails)
        clean_review_rules.update(x["rule"] for x in revs)
        tag = "CLEAN"
    else:
        rules = planted if isinstance(planted, list) else [planted]
        st = {x["status"] for x in f if x["rule"] in rules}
        res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
        tot["planted"] += 1
        tot["planted_" + res] += 1
        tag = f"{'|'.join(rules)}:{res}"
    print(f"{k} {v['pack']:5} {r['verdict']:6} F{len(fails)} R{len(revs)} {tag}")
    if verbose or planted is None:
        for x in fails + revs:
            print(f"    {x['status']:6} {x['rule']:22} {x.get('file')}:{x.get('page')} {x['message'][:200]}")
print(dict(tot))
n = max(tot["clean"], 1)
print(f"clean dossiers {tot['clean']}: false fails/dossier {tot['clean_fail'] / n:.2f}, reviews/dossier "
      f"{tot['clean_review'] / n:.2f}")
print("  clean fails by rule:", dict(clean_fail_rules.most_common()))
print("  clean reviews by rule:", {r: round(c / n, 2) for r, c in clean_review_rules.most_common()})
print(f"planted {tot['planted']}: fail {tot['planted_fail']}, review {tot['planted_review']}, "
      f"SILENT {tot['planted_SILENT']}")
