"""The ``verify`` command: a thin layer over :mod:`verify.run.batch`.

``verify check DOSSIER [-o OUT]``   one applicant folder or ``.zip``
``verify batch ARCHIVE [-o OUT]``   every sub-folder or ``.zip`` of ARCHIVE (a folder or a ``.zip``)

Both write ``OUT/summary.csv``, ``OUT/summary.xlsx`` and ``OUT/<key>/report.{json,html}``;
OUT defaults to ``out/<name>``, the name of the dossier or archive (:func:`default_out`).
Help and messages are in Chinese, for the review desk.
Exit codes: 0 the run completed (the verdicts are in the reports); 2 usage error or an
unreadable input root; 3 a summary (``summary.csv``, ``summary.xlsx``) could not be
written (the reports were); with ``--strict``, 1 when any applicant is not ``pass``.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
import zipfile
from pathlib import Path

EXIT_OK = 0
EXIT_NOT_ALL_PASS = 1
EXIT_USAGE = 2
EXIT_SUMMARY_FAILED = 3
EXIT_INTERRUPTED = 130

logger = logging.getLogger("verify")

#: Sub-commands that live in their own rooms: each module has ``add_parser(sub)``,
#: which adds its parser and sets ``func`` (``args -> exit code``) as a default.
SUBCOMMAND_MODULES: tuple[str, ...] = ("verify.desk.cli", "verify.journals.cli")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, with its own words in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        parents = kwargs.pop("parents", ())
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")
        for parent in parents:  # after the titles are Chinese, so the parent's groups merge into ours
            self._add_container_actions(parent)
            with contextlib.suppress(AttributeError):
                self._defaults.update(parent._defaults)

    def error(self, message):  # usage errors exit 2 (argparse's own code), message kept
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 参数错误：{_argparse_zh(message)}\n")


#: argparse's own error phrases, in Chinese.
_ARGPARSE_PHRASES_ZH = (
    ("the following arguments are required", "缺少必需的参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的选择"),
    ("choose from", "可选"),
    ("expected one argument", "需要给出一个值"),
    ("ignored explicit argument", "多余的值"),
    ("not allowed with argument", "不能与此参数同时使用"),
    ("invalid int value", "不是整数"),
    ("invalid float value", "不是数字"),
    ("invalid _positive_int value", "应为不小于 0 的整数，实际为"),
    ("invalid _positive_float value", "应为大于 0 的数，实际为"),
    ("argument ", "参数 "),
)


def _argparse_zh(message: str) -> str:
    """
    >>> _argparse_zh("the following arguments are required: 材料目录")
    '缺少必需的参数: 材料目录'
    """
    for english, chinese in _ARGPARSE_PHRASES_ZH:
        message = message.replace(english, chinese)
    return message


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为整数，实际为 {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("不能为负数")
    return value


def _page_limit(text: str) -> int:
    from ocr.sources import MAX_PAGES

    value = _positive_int(text)
    if not 1 <= value <= MAX_PAGES:
        raise argparse.ArgumentTypeError(f"应在 1 到 {MAX_PAGES} 之间，实际为 {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


DESCRIPTION = """职称申报材料核验：识别申报人的扫描材料（OCR），按评审规则逐项核对，
为每名申报人生成核验报告，结论为“通过”“不通过”或“需人工复核”。"""

EPILOG = """示例：
  verify check 申报材料/张伟              核验一名申报人，报告写入 out/张伟/
  verify batch 申报材料.zip -o out/2024    核验压缩包中的每名申报人
  verify batch s3://桶/2024 -o out/2024    核验对象存储中的材料（需安装 s3fs）

