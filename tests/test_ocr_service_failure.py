"""An OCR service that fails is not the applicant's fault: the file's finding says the
service failed (no "请申报人重新提交"), and a rerun redoes the report instead of reusing
it (hostile exploration 5, P2)."""
from __future__ import annotations

import json
import os
import socket
import time

import numpy as np

from verify.run.batch import find_dossiers
from verify.run.pipeline import Settings, build_report, check_dossier
from verify.run.reports import report_is_current

YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\ncurrent_title:\n  name: 助理工程师\n  date: 2019-06-30\n"


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/ocr"


def test_a_page_the_ocr_service_did_not_read_is_the_services_failure_and_is_redone_on_rerun(tmp_path):
    import cv2

    folder = tmp_path / "archive" / "zhangwei"
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    cv2.imwrite(str(folder / "评定表.png"), np.full((200, 300, 3), 255, np.uint8))

    result = check_dossier(folder, "zhangwei", Settings(engine="remote", engine_url=_dead_url()))
    report = build_report(result)
    assert report["unreadable"] == [{"file": "评定表.png", "reason": report["unreadable"][0]["reason"], "service": True}]
    readable = [f for f in result.findings if f.rule == "dossier.readable"]
    assert len(readable) == 1 and readable[0].status == "review"
    assert "文字识别服务故障" in readable[0].message and "无法连接 OCR 服务" in readable[0].message
    assert "请申报人" not in readable[0].message and "无需申报人重新提交" in readable[0].message

    (dossier,) = find_dossiers(tmp_path / "archive")
    report["batch"] = {"fingerprint": "f", "inputs_mtime": dossier.newest_input,
                       **({"inputs_listing": dossier.listing} if dossier.listing else {})}
    path = tmp_path / "report.json"
    (tmp_path / "report.html").write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    future = time.time() + 60
    os.utime(path, (future, future))
    assert report_is_current(path, dossier, "f") is None, "the rerun redoes it once the service answers"
    report["unreadable"] = [{"file": "评定表.png", "reason": "文件已损坏"}]
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    os.utime(path, (future, future))
    assert report_is_current(path, dossier, "f") is not None, "a file's own fault is reused as before"
    # a service failure past the first 1000 entries, only counted (unreadable_more), is redone too
    report["unreadable_more"] = {"files": 5, "cut": 0, "service": 1}
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    os.utime(path, (future, future))
    assert report_is_current(path, dossier, "f") is None, "a service failure only counted is redone"


def test_a_file_the_disk_or_network_share_failed_to_read_is_not_the_applicants_and_is_redone(tmp_path, monkeypatch):
    """An I/O error of the share a dossier lies on (EIO, ESTALE) was 「文件无法打开」 or
    「图像已损坏」, the applicant asked to resubmit, and every rerun reused the report."""
    import builtins
    import errno

    import cv2

    import ocr.sources

    folder = tmp_path / "archive" / "zhangwei"
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    cv2.imwrite(str(folder / "评定表.png"), np.full((200, 300, 3), 255, np.uint8))

    def flaky(file, *args, **kwargs):
        if str(file).endswith("评定表.png"):
            raise OSError(errno.EIO, "Input/output error")
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(ocr.sources, "open", flaky, raising=False)
    result = check_dossier(folder, "zhangwei", Settings(cache_path=None))
    report = build_report(result)
    assert [(u["file"], u.get("service")) for u in report["unreadable"]] == [("评定表.png", True)]
    [readable] = [f for f in result.findings if f.rule == "dossier.readable"]
    assert "磁盘或网络盘出错" in readable.message and "无需申报人重新提交" in readable.message
    assert "请申报人" not in readable.message and "损坏；" not in readable.message


