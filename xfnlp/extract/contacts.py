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


# A separator inside a number as people write it: a space, a dash of any width (maybe with a
# space either side), never a dot or a comma (those split money and dates).
_SEP = r"(?:\s?[-－—–]\s?|\s)"


@lru_cache(maxsize=None)
def _patterns():
    # Digits glued to other digits or Latin letters belong to something longer (an ID, a
    # case number, a bank account): the look-arounds keep a phone from being cut out of them.
    # Latin letters that spell the label Tel (Tel13905171234) are a label, not part of a code.
    # Each pattern comes with the class of the characters its matches start with (see _scan.py:
    # a pattern opening with a look-behind is otherwise tried at every position).
    # A mobile may carry the country code as written (+86 138…, 0086-138…) and be split in
    # groups by spaces or dashes anywhere (138 1234 5678, 1381234 5678, 13812 345678): its 11
    # digits are what makes it one (see _account_like for the runs of groups it must not be
    # cut from).
    before = r"(?:(?<![0-9A-Za-z+])|(?<=[Tt][Ee][Ll]))"
    mobile = rx(before + r"(?:\+86[ -]?|0086[ -]?)?1[3-9]\d(?:" + _SEP + r"?\d){8}(?![0-9A-Za-z])")
    # A landline: area code (0517, 025) in brackets or followed by a dash (spaces around it
    # allowed) or a space, then the 7–8 digit local number (maybe split 8591 2345, also after
    # a space: 0517 8591 2345), then maybe an extension (转123, -123).
    landline = rx(
        before + r"(?:[(（]0\d{2,3}[)）](?:\s?[-－—–]\s?|\s)?|0\d{2,3}(?:\s?[-－—–]\s?|\s(?=\d{3,4} ?\d{4}(?![0-9A-Za-z]| \d{4}))))"
        r"\d{3,4}[ -]?\d{4}(?:\s?(?:转|分机|[-－])\s?\d{1,5})?(?![0-9A-Za-z])")
    # Right after the words that introduce a phone (maybe with 是/为 and a colon): a local
    # number without area code (电话：8591234, 座机是85912345) or an area code glued to the
    # number (座机051785912345).
    # A note in brackets may stand between the word and the number (电话（家）85912345), and a
    # local number may be split by a dash (电话：8591-2345).
    local = rx(r"(?:电话|座机|固话|宅电|联系方式|手机|電話|联系号码|来电号码)(?:号码|号)?\s*(?:[(（][^)）\d]{1,4}[)）])?"
               r"\s*(?:是|为)?\s*[:：]?\s*(\d{7,8}|0\d{9,11}|\d{3,4}-\d{4})(?![0-9A-Za-z]|-\d)")
    # A second number joined to a phone just found (0517-85912345/85912346, …、85912346).
    joined = rx(r"\s?(?:/|、|或者?|和)\s?(\d{7,8})(?![0-9A-Za-z])")
    id_number = rx(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
    # International numbers (+852 6123 4587, +886-4-2251-3307): a plus sign, then digit groups.
    intl = rx(r"\+\d{1,3}(?:[ -]?\d{1,4}){2,5}(?![0-9A-Za-z])")
    return {
        "mobile": (mobile, rx("[1+0]")),
        "landline": (landline, rx("[(（0]")),
        "local": (local, rx("[电座固宅手電联来]")),
        "joined": joined,
        "intl": intl,
        "id_number": id_number,
        # An ID has 17 digits in a row: most letters have none, and the search for them is fast
        # when the pattern starts with a class (\d\d{16}, not \d{17}).
        "id_gate": rx(r"\d\d{16}"),
        # A mobile (11 digits, maybe in groups) or a landline (7–8 digits after the area code)
        # has 7 characters in a row of digits, spaces and dashes, the first a digit: most
        # letters have none, and then neither pattern runs.
        "long_number": rx(r"\d[\d \-－—–]{6}"),
        "local_gate": rx(r"\d{7}|\d{3}-\d{4}"),
        "group_before": rx(r"(?<![0-9A-Za-z])\d{1,6}" + _SEP + r"$"),
        "group_after": rx(_SEP + r"\d{1,6}(?![0-9A-Za-z])"),
        "grouped_3_4_4": rx(r"(?:\+86[ -]?|0086[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}"),
    }


def _account_like(text: str, m) -> bool:
    """Is the mobile-looking match a stretch of a longer run of digit groups (a bank account
    6222 1390 5171 234, a case number in groups)? Only for numbers not grouped 3-4-4: those
    were always taken, and a short group after one may be the year of a date (… 2024年)."""
    pats = _patterns()
    if pats["grouped_3_4_4"].fullmatch(m.group()):
        return False
    return bool(pats["group_before"].search(text, max(0, m.start() - 9), m.start())
                or pats["group_after"].match(text, m.end()))


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
                 for m in finditer_from(*pats["mobile"], text) if not _account_like(text, m)]
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
    # A second number joined on by / 、 或 (0517-85912345/85912346): a phone too.
    for sp in sorted(spans, key=lambda s: s.start):
        m = pats["joined"].match(text, sp.end)
        if m and not any(m.start(1) < e and s < m.end(1) for s, e in taken):
            taken.append(m.span(1))
            spans.append(Span(m.start(1), m.end(1), "phone", m.group(1), m.group(1)))
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
