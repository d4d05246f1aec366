"""Ink masks: red (both hue ranges, red wraps around hue 0/180 in OpenCV's HSV;
faded pink included), blue, and - for grayscale copies and photocopies scanned in
colour - dark ink; long straight lines removed."""
from __future__ import annotations

import numpy as np

from verify.marks.levels import percentile_u8


def _cv2():
    import cv2  # lazy: `import verify` stays fast

    return cv2


def _as_bgr(image: np.ndarray) -> np.ndarray:
    cv2 = _cv2()
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def channel_max(bgr: np.ndarray) -> np.ndarray:
    """The largest of B, G and R at each pixel: numpy's ``bgr.max(axis=2)``, which
    reduces over the short last axis pixel by pixel, twenty times slower.

    >>> px = np.array([[[10, 200, 30], [90, 80, 70]]], np.uint8)
    >>> channel_max(px).tolist(), channel_min(px).tolist()
    ([[200, 90]], [[10, 70]])
    """
    cv2 = _cv2()
    b, g, r = cv2.split(np.ascontiguousarray(bgr[..., :3]))
    return cv2.max(cv2.max(b, g), r)


def channel_min(bgr: np.ndarray) -> np.ndarray:
    """The smallest of B, G and R at each pixel (as :func:`channel_max`)."""
    cv2 = _cv2()
    b, g, r = cv2.split(np.ascontiguousarray(bgr[..., :3]))
    return cv2.min(cv2.min(b, g), r)


