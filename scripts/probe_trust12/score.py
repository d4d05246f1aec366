"""Scores a `verify batch` run on the probe set of make.py against its answer key (the approach of
probe_trust11/score.py): each clean dossier's fails and reviews (every one listed), each planted defect's rule: fail,
review, or SILENT (passed).

    PROBE_OUT=/tmp/trust12 python scripts/probe_trust12/score.py OUT [-v]
"""
import collections
import json
import os
import sys

ROOT = os.environ.get("PROBE_OUT", "/tmp/trust12")
args = sys.argv[1:]
keyfile = args[args.index("--key") + 1] if "--key" in args else "answer_key.json"
out = next((x for x in args if not x.startswith("-") and x != keyfile), ROOT + "/out")
key = json.load(open(os.path.join(ROOT, keyfile)))
verbose = "-v" in sys.argv
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
    if v["planted"] is None:
        tot["clean"] += 1
        tot["clean_fail"] += len(fails)
        tot["clean_review"] += len(revs)
        tot["clean_fail_dossiers"] += bool(fails)
        tag = "CLEAN"
    else:
        st = {x["status"] for x in f if x["rule"] == v["planted"]}
        res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
        tot["planted"] += 1
        tot["planted_" + res] += 1
        tag = f"{v['planted']}:{res}"
    print(f"{k} {v['pack']:6} {r['verdict']:6} F{len(fails)} R{len(revs)} {tag}")
    if verbose or v["planted"] is None:
        for x in fails + revs:
            print(f"    {x['status']:6} {x['rule']:22} {x.get('file')}:{x.get('page')} {x['message'][:160]}")
print(dict(tot))
