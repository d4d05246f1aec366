"""One dossier, top to bottom: find the files, read every page, classify it, read its
facts, find seals and signatures, run the rules, build the report.

The OCR engine is reached only through ``ocr`` (``get_engine``); ``verify`` never
imports an engine itself.
"""
from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import logging
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ocr.errors import (SPECIAL_FILE, CorruptFile, EngineError, OcrError, ReadFault, UnreadableFile, machine_fault,
                        os_reason, page_suffix)
from ocr.preprocess import shrink
from ocr.sources import MAX_PAGES, reread_fault
from verify.applicant import METADATA_FILES, load_applicant
from verify.campaign import Campaign, campaign_for
from verify.model import Applicant, Finding, PageRead, UnreadableInput, verdict_of
from verify.run.inputs import PAGE_SUFFIXES, printable_name, walk
from verify.run.interrupt import FileStalled, PageGuard, ReadingCut, reading

log = logging.getLogger(__name__)

SCHEMA = "dossier-report/1"
#: names in a dossier that are no pages: its metadata (the systems' litter is :func:`verify.run.zips.is_litter`'s)
NOT_PAGES = frozenset(METADATA_FILES)
THUMBNAIL_LONG_SIDE = 900
SEAL_SEARCH_FAILED = "seal_search_failed"  # PageRead.fields key when the seal detector crashed
SEAL_INK = "seal_ink"  # PageRead.fields key: "x0,y0,x1,y1" of seal-like red ink where no seal was found
SEAL_RING = "seal_ring"  # PageRead.fields key: "x0,y0,x1,y1" of a broken seal-like ring on a copy where none was found
SEAL_GRAY = "seal_gray"  # PageRead.fields key: "1" where no seal was found on a page without colour (a gray copy)
#: PageRead.fields key, beside SEAL_GRAY: the largest share of a seal-sized window that faint ink off the print covers
#: (:func:`verify.marks.seals.blank.off_print_ink`; seal.present reads it)
SEAL_GRAY_INK = "seal_gray_ink"
SEALS_NOT_READ = "seals_not_read"  # PageRead.fields key: how many seals found there were past the limits, not read
SEAL_RING_TEXT = "seal_ring_text"  # PageRead.fields key: what the broken ring (SEAL_RING) reads along it, for the reviewer
SEALS_NOT_SOUGHT = "seals_not_sought"  # PageRead.fields key: "1" where the page's kind needs no seal, none was looked for
#: PageRead.fields key: the share of the page's pixels that are ink (:func:`dark_share`) where no text was read on it,
#: at least :data:`ILLEGIBLE_INK`: a page of something, not a blank sheet (verify.rules.required.illegible_pages)
ILLEGIBLE = "illegible"
#: ... a blank sheet scanned shows none (a white page's JPEG noise stays near the paper); a page of print 2-4 %, its
#: letters hollowed out by a copier (Augraphy's Hollow, probe trust39 C07's 评定表) 1.3 %
ILLEGIBLE_INK = 0.005
#: ... where fewer letters, digits and CJK characters than this were read on it (a page number, a stray word: probe
#: trust39 C11's 身份证 under Augraphy's Hollow read 6, its 学历 page 1; the least of a document's own pages read 40 or more)
ILLEGIBLE_CHARS = 10


def _characters(ocr) -> int:
    """How many letters, digits and CJK characters the page's lines read."""
    return sum(ch.isalnum() for line in ocr.lines for ch in line.text)
#: the clock of :attr:`DossierResult.timings` (seconds; wall time). ``scripts/bench_pipeline.py``
#: reads each step in the process's CPU seconds instead (``time.process_time``): on a machine
#: others share, wall time charges a step with whatever else ran meanwhile
STEP_CLOCK: Callable[[], float] = time.perf_counter


def _read_ring_trace(read: PageRead, image, engine) -> None:
    """What the broken ring on a copy where no seal was found (``SEAL_RING``) reads along
    it, read as a seal's ring, into ``SEAL_RING_TEXT`` where three Chinese characters or
    more were read: the reviewer asked to look at the trace is told what it may say
    (「顺市生态环境事」, 「环境监中心」). A trace is never a seal: this changes no verdict."""
    from verify.marks.seals import read_seal
    from verify.marks.seals.matching import normalize_seal_text
    from verify.model import SealMark
    from verify.read.hanzi import cjk_count

    try:
        box = tuple(int(v) for v in read.fields[SEAL_RING].split(","))
        mark = SealMark(bbox=box, score=0.0, color="dark", certain=False)
        read_seal(image, mark, engine, bottom=False)
    except Exception:  # a trace that cannot be read is still a trace
        log.debug("reading the ring trace failed on %s page %s", read.file, read.page, exc_info=True)
        return
    texts = [normalize_seal_text(r[0]) for r in mark.readings if float(r[1]) >= RING_TEXT_SCORE]
    best = max(texts, key=cjk_count, default="")
    if cjk_count(best) >= 3:
        read.fields[SEAL_RING_TEXT] = best


#: a reading of a ring trace this sure (mean character score) or more is told the reviewer
RING_TEXT_SCORE = 0.6


@dataclass(frozen=True)
class Settings:
    engine: str = "ppocr"  # ppocr | paddle | remote | replay
    engine_url: str | None = None  # for remote: one address, or several separated by commas (round robin)
    engine_fallback: str | None = None  # for remote: the local engine for pages no server answers ("ppocr")
    campaign: str | None = None  # the reviewer's: bundled name or path; None -> a bundled one the dossier names, or fushun-2024
    cache_path: str | None = None  # SQLite OCR cache; None -> no cache
    ocr_threads: int = 0  # 0 = auto
    max_pages: int = MAX_PAGES  # per dossier, and per file
    registry: str | None = None  # journal registry (SQLite); None -> the shipped snapshot
    journal_service: str | None = None  # online journal-query service; None -> offline (the default)

    def fingerprint(self) -> str:
        """What a finished report depends on besides the input files."""
        journals = f"|{self.registry}|{self.journal_service}" if self.registry or self.journal_service else ""
        return f"{self.engine}|{self.engine_url}|{self.campaign}|{self.max_pages}{journals}"


@dataclass
class DossierResult:
    key: str
    applicant: Applicant | None
    verdict: str
    findings: list[Finding]
    pages: list[PageRead]
    unreadable: list[UnreadableInput]
    timings: dict[str, float] = field(default_factory=dict)
    campaign: str | None = None
    rulebook: dict | None = None  # Campaign.rulebook(): which rules were applied (name, sha256, origin)


# ---------------------------------------------------------------- engine per process

_ENGINES: dict[tuple, object] = {}
_CACHES: dict[str, object] = {}


