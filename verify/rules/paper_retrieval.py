"""paper.retrieval: each paper has a retrieval proof (知网/万方/维普 检索证明) naming it.

A proof from a search engine rather than the notice's databases (百度学术, not 知网,
万方 or 维普) is ``review``; so is a proof whose row for the paper shows it in another
journal (a registered journal's name, or the one its citation names, or the value of
its record's 刊名 label where the proof lists a field a line, where the claimed
name and its former names are nowhere on the proof) or in another year than claimed
(never ``fail``: OCR may misread a name). None found fails, unless a page left
unclassified looks most like a retrieval proof
(:func:`verify.rules.required.maybe_of_kind`): ``review``, naming it.

Which proof names the paper is :func:`verify.read.claims.match_papers`'s: the claimed
title against the proof's title span. A proof listing a title close to the claim, or
the claim as a piece of a longer title, is ``review``; one listing a title that differs
where the recogniser read clearly (PM10 for PM2.5) fails, naming that title. A proof
row backs one claim: a second claim it names is ``review`` (两篇申报论文对应同一篇材料).
A claimed "title" that is the journal's or the unit's name fails: every proof prints it.

Where the dossier holds the contents page (目次) of the issue the paper's own page
prints (same journal, year and 期) and no contents page, nor any other page of its
file, names the paper's title, that is a ``review`` of its own (none where the contents
stop at a page before the paper's first)."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import replace

from verify.model import Finding, PaperClaim
from verify.read.claims import (JOURNAL_MIN, TITLE_DOUBT, cited_journal, cited_years, first_page, named_on, own_issues,
                                printed_issues, row_cells, title_key, title_on, title_row, toc_page_numbers)
from verify.read.confirm import confirmed
from verify.read.names import name_on_page
from verify.rules import Dossier, finding
from verify.rules.required import maybe_of_kind, where

RULE_ID = "paper.retrieval"


def _title_read_again(pages, title: str | None):
    """``(page, confirmation)``: the first of ``pages`` on which a line read again shows the
    claimed ``title`` (a ``paper_title`` claim confirmed there), else None."""
    key = title_key(title)
    if not key:
        return None
    for p in pages:
        # the title whole on a line, or wrapped: its head's line and its rest's, each read as claimed
        parts = [c for c in getattr(p, "confirmations", ()) if c.fact == "paper_title" and title_key(c.expected) in key]
        if any(title_key(c.expected) == key and c.state == "confirmed" for c in parts):
            return p, next(c for c in parts if title_key(c.expected) == key and c.state == "confirmed")
        wrapped = [c for c in parts if title_key(c.expected) != key]
        if len(wrapped) == 2 and all(c.state == "confirmed" for c in wrapped) \
                and title_key("".join(c.expected for c in wrapped)) == key:
            a, b = (c.read or "" for c in wrapped)
            return p, replace(wrapped[0], expected=title, read=a + (" " if a[-1:].isascii() and b[:1].isascii() else "") + b)
    return None


def check(d: Dossier) -> list[Finding]:
    if d.exempt(RULE_ID):
        return [d.exemption(RULE_ID, "企业申报人员对论文不作发表要求，免于核对论文检索证明")]
    findings = []
    for match in d.paper_matches:
        paper = f"论文《{match.claim.title or match.claim.journal or '未命名'}》"
        if match.title_from is not None:  # no title claimed: its own first page's (verify.read.claims.untitled_claim)
            paper += f"（申报信息未填题名，按{match.title_from.where}所印题名核对）"
        doubtful = getattr(match, "doubtful_retrieval_pages", [])
        shared = [(p, other) for p, other in getattr(match, "shared_pages", [])
                  if not (match.retrieval_pages if p.kind == "retrieval_proof" else match.paper_pages)]
        if shared:
            # one paper in the dossier backing two claims (probe alt23 F3)
            page, other = shared[0]
            findings.append(finding(RULE_ID, "review", f"{paper}与论文《{other.title}》对应同一篇材料（{page.where}）："
                                    "两篇申报论文对应同一篇材料，请人工核对是否为两篇不同的论文", page, value=match.claim.title))
        if getattr(match, "title_names", None):
            # every proof and journal page prints it: no page shows a paper by that title (probe alt23 F3)
            findings.append(Finding(RULE_ID, "fail", f"{paper}的题名即{match.title_names}，不是论文题名，无法据此找到该论文的检索证明，"
                                    "请核对申报的论文题名", value=match.claim.title))
        elif match.retrieval_pages:
            proof = match.retrieval_pages[0]
            state, bbox, _ = name_on_page(proof.ocr, d.applicant.name)
            if state == "absent" and bbox is not None and confirmed([proof], "name"):
                # a name one character away that the line, read again, shows as the applicant's
                # (verify.read.confirm), as identity.name takes it on a form
                state = "present"
            if state in ("other", "elsewhere"):
                # the proof names the paper and another person as its author (probe alt10:
                # the right title under two other authors passed)
                findings.append(finding(RULE_ID, "review", f"{paper}的检索证明上未见申报人「{d.applicant.name}」，"
                                        "所列作者为他人，请人工核对是否为申报人本人的论文", proof, bbox=bbox))
            elif state == "absent" and bbox is not None:
                read = "、".join(proof.names) or "他人"
                findings.append(finding(RULE_ID, "review", f"{paper}的检索证明上所列作者识别为「{read}」，与申报人「{d.applicant.name}」"
                                        "相差一字（可能是识别误差，也可能是他人），请人工核对是否为申报人本人的论文", proof, bbox=bbox,
                                        value=read, expected=d.applicant.name))
            elif (source := _other_source(proof)) is not None:
                findings.append(finding(RULE_ID, "review", f"{paper}的检索证明来自「{source}」，不是通知要求的中国知网、万方或维普数据库，"
                                        "请人工核对", proof, value=source))
            elif shown := _listed_elsewhere(d, match.claim, proof, match):
                claimed = f"《{match.claim.journal}》" + (f"（{match.claim.date.iso()}）" if match.claim.date else "")
                findings.append(finding(RULE_ID, "review", f"{paper}的检索证明所列{'、'.join(shown)}，与申报的{claimed}不一致，"
                                        "请人工核对该证明是否为这篇论文在申报期刊上的收录记录（也可能是识别误差）", proof,
                                        value="；".join(shown), expected=claimed))
            else:
                findings.append(finding(RULE_ID, "pass", f"{paper}有检索证明", proof))
        elif any(p.kind == "retrieval_proof" for p, _ in shared):
            pass  # the review above
        elif doubtful and (read := _title_read_again(doubtful, match.claim.title)) is not None:
            # the line read again, by the second recogniser, says the claimed title whole
            # (verify.read.confirm): the first reading's differing characters were its misreads
            proof, conf = read
            findings.append(finding(RULE_ID, "pass", f"{paper}有检索证明（所列题名识别为《{conf.read}》，"
                                    f"经重新识别与申报题名一致）", proof, value=match.claim.title))
        elif doubtful:
            shown = title_on(match.claim.title, doubtful[0]).span
            listed = f"所列题名《{shown}》" if shown else "上题名"
            findings.append(finding(RULE_ID, "review", f"{paper}的检索证明{listed}与申报不完全一致（可能是识别误差，也可能是另一篇论文），请人工核对",
                                    doubtful[0], value=match.claim.title))
        elif other := getattr(match, "other_retrieval_pages", []):
            # a title a clean word off, read surely (probe alt23 F3: 《…PM10…》 passed on the proof of 《…PM2.5…》)
            shown = title_on(match.claim.title, other[0]).span
            findings.append(finding(RULE_ID, "fail", f"{paper}未找到检索证明：检索证明所列题名为《{shown}》，与申报的题名不一致"
                                    "（识别清楚，不是识别误差），请核对申报的论文题名或补充该论文的检索证明", other[0],
                                    value=shown, expected=match.claim.title))
        elif not title_key(match.claim.title) and (proofs := d.pages_of("retrieval_proof")):
            # no title claimed nor one paper page of its own to take it from: which paper a proof
            # names cannot be told, and there are proofs (it failed as 缺少检索证明 on a clean dossier)
            findings.append(finding(RULE_ID, "review", f"{paper}：申报信息未填论文题名，也未能从论文首页确定题名，无法判断"
                                    f"材料中的检索证明（{where(proofs)}）是否为这篇论文的，请人工核对", proofs[0]))
        elif maybe := maybe_of_kind(d, "retrieval_proof"):
            findings.append(Finding(RULE_ID, "review", f"{paper}未找到检索证明；{where(maybe)}可能是检索证明（未能识别其类型），请人工核对",
                                    file=maybe[0].file, page=maybe[0].page, value=match.claim.title))
        elif unnamed := _proofs_of_the_journal(d, match.claim):
            # a proof that lists the claimed journal, backs no other claim, and on which no title close to the claim
            # was read: its title lost to the page (probe trust39 C13: a folded, shaded proof read 能源与环境 2021,(5)
            # and 实践 of 农村饮用水水源地保护区划定实践, and 缺少论文检索证明 failed a clean dossier)
            findings.append(finding(RULE_ID, "review", f"{paper}未在检索证明上识别出其题名；{where(unnamed)}的检索证明列有申报期刊"
                                    f"《{match.claim.journal}》，其题名未能识别，请人工核对是否为这篇论文的检索证明", unnamed[0],
                                    value=match.claim.title))
        else:
            findings.append(Finding(RULE_ID, d.missing_status, f"{paper}缺少论文检索证明（知网/万方/维普检索结果，须人事部门签字盖章）{d.unreadable_note}", value=match.claim.title))
        if toc := _issue_contents_without(d, match):
            year, number = min(printed_issues(toc.ocr.text) & own_issues(match))
            findings.append(finding(RULE_ID, "review", f"{paper}：论文首页所印的《{match.claim.journal}》{year}年第{number}期，"
                                    f"其目次（{toc.where}）中未见该论文题名，请人工核对论文是否确实刊载于该期"
                                    "（也可能是目次不全或识别误差）", toc, value=match.claim.title))
    return findings


#: the databases the notice names for retrieval (万方数据资源系统, 清华同方中国知网, 重庆维普)
_NAMED_DATABASE = re.compile(r"知网|CNKI|万方|Wanfang|维普|cqvip|(?<![A-Za-z])VIP(?![A-Za-z])|中文科技期刊数据库", re.I)
#: search engines and libraries that are not those databases
_OTHER_SOURCE = re.compile(r"百度学术|谷歌学术|Google\s*Scholar|必应学术|Bing\s*Academic|读秀|超星|360学术|搜狗学术", re.I)


def _proofs_of_the_journal(d: Dossier, claim: PaperClaim) -> list:
    """The retrieval proofs that print the claimed journal's name and are no claimed paper's own proof (none names
    them, nor lists them as a title close to it): what title they list was not read.

    >>> from ocr.model import OcrLine, OcrPage
    >>> from types import SimpleNamespace as NS
    >>> from verify.model import PageRead
    >>> box = ((0, 0), (400, 0), (400, 30), (0, 30))
    >>> proof = PageRead("r.jpg", 1, OcrPage(900, 1200, [OcrLine(t, box, 0.9) for t in ("文献检索证明", "能源与环境", "2021, (5)")]),
    ...                  kind="retrieval_proof")
    >>> claim = PaperClaim(title="农村饮用水水源地保护区划定实践", journal="能源与环境")
    >>> free = NS(pages=[proof], paper_matches=[NS(retrieval_pages=[], doubtful_retrieval_pages=[], other_retrieval_pages=[])])
    >>> [p.file for p in _proofs_of_the_journal(free, claim)]
    ['r.jpg']
    >>> taken = NS(pages=[proof], paper_matches=[NS(retrieval_pages=[proof], doubtful_retrieval_pages=[], other_retrieval_pages=[])])
    >>> _proofs_of_the_journal(taken, claim), _proofs_of_the_journal(free, PaperClaim(title="x", journal="中国环境监测"))
    ([], [])
    """
    journal = re.sub(r"\s+", "", claim.journal or "")
    if len(journal) < 4:
        return []
    taken = {id(p) for m in d.paper_matches
             for p in (*m.retrieval_pages, *m.doubtful_retrieval_pages, *getattr(m, "other_retrieval_pages", []))}
    return [p for p in d.pages if p.kind == "retrieval_proof" and id(p) not in taken and p.ocr is not None
            and journal in "".join("".join(line.text.split()) for line in p.ocr.lines) and not _lists_a_title(p, journal)]


#: words of a proof's own text (heading, the sentence above its table, column heads, signature and seal labels), no
#: paper's title
_PROOF_WORDS = re.compile(r"检索|收录|证明|审核|盖章|签字|单位|部门|同志|题名|刊名|作者|年卷|序号|数据库|知网|万方|维普|日期")
#: a run of this many Chinese characters on a line of none of those words reads as a title
TITLE_RUN = 8


def _lists_a_title(proof, journal: str) -> bool:
    """Whether ``proof`` reads a title of its own: a line, the journal's name taken out, holding :data:`TITLE_RUN`
    Chinese characters in a row and none of a proof's own words. A proof that lists another paper whole (a colleague's,
    or the applicant's other paper) is no proof whose title was lost, and the paper it does not name still lacks one.

    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((0, 0), (400, 0), (400, 30), (0, 30))
    >>> read = lambda *ts: NS(ocr=OcrPage(900, 1200, [OcrLine(t, box, 0.9) for t in ts]))
    >>> from types import SimpleNamespace as NS
    >>> _lists_a_title(read("文献检索证明", "能源与环境", "2021, (5)", "实践", "经检索，该同志论文被中国知网收录"), "能源与环境")
    False
    >>> _lists_a_title(read("文献检索证明", "城市餐饮油烟排放特征及监管对策研究", "能源与环境"), "能源与环境")
    True
    """
    for line in proof.ocr.lines:
        text = "".join(line.text.split()).replace(journal, " ")
        if _PROOF_WORDS.search(text):
            continue
        if re.search(rf"[\u4e00-\u9fff]{{{TITLE_RUN},}}", text):
            return True
    return False


def _other_source(proof) -> str | None:
    """The search engine a retrieval proof says it came from, where it names none of
    the notice's databases (a 百度学术 screenshot, signed and sealed, passed: probe
    alt15 P13); None otherwise.

    A search engine's results list the databases each hit came from (百度学术's 来源：知网
    维普): the page is the engine's where it names the engine before any database (its
    heading), as a database's page names itself first (a 百度学术 table with a 来源 column
    passed, trust exploration).

    >>> from types import SimpleNamespace as P
    >>> _other_source(P(ocr=P(text="检索来源：百度学术 搜索结果截图"))), _other_source(P(ocr=P(text="中国知网 检索结果")))
    ('百度学术', None)
    >>> _other_source(P(ocr=P(text="百度学术 检索结果 题名 来源 知网 维普"))), _other_source(P(ocr=P(text="中国知网 检索结果 另见百度学术")))
    ('百度学术', None)
    """
    text = proof.ocr.text if proof.ocr is not None else ""
    m = _OTHER_SOURCE.search(text)
    if m is None:
        return None
    named = _NAMED_DATABASE.search(text)
    return m.group(0) if named is None or m.start() < named.start() else None


def _listed_elsewhere(d: Dossier, claim: PaperClaim, proof, match=None) -> list[str]:
    """What the proof's row for the paper shows against the claim: another journal
    (a registered journal's name as a cell of the row, or the journal its citation
    names after [J]), where neither the claimed name nor a name the registry gives
    the claimed journal is read anywhere on the proof; and years that are all not the
    claimed year; or an issue (year and 期) that none of the paper's own pages or its
    journal pages print (第3期 listed for a paper whose cover and running head print
    第4期 passed: trust exploration 6, P17). [] where the row shows none of these, or was
    not found (a 知网 proof listing the paper in 环境科学 2022（43）增刊, claimed
    环境科学与管理 2022-11, passed: probe alt17 P12)."""
    row = title_row(proof, claim.title)
    if not row or not claim.journal:
        return []
    shown = []
    registry = _registry(d)
    own_ids, own_names = _own_journal(registry, claim)
    if not any(named_on(name, proof, JOURNAL_MIN) for name in own_names):
        if other := _other_journal(row + _record_journal(proof, row), registry, own_ids, own_names):
            shown.append(f"刊名《{other}》")
    years = [(year, text) for line in row for year, text in cited_years(line.text)]
    own = own_issues(match).union(*(printed_issues(p.ocr.text) for p in getattr(match, "journal_pages", ()))) \
        if match is not None else set()
    # a year the paper's own or journal pages print too is the paper's, whatever year the claim typed (2019年第12期 on
    # proof, cover and running head, claimed 2020-01: probe trust24 R07; the claim's date is evidence.after_title's)
    if claim.date is not None and years and all(year != claim.date.year for year, _ in years) \
            and not any(year == y for year, _ in years for y, _ in own):
        shown.append(f"刊期「{years[0][1]}」")
    elif match is not None and (listed := printed_issues(" ".join(line.text for line in row))):
        if own and listed.isdisjoint(own):
            y, n = min(listed)
            shown.append(f"刊期「{y}年第{n}期」（论文所在期刊为{'、'.join(f'{a}年第{b}期' for a, b in sorted(own))}）")
    return shown


#: a record's labels: the journal's (刊名：…, 来源：…) and the one that starts a record (题名：…)
_JOURNAL_LABEL = re.compile(r"^\s*(?:刊\s*名|期\s*刊\s*名\s*称|来\s*源\s*期\s*刊|文\s*献\s*来\s*源|来\s*源|出\s*处|Source)\s*[:：]?\s*"
                            r"[《<]?(?P<v>[^《》<>]*?)[》>]?\s*$", re.I)
_RECORD_START = re.compile(r"(?:题\s*名|篇\s*名|Title)\s*[:：]", re.I)


def _record_journal(proof, row: list) -> list:
    """The journal-name cells of the record that lists the paper where the proof lists
    a record a field a line (【1】题名：… / 作者：… / 刊名：环境科学与管理): the line after a
    刊名 or 来源 label alone on its row, below the title and above the next record's 题名
    (within twelve line heights). A proof listing the paper in another journal so passed:
    the title's row holds only the title (trust9).

    >>> from ocr.model import OcrLine, OcrPage
    >>> from verify.model import PageRead
    >>> box = lambda x, y, w: ((x, y), (x + w, y), (x + w, y + 45), (x, y + 45))
    >>> lines = [OcrLine("【1】题名：", box(216, 461, 200), 1.0), OcrLine("抚顺市望花区声环境质量监测分析", box(470, 460, 464), 1.0),
    ...          OcrLine("作者：", box(296, 525, 118), 1.0), OcrLine("苏琦；张明", box(472, 521, 161), 1.0),
    ...          OcrLine("刊名：", box(296, 652, 118), 1.0), OcrLine("环境科学与管理", box(470, 648, 223), 1.0),
    ...          OcrLine("【2】题名：", box(216, 900, 200), 1.0), OcrLine("刊名：", box(296, 1000, 118), 1.0),
    ...          OcrLine("黑龙江环境通报", box(470, 1000, 223), 1.0)]
    >>> proof = PageRead("r.pdf", 1, OcrPage(1727, 2390, lines))
    >>> [l.text for l in _record_journal(proof, lines[1:2])]
    ['环境科学与管理']
    >>> lines[4:6] = [OcrLine("刊名：《环境科学与管理》", box(296, 652, 400), 1.0)]
    >>> [l.text for l in _record_journal(PageRead("r.pdf", 1, OcrPage(1727, 2390, lines)), lines[1:2])]
    ['环境科学与管理']
    """
    if not row or proof.ocr is None:
        return []
    top = min(line.bbox[1] for line in row)
    height = max(max(line.bbox[3] - line.bbox[1] for line in row), 1)
    below = sorted((l for l in proof.ocr.lines if l.bbox[1] > top + height / 2), key=lambda l: l.bbox[1])
    end = next((l.bbox[1] for l in below if _RECORD_START.search(l.text)), top + 12 * height)
    out = []
    for label in below:
        if label.bbox[1] >= end or not (m := _JOURNAL_LABEL.match(label.text)):
            continue
        if m.group("v"):  # 刊名：环境科学与管理 read as one line
            out.append(dataclasses.replace(label, text=m.group("v")))
            continue
        cy = (label.bbox[1] + label.bbox[3]) / 2
        after = [l for l in below if l.bbox[0] >= label.bbox[2] - 5 and l.bbox[1] < cy < l.bbox[3]]
        if after:
            out.append(min(after, key=lambda l: l.bbox[0]))
    return out


def _registry(d: Dossier):
    """The journal registry, or None where it cannot be opened (the names then come
    from the claim alone)."""
    try:
        return d.journal_checker.registry()
    except Exception:  # a missing registry is journal.registered's finding
        return None


def _own_journal(registry, claim: PaperClaim) -> tuple[frozenset[int], list[str]]:
    """The registry's ids for the claimed journal (by name, ISSN or CN) and every name
    they go by, the claimed one first."""
    if registry is None:
        return frozenset(), [claim.journal]
    from stdnum import issn as stdnum_issn

    ids = set(registry.name_ids(claim.journal))
    if claim.issn and stdnum_issn.is_valid(claim.issn):
        ids.update(r.id for r in registry.by_issn(stdnum_issn.format(claim.issn)))
    if claim.cn:
        ids.update(r.id for r in registry.by_cn(claim.cn.upper().removeprefix("CN").strip()))
    names = [claim.journal] + [n for r in registry.by_ids(ids) for n in r.names if n != claim.journal]
    return frozenset(ids), names


def _other_journal(row: list, registry, own_ids: frozenset[int], own_names: list[str]) -> str | None:
    """The journal the row names that is not the claimed one: its citation's journal,
    or a cell that is a registered journal's name (four characters or more: 环境 or 科学
    alone may be a wrapped cell's piece)."""
    from rapidfuzz import fuzz

    from verify.journals.names import name_key

    def own(name: str) -> bool:
        return any(fuzz.ratio(name_key(name), name_key(n)) >= JOURNAL_MIN for n in own_names)

    cited = cited_journal(" ".join(line.text for line in row))
    if cited and not own(cited):
        return cited
    if registry is None:
        return None
    for text in row_cells(row):
        if len(name_key(text)) >= 4 and (ids := registry.name_ids(text)) and not ids & own_ids and not own(text):
            return text.strip()
    return None


