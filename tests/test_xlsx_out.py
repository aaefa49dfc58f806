"""The tagged .xlsx: the clerk's workbook kept as it was, plus the added columns and 行错误."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from xfnlp.ledger.tagging import ADDED_COLUMNS, ERROR_SHEET, analyze_ledger, write_tagged
from xfnlp.ledger.xlsx_sheet import cell_xml, col_letters, col_number, row_cells

from conftest import REPO
from test_ledger import ledger_rows
from xlsx_parts import MAIN, SHEET, write_package

AS_OF = dt.date(2023, 12, 31)


def tag(src, out):
    res = analyze_ledger(src, as_of=AS_OF)
    write_tagged(res, out, src)
    return res


def assert_original_kept(src, out, sheet_index=0):
    """Every cell of every original sheet: value, font, fill, border, number format, alignment;
    merged ranges, column widths, row heights, frozen panes, comments."""
    a, b = load_workbook(src), load_workbook(out)
    for k, wa in enumerate(a.worksheets):
        if wa.title == ERROR_SHEET:
            continue
        wb = b[wa.title]
        for row in wa.iter_rows():
            for ca in row:
                cb = wb[ca.coordinate]
                assert (cb.value, cb.number_format) == (ca.value, ca.number_format), ca.coordinate
                # the style proxies compare by their parameters (repr)
                assert [repr(x) for x in (cb.font, cb.fill, cb.border, cb.alignment)] == \
                       [repr(x) for x in (ca.font, ca.fill, ca.border, ca.alignment)], ca.coordinate
                assert (cb.comment.text if cb.comment else None) == \
                       (ca.comment.text if ca.comment else None)
        assert set(map(str, wb.merged_cells.ranges)) == set(map(str, wa.merged_cells.ranges))
        for letter, dim in wa.column_dimensions.items():
            assert wb.column_dimensions[letter].width == dim.width, letter
        for r, dim in wa.row_dimensions.items():
            assert wb.row_dimensions[r].height == dim.height, r
        assert wb.freeze_panes == wa.freeze_panes
    assert b.sheetnames[:sheet_index + 1] == a.sheetnames[:sheet_index + 1]


def added_block(out, header_row, first_col):
    ws = load_workbook(out).worksheets[0]
    header = [ws.cell(header_row, first_col + k).value for k in range(len(ADDED_COLUMNS))]
    return ws, header


def expected_headers(res):
    return [h + "（识别）" if h in res.headers else h for h in ADDED_COLUMNS]


def opens_with_calamine(out):
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(out))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def styled_ledger(path, n=12, broken_every=5, extra_sheets=()):
    """A ledger as a clerk formats it: title, widths, fonts, fills, borders, a frozen header, a
    comment, a date format, a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2023年"
    for r in ledger_rows(n, broken_every=broken_every):
        ws.append(r)
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    for c in ws[3]:
        c.fill = PatternFill("solid", fgColor="DDEEFF")
        c.border = Border(bottom=Side(style="thin"))
    for r in range(4, 4 + n):
        ws.cell(r, 2).number_format = "yyyy-mm-dd"
    ws.column_dimensions["G"].width = 48
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A4"
    ws["G4"].comment = Comment("已核实", "信访室")
    for name in extra_sheets:
        wb.create_sheet(name).append(["说明", "这张表不动"])
    wb.save(path)
    return path


