"""A file of the dossier whose name holds a character a URL's path pattern stops at (a
newline: legal in a name on Linux and macOS, and so in their zips) opens at the desk like
any other: its link answered 404 「文件不存在」, the original out of the reviewer's reach
though its page was read and checked (hostile4)."""
from __future__ import annotations

import re
import urllib.parse

from conftest import make_dossier, wait_done, zip_folder
from test_desk_app import upload_zip


def test_an_original_whose_name_holds_a_newline_opens(desk, tmp_path):
    _, _, client = desk
    li = client("李审")
    folder = make_dossier(tmp_path / "in", "A2024-005", files=("扫描/p1.jpg", "扫描/材料\n6.jpg"))
    upload_zip(li, zip_folder(folder, tmp_path / "A2024-005.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    base = f"/applicants/{applicant_id}/files/"
    assert li.get(base + urllib.parse.quote("扫描/p1.jpg")).status_code == 200
    shown = li.get(base + urllib.parse.quote("扫描/材料\n6.jpg"))
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg", shown.text[:200]
    assert li.get(base + urllib.parse.quote("扫描/材料\n7.jpg")).status_code == 404  # absent stays absent
