"""A page of many seals (hostile exploration 7): each seal takes about 1.6 s to read
and two crops of some 190 KB in report.html, so a page of 48 seals took 77 s, under
the stall limit, and 11.5 MB of report; 400 such pages would have held a worker 9
hours and made a 4.6 GB report. A page's seals are read up to MAX_SEALS_PER_PAGE, a
dossier's up to MAX_SEALS_PER_DOSSIER; the seals left unread never let seal.present or
seal.unit fail the page (one of them may be the unit's own): they ask a person."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_rules import applicant, by_rule, clean_pages, replace, run  # noqa: E402
from verify.model import SealMark  # noqa: E402

OTHER = SealMark((1, 1, 50, 50), 0.9, text="抚顺市某某化工有限公司", unit_match="other")


def _page_of_seals(rows: int, cols: int) -> np.ndarray:
    from PIL import Image

    from fixtures.stamps import draw_seal

    img = Image.new("RGB", (2480, 3508), "white")
    for r in range(rows):
        for c in range(cols):
            draw_seal(img, (300 + c * 620, 330 + r * 640), 240, "抚顺市生态环境局东洲分局", seed=r * cols + c)
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])


@pytest.fixture(scope="module")
def many_seals():
    return _page_of_seals(4, 4)


def _read(image: np.ndarray, room: list[int]):
    from ocr.model import OcrPage
    from ocr.testing import CountingEngine
    from verify.run.pipeline import read_page

    ocr = OcrPage(width=image.shape[1], height=image.shape[0], engine="test", lines=[])
    result = SimpleNamespace(index=1, ocr=ocr, image=image)
    return read_page("a/seals.jpg", result, applicant(), CountingEngine("抚顺市生态环境局东洲分局"), {}, seal_room=room)


def test_a_page_of_sixteen_seals_reads_eight_and_says_how_many_it_left(many_seals):
    from verify.marks.seals import MAX_SEALS_PER_PAGE

    room = [300]
    read = _read(many_seals, room)
    left = int(read.fields.get("seals_not_read", 0))
    assert len(read.seals) == MAX_SEALS_PER_PAGE == 8
    assert left >= 4 and room == [300 - 8]


def test_the_dossiers_seal_room_once_spent_leaves_the_pages_seals_unread(many_seals):
    room = [3]
    read = _read(many_seals, room)
    assert len(read.seals) == 3 and int(read.fields["seals_not_read"]) >= 9 and room == [0]


def test_seals_left_unread_turn_a_seal_unit_fail_into_a_review():
    failed = by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[OTHER])), "seal.unit")
    assert [f.status for f in failed if f.file == "a/kaohe2021.jpg"] == ["fail"]
    asked = by_rule(run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[OTHER], fields={"seals_not_read": "40"})),
                    "seal.unit")
    asked = [f for f in asked if f.file == "a/kaohe2021.jpg"]
    assert [f.status for f in asked] == ["review"] and "40 枚" in asked[0].message


def test_a_page_whose_seals_were_all_left_unread_is_no_page_without_a_seal():
    findings = run(replace(clean_pages(), "a/kaohe2021.jpg", seals=[], fields={"seals_not_read": "48"}))
    for rule in ("seal.present", "seal.unit"):
        got = [f for f in by_rule(findings, rule) if f.file == "a/kaohe2021.jpg"]
        assert [f.status for f in got] == ["review"], (rule, got)
