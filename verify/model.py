"""The dossier model: what an applicant claims, what was read from each page,
and what the rules found. ``report.json`` is a view of these objects.

Boxes are ``[x0, y0, x1, y1]`` integer pixels of the upright page image.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ocr.model import OcrPage
from verify.read.dates import PartialDate

Status = Literal["pass", "fail", "review"]
BBox = tuple[int, int, int, int]

DOCUMENT_KINDS = (
    "recommendation_form",
    "publicity_result",
    "annual_assessment",
    "education_verification",
    "continuing_education",
    "award_certificate",
    "achievement_proof",
    "journal_cover",
    "journal_toc",
    "paper",
    "retrieval_proof",
    "id_card",
    "title_certificate",
    "evaluation_form",
    "other",
)

KIND_NAMES_ZH = {
    "recommendation_form": "推荐表",
    "publicity_result": "公示结果",
    "annual_assessment": "年度考核表",
    "education_verification": "学历/学位查询结果",
    "continuing_education": "继续教育证明",
    "award_certificate": "获奖/荣誉/成果证书",
    "achievement_proof": "业绩证明（技术报告、鉴定、验收、采纳、效益证明）",
    "journal_cover": "期刊封面/版权页",
    "journal_toc": "期刊目录",
    "paper": "论文正文",
    "retrieval_proof": "论文检索证明",
    "id_card": "身份证复印件",
    "title_certificate": "专业技术资格证书",
    "evaluation_form": "评定表",
    "other": "其他",
}


#: The reviewer's name of each rule ID (the contract's 15 plus the dossier.readable extension).
RULE_NAMES_ZH: dict[str, str] = {
    "dossier.required": "必备材料齐全",
    "assessment.years": "近三年年度考核表齐全",
    "evidence.after_title": "业绩取得时间晚于现职称",
    "title.date": "资格证书日期与现职称一致",
    "journal.issn": "期刊 ISSN 有效且与申报一致",
    "journal.cn": "期刊 CN 刊号规范且与申报一致",
    "journal.registered": "期刊经批准登记且刊号刊名相符",
    "paper.retrieval": "论文有检索证明",
    "paper.relevance": "论文与申报专业相关",
    "seal.present": "材料加盖印章",
    "seal.unit": "印章为申报单位公章",
    "signature.present": "签字栏已签字",
    "identity.name": "材料所载姓名与申报人一致",
    "identity.id_number": "身份证号码有效且一致",
    "publicity.duration": "公示期不少于规定工作日",
    "dossier.readable": "材料文件可读取",  # extension: inputs that could not be read (docs/CONTRACT.md)
}


# ---------------------------------------------------------------- applicant


@dataclass(frozen=True)
class PaperClaim:
    title: str | None = None
    journal: str | None = None
    issn: str | None = None
    cn: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class AwardClaim:
    title: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class CurrentTitle:
    name: str
    date: PartialDate


@dataclass(frozen=True)
class Applicant:
    """``applicant.yaml`` after validation (see ``verify.applicant``)."""

    name: str
    unit: str
    unit_aliases: tuple[str, ...] = ()
    unit_kind: str = "institution"  # institution | enterprise | government
    id_number: str | None = None
    specialty: str | None = None
    level: str | None = None
    current_title: CurrentTitle | None = None
    papers: tuple[PaperClaim, ...] = ()
    awards: tuple[AwardClaim, ...] = ()
    campaign: str | None = None
    #: top-level keys of applicant.yaml that name no field (as written): a fact the applicant
    #: gave that no rule read (取得现职称时间 for current_title's date)
    unread_keys: tuple[str, ...] = ()

    @property
    def is_enterprise(self) -> bool:
        return self.unit_kind == "enterprise"

    @cached_property
    def unit_names(self) -> tuple[str, ...]:
        """The unit's name, its aliases, and each alias that names no place with the
        unit's own place before it (环境监测站 of 抚顺市生态环境监测站 is also
        抚顺市环境监测站): a seal carries its place, and another city's is not the unit's.
        Worked out once per applicant: the seal rules ask for it per seal and reading.

        >>> Applicant("杨振宇", "抚顺市生态环境监测站", ("环境监测站", "抚顺市环境监测中心站")).unit_names[1:]
        ('环境监测站', '抚顺市环境监测中心站', '抚顺市环境监测站')
        """
        from verify.marks.seals.matching import place_of, place_stem_of

        place = place_of(self.unit) or place_stem_of(self.unit)
        placed = tuple(place + a for a in self.unit_aliases
                       if place and not (place_of(a) or place_stem_of(a)) and place + a not in self.unit_aliases)
        return (self.unit, *self.unit_aliases, *placed)


# ---------------------------------------------------------------- page facts


@dataclass(frozen=True)
class DateMention:
    """A date read on a page.

    ``role`` is what the date means on that page: ``issue`` (a certificate's
    issue/award date), ``publication`` (journal issue), ``assessment_year``,
    ``publicity_start``, ``publicity_end``, ``title_date`` (评审通过/取得资格时间),
    ``birth``, ``former_title`` (原资格取得时间: the title held before), or ``None``
    when unknown.
    """

    date: PartialDate
    text: str
    bbox: BBox | None = None
    role: str | None = None

    def to_dict(self) -> dict:
        return {"date": self.date.iso(), "text": self.text, "bbox": list(self.bbox) if self.bbox else None, "role": self.role}


@dataclass
class SealMark:
    """A stamp found on a page.

    ``certain`` is False for a *possible* seal (a grayscale copy, a faint mark):
    rules treat it as ``review``, never as a confident presence or absence.
    ``unit_match``: ``unit`` (names the applicant's unit or an alias), ``other``
    (names another unit), ``unreadable``.
    """

    bbox: BBox
    score: float
    shape: str = "circle"  # circle | ellipse | square
    color: str = "red"  # red | blue | dark
    certain: bool = True
    text: str | None = None
    bottom_text: str | None = None
    text_score: float = 0.0
    unit_match: str = "unreadable"
    crop_png: bytes | None = field(default=None, repr=False)
    unwrap_png: bytes | None = field(default=None, repr=False)
    readings: list[tuple] = field(default_factory=list)  # every arc reading tried: (text, score, CTC lattice or None)
    traits: tuple[str, ...] = ()  # what makes it a seal: "ring_text" (text along the ring), "star"
    cut: float = 0.0  # share of its fitted ring outside the image (cut by the page edge: a 骑缝章's part)
    bottom_readings: list[tuple] = field(default_factory=list)  # every line read under the star: (text, score, lattice or None)
    bottom_row: tuple | None = None  # a line of characters the ink under the star shows by its shape (marks.seals.bottom.InkRow)
    arc_span: float | None = None  # degrees of the ring its main text's ink spans, worn gaps bridged (marks.seals.reading)

    def to_dict(self) -> dict:
        return {
            "bbox": list(self.bbox),
            "score": round(self.score, 3),
            "shape": self.shape,
            "color": self.color,
            "certain": self.certain,
            "text": self.text,
            "bottom_text": self.bottom_text,
            "unit_match": self.unit_match,
        }


@dataclass
class SignatureField:
    """A signature field found by its label, and whether it holds handwriting.

    ``state``: ``signed``, ``blank`` or ``uncertain``.
    """

    label: str
    label_bbox: BBox
    field_bbox: BBox
    state: str
    score: float = 0.0
    ink_bbox: BBox | None = None
    crop_png: bytes | None = field(default=None, repr=False)
    by: str = "pen"  # what fills a field that is not blank: "pen", "name_seal" (a personal seal, 人名章) or "cover" (a thumb, a shadow: unseen)
    name_seal_bbox: BBox | None = None  # a personal seal (人名章) in the field, also beside a pen signature

    def to_dict(self) -> dict:
        out = {
            "label": self.label,
            "label_bbox": list(self.label_bbox),
            "bbox": list(self.ink_bbox or self.field_bbox),
            "field_bbox": list(self.field_bbox),
            "state": self.state,
            "score": round(self.score, 3),
        }
        if self.by != "pen":
            out["by"] = self.by
        return out


@dataclass
class PageRead:
    """Everything read from one page of one file. A page is one document in the
    report's ``documents`` list."""

    file: str  # path relative to the applicant folder, '/'-separated
    page: int  # from 1
    ocr: OcrPage
    kind: str = "other"
    kind_score: float = 0.0
    dates: list[DateMention] = field(default_factory=list)
    issn: list[str] = field(default_factory=list)  # as printed, normalised NNNN-NNNC, valid or not
    cn: list[str] = field(default_factory=list)  # as printed, normalised 'CN 21-1556/X' (or the look-alike read)
    id_numbers: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # person names the page is about
    fields: dict[str, str] = field(default_factory=dict)  # other extracted values: verification_code, certificate_no, journal, paper_title, award_title, level ...
    seals: list[SealMark] = field(default_factory=list)
    signatures: list[SignatureField] = field(default_factory=list)
    thumbnail_jpeg: bytes | None = field(default=None, repr=False)
    continues_previous: bool = False  # a title-less page that continues the previous page's document
    confirmations: list = field(default_factory=list)  # verify.read.confirm.Confirmation: claims checked on the lines
    part: int = 0  # of a two-up spread (verify.read.spreads): 1 its left half, 2 its right; 0 the whole image
    # the median height of the page's text lines in the pixels its source holds, along its coarser axis (a fax's page in
    # standard resolution, 204 x 98 dpi, read stretched to square pixels: its lines' heights divided by 2.08); 0 unknown
    text_px: float = 0.0

    @property
    def where(self) -> str:
        """Where the page is, for a message: ``a.jpg 第1页``, ``a.jpg 第1页（左半页）``."""
        return f"{self.file} 第{self.page}页{half_label(self.part)}"

    @property
    def key(self) -> tuple[str, int, int]:
        """The page's identity in a dossier: two halves of one spread share file and page."""
        return (self.file, self.page, self.part)

    def dates_with_role(self, *roles: str) -> list[DateMention]:
        return [d for d in self.dates if d.role in roles]

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "page": self.page,
            "kind": self.kind,
            "kind_score": round(self.kind_score, 3),
            "continues_previous": self.continues_previous,
            "dates": [d.date.iso() for d in self.dates],
            "date_mentions": [d.to_dict() for d in self.dates],
            "issn": list(self.issn),
            "cn": list(self.cn),
            "id_numbers": list(self.id_numbers),
            "names": list(self.names),
            "fields": dict(self.fields),
            "seals": [s.to_dict() for s in self.seals],
            "signatures": [s.to_dict() for s in self.signatures],
            "confirmations": [c.to_dict() for c in self.confirmations],
            "ocr_source": self.ocr.source,
            "size": [self.ocr.width, self.ocr.height],
            "text": self.ocr.text,
            **({"part": self.part} if self.part else {}),
        }


