"""identity.id_number on real-shaped numbers: valid IDs whose district is younger
than the holder pass, each failure has its own reason, numbers are masked."""
from __future__ import annotations

from dataclasses import replace

import pytest

from ocr.model import OcrPage
from verify.applicant import parse_applicant
from verify.campaign import load_campaign
from verify.model import PageRead
from verify.read.extract import find_id_numbers
from verify.rules import Dossier
from verify.rules import identity_id_number as rule

SHUNCHENG = "210411197606150014"  # 抚顺市顺城区: code from 1988, holder born 1976


def run(card: list[str], claim: str | None, pages: int = 1):
    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": claim}, "t")
    ps = [PageRead("id.jpg", i + 1, OcrPage(1000, 700), kind="id_card", id_numbers=list(card) if i == 0 else [])
          for i in range(pages)]
    return rule.check(Dossier(a, load_campaign(None), ps))


def one(card, claim):
    findings = run(card, claim)
    assert len(findings) == 1
    f = findings[0]
    for number in {*card, claim or ""} - {""}:
        assert number not in f.message and (f.value or "") != number, "a number in a message must be masked"
    return f


@pytest.mark.parametrize("claim", [SHUNCHENG, "210411 19760615 0014", "２１０４１１１９７６０６１５００１４",
                                   "21041119760615001 4"])
def test_district_younger_than_holder_passes_and_claims_are_compacted(claim):
    assert one([SHUNCHENG], claim).status == "pass"


def test_first_generation_number_is_converted():
    assert one(["210411760615001"], SHUNCHENG).status == "pass"
    assert one([SHUNCHENG], "210411760615001").status == "pass"


def test_lower_case_x_claim():
    n = "21040219880512006X"
    assert rule.ric.is_valid(n)
    assert one([n], n.lower()).status == "pass"


@pytest.mark.parametrize("card,claim,status,words", [
    ("210411197606150015", "210411197606150015", "fail", "校验位错误"),
    ("210411197613150012", "210411197613150012", "fail", "出生日期"),
    ("21991119760615001X", "21991119760615001X", "review", "地址码"),
    ("210411198001010013", SHUNCHENG, "fail", "出生日期码、校验码不同"),
    # the card's birth date edited, its check digit left (probe alt18 P02): the masked numbers print
    # alike, so the message names the part that differs
    ("210411197606250014", SHUNCHENG, "fail", "不一致（出生日期码不同：第 13 位），且校验位错误"),
    ("210411197606150074", SHUNCHENG, "review", "易混字符"),      # 1 read as 7: OCR, not a verdict
])
def test_each_failure_has_its_own_reason(card, claim, status, words):
    f = one([card], claim)
    assert f.status == status and words in f.message, f.message


def test_two_hidden_digits_swapped_say_where_without_showing_them():
    """Trust exploration 7, P05: the card's day 14 read surely as 41; the message showed
    「210404********0522 与申报信息 210404********0522 不一致」, two numbers alike."""
    from types import SimpleNamespace

    card, claim = "210404199103410522", "210404199103140522"
    f = rule.judge([card], claim, confirmation=SimpleNamespace(state="contradicted", how="lattice", read=None, note=""))
    assert f.status == "fail" and "（出生日期码不同：第 13、14 位前后互换）" in f.message, f.message
    assert card not in f.message and claim not in f.message and "0341" not in f.message and "0314" not in f.message


def test_invalid_claim_fails_even_when_the_card_is_unread():
    f = one([], "210411197606150015")
    assert f.status == "fail" and "申报信息" in f.message and "校验位错误" in f.message


def test_dropped_digit_is_review_not_fail():
    f = rule.judge(["21041119760615014"], SHUNCHENG)
    assert f.status == "review"


def test_back_of_the_card_is_not_a_review():
    assert [f.status for f in run([SHUNCHENG], SHUNCHENG, pages=2)] == ["pass"]


def test_ocr_letters_inside_the_number_are_repaired():
    assert find_id_numbers("公民身份号码 21O411197606l5OO14") == [SHUNCHENG]
    assert find_id_numbers("公民身份号码 210411760615001") == ["210411760615001"]


