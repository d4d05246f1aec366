"""A page's seals once found: each read, confirmed as a seal by what its ring says,
and decided against the applicant's unit.

A coloured ring is found as a seal by its shape and what it holds (ring text, a star:
:mod:`.candidates`); reading settles what ink alone cannot: a printed logo's ring of
Latin letters is not a seal, and a ring whose text cannot be read and that has no star
is at most a *possible* seal.
"""
from __future__ import annotations

import logging
import re
from typing import Sequence

import numpy as np

from verify.model import SealMark

from .evidence import seal_evidence, settled
from .matching import normalize_seal_text
from .reading import read_seal

log = logging.getLogger(__name__)

_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


#: a reading of a ring with this many Chinese characters or more shows what the seal
#: says (and that it is a seal: :func:`confirm`)
READ_ONCE_CJK = 4


def _read_once(seal: SealMark) -> str | None:
    """``"read"`` once a reading shows the ring's Chinese text (:data:`READ_ONCE_CJK`):
    for a seal whose name no rule weighs, that is all the report needs."""
    return "read" if any(len(_CJK.findall(normalize_seal_text(r[0]))) >= READ_ONCE_CJK and float(r[1]) >= 0.5
                         for r in seal.readings) else None


#: seals read on one page, and in one dossier: a seal takes about 1.6 s to read and two
#: crops of some 190 KB in report.html; a page of 48 seals took 77 s (under the stall
#: limit) and 11.5 MB of report, so 400 such pages would take 9 hours and a 4.6 GB
#: report (hostile exploration 7). A dossier of 150 pages holds some 100 to 200 seals.
MAX_SEALS_PER_PAGE = 8
MAX_SEALS_PER_DOSSIER = 300


def within_seal_limits(seals: list, room: list[int]) -> tuple[list, int]:
    """The seals of a page to read, in their order: at most :data:`MAX_SEALS_PER_PAGE`,
    and no more than ``room[0]`` (what the dossier has left, lowered here), the certain
    and the largest first; and how many are left unread.

    >>> from types import SimpleNamespace as NS
    >>> seals = [NS(certain=i != 1, bbox=(0, 0, 10 + i, 10 + i)) for i in range(10)]
    >>> room = [300]
    >>> kept, left = within_seal_limits(seals, room)
    >>> [seals.index(s) for s in kept], left, room
    ([2, 3, 4, 5, 6, 7, 8, 9], 2, [292])
    >>> kept, left = within_seal_limits(seals[:3], [1])
    >>> [seals.index(s) for s in kept], left
    ([2], 2)
    """
    limit = max(0, min(MAX_SEALS_PER_PAGE, room[0]))
    if len(seals) <= limit:
        room[0] -= len(seals)
        return seals, 0
    area = lambda s: (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1])  # noqa: E731
    keep = set(sorted(range(len(seals)), key=lambda i: (not seals[i].certain, -area(seals[i])))[:limit])
    room[0] -= limit
    return [s for i, s in enumerate(seals) if i in keep], len(seals) - limit


