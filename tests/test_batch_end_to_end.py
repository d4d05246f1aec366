"""One tiny real dossier through ``verify check`` with the real engine (slow: one page)."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from verify import cli

YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\ncurrent_title:\n  name: 助理工程师\n  date: 2019-06-30\n"


@pytest.mark.slow
def test_check_reads_a_real_page_writes_reports_and_reuses_them(tmp_path):
    cv2 = pytest.importorskip("cv2")
    from ocr import synthetic

    if synthetic.find_cjk_font() is None:
        pytest.skip("no CJK font installed (fonts-wqy-zenhei)")
    folder = tmp_path / "zhangwei"
    (folder / "scans").mkdir(parents=True)
    (folder / "applicant.yaml").write_text(YAML, encoding="utf-8")
    page = synthetic.certificate_page(dpi=150).image
    assert cv2.imwrite(str(folder / "scans" / "cert.jpg"), page)
    (folder / "scans" / "cert.jpg").rename(folder / "scans" / "证书.jpg")
    out, cache = tmp_path / "out", tmp_path / "ocr.sqlite"

    assert cli.main(["check", str(folder), "-o", str(out), "--cache", str(cache), "-q"]) == 0
    report = json.loads((out / "zhangwei" / "report.json").read_text(encoding="utf-8"))
    assert [(d["file"], d["page"]) for d in report["documents"]] == [("scans/证书.jpg", 1)]
    doc = report["documents"][0]
    assert doc["size"] == [page.shape[1], page.shape[0]]
    assert "资格证书" in doc["text"] and "张伟" in doc["text"], doc["text"]
    assert report["verdict"] == "fail", "the other required documents are missing"
    html = (out / "zhangwei" / "report.html").read_text(encoding="utf-8")
    assert "张伟" in html and "http://" not in html and "https://" not in html
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["key"], r["name"], r["verdict"]) for r in rows] == [("zhangwei", "张伟", "fail")]
    assert int(rows[0]["fail"]) == sum(f["status"] == "fail" for f in report["findings"]) > 0

    # the same dossier as a zip, OCR from the cache: names relative to the applicant folder
    zipped = tmp_path / "zhangwei.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, "zhangwei/" + p.relative_to(folder).as_posix())
    out2 = tmp_path / "out2"
    assert cli.main(["check", str(zipped), "-o", str(out2), "--cache", str(cache), "-q", "--strict"]) == 1
    report2 = json.loads((out2 / "zhangwei" / "report.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in report2["documents"]] == ["scans/证书.jpg"]
    assert report2["documents"][0]["text"] == doc["text"]
