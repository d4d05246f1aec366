"""The online journal query (``--journal-service``) against services that answer badly: too
much (declared, or once decompressed), too many journals, a trickle, a redirect (a loop, or
to another host). Each is the service unavailable, said in Chinese, bounded in time and
memory; the judgement stands on the local registry (hostile exploration 12: a 100 MB answer
was read as 100,000 journals in 8 s and 224 MB, a gzip answer of 300 MB took 555 MB, a
trickle never timed out, a loop was followed 30 times and said 「TooManyRedirects」, a 307
sent the query to the host it named)."""
from __future__ import annotations

import json
import time
import zlib

import pytest

from ocr.testing import trickling
from verify.journals.online import MAX_ANSWER_BYTES, MAX_RECORDS, OnlineLookup


@pytest.fixture
def serve(answering):
    return lambda answer: answering(answer, "/journal/query")


def _send(h, status: int, body: bytes = b"", **headers) -> None:
    h.send_response(status)
    for name, value in {"Content-Length": str(len(body)), **headers}.items():
        h.send_header(name, value)
    h.end_headers()
    try:
        h.wfile.write(body)
    except OSError:
        pass


def _ask(url: str, timeout: float = 2.0):
    return OnlineLookup(url, timeout=timeout, retries=0, cache_path=None).query(issn="1674-1021")


def _bomb(size: int) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip
    return c.compress(b"[") + b"".join(c.compress(b" " * (1 << 20)) for _ in range(size >> 20)) + c.compress(b"]") + c.flush()


def test_an_answer_over_the_bound_is_refused_as_declared_or_as_it_inflates(serve):
    big = b"[" + b",".join([b'{"name":"' + b"x" * 1000 + b'"}'] * (MAX_ANSWER_BYTES >> 9)) + b"]"
    answer = _ask(serve(lambda h: _send(h, 200, big)).url)
    assert answer.state == "offline" and "过大" in answer.error and not answer.records
    bomb = _bomb(4 * MAX_ANSWER_BYTES)
    started = time.monotonic()
    answer = _ask(serve(lambda h: _send(h, 200, bomb, **{"Content-Encoding": "gzip"})).url)
    assert answer.state == "offline" and "过大" in answer.error and time.monotonic() - started < 2


def test_an_answer_listing_too_many_journals_is_not_believed(serve):
    items = json.dumps([{"name": f"期刊{i}", "issn": "1674-1021"} for i in range(MAX_RECORDS + 1)]).encode()
    answer = _ask(serve(lambda h: _send(h, 200, items)).url)
    assert answer.state == "offline" and "期刊过多" in answer.error


def test_a_trickling_answer_times_out_as_a_whole(serve):
    started = time.monotonic()
    answer = _ask(serve(trickling(1000, 1000)).url, timeout=1.0)
    assert answer.state == "offline" and answer.error == "连接超时" and time.monotonic() - started < 5


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_not_followed(serve, status):
    elsewhere = serve(lambda h: _send(h, 200, b"[]"))
    server = serve(lambda h: _send(h, status, Location=elsewhere.url + "?stolen=1"))
    answer = _ask(server.url)
    assert answer.state == "offline" and "未转发" in answer.error
    assert len(server.paths) == 1 and elsewhere.paths == [], "the query went nowhere else"


def test_a_redirect_loop_is_one_request_said_in_chinese(serve):
    server = serve(lambda h: _send(h, 302, Location=h.path + "x"))
    answer = _ask(server.url)
    assert answer.state == "offline" and "未转发" in answer.error and len(server.paths) == 1


def test_a_plain_answer_is_still_read(serve):
    body = json.dumps({"data": [{"刊名": "抚顺环境测试", "ISSN": "1671-1556", "国内统一连续出版物号": "21-1999/X"}]},
                      ensure_ascii=False).encode()
    answer = _ask(serve(lambda h: _send(h, 200, body, **{"Content-Type": "application/json"})).url)
    assert answer.state == "online" and [r.issn for r in answer.records] == ["1671-1556"]


def test_a_lookup_cache_locked_or_damaged_is_set_aside_not_a_crash(serve, tmp_path, caplog):
    import sqlite3

    body = json.dumps([{"刊名": "抚顺环境测试", "ISSN": "1671-1556"}], ensure_ascii=False).encode()
    server = serve(lambda h: _send(h, 200, body))
    damaged = tmp_path / "damaged.sqlite"
    lookup = OnlineLookup(server.url, timeout=2, retries=0, cache_path=damaged)
    assert lookup.query(issn="1671-1556").state == "online"
    with sqlite3.connect(damaged) as db:
        db.execute("UPDATE answer SET body = '[[[{'")  # a row no JSON reader takes
    answer = OnlineLookup(server.url, timeout=2, retries=0, cache_path=damaged).query(issn="1671-1556")
    assert answer.state == "online" and answer.records

    locked = tmp_path / "locked.sqlite"
    OnlineLookup(server.url, timeout=2, retries=0, cache_path=locked).query(issn="1671-1556")
    holder = sqlite3.connect(locked, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        lookup = OnlineLookup(server.url, timeout=2, retries=0, cache_path=locked)
        lookup._cache = lambda: sqlite3.connect(str(locked), timeout=0.2)  # the 10 s busy wait, shortened
        answer = lookup.query(issn="1671-1556")
        assert answer.state == "online" and answer.records and lookup.cache_path is None
        assert any("锁定" in r.getMessage() for r in caplog.records)
    finally:
        holder.close()
