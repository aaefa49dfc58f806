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
