"""After a 补交 (new scans) each decision on a finding that reads as it did stays, and its
card says it was carried (沿用补交前的决定, who and when); only a decision whose finding
changed goes stale, its card saying what changed (旧结果 -> 新结果). A confirmation of a
pass stays on a replaced file (it says nothing the new file's pass does not); an
override or a confirmation of a failure does not (the applicant replaced the file to
answer it); a file moved to another name unchanged keeps its decisions (its sha256)."""
from __future__ import annotations

from conftest import add_running_applicant


def seal(status="fail", file="a.jpg", message="印章单位不符", value="甲单位"):
    return {"rule": "seal.unit", "status": status, "file": file, "page": 1, "message": message,
            "value": value, "expected": "乙单位", "bbox": [0, 0, 100, 100]}


def signed(file="b.jpg"):
    return {"rule": "signature.present", "status": "pass", "file": file, "page": 1, "message": "已签字",
            "value": None, "expected": None, "bbox": [0, 500, 100, 600]}


def checked(tmp_path, findings, digests):
    from verify.desk import review
    from verify.desk.store import DataFolder, transaction

    folder = DataFolder(tmp_path / "data")
    folder.create()
    conn = folder.connect()
    with transaction(conn):
        add_running_applicant(conn, name=None)
        review.record_run(conn, 1, 1, {"findings": findings}, "fail", digests=digests)
    return conn


def decided(conn):
    rows = conn.execute("SELECT d.*, f.file AS on_file FROM decisions d JOIN findings f ON f.id = d.finding_id")
    return {(r["rule"], r["on_file"]): (r["action"], r["stale"], r["carried_from"]) for r in rows
            if r["file"] == r["on_file"]}


def test_a_confirmation_of_a_pass_stays_on_a_replaced_file_an_override_goes_stale(tmp_path):
    from verify.desk import review
    from verify.desk.store import transaction

    conn = checked(tmp_path, [seal(), signed()], {"a.jpg": "d1", "b.jpg": "e1"})
    with transaction(conn):
        ids = {r["rule"]: r["id"] for r in conn.execute("SELECT id, rule FROM findings")}
        review.decide_finding(conn, 1, ids["seal.unit"], "pass", "公章为单位曾用名", "李审")
        review.decide_finding(conn, 1, ids["signature.present"], "confirm", "", "李审")
        # both files scanned again; each reads as it did
        after = review.record_run(conn, 1, 2, {"findings": [seal(), signed()]}, "fail",
                                  digests={"a.jpg": "d2", "b.jpg": "e2"})
    assert (after["decisions_kept"], after["decisions_stale"]) == (1, 1)
    assert decided(conn) == {("seal.unit", "a.jpg"): ("pass", 1, None),
                             ("signature.present", "b.jpg"): ("confirm", 0, 1)}


def test_a_confirmation_of_a_failure_on_a_replaced_file_goes_stale_saying_only_the_file_changed(tmp_path):
    from verify.desk import review
    from verify.desk.store import transaction

    conn = checked(tmp_path, [seal()], {"a.jpg": "d1"})
    with transaction(conn):
        review.decide_finding(conn, 1, 1, "confirm", "", "李审")
        review.record_run(conn, 1, 2, {"findings": [seal()]}, "fail", digests={"a.jpg": "d2"})
    findings = review.findings_of(conn, 1)
    beside, changes = review.stale_beside(review.stale_decisions(conn, 1), findings)
    (earlier,) = beside.values()
    assert earlier.same and earlier.change.startswith("文件已更换")
    with transaction(conn):  # one step: the new finding decided, the stale decision gone
        review.take_stale(conn, 1, earlier.decision["id"], findings[0].id, "王审")
    assert decided(conn) == {("seal.unit", "a.jpg"): ("confirm", 0, None)}
    assert not review.stale_decisions(conn, 1)


