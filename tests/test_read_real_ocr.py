"""Reading on real pixels: the committed sample's scans through the real OCR engine
(slow: two pages)."""
from pathlib import Path

import pytest

from verify.read.classify import classify
from verify.read.extract import read_page_facts
from verify.model import PageRead

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample"


def _read(rel: str, page: int = 1):
    from ocr.errors import EngineError
    from ocr.pipeline import read_file

    path = SAMPLE / rel
    if not path.is_file():
        pytest.skip(f"{rel} not in the committed sample")
    try:
        for result in read_file(path):
            if result.index == page:  # 1-based
                return result.ocr
    except EngineError as exc:
        pytest.skip(f"OCR engine unavailable: {exc}")
    raise AssertionError(f"{rel} has no page {page}")


@pytest.mark.slow
def test_skewed_blurred_title_certificate():
    ocr = _read("A2024-004/新建文件夹/scan0420.jpg")
    kind, conf = classify(ocr)
    assert kind == "title_certificate"
    from verify.applicant import load_applicant
    from verify.read.names import name_on_page

    applicant = load_applicant(SAMPLE / "A2024-004")
    read = PageRead("scan0420.jpg", 1, ocr, kind=kind, kind_score=conf)
    read_page_facts(read, applicant)
    # the seal covers the approval date (评审通过时间 2020-04-09): it is read right or
    # not at all, never replaced by the issue date below it
    assert [m.date.iso() for m in read.dates_with_role("title_date")] in ([], ["2020-04-09"])
    assert name_on_page(ocr, applicant.name)[0] == "present"


@pytest.mark.slow
def test_scanned_journal_cover_identifiers():
    ocr = _read("A2024-001/附件/2024/IMG_20241008_194457.pdf", 1)
    kind, _ = classify(ocr)
    assert kind == "journal_cover"
    read = PageRead("cover.pdf", 1, ocr, kind=kind)
    read_page_facts(read)
    assert read.issn == ["1674-991X"]
    assert read.cn == ["CN 11-5972/X"]
    assert [m.date.iso() for m in read.dates_with_role("publication")] == ["2023-03/12"]  # 第6期, periodicity not printed
