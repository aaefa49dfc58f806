"""Phone numbers (and what they share with ID numbers): found for redaction, never printed.

Both detectors run on any text (normalized or raw): they look only at digits (ASCII digits, and
Chinese numerals for a number read out digit by digit), so the redactor runs them on the raw
letter after folding full-width digits one-for-one. ID numbers are found in
:mod:`xfnlp.extract.id_numbers` (``contacts.find_id_numbers`` is the same function).

What counts (tests/test_contacts_stress.py holds the lines these rules were written against,
tests/test_contacts_heldout.py, test_contacts_fresh.py and test_contacts_fourth.py sets written
afterwards without looking at them):

- a phone is the number as written: a country code before a mobile (+86, 0086, 86, (+86)) and
  an extension after a landline (转206, 分机206, -206) are part of the span;
- a landline is one with its area code in brackets, after a dash or a space, or glued on
  (051783456721); a local number without one only after a word that introduces a phone
  (电话, 座机, 传真, 小灵通, Tel ...) or joined to a phone (…/85912346, … 85912346);
- a company's 400/800 number is a phone; hotlines and short service codes (12345, 12336,
  0517-12345, 110, 95588) are not;
- a number in Chinese numerals (一三九〇五一七一二三四, 幺 for 1 as read out on the hotline,
  壹叁玖 as on a receipt, or mixed with digits: 一三九0517一二三四) is a phone like any other:
  it reaches the same person and must be redacted;
- a number typed up from a photo or a fax, where OCR read 0 as O and 1 as l or I, is read
  with the digits after a phone or ID word (电话l3905171234); the span keeps the letters;
- a masked number (139****1234, 1390517****, 1390517 ××××), or one with a digit the clerk
  could not read (1390517□234, 1390517?234), identifies nobody: neither it nor its visible
  digits are a phone; a number labelled as another kind of code (QQ, 账号, 卡号, 编号, 案号,
  单号, 证号, 登记号, 宗地号) is not a phone either, whatever its shape.

>>> [s.text for s in find_phones("电话：139 0517 1234，热线12345")]
['139 0517 1234']
"""

from __future__ import annotations

from functools import lru_cache

from ..letter import Span
from ..regex_cache import rx
from ._scan import finditer_from

_NON_DIGIT = rx(r"\D")

# A separator inside a number as people write it: a space, a dash of any width (maybe with a
# space either side), a line break (a form wrapped by hand or a record copied with CRLF line
# ends, which the redactor sees raw), never a dot or a comma (those split money and dates).
_SEP = r"(?:\s?[-－—–]\s?|\r?\n|\s)"
# A separator between the groups of an account or a case number: on one line.
_GROUP_SEP = r"(?: ?[-－—–] ?| )"
# The start of a full date in digits (2023-05-12, 2023/5/12): a group after a number that opens
# one is a date of its own (the time stamp of a fax header: 0517 85912345 2023-05-12 09:31),
# not more of the number.
_DATE = r"(?:19|20)\d\d[-－/.](?:0?[1-9]|1[0-2])[-－/.]\d"

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

# Chinese numerals read digit by digit (〇 and ○ for zero as printed, 幺 for one as spoken, and
# the capitals of receipts, 壹贰叁…, that some writers use for every number they write).
_CN_DIGITS = "〇零○一二三四五六七八九幺壹贰叁肆伍陆柒捌玖"
_CN_VALUE = str.maketrans(_CN_DIGITS, "0001234567891123456789")
_CN_SET = frozenset(_CN_DIGITS)
# Characters that make a run of Chinese numerals a quantity (一千三百, 十二, 壹拾) rather than
# digits.
_CN_NUMBER = _CN_DIGITS + "十百千万亿两拾佰仟"