def read_seals(image: np.ndarray, seals: list[SealMark], engine, unit_names: Sequence[str],
               decide: bool = True) -> list[SealMark]:
    """Reads every seal and decides ``unit_match``; returns the seals that are seals
    (a printed logo read as a ring of Latin letters is dropped). A seal that cannot
    be read stays, ``unreadable``: a failed reading is no evidence of anything.

    Without ``decide`` (a page of a kind whose seal's name no rule weighs: a title
    certificate's issuer, a journal's logo) a certain seal is read only until one
    reading shows its Chinese text (:func:`_read_once`): what the report shows and
    :func:`confirm` needs, not the several unwraps that weighing it against the unit's
    name takes. A possible seal is still read in full: its reading may be what makes
    it a seal (seal.present's ``is_seal``). Nor are the lines under the star of either
    read (``bottom_text``, ``bottom_row``): seal.unit alone reads them, for a seal
    stamped for another purpose (合同专用章, 财务专用章)."""
    kept = []
    for seal in seals:
        if not decide and seal.certain:
            judge = _read_once
        else:
            judge = (lambda s: settled(s, unit_names)) if unit_names else None
        try:
            # the lines under the star (a 专用章's use, a date) are read for seal.unit alone
            unwraps = read_seal(image, seal, engine, settled=judge, bottom=decide)
        except Exception:  # an unreadable seal is 'unreadable', not a crash
            log.exception("seal reading failed at %s", seal.bbox)
            seal.unit_match = "unreadable"
            kept.append(seal)
            continue
        status = confirm(seal)
        if status == "not_seal":
            log.debug("not a seal at %s: %r", seal.bbox, seal.text)
            continue
        if status == "possible" and seal.certain:
            seal.certain = False
            seal.score = min(seal.score, 0.6)
        ev = seal_evidence(seal, unit_names)
        if decide and ev.verdict == "unreadable" and second_look(image, seal, engine, unit_names, ev, unwraps):
            ev = seal_evidence(seal, unit_names)
        seal.unit_match = ev.verdict
        # read again only where a rule weighs whose seal it is (a title certificate's
        # issuer is another body, and no rule asks)
        if decide and ev.verdict == "other" and not _surely_other(image, seal, engine, ev, unwraps):
            seal.unit_match = "unreadable"
        kept.append(seal)
    return kept


#: a seal is read by the second recogniser (:func:`second_look`) only where the seal
#: model's readings show this share of a name of the unit (read or a likely misread)
SECOND_LOOK_SHOWN = 0.6


def second_look(image: np.ndarray, seal: SealMark, engine, unit_names: Sequence[str], ev, unwraps=None) -> bool:
    """Whether a seal the seal model's readings left undecided (``ev``: ``unreadable``)
    is the unit's once a second recogniser reads the same unwraps: the engine's
    page-text model, where it has one besides its seal model (PP-OCRv4 beside v6). Its
    readings (:attr:`~.reading.SealReading.second`) show a character only where no
    reading of the seal model is sure of another there, and never deny one; they join
    the seal's readings only where the seal is then the unit's (every character shown,
    as :func:`~.evidence.seal_evidence` asks of any seal): a seal they leave undecided
    is weighed on the seal model's readings alone.

    Asked only where the seal model shows most of the name (:data:`SECOND_LOOK_SHOWN`):
    a worn or covered character or two, not a ring read as nothing. Two recognisers
    trained apart see worn strokes differently; on a clean applicant's seal the
    page-text model read 测 of 监测站 (its 则 worn to a trace, read 沙 or dropped by
    every unwrap of the seal model). ``unwraps``: the seal's ring as its first reading
    made it ready (:class:`~.reading.Unwraps`): the same strips are read, not made again."""
    from .evidence import EXPLAINED, MATCHED, settled

    options = getattr(engine, "options", None)
    reader = getattr(engine, "read_line", None)
    if reader is None or options is None or getattr(options, "text_model", None) == getattr(options, "seal_model", None):
        return False
    if not ev.status or sum(x in (MATCHED, EXPLAINED) for x in ev.status) < SECOND_LOOK_SHOWN * len(ev.status):
        return False
    if denied_to_a_second_look(seal, unit_names):
        return False  # no reading it could make would change the seal: none is made
    first = list(seal.readings)
    probe = SealMark(seal.bbox, seal.score, seal.shape, seal.color, seal.certain)
    pooled = SealMark(seal.bbox, seal.score, seal.shape, seal.color, seal.certain)

    def enough(s: SealMark) -> str | None:
        pooled.readings = first + s.readings
        return "unit" if settled(pooled, unit_names) == "unit" else None

    try:
        read_seal(image, probe, engine, settled=enough, reader=reader, bottom=False, second=True, unwraps=unwraps)
    except Exception:  # no second reading: the seal stays as the seal model left it
        log.exception("second reading of the seal at %s failed", seal.bbox)
        return False
    seal.readings = first + probe.readings
    if seal_evidence(seal, unit_names).verdict == "unit":
        log.debug("seal at %s: the unit's by the page-text model's readings too", seal.bbox)
        return True
    seal.readings = first
    return False


