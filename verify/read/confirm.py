"""Check the claim, not only read the page.

The toolkit knows what each page should say: the applicant's name, the claimed
title date, ID number, ISSN and CN. Where the free reading of a page differs from
the claim, the claim is put in the reading's place on that line (spelled the way
the line spells it) and scored against the recogniser's own per-frame
probabilities (:class:`ocr.ctc.Lattice`); the log-likelihood ratio against the free
reading says whether

- the page says it (``confirmed``): some legible reading of the line shows the
  claimed value, or finds the claim at least as likely as its own best reading, and
  no legible reading is sure of something else (readings that disagree: ``unsure``);
- the page says something else (``contradicted``): every reading of the line is
  legible, they agree on another value (a reread that lost one of two equal
  characters, 2019.1.22 for 2019.11.22, agrees, and where two others read the value
  surely its doubt - of 8 for one 1, not for 11 - is not the claim's), and the
  recogniser was sure of it (the claim at least :data:`CONTRADICT_LLR` nats less likely
  than the reading);
- it cannot be read (``unsure``): anything between: a person must look.

Before a contradiction is accepted, the line is read again from the page's
original pixels (not the seal-faded view the text pass used), stretched
horizontally (more frames per character: CTC drops one of two equal digits when
they share frames, ``11`` read as ``1``), and binarised; a reading that shows the
claim, or any legible reading that finds the claim likely, stops the fail.

Lines read from a PDF's text layer are exact: a difference there is a
contradiction. Lines without a lattice (an engine that gives none) are compared
as text: equal is ``confirmed``, anything else ``unsure`` (the rules then keep their
own string logic).

Each page gets a list of :class:`Confirmation` in ``PageRead.confirmations``; the
rules (``identity.*``, ``title.date``, ``journal.*``) read them. The free reading
stays what the report shows.

Thresholds are calibrated on the real recogniser (``scripts/bench_reading.py
--claims``; figures in ``docs/CONTRACT.md``).
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ocr.model import OcrLine
from verify.model import Applicant, PageRead
from verify.read.hanzi import is_cjk
from verify.read.dates import PRECISION_RANK, PartialDate, find_dates, label_role, render_like
from verify.read.names import _CJK as _NAME_CJK
from verify.read.names import _NAME as _NAME_SLOT
from verify.read.names import _NAME_DOTS
from verify.read.names import _PINYIN

log = logging.getLogger(__name__)

# Thresholds, calibrated with ``scripts/bench_reading.py --claims 600 --seed 2`` (the
# real PP-OCRv4 engine on 600 lines: title dates, ID numbers, name slots, ISSN, CN, in
# three fonts, clean to phone-photo damage; half the claims true, half a near miss).
# Over contradiction thresholds 3-6 nats and legibility 0.80-0.90 no true claim was
# contradicted and no false claim confirmed; the veto below is what keeps a binarised
# reread that happened to read the false claim (CN 21-5790/R for 21-5798/R) from
# confirming it. At 4.0/0.85: 202 of 310 false claims contradicted, 43 unsure, 65
# unreadable; 214 of 290 true claims confirmed, 11 unsure, none contradicted.

#: a reading with a lower mean character score is not legible enough to decide on
LEGIBLE_SCORE = 0.85
#: the claim this many nats below the reading, in every legible reading: contradicted
CONTRADICT_LLR = 4.0
#: a legible reading this sure of something else stops any confirmation (unsure)
VETO_LLR = 3.0
#: the claim at least this likely relative to the reading (nats): confirmed
CONFIRM_LLR = 0.0
#: a value with a check digit that the reading fails and the claim passes (ID number,
#: ISSN) is known to be misread somewhere: the claim is confirmed this close to it
CHECKED_SLACK = 1.5
#: horizontal stretches tried when a line is read again
STRETCHES = (1.4,)

STATES = ("confirmed", "contradicted", "unsure")


@dataclass
class Confirmation:
    """How one claimed value fares against one line of a page.

    ``expected`` is the claim as that line would print it; ``read`` the value the
    free reading shows there; ``llr`` the best log-likelihood ratio of the claim
    against a reading (0: as likely as the reading; ``None``: no lattice);
    ``how``: ``read`` (the reading shows the claim), ``reread`` (a second reading
    does), ``lattice`` (the probabilities decide), ``text_layer``, ``text``;
    ``readings``: every reading tried, ``(how, value, llr, score)``.
    """

    fact: str
    expected: str
    read: str | None
    state: str
    llr: float | None = None
    how: str = "read"
    bbox: tuple[int, int, int, int] | None = None
    readings: list[tuple[str, str | None, float | None, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "fact": self.fact, "expected": self.expected, "read": self.read, "state": self.state,
            "llr": None if self.llr is None else round(self.llr, 2), "how": self.how,
            "bbox": list(self.bbox) if self.bbox else None,
            "readings": [[h, v, None if l is None else round(l, 2), round(s, 3)] for h, v, l, s in self.readings],
        }

    @property
    def note(self) -> str:
        """A short Chinese note for a finding: what was read and how it was settled."""
        llr = "" if self.llr is None else f"，对数似然比 {self.llr:.1f}"
        # nothing read where the claim should be (a seal over it): the field was read again
        seen = "该处未识别到文字" if self.read == "" else f"识别为“{self.read if self.read is not None else '（未能定位）'}”"
        if self.state == "confirmed":
            via = {"read": "识别结果", "reread": "重新识别", "lattice": "逐字识别概率"}.get(self.how, "识别结果")
            return f"{seen}，{via}与申报的“{self.expected}”相符{llr}"
        if self.state == "contradicted":
            return f"{seen}，识别把握充分，不是“{self.expected}”{llr}"
        return f"{seen}，无法确定是否为“{self.expected}”{llr}"


@dataclass
class _Reading:
    how: str
    text: str
    score: float
    lattice: object | None
    scored: dict = field(default_factory=dict, repr=False)  # hypothesis -> (support, doubt)


@dataclass
class Target:
    """One claimed value to look for on one line.

    ``span``: where the free reading holds the value; ``expected_of(value)``: the
    claim spelled like ``value``; ``is_claim(value)``: the value read is the claim;
    ``locate(text)``: spans in another reading of the line that may hold the value;
    ``same(a, b)``: two values read are the same value.
    """

    fact: str
    line: object  # ocr.model.OcrLine
    span: tuple[int, int]
    expected_of: Callable[[str], str | None]
    is_claim: Callable[[str], bool]
    locate: Callable[[str], list[tuple[int, int]]]
    same: Callable[[str, str], bool] = lambda a, b: re.sub(r"\s", "", a) == re.sub(r"\s", "", b)
    misread: Callable[[str], bool] = lambda value: False  # the value read fails a check digit the claim passes


# ---------------------------------------------------------------- deciding


def _floor(lattice):
    """The lattice with no mass left for characters it did not keep: a *lower* bound
    of any text's likelihood (the lattice itself gives an upper bound). Support for
    a claim is measured on this one, so that a character the recogniser never
    considered cannot confirm a claim through the left-over mass of a blurred frame."""
    import dataclasses

    import numpy as np

    from ocr.ctc import MIN_LOGP

    cached = getattr(lattice, "_floored", None)
    if cached is None:
        cached = dataclasses.replace(lattice, rest=np.full_like(lattice.rest, MIN_LOGP))
        object.__setattr__(lattice, "_floored", cached)
    return cached


def _llr(reading: _Reading, span: tuple[int, int], expected: str | None) -> tuple[float, float] | None:
    """``(support, doubt)``: the log-likelihood ratio of the claim put in the span
    against the reading, with characters the lattice did not keep taken as
    impossible (support: a lower bound) and as likely as the mass left over allows
    (doubt: an upper bound). None without a lattice."""
    if reading.lattice is None or expected is None:
        return None
    a, b = span
    hypothesis = reading.text[:a] + expected + reading.text[b:]
    if hypothesis == reading.text:
        return None  # the claim cannot be written into this reading (it read less than the claim says)
    if hypothesis in reading.scored:
        return reading.scored[hypothesis]
    try:
        doubt = float(reading.lattice.compare(hypothesis, against=reading.text))
        low = _floor(reading.lattice)
        support = float(low.log_likelihood(hypothesis) - reading.lattice.log_likelihood(reading.text))
    except Exception:  # a lattice that cannot score the text: no evidence
        log.debug("lattice could not score %r", hypothesis, exc_info=True)
        return None
    reading.scored[hypothesis] = (min(support, doubt), doubt)
    return reading.scored[hypothesis]


def _reading_span(target: Target, i: int, reading: _Reading, value: str) -> tuple[int, int] | None:
    """Where the ``i``-th of a target's readings holds ``value``: the page's own reading
    (first, its text the line's) where the target found it; another reading (a reread, or
    the second recogniser's reading put first) searched for the span nearest to it."""
    if i == 0 and reading.text == target.line.text:
        return target.span
    return _nearest(target, reading.text, value)


def _nearest(target: Target, text: str, value: str) -> tuple[int, int] | None:
    from rapidfuzz.distance import Levenshtein

    spans = target.locate(text)
    if not spans:
        return None
    return min(spans, key=lambda s: Levenshtein.distance(text[s[0]:s[1]], value))


def decide(target: Target, readings: list[_Reading], source: str = "ocr", contradict_llr: float | None = None,
           legible_score: float | None = None) -> Confirmation:
    """The state of ``target`` given the page's reading (first) and any rereads
    (thresholds default to the module's; the calibration sweeps them)."""
    contradict_llr = CONTRADICT_LLR if contradict_llr is None else contradict_llr
    legible_score = LEGIBLE_SCORE if legible_score is None else legible_score
    line = target.line
    a, b = target.span
    value = line.text[a:b]
    expected = target.expected_of(value) or ""
    bbox = getattr(line, "bbox", None)
    if target.is_claim(value):
        return Confirmation(target.fact, expected, value, "confirmed", 0.0, "read", bbox,
                            [("page", value, 0.0, float(line.score))])
    if source == "text_layer":
        return Confirmation(target.fact, expected, value, "contradicted", None, "text_layer", bbox,
                            [("text_layer", value, None, 1.0)])
    rows = []  # (reading, value, (support, doubt))
    for i, r in enumerate(readings):
        span = _reading_span(target, i, r, value)
        if span is None:
            rows.append((r, None, None))
            continue
        v = r.text[span[0]:span[1]]
        rows.append((r, v, (0.0, 0.0) if target.is_claim(v) else _llr(r, span, target.expected_of(v))))
    report = [(r.how, v, llr and llr[1], r.score) for r, v, llr in rows]
    scored = [(r, v, llr) for r, v, llr in rows if llr is not None]
    if not scored:
        return Confirmation(target.fact, expected, value, "unsure", None, "text", bbox, report)
    legible = [(r, v, llr) for r, v, llr in scored if r.score >= legible_score]
    # a legible reading that shows the claim, or finds it at least as likely as what it read
    seen = [(r, v, llr) for r, v, llr in legible
            if target.is_claim(v) or llr[0] + (CHECKED_SLACK if target.misread(v) else 0.0) >= CONFIRM_LLR]
    # a reading that lost a whole part of the claimed date (2023年月 for 2023年7月, 2017年
    # for 2017年8月: the month under a seal) says nothing of that part: it is sure of
    # nothing else (a reread may show it) and adds no doubt
    lost = {id(r) for r, v, _ in scored if _lost_a_date_part(v, target.expected_of(v))}
    told = [(r, v, llr) for r, v, llr in scored if id(r) not in lost]
    # a legible reading sure of something else
    sure = [(r, v, llr) for r, v, llr in legible if not target.is_claim(v) and llr[1] <= -min(VETO_LLR, contradict_llr)
            and id(r) not in lost]
    # the print alone is read to find a claim a seal hides: its thresholded strokes leave
    # room for any other text, so it adds support (seen) and vetoes, not doubt
    doubt = max((llr[1] for r, _, llr in told if r.how != "print_only"),
                default=max((llr[1] for _, _, llr in told), default=None))
    if seen and (not sure or _ink_took_a_stroke(target, legible, sure)):
        r, v, llr = max(seen, key=lambda x: x[2][0])
        how = "reread" if target.is_claim(v) else "lattice"
        return Confirmation(target.fact, expected, value, "confirmed", llr[0], how, bbox, report)
    first_ok = rows[0][2] is not None and rows[0][0].score >= legible_score and id(rows[0][0]) not in lost
    # a reading that lost one of two equal characters (CTC: 2019.1.22 for 2019.11.22) says the same
    # and one that misread only where the page's value and the claim agree (二〇二九年七月十五日
    # beside 二〇一九年七月十五日, claimed 二〇一九年六月十四日) shares the difference the verdict rests on
    agreeing = [x for x in legible if target.same(x[1], value) or _runs_collapsed(x[1]) == _runs_collapsed(value)
                or _same_difference(x[1], value, expected)]
    # the print alone (a seal's ink taken off) is read to find the claim under a seal; where it
    # shows neither the claim nor the page's value, its thresholded strokes misread, and it
    # neither adds to nor stands against the other readings' agreement
    voting = [x for x in legible if x[0].how != "print_only" or x in agreeing]
    # no reading finds the claim likely; every legible reading that found the value agrees with the
    # page's own, which is among them; when the line could be read again, a second reading agrees
    # a reading that agrees only by a lost repeat (2019.1.22 for 2019.11.22) weighs the claim
    # against a character too few (8 for 1, not for 11): where two legible readings of the
    # value itself were sure of it, its doubt is that of the character lost, not the claim's
    exact = [x for x in agreeing if target.same(x[1], value) and x[2][1] <= -contradict_llr and x[0].how != "print_only"]
    if len(exact) >= 2:
        collapsed = {id(r) for r, v, _ in agreeing if not target.same(v, value)}
        doubt = max((llr[1] for r, _, llr in told if r.how != "print_only" and id(r) not in collapsed), default=doubt)
    contradicted = (not seen and first_ok and doubt is not None and doubt <= -contradict_llr and len(agreeing) == len(voting)
                    and (len(agreeing) >= 2 or len(readings) == 1))
    state = "contradicted" if contradicted else "unsure"
    return Confirmation(target.fact, expected, value, state, doubt, "lattice", bbox, report)


def _ink_took_a_stroke(target: Target, legible: list, sure: list) -> bool:
    """Whether the only readings sure of something else are those made without a red
    seal's ink, and they agree, while every legible reading of the original pixels,
    two at least, shows the claim exactly: taking the seal's ink off took a stroke of
    the print under it (the page's text pass fades red seals, as the print-alone
    reread does: the 4 of 2024年9月9日 under a seal's stroke read 1 in both, and 2024
    in the plain and the stretched crop of the original). A binarised reread that
    happens to show a false claim (CN 21-5790/R for 21-5798/R) is not one of the
    original's readings, and two of those must show the claim.

    >>> R = lambda how, v: (_Reading(how, v, 0.99, None), v, None)
    >>> t = Target("award_date", None, (0, 9), lambda v: "2024年9月9日", lambda v: v == "2024年9月9日", lambda t: [])
    >>> plain = [R("original", "2024年9月9日"), R("stretch1.4", "2024年9月9日")]
    >>> faded = [R("page", "2021年9月9日"), R("print_only", "2021年9月9日")]
    >>> _ink_took_a_stroke(t, plain + faded, faded), _ink_took_a_stroke(t, plain[:1] + faded, faded)
    (True, False)
    >>> _ink_took_a_stroke(t, plain + faded[:1], faded[:1])  # the print alone does not say so
    False
    """
    original = [(r, v) for r, v, _ in legible if r.how == "original" or r.how.startswith("stretch")]
    faded = {r.how: v for r, v, _ in sure}
    return (len(original) >= 2 and all(target.is_claim(v) for _, v in original)
            and set(faded) == {"page", "print_only"} and target.same(faded["page"], faded["print_only"]))


def _lost_a_date_part(read: str, expected: str | None) -> bool:
    """Whether ``read`` is the date ``expected`` with a whole part lost (its month, its
    day, the start of its year) and nothing changed: not a digit lost inside a part
    (2017年1月 for 2017年11月 is a reading of January, which a doubled digit in a reread
    must not overrule).

    >>> _lost_a_date_part("2023年月", "2023年7月"), _lost_a_date_part("2017年1月", "2017年11月")
    (True, False)
    >>> _lost_a_date_part("2023年1月", "2023年7月"), _lost_a_date_part("2023年7月", "2023年7月")
    (False, False)

    Nor is a reading that lost the year's start and so is no date at all:

    >>> _lost_a_date_part("九年五月三十日", "二〇一九年五月三十日"), _lost_a_date_part("九年八月三十日", "二〇一九年五月三十日")
    (True, False)
    """
    if not expected or len(read) >= len(expected):
        return False
    rest = iter(expected)
    if not all(ch in rest for ch in read):
        return False
    got, want = find_dates(read), find_dates(expected)
    if want and not got:  # the year's start lost (九年五月 for 二〇一九年五月: a seal's ring over it)
        return True
    return bool(got and want) and PRECISION_RANK[got[0][0].precision] < PRECISION_RANK[want[0][0].precision]


def _same_difference(read: str | None, value: str, expected: str) -> bool:
    """Whether ``read`` has, at every character where the page's ``value`` differs from
    the claim ``expected``, the page's character (all three of one length).

    >>> _same_difference("二〇二九年七月十五日", "二〇一九年七月十五日", "二〇一九年六月十四日")
    True
    >>> _same_difference("2017年16月", "2017年10月", "2017年11月"), _same_difference("2017年1月", "2017年10月", "2017年11月")
    (False, False)

    So does a reading cut short after the difference, where what it lost the value and the claim share (a binarised
    crop read 2018年12月 of 2018年12月30日 against 2019年12月30日: the year it read is the page's; probe trust25 P10, whose
    certificate's 取得资格时间 differed from the claim surely in three readings and was left unsure):

    >>> _same_difference("2018年12月", "2018年12月30日", "2019年12月30日"), _same_difference("2018年12月", "2018年12月30日", "2018年12月31日")
    (True, False)
    >>> _same_difference("2019年12月", "2018年12月30日", "2019年12月30日"), _same_difference("20", "2018年12月30日", "2019年12月30日")
    (False, False)

    Cut short so, it shares the difference too where the page's value is longer or shorter than the claim: a CN
    printed with a five-digit serial, 21-15560/X against the claimed 21-1556/X, whose stretched reread lost the class
    at the line's end (21-15560/) is as sure of the 0 the claim lacks (probe trust37 P19: four readings and the
    stretched one sure of 15560, left unsure). A reading that stops before the difference, or at a missing
    character before what follows it, shows nothing of it:

    >>> _same_difference("21-15560/", "21-15560/X", "21-1556/X"), _same_difference("21-1556", "21-15560/X", "21-1556/X")
    (True, False)
    >>> _same_difference("21-156/", "21-156/X", "21-1556/X"), _same_difference("21-15", "21-156/X", "21-1556/X")
    (True, False)
    """
    if not read or not expected or value == expected:
        return False
    # where the value differs from the claim: between what they share at the start and at the end
    head = len(os.path.commonprefix([value, expected]))
    tail = 0
    while tail < min(len(value), len(expected)) - head and value[-1 - tail] == expected[-1 - tail]:
        tail += 1
    if len(read) < len(value) and value.startswith(read) and len(read) >= max(len(value) - tail, head + 1):
        return True
    if len(read) != len(value) or len(value) != len(expected):
        return False
    diff = [i for i in range(len(value)) if value[i] != expected[i]]
    return all(read[i] == value[i] for i in diff)


def _runs_collapsed(text: str) -> str:
    """``text`` with each run of one character written once: what CTC makes of a doubled
    character whose two copies share their frames.

    >>> _runs_collapsed("2019.11.22") == _runs_collapsed("2019.1.22"), _runs_collapsed("2019.10.22") == _runs_collapsed("2019.1.22")
    (True, False)
    """
    return "".join(ch for i, ch in enumerate(text) if i == 0 or text[i - 1] != ch)


def rereads(image, line, engine, stretches: Iterable[float] = STRETCHES,
            widen: tuple[float, float] = (0.0, 0.0), reader=None) -> list[_Reading]:
    """The line read again from ``image`` (the page's original pixels): as cropped,
    stretched horizontally, binarised, and with a seal's ink taken off (:func:`print_only`)
    from a box reaching ``widen`` line heights further left and right (the text of the
    claim may begin or end outside the box the detector drew, where a seal's ring
    crossed it). ``reader``: the recogniser to read with (default the engine's
    ``read_line``)."""
    import cv2
    import numpy as np

    from ocr.engines.ppocr import crop_text_line

    if image is None or engine is None or not hasattr(engine, "read_line"):
        return []
    reader = reader or engine.read_line
    H, W = image.shape[:2]

    def crop(left: float, right: float):
        box = np.asarray(line.box, np.float32).reshape(4, 2)
        h = max(float(np.linalg.norm(box[0] - box[3])), 1.0)
        # a little air above and below: tight boxes clip strokes
        centre_y = box[:, 1].mean()
        box[:, 1] = np.where(box[:, 1] < centre_y, box[:, 1] - 0.12 * h, box[:, 1] + 0.12 * h)
        box[:, 0] = np.where(box[:, 0] < box[:, 0].mean(), box[:, 0] - left * h, box[:, 0] + right * h)
        box[:, 0] = box[:, 0].clip(0, W - 1)
        box[:, 1] = box[:, 1].clip(0, H - 1)
        return crop_text_line(image, box)

    strip = crop(0.2, 0.2)
    if strip.shape[0] < 4 or strip.shape[1] < 4:
        return []
    variants = [("original", strip)]
    for f in stretches:
        variants.append((f"stretch{f:g}", cv2.resize(strip, None, fx=f, fy=1.0, interpolation=cv2.INTER_CUBIC)))
    gray = cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY) if strip.ndim == 3 else strip
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    variants.append(("binarised", cv2.cvtColor(binary, cv2.COLOR_GRAY2BGR)))
    wide = crop(0.2 + widen[0], 0.2 + widen[1]) if any(widen) else strip
    if wide.shape[0] >= 4 and wide.shape[1] >= 4:
        variants.append(("print_only", cv2.cvtColor(print_only(wide), cv2.COLOR_GRAY2BGR)))
    out = []
    for how, img in variants:
        try:
            r = reader(img)
        except Exception:
            log.debug("reread %s failed", how, exc_info=True)
            continue
        if r.text:
            out.append(_Reading(how, r.text, float(r.score), r.lattice))
    return out


