"""The watched scanner folder: a sub-folder or zip becomes an applicant once it has
stopped growing; later scans into the same folder come to the same applicant."""
from __future__ import annotations

import time
import zipfile

import pytest

from conftest import make_dossier, zip_folder


@pytest.fixture
def desk_and_watch(tmp_path):
    from verify.desk.app import Desk, DeskConfig
    from verify.desk.watch import ScannerWatch
    from verify.run.pipeline import Settings

    scans = tmp_path / "scanner"
    scans.mkdir()
    desk = Desk(DeskConfig(data=tmp_path / "data", settings=Settings(), watch=scans))
    return desk, ScannerWatch(desk, scans, settle_seconds=5.0), scans


def applicants(desk):
    with desk.folder.connection() as conn:
        return [dict(r) for r in conn.execute("SELECT id, key, state, source, created_by FROM applicants ORDER BY id")]


def test_an_entry_is_taken_in_only_after_it_stops_changing(desk_and_watch):
    desk, watch, scans = desk_and_watch
    folder = make_dossier(scans, "A2024-010", files=("p1.jpg",))
    watch.touched(folder / "p1.jpg")
    assert watch.scan_once(now=100.0) == []  # first seen
    (folder / "p2.jpg").write_bytes(b"\xff\xd8 more")  # the scanner is still writing
    watch.touched(folder / "p2.jpg")
    assert watch.scan_once(now=104.0) == []  # changed: the clock starts again
    assert watch.scan_once(now=108.0) == []  # 4 s quiet, not yet 5
    (applicant_id,) = watch.scan_once(now=109.5)
    (row,) = applicants(desk)
    assert row["key"] == "A2024-010" and row["state"] == "queued" and row["source"] == "watch"
    assert sorted(p.name for p in desk.folder.input_dir(applicant_id).iterdir()) == ["applicant.yaml", "p1.jpg",
                                                                                    "p2.jpg"]
    assert (folder / "p1.jpg").exists()  # the scanner's folder is left as it was

    # more scans into the same folder later: the same applicant, checked again
    with desk.write() as conn:
        conn.execute("UPDATE applicants SET state = 'done', run_no = 1 WHERE id = ?", (applicant_id,))
    (folder / "p3.jpg").write_bytes(b"\xff\xd8 late page")
    watch.touched(folder / "p3.jpg")
    watch.scan_once(now=200.0)
    assert watch.scan_once(now=206.0) == [applicant_id]
    (row,) = applicants(desk)
    assert row["state"] == "queued" and (desk.folder.input_dir(applicant_id) / "p3.jpg").is_file()
    watch.touched(folder / "p3.jpg")  # nothing changed since: nothing happens
    watch.scan_once(now=300.0)
    assert watch.scan_once(now=306.0) == []


def test_a_zip_still_being_copied_waits_and_a_bad_zip_is_refused_once(desk_and_watch, tmp_path):
    desk, watch, scans = desk_and_watch
    whole = zip_folder(make_dossier(tmp_path / "src", "A2024-011"), tmp_path / "A2024-011.zip")
    partial = scans / "A2024-011.zip"
    partial.write_bytes(whole.read_bytes()[:200])  # half copied, and then quiet (a stalled copy)
    watch.touched(partial)
    watch.scan_once(now=10.0)
    assert watch.scan_once(now=16.0) == [] and applicants(desk) == []
    partial.write_bytes(whole.read_bytes())
    watch.touched(partial)
    watch.scan_once(now=20.0)
    (applicant_id,) = watch.scan_once(now=26.0)
    assert applicants(desk)[0]["key"] == "A2024-011"

    evil = scans / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../escape.jpg", b"x")
    watch.touched(evil)
    watch.scan_once(now=30.0)
    assert watch.scan_once(now=36.0) == []
    assert len(applicants(desk)) == 1 and not (tmp_path / "escape.jpg").exists()
    with desk.folder.connection() as conn:
        refused = conn.execute("SELECT after FROM audit WHERE target = 'evil.zip'").fetchone()
    assert "指向解压目录之外" in refused["after"]
    watch.touched(evil)
    watch.scan_once(now=40.0)
    assert watch.scan_once(now=46.0) == []  # not retried until it changes


