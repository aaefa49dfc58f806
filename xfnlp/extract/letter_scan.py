"""What the steps of the party step compute about one letter, computed once for that letter.

The petitioner rules, the respondent rules, the role model's candidates and the span edges all
look at the same letter: they read a name at the same positions (``read_name`` is asked ~40
times a letter, often twice at one position), find its companies (``_orgs``) and its signing
collective, and cut it into clauses and lines. :func:`letter_scope` opens a memo for one letter
for the length of one call of the party step (``find_parties``, ``decide_parties``); inside it,
each of those answers is computed once and shared.

The memo belongs to the call, not to the letter's text: the next call, on another letter or on
the same one again, starts from nothing (a ledger whose rows repeat costs what it costs). Outside
a scope, ``read_name`` keeps a memo for the last letter it was asked about, as it always did
(training and direct callers ask the finders one by one about the same letter). The state is
per thread.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

_state = threading.local()


class LetterScan:
    """Per-letter answers, filled on first use by the modules that own them.

    ``names``: position -> end of the name read there (or None), see :func:`names.read_name`.
    The other slots stay None until asked for; the functions that fill them say what they hold.
    """

    __slots__ = ("text", "names", "orgs", "collective", "surname_starts", "clause_ends", "line_starts",
                 "doc")

    def __init__(self, text: str):
        self.text = text
        self.names: dict[int, int | None] = {}
        self.orgs = None
        self.collective = None
        self.surname_starts = None
        self.clause_ends = None
        self.line_starts = None
        self.doc = None


def current(text: str) -> LetterScan | None:
    """The memo of ``text`` when a scope is open for exactly this string object, else None.

    Identity, not equality: a piece of the letter (a label's value read on its own) or another
    letter never sees the memo.
    """
    scan = getattr(_state, "scan", None)
    return scan if scan is not None and scan.text is text else None


def loose(text: str) -> LetterScan:
    """The memo to use for ``text``: the open scope's when it is this letter; outside any scope,
    the memo of the last letter asked about (replaced when another letter comes); inside the
    scope of another letter (a piece of it), a memo of its own that is not kept."""
    scan = getattr(_state, "scan", None)
    if scan is not None:
        if scan.text is text:
            return scan
        if getattr(_state, "depth", 0):
            return LetterScan(text)
    scan = _state.scan = LetterScan(text)
    return scan


@contextmanager
def letter_scope(text: str):
    """Share per-letter answers about ``text`` among the steps run inside (nested scopes of the
    same letter share the outer one; the memo is dropped when the outermost scope ends)."""
    depth = getattr(_state, "depth", 0)
    scan = getattr(_state, "scan", None)
    if depth and scan is not None and scan.text is text:
        _state.depth = depth + 1
        try:
            yield scan
        finally:
            _state.depth = depth
        return
    outer = scan
    scan = _state.scan = LetterScan(text)
    _state.depth = depth + 1
    try:
        yield scan
    finally:
        _state.depth = depth
        # Back to what was open before (another letter's scope, or nothing kept at all).
        _state.scan = outer if depth else None
