"""title.date: the title certificate's date agrees with ``current_title.date``.

- ``pass``: the date read is the claimed date to the claim's precision, or a coarser
  date that agrees with it (``2019年11月`` for ``2019-11-28``: the note says what was
  read), or the page's reading differs but the line, read again or scored against
  the recogniser's own probabilities, shows the claimed date
  (:mod:`verify.read.confirm`);
- ``fail``: the date read differs and the recogniser was sure of it on every reading
  of the line (a text-layer PDF: as written);
- ``pass`` too: no approval date read, but a fragment of one beside its label
  (八年十月二十四日) or the label's empty field, read again with a seal's ink taken
  off, shows the claimed date;
- ``review``: the certificate's title slot (资格名称) names another level than the
  claimed title (技术员 for 助理工程师); no certificate or no approval date read; only the year read; a
  difference the recogniser was not sure of (``2017年1月`` for ``2017年11月``, one
  digit dropped on a phone photo); two title dates that cannot be one day, neither
  under the certificate's own label (评审通过时间, 取得资格时间...): never a pass
  because one of them agrees.

A former qualification's date (原资格取得时间) is no title date
(:func:`verify.read.dates.label_role`).
"""
from __future__ import annotations

from verify.read.confirm import plausible_misread, summary
from verify.read.dates import PRECISION_RANK, PartialDate, render_like
from verify.model import Finding
from verify.rules import Dossier, coarse, finding, one_char_apart

RULE_ID = "title.date"


PRECISION_ZH = {"year": "年", "month_range": "月", "month": "月", "day": "日"}


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
    pages, findings = _by_level(pages, title.name)
    claim = title.date.iso()
    for p in pages:
        dated = p.dates_with_role("title_date")  # the issue date (发证日期) is another date
        if not dated:
            conf = summary([p], "title_date")
            if conf is not None and conf.state == "confirmed":
                # nothing read as the date (a seal over it): the line or the field's box, read
                # again from the original pixels with the seal's ink taken off, shows the claim
                findings.append(_confirmed(p, claim, conf, expected=claim, value=conf.read or None, bbox=conf.bbox))
            else:
                # where the date's field was found (its label's row) the review points at it: a seal over
                # the month (2016.?.16 under a gray ring's character) is there for a person to read
                field = next((c.bbox for c in getattr(p, "confirmations", ()) if c.fact == "title_date" and c.bbox), None)
                at = {"bbox": tuple(field)} if field else {}
                findings.append(finding(RULE_ID, "review", "未能识别职称证书上的评审通过/取得资格时间，请人工核对", p, expected=claim,
                                        **at))
            continue
        apart = [m for m in dated if any(agree(m.date, o.date) is False for o in dated)]
        if apart:
            # two title dates that cannot be one day, neither under the certificate's own
            # label (verify.read.dates): which is the title's cannot be told, and one of
            # them agreeing with the claim says nothing
            shown = "、".join(f"“{m.text}”" for m in apart)
            findings.append(finding(RULE_ID, "review", f"职称证书上识别到多个不同的评审通过/取得资格时间（{shown}），无法确定以哪个为准，"
                                    f"请人工核对与申报的现职称取得时间 {claim} 是否一致", p,
                                    value="、".join(m.text for m in apart), expected=claim, bbox=apart[0].bbox))
            continue
        m = dated[0]
        ok = agree(m.date, title.date)
        kw = dict(value=m.text, expected=claim, bbox=m.bbox)
        early = [o for o in p.dates_with_role("issue") if o.date.latest() < m.date.earliest()]
        if ok is True and early:
            # issued before it was approved (发证时间 2019年3月1日 under 评审通过时间 2019年6月30日:
            # probe alt20 P06 passed): the certificate is not what it says
            o = early[0]
            findings.append(finding(RULE_ID, "review", f"职称证书时间 {m.date.iso()} 与申报一致，但证书的发证日期 {o.date.iso()}"
                                    f"（“{o.text}”）早于评审通过/取得资格时间，请人工核对证书", p, value=o.text, expected=claim,
                                    bbox=o.bbox))
        elif ok is True:
            findings.append(finding(RULE_ID, "pass", f"职称证书时间 {m.date.iso()} 与申报的现职称取得时间一致", p, **kw))
        elif ok is None:
            if PRECISION_RANK[m.date.precision] >= PRECISION_RANK["month"]:
                # the certificate is written to the month (or its day was not read): it agrees as far as it goes
                findings.append(finding(RULE_ID, "pass", f"职称证书时间识别为“{m.text}”（精确到{PRECISION_ZH[m.date.precision]}），"
                                        f"与申报的现职称取得时间 {claim} 一致", p, **kw))
            elif (conf := summary([p], "title_date")) is not None and conf.state != "unsure":
                # the month lost between 年 and 月 (2023年月), read again or weighed on the frames
                findings.append(_differs(p, m, title.date, kw) if conf.state == "contradicted"
                                else _confirmed(p, claim, conf, **kw))
            else:
                findings.append(finding(RULE_ID, "review", f"职称证书时间仅识别到“{m.text}”（精确到年），无法与 {claim} 核对，请人工核对", p, **kw))
        else:
            findings.append(_differs(p, m, title.date, kw))
    return findings


