"""Building a registry from a list of journals (CSV or XLSX), columns mapped by
name: the CNKI journal navigator's export, a province's list, an export of the
national press administration's journal query (报刊名称, 国内统一连续出版物号 …).

Real lists are noisy. Each value is cleaned, never trusted:

- an ISSN is kept as listed (full-width digits and dashes mapped); one failing its
  check digit is kept and marked (``issn_valid = 0``): a journal may print it so;
- a CN is normalised to ``RR-NNNN/CLASS`` (``O`` typed for ``0`` in the digits is
  repaired, ``GO`` for ``G0``); a CN without its class is kept as ``RR-NNNN``;
  anything else (``43(Q)第1001``, an internal-publication permit) is kept in
  ``cn_raw`` only and never matched;
- a status of 停刊/合并 becomes ``ceased``/``merged``; a year found beside it (or in
  a 停刊时间 column) becomes ``status_year``.

>>> normalise_issn("ＩＳＳＮ １６７４－１０２１")
('1674-1021', True)
>>> normalise_issn("1008-8596"), normalise_issn("12345")
(('1008-8596', False), (None, False))
>>> normalise_cn("37-13O5/G4"), normalise_cn("CN32-1616/GO"), normalise_cn("11-3869")
(('37-1305/G4', '37-1305'), ('32-1616/G0', '32-1616'), ('11-3869', '11-3869'))
>>> normalise_cn("43(Q)第1001"), normalise_cn("")
((None, None), (None, None))
>>> parse_status("停刊"), parse_status("2019年停刊"), parse_status(""), parse_status("合并")
(('ceased', None), ('ceased', 2019), ('active', None), ('merged', None))
>>> map_columns(["报刊名称", "国内统一连续出版物号", "国际标准连续出版物号", "主办单位", "刊期"])
{'name': 0, 'issn': 2, 'cn': 1, 'publisher': 3, 'frequency': 4}
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from verify.journals import registry as reg
from verify.journals.names import name_key

log = logging.getLogger(__name__)

#: Column names (compared by key: no spaces or punctuation, upper case) for each field.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("期刊名称", "刊名", "报刊名称", "期刊名", "中文刊名", "名称", "出版物名称", "JOURNAL", "NAME", "TITLE"),
    "former_names": ("曾用刊名", "曾用名", "原刊名", "FORMERNAMES", "FORMER_NAMES"),
    "issn": ("ISSN", "国际标准连续出版物号", "国际刊号", "国际标准刊号", "ISSN号"),
    "cn": ("CN", "CN号", "国内统一连续出版物号", "国内统一刊号", "国内刊号", "刊号", "统一刊号"),
    "publisher": ("主办单位", "主办", "出版单位", "主办者", "PUBLISHER", "SPONSOR"),
    "status": ("目前状态", "状态", "出版状态", "期刊状态", "STATUS"),
    "status_year": ("停刊时间", "停刊年份", "停刊日期", "停刊年", "STATUSYEAR", "STATUS_YEAR", "CEASED"),
    "frequency": ("出版周期", "刊期", "周期", "FREQUENCY"),
    "indexes": ("收录信息", "收录", "核心期刊", "INDEXES"),
    "language": ("语种", "文种", "LANGUAGE"),
    "founded": ("创刊时间", "创刊年", "创刊年份", "FOUNDED"),
    "source_id": ("CODE", "期刊代码", "ID"),
}

_DASHES = "‐‑‒–—―－﹣−_~"
INDEX_LISTS = ("北大核心", "CSSCI", "CSSCI扩展版", "CSCD", "CSCD扩展版", "EI", "SCI", "WJCI", "卓越期刊", "AMI核心", "AMI权威", "AMI顶级")


def _key(text: str) -> str:
    return re.sub(r"[\s_\-()（）:：.]+", "", unicodedata.normalize("NFKC", str(text or ""))).upper()


def map_columns(header: list[str]) -> dict[str, int]:
    """Which column holds which field, by the column's name; unknown columns are ignored."""
    keys = [_key(h) for h in header]
    out: dict[str, int] = {}
    for fld, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            k = _key(alias)
            if k in keys and keys.index(k) not in out.values():
                out[fld] = keys.index(k)
                break
    return out


