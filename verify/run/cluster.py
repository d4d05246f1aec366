"""The batch on a Dask cluster: ``verify batch ARCHIVE -o OUT --scheduler tcp://HOST:8786``.

Each applicant is one Dask task running :func:`verify.run.task.check_task`, the same
function the local pool runs; its :class:`~verify.run.task.DossierOutcome` (summary
row and report files) comes back to this process, which alone writes ``OUT``
(:func:`verify.run.task.record_outcome`), so ``OUT`` need not be shared. Workers read
the dossiers from the path the client gives, which every worker must reach (a
shared file system mounted at the same path), or from an fsspec URL
(:mod:`verify.run.remote_inputs`: ``s3://``, ``sftp://``, ``file://``…; each worker
copies its applicant into its own directory, within the zip guard's limits).

How the local pool's guarantees map on Dask:

* *a crashing dossier* (segfault, ``os._exit``, a worker killed by its nanny for
  memory) takes its worker process down; the nanny starts a new one and the
  scheduler runs the task again elsewhere, at most ``allowed-failures`` times (the
  scheduler's setting, ``distributed.scheduler.allowed-failures``, default 3; 1 on
  the local cluster this module starts); after that the task fails with
  ``KilledWorker`` and the applicant gets an ``error`` row and a ``review`` report;
* *a hung dossier* is stopped by the same page-based deadline as locally, under the
  same whole-dossier ceiling (:func:`verify.run.batch.applicant_timeout`), kept here from the worker's
  ``start`` event: its applicant gets an ``error`` row, its task is cancelled and its
  worker restarted through its nanny (a thread cannot be stopped otherwise);
* *memory* is bounded by each worker's nanny (``dask worker --memory-limit 3GiB``:
  the nanny restarts a worker past 95 %, which counts as a crash above) and, as in
  the local pool, by the worker process's own cap
  (:func:`verify.run.resources.cap_worker_memory`): a file that allocates faster than
  the nanny looks fails at once with ``MemoryError``, naming the file;
* *one bad file* does not cost the applicant's other findings: workers announce each
  file they begin (``file`` events); an applicant whose try died on a file (its
  worker lost twice, a ``MemoryError``, no page for :func:`verify.run.pool.stall_limit`
  seconds, its time run out) is checked once more without that file, which gets a
  review saying why, as the local pool does;
* *a rerun* skips applicants whose report in ``OUT`` is current: decided here,
  before anything is sent to the cluster;
* *progress* shows applicants and pages across the cluster: workers send ``begin``,
  ``start`` and ``page`` events on the ``verify-batch`` topic
  (``Worker.log_event``), this process subscribes to it.

Workers keep an OCR cache on their own disk (:data:`WORKER_CACHE`: the path in
``VERIFY_OCR_CACHE``, else ``~/.cache/dossier-verify/ocr-cache.sqlite``) unless
``--cache`` names a path (as the workers see it) or ``--no-cache`` is given.
"""
from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import pickle
import queue
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from verify.run.resources import (DOSSIER_TIMEOUT, applicant_timeout, available_cores, cap_worker_memory,
                                  release_freed_memory)
from verify.run.task import CheckFunction, DossierOutcome, DossierTask, check_task, lost_outcome, without_file
from verify.run.zips import InputError, ZipLimits

logger = logging.getLogger(__name__)


class ClusterLost(InputError):
    """The scheduler went away mid-run: the unfinished applicants are error rows, and
    the run ends as an interrupted one (it printed 完成 and exited 0: hostile
    exploration 5, P7)."""

    interrupted = True


class NoWorkers(InputError):
    """No worker joined the scheduler within the wait (``--cluster-wait``): a rerun after
    a scheduler restart, whose workers had closed with the old one, waited forever without
    a word (hostile exploration 6, D5). ``interrupted``: the workers left mid-run."""

    def __init__(self, message: str, interrupted: bool = False):
        super().__init__(message)
        self.interrupted = interrupted


class WorkerCannotRead(Exception):
    """Raised on a worker that cannot open a dossier's path: the folder (or zip) is
    missing there or not readable by the worker's user. The client listed it, so this
    is the worker's environment, not the applicant's dossier: the client runs it on
    another worker (it was an error row blaming the applicant, 「申报材料文件夹无法打开
    （没有读取权限）」: hostile exploration 6, D4)."""

    def __init__(self, reason: str, worker: str):
        super().__init__(reason, worker)
        self.reason, self.worker = reason, worker


