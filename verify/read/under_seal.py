"""Dates hidden under a seal, read again with the seal's ink taken off.

An award certificate or an achievement proof is dated at its foot, and the unit's seal
is stamped over that date: the page's text pass, which reads the seal's red strokes
with the print, may lose the line (2021年5月 under a 总工会 seal: not detected at all)
or keep a fragment (201). When such a page has no issue date, the region round each of
its seals (the date runs to the left of the seal more than to its right) is taken with
only the print left (:func:`~verify.read.confirm.print_only`), its lines found again,
and each read again several ways (:func:`~verify.read.confirm.rereads`: original
pixels, stretched, binarised, print only). A date is kept only where two legible
readings agree on it, to the day or month (a date one reading makes up is no date);
where another legible reading says another, the earliest stands (such a date may pass
an achievement, never fail one: :func:`_agreed_date`).

A 公示结果 read as dated before its publicity ended has its date line read again the
same ways (:func:`reread_day`): the seal over the date may have taken a digit from
the text pass, and the day the legible rereads agree on, giving the lost digit back,
stands.
"""
from __future__ import annotations

import logging
from collections import Counter

from ocr.model import OcrLine
from verify.model import SealMark

log = logging.getLogger(__name__)

#: ``PageRead.fields`` key: "x0,y0,x1,y1;…" of the lines found again under a seal (a date
#: read there may pass an achievement, never fail one: evidence.after_title)
DATE_UNDER_SEAL = "date_under_seal"
#: how far round a seal its date may run, in seal widths (left, right) and heights (up, down)
AROUND = (1.2, 0.3, 0.1, 0.1)
#: a reading this clean (mean character score) is legible
LEGIBLE = 0.85
#: readings that must agree on a date
AGREE = 2


def dates_under_seals(image, seals: list[SealMark], engine, limit: int = 2) -> list[OcrLine]:
    """Lines carrying a date found round the first ``limit`` seals (page coordinates,
    the agreed reading's text), for a page on which no issue date was read."""
    import cv2

    from verify.read.confirm import print_only, rereads

    if image is None or engine is None or not hasattr(engine, "recognize") or not hasattr(engine, "read_line"):
        return []
    H, W = image.shape[:2]
    found: list[OcrLine] = []
    for seal in seals[:limit]:
        x0, y0, x1, y1 = seal.bbox
        w, h = x1 - x0, y1 - y0
        left, right, up, down = AROUND
        X0, Y0 = max(0, int(x0 - left * w)), max(0, int(y0 - up * h))
        X1, Y1 = min(W, int(x1 + right * w)), min(H, int(y1 + down * h))
        crop = image[Y0:Y1, X0:X1]
        if crop.size == 0 or min(crop.shape[:2]) < 16:
            continue
        try:
            page = engine.recognize(cv2.cvtColor(print_only(crop), cv2.COLOR_GRAY2BGR))  # print_only gives gray
        except Exception:  # nothing found again is no evidence of anything
            log.debug("re-reading round a seal failed", exc_info=True)
            continue
        colour = crop if crop.ndim == 3 else cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
        for line in _rows(page.lines):
            agreed = _agreed_date(rereads(colour, _widened(line, crop.shape[1]), engine))
            if agreed is None:
                continue
            text, score = agreed
            box = tuple((float(x) + X0, float(y) + Y0) for x, y in line.box)
            log.debug("date under a seal: %r (%.3f)", text, score)
            found.append(OcrLine(text, box, score))
    return found


#: how far past each end of its box a line is read again, in line heights: the detector
#: stops a line where a seal's ring crosses it (2017 of 2017.7.17)
WIDEN = 1.5


def _widened(line: OcrLine, width: int) -> OcrLine:
    """``line`` with its box reaching :data:`WIDEN` line heights further left and right."""
    x0, y0, x1, y1 = line.bbox
    pad = WIDEN * max(1, y1 - y0)
    return OcrLine(line.text, _quad(max(0.0, x0 - pad), y0, min(float(width - 1), x1 + pad), y1), line.score, line.order)


