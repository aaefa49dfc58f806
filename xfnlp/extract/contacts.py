"""Phone numbers and resident ID numbers: found for redaction, never printed in summaries.

Both detectors run on any text (normalized or raw): they look only at ASCII digits, so the
redactor runs them on the raw letter after folding full-width digits one-for-one.

>>> [s.text for s in find_phones("电话：139 0517 1234，热线12345")]
['139 0517 1234']
>>> [s.text for s in find_id_numbers("身份证号11010519491231002X")]
['11010519491231002X']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..corpus import id_number_valid
from ..letter import Span
from ._scan import finditer_from

_NON_DIGIT = re.compile(r"\D")


@lru_cache(maxsize=None)
def _patterns():
    # Digits glued to other digits or Latin letters belong to something longer (an ID, a
    # case number, a bank account): the look-arounds keep a phone from being cut out of them.
    # Each pattern comes with the class of the characters its matches start with (see _scan.py:
    # a pattern opening with a look-behind is otherwise tried at every position).
    mobile = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])")
    landline = re.compile(
        r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)\s?|（0\d{2,3}）|0\d{2,3}[-－—])\d{7,8}(?![0-9A-Za-z])")
    id_number = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
    # International numbers (+852 6123 4587, +886-4-2251-3307): a plus sign, then digit groups.
    intl = re.compile(r"\+\d{1,3}(?:[ -]?\d{1,4}){2,5}(?![0-9A-Za-z])")
    return {
        "mobile": (mobile, re.compile("1")),
        "landline": (landline, re.compile("[(（0]")),
        "intl": intl,
        "id_number": id_number,
        # An ID has 17 digits in a row: most letters have none, and the search for them is fast
        # when the pattern starts with a class (\d\d{16}, not \d{17}).
        "id_gate": re.compile(r"\d\d{16}"),
        # A mobile (11 digits, maybe in groups) or a landline (7–8 digits after the area code)
        # has 7 characters in a row of digits, spaces and dashes, the first a digit: most
        # letters have none, and then neither pattern runs.
        "long_number": re.compile(r"\d[\d -]{6}"),
    }


def find_phones(text: str) -> list[Span]:
    """Mobile (1[3-9]…, spaces or dashes allowed) and landline (0xxx-xxxxxxx) numbers.

    Short service numbers (12345, 12336, 110) are not phones of a person and never match.

    >>> [s.text for s in find_phones("联系0517-85912345或18961502389")]
    ['0517-85912345', '18961502389']
    """
    return phones_outside(text, find_id_numbers(text))


def phones_outside(text: str, ids: list[Span]) -> list[Span]:
    """:func:`find_phones` given the ID numbers of ``text`` (found once for both fields)."""
    pats = _patterns()
    spans, landlines = [], []
    if pats["long_number"].search(text):
        spans = [Span(m.start(), m.end(), "phone", m.group(), _NON_DIGIT.sub("", m.group()))
                 for m in finditer_from(*pats["mobile"], text)]
        landlines = list(finditer_from(*pats["landline"], text))
    taken = [(s.start, s.end) for s in spans]
    if "+" in text:
        landlines += pats["intl"].finditer(text)
    for m in landlines:
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        digits = _NON_DIGIT.sub("", m.group())
        spans.append(Span(m.start(), m.end(), "phone", m.group(), digits))
    spans = [s for s in spans if not any(s.start < i.end and i.start < s.end for i in ids)]
    return sorted(spans, key=lambda s: s.start)


def find_id_numbers(text: str) -> list[Span]:
    """18-character resident ID numbers whose check character is right (typos are not IDs).

    >>> find_id_numbers("身份证11010519491231002Y")
    []
    """
    pats = _patterns()
    if not pats["id_gate"].search(text):
        return []
    return [Span(m.start(), m.end(), "id_number", m.group(), m.group().upper())
            for m in pats["id_number"].finditer(text) if id_number_valid(m.group())]
