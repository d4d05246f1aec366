"""A day's scans zipped whole (one folder per applicant, each with its applicant.yaml), or
that folder chosen, are taken as each applicant uploaded alone. The desk refused them and
told the reviewer to run ``verify batch`` (a command a desk has no use for) or zip each
folder again by hand (desk exploration 2: the sample's four applicants zipped together)."""
from __future__ import annotations

import re

from conftest import make_dossier, page_csrf, wait_done, zip_folder
from test_desk_app import upload_zip


def listed(client) -> dict[str, int]:
    """The applicants on the list: their ids by key."""
    return {key: int(i) for i, key in re.findall(r'<tr data-id="(\d+)">\s*<td class="key">([^<]+)</td>',
                                                  client.get("/applicants").text)}


def test_an_archive_of_several_applicants_is_each_of_them(desk, tmp_path):
    _, _, client = desk
    li = client("李审")
    make_dossier(tmp_path / "one", "A2024-003")
    upload_zip(li, zip_folder(tmp_path / "one" / "A2024-003", tmp_path / "A2024-003.zip"))
    day = tmp_path / "day" / "2024-10-17"
    for key in ("A2024-001", "A2024-002", "A2024-003"):
        make_dossier(day, key, files=(f"扫描/{key}-p1.jpg", "p3-fail.jpg"))
    make_dossier(day, "A2024-009", files=("扫描/p1.jpg",), metadata=None)  # no applicant.yaml: not one of them
    r = upload_zip(li, zip_folder(day, tmp_path / "day.zip"))
    said = li.get(r.headers["location"]).text
    assert r.headers["location"] == "/applicants"
    assert "另有不属于任何申报人文件夹的 1 项（A2024-009）" in said  # whose is it? the reviewer says

    (day / "A2024-009" / "扫描" / "p1.jpg").unlink(), (day / "A2024-009" / "扫描").rmdir(), (day / "A2024-009").rmdir()
    (day / "名单.xlsx").write_bytes(b"PK roster")  # no one's material: left out, said so
    r = upload_zip(li, zip_folder(day, tmp_path / "day.zip"))
    said = li.get(r.headers["location"]).text
    assert "已收到 2 位申报人（A2024-001、A2024-002），正在排队核验" in said
    assert "未收 名单.xlsx（不在任何申报人的文件夹中，也不是扫描件或 PDF）" in said
    assert "A2024-003 已在审核台中，未重复收件" in said
    rows = listed(li)
    assert sorted(rows) == ["A2024-001", "A2024-002", "A2024-003"]
    for key in ("A2024-001", "A2024-002"):
        assert wait_done(li, rows[key])["state"] == "done"
        page = li.get(f"/applicants/{rows[key]}").text
        assert f"{key}-p1.jpg" in page and ("A2024-002-p1.jpg" if key == "A2024-001" else "A2024-001-p1.jpg") not in page


def test_a_folder_of_several_applicants_chosen_is_each_of_them(desk, tmp_path):
    _, _, client = desk
    li = client("李审")
    day = tmp_path / "今天的扫描"
    for key in ("A2024-011", "A2024-012"):
        make_dossier(day, key)
    files = [("files", (f"{day.name}/{p.relative_to(day).as_posix()}", p.read_bytes(), "image/jpeg"))
             for p in sorted(day.rglob("*")) if p.is_file()]
    r = li.post("/applicants/upload", data={"csrf_token": page_csrf(li)}, files=files,
                headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json()["message"] == "已收到 2 位申报人（A2024-011、A2024-012），正在排队核验"
    assert sorted(listed(li)) == ["A2024-011", "A2024-012"]
    assert "可一次上传该上级文件夹或其 ZIP，每人分别核验" in li.get("/applicants").text  # the page says it can