def _quad(x0: float, y0: float, x1: float, y1: float) -> tuple[tuple[float, float], ...]:
    """An upright box as a line's polygon (clockwise from top-left)."""
    return (x0, y0), (x1, y0), (x1, y1), (x0, y1)


def _rows(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines on one row with less than a line height between them joined into one box
    (a seal's ring cuts 2017.7.17 into 2017 and .7.17, neither of them a date).

    >>> box = lambda x0, x1: ((x0, 10), (x1, 10), (x1, 30), (x0, 30))
    >>> [l.bbox for l in _rows([OcrLine("2017", box(0, 50), 0.9), OcrLine(".7.17", box(60, 110), 0.9),
    ...                         OcrLine("抚顺", box(200, 240), 0.9)])]
    [(0, 10, 110, 30), (200, 10, 240, 30)]
    """
    out: list[OcrLine] = []
    for line in sorted(lines, key=lambda l: (l.bbox[1], l.bbox[0])):
        x0, y0, x1, y1 = line.bbox
        if out:
            px0, py0, px1, py1 = out[-1].bbox
            h = max(y1 - y0, py1 - py0, 1)
            same_row = abs((y0 + y1) - (py0 + py1)) / 2 < 0.5 * h
            if same_row and 0 <= x0 - px1 < h:
                out[-1] = OcrLine(out[-1].text + line.text, _quad(min(px0, x0), min(py0, y0), max(px1, x1), max(py1, y1)),
                                  min(out[-1].score, line.score))
                continue
        out.append(line)
    return out


def _digits(text: str) -> str:
    """The digits of ``text``, in order (NFKC: full-width digits count)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit())


def _agreed_date(readings) -> tuple[str, float] | None:
    """(text, score) of a legible reading's date (to the month or day) once at least
    :data:`AGREE` legible readings agree on one date; where others read another, the
    earliest any legible reading shows. A date read under a seal only ever lets an
    achievement pass as later than the title (:mod:`verify.rules.after_title` never
    fails on it), and the earliest reading is the one least likely to: where it passes,
    every reading does (二〇二一年 read 二〇二六年 once binarised, 2021 and 2026 both
    after a title of 2020).

    >>> from types import SimpleNamespace as R
    >>> _agreed_date([R(text="2021年5月", score=0.97), R(text="2021年5月", score=1.0), R(text="201年月", score=0.87)])
    ('2021年5月', 1.0)
    >>> _agreed_date([R(text="2021年5月", score=0.97), R(text="2021年6月", score=1.0), R(text="2021年5月", score=0.9)])
    ('2021年5月', 0.97)
    >>> _agreed_date([R(text="二〇二一年十一月三日", score=0.95), R(text="二〇二一年十一月三日", score=0.95),
    ...               R(text="二〇一六年十一月三日", score=0.86)])  # the odd reading is earlier: it is the one kept
    ('二〇一六年十一月三日', 0.86)
    >>> _agreed_date([R(text="2021年5月", score=0.97), R(text="2021年", score=1.0)]) is None  # one reading
    True

    A legible reading that spells no date but the very digits of one (a separator lost
    under the seal's ring: 202311.23 beside 2023.11.23) shows that date too:

    >>> _agreed_date([R(text="202311.23", score=0.99), R(text="2023.11.23", score=1.0)])
    ('2023.11.23', 1.0)
    >>> _agreed_date([R(text="202311.28", score=0.99), R(text="2023.11.23", score=1.0)]) is None
    True
    """
    legible, undated = _legible_dates(readings, ("day", "month"))
    votes = Counter(iso for iso, _, _ in legible)
    if not votes:
        return None
    for iso in list(votes):
        spelt = {_digits(t) for i, t, _ in legible if i == iso}
        votes[iso] += sum(d in spelt for d in undated if len(d) >= 6)
    iso, n = votes.most_common(1)[0]
    if n < AGREE:
        return None
    # another full date read legibly of the same line (a coarser one that fits, 2021年5月
    # beside 2021年5月8日, is not another): the earliest stands for them all
    if any(not (iso.startswith(o) or o.startswith(iso)) for o in votes if o != iso):
        iso = min(votes)
    return _clearest(legible, iso)


def _legible_dates(readings, precisions: tuple[str, ...]) -> tuple[list[tuple[str, str, float]], list[str]]:
    """The legible readings (score at least :data:`LEGIBLE`) that show one date of the
    ``precisions``, as (ISO date, text, score), and the digits of those that show none."""
    from verify.read.dates import find_dates

    legible, undated = [], []
    for r in readings:
        if float(r.score) < LEGIBLE:
            continue
        dates = [d for d, _, _ in find_dates(r.text) if d.precision in precisions]
        if len(dates) == 1:
            legible.append((dates[0].iso(), r.text, float(r.score)))
        elif not dates:
            undated.append(_digits(r.text))
    return legible, undated


def _clearest(legible: list[tuple[str, str, float]], iso: str) -> tuple[str, float]:
    """(text, score) of the clearest legible reading of the date ``iso``."""
    return max(((t, s) for i, t, s in legible if i == iso), key=lambda x: x[1])


def reread_day(image, line: OcrLine, engine, read: str) -> tuple[str, float] | None:
    """(text, score) of the date the legible rereads of ``line`` agree on, to the day,
    where that is not ``read`` (the text pass's date, ISO), else None: two legible
    readings or more agree on it, and more of them than on ``read``. The text pass
    reads a page through a seal-faded view, and a date stamped over by the seal may
    lose a digit there that the line's original pixels keep (2024年10月21日 read
    2024年10月2日 under a 公示结果's seal: its result then dated before the publicity
    ended). A date printed so reads so again: one odd reading changes nothing.

    >>> from types import SimpleNamespace as R
    >>> day = lambda rs: _majority_day(rs, "2024-10-02")
    >>> day([R(text="2024年10月21日", score=0.97), R(text="2024年10月21日", score=0.96),
    ...      R(text="2024年10月2日", score=0.94), R(text="2024年10月21日", score=0.98)])
    ('2024年10月21日', 0.98)
    >>> day([R(text="2024年10月2日", score=0.97), R(text="2024年10月2日", score=0.96),
    ...      R(text="2024年10月21日", score=0.94), R(text="2024年10月27日", score=0.98)]) is None
    True
    >>> day([R(text="2024年10月21日", score=0.97), R(text="2024年10月21日", score=0.6)]) is None  # one legible
    True
    >>> day([R(text="20年10月21日", score=0.99), R(text="20年10月21日", score=0.94)]) is None  # 2020-10-21: not 2024
    True
    """
    from verify.read.confirm import rereads

    return _majority_day(rereads(image, line, engine), read)


def _majority_day(readings, read: str) -> tuple[str, float] | None:
    legible, _ = _legible_dates(readings, ("day",))
    votes = Counter(iso for iso, _, _ in legible)
    # only a date that gives back what the text pass lost: its digits hold the read
    # date's, in order (a reread the seal took more from, 20年10月21日 for 2024年10月21日,
    # is another date, never the one meant)
    restored = [iso for iso in votes if iso != read and _holds(iso, read)]
    if not restored:
        return None
    iso = max(restored, key=votes.__getitem__)
    n = votes[iso]
    if n < AGREE or n <= votes.get(read, 0) or sum(votes[o] == n for o in restored) > 1:
        return None
    return _clearest(legible, iso)


def _holds(iso: str, read: str) -> bool:
    """Whether the digits of ISO date ``read`` are those of ``iso`` with some left out.

    >>> _holds("2024-10-21", "2024-10-02"), _holds("2020-10-21", "2024-10-02"), _holds("2024-10-12", "2024-10-02")
    (True, False, True)
    """
    def spelt(date: str) -> str:  # as a page prints it: 2024-10-02 as 2024年10月2日
        return "".join(str(int(part)) for part in date.split("-"))

    rest = iter(spelt(iso))
    return all(c in rest for c in spelt(read))
