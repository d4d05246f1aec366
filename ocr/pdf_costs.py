"""What loading a PDF page will cost, read from the file's objects before pdfium loads it.

pdfium parses a page's content, and each form XObject it draws every time it is drawn,
as the page is loaded (``FPDF_LoadPage``), before a single page object can be counted:
a 20 KB file of forms each drawing the next four times, forty deep, and a form that
draws itself each took a worker to its 6 GB cap in a minute, and a content stream
inflating to 1 GiB took 2.2 GB and read as a blank page (hostile exploration 2, P6).
So the page's content and the forms it draws are walked here, in the file itself
(pdfminer's object reader: objects are resolved as they are named, and no stream is
decoded but here, a limited number of bytes at a time), each form once however often
it is drawn, and what the page expands to is told before pdfium is asked:

>>> from ocr.pdf_costs import content_cost
>>> content_cost(b"q 1 0 0 1 0 0 cm /Im0 Do Q 0 0 m 10 10 l S BT (Hello) Tj ET")
(3, ['Im0'])
"""
from __future__ import annotations

import io
import logging
import os
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

#: decoded content a page may hold, its forms counted each time they are drawn: a page of
#: 50,000 drawing objects (the object limit) is a few MB of content
MAX_CONTENT_BYTES = 32 << 20
#: image pixels a page may draw, each image counted every time it is drawn (and its soft
#: mask with it): a 600 dpi A3 scan is 70 Mpx. pdfium decodes an image each time it is
#: drawn and keeps those of a page under some 50 MB decoded: one 4000 x 4000 image drawn
#: 2,000 times in 88 KB held a worker 146 s for one page, and 300 such images 4.7 GB
#: (hostile exploration 7)
MAX_PAGE_IMAGE_PIXELS = 300_000_000
#: decoded bytes of the other streams a page's resources hold (fonts, shadings, colour
#: profiles, functions, patterns, soft masks), each stream counted once: pdfium inflates
#: a font or a shading whole as it draws with it, and a 1 MB file's font of 1 GiB of
#: zeros took 3.2 GB, its shading 2.1 GB (hostile exploration 7). A page using four
#: whole CJK fonts (宋体, 黑体, 楷体, 仿宋) holds some 45 MB.
MAX_RESOURCE_BYTES = 128 << 20
#: objects of Type 3 glyph procedures a page may draw, a glyph's counted for every
#: character shown in its font: pdfium draws a glyph's procedure for each character, some
#: 3 µs an object at text size and 25 µs at a page's (200 characters of a 40,000-path
#: glyph: 27 s); a font of vector glyphs, 50 objects a glyph, on a page of 3,000
#: characters draws 150,000 (hostile exploration 7)
MAX_GLYPH_OBJECTS = 1_000_000

# an operator that makes one page object in pdfium: a path painted, text shown, an
# XObject drawn, a shading, an inline image (inside strings or image data a match only
# overcounts, which errs on the side of refusing)
_DELIM = rb"\s/\[\]()<>{}%"
_DRAWING = re.compile(rb"(?<![^" + _DELIM + rb"])(?:f\*|B\*|b\*|[fFSsBb]|Tj|TJ|'|\"|Do|sh|BI)(?![^" + _DELIM + rb"])")
_DRAWN_NAME = re.compile(rb"/([^" + _DELIM + rb"]+)\s*Do(?![^" + _DELIM + rb"])")
# an inline image's dictionary (BI ... ID): its size is read from /W (/Width) and /H (/Height)
_INLINE_IMAGE = re.compile(rb"(?<![^" + _DELIM + rb"])BI(?![^" + _DELIM + rb"])(.{0,1024}?)(?<![^" + _DELIM + rb"])ID"
                           rb"(?![^" + _DELIM + rb"])", re.S)
_INLINE_SIZE = re.compile(rb"/(W|Width|H|Height)\s+(\d{1,12})(?![\d.])")
# a graphics state set (/GS0 gs) and a font chosen (/F1 12 Tf), by name
_STATE_NAME = re.compile(rb"/([^" + _DELIM + rb"]+)\s*gs(?![^" + _DELIM + rb"])")
_MASK_SCAN = re.compile(rb"(?<![^" + _DELIM + rb"])(?:q|Q)(?![^" + _DELIM + rb"])|" + _STATE_NAME.pattern + rb"|"
                        + _DRAWING.pattern)
_FONT_NAME = re.compile(rb"/([^" + _DELIM + rb"]+)\s+[-+]?[\d.]+\s*Tf(?![^" + _DELIM + rb"])")
# the characters of a page's strings: literal (one level of parentheses inside) and hex
_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.S)
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _pdf_name(raw: bytes) -> str:
    """A name as a content stream writes it (``/F#31`` with its ``#xx`` escapes), as a
    resources dictionary keys it.

    >>> _pdf_name(b"F#31"), _pdf_name(b"GS0")
    ('F1', 'GS0')
    """
    return _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


#: the most an object stream or a cross-reference stream may inflate to, each and all of a
#: file's together: pdfium and pdfminer inflate one whole as soon as an object in it is
#: needed, before any page is loaded (a 1 MB file whose page sat in an object stream of
#: 1 GB took 15 s and 3.1 GB: hostile exploration 8). One holds a few hundred objects,
#: some hundreds of KB.
MAX_PACKED_BYTES = 64 << 20
MAX_PACKED_TOTAL = 256 << 20
#: bytes of a file read at a time where its bytes are scanned (:func:`_file_matches`)
SCAN_WINDOW = 8 << 20
#: the most whitespace a scan's pattern takes between a key and its value: each window of a
#: scan overlaps the next by :data:`SCAN_REACH`, so a match may be no longer than that
#: (a key and its value 16 KB apart is no PDF writer's; a comment between them, which a
#: PDF reader also skips, escapes these scans all the same)
_GAP = rb"\s{0,16384}"
SCAN_REACH = 64 << 10
# a name and the name after it (/Type /ObjStm), where the first is /Type or escaped (/T#79pe)
_TYPED = re.compile(rb"/(Type|[^" + _DELIM + rb"]{0,1024}#[^" + _DELIM + rb"]{0,1024})" + _GAP + rb"/([^" + _DELIM
                    + rb"]{1,1024})")
_STREAM_START = re.compile(rb"stream(?:\r\n|\n|\r)")


def _file_scan(patterns: list[re.Pattern | None], fd: int, window: int = SCAN_WINDOW,
               reach: int = SCAN_REACH) -> Iterator[tuple[int, int, re.Match]]:
    """Each match of each of ``patterns`` in the bytes of the file open as ``fd``, as (the
    pattern's index, the offset of the bytes it was found in, the match): each pattern's
    matches in order and not overlapping, as one pass of that pattern alone over the whole
    file finds them where no match is longer than ``reach`` bytes. A pattern the caller sets
    to None in ``patterns`` is looked for no more; the scan ends when all are.

    The file is read once, ``window`` bytes at a time (with ``reach`` more, and a few before
    for a pattern's look-behind), each window searched for every pattern, never mapped: a
    memory map's page that the file no longer holds (truncated or rewritten in place while it
    is scanned: a re-scan, a withdrawn upload, a sync; or a disk's or share's I/O error under
    it) is a SIGBUS, which ends the process (the desk's server, a batch's own process) where
    no Python code can catch it. Read, a shorter file ends the scan, and an I/O error is an
    OSError. Memory stays a window's, as a map's did (a whole 1 GB file read at once is 1 GB
    of a worker's data).
    """
    lead, start = 16, 0
    resume = [0] * len(patterns)
    while any(p is not None for p in patterns):
        base = max(0, start - lead)
        wanted = (start - base) + window + reach
        buf = os.pread(fd, wanted, base)
        # a match found here must begin before the next window, unless this is the file's end
        last = start - base + window if len(buf) == wanted else len(buf)
        for i in range(len(patterns)):
            if patterns[i] is None:
                continue
            for m in patterns[i].finditer(buf, max(start, resume[i]) - base):
                if m.start() >= last:
                    break
                resume[i] = base + m.end()
                yield i, base, m
                if patterns[i] is None:
                    break
        if len(buf) < wanted:
            return
        start += window


