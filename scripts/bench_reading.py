#!/usr/bin/env python
"""Measure page reading (classification, dates with roles, ISSN, CN, names) on
generated pages against the generator's answer key.

Two sources of page text:

``--text``  the answer key's own text runs with their boxes (a perfect OCR; fast,
            measures the reading logic alone);
``--ocr``   the real engine (``ocr.engines.get_engine("ppocr")``) on the rendered,
            degraded pixels (slow on CPU: keep ``--pages`` small).

Usage::

    .venv/bin/python scripts/bench_reading.py --text --applicants 40
    .venv/bin/python scripts/bench_reading.py --ocr --applicants 3 --dpi 150
    .venv/bin/python scripts/bench_reading.py --key fixtures/sample/answer_key.json [--ocr]

Prints one table of figures; ``--json PATH`` also writes them with every miss.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from ocr.model import OcrLine, OcrPage  # noqa: E402
from verify.read.classify import classify  # noqa: E402
from verify.read.extract import read_page_facts  # noqa: E402
from verify.model import PageRead  # noqa: E402
from verify.read.identifiers import cn_serial  # noqa: E402
from verify.read.names import name_on_page  # noqa: E402

log = logging.getLogger("bench_reading")

KEY_ROLES = ("issue", "publication", "assessment_year", "publicity_start", "publicity_end", "title_date", "birth")


# ------------------------------------------------------------------ generated pages (in process)

def _specs(p, rng):
    """One spec per document kind for profile ``p`` (no planted defects)."""
    from fixtures.generator.profile import pick, random_date

    d = lambda lo, hi: random_date(rng, lo, hi)  # noqa: E731
    specs = []
    specs.append(("recommendation_form", {"date": d(dt.date(2024, 9, 1), dt.date(2024, 10, 10))}))
    start = d(dt.date(2024, 9, 2), dt.date(2024, 10, 20))
    specs.append(("publicity_result", {"start": start, "end": start + dt.timedelta(days=int(rng.integers(6, 12))),
                                       "date": start + dt.timedelta(days=14), "others": ["李强", "王芳"][: int(rng.integers(0, 3))]}))
    for year in (2021, 2022, 2023):
        specs.append(("annual_assessment", {"year": year, "date": d(dt.date(year + 1, 1, 5), dt.date(year + 1, 2, 20)),
                                            "grade": pick(rng, ("优秀", "合格", "称职"))}))
    specs.append(("education_verification", {"update": d(dt.date(2024, 8, 1), dt.date(2024, 9, 30)),
                                             "cert_no": f"1{int(rng.integers(10**16, 10**17))}",
                                             "code": "".join(pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(16)),
                                             "date": d(dt.date(2024, 9, 1), dt.date(2024, 10, 10))}))
    specs.append(("continuing_education", {"issuer": "抚顺市人力资源和社会保障局", "year": 2023, "hours": 90,
                                           "date": d(dt.date(2023, 11, 1), dt.date(2023, 12, 30)), "serial": int(rng.integers(1000, 9999))}))
    for a in p.awards:
        specs.append(("award_certificate", {"award": a, "project": "浑河抚顺段水质自动监测系统建设", "serial": f"ZS{int(rng.integers(10**5, 10**6))}"}))
    if p.achievement:
        what, date, benefit = p.achievement
        specs.append(("achievement_proof", {"what": what, "date": date, "benefit": benefit, "project": "浑河抚顺段水质自动监测系统建设",
                                            "amount": int(rng.integers(20, 300))}))
    for paper in p.papers:
        specs.append(("journal_cover", {"paper": paper, "admin": "辽宁省生态环境厅", "copyright": bool(rng.random() < 0.5)}))
        others = [("浑河流域水质变化趋势分析", "李强", "6"), ("城市污水处理厂提标改造实践", "王芳", "12"),
                  ("土壤重金属污染风险评价", "赵敏", "18"), ("固体废物资源化利用探讨", "刘洋", "24")]
        specs.append(("journal_toc", {"paper": paper, "others": others, "show_ids": bool(rng.random() < 0.5)}))
        specs.append(("paper", {"paper": paper, "abstract": "以抚顺地区2021年采集的样品为对象，分析了污染特征与来源，结果表明工业源贡献显著。",
                                "keywords": ["来源解析", "抚顺", "监测"], "body": "近年来，区域环境质量持续改善，但污染问题仍然突出。" * 6}))
        specs.append(("retrieval_proof", {"paper": paper, "db": pick(rng, ("中国知网（CNKI）", "万方数据知识服务平台", "维普期刊资源整合服务平台")),
                                          "date": d(dt.date(2024, 8, 1), dt.date(2024, 9, 30))}))
    specs.append(("id_card", {"address": "辽宁省抚顺市新抚区站前街道永安路18号3单元", "police": "抚顺市公安局新抚分局",
                              "valid_from": d(dt.date(2012, 1, 1), dt.date(2020, 1, 1))}))
    specs.append(("title_certificate", {"issuer": "抚顺市人力资源和社会保障局", "date": p.title_date,
                                        "issue_date": p.title_date + dt.timedelta(days=int(rng.integers(20, 90))),
                                        "serial": f"FS{p.title_date.year}{int(rng.integers(1000, 9999))}"}))
    specs.append(("evaluation_form", {"summary": "任现职以来，主持完成浑河抚顺段水质自动监测系统建设，发表论文2篇。"}))
    return specs


def _text_page(truth: dict, width: int, height: int) -> OcrPage:
    lines = []
    for i, (text, (x0, y0, x1, y1)) in enumerate(zip(truth["lines"], truth["line_boxes"])):
        lines.append(OcrLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 1.0, i))
    lines.sort(key=lambda l: (l.bbox[1] // 12, l.bbox[0]))
    return OcrPage(width, height, lines, engine="truth", source="replay")


def generated_pages(n_applicants: int, dpi: int, seed: int, use_ocr: bool, max_pages: int | None):
    """Yield (profile, kind, truth, OcrPage) for generated documents."""
    from fixtures.generator.documents import render
    from fixtures.generator.profile import make_profile

    engine = None
    if use_ocr:
        from ocr.engines import get_engine

        engine = get_engine("ppocr")
    count = 0
    for a in range(n_applicants):
        rng = np.random.default_rng(seed + a)
        p = make_profile(rng, f"a{a:03d}")
        for kind, spec in _specs(p, rng):
            c = render(kind, p, spec, dpi, rng)
            truth = c.truth()
            if engine is not None:
                page = engine.recognize(np.asarray(c.img.convert("RGB"))[:, :, ::-1].copy())
            else:
                page = _text_page(truth, c.width, c.height)
            yield p, kind, truth, page
            count += 1
            if max_pages and count >= max_pages:
                return


def _applicant_of(p):
    from verify.applicant import parse_applicant  # the lead's loader

    return parse_applicant(p.applicant_yaml(), p.key)


def _applicant(p):
    if isinstance(p, _Keyed):
        return p.applicant
    try:
        return _applicant_of(p)
    except Exception:  # fall back to a hand-built Applicant
        from verify.read.dates import PartialDate
        from verify.model import Applicant, AwardClaim, PaperClaim

        y = p.applicant_yaml()
        return Applicant(name=y["name"], unit=y["unit"], id_number=y.get("id_number"),
                         papers=tuple(PaperClaim(x["title"], x["journal"], x["issn"], x["cn"], PartialDate.parse_iso(x["date"]))
                                      for x in y.get("papers", [])),
                         awards=tuple(AwardClaim(x["title"], PartialDate.parse_iso(x["date"])) for x in y.get("awards", [])))


# ------------------------------------------------------------------ a written set with answer_key.json

class _Keyed:
    """What ``score`` needs of a profile, for an applicant of an answer key."""

    def __init__(self, folder: Path):
        from verify.applicant import load_applicant

        self.folder = folder
        self.applicant = load_applicant(folder)


def keyed_pages(key_path: Path, use_ocr: bool, max_pages: int | None, cache_path: Path | None = None):
    """Yield (applicant, kind, truth, OcrPage) for every keyed page of a set written by
    ``scripts/make_dossiers.py`` (the answer key's text, or the real OCR pipeline)."""
    key = json.loads(key_path.read_text(encoding="utf-8"))
    root = key_path.parent
    count = 0
    for a in key["applicants"]:
        folder = root / a["key"]
        who = _Keyed(folder)
        by_file = collections.defaultdict(list)
        for pg in a["pages"]:
            by_file[pg["file"]].append(pg)
        for file, pages in by_file.items():
            read = {}
            if use_ocr:
                from ocr.cache import OcrCache
                from ocr.pipeline import read_file

                cache = OcrCache(cache_path) if cache_path else None
                try:
                    read = {r.index: r.ocr for r in read_file(folder / file, cache=cache)}  # 1-based
                except Exception as exc:  # an unreadable page is a miss, not a crash
                    log.warning("%s: %s", file, exc)
            for pg in pages:
                if use_ocr:
                    page = read.get(pg["page"]) or OcrPage(*pg["size"], [])
                else:
                    page = _text_page(pg, *pg["size"])
                yield who, pg["kind"], pg, page
                count += 1
                if max_pages and count >= max_pages:
                    return


# ------------------------------------------------------------------ scoring

def score(items) -> dict:
    stats = collections.Counter()
    misses = collections.defaultdict(list)
    confusion = collections.Counter()
    t0 = time.perf_counter()
    reading = 0.0
    for p, kind, truth, page in items:
        t1 = time.perf_counter()
        applicant = _applicant(p)
        got, conf = classify(page)
        stats["pages"] += 1
        stats["kind_ok"] += got == kind
        if got != kind:
            confusion[(kind, got)] += 1
            misses["kind"].append({"kind": kind, "got": got, "conf": conf, "text": page.text[:400]})
        read = PageRead("x", 1, page, kind=kind)  # facts read with the true kind (classification scored apart)
        read_page_facts(read, applicant)
        # dates: every keyed date with a key role must be read with its value and role
        for td in truth["dates"]:
            if td["role"] not in KEY_ROLES:
                continue
            stats["dates"] += 1
            values = [m.date.iso() for m in read.dates]
            with_role = [m.date.iso() for m in read.dates if m.role == td["role"]]
            ok_value = td["iso"] in values or _contains(values, td["iso"])
            ok = td["iso"] in with_role
            loose = ok or _contains(with_role, td["iso"])
            stats["date_value_ok"] += ok_value
            stats["date_role_ok"] += ok
            stats["date_role_consistent"] += loose
            stats[f"role:{td['role']}"] += 1
            stats[f"role_ok:{td['role']}"] += ok
            if not ok:
                near = [l.text for l in page.lines if any(ch in l.text for ch in "年月日期.-/〇○") or any(ch.isdigit() for ch in l.text)]
                misses["date"].append({"kind": kind, "truth": td, "read": [(m.date.iso(), m.role, m.text) for m in read.dates],
                                       "lines": near[:30]})
        # the dangerous error: a date given a key role that the key does not have in that role
        for m in read.dates:
            if m.role not in KEY_ROLES:
                continue
            stats["read_roles"] += 1
            keyed = [td["iso"] for td in truth["dates"] if td["role"] == m.role]
            if m.date.iso() in keyed or any(_contains([m.date.iso()], k) for k in keyed):
                continue
            stats["wrong_roles"] += 1
            misses["wrong_role"].append({"kind": kind, "read": (m.date.iso(), m.role, m.text), "key": keyed})
        want_issn = sorted(set(truth["issn"]))
        want_cn = sorted({cn_serial.format(c) for c in truth["cn"]})
        if want_issn:
            stats["issn"] += 1
            stats["issn_ok"] += set(want_issn) <= set(read.issn)
            if not set(want_issn) <= set(read.issn):
                misses["issn"].append({"kind": kind, "want": want_issn, "read": read.issn})
        if want_cn:
            stats["cn"] += 1
            stats["cn_ok"] += set(want_cn) <= set(read.cn)
            if not set(want_cn) <= set(read.cn):
                misses["cn"].append({"kind": kind, "want": want_cn, "read": read.cn})
        for name in truth["names"]:
            stats["names"] += 1
            state, _, _ = name_on_page(page, name)
            stats["names_ok"] += state == "present"
            if state != "present":
                misses["name"].append({"kind": kind, "name": name, "state": state})
        reading += time.perf_counter() - t1
    stats["seconds"] = round(reading, 2)
    stats["total_seconds"] = round(time.perf_counter() - t0, 2)
    return {"stats": dict(stats), "confusion": {f"{a}->{b}": n for (a, b), n in confusion.items()}, "misses": misses}


def _contains(values, iso):
    """A read range that contains the keyed value (2022-03/10 contains 2022-05)."""
    from verify.read.dates import PartialDate

    try:
        want = PartialDate.parse_iso(iso.split("/")[0])
    except ValueError:
        return False
    for v in values:
        head, _, hi = v.partition("/")
        try:
            got = PartialDate.parse_iso(head)
            if hi:
                got = PartialDate(got.year, got.month, month_hi=int(hi))
        except ValueError:
            continue
        if got.earliest() <= want.earliest() and want.latest() <= got.latest():
            return True
    return False


def report(result: dict) -> str:
    s = result["stats"]
    pct = lambda a, b: f"{100.0 * s.get(a, 0) / s[b]:.1f}% ({s.get(a, 0)}/{s[b]})" if s.get(b) else "n/a"  # noqa: E731
    out = [
        f"pages                 {s.get('pages', 0)}  ({s.get('seconds')} s reading, {s.get('total_seconds')} s with rendering/OCR)",
        f"page kind accuracy    {pct('kind_ok', 'pages')}",
        f"dates: value read     {pct('date_value_ok', 'dates')}",
        f"dates: value+role     {pct('date_role_ok', 'dates')}",
        f"dates: role, range ok {pct('date_role_consistent', 'dates')}  (a read month range containing the key)",
        f"dates: wrong role     {pct('wrong_roles', 'read_roles')}  (read with a key role the key does not give that value)",
        f"ISSN                  {pct('issn_ok', 'issn')}",
        f"CN                    {pct('cn_ok', 'cn')}",
        f"names present         {pct('names_ok', 'names')}",
    ]
    for role in KEY_ROLES:
        if s.get(f"role:{role}"):
            out.append(f"  role {role:<16}{pct('role_ok:' + role, 'role:' + role)}")
    if result["confusion"]:
        out.append("kind confusions: " + ", ".join(f"{k}×{v}" for k, v in sorted(result["confusion"].items())))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--text", action="store_true", help="answer-key text runs as a perfect OCR (default)")
    src.add_argument("--ocr", action="store_true", help="the real ppocr engine on rendered pixels")
    ap.add_argument("--applicants", type=int, default=30)
    ap.add_argument("--pages", type=int, default=None, help="stop after this many pages")
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--key", type=Path, help="answer_key.json of a set written by make_dossiers.py (e.g. fixtures/sample)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bench_reading_ocr.sqlite"),
                    help="OCR cache for --key --ocr (reruns are fast)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.key:
        result = score(keyed_pages(args.key, args.ocr, args.pages, args.cache))
        where = f"set {args.key}"
    else:
        result = score(generated_pages(args.applicants, args.dpi, args.seed, args.ocr, args.pages))
        where = f"generated in process: {args.applicants} applicants, dpi {args.dpi}, seed {args.seed}"
    print(("source: real OCR (ppocr)" if args.ocr else "source: answer-key text (perfect OCR)") + "; " + where)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
