"""assessment.years: an annual assessment form for each assessment year.

A year without a form fails, unless a form's year was not read or a page left
unclassified shows more evidence of an annual assessment form than of anything else
(:func:`verify.rules.required.maybe_of_kind`): that page may be the year's form
(``review``). A year whose form's grade slot holds a grade below 合格 (考核等次：不合格,
基本合格, 不称职, 基本称职; in prose, 为基本合格等次; a letter its legend maps to one) is a
``review``, and so is a form that gives no grade the page reads (a blank slot). So is
a year whose form is dated (its own signing or issue date, to the month or day) before
November 1 of the year it assesses, or whose summary is about one other year only
(本人2022年… under a 2023 title): a form of another year with its title's year edited
(probe alt18 P05). Forms are signed in the year's December or early in the next year.

The unit's table of several years' results (年度考核情况证明: rows of year and grade,
:func:`table_rows`) stands for the forms of the years it lists, each row's grade read
as a form's; a year its page never prints fails as a missing form does."""
from __future__ import annotations

import datetime as _dt
import re

from verify.marks.choices import GRADE_MARK
from verify.model import DateMention, Finding
from verify.read.dates import mention_line
from verify.rules import Dossier, finding
from verify.rules.required import maybe_of_kind, where

RULE_ID = "assessment.years"


def assessment_year(page) -> int | None:
    """The year a form assesses: its ``assessment_year`` date; None when unread."""
    years = {m.date.year for m in page.dates_with_role("assessment_year")}
    return years.pop() if len(years) == 1 else None


#: a grade slot holding a grade below 合格 (称职), or none given (不定等次: not assessed);
#: the slot's label, or the opinion naming it (确定…考核等次为：, 建议评为…)
#: (较差: an enterprise's scale, 优秀 良好 合格 较差 不合格, below 合格; it passed, probe trust22 P19)
_LOWER = "不合格|基本合格|不称职|基本称职|较差|不定等次|未定等次|不确定等次|未参加考核"
_LOWER_GRADES = frozenset(_LOWER.split("|"))
_SLOT = r"(?:等次|结果|等级|结论)\s*[为是]?"
_LOW_GRADE = re.compile(rf"(?:(?:考核)?{_SLOT}|评为|定为)\s*[:：]?\s*({_LOWER})")
#: another grade on the same row: the form prints its choices (优秀 合格 基本合格 不合格), one ticked
_OTHER_GRADE = re.compile(r"优秀|(?<![不本])合格|(?<![不本])称职")
#: every grade a form gives, and what may stand beside one in a cell of its own (boxes, ticks)
_GRADE = re.compile(rf"{_LOWER}|优秀|良好|合格|称职|较差")
_MARKS = re.compile(r"[\s□口☐■☑√✓○●、，,:：;；()（）]*")
#: a grade slot holding any grade in words
_GRADED = re.compile(rf"{_SLOT}\s*[:：]?\s*(?:{_GRADE.pattern})")
#: a conclusion in prose naming its grade before the word 等次 (确定该同志本年度为基本合格等次。):
#: the usual wording of 事业单位 and 公务员 conclusions (trust exploration 5, W6: a silent pass)
_GRADE_BEFORE = re.compile(rf"[为是评定]\s*({_GRADE.pattern})\s*(?:等次|等级|档次)")
#: a conclusion's prose giving the grade after 为 (该同志2022年度考核为基本合格。, 确定为不称职), or
#: right after 考核 (年度考核合格; not 考核合格证, a training's certificate)
_GRADE_PROSE = re.compile(rf"(?:(?:考核|年度|确定|评定|结论)\s*[为是]|考核)\s*({_GRADE.pattern})(?!证)")
#: a grade the opinion gives it (评为优秀, 定为合格)
_AWARDED = re.compile(rf"(?:评为|定为)\s*(?:{_GRADE.pattern})")
#: a form's legend of letter grades (说明：评定等级A为优秀、B为良好、C为合格、D为基本合格、E为不合格)
_LETTER_LEGEND = re.compile(rf"([A-E甲乙丙丁])\s*(?:级|等)?\s*[为是:：=]\s*({_GRADE.pattern})")
#: a grade slot holding a letter (评定等级：D), not a legend's letter
_LETTER_SLOT = re.compile(r"(?:等次|等级|结果|结论)\s*[:：]?\s*([A-E甲乙丙丁])\s*(?:级|等)?\s*(?:$|[\s(（。，,;；])")


