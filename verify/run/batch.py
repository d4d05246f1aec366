"""The batch runner: every applicant of an archive through the pipeline, in worker
processes, with fault isolation, timeouts, resumable runs and atomic reports.

Named steps, top to bottom (:func:`run_batch`):

1. *find* the dossiers of an archive (:func:`find_dossiers`: every sub-folder or
   ``.zip``; other entries such as ``answer_key.json`` are ignored), or under an
   fsspec URL (:func:`verify.run.remote_inputs.find_url_dossiers`: the same rules;
   each applicant is copied where it is checked);
2. *skip* those whose ``report.json`` is newer than every input file and carries the
   same settings fingerprint (:func:`report_is_current`; under a URL: the same digest
   of the applicant's listing) unless ``force``;
3. *check* the rest on an executor: this machine's worker processes
   (:mod:`verify.run.pool`, one engine per process, reused across applicants) or a
   Dask cluster (:mod:`verify.run.cluster`, ``BatchOptions.scheduler``). Both run the
   one task function, :func:`verify.run.task.check_task`: extract a ``.zip`` safely
   (:func:`extract_zip`), load ``applicant.yaml`` (or take the roster row), run
   ``check_dossier``, render the report; and both hand its outcome back here, where
   :func:`verify.run.task.record_outcome` writes ``OUT/<key>/report.html`` then
   ``OUT/<key>/report.json`` atomically (only this process writes ``OUT``);
4. *isolate* faults: bad metadata is an ``error`` row; a worker that dies
   (segfault, ``MemoryError``, ``os._exit``) or runs past its time (scaled by the
   applicant's page count, under a ceiling for the whole dossier) is killed and replaced, its applicant gets an ``error``
   row and a report with a ``review`` finding under rule :data:`READABLE_RULE`, and
   the batch goes on;
5. *summarise*: ``OUT/summary.csv`` and ``OUT/summary.xlsx``.

``dossier.readable`` is an extension of the rule table of DOSSIER.md: "the dossier
could be read and checked at all"; it is only ever ``review``.

Hostile input and faults (docs/CONTRACT.md, "What the toolkit refuses"): a zip is
checked for its members, its total size and its total compression ratio before a byte
is written, and the scheduler keeps the space extracted by all workers together under
:attr:`ZipLimits.max_inflight_bytes`; workers die with the main process (the kernel
kills them, a thread checks too); the temporary folder of a run carries a lock and is
swept by the next run when its owner is gone; the output folder is checked, locked and
never inside an input.

The rooms of the batch, each its own module of ``verify.run``: ``zips`` (the zip
guard), ``inputs`` (finding and opening the applicants), ``workspace`` (temporary
space, the output folder), ``reports`` (fingerprints, reuse, report files),
``resources`` (cores, memory, time per applicant), ``task`` (one applicant, checked
and recorded), ``pool`` and ``cluster`` (the executors), ``progress``; their names
are re-exported here.

>>> applicant_timeout(10, page_timeout=60, startup_timeout=120)
720.0
>>> safe_member_path("scans/../../etc/passwd") is None, safe_member_path("/abs") is None
(True, True)
>>> safe_member_path("张伟\\\\扫描件/a.jpg")
'张伟/扫描件/a.jpg'
"""
from __future__ import annotations

import dataclasses
import errno
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ocr.errors import os_reason
from verify.report.summary import ERROR_VERDICT, SummaryRow, write_summary
from verify.run.progress import BatchProgress
from verify.run.task import DossierOutcome, DossierTask, record_outcome

# the rooms of the batch; their names stay importable from here
from verify.run.inputs import (OTHER_ARCHIVES, PAGE_SUFFIXES, DossierInput, _has_metadata, _is_group,  # noqa: F401
                               as_dossier, attach_roster, count_pages, dossier_key, estimate_pages, find_dossiers,
                               newest_mtime, open_archive, open_dossier, printable_name, unpacked_bytes, unsafe_key)
from verify.run.reports import (NON_RESULT_SETTINGS, READABLE_RULE, REPORT_HTML, REPORT_JSON,  # noqa: F401
                                error_report, fallback_html, read_report, render_report_html, report_is_current,
                                settings_fingerprint, toolkit_digest, toolkit_version, write_reports)
from verify.run.resources import (DOSSIER_TIMEOUT, WORKER_MEMORY_BYTES, applicant_timeout, available_cores,  # noqa: F401
                                  available_memory, worker_count)
