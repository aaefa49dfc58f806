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

import posixpath
import re

from .xlsx_package import (Package, Unsupported, attrs, decode_xml, insert_before_close, local,
                           rels_part, relationships, resolve)
from .xlsx_sheet import SHEET_LEVEL, SheetScan, col_letters, deflate_pieces, row_cells, sheet_xml

MAX_COLUMNS = 16384
WORKBOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"

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

    chunks, crc, size = deflate_pieces(scan.patched(set(rows) | {header_row}, cells, last_col),
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
