"""The file as handed in, from the finding a reviewer is deciding: each failing or
to-review card links its original (a file that could not be read has no image on its
card; the reviewer hunted for it in the folded list of all files at the top), and a TIFF
(scanner apps save them) opens as an image: Chromium and Edge show none and saved it as a
download (desk exploration 2)."""
from __future__ import annotations

import io
import re

from conftest import make_dossier, wait_done, zip_folder
from test_desk_app import upload_zip


def test_a_failing_cards_original_opens_from_the_card_and_a_tiff_as_an_image(desk, tmp_path):
    from PIL import Image

    _, _, client = desk
    li = client("李审")
    folder = make_dossier(tmp_path / "in", "A2024-003", files=("扫描/p1.jpg",))
    frames = [Image.new("RGB", (300, 400), "white"), Image.new("RGB", (500, 200), "gray")]
    frames[0].save(folder / "扫描" / "p2-fail.tif", save_all=True, append_images=frames[1:])
    (folder / "扫描" / "p3-review.tif").write_bytes(b"II*\x00 damaged")
    upload_zip(li, zip_folder(folder, tmp_path / "A2024-003.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text

    links = re.findall(r'<p class="original small">原件：<a href="([^"]+)"', page)
    base = f"/applicants/{applicant_id}/files/"
    assert sorted(links) == [base + "%E6%89%AB%E6%8F%8F/p2-fail.tif?page=1", base + "%E6%89%AB%E6%8F%8F/p3-review.tif?page=1"]
    assert page.count('class="original small"') == 2  # passed cards (seal.present) have none

    shown = li.get(base + "扫描/p2-fail.tif?page=2")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(shown.content)).size == (500, 200)  # the page asked for
    assert Image.open(io.BytesIO(li.get(base + "扫描/p2-fail.tif").content)).size == (300, 400)
    # not an image: a page says so and offers the file itself, to save
    damaged = li.get(base + "扫描/p3-review.tif?page=1")
    assert damaged.headers["content-type"].startswith("text/html") and "无法以图像显示此原件" in damaged.text
    assert 'href="?download=1"' in damaged.text
    saved = li.get(base + "扫描/p3-review.tif?download=1")
    assert saved.status_code == 200 and saved.content == b"II*\x00 damaged"
    assert saved.headers["content-disposition"].startswith("attachment")


def test_a_damaged_image_opens_as_a_page_saying_so_with_its_download(desk, tmp_path):
    """A damaged JPEG opened from its card showed a broken-image icon and nothing else (desk
    exploration 2): a page says it cannot be shown as an image and offers the file as
    handed in. An intact scan is shown as it is."""
    _, _, client = desk
    li = client("李审")
    folder = make_dossier(tmp_path / "in", "A2024-003", files=("扫描/p1.jpg",))
    good = (folder / "扫描" / "p1.jpg").read_bytes()
    (folder / "扫描" / "p2-review.jpg").write_bytes(good[:200] + b"\x00" * 64)  # the header, then nothing
    (folder / "扫描" / "p3-review.png").write_bytes(b"\x89PNG\r\n\x1a\n not a png")
    upload_zip(li, zip_folder(folder, tmp_path / "A2024-003.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    base = f"/applicants/{applicant_id}/files/扫描/"

    shown = li.get(base + "p1.jpg")
    assert shown.headers["content-type"] == "image/jpeg" and shown.content == good
    assert shown.headers["content-disposition"].startswith("inline")
    for name in ("p2-review.jpg", "p3-review.png"):
        page = li.get(base + name)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), name
        assert "无法以图像显示此原件" in page.text and f"文件「扫描/{name}」" in page.text
        assert f'<a class="button" href="?download=1" download="{name}">下载原件' in page.text
        saved = li.get(base + name + "?download=1")
        assert saved.content == (folder / "扫描" / name).read_bytes()
        assert saved.headers["content-disposition"].startswith("attachment")
        assert saved.headers["content-type"] == "application/octet-stream"
    # its size in bytes: a damaged scan of a few hundred bytes said 「0 KB」
    assert "下载原件（264 字节）" in li.get(base + "p2-review.jpg").text


def test_a_side_by_side_item_without_an_image_opens_its_original(desk, tmp_path):
    """The side-by-side panel of one rule's reviews: an item with no image (its file could
    not be read) had only 查看此项, a card with no image either."""
    _, _, client = desk
    li = client("李审")
    folder = make_dossier(tmp_path / "in", "A2024-003", files=("扫描/p1-review.jpg", "扫描/p2-review.pdf"))
    upload_zip(li, zip_folder(folder, tmp_path / "A2024-003.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    group = page.split('id="group-signature.present"', 1)[1].split("</section>", 1)[0]
    base = f"/applicants/{applicant_id}/files/%E6%89%AB%E6%8F%8F/"
    assert re.findall(r'<a class="small original" href="([^"]+)"', group) == [base + "p1-review.jpg",
                                                                               base + "p2-review.pdf#page=1"]


def _pdf(encrypt: bool = False) -> bytes:
    import fpdf

    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.text(72, 100, "Annual assessment 2022")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def test_a_pdf_that_will_not_open_opens_as_a_page_saying_why_with_its_download(desk, tmp_path):
    """A damaged PDF opened from its card showed Chromium's own 「无法载入 PDF 文档」 and
    nothing more (desk exploration 4, left 3): pdfium (Chromium's reader too) opens it on
    the desk first; one cut short, or one with a password, opens as a page saying so, with
    its download. A PDF that opens is given to the browser's viewer as it is."""
    _, _, client = desk
    li = client("李审")
    folder = make_dossier(tmp_path / "in", "A2024-003", files=("扫描/p1.jpg",))
    good = _pdf()
    (folder / "扫描" / "p2.pdf").write_bytes(good)
    (folder / "扫描" / "p3-review.pdf").write_bytes(good[:len(good) // 3])  # the upload cut short
    (folder / "扫描" / "p4-review.pdf").write_bytes(_pdf(encrypt=True))
    upload_zip(li, zip_folder(folder, tmp_path / "A2024-003.zip"))
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    base = f"/applicants/{applicant_id}/files/扫描/"

    shown = li.get(base + "p2.pdf")
    assert shown.headers["content-type"] == "application/pdf" and shown.content == good
    cut = li.get(base + "p3-review.pdf")
    assert cut.status_code == 200 and cut.headers["content-type"].startswith("text/html")
    assert "无法打开此 PDF 原件" in cut.text and "文件「扫描/p3-review.pdf」无法作为 PDF 打开" in cut.text
    assert '<a class="button" href="?download=1" download="p3-review.pdf">下载原件' in cut.text
    locked = li.get(base + "p4-review.pdf")
    assert "此 PDF 原件设有密码" in locked.text and 'href="?download=1"' in locked.text
    saved = li.get(base + "p3-review.pdf?download=1")
    assert saved.content == good[:len(good) // 3] and saved.headers["content-disposition"].startswith("attachment")
