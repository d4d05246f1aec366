"""seal.unit on a certificate that prints its issuer: a seal read surely as another body's is a review, never a fail."""
from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from tests.test_rules import by_rule, clean_pages, on_page, page, replace, run
from verify.model import SealMark
from verify.rules.seal_issuer import PRINTED_ISSUERS, another_issuer, printed_issuers

JILIN = "吉林省人力资源和社会保障厅|吉林省工程系列环境专业中级评审委员会"


def title_seal(text, match="other"):
    return SealMark((900, 1400, 1200, 1700), 0.9, text=text, unit_match=match, traits=("star",))


def test_another_body_than_the_printed_issuer_is_a_review_naming_both():
    found = on_page("a/zc.jpg", "seal.unit", seals=[title_seal("长春市人力资源和社会保障局")], fields={PRINTED_ISSUERS: JILIN})
    assert [f.status for f in found] == ["review"]
    assert "长春市人力资源和社会保障局" in found[0].message and "吉林省人力资源和社会保障厅" in found[0].message


def test_the_printed_issuer_its_office_or_an_unread_seal_is_no_finding():
    for seal in (title_seal("吉林省人力资源和社会保障厅"), title_seal("吉林省职称改革领导小组办公室"),
                 title_seal(None, "unreadable"), title_seal("吉林省人力资源和社会保障广")):
        assert on_page("a/zc.jpg", "seal.unit", seals=[seal], fields={PRINTED_ISSUERS: JILIN}) == []


def test_no_printed_issuer_no_finding_and_the_clean_dossier_still_passes():
    assert on_page("a/zc.jpg", "seal.unit", seals=[title_seal("长春市人力资源和社会保障局")]) == []
    assert [f for f in run(clean_pages()) if f.status != "pass"] == []


def test_an_award_sealed_by_another_city_than_it_prints():
    found = on_page("p/award.jpg", "seal.unit", seals=[title_seal("沈阳市科学技术局")], fields={PRINTED_ISSUERS: "抚顺市科学技术局"})
    assert [f.status for f in found] == ["review"]


def test_an_old_certificate_sealed_by_the_renamed_body_under_its_old_name():
    fields = {PRINTED_ISSUERS: "辽宁省人事厅"}
    assert on_page("a/zc.jpg", "seal.unit", seals=[title_seal("辽宁省人事厅")], fields=fields) == []
    assert on_page("a/zc.jpg", "seal.unit", seals=[title_seal("辽宁省人力资源和社会保障厅")], fields=fields) == []


def test_printed_issuers_on_a_booklet_and_a_label():
    line = lambda t, box=(0, 0, 10, 10): NS(text=t, bbox=box)
    assert printed_issuers(NS(lines=[line("发证机关：抚顺市人事局"), line("姓    名：张伟")])) == ["抚顺市人事局"]
    assert printed_issuers(NS(lines=[line("工作单位：长春市环境监测中心站"), line("专业：环境工程")])) == []
    assert another_issuer(NS(text="长春市人力资源和社会保障局", readings=[]), ["吉林省人力资源和社会保障厅"])


def _certificate_page(monkeypatch, lines, texts):
    """read_page on a title certificate printing ``lines``, its two starred seals reading ``texts`` in turn."""
    import verify.marks.seals as seals
    import verify.read.classify as classify
    from ocr.model import OcrLine, OcrPage
    from tests.test_pipeline_sealless import _campaign_kinds, _stamped_page
    from verify.marks.seals.candidates import PageSeals
    from verify.model import Applicant
    from verify.run import pipeline

    sealless, unitless = _campaign_kinds()
    marks = [SealMark((530, 880, 770, 1120), 0.9, certain=True, traits=("ring_text", "star")),
             SealMark((100, 880, 340, 1120), 0.8, certain=True, traits=("ring_text", "star"))]
    read = []

    def read_seals(image, found, engine, units, **kw):
        for s in found:
            s.text = texts[len(read)]
            read.append(s)
        return found

    monkeypatch.setattr(seals, "search_seals", lambda *a, **k: PageSeals(list(marks)))
    monkeypatch.setattr(seals, "read_seals", read_seals)
    monkeypatch.setattr(classify, "classify", lambda ocr: ("title_certificate", 0.9))
    box = lambda x0, y0, x1, y1: ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    ocr = OcrPage(width=1000, height=1400, lines=[OcrLine(t, box(100, 100 + 60 * i, 900, 140 + 60 * i), 0.99, i)
                                                  for i, t in enumerate(lines)])

    class Result:
        index, image = 1, _stamped_page()

    Result.ocr = ocr
    page = pipeline.read_page("a.jpg", Result(), Applicant(name="张三", unit="抚顺市某单位"), None, {}, sealless, unitless)
    return page, read


