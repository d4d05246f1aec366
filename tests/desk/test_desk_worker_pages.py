"""The desk's check takes the dossier's page count from the worker that counted it
(hostile exploration 9): ``check_for_desk`` counted every PDF's pages again for its
progress file, so each desk check opened each PDF twice, the second time outside the
worker's start-up time. No browser, no OCR: in this process, with a stand-in check."""
from __future__ import annotations

import functools
import json

from PIL import Image

from verify.desk.worker import check_for_desk
from verify.model import Finding
from verify.run.inputs import DossierInput
from verify.run.pipeline import DossierResult, Settings
from verify.run.task import PAGES_COUNTED, DossierTask, check_task

YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\n"


def _stand_in(folder, key, settings, applicant, progress=None):
    if progress:
        progress(3)
    return DossierResult(key=key, applicant=applicant, verdict="pass", findings=[Finding("dossier.required", "pass", "齐全")],
                         pages=[], unreadable=[], timings={"total": 0.0})


def test_the_desk_check_takes_the_page_count_from_the_worker(tmp_path, monkeypatch):
    import verify.run.batch

    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    pages = [Image.new("RGB", (100, 140), "white") for _ in range(2)]
    pages[0].save(folder / "全部.pdf", save_all=True, append_images=pages[1:])
    pages[0].save(folder / "证书.jpg")
    desk_counts = []
    real = verify.run.batch.count_pages
    monkeypatch.setattr(verify.run.batch, "count_pages", lambda *a, **k: desk_counts.append(a) or real(*a, **k))
    progress = tmp_path / "progress.json"
    check = functools.partial(check_for_desk, progress_file=str(progress), pages_file=str(tmp_path / "pages.pickle"),
                              inner=_stand_in)
    outcome = check_task(DossierTask(DossierInput("A1", folder), "f" * 16), Settings(engine="counting"), check=check,
                         tmp_root=tmp_path)
    assert outcome.row.verdict == "pass", outcome.row
    assert desk_counts == [], "the desk counted the pages again"
    state = json.loads(progress.read_text(encoding="utf-8"))
    assert state["pages_total"] == 3 and state["pages_done"] == 3
    assert PAGES_COUNTED.get() is None  # only inside the worker's check
    # called on its own (no worker counted them), it still counts them itself
    check_for_desk(folder, "A1", Settings(engine="counting"), None, progress_file=str(progress),
                   pages_file=str(tmp_path / "pages.pickle"), inner=_stand_in)
    assert len(desk_counts) == 1 and json.loads(progress.read_text(encoding="utf-8"))["pages_total"] == 3