def _grade_cells(page) -> set[str]:
    """The grades the page prints in lines of their own (a grade written in the opinion
    box apart from its label, or a form's printed choices read one by one)."""
    out = set()
    for line in page.ocr.lines:
        grades = _GRADE.findall(line.text)
        if len({_CIVIL_SERVICE.get(g, g) for g in grades}) == 1:
            grades = grades[:1]  # 合格（称职）: one grade by both its names, no printed choices (probe trust22 C20)
        if grades and _MARKS.fullmatch(_GRADE.sub("", line.text)):
            out.update(grades)
    return out


def low_grade(page) -> str | None:
    """The grade below 合格 a form's grade slot holds (考核等次：不合格), or written in a
    line of its own in the opinion box (基本合格 above 考核等次：), or None; a row or
    lines listing the choices (优秀 合格 基本合格 不合格) tell nothing.

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
    >>> low_grade(form("确定张伟同志2022年度考核等次为：基本合格")), low_grade(form("单位", "基本合格", "考核", "意见", "考核等次："))
    ('基本合格', '基本合格')
    >>> low_grade(form("考核等次：", "优秀", "合格", "基本合格口不合格")) is None
    True
    """
    from verify.read.names import page_rows

    for text, _ in page_rows(page.ocr):
        t = _row_text(text)
        m = _LOW_GRADE.search(t) or _low_before(t)
        if m and not _OTHER_GRADE.search(t[: m.start(1)] + " " + t[m.end(1):]):
            return m.group(1)
    if (grade := letter_grade(page)) is not None and grade[1] in _LOWER_GRADES:
        return f"{grade[0]}（{grade[1]}）"
    cells = _grade_cells(page)
    if len(cells) == 1 and (grade := cells.pop()) in _LOWER_GRADES:
        # written in the box, not beside its label (trust exploration 3, P22: a silent pass)
        return grade
    return None


def _low_before(text: str):
    """The match of a grade below 合格 named before 等次 in a conclusion's prose, or None.

    >>> _low_before("经单位考核委员会研究，确定该同志本年度为基本合格等次。").group(1), _low_before("本年度为合格等次") is None
    ('基本合格', True)
    >>> _low_before("经考核，该同志2022年度考核为不称职。").group(1)
    '不称职'

    """
    for rx in (_GRADE_BEFORE, _GRADE_PROSE):
        m = rx.search(text)
        if m and m.group(1) in _LOWER_GRADES:
            return m
    return None


def _legend(text: str) -> bool:
    """Whether a row lists the grades to choose from or their letters (a legend, the
    printed choices), not a grade given: two grades or more, or a letter named as one. A grade and its civil
    servant's name beside it are one grade (考核等次：合格（称职）: no legend, probe trust22 C20).

    >>> _legend("说明：评定等级A为优秀、B为良好、C为合格、D为基本合格"), _legend("评定等级分为优秀、良好、合格五档"), _legend("考核等次：合格")
    (True, True, False)
    >>> _legend("考核等次：合格（称职）"), _legend("优秀 称职 基本称职 不称职")
    (False, True)
    """
    return len({_CIVIL_SERVICE.get(g, g) for g in _GRADE.findall(text)}) >= 2 or bool(_LETTER_LEGEND.search(text))


def _row_text(text: str) -> str:
    """A row's text as its grade is read: whitespace runs as one space, and a word spread over its cell, one character
    at a time (合  格, 不 合 格), written whole (probe trust22 C21: no grade was read, a review on a clean form).

    >>> _row_text("考核等次   合  格"), _row_text("考核等次 不 合 格"), _row_text("优秀 合格 基本合格 不合格")
    ('考核等次 合格', '考核等次 不合格', '优秀 合格 基本合格 不合格')
    """
    t = re.sub(r"\s+", " ", text)
    return _SPREAD.sub(lambda m: m.group(0).replace(" ", ""), t)


#: single Chinese characters separated by spaces, neither end touching another Chinese character: a spread word
_SPREAD = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff](?![\u4e00-\u9fff]))+")


def letter_grade(page) -> tuple[str, str | None] | None:
    """The letter a form's grade slot holds (评定等级：D) and the grade the same page's
    legend gives it (D为基本合格), or None for the grade where no legend says; None where
    no slot holds a letter. An enterprise's 绩效考核 grades by letter (trust exploration 5,
    W4: D with its legend D为基本合格 passed).

    >>> letter_grade(_page_form("评定等级：D", "说明：评定等级A为优秀、B为良好、C为合格、D为基本合格、E为不合格。"))
    ('D', '基本合格')
    >>> letter_grade(_page_form("考核结果：B")), letter_grade(_page_form("考核等次：合格"))
    (('B', None), None)
    """
    from verify.read.names import page_rows

    legend: dict[str, str] = {}
    letter = None
    for line in page.ocr.lines:
        legend.update({m.group(1): m.group(2) for m in _LETTER_LEGEND.finditer(line.text)})
    for text, _ in page_rows(page.ocr):
        if letter is None and not _legend(text) and (m := _LETTER_SLOT.search(text.strip())):
            letter = m.group(1)
    return None if letter is None else (letter, legend.get(letter))