TOPIC = "verify-batch"
#: ``Settings.cache_path`` meaning "each worker's own cache on its own disk".
WORKER_CACHE = "@worker"
LOCAL_SCHEDULER = "local"
#: The Dask settings the batch wants, for the local cluster and (``DASK_CONFIG`` set to
#: this folder, docs/SCALE.md) for ``dask scheduler`` and ``dask worker``: a dossier
#: that kills its worker is run once more elsewhere, then reported; a worker holds only
#: the task it runs; workers keep glibc's own memory trimming (see the file).
DASK_CONFIG_DIR = Path(__file__).resolve().parent / "dask-config"


def dask_settings() -> dict[str, object]:
    """:data:`DASK_CONFIG_DIR`'s settings as dotted keys, what ``dask.config.set`` takes
    without replacing the rest of a section.

    >>> s = dask_settings()
    >>> s["distributed.scheduler.allowed-failures"], s["distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"]
    (1, None)
    """
    import yaml

    def flat(d: dict, prefix: str = "") -> dict[str, object]:
        out: dict[str, object] = {}
        for k, v in d.items():
            out.update(flat(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}": v})
        return out

    return flat(yaml.safe_load((DASK_CONFIG_DIR / "verify.yaml").read_text(encoding="utf-8")))


def worker_cache_path() -> str:
    """Where a worker keeps its OCR cache: ``$VERIFY_OCR_CACHE`` or the user's cache folder."""
    explicit = os.environ.get("VERIFY_OCR_CACHE")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "dossier-verify", "ocr-cache.sqlite")