def engine_for(settings: Settings):
    from ocr.engines import get_engine

    fallback = getattr(settings, "engine_fallback", None)
    key = (settings.engine, settings.engine_url, settings.ocr_threads, fallback)
    if settings.ocr_threads:
        limit_opencv_threads(settings.ocr_threads)
    if key not in _ENGINES:
        opts = {}
        if settings.engine == "ppocr" and settings.ocr_threads:
            opts["threads"] = settings.ocr_threads
        if settings.engine == "remote":
            opts["url"] = settings.engine_url
            if fallback:
                opts["fallback"] = fallback
                opts["fallback_options"] = {"threads": settings.ocr_threads} \
                    if fallback == "ppocr" and settings.ocr_threads else {}
        _ENGINES[key] = get_engine(settings.engine, **opts)
    return _ENGINES[key]


def limit_opencv_threads(threads: int) -> None:
    """Sizes OpenCV's own thread pool as ONNX Runtime's (``ocr_threads``). OpenCV
    otherwise starts one thread per core for every resize, morphology and labelling of
    the seal search and reading, images too small for threads to pay: in a batch whose
    workers already keep every core busy (one ONNX thread each) that is pure overhead.
    Measured on the sample's 48 pages (seal search and reading alone, one process):
    7.9-8.3 CPU-seconds with one OpenCV thread against 9.7-10.5 with the default two,
    at the same wall time. The setting is the process's: a worker runs one dossier at
    a time."""
    import cv2

    if cv2.getNumThreads() != threads:
        cv2.setNumThreads(threads)


def cache_for(settings: Settings):
    if not settings.cache_path:
        return None
    if settings.cache_path not in _CACHES:
        from ocr.cache import OcrCache

        _CACHES[settings.cache_path] = OcrCache(settings.cache_path)
    return _CACHES[settings.cache_path]


# ---------------------------------------------------------------- steps


#: members of the dossier's zip that were not extracted (links, names too long), as
#: ``(path, reason)``, reported like the batch's note: the desk unpacks a zip in its web
#: process and checks it in a worker process, where that note's per-process token does
#: not hold, so it hands over its own record (:func:`verify.desk.worker.check_for_desk`)
NOT_EXTRACTED: contextvars.ContextVar[tuple[tuple[str, str], ...]] = contextvars.ContextVar("not_extracted",
                                                                                           default=())


#: pictures and documents a page could be converted from: a 证书.webp (how WeChat saves a
#: picture) was told 「请申报人重新提交清晰、未加密的扫描件」, which it may well have been
CONVERTIBLE_SUFFIXES = frozenset({".webp", ".gif", ".heic", ".heif", ".avif", ".jp2", ".j2k", ".jxl", ".tga", ".psd",
                                  ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".ppt", ".pptx",
                                  # a paper from CNKI in its own formats, a page printed to XPS, a drawing
                                  # (hostile exploration 10: told only 不支持的文件类型)
                                  ".caj", ".kdh", ".nh", ".xps", ".oxps", ".djvu", ".svg", ".eps", ".ps", ".emf",
                                  ".wmf"})


#: archives inside a dossier's folder: never opened (a dossier is one folder or one zip), each reported as an archive
#: whose contents were not checked, not as a file of an unsupported type
ARCHIVE_SUFFIXES = frozenset({".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"})


def dossier_files(folder: Path) -> tuple[list[Path], list[UnreadableInput]]:
    """Scans and PDFs under ``folder`` in a stable order; other files are reported.

    Only regular files inside the folder are read. A symbolic link (to a file or a
    folder) is reported and not followed: it could bring in any file the machine can
    reach. A FIFO or a device named ``.jpg`` is reported, never opened (it would block
    or never end). Members of the dossier's zip that were not extracted are reported
    first (the batch's note, :data:`NOT_EXTRACTED`).
    """
    files, odd = [], []
    odd.extend(UnreadableInput(str(rel), str(reason)) for rel, reason in NOT_EXTRACTED.get()[:1000])
    from verify.run.zips import SKIPPED_MEMBERS, SKIPPED_TOKEN, is_litter

    skipped = Path(folder) / SKIPPED_MEMBERS  # written by inputs.open_dossier with this process's token
    if skipped.is_file() and not skipped.is_symlink():
        import json

        try:
            note = json.loads(skipped.read_text(encoding="utf-8"))
            if isinstance(note, dict) and note.get("token") == SKIPPED_TOKEN:
                for rel, reason in note["members"][:1000]:
                    odd.append(UnreadableInput(str(rel), str(reason)))
        except (OSError, ValueError, TypeError, KeyError):
            pass
    locked: list = []
    for root, dirs, names in walk(folder, locked):
        kept = []
        for d in sorted(dirs):
            if is_litter(d):  # a hidden folder is read (.扫描件/ was dropped: hostile exploration 5, P5)
                continue
            if os.path.islink(os.path.join(root, d)):
                rel = (Path(root) / d).relative_to(folder).as_posix()
                odd.append(UnreadableInput(rel, "是指向其他位置的符号链接（快捷方式），出于安全考虑未读取，请放入文件本身"))
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(names):
            if name.lower() in METADATA_FILES and Path(root) != Path(folder):
                # another applicant's facts inside this one's folder: their pages are read as
                # this applicant's (hostile exploration 2: it was ignored without a word)
                rel = (Path(root) / name).relative_to(folder).as_posix()
                odd.append(UnreadableInput(rel, "子文件夹中另有申报人信息文件，未读取（只以最上层的申报人信息为准）；"
                                                "请核对该文件夹是否混入了他人的申报材料"))
                continue
            if is_litter(name) or name.lower() in NOT_PAGES:
                continue
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if printable_name(rel) != rel:  # bytes no UTF-8 name has: no report could name the file
                odd.append(UnreadableInput(printable_name(rel), "文件名含无法识别的字符编码，未读取，请改用正常文件名后重新提交"))
                continue
            try:
                mode = os.lstat(path).st_mode
            except OSError as e:
                odd.append(UnreadableInput(rel, f"文件无法打开（{os_reason(e)}）"))
                continue
            if stat.S_ISLNK(mode):
                odd.append(UnreadableInput(rel, "是指向其他位置的符号链接（快捷方式），出于安全考虑未读取，请放入文件本身"))
            elif not stat.S_ISREG(mode):
                odd.append(UnreadableInput(rel, SPECIAL_FILE))
            elif page_suffix(name) in PAGE_SUFFIXES:
                files.append(path)
            elif page_suffix(name) in ARCHIVE_SUFFIXES:  # a zip in the folder is not opened: said so, not "unsupported"
                odd.append(UnreadableInput(rel, f"是压缩包（{path.suffix}），其中的材料未解压、未核验；请解压后将其中的扫描件放入申报人"
                                                "文件夹，或将整个申报人文件夹打包为一个 ZIP 后重新提交"))
            else:
                convert = "；请转换为 JPG 或 PDF 后重新提交" if page_suffix(name) in CONVERTIBLE_SUFFIXES else ""
                odd.append(UnreadableInput(rel, f"不支持的文件类型 {path.suffix or '（无扩展名）'}（支持 JPG、PNG、BMP、TIFF、PDF）"
                                                f"{convert}"))
    for root, e in locked:  # a sub-folder that cannot be opened was skipped without a word (hostile exploration 3)
        rel = Path(root).relative_to(folder).as_posix()
        odd.append(UnreadableInput(rel, f"文件夹无法打开（{os_reason(e)}），其中的材料未核验"))
    return files, odd


