"""What one machine gives a batch: cores, memory, worker processes, time per applicant.

Moved from ``verify.run.batch``, which re-exports these names.

>>> applicant_timeout(10, page_timeout=60, startup_timeout=120)
720.0
"""
from __future__ import annotations

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


def applicant_timeout(pages: int, page_timeout: float, startup_timeout: float) -> float:
    """Seconds an applicant may take before its worker counts as hung."""
    return float(startup_timeout + page_timeout * max(1, pages))
