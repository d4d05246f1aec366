"""Two-up spreads (two pages in one landscape image) are read as their two documents.

Trust exploration 4, K3: a clean dossier scanned as A3 sheets, two A4 documents on
each, carried 13 reviews: one kind for the two, a seal 「可能盖在另一份材料上」, the
years of two annual forms unread. The real engine reads a spread made of the
sample's own 推荐表 and 公示结果 pasted side by side.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample" / "A2024-001"


def _spread(left: Path, right: Path, out: Path) -> None:
    a, b = Image.open(left).convert("RGB"), Image.open(right).convert("RGB")
    gutter = 60
    sheet = Image.new("RGB", (a.width + b.width + gutter, max(a.height, b.height)), (250, 250, 248))
    sheet.paste(a, (0, 0))
    sheet.paste(b, (a.width + gutter, 0))
    sheet.save(out, quality=92)


@pytest.mark.slow
def test_a_spread_of_two_documents_is_read_as_two(tmp_path, ppocr_engine, monkeypatch):
    from verify.run import pipeline
    from verify.run.pipeline import Settings, check_dossier

    folder = tmp_path / "A3"
    folder.mkdir()
    shutil.copy(SAMPLE / "applicant.yaml", folder / "applicant.yaml")
    _spread(SAMPLE / "scan" / "扫描全能王 2024-10-17 01.29.jpg", SAMPLE / "scan" / "材料8.jpg", folder / "A3扫描.jpg")
    monkeypatch.setattr(pipeline, "engine_for", lambda settings: ppocr_engine)

    result = check_dossier(folder, "A3", Settings(cache_path=None))

    assert [(p.part, p.kind) for p in result.pages] == [(1, "recommendation_form"), (2, "publicity_result")]
    left, right = result.pages
    gutter = 1240 + 30
    assert all(l.bbox[2] < gutter for l in left.ocr.lines) and all(l.bbox[0] > gutter for l in right.ocr.lines)
    # each half's seal is its own: none is said to be perhaps on the other document
    assert left.seals and right.seals
    assert all(s.bbox[2] < gutter for s in left.seals) and all(s.bbox[0] > gutter for s in right.seals)
    findings = [f for f in result.findings if f.rule in ("seal.present", "seal.unit", "signature.present")
                and f.file == "A3扫描.jpg"]
    assert findings and all(f.status == "pass" for f in findings), [(f.rule, f.status, f.message) for f in findings]
    assert {f.part for f in findings} == {1, 2}
    assert "（右半页）" in right.where
