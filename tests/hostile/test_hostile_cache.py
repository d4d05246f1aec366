"""The OCR cache failing mid-run for reasons that are not its damage: its disk full, the
file turned read-only. The pages are read without it, and the one warning says why,
never asking to delete a good cache (hostile exploration 12: it said 「如文件已损坏或由其他
版本写入，请删除该文件」 for a full disk, which throws away hours of OCR)."""
from __future__ import annotations

import logging
import sqlite3

import cv2
import numpy as np

from ocr.cache import OcrCache
from ocr.pipeline import OcrSettings, read_file
from ocr.testing import CountingEngine

PLAIN = OcrSettings(orientation=False, deskew=False, suppress_red=False)


def _pages(tmp_path, n: int):
    paths = []
    for i in range(n):
        img = np.full((300, 400, 3), 255, np.uint8)
        cv2.putText(img, f"20{i:02d}", (50, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 0), 3)
        paths.append(tmp_path / f"p{i}.png")
        cv2.imwrite(str(paths[-1]), img)
    return paths


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "OCR 缓存" in r.getMessage()]


def test_a_cache_whose_disk_fills_mid_run_is_set_aside_saying_so(tmp_path, caplog):
    cache = OcrCache(tmp_path / "cache.sqlite")
    conn = cache._conn()
    conn.execute("INSERT INTO ocr_pages VALUES ('padding', ?, 0)", ("x" * 3900,))  # its one page of rows full
    used = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {used}")  # SQLite's own 「database or disk is full」
    engine = CountingEngine()
    pages = [p for path in _pages(tmp_path, 4) for p in read_file(path, engine, cache, PLAIN)]
    assert engine.calls == 4 and len(pages) == 4 and not any(p.from_cache for p in pages)
    assert cache.broken and "full" in cache.broken
    (said,) = _warnings(caplog)
    assert "磁盘已满" in said and "无须删除" in said and "请删除该文件" not in said


def test_a_cache_turned_read_only_mid_run_is_set_aside_saying_so(tmp_path, caplog):
    cache = OcrCache(tmp_path / "cache.sqlite")
    cache._conn().execute("PRAGMA query_only = ON")  # every write: 「attempt to write a readonly database」
    engine = CountingEngine()
    pages = [p for path in _pages(tmp_path, 2) for p in read_file(path, engine, cache, PLAIN)]
    assert engine.calls == 2 and len(pages) == 2
    (said,) = _warnings(caplog)
    assert "不可写" in said and "请删除该文件" not in said


def test_a_damaged_cache_is_still_said_to_be_damaged(tmp_path, caplog):
    cache = OcrCache(tmp_path / "cache.sqlite")
    cache._set_aside(sqlite3.DatabaseError("database disk image is malformed"))
    (said,) = _warnings(caplog)
    assert "已损坏" in said and "请删除该文件" in said
