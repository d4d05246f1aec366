"""The disk full while the desk takes files in (hostile exploration 11). An upload was an
unhandled OSError: Starlette's bare 「Internal Server Error」, nothing said of the upload;
a 补交 that filled the disk halfway left a half-copied scan in the dossier and the
original it replaced moved out unrecorded, and the next check read the half. Now the
reviewer is told in Chinese, and the dossier is as it was."""
from __future__ import annotations

import errno
import re
import shutil

from conftest import make_dossier, page_csrf, wait_done, zip_folder
from test_desk_app import upload_zip


def _full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_upload_onto_a_full_disk_is_refused_in_chinese_and_nothing_is_left(desk, tmp_path, monkeypatch):
    import verify.desk.app as app_module

    _, folder, client = desk
    li = client("李审")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-005"), tmp_path / "A2024-005.zip")
    monkeypatch.setattr(app_module.shutil, "copyfileobj", _full)
    response = upload_zip(li, zip_path)
    assert response.status_code == 507, response.text[:300]
    assert "磁盘空间不足" in response.text and "本次操作未保存" in response.text
    assert "Internal Server Error" not in response.text
    assert list(folder.incoming.iterdir()) == []  # the staging folder removed
    monkeypatch.undo()
    assert '<tr data-id="' not in li.get("/applicants").text
    assert upload_zip(li, zip_path).status_code == 303  # the disk freed: the same upload taken


def test_a_folder_upload_onto_a_full_disk_answers_its_script_in_chinese(desk, tmp_path, monkeypatch):
    import verify.desk.intake as intake

    _, folder, client = desk
    li = client("李审")
    monkeypatch.setattr(intake.shutil, "copyfileobj", _full)
    files = [("files", ("A1/applicant.yaml", b"name: x\n", "text/yaml")), ("files", ("A1/p1.jpg", b"\xff\xd8\xff", "image/jpeg"))]
    response = li.post("/applicants/upload", data={"csrf_token": page_csrf(li)}, files=files,
                       headers={"accept": "application/json"}, follow_redirects=False)
    assert response.status_code == 507 and "磁盘空间不足" in response.json()["error"], response.text[:300]
    assert list(folder.incoming.iterdir()) == []


def test_scans_added_onto_a_full_disk_leave_the_dossier_as_it_was(desk, tmp_path, monkeypatch):
    """Two files re-sent, one replacing an original of the same name: the second copy
    fails halfway (the disk full). Both are taken back, the original back in its place."""
    import verify.desk.intake as intake

    _, folder, client = desk
    li = client("李审")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-005"), tmp_path / "A2024-005.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    target = folder.input_dir(applicant_id)
    before = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}

    real = shutil.copy2
    calls = []

    def copy_then_fill(src, dst, *, follow_symlinks=True):
        calls.append(dst)
        if len(calls) == 2:  # the second file: half written, then the disk is full
            with open(dst, "wb") as out:
                out.write(b"\xff\xd8\xff half")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(intake.shutil, "copy2", copy_then_fill)
    new = tmp_path / "补交" / "A2024-005"
    (new / "扫描").mkdir(parents=True)
    (new / "扫描" / "a-new.jpg").write_bytes(before["扫描/p1.jpg"])
    (new / "扫描" / "p1.jpg").write_bytes(b"\xff\xd8\xff a rescan of p1")
    with open(zip_folder(new, tmp_path / "补交.zip"), "rb") as fh:
        response = li.post(f"/applicants/{applicant_id}/scans", data={"csrf_token": page_csrf(li)},
                           files={"archive": ("补交.zip", fh, "application/zip")}, follow_redirects=False)
    assert len(calls) == 2
    shown = li.get(response.headers["location"]).text if response.status_code in (303, 409, 400) else response.text
    assert "补充扫描件未能保存（磁盘空间不足）" in shown and "申报人的材料保持原样" in shown, shown[-2000:]
    after = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == before
    assert not any(p.is_file() for p in folder.replaced_dir(applicant_id).rglob("*"))
    assert li.get(f"/applicants/{applicant_id}/progress").json()["state"] == "done"  # not queued again


def test_a_check_whose_report_cannot_be_written_for_a_full_disk_says_so(desk, tmp_path, monkeypatch):
    """The batch now stops at the first report it cannot write for a full disk
    (:class:`verify.run.batch.OutputFull`); the desk's check says the disk, not 「内部错误」."""
    import verify.run.batch as batch

    _, folder, client = desk
    li = client("李审")
    monkeypatch.setattr(batch, "record_outcome", _full)
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-005"), tmp_path / "A2024-005.zip")
    assert upload_zip(li, zip_path).status_code == 303
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    assert "核验结果未能保存（磁盘空间不足）" in page and "内部错误" not in page, page[-3000:]