def normalise_issn(value: str | None) -> tuple[str | None, bool]:
    """``(NNNN-NNNC, check digit valid)``, or ``(None, False)`` when it is no ISSN."""
    from stdnum import issn

    s = unicodedata.normalize("NFKC", str(value or "")).upper()
    s = re.sub(r"^\s*ISSN[:：]?", "", s)
    s = "".join("-" if c in _DASHES else c for c in s)
    s = re.sub(r"\s", "", s)
    m = re.fullmatch(r"(\d{4})-?(\d{3}[\dX])", s)
    if not m:
        return None, False
    v = f"{m.group(1)}-{m.group(2)}"
    return v, issn.is_valid(v)


def normalise_cn(value: str | None) -> tuple[str | None, str | None]:
    """``(RR-NNNN/CLASS, RR-NNNN)``; ``(None, None)`` when it is no CN number."""
    s = unicodedata.normalize("NFKC", str(value or "")).upper()
    s = "".join("-" if c in _DASHES else c for c in s)
    s = re.sub(r"\s", "", s)
    s = re.sub(r"^CN[:：]?", "", s)
    m = re.fullmatch(r"([0-9O]{2})-([0-9O]{4})(?:/([A-Z][A-Z0-9O]{0,3}))?", s)
    if not m:
        return None, None
    core = f"{m.group(1)}-{m.group(2)}".replace("O", "0")
    cls = m.group(3)
    if not cls:
        return core, core
    if len(cls) > 1:
        head, tail = cls[0], cls[1:]
        if head != "T" or not tail[0].isalpha():
            tail = tail.replace("O", "0")
        elif tail[0] == "O":  # T followed by O: no T-subclass O exists, it is a zero
            tail = "0" + tail[1:]
        cls = head + tail
    return f"{core}/{cls}", core


def parse_status(value: str | None, year_value: str | None = None) -> tuple[str, int | None]:
    """``(active|ceased|merged|unknown, year)`` from a status cell (and a year cell)."""
    s = unicodedata.normalize("NFKC", str(value or "")).strip()
    year = None
    for text in (str(year_value or ""), s):
        m = re.search(r"(19[5-9]\d|20\d\d)", text)
        if m:
            year = int(m.group(1))
            break
    if not s or s in ("现刊", "正常", "正常出版", "在办", "出版", "现行", "ACTIVE", "有效"):
        status = "active"
    elif "停" in s or s.upper() in ("CEASED", "STOPPED"):
        status = "ceased"
    elif "合并" in s or s.upper() == "MERGED":
        status = "merged"
    elif "更名" in s or "变更" in s:
        status = "active"
    else:
        status = "unknown"
    if status == "active" and year_value and year:
        status = "ceased"  # a 停刊时间 column filled in
    return status, year if status in ("ceased", "merged") else None


@dataclass
class ImportReport:
    """What an import did with a list's noise, for the build log and the bench."""

    source: str
    rows: int = 0
    imported: int = 0
    skipped_no_name: int = 0
    counts: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"{self.source}: {self.rows} rows, {self.imported} journals imported, {self.skipped_no_name} rows without a name skipped",
            f"  ISSN: {c['issn_ok']} valid, {c['issn_bad_check']} failing the check digit (kept, marked invalid), "
            f"{c['issn_missing']} missing, {c['issn_unreadable']} not an ISSN (dropped)",
            f"  CN: {c['cn_ok']} standard, {c['cn_repaired']} repaired (O typed for 0), {c['cn_nonstandard']} outside GB/T 9999.1 (kept), "
            f"{c['cn_no_class']} without a class (kept as RR-NNNN), "
            f"{c['cn_missing']} missing, {c['cn_other']} not a CN number (kept as listed, never matched)",
            f"  status: {c['status_active']} active, {c['status_ceased']} ceased ({c['status_ceased_year']} with a year), "
            f"{c['status_merged']} merged ({c['status_merged_year']} with a year), {c['status_unknown']} unknown",
            f"  neither ISSN nor CN: {c['no_ids']} (kept by name only)",
        ]