def print_only(strip):
    """``strip`` (BGR or gray) as gray with only the print left: a red or blue seal's
    ink turned to paper (the larger of the red and blue channels: print is dark in
    both, red and blue ink light in one), then everything lighter than the darkest ink
    by :data:`PRINT_SHARE` of the way to the paper (a seal copied to gray is lighter
    than the print over it) made paper. What is left is kept as it was, not binarised.

    >>> import numpy as np
    >>> s = np.full((4, 6, 3), 245, np.uint8); s[1, 1] = (20, 20, 20); s[1, 3] = (40, 40, 210); s[2, 4] = (150, 150, 150)
    >>> [int(v) for v in print_only(s)[1:3, 1:5].ravel()]
    [20, 255, 255, 255, 255, 255, 255, 255]
    """
    import numpy as np

    a = np.asarray(strip)
    g = np.maximum(a[..., 2], a[..., 0]) if a.ndim == 3 else a
    lo, hi = float(np.percentile(g, 1)), float(np.percentile(g, 95))
    cut = lo + PRINT_SHARE * (hi - lo)
    return np.where(g <= cut, g, 255).astype(np.uint8)


#: the share of the way from the darkest ink to the paper below which ink is print
PRINT_SHARE = 0.4


def confirm(target: Target, image=None, engine=None, source: str = "ocr") -> Confirmation:
    """Decide one target: the page's reading first; the line read again only when
    that reading does not already show the claim."""
    line = target.line
    first = _Reading("page", line.text, float(line.score), getattr(line, "lattice", None))
    a, b = target.span
    if target.is_claim(line.text[a:b]) or source == "text_layer":
        return decide(target, [first], source)
    readings = [first]
    unknown = _unknown_to(engine, target.expected_of(line.text[a:b]) or "")
    if unknown and image is not None:
        # the page recogniser cannot write the claim (赟 of 赵赟 is no character of PP-OCRv4's,
        # which reads 赵赞 however clear the print): its readings say nothing of it, the
        # second recogniser (the seal model, whose dictionary holds it) reads the line
        second = rereads(image, line, engine, stretches=(), reader=getattr(engine, "read_seal_line"))
        if second:
            decided = decide(target, second, source)
            if decided.state == "unsure" and target.fact == "name" and _look_alikes_only(target, second, line.text[a:b],
                                                                                          unsure=True):
                # the second recogniser, unsure, read a look-alike (赞 for 赟 at 1 to 2 nats on a
                # 150-dpi scan; 赞 printed it reads surely, by 5 nats or more): the page's
                # cannot tell the two apart at all, and nothing read says another name
                return replace(decided, state="confirmed", llr=0.0, how="reread")
            return decided
    if first.lattice is not None or image is not None:
        readings += rereads(image, line, engine, widen=_beyond(target))
    decided = decide(target, readings, source)
    if (decided.state == "contradicted" and target.fact == "name" and image is not None
            and hasattr(engine, "read_seal_line") and _one_other_character(decided.read or "", decided.expected)
            and not _unwritable(engine, decided.expected)):
        return _second_opinion(target, decided, rereads(image, line, engine, stretches=(), reader=engine.read_seal_line))
    if decided.state == "unsure" and image is not None and hasattr(engine, "read_seal_line"):
        # the second recogniser (the seal model) may know a rare character the page's reads
        # as its look-alike (陈彧 read 陈或 at -1.5 nats on every page, 彧 read by PP-OCRv6 at
        # 1.0; trust exploration): its readings that show the claim are added, only to confirm
        # it, never to doubt or contradict (PP-OCRv6 drops 〇 of 二〇二四 on a dense page)
        seconds = rereads(image, line, engine, stretches=(), reader=engine.read_seal_line)
        shown = [r for r in seconds
                 if (span := _nearest(target, r.text, line.text[a:b])) is not None
                 and target.is_claim(r.text[span[0]:span[1]])]
        if shown and target.fact == "paper_title" and any(r.score >= LEGIBLE_SCORE for r in shown):
            # a claimed title read whole, every character as claimed and legibly, by the second
            # recogniser: the page's differing characters (氮 for 氨, 南 for 磷, 交 for 变 on a dim
            # photo) are its misreads; another paper's title reads as itself in both
            r = max(shown, key=lambda r: r.score)
            return Confirmation(target.fact, decided.expected, decided.read, "confirmed", 0.0, "reread", decided.bbox,
                                decided.readings + [(f"{r.how}-second", r.text, None, r.score)])
        if shown:
            again = decide(target, readings + [replace(r, how=f"{r.how}-second") for r in shown], source)
            # where two second readings or more show the claim, every legible one among them, a
            # page reading that left one of its characters out says nothing else: 燚 is in
            # PP-OCRv4's dictionary, yet it reads 张燚 as 张 or as its look-alike 张焱, where
            # PP-OCRv6 reads 张燚 at 0.99 (probe trust11: eight reviews on a clean dossier)
            legible = [r for r in seconds if r.score >= LEGIBLE_SCORE]
            dropped = len(shown) >= 2 and bool(legible) and all(any(r is x for x in shown) for r in legible)
            if again.state != "unsure" or target.fact != "name" or not _look_alikes_only(
                    target, readings, line.text[a:b], dropped=dropped):
                return again
            # the page recogniser read, however surely, only a look-alike of each character
            # the second shows as claimed (或 for 彧: the character it reads is a part of it);
            # a name only: a date's or a number's one digit off (1 for 7) is what a verdict
            # rests on, and stays with the page recogniser's doubt
            return replace(again, state="confirmed", llr=0.0, how="reread")
    return decided


