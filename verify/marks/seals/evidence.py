"""Whose seal it is, weighed with the recogniser's own probabilities.

A string comparison cannot tell a worn seal of the unit (新美属族岛治基生志… read for
新宾满族自治县生态…) from the seal of a body one character away (北京中导… for
北京中科…): both are a few edits from the unit's name. The recogniser can. Each
reading of the ring keeps its per-frame CTC probabilities (:class:`~ocr.ctc.Lattice`);
the unit's name is aligned with the reading, and each difference is put back in the
unit's favour and scored against the frames, twice:

- giving the name's characters every probability the frames left over (an upper
  bound): at or below :data:`SURE` the recogniser was sure they are not there - the
  seal says something else;
- giving them only what the frames kept as candidates: above :data:`UNSURE` the
  recogniser saw them as a likely alternative - a misread.

Each character of the name then takes the strongest evidence any unwrap of the ring
gives (:func:`_combine`), and the seal is

- ``unit``: every character read or a likely misread (never one the frames could not
  see: it may be the very character that tells the unit from a body next to it), and
  what surrounds the name is a place, a department or noise;
- ``other``: a reading clean and long enough to be a name is sure of a character the
  name lacks and no unwrap shows the name's own character there - another body's seal,
  however close its name (``seal.unit`` fails it), or much of the name surely absent,
  or a worn seal of the same kind of body in another real place, its place read surely
  (抚松县生态环境护服务甲 for 抚顺县生态环境保护服务中心: :func:`another_place`);
- ``unreadable``: anything else (``review``).

The free reading stays the seal's text in the report.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from verify.model import SealMark
from verify.read.hanzi import cjk_count, is_cjk, simplified

from .matching import (
    PLACE_END,
    _ORG_SUFFIX,
    _align,
    _is_department,
    _KEEP,
    _match_strings,
    _starts_with_place,
    branch_places,
    district_places,
    head_fits,
    normalize_seal_text,
    place_names_of_length,
    place_of,
    place_stem_of,
    places_within,
)

#: a difference whose log-likelihood ratio is at or below this (nats) is one the
#: recogniser was sure of: the seal says something else there
SURE = -5.0
#: the name's character is a likely misread when the frames kept it as a candidate
#: this likely (its log-likelihood ratio with nothing left over for the rest)
UNSURE = -3.0
#: frames this confused (the name's character given every probability left over is
#: at least this likely) saw nothing there either way
BLIND = -1.5
#: a reading this clean (mean character score) can name another body by one character
CLEAN = 0.85
#: a character read this surely (its best frame) is what the recogniser saw there
CLEAR = 0.7
#: a character this much under other ink (share of its part of the strip: print across
#: the seal, :func:`~.reading._cover_image`) was read from what the print left of it
#: (顺 with its left stroke under a line of print reads 展, at -5.7): it is surely
#: something else only at :data:`COVERED_SURE` or below, or where the strokes round the
#: print show the character read and not the unit's (:mod:`.occlusion`: print hides
#: strokes, it cannot draw them; 抚远市… with print on a corner of 远 for 抚顺市…)
COVERED = 0.05
COVERED_SURE = 2 * SURE

# what the readings show at each character of the unit's name
MATCHED, EXPLAINED, DIFFERENT, UNLIKELY, UNSEEN, UNCOVERED = "matched", "explained", "different", "unlikely", "unseen", "uncovered"


@dataclass(frozen=True)
class Difference:
    """One place where a reading and the unit's name differ: what was read, what the
    name has there, and how likely the name's characters are there against the
    reading (nats, <= 0): ``llr`` giving them every probability the frames left over
    (an upper bound: below :data:`SURE` the recogniser was sure they are not there),
    ``seen`` giving them only what the frames kept as candidates."""

    read: str
    expected: str
    llr: float
    seen: float
    at: int = 0  # the first character of the name it concerns
    clear: float = 0.0  # how sure the recogniser was of what it read there (lowest character)
    covered: float = 0.0  # how much of it lay under other ink (the most of any character read there)
    deny: bool = True  # whether it may say the name's characters are surely not there (:func:`_corroborated`)
    #: the strokes round the print over it show the character read, not the name's
    #: (:func:`~.occlusion.shown_instead`): the print hid nothing that tells them apart
    shown: bool = False

    @property
    def status(self) -> str:
        """What it says of each of the name's characters it concerns (ratios per
        character): a likely misread, surely something else (a Chinese character: a
        digit or letter read surely is the rim or a code, never a name's), unlikely (a
        character read clearly that is not the name's), or unseen (the frames were
        confused there)."""
        k = max(1, len(self.expected))
        if self.seen / k > UNSURE:
            return EXPLAINED
        if self.deny and self.llr / k <= (SURE if self.covered < COVERED or self.shown else COVERED_SURE) and any(map(is_cjk, self.read)):
            return DIFFERENT  # a digit or letter read surely is the rim or a code, not a name
        if self.llr / k > BLIND and not (self.read and self.clear >= CLEAR):
            return UNSEEN
        return UNLIKELY


@dataclass(frozen=True)
class Weighed:
    """One reading weighed against one name of the unit."""

    name: str
    reading: str  # normalised
    score: float
    status: tuple[str, ...]  # per character of ``name``
    differences: tuple[Difference, ...]
    llr: float  # the whole name in place of what it aligns with (upper bound)
    fits: bool  # what surrounds the name is a place, a department or noise
    branch: bool  # another body's name surely follows the unit's (…局新抚分局)
    extra: bool  # characters the name lacks read surely inside it (…局监测站)
    read_at: tuple[str, ...] = ()  # per character of ``name``: what the reading has there
    brightness: bool = False  # read from the seal's brightness, not its colour (SealReading.brightness)
    filled: bool = False  # read from its colour with print filled in (SealReading.filled)
    second: bool = False  # read by a second recogniser (SealReading.second)
    kind_after: bool = False  # a body's kind (厅, 所, 站…) read clearly right after the name's end (:data:`KIND_ENDS`)

    @property
    def cjk(self) -> int:
        return cjk_count(self.reading)

    @property
    def name_like(self) -> bool:
        """Long and clean enough to be what the seal says: a body's kind read in it, or
        three fifths of a name of that kind read or likely misread along it (抚松县生态环核护服务中
        for 抚顺县生态环境保护服务中心: the ring's last character lost under the rim)."""
        if self.cjk < 4 or self.score < 0.6:
            return False
        if _ORG_SUFFIX.search(self.reading):
            return True
        shown = sum(x in (MATCHED, EXPLAINED) for x in self.status)
        return bool(_ORG_SUFFIX.search(self.name)) and shown >= 0.6 * len(self.name)


@dataclass(frozen=True)
class UnitEvidence:
    """The verdict on one seal and what it rests on (for the report)."""

    verdict: str  # unit | other | unreadable
    name: str = ""  # the unit name (or alias) weighed
    reading: str = ""  # the reading that shows it best (normalised)
    score: float = 0.0
    status: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = field(default_factory=tuple)
    why: str = ""

    def describe(self) -> str:
        diffs = ", ".join(f"{d.read or '∅'}/{d.expected or '∅'} {d.llr:.1f}|{d.seen:.1f}" for d in self.differences)
        marks = "".join({MATCHED: "=", EXPLAINED: "~", DIFFERENT: "X", UNLIKELY: "?", UNSEEN: ".", UNCOVERED: "_"}[x]
                        for x in self.status)
        return f"{self.verdict}: {self.reading!r} vs {self.name!r} [{marks}] [{diffs}] {self.why}"


def seal_evidence(seal: SealMark, unit_names: Sequence[str]) -> UnitEvidence:
    """Whose seal it is, from every reading of ``seal`` and every name of the unit.

    Each character of the unit's name takes the strongest evidence any reading gives
    of it: read as it is, a likely misread (the recogniser kept it as a candidate),
    surely something else, unlikely, unseen (the frames were confused there), not
    covered. A character some unwrap read as it is outweighs another unwrap's
    misreading. ``other`` needs a character surely different in a reading clean and
    long enough to be a name (and none showing the name's own character there);
    ``unit`` needs every character read or explained. Readings without
    per-frame probabilities fall back to comparing strings."""
    readings = [r for r in seal.readings if len(r) > 2 and r[2] is not None]
    units = [u for u in (normalize_seal_text(u) for u in unit_names) if u]
    if not units:
        return UnitEvidence("unreadable", why="no unit name")
    if not readings:
        return UnitEvidence(_match_strings(seal, unit_names), units[0], normalize_seal_text(seal.text),
                            seal.text_score, why="strings only")
    decided = _decided(readings, units)
    verdicts = _part_named_otherwise(decided)
    for verdict in ("unit", "unreadable", "other"):  # any name of the unit; another body only if none
        found = [e for e in verdicts if e.verdict == verdict]
        if found:
            break
    ev = found[0] if found else verdicts[0]
    if ev.verdict == "unreadable":
        # a worn seal of the same kind of body in another real place, the place read surely:
        # another body's, though too worn for any one reading to name it (seal.unit fails it)
        placed = _place_differs(dict(zip(units, decided)))
        if placed is not None:
            read, place, name = placed
            ev = decided[units.index(name)]
            return UnitEvidence("other", name, ev.reading, ev.score, ev.status, ev.differences,
                                f"another real place: {read} for {place}")
    return ev


def _part_named_otherwise(verdicts: list[UnitEvidence]) -> list[UnitEvidence]:
    """The verdicts without an ``unreadable`` one for a name holding another name of the
    unit within it (抚顺市生态环境局（抚顺市林业局）, whose bracket makes 抚顺市生态环境局 an
    alias) that the readings show to be another body (``other``: clean, sure of a
    character the name lacks), where they are also sure of a character the longer name
    lacks: the seal could be the longer name's only by naming the name within it. A clean
    抚顺县生态环境局 was ``unreadable`` against the whole name, whose second half it does
    not read, and that hid the ``other`` of 抚顺市生态环境局 (probe trust12 P08).

    >>> v = [UnitEvidence("unreadable", "抚顺市生态环境局抚顺市林业局", status=(MATCHED, DIFFERENT, UNSEEN)),
    ...      UnitEvidence("other", "抚顺市生态环境局", status=(MATCHED, DIFFERENT))]
    >>> [e.verdict for e in _part_named_otherwise(v)]
    ['other']
    >>> v[0] = UnitEvidence("unreadable", "抚顺市生态环境局抚顺市林业局", status=(MATCHED, UNSEEN, UNSEEN))
    >>> [e.verdict for e in _part_named_otherwise(v)]  # nothing surely unlike the whole name: it may be its seal
    ['unreadable', 'other']
    """
    others = [e.name for e in verdicts if e.verdict == "other" and e.name]
    return [e for e in verdicts if not (e.verdict == "unreadable" and DIFFERENT in e.status
                                        and any(o != e.name and o in e.name for o in others))]


def settled(seal: SealMark, unit_names: Sequence[str]) -> str | None:
    """Whether the seal's readings so far already settle whose seal it is, so that
    reading more unwraps of the ring could not change it: ``unit`` where a clean
    reading shows every character of a name of the unit as it is or as a likely
    misread (a character read as it is outweighs whatever another unwrap reads there);
    ``other`` where, for every name of the unit, a clean reading is surely something
    else at three characters and two fifths of the name or more (another body
    altogether: a near miss, one or two characters away, is always read in full);
    else ``None``. The reader asks only once every text band was read for ``other``
    (a two-ring seal's outer ring says nothing of its inner arc)."""
    readings = [r for r in seal.readings if len(r) > 2 and r[2] is not None]
    units = [u for u in (normalize_seal_text(u) for u in unit_names) if u]
    if not readings or not units:
        return None
    evs = _decided(readings, units)
    if any(ev.verdict == "unit" and ev.score >= CLEAN and all(x in (MATCHED, EXPLAINED) for x in ev.status)
           for ev in evs):
        return "unit"
    if all(ev.verdict == "other" and ev.score >= CLEAN
           and sum(x == DIFFERENT for x in ev.status) >= max(3, 0.4 * len(ev.name)) for ev in evs):
        return "other"
    return None


_DECIDED: OrderedDict[tuple, tuple[list, list[UnitEvidence]]] = OrderedDict()


def _decided(readings: list, units: list[str]) -> list[UnitEvidence]:
    """:func:`_decide` for each name of the unit on these readings, remembered for the
    last few sets of readings: the reader asks :func:`settled` after each reading, and
    the seal is then decided (:func:`seal_evidence`) on the very readings it stopped
    at. Keyed by the reading objects themselves, which the memory holds."""
    key = (tuple(map(id, readings)), tuple(units))
    with _WEIGHED_LOCK:
        hit = _DECIDED.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], readings)):
            _DECIDED.move_to_end(key)
            return hit[1]
    evs = [_decide(u, _corroborated([_weighed(r, u) for r in readings])) for u in units]
    with _WEIGHED_LOCK:
        _DECIDED[key] = (list(readings), evs)
        while len(_DECIDED) > 64:
            _DECIDED.popitem(last=False)
    return evs


