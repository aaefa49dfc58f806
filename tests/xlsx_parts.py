"""Hand-written .xlsx packages for the writer tests: the XML is exactly what the test says, so
shared strings, rows without r, self-closing rows and cells past the header can be checked."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

STYLES = (f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
          '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
          '<patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/>'
          '<right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right/><top/>'
          '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" '
          'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" '
          'fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" '
          'borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="14" fontId="0" fillId="0" '
          'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>')

STRINGS = ["2023年信访台帐", "序号", "登记日期", "信访人", "反映问题", "刘长福",
           "邻居在我家承包田里建房，占了三分多地，请求拆除", "王顺河", "砂场老板夜里偷采河砂，河堤都挖塌了",
           "备注"]

# Row 1 title (merged A1:D1), row 2 header, rows 3-7 data. Row 3 has a note in K and an empty
# bordered cell in L, past the last header; row 4 has no r attributes at all; row 5 is absent
# from the XML but in the merged blocks C4:C5 and D4:D5 (name, letter); row 6 has a serial date
# and rich text; row 7 is a self-closing <row/> in the merged blocks C6:C7 and D6:D7.
SHEET = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
         '<dimension ref="A1:L7"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="2" '
         'topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
         '<cols><col min="4" max="4" width="40" customWidth="1"/></cols><sheetData>'
         '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c></row>'
         '<row r="2" spans="1:4"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c>'
         '<c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c></row>'
         '<row r="3" spans="1:12"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>2023-03-05'
         '</t></is></c><c r="C3" t="s"><v>5</v></c><c r="D3" t="s"><v>6</v></c><c r="K3" '
         't="inlineStr"><is><t>已电话回访 &amp; 登记</t></is></c><c r="L3" s="1"/></row>'
         '<row><c><v>2</v></c><c t="inlineStr"><is><t>2023-03-06</t></is></c><c t="s"><v>7</v></c>'
         '<c t="s"><v>8</v></c></row>'
         '<row r="6"><c r="A6"><v>3</v></c><c r="B6" s="2"><v>45000</v></c><c r="C6" t="s"><v>5</v>'
         '</c><c r="D6" t="inlineStr"><is><r><t>上次反映的</t></r><r><rPr><b/></rPr><t>邻居在我家承包田里建房'
         '</t></r><r><t>占了三分多地，至今没有处理</t></r></is></c></row>'
         '<row r="7" spans="1:4" ht="20" customHeight="1"/>'
         '</sheetData><mergeCells count="5"><mergeCell ref="A1:D1"/><mergeCell ref="C4:C5"/>'
         '<mergeCell ref="D4:D5"/><mergeCell ref="C6:C7"/><mergeCell ref="D6:D7"/></mergeCells></worksheet>')


def shared_strings(strings) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'


def write_package(path: Path, sheet_xml: str = SHEET, extra_sheets=(), sheet_part="worksheets/data.xml",
                  first_sheet_name="台帐") -> Path:
    """An .xlsx whose first sheet is ``sheet_part`` (not sheet1.xml), with shared strings and
    styles; ``extra_sheets`` are (name, part, xml) after it."""
    sheets = [(first_sheet_name, sheet_part, sheet_xml), *extra_sheets]
    ct = "".join(f'<Override PartName="/xl/{part}" ContentType="{CT_SHEET}"/>' for _, part, _ in sheets)
    rels = "".join(f'<Relationship Id="rId{10 + k}" Type="{REL}/worksheet" Target="{part}"/>'
                   for k, (_, part, _) in enumerate(sheets))
    tags = "".join(f'<sheet name="{name}" sheetId="{5 + k}" r:id="rId{10 + k}"/>'
                   for k, (name, _, _) in enumerate(sheets))
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.styles+xml"/>{ct}</Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
                       f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{tags}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<Relationships xmlns="{PKG_REL}">{rels}<Relationship Id="rId2" Type="{REL}/sharedStrings" '
            f'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/styles" '
            'Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": shared_strings(STRINGS),
        "xl/styles.xml": STYLES,
    }
    for _, part, xml in sheets:
        files[f"xl/{part}"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path