def grade_given(page) -> bool:
    """Whether the form gives a grade the page reads: in its slot (考核等次：合格), in the
    conclusion's prose (评为优秀, 为合格等次), in a cell of its own, or as a letter with
    its legend. A slot left blank (评定等级：, trust exploration 5 W9) gives none, nor
    does a legend or the printed choices.

    >>> grade_given(_page_form("考核等次：合格")), grade_given(_page_form("确定该同志本年度为合格等次。"))
    (True, True)
    >>> grade_given(_page_form("经考核，该同志2022年度考核为优秀。")), grade_given(_page_form("年度考核合格"))
    (True, True)
    >>> grade_given(_page_form("本人取得环境监测上岗考核合格证"))
    False
    >>> grade_given(_page_form("评定等级：", "说明：评定等级分为优秀、良好、合格、基本合格、不合格五档。"))
    False
    >>> grade_given(_page_form("单位", "优秀", "考核", "意见", "考核等次："))  # written in the box, apart from its label
    True
    >>> grade_given(_page_form("评定等级：A")), grade_given(_page_form("评定等级：C"))  # C is 基本合格 on a four-grade scale
    (True, False)
    """
    from verify.read.names import page_rows

    for text, _ in page_rows(page.ocr):
        t = _row_text(text)
        if not _legend(t) and any(rx.search(t) for rx in (_GRADED, _GRADE_BEFORE, _GRADE_PROSE, _AWARDED)):
            return True
    if len(_grade_cells(page)) == 1 or page.fields.get(GRADE_MARK):
        return True
    grade = letter_grade(page)  # A (甲) is the top grade on every scale; any other letter needs its legend
    return grade is not None and (grade[1] is not None or grade[0] in "A甲")


def form_grade(page) -> str | None:
    """The one grade a form gives (its slot's first, then the opinion's, then its prose's,
    then a cell of its own or a letter its legend names), or None where it gives none or
    several the same way (a summary's 本人2021年度考核为优秀 beside the slot's 合格 is the
    slot's).

    >>> form_grade(_page_form("考核等次：合格", "本人2021年度考核为优秀")), form_grade(_page_form("确定该同志本年度为基本合格等次。"))
    ('合格', '基本合格')
    >>> form_grade(_page_form("评定等级：D", "说明：评定等级A为优秀、B为良好、C为合格、D为基本合格、E为不合格。"))
    '基本合格'
    >>> form_grade(_page_form("考核等次：", "优秀", "合格", "基本合格口不合格")) is None
    True
    """
    from verify.read.names import page_rows

    rows = [_row_text(text) for text, _ in page_rows(page.ocr)]
    for rx in (_GRADED, _AWARDED, _GRADE_BEFORE, _GRADE_PROSE):
        found = {_GRADE.findall(m.group(0))[-1] for t in rows if not _legend(t) for m in rx.finditer(t)}
        if found:
            return found.pop() if len(found) == 1 else None
    cells = _grade_cells(page)
    if len(cells) == 1:
        return cells.pop()
    letter = letter_grade(page)
    return letter[1] if letter else None


#: the grades of a civil servant's form (称职) and of others' (合格) that are the same grade
_CIVIL_SERVICE = {"称职": "合格", "基本称职": "基本合格", "不称职": "不合格"}


def _same_grade(a: str, b: str) -> bool:
    """Whether two documents give one grade (称职 on a 公务员 form is the table's 合格).

    >>> _same_grade("称职", "合格"), _same_grade("合格", "基本合格"), _same_grade("优秀", "优秀")
    (True, False, True)
    """
    return _CIVIL_SERVICE.get(a, a) == _CIVIL_SERVICE.get(b, b)


def ticked_grade(page) -> bool:
    """Whether the form gives its grade only by a mark on its printed choices (□优秀 □合格
    □基本合格 □不合格, one ticked or circled): the recogniser reads the choices, not the
    mark; which one is chosen is read from the pixels (``fields[GRADE_MARK]``,
    :mod:`verify.marks.choices`). A grade in words decides only in its slot at the start
    of a line (考核等次：合格); one in an opinion's prose beside the choices is a proposal,
    not the unit's mark (trust exploration 8, P20: 建议考核等次为合格 passed a 基本合格☑).

    >>> ticked_grade(_page_form("考核等次：", "优秀", "合格", "基本合格口不合格")), ticked_grade(_page_form("考核等次：合格"))
    (True, False)
    >>> ticked_grade(_page_form("考核等次：合格", "优秀 合格 基本合格 不合格"))
    False
    >>> ticked_grade(_page_form("建议考核等次为合格。", "考核等次", "优秀口", "合格", "基本合格", "不合格口"))
    True
    """
    from verify.read.extract import slot_grade

    return slot_grade(page.ocr) is None and len(_grade_cells(page)) >= 2