输出：OUT/summary.csv、OUT/summary.xlsx（每人一行），OUT/<编号>/report.html（审核人员阅读的报告）
与 OUT/<编号>/report.json。
退出码：0 运行完成（结论见各报告）；2 参数错误或输入无法读取；3 汇总表写入失败（报告已保存）；
使用 --strict 时，有申报人结论不是“通过”则为 1；130 运行被中断或 Dask 调度器中途关闭（已完成的报告保留，重新运行将继续）。"""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="verify", description=DESCRIPTION, epilog=EPILOG)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, title="命令",
                                metavar="命令")

    common = _Parser(add_help=False)
    common.add_argument("-o", "--out", type=Path, metavar="输出目录",
                        help="报告写入的目录（默认 out/<材料名>，材料名为申报人文件夹、压缩包或材料目录的名称）")
    common.add_argument("--campaign", metavar="批次",
                        help="申报批次：内置批次名（如 fushun-2024）或批次 YAML 文件的路径")
    common.add_argument("--engine", default="ppocr", choices=("ppocr", "paddle", "remote", "replay"),
                        help="OCR 引擎（默认 ppocr）")
    common.add_argument("--engine-url", metavar="地址",
                        help="--engine remote 时 OCR 服务（PaddleX 服务化部署）的地址，如 http://gpu1:8080/ocr；"
                             "多个地址用逗号分隔，轮流使用，无响应的服务暂时跳过")
    common.add_argument("--ocr-fallback", action="store_true",
                        help="--engine remote 时，所有 OCR 服务均无响应则改用本机 ppocr 引擎识别该页")
    common.add_argument("--cache", type=Path, metavar="文件",
                        help="OCR 结果缓存（SQLite 文件，默认 输出目录/.ocr-cache.sqlite）")
    common.add_argument("--no-cache", action="store_true", help="不缓存 OCR 结果")
    common.add_argument("--roster", type=Path, metavar="花名册",
                        help="用花名册（CSV 或 XLSX，key 列为申报人文件夹名）代替各人的 applicant.yaml")
    common.add_argument("--strict", action="store_true", help="有申报人结论不是“通过”时，以退出码 1 结束")
    common.add_argument("--quiet", "-q", action="store_true", help="不显示进度")
    common.add_argument("--verbose", "-v", action="count", default=0, help="输出更多日志（-vv 输出调试信息）")
    common.add_argument("--page-timeout", type=_positive_float, default=60.0, metavar="秒",
                        help="每页限时（默认 60 秒）；整份材料按页数计时，用去八成时停止读取，已读页面照常核验，未读的列为需人工复核")
    from verify.run.resources import DOSSIER_TIMEOUT

    common.add_argument("--dossier-timeout", type=_positive_float, default=DOSSIER_TIMEOUT, metavar="秒",
                        help=f"每名申报人整份材料限时，不论页数（默认 {DOSSIER_TIMEOUT:g} 秒）；"
                             "用去八成时停止读取，已读页面照常核验，未读的文件和页面列为需人工复核")
    common.add_argument("--max-pages", type=_page_limit, default=None, metavar="页数",
                        help="每名申报人最多读取的页数，1～400（默认 400；单个文件超过上限时整份拒收，不截断）")
    common.add_argument("--ocr-threads", type=_positive_int, default=0, metavar="线程数",
                        help="每个 OCR 引擎使用的线程数（默认 0，自动）")
    common.add_argument("--force", action="store_true", help="重新核验已有最新报告的申报人（默认沿用）")
    common.add_argument("--reuse-cut", action="store_true",
                        help="沿用因整份材料限时将到而未读完的报告（默认每次重新核验这些申报人；调高任一限时后仍重新核验）")
    common.add_argument("--registry", metavar="文件",
                        help="期刊登记库（SQLite，由 verify registry import 生成；默认使用随附的登记库）")
    common.add_argument("--journal-service", metavar="地址",
                        help="联网期刊查询服务，用于登记库中查不到的期刊（默认不联网）")

    check = sub.add_parser("check", parents=[common], help="核验一名申报人（文件夹或 ZIP 压缩包）",
                           description="核验一名申报人的材料（文件夹或 ZIP 压缩包），生成核验报告。",
                           epilog=EPILOG)
    check.add_argument("dossier", type=Path, metavar="申报材料",
                       help="申报人的材料文件夹或 ZIP 压缩包（含 applicant.yaml 与扫描件）")
    batch = sub.add_parser("batch", parents=[common], help="核验材料目录中的每名申报人",
                           description="核验材料目录（文件夹或 ZIP 压缩包）中的每名申报人，生成各人报告与汇总表。",
                           epilog=EPILOG)
    batch.add_argument("archive", type=_archive_arg, metavar="材料目录",
                       help="材料目录（文件夹或 ZIP 压缩包），每名申报人一个子文件夹或 ZIP 压缩包；也可以是 fsspec 地址，"
                            "如 s3://桶/前缀（需安装 s3fs）、sftp://主机/路径、file:///路径，各申报人材料由核验进程复制到本地临时目录")
    batch.add_argument("--workers", "-j", type=_positive_int, default=0, metavar="进程数",
                       help="并行核验的进程数（默认 0，按 CPU 核数）；与 --scheduler local 同用时为本机 Dask 集群的进程数")
    batch.add_argument("--scheduler", metavar="地址",
                       help="在已有的 Dask 集群上核验：调度器地址，如 tcp://主机:8786（各工作节点须能以同一路径或同一地址"
                            "读取材料目录；报告只由本机写入输出目录）；local 表示在本机启动 Dask 集群")
    batch.add_argument("--cluster-wait", type=_positive_float, default=120.0, metavar="秒",
                       help="与 --scheduler 同用：调度器上还没有计算节点时，等待其连接的最长秒数（默认 120），"
                            "超时则报错退出")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    sub.metavar = "{" + ",".join(sub.choices) + "}"  # every command, the later ones too (probe alt23 F23)
    return parser


def _archive_arg(text: str):
    """The archive argument: an fsspec URL stays text (``Path`` would fold ``//``)."""
    from verify.run.remote_inputs import is_url

    return text if is_url(text) else Path(text)


def default_out(source: Path) -> Path:
    """``out/<name>``: the name of the dossier or archive (a ``.zip`` without its suffix).

    >>> default_out(Path("申报材料/张伟")), default_out(Path("/data/2024批次.zip"))
    (PosixPath('out/张伟'), PosixPath('out/2024批次'))
    """
    path = Path(source)
    name = path.name or Path.cwd().name
    if path.suffix.lower() == ".zip":
        name = path.stem
    if name in ("", ".", ".."):
        name = path.resolve().name or "verify"
    return Path("out") / name


def _settings(args):
    from verify.run.pipeline import Settings

    from ocr.sources import MAX_PAGES

    cache = None if args.no_cache else str(args.cache or (args.out / ".ocr-cache.sqlite"))
    if getattr(args, "scheduler", None) and not args.no_cache and not args.cache:
        from verify.run.cluster import WORKER_CACHE

        cache = WORKER_CACHE  # each worker's own cache on its own disk (OUT is only on this machine)
    fallback = "ppocr" if args.engine == "remote" and args.ocr_fallback else None
    return Settings(engine=args.engine, engine_url=args.engine_url, engine_fallback=fallback,
                    campaign=args.campaign, cache_path=cache,
                    ocr_threads=args.ocr_threads, max_pages=MAX_PAGES if args.max_pages is None else args.max_pages,
                    registry=str(args.registry) if args.registry else None, journal_service=args.journal_service)


def _fail(message: str) -> int:
    _say(f"verify: {message}\n")
    return EXIT_USAGE


def _archive_hint(path: Path, roster) -> str | None:
    """``verify check`` given a whole archive: say to use ``verify batch``."""
    from verify.applicant import find_metadata

    if roster is not None or not path.is_dir() or find_metadata(path) is not None:
        return None
    try:
        if any(sub.is_dir() and find_metadata(sub) is not None for sub in path.iterdir()):
            return f"{path} 是多名申报人的材料目录（子文件夹中有 applicant.yaml），请使用 verify batch"
    except OSError:  # a folder that cannot be opened: reading it says why
        return None
    return None


def _single_dossier(root: Path) -> bool:
    """``verify batch`` given one applicant's folder."""
    from verify.applicant import find_metadata

    return find_metadata(root) is not None


@contextlib.contextmanager
def _interrupt_on_signals():
    """SIGTERM and SIGHUP (a closed terminal) stop a run like Ctrl-C: workers are
    stopped, the temporary files removed, the summary of what finished is written."""
    import signal

    def handler(signum, frame):
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, handler)
        except ValueError:  # not in the main thread
            break
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # the terminal may be gone (SIGHUP)
        sys.stderr.write(text)
        sys.stderr.flush()


