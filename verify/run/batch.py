"""The batch runner: every applicant of an archive through the pipeline, in worker
processes, with fault isolation, timeouts, resumable runs and atomic reports.

Named steps, top to bottom (:func:`run_batch`):

1. *find* the dossiers of an archive (:func:`find_dossiers`: every sub-folder or
   ``.zip``; other entries such as ``answer_key.json`` are ignored);
2. *skip* those whose ``report.json`` is newer than every input file and carries the
   same settings fingerprint (:func:`report_is_current`) unless ``force``;
3. *check* the rest in worker processes (one engine per process, reused across
   applicants); each worker extracts a ``.zip`` safely (:func:`extract_zip`), loads
   ``applicant.yaml`` (or takes the roster row), runs ``check_dossier`` and writes
   ``OUT/<key>/report.html`` then ``OUT/<key>/report.json`` atomically;
4. *isolate* faults: bad metadata is an ``error`` row; a worker that dies
   (segfault, ``MemoryError``, ``os._exit``) or runs past its time (scaled by the
   applicant's page count) is killed and replaced, its applicant gets an ``error``
   row and a report with a ``review`` finding under rule :data:`READABLE_RULE`, and
   the batch goes on;
5. *summarise*: ``OUT/summary.csv`` and ``OUT/summary.xlsx``.

``dossier.readable`` is an extension of the rule table of DOSSIER.md: "the dossier
could be read and checked at all"; it is only ever ``review``.

Hostile input and faults (docs/CONTRACT.md, "What the toolkit refuses"): a zip is
checked for its members, its total size and its total compression ratio before a byte
is written, and the scheduler keeps the space extracted by all workers together under
:attr:`ZipLimits.max_inflight_bytes`; workers die with the main process (the kernel
kills them, a thread checks too); the temporary folder of a run carries a lock and is
swept by the next run when its owner is gone; the output folder is checked, locked and
never inside an input.

The rooms of the batch, each its own module of ``verify.run``: ``zips`` (the zip
guard), ``inputs`` (finding and opening the applicants), ``workspace`` (temporary
space, the output folder), ``reports`` (fingerprints, reuse, report files),
``resources`` (cores, memory, time per applicant), ``progress``; their names are
re-exported here.

>>> applicant_timeout(10, page_timeout=60, startup_timeout=120)
720.0
>>> safe_member_path("scans/../../etc/passwd") is None, safe_member_path("/abs") is None
(True, True)
>>> safe_member_path("张伟\\\\扫描件/a.jpg")
'张伟/扫描件/a.jpg'
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_ready
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO

from verify.model import Applicant
from verify.report.summary import ERROR_VERDICT, SummaryRow, problems_of, write_summary
from verify.run.inputs import (OTHER_ARCHIVES, PAGE_SUFFIXES, DossierInput, _has_metadata, _is_group,  # noqa: F401
                               as_dossier, attach_roster, count_pages, dossier_key, estimate_pages, find_dossiers,
                               newest_mtime, open_archive, open_dossier, unsafe_key)
from verify.run.progress import BatchProgress
from verify.run.reports import (NON_RESULT_SETTINGS, READABLE_RULE, REPORT_HTML, REPORT_JSON,  # noqa: F401
                                error_report, fallback_html, read_report, render_report_html, report_is_current,
                                settings_fingerprint, toolkit_digest, toolkit_version, write_reports)
from verify.run.resources import (WORKER_MEMORY_BYTES, applicant_timeout, available_cores,  # noqa: F401
                                  available_memory, worker_count)
from verify.run.workspace import (OUT_LOCK, TEMP_KINDS, TEMP_LOCK, OutputBusy, check_output_folder,  # noqa: F401
                                  check_output_keys, output_folder, sweep_partial_writes, sweep_stale_temp,
                                  temp_area)
from verify.run.zips import (IGNORED_NAMES, SKIPPED_MEMBERS, InputError, UnsafeArchive, ZipLimits,  # noqa: F401
                             _is_ignored,
                             check_zip_limits, extract_zip, locate_dossier_root, member_names, safe_member_path,
                             zip_declared_bytes)

if TYPE_CHECKING:  # verify.run.pipeline is imported lazily, in the workers
    from verify.run.pipeline import Settings

logger = logging.getLogger(__name__)

CheckFunction = Callable[..., object]  # (folder, key, settings, applicant) -> DossierResult


# ---------------------------------------------------------------- options


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0  # 0 = one per core; capped by cores and memory (:func:`worker_count`)
    page_timeout: float = 60.0  # seconds per page before an applicant counts as hung
    startup_timeout: float = 120.0  # extraction, metadata, engine loading
    force: bool = False  # redo applicants whose report is current
    progress: str = "auto"  # auto (bar on a TTY, else a line per applicant) | bar | log | final | none
    merge_summary: bool = False  # keep the other rows of OUT's summary (verify check adds or replaces its row)
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    start_method: str = "spawn"




# ---------------------------------------------------------------- the worker process


@dataclass(frozen=True)
class _Task:
    dossier: DossierInput
    out_dir: Path
    fingerprint: str
    unpacked: int = 0  # bytes its zip declares (the scheduler's space budget)


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


def _peak_rss_kb() -> int:
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


def _remove_reports(folder: Path) -> None:
    for name in (REPORT_JSON, REPORT_HTML):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()


def check_one(task: _Task, settings, check: CheckFunction, limits: ZipLimits, tmp_root: Path | None,
              notify: Callable[[tuple], None] = lambda message: None) -> SummaryRow:
    """Check one applicant and write its reports; every failure becomes the row's error."""
    from verify.applicant import MetadataError, load_applicant
    from verify.campaign import CampaignError

    dossier = task.dossier
    folder_out = task.out_dir / dossier.key
    started = time.monotonic()
    applicant = dossier.applicant
    try:
        with open_dossier(dossier, tmp_root, limits) as folder:
            applicant = applicant or load_applicant(folder)
            pages = min(count_pages(folder), int(getattr(settings, "max_pages", 10**6) or 10**6))
            notify(("start", applicant, pages))
            if _accepts_progress(check):
                result = check(folder, dossier.key, settings, applicant, progress=lambda n=1: notify(("page", n)))
            else:
                result = check(folder, dossier.key, settings, applicant)
            from verify.run.pipeline import build_report

            report = build_report(result)
            report["batch"] = {"fingerprint": task.fingerprint, "inputs_mtime": dossier.newest_input,
                               "seconds": round(time.monotonic() - started, 2)}
            write_reports(folder_out, report, result.pages)
        counts = _counts(result.findings)
        return SummaryRow(dossier.key, applicant.name, str(report.get("verdict", result.verdict)), counts["fail"],
                          counts["review"], counts["pass"], pages=len(result.pages),
                          seconds=time.monotonic() - started, peak_rss_kb=_peak_rss_kb(),
                          unit=applicant.unit or "", problems=tuple(problems_of(report)))
    except (MetadataError, CampaignError) as exc:  # applicant.yaml, or the campaign it names, is wrong
        _remove_reports(folder_out)  # a stale report must not outlive the metadata it was made from
        name = applicant.name if applicant else getattr(exc, "name", "") or ""
        return SummaryRow(dossier.key, name, ERROR_VERDICT, error=str(exc),
                          seconds=time.monotonic() - started, peak_rss_kb=_peak_rss_kb())
    except (InputError, MemoryError, Exception) as exc:
        if isinstance(exc, InputError):
            message = str(exc)
        elif isinstance(exc, MemoryError):
            message = "核验时内存不足，该申报人材料未能完成核验，请人工复核或单独重试"
        else:
            logger.exception("checking %s failed", dossier.key)
            message = f"核验过程出错（{type(exc).__name__}: {exc}），该申报人材料未能完成核验，请人工复核"
        write_reports(folder_out, error_report(dossier.key, applicant, message, task.fingerprint))
        return SummaryRow(dossier.key, applicant.name if applicant else "", ERROR_VERDICT, review=1, error=message,
                          seconds=time.monotonic() - started, peak_rss_kb=_peak_rss_kb(),
                          extra={"memory_error": isinstance(exc, MemoryError)})


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int, interval: float = 0.5) -> None:
    """Make this process end when ``parent_pid`` does, however the parent ends
    (``kill -9`` included): on Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``);
    everywhere a daemon thread checks the parent every ``interval`` seconds."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the kernel was told
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_main(conn, settings, check: CheckFunction | None, limits: ZipLimits, tmp_root: str, log_level: int,
                 parent_pid: int | None = None) -> None:
    """A worker process: takes tasks until it reads ``None``. Its OCR engine (loaded by
    the pipeline on first use) lives as long as the process, and no longer than its
    parent (:func:`die_with_parent`)."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    with contextlib.suppress(AttributeError, ValueError):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # a closed terminal: the parent stops us
    logging.basicConfig(level=log_level, format="%(processName)s %(levelname)s %(name)s: %(message)s")
    check = check or check_with_pipeline
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        row = check_one(task, settings, check, limits, Path(tmp_root), notify=conn.send)
        try:
            conn.send(("done", row))
        except (BrokenPipeError, EOFError, OSError):  # the parent is gone: nobody to report to
            return
        if row.extra.get("memory_error"):
            return  # a fresh process for the next applicant


