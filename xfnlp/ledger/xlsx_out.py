"""The tagged ledger as the clerk's own .xlsx plus columns, written at the package level.

Every zip member of the original is copied unchanged except:

* the first worksheet, whose XML is edited as text: the added cells are appended to the end of
  their rows (header row: the added headers), rows that do not exist yet are created in order,
  and ``<dimension ref>`` grows to cover them. Everything else in the sheet — titles, merged
  ranges, column widths, styles, formulas, conditional formats — stays byte for byte;
* the 行错误 sheet, added (workbook.xml, its rels and [Content_Types].xml gain one entry each)
  or, when the workbook already has one, replaced in place.

Added strings are inline strings (``t="inlineStr"``), so sharedStrings.xml is not touched.
Anything this code does not handle (a macro workbook, a non-UTF-8 part, a CDATA section in the
sheet) raises :class:`Unsupported`, and the caller writes the file with openpyxl instead.
"""

from __future__ import annotations

import functools
import math
import posixpath
import re
import zlib

from .xlsx_package import (Package, Unsupported, attrs, decode_xml, insert_before_close, local,
                           rels_part, relationships, resolve)

MAX_COLUMNS = 16384
MAX_TEXT = 32767             # Excel's limit for the text of one cell
WORKBOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
SHEET_LEVEL = 1              # zlib level for the big sheet: 4x faster than 6, ~35% larger
CHUNK_BYTES = 1 << 20

# Characters XML 1.0 cannot carry or Excel refuses (\r too: a parser would turn it into \n).
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def col_letters(n: int) -> str:
    """1 -> A, 27 -> AA."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def clean_text(s: str) -> str:
    return _BAD_CHARS.sub("", s)[:MAX_TEXT]


def _esc(s: str) -> str:
    if "&" in s or "<" in s or ">" in s:
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


def cell_xml(p: str, ref: str, v) -> str:
    """One cell: numbers as numbers, everything else as an inline string; "" for an empty value."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<{p}c r="{ref}" t="b"><{p}v>{int(v)}</{p}v></{p}c>'
    if isinstance(v, int) or (isinstance(v, float) and math.isfinite(v)):
        return f'<{p}c r="{ref}"><{p}v>{v!r}</{p}v></{p}c>'
    s = clean_text(v if isinstance(v, str) else str(v))
    if not s:
        return ""
    space = ' xml:space="preserve"' if s[0].isspace() or s[-1].isspace() else ""
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t{space}>{_esc(s)}</{p}t></{p}is></{p}c>'


def row_cells(p: str, rowno: int, letters: list[str], values) -> str:
    """The cells of one row. Strings, the common case, are checked a row at a time: most rows
    need neither cleaning nor escaping (150,000 cells for a 10,000-row ledger)."""
    r = str(rowno)
    joined = "".join(v for v in values if type(v) is str)
    dirty = _BAD_CHARS.search(joined) is not None or len(joined) > MAX_TEXT
    special = "&" in joined or "<" in joined or ">" in joined
    parts = []
    for col, v in zip(letters, values):
        if type(v) is not str:
            if v is not None:
                parts.append(cell_xml(p, col + r, v))
            continue
        if dirty:
            v = clean_text(v)
        if not v:
            continue
        space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
        if special:
            v = _esc(v)
        parts.append(f'<{p}c r="{col}{r}" t="inlineStr"><{p}is><{p}t{space}>{v}</{p}t></{p}is></{p}c>')
    return "".join(parts)


def sheet_xml(ns: str, rows: list[list]) -> bytes:
    """A whole worksheet of values (the 行错误 sheet)."""
    width = max((len(r) for r in rows), default=1)
    letters = [col_letters(k + 1) for k in range(width)]
    body = "".join(f'<row r="{i}">{row_cells("", i, letters, r)}</row>'
                   for i, r in enumerate(rows, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{ns}"><dimension ref="A1:{letters[-1]}{max(len(rows), 1)}"/>'
            f"<sheetData>{body}</sheetData></worksheet>").encode("utf-8")


# -- the first sheet, edited as text ---------------------------------------------------------

_SHEETDATA_OPEN = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b([^>]*?)(/?)>")
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)/?>")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d*["']""")
_SPANS = re.compile(rb"""(\sspans\s*=\s*["'])(\d+):(\d+)(["'])""")
_DIMENSION = re.compile(rb"""(<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*["'])([^"']*)(["'])""")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