def _corroborated(weighed: list[Weighed]) -> list[Weighed]:
    """The readings, those of the seal's brightness (:attr:`Weighed.brightness`) saying a
    character is surely not the unit's only where a reading of its colour read the same
    character there: print is cut out of the brightness with a pixel round it, and a
    stroke may go with it (抚 under a bracket read surely as 抵, on a clean applicant's
    seal whose colour readings read 反, 优, 泛). Nor does a brightness reading alone say
    another body's name follows the unit's.

    A reading of the colour with print filled in (:attr:`Weighed.filled`) never says a
    character under print (:data:`COVERED`) is surely not the unit's: the filling drew
    part of it. Print across 望 filled in read surely as 盛 (-10 nats and less, on a clean
    applicant's seal that its plain colour read 盛 unsurely); the strokes round the print
    are the seal's, and where they show the unit's character they count; where they show
    the character read and not the unit's (:attr:`Difference.shown`), it denies as any
    reading does. Nor does it alone say another body's name follows the unit's."""
    from dataclasses import replace

    colour = [w for w in weighed if not w.brightness and not w.filled and not w.second]
    out = []
    for w in weighed:
        if w.second:
            continue  # weighed once the seal model's own readings are (:func:`_seconded`)
        if not w.brightness and not w.filled:
            out.append(w)
            continue
        diffs, status = [], list(w.status)
        for d in w.differences:
            seen = ((not w.brightness or any(c.read_at and c.read_at[d.at] == d.read for c in colour))
                    and (not w.filled or d.covered < COVERED or d.shown))
            if d.status == DIFFERENT and not seen:
                d = replace(d, deny=False)
                for j in range(max(1, len(d.expected))):
                    i = (d.at + j) % len(status)
                    if status[i] == DIFFERENT:
                        status[i] = d.status
            diffs.append(d)
        out.append(replace(w, differences=tuple(diffs), status=tuple(status), branch=False, extra=False))
    return out + _seconded([w for w in weighed if w.second], out)


def _seconded(second: list[Weighed], first: list[Weighed]) -> list[Weighed]:
    """The readings of a second recogniser (:attr:`Weighed.second`: the engine's page-text
    model reading the same unwraps), weighed against the seal model's own (``first``, as
    :func:`_corroborated` left them): such a reading never says a character is surely not
    the unit's (the seal model decides another body's seal, and the second recogniser
    only doubts it: :func:`~.page._surely_other`), nor that another body's name follows
    the unit's; and it shows a character of the name (read as it is or a likely misread)
    only where no reading of the seal model is sure of another character there. Two
    recognisers trained apart see a worn stroke differently: 测 of 监测站 with its 则 worn
    to a trace read 沙 or dropped by every unwrap of the seal model (never surely), read 测
    by one of the page-text model's, on a clean applicant's seal.

    >>> from types import SimpleNamespace as NS
    >>> f = NS(status=(MATCHED, DIFFERENT, UNSEEN))
    >>> d = Difference("州", "顺", -9.0, -30.0, at=1)
    >>> s = Weighed("抚顺市", "抚州市", 0.9, (MATCHED, DIFFERENT, MATCHED), (d,), -9.0, True, True, True, second=True)
    >>> w = _seconded([s], [f])[0]
    >>> w.status, w.differences[0].deny, w.branch
    (('matched', 'unlikely', 'matched'), False, False)
    >>> s = replace(s, status=(MATCHED, MATCHED, MATCHED), differences=())
    >>> _seconded([s], [f])[0].status  # the seal model sure of another character at 顺
    ('matched', 'unseen', 'matched')
    >>> under = NS(status=(MATCHED, UNLIKELY, MATCHED), differences=(replace(d, covered=0.3, deny=False),))
    >>> _seconded([s], [under])[0].status  # sure of 州 at 顺 though under print
    ('matched', 'unseen', 'matched')
    """
    denied = {i for w in first for i, x in enumerate(w.status) if x == DIFFERENT}
    # nor where a reading of the seal model's colour read another Chinese character there,
    # surely by its own probabilities, though under print (where that alone denies nothing,
    # :data:`COVERED_SURE`): the second recogniser dropping or doubting a character is no
    # sight of the unit's against the seal model's sight of another. S05
    # (北京中导开源科技有限公司) copied faint over print: 导 read surely by the seal model under
    # the print, dropped by the page-text model, and every character of 北京中科开源科技有限公司
    # shown (scripts/bench_real_copies.py --near, with a gray copy's print filled in to its
    # edges)
    denied |= {d.at for w in first if not getattr(w, "brightness", False) for d in getattr(w, "differences", ())
               if len(d.read) == len(d.expected) == 1 and is_cjk(d.read) and d.llr <= SURE}
    out = []
    for w in second:
        diffs = tuple(replace(d, deny=False) for d in w.differences)
        status = list(w.status)
        for d in diffs:
            for j in range(max(1, len(d.expected))):
                i = (d.at + j) % len(status)
                if status[i] == DIFFERENT:
                    status[i] = d.status
        status = [UNSEEN if i in denied and x in (MATCHED, EXPLAINED) else x for i, x in enumerate(status)]
        out.append(replace(w, differences=diffs, status=tuple(status), branch=False, extra=False))
    return out


#: a reading this poor (its score), or under :data:`FAR` of a clean reading's, shows the
#: unit's character only where no clean, whole reading is sure of another there
#: (:func:`_outread`)
POOR = 0.5
FAR = 0.6


def _outread(weighed: list[Weighed], n: int) -> frozenset[int]:
    """The characters of a name of ``n`` that a clean, whole reading (:data:`CLEAN`, every
    character of the name covered, a name's length read) is sure of as another Chinese
    character, one for one and not under print (whether or not it may deny them alone: a
    reading of the brightness may not), where only poor readings (under :data:`POOR`, or
    under :data:`FAR` of that reading's score) show the name's own (read as it is or a
    likely misread).

    S05 (北京中导开源科技有限公司) in purple ink under a cold light was read 「北京中导开源科技
    有限公司」 at 1.0 from its brightness, sure of 导, and 「上京中科生公限公」 at 0.46 from its
    colour, whose 科 lined up with 导's place (and 「京中生备限公」 at 0.51, with print filled
    in, 生 a likely misread of 科): the poor readings outweighed the whole one's 导, and the
    seal passed for 北京中科开源科技有限公司's (scripts/bench_real_copies.py --near). A guess
    at 0.46 is no sight of the unit's character against a clean reading sure of another:
    the character is unseen (``review``), never a fail on that alone. Nor is a reading
    less clean than :data:`CLEAN` that only keeps the unit's character as a likely
    alternative there (reads 导, 科 a candidate, at 0.8): a likely misread in any one
    reading outweighed a clean reading sure of another (nearmiss.md, not fixed 1).

    >>> from types import SimpleNamespace as NS
    >>> d = NS(at=3, read="导", expected="科", llr=-9.0, covered=0.0, shown=False)
    >>> sure = NS(score=1.0, cjk=12, status=(MATCHED,) * 3 + (UNLIKELY,) + (MATCHED,) * 8, differences=(d,))
    >>> poor = lambda score: NS(score=score, cjk=4, status=(UNSEEN,) * 3 + (MATCHED,) + (UNSEEN,) * 8)
    >>> [sorted(_outread([sure, poor(p)], 12)) for p in (0.46, 0.51, 0.8)]
    [[3], [3], []]

    A whole reading short of clean but trusted (0.76) that read another character there
    surely and clearly outweighs only a reading well below it (:data:`TRUSTED_FAR`):

    >>> fair = lambda clear: NS(score=0.76, cjk=12, status=sure.status, differences=(NS(**{**vars(d), "clear": clear}),))
    >>> [sorted(_outread([fair(0.98), poor(p)], 12)) for p in (0.51, 0.6)], sorted(_outread([fair(0.5), poor(0.51)], 12))
    ([[3], []], [])
    >>> unsure = lambda score: NS(score=score, cjk=12, status=(MATCHED,) * 3 + (EXPLAINED,) + (MATCHED,) * 8, differences=())
    >>> [sorted(_outread([sure, unsure(p)], 12)) for p in (0.8, 0.9)]
    [[3], []]
    """
    out: set[int] = set()
    for w in weighed:
        if w.score < TRUSTED or w.cjk < n or UNCOVERED in w.status:
            continue
        for d in w.differences:
            if not (len(d.read) == len(d.expected) == 1 and is_cjk(d.read) and d.llr <= SURE
                    and (d.covered < COVERED or d.shown)):
                continue
            if w.score < CLEAN and d.clear < CLEAR_SURE:
                continue
            # a reading short of clean outweighs only readings well below it (below TRUSTED_FAR of its score)
            limit = max(POOR, FAR * w.score) if w.score >= CLEAN else TRUSTED_FAR * w.score
            showing = [v for v in weighed if v.status[d.at] in (MATCHED, EXPLAINED)]
            if showing and all(v.score < limit
                               or (v.status[d.at] == EXPLAINED and v.score < CLEAN) for v in showing):
                out.add(d.at)
    return frozenset(out)


#: a whole reading short of :data:`CLEAN` but trusted (as :func:`_combine` trusts a reading's
#: sure difference) outweighs, at a character it read surely and clearly (:data:`CLEAR_SURE`),
#: readings showing the name's character there only where they score below :data:`TRUSTED_FAR`
#: of it: 沈阳市生态环境事务服务大厅 stamped with the unit's very stamp and worn, read
#: 「沈阳市生态环管事仁服务大行」 at 0.76 (大 for 中 at -6.6 nats, its frames 0.98 sure), passed for
#: 沈阳市生态环境事务服务中心 on 中 shown only by 「昆海市生来环写界名大中」 at 0.51, whose 中 was 厅
#: lined up one place early (scripts/bench_near_miss.py --cross --pairs 30 --seed 5)
TRUSTED = 0.7
TRUSTED_FAR = 0.7
CLEAR_SURE = 0.9


#: what names a body's kind wherever it stands in a name (…局望花分局, …研究院, …中心站):
#: not the part that tells one body of that kind from another (:func:`distinctive`)
_BODY_KIND = re.compile(r"中心|公司|集团|[局站院所队厅处]")


def distinctive(unit: str) -> frozenset[int]:
    """The characters of ``unit`` that tell it from other bodies of its kind: neither its
    place (or the place's stem an enterprise is named from), nor in a word every such
    name carries or one naming its kind (:data:`COMMON_WORDS`, :data:`KIND_WORDS`), nor a
    body's ending (局, 站, 中心, 公司…).

    >>> u = "北京中科开源科技有限公司"
    >>> "".join(u[i] for i in sorted(distinctive(u)))
    '中科开源科技'
    >>> u = "抚顺市生态环境局望花分局"
    >>> "".join(u[i] for i in sorted(distinctive(u)))
    '望花'
    """
    place = place_of(unit) or place_stem_of(unit) or ""
    spans = word_spans(unit, COMMON_WORDS + KIND_WORDS) + [m.span() for m in _BODY_KIND.finditer(unit)]
    return frozenset(i for i in range(len(place), len(unit)) if not any(a <= i < b for a, b in spans))


