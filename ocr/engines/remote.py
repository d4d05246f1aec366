"""Client for a PaddleOCR / PaddleX OCR serving endpoint.

Request (PaddleX "OCR" pipeline serving API): ``POST {url}`` (the ``/ocr`` path)
with JSON ``{"file": <base64 image>, "fileType": 1, ...}``. Response::

    {"logId": "...", "errorCode": 0, "errorMsg": "Success",
     "result": {"ocrResults": [{"prunedResult": {
         "rec_texts": [...], "rec_scores": [...], "rec_polys": [[[x, y] x4], ...]}}],
      "dataInfo": {"width": W, "height": H, "type": "image"}}}

Older servers answering ``result.texts = [{"poly", "text", "score"}]`` are read too.

An answer is a server's failure, never a blank page, where it gives no result for the
page sent (``ocrResults`` empty or null), is over :data:`MAX_ANSWER_BYTES` (counted as
decompressed), holds over :data:`MAX_LINES` lines or a line longer than the page is
wide, or is a redirect (not followed: the applicant's scan goes to the address given,
nowhere else). Each request has a total deadline (``timeout``), not one per read: a
server trickling its answer a byte at a time is a silent one.

Several servers (``url="http://gpu1:8080/ocr, http://gpu2:8080/ocr"``) form a
:class:`ServerPool`: requests go round robin; a server that does not answer
(connection error, timeout, 5xx) is set aside and asked again after ``recheck``
seconds through PaddleX serving's ``GET /health``. When no server answers and a
``fallback`` engine is given (``"ppocr"``: the local ONNX models), the page is read
locally, and the page says so (``OcrPage.engine``). A server that answers with a
refusal (4xx) or an ``errorCode`` is not a missing server: that raises
:class:`EngineError` with the reason, as do missing servers without a fallback.

>>> page = parse_serving_response(serving_response(OcrPage(10, 10, [
...     OcrLine("抚顺", ((1, 1), (9, 1), (9, 5), (1, 5)), 0.9)])), 10, 10)
>>> page.lines[0].text, page.lines[0].bbox
('抚顺', (1, 1, 9, 5))
"""
from __future__ import annotations

import base64
import itertools
import logging
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import EngineError
from ..model import OcrLine, OcrPage
from .base import LineReading, OcrEngine, as_bgr, make_page

logger = logging.getLogger(__name__)

