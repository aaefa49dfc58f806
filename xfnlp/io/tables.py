"""Tables (.csv and .xlsx ledgers) with the header row found among title rows.

Offices' 台帐 often carry one or more title rows ("2023年信访台帐") above the header, merged cells
and blank rows. :func:`read_table` finds the header as the first of the top rows that names a
known column, and keeps each data row's row number in the file (1-based, as Excel shows it).

>>> t = Table(path="x.csv", header_row=3, headers=["序号", "内容"], rows=[(4, ["1", "违法占地"])])
>>> t.column("内容")
1
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

HEADER_SEARCH_ROWS = 15


@dataclass
class Table:
    path: str
    header_row: int                  # 1-based row number of the header in the file
    headers: list[str]
    rows: list[tuple[int, list]]     # (row number in the file, cell values)
    sheet: str = ""
    notes: list[str] = field(default_factory=list)

    def column(self, name: str) -> int | None:
        """Index of the column whose header is ``name`` (after whitespace clean-up)."""
        try:
            return self.headers.index(name)
        except ValueError:
            return None


def clean_header(value) -> str:
    """Header text without spaces, line breaks or a trailing colon ("信访\\n内容：" -> "信访内容")."""
    if value is None:
        return ""
    return "".join(str(value).split()).rstrip(":：")


def _find_header(raw_rows: list[list], is_header) -> int | None:
    for i, row in enumerate(raw_rows[:HEADER_SEARCH_ROWS]):
        names = [clean_header(v) for v in row]
        if is_header(names):
            return i
    return None


def _cell_value(v):
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return v


def _read_xlsx(path: Path) -> tuple[list[list], str, list[str]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read_only: merged ranges are only known in the full model, and ledgers are small.
        wb = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    ws = wb.worksheets[0]
    notes = []
    if len(wb.worksheets) > 1:
        notes.append(f"{path}: read the first sheet '{ws.title}' of {len(wb.worksheets)}")
    rows = [[_cell_value(c) for c in r] for r in ws.iter_rows(values_only=True)]
    # A merged block shows its value in its top-left cell only: copy it down the block so a
    # township or date merged over several rows belongs to each of them.
    for rng in ws.merged_cells.ranges:
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]) and rows[r - 1][c - 1] is None:
                    rows[r - 1][c - 1] = top
    return rows, ws.title, notes


def _read_csv(path: Path) -> list[list]:
    from .readers import decode_text

    text = decode_text(path.read_bytes(), str(path))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def read_table(path: str | Path, is_header) -> Table:
    """Read a .csv or .xlsx ledger; ``is_header(names)`` says whether a row is the header row.

    Raises InputError naming the file when it cannot be read or no header row is found.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    try:
        if p.stat().st_size == 0:
            raise InputError(f"{p}: empty file")
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    sheet, notes = "", []
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        raw, sheet, notes = _read_xlsx(p)
    else:
        raw = _read_csv(p)
    h = _find_header(raw, is_header)
    if h is None:
        raise InputError(f"{p}: no header row with a known column in the first {HEADER_SEARCH_ROWS} rows")
    headers = [clean_header(v) for v in raw[h]]
    rows = []
    for i, row in enumerate(raw[h + 1:], start=h + 2):
        if all(v is None or v == "" for v in row):
            continue
        row = list(row) + [None] * (len(headers) - len(row))
        rows.append((i, row))
    return Table(path=str(p), header_row=h + 1, headers=headers, rows=rows, sheet=sheet, notes=notes)
