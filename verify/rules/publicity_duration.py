"""publicity.duration: the publicity ran at least the campaign's minimum in working
days, Chinese public holidays and make-up workdays counted (``chinese_calendar``).
A year the calendar does not know is ``review``, never a guess. Where the page holds
several ranges that no 公示 label tells apart (:func:`verify.read.dates.extract_dates`
marks them all) and they do not agree on the verdict, ``review`` names them all. A
publicity long enough but held in another year than the campaign's application year,
or begun after its submission window closed, is ``review``; so is the notice that opened a publicity
(:func:`is_notice`) handed in with no result beside it: it says when the publicity was to run, not that it ended
without objection.

A period written without a year (于9月27日至10月8日) is read in the year of the
notice's own date when that falls within 60 days after it
(:func:`verify.read.dates.extract_dates`; one from December ends in the next year),
and the message says which year was taken. With no such date it is read in the
campaign's application year: short, it fails, the message saying so, where its words
name it the publicity (公示时间：…, 于…在单位公示栏进行了公示); long enough, or not so
named, it is a ``review`` (last year's publicity would read the same)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from verify.model import DateMention, Finding
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
    pages = d.pages_of("publicity_result")
    # the notice that opened the publicity says when it was to run, not that it ran its course without objection: with
    # no result beside it, a person looks (probe trust16 P22, alt19 K4: a notice handed in as the result passed once
    # 872a888 stopped reading its posting date as a result's issue date); beside a result it is the result's context
    notices_only = all(is_notice(_text(p)) for p in pages)
    for p in pages:
        starts = p.dates_with_role("publicity_start")
        ends = p.dates_with_role("publicity_end")
        if not starts or not ends:
            findings.append(_yearless(d, p, minimum))
            continue
        # several ranges that no 公示 label tells apart (verify.read.dates): each is weighed,
        # and where they do not agree on the verdict a person says which is the publicity
        judged = [_judge(s, e, minimum, p) for s, e in zip(starts, ends)]
        if len({f.status for f in judged}) == 1:
            f = _out_of_campaign(judged[0], starts[0], ends[0], d.campaign, p)
            if f.status == "pass" and notices_only:
                f = replace(f, status="review", message=f"公示材料为公示通知（含“予以公示”“如有异议”等，未见“公示期满”“无异议”等"
                            f"结果用语），所载公示期 {f.value}；材料中未见公示结果，通知不能说明公示已期满且无异议，请人工核对")
            findings.append(_year_taken(f, starts[0], ends[0], p))
            continue
        shown = "；".join(f.value or "" for f in judged)
        findings.append(finding(RULE_ID, "review", f"公示材料中有多个起止时间（{shown}），无法确定哪一个是公示期，"
                                f"请人工核对公示期是否满足 {minimum} 个工作日", p,
                                value=shown, expected=f"≥{minimum}个工作日", bbox=starts[0].bbox))
    return findings


def _text(p) -> str:
    """A page's recognised text, empty where it was not read."""
    return p.ocr.text if p.ocr is not None else ""


def _judge(s, e, minimum: int, p) -> Finding:
    """The finding for one range: ``s`` to ``e``."""
    if s.date.precision != "day" or e.date.precision != "day":
        return finding(RULE_ID, "review", f"公示起止时间 {s.text} 至 {e.text} 未精确到日，请人工核对", p, value=f"{s.text}至{e.text}")
    start, end = s.date.earliest(), e.date.earliest()
    value = f"{start.isoformat()} 至 {end.isoformat()}"
    if end < start:
        return finding(RULE_ID, "review", f"公示结束时间早于开始时间（{value}），请人工核对", p, value=value)
    try:
        n = working_days(start, end)
    except NotImplementedError:
        return finding(RULE_ID, "review", f"节假日日历未收录 {start.year} 年，无法计算公示工作日（{value}），请人工核对", p, value=value)
    kw = dict(value=f"{value}，{n}个工作日", expected=f"≥{minimum}个工作日", bbox=s.bbox)
    if n < minimum:
        return finding(RULE_ID, "fail", f"公示期 {value} 仅 {n} 个工作日，少于规定的 {minimum} 个工作日", p, **kw)
    return finding(RULE_ID, "pass", f"公示期 {value} 共 {n} 个工作日", p, **kw)


def _out_of_campaign(f: Finding, s, e, campaign, p) -> Finding:
    """A publicity long enough that is not this campaign's: held in another year than
    the application's, or begun after the dossiers were due (probe alt15: last year's
    publicity, and one held after 报卷, passed). ``review``: the campaign says when, the
    page only what. So is a result dated (its issue date, to the day) before the
    publicity's end: no objection could yet be known; not the notice that opened it
    (:func:`is_notice`), dated when it was posted."""
    if f.status != "pass" or s.date.precision != "day":
        return f
    start = s.date.earliest()
    why = None
    if start.year != campaign.application_year:
        why = f"不在本次申报年度（{campaign.application_year} 年）内"
    elif campaign.submission_end is not None and start > campaign.submission_end:
        why = f"开始于报卷截止日期 {campaign.submission_end.isoformat()} 之后"
    if why is None:
        if is_notice(_text(p)):
            return f
        issued = [m for m in p.dates_with_role("issue") if m.date.precision == "day" and m.date.latest() < e.date.earliest()]
        if issued and e.date.precision == "day":
            # the result (公示期满，无异议) dated before the publicity had ended (probe alt20 P09)
            m = issued[0]
            # months before the publicity it reports: a date misread (2024 read 2021 under the
            # seal, trust exploration 6), not a result issued early
            far = (e.date.earliest() - m.date.latest()).days > 60
            why = "相差过大，可能是落款日期被印章覆盖造成的识别误差" if far else "公示期未满即出具结果"
            return finding(RULE_ID, "review", f"公示结果落款日期{'识别为' if far else ''} {m.date.iso()} 早于公示结束日期 {e.date.iso()}，"
                           f"{why}，请人工核对", p, value=f.value, expected=f.expected, bbox=m.bbox)
        return f
    return finding(RULE_ID, "review", f"公示期 {s.date.iso()} 至 {e.date.iso()} {why}，请人工核对是否为本次申报的公示",
                   p, value=f.value, expected=f.expected, bbox=s.bbox)


