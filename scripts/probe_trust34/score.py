"""Scores a `verify batch` run on the probe set of make.py (round 34: dossiers a third outside team drew from
DOSSIER.md alone in other fonts: Noto Serif/Sans CJK SC page text, LXGW WenKai or KaitiM GB filled-in values and
signatures, seals of its own drawing in Noto Bold faces, 38 or 42 mm, born-digital PDFs and scans) against its answer
key: each clean dossier's fails and reviews (every one listed, then counted per clean dossier and per rule), each
planted defect fail, review or SILENT (passed). A planted key may name several rules; the most severe finding among
them counts (probe_common.score).

    PROBE_OUT=/tmp/trust34 python scripts/probe_trust34/score.py OUT [-v]
"""
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))
from probe_common import score_by_rule  # noqa: E402

score_by_rule("/tmp/trust34", undecided=False, pack_width=7, message_width=200)