def denied_to_a_second_look(seal: SealMark, unit_names: Sequence[str]) -> bool:
    """Whether the seal model's own readings of ``seal`` (none of them a second
    recogniser's) already keep it from being any name of the unit's, whatever readings
    of a second recogniser (:attr:`~.reading.SealReading.second`) are added to them:
    then :func:`second_look` would read every unwrap again (its stop, the seal settled as
    the unit's, never comes) and keep none of what it read. On ten set-s7 dossiers 12 of
    13 second looks read every unwrap and were kept nowhere (147 of their 159 page-text
    recognitions, 6 of 31 CPU-s of seal reading); this spares one of them (12
    recognitions): the others' seals are undecided by characters unseen, which a second
    reading may show.

    Such a seal has, for each name, a character a reading of the seal model trusted as
    such by :func:`~.evidence._combine` (its score 0.7 or more) is sure of as another
    (``different``, as :func:`~.evidence._corroborated` leaves a reading's statuses),
    that no reading of the seal model shows (read as it is or a likely misread). A second
    reading never shows a character there (:func:`~.evidence._seconded`: the seal model
    is sure of another), so the character stays ``different`` (or ``unseen``, where a
    clean reading outreads it: :func:`~.evidence._outread`), and the seal is no
    name's (``unit`` needs every character shown or explained), unless that character
    is the only one, inside one of :data:`~.evidence.KIND_WORDS`, where
    :func:`~.evidence._strokes_worn` may explain it as worn strokes by what the readings
    read there (a second reading's too): two such characters, or one outside those
    words, settle it.

    >>> import verify.marks.seals.evidence as evidence
    >>> from verify.marks.seals.evidence import DIFFERENT, MATCHED, Weighed
    >>> from verify.marks.seals.reading import SealReading
    >>> sure_of = lambda at: tuple(DIFFERENT if i == at else MATCHED for i in range(8))  # another character at ``at``
    >>> rows = {"a": sure_of(1), "b": sure_of(4), "c": (MATCHED,) * 8, "d": sure_of(1)[:4] + sure_of(4)[4:]}
    >>> real, evidence._weighed = evidence._weighed, lambda r, u: Weighed(u, r.text, r.score, rows[r.text], (), 0.0,
    ...                                                                  True, False, False)
    >>> denied = lambda *rs: denied_to_a_second_look(SealMark((0, 0, 9, 9), 0.9, readings=list(rs)), ["抚顺市生态环境局"])
    >>> read = lambda text, score=0.9: SealReading(text, score, object())
    >>> denied(read("a"))  # 顺 surely another: no second reading can show it
    True
    >>> denied(read("b"))  # 态 of 生态环境: worn strokes may explain it
    False
    >>> denied(read("a"), read("c")), denied(read("a", 0.6))  # another reading shows 顺; one too unsure to trust
    (False, False)
    >>> denied(read("d"))  # two characters surely another: worn strokes explain one at most
    True
    >>> evidence._weighed = real
    """
    from .evidence import DIFFERENT, EXPLAINED, KIND_WORDS, MATCHED, _corroborated, _weighed, word_spans

    readings = [r for r in seal.readings if len(r) > 2 and r[2] is not None]
    units = [u for u in (normalize_seal_text(u) for u in unit_names) if u]
    if not readings or not units or any(getattr(r, "second", False) for r in seal.readings):
        return False
    for unit in units:
        first = _corroborated([_weighed(r, unit) for r in readings])
        # _combine's trust in a sure difference: a reading scoring 0.7 or more
        sure = [i for i in range(len(unit))
                if any(w.status[i] == DIFFERENT and w.score >= 0.7 for w in first)
                and not any(w.status[i] in (MATCHED, EXPLAINED) for w in first)]
        kinds = word_spans(unit, KIND_WORDS)
        if not (len(sure) >= 2 or (sure and not any(a <= sure[0] < b for a, b in kinds))):
            return False
    return True


