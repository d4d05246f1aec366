"""Client for a PaddleOCR / PaddleX OCR serving endpoint.

Request (PaddleX "OCR" pipeline serving API): ``POST {url}`` (the ``/ocr`` path)
with JSON ``{"file": <base64 image>, "fileType": 1, ...}``. Response::

    {"logId": "...", "errorCode": 0, "errorMsg": "Success",
     "result": {"ocrResults": [{"prunedResult": {
         "rec_texts": [...], "rec_scores": [...], "rec_polys": [[[x, y] x4], ...]}}],
      "dataInfo": {"width": W, "height": H, "type": "image"}}}

Older servers answering ``result.texts = [{"poly", "text", "score"}]`` are read too.
Connection errors, timeouts and 5xx answers are retried with back-off; anything
else raises :class:`EngineError` with the reason.

>>> page = parse_serving_response(serving_response(OcrPage(10, 10, [
...     OcrLine("抚顺", ((1, 1), (9, 1), (9, 5), (1, 5)), 0.9)])), 10, 10)
>>> page.lines[0].text, page.lines[0].bbox
('抚顺', (1, 1, 9, 5))
"""
from __future__ import annotations

import base64
import logging
import time

import numpy as np

from ..errors import EngineError
from ..model import OcrLine, OcrPage
from .base import OcrEngine, as_bgr, make_page

logger = logging.getLogger(__name__)


def serving_response(page: OcrPage, log_id: str = "local") -> dict:
    """The PaddleX serving answer for ``page`` (used by test servers)."""
    pruned = {
        "rec_texts": [l.text for l in page.lines],
        "rec_scores": [l.score for l in page.lines],
        "rec_polys": [[[x, y] for x, y in l.box] for l in page.lines],
        "rec_boxes": [list(l.bbox) for l in page.lines],
    }
    return {"logId": log_id, "errorCode": 0, "errorMsg": "Success",
            "result": {"ocrResults": [{"prunedResult": pruned, "ocrImage": None}],
                       "dataInfo": {"width": page.width, "height": page.height, "type": "image"}}}


def parse_serving_response(body: dict, width: int, height: int, engine: str = "remote") -> OcrPage:
    """Turn a serving answer into an :class:`OcrPage` (first page of the answer)."""
    if not isinstance(body, dict):
        raise EngineError("OCR 服务返回的内容不是 JSON 对象")
    code = body.get("errorCode", 0)
    if code not in (0, None):
        raise EngineError(f"OCR 服务返回错误 {code}：{body.get('errorMsg', '')}")
    result = body.get("result") or {}
    results: list[tuple] = []
    if "ocrResults" in result:
        pages = result["ocrResults"] or []
        if pages:
            pruned = pages[0].get("prunedResult") or pages[0]
            texts = pruned.get("rec_texts") or []
            scores = pruned.get("rec_scores") or [1.0] * len(texts)
            polys = pruned.get("rec_polys") or pruned.get("dt_polys")
            if polys is None and pruned.get("rec_boxes") is not None:
                polys = [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]] for b in pruned["rec_boxes"]]
            if polys is None or not (len(texts) == len(scores) == len(polys)):
                raise EngineError("OCR 服务返回的结果格式不完整（rec_texts/rec_scores/rec_polys 数量不一致）")
            results = list(zip(polys, texts, scores))
    elif "texts" in result:
        results = [(t["poly"], t["text"], t.get("score", 1.0)) for t in result["texts"]]
    else:
        raise EngineError("OCR 服务返回的结果中没有 ocrResults")
    cleaned = []
    for poly, text, score in results:
        pts = np.asarray(poly, dtype=float).reshape(-1, 2)
        if len(pts) != 4:  # polygons with more points: use their bounding box
            x0, y0 = pts.min(axis=0)
            x1, y1 = pts.max(axis=0)
            pts = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        cleaned.append((pts.tolist(), str(text), float(score)))
    return make_page(width, height, cleaned, engine=engine)


class RemoteEngine(OcrEngine):
    """Reads pages through an HTTP OCR service; ``url`` is the full ``.../ocr`` address."""

    name = "remote"

    def __init__(self, url: str, timeout: float = 60.0, retries: int = 2, backoff: float = 0.5,
                 headers: dict | None = None, extra: dict | None = None):
        if not url or not url.startswith(("http://", "https://")):
            raise EngineError(f"OCR 服务地址无效：{url!r}")
        self.url = url
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.headers = dict(headers or {})
        self.extra = {"useDocOrientationClassify": False, "useDocUnwarping": False,
                      "useTextlineOrientation": True, **(extra or {})}

    @property
    def model_id(self) -> str:
        return f"remote:{self.url}"

    def _post(self, payload: dict) -> dict:
        import requests

        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            try:
                resp = requests.post(self.url, json=payload, timeout=self.timeout, headers=self.headers)
            except requests.Timeout as exc:
                last = EngineError(f"OCR 服务超时（{self.timeout:g} 秒）：{self.url}")
                last.__cause__ = exc
                continue
            except requests.ConnectionError as exc:
                last = EngineError(f"无法连接 OCR 服务：{self.url}")
                last.__cause__ = exc
                continue
            if resp.status_code >= 500:
                last = EngineError(f"OCR 服务内部错误（HTTP {resp.status_code}）：{self.url}")
                continue
            if resp.status_code != 200:
                raise EngineError(f"OCR 服务拒绝请求（HTTP {resp.status_code}）：{resp.text[:200]}")
            try:
                return resp.json()
            except ValueError as exc:
                raise EngineError("OCR 服务返回的内容不是 JSON") from exc
        logger.warning("remote OCR failed after %d attempts: %s", self.retries + 1, last)
        raise last  # type: ignore[misc]

    def recognize(self, image: np.ndarray) -> OcrPage:
        import cv2

        image = as_bgr(image)
        h, w = image.shape[:2]
        started = time.perf_counter()
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise EngineError("图像编码失败")
        body = self._post({"file": base64.b64encode(png.tobytes()).decode("ascii"), "fileType": 1, **self.extra})
        page = parse_serving_response(body, w, h, engine=self.name)
        page.timings = {"detect": time.perf_counter() - started, "classify": 0.0, "recognise": 0.0}
        return page

    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        import cv2

        image = as_bgr(image)
        pad = max(8, image.shape[0] // 2)
        padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        page = self.recognize(padded)
        if not page.lines:
            return "", 0.0
        return "".join(l.text for l in page.lines), min(l.score for l in page.lines)


__all__ = ["RemoteEngine", "serving_response", "parse_serving_response", "OcrLine"]
