"""evidence.after_title: every dated achievement (award, achievement proof, paper)
is later than ``current_title.date`` (取得现岗位级别专业技术资格后).

On or before the title date fails; a date whose precision cannot decide (2019-06
against 2019-06-30) or an achievement with no date read is ``review``. With no
issue date read, a page whose every date is on or before the title fails, and one
whose every date is after it (2020年度 against 2019-06-30) passes. A paper is
dated by its journal pages (cover, contents), or else by its claim; where that puts
it after the title while the paper's own page prints in its running head an issue of
another year that does not (a later cover attached to an earlier paper), it is
``review``. A page
naming a claimed award is checked against the claimed date too: a claim on or
before the title fails even when the page's date is not read; a page date that
puts the award before the title while the claim puts it after fails only when the
recogniser was sure of the page's date (:mod:`verify.read.confirm`), and a date
fragment whose year was lost (``021年5月``, a seal over it) that the recogniser
finds to be the claimed date stands for it. A page no claimed award names that looks
nearly as much like a title certificate (:func:`verify.rules.required.may_be`) is a
``review`` rather than a fail: it may be the title certificate itself.
"""
from __future__ import annotations

import re
from dataclasses import replace

from verify.read.claims import award_grades, title_key
from verify.read.confirm import plausible_misread, summary
from verify.read.dates import PartialDate, find_dates, mention_line, render_like
from verify.model import KIND_NAMES_ZH, DateMention, Finding, PageRead
from verify.rules import Dossier, finding
from verify.rules.required import may_be

RULE_ID = "evidence.after_title"
ACHIEVEMENT_KINDS = ("award_certificate", "achievement_proof")
EARLIEST_PLAUSIBLE_YEAR = 1960  # an achievement of a working engineer dated earlier is a misread (2020 read as 1920)


def achievement_date(page: PageRead) -> DateMention | None:
    """The date an achievement was obtained: the issue date; if several, the last."""
    issued = page.dates_with_role("issue")
    return issued[-1] if issued else None


#: words saying an achievement was completed at the date beside them (通过验收, 完成, 鉴定)
_DONE = re.compile(r"验收|鉴定|结题|完成|竣工|建成|投产|投入使用|投入运行|交付使用")
#: a label naming the date beside it as a completion's (验收时间：, 鉴定日期)
_DONE_LABEL = re.compile(r"(?:验收|鉴定|结题|完成|竣工|建成|投产)(?:时间|日期)\s*[:：]?\s*$")
#: the end of a work period under its label (项目实施期限：2017年3月至2019年5月): when the work ended
_PERIOD_END = re.compile(r"(?:实施|起止|建设|研究|执行|工作|项目)(?:期限|时间|周期|期间|日期)\s*[:：]?.{4,16}(?:至|到|—|－|-|~|～)\s*$")
#: words saying a date is a start, not a completion
_STARTED = re.compile(r"立项|开始|启动|开工|计划|申报|签订|下达")


def completed_on(page: PageRead) -> list[DateMention]:
    """Dates an achievement proof's own words give for its completion (项目于2018年5月20日
    通过验收): a body date (no role) to the month or day whose clause says, after it,
    that something was completed then (not started), or that stands under a 验收时间
    label.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.read.dates import extract_dates
    >>> box = lambda i: ((0, 60 * i), (900, 60 * i), (900, 60 * i + 40), (0, 60 * i + 40))
    >>> lines = ["业绩证明", "该项目于2017年3月立项，于2018年5月20日通过抚顺市生态环境局组织的项目验收。", "特此证明", "2024年10月12日"]
    >>> ocr = OcrPage(1000, 1400, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(lines)])
    >>> p = PageRead("p.jpg", 1, ocr, kind="achievement_proof", dates=extract_dates(ocr, "achievement_proof"))
    >>> [m.date.iso() for m in completed_on(p)]
    ['2018-05-20']
    >>> lines = ["业绩证明", "该项目于2017年3月开工，2019年5月全部建成投产。", "特此证明", "2024年10月12日"]  # alt20 P04
    >>> ocr = OcrPage(1000, 1400, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(lines)])
    >>> p = PageRead("p.jpg", 1, ocr, kind="achievement_proof", dates=extract_dates(ocr, "achievement_proof"))
    >>> [m.date.iso() for m in completed_on(p)]
    ['2019-05']
    >>> lines = ["业绩证明", "项目实施期限：2017年3月至2019年5月", "特此证明", "2024年10月12日"]  # alt20 P03
    >>> ocr = OcrPage(1000, 1400, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(lines)])
    >>> p = PageRead("p.jpg", 1, ocr, kind="achievement_proof", dates=extract_dates(ocr, "achievement_proof"))
    >>> [m.date.iso() for m in completed_on(p)]
    ['2019-05']
    >>> lines = ["项目验收报告", "验收时间：2018年11月20日", "经审核，情况属实。", "2024年9月10日"]  # probe alt15 P05
    >>> ocr = OcrPage(1000, 1400, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(lines)])
    >>> p = PageRead("p.jpg", 1, ocr, kind="achievement_proof", dates=extract_dates(ocr, "achievement_proof"))
    >>> [m.date.iso() for m in completed_on(p)]
    ['2018-11-20']

    A certificate's table, each label in the cell before its date (read as lines of their own: probe trust25 P07):

    >>> lines = ["结题证书", "立项日期", "2017年6月15日", "项目起止时间", "2017年6月至2018年10月", "验收日期", "2018年11月20日",
    ...          "特发此证", "抚顺市科学技术局", "2019年3月15日"]
    >>> ocr = OcrPage(1000, 1400, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(lines)])
    >>> p = PageRead("p.jpg", 1, ocr, kind="achievement_proof", dates=extract_dates(ocr, "achievement_proof"))
    >>> [m.date.iso() for m in completed_on(p)]
    ['2018-10', '2018-11-20']
    """
    out = []
    for m, before, after in _body_dates(page):
        started = _STARTED.search(after[:4]) or before.rstrip().endswith(("自", "从"))
        labelled = (_DONE_LABEL.search(before[-10:])  # 验收时间：2018年11月20日
                    or _PERIOD_END.search(before))  # 实施期限：2017年3月至2019年5月: its end
        if (labelled or _DONE.search(after)) and not started:
            out.append(m)
    return out