def _dropped(unit: str, weighed: list[Weighed]) -> frozenset[int]:
    """The characters of the distinctive part of ``unit`` (:func:`distinctive`) that a
    reading read across and dropped (read as nothing between characters it read), where no
    reading shows them beside what it shows of their neighbours (a character read as it is
    next to one read or likely misread) or as a likely misread (one for one, or a blank
    that kept the character as a candidate, where no clean reading is sure of another
    character there: the recogniser saw a worn character): a character matched alone between gaps is an alignment's accident, no sight of it. Such
    a character is weighed on what else the readings read there (unseen, or surely
    another where a clean reading read another): it may be the very character that tells
    the unit from a body next to it.

    S05 (北京中导开源科技有限公司) copied faint over the unit's printed line was read
    「北京中开源科技限公」 (0.94), 「中开源科技套限公司」 and 「科技限公」: 导 dropped in each (the
    blank keeping nothing of 科), and the last reading's 科 lined up with the 科 of 中科 (as
    good an alignment as 科技's) - a character matched alone between gaps. The seal passed
    for 北京中科开源科技有限公司's (scripts/bench_real_copies.py --near). A blank that kept
    the character stays a likely misread: the unit's own seals read 「北京导开源科技有限公司」
    (中 worn) and 「天津和缘商贸有限公司」 (君 worn), their blanks keeping 中 and 君, pass.

    >>> from types import SimpleNamespace as NS
    >>> u = "北京中科开源科技有限公司"
    >>> gap = NS(status=(MATCHED,) * 3 + (UNLIKELY,) + (MATCHED,) * 8, differences=(NS(read="", expected="科", at=3),))
    >>> alone = NS(status=(UNSEEN,) * 3 + (MATCHED,) + (UNSEEN,) * 3 + (MATCHED,) + (UNSEEN,) + (MATCHED,) * 2 + (UNSEEN,),
    ...            differences=())
    >>> sorted(_dropped(u, [gap, alone])), sorted(_dropped(u, [gap, NS(status=(MATCHED,) * 12, differences=())]))
    ([3], [])

    Nor does a blank that kept the character stand against a clean reading that read another
    there clearly, one for one: S05 copied faint and hard over print, its text found round the
    ring (not on the print), read 「北京开源科技限公」 (中科 a blank that kept them) and, with the
    print filled in, 「北京中导开源科技鹤限公司」 (导 at 0.81, not sure by the bound: 导 and 科
    share strokes). The seal passed for 北京中科开源科技有限公司's.

    >>> kept = NS(score=0.93, status=(MATCHED,) * 2 + (EXPLAINED,) * 2 + (MATCHED,) * 8,
    ...           differences=(NS(read="", expected="中科", at=2, clear=0.0),))
    >>> read = NS(score=0.94, status=(MATCHED,) * 3 + (UNLIKELY,) + (MATCHED,) * 8,
    ...           differences=(NS(read="导", expected="科", at=3, clear=0.81),))
    >>> sorted(_dropped(u, [kept])), sorted(_dropped(u, [kept, read]))
    ([], [3])
    >>> sorted(_dropped(u, [kept, NS(score=0.94, status=read.status, differences=(NS(read="导", expected="科", at=3, clear=0.5),))]))
    []
    """
    n = len(unit)
    shown = (MATCHED, EXPLAINED)
    out = set()
    for i in distinctive(unit):
        dropped = any(not d.read and d.at <= i < d.at + len(d.expected) and w.status[i] != UNCOVERED
                      for w in weighed for d in w.differences)
        if not dropped:
            continue
        # a blank that kept the character is a likely misread where no clean reading is sure
        # of another character there (then it shows nothing against it)
        # or read another character there clearly, one for one (导 for 科 at 0.81 in a
        # reading of 0.94: not sure by the bound, 导 and 科 sharing strokes, yet what it saw)
        denied = any((w.status[i] == DIFFERENT or any(
            len(d.read) == len(d.expected) == 1 and d.at == i and is_cjk(d.read) and d.clear >= CLEAR
            for d in w.differences)) and w.score >= CLEAR for w in weighed)
        seen = False
        for w in weighed:
            if w.status[i] == MATCHED:
                seen = seen or any(0 <= j < n and w.status[j] in shown for j in (i - 1, i + 1))
            elif w.status[i] == EXPLAINED:  # a likely misread, one for one or by a blank that kept it
                seen = seen or not denied or any(d.read and d.at <= i < d.at + max(1, len(d.expected))
                                                 for d in w.differences)
        if not seen:
            out.add(i)
    return frozenset(out)


def _decide(unit: str, weighed: list[Weighed]) -> UnitEvidence:
    n = len(unit)
    outread = _outread(weighed, n)
    best = [UNSEEN if i in outread else
            _combine([w.status[i] for w in weighed], [w.score for w in weighed],
                     [w.read_at[i] if w.read_at else "" for w in weighed]) for i in range(n)]
    for i in _dropped(unit, weighed):  # shown only by the blank or a character matched alone: what else is read
        best[i] = _combine([UNSEEN if w.status[i] in (MATCHED, EXPLAINED) else w.status[i] for w in weighed],
                           [w.score for w in weighed], [w.read_at[i] if w.read_at else "" for w in weighed])
    stroke = _strokes_worn(unit, weighed, best)
    if stroke is not None:
        best[stroke] = EXPLAINED
    shown = max(weighed, key=lambda w: (sum(x in (MATCHED, EXPLAINED) for x in w.status), w.score))
    diffs = tuple(d for w in weighed for d in w.differences if best[d.at] == DIFFERENT and d.status == DIFFERENT)

    def out(verdict: str, why: str, w: Weighed = shown, differences=None) -> UnitEvidence:
        return UnitEvidence(verdict, unit, w.reading, w.score, tuple(best),
                            w.differences if differences is None else differences, why)

    # another body: a clean, name-like reading sure of a character the name lacks, where
    # no other reading shows the name's own character
    for w in sorted(weighed, key=lambda w: (-w.cjk, -w.score)):
        different = sum(len(d.expected) or 1 for d in w.differences
                        if d.status == DIFFERENT and best[d.at] == DIFFERENT)
        if not (w.name_like and different) or (w.score < CLEAN and different < 2):
            continue
        if (w.cjk >= 0.6 * n or different >= 2) and (
                _starts_with_place(w.reading) or sum(x == DIFFERENT for x in best) <= 2 or w.score >= 0.9):
            return out("other", "sure of another character", w, diffs)
    # much of the name surely not there: a different body, however garbled the reading
    # (a worn seal of the unit leaves its frames unsure, not sure of other characters)
    if sum(x == DIFFERENT for x in best) >= max(3, 0.4 * n) and any(w.cjk >= 4 for w in weighed):
        return out("other", "most of the name surely not there", differences=diffs)
    branch = [w for w in weighed if (w.branch or w.extra) and w.score >= CLEAN]
    if branch and not any(x == DIFFERENT for x in best):
        return out("other", "another body's name read with the unit's", branch[0])
    if DIFFERENT in best:
        return out("unreadable", "a reading differs, none clean enough to name another body")
    clear = _clear_reads(weighed)
    shaped = _shape_misreads(unit, best, {**_pooled_reads(weighed), **clear})
    for i in shaped:
        best[i] = EXPLAINED
    # each explanation below speaks of its own characters only (a word every such name
    # carries, the ring's end, the place), so each is taken whatever else is still unseen:
    # the seal is the unit's only once every character is shown or explained
    hidden = _hidden(weighed, n)  # characters dropped under other ink (a signature across the ring)
    worn = _worn_common_characters(unit, best, hidden)
    for i in worn:
        best[i] = EXPLAINED
    held = frozenset(i for i, read in clear.items() if any(map(is_cjk, read))) | _held_otherwise(weighed, n)
    tail = _branch_end(unit, best, held)
    if tail is not None:
        best[tail] = EXPLAINED
    # a city and its district name each other only where what stood there left no shape
    # at all: a character read as another, however unsurely, may be a body that does not
    # exist (抚运市…望花分局 for 抚远市…: scripts/bench_near_miss.py seed 11)
    other_read = _read_as_another(weighed, n)
    parent = _bureau_of_branch(unit, best, held | other_read)
    if parent is not None:
        best[parent] = EXPLAINED
    alone = _place_alone(unit, best, held, other_read)
    for i in alone:
        best[i] = EXPLAINED
    sibling = _city_and_branch(unit, best, held | other_read)
    for i in sibling:
        best[i] = EXPLAINED
    district = _hidden_district(unit, best, hidden, held | other_read)
    for i in district:
        best[i] = EXPLAINED
    for i in outread:  # no explanation speaks for a character a clean reading was sure of as another
        best[i] = UNSEEN
    matched = sum(x == MATCHED for x in best)
    fitting = [w for w in weighed if w.fits and sum(x in (MATCHED, EXPLAINED, UNSEEN) for x in w.status) >= 0.7 * n]
    # every character shown: one the frames could not see may be the very one that tells
    # the unit from a body next to it (抚顺县/抚松县: the place; …站/…所: the kind)
    if EXPLAINED in best and any(w.kind_after for w in weighed):
        return out("unreadable", "a body's kind read clearly after the name, a character of it unseen")
    if all(x in (MATCHED, EXPLAINED) for x in best) and matched >= max(3, 0.55 * n) and fitting:
        return out("unit", "every character read or a likely misread" + (
            f"; {''.join(unit[i] for i in worn)} worn inside a word such names share" if worn else "") + (
            f"; {unit[stroke]} read as one of its own components (strokes worn)" if stroke is not None else "") + (
            f"; {''.join(unit[i] for i in alone)} of a place no other real place fits" if alone else "") + (
            f"; {''.join(unit[i] for i in sibling)} of a branch's place no other district of the city fits"
            if sibling else "") + (
            f"; {''.join(unit[i] for i in district)} of the district, under other ink, no other district of the "
            "city fits" if district else "") + (f"; the last 局 of a bureau's 分局 lost at the ring's end" if tail is not None else "") + (
            "; the bureau's 局 before its 分局 lost" if parent is not None else "") + (
            f"; {''.join(unit[i] for i in shaped)} read unsurely as a character of like shape" if shaped else ""))
    return out("unreadable", "not enough of the name seen")


#: a character read with at least this probability (its best frame) was read as more
#: likely than everything else together
MAJORITY = 0.5
#: how far (normalised edit distance) the rest of a reading after another place may be
#: from the rest of the unit's name and still be the same kind of body there; or how
#: much of the rest of the name the readings may leave unshown (neither read nor a likely
#: misread in any of them): a worn gray copy's best reading, 飞松县生高环遗体护服务申262,
#: is far from 生态环境保护服务中心 as a string (its four misreads and the date printed
#: across the ring), yet every character but 心 is read or a likely misread in one unwrap
OTHER_PLACE_REST = 0.4


def another_place(seal, unit_names) -> tuple[str, str] | None:
    """(the place read, the unit's place) where a seal's reading starts with a real
    place other than the unit's, at characters the recogniser was sure of (not ones it
    confuses), and goes on as the unit's name does, however damaged (抚松县生态环境护服务甲
    for 抚顺县生态环境保护服务中心): the same kind of body in another place - a seal
    that is surely not the unit's, though too worn to be read whole. Else None.
    :func:`seal_evidence` decides such a seal ``other``."""
    readings = [r for r in seal.readings if len(r) > 2 and r[2] is not None]
    units = [u for u in (normalize_seal_text(n) for n in unit_names) if u]
    if not readings or not units:
        return None
    found = _place_differs(dict(zip(units, _decided(readings, units))))
    return found[:2] if found else None


def _place_differs(evidence: dict[str, UnitEvidence]) -> tuple[str, str, str] | None:
    """:func:`another_place` on each name of the unit's evidence: (the place read, the
    unit's place, the name it was told from), or None."""
    from verify.read.confusable import confusable

    own = {place_of(u) for u in evidence}
    for u, ev in evidence.items():
        place = place_of(u)
        if not place or len(ev.status) != len(u):
            continue
        read = place_of(ev.reading)
        if read and read not in own and len(read) != len(place) and _other_length_place(ev, u, read, place):
            return read, place, u
        if not read or read in own or len(read) != len(place):
            # a real place as long as the unit's, told from it only where the reading has its
            # characters: 清原 of 清原满族自治县 read surely where the unit's is 新宾满族自治县 (满族,
            # which both share, misread 漢旗: the same place name either way)
            read = _read_as_place(ev, place, own)
            if read is None:
                continue
        diff = [i for i in range(len(place)) if read[i] != place[i]]
        if any(not _surely_read(ev, i) or confusable(read[i], place[i]) for i in diff):
            continue
        if _goes_on_as(ev, u, len(read), len(place)):
            return read, place, u
    for u, ev in evidence.items():  # a branch named after a place: 东洲 of …局东洲分局 where the unit's is …局顺城分局
        if len(ev.status) != len(u):
            continue
        for a, b in branch_places(u):
            branch = u[a:b]
            read = _read_as_place(ev, branch, {branch}, at=a, names=place_names_of_length(len(branch), stems=True))
            if read is None:
                continue
            diff = [a + i for i in range(len(branch)) if read[i] != branch[i]]
            if all(_surely_read(ev, i) and not confusable(read[i - a], u[i]) for i in diff):
                # named as the reading spells it where that agrees at the characters read
                # surely (东洲 of …局东洲分, where 东 alone differed surely and 东城 fits it too)
                spelt = [o for o in place_names_of_length(len(branch), stems=True)
                         if o in ev.reading and o != branch and all(o[i - a] == read[i - a] for i in diff)]
                return (spelt[0] if spelt else read), branch, u
    return None


