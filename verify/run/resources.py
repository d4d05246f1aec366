"""What one machine gives a batch: cores, memory, worker processes, time per applicant.

Moved from ``verify.run.batch``, which re-exports these names.

>>> applicant_timeout(10, page_timeout=60, startup_timeout=120)
720.0
"""
from __future__ import annotations

import ctypes
import functools
import gc
import logging
import os


logger = logging.getLogger(__name__)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: Memory one worker may need (OCR engine, a decoded page at the pixel limit, rules).
WORKER_MEMORY_BYTES = 1 << 30


#: What one worker process may allocate (``RLIMIT_DATA``: its heap and anonymous
#: memory, not the address space ONNX Runtime and glibc reserve): six times what it
#: needs (a worker on the sample peaks at 1.4 GB of data, 0.8 GB resident). A PDF whose
#: form objects draw one another grew a worker by 260 MB/s until the machine ran out
#: (probe alt23 F7); under the cap its allocation fails at once and the file is named.
#: ``VERIFY_WORKER_MEMORY`` (bytes, or ``0``: no cap) overrides it.
WORKER_MEMORY_CAP = 6 << 30


def worker_memory_cap() -> int:
    """Bytes a worker may allocate (:data:`WORKER_MEMORY_CAP`, or the environment's
    ``VERIFY_WORKER_MEMORY``); 0 for no cap.

    >>> import os; os.environ["VERIFY_WORKER_MEMORY"] = "0"; worker_memory_cap()
    0
    >>> del os.environ["VERIFY_WORKER_MEMORY"]; worker_memory_cap() == WORKER_MEMORY_CAP
    True
    """
    text = os.environ.get("VERIFY_WORKER_MEMORY", "").strip()
    try:
        return max(0, int(text)) if text else WORKER_MEMORY_CAP
    except ValueError:
        logger.warning("VERIFY_WORKER_MEMORY=%r is not a number of bytes; using %d", text, WORKER_MEMORY_CAP)
        return WORKER_MEMORY_CAP


def cap_worker_memory(cap: int | None = None) -> None:
    """Limit this process's data (``RLIMIT_DATA``) to ``cap`` bytes (default
    :func:`worker_memory_cap`), never above a limit already set; nothing where the
    platform has no such limit."""
    cap = worker_memory_cap() if cap is None else cap
    if not cap:
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft == resource.RLIM_INFINITY or soft > cap:
            resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, AttributeError, ValueError, OSError) as exc:  # pragma: no cover - not Linux
        logger.warning("could not cap worker memory: %s", exc)


def release_freed_memory() -> None:
    """Hand the heap an applicant freed back to the system. glibc keeps freed memory
    for reuse, so a worker stayed as large as its largest applicant made it (a 100 MB
    PNG text chunk left one 450 MB larger) and the next large page's peak stacked on
    top: the hostile corpus summed 1.46-1.49 GB against its 1.5 GB bound, 1.17 GB so.
    Called after each applicant by a pool worker and a Dask task alike."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim`` from the C library already loaded (``CDLL(None)``:
    ``ctypes.util.find_library`` would run ``ldconfig`` in a forked copy of the whole
    worker); None where there is none (not glibc; Windows, where ``CDLL(None)`` raises)."""
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):
        return None


def available_memory() -> int | None:
    """Bytes the system can still give (``MemAvailable``), or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def worker_count(requested: int, tasks: int, *, cores: int | None = None, memory: int | None = None,
                 io_bound: bool = False) -> int:
    """Worker processes for ``tasks`` applicants: the request (0 = one per core), never
    more than the cores (four times the cores for a remote engine, which waits on the
    network), the memory (:data:`WORKER_MEMORY_BYTES` each) or the tasks; at least one.

    >>> worker_count(64, 100, cores=2, memory=16 << 30)
    2
    >>> worker_count(0, 100, cores=8, memory=3 << 30)
    3
    >>> worker_count(64, 3, cores=16, memory=None), worker_count(6, 100, cores=2, memory=None, io_bound=True)
    (3, 6)
    """
    cores = cores or available_cores()
    limit = cores * (4 if io_bound else 1)
    if memory is not None:
        limit = min(limit, max(1, memory // WORKER_MEMORY_BYTES))
    wanted = requested or cores
    return max(1, min(wanted, limit, tasks or 1))


#: Seconds one applicant's check may take however many pages it has (``--dossier-timeout``):
#: the page-based time of 400 pages is over six hours, and 400 pages each slow but under
#: every limit of its own (eight seals a page, heavy OCR) held a worker for hours.
DOSSIER_TIMEOUT = 3600.0


def applicant_timeout(pages: int, page_timeout: float, startup_timeout: float,
                      dossier_timeout: float | None = None) -> float:
    """Seconds an applicant may take, once its pages are counted, before its worker
    counts as hung: ``startup_timeout`` and ``page_timeout`` a page, never more than
    ``dossier_timeout`` (None: no ceiling).

    >>> applicant_timeout(400, 60, 120), applicant_timeout(400, 60, 120, dossier_timeout=3600)
    (24120.0, 3600.0)
    >>> applicant_timeout(10, 60, 120, dossier_timeout=3600)
    720.0
    """
    by_pages = float(startup_timeout + page_timeout * max(1, pages))
    return by_pages if not dossier_timeout else min(by_pages, float(dossier_timeout))


def dossier_ceiling_applies(pages: int, page_timeout: float, startup_timeout: float,
                            dossier_timeout: float | None) -> bool:
    """Whether :func:`applicant_timeout` of these pages is the whole-dossier ceiling
    rather than their page-based time.

    >>> dossier_ceiling_applies(400, 60, 120, 3600), dossier_ceiling_applies(10, 60, 120, 3600)
    (True, False)
    """
    return bool(dossier_timeout) and applicant_timeout(pages, page_timeout, startup_timeout) > dossier_timeout
