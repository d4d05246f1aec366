"""Upload names longer than a Linux file system keeps (255 bytes: 86 Chinese characters
in UTF-8, a legal name on Windows, where a paper's whole title names its scan) were an
unhandled OSError: the server's error page, the whole upload lost (hostile exploration
10). A zip or applicant folder so named is refused with the reason; a file of a folder
upload so named is left out and named in the report, as a zip's member is."""
from __future__ import annotations

import json
import re

from conftest import make_dossier, page_csrf, wait_done, zip_folder
from test_desk_app import upload_zip

LONG = "基于多源遥感数据的抚顺市大伙房水库饮用水水源地生态环境质量评价与保护对策研究" * 3  # 114 characters, 342 bytes
YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\nunit_kind: institution\n".encode()


def _flash(client, response) -> str:
    assert response.status_code == 303, response.text[:500]
    return client.get(response.headers["location"]).text


def test_a_zip_named_longer_than_the_file_system_keeps_is_refused_with_the_reason(desk, tmp_path):
    _, _, client = desk
    li = client("李审")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-005"), tmp_path / "A2024-005.zip")
    shown = _flash(li, upload_zip(li, zip_path, name=LONG + ".zip"))
    assert "过长，本机无法保存，已拒绝" in shown and "flash-error" in shown
    assert '<tr data-id="' not in li.get("/applicants").text


def test_a_folder_named_longer_than_the_file_system_keeps_is_refused_with_the_reason(desk, tmp_path):
    _, _, client = desk
    li = client("李审")
    files = [("files", (f"{LONG}/applicant.yaml", YAML, "text/yaml")),
             ("files", (f"{LONG}/p1.jpg", b"\xff\xd8\xff", "image/jpeg"))]
    response = li.post("/applicants/upload", data={"csrf_token": page_csrf(li)}, files=files, follow_redirects=False)
    shown = _flash(li, response)
    assert "申报人文件夹名" in shown and "过长，本机无法保存，已拒绝" in shown


def test_a_folders_file_named_longer_than_the_file_system_keeps_is_named_in_the_report(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    scan = (make_dossier(tmp_path / "in", "A2024-006", files=("p1.jpg",)) / "p1.jpg").read_bytes()
    files = [("files", ("A2024-006/applicant.yaml", YAML, "text/yaml")),
             ("files", ("A2024-006/p1.jpg", scan, "image/jpeg")),
             ("files", (f"A2024-006/论文/{LONG}.jpg", scan, "image/jpeg"))]
    response = li.post("/applicants/upload", data={"csrf_token": page_csrf(li)}, files=files, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    report = folder.run_dir(applicant_id, 1) / "A2024-006" / "report.json"
    unreadable = {u["file"]: u["reason"] for u in json.loads(report.read_text(encoding="utf-8"))["unreadable"]}
    assert "文件名过长（超过 255 字节）" in unreadable[f"论文/{LONG}.jpg"], unreadable
    assert (folder.input_dir(applicant_id) / "p1.jpg").is_file()
