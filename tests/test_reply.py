"""The five notices: filled text, deadlines, redaction, templates, and the `xfnlp reply` CLI."""

import json
import sys
import types

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn

from xfnlp.cli import main
from xfnlp.cli.reply import KINDS as CLI_KINDS
from xfnlp.docs import KINDS
from xfnlp.docs.fields import fields_for
from xfnlp.docs.notices import draft_notice, reply
from xfnlp.errors import FieldsError, InputError, TemplateError
from xfnlp.profile import load_profile

TEXT = ("我叫张三，是车桥镇城南村三组村民，电话13812345678，身份证号320803198001011234。"
        "村里王某未经批准在基本农田上建厂房，占地约5亩。要求依法查处，恢复耕地。")


def span(text, piece, **extra):
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece, **extra}


def make_record(**over):
    r = {"id": "2023-0137", "source": "letters.xlsx:12", "text": TEXT,
         "category": "illegal_land_use", "category_zh": "违法占地", "domain": "涉土",
         "confidence": 0.93, "needs_review": False,
         "tags": [span(TEXT, "基本农田", label="耕地保护")], "flags": [],
         "townships": [span(TEXT, "车桥镇")], "villages": [span(TEXT, "城南村")],
         "petitioners": [span(TEXT, "张三")], "respondents": [span(TEXT, "王某")],
         "areas": [span(TEXT, "5亩", value=5.0)], "money": [], "dates": [],
         "phones": [span(TEXT, "13812345678")], "id_numbers": [span(TEXT, "320803198001011234")]}
    r.update(over)
    return r


BASE = {"收到日期": "2023-12-28", "成文日期": "2024-01-02"}
FIELDS = {
    "accept": {"受理日期": "2024-01-02", "序号": "5"},
    "reject": {"不予受理理由": "应当通过诉讼、仲裁、行政复议等法定途径解决"},
    "opinion": {"受理日期": "2024-01-02", "成文日期": "2024-02-20", "处理意见": "支持",
                "调查情况": "经现场核查，王某占用耕地建设厂房属实。\n我局已依法立案查处",
                "法律依据": "《中华人民共和国土地管理法》第七十七条"},
    "assign": {"成文日期": "2024-01-03"},
    "extend": {"受理日期": "2024-01-02", "成文日期": "2024-02-20",
               "延期理由": "该事项涉及土地权属历史资料调取，情况复杂。"},
}


def texts(path):
    """The body's paragraph texts in reading order (版记 table cells included), without the
    empty anchor paragraph that ends a document with a 版记."""
    from test_docs_layout import body_paragraphs

    out = [p.text for p in body_paragraphs(docx.Document(str(path)))]
    return out[:-1] if out and out[-1] == "" else out


def assert_gbt9704(path):
    """What every generated notice must satisfy when reopened."""
    doc = docx.Document(str(path))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.top_margin.mm) == 37
    assert sec._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (sec.footer, sec.even_page_footer):
        assert "PAGE" in "".join(t.text for t in footer._element.iter(qn("w:instrText")))
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and normal.line_spacing.pt == 28.95
    fonts = {"GB Title": "方正小标宋简体", "GB Heading 1": "黑体", "GB Heading 2": "楷体_GB2312"}
    for p in doc.paragraphs:
        for run in p.runs:
            rf = run._r.rPr.find(qn("w:rFonts"))
            assert rf.get(qn("w:eastAsia")) == fonts.get(p.style.name, "仿宋_GB2312")
            assert rf.get(qn("w:eastAsiaTheme")) is None
    return doc


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_builds_a_valid_docx(kind, tmp_path):
    notice = draft_notice(kind, make_record(), {**BASE, **FIELDS[kind]})
    path = notice.save(tmp_path / f"{kind}.docx")
    doc = assert_gbt9704(path)
    assert doc.paragraphs[0].text == {"accept": "信访事项受理告知书", "reject": "信访事项不予受理告知书",
                                      "opinion": "信访事项处理意见书", "assign": "信访事项交办单",
                                      "extend": "信访事项延期办理告知书"}[kind]
    body = "\n".join(texts(path))
    assert "淮安市淮安区自然资源和规划局" in body        # from the profile
    assert "车桥镇城南村违法占地问题" in body            # from the letter's tags
    assert "2023年12月28日" in body
    # the docx and the Markdown say the same words
    md = notice.to_markdown()
    for line in texts(path):
        if line.strip():
            assert line.split("\t")[0] in md