#: a year's assessment is made at its end: a form dated before this day of the year it
#: assesses was made before that year had ended (a date before the December before that
#: year is some other fact of the form's, 参加工作 or 任现职 beside a signing date left unread)
_EARLIEST_SIGNING = (11, 1)
#: a line that says which year its summary is about: 2022年，本人… / 本人2022年度… / 该同志2022年…
#: (本人2019年参加工作 is the applicant's history, not the year the summary is about)
_SUMMARY_YEAR = re.compile(r"^(?:[^\d:：]{0,6}[:：])?\s*((?:19|20)\d\d)\s*年度?\s*[,，]|(?:本人|该同志)\s*(?:在|于)?\s*((?:19|20)\d\d)\s*年度")


def _page_form(*texts):
    """A form of ``texts``, one line each down the page (for the doctests)."""
    from ocr.model import OcrLine, OcrPage
    from verify.model import PageRead
    from verify.read.dates import extract_dates

    box = lambda i: ((0, 60 * i), (900, 60 * i), (900, 60 * i + 40), (0, 60 * i + 40))
    ocr = OcrPage(1000, 60 * len(texts) + 100, [OcrLine(t, box(i), 0.9, i) for i, t in enumerate(texts)])
    return PageRead("k.jpg", 1, ocr, kind="annual_assessment", dates=extract_dates(ocr, "annual_assessment"))


def own_date(page) -> DateMention | None:
    """The latest date a form bears as its own, to the month or day: a date alone on its
    line or after a short label (考核日期, 单位盖章, 本人签字：张伟); not a date inside the
    summary's sentences, nor a birth date.

    >>> own_date(_page_form("2023年度考核登记表", "2022年，本人认真完成了监测任务", "考核日期", "2023年1月12日")).date.iso()
    '2023-01-12'
    >>> own_date(_page_form("2023年度考核登记表", "本人于2023年5月参加了全省水质监测培训并取得合格证书")) is None
    True
    """
    own = []
    for m in page.dates:
        if m.role not in (None, "issue") or m.date.precision not in ("day", "month") or m.bbox is None:
            continue
        line = mention_line(page.ocr, m)
        rest = re.sub(r"[\s\d:：()（）]", "", line.text.replace(m.text, "")) if line is not None else ""
        if line is not None and len(rest) <= 10:  # not by its role alone: a summary's date may be the lowest one
            own.append(m)
    return max(own, key=lambda m: m.date.latest(), default=None)


def summary_year(page, year: int) -> int | None:
    """The one year other than ``year`` that a form's summary says it is about (2022年，本人…
    on a form titled 2023), where the body never names ``year`` itself; else None. Other
    years the body names (本人于2019年取得…资格: the applicant's history) do not hide it.

    >>> summary_year(_page_form("2023年度考核登记表", "2022年，本人认真完成了监测任务", "2023年1月12日"), 2023)
    2022
    >>> summary_year(_page_form("2023年度考核登记表", "2020年，本人认真完成了监测任务。", "本人于2019年取得助理工程师资格。"), 2023)
    2020
    >>> summary_year(_page_form("2022年度考核登记表", "本人2021年度考核为优秀，2022年度继续认真履行岗位职责。"), 2022) is None
    True
    """
    body = {m.date.year for m in page.dates if m.role is None and m.date.precision == "year"}
    if year in body:
        return None
    said = set()
    for line in page.ocr.lines:
        m = _SUMMARY_YEAR.search(line.text.strip())
        if m:
            said.add(int(m.group(1) or m.group(2)))
    return said.pop() if len(said) == 1 and year not in said else None


#: what an annual assessment form asks, one label each (a form prints many of them)
_FORM_LABELS = ("姓名", "性别", "出生", "民族", "政治面貌", "文化程度", "学历", "单位", "部门", "职务", "岗位", "职称",
                "等次", "考核结果", "考核意见", "意见", "评语", "总结", "述职", "签字", "签名", "盖章", "任现职", "工作")
#: how many of them make a page a form rather than a note that names one
_MIN_FORM_LABELS = 3


def form_labels(pages) -> int:
    """How many of :data:`_FORM_LABELS` the pages print.

    >>> form_labels([_page_form("2022年度考核表 已提交")]), form_labels([_page_form("2022年度考核登记表", "姓名 张伟 性别 男", "考核等次 合格")])
    (0, 3)
    """
    text = "".join(re.sub(r"\s", "", line.text) for p in pages for line in p.ocr.lines)
    return sum(label in text for label in _FORM_LABELS)


