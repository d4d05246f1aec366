"""Scores a `verify batch` run on the probe set of make.py (round 22) against its answer key, with probe_trust11's
scorer (each clean dossier's fails and reviews listed, each planted defect's rule fail, review or SILENT).

    PROBE_OUT=/tmp/trust22 python scripts/probe_trust22/score.py OUT [-v]
"""
import os
import runpy
from pathlib import Path

os.environ.setdefault("PROBE_OUT", "/tmp/trust22")
runpy.run_path(str(Path(__file__).resolve().parent.parent / "probe_trust11" / "score.py"), run_name="__main__")
