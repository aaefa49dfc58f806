"""Phone numbers and resident ID numbers: found for redaction, never printed in summaries.

Both detectors run on any text (normalized or raw): they look only at ASCII digits, so the
redactor runs them on the raw letter after folding full-width digits one-for-one.

>>> [s.text for s in find_phones("电话：139 0517 1234，热线12345")]
['139 0517 1234']
>>> [s.text for s in find_id_numbers("身份证号11010519491231002X")]
['11010519491231002X']
"""

from __future__ import annotations

from functools import lru_cache

from ..corpus import id_number_valid
from ..letter import Span
from ..regex_cache import rx
from ._scan import finditer_from

_NON_DIGIT = rx(r"\D")


@lru_cache(maxsize=None)
def _patterns():
    # Digits glued to other digits or Latin letters belong to something longer (an ID, a
    # case number, a bank account): the look-arounds keep a phone from being cut out of them.
    # Each pattern comes with the class of the characters its matches start with (see _scan.py:
    # a pattern opening with a look-behind is otherwise tried at every position).
    # A mobile may carry the country code as written (+86 138…, 0086-138…) and be split in
    # groups by spaces or dashes (138 1234 5678, 138-1234-5678).
    mobile = rx(r"(?<![0-9A-Za-z+])(?:\+86[ -]?|0086[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])")
    # A landline: area code (0517, 025) in brackets or followed by a dash or a space, then the
    # 7–8 digit local number (maybe split 8591 2345, also after a space: 0517 8591 2345), then
    # maybe an extension (转123, -123).
    landline = rx(
        r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)\s?|（0\d{2,3}）\s?|0\d{2,3}(?:[-－—]|\s(?=\d{3,4} ?\d{4}(?![0-9A-Za-z]| \d{4}))))"
        r"\d{3,4}[ -]?\d{4}(?:(?:转|分机|[-－])\d{1,5})?(?![0-9A-Za-z])")
    # Right after the words that introduce a phone: a local number without area code
    # (电话：8591234) or an area code glued to the number (座机051785912345).
    local = rx(r"(?:电话|座机|联系方式|手机|電話)(?:号码)?\s*[:：]?\s*(\d{7,8}|0\d{9,11})(?![0-9A-Za-z])")
    id_number = rx(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
    # International numbers (+852 6123 4587, +886-4-2251-3307): a plus sign, then digit groups.
    intl = rx(r"\+\d{1,3}(?:[ -]?\d{1,4}){2,5}(?![0-9A-Za-z])")
    return {
        "mobile": (mobile, rx("[1+0]")),
        "landline": (landline, rx("[(（0]")),
        "local": (local, rx("[电座手電联]")),
        "intl": intl,
        "id_number": id_number,
        # An ID has 17 digits in a row: most letters have none, and the search for them is fast
        # when the pattern starts with a class (\d\d{16}, not \d{17}).
        "id_gate": rx(r"\d\d{16}"),
        # A mobile (11 digits, maybe in groups) or a landline (7–8 digits after the area code)
        # has 7 characters in a row of digits, spaces and dashes, the first a digit: most
        # letters have none, and then neither pattern runs.
        "long_number": rx(r"\d[\d -]{6}"),
        "local_gate": rx(r"\d{7}"),
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
        # The value of a mobile is its 11 digits, whatever country code was written before it.
        spans = [Span(m.start(), m.end(), "phone", m.group(), _NON_DIGIT.sub("", m.group())[-11:])
                 for m in finditer_from(*pats["mobile"], text)]
        landlines = list(finditer_from(*pats["landline"], text))
    taken = [(s.start, s.end) for s in spans]
    if "+" in text:
        landlines += pats["intl"].finditer(text)
    found = [(m.start(), m.end(), m.group()) for m in landlines]
    if pats["local_gate"].search(text):
        found += [(m.start(1), m.end(1), m.group(1)) for m in finditer_from(*pats["local"], text)]
    for start, end, written in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        digits = _NON_DIGIT.sub("", written)
        spans.append(Span(start, end, "phone", written, digits))
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