def _worker_settings(settings, host_threads: dict[str, int]):
    """The settings as this worker runs them: its own cache, its share of the cores."""
    from distributed import get_worker

    changes = {}
    if getattr(settings, "cache_path", None) == WORKER_CACHE:
        changes["cache_path"] = worker_cache_path()
    if getattr(settings, "ocr_threads", 1) == 0:
        worker = get_worker()
        host = _host(worker.address)
        sharing = host_threads.get(host) or worker.state.nthreads
        changes["ocr_threads"] = max(1, available_cores() // max(1, sharing))
    return replace(settings, **changes) if changes else settings


def _host(address: str) -> str:
    """``tcp://10.0.0.5:40123`` -> ``10.0.0.5``.

    >>> _host("tcp://10.0.0.5:40123"), _host("tls://[::1]:8786")
    ('10.0.0.5', '[::1]')
    """
    rest = address.split("://", 1)[-1]
    return rest.rsplit(":", 1)[0]


#: Seconds the batch waits for a first worker to join the scheduler (``--cluster-wait``).
WORKER_WAIT = 120.0
#: Seconds between two looks at the scheduler's worker count during a run.
WORKER_LOOK = 5.0
#: Workers an applicant is tried on when workers cannot read its dossier.
MAX_READ_TRIES = 3


def _access_problem(dossier) -> OSError | None:
    """Why this process cannot open ``dossier``'s path (``None``: it can; a dossier under
    a URL is copied where it is checked, so it has none here)."""
    if dossier.remote is not None:
        return None
    try:
        if dossier.path.suffix.lower() == ".zip" and not dossier.path.is_dir():
            with open(dossier.path, "rb"):
                pass
        else:
            with os.scandir(dossier.path):
                pass
    except OSError as exc:
        return exc
    return None


def _unreadable_message(key: str, tried: dict[str, str]) -> str:
    """The error row of an applicant no worker could read, though this process can.

    >>> _unreadable_message("A1", {"tcp://10.0.0.5:4001": "没有读取权限"})
    '某个计算节点无法读取 A1 的申报材料文件夹（tcp://10.0.0.5:4001：没有读取权限），已在 1 个计算节点上尝试，均无法读取；本机可以读取，这是集群的存储挂载或访问权限问题，不是申报材料的问题，请检查各计算节点能否以同一路径读取材料目录后重新运行'
    """
    nodes = "；".join(f"{worker}：{reason}" for worker, reason in tried.items())
    return (f"某个计算节点无法读取 {key} 的申报材料文件夹（{nodes}），已在 {len(tried)} 个计算节点上尝试，均无法读取；本机可以读取，"
            "这是集群的存储挂载或访问权限问题，不是申报材料的问题，请检查各计算节点能否以同一路径读取材料目录后重新运行")


#: The most seconds a worker waits for a file's announcement to leave it (:func:`_until_sent`).
FILE_EVENT_WAIT = 2.0


def _until_sent(worker, timeout: float = FILE_EVENT_WAIT) -> None:
    """Wait, at most ``timeout`` seconds, until the events this task has logged have left the
    worker: events go to the scheduler in batches (``worker.batched_stream``, every few
    milliseconds), and a file that kills the worker must not take it down before its
    announcement is written, or the applicant becomes an error row where it should be
    checked once more without that file. A fixed 5 ms wait was too short on a loaded
    machine (the whole suite beside three other jobs: 「核验进程反复异常退出」 for a bomb
    named nowhere); with no wait at all the test's bomb was never named.

    The check runs on the worker's event loop after the event's own ``batched_send``
    (callbacks run in order): the batch holding the event is the next one while the
    stream's buffer holds anything, and a batch's bytes are handed to the socket in the
    same turn of the loop that takes it from the buffer; one more turn is waited."""
    import threading

    done = threading.Event()

    def check(target: int | None = None) -> None:
        stream = getattr(worker, "batched_stream", None)
        if stream is None:
            done.set()
            return
        if target is None:
            target = stream.batch_count + (1 if stream.buffer else 0)
        if stream.batch_count >= target:
            worker.loop.add_callback(done.set)
        else:
            worker.loop.call_later(0.001, check, target)

    try:
        worker.loop.add_callback(check)
    except Exception:  # the loop closing: nothing is waited for
        return
    done.wait(timeout)

try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - Dask is part of the set-up
    WorkerPlugin = object


class MemoryCapPlugin(WorkerPlugin):
    """A Dask worker plugin: caps each worker process's data as the local pool caps its
    workers (:func:`verify.run.resources.cap_worker_memory`), on the workers there are
    and on those the nannies start later. The client registers it for the run."""

    name = "verify-memory-cap"
    idempotent = True

    def setup(self, worker) -> None:
        cap_worker_memory()


def _register_memory_cap(client) -> None:
    try:
        client.register_plugin(MemoryCapPlugin(), name=MemoryCapPlugin.name)
    except Exception as exc:  # the nanny's memory limit still bounds the workers
        logger.warning("could not cap the workers' memory: %s", exc)


def dask_check(task: DossierTask, settings, check: CheckFunction | None, limits: ZipLimits, run: str,
               host_threads: dict[str, int], tag: str = "", check_access: bool = True) -> DossierOutcome:
    """The Dask task: :func:`check_task` on a worker, its progress sent as events
    (``tag``: the future's key, so that a late event of an abandoned try is not taken
    for its rerun's). ``check_access``: a dossier this worker cannot open raises
    :class:`WorkerCannotRead` (the client decides whose problem it is)."""
    from distributed import get_worker

    worker = get_worker()
    attempt = uuid.uuid4().hex[:8]

    def event(kind: str, **values) -> None:
        with contextlib.suppress(Exception):  # progress is never worth a dossier
            worker.log_event(TOPIC, {"run": run, "key": task.key, "tag": tag, "kind": kind, "attempt": attempt,
                                     "worker": worker.address, **values})

    def notify(message: tuple) -> None:
        if message[0] == "start":
            event("start", pages=int(message[2]), applicant=pickle.dumps(message[1]))
        elif message[0] == "page":
            event("page", n=int(message[1]))
        elif message[0] == "file":
            event("file", file=message[1])
            if message[1]:
                _until_sent(worker)

    event("begin")
    problem = _access_problem(task.dossier) if check_access else None
    if problem is not None:
        from ocr.errors import os_reason

        raise WorkerCannotRead(os_reason(problem), worker.address)
    settings = _worker_settings(settings, host_threads)
    tmp_parent = Path(worker.local_directory) / "verify-tmp"
    tmp_parent.mkdir(parents=True, exist_ok=True)
    outcome = check_task(task, settings, check, limits, tmp_parent, notify)
    release_freed_memory()
    return outcome


@dataclass
class _Running:
    """What this process knows of a task on the cluster."""

    task: DossierTask
    future: object
    deadline: float = float("inf")  # none until a worker begins it
    worker: str = ""
    attempt: str = ""
    started: bool = False
    applicant: object = None
    pages: int = 0
    read: dict = field(default_factory=dict)  # attempt -> pages read
    counted: int = 0  # pages already given to the progress
    file: str | None = None  # the file the worker said it is reading
    stall: float = float("inf")  # when it counts as stuck on that file
    on: frozenset = frozenset()  # the workers it may run on (others could not open its dossier)


#: seconds a remote scheduler is given to answer (Dask's own default connect timeout)
CONNECT_TIMEOUT = 30.0


@contextlib.contextmanager
def connect(scheduler: str, workers: int = 0, memory_limit: str | None = None) -> Iterator[object]:
    """A :class:`distributed.Client` for ``tcp://HOST:PORT``, or for a local cluster of
    ``workers`` single-threaded processes (``"local"``) started and stopped here."""
    from distributed import Client, LocalCluster

    if scheduler == LOCAL_SCHEDULER:
        import dask

        n = workers or available_cores()
        with dask.config.set(dask_settings()):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                   memory_limit=memory_limit or "auto", silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"无法连接 Dask 调度器 {scheduler}（{type(exc).__name__}，已等待 {CONNECT_TIMEOUT:g} 秒），请确认 dask scheduler 已启动且地址正确") from None
    try:
        yield client
    finally:
        client.close()


