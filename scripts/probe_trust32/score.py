"""Scores a `verify batch` run on the probe set of make.py (round 32: born-digital dossiers drawn as a PDF library's
user draws them, vector seals in the text layer, two seals on a page, sideways pages, black-and-white copies) against
its answer key: each clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule),
each planted defect fail, review or SILENT (passed). A planted key may name several rules; the most severe finding
among them counts (probe_common.score).

    PROBE_OUT=/tmp/trust32 python scripts/probe_trust32/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_by_rule  # noqa: E402

score_by_rule("/tmp/trust32", pack_width=5, message_width=200)
