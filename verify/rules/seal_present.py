"""seal.present: each document of a kind that needs a seal carries one.

A *possible* seal (grayscale copy, faint mark: ``certain=False``) is ``review``,
never a confident presence or absence; so is red ink the size and texture of a seal
where the search found none (``seal_ink``: :mod:`verify.marks.seals.residue`), and a
broken dark ring like a seal's on a copy (``seal_ring``). A ``fail`` needs a page with
no seal and no such trace, and a document that may not be of a kind needing no seal
(:func:`verify.rules.required.may_need_none`: a form taken for a recommendation form on
evidence nearly as strong for an evaluation form is a ``review``), scanned at a
resolution where a faint seal still shows (:data:`LOW_RESOLUTION`), in colour: on a copy
without any colour a worn seal over the text is a gray ring among gray print, which the
search can miss (``seal_gray``: such a copy's absence of a seal is a ``review``), unless
the copy shows no mark off its print at all (:func:`blank_copy`: not even faint ink a
seal could be, where a seal's ring would reach past the lines). A seal
cut by the page edge (:func:`cut_at_edge`: a 骑缝章's part) is no document's own seal:
alone, it is a ``review``."""
from __future__ import annotations

from verify.marks.seals import MAX_SEALS_PER_DOSSIER, MAX_SEALS_PER_PAGE
from verify.model import KIND_NAMES_ZH, Finding
from verify.rules import Dossier, finding
from verify.rules.required import may_need_none, other_titles

RULE_ID = "seal.present"


#: what the seal search leaves where it found no seal (``PageRead.fields`` key, its box),
#: in the order they are reported, and what the review says of it
_TRACES = (
    ("seal_ink", "上有红色印迹，但未能确认为印章（可能残缺、过淡或与文字重叠）"),
    ("seal_ring", "（复印件）上有残缺的圆形印迹，可能是磨损或复印不清的印章"),
)


def is_seal(seal, unit_names=()) -> bool:
    """A confident seal, or a possible one (a dark ring on a grayscale copy) with a
    seal's five-pointed star at its centre or whose arc text reads as the
    applicant's unit (or a human-resources department, :data:`ISSUERS`), even in
    part or half misread (抚清源境检测有展 for 抚顺市清源环境检测有限公司, 工顺人和社会保障中
    for …人力资源和社会保障局), or as some body's name (…人力资源和社会保障局): a ring
    with a star or a body's name along it is a seal (whose seal it is, ``seal.unit``
    decides)."""
    from verify.marks.seals import reads_as_a_body, reads_as_part_of_unit, reads_much_of_unit

    readings = [r for r in (seal.readings or ()) if float(r[1]) >= MIN_SCORE]
    return (seal.certain or "star" in (seal.traits or ()) or seal.unit_match == "unit"
            or reads_as_part_of_unit(seal.text, unit_names)
            or any(reads_much_of_unit(r[0], (*unit_names, *ISSUERS)) for r in readings)
            or any(reads_as_a_body(r[0]) and float(r[1]) >= 0.6 for r in readings))


def cut_at_edge(seal) -> bool:
    """Whether ``seal`` is cut by the page edge, :data:`EDGE_CUT` of its ring or more
    outside the image: a 骑缝章's part, never a document's seal on its own.

    >>> from verify.model import SealMark
    >>> cut_at_edge(SealMark((1089, 755, 1240, 1003), 0.9, cut=0.42)), cut_at_edge(SealMark((0, 0, 9, 9), 0.9, cut=0.05))
    (True, False)
    """
    return float(getattr(seal, "cut", 0.0) or 0.0) >= EDGE_CUT


#: a page's shorter side taken as an A4 sheet's (mm), to measure a seal against
PAGE_MM = 210
#: a seal this wide or less (mm, :func:`seal_mm`) is no unit's seal: an official or special-purpose seal is
#: 38-45 mm across (40 mm on an A3 spread, its short side taken as A4's, measures 28), a personal name seal
#: (人名章) 10-25 mm (probe trust29 P18: the head's 18 mm square 赵立新印 alone, measured 21)
NAME_SEAL_MM = 26


