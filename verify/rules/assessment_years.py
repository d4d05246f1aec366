"""assessment.years: an annual assessment form for each assessment year."""
from __future__ import annotations

from verify.model import Finding
from verify.rules import Dossier, finding

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
    for year in d.campaign.assessment_years:
        if year in found:
            findings.append(finding(RULE_ID, "pass", f"已提交 {year} 年度考核表", found[year], value=str(year)))
        elif undated:  # the form whose year was not read may be this year's
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（有 {len(undated)} 页年度考核表未能识别年度），请人工核对", expected=str(year)))
        else:
            findings.append(Finding(RULE_ID, "fail", f"缺少 {year} 年度考核表{d.unreadable_note}", expected=str(year)))
    return findings