def _wait_for_workers(client, scheduler: str, wait: float, note) -> dict[str, int]:
    """The scheduler's workers (address: threads) once it has one: waited on for ``wait``
    seconds with a word (``note``), then :class:`NoWorkers`. Workers close with their
    scheduler, so a rerun after a scheduler restart found none and waited for ever
    without a word. (Not ``scheduler_info()``: the client's periodic update, which
    lists no worker, can replace its answer before it is returned.)"""
    nthreads = client.nthreads()
    if nthreads:
        return nthreads
    note(f"调度器 {scheduler} 上还没有计算节点，等待计算节点连接…（最多 {wait:g} 秒）")
    try:
        client.wait_for_workers(1, timeout=wait)
        return client.nthreads()
    except Exception as exc:
        if isinstance(exc, TimeoutError):
            raise NoWorkers(f"调度器 {scheduler} 上没有计算节点：等待 {wait:g} 秒仍无计算节点（dask worker）连接，"
                            "未核验任何申报人；请先启动计算节点（调度器重启后，原有的计算节点也已随之退出，须重新启动），"
                            "然后重新运行") from None
        raise NoWorkers(f"等待计算节点连接时与 Dask 调度器 {scheduler} 的连接断开（{type(exc).__name__}），"
                        "未核验任何申报人；请确认调度器与计算节点都已启动后重新运行") from None


def _processing(client) -> dict[str, set] | None:
    """Keys each worker is processing now (``None`` when the scheduler cannot say)."""
    try:
        return {w: set(keys) for w, keys in client.processing().items()}
    except Exception:
        return None


def _lost_message(exc: BaseException | None, allowed: int | None) -> str:
    name = type(exc).__name__ if exc is not None else "未知原因"
    if name == "KilledWorker":
        times = f"{allowed + 1} 次" if allowed is not None else "多次"
        return (f"核验进程反复异常退出（集群上重试 {times}均失败，可能是内存不足或 OCR 引擎崩溃），"
                "该申报人材料未能完成核验，请人工复核或单独重试")
    return f"核验任务在集群上失败（{name}: {exc}），该申报人材料未能完成核验，请人工复核"


