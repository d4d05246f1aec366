"""Low-level PDF surgery for probe round 17: an incremental update appended to a PDF written by fpdf2 (uncompressed),
so a page can gain what office and e-government software adds to a born-digital file and fpdf2 does not write:
AcroForm fields whose values live only in their widgets' appearance streams, a /Stamp annotation carrying an
electronic seal, /Rotate, a CropBox offset from the MediaBox; and ToUnicode maps taken away or made to lie."""
from __future__ import annotations

import re
import zlib


def _objects(data: bytes) -> dict[int, bytes]:
    """Object number -> its body (between ``obj`` and ``endobj``) of an uncompressed PDF (last definition wins)."""
    out = {}
    for m in re.finditer(rb"(?m)^(\d+) 0 obj\s*(.*?)\s*endobj", data, re.S):
        out[int(m.group(1))] = m.group(2)
    return out


def find(data: bytes, kind: bytes) -> list[tuple[int, bytes]]:
    """Objects whose dictionary says ``/Type /<kind>`` (exactly), in number order."""
    pat = re.compile(rb"/Type\s*/" + kind + rb"(?![A-Za-z])")
    return [(n, b) for n, b in sorted(_objects(data).items()) if b.startswith(b"<<") and pat.search(b.split(b"stream")[0])]


def with_keys(body: bytes, extra: bytes, drop: tuple[bytes, ...] = ()) -> bytes:
    """A dictionary object's body with ``extra`` entries added before its closing ``>>`` (keys in ``drop`` removed
    first: only simple values, a name, number, array without nesting or a reference)."""
    for key in drop:
        body = re.sub(rb"/" + key + rb"\s*(\[[^\]]*\]|\d+ \d+ R|/[A-Za-z]+|-?[\d.]+)", b"", body)
    body = body.rstrip()
    assert body.endswith(b">>"), body[-40:]
    return body[:-2] + b"\n" + extra + b"\n>>"


def stream(dict_entries: bytes, payload: bytes, compress=True) -> bytes:
    if compress:
        payload = zlib.compress(payload)
        dict_entries += b" /Filter /FlateDecode"
    return b"<< " + dict_entries + b" /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"


def size_of(data: bytes) -> int:
    sizes = [int(x) for x in re.findall(rb"/Size\s+(\d+)", data)]
    return max(sizes) if sizes else max(_objects(data)) + 1


def update(data: bytes, objs: dict[int, bytes], extra_trailer: bytes = b"") -> bytes:
    """``data`` with an incremental update appended: ``objs`` (number -> body) new or replacing old ones."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root\s+(\d+ \d+ R)", data)[-1]
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for n in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (n, offsets[n])
    size = max(size_of(data), max(objs) + 1)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, prev, extra_trailer, xref)
    return bytes(out)


def ucs2(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"


def pdf_string(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


STSONG_FONT = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [ "
               b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] /FontDescriptor %d 0 R >> ] >>")
STSONG_DESC = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
               b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")


def add_form_fields(data: bytes, fields: list[tuple[str, str, tuple[float, float, float, float], float]],
                    page_index: int = 0) -> bytes:
    """Text fields (name, value, rect in PDF points [x0 y0 x1 y1], font size) on a page, each value written only in
    its widget's appearance stream and /V (as WPS and Acrobat save a filled form), in Adobe's STSong-Light (not
    embedded, UniGB-UCS2-H): the page's own content does not hold it."""
    pages = find(data, b"Page")
    catalog = find(data, b"Catalog")[0]
    n = size_of(data)
    objs = {}
    font, desc = n, n + 1
    objs[desc] = STSONG_DESC
    objs[font] = STSONG_FONT % desc
    n += 2
    annots = []
    field_refs = []
    page_no, page_body = pages[page_index]
    for name, value, (x0, y0, x1, y1), size, *said in fields:
        said = said[0] if said else value  # what /V holds, where it is not what the widget draws
        w, h = x1 - x0, y1 - y0
        content = (b"/Tx BMC q BT /STSong %g Tf 0 0 0 rg 2 %g Td " % (size, (h - size) / 2 + 0.15 * size)
                   + ucs2(value) + b" Tj ET Q EMC")
        ap = n
        objs[ap] = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources << /Font << /STSong %d 0 R >> >>"
                          % (w, h, font), content)
        widget = n + 1
        objs[widget] = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /T " + pdf_string(name) + b" /V " + pdf_string(said)
                        + b" /Rect [%g %g %g %g] /P %d 0 R /DA (/STSong %g Tf 0 g) /AP << /N %d 0 R >> /MK << >> >>"
                        % (x0, y0, x1, y1, page_no, size, ap))
        n += 2
        annots.append(widget)
        field_refs.append(widget)
    objs[page_no] = with_keys(page_body, b"/Annots [" + b" ".join(b"%d 0 R" % a for a in annots) + b"]", drop=(b"Annots",))
    objs[catalog[0]] = with_keys(catalog[1], b"/AcroForm << /Fields [" + b" ".join(b"%d 0 R" % f for f in field_refs)
                                 + b"] /DA (/STSong 0 Tf 0 g) /DR << /Font << /STSong %d 0 R >> >> >>" % font,
                                 drop=(b"AcroForm",))
    return update(data, objs)