@functools.lru_cache(maxsize=4)
def _tag_patterns(prefix: bytes):
    """Row and cell tag patterns for the sheet's own prefix (almost always none): a literal
    prefix lets the regex engine skip the other tags (<v>, <t>, <is> …) quickly."""
    p = re.escape(prefix)
    return (re.compile(rb"<(/?)" + p + rb"row\b([^>]*?)(/?)>"),
            re.compile(rb"<" + p + rb"c\b"),
            re.compile(rb"<" + p + rb"""c\b[^>]*?\sr\s*=\s*["']\$?([A-Za-z]{1,3})"""))


class SheetScan:
    """Where each row of a worksheet's XML is, and the largest column and row used."""

    def __init__(self, xml: bytes):
        if b"<![CDATA[" in xml or b"<!--" in xml:
            raise Unsupported("CDATA or comments in the sheet")
        head = xml[:200]
        if xml.startswith((b"\xff\xfe", b"\xfe\xff")) or (
                b"encoding" in head and not re.search(rb"""encoding\s*=\s*["']utf-?8["']""", head, re.I)):
            raise Unsupported("sheet XML not in UTF-8")
        m = _SHEETDATA_OPEN.search(xml)
        if m is None:
            raise Unsupported("no <sheetData>")
        self.xml = xml
        self.prefix = m.group(1).decode()
        self.open = m
        if m.group(3):                                  # <sheetData/>
            self.body = (m.end(), m.end())
        else:
            close = re.compile(rb"</" + re.escape(m.group(1)) + rb"sheetData\s*>").search(xml, m.end())
            if close is None:
                raise Unsupported("unclosed <sheetData>")
            self.body = (m.end(), close.start())
        # rows: (number, open start, open end, close start or None for <row/>, close end)
        self.rows: list[tuple] = []
        self.max_row = 0
        b0, b1 = self.body
        last, opened = 0, None
        row_tag, self._cell_any, self._cell_ref_any = _tag_patterns(m.group(1))
        for t in row_tag.finditer(xml, b0, b1):
            if t.group(1):                              # </row>
                if opened is None:
                    raise Unsupported("</row> without <row>")
                self.rows.append((*opened, t.start(), t.end()))
                opened = None
                continue
            if opened is not None:
                raise Unsupported(f"unclosed row {opened[0]}")
            n = _ROW_NUMBER.search(t.group(2))
            last = number = int(n.group(1)) if n else last + 1
            self.max_row = max(self.max_row, number)
            if t.group(3):                              # <row/>
                self.rows.append((number, t.start(), t.end(), None, t.end()))
            else:
                opened = (number, t.start(), t.end())
        if opened is not None:
            raise Unsupported(f"unclosed row {opened[0]}")
        if not self.rows and xml[b0:b1].strip():
            raise Unsupported("rows with another namespace prefix than <sheetData>")
        self.max_col = self._max_col()

    def _max_col(self) -> int:
        """The largest column of any cell, empty styled cells included (they may hold a border)."""
        b0, b1 = self.body
        refs = self._cell_ref_any.findall(self.xml, b0, b1)
        if len(refs) == len(self._cell_any.findall(self.xml, b0, b1)):
            return max((col_number(r.decode()) for r in set(refs)), default=0)
        # Some cells without r: each is one column after the cell before it in its row.
        best = 0
        for number, o_start, o_end, c_start, c_end in self.rows:
            col = 0
            for c in _CELL_OPEN.finditer(self.xml, o_end, c_start or o_end):
                ref = _CELL_REF.search(c.group(1))
                col = col_number(ref.group(1).decode()) if ref else col + 1
                best = max(best, col)
        return best

    def patched(self, numbers: set, cells, last_col: int):
        """The sheet's XML in pieces, with ``cells(row)`` (cells XML) appended to each row in
        ``numbers``. Cells are made as the rows are reached, so that building them overlaps
        with compressing the pieces already made."""
        xml, p = self.xml, self.prefix
        head_end = self.open.start()
        yield from self._head(max(numbers, default=0), last_col)
        pos = head_end
        if self.open.group(3):                          # <sheetData/> becomes a pair of tags
            yield xml[pos:self.open.start()]
            yield f"<{p}sheetData{self.open.group(2).decode()}>".encode()
            pos = self.open.end()
        missing = sorted(numbers - {r[0] for r in self.rows})
        k = 0
        for number, o_start, o_end, c_start, c_end in self.rows:
            while k < len(missing) and missing[k] < number:
                yield xml[pos:o_start]
                pos = o_start
                yield self._new_row(missing[k], cells(missing[k]))
                k += 1
            if number not in numbers:
                continue
            yield xml[pos:o_start]
            yield self._open_tag(xml[o_start:o_end], number, last_col)
            if c_start is None:
                yield cells(number).encode("utf-8")
                yield f"</{p}row>".encode()
            else:
                yield xml[o_end:c_start]
                yield cells(number).encode("utf-8")
                yield xml[c_start:c_end]
            pos = c_end
        tail = b"".join(self._new_row(n, cells(n)) for n in missing[k:])
        yield xml[pos:self.body[1]]
        yield tail
        if self.open.group(3):
            yield f"</{p}sheetData>".encode()
        yield xml[self.body[1]:]

    def _head(self, last_added_row: int, last_col: int):
        """Everything before <sheetData>, with the dimension covering the added cells."""
        head = self.xml[:self.open.start()]
        m = _DIMENSION.search(head)
        if m is None:
            yield head
            return
        last_row = max(self.max_row, last_added_row)
        refs = _REF.findall(m.group(2).decode())
        c0, r0 = (col_number(refs[0][0]), int(refs[0][1])) if refs else (1, 1)
        c1, r1 = (col_number(refs[-1][0]), int(refs[-1][1])) if refs else (1, 1)
        ref = f"{col_letters(c0)}{r0}:{col_letters(max(c1, last_col))}{max(r1, last_row)}"
        yield head[:m.start(2)]
        yield ref.encode()
        yield head[m.end(2):]

    def _open_tag(self, tag: bytes, number: int, last_col: int) -> bytes:
        if tag.endswith(b"/>"):
            tag = tag[:-2].rstrip() + b">"
        if not _ROW_NUMBER.search(tag):
            # Rows without r count on from the row before; this one may now follow a new row.
            tag = tag[:-1] + f' r="{number}">'.encode()
        return _SPANS.sub(lambda m: m.group(1) + m.group(2) + b":"
                          + str(max(int(m.group(3)), last_col)).encode() + m.group(4), tag)

    def _new_row(self, number: int, cells: str) -> bytes:
        p = self.prefix
        return f'<{p}row r="{number}">{cells}</{p}row>'.encode("utf-8")


