"""Whether an ISSN, a CN and a journal name belong to one registered journal that
was publishing at a given date: the judgement behind ``journal.registered`` and
``verify journal``.

Statuses (``Judgement.status``):

- ``registered``: the pair (or the one valid number) belongs to a registered
  journal; the name is checked against its names and former names;
- ``mismatch``: the ISSN and the CN belong to two different registered journals (套刊);
- ``unknown``: a number is not in the registry (a registry is never complete);
- ``ceased``: the journal stopped (停刊/合并) and the paper is dated after, or may be;
- ``invalid``: no valid ISSN or CN to look up (``journal.issn``/``journal.cn`` say why).

What the desk does with it (``Judgement.outcome``): ``fail`` only when the judgement
is ``certain`` (two journals' numbers read clearly; a registered pair under another
registered journal's name; one registered number beside an unregistered other under a
name not its journal's, 套用他刊 ISSN or CN; a CN missing from a registry that claims to be complete,
or in a block of serials no registered journal of its region uses; a paper dated
after the journal surely stopped);
``review`` for everything undecided (a name that differs, a number not registered,
a number one OCR error away from the journal's own, a warning-listed journal, a
paper dated in a year before the registered journal was founded, a masthead the
registry says otherwise of (a sponsor not registered, an issue number beyond the
frequency) or a submission address on a free mailbox: ``doubts``);
``pass`` for a registered journal under its own name.

Numbers read by OCR can be misread. A near miss (one character away from the
number the other half of the pair calls for) is asked of ``misread``: could the
recogniser have seen the registered number there? When it could, or when nobody
can say, the judgement is not certain.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from verify.journals.names import _BILINGUAL, allowed_edits, name_key, names_agree, split_edition
from verify.journals.registry import JournalRecord, RegistryInfo, WarningEntry, numbers_label
from verify.read.identifiers import cn_serial

log = logging.getLogger(__name__)

STATUSES = ("registered", "mismatch", "unknown", "ceased", "invalid")

#: ``misread(field, read, registered) -> bool``: could the recogniser have seen
#: ``registered`` where it read ``read``? ``field`` is ``"issn"``, ``"cn"``, ``"name"``,
#: or ``"cn_class"``: a CN whose class alone differs, asked to let it pass, so where
#: no probabilities can say the answer is no (the others answer yes: no fail on it).
#: For ``"name"`` it may answer ``None``: nobody can say (no probabilities), which asks a
#: person where a page's title differs from the journal's name (:func:`_printed_variant`).
Misread = Callable[[str, str, str], "bool | None"]

#: Characters OCR confuses inside numbers (besides any one digit for another).
_CONFUSABLE = {frozenset(p) for p in ("0O", "0D", "1I", "1L", "5S", "8B", "2Z", "OQ", "XK", "6G", "UV")}


@dataclass(frozen=True)
class Candidate:
    """A registered journal a reviewer may want to see, and why it is shown."""

    record: JournalRecord
    why: str  # ISSN 所属 | CN 所属 | 刊名相近 | 同刊号

    def to_dict(self) -> dict:
        return {**self.record.to_dict(), "why": self.why}


@dataclass
class Judgement:
    status: str
    reason: str  # Chinese, one sentence or two
    certain: bool = False  # a mismatch/ceased/unknown the desk may fail on
    journal: JournalRecord | None = None
    candidates: list[Candidate] = field(default_factory=list)
    name_check: str = "unread"  # agrees | former | differs | unread
    warnings: list[WarningEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    issn: str | None = None  # the numbers looked up
    cn: str | None = None
    registry: RegistryInfo | None = None
    lookup: dict | None = None  # the online service's part, when one was asked
    name_required: bool = True  # False: no name was asked about (a desk question on numbers alone)
    # reasons for a person to look at a registered journal that the status does not
    # carry (a paper dated before the journal was founded); each makes ``outcome`` review
    doubts: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """``pass``, ``fail`` or ``review`` for the desk."""
        if self.status == "registered":
            named = self.name_check in ("agrees", "former") or (self.name_check == "unread" and not self.name_required)
            return "pass" if named and not self.warnings and not self.doubts else "review"
        if self.status in ("mismatch", "ceased", "unknown") and self.certain:
            return "fail"
        return "review"

    def message(self) -> str:
        """The doubts, the reason with the notes, warnings and the registry's provenance."""
        parts = [*self.doubts, self.reason]
        if self.warnings:
            parts.append("该刊列入中国科学院国际期刊预警名单：" + "；".join(w.describe() for w in self.warnings))
        parts += self.notes
        if self.lookup and self.lookup.get("note"):
            parts.append(self.lookup["note"])
        text = "。".join(p.rstrip("。") for p in parts if p) + "。"
        if self.registry is not None:
            text += f"（{self.registry.describe()}）"
        return text

    def to_dict(self) -> dict:
        """The JSON form: ``verify journal --json`` and ``findings[].journal``."""
        return {
            "status": self.status,
            "outcome": self.outcome,
            "certain": self.certain,
            "reason": self.message(),
            "issn": self.issn,
            "cn": self.cn,
            "journal": self.journal.to_dict() if self.journal else None,
            "name_check": self.name_check,
            "candidates": [c.to_dict() for c in self.candidates],
            "warnings": [w.to_dict() for w in self.warnings],
            "registry": self.registry.to_dict() if self.registry else None,
            "lookup": self.lookup,
        }


# ---------------------------------------------------------------- numbers


def issn_text(value: str) -> str:
    """``value`` folded to half-width (NFKC), without an ``ISSN`` label before it.

    >>> issn_text("ＩＳＳＮ：1000-0933"), issn_text(" issn 1000-0933")
    ('1000-0933', '1000-0933')
    """
    import unicodedata

    return re.sub(r"^\s*ISSN\s*[:：]?", "", unicodedata.normalize("NFKC", value), flags=re.I)


def clean_issn(value: str | None) -> str | None:
    """A valid ISSN as ``NNNN-NNNC``, else ``None``.

    >>> clean_issn("ISSN 1000-0933"), clean_issn("1000-0934"), clean_issn(None)
    ('1000-0933', None, None)
    """
    from stdnum import issn as stdnum_issn

    if not value:
        return None
    value = issn_text(value)
    try:
        return stdnum_issn.format(stdnum_issn.validate(value))
    except Exception:
        return None


def clean_cn(value: str | None) -> str | None:
    """A well-formed CN as ``RR-NNNN/CLASS`` (no prefix), else ``None``.

    >>> clean_cn("CN 11-2031/Q"), clean_cn("CN(HK) 21-1556/X"), clean_cn("11-2031")
    ('11-2031/Q', None, None)
    """
    if not value or not cn_serial.is_valid(value):
        return None
    return cn_serial.compact(value).removeprefix("CN")


def near_miss(read: str | None, registered: str | None) -> bool:
    """One character apart, in place (the way OCR misreads a printed number); a
    CN whose class alone differs counts too.

    >>> near_miss("1000-0933", "1000-0938"), near_miss("1000-0933", "1000-9033"), near_miss("11-2031/Q", "11-2031/O")
    (True, False, True)
    >>> near_miss("11-2031/Q", "11-2081/Q"), near_miss("11-2031/Q", "12-2081/Q"), near_miss(None, "x")
    (True, False, False)
    """
    if not read or not registered:
        return False
    if "/" in read or "/" in registered:
        rc, _, rk = read.partition("/")
        gc, _, gk = registered.partition("/")
        if rc == gc:
            return True  # the class alone differs (or is missing)
        return rk == gk and near_miss(rc, gc)
    if len(read) != len(registered):
        return False
    diffs = [(a, b) for a, b in zip(read, registered) if a != b]
    return len(diffs) == 1


def _doubtful(misread: Misread | None, fld: str, read: str, registered: str | None) -> bool:
    if not near_miss(read, registered):
        return False
    return _may_be_misread(misread, fld, read, registered, True)


def _may_be_misread(misread: Misread | None, fld: str, read: str, registered: str | None, unknown: bool) -> bool:
    """``misread``'s answer, or ``unknown`` where nobody can say: no recogniser to ask, or
    the asking failed (no evidence either way)."""
    if misread is None:
        return unknown
    try:
        return bool(misread(fld, read, registered))
    except Exception:
        log.exception("misread check failed")
        return unknown


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class NameEvidence:
    """A journal name to check: typed by the applicant (``typed``) or read by OCR."""

    text: str
    typed: bool = False


def _name_check(record: JournalRecord, names: Sequence[NameEvidence], page_texts: Sequence[str], source) -> str:
    """``agrees``/``former`` when a name given (or a page) names the record,
    ``differs`` when a name is given and does not, ``unread`` when none is known."""
    known = [n for n in names if n.text and name_key(n.text)]
    for n in known:
        if (names_agree(n.text, record.name, typed=n.typed) and not _names_another(n, record, source)
                and not (n.typed and _printed_as_given(n.text, record, page_texts))):
            return "agrees"
        if any(names_agree(n.text, f, typed=n.typed) for f in record.former_names) and not _names_another(n, record, source):
            return "former"
    if known:
        return "differs"
    for text in page_texts:
        if _on_page(record.name, text):
            return "agrees"
        if any(_on_page(f, text) for f in record.former_names):
            return "former"
    return "unread"


def _printed_as_given(typed: str, record: JournalRecord, page_texts: Sequence[str]) -> bool:
    """Whether the journal's own pages print the name as the applicant typed it where
    that differs from the registered name, and nowhere print the registered name: a
    typist's slip is not printed on the journal, nor does OCR misread the printed name
    into the very same slip, so the journal is called so (三峡生态环境检测 on the cover
    and in the claim, over 三峡生态环境监测's ISSN and CN: a fake named like a real one).

    >>> from verify.journals.registry import JournalRecord
    >>> rec = JournalRecord(id=1, name="三峡生态环境监测", issn="2096-2347", cn="50-1214/X")
    >>> _printed_as_given("三峡生态环境检测", rec, ["三峡生态环境检测", "ISSN 2096-2347"])
    True
    >>> _printed_as_given("三峡生态环境检测", rec, ["三峡生态环境监测", "ISSN 2096-2347"])  # a slip
    False
    """
    key = name_key(typed)
    own = {name_key(x) for x in record.names}  # its name and former names
    if not key or key in own:
        return False
    lines = [name_key(line) for text in page_texts for line in text.splitlines()]
    return any(key in line for line in lines) and not any(o and o in line for o in own for line in lines)


def _names_another(n: NameEvidence, record: JournalRecord, source) -> bool:
    """An OCR-read name that is exactly another registered journal's name (and not
    exactly this one's) names that journal, however close it is to this one."""
    key = name_key(n.text)
    if key in {name_key(x) for x in record.names}:
        return False
    if hasattr(source, "name_ids"):
        return bool(source.name_ids(n.text) - {record.id})
    return any(r.id != record.id for r in source.by_name_exact(n.text))


#: what follows a journal's name in a body's name (主办：中国生态文明研究与促进会): a society,
#: a school, an institute, not the journal
_BODY_AFTER_NAME = re.compile(r"(?:研究与促进会|研究会|促进会|联合会|学会|协会|大学|学院|研究院|研究所|研究中心"
                              r"|总站|分站|站|总院|中心|委员会|厅|局|集团|公司)")


def _names_a_body(line: str, key: str) -> bool:
    """Whether every time ``key`` (a journal's name) stands in ``line`` it begins a body's
    name (中国生态文明研究与促进会 for 中国生态文明: the journal's sponsor, not the journal).

    >>> _names_a_body("主办中国生态文明研究与促进会", "中国生态文明"), _names_a_body("中国生态文明编辑部", "中国生态文明")
    (True, False)
    """
    at = [m.start() for m in re.finditer(re.escape(key), line)]
    return bool(at) and all(_BODY_AFTER_NAME.match(line, i + len(key)) for i in at)