def _body_dates(page: PageRead):
    """``(mention, before, after)`` for each body date (no role) to the month or day: the
    text of its line before it, and the rest of its clause after it (30 characters at
    most)."""
    for m in page.dates:
        if m.role is not None or m.date.precision not in ("day", "month") or m.bbox is None:
            continue
        line = mention_line(page.ocr, m)
        if line is None:
            continue
        at = line.text.index(m.text)
        after = re.split(r"[，,。；;]", line.text[at + len(m.text):at + len(m.text) + 30])[0]  # to the clause's end
        before = line.text[:at]
        if len(re.sub(r"[\d〇一二三四五六七八九十年月日号至到起自\-—–~～.．/\s]", "", before)) < 2:
            # a table's label in the cell before (验收日期 | 2018年11月20日, read as two lines): the date's label, as
            # extract_dates reads it (probe trust25 P07: a 结题证书's 验收日期 before the title passed on its issue date)
            lines = list(page.ocr.lines)
            i = next((k for k, l in enumerate(lines) if l is line), 0)
            if i > 0 and not find_dates(lines[i - 1].text):
                before = lines[i - 1].text + before
        yield m, before, after


#: a label naming the date beside it as an award's (获奖时间：, 授奖日期)
_AWARD_LABEL = re.compile(r"(?:获奖|授奖|颁奖|表彰|获评)(?:时间|日期)\s*[:：]?\s*$")
#: words after 于<date> saying the award was won then (于2018年12月20日荣获…)
_AWARDED = re.compile(r"荣获|获得|获评|被评为|评为|授予")


def awarded_on(page: PageRead) -> list[DateMention]:
    """Dates an award's own words give for winning it, apart from the certificate's
    issue date: a body date (no role) to the month or day under a 获奖时间 label, or
    after 于 with 荣获, 获得, 被评为… following it in its clause.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.read.dates import extract_dates
    >>> box = lambda i: ((0, 60 * i), (900, 60 * i), (900, 60 * i + 40), (0, 60 * i + 40))
    >>> def page(*lines):
    ...     ocr = OcrPage(1000, 1400, [OcrLine(t, box(i), 0.95, i) for i, t in enumerate(lines)])
    ...     return PageRead("a.jpg", 1, ocr, kind="award_certificate", dates=extract_dates(ocr, "award_certificate"))
    >>> [m.date.iso() for m in awarded_on(page("荣誉证书", "获奖时间：2018年12月", "抚顺市科学技术局", "2020年3月15日"))]
    ['2018-12']
    >>> [m.date.iso() for m in awarded_on(page("荣誉证书", "张伟同志于2018年12月20日荣获全市环境监测技术比武一等奖。",
    ...                                          "抚顺市总工会", "2019年12月1日"))]
    ['2018-12-20']
    >>> awarded_on(page("荣誉证书", "张伟同志在2020年度工作中成绩突出，被评为先进工作者。", "2021年1月10日"))
    []
    """
    return [m for m, before, after in _body_dates(page)
            if _AWARD_LABEL.search(before[-10:]) or (before[-10:].rstrip().endswith("于") and _AWARDED.search(after))]


def _under_seal(page: PageRead, when: DateMention) -> bool:
    """Whether ``when`` was read from a line found again under a seal
    (:func:`verify.read.under_seal.dates_under_seals`; its box in ``fields``)."""
    from verify.read.under_seal import DATE_UNDER_SEAL

    boxes = [tuple(int(v) for v in b.split(",")) for b in page.fields.get(DATE_UNDER_SEAL, "").split(";") if b]
    x0, y0, x1, y1 = when.bbox or (0, 0, 0, 0)
    return any(x0 < bx1 and bx0 < x1 and y0 < by1 and by0 < y1 for bx0, by0, bx1, by1 in boxes)