def test_accept(tmp_path):
    n = draft_notice("accept", make_record(), {**BASE, **FIELDS["accept"]})
    t = texts(n.save(tmp_path / "a.docx"))
    assert t[1] == "淮安自然资规信〔2024〕5号" and t[3] == "张三："
    body = "".join(t)
    assert "受理日期为2024年1月2日" in body
    assert "自受理之日起60日内（截至2024年3月2日）办结" in body     # 60 days from acceptance
    assert "延长期限不超过30日" in body
    assert "0517-85000000" in body and "查询时请提供本告知书文号" in body
    assert t[-2:] == ["淮安市淮安区自然资源和规划局", "2024年1月2日"]
    assert n.warnings == []


def test_accept_working_days_and_late_warning():
    n = draft_notice("accept", make_record(), {"收到日期": "2023-12-28", "受理日期": "2024-01-02",
                                               "成文日期": "2024-01-20"}, working_days=True)
    md = n.to_markdown()
    assert "自受理之日起60个工作日内（截至2024年3月29日）" in md
    assert "查询时请提供您的姓名和信访事项提出日期" in md          # no 文号 given
    # 15 working days from 2023-12-28 (1 January is a holiday) end on 2024-01-19
    assert n.warnings == ["the notice is dated 2024-01-20, after the 15-working-day limit from "
                          "receipt (2024-01-19)"]
    calendar = draft_notice("accept", make_record(), {"收到日期": "2023-12-28", "成文日期": "2024-01-13"})
    assert calendar.warnings == ["the notice is dated 2024-01-13, after the 15-day limit from "
                                 "receipt (2024-01-12)"]


def test_accept_defaults_acceptance_to_the_notice_date():
    n = draft_notice("accept", make_record(), {"收到日期": "2023-12-28", "成文日期": "2024-01-05"})
    assert "受理日期为2024年1月5日" in n.to_markdown() and "截至2024年3月5日" in n.to_markdown()


@pytest.mark.parametrize("ground, extra, expect", [
    ("应当通过诉讼、仲裁、行政复议等法定途径解决", {}, ["诉讼、仲裁、行政复议等法定途径", "向人民法院提起诉讼"]),
    ("已经受理或者正在办理", {"受理机关": "淮安区人民政府"}, ["已由淮安区人民政府受理", "向淮安区人民政府查询办理进度"]),
    ("不属于本机关职责范围", {"有权处理机关": "淮安区住房和城乡建设局"},
     ["不属于我局职责范围", "请您向淮安区住房和城乡建设局提出"]),
    ("复核终结", {}, ["已经复核终结", "不再受理"]),
])
def test_reject_grounds(ground, extra, expect):
    md = draft_notice("reject", make_record(), {**BASE, "不予受理理由": ground, **extra}).to_markdown()
    for piece in expect:
        assert piece in md
    assert "特此告知。" in md


def test_reject_outside_needs_competent_authority():
    with pytest.raises(FieldsError) as info:
        draft_notice("reject", make_record(), {**BASE, "不予受理理由": "职责外"})
    assert str(info.value).startswith("missing field(s) for reject: 有权处理机关 ")
    with pytest.raises(FieldsError, match="不予受理理由: '随便' is not one of"):
        draft_notice("reject", make_record(), {**BASE, "不予受理理由": "随便"})


@pytest.mark.parametrize("decision, expect", [
    ("支持", "符合《中华人民共和国土地管理法》第七十七条的规定，我局对您的信访请求予以支持。"),
    ("予以支持", "予以支持。"),
    ("不予支持", "我局对您的信访请求不予支持。"),
])
def test_opinion_decisions(decision, expect, tmp_path):
    n = draft_notice("opinion", make_record(), {**BASE, **FIELDS["opinion"], "处理意见": decision})
    t = texts(n.save(tmp_path / "o.docx"))
    body = "\n".join(t)
    assert expect in body
    assert "一、信访请求" in t and "二、调查核实情况" in t and "三、处理意见" in t
    assert "要求依法查处，恢复耕地。" in t                        # the request, from the letter
    assert "经现场核查，王某占用耕地建设厂房属实。" in t and "我局已依法立案查处。" in t
    assert ("可以自收到本意见书之日起30日内，向淮安市自然资源和规划局书面提出复查请求" in body)
    assert "13812345678" not in body


