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
    .venv/bin/python scripts/bench_reading.py --claims 400 --seed 1   # calibrate verify/read/confirm.py

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


# ------------------------------------------------------------------ claims against the recogniser (calibration)
#
# Lines like those a verdict hangs on (a title date, an ID number, a name slot, an
# ISSN, a CN) are drawn in the system CJK fonts, damaged as scanners and phones
# damage them (downscaled to 9-40 px text, squeezed, blurred, tilted, noisy, JPEG),
# read by the real engine (detection + recognition, as pages are), and the claim is
# checked with verify.read.confirm. Half the claims are what the line says, half a
# near miss (a date a month or a year off, one digit of an ID changed, a name one
# character off, another ISSN/CN digit). A contradicted true claim is a false fail;
# a confirmed false claim a silent pass.

CLAIM_FACTS = ("title_date", "id_number", "name", "issn", "cn")


def _damage(img, rng):
    """A random scanner or phone damage of a rendered line; returns (image, label)."""
    import cv2

    kind = rng.choice(["clean", "scan", "phone", "lowres"], p=[0.1, 0.2, 0.35, 0.35])
    scale = {"clean": 1.0, "scan": rng.uniform(0.45, 0.8), "phone": rng.uniform(0.3, 0.6), "lowres": rng.uniform(0.22, 0.32)}[kind]
    squeeze = 1.0 if kind in ("clean", "scan") else float(rng.choice([1.0, 0.85, 0.7]))
    img = cv2.resize(img, None, fx=scale * squeeze, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = img.shape[:2]
    if kind != "clean":
        angle = rng.uniform(-2.0, 2.0)
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), borderValue=(255, 255, 255))
        blur = float(rng.choice([0, 0.5, 0.8, 1.1]))
        if blur:
            img = cv2.GaussianBlur(img, (0, 0), blur)
        img = np.clip(img.astype(np.float32) * rng.uniform(0.8, 1.0) + rng.normal(0, rng.uniform(2, 8), img.shape), 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(45, 92))])
    img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    img = cv2.copyMakeBorder(img, 24, 24, 24, 24, cv2.BORDER_CONSTANT, value=(255, 255, 255))
    return img, f"{kind}:{scale:.2f}x{squeeze:.2f}"


