"""Fake engines for tests, plugged in through the real engine interface (no models)."""
from __future__ import annotations

import numpy as np

from .engines import OcrEngine
from .model import OcrLine, OcrPage


class CountingEngine(OcrEngine):
    """Answers every page with one fixed line and counts the calls."""

    name = "counting"

    def __init__(self, text: str = "抚顺市生态环境局 2024年5月16日"):
        self.text = text
        self.calls = 0
        self.line_calls = 0

    @property
    def model_id(self) -> str:
        return f"counting:{self.text}"

    def recognize(self, image: np.ndarray) -> OcrPage:
        self.calls += 1
        h, w = image.shape[:2]
        box = ((10.0, 10.0), (w - 10.0, 10.0), (w - 10.0, 40.0), (10.0, 40.0))
        return OcrPage(width=w, height=h, lines=[OcrLine(self.text, box, 0.99, 0)], engine=self.name,
                       timings={"detect": 0.0, "classify": 0.0, "recognise": 0.0})

    def recognize_line(self, image: np.ndarray) -> tuple[str, float]:
        self.line_calls += 1
        return self.text, 0.99


class CrashingEngine(CountingEngine):
    name = "crashing"

    def recognize(self, image: np.ndarray) -> OcrPage:
        from .errors import EngineError

        raise EngineError("模拟的引擎故障")


def serve(httpd) -> None:
    """Serve ``httpd`` (a test's HTTP server) from a daemon thread, looking for ``shutdown()`` every 0.05 s: at the
    default 0.5 s every test's server took up to half a second to stop."""
    import threading

    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()


class AnsweringServer:
    """A real HTTP server on 127.0.0.1 for tests of clients that must survive bad answers (the
    remote OCR engine, the online journal query): every GET and POST to ``path`` is answered
    by ``answer(handler)``, which writes the whole response. ``paths`` lists the paths asked
    for and ``posts`` counts the POSTs (their bodies are read first). :meth:`close` stops it."""

    def __init__(self, answer, path: str = "/"):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.paths: list[str] = []
        self.posts = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.posts += 1
                outer.paths.append(self.path)
                answer(self)

            def do_GET(self):  # noqa: N802
                outer.paths.append(self.path)
                answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"
        serve(self.httpd)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def trickling(length: int, spaces: int, pause: float = 0.2):
    """An :class:`AnsweringServer` answer that declares ``length`` bytes, then sends ``spaces`` single spaces
    ``pause`` seconds apart (each read within a client's per-read timeout, the whole never within its deadline),
    stopping quietly when the client hangs up."""
    import time

    def answer(h) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(length))
        h.end_headers()
        try:
            for _ in range(spaces):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass

    return answer
