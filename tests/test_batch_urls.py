"""The batch over an archive given as an fsspec URL (``verify.run.remote_inputs``).

No network: ``file://`` URLs run through the local pool (its workers copy each
applicant into their temporary folder); fsspec's ``memory://`` file system, which
lives in this process only, tests the listing rules and the copying in-process; a
protocol whose package is missing is refused up front. The same archive on a real Dask
cluster: ``tests/test_batch_dask.py``.
"""
from __future__ import annotations

import importlib.util
import io
import json
import os
import time
import uuid
import zipfile
from pathlib import Path

import pytest

fsspec = pytest.importorskip("fsspec")

from test_batch_mechanics import FAST, YAML, calls, fake_check, make_dossier, read_summary  # noqa: E402

from verify.run.batch import BatchOptions, ZipLimits, find_dossiers, open_dossier, run_batch  # noqa: E402
from verify.run.pipeline import Settings, dossier_files  # noqa: E402
from verify.run.remote_inputs import LINK_PLACEHOLDER, fetch, find_url_dossiers  # noqa: E402
from verify.run.task import DossierTask, check_task  # noqa: E402
from verify.run.zips import InputError  # noqa: E402


@pytest.fixture
def call_log(tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    monkeypatch.setenv("BATCH_TEST_LOG", str(log))
    return log


def _zip_of(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder.parent).as_posix())


def _archive(root: Path) -> Path:
    """Folders, a zip, a unit group, a link, other archives and stray files."""
    arch = root / "archive"
    make_dossier(arch, "A1")
    make_dossier(arch, "A2", name="李娜", status="fail")
    make_dossier(arch, "A3", marker="BOOM")
    make_dossier(root / "zipped", "Z1", status="review")
    _zip_of(root / "zipped" / "Z1", arch / "Z1.zip")
    make_dossier(arch / "生态环境局", "王芳")  # grouped by unit
    make_dossier(arch / "生态环境局", "赵强", status="fail")
    (arch / ".DS_Store").write_text("x")  # litter; a hidden folder is an applicant (hostile exploration 5, P5)
    (arch / "__MACOSX").mkdir()
    (arch / "answer_key.json").write_text("{}")
    (arch / "B1.rar").write_bytes(b"Rar!")
    make_dossier(root / "elsewhere", "L1")
    os.symlink(root / "elsewhere" / "L1", arch / "L1")
    os.symlink(root / "elsewhere" / "L1" / "扫描件" / "证书.jpg", arch / "A1" / "扫描件" / "链接.jpg")
    return arch


# ---------------------------------------------------------------- file:// through the local pool


def test_a_file_url_archive_runs_on_the_pool_like_the_local_path(tmp_path, call_log):
    arch = _archive(tmp_path)
    url = arch.as_uri()
    dossiers = find_url_dossiers(url)
    local = find_dossiers(arch)
    # the same applicants and keys as the local finder, except that a link is not followed
    assert [d.key for d in dossiers] == [d.key for d in local]
    assert [d.key for d in dossiers] == ["A1", "A2", "A3", "B1", "L1", "Z1", "生态环境局/王芳", "生态环境局/赵强"]
    by_key = {d.key: d for d in dossiers}
    assert by_key["L1"].error and "符号链接" in by_key["L1"].error and by_key["L1"].remote is None
    assert local[[d.key for d in local].index("L1")].error is None  # the local finder follows it
    assert "不支持的压缩格式" in by_key["B1"].error
    assert by_key["Z1"].remote.is_zip and by_key["Z1"].remote.url == (arch / "Z1.zip").as_uri()
    assert by_key["A1"].remote.pages == 1, "the link is not counted as a page"

    out = tmp_path / "out"
    outcome = run_batch(dossiers, out, Settings(cache_path=None), BatchOptions(workers=1, **FAST), check=fake_check)
    rows = read_summary(out)
    verdicts = {k: r["verdict"] for k, r in rows.items()}
    assert verdicts == {"A1": "pass", "A2": "fail", "A3": "error", "B1": "error", "L1": "error", "Z1": "review",
                        "生态环境局/王芳": "pass", "生态环境局/赵强": "fail"}
    assert rows["A2"]["name"] == "李娜" and "RuntimeError" in rows["A3"]["error"]
    report = json.loads((out / "Z1" / "report.json").read_text(encoding="utf-8"))
    assert report["findings"][0]["file"] == "扫描件/证书.jpg", "files are named relative to the applicant"
    assert report["batch"]["inputs_digest"] == by_key["Z1"].remote.digest
    assert sorted(calls(call_log)) == sorted(["A1", "A2", "A3", "Z1", "生态环境局/王芳", "生态环境局/赵强"])
    assert not arch.joinpath("A1", ".verify-skipped-members.json").exists(), "the source is never written"
    assert outcome.workers == 1

    # a rerun reuses every current report (the error row of A3 is checked again) ...
    call_log.unlink()
    again = run_batch(find_url_dossiers(url), out, Settings(cache_path=None), BatchOptions(workers=1, **FAST),
                      check=fake_check)
    assert calls(call_log) == ["A3"]
    assert {r.key for r in again.rows if r.skipped} == {"A1", "A2", "Z1", "生态环境局/王芳", "生态环境局/赵强"}
    # ... until a file changes (here: removed, which changes no time a file keeps), or a zip is replaced
    call_log.unlink()
    (arch / "A2" / "STATUS").unlink()
    future = time.time() + 10
    os.utime(arch / "Z1.zip", (future, future))
    run_batch(find_url_dossiers(url), out, Settings(cache_path=None), BatchOptions(workers=1, **FAST),
              check=fake_check)
    assert sorted(calls(call_log)) == ["A2", "A3", "Z1"]
    assert read_summary(out)["A2"]["verdict"] == "pass"  # STATUS gone: the fake passes


