"""Scores a `verify batch` run on the probe set of make.py (round 27: units outside 抚顺) against its answer key,
with probe_trust11's scorer (each clean dossier's fails and reviews listed, each planted seal fail, review or SILENT).

    PROBE_OUT=/tmp/trust27 python scripts/probe_trust27/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main  # noqa: E402

score_main("/tmp/trust27")
