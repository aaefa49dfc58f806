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


# calamine returns every number as a float; a whole number within float precision is read back
# as the int a clerk typed (序号 1, a phone number), as openpyxl did.
_EXACT_INT = 2 ** 53


def _calamine_value(v):
    if v == "":
        return None          # calamine's empty cell (openpyxl's None)
    if isinstance(v, str):
        return v.strip()
    if type(v) is float:
        return int(v) if v.is_integer() and -_EXACT_INT < v < _EXACT_INT else v
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return v


def _calamine_grid(path: Path):
    """(values, merged ranges 0-based, sheet name, worksheet names) read with python-calamine.

    python-calamine (Rust) reads a 10,000-row ledger several times faster than openpyxl and
    gives the cached values of formulas, dates as dates and the merged ranges.
    """
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        sheets = [m.name for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        if not sheets:
            raise InputError(f"{path}: the workbook has no worksheet")
        ws = wb.get_sheet_by_name(sheets[0])
        raw = ws.to_python(skip_empty_area=False)   # from A1, so row numbers are Excel's
        merged = ws.merged_cell_ranges or []
    except pc.PasswordError:
        raise InputError(f"{path}: the workbook is password-protected; save it without a password") \
            from None
    conv = _calamine_value
    return [[conv(v) for v in r] for r in raw], merged, sheets[0], sheets


def _openpyxl_value(v):
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return v


def _openpyxl_grid(path: Path):
    """The same as :func:`_calamine_grid`, with openpyxl: for a file calamine cannot read."""
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True)     # not read_only: merged ranges need the full model
    ws = wb.worksheets[0]
    rows = [[_openpyxl_value(v) for v in r] for r in ws.iter_rows(values_only=True)]
    merged = [((r.min_row - 1, r.min_col - 1), (r.max_row - 1, r.max_col - 1))
              for r in ws.merged_cells.ranges]
    return rows, merged, ws.title, [w.title for w in wb.worksheets]


def read_grid_in_thread(path: str | Path):
    """Start reading an .xlsx workbook's first sheet with python-calamine in a thread; return a
    function that waits for it and gives what :func:`read_table` takes as ``prefetched``.

    calamine reads without holding the GIL, so the caller can do Python work meanwhile (the
    ledger tagger imports numpy). Wait before forking: a fork keeps only the calling thread.
    """
    import threading

    box: dict = {}

    def read():
        try:
            box["grid"] = _calamine_grid(Path(path))
        except BaseException as exc:       # handed to read_table, which reports it or falls back
            box["error"] = exc

    thread = threading.Thread(target=read, name="xfnlp-read-grid", daemon=True)
    thread.start()

    def wait() -> dict:
        thread.join()
        return box

    return wait


def _read_xlsx(path: Path, prefetched: dict | None = None) -> tuple[list[list], str, list[str]]:
    """Cell values of the first worksheet, merged blocks filled, with its name and notes."""
    try:
        if prefetched is None:
            rows, merged, name, sheets = _calamine_grid(path)
        elif "error" in prefetched:
            raise prefetched["error"]
        else:
            rows, merged, name, sheets = prefetched["grid"]
    except InputError:
        raise
    except BaseException as exc:
        # CalamineError, ZipError, XmlError … on a damaged file; a Rust panic reaches Python as
        # pyo3's PanicException, a BaseException. openpyxl gets a second try.
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        try:
            rows, merged, name, sheets = _openpyxl_grid(path)
        except Exception:
            raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") \
                from None
    notes = []
    if len(sheets) > 1:
        notes.append(f"{path}: read the first sheet '{name}' of {len(sheets)}")
    # The grid covers the merged blocks too (calamine's stops at the last value), so that a row
    # which only a merged block reaches is still a row.
    height = max([len(rows)] + [r1 + 1 for (_, _), (r1, _) in merged])
    width = max([len(rows[0]) if rows else 0] + [c1 + 1 for (_, _), (_, c1) in merged])
    if rows and width > len(rows[0]):
        for row in rows:
            row.extend([None] * (width - len(row)))
    rows.extend([None] * width for _ in range(height - len(rows)))
    # A merged block shows its value in its top-left cell only: copy it down the block so a
    # township or date merged over several rows belongs to each of them.
    for (r0, c0), (r1, c1) in merged:
        top = rows[r0][c0]
        for r in range(r0, r1 + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if row[c] is None:
                    row[c] = top
    return rows, name, notes


def _read_csv(path: Path) -> list[list]:
    from .readers import decode_text

    text = decode_text(path.read_bytes(), str(path))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def read_table(path: str | Path, is_header, prefetched: dict | None = None) -> Table:
    """Read a .csv or .xlsx ledger; ``is_header(names)`` says whether a row is the header row.
    ``prefetched``: an .xlsx file's grid from :func:`read_grid_in_thread`, already read.

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
        raw, sheet, notes = _read_xlsx(p, prefetched)
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