def seal_mm(page, seal) -> float | None:
    """The seal's diameter in millimetres, its box against the page's shorter side taken as an A4 sheet's
    (:data:`PAGE_MM`), whatever the scan's resolution; None where the page's size is unknown.

    >>> from types import SimpleNamespace as NS
    >>> from verify.model import SealMark
    >>> round(seal_mm(NS(ocr=NS(width=1240, height=1754)), SealMark((853, 835, 977, 960), 0.6)))
    21
    >>> round(seal_mm(NS(ocr=NS(width=827, height=1170)), SealMark((0, 0, 165, 165), 0.9))), seal_mm(NS(ocr=None), SealMark((0, 0, 9, 9), 0.9))
    (42, None)
    """
    ocr = getattr(page, "ocr", None)
    short = min(ocr.width, ocr.height) if ocr is not None and ocr.width and ocr.height else 0
    if short <= 0:
        return None
    x0, y0, x1, y1 = seal.bbox
    return ((x1 - x0) + (y1 - y0)) / 2 * PAGE_MM / short


#: a personal name seal holds a name of two to four characters and 印, 之印 or 章: a reading this long or longer
#: is a body's name, on a department's small seal or a seal the page's size misjudges, not a person's
NAME_SEAL_CHARS = 6


def name_seal_sized(page, seal) -> float | None:
    """The seal's diameter (mm, :func:`seal_mm`) where it is whole and a personal name seal's size
    (:data:`NAME_SEAL_MM` or less) and not read as a body's name (fewer than :data:`NAME_SEAL_CHARS` characters),
    else None.

    >>> from types import SimpleNamespace as NS
    >>> from verify.model import SealMark
    >>> page = NS(ocr=NS(width=1240, height=1754))
    >>> round(name_seal_sized(page, SealMark((853, 835, 977, 960), 0.6, text="游过")))
    21
    >>> [name_seal_sized(page, SealMark(b, 0.9, text=t, cut=c)) for b, t, c in (((853, 835, 977, 960), "抚顺市生态环境监测站", 0),
    ...                                                                      ((0, 0, 240, 240), "", 0), ((1160, 0, 1240, 124), "", 0.4))]
    [None, None, None]
    """
    from verify.read.hanzi import cjk_count

    mm = None if cut_at_edge(seal) else seal_mm(page, seal)
    return mm if mm is not None and mm <= NAME_SEAL_MM and cjk_count(seal.text or "") < NAME_SEAL_CHARS else None


def name_seal_size(seals) -> float | None:
    """The diameter (mm) of the first of ``seals`` ((page, seal)) where every one is whole, a personal name seal's
    size and not read as a body's name (:func:`name_seal_sized`), else None (a seal of a
    unit seal's size or read as a body's name, one cut by the page edge, a page of unknown size).

    >>> from types import SimpleNamespace as NS
    >>> from verify.model import SealMark
    >>> page = NS(ocr=NS(width=1240, height=1754))
    >>> round(name_seal_size([(page, SealMark((853, 835, 977, 960), 0.6))]))
    21
    >>> name_seal_size([(page, SealMark((853, 835, 977, 960), 0.6)), (page, SealMark((0, 0, 240, 240), 0.9))]) is None
    True
    >>> name_seal_size([(NS(ocr=NS(width=827, height=1170)), SealMark((0, 0, 125, 126), 0.9))]) is None  # 100 dpi
    True
    """
    sizes = [name_seal_sized(p, s) for p, s in seals]
    return sizes[0] if sizes and None not in sizes else None


#: a seal with this share of its fitted ring outside the image is cut by the page edge
#: (a 骑缝章's part keeps 0.4-0.6 of it; a seal stamped near the edge of a page scanned
#: a little short loses a sliver)
EDGE_CUT = 0.25


#: a ring's reading this sure (mean character score) or more can show it is a seal
MIN_SCORE = 0.5
#: the bodies that stamp what the applicant's unit does not: every title certificate
#: carries a human-resources department's seal (…人力资源和社会保障局/厅)
ISSUERS = ("人力资源和社会保障局", "人力资源和社会保障厅")


#: a page image shorter than this (pixels, its shorter side: an A4 page below about 120 dpi)
#: shows a faint or worn seal as a few blurred pixels of ring, which the seal search was
#: never measured to find (the benchmarks scan at 150-300 dpi): a faint, worn seal on a
#: blurred 110 dpi photo of a certificate (909 px) was missed, and seal.present failed a
#: clean document. No seal found on such a page is a review, never a fail.
LOW_RESOLUTION = 1000


def _low_resolution(pages) -> int | None:
    """The largest short side (pixels) where every page is below :data:`LOW_RESOLUTION`,
    else None (a page of known size at or above it, or no size known).

    >>> from types import SimpleNamespace as NS
    >>> _low_resolution([NS(ocr=NS(width=1286, height=909))]), _low_resolution([NS(ocr=NS(width=1654, height=2339))])
    (909, None)
    """
    sides = [min(p.ocr.width, p.ocr.height) for p in pages if getattr(p, "ocr", None) is not None and p.ocr.width]
    return max(sides) if sides and max(sides) < LOW_RESOLUTION else None


