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
    add_reviewed_arguments(ap)
    args = ap.parse_args(argv)

    from verify.marks.seals.evidence import MATCHED, EXPLAINED, seal_evidence

    shown: Counter = Counter()
    for a, applicant, page, seals in reviewed_pages(args.set, args.reports, args.cache, args.key):
        told = [{k: s.get(k) for k in ("color", "wear", "faint", "over_text", "ring_intact", "role")} for s in seals]
        for seal in page.seals:
            ev = seal_evidence(seal, applicant.unit_names)
            shown[sum(x not in (MATCHED, EXPLAINED) for x in ev.status)] += 1
            print(f"{a['key']} {page.file}:{page.page} {page.kind} | {ev.describe()} | truth {told}", flush=True)
    print("seals by characters of the name not shown:", dict(sorted(shown.items())))
    return 0


def add_reviewed_arguments(ap: argparse.ArgumentParser) -> None:
    """The options :func:`reviewed_pages` is called with: --set, --reports, --cache, --key."""
    ap.add_argument("--set", type=Path, required=True, help="a generated archive with answer_key.json")
    ap.add_argument("--reports", type=Path, required=True, help="the reports of a `verify batch` run on it")
    ap.add_argument("--cache", type=Path, help="the OCR cache to read pages from (default: REPORTS/.ocr-cache.sqlite)")
    ap.add_argument("--key", action="append", help="only this applicant (repeat for several)")


def reviewed_pages(set_dir: Path, reports: Path, cache: Path | None = None, keys=None, before_check=None):
    """Each page under a seal.unit review in the reports of a generated set, of dossiers where
    seal.unit was not planted (only ``keys`` where given), checked again on a copy of the OCR
    cache (default ``reports/.ocr-cache.sqlite``; the run's own stays as it was): (answer-key
    entry, applicant, the page read, the answer key's seals on it). ``before_check`` is called
    before each dossier is checked again."""
    from verify.applicant import load_applicant
    from verify.run.pipeline import Settings, check_dossier

    cache = cache or reports / ".ocr-cache.sqlite"
    work = Path(tempfile.mkdtemp(prefix="seal-reviews-")) / "cache.sqlite"
    if cache.is_file():
        shutil.copy(cache, work)
    key = json.loads((set_dir / "answer_key.json").read_text(encoding="utf-8"))
    for a in key["applicants"]:
        if keys and a["key"] not in keys or any(p["rule"] == "seal.unit" for p in a["planted"]):
            continue
        report = reports / a["key"] / "report.json"
        if not report.is_file():
            continue
        want = {(f.get("file"), f.get("page")) for f in json.loads(report.read_text(encoding="utf-8"))["findings"]
                if f["rule"] == "seal.unit" and f["status"] == "review"}
        if not want:
            continue
        folder = set_dir / a["key"]
        applicant = load_applicant(folder)
        if before_check is not None:
            before_check()
        result = check_dossier(folder, a["key"], Settings(cache_path=str(work)), applicant=applicant)
        truth = {(p["file"], p["page"]): p for p in a["pages"]}
        for page in result.pages:
            if (page.file, page.page) in want:
                yield a, applicant, page, truth.get((page.file, page.page), {}).get("seals", [])


if __name__ == "__main__":
    sys.exit(main())