def thumbnail(image, pyramid: dict | None = None) -> bytes | None:
    """The page as a JPEG of :data:`THUMBNAIL_LONG_SIDE` pixels on its long side (or
    less); ``pyramid``: the levels of the page's Gaussian pyramid already made (by the
    seal search), see :func:`ocr.preprocess.shrink`.

    >>> import cv2, numpy as np
    >>> small = cv2.imdecode(np.frombuffer(thumbnail(np.full((2339, 1654, 3), 200, np.uint8)), np.uint8), cv2.IMREAD_COLOR)
    >>> small.shape
    (900, 636, 3)
    """
    import cv2

    if image is None:
        return None
    h, w = image.shape[:2]
    scale = min(1.0, THUMBNAIL_LONG_SIDE / max(h, w))
    small = shrink(image, scale, pyramid) if scale < 1 else image
    ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 65])
    return buf.tobytes() if ok else None


def _attachments_note(path: Path) -> str:
    """What a dossier.readable finding says of a PDF carrying files attached to it, which
    are never read ("" where it carries none): a one-page cover, 详见附件, over the title
    certificate attached was checked as the cover alone, and the certificate was
    "not found" without a word of why (hostile exploration 4, P4)."""
    from ocr.sources import pdf_attachments

    n, names = pdf_attachments(path)
    if not n:
        return ""
    shown = "、".join("".join(c if c.isprintable() else "?" for c in name)[:80] or "（无名称）" for name in names)
    more = f"等 {n} 个" if n > len(names) else f" {n} 个"
    return (f"PDF 内含{more}附件（{shown}），附件内容未识别、未核验（只核验了 PDF 本身的页面）；"
            "请将附件作为单独文件提交")


def read_page(rel: str, page_result, applicant: Applicant, engine, timings: dict,
              sealless: frozenset[str] = frozenset(), unitless: frozenset[str] = frozenset(),
              signed: frozenset[str] = frozenset(), named: frozenset[str] | None = None,
              seal_room: list[int] | None = None, drawn_only: bool | None = None) -> PageRead:
    """Classify one OCR'd page and read its facts, seals and signatures. On a page
    of a kind in ``sealless`` (the campaign's kinds that need no seal) no seal is looked
    for (``SEALS_NOT_SOUGHT``): seal.present and seal.unit weigh only the seals of
    documents of kinds that need one, a document is one kind's pages, and a page of a
    kind keeps it (only an ``other`` page takes the kind of the page it continues), so
    no finding reads them (the report says they were not looked for): 1.1 of the 4.4
    CPU-seconds the sample's seal search and reading took (48 pages, issue 12). On a page of a kind
    in ``unitless`` (kinds whose seal need not name the unit: seal.unit does not look)
    a whole seal with a star is not read at all (:func:`_star_settles`), any other once,
    for what makes it a seal, not weighed against the unit's name. On a
    page of a kind in ``signed`` (kinds that need a signature) where no signature field
    is found, labels the detector lost beside blue pen ink are looked for. Only on a
    page of a kind in ``named`` (the kinds identity.name weighs; None: every kind) is a
    person slot naming someone else checked against the applicant's name. ``seal_room``:
    how many seals the dossier may still read (:func:`verify.marks.seals.within_seal_limits`), lowered here.
    ``drawn_only``: whether the page (a spread's half) is born-digital with no picture on it (:func:`_drawn_only`;
    None: judged from ``page_result``'s own source)."""
    from verify.read.classify import classify
    from verify.read.extract import read_page_facts
    from verify.read.hanzi import simplified_page
    from verify.read.traditional import reread_traditional
    from verify.marks.seals import MAX_SEALS_PER_DOSSIER, read_seals, search_seals, within_seal_limits
    from verify.marks.signatures import find_signature_fields, labels_beside_pen_ink
    from verify.rules.seal_issuer import PRINTED_ISSUERS, another_issuer, printed_issuers, prints_seal

    t = STEP_CLOCK()
    # a page printed in traditional characters (港澳 forms: 考核登記表, 簽字) is read in simplified ones,
    # its lines read again by the second recogniser where the first dropped traditional characters
    read = PageRead(file=rel, page=page_result.index, ocr=simplified_page(reread_traditional(page_result, engine)))
    read.kind, read.kind_score = classify(read.ocr)
    read_page_facts(read, applicant)
    t1 = STEP_CLOCK()
    timings["read_facts"] = timings.get("read_facts", 0.0) + t1 - t

    image = page_result.image
    if callable(image):
        image = image()
    if image is not None and _characters(read.ocr) < ILLEGIBLE_CHARS and (share := dark_share(image)) >= ILLEGIBLE_INK:
        # ink but (almost) no text read: a page mirrored, hollowed or buried in a copier's noise (probe trust39 A09,
        # C07, C11), no blank sheet; a document missing from the dossier may be it
        read.fields[ILLEGIBLE] = f"{share:.3f}"
    if image is not None and read.kind == "annual_assessment" and not read.dates_with_role("assessment_year"):
        _year_in_boxes(read, image, engine)
    t1 = _confirm_claims(read, applicant, image, engine, timings, t1, named)
    if image is not None and read.kind == "publicity_result":
        _recheck_result_date(read, image, engine)
    if image is not None:
        pyramid: dict = {}  # the page's Gaussian pyramid, shared by the seal search and the thumbnail
        found = None
        if read.kind in sealless:  # no rule reads this page's seals: none is looked for
            read.fields[SEALS_NOT_SOUGHT] = "1"
        else:
            try:
                # no seal found is no proof of absence where red ink could be one: its box comes too
                found = search_seals(image, read.ocr, ink=True, faint=True, pyramid=pyramid)
                read.seals, left = within_seal_limits(found.seals, seal_room if seal_room is not None
                                                      else [MAX_SEALS_PER_DOSSIER])
                if left:  # seal.present and seal.unit then never fail the page on the seals read
                    read.fields[SEALS_NOT_READ] = str(left)
                if found.ink is not None:
                    read.fields[SEAL_INK] = ",".join(map(str, found.ink))
                if found.ring is not None:
                    read.fields[SEAL_RING] = ",".join(map(str, found.ring))
            except Exception as e:  # no seal search is no evidence of absence: seal.present says review
                log.exception("seal detection failed on %s page %s", rel, read.page)
                read.fields[SEAL_SEARCH_FAILED] = type(e).__name__
        t2 = STEP_CLOCK()
        timings["seal_detect"] = timings.get("seal_detect", 0.0) + t2 - t1
        if read.seals and read.kind in DATED_AT_FOOT and not read.dates_with_role("issue"):
            _dates_under_seals(read, image, engine)
            now = STEP_CLOCK()
            timings["dates_under_seals"] = timings.get("dates_under_seals", 0.0) + now - t2
            t2 = now
        # read, confirmed by what the ring says (a logo's Latin ring is dropped), decided; on a page
        # whose seal's name no rule weighs, a whole seal with a star is a seal whatever it reads: not read
        unread = {id(s) for s in read.seals if read.kind in unitless and _star_settles(s)}
        # a certificate printing its issuer has its starred seals read once, one at a time, until one names no other
        # body (seal_issuer: a seal of another body than the one printed is a review)
        issuers = printed_issuers(read.ocr, read.seals) if read.kind in unitless and read.seals else []
        done: set[int] = set()
        if issuers:
            read.fields[PRINTED_ISSUERS] = "|".join(issuers)
            for s in sorted((s for s in read.seals if id(s) in unread), key=lambda s: -s.score):
                certain, score = s.certain, s.score
                if read_seals(image, [s], engine, applicant.unit_names, decide=False):
                    # its star settles it as a seal, as unread: the reading only says whose it is
                    s.certain, s.score = certain, score
                    unread.discard(id(s))
                    done.add(id(s))
                    if another_issuer(s, issuers) and prints_seal(read.ocr, s):
                        # the page prints the seal's body beside it, read too poorly to be taken for one
                        issuers.append("".join((s.text or "").split()))
                        read.fields[PRINTED_ISSUERS] = "|".join(issuers)
                    if not another_issuer(s, issuers):
                        break
                else:  # a starred seal is a seal whatever its ring reads: shown unread, as before
                    s.text, s.readings = None, []
        for s in read.seals:
            if id(s) in unread:
                _show_unread(image, s)
        kept = unread | done | {id(s) for s in read_seals(image, [s for s in read.seals if id(s) not in unread | done],
                                                          engine, applicant.unit_names, decide=read.kind not in unitless)}
        read.seals = [s for s in read.seals if id(s) in kept]
        if SEAL_RING in read.fields and not read.seals:
            _read_ring_trace(read, image, engine)
        t3 = STEP_CLOCK()
        timings["seal_read"] = timings.get("seal_read", 0.0) + t3 - t2
        try:
            read.signatures = find_signature_fields(image, read.ocr, read.seals)
            if not read.signatures and read.kind in signed:
                extra = labels_beside_pen_ink(image, read.ocr, engine)
                if extra:
                    read.signatures = find_signature_fields(
                        image, dataclasses.replace(read.ocr, lines=[*read.ocr.lines, *extra]), read.seals)
            read.seals = _without_name_seals(read.seals, read.signatures)
        except Exception:  # no field found: signature.present says review
            log.exception("signature search failed on %s page %s", rel, read.page)
        # a copy without colour where no seal is left (none found, or only a signature's
        # loops the dark search took for a ring): a worn seal over its text may be unseen;
        # not a born-digital page that draws no picture: nothing there can hide a seal
        if drawn_only is None:
            drawn_only = _drawn_only(page_result)
        if found is not None and found.gray and not read.seals and not drawn_only:
            read.fields[SEAL_GRAY] = "1"
            _gray_ink(read, image)
        if read.kind == "annual_assessment":
            _read_grade_mark(read, image)
        read.thumbnail_jpeg = thumbnail(image, pyramid)
        timings["signatures"] = timings.get("signatures", 0.0) + STEP_CLOCK() - t3
    return read