def test_the_cli_takes_a_url_and_refuses_an_output_folder_inside_it(tmp_path, capsys):
    from verify import cli

    arch = tmp_path / "archive"
    make_dossier(arch, "A1")
    code = cli.main(["batch", arch.as_uri(), "-o", str(arch / "out"), "-q", "--engine", "replay"])
    assert code == 2 and "位于申报材料目录" in capsys.readouterr().err
    assert not (arch / "out").exists()
    code = cli.main(["batch", (arch / "A1").as_uri(), "-o", str(tmp_path / "out"), "-q"])
    assert code == 2 and "verify check" in capsys.readouterr().err
    code = cli.main(["batch", (tmp_path / "nowhere").as_uri(), "-o", str(tmp_path / "out"), "-q"])
    assert code == 2 and "找不到材料目录" in capsys.readouterr().err
    assert cli.default_out("s3://bucket/2024批次/") == Path("out/2024批次")


# ---------------------------------------------------------------- missing or unknown protocols


def test_a_protocol_without_its_package_is_a_clear_error_before_anything_is_written(tmp_path, capsys):
    from verify import cli

    missing = next((p for p, package in (("s3", "s3fs"), ("gcs", "gcsfs"), ("abfs", "adlfs"))
                    if importlib.util.find_spec(package) is None), None)
    if missing is None:
        pytest.skip("every candidate file system package is installed")
    out = tmp_path / "out"
    code = cli.main(["batch", f"{missing}://bucket/2024", "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "组件未安装" in err and "pip install" in err and "Traceback" not in err
    assert not out.exists()
    code = cli.main(["batch", "nosuchproto://bucket/2024", "-o", str(out), "-q"])
    assert code == 2 and "不支持的地址协议 nosuchproto://" in capsys.readouterr().err


# ---------------------------------------------------------------- memory:// (this process only)


@pytest.fixture
def memfs():
    fs = fsspec.filesystem("memory")
    root = f"/verify-{uuid.uuid4().hex[:8]}"
    yield fs, root
    fs.rm(root, recursive=True)


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_the_listing_rules_on_an_object_store(memfs):
    fs, root = memfs
    yaml = YAML.format(name="张伟").encode()
    fs.pipe({f"{root}/A1/applicant.yaml": yaml, f"{root}/A1/扫描件/证书.jpg": b"x" * 10,
             f"{root}/A1/扫描件/学历.pdf": b"%PDF", f"{root}/A1/.DS_Store": b"",
             f"{root}/A1.zip": _zip_bytes({"A1/applicant.yaml": yaml}),  # the folder keeps the key
             f"{root}/B2.zip": _zip_bytes({"B2/applicant.yaml": yaml, "B2/a.jpg": b"y"}),
             f"{root}/C3.tar.gz": b"\x1f\x8b", f"{root}/说明.txt": "材料说明".encode(),
             f"{root}/Thumbs.db": b"", f"{root}/__MACOSX/A1/._x": b"",
             f"{root}/单位甲/张三/applicant.yaml": yaml, f"{root}/单位甲/张三/a.jpg": b"z",
             f"{root}/单位甲/李四.zip": _zip_bytes({"applicant.yaml": yaml}),
             f"{root}/单位乙/note.txt": b"", f"{root}/单位乙/a.jpg": b"a"})  # pages of its own: an applicant
    url = f"memory://{root}"
    found = {d.key: d for d in find_url_dossiers(url)}
    assert sorted(found) == ["A1", "A1.zip", "B2", "C3", "单位乙", "单位甲/张三", "单位甲/李四"]
    assert "不支持的压缩格式" in found["C3"].error
    assert found["A1"].remote.pages == 2 and found["A1"].remote.size == 10 + 4 + len(yaml)
    assert found["B2"].remote.is_zip and found["A1.zip"].remote.is_zip and not found["A1"].remote.is_zip
    assert found["A1"].remote.url == f"memory://{root}/A1"
    assert found["单位甲/张三"].remote.url.endswith("/单位甲/张三")

    # the digest: the same listing gives the same digest; a changed, added or removed file another
    again = {d.key: d.remote.digest for d in find_url_dossiers(url) if d.remote}
    assert again == {k: d.remote.digest for k, d in found.items() if d.remote}
    fs.pipe(f"{root}/A1/扫描件/证书.jpg", b"x" * 11)
    fs.pipe(f"{root}/B2.zip", _zip_bytes({"B2/applicant.yaml": yaml, "B2/a.jpg": b"w"}))
    fs.rm(f"{root}/单位甲/张三/a.jpg")
    changed = {d.key: d.remote.digest for d in find_url_dossiers(url) if d.remote}
    assert {k for k in changed if changed[k] != again[k]} == {"A1", "B2", "单位甲/张三"}
    fs.pipe(f"{root}/A1/.DS_Store", b"changed")  # a hidden file is not an input
    assert {d.key: d.remote.digest for d in find_url_dossiers(url) if d.remote}["A1"] == changed["A1"]

    with pytest.raises(InputError, match="是一名申报人的材料"):
        find_url_dossiers(f"memory://{root}/A1")
    with pytest.raises(InputError, match="是文件，不是文件夹"):
        find_url_dossiers(f"memory://{root}/B2.zip")


def test_a_worker_copies_the_applicant_within_the_limits_and_removes_the_copy(memfs, tmp_path, monkeypatch):
    fs, root = memfs
    yaml = YAML.format(name="张伟").encode()
    fs.pipe({f"{root}/A1/applicant.yaml": yaml, f"{root}/A1/扫描件/证书.jpg": b"x" * 100,
             f"{root}/A1/__MACOSX/._证书.jpg": b"s",
             f"{root}/Z1.zip": _zip_bytes({"Z1/applicant.yaml": yaml, "Z1/扫描件/证书.jpg": b"y"}),
             f"{root}/Z2.zip": _zip_bytes({"../evil.jpg": b"e", "applicant.yaml": yaml}),
             f"{root}/Z3.zip": _zip_bytes({"applicant.yaml": yaml, "big.bmp": bytes(10_000)})})
    found = {d.key: d for d in find_url_dossiers(f"memory://{root}")}
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with open_dossier(found["A1"], tmp) as folder:
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
            "applicant.yaml", "扫描件/证书.jpg"]
        assert (folder / "扫描件" / "证书.jpg").read_bytes() == b"x" * 100
    with open_dossier(found["Z1"], tmp) as folder:
        assert (folder / "applicant.yaml").is_file() and (folder / "扫描件" / "证书.jpg").read_bytes() == b"y"
        assert not any(p.suffix == ".zip" for p in folder.parent.parent.rglob("*")), "the download is removed"
    assert list(tmp.iterdir()) == [], "every copy is removed with its task"

    # the zip guard and the folder limits, the same ZipLimits, as error rows of check_task
    def row(key: str, limits: ZipLimits):
        return check_task(DossierTask(found[key], "f" * 16), Settings(cache_path=None), fake_check, limits, tmp).row

    assert "指向解压目录之外" in row("Z2", ZipLimits()).error
    assert "文件夹内文件过多" in row("A1", ZipLimits(max_members=1)).error
    assert "材料总量过大" in row("A1", ZipLimits(max_total_bytes=50)).error
    assert "材料总量过大" in row("Z1", ZipLimits(max_total_bytes=20)).error  # not even downloaded
    assert len(fs.cat(f"{root}/Z3.zip")) < 1000
    assert "解压后过大" in row("Z3", ZipLimits(max_total_bytes=5000)).error  # downloaded, refused by the zip guard
    assert row("A1", ZipLimits()).verdict == "pass"
    assert list(tmp.iterdir()) == []

    # the worker judges what is there when it copies (it lists again) ...
    fs.pipe(f"{root}/A1/扫描件/证书.jpg", b"x" * 1000)
    with pytest.raises(InputError, match="材料总量过大"):
        fetch(found["A1"].remote, tmp / "grown", ZipLimits(max_total_bytes=600), label="A1")
    # ... and a file that grows between that listing and its reading is cut at the limit
    listed = type(fs).find

    def stale_find(self, path, **kw):
        out = listed(self, path, **kw)
        return {k: {**v, "size": 10} if k.endswith(".jpg") else v for k, v in out.items()}

    monkeypatch.setattr(type(fs), "find", stale_find)
    with pytest.raises(InputError, match="超过大小上限"):
        fetch(found["A1"].remote, tmp / "grown2", ZipLimits(max_total_bytes=600), label="A1")


def test_a_link_inside_a_file_url_applicant_is_reported_not_followed(tmp_path):
    arch = tmp_path / "archive"
    make_dossier(arch, "A1")
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    os.symlink(tmp_path / "secret.jpg", arch / "A1" / "扫描件" / "链接.jpg")
    (source,) = find_url_dossiers(arch.as_uri())
    copy = fetch(source.remote, tmp_path / "copy")
    link = copy / "扫描件" / "链接.jpg"
    assert link.is_symlink() and os.readlink(link) == LINK_PLACEHOLDER and not link.exists()
    files, odd = dossier_files(copy)
    assert [p.name for p in files] == ["证书.jpg"]
    assert [u.file for u in odd if "符号链接" in u.reason] == ["扫描件/链接.jpg"]


def test_special_files_in_a_file_url_applicant_are_reported_never_opened(tmp_path):
    """A FIFO or a socket inside an applicant under a ``file://`` URL was dropped with a line
    in the log (the local path reports them): now the pipeline names each, the rest is
    read (hostile exploration 13)."""
    import socket

    arch = tmp_path / "archive"
    make_dossier(arch, "A1")
    os.mkfifo(arch / "A1" / "扫描件" / "管道.jpg")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(arch / "A1" / "套接字.jpg"))
    (source,) = find_url_dossiers(arch.as_uri())
    copy = fetch(source.remote, tmp_path / "copy")
    files, odd = dossier_files(copy)
    assert [p.name for p in files] == ["证书.jpg"]
    assert sorted(u.file for u in odd if "不是普通文件" in u.reason) == ["套接字.jpg", "扫描件/管道.jpg"]


