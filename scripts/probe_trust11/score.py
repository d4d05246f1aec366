"""Scores a `verify batch` run on the probe set of make.py against its answer key: each clean dossier's fails and
reviews (every one listed), each planted defect's rule: fail, review, or SILENT (passed). The scorer is
probe_common.score, which the later rounds share.

    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/score.py OUT [-v] [--key answer_key2.json]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main  # noqa: E402

score_main("/tmp/trust11")