def _star_settles(seal) -> bool:
    """Whether ``seal``, found on a page of a kind whose seal's name no rule weighs (a
    title certificate's or an award's issuer: the campaign's ``seal_names_unit: false``),
    needs no reading: its star makes it a seal whatever its ring reads (confirmed as one,
    :func:`verify.marks.seals.confirm`; counted by ``seal.present``'s ``is_seal``, whose
    messages then quote no reading), and it lies whole on the page (a seal cut by the
    page edge is a 骑缝章's part, whose review quotes its reading). Reading it cost a
    ring unwrapped and recognised for text nothing weighs: 0.28 of the sample's 1.34
    CPU-seconds of seal reading (issue 12). A seal without a star is still read: its
    reading is what makes it a seal or a printed logo (a ring of Latin letters), or,
    on a copy, only a possible one."""
    from verify.rules.seal_present import cut_at_edge

    return "star" in (seal.traits or ()) and not cut_at_edge(seal)


def _show_unread(image, seal) -> None:
    """The crop of a seal left unread (:func:`_star_settles`), for the report: what the
    reviewer sees of it, its text left empty (``unit_match`` stays ``unreadable``)."""
    from verify.marks.seals.reading import _png

    h, w = image.shape[:2]
    x0, y0, x1, y1 = seal.bbox
    crop = image[max(0, y0):min(h, y1), max(0, x0):min(w, x1)]
    if crop.size:
        seal.crop_png = _png(crop)


def _drawn_only(page_result, gutter: int | None = None, part: int = 0) -> bool:
    """A born-digital page, with a text layer of its own and no picture on it
    (``SourcePage.image_cover`` 0): its gray is the print of a vector page, not a
    copy's, and no worn seal can hide in it (probe trust12 P07: an HR system's 公示
    exported without its e-seal was a review as a 「灰度复印件」, not the missing seal).
    So also where its text was read again from its pixels (a layer of radicals: the page
    is still drawn only). A page with a picture, or one whose source is unknown, is not.

    A half (``part``, left or right of ``gutter``) of a born-digital 2-up sheet is weighed by its own pictures: every
    picture of the page wholly in the other half leaves it drawn only (probe trust17 P10: the sealed half's e-seal, a
    picture, made the unsealed half's missing seal a review as a 「灰度复印件」); a picture reaching into it, pictures
    not known by their boxes, or a page turned or deskewed before it was split, and it is not.

    >>> from types import SimpleNamespace as NS
    >>> from verify.read.spreads import LEFT, RIGHT
    >>> sheet = lambda *pictures: NS(_source=NS(text_layer=object(), image_cover=0.02 * len(pictures), pictures=pictures),
    ...                              ocr=NS(width=2339, rotation=0, skew=0.0))
    >>> seal_left = sheet((0.30, 0.05, 0.40, 0.19))
    >>> _drawn_only(seal_left), _drawn_only(seal_left, 1170, LEFT), _drawn_only(seal_left, 1170, RIGHT)
    (False, False, True)
    >>> _drawn_only(sheet((0.45, 0.05, 0.55, 0.19)), 1170, RIGHT)  # across the gutter
    False
    >>> _drawn_only(sheet(), 1170, RIGHT), _drawn_only(NS(_source=None), 1170, RIGHT)
    (True, False)
    """
    source = getattr(page_result, "_source", None)
    if source is None or getattr(source, "text_layer", None) is None:
        return False
    if gutter is None or not part:
        return getattr(source, "image_cover", None) == 0
    from verify.read.spreads import LEFT

    pictures = getattr(source, "pictures", None)
    ocr = page_result.ocr
    if pictures is None or ocr.rotation or ocr.skew or not ocr.width:
        return False
    cut = gutter / ocr.width
    return all(x0 >= cut if part == LEFT else x1 <= cut for x0, _, x1, _ in pictures)