from verify.run.task import CheckFunction, check_task, check_with_pipeline, lost_outcome  # noqa: F401
from verify.run.workspace import (OUT_LOCK, TEMP_KINDS, TEMP_LOCK, OutputBusy, check_output_files,  # noqa: F401
                                  check_output_folder, check_output_keys, output_folder, sweep_partial_writes, sweep_stale_temp,
                                  temp_area)
from verify.run.zips import (IGNORED_NAMES, SKIPPED_MEMBERS, InputError, UnsafeArchive, ZipLimits,  # noqa: F401
                             _is_ignored, control_or_format, shown_name,
                             check_zip_limits, extract_zip, locate_dossier_root, member_names, safe_member_path,
                             zip_declared_bytes)

if TYPE_CHECKING:  # verify.run.pipeline is imported lazily, in the workers
    from verify.run.pipeline import Settings

logger = logging.getLogger(__name__)



# ---------------------------------------------------------------- options


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0  # 0 = one per core; capped by cores and memory (:func:`worker_count`)
    page_timeout: float = 60.0  # seconds per page before an applicant counts as hung
    startup_timeout: float = 120.0  # extraction, metadata, engine loading
    dossier_timeout: float | None = DOSSIER_TIMEOUT  # seconds an applicant may take whatever its pages (None: no ceiling)
    force: bool = False  # redo applicants whose report is current
    reuse_cut: bool = False  # reuse a report whose reading the time limit cut (else checked again)
    progress: str = "auto"  # auto (bar on a TTY, else a line per applicant) | bar | log | final | none
    merge_summary: bool = False  # keep the other rows of OUT's summary (verify check adds or replaces its row)
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    start_method: str = "spawn"
    scheduler: str | None = None  # a Dask scheduler (tcp://HOST:8786) or "local": run on Dask (verify.run.cluster)
    cluster_wait: float = 120.0  # seconds to wait for a first worker on a scheduler that has none




# ---------------------------------------------------------------- the run


@dataclass
class BatchOutcome:
    rows: list[SummaryRow]
    seconds: float
    workers: int
    summary_problems: list[str] = field(default_factory=list)  # summaries not written, one Chinese line each

    @property
    def all_pass(self) -> bool:
        return all(r.verdict == "pass" for r in self.rows)

    def counts(self) -> dict[str, int]:
        counts = {"pass": 0, "fail": 0, "review": 0, ERROR_VERDICT: 0}
        for r in self.rows:
            counts[r.verdict] = counts.get(r.verdict, 0) + 1
        return counts

    def summary_line(self) -> str:
        c = self.counts()
        checked = sum(1 for r in self.rows if not r.skipped)
        return (f"完成：{len(self.rows)} 名申报人（本次核验 {checked}，沿用已有报告 {len(self.rows) - checked}）— "
                f"通过 {c['pass']}，不通过 {c['fail']}，需复核 {c['review']}，无法核验 {c[ERROR_VERDICT]}；"
                f"用时 {self.seconds:.1f} 秒")


def run_batch(dossiers: list[DossierInput], out_dir: Path, settings: "Settings", options: BatchOptions = BatchOptions(),
              *, check: CheckFunction | None = None, stream: TextIO | None = None, warm=None) -> BatchOutcome:
    """Check every dossier and write ``OUT/<key>/report.{json,html}`` and the summaries.

    ``check`` replaces :func:`verify.run.pipeline.check_dossier` (a picklable, module-level
    function: workers are separate processes). ``warm``: a :class:`verify.run.pool.WarmWorkers`
    the local pool takes its workers from and gives them back to (the desk). Returns the
    summary rows.
    """
    with output_folder(Path(out_dir)) as out_dir:
        sweep_partial_writes(out_dir)
        return _run_locked(dossiers, out_dir, settings, options, check=check, stream=stream, warm=warm)


