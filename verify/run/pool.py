"""The batch's own executor: a pool of worker processes on this machine.

Each worker process runs :func:`verify.run.task.check_task` (the one task function)
applicant after applicant with the OCR engine it loaded once, and sends back the
:class:`~verify.run.task.DossierOutcome`; the batch's process records it
(:func:`verify.run.task.record_outcome`). A worker that dies (segfault,
``MemoryError``, ``os._exit``) or runs past its time (scaled by the applicant's page
count, :func:`verify.run.resources.applicant_timeout`) is killed and replaced and its
applicant gets :func:`verify.run.task.lost_outcome`; one that died before it began
an applicant gives that applicant to another, once. Workers die with the main
process (:func:`die_with_parent`); the space that all of them extract from zips at
once stays under :attr:`ZipLimits.max_inflight_bytes`.

Moved from ``verify.run.batch``.
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
from multiprocessing.connection import wait as wait_ready
from pathlib import Path

from verify.model import Applicant
from verify.run.resources import (DOSSIER_TIMEOUT, applicant_timeout, cap_worker_memory, dossier_ceiling_applies,
                                  release_freed_memory)
from verify.run.task import CheckFunction, DossierTask, check_task, lost_outcome, without_file
from verify.run.workspace import sweep_stale_temp, temp_area
from verify.run.zips import ZipLimits

logger = logging.getLogger(__name__)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int, interval: float = 0.5) -> None:
    """Make this process end when ``parent_pid`` does, however the parent ends
    (``kill -9`` included): on Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``);
    everywhere a daemon thread checks the parent every ``interval`` seconds.

    Linux sends the signal when the parent *thread* that started the worker ends: a
    caller that runs :func:`verify.run.batch.run_batch` in a thread (the desk) keeps
    that thread alive for the run, which ``run_batch`` does by starting and stopping its
    workers itself."""
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
    cap_worker_memory()  # a file that allocates without bound fails here, not the machine
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    with contextlib.suppress(AttributeError, ValueError):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # a closed terminal: the parent stops us
    logging.basicConfig(level=log_level, format="%(processName)s %(levelname)s %(name)s: %(message)s")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        if message == WARM_UP:
            warm_up(settings)
            continue
        task, task_check = message if isinstance(message, tuple) else (message, check)
        outcome = check_task(task, settings, task_check, limits, Path(tmp_root), notify=conn.send)
        try:
            conn.send(("done", outcome))
        except (BrokenPipeError, EOFError, OSError):  # the parent is gone: nobody to report to
            return
        if outcome.memory_error:
            return  # a fresh process for the next applicant
        release_freed_memory()


#: what a warm worker is sent to load its OCR engine before its first applicant
WARM_UP = "warm-up"


def warm_up(settings) -> None:
    """Load the pipeline and its OCR engine for ``settings`` (what a worker's first
    applicant otherwise waits for: seconds); a failure is the first applicant's to report."""
    try:
        from verify.run.pipeline import engine_for

        engine = engine_for(settings)
        for stage in ("stages", "seal_recognizer"):  # PP-OCR loads its models on first use
            getattr(engine, stage, None)
    except Exception as exc:  # the check loads it again and says what is wrong
        logger.warning("could not load the OCR engine ahead of the first applicant: %s", exc)


class _Worker:
    def __init__(self, ctx, settings, check, limits, tmp_root, log_level):
        self.served = 0  # applicants it finished
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main,
                                   args=(child, settings, check, limits, str(tmp_root), log_level, os.getpid()),
                                   name="verify-worker", daemon=True)
        self.process.start()
        child.close()
        self.task: DossierTask | None = None
        self.deadline = 0.0
        self.applicant: Applicant | None = None
        self.pages = 0
        self.pages_read = 0  # pages the pipeline reported done so far
        self.started = False  # the worker said it began the task
        self.file: str | None = None  # the file it said it is reading
        self.stall = float("inf")  # when it counts as stuck on one page (no page or file since)
        self.dead = False
        self.retiring = False  # exits by itself after its task (after a MemoryError)
        self.idle_since = time.monotonic()  # when it was last kept idle (WarmWorkers)

    def assign(self, task: DossierTask, startup_timeout: float, check: CheckFunction | None = None) -> None:
        """Hand ``task`` over, to be checked with ``check`` (else the check the worker was
        started with: a warm worker serves runs with checks of their own)."""
        self.task, self.applicant, self.pages, self.pages_read = task, task.dossier.applicant, 0, 0
        self.started, self.file, self.stall = False, None, float("inf")
        self.deadline = time.monotonic() + startup_timeout
        try:
            self.conn.send((task, check) if check is not None else task)
        except (BrokenPipeError, ConnectionError, EOFError, OSError) as exc:
            # it died before taking the task (killed at start, out of memory, a full /tmp):
            # the loop finds its process gone and hands the task on once (abandon) - never
            # a crash of the whole batch (an English traceback and an empty summary)
            logger.warning("worker %s gone before its task was handed over (%s)", self.process.pid, exc)

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


