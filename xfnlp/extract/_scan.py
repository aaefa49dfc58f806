"""Running a costly regex only where it can match, with exactly the matches of ``finditer``.

Python's ``re`` skips quickly through text only when a pattern begins with a literal or one
character class. A pattern that begins with a look-behind, an optional part or a group of
alternatives is instead started at every position of the letter, and where it partly matches
("一" of 一直 for a number, "村" for a title) it backtracks for a microsecond or more. The helpers
here try such a pattern only at the positions where a match can start, in order, with
``pattern.match`` (look-behinds still see the whole text), so they give the same matches as
``pattern.finditer(text)``; the caller states, next to the pattern, why no match can start
elsewhere.

>>> import re
>>> money = rx(r"(?<!第)\\d+元")
>>> [m.group() for m in finditer_anchored(money, anchor_gate("元", ""), "", "第5元, 12元, 3元")]
['12元', '3元']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..regex_cache import rx


def anchor_gate(anchors: str, run: str) -> re.Pattern:
    """The anchors of :func:`finditer_anchored`: a character of ``anchors`` after one of ``run``.

    A class first, so that re skips ahead to the anchors; the look-behind drops the anchors
    that no run of ``run`` characters (or digits) comes before.
    """
    run_class = "[" + re.escape(run) + r"\d]"
    return rx("[" + re.escape(anchors) + "](?<=" + run_class + ".)", re.S)


def finditer_anchored(pattern: re.Pattern, gate: re.Pattern, run: str,
                      text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only in the run of characters before an anchor.

    ``gate`` is ``anchor_gate(anchors, run)``. The caller guarantees that every match of
    ``pattern`` starts before an anchor character with only characters of ``run`` (or decimal
    digits, what ``\\d`` matches) from its start up to that anchor: "2.5亩" is found from the
    anchor 亩 back over the run "2.5". ``pattern`` must not match the empty string.
    """
    pos = 0        # no match may start before the end of the last one
    tried = 0      # every position before this one has been tried
    match = pattern.match
    for a in gate.finditer(text):
        u = a.start()
        p = u
        while p > tried and (text[p - 1] in run or text[p - 1].isdecimal()):
            p -= 1
        if p < pos:
            p = pos
        while p < u:
            m = match(text, p)
            if m is None:
                p += 1
            else:
                yield m
                p = pos = m.end()
        if p > tried:
            tried = p


def finditer_from(pattern: re.Pattern, starts: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only where ``starts`` finds a character.

    ``starts`` is one character class holding the first character of every possible match.
    ``pattern`` must not match the empty string.
    """
    pos = 0
    match = pattern.match
    for c in starts.finditer(text):
        p = c.start()
        if p >= pos:
            m = match(text, p)
            if m is not None:
                yield m
                pos = m.end()


# --------------------------------------------------------------------- where a match can start

try:                                         # Python 3.11+
    from re import _constants as _C, _parser as _P
except ImportError:                          # Python 3.10
    import sre_constants as _C               # type: ignore[no-redef]
    import sre_parse as _P                   # type: ignore[no-redef]

_CATEGORY_CLASS = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_WORD: r"\w"}


class _Open(Exception):
    """The pattern may start with any character (or match the empty string)."""


def _first(items, out: list) -> bool:
    """Add to ``out`` the characters (one each) and class pieces (ranges, \\d) a match of
    ``items`` can start with;
    True when ``items`` can match the empty string (the caller then looks further)."""
    for op, av in items:
        if op is _C.LITERAL:
            out.append(chr(av))
            return False
        if op is _C.IN:
            for iop, iav in av:
                if iop is _C.LITERAL:
                    out.append(chr(iav))
                elif iop is _C.RANGE:
                    out.append(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iop is _C.CATEGORY and iav in _CATEGORY_CLASS:
                    out.append(_CATEGORY_CLASS[iav])
                else:                        # a negated class, \S, \W …
                    raise _Open
            return False
        if op is _C.BRANCH:
            empty = False
            for alt in av[1]:
                empty |= _first(alt, out)
            if not empty:
                return False
        elif op is _C.SUBPATTERN:
            if not _first(av[-1], out):
                return False
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
            lo, _hi, sub = av
            if not _first(sub, out) and lo > 0:
                return False
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            if not _first(av, out):
                return False
        elif op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue                         # zero-width: the match starts with what follows
        else:                                # ., a back reference, a conditional group …
            raise _Open
    return True


def first_class(pattern: re.Pattern) -> re.Pattern | None:
    """One character class holding the first character of every match of ``pattern``, or None
    when there is no such class (a match may start with anything or be empty; case-insensitive
    patterns are not analysed). Read off the pattern's parse tree, so it is right by construction.

    >>> first_class(rx("(?:村|社区)?(?:书记|主任)")).pattern
    '[村社书主]'
    >>> first_class(rx("(?<!第)\\\\d+元")).pattern
    '[\\\\d]'
    >>> first_class(rx("a?")) is None
    True
    """
    out = _first_pieces(pattern)
    if out is None:
        return None
    return rx("[" + "".join(re.escape(p) if len(p) == 1 else p for p in dict.fromkeys(out)) + "]")


def _first_pieces(pattern: re.Pattern) -> list[str] | None:
    if pattern.flags & re.IGNORECASE:
        return None
    out: list[str] = []
    try:
        if _first(_P.parse(pattern.pattern, pattern.flags & ~re.UNICODE), out):
            return None
    except _Open:
        return None
    except Exception:                        # a parser of another Python version: no shortcut
        return None
    return out


_SCANNERS: dict = {}


def _skips_itself(pattern: re.Pattern) -> bool:
    """Does ``re`` itself skip to where a match can start (a literal, one class, or alternatives
    that each begin with a literal)? Then a gate only adds work."""
    try:
        items = list(_P.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    except Exception:
        return True
    while items and items[0][0] is _C.SUBPATTERN:
        items = list(items[0][1][-1])
    if not items:
        return True
    op, av = items[0]
    if op in (_C.LITERAL, _C.IN):
        return True
    return op is _C.BRANCH and all(alt and alt[0][0] is _C.LITERAL for alt in av[1])


def scanner(pattern: re.Pattern):
    """``pattern.finditer``, or an equivalent that tries the pattern only where
    :func:`first_class` says a match can start: for patterns that begin with optional parts,
    groups of alternatives or look-arounds, which ``re`` otherwise starts at every position.

    >>> find = scanner(rx("(?:村|社区)?(?:书记|主任)"))
    >>> [m.group() for m in find("村书记和社区主任，主任")]
    ['村书记', '社区主任', '主任']
    """
    key = (pattern.pattern, pattern.flags)
    got = _SCANNERS.get(key)
    if got is None:
        pieces = None if _skips_itself(pattern) else _first_pieces(pattern)
        # A class with ranges or \\d (a numeral, any CJK character) stops at too many places to pay.
        if pieces is None or any(len(p) > 1 for p in pieces):
            got = pattern.finditer
        else:
            def got(text, _p=pattern, _s=first_class(pattern)):
                return finditer_from(_p, _s, text)
        _SCANNERS[key] = got
    return got
