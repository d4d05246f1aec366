"""The roster reads what the reviewer sees, or says why it cannot (hostile exploration 4
P2): two columns for one field, a hidden sheet or column, a formula whose cached value
is stale or missing were each read silently as one value."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from verify.roster import RosterError, load_roster

HEAD = ["key", "姓名", "身份证号", "单位"]
ROW = ["a1", "毛丽", "210404199011043178", "抚顺市环境科学研究院"]


def _csv(path, headings, *rows):
    path.write_text("\n".join(",".join(r) for r in (headings, *rows)) + "\n", encoding="utf-8")
    return path


def _book(path, rows=(HEAD, ROW), change=None):
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    if change:
        change(book, book.active)
    book.save(path)
    return path


def _with_cached_value(path, cell: str, value: str):
    """Give a formula cell the value Excel would have cached (openpyxl writes none)."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml, n = re.subn(rf'<c r="{cell}"><f>(.*?)</f><v ?/>', rf'<c r="{cell}" t="str"><f>\1</f><v>{value}</v>', xml)
    assert n == 1, xml
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_a_clean_csv_and_xlsx_read_as_before(tmp_path):
    for roster in (_csv(tmp_path / "r.csv", HEAD, ROW), _book(tmp_path / "r.xlsx")):
        entry = load_roster(roster)["a1"]
        assert (entry.applicant.name, entry.applicant.id_number, entry.row) == ("毛丽", "210404199011043178", 2)


@pytest.mark.parametrize("second, where", [("name", "第 5 列"), ("姓名", "第 5 列"), ("申报人", "第 5 列")])
def test_two_columns_for_one_field_are_refused_naming_both(tmp_path, second, where):
    roster = _csv(tmp_path / "r.csv", HEAD + [second], ROW + ["王五"])
    with pytest.raises(RosterError) as err:
        load_roster(roster)
    assert f"「姓名」列（第 2 列）与「{second}」列（{where}）都填写 name" in str(err.value)


def test_two_xlsx_columns_for_one_field_are_named_by_their_letters(tmp_path):
    roster = _book(tmp_path / "r.xlsx", rows=(HEAD + ["id_number"], ROW + ["110101199003074477"]))
    with pytest.raises(RosterError, match="「身份证号」列（C 列）与「id_number」列（E 列）都填写 id_number"):
        load_roster(roster)


def test_two_columns_the_roster_does_not_read_are_left_alone(tmp_path):
    roster = _csv(tmp_path / "r.csv", HEAD + ["备注", "备注"], ROW + ["甲", "乙"])
    assert load_roster(roster)["a1"].applicant.name == "毛丽"


def test_the_visible_sheet_is_read_not_a_hidden_first_one(tmp_path):
    def hide_first(book, first):
        first.title, first["B2"], first.sheet_state = "作废", "王五", "hidden"
        shown = book.create_sheet("花名册")
        for r in (HEAD, ROW):
            shown.append(r)
        book.active = 1

    assert load_roster(_book(tmp_path / "r.xlsx", change=hide_first))["a1"].applicant.name == "毛丽"


def test_a_workbook_whose_only_roster_sheet_is_hidden_or_with_two_roster_sheets_is_refused(tmp_path):
    def only_hidden(book, first):
        first.sheet_state = "hidden"
        book.create_sheet("说明").append(["请在第一张表填写"])
        book.active = 1

    with pytest.raises(RosterError, match="只有隐藏的工作表（「Sheet」）含 key 列"):
        load_roster(_book(tmp_path / "h.xlsx", change=only_hidden))

    def two(book, first):
        other = book.create_sheet("2023")
        for r in (HEAD, ["a1", "王五", "", "抚顺市环境科学研究院"]):
            other.append(r)

    with pytest.raises(RosterError, match="有 2 张工作表（「Sheet」、「2023」）都含 key 列"):
        load_roster(_book(tmp_path / "t.xlsx", change=two))


