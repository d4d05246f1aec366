"""Reports on disk: the settings fingerprint a report carries, whether an existing
report can be reused, rendering ``report.html`` (with a plain fallback) and the
error report of an applicant that could not be checked.

Moved from ``verify.run.batch``, which re-exports these names.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import html
import json
import logging
import os
from pathlib import Path

from verify.model import Applicant, Finding
from verify.report.summary import write_atomic
from verify.run.inputs import DossierInput

logger = logging.getLogger(__name__)


READABLE_RULE = "dossier.readable"
REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
#: Settings that change how fast a run is, not what it finds: left out of the fingerprint.
NON_RESULT_SETTINGS = frozenset({"cache_path", "ocr_threads"})


def toolkit_version() -> str:
    try:
        from importlib.metadata import version

        return version("dossier-verify")
    except Exception:
        return "0"


@functools.lru_cache(maxsize=1)
def toolkit_digest() -> str:
    """The version plus a hash of the toolkit's own code and bundled campaigns: a report
    made by other code (an upgrade, a fixed rule) is not reused."""
    digest = hashlib.sha256(toolkit_version().encode())
    root = Path(__file__).resolve().parents[2]
    for package in ("verify", "ocr"):
        for path in sorted((root / package).rglob("*")):
            if path.is_relative_to(root / "verify" / "desk"):  # the desk reads reports, it does not make them
                continue
            if path.suffix in (".py", ".yaml", ".yml", ".json", ".html", ".css", ".js") and "__pycache__" not in path.parts:
                with contextlib.suppress(OSError):
                    digest.update(path.relative_to(root).as_posix().encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def settings_fingerprint(settings, applicant: Applicant | None = None) -> str:
    """A short hash of what decides a report's content: the settings (a campaign
    given by path counts with its file's content), the toolkit's code
    (:func:`toolkit_digest`) and, for roster runs, the applicant row. A rerun with a
    different fingerprint redoes the report."""
    values = dataclasses.asdict(settings) if dataclasses.is_dataclass(settings) else dict(vars(settings))
    for name in NON_RESULT_SETTINGS:
        values.pop(name, None)
    campaign = values.get("campaign")
    if isinstance(campaign, str) and os.path.isfile(campaign):
        values["campaign_sha256"] = hashlib.sha256(Path(campaign).read_bytes()).hexdigest()
    values["toolkit"] = toolkit_digest()
    if applicant is not None:
        values["applicant"] = repr(applicant)
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


#: no report.json the toolkit writes comes near this (its unreadable files are capped at 1000)
MAX_REPORT_BYTES = 256 << 20


def _open_report(path: Path, mode: str = "rb"):
    """``path`` opened for reading only where it is a regular file of at most
    :data:`MAX_REPORT_BYTES`: never through a link, never waiting (a FIFO planted at
    OUT/<key>/report.json held the batch for good, reading it to decide whether to reuse
    it: hostile exploration 13). OSError otherwise."""
    import errno

    from ocr.errors import open_regular

    fd, info = open_regular(path)
    try:
        if info.st_size > MAX_REPORT_BYTES:
            raise OSError(errno.EINVAL, "not a report file", str(path))
        return os.fdopen(fd, mode)
    except BaseException:
        os.close(fd)
        raise


def read_report(path: Path) -> dict | None:
    """The report at ``path`` (``None`` where it is missing, not a regular file, not JSON
    or no object).

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "r.json").write_text('{"verdict": "pass"}')
    >>> os.mkfifo(d / "fifo.json"); os.symlink(d / "r.json", d / "link.json")
    >>> read_report(d / "r.json"), read_report(d / "fifo.json"), read_report(d / "link.json"), read_report(d / "no.json")
    ({'verdict': 'pass'}, None, None, None)
    """
    try:
        with _open_report(path) as fh:
            data = json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


#: entries of ``report.json``'s ``unreadable`` listed; the rest are counted in ``unreadable_more``
UNREADABLE_LISTED = 1000


def cap_unreadable(report: dict, listed: int = UNREADABLE_LISTED) -> dict:
    """Keep the first ``listed`` entries of ``report["unreadable"]`` and count the rest in
    ``report["unreadable_more"]`` (``files``; of them ``cut`` by the time limit and
    ``service``, the OCR service's failures, which a rerun must still see): a folder of
    100,000 empty files made a 9.7 MB report.json (hostile exploration 8).

    >>> report = {"unreadable": [{"file": f"{i}.jpg", "reason": "文件为空"} for i in range(4)]
    ...                         + [{"file": "x.jpg", "reason": "…", "service": True}]}
    >>> cap_unreadable(report, listed=2)["unreadable_more"]
    {'files': 3, 'cut': 0, 'service': 1}
    >>> [u["file"] for u in report["unreadable"]]
    ['0.jpg', '1.jpg']
    """
    entries = report.get("unreadable") or []
    if len(entries) > listed:
        rest = entries[listed:]
        report["unreadable"] = entries[:listed]
        report["unreadable_more"] = {"files": len(rest), "cut": sum(1 for u in rest if u.get("cut")),
                                     "service": sum(1 for u in rest if u.get("service")),
                                     **({"retry": retry} if (retry := sum(1 for u in rest if u.get("retry"))) else {})}
    return report


def report_is_current(report_path: Path, dossier: DossierInput, fingerprint: str,
                      reuse_cut: bool = False, time_limits: tuple | None = None) -> dict | None:
    """The existing report when it can be reused: newer than every input file, same
    fingerprint, not the error report of a crashed or hung run. A dossier under a URL
    is judged by its listing's digest instead of times (:mod:`verify.run.remote_inputs`).
    A report whose reading the time limit cut is checked again unless ``reuse_cut`` (the
    reviewer's ``--reuse-cut``: a dossier cut once is cut again at the same limit, and
    each rerun would take its whole time again for nothing), and even then checked again
    when one of ``time_limits`` (``--page-timeout``, the start-up time, ``--dossier-timeout``)
    is now higher than the report was cut under: the reviewer raised it to read the rest."""
    remote = getattr(dossier, "remote", None)
    try:
        mtime = Path(report_path).stat().st_mtime
    except OSError:
        return None
    if remote is None and mtime <= dossier.newest_input:
        return None
    report = read_report(report_path)
    if report is None:
        return None
    batch = report.get("batch") or {}
    if batch.get("fingerprint") != fingerprint or batch.get("error"):
        return None
    if batch.get("cut_at") and (not reuse_cut or _limits_raised(batch.get("cut_limits"), time_limits)):
        return None  # pages left unread when the whole-dossier time ran out: read again
    if batch.get("skipped"):
        # a file its worker died or hung on, checked without: no fault of the file when the worker was
        # killed from outside (the OOM killer for another process, a kill, a loaded machine), and a clean
        # dossier failed 必备材料 for good, the report reused on every rerun. A file that kills its worker
        # each time costs one more try a rerun, and is skipped again
        return None
    if (any(isinstance(u, dict) and (u.get("service") or u.get("retry")) for u in report.get("unreadable") or ())
            or (isinstance(more := report.get("unreadable_more"), dict) and (more.get("service") or more.get("retry")))):
        # a file the OCR service failed to read: redone once it answers (hostile exploration 5, P2); one whose
        # reading raised an error no reader expects (a bug as likely as the file's): read again, not reused
        return None
    if not _consistent(report) or not _html_whole(Path(report_path).with_name(REPORT_HTML)):
        return None  # a verdict edited to pass, a page cut or removed: redone (hostile exploration 5, P6)
    if remote is not None:
        return report if remote.digest and batch.get("inputs_digest") == remote.digest else None
    if batch.get("inputs_mtime", dossier.newest_input) != dossier.newest_input:
        return None  # inputs changed since, even if their times went backwards (a restored copy)
    if dossier.listing and batch.get("inputs_listing", dossier.listing) != dossier.listing:
        return None  # a file replaced by one with an older time, or one removed
    return report


def _limits_raised(cut_under, now) -> bool:
    """Whether any time limit ``now`` is higher than the ones a report was cut under
    (``None`` for the whole-dossier limit: no ceiling, higher than any). A report from
    before the limits were recorded, or a run whose limits are unknown, counts as not raised.

    >>> _limits_raised([60.0, 120.0, 600.0], (60.0, 120.0, 600.0)), _limits_raised([60.0, 120.0, 600.0], (90.0, 120.0, 600.0))
    (False, True)
    >>> _limits_raised([60.0, 120.0, 600.0], (60.0, 120.0, None)), _limits_raised([60.0, 120.0, None], (60.0, 120.0, 900.0))
    (True, False)
    >>> _limits_raised(None, (90.0, 120.0, 600.0)), _limits_raised([60.0, 120.0, 600.0], None)
    (False, False)
    """
    if not isinstance(cut_under, (list, tuple)) or now is None or len(cut_under) != len(now):
        return False
    inf = float("inf")
    try:
        return any((inf if b is None else float(b)) > (inf if a is None else float(a)) for a, b in zip(cut_under, now))
    except (TypeError, ValueError):
        return True  # a report whose limits cannot be read: checked again


def _consistent(report: dict) -> bool:
    """The report's verdict and counts are those of its own findings.

    >>> _consistent({"verdict": "fail", "counts": {"fail": 1, "review": 0, "pass": 0},
    ...              "findings": [{"status": "fail"}]})
    True
    >>> _consistent({"verdict": "pass", "counts": {"fail": 1, "review": 0, "pass": 0},
    ...              "findings": [{"status": "fail"}]})
    False
    """
    findings = report.get("findings")
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        return False
    statuses = [f.get("status") for f in findings]
    counts = {s: statuses.count(s) for s in ("fail", "review", "pass")}
    verdict = "fail" if counts["fail"] else "review" if counts["review"] else "pass"
    return report.get("verdict") == verdict and report.get("counts", counts) == counts


def _html_whole(path: Path) -> bool:
    """``report.html`` is there and ends as the renderer ends a page (``</html>``)."""
    try:
        with _open_report(path) as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 64))
            return b"</html>" in f.read().lower()
    except OSError:
        return False


# ---------------------------------------------------------------- reports


def fallback_html(report: dict, reason: str = "") -> str:
    """A plain, self-contained page for when the HTML renderer is missing or broken."""
    esc = html.escape
    applicant = report.get("applicant") or {}
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            esc(str(f.get("status", ""))), esc(str(f.get("rule", ""))), esc(str(f.get("file") or "")),
            esc(str(f.get("page") or "")), esc(str(f.get("message", ""))))
        for f in report.get("findings") or ()
    )
    note = f"<p>（完整报告页面生成失败：{esc(reason)}；以下为简要结果）</p>" if reason else ""
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>职称申报材料核验报告</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:4px 8px;text-align:left}</style></head><body>"
        f"<h1>职称申报材料核验报告</h1>{note}"
        f"<p>申报人：{esc(str(applicant.get('name') or report.get('key', '')))}　单位：{esc(str(applicant.get('unit') or ''))}</p>"
        f"<p>结论：<b>{esc(str(report.get('verdict', '')))}</b></p>"
        "<table><tr><th>状态</th><th>规则</th><th>文件</th><th>页</th><th>说明</th></tr>"
        f"{rows}</table></body></html>"
    )


def render_report_html(report: dict, pages=()) -> str:
    """``verify.report.html.render_html``, or :func:`fallback_html` when it is missing
    or fails: a renderer problem never costs an applicant's report."""
    try:
        from verify.report.html import render_html
    except Exception as exc:
        logger.warning("HTML renderer unavailable (%s); writing a plain page", exc)
        return fallback_html(report)
    try:
        return render_html(report, pages)
    except Exception as exc:
        logger.exception("HTML renderer failed for %s", report.get("key"))
        return fallback_html(report, f"{type(exc).__name__}: {exc}")


def write_reports(folder: Path, report: dict, pages=()) -> None:
    """``report.html`` then ``report.json`` (the resume marker last), both atomically."""
    write_atomic(folder / REPORT_HTML, render_report_html(report, pages))
    write_atomic(folder / REPORT_JSON, json.dumps(report, ensure_ascii=False, indent=2))


def _applicant_dict(applicant: Applicant | None) -> dict | None:
    if applicant is None:
        return None
    return {"name": applicant.name, "unit": applicant.unit, "unit_kind": applicant.unit_kind}


def error_report(key: str, applicant: Applicant | None, message: str, fingerprint: str) -> dict:
    """The report of an applicant that could not be checked: one ``review`` finding
    under :data:`READABLE_RULE`, so a person looks at the dossier by hand."""
    finding = Finding(READABLE_RULE, "review", message)
    try:
        from verify.run.pipeline import DossierResult, build_report

        report = build_report(DossierResult(key=key, applicant=applicant, verdict="review", findings=[finding],
                                            pages=[], unreadable=[], timings={}))
    except Exception as exc:
        logger.debug("build_report unavailable for the error report (%s)", exc)
        report = {"schema": "dossier-report/1", "key": key, "applicant": _applicant_dict(applicant),
                  "verdict": "review", "findings": [finding.to_dict()], "documents": []}
    report["batch"] = {"fingerprint": fingerprint, "error": message}
    return report
