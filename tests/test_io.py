"""Reading letters: encodings, .docx, .jsonl, ledgers, folders, stdin, and bad input."""

from __future__ import annotations

import io

import pytest

from xfnlp.errors import InputError
from xfnlp.io import decode_text, iter_letters, read_letter_file

from conftest import LETTER, make_xlsx


@pytest.mark.parametrize("name", ["utf8.txt", "bom.txt", "utf16.txt", "gbk.txt"])
def test_text_files_in_every_office_encoding(files, name):
    [letter] = read_letter_file(files / name)
    assert letter.text == LETTER
    assert letter.error is None


def test_gbk_only_bytes_are_detected_without_being_told():
    data = "镕".encode("gbk") + "违法占地".encode("gbk")   # not valid UTF-8
    assert decode_text(data, "x.txt") == "镕违法占地"


def test_docx_paragraphs_and_table_cells_in_reading_order(files):
    [letter] = read_letter_file(files / "letter.docx")
    assert letter.text.splitlines() == ["来信摘录", "信访人\t刘长福", "反映问题\t邻居违法占地建房",
                                         "以上情况属实。"]


def test_jsonl_keeps_ids_and_order(files):
    got = [(l.id, l.text) for l in read_letter_file(files / "letters.jsonl")]
    assert got == [("a1", "举报车桥镇违法占地"), ("", "咨询不动产权证怎么办")]


def test_xlsx_with_title_rows_above_the_header(files):
    got = list(read_letter_file(files / "ledger.xlsx"))
    assert [l.text for l in got] == ["邻居违法占地建房", "砂场夜里偷采河砂"]
    assert got[0].id == "1" and got[0].source.endswith("ledger.xlsx:4")
    assert got[1].meta["信访人"] == "王顺河"


def test_csv_ledger(files):
    [letter] = read_letter_file(files / "ledger.csv")
    assert (letter.id, letter.text) == ("c1", "村支书私自出租集体土地")


def test_text_column_named_by_the_user(tmp_path):
    p = make_xlsx(tmp_path / "odd.xlsx", [["号", "群众来电记录"], [1, "绿地被占了"]])
    with pytest.raises(InputError, match="no text column"):
        list(read_letter_file(p))
    [letter] = read_letter_file(p, text_column="群众来电记录")
    assert letter.text == "绿地被占了"


def test_folder_is_read_recursively_in_sorted_order(files):
    (files / "sub").mkdir()
    (files / "sub" / "z.txt").write_text("子目录里的信", encoding="utf-8")
    (files / "notes.bin").write_bytes(b"\x00\x01")   # not a letter suffix: skipped
    sources = [l.source.rsplit("/", 1)[-1] for l in iter_letters([str(files)])]
    assert sources == ["bom.txt", "gbk.txt", "ledger.csv:2", "ledger.xlsx:4", "ledger.xlsx:5",
                       "letter.docx", "letters.jsonl:1", "letters.jsonl:2", "z.txt", "utf16.txt",
                       "utf8.txt"]
    assert all(l.error is None for l in iter_letters([str(files)]))