#: the words of the notice that opens a publicity (现将…予以公示; 如对公示对象有异议，请…反映): its date is when it was
#: posted, at the publicity's start, or when the page was captured (a screenshot's taskbar clock)
_NOTICE = re.compile(r"予以公示|现予公示|公示如下|进行公示[:：]")
_OBJECT = re.compile(r"如[^。；\n]{0,16}有异议|如有异议|提出异议")
#: the words of the result that closes it (公示期间未收到异议, 公示期满, 特此证明)
_RESULT = re.compile(r"无异议|未收到[^。；\n]{0,16}异议|没有收到[^。；\n]{0,16}异议|未有[^。；\n]{0,8}异议|公示期满|公示结果|特此证明")


def is_notice(text: str) -> bool:
    """Whether a publicity page is the notice that opened it (the unit's website 公示 page, printed or captured) and
    not the result issued after it: the notice's words and none of the result's. Its dates are no result's issue date
    (probe trust26: the web notice's 发布时间, its start, and a screenshot's clock were reviewed as a result issued
    before the publicity ended).

    >>> is_notice("现将我单位申报人员情况予以公示：…公示时间：2024年10月14日至2024年10月18日。如对公示对象有异议，请以书面形式反映。")
    True
    >>> is_notice("我单位已于2024年10月14日至18日进行公示。公示期间，未收到任何单位和个人的异议。特此证明。")
    False
    """
    text = re.sub(r"\s+", "", text)
    return bool(_NOTICE.search(text) and _OBJECT.search(text) and not _RESULT.search(text))


#: a year written in a date (2024年, 2024-09-27, 二〇二四年)
_HAS_YEAR = re.compile(r"\d{4}|年")


def _year_taken(f: Finding, s: DateMention, e: DateMention, p) -> Finding:
    """``f`` saying which year a period written without one was read in: the year of the
    page's own date after it (trust exploration 7, P18: 于9月27日至10月8日, signed
    2024年10月21日)."""
    if _HAS_YEAR.search(s.text) or s.date.precision != "day" or e.date.precision != "day":
        return f
    end = e.date.earliest()
    anchor = next((m for m in sorted(p.dates, key=lambda m: m.role != "issue")
                   if m.date.precision == "day" and 0 <= (m.date.earliest() - end).days <= 60), None)
    years = f"{s.date.year} 年" if e.date.year == s.date.year else f"{s.date.year}—{e.date.year} 年"
    by = f"按落款日期“{anchor.text}”推定为 {years}" if anchor is not None else f"按 {years}计"
    return replace(f, message=f"{f.message}（公示期原文“{s.text}至{e.text}”未写年份，{by}）")


def _yearless(d: Dossier, p, minimum: int) -> Finding:
    """No period read with its year: one written without a year and no date of the page's
    own after it to take the year from (:func:`verify.read.dates.yearless_ranges`) is read
    in the campaign's application year, a range its words name the publicity before any
    other. Short and so named, it fails (in another year it would be no publicity of this
    campaign's either); long enough, or not named, a person confirms it. With none read at
    all, a person looks, told what was not found."""
    from verify.read.dates import yearless_period, yearless_ranges

    expected = f"≥{minimum}个工作日"
    ranges = yearless_ranges(p.ocr.lines) if p.ocr is not None else []
    if not ranges:
        return finding(RULE_ID, "review", "未能识别公示起止时间，请人工核对公示期是否满足要求", p, expected=expected)
    named = [r for r in ranges if r.label == "named"]
    first, last, text, start_box, end_box, _, label = (named or ranges)[0]
    year = d.campaign.application_year
    period = yearless_period(first, last, year)
    if period is None:
        return finding(RULE_ID, "review", f"公示期识别为“{text}”，未写年份，且不是有效日期，请人工核对公示期是否满足要求",
                       p, value=text, expected=expected, bbox=start_box)
    s, e = DateMention(period[0], text, start_box, "publicity_start"), DateMention(period[1], text, end_box, "publicity_end")
    f = _judge(s, e, minimum, p)
    said = f"公示期原文“{text}”未写年份，公示结果上也未识别到可推定年份的落款日期，按本次申报年度 {year} 年计"
    if f.status == "fail" and label == "named":
        return replace(f, message=f"{f.message}（{said}）")
    if f.status == "fail":  # a range its words do not name the publicity (时间：…, 材料审核时间：…)
        return replace(f, status="review", message=f"识别到未写年份的时间段“{text}”，未能确认其为公示期；{said}为 {f.value}，"
                       f"少于规定的 {minimum} 个工作日，请人工核对公示期")
    if f.status == "pass":
        return replace(f, status="review", message=f"{said}为 {f.value}，请人工核对公示年份及公示期是否满足 {minimum} 个工作日")
    return replace(f, message=f"{f.message}（{said}）")