def _chroma_share(image: np.ndarray, above: int) -> float:
    """The share of the page (sampled on a grid of about 200 x 200) whose chroma
    (``max - min`` of B, G, R) exceeds ``above``; 0 for a one-channel image."""
    if image.ndim == 2 or image.shape[2] == 1:
        return 0.0
    small = image[:: max(1, image.shape[0] // 200), :: max(1, image.shape[1] // 200), :3]
    chroma = _cv2().subtract(channel_max(small), channel_min(small))  # never below 0: no wrap
    return float(np.mean(chroma > above))


#: a page is gray where less than GRAY_SHARE of it has a chroma above GRAY_CHROMA
GRAY_CHROMA, GRAY_SHARE = 40, 0.0005


def is_grayscale(image: np.ndarray) -> bool:
    """True when the image carries no colour (a gray scan, or a colour scan of a copy)."""
    return _chroma_share(image, GRAY_CHROMA) < GRAY_SHARE


def colour_only_in(image: np.ndarray, mask: np.ndarray) -> bool:
    """Whether all the colour of ``image`` (BGR) lies in ``mask`` (0/255, the same size)
    or just beside it (:data:`COLOUR_BESIDE` pixels: a JPEG blurs a stroke's colour into
    the paper round it), the rest as gray as :func:`is_grayscale`'s page, with some ink
    in ``mask``: a gray copy signed in blue pen, where ``mask`` is the blue ink. A colour
    photo of an original (red print, a warm cast, a red seal) has colour elsewhere.

    >>> page = np.full((400, 300, 3), 245, np.uint8)
    >>> page[200:203, 50:250] = (150, 60, 30)  # a blue pen stroke
    >>> blue = np.zeros((400, 300), np.uint8); blue[200:203, 50:250] = 255
    >>> colour_only_in(page, blue), colour_only_in(page, np.zeros_like(blue))
    (True, False)
    >>> page[50:60, 50:250] = (40, 40, 200)    # and a red title
    >>> colour_only_in(page, blue)
    False
    """
    cv2 = _cv2()
    if image.ndim == 2 or image.shape[2] == 1 or not cv2.countNonZero(mask):
        return False
    chroma = cv2.subtract(channel_max(image), channel_min(image))
    near = cv2.dilate(mask, np.ones((2 * COLOUR_BESIDE + 1,) * 2, np.uint8))
    coloured = cv2.bitwise_and(cv2.inRange(chroma, GRAY_CHROMA + 1, 255), cv2.bitwise_not(near))
    return cv2.countNonZero(coloured) < GRAY_SHARE * chroma.size


#: how far (pixels of the searched image) the colour of a stroke may spread round it
COLOUR_BESIDE = 3


def has_faint_colour(image: np.ndarray) -> bool:
    """Whether a page :func:`is_grayscale` calls gray still carries some colour: a
    faint red seal on a pale scan has chroma of 20-40 on a few pixels in a
    thousand, where a gray copy (stored gray or in colour) has none. The colour
    search runs on such a page too (its masks find nothing on a gray one).

    >>> page = np.full((400, 300, 3), 245, np.uint8)
    >>> has_faint_colour(page)
    False
    >>> page[200:240, 100:200] = (205, 210, 238)  # faint red ink
    >>> is_grayscale(page), has_faint_colour(page)
    (True, True)
    """
    return _chroma_share(image, 20) >= GRAY_SHARE


#: how much redder than the paper (``r - max(g, b)``, 0-255) faint seal ink is
FAINT_REDNESS = 8


#: faint red counts only where the page as captured is at least this share as bright as
#: its paper (the 90th percentile): paper in a phone photo's shadow keeps well over it, a
#: dark desk round the page does not
PAPER_SHARE = 0.4


def flat_field(bgr: np.ndarray) -> np.ndarray:
    """The page as if on white paper under even light: each pixel divided by the
    paper's own colour round it (a closing wider than any stroke or a seal's star,
    blurred, computed at about 300 px), so a phone photo's warm cast or a tinted
    sheet is not ink and a seal keeps its colour against it.

    >>> page = np.full((400, 300, 3), (150, 160, 200), np.uint8)  # a pink-lit sheet
    >>> page[100:110, 50:250] = (60, 60, 190)                     # a red stroke on it
    >>> out = flat_field(page)
    >>> out[300, 150].tolist(), out[105, 150].tolist()
    ([255, 255, 255], [102, 96, 242])
    """
    cv2 = _cv2()
    h, w = bgr.shape[:2]
    f = max(1, min(h, w) // 300)
    small = cv2.resize(bgr, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    k = max(15, (min(small.shape[:2]) // 12) | 1)
    se = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    paper = cv2.blur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, se, borderType=cv2.BORDER_REPLICATE), (k, k))
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(bgr, cv2.max(paper, (1, 1, 1, 1)), scale=255)  # numpy's maximum: four times as long


def ink_masks(bgr: np.ndarray, *, dark: bool = True) -> dict[str, np.ndarray]:
    """Binary masks (uint8 0/255) of red (incl. faded pink), blue and dark ink. The
    colour masks are taken on the :func:`flat_field` page (the paper's tint is not
    ink); the dark mask on the page as it is."""
    cv2 = _cv2()
    original = bgr
    bgr = flat_field(bgr)
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    # masks combined by OpenCV's bitwise operations, and the red hues tested on the hue
    # channel alone: the same masks, 0.35 of the 5.6 ms a 720 px page took (issue 12)
    both, either = cv2.bitwise_and, cv2.bitwise_or
    # red hues (both ends of OpenCV's 0-180) saturated and bright enough, or faded pink:
    # less saturated but brighter. Each (hue, saturation, value) box is the red hues
    # and a (saturation, value) box, so the hues are tested once for both
    hue = cv2.extractChannel(hsv, 0)
    red_hue = either(cv2.inRange(hue, 0, 12), cv2.inRange(hue, 155, 180))
    red = both(red_hue, either(cv2.inRange(hsv, (0, 60, 60), (255, 255, 255)),
                               cv2.inRange(hsv, (0, 30, 110), (255, 255, 255))))  # faded pink
    # "redder than anything else" catches red blended over black text
    b, g, r = cv2.split(bgr)
    excess = cv2.subtract(r, cv2.max(g, b))  # how much redder than green or blue, 0-255
    red = either(red, both(cv2.inRange(excess, 35, 255), red_hue))
    # a faint seal (a dry pad, a light hand): a little redder than the paper around it
    # (the paper's own tint, uneven in a phone photo, is measured where there is no ink)
    # under a cold light strong enough to clip the paper's blue, blue has no room left to
    # show the ink: a faint red seal is told there by red over green alone
    redness = cv2.blur(cv2.subtract(r, g) if blue_clipped(original) else excess, (3, 3))
    k = max(9, (min(redness.shape) // 40) | 1)
    paper = cv2.blur(cv2.morphologyEx(redness, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))),
                     (3 * k, 3 * k))
    faint = both(cv2.inRange(cv2.subtract(redness, paper), FAINT_REDNESS, 255), red_hue)
    # only on paper: flat_field lifts a dark desk beside the page to white, and the warmer
    # stripes of its grain then pass for faint ink (probe alt22 T3: RGB 51,44,38 a 学信 page
    # photographed on, 10% of it "red")
    gray = cv2.cvtColor(original, cv2.COLOR_BGR2GRAY)
    floor = PAPER_SHARE * float(percentile_u8(gray[::4, ::4], 90))
    red = either(red, both(faint, cv2.inRange(gray, floor, 255)))
    out = {"red": red, "blue": cv2.inRange(hsv, BLUE_HUES[0], BLUE_HUES[1])}
    if dark:
        out["dark"] = cv2.inRange(gray, 0, _dark_threshold(gray))
    return out


#: the blue seal's mask (HSV, OpenCV's hue 0..180): blue through violet up to where red begins (155): a seal in
#: purple ink (紫色印油, 115, 45, 140: hue 142) was neither red nor blue, only dark ink, and read as a copy's possible
#: seal (probe trust18 C04: a review on every page it stamped)
BLUE_HUES = ((95, 70, 50), (155, 255, 255))


def blue_clipped(bgr: np.ndarray) -> bool:
    """Whether the page was lit so cold that its paper's blue clipped: the paper (the
    90th percentile) at :data:`CLIPPED` or more in blue and at least :data:`COLD_CAST`
    below that in red. A faint red seal's ink (0.2 of its strength) then keeps nearly
    the paper's blue, and the ink's redness against the paper falls to the noise's
    (9 levels for 16 where blue did not clip): the seal was neither found nor left red
    ink like a seal's, and seal.present failed a page carrying one.

    >>> page = np.full((200, 100, 3), (255, 225, 200), np.uint8)
    >>> blue_clipped(page), blue_clipped(np.full((200, 100, 3), 250, np.uint8))
    (True, False)
    """
    if bgr.ndim == 2 or bgr.shape[2] == 1:
        return False
    b, _, r = (float(percentile_u8(bgr[::4, ::4, i], 90)) for i in range(3))
    return b >= CLIPPED and r <= b - COLD_CAST


#: a channel of the paper this bright or more has clipped…
CLIPPED = 250
#: …and a cold light holds the paper's red this far below its blue
COLD_CAST = 30


def _dark_threshold(gray: np.ndarray, margin: int = 32) -> int:
    cv2 = _cv2()
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = float(percentile_u8(gray, 90))
    # light enough for a pale seal copied to gray, never counting paper texture
    return int(max(60, paper - margin))


def dark_mask(gray: np.ndarray, margin: int = 32) -> np.ndarray:
    """Dark ink (text, a copied seal) of a gray image, 0/255: anything ``margin``
    levels darker than the paper."""
    return _cv2().inRange(gray, 0, _dark_threshold(gray, margin))


def remove_lines(mask: np.ndarray, length: int) -> np.ndarray:
    """The mask without straight horizontal/vertical runs of at least ``length`` pixels
    (found at half resolution: lines are long, the saving is large)."""
    cv2 = _cv2()
    length = max(8, int(length))
    h, w = mask.shape
    small = cv2.resize(mask, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    small = cv2.inRange(small, 64, 255)
    ls = max(4, length // 2)
    horiz = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (ls, 1)))
    vert = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, ls)))
    if not cv2.countNonZero(horiz) and not cv2.countNonZero(vert):
        return mask
    # the page-sized steps below write over what is done with (``dst``), the same pixels:
    # each full-size plane is a page's pixels again (a 27 Mpx page: 27 MB a plane, ten of
    # them held at once were 200 MB of a worker's peak)
    kernel = np.ones((3, 3), np.uint8)
    hband = cv2.resize(cv2.dilate(horiz, kernel), (w, h), interpolation=cv2.INTER_NEAREST)
    vband = cv2.resize(cv2.dilate(vert, kernel), (w, h), interpolation=cv2.INTER_NEAREST)
    cleaned = cv2.bitwise_or(hband, vband)
    cv2.bitwise_not(cleaned, dst=cleaned)
    cv2.bitwise_and(mask, cleaned, dst=cleaned)
    # heal what crossed a line (a seal stamped over a table border): bridge the removed
    # band where ink continues on both sides of it
    span = 13
    healed = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, span)))
    cv2.bitwise_and(healed, hband, dst=healed)
    del hband
    across_v = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))
    cv2.bitwise_and(across_v, vband, dst=across_v)
    del vband
    cv2.bitwise_or(healed, across_v, dst=healed)
    del across_v
    # ...but never restore the line itself: only short bridges, not runs along it
    runs = cv2.morphologyEx(healed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (span, 1)))
    cv2.bitwise_not(runs, dst=runs)
    cv2.bitwise_and(healed, runs, dst=healed)
    del runs
    return cv2.bitwise_or(cleaned, healed, dst=cleaned)