def test_opinion_explanation_needs_its_text():
    fields = {**BASE, **FIELDS["opinion"], "处理意见": "解释说明"}
    with pytest.raises(FieldsError, match=r"^missing field\(s\) for opinion: 处理说明 "):
        draft_notice("opinion", make_record(), fields)
    md = draft_notice("opinion", make_record(), {**fields, "处理说明": "该地块已纳入整治计划"}).to_markdown()
    assert "现作如下解释说明：\n\n该地块已纳入整治计划。" in md


def test_assign_redacts_and_counts_local_limits(tmp_path):
    n = draft_notice("assign", make_record(), {**BASE, **FIELDS["assign"]})
    t = texts(n.save(tmp_path / "j.docx"))
    body = "\n".join(t)
    assert t[2] == "车桥镇人民政府："                               # township from the letter
    assert "13812345678" not in body and "320803198001011234" not in body
    assert "电话[电话]，身份证号[身份证号]。" in body
    assert "张三" in body                                          # names are kept
    assert "信访件编号：2023-0137" in body
    assert "自交办之日起5日内答复信访人，并于2024年1月8日前" in body  # 一般事项: 5 days
    # 版记 without 抄送: only the 印发 line, between two thick rules
    assert t[-1] == "淮安市淮安区自然资源和规划局信访室\t2024年1月3日印发"
    assert t[-2] == "2024年1月3日"
    major = draft_notice("assign", make_record(), {**BASE, **FIELDS["assign"], "事项类别": "重大",
                                                   "承办单位": "执法监察大队"}).to_markdown()
    assert "执法监察大队：" in major and "20日内办结，并于2024年1月23日前" in major


def test_assign_masks_numbers_even_without_spans_and_warns_on_officials():
    rec = make_record(phones=[], id_numbers=[],
                      text=TEXT + "另电话0517-88881234。",
                      tags=[{"label": "涉及干部", "start": 0, "end": 2, "text": "我叫"}],
                      flags=[{"label": "越级访风险", "start": 0, "end": 1, "text": "我"},
                             {"label": "匿名", "start": 0, "end": 0, "text": ""}])
    n = draft_notice("assign", rec, {**BASE, **FIELDS["assign"]})
    md = n.to_markdown()
    assert "13812345678" not in md and "320803198001011234" not in md and "88881234" not in md
    assert "存在越级访风险等情形" in md and "匿名" not in md
    assert any("涉及干部" in w for w in n.warnings)


def test_assign_uses_external_redactor_when_present(monkeypatch):
    calls = []

    def redact_text(text, names=True):
        calls.append(names)
        return text.replace("王某", "[被反映人]")

    monkeypatch.setitem(sys.modules, "xfnlp.redact", types.SimpleNamespace(redact_text=redact_text))
    md = draft_notice("assign", make_record(), {**BASE, **FIELDS["assign"]}).to_markdown()
    assert calls and calls[0] is False and "[被反映人]" in md and "13812345678" not in md


def test_spans_with_stale_offsets_still_mask_the_number():
    rec = make_record(phones=[{"start": 0, "end": 11, "text": "13812345678"}])
    md = draft_notice("assign", rec, {**BASE, **FIELDS["assign"]}).to_markdown()
    assert "13812345678" not in md and md.count("我叫张三") == 1


def test_extend(tmp_path):
    n = draft_notice("extend", make_record(), {**BASE, **FIELDS["extend"]})
    body = "".join(texts(n.save(tmp_path / "e.docx")))
    assert "我局已于2024年1月2日依法受理，原定办结期限为2024年3月2日" in body
    assert "因该事项涉及土地权属历史资料调取，情况复杂，该事项难以" in body
    assert "办理期限延长30日，延长后的办结期限为2024年4月1日" in body
    short = draft_notice("extend", make_record(), {**BASE, **FIELDS["extend"], "延长天数": "15"})
    assert "延长15日，延长后的办结期限为2024年3月17日" in short.to_markdown()
    with pytest.raises(FieldsError, match="延长天数: 45"):
        draft_notice("extend", make_record(), {**BASE, **FIELDS["extend"], "延长天数": 45})
    late = draft_notice("extend", make_record(), {**BASE, **FIELDS["extend"], "成文日期": "2024-03-05"})
    assert late.warnings and "after the original deadline 2024-03-02" in late.warnings[0]


