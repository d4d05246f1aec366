"""The desk as a long-running server (scripts/bench_desk_soak.py measures it): what a real
``verify desk`` process does when stopped, and what it keeps between requests."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import requests

from desk_server import VERIFY, adduser, free_port

PASSWORD = "a-long-password"


def test_ctrl_c_stops_the_desk_without_a_traceback(tmp_path):
    """A reviewer stops the desk with Ctrl+C: it said so with a Python traceback
    (uvicorn raises the signal again after its shutdown) and exit code 1."""
    data = tmp_path / "data"
    assert adduser(data, "管理员", PASSWORD, admin=True).returncode == 0
    port = free_port()
    proc = subprocess.Popen([VERIFY, "desk", "--data", str(data), "--port", str(port)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in out and "KeyboardInterrupt" not in out, out
    assert proc.returncode == 0 and "审核台已停止" in out
