"""Several OCR servers behind one engine: round robin, health checks, local fallback.

Every server here is a real HTTP server on 127.0.0.1 speaking PaddleX serving's
``POST /ocr`` and ``GET /health``; a dead server is a closed port.
"""
from __future__ import annotations

import base64
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from ocr.engines import get_engine
from ocr.engines.remote import NoServerAnswered, RemoteEngine, serving_response
from ocr.errors import EngineError
from ocr.testing import CountingEngine, serve

PAGE = np.full((60, 120, 3), 255, np.uint8)


class FakeServer:
    """PaddleX serving on a loopback port: answers with its own name as the text.

    ``status`` (200, 503...) is what ``/ocr`` answers; ``healthy`` what ``/health``
    says; :meth:`stop` closes the port, :meth:`start` opens the same port again.
    """

    def __init__(self, name: str, port: int = 0):
        self.name = name
        self.status = 200
        self.healthy = True
        self.error_code = 0
        self.pages = 0
        self.health_checks = 0
        self.port = port
        self.httpd = None

    def _handler(self):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict) -> None:
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                if self.path != "/health":
                    self._json(404, {})
                    return
                outer.health_checks += 1
                self._json(200 if outer.healthy else 503,
                           {"logId": "h", "errorCode": 0 if outer.healthy else 503, "errorMsg": "Healthy"})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if outer.status != 200:
                    self._json(outer.status, {})
                    return
                if outer.error_code:
                    self._json(200, {"errorCode": outer.error_code, "errorMsg": "图像无法解码"})
                    return
                import cv2

                image = cv2.imdecode(np.frombuffer(base64.b64decode(body["file"]), np.uint8), cv2.IMREAD_COLOR)
                outer.pages += 1
                self._json(200, serving_response(CountingEngine(outer.name).recognize(image)))

        return Handler

    def start(self) -> "FakeServer":
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self.port = self.httpd.server_address[1]
        serve(self.httpd)
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ocr"


@pytest.fixture
def servers():
    started: list[FakeServer] = []

    def make(*names: str) -> list[FakeServer]:
        for name in names:
            started.append(FakeServer(name).start())
        return started[-len(names):]

    yield make
    for s in started:
        s.stop()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_round_robin_over_servers(servers):
    a, b, c = servers("甲", "乙", "丙")
    engine = get_engine("remote", url=f"{a.url}, {b.url},{c.url}", timeout=5, retries=0)
    texts = [engine.recognize(PAGE).text for _ in range(9)]
    assert (a.pages, b.pages, c.pages) == (3, 3, 3)
    assert texts[:3] == ["甲", "乙", "丙"]
    assert engine.stats()["fallback_pages"] == 0
    assert engine.model_id == f"remote:{a.url},{b.url},{c.url}"


def test_a_dead_server_is_set_aside_and_asked_again_after_its_health_check(servers):
    a, b = servers("甲", "乙")
    port = b.port
    b.stop()
    engine = RemoteEngine([a.url, b.url], timeout=5, retries=0, recheck=0.3)
    assert {engine.recognize(PAGE).text for _ in range(6)} == {"甲"}
    assert a.pages == 6
    assert engine.stats()["servers"][b.url]["failures"] == 1  # tried once, then set aside
    b.port = port
    b.start()  # back on the same port
    time.sleep(0.4)
    texts = [engine.recognize(PAGE).text for _ in range(4)]
    assert b.health_checks == 1 and "乙" in texts and b.pages >= 1


def test_an_unhealthy_server_stays_aside(servers):
    a, b = servers("甲", "乙")
    b.status, b.healthy = 503, False
    engine = RemoteEngine([a.url, b.url], timeout=5, retries=0, recheck=0.1)
    engine.recognize(PAGE)
    engine.recognize(PAGE)
    time.sleep(0.2)
    assert {engine.recognize(PAGE).text for _ in range(4)} == {"甲"}
    assert b.health_checks >= 1 and b.pages == 0


def test_local_fallback_when_no_server_answers(servers):
    (a,) = servers("甲")
    a.status = 503
    local = CountingEngine("本地识别")
    dead = f"http://127.0.0.1:{_closed_port()}/ocr"
    engine = RemoteEngine([dead, a.url], timeout=5, retries=3, backoff=5.0, fallback=local)
    started = time.monotonic()
    pages = [engine.recognize(PAGE) for _ in range(5)]
    assert time.monotonic() - started < 4.0  # never waits on back-off while it can read locally
    assert [p.text for p in pages] == ["本地识别"] * 5 and pages[0].engine == "counting"
    assert local.calls == 5 and engine.stats()["fallback_pages"] == 5
    assert engine.read_line(PAGE).text == "本地识别" and local.line_calls == 1
    assert engine.model_id.endswith("|fallback:counting:本地识别")


def test_fallback_by_name_builds_the_local_engine_lazily():
    engine = get_engine("remote", url="http://127.0.0.1:9/ocr", fallback="ppocr", fallback_options={"threads": 1})
    assert engine._fallback is None or engine._fallback._stages is None
    assert "PP-OCRv4" in engine.model_id
    assert engine.fallback.threads == 1 and engine.fallback._stages is None


def test_without_fallback_no_server_is_an_engine_error(servers):
    dead = [f"http://127.0.0.1:{_closed_port()}/ocr" for _ in range(2)]
    engine = RemoteEngine(dead, timeout=1, retries=1, backoff=0.01)
    with pytest.raises(NoServerAnswered) as err:
        engine.recognize(PAGE)
    assert "无法连接" in err.value.reason
    assert sum(s["failures"] for s in engine.stats()["servers"].values()) == 4  # 2 rounds x 2 servers


def test_a_server_that_answers_with_an_error_is_not_a_missing_server(servers):
    (a,) = servers("甲")
    a.error_code = 400
    engine = RemoteEngine(a.url, timeout=5, retries=2, fallback=CountingEngine("本地"))
    with pytest.raises(EngineError) as err:
        engine.recognize(PAGE)
    assert "图像无法解码" in err.value.reason and engine.stats()["fallback_pages"] == 0


def test_line_reading_goes_round_robin_too(servers):
    a, b = servers("甲", "乙")
    engine = RemoteEngine([a.url, b.url], timeout=5, retries=0)
    readings = [engine.read_line(np.full((32, 100, 3), 255, np.uint8)) for _ in range(2)]
    assert sorted(r.text for r in readings) == ["乙", "甲"] and readings[0].lattice is None


def test_concurrent_pages_share_the_pool(servers):
    from concurrent.futures import ThreadPoolExecutor

    a, b = servers("甲", "乙")
    engine = RemoteEngine([a.url, b.url], timeout=5, retries=0)
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda _: engine.recognize(PAGE).text, range(12)))
    assert sorted(set(texts)) == ["乙", "甲"] and a.pages + b.pages == 12 and abs(a.pages - b.pages) <= 2
