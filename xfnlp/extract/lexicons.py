"""Cue-word lists shipped in ``xfnlp/data/lexicons/*.txt``, read once on first use.

A list file holds words separated by spaces or new lines; ``#`` starts a comment.

>>> "王" in lexicon("surnames_single")
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

@lru_cache(maxsize=None)
def _load(name: str) -> frozenset[str]:
    raw = resources.files("xfnlp.data").joinpath(f"lexicons/{name}.txt").read_text("utf-8")
    words = []
    for line in raw.splitlines():
        words.extend(line.split("#", 1)[0].split())
    return frozenset(words)


def lexicon(name: str) -> frozenset[str]:
    """The words of ``xfnlp/data/lexicons/<name>.txt`` as a frozen set."""
    return _load(name)
