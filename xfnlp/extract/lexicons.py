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
