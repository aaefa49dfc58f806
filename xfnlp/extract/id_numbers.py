"""Resident ID numbers: found for redaction, never printed in summaries.

The phone half of the work is in :mod:`xfnlp.extract.contacts`, which shares with this module
what makes a number somebody else's code (a label such as 合同编号, a longer run of digit groups)
and the reading of OCR letters after a label; ``contacts.find_id_numbers`` still works.

- an ID may be written in groups (320826 19820415 2515, 3208 2619 8204 1525 15, a stray space
  of a typed-up photo before the X) or broken by a line break (a wrapped form): the span is the
  whole number as written, the value the 18 characters;
- an ID read out and written down in Chinese numerals (身份证号码三二〇八〇三一九…) is an ID
  like one in digits, with the same checks, in a letter that names an ID (身份证, 身份号码,
  证件号码, 社保卡);
- an ID typed up from a photo, where OCR read 0 as O (身份证号码32O8O3…), is read with the digits
  after the ID word (contacts.ocr_read); the span keeps the letters;
- 18 characters are an ID only with a birth date where it belongs (a day on the calendar: not
  2月30日) and the right check character, and not when labelled as another kind of code
  (合同编号, 账号, 信用代码): a 社保卡号 is the holder's ID number, so that label does not
  count against it.

>>> [s.text for s in find_id_numbers("身份证号11010519491231002X")]
['11010519491231002X']
"""

from __future__ import annotations

from functools import lru_cache

from ..corpus import id_number_valid
from ..letter import Span
from ..regex_cache import rx
from .contacts import (_CN_DIGITS, _CN_NUMBER, _CN_VALUE, _account_like, _as_written,
                       _labelled_otherwise, ocr_read)

_NON_ID_CHAR = rx(r"[^0-9Xx]")
# A separator inside an ID: a space or a dash between groups, or the line break of a form that
# wrapped it (LF, or CRLF as the redactor sees it raw).
_ID_SEP = r"(?:[ -]|\r?\n)"


@lru_cache(maxsize=None)
def _patterns():
    cn = _CN_DIGITS
    return {
        "id_number": rx(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])"),
        # An ID in groups (6-8-4, 4-4-4-4-2 …): 18 characters with single spaces or dashes
        # between some of them, or a line break where a form wrapped it (32080319620918\n1338).
        # Checked further in _grouped_ids (a separator, the check character, a birth date in the
        # right place, not a stretch of a longer run of groups).
        # The look-behind sits after the first digit (it checks the character before it), so
        # that re skips to digits instead of trying every position.
        "id_grouped": rx(r"\d(?<![0-9A-Za-z].)(?:" + _ID_SEP + r"?\d){16}" + _ID_SEP
                         + r"?[0-9Xx](?![0-9A-Za-z])"),
        # An ID in Chinese numerals, maybe mixed with digits: 18 of them in a row, not inside
        # a quantity (一千…) or a longer run. Checked further in _chinese_ids (a numeral in it,
        # the check character, the birth date).
        "id_chinese": rx(r"[\d" + cn + r"](?<![0-9A-Za-z" + _CN_NUMBER + r"].)[\d" + cn + r"]{16}"
                         r"[\d" + cn + r"Xx](?![0-9A-Za-z" + _CN_NUMBER + r"])"),
        # An ID has 17 digits in a row: most letters have none, and the search for them is fast
        # when the pattern starts with a class (\d\d{16}, not \d{17}).
        "id_gate": rx(r"\d\d{16}"),
        # Every ID in digits, in one run, in groups or wrapped, opens with 17 characters of
        # digits, spaces, dashes and line breaks: letters without such a run need neither
        # search below.
        "id_run": rx(r"\d[\d \-\r\n]{16}"),
        # An ID in groups has two groups of at least four digits next to each other (6-8-4,
        # 4-4-4-4-2, a stray space of a typed-up photo: 3208311969 04251831) or its check
        # character set apart (…101 X); one wrapped by a form has a line break between two
        # digits, wherever it fell.
        "id_grouped_gate": rx(r"\d(?:\d{3}[ -]\d{4}|\r?\n\d|[ -][Xx])"),
        # An ID in Chinese numerals (or partly in them) has a numeral with six more characters
        # of its run after it or before it (a digit string may turn to numerals late:
        # 320803一九七二…). The look-behind follows the class, so that re skips to numerals.
        "id_chinese_gate": rx(r"[" + cn + r"](?:(?<=[\d" + cn + r"]{7})|[\d" + cn + r"]{6})"),
        "cn_char": rx(r"[" + cn + r"]"),
    }


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _birth_date_plausible(digits: str) -> bool:
    # A date that is on no calendar (2月30日, 4月31日, 2月29日 of a common year) is as
    # impossible as month 13: the ID office never issued it, whatever the check character.
    year, month, day = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    return (1900 <= year <= 2099 and 1 <= month <= 12
            and 1 <= day <= _days_in_month(year, month))


