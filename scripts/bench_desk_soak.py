"""Soak the review desk as a long-running server: start ``verify desk`` as a user does (a real
process on a real port), drive uploads, re-scans, decisions and page views through its HTTP
API, hostile files among them, and watch the server process's memory and open files.

    PYTHONPATH=. .venv/bin/python scripts/bench_desk_soak.py [--rounds 40] [--viewers 6] [--kill] [--keep DIR]

(run from the checkout under test: the desk and the sample are that checkout's)

Each round uploads one clean dossier (a copy of the sample's A2024-001 under a key of its own;
its OCR comes from the desk's cache after the first), then hostile uploads (a damaged PDF, a
password PDF, a 30000×30000 PNG, a zip bomb, 2,000 tiny files, two files of one name in two
folders, a file name holding a newline), a re-scan of an earlier applicant under the same and
under a new file name, decisions on its findings and a final decision, and the pages a reviewer
opens (list, applicant page, every original, PDFs among them, exports, audit), while
``--viewers`` open pages hold the live-progress stream and drop it every few seconds. With
``--kill`` it ends by killing the desk (kill -9) during a check and starting it again. It prints:

- the server's RSS and open file descriptors at the start (after a warm-up round), the end and
  the peak, and how they grew per round (a leak grows with rounds, a cache levels off);
- p50 / p95 / max latency of each kind of request, and of all requests taken while a check
  was running (whether the OCR held the server up);
- temporary files left behind (the desk's ``incoming/`` staging and the server's own TMPDIR)
  once the queue is empty, and the data folder's size;
- with ``--kill``: whether the check's worker processes outlived the desk and whether the next
  start checked that applicant; and whether Ctrl+C stopped the desk cleanly.

The figures are wall times on whatever machine runs it; compare runs on the same machine.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import defaultdict
from pathlib import Path

import psutil
import requests

#: the sample applicant every clean upload copies (of the checkout run from: the code under test)
SAMPLE = Path("fixtures") / "sample" / "A2024-001"
VERIFY = str(Path(sys.executable).with_name("verify"))
PASSWORD = "Soak-pass-2024!x"


# ---------------------------------------------------------------- hostile files


def _pdf(text: str = "soak") -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _password_pdf() -> bytes:
    """A PDF with a (dummy) standard security handler: pdfium asks for a password."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"3 0 obj<</Filter/Standard/V 2/R 3/Length 128/P -44"
            b"/O(0123456789abcdef0123456789abcdef)/U(0123456789abcdef0123456789abcdef)>>endobj\n"
            b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n"
            b"%%EOF\n")


def _huge_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (30000, 30000), 1).save(out, "PNG", optimize=False)
    return out.getvalue()


