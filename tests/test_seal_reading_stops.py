"""What seal reading leaves unread (issue 12: the whole check at most 1.05x the OCR alone):
the lines under a seal's star, where no rule weighs the seal."""
from __future__ import annotations

import numpy as np
from PIL import Image

from fixtures.stamps import draw_seal

UNIT = "抚顺市生态环境事务服务中心"


class _Lines:
    """An engine that reads every seal strip as ``text`` (no lattice) and every line under
    the star as ``bottom``, and counts both."""

    def __init__(self, text: str, bottom: str):
        self.strips, self.lines, self.text, self.bottom = 0, 0, text, bottom

    def read_seal_line(self, image):
        self.strips += 1
        return self.text, 0.95, None

    def read_line(self, image):
        self.lines += 1
        return self.bottom, 0.95, None


def _purpose_seal():
    from verify.model import SealMark

    img = Image.new("RGB", (600, 600), "white")
    box = draw_seal(img, (300, 300), 200, "辽宁省人力资源和社会保障厅", "人事专用章", seed=2)["bbox"]
    return np.asarray(img)[:, :, ::-1].copy(), SealMark(tuple(int(v) for v in box), 0.9, color="red", certain=True)


def test_the_lines_under_the_star_are_not_read_where_no_rule_weighs_the_seal():
    """The line under a seal's star says what the seal is for (人事专用章, 财务专用章): seal.unit
    reads it, and only on the kinds whose seal names the unit. On a title or award
    certificate (``decide`` False) it was read and measured (``character_row``) for no rule:
    the sample's award certificate's 「2019年9月」 under 中国环境科学学会, 35 ms of recognition."""
    from verify.marks.seals import read_seals

    page, seal = _purpose_seal()
    engine = _Lines("辽宁省人力资源和社会保障厅", "人事专用章")
    read_seals(page, [seal], engine, [UNIT], decide=False)
    assert engine.lines == 0 and seal.bottom_text is None and seal.bottom_row is None
    assert seal.text == "辽宁省人力资源和社会保障厅" and engine.strips == 1


def test_the_lines_under_the_star_are_read_where_seal_unit_weighs_the_seal():
    """A guard: where the seal names the unit the line under its star is read as before."""
    from verify.marks.seals import read_seals

    page, seal = _purpose_seal()
    engine = _Lines("辽宁省人力资源和社会保障厅", "人事专用章")
    read_seals(page, [seal], engine, [UNIT], decide=True)
    assert engine.lines >= 1 and seal.bottom_text == "人事专用章"  # (and the row under the star, where its ink shows one)