def _file_matches(pattern: re.Pattern, fd: int, window: int = SCAN_WINDOW,
                  reach: int = SCAN_REACH) -> Iterator[tuple[int, re.Match]]:
    """Each match of ``pattern`` in the bytes of the file open as ``fd``, as (the offset of
    the bytes it was found in, the match): :func:`_file_scan` of one pattern."""
    for _, base, m in _file_scan([pattern], fd, window, reach):
        yield base, m


def _read(fd: int, at: int, size: int) -> bytes:
    """``size`` bytes of the file open as ``fd`` from ``at`` (fewer at its end: none past it)."""
    return os.pread(fd, size, at)


def _inflated(fd: int, at: int, each: int, left: int | None = None) -> int:
    """What the deflated data at ``at`` of the file open as ``fd`` inflates to, counted no
    further than past ``each`` (or past ``left``, where given; 0 where it is not deflated,
    what it gave before its damage where it is damaged)."""
    inflate, size = zlib.decompressobj(), 0
    try:
        while not inflate.eof and size <= each and (left is None or size <= left):
            chunk = _read(fd, at, 1 << 20)
            if not chunk:
                break
            at += len(chunk)
            size += len(inflate.decompress(chunk, each + 1 - size))
            while inflate.unconsumed_tail and size <= each:
                size += len(inflate.decompress(inflate.unconsumed_tail, each + 1 - size))
    except zlib.error:  # not deflated, or damaged: pdfium inflates what it can the same way
        pass
    return size


class _Declared:
    """:func:`declared_objects` as its three patterns' matches come (:func:`_file_scan`)."""

    def __init__(self, limit: int):
        self.limit, self.declared, self.entries = limit, 0, 0

    def patterns(self) -> list[re.Pattern]:
        return [_XREF_SIZE, _XREF_INDEX, _XREF_ENTRY]

    def feed(self, which: int, base: int, m: re.Match, fd: int) -> bool:
        """Take one match of pattern ``which``; False when that pattern is needed no more."""
        if which == 0:
            self.declared = max(self.declared, int(m.group(1)))
        elif which == 1:
            numbers = [int(n) for n in m.group(1).split()]
            self.declared = max(self.declared, sum(numbers[1::2]))
        else:
            self.entries += 1
            return self.entries <= self.limit
        return True

    def result(self, fd: int) -> int:
        return self.declared if self.declared > self.limit else max(self.declared, self.entries)


class _Packed:
    """:func:`packed_bytes` as its pattern's matches come."""

    def __init__(self, each: int, total: int):
        self.each, self.total, self.largest, self.summed = each, total, 0, 0

    def patterns(self) -> list[re.Pattern]:
        return [_TYPED]

    def feed(self, which: int, base: int, m: re.Match, fd: int) -> bool:
        if _pdf_name(m.group(1)) != "Type" or _pdf_name(m.group(2)) not in ("ObjStm", "XRef"):
            return True
        after = base + m.end()
        start = _STREAM_START.search(_read(fd, after, 64 << 10))
        if start is None:
            return True
        size = _inflated(fd, after + start.end(), self.each, self.total - self.summed)
        self.largest, self.summed = max(self.largest, size), self.summed + size
        return self.largest <= self.each and self.summed <= self.total

    def result(self, fd: int) -> tuple[int, int]:
        return self.largest, self.summed


class _Spanned:
    """:func:`largest_object` as its pattern's matches come."""

    def __init__(self, limit: int):
        self.limit, self.largest, self.opened, self.in_data, self.over = limit, 0, None, False, False

    def patterns(self) -> list:
        return [_OBJECT_BOUNDS]

    def feed(self, which: int, base: int, m: re.Match, fd: int) -> bool:
        token, at = m.group(), base + m.start()
        if self.in_data:
            self.in_data = token != b"endstream"
            return True
        if self.opened is not None:
            self.largest = max(self.largest, at - self.opened)
            if self.largest > self.limit:
                self.over = True
                return False
        self.opened = at + len(token) if token in (b"obj", b"trailer") else None
        self.in_data = token == b"stream"
        return True

    def result(self, fd: int) -> int:
        if not self.over and self.opened is not None:
            return max(self.largest, os.fstat(fd).st_size - self.opened)
        return self.largest


class _Streams:
    """:func:`largest_stream` as its pattern's matches come."""

    def __init__(self, each: int):
        self.each, self.largest = each, 0

    def patterns(self) -> list[re.Pattern]:
        return [_STREAM_START]

    def feed(self, which: int, base: int, start: re.Match, fd: int) -> bool:
        begins = base + start.start()
        head = _read(fd, max(0, begins - (64 << 10)), min(begins, 64 << 10))
        begun = [m.end() for m in _OBJ_START.finditer(head)]
        dictionary = head[begun[-1]:] if begun else head[-4096:]
        if _IMAGE_SUBTYPE.search(dictionary) or b"Fl" not in dictionary:
            return True
        self.largest = max(self.largest, _inflated(fd, base + start.end(), self.each))
        return self.largest <= self.each

    def result(self, fd: int) -> int:
        return self.largest


def _scan(path: Path, counters: list) -> list:
    """What each of ``counters`` (:class:`_Declared`, :class:`_Packed`, :class:`_Spanned`,
    :class:`_Streams`) counts of a PDF, all of them from one read of its bytes."""
    patterns: list[re.Pattern | None] = []
    owner: list[tuple[object, int]] = []
    for counter in counters:
        for k, pattern in enumerate(counter.patterns()):
            patterns.append(pattern)
            owner.append((counter, k))
    with open(path, "rb") as fh:
        fd = fh.fileno()
        for i, base, m in _file_scan(patterns, fd):
            counter, k = owner[i]
            if not counter.feed(k, base, m, fd):
                patterns[i] = None
        return [counter.result(fd) for counter in counters]


def packed_bytes(path: Path, each: int = MAX_PACKED_BYTES, total: int = MAX_PACKED_TOTAL) -> tuple[int, int]:
    """(the largest, the sum) of what the object streams and cross-reference streams
    of a PDF inflate to, read from the file's bytes and inflated no further than past
    ``each`` apiece and ``total`` in all (a stream that does not inflate is not counted).

    >>> import tempfile
    >>> data = zlib.compress(b"3 0 " + b" " * 5000)
    >>> f = Path(tempfile.mkdtemp()) / "p.pdf"
    >>> _ = f.write_bytes(b"%PDF-1.5\\n5 0 obj\\n<< /T#79pe /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\\nstream\\n"
    ...                  + data + b"\\nendstream\\nendobj\\n")
    >>> packed_bytes(f), packed_bytes(f, each=100)
    ((5004, 5004), (101, 101))
    """
    return _scan(path, [_Packed(each, total)])[0]