def test_a_second_valid_number_beside_the_claim_is_a_review():
    """A colleague's card under a typed caption giving the applicant's number (probe
    alt13 a09): the claim is on the page, but so is the card's own number."""
    colleague = "210411198001010013"
    assert rule.ric.is_valid(colleague)
    f = one([SHUNCHENG, colleague], SHUNCHENG)
    assert f.status == "review" and "另有有效号码" in f.message, f.message
    assert one([SHUNCHENG, "21041119760615014"], SHUNCHENG).status == "pass", "a misread copy of the claim is no other card"


@pytest.mark.parametrize("card", ["210411197606150024", "210411197606250014", "21041119760615014", "210411197660150014"])
def test_one_digit_off_on_a_coarse_page_is_a_review_not_a_fail(card):
    """A phone photo from afar (text 13-18 px): one digit read otherwise, the read number failing its own check digit,
    is no confident reading of another number (issue 13; probe trust16's low-resolution pages)."""
    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": SHUNCHENG}, "t")
    page = PageRead("id.jpg", 1, OcrPage(644, 912), kind="id_card", id_numbers=[card])
    page.text_px = 15.0
    [f] = rule.check(Dossier(a, load_campaign(None), [page]))
    assert f.status == "review" and "低分辨率" in f.message and card not in f.message
    page.text_px = 40.0  # the same reading on an ordinary scan: the card's birth date edited, its check digit left
    [f] = rule.check(Dossier(a, load_campaign(None), [page]))
    assert f.status == ("fail" if card in ("210411197606150024", "210411197606250014") else "review")


@pytest.mark.parametrize("card, status", [("210411197660150014", "fail"), ("210411197606250014", "review")])
def test_two_neighbours_swapped_that_every_reading_agrees_on_fail_on_a_coarse_page(card, status):
    """A 150-dpi copier TIFF (text 29 px): the card prints the birth date's 30 as 03, every reading of the line agrees
    against the claim (contradicted, LLR -12.8). Two characters each read as the other is no misread but the card's
    own slip: a fail, as on an ordinary page (probe trust12 P05, a review). One digit changed stays a review there."""
    from verify.read.confirm import Confirmation

    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": SHUNCHENG}, "t")
    page = PageRead("scan.tif", 9, OcrPage(1268, 1774), kind="id_card", id_numbers=[card])
    page.text_px = 29.0
    page.confirmations = [Confirmation("id_number", SHUNCHENG, card, "contradicted", -12.8, "lattice", (509, 447, 738, 477))]
    [f] = rule.check(Dossier(a, load_campaign(None), [page]))
    assert f.status == status, f.message
    assert card not in f.message
    if status == "fail":
        assert "第 11、12 位前后互换" in f.message and "校验" in f.message, f.message
    page.confirmations = []  # nothing weighed the line: a swap on a coarse page may be a misread
    [f] = rule.check(Dossier(a, load_campaign(None), [page]))
    assert f.status == "review" and "低分辨率" in f.message, f.message


def test_another_valid_number_on_a_coarse_page_still_fails():
    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": SHUNCHENG}, "t")
    page = PageRead("id.jpg", 1, OcrPage(644, 912), kind="id_card", id_numbers=["210411198001010013"])
    page.text_px = 15.0
    [f] = rule.check(Dossier(a, load_campaign(None), [page]))
    assert f.status == "fail"


def test_a_text_layer_number_one_digit_off_still_fails_however_small():
    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": SHUNCHENG}, "t")
    page = PageRead("id.pdf", 1, OcrPage(1654, 2339, source="text_layer"), kind="id_card", id_numbers=["210411197606250014"])
    page.text_px = 15.0
    [f] = rule.check(Dossier(a, load_campaign(None), [page]))
    assert f.status == "fail"


def _with_record(record_ids: list[str], kind: str = "education_verification"):
    """The card reads the claim; a second personal record (学信网's 备案表) reads ``record_ids``."""
    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": SHUNCHENG}, "t")
    ps = [PageRead("id.jpg", 1, OcrPage(1000, 700), kind="id_card", id_numbers=[SHUNCHENG]),
          PageRead("学信网备案表.pdf", 1, OcrPage(1240, 1754), kind=kind, id_numbers=list(record_ids))]
    return [f for f in rule.check(Dossier(a, load_campaign(None), ps)) if f.file != "id.jpg"]


