"""Redaction: no phone, ID or masked name survives; every other character stays as it was."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from xfnlp.redact import redact_text

LETTER = ("尊敬的领导：\r\n我叫王顺河，住流均镇大沟村六组，电话１３９０５１７１２３４，"
          "座机0517-85912345，身份证号320826197508160923（错号320826197508160924）。\r\n"
          "顺河家的地被占了，请领导做主。\r\n王顺河\r\n２０２４年１月５日")


def _skeleton(text, masks):
    for m in masks:
        text = text.replace(m, "\0")
    return text


def test_phones_and_ids_masked_rest_byte_identical():
    out = redact_text(LETTER)
    assert "１３９０５１７１２３４" not in out and "0517-85912345" not in out
    assert "320826197508160923" not in out
    assert "320826197508160924" in out          # a wrong ID is not an ID
    assert out.count("[电话]") == 2 and out.count("[身份证号]") == 1
    # Everything else: same characters, same line ends, same full-width date.
    rest = re.split(r"\[电话\]|\[身份证号\]", out)
    pos = 0
    for piece in rest:
        i = LETTER.index(piece, pos)
        pos = i + len(piece)
    assert "\r\n" in out and "２０２４年１月５日" in out


def test_names_masked_everywhere_including_given_name():
    out = redact_text(LETTER, names=True)
    assert "王顺河" not in out and "顺河" not in out
    assert out.count("王某") == 3          # 顺河 alone is the same person
    assert "流均镇大沟村六组" in out


def test_explicit_names():
    assert redact_text("欧阳红梅说，红梅家", names=["欧阳红梅"]) == "欧阳某说，欧阳某家"


@pytest.mark.parametrize("text", ["", "没有号码的一封信。", "12345热线"])
def test_nothing_to_redact(text):
    assert redact_text(text, names=True) == text


def test_cli_redact_and_extract(tmp_path):
    from xfnlp.cli import main

    f = tmp_path / "a.txt"
    f.write_text("我叫王顺河，电话13905171234\n王顺河\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["redact", "--names", str(f)])
    assert r.exit_code == 0, r.output
    assert "13905171234" not in r.output and "王顺河" not in r.output and "[电话]" in r.output
    r = CliRunner().invoke(main, ["extract", str(f)])
    assert r.exit_code == 0, r.output
    assert '"phones": [{"start": 8, "end": 19, "text": "13905171234"' in r.output