def test_the_observer_sees_a_new_folder_and_takes_it_in(tmp_path):
    from verify.desk.app import Desk, DeskConfig
    from verify.desk.watch import ScannerWatch
    from verify.run.pipeline import Settings

    scans = tmp_path / "scanner"
    scans.mkdir()
    desk = Desk(DeskConfig(data=tmp_path / "data", settings=Settings()))
    watch = ScannerWatch(desk, scans, settle_seconds=0.5, poll_seconds=0.1)
    watch.start()
    try:
        make_dossier(scans, "A2024-012")
        deadline = time.monotonic() + 30
        while not applicants(desk) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        watch.stop()
    (row,) = applicants(desk)
    assert row["key"] == "A2024-012" and row["created_by"] == "扫描目录"


def test_links_in_a_watched_folder_are_taken_in_as_links_never_as_what_they_point_at(desk_and_watch, tmp_path):
    """A link to a file outside the dossier became a real file any reviewer could open at
    /applicants/N/files/…, and one to /dev/zero filled the disk (hostile exploration 3)."""
    desk, watch, scans = desk_and_watch
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    folder = make_dossier(scans, "A2024-011", files=("p1.jpg",))
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "zero.jpg").symlink_to("/dev/zero")
    watch.touched(folder / "p1.jpg")
    watch.scan_once(now=100.0)
    (applicant_id,) = watch.scan_once(now=106.0)
    got = desk.folder.input_dir(applicant_id)
    assert (got / "passwd.txt").is_symlink() and (got / "zero.jpg").is_symlink()
    # later scans into the same folder: a link still comes in as a link
    with desk.write() as conn:
        conn.execute("UPDATE applicants SET state = 'done', run_no = 1 WHERE id = ?", (applicant_id,))
    (folder / "later.jpg").symlink_to(secret)
    (folder / "p2.jpg").write_bytes(b"\xff\xd8 late page")
    watch.touched(folder / "p2.jpg")
    watch.scan_once(now=200.0)
    assert watch.scan_once(now=206.0) == [applicant_id]
    assert (got / "later.jpg").is_symlink() and (got / "p2.jpg").is_file()
    assert not any(p.is_file() and not p.is_symlink() and p.read_bytes().startswith(b"root:")
                   for p in got.rglob("*"))


def test_members_of_a_watched_zip_left_unextracted_are_recorded_for_the_check(desk_and_watch, tmp_path):
    """A link in a zip dropped into the scanner folder was dropped without a word (hostile
    exploration 4 P1): the desk records it where its worker reads it, and hands it to
    the check as an unreadable file (a link beside the applicant's folder too)."""
    from verify.desk.worker import check_for_desk, read_not_extracted
    from verify.run.pipeline import NOT_EXTRACTED

    desk, watch, scans = desk_and_watch
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-013", files=("p1.jpg",)), tmp_path / "x.zip")
    with zipfile.ZipFile(zip_path, "a") as zf:
        for name in ("A2024-013/link.jpg", "beside.jpg"):
            link = zipfile.ZipInfo(name)
            link.create_system, link.external_attr = 3, (0o120777 << 16)
            zf.writestr(link, "/etc/passwd")
    entry = scans / "A2024-013.zip"
    zip_path.rename(entry)
    watch.touched(entry)
    watch.scan_once(now=100.0)
    (applicant_id,) = watch.scan_once(now=106.0)
    note = desk.folder.not_extracted_file(applicant_id)
    assert [rel for rel, _ in read_not_extracted(note)] == ["link.jpg", "beside.jpg"]
    assert "申报人文件夹之外" in dict(read_not_extracted(note))["beside.jpg"]

    seen = []
    check_for_desk(desk.folder.input_dir(applicant_id), "A2024-013", desk.config.settings, None,
                   progress_file=str(tmp_path / "progress.json"), pages_file=str(tmp_path / "pages.pickle"),
                   inner=lambda *a, **k: seen.append(NOT_EXTRACTED.get()) or type("R", (), {"pages": []})(),
                   not_extracted_file=str(note))
    assert [rel for rel, _ in seen[0]] == ["link.jpg", "beside.jpg"] and NOT_EXTRACTED.get() == ()


