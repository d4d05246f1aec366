"""The recogniser's own probabilities for a line, and how likely a given text is under them.

A CTC recogniser (PP-OCR's rec model) gives, for each of ``T`` frames along a text
line, a probability for every character of its alphabet and for *blank*. The free
reading takes the best character of each frame. To ask "does this line say X?" —
the unit's name on a seal, the claimed date on a certificate — score X itself
against the frames (CTC forward algorithm: the sum over every alignment of X to the
frames) and compare it with the free reading's own score. The log-likelihood ratio
says how much the recogniser prefers one to the other:

- about 0: the recogniser's best reading is the expected text (or as good as it);
- a few nats below 0: the frames were unsure where the two differ;
- far below 0: the recogniser was sure of characters that the expected text lacks.

Only a compact :class:`Lattice` is kept per line: each frame's most likely
characters (the top few where the frame is unsure, the best one where it is sure)
and, for everything else, the probability mass left over. That left-over mass is
given *whole* to any character not kept, an upper bound on its probability: the
ratio therefore never overstates how sure the recogniser was that a character is
*not* what was expected, so a confident difference is a real one.

>>> lat = Lattice.from_probs(*toy_frames("2019", unsure={2: "7"}))  # the third frame: 1, or 7
>>> lat.best_text()
'2019'
>>> round(lat.log_likelihood("2019"), 2) == round(lat.log_likelihood(lat.best_text()), 2)
True
>>> lat.compare("2019") > -0.1, lat.compare("2018") < -5
(True, True)
>>> lat.compare("2079") > -5   # the third frame was unsure between 1 and 7
True
"""
from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

#: A frame whose best probability is at least this keeps only its best character.
SURE_FRAME = 0.995
#: How many characters an unsure frame keeps.
TOP_K = 4
#: Log-probability floor (a character with no mass left over).
MIN_LOGP = -30.0

NEG_INF = -np.inf


def _states(text: str) -> list[str]:
    """The CTC states of ``text``: its characters with a blank (``""``) before, between
    and after them."""
    labels = [""]
    for ch in text:
        labels += [ch, ""]
    return labels


def _skips(labels: list[str]) -> np.ndarray:
    """Where a state may be reached from two states back (the blank between skipped): at a
    character unlike the one before it."""
    skip = np.zeros(len(labels), bool)
    for j in range(3, len(labels), 2):
        skip[j] = labels[j] != labels[j - 2]
    return skip