def half_label(part: object) -> str:
    """What a location adds for a half of a two-up spread (``PageRead.part``, ``Finding.part``).

    >>> half_label(1), half_label(2), half_label(0), half_label(None)
    ('（左半页）', '（右半页）', '', '')
    """
    return {1: "（左半页）", 2: "（右半页）"}.get(part, "")  # type: ignore[call-overload]


#: Where a finding on no file is (a kind missing from the dossier), in the report, the
#: desk's pages, its audit trail, sign-off sheet and export alike.
WHOLE_DOSSIER_ZH = "整份材料"


def page_label(page: object, part: object = None) -> str:
    """A page and the half of a two-up spread, as :func:`place_label` says it after the
    file (the desk's export gives it a column of its own); ``""`` for no page.

    >>> page_label(3), page_label(1, 2), page_label(None), page_label("")
    ('第 3 页', '第 1 页（右半页）', '', '')
    """
    return f"第 {page} 页{half_label(part)}" if page not in (None, "", 0) else ""


#: line breaks and tabs in a file's name (Windows makes none; a name made on Linux or macOS may hold them), shown as
#: report.html shows the other control characters: printed, 证\n书.jpg read 「证 书.jpg」, a name on no disk
#: (hostile exploration 13)
_NAME_BREAKS = {c: f"[U+{c:04X}]" for c in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)}