#: the most an answer may hold, counted after decompression: a page's answer is tens of
#: KB; a 1.46 MB gzip answer inflated to 1.5 GB in memory (hostile exploration 5, P4)
MAX_ANSWER_BYTES = 64 << 20
#: the most lines an answer may give a page: a dense A4 page holds about a hundred
#: (20,000 tiny lines took 38 s of the rules and a 385 KB report: hostile exploration 5, P4)
MAX_LINES = 5_000


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
    if not isinstance(result, dict):
        raise EngineError("OCR 服务返回的结果格式不完整（result 不是对象）")
    results: list[tuple] = []
    if "ocrResults" in result:
        pages = result["ocrResults"]
        # no result for the page sent is the server's failure, not a blank page (an
        # empty list, or a redirect re-sent as a GET, read as blank and was cached:
        # hostile exploration 5, P3)
        if not pages or not isinstance(pages, list) or not isinstance(pages[0], dict):
            raise EngineError("OCR 服务未返回该页的识别结果")
        pruned = pages[0].get("prunedResult") or pages[0]
        if not isinstance(pruned, dict):
            raise EngineError("OCR 服务返回的结果格式不完整（prunedResult 不是对象）")
        texts = pruned.get("rec_texts")
        if texts is None:
            raise EngineError("OCR 服务返回的结果格式不完整（没有 rec_texts）")
        scores = pruned.get("rec_scores")
        scores = [1.0] * len(texts) if scores is None else scores
        polys = next((pruned[k] for k in ("rec_polys", "dt_polys") if pruned.get(k) is not None), None)
        if polys is None and isinstance(pruned.get("rec_boxes"), list):
            polys = [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]] if isinstance(b, list) and len(b) == 4
                     else b for b in pruned["rec_boxes"]]  # a box not of four numbers is refused below
        # empty lists without rec_boxes are a blank page, truthfully (they were refused)
        if polys is None or not all(isinstance(v, list) for v in (texts, scores, polys)) \
                or not (len(texts) == len(scores) == len(polys)):
            raise EngineError("OCR 服务返回的结果格式不完整（rec_texts/rec_scores/rec_polys 数量不一致）")
        results = list(zip(polys, texts, scores))
    elif "texts" in result:
        if not isinstance(result["texts"], list):
            raise EngineError("OCR 服务返回的结果格式不完整（texts 不是列表）")
        results = [(t.get("poly"), t.get("text"), t.get("score", 1.0)) for t in result["texts"] if isinstance(t, dict)]
    else:
        raise EngineError("OCR 服务返回的结果中没有 ocrResults")
    if len(results) > MAX_LINES:
        raise EngineError(f"OCR 服务返回的文字行过多（{len(results)} 行，每页上限 {MAX_LINES} 行），结果不可信")
    longest = max(16, int(width))  # a character takes a pixel of the page's width at the least
    if any(isinstance(text, str) and len(text) > longest for _, text, _ in results):
        raise EngineError(f"OCR 服务返回的文字行过长（超过页面宽度所能容纳的 {longest} 个字符），结果不可信")
    cleaned = [_line(poly, text, score, width, height) for poly, text, score in results]
    return make_page(width, height, cleaned, engine=engine)


def _line(poly, text, score, width: int, height: int) -> tuple:
    """One line of an answer as ``(box, text, score)``, its box inside the page; an
    answer of the wrong shape (a score that is no number in [0, 1], a polygon that is
    not points of finite coordinates, lies off the page or reaches a page's size past it, a text that is no
    string) is the server's failure, as an answer that is not JSON is: it raised
    ValueError, TypeError or KeyError, which the batch took for the toolkit's own defect
    (「读取时出错（ValueError…），可能是核验程序的缺陷」), and a score of 1e9 or NaN,
    or a box a thousand pages wide, were taken as read (hostile exploration 12).

    >>> _line([[0, 0], [9, 0], [9, 5], [0, 5]], "抚顺", 0.9, 10, 10)
    ([[0.0, 0.0], [9.0, 0.0], [9.0, 5.0], [0.0, 5.0]], '抚顺', 0.9)
    >>> _line([[1, 1], [5, 1], [5, 4], [3, 5], [1, 4]], "", 1, 10, 10)[0]
    [[1.0, 1.0], [5.0, 1.0], [5.0, 5.0], [1.0, 5.0]]
    >>> _line([[0, 0], [9, 0], [9, 5], [0, 5]], "抚顺", 1e9, 10, 10)
    Traceback (most recent call last):
    ...
    ocr.errors.EngineError: OCR 服务返回的结果格式不完整（置信度 1e+09 不在 0–1 之间），结果不可信
    """
    def bad(why: str) -> EngineError:
        return EngineError(f"OCR 服务返回的结果格式不完整（{why}），结果不可信")

    if not isinstance(text, str):
        raise bad(f"文字不是字符串：{type(text).__name__}")
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        raise bad(f"置信度不是数字：{str(score)[:40]!r}")
    if not 0.0 <= score <= 1.0 + 1e-6:  # NaN fails both
        raise bad(f"置信度 {score:g} 不在 0–1 之间")
    try:
        pts = np.asarray(poly, dtype=float)
        if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) < 2:
            raise ValueError(pts.shape)
    except (TypeError, ValueError):
        raise bad(f"文字框不是坐标点：{str(poly)[:60]}") from None
    if not np.isfinite(pts).all():
        raise bad("文字框坐标不是有限数")
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    if x1 < 0 or y1 < 0 or x0 > width or y0 > height or x0 < -width or y0 < -height \
            or x1 > 2 * width or y1 > 2 * height:  # off the page, or reaching a page's size past it
        raise bad(f"文字框在页面之外：{x0:g},{y0:g}–{x1:g},{y1:g}，页面 {width}×{height}")
    if len(pts) != 4:  # polygons with more points: use their bounding box
        pts = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    # a detector's box may reach a few pixels past the page; no box reaches past it further
    pts = np.clip(pts, 0.0, [float(width), float(height)])
    return pts.tolist(), text, min(float(score), 1.0)


