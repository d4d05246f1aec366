"""Hostile inputs built by code at test time (nothing large is committed): zip bombs,
zips with GBK names or links, image bombs, YAML bombs."""
from __future__ import annotations

import stat
import struct
import zlib
from pathlib import Path

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


def write_zip(path: Path, members: list[dict]) -> Path:
    """A zip written byte by byte, so that tests can say what ``zipfile`` would not:
    raw (GBK) names without the UTF-8 flag, links, compressed data reused for many
    members. Each member: ``name`` (bytes), ``data`` (bytes, stored deflated) or
    ``deflated``/``crc``/``size``, optional ``flags`` and ``mode``."""
    path = Path(path)
    central = []  # joined once: adding to one bytes object was quadratic (65,000 members)
    offset = 0
    packed_of: dict[bytes, tuple[bytes, int, int]] = {}  # the same data deflates to the same bytes
    with open(path, "wb") as fh:
        for m in members:
            if "deflated" in m:
                packed, crc, size = m["deflated"], m["crc"], m["size"]
            else:
                data = m["data"]
                if data not in packed_of:
                    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
                    packed_of[data] = comp.compress(data) + comp.flush(), zlib.crc32(data), len(data)
                packed, crc, size = packed_of[data]
            name, flags = m["name"], m.get("flags", 0)
            mode = m.get("mode", stat.S_IFREG | 0o644)
            header = _LOCAL.pack(b"PK\x03\x04", 20, 0, flags, 8, 0, 0x21, crc, len(packed), size, len(name), 0)
            fh.write(header + name + packed)
            central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, flags, 8, 0, 0x21, crc, len(packed), size,
                                         len(name), 0, 0, 0, 0, mode << 16, offset) + name)
            offset += len(header) + len(name) + len(packed)
        central = b"".join(central)
        fh.write(central)
        fh.write(_END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central), offset, 0))
    return path


def deflated_zeros(size: int) -> dict:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    packed = b"".join(comp.compress(chunk) for _ in range(size >> 20)) + comp.flush()
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(chunk, crc)
    return {"deflated": packed, "crc": crc, "size": size}


YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\n".encode()


def zip_of_zeros(path: Path, members: int, member_bytes: int) -> Path:
    """``members`` files of ``member_bytes`` zeros each, compressed once and reused."""
    zeros = deflated_zeros(member_bytes)
    entries = [{"name": b"applicant.yaml", "data": YAML}]
    entries += [dict(zeros, name=f"scan/{i:04d}.bin".encode()) for i in range(members)]
    return write_zip(path, entries)


def gbk_zip(path: Path, names: list[str]) -> Path:
    """Members named in GBK without the UTF-8 flag (Windows' built-in zip on Chinese
    systems)."""
    return write_zip(path, [{"name": n.encode("gbk"), "data": YAML if n.endswith(".yaml") else b"\xff\xd8\xff"}
                            for n in names])


def zip_with_link(path: Path, link_name: str, target: str) -> Path:
    return write_zip(path, [{"name": b"applicant.yaml", "data": YAML},
                            {"name": link_name.encode(), "data": target.encode(), "mode": stat.S_IFLNK | 0o777}])


