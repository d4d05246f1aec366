"""A seal's name whose last characters print fainter than the rest, on a small seal sent
through a chat app (probe trust33: WeChat pictures, seals of about 195 px): the span read
must reach them (:func:`verify.marks.seals.reading._faint_ends`)."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

from fixtures.stamps import draw_seal

UNIT = "抚顺市生态环境保护服务中心"


def _jpeg(im: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=quality, subsampling=2)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def _wechat_seal():
    """A 430 px seal whose name prints paler than its rim and star (opacity 0.35 against
    0.85: thin strokes keep little of their colour through 4:2:0 JPEG) and whose last two
    characters, 中心, paler still (0.2), shrunk to 194 px and sent through WeChat (q45, then
    resent twice at q60)."""
    from verify.model import SealMark

    size, centre, radius = 1000, 500, 215
    layers = []
    for opacity in (0.85, 0.35, 0.2):
        page = Image.new("RGB", (size, size), "white")
        info = draw_seal(page, (centre, centre), radius, UNIT, opacity=opacity, seed=0, font="song", span=240,
                         unevenness=0.0)
        layers.append(np.asarray(page))
    yy, xx = np.mgrid[0:size, 0:size]
    turn = np.degrees(np.arctan2(xx - centre, centre - yy))  # clockwise from the top
    rad = np.hypot(xx - centre, yy - centre)
    band = (rad > 0.4 * radius) & (rad < 0.88 * radius)  # the name's band: not the rim, not the star
    end = band & (turn > 120 - 2 * 240 / len(UNIT)) & (turn < 140)  # its last two characters
    pixels = np.where(end[..., None], layers[2], np.where(band[..., None], layers[1], layers[0]))
    im = Image.fromarray(pixels).resize((450, 450), Image.LANCZOS)
    im = _jpeg(_jpeg(_jpeg(im, 45), 60), 60)
    box = tuple(int(round(v * 0.45)) for v in info["bbox"])
    return np.asarray(im)[:, :, ::-1].copy(), SealMark(box, 0.9, color="red", certain=True)


def test_the_span_reaches_a_pale_names_fainter_last_characters(ppocr_engine):
    """Every unwrap's span stopped after 服务 (its 190 level, set by the rim and star, is
    darker than 中心's strokes): every reading was 抚顺市生态环境保护服务, as on probe
    trust33's WeChat pictures (「中心」 未能识别: a review on a clean applicant). The span
    read last, where nothing settled the seal, follows the name's ends at the name's own
    level and reads it whole."""
    from verify.marks.seals.matching import normalize_seal_text
    from verify.marks.seals.reading import read_seal

    page, seal = _wechat_seal()
    unwraps = read_seal(page, seal, ppocr_engine)
    first_span = unwraps.variants[0][4]
    _, worn_span = unwraps.worn[0]
    assert first_span < 215 and worn_span > first_span + 20  # the name spans about 230 degrees
    assert UNIT in {normalize_seal_text(r.text) for r in seal.readings}