@dataclass(frozen=True, eq=False)
class Lattice:
    """Per-frame top characters of one recognised line.

    ``chars``: the line's own vocabulary, ``chars[0]`` is blank (``""``).
    ``idx``: ``(T, K)`` indices into ``chars`` (``-1`` where a frame keeps fewer).
    ``logp``: ``(T, K)`` log-probabilities of those characters.
    ``rest``: ``(T,)`` log of the probability mass not kept, the most any other
    character can have in that frame.
    ``frame_x``: where the frames lie, ``(x of frame 0's left edge, pixels per frame)``
    in the pixels of the image the line was read from, where the engine knows it (a
    strip read whole by :meth:`~ocr.engines.ppocr.PPOcrEngine.read_line`, its blank
    margins cut off first); ``None``: the line's own box, read scaled to the
    recogniser's height (a detected line). Whoever attaches such a reading to a line of
    the page moves it onto the page (:meth:`moved`): a text-layer line read from a
    padded crop is not its box.
    """

    chars: tuple[str, ...]
    idx: np.ndarray
    logp: np.ndarray
    rest: np.ndarray
    frame_x: tuple[float, float] | None = None

    @property
    def frames(self) -> int:
        return int(self.idx.shape[0])

    # -- building ---------------------------------------------------------------
    @classmethod
    def from_probs(cls, probs: np.ndarray, charset: Sequence[str], blank: int = 0) -> "Lattice":
        """From a ``(T, C)`` matrix of per-frame probabilities (softmax outputs) and
        the model's alphabet (``charset[blank]`` is the CTC blank)."""
        probs = np.asarray(probs, dtype=np.float32)
        if probs.ndim == 3:
            probs = probs[0]
        t, c = probs.shape
        k = min(TOP_K, c)
        best = probs.argmax(axis=1)
        top = np.full((t, k), -1, np.int64)
        top[:, 0] = best
        unsure = np.nonzero(probs[np.arange(t), best] < SURE_FRAME)[0]
        if len(unsure) and k > 1:
            # the k likeliest of each unsure frame, likeliest first (of equals the first in
            # the alphabet), by k passes of argmax each taking the last one out: a quarter
            # of the cost of partitioning the whole alphabet (18,710 characters for the
            # seal model) and sorting the part
            sub = probs[unsure]  # a copy
            rows = np.arange(len(unsure))
            col = best[unsure]
            for j in range(1, k):
                sub[rows, col] = -np.inf  # below every probability
                col = sub.argmax(axis=1)
                top[unsure, j] = col
        kept_p = np.where(top >= 0, probs[np.arange(t)[:, None], np.maximum(top, 0)], 0.0)
        kept_p[kept_p < 1e-6] = 0.0
        top[kept_p == 0.0] = -1
        rest = np.clip(1.0 - kept_p.sum(axis=1), 0.0, 1.0)
        # the line's own vocabulary: blank first, then the characters kept, in order seen
        used = [int(g) for g in np.unique(top[top >= 0]) if int(g) != blank]
        local = {blank: 0, **{g: i + 1 for i, g in enumerate(used)}}  # global index -> local
        chars = ("", *(_char(charset, g) for g in used))
        mapper = np.full(c, -1, np.int16)
        for g, i in local.items():
            mapper[g] = i
        lidx = np.where(top >= 0, mapper[np.maximum(top, 0)], -1).astype(np.int16)
        with np.errstate(divide="ignore"):
            logp = np.where(lidx >= 0, np.log(np.maximum(kept_p, 1e-30)), NEG_INF).astype(np.float32)
            rest_log = np.maximum(np.log(rest), MIN_LOGP).astype(np.float32)
        return cls(chars, lidx, logp, rest_log)

    # -- reading ----------------------------------------------------------------
    def path(self) -> list[tuple[str, int, int]]:
        """The greedy CTC path: each character it spells, with its first and last frame
        (best character per frame, repeats merged, blanks dropped).

        >>> Lattice.from_probs(*toy_frames("抚顺")).path()
        [('抚', 0, 0), ('顺', 2, 2)]
        """
        out: list[tuple[str, int, int]] = []
        prev = -2
        for f, i in enumerate(self.idx[:, 0]):
            i = int(i)
            if i > 0 and i != prev:
                out.append((self.chars[i], f, f))
            elif i > 0:
                out[-1] = (out[-1][0], out[-1][1], f)
            prev = i
        return out

    def moved(self, dx: float) -> "Lattice":
        """The lattice with its frames ``dx`` pixels further right (a crop's reading put
        back on its page); itself where it does not know where its frames lie.

        >>> lat = Lattice.from_probs(*toy_frames("抚顺"))
        >>> lat.moved(10) is lat, replace(lat, frame_x=(2.0, 6.5)).moved(780).frame_x
        (True, (782.0, 6.5))
        """
        if self.frame_x is None:
            return self
        return replace(self, frame_x=(float(self.frame_x[0]) + dx, float(self.frame_x[1])))

    def best_text(self) -> str:
        """Greedy CTC decoding: best character per frame, repeats merged, blanks dropped."""
        return "".join(ch for ch, _, _ in self.path())

    def path_of(self, text: str) -> list[tuple[str, int, int]] | None:
        """:meth:`path` when it spells ``text`` one character a step (so the i-th step is
        the i-th character's frames), else None: a reading normalised or edited after
        decoding no longer lines up with the frames.

        >>> lat = Lattice.from_probs(*toy_frames("抚顺"))
        >>> lat.path_of("抚顺") == lat.path(), lat.path_of("抚顺市")
        (True, None)
        """
        path = self.path()
        if len(path) != len(text) or "".join(ch for ch, _, _ in path) != text:
            return None
        return path

    def _emissions(self, labels: Sequence[str]) -> np.ndarray:
        """``(T, len(labels))`` log-probabilities of each label (``""`` = blank) per frame."""
        lookup = {ch: i for i, ch in enumerate(self.chars)}
        ids = np.array([lookup.get(ch, -9) for ch in labels], np.int16)
        hit = self.idx[:, :, None] == ids[None, None, :]  # (T, K, S)
        em = np.where(hit, self.logp[:, :, None], NEG_INF).max(axis=1)
        return np.where(np.isneginf(em), self.rest[:, None], em)

    def log_likelihood(self, text: str) -> float:
        """log P(text | frames): the CTC forward sum over every alignment of ``text``.
        ``-inf`` when the line has too few frames to hold it."""
        labels = _states(text)
        s = len(labels)
        t = self.frames
        if t == 0:
            return 0.0 if not text else float(NEG_INF)
        em = self._emissions(labels)
        if s == 1:  # the empty text: blank in every frame
            return float(em[:, 0].sum())
        skip = _skips(labels)
        # alpha sits after two states that stay -inf, so that alpha shifted by one and by
        # two states are views of the same buffer: the frame loop allocates nothing and
        # makes three calls (six, two of them concatenations, took twice as long, and
        # weighing a seal's readings is mostly this loop)
        buf = np.full(s + 2, NEG_INF)
        alpha, prev1, prev2 = buf[2:], buf[1:-1], buf[:-2]
        alpha[0], alpha[1] = em[0, 0], em[0, 1]
        em = em.astype(np.float64)  # exact: what adding the float32 row to alpha did each frame
        step = np.empty(s)
        for f in range(1, t):
            np.logaddexp(alpha, prev1, out=step)
            # where no skip is allowed, what logaddexp with -inf gives: step itself
            np.logaddexp(step, prev2, out=step, where=skip)
            np.add(step, em[f], out=alpha)
        return float(np.logaddexp(alpha[-1], alpha[-2]))

    def log_likelihoods(self, texts: Sequence[str]) -> list[float]:
        """:meth:`log_likelihood` of each of ``texts``, their forward sums run side by side
        in one frame loop: the very same floats, each state's sum made by the same
        operations on the same numbers (a text's states padded to the longest stay
        ``-inf`` and feed none of its own). Weighing a seal's reading asks some ten texts
        of one lattice (issue 12: the frame loop, once per text, was most of it).

        >>> lat = Lattice.from_probs(*toy_frames("抚顺市", unsure={1: "须"}))
        >>> texts = ["抚顺市", "抚须市", "", "抚", "顺顺", "抚顺市生态环境局"]
        >>> lat.log_likelihoods(texts) == [lat.log_likelihood(x) for x in texts]
        True
        """
        t = self.frames
        out: list[float] = [0.0] * len(texts)
        labels_of = [_states(text) for text in texts]
        batch = [i for i, labels in enumerate(labels_of) if len(labels) > 1]
        for i, labels in enumerate(labels_of):
            if t == 0 or len(labels) == 1:  # no frames, or the empty text: as log_likelihood has it
                out[i] = self.log_likelihood(texts[i])
        if t == 0 or not batch:
            return out
        n, width = len(batch), max(len(labels_of[i]) for i in batch)
        em = np.full((t, n, width), NEG_INF)  # float64: exact, as log_likelihood casts each text's rows
        skip = np.zeros((n, width), bool)
        buf = np.full((n, width + 2), NEG_INF)
        alpha, prev1, prev2 = buf[:, 2:], buf[:, 1:-1], buf[:, :-2]
        # every label's column made once (each column is its own label's, whatever else is asked)
        vocabulary = list(dict.fromkeys(ch for i in batch for ch in labels_of[i]))
        column = {ch: c for c, ch in enumerate(vocabulary)}
        every = self._emissions(vocabulary)
        for j, i in enumerate(batch):
            labels = labels_of[i]
            s = len(labels)
            e = every[:, [column[ch] for ch in labels]]
            em[:, j, :s] = e
            alpha[j, 0], alpha[j, 1] = e[0, 0], e[0, 1]
            skip[j, :s] = _skips(labels)
        step = np.empty((n, width))
        for f in range(1, t):
            np.logaddexp(alpha, prev1, out=step)
            np.logaddexp(step, prev2, out=step, where=skip)
            np.add(step, em[f], out=alpha)
        for j, i in enumerate(batch):
            s = len(labels_of[i])
            out[i] = float(np.logaddexp(alpha[j, s - 1], alpha[j, s - 2]))
        return out

    def compare(self, text: str, against: str | None = None) -> float:
        """Log-likelihood ratio of ``text`` against ``against`` (default: the free
        reading). 0 when they are the same text; ``-inf`` when ``text`` cannot fit."""
        against = self.best_text() if against is None else against
        if text == against:
            return 0.0
        return self.log_likelihood(text) - self.log_likelihood(against)

    def folded(self, fold) -> "Lattice":
        """The lattice with every character taken as ``fold`` writes it (順 as 顺: one
        character for one), the probabilities of characters that fold to one summed in
        each frame; the lattice itself when nothing folds.

        >>> lat = Lattice.from_probs(*toy_frames("撫順", unsure={1: "顺"})).folded({"撫": "抚", "順": "顺"}.get)
        >>> lat.best_text(), round(lat.compare("抚顺"), 3)
        ('抚顺', 0.0)
        """
        chars = [ch and (fold(ch) or ch) for ch in self.chars]
        if chars == list(self.chars):
            return self
        unique = list(dict.fromkeys(chars))
        remap = np.array([unique.index(ch) for ch in chars], np.int16)
        idx = np.where(self.idx >= 0, remap[np.maximum(self.idx, 0)], -1).astype(np.int16)
        logp = self.logp.copy()
        for k in range(1, idx.shape[1]):
            for j in range(k):
                same = (idx[:, k] >= 0) & (idx[:, k] == idx[:, j])
                logp[same, j] = np.logaddexp(logp[same, j], logp[same, k])
                idx[same, k], logp[same, k] = -1, NEG_INF
        order = np.argsort(-logp, axis=1, kind="stable")
        return Lattice(tuple(unique), np.take_along_axis(idx, order, axis=1), np.take_along_axis(logp, order, axis=1),
                       self.rest, self.frame_x)

    # -- storage ----------------------------------------------------------------
    def to_dict(self) -> dict:
        d = {
            "chars": "".join(c or "\x00" for c in self.chars) if all(len(c) <= 1 for c in self.chars) else list(self.chars),
            "shape": list(self.idx.shape),
            "idx": base64.b64encode(self.idx.astype("<i2").tobytes()).decode("ascii"),
            "logp": base64.b64encode(self.logp.astype("<f2").tobytes()).decode("ascii"),
            "rest": base64.b64encode(self.rest.astype("<f2").tobytes()).decode("ascii"),
        }
        if self.frame_x is not None:
            d["frame_x"] = [round(float(v), 3) for v in self.frame_x]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Lattice":
        chars = d["chars"]
        chars = tuple("" if c == "\x00" else c for c in chars)
        shape = tuple(d["shape"])
        idx = np.frombuffer(base64.b64decode(d["idx"]), "<i2").reshape(shape).astype(np.int16)
        logp = np.frombuffer(base64.b64decode(d["logp"]), "<f2").reshape(shape).astype(np.float32)
        rest = np.frombuffer(base64.b64decode(d["rest"]), "<f2").astype(np.float32)
        logp = np.where(idx >= 0, logp, NEG_INF).astype(np.float32)
        frame_x = d.get("frame_x")
        return cls(chars, idx, logp, rest, tuple(float(v) for v in frame_x) if frame_x else None)

    def __repr__(self) -> str:
        return f"<Lattice {self.frames} frames {self.best_text()!r}>"


