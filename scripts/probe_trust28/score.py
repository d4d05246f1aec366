"""Scores a `verify batch` run on the probe set of make.py (round 28) against its answer key: probe_trust24's scorer
(probe_trust11's, then the entries whose dates cannot decide, ``expect: review``; none here), run on this round's set.

    PROBE_OUT=/tmp/trust28 python scripts/probe_trust28/score.py OUT [-v]
"""
import os
import runpy
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust28")
runpy.run_path(str(Path(__file__).resolve().parent.parent / "probe_trust24" / "score.py"), run_name="__main__")
