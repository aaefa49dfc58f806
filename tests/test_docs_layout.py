"""GB/T 9704 layout: page setup, fonts on styles and runs, grid, footers, markup."""

import os
import stat

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm

from xfnlp.docs.layout import OfficialDocument, text_width_chars
from xfnlp.docs.markup import (CLOSE, OPEN, clean_text, cn_number, markup_to_document,
                               markup_to_markdown, parse_markup)
from xfnlp.errors import TemplateError

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def rfonts(el):
    """The rFonts of a style/run element (or an rPr), as a dict of the attributes we check."""
    rpr = el if el.tag == qn("w:rPr") else el.find(qn("w:rPr"))
    rf = rpr.find(qn("w:rFonts"))
    return {a: rf.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs", *[
        t[2:] for t in THEME_ATTRS])}


def assert_font(el, name):
    f = rfonts(el)
    assert f["eastAsia"] == name and f["ascii"] == name and f["hAnsi"] == name, f
    assert all(f[t[2:]] is None for t in THEME_ATTRS), f


@pytest.fixture()
def sample(tmp_path):
    d = OfficialDocument()
    d.title("关于2023年度信访工作情况的报告")
    d.doc_number("淮安自然资规信〔2024〕1号")
    d.addressee("淮安市自然资源和规划局：")
    d.heading(1, "一、基本情况")
    d.heading(2, "（一）受理情况")
    d.paragraph("全年共受理信访事项137件，其中涉土122件、涉矿3件。")
    d.paragraph("A&B<C>\x07控制字符\x0c已去除")
    d.signature("淮安市淮安区自然资源和规划局", "2024年1月5日")
    d.banji("淮安区信访局，车桥镇人民政府", "淮安市淮安区自然资源和规划局办公室", "2024年1月5日")
    path = d.save(tmp_path / "report.docx")
    return docx.Document(str(path)), path


def test_page_setup(sample):
    doc, _ = sample
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.1) and abs(sec.page_height - Mm(297)) < Mm(0.1)
    for got, mm in ((sec.top_margin, 37), (sec.bottom_margin, 35), (sec.left_margin, 28),
                    (sec.right_margin, 26)):
        assert abs(got - Mm(mm)) < Mm(0.1), (got.mm, mm)


def test_document_grid_22_lines_28_chars(sample):
    doc, _ = sample
    sec = doc.sections[0]
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    assert pitch == 579                                     # 28.95 pt
    height = sec.page_height.twips - sec.top_margin.twips - sec.bottom_margin.twips
    assert 22 * pitch <= height < 23 * pitch
    width_pt = (sec.page_width.twips - sec.left_margin.twips - sec.right_margin.twips) / 20
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 * char_pt <= width_pt < 29 * char_pt


def test_line_grid_variant_for_libreoffice(tmp_path):
    d = OfficialDocument(char_grid=False)
    d.paragraph("正文")
    doc = docx.Document(str(d.save(tmp_path / "a.docx")))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:charSpace")) is None
    spacing = doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == -5              # 16 − 0.25 pt: 28 fit 156 mm


def test_styles_fonts_sizes_spacing(sample):
    doc, _ = sample
    normal = doc.styles["Normal"]
    assert_font(normal.element, "仿宋_GB2312")
    assert normal.font.size.pt == 16
    pf = normal.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and pf.line_spacing.pt == 28.95
    assert pf.space_before.pt == 0 and pf.space_after.pt == 0
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    # the document defaults carry no theme font either (they would win over names)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert_font(defaults.find(qn("w:rPr")), "仿宋_GB2312")
    for name, font, size, align in (("GB Title", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER),
                                    ("GB Doc Number", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.CENTER),
                                    ("GB Heading 1", "黑体", 16, None),
                                    ("GB Heading 2", "楷体_GB2312", 16, None),
                                    ("Footer", "宋体", 14, None)):
        st = doc.styles[name]
        assert_font(st.element, font)
        assert st.font.size.pt == size and not st.font.bold
        if align is not None:
            assert st.paragraph_format.alignment == align


def test_runs_carry_east_asian_fonts(sample):
    doc, _ = sample
    want = {"GB Title": ("方正小标宋简体", 22), "GB Heading 1": ("黑体", 16),
            "GB Heading 2": ("楷体_GB2312", 16), "Normal": ("仿宋_GB2312", 16),
            "GB Doc Number": ("仿宋_GB2312", 16), "GB Addressee": ("仿宋_GB2312", 16),
            "GB Signature": ("仿宋_GB2312", 16), "GB Banji": ("仿宋_GB2312", 14)}
    seen = set()
    for p in body_paragraphs(doc):
        for run in p.runs:
            font, size = want[p.style.name]
            assert_font(run._r, font)
            assert run.font.size.pt == size
            seen.add(p.style.name)
    assert seen == set(want)