def _other_length_place(ev, unit: str, read: str, place: str) -> bool:
    """Whether the reading names, as a place of another length than the unit's, a real
    place where the unit's name has its own, and then the unit's name after its place
    whole: 抚顺市生态环境保护服务中心, read clean by five unwraps, on the form of
    新宾满族自治县生态环境保护服务中心 (a city body's seal on a county unit's form was a review,
    not a fail: only places of one length were compared; probe trust31 set3 T31C-06).
    The rest is read as it is at every character; none of the unit's place is read as it
    is or as a likely misread, and each of its characters facing the place read is surely
    read as the other place's, never one the recogniser confuses with it.

    >>> u = "新宾满族自治县生态环境保护服务中心"
    >>> ev = UnitEvidence("unreadable", u, "抚顺市生态环境保护服务中心", 0.99, (DIFFERENT,) * 3 + (UNSEEN,) * 4 + (MATCHED,) * 10)
    >>> _other_length_place(ev, u, "抚顺市", "新宾满族自治县")
    True
    >>> _other_length_place(replace(ev, status=(DIFFERENT,) * 3 + (UNSEEN,) * 4 + (MATCHED,) * 9 + (UNSEEN,)), u, "抚顺市", "新宾满族自治县")
    False
    >>> _other_length_place(replace(ev, status=(MATCHED,) + (DIFFERENT,) * 2 + (UNSEEN,) * 4 + (MATCHED,) * 10), u, "抚顺市", "新宾满族自治县")
    False
    >>> _other_length_place(replace(ev, reading="抚顺市生态环境保护中心"), u, "抚顺市", "新宾满族自治县")  # its rest is not the unit's
    False
    """
    from verify.read.confusable import confusable

    if ev.reading[len(read):] != unit[len(place):] or any(x != MATCHED for x in ev.status[len(place):]):
        return False
    if any(x in (MATCHED, EXPLAINED) for x in ev.status[:len(place)]):
        return False
    facing = range(min(len(read), len(place)))
    return all(_surely_read(ev, i) and not confusable(read[i], place[i]) for i in facing)


def _goes_on_as(ev, unit: str, read_len: int, place_len: int) -> bool:
    """Whether the seal's reading goes on after its place as ``unit``'s name does after
    the unit's (the same kind of body): the best reading's rest within
    :data:`OTHER_PLACE_REST` of the name's as a string, or the readings showing (read
    as it is or as a likely misread) all but that share of the name's rest."""
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.normalized_distance(ev.reading[read_len:], unit[place_len:]) <= OTHER_PLACE_REST:
        return True
    rest = ev.status[place_len:]
    return bool(rest) and sum(x in (MATCHED, EXPLAINED) for x in rest) >= (1 - OTHER_PLACE_REST) * len(rest)


def _read_as_place(ev, place: str, own: set, at: int = 0, names=None) -> str | None:
    """A real place as long as ``place`` (the unit's, at ``at`` in its name) whose every
    character that differs from the unit's the reading has there, in a one-for-one
    difference (an aligned misread, not a character lost or added), or None. ``names``:
    the places to try (default: those of that length ending as a place does)."""
    read_at: dict[int, str] = {}
    for d in ev.differences:
        if len(d.read) == len(d.expected):
            for k, ch in enumerate(d.read):
                read_at[d.at + k] = ch
    if not read_at:
        return None
    names = names if names is not None else place_names_of_length(len(place))
    candidates = range(len(names))
    if isinstance(names, tuple) and place:
        # only names with, at each place, the unit's character or the one read there can fit: looked up in the
        # index (:func:`_places_index`), then each checked as before, in the names' order (issue 12: the scan of
        # every name of the length was most of this)
        index = _places_index(names)
        fits: set[int] | None = None
        for i, c in enumerate(place):
            allowed = set(index.get((i, c), ()))
            if (r := read_at.get(at + i)) is not None:
                allowed.update(index.get((i, r), ()))
            fits = allowed if fits is None else fits & allowed
            if not fits:
                return None
        candidates = sorted(fits)
    for k in candidates:
        other = names[k]
        if other == place or other in own:
            continue
        diff = [i for i in range(len(place)) if other[i] != place[i]]
        if diff and all(read_at.get(at + i) == other[i] for i in diff):
            return other
    return None


def _surely_read(ev, i: int) -> bool:
    """Whether character ``i`` of the unit's name was surely read as something else:
    the upper bound says so (``different``) or the readings agree on another character
    there (``unlikely``), read as more likely than all else together, with the name's
    own nowhere among the recogniser's candidates: 抚松县 read at 0.61 by two unwraps of
    a seal, 顺 never a candidate, the rest of each frame's probability spread too thin
    for the bound to call it sure."""
    if ev.status[i] == DIFFERENT:
        return True
    return ev.status[i] == UNLIKELY and any(
        d.at <= i < d.at + max(1, len(d.expected)) and len(d.read) == len(d.expected)
        and d.seen / max(1, len(d.expected)) <= SURE and d.clear >= MAJORITY and d.covered < COVERED
        for d in ev.differences)


#: words that names of bodies share whatever the body (生态环境局, …满族自治县, …有限公司):
#: none of their characters tells one body from another, and none can be dropped from
#: them without leaving a non-word (研究院 and 研究所 differ after 研究, not inside it;
#: 服务中心: …服务心, 中 worn on a clean applicant's seal, names no other body, while
#: 事务中心 for 事务服务中心 drops two)
COMMON_WORDS = ("生态环境", "满族自治县", "有限责任公司", "有限公司", "科学研究", "人民政府", "社会保障", "服务中心")


#: words naming what kind of body it is (…监测站, …研究院, …服务中心, …有限公司): a
#: character of one of them read as one of its own components (则 for 测, 完 for 院) is
#: that character with strokes worn away; no body's name is such a non-word (监则站).
#: The distinctive part of a name is not among them: 绿原 for 绿源 may be another firm.
KIND_WORDS = ("生态环境", "环境", "监测站", "监测中心", "保护", "服务中心", "事务", "科学研究", "研究院",
              "研究所", "技术", "工程", "化工", "有限公司", "有限责任公司", "分局", "满族自治县")


def _strokes_worn(unit: str, weighed: list[Weighed], best: list[str]) -> int | None:
    """The one character of ``unit`` read surely as something else (no other is) when it
    lies inside one of :data:`KIND_WORDS` and every reading that read a character there
    read one of its components (则 for 测, its 氵 worn away: twelve readings at -6 nats a
    clean applicant's seal, a review). Wear takes strokes away; another body's seal does
    not print a component for a character. Else None.

    Like the other explanations it speaks for its own character only: characters no
    reading showed elsewhere in the name (unseen, or read clearly as another) are left
    to theirs, and the seal passes only once each is read or explained. Before, one such
    character kept the worn one ``different``, and the unit's own seal was decided
    another body's: 抚顺东科精细化二有公司 (二 for 工, 限 dropped from 有限公司, a word every
    such name carries), 抚顺下生态不境监测站 (不 of 环; 下 for 市 stays a review).

    >>> from types import SimpleNamespace as NS
    >>> unit = "清原满族自治县环境监测站"
    >>> w = [NS(differences=[NS(read="则", expected="测", at=10, status=DIFFERENT)])] * 2
    >>> _strokes_worn(unit, w, [MATCHED] * 10 + [DIFFERENT, MATCHED])
    10
    >>> _strokes_worn(unit, w + [NS(differences=[NS(read="察", expected="测", at=10, status=DIFFERENT)])],
    ...               [MATCHED] * 10 + [DIFFERENT, MATCHED]) is None  # 监察站
    True
    >>> _strokes_worn("辽宁绿源环保科技有限公司", [NS(differences=[NS(read="原", expected="源", at=3, status=DIFFERENT)])],
    ...               [MATCHED] * 3 + [DIFFERENT] + [MATCHED] * 8) is None  # the firm's own name
    True
    >>> unit = "抚顺东科精细化工有限公司"  # 化工 names the kind of firm: 二 is 工 worn, whatever 限 shows
    >>> w = [NS(differences=[NS(read="二", expected="工", at=7, status=DIFFERENT)])]
    >>> _strokes_worn(unit, w, [MATCHED] * 7 + [DIFFERENT, MATCHED, UNLIKELY, MATCHED, MATCHED])
    7
    >>> _strokes_worn(unit, w, [MATCHED] * 7 + [DIFFERENT, MATCHED, DIFFERENT, MATCHED, MATCHED]) is None  # two read surely
    True
    """
    from verify.read.confusable import component_of

    bad = [i for i, x in enumerate(best) if x == DIFFERENT]
    if len(bad) != 1:
        return None
    i = bad[0]
    if not any(a <= i < b for a, b in word_spans(unit, KIND_WORDS)):
        return None
    read = [d.read for w in weighed for d in w.differences if d.at == i]
    if not read or not all(component_of(r, unit[i]) for r in read):
        return None
    return i


def _worn_common_characters(unit: str, best: list[str], hidden: frozenset = frozenset()) -> list[int]:
    """The characters of ``unit`` no reading showed (dropped or unseen, never one read
    surely as something else), each the only one so in a word of :data:`COMMON_WORDS`
    it lies in: a worn character of a word every such name carries
    (抚顺石化环保工程限公司 for …工程有限公司), not one that could name a neighbouring body.
    What the rest of the name shows is weighed apart: a character unseen in the place
    stays unseen, and the seal with it.

    >>> _worn_common_characters("抚顺石化环保工程有限公司", [MATCHED] * 8 + [UNLIKELY] + [MATCHED] * 3)
    [8]
    >>> _worn_common_characters("抚顺市清源环境检测有限公司", [MATCHED] * 3 + [UNSEEN] + [MATCHED] * 9)  # 清: the name
    []
    >>> _worn_common_characters("抚顺市生态环境事务服务中心", [MATCHED] * 11 + [UNLIKELY, MATCHED])
    [11]
    >>> _worn_common_characters("抚顺市生态环境局东洲分局", [UNSEEN] + [MATCHED] * 5 + [UNLIKELY] + [MATCHED] * 5)  # 抚 apart
    [6]
    >>> _worn_common_characters("抚顺市生态环境事务服务中心", [MATCHED] * 9 + [UNSEEN, UNSEEN] + [MATCHED] * 2)  # two of 服务中心
    []
    >>> _worn_common_characters("抚顺市生态环境局东洲分局", [MATCHED] * 5 + [DIFFERENT] + [MATCHED] * 6)  # read surely
    []

    More than one where each was dropped under other ink (``hidden``: :func:`_hidden`, a
    signature across the ring) and half the word or more is read as it is: 环境 of
    生态环境 under the leader's signature, 生态 read (probe trust19's 推荐表, four clean
    dossiers); a word read in none of its characters is no sight of it (自然资源 hidden
    whole may have stood there):

    >>> u = "抚顺市望花区生态环境保护综合行政执法服务中心"
    >>> best = [MATCHED] * 8 + [UNLIKELY, UNSEEN] + [MATCHED] * 12
    >>> _worn_common_characters(u, best, frozenset({8, 9})), _worn_common_characters(u, best, frozenset({8}))
    ([8, 9], [])
    >>> _worn_common_characters(u, [MATCHED] * 6 + [UNSEEN] * 4 + [MATCHED] * 12, frozenset(range(6, 10)))
    []
    """
    out = []
    for a, b in word_spans(unit, COMMON_WORDS):
        bad = [i for i in range(a, b) if best[i] not in (MATCHED, EXPLAINED)]
        if len(bad) == 1 and best[bad[0]] in (UNSEEN, UNLIKELY):
            out.append(bad[0])
        elif (bad and all(best[i] in (UNSEEN, UNLIKELY) and i in hidden for i in bad)
              and 2 * sum(best[i] == MATCHED for i in range(a, b)) >= b - a):
            out += bad
    return sorted(set(out))


def _clear_reads(weighed: list[Weighed]) -> dict[int, set[str]]:
    """What the readings read, one for one and clearly (:data:`CLEAR`), in place of each
    character of the unit's name they differ at (its index -> the characters read)."""
    out: dict[int, set[str]] = {}
    for w in weighed:
        for d in w.differences:
            if len(d.read) == len(d.expected) == 1 and d.clear >= CLEAR:
                out.setdefault(d.at, set()).add(d.read)
    return out


#: a character read at least this surely (its best frame) by two readings or more of the
#: seal is a shape to weigh (:func:`_pooled_reads`), though each alone is a guess
POOLED = 0.25


