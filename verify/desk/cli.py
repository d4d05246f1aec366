"""``verify desk``: start the review desk, add a user, check the audit trail.

::

    verify desk [--data DIR] [--host 127.0.0.1] [--port 8765] [--allow-host NAME] [--watch DIR] [--workers N]
                [--page-timeout S] [--dossier-timeout S] [--worker-idle MINUTES]
    verify desk adduser NAME [--admin] [--data DIR]      # password from stdin
    verify desk audit [--verify] [--data DIR]

The first start creates the data folder and, when no user exists yet, asks for the
first administrator's name and password on the terminal (or use ``adduser`` first,
for scripted set-up). Exit codes: 0 done; 1 the audit trail fails its check; 2 usage
error or a refused set-up.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ocr.errors import os_reason

EXIT_OK = 0
EXIT_TAMPERED = 1
EXIT_USAGE = 2

DEFAULT_DATA = Path("~/dossier-desk")


def add_parser(sub) -> None:
    desk = sub.add_parser("desk", help="审核台：本地网页应用（上传、核验进度、复核、最终决定、审计记录、导出）",
                          description="职称材料审核台：在浏览器中上传材料、查看核验报告、记录审核决定并留下审计记录。")
    data_help = f"数据目录（数据库、上传的材料、报告；默认 {DEFAULT_DATA}）"
    desk.add_argument("--data", type=Path, default=None, metavar="目录", help=data_help)
    desk.add_argument("--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1，仅本机可访问）")
    desk.add_argument("--port", type=int, default=8765, metavar="端口", help="端口（默认 8765）")
    desk.add_argument("--allow-host", action="append", default=[], metavar="名称",
                      help="审核台还接受的访问名称（局域网内的计算机名、反向代理的域名；可多次给出）。"
                           "其他名称的访问一律拒绝，以防其他网站借 DNS 重绑定访问审核台")
    desk.add_argument("--watch", type=Path, metavar="目录", help="扫描目录：其中每个新的子文件夹或 ZIP 在停止变化后自动收件核验")
    desk.add_argument("--settle", type=float, default=5.0, metavar="秒", help="扫描目录中的材料停止变化多少秒后收件（默认 5）")
    desk.add_argument("--workers", type=int, default=1, metavar="数量", help="同时核验的申报人数（默认 1）")
    from verify.cli import _positive_float
    from verify.run.resources import DOSSIER_TIMEOUT

    desk.add_argument("--page-timeout", type=_positive_float, default=60.0, metavar="秒",
                      help="每页限时（默认 60 秒），与 verify batch 相同")
    desk.add_argument("--dossier-timeout", type=_positive_float, default=DOSSIER_TIMEOUT, metavar="秒",
                      help=f"每名申报人整份材料限时，不论页数（默认 {DOSSIER_TIMEOUT:g} 秒）；用去八成时停止读取，"
                           "已读页面照常核验，未读的文件和页面列为需人工复核")
    from verify.desk.queue import WORKER_IDLE

    desk.add_argument("--worker-idle", type=_minutes, default=WORKER_IDLE / 60, metavar="分钟",
                      help=f"核验进程（每个约占 0.8 GB 内存）空闲多少分钟后结束以释放内存（默认 {WORKER_IDLE / 60:g}；"
                           "0 表示一直保留）；之后的第一次核验重新启动识别引擎，多等几秒")
    desk.add_argument("--campaign", metavar="批次", help="申报批次（内置名称或 YAML 路径；默认按申报人信息）")
    desk.add_argument("--engine", default="ppocr", choices=("ppocr", "paddle", "remote", "replay"),
                      help="OCR 引擎（默认 ppocr）")
    desk.add_argument("--engine-url", metavar="地址", help="--engine remote 的服务地址")
    desk.add_argument("--verbose", "-v", action="count", default=0, help="输出更多日志")
    desk.set_defaults(func=run_desk)
    actions = desk.add_subparsers(dest="desk_command", metavar="{adduser,audit}",
                                  help="管理命令：adduser 新增用户，audit 查看或核对审计记录（不写则启动审核台）")

    adduser = actions.add_parser("adduser", help="新增用户（密码从标准输入读取）",
                                 description="新增审核台用户；密码从标准输入读取（终端中会提示输入两次）。")
    adduser.add_argument("name", metavar="用户名", help="新用户的名字（汉字、字母或数字）")
    adduser.add_argument("--admin", action="store_true", help="管理员（可管理用户）；默认为审核员")
    adduser.add_argument("--data", type=Path, default=argparse.SUPPRESS, metavar="目录", help=data_help)
    adduser.set_defaults(func=run_adduser)

    audit_cmd = actions.add_parser("audit", help="查看或核对审计记录",
                                   description="列出最近的审计记录；--verify 核对哈希链，发现篡改时退出码为 1。")
    audit_cmd.add_argument("--verify", action="store_true", help="核对哈希链（检测数据库文件被篡改）")
    audit_cmd.add_argument("--tail", type=int, default=20, metavar="条数", help="列出最近多少条（默认 20）")
    audit_cmd.add_argument("--data", type=Path, default=argparse.SUPPRESS, metavar="目录", help=data_help)
    audit_cmd.set_defaults(func=run_audit)


def _minutes(text: str) -> float:
    """``--worker-idle``: minutes, 0 or more.

    >>> _minutes("0.5"), _minutes("0")
    (0.5, 0.0)
    >>> _minutes("-1")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: 应为不小于 0 的分钟数，实际为 '-1'
    """
    import math

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"应为不小于 0 的分钟数，实际为 {text!r}")
    return value


def _folder(args):
    from verify.desk.store import DataFolder

    return DataFolder(args.data or DEFAULT_DATA)


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")


def _read_password(prompt_twice: bool) -> str | None:
    if prompt_twice:
        first = getpass.getpass("密码：")
        second = getpass.getpass("再次输入密码：")
        if first != second:
            _say("verify desk: 两次输入的密码不一致")
            return None
        return first
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _add_user(folder, name: str, password: str, role: str, by: str) -> int:
    from verify.desk import audit, auth
    from verify.desk.store import DeskError, transaction

    with folder.connection() as conn:
        try:
            with transaction(conn):
                if conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == 0:
                    audit.append(conn, by, "desk.create", target=str(folder.root))
                auth.create_user(conn, name, password, role, by)
        except DeskError as exc:
            _say(f"verify desk: {exc}")
            return EXIT_USAGE
        audit.write_head(conn, folder.audit_head)
    return EXIT_OK


def run_adduser(args) -> int:
    folder = _folder(args)
    if problem := folder.database_problem():
        _say(f"verify desk: {problem}")
        return EXIT_USAGE
    folder.create()
    password = _read_password(sys.stdin.isatty())
    if password is None:
        return EXIT_USAGE
    code = _add_user(folder, args.name, password, "admin" if args.admin else "reviewer", "命令行")
    if code == EXIT_OK:
        _say(f"已新增{'管理员' if args.admin else '审核员'} {args.name}（数据目录 {folder.root}）")
    return code


def run_audit(args) -> int:
    from verify.desk import audit

    folder = _folder(args)
    if not folder.exists():
        _say(f"verify desk: {folder.root} 不是审核台数据目录（没有 desk.sqlite）")
        return EXIT_USAGE
    if problem := folder.database_problem():
        _say(f"verify desk: {problem}")
        return EXIT_TAMPERED if args.verify else EXIT_USAGE
    with folder.connection() as conn:
        if args.verify:
            check = audit.verify_chain(conn, folder.audit_head)
            print(check.message)
            return EXIT_OK if check.ok else EXIT_TAMPERED
        rows = conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (max(1, args.tail),)).fetchall()
        # whose row it is: a check's rows said 「第 2 次核验」 and no applicant (desk exploration 7)
        people = {r["id"]: f"{r['key']}（{r['name'] or '姓名未知'}）"
                  for r in conn.execute("SELECT id, key, name FROM applicants")}
    for r in reversed(rows):
        what = audit.ACTION_NAMES_ZH.get(r["action"], r["action"])
        before = "，".join(f"{k} {v}" for k, v in audit.described_fields(r["before"]))
        after = "，".join(f"{k} {v}" for k, v in audit.described_fields(r["after"]))
        target = audit.target_zh(r["action"], r["target"])
        who = people.get(r["applicant_id"], "")
        extra = "  ".join(x for x in (who if who and not target.startswith(who.split("（")[0]) else "", target,
                                      f"之前：{before}" if before else "", f"之后：{after}" if before and after else after,
                                      f"理由：{r['reason']}" if r["reason"] else "") if x)
        print(f"{r['id']:>6}  {r['at']}  {r['user_name']}  {what}  {extra}".rstrip())
    return EXIT_OK


def _first_admin(folder) -> int:
    """The first start: ask for the administrator on the terminal."""
    if not sys.stdin.isatty():
        _say("verify desk: 还没有任何用户。请在终端中运行 verify desk 按提示设置管理员密码，"
             f"或先运行：verify desk adduser 管理员名 --admin --data {folder.root}（密码从标准输入读取）")
        return EXIT_USAGE
    _say(f"首次启动：已创建数据目录 {folder.root}。请设置管理员账户。")
    name = input("管理员用户名（默认 admin）：").strip() or "admin"
    password = _read_password(True)
    if password is None:
        return EXIT_USAGE
    return _add_user(folder, name, password, "admin", "首次启动")


def run_desk(args) -> int:
    import logging

    from verify.desk.app import DeskConfig, create_app
    from verify.run.pipeline import Settings

    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="%(levelname)s %(name)s: %(message)s")
    folder = _folder(args)
    if args.engine == "remote" and not args.engine_url:
        _say("verify desk: --engine remote 需要同时给出 --engine-url")
        return EXIT_USAGE
    if args.watch is not None and not args.watch.is_dir():
        _say(f"verify desk: 扫描目录 {args.watch} 不存在或不是文件夹")
        return EXIT_USAGE
    if args.campaign:
        from verify.campaign import CampaignError, load_campaign

        try:
            load_campaign(args.campaign)
        except CampaignError as exc:
            _say(f"verify desk: {exc}")
            return EXIT_USAGE
    if problem := folder.database_problem():
        _say(f"verify desk: {problem}")
        return EXIT_USAGE
    try:
        folder.create()
    except OSError as exc:
        _say(f"verify desk: 无法创建数据目录 {folder.root}（{os_reason(exc, writing=True)}）")
        return EXIT_USAGE
    with folder.connection() as conn:
        has_users = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] > 0
    if not has_users:
        code = _first_admin(folder)
        if code != EXIT_OK:
            return code
    from verify.run.batch import available_cores

    workers = max(1, args.workers)
    settings = Settings(engine=args.engine, engine_url=args.engine_url, campaign=args.campaign,
                        cache_path=str(folder.ocr_cache), ocr_threads=max(1, available_cores() // workers))
    config = DeskConfig(data=folder.root, settings=settings, host=args.host, port=args.port, watch=args.watch,
                        workers=workers, settle_seconds=args.settle, page_timeout=args.page_timeout,
                        dossier_timeout=args.dossier_timeout, worker_idle=args.worker_idle * 60 or None,
                        allowed_hosts=tuple(h.strip().lower() for h in args.allow_host if h.strip()))
    return serve(create_app(config), config)


def serve(app, config) -> int:
    import uvicorn

    if config.host not in ("127.0.0.1", "localhost", "::1"):
        _say(f"注意：审核台监听 {config.host}，局域网内的其他电脑可以访问（使用 HTTP，未加密）。")
    address = f"http://{'[' + config.host + ']' if ':' in config.host else config.host}:{config.port}/"

    class Server(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets)
            if self.started:  # listening now
                _say(f"审核台已启动：{address}（数据目录 {config.data}；按 Ctrl+C 停止）")
                sys.stderr.flush()

    server = Server(uvicorn.Config(app, host=config.host, port=config.port, log_level="warning",
                                   timeout_graceful_shutdown=3, access_log=False))
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind
        server.started = False
    except KeyboardInterrupt:
        # Ctrl+C: uvicorn shuts down (the queue's workers ended, the checks put back in the
        # queue) and then raises the signal again, which asyncio turns into KeyboardInterrupt:
        # every stop of the desk ended in a traceback on the reviewer's terminal
        if not server.started:
            raise
    if not server.started:
        _say(f"verify desk: 无法在 {config.host}:{config.port} 上启动（端口可能已被占用，可用 --port 换一个）")
        return EXIT_USAGE
    # stopped by a signal: said also where the signal raised again met a handler that does not
    # raise (the desk's run returned; seen once under heavy load, the reviewer told nothing)
    _say("审核台已停止（正在核验的申报人下次启动时继续核验）")
    return EXIT_OK
