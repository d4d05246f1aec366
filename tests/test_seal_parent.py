"""seal.unit: the seal of the unit's parent body alone (抚顺市生态环境局 on a form of 抚顺市生态环境局望花分局) fails only
where its reading is whole: its characters fill more of the ring than the branch's own seal gives them (slow: the real
engine)."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image

from fixtures.stamps import draw_seal
from verify.marks.seals import find_seals, read_seals
from verify.model import Applicant
from verify.rules.seal_unit import _parent_alone

UNIT, PARENT = "抚顺市生态环境局望花分局", "抚顺市生态环境局"


@pytest.mark.slow
def test_real_engine_tells_the_parent_bodys_seal_from_the_branchs_seal_with_its_end_lost(ppocr_engine):
    img = Image.new("RGB", (1240, 1754), (248, 247, 244))
    draw_seal(img, (330, 330), 130, UNIT, None, seed=3, font="song", span=250.0)  # the branch's own seal
    draw_seal(img, (330, 870), 130, PARENT, None, seed=4, font="song", span=240.0, rotation_deg=-20)  # the parent's
    # the branch's seal with its last four characters lost: its first eight at the branch's pitch
    draw_seal(img, (330, 1410), 130, PARENT, None, seed=5, font="song", span=250.0 * 8 / 12, rotation_deg=40)
    image = np.asarray(img)[:, :, ::-1].copy()
    own, alone, lost = sorted(read_seals(image, find_seals(image), ppocr_engine, [UNIT]), key=lambda s: s.bbox[1])
    assert own.unit_match == "unit" and {alone.unit_match, lost.unit_match} == {"unreadable"}, (own, alone, lost)
    assert alone.text == lost.text == PARENT
    page = SimpleNamespace(ocr=SimpleNamespace(width=1240, height=1754), seals=[own, alone, lost])
    dossier = SimpleNamespace(applicant=Applicant(name="张三", unit=UNIT), pages=[page])
    assert _parent_alone([(page, alone)], dossier) is not None, (alone.arc_span, own.arc_span)
    assert _parent_alone([(page, lost)], dossier) is None, (lost.arc_span, own.arc_span)
    # no seal of the branch's own read in the dossier to compare with: the reading may have lost the end
    assert _parent_alone([(page, alone)], SimpleNamespace(applicant=dossier.applicant, pages=[])) is None
