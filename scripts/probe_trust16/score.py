"""Scores a `verify batch` run on the probe set of make.py (round 16) against its answer key, with probe_trust11's scorer (the
same answer-key format: each clean dossier's fails and reviews listed, each planted defect's rule fail, review or
SILENT).

    PROBE_OUT=/tmp/trust16 python scripts/probe_trust16/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main  # noqa: E402

score_main("/tmp/trust16")
