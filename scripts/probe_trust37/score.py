"""Scores a `verify batch` run on the probe set of make.py (round 37: page geometry, resolution and paper size as real
scanners and an outside team produce them: 600/400/150-dpi scans, A5/B5/16K/Letter/A3 paper, small documents on a
flatbed, PDFs with /Rotate, a CropBox, mixed page sizes, pictures at odd resolutions) against its answer key: each
clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule), each planted
defect fail, review or SILENT (passed), then the planted outcomes per rule and the list of every silent pass and
false fail.

    PROBE_OUT=/tmp/t37 python scripts/probe_trust37/score.py OUT [-v]
"""
import collections
import json
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, planted_by_rule, score_by_rule  # noqa: E402

root, keyfile, out, _ = args("/tmp/t37")
if not (Path(root) / keyfile).is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_by_rule("/tmp/t37", undecided=False, pack_width=7, message_width=200)

key = planted_by_rule(root, keyfile, out)
# the clean dossiers' fails and reviews by how they were handed in (capture and dpi): a pixel-size threshold shows as
# one resolution's dossiers reviewed where the same applicant's others are not
by_pack = collections.defaultdict(collections.Counter)
for k, v in sorted(key.items()):
    p = Path(out) / k / "report.json"
    if v["planted"] is None and p.exists():
        findings = json.load(open(p))["findings"]
        c = by_pack[v["pack"]]
        c["dossiers"] += 1
        c["fail"] += sum(x["status"] == "fail" for x in findings)
        c["review"] += sum(x["status"] == "review" for x in findings)
print("clean by capture (dossiers/fails/reviews):")
for pack, c in sorted(by_pack.items()):
    print(f"  {pack:8} {c['dossiers']}/{c['fail']}/{c['review']}")
