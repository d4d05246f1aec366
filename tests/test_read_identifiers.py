"""ISSN, CN serial and resident ID numbers as OCR prints them."""
import csv
from pathlib import Path

import pytest
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength

from verify.read.extract import find_cns, find_id_numbers, find_issns
from verify.read.identifiers import cn_serial

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
if not REALDATA.exists():
    REALDATA = Path("/work/shared/realdata")


@pytest.mark.parametrize("text,expected", [
    ("ISSN 1674-1021", ["1674-1021"]),
    ("ISSN1674-1021", ["1674-1021"]),
    ("ISSN: 1674-1021", ["1674-1021"]),
    ("ISSN：1674－1021", ["1674-1021"]),
    ("ＩＳＳＮ　１６７４－１０２１", ["1674-1021"]),
    ("I S S N 1674 - 1021", ["1674-1021"]),
    ("ISSN 1674 1021", ["1674-1021"]),
    ("ISSN 1674—1021", ["1674-1021"]),
    ("ISSN 1008-233x", ["1008-233X"]),
    ("ISSN 1OO8-2336", ["1008-2336"]),
    ("ISSN l674-1021", ["1674-1021"]),
    ("issn 2096-420X", ["2096-420X"]),
    ("ISSN 1674-1022", ["1674-1022"]),  # invalid check digit: kept as read, the rule fails it
    ("国际标准连续出版物号 ISSN 1674-1021 国内统一连续出版物号 CN 21-1556/X", ["1674-1021"]),
    ("国际标准连续出版物号\n1674-1021", ["1674-1021"]),
    ("国际标准刊号：ISSN 1674-1021", ["1674-1021"]),
    ("lSSN 1674-1021", ["1674-1021"]),
    ("电话 024-57221234", []),
    ("2019-06-30", []),
])
def test_find_issns(text, expected):
    assert find_issns(text) == expected


def test_bare_issn_only_with_valid_check_digit():
    assert find_issns("环境保护与循环经济 1674-1021 2022(5)", bare=True) == ["1674-1021"]
    assert find_issns("编号 1674-1022", bare=True) == []


@pytest.mark.parametrize("text,expected", [
    ("CN 21-1556/X", ["CN 21-1556/X"]),
    ("CN21-1556/X", ["CN 21-1556/X"]),
    ("CN 21－1556／X", ["CN 21-1556/X"]),
    ("ＣＮ２１－１５５６／Ｘ", ["CN 21-1556/X"]),
    ("CN 21 - 1556 / X", ["CN 21-1556/X"]),
    ("CN 21—1556/X", ["CN 21-1556/X"]),
    ("CN 2l-1556/X", ["CN 21-1556/X"]),
    ("CN 51-1199/O4", ["CN 51-1199/O4"]),
    ("CN 11-1234/TU", ["CN 11-1234/TU"]),
    ("CN 34-1298/04", ["CN 34-1298/O4"]),  # OCR reads the class letter O as a zero
    ("国内统一连续出版物号：21-1556/X", ["CN 21-1556/X"]),
    ("国内统一刊号 CN21-1556/X", ["CN 21-1556/X"]),
    ("CN(HK) 21-1556/X", ["CN(HK) 21-1556/X"]),
    ("CN（HK）21-1556/X", ["CN(HK) 21-1556/X"]),
    ("CN-HK 21-1556/X", ["CN-HK 21-1556/X"]),
    ("CN 21-1556", ["CN 21-1556"]),
    ("CN 99-1556/X", ["CN 99-1556/X"]),
    ("国内统一连续出版物号\n21-1556/X", ["CN 21-1556/X"]),
    ("www.cnki.net 2021-06-30", []),
    ("CN(HK) 7885/X", ["CN(HK) 7885/X"]),  # look-alikes without the region-serial shape, kept as read
    ("CN-HK 7885/X", ["CN-HK 7885/X"]),
    ("CN 7885/X", ["CN 7885/X"]),
    ("ISSN 1674-1021 CN 21-1556/X", ["CN 21-1556/X"]),
    ("CNKI 2021", []),
    ("www.hjbh.cn 2022年第5期", []),
    ("CN 2022年", []),
])
def test_find_cns(text, expected):
    assert find_cns(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("〔CN〕21-1135/X", ["CN 21-1135/X"]),  # an older journal's bracketed label (OCR: [CN])
    ("[CN] 21-1135/X", ["CN 21-1135/X"]),
    ("【CN】21-1135/X", ["CN 21-1135/X"]),
    ("〔ISSN〕1004-6216 〔CN〕21-1135/X", ["CN 21-1135/X"]),
])
def test_bracketed_cn_label(text, expected):
    assert find_cns(text) == expected


def test_bracketed_issn_label():
    assert find_issns("〔ISSN〕1004-6216") == ["1004-6216"] and find_issns("[ISSN]  1004-6216") == ["1004-6216"]


def test_bare_cn_on_journal_pages_only_when_well_formed():
    # 刊号：ISSN and CN printed without their labels, as a cover's foot may (trust10, R05b)
    assert find_cns("刊号 ：1004-6216 / 21-1135/X", bare=True) == ["CN 21-1135/X"]
    assert find_cns("刊号 ：1004-6216 / 21-1135/X") == []
    # no region, no class, a year, an article number, a standard: nothing
    assert find_cns("99-1135/X 21-1135/L 2022-1135/X 1004-6216(2022)03-0045-05 GB 3095-2012", bare=True) == []
    assert find_cns("CN 21-1135/X 21-1135/X", bare=True) == ["CN 21-1135/X"]