class NoServerAnswered(EngineError):
    """No OCR server of the pool answered (connection refused, timeout, 5xx)."""

    message = "没有可用的 OCR 服务"


def server_urls(url: str | Sequence[str]) -> list[str]:
    """The server addresses of ``url``: one address, several separated by commas or
    spaces, or a list; each must be ``http(s)://...``.

    >>> server_urls("http://gpu1:8080/ocr, http://gpu2:8080/ocr")
    ['http://gpu1:8080/ocr', 'http://gpu2:8080/ocr']
    >>> server_urls("ftp://x")
    Traceback (most recent call last):
    ...
    ocr.errors.EngineError: OCR 服务地址无效：'ftp://x'
    """
    items = re.split(r"[,\s]+", url) if isinstance(url, str) else [str(u) for u in url or ()]
    urls = [u.strip() for u in items if u and u.strip()]
    if not urls:
        raise EngineError(f"OCR 服务地址无效：{url!r}")
    for u in urls:
        if not u.startswith(("http://", "https://")):
            raise EngineError(f"OCR 服务地址无效：{u!r}")
    return list(dict.fromkeys(urls))  # each server once, in the order given


def health_url(url: str) -> str:
    """PaddleX serving's health check beside the ``/ocr`` endpoint.

    >>> health_url("http://gpu1:8080/ocr"), health_url("https://h/paddle/ocr?x=1")
    ('http://gpu1:8080/health', 'https://h/paddle/health')
    """
    base = url.split("?", 1)[0].rstrip("/")
    scheme, _, rest = base.partition("://")
    host, slash, path = rest.partition("/")
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    return f"{scheme}://{host}/{parent + '/' if parent else ''}health"


@dataclass
class OcrServer:
    """One server of a pool and what the pool knows of it."""

    url: str
    down_until: float = 0.0  # set aside until then (monotonic seconds); 0 = up
    answered: int = 0  # pages (and lines) it read
    failures: int = 0  # requests it did not answer
    last_error: str = ""

    @property
    def health(self) -> str:
        return health_url(self.url)


