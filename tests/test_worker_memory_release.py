"""A batch worker hands back to the system the heap its applicant freed
(verify.run.resources.release_freed_memory): glibc kept it, so a worker stayed as large as
its largest applicant had made it and the next large page's peak stacked on top (the
hostile corpus's summed peak rose past its 1.5 GB bound on CI)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import os
from verify.run.resources import release_freed_memory

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

chunks = [bytearray(60_000) for _ in range(5_000)]  # 300 MB in pieces malloc keeps on its heap
pin = bytearray(60_000)  # allocated last: the heap's top stays in use, so free() alone shrinks nothing
del chunks
before = rss_mb()
release_freed_memory()
print(before, rss_mb(), len(pin))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc")
def test_the_heap_an_applicant_freed_goes_back_to_the_system():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    before, after, _ = (float(x) for x in proc.stdout.split())
    assert before - after > 200, f"resident {before:.0f} MB before, {after:.0f} MB after"