def read_table(path: str | Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX file. The
    header is the first of the first ten rows that names a journal-name column
    and an ISSN or CN column (exports often start with a title row)."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        table = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
    elif path.suffix.lower() in (".csv", ".txt", ".tsv"):
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError(f"{path.name}：无法识别文件编码（应为 UTF-8 或 GB18030）")
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" or ("\t" in text[:2000] and "," not in text[:2000]) else "excel"
        table = [row for row in csv.reader(io.StringIO(text), dialect=dialect)]
    else:
        raise ValueError(f"{path.name}：不支持的文件类型（应为 CSV 或 XLSX）")
    for i, row in enumerate(table[:10]):
        cols = map_columns(row)
        if "name" in cols and ("issn" in cols or "cn" in cols):
            return row, table[i + 1:]
    raise ValueError(f"{path.name}：前 10 行中找不到表头（须有“期刊名称/刊名”列和“ISSN”或“CN”列）")


def records_from_table(header: list[str], rows: list[list[str]], source: str,
                       keep_indexes: tuple[str, ...] | None = None) -> tuple[list[dict], ImportReport]:
    """Clean journal rows (dicts of the ``journal`` table's columns) and what was
    done. ``keep_indexes``: the index lists worth keeping (all when ``None``)."""
    cols = map_columns(header)
    report = ImportReport(source)
    c = report.counts
    out = []

    def cell(row, fld):
        i = cols.get(fld)
        return (row[i] if i is not None and i < len(row) and row[i] is not None else "").strip()

    for row in rows:
        if not any(str(v).strip() for v in row):
            continue
        report.rows += 1
        name = unicodedata.normalize("NFKC", cell(row, "name")).strip()
        if not name:
            report.skipped_no_name += 1
            continue
        raw_issn = cell(row, "issn")
        issn, issn_valid = normalise_issn(raw_issn)
        if not raw_issn:
            c["issn_missing"] += 1
        elif issn is None:
            c["issn_unreadable"] += 1
        else:
            c["issn_ok" if issn_valid else "issn_bad_check"] += 1
        raw_cn = cell(row, "cn")
        cn, core = normalise_cn(raw_cn)
        cn_raw = None
        if not raw_cn:
            c["cn_missing"] += 1
        elif cn is None:
            c["cn_other"] += 1
            cn_raw = raw_cn
        elif "/" not in cn:
            c["cn_no_class"] += 1
            cn_raw = raw_cn
        else:
            from verify.read.identifiers import cn_serial

            as_listed = unicodedata.normalize("NFKC", raw_cn).upper().replace(" ", "").removeprefix("CN") == cn
            if not cn_serial.is_valid(cn):
                c["cn_nonstandard"] += 1  # region or class outside GB/T 9999.1: kept, matched only exactly
                cn_raw = raw_cn
            elif as_listed:
                c["cn_ok"] += 1
            else:
                c["cn_repaired"] += 1
                cn_raw = raw_cn
        if not issn and not cn:
            c["no_ids"] += 1
        status, year = parse_status(cell(row, "status"), cell(row, "status_year"))
        c[f"status_{status}"] += 1
        if year:
            c[f"status_{status}_year"] += 1
        founded = re.search(r"(1[89]\d\d|20\d\d)", cell(row, "founded"))
        former = [unicodedata.normalize("NFKC", x).strip() for x in re.split(r"[;；]", cell(row, "former_names"))]
        former = [x for x in former if x and x != name and len(x) <= 60 and "合并" not in x]
        indexes = [x.strip() for x in re.split(r"[;；,，、]", cell(row, "indexes")) if x.strip()]
        out.append({
            "name": name, "former_names": ";".join(dict.fromkeys(former)), "issn": issn, "issn_valid": int(issn_valid),
            "cn": cn, "cn_core": core, "cn_raw": cn_raw, "publisher": cell(row, "publisher").replace(";", "；"),
            "status": status, "status_year": year, "frequency": cell(row, "frequency"),
            "indexes": ";".join(x for x in indexes if keep_indexes is None or x in keep_indexes),
            "language": cell(row, "language"), "founded": int(founded.group(1)) if founded else None,
            "source": source, "source_id": cell(row, "source_id"),
        })
        report.imported += 1
    return out, report


def write_records(db, records: list[dict], source: str, replace: bool = True) -> int:
    """Add records to an open registry (``replace``: first drop those of the same source)."""
    if replace:
        ids = [r[0] for r in db.execute("SELECT id FROM journal WHERE source = ?", (source,))]
        db.executemany("DELETE FROM name_key WHERE journal_id = ?", [(i,) for i in ids])
        db.execute("DELETE FROM journal WHERE source = ?", (source,))
    cols = [c for c in reg._COLUMNS if c != "id"]
    for rec in records:
        cur = db.execute(f"INSERT INTO journal({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         tuple(rec.get(c) for c in cols))
        jid = cur.lastrowid
        keys = {name_key(rec["name"]): 0}
        for former in (rec.get("former_names") or "").split(";"):
            k = name_key(former)
            if k and k not in keys:
                keys[k] = 1
        db.executemany("INSERT INTO name_key(key, journal_id, former) VALUES (?, ?, ?)",
                       [(k, jid, f) for k, f in keys.items() if k])
    return len(records)


def read_warning_list(path: str | Path) -> list[dict]:
    """One year of the CAS 国际期刊预警名单 (``Journal`` and ``预警等级（YYYY）`` or
    ``预警原因（YYYY）``): rows for the ``warning`` table."""
    header, rows = _plain_table(path)
    year = None
    for h in header:
        m = re.search(r"(20\d\d)", h)
        if m:
            year = int(m.group(1))
    if year is None:
        m = re.search(r"(20\d\d)", Path(path).name)
        year = int(m.group(1)) if m else None
    if year is None:
        raise ValueError(f"{Path(path).name}：看不出预警名单的年份")
    keys = [_key(h) for h in header]
    name_i = next((i for i, k in enumerate(keys) if k in ("JOURNAL", "期刊名称", "刊名")), 0)
    level_i = next((i for i, h in enumerate(header) if "等级" in h), None)
    reason_i = next((i for i, h in enumerate(header) if "原因" in h), None)
    out = []
    for row in rows:
        if len(row) <= name_i or not row[name_i].strip():
            continue
        name = unicodedata.normalize("NFKC", row[name_i]).strip()
        out.append({"name": name, "key": name_key(name), "year": year,
                    "level": row[level_i].strip() if level_i is not None and level_i < len(row) else "",
                    "reason": row[reason_i].strip() if reason_i is not None and reason_i < len(row) else "",
                    "source": Path(path).name})
    return out


def _plain_table(path) -> tuple[list[str], list[list[str]]]:
    text = Path(path).read_bytes().decode("utf-8-sig")
    table = [r for r in csv.reader(io.StringIO(text)) if r]
    return table[0], table[1:]


def write_warnings(db, warnings: list[dict]) -> int:
    sources = {w["source"] for w in warnings}
    db.executemany("DELETE FROM warning WHERE source = ?", [(s,) for s in sources])
    db.executemany("INSERT INTO warning(name, key, year, level, reason, source) VALUES (?, ?, ?, ?, ?, ?)",
                   [(w["name"], w["key"], w["year"], w["level"], w["reason"], w["source"]) for w in warnings])
    return len(warnings)


def set_meta(db, **values) -> None:
    for k, v in values.items():
        if v is None:
            continue
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (k, str(v)))


def import_list(path: str | Path, target: str | Path, *, name: str | None = None, as_of: dt.date | None = None,
                complete: bool = False, base: str | Path | None = None) -> ImportReport:
    """Build (or update) the registry ``target`` from the journal list ``path``.

    ``base``: a registry to start from when ``target`` does not exist yet (e.g. the
    shipped snapshot, so that a province's list adds to it). Rows of an earlier
    import of the same file name are replaced. ``complete`` marks the registry as
    holding every approved journal (a CN missing from it then fails)."""
    import shutil

    path, target = Path(path), Path(target)
    header, rows = read_table(path)
    records, report = records_from_table(header, rows, path.name)
    if not records:
        raise ValueError(f"{path.name}：没有可导入的期刊（{report.rows} 行）")
    if base is not None and not target.exists():
        shutil.copyfile(base, target)
    db = reg.create(target)
    try:
        with db:
            write_records(db, records, path.name)
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            sources = [s for s in (meta.get("source") or "").split(" + ") if s and s != path.name]
            as_of = as_of or dt.date.fromtimestamp(path.stat().st_mtime)
            set_meta(db, name=name or meta.get("name") or f"{path.stem}", source=" + ".join([*sources, path.name]),
                     as_of=max(as_of.isoformat(), meta.get("as_of") or ""), **{f"as_of:{path.name}": as_of.isoformat()},
                     built_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                     complete="1" if complete or meta.get("complete") == "1" else "0")
        db.execute("VACUUM")
    finally:
        db.close()
    return report