# ---------------------------------------------------------------- images


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(path: Path, width: int, height: int, bit_depth: int = 1, colour: int = 0, truncate: bool = False) -> Path:
    """A PNG of ``width`` x ``height`` white-ish zeros, its pixel data streamed into
    zlib (a 15000 x 15000 page is a few hundred KB on disk). ``truncate`` cuts the
    pixel data after its first tenth."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    row = bytes(1 + (width * channels * bit_depth + 7) // 8)
    comp = zlib.compressobj(1)
    rows = height // 10 if truncate else height
    parts = []
    block = row * 256
    for start in range(0, rows, 256):
        n = min(256, rows - start)
        parts.append(comp.compress(block if n == 256 else row * n))
    parts.append(comp.flush() if not truncate else comp.flush(zlib.Z_SYNC_FLUSH))
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", b"".join(parts))
    if not truncate:
        data += _png_chunk(b"IEND", b"")
    Path(path).write_bytes(data)
    return Path(path)


# ---------------------------------------------------------------- YAML


def yaml_alias_bomb(levels: int = 9, fan: int = 9) -> str:
    """The "billion laughs": ``fan ** levels`` copies of a string from a few hundred bytes."""
    lines = ["name: 张伟", "unit: 抚顺市生态环境监测站", 'l0: &l0 "哈哈哈哈哈哈哈哈"']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * fan) + "]")
    lines.append(f"unit_aliases: *l{levels}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- PDF


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from its objects (numbered from 1; 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_with_image(path: Path, width: int, height: int) -> Path:
    """One A4 page showing a ``width`` x ``height`` 1-bit image (Flate, zeros): a few
    KB that a renderer would decode to ``width * height`` pixels."""
    comp = zlib.compressobj(1)
    row = bytes((width + 7) // 8)
    block = row * 1024
    data = b"".join(comp.compress(block if h + 1024 <= height else row * (height - h)) for h in range(0, height, 1024))
    data += comp.flush()
    image = (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
             f"/BitsPerComponent 1 /Filter /FlateDecode /Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream"
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        image,
    ]
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def pdf_pages(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` empty A4 pages (one shared content stream)."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def pdf_with_text(path: Path, text: str) -> Path:
    """A digital PDF page whose text layer says ``text`` (ASCII)."""
    content = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def _tile(i: int) -> str:
    """The ``/Rect`` of the ``i``-th 10-point square of a page tiled 50 across, 76 down.

    >>> _tile(51)
    '/Rect [11 11 21 21]'
    """
    x, y = (i % 50) * 11, (i // 50) % 76 * 11
    return f"/Rect [{x} {y} {x + 10} {y + 10}]"


def pdf_form_fields(path: Path, fields: int, pages: int = 1) -> Path:
    """A PDF whose interactive form holds ``fields`` text fields side by side (flat
    names, each its own widget, values without an appearance: ``/NeedAppearances``),
    spread over ``pages`` empty pages: some 190 bytes a field."""
    per = -(-fields // pages)
    first = 4 + pages
    refs = " ".join(f"{first + i} 0 R" for i in range(fields))
    objects = [f"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{refs}] /NeedAppearances true "
               f"/DA (/Helv 0 Tf 0 g) >> >>".encode(),
               f"<< /Type /Pages /Kids [{' '.join(f'{4 + p} 0 R' for p in range(pages))}] /Count {pages} >>".encode(),
               b"<< /Length 0 >>\nstream\n\nendstream"]
    for p in range(pages):
        annots = " ".join(f"{first + i} 0 R" for i in range(p * per, min(fields, (p + 1) * per)))
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                       f"/Annots [{annots}] >>".encode())
    for i in range(fields):
        objects.append(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f{i}) /V (Zhang Wei {i}) "
                       f"{_tile(i)} /P {4 + min(i // per, pages - 1)} 0 R >>".encode())
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def pdf_annotations(path: Path, annotations: int, pages: int = 1) -> Path:
    """A PDF of ``pages`` empty pages sharing one ``/Annots`` array of ``annotations``
    red squares (one appearance stream drawn by all): some 50 bytes an annotation."""
    first = 6 + pages
    refs = " ".join(f"{first + i} 0 R" for i in range(annotations))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{6 + p} 0 R' for p in range(pages))}] /Count {pages} >>".encode(),
               b"<< /Length 0 >>\nstream\n\nendstream",
               f"[{refs}]".encode(),
               b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 15 >>\nstream\n0 0 10 10 re f\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Annots 4 0 R >>"] * pages
    for i in range(annotations):
        objects.append(f"<< /Type /Annot /Subtype /Square {_tile(i)} /C [1 0 0] /AP << /N 5 0 R >> >>".encode())
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def pdf_page_tree(path: Path, kind: str) -> Path:
    """A one-page PDF whose page tree lies: ``count`` (/Count 2^31 - 1 over one page),
    ``cycle`` (the root among its own kids, and a node listing it back), ``dag`` (30
    levels of two kids naming the same node: 2^30 leaves), or ``prev-loop`` (the
    cross-reference's /Prev naming itself)."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    if kind == "count":
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>", page]
    elif kind == "cycle":
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R 4 0 R] /Count 3 >>", page,
                   b"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R] /Count 2 >>"]
    elif kind == "dag":
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
        objects += [f"<< /Type /Pages /Kids [{3 + i} 0 R {3 + i} 0 R] /Count {2 ** (30 - i)} >>".encode()
                    for i in range(30)]
        objects.append(b"<< /Type /Page /MediaBox [0 0 595 842] >>")
    elif kind == "prev-loop":
        data = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page])
        xref = int(data[data.rindex(b"startxref") + 10:].split()[0])
        Path(path).write_bytes(data.replace(b"/Root 1 0 R >>", f"/Root 1 0 R /Prev {xref} >>".encode()))
        return Path(path)
    else:
        raise ValueError(kind)
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def pdf_image_claiming(path: Path, flt: str, width: int, height: int) -> Path:
    """One page drawing an image whose dictionary claims ``width`` x ``height`` pixels,
    with a few bytes of ``flt`` data (JBIG2Decode, CCITTFaxDecode): decoders allocate the
    claimed size."""
    data = bytes(100)
    image = (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
             f"/BitsPerComponent 1 /Filter /{flt} /Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream"
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    Path(path).write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << "
                                 b"/Im0 5 0 R >> >> /Contents 4 0 R >>",
                                 f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream", image]))
    return Path(path)


def jpeg_with(path: Path, orientation: int | None = None, icc: bytes | None = None, dpi=None) -> Path:
    """A blank 800 x 1100 JPEG with an EXIF orientation (any value, 0 and 65535 too),
    an ICC profile of any size or bytes, or a JFIF density."""
    from PIL import Image

    kwargs = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif.tobytes()
    if icc is not None:
        kwargs["icc_profile"] = icc
    if dpi is not None:
        kwargs["dpi"] = dpi
    Image.new("RGB", (800, 1100), "white").save(path, "JPEG", **kwargs)
    return Path(path)


def tiff_pages(path: Path, pages: int) -> Path:
    """A TIFF of ``pages`` 8 x 8 one-bit pages (some 150 bytes a page): the bytes Pillow
    writes for ``frames[0].save(path, save_all=True, append_images=frames[1:])`` of
    ``Image.new("1", (8, 8), 1)`` frames (:func:`tiff_pages_by_pillow`, which
    ``test_hostile_build`` compares it with), written directly: Pillow walks every IFD
    before each one it appends, some 10 s of CPU for 3000 pages."""
    def block(at: int, last: bool) -> bytes:  # header, IFD, 8 bytes of white pixels
        entries = [(256, 4, 8), (257, 4, 8), (259, 3, 1), (262, 3, 1), (273, 4, at + 110), (278, 4, 8),
                   (279, 4, 8), (284, 3, 1)]
        ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHLL", tag, kind, 1, value)
                                                         for tag, kind, value in entries)
        return b"II*\x00" + struct.pack("<L", 8) + ifd + struct.pack("<L", 0 if last else at + 128 + 8) + b"\xff" * 8

    if pages == 1:
        Path(path).write_bytes(block(0, True))
    else:
        Path(path).write_bytes(b"".join(block(128 * i, i == pages - 1) + bytes(10) for i in range(pages)))
    return Path(path)


