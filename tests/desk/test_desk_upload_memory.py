"""A folder upload's files are spooled to disk as they arrive, not held in the desk's
memory (hostile exploration 11): Starlette keeps a file under 1 MB in memory until the
request ends, and a folder of 900 KB scans, 351 MB, took 355 MB of the desk's memory
(a 1 GiB upload, the limit, a GiB; several reviewers' at once several)."""
from __future__ import annotations

import asyncio
import concurrent.futures
import tracemalloc


def test_an_upload_of_many_files_under_a_megabyte_is_not_held_in_memory():
    from starlette.datastructures import Headers
    from starlette.formparsers import MultiPartParser

    import pytest

    from verify.desk.app import open_files_for_uploads
    from verify.run.batch import ZipLimits

    if open_files_for_uploads(ZipLimits().max_members) < ZipLimits().max_members + 1024:
        pytest.skip("this machine's open files limit keeps Starlette's 1 MB spool")

    files, size, boundary = 100, 500 * 1024, "b0undary"
    data = b"\xff" * size

    async def body():
        for i in range(files):
            yield (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="A1/p{i}.jpg"\r\n'
                   "Content-Type: image/jpeg\r\n\r\n").encode()
            for k in range(0, size, 65536):
                yield data[k:k + 65536]
            yield b"\r\n"
        yield f"--{boundary}--\r\n".encode()

    async def parse():
        parser = MultiPartParser(Headers({"content-type": f"multipart/form-data; boundary={boundary}"}), body(),
                                 max_files=5000)
        form = await parser.parse()
        try:
            got = form.getlist("files")
            assert len(got) == files
            got[-1].file.seek(0)
            assert got[-1].file.read() == data  # whole, from its spool file
        finally:
            await form.close()

    tracemalloc.start()
    try:
        # in a thread of its own: the browser tests before it leave an event loop running in this one
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, parse()).result()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"{peak >> 20} MB held for a {files * size >> 20} MB upload"


def test_the_desk_raises_its_open_files_limit_for_an_upload_of_every_member(desk_factory):
    """Each uploaded file over the spool size is a temporary file held open while the form
    is read: under a soft limit of 1024 a folder of 1,000 scans failed (too many open files)."""
    import resource

    from verify.run.batch import ZipLimits

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = ZipLimits().max_members + 1024
    if hard != resource.RLIM_INFINITY and hard < wanted:
        import pytest

        pytest.skip(f"the hard limit here ({hard}) is under {wanted}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))
    try:
        desk_factory()
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= wanted
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