def _deflate_pieces(pieces, level: int):
    """(compressed chunks, crc, size): pieces deflated 1 MB at a time in two threads.

    Each chunk is its own deflate run ended by a sync flush, so the runs join into one valid
    stream (as pigz does); zlib releases the GIL, so compressing overlaps building the XML.
    """
    from concurrent.futures import ThreadPoolExecutor

    def deflate(data: bytes) -> bytes:
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH)

    futures, crc, size, buf = [], 0, 0, []
    buffered = 0
    with ThreadPoolExecutor(2) as ex:
        for piece in pieces:
            buf.append(piece)
            buffered += len(piece)
            if buffered >= CHUNK_BYTES:
                data = b"".join(buf)
                crc, size = zlib.crc32(data, crc), size + len(data)
                futures.append(ex.submit(deflate, data))
                buf, buffered = [], 0
        data = b"".join(buf)
        crc, size = zlib.crc32(data, crc), size + len(data)
        futures.append(ex.submit(deflate, data))
        chunks = [f.result() for f in futures]
    chunks.append(zlib.compressobj(level, zlib.DEFLATED, -15).flush())   # the final empty block
    return chunks, crc, size


# -- the workbook ----------------------------------------------------------------------------

_SHEET_TAG = re.compile(r"<((?:[\w.-]+:)?)sheet\b[^>]*>")