@pytest.mark.parametrize("number", [
    "CN 21-1556/X", "CN11-1234/TU", "cn 51-1199/o4", "CN 10-1197/X", "CN 65-1001/R", "CN 46-1001/G4",
    "21-1556/X", "CN 54-1001/Z", "CN 31-1760/TE",
])
def test_cn_valid(number):
    assert cn_serial.is_valid(number)
    assert cn_serial.format(number).startswith("CN ")


@pytest.mark.parametrize("number,error", [
    ("CN(HK) 21-1556/X", InvalidFormat), ("CN-HK 21-1556/X", InvalidFormat), ("CNHK21-1556/X", InvalidFormat),
    ("HK 21-1556/X", InvalidFormat), ("ISSN 1674-1021", InvalidFormat),
    ("CN 99-1556/X", InvalidComponent), ("CN 16-1556/X", InvalidComponent), ("CN 81-5057/R", InvalidComponent),
    ("CN 21-156/X", InvalidLength), ("CN 21-15567/X", InvalidLength), ("CN 211-1556/X", InvalidLength),
    ("CN 21-1556", InvalidFormat), ("CN 21-1556/", InvalidFormat), ("CN 21-1556/L", InvalidComponent),
    ("CN 21-1556/TA", InvalidComponent), ("CN 21-1556/12", InvalidComponent), ("CN 21", InvalidFormat),
    ("", InvalidFormat),
])
def test_cn_invalid_with_reason(number, error):
    with pytest.raises(error) as exc:
        cn_serial.validate(number)
    assert any("\u4e00" <= c <= "\u9fff" for c in str(exc.value))  # a Chinese reason
    assert not cn_serial.is_valid(number)


@pytest.mark.skipif(not (REALDATA / "journals").exists(), reason="shared/realdata absent")
def test_cn_accepts_real_cnki_numbers():
    rows = list(csv.DictReader(open(REALDATA / "journals" / "cnki_journals_2023-11-30.csv", encoding="utf-8")))
    cns = [r["CN"] for r in rows if r["CN"] and "/" in r["CN"] and "Q" not in r["CN"]]
    valid = sum(cn_serial.is_valid(c) for c in cns)
    assert valid / len(cns) > 0.995
    # and every one of them is found in a printed line
    for c in cns[:300]:
        assert find_cns(f"国内统一连续出版物号 CN {c}") == [cn_serial.format(c)]


@pytest.mark.skipif(not (REALDATA / "journals").exists(), reason="shared/realdata absent")
def test_issn_found_for_real_journals():
    from stdnum import issn

    rows = list(csv.DictReader(open(REALDATA / "journals" / "cnki_journals_2023-11-30.csv", encoding="utf-8")))
    issns = [r["ISSN"] for r in rows if r["ISSN"]][:500]
    for v in issns:
        assert find_issns(f"ISSN {v}") == [issn.format(v)]


@pytest.mark.parametrize("text,expected", [
    ("公民身份号码 210402198805120012", ["210402198805120012"]),
    ("公民身份号码 21040219880512001X", ["21040219880512001X"]),
    ("公民身份号码 21040219880512001x", ["21040219880512001X"]),
    ("公民身份号码 2104 0219 8805 1200 12", ["210402198805120012"]),
    ("身份证号：210402198805120013", ["210402198805120013"]),  # invalid check digit, still reported
    ("电话 13912345678", []),
    ("21040219880512001", []),
    ("2104021988051200123", []),
])
def test_find_id_numbers(text, expected):
    assert find_id_numbers(text) == expected


def test_numbers_wrapped_in_a_narrow_cell_are_read_on_journal_pages():
    """A 版权页 whose value cells wrap 「ISSN 1674-」 over 「991X」 and 「CN 11-」 over
    「5972/X」, the label cell's second line read between them: neither number was read,
    and the real journal failed journal.cn as 未见 CN 刊号 (trust10, T12)."""
    from ocr.model import OcrLine, OcrPage
    from verify.model import PageRead
    from verify.read.extract import read_page_facts

    def line(t, x, y, w=300):
        return OcrLine(t, ((x, y), (x + w, y), (x + w, y + 40), (x, y + 40)), 0.95)

    ocr = OcrPage(1654, 2339, [line("环境工程技术学报", 500, 150, 600), line("国际标准连续", 300, 700), line("ISSN 1674-", 780, 700),
                               line("出版物号", 300, 750), line("991X", 790, 752, 120), line("国内统一连续", 300, 830),
                               line("CN 11-", 780, 830, 140), line("出版物号", 300, 880), line("5972/x", 785, 880, 160)])
    cover = PageRead("c.jpg", 1, ocr, kind="journal_cover")
    read_page_facts(cover)
    assert cover.issn == ["1674-991X"] and cover.cn == ["CN 11-5972/X"]
    form = PageRead("f.jpg", 1, ocr, kind="other")  # not a journal page: nothing joined
    read_page_facts(form)
    assert form.cn == []
