"""Normalization: each step as text in, text out."""

import pytest

from xfnlp.text import (fullwidth_to_halfwidth, normalize, strip_boilerplate, to_simplified,
                        unify_whitespace)


@pytest.mark.parametrize("raw, want", [
    ("１２３亩", "123亩"),
    ("２．５亩，ＡＢＣ＠ｑｑ．ｃｏｍ", "2.5亩，ABC@qq.com"),
    ("你好！（附件）：请回复？", "你好！（附件）：请回复？"),     # Chinese punctuation stays
])
def test_fullwidth(raw, want):
    assert fullwidth_to_halfwidth(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("违法\u200b占地", "违法占地"),
    ("a\u3000\u3000b\u00a0c", "a b c"),
    ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
    ("\ufeff开头", "开头"),
])
def test_whitespace(raw, want):
    assert unify_whitespace(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("國土資源局違法佔地", "国土资源局违法占地"),
    ("徵地補償款", "征地补偿款"),
    ("已经是简体", "已经是简体"),
])
def test_traditional_to_simplified(raw, want):
    assert to_simplified(raw) == want


def test_boilerplate_lines_go_content_stays():
    raw = "正文第一段。\n领导讲话记录整理五步法 领导在现场…[详细]\n婚宴操办策划书 …[详细]\n正文第二段[详细]说明。"
    assert strip_boilerplate(raw) == "正文第一段。\n正文第二段[详细]说明。"


def test_normalize_never_drops_content():
    raw = "舉報：林集鎮１２畝耕地被佔！\u200b電話１３９０５１７１２３４"
    out = normalize(raw)
    assert out == "举报：林集镇12亩耕地被占！电话13905171234"
    # Same number of content characters (nothing lost, only forms changed).
    assert len(out) == len(raw.replace("\u200b", ""))


def test_fast_paths_change_nothing():
    """The pre-checks that skip work must never skip work that was needed: compare with the
    plain definition of each step on random strings rich in the characters that matter."""
    import random
    import re

    from xfnlp.text import _FW_TABLE, _SPACES, _ZERO_WIDTH, fullwidth_to_halfwidth, unify_whitespace

    def ws_reference(t):
        t = t.replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH).translate(_SPACES)
        return re.sub(r" +\n", "\n", re.sub(r" {2,}", " ", t)).rstrip(" ")

    rng = random.Random(7)
    alphabet = (list("占地村镇，。：“”！（）\n\r ab12") + [chr(c) for c in _ZERO_WIDTH]
                + [chr(c) for c in _SPACES] + [chr(c) for c in list(_FW_TABLE)[::7]] + ["！", "："])
    for _ in range(3000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert unify_whitespace(t) == ws_reference(t), repr(t)
        assert fullwidth_to_halfwidth(t) == t.translate(_FW_TABLE), repr(t)
