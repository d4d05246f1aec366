"""Scores a `verify batch` run on the probe set of make.py (round 23, journal legitimacy) against its answer key, with
probe_trust11's scorer (each clean dossier's fails and reviews listed, each planted defect's rule fail, review or
SILENT). Without the answer key (make.py skipped: no ../shared/realdata) it says so.

    PROBE_OUT=/tmp/trust23 python scripts/probe_trust23/score.py OUT [-v]
"""
import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_main  # noqa: E402

if not (Path(os.environ.get("PROBE_OUT", "/tmp/trust23")) / "answer_key.json").is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_main("/tmp/trust23")