def test_fields_only_without_a_letter():
    n = draft_notice("accept", None, {**BASE, "信访人": "李四", "信访事项": "宅基地确权问题"})
    assert "李四：" in n.to_markdown() and "反映宅基地确权问题的" in n.to_markdown()
    with pytest.raises(FieldsError) as info:
        draft_notice("accept", None, {})
    assert str(info.value) == ("missing field(s) for accept: 收到日期, 信访人, 信访事项 "
                               "(give them with --set 字段=值 or --fields-file)")


def test_bad_values_and_dates():
    with pytest.raises(FieldsError, match="unknown field"):
        draft_notice("accept", make_record(), {**BASE, "信方人": "张三"})
    with pytest.raises(FieldsError, match="受理日期 2023-12-01 is before 收到日期 2023-12-28"):
        draft_notice("accept", make_record(), {**BASE, "受理日期": "2023-12-01"})
    with pytest.raises(FieldsError, match="成文日期 2023-12-01 is before 收到日期"):
        draft_notice("extend", make_record(), {**BASE, **FIELDS["extend"], "成文日期": "2023-12-01"})
    # fields of another kind are tolerated (one fields file for several notices)
    draft_notice("accept", make_record(), {**BASE, "延期理由": "无关"})


def test_hostile_text_gives_valid_document(tmp_path):
    fields = {**BASE, **FIELDS["opinion"],
              "调查情况": "A&B <b>粗体</b> \x07响铃\x0b\n# 不是标题\n@sign 假|署名\n{{ 机关 }}"}
    n = draft_notice("opinion", make_record(), fields)
    t = texts(n.save(tmp_path / "h.docx"))
    assert "A&B <b>粗体</b> 响铃" in t and "# 不是标题" in t and "@sign 假|署名" in t
    assert "{{ 机关 }}。" in t                                   # values are not re-rendered


# --- templates ------------------------------------------------------------------------------
def test_office_templates_override_one_kind(tmp_path):
    (tmp_path / "accept.txt").write_text(
        "# 受理通知\n@to {{ 信访人 }}：\n已受理，{{ 办结期限 }}前办结。\n@sign {{ 机关 }}|{{ 成文日期 }}\n",
        encoding="utf-8")
    md = draft_notice("accept", make_record(), {**BASE}, templates_dir=tmp_path).to_markdown()
    assert md.startswith("# 受理通知\n\n张三：\n\n已受理，2024年3月2日前办结。")
    # kinds the office did not override still come from the package
    assert "信访事项延期办理告知书" in draft_notice(
        "extend", make_record(), {**BASE, **FIELDS["extend"]}, templates_dir=tmp_path).to_markdown()


@pytest.mark.parametrize("source, message", [
    ("# 标题\n{{ 信访人姓名 }}\n", "'信访人姓名' is undefined"),
    ("{% if %}\n", "accept.txt: line 1:"),
    ("{{ 信访人.__class__.__mro__ }}\n", "accept.txt: not allowed in a template"),
    ("@sig 机关\n", "unknown directive @sig"),
])
def test_broken_or_unsafe_templates(tmp_path, source, message):
    (tmp_path / "accept.txt").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        draft_notice("accept", make_record(), BASE, templates_dir=tmp_path).to_markdown()
    assert message in str(info.value) and "\n" not in str(info.value)


