"""One applicant, checked the one way every executor checks it.

The batch has two executors: its own pool of worker processes on this machine
(:mod:`verify.run.pool`) and a Dask cluster (:mod:`verify.run.cluster`). Both run
:func:`check_task` where the work happens and hand what it returns, a
:class:`DossierOutcome`, to :func:`record_outcome` where the batch runs, which alone
writes ``OUT``. An applicant that an executor loses (its process crashed, ran past
its time) gets :func:`lost_outcome` through the same path. So there is one way a
dossier is checked and one way its result reaches ``OUT``, whatever runs it.

>>> outcome = lost_outcome(DossierTask(DossierInput("A1", Path("A1")), "f" * 16), None, "核验进程异常退出")
>>> outcome.row.verdict, outcome.row.review, sorted(outcome.files)
('error', 1, ['report.html', 'report.json'])
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import errno
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from verify.model import Applicant
from verify.report.summary import ERROR_VERDICT, SummaryRow, problems_of, write_atomic
from verify.run.inputs import DossierInput, count_pages, open_dossier
from verify.run.reports import REPORT_HTML, REPORT_JSON, cap_unreadable, error_report, render_report_html
from verify.run.zips import InputError, ZipLimits

logger = logging.getLogger(__name__)

CheckFunction = Callable[..., object]  # (folder, key, settings, applicant[, progress]) -> DossierResult
Notify = Callable[[tuple], None]
#: the pages :func:`check_task` counted before it ran the check (None outside one): a check
#: that shows progress (the desk's) takes them from here rather than opening every PDF again
PAGES_COUNTED: contextvars.ContextVar[int | None] = contextvars.ContextVar("pages_counted", default=None)


@dataclass(frozen=True)
class DossierTask:
    """What an executor ships to where the work happens: the dossier and the settings
    fingerprint its report will carry (``unpacked``: bytes its zip declares)."""

    dossier: DossierInput
    fingerprint: str
    unpacked: int = 0
    #: files not to read, each with the finding's reason: a try before died reading it
    skip: tuple[tuple[str, str], ...] = ()
    #: (``--page-timeout``, the start-up time, ``--dossier-timeout``): the executor kills the
    #: check at :func:`~verify.run.resources.applicant_timeout` of them once its pages are
    #: counted; the pipeline stops reading at a share of that and checks what it read
    time_limits: tuple[float, float, float | None] | None = None

    @property
    def key(self) -> str:
        return self.dossier.key


@dataclass
class DossierOutcome:
    """What comes back: the summary row and the report files for ``OUT/<key>/``
    (``report.html`` before ``report.json``, the resume marker). ``remove_reports``:
    the dossier's metadata is wrong, so an older report must not outlive it."""

    row: SummaryRow
    files: dict[str, bytes] = field(default_factory=dict)
    remove_reports: bool = False

    @property
    def memory_error(self) -> bool:
        return bool(self.row.extra.get("memory_error"))


def check_with_pipeline(folder: Path, key: str, settings, applicant: Applicant, progress=None):
    """The default check: :func:`verify.run.pipeline.check_dossier`."""
    from verify.run.pipeline import check_dossier

    return check_dossier(folder, key, settings, applicant=applicant, progress=progress)


def _accepts_progress(check: CheckFunction) -> bool:
    import inspect

    try:
        params = inspect.signature(check).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def peak_rss_kb() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except Exception:  # pragma: no cover
        return 0


def _counts(findings) -> dict[str, int]:
    counts = {"fail": 0, "review": 0, "pass": 0}
    for f in findings:
        if f.status in counts:
            counts[f.status] += 1
    return counts


