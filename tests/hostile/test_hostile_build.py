"""The corpus builders written byte by byte make what the library they stand in for makes."""
from __future__ import annotations

import pytest

import hostile_build as build


@pytest.mark.parametrize("pages", [1, 2, 3, 17])
def test_tiff_pages_are_the_bytes_pillow_writes(tmp_path, pages):
    assert build.tiff_pages(tmp_path / "a.tif", pages).read_bytes() == \
        build.tiff_pages_by_pillow(tmp_path / "b.tif", pages).read_bytes()


def test_a_many_page_tiff_opens_with_every_page(tmp_path):
    from PIL import Image

    with Image.open(build.tiff_pages(tmp_path / "a.tif", 401)) as image:
        assert image.n_frames == 401
        image.seek(400)
        assert image.size == (8, 8) and image.mode == "1" and image.getextrema() == (255, 255)
