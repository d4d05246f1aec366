"""Scores a `verify batch` run on the probe set of make.py (round 28) against its answer key: probe_trust24's scorer
(probe_trust11's, then the entries whose dates cannot decide, ``expect: review``; none here), run on this round's set.

    PROBE_OUT=/tmp/trust28 python scripts/probe_trust28/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main, undecidable  # noqa: E402

undecidable(*score_main("/tmp/trust28"))
