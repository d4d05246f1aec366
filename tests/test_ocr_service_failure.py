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