#: a summary table's columns: the year's and the result's (考核年度 / 考核结果, 年度 / 考核等次)
_TABLE_HEAD = re.compile(r"年度.{0,12}?(?:结果|等次|等级)")
#: a row of it: an optional 序号, the year, then its cells (合格 已存档)
_TABLE_ROW = re.compile(r"^[\s\d.、]{0,6}?((?:19|20)\d\d)\s*(?:年度|年(?!\s*[\d一二三四五六七八九十〇]{1,2}\s*月)|(?=\s|$))\s*(.*)$")
#: what a row's cells may hold besides its grade: a remark (已存档), no sentence
_ROW_REST = re.compile(r"[^。，,；;：:]{0,16}")


def table_rows(page) -> dict[int, tuple[str | None, tuple]]:
    """An HR table certifying several years' results (年度考核情况证明, 近五年年度考核情况:
    rows of year and grade under a 考核年度 / 考核结果 head), as ``{year: (grade, box)}``;
    the grade ``None`` where its row gives none the page reads, or more than one. ``{}``
    for a page that is no such table: no head, or fewer than two year rows with their
    grade read (a form whose summary names several years has no rows of year and
    grade alone).

    >>> rows = table_rows(_page_table(["专业技术人员年度考核情况证明"], ["序号", "考核年度", "考核结果", "备注"],
    ...                               ["1", "2021年度", "合格", "已存档"], ["2", "2022年度", "基本合格", "已存档"], ["3", "2023年度"]))
    >>> {y: g for y, (g, _) in rows.items()}
    {2021: '合格', 2022: '基本合格', 2023: None}
    >>> table_rows(_page_form("2023年度考核登记表", "考核年度 2023 考核结果 合格", "本人2021年度考核优秀，2022年度考核合格。"))
    {}
    >>> sorted(table_rows(_page_table(["考核年度", "考核结果"], ["2022年度", "合格"], ["2023年", "合格"], ["2024年10月15日"])))
    [2022, 2023]
    >>> table_rows(_page_form("2023年度考核登记表", "考核年度 2023 考核结果 合格", "2021年度考核优秀", "2022年度考核合格"))
    {}
    """
    from verify.read.names import page_rows

    text = re.sub(r"\s", "", page.ocr.text)
    if not _TABLE_HEAD.search(text) or "考核" not in text:
        return {}
    rows: dict[int, list] = {}
    lines = page.ocr.lines
    for text, box in page_rows(page.ocr):
        m = _TABLE_ROW.match(text.strip())
        if not m or not _ROW_REST.fullmatch(m.group(2).strip()):
            continue
        year, cells = int(m.group(1)), m.group(2).split()
        grades = {g for c in cells if (g := _grade_cell(c))}
        if cells and not grades:
            continue  # a line of words after a year (2021年度考核优秀: a summary), no row of the table
        grade = grades.pop() if len(grades) == 1 else None
        if not cells:
            # a year in a cell of its own, its row not joined: its grade is in the next cell read
            i = next((i for i, l in enumerate(lines) if l.text == text and tuple(l.bbox) == tuple(box)), None)
            for l in (lines[i + 1:i + 4] if i is not None else ()):
                if _TABLE_ROW.match(l.text.strip()):
                    break
                if cell := _grade_cell(l.text.strip()):
                    grade = cell
                    break
        rows.setdefault(year, []).append((grade, box))
    out = {}
    for year, read in rows.items():
        grades = {g for g, _ in read if g is not None}
        box = next((b for g, b in read if g is not None), read[0][1])
        out[year] = (grades.pop() if len(grades) == 1 else None, box)
    return out if sum(g is not None for g, _ in out.values()) >= 2 else {}


def _grade_cell(text: str) -> str | None:
    """The one grade a cell holds alone (合格, □合格 ☑): None for words around it."""
    grades = _GRADE.findall(text)
    return grades[0] if len(grades) == 1 and _MARKS.fullmatch(_GRADE.sub("", text)) else None


def _page_table(*rows):
    """A page of ``rows``, each a list of cells side by side (for the doctests)."""
    from ocr.model import OcrLine, OcrPage
    from verify.model import PageRead
    from verify.read.dates import extract_dates

    cells = [(i, j, t) for i, row in enumerate(rows) for j, t in enumerate(row)]
    box = lambda i, j: ((200 * j, 60 * i), (200 * j + 150, 60 * i), (200 * j + 150, 60 * i + 40), (200 * j, 60 * i + 40))
    ocr = OcrPage(1000, 60 * len(rows) + 100, [OcrLine(t, box(i, j), 0.9, k) for k, (i, j, t) in enumerate(cells)])
    return PageRead("t.jpg", 1, ocr, kind="annual_assessment", dates=extract_dates(ocr, "annual_assessment"))