class _ShareFile:
    """A file on a network share that fails once the file was read through: then reads
    touching ``bad`` (a byte range) fail with EIO (``state``: shared by the file's opens)."""

    def __init__(self, path, bad, state):
        self._fh, self._bad, self._state = open(path, "rb"), bad, state

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def _check(self, size):
        import errno

        start = self._fh.tell()
        end = start + (size if size is not None and size >= 0 else 1 << 40)
        if self._state["read_through"] and start < self._bad[1] and end > self._bad[0]:
            raise OSError(errno.EIO, "Input/output error")

    def read(self, size=-1):
        self._check(size)
        data = self._fh.read(size)
        self._state["read_through"] |= not data
        return data

    def readinto(self, buffer):
        self._check(len(buffer))
        return self._fh.readinto(buffer)


def _pdf_on_share(tmp_path, monkeypatch, bad):
    """A dossier whose scan is a PDF (its picture's stream in the middle of the file), read from
    a share that fails once the file was first read through (its JPEG scans counted), on the
    bytes ``bad`` (a function of the file's size): the share's fault comes as pdfium reads it."""
    import builtins

    from PIL import Image, ImageDraw

    import ocr.sources

    folder = tmp_path / "archive" / "zhangwei"
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    image = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(image).ellipse((200, 100, 400, 300), outline=(220, 0, 0), width=12)
    pdf = folder / "评定表.pdf"
    image.save(pdf)
    span, state = bad(pdf.stat().st_size), {"read_through": False}

    def share_open(file, mode="r", *args, **kwargs):
        if str(file).endswith("评定表.pdf") and "b" in mode:
            return _ShareFile(file, span, state)
        return builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(ocr.sources, "open", share_open, raising=False)
    return folder


def test_a_pdf_the_share_fails_to_read_is_the_shares_fault_not_the_files_damage(tmp_path, monkeypatch):
    """pdfium read a PDF by its path and said only 「File access error」: a share's I/O error
    was 「文件已损坏或不完整」, the applicant asked to resubmit a good file, and the report reused
    (hostile3's leftover 2). Read through Python, the error is the share's, and redone. (Before,
    pdfium read the file itself: this test's share could not reach it, and the page was read.)"""
    folder = _pdf_on_share(tmp_path, monkeypatch, lambda size: (0, size))
    result = check_dossier(folder, "zhangwei", Settings(cache_path=None))
    report = build_report(result)
    assert [(u["file"], u.get("service")) for u in report["unreadable"]] == [("评定表.pdf", True)], report["unreadable"]
    [readable] = [f for f in result.findings if f.rule == "dossier.readable"]
    assert "磁盘或网络盘出错" in readable.message and "损坏；" not in readable.message