# --- the reply() function and the CLI -------------------------------------------------------
@pytest.fixture()
def letter_file(tmp_path):
    p = tmp_path / "rec.jsonl"
    p.write_text(json.dumps(make_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def run(*args):
    return CliRunner().invoke(main, ["reply", *args], catch_exceptions=False)


def test_cli_kinds_match_library():
    assert CLI_KINDS == KINDS


def test_cli_fields_exact():
    r = run("accept", "--fields")
    assert r.exit_code == 0
    assert r.output == ('{"required": ["收到日期"], "optional": ["受理日期", "信访人", "信访事项", '
                        '"成文日期", "序号", "发文字号", "联系人", "联系电话"]}\n')
    r = run("opinion", "--fields")
    assert json.loads(r.output) == fields_for("opinion")
    assert json.loads(r.output)["required"] == ["收到日期", "受理日期", "调查情况", "处理意见", "法律依据"]


def test_cli_missing_fields_one_line_no_file(letter_file, tmp_path):
    out = tmp_path / "o.docx"
    r = run("opinion", str(letter_file), "-o", str(out), "--set", "收到日期=2023-12-28")
    assert r.exit_code == 1
    assert r.output == ("Error: missing field(s) for opinion: 受理日期, 调查情况, 处理意见, 法律依据 "
                        "(give them with --set 字段=值 or --fields-file)\n")
    assert not out.exists()


def test_cli_writes_docx(letter_file, tmp_path):
    out = tmp_path / "受理告知书.docx"
    r = run("accept", str(letter_file), "-o", str(out), "--set", "收到日期=2023-12-28",
            "--set", "受理日期=2024年1月2日", "--set", "成文日期=2024-01-02")
    assert r.exit_code == 0, r.output
    assert r.output == f"{out}\n"
    assert_gbt9704(out)
    assert "张三：" in texts(out)


def test_cli_markdown_and_fields_files(letter_file, tmp_path):
    toml = tmp_path / "f.toml"
    toml.write_text('"收到日期" = 2023-12-28\n"受理日期" = "2024-01-02"\n"成文日期" = "2024-02-20"\n'
                    '"延期理由" = "情况复杂"\n', encoding="utf-8")
    r = run("extend", str(letter_file), "--format", "md", "--fields-file", str(toml))
    assert r.exit_code == 0, r.output
    assert r.output.startswith("# 信访事项延期办理告知书\n\n张三：\n\n")
    assert "延长后的办结期限为2024年4月1日" in r.output
    js = tmp_path / "f.json"
    js.write_text(json.dumps({"收到日期": "2023-12-28", "受理日期": "2024-01-02",
                              "延期理由": "情况复杂"}, ensure_ascii=False), encoding="utf-8")
    # --set wins over the file
    r = run("extend", str(letter_file), "--format", "md", "--fields-file", str(js),
            "--set", "延长天数=10", "--set", "成文日期=2024-02-20")
    assert "延长10日，延长后的办结期限为2024年3月12日" in r.output
    bad = tmp_path / "bad.toml"
    bad.write_text("收到日期 = 2023-12-28\n", encoding="utf-8")
    r = run("extend", str(letter_file), "--format", "md", "--fields-file", str(bad))
    assert r.exit_code == 1 and 'quote Chinese keys' in r.output and r.output.count("\n") == 1


def test_cli_refuses_to_overwrite_input(letter_file):
    before = letter_file.read_bytes()
    r = run("accept", str(letter_file), "-o", str(letter_file), "--set", "收到日期=2023-12-28")
    assert r.exit_code == 1 and "refusing to overwrite the input file" in r.output
    assert letter_file.read_bytes() == before


def test_cli_jsonl_with_several_records(tmp_path):
    p = tmp_path / "many.jsonl"
    other = make_record(id="2023-0200", petitioners=[span(TEXT, "王某")])
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (make_record(), other)),
                 encoding="utf-8")
    r = run("accept", str(p), "--format", "md", "--set", "收到日期=2023-12-28")
    assert r.exit_code == 1 and r.output == f"Error: {p}: holds 2 records; choose one with --id\n"
    r = run("accept", str(p), "--id", "2023-0200", "--format", "md", "--set", "收到日期=2023-12-28")
    assert r.exit_code == 0 and "\n王某：\n" in r.output


def test_cli_docx_needs_output(letter_file):
    r = run("accept", str(letter_file), "--set", "收到日期=2023-12-28")
    assert r.exit_code == 1 and "-o FILE.docx" in r.output


def test_cli_working_days_and_warnings(letter_file):
    r = CliRunner().invoke(main, ["reply", "accept", str(letter_file), "--format", "md",
                                  "--working-days", "--set", "收到日期=2023-12-28",
                                  "--set", "受理日期=2024-01-02", "--set", "成文日期=2024-01-20"])
    assert r.exit_code == 0
    assert "60个工作日内（截至2024年3月29日）" in r.stdout
    assert "Warning: the notice is dated 2024-01-20" in r.stderr


def test_letter_file_without_pipeline_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "xfnlp.pipeline", None)      # import fails as if absent
    letter = tmp_path / "来信.txt"
    letter.write_text(TEXT, encoding="utf-8")
    r = run("accept", str(letter), "--format", "md", "--set", "收到日期=2023-12-28")
    assert r.exit_code == 1 and "xfnlp.pipeline.analyze_record" in r.output
    assert r.output.count("\n") == 1