#: applicants a warm worker checks before it is replaced: whatever the pipeline keeps
#: between applicants (caches, a leak) stays bounded on a desk that runs for weeks
WARM_MAX_DOSSIERS = 50
#: resident memory past which a worker is replaced after its applicant rather than kept
#: warm (a worker on the sample peaks at 0.8 GB resident: :data:`~verify.run.resources.WORKER_MEMORY_CAP`)
WARM_MAX_RSS = 2 << 30


def resident_bytes(pid: int) -> int | None:
    """The resident memory of process ``pid`` (None where it cannot be read).

    >>> resident_bytes(os.getpid()) > 0
    True
    """
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class WarmWorkers:
    """Worker processes kept between runs of :func:`run_on_pool`, their OCR engine loaded:
    the desk runs one applicant a run, and a fresh worker made the reviewer wait for the
    interpreter, the pipeline and the engine (seconds) before the first page showed.

    A worker is kept after a run only while it is alive and idle, has checked fewer than
    ``max_dossiers`` applicants and holds less than ``max_rss`` bytes resident; one that
    died, hung, ran out of memory or timed out is never kept (the run killed it), so the
    next applicant gets a fresh process, as before. The time limits are the run's, as for
    any worker. Workers are kept for one set of (settings, zip limits, start method): other
    ones replace them. :meth:`release_idle` ends those left idle too long (a desk left
    running overnight held each worker's engine, 0.8 GB, while nothing was checked).

    Use it from one thread, the one that started its workers, and :meth:`close` it there:
    a worker dies with the thread that started it (``PR_SET_PDEATHSIG``,
    :func:`die_with_parent`)."""

    def __init__(self, max_dossiers: int | None = None, max_rss: int | None = None):
        self._max_dossiers, self._max_rss = max_dossiers, max_rss  # None: the module's, as it is then
        self._idle: list[_Worker] = []
        self._key: tuple | None = None
        self._temp = contextlib.ExitStack()
        self._root: Path | None = None
        self.started = 0  # worker processes started for it (a figure for tests and benches)

    def tmp_root(self) -> Path:
        """The temporary area its workers extract zips under (the lifetime of the pool)."""
        if self._root is None:
            sweep_stale_temp()
            self._root = self._temp.enter_context(temp_area("batch"))
        return self._root

    def take(self, key: tuple) -> "_Worker | None":
        """An idle live worker started for ``key``, or None (the others are ended)."""
        if key != self._key:
            self._discard()
            self._key = key
        while self._idle:
            worker = self._idle.pop()
            if worker.process.is_alive() and not worker.dead:
                return worker
            worker.kill()
        return None

    def new(self, ctx, key: tuple, settings, check, limits, log_level) -> "_Worker":
        self.take(key)  # other settings: end the workers started for them
        self.started += 1
        return _Worker(ctx, settings, check, limits, self.tmp_root(), log_level)

    def keep(self, worker: "_Worker") -> bool:
        """Keep ``worker`` for the next run where it may still serve; False: the caller stops it."""
        max_dossiers = WARM_MAX_DOSSIERS if self._max_dossiers is None else self._max_dossiers
        max_rss = WARM_MAX_RSS if self._max_rss is None else self._max_rss
        rss = resident_bytes(worker.process.pid) if worker.process.is_alive() else None
        if (worker.dead or worker.retiring or worker.task is not None or rss is None or rss > max_rss
                or worker.served >= max_dossiers):
            if worker.served >= max_dossiers or (rss or 0) > max_rss:
                logger.info("worker %s replaced after %d applicants, %.0f MB resident", worker.process.pid,
                            worker.served, (rss or 0) / 2**20)
            return False
        worker.idle_since = time.monotonic()
        self._idle.append(worker)
        return True

    def ready(self) -> bool:
        """Whether a live worker is kept idle (the next run waits for no interpreter or engine)."""
        return any(w.process.is_alive() and not w.dead for w in self._idle)

    def release_idle(self, max_idle: float, now: float | None = None) -> int:
        """End the workers kept idle for ``max_idle`` seconds or longer (their OCR engine's
        memory returned to the machine); how many were ended. The next run starts a fresh
        one. Call it from the thread that runs the pool, between runs: a worker is never
        ended while a run may take it."""
        now = time.monotonic() if now is None else now
        stale = [w for w in self._idle if now - w.idle_since >= max_idle]
        for worker in stale:
            self._idle.remove(worker)
            logger.info("warm worker %s ended after %.0f s idle", worker.process.pid, now - worker.idle_since)
            worker.stop()
        return len(stale)

    def prewarm(self, settings, limits: ZipLimits = ZipLimits(), start_method: str = "spawn",
                engine: bool = True) -> None:
        """Start a worker now (its engine loaded where ``engine``), so the first applicant
        waits for neither."""
        import multiprocessing

        key = (settings, limits, start_method)
        kept = self.take(key)
        if kept is not None:  # one is warm already
            self._idle.append(kept)
            return
        worker = self.new(multiprocessing.get_context(start_method), key, settings, None, limits,
                          logging.getLogger().getEffectiveLevel())
        if engine:
            with contextlib.suppress(Exception):
                worker.conn.send(WARM_UP)
        worker.idle_since = time.monotonic()
        self._idle.append(worker)

    def _discard(self) -> None:
        for worker in self._idle:
            worker.stop()
        self._idle.clear()

    def close(self) -> None:
        """End the idle workers and remove the temporary area."""
        self._discard()
        self._temp.close()
        self._root = None


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"信号 {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"信号 {-exitcode}"
    return f"退出码 {exitcode}"


