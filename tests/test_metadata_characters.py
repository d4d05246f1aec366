"""A character YAML refuses in applicant.yaml is an error row in Chinese that says
where it is, not an English ``ReaderError`` with a traceback (hostile exploration 2 P8)."""
from __future__ import annotations

import logging

import pytest

from verify.applicant import MetadataError, load_applicant
from verify.run.batch import find_dossiers
from verify.run.pipeline import Settings
from verify.run.task import DossierTask, check_task


@pytest.mark.parametrize("char, code", [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F"),
                                        ("\ufffe", "U+FFFE")])
def test_a_control_character_in_applicant_yaml_is_named_by_its_place(tmp_path, char, code):
    (tmp_path / "applicant.yaml").write_text(f"name: 张伟\nunit: 抚顺市{char}生态环境监测站\n", encoding="utf-8")
    with pytest.raises(MetadataError) as err:
        load_applicant(tmp_path)
    assert str(err.value) == (f"applicant.yaml：第 2 行第 10 个字符为不可见的控制字符（{code}），"
                              "请删除后重新保存")


def test_a_control_character_is_an_error_row_without_a_traceback(tmp_path, caplog):
    folder = tmp_path / "archive" / "A"
    folder.mkdir(parents=True)
    (folder / "applicant.yaml").write_text("name: \x1b张伟\nunit: 抚顺市生态环境监测站\n", encoding="utf-8")
    (dossier,) = find_dossiers(tmp_path / "archive")

    def never(*args, **kwargs):  # pragma: no cover - the metadata stops the check first
        raise AssertionError("checked despite bad metadata")

    with caplog.at_level(logging.DEBUG):
        row = check_task(DossierTask(dossier, "f" * 16), Settings(cache_path=None), never).row
    assert row.verdict == "error" and "不可见的控制字符（U+001B）" in row.error and "Error" not in row.error
    assert not [r for r in caplog.records if r.exc_info]
