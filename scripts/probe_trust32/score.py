"""Scores a `verify batch` run on the probe set of make.py (round 32: born-digital dossiers drawn as a PDF library's
user draws them, vector seals in the text layer, two seals on a page, sideways pages, black-and-white copies) against
its answer key: each clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule),
each planted defect fail, review or SILENT (passed). A planted key may name several rules; the most severe finding
among them counts (probe_common.score).

    PROBE_OUT=/tmp/trust32 python scripts/probe_trust32/score.py OUT [-v]
"""
import collections
import json
import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, score, undecidable  # noqa: E402

root, keyfile, out, verbose = args("/tmp/trust32")
key = json.load(open(os.path.join(root, keyfile)))
tot = score(key, out, verbose, pack_width=5, message_width=200)
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
undecidable(root, out)
