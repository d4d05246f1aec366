"""Scores a `verify batch` run on the probe set of make.py (round 36: planted defects as an outside team would plant
them, rule by rule from DOSSIER.md's rule table, two or three ways each, beside clean dossiers drawn the same ways)
against its answer key: each clean dossier's fails and reviews (every one listed, then counted per clean dossier and
per rule), each planted defect fail, review or SILENT (passed), then the planted outcomes per rule and the list of
every silent pass and false fail.

    PROBE_OUT=/tmp/trust36 python scripts/probe_trust36/score.py OUT [-v]
"""
import collections
import json
import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, score_by_rule  # noqa: E402

root, keyfile, out, _ = args("/tmp/trust36")
if not (Path(root) / keyfile).is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_by_rule("/tmp/trust36", undecided=True, pack_width=7, message_width=200)

key = json.load(open(Path(root) / keyfile))
per_rule = collections.defaultdict(collections.Counter)
silent, false_fail = [], []
for k, v in sorted(key.items()):
    p = Path(out) / k / "report.json"
    if not p.exists():
        continue
    findings = json.load(open(p))["findings"]
    if v["planted"] is None:
        false_fail += [(k, v["how"], x) for x in findings if x["status"] == "fail"]
        continue
    st = {x["status"] for x in findings if x["rule"] == v["planted"]}
    res = "fail" if "fail" in st else "review" if "review" in st else "SILENT"
    per_rule[v["planted"]][res] += 1
    if res == "SILENT":
        silent.append((k, v["planted"], v["how"]))
print("planted by rule (fail/review/SILENT):")
for rule, c in sorted(per_rule.items()):
    print(f"  {rule:22} {c['fail']}/{c['review']}/{c['SILENT']}")
print(f"silent passes {len(silent)}:")
for k, rule, how in silent:
    print(f"  {k} {rule} ({how})")
print(f"false fails {len(false_fail)}:")
for k, how, x in false_fail:
    print(f"  {k} ({how}) {x['rule']} {x.get('file')}:{x.get('page')} {x['message'][:160]}")