def _pooled_reads(weighed: list[Weighed]) -> dict[int, set[str]]:
    """What two readings or more read, one for one and each short of :data:`CLEAR` but
    at least :data:`POOLED`, in place of a character of the unit's name, where every
    reading that read anything there read a character (its index -> the characters
    read). Unwraps of one seal at other angles and scales are independent looks at the
    same strokes: 提, 捷 and 护 read for 抚 under the print of 单位（盖章） (probe alt22
    T1), each at 0.27-0.61, all carry 扌 and are nearer 抚 than 安 of 安顺市, which
    one guess alone could not show.

    >>> from types import SimpleNamespace as NS
    >>> w = [NS(differences=[NS(read=r, expected="抚", at=0, clear=c)]) for r, c in (("提", 0.4), ("捷", 0.3))]
    >>> sorted(_pooled_reads(w)[0])
    ['捷', '提']
    >>> _pooled_reads(w[:1]), _pooled_reads(w + [NS(differences=[NS(read="3", expected="抚", at=0, clear=0.5)])])
    ({}, {})
    """
    reads: dict[int, list[str]] = {}
    for w in weighed:
        for d in w.differences:
            if len(d.read) == len(d.expected) == 1 and d.clear >= POOLED:
                reads.setdefault(d.at, []).append(d.read)
    return {i: set(r) for i, r in reads.items() if len(r) >= 2 and all(map(is_cjk, r))}


def _held_otherwise(weighed: list[Weighed], n: int) -> frozenset[int]:
    """The characters of a name of ``n`` that readings hold to be something else, short of
    sure: read as one same other character by two readings or more (新民 for 新宾, in the
    seal's colour and its brightness), or read as nothing surely two or more together
    (新宾县 for 新宾满族自治县: 满族自治 dropped at -8 nats a character; one worn character
    alone can read as nothing as surely). No closed world of places explains them
    (:func:`_place_alone`): a seal may name a place that does not exist."""
    counts: dict[tuple[int, str], int] = {}
    held: set[int] = set()
    for w in weighed:
        for d in w.differences:
            if len(d.read) == len(d.expected) == 1 and is_cjk(d.read):
                counts[(d.at, d.read)] = counts.get((d.at, d.read), 0) + 1
            elif not d.read and len(d.expected) >= 2 and d.llr / len(d.expected) <= SURE:
                held.update((d.at + j) % n for j in range(len(d.expected)))
    return frozenset(held | {i for (i, _), c in counts.items() if c >= 2})


def _read_as_another(weighed: list[Weighed], n: int) -> frozenset[int]:
    """The characters of a name of ``n`` that some reading read as another Chinese
    character, however unsurely (not those only dropped)."""
    return frozenset((d.at + j) % n for w in weighed for d in w.differences if any(map(is_cjk, d.read))
                     for j in range(max(1, len(d.expected))))


def _place_alone(unit: str, best: list[str], read_clearly: frozenset = frozenset(),
                 read_as_another: frozenset = frozenset()) -> list[int]:
    """The characters of ``unit`` no reading showed (dropped, unseen or read unclearly
    as another, never one read surely as another) when all of them lie in the place the
    name starts with, short of its level (市, 县…), and no other real place fits the
    characters read there: 新宾满族自治县 read as 宾满族自县 (新 and 治 lost) is no other
    place, 抚顺市 read as 概顺市 may be 安顺市. Else none. A character read clearly as
    another (``read_clearly``) is weighed by its shape alone (:func:`_shape_misreads`): a
    seal may name a place that does not exist (清河满族自治县 for 清原…).

    >>> unit = "新宾满族自治县生态环境保护服务中心"
    >>> _place_alone(unit, [UNSEEN] + [MATCHED] * 4 + [UNSEEN] + [MATCHED] * 11)
    [0, 5]
    >>> _place_alone("抚顺市生态环境事务服务中心", [UNLIKELY] + [MATCHED] * 12)
    []
    >>> _place_alone("清原满族自治县环境监测站", [UNSEEN, UNSEEN] + [MATCHED] * 10)  # 新宾, 本溪, 桓仁…
    []
    >>> _place_alone("清原满族自治县环境监测站", [MATCHED, UNLIKELY] + [MATCHED] * 10, frozenset({1}))  # 清河…
    []

    A branch read whole names the city where what stood there was read as nothing: 安顺市
    has no district 顺城 (a gray copy's seal read 顺市生态环境局顺城分局 five times, 抚 under
    print, was a review on a clean applicant); a character read as another, however
    unsurely, may name a body that does not exist (``read_as_another``: 抚运市…望花分局 for
    抚远市…, a near miss of scripts/bench_near_miss.py):

    >>> _place_alone("抚顺市生态环境局顺城分局", [UNSEEN] + [MATCHED] * 11)
    [0]
    >>> _place_alone("抚顺市生态环境局顺城分局", [UNSEEN] + [MATCHED] * 11, read_as_another=frozenset({0}))
    []
    >>> _place_alone("抚顺市生态环境局顺城分局", [UNSEEN] + [MATCHED] * 7 + [MATCHED, UNSEEN, MATCHED, MATCHED])
    []

    So does a district read whole right after the city (a body of the district): 抚?市新抚区…
    is 抚顺市's, for no other 抚?市 has a 新抚区 (a gray copy's seal, 顺 under (单位盖章), trust
    exploration):

    >>> _place_alone("抚顺市新抚区生态环境保护服务中心", [MATCHED, UNLIKELY] + [MATCHED] * 14)
    [1]
    >>> _place_alone("抚顺市新抚区生态环境保护服务中心", [MATCHED, UNLIKELY] + [MATCHED, UNSEEN] + [MATCHED] * 12)
    []
    """
    bad = [i for i, x in enumerate(best) if x not in (MATCHED, EXPLAINED)]
    place = place_of(unit)
    if not bad or not place or any(i >= len(place) or best[i] == DIFFERENT or i in read_clearly for i in bad):
        return []
    if len(place) - 1 in bad:
        return []  # the place's level (市, 县, 区…) unseen: 鞍山县 is no real place, but a seal may say it
    others = _other_places(unit, 0, len(place), place_names_of_length(len(place)), best)
    if not others:
        return bad
    if any(i in read_as_another for i in bad):
        return []
    for a, b in branch_places(unit) + district_places(unit):
        if all(best[i] in (MATCHED, EXPLAINED) for i in range(a, b)) and unit[a:b] in places_within(place):
            # a branch or district read whole: only a city with a district of that name has such a
            # body (where the unit's own city has it: a zone or a district the database lacks
            # tells no city from another)
            others = [o for o in others if unit[a:b] in places_within(o)]
    return [] if others else bad


def _city_and_branch(unit: str, best: list[str], read_clearly: frozenset = frozenset()) -> list[int]:
    """The characters of ``unit`` no reading showed (dropped, unseen or read unclearly,
    never one read surely nor clearly as another) when all of them lie in the city the
    name starts with (short of its level) or in a branch's place (东洲 of
    抚顺市生态环境局东洲分局), and the only real city with a district that fits what was
    read of both is the unit's own: a sibling branch is the body one character away that
    such a seal could be. …局东?分局 is 东洲: no other district of 抚顺市 starts with 东 (a
    clean applicant's seal read 抚顺市生态环境局东分局 twelve times, 洲 worn to dots, was a
    review); …局新?分局 may be 新抚 or 新宾; ?顺市生态环境局?城分局 is 抚顺市…顺城分局, for no
    other ?顺市 has a ?城 district. Else none.

    >>> unit = "抚顺市生态环境局东洲分局"
    >>> _city_and_branch(unit, [MATCHED] * 9 + [UNLIKELY] + [MATCHED] * 2)
    [9]
    >>> _city_and_branch("抚顺市生态环境局新抚分局", [MATCHED] * 9 + [UNSEEN] + [MATCHED] * 2)  # 新宾
    []
    >>> _city_and_branch(unit, [MATCHED] * 9 + [UNLIKELY] + [MATCHED] * 2, frozenset({9}))  # read clearly as another
    []
    >>> unit = "抚顺市生态环境局顺城分局"
    >>> _city_and_branch(unit, [UNSEEN] + [MATCHED] * 7 + [UNSEEN] + [MATCHED] * 3)
    [0, 8]
    >>> _city_and_branch("抚顺市生态环境局新抚分局", [UNSEEN] + [MATCHED] * 8 + [UNSEEN, MATCHED, MATCHED])
    []
    >>> _city_and_branch(unit, [UNSEEN] + [MATCHED] * 7 + [UNSEEN] + [MATCHED] * 3, frozenset({0}))
    []
    >>> _city_and_branch(unit, [MATCHED, MATCHED, UNSEEN] + [MATCHED] * 5 + [UNSEEN] + [MATCHED] * 3)  # 市 lost
    []

    The 分 of the branch's 分局 lost with the city's character (…局顺城?局: a 局's branch named
    after a district is its 分局; a gray copy read 抚市生态环境局顺城局, trust exploration):

    >>> _city_and_branch(unit, [MATCHED, UNSEEN] + [MATCHED] * 8 + [UNSEEN, MATCHED])
    [1, 10]
    >>> _city_and_branch(unit, [MATCHED, UNSEEN] + [MATCHED] * 9 + [UNSEEN])  # the last 局 too: no
    []
    """
    city = place_of(unit)
    bad = [i for i, x in enumerate(best) if x not in (MATCHED, EXPLAINED)]
    if not bad or not city or any(best[i] == DIFFERENT or i in read_clearly for i in bad):
        return []
    shown = lambda name, lo: all(name[j - lo] == unit[j] for j in range(lo, lo + len(name))  # noqa: E731
                                 if best[j] in (MATCHED, EXPLAINED))
    for a, b in branch_places(unit):
        if unit[a:b] not in places_within(city):
            continue
        if not all(i < len(city) - 1 or a <= i < b or (i == b and unit[b:] == "分局") for i in bad):
            return []  # the city's level lost: 鞍山县…, a place that does not exist, may be what a seal says
        pairs = {(c, d) for c in place_names_of_length(len(city)) if shown(c, 0)
                 for d in places_within(c) if len(d) == b - a and shown(d, a)}
        return bad if pairs == {(city, unit[a:b])} else []
    return []


#: a character dropped where this share of the strip between the characters read round it
#: lay under other ink (:func:`_gap_covered`) may have been hidden there, not missing: a
#: signature across the ring covered 0.15-0.21 of the gap where 洲 of 东洲区 stood in each of
#: twelve readings (probe trust19)
HIDDEN = 0.15


def _hidden(weighed: list[Weighed], n: int) -> frozenset[int]:
    """The characters of a name of ``n`` that a reading dropped (read as nothing between
    characters it read) where other ink lay over the strip between them
    (:data:`HIDDEN`): what stood there may have been hidden by it, a signature written
    across the ring, not worn away."""
    return frozenset((d.at + j) % n for w in weighed for d in w.differences
                     if not d.read and d.covered >= HIDDEN for j in range(len(d.expected)))


def _hidden_district(unit: str, best: list[str], hidden: frozenset,
                     read_otherwise: frozenset = frozenset()) -> list[int]:
    """The characters of ``unit`` no reading showed (never one read surely, nor clearly
    or by two readings as another: ``read_otherwise``), each dropped under other ink by a
    reading (``hidden``: :func:`_hidden`), when all of them lie in the district the name
    names right after its city (东洲 of 抚顺市东洲区…, short of its level 区), the city
    and the rest of the district are read, and the city has no other district that fits
    what was read: a district's body whose place a signature hid (鞍山市铁?区 may be 铁东区 or
    铁西区). 抚顺市东?区 is 东洲区 (no
    other district of 抚顺市 is 东?区: a clean applicant's seal read 抚顺市东区生态环境保护
    服务中心 in all twelve readings, the leader's signature across 洲, probe trust19); a
    character no ink hid is worn, and may be what tells the body from another.

    >>> unit = "抚顺市东洲区生态环境保护服务中心"
    >>> best = [MATCHED] * 4 + [UNLIKELY] + [MATCHED] * 11
    >>> _hidden_district(unit, best, frozenset({4})), _hidden_district(unit, best, frozenset())
    ([4], [])
    >>> _hidden_district(unit, best, frozenset({4}), frozenset({4}))  # read as another by two readings
    []
    >>> _hidden_district("鞍山市铁东区生态环境保护服务中心", [MATCHED] * 4 + [UNSEEN] + [MATCHED] * 11, frozenset({4}))
    []
    >>> _hidden_district(unit, [MATCHED] * 5 + [UNSEEN] + [MATCHED] * 10, frozenset({5}))  # the level
    []
    >>> _hidden_district(unit, best[:9] + [UNSEEN] + best[10:], frozenset({4, 9}))  # 境 too: not the district's
    []
    """
    city = place_of(unit)
    bad = [i for i, x in enumerate(best) if x not in (MATCHED, EXPLAINED)]
    if not bad or not city or any(best[i] == DIFFERENT or i not in hidden or i in read_otherwise for i in bad):
        return []
    for a, b in district_places(unit):
        if a != len(city) or not all(a <= i < b - 1 for i in bad):
            return []
        fits = {d for d in places_within(city) if len(d) == b - a
                and all(d[j - a] == unit[j] for j in range(a, b) if j not in bad)}
        return bad if fits == {unit[a:b]} else []
    return []