def _zipped(files: dict[str, bytes], bomb: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        if bomb:
            with zf.open(next(iter(files)).split("/")[0] + "/bomb.jpg", "w", force_zip64=True) as fh:
                block = bytes(1 << 20)
                for _ in range(bomb):
                    fh.write(block)
    return out.getvalue()


def _dossier(key: str, extra: dict[str, bytes] | None = None, sample: bool = True) -> dict[str, bytes]:
    files = {}
    if sample:
        for path in sorted(SAMPLE.rglob("*")):
            if path.is_file():
                files[f"{key}/{path.relative_to(SAMPLE).as_posix()}"] = path.read_bytes()
    else:
        files[f"{key}/applicant.yaml"] = (SAMPLE / "applicant.yaml").read_bytes()
    for rel, data in (extra or {}).items():
        files[f"{key}/{rel}"] = data
    return files


# ---------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Watch(threading.Thread):
    """Samples the server's RSS and open descriptors every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.every = every
        self.samples: list[tuple[float, int, int, int]] = []  # (t, rss, fds, threads)
        self.stopped = threading.Event()

    def now(self) -> tuple[int, int, int]:
        return self.proc.memory_info().rss, self.proc.num_fds(), self.proc.num_threads()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                self.samples.append((time.monotonic(), *self.now()))
            except psutil.Error:
                return


class Client:
    def __init__(self, base: str):
        self.base = base
        self.s = requests.Session()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.busy_times: list[float] = []  # requests answered while a check ran
        self.busy = lambda: False
        self.errors: list[str] = []
        self.token = ""

    def call(self, kind: str, method: str, url: str, expect=(200, 302, 303, 400, 409), **kw):
        busy = self.busy()
        t0 = time.monotonic()
        r = self.s.request(method, self.base + url, timeout=600, allow_redirects=False, **kw)
        dt = time.monotonic() - t0
        self.times[kind].append(dt)
        if busy:
            self.busy_times.append(dt)
        if r.status_code not in expect:
            self.errors.append(f"{kind} {url[:80]!r}: {r.status_code} {r.text[:200]!r}")
        return r

    def login(self) -> None:
        r = self.s.get(self.base + "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)
        r = self.s.post(self.base + "/login", data={"name": "admin", "password": PASSWORD, "csrf_token": token})
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)

    def upload(self, name: str, data: bytes, kind: str = "upload"):
        return self.call(kind, "POST", "/applicants/upload", data={"csrf_token": self.token},
                         files={"archive": (name, data, "application/zip")}, headers={"Accept": "application/json"},
                         expect=(200, 400, 413))

    def add_scans(self, applicant_id: int, name: str, data: bytes, replaces=()):
        return self.call("rescan", "POST", f"/applicants/{applicant_id}/scans",
                         data={"csrf_token": self.token, "replaces": list(replaces)},
                         files={"archive": (name, data, "application/zip")}, headers={"Accept": "application/json"},
                         expect=(200, 400))

    def state(self, applicant_id: int) -> str:
        r = self.s.get(f"{self.base}/applicants/{applicant_id}/progress", timeout=60)
        try:
            return r.json().get("state", "")
        except ValueError:
            return ""


class Viewer(threading.Thread):
    """A reviewer's open page: holds the live-progress stream (``/events``) as desk.js does,
    and every ``every`` seconds drops it without a word (a closed laptop, a reload) and opens
    another, as weeks of open tabs do."""

    def __init__(self, base: str, cookies, every: float = 20.0):
        super().__init__(daemon=True)
        self.base, self.cookies, self.every = base, cookies, every
        self.stopped = threading.Event()
        self.streams = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                with requests.get(self.base + "/events?ids=1", cookies=self.cookies, stream=True, timeout=30) as r:
                    self.streams += 1
                    t0 = time.monotonic()
                    for _ in r.iter_content(256):
                        if self.stopped.is_set() or time.monotonic() - t0 > self.every:
                            break
            except (requests.RequestException, OSError):
                time.sleep(0.5)


def _id_of(client: Client, key: str) -> int | None:
    """The applicant id of ``key``, from the list filtered by it."""
    r = client.call("list", "GET", f"/applicants?q={key}")
    for applicant_id, found in re.findall(r'data-id="(\d+)">\s*<td class="key">([^<]+)<', r.text):
        if found.strip() == key:
            return int(applicant_id)
    return None


class Server:
    """``verify desk`` on a port of its own, started (and started again) as a user does."""

    def __init__(self, work: Path, extra):
        self.work, self.extra = work, list(extra)
        self.data, self.tmp = work / "data", work / "tmp"
        self.tmp.mkdir(exist_ok=True)
        self.env = {**os.environ, "TMPDIR": str(self.tmp)}
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = open(work / "desk.log", "a")

    def start(self) -> None:
        self.proc = subprocess.Popen([VERIFY, "desk", "--data", str(self.data), "--port", str(self.port), *self.extra],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        for _ in range(600):
            try:
                requests.get(self.base + "/login", timeout=2)
                return
            except requests.ConnectionError:
                if self.proc.poll() is not None:
                    raise SystemExit("verify desk did not start: " + (self.work / "desk.log").read_text())
                time.sleep(0.2)

    def stop(self) -> int | None:
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)


def run(args) -> int:
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="desk-soak-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    server = Server(work, args.desk_args)
    subprocess.run([VERIFY, "desk", "adduser", "admin", "--admin", "--data", str(server.data)], input=PASSWORD + "\n",
                   text=True, check=True, capture_output=True, env=server.env)
    try:
        server.start()
        code = _soak(args, server.base, server.proc, server.data, server.tmp)
        if args.kill:
            _killed(server)
        rc = server.stop()
        log = (work / "desk.log").read_text(encoding="utf-8", errors="replace")
        print(f"stopped with Ctrl+C: exit code {rc}, {'a traceback' if 'Traceback' in log else 'no traceback'} in the log")
        return code
    finally:
        server.stop()
        server.log.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _killed(server: Server) -> None:
    """The desk killed (kill -9: the power cut, the OOM killer) while it checks an applicant:
    do its worker processes end with it, and does the next start check that applicant again?"""
    client = Client(server.base)
    client.login()
    key = "K0001"
    client.upload(f"{key}.zip", _zipped(_dossier(key)))
    applicant_id = _id_of(client, key)
    t0 = time.monotonic()
    while client.state(applicant_id) != "running" and time.monotonic() - t0 < 120:
        time.sleep(0.1)
    time.sleep(1.0)
    children = psutil.Process(server.proc.pid).children(recursive=True)
    server.proc.kill()
    server.proc.wait(10)
    time.sleep(5)
    alive = [c.pid for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    server.start()
    client = Client(server.base)
    client.login()
    t0 = time.monotonic()
    while client.state(applicant_id) != "done" and time.monotonic() - t0 < 600:
        time.sleep(0.5)
    print(f"kill -9 while checking: {len(children)} child processes, {len(alive)} still alive 5 s later; "
          f"after the restart the applicant is {client.state(applicant_id)!r} "
          f"({time.monotonic() - t0:.0f} s)")
    for pid in alive:
        with contextlib.suppress(psutil.Error):
            psutil.Process(pid).kill()


def _disk(data: Path) -> dict:
    """Bytes of the data folder and of its checks' folders (``applicants/*/runs``), by kind."""
    out = dict(total=0, runs=0, checks=0, applicants=0, html=0, html_bytes=0, json_bytes=0, other_bytes=0)
    for p in data.rglob("*"):
        if p.is_symlink() or not p.is_file():
            continue
        size = p.lstat().st_size
        out["total"] += size
        parts = p.relative_to(data).parts
        if len(parts) > 3 and parts[0] == "applicants" and parts[2] == "runs":
            out["runs"] += size
            if p.name == "report.html":
                out["html"] += 1
                out["html_bytes"] += size
            elif p.name == "report.json":
                out["json_bytes"] += size
            else:
                out["other_bytes"] += size
    out["checks"] = sum(1 for _ in data.glob("applicants/*/runs/*"))
    out["applicants"] = sum(1 for _ in data.glob("applicants/*/runs"))
    return out


def _soak(args, base: str, proc, data: Path, tmp: Path) -> int:
    client = Client(base)
    client.login()
    watch = Watch(proc.pid)
    checking = {"n": 0}
    client.busy = lambda: checking["n"] > 0
    print("building hostile files…", file=sys.stderr)
    damaged = _pdf()[:300]
    locked = _password_pdf()
    huge = _huge_png()
    tiny = {f"小图/{i:04d}.png": b"\x89PNG\r\n\x1a\n" + bytes(40) for i in range(2000)}
    per_round: list[tuple[int, int, int]] = []
    disk: list[dict] = []
    ids: dict[str, int] = {}
    done_ids: list[int] = []

    def wait_done(applicant_ids, limit=900.0) -> None:
        checking["n"] = len(applicant_ids)
        t0 = time.monotonic()
        left = set(applicant_ids)
        while left and time.monotonic() - t0 < limit:
            for applicant_id in list(left):
                if client.state(applicant_id) in ("done", "needs_info", ""):
                    left.discard(applicant_id)
            # a reviewer's reading meanwhile: what the OCR in the background must not hold up
            client.call("list", "GET", "/applicants")
            if done_ids:
                client.call("page", "GET", f"/applicants/{done_ids[-1]}?images=0")
            time.sleep(0.3)
        checking["n"] = 0

    def one_round(n: int) -> None:
        key = f"S{n:04d}"
        hostile = {"坏.pdf": damaged, "密码.pdf": locked}
        if n % 3 == 0:
            hostile["巨图.png"] = huge
        if n % 4 == 1:
            hostile["a/同名.jpg"] = (SAMPLE / "材料6.jpg").read_bytes()
            hostile["b/同名.jpg"] = (SAMPLE / "材料6.jpg").read_bytes()[:2000]
        if n % 4 == 2:
            hostile["换行\n名.jpg"] = (SAMPLE / "材料6.jpg").read_bytes()
        client.upload(f"{key}.zip", _zipped(_dossier(key, hostile)))
        if n % 5 == 0:
            client.upload(f"B{n:04d}.zip", _zipped(_dossier(f"B{n:04d}", sample=False), bomb=args.bomb_mb), "bomb")
        if n % 5 == 3:
            client.upload(f"T{n:04d}.zip", _zipped(_dossier(f"T{n:04d}", tiny, sample=False)), "tiny2000")
        client.upload("not-a-zip.zip", b"PK\x03\x04" + os.urandom(2000), "notzip")
        if (found := _id_of(client, key)) is not None:
            ids[key] = found
        wait_done([ids[key]] if key in ids else [])
        if key not in ids:
            return
        applicant_id = ids[key]
        done_ids.append(applicant_id)
        page = client.call("page", "GET", f"/applicants/{applicant_id}")
        for rel in sorted(set(re.findall(rf'href="/applicants/{applicant_id}/files/([^"?#]+)"', page.text)))[:20]:
            client.call("original", "GET", f"/applicants/{applicant_id}/files/{rel}", expect=(200, 404))
        findings = sorted(set(int(x) for x in re.findall(rf'/applicants/{applicant_id}/findings/(\d+)"', page.text)))
        for finding in findings[:3]:
            client.call("decide", "POST", f"/applicants/{applicant_id}/findings/{finding}",
                        data={"csrf_token": client.token, "action": "confirm", "reason": "核对原件一致"})
        client.call("decide", "POST", f"/applicants/{applicant_id}/decision",
                    data={"csrf_token": client.token, "decision": "return", "opinion": "请补正"})
        if n % 2 == 1 and len(done_ids) > 1:  # a re-scan of an earlier applicant, same name, then a new one
            earlier = done_ids[-2]
            page_bytes = (SAMPLE / "材料6.jpg").read_bytes()
            client.add_scans(earlier, "r.zip", _zipped({f"r{n}/材料6.jpg": page_bytes}))
            wait_done([earlier])
            # the same page scanned again under the scanner app's new name, said to replace the old one
            client.add_scans(earlier, "r.zip", _zipped({f"r{n}/DOC{n:06d}.jpg": page_bytes}), replaces=["材料6.jpg"])
            wait_done([earlier])
        client.call("export", "GET", "/export.csv")
        client.call("export", "GET", "/export.xlsx")
        client.call("audit", "GET", "/audit?kind=all")

    t_start = time.monotonic()
    one_round(0)  # warm-up: the OCR models, the first dossier's OCR into the cache
    viewers = [Viewer(base, client.s.cookies, every=10.0 + 3 * i) for i in range(args.viewers)]
    for v in viewers:
        v.start()
    time.sleep(1)
    watch.start()
    start = watch.now()
    for n in range(1, args.rounds + 1):
        one_round(n)
        per_round.append(watch.now())
        disk.append(_disk(data))
        print(f"round {n}: rss {per_round[-1][0] / 2**20:.0f} MB, fds {per_round[-1][1]}, "
              f"threads {per_round[-1][2]}, data folder {disk[-1]['total'] / 2**20:.1f} MB "
              f"(runs/ {disk[-1]['runs'] / 2**20:.1f} MB: {disk[-1]['checks']} checks, "
              f"{disk[-1]['html']} report.html)", file=sys.stderr)
    wait_done(list(ids.values()))
    for v in viewers:
        v.stopped.set()
    for v in viewers:
        v.join(40)
    time.sleep(3)  # the streams' ends noticed
    end = watch.now()
    watch.stopped.set()
    elapsed = time.monotonic() - t_start
    left_incoming = sum(1 for _ in (data / "incoming").rglob("*")) if (data / "incoming").exists() else 0
    left_tmp = [p for p in tmp.rglob("*")]
    peak_rss = max([s[1] for s in watch.samples] + [end[0]])
    peak_fds = max([s[2] for s in watch.samples] + [end[1]])

    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    print(f"desk soak: {args.rounds} rounds after one warm-up, {sum(len(v) for v in client.times.values())} requests, "
          f"{len(ids)} applicants, {elapsed:.0f} s")
    print(f"server RSS   start {start[0] / 2**20:.0f} MB  end {end[0] / 2**20:.0f} MB  peak {peak_rss / 2**20:.0f} MB")
    print(f"server fds   start {start[1]}  end {end[1]}  peak {peak_fds}; threads start {start[2]} end {end[2]}; "
          f"{args.viewers} open pages, {sum(v.streams for v in viewers)} live-progress streams opened and dropped")
    if len(per_round) >= 4:
        half = len(per_round) // 2
        grow = (per_round[-1][0] - per_round[half][0]) / max(1, len(per_round) - 1 - half)
        fd_grow = (per_round[-1][1] - per_round[half][1]) / max(1, len(per_round) - 1 - half)
        print(f"growth over the second half: {grow / 2**10:+.0f} KB RSS and {fd_grow:+.2f} fds per round")
    print("latency (s)   kind      n     p50    p95    max")
    for kind, values in sorted(client.times.items()):
        print(f"              {kind:<8}{len(values):>4}  {statistics.median(values):6.3f} {pct(values, .95):6.3f} "
              f"{max(values):6.3f}")
    if client.busy_times:
        print(f"while a check ran: n {len(client.busy_times)}  p50 {statistics.median(client.busy_times):.3f}  "
              f"p95 {pct(client.busy_times, .95):.3f}  max {max(client.busy_times):.3f}")
    print(f"temp files left: incoming/ {left_incoming}, server TMPDIR {len(left_tmp)}"
          + (f" ({', '.join(p.name for p in left_tmp[:5])})" if left_tmp else ""))
    sizes = [p.lstat().st_size for p in data.rglob("*") if p.is_file() and not p.is_symlink()]
    print(f"data folder: {sum(sizes) / 2**20:.0f} MB in {len(sizes)} files "
          f"({sum(1 for _ in data.glob('applicants/*/runs/*/*/pages.pickle'))} pages.pickle)")
    final = _disk(data)
    print(f"runs/: {final['runs'] / 2**20:.1f} MB for {final['checks']} checks of {final['applicants']} applicants: "
          f"{final['html']} report.html ({final['html_bytes'] / 2**20:.1f} MB), report.json "
          f"{final['json_bytes'] / 2**20:.1f} MB, other {final['other_bytes'] / 2**20:.1f} MB")
    if len(disk) >= 4:
        half = len(disk) // 2
        rounds = max(1, len(disk) - 1 - half)
        print(f"disk growth over the second half: {(disk[-1]['runs'] - disk[half]['runs']) / rounds / 2**10:+.0f} KB "
              f"of runs/ per round ({(disk[-1]['checks'] - disk[half]['checks']) / rounds:.1f} checks a round), "
              f"{(disk[-1]['total'] - disk[half]['total']) / rounds / 2**10:+.0f} KB of the data folder")
    print(f"uploads: {sum(len(client.times[k]) for k in ('upload', 'rescan', 'bomb', 'tiny2000', 'notzip'))}")
    print(f"unexpected answers: {len(client.errors)}")
    for line in client.errors[:20]:
        print("  ", line)
    if args.json:
        Path(args.json).write_text(json.dumps({"start": start, "end": end, "per_round": per_round,
                                               "samples": watch.samples}), encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--kill", action="store_true", help="at the end, kill -9 the desk while it checks, then start it again")
    parser.add_argument("--viewers", type=int, default=6, help="open pages holding the live-progress stream")
    parser.add_argument("--bomb-mb", type=int, default=1200, help="size the zip bomb's member unpacks to (MB)")
    parser.add_argument("--keep", help="work folder kept afterwards (data folder, log)")
    parser.add_argument("--json", help="write the samples here")
    parser.add_argument("desk_args", nargs="*", help="more arguments for verify desk (after --)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the desk it started is stopped on the way out
    return run(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