def test_a_file_gone_or_unreadable_since_the_listing_is_that_files_finding_not_the_applicants_error(memfs, tmp_path,
                                                                                                  monkeypatch):
    """A file moved or renamed between the listing and the worker's copy (a scanner still
    writing), or one the worker may not read, made the whole applicant an error row
    「读取 … 失败（FileNotFoundError…），请确认各工作节点都能访问该地址」: now that file is
    named, and the rest checked."""
    fs, root = memfs
    yaml = YAML.format(name="张伟").encode()
    fs.pipe({f"{root}/A1/applicant.yaml": yaml, f"{root}/A1/扫描件/证书.jpg": b"x" * 100,
             f"{root}/A1/扫描件/临时.jpg": b"t", f"{root}/A1/扫描件/锁定.jpg": b"l"})
    (source,) = find_url_dossiers(f"memory://{root}")
    opened = type(fs)._open

    def racing_open(self, path, *args, **kwargs):
        if path.endswith("临时.jpg"):
            raise FileNotFoundError(path)
        if path.endswith("锁定.jpg"):
            raise PermissionError(13, "Permission denied", path)
        return opened(self, path, *args, **kwargs)

    monkeypatch.setattr(type(fs), "_open", racing_open)
    copy = fetch(source.remote, tmp_path / "copy", label="A1")
    files, odd = dossier_files(copy)
    assert [p.name for p in files] == ["证书.jpg"]
    assert {u.file: u.reason for u in odd} == {"扫描件/临时.jpg": "文件在列出后已不存在（正被移动、改名或删除），未核验",
                                              "扫描件/锁定.jpg": "文件无法打开（没有读取权限），未读取"}


