"""Scores a `verify batch` run on the probe set of make.py (round 30: dossiers as an outside team's generator would
draw them) against its answer key: each clean dossier's fails and reviews (every one listed, then counted per clean
dossier and per rule), each planted defect fail, review or SILENT (passed). A planted key may name several rules; the
most severe finding among them counts (probe_common.score).

    PROBE_OUT=/tmp/trust30 python scripts/probe_trust30/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_by_rule  # noqa: E402

score_by_rule("/tmp/trust30", undecided=False, pack_width=5, message_width=200)
