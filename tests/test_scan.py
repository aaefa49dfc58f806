"""The regex shortcuts of xfnlp/extract/_scan.py give exactly the matches of ``finditer``.

``scanner`` tries a pattern only where its parse tree says a match can start; these tests hold
it to the plain scan on every corpus text, on random strings over the patterns' own
characters, and on hand-written patterns of every construct the analysis walks through.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from xfnlp import flags
from xfnlp.extract._scan import first_class, scanner
from xfnlp.regex_cache import rx
from xfnlp.text import normalize

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _spans(it):
    return [(m.start(), m.end(), m.group()) for m in it]


def _corpus_texts():
    texts = []
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl"):
        for line in (CORPUS / name).read_text("utf-8").splitlines():
            if line.strip():
                texts.append(normalize(json.loads(line)["text"]))
    return texts


@pytest.fixture(scope="module")
def corpus_texts():
    return _corpus_texts()


@pytest.mark.parametrize("name", sorted(flags._patterns()))
def test_flag_patterns_scan_as_finditer(name, corpus_texts):
    pattern = flags._patterns()[name]
    find = scanner(pattern)
    for text in corpus_texts:
        assert _spans(find(text)) == _spans(pattern.finditer(text)), (name, text[:60])


CONSTRUCTS = [
    r"(?:村|社区)?(?:党支部)?(?:副)?书记",      # optional prefixes
    r"(?<=[给写])(?:市长|省长)(?:信箱|热线)",     # a look-behind first
    r"(?=[甲乙])[甲乙丙]{2}",                  # a look-ahead first
    r"(?!乙)[甲乙丙]丁",                       # a negative look-ahead first
    r"(?:甲|乙丙)*丁",                         # a repeat that may be empty
    r"(?:甲{2,3}|乙)+丙?",                     # a repeat that may not
    r"((?:甲|乙))丙",                          # a capturing group
    r"(?>甲|乙)丙",                            # an atomic group
    r"甲*?乙",                                 # a lazy repeat
    r"^甲|乙$",                                # anchors
]


@pytest.mark.parametrize("source", CONSTRUCTS)
def test_constructs_scan_as_finditer(source):
    try:
        pattern = rx(source)
    except re.error:
        pytest.skip("this Python has no such construct")
    find = scanner(pattern)
    rng = random.Random(source)
    for _ in range(400):
        text = "".join(rng.choice("甲乙丙丁戊，") for _ in range(rng.randrange(0, 14)))
        assert _spans(find(text)) == _spans(pattern.finditer(text)), (source, text)


def test_first_class_is_none_when_a_match_can_start_anywhere():
    assert first_class(rx(r".甲")) is None
    assert first_class(rx(r"[^甲]乙")) is None
    assert first_class(rx(r"甲?")) is None               # the empty match
    assert first_class(rx(r"甲", re.I)) is None          # case folding is not analysed


def test_first_class_covers_every_first_character():
    assert set(first_class(rx(r"(?:村|社区)?(?:书记|主任)")).pattern[1:-1]) == set("村社书主")
    assert first_class(rx(r"(?<!第)\d+元")).pattern == r"[\d]"


def test_scanner_keeps_the_plain_scan_where_re_already_skips_ahead():
    literal = rx(r"书记|主任")
    assert scanner(literal) == literal.finditer