def test_text_order_and_cleaning(sample):
    doc, _ = sample
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == ["关于2023年度信访工作情况的报告", "淮安自然资规信〔2024〕1号", ""]
    assert texts[3] == "淮安市自然资源和规划局："
    assert "A&B<C>控制字符已去除" in texts
    heading = doc.paragraphs[4]
    assert heading.style.name == "GB Heading 1"
    assert heading.style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def body_paragraphs(doc):
    """Every paragraph of the body in reading order, table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc))
        elif child.tag == qn("w:tbl"):
            out += [p for row in Table(child, doc).rows for c in row.cells for p in c.paragraphs]
    return out


def test_signature_and_banji(sample):
    doc, _ = sample
    paras = doc.paragraphs
    i = [p.text for p in paras].index("2024年1月5日")
    org, day = paras[i - 1], paras[i]
    assert org.text == "淮安市淮安区自然资源和规划局" and paras[i - 2].text == paras[i - 3].text == ""
    assert org.style.name == day.style.name == "GB Signature"
    assert org.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # the organ's name is longer than the date: name 2 characters in, date centred under it
    assert org.paragraph_format.right_indent.pt == pytest.approx(32)
    # "2024年1月5日" is 6 characters wide (digits count half)
    assert day.paragraph_format.right_indent.pt == pytest.approx(32 + (14 - 6) / 2 * 16)
    # 版记: a full-width table floated to the bottom of the last page, then an empty anchor
    table = doc.tables[-1]
    assert doc.element.body[-2] is table._tbl.getnext() is doc.paragraphs[-1]._p
    assert doc.paragraphs[-1].text == ""
    tbl_pr = table._tbl.tblPr
    pos = tbl_pr.find(qn("w:tblpPr"))
    assert (pos.get(qn("w:vertAnchor")), pos.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    assert int(tbl_pr.find(qn("w:tblW")).get(qn("w:w"))) == round(156 / 25.4 * 1440)   # 版心 wide
    (cc,), (issuer,) = [row.cells[0].paragraphs for row in table.rows]
    assert cc.text == "抄送：淮安区信访局，车桥镇人民政府"
    assert issuer.text == "淮安市淮安区自然资源和规划局办公室\t2024年1月5日印发"
    assert cc.style.name == issuer.style.name == "GB Banji"
    rules = tbl_pr.find(qn("w:tblBorders"))
    assert rules.find(qn("w:top")).get(qn("w:sz")) == "8"          # thick first rule
    assert rules.find(qn("w:insideH")).get(qn("w:sz")) == "4"      # thin middle rule
    assert rules.find(qn("w:bottom")).get(qn("w:sz")) == "8"       # thick last rule
    assert rules.find(qn("w:left")).get(qn("w:val")) == "nil"
    assert len(issuer.paragraph_format.tab_stops) == 1


def test_signature_short_org():
    d = OfficialDocument()
    d.signature("某某局", "2024年1月5日", blank_lines=0)
    org, day = d.docx.paragraphs
    assert day.paragraph_format.right_indent.pt == pytest.approx(4 * 16)       # 右空四字
    assert org.paragraph_format.right_indent.pt == pytest.approx((4 + (6 - 3) / 2) * 16)


def test_banji_without_cc():
    d = OfficialDocument()
    d.banji(None, "某某局办公室", "2024年1月5日")
    (row,) = d.docx.tables[0].rows
    assert row.cells[0].text == "某某局办公室\t2024年1月5日印发"
    rules = d.docx.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert rules.find(qn("w:top")).get(qn("w:sz")) == rules.find(qn("w:bottom")).get(qn("w:sz")) == "8"


def _field_codes(footer):
    return "".join(t.text for t in footer._element.iter(qn("w:instrText")))


def test_even_odd_footers_with_page_fields(sample):
    doc, _ = sample
    assert doc.settings.odd_and_even_pages_header_footer
    sec = doc.sections[0]
    odd, even = sec.footer, sec.even_page_footer
    assert not odd.is_linked_to_previous and not even.is_linked_to_previous
    for footer, align in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert _field_codes(footer).strip() == "PAGE"
        kinds = [f.get(qn("w:fldCharType")) for f in footer._element.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        (par,) = footer.paragraphs
        assert par.alignment == align
        assert par.text == "— 1 —"          # cached result between 一字线
        for run in par.runs:
            assert_font(run._r, "宋体")
            assert run.font.size.pt == 14
    odd_ind = odd.paragraphs[0]._p.pPr.find(qn("w:ind"))
    even_ind = even.paragraphs[0]._p.pPr.find(qn("w:ind"))
    assert odd_ind.get(qn("w:rightChars")) == "100" and even_ind.get(qn("w:leftChars")) == "100"


def test_save_is_atomic_and_plain_mode(tmp_path):
    d = OfficialDocument()
    d.paragraph("第一版")
    target = tmp_path / "out.docx"
    d.save(target)
    d2 = OfficialDocument()
    d2.paragraph("第二版")
    d2.save(target)
    assert [p.text for p in docx.Document(str(target)).paragraphs] == ["第二版"]
    assert sorted(os.listdir(tmp_path)) == ["out.docx"]          # no temp file left
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~umask


def test_heading_level_checked():
    with pytest.raises(ValueError):
        OfficialDocument().heading(3, "一、")


def test_helpers():
    assert text_width_chars("2023年12月28日") == 7.0
    assert clean_text("a\x00b\x1fc\td\ne") == "abc\td\ne"
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 35)] == ["一", "九", "十", "十一", "二十", "三十五"]


# --- markup -------------------------------------------------------------------------------
MARKUP = """\
# 信访事项处理意见书
@number 淮安自然资规信〔2024〕12号
@to 张三：
您反映的问题收悉。

