"""Connected pieces of a binary mask (8-connected), labelled the one way every mark
finder here labels them: the seal search, the seal reader and the signature fields.

OpenCV's default labelling for 8-connectivity (Spaghetti, in the OpenCV this project
runs) takes three times as long as Grana's block-based one (BBDT) on a seal search's
sparse colour masks, with one OpenCV thread: 2.7 against 0.9 ms a mask at 720 px, 7.6
against 4.8 ms on a full page of dark ink. Both scan the image in 2 x 2 blocks and
number the pieces in the same order: labels, stats and centroids came out identical on
the 240 masks of the sample's pages tried (colour, dark, closed), and the reports of
the sample and of base set p1 are unchanged.

>>> import numpy as np
>>> m = np.zeros((6, 8), np.uint8); m[1:3, 1:3] = 255; m[4, 5:8] = 1
>>> n, labels, stats, cents = components_with_stats(m)
>>> n, stats[1:, 4].tolist(), int(labels[4, 6])
(3, [4, 3], 2)
>>> components(m)[0]
3
"""
from __future__ import annotations

import numpy as np


def components_with_stats(mask: np.ndarray):
    """``cv2.connectedComponentsWithStats(mask, connectivity=8)``: ``(n, labels, stats,
    centroids)``, any non-zero pixel a piece's."""
    import cv2

    return cv2.connectedComponentsWithStatsWithAlgorithm(mask, 8, cv2.CV_32S, cv2.CCL_GRANA)


def components(mask: np.ndarray):
    """``cv2.connectedComponents(mask, connectivity=8)``: ``(n, labels)``."""
    import cv2

    return cv2.connectedComponentsWithAlgorithm(mask, 8, cv2.CV_32S, cv2.CCL_GRANA)