def judge(what: str, when: DateMention | PartialDate, title_date: PartialDate, page=None, how: str = "", **kw) -> Finding:
    """``how``: how the date was had, said after it (（“2021年第6期”按登记库所载刊期“月刊”推算）)."""
    date = when.date if isinstance(when, DateMention) else when
    text = when.text if isinstance(when, DateMention) else date.iso()
    bbox = when.bbox if isinstance(when, DateMention) else None
    order = date.compare(title_date)
    common = dict(value=text, expected=f"晚于 {title_date.iso()}", bbox=bbox, **kw)
    shown = f"{date.iso()}{how}"
    if order is not None and order <= 0 and date.year < EARLIEST_PLAUSIBLE_YEAR:
        return finding(RULE_ID, "review", f"{what}日期识别为 {shown}，年份不合常理（可能识别有误），请人工核对是否晚于现职称取得时间 {title_date.iso()}", page, **common)
    if order is None and date.precision == "day" and title_date.precision != "day":
        # the title known only to its month or year (a claim of 2019-12): the page's exact date is not the coarse one
        # (probe trust24 R02: 「获奖/成果日期 2019-12-20 精度不足」 sent the desk to a date that is exact)
        return finding(RULE_ID, "review", f"现职称取得时间 {title_date.iso()} 未精确到日（精度不足），无法判断{what}日期 {shown} "
                       "是否晚于现职称取得时间，请人工核对现职称取得的具体日期", page, **common)
    if order is None:
        return finding(RULE_ID, "review", f"{what}日期 {shown} 精度不足，无法判断是否晚于现职称取得时间 {title_date.iso()}，请人工核对", page, **common)
    if order <= 0:
        word = "早于" if order < 0 else "等于"
        return finding(RULE_ID, "fail", f"{what}日期 {shown} {word}现职称取得时间 {title_date.iso()}，不能作为本次申报业绩", page, **common)
    return finding(RULE_ID, "pass", f"{what}日期 {shown} 晚于现职称取得时间", page, **common)


def registered_periodicity(d: Dossier, match) -> tuple[str, str] | None:
    """``(periodicity, 刊期 as the registry words it)`` of the one registered journal
    whose numbers a paper's journal pages print (every valid ISSN and CN read names
    the same record); ``None`` where they name none or several (a 套刊 is another
    rule's), the registry gives no 刊期 :func:`verify.read.dates.frequency_periodicity`
    knows, or no registry can be read."""
    from verify.journals.judge import clean_cn, clean_issn
    from verify.read.dates import frequency_periodicity

    issns = {i for p in match.journal_pages for x in p.issn if (i := clean_issn(x))}
    cns = {c for p in match.journal_pages for x in p.cn if (c := clean_cn(x))}
    if not issns and not cns:
        return None
    try:
        registry = d.journal_checker.registry()
        named = [registry.by_issn(i) for i in issns] + [registry.by_cn(c) for c in cns]
    except Exception:  # no registry: the issue's months stay as wide as the page leaves them
        return None
    records = {r.id: r for rs in named for r in rs}
    if len(records) != 1 or any(len(rs) != 1 for rs in named):
        return None
    record = next(iter(records.values()))
    per = frequency_periodicity(record.frequency)
    return (per, record.frequency) if per else None


def publication_dates(d: Dossier, match) -> list[tuple[PageRead, DateMention, str]]:
    """``(page, mention, how)`` for each publication date a paper's journal pages print,
    the most precise first: a month printed on a cover (2021年6月出版) before an issue
    number (2021年第6期), which spans months unless the page prints its periodicity
    (月刊). An issue number on a page that prints none is narrowed by the registered journal's 刊期
    (:func:`registered_periodicity`: 月刊's issue 6 is June, 双月刊's issue 5 is
    September–October), and ``how`` then says so (trust exploration 7, P02 and C14:
    judged on 2021年第6期 read as 2021-03/12, the 2021年6月 beside it unused)."""
    from verify.read.dates import page_periodicity, parse_date

    registered = None
    out = []
    for pg in match.journal_pages:
        printed = page_periodicity(pg.ocr.text) is not None  # the page's own 双月刊 read the issue already
        for m in pg.dates_with_role("publication"):
            how = ""
            if m.date.month_hi is not None and "期" in m.text and not printed:
                registered = registered or registered_periodicity(d, match) or ("", "")
                narrowed = parse_date(m.text, registered[0]) if registered[0] else None
                if (narrowed is not None and narrowed != m.date and m.date.earliest() <= narrowed.earliest()
                        and narrowed.latest() <= m.date.latest()):
                    m, how = replace(m, date=narrowed), f"（“{m.text}”按登记库所载刊期“{registered[1]}”推算）"
            out.append((pg, m, how))
    return sorted(out, key=lambda t: ((t[1].date.latest() - t[1].date.earliest()).days, bool(t[2])))  # printed before reckoned


def _disagreeing(f: Finding, label: str, held: DateMention, dated, title_date: PartialDate, pg: PageRead) -> Finding:
    """``f``, judged on the most precise date the journal pages print, made a review
    where another date they print cannot be the same (2021年8月 beside 2021年第6期 of a
    月刊) and would judge the paper otherwise: one of them is misread or misprinted."""
    if f.status == "review":
        return f
    for _, m, how in dated[1:]:
        apart = m.date.latest() < held.date.earliest() or m.date.earliest() > held.date.latest()
        if apart and judge(label, m, title_date).status != f.status:
            return finding(RULE_ID, "review", f"{label}日期：期刊页所印“{held.text}”与“{m.text}”{how}不一致，"
                           f"二者对是否晚于现职称取得时间 {title_date.iso()} 的判断不同，请人工核对", pg,
                           value=held.text, expected=f"晚于 {title_date.iso()}", bbox=held.bbox)
    return f


def _online_first_date(d: Dossier, match) -> tuple[PageRead, DateMention] | None:
    """The claimed paper's CNKI online-first notice and its latest date (网络首发日期 follows 收稿日期 on it), or None."""
    from verify.rules.journal_issn import _is_online_first

    for p in [*match.journal_pages, *match.paper_pages, *d.pages]:
        if p.dates and _is_online_first(p, match.claim):
            return p, max(p.dates, key=lambda m: m.date.iso())
    return None


