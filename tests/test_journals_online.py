"""The optional online journal lookup, against a fake service on the loopback
interface: answers, cache, retries, timeouts and the offline fallback."""
from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ocr.testing import serve
from verify.journals import JournalChecker
from verify.journals.judge import check
from verify.journals.online import OnlineLookup
from verify.journals.registry import Registry
from verify.journals.testing import small_registry
from verify.read.dates import PartialDate

#: What the fake service knows (a province's journal query, Chinese field names).
KNOWN = {
    "1671-1556": {"刊名": "抚顺环境测试", "ISSN": "1671-1556", "国内统一连续出版物号": "21-1999/X", "主办单位": "抚顺市环境学会",
                  "状态": "正常出版"},
    "1008-3634": {"name": "停刊测试", "issn": "1008-3634", "cn": "21-1998/X", "status": "停刊", "停刊时间": "2019"},
}


class FakeService(BaseHTTPRequestHandler):
    hits = 0
    fail_next = 0  # answer 503 this many times first
    delay = 0.0

    def do_GET(self):  # noqa: N802
        type(self).hits += 1
        if type(self).delay:
            time.sleep(type(self).delay)
        if type(self).fail_next > 0:
            type(self).fail_next -= 1
            self.send_response(503)
            self.end_headers()
            return
        q = parse_qs(urlsplit(self.path).query)
        issn = (q.get("issn") or [""])[0]
        body = json.dumps({"code": 0, "data": [KNOWN[issn]] if issn in KNOWN else []}, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def service():
    FakeService.hits, FakeService.fail_next, FakeService.delay = 0, 0, 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeService)
    serve(server)
    yield f"http://127.0.0.1:{server.server_address[1]}/journal/query"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    return Registry(small_registry(tmp_path_factory.mktemp("reg")))


def lookup(url, tmp_path, **kw):
    return OnlineLookup(url, cache_path=tmp_path / "cache.sqlite", backoff=0.01, **kw)


def test_a_journal_the_registry_lacks_is_found_online_and_cached(service, reg, tmp_path):
    online = lookup(service, tmp_path)
    j = check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=online)
    assert (j.status, j.outcome) == ("registered", "pass")
    assert j.journal.name == "抚顺环境测试" and j.journal.publisher == "抚顺市环境学会"
    assert j.lookup["state"] == "online" and "已联网查询" in j.message()
    assert FakeService.hits == 1
    again = check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=lookup(service, tmp_path))
    assert again.lookup["state"] == "cache" and FakeService.hits == 1 and again.outcome == "pass"


def test_the_service_status_and_stop_year_count(service, reg, tmp_path):
    j = check(reg, "1008-3634", "21-1998/X", ["停刊测试"], PartialDate(2021, 5), online=lookup(service, tmp_path))
    assert (j.status, j.outcome) == ("ceased", "fail") and "2019" in j.message()


def test_a_registered_journal_is_not_asked_about(service, reg, tmp_path):
    j = check(reg, "1000-0933", "11-2031/Q", ["生态学报"], online=lookup(service, tmp_path))
    assert j.outcome == "pass" and j.lookup is None and FakeService.hits == 0


def test_unknown_to_the_service_too(service, reg, tmp_path):
    j = check(reg, "1234-5679", "21-1997/X", ["不存在的期刊"], online=lookup(service, tmp_path))
    assert (j.status, j.outcome) == ("unknown", "review") and "该服务亦无此刊记录" in j.message()


def test_retries_after_server_errors(service, reg, tmp_path):
    FakeService.fail_next = 2
    j = check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=lookup(service, tmp_path, retries=2))
    assert j.outcome == "pass" and FakeService.hits == 3


def test_offline_fallback_says_so(reg, tmp_path):
    dead = "http://127.0.0.1:9/journal/query"  # the discard port: nothing listens
    j = check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=lookup(dead, tmp_path, retries=0))
    assert (j.status, j.outcome) == ("unknown", "review")
    assert j.lookup["state"] == "offline" and "联网查询不可用" in j.message() and "仅按本地登记库" in j.message()


def test_timeout_then_stale_cache_is_used_and_dated(service, reg, tmp_path):
    online = lookup(service, tmp_path, max_age_days=0, timeout=0.3, retries=0)
    assert check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=online).lookup["state"] == "online"
    FakeService.delay = 1.0
    j = check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=online)
    assert j.outcome == "pass" and j.lookup["state"] == "cache" and j.lookup["error"] == "连接超时"
    assert "缓存的联网查询结果" in j.message()


def test_template_url(service, reg, tmp_path):
    online = lookup(service + "?issn={issn}&cn={cn}&kw={name}", tmp_path)
    assert online.request_url("1671-1556", "21-1999/X", "抚顺 环境").endswith("issn=1671-1556&cn=21-1999/X&kw=%E6%8A%9A%E9%A1%BA%20%E7%8E%AF%E5%A2%83")
    assert check(reg, "1671-1556", "21-1999/X", ["抚顺环境测试"], online=online).outcome == "pass"


def test_never_on_by_default():
    assert JournalChecker().online() is None
    with pytest.raises(ValueError, match="http"):
        OnlineLookup("ftp://example.org/q")
