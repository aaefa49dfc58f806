"""Cue-word lists shipped in ``xfnlp/data/lexicons/*.txt``, read once on first use.

A list file holds words separated by spaces or new lines; ``#`` starts a comment.

>>> "王" in lexicon("surnames_single")
True
"""

from __future__ import annotations

from importlib import resources

# Lists read so far. A plain dict: the finders ask for their lists thousands of times a second.
_LOADED: dict[str, frozenset[str]] = {}


def _load(name: str) -> frozenset[str]:
    raw = resources.files("xfnlp.data").joinpath(f"lexicons/{name}.txt").read_text("utf-8")
    words = []
    for line in raw.splitlines():
        words.extend(line.split("#", 1)[0].split())
    return frozenset(words)


def lexicon(name: str) -> frozenset[str]:
    """The words of ``xfnlp/data/lexicons/<name>.txt`` as a frozen set."""
    try:
        return _LOADED[name]
    except KeyError:
        words = _LOADED[name] = _load(name)
        return words


def alternation(words, tail=None) -> str:
    """A regex alternation of ``words`` that matches like ``w1|w2|…`` sorted longest first.

    At any position it tries the words that fit from the longest down, as that alternation does,
    but grouped by first character ("村(?:主任|支书|民)|组长|…"), so re checks one branch per
    first character instead of one per word. ``tail(word)``, when given, is a regex put after
    each word (a look-behind on the whole word, say).

    >>> alternation(["村民", "村", "组长", "村主任"])
    '村(?:主任|民|)|组长'
    """
    import re

    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(w[0], []).append(w)
    out = []
    for first in sorted(groups):
        ws = groups[first]
        rests = [re.escape(w[1:]) + (tail(w) if tail else "") for w in ws]
        if len(ws) == 1:
            out.append(re.escape(first) + rests[0])
        else:
            out.append(re.escape(first) + "(?:" + "|".join(rests) + ")")
    return "|".join(out)
