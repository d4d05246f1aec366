"""The desk's labels are Chinese, those read aloud included (desk exploration 7: the info
form's paper and award boxes were labelled 「论文 1 title」, 「获奖 1 date」)."""
from __future__ import annotations

import re

from test_desk_app import checked_applicant


def test_the_info_forms_boxes_are_labelled_in_chinese(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}/info").text
    labels = re.findall(r'aria-label="([^"]*)"', page)
    assert "论文 1 题目" in labels and "论文 1 发表时间" in labels and "获奖 1 名称" in labels
    assert not [label for label in labels if re.search(r"\b(title|journal|issn|cn|date)\b", label)]