#: where the date a paper is held to by the rule was read
_SHOWN_ON = {"journal_cover": "封面", "journal_toc": "目录页"}

#: a paper page's running head (or foot): the top and bottom of the page, as a share of its height
HEAD_BAND, FOOT_BAND = 0.12, 0.92


def paper_head_dates(match) -> list[tuple[PageRead, DateMention]]:
    """The issue dates a claimed paper's own pages print in their running head or foot
    (2018年第5期 over the text): dates the recogniser read in the publication role,
    not 收稿日期 (received: before the title and published after it is the rule) nor a
    year in the body text."""
    out = []
    for p in match.paper_pages:
        h = float(p.ocr.height or 0)
        for m in p.dates_with_role("publication"):
            if not h or m.bbox is None or m.bbox[1] < HEAD_BAND * h or m.bbox[1] >= FOOT_BAND * h:
                out.append((p, m))
    return out


def _paper_head_against(f: Finding, match, held: DateMention | PartialDate, where: str, title_date: PartialDate) -> Finding:
    """The paper's date from its journal pages (or its claim) puts it after the title,
    its own page's running head in another year on or before it (or undecided): a
    cover of a later issue attached to an earlier paper. A person looks: which issue
    the paper is in the page shows, but a running head can be misread too."""
    date = held.date if isinstance(held, DateMention) else held
    if date.compare(title_date) != 1 or f.status == "fail":
        return f
    shown = held.text if isinstance(held, DateMention) else date.iso()
    for p, m in paper_head_dates(match):
        if m.date.year == date.year or m.date.compare(title_date) == 1:
            continue
        band = "页脚" if m.bbox is not None and p.ocr.height and m.bbox[1] >= FOOT_BAND * p.ocr.height else "页眉"
        title = match.claim.title or match.claim.journal or "未命名"
        word = "可能不晚于" if m.date.compare(title_date) is None else "不晚于"
        return finding(RULE_ID, "review", f"论文《{title}》正文{band}刊期为{m.text}，{word}现职称取得时间 {title_date.iso()}，"
                       f"与{where}{shown}不一致，请人工核对论文实际发表时间", p,
                       value=m.text, expected=f"晚于 {title_date.iso()}", bbox=m.bbox)
    return f


def _recheck(f: Finding, what: str, when: DateMention, claim_date: PartialDate, title_date: PartialDate, p, conf) -> Finding:
    """The page's date puts the achievement on or before the title, the applicant's
    claim after it: fail only when the recogniser was sure of the page's date."""
    if conf is not None and conf.state == "confirmed":
        g = judge(what, claim_date, title_date, p)
        return replace(g, message=f"{g.message}（页面日期{conf.note}）")
    if conf is not None and conf.state == "unsure" and not before_on_every_reading(conf, title_date):
        return replace(f, status="review", message=f"{what}日期识别为“{when.text}”，早于现职称取得时间，但与申报的 {claim_date.iso()} "
                       f"不同且识别把握不足（{conf.note}），请人工核对")
    expected = render_like(when.text, claim_date)
    if conf is None and expected and plausible_misread(when.text, expected):
        return replace(f, status="review", message=f"{what}日期识别为“{when.text}”，与申报的“{expected}”仅一个易混字符之差"
                       "（可能为识别误差），请人工核对是否晚于现职称取得时间")
    return f


def before_on_every_reading(conf, title_date: PartialDate) -> bool:
    """Whether the readings of a page's date settle it on or before the title though they differ in a numeral: two
    legible readings or more (not the print read alone) show one date, and every legible reading shows a date on or
    before ``title_date`` and puts the claim at least :data:`~verify.read.confirm.CONTRADICT_LLR` nats below it (一九九七年
    read 一九五七年 stretched, the claim 二〇〇八年 28 nats below every one: what the rule weighs, the side of the title,
    is sure; probe trust28 P18). A reading without a date, or after the title, leaves it unsure.

    >>> from verify.read.confirm import Confirmation
    >>> c = lambda *r: Confirmation("award_date", "二〇〇八年六月二十日", "一九九七年六月二十日", "unsure", -28.0, "lattice", None, list(r))
    >>> t = PartialDate(1998, 12, 28)
    >>> before_on_every_reading(c(("page", "一九九七年六月二十日", -34.7, 0.999), ("original", "一九九七年六月二十日", -30.1, 0.975),
    ...                           ("stretch1.4", "一九五七年六月二十日", -31.1, 0.926)), t)
    True
    >>> before_on_every_reading(c(("page", "一九九七年六月二十日", -34.7, 0.999), ("original", "一九九七年六月二十日", -30.1, 0.975),
    ...                           ("stretch1.4", "一九九九年六月二十日", -31.1, 0.926)), t)  # one reading after the title
    False
    >>> before_on_every_reading(c(("page", "一九九七年六月二十日", -34.7, 0.999), ("original", "一九五七年六月二十日", -30.1, 0.975)), t)
    False
    >>> before_on_every_reading(c(("page", "一九九七年六月二十日", -34.7, 0.999), ("original", "一九九七年六月二十日", -2.0, 0.975)), t)
    False
    """
    from verify.read.confirm import CONTRADICT_LLR, LEGIBLE_SCORE

    legible = [(v, llr) for how, v, llr, score in conf.readings if score >= LEGIBLE_SCORE and how != "print_only"]
    dates = []
    for v, llr in legible:
        found = find_dates(v or "")
        if llr is None or llr > -CONTRADICT_LLR or len(found) != 1 or found[0][0].compare(title_date) not in (-1, 0):
            return False
        dates.append(found[0][0])
    return any(dates.count(x) >= 2 for x in dates)


