"""Scores a `verify batch` run on the probe set of make.py against its answer key, with probe_trust11's scorer (the
same answer-key format); a planted rule `ANY` (the 72-dpi thumbnails: a review, never pass nor fail) is scored on
the verdict: review is right, fail is a false fail, pass is SILENT.

    PROBE_OUT=/tmp/trust14 python scripts/probe_trust14/score.py OUT [-v]
"""
import json
import os
import runpy
import sys
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust14")
_all = json.load(open(os.path.join(os.environ["PROBE_OUT"], "answer_key.json")))
json.dump({k: v for k, v in _all.items() if v["planted"] != "ANY"},
          open(os.path.join(os.environ["PROBE_OUT"], "answer_key_rules.json"), "w"), ensure_ascii=False)
_argv = sys.argv
sys.argv = [*_argv, "--key", "answer_key_rules.json"]
runpy.run_path(str(Path(__file__).resolve().parent.parent / "probe_trust11" / "score.py"), run_name="__main__")
sys.argv = _argv
out = next((x for x in sys.argv[1:] if not x.startswith("-")), os.environ["PROBE_OUT"] + "/out")
key = json.load(open(os.path.join(os.environ["PROBE_OUT"], "answer_key.json")))
for k, v in sorted(key.items()):
    p = os.path.join(out, k, "report.json")
    if v["planted"] == "ANY" and os.path.exists(p):
        verdict = json.load(open(p))["verdict"]
        print(f"{k} ANY (a review expected): {verdict}", "" if verdict == "review" else
              "SILENT" if verdict == "pass" else "FALSE FAIL")