def copied_seal_levels(gray: np.ndarray) -> np.ndarray:
    """A copied seal's crop (gray) with a light seal's ink brought to a copied seal's
    usual level: the seal stamped faint, or copied on a light setting, comes out at 190-225
    on paper at 250 where a red seal copied as usual is 80-150, and every reading of it
    measured ink below 160 (its fit, its text's span: a strip of one character's width,
    read 「年」 or 「分」 for a clean, legible seal). Where the median level of the crop's
    ink (:data:`LIGHT_INK_MARGIN` below the paper or darker) is lighter than
    :data:`LIGHT_SEAL_LEVEL`, the levels are stretched so that it lies at
    :data:`COPIED_SEAL_LEVEL` and the paper stays white, unless print crosses the seal
    (:data:`LIGHT_SEAL_PRINT`). Any other crop is returned as it is.

    >>> crop = np.full((40, 40), 250, np.uint8); crop[5:30, 5:12] = 205
    >>> out = copied_seal_levels(crop)
    >>> int(out[10, 8]), int(out[35, 35])
    (110, 250)
    >>> crop[5:30, 5:12] = 120
    >>> copied_seal_levels(crop) is crop
    True
    >>> crop[5:30, 5:12] = 205; crop[20:22, :] = 30  # a line of print across it
    >>> copied_seal_levels(crop) is crop
    True
    """
    if (light := _light_seal(gray)) is None:
        return gray
    paper, level = light
    if (gray < PRINT_SHARE * level).mean() >= LIGHT_SEAL_PRINT:  # print across it: its edges would turn to ink
        return gray
    k = (paper - COPIED_SEAL_LEVEL) / (paper - level)
    out = paper - (paper - gray.astype(np.float32)) * k
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def _light_seal(gray: np.ndarray) -> tuple[float, float] | None:
    """The paper's level and the ink's median level of a crop whose seal was copied light
    (its ink lighter than :data:`LIGHT_SEAL_LEVEL`, :data:`LIGHT_INK_MARGIN` at least below
    the paper); None for any other crop (too little ink, or ink as dark as usual).

    >>> crop = np.full((40, 40), 250, np.uint8); crop[5:30, 5:12] = 205
    >>> _light_seal(crop), _light_seal(np.where(crop == 205, 120, crop).astype(np.uint8))
    ((250.0, 205.0), None)
    """
    paper = float(percentile_u8(gray, 90))
    inked = gray < paper - LIGHT_INK_MARGIN
    if inked.sum() < 0.01 * gray.size:
        return None
    level = float(np.median(gray[inked]))
    if level <= LIGHT_SEAL_LEVEL or paper - level < LIGHT_INK_MARGIN:
        return None
    return paper, level


