"""The remote OCR engine against servers that answer badly: a trickle, no result for the
page, too much, a redirect (hostile exploration 5, P2-P4 and P7). Each server is a real
HTTP server on 127.0.0.1."""
from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from ocr.engines.remote import MAX_ANSWER_BYTES, MAX_LINES, RemoteEngine, parse_serving_response
from ocr.errors import EngineError
from ocr.testing import CountingEngine, trickling

PAGE = np.full((60, 120, 3), 255, np.uint8)


@pytest.fixture
def serve(answering):
    return lambda answer: answering(answer, "/ocr")


def _send(handler, status: int, payload: bytes, **headers) -> None:
    handler.send_response(status)
    for name, value in {"Content-Type": "application/json", "Content-Length": str(len(payload)), **headers}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(payload)


def _json(body: dict):
    return lambda h: _send(h, 200, json.dumps(body).encode())


def _pruned(texts, polys=None, **extra) -> dict:
    pruned = {"rec_texts": texts, "rec_scores": [0.9] * len(texts),
              "rec_polys": polys if polys is not None else [[[1, 1], [9, 1], [9, 5], [1, 5]]] * len(texts), **extra}
    return {"errorCode": 0, "result": {"ocrResults": [{"prunedResult": pruned}]}}


def test_a_server_trickling_its_answer_times_out_as_a_whole_and_the_fallback_reads(serve):
    """Headers, then a byte every 0.2 s: each read came within requests' timeout, so the
    page never timed out and the fallback was never used."""
    server = serve(trickling(100000, 100))
    with pytest.raises(EngineError, match="超时"):
        RemoteEngine(server.url, timeout=1, retries=0).recognize(PAGE)
    engine = RemoteEngine(server.url, timeout=1, retries=0, fallback=CountingEngine("本机"))
    assert engine.recognize(PAGE).text.startswith("本机") and engine.fallback_pages == 1
    assert not engine.stats()["servers"][server.url]["up"], "the trickling server is set aside"


@pytest.mark.parametrize("body", [
    {"errorCode": 0, "result": {"ocrResults": []}},
    {"errorCode": 0, "result": {"ocrResults": None}},
    {"errorCode": 0, "result": {"ocrResults": [None]}},
    {"errorCode": 0, "result": {"ocrResults": [{"prunedResult": {}}]}},
])
def test_no_result_for_the_page_sent_is_the_servers_failure_not_a_blank_page(body):
    with pytest.raises(EngineError, match="未返回该页的识别结果|格式不完整"):
        parse_serving_response(body, 100, 100)


def test_a_blank_page_with_empty_lists_and_no_boxes_is_a_blank_page():
    page = parse_serving_response(_pruned([], polys=[]), 100, 100)
    assert page.lines == [] and page.text == ""


def test_too_many_lines_or_a_line_longer_than_the_page_is_wide_is_refused():
    with pytest.raises(EngineError, match="文字行过多"):
        parse_serving_response(_pruned(["字"] * (MAX_LINES + 1)), 1000, 1000)
    with pytest.raises(EngineError, match="文字行过长"):
        parse_serving_response(_pruned(["抚顺" * 600]), 1000, 1000)
    assert parse_serving_response(_pruned(["抚顺" * 400]), 1000, 1000).lines


def test_an_answer_over_the_bound_is_refused_whatever_it_declares_or_inflates_to(serve):
    bomb = gzip.compress(b"{" + b" " * (MAX_ANSWER_BYTES + 10) + b"}", 9)
    assert len(bomb) < MAX_ANSWER_BYTES // 100
    inflating = serve(lambda h: _send(h, 200, bomb, **{"Content-Encoding": "gzip"}))
    with pytest.raises(EngineError, match="内容过大"):
        RemoteEngine(inflating.url, timeout=30, retries=0).recognize(PAGE)

    def declared(h):
        h.send_response(200)
        h.send_header("Content-Length", str(MAX_ANSWER_BYTES + 1))
        h.end_headers()

    big = serve(declared)
    with pytest.raises(EngineError, match="内容过大"):
        RemoteEngine(big.url, timeout=30, retries=0).recognize(PAGE)