def _on_page(name: str, text: str, skip: str = "") -> bool:
    r"""Whether a page's text shows a journal's name: a line that is the name (OCR
    errors allowed), or, for a name of five characters or more, a line holding it
    (《生态学报》编辑部) or the text holding it nearly whole (a title over two lines).
    A short name (生态环境) inside a longer phrase (辽宁省生态环境厅) does not count.
    ``skip``: a name whose occurrences are taken out first (another journal's title).

    >>> _on_page("生态学报", "ISSN 1000-0933\n生 态 学 报\n2022年第5期"), _on_page("生态环境", "主管：辽宁省生态环境厅")
    (True, False)
    >>> _on_page("环境保护与循环经济", "《环境保护与循环经济》编辑部"), _on_page("生态学报", "应用生态学报", skip="应用生态学报")
    (True, False)
    >>> _on_page("河北环境工程学院学报", "环境与发展\nCN13-1433/X\n主办：河北环境工程学院")  # the school, not its journal
    False
    >>> _on_page("河北环境工程学院学报", "主办单位\n河北环境工程学院\n编辑出版")
    False
    >>> _on_page("河北环境工程学院学报", "河北环境工程\n学院学报\n2023年第5期")  # a title over two lines
    True
    >>> _on_page("中国生态文明", "航天器环境工程\n主办：中国生态文明研究与促进会")  # the sponsor (套刊 p131)
    False
    """
    from rapidfuzz import fuzz

    key = name_key(name)
    if len(key) < 4:
        return False
    cut = name_key(skip) if skip else ""
    lines = [name_key(line).replace(cut, "|") if cut else name_key(line) for line in text.splitlines()]
    for line in lines:
        if line and key.startswith(line) and len(line) < len(key):
            continue  # the body a journal is named after (主办：河北环境工程学院 of …学院学报), not the journal
        if line and (names_agree(line, name) or (len(key) >= 5 and key in line and not _names_a_body(line, key))):
            return True
    # the name where it begins a body's name (its sponsor's) is not looked for in the whole text either
    page = "|".join(re.sub(f"{re.escape(key)}(?={_BODY_AFTER_NAME.pattern})", "|", line) for line in lines)
    if len(key) < 6 or not page:
        return False
    cutoff = 100 - 100 * (1 if len(key) <= 8 else 2) / len(key) - 0.01
    found = fuzz.partial_ratio_alignment(key, page, score_cutoff=cutoff)
    # the name's own ending must be there: 主办：河北环境工程学院 names the school a
    # 河北环境工程学院学报 is named after, not the journal
    if found is None:
        return False
    window = page[found.dest_start:found.dest_end]
    window = page[found.dest_start:found.dest_end + window.count("|")].replace("|", "")  # line breaks take no characters
    return key[-2:] in window


def _candidates_by_name(source, names: Sequence[NameEvidence], exclude: Iterable[int] = (), limit: int = 3) -> list[Candidate]:
    seen = set(exclude)
    out = []
    for n in names:
        if not n.text:
            continue
        for rec, score in source.by_name(n.text, limit=limit, cutoff=75.0):
            if rec.id not in seen:
                seen.add(rec.id)
                out.append(Candidate(rec, "刊名相近" if score < 100 else "刊名相同"))
    return out[:limit]


def _warnings(source, names: Sequence[NameEvidence], record: JournalRecord | None) -> list[WarningEntry]:
    texts = [n.text for n in names if n.text] + (list(record.names) if record else [])
    out: list[WarningEntry] = []
    for t in texts:
        for w in source.warnings_for(t):
            if w not in out:
                out.append(w)
    return sorted(out, key=lambda w: -w.year)


# ---------------------------------------------------------------- the judgement


def judge(source, issn: str | None = None, cn: str | None = None, names: Sequence[NameEvidence | str] = (),
          date=None, *, page_texts: Sequence[str] = (), misread: Misread | None = None,
          require_name: bool = True, all_texts: Sequence[str] = (), paper_texts: Sequence[str] = (),
          head_texts: Sequence[str] = ()) -> Judgement:
    """Judge an ISSN, a CN, the journal's name(s) and the paper's date (a
    ``PartialDate`` or ``None``) against a registry (``source``: a
    :class:`~verify.journals.registry.Registry` or anything with its lookups).

    ``names``: the journal named (typed by the applicant: ``NameEvidence(t, typed=True)``;
    a plain string counts as typed). ``page_texts``: OCR text of the journal's
    pages, where its name may be found when no name is given. ``misread``: see
    :data:`Misread`; ``None`` means no recogniser can be asked (a near miss is
    then doubtful). ``require_name``: without it, a registered pair whose name
    nobody gave or read passes (the desk asking about numbers alone). ``all_texts``:
    every page of the paper and its journal (cover, 版权页, 目录, the paper's own pages),
    where a journal's name typed by the applicant must be printed somewhere
    (:func:`_printed_nowhere`). A journal on the CAS warning list is named by the
    names given, the registered record's, or a line of its pages that is the listed
    name (a cover's ENVIRONMENTAL SCIENCE AND POLLUTION RESEARCH under a claim typed
    as an abbreviation). ``paper_texts``: the paper's own pages (running head, first
    page), which must not be another registered journal's (:func:`_paper_names_other`).
    ``head_texts``: the running heads and feet of the paper's own pages, which must not
    print a title built on the journal's name (:func:`_printed_extended`), nor must
    ``page_texts``.
    """
    j = _judge(source, issn, cn, names, date, page_texts=page_texts, misread=misread, require_name=require_name,
               all_texts=all_texts)
    if j.status == "registered" and j.journal is not None and j.name_check != "differs":
        own = [j.journal, *(c.record for c in j.candidates if c.why == "同刊号")]
        other = _paper_names_other(source, own, paper_texts)
        if other is not None:
            label = numbers_label(j.issn, j.cn)
            j.name_check = "differs"
            j.candidates.append(Candidate(other, "论文页所印"))
            j.reason = (f"期刊页的 {label} 属于登记的{j.journal.label()}，但论文本身的页面（页眉）所印刊名为另一种登记期刊"
                        f"{other.label()}，未见《{j.journal.name}》：请核对该论文是否确实刊载于"
                        f"《{j.journal.name}》（疑为他刊论文配以本刊封面）")
    if j.status == "registered" and j.journal is not None and j.name_check != "differs":
        own = [j.journal, *(c.record for c in j.candidates if c.why == "同刊号")]
        # the journal's own pages (cover, 版权页, 目录) say what it is called: a paper page
        # printing the real name does not make a cover's longer title the journal's
        journal_pages = [t for t in all_texts if t not in set(paper_texts)]
        extended = _printed_extended(own, page_texts, journal_pages)
        if extended is None:  # the paper's own running head, under the journal's real cover
            extended = _printed_extended(own, head_texts, paper_texts)
        elsewhere = _sponsor_elsewhere(j.journal, j.cn, page_texts) if extended is None else None
        if elsewhere is not None:
            j.doubts.append(f"期刊页所印主办单位「{elsewhere}」不在该刊 CN（{j.cn}）所属的"
                            f"{cn_serial.REGION_PROVINCES[j.cn[:2]]}，与登记的主办单位（{j.journal.publisher or '不详'}）不符："
                            "请核对是否为套用该刊刊号的刊物")
        if extended is None:
            # a 套刊 that copies the name and both numbers still prints its own masthead: what the registry knows
            # of the journal besides them (主办单位, 刊期) and a submission address no editorial office uses
            masthead = list(dict.fromkeys([*page_texts, *journal_pages]))
            doubts = _masthead_doubts(j.journal, masthead, head_texts, sponsor=False)
            who = _sponsor_differs(j.journal, masthead, misread) if elsewhere is None else None
            if who is not None and not (doubts or j.doubts or j.warnings):
                # a sponsor alone is a note: the registry holds only today's sponsor (renamed, merged bodies,
                # a former sponsor), and pages made by careless tools print a generic one (probe trust13:
                # 主办：中国环境科学学会 on five real journals, five reviews on clean dossiers)
                j.notes.append(f"期刊页所印主办单位「{who}」与登记的主办单位（{j.journal.publisher}）不同，可能为简称、"
                               "更名前的名称或原主办单位；仅此一项不作为假刊依据")
            elif who is not None:
                doubts.insert(0, _sponsor_doubt(j.journal, who))
            j.doubts += doubts
        if extended is not None:
            label = numbers_label(j.issn, j.cn)
            j.name_check = "differs"
            j.reason = (f"{label} 登记为{j.journal.label()}，但所印刊名为《{extended}》（在登记刊名上增添文字的另一刊名），"
                        f"未见《{j.journal.name}》本名：请核对是否为仿冒刊名、套用该刊刊号的刊物")
    printed = [w for w in _printed_warnings(source, [*page_texts, *all_texts]) if w not in j.warnings]
    if printed:
        j.warnings = sorted(j.warnings + printed, key=lambda w: -w.year)
    return j


#: where a running head's journal title ends: its year, volume, pages (Environ Sci Pollut Res (2022) 29:1234-1245)
_TITLE_END = re.compile(r"[\d(（\[【,，:：;；|]|\bVOL(?:UME)?\b", re.I)


def _printed_warnings(source, texts: Sequence[str]) -> list[WarningEntry]:
    """The CAS warning-list entries whose journal name is a line of the pages, as it is
    or abbreviated, also before a running head's year and volume (a paper's head prints
    ``Environ Sci Pollut Res (2022) 29:1234–1245``, the claim may say anything).

    >>> class Source:
    ...     def warnings_for(self, name):
    ...         return ["ESPR"] if name in ("Environ Sci Pollut Res", "ENVIRONMENTAL SCIENCE AND POLLUTION RESEARCH") else []
    >>> _printed_warnings(Source(), ["Environ Sci Pollut Res (2022) 29:1234-1245"])
    ['ESPR']
    """
    if not hasattr(source, "warnings_for"):
        return []
    out: list[WarningEntry] = []
    lines = (line.strip() for text in texts for line in text.splitlines())
    for line in dict.fromkeys(x for line in lines for x in (line, _TITLE_END.split(line, 1)[0].strip())):
        if len(name_key(line)) >= 6:
            out += [w for w in source.warnings_for(line) if w not in out]
    return out


