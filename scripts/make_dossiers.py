#!/usr/bin/env python
"""Write a synthetic archive of dossiers plus OUT/answer_key.json.

    python scripts/make_dossiers.py OUT --n 30 --seed 7 [--dpi 150]
    python scripts/make_dossiers.py fixtures/sample --sample   # the committed sample archive
    python scripts/make_dossiers.py OUT --each-rule --seed 7   # one dossier per rule ID + 2 clean
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.generator import Options, generate_archive, generate_rule_set  # noqa: E402
from fixtures.generator.sample import write_sample  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=30, help="number of applicants")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dpi", type=int, default=150, help="resolution of image pages")
    ap.add_argument("--sample", action="store_true", help="write the four-applicant sample archive")
    ap.add_argument("--each-rule", action="store_true",
                    help="one small dossier per rule ID with only that defect, plus two clean ones")
    ap.add_argument("--first-version", action="store_true",
                    help="draw as the first version did (no widened IDs, seals, marks, photos or journal frauds)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    t = time.time()
    if args.sample:
        key = write_sample(args.out)
    elif args.each_rule:
        key = generate_rule_set(args.out, args.seed, options=Options(dpi=args.dpi, wide=not args.first_version))
    else:
        key = generate_archive(args.out, args.n, args.seed, options=Options(dpi=args.dpi, wide=not args.first_version))
    pages = sum(len(a["pages"]) for a in key["applicants"])
    planted = sum(len(a["planted"]) for a in key["applicants"])
    print(f"{len(key['applicants'])} applicants, {pages} pages, {planted} planted defects "
          f"-> {args.out} ({time.time() - t:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