def dark_share(image) -> float:
    """The share of ``image``'s pixels (BGR or grey; every second one counted) darker than its paper (the 90th
    percentile) by 60 or more: ink, whatever it says.

    >>> import numpy as np
    >>> page = np.full((400, 300, 3), 245, np.uint8)
    >>> dark_share(page)
    0.0
    >>> page[100:140, 40:260] = 30
    >>> round(dark_share(page), 3)
    0.073
    """
    import numpy as np

    g = image.mean(axis=2) if image.ndim == 3 else image.astype(np.float32)
    if g.size == 0:
        return 0.0
    paper = float(np.percentile(g[::4, ::4], 90))
    return float((g[::2, ::2] < paper - 60).mean())


def _gray_ink(read: PageRead, image) -> None:
    """How much faint ink lies off the print of a gray copy where no seal was found
    (``SEAL_GRAY_INK``): next to none shows the seal's absence (``seal.present``). No
    measure is kept where it could not be made (the gray copy stays a review)."""
    from verify.marks.seals.blank import off_print_ink

    try:
        read.fields[SEAL_GRAY_INK] = f"{off_print_ink(image, read.ocr.lines):.4f}"
    except Exception:  # no measure is no evidence of absence
        log.debug("measuring the ink off the print failed on %s page %s", read.file, read.page, exc_info=True)


def _read_grade_mark(read: PageRead, image) -> None:
    """A form printing its grades as choices (优秀□ 合格☑ 基本合格□ 不合格□): the choice
    its mark picks (:func:`verify.marks.choices.read_choices`) is its grade
    (``fields[GRADE_MARK]`` and ``assessment_grade``); where none is picked, a grade
    the text gives is kept only from its slot alone (考核等次：合格), never the first
    choice printed after the label (every such form read 优秀, trust exploration 8)."""
    from verify.marks.choices import GRADE_MARK, choice_segments, read_choices
    from verify.read.extract import slot_grade

    if sum(len(g.split()) for g, _, _ in choice_segments(read.ocr)) < 2:
        return
    try:
        red_round = [s for s in read.seals if s.shape == "circle" and s.color == "red"]
        grade, _ = read_choices(image, read.ocr, avoid=[s.bbox for s in read.seals if s not in red_round],
                                avoid_round=[s.bbox for s in red_round])
    except Exception:  # no mark read: assessment.years says review
        log.exception("reading the grade's mark failed on %s page %s", read.file, read.page)
        grade = None
    if grade is not None:
        read.fields[GRADE_MARK] = grade
    grade = grade or slot_grade(read.ocr)
    if grade is not None:
        read.fields["assessment_grade"] = grade
    else:
        read.fields.pop("assessment_grade", None)


def source_stretch(page_result) -> float:
    """How many times the page's coarser axis was stretched for square pixels (``SourcePage.stretch``: a fax's page
    in standard resolution, 204 x 98 dpi, 2.08); 1.0 for any other page, or one read without its source."""
    source = getattr(page_result, "_source", None)
    return 1.0 if source is None else source.stretch


def text_height(ocr) -> float:
    """The median height in pixels of a page's text lines of two characters or more (0.0 for none): how large its
    text is where the recogniser read it (36-104 on the pages of bench set-s7 and probe trust15 of 200 dpi, JPEGs of
    quality 15-30 among them, 28-50 on those of 150 dpi; a standard-resolution fax's, 40-60, are 19-29 once divided by
    its stretch).

    >>> from ocr.model import OcrLine, OcrPage
    >>> line = lambda t, h: OcrLine(t, ((0, 0), (90, 0), (90, h), (0, h)), 0.9)
    >>> text_height(OcrPage(99, 99, [line("姓名", 50), line("张伟", 56), line("一", 9), line("性别", 40)]))
    50.0
    >>> text_height(OcrPage(99, 99))
    0.0
    """
    import statistics

    heights = [line.height for line in ocr.lines if len(line.text.strip()) >= 2]
    return float(statistics.median(heights)) if heights else 0.0


def spread_parts(page_result) -> list:
    """``[(part, page, drawn_only)]`` to read for one page read by the OCR: ``[(0, page_result, …)]``,
    or the two halves of a two-up spread (:mod:`verify.read.spreads`), each with its
    own lines and the image with the other half blanked, in the whole image's
    coordinates; ``drawn_only`` as :func:`_drawn_only` weighs the page or the half."""
    from verify.read.spreads import LEFT, RIGHT, half_image, split_at, spread_gutter

    gutter = spread_gutter(page_result.ocr)
    if gutter is None:
        return [(0, page_result, _drawn_only(page_result))]
    try:
        image = page_result.image
        image = image() if callable(image) else image
    except ValueError:  # a result with no image (stored text only): read whole
        image = None
    if image is None:
        return [(0, page_result, _drawn_only(page_result))]
    out = []
    for part, ocr in zip((LEFT, RIGHT), split_at(page_result.ocr, gutter)):
        out.append((part, dataclasses.replace(page_result, ocr=ocr, _source=None,
                                              _image=half_image(image, gutter, part)),
                    _drawn_only(page_result, gutter, part)))
    return out


def _without_name_seals(seals: list, fields: list) -> list:
    """The page's seals less those a signature field holds as its personal name seal
    (人名章): that signs the field; it is no unit seal for seal.present or seal.unit.
    Nor is a possible seal on a copy that is a signed field's own pen ink (a
    signature's loops the dark search took for a ring)."""
    from verify.marks.signatures import iou

    stamps = [f.name_seal_bbox or f.ink_bbox for f in fields
              if (f.by == "name_seal" and f.ink_bbox) or f.name_seal_bbox]
    signed = [f.ink_bbox for f in fields if f.by == "pen" and f.state == "signed" and f.ink_bbox]
    return [s for s in seals if not any(iou(s.bbox, b) > 0.5 for b in stamps)
            and not (s.color == "dark" and not s.certain and any(iou(s.bbox, b) > 0.5 for b in signed))]


#: kinds dated at their foot, where the unit's seal is stamped over the date
DATED_AT_FOOT = ("award_certificate", "achievement_proof")


def _dates_under_seals(read: PageRead, image, engine) -> None:
    """A page of a kind dated at its foot with no issue date read: the date lines found
    round its seals with their ink taken off (:func:`verify.read.under_seal.dates_under_seals`)
    join its text, and its dates are read again; kept only if that finds an issue date."""
    from dataclasses import replace

    from verify.read.extract import extract_dates
    from verify.read.under_seal import DATE_UNDER_SEAL, dates_under_seals

    try:
        extra = dates_under_seals(image, read.seals, engine)
        if not extra:
            return
        lines = list(read.ocr.lines)
        extra = [replace(line, order=len(lines) + i) for i, line in enumerate(extra)]
        page = replace(read.ocr, lines=lines + extra)
        dates = extract_dates(page, read.kind)
        if any(d.role == "issue" for d in dates):
            read.ocr, read.dates = page, dates
            read.fields[DATE_UNDER_SEAL] = ";".join(",".join(str(int(v)) for v in line.bbox) for line in extra)
    except Exception:  # no date found again: evidence.after_title says review
        log.exception("re-reading dates under seals failed on %s page %s", read.file, read.page)


