"""An upload over the desk's member limit (5,000) says what to do about it, in Chinese:
split it and send the rest as new scans of the applicant, or, where the zip's folders
and system litter (__MACOSX) made the count, upload the folder itself, which counts its
files only. The refusal said 文件过多 and the limit; the folder's said 请压缩为 ZIP, which the
same limit refuses."""
from __future__ import annotations

import zipfile

from conftest import login
from test_desk_app import upload_zip


def client_of(desk_factory, limit: int):
    from starlette.testclient import TestClient

    from verify.run.batch import ZipLimits

    app, folder = desk_factory(zip_limits=ZipLimits(max_members=limit))
    return login(TestClient(app, base_url="http://127.0.0.1:8765"), "李审")


def test_a_zip_over_the_member_limit_is_refused_with_what_to_do(desk_factory, tmp_path):
    li = client_of(desk_factory, 6)
    mac = tmp_path / "A2024-020.zip"  # 4 scans, zipped on a Mac: folders and AppleDouble files besides
    with zipfile.ZipFile(mac, "w") as zf:
        zf.writestr("A2024-020/", b"")
        zf.writestr("A2024-020/扫描/", b"")
        for i in range(4):
            zf.writestr(f"A2024-020/扫描/p{i}.jpg", b"\xff\xd8 scan")
            zf.writestr(f"__MACOSX/A2024-020/扫描/._p{i}.jpg", b"mac")
    text = li.get(upload_zip(li, mac).headers["location"]).text
    assert "压缩包内共 10 项，超过上限 6" in text and "其中文件 4 个" in text
    assert "请直接选择该申报人的文件夹上传" in text and "A2024-020" not in text.split("<tbody>")[-1]

    many = tmp_path / "A2024-021.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(8):
            zf.writestr(f"A2024-021/p{i}.jpg", b"\xff\xd8 scan")
    text = li.get(upload_zip(li, many).headers["location"]).text
    assert "压缩包内共 8 项，超过上限 6" in text and "请检查是否误选了上级文件夹" in text
    assert "补充扫描件" in text and "分成几个压缩包" in text


def test_a_folder_over_the_member_limit_is_refused_without_sending_it_to_a_zip(desk_factory, tmp_path):
    from conftest import page_csrf

    li = client_of(desk_factory, 6)
    files = [("files", (f"A2024-022/p{i}.jpg", b"\xff\xd8 scan", "image/jpeg")) for i in range(8)]
    r = li.post("/applicants/upload", data={"csrf_token": page_csrf(li)}, files=files,
                headers={"Accept": "application/json"})
    error = r.json()["error"]
    assert "文件过多（8 个，上限 6 个）" in error and "补充扫描件" in error and "压缩为 ZIP" not in error


def test_the_form_readers_file_limit_advises_splitting_not_zipping():
    from verify.desk.app import _form_error_zh

    said = _form_error_zh("Too many files. Maximum number of files is 5000.", 5000)
    assert "5000" in said and "补充扫描件" in said and "压缩为 ZIP" not in said