#: objects a PDF's cross-reference may declare: pdfium and pdfminer each hold an entry for
#: every one as the file is opened, before any page is loaded (a 160 MB table of 8,000,000
#: entries took 34 s and 2.4 GB: hostile2's audit). A 400-page scanned dossier holds some
#: thousands, a vector-drawn one some hundreds of thousands.
MAX_DECLARED_OBJECTS = 1_000_000
# a classic table's entry (offset, generation, in use or free: 20 bytes by the standard)
# by its generation and flag: led by a space, the scan is 30 times as fast as from the offset
_XREF_ENTRY = re.compile(rb" \d{5} [nf]")
# a trailer's or a cross-reference stream's /Size, and a stream's /Index [first count ...]
_XREF_SIZE = re.compile(rb"/Size" + _GAP + rb"(\d{1,15})(?![\d.])")
_XREF_INDEX = re.compile(rb"/Index" + _GAP + rb"\[([\d\s]{0,4096})\]")


def declared_objects(path: Path, limit: int = MAX_DECLARED_OBJECTS) -> int:
    """How many objects a PDF's cross-reference declares, read from the file's bytes: the
    largest ``/Size`` or sum of an ``/Index``'s counts, or the entries of its classic
    tables (whatever their headers say) where more, counted no further than past
    ``limit``.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "p.pdf"
    >>> _ = f.write_bytes(b"%PDF-1.4\\nxref\\n0 3\\n" + b"0000000000 65535 f \\n" + b"0000000009 00000 n \\n" * 2
    ...                  + b"trailer\\n<< /Size 3 /Root 1 0 R >>\\n")
    >>> declared_objects(f), declared_objects(f, limit=1)
    (3, 3)
    >>> _ = f.write_bytes(b"<< /Type /XRef /Size 4 /Index [0 2 900 5000000] /W [1 2 1] >>")
    >>> declared_objects(f)
    5000002
    """
    return _scan(path, [_Declared(limit)])[0]


_OBJ_START = re.compile(rb"\d+\s+\d+\s+obj(?![^" + _DELIM + rb"])")
_IMAGE_SUBTYPE = re.compile(rb"/Subtype\s*/Image(?![^" + _DELIM + rb"])")


def largest_stream(path: Path, each: int = MAX_RESOURCE_BYTES) -> int:
    r"""The most any deflated stream of a PDF that is not an image inflates to, read from
    the file's bytes (its dictionary found back to its ``obj``), inflated no further than
    past ``each``: where pdfminer cannot read the file's objects at all and pdfium repairs
    it, a font or a shading of 1 GiB of zeros took 3.2 GB and 2.1 GB (hostile exploration 9).
    Images are counted as pdfium loads the page (their pixels), not here.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "p.pdf"
    >>> font = zlib.compress(bytes(5000))
    >>> image = zlib.compress(bytes(90000))
    >>> _ = f.write_bytes(b"%PDF-1.4\n5 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + font + b"\nendstream\nendobj\n"
    ...                  + b"6 0 obj\n<< /Subtype /Image /Filter /FlateDecode >>\nstream\n" + image + b"\nendstream\nendobj\n")
    >>> largest_stream(f), largest_stream(f, each=100)
    (5000, 101)
    """
    return _scan(path, [_Streams(each)])[0]


#: bytes one object of a PDF that is not a stream's data may span (a page's dictionary, its
#: resources, an array): pdfminer, which counts a page's costs before pdfium loads it, reads
#: such an object token by token in Python, 4 to 7 s a MB, before any count can be made:
#: /Resources nested 1,000,000 deep (9 MB) took 38 s and read as a blank page (hostile
#: exploration 11). The largest in real files are a font's /W widths (a CJK font with every
#: glyph: some hundreds of KB), a page tree's /Kids, an /Annots or a /Fields array at their
#: limits (5,000 and 3,000 references: 45 KB and 30 KB; over 2 MB either is some 230,000), all under
#: 1 MB; the scanned and exported PDFs of fixtures/sample and the bench sets hold none over 500 bytes,
#: a 400-page born-digital file of 7,000 CJK glyphs and 8,000 links none over 4 KB. Counted as
#: pdfminer reads an object (:class:`PdfCosts`): 1 MB of one-byte tokens is some 7 s read. At 2 MB the
#: hostile corpus's real-engine run (a 3 MB object hidden behind ``obj`` strings, one in an object
#: stream) peaked at 1,488 MB summed, past its 1.5 GB; at 1 MB, 1,438 MB.
MAX_OBJECT_BYTES = 1 << 20
#: bytes any object of a PDF's file may span outside a stream's data (:func:`largest_object`),
#: refused before any reader parses the file: looser than :data:`MAX_OBJECT_BYTES`, since it
#: counts objects pdfminer never reads (a tagged file's structure tree), and in 0.1 s a 20 MB
#: array (pdfminer: minutes) or /Resources nested 1,000,000 deep
MAX_SPANNED_BYTES = 8 << 20
# the keywords that begin (obj, trailer) and end (endobj, stream, xref, startxref) an object's
# tokens in a file's bytes; after ``stream`` only ``endstream`` is looked for (binary data)
_OBJECT_BOUNDS_RE = re.compile(rb"endobj|endstream|startxref|stream|trailer|xref|obj")


class _Token:
    """A match of :class:`_Keywords` (what of ``re.Match`` the scans use)."""
    __slots__ = ("_start", "_text")

    def __init__(self, start: int, text: bytes):
        self._start, self._text = start, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self._text)

    def group(self) -> bytes:
        return self._text

    def groups(self) -> tuple:
        return ()


class _Keywords:
    r"""The matches of :data:`_OBJECT_BOUNDS_RE`, found as one search for each of ``obj``,
    ``stream``, ``xref`` and ``trailer`` (a pattern that begins with a literal is searched
    for ten times as fast as that alternation, which ``re`` tries at every byte: 2 s of a
    200 MB file's 3 s scan), each widened to ``endobj``, ``endstream``, ``startxref`` where
    those letters come before it. No keyword's end is another's beginning, so none
    overlaps another and they are the alternation's matches.

    >>> data = b"1 0 obj<<>>stream\nxxobj endstream endobj trailer startxref xref dobj"
    >>> [m.group() for m in _Keywords().finditer(data)] == _OBJECT_BOUNDS_RE.findall(data)
    True
    >>> [(m.start(), m.group()) for m in _Keywords().finditer(data, 20)][:2]
    [(20, b'obj'), (24, b'endstream')]
    >>> next(_Keywords().finditer(data, 25)).group()  # "end" before where the search begins
    b'stream'
    """
    _LITERALS = (re.compile(b"obj"), re.compile(b"stream"), re.compile(b"xref"), re.compile(b"trailer"))
    _LEADS = (b"end", b"end", b"start", b"")

    def finditer(self, buf: bytes, pos: int = 0) -> Iterator[_Token]:
        import heapq

        def each(k: int) -> Iterator[tuple[int, bytes]]:
            lead = self._LEADS[k]
            for m in self._LITERALS[k].finditer(buf, pos):
                at = m.start()
                if lead and at - len(lead) >= pos and buf[at - len(lead):at] == lead:
                    yield at - len(lead), lead + m.group()
                else:
                    yield at, m.group()

        for start, text in heapq.merge(*(each(k) for k in range(len(self._LITERALS)))):
            yield _Token(start, text)


