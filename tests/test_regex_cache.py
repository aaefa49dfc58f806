"""The cross-process regex cache: same patterns as re.compile, from a fresh, saved or damaged cache."""

from __future__ import annotations

import re

import pytest

from xfnlp import regex_cache

PATTERNS = [
    (r"(?P<town>[\u4e00-\u9fff]{2,4}?)(?:镇|乡|街道)", 0),
    (r"^(?:信访人|举报人)[:：]\s*(?P<name>\S{2,4})$", re.M),
    (r"(?<![\d.])(\d+(?:\.\d+)?)\s*(亩|平方米|㎡)", 0),
    (r"abc|ABC(?=x)", re.I),
    (r"(?:不会|没有)[^，。]{0,3}$", 0),
]
TEXTS = ["家住车桥镇新桥村，举报人：王某某\n信访人：李建国", "占地2.5亩，另有120平方米和30㎡",
         "ABCx abc Abc", "我们不会去北京", ""]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    path = tmp_path / "regex.marshal"
    monkeypatch.setattr(regex_cache, "cache_path", lambda: str(path))
    monkeypatch.setattr(regex_cache, "_store", None)
    monkeypatch.setattr(regex_cache, "_added", 0)
    monkeypatch.setattr(regex_cache, "_compiled", {})
    return path


def _same(a: re.Pattern, b: re.Pattern):
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for t in TEXTS:
        assert [m.span() + m.groups() for m in a.finditer(t)] == \
               [m.span() + m.groups() for m in b.finditer(t)]


@pytest.mark.skipif(not regex_cache._enabled, reason="this Python compiles patterns normally")
def test_cached_programs_match_exactly_like_re_compile(fresh_cache, monkeypatch):
    first = [regex_cache.rx(p, f) for p, f in PATTERNS]
    regex_cache.save()
    assert fresh_cache.stat().st_size > 0
    assert [regex_cache.rx(p, f) for p, f in PATTERNS] == first   # same objects in-process
    assert all(a is b for a, b in zip(first, [regex_cache.rx(p, f) for p, f in PATTERNS]))
    monkeypatch.setattr(regex_cache, "_store", None)        # as in the next process
    monkeypatch.setattr(regex_cache, "_compiled", {})
    monkeypatch.setattr(regex_cache, "_program", lambda *a: pytest.fail("recompiled"))
    again = [regex_cache.rx(p, f) for p, f in PATTERNS]
    for (p, f), a, b in zip(PATTERNS, first, again):
        _same(a, re.compile(p, f))
        _same(b, re.compile(p, f))


def test_a_damaged_cache_only_costs_a_recompile(fresh_cache):
    fresh_cache.write_bytes(b"\x00garbage" * 10)
    for p, f in PATTERNS:
        _same(regex_cache.rx(p, f), re.compile(p, f))


@pytest.mark.skipif(not regex_cache._enabled, reason="this Python compiles patterns normally")
def test_a_wrong_program_in_the_cache_is_refused_by_the_engine(fresh_cache, monkeypatch):
    regex_cache.rx(PATTERNS[0][0])
    key = (PATTERNS[0][0], 0)
    flags, code, groups, gi, ig = regex_cache._store[key]
    regex_cache._store[key] = (flags, code[: len(code) // 8 * 4], groups, gi, ig)   # truncated
    regex_cache._compiled.clear()                                                    # next process
    _same(regex_cache.rx(PATTERNS[0][0]), re.compile(PATTERNS[0][0]))


def test_bad_patterns_raise_as_re_does(fresh_cache):
    with pytest.raises(re.error):
        regex_cache.rx(r"(?P<x>")


@pytest.mark.skipif(not regex_cache._enabled, reason="this Python compiles patterns normally")
def test_a_cache_grown_past_its_limit_keeps_what_is_used(fresh_cache, monkeypatch):
    import marshal

    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(regex_cache, "_used", set())
    for i in range(5):                       # entries of an older version, never asked for now
        regex_cache.rx(f"旧{i}")
    monkeypatch.setattr(regex_cache, "_used", set())
    regex_cache.rx(PATTERNS[0][0])
    regex_cache.save()
    kept = marshal.loads(fresh_cache.read_bytes())
    assert list(kept) == [(PATTERNS[0][0], 0)]