def test_a_folder_nested_1500_deep_under_a_file_url_is_read_as_the_local_path_reads_it(tmp_path):
    """fsspec's walk, the listing's tree walk and ``mkdir(parents=True)`` each recursed once a
    level: the applicant was an error row 「无法读取（RecursionError: maximum recursion depth
    exceeded…）」 (hostile exploration 13); the local path reads it (walked with a stack)."""
    from verify.run.inputs import remove_tree

    try:
        arch = tmp_path / "archive"
        make_dossier(arch, "A1")
        deep = arch / "A1"
        for _ in range(1500):
            deep = deep / "d"
            deep.mkdir()
        (deep / "p.jpg").write_bytes(b"\xff\xd8\xff")
        (source,) = find_url_dossiers(arch.as_uri())
        assert source.error is None and source.remote is not None
        copy = fetch(source.remote, tmp_path / "copy", label="A1")
        files, odd = dossier_files(copy)
        assert sorted(p.relative_to(copy).as_posix() for p in files) == sorted(["扫描件/证书.jpg", "d/" * 1500 + "p.jpg"])
        assert [u.file for u in odd] == ["STATUS"]  # the fake dossier's marker, no page
    finally:
        remove_tree(tmp_path)  # pytest's own clean-up recurses, and fails on it in every later session


