"""Generated pages with known text, for tests and the benchmark.

Pages are drawn with PIL and a CJK font from the system (``fonts-wqy-zenhei``,
``fonts-arphic-uming``/``ukai``); :func:`find_cjk_font` returns None when none is
installed, and callers skip. Nothing here is used when reading real dossiers.
"""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)

# Running text in the register of title-review paperwork (public-notice style).
CORPUS = (
    "根据抚顺市人力资源和社会保障局关于做好二〇二四年度职称评审工作的通知要求，经单位推荐、"
    "评审委员会评议，现将生态环境工程专业中级职称评审结果予以公示。公示期为五个工作日，"
    "自2024年5月16日至2024年5月22日。公示期间如有异议，请以书面形式向市职称改革工作领导小组办公室反映，"
    "反映情况应实事求是，并署真实姓名和联系方式。申报人员须按规定提交学历证书、现职称资格证书、"
    "年度考核结果、继续教育证明和业绩成果材料，所有复印件须加盖单位公章并由单位负责人签字确认。"
    "论文须发表在具有国际标准刊号ISSN和国内统一刊号CN的学术期刊上，例如ISSN 1674-1021，CN 21-1234/X。"
    "任现职以来年度考核均为合格以上等次，其中2021年度考核结果为优秀。"
    "近五年来主持完成环境监测项目三项，获市级科技进步奖二等奖一项，专业技术工作总结一份。"
)


def find_cjk_font() -> str | None:
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            return path
    return None


@dataclass
class SyntheticPage:
    image: np.ndarray  # BGR
    lines: list[str]  # the text drawn, line by line, top to bottom
    boxes: list[tuple[int, int, int, int]]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _font(size: int, path: str | None = None):
    from PIL import ImageFont

    path = path or find_cjk_font()
    if path is None:
        raise RuntimeError("no CJK font installed (apt-get install fonts-wqy-zenhei)")
    return ImageFont.truetype(path, size)


def draw_lines(lines: list[tuple[int, int, str, int]], width: int, height: int,
               font_path: str | None = None) -> SyntheticPage:
    """Draw ``(x, y, text, size)`` lines in black on white."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    texts, boxes = [], []
    for x, y, text, size in lines:
        font = _font(size, font_path)
        draw.text((x, y), text, font=font, fill=(0, 0, 0))
        boxes.append(tuple(int(v) for v in draw.textbbox((x, y), text, font=font)))
        texts.append(text)
    return SyntheticPage(np.ascontiguousarray(np.asarray(img)[:, :, ::-1]), texts, boxes)


def dense_page(chars: int = 1200, dpi: int = 200, font_size_pt: float = 10.5, seed: int = 0,
               font_path: str | None = None) -> SyntheticPage:
    """An A4 page of running Chinese text, about ``chars`` characters."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    size = round(font_size_pt / 72 * dpi)
    margin = round(0.9 * dpi)
    per_line = (width - 2 * margin) // size
    rng = random.Random(seed)
    start = rng.randrange(len(CORPUS))
    source = (CORPUS * (chars // len(CORPUS) + 3))[start:start + chars]
    rows = [source[i:i + per_line] for i in range(0, len(source), per_line)]
    step = round(size * 1.6)
    lines = [(margin, margin + i * step, row, size) for i, row in enumerate(rows)]
    return draw_lines(lines, width, height, font_path)


def certificate_page(dpi: int = 200, font_path: str | None = None) -> SyntheticPage:
    """A sparse certificate-like A4 page: title, a few fields, issuer and date."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    s = dpi / 200
    lines = [
        (round(560 * s), round(300 * s), "专业技术资格证书", round(72 * s)),
        (round(250 * s), round(600 * s), "姓名：张伟", round(42 * s)),
        (round(250 * s), round(700 * s), "身份证号：210402198805120012", round(42 * s)),
        (round(250 * s), round(800 * s), "专业名称：生态环境监测", round(42 * s)),
        (round(250 * s), round(900 * s), "资格名称：助理工程师", round(42 * s)),
        (round(250 * s), round(1000 * s), "取得时间：2019年6月30日", round(42 * s)),
        (round(950 * s), round(1700 * s), "抚顺市人力资源和社会保障局", round(40 * s)),
        (round(1050 * s), round(1780 * s), "二〇一九年六月三十日", round(40 * s)),
    ]
    return draw_lines(lines, width, height, font_path)


def stamp_seal(image: np.ndarray, centre: tuple[int, int], radius: int, text: str = "抚顺市生态环境局",
               colour: tuple[int, int, int] = (40, 40, 220), font_path: str | None = None,
               alpha: float = 0.85) -> np.ndarray:
    """Blend a round red seal (ring, star, arc text) over ``image`` (BGR), multiplicatively."""
    from PIL import Image, ImageDraw

    size = 2 * radius + 4
    layer = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(layer)
    c = size // 2
    ring = max(3, radius // 18)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=ring)
    star = [(c + 0.28 * radius * np.cos(np.pi / 2 + k * 4 * np.pi / 5),
             c - 0.28 * radius * np.sin(np.pi / 2 + k * 4 * np.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=255)
    font = _font(max(10, radius // 4), font_path)
    n = len(text)
    for k, ch in enumerate(text):
        angle = np.radians(210 - k * 240 / max(n - 1, 1))
        r = radius * 0.72
        x, y = c + r * np.cos(angle), c - r * np.sin(angle)
        glyph = Image.new("L", (radius // 3, radius // 3), 0)
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=255)
        glyph = glyph.rotate(np.degrees(angle) - 90, expand=True)
        layer.paste(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)), glyph)
    mask = np.asarray(layer, np.float32)[:, :, None] / 255.0 * alpha
    out = image.copy()
    x0, y0 = centre[0] - c, centre[1] - c
    h, w = out.shape[:2]
    sx0, sy0 = max(0, -x0), max(0, -y0)
    ex0, ey0 = max(0, x0), max(0, y0)
    ex1, ey1 = min(w, x0 + size), min(h, y0 + size)
    m = mask[sy0:sy0 + ey1 - ey0, sx0:sx0 + ex1 - ex0]
    region = out[ey0:ey1, ex0:ex1].astype(np.float32)
    ink = np.array(colour, np.float32)[None, None, :] / 255.0
    # multiply blend: ink darkens paper to red, black text stays black
    out[ey0:ey1, ex0:ex1] = np.clip(region * (1 - m + m * ink), 0, 255).astype(np.uint8)
    return out


def degrade(image: np.ndarray, skew: float = 2.0, jpeg_quality: int = 60, noise: float = 6.0,
            seed: int = 0) -> np.ndarray:
    """Scan-like damage: tilt by ``skew`` degrees (clockwise), gaussian noise, JPEG."""
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -skew, 1.0)
    out = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    rng = np.random.default_rng(seed)
    out = np.clip(out.astype(np.float32) + rng.normal(0, noise, out.shape), 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)
