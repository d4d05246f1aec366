"""Scores a `verify batch` run on the probe set of make.py (round 27: units outside 抚顺) against its answer key,
with probe_trust11's scorer (each clean dossier's fails and reviews listed, each planted seal fail, review or SILENT).

    PROBE_OUT=/tmp/trust27 python scripts/probe_trust27/score.py OUT [-v]
"""
import os
import runpy
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust27")
runpy.run_path(str(Path(__file__).resolve().parent.parent / "probe_trust11" / "score.py"), run_name="__main__")