def _issue_contents_without(d: Dossier, match):
    """The contents page (目次) of the paper's own issue (its journal named, the year and
    期 its own page prints) where neither it, another contents page, nor any other page
    of its file names the title; None otherwise (probe alt17 P19: a 目次 of 中国环境科学
    2022年第7期 not listing the paper its first page puts in that issue passed). A
    contents page whose article pages all lie before the paper's first page may list
    only the issue's start: no finding."""
    claim = match.claim
    issues = own_issues(match)
    if not issues or not claim.title or not claim.journal:
        return None
    tocs = [p for p in match.journal_pages if p.kind == "journal_toc"]
    issue_tocs = [p for p in tocs if printed_issues(p.ocr.text) & issues and named_on(claim.journal, p, JOURNAL_MIN)]
    if not issue_tocs:
        return None
    files = {p.file for p in issue_tocs}
    holders = [p for p in d.pages if p.kind == "journal_toc" or (p.file in files and p.kind not in ("paper", "retrieval_proof"))]
    if any(named_on(claim.title, p, TITLE_DOUBT) for p in holders):
        return None
    start = next((n for p in match.paper_pages if (n := first_page(p.ocr.text))), None)
    listed = [n for p in issue_tocs for n in toc_page_numbers(p)]
    if start is not None and listed and max(listed) < start:
        return None
    return issue_tocs[0]