def _judge(source, issn, cn, names, date, *, page_texts, misread, require_name, all_texts) -> Judgement:
    names = [n if isinstance(n, NameEvidence) else NameEvidence(n, typed=True) for n in names if n]
    info = getattr(source, "info", None)
    I, C = clean_issn(issn), clean_cn(cn)
    notes = []
    if issn and not I:
        notes.append(f"ISSN {issn} 无效（校验位或格式不符，见 journal.issn），未用于核对")
    if cn and not C:
        shown = cn if cn.strip().upper().startswith("CN") else f"CN {cn}"
        notes.append(f"{shown} 不是规范的国内统一连续出版物号（见 journal.cn），未用于核对")
    j = Judgement(status="invalid", reason="", issn=I, cn=C, registry=info, notes=notes, name_required=require_name)

    if not I and not C:
        j.reason = "未读出有效的 ISSN 或 CN，无法与登记库核对"
        j.candidates = _candidates_by_name(source, names)
        j.warnings = _warnings(source, names, None)
        return j

    A = source.by_issn(I) if I else []
    B = source.by_cn(C) if C else []
    a_ids, b_ids = {r.id for r in A}, {r.id for r in B}
    label = numbers_label(I, C)

    if I and C:
        pair = [r for r in A if r.id in b_ids]
        if pair:
            return _registered(j, source, pair, names, page_texts, date, label, misread, all_texts)
        if A and B:
            return _two_journals(j, source, A, B, I, C, names, misread)
        if A:  # the CN is not registered
            same_core = [r for r in A if r.cn_core and r.cn_core == C.split("/")[0]]
            if same_core:
                return _class_differs(j, source, same_core, C, names, page_texts, date, label, misread, all_texts)
            j.candidates = [Candidate(r, "ISSN 所属") for r in A]
            if any(_doubtful(misread, "cn", C, r.cn) for r in A):
                j.status = "unknown"
                j.reason = (f"CN {C} 未登记；ISSN {I} 属于{A[0].label()}，两者 CN 仅差一个字符，可能是识别误差，请核对期刊原件")
                return j
            if all(r.cn for r in A) and all(_name_check(r, names, page_texts, source) == "differs" for r in A):
                return _borrowed_issn(j, A, I, C, names)
            moved = [r for r in A if _region_differs(C, r.cn)]
            if moved:
                return _other_region(j, source, names, moved[0], I, C, misread)
            return _not_registered(j, source, names, f"ISSN {I} 属于{A[0].label()}，而 CN {C} 不在登记库中", C, misread)
        if B:  # the ISSN is not registered
            without_issn = [r for r in B if not r.issn]
            if without_issn and len(without_issn) == len(B):
                j.notes.append("登记库未载该刊 ISSN，仅核对了 CN 与刊名")
                return _registered(j, source, B, names, page_texts, date, label, misread, all_texts)
            j.candidates = [Candidate(r, "CN 所属") for r in B]
            if any(_doubtful(misread, "issn", I, r.issn) for r in B):
                j.status = "unknown"
                j.reason = (f"ISSN {I} 未登记；CN {C} 属于{B[0].label()}，两者 ISSN 仅差一个字符，可能是识别误差，请核对期刊原件")
                return j
            if all(r.issn for r in B) and all(_name_check(r, names, page_texts, source) == "differs" for r in B):
                return _borrowed_cn(j, B, I, C, names)
            j.status = "unknown"
            j.reason = f"CN {C} 属于{B[0].label()}，而 ISSN {I} 不在登记库中，请核对该刊是否使用此 ISSN"
            j.candidates += _candidates_by_name(source, names, exclude=b_ids)
            j.warnings = _warnings(source, names, None)
            return j
        return _not_registered(j, source, names, f"{label} 不在登记库中", C, misread)

    if I:
        if A:
            j.notes.append("未读出有效的 CN，仅核对了 ISSN 与刊名")
            return _registered(j, source, A, names, page_texts, date, label, misread, all_texts)
        return _not_registered(j, source, names, f"ISSN {I} 不在登记库中（未见国内统一连续出版物号 CN，可能是境外期刊）", None,
                               misread)
    if B:
        j.notes.append("未读出有效的 ISSN，仅核对了 CN 与刊名")
        return _registered(j, source, B, names, page_texts, date, label, misread, all_texts)
    same_core = source.by_cn_core(C.split("/")[0])
    if same_core:
        j.notes.append("未读出有效的 ISSN，仅核对了 CN 与刊名")
        return _class_differs(j, source, same_core, C, names, page_texts, date, label, misread, all_texts)
    return _not_registered(j, source, names, f"CN {C} 不在登记库中", C, misread)


def _class_differs(j: Judgement, source, records, C: str, names, page_texts, date, label, misread,
                   all_texts) -> Judgement:
    """The CN's region and serial are the registered journal's, its class (the letter
    after the slash) is not: an OCR slip of the class, which passes with a note, or a
    class printed otherwise and read surely (21-1556/R for 21-1556/X), which a person
    looks at (review, not fail: the serial is this journal's own, and a journal's
    class can be changed on reclassification after a list was taken; but a fake copying
    a journal's numbers gets the letter wrong as often, and nothing shows which)."""
    registered = records[0].cn
    if _class_misread(misread, C, registered):
        j.notes.append(f"CN 分类号与登记的 {registered} 不同（识别误差或印刷差异）")
        return _registered(j, source, records, names, page_texts, date, label, misread, all_texts)
    j = _registered(j, source, records, names, page_texts, date, f"{label}（分类号除外）", misread, all_texts)
    doubt = (f"CN {C} 的分类号「{C.partition('/')[2]}」与登记的 {registered}（{records[0].name}）不同，且识别清楚"
             "（不是识别误差），请核对期刊原件，是否为套用该刊刊号的刊物")
    if j.status == "mismatch":
        j.notes.append(doubt)
    else:
        j.doubts.append(doubt)
    return j


def _class_misread(misread: Misread | None, read: str, registered: str | None) -> bool:
    """Whether a CN whose class alone differs from the registered one may be that CN
    misread: the classes differ only in letters OCR confuses (:data:`_CONFUSABLE`: X/K,
    O/Q), or the recogniser's own probabilities find the registered class likely where
    it read its own (``misread`` asked of the field ``cn_class``, which answers no where
    no probabilities can say: a class printed otherwise must not pass on nobody's word).
    Without a recogniser (a number typed at the desk) only the confusable letters count.

    >>> sure, unsure = (lambda *a: False), (lambda *a: True)
    >>> _class_misread(sure, "21-1556/K", "21-1556/X"), _class_misread(None, "11-2031/O", "11-2031/Q")
    (True, True)
    >>> _class_misread(sure, "21-1556/R", "21-1556/X"), _class_misread(None, "21-1556/R", "21-1556/X")
    (False, False)
    >>> _class_misread(unsure, "21-1556/R", "21-1556/X"), _class_misread(sure, "21-1556/R", "21-1556")
    (True, True)
    """
    rk, gk = read.partition("/")[2], (registered or "").partition("/")[2]
    if not gk:
        return True  # the registry holds no class to set against it
    if len(rk) == len(gk) and all(a == b or frozenset((a, b)) in _CONFUSABLE for a, b in zip(rk, gk)):
        return True
    return _may_be_misread(misread, "cn_class", read, registered, False)  # a failed check: no pass on it


def _borrowed_issn(j: Judgement, A, I: str, C: str, names) -> Judgement:
    """The ISSN is a registered journal's, whose own CN is not the one printed (and no
    misread of it) and whose names are not the one given: a journal printing another's
    ISSN beside a CN of its own (套用刊号; 环境科学与生态工程, CN 21-1590/X, over 农业灾害研究's
    ISSN 2095-3305 was a review whose message read as the registry being incomplete,
    trust exploration). Two of the three identifiers say the page is not that journal's."""
    return _borrowed(j, A[0], ("ISSN", I), ("CN", C), names)


def _borrowed(j: Judgement, record: JournalRecord, taken: tuple[str, str], beside: tuple[str, str], names) -> Judgement:
    """A mismatch, certain: the number ``taken`` (label, value) is ``record``'s, the
    number ``beside`` it and the name given are not (套用他刊 ISSN or CN)."""
    j.status = "mismatch"
    j.certain = True
    j.journal = None
    given = next((n.text for n in names if n.text), "")
    j.reason = (f"{taken[0]} {taken[1]} 登记为{record.label()}，而本刊印 {beside[0]} {beside[1]}"
                + (f"、刊名「{given}」" if given else "") + f"，均与登记不符：套用他刊 {taken[0]}（疑似假刊）")
    return j


def _region_differs(read: str, registered: str | None) -> bool:
    """Whether a CN is a registered one's serial under another region's code.

    >>> _region_differs("21-1084/X", "33-1084/X"), _region_differs("33-1084/X", "33-1084/X"), _region_differs("21-1085/X", "33-1084/X")
    (True, False, False)
    """
    if not registered:
        return False
    (rr, _, rs), (gr, _, gs) = (x.split("/")[0].partition("-") for x in (read, registered))
    return rs == gs and rr != gr


def _other_region(j: Judgement, source, names, record: JournalRecord, I: str, C: str,
                  misread: Misread | None) -> Judgement:
    """The ISSN is a registered journal's, the CN printed beside it is that journal's
    own serial under another region's code (21-1084/X for 环境污染与防治's 33-1084/X,
    trust exploration 4, P05, reviewed as if the registry lacked it). A journal has one
    CN, and the registry holds this one's: read surely (``misread`` says the registered
    CN could not have been seen there), the number printed is not the journal's, a
    fail (a journal moving region is given a serial of the new region's block, not
    its old serial under a new code); else a person looks, told that the registered CN
    differs (unless the registry is complete: :func:`_not_registered`). Without a
    recogniser to ask, nobody can say: review."""
    j.status = "unknown"
    j.candidates = [Candidate(record, "ISSN 所属")]
    sure = not _may_be_misread(misread, "cn", C, record.cn, True)  # a failed check is no evidence of a sure reading
    head = (f"ISSN {I} 属于{record.label()}，期刊页所印 CN {C} 与该刊登记的 CN {record.cn} 序号相同而地区代码不同"
            f"（{C[:2]} 与 {record.cn[:2]}）")
    if sure:
        j.certain = True
        j.reason = head + "，且识别清楚（不是识别误差）：所印 CN 不是该刊的刊号（一种期刊只有一个 CN），疑为篡改刊号的假刊"
    elif j.registry is not None and j.registry.complete:
        return _not_registered(j, source, names, head, C, misread)
    else:
        j.reason = head + "，可能是识别误差，请核对期刊原件所印的 CN"
    return j


def _borrowed_cn(j: Judgement, B, I: str, C: str, names) -> Judgement:
    """The mirror of :func:`_borrowed_issn`: the CN is a registered journal's, whose own
    ISSN is not the one printed (and no misread of it) and whose names are not the one
    given: a publication printing another journal's CN beside an ISSN of its own
    (套用他刊 CN; 辽宁环境科技 with 2097-1230 over 环境保护与循环经济's 21-1556/X was a review,
    trust exploration 4, P27, where the ISSN's mirror failed). Two of the three
    identifiers say the page is not that journal's."""
    return _borrowed(j, B[0], ("CN", C), ("ISSN", I), names)


def _not_registered(j: Judgement, source, names, reason: str, cn: str | None, misread: Misread | None = None) -> Judgement:
    j.status = "unknown"
    complete = bool(j.registry and j.registry.complete)
    outside = _outside_blocks(source, cn, misread) if cn and not complete else None
    if cn and complete:
        j.certain = True
        j.reason = reason + "；该登记库为完整名录，未登记的 CN 不是经批准的国内刊号"
    elif outside:
        j.certain = True
        j.reason = reason + "；" + outside
    else:
        j.reason = reason + "（登记库并不完整），请人工核实该刊是否经批准出版"
    j.candidates += _candidates_by_name(source, names, exclude={c.record.id for c in j.candidates})
    given = {name_key(n.text) for n in names if n.text}
    same = [c.record for c in j.candidates if c.why == "刊名相同" and name_key(c.record.name) in given]
    if same and not j.certain and not any(c.why in ("ISSN 所属", "CN 所属") for c in j.candidates):
        # a registered journal's very name over numbers the registry does not know: a fake borrowing the name, or
        # numbers the journal took after the list was made; the desk is told whose name it is (probe trust23 P18:
        # 环境科学与技术 over an invented ISSN and CN said only 不在登记库中). Only where neither number is a registered
        # journal's (that one is named already) and the name is the journal's today, not a former one another bore
        # (吉林环境 was once named 中国环境管理)
        r = same[0]
        j.reason = j.reason.rstrip("。") + (f"；刊名与登记期刊{r.label()}相同，但该刊登记的刊号与此不同："
                                            "疑为冒用该刊刊名的假刊（或该刊已更换刊号），请核对")
    j.warnings = _warnings(source, names, None)
    return j


