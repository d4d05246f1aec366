"""assessment.years: an annual assessment form for each assessment year.

A year without a form fails, unless a form's year was not read or a page left
unclassified shows more evidence of an annual assessment form than of anything else
(:func:`verify.rules.required.maybe_of_kind`): that page may be the year's form
(``review``). A year whose form's grade slot holds a grade below 合格 (考核等次：不合格,
基本合格, 不称职, 基本称职) is a ``review``."""
from __future__ import annotations

import re

from verify.model import Finding
from verify.rules import Dossier, finding
from verify.rules.required import maybe_of_kind, where

RULE_ID = "assessment.years"


def assessment_year(page) -> int | None:
    """The year a form assesses: its ``assessment_year`` date; None when unread."""
    years = {m.date.year for m in page.dates_with_role("assessment_year")}
    return years.pop() if len(years) == 1 else None


#: a grade slot holding a grade below 合格 (称职), or none given (不定等次: not assessed)
_LOW_GRADE = re.compile(r"(?:考核)?(?:等次|结果|等级|结论)\s*[:：]?\s*(不合格|基本合格|不称职|基本称职|不定等次|未定等次|不确定等次|未参加考核)")
#: another grade on the same row: the form prints its choices (优秀 合格 基本合格 不合格), one ticked
_OTHER_GRADE = re.compile(r"优秀|(?<![不本])合格|(?<![不本])称职")


def low_grade(page) -> str | None:
    """The grade below 合格 a form's grade slot holds (考核等次：不合格), or None; a row
    listing the choices (优秀 合格 基本合格 不合格) tells nothing.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> def form(*texts):
    ...     box = lambda i: ((0, 40 * i), (600, 40 * i), (600, 40 * i + 30), (0, 40 * i + 30))
    ...     return PageRead("k.jpg", 1, OcrPage(1000, 1400, [OcrLine(t, box(i), 0.9, i) for i, t in enumerate(texts)]))
    >>> low_grade(form("2022年度考核登记表", "考核等次：不合格")), low_grade(form("考核等次 合格"))
    ('不合格', None)
    >>> low_grade(form("考核等次 优秀 合格 基本合格 不合格")) is None
    True
    >>> low_grade(form("考核结论 不合格")), low_grade(form("考核等次：不定等次"))  # probe alt15 P01, P02
    ('不合格', '不定等次')
    """
    from verify.read.names import page_rows

    for text, _ in page_rows(page.ocr):
        t = re.sub(r"\s+", " ", text)
        m = _LOW_GRADE.search(t)
        if m and not _OTHER_GRADE.search(t[: m.start(1)] + " " + t[m.end(1):]):
            return m.group(1)
    return None


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
            graded = [(p, g) for p in pages if assessment_year(p) == year and (g := low_grade(p))]
            if graded:
                # a form that records a failing year is no ordinary year's evidence (probe alt13 a10)
                p, grade = graded[0]
                findings.append(finding(RULE_ID, "review", f"已提交 {year} 年度考核表，但考核等次为「{grade}」，"
                                        "请人工核对是否符合申报条件", p, value=grade, expected=str(year)))
            else:
                findings.append(finding(RULE_ID, "pass", f"已提交 {year} 年度考核表", found[year], value=str(year)))
        elif undated:  # the form whose year was not read may be this year's
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（有 {len(undated)} 页年度考核表未能识别年度），请人工核对", expected=str(year)))
        elif maybe:
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（{where(maybe)}可能是年度考核表，未能识别其类型），请人工核对", file=maybe[0].file, page=maybe[0].page,
                                    expected=str(year)))
        else:
            findings.append(Finding(RULE_ID, "fail", f"缺少 {year} 年度考核表{d.unreadable_note}", expected=str(year)))
    return findings