def test_a_changed_finding_says_what_changed_and_is_not_taken_over(tmp_path):
    from verify.desk import review
    from verify.desk.store import DeskError, transaction

    conn = checked(tmp_path, [seal(), signed()], {"a.jpg": "d1", "b.jpg": "e1"})
    with transaction(conn):
        review.decide_finding(conn, 1, 1, "confirm", "", "李审")
        # the corrected scan: the seal now reads as the applicant's unit
        review.record_run(conn, 1, 2, {"findings": [seal("pass", message="印章单位一致", value="乙单位"), signed()]},
                          "pass", digests={"a.jpg": "d2", "b.jpg": "e1"})
    findings = review.findings_of(conn, 1)
    beside, changes = review.stale_beside(review.stale_decisions(conn, 1), findings)
    (earlier,) = beside.values()
    assert not earlier.same
    assert earlier.change == ("旧结果：不通过（印章单位不符）→ 新结果：通过（印章单位一致）；读取值：甲单位 → 乙单位；文件已更换")
    assert list(changes.values()) == [(earlier.change, findings[0].id)]  # the list links the new finding
    try:
        with transaction(conn):
            review.take_stale(conn, 1, earlier.decision["id"], findings[1].id, "李审")  # another finding's
    except DeskError as exc:
        assert "不是对此项作出的" in str(exc)
    else:
        raise AssertionError("a stale decision was taken over onto another finding")


def test_a_file_moved_to_another_name_unchanged_keeps_its_decision(tmp_path):
    from verify.desk import review
    from verify.desk.store import transaction

    conn = checked(tmp_path, [seal(file="扫描/a.jpg")], {"扫描/a.jpg": "d1"})
    with transaction(conn):
        review.decide_finding(conn, 1, 1, "pass", "公章为单位曾用名", "李审")
        after = review.record_run(conn, 1, 2, {"findings": [seal(file="补交/公示.jpg")]}, "fail",
                                  digests={"补交/公示.jpg": "d1"})
    assert after["decisions_kept"] == 1
    assert decided(conn) == {("seal.unit", "补交/公示.jpg"): ("pass", 0, 1)}
    (f,) = review.findings_of(conn, 1)
    assert f.decision["reason"] == "公章为单位曾用名"


def test_the_decisions_export_says_which_were_carried(tmp_path):
    from verify.desk import export, review
    from verify.desk.store import transaction

    conn = checked(tmp_path, [seal(), signed()], {"a.jpg": "d1", "b.jpg": "e1"})
    with transaction(conn):
        review.decide_finding(conn, 1, 1, "confirm", "", "李审")
        review.record_run(conn, 1, 2, {"findings": [seal(), signed()]}, "fail", digests={"a.jpg": "d1", "b.jpg": "e1"})
        review.decide_finding(conn, 1, 4, "confirm", "", "李审")  # the signature, decided on the new check
    rows = export.decision_rows(conn, conn.execute("SELECT * FROM applicants").fetchall(), "http://desk")
    assert [(r[3], r[12]) for r in rows] == [("seal.unit", "沿用第 1 次核验时的决定（此后重新核验，该项结果未变）"),
                                             ("signature.present", "")]


def test_a_stale_decision_is_not_put_beside_a_finding_decided_since(tmp_path):
    """Three documents missing, 公示结果 handed in: its stale confirmation was put beside
    年度考核表 (the next in the order of one rule and place), whose decision was carried,
    saying 「缺少公示结果 → 缺少年度考核表」. It says its finding is gone."""
    from verify.desk import review
    from verify.desk.store import transaction

    def missing(what):
        return {"rule": "dossier.required", "status": "fail", "file": None, "page": None,
                "message": f"缺少必备材料：{what}", "value": None, "expected": what}

    conn = checked(tmp_path, [missing("推荐表"), missing("公示结果"), missing("年度考核表")], {})
    with transaction(conn):
        for finding_id in (1, 2, 3):
            review.decide_finding(conn, 1, finding_id, "confirm", "", "李审")
        review.record_run(conn, 1, 2, {"findings": [missing("推荐表"), missing("年度考核表")]}, "fail", digests={})
    beside, changes = review.stale_beside(review.stale_decisions(conn, 1), review.findings_of(conn, 1))
    assert beside == {} and list(changes.values()) == [("该项在新的核验结果中已不存在", None)]
