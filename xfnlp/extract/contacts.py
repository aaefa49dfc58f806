"""Phone numbers and resident ID numbers: found for redaction, never printed in summaries.

Both detectors run on any text (normalized or raw): they look only at digits (ASCII digits, and
Chinese numerals for a phone read out digit by digit), so the redactor runs them on the raw
letter after folding full-width digits one-for-one.

What counts (tests/test_contacts_stress.py holds the lines these rules were written against,
tests/test_contacts_heldout.py a set written afterwards without looking at them):

- a phone is the number as written: a country code before a mobile (+86, 0086, 86, (+86)) and
  an extension after a landline (转206, 分机206, -206) are part of the span;
- a landline is one with its area code in brackets, after a dash or a space, or glued on
  (051783456721); a local number without one only after a word that introduces a phone
  (电话, 座机, 传真, 小灵通, Tel ...) or joined to a phone (…/85912346, … 85912346);
- a company's 400/800 number is a phone; hotlines and short service codes (12345, 12336,
  0517-12345, 110, 95588) are not;
- a number in Chinese numerals (一三九〇五一七一二三四, 幺 for 1 as read out on the hotline)
  is a phone like any other: it reaches the same person and must be redacted;
- a masked number (139****1234, 1390517****, 1390517 ××××), or one with a digit the clerk
  could not read (1390517□234, 1390517?234), identifies nobody: neither it nor its visible
  digits are a phone; a number labelled as another kind of code (QQ, 账号, 卡号, 编号, 案号,
  单号, 证号, 登记号, 宗地号) is not a phone either, whatever its shape;
- an ID may be written in groups (320826 19820415 2515, 3208 2619 8204 1525 15) or broken by a
  line break (a wrapped form): the span is the whole number as written, the value the 18
  characters;
- 18 digits are an ID only with a birth date where it belongs (a day on the calendar: not
  2月30日) and the right check character, and not when labelled as another kind of code
  (合同编号, 账号, 信用代码): a 社保卡号 is the holder's ID number, so that label does not
  count against it.

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
_NON_ID_CHAR = rx(r"[^0-9Xx]")

# A separator inside a number as people write it: a space, a dash of any width (maybe with a
# space either side), a line break (a form wrapped by hand or a record copied with CRLF line
# ends, which the redactor sees raw), never a dot or a comma (those split money and dates).
_SEP = r"(?:\s?[-－—–]\s?|\r?\n|\s)"
# A separator between the groups of an account or a case number: on one line.
_GROUP_SEP = r"(?: ?[-－—–] ?| )"
# A separator inside an ID: a space or a dash between groups, or the line break of a form that
# wrapped it (LF, or CRLF as the redactor sees it raw).
_ID_SEP = r"(?:[ -]|\r?\n)"

# Characters that mask digits (139****1234, 1390517××××, 1390517●●●●). One glued to a number, or
# standing after it past a space or a dash (1390517 ****, 138 6152 ＊＊＊＊, 0517-8591 ****),
# means digits were hidden on purpose: what is left visible is nobody's number. Four Latin x's
# do the same (1390517 xxxx); two or three are the XX of an anonymized place (XX镇), which may
# follow a whole number. The square a clerk types for a digit he could not read in a
# handwritten letter (1390517□234, 0517-859■2345) leaves an incomplete number the same way:
# it cannot be dialled, and its visible pieces are nobody's number. A question mark between
# digits (1390517?234, 139 0517 ?234) stands for such a digit too: as punctuation it would
# end a sentence, not run on into more digits.
_MASK = "*＊×●□■"
_NOT_MASKED = r"(?!\s?[-－—–]?\s?(?:[" + _MASK + r"]|[xX]{4}|[?？]\d))"
# Spaces a typed form puts between the characters of a label (电  话, 传　真).
_SP = r"[ 　]{0,3}"

# Units, counters and date marks after a run of digits that make it a quantity, not a number
# to dial (4000000000元, 8000000000亩).
_UNITS = "年月日号时点分元万亿人亩户个岁组队村栋楼层室次天吨米平方"

# Chinese numerals read digit by digit (〇 and ○ for zero as printed, 幺 for one as spoken).
_CN_DIGITS = "〇零○一二三四五六七八九幺"
_CN_VALUE = str.maketrans(_CN_DIGITS, "0001234567891")
# Characters that make a run of Chinese numerals a quantity (一千三百, 十二) rather than digits.
_CN_NUMBER = _CN_DIGITS + "十百千万亿两"

# Brackets around an area code: round ones mostly, square and lenticular ones in some forms.
_OPEN, _CLOSE = r"[(（\[【〔]", r"[)）\]】〕]"

# The country code before a mobile, as written: +86, 0086, 86, (+86), （86）, maybe followed by
# a space or a dash.
_COUNTRY = r"(?:(?:\+|00)?86|" + _OPEN + r"\+?86" + _CLOSE + r")(?: ?[-－—–] ?| )?"

# An extension after a landline: 转206, 转分机206, 分机206, 分机号206 (a dash one, -206, only
# after a number with its area code: after a bare local number it would be a split number).
_EXT_WORDS = r"\s?(?:转(?:分机)?|分机号?)\s?\d{1,5}"


@lru_cache(maxsize=None)
def _patterns():
    # Digits glued to other digits or Latin letters belong to something longer (an ID, a
    # case number, a bank account): the look-arounds keep a phone from being cut out of them.
    # Latin letters that spell the label Tel or Fax (Tel13905171234) are a label, not part of
    # a code.
    # A masking character (see _MASK) glued on or after a separator means the number was
    # masked on purpose, and a digit and a question mark before it (139?05171234) that one
    # digit was unreadable: what is left visible is nobody's number. A dash glued to a letter
    # or digit before it makes the number the last piece of a code (HT-2024-13905171234).
    # Each pattern comes with the class of the characters its matches start with (see _scan.py:
    # a pattern opening with a look-behind is otherwise tried at every position).
    before = (r"(?:(?<![0-9A-Za-z+" + _MASK + r"])(?<![0-9A-Za-z][-－—–])(?<!\d[?？])"
              r"|(?<=[Tt][Ee][Ll])|(?<=[Ff][Aa][Xx]))")
    after = r"(?![0-9A-Za-z" + _MASK + r"])" + _NOT_MASKED
    # A mobile may carry the country code as written (+86 138…, 0086-138…, 86-138…, (+86)138…)
    # and be split in groups by spaces or dashes anywhere (138 1234 5678, 1381234 5678,
    # 13 812 345 678), or by dots in the 3-4-4 grouping only (138.1234.5678: a dot elsewhere
    # would be money). Its 11 digits are what makes it one (see _account_like for the runs of
    # groups it must not be cut from).
    mobile = rx(before + r"(?:" + _COUNTRY + r")?(?:1" + _SEP + r"?[3-9](?:" + _SEP + r"?\d){9}"
                r"|1[3-9]\d\.\d{4}\.\d{4})" + after)
    # A landline: area code (0517, 025) in brackets or followed by a dash (spaces around it
    # allowed) or a space, then the 7–8 digit local number (maybe split 8591 2345, also after
    # a space: 0517 8591 2345), then maybe an extension (转123, 分机123, -123).
    # Or the area code glued to the local number (051783456721, 05178345672, 02584619372),
    # with or without a word before it: a run of digits shaped like that (a real area code:
    # 010 or 02x before 8 digits, 03xx–09xx before 7 or 8; a local number never starts with 0
    # or 1) is a landline, where other codes (case numbers, accounts) are labelled as such or
    # carry letters, and dates and timestamps do not start with 0.
    landline = rx(
        before + r"(?:(?:" + _OPEN + r"0\d{2,3}" + _CLOSE + r"(?:\s?[-－—–]\s?|\s)?"
        r"|0\d{2,3}(?:\s?[-－—–]\s?|\s(?=\d{3,4} ?\d{4}(?![0-9A-Za-z]| \d{4}))))"
        r"\d{3,4}[ -]?\d{4}"
        r"|0(?:10|2\d)[2-9]\d{7}|0[3-9]\d\d[2-9]\d{6,7})"
        r"(?:" + _EXT_WORDS + r"|\s?[-－]\s?\d{1,5})?" + after)
    # Right after the words that introduce a phone (maybe with 是/为 and a colon): a local
    # number without area code (电话：8591234, 座机是85912345, Tel: 8591234, maybe with an
    # extension 85912345转206) or an area code glued to the number (座机051785912345), or a
    # local number in Chinese numerals (座机八五九一二三四五). A fax and a 小灵通 are
    # landlines; a hotline record calls the caller's number 来电号码 or 主叫号码, and the
    # number called back 回访号码.
    # A note in brackets may stand between the word and the number (电话（家）85912345), and a
    # local number may be split by a dash or a space (电话：8591-2345, 宅电 8591 2345).
    # A typed form spaces the two characters of a label out to the width of the others
    # (电  话：8591234); after a label and a colon a name or a place may come first, set off by
    # a space (联系人及电话：王桂兰 8591234, 电话：村部 8591234).
    local = rx(r"(?:(?:电" + _SP + r"话|座" + _SP + r"机|固" + _SP + r"话|宅" + _SP + r"电|联系方式"
               r"|手" + _SP + r"机|電話|传" + _SP + r"真|小灵通|(?:联系|来电|主叫|回访)号码)"
               r"(?:号码|号)?|(?<![A-Za-z])(?:[Tt][Ee][Ll]|[Ff][Aa][Xx])\.?)\s*(?:[(（][^)）\d]{1,4}[)）])?"
               r"\s*(?:是|为)?\s*(?:[:：]\s*(?:[\u4e00-\u9fff]{2,4}[ 　]+)?)?"
               r"((?:\d{7,8}|0\d{9,11}|\d{3,4}-\d{4}|\d{3,4} \d{4}(?! \d))(?:" + _EXT_WORDS + r")?"
               r"(?![0-9A-Za-z" + _MASK + r"]|-\d)" + _NOT_MASKED +
               r"|[" + _CN_DIGITS + r"]{7,8}(?![" + _CN_NUMBER + r"]))")
    # A mobile in Chinese numerals, alone in its run of numerals, maybe in groups like one in
    # digits (一三九 〇五一七 一二三四). The look-behind sits after the first character (it
    # checks the one before it) so that re can skip to 一/幺.
    cn_mobile = rx(r"[一幺](?<![" + _CN_NUMBER + r"].)[ -]?[三四五六七八九](?:[ -]?[" + _CN_DIGITS + r"]){9}"
                   r"(?![" + _CN_NUMBER + r"])")
    # A second number joined to a phone just found (0517-85912345/85912346, …、85912346), or
    # set after it with a space (0517-85912345 85912346): then not a date (20240305), a time
    # or a quantity (… 85912346元).
    joined = rx(r"(?:\s?(?:/|、|或者?|和)\s?"
                r"|[ 　](?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))"
                r"(?=\d{7,8}(?![\d" + _UNITS + r".:：/-])))"
                r"(\d{7,8})(?![0-9A-Za-z" + _MASK + r"])" + _NOT_MASKED)
    id_number = rx(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
    # An ID in groups (6-8-4, 4-4-4-4-2 …): 18 characters with single spaces or dashes between
    # some of them, or a line break where a form wrapped it (32080319620918\n1338). Checked
    # further in _grouped_ids (a separator, the check character, a birth date in the right
    # place, not a stretch of a longer run of groups).
    # The look-behind sits after the first digit (it checks the character before it), so that
    # re skips to digits instead of trying every position.
    id_grouped = rx(r"\d(?<![0-9A-Za-z].)(?:" + _ID_SEP + r"?\d){16}" + _ID_SEP
                    + r"?[0-9Xx](?![0-9A-Za-z])")
    # International numbers (+852 6123 4587, +886-4-2251-3307): a plus sign, then digit groups,
    # at least 8 digits in all (a country code and a subscriber number). A plus right after a
    # digit is a sum (15+3+1, 5+12023) and one after a digit and an E is the exponent of a
    # number Excel printed in scientific form (3.20804E+17, 1.38052E+10): neither starts a phone.
    # (The look-behinds stand after the plus so that re skips ahead to a plus sign instead of
    # trying them at every position.)
    intl = rx(r"\+(?<![0-9]\+)(?<![0-9.][Ee]\+)(?=\d(?:[ -]?\d){7})\d{1,3}(?:[ -]?\d{1,4}){2,5}"
              r"(?![0-9A-Za-z" + _MASK + r"])" + _NOT_MASKED)
    # A company's 400/800 number (400-826-5588, 4008265588, 800 828 1234, maybe with an
    # extension 转3): ten digits that reach one company as an office landline reaches an
    # office, so a phone; unlike 12345 or 95588 it is not a short service code. Not money or an
    # area (4000000000元, …亩, a round 8000000000 written without its unit).
    # The look-behinds sit after the first digit (they check the characters before it) so
    # that re skips to 4 and 8.
    service = rx(r"[48](?<![0-9A-Za-z+" + _MASK + r"].)(?<![0-9A-Za-z][-－—–].)00"
                 r"(?!(?:[- －—–]?0){4})(?:[- －—–]?\d){7}(?:" + _EXT_WORDS + r")?"
                 r"(?![0-9A-Za-z" + _MASK + _UNITS + r"])" + _NOT_MASKED)
    return {
        "mobile": (mobile, rx("[1+08(（\\[【〔]")),
        # Without "86" in the letter no match starts with 8 or a bracket: the brackets are
        # frequent in letters, and each place tried costs a call.
        "mobile_starts_without_86": rx("[1+0]"),
        "landline": (landline, rx("[(（\\[【〔0]")),
        # 小, 主, 回 and 传 open many words: they count only where 小灵通, 主叫, 回访, 传真
        # (or 传 真, spaced out) begin (the class first, so that re still skips ahead to these characters).
        "local": (local, rx("[电座固宅手電传小联来主回TtFf](?!(?<=[传小主回])[^灵叫访真 　])")),
        "cn_mobile": cn_mobile,
        "joined": joined,
        "intl": intl,
        "service": service,
        "id_number": id_number,
        "id_grouped": id_grouped,
        # An ID has 17 digits in a row: most letters have none, and the search for them is fast
        # when the pattern starts with a class (\d\d{16}, not \d{17}).
        "id_gate": rx(r"\d\d{16}"),
        # Every ID, in one run, in groups or wrapped, opens with 17 characters of digits,
        # spaces, dashes and line breaks: letters without such a run need neither search below.
        "id_run": rx(r"\d[\d \-\r\n]{16}"),
        # An ID in groups has two groups of at least four digits next to each other; one
        # wrapped by a form has a line break between two digits, wherever it fell.
        "id_grouped_gate": rx(r"\d(?:\d{3}[ -]\d{4}|\r?\n\d)"),
        # A mobile (11 digits, maybe in groups), a landline (7–8 digits after the area code), a
        # local number (7 digits, or 3 and 4 split) or an ID (17 digits, or in groups) has 7
        # characters in a row of digits, spaces, dashes and dots, the first a digit: most
        # letters have none, and then none of these patterns runs.
        "long_number": rx(r"\d[\d \-－—–\r\n.]{6}"),
        # The same for digits and Chinese numerals together, each run whole: one scan of the
        # letter finds every place a phone or an ID (but a +852 one) may be; most letters have
        # none, and the other gates then only look inside these runs.
        "any_number": rx(r"[\d" + _CN_DIGITS + r"][\d \-－—–\r\n." + _CN_DIGITS + r"]{6,}"),
        # One class then fixed pieces, so that re skips ahead to digits (an alternation of
        # whole patterns, \d{7}|\d{3}-\d{4}, is tried at every character: ~20 µs a letter).
        "local_gate": rx(r"\d(?:\d{6}|\d\d[- ]\d{4})"),
        # A phone in Chinese numerals has 7 of them in a row, maybe in groups (dates and counts
        # have fewer).
        "cn_gate": rx(r"[" + _CN_DIGITS + r"](?:[ -]?[" + _CN_DIGITS + r"]){6}"),
        # The groups of an account or a case number stand on one line: a number on the next
        # line is a list item (1、…) or another entry, not more of the same number.
        "group_before": rx(r"(?<![0-9A-Za-z])\d{1,6}" + _GROUP_SEP + r"$"),
        # A short group after a number is more of it, unless a unit, a counter or a date mark
        # follows it (13905171234 2024年, 1390517 1234 09:15, … 5人, … 1组): then it is a
        # quantity of its own.
        "group_after": rx(_GROUP_SEP + r"\d{1,6}(?![0-9A-Za-z" + _MASK + r".:：/年月日号时点分元万人亩户个岁组队村栋楼层室次天])"),
        "grouped_3_4_4": rx(r"(?:" + _COUNTRY + r")?1[3-9]\d(?:[ -]?\d{4}){2}"),
        # A label of another kind of number right before one (QQ号：…, 账号…, 工单编号：…,
        # 统一社会信用代码：…, 土地证号、登记号、宗地号、合同号、文号、批号、户号、牌号).
        # A WeChat account (微信账号) is the mobile it was opened with: still a phone; a social
        # security card number (社保卡号, 社会保障卡号, 医保卡号) is the holder's ID number,
        # and 身份证号 labels one: still an ID.
        "other_label": rx(r"(?:QQ|qq|(?<!微信)[账帐]号|(?<![保障])卡号|案号|编号|单号|流水号|代码"
                          r"|(?<!身份)证号|登记号|地号|合同号|文号|批号|户号|牌号)"
                          r"码?\s*[:：]?\s*$"),
    }


def _account_like(text: str, start: int, end: int) -> bool:
    """Is the number at ``start:end`` a stretch of a longer run of digit groups (a bank
    account 6222 1390 5171 234, a case number in groups)?"""
    pats = _patterns()
    return bool(pats["group_before"].search(text, max(0, start - 9), start)
                or pats["group_after"].match(text, end))


def _mobile_ok(text: str, m) -> bool:
    # Numbers grouped 3-4-4 were always taken, even next to another group (a year, a count).
    return (_patterns()["grouped_3_4_4"].fullmatch(m.group()) is not None
            or not _account_like(text, m.start(), m.end()))


def _landline_ok(text: str, m) -> bool:
    # An area code in brackets is never part of an account; one followed by a space or a dash
    # may be the second group of one (6222 0213 9051 7123 456).
    return m.group()[0] in "(（[【〔" or not _account_like(text, m.start(), m.end())


def _labelled_otherwise(text: str, start: int) -> bool:
    return _patterns()["other_label"].search(text, max(0, start - 8), start) is not None


def find_phones(text: str) -> list[Span]:
    """Mobile (1[3-9]…, spaces or dashes allowed) and landline (0xxx-xxxxxxx) numbers.

    Short service numbers (12345, 12336, 110) are not phones of a person and never match.

    >>> [s.text for s in find_phones("联系0517-85912345或18961502389")]
    ['0517-85912345', '18961502389']
    """
    return phones_outside(text, find_id_numbers(text))


def _digits(written: str) -> str:
    return _NON_DIGIT.sub("", written.translate(_CN_VALUE))


def phones_outside(text: str, ids: list[Span]) -> list[Span]:
    """:func:`find_phones` given the ID numbers of ``text`` (found once for both fields)."""
    pats = _patterns()
    spans, found = [], []
    runs = [m.span() for m in pats["any_number"].finditer(text)]
    long_number = any(pats["long_number"].search(text, a, b) for a, b in runs)
    chinese = any(pats["cn_gate"].search(text, a, b) for a, b in runs)
    if long_number:
        mobile, starts = pats["mobile"]
        if "86" not in text:
            starts = pats["mobile_starts_without_86"]
        # The value of a mobile is its 11 digits, whatever country code was written before it.
        spans = [Span(m.start(), m.end(), "phone", m.group(), _NON_DIGIT.sub("", m.group())[-11:])
                 for m in finditer_from(mobile, starts, text) if _mobile_ok(text, m)]
        found = [(m.start(), m.end(), m.group()) for m in finditer_from(*pats["landline"], text)
                 if _landline_ok(text, m)]
        if "400" in text or "800" in text:
            found += [(m.start(), m.end(), m.group()) for m in pats["service"].finditer(text)
                      if not _account_like(text, m.start(), m.end())]
    if chinese:
        spans += [Span(m.start(), m.end(), "phone", m.group(), _digits(m.group()))
                  for m in pats["cn_mobile"].finditer(text)]
    if spans:
        spans = [s for s in spans if not _labelled_otherwise(text, s.start)]
    taken = [(s.start, s.end) for s in spans]
    if "+" in text:
        found += [(m.start(), m.end(), m.group()) for m in pats["intl"].finditer(text)]
    # A local number in digits passes both gates, one in Chinese numerals the cn_gate.
    if chinese or long_number and any(pats["local_gate"].search(text, a, b) for a, b in runs):
        found += [(m.start(1), m.end(1), m.group(1)) for m in finditer_from(*pats["local"], text)]
    for start, end, written in found:
        if any(start < e and s < end for s, e in taken) or _labelled_otherwise(text, start):
            continue
        taken.append((start, end))
        spans.append(Span(start, end, "phone", written, _digits(written)))
    # A second number joined on by / 、 或 (0517-85912345/85912346): a phone too, and a third
    # joined to that one (…、85912346、85912347).
    queue = sorted(spans, key=lambda s: s.start)
    for sp in queue:
        m = pats["joined"].match(text, sp.end)
        if m and not any(m.start(1) < e and s < m.end(1) for s, e in taken):
            taken.append(m.span(1))
            new = Span(m.start(1), m.end(1), "phone", m.group(1), m.group(1))
            spans.append(new)
            queue.append(new)
    spans = [s for s in spans if not any(s.start < i.end and i.start < s.end for i in ids)]
    return sorted(spans, key=lambda s: s.start)


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
    pats = _patterns()
    out = []
    for m in pats["id_grouped"].finditer(text):
        written = m.group()
        compact = _NON_ID_CHAR.sub("", written)
        if compact == written or not id_number_valid(compact) or not _birth_date_plausible(compact):
            continue
        if _account_like(text, m.start(), m.end()) or _labelled_otherwise(text, m.start()):
            continue
        out.append(Span(m.start(), m.end(), "id_number", written, compact.upper()))
    return out


def find_id_numbers(text: str) -> list[Span]:
    """18-character resident ID numbers whose check character is right (typos are not IDs),
    written in one run or in groups.

    >>> find_id_numbers("身份证11010519491231002Y")
    []
    >>> [s.value for s in find_id_numbers("身份证号 110105 19491231 002x")]
    ['11010519491231002X']
    """
    pats = _patterns()
    out = []
    # An ID's first 17 digits (maybe in groups) make a run of 17 digits, spaces and dashes.
    if not pats["id_run"].search(text):
        return out
    # The check character fits one number in 11 by chance: an account or a code of 18 digits
    # with an impossible birth date, or labelled as what it is, is not an ID.
    if pats["id_gate"].search(text):
        out = [Span(m.start(), m.end(), "id_number", m.group(), m.group().upper())
               for m in pats["id_number"].finditer(text)
               if id_number_valid(m.group()) and _birth_date_plausible(m.group())
               and not _labelled_otherwise(text, m.start())]
    if pats["id_grouped_gate"].search(text):
        grouped = _grouped_ids(text)
        if grouped:
            out = sorted(out + grouped, key=lambda s: s.start)
    return out
