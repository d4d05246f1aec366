"""What a desk check adds inside the batch runner's worker process.

:func:`check_for_desk` is the ``check`` the desk hands to
:func:`verify.run.batch.run_batch` (bound to its files with ``functools.partial``,
so it pickles into a spawned worker). It runs the ordinary pipeline and, around it,

- writes ``progress.json`` (step, pages done of total) as each page is read, which
  the desk streams to the browser; and
- keeps the pages that were read (``pages.pickle``: thumbnails, seals, signatures,
  OCR lines without the CTC lattices), so the desk can draw the same report as
  ``report.html`` with its own controls beside each finding.

Both files are written atomically into the applicant's own folder under the data folder.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import pickle
import time
from pathlib import Path

logger = logging.getLogger(__name__)

STEP_NAMES_ZH = {
    "queued": "排队等待",
    "engine": "启动识别引擎",
    "prepare": "准备材料",
    "read": "识别文字",
    "rules": "核对规则",
    "report": "生成报告",
}


def write_json_atomic(path: Path, data: dict) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def read_not_extracted(path: Path) -> list[tuple[str, str]]:
    """The zip members the desk did not unpack for an applicant, as ``(path, reason)``
    (:func:`verify.desk.intake.record_not_extracted`); ``[]`` when it has none. A note
    that cannot be read is reported as one entry, not taken for "none": the members it
    named would vanish from the report again.

    >>> import tempfile
    >>> note = Path(tempfile.mkdtemp()) / "not-extracted.json"
    >>> read_not_extracted(note)
    []
    >>> write_json_atomic(note, {"members": [["l.jpg", "符号链接"]]}); read_not_extracted(note)
    [('l.jpg', '符号链接')]
    >>> _ = note.write_text("{", encoding="utf-8"); read_not_extracted(note)[0][0]
    '（压缩包）'
    """
    path = Path(path)
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [(str(rel), str(reason)) for rel, reason in data["members"]]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        logger.warning("cannot read %s (%s)", path, exc)
        return [("（压缩包）", "审核台记录的未解压文件清单无法读取，压缩包中可能有文件未解压，请核对申报人提交的原压缩包")]


def read_progress(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class ProgressFile:
    """The state of one running check, as the browser sees it."""

    def __init__(self, path: Path, pages_total: int = 0):
        self.path = Path(path)
        self.state = {"step": "prepare", "pages_done": 0, "pages_total": pages_total, "started": time.time()}

    def step(self, step: str) -> None:
        self.state["step"] = step
        self.write()

    def page(self, n: int = 1) -> None:
        self.state["pages_done"] += n
        if self.state["pages_total"] and self.state["pages_done"] >= self.state["pages_total"]:
            self.state["step"] = "rules"
        self.write()

    def write(self) -> None:
        self.state["updated"] = time.time()
        with contextlib.suppress(OSError):
            write_json_atomic(self.path, self.state)


def _without_lattices(pages):
    """The pages with each OCR line's CTC lattice dropped (the report does not draw it)."""
    out = []
    for read in pages:
        ocr = getattr(read, "ocr", None)
        lines = getattr(ocr, "lines", None)
        if lines and any(getattr(ln, "lattice", None) is not None for ln in lines):
            try:
                ocr = dataclasses.replace(ocr, lines=[dataclasses.replace(ln, lattice=None) for ln in lines])
                read = dataclasses.replace(read, ocr=ocr)
            except (TypeError, ValueError):
                pass
        out.append(read)
    return out


def save_pages(pages, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(_without_lattices(pages), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def load_pages(path: Path) -> list:
    """The pages a desk check kept (``[]`` when absent or from older code). The file is
    written only by the desk's own worker into the data folder, never from a browser."""
    try:
        with open(path, "rb") as fh:
            pages = pickle.load(fh)
    except FileNotFoundError:
        return []
    except Exception as exc:  # code moved since: the report still renders, without images
        logger.warning("cannot load %s (%s); the page is drawn without images", path, exc)
        return []
    return pages if isinstance(pages, list) else []


def check_for_desk(folder, key, settings, applicant, progress=None, *, progress_file: str, pages_file: str,
                   inner=None, not_extracted_file: str | None = None):
    """The pipeline's check of one dossier, reporting progress to ``progress_file``
    and keeping the pages in ``pages_file``; the zip members the desk recorded in
    ``not_extracted_file`` are reported as unreadable files. ``inner`` replaces the
    pipeline (tests)."""
    from verify.run.batch import check_with_pipeline, count_pages
    from verify.run.pipeline import NOT_EXTRACTED
    from verify.run.task import PAGES_COUNTED

    limit = int(getattr(settings, "max_pages", 0) or 10**6)
    # the worker counted them already, inside its start-up time: every PDF was opened twice
    counted = PAGES_COUNTED.get()
    tracker = ProgressFile(Path(progress_file), min(count_pages(Path(folder)) if counted is None else counted, limit))
    tracker.step("read")

    def page_done(n: int = 1) -> None:
        tracker.page(n)
        if progress is not None:
            progress(n)

    token = NOT_EXTRACTED.set(tuple(read_not_extracted(Path(not_extracted_file))) if not_extracted_file else ())
    try:
        result = (inner or check_with_pipeline)(folder, key, settings, applicant, progress=page_done)
    finally:
        NOT_EXTRACTED.reset(token)
    tracker.step("report")
    try:
        save_pages(result.pages, Path(pages_file))
    except Exception:  # the report is what matters; the desk then shows it without images
        logger.exception("could not keep the pages of %s", key)
    return result
