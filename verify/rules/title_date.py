"""title.date: the title certificate's date agrees with ``current_title.date``."""
from __future__ import annotations

from verify.read.dates import PartialDate
from verify.model import Finding
from verify.rules import Dossier, finding

RULE_ID = "title.date"


PRECISION_RANK = {"year": 0, "month_range": 1, "month": 2, "day": 3}


def agree(read: PartialDate, claimed: PartialDate) -> bool | None:
    """True when the date read is the claimed date to the claim's precision, False
    when they cannot be the same day, None when the date read is too coarse to
    tell (a day lost under the seal).

    >>> agree(PartialDate(2019, 6, 30), PartialDate(2019, 6))
    True
    >>> agree(PartialDate(2019, 6, 30), PartialDate(2019, 6, 30))
    True
    >>> agree(PartialDate(2019, 7, 1), PartialDate(2019, 6, 30))
    False
    >>> agree(PartialDate(2019, 6), PartialDate(2019, 6, 22)) is None
    True
    >>> agree(PartialDate(2019), PartialDate(2019, 6, 30)) is None
    True
    """
    if read.latest() < claimed.earliest() or read.earliest() > claimed.latest():
        return False
    if PRECISION_RANK[read.precision] < PRECISION_RANK[claimed.precision]:
        return None
    return True


def check(d: Dossier) -> list[Finding]:
    title = d.applicant.current_title
    if title is None:
        return []
    pages = d.pages_of("title_certificate")
    if not pages:
        return [Finding(RULE_ID, "review", f"未找到专业技术资格证书，无法核对现职称取得时间 {title.date.iso()}{d.unreadable_note}", expected=title.date.iso())]
    findings = []
    for p in pages:
        dated = p.dates_with_role("title_date")  # the issue date (发证日期) is another date
        if not dated:
            findings.append(finding(RULE_ID, "review", "未能识别职称证书上的评审通过/取得资格时间，请人工核对", p, expected=title.date.iso()))
            continue
        m = dated[0]
        ok = agree(m.date, title.date)
        kw = dict(value=m.text, expected=title.date.iso(), bbox=m.bbox)
        if ok is True:
            findings.append(finding(RULE_ID, "pass", f"职称证书时间 {m.date.iso()} 与申报的现职称取得时间一致", p, **kw))
        elif ok is False:
            findings.append(finding(RULE_ID, "fail", f"职称证书时间 {m.date.iso()} 与申报的现职称取得时间 {title.date.iso()} 不一致", p, **kw))
        else:
            findings.append(finding(RULE_ID, "review", f"职称证书时间 {m.date.iso()} 精度不足，无法与 {title.date.iso()} 核对", p, **kw))
    return findings
