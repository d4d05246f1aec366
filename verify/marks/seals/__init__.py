"""Seals (公章) on a page: find them, read their text, decide whose they are.

Modules: :mod:`.ink` (ink masks), :mod:`.ring` (ring evidence), :mod:`.candidates`
(candidates and :func:`find_seals`), :mod:`.reading` (:func:`read_seal`),
:mod:`.matching` (whose seal it is).

Finding works in three steps, all at a working resolution that depends on the
page size only (so any DPI behaves the same):

1. *Ink masks*: red (both hue ranges, red wraps around hue 0/180 in OpenCV's
   HSV; faded pink included), blue, and - for grayscale copies and photocopies
   scanned in colour - dark ink.
2. *Candidates*: connected ink blobs after long straight lines (red table
   borders, the rule under a 红头 header) are removed, fitted with an ellipse;
   plus circles from a Hough transform, which survive a seal merged with other ink.
3. *Ring evidence*: sampled along rays from the candidate's centre, a seal has a
   thin ring of ink at one radius on nearly every ray, little ink just outside it
   and some ink (text, star) inside. Red titles, red lines and red handwriting do
   not. A dark ring on a page without colour is only ever a *possible* seal
   (``certain=False``): rules turn it into ``review``, never into a confident answer.

Reading unwraps the ring band into a straight strip (polar warp around the fitted
ellipse), tries a few start angles (the text is centred on the upper arc of an
upright seal, but seals are stamped at any angle) and keeps the best recognition;
the band under the star is read horizontally as the bottom text.

>>> seal_names_unit("抚顺市生态环境监测站", ["抚顺市生态环境监测站"])
'unit'
>>> seal_names_unit("抚顺市生态环境监测站人事处", ["抚顺市生态环境监测站"])
'unit'
>>> seal_names_unit("抚顺市生态环境局", ["抚顺市生态环境监测站"])
'other'
>>> seal_names_unit("抚顺", ["抚顺市生态环境监测站"])
'unreadable'
"""
from __future__ import annotations

from .candidates import DEFAULT_SETTINGS, SealSettings, find_seals
from .ink import dark_mask, ink_masks, is_grayscale, remove_lines
from .matching import (
    normalize_seal_text,
    reads_as_part_of_unit,
    seal_match,
    seal_names_unit,
    seal_text_distance,
)
from .reading import read_seal
from .ring import ring_evidence

__all__ = [
    "SealSettings",
    "DEFAULT_SETTINGS",
    "find_seals",
    "read_seal",
    "seal_match",
    "seal_names_unit",
    "seal_text_distance",
    "normalize_seal_text",
    "reads_as_part_of_unit",
    "is_grayscale",
    "ink_masks",
    "dark_mask",
    "remove_lines",
    "ring_evidence",
]
