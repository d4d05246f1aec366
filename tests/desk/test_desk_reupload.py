"""A reviewer sends a 补交 from the list page, where every upload starts: the applicant's
folder zipped again under another name (A2024-003-补交.zip) was made a second applicant,
the decisions left on the first; the same name was refused with a pointer to a page the
reviewer then had to find. Both now land on that applicant's page, at its 补充 form."""
from __future__ import annotations

import zipfile

from conftest import make_dossier, wait_done, zip_folder
from test_desk_app import upload_zip


def test_a_resubmission_from_the_list_lands_on_the_applicants_page_and_makes_no_second_applicant(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    dossier = make_dossier(tmp_path / "in", "A2024-003")
    assert upload_zip(li, zip_folder(dossier, tmp_path / "A2024-003.zip")).status_code == 303
    wait_done(li, 1)

    again = upload_zip(li, zip_folder(dossier, tmp_path / "A2024-003-补交.zip"))
    assert again.status_code == 303 and again.headers["location"] == "/applicants/1#scans"
    page = li.get("/applicants/1").text
    assert "压缩包「A2024-003-补交」中是申报人 A2024-003（吕浩玉）的文件夹" in page and 'id="scans"' in page
    # said beside the form the page opens at too (the flash at the top is out of view there)
    beside = page.split('id="scans"', 1)[1].split("</section>", 1)[0]
    assert 'class="warn refused"' in beside and "压缩包「A2024-003-补交」" in beside
    same = upload_zip(li, zip_folder(dossier, tmp_path / "A2024-003.zip"))
    assert same.headers["location"] == "/applicants/1#scans"
    assert "已有编号为 A2024-003 的申报人（吕浩玉）：如是补交材料，请在本页「补充扫描件并重新核验」处上传" in li.get("/applicants/1").text
    with folder.connection() as conn:
        assert conn.execute("SELECT COUNT(*) FROM applicants").fetchone()[0] == 1

    # a zip of loose files, or another applicant's own folder, is taken as before
    loose = tmp_path / "A2024-004.zip"
    with zipfile.ZipFile(loose, "w") as zf:
        for path in sorted(make_dossier(tmp_path / "other", "A2024-004").rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(tmp_path / "other" / "A2024-004").as_posix())
    assert upload_zip(li, loose).headers["location"] == "/applicants"
    with folder.connection() as conn:
        assert [r[0] for r in conn.execute("SELECT key FROM applicants ORDER BY id")] == ["A2024-003", "A2024-004"]


def test_a_resubmitted_folder_from_the_list_is_sent_to_the_applicants_page(desk, tmp_path):
    """The same as a folder (the page's script sends it and reads JSON): it stayed on the
    list page with the reason alone; now it is told where to go, the reason kept there."""
    from conftest import page_csrf

    app, folder, client = desk
    li = client("李审")
    dossier = make_dossier(tmp_path / "in", "A2024-003")
    assert upload_zip(li, zip_folder(dossier, tmp_path / "A2024-003.zip")).status_code == 303
    wait_done(li, 1)
    files = [("files", (f"A2024-003/{p.relative_to(dossier).as_posix()}", p.read_bytes(), "application/octet-stream"))
             for p in sorted(dossier.rglob("*")) if p.is_file()]
    r = li.post("/applicants/upload", data={"csrf_token": page_csrf(li)}, files=files,
                headers={"Accept": "application/json"})
    assert r.status_code == 400 and r.json()["redirect"] == "/applicants/1#scans"
    beside = li.get("/applicants/1").text.split('id="scans"', 1)[1].split("</section>", 1)[0]
    assert "已有编号为 A2024-003 的申报人（吕浩玉）" in beside