def _someone_elses(page, name: str | None) -> str | None:
    """The other person a year's form is about, or None: a person's name read on it two characters or more from the
    applicant's (look-alikes as one: :func:`verify.rules.identity_name._surely_another`), the applicant's name nowhere
    on the page."""
    from verify.read.names import name_on_page
    from verify.rules.identity_name import _surely_another

    if not name or page.ocr is None or name_on_page(page.ocr, name)[0] == "present":
        return None
    return next((n for n in page.names if _surely_another(n, name)), None)


def check(d: Dossier) -> list[Finding]:
    pages = d.pages_of("annual_assessment")
    found: dict[int, object] = {}
    undated = []
    tables = d.assessment_tables
    for p in pages:
        year = assessment_year(p)
        if any(p is t for t, _ in tables):
            continue  # judged row by row below
        if year is None:
            undated.append(p)
        else:
            found.setdefault(year, p)
    # a form over two years (2021—2022年度) stands for no one year: the years only it covers are named on its
    # one review, not each a review of its own saying a form's year was not read (probe trust24 R05: three
    # reviews, two of them wrong, for one form)
    spans = {id(p): (m.date.year - 1, m.date.year) for p in undated if (m := _span(p)) is not None}
    unread = [p for p in undated if id(p) not in spans]
    covered: dict[int, list[int]] = {}
    findings = []
    missing = [y for y in d.campaign.assessment_years if y not in found]
    maybe = maybe_of_kind(d, "annual_assessment") if missing and not undated else []
    for year in d.campaign.assessment_years:
        if year in found:
            of_year = [p for p in pages if assessment_year(p) == year]
            whose = [_someone_elses(p, d.applicant.name) for p in of_year]
            own = [p for p, other in zip(of_year, whose) if other is None]
            if not own:
                # the year's only form is another person's (a colleague's form filed in this dossier, probe trust20
                # P06): identity.name fails it where the reading is sure; the year has no form of the applicant's
                p, other = of_year[0], whose[0]
                findings.append(finding(RULE_ID, "review", f"{year} 年度考核表（{p.where}）上的姓名为「{other}」，不是申报人"
                                        f"「{d.applicant.name}」；未见申报人本人的 {year} 年度考核表，请人工核对", p, value=other,
                                        expected=str(year)))
                continue
            of_year = own
            graded = [(p, g) for p in of_year if (g := low_grade(p))]
            listed = [(t, r[year]) for t, r in tables if year in r and r[year][0] is not None]
            if graded:
                # a form that records a failing year is no ordinary year's evidence (probe alt13 a10)
                p, grade = graded[0]
                word = (_GRADE.findall(grade) or [grade])[-1]  # 基本合格 of D（基本合格）
                table = next((g for _, (g, _) in listed if not _same_grade(g, word)), None)
                also = f"（年度考核情况证明所列为「{table}」，两份材料不一致）" if table else ""
                findings.append(finding(RULE_ID, "review", f"已提交 {year} 年度考核表，但考核等次为「{grade}」{also}，"
                                        "请人工核对是否符合申报条件", p, value=grade, expected=str(year)))
                continue
            given = [(p, g) for p in of_year if (g := form_grade(p))]
            unlike = [(t, row, p, g) for t, row in listed for p, g in given if not _same_grade(row[0], g)]
            if unlike:
                # the unit's table of years and the year's form give two grades: the better one
                # is no evidence while the other stands (a table's 基本合格 beside a form's 合格)
                t, (grade, box), p, own = unlike[0]
                findings.append(finding(RULE_ID, "review", f"{year} 年度考核等次两份材料不一致：年度考核表（{p.file}）为「{own}」，"
                                        f"年度考核情况证明所列为「{grade}」，请人工核对", t, bbox=box, value=grade,
                                        expected=str(year)))
                continue
            ticked = [p for p in of_year if ticked_grade(p)]
            # (its own name: ``unread``, the forms whose year was not read, is asked of a later missing year)
            unmarked = [p for p in ticked if not p.fields.get(GRADE_MARK)]
            if unmarked:
                # □优秀 □合格 □基本合格 □不合格 with one ticked: a 基本合格 passed unseen (trust exploration 3, P25)
                findings.append(finding(RULE_ID, "review", f"已提交 {year} 年度考核表，其考核等次以勾选方式填写，未能识别所选等次，"
                                        "请人工核对是否为合格及以上", unmarked[0], expected=str(year)))
                continue
            low = [(p, g) for p in ticked if (g := p.fields[GRADE_MARK]) in _LOWER_GRADES]
            if low:
                p, grade = low[0]
                findings.append(finding(RULE_ID, "review", f"已提交 {year} 年度考核表，但考核等次勾选为「{grade}」，"
                                        "请人工核对是否符合申报条件", p, value=grade, expected=str(year)))
                continue
            dated = [(p, m) for p in of_year if (m := own_date(p)) is not None
                     and _dt.date(year - 1, 12, 1) <= m.date.earliest() and m.date.latest() < _dt.date(year, *_EARLIEST_SIGNING)]
            if dated:
                # a form signed before its year had ended (or begun: 2022年12月28日 on a 2023
                # form): another year's form with its title edited
                p, m = dated[0]
                findings.append(finding(RULE_ID, "review", f"{year} 年度考核表的落款日期为 {m.date.iso()}（“{m.text}”），"
                                        "考核表落款日期早于所考核年度结束，请核实是否为其他年度的考核表改动而来", p, bbox=m.bbox,
                                        value=m.date.iso(), expected=str(year)))
                continue
            end = d.campaign.submission_end
            # (a year or more past it is a misread year, 2028年2月: no form is signed then)
            late = [(p, m) for p in of_year if (m := own_date(p)) is not None
                    and end is not None and end < m.date.earliest() <= end + _dt.timedelta(days=366)]
            if late:
                # signed after the dossier had to be handed in (2025年1月10日 for a 2024 campaign)
                p, m = late[0]
                findings.append(finding(RULE_ID, "review", f"{year} 年度考核表的落款日期为 {m.date.iso()}（“{m.text}”），"
                                        f"晚于本批次申报材料报送截止日期 {end.isoformat()}，请核实日期", p, bbox=m.bbox,
                                        value=m.date.iso(), expected=str(year)))
                continue
            other = [(p, y) for p in of_year if (y := summary_year(p, year)) is not None]
            if other:
                p, y = other[0]
                findings.append(finding(RULE_ID, "review", f"{year} 年度考核表的个人总结所述为 {y} 年，"
                                        "请核实是否为其他年度的考核表改动而来", p, value=str(y), expected=str(year)))
                continue
            forms = [g for g in d.groups_of("annual_assessment") if any(assessment_year(p) == year for p in g.pages)]
            if forms and max(form_labels(g.pages) for g in forms) < _MIN_FORM_LABELS:
                # a page naming the year's form is not the form: 「2022年度考核表 已提交」 alone stood in
                # for the missing one (hostile exploration 2, P4)
                findings.append(finding(RULE_ID, "review", f"{year} 年度考核表（{forms[0].where}）未见考核表的栏目（如姓名、"
                                        "考核等次、单位意见），请人工核对是否为完整的年度考核登记表", found[year], value=str(year)))
                continue
            ungraded = [p for p in of_year if not grade_given(p)]
            if ungraded and len(ungraded) == len(of_year):
                # a grade slot left blank, or a grade the page gives in words no rule reads
                # (评定等级：D without its legend): never a pass unread (trust exploration 5, W4, W9)
                p = ungraded[0]
                letter = letter_grade(p)
                said = f"考核等次为「{letter[0]}」，表上未说明该等级对应的等次" if letter else "未能识别考核等次（等次栏为空或无法识别）"
                findings.append(finding(RULE_ID, "review", f"已提交 {year} 年度考核表，但{said}，请人工核对是否为合格及以上",
                                        p, value=letter[0] if letter else None, expected=str(year)))
                continue
            findings.append(finding(RULE_ID, "pass", f"已提交 {year} 年度考核表", found[year], value=str(year)))
        elif rows := [(p, r[year]) for p, r in tables if year in r]:
            findings.append(_table_finding(year, *rows[0]))
        elif over := [p for p in undated if id(p) in spans and spans[id(p)][0] <= year <= spans[id(p)][1]]:
            covered.setdefault(id(over[0]), []).append(year)
        elif unread:  # the form whose year was not read may be this year's
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（有 {len(unread)} 页年度考核表未能识别年度），请人工核对", expected=str(year)))
        elif maybe:
            findings.append(Finding(RULE_ID, "review", f"未找到 {year} 年度考核表（{where(maybe)}可能是年度考核表，未能识别其类型），请人工核对", file=maybe[0].file, page=maybe[0].page,
                                    expected=str(year)))
        elif tables:
            findings.append(_missing_row(d, year, tables))
        else:
            # a form of a year the campaign does not ask for (2020's in place of 2021's: probe trust24 P04) is named,
            # the desk seeing why the year is missing though a form is there
            outside = sorted(y for y in found if y not in d.campaign.assessment_years)
            also = f"（材料中另有 {'、'.join(map(str, outside))} 年度考核表，不在本次要求的年度内）" if outside else ""
            findings.append(Finding(RULE_ID, d.missing_status, f"缺少 {year} 年度考核表{also}{d.unreadable_note}", expected=str(year)))
    if not missing:
        # every year asked for has its form: a form whose year was not read but that its own date puts before any of
        # them could be signed (an applicant's 1990s form kept with the current ones: 二〇〇〇年度 read 二OO, signed
        # 2000年12月25日) is the applicant's history, no year's form in doubt (probe trust28 C15)
        undated = [p for p in undated if id(p) in spans or not _signed_before(p, d.campaign.assessment_years)]
    return [_undated(p, covered.get(id(p), [])) for p in undated] + findings