def test_a_name_no_utf8_name_has_under_a_file_url_is_that_files_finding_not_the_batchs_end(tmp_path):
    """A scan named in GBK on a Linux disk (bytes no UTF-8 name has) inside one applicant
    under a ``file://`` URL made the listing's digest raise UnicodeEncodeError: the whole
    batch ended with a traceback, exit 1, no summary (hostile exploration 13). Now the
    file is named as the local path names it, the rest checked."""
    arch = tmp_path / "archive"
    make_dossier(arch, "A1")
    make_dossier(arch, "A2")
    gbk = os.fsdecode("证书".encode("gbk") + b".jpg")
    (arch / "A1" / gbk).write_bytes(b"\xff\xd8\xff")
    found = {d.key: d for d in find_url_dossiers(arch.as_uri())}
    assert sorted(found) == ["A1", "A2"] and found["A1"].error is None
    copy = fetch(found["A1"].remote, tmp_path / "copy", label="A1")
    files, odd = dossier_files(copy)
    assert [p.name for p in files] == ["证书.jpg"]
    assert [u.reason for u in odd if u.file.endswith("\\xca\\xe9.jpg")] == ["文件名含无法识别的字符编码，未读取，请改用正常文件名后重新提交"]


def test_names_a_zip_member_may_not_have_are_read_under_a_url_as_the_local_path_reads_them(tmp_path):
    """``2021:2022考核表.jpg`` (a name macOS's Finder shows as 2021/2022考核表.jpg), ``C:x.jpg``
    or a backslash in a name were refused by the zip members' rule: the whole applicant an
    error row 「文件路径 … 不安全，已拒绝」 (hostile exploration 13)."""
    arch = tmp_path / "archive"
    make_dossier(arch, "A1")
    names = ["2021:2022考核表.jpg", "C:x.jpg", "a\\b.jpg", "..a.jpg"]
    for name in names:
        (arch / "A1" / "扫描件" / name).write_bytes(b"\xff\xd8\xff")
    (source,) = find_url_dossiers(arch.as_uri())
    copy = fetch(source.remote, tmp_path / "copy", label="A1")
    files, _ = dossier_files(copy)
    assert sorted(p.name for p in files) == sorted([*names, "证书.jpg"]) == sorted(p.name for p in dossier_files(
        arch / "A1")[0])