def report_files(report: dict, pages=()) -> dict[str, bytes]:
    """``report.html`` and ``report.json`` of a report, as the bytes to write."""
    return {REPORT_HTML: render_report_html(report, pages).encode("utf-8"),
            REPORT_JSON: json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")}


def check_task(task: DossierTask, settings, check: CheckFunction | None = None, limits: ZipLimits = ZipLimits(),
               tmp_root: Path | None = None, notify: Notify = lambda message: None) -> DossierOutcome:
    """Check one applicant where the work happens; every failure becomes the row's
    error. ``notify`` gets ``("start", applicant, pages)`` once the dossier is open and
    ``("page", n)`` as pages are read (progress and the page-based timeout)."""
    from verify.applicant import MetadataError, load_applicant
    from verify.campaign import CampaignError

    check = check or check_with_pipeline
    dossier = task.dossier
    started = time.monotonic()
    applicant = dossier.applicant
    from verify.run.pipeline import FILE_STARTED, READ_BUDGET, READ_SHARE, SKIPPED_FILES, STOP_SHARE, ReadBudget

    reading: list[str] = []  # the file being read: a MemoryError names it
    progressed = [time.monotonic()]  # when a page was last done or a file begun (the stall limit's clock)

    def file_started(rel: str | None) -> None:
        reading[:] = [rel] if rel else []
        progressed[0] = time.monotonic()
        notify(("file", rel))

    budget: ReadBudget | None = None
    watching = threading.Event()  # set: the watch below ends
    tokens = (SKIPPED_FILES.set(dict(task.skip)), FILE_STARTED.set(file_started), READ_BUDGET.set(None),
              PAGES_COUNTED.set(None))
    try:
        with open_dossier(dossier, tmp_root, limits) as folder:
            applicant = applicant or load_applicant(folder, dossier.key)
            # each PDF and TIFF is announced as it is counted: a count stuck in one names it
            pages = min(count_pages(folder, file_started, skip=dict(task.skip)),
                        int(getattr(settings, "max_pages", 10**6) or 10**6))
            notify(("start", applicant, pages))
            PAGES_COUNTED.set(pages)
            if task.time_limits:  # counted from "start", as the executor counts its limit
                from verify.run.resources import applicant_timeout, dossier_ceiling_applies

                limit = applicant_timeout(pages, *task.time_limits)
                by_pages = 0 if dossier_ceiling_applies(pages, *task.time_limits) else pages
                from verify.run.pool import stall_limit

                budget = ReadBudget(time.monotonic() + READ_SHARE * limit, limit, pages=by_pages,
                                    stall=STALL_SHARE * stall_limit(task.time_limits[0]))
                READ_BUDGET.set(budget)
                threading.Thread(target=_watch, args=(budget, time.monotonic() + STOP_SHARE * limit, progressed,
                                                      watching), name="reading-watch", daemon=True).start()
            def page_done(n: int = 1) -> None:
                # never cut in the middle by the time limit's stop (verify.run.interrupt): a message
                # half written would garble the executor's pipe
                with budget.guard.paused() if budget is not None else contextlib.nullcontext():
                    progressed[0] = time.monotonic()
                    notify(("page", n))

            if _accepts_progress(check):
                result = check(folder, dossier.key, settings, applicant, progress=page_done)
            else:
                result = check(folder, dossier.key, settings, applicant)
            from verify.run.pipeline import build_report

            report = cap_unreadable(build_report(result))
            report["batch"] = {"fingerprint": task.fingerprint, "inputs_mtime": dossier.newest_input,
                               **({"inputs_listing": dossier.listing} if dossier.listing else {}),
                               "seconds": round(time.monotonic() - started, 2)}
            if budget is not None and budget.cut:  # pages left unread for want of time: a rerun reads them
                report["batch"]["cut_at"] = budget.limit
                # the limits it was cut under: --reuse-cut keeps it only while none is raised
                report["batch"]["cut_limits"] = list(task.time_limits)
            if task.skip:  # files a try died, hung or ran out of memory on: the next run reads them again
                report["batch"]["skipped"] = [file for file, _ in task.skip]
            if dossier.remote is not None:  # under a URL: its listing's digest decides a rerun
                report["batch"]["inputs_digest"] = dossier.remote.digest
            files = report_files(report, result.pages)
        counts = _counts(result.findings)
        row = SummaryRow(dossier.key, applicant.name, str(report.get("verdict", result.verdict)), counts["fail"],
                         counts["review"], counts["pass"], pages=len(result.pages),
                         seconds=time.monotonic() - started, peak_rss_kb=peak_rss_kb(),
                         unit=applicant.unit or "", problems=tuple(problems_of(report)))
        return DossierOutcome(row, files)
    except (MetadataError, CampaignError) as exc:  # applicant.yaml, or the campaign it names, is wrong
        name = applicant.name if applicant else getattr(exc, "name", "") or ""
        return DossierOutcome(SummaryRow(dossier.key, name, ERROR_VERDICT, error=str(exc),
                                         seconds=time.monotonic() - started, peak_rss_kb=peak_rss_kb()),
                              remove_reports=True)
    except (InputError, MemoryError, Exception) as exc:
        if isinstance(exc, InputError):
            message = str(exc)
        elif isinstance(exc, MemoryError):
            message = "核验时内存不足，该申报人材料未能完成核验，请人工复核或单独重试"
        else:
            logger.exception("checking %s failed", dossier.key)
            message = f"核验过程出错（{type(exc).__name__}: {exc}），该申报人材料未能完成核验，请人工复核"
        outcome = lost_outcome(task, applicant, message)
        outcome.row.seconds = time.monotonic() - started
        outcome.row.peak_rss_kb = peak_rss_kb()
        outcome.row.extra["memory_error"] = isinstance(exc, MemoryError)
        if isinstance(exc, MemoryError) and reading:
            outcome.row.extra["failed_file"] = reading[0]
        return outcome
    finally:
        watching.set()
        SKIPPED_FILES.reset(tokens[0])
        FILE_STARTED.reset(tokens[1])
        READ_BUDGET.reset(tokens[2])
        PAGES_COUNTED.reset(tokens[3])


#: the share of the stall limit (:func:`verify.run.pool.stall_limit`) after which the worker
#: itself skips the rest of the file it is stuck in, before the executor kills it
STALL_SHARE = 0.9


def _watch(budget, stop_at: float, progressed: list[float], done: threading.Event) -> None:
    """Stop the page being read (:mod:`verify.run.interrupt`) where the applicant's
    time is nearly up (at ``stop_at``: the pages read are checked, where the executor's
    kill at the limit lost them all) or no page was done for :attr:`ReadBudget.stall`
    seconds (the rest of that file is skipped and the next read, where the executor
    killed the worker and checked the applicant again without the file)."""
    from verify.run.interrupt import FileStalled, ReadingCut

    while not done.wait(0.25):
        now = time.monotonic()
        if now >= stop_at:
            budget.guard.fire(ReadingCut)
        elif budget.stall and now - progressed[0] >= budget.stall:
            budget.guard.fire(FileStalled)


def without_file(task: DossierTask, file: str | None, reason: str, reruns: dict[str, int]) -> DossierTask | None:
    """``task`` once more without ``file``, which its last try died on (its other files'
    findings are kept; the file gets a review with ``reason``), where the executor
    should run it again: once per applicant, counted in ``reruns`` (probe alt23 F12: a
    crash lost all 41 findings and named no file). None where no file is known or the
    applicant had its rerun."""
    if not file or reruns.get(task.key, 0) >= 1 or any(f == file for f, _ in task.skip):
        return None
    reruns[task.key] = reruns.get(task.key, 0) + 1
    logger.warning("%s: %s; checking it again without %s", task.key, reason, file)
    return dataclasses.replace(task, skip=(*task.skip, (file, reason)))


def lost_outcome(task: DossierTask, applicant: Applicant | None, message: str, pages_read: int = 0) -> DossierOutcome:
    """The outcome of an applicant that could not be checked (its process died, it ran
    past its time, it raised): an ``error`` row and a report with one ``review``
    finding, so a person looks at the dossier by hand."""
    name = applicant.name if applicant else ""
    try:
        files = report_files(error_report(task.key, applicant, message, task.fingerprint))
    except Exception:  # pragma: no cover - the row still says why
        logger.exception("error report for %s", task.key)
        files = {}
    return DossierOutcome(SummaryRow(task.key, name, ERROR_VERDICT, review=1, error=message, pages=pages_read,
                                     unit=(applicant.unit or "") if applicant else ""), files)


def record_outcome(out_dir: Path, outcome: DossierOutcome) -> SummaryRow:
    """Write an outcome into ``OUT/<key>/`` (each file atomically, ``report.json``
    last) or remove a stale report; return its summary row. Only the batch's own
    process calls this, so ``OUT`` need not be reachable from the workers."""
    folder = Path(out_dir) / outcome.row.key
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        # a link would carry the reports out of OUT (probe alt23 F21); a file stands in the way
        raise OSError(errno.EEXIST, "输出目录中该申报人的报告位置是链接或文件，未写入（报告只写在输出目录之内），"
                                    "请删除或改名后重新运行")
    if outcome.remove_reports:
        for name in (REPORT_JSON, REPORT_HTML):
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
    for name in sorted(outcome.files, key=lambda n: n == REPORT_JSON):  # the resume marker last
        write_atomic(folder / name, outcome.files[name])
    return outcome.row


__all__ = ["PAGES_COUNTED", "DossierTask", "DossierOutcome", "check_task", "lost_outcome", "record_outcome", "report_files", "without_file",
           "check_with_pipeline", "peak_rss_kb"]