def _crash_message(exitcode: int | None) -> str:
    return (f"核验进程异常退出（{_how(exitcode)}，可能是内存不足或 OCR 引擎崩溃），该申报人材料未能完成核验，"
            "请人工复核或单独重试")


def crash_file_reason(exitcode: int | None) -> str:
    """The review a file gets when its worker died reading it (``None``: the exit code
    is not known, as on a Dask cluster, where the worker died on each try).

    >>> crash_file_reason(None)[:34]
    '核验进程读取该文件时反复异常退出（可能是文件内容异常或占用内存过多）'
    """
    how = f"异常退出（{_how(exitcode)}，" if exitcode is not None else "反复异常退出（"
    return f"核验进程读取该文件时{how}可能是文件内容异常或占用内存过多），已跳过该文件，请人工核对"


#: the review a file gets when reading it ran the worker out of memory
MEMORY_FILE_REASON = "读取该文件时内存不足（文件内容异常或过大），已跳过该文件，请人工核对"


def startup_message(startup_timeout: float, file: str | None = None) -> str:
    """The error of an applicant whose dossier was not open after ``startup_timeout``
    seconds; ``file``: the PDF or TIFF whose pages were being counted.

    >>> startup_message(120, "扫描件/全部.pdf")
    '准备材料超时：统计 扫描件/全部.pdf 的页数超过 120 秒仍未完成（文件结构异常或已损坏），已中止，请人工核对该文件或单独重试'
    """
    if file:
        return (f"准备材料超时：统计 {file} 的页数超过 {startup_timeout:.0f} 秒仍未完成（文件结构异常或已损坏），已中止，"
                "请人工核对该文件或单独重试")
    return f"准备材料超时：解压或读取申报人信息超过 {startup_timeout:.0f} 秒，已中止，请人工复核或单独重试"


def stalled(file: str | None, page_timeout: float) -> tuple[str, str]:
    """(the applicant's error, the file's review) where a worker went
    :func:`stall_limit` seconds on ``file`` without a page."""
    stuck = stall_limit(page_timeout)
    return (f"核验超时：读取 {file or '材料'} 时超过 {stuck:.0f} 秒无进展，已中止，请人工复核或单独重试",
            f"读取该文件超过 {stuck:.0f} 秒无进展（页面内容过于复杂或文件异常），已跳过该文件，请人工核对")


