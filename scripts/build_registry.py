"""Build the shipped journal registry from the public lists in ``../shared/realdata/journals``.

    .venv/bin/python scripts/build_registry.py [--realdata DIR] [--out verify/journals/data/registry.sqlite]

Inputs (see ``../shared/realdata/PROVENANCE.md``):

- ``cnki_journals_2023-11-30.csv``: the CNKI journal navigator (doublessay/cnki-journal-info,
  dataset/2023-11-30.csv, commit d562e41e): 10,860 journals with ISSN, CN, former names,
  sponsor, frequency, index lists and status (停刊/合并, no year);
- ``showjcr_GJQKYJMD{2020,2021,2023,2024,2025}.csv``: the CAS 国际期刊预警名单 by year
  (hitfyd/ShowJCR, commit fbea94da).

The registry is rebuilt from scratch; what was done with the lists' noise is printed
and written to ``verify/journals/data/PROVENANCE.md``. Run time never reads ``../shared``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verify.journals import importer, registry  # noqa: E402

CNKI = "cnki_journals_2023-11-30.csv"
CNKI_ORIGIN = "doublessay/cnki-journal-info, dataset/2023-11-30.csv, commit d562e41e (CNKI journal navigator, factual metadata; no licence stated)"
CAS_ORIGIN = "hitfyd/ShowJCR, 中科院分区表及JCR原始数据文件/, commit fbea94da (the CAS 国际期刊预警名单, a public announcement; repository GPL-3.0)"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def build(realdata: Path, out: Path) -> list[str]:
    cnki = realdata / CNKI
    if not cnki.is_file():
        raise SystemExit(f"missing {cnki}: the public lists live in ../shared/realdata/journals")
    warnings_files = sorted(realdata.glob("showjcr_GJQKYJMD*.csv"))
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    header, rows = importer.read_table(cnki)
    records, report = importer.records_from_table(header, rows, CNKI, keep_indexes=importer.INDEX_LISTS)
    warnings = [w for f in warnings_files for w in importer.read_warning_list(f)]
    as_of = dt.date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", CNKI).group(0))
    db = registry.create(tmp)
    with db:
        importer.write_records(db, records, CNKI)
        importer.write_warnings(db, warnings)
        importer.set_meta(
            db, name="CNKI 期刊导航快照与中科院国际期刊预警名单",
            source=CNKI, as_of=as_of.isoformat(), **{f"as_of:{CNKI}": as_of.isoformat()},
            built_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"), complete="0",
            origin=f"{CNKI_ORIGIN}; {CAS_ORIGIN}",
            inputs="; ".join(f"{p.name} sha256:{sha256(p)}" for p in [cnki, *warnings_files]),
            warning_years=",".join(sorted({str(w["year"]) for w in warnings})),
        )
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    lines = report.lines()
    years = sorted({w["year"] for w in warnings})
    lines.append(f"CAS warning lists: {len(warnings)} entries, years {', '.join(map(str, years))} "
                 f"({len({w['key'] for w in warnings})} distinct journals)")
    lines.append(f"registry: {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return lines


PROVENANCE = """# The shipped journal registry

`registry.sqlite` is built by `scripts/build_registry.py` from public lists; it is
read-only at run time (`verify/journals/registry.py`). Rebuild it with

    .venv/bin/python scripts/build_registry.py

| input | origin |
|---|---|
| `{cnki}` | {cnki_origin} |
| `showjcr_GJQKYJMD{{2020,2021,2023,2024,2025}}.csv` | {cas_origin} |

Describes the lists as of **{as_of}** (the CNKI snapshot's date); built {built_at}.
It is *not* a complete list of approved journals (a registry is never complete):
a journal missing from it is `review`, not `fail` — unless its CN's serial lies in a
thousand-block that no registered journal of its region (nor of two regions) uses
(`21-7351`: Liaoning's journals are numbered 21-1xxx, 21-5xxx, 21-9xxx).

What the build did with the lists' noise:

```
{noise}
```

The CNKI list gives 停刊/合并 without a year. A journal it lists as ceased stopped no
later than {as_of}: a paper dated after that is `ceased` and fails; one dated
earlier is `review` (the year it stopped is unknown). A province's own list with a
停刊时间 column (`verify registry import`) gives the year.
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata" / "journals")
    ap.add_argument("--out", type=Path, default=registry.SHIPPED)
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = build(args.realdata, args.out)
    print("\n".join(lines))
    if args.out.resolve() == registry.SHIPPED.resolve():
        info = registry.Registry(args.out).info
        (args.out.parent / "PROVENANCE.md").write_text(PROVENANCE.format(
            cnki=CNKI, cnki_origin=CNKI_ORIGIN, cas_origin=CAS_ORIGIN, as_of=info.as_of, built_at=info.built_at,
            noise="\n".join(lines[:-1])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
