"""assessment.years: an annual assessment form for each assessment year.

A year without a form fails, unless a form's year was not read or a page left
unclassified shows more evidence of an annual assessment form than of anything else
(:func:`verify.rules.required.maybe_of_kind`): that page may be the year's form
(``review``)."""
from __future__ import annotations

from verify.model import Finding
from verify.rules import Dossier, finding
from verify.rules.required import maybe_of_kind, where

RULE_ID = "assessment.years"


def assessment_year(page) -> int | None:
    """The year a form assesses: its ``assessment_year`` date; None when unread."""
    years = {m.date.year for m in page.dates_with_role("assessment_year")}
    return years.pop() if len(years) == 1 else None


def check(d: Dossier) -> list[Finding]:
    pages = d.pages_of("annual_assessment")
    found: dict[int, object] = {}
    undated = []
    for p in pages:
        year = assessment_year(p)
        if year is None:
            undated.append(p)
        else:
            found.setdefault(year, p)
    findings = [
        finding(RULE_ID, "review", "未能识别该年度考核表的考核年度，请人工核对", p) for p in undated
    ]
    missing = [y for y in d.campaign.assessment_years if y not in found]
    maybe = maybe_of_kind(d, "annual_assessment") if missing and not undated else []
    for year in d.campaign.assessment_years:
        if year in found:
            findings.append(finding(RULE_ID, "pass", f"已提交 {year} 年度考核表", found[year], value=str(year)))
        elif undated:  # the form whose year was not read may be this year's
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（有 {len(undated)} 页年度考核表未能识别年度），请人工核对", expected=str(year)))
        elif maybe:
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（{where(maybe)}可能是年度考核表，未能识别其类型），请人工核对", file=maybe[0].file, page=maybe[0].page,
                                    expected=str(year)))
        else:
            findings.append(Finding(RULE_ID, "fail", f"缺少 {year} 年度考核表{d.unreadable_note}", expected=str(year)))
    return findings