def test_a_file_too_large_to_read_in_a_watched_folder_is_not_copied_but_recorded(desk_and_watch):
    """A sparse file of a few KB claiming 200 GB in a watched folder was copied whole into
    the desk's data folder (the disk filled) for a file the check refuses unread
    (hostile2's audit). It is left where it is and recorded, as a zip's member left out."""
    import os

    from ocr.errors import MAX_FILE_BYTES
    from verify.desk.worker import read_not_extracted

    desk, watch, scans = desk_and_watch
    folder = make_dossier(scans, "A2024-015", files=("p1.jpg",))
    with open(folder / "大.jpg", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + (1 << 30))
    os.utime(folder / "大.jpg", (50, 50))
    watch.touched(folder / "大.jpg")
    watch.scan_once(now=100.0)
    (applicant_id,) = watch.scan_once(now=106.0)
    assert not (desk.folder.input_dir(applicant_id) / "大.jpg").exists()
    assert (desk.folder.input_dir(applicant_id) / "p1.jpg").is_file()
    [(rel, reason)] = read_not_extracted(desk.folder.not_extracted_file(applicant_id))
    assert rel == "大.jpg" and reason.startswith("文件过大（2,048 MB，上限 1024 MB）")


def test_a_watched_folder_whose_applicant_yaml_turns_into_another_person_is_refused(desk_and_watch):
    """The scanner folder's applicant.yaml replaced by another person's: the applicant it
    made is not turned into that person (hostile exploration 6, D2)."""
    import yaml

    from conftest import APPLICANT

    desk, watch, scans = desk_and_watch
    folder = make_dossier(scans, "A2024-012", files=("p1.jpg",))
    watch.touched(folder / "p1.jpg")
    watch.scan_once(now=100.0)
    (applicant_id,) = watch.scan_once(now=106.0)
    with desk.write() as conn:
        conn.execute("UPDATE applicants SET state = 'done', run_no = 1 WHERE id = ?", (applicant_id,))
    other = dict(APPLICANT, name="毛丽", id_number="210404199011043178")
    (folder / "applicant.yaml").write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    (folder / "p2.jpg").write_bytes(b"\xff\xd8 her page")
    watch.touched(folder / "p2.jpg")
    watch.scan_once(now=200.0)
    assert watch.scan_once(now=206.0) == []
    with desk.folder.connection() as conn:
        row = conn.execute("SELECT name, state FROM applicants WHERE id = ?", (applicant_id,)).fetchone()
        refused = conn.execute("SELECT after FROM audit WHERE action = 'applicant.watch' ORDER BY id DESC").fetchone()
    assert tuple(row) == ("吕浩玉", "done") and not (desk.folder.input_dir(applicant_id) / "p2.jpg").exists()
    assert "不一致，已拒绝" in refused["after"]


def test_special_files_link_loops_and_deep_folders_in_a_watched_folder_still_bring_the_applicant_in(
        desk_and_watch, tmp_path):
    """A FIFO or a socket in a watched folder made ``shutil.copytree`` raise, a folder 500
    deep recursed out of Python, a broken link or links in a loop kept the folder from
    ever settling, and a device like /dev/zero was copied until the disk was full: each
    time the applicant never came in, and nobody was told (hostile exploration 13). The
    applicant comes in; its special files are recorded for the check, never opened; links
    stay links, the deep page is copied."""
    import os
    import socket

    from verify.desk.worker import read_not_extracted

    desk, watch, scans = desk_and_watch
    folder = make_dossier(scans, "A2024-016", files=("p1.jpg",))
    os.mkfifo(folder / "管道.jpg")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(folder / "套接字.jpg"))
    special = ["管道.jpg", "套接字.jpg"]
    if os.geteuid() == 0:  # a character device like /dev/zero (only root makes one)
        os.mknod(folder / "设备.jpg", 0o600 | 0o020000, os.makedev(1, 5))
        special.append("设备.jpg")
    (folder / "gone.jpg").symlink_to(tmp_path / "nowhere")
    (folder / "a.jpg").symlink_to("b.jpg")
    (folder / "b.jpg").symlink_to("a.jpg")
    (folder / "上一级").symlink_to("..")
    deep = folder.joinpath(*["层"] * 500)
    deep.mkdir(parents=True)
    (deep / "p9.jpg").write_bytes(b"\xff\xd8 deep page")
    watch.touched(folder / "p1.jpg")
    assert watch.scan_once(now=100.0) == []
    (applicant_id,) = watch.scan_once(now=106.0)
    got = desk.folder.input_dir(applicant_id)
    assert (got / "p1.jpg").is_file() and (got.joinpath(*["层"] * 500) / "p9.jpg").read_bytes() == b"\xff\xd8 deep page"
    assert all((got / n).is_symlink() for n in ("gone.jpg", "a.jpg", "b.jpg", "上一级"))
    assert not any(os.path.lexists(got / n) for n in special)
    recorded = dict(read_not_extracted(desk.folder.not_extracted_file(applicant_id)))
    assert sorted(recorded) == sorted(special) and all("不是普通文件" in r for r in recorded.values())
    assert (folder / "管道.jpg").exists()  # the scanner's folder is left as it was


