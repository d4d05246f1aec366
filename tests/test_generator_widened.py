"""The widened generator: journal frauds (journal.registered), near-miss seals, marks that
are not seals, month-precision certificates, dates with 〇/○, varied seals."""
from __future__ import annotations

import numpy as np
import pytest
from stdnum import issn as stdnum_issn

from fixtures.generator import documents
from fixtures.generator.dossier import JOURNAL_FRAUDS, make_plan
from fixtures.generator.profile import (CN_FORM, CNKI_LIST_DATE, ceased_journals, journals, make_profile,
                                        near_miss_units, registered_cns, registered_issns)


def _plan(seed: int, defects, kind: str = "institution"):
    profile = make_profile(np.random.default_rng(seed), "k", kind, n_papers=1, n_awards=1, achievement=True)
    return profile, make_plan(profile, np.random.default_rng(seed + 100), defects)


@pytest.mark.parametrize("variant", JOURNAL_FRAUDS)
def test_journal_frauds_are_planted_as_printed(variant):
    profile, plan = _plan(3, [("journal.registered", {"variant": variant})])
    (planted,) = plan.planted
    assert planted["rule"] == "journal.registered" and planted["variant"] == variant
    claim = plan.yaml["papers"][0]
    printed = planted["journal"]
    cover = next(d for d in plan.docs if d.kind == "journal_cover")
    by_issn = {j.issn: j for j in journals(unique=True) + ceased_journals()}
    by_cn = {j.cn: j for j in journals(unique=True) + ceased_journals()}
    assert claim["issn"] == printed["issn"] and stdnum_issn.is_valid(printed["issn"])
    assert claim["journal"] == printed["name"]
    if variant == "pair":  # the ISSN of one real journal beside the CN of another
        assert by_issn[claim["issn"]].name == claim["journal"] != by_cn[claim["cn"]].name
        assert cover.spec["cn"] == claim["cn"]
    elif variant == "name":  # a real pair under another real journal's name
        assert by_issn[claim["issn"]] is by_cn[claim["cn"]] and by_issn[claim["issn"]].name != claim["journal"]
        assert claim["journal"] in {j.name for j in journals(unique=True)}
    elif variant == "ceased":
        j = by_issn[claim["issn"]]
        assert j.status == "停刊" and j.cn == claim["cn"] and j.name == claim["journal"]
        assert claim["date"] > CNKI_LIST_DATE.isoformat()[:7]
    else:
        assert printed["issn"] not in registered_issns() and planted.get("also") in (None, [], ["journal.cn"])
        if variant == "fake":
            assert CN_FORM.fullmatch(claim["cn"]) and claim["cn"] not in registered_cns()
        elif variant == "issn_only":
            assert "cn" not in claim and cover.spec["cn"] is None and planted["also"] == ["journal.cn"]
        else:
            assert claim["cn"].startswith("CN(HK)") and planted["also"] == ["journal.cn"]
    # every page that shows the journal shows the same thing
    for d in plan.docs:
        if d.spec.get("paper") is profile.papers[0] and d.kind in ("journal_cover", "retrieval_proof"):
            page = documents.render(d.kind, profile, d.spec, 60, np.random.default_rng(0)).truth()
            text = "".join(page["lines"])
            assert printed["issn"] in text and printed["name"] in text
            if printed["cn"]:
                assert printed["cn"] in text


def test_clean_dossiers_use_real_unique_active_journals():
    issns = [j.issn for j in journals(unique=True)]
    assert len(issns) == len(set(issns)) >= 5
    assert all(j.status == "" for j in journals(unique=True))
    for seed in range(10):
        profile = make_profile(np.random.default_rng(seed), "k", "institution", n_papers=2)
        for p in profile.papers:
            assert p.journal in journals(unique=True)


def test_near_miss_seal_of_another_body():
    assert "抚州市生态环境监测站" in near_miss_units("抚顺市生态环境监测站")
    assert "抚顺市生态环境局顺城分局" in near_miss_units("抚顺市生态环境局望花分局")
    assert "抚顺市环境监测中心站" not in near_miss_units("抚顺市生态环境监测站", ("抚顺市环境监测中心站",))
    seen = set()
    for seed in range(12):
        profile, plan = _plan(seed, ["seal.unit"])
        d = next(d for d in plan.docs if d.touched)
        page = documents.render(d.kind, profile, d.spec, 60, np.random.default_rng(1)).truth()
        (seal,) = [s for s in page["seals"] if s["role"] == "other"]
        seen.add(bool(seal.get("near_miss")))
        if seal.get("near_miss"):
            assert seal["text"] in near_miss_units(profile.unit, profile.unit_aliases)
    assert seen == {True, False}


def test_unsealed_page_may_carry_marks_that_are_not_seals():
    found = 0
    for seed in range(10):
        profile, plan = _plan(seed, ["seal.present"])
        d = next(d for d in plan.docs if d.touched)
        page = documents.render(d.kind, profile, d.spec, 60, np.random.default_rng(2)).truth()
        assert page["seals"] == []
        if d.spec.get("marks"):
            assert page["marks"] and all(m["kind"] in ("pen_circle", "tick", "logo") for m in page["marks"])
            found += 1
    assert found >= 3


def test_month_precision_title_certificates_and_circle_zero():
    months, circles = 0, 0
    for seed in range(30):
        profile, plan = _plan(seed, [])
        d = next(d for d in plan.docs if d.kind == "title_certificate")
        page = documents.render(d.kind, profile, d.spec, 60, np.random.default_rng(seed)).truth()
        (date,) = [x for x in page["dates"] if x["role"] == "title_date"]
        if len(date["iso"]) == 7:
            months += 1
            assert date["iso"] == profile.title_date.isoformat()[:7]  # agrees with the claim, to the month
        circles += any("○" in x["text"] for x in page["dates"])
    assert months >= 4 and circles >= 1


def test_seal_styles_vary_and_record_their_state():
    fonts, intact, kinds, worn_names = set(), [], set(), []
    for seed in range(8):
        profile, plan = _plan(seed, [])
        for d in plan.docs:
            if d.kind in ("annual_assessment", "recommendation_form", "publicity_result"):
                page = documents.render(d.kind, profile, d.spec, 60, np.random.default_rng(seed)).truth()
                for s in page["seals"]:
                    fonts.add(s["font"])
                    intact.append(s["ring_intact"])
                    kinds |= {k for k in ("outer_text", "second_arc", "code") if s.get(k)}
                    assert s["ring_intact"] == (not s["faint"] and s["wear"] < 0.2) or not s["ring_intact"]
                    # what wear and print left of each name character, in ring order
                    n = len("".join(s["text"].split()))
                    assert len(s["chars_kept"]) == len(s["chars_print"]) == len(s["chars_ink"]) == n
                    assert all(0 <= v <= 1 for v in s["chars_ink"])
                    assert all(0 <= p <= k <= 1 for k, p in zip(s["chars_kept"], s["chars_print"]))
                    assert s["wear"] or s["chars_kept"] == [1.0] * n
                    worn_names.append(min(s["chars_kept"]) if s["wear"] else 1.0)
    assert fonts == {"song", "hei", "kai"} and kinds == {"outer_text", "second_arc", "code"}
    assert 0.5 < sum(intact) / len(intact) < 0.95
    assert min(worn_names) < 0.5 < max(worn_names)  # some worn stamp took a name character