def _outside_blocks(source, cn: str, misread: Misread | None) -> str | None:
    """Why a CN cannot be an approved journal's although the registry is incomplete:
    its serial lies in a thousand no registered journal of its region uses (CN
    serials are given out in blocks), and it is no misread of a registered CN one
    digit away. ``None`` when that cannot be said."""
    if not hasattr(source, "serial_blocks"):
        return None
    core = cn.split("/")[0]
    region, _, serial = core.partition("-")
    blocks = source.serial_blocks(region)
    if not blocks or not serial.isdigit() or int(serial) // 1000 in blocks:
        return None
    for r in source.cn_neighbours(core):
        if _doubtful(misread, "cn", cn, r.cn or r.cn_core):
            return None
    used = "、".join(f"{region}-{b}000～{b}999" for b in blocks)
    return (f"其序号 {serial} 不在该地区任何登记期刊所用的号段内（已登记期刊的号段：{used}），"
            "不是经批准的国内刊号（疑为假刊）")


def _two_journals(j: Judgement, source, A, B, I, C, names, misread) -> Judgement:
    j.status = "mismatch"
    j.candidates = [Candidate(r, "ISSN 所属") for r in A] + [Candidate(r, "CN 所属") for r in B]
    a, b = A[0], B[0]
    same = [(x, y) for x in A for y in B if any(names_agree(n, m) for n in x.names for m in y.names)]
    if same:
        x, y = same[0]
        j.reason = (f"ISSN {I} 登记为{x.label()}，CN {C} 登记为{y.label()}，两条记录刊名相同或相近，"
                    "可能是同一期刊更名或变更刊号，请人工核实")
        return j
    doubt = [r for r in A if _doubtful(misread, "cn", C, r.cn)] or [r for r in B if _doubtful(misread, "issn", I, r.issn)]
    if doubt:
        j.reason = (f"ISSN {I} 属于{a.label()}，CN {C} 属于{b.label()}；但读出的刊号与其中一刊的刊号仅差一个字符，"
                    "可能是识别误差，请核对期刊原件")
        return j
    j.certain = True
    j.reason = f"ISSN {I} 属于{a.label()}，CN {C} 却属于{b.label()}：刊号分属两种期刊（疑似套用刊号）"
    j.journal = None
    return j


def _printed_variant(records, page_texts, misread: Misread | None, elsewhere: Sequence[str] = ()) -> tuple[str, bool] | None:
    r"""``(line, sure)``: a line of a journal page that is the numbers' own journal's name
    but for a character or two, where no page prints that name as it is: a fake named
    like the real journal (三峡生态环境检测 for 三峡生态环境监测, 环境科学管理 for 环境科学与管理,
    环境保护与循环经济研究 for 环境保护与循环经济), or the name misread.

    ``sure``: the recogniser was sure of the differing characters (``misread`` says it
    could not have seen the registered name there). Where it finds the registered name
    likely too (an OCR slip, or not: a big cover title leaves its frames room for a
    character more or less) or nobody can say (``misread`` answers ``None``: an engine
    without per-character probabilities), a line one character from the name is a variant,
    not sure (two characters added are :func:`_printed_extended`'s), unless a page prints the name as it is at least in its office or a field
    (《…》编辑部, 刊名：…), or the paper's pages (``elsewhere``: 目录, running head) print
    it as a title: a fake's one-character clone passed so (clones, after trust10). The
    same variant titling two of those pages (the cover and the running head) is no slip
    OCR made twice: only the real name titling a page clears it then.
    The name in an office line or a field does not clear a line read surely: a fake
    cover prints the real journal's office as readily as its numbers. A line the name
    starts with (主办单位: 河北环境工程学院 of 河北环境工程学院学报, a title cut short) is
    no variant nobody can vouch for. None where no recogniser can be asked (``misread``
    itself ``None``).

    >>> from verify.journals.registry import JournalRecord
    >>> rec = [JournalRecord(id=1, name="环境保护与循环经济", issn="1674-1021", cn="21-1556/X")]
    >>> sure = lambda field, read, registered: False
    >>> [_printed_variant(rec, [t], sure) for t in ("环境保护与循环经济研究\n2022年第5期", "环境保护循环经济",
    ...  "环境保护与循环经济\n2022年第5期", "《环境保护与循环经济》编辑部", "中国环境监测总站")]
    [('环境保护与循环经济研究', True), ('环境保护循环经济', True), None, None, None]
    >>> _printed_variant(rec, ["环境保护循环经济\n《环境保护与循环经济》编辑部"], sure)  # a fake printing the real office
    ('环境保护循环经济', True)
    >>> own = [JournalRecord(id=2, name="中国公路学报", issn="1001-7372", cn="61-1313/U", publisher="中国公路学会")]
    >>> [_printed_variant(own, [t], sure) for t in ("主办单位\n中国公路学会\n《中国公路学报》编辑部", "中国公路学院")]
    [None, None]
    >>> unknown = lambda field, read, registered: None
    >>> [_printed_variant(rec, [t], unknown) for t in ("环境保护循环经济", "环境保护循环经济\n《环境保护与循环经济》编辑部",
    ...  "环境保护与循环经济 月刊", "环境保护与循环")]
    [('环境保护循环经济', False), None, None, None]
    >>> fake = "环境保护循环经济\n《环境保护与循环经济》编辑部"
    >>> _printed_variant(rec, [fake], unknown, [fake, "环境保护循环经济 2022年第5期"])  # its running head too
    ('环境保护循环经济', False)
    >>> _printed_variant(rec, ["环境保护循环经济"], unknown, ["环境保护循环经济", "环境保护与循环经济 2022年第5期"])
    """
    from rapidfuzz.distance import Levenshtein

    if misread is None or not page_texts:
        return None
    own = [x for r in records for x in r.names]
    keys = {k for x in own for k in _both_keys(x)}
    lines = [line.strip() for text in page_texts for line in text.splitlines() if name_key(line)]
    line_keys = [k for line in lines for k in _both_keys(line)]
    if any(k and _titled(k, line) for k in keys for line in line_keys):
        return None
    other_keys = [[k for line in text.splitlines() for k in _both_keys(line)] for text in elsewhere]
    titled = any(k and _titled(k, line) for k in keys for text in other_keys for line in text)
    in_office = titled or any(k and _printed_as_is(k, line) for k in keys for line in line_keys)
    sponsors = {name_key(x) for r in records for x in re.split(r"[;；、,，]", r.publisher or "") if name_key(x)}
    unknown = None
    for line in lines:
        key = _ISSUE_WORDS.sub("", name_key(line))
        if key in sponsors or _BODY_END.search(key):
            continue  # its sponsor on a line of its own (主办单位 / 中国社会科学院 of 中国社会科学), a body: no title
        for name in own:
            want = _ISSUE_WORDS.sub("", name_key(name))
            if len(want) < 4 or not key or abs(len(key) - len(want)) > 2 or (want.startswith(key) and in_office):
                continue  # the body the journal is named after (主办单位: 河北环境工程学院), its office printed
            diff = (sum(a != b for a, b in zip(key, want)) if len(key) == len(want)
                    else Levenshtein.distance(key, want))
            if not 0 < diff <= min(2, allowed_edits(len(want))):
                continue
            answer = _misread_answer(misread, line, name)
            if answer is False:
                return line, True
            # the same variant titling two pages (the cover and a running head) is no OCR slip made twice
            repeated = sum(any(_titled(key, x) for x in text) for text in other_keys) >= 2
            if (answer is not False and unknown is None and diff == 1 and not want.startswith(key)
                    and (not in_office or repeated and not titled)):
                unknown = line
    return (unknown, False) if unknown is not None else None


def _both_keys(text: str) -> tuple[str, str]:
    """A name or line as compared: its :func:`name_key`, and the same without the issue's
    and the frequency's words (:data:`_ISSUE_WORDS`: 环境保护科学 2022年第3期, 月刊).

    >>> _both_keys("环境保护科学 2022年第3期")
    ('环境保护科学2022年第3期', '环境保护科学')
    """
    key = name_key(text)
    return key, _ISSUE_WORDS.sub("", key)


#: how a body's name ends (a sponsor, a publisher printed on a line of its own): 中国公路学会 of 中国公路学报,
#: 中国社会科学院 of 中国社会科学, 四川省人民政府办公厅 of 四川省人民政府公报, 山东教育社 of 山东教育
_BODY_END = re.compile(r"(?:学会|协会|研究会|促进会|联合会|科学院|研究院|研究所|研究中心|大学|学院|办公厅|办公室|委员会|出版社|杂志社"
                       r"|教育社|报社|总社|编辑部)$")


def _titled(key: str, line: str) -> bool:
    """Whether a line (its :func:`name_key`) prints the name ``key`` as a title: as it is
    (:func:`_printed_as_is`), neither as its office (《…》编辑部) nor after a field's or a
    sentence's words (刊名：…, 欢迎订阅《…》).

    >>> [_titled("环境科学与管理", x) for x in ("环境科学与管理", "环境科学与管理2022年第5期", "环境科学与管理编辑部",
    ...  "刊名环境科学与管理", "欢迎订阅环境科学与管理")]
    [True, True, False, False, False]
    """
    if not _printed_as_is(key, line):
        return False
    return any(not _OFFICE_AFTER.match(line, m.start() + len(key)) and not _PROSE_BEFORE.search(line[:m.start()])
               for m in re.finditer(re.escape(key), line))


#: what follows a journal's name where a page names its office (《…》编辑部): not part of the name
_OFFICE_WORDS = r"(?:编辑部|编辑委员会|编委会|杂志社|期刊社|编辑出版)"
_JOURNAL_OFFICE = re.compile(_OFFICE_WORDS + "$")
#: ... where it follows the name (a line's name_key: 环境科学与管理编辑部)
_OFFICE_AFTER = re.compile(_OFFICE_WORDS)


def _printed_as_is(key: str, line: str) -> bool:
    """Whether a page's line (its :func:`name_key`) prints a journal's name ``key`` as
    it is: the line is the name, or holds it with more than two Chinese characters or
    anything else round it (《环境科学与管理》编辑部, 环境科学与管理 2022年第5期); not the
    name with one or two characters more on one side, a name of its own (环境保护与循环经济研究).

    >>> _printed_as_is("环境科学与管理", "环境科学与管理编辑部"), _printed_as_is("环境科学与管理", "环境科学与管理2022年")
    (True, True)
    >>> _printed_as_is("环境保护与循环经济", "环境保护与循环经济研究"), _printed_as_is("环境科学", "应用环境科学")
    (False, False)
    >>> _printed_as_is("环境保护与循环经济", "环境保护与循环经济研究编辑部")  # the variant's own office
    False
    """
    line = _JOURNAL_OFFICE.sub("", line)
    at = line.find(key)
    if at < 0:
        return False
    rest = line[:at] + line[at + len(key):]
    if not rest:
        return True
    one_side = at == 0 or at + len(key) == len(line)
    return not (one_side and len(rest) <= 2 and all("\u4e00" <= c <= "\u9fff" for c in rest))


