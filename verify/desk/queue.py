"""The check queue: applicants waiting in the database, checked by the batch runner.

Each of ``workers`` dispatcher threads takes the oldest queued applicant and hands it
to :func:`verify.run.batch.run_batch` — the same runner as ``verify batch``, so the
desk gets its worker processes, zip guard, page timeouts and crash isolation (a
worker that dies or hangs yields a ``review`` report, never a lost applicant). The
check itself is :func:`verify.desk.worker.check_for_desk`, which reports progress to
the applicant's ``progress.json``. When the runner returns, the findings go into the
database (:func:`verify.desk.review.record_run`).

Each dispatcher thread keeps its worker process warm between checks
(:class:`verify.run.pool.WarmWorkers`, started with the thread, its OCR engine loaded
before the first upload): a fresh process per check made every reviewer wait for the
interpreter and the engine before the first page showed. A worker that crashed, hung or
ran out of memory is not kept (the next check gets a fresh one), nor one past
:data:`~verify.run.pool.WARM_MAX_DOSSIERS` applicants or
:data:`~verify.run.pool.WARM_MAX_RSS` resident. One left idle for ``worker_idle`` seconds
(``verify desk --worker-idle``) is ended, its engine's memory returned: a desk left running
overnight or over a weekend held 0.8 GB a worker while nothing was checked. The thread that
dispatches the checks is the one that ends it, between two looks at the queue, so a check is
never handed to a worker being ended; the next check starts a fresh one, its progress saying
so (启动识别引擎) while the engine loads, as the first check after the desk's start.

A desk stopped while checking puts those applicants back in the queue on its next start.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import multiprocessing
import threading
import time

from verify.desk import audit, intake, review
from verify.desk.store import DataFolder, transaction
from verify.desk.worker import ProgressFile

logger = logging.getLogger(__name__)

#: seconds a warm worker may stay idle before the desk ends it (``verify desk --worker-idle``'s
#: default, 30 minutes): a pause between two uploads keeps it, a night or a weekend does not
WORKER_IDLE = 30 * 60.0

#: seconds a dispatcher waits on an empty queue before it looks again (an upload wakes it at
#: once): a worker idle past ``worker_idle`` is ended at most this much later
QUEUE_LOOK = 2.0


def submit(conn, applicant_id: int, user: str) -> None:
    """Queue a check (inside the caller's transaction, with its audit row)."""
    row = conn.execute("SELECT state, run_no, metadata_error, withdrawn_at FROM applicants WHERE id = ?",
                       (applicant_id,)).fetchone()
    if row is None or row["withdrawn_at"] or row["state"] in ("queued", "running"):
        return
    conn.execute("UPDATE applicants SET state = 'queued', queued_at = ? WHERE id = ?", (time.time(), applicant_id))
    audit.append(conn, user, "check.queued", applicant_id=applicant_id, target=f"第 {row['run_no'] + 1} 次核验")


class CheckQueue:
    """Dispatcher threads over the queued applicants of one data folder."""

    def __init__(self, folder: DataFolder, settings, *, workers: int = 1, options=None, inner_check=None,
                 on_change=None, worker_idle: float | None = None):
        from verify.run.batch import BatchOptions

        self.folder = folder
        self.settings = settings
        self.workers = max(1, workers)
        self.options = dataclasses.replace(options or BatchOptions(), workers=1, progress="none", force=True)
        self.inner_check = inner_check  # replaces the pipeline inside the worker (tests); must pickle
        self.on_change = on_change or (lambda: None)
        #: seconds a warm worker may stay idle before it is ended (None or 0: kept for good)
        self.worker_idle = worker_idle or None
        self._wake = threading.Condition()
        self._stopping = False
        self._threads: list[threading.Thread] = []
        self._local = threading.local()  # each dispatcher thread's warm workers (they die with their thread)
        self.warm_pools: list = []  # every thread's, for tests and figures
        self.released = 0  # idle releases of warm workers (a figure for tests)

    # ------------------------------------------------------------ control

    def start(self) -> None:
        with self.folder.connection() as conn, transaction(conn):
            conn.execute("UPDATE applicants SET state = 'queued' WHERE state = 'running'")
        try:
            if removed := drop_all_unreachable(self.folder):
                logger.info("removed %d files of earlier checks that no page shows", removed)
        except Exception:  # never keeps the desk from starting
            logger.exception("cannot prune the earlier checks' files")
        for n in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"desk-queue-{n + 1}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        with self._wake:
            self._wake.notify_all()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking work; end the running checks' worker processes (their applicants
        go back to the queue for the next start)."""
        self._stopping = True
        self.wake()
        for child in multiprocessing.active_children():  # only the batch workers this process started
            with contextlib.suppress(Exception):
                child.kill()
        for thread in self._threads:
            thread.join(timeout)

    # ------------------------------------------------------------ work

    def _claim(self):
        with self.folder.connection() as conn, transaction(conn):
            row = conn.execute("SELECT id, key, run_no FROM applicants WHERE state = 'queued'"
                               " AND withdrawn_at IS NULL ORDER BY queued_at, id LIMIT 1").fetchone()
            if row is None:
                return None
            conn.execute("UPDATE applicants SET state = 'running', started_at = ? WHERE id = ?",
                         (time.time(), row["id"]))
            return dict(row)

    def _loop(self) -> None:
        from verify.run.batch import pool_settings
        from verify.run.pool import WarmWorkers

        warm = self._local.warm = WarmWorkers()
        self.warm_pools.append(warm)
        try:
            if self._pipeline():
                # the pipeline's worker, started and its engine loaded before the first upload
                warm.prewarm(pool_settings(self.settings, 1), self.options.zip_limits, self.options.start_method)
            self._serve()
        except Exception:
            logger.exception("the check queue stopped")
        finally:
            warm.close()

    def _serve(self) -> None:
        while not self._stopping:
            try:
                job = self._claim()
            except Exception:
                logger.exception("cannot read the queue")
                job = None
            if job is None:  # nothing queued: the moment to end a worker idle too long
                self._release_idle()
                with self._wake:
                    self._wake.wait(QUEUE_LOOK)
                continue
            self.on_change()
            try:
                self.run(job["id"], job["key"], job["run_no"] + 1)
            except Exception as exc:
                logger.exception("checking applicant %s failed", job["id"])
                self._record(job["id"], job["run_no"] + 1, None, "error", _failure_zh(exc))
            self.on_change()

    def _pipeline(self) -> bool:
        """Whether the checks run the pipeline in this desk's own workers (not a test's
        check, not a Dask cluster): then a worker is started with its engine loaded."""
        return self.inner_check is None and self.settings is not None and not self.options.scheduler

    def _release_idle(self) -> None:
        """End this thread's warm worker where it has been idle ``worker_idle`` seconds. Only
        the dispatcher thread calls it, between claims: no check can be handed to it meanwhile."""
        warm = getattr(self._local, "warm", None)
        if warm is None or not self.worker_idle or self._stopping:
            return
        try:
            if warm.release_idle(self.worker_idle):
                self.released += 1
        except Exception:  # the next check gets a fresh worker all the same
            logger.exception("cannot end an idle worker")

    def run(self, applicant_id: int, key: str, run_no: int) -> None:
        from verify.run.batch import DossierInput, REPORT_JSON, pool_settings, read_report, run_batch
        from verify.desk.worker import check_for_desk

        progress = self.folder.progress_file(applicant_id)
        warm = getattr(self._local, "warm", None)
        if warm is not None and not self.options.scheduler and not warm.ready():
            # no worker kept (the first check, one after a crash or after an idle release):
            # the reviewer sees the engine start, which takes seconds, not a stuck 准备材料
            ProgressFile(progress).step("engine")
            if self._pipeline():
                with contextlib.suppress(Exception):  # else run_batch starts one as it always did
                    warm.prewarm(pool_settings(self.settings, 1), self.options.zip_limits, self.options.start_method)
        else:
            ProgressFile(progress).step("prepare")
        run_dir = self.folder.run_dir(applicant_id, run_no)
        run_dir.mkdir(parents=True, exist_ok=True)
        report_dir = run_dir / key
        check = functools.partial(check_for_desk, progress_file=str(progress),
                                  pages_file=str(report_dir / "pages.pickle"), inner=self.inner_check,
                                  not_extracted_file=str(self.folder.not_extracted_file(applicant_id)))
        dossier = DossierInput(key=key, path=self.folder.input_dir(applicant_id))
        # the files as the check is about to read them: one replaced while it runs then
        # differs from this at the next check, and the decisions made on it go stale
        digests = intake.file_digests(dossier.path)
        outcome = run_batch([dossier], run_dir, self.settings, self.options, check=check,
                            warm=getattr(self._local, "warm", None))
        if self._stopping:  # the worker was ended by stop(): check it again next time
            with self.folder.connection() as conn, transaction(conn):
                conn.execute("UPDATE applicants SET state = 'queued' WHERE id = ?", (applicant_id,))
            return
        row = outcome.rows[0]
        report = read_report(report_dir / REPORT_JSON)
        self._record(applicant_id, run_no, report, row.verdict, row.error or None, digests)
        with contextlib.suppress(OSError):
            progress.unlink()
        drop_unreachable(self.folder, applicant_id, run_no)

    def _record(self, applicant_id: int, run_no: int, report, verdict: str, error: str | None,
                digests: dict[str, str] | None = None) -> None:
        with self.folder.connection() as conn:
            with transaction(conn):
                review.record_run(conn, applicant_id, run_no, report, verdict, error, digests)
            audit.write_head(conn, self.folder.audit_head)


def _failure_zh(exc: Exception) -> str:
    """What a reviewer is told of a check the desk could not complete: the data folder's
    disk full (or read-only) said so, the check's result not saved (a batch stops at the
    first report it cannot write for it: :class:`verify.run.batch.OutputFull`); anything
    else an internal error.

    >>> import errno
    >>> _failure_zh(OSError(errno.ENOSPC, "No space left on device"))
    '核验结果未能保存（磁盘空间不足）：审核台数据目录所在磁盘已满或不可写，请联系管理员处理后重新核验'
    >>> _failure_zh(RuntimeError("x"))
    '审核台未能完成核验（内部错误），请重新核验或联系管理员'
    """
    from ocr.errors import os_reason
    from verify.run.batch import OUTPUT_FULL_ERRNOS, OutputFull

    cause = exc.__cause__ if isinstance(exc, OutputFull) else exc
    if isinstance(cause, OSError) and cause.errno in OUTPUT_FULL_ERRNOS:
        return (f"核验结果未能保存（{os_reason(cause, writing=True)}）：审核台数据目录所在磁盘已满或不可写，"
                "请联系管理员处理后重新核验")
    return "审核台未能完成核验（内部错误），请重新核验或联系管理员"


#: what each check before the latest keeps: the record of what it found, which the
#: decisions made on it cite (a few KB)
KEPT_OF_EARLIER_CHECKS = ("report.json",)


def drop_unreachable(folder: DataFolder, applicant_id: int, run_no: int) -> int:
    """Remove what no page of the desk reaches of the applicant's checks before ``run_no``:
    their ``report.html`` (the desk serves only the latest check's, ``/applicants/<id>/report.html``),
    their ``pages.pickle`` (it draws only the latest check's pages) and their run's
    ``summary.csv`` and ``summary.xlsx``. A report.html holds every page's image (as large as
    the scans, 2 MB of a 1.8 MB dossier), and each recheck and 补交 kept one more: a desk's
    disk grew by a copy of the dossier per recheck, for weeks. Each check's ``report.json``
    stays (:data:`KEPT_OF_EARLIER_CHECKS`). How many files were removed.

    >>> import tempfile
    >>> folder = DataFolder(tempfile.mkdtemp())
    >>> for n in (1, 2, 3):
    ...     d = folder.run_dir(7, n) / "A1"; d.mkdir(parents=True)
    ...     for name in ("pages.pickle", "report.json", "report.html"): _ = (d / name).write_bytes(b"p")
    ...     _ = (d.parent / "summary.csv").write_bytes(b"k")
    >>> drop_unreachable(folder, 7, 3)
    6
    >>> sorted(p.relative_to(folder.applicant_dir(7)).as_posix() for p in folder.applicant_dir(7).rglob("*.*"))[:3]
    ['runs/1/A1/report.json', 'runs/2/A1/report.json', 'runs/3/A1/pages.pickle']
    >>> len(list(folder.run_dir(7, 3).rglob("*.*")))
    4
    """
    removed = 0
    try:
        runs = [d for d in (folder.applicant_dir(applicant_id) / "runs").iterdir()
                if d.name.isdigit() and int(d.name) < run_no and d.is_dir() and not d.is_symlink()]
    except OSError:
        return 0
    for run in runs:
        for path in [*run.glob("*/pages.pickle"), *run.glob("*/report.html"), run / "summary.csv",
                     run / "summary.xlsx"]:
            if path.name in KEPT_OF_EARLIER_CHECKS or path.is_symlink() or not path.is_file():
                continue
            try:
                path.unlink()
                removed += 1
            except OSError as exc:
                logger.warning("cannot remove %s (%s)", path, exc)
    return removed


def drop_all_unreachable(folder: DataFolder) -> int:
    """:func:`drop_unreachable` for every applicant at its latest check (a data folder
    an older desk filled, once at start); how many files were removed."""
    with folder.connection() as conn:
        rows = conn.execute("SELECT id, run_no FROM applicants WHERE run_no > 1").fetchall()
    return sum(drop_unreachable(folder, row["id"], row["run_no"]) for row in rows)


def progress_of(folder: DataFolder, row) -> dict:
    """What the browser shows of one applicant: state, step, pages done of total, verdict."""
    from verify.desk.worker import STEP_NAMES_ZH, read_progress

    out = {"id": row["id"], "state": row["state"], "verdict": row["verdict"],
           "state_zh": review.STATE_NAMES_ZH.get(row["state"], row["state"])}
    if row["state"] == "running":
        p = read_progress(folder.progress_file(row["id"]))
        step = p.get("step") or "prepare"
        out.update(step=step, step_zh=STEP_NAMES_ZH.get(step, step), pages_done=int(p.get("pages_done") or 0),
                   pages_total=int(p.get("pages_total") or 0))
    elif row["state"] == "queued":
        out.update(step="queued", step_zh=STEP_NAMES_ZH["queued"], pages_done=0, pages_total=0)
    if row["state"] == "done":
        out["verdict_zh"] = review.VERDICT_NAMES_ZH.get(row["verdict"] or "", row["verdict"] or "")
    return out


def active_rows(conn, ids: set[int] = frozenset(), since: float | None = None) -> list:
    """Applicants queued or running, those whose check ended at or after ``since`` (a time.time()),
    and those of ``ids`` (which the browser watches). A check of a few pages on a warm worker
    can start and end between two looks at the queue: only its end tells a page open meanwhile
    that the row changed."""
    columns = "id, state, verdict, counts, run_no, decision, decision_stale"
    rows = conn.execute(f"SELECT {columns} FROM applicants WHERE state IN ('queued', 'running')"
                        + (" OR (state = 'done' AND finished_at >= ?)" if since is not None else ""),
                        () if since is None else (since,)).fetchall()
    have = {r["id"] for r in rows}
    extra = [i for i in ids if i not in have]
    if extra:
        rows += conn.execute(f"SELECT {columns} FROM applicants WHERE id IN ({','.join('?' * len(extra))})",
                             extra).fetchall()
    return rows