def tiff_pages_by_pillow(path: Path, pages: int) -> Path:
    """:func:`tiff_pages` as Pillow writes it (quadratic in ``pages``: keep them few)."""
    from PIL import Image

    frames = [Image.new("1", (8, 8), 1) for _ in range(pages)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return Path(path)


def pdf_layers(path: Path, layers: int, marked: int | None = None) -> Path:
    """One page of ``marked`` squares (default: one a layer), each marked as content of
    one of ``layers`` optional content groups, every layer listed off by default: some
    150 bytes a layer."""
    marked = layers if marked is None else marked
    first = 6
    refs = " ".join(f"{first + i} 0 R" for i in range(layers))
    properties = " ".join(f"/P{i} {first + i} 0 R" for i in range(layers))
    content = "".join(f"/OC /P{i % layers} BDC 0 0 1 1 re f EMC\n" for i in range(marked)).encode()
    objects = [f"<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [{refs}] /D << /Order [{refs}] "
               f"/OFF [{refs}] >> >> >>".encode(),
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Properties << "
               f"{properties} >> >> >>".encode(),
               f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
               b"<< >>"]
    objects += [f"<< /Type /OCG /Name (L{i}) >>".encode() for i in range(layers)]
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


# ---------------------------------------------------------------- hostile exploration 11


def pdf_nested_forms(path: Path, depth: int) -> Path:
    """One page drawing form 1, which draws form 2, … down to form ``depth``, which fills
    one square: ``depth`` form objects nested in a chain (some 120 bytes a level); a
    reader that follows the chain by recursion meets Python's or C's stack first."""
    first = 5
    content = b"q /F0 Do Q"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /F0 {first} 0 R >> >> "
               f"/Contents 4 0 R >>".encode(),
               f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"]
    for i in range(depth):
        body = b"0 0 10 10 re f" if i == depth - 1 else b"/F0 Do"
        res = b"" if i == depth - 1 else f"/Resources << /XObject << /F0 {first + i + 1} 0 R >> >> ".encode()
        objects.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] " + res
                       + f"/Length {len(body)} >>\nstream\n".encode() + body + b"\nendstream")
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def pdf_shared_image(path: Path, pages: int, width: int, height: int) -> Path:
    """``pages`` pages each drawing one and the same ``width`` x ``height`` 8-bit gray
    image (Flate, zeros: some 100 KB for 100 Mpx): the file is small, every page decodes
    the whole image again."""
    comp = zlib.compressobj(9)
    block = bytes(width * 256)
    data = b"".join(comp.compress(block if h + 256 <= height else bytes(width * (height - h)))
                    for h in range(0, height, 256)) + comp.flush()
    image = (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
             f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream"
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream", image,
               b"<< /XObject << /Im0 4 0 R >> >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 3 0 R >>"] * pages
    Path(path).write_bytes(_pdf(objects))
    return Path(path)


