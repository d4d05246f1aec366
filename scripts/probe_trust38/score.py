"""Scores a `verify batch` run on the probe set of make.py (round 38: the marks offices and applicants add to copies:
the applicant's certification and date, HR's red rectangle and the checking office's seal, highlighter, red pen,
page numbers, punch holes, staples, show-through, sticky notes) against its answer key: each clean dossier's fails
and reviews (every one listed, then counted per clean dossier and per rule), each planted defect fail, review or
SILENT (passed), then the planted outcomes per rule, the list of every silent pass and false fail, and last each
clean finding that names a page with the marks the key says that page carries (a mark read as the page's own shows
there).

    PROBE_OUT=/tmp/t38 python scripts/probe_trust38/score.py OUT [-v]
"""
import collections
import json
import re
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, planted_by_rule, score_by_rule  # noqa: E402

root, keyfile, out, _ = args("/tmp/t38")
if not (Path(root) / keyfile).is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_by_rule("/tmp/t38", undecided=False, pack_width=7, message_width=200)

key = planted_by_rule(root, keyfile, out)


def page_name(v, file, page):
    """The make.py page name a finding's file and page stand for: NN_name.png, scanNNN.jpg, or a PDF's page."""
    if not file:
        return None
    m = re.match(r"(\d+)_(.+)\.png$", Path(file).name)
    if m:
        return m.group(2)
    m = re.match(r"scan(\d+)\.jpg$", Path(file).name)
    k = int(m.group(1)) if m else page
    order = v.get("order", [])
    return order[k - 1] if k and 0 < k <= len(order) else None


by_mark = collections.Counter()
print("clean findings on marked pages (dossier, status, rule, page: its marks):")
for k, v in sorted(key.items()):
    p = Path(out) / k / "report.json"
    if v["planted"] is not None or not p.exists():
        continue
    for x in json.load(open(p))["findings"]:
        if x["status"] == "pass":
            continue
        n = page_name(v, x.get("file"), x.get("page"))
        marks = v["marks"].get(n, []) if n else []
        for mk in marks:
            by_mark[mk, x["status"]] += 1
        print(f"  {k} {x['status']:6} {x['rule']:20} {n}: {','.join(marks) or '-'}")
print("clean fails/reviews by the marks on their page:",
      {f"{mk}:{st}": c for (mk, st), c in sorted(by_mark.items())})
