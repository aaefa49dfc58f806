"""Features of a letter for the classifier: character n-grams of the normalized text.

The same function is the scikit-learn analyzer at training time and the feature generator at
prediction time, so the two can never disagree. Digits are folded to ``0`` (a letter about 12亩 and
one about 35亩 are alike) and whitespace is dropped (line breaks carry no meaning here).

>>> char_ngrams("违法占地", 1, 2)
['违', '法', '占', '地', '违法', '法占', '占地']
"""

from __future__ import annotations

_FOLD = {ord(d): "0" for d in "123456789"}
_FOLD.update({ord(c): None for c in " \n\t\0"})


def prepare(text: str) -> str:
    """The string n-grams are taken from: digits folded, whitespace (and NUL) removed."""
    return text.translate(_FOLD)


def char_ngrams(text: str, min_n: int = 1, max_n: int = 3) -> list[str]:
    """All character n-grams of ``prepare(text)`` for n in [min_n, max_n], shortest first."""
    s = prepare(text)
    out: list[str] = []
    for n in range(min_n, max_n + 1):
        out.extend(s[i:i + n] for i in range(len(s) - n + 1))
    return out


class CharNgrams:
    """A picklable-free, parameterized analyzer (scikit-learn calls it with one document)."""

    def __init__(self, min_n: int = 1, max_n: int = 3):
        self.min_n = min_n
        self.max_n = max_n

    def __call__(self, text: str) -> list[str]:
        return char_ngrams(text, self.min_n, self.max_n)