def test_letter_file_tagged_on_the_fly_with_a_stub(tmp_path, monkeypatch):
    seen = []

    def analyze_record(text):
        seen.append(text)
        return make_record(text=text)

    monkeypatch.setitem(sys.modules, "xfnlp.pipeline", types.SimpleNamespace(analyze_record=analyze_record))
    letter = tmp_path / "来信.txt"
    letter.write_bytes(TEXT.encode("gb18030"))                     # GBK letters are common
    r = run("assign", str(letter), "--format", "md", "--set", "收到日期=2023-12-28",
            "--set", "成文日期=2024-01-03")
    assert r.exit_code == 0, r.output
    assert seen == [TEXT] and "车桥镇人民政府：" in r.output and "13812345678" not in r.output


def test_letter_file_tagged_by_the_real_pipeline(tmp_path):
    pipeline = pytest.importorskip("xfnlp.pipeline")
    if not hasattr(pipeline, "analyze_record"):
        pytest.skip("xfnlp.pipeline.analyze_record not written yet")
    letter = tmp_path / "来信.txt"
    letter.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "交办单.docx"
    notice = reply("assign", letter, output=out, fields={"收到日期": "2023-12-28",
                                                         "承办单位": "车桥镇人民政府",
                                                         "信访事项": "违法占地问题"})
    assert notice.output == out
    body = "".join(texts(out))
    assert "13812345678" not in body and "320803198001011234" not in body


def test_profile_option(letter_file, tmp_path):
    prof = tmp_path / "county.toml"
    prof.write_text('[office]\nname = "示例县自然资源局"\nhigher_authority = "示例市自然资源局"\n'
                    '[limits]\nhandle_days = 45\n', encoding="utf-8")
    r = run("opinion", str(letter_file), "--format", "md", "--profile", str(prof),
            "--set", "收到日期=2023-12-28", "--set", "受理日期=2024-01-02", "--set", "处理意见=不予支持",
            "--set", "调查情况=查无实据", "--set", "法律依据=《土地管理法》")
    assert r.exit_code == 0, r.output
    assert "向示例市自然资源局书面提出复查请求" in r.output and "示例县自然资源局  \n" in r.output
    r = run("accept", str(letter_file), "--format", "md", "--profile", str(prof),
            "--set", "收到日期=2023-12-28", "--set", "受理日期=2024-01-02")
    assert "45日内（截至2024年2月16日）" in r.output
    assert load_profile().office.name == "淮安市淮安区自然资源和规划局"


def test_unusable_inputs(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "9", "text": "", "error": "empty letter"}', encoding="utf-8")
    r = run("accept", str(broken), "--format", "md", "--set", "收到日期=2023-12-28")
    assert r.output == f"Error: {broken}: the letter could not be analysed (empty letter)\n"
    notjson = tmp_path / "x.jsonl"
    notjson.write_text("{not json\n", encoding="utf-8")
    r = run("accept", str(notjson), "--format", "md")
    assert r.exit_code == 1 and r.output.startswith(f"Error: {notjson}: not valid JSON")
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        reply("accept", None, fmt="pdf")
    with pytest.raises(InputError, match="does not exist"):
        reply("accept", None, output=tmp_path / "no" / "a.docx", fields=BASE)


def test_profile_numbers_each_kind_in_its_own_series_and_names_the_contact():
    from xfnlp.errors import ProfileError
    from xfnlp.profile import parse_profile

    prof = parse_profile({"office": {"name": "示例县自然资源局", "doc_prefix": "示自然资信",
                                     "doc_prefixes": {"accept": "示自然资信受"},
                                     "phone": "0517-85000000", "contact": "李明"}})
    accept = draft_notice("accept", make_record(), {**BASE, **FIELDS["accept"]},
                          profile=prof).to_markdown()
    assert "示自然资信受〔2024〕5号" in accept
    assert "拨打电话0517-85000000（联系人：李明）" in accept
    given = draft_notice("accept", make_record(), {**BASE, **FIELDS["accept"], "联系人": "王芳"},
                         profile=prof).to_markdown()
    assert "（联系人：王芳）" in given and "李明" not in given
    extend = draft_notice("extend", make_record(), {**BASE, **FIELDS["extend"], "序号": "9"},
                          profile=prof).to_markdown()
    assert "示自然资信〔2024〕9号" in extend                     # no series of its own
    with pytest.raises(ProfileError, match=r"doc_prefixes.*unknown notice kind 'acept'"):
        parse_profile({"office": {"doc_prefixes": {"acept": "X"}}}, "county.toml")
