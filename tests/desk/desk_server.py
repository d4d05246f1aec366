"""Start ``verify desk`` the way a user does (the CLI, a real port on 127.0.0.1) for the
tests that talk to a live server; users are added with ``verify desk adduser`` (the
password on stdin)."""
from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

VERIFY = str(Path(sys.executable).with_name("verify"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def adduser(data: Path, name: str, password: str, admin: bool = False) -> subprocess.CompletedProcess:
    cmd = [VERIFY, "desk", "adduser", name, "--data", str(data)] + (["--admin"] if admin else [])
    return subprocess.run(cmd, input=password + "\n", text=True, capture_output=True, timeout=120)


def wait_until_answering(proc: subprocess.Popen, port: int, timeout: float = 90.0) -> float:
    """Wait until the desk ``proc`` started on ``port`` answers (its login page); the
    monotonic deadline, for what the caller waits for next. The process ending first, or
    the time running out, fails the test."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return deadline
        except requests.ConnectionError:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)


@contextlib.contextmanager
def running_desk(data: Path, *extra: str, timeout: float = 90.0):
    """``http://127.0.0.1:PORT`` of a desk started with ``verify desk --data DATA``; stopped
    with Ctrl-C (SIGINT) afterwards, as a user stops it."""
    port = free_port()
    log = open(Path(data).parent / f"desk-{port}.log", "w")
    proc = subprocess.Popen([VERIFY, "desk", "--data", str(data), "--port", str(port), *extra],
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                requests.get(base + "/login", timeout=2)
                break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("verify desk did not start: "
                                       + Path(log.name).read_text(encoding="utf-8", errors="replace"))
                time.sleep(0.2)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
