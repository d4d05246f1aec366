"""Scores a `verify batch` run on the probe set of make.py (round 24) against its answer key, with probe_trust11's
scorer (each clean dossier's fails and reviews listed, each planted defect's rule fail, review or SILENT), then the
entries whose dates cannot decide (``expect: review``): a fail there is a false fail on an honest applicant.

    PROBE_OUT=/tmp/trust24 python scripts/probe_trust24/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main, undecidable  # noqa: E402

undecidable(*score_main("/tmp/trust24"))
