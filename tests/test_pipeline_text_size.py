"""How large a page's text is in the pixels its source holds (``PageRead.text_px``), for the rules that must not take
one character's reading on a coarse page for proof (identity.name): a fax's page in standard resolution (204 x 98
dpi) is read stretched to square pixels (``SourcePage.squared``), which hides that each line has only half the rows
(probe trust15 C07: 阿依古丽 read 阿依占丽 surely by both recognisers)."""
from __future__ import annotations

import pytest
from PIL import Image

from ocr.model import OcrLine, OcrPage
from ocr.pipeline import PageResult
from ocr.sources import iter_pages
from verify.model import PageRead
from verify.run import pipeline


def _fax(path, dpi):
    page = Image.new("L", (864, 1222), 255)
    page.paste(0, (200, 300, 400, 330))
    stored = page.resize((round(864 * dpi[0] / max(dpi)), round(1222 * dpi[1] / max(dpi))), Image.NEAREST).convert("1")
    stored.save(path, compression="group4", save_all=True, append_images=[stored], dpi=dpi)
    return path


def _lines(height):
    return [OcrLine(t, ((100, 100 + 80 * i), (900, 100 + 80 * i), (900, 100 + 80 * i + height), (100, 100 + 80 * i + height)),
                    0.95, i) for i, t in enumerate(["年度考核登记表", "姓名 阿依古丽·买买提", "考核等次 合格"])]


@pytest.mark.parametrize("dpi, stretch", [((204, 98), 2.082), ((98, 204), 2.082), ((200, 200), 1.0), ((204, 196), 1.0)])
def test_a_pages_stretch_to_square_pixels_is_known_to_the_check(tmp_path, dpi, stretch):
    for source in iter_pages(_fax(tmp_path / "fax.tif", dpi)):
        result = PageResult(source.index, OcrPage(864, 1222), source.dpi, source.path, _source=source)
        assert pipeline.source_stretch(result) == pytest.approx(stretch, abs=0.01)
    assert pipeline.source_stretch(PageResult(1, OcrPage(9, 9), 200.0)) == 1.0  # no source: a spread's half, stored text


@pytest.mark.parametrize("dpi, text_px", [((204, 98), 26.0), ((200, 200), 54.0)])
def test_each_page_read_carries_its_text_height_in_its_sources_pixels(tmp_path, monkeypatch, dpi, text_px):
    folder = tmp_path / "A1"
    folder.mkdir()
    (folder / "applicant.yaml").write_text("name: 阿依古丽·买买提\nunit: 抚顺市环境科学研究院\nlevel: 工程师\n"
                                           "current_title:\n  name: 助理工程师\n  date: '2018-12-20'\n", encoding="utf-8")
    _fax(folder / "考核2022.tif", dpi)
    import ocr.pipeline

    def read_file(path, engine, cache=None, settings=None):  # the OCR: lines 54 pixels tall on the squared page
        for source in iter_pages(path):
            yield PageResult(source.index, OcrPage(864, 1222, _lines(54)), source.dpi, source.path, _source=source)

    monkeypatch.setattr(ocr.pipeline, "read_file", read_file)
    monkeypatch.setattr(pipeline, "engine_for", lambda settings: None)
    monkeypatch.setattr(pipeline, "read_page", lambda rel, result, *a, **k: PageRead(rel, result.index, result.ocr))
    result = pipeline.check_dossier(folder, "A1")
    assert [round(p.text_px) for p in result.pages] == [text_px, text_px]
