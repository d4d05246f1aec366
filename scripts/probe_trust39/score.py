"""Scores a `verify batch` run on the probe set of make.py (round 39: dossiers degraded with Augraphy, its default
pipeline and hand-built ink, paper, copier, bound-volume and pen pipelines at its default strengths) against its
answer key: each clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule),
each planted defect fail, review or SILENT (passed), then the planted outcomes per rule, the list of every silent
pass and false fail, the clean dossiers' fails and reviews by degradation family, and each finding on a page that
Augraphy's log says ran a given augmentation (which augmentations the reviews and fails fall on).

    PROBE_OUT=/tmp/t39 python scripts/probe_trust39/score.py /tmp/t39/out [-v]
"""
import collections
import json
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, planted_by_rule, score_by_rule  # noqa: E402

root, keyfile, out, _ = args("/tmp/t39")
if not (Path(root) / keyfile).is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_by_rule("/tmp/t39", undecided=False, pack_width=7, message_width=200)

key = planted_by_rule(root, keyfile, out)
by_family = collections.defaultdict(collections.Counter)
by_aug = collections.Counter()
for k, v in sorted(key.items()):
    p = Path(out) / k / "report.json"
    if v["planted"] is not None or not p.exists():
        continue
    findings = json.load(open(p))["findings"]
    c = by_family[v["family"]]
    c["dossiers"] += 1
    c["fail"] += sum(x["status"] == "fail" for x in findings)
    c["review"] += sum(x["status"] == "review" for x in findings)
    c["pages"] += v["pages"]
    for x in findings:
        if x["status"] == "pass" or not x.get("file"):
            continue
        name = Path(x["file"]).name
        page = x.get("page") or 1
        if name.startswith("scan") and name.endswith(".jpg"):
            page = int(name[4:7])
        elif name[:2].isdigit() and name.endswith(".png"):
            page = int(name[:2])
        log = next((e for e in v["augmentations"] if e["page"] == page), None)
        for aug in sorted(set(log["augmentations"])) if log else ["?"]:
            by_aug[(aug, x["status"])] += 1
print("clean by degradation family (dossiers/pages/fails/reviews):")
for fam, c in sorted(by_family.items()):
    print(f"  {fam:8} {c['dossiers']}/{c['pages']}/{c['fail']}/{c['review']}")
print("clean findings by augmentation run on their page (augmentation status: count):")
for (aug, st), n in sorted(by_aug.items(), key=lambda t: -t[1]):
    print(f"  {aug:28} {st:6} {n}")
# the blank signature fields a Scribbles was drawn into: how that page was read (its kind, its fields' states) and
# what signature.present said of it (a page read as no kind is never weighed: silent for want of a kind)
for k, v in sorted(key.items()):
    if not v.get("field"):
        continue
    p = Path(out) / k / "report.json"
    if not p.exists():
        continue
    r = json.load(open(p))
    n = next(e["page"] for e in v["augmentations"] if e["doc"] == v["field"])
    docs = r["documents"]
    doc = next((x for x in docs if x["page"] == n and x["file"].endswith(".pdf")), None) or \
        (docs[n - 1] if len(docs) >= n and not docs[n - 1]["file"].endswith(".pdf") else None)
    st = [x["status"] for x in r["findings"] if x["rule"] == "signature.present" and x["status"] != "pass"]
    seen = f"page {n} read as {doc['kind']}, fields {[(s['label'], s['state']) for s in doc['signatures']]}" if doc \
        else f"page {n} not found"
    print(f"scribble in the blank field of {v['field']} ({k}): {seen}; signature.present "
          f"{'/'.join(st) or 'SILENT'}")