def test_deeply_nested_json_is_no_json_not_a_recursion_error(serve):
    server = serve(lambda h: _send(h, 200, b"[" * 200_000))
    with pytest.raises(EngineError, match="不是 JSON"):
        RemoteEngine(server.url, timeout=30, retries=0).recognize(PAGE)


@pytest.mark.parametrize("status", [302, 307])
def test_a_redirect_is_not_followed_and_the_scan_goes_nowhere_else(serve, status):
    other = serve(_json(_pruned(["别处"])))
    server = serve(lambda h: _send(h, status, b"", Location=other.url))
    with pytest.raises(EngineError, match=f"HTTP {status}"):
        RemoteEngine(server.url, timeout=5, retries=0).recognize(PAGE)
    engine = RemoteEngine(server.url, timeout=5, retries=0, fallback=CountingEngine("本机"))
    assert engine.recognize(PAGE).text.startswith("本机")
    assert other.paths == [], "the applicant's scan was re-sent to the address the redirect named"


_BOX = [[1, 1], [9, 1], [9, 5], [1, 5]]


@pytest.mark.parametrize("pruned", [
    {"rec_texts": ["抚顺"], "rec_scores": ["x"], "rec_polys": [_BOX]},
    {"rec_texts": ["抚顺"], "rec_scores": [None], "rec_polys": [_BOX]},
    {"rec_texts": ["抚顺"], "rec_scores": [float("nan")], "rec_polys": [_BOX]},
    {"rec_texts": ["抚顺"], "rec_scores": [1e9], "rec_polys": [_BOX]},  # every reading 'sure'
    {"rec_texts": ["抚顺"], "rec_scores": [-0.5], "rec_polys": [_BOX]},
    {"rec_texts": ["抚顺"], "rec_scores": [True], "rec_polys": [_BOX]},
    {"rec_texts": [{"text": "抚顺"}], "rec_scores": [0.9], "rec_polys": [_BOX]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_polys": ["abc"]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_polys": [[1, 2, 3]]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_polys": [[]]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_polys": [[[float("nan"), 1], [9, 1], [9, 5], [1, 5]]]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_polys": [[[1, 1], [1e300, 1], [1e300, 5], [1, 5]]]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_polys": [[[500, 500], [509, 500], [509, 505], [500, 505]]]},
    {"rec_texts": ["抚顺"], "rec_scores": [0.9], "rec_boxes": [[1]]},
])
def test_an_answer_of_the_wrong_shape_is_the_servers_failure_not_a_crash_nor_a_reading(pruned):
    """Each raised ValueError, TypeError or IndexError (the batch's 「可能是核验程序的缺陷」, retried
    each rerun), or was taken as read: a score of 1e9 or NaN, a box a thousand pages wide."""
    with pytest.raises(EngineError, match="格式不完整"):
        parse_serving_response({"errorCode": 0, "result": {"ocrResults": [{"prunedResult": pruned}]}}, 100, 100)


def test_an_old_servers_line_without_its_box_is_the_servers_failure():
    with pytest.raises(EngineError, match="格式不完整"):
        parse_serving_response({"result": {"texts": [{"text": "抚顺"}]}}, 100, 100)


def test_a_box_a_few_pixels_past_the_page_is_kept_inside_it():
    page = parse_serving_response(_pruned(["抚顺"], polys=[[[-3, 2], [104, 2], [104, 9], [-3, 9]]]), 100, 100)
    assert page.lines[0].bbox == (0, 2, 100, 9) and page.lines[0].text == "抚顺"


def test_a_server_answering_the_wrong_shape_is_an_engine_error(serve):
    server = serve(_json({"errorCode": 0, "result": {"ocrResults": [{"prunedResult": {
        "rec_texts": ["抚顺"], "rec_scores": ["high"], "rec_polys": [_BOX]}}]}}))
    with pytest.raises(EngineError, match="置信度不是数字"):
        RemoteEngine(server.url, timeout=5, retries=0).recognize(PAGE)