# OCR of a photographed or faxed letter reads 0 as O or o, and 1 as l or I. After a word that
# introduces a phone or an ID, a run of digits with one to three such letters is the number
# misread (联系电话l3905171234, 身份证号码32O8O3…): it is read with the digits, and the span
# keeps the letters as written. Elsewhere letters with digits are a code (宗地代码…JC00037,
# 苏H8F123); any other letter in a number (…667B) is a digit nobody can read, like □.
_OCR_LETTERS = "OolI"
_OCR_DIGIT = str.maketrans(_OCR_LETTERS, "0011")

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
    # OCR and input methods put 一 for the dash (0517一86012739): after an area code, before a
    # whole local number, it is one (as a numeral it would make 13 digits, no number at all).
    # A table copied from Word may hold the area code and the number in two cells (区号|号码:
    # 0517|83651208; cells split by tabs become spaces): one landline, when the first cell is
    # a real area code and the second a whole local number.
    landline = rx(
        before + r"(?:(?:" + _OPEN + r"0\d{2,3}" + _CLOSE + r"(?:\s?[-－—–]\s?|\s)?"
        r"|0\d{2,3}(?:\s?[-－—–]\s?"
        r"|\s(?=\d{3,4} ?\d{4}(?![0-9A-Za-z]| (?!" + _DATE + r")\d{4}))"
        r"|一(?=[2-9]\d{6,7}(?!\d))"
        r"|(?:(?<=010|02\d)|(?<=0[3-9]\d\d)) ?\| ?(?=[2-9]\d{6,7}(?![0-9A-Za-z]))))"
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
    # digits (一三九 〇五一七 一二三四), maybe mixed with digits as a writer switches between
    # them (一三九0517一二三四, 139零517一二三四). A match of digits alone is dropped by the
    # caller (the mobile pattern finds those). The look-behind sits after the first character
    # (it checks the one before it) so that re can skip to 1/一/幺/壹.
    cn_mobile = rx(r"[1一幺壹](?<![0-9" + _CN_NUMBER + r"].)[ -]?[3-9三四五六七八九叁肆伍陆柒捌玖]"
                   r"(?:[ -]?[\d" + _CN_DIGITS + r"]){9}(?![0-9" + _CN_NUMBER + r"])")
    # A second number joined to a phone just found (0517-85912345/85912346, …、85912346), or
    # set after it with a space (0517-85912345 85912346): then not a date (20240305), a time
    # or a quantity (… 85912346元).
    joined = rx(r"(?:\s?(?:/|、|或者?|和)\s?"
                r"|[ 　](?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))"
                r"(?=\d{7,8}(?![\d" + _UNITS + r".:：/-])))"
                r"(\d{7,8})(?![0-9A-Za-z" + _MASK + r"])" + _NOT_MASKED)
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
        # A phone in Chinese numerals (or partly in them) lies in a run of any_number holding a
        # numeral: most runs hold none.
        "cn_char": rx(r"[" + _CN_DIGITS + r"]"),
        # Where OCR may have put a letter for a digit: one of O o l I next to a digit (every
        # letter ocr_read reads is one).
        "ocr_gate": rx(r"[" + _OCR_LETTERS + r"](?:(?<=\d.)|\d)"),
        "ocr_lone": rx(r"[" + _OCR_LETTERS + r"](?<![0-9].)(?![0-9])"),
        # A word that introduces a phone or an ID, then a run of digits and OCR letters.
        "ocr_run": rx(r"(?:电话|手机|座机|固话|宅电|传真|小灵通|联系方式|号码|身份证|证件号"
                      r"|(?<![A-Za-z])(?:[Tt][Ee][LlIi]|[Ff][Aa][Xx]))(?:号码|号)?\s*(?:是|为)?"
                      r"\s*[:：]?\s*([0-9" + _OCR_LETTERS + r"](?:[ \-－—–]?[0-9" + _OCR_LETTERS + r"]){6,})"),
        # The groups of an account or a case number stand on one line: a number on the next
        # line is a list item (1、…) or another entry, not more of the same number.
        "group_before": rx(r"(?<![0-9A-Za-z])\d{1,6}" + _GROUP_SEP + r"$"),
        # A short group after a number is more of it, unless a unit, a counter or a date mark
        # follows it (13905171234 2024年, 1390517 1234 09:15, … 5人, … 1组) or it opens a date
        # (… 2023-05-12): then it is a quantity of its own.
        "group_after": rx(_GROUP_SEP + r"(?!" + _DATE + r")\d{1,6}(?![0-9A-Za-z" + _MASK + r".:：/年月日号时点分元万人亩户个岁组队村栋楼层室次天])"),
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
    from .id_numbers import find_id_numbers

    return phones_outside(text, find_id_numbers(text))


def __getattr__(name: str):
    # find_id_numbers moved to id_numbers.py, which imports from this module: it is looked up
    # there when asked for (from xfnlp.extract.contacts import find_id_numbers still works).
    if name == "find_id_numbers":
        from .id_numbers import find_id_numbers

        return find_id_numbers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _digits(written: str) -> str:
    return _NON_DIGIT.sub("", written.translate(_CN_VALUE))


def ocr_read(text: str) -> str:
    """``text`` with the OCR letters of a number after a phone or ID word read as digits (see
    _OCR_LETTERS), same length so that spans stay valid; ``text`` itself when there are none.

    >>> ocr_read("联系电话l3905171234，O组")
    '联系电话13905171234，O组'
    """
    # Most letters have no Latin letter at all: four scans in C answer that sooner than a
    # regex over the letter.
    if "O" not in text and "o" not in text and "l" not in text and "I" not in text:
        return text
    pats = _patterns()
    if not pats["ocr_gate"].search(text):
        return text
    out = text
    for m in pats["ocr_run"].finditer(text):
        run = m.group(1)
        letters = sum(run.count(c) for c in _OCR_LETTERS)
        # A clerk reads one to three misread letters at sight, each next to a digit; more are
        # a word or a code.
        if (1 <= letters <= 3 and len(_NON_DIGIT.sub("", run)) >= 6
                and not pats["ocr_lone"].search(run)):
            out = out[:m.start(1)] + run.translate(_OCR_DIGIT) + out[m.end(1):]
    return out


def _as_written(spans: list[Span], text: str) -> list[Span]:
    # Spans found on the OCR reading of text carry the letters of text as written.
    return [Span(s.start, s.end, s.label, text[s.start:s.end], s.value) for s in spans]


def phones_outside(text: str, ids: list[Span]) -> list[Span]:
    """:func:`find_phones` given the ID numbers of ``text`` (found once for both fields)."""
    read = ocr_read(text)
    if read is not text:
        return _as_written(phones_outside(read, ids), text)
    pats = _patterns()
    spans, found = [], []
    runs = [m.span() for m in pats["any_number"].finditer(text)]
    long_number = any(pats["long_number"].search(text, a, b) for a, b in runs)
    chinese = any(pats["cn_char"].search(text, a, b) for a, b in runs)
    if long_number:
        mobile, starts = pats["mobile"]
        if "86" not in text:
            starts = pats["mobile_starts_without_86"]
        # The value of a mobile is its 11 digits, whatever country code was written before it.
        spans = [Span(m.start(), m.end(), "phone", m.group(), _NON_DIGIT.sub("", m.group())[-11:])
                 for m in finditer_from(mobile, starts, text) if _mobile_ok(text, m)]
        # (The value of a landline is its digits: a 一 in one is the dash.)
        found = [(m.start(), m.end(), m.group(), _NON_DIGIT.sub("", m.group()))
                 for m in finditer_from(*pats["landline"], text) if _landline_ok(text, m)]
        if "400" in text or "800" in text:
            found += [(m.start(), m.end(), m.group(), _digits(m.group()))
                      for m in pats["service"].finditer(text)
                      if not _account_like(text, m.start(), m.end())]
    if chinese:
        spans += [Span(m.start(), m.end(), "phone", m.group(), _digits(m.group()))
                  for m in pats["cn_mobile"].finditer(text) if not _CN_SET.isdisjoint(m.group())]
    if spans:
        spans = [s for s in spans if not _labelled_otherwise(text, s.start)]
    taken = [(s.start, s.end) for s in spans]
    if "+" in text:
        found += [(m.start(), m.end(), m.group(), _digits(m.group()))
                  for m in pats["intl"].finditer(text)]
    # A local number in digits passes both gates, one in Chinese numerals the cn_char gate.
    if chinese or long_number and any(pats["local_gate"].search(text, a, b) for a, b in runs):
        found += [(m.start(1), m.end(1), m.group(1), _digits(m.group(1)))
                  for m in finditer_from(*pats["local"], text)]
    for start, end, written, value in found:
        if any(start < e and s < end for s, e in taken) or _labelled_otherwise(text, start):
            continue
        taken.append((start, end))
        spans.append(Span(start, end, "phone", written, value))
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