def _branch_end(unit: str, best: list[str], read_clearly: frozenset = frozenset()) -> int | None:
    """The last character of a bureau's branch (…局顺城分局) when no reading showed it
    (lost at the ring's end, never read surely nor clearly as another) and the 分 before
    it and the bureau's own 局 were read or are likely misreads: a 局's branch is a 分局
    (…局顺城分 on clean applicants' seals, twice in 60 dossiers). What the rest of the
    name shows is weighed apart (the branch's place by :func:`_city_and_branch`). Else
    None.

    >>> _branch_end("抚顺市生态环境局顺城分局", [MATCHED] * 11 + [UNCOVERED])
    11
    >>> _branch_end("抚顺市生态环境局顺城分局", [MATCHED] * 11 + [DIFFERENT]) is None
    True
    >>> _branch_end("抚顺市环境科学研究院分院", [MATCHED] * 11 + [UNSEEN]) is None
    True
    >>> _branch_end("抚顺市生态环境局东洲分局", [MATCHED] * 9 + [UNSEEN, MATCHED, UNCOVERED])  # 洲 apart
    11
    >>> _branch_end("抚顺市生态环境局东洲分局", [MATCHED] * 7 + [UNSEEN, MATCHED, MATCHED, MATCHED, UNCOVERED]) is None
    True
    >>> _branch_end("抚顺市生态环境局东洲分局", [MATCHED] * 10 + [UNSEEN, UNCOVERED]) is None  # 分 unseen
    True

    So is a branch named after a zone (a 新区, 高新区) no region database holds:

    >>> _branch_end("大连市生态环境局金普新区分局", [MATCHED] * 13 + [UNCOVERED])
    13
    """
    n = len(unit)
    if best[n - 1] in (MATCHED, EXPLAINED, DIFFERENT) or n - 1 in read_clearly:
        return None
    zone = unit[unit.rfind("局", 0, n - 2) + 1:n - 2]
    if (not unit.endswith("分局") or "局" not in unit[:n - 2]
            or not (branch_places(unit) or (2 <= len(zone) <= 6 and zone[-1] in "区县市旗"))):
        return None
    shown = lambda i: best[i] in (MATCHED, EXPLAINED)  # noqa: E731
    if not shown(n - 2) or not any(shown(i) for i in range(n - 2) if unit[i] == "局"):
        return None
    return n - 1


def _bureau_of_branch(unit: str, best: list[str], read_otherwise: frozenset = frozenset()) -> int | None:
    """The bureau's own 局 just before its branch's place (…局望花分局) when no reading
    showed it (dropped or unseen, never read as another character at all: ``read_otherwise``)
    and every character of the branch after it, its place and its 分局, was read or is a
    likely misread: a 分局 is a 局's branch, and what a seal names before a branch of a
    bureau is that bureau (a clean applicant's digital seal read 抚顺市生态环抄望花分局
    twelve times, 境 worn inside 生态环境 and 局 lost beside it, was a review). What the rest
    of the name shows is weighed apart. Else None.

    >>> unit = "抚顺市生态环境局望花分局"
    >>> _bureau_of_branch(unit, [MATCHED] * 6 + [EXPLAINED, UNSEEN] + [MATCHED] * 4)
    7
    >>> _bureau_of_branch(unit, [MATCHED] * 7 + [UNSEEN] + [MATCHED] * 4, frozenset({7})) is None  # read as another
    True
    >>> _bureau_of_branch(unit, [MATCHED] * 7 + [UNSEEN, UNSEEN] + [MATCHED] * 3) is None  # the branch's place unseen
    True
    >>> _bureau_of_branch(unit, [MATCHED] * 7 + [DIFFERENT] + [MATCHED] * 4) is None
    True
    >>> _bureau_of_branch("抚顺市环境科学研究院分院", [MATCHED] * 9 + [UNSEEN, MATCHED, MATCHED]) is None
    True
    """
    for a, b in branch_places(unit):
        i = a - 1
        if i < 0 or unit[i] != "局" or unit[b:] != "分局":
            continue
        if best[i] in (MATCHED, EXPLAINED, DIFFERENT) or i in read_otherwise:
            return None
        if all(best[j] in (MATCHED, EXPLAINED) for j in range(a, len(unit))):
            return i
    return None


def _other_places(unit: str, a: int, b: int, names, best: list[str]) -> list[str]:
    """The real places of ``names`` other than ``unit[a:b]`` (a place in the unit's name)
    that agree with it wherever the readings show the unit's characters (``best``), in
    the order of ``names``. A tuple of names (:func:`place_names_of_length`'s, some 3,800
    of three characters) is looked up in its index by character and place
    (:func:`_places_index`): scanning it whole for every character weighed took a tenth
    of a seal's reading on the base bench (issue 12).

    >>> names = ("抚顺市", "抚州市", "安顺市", "抚远市", "抚顺县")
    >>> _other_places("抚顺市生态环境局", 0, 3, names, [MATCHED, UNSEEN, MATCHED] + [MATCHED] * 5)
    ['抚州市', '抚远市']
    >>> _other_places("抚顺市生态环境局", 0, 3, list(names), [UNSEEN, MATCHED, UNSEEN] + [MATCHED] * 5)
    ['安顺市', '抚顺县']
    >>> _other_places("抚顺市生态环境局", 0, 3, names, [UNSEEN] * 8)
    ['抚州市', '安顺市', '抚远市', '抚顺县']
    """
    own = unit[a:b]
    shown = tuple((j - a, unit[j]) for j in range(a, b) if best[j] in (MATCHED, EXPLAINED))
    if not isinstance(names, tuple):
        return [o for o in names if o != own and all(o[i] == c for i, c in shown)]
    # the same place with the same characters shown is asked about again and again: after
    # each reading of a seal, for each character weighed (issue 12: a name read with one
    # character shown took the whole tuple's scan, a tenth of a set-s7 seal's weighing)
    key = (id(names), own, shown)
    hit = _OTHER_PLACES.get(key)
    if hit is not None and hit[0] is names:
        return list(hit[1])
    if shown:
        index = _places_index(names)
        # the names holding every character shown, in the names' order: the index's lists
        # (each ascending) intersected
        lists = [index.get(at, ()) for at in shown]
        fewest = min(lists, key=len)
        ks = sorted(set(fewest).intersection(*lists)) if len(lists) > 1 else fewest
        found = tuple(names[k] for k in ks if names[k] != own)
    else:
        found = tuple(o for o in names if o != own)
    with _WEIGHED_LOCK:
        if len(_OTHER_PLACES) >= 4096:
            _OTHER_PLACES.clear()
        _OTHER_PLACES[key] = (names, found)
    return list(found)


#: :func:`_other_places` remembered, by (id of the tuple of names, the place, the characters
#: shown); the tuple is held, so its id is not reused while remembered
_OTHER_PLACES: dict[tuple, tuple[tuple[str, ...], tuple[str, ...]]] = {}


#: per tuple of place names (by id; the tuple is held, so its id is not reused): where each
#: character stands in which names, ``{(place, character): [index into the tuple, ...]}``
_PLACES_INDEX: dict[int, tuple[tuple[str, ...], dict[tuple[int, str], list[int]]]] = {}


def _places_index(names: tuple[str, ...]) -> dict[tuple[int, str], list[int]]:
    """``{(i, c): [k, ...]}``: the names ``names[k]`` whose ``i``-th character is ``c``, ``k`` ascending.

    >>> _places_index(("抚顺市", "安顺市"))[(1, "顺")]
    [0, 1]
    """
    hit = _PLACES_INDEX.get(id(names))
    if hit is not None and hit[0] is names:
        return hit[1]
    index: dict[tuple[int, str], list[int]] = {}
    for k, name in enumerate(names):
        for i, c in enumerate(name):
            index.setdefault((i, c), []).append(k)
    with _WEIGHED_LOCK:
        _PLACES_INDEX[id(names)] = (names, index)
    return index


#: a character read unsurely in a place's name is the unit's when its glyph is nearer the
#: unit's character than any other real place's there by this much (blurred glyph overlap,
#: :func:`~verify.read.confusable.glyph_overlap`: 优 read for 抚 is 0.55 from 抚, 0.40 from
#: 安 of 安顺市; 二 is 0.24 and 0.21, too far from both to tell)
SHAPE_MARGIN = 0.08
#: where no other real place fits, a glyph must still be nearer the unit's character than
#: the characters of near names are to each other (河 for 原 of 清原: 0.46; 远/原 0.47, 州/顺
#: 0.48, 南/东 0.46) by :data:`SHAPE_MARGIN`: a seal may name a place that does not exist
#: (清河满族自治县), while misreads of a worn place read 0.51-0.57 (展, 朋, 晨 for 顺; 优 for 抚)
SHAPE_FLOOR = 0.42


def _shape_misreads(unit: str, best: list[str], clear: dict[int, set[str]]) -> list[int]:
    """The characters of ``unit`` no reading showed that every reading which read a
    character there (one for one, unsurely: never one read surely as another) read as
    one shaped like the unit's, against the nearest alternative:

    - in the place the name starts with or a branch's place (顺城 of …顺城分局), a
      glyph nearer the unit's character than that of any other real place that fits
      the characters read round it, by :data:`SHAPE_MARGIN` (优顺市 is 抚顺市, not
      安顺市; 抚服市 is 抚顺市, not 抚州市 or 抚远市), and than :data:`SHAPE_FLOOR`
      where none fits; at the place's level (市, 县…) every other level competes, a
      real place or not (鞍山县 for 鞍山市); or one of the components the unit's
      character is written with and no other real place's there is, whatever its
      level (页 of 顺: 抚页市 is 抚顺市 with its 川 worn, for neither 州 nor 远 holds a
      页);
    - elsewhere, where no list of real names says what else could stand there, at
      most one character, inside a word naming the body's kind (:data:`KIND_WORDS`),
      and only one a recogniser takes for the unit's (a component lost or mostly the
      same ink: :func:`~verify.read.confusable.confusable`; 监则站 for 监测站, while
      绿州 for 绿洲 may be another firm).

    Only characters read clearly (:data:`CLEAR`, ``clear``: :func:`_clear_reads`) are weighed by their shape: a
    confused guess (题 at 30% where 抚顺县 and 抚松县 differ) is no shape at all
    (tests/test_seals_trust.py).
    """
    from verify.read.confusable import component_of, confusable, glyph_overlap

    place = place_of(unit)
    stem = place_stem_of(unit)  # an enterprise's name starts with a place's stem: 抚顺 of 抚顺矿业集团…
    # the district named right after the city, the city read whole: what stands there is one of
    # that city's districts (抚顺市新?区 is 新抚区; 新芜区 is a place, but not of 抚顺市)
    districts = [(a, b) for a, b in district_places(unit)
                 if place and all(best[j] in (MATCHED, EXPLAINED) for j in range(len(place)))]
    spans = ([(0, len(place), place_names_of_length(len(place)))] if place else []) + (
        [(0, len(stem), place_names_of_length(len(stem), stems=True))] if stem else []) + [
        (a, b, place_names_of_length(b - a, stems=True)) for a, b in branch_places(unit) + districts]

    def rivals_at_any_level(i: int, a: int, b: int) -> set[str]:
        # the other real places' characters at i, whatever the place's level: 川 is what
        # wear leaves of 州 too, and 抚州县 may be what a seal says
        if (a, b) in districts:
            # a district of the city read: its other districts of the same length, any level
            return {o[i - a] for o in _other_places(unit, a, b, [d for d in places_within(place) if len(d) == b - a],
                                                     [x if j < b - 1 else UNSEEN for j, x in enumerate(best)])} - {unit[i]}
        end = b - 1 if place and a == 0 and b == len(place) and i < b - 1 else b
        return {o[i - a] for o in _other_places(unit, a, end, place_names_of_length(end - a, stems=True), best)} - {unit[i]}

    found, elsewhere = [], []
    for i, status in enumerate(best):
        if status not in (UNLIKELY, UNSEEN):
            continue
        read = clear.get(i, set())
        if not read or not all(map(is_cjk, read)):
            continue
        span = next(((a, b, names) for a, b, names in spans if a <= i < b), None)
        if span is None:
            # only inside a word naming the body's kind: in the distinctive part of a name
            # a look-alike may be another body's (绿州 for 绿洲, read at 1.0 under print:
            # scripts/bench_near_miss.py seed 8 passed it)
            if all(confusable(r, unit[i]) for r in read) and any(a <= i < b for a, b in word_spans(unit, KIND_WORDS)):
                elsewhere.append(i)
            continue
        a, b, names = span
        # every real place competes, whatever the rest of the name reads whole: a seal read
        # clearly may name a body that does not exist (抚运市…望花分局 for 抚远市…, 运 nearer 远
        # than 顺: scripts/bench_near_miss.py seed 11 passed it when only cities with a 望花
        # district competed)
        others = {o[i - a] for o in _other_places(unit, a, b, names, best)} - {unit[i]}
        if place and a == 0 and i == b - 1:
            # the place's level: any other level may stand there, a real place or not (鞍山县
            # for 鞍山市 names no real place, but a seal of another body may say it)
            others |= set(PLACE_END) - {unit[i]}
        # what wear leaves of the unit's character and of no other real place's there (页 of
        # 顺: 抚页市 is 抚顺市 with its 川 worn, for neither 州 nor 远 is written with 页), or a
        # glyph nearest it; the rivals are asked for only where a component was read
        worn = {r for r in read if component_of(r, unit[i])}
        rivals = rivals_at_any_level(i, a, b) if worn else set()
        if all((r in worn and not any(component_of(r, o) for o in rivals))
               or _nearest_shape(r, unit[i], others, glyph_overlap) for r in read):
            found.append(i)
    return sorted(found + (elsewhere if len(elsewhere) == 1 else []))


