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

_state = threading.local()


class LetterScan:
    """Per-letter answers, filled on first use by the modules that own them.

    ``names``: position -> end of the name read there (or None), see :func:`names.read_name`.
    ``found``: the matches of the patterns that the respondent rules and the role candidates
    both scan the letter for, see :func:`respondents._shared`.
    The other slots stay None until asked for; the functions that fill them say what they hold.
    """

    __slots__ = ("text", "names", "found", "orgs", "collective")

    def __init__(self, text: str):
        self.text = text
        self.names: dict[int, int | None] = {}
        self.found = None
        self.orgs = None
        self.collective = None


def current(text: str) -> LetterScan | None:
    """The memo of ``text`` when a scope is open for exactly this string object, else None.

    Identity, not equality: a piece of the letter (a label's value read on its own) or another
    letter never sees the memo.
    """
    scan = getattr(_state, "scan", None)
    return scan if scan is not None and scan.text is text else None


def loose(text: str) -> LetterScan | None:
    """The memo to use for ``text``: the open scope's when it is this letter; outside any scope,
    the memo of the last letter asked about (replaced when another letter comes); inside the
    scope of another letter (``text`` is a piece of it, a label's value), None: no memo."""
    scan = getattr(_state, "scan", None)
    if scan is not None:
        if scan.text is text:
            return scan
        if getattr(_state, "depth", 0):
            return None
    scan = _state.scan = LetterScan(text)
    return scan


def per_letter(slot: str):
    """Decorator: ``fn(text)`` computed once per letter scope and kept in ``LetterScan.<slot>``
    (outside a scope, or for another string than the scope's letter, simply computed). The
    answer is shared: callers must not change it."""
    def wrap(fn):
        def memo(text):
            scan = getattr(_state, "scan", None)
            if scan is None or scan.text is not text or not getattr(_state, "depth", 0):
                return fn(text)
            got = getattr(scan, slot)
            if got is None:
                got = fn(text)
                setattr(scan, slot, got)
            return got

        memo.__name__, memo.__qualname__, memo.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
        memo.__wrapped__ = fn
        return memo

    return wrap


class letter_scope:
    """Share per-letter answers about ``text`` among the steps run inside (``with
    letter_scope(text):``). Nested scopes of the same letter share the outer one; the memo is
    dropped when the outermost scope ends. (A class, not a generator: it is entered once or
    twice a letter and costs less so.)"""

    __slots__ = ("text", "outer", "depth")

    def __init__(self, text: str):
        self.text = text

    def __enter__(self) -> LetterScan:
        st = _state
        depth = self.depth = getattr(st, "depth", 0)
        scan = self.outer = getattr(st, "scan", None)
        st.depth = depth + 1
        if depth and scan is not None and scan.text is self.text:
            return scan
        scan = st.scan = LetterScan(self.text)
        return scan

    def __exit__(self, *exc) -> None:
        st = _state
        st.depth = self.depth
        # Back to what was open before (the same or another letter's scope, or nothing kept).
        st.scan = self.outer if self.depth else None