def _small_png_parts(width: int = 800, height: int = 1100) -> tuple[bytes, bytes]:
    """The IHDR chunk and the zlib stream of a white 8-bit gray image."""
    raw = (b"\x00" + b"\xff" * width) * height
    return _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)), zlib.compress(raw, 9)


def png_many_idat(path: Path, chunks: int) -> Path:
    """A white page whose image data is split over ``chunks`` IDAT chunks, most of
    them empty (allowed: the data is their concatenation): 12 bytes a chunk."""
    ihdr, data = _small_png_parts()
    empty = _png_chunk(b"IDAT", b"")
    with open(path, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + ihdr + _png_chunk(b"IDAT", data[:10]))
        for start in range(0, chunks - 2, 10_000):
            fh.write(empty * min(10_000, chunks - 2 - start))
        fh.write(_png_chunk(b"IDAT", data[10:]) + _png_chunk(b"IEND", b""))
    return Path(path)


def png_big_text(path: Path, kind: bytes, size: int) -> Path:
    """A white page carrying one uncompressed text chunk (``kind`` tEXt or iTXt) of
    ``size`` bytes before its image data."""
    ihdr, data = _small_png_parts()
    head = b"Comment\x00" + (b"\x00\x00en\x00\x00" if kind == b"iTXt" else b"")
    text_len = size - len(head)
    crc = zlib.crc32(kind + head)
    filler = b"a" * (1 << 20)
    with open(path, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + ihdr + struct.pack(">I", size) + kind + head)
        for start in range(0, text_len, len(filler)):
            part = filler[:min(len(filler), text_len - start)]
            crc = zlib.crc32(part, crc)
            fh.write(part)
        fh.write(struct.pack(">I", crc & 0xFFFFFFFF) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b""))
    return Path(path)


def tiff_strips_past_end(path: Path, offset: int = 1 << 30) -> Path:
    """A 2000 x 3000 gray TIFF whose one strip's offset points ``offset`` bytes in, far
    past the file's end (some 200 bytes on disk, a 6 MB page claimed)."""
    width, height = 2000, 3000
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, offset), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, width * height)]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        ifd += struct.pack("<HHI", tag, typ, count) + (struct.pack("<HH", value, 0) if typ == 3 else
                                                       struct.pack("<I", value))
    Path(path).write_bytes(b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0))
    return Path(path)