def shown_file(file: object) -> str:
    r"""A file's name (a '/'-path in the dossier) as the report, the desk and the exports
    show it: a line break or a tab in it as ``[U+000A]``, ``[U+0009]``.

    >>> shown_file("证\n书.jpg"), shown_file("回\r车\t.jpg"), shown_file("扫描件/证书.jpg")
    ('证[U+000A]书.jpg', '回[U+000D]车[U+0009].jpg', '扫描件/证书.jpg')
    """
    return str(file).translate(_NAME_BREAKS)


def place_label(file: object, page: object, part: object = None) -> str:
    """Where a finding or page is, as the report, the desk's pages, its audit trail,
    sign-off sheet and export say it: the file, its page and half, or
    :data:`WHOLE_DOSSIER_ZH` for no file. (The report said 整套材料 and the desk
    整份材料, in three functions.)

    >>> place_label("scans/a.pdf", 3), place_label("a3.jpg", 1, 2), place_label("a.pdf", None)
    ('scans/a.pdf 第 3 页', 'a3.jpg 第 1 页（右半页）', 'a.pdf')
    >>> place_label(None, None), place_label("", 2)
    ('整份材料', '整份材料')
    """
    if not file:
        return WHOLE_DOSSIER_ZH
    return " ".join(x for x in (shown_file(file), page_label(page, part)) if x)


