"""The hostile corpus: dossiers an applicant (or a careless scan) could hand in, built
by code at test time, each with the outcome the toolkit must give.

Every case is one applicant of one archive. Its outcome is an ``error`` row whose
reason (Chinese) holds ``words``, or a ``review`` finding of ``rule`` whose message
holds ``words``; never ``pass``. Some cases also plant a secret outside the dossier
that no report may contain (:data:`SECRET`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import hostile_build as build

SECRET = "SECRET-7f3a-outside"
YAML = "name: 张伟\nunit: 抚顺市生态环境监测站\nunit_kind: institution\n"
LAX_CAMPAIGN = """id: fushun-2024
name: 2024年抚顺市工程系列生态环境行业中、初级专业技术资格评审
application_year: 2024
assessment_years: []
publicity_min_working_days: 0
documents: {}
"""


@dataclass
class Case:
    key: str
    build: Callable[[Path, Path], Path]  # (archive, outside) -> the dossier's path in the archive
    outcome: str  # "error" | "review" | "bounded" (read within the limits; verdict not pass)
    words: tuple[str, ...] = ()
    rule: str = "dossier.readable"
    slow_only: bool = False  # costs seconds to build: only in the slow run
    notes: dict = field(default_factory=dict)


def folder(archive: Path, key: str, yaml_text: str | None = YAML) -> Path:
    d = archive / key
    d.mkdir(parents=True)
    if yaml_text is not None:
        (d / "applicant.yaml").write_text(yaml_text, encoding="utf-8")
    return d


def _with(key: str, yaml_text: str | None = YAML, extra: Callable[[Path, Path], None] | None = None):
    def make(archive: Path, outside: Path) -> Path:
        d = folder(archive, key, yaml_text)
        if extra is not None:
            extra(d, outside)
        return d
    return make


def _zip(key: str, members: Callable[[Path], Path]):
    def make(archive: Path, outside: Path) -> Path:
        return members(archive / f"{key}.zip")
    return make


def _yaml_link(d: Path, outside: Path) -> None:
    target = outside / "applicant.yaml"
    target.write_text(f"name: {SECRET}\nunit: 抚顺市生态环境监测站\n", encoding="utf-8")
    os.symlink(target, d / "applicant.yaml")


def _lax_campaign(outside: Path) -> Path:
    path = outside / "lax.yaml"
    path.write_text(LAX_CAMPAIGN, encoding="utf-8")
    return path


def _pdf_link(d: Path, outside: Path) -> None:
    build.pdf_with_text(outside / "secret.pdf", SECRET)
    (d / "扫描件").mkdir()
    os.symlink(outside / "secret.pdf", d / "扫描件" / "证书.pdf")


def _dir_link(d: Path, outside: Path) -> None:
    build.pdf_with_text(outside / "other.pdf", SECRET)
    os.symlink(outside, d / "更多材料")


def _encrypted(path: Path) -> Path:
    return build.write_zip(path, [{"name": b"applicant.yaml", "data": YAML.encode(), "flags": 0x1}])


def _traversal(path: Path) -> Path:
    return build.write_zip(path, [{"name": b"applicant.yaml", "data": YAML.encode()},
                                  {"name": b"../../evil.jpg", "data": b"\xff\xd8\xff"}])


def _gbk(path: Path) -> Path:
    return build.gbk_zip(path, ["applicant.yaml", "目录.jpg"])


def _no_zip(path: Path) -> Path:
    path.with_suffix(".rar").write_bytes(b"Rar!\x1a\x07\x00")
    return path.with_suffix(".rar")


def _socket(path: Path) -> None:
    import socket

    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
    finally:
        s.close()  # the socket file stays; nothing listens


def _device(path: Path) -> None:
    """A character device like /dev/zero (needs root: a FIFO, refused the same way, elsewhere)."""
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 5))
    except PermissionError:
        os.mkfifo(path)


def _link_loop(d: Path, outside: Path) -> None:
    os.symlink("b.jpg", d / "a.jpg")
    os.symlink("a.jpg", d / "b.jpg")
    (d / "扫描件").mkdir()
    os.symlink("..", d / "扫描件" / "上一级")


def _deep(d: Path, levels: int) -> None:
    deep = d.joinpath(*["层"] * levels)
    deep.mkdir(parents=True)
    (deep / "证书.jpg").write_bytes(b"")


def _many_files(d: Path, n: int) -> None:
    (d / "碎片").mkdir()
    for i in range(n):
        (d / "碎片" / f"{i}.jpg").write_bytes(b"")


def _many_folders(d: Path, n: int) -> None:
    for i in range(n):
        (d / f"空{i}").mkdir()
    (d / "证书.jpg").write_bytes(b"")


CASES: list[Case] = [
    # ---- applicant.yaml
    Case("yaml-alias-bomb", _with("yaml-alias-bomb", build.yaml_alias_bomb()), "error", ("别名",)),
    Case("yaml-too-big", _with("yaml-too-big", YAML + "# " + "很长的注释" * 60_000 + "\n"), "error", ("文件过大",)),
    Case("yaml-deep", _with("yaml-deep", YAML + "papers: " + "[" * 5000 + "]" * 5000 + "\n"), "error",
         ("嵌套",)),
    Case("yaml-recursive", _with("yaml-recursive", YAML + "awards: &a [*a]\n"), "error", ("自我引用",)),
    Case("yaml-link-outside", _with("yaml-link-outside", None, _yaml_link), "error", ("符号链接",)),
    Case("yaml-fifo", _with("yaml-fifo", None, lambda d, o: os.mkfifo(d / "applicant.yaml")), "error",
         ("不是普通文件",)),
    # GBK (Windows' 「ANSI」) is read as the roster is (probe trust15 C08); Big5 is read by no decoder
    Case("yaml-not-utf8", _with("yaml-not-utf8", None, lambda d, o: (d / "applicant.yaml").write_bytes(
        "name: 張偉\nunit: 撫順市生態環境監測站\nunit_kind: institution\n".encode("big5"))), "error", ("UTF-8",)),
    Case("campaign-path", _with("campaign-path", None, lambda d, o: (d / "applicant.yaml").write_text(
        YAML + f"campaign: {_lax_campaign(o)}\n", encoding="utf-8")), "error", ("内置评审批次",)),
    Case("campaign-escape", _with("campaign-escape", YAML + "campaign: ../../tmp/lax\n"), "error", ("内置评审批次",)),
    Case("name-number", _with("name-number", "name: 12345\nunit: 抚顺市生态环境监测站\n"), "error",
         ("name", "应为文字", "12345")),
    # an unquoted 2019.10 is read as typed (October, as HR offices type it); a decimal that is no year and
    # month is still refused
    Case("date-float", _with("date-float", YAML + "current_title: {name: 助理工程师, date: 2019.13}\n"), "error",
         ("小数",)),
    Case("name-bidi", _with("name-bidi", "name: \"张\u202e伟\"\nunit: 抚顺市生态环境监测站\n"), "error",
         ("控制字符",)),
    # hostile exploration 10: already refused, now kept so
    Case("yaml-python-tag", _with("yaml-python-tag", YAML + 'unit_aliases: !!python/object/apply:os.system ["id"]\n'),
         "error", ("不允许的标签",)),
    Case("yaml-duplicate-key", _with("yaml-duplicate-key", YAML + "name: 李四\n"), "error", ("字段重复出现",)),
    Case("yaml-date-inf", _with("yaml-date-inf", YAML + "current_title: {name: 助理工程师, date: 1e999}\n"), "error",
         ("无法识别",)),
    Case("yaml-date-zero", _with("yaml-date-zero", YAML + "current_title: {name: 助理工程师, date: 0000-00-00}\n"), "error",
         ("无法识别",)),
    Case("unit-huge", _with("unit-huge", "name: 张伟\nunit: " + "抚顺市" * 5000 + "\n"), "error", ("过长",)),
    # hostile exploration 12: a title of 1949 for one born in 1988 passed every comparison of evidence.after_title
    Case("title-before-birth", _with("title-before-birth", YAML + "id_number: '210402198805120019'\n"
                                     "current_title: {name: 工程师, date: 1949-06}\n"), "error", ("早于身份证号所示出生日期",)),
    # ---- pages
    Case("png-1bit-bomb", _with("png-1bit-bomb", YAML,
                                lambda d, o: build.png_bomb(d / "扫描.png", 15000, 15000, 1)), "review",
         ("像素过多",)),
    Case("png-truncated-bomb", _with("png-truncated-bomb", YAML,
                                     lambda d, o: build.png_bomb(d / "扫描.png", 15000, 15000, 8, truncate=True)),
         "review", ("像素过多",)),
    Case("png-16bit-bomb", _with("png-16bit-bomb", YAML,
                                 lambda d, o: build.png_bomb(d / "扫描.png", 15000, 15000, 16)), "review",
         ("像素过多",), slow_only=True),
    Case("png-just-below", _with("png-just-below", YAML,
                                 lambda d, o: build.png_bomb(d / "扫描.png", 10000, 11000, 1)), "bounded"),
    Case("pdf-huge-image", _with("pdf-huge-image", YAML,
                                 lambda d, o: build.pdf_with_image(d / "扫描.pdf", 15000, 15000)), "bounded"),
    # 30,000 form fields side by side (5 MB): pdfium builds the form as a page loads, each field's name looked up
    # among its siblings (n²): 100 s for this one page, read and rendered; 80,000 spent the applicant's whole time
    Case("pdf-form-fields", _with("pdf-form-fields", YAML,
                                  lambda d, o: build.pdf_form_fields(d / "申报表.pdf", 30_000)), "review",
         ("填写字段",)),
    # 40 pages sharing one /Annots array of 30,000 squares (1.5 MB): 13 s a page, loaded, drawn in and rendered
    Case("pdf-annotations", _with("pdf-annotations", YAML,
                                  lambda d, o: build.pdf_annotations(d / "全部.pdf", 30_000, pages=40)), "review",
         ("批注",)),
    # hostile exploration 10: page trees that lie or loop, images claiming 3.6 Gpx in 100 bytes, odd JPEG metadata
    Case("pdf-count-lies", _with("pdf-count-lies", YAML, lambda d, o: build.pdf_page_tree(d / "a.pdf", "count")),
         "bounded"),
    Case("pdf-tree-cycle", _with("pdf-tree-cycle", YAML, lambda d, o: build.pdf_page_tree(d / "a.pdf", "cycle")),
         "bounded"),
    Case("pdf-tree-dag", _with("pdf-tree-dag", YAML, lambda d, o: build.pdf_page_tree(d / "a.pdf", "dag")), "review",
         ("无法解码",)),
    Case("pdf-prev-loop", _with("pdf-prev-loop", YAML, lambda d, o: build.pdf_page_tree(d / "a.pdf", "prev-loop")),
         "bounded"),
    Case("pdf-jbig2-claims", _with("pdf-jbig2-claims", YAML,
                                   lambda d, o: build.pdf_image_claiming(d / "a.pdf", "JBIG2Decode", 60000, 60000)),
         "review", ("亿像素",)),
    Case("pdf-ccitt-claims", _with("pdf-ccitt-claims", YAML,
                                   lambda d, o: build.pdf_image_claiming(d / "a.pdf", "CCITTFaxDecode", 60000, 60000)),
         "review", ("亿像素",)),
    Case("jpeg-odd-metadata", _with("jpeg-odd-metadata", YAML, lambda d, o: [
        build.jpeg_with(d / f"o{v}.jpg", orientation=v) for v in (0, 9, 65535)] + [
        build.jpeg_with(d / "icc.jpg", icc=bytes(range(256)) * 65536), build.jpeg_with(d / "icc0.jpg", icc=bytes(200)),
        build.jpeg_with(d / "dpi.jpg", dpi=(65535, 1))]), "bounded"),
    Case("tiff-3000-pages", _with("tiff-3000-pages", YAML, lambda d, o: build.tiff_pages(d / "a.tif", 3000)), "review",
         ("超过上限 400 页",)),
    # 20,000 layers each marking one square (3 MB): pdfium looks each marked object's layer up one by one, 35 s
    Case("pdf-layers", _with("pdf-layers", YAML, lambda d, o: build.pdf_layers(d / "图纸.pdf", 20_000)), "review",
         ("图层",)),
    Case("pdf-401-pages", _with("pdf-401-pages", YAML, lambda d, o: build.pdf_pages(d / "全部.pdf", 401)), "review",
         ("超过上限 400 页",)),
    Case("fifo-jpg", _with("fifo-jpg", YAML, lambda d, o: os.mkfifo(d / "证书.jpg")), "review", ("不是普通文件",)),
    Case("device-jpg", _with("device-jpg", YAML, lambda d, o: os.symlink("/dev/zero", d / "证书.jpg")), "review",
         ("符号链接",)),
    Case("pdf-link-outside", _with("pdf-link-outside", YAML, _pdf_link), "review", ("符号链接",)),
    Case("dir-link-outside", _with("dir-link-outside", YAML, _dir_link), "review", ("符号链接",)),
    Case("empty-jpg", _with("empty-jpg", YAML, lambda d, o: (d / "证书.jpg").write_bytes(b"")), "review", ("为空",)),
    Case("text-as-jpg", _with("text-as-jpg", YAML, lambda d, o: (d / "证书.jpg").write_text("hello")), "review",
         ("不支持",)),
    # hostile exploration 11: inputs no round tried. A chain of 10,000 nested forms (1.2 MB), one 100 Mpx image
    # (98 KB) every page draws (400 pages: 518 s, read as blank pages, the page limit's and the dossier ceiling's
    # cost), a million empty IDAT chunks (12 MB: 2.5 s to decode, a 1 GB file four minutes), a 100 MB iTXt, a TIFF
    # strip past the file's end, 60,000 APP5 segments, metafiles and SVG named .jpg
    Case("pdf-nested-forms", _with("pdf-nested-forms", YAML, lambda d, o: build.pdf_nested_forms(d / "a.pdf", 10_000)),
         "review", ("层层嵌套",)),
    Case("pdf-shared-image", _with("pdf-shared-image", YAML,
                                   lambda d, o: build.pdf_shared_image(d / "a.pdf", 10, 10_000, 10_000)), "bounded"),
    Case("png-many-idat", _with("png-many-idat", YAML, lambda d, o: build.png_many_idat(d / "a.png", 1_000_000)),
         "review", ("拆成超过",)),
    Case("png-itxt-huge", _with("png-itxt-huge", YAML, lambda d, o: build.png_big_text(d / "a.png", b"iTXt", 100 << 20)),
         "review", ("元数据",), slow_only=True),
    Case("tiff-strip-past-end", _with("tiff-strip-past-end", YAML, lambda d, o: build.tiff_strips_past_end(d / "a.tif")),
         "review", ("已损坏",)),
    Case("jpeg-60k-app", _with("jpeg-60k-app", YAML, lambda d, o: build.jpeg_many_app(d / "a.jpg", 60_000)), "review",
         ("标记段",)),
    Case("emf-as-jpg", _with("emf-as-jpg", YAML, lambda d, o: (d / "a.jpg").write_bytes(build.emf_header())), "review",
         ("图元文件",)),
    Case("wmf-as-jpg", _with("wmf-as-jpg", YAML, lambda d, o: (d / "a.jpg").write_bytes(build.wmf_placeable())),
         "review", ("图元文件",)),
    Case("svg-as-jpg", _with("svg-as-jpg", YAML, lambda d, o: (d / "a.jpg").write_text(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>')), "review",
         ("SVG",)),
    # a page's /Annots nested 100,000 deep (200 KB: 3.7 s), its /Resources 30,000 deep (pdfminer tokenises the page
    # dictionary in Python: 1,000,000 deep, 9 MB, took 38 s and read as a blank page; bounded by the stall limit),
    # BMP heights of -2^31, 0, a width of 2^31-1 or negative
    Case("pdf-deep-annots", _with("pdf-deep-annots", YAML, lambda d, o: build.pdf_deep_object(d / "a.pdf", 100_000)),
         "bounded"),
    Case("pdf-deep-resources", _with("pdf-deep-resources", YAML,
                                     lambda d, o: build.pdf_deep_object(d / "a.pdf", 30_000, "resources")), "bounded"),
    # an object that is not a stream, simply large: pdfminer reads it token by token (4-7 s a MB) before any count
    Case("pdf-large-flat", _with("pdf-large-flat", YAML, lambda d, o: build.pdf_large_object(d / "a.pdf", 20 << 20)),
         "review", ("文件构造异常", "超过 8 MB")),
    Case("pdf-large-nested", _with("pdf-large-nested", YAML,
                                   lambda d, o: build.pdf_deep_object(d / "a.pdf", 1_000_000, "resources")),
         "review", ("文件构造异常", "超过 8 MB")),
    Case("pdf-large-hidden", _with("pdf-large-hidden", YAML,
                                   lambda d, o: build.pdf_large_object(d / "a.pdf", 3 << 20, "hidden")),
         "review", ("文件构造异常", "超过 1 MB")),
    Case("pdf-large-packed", _with("pdf-large-packed", YAML,
                                   lambda d, o: build.pdf_large_object(d / "a.pdf", 3 << 20, "packed")),
         "review", ("文件构造异常", "超过 1 MB")),
    Case("bmp-odd-heights", _with("bmp-odd-heights", YAML, lambda d, o: [
        build.bmp_height(d / f"h{i}.bmp", w, h) for i, (w, h) in enumerate(
            [(800, -2**31), (800, -1100), (2**31 - 1, 1), (800, 0), (-800, 1100)])]), "review", ("像素过多",)),
    # hostile exploration 13: what the file system can hold. A socket or a device named .jpg, links in a loop (and a
    # folder linking to its parent), a page 500 folders deep, 20,000 empty files, 5,000 empty folders, names holding
    # a newline or a bell, and two names equal after Unicode normalisation (macOS writes NFD)
    Case("socket-jpg", _with("socket-jpg", YAML, lambda d, o: _socket(d / "证书.jpg")), "review", ("不是普通文件",)),
    Case("device-node-jpg", _with("device-node-jpg", YAML, lambda d, o: _device(d / "证书.jpg")), "review",
         ("不是普通文件",)),
    Case("link-loop", _with("link-loop", YAML, _link_loop), "review", ("符号链接", "a.jpg")),
    Case("deep-500", _with("deep-500", YAML, lambda d, o: _deep(d, 500)), "review", ("为空", "层/层")),
    Case("many-files", _with("many-files", YAML, lambda d, o: _many_files(d, 20_000)), "review", ("为空",),
         slow_only=True),
    Case("many-folders", _with("many-folders", YAML, lambda d, o: _many_folders(d, 5_000)), "review", ("为空",)),
    Case("name-control", _with("name-control", YAML, lambda d, o: [(d / n).write_bytes(b"") for n in (
        "证\n书.jpg", "铃\a声.jpg", "回\r车.jpg")]), "review", ("为空",),
         notes={"in_html": "<td>证[U+000A]书.jpg</td>"}),  # printed, the line break read as a space: 「证 书.jpg」
    Case("name-nfc-nfd", _with("name-nfc-nfd", YAML, lambda d, o: [(d / n).write_bytes(b"") for n in (
        "Caf\u00e9证书.jpg", "Cafe\u0301证书.jpg")]), "review", ("为空",)),
    # ---- zips
    Case("zip-bomb-totals", _zip("zip-bomb-totals", lambda p: build.zip_of_zeros(p, 470, 8 << 20)), "error",
         ("解压后过大",), slow_only=True),
    Case("zip-ratio", _zip("zip-ratio", lambda p: build.zip_of_zeros(p, 20, 4 << 20)), "error", ("压缩比异常",)),
    Case("zip-traversal", _zip("zip-traversal", _traversal), "error", ("解压目录之外",)),
    Case("zip-absolute", _zip("zip-absolute", lambda p: build.write_zip(p, [
        {"name": b"applicant.yaml", "data": YAML.encode()}, {"name": b"/tmp/hostile-abs.jpg", "data": b"\xff\xd8\xff"}])),
         "error", ("解压目录之外",)),
    Case("zip-65k-entries", _zip("zip-65k-entries", lambda p: build.write_zip(p, [
        {"name": b"applicant.yaml", "data": YAML.encode()}] + [{"name": f"e/{i}.txt".encode(), "data": b""}
                                                               for i in range(65_000)])), "error", ("文件过多",)),
    Case("zip-encrypted", _zip("zip-encrypted", _encrypted), "error", ("加密",)),
    Case("zip-not-zip", _zip("zip-not-zip", _no_zip), "error", ("不支持的压缩格式",)),
    Case("zip-link-member", _zip("zip-link-member", lambda p: build.zip_with_link(p, "证书.pdf", "/etc/passwd")),
         "review", ("证书.pdf", "未解压")),
    Case("zip-gbk-names", _zip("zip-gbk-names", _gbk), "review", ("目录.jpg",), rule="dossier.readable",
         notes={"file": "目录.jpg"}),
    # ---- what the report and the summary show
    Case("html-injection", _with("html-injection", "name: \"<script>alert(1)</script>张伟\"\nunit: 抚顺市生态环境监测站\n"),
         "bounded", notes={"not_in_html": "<script>alert(1)</script>"}),
    Case("formula-name", _with("formula-name", "name: '=HYPERLINK(\"http://evil.example\",\"张伟\")'\n"
                                                 "unit: 抚顺市生态环境监测站\n"), "bounded",
         notes={"csv_cell": "'=HYPERLINK"}),
]


def build_archive(root: Path, slow: bool) -> tuple[Path, Path, list[Case]]:
    """The corpus as one archive under ``root`` (and the ``outside`` folder its links
    and secrets point to); the cases built."""
    archive, outside = root / "archive", root / "outside"
    archive.mkdir(parents=True)
    outside.mkdir()
    cases = [c for c in CASES if slow or not c.slow_only]
    for case in cases:
        case.build(archive, outside)
    return archive, outside, cases


def snapshot(folder: Path) -> dict[str, tuple]:
    """What a tree holds (path -> kind, size, mtime), links not followed."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root, name)
            st = p.lstat()
            out[p.relative_to(folder).as_posix()] = (st.st_mode >> 12, st.st_size, st.st_mtime_ns)
    return out