def _year_in_boxes(read: PageRead, image, engine) -> None:
    """An annual form whose title begins with 年度 and no year was read: the year printed (or written) in boxes
    before the title, read again with the boxes' lines taken off (:func:`verify.read.boxed_year.year_before_title`),
    joins the title, and the form's dates are read again."""
    from verify.read.boxed_year import YEAR_IN_BOXES, with_boxed_year, year_before_title
    from verify.read.extract import extract_dates

    try:
        year = year_before_title(image, read.ocr, engine)
        if year is None:
            return
        page = with_boxed_year(read.ocr, year)
        dates = extract_dates(page, read.kind)
        if any(d.role == "assessment_year" for d in dates):
            read.ocr, read.dates = page, dates
            read.fields[YEAR_IN_BOXES] = ",".join(str(int(v)) for v in year.bbox)
    except Exception:  # no year read again: assessment.years says review
        log.exception("re-reading the boxed year failed on %s page %s", read.file, read.page)


def _recheck_result_date(read: PageRead, image, engine) -> None:
    """A 公示结果 dated (to the day) before its publicity's end: a review hangs on that
    date (publicity.duration), so its line is read again from the page's original
    pixels, and the date the legible rereads agree on replaces a reading they do not
    share (:func:`verify.read.under_seal.reread_day`: the seal over the date took a
    digit from the text pass, 21日 read 2日)."""
    from verify.marks.signatures import iou
    from verify.read.dates import find_dates
    from verify.read.under_seal import reread_day

    ends = [m.date.earliest() for m in read.dates_with_role("publicity_end") if m.date.precision == "day"]
    if not ends:
        return
    for i, m in enumerate(read.dates):
        if m.role != "issue" or m.date.precision != "day" or m.bbox is None or m.date.latest() >= max(ends):
            continue
        line = max(read.ocr.lines, key=lambda l: iou(m.bbox, l.bbox, of_first=True), default=None)
        if line is None or iou(m.bbox, line.bbox, of_first=True) < 0.5:
            continue
        try:
            agreed = reread_day(image, line, engine, m.date.iso())
        except Exception:  # nothing read again: the text pass's date stands
            log.exception("re-reading the result's date failed on %s page %s", read.file, read.page)
            continue
        if agreed is not None:
            text, _ = agreed
            date = next(d for d, _, _ in find_dates(text) if d.precision == "day")
            log.debug("result date %s read again as %s", m.date.iso(), date.iso())
            read.dates[i] = dataclasses.replace(m, date=date, text=text)


def _confirm_claims(read: PageRead, applicant: Applicant, image, engine, timings: dict, since: float,
                    named: frozenset[str] | None = None) -> float:
    """The claims a verdict hangs on, checked against the recogniser's own
    probabilities on this page's lines (the page image is at hand only here); the
    applicant's name only on pages of a kind in ``named`` (None: every kind). A person
    slot on a page no rule asks for the applicant's name (作者简介：… on a journal's
    paper) cost a line read again four ways, for a check nothing read."""
    from verify.read.confirm import confirm_page

    try:
        read.confirmations = confirm_page(read, applicant, image, engine, name_kinds=named)
    except Exception:  # no check is no evidence: the rules fall back to the text
        log.exception("claim check failed on %s page %s", read.file, read.page)
    now = STEP_CLOCK()
    timings["confirm"] = timings.get("confirm", 0.0) + now - since
    return now


def join_continuations(file_pages: list[PageRead], applicant: Applicant, named: frozenset[str] | None = None,
                       before: PageRead | None = None) -> None:
    """A title-less page right after a page of a multi-page kind continues that
    document: it takes the kind and its facts are read again for that kind (``named``:
    as :func:`read_page`). ``before``, the last page of the file before, is continued
    by the file's first page where it prints itself page k of n
    (:func:`~verify.read.classify.continues_in_next_file`)."""
    from verify.read.classify import blank_pages, continue_documents, continues_in_next_file, continues_same_kind, take_kind
    from verify.read.extract import read_page_facts

    changed = []
    if before is not None and file_pages and continues_in_next_file(before, file_pages[0]):
        file_pages[0].continues_previous = True
        if file_pages[0].kind != before.kind:  # an untitled page of none: it takes the kind
            take_kind(before, file_pages[0])
            changed.append(file_pages[0])
    # blank sheets (a one-sided page's white back scanned in duplex mode) are passed over: the pages either side of
    # them may be one document's
    blank = blank_pages(file_pages)
    inked = [p for p in file_pages if (p.file, p.page) not in blank]
    for read in [*changed, *continue_documents(inked, blank)]:
        read.continues_previous = True
        read_page_facts(read, applicant)
        _confirm_claims(read, applicant, None, None, {}, STEP_CLOCK(), named)
    for prev, read in zip(inked, inked[1:]):
        if not read.continues_previous and continues_same_kind(prev, read, blank):
            read.continues_previous = True  # read as its kind already: nothing to read again


def join_displaced(pages: list[PageRead]) -> list[PageRead]:
    """The dossier's pages with each file that begins titled as a form continued (「…推荐表（续）」) but follows no page
    of that form moved after the one form of its kind, in the same folder, that nothing continues, and joined to it:
    pages handed in out of order (probe trust18 C09: 扫描件_005 the 推荐表's first page, 扫描件_010 its continuation
    carrying the seal; the first page judged alone failed seal.present). Where two forms of the kind or none could
    take it (three years' 考核表), or the form prints itself complete (第2页 共2页), nothing moves.

    >>> from types import SimpleNamespace as NS
    >>> from ocr.model import OcrLine, OcrPage
    >>> box = ((400, 160), (820, 160), (820, 200), (400, 200))
    >>> def p(file, *title):
    ...     return NS(file=file, page=1, kind="recommendation_form", continues_previous=False,
    ...               ocr=OcrPage(1240, 1754, [OcrLine(t, box, 0.98) for t in title]))
    >>> a, x, b = p("s/005.jpg", "专业技术资格评审推荐表"), p("s/006.jpg"), p("s/010.jpg", "专业技术资格评审推荐表（续）")
    >>> x.kind = "diploma"
    >>> [q.file for q in join_displaced([a, x, b])], b.continues_previous
    (['s/005.jpg', 's/010.jpg', 's/006.jpg'], True)
    """
    from verify.read.classify import MULTI_PAGE_KINDS, continued_title, page_of

    files: list[list[PageRead]] = []
    for p in pages:
        if files and files[-1][0].file == p.file:
            files[-1].append(p)
        else:
            files.append([p])

    def orphan(run: list[PageRead]) -> bool:
        head = run[0]
        return (head.page == 1 and not head.continues_previous and head.kind in MULTI_PAGE_KINDS
                and head.ocr is not None and continued_title(head.ocr, head.kind))

    for run in [r for r in files if orphan(r)]:
        head, folder = run[0], run[0].file.rpartition("/")[0]
        takers = []
        for i, other in enumerate(files):
            last = other[-1]
            if other is run or orphan(other) or last.kind != head.kind or last.file.rpartition("/")[0] != folder:
                continue
            if i + 1 < len(files) and files[i + 1][0].continues_previous:
                continue  # continued already
            mark = page_of(last.ocr) if last.ocr is not None else None
            if mark is not None and mark[0] >= mark[1]:
                continue  # complete as it prints itself
            takers.append(other)
        if len(takers) != 1:
            continue
        files = [r for r in files if r is not run]
        at = next(i for i, r in enumerate(files) if r is takers[0])
        files.insert(at + 1, run)
        head.continues_previous = True
    return [p for run in files for p in run]


