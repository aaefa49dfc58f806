"""Areas, sums of money and dates, with normalized values.

* areas: value in 亩 (1 亩 = 666.67 m², 1 公顷 = 15 亩, 1 分 = 0.1 亩) — the unit land files use.
* money: value in 元.
* dates: value an ISO string, partial when the letter is ("2023-03", "2023", "--03-05" for a
  day without a year); relative years (去年, 今年) resolve only when a reference date is given.

>>> [(s.text, s.value) for s in find_areas("占了我家六分多地，另有300多平方米")]
[('六分', 0.6), ('300多平方米', 0.45)]
>>> [(s.text, s.value) for s in find_money("每亩3万元，欠了二十七万元出头")]
[('3万元', 30000), ('二十七万元', 270000)]
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from ..letter import Span
from ..regex_cache import rx
from ._scan import anchor_gate, finditer_anchored
from .numerals import CN_NUM_CHARS, parse_number

_CN = "零〇○一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"
# A number phrase: Arabic or Chinese digits, big units inside ("4.2万", "6万8千", "一百多万"),
# approximations only where a unit follows them ("一百多万"), and one trailing 多/余/来.
_NUM = (r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[" + _CN + r"几](?:点[" + _CN + r"]+)?)"
        r"(?:[\d." + CN_NUM_CHARS + r"几]|[多余](?=[十百千万亿]))*"
        r"(?:[多余来])?")

SQM_PER_MU = 2000 / 3


@lru_cache(maxsize=None)
def _patterns():
    # 分 is an area only as "六分地"/"八分多地" or after 亩 ("一亩三分"): "十分气愤" is not land.
    area = rx(
        r"(?P<num>" + _NUM + r")(?P<unit>平方公里|平方米|平米|平方|㎡|m²|m2|公顷|亩"
        r"(?:半|(?P<fen>[一二三四五六七八九\d])(?:分|(?=[地田的，。,、；\s]|$)))?)"
        r"|(?P<half>半)(?P<unit3>亩)"
        r"|(?P<num2>[一二两三四五六七八九\d](?:\.\d)?)(?P<unit2>分)(?=多?(?:地|田|宅|耕|菜|责任|自留|口粮))")
    money = rx(
        r"(?P<num>" + _NUM + r")(?P<unit>元|圆|块钱|块(?![地田砖石板玻牌匾木肉布瓦糖表碑区菜宅责自墙])"
        r"|美元)"
        r"|(?P<wnum>" + _NUM.replace("(?:[多余来])?", "") + r"[万亿](?:[一二三四五六七八九\d](?![\d.]))?[多余]?)"
        r"(?![元块圆\d万亿人户名位亩平方分斤吨株棵字米公多次件套间个辆只头条张台座年天])")
    year = r"(?:19[4-9]\d|20\d\d|[一二][〇零九][〇零一二三四五六七八九]{2})"
    month = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
    day = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
    lunar = r"(?:正月|腊月|冬月)"
    part = r"(?:上旬|中旬|下旬|初|底|末|中)"
    date = rx(
        r"(?<![\d.\-/])(?P<iso>(?P<iy>" + year + r")(?P<sep>[.\-/])(?P<im>1[0-2]|0?[1-9])"
        r"(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9]))(?![\d.\-/]\d)"
        r"|(?P<y>" + year + r")年(?:(?P<m>" + month + r")月份?(?:(?P<d>" + day + r")[日号])?"
        r"(?:" + part + r"(?!期))?|(?P<lm>" + lunar + r")|(?P<yp>底|初|末))?"
        r"|(?P<rel>去年|今年|前年|明年)(?:(?P<rm>" + month + r")月份?(?:(?P<rd>" + day + r")[日号])?"
        r"(?:" + part + r"(?!期))?|(?P<rlm>" + lunar + r"))"
        r"|(?<![\d年个.\-/])(?P<m2>" + month + r")月(?![多来余])份?(?:(?P<d2>" + day + r")[日号])?"
        r"(?:" + part + r"(?![期心央国间]))?"
    )
    # Where a match can start (see _scan.py): a number is a run of these characters, and the unit
    # (亩, 元, or 万/亿 of a bare sum) follows it; a date's year or month is followed by 年, 月 or
    # a separator, and a relative year (去年) is a character and 年.
    number = r".,点几多余来" + CN_NUM_CHARS
    area_at = (anchor_gate("平㎡m公亩分", number + "半"), number + "半")
    money_at = (anchor_gate("元圆块美万亿", number), number)
    date_at = (anchor_gate("年月.-/", "〇零一二三四五六七八九十去今前明"), "〇零一二三四五六七八九十去今前明")
    return (area, *area_at), (money, *money_at), (date, *date_at)


def _area_value(num: str, unit: str, fen: str | None = None) -> float | None:
    n = parse_number(num)
    if n is None:
        return None
    if unit.startswith("亩"):
        mu = float(n) + (float(parse_number(fen)) / 10 if fen else 0.0)
    elif unit == "分":
        mu = float(n) / 10
    elif unit == "公顷":
        mu = float(n) * 15
    elif unit == "平方公里":
        mu = float(n) * 1500
    else:
        mu = float(n) / SQM_PER_MU
    return round(mu, 4)


def _left_ok(text: str, start: int) -> bool:
    # A number must not start inside a word ("统一") or another number ("第一").
    if start == 0:
        return True
    prev = text[start - 1]
    return prev not in "第统唯之初万同单逐" and not prev.isdigit()


def find_areas(text: str) -> list[Span]:
    """Areas with their value in 亩.

    >>> [(s.text, s.value) for s in find_areas("少说也有八分多地，鱼塘80余亩，约1.2公顷")]
    [('八分', 0.8), ('80余亩', 80.0), ('1.2公顷', 18.0)]
    """
    area, _, _ = _patterns()
    out = []
    for m in finditer_anchored(*area, text):
        if m.group("half"):
            out.append(Span(m.start(), m.end(), "area", m.group(), 0.5))
            continue
        if m.group("num") is not None:
            num, unit, fen = m.group("num"), m.group("unit"), m.group("fen")
            if unit.endswith("半"):
                unit, fen = "亩", "五"
        else:
            num, unit, fen = m.group("num2"), m.group("unit2"), None
        if not _left_ok(text, m.start()):
            continue
        after = text[m.end():m.end() + 6]
        before = text[max(0, m.start() - 2):m.start()]
        # "一亩1000块" / "每亩3万元" name a rate, not an area of the case.
        if num == "一" and unit == "亩" and (before.endswith("每") or re.match(
                r"地?(?:[\d一二三四五六七八九十两几]|一年|每年|多少|补|给|租|卖|能|算|的[补租价钱])", after)):
            continue
        value = _area_value(num, unit, fen)
        if value is None or value == 0:
            continue
        out.append(Span(m.start(), m.end(), "area", m.group(), value))
    return out


_MONEY_WORDS = rx(r"钱|款|元|租金|补偿|赔|付|欠|卖|收|花|价|费|交|借|拿|给|退|定金|工资|贷")


def _money_context(text: str, start: int, end: int) -> bool:
    # A bare "12万" is money only when the clause is about money (卖了12万, 补偿款16.8万).
    left = max(text.rfind(c, 0, start) for c in "，。,；;！？!?\n") + 1
    right = min([i for i in (text.find(c, end) for c in "，。,；;！？!?\n") if i >= 0] or [len(text)])
    return bool(_MONEY_WORDS.search(text[left:start]) or _MONEY_WORDS.search(text[end:right]))


def find_money(text: str) -> list[Span]:
    """Sums of money with their value in 元.

    >>> [(s.text, s.value) for s in find_money("合同价6万8千元，尾款一万二千块，月租300块")]
    [('6万8千元', 68000), ('一万二千块', 12000), ('300块', 300)]
    """
    _, money, _ = _patterns()
    out = []
    for m in finditer_anchored(*money, text):
        if not _left_ok(text, m.start()):
            continue
        num = m.group("num") or m.group("wnum")
        value = parse_number(num.replace("点", "."))
        if value is None or value == 0:
            continue
        # "三块" is almost always "three pieces" (三块地) unless 钱 follows or it is large.
        if m.group("unit") == "块" and len(num) == 1 and not num.isdigit():
            continue
        if m.group("wnum") and not _money_context(text, m.start(), m.end()):
            continue
        out.append(Span(m.start(), m.end(), "money", m.group(), value))
    return out


def _num(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):
        return int("".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in s))
    v = parse_number(s)
    return int(v) if v is not None else None


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}" + (f"-{day:02d}" if day else "")
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


_REL_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def find_dates(text: str, reference_date: _dt.date | None = None) -> list[Span]:
    """Dates with at least a month or a year; ISO values, partial where the letter is.

    Lunar months (腊月, 正月) keep only the year in the value: their Gregorian month is unknown.

    >>> [(s.text, s.value) for s in find_dates("2023年12月28日、2023.3.5、今年5月份",
    ...                                         reference_date=_dt.date(2024, 6, 1))]
    [('2023年12月28日', '2023-12-28'), ('2023.3.5', '2023-03-05'), ('今年5月份', '2024-05')]
    """
    _, _, date = _patterns()
    out = []
    for m in finditer_anchored(*date, text):
        g = m.groupdict()
        if g["iso"]:
            value = _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["y"]:
            y = _num(g["y"])
            value = _iso(y, _num(g["m"]), _num(g["d"]))
        elif g["rel"]:
            y = reference_date.year + _REL_YEARS[g["rel"]] if reference_date else None
            if y is None:
                value = None
            else:
                value = _iso(y, _num(g["rm"]), _num(g["rd"]))
        else:
            month = _num(g["m2"])
            day = _num(g["d2"])
            year = reference_date.year if reference_date else None
            value = _iso(year, month, day)
        out.append(Span(m.start(), m.end(), "date", m.group(), value))
    return out
