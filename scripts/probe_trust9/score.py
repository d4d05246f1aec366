"""Scores a `verify batch` run on a probe set of make.py against its answer key:
clean dossiers' fails and reviews, each planted defect's rule failed, reviewed or passed SILENT.

    PROBE_OUT=/tmp/trust9 python scripts/probe_trust9/score.py OUT [-v]
"""
import collections
import json
import os
import re
import sys

ROOT = os.environ.get("PROBE_OUT", "/tmp/trust9")
out = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('-') else ROOT + '/out'
m_ = re.search(r'(?:out|set)(\d)', out)
key = json.load(open(ROOT + '/answer_key%s.json' % (m_.group(1) if m_ else '')))
verbose = '-v' in sys.argv
tot = collections.Counter()
for k, v in sorted(key.items()):
    p = os.path.join(out, k, 'report.json')
    if not os.path.exists(p):
        print(k, 'NO REPORT'); continue
    r = json.load(open(p))
    f = r['findings']
    fails = [x for x in f if x['status'] == 'fail']
    revs = [x for x in f if x['status'] == 'review']
    if v['planted'] is None:
        tot['clean'] += 1; tot['clean_fail'] += len(fails); tot['clean_review'] += len(revs)
        tot['clean_fail_doss'] += bool(fails)
        tag = 'CLEAN'
    else:
        rule = v['planted']
        st = {x['status'] for x in f if x['rule'] == rule}
        res = 'fail' if 'fail' in st else 'review' if 'review' in st else 'SILENT'
        tot['planted'] += 1; tot['planted_' + res] += 1
        tag = f"{rule}:{res}"
    print(f"{k} {v['pack']:7} {r['verdict']:6} F{len(fails)} R{len(revs)} {tag}")
    if verbose or v['planted'] is None:
        for x in fails + revs:
            print(f"    {x['status']:6} {x['rule']:22} {x.get('file')}:{x.get('page')} {x['message'][:150]}")
print(dict(tot))