#: files of the dossier not to read, with the reason a finding gives (a try that read
#: them crashed or hung: :func:`verify.run.pool.run_on_pool` checks the rest without them)
SKIPPED_FILES: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("skipped_files", default={})
#: told each file's path (relative to the dossier) as its reading starts, and None once
#: past the files: a worker that dies then names the file it died on
FILE_STARTED: contextvars.ContextVar[Callable[[str | None], None] | None] = contextvars.ContextVar(
    "file_started", default=None)


@dataclass
class ReadBudget:
    """The time the reading of a dossier's pages may take (``until``, on ``clock``), a
    share of the applicant's time ``limit`` (``--dossier-timeout``, or ``pages`` pages'
    time where that is less: ``--page-timeout`` each) that leaves the rest for the rules
    and the report. Past it the files and pages not yet read are each a ``review`` saying
    so, and what was read is checked: the limit had made the whole applicant an error row,
    losing every page already read. ``cut`` says it was used up.

    >>> ticks = iter([0.0, 5.0, 9.0])
    >>> budget = ReadBudget(until=8.0, limit=10.0, clock=lambda: next(ticks))
    >>> budget.spent(), budget.spent(), budget.spent(), budget.cut
    (False, False, True, True)
    >>> print(budget.reason(3))
    整份材料核验限时 10 秒（--dossier-timeout）将到，本文件第 3 页起未读取、未核验；请审核人查阅该文件原件，或调高整份材料限时后单独重试
    >>> print(ReadBudget(until=8.0, limit=720.0, pages=10).reason())
    整份材料 10 页共限时 720 秒（每页限时 --page-timeout）将到，本文件未读取、未核验；请审核人查阅该文件原件，或调高每页限时后单独重试
    """

    until: float
    limit: float
    clock: Callable[[], float] = time.monotonic
    pages: int = 0  # where the limit is these pages' time, not the whole-dossier ceiling
    cut: bool = False
    #: lets the worker stop a page begun before the cut that runs on (:mod:`verify.run.interrupt`)
    guard: PageGuard = field(default_factory=PageGuard, repr=False, compare=False)
    #: seconds without a page done after which the worker skips the rest of a file (0: never)
    stall: float = 0.0

    def spent(self) -> bool:
        self.cut = self.cut or self.clock() >= self.until
        return self.cut

    def reason(self, page: int = 1) -> str:
        rest = "本文件未读取、未核验" if page <= 1 else f"本文件第 {page} 页起未读取、未核验"
        if self.pages:
            return (f"整份材料 {self.pages} 页共限时 {self.limit:.0f} 秒（每页限时 --page-timeout）将到，{rest}；"
                    "请审核人查阅该文件原件，或调高每页限时后单独重试")
        return (f"整份材料核验限时 {self.limit:.0f} 秒（--dossier-timeout）将到，{rest}；"
                "请审核人查阅该文件原件，或调高整份材料限时后单独重试")

    def stall_reason(self, page: int = 1) -> str:
        """The review of a file whose page ``page`` went :attr:`stall` seconds undone.

        >>> print(ReadBudget(until=8.0, limit=720.0, stall=144.0).stall_reason(3))
        读取本文件第 3 页超过 144 秒无进展（页面内容过于复杂或文件异常），本文件第 3 页起未读取、未核验，请人工核对
        """
        where, rest = ("本文件", "本文件未读取、未核验") if page <= 1 else \
            (f"本文件第 {page} 页", f"本文件第 {page} 页起未读取、未核验")
        return f"读取{where}超过 {self.stall:.0f} 秒无进展（页面内容过于复杂或文件异常），{rest}，请人工核对"


#: the share of the applicant's time its pages may be read in; the rest is left for the
#: rules, the report, and a page begun just before it
READ_SHARE = 0.8
#: the share at which a page begun before the cut and still being read is stopped
#: (:mod:`verify.run.interrupt`), leaving the rest for the rules and the report
STOP_SHARE = 0.9
#: the dossier's :class:`ReadBudget` (set by :func:`verify.run.task.check_task`), or None
READ_BUDGET: contextvars.ContextVar[ReadBudget | None] = contextvars.ContextVar("read_budget", default=None)


def unexpected_reason(exc: BaseException) -> str:
    """The reason given for a file whose reading raised an error no reader expects: the
    toolkit's own bug as likely as the file's, so the applicant is not asked to resubmit,
    the reviewer reads the original, and the next run reads the file again (it was
    「读取时出错（ValueError），请人工核对该文件」, the report reused by every rerun).

    >>> unexpected_reason(ValueError("cannot reshape array of size 0"))
    '读取时出错（ValueError: cannot reshape array of size 0），可能是核验程序的缺陷，不一定是文件损坏；请审核人查阅该文件原件，重新运行核验时将再次读取该文件'
    """
    detail = " ".join(str(exc).split())[:120]
    return (f"读取时出错（{type(exc).__name__}{': ' + detail if detail else ''}），可能是核验程序的缺陷，不一定是文件损坏；"
            "请审核人查阅该文件原件，重新运行核验时将再次读取该文件")


