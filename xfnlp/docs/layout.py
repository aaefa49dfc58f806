"""GB/T 9704-2012 (党政机关公文格式) page layout on python-docx.

What the standard fixes and this module writes:

* A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
* body 3号 (16 pt) 仿宋_GB2312, exact line spacing 28.95 pt, a document grid of
  22 lines × 28 characters, first line indented two characters, justified;
* title 2号 (22 pt) 方正小标宋简体 centred; level-1 headings (一、) 黑体, level-2 (（一）) 楷体_GB2312;
* page numbers "— 1 —" in 4号 (14 pt) 宋体: odd pages right, even pages left, one character
  in from the edge (even-and-odd footers, each with a PAGE field);
* 发文字号 〔2023〕5号 centred, 成文日期 in Arabic numerals, 版记 (抄送, 印发机关 and date)
  between a thick rule, a thin rule and a thick rule, floated to the bottom of the last page
  (Word and WPS place it there; LibreOffice 7.4 shows a full-width floating table inline).

Font names are written on every style and every run for all scripts (``w:eastAsia`` too) and
theme-font attributes are removed: Word and WPS otherwise fall back to the theme's Latin or
Japanese fonts for CJK text. The document names the fonts Chinese offices have installed; it
embeds nothing and renders (with substitutes) where they are missing.

>>> doc = OfficialDocument()
>>> doc.title("信访事项受理告知书")
>>> doc.paragraph("您反映的问题收悉。")
>>> doc.docx.styles["Normal"].font.size.pt
16.0
"""

from __future__ import annotations

import io
import math
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from .markup import clean_text, format_cn_date
from .output import atomic_write

# --- GB/T 9704-2012 numbers -------------------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT = 28.95          # 225 mm / 22 lines
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, BANJI_PT = 16, 22, 14, 14   # 3号, 2号, 4号, 4号

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Style ids this module owns (English ids; Word shows the names).
STYLE_TITLE, STYLE_NUMBER, STYLE_ADDRESSEE = "GB Title", "GB Doc Number", "GB Addressee"
STYLE_H1, STYLE_H2, STYLE_SIGNATURE, STYLE_BANJI = ("GB Heading 1", "GB Heading 2",
                                                     "GB Signature", "GB Banji")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_PAGE_DASH = "\u2014"           # 一字线 around page numbers: "— 1 —"


def set_fonts(rpr_owner, name: str) -> None:
    """Name ``name`` for every script on a style/run/docDefaults ``rPr`` and drop theme fonts.

    Why: python-docx's ``font.name`` sets only the Latin slots; CJK text is drawn with
    ``w:eastAsia``, and any ``*Theme`` attribute silently wins over an explicit name.
    """
    rpr = rpr_owner if rpr_owner.tag == qn("w:rPr") else rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)      # rFonts comes first in CT_RPr
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")   # “”—… are drawn with the CJK font


_PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                   "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                   "w:sectPr", "w:pPrChange")


def _ppr_child(ppr, tag: str):
    el = ppr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        ppr.append(el)
    return el


def _char_indent(ppr, *, first_chars=None, left_chars=None, right_chars=None, pt=BODY_PT,
                 hanging_chars=None):
    """Indents in characters: ``*Chars`` (hundredths of a character, used by Word/WPS/LibreOffice
    with the grid) plus the twips equivalent for readers that ignore ``*Chars``."""
    ind = ppr.get_or_add_ind()         # python-docx keeps CT_PPr child order
    for chars, attr in ((first_chars, "firstLine"), (left_chars, "left"), (right_chars, "right"),
                        (hanging_chars, "hanging")):
        if chars is not None:
            ind.set(qn(f"w:{attr}Chars"), str(int(round(chars * 100))))
            ind.set(qn(f"w:{attr}"), str(int(round(chars * pt * 20))))


def _text_width_twips() -> int:
    return int(Mm(PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM).twips)


def text_width_chars(text: str) -> float:
    """Width of ``text`` in body characters: CJK and full-width 1, ASCII (digits) ½.

    >>> text_width_chars("2023年12月28日")
    7.0
    """
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


