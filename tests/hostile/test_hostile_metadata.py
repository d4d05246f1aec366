"""applicant.json within its size limit is read in a moment, whatever its shape
(hostile exploration 10): 26,000 keys in one object (241 KB) took 10 to 18 s, each key
counted against all the others to find a duplicate; and a number of 5,000 digits was
「格式错误」 though the JSON is well formed (YAML says 含有过长的数字)."""
from __future__ import annotations

import time

import pytest


def _folder(tmp_path, text: str):
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.json").write_text(text, encoding="utf-8")
    return folder


def test_an_applicant_json_of_tens_of_thousands_of_keys_is_read_at_once(tmp_path):
    from verify.applicant import load_applicant

    keys = ",".join(f'"{i}":0' for i in range(26_000))  # 241 KB, under the 256 KB limit
    folder = _folder(tmp_path, '{"name": "张伟", "unit": "抚顺市生态环境监测站", ' + keys + "}")
    started = time.monotonic()
    try:
        load_applicant(folder)
    except Exception:  # refused or read: either way at once
        pass
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("text, said", [
    ('{"name": "张伟", "unit": "抚顺市生态环境监测站", "id_number": ' + "9" * 5000 + "}", "含有过长的数字"),
    ('{"name": "张伟", "unit": "抚顺市生态环境监测站", "name": "李四"}', "字段重复出现：name"),
    ('{"name": "张伟", "unit": ', "格式错误，无法解析（第 1 行附近）"),
], ids=["long-number", "duplicate", "broken"])
def test_an_applicant_json_refused_says_why(tmp_path, text, said):
    from verify.applicant import MetadataError, load_applicant

    with pytest.raises(MetadataError) as refused:
        load_applicant(_folder(tmp_path, text))
    assert said in str(refused.value)