class ServerPool:
    """Round robin over OCR servers that answer; a silent one is set aside for
    ``recheck`` seconds, then asked ``GET /health`` before it gets pages again.

    >>> pool = ServerPool(["http://a/ocr", "http://b/ocr", "http://c/ocr"])
    >>> [s.url[7] for s in pool.candidates()], [s.url[7] for s in pool.candidates()]
    (['a', 'b', 'c'], ['b', 'c', 'a'])
    >>> pool.mark_down(pool.servers[1], "timeout")
    >>> [s.url[7] for s in pool.candidates()]
    ['c', 'a']
    >>> [s.url[7] for s in pool.candidates(include_down=True)]
    ['a', 'c', 'b']
    """

    def __init__(self, urls: Sequence[str], recheck: float = 30.0, health_timeout: float = 3.0,
                 headers: dict | None = None):
        self.servers = [OcrServer(u) for u in urls]
        self.recheck = float(recheck)
        self.health_timeout = float(health_timeout)
        self.headers = dict(headers or {})
        self._turn = itertools.count()
        self._lock = threading.Lock()

    def candidates(self, include_down: bool = False) -> list[OcrServer]:
        """Servers to try for the next request, the next in turn first: those up, then
        those whose recheck is due and whose health check answers; with
        ``include_down`` the servers set aside come last (nothing to lose without a
        fallback)."""
        with self._lock:
            start = next(self._turn) % len(self.servers)
            ring = self.servers[start:] + self.servers[:start]
            now = time.monotonic()
            up = [s for s in ring if s.down_until == 0.0]
            due = [s for s in ring if 0.0 < s.down_until <= now]
            for s in due:  # one thread checks it; the others keep it aside meanwhile
                s.down_until = now + self.recheck
        for s in due:
            if self.check(s):
                up.append(s)
        if include_down:
            up += [s for s in ring if s not in up]
        return up

    def check(self, server: OcrServer) -> bool:
        """``GET /health``: up when the server answers below 500 (PaddleX: 200 with
        ``errorCode`` 0; a server without the endpoint says 404 but is there)."""
        import requests

        try:
            resp = requests.get(server.health, timeout=self.health_timeout, headers=self.headers)
        except requests.RequestException as exc:
            self.mark_down(server, f"health check: {type(exc).__name__}")
            return False
        healthy = resp.status_code < 500
        if healthy and resp.status_code == 200:
            with _suppress_json_errors():
                healthy = resp.json().get("errorCode", 0) in (0, None)
        if healthy:
            self.mark_up(server)
            logger.info("OCR server %s answers its health check again", server.url)
        else:
            self.mark_down(server, f"health check: HTTP {resp.status_code}")
        return healthy

    def mark_down(self, server: OcrServer, reason: str) -> None:
        with self._lock:
            if server.down_until == 0.0:
                logger.warning("OCR server %s set aside for %.0f s: %s", server.url, self.recheck, reason)
            server.down_until = time.monotonic() + self.recheck
            server.failures += 1
            server.last_error = reason

    def mark_up(self, server: OcrServer) -> None:
        with self._lock:
            server.down_until = 0.0

    def answered(self, server: OcrServer) -> None:
        with self._lock:
            server.answered += 1
            server.down_until = 0.0


class _suppress_json_errors:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        return kind is not None and issubclass(kind, (ValueError, AttributeError))


class _Silent(Exception):
    """A server that did not answer (the message says how)."""


class AnswerTooLarge(Exception):
    """An HTTP answer over the reader's limit (the message says how: declared or read)."""


def read_bounded(resp, limit: int, deadline: float) -> bytes:
    """The body of ``resp`` (a ``requests`` response opened with ``stream=True``), decompressed,
    read one socket read at a time so that ``deadline`` (``time.monotonic()``) holds for the whole
    of it (``requests``' timeout bounds each read only: a trickle never ended) and its size is
    bounded by ``limit`` as it arrives (:class:`AnswerTooLarge`, also where the answer declares
    more). A read timing out is ``requests.Timeout``; a cut or undecodable answer
    ``requests.ConnectionError``. The remote OCR engine's and the online journal query's."""
    import requests

    declared = resp.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise AnswerTooLarge(f"of {declared} bytes")
    chunks, size = [], 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise requests.Timeout()
            chunk = resp.raw.read1(1 << 16, decode_content=True)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise AnswerTooLarge(f"over {limit} bytes")
            chunks.append(chunk)
    except (AnswerTooLarge, requests.RequestException):
        raise
    except Exception as exc:  # urllib3's own errors (a read timeout, a cut or undecodable answer)
        from urllib3.exceptions import ReadTimeoutError

        if isinstance(exc, (ReadTimeoutError, TimeoutError)):
            raise requests.Timeout() from None
        raise requests.ConnectionError(str(exc)) from None


