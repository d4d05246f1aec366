"""Scores a `verify batch` run on the probe set of make.py (round 36: planted defects as an outside team would plant
them, rule by rule from DOSSIER.md's rule table, two or three ways each, beside clean dossiers drawn the same ways)
against its answer key: each clean dossier's fails and reviews (every one listed, then counted per clean dossier and
per rule), each planted defect fail, review or SILENT (passed), then the planted outcomes per rule and the list of
every silent pass and false fail.

    PROBE_OUT=/tmp/trust36 python scripts/probe_trust36/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import args, planted_by_rule, score_by_rule  # noqa: E402

root, keyfile, out, _ = args("/tmp/trust36")
if not (Path(root) / keyfile).is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_by_rule("/tmp/trust36", undecided=True, pack_width=7, message_width=200)

planted_by_rule(root, keyfile, out)