def _claim_unlike(f: Finding, when: DateMention, claim_date: PartialDate | None, title_date: PartialDate) -> Finding:
    """A review for a page date too coarse to decide, where the applicant claims a date after the title that the page's
    date surely is not (an award printed 2019年12月, the title 2019-12-30, claimed 2020-01: probe trust24 R06): the
    review says so, the claim's later month being no evidence the page does not give."""
    if f.status != "review" or "精度不足" not in f.message or claim_date is None:
        return f
    if claim_date.compare(title_date) != 1 or when.date.compare(claim_date) not in (-1, 1):
        return f
    note = f"（申报的日期为 {claim_date.iso()}，与页面日期“{when.text}”不符）"
    head, ask = (f.message[:-len("，请人工核对")], "，请人工核对") if f.message.endswith("，请人工核对") else (f.message, "")
    return replace(f, message=f"{head}{note}{ask}")


#: a key that may hold the current title or its date (取得现职称时间, 现职称名称, 资格取得时间, 任职资格, 评审通过时间),
#: not the one applied for (申报职称) nor another date (取得学历时间)
_TITLE_WORDS = re.compile(r"^(?!.*申报)(?=.*(?:现|取得|任职|通过))(?=.*(?:职称|资格|职务))|评审通过|current.?title", re.I)