def _nearest_shape(read: str, own: str, others: set[str], overlap) -> bool:
    """Whether the glyph ``read`` is nearer ``own`` than any of ``others`` by
    :data:`SHAPE_MARGIN` (than :data:`SHAPE_FLOOR` where there are none), ``overlap``
    the glyph overlap. The same test as ``overlap(read, own) >= max(overlap(read, o)
    for o in others) + SHAPE_MARGIN`` (adding the margin keeps the order of floats, so
    it may go inside the max), stopping at the first other as near: a place's other
    characters run to hundreds, each a glyph to draw in three fonts.

    >>> ov = {("优", "抚"): 0.55, ("优", "安"): 0.40, ("优", "州"): 0.50}.get
    >>> _nearest_shape("优", "抚", {"安"}, lambda a, b: ov((a, b))), _nearest_shape("优", "抚", {"安", "州"}, lambda a, b: ov((a, b)))
    (True, False)
    >>> _nearest_shape("优", "抚", set(), lambda a, b: ov((a, b)))
    True
    """
    near = overlap(read, own)
    if not others:
        return near >= SHAPE_FLOOR + SHAPE_MARGIN
    return all(near >= overlap(read, o) + SHAPE_MARGIN for o in others)


def word_spans(name: str, words) -> list[tuple[int, int]]:
    """``[start, end)`` of every place one of ``words`` is spelt in ``name``.

    >>> word_spans("抚顺县生态环境保护服务中心", COMMON_WORDS)
    [(3, 7), (9, 13)]
    """
    spans = []
    for word in words:
        at = name.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = name.find(word, at + 1)
    return spans


def in_common_word(name: str, i: int) -> bool:
    """Whether character ``i`` of ``name`` lies inside one of :data:`COMMON_WORDS`.

    >>> in_common_word("抚顺县生态环境保护服务中心", 6), in_common_word("抚顺县生态环境保护服务中心", 1)
    (True, False)
    """
    return any(start <= i < end for start, end in word_spans(name, COMMON_WORDS))


def _combine(statuses: list[str], scores: list[float], read: list[str] | None = None) -> str:
    """One character's evidence over every reading: read as it is or a likely misread in
    any reading wins (the unwrap that saw it); else surely different in a reading clean
    enough (>= 0.7) to trust; else unlikely where two clean readings read the same other
    character there (the recogniser keeps seeing it) or where most readings that cover
    it say so; else unseen, or not covered at all.

    >>> _combine([UNSEEN, MATCHED, DIFFERENT], [0.9, 0.6, 0.95]), _combine([UNLIKELY, UNSEEN, UNSEEN], [0.9] * 3)
    ('matched', 'unseen')
    >>> _combine([DIFFERENT, UNSEEN], [0.6, 0.9]), _combine([DIFFERENT, UNSEEN], [0.9, 0.9])
    ('unseen', 'different')
    >>> _combine([UNSEEN, UNSEEN, UNSEEN], [0.9, 0.8, 0.9], ["抚", "抚", "托"])
    'unlikely'
    """
    read = read or [""] * len(statuses)
    for status in (MATCHED, EXPLAINED):
        if status in statuses:
            return status
    if any(st == DIFFERENT and sc >= 0.7 for st, sc in zip(statuses, scores)):
        return DIFFERENT
    covering = [st for st in statuses if st != UNCOVERED]
    if not covering:
        return UNCOVERED
    seen = [r for st, sc, r in zip(statuses, scores, read) if r and st != UNCOVERED and sc >= 0.7]
    if any(seen.count(r) >= 2 for r in set(seen)):
        return UNLIKELY
    against = sum(st in (UNLIKELY, DIFFERENT) for st in covering)
    return UNLIKELY if against * 2 > len(covering) else UNSEEN


def _strict(lat):
    """The lattice with nothing left over for the characters a frame did not keep."""
    from ocr.ctc import MIN_LOGP, Lattice

    return Lattice(lat.chars, lat.idx, lat.logp, np.full_like(lat.rest, MIN_LOGP))


def _kept(raw: str) -> tuple[str, list[int]]:
    """The normalised reading and, for each of its characters, its index in ``raw``."""
    out, idx = [], []
    for i, ch in enumerate(raw):
        n = unicodedata.normalize("NFKC", ch)
        if len(n) == 1 and _KEEP.match(n):
            out.append(n)
            idx.append(i)
    return "".join(out), idx


def _rotation(unit: str, t: str) -> int:
    """How far round the name a reading starts (a circular name read from the wrong
    start: 研究院郑州市…设计 for 郑州市…设计研究院); 0 unless a turned name fits the
    reading clearly better.

    >>> _rotation("郑州市规划设计研究院", "研究院郑州市规划设计"), _rotation("郑州市规划设计研究院", "郑州市规划设计研究院")
    (7, 0)
    """
    from rapidfuzz.distance import Levenshtein

    best, k_best = Levenshtein.distance(unit, t), 0
    for k in range(1, len(unit)):
        d = Levenshtein.distance(unit[k:] + unit[:k], t)
        if d < best:
            best, k_best = d, k
    return k_best if k_best and Levenshtein.distance(unit, t) - best >= 3 else 0


_WEIGHED: OrderedDict[tuple[int, str], tuple[object, Weighed]] = OrderedDict()
_WEIGHED_LOCK = threading.Lock()


def _weighed(reading, unit: str) -> Weighed:
    """:func:`weigh`, remembered for the last few hundred readings: a seal's readings
    are weighed again each time one is added (the reading may stop once they settle
    the seal) and when the seal's unit is decided. Keyed by the reading object itself,
    which the memory holds, so its id cannot be reused while remembered."""
    key = (id(reading), unit)
    with _WEIGHED_LOCK:
        hit = _WEIGHED.get(key)
        if hit is not None and hit[0] is reading:
            _WEIGHED.move_to_end(key)
            return hit[1]
    w = weigh(reading, unit)
    with _WEIGHED_LOCK:
        _WEIGHED[key] = (reading, w)
        while len(_WEIGHED) > 512:
            _WEIGHED.popitem(last=False)
    return w


def weigh(reading, unit: str) -> Weighed:
    """One reading (``SealReading``: raw text, score, lattice) weighed against ``unit``.

    >>> from ocr.ctc import Lattice, toy_frames
    >>> lat = Lattice.from_probs(*toy_frames("北京中导开源科技有限公司", unsure={3: "科"}))
    >>> "".join(s[0] for s in weigh(("北京中导开源科技有限公司", 0.9, lat), "北京中科开源科技有限公司").status)
    'mmmemmmmmmmm'
    >>> lat = Lattice.from_probs(*toy_frames("北京中导开源科技有限公司"))
    >>> weigh(("北京中导开源科技有限公司", 0.99, lat), "北京中科开源科技有限公司").status[3]
    'different'

    The date printed under the seal caught at the end of the ring (a 1-bit scan) leaves
    the name as it is; another body's word there does not:

    >>> unit = "新宾满族自治县环境监测站"
    >>> [weigh((t, 0.94, Lattice.from_probs(*toy_frames(t))), unit).fits for t in (unit + "月6", unit + "分站")]
    [True, False]
    >>> [weigh((t, 0.94, Lattice.from_probs(*toy_frames(t))), unit).fits for t in (unit + "H91目", "1" + unit + "H91",
    ...                                                                              unit + "目", unit + "2分站")]
    [True, True, False, False]

    A body's kind read clearly after the name (…服务心厅 of …服务大厅 on a gray copy, for …服务中心) may be another
    body's ending; the date or a department there is not:

    >>> unit = "新宾满族自治县生态环境保护服务中心"
    >>> [weigh((t, 0.94, Lattice.from_probs(*toy_frames(t))), unit).kind_after
    ...  for t in ("新宾满族自治县生态环境保护服务心厅", unit + "月6", unit + "人事处", unit)]
    [True, False, False, False]
    """
    # traditional forms (撫順, 環境) are the unit's own characters: read and weighed as such
    raw, score, lat = simplified(reading[0]), float(reading[1]), reading[2].folded(simplified)
    t, idx = _kept(raw)
    n = len(unit)
    nothing = Weighed(unit, t, score, (UNCOVERED,) * n, (), 0.0, False, False, False, ("",) * n)
    if cjk_count(t) < 2:
        return nothing
    k, start, end, ops = _aligned(unit, t)
    if end <= start:
        return nothing
    name = unit[k:] + unit[:k]  # the name in the order the reading has it
    strict = _strict(lat)

    def text_of(t0: int, t1: int, new: str) -> str:
        """The reading with its normalised characters [t0, t1) replaced by ``new``."""
        r0 = idx[t0] if t0 < len(idx) else len(raw)
        r1 = idx[t1 - 1] + 1 if t1 > t0 else r0
        return raw[:r0] + new + raw[r1:]

    # every text weighed below, each lattice's in one frame loop (Lattice.log_likelihoods: the
    # same floats as one at a time, at a fraction of the cost; issue 12)
    asked: dict[bool, list[str]] = {False: [raw], True: [raw]}
    for tag, u0, u1, p0, p1 in ops:
        if tag == "insert":
            asked[False].append(text_of(start + p0, start + p1, ""))
        elif tag != "equal":
            asked[False].append(text_of(start + p0, start + p1, name[u0:u1]))
            asked[True].append(asked[False][-1])
    if start > 0:
        asked[False].append(text_of(0, start, ""))
    if end < len(t):
        asked[False].append(text_of(end, len(t), ""))
    asked[False].append(text_of(start, end, name))
    known = {}
    for sure, texts in asked.items():
        texts = list(dict.fromkeys(texts))
        known[sure] = dict(zip(texts, (strict if sure else lat).log_likelihoods(texts)))
    free = {False: known[False][raw], True: known[True][raw]}

    def replaced(t0: int, t1: int, new: str, sure: bool = False) -> float:
        """Ratio of the reading with its normalised characters [t0, t1) replaced by ``new``."""
        text = text_of(t0, t1, new)
        got = known[sure].get(text)
        return ((strict if sure else lat).log_likelihood(text) if got is None else got) - free[sure]

    part = t[start:end]
    path = lat.path_of(raw)  # the greedy path's frames of each character read
    clear = _clear(lat, path, idx)
    covered = _covered(path, idx, reading[3] if len(reading) > 3 else None)
    status = [UNCOVERED] * n
    read_at = [""] * n
    diffs, extra = [], False
    for tag, u0, u1, p0, p1 in ops:
        at = [(i + k) % n for i in range(u0, u1)]  # the characters of the unit's own name
        if tag == "equal":
            for i in at:
                status[i], read_at[i] = MATCHED, unit[i]
            continue
        if tag == "insert":  # read inside the name, not in it
            extra = extra or (replaced(start + p0, start + p1, "") <= SURE and p1 - p0 >= 1)
            continue
        diff = Difference(part[p0:p1], name[u0:u1], replaced(start + p0, start + p1, name[u0:u1]),
                          replaced(start + p0, start + p1, name[u0:u1], sure=True), at[0],
                          min(clear[start + p0:start + p1], default=0.0),
                          max(covered[start + p0:start + p1], default=0.0) if p1 > p0
                          else _gap_covered(path, idx, reading[3] if len(reading) > 3 else None, start + p0))
        if diff.covered >= COVERED and diff.llr <= SURE * len(diff.expected) and is_cjk(diff.read):
            diff = replace(diff, shown=_shown(reading, path, idx[start + p0], diff))
        diffs.append(diff)
        for i in at:  # what was read in place of each of the name's characters
            read_at[i] = part[p0:p1]
        st = diff.status
        if tag == "delete" and (u0 == 0 or u1 == len(name)) and st not in (EXPLAINED, UNSEEN):
            st = UNCOVERED  # the arc read only in part: this end is not in the strip
        for i in at:
            status[i] = st
    head, rest = t[:start], t[end:]
    if (head or rest) and any(clear[start:end]):
        # how clean the reading of the name is: characters read round it (a seal code,
        # the bottom text caught at the ends of an oval's arc) do not make it less clean
        score = max(score, float(np.mean(clear[start:end])))
    head_llr = replaced(0, start, "") if head else 0.0
    rest_llr = replaced(end, len(t), "") if rest else 0.0
    fits = ((head_fits(head, unit) or bool(_DATE_PRINT.fullmatch(head)) or head_llr > UNSURE)
            and (not rest or _is_department(rest) or bool(_DATE_PRINT.fullmatch(rest)) or rest_llr > UNSURE))
    branch = bool(rest) and bool(_ORG_SUFFIX.search(rest)) and not _is_department(rest) and rest_llr <= SURE
    kind_after = (bool(rest) and rest[0] in KIND_ENDS and rest[0] != unit[-1] and not _is_department(rest)
                  and end < len(clear) and clear[end] >= MAJORITY)
    return Weighed(unit, t, score, tuple(status), tuple(diffs), replaced(start, end, name), fits, branch, extra,
                   tuple(read_at), bool(len(reading) > 4 and reading[4]), bool(len(reading) > 5 and reading[5]),
                   bool(len(reading) > 7 and reading[7]), kind_after)