def light_seal_unprinted(gray: np.ndarray) -> np.ndarray | None:
    """A light copied seal's crop (gray) with the print across it set to the paper and its
    levels then brought to a copied seal's usual, as :func:`copied_seal_levels` brings a
    light seal's without print; None where that is not such a crop (a seal copied as
    dark as usual, or a light one with no print across it: :func:`copied_seal_levels`
    serves it as it is). Print is what :func:`copied_seal_levels` takes for print
    (darker than :data:`PRINT_SHARE` of the seal's level), grown by
    :data:`PRINT_EDGE` pixels over its strokes' soft edges. Where the seal's text lies
    round its ring is looked for on this (``reading._span_ink``); the strips read are not
    made from it (the print's place is filled with paper, not with the seal's strokes).

    >>> crop = np.full((60, 60), 248, np.uint8); crop[10:50, 10:50] = 212; crop[28:31, :] = 25
    >>> out = light_seal_unprinted(crop)
    >>> int(out[20, 20]) < 150, int(out[29, 5]) > 240, int(out[29, 30]) > 240
    (True, True, True)
    >>> light_seal_unprinted(np.where(crop == 212, 120, crop).astype(np.uint8)) is None  # copied dark
    True
    >>> crop[28:31, :] = 212; light_seal_unprinted(crop) is None  # no print: copied_seal_levels' own
    True
    """
    if (light := _light_seal(gray)) is None:
        return None
    paper, level = light
    printed = gray < PRINT_SHARE * level
    if printed.mean() < LIGHT_SEAL_PRINT:
        return None
    import cv2

    reach = cv2.dilate(printed.astype(np.uint8), np.ones((3, 3), np.uint8), iterations=PRINT_EDGE) > 0
    clear = np.where(reach, np.uint8(round(paper)), gray).astype(np.uint8)
    levelled = copied_seal_levels(clear)
    return None if levelled is clear else levelled


#: ink of a copied seal this many levels below the paper or more counts for its level
LIGHT_INK_MARGIN = 20
#: a copied seal whose ink's median level is lighter than this is stretched…
LIGHT_SEAL_LEVEL = 160
#: …to lie at this level (a red seal copied as usual: 80-150)…
COPIED_SEAL_LEVEL = 110
#: …unless this share of the crop or more is print, darker than :data:`PRINT_SHARE` of
#: the seal's level (print's antialiased edges, stretched, read as ink: three light seals
#: under print read worse, on the real seals copied light)
LIGHT_SEAL_PRINT = 0.002
PRINT_SHARE = 0.6
#: how far (px) print's soft edges reach beyond its dark cores (:func:`light_seal_unprinted`)
PRINT_EDGE = 2