def test_an_instructions_sheet_before_the_roster_is_passed_over(tmp_path):
    def instructions_first(book, first):
        book.move_sheet(book.create_sheet("说明"), offset=-1)
        book["说明"].append(["填写说明：身份证号请设为文本格式"])

    assert load_roster(_book(tmp_path / "r.xlsx", change=instructions_first))["a1"].applicant.name == "毛丽"


def test_a_hidden_column_naming_a_field_is_refused_others_are_not(tmp_path):
    def hidden_name(book, sheet):
        sheet["E1"], sheet["E2"] = "name", "王五"
        sheet.column_dimensions["E"].hidden = True

    with pytest.raises(RosterError, match="「name」列（E 列）是隐藏列"):
        load_roster(_book(tmp_path / "h.xlsx", change=hidden_name))

    def hidden_note(book, sheet):
        sheet["E1"], sheet["E2"] = "内部备注", "x"
        sheet.column_dimensions["E"].hidden = True

    assert load_roster(_book(tmp_path / "n.xlsx", change=hidden_note))["a1"].applicant.name == "毛丽"


def test_a_formula_in_a_field_is_an_error_naming_its_cell_with_or_without_a_cached_value(tmp_path):
    def formula(book, sheet):
        sheet["C2"] = '="21040419901104"&"3178"'
        sheet["E1"], sheet["E2"] = "序号", "=ROW()-1"  # a column the roster does not read

    missing = load_roster(_book(tmp_path / "f.xlsx", change=formula))["a1"]
    assert missing.applicant is None and "身份证号（C2）是公式" in missing.error and "请将公式转为数值" in missing.error
    stale = load_roster(_with_cached_value(_book(tmp_path / "c.xlsx", change=formula), "C2", "110101199003074477"))
    assert stale["a1"].applicant is None and "身份证号（C2）是公式" in stale["a1"].error


def test_a_key_given_by_a_formula(tmp_path):
    def formula_key(book, sheet):
        sheet["A2"] = '="a"&"1"'

    with pytest.raises(RosterError, match="第 2 行的 key（A2）是公式且没有保存计算结果"):
        load_roster(_book(tmp_path / "k.xlsx", change=formula_key))
    cached = load_roster(_with_cached_value(_book(tmp_path / "c.xlsx", change=formula_key), "A2", "a1"))
    assert cached["a1"].applicant is None and "key（A2）是公式" in cached["a1"].error


# ---------------------------------------------------------------- as HR sheets are made


def test_a_title_row_above_the_headings_and_a_unit_merged_down_its_rows_are_read_as_seen(tmp_path):
    """A sheet titled 2024年度职称申报人员花名册 above its headings was refused (名册缺少 key 列),
    and a unit merged down the rows of its applicants was read for the first row alone
    (第 3 行 缺少必填字段 unit): hostile exploration 4, P5."""
    def title_and_merge(book, sheet):
        sheet.insert_rows(1)
        sheet["A1"] = "2024年度职称申报人员花名册"
        sheet.merge_cells("A1:D1")
        sheet.merge_cells("D3:D4")

    path = _book(tmp_path / "名册.xlsx", rows=(HEAD, ROW, ["a2", "王强", "", None]), change=title_and_merge)
    entries = load_roster(path)
    assert {k: (e.error, e.applicant and e.applicant.unit) for k, e in entries.items()} == {
        "a1": (None, "抚顺市环境科学研究院"), "a2": (None, "抚顺市环境科学研究院")}


def test_excels_unicode_text_is_read(tmp_path):
    """Excel's 「Unicode 文本」 (UTF-16, tab-separated) was refused as an unknown encoding."""
    path = tmp_path / "名册.txt"
    path.write_bytes("\r\n".join("\t".join(r) for r in (HEAD, ROW)).encode("utf-16"))
    assert load_roster(path)["a1"].applicant.name == "毛丽"


def test_a_csv_excel_saved_in_gbk_is_read_and_one_in_no_known_encoding_is_refused(tmp_path):
    """Excel on Chinese Windows saves CSV in GBK; bytes no encoding reads say so."""
    path = tmp_path / "名册.csv"
    path.write_bytes("\r\n".join(",".join(r) for r in (HEAD, ROW)).encode("gbk"))
    assert load_roster(path)["a1"].applicant.name == "毛丽"
    path.write_bytes(bytes(range(128, 256)))
    with pytest.raises(RosterError, match="无法识别文件编码"):
        load_roster(path)


