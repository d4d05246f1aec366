"""The ``verify`` command: a thin layer over :mod:`verify.run.batch`.

``verify check DOSSIER -o OUT``   one applicant folder or ``.zip``
``verify batch ARCHIVE -o OUT``   every sub-folder or ``.zip`` of ARCHIVE (a folder or a ``.zip``)

Both write ``OUT/summary.csv``, ``OUT/summary.xlsx`` and ``OUT/<key>/report.{json,html}``.
Exit codes: 0 the run completed (the verdicts are in the reports); 2 usage error or an
unreadable input root; with ``--strict``, 1 when any applicant is not ``pass``.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_NOT_ALL_PASS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

logger = logging.getLogger("verify")

#: Sub-commands that live in their own rooms: each module has ``add_parser(sub)``,
#: which adds its parser and sets ``func`` (``args -> exit code``) as a default.
SUBCOMMAND_MODULES: tuple[str, ...] = ()


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 (argparse's own code), message kept
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 参数错误：{message}\n")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="verify", description="OCR and evidence verification of 职称 review dossiers.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("-o", "--out", required=True, type=Path, help="output folder")
    common.add_argument("--campaign", help="bundled campaign name (e.g. fushun-2024) or a campaign YAML path")
    common.add_argument("--engine", default="ppocr", choices=("ppocr", "paddle", "remote", "replay"),
                        help="OCR engine (default: ppocr)")
    common.add_argument("--engine-url", help="serving URL for --engine remote")
    common.add_argument("--cache", type=Path, help="SQLite OCR cache (default: OUT/.ocr-cache.sqlite)")
    common.add_argument("--no-cache", action="store_true", help="do not cache OCR results")
    common.add_argument("--roster", type=Path, help="CSV or XLSX roster replacing applicant.yaml (column key = folder)")
    common.add_argument("--strict", action="store_true", help="exit 1 when any applicant is not pass")
    common.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    common.add_argument("--verbose", "-v", action="count", default=0, help="log more (-vv for debug)")
    common.add_argument("--page-timeout", type=_positive_float, default=60.0,
                        help="seconds per page before an applicant counts as hung (default 60)")
    common.add_argument("--max-pages", type=_positive_int, default=400, help="pages read per applicant (default 400)")
    common.add_argument("--ocr-threads", type=_positive_int, default=0, help="threads per OCR engine (0 = auto)")
    common.add_argument("--force", action="store_true", help="redo applicants whose report is current")

    check = sub.add_parser("check", parents=[common], help="check one applicant folder or .zip")
    check.add_argument("dossier", type=Path, help="applicant folder or .zip")
    batch = sub.add_parser("batch", parents=[common], help="check every applicant of an archive")
    batch.add_argument("archive", type=Path, help="folder (or .zip) with one sub-folder or .zip per applicant")
    batch.add_argument("--workers", "-j", type=_positive_int, default=0, help="worker processes (default: cores)")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    return parser


def _settings(args):
    from verify.run.pipeline import Settings

    cache = None if args.no_cache else str(args.cache or (args.out / ".ocr-cache.sqlite"))
    return Settings(engine=args.engine, engine_url=args.engine_url, campaign=args.campaign, cache_path=cache,
                    ocr_threads=args.ocr_threads, max_pages=args.max_pages or 400)


def _fail(message: str) -> int:
    sys.stderr.write(f"verify: {message}\n")
    return EXIT_USAGE


def _archive_hint(path: Path, roster) -> str | None:
    """``verify check`` given a whole archive: say to use ``verify batch``."""
    from verify.applicant import find_metadata

    if roster is not None or not path.is_dir() or find_metadata(path) is not None:
        return None
    if any(sub.is_dir() and find_metadata(sub) is not None for sub in path.iterdir()):
        return f"{path} 是多名申报人的材料目录（子文件夹中有 applicant.yaml），请使用 verify batch"
    return None


def _single_dossier(root: Path) -> bool:
    """``verify batch`` given one applicant's folder."""
    from verify.applicant import find_metadata

    return find_metadata(root) is not None


@contextlib.contextmanager
def _interrupt_on_sigterm():
    """SIGTERM stops a run like Ctrl-C: workers are stopped, the summary is written."""
    import signal

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not in the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args) -> int:
    from verify.run import batch
    from verify.campaign import CampaignError, load_campaign

    if args.engine == "remote" and not args.engine_url:
        return _fail("--engine remote 需要同时给出 --engine-url")
    if args.campaign:
        try:
            load_campaign(args.campaign)
        except CampaignError as exc:
            return _fail(str(exc))
    roster = None
    if args.roster:
        from verify.roster import RosterError, load_roster

        try:
            roster = load_roster(args.roster)
        except RosterError as exc:
            return _fail(str(exc))
    settings = _settings(args)
    workers = args.workers if args.command == "batch" else 1
    options = batch.BatchOptions(workers=workers,
                                 page_timeout=args.page_timeout, force=args.force,
                                 progress="none" if args.quiet else "auto")
    with contextlib.ExitStack() as stack:
        try:
            if args.command == "check":
                hint = _archive_hint(args.dossier, roster)
                if hint:
                    return _fail(hint)
                dossiers = [batch.as_dossier(args.dossier)]
                if roster is not None:
                    dossiers = [d for d in batch.attach_roster(dossiers, roster) if d.key == dossiers[0].key]
            else:
                archive_stamp = None
                if args.archive.is_file():  # a zip archive: its own mtime dates every applicant in it
                    archive_stamp = batch.newest_mtime(args.archive)
                root = stack.enter_context(batch.open_archive(args.archive, options.zip_limits))
                if _single_dossier(root):
                    return _fail(f"{args.archive} 是一名申报人的材料（根目录有 applicant.yaml），请使用 verify check")
                dossiers = batch.find_dossiers(root, newest_input=archive_stamp, exclude=(args.out,))
                if roster is not None:
                    dossiers = batch.attach_roster(dossiers, roster)
                if not dossiers:
                    return _fail(f"{args.archive} 中没有申报人材料（应为每人一个文件夹或 ZIP 压缩包）")
        except batch.InputError as exc:
            return _fail(str(exc))
        try:
            args.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return _fail(f"无法创建输出目录 {args.out}（{exc.strerror}）")
        try:
            with _interrupt_on_sigterm():
                outcome = batch.run_batch(dossiers, args.out, settings, options)
        except KeyboardInterrupt:
            sys.stderr.write("\nverify: 已中断；已完成的报告保留，重新运行将从中断处继续\n")
            return EXIT_INTERRUPTED
    if args.strict and not outcome.all_pass:
        return EXIT_NOT_ALL_PASS
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    verbose = getattr(args, "verbose", 0)
    level = logging.WARNING - 10 * min(verbose, 2)
    if getattr(args, "quiet", False) and not verbose:
        level = logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    return args.func(args) if hasattr(args, "func") else run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