def check_dossier(folder: Path, key: str, settings: Settings = Settings(), applicant: Applicant | None = None,
                  progress=None) -> DossierResult:
    """Verify one applicant folder. Raises ``MetadataError`` for bad metadata
    (when ``applicant`` is not given) and ``CampaignError`` for a bad campaign;
    unreadable files become findings."""
    from ocr.pipeline import OcrSettings, read_file
    from verify.journals import checker_for
    from verify.rules import Dossier, run_rules

    folder = Path(folder)
    t0 = STEP_CLOCK()
    if applicant is None:
        applicant = load_applicant(folder)
    campaign: Campaign = campaign_for(settings.campaign, applicant.campaign)
    engine = engine_for(settings)
    cache = cache_for(settings)
    timings: dict[str, float] = {}

    files, unreadable = dossier_files(folder)
    pages: list[PageRead] = []
    from verify.marks.seals import MAX_SEALS_PER_DOSSIER

    seal_room = [MAX_SEALS_PER_DOSSIER]
    sealless = frozenset(k for k, r in campaign.documents.items() if not r.seal)
    unitless = frozenset(k for k, r in campaign.documents.items() if not r.seal_names_unit)
    signed = frozenset(k for k, r in campaign.documents.items() if r.signature)
    # the kinds identity.name weighs, and the proofs whose author paper.retrieval weighs
    # (欧阳晔 read 欧阳哗 on every proof was 「所列作者为他人」: trust exploration 7, 3a)
    named = frozenset(campaign.kinds_where("personal")) | {"retrieval_proof"}
    skip, announce, budget = SKIPPED_FILES.get(), FILE_STARTED.get(), READ_BUDGET.get()
    for path in files:
        rel = path.relative_to(folder).as_posix()
        if rel in skip:  # the last try died reading it (verify.run.pool): the rest is checked without it
            unreadable.append(UnreadableInput(rel, skip[rel]))
            continue
        if budget is not None and budget.spent():  # the dossier's time is up: what was read is checked
            unreadable.append(UnreadableInput(rel, budget.reason(), cut=True))
            continue
        if announce is not None:
            announce(rel)
        first, done = len(pages), 0  # done: the pages of this file read whole
        try:
            with reading(budget):  # the time running out mid-page stops that page (ReadingCut)
                t = STEP_CLOCK()
                for page_result in read_file(path, engine, cache=cache, settings=OcrSettings(max_pages=settings.max_pages)):
                    timings["ocr"] = timings.get("ocr", 0.0) + STEP_CLOCK() - t
                    if page_result.index > 1 and budget is not None and budget.spent():
                        unreadable.append(UnreadableInput(rel, budget.reason(page_result.index), cut=True))
                        break
                    if len(pages) >= settings.max_pages:
                        rest = "本文件未核验" if page_result.index == 1 else f"本文件第 {page_result.index} 页起未核验"
                        unreadable.append(UnreadableInput(rel, f"材料总页数超过 {settings.max_pages} 页上限，{rest}，"
                                                               "请审核人查阅该文件原件，或请申报人精简材料", capped=True))
                        break
                    stretch = source_stretch(page_result)
                    for part, half, drawn_only in spread_parts(page_result):
                        read = read_page(rel, half, applicant, engine, timings, sealless, unitless, signed, named,
                                         seal_room=seal_room, drawn_only=drawn_only)
                        read.part = part
                        read.text_px = text_height(read.ocr) / stretch
                        pages.append(read)
                    done = page_result.index
                    if progress:
                        progress(1)
                    t = STEP_CLOCK()
        except ReadingCut:  # a page begun before the cut ran on: it and the rest of the file are unread
            budget.cut = True
            while len(pages) > first and pages[-1].page > done:  # a spread's half read of that page
                pages.pop()
            unreadable.append(UnreadableInput(rel, budget.reason(done + 1), cut=True))
        except FileStalled:  # no page done for most of the stall limit: the rest of this file is skipped
            while len(pages) > first and pages[-1].page > done:
                pages.pop()
            unreadable.append(UnreadableInput(rel, budget.stall_reason(done + 1)))
        except UnreadableFile as e:
            if isinstance(e, CorruptFile) and (fault := reread_fault(path, rel)) is not None:
                unreadable.append(UnreadableInput(rel, fault.reason, service=True))  # the share's, not the file's
            else:
                unreadable.append(UnreadableInput(rel, e.reason))
        except ReadFault as e:  # the disk's or the network share's, not the file's: the rerun reads it again
            unreadable.append(UnreadableInput(rel, e.reason, service=True))
        except EngineError as e:  # the engine's or the OCR server's failure, not the file's
            unreadable.append(UnreadableInput(rel, f"文字识别服务故障：{e.reason}", service=True))
        except OcrError as e:
            unreadable.append(UnreadableInput(rel, f"文字识别失败：{e.reason}"))
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as e:  # one bad file never stops the dossier
            log.exception("reading %s failed", path)
            if (fault := machine_fault(e, rel)) is not None:  # hashing it for the cache, a page's later read
                unreadable.append(UnreadableInput(rel, fault.reason, service=True))
            else:  # the toolkit's bug as likely as the file's: never reused as the file's own fault
                unreadable.append(UnreadableInput(rel, unexpected_reason(e), retry=True))
        join_continuations(pages[first:], applicant, named, pages[first - 1] if first else None)
        if page_suffix(path.name) == ".pdf" and (note := _attachments_note(path)):
            unreadable.append(UnreadableInput(rel, note))
    if announce is not None:
        announce(None)  # past the files: a crash in the rules is no file's
    pages = join_displaced(pages)

    t = STEP_CLOCK()
    dossier = Dossier(applicant=applicant, campaign=campaign, pages=pages, unreadable=unreadable,
                      journals=checker_for(settings.registry, settings.journal_service))
    findings = run_rules(dossier)
    timings["rules"] = STEP_CLOCK() - t
    timings["total"] = STEP_CLOCK() - t0
    return DossierResult(
        key=key, applicant=applicant, verdict=verdict_of(findings), findings=findings, pages=pages,
        unreadable=unreadable, timings={k: round(v, 3) for k, v in timings.items()}, campaign=campaign.id,
        rulebook=_rulebook(campaign, applicant),
    )


def _rulebook(campaign: Campaign, applicant: Applicant) -> dict:
    book = campaign.rulebook()
    if applicant.campaign and applicant.campaign != campaign.id and book["origin"] == "reviewer":
        book["dossier_named"] = applicant.campaign  # the reviewer's choice wins; say what the dossier asked for
    return book


STATUS_ORDER = {"fail": 0, "review": 1, "pass": 2}


def build_report(result: DossierResult) -> dict:
    """The ``report.json`` dict (schema ``dossier-report/1``, see docs/CONTRACT.md)."""
    a = result.applicant
    counts = {s: sum(1 for f in result.findings if f.status == s) for s in ("fail", "review", "pass")}
    registry = next((f.journal["registry"] for f in result.findings if f.journal and f.journal.get("registry")), None)
    return {
        "schema": SCHEMA,
        "key": result.key,
        "applicant": None if a is None else {
            "name": a.name,
            "unit": a.unit,
            "unit_aliases": list(a.unit_aliases),
            "unit_kind": a.unit_kind,
            "specialty": a.specialty,
            "level": a.level,
            "current_title": None if a.current_title is None else {
                "name": a.current_title.name, "date": a.current_title.date.iso()},
        },
        "campaign": result.campaign,
        "rulebook": result.rulebook,
        "verdict": result.verdict,
        "counts": counts,
        "findings": [f.to_dict() for f in sorted(result.findings, key=lambda f: STATUS_ORDER[f.status])],
        "documents": [p.to_dict() for p in result.pages],
        "unreadable": [{"file": u.file, "reason": u.reason, **({"service": True} if u.service else {}),
                        **({"cut": True} if u.cut else {}), **({"retry": True} if u.retry else {}),
                        **({"capped": True} if u.capped else {})}
                       for u in result.unreadable],
        "journal_registry": registry,
        "timings": result.timings,
        "generated_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