def jpeg_many_app(path: Path, segments: int) -> Path:
    """A blank JPEG carrying ``segments`` empty APP5 segments after its SOI (4 bytes each)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(out, "JPEG")
    data = out.getvalue()
    with open(path, "wb") as fh:
        fh.write(data[:2])
        for start in range(0, segments, 10_000):
            fh.write(b"\xff\xe5\x00\x02" * min(10_000, segments - start))
        fh.write(data[2:])
    return Path(path)


def emf_header(width: int = 21000, height: int = 29700) -> bytes:
    """The first record of an enhanced metafile (EMR_HEADER, signature " EMF" at 40),
    a frame of ``width`` x ``height`` hundredths of a millimetre, followed by EMR_EOF."""
    header = struct.pack("<II4i4iIIIIHHIIIii", 1, 88, 0, 0, 1000, 1000, 0, 0, width, height, 0x464D4520, 0x10000,
                         88 + 20, 2, 0, 0, 0, 0, 0, 1000, 1000)
    header += struct.pack("<ii", 210, 297)
    return header + struct.pack("<IIIII", 14, 20, 0, 0, 20)


def wmf_placeable() -> bytes:
    """A placeable Windows metafile's head (key 0x9AC6CDD7) and an empty record list."""
    head = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, 2100, 2970, 254, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", head[:20]):
        checksum ^= word
    return head[:20] + struct.pack("<H", checksum) + struct.pack("<HHHIHIH", 1, 9, 0x300, 12, 0, 3, 0) \
        + struct.pack("<IH", 3, 0)


def pdf_deep_object(path: Path, depth: int, where: str = "annots") -> Path:
    """One page whose ``/Annots`` (``where`` "annots") or ``/Resources`` ("resources")
    holds an array or dictionary nested ``depth`` levels deep (2 bytes a level): a reader
    that resolves objects by recursion meets Python's or C's stack."""
    content = b"0 0 10 10 re f"
    if where == "annots":
        deep = b"[" * depth + b"]" * depth
        page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots " + deep + b" >>"
    else:
        deep = b"<< /A " * depth + b"1" + b" >>" * depth
        page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + deep + b" >>"
    Path(path).write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                 page, f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"]))
    return Path(path)


def bmp_height(path: Path, width: int, height: int) -> Path:
    """A 24-bit BMP header declaring ``width`` x ``height`` (a negative height is a top-down
    image) followed by one row of pixels."""
    row = bytes(((width * 3 + 3) // 4) * 4) if 0 < width < 10_000 else bytes(12)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    head = b"BM" + struct.pack("<IHHI", 14 + len(info) + len(row), 0, 0, 14 + len(info))
    Path(path).write_bytes(head + info + row)
    return Path(path)


def pdf_large_object(path: Path, size: int, how: str = "flat") -> Path:
    """One page whose dictionary holds an object of ``size`` bytes that is not a stream:
    ``flat``, an array of zeros (2 bytes an entry) under /Resources; ``hidden``, the same
    array with a string ``(9 0 obj)`` every 256 KB, so the file's bytes seem to hold many
    small objects; ``packed``, the page itself in an object stream (deflated: the file is
    some KB) beside a cross-reference stream. pdfminer reads such an object token by token."""
    count = size // 2
    if how == "hidden":
        step = (256 << 10) // 2
        junk = b"[" + b"".join(b"0 " * step + b"(9 0 obj) " for _ in range(max(1, count // step))) + b"]"
    else:
        junk = b"[" + b"0 " * count + b"]"
    content = b"0 0 10 10 re f"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Junk " + junk + b" >> >>"
    stream = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
    if how != "packed":
        Path(path).write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                     page, stream]))
        return Path(path)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num, body in ((1, b"<< /Type /Catalog /Pages 2 0 R >>"), (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                      (4, stream)):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    head = b"3 0 "
    packed = zlib.compress(head + page, 9)
    offsets[5] = len(out)
    out += (f"5 0 obj\n<< /Type /ObjStm /N 1 /First {len(head)} /Filter /FlateDecode /Length {len(packed)} >>\n"
            "stream\n").encode() + packed + b"\nendstream\nendobj\n"
    rows = [b"\x00\x00\x00\x00\xff\xff"]
    for num in range(1, 7):
        if num == 3:
            rows.append(b"\x02" + struct.pack(">I", 5) + b"\x00")
        else:
            rows.append(b"\x01" + struct.pack(">I", offsets.get(num, len(out))) + b"\x00")
    table = b"".join(rows)
    xref = len(out)
    out += (f"6 0 obj\n<< /Type /XRef /Size 7 /Root 1 0 R /W [1 4 1] /Length {len(table)} >>\nstream\n").encode()
    out += table + f"\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))
    return Path(path)
