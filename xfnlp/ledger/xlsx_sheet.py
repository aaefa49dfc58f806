"""Worksheet XML as text: cells written as XML, and a sheet's rows found and extended in place.

An .xlsx sheet is ``<sheetData>`` with ``<row r="N">`` elements holding ``<c r="A1">`` cells.
:class:`SheetScan` finds where each row starts and ends with regular expressions over the raw
bytes (text in XML cannot contain a literal ``<``, so a tag is a tag), which keeps every byte
it does not need to change, and is fast: about a tenth of a second for the 17 MB of XML of
the 10,000-row ledger in bench/bench_ledger.py.
Anything unusual (CDATA, comments, another encoding) raises :class:`Unsupported`.
"""

from __future__ import annotations

import functools
import math
import re
import zlib

from .xlsx_package import Unsupported

MAX_TEXT = 32767             # Excel's limit for the text of one cell
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
    if isinstance(v, int):
        return f'<{p}c r="{ref}"><{p}v>{int(v)}</{p}v></{p}c>'
    if isinstance(v, float) and math.isfinite(v):   # float(): a numpy float's repr is not a number
        return f'<{p}c r="{ref}"><{p}v>{float(v)!r}</{p}v></{p}c>'
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


_SHEETDATA_OPEN = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b([^>]*?)(/?)>")
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)/?>")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d*["']""")
_SPANS = re.compile(rb"""(\sspans\s*=\s*["'])(\d+):(\d+)(["'])""")
_DIMENSION = re.compile(rb"""(<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*["'])([^"']*)(["'])""")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_MERGE_REF = re.compile(rb"""<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']*)["']""")


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
        # A merged block past the last cell still covers its columns: added cells go after it.
        for ref in _MERGE_REF.findall(xml, self.body[1]):
            cols = _REF.findall(ref.decode())
            if cols:
                self.max_col = max(self.max_col, col_number(cols[-1][0]))

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
            added = cells(number) if number in numbers else ""
            if not added:
                continue                                # the row stays as it is
            yield xml[pos:o_start]
            yield self._open_tag(xml[o_start:o_end], number, last_col)
            if c_start is None:
                yield added.encode("utf-8")
                yield f"</{p}row>".encode()
            else:
                yield xml[o_end:c_start]
                yield added.encode("utf-8")
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
        return f'<{p}row r="{number}">{cells}</{p}row>'.encode("utf-8") if cells else b""


def deflate_pieces(pieces, level: int):
    """(compressed chunks, crc, size): pieces deflated 1 MB at a time in two threads.

    Each chunk is its own deflate run ended by a sync flush, so the runs join into one valid
    stream (as pigz does); zlib releases the GIL, so compressing overlaps building the XML.
    """
    from concurrent.futures import ThreadPoolExecutor

    def deflate(data: bytes) -> bytes:
        c = zlib.compressobj(level, zlib.DEFLATED, -15, 9)     # memLevel 9: a little faster
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
