"""Scores a `verify batch` run on the probe set of make.py (round 29: seals as offices use them) against its answer
key: each clean dossier's fails and reviews (every one listed), each planted defect fail, review or SILENT (passed).
A planted key may name several rules (a recommendation without the unit's seal: `seal.present` or `seal.unit`); the
most severe finding among them counts.

    PROBE_OUT=/tmp/trust29 python scripts/probe_trust29/score.py OUT [-v]
"""
import collections
import json
import os
import sys

ROOT = os.environ.get("PROBE_OUT", "/tmp/trust29")
args = sys.argv[1:]
out = next((x for x in args if not x.startswith("-")), ROOT + "/out")
key = json.load(open(os.path.join(ROOT, "answer_key.json")))
verbose = "-v" in args
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
    print(f"{k} {v['pack']:7} {r['verdict']:6} F{len(fails)} R{len(revs)} {tag}")
    if verbose or planted is None:
        for x in fails + revs:
            print(f"    {x['status']:6} {x['rule']:22} {x.get('file')}:{x.get('page')} {x['message'][:200]}")
print(dict(tot))
