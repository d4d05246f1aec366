"""Scores a `verify batch` run on the probe set of make.py (round 33: dossiers sent from a phone through chat apps:
WeChat-compressed and resent pictures, long images stacking several pages, a scanner app's footer and watermark,
screenshots of a chat app's PDF viewer, photos of a monitor, touch-screen e-signatures) against its answer key: each
clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule), each planted defect
fail, review or SILENT (passed). A planted key may name several rules; the most severe finding among them counts
(probe_common.score).

    PROBE_OUT=/tmp/trust33 python scripts/probe_trust33/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_by_rule  # noqa: E402

score_by_rule("/tmp/trust33", pack_width=6, message_width=200)