def add_stamp_annotation(data: bytes, rgba, rect: tuple[float, float, float, float], page_index: int = 0,
                         signature: bool = False) -> bytes:
    """An electronic seal as a /Stamp annotation (as e-seal software signs a page): its appearance draws ``rgba``
    (a PIL RGBA image) with an SMask into ``rect`` (PDF points)."""
    import numpy as np

    pages = find(data, b"Page")
    page_no, page_body = pages[page_index]
    a = np.asarray(rgba.convert("RGBA"))
    h, w = a.shape[:2]
    n = size_of(data)
    objs = {}
    smask, img, ap, annot = n, n + 1, n + 2, n + 3
    objs[smask] = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                         % (w, h), a[:, :, 3].tobytes())
    objs[img] = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 "
                       b"/SMask %d 0 R" % (w, h, smask), a[:, :, :3].tobytes())
    x0, y0, x1, y1 = rect
    objs[ap] = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources << /XObject << /Im0 %d 0 R >> >>"
                      % (x1 - x0, y1 - y0, img), b"q %g 0 0 %g 0 0 cm /Im0 Do Q" % (x1 - x0, y1 - y0))
    if signature:  # as e-seal (电子签章) systems place a seal: the appearance of a signature field's widget
        objs[annot] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (Signature%d) /Rect [%g %g %g %g] /P %d 0 R "
                       b"/AP << /N %d 0 R >> >>" % (annot, x0, y0, x1, y1, page_no, ap))
        catalog = find(data, b"Catalog")[0]
        old_fields = re.search(rb"/Fields\s*\[([^\]]*)\]", catalog[1])
        fields = (old_fields.group(1).strip() + b" " if old_fields else b"") + b"%d 0 R" % annot
        body = re.sub(rb"/AcroForm\s*<<.*?>>\s*>>\s*>>", b"", catalog[1], flags=re.S) if b"/AcroForm" in catalog[1] else catalog[1]
        objs[catalog[0]] = with_keys(body, b"/AcroForm << /Fields [" + fields + b"] /SigFlags 3 >>")
    else:
        objs[annot] = (b"<< /Type /Annot /Subtype /Stamp /Name /Approved /F 4 /Rect [%g %g %g %g] /P %d 0 R "
                       b"/Contents " % (x0, y0, x1, y1, page_no) + pdf_string("电子印章") + b" /AP << /N %d 0 R >> >>" % ap)
    old = re.search(rb"/Annots\s*\[([^\]]*)\]", page_body)
    refs = (old.group(1).strip() + b" " if old else b"") + b"%d 0 R" % annot
    objs[page_no] = with_keys(page_body, b"/Annots [" + refs + b"]", drop=(b"Annots",))
    return update(data, objs)


def set_page_keys(data: bytes, extra: bytes, drop: tuple[bytes, ...] = (), page_index: int = 0) -> bytes:
    page_no, page_body = find(data, b"Page")[page_index]
    return update(data, {page_no: with_keys(page_body, extra, drop)})


def tounicode_maps(data: bytes) -> list[tuple[int, bytes]]:
    return [(n, b) for n, b in sorted(_objects(data).items()) if b"begincmap" in b]


def remap(data: bytes, fn) -> bytes:
    """Each ToUnicode CMap's ``<cid> <unicode>`` pairs rewritten by ``fn(str) -> str`` (same length kept: the file's
    offsets stay true)."""
    def one(m):
        old = chr(int(m.group(2), 16))
        new = fn(old)
        return m.group(1) + b"<" + ("%04X" % ord(new)).encode() + b">"
    out = data
    for _n, body in tounicode_maps(data):
        new = re.sub(rb"(<[0-9A-F]{4}> )<([0-9A-F]{4})>", one, body)
        assert len(new) == len(body)
        out = out.replace(body, new)
    return out


def drop_tounicode(data: bytes) -> bytes:
    """Every font's ToUnicode entry made unknown (same length): what an exporter writing no map leaves."""
    return data.replace(b"/ToUnicode", b"/NoUnicodX")
