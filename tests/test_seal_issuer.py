"""seal.unit on a certificate that prints its issuer: a seal read surely as another body's is a review, never a fail."""
from __future__ import annotations

from types import SimpleNamespace as NS

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