def run_on_cluster(tasks: list[DossierTask], settings, sink, *, scheduler: str, check: CheckFunction | None = None,
                   limits: ZipLimits = ZipLimits(), page_timeout: float = 60.0, startup_timeout: float = 120.0,
                   workers: int = 0, order: dict[str, int] | None = None, worker_wait: float = WORKER_WAIT,
                   dossier_timeout: float | None = DOSSIER_TIMEOUT) -> int:
    """Run ``tasks`` on the Dask cluster at ``scheduler`` (or ``"local"``); report to
    ``sink`` (``started(key, applicant, pages)``, ``page(key, n)``,
    ``finished(task, outcome, pages_read)``, and ``note(text)`` where it has one).
    Returns the cluster's worker count. A scheduler without workers is waited on for
    ``worker_wait`` seconds, then :class:`NoWorkers`."""
    from verify.run.pool import stall_limit, stalled, startup_message, timed_out

    events: queue.SimpleQueue = queue.SimpleQueue()
    run = uuid.uuid4().hex[:12]
    stuck_after = stall_limit(page_timeout)
    note = getattr(sink, "note", None) or (lambda text: logger.warning("%s", text))
    with connect(scheduler, workers) as client:
        nthreads = _wait_for_workers(client, scheduler, worker_wait, note)
        host_threads: dict[str, int] = {}
        for address, n in nthreads.items():
            host_threads[_host(address)] = host_threads.get(_host(address), 0) + int(n or 1)
        n_workers = len(nthreads)
        allowed = None
        with contextlib.suppress(Exception):
            allowed = int(client.run_on_scheduler(
                lambda dask_scheduler: dask_scheduler.allowed_failures))
        _register_memory_cap(client)
        client.subscribe_topic(TOPIC, lambda event: events.put(("event", event[1])))
        running: dict[str, _Running] = {}
        by_key: dict[str, _Running] = {}
        order = order or {}
        index = {task.key: i for i, task in enumerate(tasks)}
        reruns: dict[str, int] = {}
        cancelled: list[str] = []  # applicants the cluster dropped (its scheduler closed)
        unreadable: dict[str, dict[str, str]] = {}  # applicant -> {worker that could not open it: why}
        read_tries: dict[str, int] = {}  # applicant -> its tries that a worker could not open

        def watch(future) -> None:
            future.add_done_callback(lambda f: events.put(("done", f.key)))

        def submit(task: DossierTask, counted: int = 0, *, on: list[str] | None = None,
                   check_access: bool = True) -> None:
            tag = f"verify-{run}-{index[task.key]}" + (f"-r{len(task.skip)}" if task.skip else "")
            tag += f"-w{read_tries[task.key]}" if read_tries.get(task.key) else ""
            # ``on``: only those workers (a loose restriction let an idle worker that could not
            # open the dossier steal it back); if they all leave, :func:`place` picks again
            future = client.submit(dask_check, task, settings, check, limits, run, host_threads, tag, check_access,
                                   key=tag, pure=False, priority=order.get(task.key, 0), workers=on)
            running[future.key] = by_key[task.key] = _Running(task, future, counted=counted, on=frozenset(on or ()))
            watch(future)

        def elsewhere(r: _Running, exc: WorkerCannotRead) -> DossierOutcome | None:
            """A worker could not open ``r``'s dossier: run it on a worker that has not
            tried (``None``), at most :data:`MAX_READ_TRIES` workers in all; or, where this
            process cannot open it either, once more as any dossier (its own error row)."""
            tried = unreadable.setdefault(r.task.key, {})
            tried[exc.worker] = exc.reason
            logger.warning("%s：计算节点 %s 无法打开申报材料文件夹（%s）", r.task.key, exc.worker, exc.reason)
            read_tries[r.task.key] = read_tries.get(r.task.key, 0) + 1
            if _access_problem(r.task.dossier) is not None:  # nobody can: the dossier's own problem
                submit(r.task, r.counted, check_access=False)
                return None
            return place(r)

        def place(r: _Running) -> DossierOutcome | None:
            """``r`` submitted to the workers that have not tried it (``None``), or its error row."""
            tried = unreadable.get(r.task.key, {})
            others = []
            with contextlib.suppress(Exception):
                others = [w for w in client.nthreads() if w not in tried]
            if others and read_tries.get(r.task.key, 0) < MAX_READ_TRIES:
                submit(r.task, r.counted, on=others)
                return None
            return lost_outcome(r.task, r.applicant, _unreadable_message(r.task.key, tried), r.counted)

        def rerun_without(r: _Running, file: str | None, reason: str) -> bool:
            """Check ``r``'s applicant once more without ``file``, which its last try died
            on (as :func:`verify.run.pool.run_on_pool` does): once per applicant."""
            again = without_file(r.task, file, reason, reruns)
            if again is not None:
                submit(again, r.counted)
            return again is not None

        def handle(kind, payload) -> None:
            _handle(kind, payload, run, running, by_key, sink, page_timeout, startup_timeout, allowed,
                    rerun_without, stuck_after, watch, cancelled, elsewhere, dossier_timeout)

        next_look, workerless_since, noted = time.monotonic() + WORKER_LOOK, None, False
        try:
            for task in tasks:  # the worker stops reading at a share of its time (pipeline.ReadBudget)
                submit(dataclasses.replace(task, time_limits=(page_timeout, startup_timeout, dossier_timeout)))
            while running:
                timeout = max(0.05, min([min(r.deadline, r.stall) for r in running.values()]
                                        + [time.monotonic() + 1.0]) - time.monotonic())
                with contextlib.suppress(queue.Empty):
                    kind, payload = events.get(timeout=timeout)
                    handle(kind, payload)
                    while True:
                        kind, payload = events.get_nowait()
                        handle(kind, payload)
                now = time.monotonic()
                if now >= next_look:  # every worker gone (killed, closed): queued tasks wait for ever
                    next_look = now + WORKER_LOOK
                    present = None
                    with contextlib.suppress(Exception):  # a lost scheduler cancels the futures: said below
                        present = set(client.nthreads())
                    count = None if present is None else len(present)
                    for fkey, r in [(k, r) for k, r in running.items() if r.on and present and not r.on & present]:
                        del running[fkey]  # the workers it was kept for left: it would wait for ever
                        with contextlib.suppress(Exception):
                            client.cancel(r.future)
                        read_tries[r.task.key] = read_tries.get(r.task.key, 0) + 1  # a new key, and a try
                        outcome = place(r)
                        if outcome is not None:
                            sink.finished(r.task, outcome, r.counted)
                    if count == 0 and workerless_since is None:  # or its only worker restarting: look again
                        workerless_since = now
                    elif count == 0 and not noted:
                        noted = True
                        note(f"调度器 {scheduler} 上的计算节点已全部断开，等待计算节点重新连接…（最多 {worker_wait:g} 秒）")
                    elif count == 0 and now - workerless_since > worker_wait:
                        raise NoWorkers(f"调度器 {scheduler} 上的计算节点已全部断开，{worker_wait:g} 秒内没有重新连接，"
                                        f"{len(running)} 名申报人未完成核验；已完成的报告保留，"
                                        "启动计算节点（dask worker）后重新运行将从中断处继续", interrupted=True)
                    elif count:
                        workerless_since, noted = None, False
                late = [(fkey, r) for fkey, r in running.items() if now > min(r.deadline, r.stall)]
                processing = _processing(client) if late else {}
                for fkey, r in late:
                    if processing is not None and fkey not in processing.get(r.worker, ()):
                        # its worker was lost: queued again
                        r.deadline, r.stall, r.started, r.file = float("inf"), float("inf"), False, None
                        continue
                    if r.started and now > r.stall and now <= r.deadline:
                        message, file_reason = stalled(r.file, page_timeout)
                    elif r.started:
                        message, file_reason = timed_out(r.pages, page_timeout, startup_timeout, dossier_timeout,
                                                         r.read.get(r.attempt, 0), r.file)
                    else:
                        message, file_reason = startup_message(startup_timeout, r.file), None
                    logger.warning("%s: %s (worker %s)", r.task.key, message, r.worker)
                    del running[fkey]
                    client.cancel(r.future)
                    if r.worker:  # a thread cannot be stopped: its worker is restarted by its nanny
                        with contextlib.suppress(Exception):
                            client.restart_workers([r.worker], raise_for_error=False)
                    if not (r.started and file_reason and rerun_without(r, r.file, file_reason)):
                        sink.finished(r.task, lost_outcome(r.task, r.applicant, message, r.counted), r.counted)
        finally:
            with contextlib.suppress(Exception):
                client.unsubscribe_topic(TOPIC)
            if running:
                with contextlib.suppress(Exception):
                    client.cancel([r.future for r in running.values()])
    if cancelled:
        raise ClusterLost(f"与 Dask 调度器 {scheduler} 的连接在运行中断开（调度器已关闭），{len(cancelled)} 名申报人未完成核验；"
                          "已完成的报告保留，调度器恢复后（计算节点随调度器关闭，也须重新启动）重新运行将从中断处继续")
    return n_workers