def _shared(p, d: Dossier) -> set[str]:
    """The other documents' kinds an image shows beside the page's own: a title of
    another kind as a line of its own (:func:`~verify.rules.required.other_titles`), or
    an annual form naming two assessment years (two forms side by side: a spread); not
    the unit's one table of several years' results (:attr:`Dossier.assessment_tables`,
    trust exploration 7, C3)."""
    kinds = other_titles(p)
    if (p.kind == "annual_assessment" and len({m.date.year for m in p.dates_with_role("assessment_year")}) > 1
            and not any(p is t for t, _ in d.assessment_tables)):
        kinds.add(p.kind)
    return kinds


def check(d: Dossier) -> list[Finding]:
    findings = []
    for g in d.groups_of(*d.campaign.kinds_where("seal")):
        seals = [s for p in g.pages for s in p.seals]
        units = d.applicant.unit_names
        # a seal cut by the page edge is part of a 骑缝章 stamped across two sheets' edges:
        # it joins the sheets, it is not the document's own seal (trust exploration 8, P21:
        # a 推荐表 with no seal in its opinion box passed on 40 % of one at its right edge)
        cut = [(p, s) for p in g.pages for s in p.seals if cut_at_edge(s)]
        sure = [(p, s) for p in g.pages for s in p.seals if not cut_at_edge(s) and is_seal(s, units)]
        own = [(p, s) for p, s in sure if not _shared(p, d)]
        if sure and not own:
            # every seal seen is in an image holding another document too (a form
            # photographed lying on the stamped 推荐表, a spread): the seal may be on the
            # other sheet (probe alt22 D31 passed an unstamped 考核表 on the 推荐表's seal,
            # D32 the unstamped left page of a 考核表 spread on the right page's)
            page, s = sure[0]
            others = "、".join(KIND_NAMES_ZH.get(k, k) for k in sorted(_shared(page, d)))
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}的图像中还有{others}，所见印章可能盖在另一份材料上，"
                                    f"请人工确认{g.kind_zh}本身是否加盖印章", page, bbox=s.bbox, value=s.text))
        elif sure:
            page, s = own[0]
            copy = ("" if s.certain else "（复印件上可见印章轮廓）" if "star" in (s.traits or ()) or not s.text
                    else f"（复印件或印迹不清，印文识别为「{s.text}」）")
            findings.append(finding(RULE_ID, "pass", f"{g.kind_zh}已加盖印章{copy}", page, bbox=s.bbox, value=s.text))
        elif len(cut) == len(seals) > 0:
            page, s = cut[0]
            read = f"（印文识别为「{s.text}」）" if s.text else ""
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上仅见页面边缘被截断的部分印章{read}，可能是骑缝章（跨页加盖）的一部分，"
                                    f"未见完整的印章，请人工确认{g.kind_zh}本身是否加盖单位公章", page,
                                    bbox=s.bbox, value=s.text))
        elif seals:
            page, whole = next((p, ws) for p in g.pages if (ws := [s for s in p.seals if not cut_at_edge(s)]))
            # a coloured oval read as no name: most often a contract, finance or invoice seal,
            # whose text runs round an oval the unwrap does not follow (trust exploration 3: a
            # crisp 合同专用章 was told 复印件或印迹不清)
            oval = next((s for s in whole if s.shape == "ellipse" and s.color in ("red", "blue")), None)
            # every mark no wider than a personal name seal (人名章): small on the page, not in the scan (probe
            # trust29 P18: the head's 18 mm name seal alone was told 复印件或印迹不清)
            small = name_seal_size([(q, t) for q in g.pages for t in q.seals if not cut_at_edge(t)])
            why = ("有彩色椭圆形印迹，未能识别其印文（椭圆形印章多为合同、财务、发票等专用章，不是单位公章）" if oval is not None
                   else f"仅见直径约 {small:.0f} 毫米的小印章（按页面宽度估算），远小于单位公章（约 40 毫米），多为个人名章（人名章）"
                   if small is not None else "疑似有印章（复印件或印迹不清）")
            findings.append(finding(RULE_ID, "review", f"{g.kind_zh}上{why}，请人工确认是否加盖单位公章", page,
                                    bbox=(oval or whole[0]).bbox))
        else:
            findings.append(no_seal_found(d, g))
    return findings