def _signed_before(p, years) -> bool:
    """Whether the form's own date (:func:`own_date`) lies before the December before the first of ``years``: the
    earliest day a form of any of them is signed (:data:`_EARLIEST_SIGNING` reviews those signed that December on).

    >>> _signed_before(_page_form("二OO年度考核登记表", "考核等次 合格", "二〇〇〇年十二月二十五日"), [2021, 2022, 2023])
    True
    >>> _signed_before(_page_form("二O二年度考核登记表", "考核等次 合格", "二〇二二年一月十日"), [2021, 2022, 2023])
    False
    >>> _signed_before(_page_form("二O二年度考核登记表", "考核等次 合格"), [2021, 2022, 2023])
    False
    """
    signed = own_date(p)
    return signed is not None and signed.date.latest() < _dt.date(min(years) - 1, 12, 1)


def _span(p) -> DateMention | None:
    """The last year of the two a form's title spans (2022年度 of 2021—2022年度), or None."""
    span = p.dates_with_role("assessment_span")
    return span[0] if span else None


def _undated(p, years: list[int] = ()) -> Finding:
    """The review of a form whose year was not read, or that assesses two years at once (2021—2022年度); ``years``:
    the campaign's years no one year's form or table row gives that it covers."""
    m = _span(p)
    if m is not None:
        lack = f"；未见 {'、'.join(map(str, years))} 年度的单一年度考核表" if years else ""
        return finding(RULE_ID, "review", f"该考核表为跨年度考核表（{m.date.year - 1}—{m.text}），不是单一年度的考核表{lack}，"
                       "请人工核对所考核的年度", p, bbox=m.bbox, value=m.text,
                       expected="、".join(map(str, years)) if years else None)
    return finding(RULE_ID, "review", "未能识别该年度考核表的考核年度，请人工核对", p)