def _handle(kind, payload, run, running, by_key, sink, page_timeout, startup_timeout, allowed,
            rerun_without=lambda r, file, reason: False, stuck_after: float = float("inf"),
            watch=lambda future: None, cancelled: list | None = None, elsewhere=None,
            dossier_timeout: float | None = None) -> None:
    if kind == "done":
        r = running.pop(payload, None)
        if r is None:
            return  # already given up (timeout)
        from verify.run.pool import MEMORY_FILE_REASON, crash_file_reason

        future = r.future
        if future.status in ("lost", "pending"):
            # done, then its result lost with the worker that held it, restarted since for
            # another applicant's hang: the scheduler computes it again (it was an error row
            # with no reason, "None", when the main process came to it late)
            r.deadline, r.stall, r.started, r.file = float("inf"), float("inf"), False, None
            running[payload] = r
            watch(future)
            return
        again = False  # checked once more without the file its try died on
        if future.status == "finished":
            try:
                outcome = future.result()
            except Exception as exc:  # could not be brought back
                outcome = lost_outcome(r.task, r.applicant, _lost_message(exc, allowed), r.counted)
            else:
                again = outcome.memory_error and rerun_without(r, outcome.row.extra.get("failed_file"),
                                                               MEMORY_FILE_REASON)
        elif future.status == "cancelled":
            if cancelled is not None:
                cancelled.append(r.task.key)
            outcome = lost_outcome(r.task, r.applicant, "核验任务在集群上被取消（调度器或工作进程已关闭），"
                                                        "请重新运行以继续", r.counted)
        else:
            exc = None
            with contextlib.suppress(Exception):
                exc = future.exception(timeout=5)
            if isinstance(exc, WorkerCannotRead) and elsewhere is not None:
                outcome = elsewhere(r, exc)
                again = outcome is None
            else:
                logger.warning("%s: %s", r.task.key, exc)
                again = (type(exc).__name__ == "KilledWorker" and r.started
                         and rerun_without(r, r.file, crash_file_reason(None)))
                outcome = None if again else lost_outcome(r.task, r.applicant, _lost_message(exc, allowed), r.counted)
        with contextlib.suppress(Exception):
            future.release()  # its result is here now: the cluster must not keep (or recompute) it
        if again:
            return
        sink.finished(r.task, outcome, r.counted)
        return
    msg = payload
    if not isinstance(msg, dict) or msg.get("run") != run:
        return  # another run on the same cluster
    r = by_key.get(msg.get("key"))
    if r is None or r.future.key not in running or msg.get("tag", r.future.key) != r.future.key:
        return  # an abandoned try's late word
    now = time.monotonic()
    if msg["kind"] == "begin":
        r.worker, r.attempt, r.started, r.file = msg.get("worker", ""), msg.get("attempt", ""), False, None
        r.deadline, r.stall = now + startup_timeout, float("inf")
    elif msg.get("attempt") != r.attempt:
        return
    elif msg["kind"] == "start":
        r.started = True
        r.pages = int(msg.get("pages", 0))
        with contextlib.suppress(Exception):
            r.applicant = pickle.loads(msg["applicant"])
        r.deadline = now + applicant_timeout(r.pages, page_timeout, startup_timeout, dossier_timeout)
        sink.started(r.task.key, r.applicant, r.pages)
    elif msg["kind"] == "file":
        r.file = msg.get("file") or None
        # a file named while the pages are counted, before ``start``, is under the start-up time
        r.stall = now + stuck_after if r.file and r.started else float("inf")
    elif msg["kind"] == "page":
        r.read[r.attempt] = r.read.get(r.attempt, 0) + int(msg.get("n", 1))
        if r.file:
            r.stall = now + stuck_after
        if r.read[r.attempt] > r.counted:  # a task run again after a lost worker: count its pages once
            sink.page(r.task.key, r.read[r.attempt] - r.counted)
            r.counted = r.read[r.attempt]