def pool_settings(settings: "Settings", n_workers: int) -> "Settings":
    """``settings`` as each of ``n_workers`` local workers runs them (OCR threads shared out)."""
    if getattr(settings, "ocr_threads", 1) == 0 and dataclasses.is_dataclass(settings):
        settings = dataclasses.replace(settings, ocr_threads=max(1, available_cores() // max(1, n_workers)))
    return settings


def _run_locked(dossiers: list[DossierInput], out_dir: Path, settings: "Settings", options: BatchOptions,
                *, check: CheckFunction | None, stream: TextIO | None, warm=None) -> BatchOutcome:
    started = time.monotonic()
    rows: dict[str, SummaryRow] = {}
    todo: list[DossierTask] = []
    # two applicants' keys differing only in case (A2024-001/ and a2024-001.zip) are one folder on a
    # Windows share, macOS or exFAT disk, where OUT is written or copied for the reviewers: the second
    # report was written over the first, both rows of the summary linking to it
    folded: dict[str, str] = {}
    for dossier in dossiers:
        if dossier.error:
            key = printable_name(dossier.key)
            rows[key] = SummaryRow(key, verdict=ERROR_VERDICT, error=printable_name(dossier.error))
            continue
        if not unsafe_key(dossier.key):
            if (device := windows_device(dossier.key)) is not None:
                rows[dossier.key] = SummaryRow(dossier.key, verdict=ERROR_VERDICT, error=(
                    f"{dossier.key}：「{device}」是 Windows 的保留设备名（CON、PRN、AUX、NUL、COM1、LPT1 等），"
                    "Windows 上无法建立这样命名的报告文件夹（输出目录在 Windows 共享盘上或复制到 Windows 电脑时丢失），"
                    "未核验，请改名后重新提交"))
                continue
            other = folded.setdefault(windows_fold(dossier.key), dossier.key)
            if other != dossier.key:
                how = "大小写" if other.casefold() == dossier.key.casefold() else "大小写或末尾的空格、句点"
                rows[dossier.key] = SummaryRow(dossier.key, verdict=ERROR_VERDICT, error=(
                    f"{dossier.key!r}：与申报人「{other}」的名称只有{how}不同，在汇总表中难以区分，在 Windows"
                    f"{'、macOS' if how == '大小写' else ''} 上是同一个文件夹，"
                    "两人的报告会写进同一个文件夹、互相覆盖，未核验；如为同一申报人请合并为一个文件夹，否则请改名后重新提交"))
                continue
        if unsafe_key(dossier.key):  # a report must land in its own folder under OUT
            # control and format characters shown escaped (a line break would split the
            # summary's row, a right-to-left override turn the row's key around)
            key = shown_name(printable_name(dossier.key), control_or_format)
            rows[key] = SummaryRow(key, verdict=ERROR_VERDICT,
                                   error=f"{key!r}：名称不能用作报告文件夹名（含 .. 、绝对路径、与汇总表同名或与输出目录自身的文件"
                                         "（.verify.lock、.ocr-cache.sqlite）同名、换行等控制字符、"
                                         "改变文字方向或不占位的不可见字符，或无法识别的字符编码），未核验，请改名后重新提交")
            continue
        fingerprint = settings_fingerprint(settings, dossier.applicant)
        current = None if options.force else report_is_current(out_dir / dossier.key / REPORT_JSON, dossier, fingerprint,
                                                                  reuse_cut=options.reuse_cut,
                                                                  time_limits=(options.page_timeout, options.startup_timeout,
                                                                               options.dossier_timeout))
        if current is not None:
            rows[dossier.key] = SummaryRow.from_report(current, skipped=True)
            rows[dossier.key].key = dossier.key
            continue
        todo.append(DossierTask(dossier, fingerprint, unpacked=unpacked_bytes(dossier)))

    estimates = {t.key: estimate_pages(t.dossier) for t in todo}  # for the order and the progress
    todo.sort(key=lambda t: -estimates[t.key])  # longest first: the batch ends when its longest worker does
    progress = BatchProgress(len(dossiers), stream, options.progress, out_dir=out_dir)
    for key, pages in estimates.items():
        progress.plan(key, pages)
    progress.reuse(rows.values())
    sink = _Recorder(out_dir, rows, progress)
    n_workers = 0
    try:
        if options.scheduler:
            from verify.run.cluster import run_on_cluster

            logger.info("%d applicants: %d to check on the Dask cluster %s, %d reused", len(dossiers), len(todo),
                        options.scheduler, len(rows))
            if todo:
                n_workers = run_on_cluster(todo, settings, sink, scheduler=options.scheduler, check=check,
                                           limits=options.zip_limits, page_timeout=options.page_timeout,
                                           startup_timeout=options.startup_timeout, workers=options.workers,
                                           order=estimates, worker_wait=options.cluster_wait,
                                           dossier_timeout=options.dossier_timeout)
        else:
            from verify.run.pool import run_on_pool

            requested = options.workers
            n_workers = worker_count(requested, len(todo), memory=available_memory(),
                                     io_bound=getattr(settings, "engine", "") == "remote")
            if requested and n_workers < min(requested, len(todo)):
                logger.warning("按本机处理器核数与可用内存，核验进程数由 %d 调整为 %d", requested, n_workers)
            settings = pool_settings(settings, n_workers)
            logger.info("%d applicants: %d to check with %d workers, %d reused", len(dossiers), len(todo),
                        n_workers, len(rows))
            run_on_pool(todo, settings, sink, n_workers=n_workers, check=check, limits=options.zip_limits,
                        page_timeout=options.page_timeout, startup_timeout=options.startup_timeout,
                        dossier_timeout=options.dossier_timeout, start_method=options.start_method, warm=warm)
    finally:
        summary_problems = write_summary(sorted(rows.values(), key=lambda r: r.key), out_dir,
                                         merge=options.merge_summary)

    outcome = BatchOutcome(sorted(rows.values(), key=lambda r: r.key), time.monotonic() - started, n_workers,
                           summary_problems)
    progress.update(running=0, force=True)
    progress.close(outcome.summary_line(), outcome.rows)
    return outcome


#: the names Windows keeps for devices, with any extension (CON.zip, nul.txt): no file or
#: folder of a Windows disk or share takes them
WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"{p}{n}" for p in ("COM", "LPT") for n in "0123456789¹²³")})


