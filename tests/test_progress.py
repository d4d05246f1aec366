"""What a batch says while it runs (verify.run.progress), driven by a fake clock."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from verify.report.summary import SummaryRow
from verify.run.progress import MAX_NAMED, BatchProgress, problems_of


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _report(out: Path, key: str, findings: list[dict]) -> None:
    (out / key).mkdir(parents=True, exist_ok=True)
    (out / key / "report.json").write_text(json.dumps({"key": key, "findings": findings}, ensure_ascii=False),
                                           encoding="utf-8")
    (out / key / "report.html").write_text("<!DOCTYPE html>", encoding="utf-8")


FAILING = [
    {"rule": "seal.present", "status": "review", "message": "印章颜色过淡"},
    {"rule": "assessment.years", "status": "fail", "message": "缺少 2021 年度考核表"},
    {"rule": "signature.present", "status": "fail", "message": "签字栏空白"},
    {"rule": "assessment.years", "status": "fail", "message": "缺少 2022 年度考核表"},
]


def test_totals_and_time_left_on_a_terminal_line():
    clock = Clock()
    bar = BatchProgress(3, io.StringIO(), mode="bar", clock=clock)
    for key, pages in (("a", 10), ("b", 20), ("c", 5)):
        bar.plan(key, pages)
    bar.update(running=2, force=True)
    assert bar.eta() is None  # nothing read yet: no estimate
    clock.now += 10
    bar.update(pages=5, force=True)
    assert "申报人 0/3 · 页 5/35 · 进行中 2" in bar.status_line()
    assert bar.eta() == pytest.approx(60.0)  # 30 pages left at 0.5 page/s
    assert "预计剩余 01:00" in bar.stream.getvalue() and "已用 00:10" in bar.stream.getvalue()
    bar.plan("b", 25)  # b started: its real page count replaces the estimate
    assert bar.pages_total == 40
    clock.now += 10
    bar.finished(SummaryRow("a", "张伟", "pass", pages=10), pages_read=5)
    assert (bar.done, bar.pages) == (1, 10)
    assert bar.stream.getvalue().startswith("\r") and "\n" not in bar.stream.getvalue()


def test_reused_reports_count_as_done_but_not_as_reading_speed():
    clock = Clock()
    progress = BatchProgress(3, io.StringIO(), mode="log", clock=clock)
    progress.plan("c", 10)
    progress.reuse([SummaryRow("a", "甲", "pass", pages=40, skipped=True),
                    SummaryRow("b", "乙", "error", error="名册中缺少身份证号")])
    assert (progress.done, progress.pages, progress.pages_total, progress.errors) == (2, 40, 50, 1)
    assert progress.stream.getvalue() == "沿用已有报告 1 名申报人（40 页），其余 1 名待核验\n"
    clock.now += 20
    progress.update(pages=4)
    assert progress.eta() == pytest.approx(30.0)  # 6 pages left at 4 pages / 20 s


def test_a_log_line_per_finished_applicant_then_the_non_pass_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "2024"
    _report(out, "zhangwei", FAILING)
    _report(out, "lina", [{"rule": "seal.unit", "status": "review", "message": "印文无法辨认"},
                          {"rule": "identity.name", "status": "pass", "message": "一致"}])
    _report(out, "wangfang", [{"rule": "identity.name", "status": "pass", "message": "一致"}])
    clock = Clock()
    stream = io.StringIO()  # not a terminal
    progress = BatchProgress(4, stream, clock=clock, out_dir=out)
    assert progress.mode == "log"
    rows = [SummaryRow("lina", "李娜", "review", review=1, passed=1, pages=6, seconds=12.0),
            SummaryRow("wangfang", "王芳", "pass", passed=1, pages=3, seconds=5.0),
            SummaryRow("zhangwei", "张伟", "fail", fail=3, review=1, pages=12, seconds=20.0),
            SummaryRow("broken", "", "error", error="applicant.yaml：格式错误，无法解析\n（ScannerError）")]
    for row in rows:
        progress.plan(row.key, row.pages)
    for row in rows:
        clock.now += row.seconds
        progress.finished(row)
    progress.close("完成：4 名申报人", rows)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4 + 1 + 3 + 1
    assert lines[0].startswith("[1/4] 李娜（lina） 需复核，问题项：印章为申报单位公章（6 页，12.0 秒） · 页 6/21")
    assert lines[2].startswith("[3/4] 张伟（zhangwei） 不通过，问题项：近三年年度考核表齐全、签字栏已签字（12 页")
    assert lines[3].startswith("[4/4] broken 无法核验：applicant.yaml：格式错误，无法解析 （ScannerError）")
    assert lines[4] == "未通过的申报人（3 名）："
    assert lines[5] == "  李娜（lina） 需复核，问题项：印章为申报单位公章 → out/2024/lina/report.html"
    assert lines[6] == "  张伟（zhangwei） 不通过，问题项：近三年年度考核表齐全、签字栏已签字 → out/2024/zhangwei/report.html"
    assert lines[7].startswith("  broken 无法核验：applicant.yaml：格式错误") and "→" not in lines[7]
    assert lines[-1] == "完成：4 名申报人"
    assert "王芳" not in "\n".join(lines[4:])


def test_final_mode_names_only_at_the_end_and_none_says_nothing(tmp_path):
    rows = [SummaryRow(f"k{i:03d}", "", "fail", fail=1) for i in range(MAX_NAMED + 5)]
    final = BatchProgress(len(rows), io.StringIO(), mode="final", out_dir=tmp_path)
    for row in rows:
        final.finished(row)
    final.close("完成", rows)
    lines = final.stream.getvalue().splitlines()
    assert lines[0] == f"未通过的申报人（{len(rows)} 名）：" and lines[-2] == "  ……另有 5 名，见 summary.csv"
    assert len(lines) == 1 + MAX_NAMED + 1 + 1
    quiet = BatchProgress(1, io.StringIO(), mode="none")
    quiet.finished(rows[0])
    quiet.close("完成", rows)
    assert quiet.stream.getvalue() == ""


class _ClosedTerminal(io.StringIO):
    def isatty(self):
        return True

    def write(self, text):
        raise OSError(5, "Input/output error")


def test_a_closed_terminal_silences_the_progress_not_the_run():
    progress = BatchProgress(2, _ClosedTerminal())
    assert progress.mode == "bar"
    progress.update(pages=1, force=True)
    progress.finished(SummaryRow("a", "张伟", "fail", fail=1))
    progress.close("完成", [SummaryRow("a", "张伟", "fail", fail=1)])
    assert progress.mode == "none"


def test_problems_prefer_failures_and_keep_the_first_reason():
    assert problems_of({"findings": FAILING}) == [("assessment.years", "缺少 2021 年度考核表"),
                                                  ("signature.present", "签字栏空白")]
    assert problems_of({"findings": FAILING[:1]}) == [("seal.present", "印章颜色过淡")]
    assert problems_of({"findings": [{"status": "pass"}, "junk"]}) == [] == problems_of({})


PTY_SCRIPT = """
import fcntl, os, pty, struct, sys, termios
from verify.run.progress import BatchProgress
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, int(sys.argv[1]), 0, 0))
tty = os.fdopen(slave, "w", encoding="utf-8")
bar = BatchProgress(2, tty, "auto")
assert bar.mode == "bar"
bar.plan("a", 3)
bar.update(pages=1, force=True)
bar.close("完成", [])
tty.close()
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the other side is closed and everything was read
        break
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode("utf-8", "replace"))
"""


@pytest.mark.parametrize("columns", [0, 100])
def test_a_terminal_of_any_width_gets_the_line(columns):
    """A pseudo-terminal that tells 0 columns (a CI runner, `script`) once made tqdm loop for ever."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", PTY_SCRIPT, str(columns)], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 0, proc.stderr
    assert "申报人 0/2 · 页 1/3" in proc.stdout and proc.stdout.rstrip().endswith("完成")
