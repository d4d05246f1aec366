"""``verify journal`` (a reviewer's quick question at the desk) and ``verify registry``
(build, update and describe a journal registry).

    verify journal --issn 1000-0933 --cn 11-2031/Q [--name 生态学报] [--date 2022-05] [--json]
    verify journal --batch FILE.csv            # columns issn, cn, name, date: one JSON line per row
    verify registry import FILE [--registry PATH] [--complete] [--as-of DATE] [--base shipped|none|PATH]
    verify registry info [--registry PATH]

Exit codes: 0 the question was answered (whatever the answer); 2 a usage error, an
unreadable file or registry.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ocr.errors import os_reason

EXIT_OK = 0
EXIT_USAGE = 2

OUTCOME_ZH = {"pass": "通过", "fail": "不通过", "review": "需人工复核"}
STATUS_ZH = {"registered": "已登记", "mismatch": "刊号分属两刊", "unknown": "登记库中无此刊", "ceased": "已停刊", "invalid": "刊号无效"}
BATCH_COLUMNS = {
    "issn": ("issn", "ISSN", "国际标准连续出版物号", "国际刊号"),
    "cn": ("cn", "CN", "国内统一连续出版物号", "国内刊号", "刊号"),
    "name": ("name", "journal", "期刊名称", "刊名", "期刊"),
    "date": ("date", "日期", "发表时间", "出版时间", "发表日期"),
}


def add_parser(sub) -> None:
    j = sub.add_parser("journal", help="核对一种期刊：ISSN、CN 与刊名是否属于同一种经登记的期刊",
                       description="按期刊登记库核对 ISSN、CN 与刊名（可加发表时间），输出结论与登记记录。")
    j.add_argument("--issn", metavar="ISSN", help="国际标准连续出版物号，如 1000-0933")
    j.add_argument("--cn", metavar="CN", help="国内统一连续出版物号，如 11-2031/Q")
    j.add_argument("--name", metavar="刊名", help="刊名，如 生态学报")
    j.add_argument("--date", metavar="日期", help="论文发表时间 YYYY、YYYY-MM 或 YYYY-MM-DD（用于核对是否停刊后发表）")
    j.add_argument("--batch", type=Path, metavar="FILE.csv", help="逐行核对 CSV（列 issn, cn, name, date），每行输出一行 JSON")
    j.add_argument("--json", action="store_true", help="输出 JSON")
    _registry_options(j)
    j.set_defaults(func=run_journal)

    r = sub.add_parser("registry", help="期刊登记库：导入名录、查看来源",
                       description="由一省的期刊名录（CSV 或 XLSX，按列名识别）建立或更新期刊登记库。")
    rsub = r.add_subparsers(dest="registry_command", required=True, parser_class=type(r), title="子命令",
                            metavar="{import,info}", help="import：由名录建立或更新登记库；info：查看登记库")
    imp = rsub.add_parser("import", help="由 CSV/XLSX 名录建立或更新登记库",
                          description="由一省的期刊名录（CSV 或 XLSX，按列名识别）建立或更新期刊登记库。")
    imp.add_argument("file", type=Path, metavar="名录", help="期刊名录（CSV 或 XLSX；列名如 期刊名称/刊名、ISSN、CN/国内统一连续出版物号、主办单位、状态、停刊时间）")
    imp.add_argument("--registry", type=Path, default=Path("journal-registry.sqlite"), metavar="文件",
                     help="要建立或更新的登记库文件（默认 ./journal-registry.sqlite）")
    imp.add_argument("--base", default="shipped", metavar="底本",
                     help="新建时的底本：shipped（随附登记库，默认）、none（仅此名录）或另一登记库的路径")
    imp.add_argument("--name", metavar="名称", help="登记库名称（写入报告）")
    imp.add_argument("--as-of", metavar="日期", help="名录的日期 YYYY-MM-DD（默认取文件修改日期）")
    imp.add_argument("--complete", action="store_true",
                     help="该名录收录全部经批准的期刊：不在其中的 CN 判为不通过")
    imp.set_defaults(func=run_import)
    info = rsub.add_parser("info", help="显示登记库的来源、日期与规模", description="显示期刊登记库的来源、日期与规模。")
    info.add_argument("--registry", metavar="文件", help="登记库文件（默认：随附登记库）")
    info.set_defaults(func=run_info)


def _registry_options(p) -> None:
    p.add_argument("--registry", metavar="文件", help="期刊登记库（SQLite）；默认使用随附的登记库")
    p.add_argument("--online", metavar="地址", help="联网期刊查询服务（默认不联网），用于登记库中查不到的期刊")
    p.add_argument("--online-cache", type=Path, metavar="文件", help="联网查询结果缓存文件（默认 ~/.cache/dossier-verify/journal-lookups.sqlite）")


def check_journal_options(registry: str | None, service: str | None) -> str | None:
    """A message when the registry cannot be opened or the service URL is malformed."""
    from verify.journals.registry import Registry, RegistryError

    if registry:
        try:
            Registry(registry).close()  # opened and closed: worker processes open their own
        except RegistryError as e:
            return str(e)
    if service and not service.startswith(("http://", "https://")):
        return f"联网查询服务地址应以 http:// 或 https:// 开头：{service}"
    return None


def _fail(message: str) -> int:
    sys.stderr.write(f"verify: {message}\n")
    return EXIT_USAGE


def _checker(args):
    from verify.journals import JournalChecker
    from verify.journals.online import DEFAULT_CACHE, OnlineLookup

    problem = check_journal_options(args.registry, args.online)
    if problem:
        raise ValueError(problem)
    checker = JournalChecker(args.registry, None)
    if args.online:
        checker.service_url = args.online
        checker._online = OnlineLookup(args.online, cache_path=args.online_cache or DEFAULT_CACHE)
    return checker


def _date(text: str | None):
    from verify.read.dates import PartialDate, parse_date

    if not text or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        return PartialDate.parse_iso(text)
    except (ValueError, TypeError):
        d = parse_date(text)
        if d is None:
            raise ValueError(f"无法识别的日期：{text}（应为 YYYY、YYYY-MM 或 YYYY-MM-DD）") from None
        return d


def run_journal(args) -> int:
    try:
        checker = _checker(args)
    except ValueError as e:
        return _fail(str(e))
    if args.batch:
        if args.issn or args.cn or args.name:
            return _fail("--batch 与 --issn/--cn/--name 不能同时使用")
        return _run_batch(checker, args.batch)
    if not args.issn and not args.cn:
        return _fail("请给出 --issn 或 --cn（或用 --batch 逐行核对）")
    try:
        date = _date(args.date)
    except ValueError as e:
        return _fail(str(e))
    j = checker.check(args.issn, args.cn, [args.name] if args.name else [], date, misread=lambda *a: False,
                      require_name=bool(args.name))
    if args.json:
        print(json.dumps(j.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(j))
    return EXIT_OK


def render_text(j) -> str:
    """The judgement as a reviewer reads it in a terminal."""
    lines = [f"结论：{OUTCOME_ZH[j.outcome]}（{STATUS_ZH.get(j.status, j.status)}）", f"说明：{j.message()}"]
    if j.journal is not None:
        lines.append("登记记录：")
        lines += ["  " + x for x in record_lines(j.journal.to_dict())]
    if j.candidates:
        lines.append("相关期刊：")
        for c in j.candidates:
            lines.append(f"  [{c.why}] {c.record.label()}  {c.record.status_zh}  主办：{c.record.publisher or '不详'}")
    if j.warnings:
        lines.append("预警名单：" + "；".join(w.describe() for w in j.warnings))
    return "\n".join(lines)


def record_lines(r: dict) -> list[str]:
    """A registry record (``JournalRecord.to_dict()``) as labelled lines."""
    out = [f"刊名：{r.get('name')}" + (f"（曾用名：{'、'.join(r['former_names'])}）" if r.get("former_names") else "")]
    out.append(f"ISSN：{r.get('issn') or '—'}    CN：{r.get('cn') or '—'}")
    for label, key in (("主办", "publisher"), ("状态", "status_zh"), ("刊期", "frequency"), ("创刊", "founded")):
        if r.get(key):
            out.append(f"{label}：{r[key]}")
    if r.get("indexes"):
        out.append("收录：" + "、".join(r["indexes"]))
    return out


def _run_batch(checker, path: Path) -> int:
    from verify.journals.importer import _key

    try:
        text = path.read_bytes()
    except OSError as e:
        return _fail(f"无法读取 {path}（{os_reason(e)}）")
    import csv
    import io

    try:
        decoded = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = text.decode("gb18030", errors="replace")
    rows = list(csv.reader(io.StringIO(decoded)))
    if not rows:
        return _fail(f"{path} 是空文件")
    header = [_key(h) for h in rows[0]]
    cols = {}
    for fld, aliases in BATCH_COLUMNS.items():
        for a in aliases:
            if _key(a) in header:
                cols[fld] = header.index(_key(a))
                break
    if "issn" not in cols and "cn" not in cols:
        return _fail(f"{path} 的表头中没有 issn 或 cn 列")
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        get = {f: (row[i].strip() if i < len(row) else "") for f, i in cols.items()}
        try:
            date = _date(get.get("date"))
            j = checker.check(get.get("issn") or None, get.get("cn") or None,
                              [get["name"]] if get.get("name") else [], date, misread=lambda *a: False,
                              require_name=bool(get.get("name")))
            out = j.to_dict()
        except ValueError as e:
            out = {"status": "invalid", "outcome": "review", "journal": None, "candidates": [], "reason": str(e)}
        except Exception as e:  # one bad row never stops the batch
            out = {"status": "invalid", "outcome": "review", "journal": None, "candidates": [],
                   "reason": f"该行核对出错（{type(e).__name__}），请人工核对"}
        print(json.dumps({"row": n, "input": get, **out}, ensure_ascii=False), flush=True)
    return EXIT_OK


def run_import(args) -> int:
    from verify.journals import importer
    from verify.journals.registry import SHIPPED, Registry, RegistryError

    if not args.file.is_file():
        return _fail(f"找不到名录文件 {args.file}")
    base = None
    if not args.registry.exists():
        if args.base == "shipped":
            base = SHIPPED
        elif args.base != "none":
            base = Path(args.base)
            if not base.is_file():
                return _fail(f"找不到底本登记库 {base}")
    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        return _fail(f"--as-of 应为 YYYY-MM-DD：{args.as_of}")
    try:
        report = importer.import_list(args.file, args.registry, name=args.name, as_of=as_of, complete=args.complete,
                                      base=base)
        info = Registry(args.registry).info
    except (ValueError, RegistryError) as e:
        return _fail(str(e))
    except Exception as e:  # a corrupt XLSX, a locked file
        return _fail(f"导入 {args.file} 失败（{type(e).__name__}：{e}）")
    print("\n".join(report.lines()))
    print(f"登记库 {args.registry}：{info.describe()}")
    print(f"使用：verify batch 材料目录 -o 输出目录 --registry {args.registry}")
    return EXIT_OK


def run_info(args) -> int:
    from verify.journals.registry import RegistryError, open_registry

    try:
        r = open_registry(args.registry)
    except RegistryError as e:
        return _fail(str(e))
    print(r.info.describe())
    print(f"文件：{r.info.path}")
    for k in ("source", "origin", "inputs", "as_of", "built_at", "complete", "warning_years"):
        if r.meta.get(k):
            print(f"{k}: {r.meta[k]}")
    return EXIT_OK
