"""The exports' rows are in the order of the applicants' keys (编号), whatever order they
were uploaded in: they followed the list's order (as uploaded), so two exports of one
desk did not compare row by row (desk exploration 2). Digits sort as numbers (A2024-9
before A2024-10)."""
from __future__ import annotations

import csv
import io
import re

from conftest import csrf_of
from test_desk_app import checked_applicant, finding_ids

KEYS = ("A2024-10", "A2024-002", "A2024-9")  # as uploaded
SORTED = ["A2024-002", "A2024-9", "A2024-10"]


def test_the_exports_rows_follow_the_applicants_keys(desk, tmp_path):
    from openpyxl import load_workbook

    app, folder, client = desk
    li = client("李审")
    ids = {}
    for key in KEYS:
        ids[key] = checked_applicant(li, tmp_path / key, key=key)
    listed = re.findall(r'<tr data-id="(\d+)"', li.get("/applicants").text)
    assert [int(i) for i in listed] == [ids[k] for k in reversed(KEYS)]  # the list: newest first
    for key in ("A2024-10", "A2024-002"):  # a decision on each, for the decisions' sheet
        url = f"/applicants/{ids[key]}"
        page = li.get(url).text
        li.post(f"{url}/findings/{finding_ids(page)['seal.unit']}", data={"csrf_token": csrf_of(page), "action": "confirm"})

    rows = list(csv.reader(io.StringIO(li.get("/export.csv").content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == SORTED
    book = load_workbook(io.BytesIO(li.get("/export.xlsx").content))
    assert [r[0].value for r in book["审核结果"].iter_rows(min_row=2)] == SORTED
    assert [r[0].value for r in book["逐项复核决定"].iter_rows(min_row=2)] == ["A2024-002", "A2024-10"]
    decisions = list(csv.reader(io.StringIO(li.get("/export-decisions.csv").content.decode("utf-8-sig"))))
    assert [r[0] for r in decisions[1:]] == ["A2024-002", "A2024-10"]
    # a filtered export keeps that order
    rows = list(csv.reader(io.StringIO(li.get("/export.csv?q=A2024").content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == SORTED
