"""publicity.duration: the publicity ran at least the campaign's minimum in working
days, Chinese public holidays and make-up workdays counted (``chinese_calendar``).
A year the calendar does not know is ``review``, never a guess."""
from __future__ import annotations

import datetime as dt

from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "publicity.duration"


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days from start to end, both included (raises NotImplementedError for
    a year the calendar does not cover).

    >>> working_days(dt.date(2024, 9, 27), dt.date(2024, 10, 8))  # 12 days over 国庆 2024; 9-29 is a make-up day
    4
    >>> working_days(dt.date(2024, 10, 14), dt.date(2024, 10, 18))
    5
    """
    import chinese_calendar

    days = 0
    d = start
    while d <= end:
        if chinese_calendar.is_workday(d):
            days += 1
        d += dt.timedelta(days=1)
    return days


def check(d: Dossier) -> list[Finding]:
    minimum = d.campaign.publicity_min_working_days
    findings = []
    for p in d.pages_of("publicity_result"):
        starts = p.dates_with_role("publicity_start")
        ends = p.dates_with_role("publicity_end")
        if not starts or not ends:
            findings.append(finding(RULE_ID, "review", "未能识别公示起止时间，请人工核对公示期是否满足要求", p, expected=f"≥{minimum}个工作日"))
            continue
        s, e = starts[0], ends[0]
        if s.date.precision != "day" or e.date.precision != "day":
            findings.append(finding(RULE_ID, "review", f"公示起止时间 {s.text} 至 {e.text} 未精确到日，请人工核对", p, value=f"{s.text}至{e.text}"))
            continue
        start, end = s.date.earliest(), e.date.earliest()
        value = f"{start.isoformat()} 至 {end.isoformat()}"
        if end < start:
            findings.append(finding(RULE_ID, "review", f"公示结束时间早于开始时间（{value}），请人工核对", p, value=value))
            continue
        try:
            n = working_days(start, end)
        except NotImplementedError:
            findings.append(finding(RULE_ID, "review", f"节假日日历未收录 {start.year} 年，无法计算公示工作日（{value}），请人工核对", p, value=value))
            continue
        kw = dict(value=f"{value}，{n}个工作日", expected=f"≥{minimum}个工作日", bbox=s.bbox)
        if n < minimum:
            findings.append(finding(RULE_ID, "fail", f"公示期 {value} 仅 {n} 个工作日，少于规定的 {minimum} 个工作日", p, **kw))
        else:
            findings.append(finding(RULE_ID, "pass", f"公示期 {value} 共 {n} 个工作日", p, **kw))
    return findings