def check(d: Dossier) -> list[Finding]:
    title = d.applicant.current_title
    if title is None:
        # a first title has no date to be later than; a title certificate in the dossier
        # says there is one (probe alt11: leaving current_title out passed achievements
        # dated before the title the dossier's own certificate shows)
        certs = d.pages_of("title_certificate")
        if certs:
            read = [m.text for p in certs for m in p.dates_with_role("title_date")]
            shown = f"（证书上的时间识别为“{read[0]}”）" if read else ""
            return [finding(RULE_ID, "review", f"申报信息未填现职称（按首次申报），但材料中有专业技术资格证书{shown}，"
                            "请人工核对现职称及其取得时间，并核对业绩是否在其后取得", certs[0])]
        # nor is there none where the dossier's own forms print the title's date (推荐表's
        # 现职称及取得时间: hostile exploration 2, P3, the certificate taken out as well)
        forms = [(p, m) for p in d.pages_of("recommendation_form", "evaluation_form") for m in p.dates_with_role("title_date")]
        if forms:
            p, m = forms[0]
            return [finding(RULE_ID, "review", f"申报信息未填现职称（按首次申报），但{KIND_NAMES_ZH.get(p.kind, p.kind)}上载有"
                            f"现职称取得时间“{m.text}”，请人工核对现职称及其取得时间，并核对业绩是否在其后取得", p,
                            bbox=m.bbox, value=m.text)]
        # nor where applicant.yaml holds a key no field reads that may be the title (取得现职称时间:
        # a first title by a typo, achievements before the title then passed: probe trust13)
        unread = [k for k in d.applicant.unread_keys if _TITLE_WORDS.search(k)]
        if unread:
            return [Finding(RULE_ID, "review", f"申报信息未填现职称（按首次申报），但有未能识别的字段「{'」「'.join(unread[:3])}」，"
                            "可能是现职称或其取得时间；请核对申报信息（现职称应填在 current_title 的 name、date 中），"
                            "并核对业绩是否在其后取得")]
        return [Finding(RULE_ID, "pass", "申报人为首次申报职称（无现职称），不限定业绩取得时间")]
    findings = []
    claimed = {id(p): m.claim for m in d.award_matches for p in (getattr(m, "pages", None) or ())}
    for p in d.pages_of(*ACHIEVEMENT_KINDS):
        what = "获奖/成果" if p.kind == "award_certificate" else "业绩证明"
        when = achievement_date(p)
        claim = claimed.get(id(p))
        claim_date = claim.date if claim is not None else None
        conf = summary([p], "award_date")
        if when is None:
            others = sorted((m for m in p.dates), key=lambda m: m.date.latest())
            if others and others[-1].date.latest() <= title.date.earliest():
                # every date on the page is on or before the title: surely out of period
                findings.append(judge(what, others[-1], title.date, p))
            elif claim_date is not None and claim_date.compare(title.date) in (-1, 0):
                # the applicant's own date for it is on or before the title
                findings.append(judge(f"申报的{what}", claim_date, title.date, p))
            elif others and (first := min(others, key=lambda m: m.date.earliest())).date.earliest() > title.date.latest():
                # every date on the page is after the title (an award for 2019年度, a project
                # of 2020): however late its unread issue date, the achievement is after it
                f = judge(what, first, title.date, p)
                findings.append(replace(f, message=f"{what}未识别到颁发日期，页面上的日期（最早为“{first.text}”）均晚于现职称取得时间 {title.date.iso()}"))
            elif claim_date is not None and conf is not None and conf.state == "confirmed":
                f = judge(what, claim_date, title.date, p)
                findings.append(replace(f, message=f"{f.message}（页面日期{conf.note}）"))
            elif coarse := [m for m in others if m.date.compare(title.date) is None]:
                # the page dates it only to the title's year or month (2019年 on a certificate, the title
                # 2019-06-28: probe trust24 R04): a date was read, its precision cannot decide
                m = coarse[-1]
                findings.append(finding(RULE_ID, "review", f"{what}未识别到完整的颁发日期，页面上的日期“{m.text}”（{m.date.iso()}）精度不足，"
                                        f"无法判断是否晚于现职称取得时间 {title.date.iso()}，请人工核对", p, value=m.text,
                                        expected=f"晚于 {title.date.iso()}", bbox=m.bbox))
            else:
                findings.append(finding(RULE_ID, "review", f"未能识别该{what}的取得日期，请人工核对是否晚于现职称取得时间 {title.date.iso()}", p))
            continue
        f = judge(what, when, title.date, p)
        done = completed_on(p) if p.kind == "achievement_proof" and f.status == "pass" else []
        if done and all(m.date.compare(title.date) in (-1, 0) for m in done):
            # a proof written after the title of work its own words complete before it
            # (probe alt13 a04: 2018年5月20日通过验收 under a letter of 2024 passed)
            m = done[-1]
            f = finding(RULE_ID, "review", f"业绩证明落款日期 {when.date.iso()} 晚于现职称取得时间，但正文所述完成时间“{m.text}”"
                        f"不晚于现职称取得时间 {title.date.iso()}，请人工核对该业绩是否在取得现职称后完成", p,
                        value=m.text, expected=f"晚于 {title.date.iso()}", bbox=m.bbox)
        won = awarded_on(p) if f.status == "pass" else []
        if won and all(m.date.compare(title.date) in (-1, 0) for m in won):
            # a certificate issued after the title for an award its own words date before it
            # (获奖时间：2018年12月 over a 2020 issue date; a re-issued 于2018年12月20日荣获…:
            # probe alt20 P01, P02 passed)
            m = won[0]
            f = finding(RULE_ID, "review", f"{what}发证日期 {when.date.iso()} 晚于现职称取得时间，但证书所载获奖时间“{m.text}”"
                        f"不晚于现职称取得时间 {title.date.iso()}，请人工核对该奖项是否在取得现职称后获得", p,
                        value=m.text, expected=f"晚于 {title.date.iso()}", bbox=m.bbox)
        if f.status == "pass" and claim_date is not None and claim_date.compare(title.date) in (-1, 0):
            # the applicant's own date for it is on or before the title, whatever later date
            # the page carries (a copy certified 与原件一致 in 2024: probe alt13 a03 passed)
            f = judge(f"申报的{what}", claim_date, title.date, p)
            f = replace(f, message=f"{f.message}（页面上识别到的日期“{when.text}”晚于现职称，可能是复印核对或落款日期，以申报日期为准）")
        if f.status == "fail" and claim_date is not None and claim_date.compare(title.date) == 1:
            f = _recheck(f, what, when, claim_date, title.date, p, conf)
        f = _claim_unlike(f, when, claim_date, title.date)
        if f.status == "fail" and _under_seal(p, when):
            # read again from under a seal: enough to pass an achievement, not to fail one
            # (二〇二一 under a seal's ring read 二〇一一 by every reading); the applicant's own
            # date for it still fails it, as where no date is read
            if claim_date is not None and claim_date.compare(title.date) in (-1, 0):
                f = judge(f"申报的{what}", claim_date, title.date, p)
            else:
                f = replace(f, status="review", message=f"{what}日期识别为“{when.text}”（该日期被印章遮盖，去除印章颜色后重新识别），"
                            f"不晚于现职称取得时间 {title.date.iso()}；印章下的文字识别把握不足，请人工核对")
        if f.status == "fail" and claim is None and may_be(p, "title_certificate"):
            # a title certificate worded like an award carries the title's own date
            f = replace(f, status="review", message=f"该页按{what}证书核对，日期 {when.date.iso()} 不晚于现职称取得时间 "
                        f"{title.date.iso()}；但该页也像职称证书（可能就是现职称证书），请人工核对")
        findings.append(f)

    # an enterprise applicant need not publish (the journal rules are exempt), but a paper
    # offered as an achievement is still an achievement: one dated on or before the title
    # is reported; one not dated asks nobody to look (probe alt16: never dated at all)
    optional = d.exempt("journal.issn")
    for match in d.paper_matches:
        label = f"论文《{match.claim.title or match.claim.journal or '未命名'}》发表"
        dated = publication_dates(d, match)
        if dated:
            pg, held, how = dated[0]
            f = judge(label, held, title.date, pg, how=how)
            f = _disagreeing(f, label, held, dated, title.date, pg)
            f = _paper_head_against(f, match, held, _SHOWN_ON.get(pg.kind, "期刊页"), title.date)
            f = _claim_unlike(f, held, match.claim.date, title.date)
            findings.append(_own_issue_against(f, match, label, title.date))
        elif match.claim.date is not None:
            f = judge(label + "（申报表填写）", match.claim.date, title.date)
            if f.status == "pass":  # a claim alone is not evidence
                if optional:
                    continue
                if (online := _online_first_date(d, match)) is not None and online[1].date.compare(title.date) == 1:
                    # CNKI's 网络首发 notice dates the paper (its 网络首发日期, the notice's latest date) after the
                    # title: whether online-first counts as published is journal.issn's question, not a date's
                    # (probe trust23 C15: 期刊页未识别到出版日期 beside the notice's own date)
                    pg, m = online
                    findings.append(finding(RULE_ID, "pass", f"{label}：网络首发日期 {m.date.iso()}（{pg.where}）晚于现职称取得时间"
                                            f" {title.date.iso()}；网络首发论文是否认可为已发表，见期刊 ISSN 核对", pg, value=m.date.iso(),
                                            bbox=m.bbox))
                    continue
                f = Finding(RULE_ID, "review", f"{label}日期仅见于申报信息（{match.claim.date.iso()}），期刊页未识别到出版日期，请人工核对", value=match.claim.date.iso())
                f = _paper_head_against(f, match, match.claim.date, "申报填写的", title.date)
            findings.append(_own_issue_against(f, match, label, title.date))
        elif not optional:
            findings.append(Finding(RULE_ID, "review", f"{label}日期未能识别，请人工核对是否晚于现职称取得时间"))
    if not optional:
        findings += _unclaimed_journals(d, title.date)

    # claimed awards that no page shows: one claimed on or before the title fails; one
    # claimed after it is a claim alone, no evidence of the award or its date (as for a
    # paper dated only by its claim): a person looks for its certificate
    for m in d.award_matches:
        if getattr(m, "pages", None):
            continue
        label = f"申报奖项《{m.claim.title}》" if title_key(m.claim.title) else "申报奖项（未填名称）"
        f = judge(label, m.claim.date, title.date) if m.claim.date is not None else None
        graded = next(iter(m.other_grade), None)
        found = _unclassified_evidence(d, m.claim) if graded is None and (f is None or f.status == "pass") else None
        if found is not None:
            # the claim's evidence is a page of a kind no rule knows (a standard's cover: 2020-11-20发布): judged on the
            # date its own label gives, where a page of its file names the applicant
            p, when, named = found
            g = judge(label, when, title.date, p)
            if g.status == "fail" and m.claim.date is not None and m.claim.date.compare(title.date) == 1:
                g = _recheck(g, label, when, m.claim.date, title.date, p, summary([p], "award_date"))
            if g.status == "pass" and not named:
                g = replace(g, status="review", message=f"{g.message}；但该材料（未归入获奖证书或成果证明）各页均未识别到申报人姓名，"
                            "请人工核对申报人是否为其完成人")
            elif g.status == "pass":
                g = replace(g, message=f"{g.message}（材料未归入获奖证书或成果证明，按其所印“{when.text}”核对）")
            findings.append(g)
            continue
        if graded is not None and (f is None or f.status == "pass"):
            shown = "、".join(sorted(award_grades(graded.ocr.text)))
            f = finding(RULE_ID, "review", f"{label}：材料中该奖项的证书所印等级为“{shown}”，与申报的等级不符"
                        f"（可能是申报填写有误或识别误差），请人工核对", graded, value=shown, expected=m.claim.title)
        elif (f is None or f.status == "pass") and (twin := _unclaimed_twin(d, m.claim)) is not None:
            # the claim worded unlike its certificate (《…大练兵先进个人》 for 「…大练兵活动中表现突出，
            # 被评为先进个人」): the one certificate no claim names, of the claimed month, is its
            # evidence, and its own date was judged above (trust explorations 2 and 3)
            p, when = twin
            f = finding(RULE_ID, "pass", f"{label}{'的名称与证书表述不同' if title_key(m.claim.title) else ''}；材料中唯一未对应其他申报奖项的{KIND_NAMES_ZH.get(p.kind, p.kind)}"
                        f"日期为“{when.text}”，与申报的 {m.claim.date.iso()} 相符，晚于现职称取得时间 {title.date.iso()}", p,
                        bbox=when.bbox, value=when.text, expected=f"晚于 {title.date.iso()}")
        elif f is None or f.status == "pass":
            claimed = f"（申报日期 {m.claim.date.iso()}）" if m.claim.date is not None else ""
            f = Finding(RULE_ID, "review", f"{label}{claimed}在材料中未找到对应的获奖证书或成果证明，无法核对其取得时间"
                        f"是否晚于现职称取得时间 {title.date.iso()}，请人工核对是否已提交",
                        value=m.claim.date.iso() if m.claim.date is not None else None,
                        expected=f"晚于 {title.date.iso()}")
        findings.append(f)
    return findings