def ring_text(page) -> str:
    """What a broken ring on a copy (``seal_ring``) read along it, worded for a message
    (``seal_ring_text``, set by the pipeline), else "".

    >>> from types import SimpleNamespace as NS
    >>> ring_text(NS(fields={"seal_ring": "1,2,3,4", "seal_ring_text": "顺市生态环境事"})), ring_text(NS(fields={}))
    ('（印迹上的文字识别为「顺市生态环境事」）', '')
    """
    text = page.fields.get("seal_ring_text")
    return f"（印迹上的文字识别为「{text}」）" if text and "seal_ring" in page.fields else ""


#: the limits on seals read (:func:`verify.marks.seals.within_seal_limits`), as a finding says them
SEAL_LIMITS_ZH = f"（每页 {MAX_SEALS_PER_PAGE} 枚、每份材料 {MAX_SEALS_PER_DOSSIER} 枚）"


def seals_not_read(pages) -> int:
    """How many seals found on the pages were past the reading limits, not read (one of
    them may be the unit's own: the seal rules then never fail on the seals read)."""
    return sum(int(p.fields.get("seals_not_read", 0)) for p in pages)


def no_seal_found(d: Dossier, g) -> Finding:
    """seal.present's finding for a document on which no seal was found: ``review``
    where one may be there unseen (a trace of red ink or of a broken ring, a failed
    search, a gray copy, a low resolution, a kind that may need none), else ``fail``.
    ``seal.unit`` asks the same person to check whose seal it is on a ``review``."""
    if traced := next(((p, field, what) for field, what in _TRACES for p in g.pages if field in p.fields), None):
        page, field, what = traced
        bbox = tuple(int(v) for v in page.fields[field].split(","))
        return finding(RULE_ID, "review", f"{g.kind_zh}{what}{ring_text(page)}，请人工确认是否加盖印章", page, bbox=bbox)
    if any("seal_search_failed" in p.fields for p in g.pages):
        return finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）印章检测未能完成，请人工确认是否加盖印章", g)
    if left := seals_not_read(g.pages):
        return finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）上疑似印章过多，另有 {left} 枚超出识别上限"
                       f"{SEAL_LIMITS_ZH}未识别，请人工确认是否加盖印章", g)
    if (other := may_need_none(d, g.pages, "seal")) is not None:
        return finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）未发现印章；但该页也像{KIND_NAMES_ZH.get(other, other)}"
                       "（无需盖章），请人工确认材料类型及是否须加盖印章", g)
    gray = all("seal_gray" in p.fields for p in g.pages)
    if gray and not all(blank_copy(p) for p in g.pages):
        return finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）页面基本无彩色（灰度复印件或黑白扫描；复印件上另盖的核对章、笔迹等少量彩色不算），未发现印章；"
                       "复印在灰度页面上的印章磨损或与文字重叠时可能无法识别，请人工确认是否加盖印章", g)
    if low := _low_resolution(g.pages):
        return finding(RULE_ID, "review", f"{g.kind_zh}（{g.where}）未发现印章；但图像分辨率较低（短边 {low} 像素），"
                       "过淡或残缺的印章可能无法识别，请人工确认是否加盖印章", g)
    seen = "（灰度复印件，页面上除印刷文字外未见任何印迹）" if gray else ""
    return finding(RULE_ID, "fail", f"{g.kind_zh}（{g.where}）未发现印章{seen}，按要求须加盖单位公章", g)


#: a gray copy whose densest seal-sized window holds less than this share of faint ink
#: off the print (``seal_gray_ink``: :func:`verify.marks.seals.blank.off_print_ink`) shows
#: no seal: the base benchmark's 150 gray pages with a seal hold 0.047 or more (a faint,
#: worn seal the search missed 0.075), a gray proof without one, a pen ring round its
#: title, 0.007
BLANK_INK = 0.015


def blank_copy(page) -> bool:
    """Whether a gray copy where no seal was found (``seal_gray``) shows no mark off its
    print a seal could be (``seal_gray_ink`` below :data:`BLANK_INK`): its absence is
    then seen, not merely unfound. No measure, no such page.

    >>> from types import SimpleNamespace as NS
    >>> blank_copy(NS(fields={"seal_gray": "1", "seal_gray_ink": "0.0068"}))
    True
    >>> [blank_copy(NS(fields=f)) for f in ({"seal_gray": "1", "seal_gray_ink": "0.0751"}, {"seal_gray": "1"})]
    [False, False]
    """
    try:
        return "seal_gray" in page.fields and float(page.fields["seal_gray_ink"]) < BLANK_INK
    except (KeyError, TypeError, ValueError):
        return False
