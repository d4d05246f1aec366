"""How long a reviewer waits at the desk: upload the sample's A2024-003 as a zip and time,
as the browser sees them through the desk's server-sent events,

- upload → the applicant visible in the queue (排队中 / 准备材料),
- upload → first visible page progress (识别文字 1/N 页),
- upload → report (the check done and the applicant page showing the report).

The desk is started the way users start it (``verify desk --data DIR --port P``, a real
port on 127.0.0.1) with the real OCR engine, in a fresh data folder (so no OCR cache).

    .venv/bin/python scripts/bench_desk.py [--applicant A2024-003] [--runs 1] [--compare-cli]
    .venv/bin/python scripts/bench_desk.py --checks 3 --idle 20   # three applicants in one desk, 20 s after it starts
    .venv/bin/python scripts/bench_desk.py --export 5000     # the HR export alone

``--compare-cli`` also times ``verify check`` of the same folder (no OCR cache) right after,
so the desk's own share (upload, queue, worker start, progress, report page) shows on a
machine whose speed varies.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
VERIFY = Path(sys.executable).with_name("verify")
PASSWORD = "bench-password-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zip_applicant(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return target


def start_desk(data: Path, port: int) -> subprocess.Popen:
    subprocess.run([str(VERIFY), "desk", "adduser", "bench", "--data", str(data)], input=PASSWORD + "\n",
                   text=True, check=True, capture_output=True)
    proc = subprocess.Popen([str(VERIFY), "desk", "--data", str(data), "--port", str(port)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return proc
        except requests.ConnectionError:
            if proc.poll() is not None:
                raise SystemExit(f"verify desk exited: {proc.stdout.read()}")
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("verify desk did not start within 60 s")


def login(base: str) -> requests.Session:
    s = requests.Session()
    page = s.get(f"{base}/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = s.post(f"{base}/login", data={"name": "bench", "password": PASSWORD, "csrf_token": token})
    r.raise_for_status()
    return s


def listen(session: requests.Session, base: str, events: list, stop: threading.Event) -> None:
    """Read the desk's server-sent events as the browser does, stamping each on arrival."""
    try:
        with session.get(f"{base}/events", stream=True, timeout=(5, 900)) as r:
            for line in r.iter_lines(chunk_size=None, decode_unicode=True):
                if stop.is_set():
                    return
                if line and line.startswith("data:"):
                    events.append((time.monotonic(), json.loads(line[5:])))
    except requests.RequestException:  # the desk stopped at the end of the run
        return


def worker_pids(pid: int) -> list[int]:
    """The spawned worker processes of process ``pid`` (from /proc; [] where there is none)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat, cmdline = (entry / "stat").read_text(), (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
                out.append(int(entry.name))
    return sorted(out)


def upload_and_wait(session: requests.Session, base: str, events: list, zip_path: Path) -> dict:
    """Upload ``zip_path`` and wait for its check's verdict, timing it from the upload."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(f"{base}/applicants").text).group(1)
    seen = len(events)
    t0 = time.monotonic()
    with open(zip_path, "rb") as fh:
        r = session.post(f"{base}/applicants/upload", data={"csrf_token": token},
                         files={"archive": (zip_path.name, fh, "application/zip")})
    r.raise_for_status()
    t_response = time.monotonic()
    deadline = t0 + 600
    done = None
    while time.monotonic() < deadline and done is None:
        done = next((t for t, e in events[seen:] if e.get("state") == "done"), None)
        time.sleep(0.1)
    if done is None:
        raise SystemExit("the check did not finish within 600 s")
    mine = events[seen:]
    applicant_id = next(e["id"] for _, e in mine if e.get("state") == "done")
    mine = [(t, e) for t, e in mine if e.get("id") == applicant_id]
    page = session.get(f"{base}/applicants/{applicant_id}").text
    t_report = time.monotonic()
    assert "核验结果" in page, "the applicant page shows no report"
    queued = next(t for t, e in mine if e.get("state") in ("queued", "running", "done"))
    first_page = next((t for t, e in mine if (e.get("pages_done") or 0) >= 1), None)
    total = max((e.get("pages_total") or 0) for _, e in mine)
    verdict = next(e.get("verdict") for _, e in mine if e.get("state") == "done")
    return {"upload_response": t_response - t0, "queued": queued - t0,
            "first_page": (first_page - t0) if first_page else float("nan"),
            "done": done - t0, "report_page": t_report - t0, "pages": total, "verdict": verdict}