class RemoteEngine(OcrEngine):
    """Reads pages through one or several HTTP OCR services (PaddleX serving).

    ``url`` is the full ``.../ocr`` address, or several (a list, or separated by
    commas); ``fallback`` is an engine (name or instance, e.g. ``"ppocr"``) that reads
    a page when no server answers; ``retries`` rounds over the pool with back-off
    when there is no fallback.
    """

    name = "remote"

    def __init__(self, url: str | Sequence[str], timeout: float = 60.0, retries: int = 2, backoff: float = 0.5,
                 headers: dict | None = None, extra: dict | None = None, fallback: str | OcrEngine | None = None,
                 fallback_options: dict | None = None, recheck: float = 30.0, health_timeout: float = 3.0):
        urls = server_urls(url)
        self.urls = urls
        self.url = urls[0]
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.headers = dict(headers or {})
        self.extra = {"useDocOrientationClassify": False, "useDocUnwarping": False,
                      "useTextlineOrientation": True, **(extra or {})}
        self.pool = ServerPool(urls, recheck=recheck, health_timeout=health_timeout, headers=self.headers)
        self._fallback_spec = (fallback, dict(fallback_options or {}))
        self._fallback: OcrEngine | None = fallback if isinstance(fallback, OcrEngine) else None
        self.fallback_pages = 0
        self._local = threading.local()
        self._lock = threading.Lock()

    @property
    def fallback(self) -> OcrEngine | None:
        """The local engine for pages no server reads (built on first use)."""
        spec, options = self._fallback_spec
        if self._fallback is None and spec:
            from . import get_engine

            self._fallback = get_engine(spec, **options)
        return self._fallback

    @property
    def model_id(self) -> str:
        ident = f"remote:{','.join(self.urls)}"
        spec = self._fallback_spec[0]
        if spec:
            ident += f"|fallback:{self.fallback.model_id}"
        return ident

    def stats(self) -> dict:
        """Pages (and lines) each server read, requests it missed, pages read locally."""
        return {"servers": {s.url: {"answered": s.answered, "failures": s.failures, "up": s.down_until == 0.0}
                            for s in self.pool.servers},
                "fallback_pages": self.fallback_pages}

    def _session(self):
        session = getattr(self._local, "session", None)
        if session is None:
            import requests

            session = self._local.session = requests.Session()
        return session

    def _post_to(self, server: OcrServer, payload: dict) -> dict:
        """The server's answer; :class:`_Silent` when it did not answer within
        ``timeout`` seconds all told, failed (5xx) or redirected (it is set aside)."""
        import json

        import requests

        deadline = time.monotonic() + self.timeout
        try:
            # redirects are not followed: a 307 re-sent the applicant's scan to the host it
            # named, a 302 became a GET (hostile exploration 5, P3 and P7)
            with self._session().post(server.url, json=payload, timeout=self.timeout, headers=self.headers,
                                      allow_redirects=False, stream=True) as resp:
                if resp.is_redirect or 300 <= resp.status_code < 400:
                    self.pool.mark_down(server, f"HTTP {resp.status_code} redirect")
                    where = resp.headers.get("Location", "")[:200]
                    raise _Silent(f"OCR 服务要求转到其他地址（HTTP {resp.status_code}{'：' + where if where else ''}），"
                                  f"未转发：{server.url}")
                if resp.status_code >= 500:
                    self.pool.mark_down(server, f"HTTP {resp.status_code}")
                    raise _Silent(f"OCR 服务内部错误（HTTP {resp.status_code}）：{server.url}")
                raw = self._read_answer(server, resp, deadline)
        except requests.Timeout:
            self.pool.mark_down(server, "timeout")
            raise _Silent(f"OCR 服务超时（{self.timeout:g} 秒）：{server.url}") from None
        except requests.RequestException as exc:
            self.pool.mark_down(server, type(exc).__name__)
            raise _Silent(f"无法连接 OCR 服务：{server.url}") from None
        if resp.status_code != 200:
            raise EngineError(f"OCR 服务拒绝请求（HTTP {resp.status_code}）："
                              f"{raw[:200].decode('utf-8', 'replace')}")
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise EngineError("OCR 服务返回的内容不是 JSON") from exc
        self.pool.answered(server)
        return body

    def _read_answer(self, server: OcrServer, resp, deadline: float) -> bytes:
        """The answer's body within :data:`MAX_ANSWER_BYTES` and ``deadline`` (:func:`read_bounded`;
        a byte every 3 s never timed out, hostile exploration 5, P2): a server answering more is
        set aside as a silent one."""
        try:
            return read_bounded(resp, MAX_ANSWER_BYTES, deadline)
        except AnswerTooLarge as exc:
            self.pool.mark_down(server, f"answer {exc}")
            raise _Silent(f"OCR 服务返回的内容过大（超过 {MAX_ANSWER_BYTES >> 20} MB），已放弃：{server.url}") from None

    def _post_image(self, image: np.ndarray) -> dict:
        """The servers' answer for ``image`` sent as a PNG file (PaddleX serving's
        ``fileType`` 1); raises :class:`NoServerAnswered` as :meth:`_post` does."""
        import cv2

        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise EngineError("图像编码失败")
        return self._post({"file": base64.b64encode(png.tobytes()).decode("ascii"), "fileType": 1, **self.extra})

    def _post(self, payload: dict) -> dict:
        """Ask the servers in turn; raise :class:`NoServerAnswered` when none answers.

        With a fallback only servers that are up (or pass their health check) are
        asked, once each: a page never waits on back-off while it can be read locally.
        """
        reason = "所有 OCR 服务均暂时不可用"
        include_down = self.fallback is None
        for attempt in range(self.retries + 1):
            servers = self.pool.candidates(include_down=include_down)
            if not servers:
                break
            if attempt and include_down:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            for server in servers:
                try:
                    return self._post_to(server, payload)
                except _Silent as silent:
                    reason = str(silent)
            if not include_down:
                break
        logger.warning("no OCR server answered (%d attempts): %s", self.retries + 1, reason)
        raise NoServerAnswered(reason)

    def _read_locally(self, exc: NoServerAnswered):
        engine = self.fallback
        if engine is None:
            raise exc
        with self._lock:
            self.fallback_pages += 1
            if self.fallback_pages == 1 or self.fallback_pages % 100 == 0:
                logger.warning("no OCR server answered (%s): reading locally with %s (%d so far)",
                               exc.reason, engine.name, self.fallback_pages)
        return engine

    def recognize(self, image: np.ndarray) -> OcrPage:
        image = as_bgr(image)
        h, w = image.shape[:2]
        started = time.perf_counter()
        try:
            body = self._post_image(image)
        except NoServerAnswered as exc:
            return self._read_locally(exc).recognize(image)
        page = parse_serving_response(body, w, h, engine=self.name)
        page.timings = {"detect": time.perf_counter() - started, "classify": 0.0, "recognise": 0.0}
        return page

    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        return tuple(self.read_line(image)[:2])

    def read_line(self, image: np.ndarray) -> LineReading:
        """A line strip, padded, read as a small page by the servers (no lattice: the
        serving answer has no per-frame probabilities), or by the fallback."""
        import cv2

        image = as_bgr(image)
        pad = max(8, image.shape[0] // 2)
        padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        try:
            body = self._post_image(padded)
        except NoServerAnswered as exc:
            return self._read_locally(exc).read_line(image)
        page = parse_serving_response(body, padded.shape[1], padded.shape[0], engine=self.name)
        if not page.lines:
            return LineReading("", 0.0, None)
        return LineReading("".join(l.text for l in page.lines), min(l.score for l in page.lines), None)


__all__ = ["RemoteEngine", "ServerPool", "OcrServer", "NoServerAnswered", "server_urls", "health_url",
           "serving_response", "parse_serving_response", "OcrLine"]