# ---------------------------------------------------------------- the scheduler


class _Worker:
    def __init__(self, ctx, settings, check, limits, tmp_root, log_level):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main,
                                   args=(child, settings, check, limits, str(tmp_root), log_level, os.getpid()),
                                   name="verify-worker", daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.deadline = 0.0
        self.applicant: Applicant | None = None
        self.pages = 0
        self.pages_read = 0  # pages the pipeline reported done so far
        self.started = False  # the worker said it began the task
        self.dead = False
        self.retiring = False  # exits by itself after its task (after a MemoryError)

    def assign(self, task: _Task, startup_timeout: float) -> None:
        self.task, self.applicant, self.pages, self.pages_read = task, task.dossier.applicant, 0, 0
        self.started = False
        self.deadline = time.monotonic() + startup_timeout
        self.conn.send(task)

    def receive(self) -> list[tuple]:
        messages = []
        try:
            while self.conn.poll():
                messages.append(self.conn.recv())
        except (EOFError, OSError):
            self.dead = True
        except Exception:  # a message cut short by a dying process
            logger.exception("unreadable message from worker %s", self.process.pid)
            self.dead = True
        return messages

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(10)
        with contextlib.suppress(Exception):
            self.conn.close()
        self.dead = True

    def stop(self) -> None:
        if self.process.is_alive() and self.task is None:
            with contextlib.suppress(Exception):
                self.conn.send(None)
            self.process.join(5)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


