"""The campaign file: parsed once per batch while unchanged, read anew once edited."""
import os
import shutil

import pytest

from verify.campaign import BUNDLED, CampaignError, load_campaign


def test_a_bundled_campaign_is_parsed_once():
    assert load_campaign("fushun-2024") is load_campaign("fushun-2024")


def test_an_edited_campaign_file_is_read_anew(tmp_path):
    path = tmp_path / "mine.yaml"
    shutil.copy(BUNDLED / "fushun-2024.yaml", path)
    first = load_campaign(str(path))
    assert load_campaign(str(path)) is first
    text = path.read_text(encoding="utf-8")
    assert "publicity_min_working_days: 5" in text
    path.write_text(text.replace("publicity_min_working_days: 5", "publicity_min_working_days: 7"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a coarse clock cannot hide the edit
    assert load_campaign(str(path)).publicity_min_working_days == 7
    # a broken edit is an error each time, never the campaign parsed before it
    path.write_text("documents: [", encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000))
    for _ in range(2):
        with pytest.raises(CampaignError):
            load_campaign(str(path))
