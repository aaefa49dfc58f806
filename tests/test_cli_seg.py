"""`xfnlp seg` and the group: exact output, one-line errors, exit codes."""

from click.testing import CliRunner

from xfnlp import __version__
from xfnlp.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.output == f"xfnlp, version {__version__}\n"


def test_seg_stdin_exact_output():
    r = run("seg", input="舉報違法佔地，征地补偿款未到位".encode("gb18030"))
    assert r.exit_code == 0
    assert r.output == "举报 违法占地 ， 征地补偿款 未 到位\n"


def test_seg_pos_and_separator():
    r = run("seg", "--pos", "--sep", "|", input="举报违法占地")
    assert r.output == "举报/v|违法占地/l\n"


def test_seg_profile_names_stay_whole(tmp_path):
    prof = tmp_path / "p.toml"
    prof.write_text('[[townships]]\nname = "桐木垸乡"\naliases = ["桐木垸"]\n'
                    'villages = ["席桥村"]\n', encoding="utf-8")
    r = run("seg", "--profile", str(prof), input="他在桐木垸那边的席桥村有地")
    assert r.output == "他 在 桐木垸 那边 的 席桥村 有 地\n"


def test_seg_each_input_kind(files):
    r = run("seg", str(files / "gbk.txt"), str(files / "utf16.txt"), str(files / "ledger.xlsx"),
            str(files / "letter.docx"))
    lines = r.output.splitlines()
    assert r.exit_code == 0 and len(lines) == 5
    assert lines[0] == lines[1] and "违法占地" in lines[0].split()
    assert lines[2] == "邻居 违法占地 建房"
    assert lines[4].startswith("来信 摘录 信访人 刘长福 反映 问题")


def test_single_missing_file_is_one_line_and_nonzero():
    r = run("seg", "nope.txt")
    assert r.exit_code == 1
    assert r.output == "Error: nope.txt: no such file\n"


def test_batch_with_bad_inputs_goes_on(files, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("seg", str(files / "utf8.txt"), str(tmp_path / "empty.txt"), str(files / "gbk.txt"))
    assert r.exit_code == 1
    out = r.output.splitlines()
    assert out[1] == f"Error: {tmp_path / 'empty.txt'}: empty file"
    assert out[0] == out[2] and "Traceback" not in r.output


def test_ledger_without_text_column(tmp_path):
    from conftest import make_xlsx

    p = make_xlsx(tmp_path / "x.xlsx", [["序号", "日期"], [1, "2023-01-01"]])
    r = run("seg", str(p))
    assert r.exit_code == 1
    assert r.output.startswith(f"Error: {p}: no text column (looked for 信访内容、")
    assert r.output.count("\n") == 1
