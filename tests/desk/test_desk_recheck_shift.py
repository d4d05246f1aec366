"""A recheck keeps a decision on its finding when another finding of the same rule and
place before it is gone (desk exploration 7): the findings of one rule, file and page
are told apart by their order, so that 「缺少推荐表」's decision, the second of three
missing documents, went stale once the first was handed in, and the reviewer decided it
again. A decision still moves only onto a finding that says what it was decided on."""
from __future__ import annotations

from conftest import add_running_applicant


def missing(what: str) -> dict:
    return {"rule": "dossier.required", "status": "fail", "file": None, "page": None,
            "message": f"缺少必备材料：{what}", "value": None, "expected": what}


def test_a_decision_follows_its_finding_when_one_before_it_is_gone(tmp_path):
    from verify.desk import review
    from verify.desk.store import DataFolder, transaction

    folder = DataFolder(tmp_path / "data")
    folder.create()
    with folder.connection() as conn, transaction(conn):
        add_running_applicant(conn, name=None)
        review.record_run(conn, 1, 1, {"findings": [missing("推荐表"), missing("公示结果"), missing("年度考核表")]},
                          "fail", digests={})
        ids = [r[0] for r in conn.execute("SELECT id FROM findings ORDER BY position")]
        review.decide_finding(conn, 1, ids[0], "confirm", "", "李审")
        review.decide_finding(conn, 1, ids[1], "confirm", "", "李审")
        review.decide_finding(conn, 1, ids[2], "pass", "年度考核表已另行报送", "李审")
        # 公示结果 handed in: the other two findings are as they were, one place earlier
        after = review.record_run(conn, 1, 2, {"findings": [missing("推荐表"), missing("年度考核表")]}, "fail",
                                  digests={})
        assert (after["decisions_kept"], after["decisions_stale"]) == (2, 1) and "decisions_changed" not in after
        decided = {f.message: f.decision for f in review.findings_of(conn, 1)}
        assert decided["缺少必备材料：推荐表"]["action"] == "confirm"
        kept = decided["缺少必备材料：年度考核表"]
        assert kept["action"] == "pass" and kept["reason"] == "年度考核表已另行报送"
        stale = review.stale_decisions(conn, 1)
        assert [(d["action"], d["stale"]) for d in stale] == [("confirm", 1)]
        assert "公示结果" in conn.execute("SELECT message FROM findings WHERE id = ?", (stale[0]["finding_id"],)).fetchone()[0]

        # the stale one's place now holds another finding: deciding that one is a decision of its own
        now = {f.message: f.id for f in review.findings_of(conn, 1)}
        review.decide_finding(conn, 1, now["缺少必备材料：年度考核表"], "confirm", "", "李审")
        assert review.stale_decisions(conn, 1)[0]["action"] == "confirm"
        assert {f.message: f.decision["action"] for f in review.findings_of(conn, 1)} == {
            "缺少必备材料：推荐表": "confirm", "缺少必备材料：年度考核表": "confirm"}

        # and back: a third check with 公示结果 missing again brings the stale decision back to it
        after = review.record_run(conn, 1, 3, {"findings": [missing("推荐表"), missing("公示结果"), missing("年度考核表")]},
                                  "fail", digests={})
        assert after["decisions_kept"] == 3 and not review.stale_decisions(conn, 1)