def _one_other_character(read: str, expected: str) -> bool:
    """Whether ``read`` differs from ``expected`` in one character that no recogniser takes
    for the other (韩雪松 for 韩雪梅, 李红霞 for 褚红霞; not 陈或 for 陈彧, 张 for 张燚, 楮红霞 for 褚红霞).
    The surname counts as any other character: another surname names another person no less
    (probe trust30 T30B-09: 李红霞 on 褚红霞's ID card, read surely five ways, was only a review).

    >>> _one_other_character("韩雪松", "韩雪梅"), _one_other_character("陈或", "陈彧"), _one_other_character("李红霞", "褚红霞")
    (True, False, True)
    >>> _one_other_character("楮红霞", "褚红霞"), _one_other_character("李雪霞", "褚红霞")
    (False, False)
    """
    from verify.read.confusable import confusable

    r, e = _squash(read), _squash(expected)
    diffs = [i for i in range(len(e)) if len(r) == len(e) and r[i] != e[i]]
    return len(diffs) == 1 and not confusable(r[diffs[0]], e[diffs[0]])


def _second_opinion(target: Target, decided: Confirmation, seconds: list[_Reading]) -> Confirmation:
    """A name the page recogniser read surely one character from the claim, weighed by the
    second recogniser too: ``how`` ``lattice+second`` where two of its readings or more, every
    legible one, read the page's value (both recognisers agree on another name: identity.name
    may fail it); ``unsure`` where one of them reads the claim; else as decided."""
    value = decided.read or ""
    shown = []
    for r in seconds:
        span = _nearest(target, r.text, value)
        shown.append((r, r.text[span[0]:span[1]] if span is not None else None))
    report = decided.readings + [(f"{r.how}-second", v, None, r.score) for r, v in shown]
    if any(v is not None and target.is_claim(v) for r, v in shown):
        return replace(decided, state="unsure", readings=report)
    legible = [(r, v) for r, v in shown if r.score >= LEGIBLE_SCORE]
    if len(legible) >= 2 and all(v is not None and target.same(v, value) for _, v in legible):
        return replace(decided, how="lattice+second", readings=report)
    return replace(decided, readings=report)


