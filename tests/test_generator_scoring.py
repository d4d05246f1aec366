"""The accuracy scorer on hand-made reports: caught / flagged / silent, false fails, components."""
import json

import pytest

from fixtures.scoring import collect, format_table, from_plain, planted_outcome, pool, score, summarize

KEY = {"applicants": [
    {"key": "a", "expected_verdict": "fail", "unreadable": [{"file": "bad.jpg", "why": "空文件"}],
     "planted": [{"rule": "seal.present", "file": "x.jpg", "page": 1, "what": ""},
                 {"rule": "assessment.years", "file": None, "page": None, "what": ""},
                 {"rule": "signature.present", "file": "y.pdf", "page": 1, "what": ""}],
     "pages": [{"file": "x.jpg", "page": 1, "kind": "annual_assessment",
                "dates": [{"iso": "2022", "role": "assessment_year"}, {"iso": "2023-01-15", "role": "issue"}],
                "issn": [], "cn": [], "lines": ["2022年度考核登记表"],
                "seals": [{"bbox": [100, 100, 300, 300], "text": "抚顺市生态环境监测站"}],
                "signatures": []},
               {"file": "y.pdf", "page": 1, "kind": "journal_cover", "dates": [], "issn": ["1674-1021"],
                "cn": ["CN 21-1556/X"], "lines": ["环境保护与循环经济"], "seals": [],
                "signatures": [{"bbox": [10, 10, 90, 40], "field_bbox": [10, 10, 90, 40], "label": "审核人签字",
                                "signed": False}]}]},
    {"key": "b", "expected_verdict": "pass", "unreadable": [], "planted": [], "pages": []},
]}