def _exactly_named(source, name: str) -> list[JournalRecord]:
    """The registered journals a name is exactly a name of, the one that bears it today
    first (active before ceased), then those it is a former name of: 中国环境管理 is a
    current journal's name and 吉林环境's former one, and a message naming the journal
    so called names the first (``verify journal … --name 中国环境管理`` named 吉林环境).

    >>> from verify.journals.registry import JournalRecord
    >>> old = JournalRecord(id=1, name="吉林环境", former_names=("中国环境管理",))
    >>> new = JournalRecord(id=2, name="中国环境管理")
    >>> class Source:
    ...     def by_name_exact(self, name):
    ...         return [old, new]
    >>> [r.name for r in _exactly_named(Source(), "中国环境管理")]
    ['中国环境管理', '吉林环境']
    """
    key = name_key(name)
    return sorted(source.by_name_exact(name), key=lambda r: (name_key(r.name) != key, not r.active))


def _printed_other(source, records, page_texts) -> JournalRecord | None:
    """Another registered journal whose name a journal page prints as a line of its own
    (the cover's title), where no page prints the name of the journal the numbers
    belong to: the cover says which journal it is, whatever the claim says (生态学报 on
    a cover over 环境保护与循环经济's ISSN and CN, claimed as 环境保护与循环经济)."""
    if not page_texts or not hasattr(source, "by_name_exact"):
        return None
    own_ids = {r.id for r in records}
    if any(_on_page(x, text) for r in records for x in r.names for text in page_texts):
        return None  # its own name is printed too, OCR errors allowed
    lines = [line for text in page_texts for line in text.splitlines() if name_key(line)]
    for line in lines:
        if len(name_key(line)) < 4:
            continue  # 环境 alone is no title
        for other in _exactly_named(source, line):
            if other.id not in own_ids:
                return other
    return None


#: what a running head prints beside its journal's name (volume, issue, year, month,
#: pages), in a line's :func:`name_key`: 第42卷第9期, 2022年9月, VOL42NO9, 38(4):1-8
_HEAD_WORDS = re.compile(r"第?\d+[卷期]|\d+[年月日]|VOL\d*|NO\d*|\d+")


def _paper_names_other(source, records, paper_texts: Sequence[str]) -> JournalRecord | None:
    r"""Another registered journal whose name the paper's own pages print as a line of
    their own (a running head: 环境工程学报 第42卷第9期 2022年9月; the name exactly, or, a
    name of six characters or more in a page's first or last three lines, with the OCR
    errors a name allows: a shorter one is too near too many others), where they
    print none of the numbers' own journal's names: one journal's cover and numbers over
    another journal's paper (中国环境科学 over a page headed 环境工程学报, trust exploration
    4, P17), which :func:`_printed_other` cannot see once the cover prints its own name.
    A line close to one of the pair's own names (an edition, a renaming: 60 similar or
    more) is left alone, OCR may have made it; a real paper's page heads itself with its own journal,
    so a reference list naming others says nothing there.

    >>> from verify.journals.registry import JournalRecord
    >>> own = JournalRecord(id=1, name="中国环境科学", issn="1000-6923", cn="11-2201/X")
    >>> other = JournalRecord(id=2, name="环境工程学报", issn="1673-9108", cn="11-5591/X")
    >>> class Source:
    ...     def by_name_exact(self, name):
    ...         return [r for r in (own, other) if name_key(name) in map(name_key, r.names)]
    >>> page = "第42卷第9期\n环境工程学报\n2022年9月\n抚顺市城区环境空气臭氧污染特征及成因分析"
    >>> _paper_names_other(Source(), [own], [page]).name, _paper_names_other(Source(), [own], ["环境工程学报 2022年9月"]).name
    ('环境工程学报', '环境工程学报')
    >>> _paper_names_other(Source(), [own], [page + "\n中国环境科学 2022,42(9)"]) is None  # its own head too
    True
    >>> _paper_names_other(Source(), [own], ["[3] 张伟.臭氧污染[J].", "环境工程学报资料"]) is None
    True
    """
    from rapidfuzz import fuzz

    if not paper_texts or not hasattr(source, "by_name_exact"):
        return None
    own = [x for r in records for x in r.names]
    if any(_printed(x, paper_texts) for x in own):
        return None  # its own name heads the paper, OCR errors allowed
    own_ids = {r.id for r in records}
    for text in paper_texts:
        lines = [line for line in text.splitlines() if name_key(line)]
        for i, line in enumerate(lines):
            rest = _HEAD_WORDS.sub("", name_key(line))
            if len(rest) < 4:
                continue  # 环境 alone is no title
            if any(fuzz.ratio(rest, name_key(x)) >= 60 for x in own):
                continue
            found = _exactly_named(source, rest)
            if not found and len(rest) >= 6 and (i < 3 or i >= len(lines) - 3) and hasattr(source, "by_name"):
                found = [r for r, _ in source.by_name(rest, limit=3, cutoff=80.0) if names_agree(rest, r.name)]
            for other in found:
                if other.id not in own_ids:
                    return other
    return None


#: what a journal page prints beside its name that is no part of a title: the issue
#: (第45卷第3期, 2022年6月), the frequency (月刊, 双月刊)
#: (上旬刊, 中旬刊, 下旬刊, 上半月刊, 下半月刊 name an edition, 一号多刊: not the frequency, kept)
_ISSUE_WORDS = re.compile(r"总?第?[\d一二三四五六七八九十〇百]+[卷期]|\d+[年月日]|(?<![上下])半月刊|双月刊|(?<!半)月刊|季刊"
                          r"|(?<![上中下])旬刊|周刊|增刊|专刊|特刊|专辑")
#: words before a name in a line of prose or a field, not a title's own (欢迎订阅《…》, 刊名：…)
_PROSE_BEFORE = re.compile(r"(欢迎|订阅|本刊|刊名|名称|投稿|期刊|杂志|主编|出版|发行|编辑|收录|入选|荣获|来源|主办|主管|承办|协办)")


def _printed_extended(records, texts: Sequence[str], elsewhere: Sequence[str] = ()) -> str | None:
    r"""A line of the pages that is a title of its own built on the numbers' journal's
    name, two or more Chinese characters joined to it (环境科学与技术应用研究,
    中国环境科学与技术, 环境科学与技术管理 for 环境科学与技术), where no line prints the
    name itself standing alone (a cover's title, a running head; OCR errors allowed): a
    publication named after the real journal, printing its numbers. The applicant claims
    the real journal, so no name check sees it; :func:`_printed_variant` sees a character
    or two changed only, and a longer title passed as the name printed (trust10, C1-C4).
    Not a body named after it (中国环境科学学会, the sponsor), its office (《…》编辑部),
    a line of prose or a field (欢迎订阅《…》, 刊名：…), nor a long line (a sentence).
    The name standing alone in ``elsewhere`` (the paper's other pages) clears them too.

    >>> from verify.journals.registry import JournalRecord
    >>> rec = [JournalRecord(id=1, name="环境科学与技术", issn="1003-6504", cn="42-1245/X")]
    >>> [_printed_extended(rec, [t]) for t in ("环境科学与技术应用研究\nISSN 1003-6504", "中国环境科学与技术\n2022年第3期",
    ...  "第45卷第3期\n环境科学与技术管理\n2022年6月")]
    ['环境科学与技术应用研究', '中国环境科学与技术', '环境科学与技术管理']
    >>> [_printed_extended(rec, [t]) for t in ("环境科学与技术应用研究\n环境科学与技术 第45卷第3期",  # its own head too
    ...  "环境科学与技术\n《环境科学与技术》编辑部", "环境科学与技术月刊\nISSN 1003-6504", "欢迎订阅《环境科学与技术》",
    ...  "刊名：环境科学与技术", "《环境科学与技术》杂志社", "环境科学与技术丨", "环境科学与技木\n环境科学与技术应用研究",
    ...  "环境科学与技术（中英文）", "环境科学与技术 增刊", "环境科学与技术第四十五卷")]
    [None, None, None, None, None, None, None, None, None, None, None]
    >>> _printed_extended(rec, ["环境科学与技术（学术版）\n2022年第3期"])  # an edition the registry lacks: 一号多刊
    '环境科学与技术（学术版）'
    >>> edition = [JournalRecord(id=3, name="艺术生活-福州大学学报(艺术版)", issn="1003-9481", cn="35-1102/J")]
    >>> _printed_extended(edition, ["艺术生活-福州大学学报(艺术版)\n2022年第3期"]) is None  # the name as registered
    True
    >>> own = [JournalRecord(id=2, name="中国环境科学", issn="1000-6923", cn="11-2201/X")]
    >>> _printed_extended(own, ["主办：中国环境科学学会\nISSN 1000-6923"]) is None  # its sponsor, a body
    True
    """
    keys = [k for k in dict.fromkeys(_ISSUE_WORDS.sub("", name_key(x)) for r in records for x in r.names) if len(k) >= 4]
    if not keys or not texts:
        return None
    def keyed(texts):
        out = []
        for text in texts:
            for raw in text.splitlines():
                whole = _JOURNAL_OFFICE.sub("", _ISSUE_WORDS.sub("", name_key(raw)))
                # 环境工程技术学报（中英文）: a bilingual journal's bracket (the issue after it), no title of its own;
                # another edition the registry lacks (环境保护科学（学术版）) is one (一号多刊)
                base, edition = split_edition(_ISSUE_WORDS.sub("", unicodedata.normalize("NFKC", raw)))
                key = _JOURNAL_OFFICE.sub("", base) if edition in _BILINGUAL else whole
                if key:
                    out.append((raw.strip(), key, whole))
        return out

    lines = keyed(texts)
    shown = lines + keyed(elsewhere)
    if any(_stands_alone(k, base) or _stands_alone(k, whole) or (k not in whole and names_agree(whole, k))
           for k in keys for _, base, whole in shown):
        return None  # the name itself is printed (a character or two misread): the pages are the journal's
    for raw, key, _ in lines:
        for k in keys:
            at = key.find(k)
            if at < 0 or len(key) > len(k) + 6 or _names_a_body(key, k):
                continue
            before, after = key[:at], key[at + len(k):]
            if _OFFICE_AFTER.match(after) or _PROSE_BEFORE.search(before):
                continue
            extra = before + after
            if len(extra) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in extra):
                return raw
    return None


_SPONSOR = re.compile(r"^\s*主\s*办(?:\s*单\s*位)?\s*[:：]?\s*(?P<who>.*)$")


def _sponsor_elsewhere(record: JournalRecord, cn: str | None, texts: Sequence[str]) -> str | None:
    r"""The sponsor (主办：…) a journal page prints where it is a body of another province
    than the one the CN is registered in and the registry's sponsor names: a page printing
    a 辽宁 journal's ISSN and CN over 主办：湖北省环境科学研究院 is not that journal's
    (a 套刊 copies the numbers and the name, not always the masthead). None where the CN
    is a central one (10), the sponsor names no province or that province, or the registry
    names that province among the sponsors.

    >>> rec = JournalRecord(id=1, name="环境保护科学", issn="1004-6216", cn="21-1135/X", publisher="沈阳环境科学研究院；生态环境部环境规划院")
    >>> _sponsor_elsewhere(rec, "21-1135/X", ["环境保护科学\n主办：湖北省环境科学研究院\nCN 21-1135/X"])
    '湖北省环境科学研究院'
    >>> [_sponsor_elsewhere(rec, "21-1135/X", [t]) for t in ("主办：沈阳环境科学研究院", "主办单位\n辽宁省环境科学学会",
    ...  "主办：生态环境部环境规划院", "主管：湖北省生态环境厅")]
    [None, None, None, None]
    """
    if not cn or not record.cn:
        return None
    home = cn_serial.REGION_PROVINCES.get(cn[:2])
    if home is None or cn.split("/")[0] != record.cn.split("/")[0]:
        return None
    registered = record.publisher or ""
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = _SPONSOR.match(line)
            if not m:
                continue
            who = m.group("who").strip() or (lines[i + 1].strip() if i + 1 < len(lines) else "")
            key = re.sub(r"\s", "", who)
            other = next((p for p in cn_serial.REGION_PROVINCES.values() if key.startswith(p)), None)
            if other and other != home and other not in registered:
                return who
    return None


