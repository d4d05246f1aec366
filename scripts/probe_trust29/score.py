"""Scores a `verify batch` run on the probe set of make.py (round 29: seals as offices use them) against its answer
key: each clean dossier's fails and reviews (every one listed), each planted defect fail, review or SILENT (passed).
A planted key may name several rules (a recommendation without the unit's seal: `seal.present` or `seal.unit`); the
most severe finding among them counts (probe_common.score).

    PROBE_OUT=/tmp/trust29 python scripts/probe_trust29/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main  # noqa: E402

score_main("/tmp/trust29", pack_width=7, message_width=200)
