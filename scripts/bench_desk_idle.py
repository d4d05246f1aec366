"""What ``verify desk --worker-idle`` gives back and what it costs: the resident memory of
the desk's process tree (the desk and its workers) idle with its warm worker and after the
worker was ended for idleness, and how much longer the first check after that takes.

The desk is started the way users start it (``verify desk --data DIR --port P --worker-idle M``,
the real OCR engine, a fresh data folder). The sample's applicant is checked (its OCR then in
the desk's cache), then a copy of it under another key on the warm worker (the baseline),
then the desk is left idle past the limit, then another copy on the fresh worker it starts:
both copies read their OCR from the cache, so what differs is the worker's start and its engine.

    .venv/bin/python scripts/bench_desk_idle.py [--applicant A2024-003] [--worker-idle 0.5]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_desk  # noqa: E402


def tree_rss(pid: int) -> tuple[int, int]:
    """(bytes resident in ``pid`` and all its descendants, how many processes that is)."""
    root = psutil.Process(pid)
    total, count = 0, 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
            count += 1
        except psutil.Error:
            pass
    return total, count


def settle(pid: int, seconds: float = 3.0, timeout: float = 120.0) -> int:
    """The tree's resident bytes once they stop growing (a worker loading its engine)."""
    last, deadline = -1, time.monotonic() + timeout
    while time.monotonic() < deadline:
        rss, _ = tree_rss(pid)
        if last > 0 and abs(rss - last) < 5 << 20:
            return rss
        last = rss
        time.sleep(seconds)
    return last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicant", default="A2024-003", help="folder under fixtures/sample")
    parser.add_argument("--worker-idle", default="0.5", help="minutes (verify desk --worker-idle)")
    args = parser.parse_args()
    limit = float(args.worker_idle) * 60
    folder = bench_desk.ROOT / "fixtures" / "sample" / args.applicant
    mb = 1 / 2**20
    with tempfile.TemporaryDirectory(prefix="bench-desk-idle-") as tmp:
        zips = [bench_desk.zip_applicant(folder, Path(tmp) / f"{args.applicant}.zip")]
        for n in (2, 3):
            copy = Path(tmp) / f"{args.applicant}-{n}"
            shutil.copytree(folder, copy)
            zips.append(bench_desk.zip_applicant(copy, Path(tmp) / f"{copy.name}.zip"))
        data, port = Path(tmp) / "data", bench_desk.free_port()
        subprocess.run([str(bench_desk.VERIFY), "desk", "adduser", "bench", "--data", str(data)],
                       input=bench_desk.PASSWORD + "\n", text=True, check=True, capture_output=True)
        proc = subprocess.Popen([str(bench_desk.VERIFY), "desk", "--data", str(data), "--port", str(port),
                                 "--worker-idle", args.worker_idle], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    bench_desk.requests.get(base + "/login", timeout=1)
                    break
                except bench_desk.requests.ConnectionError:
                    time.sleep(0.2)
            session = bench_desk.login(base)
            events: list = []
            stop = threading.Event()
            threading.Thread(target=bench_desk.listen, args=(bench_desk.login(base), base, events, stop),
                             daemon=True).start()
            time.sleep(1)
            first = bench_desk.upload_and_wait(session, base, events, zips[0])
            warm = bench_desk.upload_and_wait(session, base, events, zips[1])
            warm_at = time.monotonic()
            idle_warm = settle(proc.pid)
            workers_warm = bench_desk.worker_pids(proc.pid)
            while bench_desk.worker_pids(proc.pid) and time.monotonic() < warm_at + limit + 60:
                time.sleep(0.5)
            released_after = time.monotonic() - warm_at
            workers_left = bench_desk.worker_pids(proc.pid)
            idle_released = settle(proc.pid)
            seen = len(events)
            cold = bench_desk.upload_and_wait(session, base, events, zips[2])
            cold_steps = list(dict.fromkeys(e["step_zh"] for _, e in events[seen:] if e.get("step_zh")))
            stop.set()
        finally:
            bench_desk.stop_desk(proc, 30)
    print(f"desk idle bench: {args.applicant}, --worker-idle {args.worker_idle} ({limit:.0f} s), "
          f"{psutil.cpu_count()} cores")
    print(f"check 1 (uncached, worker warm from the start): done {first['done']:.2f} s, {first['pages']} pages")
    print(f"idle, worker warm {workers_warm}: process tree resident {idle_warm * mb:.0f} MB")
    print(f"worker ended {released_after:.0f} s after the last check (workers left {workers_left}): "
          f"process tree resident {idle_released * mb:.0f} MB (-{(idle_warm - idle_released) * mb:.0f} MB)")
    for name, r in (("check 2 (cached copy, warm worker)", warm), ("check 3 (cached copy, after the release)", cold)):
        print(f"{name}: first page visible {r['first_page']:.2f} s, done {r['done']:.2f} s, "
              f"report page {r['report_page']:.2f} s ({r['pages']} pages, verdict {r['verdict']})")
    print(f"check 3's progress showed: {' → '.join(cold_steps)}")
    print(f"extra latency of the first check after the release: "
          f"first page +{cold['first_page'] - warm['first_page']:.2f} s, done +{cold['done'] - warm['done']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
