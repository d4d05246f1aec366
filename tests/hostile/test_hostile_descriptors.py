"""A PDF that pdfium fails to load leaves no file open behind it. pdfium opening a file
by its path kept its descriptor when the document did not load (a page tree naming one
node 2^30 times fails with 「PDFium: Success」): a batch worker kept one per such file for
all its later applicants, and the desk one per click on such an original, until the
process could open no file at all."""
from __future__ import annotations

import os
from pathlib import Path

import hostile_build as build


def _open_on(path: Path) -> list[str]:
    """This process's descriptors open on ``path``."""
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                out.append(fd)
        except OSError:
            pass
    return out


def test_counting_and_showing_a_pdf_that_does_not_load_leaves_no_descriptor(tmp_path):
    from verify.desk.app import _pdf_problem
    from verify.run.inputs import count_pages

    folder = tmp_path / "A1"
    folder.mkdir()
    pdf = build.pdf_page_tree(folder / "a.pdf", "dag")
    for _ in range(3):
        assert count_pages(folder) == 1
        assert _pdf_problem(pdf) == "damaged"
    assert _open_on(pdf) == []


def test_a_pdf_that_does_not_load_after_an_encrypted_one_is_damaged_not_encrypted(tmp_path):
    """pdfium's error is the last one it set in the thread: a load failing without one
    repeated an encrypted file's 「password」, and the damaged file was called 加密."""
    import fpdf
    import pytest

    from ocr.errors import CorruptFile, EncryptedFile
    from ocr.sources import iter_pages
    from verify.desk.app import _pdf_problem

    locked = tmp_path / "locked.pdf"
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_encryption(owner_password="owner", user_password="user")
    locked.write_bytes(bytes(pdf.output()))
    dag = build.pdf_page_tree(tmp_path / "dag.pdf", "dag")
    with pytest.raises(EncryptedFile):
        list(iter_pages(locked))
    with pytest.raises(CorruptFile) as raised:
        list(iter_pages(dag))
    assert not isinstance(raised.value, EncryptedFile)
    assert _pdf_problem(locked) == "encrypted" and _pdf_problem(dag) == "damaged"