def windows_device(key: str) -> str | None:
    """The part of ``key`` (its folders, ``/``-separated) that Windows keeps for a device.

    >>> windows_device("CON"), windows_device("单位/nul.zip"), windows_device("Com1 "), windows_device("CONSOLE")
    ('CON', 'nul.zip', 'Com1 ', None)
    """
    for part in key.split("/"):
        if part.split(".")[0].rstrip(" ").upper() in WINDOWS_DEVICES:
            return part
    return None


def windows_fold(key: str) -> str:
    """``key`` as Windows tells names apart: case folded, the spaces and dots ending each
    part dropped (Windows drops them as it makes the folder: 张伟. and 张伟␠ are 张伟's).

    >>> windows_fold("A2024-001"), windows_fold("a2024-001 "), windows_fold("单位./张伟..")
    ('a2024-001', 'a2024-001', '单位/张伟')
    """
    return "/".join(part.rstrip(" .") or part for part in key.split("/")).casefold()


class _Recorder:
    """Where the executors report: each outcome is written to ``OUT`` here (the one
    result path, :func:`verify.run.task.record_outcome`) and counted by the progress."""

    def __init__(self, out_dir: Path, rows: dict[str, SummaryRow], progress: BatchProgress):
        self.out_dir, self.rows, self.progress = out_dir, rows, progress

    def started(self, key: str, applicant, pages: int) -> None:
        self.progress.plan(key, pages)

    def page(self, key: str, n: int) -> None:
        self.progress.update(pages=n)

    def running(self, n: int) -> None:
        self.progress.update(running=n)

    def note(self, text: str) -> None:
        self.progress.note(text)

    def finished(self, task: DossierTask, outcome: DossierOutcome, pages_read: int) -> None:
        try:
            row = record_outcome(self.out_dir, outcome)
        except OSError as exc:  # OUT was removed, a file in the way: the row says so, the batch goes on
            logger.error("%s: writing the report failed: %s", task.key, exc)
            row = dataclasses.replace(outcome.row, verdict=ERROR_VERDICT,
                                      error=f"报告写入失败（{os_reason(exc, writing=True)}），请检查输出目录后重新运行")
            if exc.errno in OUTPUT_FULL_ERRNOS:
                self.rows[row.key] = row
                self.progress.finished(row, pages_read=pages_read)
                raise OutputFull(self.out_dir, exc, sum((self.out_dir / key / REPORT_JSON).is_file() for key in self.rows)) from exc
        self.rows[row.key] = row
        self.progress.finished(row, pages_read=pages_read)


#: the errors that end every later report's writing as they ended this one's
OUTPUT_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


class OutputFull(InputError):
    """OUT's disk full (or its quota spent, or it turned read-only) as a report was written:
    the run stops as an interrupted one, its finished reports kept. It read on for hours,
    every later applicant's pages read and its report lost the same way (hostile
    exploration 11)."""

    interrupted = True

    def __init__(self, out_dir: Path, exc: OSError, kept: int):
        super().__init__(f"输出目录 {out_dir} 无法继续写入（{os_reason(exc, writing=True)}），已停止核验：已写好的 {kept} 份报告保留；"
                         "清理磁盘（或换一个输出目录）后重新运行，将从中断处继续")
