"""Finding and measuring the processes of a run, for the hostile and fault tests.

A run is marked by an environment variable (:data:`MARK`) that every process it starts
inherits, so its processes are found even after the main one died and they were
re-parented. Linux only (``/proc``).
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

MARK = "VERIFY_TEST_RUN"


def marked(value: str) -> list[int]:
    """Pids of live processes whose environment holds ``MARK=value`` (zombies excluded)."""
    needle = f"{MARK}={value}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            pids.append(int(entry.name))
    return pids


def descendants(root: int) -> list[int]:
    """``root`` and every live process below it (by parent pid)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] in ("Z", "X"):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class MemorySampler:
    """Samples a group of processes every ``interval`` seconds in a thread.

    ``peak_sum_kb`` is the largest sum of resident sizes seen at one moment;
    ``hwm_sum_kb`` sums each process's own high-water mark (``VmHWM``, last seen): an
    upper bound of the summed peak that a short spike between samples cannot escape;
    ``used_kb`` is the same less what processes already running held at the start.
    A process already running when sampling starts (the test process itself, whose
    high-water mark covers every earlier test of the session) has its mark reset
    through ``/proc/PID/clear_refs``; where that is refused, its sampled resident size
    stands in for it.
    """

    def __init__(self, find, interval: float = 0.05):
        self.find = find
        self.interval = interval
        self.peak_sum_kb = 0
        self.hwm: dict[int, int] = {}
        self.baseline: dict[int, int] = {}  # resident size at the start, of processes already running
        self._stale: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self.find():
                total += _status_kb(pid, "VmRSS")
                hwm = _status_kb(pid, "VmRSS" if pid in self._stale else "VmHWM")
                if hwm:
                    self.hwm[pid] = max(self.hwm.get(pid, 0), hwm)
            self.peak_sum_kb = max(self.peak_sum_kb, total)
            self._stop.wait(self.interval)

    @property
    def hwm_sum_kb(self) -> int:
        return sum(self.hwm.values())

    @property
    def used_kb(self) -> int:
        """What the run itself took: each process's high-water mark, less the resident
        size of a process already running at the start (the test process, holding
        whatever earlier tests of the session loaded, which no run should be charged)."""
        return sum(max(0, kb - self.baseline.get(pid, 0)) for pid, kb in self.hwm.items())

    def __enter__(self) -> "MemorySampler":
        for pid in self.find():
            self.baseline[pid] = _status_kb(pid, "VmRSS")
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset VmHWM to VmRSS
            except OSError:
                self._stale.add(pid)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)


def wait_gone(find, timeout: float) -> tuple[float, list[int]]:
    """Seconds until ``find()`` is empty (or ``timeout``), and what is left."""
    start = time.monotonic()
    left = find()
    while left and time.monotonic() - start < timeout:
        time.sleep(0.05)
        left = find()
    return time.monotonic() - start, left