@dataclass(frozen=True)
class UnreadableInput:
    """A file of the dossier that could not be read, and why (in Chinese)."""

    file: str
    reason: str
    #: the OCR engine or service failed, not the file: the reviewer reruns once it is
    #: fixed; the applicant has nothing to resubmit (hostile exploration 5, P2)
    service: bool = False
    #: left unread when the whole dossier's time (``--dossier-timeout``) ran out: the
    #: applicant has nothing to resubmit; the reviewer reads the original or reruns
    cut: bool = False
    #: reading it raised an error no reader expects (the toolkit's own bug as likely as the
    #: file's): not the applicant's to resubmit, and read again by the next run, not reused
    retry: bool = False
    #: left unread because the dossier's pages reached ``--max-pages``: a document not
    #: found may be in it (the reviewer reads the original; the applicant trims the dossier)
    capped: bool = False

    @property
    def the_files_own(self) -> bool:
        """Whether the file itself kept it unread (damaged, encrypted, unsupported…): the
        applicant resubmits it readable. Every other cause (a fault, the time limit, an
        unexpected error, the page cap) leaves undecided what it may hold."""
        return not (self.service or self.cut or self.retry or self.capped)


# ---------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    """The outcome of one check. A failed check is a Finding, not an exception."""

    rule: str
    status: Status
    message: str  # Simplified Chinese, for the reviewer
    file: str | None = None
    page: int | None = None
    value: str | None = None  # what was read
    expected: str | None = None  # what the rule wanted
    bbox: BBox | None = None
    journal: dict | None = field(default=None, compare=False)  # journal.registered: the registry's judgement and record
    part: int | None = None  # the half of a two-up spread the finding is on (PageRead.part)

    @property
    def key(self) -> tuple[str | None, int | None, int]:
        """The page the finding is on, as :attr:`PageRead.key` names it."""
        return (self.file, self.page, self.part or 0)

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "status": self.status,
            "file": self.file,
            "page": self.page,
            "message": self.message,
            "value": self.value,
            "expected": self.expected,
            "bbox": list(self.bbox) if self.bbox else None,
        }
        if self.journal is not None:
            d["journal"] = self.journal
        if self.part:
            d["part"] = self.part
        return d


def verdict_of(findings: list[Finding]) -> Status:
    """``fail`` if any finding fails, else ``review`` if any needs review, else ``pass``.

    >>> verdict_of([Finding("x", "pass", ""), Finding("y", "review", "")])
    'review'
    >>> verdict_of([])
    'pass'
    """
    statuses = {f.status for f in findings}
    if "fail" in statuses:
        return "fail"
    if "review" in statuses:
        return "review"
    return "pass"
