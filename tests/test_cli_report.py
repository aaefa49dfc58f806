"""`xfnlp report` and `xfnlp check` from the command line: exact output, exit codes."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from xfnlp.cli import main

from conftest import make_xlsx


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_check_reports_each_wrong_sum_and_exits_1(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("全年共受理信访20件（涉土15件，涉矿3件，其它1件）。办结率95.0%。\n", encoding="gbk")
    r = run("check", str(p))
    assert r.exit_code == 1
    assert r.output == f"{p}: 15+3+1 = 19, not 20\n    「全年共受理信访20件（涉土15件，涉矿3件，其它1件）。」\n"


def test_check_ok(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("全年共受理信访19件（涉土15件，涉矿3件，其它1件），比上年增加1件，上升5.6%。", encoding="utf-8")
    r = run("check", str(p))
    assert r.exit_code == 0
    assert r.output == f"{p}: OK, every total, breakdown and rate adds up\n"


def test_check_missing_file():
    r = run("check", "nope.txt")
    assert r.exit_code == 1 and r.output == "Error: nope.txt: cannot read (No such file or directory)\n"


def _ledger(tmp_path, name, year, n):
    rows = [["序号", "登记日期", "来源", "方式", "信访人", "乡镇", "反映问题", "办理状态"]]
    texts = ["邻居在承包田里建房占地", "砂场夜里偷采河砂", "村支书私自出租集体土地", "不动产权证办不下来"]
    for i in range(n):
        rows.append([i + 1, dt.date(year, 1 + i % 12, 1 + i % 27), ["本局", "12336", "省信访局"][i % 3],
                     ["来信", "来访"][i % 2], f"张{i}", ["车桥镇", "林集镇"][i % 2], texts[i % 4],
                     "已办结" if i % 5 else "办理中"])
    return make_xlsx(tmp_path / name, rows)


def test_report_docx_passes_check_and_md_has_the_sections(tmp_path):
    cur, prev = _ledger(tmp_path, "2023.xlsx", 2023, 40), _ledger(tmp_path, "2022.xlsx", 2022, 30)
    out = tmp_path / "report.docx"
    r = run("report", str(cur), "--previous", str(prev), "--as-of", "2023-12-31", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert r.output == f"report for 2023: 40 petitions, 6 overdue -> {out}\n"
    assert run("check", str(out)).exit_code == 0
    md = run("report", str(cur), "--previous", str(prev), "--as-of", "2023-12-31", "--format", "md")
    heads = [l for l in md.output.splitlines() if l.startswith("## ")]
    assert heads == ["## 一、总体情况", "## 二、信访特点", "## 三、典型案例", "## 四、主要做法",
                     "## 五、存在问题", "## 六、下一步打算"]
    assert "附：超期未办结信访事项清单" in md.output
    assert "全年共受理各类信访40件" in md.output and "比上年增加10件，上升33.3%" in md.output


def test_report_docx_needs_an_output(tmp_path):
    r = run("report", str(_ledger(tmp_path, "l.xlsx", 2023, 3)), "--format", "docx")
    assert r.exit_code == 1 and r.output == "Error: --format docx needs -o REPORT.docx\n"
