"""Scores a `verify batch` run on the probe set of make.py (round 35: journal evidence as a fraud ring and honest
applicants hand it in, real journals' names and numbers on pages in the Debian and Noto faces) against its answer key:
each clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule), each planted
trick fail, review or SILENT (passed). A planted key may name several rules; the most severe finding among them counts
(probe_common.score). Without the answer key (make.py skipped: no ../shared/realdata) it says so.

    PROBE_OUT=/tmp/trust35 python scripts/probe_trust35/score.py OUT [-v]
"""
import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_by_rule  # noqa: E402

if not (Path(os.environ.get("PROBE_OUT", "/tmp/trust35")) / "answer_key.json").is_file():
    print("跳过：没有答案（make.py 未生成探针集）")
    sys.exit(0)
score_by_rule("/tmp/trust35", undecided=False, pack_width=7, message_width=200)
