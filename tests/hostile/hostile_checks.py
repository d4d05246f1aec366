"""Check functions the hostile and fault tests hand to the batch runner's workers
(module level: workers are spawned processes and import them by name)."""
from __future__ import annotations

import time
from pathlib import Path

from ocr.testing import CountingEngine
from verify.model import Finding
from verify.run.pipeline import DossierResult


def timed_check(folder, key, settings, applicant, progress=None):
    """Deterministic findings; sleeps as long as the dossier's ``SLEEP`` file says."""
    folder = Path(folder)
    sleep = folder / "SLEEP"
    if sleep.exists():
        time.sleep(float(sleep.read_text()))
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.jpg"))
    status = (folder / "STATUS").read_text().strip() if (folder / "STATUS").exists() else "pass"
    findings = [Finding("seal.present", status, f"{applicant.name} 的材料", file=files[0] if files else None, page=1),
                Finding("dossier.required", "pass", "齐全")]
    if progress:
        progress(1)
    return DossierResult(key=key, applicant=applicant, verdict=status, findings=findings, pages=[], unreadable=[],
                         timings={"total": 0.0})


def pipeline_with_fake_engine(folder, key, settings, applicant, progress=None):
    """The real pipeline (files, decoding, seals, signatures, rules) with a fake OCR
    engine that answers every page with one fixed line: no model, real pixels."""
    from ocr.engines import register_engine
    from verify.run.pipeline import check_dossier

    register_engine("counting", "ocr.testing:CountingEngine")
    return check_dossier(folder, key, settings, applicant=applicant, progress=progress)


def logged_check(folder, key, settings, applicant, progress=None):
    """:func:`timed_check`, writing ``key start end`` (monotonic seconds) to the file
    named by ``HOSTILE_OVERLAP_LOG``: the test sees which checks ran at once."""
    import os

    start = time.monotonic()
    result = timed_check(folder, key, settings, applicant, progress)
    with open(os.environ["HOSTILE_OVERLAP_LOG"], "a", encoding="utf-8") as fh:
        fh.write(f"{key} {start} {time.monotonic()}\n")
    return result


class SlowEngine(CountingEngine):
    """:class:`ocr.testing.CountingEngine` taking 0.25 s a page: each page well inside
    its time, the dossier slow only in all."""

    name = "slow"

    def recognize(self, image):
        time.sleep(0.25)
        return super().recognize(image)


def pipeline_with_slow_engine(folder, key, settings, applicant, progress=None):
    """The real pipeline with :class:`SlowEngine` (``Settings(engine="slow")``)."""
    from ocr.engines import register_engine
    from verify.run.pipeline import check_dossier

    register_engine("slow", "hostile_checks:SlowEngine")
    return check_dossier(folder, key, settings, applicant=applicant, progress=progress)


class StuckEngine(CountingEngine):
    """:class:`ocr.testing.CountingEngine` that takes a minute over a page 121 pixels
    wide (in short sleeps, as a page's many model runs do) and 0.05 s over the others:
    a page begun before the reading's cut that runs on past the applicant's time."""

    name = "stuck"

    def recognize(self, image):
        if image.shape[1] == 121:
            for _ in range(1200):
                time.sleep(0.05)
        time.sleep(0.05)
        return super().recognize(image)


def pipeline_with_stuck_engine(folder, key, settings, applicant, progress=None):
    """The real pipeline with :class:`StuckEngine` (``Settings(engine="stuck")``)."""
    from ocr.engines import register_engine
    from verify.run.pipeline import check_dossier

    register_engine("stuck", "hostile_checks:StuckEngine")
    return check_dossier(folder, key, settings, applicant=applicant, progress=progress)
