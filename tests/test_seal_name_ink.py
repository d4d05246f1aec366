"""scripts/seal_name_ink.py: name characters read, and seals decided, by the ink their name kept."""
import doctest
import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "seal_name_ink.py"
_spec = importlib.util.spec_from_file_location("seal_name_ink", SCRIPT)
seal_name_ink = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seal_name_ink)


def test_doctests():
    assert doctest.testmod(seal_name_ink).failed == 0


def test_characters_read_and_seals_decided_by_ink_left(tmp_path, capsys):
    seals = [{"bbox": [0, 0, 100, 100], "text": "抚顺市", "role": "unit", "ring_intact": True,
              "chars_kept": [1.0, 0.96, 0.98], "chars_print": [0.0, 0.0, 0.0]},
             {"bbox": [200, 0, 300, 100], "text": "抚顺市", "role": "unit", "ring_intact": True,
              "chars_kept": [0.97, 0.12, 0.9], "chars_print": [0.0, 0.0, 0.0]},
             {"bbox": [400, 0, 500, 100], "text": "抚顺市", "role": "unit", "ring_intact": False,
              "chars_kept": [0.0, 0.0, 0.0], "chars_print": [0.0, 0.0, 0.0]}]
    page = {"file": "f.jpg", "page": 1, "kind": "annual_assessment", "seals": seals}
    key = {"applicants": [{"key": "c", "pages": [page]}]}
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "answer_key.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "out" / "c").mkdir(parents=True)
    (tmp_path / "out" / "c" / "report.json").write_text(json.dumps({"documents": [
        {"file": "f.jpg", "page": 1, "seals": [{"bbox": [0, 0, 100, 100], "unit_match": "unit", "text": "抚顺市"},
                                              {"bbox": [200, 0, 300, 100], "unit_match": "unreadable",
                                               "text": "抚市"}]}]}, ensure_ascii=False), encoding="utf-8")
    assert seal_name_ink.main(["--set", str(tmp_path / "set"), "--reports", str(tmp_path / "out"), "--list"]) == 0
    out = capsys.readouterr().out
    # the blotted 顺 (0.12 of its ink) is not read; the five whole characters are
    assert "0.1-0.2: 0/1 = 0.00" in out and ">=0.9: 5/5 = 1.00" in out
    # the seal whose name lost 顺 is the undecided one; the broken ring is not counted at all
    assert "0.1-0.2: 0/1\n" in out and ">=0.9: 1/1\n" in out
    assert "undecided intact seals (1)" in out and "0.120 c f.jpg:1" in out