def _claim_case(fact, rng):
    """(line text, the claim, the claim is what the line says)."""
    from stdnum.cn import ric as stdnum_ric
    from stdnum import issn as stdnum_issn

    from fixtures.generator.profile import person_name
    from verify.read.dates import PartialDate, _cn_small

    truthful = bool(rng.random() < 0.5)
    if fact == "title_date":
        y, m, d = int(rng.integers(1995, 2023)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
        style = rng.choice(["cn", "cn_day", "upper", "dot"])
        page = PartialDate(y, m, d)
        claim = page
        if not truthful:
            shift = rng.choice(["year", "month"])
            claim = PartialDate(y + int(rng.choice([-1, 1])), m, d) if shift == "year" else \
                PartialDate(y, m % 12 + 1 if m < 12 else 11, d)
        label = rng.choice(["评审通过时间：", "取得资格时间：", "批准日期：", ""])
        if style == "cn":
            text = f"{label}{y}年{m}月"
        elif style == "cn_day":
            text = f"{label}{y}年{m}月{d}日"
        elif style == "dot":
            text = f"{label}{y}.{m:02d}.{d:02d}"
        else:
            text = label + "".join("〇一二三四五六七八九"[int(c)] for c in str(y)) + f"年{_cn_small(m)}月"
        return text, claim, truthful
    if fact == "id_number":
        code = rng.choice(["210411", "210402", "110105", "320102", "440106", "510107"])
        born = dt.date(int(rng.integers(1960, 1999)), int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        body = f"{code}{born:%Y%m%d}{int(rng.integers(0, 1000)):03d}"
        n = body + stdnum_ric.calc_check_digit(body + "0")
        claim = n
        if not truthful:
            i = int(rng.integers(6, 17))
            claim = n[:i] + str((int(n[i]) + int(rng.integers(1, 10))) % 10) + n[i + 1:]
            claim = claim[:17] + stdnum_ric.calc_check_digit(claim[:17] + "0")
        label = rng.choice(["公民身份号码 ", "身份证号：", "证件号码："])
        return label + n, claim, truthful
    if fact == "name":
        name = person_name(rng)
        claim = name
        if not truthful:
            other = person_name(rng)
            claim = name[0] + other[1:] if rng.random() < 0.6 and len(other) == len(name) else other
            if claim == name:
                claim = other if other != name else name + "华"
        label = rng.choice(["姓名：", "持证人：", "兹授予"])
        tail = "同志" if label == "兹授予" else ""
        return label + name + tail, claim, truthful
    if fact == "issn":
        body = f"{int(rng.integers(1000, 3000)):04d}{int(rng.integers(0, 1000)):03d}"
        n = stdnum_issn.format(body + stdnum_issn.calc_check_digit(body))
        claim = n
        if not truthful:
            i = int(rng.choice([0, 1, 2, 3, 5, 6, 7]))
            c = n[:i] + str((int(n[i]) + int(rng.integers(1, 10))) % 10) + n[i + 1:]
            cb = c.replace("-", "")[:7]
            claim = stdnum_issn.format(cb + stdnum_issn.calc_check_digit(cb))
        return f"ISSN {n}", claim, truthful
    region = rng.choice(["11", "21", "32", "44", "51"])
    serial = f"{int(rng.integers(1000, 9999))}"
    cls = rng.choice(["X", "Q", "R", "TU", "O4", "S"])
    n = f"CN {region}-{serial}/{cls}"
    claim = n
    if not truthful:
        i = int(rng.integers(0, 4))
        claim = f"CN {region}-{serial[:i]}{(int(serial[i]) + int(rng.integers(1, 10))) % 10}{serial[i + 1:]}/{cls}"
    return n, claim, truthful


def _claim_target(fact: str, claim, ocr: OcrPage):
    """The confirm.py target for ``claim`` on the line(s) read; ``"present"`` when the
    reading already shows the claim, None when nothing like the value was read."""
    from verify.model import DateMention
    from verify.read import confirm as C
    from verify.read.dates import find_dates
    from verify.read.extract import find_cns, find_id_numbers, find_issns

    read = PageRead("calib.jpg", 1, ocr, kind={"title_date": "title_certificate", "id_number": "id_card"}.get(fact, "journal_cover"))
    if fact == "title_date":
        best = None
        for line in ocr.lines:
            for d, s_, span in find_dates(line.text):
                if best is None or abs(d.year - claim.year) < abs(best[0].year - claim.year):
                    best = (d, s_, line)
        return C.date_target("title_date", read, DateMention(best[0], best[1], best[2].bbox, "title_date"), claim) if best else None
    if fact == "id_number":
        read.id_numbers = find_id_numbers(ocr.text, first_generation=True)
        ts = C.id_number_targets(read, claim)
        return ts[0] if ts else None
    if fact == "name":
        from verify.read.names import name_on_page

        if name_on_page(ocr, claim)[0] == "present":
            return "present"
        ts = C.name_targets(read, claim)
        return ts[0] if ts else None
    if fact == "issn":
        read.issn = find_issns(ocr.text)
        ts = C.issn_targets(read, [claim])
        return "present" if claim in read.issn else (ts[0] if ts else None)
    read.cn = find_cns(ocr.text)
    ts = C.cn_targets(read, [claim.removeprefix("CN ")])
    return "present" if claim in read.cn else (ts[0] if ts else None)


def claim_samples(n: int, seed: int):
    """Yield one record per line: the fact, truth, damage, the page's reading, and
    the readings confirm.py made (kept to re-decide with other thresholds)."""
    import cv2  # noqa: F401

    from ocr.engines import get_engine
    from ocr.synthetic import FONT_CANDIDATES, draw_lines
    from verify.read import confirm as C

    engine = get_engine("ppocr")
    fonts = [f for f in FONT_CANDIDATES if Path(f).is_file()]
    rng = np.random.default_rng(seed)
    for i in range(n):
        fact = CLAIM_FACTS[i % len(CLAIM_FACTS)]
        text, claim, truthful = _claim_case(fact, rng)
        size = int(rng.integers(28, 52))
        page = draw_lines([(20, 16, text, size)], 40 + int(size * 1.05 * len(text)), size + 36, font_path=str(rng.choice(fonts)))
        img, damage = _damage(page.image, rng)
        ocr = engine.recognize(img)
        target = _claim_target(fact, claim, ocr)
        rec = {"fact": fact, "truthful": truthful, "damage": damage, "text": text, "claim": str(claim),
               "read": ocr.text.replace("\n", " | "), "readings": None}
        if isinstance(target, str):
            rec["state"] = "confirmed"
        elif target is None:
            rec["state"] = "not_located"
        else:
            first = C._Reading("page", target.line.text, float(target.line.score), target.line.lattice)
            a, b = target.span
            if target.is_claim(target.line.text[a:b]):
                rec["state"] = "confirmed"
            else:
                readings = [first] + C.rereads(img, target.line, engine)
                rec["ocr"], rec["claim_value"], rec["readings"] = ocr, claim, readings
                c = C.decide(target, readings)
                rec["state"], rec["llr"], rec["how"] = c.state, c.llr, c.how
                rec["rows"] = c.readings
        yield rec


def claims_report(records: list[dict], sweep: bool = True) -> str:
    from verify.read import confirm as C

    def table(recs, contradict=None, legible=None):
        out = collections.Counter()
        for r in recs:
            state = r["state"]
            if r.get("readings") and (contradict is not None or legible is not None):
                state = C.decide(r["target"], r["readings"], contradict_llr=contradict, legible_score=legible).state
            out[(r["truthful"], state)] += 1
        return out

    lines = [f"{len(records)} lines; thresholds: contradicted when every legible reading (score ≥ {C.LEGIBLE_SCORE}) "
             f"puts the claim ≤ -{C.CONTRADICT_LLR} nats; confirmed when one finds it ≥ {C.CONFIRM_LLR}"]
    lines.append(f"{'fact':11} {'claim':6} {'n':>4} {'confirmed':>10} {'unsure':>7} {'contradicted':>13} {'not located':>12}")
    for fact in (*CLAIM_FACTS, "all"):
        recs = [r for r in records if fact == "all" or r["fact"] == fact]
        t = table(recs)
        for truthful in (True, False):
            n = sum(v for (tr, _), v in t.items() if tr == truthful)
            lines.append(f"{fact:11} {'true' if truthful else 'false':6} {n:4d} {t[(truthful, 'confirmed')]:10d} "
                         f"{t[(truthful, 'unsure')]:7d} {t[(truthful, 'contradicted')]:13d} {t[(truthful, 'not_located')]:12d}")
    lines.append("false fail = a true claim contradicted; silent pass = a false claim confirmed")
    misread = [r for r in records if r["truthful"] and r.get("rows")]
    how = collections.Counter((r["state"], r.get("how")) for r in misread)
    lines.append(f"true claims the page's reading got wrong: {len(misread)}; "
                 + ", ".join(f"{st}/{h}: {n}" for (st, h), n in sorted(how.items(), key=str)))
    worst_true = sorted((r["llr"] for r in misread if r.get("llr") is not None), key=float)[:5]
    false_rows = [r for r in records if not r["truthful"] and r.get("rows")]
    best_false = sorted((r["llr"] for r in false_rows if r.get("llr") is not None), key=float)[-5:]
    lines.append(f"  the claim's best llr: true claims misread, lowest {[round(x, 1) for x in worst_true]}; "
                 f"false claims, highest {[round(x, 1) for x in best_false]}")
    if sweep:
        lines.append(f"{'contradict':>10} {'legible':>8} {'false fails':>12} {'false→unsure':>13} {'caught':>7} {'silent':>7}")
        for contradict in (3.0, 4.0, 5.0, 6.0, 7.0):
            for legible in (0.8, 0.85, 0.9):
                t = table(records, contradict, legible)
                false_n = sum(v for (tr, _), v in t.items() if not tr)
                lines.append(f"{contradict:10.1f} {legible:8.2f} {t[(True, 'contradicted')]:12d} {t[(False, 'unsure')]:13d} "
                             f"{t[(False, 'contradicted')]:4d}/{false_n:<3d} {t[(False, 'confirmed')]:6d}")
    worst = [r for r in records if (r["truthful"] and r["state"] == "contradicted") or (not r["truthful"] and r["state"] == "confirmed")]
    for r in worst[:12]:
        lines.append(f"  !! {r['fact']} truthful={r['truthful']} {r['damage']} claim={r['claim']} page={r['text']!r} read={r['read']!r} {r.get('rows')}")
    return "\n".join(lines)


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
    ap.add_argument("--claims", type=int, metavar="N",
                    help="calibrate the claim check: N damaged lines read by the real engine (see claims_report)")
    ap.add_argument("--claims-cache", type=Path, help="keep the --claims readings here; a later run re-decides them")
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.claims:
        import pickle

        t0 = time.time()
        cache = args.claims_cache
        if cache and cache.is_file():  # the readings of an earlier run: re-decide only
            records = pickle.loads(cache.read_bytes())
            from verify.read import confirm as C

            for r in records:
                if r.get("readings"):
                    r["target"] = _claim_target(r["fact"], r["claim_value"], r["ocr"])
                    c = C.decide(r["target"], r["readings"])
                    r["state"], r["llr"], r["how"], r["rows"] = c.state, c.llr, c.how, c.readings
        else:
            records = []
            for k, rec in enumerate(claim_samples(args.claims, args.seed), 1):
                records.append(rec)
                if k % 50 == 0:
                    print(f"  {k} lines, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
            if cache:
                cache.write_bytes(pickle.dumps([{k: v for k, v in r.items() if k != "target"} for r in records]))
            for r in records:
                if r.get("readings"):
                    r["target"] = _claim_target(r["fact"], r["claim_value"], r["ocr"])
        print(claims_report(records))
        if args.json:
            keep = [{k: v for k, v in r.items() if k not in ("target", "readings", "ocr", "claim_value")} for r in records]
            args.json.write_text(json.dumps(keep, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        return 0
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