_OBJECT_BOUNDS = _Keywords()


def largest_object(path: Path, limit: int = MAX_SPANNED_BYTES) -> int:
    r"""The most bytes any object of a PDF spans outside a stream's data, read from the file's
    bytes as they lie (not from its cross-reference, which may point anywhere): from each
    ``obj`` (or ``trailer``) to the first ``endobj``, ``stream``, ``xref`` or next ``obj``
    after it, counted no further than past ``limit``. A keyword inside an object's strings
    only shortens what is counted here: :class:`PdfCosts` also counts the bytes pdfminer
    reads for each object as it parses it.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "p.pdf"
    >>> big = b"<< /A " * 2000 + b"1" + b" >>" * 2000
    >>> _ = f.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Length 9000 >>\nstream\n" + b"x" * 9000 + b"obj" + b"y" * 9000
    ...                  + b"\nendstream\nendobj\n2 0 obj\n" + big + b"\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF\n")
    >>> largest_object(f), largest_object(f, limit=100) > 100
    (18003, True)
    """
    return _scan(path, [_Spanned(limit)])[0]


@dataclass(frozen=True)
class PdfScan:
    """What a PDF's bytes say before any reader opens it (:func:`scan_pdf`)."""
    declared_objects: int  # :func:`declared_objects`
    packed_largest: int  # :func:`packed_bytes`
    packed_summed: int
    largest_object: int  # :func:`largest_object`
    largest_stream: int | None  # :func:`largest_stream`; None where it was not asked for


def scan_pdf(path: Path, streams: bool = False) -> PdfScan:
    r""":func:`declared_objects`, :func:`packed_bytes` and :func:`largest_object` of a PDF, with
    their limits, and with ``streams`` its :func:`largest_stream`, from one read of the file
    (each alone reads it whole: a 200 MB file was read five times before it was opened). The
    same figures as each gives alone.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "p.pdf"
    >>> _ = f.write_bytes(b"%PDF-1.5\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"
    ...                  + zlib.compress(b"3 0 " + b" " * 5000) + b"\nendstream\nendobj\n"
    ...                  + b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 >>\n")
    >>> scan_pdf(f, streams=True)
    PdfScan(declared_objects=2, packed_largest=5004, packed_summed=5004, largest_object=56, largest_stream=5004)
    >>> scan_pdf(f) == PdfScan(declared_objects(f), *packed_bytes(f), largest_object(f), None)
    True
    """
    counters = [_Declared(MAX_DECLARED_OBJECTS), _Packed(MAX_PACKED_BYTES, MAX_PACKED_TOTAL),
                _Spanned(MAX_SPANNED_BYTES)] + ([_Streams(MAX_RESOURCE_BYTES)] if streams else [])
    declared, (largest, summed), spanned, *rest = _scan(path, counters)
    return PdfScan(declared, largest, summed, spanned, rest[0] if rest else None)


class ObjectTooLarge(Exception):
    """pdfminer read more than :data:`MAX_OBJECT_BYTES` of one object's tokens."""

    def __init__(self, size: int):
        super().__init__(f"an object of over {size} bytes")
        self.size = size


class _ParseBudget:
    """The bytes pdfminer's parsers of one document have read for objects' tokens (never a
    stream's data), and where each object being parsed began in that count: past
    ``limit`` for one object, the document is spoiled for good (:attr:`over`) and every
    later read raises :class:`ObjectTooLarge`, so no caller that takes the exception for
    an unreadable object can go on to parse more."""

    def __init__(self, limit: int):
        self.limit, self.spent, self.marks, self.in_data, self.over = limit, 0, [], 0, 0

    def read(self, size: int) -> None:
        if self.over:
            raise ObjectTooLarge(self.over)
        if self.in_data or not self.marks:
            return
        self.spent += size
        if self.spent - self.marks[-1] > self.limit:
            self.over = self.spent - self.marks[-1]
            raise ObjectTooLarge(self.over)


def _bounded_document(fh, budget: _ParseBudget):
    """A pdfminer ``PDFDocument`` of the open file ``fh`` whose parsers count each object's
    bytes in ``budget`` (the trailer's too, as the document is opened)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser, PDFStreamParser
    from pdfminer.psparser import PSEOF

    class Counted:
        def fillbuf(self) -> bool:
            if self.charpos < len(self.buf):
                return False
            result = super().fillbuf()
            budget.read(len(self.buf))
            return result

        def nextobject(self):
            budget.marks.append(budget.spent)
            try:
                return super().nextobject()
            finally:
                budget.marks.pop()

        def do_keyword(self, pos, token):
            if token is self.KEYWORD_STREAM and self.curstack:
                # its /Length, where another object holds it, is parsed (and counted) here: the
                # data read next is not counted, nor what the stream's dictionary points to
                length = self.curstack[-1][1].get("Length") if isinstance(self.curstack[-1][1], dict) else None
                if length is not None and hasattr(length, "resolve"):
                    try:
                        length.resolve()
                    except ObjectTooLarge:
                        raise
                    except Exception:  # pdfminer's own reading says what it makes of it
                        pass
                budget.in_data += 1
                try:
                    return super().do_keyword(pos, token)
                finally:
                    budget.in_data -= 1
            return super().do_keyword(pos, token)

    class Parser(Counted, PDFParser):
        pass

    class StreamParser(Counted, PDFStreamParser):
        pass

    class Document(PDFDocument):
        def _getobj_parse(self, pos, objid):
            budget.marks.append(budget.spent)  # the tokens before its own ``obj`` count as its
            try:
                return super()._getobj_parse(pos, objid)
            finally:
                budget.marks.pop()

        def _get_objects(self, stream):
            # an object stream's objects, each counted as one object
            try:
                n = int(stream["N"])
            except (KeyError, TypeError, ValueError):
                n = 0
            parser = StreamParser(stream.get_data())
            parser.set_document(self)
            objs = []
            try:
                while True:
                    objs.append(parser.nextobject()[1])
            except PSEOF:
                pass
            return objs, n

    return Document(Parser(fh))


def content_cost(data: bytes) -> tuple[int, list[str]]:
    """The page objects ``data`` (decoded content) draws itself, and the names of the
    XObjects it draws (once per drawing)."""
    names = [_pdf_name(m.group(1)) for m in _DRAWN_NAME.finditer(data)]
    return sum(1 for _ in _DRAWING.finditer(data)), names


def _names(pattern: re.Pattern, data: bytes) -> set[str]:
    return {_pdf_name(m.group(1)) for m in pattern.finditer(data)}


def shown_characters(data: bytes) -> int:
    """About how many characters ``data``'s strings show (a hex string's two digits are one).

    >>> shown_characters(b"BT (Hello) Tj [(W) 120 (orld)] TJ <4142 43> Tj (a(b)c) Tj ET")
    18
    """
    total = 0
    for m in _STRING.finditer(data):
        text = m.group()
        total += (len(text) - 2) if text[:1] == b"(" else len(re.sub(rb"\s", b"", text[1:-1])) // 2
    return total


def _image_pixels(image) -> int:
    """An image stream's pixels, its soft mask's and stencil mask's with them. A JPEG 2000
    image is counted at the size its codestream declares where that is larger than its
    dictionary's: pdfium decodes it at the codestream's size (a 5 KB image of 16000 x 16000
    that said /Width 100 /Height 100, drawn three times, took 11 s and 1.3 GB to render:
    hostile exploration 8)."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for part in (image, resolve1(image.get("SMask")), resolve1(image.get("Mask"))):
        if hasattr(part, "rawdata"):
            width, height = resolve1(part.get("Width")), resolve1(part.get("Height"))
            pixels = max(width, 0) * max(height, 0) if isinstance(width, int) and isinstance(height, int) else 0
            total += max(pixels, _jpx_pixels(part))
    return total


