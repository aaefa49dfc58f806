"""Shared fixtures: real files of every kind the readers accept, made in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

LETTER = "尊敬的领导：我叫刘长福，住林集镇前进村三组。邻居在我家承包田里违法占地建房，请查处。"


def make_docx(path: Path, paragraphs, table=None) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs[:1]:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    for p in paragraphs[1:]:
        d.add_paragraph(p)
    d.save(path)
    return path


def make_xlsx(path: Path, rows, merge=None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for rng in merge or []:
        ws.merge_cells(rng)
    wb.save(path)
    return path


@pytest.fixture
def files(tmp_path):
    """A folder with one letter in each encoding and format, plus bad files."""
    d = tmp_path
    (d / "utf8.txt").write_text(LETTER, encoding="utf-8")
    (d / "bom.txt").write_bytes(b"\xef\xbb\xbf" + LETTER.encode("utf-8"))
    (d / "utf16.txt").write_bytes(LETTER.encode("utf-16"))
    (d / "gbk.txt").write_bytes(LETTER.encode("gb18030"))
    make_docx(d / "letter.docx", ["来信摘录", "以上情况属实。"],
              table=[["信访人", "刘长福"], ["反映问题", "邻居违法占地建房"]])
    (d / "letters.jsonl").write_text(
        '{"id": "a1", "text": "举报车桥镇违法占地"}\n{"text": "咨询不动产权证怎么办"}\n', encoding="utf-8")
    make_xlsx(d / "ledger.xlsx", [
        ["2023年信访台帐"], [None],
        ["序号", "登记日期", "信访人", "反映问题"],
        [1, "2023-03-05", "刘长福", "邻居违法占地建房"],
        [2, "2023-04-01", "王顺河", "砂场夜里偷采河砂"],
    ], merge=["A1:D1"])
    (d / "ledger.csv").write_text("编号,内容\nc1,村支书私自出租集体土地\n", encoding="utf-8")
    return d