def _look_alikes_only(target: Target, readings: list[_Reading], value: str, unsure: bool = False,
                      dropped: bool = False) -> bool:
    """Whether every legible reading of the line shows the claim, or something of its
    length that differs from it only by characters a recogniser takes for one another
    (:func:`verify.read.confusable.confusable`: 或 for 彧), or, with ``dropped``, the claim
    with one of its characters left out (张 for 张燚, however sure). With ``unsure``, the print
    read alone (whose thresholded strokes misread: 三赞 for 王赟) is set aside, and every
    other reading of a look-alike must be unsure of it (no doubt beyond :data:`VETO_LLR`)."""
    from verify.read.confusable import confusable

    values = []
    for i, r in enumerate(readings):
        if r.score < LEGIBLE_SCORE or (unsure and r.how == "print_only"):
            continue
        span = _reading_span(target, i, r, value)
        if span is None and dropped and _holds_one_left_out(r.text, target.expected_of(value) or ""):
            continue  # 姓名：张 read again, where no slot of two characters is found
        if span is None:
            return False
        values.append((r, span, r.text[span[0]:span[1]]))
    if not values:
        return False
    for r, span, v in values:
        if target.is_claim(v):
            continue
        expected = target.expected_of(v) or ""
        if dropped and _one_left_out(v, expected):
            continue
        if len(v) != len(expected) or not all(x == y or confusable(x, y) for x, y in zip(v, expected)):
            return False
        if unsure and ((llr := _llr(r, span, expected)) is None or llr[1] <= -VETO_LLR):
            return False
    return True


def _one_left_out(read: str, expected: str) -> bool:
    """Whether ``read`` is ``expected`` with one of its characters (not the first) left out,
    spaces aside.

    >>> _one_left_out("张", "张燚"), _one_left_out("王涛", "王海涛"), _one_left_out("海涛", "王海涛")
    (True, True, False)
    >>> _one_left_out("张宏", "张燚"), _one_left_out("张燚", "张燚"), _one_left_out("", "张")
    (False, False, False)
    """
    r, e = _squash(read), _squash(expected)
    return len(e) >= 2 and len(r) == len(e) - 1 and any(e[:i] + e[i + 1:] == r for i in range(1, len(e)))


def _holds_one_left_out(text: str, expected: str) -> bool:
    """Whether ``text`` holds ``expected`` with one of its characters (not the first) left out.

    >>> _holds_one_left_out("姓名：张", "张燚"), _holds_one_left_out("姓名：李", "张燚")
    (True, False)
    """
    e = _squash(expected)
    return len(e) >= 2 and any(e[:i] + e[i + 1:] in _squash(text) for i in range(1, len(e)))


def _unknown(engine, value: str) -> tuple[str, str]:
    """The characters of ``value`` the engine's page recogniser cannot write, and those of
    them its seal recogniser cannot write either ("", "" where it has no dictionaries to ask).

    >>> class E:
    ...     def unknown_characters(self, text, seal=False):
    ...         return "".join(c for c in text if c in ("亓" if seal else "亓赟"))
    >>> _unknown(E(), "亓红霞"), _unknown(E(), "赵赟"), _unknown(object(), "亓红霞")
    (('亓', '亓'), ('赟', ''), ('', ''))
    """
    unknown = getattr(engine, "unknown_characters", None)
    if unknown is None or not value:
        return "", ""
    try:
        missing = unknown(value)
        return missing, (unknown(missing, seal=True) if missing else "")
    except Exception:  # no dictionary to ask: as before
        log.debug("no recogniser dictionary", exc_info=True)
        return "", ""


def _unwritable(engine, value: str) -> str:
    """The characters of ``value`` that neither of the engine's recognisers can write. Both
    read such a character, however clear, as one they know, and alike: a rare surname or
    given-name character (the claim's) read as the same other one twice is no other
    person's name, so no second opinion may make it a fail."""
    return _unknown(engine, value)[1]


def _unknown_to(engine, value: str) -> str:
    """The characters of ``value`` the engine's page recogniser cannot write and its seal
    recogniser can ("" where it has no such second reader, or knows them all)."""
    if not hasattr(engine, "read_seal_line"):
        return ""
    missing, neither = _unknown(engine, value)
    return missing if missing and not neither else ""


def _beyond(target: Target) -> tuple[float, float]:
    """How far past each end of its line's box (line heights, a Chinese character being
    about as wide as high) the claim's text may run: as many characters as the claim
    has more than what was read, and one for air, on each end the reading touches
    (九年五月三十日 at the box's left end, for 二〇一九年五月三十日: four); a stray mark
    or space between it and the end does not count."""
    a, b = target.span
    value = target.line.text[a:b]
    missing = len(target.expected_of(value) or "") - len(value)
    if missing <= 0 or not target.line.text:  # a field's own box (:func:`title_date_field_targets`)
        return 0.0, 0.0
    text = target.line.text
    return ((missing + 1.0 if not _WORD.search(text[:a]) else 0.0),
            (missing + 1.0 if not _WORD.search(text[b:]) else 0.0))


_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff〇○]")


def summary(pages: Iterable[PageRead], fact: str) -> Confirmation | None:
    """The strongest word of ``pages`` on ``fact``: a confirmation if any line
    confirms the claim, else a contradiction, else an unsure one (:data:`STATES`);
    None when the claim was not checked there, or only as text (no lattice, no image).
    """
    found = [c for p in pages for c in getattr(p, "confirmations", ()) if c.fact == fact
             and (c.how != "text" or c.state == "confirmed")]  # no probabilities: the rule compares the text itself
    for state in STATES:
        for c in found:
            if c.state == state:
                return c
    return None


def confirmed(pages: Iterable[PageRead], fact: str) -> bool:
    """Whether a line of ``pages``, read again or weighed, shows the claim of ``fact``
    (:func:`summary` says ``confirmed``)."""
    conf = summary(pages, fact)
    return conf is not None and conf.state == "confirmed"


# characters a recogniser confuses on print (one stroke more or less), both ways
_CONFUSABLE = [set(p) for p in ("17", "08", "38", "68", "56", "X8", "X7", "0O", "0D",
                                 "1l", "1I", "5S", "2Z", "8B", "月日", "日目", "曰日", "月目", "年手")]