def test_a_namesakes_education_record_fails():
    """Probe trust26 P02/P04: the 学信网 report of a namesake (same name, another 证件号码) beside the applicant's own
    ID card passed silently, identity.id_number weighing the card alone."""
    other = "210402198303160379"
    assert rule.ric.is_valid(other)
    (f,) = _with_record([other])
    assert f.status == "fail" and "学历" in f.message and "同名" in f.message, f.message
    assert other not in f.message and SHUNCHENG not in f.message
    (f,) = _with_record([other], kind="title_certificate")
    assert f.status == "fail"


def test_a_record_with_the_claim_or_no_number_says_nothing_and_a_near_number_is_review():
    assert _with_record([SHUNCHENG]) == [] and _with_record([]) == []
    # 学信网's 18-digit 证书编号, read as a number of an ID's shape, is no ID number (probe trust17: reviews on 14 clean)
    assert _with_record(["101401201005000424"]) == []
    (f,) = _with_record(["210411197606150074"])  # 1 read as 7, and the check digit fails: a misread, not a verdict
    assert f.status == "review", f.message


def test_a_namesakes_number_two_digits_off_read_alike_on_two_records_fails():
    """Probe trust26 P02: a namesake born the same day in the same district: the 顺序码 two digits apart, valid; read
    so on the 学信网 report's screenshot and on its stamped print, two readings apart agree: no misread."""
    other = next(SHUNCHENG[:14] + f"{a}{b}" + SHUNCHENG[16:] for a in "0123456789" for b in "0123456789"
                 if rule.ric.is_valid(SHUNCHENG[:14] + f"{a}{b}" + SHUNCHENG[16:]) and f"{a}{b}" != SHUNCHENG[14:16]
                 and rule._distance(SHUNCHENG[:14] + f"{a}{b}" + SHUNCHENG[16:], SHUNCHENG) == 2
                 and not rule.ric.plausible_misread(SHUNCHENG[:14] + f"{a}{b}" + SHUNCHENG[16:], SHUNCHENG))
    a = parse_applicant({"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": SHUNCHENG}, "t")
    shot = PageRead("学信网验证报告.png", 1, OcrPage(1170, 2532), kind="education_verification", id_numbers=[other])
    scan = PageRead("学历认证.jpg", 1, OcrPage(1240, 1754), kind="education_verification", id_numbers=[other])
    card = PageRead("id.jpg", 1, OcrPage(1000, 700), kind="id_card", id_numbers=[SHUNCHENG])
    got = [f for f in rule.check(Dossier(a, load_campaign(None), [card, shot, scan])) if f.file != "id.jpg"]
    assert [f.status for f in got] == ["fail", "fail"], [f.message for f in got]
    got = [f for f in rule.check(Dossier(a, load_campaign(None), [card, shot])) if f.file != "id.jpg"]
    assert [f.status for f in got] == ["review"], [f.message for f in got]


def test_the_claim_written_under_a_card_printing_another_valid_number_does_not_pass():
    """Probe trust38 P18: the applicant's 此复印件与原件一致 with the right ID number written under a card that prints
    another valid one (a digit and the check digit apart: no misread, one misread character fails the check digit).
    Every reading of the card's number line gives that number: a fail; with nothing weighed, a review."""
    from types import SimpleNamespace

    other = "210411197606151017"  # a serial digit and the check digit apart
    assert rule.ric.is_valid(other) and other != SHUNCHENG
    line = SimpleNamespace(state="contradicted", how="lattice", read=other, note="")
    f = rule.judge([other, SHUNCHENG], SHUNCHENG, confirmation=line)
    assert f.status == "fail" and other not in f.message and "证件本身所印号码" in f.message, f.message
    f = rule.judge([SHUNCHENG, other], SHUNCHENG)
    assert f.status == "review" and "另有有效号码" in f.message, f.message