def _surely_other(image: np.ndarray, seal: SealMark, engine, ev, unwraps=None) -> bool:
    """Whether a seal decided ``other`` (``ev``: its :func:`seal_evidence`) stays so
    when a second recogniser reads the same unwraps: the engine's page-text model, where it has one besides its seal model
    (PP-OCRv4 beside v6). A seal model sure of a character the unit's name lacks can be
    wrong where a worn character looks like another (a worn 化 read 心 by every unwrap at
    -5 to -6 nats, on a clean applicant's own seal): where the other recogniser sees the
    unit's own character as likely at every place the seal model was sure of another,
    the difference is not sure (``review``). Where it reads something else at one of
    them too, or is blind there, the verdict stands; a recogniser
    never overrules the other the other way (no seal becomes ``unit`` by this). ``unwraps``: as
    :func:`second_look`'s."""
    from .evidence import DIFFERENT, EXPLAINED, MATCHED

    options = getattr(engine, "options", None)
    second = getattr(engine, "read_line", None)
    if second is None or options is None or getattr(options, "text_model", None) == getattr(options, "seal_model", None):
        return True  # no second recogniser to ask
    sure = [i for i, x in enumerate(ev.status) if x == DIFFERENT]
    if not sure:
        return True  # another body's name read on after the unit's: nothing to read again
    probe = SealMark(seal.bbox, seal.score, seal.shape, seal.color, seal.certain)
    try:
        read_seal(image, probe, engine, reader=second, bottom=False, unwraps=unwraps)
    except Exception:  # no second reading is no doubt
        log.exception("second reading of the seal at %s failed", seal.bbox)
        return True
    seen = seal_evidence(probe, [ev.name])
    doubt = [ev.name[i] for i in sure if seen.status and seen.status[i] in (MATCHED, EXPLAINED)]
    if doubt:
        log.debug("seal at %s: %s read surely otherwise, but a likely reading of the page-text model (%s)",
                  seal.bbox, "".join(doubt), seen.describe())
    # every difference the verdict rests on doubted: a body altogether different keeps
    # the differences the other model does not doubt
    return len(doubt) < len(sure)


def confirm(seal: SealMark) -> str:
    """``seal``, ``possible`` or ``not_seal`` by what the ring reads.

    A star, or Chinese read along the ring, confirms a seal; a ring read as Latin
    letters (a society's or an accreditation body's printed emblem) with no star is
    not one; a coloured ring whose text reads as nothing is only possible. Gray (copied)
    seals are possible already and stay as found.

    >>> s = SealMark((0, 0, 9, 9), 0.9, traits=("ring_text",), readings=[("ECOLOGYENVIRONMENTSCIENCE", 0.93)])
    >>> confirm(s)
    'not_seal'
    >>> s.readings = [("抚顺市生态环境局", 0.71)]
    >>> confirm(s)
    'seal'
    >>> s.readings, s.traits = [("叫", 0.2)], ("ring_text", "star")
    >>> confirm(s)
    'seal'
    """
    if seal.color not in ("red", "blue") or "star" in seal.traits:
        return "seal"
    texts = [(normalize_seal_text(r[0]), float(r[1])) for r in seal.readings]
    if any(len(_CJK.findall(t)) >= 3 and sc >= 0.5 for t, sc in texts):
        return "seal"
    latin = [(t, sc) for t, sc in texts if len(_LATIN.findall(t)) >= 5 and len(_CJK.findall(t)) <= 1]
    if latin and max(sc for _, sc in latin) >= 0.7:
        return "not_seal"
    return "possible" if "ring_text" in seal.traits else "not_seal"
