"""Seals (公章) on a page: find them, read their text, decide whose they are.

Modules: :mod:`.ink` (ink masks), :mod:`.ring` (ring evidence and what seals
have), :mod:`.candidates` (candidates and :func:`find_seals`), :mod:`.reading`
(:func:`read_seal`), :mod:`.evidence` (whose seal it is, from the recogniser's own
probabilities), :mod:`.matching` (the same from strings alone), :mod:`.page`
(:func:`read_seals`: a page's seals read, confirmed and decided).

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
4. *What seals have*: a coloured ring is a seal only with text along the ring or a
   five-pointed star in its middle (:class:`~.ring.RingTraits`, measured on the
   ring's own pixels at one scale); a pen ring round a figure or a printed logo
   round a leaf or initials has neither and is dropped. Reading settles the rest
   (:func:`.page.confirm`): a ring read as Latin letters without a star is a logo,
   a ring whose text reads as nothing is at most a possible seal.

Reading unwraps the ring band into a straight strip (polar warp around the fitted
ellipse, or each band of a two-ring seal), tries a few start angles (the text is
centred on the upper arc of an upright seal, but seals are stamped at any angle) and
keeps every recognition with its per-frame probabilities; the band under the star
is read horizontally as the bottom text. Whose seal it is is decided per character
of the unit's name against those probabilities (:mod:`.evidence`): a clean reading
sure of a character the name lacks is another body's seal.

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

from .candidates import DEFAULT_SETTINGS, PageSeals, SealSettings, find_seals, search_seals
from .ink import dark_mask, ink_masks, is_grayscale, remove_lines
from .matching import (
    normalize_seal_text,
    reads_as_a_body,
    reads_as_part_of_unit,
    reads_much_of_unit,
    seal_match,
    seal_names_unit,
    seal_text_distance,
)
from .evidence import UnitEvidence, seal_evidence
from .page import MAX_SEALS_PER_DOSSIER, MAX_SEALS_PER_PAGE, confirm, read_seals, within_seal_limits
from .reading import SealReading, read_seal
from .ring import ring_evidence

__all__ = [
    "SealSettings",
    "DEFAULT_SETTINGS",
    "find_seals",
    "search_seals",
    "PageSeals",
    "read_seal",
    "read_seals",
    "confirm",
    "within_seal_limits",
    "MAX_SEALS_PER_PAGE",
    "MAX_SEALS_PER_DOSSIER",
    "seal_match",
    "seal_evidence",
    "UnitEvidence",
    "SealReading",
    "seal_names_unit",
    "seal_text_distance",
    "normalize_seal_text",
    "reads_as_a_body",
    "reads_as_part_of_unit",
    "reads_much_of_unit",
    "is_grayscale",
    "ink_masks",
    "dark_mask",
    "remove_lines",
    "ring_evidence",
]