def test_a_certificate_printing_its_issuer_has_its_seals_read_until_one_is_the_issuers(monkeypatch):
    page, read = _certificate_page(monkeypatch, ["专业技术资格证书", "发证机关：吉林省人力资源和社会保障厅"],
                                   ["长春市人力资源和社会保障局", "吉林省人力资源和社会保障厅"])
    assert page.fields[PRINTED_ISSUERS] == "吉林省人力资源和社会保障厅"
    assert [s.text for s in read] == ["长春市人力资源和社会保障局", "吉林省人力资源和社会保障厅"]
    assert all(s.certain for s in page.seals), "its star still settles it as a seal"
    page, read = _certificate_page(monkeypatch, ["专业技术资格证书", "发证机关：吉林省人力资源和社会保障厅"],
                                   ["吉林省人力资源和社会保障厅", "长春市人力资源和社会保障局"])
    assert len(read) == 1, "settled by the first: the issuer's own seal"
    assert page.seals[1].text is None and page.seals[1].crop_png


def test_the_issuer_printed_under_its_seal_read_with_characters_lost_is_the_seals_body(monkeypatch):
    """Probe trust11 K09: the 人社厅's name printed at the certificate's foot under its seal is read 辽宁力资源和社保障厅
    (no place, so no printed issuer); the seal reading it whole names the body the page prints, not another."""
    lines = ["专业技术资格证书", "评审组织：抚顺市工程系列中级职称评审委员会"] + ["姓名：张三"] * 11 + ["辽宁力资源和社保障厅"]
    page, read = _certificate_page(monkeypatch, lines, ["辽宁省人力资源和社会保障厅", "y"])
    assert page.fields[PRINTED_ISSUERS] == "抚顺市工程系列中级职称评审委员会|辽宁省人力资源和社会保障厅"
    assert len(read) == 1, "settled by the first seal: the issuer printed beside it"
    page, read = _certificate_page(monkeypatch, lines, ["沈阳市人力资源和社会保障局", "y"])
    assert page.fields[PRINTED_ISSUERS] == "抚顺市工程系列中级职称评审委员会", "another city's seal is no body printed"
    assert len(read) == 2


def test_a_certificate_printing_no_issuer_leaves_its_starred_seals_unread(monkeypatch):
    page, read = _certificate_page(monkeypatch, ["专业技术资格证书", "姓名：张三"], ["x", "y"])
    assert read == [] and PRINTED_ISSUERS not in page.fields


@pytest.mark.slow
def test_real_engine_reads_another_bodys_seal_once_surely_enough_and_the_issuers_as_its_own(ppocr_engine):
    """One reading (``decide=False``, as on a certificate) of a generated 长春市 seal names another body than the
    吉林省 issuer its certificate prints; the issuer's own seal, worn, is not another."""
    from tests.test_seals_trust import _bgr, _page
    from fixtures.stamps import draw_seal
    from verify.marks.seals import find_seals, read_seals

    printed = ["吉林省工程系列环境专业中级评审委员会", "吉林省人力资源和社会保障厅"]
    for text, wear, another in (("长春市人力资源和社会保障局", 0.0, True), ("吉林省人力资源和社会保障厅", 0.1, False)):
        img, _ = _page()
        draw_seal(img, (620, 520), 130, text, None, seed=5, rotation_deg=-15, wear=wear, font="song")
        image = _bgr(img)
        seals = read_seals(image, find_seals(image), ppocr_engine, ["抚顺市生态环境监测站"], decide=False)
        assert len(seals) == 1
        assert another_issuer(seals[0], printed) is another, seals[0].text
