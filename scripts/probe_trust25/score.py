"""Scores a `verify batch` run on the probe set of make.py (round 25) against its answer key: probe_trust24's scorer
(probe_trust11's, then the entries whose dates cannot decide, ``expect: review``), run on this round's set.

    PROBE_OUT=/tmp/trust25 python scripts/probe_trust25/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main, undecidable  # noqa: E402

undecidable(*score_main("/tmp/trust25"))