def plausible_misread(read: str, expected: str) -> bool:
    """Whether ``read`` may be ``expected`` damaged by OCR in one place: a confusable
    character swapped (1/7, 0/8, 月/日), one character dropped or doubled, two
    neighbours swapped. Spaces do not count. Such a difference alone must not
    decide a ``fail``.

    >>> plausible_misread("2017年1月", "2017年11月"), plausible_misread("2017年11日", "2017年11月")
    (True, True)
    >>> plausible_misread("2017年10月", "2017年11月"), plausible_misread("1674-1027", "1674-1021")
    (False, True)
    """
    r, e = _squash(read), _squash(expected)
    if r == e:
        return True
    if len(r) == len(e):
        diffs = [i for i in range(len(r)) if r[i] != e[i]]
        if len(diffs) == 1:
            x, y = r[diffs[0]], e[diffs[0]]
            return any(x in g and y in g for g in _CONFUSABLE)
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and r[diffs[0]] == e[diffs[1]] and r[diffs[1]] == e[diffs[0]]
    if abs(len(r) - len(e)) == 1:
        long, short = (r, e) if len(r) > len(e) else (e, r)
        return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    return False


# ---------------------------------------------------------------- the facts


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s or "")


def _fill_like(template: str, chars: str, keep: str = "") -> str:
    """``chars`` in the places of ``template``'s characters other than spaces and those
    in ``keep`` (kept where they are) when they are as many; else ``chars``.

    >>> _fill_like("2104 0219 8805 1200 12", "210411197606150014"), _fill_like("张 卫", "张伟")
    ('2104 1119 7606 1500 14', '张 伟')
    >>> _fill_like("阿依古丽·买买是", "阿依古丽买买提", keep="·")  # a name's dot, which its key drops
    '阿依古丽·买买提'
    """
    slots = [i for i, c in enumerate(template) if not c.isspace() and c not in keep]
    if len(slots) != len(chars):
        return chars
    out = list(template)
    for i, c in zip(slots, chars):
        out[i] = c
    return "".join(out)


_ID_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9OoDQlI|][0-9OoDQlI| ]{12,22}[0-9OoDQlI|Xx×]")


def id_number_targets(read: PageRead, claimed: str) -> list[Target]:
    """The line of an ID card page that holds (or should hold) the number."""
    from verify.read.identifiers import ric

    claim = ric.to_18(claimed)
    if len(claim) != 18:
        return []

    def locate(text):
        return [m.span() for m in _ID_RUN.finditer(text) if sum(c.isdigit() for c in m.group()) >= 12]

    def expected_of(value):
        v = _squash(value)
        if len(v) == 15 and claim[6:8] == "19":
            return _fill_like(value, claim[:6] + claim[8:17])
        return _fill_like(value, claim)

    def is_claim(value):
        return ric.to_18(value) == claim

    def same(x, y):
        return ric.compact(x) == ric.compact(y)

    def misread(value):
        return ric.is_valid(claim) and not ric.is_valid(value)

    best = None
    for line in read.ocr.lines:
        for span in locate(line.text):
            n = ric.compact(line.text[span[0]:span[1]])
            key = (n in [ric.compact(x) for x in read.id_numbers], len(n) in (15, 18))
            if best is None or key > best[0]:
                best = (key, line, span)
    if best is None:
        return []
    return [Target("id_number", best[1], best[2], expected_of, is_claim, locate, same, misread)]