def _grouped_ids(text: str) -> list[Span]:
    # Groups make the 18 characters less certain to be one number than an unbroken run is:
    # besides the check character (1 in 11 by chance), the birth date must stand where it
    # belongs and the run must not go on with more groups (an account, two phones in a row).
    out = []
    for m in _patterns()["id_grouped"].finditer(text):
        written = m.group()
        compact = _NON_ID_CHAR.sub("", written)
        if compact == written or not id_number_valid(compact) or not _birth_date_plausible(compact):
            continue
        if _account_like(text, m.start(), m.end()) or _labelled_otherwise(text, m.start()):
            continue
        out.append(Span(m.start(), m.end(), "id_number", written, compact.upper()))
    return out


def _chinese_ids(text: str) -> list[Span]:
    # Read out and written down (身份证号码三二〇八〇三一九七二…): the numerals are the digits,
    # and the checks are those of an ID in digits. One in digits only is found above.
    pats = _patterns()
    out = []
    for m in pats["id_chinese"].finditer(text):
        written = m.group()
        compact = written.translate(_CN_VALUE)
        if (pats["cn_char"].search(written) and id_number_valid(compact)
                and _birth_date_plausible(compact) and not _labelled_otherwise(text, m.start())):
            out.append(Span(m.start(), m.end(), "id_number", written, compact.upper()))
    return out


def find_id_numbers(text: str) -> list[Span]:
    """18-character resident ID numbers whose check character is right (typos are not IDs),
    written in one run, in groups, or in Chinese numerals.

    >>> find_id_numbers("身份证11010519491231002Y")
    []
    >>> [s.value for s in find_id_numbers("身份证号 110105 19491231 002x")]
    ['11010519491231002X']
    """
    pats = _patterns()
    read = ocr_read(text)
    if read is not text:
        return _as_written(find_id_numbers(read), text)
    # An ID read out in numerals is written down after the word it answers (身份证号码, 公民身份
    # 号码, 证件号码, 社保卡号): four scans in C for those words spare the regex gate over the
    # letter (~18 K instructions) in the letters, most of them, that speak of no ID.
    out = []
    if ("身份" in text or "证件" in text or "社保" in text or "社会保障" in text) \
            and pats["id_chinese_gate"].search(text):
        out = _chinese_ids(text)
    # An ID's first 17 digits (maybe in groups) make a run of 17 digits, spaces and dashes.
    if not pats["id_run"].search(text):
        return out
    # The check character fits one number in 11 by chance: an account or a code of 18 digits
    # with an impossible birth date, or labelled as what it is, is not an ID.
    if pats["id_gate"].search(text):
        out += [Span(m.start(), m.end(), "id_number", m.group(), m.group().upper())
                for m in pats["id_number"].finditer(text)
                if id_number_valid(m.group()) and _birth_date_plausible(m.group())
                and not _labelled_otherwise(text, m.start())]
    if pats["id_grouped_gate"].search(text):
        out += _grouped_ids(text)
    return sorted(out, key=lambda s: s.start)
