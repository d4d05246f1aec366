#!/usr/bin/env python
"""Why each seal behind a seal.unit review was not decided: the recogniser's evidence.

    python scripts/seal_reviews.py --set SET --reports OUT [--cache OUT/.ocr-cache.sqlite] [--key A007-002]

For every dossier of a generated set (its answer_key.json) where seal.unit was not
planted and its report holds a seal.unit review, the dossier is checked again (on the
OCR cache: seconds a dossier) and each seal on a page under review is printed with
:func:`verify.marks.seals.evidence.seal_evidence`'s account (per character of the unit's
name: ``=`` read, ``~`` a likely misread or explained, ``X`` surely another, ``?``
unlikely, ``.`` unseen, ``_`` not covered; each difference with its log-likelihood
ratios) and the answer key's truth for the page's seals (colour, wear, faint, print over
it, ring intact, role). Then a tally by how many characters of the name were not shown.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, required=True, help="a generated archive with answer_key.json")
    ap.add_argument("--reports", type=Path, required=True, help="the reports of a `verify batch` run on it")
    ap.add_argument("--cache", type=Path, help="the OCR cache to read pages from (default: REPORTS/.ocr-cache.sqlite)")
    ap.add_argument("--key", action="append", help="only this applicant (repeat for several)")
    args = ap.parse_args(argv)

    from verify.applicant import load_applicant
    from verify.marks.seals.evidence import MATCHED, EXPLAINED, seal_evidence
    from verify.run.pipeline import Settings, check_dossier

    cache = args.cache or args.reports / ".ocr-cache.sqlite"
    work = Path(tempfile.mkdtemp(prefix="seal-reviews-")) / "cache.sqlite"
    if cache.is_file():
        shutil.copy(cache, work)  # read on a copy: the run's own cache stays as it was
    key = json.loads((args.set / "answer_key.json").read_text(encoding="utf-8"))
    shown: Counter = Counter()
    for a in key["applicants"]:
        if args.key and a["key"] not in args.key or any(p["rule"] == "seal.unit" for p in a["planted"]):
            continue
        report = args.reports / a["key"] / "report.json"
        if not report.is_file():
            continue
        want = {(f.get("file"), f.get("page")) for f in json.loads(report.read_text(encoding="utf-8"))["findings"]
                if f["rule"] == "seal.unit" and f["status"] == "review"}
        if not want:
            continue
        folder = args.set / a["key"]
        applicant = load_applicant(folder)
        result = check_dossier(folder, a["key"], Settings(cache_path=str(work)), applicant=applicant)
        truth = {(p["file"], p["page"]): p for p in a["pages"]}
        for page in result.pages:
            if (page.file, page.page) not in want:
                continue
            seals = truth.get((page.file, page.page), {}).get("seals", [])
            told = [{k: s.get(k) for k in ("color", "wear", "faint", "over_text", "ring_intact", "role")} for s in seals]
            for seal in page.seals:
                ev = seal_evidence(seal, applicant.unit_names)
                shown[sum(x not in (MATCHED, EXPLAINED) for x in ev.status)] += 1
                print(f"{a['key']} {page.file}:{page.page} {page.kind} | {ev.describe()} | truth {told}", flush=True)
    print("seals by characters of the name not shown:", dict(sorted(shown.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