def _table_finding(year: int, p, row: tuple[str | None, tuple]) -> Finding:
    """A year the unit's summary table lists (:func:`table_rows`): its grade read as a
    form's is (trust exploration 7, C3: the table of 2019–2023, all 合格, was three
    reviews; P06: its 2022年度 基本合格 row was never mentioned)."""
    grade, box = row
    if grade is None:
        return finding(RULE_ID, "review", f"年度考核情况证明列有 {year} 年度，但未能识别其考核等次，请人工核对是否为合格及以上",
                       p, bbox=box, expected=str(year))
    if grade in _LOWER_GRADES:
        return finding(RULE_ID, "review", f"年度考核情况证明所列 {year} 年度考核等次为「{grade}」，请人工核对是否符合申报条件",
                       p, bbox=box, value=grade, expected=str(year))
    return finding(RULE_ID, "pass", f"年度考核情况证明载明 {year} 年度考核等次为「{grade}」", p, bbox=box, value=grade,
                   expected=str(year))


def _missing_row(d: Dossier, year: int, tables) -> Finding:
    """A year neither a form nor the summary table's rows give. It fails as a missing
    form does where the table's page never prints the year (trust exploration 7, P14: a
    table of 2018–2022 for a campaign asking 2021–2023 was a review); a table printing
    the year where no row of it was read (a row under the seal) asks a person."""
    p, rows = tables[0]
    listed = "、".join(str(y) for y in sorted(rows))
    if any(str(year) in re.sub(r"\s", "", t.ocr.text) for t, _ in tables):
        return finding(RULE_ID, "review", f"未找到 {year} 年度考核表；年度考核情况证明上印有“{year}”，但未能识别该年度的考核结果"
                       f"（识别到的年度为 {listed}），请人工核对", p, expected=str(year))
    return finding(RULE_ID, d.missing_status, f"缺少 {year} 年度考核表：年度考核情况证明所列年度为 {listed}，无 {year} 年度{d.unreadable_note}",
                   p, expected=str(year))