def _date_locate(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds dates; a year read alone takes an empty month that follows
    it (2023年月: the month's digits lost between 年 and 月, where the claim's go).

    >>> _date_locate("评审通过时间2017年月"), _date_locate("2019年6月")
    ([(6, 12)], [(0, 7)])
    """
    return [_with_lost_month(text, span) if d.precision == "year" else span for d, _, span in find_dates(text)]


def _with_lost_month(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (a year read alone in ``text``) with an empty month after it (年月)."""
    lost = re.match(r"[ \t]*月", text[span[1]:])
    return (span[0], span[1] + lost.end()) if lost else span


def date_target(fact: str, read: PageRead, mention, claim: PartialDate) -> Target | None:
    """The line a ``DateMention`` was read from, and the claimed date spelled like it."""
    line = next((l for l in read.ocr.lines if mention.text and mention.text in l.text
                 and (mention.bbox is None or not (l.bbox[3] < mention.bbox[1] or l.bbox[1] > mention.bbox[3]))), None)
    if line is None:
        return None
    a = line.text.index(mention.text)
    span = (a, a + len(mention.text))
    if mention.date.precision == "year" and claim.month is not None:
        span = _with_lost_month(line.text, span)  # 2023年月: the claimed month goes there

    def expected_of(value):
        # a year alone (2017年, its month under the seal): the claim as the certificate prints
        # it, to the month, so that a reading which finds the month there can show it
        if claim.month is not None and value.rstrip().endswith("年"):
            return render_like(value.rstrip() + "月", claim)
        return render_like(value, claim)

    def is_claim(value):
        return _claimed_date(value, claim)

    def same(x, y):
        fx, fy = find_dates(x), find_dates(y)
        return bool(fx and fy) and fx[0][0] == fy[0][0]

    return Target(fact, line, span, expected_of, is_claim, _date_locate, same)


#: what a name is written in (the names module's own characters)
_NAME_CHARS = _NAME_CJK + "·"
#: a line that is a name alone (an ID card's or a form's value box beside its label)
#: (its own pinyin glued after it on a bilingual form, 韩雪娟Han Xuemei, is no part of it: probe trust18 P14)
_BARE_NAME = re.compile(rf"^[ \t]*(?P<n>[{_NAME_CHARS}](?:[ \t]?[{_NAME_CHARS}]){{0,4}})[ \t]*"
                        rf"(?:{_PINYIN}(?:[ \t]+[A-Z][A-Za-z]+){{0,2}}[ \t]*)?$")
#: a form's name cell read with the next cell's label (阿依古丽·买买是性别), or a minority
#: name alone, longer than :data:`_BARE_NAME` takes
_NAME_BEFORE_LABEL = re.compile(rf"^[ \t]*(?P<n>{_NAME_SLOT})[ \t]*(?=性[ \t]*别|出[ \t]*生|民[ \t]*族|$)")
#: a name's label alone in its box (姓名, 姓 名：)
_NAME_LABEL = re.compile(r"^[ \t]*姓[ \t]*名[ \t]*[:：]?[ \t]*$")
#: the second half of a label spread over a cell's width (姓　　　名：欧阳燚, read as 「姓」 and 「名：欧阳」): the name
#: after it, where 「姓」 stands alone right before it on its row (:func:`_after_lone_surname_label`)
_LABEL_TAIL = re.compile(rf"^[ \t]*名[ \t]*[:：][ \t]*(?P<n>{_NAME_SLOT})[ \t]*$")


def _after_lone_surname_label(line, lines) -> bool:
    """Whether a line 「姓」 alone stands left of ``line`` on its row, a spread label's gap from it (up to six line
    heights): ``line``'s 名：… is that label's second half, what follows it the name's slot."""
    x0, y0, x1, y1 = line.bbox
    h = max(1.0, float(y1 - y0))
    return any(other is not line and other.text.strip() == "姓" and other.bbox[2] <= x0 + 0.5 * h
               and x0 - other.bbox[2] <= 6 * h and abs((other.bbox[1] + other.bbox[3]) / 2 - (y0 + y1) / 2) <= 0.6 * h
               for other in lines)


def _bare_name(text: str):
    """The match of a name standing alone in ``text`` (group ``n``), or one read with the
    next cell's label after it; None."""
    return _BARE_NAME.match(text) or _NAME_BEFORE_LABEL.match(text)


def _name_span(m) -> tuple[int, int]:
    """Where a slot's match holds the name: its group ``n`` less a word's tail and 对 or 将 before
    it (栏对刘晓 of a 公示 wrapped after 公示: :data:`verify.read.names._AFTER_DUI`), a certificate's opening words
    (兹证明), and 同志 after it, as :func:`verify.read.names.person_slots` takes the name.

    >>> from verify.read.names import _SLOTS
    >>> t = "兹证明张同志在2021一2023年度参加专业技术人员继续教育"
    >>> [t[slice(*_name_span(m))] for rx in _SLOTS for m in rx.finditer(t)]  # 堃 unread: no two-character name left
    ['张', '张']
    """
    from verify.read.names import _ADDRESS_TAIL, _AFTER_DUI, _OPENING

    a, b = m.span("n")
    n = m.group("n")
    if cut := _AFTER_DUI.match(n) or _OPENING.match(n):  # 兹证明张 (同志) at a line's start: the opening words are none
        a, n = a + cut.end(), n[cut.end():]
    tail = _ADDRESS_TAIL.search(n)  # 张同志 before 在: the name is 张
    return a, b - (len(tail.group()) if tail else 0)


def _beside_name_label(line, lines) -> bool:
    """Whether ``line`` sits right of a 姓名 label's box on the same row, within a few
    line heights of it (an ID card's name, however short it was read: 谭 for 谭鑫)."""
    x0, y0, x1, y1 = line.bbox
    h = max(1.0, float(y1 - y0))
    for other in lines:
        if other is line or not _NAME_LABEL.match(other.text):
            continue
        lx0, ly0, lx1, ly1 = other.bbox
        if lx1 <= x0 + 0.5 * h and x0 - lx1 <= 4 * h and abs((ly0 + ly1) / 2 - (y0 + y1) / 2) <= 0.6 * h:
            return True
    return False


def _same_name_read(a: str, b: str) -> bool:
    """Whether two readings of a name slot read one name: the same, or one character
    apart with the surname kept (范霞娥 and 范酸娥 from a binarised reread): readings that
    agree on whose name it is, though not on every stroke of it.

    >>> _same_name_read("范霞娥", "范酸娥"), _same_name_read("范 霞娥", "范霞娥"), _same_name_read("范霞娥", "万萍")
    (True, True, False)
    """
    from verify.read.names import same_name

    return same_name(a, b) > 0


def name_targets(read: PageRead, name: str) -> list[Target]:
    """Person slots that hold a name other than ``name``: in one line (``姓名：张卫``),
    or a name in its own box beside the label (an ID card's ``姓名`` ``刘萍``, read as a
    slot of the row)."""
    from verify.read.names import _SLOTS, could_be_name, name_key, page_rows, person_slots

    target = name_key(name)
    if len(target) < 2:
        return []

    def locate(text):
        spans = []
        for rx in _SLOTS:
            for m in rx.finditer(text):
                if m.group("n"):
                    spans.append(_name_span(m))
        if not spans and (m := _bare_name(text)):
            spans.append(m.span("n"))
        return spans

    def locate_tail(text):
        m = _LABEL_TAIL.match(text)
        return [m.span("n")] if m else locate(text)

    def expected_of(value):
        return _fill_like(value, target, keep=_NAME_DOTS)

    def is_claim(value):
        return name_key(value) == target  # 陳珺 for 陈珺, 买买提江吐尔逊 for 买买提江·吐尔逊

    out = []
    for line in read.ocr.lines:
        # slots match on the text with spaces between CJK characters kept: 张 伟
        for rx in _SLOTS:
            for m in rx.finditer(line.text):
                a, b = _name_span(m)
                n = line.text[a:b]
                if n and name_key(n) != target and len(_squash(n)) >= 2 and could_be_name(n):
                    out.append(Target("name", line, (a, b), expected_of, is_claim, locate, _same_name_read))
    # a name in a box of its own, which only its row made a slot of; not a word a form prints there: a table's
    # header cell beside its 姓名 header (| 姓名 | 工作单位 | over the rows of a web 公示: probe trust26 C06, C11,
    # the applicant's name reviewed as read 「工作单位」)
    in_rows = {n for text, _ in page_rows(read.ocr) for n in person_slots(text)}
    for line in read.ocr.lines:
        m = _bare_name(line.text)
        bare = _squash(m.group("n")) if m else ""
        if (bare and name_key(bare) != target and (bare in in_rows or _beside_name_label(line, read.ocr.lines))
                and could_be_name(bare) and not any(t.line is line for t in out)):
            out.append(Target("name", line, m.span("n"), expected_of, is_claim, locate, _same_name_read))
    # a label spread over its cell, read as two lines (「姓」 「名：欧阳」, 燚 unread): the name after its second half
    # (probe trust22 C01: a certificate's name slot was never read again, its name one review of its own)
    for line in read.ocr.lines:
        m = _LABEL_TAIL.match(line.text)
        n = _squash(m.group("n")) if m else ""
        if (len(n) >= 2 and name_key(n) != target and could_be_name(n) and _after_lone_surname_label(line, read.ocr.lines)
                and not any(t.line is line for t in out)):
            out.append(Target("name", line, m.span("n"), expected_of, is_claim, locate_tail, _same_name_read))
    return out


def unslotted_name_targets(read: PageRead, name: str, unknown: str = "") -> list[Target]:
    """Where no person slot holds a name (a 公示 names the applicant in prose), the
    places on the page that may hold the claim misread: its characters with one of them
    read as a look-alike (陈或 for 陈彧, which PP-OCRv4 reads so however clear the print),
    and with at most one character, or none, in the place of each character the page
    recogniser cannot write (``unknown``: 赟 of 王赟, read 王赞 or left out,
    公示人员：王（…）). The line is read again there (in :func:`confirm`); what a reading
    finds there is weighed as a slot's catch is. None where every character is unknown.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (300, 0), (300, 30), (0, 30))
    >>> lines = [OcrLine(t, box, 0.9) for t in ("在单位公示栏对王赞同志申报工程师", "公示人员：王（生态环境管理专业）")]
    >>> [t.line.text[slice(*t.span)] for t in unslotted_name_targets(PageRead("gs.jpg", 1, OcrPage(900, 1200, lines)), "王赟", "赟")]
    ['王赞', '王']
    >>> lines = [OcrLine("在单位公示栏对陈或同志申报工程师，陈述", box, 0.9)]
    >>> [t.line.text[slice(*t.span)] for t in unslotted_name_targets(PageRead("gs.jpg", 1, OcrPage(900, 1200, lines)), "陈彧")]
    ['陈或']

    The claim's last character left out before 同志 (郗同志 for 郗堃同志), not elsewhere (郗家村):

    >>> lines = [OcrLine(t, box, 0.9) for t in ("郗家村", "郗同志（身份证号：210423********0156）参加了")]
    >>> [t.line.text[slice(*t.span)] for t in unslotted_name_targets(PageRead("jx.jpg", 1, OcrPage(900, 1200, lines)), "郗堃")]
    ['郗']
    """
    from verify.read.confusable import confusable
    from verify.read.names import name_key

    target = name_key(name)
    known = len(set(target) - set(unknown))  # the claim's characters the page recogniser can write
    if len(target) < 2 or not known:
        return []

    def match(text: str, i: int) -> int | None:
        """The end of the claim read from ``text[i]`` on, or None."""
        j, differ = i, []
        for k, c in enumerate(target):
            while j < len(text) and text[j] in " \t":
                j += 1
            if c in unknown:
                j += j < len(text) and "\u4e00" <= text[j] <= "\u9fff"
                continue
            if k == len(target) - 1 and not differ and text.startswith(_ADDRESSED, j):
                # the claim's last character left out before 同志 (郗同志 for 郗堃同志 on a skewed or a
                # JPEG-blurred scan, 堃 in the recogniser's dictionary; probe trust15 C03, C12)
                return j
            if j >= len(text) or (text[j] != c and differ):
                return None
            if text[j] != c:
                differ.append((text[j], c))
            j += 1
        if j == i or len(differ) >= known or not all(confusable(a, b) for a, b in differ):
            return None
        return j

    def locate(text):
        spans, i = [], 0
        while i < len(text):
            end = match(text, i)
            if end is not None:
                spans.append((i, end))
                i = end
            else:
                i += 1
        return spans

    def expected_of(value):
        return _fill_like(value, target, keep=_NAME_DOTS)

    def is_claim(value):
        return name_key(value) == target

    out = []
    for line in read.ocr.lines:
        for span in locate(line.text)[:1]:
            out.append(Target("name", line, span, expected_of, is_claim, locate, _same_name_read))
    return out


#: what follows a person's name in prose that addresses or names them (对郗堃同志申报…)
_ADDRESSED = ("同志",)


_ISSN_VALUE = re.compile(r"(?<![0-9\-])(?<![A-MO-Za-z])[0-9OolI]{4}[ \t]*[-‐‑‒–—―－﹣−一ー]?[ \t]*[0-9OolI]{3}[0-9OolIXx×]")
_CN_VALUE = re.compile(r"(?<![0-9\-])(?<![A-MO-Za-z])[0-9OolI]{2}[ \t]*[-‐‑‒–—―－﹣−一ー]?[ \t]*[0-9A-Za-z]{3,5}"
                       r"(?:[ \t]*[/／](?:[ \t]*[A-Za-z0O1|](?:[ \t][0-9]|[A-Za-z0-9]{0,2}))?)?(?![A-Za-z0-9])")
# (a slash whose class was lost at the line's end is part of the value read: 36-1080/ for
# 36-1080/I is weighed as the I missing, not as a second slash before it; the class's I
# is often read 1 or |)


def _ident_targets(fact: str, read: PageRead, claimed: Iterable[str], found: list[str], rx: re.Pattern,
                   norm: Callable[[str], str], checked: Callable[[str, str], bool] = lambda v, c: False) -> list[Target]:
    """Lines that hold an ISSN/CN read on the page that is not a claimed one."""
    from rapidfuzz.distance import Levenshtein

    claims = [norm(c) for c in claimed if c]
    if not claims or not found or all(norm(f) in claims for f in found):
        return []
    out = []
    for line in read.ocr.lines:
        for m in rx.finditer(line.text):
            value = m.group()
            v = norm(value)
            if v in claims:
                continue
            claim = min(claims, key=lambda c: Levenshtein.distance(c, v))
            if Levenshtein.distance(claim, v) > 3:
                continue

            def expected_of(val, claim=claim):
                return _fill_like(val, claim) if len(_squash(val)) == len(claim) else claim

            out.append(Target(fact, line, m.span(), expected_of, lambda val, claim=claim: norm(val) == claim,
                              lambda text: [x.span() for x in rx.finditer(text)],
                              lambda x, y: norm(x) == norm(y), lambda val, claim=claim: checked(val, claim)))
    return out


#: the fewest characters of a claimed title checked on a retrieval proof's line (a short
#: title is a common phrase; it names no paper of its own)
PAPER_TITLE_MIN = 8


def _keyed(text: str) -> tuple[str, list[int]]:
    """``text`` as titles are compared (:func:`verify.read.claims.title_key`) and, for each
    of its characters, the place in ``text`` it comes from."""
    from verify.read.claims import title_key

    key, at = [], []
    for i, ch in enumerate(text):
        for k in title_key(ch):
            key.append(k)
            at.append(i)
    return "".join(key), at


def _part_of(text: str, at: list[int], a: int, b: int) -> tuple[int, int]:
    """The span of ``text`` that holds its keyed characters ``a`` to ``b``."""
    return (at[a], at[b - 1] + 1) if b > a else (0, 0)


def paper_title_targets(read: PageRead, titles: Iterable[str | None]) -> list[Target]:
    """Lines of a retrieval proof holding a claimed paper title read close to, but not
    exactly as, the claim (:data:`verify.read.claims.TITLE_DOUBT` of it or better): the
    title whole on one line, or wrapped in its table cell, its head ending one line and
    the rest starting a line below it. Each line is read again to see whether it says
    its part of the claim (each target's ``expected``: that part as the claim spells it).

    >>> from ocr.model import OcrPage
    >>> box = lambda y, w=900: ((100, y), (100 + w, y), (100 + w, y + 30), (100, y + 30))
    >>> read = PageRead("r.jpg", 1, OcrPage(1240, 1754, [OcrLine("2 抚顺市东洲区地表水氮氮与总请时空交化特征分析", box(100), 0.9)]),
    ...                 kind="retrieval_proof")
    >>> [(t.fact, t.line.text[slice(*t.span)]) for t in paper_title_targets(read, ["抚顺市东洲区地表水氨氮与总磷时空变化特征分析"])]
    [('paper_title', '抚顺市东洲区地表水氮氮与总请时空交化特征分析')]
    >>> paper_title_targets(read, ["抚顺市东洲区地表水氮氮与总请时空交化特征分析", "大气颗粒物来源解析研究", "短题名"])
    []
    >>> longer = PageRead("r.jpg", 1, OcrPage(1240, 1754, [OcrLine("抚顺市区大气PM2.5污染特证及来源分析", box(100), 0.9)]),
    ...                   kind="retrieval_proof")
    >>> paper_title_targets(longer, ["大气PM2.5污染特征及来源分析"])  # a piece of a longer title: another paper's
    []
    >>> wrapped = PageRead("r.jpg", 1, OcrPage(1240, 1754, [OcrLine("Spatiotemporal variation of armonia nitrogen and", box(100, 500), 0.97),
    ...     OcrLine("Journal of E", box(100, 700), 0.99), OcrLine("total phosphorus in the Hum River, Fushum", box(140, 400), 0.97)]),
    ...     kind="retrieval_proof")
    >>> [(t.line.text[slice(*t.span)], t.expected_of("")) for t in paper_title_targets(wrapped,
    ...     ["Spatiotemporal variation of ammonia nitrogen and total phosphorus in the Hun River, Fushun"])]
    [('Spatiotemporal variation of armonia nitrogen and', 'Spatiotemporal variation of ammonia nitrogen and'), ('total phosphorus in the Hum River, Fushum', 'total phosphorus in the Hun River, Fushun')]
    """
    from rapidfuzz import fuzz

    from verify.read.claims import TITLE_DOUBT, title_key

    lines = [(line, *_keyed(line.text)) for line in read.ocr.lines]

    def target(title: str, key: str, tat: list[int], ka: int, kb: int, line, lat: list[int], la: int, lb: int) -> Target:
        part = key[ka:kb]
        a, b = _part_of(title, tat, ka, kb)
        return Target("paper_title", line, _part_of(line.text, lat, la, lb), lambda value, claim=title[a:b]: claim,
                      lambda value, part=part: title_key(value) == part,
                      lambda text, part=part: _located(part, text), lambda x, y: title_key(x) == title_key(y))

    out = []
    for title in titles:
        key, tat = _keyed(title or "")
        if len(key) < PAPER_TITLE_MIN:
            continue
        whole, head = None, None
        for line, lkey, lat in lines:
            if len(lkey) < 2:
                continue
            al = fuzz.partial_ratio_alignment(key, lkey)
            if al is None or al.score < TITLE_DOUBT:
                continue
            if al.src_start == 0 and al.src_end == len(key):
                if lkey[al.dest_start:al.dest_end] == key:
                    whole = head = None  # the title read as claimed: nothing to check
                    break
                if (al.dest_end - al.dest_start >= 0.9 * len(key) and _bare(lkey, al.dest_start, al.dest_end)
                        and (whole is None or al.score > whole[0])):
                    whole = (al.score, line, lat, al.dest_start, al.dest_end)
            elif (al.src_start == 0 and al.dest_end == len(lkey) and PAPER_TITLE_MIN <= al.src_end <= len(key) - 2
                  and _bare(lkey, al.dest_start, al.dest_end) and (head is None or al.src_end > head[4])):
                head = (al.score, line, lat, al.dest_start, al.src_end)
        if whole is not None:
            _, line, lat, la, lb = whole
            out.append(target(title, key, tat, 0, len(key), line, lat, la, lb))
            continue
        if head is None:
            continue
        # the rest of a wrapped title: starting a line below the head's, within two lines of
        # it and not left of where the cell begins by more than a line height
        _, hline, hlat, hla, cut = head
        rest = key[cut:]
        hx0, hy0, _, hy1 = hline.bbox
        h = max(hy1 - hy0, 1)
        tail = None
        for line, lkey, lat in lines:
            x0, y0, _, _ = line.bbox
            if line is hline or not (hy0 + 0.5 * h < y0 <= hy1 + 2.5 * h) or x0 < hx0 - 1.5 * h or len(lkey) < 2:
                continue
            al = fuzz.partial_ratio_alignment(rest, lkey)
            if al is None or al.score < TITLE_DOUBT:
                continue
            covers = al.src_end == len(rest) and (al.src_start == 0 or al.dest_start == 0)
            # a last character misread is left out of the best match: the cell's line ends the title
            end = len(lkey) if len(lkey) - al.dest_end <= 2 else al.dest_end
            if covers and al.dest_start <= 1 and _bare(lkey, al.dest_start, end) and (tail is None or al.score > tail[0]):
                tail = (al.score, line, lat, al.dest_start, end)
        if tail is None:
            continue
        _, tline, tlat, ta, tb = tail
        read_key = _keyed(hline.text)[0][hla:] + _keyed(tline.text)[0][ta:tb]
        if fuzz.ratio(key, read_key) < TITLE_DOUBT or read_key == key:
            continue
        out.append(target(title, key, tat, 0, cut, hline, hlat, hla, len(hlat)))
        out.append(target(title, key, tat, cut, len(key), tline, tlat, ta, tb))
    return out


def _bare(key: str, a: int, b: int) -> bool:
    """Whether a line's keyed text holds nothing but the span ``a``-``b`` and at most a row's
    number or a stray mark (2, [1]) beside it: a title in a cell of its own. A claim read as a
    piece of a longer title (《污染特征及来源分析》 inside 《抚顺市区大气PM2.5污染特征及来源分析》) is
    no reading of that claim, however it is read again.

    >>> _bare("2抚顺市东洲区地表水氮氮", 1, 12), _bare("抚顺市区大气PM25污染特征及来源分析", 8, 18)
    (True, False)
    """
    rest = key[:a] + key[b:]
    return len(rest) <= 3 and not any(is_cjk(c) for c in rest)


def _located(part: str, text: str) -> list[tuple[int, int]]:
    """Where another reading of a line holds ``part`` of a claimed title: its best match."""
    from rapidfuzz import fuzz

    from verify.read.claims import TITLE_DOUBT

    key, at = _keyed(text)
    if not key:
        return []
    al = fuzz.partial_ratio_alignment(part, key)
    if al is None or al.score < TITLE_DOUBT or al.dest_end <= al.dest_start:
        return []
    return [_part_of(text, at, al.dest_start, al.dest_end)]


def issn_targets(read: PageRead, claimed: Iterable[str]) -> list[Target]:
    """Lines of a journal page holding an ISSN that is not a claimed one."""
    return _ident_targets("issn", read, claimed, read.issn, _ISSN_VALUE, _issn_norm, _issn_checked)


def cn_targets(read: PageRead, claimed: Iterable[str]) -> list[Target]:
    """Lines of a journal page holding a CN that is not a claimed one."""
    return _ident_targets("cn", read, claimed, read.cn, _CN_VALUE, _cn_norm)


def _issn_checked(value: str, claim: str) -> bool:
    from stdnum import issn

    return issn.is_valid(claim) and not issn.is_valid(_issn_norm(value))


def _issn_norm(value: str) -> str:
    s = re.sub(r"[\s\-‐‑‒–—―－﹣−一ー]", "", value).upper().translate(str.maketrans("OLI", "011"))
    return f"{s[:4]}-{s[4:]}" if len(s) == 8 else s


def _cn_norm(value: str) -> str:
    from verify.read.identifiers import cn_serial

    s = re.sub(r"[\s\-‐‑‒–—―－﹣−一ー]", "", value).upper()
    s = s.removeprefix("CN")
    s = re.sub(r"^([0-9OLI]{2})", lambda m: m.group(1).translate(str.maketrans("OLI", "011")), s)
    return cn_serial.compact(f"CN{s[:2]}-{s[2:]}").removeprefix("CN") if len(s) > 2 else s


#: a date whose year is lost, cut or misread (under a seal, at the page edge): 021年5月,
#: 年九月九日, 九年五月三十日, 二0九年… (〇 read as 0, O or D)
_PARTIAL_DATE = re.compile(r"(?:\d{1,4}|[〇○零一二三四五六七八九][0-9〇○零一二三四五六七八九ODo]{0,3})?[ \t]*年[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月"
                           r"(?:[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*[日号])?")


def _fragment_locate(text: str) -> list[tuple[int, int]]:
    return [x.span() for x in _PARTIAL_DATE.finditer(text)]


def award_date_targets(read: PageRead, applicant: Applicant) -> list[Target]:
    """An award or achievement page that names a claimed award: its issue date when
    it differs from the claimed date, or a date fragment whose year was lost."""
    from verify.read.claims import named_on

    out = []
    for claim in applicant.awards:
        if claim.date is None or not claim.title or named_on(claim.title, read) < 88:
            continue
        issued = read.dates_with_role("issue")
        if issued:
            m = issued[-1]
            if m.date.compare(claim.date) in (-1, 1):
                t = date_target("award_date", read, m, claim.date)
                if t is not None:
                    out.append(t)
            break
        half = (min(l.bbox[1] for l in read.ocr.lines) + max(l.bbox[3] for l in read.ocr.lines)) / 2
        for line in read.ocr.lines:
            if line.bbox[1] < half or find_dates(line.text):
                continue
            for m in _PARTIAL_DATE.finditer(line.text):
                def expected_of(value, claim=claim):
                    return render_like(value, claim.date)

                def is_claim(value, claim=claim):
                    return any(d.compare(claim.date) not in (-1, 1) for d in _fragment_dates(value))

                out.append(Target("award_date", line, m.span(), expected_of, is_claim, _fragment_locate))
        break
    return out


#: the label of a title certificate's approval date (评审通过时间, 取得资格时间, 批准日期…)
_TITLE_DATE_LABEL = re.compile(r"(?:评审通过|评审|取得资格|资格取得|通过|批准|评定|授予|取得)(?:时间|日期)")


def _fragment_dates(value: str) -> list:
    """The dates a fragment of a date reads as: as it is (the date reader puts the
    century back on a year that kept only its last two Chinese numerals and a day: 一八年
    十一月五日, 二〇 under a seal's ring); without a day misread past any date (三八日 for
    三十日 says nothing of the month); or - such a year without its day - with the
    century put back, 二〇 or 一九 (only one of them can be a claim's).

    >>> [d.iso() for d in _fragment_dates("一八年十一月五日")], [d.iso() for d in _fragment_dates("〇二四年八月三八日")]
    (['2018-11-05'], ['2024-08'])
    >>> [d.iso() for d in _fragment_dates("一八年十一月")]
    ['2018-11', '1918-11']
    >>> _fragment_dates("八年十月二十四日")  # one numeral of the year: 2008 or 2018
    []
    """
    bases = [value] + ([value[:value.index("月") + 1]] if "月" in value and not _impossible_day(value) else [])
    for base in bases:
        found = find_dates(base)
        if len(found) == 1:
            return [found[0][0]]
        if _TWO_NUMERAL_YEAR.match(base):
            out = [f[0][0] for f in (find_dates(c + base.lstrip()) for c in ("二〇", "一九")) if len(f) == 1]
            if out:
                return out
    return []


_TWO_NUMERAL_YEAR = re.compile(r"[ \t]*[〇○零一二三四五六七八九]{2}[ \t]*年")


def _impossible_day(value: str) -> bool:
    """Whether ``value`` prints a day of the month that is a day number (1-31) its month
    does not have (2019年6月31日, 二〇一九年二月三十日): printed so, not misread (三八日 is no
    day number), the date is not a date at all and says nothing for a claim.

    >>> _impossible_day("2019年6月31日"), _impossible_day("二〇一九年二月三十日"), _impossible_day("〇二四年八月三八日")
    (True, True, False)
    >>> _impossible_day("2019年6月30日"), _impossible_day("2019年6月")
    (False, False)
    """
    import calendar

    from verify.read.dates import _cn_number, _cn_year

    m = re.search(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                  r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]", value)
    if not m:
        return False
    num = lambda t: int(t) if t.isdigit() else _cn_number(t)  # noqa: E731
    year = int(m.group(1)) if m.group(1).isdigit() else _cn_year(m.group(1))
    month, day = num(m.group(2)), num(m.group(3))
    if not year or not month or not day or not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    return day > calendar.monthrange(year, month)[1]


def _claimed_date(value: str, claim: PartialDate) -> bool:
    """Whether ``value`` reads as ``claim`` to the claim's precision (:func:`_fragment_dates`)."""
    return any(d.year == claim.year and (claim.month is None or d.month == claim.month)
               and (claim.day is None or d.day is None or d.day == claim.day) for d in _fragment_dates(value))


def title_date_field_targets(read: PageRead, claim: PartialDate) -> list[Target]:
    """Where a title certificate's approval date should be when none was read: right of
    its label (评审通过时间), on the label's row. A fragment read there (八年十月二十四日,
    the year's start under the seal) is checked as it is; where nothing was read (a seal
    stamped over the whole date) the field's own box - from the label's end, twelve
    line heights long - is read again from the original pixels. Only a reading that
    shows the claimed date counts: a box nothing was read in is no evidence against it."""
    out: list[Target] = []
    lines = list(read.ocr.lines)

    def expected_of(value):
        return render_like(value, claim) or claim.iso()

    def locate(text):
        return _fragment_locate(text) or _date_locate(text)

    def is_claim(value):
        return _claimed_date(value, claim)

    for label in lines:
        if not _TITLE_DATE_LABEL.search(label.text) or find_dates(label.text):
            continue
        if label_role(label.text) == "former_title":
            continue  # 原资格取得时间: the title held before, whose date says nothing of this one
        x0, y0, x1, y1 = label.bbox
        h = max(1.0, float(y1 - y0))
        cy = (y0 + y1) / 2
        row = sorted((l for l in lines if l is not label and l.bbox[0] >= x1 - 0.5 * h
                      and l.bbox[0] - x1 <= 15 * h and abs((l.bbox[1] + l.bbox[3]) / 2 - cy) <= 0.6 * h),
                     key=lambda l: l.bbox[0])
        if any(find_dates(l.text) for l in row):
            continue  # a date read there, which the page's reading did not take for this one
        frags = [Target("title_date", l, m.span(), expected_of, is_claim, locate)
                 for l in row for m in _PARTIAL_DATE.finditer(l.text)]
        if frags:
            out += frags
            continue
        width = read.ocr.width or int(x1 + 13 * h)
        fx0, fx1 = min(x1 + 0.3 * h, width - 1), min(x1 + 12.3 * h, width - 1)
        if fx1 - fx0 < 4 * h:
            continue
        box = ((fx0, y0 - 0.2 * h), (fx1, y0 - 0.2 * h), (fx1, y1 + 0.2 * h), (fx0, y1 + 0.2 * h))
        field_line = OcrLine("", box, 0.0, getattr(label, "order", 0))
        out.append(Target("title_date", field_line, (0, 0), expected_of, is_claim, locate))
    return out


# ---------------------------------------------------------------- a page


TITLE_DATE_KINDS = ("title_certificate",)
JOURNAL_KINDS = ("journal_cover", "journal_toc", "paper")


def confirm_page(read: PageRead, applicant: Applicant | None, image=None, engine=None,
                 name_kinds: Iterable[str] | None = None) -> list:
    """Every claim a verdict hangs on, checked on ``read``'s lines (see module doc)."""
    if applicant is None or not read.ocr.lines:
        return []
    source = "text_layer" if read.ocr.source == "text_layer" else "ocr"
    targets: list[Target] = []
    kind = read.kind
    if kind == "id_card" and applicant.id_number:
        targets += id_number_targets(read, applicant.id_number)
    if kind in TITLE_DATE_KINDS and applicant.current_title is not None:
        dated = read.dates_with_role("title_date")
        for m in dated[:1]:
            t = date_target("title_date", read, m, applicant.current_title.date)
            if t is not None:
                targets.append(t)
        if not dated:
            targets += title_date_field_targets(read, applicant.current_title.date)[:2]
    if applicant.name and (name_kinds is None or kind in name_kinds):
        from verify.read.names import name_on_page

        state, _, score = name_on_page(read.ocr, applicant.name)
        if state != "present":
            named = name_targets(read, applicant.name)[:3]
            if not named:
                named = unslotted_name_targets(read, applicant.name, _unknown_to(engine, applicant.name))[:3]
            targets += named
    if kind in ("award_certificate", "achievement_proof") and applicant.awards:
        targets += award_date_targets(read, applicant)[:2]
    if kind in JOURNAL_KINDS and applicant.papers:
        targets += issn_targets(read, [p.issn for p in applicant.papers])[:2]
        targets += cn_targets(read, [p.cn for p in applicant.papers])[:2]
    if kind == "retrieval_proof" and applicant.papers:
        targets += paper_title_targets(read, [p.title for p in applicant.papers])[:3]
    out = []
    for t in targets:
        try:
            out.append(confirm(t, image, engine, source))
        except Exception:  # a check that cannot be made is no evidence either way
            log.exception("confirming %s failed on %s page %s", t.fact, read.file, read.page)
    return out