def timed_out(pages: int, page_timeout: float, startup_timeout: float, dossier_timeout: float | None = None,
              pages_read: int = 0, file: str | None = None) -> tuple[str, str | None]:
    """(the applicant's error, the review of the file being read) where ``pages`` pages
    ran past their time (:func:`verify.run.resources.applicant_timeout`). Where that
    time was the whole dossier's ceiling, the error says what was cut and there is no
    file's review: checking the applicant again without the one file would take the
    ceiling again.

    >>> message, file_reason = timed_out(400, 60, 120, 3600, pages_read=150, file="扫描件/全部.pdf")
    >>> print(message); file_reason is None
    核验超时：整份材料限时 3600 秒（不论页数），共 400 页，已读 150 页，读 扫描件/全部.pdf 时中止，其余 250 页未读；本次没有核验结果，请人工复核，或调高整份材料限时（--dossier-timeout）后单独重试
    True
    """
    limit = applicant_timeout(pages, page_timeout, startup_timeout, dossier_timeout)
    if dossier_ceiling_applies(pages, page_timeout, startup_timeout, dossier_timeout):
        where = f"读 {file} 时" if file else ""
        return (f"核验超时：整份材料限时 {limit:.0f} 秒（不论页数），共 {pages} 页，已读 {pages_read} 页，{where}中止，"
                f"其余 {max(0, pages - pages_read)} 页未读；本次没有核验结果，请人工复核，"
                "或调高整份材料限时（--dossier-timeout）后单独重试", None)
    return (f"核验超时：{pages} 页材料超过 {limit:.0f} 秒仍未完成（每页限时 {page_timeout:g} 秒），已中止，"
            "请人工复核或单独重试",
            f"读取该文件时核验超时（{pages} 页材料共限时 {limit:.0f} 秒），已跳过该文件，请人工核对")


def stall_limit(page_timeout: float) -> float:
    """Seconds a worker may go without finishing a page or starting a file before it
    counts as stuck on that file: three pages' time, at least 10 s (the first page loads
    the engine). A render bomb (a page of a million paths, 400 such pages in 90 KB:
    probe alt23 F8) held a worker for the whole applicant's budget, hours."""
    return max(3.0 * page_timeout, 10.0)


