"""Probe round 11, set 3: grades ticked in printed choice boxes (□优秀 □合格 □基本合格 □不合格) on the annual forms, an
award certificate made out to another person, continuing education of past years only, a 推荐表 of another person.

    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/make3.py      # ROOT/set3 + ROOT/answer_key3.json
    verify batch /tmp/trust11/set3 -o /tmp/trust11/out3 --workers 1 --cache /tmp/trust11/ocr.sqlite
    PROBE_OUT=/tmp/trust11 python scripts/probe_trust11/score.py /tmp/trust11/out3 --key answer_key3.json [-v]
"""
from __future__ import annotations

import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import make as M  # noqa: E402

D = M.D
AW = dict(M.AW)
SET = [
    M.person("Q01", "付红梅", "女", D(1987, 4, 9), "210403", M.U3, ("助理工程师", D(2018, 12, 26)), "pdf", checkbox=True),
    M.person("Q02", "姜涛", "男", D(1985, 9, 30), "210411", M.U1, ("助理工程师", D(2019, 6, 28)), "jpg300", checkbox=True,
             award=dict(AW)),
    M.person("Q03", "白云飞", "男", D(1990, 1, 5), "210402", M.U4, ("助理工程师", D(2020, 9, 30)), "pdf", checkbox=True,
             years={2021: "合格", 2022: "合格", 2023: "基本合格"}, planted="assessment.years"),
    M.person("Q04", "邵明哲", "男", D(1984, 6, 21), "210404", M.U2, ("助理工程师", D(2017, 12, 20)), "jpg300",
             award=dict(AW, to="邵建国"), planted="identity.name"),
    M.person("Q05", "田甜", "女", D(1993, 5, 15), "210402", M.U1, ("助理工程师", D(2020, 12, 30)), "pdf",
             ce_years=(2016, 2017, 2018), planted="dossier.required"),
    M.person("Q06", "贺伟", "男", D(1982, 3, 28), "210411", M.U3, ("助理工程师", D(2016, 6, 30)), "jpg300",
             rec_name="何建平", planted="identity.name"),
]


def main():
    out = M.ROOT + "/set3"
    if os.path.isdir(out):
        shutil.rmtree(out)
    key = {}
    for n, a in enumerate(SET):
        rng = np.random.default_rng(3100 + n)
        dpi = 300 if a["pack"] == "jpg300" else 200
        docs = M.docs_for(a, rng, dpi)
        if a.get("rec_name"):  # another person's 推荐表
            b = dict(a, name=a["rec_name"], id=M.idnum("210411", D(1979, 2, 2), 57))
            docs[0] = ("推荐表", M.recommend(b, rng, dpi))
        M.pack(a, docs, os.path.join(out, a["key"]), rng, dpi)
        key[a["key"]] = dict(planted=a["planted"], pack=a["pack"], name=a["name"])
        print(a["key"], flush=True)
    json.dump(key, open(M.ROOT + "/answer_key3.json", "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