def one_run(zip_paths: list[Path], idle: float = 1.0) -> list[dict]:
    """One fresh desk: each zip uploaded in turn, the next once the last has its verdict."""
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_desk(Path(tmp) / "data", port)
        try:
            session = login(base)
            events: list = []
            stop = threading.Event()
            listener = threading.Thread(target=listen, args=(login(base), base, events, stop), daemon=True)
            listener.start()
            time.sleep(idle)  # the stream is open before the upload starts
            results = []
            for zip_path in zip_paths:
                before = worker_pids(proc.pid)
                results.append(upload_and_wait(session, base, events, zip_path))
                results[-1]["workers"] = (before, worker_pids(proc.pid))
            stop.set()
            return results
        finally:
            stop_desk(proc, 20)


def stop_desk(proc: subprocess.Popen, wait: float) -> None:
    """Stop a desk started for a bench as Ctrl+C does; killed if it is not gone in ``wait`` seconds."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(wait)
    except subprocess.TimeoutExpired:
        proc.kill()


def export_times(applicants: int) -> tuple[float, float]:
    """Seconds to build the HR export (XLSX, CSV) of ``applicants`` made-up rows, in this
    process: the XLSX grew with the square of the rows (5,000: 50 s against the CSV's
    0.3 s, desk exploration 6) until its rows were counted instead of scanned for."""
    sys.path.insert(0, str(ROOT))
    from verify.desk import export

    rows = [{"key": f"A2024-{i:05d}", "name": "吕浩玉", "unit": "抚顺市生态环境事务服务中心",
             "verdict": ("pass", "fail", "review")[i % 3], "decision": ("approve", "reject", "")[i % 3],
             "decision_reason": "签字页原件已核对", "decision_by": "李审", "decision_at": "2024-11-05T10:00:00+08:00",
             "failing": [("seal.unit", "印章单位与申报单位不一致")] if i % 3 == 1 else [],
             "link": f"http://127.0.0.1:8765/applicants/{i}", "decision_stale": i % 7 == 0}
            for i in range(applicants)]
    out = []
    for build in (export.xlsx_bytes, export.csv_bytes):
        started = time.perf_counter()
        build(rows)
        out.append(time.perf_counter() - started)
    return out[0], out[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicant", default="A2024-003", help="folder under fixtures/sample")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--checks", type=int, default=1,
                        help="applicants checked one after another in each run's desk (copies under keys -2, -3, ...: "
                             "from the second on their OCR comes from the desk's cache, so what differs is the desk's own)")
    parser.add_argument("--idle", type=float, default=1.0,
                        help="seconds between the desk answering and the first upload (default 1)")
    parser.add_argument("--compare-cli", action="store_true", help="also time verify check of the same folder")
    parser.add_argument("--export", type=int, metavar="N",
                        help="only time the export (XLSX and CSV) of N made-up applicants, without a desk")
    args = parser.parse_args()
    if args.export:
        xlsx, csv = export_times(args.export)
        print(f"export of {args.export} applicants: XLSX {xlsx:.2f} s · CSV {csv:.2f} s")
        return 0
    folder = ROOT / "fixtures" / "sample" / args.applicant
    with tempfile.TemporaryDirectory() as tmp:
        zips = [zip_applicant(folder, Path(tmp) / f"{args.applicant}.zip")]
        for n in range(2, args.checks + 1):  # the same files under another key: a new applicant each
            copy = Path(tmp) / f"{args.applicant}-{n}"
            shutil.copytree(folder, copy)
            zips.append(zip_applicant(copy, Path(tmp) / f"{copy.name}.zip"))
        print(f"desk bench: {args.applicant} ({zips[0].stat().st_size / 1024:.0f} KiB zip), "
              f"{os.cpu_count()} cores, fresh data folder per run, {args.checks} check(s) a run, "
              f"first upload {args.idle:g} s after the desk answers")
        for n in range(args.runs):
            for c, r in enumerate(one_run(zips, args.idle), 1):
                print(f"run {n + 1} check {c}: upload answered {r['upload_response']:.2f} s · "
                      f"queued visible {r['queued']:.2f} s · first page visible {r['first_page']:.2f} s · "
                      f"check done {r['done']:.2f} s · report page {r['report_page']:.2f} s "
                      f"({r['pages']} pages, verdict {r['verdict']}; worker processes before the upload "
                      f"{r['workers'][0]}, after the check {r['workers'][1]})")
            if args.compare_cli:
                started = time.monotonic()
                subprocess.run([str(VERIFY), "check", str(folder), "-o", str(Path(tmp) / f"cli-{n}"), "--no-cache",
                                "--quiet"], check=True, capture_output=True)
                print(f"       verify check of the same folder: {time.monotonic() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
