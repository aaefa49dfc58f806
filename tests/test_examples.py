"""The bundled example year: the README's main job works on it end to end."""

from __future__ import annotations

from click.testing import CliRunner
from openpyxl import load_workbook

from xfnlp.cli import main

from conftest import REPO

EX = REPO / "examples"


def test_the_example_year_end_to_end(tmp_path):
    run = lambda *a: CliRunner().invoke(main, [str(x) for x in a])  # noqa: E731
    r = run("tag", EX / "ledger_2023.xlsx", "-o", tmp_path / "tagged.xlsx", "--as-of", "2023-12-31")
    assert r.exit_code == 0, r.output
    wb = load_workbook(tmp_path / "tagged.xlsx")
    bad = sorted(row[0] for row in wb["行错误"].iter_rows(min_row=2, values_only=True))
    assert bad == [25, 31, 106, 142, 178, 206]          # the six broken rows, and only them
    assert wb.worksheets[0].max_row == 223               # 2 title rows, header, all 220 rows
    r = run("reply", "accept", EX / "letters" / "01_letter_utf8.txt", "--set", "收到日期=2023-12-28",
            "--set", "成文日期=2024-01-05", "-o", tmp_path / "受理告知书.docx")
    assert r.exit_code == 0, r.output
    r = run("report", EX / "ledger_2023.xlsx", "--previous", EX / "ledger_2022.xlsx",
            "--as-of", "2023-12-31", "-o", tmp_path / "report.docx")
    assert r.exit_code == 0, r.output
    r = run("check", tmp_path / "report.docx")
    assert r.exit_code == 0 and r.output.endswith("OK, every total, breakdown and rate adds up\n")


def test_every_example_letter_reads_and_tags():
    r = CliRunner().invoke(main, ["tag", "--format", "jsonl", str(EX / "letters")])
    lines = r.stdout.splitlines()
    assert r.exit_code == 0 and len(lines) == 6 and all('"error": null' in l for l in lines)