## 信访请求
### 第一项
### （五）已编号
## 二、已编号的标题
## 处理意见
\\# 不是标题
@right 附件：现场照片
@blank
@sign 淮安市淮安区自然资源和规划局|2024年2月20日
@banji 抄送：区信访局|区自然资源和规划局信访室|2024年2月20日
"""


def test_parse_markup():
    blocks = parse_markup(MARKUP)
    assert [(b.kind, b.text) for b in blocks[:10]] == [
        ("title", "信访事项处理意见书"), ("number", "淮安自然资规信〔2024〕12号"), ("to", "张三："),
        ("para", "您反映的问题收悉。"), ("heading1", "一、信访请求"), ("heading2", "（一）第一项"),
        ("heading2", "（五）已编号"), ("heading1", "二、已编号的标题"), ("heading1", "三、处理意见"),
        ("para", "# 不是标题")]
    assert blocks[10].kind == "right" and blocks[11].kind == "blank"
    assert blocks[12].parts == ("淮安市淮安区自然资源和规划局", "2024年2月20日")
    assert blocks[13].parts == ("抄送：区信访局", "区自然资源和规划局信访室", "2024年2月20日")


def test_inserted_values_never_become_markup():
    value = OPEN + "# 标题？\n@sign 甲|乙\n第二段" + CLOSE
    blocks = parse_markup(f"{value}\n@to {OPEN}张|三{CLOSE}：\n@sign 机关|{OPEN}2024|1{CLOSE}")
    assert [(b.kind, b.text) for b in blocks[:4]] == [
        ("para", "# 标题？"), ("para", "@sign 甲|乙"), ("para", "第二段"), ("to", "张|三：")]
    assert blocks[4].parts == ("机关", "2024|1")


def test_markup_errors():
    with pytest.raises(TemplateError, match=r"line 2: unknown directive @sig\b"):
        parse_markup("# 标题\n@sig 机关|日期", source="accept.txt")
    with pytest.raises(TemplateError, match="@sign needs 2 parts"):
        parse_markup("@sign 机关")


def test_markup_to_markdown_exact():
    assert markup_to_markdown(MARKUP) == (
        "# 信访事项处理意见书\n\n淮安自然资规信〔2024〕12号\n\n张三：\n\n您反映的问题收悉。\n\n"
        "## 一、信访请求\n\n### （一）第一项\n\n### （五）已编号\n\n## 二、已编号的标题\n\n"
        "## 三、处理意见\n\n\\# 不是标题\n\n附件：现场照片\n\n"
        "淮安市淮安区自然资源和规划局  \n2024年2月20日\n\n"
        "---\n\n抄送：区信访局  \n区自然资源和规划局信访室　2024年2月20日印发\n\n---\n")


def test_markup_to_document(tmp_path):
    d = markup_to_document(MARKUP)
    doc = docx.Document(str(d.save(tmp_path / "m.docx")))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[:5] == [("GB Title", "信访事项处理意见书"),
                          ("GB Doc Number", "淮安自然资规信〔2024〕12号"),
                          ("Normal", ""), ("GB Addressee", "张三："), ("Normal", "您反映的问题收悉。")]
    assert ("GB Heading 2", "（一）第一项") in styles and ("Normal", "# 不是标题") in styles
    right = next(p for p in doc.paragraphs if p.text == "附件：现场照片")
    assert right.alignment == WD_ALIGN_PARAGRAPH.RIGHT