@dataclass
class BatchOutcome:
    rows: list[SummaryRow]
    seconds: float
    workers: int

    @property
    def all_pass(self) -> bool:
        return all(r.verdict == "pass" for r in self.rows)

    def counts(self) -> dict[str, int]:
        counts = {"pass": 0, "fail": 0, "review": 0, ERROR_VERDICT: 0}
        for r in self.rows:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
        return counts

    def summary_line(self) -> str:
        c = self.counts()
        checked = sum(1 for r in self.rows if not r.skipped)
        return (f"完成：{len(self.rows)} 名申报人（本次核验 {checked}，沿用已有报告 {len(self.rows) - checked}）— "
                f"通过 {c['pass']}，不通过 {c['fail']}，需复核 {c['review']}，无法核验 {c[ERROR_VERDICT]}；"
                f"用时 {self.seconds:.1f} 秒")


def _crash_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"信号 {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"信号 {-exitcode}"
    else:
        how = f"退出码 {exitcode}"
    return (f"核验进程异常退出（{how}，可能是内存不足或 OCR 引擎崩溃），该申报人材料未能完成核验，"
            "请人工复核或单独重试")


def run_batch(dossiers: list[DossierInput], out_dir: Path, settings: "Settings", options: BatchOptions = BatchOptions(),
              *, check: CheckFunction | None = None, stream: TextIO | None = None) -> BatchOutcome:
    """Check every dossier and write ``OUT/<key>/report.{json,html}`` and the summaries.

    ``check`` replaces :func:`verify.run.pipeline.check_dossier` (a picklable, module-level
    function: workers are separate processes). Returns the summary rows.
    """
    with output_folder(Path(out_dir)) as out_dir:
        sweep_partial_writes(out_dir)
        return _run_locked(dossiers, out_dir, settings, options, check=check, stream=stream)