@pytest.mark.parametrize("extra", [["current_title", "current_title.name"], ["现职称", "current_title"]])
def test_a_column_for_a_whole_field_beside_one_for_its_part_is_refused_naming_both(tmp_path, extra):
    """``current_title`` beside ``current_title.name``: one of them was dropped unsaid and the
    row said 字段 current_title 应包含 name 和 date, which both columns gave."""
    rows = (HEAD + extra + ["current_title.date"], ROW + ["工程师", "助理工程师", "2019-06-06"])
    for roster in (_csv(tmp_path / "r.csv", *rows), _book(tmp_path / "r.xlsx", rows)):
        with pytest.raises(RosterError) as err:
            load_roster(roster)
        whole, part = ("current_title", extra[0]) if extra[1] == "current_title" else extra
        assert f"「{whole}」列" in str(err.value) and f"「{part}」列" in str(err.value)
        assert "填写整个 current_title" in str(err.value) and "请删除「current_title」列" in str(err.value)


def test_a_row_excel_hides_is_an_error_row_not_read_unseen(tmp_path):
    """A hidden row (by hand, or by a filter) was read though the reviewer did not see it."""
    def hide(book, sheet):
        sheet.row_dimensions[3].hidden = True

    rows = (HEAD, ROW, ["a2", "王五", "210404199011043178", "抚顺市环境科学研究院"], ["a3"] + ROW[1:])
    entries = load_roster(_book(tmp_path / "r.xlsx", rows, change=hide))
    assert entries["a1"].applicant.name == "毛丽" and entries["a3"].applicant is not None
    assert entries["a2"].applicant is None and entries["a2"].row == 3
    assert "第 3 行（a2）：该行在 Excel 中被隐藏（或被筛选隐藏）" in entries["a2"].error
    assert "请取消隐藏（或清除筛选）后重新导入" in entries["a2"].error


@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_an_excel_date_serial_in_a_date_column_is_the_date_it_stands_for(tmp_path, epoch):
    """A date typed in a General cell shows as 43622 and was refused: 日期 '43622' 无法识别."""
    from openpyxl.utils.datetime import MAC_EPOCH

    serial = 43622 if epoch == "1900" else 43622 - 1462

    def general(book, sheet):
        if epoch == "1904":
            book.epoch = MAC_EPOCH
        sheet["F2"].number_format = "General"

    head, row = HEAD + ["现职称", "现职称取得时间"], ROW + ["工程师", serial]
    entry = load_roster(_book(tmp_path / "r.xlsx", (head, row), change=general))["a1"]
    assert entry.error is None and entry.applicant.current_title.date.iso() == "2019-06-06"
    if epoch == "1900":  # the same digits in a CSV (Excel writes what the cell shows)
        entry = load_roster(_csv(tmp_path / "r.csv", head, ROW + ["工程师", "43622"]))["a1"]
        assert entry.error is None and entry.applicant.current_title.date.iso() == "2019-06-06"
    # a number that is no date of a title stays refused as typed
    entry = load_roster(_csv(tmp_path / "r2.csv", head, ROW + ["工程师", "99999"]))["a1"]
    assert "日期 '99999' 无法识别" in entry.error


def test_a_key_is_nfc_and_its_nfd_twin_is_a_repeated_key(tmp_path):
    """Café张 in the key column spelt once composed and once as e + U+0301: two applicants
    no reviewer can tell apart (hostile exploration 5). Keys are NFC, as folder keys are."""
    import unicodedata

    nfc, nfd = unicodedata.normalize("NFC", "Café张"), unicodedata.normalize("NFD", "Café张")
    entries = load_roster(_csv(tmp_path / "r.csv", HEAD, [nfd, *ROW[1:]]))
    assert list(entries) == [nfc]
    entries = load_roster(_csv(tmp_path / "r.csv", HEAD, [nfc, *ROW[1:]], [nfd, *ROW[1:]]))
    assert list(entries) == [nfc] and "key 与第 2 行重复" in entries[nfc].error, entries