#: a sponsor printed: 主办：…, 主办单位 …, anywhere a line or a cell begins (主管：… 主办：… on one line)
_SPONSOR_AT = re.compile(r"(?:^|\s)主\s*办(?:\s*单\s*位)?\s*[:：]?\s*(?P<who>.*)$")
#: …or before the word: 辽宁省环境科学研究院 主办 (a cover's foot)
_SPONSOR_BEFORE = re.compile(r"^\s*(?P<who>\S.*?)\s*主\s*办\s*$")
#: where a sponsor's field ends on its line: the next label, after a space or before a colon
#: (出版 after a space only: 科学出版社 is a sponsor's name)
_NEXT_LABEL = re.compile(r"\s+(?:主\s*管|协\s*办|承\s*办|编\s*辑|出\s*版|发\s*行|主\s*编|社\s*长|地\s*址|电\s*话|邮\s*编|邮\s*箱"
                         r"|E-?mail|网\s*址|印\s*刷|定\s*价|国内|国际|ISSN|CN|刊\s*号|邮\s*发|投\s*稿)"
                         r"|(?:主管|协办|承办|编辑|出版|发行|主编|社长|地址|电话|邮编|邮箱|网址|印刷|定价)(?:单位|者)?\s*[:：]", re.I)
#: the journal itself or its office printed as its sponsor (本刊编辑部, 《…》编辑部): no body to compare
_OWN_OFFICE = re.compile(r"^\s*本\s*刊|编\s*辑\s*部\s*$")
#: a label alone in its cell (the sponsor's value read on the next line): not a body's name
_LABEL_ONLY = re.compile(r"^(?:主管|主办|协办|承办|编辑|出版|发行|主编|社长|地址|电话|邮编|网址|印刷|定价|编辑出版|出版发行)(?:单位|者)?$")


def _printed_sponsors(texts: Sequence[str]) -> list[tuple[str, str]]:
    r"""The sponsors (主办单位) a journal's pages print, as printed, each with the line it is read on.

    >>> [who for who, _ in _printed_sponsors(["主管：辽宁省生态环境厅 主办：辽宁省环境科学研究院", "辽宁省环境科学研究院 主办",
    ...                    "主办单位\n沈阳环境科学研究院\n编辑出版", "主办单位\n编辑出版", "主办：科学出版社 出版：《环境》编辑部"])]
    ['辽宁省环境科学研究院', '辽宁省环境科学研究院', '沈阳环境科学研究院', '科学出版社']
    """
    out = []
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            before = _SPONSOR_BEFORE.match(line)
            m = before if before and not re.match(r"\s*主\s*办", line) else _SPONSOR_AT.search(line)
            if not m:
                continue
            who, on = m.group("who").strip(), line
            if not who and i + 1 < len(lines):  # the label in a cell of its own, the body in the next
                who, on = lines[i + 1].strip(), lines[i + 1]
            who = _NEXT_LABEL.split(who, 1)[0].strip()
            if who and not _LABEL_ONLY.match(re.sub(r"\s", "", who)) and not _OWN_OFFICE.search(who):
                out.append((who, on))
    return out


def _body_key(name: str) -> str:
    """A body's name to compare: :func:`name_key` without what is in brackets (湖北省生态环境科学研究院(省生态环境工程评估中心))."""
    return name_key(re.sub(r"[(（【\[][^)）】\]]*[)）】\]]", "", name)) or name_key(name)


#: the words many bodies' names share, left out where two names' own words are compared
_BODY_WORDS = re.compile(r"中华人民共和国|中国|有限责任公司|股份有限公司|有限公司|集团|研究院|研究所|研究中心|中心|学会|协会|联合会|大学"
                         r"|学院|杂志社|出版社|编辑部|科学|技术|环境|生态|工程|保护|自治区|委员会|总站|省|市|部|局|厅|站")