def _run_locked(dossiers: list[DossierInput], out_dir: Path, settings: "Settings", options: BatchOptions,
                *, check: CheckFunction | None, stream: TextIO | None) -> BatchOutcome:
    started = time.monotonic()
    rows: dict[str, SummaryRow] = {}
    todo: deque[_Task] = deque()
    for dossier in dossiers:
        if dossier.error:
            rows[dossier.key] = SummaryRow(dossier.key, verdict=ERROR_VERDICT, error=dossier.error)
            continue
        if unsafe_key(dossier.key):  # a report must land in its own folder under OUT
            rows[dossier.key] = SummaryRow(dossier.key, verdict=ERROR_VERDICT,
                                           error=f"{dossier.key!r}：名称不能用作报告文件夹名（含 .. 或绝对路径），未核验")
            continue
        fingerprint = settings_fingerprint(settings, dossier.applicant)
        current = None if options.force else report_is_current(out_dir / dossier.key / REPORT_JSON, dossier, fingerprint)
        if current is not None:
            rows[dossier.key] = SummaryRow.from_report(current, skipped=True)
            rows[dossier.key].key = dossier.key
            continue
        todo.append(_Task(dossier, out_dir, fingerprint,
                          unpacked=zip_declared_bytes(dossier.path) if dossier.is_zip else 0))

    requested = options.workers
    n_workers = worker_count(requested, len(todo), memory=available_memory(),
                             io_bound=getattr(settings, "engine", "") == "remote")
    if requested and n_workers < min(requested, len(todo)):
        logger.warning("按本机处理器核数与可用内存，核验进程数由 %d 调整为 %d", requested, n_workers)
    estimates = {t.dossier.key: estimate_pages(t.dossier) for t in todo}  # for the order and the progress
    if n_workers > 1 and len(todo) > n_workers:  # longest first: the batch ends when its longest worker does
        todo = deque(sorted(todo, key=lambda t: -estimates[t.dossier.key]))
    if getattr(settings, "ocr_threads", 1) == 0 and dataclasses.is_dataclass(settings):
        settings = dataclasses.replace(settings, ocr_threads=max(1, available_cores() // n_workers))
    progress = BatchProgress(len(dossiers), stream, options.progress, out_dir=out_dir)
    for key, pages in estimates.items():
        progress.plan(key, pages)
    progress.reuse(rows.values())
    logger.info("%d applicants: %d to check with %d workers, %d reused", len(dossiers), len(todo), n_workers,
                len(rows))

    if todo:
        import multiprocessing

        ctx = multiprocessing.get_context(options.start_method)
        sweep_stale_temp()
        temp = contextlib.ExitStack()
        tmp_root = temp.enter_context(temp_area("batch"))
        workers: list[_Worker] = []

        def next_task() -> _Task | None:
            """The next task, unless what the busy workers have extracted plus its own
            archive would pass the space budget (then it waits for one to finish)."""
            if not todo:
                return None
            inflight = sum(w.task.unpacked for w in workers if w.task is not None)
            if inflight and inflight + todo[0].unpacked > options.zip_limits.max_inflight_bytes:
                return None
            return todo.popleft()
        log_level = logging.getLogger().getEffectiveLevel()

        attempts: dict[str, int] = {}

        def finish(worker: _Worker, row: SummaryRow) -> None:
            rows[row.key] = row
            worker.task = None
            if row.extra.get("memory_error"):
                worker.retiring = True
            progress.finished(row, pages_read=worker.pages_read)

        def abandon(worker: _Worker, message: str, retry: bool = True) -> None:
            task = worker.task
            assert task is not None
            attempts[task.dossier.key] = attempts.get(task.dossier.key, 0) + 1
            if retry and not worker.started and attempts[task.dossier.key] < 2:
                # died before it began this applicant (an idle worker killed from outside): once more
                logger.warning("%s: worker died before starting (%s); retrying once", task.dossier.key, message)
                worker.task = None
                todo.appendleft(task)
                return
            logger.warning("%s: %s", task.dossier.key, message)
            name = worker.applicant.name if worker.applicant else ""
            with contextlib.suppress(Exception):
                write_reports(out_dir / task.dossier.key,
                              error_report(task.dossier.key, worker.applicant, message, task.fingerprint))
            finish(worker, SummaryRow(task.dossier.key, name, ERROR_VERDICT, review=1, error=message,
                                      pages=worker.pages_read))

        try:
            while todo or any(w.task for w in workers):
                for w in workers:
                    if w.retiring and not w.dead:
                        w.stop()
                        w.dead = True
                workers = [w for w in workers if not w.dead]
                for w in workers:
                    if w.task is None and w.process.is_alive():
                        task = next_task()
                        if task is not None:
                            w.assign(task, options.startup_timeout)
                while todo and len(workers) < n_workers:
                    task = next_task()
                    if task is None:
                        break
                    w = _Worker(ctx, settings, check, options.zip_limits, tmp_root, log_level)
                    w.assign(task, options.startup_timeout)
                    workers.append(w)
                busy = [w for w in workers if w.task]
                progress.update(running=len(busy))
                if not busy:  # idle workers that died on their own: replace them
                    for w in workers:
                        if not w.process.is_alive():
                            w.dead = True
                    time.sleep(0.05)
                    continue
                wait_for = min(w.deadline for w in busy) - time.monotonic()
                wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy],
                           timeout=max(0.0, min(wait_for, 1.0)))
                for w in busy:
                    for message in w.receive():
                        if message[0] == "start":
                            _, w.applicant, w.pages = message
                            w.started = True
                            progress.plan(w.task.dossier.key, w.pages)
                            w.deadline = time.monotonic() + applicant_timeout(w.pages, options.page_timeout,
                                                                              options.startup_timeout)
                        elif message[0] == "page":
                            w.pages_read += message[1]
                            progress.update(pages=message[1])
                        elif message[0] == "done":
                            finish(w, message[1])
                    if not w.process.is_alive():
                        for message in w.receive():  # what it sent just before exiting
                            if message[0] == "done":
                                finish(w, message[1])
                        w.process.join(1)
                        w.dead = True
                        if w.task is not None:
                            abandon(w, _crash_message(w.process.exitcode))
                    elif w.task is not None and time.monotonic() > w.deadline:
                        w.kill()
                        if w.started:
                            limit = applicant_timeout(w.pages, options.page_timeout, options.startup_timeout)
                            abandon(w, f"核验超时：{w.pages} 页材料超过 {limit:.0f} 秒仍未完成（每页限时 "
                                       f"{options.page_timeout:g} 秒），已中止，请人工复核或单独重试", retry=False)
                        else:
                            abandon(w, f"准备材料超时：解压或读取申报人信息超过 {options.startup_timeout:.0f} 秒，"
                                       "已中止，请人工复核或单独重试", retry=False)
                    elif w.dead and w.task is not None:  # the pipe broke but the process lingers
                        w.kill()
                        abandon(w, _crash_message(w.process.exitcode))
        finally:
            for w in workers:
                w.stop()
            temp.close()
            ordered = sorted(rows.values(), key=lambda r: r.key)
            write_summary(ordered, out_dir, merge=options.merge_summary)
    else:
        write_summary(sorted(rows.values(), key=lambda r: r.key), out_dir, merge=options.merge_summary)

    outcome = BatchOutcome(sorted(rows.values(), key=lambda r: r.key), time.monotonic() - started, n_workers)
    progress.update(running=0, force=True)
    progress.close(outcome.summary_line(), outcome.rows)
    return outcome