def test_styled_ledger_keeps_everything_and_gains_columns(tmp_path):
    src = styled_ledger(tmp_path / "l.xlsx", extra_sheets=["说明"])
    before = src.read_bytes()
    res = tag(src, tmp_path / "out.xlsx")
    out = tmp_path / "out.xlsx"
    assert src.read_bytes() == before
    assert_original_kept(src, out, sheet_index=1)
    ws, header = added_block(out, 3, 10)
    assert header == list(ADDED_COLUMNS)
    second = {h: ws.cell(5, 10 + k).value for k, h in enumerate(ADDED_COLUMNS)}   # row 4 is broken
    assert second["类别"] == "涉矿" and second["办结期限"] == "2023-03-24"
    assert second["是否超期"] == "未超期" and isinstance(second["置信度"], float)
    # each case's added values sit in its own row
    for case in res.cases:
        assert ws.cell(case.row.row, 7).value == case.row.values[6]
        got = ws.cell(case.row.row, 10 + ADDED_COLUMNS.index("是否超期")).value
        assert got == (case.overdue or None)
    wb = load_workbook(out)
    assert wb.sheetnames == ["2023年", "说明", ERROR_SHEET]
    errors = [r for r in wb[ERROR_SHEET].iter_rows(values_only=True)]
    assert errors[0] == ("行号", "问题")
    assert [r[0] for r in errors[1:]] == [row for row, _ in res.row_errors] and res.row_errors
    assert "no text in 内容" in errors[1][1]
    sheets = opens_with_calamine(out)
    assert sheets["2023年"][2][9:24] == list(ADDED_COLUMNS)
    assert sheets[ERROR_SHEET][0] == ["行号", "问题"]


def test_an_existing_error_sheet_is_replaced_in_place(tmp_path):
    src = styled_ledger(tmp_path / "l.xlsx", extra_sheets=[ERROR_SHEET, "说明"])
    wb = load_workbook(src)
    wb[ERROR_SHEET].append([999, "上次的旧错误"])
    wb.save(src)
    res = tag(src, tmp_path / "out.xlsx")
    out = load_workbook(tmp_path / "out.xlsx")
    assert out.sheetnames == ["2023年", ERROR_SHEET, "说明"]
    rows = list(out[ERROR_SHEET].iter_rows(values_only=True))
    assert rows == [("行号", "问题"), *((r, m) for r, m in res.row_errors)]
    assert list(out["说明"].values) == [("说明", "这张表不动")]


def test_shared_strings_rows_without_r_missing_rows_and_cells_past_the_header(tmp_path):
    src = write_package(tmp_path / "hand.xlsx")
    res = tag(src, tmp_path / "out.xlsx")
    out = tmp_path / "out.xlsx"
    assert [c.row.row for c in res.cases] == [3, 4, 5, 6, 7]
    # Added columns start after the last used column (L: an empty bordered cell), not over it.
    ws, header = added_block(out, 2, 13)
    assert header == [h + "（识别）" if h == "信访人" else h for h in ADDED_COLUMNS]
    assert ws["K3"].value == "已电话回访 & 登记" and ws["L3"].border.left.style == "thin"
    assert ws["A1"].value == "2023年信访台帐" and ws["D6"].value == "上次反映的邻居在我家承包田里建房占了三分多地，至今没有处理"
    assert ws["B6"].value == dt.datetime(2023, 3, 15)
    col = {h: 13 + k for k, h in enumerate(ADDED_COLUMNS)}
    assert ws.cell(3, col["类别"]).value == "违法占地"
    assert ws.cell(4, col["类别"]).value == "涉矿"
    # rows 5 (absent from the XML) and 7 (a self-closing <row/>) are in merged blocks: they have
    # the name and letter of the row above, so they are tagged, and repeat it
    assert ws.cell(5, col["类别"]).value == "涉矿" and ws.cell(5, col["重复访"]).value == "是（第4行）"
    assert ws.cell(7, col["重复访"]).value == "是（第6行）" and ws.row_dimensions[7].height == 20
    assert ws["C5"].value is None and ws["D7"].value is None      # the original cells: empty
    # the row-6 letter repeats row 3's (same person, same matter in other words)
    assert ws.cell(6, col["重复访"]).value == "是（第3行）"
    errors = dict(load_workbook(out)[ERROR_SHEET].iter_rows(min_row=2, values_only=True))
    assert errors == {5: "登记日期 is empty", 7: "登记日期 is empty"}
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        # untouched parts are byte for byte the same; the sheet's XML is the original plus cells
        for name in ("xl/sharedStrings.xml", "xl/styles.xml", "_rels/.rels"):
            assert a.read(name) == b.read(name)
        sheet = b.read("xl/worksheets/data.xml").decode()
        assert a.read("xl/worksheets/data.xml").decode().split("<sheetData>")[0].replace(
            "A1:L7", "A1:AA7") == sheet.split("<sheetData>")[0]
        ET.fromstring(sheet)                                        # well-formed
        row4, row5, row6 = (sheet.index(f'<row r="{n}"') for n in (4, 5, 6))
        assert row4 < row5 < row6 and sheet.startswith('<row r="5"><c r="M5" t="inlineStr">', row5)
        assert sheet.startswith('<row r="4"><c><v>2</v></c>', row4)       # r added, cells kept
        assert '<row r="7" spans="1:27" ht="20" customHeight="1"><c r="M7"' in sheet
        assert set(b.namelist()) == set(a.namelist()) | {"xl/worksheets/sheet1.xml"}
    assert opens_with_calamine(out)["台帐"][1][12:27] == header