def _char(charset: Sequence[str], i: int) -> str:
    return charset[i] if 0 <= i < len(charset) else ""


def substitute(text: str, start: int, end: int, expected: str) -> str:
    """``text`` with ``text[start:end]`` replaced by ``expected``: the hypothesis that
    the line says the expected thing where the reading put something else.

    >>> substitute("发证日期：2019年1月", 5, 12, "2019年11月")
    '发证日期：2019年11月'
    """
    return text[:start] + expected + text[end:]


# ---------------------------------------------------------------- doctest helpers


def toy_frames(text: str, unsure: dict[int, str] | None = None):
    """Frames for ``text`` (one character frame then one blank frame each), sure of
    every character except those in ``unsure`` (position -> the other candidate at
    40%). Returns (probs, alphabet), for :meth:`Lattice.from_probs` in tests."""
    unsure = unsure or {}
    alphabet = ["", *sorted(set(text) | set(unsure.values()))]
    rows = []
    for i, ch in enumerate(text):
        row = np.full(len(alphabet), 1e-6)
        if i in unsure:
            row[alphabet.index(ch)], row[alphabet.index(unsure[i])] = 0.55, 0.4
        else:
            row[alphabet.index(ch)] = 0.9999
        rows.append(row / row.sum())
        blank = np.full(len(alphabet), 1e-6)
        blank[0] = 1.0
        rows.append(blank / blank.sum())
    return np.array(rows, np.float32), alphabet


def likelihood_ratio_bits(llr: float) -> float:
    """A log-likelihood ratio in bits (for messages).

    >>> likelihood_ratio_bits(-math.log(8))
    -3.0
    """
    return round(llr / math.log(2), 2)
