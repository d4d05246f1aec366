"""Probe round 12: born-digital PDFs whose text layer says what the glyphs do not, as real exporters write them:
no ToUnicode map at all (copy-paste gives nothing or garbage), or a ToUnicode map sending common characters to the
Kangxi radicals that look the same (生 -> ⽣ U+2F63, 工 -> ⼯: many Chinese office exporters do this). Made from a clean
digital dossier of make.py, by same-length byte edits of its uncompressed PDF (the cross-reference table stays true).

    PROBE_OUT=/tmp/trust12 python scripts/probe_trust12/textlayer.py     # ROOT/set4 + ROOT/answer_key_set4.json
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import make  # noqa: E402
from page import Doc  # noqa: E402

ROOT = make.ROOT
RADICALS = {"生": "\u2F63", "工": "\u2F2F", "人": "\u2F08", "日": "\u2F47", "月": "\u2F49", "长": "\u2FA7", "大": "\u2F24",
            "子": "\u2F26", "文": "\u2F42", "用": "\u2F64", "小": "\u2F29", "山": "\u2F2D", "心": "\u2F3C", "力": "\u2F12"}


def uncompressed(doc: Doc) -> bytes:
    doc.pdf.set_compression(False)
    return doc.bytes()


def break_layer(data: bytes, how: str) -> bytes:
    if how == "none":
        return data.replace(b"/ToUnicode", b"/ToUnicodX")
    out = data
    for a, b in RADICALS.items():
        out = re.sub(rb"(<[0-9A-F]{4}> )<%s>" % f"{ord(a):04X}".encode(), rb"\1<%s>" % f"{ord(b):04X}".encode(), out)
    return out


def main():
    import pypdfium2 as pdfium
    out = ROOT + "/set4"
    shutil.rmtree(out, ignore_errors=True)
    key = {}
    base = {a["key"]: a for a in make.SET}
    for k, src, how in (("V01", "C04", "none"), ("V02", "C01", "radicals"), ("V03", "P06", "radicals")):
        a = dict(base[src], key=k)
        rng = np.random.default_rng(1400 + len(key))
        folder = os.path.join(out, k)
        os.makedirs(folder)
        make.write_meta(a, folder)
        whole = pdfium.PdfDocument.new()
        for lab, d in make.build_docs(a, rng):
            d.pdf.set_compression(False)
            whole.import_pages(pdfium.PdfDocument(break_layer(d.bytes(), how)))
        whole.save(os.path.join(folder, "申报材料.pdf"))
        key[k] = dict(planted=a["planted"], pack=f"pdf-{how}", name=a["name"])
        print(k, flush=True)
    json.dump(key, open(ROOT + "/answer_key_set4.json", "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