def test_first_sheet_found_through_the_workbook_not_by_name(tmp_path):
    other = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
             '<t>另一张表</t></is></c></row></sheetData></worksheet>')
    src = write_package(tmp_path / "two.xlsx", extra_sheets=[("说明", "worksheets/sheet1.xml", other)],
                        sheet_part="worksheets/sheet2.xml")
    tag(src, tmp_path / "out.xlsx")
    wb = load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["台帐", "说明", ERROR_SHEET]
    assert wb["台帐"].cell(2, 13).value == "类别" and wb["说明"]["A1"].value == "另一张表"
    assert wb["说明"].max_column == 1
    with zipfile.ZipFile(tmp_path / "out.xlsx") as z:
        assert "xl/worksheets/sheet3.xml" in z.namelist()


def test_a_sheet_the_fast_writer_does_not_handle_falls_back_to_openpyxl(tmp_path):
    cdata = SHEET.replace("<t>2023-03-05</t>", "<t><![CDATA[2023-03-05]]></t>")
    src = write_package(tmp_path / "cdata.xlsx", sheet_xml=cdata)
    res = tag(src, tmp_path / "out.xlsx")
    ws = load_workbook(tmp_path / "out.xlsx").worksheets[0]
    header = [c.value for c in ws[2]]
    assert header[len(res.headers):len(res.headers) + len(ADDED_COLUMNS)] == expected_headers(res)
    assert ws["B3"].value == "2023-03-05"


def test_the_examples_ledger(tmp_path):
    src = tmp_path / "ledger_2023.xlsx"
    shutil.copy(REPO / "examples" / "ledger_2023.xlsx", src)
    res = tag(src, tmp_path / "out.xlsx")
    out = tmp_path / "out.xlsx"
    assert_original_kept(src, out)
    width = len(res.headers)
    ws, header = added_block(out, res.header_row, width + 1)
    assert header == expected_headers(res)
    cat = width + 1
    assert all(ws.cell(c.row.row, cat).value for c in res.cases if c.category)
    assert ws.max_row == max(c.row.row for c in res.cases)
    assert len(opens_with_calamine(out)) == 2


def test_a_csv_ledger_becomes_a_new_workbook(tmp_path):
    src = tmp_path / "l.csv"
    src.write_text("编号,登记日期,信访人,内容\n1,2023-03-05,王五,邻居占我家耕地建房\n2,2023-03-06,,\n",
                   encoding="utf-8")
    tag(src, tmp_path / "o.xlsx")
    wb = load_workbook(tmp_path / "o.xlsx")
    rows = list(wb.worksheets[0].values)
    assert rows[0][:5] == ("编号", "登记日期", "信访人", "内容", "类别")
    assert rows[1][4] == "违法占地"
    assert list(wb[ERROR_SHEET].values) == [("行号", "问题"), (3, "no text in 内容")]


