"""A stand-in for the OCR pipeline in the desk's fast tests: it runs inside the batch
runner's real worker process (so it must be importable there, which spawn's copy of
``sys.path`` makes it) and makes findings from file names, with real progress calls.

``fail`` in a file's name makes a ``seal.unit`` fail on it, ``review`` a
``signature.present`` review (its status is ``DESK_FAKE_SIGNATURE`` when that is set,
its message the same: a recheck that reads the same page otherwise); every scan gets a
``seal.present`` pass. A scan named
``idcard`` is read as an ID card printing the applicant's number (the page's text), not
searched for seals (an ID card needs none: ``seals_not_sought``).
"""
from __future__ import annotations

import os
from pathlib import Path

from ocr.model import OcrLine, OcrPage
from verify.model import Finding, PageRead, verdict_of
from verify.run.pipeline import SEALS_NOT_SOUGHT, DossierResult, dossier_files

PAGE_SECONDS = float(os.environ.get("DESK_FAKE_PAGE_SECONDS", "0"))


def fake_check(folder, key, settings, applicant, progress=None):
    import time

    files, unreadable = dossier_files(Path(folder))
    findings, pages = [], []
    for path in files:
        rel = path.relative_to(folder).as_posix()
        if PAGE_SECONDS:
            time.sleep(PAGE_SECONDS)
        if progress:
            progress(1)
        findings.append(Finding("seal.present", "pass", "已加盖印章", file=rel, page=1))
        if "fail" in path.name:
            findings.append(Finding("seal.unit", "fail", "印章单位与申报单位不一致", file=rel, page=1,
                                    value="另一单位", expected=applicant.unit))
        if "review" in path.name:
            findings.append(Finding("signature.present", os.environ.get("DESK_FAKE_SIGNATURE") or "review",
                                    "签字栏无法确定是否签字", file=rel, page=1))
        if "idcard" in path.name:
            line = OcrLine(f"公民身份号码 {applicant.id_number}", ((100, 800), (1500, 800), (1500, 860), (100, 860)), 0.98)
            pages.append(PageRead(file=rel, page=1, ocr=OcrPage(1600, 1000, [line], engine="fake"), kind="id_card",
                                  id_numbers=[applicant.id_number], fields={SEALS_NOT_SOUGHT: "1"}))
            findings.append(Finding("identity.id_number", "pass", "身份证号码有效且与申报信息一致", file=rel, page=1,
                                    bbox=(100, 800, 1500, 860)))
    from verify.campaign import load_campaign

    return DossierResult(key=key, applicant=applicant, verdict=verdict_of(findings), findings=findings, pages=pages,
                         unreadable=unreadable, timings={}, campaign="fushun-2024",
                         rulebook=load_campaign("fushun-2024", origin="default").rulebook())


def budget_check(folder, key, settings, applicant, progress=None):
    """:func:`fake_check` with one more finding saying the reading budget the worker set
    (the applicant's time limit): the desk's ``--dossier-timeout`` reaches its checks."""
    from verify.run.pipeline import READ_BUDGET

    result = fake_check(folder, key, settings, applicant, progress)
    budget = READ_BUDGET.get()
    result.findings.append(Finding("dossier.readable", "pass",
                                   f"限时 {budget.limit:g} 秒" if budget is not None else "不限时"))
    return result


def process_check(folder, key, settings, applicant, progress=None):
    """:func:`fake_check` with one more finding naming the worker process that ran it
    (``进程 PID``); a scan named ``crash`` kills that process (as a segfault of the OCR
    engine or the kernel's OOM killer would), one named ``hang`` holds it past any limit."""
    import signal
    import time

    names = [path.name for path in Path(folder).rglob("*")]
    if any("crash" in name for name in names):
        os.kill(os.getpid(), signal.SIGKILL)
    if any("hang" in name for name in names):
        time.sleep(600)
    result = fake_check(folder, key, settings, applicant, progress)
    result.findings.append(Finding("dossier.readable", "pass", f"进程 {os.getpid()}"))
    return result
