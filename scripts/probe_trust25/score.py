"""Scores a `verify batch` run on the probe set of make.py (round 25) against its answer key, with probe_trust11's
scorer (each clean dossier's fails and reviews listed, each planted defect's rule fail, review or SILENT), then the
entries whose dates cannot decide (``expect: review``): a fail there is a false fail on an honest applicant.

    PROBE_OUT=/tmp/trust25 python scripts/probe_trust25/score.py OUT [-v]
"""
import json
import os
import runpy
import sys
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust25")
runpy.run_path(str(Path(__file__).resolve().parent.parent / "probe_trust11" / "score.py"), run_name="__main__")
root = os.environ["PROBE_OUT"]
out = next((x for x in sys.argv[1:] if not x.startswith("-")), root + "/out")
key = json.load(open(os.path.join(root, "answer_key.json")))
bad = 0
for k, v in sorted(key.items()):
    if v.get("expect") != "review" or not os.path.exists(os.path.join(out, k, "report.json")):
        continue
    st = {x["status"] for x in json.load(open(os.path.join(out, k, "report.json")))["findings"] if x["rule"] == v["planted"]}
    res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
    bad += res != "review"
    print(f"undecidable {k} {v['planted']}: {res}" + ("" if res == "review" else "  <- should be review"))
print("undecidable not review:", bad)