def test_cells_are_escaped_and_cleaned():
    xml = row_cells("", 5, ["M", "N", "O", "P", "Q", "R"],
                    ["a<b & c>d\x01\x0b\r", "  leading", 0.5, 12, "", None])
    root = ET.fromstring(f'<row xmlns="{MAIN}">{xml}</row>')
    cells = root.findall(f"{{{MAIN}}}c")
    assert [c.get("r") for c in cells] == ["M5", "N5", "O5", "P5"]
    texts = [c.find(f".//{{{MAIN}}}t") for c in cells[:2]]
    assert texts[0].text == "a<b & c>d"
    assert texts[1].text == "  leading"
    assert texts[1].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert [c.find(f"{{{MAIN}}}v").text for c in cells[2:]] == ["0.5", "12"]
    assert cell_xml("", "A1", True) == '<c r="A1" t="b"><v>1</v></c>'
    import numpy as np

    assert cell_xml("", "B2", np.float64(0.25)) == '<c r="B2"><v>0.25</v></c>'
    assert cell_xml("", "B2", float("nan")) == '<c r="B2" t="inlineStr"><is><t>nan</t></is></c>'
    assert cell_xml("x:", "A1", "长" * 40000).count("长") == 32767
    assert [col_letters(n) for n in (1, 26, 27, 16384)] == ["A", "Z", "AA", "XFD"]
    assert col_number("XFD") == 16384


def test_a_larger_ledger_reads_the_same_through_openpyxl_and_calamine(tmp_path):
    from conftest import make_xlsx

    src = make_xlsx(tmp_path / "big.xlsx", ledger_rows(1500, broken_every=37), merge=["A1:I1"])
    res = tag(src, tmp_path / "out.xlsx")
    by_openpyxl = [list(r) for r in load_workbook(tmp_path / "out.xlsx").worksheets[0].values]
    by_calamine = opens_with_calamine(tmp_path / "out.xlsx")["Sheet"]
    assert len(by_openpyxl) == len(by_calamine) == 1503

    def same(a, b):
        if isinstance(a, dt.datetime):
            return b in (a, a.date())
        return a == b or (a is None and b == "")

    for r, (a, b) in enumerate(zip(by_openpyxl, by_calamine)):
        assert all(same(x, y) for x, y in zip(a, b)), r
    assert [by_openpyxl[c.row.row - 1][9] for c in res.cases] == [c.record["category_zh"]
                                                                  if c.category else None
                                                                  for c in res.cases]


def test_the_xlsx_is_the_same_for_any_jobs(tmp_path):
    from conftest import make_xlsx

    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(1200, broken_every=97), merge=["A1:I1"])
    for jobs in (1, 2):
        res = analyze_ledger(src, jobs=jobs, as_of=AS_OF)
        write_tagged(res, tmp_path / f"out{jobs}.xlsx", src)
    with zipfile.ZipFile(tmp_path / "out1.xlsx") as a, zipfile.ZipFile(tmp_path / "out2.xlsx") as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_a_sheet_written_with_a_namespace_prefix(tmp_path):
    import re

    # every element in the x: prefix, as the .NET Open XML SDK writes sheets
    prefixed = re.sub(r"<(/?)(?!\?)([A-Za-z]+)", r"<\1x:\2", SHEET).replace(
        f'<x:worksheet xmlns="{MAIN}"', f'<x:worksheet xmlns:x="{MAIN}"')
    src = write_package(tmp_path / "prefixed.xlsx", sheet_xml=prefixed)
    res = tag(src, tmp_path / "out.xlsx")
    with zipfile.ZipFile(tmp_path / "out.xlsx") as z:
        sheet = z.read("xl/worksheets/data.xml").decode()
    ET.fromstring(sheet)
    assert '<x:c r="M2" t="inlineStr"><x:is><x:t>类别</x:t></x:is></x:c>' in sheet
    assert '<x:row r="5"><x:c r="M5"' in sheet
    ws, header = added_block(tmp_path / "out.xlsx", 2, 13)
    assert header == expected_headers(res)
    assert ws.cell(3, 13).value == "违法占地"
    assert opens_with_calamine(tmp_path / "out.xlsx")["台帐"][1][12:27] == header
