"""Originals the check refuses unread for their cost, opened from the desk (hostile
exploration 11): the desk's viewer decoded them with no limit, in a request thread, each
time a reviewer clicked: a 12 MB PNG of a million empty chunks took 19 s, a 4 MB JPEG of a
million empty APP5 segments 7 s, a TIFF of 10,000 pages asked for its last page over 100 s
(a 1 GB file of them minutes). Each is now a page saying why it is not shown, with its
download, the file's bytes counted as the check counts them (no decoder opened)."""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

from conftest import make_dossier, wait_done, zip_folder
from test_desk_app import upload_zip

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
import hostile_build as build  # noqa: E402


def _applicant(li, tmp_path) -> int:
    folder = make_dossier(tmp_path / "in", "A2024-003", files=("扫描/p1.jpg",))
    upload_zip(li, zip_folder(folder, tmp_path / "A2024-003.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    return applicant_id


def _private_chunks(path: Path, n: int) -> Path:
    ihdr, data = build._small_png_parts()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + ihdr + build._png_chunk(b"prIv", b"") * n
                     + build._png_chunk(b"IDAT", data) + build._png_chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("name, make, words", [
    ("chunks.png", lambda p: _private_chunks(p, 1001), "数据块超过 1000 个"),
    ("idat.png", lambda p: build.png_many_idat(p, 200_002), "拆成超过 200000 段"),
    ("app.jpg", lambda p: build.jpeg_many_app(p, 1001), "超过 1000 个标记段"),
    ("pages.tif", lambda p: build.tiff_pages(p, 401), "超过上限 400 页"),
])
def test_an_original_the_check_refuses_for_its_cost_is_not_decoded_by_the_desk(desk, tmp_path, name, make, words):
    _, folder, client = desk
    li = client("李审")
    applicant_id = _applicant(li, tmp_path)
    path = make(folder.input_dir(applicant_id) / name)
    started = time.monotonic()
    page = li.get(f"/applicants/{applicant_id}/files/{name}?page=401")
    assert time.monotonic() - started < 5
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), page.headers
    assert "此原件构造异常，审核台不予显示" in page.text and words in page.text, page.text[-1500:]
    assert f'href="?download=1" download="{name}"' in page.text
    saved = li.get(f"/applicants/{applicant_id}/files/{name}?download=1")
    assert saved.content == path.read_bytes() and saved.headers["content-disposition"].startswith("attachment")


def test_an_ordinary_png_split_into_a_chunk_a_row_is_still_shown(desk, tmp_path):
    """A writer that writes a chunk a row (1,100 IDAT chunks) is no hostile file."""
    from PIL import Image

    _, folder, client = desk
    li = client("李审")
    applicant_id = _applicant(li, tmp_path)
    build.png_many_idat(folder.input_dir(applicant_id) / "rows.png", 1100)
    shown = li.get(f"/applicants/{applicant_id}/files/rows.png")
    assert shown.headers["content-type"] == "image/png"
    assert Image.open(folder.input_dir(applicant_id) / "rows.png").size == (800, 1100)