#: a note in brackets after a claimed achievement's name (（DB21/T 3345—2020）, （发明专利）)
_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]{1,24}[)）]\s*$")


def _unclassified_evidence(d: Dossier, claim) -> tuple[PageRead, DateMention, bool] | None:
    """``(page, date, named)``: a page the classifier left ``other`` that names a claimed achievement (its name, or its
    name without the note in brackets after it) and carries the date its labels give the achievement (a standard's
    cover: 2020-11-20发布, not 2020-12-20实施; :func:`verify.read.dates.extract_dates`); ``named`` whether a page of its
    file names the applicant (a standard's 前言 lists its 起草人). None where no such page is found, or two disagree.
    (probe trust25 C04: a local standard the claim named was 「未找到对应的获奖证书或成果证明」 beside its own cover)"""
    from verify.read.claims import named_on
    from verify.read.names import name_on_page

    titles = [t for t in {claim.title, _TRAILING_NOTE.sub("", claim.title or "")} if t and len(t) >= 6]
    found = []
    for p in d.pages_of("other"):
        dated = p.dates_with_role("issue")
        if dated and p.ocr is not None and any(named_on(t, p) for t in titles):
            found.append((p, dated[-1]))
    if not found or len({w.date.iso() for _, w in found}) != 1:
        return None
    p, when = found[0]
    name = d.applicant.name
    # its file's pages, and the pages of kind ``other`` next to it (a cover and its 前言 photographed as two files)
    at = next(i for i, q in enumerate(d.pages) if q is p)
    near = [q for i, q in enumerate(d.pages) if q.file == p.file or (abs(i - at) == 1 and q.kind == "other")]
    named = any(q.ocr is not None and name_on_page(q.ocr, name)[0] == "present" for q in near)
    return p, when, named