def _same_body(printed: str, registered: str) -> bool:
    """Whether a sponsor printed may be the registered one: the same as read, one held in the other (a name cut
    short, 辽宁省环境科学研究院 of …研究院（…中心）), or an abbreviation or a reading with OCR's errors, its
    characters in order in the registered name but for a quarter of them (中科院生态环境研究中心 of 中国科学院生态
    环境研究中心; 辽宁省环境科学研宄院). Two bodies of one province and trade share words: 辽宁省化工研究院 is not
    辽宁省化工学会.

    >>> _same_body("中科院生态环境研究中心", "中国科学院生态环境研究中心"), _same_body("辽宁省环境科学研宄院", "辽宁省环境科学研究院")
    (True, True)
    >>> _same_body("中国汰学会", "中国法学会"), _same_body("中国化工学会", "中国法学会")
    (True, False)
    >>> _same_body("辽宁省化工研究院", "辽宁省化工学会"), _same_body("湖北省环境科学研究院", "沈阳环境科学研究院")
    (False, False)
    """
    from rapidfuzz.distance import LCSseq, Levenshtein

    p, r = _body_key(printed), _body_key(registered)
    if not p or not r or p in r or r in p:
        return True
    common, least = LCSseq.similarity(p, r), min(len(p), len(r))
    if common < 0.75 * least and not (least <= 5 and common >= least - 1):
        return False
    if Levenshtein.distance(p, r) <= max(1, len(r) // 6):  # the name with OCR's slips (中国法学会 read 中国汰学会)
        return True
    # what is left of each without the words any body's name has (省, 环境科学, 研究院): its place, its trade
    p, r = _BODY_WORDS.sub("", p), _BODY_WORDS.sub("", r)
    return not p or not r or LCSseq.similarity(p, r) >= 0.5 * min(len(p), len(r))


def _misread_body(p: str, r: str) -> bool:
    """Whether OCR may have read the body ``r`` as ``p``: a third of its characters misread at most (two in a short
    name). 沈阳环境科学研究院 is so close to 辽宁省环境科学研究院: only a sure reading tells them apart.

    >>> _misread_body("辽宁省环口科学研口院", "辽宁省环境科学研究院"), _misread_body("中国环境科学学会", "辽宁省环境科学研究院")
    (True, False)
    """
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(p, r) <= max(2, len(r) // 3)


def _sponsor_differs(record: JournalRecord, texts: Sequence[str], misread: Misread | None = None) -> str | None:
    r"""The sponsor a journal page prints where none of its parts is a sponsor the registry names for the journal
    (joint sponsors: any one of them; a former sponsor's name close to today's passes, one the registry does not
    name asks a person); None where the pages print none, the registry names none, or a part agrees. A sponsor
    a third of whose characters at most differ from a registered one's (辽宁省环口科学研口院: two characters of a
    small line misread) differs only where the recogniser was sure of its reading (``misread``, asked as for a name: a
    PDF's text layer is sure; no probabilities, unsure).

    >>> rec = JournalRecord(id=1, name="环境保护科学", issn="1004-6216", cn="21-1135/X", publisher="沈阳环境科学研究院；生态环境部环境规划院")
    >>> _sponsor_differs(rec, ["环境保护科学\n主办：中华环保产业研究会\nCN 21-1135/X"])
    '中华环保产业研究会'
    >>> [_sponsor_differs(rec, [t]) for t in ("主办：沈阳环境科学研究院", "主办单位：生态环境部环境规划院 沈阳环境科学研究院",
    ...  "主办：沈阳市环境科学研究院、生态环境部环境规划院", "主办：环规院", "环境保护科学")]
    [None, None, None, None, None]
    """
    registered = [x for x in re.split(r"[;；]", record.publisher or "") if _body_key(x)]
    if not registered:
        return None
    for who, line in _printed_sponsors(texts):
        parts = [who, *re.split(r"[；;、，,\s]+", who)]
        named = [x for x in parts if len(_body_key(x)) >= 4]
        if not named or any(_same_body(x, r) for x in named for r in registered):
            continue
        near = [r for r in registered if any(_misread_body(_body_key(x), _body_key(r)) for x in named)]
        if any(_misread_answer(misread, line, line.replace(who, r)) is not False for r in near):
            continue  # OCR's misreading of a registered sponsor, or nobody can say it is not one
        return who
    return None


#: an issue printed with its year or volume: 2022年第15期, 2022年 15期, 第42卷第15期, 2022,第42卷第15期, 2022年第十五期
#: (not 总第256期); Vol.42 No.15; a citation's head 2022,42(15) or 2022(15)
_ISSUE_PRINTED = re.compile(r"(?:(?:19|20)\d\d\s*年?\s*[,，]?\s*(?:第\s*\d{1,3}\s*卷\s*[,，]?\s*)?|第\s*\d{1,3}\s*卷\s*[,，]?\s*)"
                            r"(?:第?\s*(?P<n>\d{1,3})|第\s*(?P<zh>[一二三四五六七八九十廿卅]{1,3}))\s*期"
                            r"|\bVol\s*\.?\s*\d{1,3}\s*[,，]?\s*No\s*\.?\s*(?P<no>\d{1,3})(?!\d)"
                            r"|(?<!\d)(?:19|20)\d\d\s*[,，]?\s*(?:\d{1,3}\s*)?[(（]\s*(?P<cite>\d{1,3})\s*[)）]", re.I)


def _issue_beyond(record: JournalRecord, texts: Sequence[str]) -> tuple[str, int, int] | None:
    """``(as printed, issue, issues a year)`` where a page prints an issue number the registered frequency (刊期)
    cannot reach (2022年第15期 of a 月刊: twelve a year; a 半月刊 has 24, a 旬刊 36); None where none does or the
    registry gives no frequency it can count (周二刊, 四月一期, none).

    >>> rec = JournalRecord(id=1, name="环境保护与循环经济", frequency="月刊")
    >>> _issue_beyond(rec, ["环境保护与循环经济 2022年第15期"]), _issue_beyond(rec, ["第42卷第12期 2022年总第256期"])
    (('2022年第15期', 15, 12), None)
    >>> _issue_beyond(JournalRecord(id=2, name="生态学报", frequency="半月"), ["2022年第15期"]) is None
    True
    >>> [_issue_beyond(rec, [t]) for t in ("2022年第十五期", "Vol.42 No.15", "环境保护与循环经济 2022,42(15): 1-8",
    ...                                    "2022(13)", "Vol. 42, No. 12", "2022, 42(12)", "2022年第十二期", "2022(3)")]
    [('2022年第十五期', 15, 12), ('Vol.42 No.15', 15, 12), ('2022,42(15)', 15, 12), ('2022(13)', 13, 12), None, None, None, None]
    """
    from verify.read.dates import _ISSUES_PER_YEAR, _cn_number, frequency_periodicity

    most = _ISSUES_PER_YEAR.get(frequency_periodicity(record.frequency))
    if not most:
        return None
    for text in texts:
        for m in _ISSUE_PRINTED.finditer(text):
            digits = m.group("n") or m.group("no") or m.group("cite")
            n = int(digits) if digits else _cn_number(m.group("zh") or "")
            if n is not None and n > most:
                return m.group(0).strip(), n, most
    return None


#: an issue printed as a part (第6期（下）, 第6期下, 2022年6月下半月, 6(下)): one issue number shared by two or three
#: publications, each a 上/中/下 (一号多刊)
_PART_ISSUE = re.compile(r"(?:第\s*[\d一二三四五六七八九十]{1,3}\s*期|\d{4}\s*年\s*\d{1,2}\s*月|\d{4}\s*[,，]?\s*(?:\d{1,3}\s*)?"
                         r"[(（]\s*\d{1,2})\s*(?:[(（]\s*[上中下]\s*(?:半月|旬)?\s*[)）]|[上中下](?:半月|旬)(?:刊|版)?"
                         r"|[上中下](?=\s|$|[)）]))")


#: a registered name that is itself a part of an issue (中国商界(下半月), 中小企业管理与科技(中旬刊), 决策探索(下))
_PART_NAME = re.compile(r"[上中下](?:半月|旬)|[(（]\s*[上中下]\s*[)）]")


def _part_issue(record: JournalRecord, texts: Sequence[str]) -> str | None:
    r"""The issue a page prints as an upper or lower part (第6期（下）, 2022年6月下半月) where the registry gives the
    journal another frequency than one that counts such parts (旬刊 prints 上旬, 中旬, 下旬; a 半月刊 may print 上半月,
    下半月): an edition of an issue no registry holds, under the journal's name and numbers (probe trust23 P21).

    >>> rec = JournalRecord(id=1, name="环境科学与管理", frequency="月刊")
    >>> [_part_issue(rec, [t]) for t in ("2022年 第47卷 第6期（下）", "第47卷第6期下", "2022年6月下半月", "2022,47(6下)")]
    ['第6期（下）', '第6期下', '2022年6月下半月', '2022,47(6下']
    >>> [_part_issue(rec, [t]) for t in ("第47卷第6期", "第6期上海市环境监测中心", "2022年6月下旬出版")]
    [None, None, '2022年6月下旬']
    >>> _part_issue(JournalRecord(id=2, name="科技资讯", frequency="旬刊"), ["2022年第6期（下）"]) is None
    True
    >>> _part_issue(JournalRecord(id=3, name="中国商界(下半月)", frequency="月刊"), ["2022年6月下半月"]) is None
    True
    """
    freq = record.frequency or ""
    if "旬" in freq or "半月" in freq or any(_PART_NAME.search(n) for n in record.names):
        return None  # the registry lists the part itself (中国商界(下半月), 现代物业(上旬刊): 月刊 editions)
    for text in texts:
        for line in text.splitlines():
            if m := _PART_ISSUE.search(line):
                return m.group(0).strip()
    return None


#: free mailboxes: a person's, not an editorial office's
_FREE_MAIL = r"(?:vip\.)?(?:qq|foxmail|163|126|yeah|sina|sohu|139|189|aliyun|tom|21cn|gmail|hotmail|outlook|yahoo)\.(?:com|cn|net)"
_MAILBOX = re.compile(rf"(?P<addr>[A-Za-z0-9][A-Za-z0-9._%+\-]*\s*[@＠]\s*(?P<dom>{_FREE_MAIL}))(?![A-Za-z0-9])", re.I)
#: a submission address's label: 投稿邮箱, 来稿, 征稿, 稿件
_SUBMIT = re.compile(r"投\s*稿|来\s*稿|征\s*稿|稿\s*件")


def _free_mailbox(texts: Sequence[str]) -> tuple[str, str] | None:
    r"""``(address, domain)`` where a journal page prints a submission address (its line, or the line before, says
    投稿, 来稿, 征稿 or 稿件) on a free mailbox (qq.com, 163.com, 126.com…); None otherwise. An office's own
    E-mail line is not weighed: a real journal may keep a 163.com box.

    >>> _free_mailbox(["版权页\n投稿邮箱：hjbhyxhjj2022@qq.com"]), _free_mailbox(["E-mail：hjbh@163.com"])
    (('hjbhyxhjj2022@qq.com', 'qq.com'), None)
    >>> _free_mailbox(["投稿网址：www.hjbh.cn", "稿件请发至 bjb@lnepb.gov.cn"])
    """
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            m = _MAILBOX.search(line)
            if m and (_SUBMIT.search(line[:m.start()]) or (i and _SUBMIT.search(lines[i - 1]))):
                return re.sub(r"\s", "", m.group("addr")), m.group("dom").lower()
    return None


def _sponsor_doubt(record: JournalRecord, who: str) -> str:
    return (f"期刊页所印主办单位「{who}」不是该刊登记的主办单位（{record.publisher}），亦非其简称：请核对是否为该刊"
            "原主办单位，或为套用该刊刊名与刊号的假刊")


def _masthead_doubts(record: JournalRecord, texts: Sequence[str], heads: Sequence[str] = (), sponsor: bool = True,
                     misread: Misread | None = None) -> list[str]:
    """What a registered journal's pages print that the registry says otherwise, or that no editorial office
    prints: each a reason for a person to look (never a fail: a sponsor may have changed, a frequency too).
    ``texts``: the journal's pages (cover, 版权页, 目录); ``heads``: the paper's running heads (第42卷第15期);
    ``sponsor``: weigh the sponsor (not where another province's sponsor was said already); ``misread``: see
    :func:`_sponsor_differs`."""
    out = []
    who = _sponsor_differs(record, texts, misread) if sponsor else None
    if who is not None:
        out.append(_sponsor_doubt(record, who))
    if beyond := _issue_beyond(record, [*texts, *heads]):
        printed, n, most = beyond
        freq = record.frequency if record.frequency.endswith("刊") else f"{record.frequency}刊"  # 双月 as 双月刊
        out.append(f"期刊页所印“{printed}”为第{n}期，超出该刊登记的出版周期（{freq}，每年至多{most}期）："
                   "请核对是否为套用该刊刊号的假刊（或该刊当年的刊期与登记不同）")
    if half := _part_issue(record, [*texts, *heads]):
        freq = record.frequency if record.frequency.endswith("刊") else f"{record.frequency}刊"
        out.append(f"期刊页所印“{half}”为一期分上、下（或上、中、下）出版的分册，该刊登记为{freq}，登记库中并无此分册："
                   "请核对是否为借用该刊刊名与刊号另行出版的分册（一号多刊，假刊常见形式）")
    if mail := _free_mailbox(texts):
        addr, dom = mail
        out.append(f"期刊页所印投稿邮箱 {addr} 为免费个人邮箱（{dom}），期刊编辑部一般以本刊网站或单位邮箱收稿："
                   "请以该刊官方网站或国家新闻出版署期刊查询核对投稿方式，谨防假冒期刊")
    return out


def _another_journal_named(source, records, names, page_texts, misread: Misread | None = None) -> JournalRecord | None:
    """The registered journal a name given is exactly (and is printed on the pages,
    where pages are given; a name typed at the desk stands for what is printed),
    when it is clearly not the journal the numbers belong to: a real pair under
    another real journal's name.

    Left to a person: a name OCR could make of one of the pair's own (:func:`names_agree`,
    an edition of one school's journal, a former name), unless a page prints it and the
    recogniser was sure of it there (``misread`` answers no: 中共桂林市委党校学报 over
    中共南宁市委党校学报's pair); a stopped journal's name close to the pair's (fuzz 60 or
    more: a renaming the registry does not record). Two active journals' names close by
    letters but more edits apart than OCR makes (炼油与化工, 煤炭与化工) are two journals:
    that was a review (bench_journals.py section 4), as was a name of fewer than four
    characters, printed as a line of its own (读写算)."""
    from rapidfuzz import fuzz

    own_ids = {r.id for r in records}
    own_names = [x for r in records for x in r.names]
    for n in names:
        for other in _exactly_named(source, n.text):
            if other.id in own_ids:
                continue
            slip = any(names_agree(a, b) or split_edition(a)[0] == split_edition(b)[0]
                       for a in other.names for b in own_names)
            if not other.active and any(fuzz.ratio(name_key(a), name_key(b)) >= 60 for a in other.names for b in own_names):
                continue
            if page_texts:
                lines = [line for t in page_texts for line in t.splitlines() if _names_line(other.name, line)]
                shown = bool(lines) or any(_on_page(other.name, t) for t in page_texts)
                own_shown = any(_on_page(o, t, skip=other.name) or any(_names_line(o, line) for line in t.splitlines())
                                for o in own_names for t in page_texts)
                if not shown or own_shown:
                    continue
                if slip and not (lines and all(_read_surely(misread, line.strip(), o) for line in lines for o in own_names)):
                    continue
            elif not n.typed or slip:
                continue
            return other
    return None


def _misread_answer(misread: Misread | None, line: str, name: str) -> bool | None:
    """What ``misread`` says of the page's ``line`` read for the journal's ``name``:
    ``False`` where the recogniser was sure it is not the name; ``None`` where nobody can
    say (no recogniser, no probabilities, or its check failed: no evidence of a sure
    reading)."""
    if misread is None:
        return None
    try:
        return misread("name", line, name)
    except Exception:
        log.exception("misread check failed")
        return None


def _read_surely(misread: Misread | None, line: str, name: str) -> bool:
    """Whether the recogniser was sure the page's ``line`` is not the journal's ``name``."""
    return _misread_answer(misread, line, name) is False


def _names_line(name: str, line: str) -> bool:
    """Whether a line is a journal's name as it is, beside the issue's words at most
    (读写算, 读写算 2024年第3期): a short name (fewer than four characters, which
    :func:`_on_page` does not look for inside lines) counts so.

    >>> _names_line("读写算", "读写算 2024年第3期"), _names_line("读写算", "读写算法研究"), _names_line("门窗", "门窗")
    (True, False, True)
    """
    key = name_key(name)
    return bool(key) and _HEAD_WORDS.sub("", _ISSUE_WORDS.sub("", name_key(line))) == _HEAD_WORDS.sub("", _ISSUE_WORDS.sub("", key))


def _pick(records: list[JournalRecord], names, page_texts, source) -> tuple[JournalRecord, str]:
    """The record the names point at (active first); its name check."""
    checked = [(r, _name_check(r, names, page_texts, source)) for r in records]
    checked.sort(key=lambda rc: (rc[1] not in ("agrees", "former"), rc[1] != "agrees", not rc[0].active, rc[0].id))
    return checked[0]


def _registered(j: Judgement, source, records, names, page_texts, date, label, misread: Misread | None = None,
                all_texts: Sequence[str] = ()) -> Judgement:
    record, check = _pick(records, names, page_texts, source)
    j.journal, j.name_check = record, check
    j.doubts = _before_founding(record, date)
    j.status = "registered"
    j.warnings = _warnings(source, names, record)
    others = [r for r in records if r.id != record.id]
    if others:
        j.candidates = [Candidate(r, "同刊号") for r in others]
    printed = _printed_other(source, records, page_texts) if check != "differs" else None
    if printed is not None:
        # the claim names the numbers' own journal, the journal's pages another's: a real
        # pair under another real journal's name, or a side label read as a title (a
        # person looks: the claim agrees with the numbers)
        j.name_check = "differs"
        j.candidates += [Candidate(printed, "刊名所属")]
        j.reason = (f"{label} 登记为{record.label()}，但期刊页所印刊名为另一种登记期刊《{printed.name}》"
                    f"（{printed.label()}），未见《{record.name}》，请核对是否套用他刊刊号")
        return j
    variant = _printed_variant(records, page_texts, misread, all_texts) if check != "differs" else None
    if variant is not None:
        line, sure = variant
        j.name_check = "differs"
        if sure:
            j.reason = (f"{label} 登记为{record.label()}，但期刊页所印刊名为《{line}》，与登记刊名仅一两字之差且识别可信，"
                        "请核对是否为仿冒刊名的期刊")
        else:
            j.reason = (f"{label} 登记为{record.label()}，但期刊页所印刊名为《{line}》，与登记刊名仅一两字之差，期刊页上未见"
                        f"《{record.name}》；无法确定是识别误差还是仿冒刊名（识别引擎未给出逐字识别概率，或登记刊名同样可能），请核对期刊原件")
        return j
    if check in ("agrees", "former") and _printed_nowhere(record, names, all_texts):
        j.name_check = "differs"
        j.reason = (f"{label} 登记为{record.label()}，但该论文及其期刊页上均未见《{record.name}》的刊名"
                    "（期刊页所印刊名不是登记刊名），请核对是否为套用该刊刊号的其他刊物")
        return j
    if check == "differs":
        shown = next((n.text for n in names if n.text), "")
        named = _another_journal_named(source, records, names, page_texts, misread)
        if named is not None:
            j.status, j.certain, j.journal, j.doubts = "mismatch", True, None, []
            j.candidates = [Candidate(r, "刊号所属") for r in records] + [Candidate(named, "刊名所属")]
            j.reason = (f"{label} 属于{record.label()}，而期刊页所印刊名《{named.name}》是另一种登记期刊"
                        f"（{named.label()}）：刊号与刊名分属两种期刊（疑似套用刊号）")
            return j
        j.reason = f"{label} 登记为{record.label()}，与所列刊名《{shown}》不符，请核对是否套用他刊刊号"
        j.candidates += _candidates_by_name(source, names, exclude={record.id} | {r.id for r in others})
        return j
    if check == "unread" and j.name_required:
        j.reason = f"{label} 登记为{record.label()}，但未读出刊名，无法核对刊名"
    elif check == "unread":
        j.reason = f"{label} 属于登记的{record.label()}（未核对刊名）；主办：{record.publisher or '不详'}；{record.status_zh}"
    else:
        former = "（曾用刊名）" if check == "former" else ""
        j.reason = f"{label} 与登记的{record.label()}{former}一致；主办：{record.publisher or '不详'}；{record.status_zh}"
        if record.indexes:
            j.reason += "；收录：" + "、".join(record.indexes)
        shared = _former_of_another(source, records, names, [*page_texts, *all_texts])
        if shared is not None:
            former, other = shared
            j.candidates += [Candidate(other, "刊名所属")]
            j.doubts.append(f"刊名《{former}》是{record.label()}的曾用刊名，也是另一种登记期刊{other.label()}的现用刊名；"
                            f"登记库未载更名时间，无法判断论文发表时《{former}》是哪一种期刊，请核对期刊原件")
    if not record.active:
        _ceased(j, source, record, date)
    return j


def _former_of_another(source, records, names: Sequence[NameEvidence], texts: Sequence[str]):
    """``(former name, journal)`` where the name the journal is known by here (the
    name given, or a line of its pages that is the name) is a former name of the
    numbers' journal and also the current name of another active registered journal,
    and no page prints the numbers' journal's current name: 环境科技 over 1674-1021
    (环境保护与循环经济, once 环境科技) is as well the name 1674-4829 carries today (trust
    exploration 4, P25). The registry dates no renaming, so which journal the name
    meant when the paper appeared cannot be told: a person looks. None otherwise.

    >>> from verify.journals.registry import JournalRecord
    >>> own = JournalRecord(id=1, name="中国糖尿病杂志", former_names=("中华糖尿病杂志",), status="active")
    >>> other = JournalRecord(id=2, name="中华糖尿病杂志", status="active")
    >>> class Source:
    ...     def by_name_exact(self, name):
    ...         return [r for r in (own, other) if name_key(name) in map(name_key, r.names)]
    >>> _former_of_another(Source(), [own], [NameEvidence("中华糖尿病杂志")], [])[1].id
    2
    >>> _former_of_another(Source(), [own], [NameEvidence("中国糖尿病杂志")], []) is None  # its name today
    True
    """
    if not hasattr(source, "by_name_exact"):
        return None
    own_ids = {r.id for r in records}
    if any(_printed(r.name, texts) for r in records):
        return None  # its current name is printed: the pages say which journal
    keys = [name_key(line) for text in texts for line in text.splitlines()]
    for r in records:
        for former in r.former_names:
            key = name_key(former)
            if not key:
                continue
            named = any(name_key(n.text) == key or (names_agree(n.text, former, typed=n.typed)
                                                    and not names_agree(n.text, r.name, typed=n.typed))
                        for n in names if n.text)  # not its current name, one character from the former
            if not (named or any(_stands_alone(key, k) for k in keys)):
                continue
            for other in source.by_name_exact(former):
                if other.id not in own_ids and other.active and name_key(other.name) == key:
                    return former, other
    return None


def _printed_nowhere(record: JournalRecord, names: Sequence[NameEvidence], all_texts: Sequence[str]) -> bool:
    r"""Whether the journal's name, given by the applicant, is printed on none of the
    paper's and its journal's pages (``all_texts``: cover, 版权页, 目录, the paper's own
    first page with its running head), where a real journal prints it several times:
    the pages are another publication's that borrowed the registered numbers (环境科技
    创新与管理 over 中国环境监测's ISSN and CN). A name is looked for leniently (in the
    text as a whole, line breaks and spaces dropped, or with OCR's errors: :func:`_on_page`),
    its former names too; False where nothing was given or no page was read.

    >>> from verify.journals.registry import JournalRecord
    >>> rec = JournalRecord(id=1, name="中国环境监测", issn="1002-6002", cn="11-2861/X")
    >>> given = [NameEvidence("中国环境监测", typed=True)]
    >>> _printed_nowhere(rec, given, ["环境科技创新与管理\nISSN 1002-6002", "环境科技创新与管理 2022年第4期"])
    True
    >>> _printed_nowhere(rec, given, ["ISSN 1002-6002", "中国环境监测 2022年第38卷第4期"])
    False
    >>> _printed_nowhere(rec, given, ["环境科技创新与管理\nISSN 1002-6002\n主办：中国环境监测总站"])  # its sponsor
    True
    >>> _printed_nowhere(rec, given, ["ISSN 1002-6002", "中 国 环 境\n监 测"]), _printed_nowhere(rec, given, [])
    (False, False)
    """
    if not all_texts or not any(n.typed and n.text for n in names):
        return False
    return not any(not name_key(name) or _printed(name, all_texts) for name in record.names)


def _printed(name: str, texts: Sequence[str]) -> bool:
    """Whether pages print the journal's ``name``: standing alone in a line
    (:func:`_stands_alone`: a running head, 《…》编辑部) or anywhere with the OCR errors a
    name allows (:func:`_on_page`)."""
    key = name_key(name)
    return (bool(key) and any(_stands_alone(key, name_key(line)) for text in texts for line in text.splitlines())
            or any(_on_page(name, text) for text in texts))


def _stands_alone(key: str, line: str) -> bool:
    """Whether a line (its :func:`name_key`) holds the name ``key`` as a name of its own:
    no Chinese character joined to it on either side but its office's (编辑部, 杂志社…):
    a running head (生态学报2022425), 《环境保护与循环经济》编辑部; not another name that
    holds it (环境科技创新与管理 of 环境科技, its sponsor 中国环境监测总站).

    >>> [_stands_alone("生态学报", x) for x in ("生态学报2022425", "生态学报编辑部", "应用生态学报", "生态学报社区版")]
    [True, True, False, False]
    """
    for m in re.finditer(re.escape(key), line):
        before, after = line[:m.start()], line[m.end():]
        if before and "\u4e00" <= before[-1] <= "\u9fff":
            continue
        if after and "\u4e00" <= after[0] <= "\u9fff" and not _OFFICE_AFTER.match(after):
            continue
        return True
    return False


def _before_founding(record: JournalRecord, date) -> list[str]:
    """A paper dated in a year before the registered journal's founding year: a
    person looks (never a fail: the registry's 创刊 year may be that of a later name
    or a later number, the journal older than it). Years alone are compared, a
    founding year being all a list gives; no founding year or no date says nothing.

    >>> from verify.journals.registry import JournalRecord
    >>> from verify.read.dates import PartialDate
    >>> rec = JournalRecord(id=1, name="环境生态学", issn="2096-6830", cn="10-1620/S", founded=2019)
    >>> _before_founding(rec, PartialDate(2017, 3))
    ['期刊《环境生态学》登记的创刊时间为2019年，论文刊期2017年早于创刊，请人工核对是否为假刊或期刊更名前的刊期']
    >>> _before_founding(rec, PartialDate(2019, 1)), _before_founding(rec, None)
    ([], [])
    >>> _before_founding(JournalRecord(id=2, name="环境科学"), PartialDate(1970))
    []
    """
    if not record.founded or date is None or date.latest().year >= record.founded:
        return []
    return [f"期刊《{record.name}》登记的创刊时间为{record.founded}年，论文刊期{date.latest().year}年早于创刊，"
            "请人工核对是否为假刊或期刊更名前的刊期"]


def _ceased(j: Judgement, source, record: JournalRecord, date) -> None:
    word = "合并" if record.status == "merged" else "停刊"
    bound: dt.date | None = None
    if hasattr(source, "source_as_of"):
        bound = source.source_as_of(record.source)
    head = f"{record.label()}已{word}"
    j.status = "ceased"
    if record.status_year:
        head += f"（{record.status_year}年）"
        if date is None:
            j.reason = head + "，未读出论文发表时间，请核实发表时该刊是否仍在出版"
        elif date.earliest().year > record.status_year:
            j.certain = True
            j.reason = head + f"，论文发表时间 {date.iso()} 在其{word}之后"
        elif date.latest().year < record.status_year:
            j.status = "registered"
            j.notes.append(f"该刊于 {record.status_year} 年{word}，论文发表时（{date.iso()}）仍在出版")
        else:
            j.reason = head + f"，论文发表于{word}当年（{date.iso()}），请核实发表时该刊是否仍在出版"
        return
    when = f"（{word}时间不详；{bound.isoformat()} 的名录已列为{word}）" if bound else f"（{word}时间不详）"
    if date is None:
        j.reason = head + when + "，未读出论文发表时间，请核实"
    elif bound is not None and date.earliest() > bound:
        j.certain = True
        j.reason = head + when + f"，论文发表时间 {date.iso()} 在其后"
    else:
        j.reason = head + when + f"，请核实论文发表时（{date.iso()}）该刊是否仍在出版"


def check(registry, issn: str | None = None, cn: str | None = None, names: Sequence[NameEvidence | str] = (),
          date=None, *, online=None, page_texts: Sequence[str] = (), misread: Misread | None = None,
          require_name: bool = True, all_texts: Sequence[str] = (), paper_texts: Sequence[str] = (),
          head_texts: Sequence[str] = ()) -> Judgement:
    """:func:`judge` against the local registry; a journal it does not know is asked
    of the online service (``online``: an :class:`~verify.journals.online.OnlineLookup`)
    when one is configured, and the judgement says where its answer came from."""
    kw = {"page_texts": page_texts, "misread": misread, "require_name": require_name, "all_texts": all_texts,
          "paper_texts": paper_texts, "head_texts": head_texts}
    j = judge(registry, issn, cn, names, date, **kw)
    if online is None or j.status != "unknown":
        return j
    from verify.journals.online import WithOnline

    name = next((n if isinstance(n, str) else n.text for n in names if n), None)
    answer = online.query(j.issn, j.cn, name)
    if answer.records:
        j2 = judge(WithOnline(registry, answer), issn, cn, names, date, **kw)
        j2.lookup = answer.to_dict()
        return j2
    j.lookup = answer.to_dict()
    return j