def test_a_file_that_vanishes_or_cannot_be_read_while_a_watched_folder_is_copied(desk_and_watch, monkeypatch):
    """A scanner renaming its temporary file, or a file the desk may not read, as the
    folder is copied: the one gone is passed over (the folder changed, and comes in again),
    the one unreadable is recorded for the check saying why; the rest comes in."""
    import errno
    import os

    from verify.desk import watch as watch_module
    from verify.desk.worker import read_not_extracted

    desk, watch, scans = desk_and_watch
    folder = make_dossier(scans, "A2024-017", files=("p1.jpg", "p2.jpg", "p3.jpg"))
    real_open = os.open

    def faulty_open(path, flags, *args, **kwargs):
        if str(path).endswith("p2.jpg"):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
        if str(path).endswith("p3.jpg"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    watch.touched(folder / "p1.jpg")
    watch.scan_once(now=100.0)
    monkeypatch.setattr(watch_module.os, "open", faulty_open)
    (applicant_id,) = watch.scan_once(now=106.0)
    monkeypatch.undo()
    got = desk.folder.input_dir(applicant_id)
    assert sorted(p.name for p in got.iterdir()) == ["applicant.yaml", "p1.jpg"]
    assert read_not_extracted(desk.folder.not_extracted_file(applicant_id)) == [("p3.jpg", "文件无法打开（没有读取权限），未读取")]


def test_a_link_or_a_special_file_at_the_top_of_the_watched_folder_is_refused_in_the_audit_trail(desk_and_watch,
                                                                                                  tmp_path):
    """A link in the watched folder to a folder elsewhere was followed: whatever the machine
    holds there came into the desk, any reviewer able to open it; a FIFO named .zip was
    passed over without a word (hostile exploration 13). Each is refused once, in the audit
    trail, and nothing of what the link points at is copied."""
    import os

    desk, watch, scans = desk_and_watch
    elsewhere = make_dossier(tmp_path / "elsewhere", "A2024-018", files=("p1.jpg",))
    (elsewhere / "passwd.jpg").write_text("root:x:0:0")
    (scans / "A2024-018").symlink_to(elsewhere)
    (scans / "断开.zip").symlink_to(tmp_path / "nowhere.zip")
    os.mkfifo(scans / "管道.zip")
    make_dossier(scans, "A2024-019", files=("p1.jpg",))
    for entry in scans.iterdir():
        watch.touched(entry)
    watch.scan_once(now=100.0)
    (applicant_id,) = watch.scan_once(now=106.0)
    assert [r["key"] for r in applicants(desk)] == ["A2024-019"]
    assert not any(p.name == "passwd.jpg" for p in desk.folder.root.rglob("*"))
    with desk.folder.connection() as conn:
        refused = {r["target"]: r["after"] for r in conn.execute("SELECT target, after FROM audit WHERE action = ?",
                                                                 ("applicant.watch",)) if "refused" in r["after"]}
    assert sorted(refused) == ["A2024-018", "断开.zip", "管道.zip"]
    assert "符号链接" in refused["A2024-018"] and "符号链接" in refused["断开.zip"] and "不是普通文件" in refused["管道.zip"]
    for entry in scans.iterdir():  # refused once: not again until it changes
        watch.touched(entry)
    watch.scan_once(now=200.0)
    assert watch.scan_once(now=206.0) == []
    with desk.folder.connection() as conn:
        assert conn.execute("SELECT count(*) FROM audit WHERE action = 'applicant.watch'").fetchone()[0] == 4