def test_a_pdf_whose_picture_the_share_fails_to_read_is_not_drawn_blank(tmp_path, monkeypatch):
    """The share failing once the page was loaded (the picture's stream, mid-file): pdfium drew
    the page without its picture and said nothing, a blank page read as the applicant's."""
    from ocr.errors import ReadFault
    from ocr.sources import iter_pages

    folder = _pdf_on_share(tmp_path, monkeypatch, lambda size: (size // 3, size // 3 + 64))
    try:
        pages = [p.image for p in iter_pages(folder / "评定表.pdf")]
    except ReadFault as exc:
        assert "磁盘或网络盘出错" in exc.reason
    else:
        raise AssertionError(f"read as {len(pages)} page(s) from a file the share failed to read")


def test_a_file_whose_reading_raised_an_unexpected_error_is_read_again_by_the_rerun(tmp_path, monkeypatch):
    """An error no reader expects (a bug of the toolkit as likely as the file's) was
    「读取时出错（ValueError），请人工核对该文件」 and the report reused by every rerun, as if the
    file were damaged: the fixed toolkit never read it again (hostile3's leftover 3)."""
    import cv2

    import ocr.pipeline as pipeline

    folder = tmp_path / "archive" / "zhangwei"
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    cv2.imwrite(str(folder / "评定表.png"), np.full((200, 300, 3), 255, np.uint8))
    real = pipeline.read_file

    def buggy(path, *args, **kwargs):
        if str(path).endswith("评定表.png"):
            raise ValueError("cannot reshape array of size 0 into shape (0,newaxis)")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_file", buggy)
    result = check_dossier(folder, "zhangwei", Settings(cache_path=None))
    report = build_report(result)
    [entry] = report["unreadable"]
    assert entry["file"] == "评定表.png" and entry.get("retry") is True and not entry.get("service")
    [readable] = [f for f in result.findings if f.rule == "dossier.readable"]
    assert "ValueError" in readable.message and "核验程序" in readable.message and "请申报人" not in readable.message

    (dossier,) = find_dossiers(tmp_path / "archive")
    report["batch"] = {"fingerprint": "f", "inputs_mtime": dossier.newest_input,
                       **({"inputs_listing": dossier.listing} if dossier.listing else {})}
    path = tmp_path / "report.json"
    (tmp_path / "report.html").write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    future = time.time() + 60
    for unreadable, more in ((report["unreadable"], None), ([], {"files": 5, "cut": 0, "service": 0, "retry": 1})):
        report["unreadable"] = unreadable
        if more:
            report["unreadable_more"] = more
        path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        os.utime(path, (future, future))
        assert report_is_current(path, dossier, "f") is None, "read again by the rerun"


def test_a_file_a_decoder_called_damaged_while_the_share_failed_is_the_shares_fault(tmp_path, monkeypatch):
    """A decoder reading the file by itself (libtiff by its descriptor) reports the share's
    I/O error as damage (「decoder error -2」, no errno): the scan was 「图像已损坏」, the applicant
    asked to resubmit, the report reused. The damage is now believed only when the file's
    bytes read whole."""
    import builtins
    import errno

    import cv2

    import ocr.pipeline
    import ocr.sources
    from ocr.errors import CorruptFile

    folder = tmp_path / "archive" / "zhangwei"
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    cv2.imwrite(str(folder / "评定表.tif"), np.full((200, 300, 3), 255, np.uint8))
    cv2.imwrite(str(folder / "推荐表.tif"), np.full((200, 300, 3), 255, np.uint8))
    real = ocr.pipeline.read_file

    def decoder_error(path, *args, **kwargs):
        if str(path).endswith(".tif"):
            raise CorruptFile("第 1 页图像已损坏或不完整，无法解码", str(path))
        return real(path, *args, **kwargs)

    def share_open(file, mode="r", *args, **kwargs):
        if str(file).endswith("评定表.tif"):  # the share fails on this one; 推荐表.tif is damaged indeed
            raise OSError(errno.EIO, "Input/output error")
        return builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(ocr.pipeline, "read_file", decoder_error)
    monkeypatch.setattr(ocr.sources, "open", share_open, raising=False)
    report = build_report(check_dossier(folder, "zhangwei", Settings(cache_path=None)))
    assert sorted((u["file"], bool(u.get("service")), "已损坏" in u["reason"]) for u in report["unreadable"]) == [
        ("推荐表.tif", False, True), ("评定表.tif", True, False)], report["unreadable"]


def test_files_left_unread_past_the_dossiers_page_cap_make_a_missing_form_a_review(tmp_path):
    """20,000 tiny files filled the page cap before the forms were read, and every form
    was then 「缺少必备材料」, a fail (hostile4): a form may be in the files left unread,
    so its absence is a review, and those files are marked ``capped``."""
    import cv2

    folder = tmp_path / "zhangwei"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    for name in ("a.png", "b.png", "c.png"):
        cv2.imwrite(str(folder / name), np.full((200, 300, 3), 255, np.uint8))
    report = build_report(check_dossier(folder, "zhangwei", Settings(cache_path=None, max_pages=1)))
    assert [(u["file"], u.get("capped")) for u in report["unreadable"]] == [("b.png", True), ("c.png", True)]
    required = [f for f in report["findings"] if f["rule"] == "dossier.required"]
    assert required and {f["status"] for f in required} == {"review"}, required
    assert "总页数超过上限" in required[0]["message"]
