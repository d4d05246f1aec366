"""A PDF text layer's characters that print as nothing (zero-width space and joiners, soft hyphen, bidi controls) are no
part of its lines: a born-digital dossier exported by an office suite or pasted from a web page carries them honestly,
and kept they spoiled a clean applicant's claims (ISSN 1000-\u200b0933: no ISSN found)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import ocr.sources as sources
from ocr.sources import iter_pages, prints_nothing
from ocr.synthetic import find_cjk_font
from ocr.textlayer import check_text_layer
from verify.model import PageRead
from verify.read.claims import title_on
from verify.read.extract import find_cns, find_issns
from verify.read.names import name_on_page

fpdf = pytest.importorskip("fpdf")
FONT = find_cjk_font()
pytestmark = pytest.mark.skipif(FONT is None or "wqy-zenhei" not in FONT,
                                reason="needs wqy-zenhei (its U+00AD glyph is blank, with an advance)")

BLANK = "\u00ad"  # wqy-zenhei draws it blank, 401/1000 em wide


def _pdf(path: Path, lines: list[str], target: str = BLANK, hidden: list[str] = ()) -> Path:
    """A born-digital page of ``lines`` (14 pt, 30 pt apart), ``target`` drawn as a blank glyph with an advance and
    mapped to itself in the font's ToUnicode map (fpdf2 leaves out a character its font has no glyph for, and
    PDFium reports no character for a glyph of no advance): as an exporter writes a character it cannot print.
    ``hidden`` lines are drawn invisibly below them (render mode 3: a scanner's OCR layer)."""
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.compress = False
    pdf.add_font("zh", fname=FONT, collection_font_number=0)
    pdf.add_page()
    pdf.set_font("zh", size=14)
    for i, line in enumerate(lines):
        pdf.text(72, 100 + 30 * i, line.replace(target, BLANK))
    pdf.text_mode = fpdf.enums.TextMode.INVISIBLE
    for i, line in enumerate(hidden):
        pdf.text(72, 400 + 30 * i, line.replace(target, BLANK))
    data = bytes(pdf.output())
    if target != BLANK:
        data, n = re.subn(rb"(<[0-9A-F]{4}> )<00AD>", lambda m: m.group(1) + b"<%04X>" % ord(target), data)
        assert n == 1  # the blank glyph's ToUnicode entry now says ``target``
    path.write_bytes(data)
    return path


def _layer(path: Path):
    page = next(iter_pages(path, dpi=200))
    assert page.text_layer is not None
    return page


class _Printed:
    """An engine that reads each line's pixels as the page prints them."""

    def __init__(self, text: str):
        self.text = text

    def recognize_line(self, image):
        return self.text, 0.99


CASES = [
    ("ISSN 1000-\u200b0933", "\u200b", "ISSN 1000-0933", lambda page: find_issns(page.text) == ["1000-0933"]),
    ("CN 11-\u00ad2031/Q", "\u00ad", "CN 11-2031/Q", lambda page: find_cns(page.text) == ["CN 11-2031/Q"]),
    ("申报人：张\u200d伟", "\u200d", "申报人：张伟", lambda page: name_on_page(page, "张伟")[0] == "present"),
    ("抚顺市区大气PM2.5\u202e污染特征研究", "\u202e", "抚顺市区大气PM2.5污染特征研究",
     lambda page: title_on("抚顺市区大气PM2.5污染特征研究", PageRead("p.pdf", 1, page)).state == "named"),
]


@pytest.mark.parametrize("line,target,printed,claim", CASES, ids=["issn_zwsp", "cn_soft_hyphen", "name_zwj", "title_rlo"])
def test_a_character_that_prints_nothing_leaves_the_line_and_its_claim_whole(tmp_path, monkeypatch, line, target,
                                                                              printed, claim):
    path = _pdf(tmp_path / "p.pdf", [line], target)
    page = _layer(path)
    layer = page.text_layer
    assert [l.text for l in layer.lines] == [printed]
    assert claim(layer)
    # the line holds against its pixels as written: not replaced by a reading, the page not read whole again
    checked = check_text_layer(layer, page.image, _Printed(printed))
    assert checked is layer and checked.lines[0].score == 1.0
    # kept, as before: the claim spoiled (an ISSN, CN, name absent; another paper's title), the line replaced
    monkeypatch.setattr(sources, "prints_nothing", lambda ch: False)
    kept = _layer(path).text_layer
    assert [l.text for l in kept.lines] == [line] and not claim(kept)
    assert check_text_layer(kept, page.image, _Printed(printed)).source == "text_layer+ocr"
    assert kept.lines[0].box == layer.lines[0].box  # inside the line: its box is its printing characters'


def test_a_dropped_character_shifts_no_other_character_s_box(tmp_path, monkeypatch):
    """Each character keeps the box PDFium gives it; a trailing one that prints nothing is no part of the line's box."""
    path = _pdf(tmp_path / "p.pdf", ["ISSN 1000-\u200b0933\u200b", "\u200b张\u200d伟"], "\u200b")
    seen: list[list[dict]] = []
    real = sources.text_layer_lines
    monkeypatch.setattr(sources, "text_layer_lines", lambda chars, scale, *rules: seen.append(chars) or real(chars, scale, *rules))
    after = _layer(path).text_layer
    monkeypatch.setattr(sources, "prints_nothing", lambda ch: False)
    _layer(path)
    dropped, kept = seen
    assert dropped == [ch for ch in kept if ch["text"] != "\u200b"] and len(kept) - len(dropped) == 3
    assert [l.text for l in after.lines] == ["ISSN 1000-0933", "张伟"]
    # the line's box ends where 3 ends and starts where 张 starts, as the same page drawn without them shows
    plain = _layer(_pdf(tmp_path / "plain.pdf", ["ISSN 1000-\u00ad0933"])).text_layer
    assert after.lines[0].box == plain.lines[0].box
    blank = next(ch for ch in kept if ch["text"] == "\u200b" and ch["x0"] < 100)  # the one before 张
    zhang = next(ch for ch in dropped if ch["text"] == "张")
    assert after.lines[1].bbox[0] == pytest.approx(zhang["x0"] * 200 / 72, abs=1) and zhang["x0"] >= blank["x1"] - 0.01


def test_bidi_controls_order_nothing_the_glyphs_positions_do(tmp_path):
    """An override, an isolate and a pop around a name and brackets: the line reads as its glyphs stand, unmirrored."""
    for target in ("\u202e", "\u2067", "\u202c", "\u200e"):
        path = _pdf(tmp_path / f"{ord(target):x}.pdf", [f"姓名：{target}张伟（男）{target}《生态》"], target)
        assert [l.text for l in _layer(path).text_layer.lines] == ["姓名：张伟（男）《生态》"], hex(ord(target))


@pytest.mark.parametrize("target", ["\u200f", "\u061c"])
def test_a_right_to_left_mark_beside_brackets_sends_the_page_to_its_pixels(tmp_path, target):
    """A right-to-left mark makes PDFium mirror the brackets of its run (《生态》 read 》生态》): the page is read from its
    pixels; without brackets its text layer is read, the mark dropped."""
    path = _pdf(tmp_path / "p.pdf", [f"姓名：{target}张伟（男）{target}《生态》"], target)
    assert next(iter_pages(path, dpi=200)).text_layer is None
    plain = _pdf(tmp_path / "plain.pdf", [f"申报人：张{target}伟"], target)
    assert [l.text for l in _layer(plain).text_layer.lines] == ["申报人：张伟"]


def test_a_hidden_ocr_layer_drops_them_too(tmp_path):
    """A line drawn invisibly (a scanner's OCR layer) is read through the same characters: its text without them."""
    path = _pdf(tmp_path / "p.pdf", ["抚顺市生态环境局"], "\u2060", hidden=["ISSN 1000-\u20600933"])
    lines = _layer(path).text_layer.lines
    assert [l.text for l in lines] == ["抚顺市生态环境局", "ISSN 1000-0933"]
    assert lines[1].score == sources.HIDDEN_LINE_SCORE


def test_a_page_of_them_alone_is_no_text(tmp_path):
    """Lines of nothing but such characters make no line; a page of nothing else is read from its pixels."""
    path = _pdf(tmp_path / "p.pdf", ["\ufeff\ufeff\ufeff", "抚顺市生态环境局"], "\ufeff")
    assert [l.text for l in _layer(path).text_layer.lines] == ["抚顺市生态环境局"]
    only = _pdf(tmp_path / "only.pdf", ["\ufeff\ufeff\ufeff"], "\ufeff")
    assert next(iter_pages(only, dpi=200)).text_layer is None


@pytest.mark.parametrize("ch", list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069\u034f\u3164\u2800\ufe0f") + ["\U000e0101", "\U000e0041"])
def test_what_prints_nothing(ch):
    assert prints_nothing(ch)


@pytest.mark.parametrize("ch", list("张伟-–—·（）《》①ⅡＡａ1Xx:：、。\u3000 \u2010\u2011\u00b7\u30fb\u0600"))
def test_what_prints(ch):
    assert not prints_nothing(ch)
