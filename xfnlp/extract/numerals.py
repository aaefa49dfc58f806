"""Numbers as petitioners write them: 12, 2.5, 十五, 二十多, 一百多万, 6万8千, 一万二千, 两.

A small parser of our own (no cn2an): it must accept the mixed forms of letters ("6万8千",
"4.2万") and is a few dozen lines.

>>> parse_number("一万二千")
12000
>>> parse_number("6万8千")
68000
>>> parse_number("二十多")
20
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
          "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}

# Character class of everything a number may be written with (used inside the regexes).
CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
NUM_CLASS = r"[0-9.," + CN_NUM_CHARS + r"]"

# Approximation words that may sit inside a number phrase and are dropped for the value.
APPROX = ("多", "余", "来", "几")


def _small(s: str) -> float | None:
    """A number below 10 000 without big units: '三千五百', '十五', '2.5', '3千5'."""
    if not s:
        return 0
    try:
        return float(s) if "." in s else int(s)
    except ValueError:
        pass
    total, cur, seen_unit = 0, None, False
    last_unit = 1
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == "."):
                j += 1
            try:
                cur = float(s[i:j]) if "." in s[i:j] else int(s[i:j])
            except ValueError:
                return None
            i = j
            continue
        if ch in DIGITS:
            cur = DIGITS[ch] if cur is None or ch in "零〇○" else cur * 10 + DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            total += (1 if cur is None else cur) * unit
            cur, seen_unit, last_unit = None, True, unit
        elif ch in APPROX or ch == ",":
            pass
        else:
            return None
        i += 1
    if cur is not None:
        # "一万二" / "三千五": a trailing digit after a unit means the next lower unit.
        if seen_unit and cur < 10 and last_unit >= 100 and s[-1] in DIGITS:
            cur *= last_unit // 10
        total += cur
    return total


def parse_number(text: str) -> float | int | None:
    """The value of a number phrase, or None when it is not one.

    Approximation words (多, 余, 来, 几) are ignored; "二三十" (a range) reads as its start.

    >>> parse_number("4.2万"), parse_number("一百多万"), parse_number("十二")
    (42000, 1000000, 12)
    """
    s = text.replace(",", "").replace("，", "").replace("点", ".").strip()
    if s in ("几", "几十", "十几"):
        return {"几": None, "几十": 10, "十几": 10}[s]
    s = s.replace("几", "")
    if not s:
        return None
    # Ranges of two adjacent digits ("二三十", "七八亩"): keep the smaller reading.
    if len(s) >= 2 and s[0] in DIGITS and s[1] in DIGITS and s[0] not in "零〇○" \
            and DIGITS[s[1]] == DIGITS[s[0]] + 1:
        s = s[0] + s[2:]
    total = 0
    rest = s
    for big_char, big in sorted(BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if big_char in rest:
            head, rest = rest.split(big_char, 1)
            value = _small(head) if head else 1
            if value is None:
                return None
            total += value * big
            # "6万8千": after a big unit, a bare trailing digit means the next unit down.
            if len(rest) == 1 and (rest in DIGITS or rest.isdigit()):
                total += (DIGITS.get(rest) or int(rest)) * big // 10
                rest = ""
    tail = _small(rest)
    if tail is None:
        return None
    total += tail
    if isinstance(total, float) and total.is_integer():
        total = int(total)
    return total