#: bytes of a JPEG 2000 stream undone from its filters before it (rare: a JPX stream is
#: usually stored as it is) to find its codestream's size
JPX_HEADER_BYTES = 1 << 20


def _jpx_pixels(stream) -> int:
    """The pixels a JPEG 2000 image stream's codestream declares (0 for another image,
    or where it cannot be read)."""
    filters = [(_name(f), params) for f, params in stream.get_filters()]
    names = [f for f, _ in filters]
    if "JPXDecode" not in names:
        return 0
    raw = stream.rawdata or b""
    if stream.decipher:  # encrypted with the empty password, as pdfium opens it
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    before = filters[:names.index("JPXDecode")]
    size = jpx_size(_limited(raw, before, JPX_HEADER_BYTES) if before else raw)
    return size[0] * size[1] if size else 0


def jpx_size(data: bytes) -> tuple[int, int] | None:
    r"""The width and height of a JPEG 2000 image from its codestream's SIZ marker (a JP2
    file's boxes are walked to its codestream box), or None where there is none.

    >>> siz = b"\xff\x4f\xff\x51\x00\x29\x00\x00" + struct.pack(">4I", 16000, 12000, 0, 0)
    >>> jpx_size(siz), jpx_size(struct.pack(">I4s", 12, b"jP  ") + b"\r\n\x87\n" + struct.pack(">I4s", 8 + len(siz), b"jp2c") + siz)
    ((16000, 12000), (16000, 12000))
    >>> jpx_size(b"\x00" * 30) is None
    True
    """
    pos = 0
    if not data.startswith(b"\xff\x4f\xff\x51"):
        while True:
            if pos + 8 > len(data):
                return None
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            header = 8
            if length == 1:  # a 64-bit length follows
                if pos + 16 > len(data):
                    return None
                length, header = struct.unpack(">Q", data[pos + 8:pos + 16])[0], 16
            if kind == b"jp2c":
                pos += header
                break
            if length < header:  # 0: the last box, to the end, and no codestream before it
                return None
            pos += length
    if data[pos:pos + 4] != b"\xff\x4f\xff\x51" or pos + 24 > len(data):
        return None
    xsiz, ysiz, x0, y0 = struct.unpack(">4I", data[pos + 8:pos + 24])
    return max(xsiz - x0, 0), max(ysiz - y0, 0)


def inline_pixels(data: bytes) -> int:
    """The pixels of the inline images (``BI /W 60000 /H 60000 ... ID``) ``data`` draws.

    >>> inline_pixels(b"q BI /W 100 /H 20 /BPC 8 /CS /G ID xyz EI Q BI /Width 3 /Height 4 ID abc EI")
    2012
    """
    total = 0
    for m in _INLINE_IMAGE.finditer(data):
        size = {k[:1]: int(v) for k, v in _INLINE_SIZE.findall(m.group(1))}
        total += size.get(b"W", 0) * size.get(b"H", 0)
    return total


#: the fields a PDF's interactive form may hold (``/AcroForm /Fields`` and their ``/Kids``): pdfium builds the form
#: as the first page of the file is loaded, looking each field's name up among its siblings one by one, so a form of
#: n fields side by side costs n² (5,000: 0.7 s; 30,000 in a 5 MB file: 20 s, paid again each time the file is opened
#: to read or render a page: 100 s for one page; 10 pages of 3,000: 42 s to load the first; hostile exploration 10).
#: The densest real form, a roster's page of cells to fill, holds some hundreds.
MAX_FORM_FIELDS = 3000
#: optional content (layers) a PDF may declare: pdfium looks a marked object's layer up in the default
#: configuration's lists one by one as it renders, so n layers over n marked objects cost n² (a 3 MB page of 20,000
#: layers each marking one square: 35 s to render; 40,000 in 6 MB: 308 s; hostile exploration 10). 2,000 layers over
#: a page at the object limit render in 4 s; a CAD drawing's export carries some hundreds.
MAX_OPTIONAL_CONTENT = 2000


def optional_content(document, limit: int = MAX_OPTIONAL_CONTENT) -> int:
    """The most entries any list of a pdfminer ``document``'s optional content declares:
    ``/OCProperties /OCGs``, and its default configuration's ``/ON``, ``/OFF``,
    ``/Order`` (nested lists flattened), ``/Locked`` and ``/AS``; counted no further than
    past ``limit``, no layer resolved. 0 where there is none.

    >>> from pdfminer.pdfdocument import PDFDocument
    >>> from pdfminer.pdfparser import PDFParser
    >>> import io
    >>> def doc(properties):
    ...     body = b"%PDF-1.7\\n1 0 obj << /Type /Catalog /OCProperties " + properties + b" >> endobj\\n"
    ...     return PDFDocument(PDFParser(io.BytesIO(body + b"trailer << /Root 1 0 R >>\\n%%EOF\\n")))
    >>> optional_content(doc(b"<< /OCGs [1 0 R 1 0 R] /D << /Order [1 0 R [1 0 R 1 0 R]] >> >>"))
    3
    >>> optional_content(doc(b"<< /OCGs [] /D << /OFF [" + b"1 0 R " * 3000 + b"] >> >>"))
    3000
    """
    from pdfminer.pdftypes import resolve1

    try:
        properties = resolve1(document.catalog.get("OCProperties"))
        if not isinstance(properties, dict):
            return 0
        lists = [resolve1(properties.get("OCGs"))]
        config = resolve1(properties.get("D"))
        if isinstance(config, dict):
            lists += [resolve1(config.get(key)) for key in ("ON", "OFF", "Order", "Locked", "AS")]
    except Exception:  # not readable by pdfminer: pdfium's own reading of it stays unbounded here
        return 0
    most = 0
    for entries in lists:
        count, stack = 0, [entries] if isinstance(entries, list) else []
        while stack and count <= limit:
            items = stack.pop()
            count += sum(1 for item in items if not isinstance(item, list))
            stack += [item for item in items if isinstance(item, list)]
        most = max(most, count)
    return most


#: annotations a page may carry, and a file in all: pdfium loads each as the page loads, draws it into the page and
#: draws it again as the page is rendered, some 0.4 ms each, and pdfminer reads each to count what it draws: one
#: page of 30,000 squares (1.5 MB) took 13 s, and 400 pages sharing that /Annots array would take some 90 minutes
#: (hostile exploration 10). A page of a born-digital paper carries tens of links; a commented page some hundreds.
MAX_PAGE_ANNOTATIONS = 5000
MAX_FILE_ANNOTATIONS = 50_000