def _unclaimed_twin(d: Dossier, claim) -> tuple[PageRead, DateMention] | None:
    """The one award certificate or achievement proof that no claim names (no award's, no
    paper's), dated in the claimed month (or year, for a claim of a year) and printing
    four characters in a row of the claim's title (执法大练兵 of 《…执法大练兵先进个人》),
    with its date; None where there is no such page, or more than one. A certificate
    that quotes a project or work (“…”项目, 《…》) the claim does not name is another
    award's, whatever words they share (科学技术进步奖三等奖: trust exploration 6, P07, a
    certificate for another project passed as the claim's). A claim with no title at all
    (DOSSIER.md lets an award's fields be missing) takes the one such page of its month
    with no words to share (it was 未找到对应的获奖证书, a review on a clean dossier)."""
    claimed, title = claim.date, title_key(claim.title)
    if claimed is None or 0 < len(title) < 4:
        return None
    grams = {title[i:i + 4] for i in range(len(title) - 3)}
    named = {id(p) for m in d.award_matches for p in (getattr(m, "pages", None) or ())}
    named |= {id(p) for m in d.paper_matches for p in (getattr(m, "paper_pages", None) or ())}
    found = []
    for p in d.pages_of(*ACHIEVEMENT_KINDS):
        when = achievement_date(p)
        if id(p) in named or when is None or (title and not any(g in title_key(p.ocr.text) for g in grams)):
            continue
        if title and _quotes_another(p.ocr.text, title):
            continue
        if when.date.year == claimed.year and (claimed.month is None or when.date.month == claimed.month):
            found.append((p, when))
    return found[0] if len(found) == 1 else None


#: a project or work a certificate quotes by name (“抚顺市浑河流域水环境容量核定与总量控制研究”项目)
_QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{6,80})[”\"》」』]")


def _quotes_another(text: str, title: str) -> bool:
    """Whether a certificate quotes a name (a project, a work) of six characters or more
    and none of the names it quotes is in the claim's title (``title_key`` form).

    >>> claim = "抚顺市大气颗粒物来源解析及管控对策研究获抚顺市科学技术进步奖三等奖"
    >>> _quotes_another("你参与完成的“抚顺市浑河流域水环境容量核定与总量控制研究”项目，荣获三等奖", claim)
    True
    >>> _quotes_another("你参与完成的“抚顺市大气颗粒物来源解析及管控对策研究”项目，荣获三等奖", claim)
    False
    >>> _quotes_another("在执法大练兵活动中表现突出，被评为先进个人", "2022年度执法大练兵先进个人")
    False
    """
    from rapidfuzz import fuzz

    quoted = [title_key(q) for q in _QUOTED.findall(text)]
    quoted = [q for q in quoted if len(q) >= 6]
    return bool(quoted) and all(fuzz.partial_ratio(q, title) < 60 for q in quoted)


def _own_issue_against(f: Finding, match, label: str, title_date: PartialDate) -> Finding:
    """``f``, unless it fails already, made a review on the paper's own page where that
    page prints its issue (running head, 文章编号 1674-1021(2018)05-…) only in years
    before the title's: the paper is of that issue, whatever cover or claim came with
    it (probe alt20 P05: a 2018 paper under a 2022 cover was reviewed on no page, as
    dated by its claim alone)."""
    from verify.read.claims import own_issues, printed_issues

    issues = own_issues(match)
    if f.status == "fail" or not issues or not all(y < title_date.year for y, _ in issues):
        return f
    y, n = min(issues)
    pg = next((p for p in match.paper_pages if (y, n) in printed_issues(p.ocr.text)), match.paper_pages[0])
    return finding(RULE_ID, "review", f"{label}：论文页所印刊期为 {y} 年第 {n} 期（页眉或文章编号），早于现职称取得时间 "
                   f"{title_date.iso()}，与期刊封面或申报信息所示日期不符，请人工核对", pg, value=f"{y}年第{n}期",
                   expected=f"晚于 {title_date.iso()}")


def _unclaimed_journals(d: Dossier, title_date: PartialDate) -> list[Finding]:
    """Journal covers and contents pages no claimed paper took, dated on or before the
    title: a paper in the dossier from before it that the claim does not list (probe
    alt15 P06: a 2018 issue with ``papers: []`` passed). ``review``: it may be there by
    mistake, or be offered as an achievement."""
    taken = {id(pg) for m in d.paper_matches for pg in [*m.journal_pages, *m.paper_pages]}
    out = []
    for pg in d.pages_of("journal_cover", "journal_toc"):
        dated = pg.dates_with_role("publication")
        if id(pg) in taken or not dated or not all(m.date.compare(title_date) in (-1, 0) for m in dated):
            continue
        m = dated[0]
        out.append(finding(RULE_ID, "review", f"材料中有未在申报信息中列出的期刊（刊期“{m.text}”），不晚于现职称取得时间 "
                           f"{title_date.iso()}，请人工核对是否作为业绩提交", pg, value=m.text,
                           expected=f"晚于 {title_date.iso()}", bbox=m.bbox))
    return out