def run_on_pool(tasks: list[DossierTask], settings, sink, *, n_workers: int, check: CheckFunction | None = None,
                limits: ZipLimits = ZipLimits(), page_timeout: float = 60.0, startup_timeout: float = 120.0,
                dossier_timeout: float | None = DOSSIER_TIMEOUT, start_method: str = "spawn",
                warm: WarmWorkers | None = None) -> None:
    """Run ``tasks`` (in their order) on ``n_workers`` worker processes; report to
    ``sink``: ``started(key, applicant, pages)``, ``page(key, n)``,
    ``finished(task, outcome, pages_read)`` and ``running(n)``. An applicant may take
    its pages' time, never more than ``dossier_timeout`` seconds once they are counted.
    With ``warm``, workers are taken from it and those fit to serve on are given back
    to it at the end (:class:`WarmWorkers`), else started here and ended."""
    # the worker stops reading at a share of its time and checks what it read (verify.run.pipeline.ReadBudget)
    limits_of_time = (page_timeout, startup_timeout, dossier_timeout)
    todo: deque[DossierTask] = deque(dataclasses.replace(t, time_limits=limits_of_time) for t in tasks)
    if todo:
        import multiprocessing

        ctx = multiprocessing.get_context(start_method)
        temp = contextlib.ExitStack()
        if warm is None:
            sweep_stale_temp()
            tmp_root = temp.enter_context(temp_area("batch"))
        key = (settings, limits, start_method)
        sent_check = check if warm is not None else None  # a warm worker may have been started for another
        workers: list[_Worker] = []

        def next_task() -> DossierTask | None:
            """The next task, unless what the busy workers have extracted plus its own
            archive would pass the space budget (then it waits for one to finish)."""
            if not todo:
                return None
            inflight = sum(w.task.unpacked for w in workers if w.task is not None)
            if inflight and inflight + todo[0].unpacked > limits.max_inflight_bytes:
                return None
            return todo.popleft()
        log_level = logging.getLogger().getEffectiveLevel()

        attempts: dict[str, int] = {}
        reruns: dict[str, int] = {}

        def rerun_without(task: DossierTask, file: str | None, reason: str) -> bool:
            """Check ``task`` once more without ``file`` (:func:`~verify.run.task.without_file`)."""
            again = without_file(task, file, reason, reruns)
            if again is not None:
                todo.appendleft(again)
            return again is not None

        def finish(worker: _Worker, outcome) -> None:
            task = worker.task
            worker.task = None
            worker.served += 1
            if outcome.memory_error:
                worker.retiring = True
                if rerun_without(task, outcome.row.extra.get("failed_file"), MEMORY_FILE_REASON):
                    return
            sink.finished(task, outcome, worker.pages_read)

        def abandon(worker: _Worker, message: str, retry: bool = True, file_reason: str | None = None) -> None:
            task = worker.task
            assert task is not None
            if worker.started and file_reason and rerun_without(task, worker.file, file_reason):
                worker.task = None
                return
            attempts[task.dossier.key] = attempts.get(task.dossier.key, 0) + 1
            if retry and not worker.started and attempts[task.dossier.key] < 2:
                # died before it began this applicant (an idle worker killed from outside): once more
                logger.warning("%s: worker died before starting (%s); retrying once", task.dossier.key, message)
                worker.task = None
                todo.appendleft(task)
                return
            logger.warning("%s: %s", task.dossier.key, message)
            finish(worker, lost_outcome(task, worker.applicant, message, worker.pages_read))

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
                            w.assign(task, startup_timeout, sent_check)
                while todo and len(workers) < n_workers:
                    task = next_task()
                    if task is None:
                        break
                    if warm is not None:
                        w = warm.take(key) or warm.new(ctx, key, settings, check, limits, log_level)
                    else:
                        w = _Worker(ctx, settings, check, limits, tmp_root, log_level)
                    w.assign(task, startup_timeout, sent_check)
                    workers.append(w)
                busy = [w for w in workers if w.task]
                sink.running(len(busy))
                if not busy:  # idle workers that died on their own: replace them
                    for w in workers:
                        if not w.process.is_alive():
                            w.dead = True
                    time.sleep(0.05)
                    continue
                wait_for = min(min(w.deadline, w.stall) for w in busy) - time.monotonic()
                wait_ready([w.conn for w in busy] + [w.process.sentinel for w in busy],
                           timeout=max(0.0, min(wait_for, 1.0)))
                for w in busy:
                    for message in w.receive():
                        if message[0] == "start":
                            _, w.applicant, w.pages = message
                            w.started = True
                            sink.started(w.task.key, w.applicant, w.pages)
                            w.deadline = time.monotonic() + applicant_timeout(w.pages, page_timeout,
                                                                              startup_timeout, dossier_timeout)
                        elif message[0] == "page":
                            w.pages_read += message[1]
                            w.stall = time.monotonic() + stall_limit(page_timeout)
                            sink.page(w.task.key, message[1])
                        elif message[0] == "file":  # (before its start: a file its pages are counted in)
                            w.file = message[1]
                            w.stall = time.monotonic() + stall_limit(page_timeout) if w.started else float("inf")
                        elif message[0] == "done":
                            finish(w, message[1])
                    if not w.process.is_alive():
                        for message in w.receive():  # what it sent just before exiting
                            if message[0] == "done":
                                finish(w, message[1])
                        w.process.join(1)
                        w.dead = True
                        if w.task is not None:
                            abandon(w, _crash_message(w.process.exitcode),
                                    file_reason=crash_file_reason(w.process.exitcode))
                    elif w.task is not None and w.started and time.monotonic() > w.stall:
                        w.kill()
                        message, file_reason = stalled(w.file, page_timeout)
                        abandon(w, message, retry=False, file_reason=file_reason)
                    elif w.task is not None and time.monotonic() > w.deadline:
                        w.kill()
                        if w.started:
                            message, file_reason = timed_out(w.pages, page_timeout, startup_timeout, dossier_timeout,
                                                             w.pages_read, w.file)
                            abandon(w, message, retry=False, file_reason=file_reason)
                        else:
                            abandon(w, startup_message(startup_timeout, w.file), retry=False)
                    elif w.dead and w.task is not None:  # the pipe broke but the process lingers
                        w.kill()
                        abandon(w, _crash_message(w.process.exitcode),
                                file_reason=crash_file_reason(w.process.exitcode))
        finally:
            for w in workers:
                if warm is None or not warm.keep(w):
                    w.stop()
            temp.close()
