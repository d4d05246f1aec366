"""Zip member names this machine cannot keep as given: one such file is skipped with a
``dossier.readable`` review saying why, not the whole applicant lost (hostile
exploration 2 P7: a 90-character Chinese name, legal on Windows, was an error row
"压缩包已损坏…（OSError）"); two spellings of one name are both read."""
from __future__ import annotations

import json
import unicodedata
import zipfile

import pytest

from verify.run import batch
from verify.run.batch import BatchOptions, find_dossiers, run_batch
from verify.run.pipeline import Settings, dossier_files

LONG_NAME_REASON = "文件名过长（超过 255 字节），未读取，请改短文件名后重新提交"

YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\n"
LONG = "长" * 90 + ".jpg"  # 274 bytes of UTF-8, 94 UTF-16 units


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_a_name_too_long_for_linux_skips_that_file_only(tmp_path):
    zipped = _zip(tmp_path / "A.zip", {"A/applicant.yaml": YAML.encode(), "A/公示.jpg": b"x",
                                       f"A/{LONG}": b"x", f"A/{'目' * 90}/证书.jpg": b"x"})
    with batch.open_dossier(batch.DossierInput("A", zipped), tmp_path) as folder:
        files, odd = dossier_files(folder)
    assert [f.name for f in files] == ["公示.jpg"]
    assert sorted((u.file, u.reason) for u in odd) == sorted([(LONG, LONG_NAME_REASON),
                                                              (f"{'目' * 90}/证书.jpg", LONG_NAME_REASON)])


def test_a_name_too_long_reaches_the_report_as_a_review(tmp_path):
    arch = tmp_path / "archive"
    arch.mkdir()
    _zip(arch / "A.zip", {"A/applicant.yaml": YAML.encode(), f"A/{LONG}": b"x"})
    out = tmp_path / "out"
    outcome = run_batch(find_dossiers(arch), out, Settings(cache_path=None),
                        BatchOptions(workers=1, progress="none"))
    (row,) = outcome.rows
    assert row.verdict != "error" and not row.error
    report = json.loads((out / "A" / "report.json").read_text(encoding="utf-8"))
    assert [(f["status"], f["file"]) for f in report["findings"]
            if f["rule"] == "dossier.readable" and "文件名过长" in f["message"]] == [("review", LONG)]


@pytest.mark.parametrize("first, second", [("a.jpg", "A.JPG"),
                                           (unicodedata.normalize("NFC", "café.jpg"),
                                            unicodedata.normalize("NFD", "café.jpg"))])
def test_two_spellings_of_one_name_are_both_read(tmp_path, first, second):
    zipped = _zip(tmp_path / "A.zip", {"A/applicant.yaml": YAML.encode(), f"A/{first}": b"1", f"A/{second}": b"2"})
    with batch.open_dossier(batch.DossierInput("A", zipped), tmp_path) as folder:
        files, odd = dossier_files(folder)
        assert sorted(f.read_bytes() for f in files) == [b"1", b"2"] and odd == []


def test_two_spellings_of_the_applicants_file_are_still_refused(tmp_path):
    zipped = _zip(tmp_path / "A.zip", {"A/applicant.yaml": YAML.encode(), "A/Applicant.YAML": (YAML + "unit_kind: 企业\n").encode()})
    with pytest.raises(batch.UnsafeArchive, match="出现不止一次"):
        batch.extract_zip(zipped, tmp_path / "x")


def test_a_scan_given_twice_is_not_extracted_and_the_rest_is_read(tmp_path):
    """A zip holding 证书.jpg twice (zipfile, some packers, appending): which copy an unzip
    tool shows is its choice, so neither is taken; the archive was an error row, every
    other page of the applicant lost with it (hostile2's audit). Three copies are named once."""
    import warnings

    from verify.run.zips import DUPLICATE_REASON

    path = tmp_path / "A.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is told to write
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("A/applicant.yaml", YAML)
            zf.writestr("A/公示.jpg", b"p")
            for copy in (b"1", b"2", b"3"):
                zf.writestr("A/证书.jpg", copy)
            zf.writestr("A/.DS_Store", b"x"), zf.writestr("A/.DS_Store", b"y")  # litter twice: passed over
    with batch.open_dossier(batch.DossierInput("A", path), tmp_path) as folder:
        files, odd = dossier_files(folder)
        assert [f.name for f in files] == ["公示.jpg"] and not (folder / "证书.jpg").exists()
    assert [(u.file, u.reason) for u in odd] == [("证书.jpg", DUPLICATE_REASON)]


def test_a_link_beside_the_zipped_folder_is_named_too(tmp_path):
    """A link member beside the applicant's folder in the zip was dropped without a word:
    only members inside that folder reached the note (hostile exploration 4 P1)."""
    zipped = _zip(tmp_path / "A.zip", {"A/applicant.yaml": YAML.encode(), "A/公示.jpg": b"x"})
    with zipfile.ZipFile(zipped, "a") as zf:
        link = zipfile.ZipInfo("link.jpg")
        link.create_system, link.external_attr = 3, (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    with batch.open_dossier(batch.DossierInput("A", zipped), tmp_path) as folder:
        files, odd = dossier_files(folder)
    assert [f.name for f in files] == ["公示.jpg"]
    assert [(u.file, "符号链接" in u.reason and "申报人文件夹之外" in u.reason) for u in odd] == [("link.jpg", True)]