def write_tagged_xlsx(src, dst, header_row: int, min_first_col: int, added_headers: list,
                      rows: dict, values_of, error_sheet: str, error_rows: list[list]):
    """Write ``src`` plus the added columns (from ``min_first_col`` on, after every used
    column: ``added_headers`` in the header row, ``values_of(rows[n])`` in row n) and the error
    sheet to ``dst``."""
    pkg = Package(src)
    root = relationships(decode_xml(pkg.read("/_rels/.rels"), "_rels/.rels"))
    office = [r for r in root if r.get("Type", "").endswith("/officeDocument")]
    if not office:
        raise Unsupported("no workbook part")
    wb_part = resolve("/", office[0]["Target"])
    types = decode_xml(pkg.read("/[Content_Types].xml"), "[Content_Types].xml")
    if not _has_override(types, wb_part, WORKBOOK_CT):
        raise Unsupported("not a plain .xlsx workbook (macro-enabled or a template)")
    wb_xml = decode_xml(pkg.read(wb_part), wb_part)
    wb_rels_part = rels_part(wb_part)
    wb_rels_xml = decode_xml(pkg.read(wb_rels_part), wb_rels_part)
    rels = {r.get("Id"): r for r in relationships(wb_rels_xml)}
    sheets = []                       # (tag match, attributes, relationship)
    for m in _SHEET_TAG.finditer(wb_xml):
        a = attrs(m.group(0))
        rid = next((v for k, v in a.items() if ":" in k and local(k) == "id"), None)
        sheets.append((m, a, rels.get(rid, {})))
    worksheets = [s for s in sheets if s[2].get("Type", "").endswith("/worksheet")]
    if not worksheets:
        raise Unsupported("no worksheet")
    first_tag, _, first_rel = worksheets[0]
    sheet_part = resolve(wb_part, first_rel["Target"])

    scan = SheetScan(pkg.read(sheet_part))
    first_col = max(min_first_col, scan.max_col + 1)
    last_col = first_col + len(added_headers) - 1
    if last_col > MAX_COLUMNS:
        raise Unsupported("no room for the added columns")
    letters = [col_letters(first_col + k) for k in range(len(added_headers))]
    p = scan.prefix

    def cells(number: int) -> str:
        values = added_headers if number == header_row else values_of(rows[number])
        return row_cells(p, number, letters, values)

    chunks, crc, size = _deflate_pieces(scan.patched(set(rows) | {header_row}, cells, last_col),
                                        SHEET_LEVEL)
    pkg.put_compressed(sheet_part, chunks, crc, size)

    ns = STRICT_NS if STRICT_NS in wb_xml else MAIN_NS
    errors_xml = sheet_xml(ns, error_rows)
    old = [s for s in sheets if s[1].get("name") == error_sheet]
    if old:
        rel = old[0][2]
        if not rel.get("Type", "").endswith("/worksheet") or old[0][0] is first_tag:
            raise Unsupported(f"'{error_sheet}' is not a worksheet after the ledger")
        part = resolve(wb_part, rel["Target"])
        pkg.write(part, errors_xml)
        pkg.remove(rels_part(part))   # the old sheet's comments, drawings … are gone with it
    else:
        folder = posixpath.dirname(sheet_part)
        k = 1
        while pkg.name_of(f"{folder}/sheet{k}.xml"):
            k += 1
        part = f"{folder}/sheet{k}.xml"
        pkg.write(part, errors_xml)
        rid = next(f"rId{n}" for n in range(1, len(rels) + 2) if f"rId{n}" not in rels)
        target = posixpath.relpath(part, posixpath.dirname(wb_part))
        rel_prefix = re.search(r"<((?:[\w.-]+:)?)Relationship\b", wb_rels_xml)
        rp = rel_prefix.group(1) if rel_prefix else ""
        pkg.write(wb_rels_part, insert_before_close(
            wb_rels_xml, "Relationships",
            f'<{rp}Relationship Id="{rid}" Type="{first_rel["Type"]}" Target="{target}"/>').encode())
        sheet_ids = [int(a.get("sheetId", 0)) for _, a, _ in sheets if a.get("sheetId", "").isdigit()]
        rel_ns = _namespace_of(wb_xml, next(k for k in worksheets[0][1] if local(k) == "id" and ":" in k))
        pkg.write(wb_part, insert_before_close(
            wb_xml, "sheets",
            f'<{first_tag.group(1)}sheet xmlns:r="{rel_ns}" name="{error_sheet}" '
            f'sheetId="{max(sheet_ids, default=0) + 1}" r:id="{rid}"/>').encode())
        if not _has_override(types, part, None):
            tp = re.search(r"<((?:[\w.-]+:)?)Types\b", types)
            pkg.write("/[Content_Types].xml", insert_before_close(
                types, "Types", f'<{tp.group(1) if tp else ""}Override PartName="{part}" '
                f'ContentType="{WORKSHEET_CT}"/>').encode())
    pkg.save(dst)


def _has_override(types: str, part: str, content_type: str | None) -> bool:
    """Whether [Content_Types].xml names ``part`` (with ``content_type`` when given)."""
    for m in re.finditer(r"<(?:[\w.-]+:)?Override\b[^>]*>", types):
        a = attrs(m.group(0))
        if a.get("PartName", "").lower() == part.lower():
            return content_type is None or a.get("ContentType") == content_type
    return False


def _namespace_of(xml: str, attr_name: str) -> str:
    prefix = attr_name.split(":", 1)[0]
    m = re.search(rf"""xmlns:{re.escape(prefix)}\s*=\s*["']([^"']+)["']""", xml)
    if m is None:
        raise Unsupported(f"undeclared prefix {prefix}")
    return m.group(1)