# ---------------------------------------------------------------- as Excel stores what HR staff type


@pytest.mark.parametrize("typed, why", [
    (210411197606150000.0, "为数字格式（显示为 2.10411E+17）"),  # the number cell Excel keeps
    ("2.10411E+17", "为科学计数法 2.10411E+17"),  # a CSV saved from it: what the cell shows
    ("210411197606150000", "末三位为 000 且校验位不符"),  # a CSV from a column formatted 0
])
def test_an_id_number_excel_cut_to_15_digits_is_refused_naming_its_cell(tmp_path, typed, why):
    """An 18-digit ID typed into a number cell keeps 15 digits; the CSV copies of it were read
    as the applicant's claim (2.10411E+17, 210411197606150000): another person's number."""
    row = ["a1", "毛丽", typed, "抚顺市环境科学研究院"]
    roster = (_book(tmp_path / "r.xlsx", (HEAD, row)) if isinstance(typed, float)
              else _csv(tmp_path / "r.csv", HEAD, row))
    entry = load_roster(roster)["a1"]
    where = "C2" if isinstance(typed, float) else "第 3 列"
    assert entry.applicant is None and f"第 2 行（a1）：身份证号（{where}）" in entry.error, entry.error
    assert why in entry.error and "Excel 已丢失末几位，请将该列设为文本后重新填写" in entry.error


def test_an_id_number_typed_as_text_or_with_a_lowercase_x_is_read(tmp_path):
    def quoted(book, sheet):
        sheet["C2"].quotePrefix = True  # typed '210404199011043178

    assert load_roster(_book(tmp_path / "q.xlsx", change=quoted))["a1"].applicant.id_number == ROW[2]
    entry = load_roster(_csv(tmp_path / "x.csv", HEAD, ["a1", "毛丽", "11010119900307447x", ROW[3]]))["a1"]
    assert entry.applicant.id_number == "11010119900307447X"


@pytest.mark.parametrize("fmt, read", [("yyyy-mm-dd", "2019-06-01"), ("yyyy/m/d", "2019-06-01"),
                                       ("yyyy-mm", "2019-06"), ('yyyy"年"m"月"', "2019-06"), ("yyyy", "2019")])
def test_a_date_cell_is_read_as_precise_as_its_format_shows_it(tmp_path, fmt, read):
    """A cell formatted yyyy-mm shows 2019-06 but holds 2019-06-01: it was read as that day."""
    import datetime as dt

    def formatted(book, sheet):
        sheet["F2"].number_format = fmt

    head, row = HEAD + ["现职称", "现职称取得时间"], ROW + ["工程师", dt.datetime(2019, 6, 1)]
    entry = load_roster(_book(tmp_path / "r.xlsx", (head, row), change=formatted))["a1"]
    assert entry.error is None and entry.applicant.current_title.date.iso() == read


@pytest.mark.parametrize("merge", [False, True])
def test_an_applicants_papers_one_a_row_are_all_read(tmp_path, merge):
    """Papers listed one a row below the applicant's (key blank, or merged down the rows): the
    second paper's row was dropped (no key; ignored), or the merged key was 与第 2 行重复."""
    def merged(book, sheet):
        for column in "ABCD":
            sheet.merge_cells(f"{column}2:{column}3")

    rows = (HEAD + ["papers.title"], ROW + ["论文一"], [None] * 4 + ["论文二"])
    entry = load_roster(_book(tmp_path / "r.xlsx", rows, change=merged if merge else None))["a1"]
    assert entry.error is None and [p.title for p in entry.applicant.papers] == ["论文一", "论文二"]