def _confirmed(p, claim: str, conf, **kw) -> Finding:
    """``pass``: the claim check showed the claimed date on the certificate; the note
    says what was read and how it was settled."""
    return finding(RULE_ID, "pass", f"职称证书时间与申报的现职称取得时间 {claim} 一致（{conf.note}）", p, **kw)


def _differs(p, m, claimed: PartialDate, kw: dict) -> Finding:
    """The date read differs from the claim: fail only on a sure reading."""
    claim = claimed.iso()
    conf = summary([p], "title_date")
    if conf is not None and conf.state == "confirmed":
        return _confirmed(p, claim, conf, **kw)
    if conf is not None and conf.state == "contradicted":
        expected = render_like(m.text, claimed) or claim
        if coarse(p) and one_char_apart(m.text, expected):
            # one character on a page whose text is a few pixels tall (a phone photo from afar, a fax): however sure
            # the recognisers were, as identity.name and identity.id_number judge such a page (issue 13)
            return finding(RULE_ID, "review", f"职称证书时间识别为“{m.text}”，与申报的“{expected}”仅差一字；该页为低分辨率图像"
                           f"（文字行高约 {p.text_px:.0f} 像素），单个字的识别不可靠，可能是识别误差，请人工核对", p, **kw)
        return finding(RULE_ID, "fail", f"职称证书时间 {m.date.iso()}（“{m.text}”）与申报的现职称取得时间 {claim} 不一致", p, **kw)
    if conf is not None:  # unsure: the recogniser was not sure where they differ
        return finding(RULE_ID, "review", f"职称证书时间识别为“{m.text}”，与申报的 {claim} 不同，但识别把握不足（{conf.note}），请人工核对",
                       p, **kw)
    # no probabilities to ask (an engine without them): the text alone
    expected = render_like(m.text, claimed) or claim
    if plausible_misread(m.text, expected):
        return finding(RULE_ID, "review", f"职称证书时间识别为“{m.text}”，与申报的“{expected}”仅一个易混字符之差（可能为识别误差），请人工核对",
                       p, **kw)
    return finding(RULE_ID, "fail", f"职称证书时间 {m.date.iso()} 与申报的现职称取得时间 {claim} 不一致", p, **kw)


def _by_level(pages, claimed_name: str | None) -> tuple[list, list[Finding]]:
    """The certificates to weigh, and the finding on their level. Where one names the
    claimed title's level, those that name no other: an applicant's earlier 技术员
    certificate handed in beside the current 助理工程师 one is the title history, not the
    current title (its 2015 date failed title.date against the claim's 2018, trust
    exploration 6 C4). Else all of them, and where one's title slot (资格名称：技术员)
    names another level than the claimed one, a ``review``: the date may agree while the
    title does not (probe alt13 a12: passed); a person compares the two."""
    from verify.read.names import page_rows
    from verify.read.titles import certified_level, title_level

    claimed = title_level(claimed_name)
    if claimed is None:
        return pages, []
    levels = [certified_level([text for text, _ in page_rows(p.ocr)]) for p in pages]
    if claimed in levels:
        return [p for p, level in zip(pages, levels) if level in (claimed, None)], []
    for p, level in zip(pages, levels):
        if level is not None:
            return pages, [finding(RULE_ID, "review", f"职称证书上的资格名称为「{level}」，与申报的现职称「{claimed_name}」不一致，"
                                   "请人工核对现职称", p, value=level, expected=claimed_name)]
    return pages, []