def test_stdin_one_letter_and_stdin_jsonl():
    [one] = iter_letters([], stdin=io.BytesIO(LETTER.encode("gb18030")))
    assert one.text == LETTER and one.source == "<stdin>"
    many = list(iter_letters(["-"], stdin=io.BytesIO(b'{"id": 1, "text": "a"}\n{"text": "b"}\n')))
    assert [(l.id, l.text) for l in many] == [("1", "a"), ("", "b")]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
    ("broken.xlsx", b"this is not a workbook", "not a readable .xlsx"),
])
def test_unreadable_files_give_one_line_naming_them(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    [letter] = iter_letters([str(p)])
    assert letter.error.startswith(str(p)) and reason in letter.error
    assert "\n" not in letter.error


def test_a_batch_keeps_the_good_inputs(files, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00\x00")
    got = list(iter_letters([str(files / "utf8.txt"), str(tmp_path / "missing.txt"),
                             str(tmp_path / "bad.txt"), str(files / "gbk.txt")]))
    assert [l.error is None for l in got] == [True, False, False, True]
    assert "missing.txt: no such file" in got[1].error


def test_bad_jsonl_lines_are_per_letter_errors(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text('{"text": "好的一行"}\nnot json\n["a list"]\n{"id": "x"}\n', encoding="utf-8")
    got = list(read_letter_file(p))
    assert [l.error is None for l in got] == [True, False, False, False]
    assert got[1].error == f"{p}:2: line is not JSON (Expecting value)"
    assert got[3].error == f"{p}:4: no 'text' text"


def test_ledger_row_without_text_is_reported_with_its_row_number(tmp_path):
    p = make_xlsx(tmp_path / "l.xlsx", [["序号", "内容"], [1, "违法占地"], [2, None], [3, "采砂"]])
    got = list(read_letter_file(p))
    assert [l.text for l in got] == ["违法占地", "", "采砂"]
    assert got[1].error == f"{p}:3: row 3 has no text in column '内容'"


def test_a_junk_line_first_does_not_reject_a_jsonl_file(tmp_path):
    p = tmp_path / "junk_first.jsonl"
    p.write_bytes(b"\x00\x01\x02\xff\xfe junk\n" + '{"text": "违法占地"}\n'.encode("utf-8"))
    got = list(read_letter_file(p))
    assert [l.error is None for l in got] == [False, True]
    assert got[0].error.startswith(f"{p}:1: line is not JSON")


@pytest.mark.parametrize("damage", ["truncated", "text", "empty", "zip_without_workbook"])
def test_damaged_xlsx_ledgers_give_one_line_naming_the_file(tmp_path, damage):
    import zipfile

    from xfnlp.io.tables import read_table

    good = make_xlsx(tmp_path / "good.xlsx", [["序号", "内容"], [1, "违法占地"]]).read_bytes()
    p = tmp_path / "ledger.xlsx"
    if damage == "truncated":
        p.write_bytes(good[: len(good) // 2])
    elif damage == "text":
        p.write_text("序号,内容\n1,违法占地\n", encoding="utf-8")
    elif damage == "empty":
        p.write_bytes(b"")
    else:
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputError) as exc:
        read_table(p, lambda names: "内容" in names)
    msg = str(exc.value)
    assert msg.startswith(f"{p}: ") and "\n" not in msg
    assert ("empty file" if damage == "empty" else "not a readable .xlsx") in msg


def test_xlsx_values_keep_their_types(tmp_path):
    import datetime as dt

    from xfnlp.io.tables import read_table

    p = make_xlsx(tmp_path / "t.xlsx", [
        ["序号", "登记日期", "时间", "金额", "内容", "电话"],
        [1, dt.datetime(2023, 3, 5), dt.datetime(2023, 3, 5, 9, 30), 12.5, "  违法占地 ", 13905171234],
        [2, "2023-03-06", None, 3, "采砂", None],
    ], merge=None)
    t = read_table(p, lambda names: "内容" in names)
    assert t.rows[0] == (2, [1, dt.date(2023, 3, 5), dt.datetime(2023, 3, 5, 9, 30), 12.5, "违法占地",
                             13905171234])
    assert t.rows[1] == (3, [2, "2023-03-06", None, 3, "采砂", None])
    assert type(t.rows[0][1][0]) is int and type(t.rows[0][1][3]) is float


def test_openpyxl_reads_what_calamine_cannot(tmp_path, monkeypatch):
    import xfnlp.io.tables as tables

    p = make_xlsx(tmp_path / "l.xlsx", [["2023年台帐"], ["序号", "内容"], [1, "违法占地"], [2, None]],
                  merge=["A1:B1", "A3:A4"])
    fast = tables.read_table(p, lambda names: "内容" in names)

    def broken(path):
        raise RuntimeError("calamine could not")

    monkeypatch.setattr(tables, "_calamine_grid", broken)
    slow = tables.read_table(p, lambda names: "内容" in names)
    assert (slow.header_row, slow.headers, slow.rows) == (fast.header_row, fast.headers, fast.rows)
    assert slow.rows == [(3, [1, "违法占地"]), (4, [1, None])]
