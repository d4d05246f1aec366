"""The desk as a long-running server (scripts/bench_desk_soak.py measures it): what a real
``verify desk`` process does when stopped, and what it keeps between requests."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import requests

from desk_server import VERIFY, adduser, free_port, wait_until_answering

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
        wait_until_answering(proc, port)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in out and "KeyboardInterrupt" not in out, out
    assert proc.returncode == 0 and "审核台已停止" in out


def test_a_staging_folder_a_killed_desk_left_is_removed_when_the_desk_starts_again(tmp_path):
    """A desk killed while taking an upload in (kill -9, the power cut, out of memory) left
    ``incoming/upload-*`` with the unpacked zip, up to a gigabyte, for good: nothing removed
    it. The next start removes those nothing changed in for an hour; one changed just now
    (another desk's upload under way on the same data folder) stays."""
    import os

    from desk_server import running_desk

    data = tmp_path / "data"
    assert adduser(data, "管理员", PASSWORD, admin=True).returncode == 0
    left = data / "incoming" / "upload-k9x2" / "unpacked" / "A2024-003"
    left.mkdir(parents=True)
    (left / "p1.jpg").write_bytes(bytes(1 << 20))
    hour_ago = time.time() - 2 * 3600
    for path in [data / "incoming" / "upload-k9x2", *(data / "incoming" / "upload-k9x2").rglob("*")]:
        os.utime(path, (hour_ago, hour_ago))
    busy = data / "incoming" / "upload-busy"
    busy.mkdir()
    (busy / "a.zip").write_bytes(b"PK")
    with running_desk(data) as base:
        requests.get(base + "/login", timeout=10)
        assert not (data / "incoming" / "upload-k9x2").exists()
        assert (busy / "a.zip").is_file()


def test_only_the_latest_check_keeps_its_pages_and_full_report_every_record_stays(desk, tmp_path):
    """Each check kept its pages (images, seals, OCR lines; as large as the scans) and its
    report.html (every page's image again), though the desk shows only the latest's: weeks
    of rechecks and 补交 added two copies of the dossier each. Each check's report.json stays."""
    from conftest import page_csrf, wait_done
    from test_desk_app import checked_applicant

    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    for _ in range(2):
        li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": page_csrf(li, f"/applicants/{applicant_id}")})
        wait_done(li, applicant_id)
    runs = folder.applicant_dir(applicant_id) / "runs"
    # the earlier checks' files go just after the latest is recorded (done shows first: a loaded
    # machine's full run looked in between and found run 2's pages still there)
    deadline = time.monotonic() + 10
    while len([*runs.glob("*/*/pages.pickle"), *runs.glob("*/*/report.html"), *runs.glob("*/summary.*")]) > 4 \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(p.relative_to(runs).parts[0] for p in runs.glob("*/*/pages.pickle")) == ["3"]
    assert sorted(p.relative_to(runs).parts[0] for p in runs.glob("*/*/report.json")) == ["1", "2", "3"]
    assert sorted(p.relative_to(runs).parts[0] for p in runs.glob("*/*/report.html")) == ["3"]
    assert [p.relative_to(runs).parts[0] for p in runs.glob("*/summary.*")] == ["3", "3"]
    page = li.get(f"/applicants/{applicant_id}")
    assert page.status_code == 200 and "第 3 次核验" in page.text
    full = li.get(f"/applicants/{applicant_id}/report.html")
    assert full.status_code == 200 and "核验" in full.text


def test_a_data_folder_an_older_desk_filled_is_pruned_when_the_desk_starts(desk_factory, tmp_path):
    """Earlier checks' report.html that an older desk kept are removed at the next start;
    the latest check's report stays reachable, every report.json stays."""
    from starlette.testclient import TestClient

    from conftest import login, page_csrf, wait_done
    from test_desk_app import checked_applicant

    app, folder = desk_factory()
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        applicant_id = checked_applicant(li, tmp_path)
        li.post(f"/applicants/{applicant_id}/recheck", data={"csrf_token": page_csrf(li, f"/applicants/{applicant_id}")})
        wait_done(li, applicant_id)
    runs = folder.applicant_dir(applicant_id) / "runs"
    old = runs / "1" / "A2024-003" / "report.html"
    old.write_text("<html>an older desk's</html>", encoding="utf-8")
    app, folder = desk_factory()
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        assert li.get(f"/applicants/{applicant_id}/report.html").status_code == 200
    assert not old.exists()
    assert sorted(p.relative_to(runs).parts[0] for p in runs.glob("*/*/report.json")) == ["1", "2"]


def test_originals_shown_to_a_reviewer_are_read_not_mapped(tmp_path, monkeypatch):
    """Pillow opened by path maps an uncompressed image (a BMP, a raw TIFF) into memory; a file
    cut short under that map is a SIGBUS, which ends the whole desk server without a word."""
    import mmap

    from PIL import Image

    from verify.desk.app import _decodes, _tiff_as_png

    bmp, tif = tmp_path / "p.bmp", tmp_path / "p.tif"
    Image.new("L", (400, 300), 255).save(bmp)  # 8-bit gray: a scanner's gray page, stored raw
    Image.new("L", (400, 300), 255).save(tif)  # uncompressed
    mapped = []
    real = mmap.mmap

    def watching(*args, **kwargs):
        mapped.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(mmap, "mmap", watching)
    assert _decodes(bmp) and _tiff_as_png(tif, None)
    assert mapped == []
