"""A re-scan handed in under a new file name (scanner apps name by time: DOC241015-97.jpg
again as DOC241106-12.jpg) stood beside the old scan: both were checked, the findings came
in pairs, and the decisions stayed on the old file. The reviewer now says which original it
replaces: that one leaves the dossier (kept under ``replaced/``, named in the audit row), and
its decisions stand beside the new file's findings, saying the file was replaced. A file
replaced under its own name is kept there too (it was overwritten)."""
from __future__ import annotations

import json
import re

from conftest import make_dossier, page_csrf, wait_done, zip_folder
from test_desk_app import checked_applicant, finding_ids


def rescanned() -> bytes:
    """Another scan of a page (other bytes than conftest's scan)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (36, 50), (250, 248, 240)).save(out, "JPEG")
    return out.getvalue()


def send_scans(client, tmp_path, applicant_id, files, replaces=(), name="more"):
    extra = make_dossier(tmp_path / name, "A2024-003", files=files, metadata=None)
    for rel in files:
        (extra / rel).write_bytes(rescanned())
    csrf = page_csrf(client, f"/applicants/{applicant_id}")
    with open(zip_folder(extra, tmp_path / f"{name}.zip"), "rb") as fh:
        return client.post(f"/applicants/{applicant_id}/scans",
                           data={"csrf_token": csrf, "replaces": list(replaces)},
                           files={"archive": (f"{name}.zip", fh, "application/zip")})


def test_a_rescan_under_a_new_name_replaces_the_original_chosen(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}").text
    # the choice is offered beside the 补充 form, applicant.yaml not among it
    scans = page.split('id="scans"', 1)[1].split("</section>", 1)[0]
    assert 'name="replaces" value="p3-fail.jpg"' in scans and 'value="applicant.yaml"' not in scans
    csrf = page_csrf(li, f"/applicants/{applicant_id}")
    li.post(f"/applicants/{applicant_id}/findings/{finding_ids(page)['seal.unit']}",
            data={"csrf_token": csrf, "action": "pass", "reason": "公章为单位曾用名"})
    old_bytes = (folder.input_dir(applicant_id) / "p3-fail.jpg").read_bytes()

    r = send_scans(li, tmp_path, applicant_id, ("DOC241106-12-fail.jpg",), replaces=["p3-fail.jpg"])
    assert "新增 1 个：DOC241106-12-fail.jpg；移出被替换的原件 1 个：p3-fail.jpg" in r.text
    wait_done(li, applicant_id)

    inputs = sorted(p.relative_to(folder.input_dir(applicant_id)).as_posix()
                    for p in folder.input_dir(applicant_id).rglob("*") if p.is_file())
    assert "p3-fail.jpg" not in inputs and "DOC241106-12-fail.jpg" in inputs
    kept = folder.replaced_dir(applicant_id) / "1" / "p3-fail.jpg"
    assert kept.read_bytes() == old_bytes
    with folder.connection() as conn:
        row = conn.execute("SELECT after FROM audit WHERE action = 'applicant.scans'").fetchone()
        files = [r[0] for r in conn.execute("SELECT DISTINCT file FROM findings f JOIN applicants a"
                                            " ON a.id = f.applicant_id AND f.run_no = a.run_no")]
    after = json.loads(row["after"])
    assert after["removed"] == ["p3-fail.jpg"] and after["replaced_by"] == "p3-fail.jpg → DOC241106-12-fail.jpg"
    assert after["kept_at"] == f"applicants/{applicant_id}/replaced/1"
    assert "p3-fail.jpg" not in files  # one seal.unit finding, not a pair

    # the override stands beside the new file's finding, saying the file was replaced, one click to take it
    page = li.get(f"/applicants/{applicant_id}").text
    card = page.split(f'id="finding-{finding_ids(page)["seal.unit"]}"', 1)[1][:4000]
    assert "公章为单位曾用名" in card and "文件已更换" in card and "沿用此决定" in card
    assert "该项在新的核验结果中已不存在" not in page
    # the replaced original opens from the page, as handed in; nothing outside its folder does
    assert "已被补交替换的原件（1 个" in page and f'href="/applicants/{applicant_id}/replaced/1/p3-fail.jpg"' in page
    kept_file = li.get(f"/applicants/{applicant_id}/replaced/1/p3-fail.jpg?download=1")
    assert kept_file.status_code == 200 and kept_file.content == old_bytes
    assert li.get(f"/applicants/{applicant_id}/replaced/1/..%2F..%2Finput%2Fapplicant.yaml").status_code == 404
    assert li.get(f"/applicants/{applicant_id}/replaced/2/p3-fail.jpg").status_code == 404
    audit = li.get(f"/audit?applicant={applicant_id}&kind=all").text
    assert "移出的原件（被重新扫描的文件替换）" in audit and "p3-fail.jpg → DOC241106-12-fail.jpg" in audit


def test_without_a_choice_a_new_name_stands_beside_and_the_reviewer_is_told(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    r = send_scans(li, tmp_path, applicant_id, ("DOC241106-12.jpg",))
    assert "正在重新核验。新文件与原有文件并存、都将核验；如是重新扫描的原有文件，请在补充扫描件时勾选其替换的原件" in r.text
    wait_done(li, applicant_id)
    assert (folder.input_dir(applicant_id) / "p3-fail.jpg").is_file()
    assert not folder.replaced_dir(applicant_id).exists()


def test_a_file_replaced_under_its_own_name_is_kept_and_never_rewritten_in_place(desk, tmp_path):
    """The old file was overwritten where it stood (opened with O_TRUNC): the image decided on
    was gone, and a server reading it through a memory map at that moment (pdfium's cost
    check of a PDF, Pillow's of an uncompressed TIFF or BMP shown to a reviewer) would have
    died of SIGBUS. The old file is now moved aside whole and the new one written beside."""
    import os

    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    old = folder.input_dir(applicant_id) / "p3-fail.jpg"
    old.write_bytes(b"old scan")
    held = os.open(old, os.O_RDONLY)  # as a reader (a map) holds the file
    try:
        send_scans(li, tmp_path, applicant_id, ("p3-fail.jpg",))
        wait_done(li, applicant_id)
        assert os.fstat(held).st_size == len(b"old scan") and os.pread(held, 64, 0) == b"old scan"
    finally:
        os.close(held)
    assert (folder.replaced_dir(applicant_id) / "1" / "p3-fail.jpg").read_bytes() == b"old scan"
    assert old.read_bytes() != b"old scan"


def test_a_choice_outside_the_dossier_or_of_applicant_yaml_is_refused_and_nothing_is_copied(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    for bad, said in (("../../desk.sqlite", "不在该申报人的材料中"), ("applicant.yaml", "不能被扫描件替换")):
        r = send_scans(li, tmp_path, applicant_id, ("new-scan.jpg",), replaces=[bad], name=f"bad{len(said)}")
        assert said in r.text
        assert not (folder.input_dir(applicant_id) / "new-scan.jpg").exists()
    assert (folder.root / "desk.sqlite").is_file() and (folder.input_dir(applicant_id) / "applicant.yaml").is_file()
    with folder.connection() as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'applicant.scans'").fetchone()[0] == 0
