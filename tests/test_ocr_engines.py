"""Engine factory, replay, paddle (absent) and the remote client over loopback HTTP."""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from ocr.engines import OcrEngine, UnknownEngine, available_engines, get_engine
from ocr.engines.remote import RemoteEngine, serving_response
from ocr.engines.replay import ReplayEngine
from ocr.errors import EngineError, EngineUnavailable
from ocr.model import OcrLine, OcrPage
from ocr.testing import CountingEngine, serve


def test_factory_names_and_instances():
    assert {"ppocr", "paddle", "remote", "replay"} <= set(available_engines())
    fake = CountingEngine()
    assert get_engine(fake) is fake
    with pytest.raises(UnknownEngine) as err:
        get_engine("tesseract")
    assert "tesseract" in str(err.value) and "ppocr" in str(err.value)
    with pytest.raises(TypeError):
        get_engine(42)


def test_ppocr_engine_builds_without_loading_models():
    engine = get_engine("ppocr", threads=1)
    assert isinstance(engine, OcrEngine) and engine.name == "ppocr"
    assert engine._stages is None  # models load on the first page
    assert "PP-OCRv4" in engine.model_id
    assert get_engine("ppocr", det_max_side=1200).model_id != engine.model_id


def test_paddle_without_package_says_what_to_install(monkeypatch):
    try:
        import paddleocr  # noqa: F401
        pytest.skip("paddleocr is installed here")
    except ImportError:
        pass
    with pytest.raises(EngineUnavailable) as err:
        get_engine("paddle")
    assert "pip install" in err.value.reason and "paddleocr" in err.value.reason


def _page(text="抚顺市生态环境局", w=200, h=100) -> OcrPage:
    return OcrPage(w, h, [OcrLine(text, ((5, 5), (150, 5), (150, 30), (5, 30)), 0.97, 0)], engine="ppocr")


def test_replay_by_pixels_and_by_name(tmp_path):
    img = np.full((100, 200, 3), 255, np.uint8)
    engine = ReplayEngine(tmp_path, record=True)
    engine.add(img, _page("像素"))
    engine.add("scan.pdf#2", _page("名称"))
    again = ReplayEngine(tmp_path)  # reads the folder written above
    assert again.recognize(img.copy()).text == "像素"
    other = np.zeros((100, 200, 3), np.uint8)
    assert again.recognize(other, source="scan.pdf#2").text == "名称"
    assert again.recognize(other, source="scan.pdf#2").source == "replay"
    with pytest.raises(EngineError):
        again.recognize(other, source="scan.pdf#3")


def test_replay_records_through_a_fallback(tmp_path):
    fake = CountingEngine("真实引擎")
    engine = ReplayEngine(tmp_path / "store", fallback=fake, record=True)
    img = np.full((50, 60, 3), 200, np.uint8)
    assert engine.recognize(img).text == "真实引擎"
    assert engine.recognize(img).text == "真实引擎"
    assert fake.calls == 1
    assert len(list((tmp_path / "store").glob("*.json"))) == 1


# -- remote over loopback -------------------------------------------------------------

class _Server:
    """A PaddleX-style /ocr endpoint on 127.0.0.1 answering with ``answer(image)``."""

    def __init__(self, answer, fail_first: int = 0, status: int = 500):
        self.requests: list[dict] = []
        self.fail_left = fail_first
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, **{k: v for k, v in body.items() if k != "file"}})
                if outer.fail_left > 0:
                    outer.fail_left -= 1
                    self.send_response(status)
                    self.end_headers()
                    return
                import base64

                import cv2

                data = np.frombuffer(base64.b64decode(body["file"]), np.uint8)
                image = cv2.imdecode(data, cv2.IMREAD_COLOR)
                payload = json.dumps(answer(image)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/ocr"

    def __enter__(self):
        serve(self.httpd)
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_remote_engine_reads_the_serving_shape():
    local = CountingEngine("二〇二四年五月十六日")
    with _Server(lambda img: serving_response(local.recognize(img))) as server:
        engine = get_engine("remote", url=server.url, timeout=5, retries=0)
        page = engine.recognize(np.full((120, 300, 3), 255, np.uint8))
    assert page.text == "二〇二四年五月十六日" and page.engine == "remote"
    assert (page.width, page.height) == (300, 120)
    assert page.lines[0].bbox == (10, 10, 290, 40)
    assert server.requests[0]["path"] == "/ocr" and server.requests[0]["fileType"] == 1


def test_remote_engine_retries_server_errors():
    local = CountingEngine("重试成功")
    with _Server(lambda img: serving_response(local.recognize(img)), fail_first=2) as server:
        engine = RemoteEngine(server.url, timeout=5, retries=2, backoff=0.01)
        assert engine.recognize(np.full((50, 50, 3), 255, np.uint8)).text == "重试成功"
    assert len(server.requests) == 3


def test_remote_engine_gives_up_with_a_clear_error():
    with _Server(lambda img: {}, fail_first=10) as server:
        engine = RemoteEngine(server.url, timeout=5, retries=1, backoff=0.01)
        with pytest.raises(EngineError) as err:
            engine.recognize(np.full((50, 50, 3), 255, np.uint8))
    assert "HTTP 500" in err.value.reason


def test_remote_engine_reports_service_errors_and_refusals():
    with _Server(lambda img: {"errorCode": 400, "errorMsg": "bad file"}) as server:
        with pytest.raises(EngineError) as err:
            RemoteEngine(server.url, retries=0).recognize(np.full((50, 50, 3), 255, np.uint8))
    assert "bad file" in err.value.reason
    with _Server(lambda img: {}, fail_first=1, status=403) as server:
        with pytest.raises(EngineError) as err:
            RemoteEngine(server.url, retries=3, backoff=0.01).recognize(np.full((50, 50, 3), 255, np.uint8))
    assert "403" in err.value.reason and len(server.requests) == 1  # no retry on a refusal


def test_remote_engine_unreachable():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = RemoteEngine(f"http://127.0.0.1:{port}/ocr", timeout=1, retries=1, backoff=0.01)
    with pytest.raises(EngineError) as err:
        engine.recognize(np.full((50, 50, 3), 255, np.uint8))
    assert "无法连接" in err.value.reason


def test_remote_engine_timeout():
    import time

    def slow(img):
        time.sleep(1.0)
        return {}

    with _Server(slow) as server:
        engine = RemoteEngine(server.url, timeout=0.2, retries=0)
        with pytest.raises(EngineError) as err:
            engine.recognize(np.full((50, 50, 3), 255, np.uint8))
    assert "超时" in err.value.reason


@pytest.mark.slow
def test_remote_engine_against_local_ppocr_over_loopback():
    """The loopback server answers with the real local engine's results."""
    from ocr.synthetic import draw_lines, find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font")
    local = get_engine("ppocr")
    page = draw_lines([(20, 20, "抚顺市生态环境局", 40)], 420, 90)
    with _Server(lambda img: serving_response(local.recognize(img))) as server:
        remote = RemoteEngine(server.url, timeout=60, retries=0)
        got = remote.recognize(page.image)
    direct = local.recognize(page.image)
    assert got.text == direct.text == "抚顺市生态环境局"
    assert got.lines[0].bbox == pytest.approx(direct.lines[0].bbox, abs=1)