#: characters that end a body's name as its kind (…大厅, …研究所, …监测站): one read clearly (as more likely than all
#: else together) right after the unit's
#: name, where a character of the name is unseen, may be another body's ending (…服务心厅: 新宾…保护服务大厅 on a gray
#: copy, 中 dropped and 厅 read after 心, passed as …服务中心 with 中 worn inside a word such names share)
KIND_ENDS = frozenset("厅所站局院队馆会社部司")


#: what a reading may catch at the ends of the ring besides the name: the date printed
#: under the seal (…监测站月6, the 2024年1月19日 the seal was pressed over, on a 1-bit
#: scan) and the ring's code; no body's name holds 年, 月 or 日. On a fax's page the date's 日 is read 目, 曰, 口 or H
#: (2022年1月15日 under the ring read H91目: probe trust15 C07, three forms' seals 无法确认 with every character of the
#: name read): with a digit beside them, such glyphs and Latin letters are print too, never a body's name
_DATE_PRINT = re.compile(r"[0-9年月日]{1,4}|(?=\D*\d)[0-9A-Za-z年月日目曰口]{2,5}")


def _aligned(unit: str, t: str) -> tuple[int, int, int, list[tuple[str, int, int, int, int]]]:
    """How a normalised reading ``t`` lines up with ``unit``: how far round the name it
    starts (:func:`_rotation`), the span ``[start, end)`` of ``t`` the name covers, and
    the edit operations from the turned name to that span (Levenshtein opcodes, a
    replaced run of equal lengths split character by character; :func:`_opcodes`)."""
    k = _rotation(unit, t)
    name = unit[k:] + unit[:k]
    _, start, end = _align(name, t)
    ops = []
    for tag, u0, u1, p0, p1 in _opcodes(name, t[start:end]):
        if tag == "replace" and u1 - u0 == p1 - p0 > 1:  # character by character
            ops += [(tag, u0 + j, u0 + j + 1, p0 + j, p0 + j + 1) for j in range(u1 - u0)]
        else:
            ops.append((tag, u0, u1, p0, p1))
    return k, start, end, ops


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """The edit operations from ``a`` to ``b`` (as Levenshtein opcodes: ``equal``,
    ``replace``, ``insert``, ``delete`` with their spans), fewest edits first and, among
    alignments with as few, the one whose matched characters stand most beside one
    another: a character of ``b`` lines up with the one of two equal characters of ``a``
    that its neighbours line up beside (else Levenshtein's own). Those take the first of
    equally short alignments, and a short reading 「科技限公」 of 北京中科开源科技有限公司
    matched its 科 with 中科's, alone between two gaps, not with 科技's beside 技.

    >>> [o[:3] for o in _opcodes("北京中科开源科技有限公司", "科技限公") if o[0] == "equal"]
    [('equal', 6, 8), ('equal', 9, 11)]
    >>> _opcodes("抚顺市", "抚顺市")
    [('equal', 0, 3, 0, 3)]
    """
    from rapidfuzz.distance import Levenshtein

    n, m = len(a), len(b)
    # best[i][j][e]: (edits, -pairs of matches side by side) aligning a[:i] with b[:j],
    # the last step a match (e = 1) or not (e = 0)
    inf = (1 << 30, 0)
    best = [[[inf, inf] for _ in range(m + 1)] for _ in range(n + 1)]
    step: dict[tuple[int, int, int], tuple[str, int]] = {}
    best[0][0][0] = (0, 0)
    for i in range(n + 1):
        for j in range(m + 1):
            for e in (0, 1):
                cost = best[i][j][e]
                if cost == inf:
                    continue
                moves = []
                if i < n and j < m:
                    if a[i] == b[j]:
                        moves.append(("equal", i + 1, j + 1, 1, (cost[0], cost[1] - e)))
                    else:
                        moves.append(("replace", i + 1, j + 1, 0, (cost[0] + 1, cost[1])))
                if i < n:
                    moves.append(("delete", i + 1, j, 0, (cost[0] + 1, cost[1])))
                if j < m:
                    moves.append(("insert", i, j + 1, 0, (cost[0] + 1, cost[1])))
                for tag, i2, j2, e2, c in moves:
                    if c < best[i2][j2][e2]:
                        best[i2][j2][e2] = c
                        step[(i2, j2, e2)] = (tag, e)
    e = min((0, 1), key=lambda e: best[n][m][e])
    plain = [tuple(o) for o in Levenshtein.opcodes(a, b)]
    if -best[n][m][e][1] <= sum(max(0, u1 - u0 - 1) for tag, u0, u1, _, _ in plain if tag == "equal"):
        return plain  # no alignment as short has more matches side by side: Levenshtein's own
    path, i, j = [], n, m
    while i or j:
        tag, e0 = step[(i, j, e)]
        path.append(tag)
        i, j, e = i - (tag != "insert"), j - (tag != "delete"), e0
    ops: list[list] = []
    i = j = 0
    for tag in reversed(path):
        i2, j2 = i + (tag != "insert"), j + (tag != "delete")
        if ops and ops[-1][0] == tag:
            ops[-1][2], ops[-1][4] = i2, j2
        else:
            ops.append([tag, i, i2, j, j2])
        i, j = i2, j2
    return [tuple(o) for o in ops]


#: at most this many characters of a reading are put back as the recogniser's likely
#: misreads before the rest is taken for another body's name (:func:`put_back`)
PUT_BACK = 2


def put_back(ev: UnitEvidence) -> str | None:
    """The reading ``ev`` decided ``other`` on, with each difference the recogniser's
    own candidates explain (a likely misread: 瓜 where the seal has 局) written back as
    the unit's characters, so that only what it was sure of remains: 福州市生态环境瓜东洲分局
    becomes 福州市生态环境局东洲分局, one place away from the unit's name. None where more
    than :data:`PUT_BACK` characters would be put back (a reading that noisy is the
    recogniser's, not a name) or nothing is.

    >>> from ocr.ctc import Lattice, toy_frames
    >>> lat = Lattice.from_probs(*toy_frames("福州市生态环境瓜东洲分局", unsure={7: "局"}))
    >>> ev = seal_evidence(SealMark((0, 0, 9, 9), 0.9, readings=[("福州市生态环境瓜东洲分局", 0.95, lat)]), ["抚顺市生态环境局东洲分局"])
    >>> ev.verdict, put_back(ev)
    ('other', '福州市生态环境局东洲分局')
    """
    if ev.verdict != "other" or not ev.reading:
        return None
    unit, t = ev.name, ev.reading
    n = len(unit)
    k, start, end, ops = _aligned(unit, t)
    if end <= start:
        return None
    name, part = unit[k:] + unit[:k], t[start:end]
    out, back = [t[:start]], 0
    for tag, u0, u1, p0, p1 in ops:
        at = [(i + k) % n for i in range(u0, u1)]
        if tag in ("replace", "delete") and all(ev.status[i] in (MATCHED, EXPLAINED) for i in at):
            out.append(name[u0:u1])
            back += max(u1 - u0, p1 - p0)
        else:
            out.append(part[p0:p1])
    out.append(t[end:])
    return "".join(out) if 0 < back <= PUT_BACK else None


def _shown(reading, path, j: int, diff: Difference) -> bool:
    """Whether the strokes round the print over the ``j``-th character of a reading (a
    ``SealReading`` with its strip's ``pixels``; its greedy ``path``) show the character
    read there and not the unit's (:func:`~.occlusion.shown_instead`); False where the
    reading kept no pixels or the path does not line up with it."""
    pixels = reading[6] if len(reading) > 6 else None
    if pixels is None or path is None or not 0 <= j < len(path) or len(diff.read) != 1:
        return False
    from .occlusion import cell, shown_instead

    strip, hidden = pixels
    frames = getattr(reading[2], "logp", None)
    if frames is None:
        return False
    columns = cell(frames.shape[0], strip.shape[1], strip.shape[0], path, j)
    return shown_instead(strip, hidden, columns, diff.read, diff.expected)


def _clear(lat, path, idx: list[int]) -> list[float]:
    """How sure the recogniser was of each character of the normalised reading (``idx``:
    where each stands in the raw reading, whose ``path`` on the lattice is given): the
    probability of its best frame on the greedy path (0 where the path and the reading
    do not line up: ``path`` None)."""
    if path is None:
        return [0.0] * len(idx)
    best = [float(np.exp(lat.logp[f0:f1 + 1, 0].max())) for _, f0, f1 in path]
    return [best[j] for j in idx]


def _gap_covered(path, idx: list[int], cover, t: int) -> float:
    """How much of the strip between the normalised reading's characters ``t - 1`` and
    ``t`` lay under other ink, where the reading dropped characters of the name: the mean
    share (``cover``, per frame) over the frames from the first's last frame on the
    greedy ``path`` to the second's first, both left out; 0 at either end of the reading,
    without ``cover`` or a path. A character dropped there may have been hidden, not
    missing: a signature written across the seal's ring (probe trust19: 环境 of
    生态环境 and 洲 of 东洲区 under the leader's signature, the pen's ink over them).

    >>> path = [("a", 0, 1), ("b", 10, 11)]
    >>> cover = [0.0] * 3 + [0.8] * 6 + [0.0] * 3
    >>> round(_gap_covered(path, [0, 1], cover, 1), 2), _gap_covered(path, [0, 1], cover, 0), _gap_covered(path, [0, 1], None, 1)
    (0.6, 0.0, 0.0)
    """
    if cover is None or path is None or not 0 < t < len(idx):
        return 0.0
    a, b = path[idx[t - 1]][2] + 1, path[idx[t]][1]
    part = np.asarray(cover, dtype=float)[a:b]
    return float(part.mean()) if len(part) else 0.0


def _covered(path, idx: list[int], cover) -> list[float]:
    """How much of each character of the normalised reading lay under other ink: the
    mean share (``cover``: per frame, from :func:`~.reading._frame_cover`) over its
    frames, from half way to the previous character's peak on the greedy ``path`` to
    half way to the next's; 0 everywhere without ``cover`` or a path."""
    if cover is None or path is None:
        return [0.0] * len(idx)
    cover = np.asarray(cover, dtype=float)
    share = []
    for j, (_, f0, f1) in enumerate(path):  # a character reaches half way to its neighbours' peaks
        a = (path[j - 1][2] + f0 + 1) // 2 if j else max(0, f0 - (f1 - f0) - 3)
        b = (f1 + path[j + 1][1]) // 2 if j + 1 < len(path) else f1 + (f1 - f0) + 3
        part = cover[a:b + 1]
        share.append(float(part.mean()) if len(part) else 0.0)
    return [share[j] for j in idx]
