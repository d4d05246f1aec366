"""Scores a `verify batch` run on the probe set of make.py against its answer key, with probe_trust11's scorer (the
same answer-key format); a planted rule `ANY` (the 72-dpi thumbnails: a review, never pass nor fail) is scored on
the verdict: review is right, fail is a false fail, pass is SILENT.

    PROBE_OUT=/tmp/trust14 python scripts/probe_trust14/score.py OUT [-v]
"""
import json
import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, score  # noqa: E402

root, _, out, verbose = args("/tmp/trust14")
key = json.load(open(os.path.join(root, "answer_key.json")))
rules = {k: v for k, v in key.items() if v["planted"] != "ANY"}
json.dump(rules, open(os.path.join(root, "answer_key_rules.json"), "w"), ensure_ascii=False)  # as it always wrote it
score(rules, out, verbose)
for k, v in sorted(key.items()):
    p = os.path.join(out, k, "report.json")
    if v["planted"] == "ANY" and os.path.exists(p):
        verdict = json.load(open(p))["verdict"]
        print(f"{k} ANY (a review expected): {verdict}", "" if verdict == "review" else
              "SILENT" if verdict == "pass" else "FALSE FAIL")