def run(args) -> int:
    try:
        with _interrupt_on_signals():
            return _run(args)
    except KeyboardInterrupt:
        _say("\nverify: 已中断；已完成的报告保留，重新运行将从中断处继续\n")
        return EXIT_INTERRUPTED


def _input_root(args) -> Path | None:
    """The input path, checked for existence and type before anything is written
    (``None``: a URL of a file system other than this machine's)."""
    from verify.run import batch

    if args.command == "check":
        batch.as_dossier(args.dossier)  # raises InputError
        return args.dossier
    path = args.archive
    if isinstance(path, str):  # a URL: its file system must be usable here (and on the workers)
        from verify.run.remote_inputs import local_root, open_url

        return local_root(*open_url(path))
    if not path.exists():
        raise batch.InputError(f"找不到材料目录 {path}")
    if not (path.is_dir() or (path.is_file() and zipfile.is_zipfile(path))):
        from verify.run.inputs import not_folder_or_zip

        raise batch.InputError(not_folder_or_zip(path))
    return path


def _run(args) -> int:
    from verify.run import batch
    from verify.campaign import CampaignError, load_campaign

    if args.engine == "remote" and not args.engine_url:
        return _fail("--engine remote 需要同时给出 --engine-url")
    scheduler = getattr(args, "scheduler", None)
    url = args.command == "batch" and isinstance(args.archive, str)
    if scheduler and scheduler != "local" and not url and args.archive.is_file():
        return _fail("在 Dask 集群上核验时，材料目录须是各工作节点都能以同一路径读取的文件夹（共享存储）"
                     "或各节点都能访问的地址（如 s3://桶/前缀），不能是压缩包；请先解压到共享目录或对象存储")
    if scheduler and not args.verbose:  # Dask's own log of lost workers and retries: the progress says what matters
        import distributed  # noqa: F401  (its import sets its loggers' levels: quieten them after it)

        # each of them: distributed.client keeps its own level (warning), and printed an English
        # traceback when the scheduler went away (hostile exploration 6, D5); our line says why
        for name in ["distributed", *(n for n in logging.root.manager.loggerDict if n.startswith("distributed."))]:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    if args.campaign:
        try:
            load_campaign(args.campaign)
        except CampaignError as exc:
            return _fail(str(exc))
    if args.registry or args.journal_service:
        from verify.journals.cli import check_journal_options

        problem = check_journal_options(args.registry, args.journal_service)
        if problem:
            return _fail(problem)
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
                                 page_timeout=args.page_timeout, dossier_timeout=args.dossier_timeout,
                                 force=args.force, reuse_cut=args.reuse_cut,
                                 progress="none" if args.quiet else "auto",
                                 merge_summary=args.command == "check",
                                 scheduler=getattr(args, "scheduler", None),
                                 cluster_wait=getattr(args, "cluster_wait", 120.0))
    try:
        source = _input_root(args)
        if args.command == "check":
            hint = _archive_hint(args.dossier, roster)
            if hint:
                return _fail(hint)
        batch.check_output_folder(args.out, inputs=(source,) if source is not None else ())
        batch.check_output_files(args.out, settings.cache_path if not getattr(args, "scheduler", None) else None)
    except batch.InputError as exc:
        return _fail(str(exc))
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(batch.output_folder(args.out))
            if args.command == "check":
                dossiers = [batch.as_dossier(args.dossier)]
                if roster is not None:
                    dossiers = [d for d in batch.attach_roster(dossiers, roster) if d.key == dossiers[0].key]
            elif url:
                from verify.run.remote_inputs import find_url_dossiers

                dossiers = find_url_dossiers(args.archive)
                if roster is not None:
                    dossiers = batch.attach_roster(dossiers, roster)
                if not dossiers:
                    return _fail(f"{args.archive} 中没有申报人材料（应为每人一个文件夹或 ZIP 压缩包）")
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
            batch.check_output_keys(args.out, [d for d in dossiers if d.remote is None])
        except batch.InputError as exc:
            return _fail(str(exc))
        try:
            outcome = batch.run_batch(dossiers, args.out, settings, options)
        except batch.InputError as exc:  # the Dask scheduler cannot be reached, or went away mid-run
            if getattr(exc, "interrupted", False):
                _say(f"verify: {exc}\n")
                return EXIT_INTERRUPTED
            return _fail(str(exc))
    if outcome.summary_problems:
        for problem in outcome.summary_problems:
            _say(f"verify: {problem}\n")
        return EXIT_SUMMARY_FAILED
    if args.strict and not outcome.all_pass:
        return EXIT_NOT_ALL_PASS
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "out", "absent") is None:  # check / batch without -o
        args.out = default_out(args.dossier if args.command == "check" else args.archive)
    verbose = getattr(args, "verbose", 0)
    level = logging.WARNING - 10 * min(verbose, 2)
    if getattr(args, "quiet", False) and not verbose:
        level = logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    return args.func(args) if hasattr(args, "func") else run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