def _write(tmp_path, key, report):
    (tmp_path / key).mkdir()
    (tmp_path / key / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def test_planted_outcome_matches_rule_and_file():
    p = {"rule": "seal.present", "file": "x.jpg"}
    assert planted_outcome(p, [{"rule": "seal.present", "status": "fail", "file": "x.jpg"}]) == "caught"
    assert planted_outcome(p, [{"rule": "seal.present", "status": "fail", "file": "other.jpg"}]) == "silent"
    assert planted_outcome(p, [{"rule": "seal.present", "status": "review", "file": "x.jpg"},
                               {"rule": "seal.unit", "status": "fail", "file": "x.jpg"}]) == "flagged"
    assert planted_outcome({"rule": "assessment.years", "file": None},
                           [{"rule": "assessment.years", "status": "fail", "file": None}]) == "caught"
    assert planted_outcome(p, [{"rule": "seal.present", "status": "pass", "file": "x.jpg"}]) == "silent"


def test_score_hand_made_reports(tmp_path):
    _write(tmp_path, "a", {"verdict": "fail", "findings": [
        {"rule": "seal.present", "status": "fail", "file": "x.jpg", "page": 1},
        {"rule": "assessment.years", "status": "review", "file": None},
        {"rule": "dossier.readable", "status": "review", "file": "bad.jpg"}],
        "documents": [
            {"file": "x.jpg", "page": 1, "kind": "annual_assessment", "dates": ["2022", "2024-01-01"],
             "issn": [], "cn": [], "text": "2022年度考核登记表",
             "seals": [{"bbox": [110, 105, 305, 298], "text": "抚顺市生态环境监测站"}], "signatures": []},
            {"file": "y.pdf", "page": 1, "kind": "paper", "dates": [], "issn": ["1674-1021"], "cn": ["CN 21-1556/X"],
             "text": "环境保护与循环经", "seals": [{"bbox": [0, 0, 10, 10], "text": None}],
             "signatures": [{"label": "审核人签字", "bbox": [10, 10, 90, 40], "field_bbox": [10, 10, 90, 40],
                             "state": "signed"}]}]})
    _write(tmp_path, "b", {"verdict": "fail", "findings": [{"rule": "seal.unit", "status": "fail", "file": "z.jpg"}],
                           "documents": []})
    r = score(KEY, tmp_path)
    h = r["headline"]
    assert r["rules"]["seal.present"] == {"planted": 1, "caught": 1}
    assert r["rules"]["assessment.years"] == {"planted": 1, "flagged": 1}
    assert r["rules"]["signature.present"] == {"planted": 1, "silent": 1}
    assert (h["planted"], h["caught"], h["flagged"], h["silent"]) == (3, 1, 1, 1)
    assert h["verdict_accuracy"] == 0.5 and r["false_fails"] == {"seal.unit": 1}
    assert h["false_fails_per_clean"] == 1.0 and h["unreadable_handled"] == "1/1"
    assert h["kind_accuracy"] == 0.5
    assert h["date_recall"] == 0.5 and h["date_precision"] == 0.5
    assert h["issn_recall"] == 1.0 and h["cn_recall"] == 1.0
    assert h["seal_recall"] == 1.0 and h["seal_precision"] == 0.5 and h["seal_text_exact"] == 1.0
    assert h["signature_recall"] is None and h["signature_precision"] == 0.0  # a blank field called signed
    assert 0 < h["cer"] < 0.2


def test_missing_report_counts_as_silent(tmp_path):
    r = score(KEY, tmp_path)
    assert r["headline"]["silent"] == 3 and r["headline"]["reports_missing"] == 2


WIDE_KEY = {"applicants": [
    {"key": "c1", "expected_verdict": "pass", "unreadable": [], "planted": [],
     "pages": [{"file": "f.jpg", "page": 1, "kind": "annual_assessment", "dates": [], "issn": [], "cn": [],
                "lines": ["x"], "signatures": [],
                "seals": [{"bbox": [0, 0, 100, 100], "text": "甲", "role": "unit", "ring_intact": True},
                          {"bbox": [200, 0, 300, 100], "text": "甲", "role": "unit", "ring_intact": True},
                          {"bbox": [400, 0, 500, 100], "text": "甲", "role": "unit", "ring_intact": False}],
                "marks": [{"kind": "pen_circle", "bbox": [0, 300, 120, 360], "color": "red"}]}]},
    {"key": "c2", "expected_verdict": "pass", "unreadable": [], "planted": [], "pages": []},
    {"key": "d1", "expected_verdict": "fail", "unreadable": [],
     "planted": [{"rule": "seal.unit", "file": "g.jpg", "page": 1, "what": ""}],
     "pages": [{"file": "g.jpg", "page": 1, "kind": "annual_assessment", "dates": [], "issn": [], "cn": [],
                "lines": ["x"], "signatures": [],
                "seals": [{"bbox": [0, 0, 100, 100], "text": "乙", "role": "other", "ring_intact": True,
                           "near_miss": True}]}]},
]}


def test_review_burden_seal_decisions_and_marks(tmp_path):
    _write(tmp_path, "c1", {"verdict": "fail", "findings": [
        {"rule": "seal.unit", "status": "review", "file": "f.jpg"},
        {"rule": "seal.unit", "status": "review", "file": "f.jpg"},
        {"rule": "title.date", "status": "review", "file": "f.jpg"},
        {"rule": "identity.id_number", "status": "fail", "file": "f.jpg"}],
        "documents": [{"file": "f.jpg", "page": 1, "kind": "annual_assessment", "text": "x", "seals": [
            {"bbox": [0, 0, 100, 100], "unit_match": "unit"},
            {"bbox": [200, 0, 300, 100], "unit_match": "unreadable"},
            {"bbox": [400, 0, 500, 100], "unit_match": "unreadable"},
            {"bbox": [0, 290, 125, 365], "unit_match": "unreadable", "certain": True}]}]})
    _write(tmp_path, "c2", {"verdict": "pass", "findings": [], "documents": []})
    _write(tmp_path, "d1", {"verdict": "fail", "findings": [{"rule": "seal.unit", "status": "fail", "file": "g.jpg"}],
                            "documents": [{"file": "g.jpg", "page": 1, "kind": "annual_assessment", "text": "x",
                                           "seals": [{"bbox": [0, 0, 100, 100], "unit_match": "other"}]}]})
    r = score(WIDE_KEY, tmp_path)
    h = r["headline"]
    assert h["clean_dossiers"] == 2 and h["clean_passed"] == 0.5
    assert h["reviews_per_clean"] == 1.5 and r["reviews_per_clean"] == {"seal.unit": 1.0, "title.date": 0.5}
    assert h["false_fails_per_clean"] == 0.5 and r["false_fails_per_clean"] == {"identity.id_number": 0.5}
    # over every dossier, findings of rules not planted there (d1's seal.unit fail is planted)
    assert h["unplanted_reviews_per_dossier"] == 1.0 and h["unplanted_fails_per_dossier"] == round(1 / 3, 4)
    # intact rings: two of the unit (one decided), one of another body (decided, right)
    assert h["seal_unit_intact"] == 3 and h["seal_unit_decided_intact"] == round(2 / 3, 4)
    assert h["near_miss_seals_told"] == "1/1"
    assert h["marks"] == 1 and h["marks_taken_for_seals"] == 1 and h["marks_taken_for_certain_seals"] == 1
    text = format_table(r)
    assert "reviews per clean dossier 1.5" in text and "seals whose ring is intact: 0.6667" in text


def test_pooled_counts_add_up(tmp_path):
    _write(tmp_path, "a", {"verdict": "fail", "findings": [
        {"rule": "seal.present", "status": "fail", "file": "x.jpg", "page": 1}], "documents": []})
    _write(tmp_path, "b", {"verdict": "pass", "findings": [{"rule": "seal.unit", "status": "review"}],
                           "documents": []})
    one = collect(KEY, tmp_path)
    both = summarize(pool([one, from_plain(json.loads(json.dumps(score(KEY, tmp_path)["raw"])))]))
    single = summarize(one)
    h, s = both["headline"], single["headline"]
    assert h["planted"] == 2 * s["planted"] and h["caught"] == 2 * s["caught"] and h["clean_dossiers"] == 2
    assert h["reviews_per_clean"] == s["reviews_per_clean"] == 1.0
    assert both["rules"]["seal.present"] == {"planted": 2, "caught": 2}


def test_bench_accuracy_prints_the_review_burden_and_pools_sets(tmp_path, capsys):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bench_accuracy", Path(__file__).resolve().parents[1] / "scripts" / "bench_accuracy.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for name in ("s1", "s2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "answer_key.json").write_text(json.dumps(KEY, ensure_ascii=False), encoding="utf-8")
        _write(tmp_path / name, "b", {"verdict": "review", "findings": [{"rule": "seal.unit", "status": "review"}],
                                      "documents": []})
    args = []
    for name in ("s1", "s2"):
        args += ["--set", str(tmp_path / name), "--reports", str(tmp_path / name)]
    assert bench.main(args + ["--work", str(tmp_path / "work")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert any("reviews per clean dossier 1.0" in line for line in out)
    assert any(line.startswith("== pooled over") for line in out)
    last = json.loads(out[-1])
    assert last["clean_dossiers"] == 2 and last["reviews_per_clean_by_rule"] == {"seal.unit": 1.0}
    assert set(last["by_set"]) == {str(tmp_path / "s1"), str(tmp_path / "s2")}


def test_bench_accuracy_lists_missed_defects_and_the_review_burden_finding_by_finding(tmp_path):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bench_accuracy", Path(__file__).resolve().parents[1] / "scripts" / "bench_accuracy.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    _write(tmp_path, "a", {"findings": [
        {"rule": "seal.present", "status": "fail", "file": "x.jpg", "page": 1, "message": "未盖章"},
        {"rule": "assessment.years", "status": "review", "file": None, "page": None, "message": "年度不全"},
        {"rule": "dossier.readable", "status": "review", "file": "bad.jpg", "page": None, "message": "空文件"},
        {"rule": "seal.unit", "status": "review", "file": "x.jpg", "page": 1, "message": "印章文字无法确认"}]})
    _write(tmp_path, "b", {"findings": [{"rule": "seal.unit", "status": "review", "file": "z.jpg", "page": 2,
                                         "message": "印章文字无法确认"}]})
    lines = bench.listing(KEY, tmp_path)
    assert [line.split()[:4] for line in lines] == [
        ["planted", "a", "assessment.years", "->"], ["planted", "a", "signature.present", "->"],
        ["unplanted", "a", "seal.unit", "review"], ["unplanted", "b", "seal.unit", "review"]]
    assert "-> review" in lines[0] and "-> pass" in lines[1] and "z.jpg:2" in lines[3]


def test_review_only_rules_are_counted_apart(tmp_path):
    """paper.relevance never fails by the contract: its review is what is asked, so it
    is reported beside the catch rate, not as a defect missed; its silence still counts."""
    key = {"applicants": [
        {"key": "r", "expected_verdict": "fail", "unreadable": [], "pages": [],
         "planted": [{"rule": "paper.relevance", "file": None, "page": None, "what": ""},
                     {"rule": "seal.present", "file": "x.jpg", "page": 1, "what": ""}]},
        {"key": "s", "expected_verdict": "review", "unreadable": [], "pages": [],
         "planted": [{"rule": "paper.relevance", "file": None, "page": None, "what": ""}]}]}
    _write(tmp_path, "r", {"verdict": "fail", "documents": [], "findings": [
        {"rule": "paper.relevance", "status": "review", "file": None},
        {"rule": "seal.present", "status": "fail", "file": "x.jpg"}]})
    _write(tmp_path, "s", {"verdict": "pass", "documents": [], "findings": []})
    h = score(key, tmp_path)["headline"]
    assert (h["planted"], h["caught"], h["flagged"], h["catch_rate"]) == (1, 1, 0, 1.0)
    assert (h["review_only_planted"], h["review_only_reviewed"]) == (2, 1)
    assert h["silent"] == 1 and h["silent_rate"] == round(1 / 3, 4)
    assert "review-only" in format_table(score(key, tmp_path))


def test_seals_on_pages_where_none_was_sought_are_counted_apart_not_as_misses(tmp_path, capsys):
    """A page of a kind that needs no seal (a continuing-education certificate, an ID card)
    is not searched for seals (report.json: ``fields.seals_not_sought``): its truth seals
    were counted as misses and seal recall fell 0.981 -> 0.922 on set-s7 with no finding
    changed. They are counted apart, by the kind the page was read as, and said so."""
    seal = {"bbox": [100, 100, 300, 300], "text": "抚顺市继续教育中心", "role": "issuer", "ring_intact": True}
    unit_seal = {"bbox": [400, 100, 600, 300], "text": "抚顺市生态环境监测站", "role": "unit", "ring_intact": True}
    page = {"dates": [], "issn": [], "cn": [], "lines": [], "signatures": []}
    key = {"applicants": [{"key": "n", "expected_verdict": "pass", "unreadable": [], "planted": [], "pages": [
        {**page, "file": "ce.jpg", "page": 1, "kind": "continuing_education", "seals": [seal],
         "marks": [{"bbox": [700, 700, 760, 760]}]},
        {**page, "file": "ce.jpg", "page": 2, "kind": "continuing_education", "seals": [seal, seal]},
        {**page, "file": "id.jpg", "page": 1, "kind": "id_card", "seals": []},
        {**page, "file": "aa.jpg", "page": 1, "kind": "annual_assessment", "seals": [unit_seal]},
        {**page, "file": "x.jpg", "page": 1, "kind": "annual_assessment", "seals": [unit_seal]}]}]}
    sought = {"fields": {"seals_not_sought": "1"}, "seals": [], "signatures": []}
    _write(tmp_path, "n", {"verdict": "pass", "findings": [], "documents": [
        {**sought, "file": "ce.jpg", "page": 1, "kind": "continuing_education"},
        {**sought, "file": "ce.jpg", "page": 2, "kind": "continuing_education"},
        {**sought, "file": "id.jpg", "page": 1, "kind": "id_card"},
        {**sought, "file": "aa.jpg", "page": 1, "kind": "paper"},  # read as the wrong kind: said so
        {"file": "x.jpg", "page": 1, "kind": "annual_assessment", "fields": {}, "signatures": [],
         "seals": [{"bbox": [405, 100, 600, 300], "text": "抚顺市生态环境监测站", "unit_match": "unit"}]}]})
    r = score(key, tmp_path)
    h = r["headline"]
    assert h["seal_recall"] == 1.0 and h["seal_precision"] == 1.0
    assert (h["seals_not_sought"], h["seal_pages_not_sought"]) == (4, 3)
    assert r["seals_not_sought_by_kind"] == {"continuing_education": [3, 2], "annual_assessment->paper": [1, 1]}
    assert h["seal_unit_intact"] == 1 and h["seal_unit_decided_intact"] == 1.0 and h["marks"] == 0
    text = format_table(r)
    assert ("not sought: 4 truth seals on 3 pages read as kinds that need no seal (not in P/R): "
            "annual_assessment->paper 1 on 1, continuing_education 3 on 2") in text
    pooled = summarize(pool([collect(key, tmp_path), from_plain(json.loads(json.dumps(r["raw"])))]))
    assert pooled["headline"]["seals_not_sought"] == 8 and pooled["headline"]["seal_recall"] == 1.0


@pytest.mark.parametrize("degraded, decided", [
    (["photo", "perspective:0.076", "uneven_light", "cast"], 1.0),  # the key's box is the flat page's
    (["scan", "skew:1.20"], 0.0),  # not warped: a box 0.46 off is no match
])
def test_a_seal_on_a_page_warped_in_perspective_is_matched_where_the_photo_shows_it(tmp_path, degraded, decided):
    """The generator warps a phone photo's page inside its frame and keeps the flat page's
    boxes in its key; the reader reports a seal where the photo shows it. Base set A007-009
    scan0460.pdf p2: its seal found, read exactly and decided the unit's, 0.46 IoU from the
    key's box, was counted a missed seal, a false one and an undecided intact ring."""
    key = {"applicants": [{"key": "w", "expected_verdict": "pass", "unreadable": [], "planted": [], "pages": [
        {"file": "w.pdf", "page": 2, "kind": "annual_assessment", "dates": [], "issn": [], "cn": [], "lines": ["x"],
         "signatures": [], "degraded": degraded, "size": [1653, 2337],
         "seals": [{"bbox": [1024, 1449, 1313, 1739], "text": "甲", "role": "unit", "ring_intact": True}]}]}]}
    _write(tmp_path, "w", {"verdict": "pass", "findings": [], "documents": [
        {"file": "w.pdf", "page": 2, "kind": "annual_assessment", "text": "x",
         "seals": [{"bbox": [1065, 1374, 1335, 1648], "text": "甲", "unit_match": "unit"}]}]})
    h = score(key, tmp_path)["headline"]
    assert h["seal_unit_intact"] == 1 and h["seal_unit_decided_intact"] == decided
    assert h["seal_recall"] == decided and h["seal_precision"] == decided


def test_seal_text_scored_only_where_read(tmp_path):
    """A title certificate's seal found by its star and left unread on purpose (text null) scores no reading;
    an annual form's seal read as nothing (text null too) scores as a wrong one."""
    seal = {"bbox": [100, 100, 300, 300], "text": "抚顺市人力资源和社会保障局"}
    key = {"applicants": [{"key": "c", "expected_verdict": "pass", "unreadable": [], "planted": [], "pages": [
        {"file": f, "page": 1, "kind": k, "dates": [], "issn": [], "cn": [], "lines": [], "seals": [dict(seal)],
         "signatures": []} for f, k in (("t.jpg", "title_certificate"), ("a.jpg", "annual_assessment"),
                                        ("b.jpg", "annual_assessment"))]}]}
    _write(tmp_path, "c", {"verdict": "pass", "findings": [], "documents": [
        {"file": "t.jpg", "page": 1, "kind": "title_certificate", "text": "", "seals": [{"bbox": seal["bbox"], "text": None}]},
        {"file": "a.jpg", "page": 1, "kind": "annual_assessment", "text": "", "seals": [{"bbox": seal["bbox"], "text": None}]},
        {"file": "b.jpg", "page": 1, "kind": "annual_assessment", "text": "",
         "seals": [{"bbox": seal["bbox"], "text": seal["text"]}]}]})
    h = score(key, tmp_path)["headline"]
    assert h["seal_recall"] == 1.0 and h["seals_left_unread"] == 1
    assert h["seal_text_exact"] == 0.5


def _legible_key():
    """One clean dossier, one page, three intact-ring seals of the unit: a whole name, a name whose
    second character wear took, a name whose first character lies under black print."""
    seals = [{"bbox": [0, 0, 100, 100], "text": "抚顺市", "role": "unit", "ring_intact": True, "wear": 0.0,
              "chars_kept": [1.0, 0.96, 0.98], "chars_print": [0.0, 0.0, 0.0]},
             {"bbox": [200, 0, 300, 100], "text": "抚顺市", "role": "unit", "ring_intact": True, "wear": 0.08,
              "chars_kept": [0.97, 0.12, 0.9], "chars_print": [0.0, 0.0, 0.0]},
             {"bbox": [400, 0, 500, 100], "text": "抚顺市", "role": "unit", "ring_intact": True, "wear": 0.0,
              "chars_kept": [1.0, 1.0, 1.0], "chars_print": [0.6, 0.0, 0.0]}]
    page = {"file": "f.jpg", "page": 1, "kind": "annual_assessment", "dates": [], "issn": [], "cn": [],
            "lines": [], "seals": seals, "signatures": []}
    return {"applicants": [{"key": "c", "expected_verdict": "pass", "unreadable": [], "planted": [],
                            "pages": [page]}]}


def test_seals_whose_name_lost_a_character_are_counted_apart(tmp_path):
    # the whole seal decided; the worn one and the one under print left undecided, each with a review
    _write(tmp_path, "c", {"verdict": "review", "findings": [
        {"rule": "seal.unit", "status": "review", "file": "f.jpg", "page": 1, "bbox": [200, 0, 300, 100]},
        {"rule": "seal.unit", "status": "review", "file": "f.jpg", "page": 1, "bbox": [400, 2, 500, 100]},
        {"rule": "title.date", "status": "review", "file": "f.jpg", "page": 1}],
        "documents": [{"file": "f.jpg", "page": 1, "kind": "annual_assessment", "text": "", "seals": [
            {"bbox": [0, 0, 100, 100], "unit_match": "unit"},
            {"bbox": [200, 0, 300, 100], "unit_match": "unreadable"},
            {"bbox": [400, 0, 500, 100], "unit_match": "unreadable"}]}]})
    r = score(_legible_key(), tmp_path)
    h = r["headline"]
    # the existing figures are untouched: three intact rings, one decided, three reviews
    assert h["seal_unit_intact"] == 3 and h["seal_unit_decided_intact"] == round(1 / 3, 4)
    assert h["reviews_per_clean"] == 3.0
    # of the three, only the first still names the unit on the page (0.4 of 抚 is left beside the print)
    assert h["seal_unit_legible"] == 1 and h["seal_unit_decided_legible"] == 1.0
    assert h["seal_unit_decided_legible_count"] == 1 and h["seal_unit_right_legible"] == 1.0
    assert h["seal_unit_intact_name_lost"] == 2 and h["seal_unit_decided_name_lost"] == 0
    assert h["reviews_per_clean_lost_name"] == 2.0 and h["reviews_per_clean_other"] == 1.0
    by = r["seal_unit_by_name_left"]
    assert by["0.3"]["legible"] == 2 and by["0.3"]["decided"] == 1 and by["0.3"]["rate"] == 0.5
    assert by["0.7"]["legible"] == 1 and by["0.7"]["lost"] == 2
    text = format_table(r)
    assert "name lost a character: 2" in text and "all others 1.0" in text
    # pooled sets add up
    pooled = summarize(pool([collect(_legible_key(), tmp_path), collect(_legible_key(), tmp_path)]))
    assert pooled["headline"]["seal_unit_legible"] == 2 and pooled["headline"]["reviews_per_clean_lost_name"] == 2.0


def test_keys_without_chars_kept_report_no_legible_figure(tmp_path):
    key = _legible_key()
    for s in key["applicants"][0]["pages"][0]["seals"]:
        del s["chars_kept"], s["chars_print"]
    _write(tmp_path, "c", {"verdict": "review", "findings": [
        {"rule": "seal.unit", "status": "review", "file": "f.jpg", "page": 1, "bbox": [200, 0, 300, 100]}],
        "documents": []})
    r = score(key, tmp_path)
    h = r["headline"]
    assert h["seal_unit_intact"] == 3 and h["seal_unit_decided_intact"] == 0.0
    assert h["seal_unit_decided_legible"] is None and h["seal_unit_intact_name_known"] == 0
    assert h["reviews_per_clean_lost_name"] == 0.0 and h["reviews_per_clean_other"] == 1.0
    assert r["seal_unit_by_name_left"] == {} and "name lost a character" not in format_table(r)