class OfficialDocument:
    """A GB/T 9704 document built top to bottom.

    ``char_grid=True`` (default) writes the 22 × 28 grid Word and WPS use ("指定行和字符网格").
    LibreOffice (7.x) lays a 16 pt character on a 15.79 pt grid cell as two cells — about
    14 characters a line — so ``char_grid=False`` writes a line grid only and condenses the
    body characters by 0.25 pt instead, which gives 28 a line everywhere.

    >>> d = OfficialDocument()
    >>> d.title("关于2023年度信访工作情况的报告")
    >>> d.doc_number("淮安自然资规信〔2024〕1号")
    >>> d.heading(1, "一、基本情况")
    >>> d.paragraph("全年共受理信访事项137件。")
    >>> d.signature("淮安市淮安区自然资源和规划局", "2024年1月5日")
    """

    def __init__(self, *, char_grid: bool = True) -> None:
        self.docx = Document()
        self.char_grid = char_grid
        self._after_title = False     # GB/T 9704: one empty line between title block and text
        self._setup_page()
        self._setup_styles()
        self._setup_page_numbers()

    @staticmethod
    def char_pitch_pt() -> float:
        """Width of one grid character: 156 mm / 28 ≈ 15.79 pt (a 16 pt glyph is squeezed)."""
        return _text_width_twips() / 20 / CHARS_PER_LINE

    # --- setup -----------------------------------------------------------------------
    def _setup_page(self) -> None:
        sec = self.docx.sections[0]
        sec.page_width, sec.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        sec.top_margin, sec.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        sec.left_margin, sec.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
        # Page number: its top 7 mm below the text block (GB/T 9704 7.5), so the footer's
        # bottom sits 35 − 7 − one 14 pt line ≈ 23 mm above the paper edge.
        sec.footer_distance = Mm(23)
        sec.header_distance = Mm(15)
        grid = sec._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sec._sectPr.append(grid)
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))       # 579 twips
        if self.char_grid:
            grid.set(qn("w:type"), "linesAndChars")
            # charSpace: 1/4096 pt added to the 16 pt pitch so 28 characters fill 156 mm.
            grid.set(qn("w:charSpace"), str(round((self.char_pitch_pt() - BODY_PT) * 4096)))
        else:
            grid.set(qn("w:type"), "lines")
            grid.attrib.pop(qn("w:charSpace"), None)
        settings = self.docx.settings.element
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:       # the default template says ja-JP: CJK would fall back to Japanese
            lang.set(qn("w:eastAsia"), "zh-CN")

    def _setup_styles(self) -> None:
        styles = self.docx.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        drpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(drpr, BODY_FONT)
        lang = drpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "zh-CN")
            lang.set(qn("w:eastAsia"), "zh-CN")

        normal = styles["Normal"]
        self._style_font(normal, BODY_FONT, BODY_PT)
        pf = normal.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PITCH_PT)
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        # Widow/orphan control would push single lines over and leave 21-line pages.
        pf.widow_control = False
        _char_indent(normal.element.get_or_add_pPr(), first_chars=2)
        # Condense each character by 0.25 pt so 28 of them fit 156 mm. With the character grid
        # Word and WPS snap to it anyway; LibreOffice, which fits a wider glyph into two grid
        # cells, then shows 28 a line too instead of about 14.
        rpr = normal.element.get_or_add_rPr()
        if rpr.find(qn("w:spacing")) is None:
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(math.floor((self.char_pitch_pt() - BODY_PT) * 20)))  # -0.25 pt
            rpr.find(qn("w:sz")).addprevious(spacing)

        title = self._add_style(STYLE_TITLE, TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER,
                                indent=0)
        # A 2号 character is wider than a grid cell: off the grid, the title keeps its natural
        # spacing instead of one character every two cells.
        ppr = title.element.get_or_add_pPr()
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        # CT_PPr is a sequence: snapToGrid comes before spacing, ind, jc and what follows them.
        later = [c for c in ppr if c.tag in {qn(t) for t in _PPR_AFTER_SNAP}]
        later[0].addprevious(snap) if later else ppr.append(snap)
        self._add_style(STYLE_NUMBER, BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER, indent=0)
        self._add_style(STYLE_ADDRESSEE, BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT, indent=0)
        self._add_style(STYLE_H1, HEADING1_FONT, BODY_PT, None, indent=2, outline=0)
        self._add_style(STYLE_H2, HEADING2_FONT, BODY_PT, None, indent=2, outline=1)
        self._add_style(STYLE_SIGNATURE, BODY_FONT, BODY_PT, WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
        self._add_style(STYLE_BANJI, BODY_FONT, BANJI_PT, WD_ALIGN_PARAGRAPH.LEFT, indent=0)
        footer = styles["Footer"]
        self._style_font(footer, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        _char_indent(footer.element.get_or_add_pPr(), first_chars=0, pt=PAGE_NUMBER_PT)

    @staticmethod
    def _style_font(style, font: str, size: float) -> None:
        set_fonts(style.element, font)
        style.font.size = Pt(size)
        style.font.bold = False
        style.font.color.rgb = RGBColor(0, 0, 0)

    def _add_style(self, name, font, size, align, *, indent, outline=None):
        style = self.docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.docx.styles["Normal"]
        style.quick_style = True
        self._style_font(style, font, size)
        pf = style.paragraph_format
        if align is not None:
            pf.alignment = align
        if outline is not None:
            pf.keep_with_next = True
            _ppr_child(style.element.get_or_add_pPr(), "w:outlineLvl").set(qn("w:val"), str(outline))
        _char_indent(style.element.get_or_add_pPr(), first_chars=indent, pt=size)
        return style

    def _setup_page_numbers(self) -> None:
        self.docx.settings.odd_and_even_pages_header_footer = True
        sec = self.docx.sections[0]
        self._page_number(sec.footer.paragraphs[0], odd=True)
        self._page_number(sec.even_page_footer.paragraphs[0], odd=False)

    def _page_number(self, par, *, odd: bool) -> None:
        """"— N —": odd pages right, even pages left, one character in from the edge."""
        par.style = self.docx.styles["Footer"]
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        ppr = par._p.get_or_add_pPr()
        if odd:
            _char_indent(ppr, first_chars=0, right_chars=1, pt=PAGE_NUMBER_PT)
        else:
            _char_indent(ppr, first_chars=0, left_chars=1, pt=PAGE_NUMBER_PT)
        self._run(par, _PAGE_DASH + " ", PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                            ("end", None)):
            run = self._run(par, "", PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            elif instr == " PAGE ":
                it = OxmlElement("w:instrText")
                it.set(qn("xml:space"), "preserve")
                it.text = instr
                run._r.append(it)
            else:
                run.text = instr        # the cached result shown before fields update
        self._run(par, " " + _PAGE_DASH, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)

    # --- content ---------------------------------------------------------------------
    @staticmethod
    def _run(par, text: str, font: str, size: float):
        run = par.add_run(clean_text(text).replace("\t", " ").replace("\n", ""))
        set_fonts(run._r, font)
        run.font.size = Pt(size)
        return run

    def _par(self, text: str, style: str, font: str, size: float = BODY_PT):
        if self._after_title and style not in (STYLE_TITLE, STYLE_NUMBER):
            self._after_title = False
            self.blank()
        par = self.docx.add_paragraph(style=self.docx.styles[style])
        if text:
            self._run(par, text, font, size)
        return par

    def title(self, text: str) -> None:
        """The title (标题), 2号方正小标宋简体, centred; call again for a second title line."""
        self._par(text, STYLE_TITLE, TITLE_FONT, TITLE_PT)
        self._after_title = True

    def doc_number(self, text: str) -> None:
        """The 发文字号 (e.g. 淮安自然资规信〔2023〕5号), centred under the title."""
        self._par(text, STYLE_NUMBER, BODY_FONT)
        self._after_title = True

    def addressee(self, text: str) -> None:
        """主送 line ("张三："), flush left without indent."""
        self._par(text, STYLE_ADDRESSEE, BODY_FONT)

    def heading(self, level: int, text: str) -> None:
        """A level-1 (一、, 黑体) or level-2 (（一）, 楷体_GB2312) heading; numbering is in ``text``."""
        if level not in (1, 2):
            raise ValueError("GB/T 9704 headings here are level 1 or 2")
        self._par(text, STYLE_H1 if level == 1 else STYLE_H2,
                  HEADING1_FONT if level == 1 else HEADING2_FONT)

    def paragraph(self, text: str, *, indent: bool = True, align: str | None = None) -> None:
        """A body paragraph, first line indented two characters (``align``: "right"/"center")."""
        par = self._par(text, "Normal", BODY_FONT)
        if not indent:
            _char_indent(par._p.get_or_add_pPr(), first_chars=0)
        if align:
            par.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                             "left": WD_ALIGN_PARAGRAPH.LEFT}[align]

    def blank(self) -> None:
        """One empty line of the grid."""
        self.docx.add_paragraph(style=self.docx.styles["Normal"])

    def signature(self, org: str, when: date | str, *, blank_lines: int = 2) -> None:
        """发文机关署名 and 成文日期 (sealed layout, GB/T 9704 7.3.5.1).

        The date is right-indented four characters, the organ's name centred over it; a name
        much longer than the date is right-indented two characters and the date centred under
        it. ``blank_lines`` leave room for the seal above.
        """
        when = format_cn_date(when) if isinstance(when, date) else str(when)
        w_org, w_date = text_width_chars(org), text_width_chars(when)
        right_org = 4 + (w_date - w_org) / 2
        right_date = 4.0
        if right_org < 2:
            right_org, right_date = 2.0, 2 + (w_org - w_date) / 2
        for _ in range(blank_lines):
            self.blank()
        for text, right in ((org, right_org), (when, right_date)):
            par = self._par(text, STYLE_SIGNATURE, BODY_FONT)
            _char_indent(par._p.get_or_add_pPr(), first_chars=0, right_chars=right)

    def banji(self, cc: str | None, issuer: str, when: date | str) -> None:
        """版记: optional 抄送, then 印发机关 and 印发日期, between thick/thin/thick rules (4号).

        The standard puts the 版记 on the last page with its last element on the page's last
        line, however long the body is. A document has no notion of "the bottom of the last
        page", so the 版记 is a one-column table floated to the bottom of the text block of the
        page where it is anchored — the empty last paragraph of the document.
        """
        when = format_cn_date(when) if isinstance(when, date) else str(when)
        one = BANJI_PT * 20                      # one character of 4号, in twips
        rows = ([cc if cc.startswith("抄送") else "抄送：" + cc] if cc else []) + [None]
        table = self.docx.add_table(rows=len(rows), cols=1)
        self._float_to_bottom(table)
        for row, text in zip(table.rows, rows):
            par = row.cells[0].paragraphs[0]
            par.style = self.docx.styles[STYLE_BANJI]
            if text is not None:
                # continuation lines align after "抄送：" (3 characters), one character in each side
                self._run(par, text, BODY_FONT, BANJI_PT)
                ppr = par._p.get_or_add_pPr()
                _char_indent(ppr, left_chars=4, right_chars=1, hanging_chars=3, pt=BANJI_PT)
                ppr.ind.attrib.pop(qn("w:firstLine"), None)
                ppr.ind.attrib.pop(qn("w:firstLineChars"), None)
                continue
            self._run(par, issuer, BODY_FONT, BANJI_PT)
            _char_indent(par._p.get_or_add_pPr(), first_chars=0, left_chars=1, pt=BANJI_PT)
            # a right tab one character before the right edge (tab positions count from the
            # cell's text edge, which is the margin: the cell has no side padding)
            par.paragraph_format.tab_stops.add_tab_stop(Twips(_text_width_twips() - one),
                                                         WD_TAB_ALIGNMENT.RIGHT)
            self._run(par, "", BODY_FONT, BANJI_PT).add_tab()
            self._run(par, when + "印发", BODY_FONT, BANJI_PT)
        # The anchor: an empty paragraph one point high, so it never pushes a page of its own.
        anchor = self.docx.add_paragraph()
        ppr = anchor._p.get_or_add_pPr()
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert(0, snap)
        anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        anchor.paragraph_format.line_spacing = Pt(1)
        anchor.paragraph_format.space_before = anchor.paragraph_format.space_after = Pt(0)
        rpr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "2")
        rpr.append(sz)
        ppr.append(rpr)

    @staticmethod
    def _float_to_bottom(table) -> None:
        """Table properties: the text block's width, rules thick/thin/thick, no side padding,
        floated to the bottom of the text block, never overlapping other floats."""
        tbl_pr = table._tbl.tblPr
        for child in list(tbl_pr):
            tbl_pr.remove(child)
        width = str(_text_width_twips())

        def el(tag, **attrs):
            e = OxmlElement(f"w:{tag}")
            for k, v in attrs.items():
                e.set(qn(f"w:{k}"), v)
            return e

        borders = el("tblBorders")
        for side, sz in (("top", "8"), ("left", None), ("bottom", "8"), ("right", None),
                         ("insideH", "4"), ("insideV", None)):
            borders.append(el(side, val="single", sz=sz, space="0", color="000000") if sz
                           else el(side, val="nil"))
        margins = el("tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            margins.append(el(side, w="0", type="dxa"))
        # CT_TblPr order: tblpPr, tblOverlap, tblW, jc, tblBorders, tblLayout, tblCellMar, tblLook
        for child in (el("tblpPr", leftFromText="0", rightFromText="0", topFromText="0",
                         bottomFromText="0", vertAnchor="margin", horzAnchor="margin",
                         tblpXSpec="center", tblpYSpec="bottom"),
                      el("tblOverlap", val="never"), el("tblW", w=width, type="dxa"),
                      el("jc", val="center"), borders, el("tblLayout", type="fixed"), margins,
                      el("tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
                         lastColumn="0", noHBand="1", noVBand="1")):
            tbl_pr.append(child)
        grid = table._tbl.tblGrid
        for col in grid.findall(qn("w:gridCol")):
            col.set(qn("w:w"), width)
        for row in table.rows:
            row.cells[0].width = Twips(int(width))

    # --- output ----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.docx.save(buf)
        return buf.getvalue()

    def save(self, path) -> Path:
        """Write the .docx atomically (temp file in the same folder, then ``os.replace``)."""
        return atomic_write(path, self.to_bytes())