def test_a_row_without_a_key_is_refused_unless_it_continues_the_row_above_or_is_the_totals(tmp_path):
    """An applicant's row without a key was dropped with a log line the desk never sees."""
    rows = (["序号"] + HEAD, ["1"] + ROW, ["2", "", "王五", "", ROW[3]])
    with pytest.raises(RosterError, match="第 3 行没有 key，却填写了与第 2 行（a1）不同的 姓名"):
        load_roster(_csv(tmp_path / "r.csv", *rows))
    with pytest.raises(RosterError, match="第 2 行填写了 姓名、单位，但 key 为空"):
        load_roster(_csv(tmp_path / "r.csv", ["序号"] + HEAD, ["1", "", "王五", "", ROW[3]], ["2"] + ROW))
    totals = (["序号"] + HEAD, ["1"] + ROW, ["", "", "", "", ""], ["合计", "", "1人", "", ""])
    for roster in (_csv(tmp_path / "t.csv", *totals), _book(tmp_path / "t.xlsx", totals)):
        assert list(load_roster(roster)) == ["a1"]


def test_a_two_row_heading_and_a_lone_date_heading_beside_the_title_are_read(tmp_path):
    """现职称 merged over 名称 | 取得时间 (the other headings merged down both rows): the row of
    parts was taken for an applicant without a key, and the date column, headed by nothing,
    was dropped (缺少 date). A one-row 现职称 | 取得时间 dropped 取得时间 as an unknown heading."""
    import datetime as dt

    def merged(book, sheet):
        sheet.merge_cells("E1:F1")
        for column in "ABCD":
            sheet.merge_cells(f"{column}1:{column}2")

    two = (HEAD + ["现职称", None], [None] * 4 + ["名称", "取得时间"], ROW + ["工程师", dt.datetime(2019, 6, 6)])
    one = (HEAD + ["现职称", "取得时间"], ROW + ["工程师", "2019-06-06"])
    for roster in (_book(tmp_path / "two.xlsx", two, change=merged),
                   _csv(tmp_path / "two.csv", HEAD + ["现职称", ""], [""] * 4 + ["名称", "取得时间"],
                        ROW + ["工程师", "2019-06-06"]),
                   _book(tmp_path / "one.xlsx", one), _csv(tmp_path / "one.csv", *one)):
        entry = load_roster(roster)["a1"]
        assert entry.error is None, (roster.name, entry.error)
        assert (entry.applicant.current_title.name, entry.applicant.current_title.date.iso()) == ("工程师", "2019-06-06")
    assert load_roster(roster)["a1"].row == 2 and load_roster(tmp_path / "two.xlsx")["a1"].row == 3


def test_a_key_column_formatted_with_leading_zeros_is_read_as_shown(tmp_path):
    """001 in a cell formatted 000 is stored as 1: the roster named a folder 1, not 001."""
    def padded(book, sheet):
        sheet["A2"].number_format = "000"

    entries = load_roster(_book(tmp_path / "r.xlsx", (HEAD, [1] + ROW[1:]), change=padded))
    assert list(entries) == ["001"] and entries["001"].applicant.name == "毛丽"
    assert list(load_roster(_book(tmp_path / "g.xlsx", (HEAD, [1] + ROW[1:])))) == ["1"]  # General: shows 1


def test_a_roster_that_unpacks_to_gigabytes_or_holds_a_million_rows_is_refused_before_it_is_read(tmp_path):
    """A 4 MB workbook whose sheet unpacked to 4 GiB of blanks took 60 s and 4.2 GB; one of
    1,000,000 rows held the batch over five minutes and 3 GB, silent (hostile4)."""
    import time
    import zipfile

    bomb = tmp_path / "名册.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(b"<worksheet><sheetData>")
            for _ in range(130):
                fh.write(b" " * (1 << 20))
            fh.write(b"</sheetData></worksheet>")
    rows = tmp_path / "名册.csv"
    rows.write_text("key,name,unit\n" + "".join(f"X{i},张伟,抚顺市生态环境监测站\n" for i in range(20_001)), encoding="utf-8")
    for path, words in ((bomb, "名册解压后达 130 MB"), (rows, "名册超过 20,000 行")):
        started = time.monotonic()
        with pytest.raises(RosterError) as refused:
            load_roster(path)
        assert words in str(refused.value) and time.monotonic() - started < 5, str(refused.value)
