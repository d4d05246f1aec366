"""What a batch says on stderr while it runs, and when it ends.

* ``bar`` (stderr is a terminal): one line redrawn in place (tqdm): applicants and
  pages done of their totals, applicants in progress, time spent and an estimate of
  the time left;
* ``log`` (stderr is a file or a pipe: a scheduled job, the desk's worker): one line
  per finished applicant, with the same totals and estimate;
* ``final``: only the closing lines; ``none``: nothing.

Closing lines, in every mode but ``none``: each applicant who is not ``pass``, with
the rules that failed (or need review) by their Chinese names and the path of the
report, then the run's summary line (last, so scripts can read it with ``tail -1``).

The page total starts as an estimate (:func:`verify.run.batch.estimate_pages`) and
becomes exact as each applicant starts; the estimate of the time left divides the
pages still to read by the pages read per second so far (pages of reports reused
from an earlier run do not count as read).

>>> format_seconds(75), format_seconds(3725), format_seconds(None)
('01:15', '1:02:05', '--:--')
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO

from verify.report.summary import problems_of, rule_names_zh

if TYPE_CHECKING:
    from verify.report.summary import SummaryRow

__all__ = ["BatchProgress", "format_seconds", "problems_of"]

#: The verdicts as the closing lines name them.
VERDICT_WORDS_ZH = {"pass": "通过", "fail": "不通过", "review": "需复核", "error": "无法核验"}

#: At most this many applicants are named in the closing lines (the rest are in summary.csv).
MAX_NAMED = 200

#: Pages read before the time left is estimated (the engine's start-up skews the first ones).
MIN_PAGES_FOR_ESTIMATE = 2


def format_seconds(seconds: float | None) -> str:
    """``MM:SS`` (``H:MM:SS`` past an hour); ``--:--`` when unknown."""
    if seconds is None or seconds != seconds or seconds < 0:
        return "--:--"
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60:02d}:{s % 60:02d}"


def _shown_path(path: Path) -> str:
    """A path relative to the working folder when it lies under it, else absolute."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class BatchProgress:
    """Applicants and pages done of their totals, with an estimate of the time left.

    The batch runner tells it what it plans (:meth:`plan`), what it reused
    (:meth:`reuse`), each page read (:meth:`update`), each applicant finished
    (:meth:`finished`) and the end (:meth:`close`). ``mode``: ``auto`` (``bar`` on a
    terminal, else ``log``), ``bar``, ``log``, ``final`` or ``none``.
    """

    def __init__(self, total: int, stream: TextIO | None = None, mode: str = "auto", *,
                 out_dir: Path | None = None, clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "log"
        self.mode = mode
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.pages = 0  # pages done, reused ones included
        self.pages_reused = 0
        self.errors = 0
        self.running = 0
        self._planned: dict[str, int] = {}  # applicant key -> pages expected (exact once it started)
        self._last = float("-inf")
        self._bar = None

    # ---------------------------------------------------------------- what the runner tells

    @property
    def pages_total(self) -> int:
        return self.pages_reused + sum(self._planned.values())

    def plan(self, key: str, pages: int) -> None:
        """``key`` will read about ``pages`` pages (an estimate, or the count once it starts)."""
        self._planned[key] = max(0, int(pages or 0))
        self._redraw()

    def reuse(self, rows: Iterable["SummaryRow"]) -> None:
        """Applicants whose reports are reused, and roster errors: done before the run starts."""
        rows = list(rows)
        self.done += len(rows)
        reused = sum(r.pages for r in rows)
        self.pages += reused
        self.pages_reused += reused
        self.errors += sum(r.verdict == "error" for r in rows)
        if rows and self.mode == "log":
            skipped = sum(1 for r in rows if r.skipped)
            if skipped:
                self._write(f"沿用已有报告 {skipped} 名申报人（{reused} 页），其余 {self.total - len(rows)} 名待核验\n")
        self._redraw(force=True)

    def update(self, *, done: int = 0, pages: int = 0, errors: int = 0, running: int | None = None,
               force: bool = False) -> None:
        self.done += done
        self.pages += pages
        self.errors += errors
        if running is not None:
            self.running = running
        self._redraw(force=force)

    def finished(self, row: "SummaryRow", pages_read: int = 0) -> None:
        """One applicant done: ``pages_read`` of its pages were already counted by
        :meth:`update`; the rest of ``row.pages`` count now."""
        extra = max(0, row.pages - pages_read)
        self.done += 1
        self.pages += extra
        self.errors += int(row.verdict == "error")
        self._planned[row.key] = pages_read + extra
        if self.mode == "log":
            self._write(self.applicant_line(row, pages_read + extra) + "\n")
        self._redraw(force=True)

    def note(self, text: str) -> None:
        """A line about the run itself (waiting for the cluster), in every mode but ``none``."""
        if self.mode != "none":
            self._write(text + "\n")
            self._redraw(force=True)

    def close(self, summary: str, rows: Iterable["SummaryRow"] = ()) -> None:
        """The closing lines: each applicant who is not ``pass``, then ``summary``."""
        if self._bar is not None:
            self._redraw(force=True)
            with contextlib.suppress(Exception):
                self._bar.close()
            self._bar = None
        if self.mode == "none":
            return
        named = [r for r in rows if r.verdict != "pass"]
        if named:
            self._write(f"未通过的申报人（{len(named)} 名）：\n")
            for row in named[:MAX_NAMED]:
                self._write("  " + self.problem_line(row) + "\n")
            if len(named) > MAX_NAMED:
                self._write(f"  ……另有 {len(named) - MAX_NAMED} 名，见 summary.csv\n")
        self._write(summary + "\n")

    # ---------------------------------------------------------------- the words

    def eta(self) -> float | None:
        """Seconds left, from the pages read so far; ``None`` until enough are read."""
        read = self.pages - self.pages_reused
        elapsed = self.clock() - self.started
        left = self.pages_total - self.pages
        if self.done >= self.total:
            return 0.0
        if read < MIN_PAGES_FOR_ESTIMATE or elapsed <= 0:
            return None
        return max(0, left) * elapsed / read

    def status_line(self) -> str:
        """``申报人 3/10 · 页 45/120 · 进行中 2 · 已用 01:23 · 预计剩余 02:40``."""
        extra = f" · 无法核验 {self.errors}" if self.errors else ""
        running = f" · 进行中 {self.running}" if self.running else ""
        return (f"申报人 {self.done}/{self.total} · 页 {self.pages}/{max(self.pages, self.pages_total)}{running}{extra}"
                f" · 已用 {format_seconds(self.clock() - self.started)} · 预计剩余 {format_seconds(self.eta())}")

    def applicant_line(self, row: "SummaryRow", pages: int | None = None) -> str:
        """The log line of a finished applicant:
        ``[3/10] 张伟（zhangwei）不通过，问题项：签字栏已签字（12 页，35.2 秒）· 页 45/120 · 已用 01:23 · 预计剩余 02:40``."""
        pages = row.pages if pages is None else pages
        took = f"{pages} 页，{row.seconds:.1f} 秒" if row.seconds else f"{pages} 页"
        errors = f" · 无法核验 {self.errors}" if self.errors else ""
        return (f"[{self.done}/{self.total}] {self._verdict_and_why(row)}（{took}）"
                f" · 页 {self.pages}/{max(self.pages, self.pages_total)}{errors}"
                f" · 已用 {format_seconds(self.clock() - self.started)} · 预计剩余 {format_seconds(self.eta())}")

    def problem_line(self, row: "SummaryRow") -> str:
        """``张伟（zhangwei）不通过，问题项：签字栏已签字、… → out/x/zhangwei/report.html``."""
        report = self._report_path(row)
        return self._verdict_and_why(row) + (f" → {report}" if report else "")

    def _verdict_and_why(self, row: "SummaryRow") -> str:
        who = f"{row.name}（{row.key}）" if row.name and row.name != row.key else row.key
        verdict = VERDICT_WORDS_ZH.get(row.verdict, row.verdict)
        if row.verdict == "error":
            return f"{who} {verdict}" + (f"：{_one_line(row.error)}" if row.error else "")
        problems = rule_names_zh(self._problems(row)) if row.verdict != "pass" else ""
        # the rules' titles are statements (签字栏已签字): 问题项 says they are what did not hold
        return f"{who} {verdict}" + (f"，问题项：{problems}" if problems else "")

    # ---------------------------------------------------------------- helpers

    def _report_dir(self, row: "SummaryRow") -> Path | None:
        return self.out_dir / row.key if self.out_dir is not None else None

    def _report_path(self, row: "SummaryRow") -> str | None:
        folder = self._report_dir(row)
        if folder is None or not (folder / "report.html").is_file():
            return None
        return _shown_path(folder / "report.html")

    def _problems(self, row: "SummaryRow") -> list[tuple[str, str]]:
        if row.problems:
            return list(row.problems)
        folder = self._report_dir(row)
        if folder is None:
            return []
        try:
            report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return problems_of(report) if isinstance(report, Mapping) else []

    def _redraw(self, force: bool = False) -> None:
        if self.mode != "bar":
            return
        now = self.clock()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        try:
            if self._bar is None:
                from tqdm import tqdm

                self._bar = tqdm(total=max(1, self.pages_total), file=self.stream, leave=True, ascii=False,
                                 ncols=_terminal_width(self.stream), mininterval=0, bar_format="[{bar:20}] {desc}",
                                 smoothing=0)
            self._bar.total = max(1, self.pages_total, self.pages)
            self._bar.n = min(self.pages, self._bar.total)
            self._bar.set_description_str(self.status_line(), refresh=False)
            self._bar.refresh()
        except (OSError, ValueError):  # the terminal was closed (SIGHUP): the run goes on, silently
            self.mode = "none"

    def _write(self, text: str) -> None:
        try:
            if self._bar is not None:
                self._bar.clear()
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal was closed (SIGHUP): the run goes on, silently
            self.mode = "none"


#: The line's width when the terminal tells none (a pseudo-terminal of size 0, a file).
UNKNOWN_WIDTH = 1000


def _terminal_width(stream: TextIO) -> int:
    """The terminal's width; :data:`UNKNOWN_WIDTH` when it tells none. Always given to
    tqdm, which otherwise asks the terminal itself and, told 0 columns, can loop for
    ever trimming a line of wide characters."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return UNKNOWN_WIDTH
    return columns if columns >= 40 else UNKNOWN_WIDTH


def _one_line(text: str, limit: int = 120) -> str:
    """
    >>> _one_line("第一行\\n第二行"), _one_line("x" * 200, 10)
    ('第一行 第二行', 'xxxxxxxxx…')
    """
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