def form_fields(document, limit: int = MAX_FORM_FIELDS) -> int:
    """How many fields and widgets a pdfminer ``document``'s interactive form holds (every
    entry of ``/AcroForm /Fields`` and of each one's ``/Kids``), counted no further than
    past ``limit``: at most ``limit`` objects are resolved (a long array is counted before
    any of its entries is read). 0 where the document has no form.

    >>> from pdfminer.pdfdocument import PDFDocument
    >>> from pdfminer.pdfparser import PDFParser
    >>> import io
    >>> def doc(fields):
    ...     body = b"%PDF-1.7\\n1 0 obj << /Type /Catalog /AcroForm << /Fields [" + fields + b"] >> >> endobj\\n"
    ...     body += b"2 0 obj << /T (a) /Kids [3 0 R 3 0 R] >> endobj\\n3 0 obj << /T (b) >> endobj\\n"
    ...     return PDFDocument(PDFParser(io.BytesIO(body + b"trailer << /Root 1 0 R >>\\n%%EOF\\n")))
    >>> form_fields(doc(b"2 0 R")), form_fields(doc(b"3 0 R " * 5000)), form_fields(doc(b"2 0 R"), limit=1)
    (3, 5000, 3)
    """
    from pdfminer.pdftypes import PDFObjRef, resolve1

    try:
        form = resolve1(resolve1(document.catalog.get("AcroForm")))
        fields = resolve1(form.get("Fields")) if isinstance(form, dict) else None
    except Exception:  # a form pdfminer cannot read: pdfium's own reading of it stays unbounded here
        return 0
    if not isinstance(fields, list):
        return 0
    count, stack, seen = len(fields), list(fields), set()
    while stack and count <= limit:
        item = stack.pop()
        if isinstance(item, PDFObjRef):
            if item.objid in seen:  # a field listed twice, or a /Kids cycle: pdfium loads it once
                continue
            seen.add(item.objid)
        try:
            item = resolve1(item)
            kids = resolve1(item.get("Kids")) if isinstance(item, dict) else None
        except Exception:  # a dangling reference: nothing for pdfium to load
            continue
        if isinstance(kids, list):
            count += len(kids)
            stack += kids
    return count


@dataclass(frozen=True)
class PageCost:
    """What a page expands to, its forms counted each time they are drawn (counts stop
    a little past the limits: enough to refuse)."""

    drawn: int  # page objects (the operators that make one: a close count, a little over pdfium's)
    content_bytes: int  # decoded content
    cycle: bool  # a form draws itself, directly or through others
    forms: bool = False  # it draws a form (pdfium then expands it on loading)
    image_pixels: int = 0  # pixels of the images drawn, each time drawn (stops a little past the limit)
    resource_bytes: int = 0  # decoded bytes of the resources' other streams, each once (idem)
    masked: int = 0  # objects a soft mask draws again, for each object drawn under it (idem)
    glyph_objects: int = 0  # objects of Type 3 glyphs, for each character shown (idem)
    annotations: int = 0  # entries of the page's /Annots (each loaded, drawn in and drawn by pdfium)


class _Cycle(Exception):
    pass


class _Over(Exception):
    pass


def _name(value) -> str:
    return getattr(value, "name", value) if not isinstance(value, bytes) else value.decode("latin-1")


