"""Scores a `verify batch` run on the probe set of make.py (round 26: pages printed from web systems by Chromium)
against its answer key, with probe_trust11's scorer (each clean dossier's fails and reviews listed, each planted
defect's rule fail, review or SILENT).

    PROBE_OUT=/tmp/trust26 python scripts/probe_trust26/score.py OUT [-v]
"""
import os
import runpy
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust26")
runpy.run_path(str(Path(__file__).resolve().parent.parent / "probe_trust11" / "score.py"), run_name="__main__")
