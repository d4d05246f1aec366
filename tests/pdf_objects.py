"""PDF files written object by object, for tests that need a PDF no library would make."""
from __future__ import annotations


def pdf_bytes(objects: list[bytes], version: bytes = b"1.7") -> bytes:
    """A PDF of ``objects`` (object 1 the catalogue), numbered from 1, with its xref table."""
    out, offsets = bytearray(b"%PDF-" + version + b"\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