def _limited(data: bytes, filters, limit: int) -> bytes:
    """``data`` through ``filters`` (pdfminer's ``(name, params)``), at most ``limit``
    bytes of the result (one more where there is more). Filters that cannot inflate
    much are undone whole; an unknown one leaves the data as it is (pdfium could not
    read it as content either)."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import LZWDecoder

    for f, _params in filters:
        f = _name(f)
        if f in ("FlateDecode", "Fl"):
            inflate = zlib.decompressobj()
            try:
                data = inflate.decompress(data, limit + 1)
            except zlib.error:  # pdfium keeps what inflates before the damage
                data = b""
        elif f in ("LZWDecode", "LZW"):
            out, size = [], 0
            try:
                for chunk in LZWDecoder(io.BytesIO(data)).run():
                    out.append(chunk)
                    size += len(chunk)
                    if size > limit:
                        break
            except Exception:  # damaged: what was read
                pass
            data = b"".join(out)[:limit + 1]
        elif f in ("RunLengthDecode", "RL"):
            data = _run_length(data, limit)
        elif f in ("ASCIIHexDecode", "AHx"):
            data = asciihexdecode(data)
        elif f in ("ASCII85Decode", "A85"):
            data = ascii85decode(data)
        else:
            break
    return data


def _run_length(data: bytes, limit: int) -> bytes:
    """RunLengthDecode, stopping past ``limit`` bytes (a byte pair makes 128).

    >>> _run_length(bytes([2]) + b"abc" + bytes([254, 120]) + bytes([128]), 100)
    b'abcxxx'
    """
    out = bytearray()
    i = 0
    while i < len(data) and len(out) <= limit:
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1:i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1:i + 2] * (257 - n)
            i += 2
    return bytes(out[:limit + 1])


class PdfCosts:
    """The cost of each page of a PDF (:meth:`page`), walked as asked; ``None`` for a
    page whose objects pdfminer cannot read (pdfium may still repair the file: the
    worker's memory cap stays the guard) or where its page count differs from
    ``pages`` (pdfium's: the pages could not be matched)."""

    #: objects of the file looked at for pages where pdfminer's page tree and pdfium's disagree
    MAX_OBJECTS_LOOKED_AT = 200_000

    def __init__(self, path: Path, pages: int, max_objects: int, max_bytes: int = MAX_CONTENT_BYTES,
                 max_pixels: int = MAX_PAGE_IMAGE_PIXELS, max_resource_bytes: int = MAX_RESOURCE_BYTES,
                 max_object_bytes: int = MAX_OBJECT_BYTES):
        self.max_objects, self.max_bytes = max_objects, max_bytes
        self.max_pixels, self.max_resource_bytes = max_pixels, max_resource_bytes
        self._stream_sizes: dict[int, int] = {}  # a resource stream's decoded size, by object (pages share fonts)
        self._glyph_memo: dict[int, int] = {}  # a glyph procedure's objects, by object
        self._resource_costs: dict[int, tuple] = {}  # a resources dictionary's (itself, bytes, pixels)
        self._pages: list | None = None
        self._unmatched: list | None = None  # every page-like object, where the pages could not be matched
        self._worst: PageCost | None = None
        self._streams: PageCost | None = None
        self._fh = None
        self._budget: _ParseBudget | None = None
        #: the entries of the file's form (:func:`form_fields`) and of its optional content's lists
        #: (:func:`optional_content`); 0 where pdfminer cannot read the file
        self.form_fields = self.optional_content = 0
        try:
            from pdfminer.pdfpage import PDFPage

            self._fh = open(path, "rb")
            self._budget = _ParseBudget(max_object_bytes)
            document = _bounded_document(self._fh, self._budget)
            self.form_fields = form_fields(document)
            self.optional_content = optional_content(document)
            found = []
            for page in PDFPage.create_pages(document):
                found.append(page)
                if len(found) > pages:
                    break
            if len(found) == pages:
                self._pages = found
            else:  # which of its pages is pdfium's page N is not known: each is held to the worst of them
                logger.info("%s: pdfminer reads %d pages, pdfium %d; each page costs the worst", path, len(found), pages)
                self._unmatched = self._page_like(document)
        except Exception as exc:  # a file pdfium may repair: its own counts, and its streams' sizes, bound it
            logger.info("%s: objects not readable before loading (%s: %s)", path, type(exc).__name__, exc)
            self.close()
        self._path = path

    @property
    def oversized(self) -> int:
        """The bytes of an object over :data:`MAX_OBJECT_BYTES` that pdfminer began to read
        (0 where none was): the file is spoiled for pdfminer from then on (every count read
        after it is unreliable, every later read refused), and is to be refused whole,
        whatever any other count says."""
        return self._budget.over if self._budget is not None else 0

    def _page_like(self, document) -> list:
        """Every dictionary of the file that pdfium may take for a page, as pdfminer's
        pages (its inherited attributes filled in from its ``/Parent`` chain): one without
        ``/Kids`` holding ``/Contents`` or ``/Annots``. pdfium counts a page tree whose
        ``/Count`` lies and takes a leaf without ``/Type /Page`` for a page, where pdfminer
        does not (hostile exploration 9): one image drawn 400 times rendered for 23 s."""
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdftypes import resolve1

        found, looked = [], 0
        for xref in document.xrefs:
            for objid in xref.get_objids():
                looked += 1
                if looked > self.MAX_OBJECTS_LOOKED_AT:
                    return found
                try:
                    obj = document.getobj(objid)
                    if not isinstance(obj, dict) or "Kids" in obj or not ("Contents" in obj or "Annots" in obj):
                        continue
                    attrs, parent = dict(obj), resolve1(obj.get("Parent"))
                    for _ in range(64):
                        if not isinstance(parent, dict):
                            break
                        for key in PDFPage.INHERITABLE_ATTRS:
                            if key in parent and key not in attrs:
                                attrs[key] = parent[key]
                        parent = resolve1(parent.get("Parent"))
                    found.append(PDFPage(document, objid, attrs, None))
                except Exception:  # not a page pdfminer can read as one: pdfium's own counts stay
                    continue
        return found

    def _worst_cost(self) -> PageCost | None:
        """The most any page-like object of the file costs, each count on its own."""
        if self._worst is None and self._unmatched:
            costs = []
            for page in self._unmatched:
                try:
                    costs.append(self._page_cost(page))
                except RecursionError:
                    costs.append(PageCost(self.max_objects + 1, 0, False, True))
                except Exception as exc:
                    logger.info("page-like object %s: not readable (%s)", page.pageid, type(exc).__name__)
            if costs:
                self._worst = PageCost(max(c.drawn for c in costs), max(c.content_bytes for c in costs),
                                       any(c.cycle for c in costs), any(c.forms for c in costs),
                                       max(c.image_pixels for c in costs), max(c.resource_bytes for c in costs),
                                       max(c.masked for c in costs), max(c.glyph_objects for c in costs),
                                       max(c.annotations for c in costs))
        return self._worst

    def _streams_cost(self) -> PageCost:
        """Where no page of pdfminer's can stand for pdfium's: the file's largest stream
        that is not an image (:func:`largest_stream`), as each page's resources."""
        if self._streams is None:
            try:
                self._streams = PageCost(0, 0, False, False, 0, largest_stream(self._path, self.max_resource_bytes))
            except (OSError, ValueError):
                self._streams = PageCost(0, 0)
        return self._streams

    def close(self) -> None:
        self._pages = None
        self._unmatched = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def page(self, index: int) -> PageCost | None:
        """The cost of page ``index`` (from 0), or None where it cannot be read first;
        where pdfminer's pages and pdfium's do not match, the worst of the file's."""
        if self._pages is None:
            return (self._worst_cost() if self._unmatched else None) or self._streams_cost()
        try:
            return self._page_cost(self._pages[index])
        except RecursionError:  # forms nested past Python's stack: no reader nests so deep
            return PageCost(self.max_objects + 1, 0, False, True)
        except Exception as exc:
            logger.info("page %d: objects not readable before loading (%s: %s)", index + 1, type(exc).__name__, exc)
            return None

    def _page_cost(self, page) -> PageCost:
        from pdfminer.pdftypes import resolve1

        self._memo: dict[tuple[int, int], tuple[int, int, int, int, int]] = {}
        self._active: set[int] = set()
        self._over = (0, 0)
        self._forms = False
        self._pixels = 0
        self._resource_bytes = 0
        self._masked = 0
        self._glyphs = 0
        self._page_resources: set[int] = set()  # resources dictionaries counted on this page
        resources = resolve1(page.resources)
        resources = resources if isinstance(resources, dict) else {}
        annots = resolve1(page.annots)
        self._annotations = len(annots) if isinstance(annots, list) else 0
        if self._annotations > MAX_PAGE_ANNOTATIONS:  # refused for that alone: none of them is read
            return PageCost(0, 0, False, annotations=self._annotations)
        try:
            parts, size = [], 0
            for stream in map(resolve1, page.contents):  # one content, in parts
                parts.append(self._decoded(stream, self.max_bytes + 1 - size))
                size += len(parts[-1]) + 1
                self._check(0, size)
            drawn, size = self._expand(b"\n".join(parts), resources)
            for stream in self._appearances(page):  # drawn when the page is rendered
                d, s = self._form(stream, resources)
                drawn, size = drawn + d, size + s
                self._check(drawn, size)
        except _Cycle:
            return PageCost(0, 0, True, True, annotations=self._annotations)
        except _Over:
            return PageCost(*self._over, False, self._forms, self._pixels, self._resource_bytes, self._masked,
                            self._glyphs, self._annotations)
        return PageCost(drawn, size, False, self._forms, self._pixels, self._resource_bytes, self._masked,
                        self._glyphs, self._annotations)

    @staticmethod
    def _appearances(page) -> list:
        """The normal appearance streams of the page's annotations."""
        from pdfminer.pdftypes import resolve1

        found = []
        annots = resolve1(page.annots)
        for annot in annots if isinstance(annots, list) else []:
            annot = resolve1(annot)
            appearance = resolve1(annot.get("AP")) if isinstance(annot, dict) else None
            normal = resolve1(appearance.get("N")) if isinstance(appearance, dict) else None
            states = [normal] if hasattr(normal, "rawdata") else list(normal.values()) if isinstance(normal, dict) else []
            found += [s for s in map(resolve1, states) if hasattr(s, "rawdata")]
        return found

    def _check(self, drawn: int, size: int) -> None:
        if (drawn > self.max_objects or size > self.max_bytes or self._pixels > self.max_pixels
                or self._resource_bytes > self.max_resource_bytes or self._masked > self.max_objects
                or self._glyphs > MAX_GLYPH_OBJECTS):
            self._over = (drawn, size)
            raise _Over

    def _image(self, image) -> None:
        """Count an image drawn: its pixels, and its soft mask's or stencil mask's."""
        self._pixels += _image_pixels(image)

    def _resources(self, resources) -> None:
        """Count the decoded bytes of the streams ``resources`` holds other than its
        XObjects (drawn ones are counted as drawn), and the pixels of the images among
        them (a soft mask's), once on a page; a resources dictionary that pages share is
        walked once (400 pages sharing 20,000 fonts: 14 s walked on each page)."""
        if not isinstance(resources, dict) or id(resources) in self._page_resources:
            return
        self._page_resources.add(id(resources))
        if id(resources) not in self._resource_costs:  # the dictionary kept with it: its id is not reused
            self._resource_costs[id(resources)] = (resources, *self._walk(resources))
        _, size, pixels = self._resource_costs[id(resources)]
        self._resource_bytes += size
        self._pixels += pixels
        self._check(0, 0)

    def _walk(self, resources: dict) -> tuple[int, int]:
        """The decoded bytes and image pixels of ``resources``'s streams (its XObjects
        left out): fonts' files and maps, shadings, functions, colour profiles, patterns,
        soft masks, each stream once, walked through dictionaries and arrays (never up to
        a /Parent), stopping once past the limit."""
        from pdfminer.pdftypes import PDFObjRef

        stack = [v for k, v in resources.items() if _name(k) != "XObject"]
        seen: set[int] = set()
        size_total = pixels = walked = 0
        while stack and walked < 20_000 and size_total <= self.max_resource_bytes:
            item = stack.pop()
            walked += 1
            if isinstance(item, PDFObjRef):
                if item.objid in seen:
                    continue
                seen.add(item.objid)
                ident = item.objid
                try:
                    item = item.resolve()
                except Exception:  # a dangling reference: pdfium ignores it too
                    continue
            else:
                ident = None
            if hasattr(item, "rawdata"):  # a stream
                if _name(item.get("Subtype")) == "Image":
                    pixels += _image_pixels(item)
                else:
                    size = self._stream_sizes.get(ident) if ident is not None else None
                    if size is None:
                        size = len(self._decoded(item, self.max_resource_bytes + 1 - size_total))
                        if ident is not None and size <= self.max_resource_bytes - size_total:
                            self._stream_sizes[ident] = size  # a size cut at the limit is not kept
                    size_total += size
                item = item.attrs
            if isinstance(item, dict):
                stack += [v for k, v in item.items() if _name(k) not in ("Parent", "P")]
            elif isinstance(item, list):
                stack += item
        return size_total, pixels

    def _decoded(self, stream, limit: int) -> bytes:
        raw = getattr(stream, "rawdata", None)
        if raw is None:
            return getattr(stream, "data", None) or b""
        if stream.decipher:  # encrypted with the empty password, as pdfium opens it
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        return _limited(raw, stream.get_filters(), limit)

    def _expand(self, data: bytes, resources) -> tuple[int, int]:
        """Page objects and content bytes of ``data`` with the forms it draws expanded."""
        from pdfminer.pdftypes import resolve1

        drawn, names = content_cost(data)
        size = len(data)
        self._pixels += inline_pixels(data)
        self._check(drawn, size)
        self._resources(resources)
        self._masked += self._mask_cost(data, resources)
        glyph = self._glyph_cost(data, resources)
        if glyph:
            self._glyphs += shown_characters(data) * glyph
        self._check(drawn, size)
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if not isinstance(xobjects, dict):
            return drawn, size
        for name in names:
            target = resolve1(xobjects.get(name))
            if target is not None and hasattr(target, "rawdata") and _name(target.get("Subtype")) == "Image":
                self._image(target)
                self._check(drawn, size)
                continue
            if target is None or not hasattr(target, "rawdata") or _name(target.get("Subtype")) != "Form":
                continue
            d, s = self._form(target, resources)
            drawn, size = drawn + d, size + s
            self._check(drawn, size)
        return drawn, size

    def _mask_cost(self, data: bytes, resources) -> int:
        """The objects soft masks draw again for ``data``: pdfium draws the mask (an
        ExtGState's /SMask form) once for each object drawn while it is set, so each
        object drawn counts the objects of the mask in force (set by ``/GS gs``, until the
        ``Q`` that restores the state saved before it)."""
        from pdfminer.pdftypes import resolve1

        states = resolve1(resources.get("ExtGState")) if isinstance(resources, dict) else None
        if not isinstance(states, dict) or not _STATE_NAME.search(data):
            return 0
        costs: dict[str, int] = {}
        for name in _names(_STATE_NAME, data):
            state = resolve1(states.get(name))
            mask = state.get("SMask") if isinstance(state, dict) else None
            mask = resolve1(mask)
            group = resolve1(mask.get("G")) if isinstance(mask, dict) else None
            # a state without /SMask keeps the mask in force; /SMask /None ends it
            costs[name] = self._form(group, resources)[0] if hasattr(group, "rawdata") else (
                0 if mask is not None else -1)
        total, current, saved = 0, 0, []
        for m in _MASK_SCAN.finditer(data):
            token = m.group()
            if token == b"q":
                saved.append(current)
            elif token == b"Q":
                current = saved.pop() if saved else 0
            elif m.group(1) is not None:
                cost = costs.get(_pdf_name(m.group(1)), -1)
                current = current if cost < 0 else cost
            else:
                total += current
        return total

    def _glyph_cost(self, data: bytes, resources) -> int:
        """The most objects a glyph procedure of a Type 3 font that ``data`` chooses draws."""
        from pdfminer.pdftypes import resolve1

        fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
        if not isinstance(fonts, dict):
            return 0
        most = 0
        for name in _names(_FONT_NAME, data):
            font = resolve1(fonts.get(name))
            if not isinstance(font, dict) or _name(font.get("Subtype")) != "Type3":
                continue
            procs = resolve1(font.get("CharProcs"))
            for proc in (procs.values() if isinstance(procs, dict) else []):
                proc = resolve1(proc)
                if hasattr(proc, "rawdata"):
                    ident = proc.objid if proc.objid is not None else id(proc)
                    if ident not in self._glyph_memo:
                        self._glyph_memo[ident] = content_cost(self._decoded(proc, self.max_bytes + 1))[0]
                    most = max(most, self._glyph_memo[ident])
        return most

    def _form(self, stream, inherited) -> tuple[int, int]:
        """A form's page objects and content, expanded; once per form and resources."""
        from pdfminer.pdftypes import resolve1

        self._forms = True
        ident = stream.objid if stream.objid is not None else id(stream)
        key = (ident, id(inherited))
        if key in self._memo:
            drawn, size, pixels, masked, glyphs = self._memo[key]
            # its images are decoded again each time it is drawn, its masks and glyphs drawn again
            self._pixels, self._masked, self._glyphs = self._pixels + pixels, self._masked + masked, self._glyphs + glyphs
            return drawn, size
        if ident in self._active:
            raise _Cycle
        self._active.add(ident)
        own = resolve1(stream.get("Resources"))
        resources = own if isinstance(own, dict) else inherited  # a form without resources uses its page's
        before = (self._pixels, self._masked, self._glyphs)
        cost = self._expand(self._decoded(stream, self.max_bytes + 1), resources)
        self._active.discard(ident)
        self._memo[key] = (*cost, self._pixels - before[0], self._masked - before[1], self._glyphs - before[2])
        return cost


def page_costs(path: Path, pages: int, max_objects: int) -> Iterator[PageCost | None]:
    """The cost of each of the ``pages`` pages of ``path`` in order (see :class:`PdfCosts`)."""
    costs = PdfCosts(path, pages, max_objects)
    try:
        for index in range(pages):
            yield costs.page(index)
    finally:
        costs.close()
