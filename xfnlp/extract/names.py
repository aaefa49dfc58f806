"""Reading a person's name in a letter: a surname (a fact table) and one or two given characters.

Shared by both party finders and the role model's candidates, which ask for the name at the same
positions; the answers are memoized per letter.

>>> text = "我叫刘长福，住前进村"
>>> text[2:read_name(text, 2)]
'刘长福'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..letter import Span
from ..regex_cache import rx
from .letter_scan import _state, loose
from .lexicons import lexicon

# Characters that cannot be the given-name part of a person's name: function words, place
# suffixes, words that follow a name in a petition (称, 来访, 等 …).
_NAME_STOP = set("的了是在和与及等说称到向把被给将从年月日人、，。：:;；（）()\"“” \n"
                 "反于为也都就又还已因对让叫问找跟带陪男女岁电身住系他她我你们这那个些不没要会能"
                 "可所以而但或其该此每各村乡组家去私擅偷趁非未")
_TITLES_AFTER = ("女士", "先生", "师傅", "大爷", "大妈", "大娘", "阿姨", "老汉", "老太", "老师")
_TITLE_AFTER_FIRST = frozenset(t[0] for t in _TITLES_AFTER)
_TITLES_AFTER_BY_FIRST = {c: tuple(t for t in _TITLES_AFTER if t[0] == c) for c in _TITLE_AFTER_FIRST}
_SEP = rx(r"[、,，;；\s]+|及其?(?:儿子|女儿|妻子|丈夫|母亲|父亲|子|女|妻|夫)")
_SEP_PLAIN = rx(r"[、,，;；\s]+")
_PREFIX_WORDS = (r"村民代表|群众代表|村民|居民|群众|农户|代表|业主|渔民|农民|职工|住户|商户|租户|养殖户"
                 r"|承包户|社区|街道|村|组|镇|乡|书记|主任|组长|会计")
_PLACE_PREFIX = rx(r"^.*(?:" + _PREFIX_WORDS + ")")
_PREFIX_WORD = rx(_PREFIX_WORDS)


def read_name(text: str, i: int) -> int | None:
    """End of a person's name starting at ``i`` (surname + 1–2 given characters), or None.

    Memoized per letter (:mod:`xfnlp.extract.letter_scan`): the finders of both roles and the
    candidates of the role model ask for the name at the same positions.

    >>> t = "来访人刘某称"; t[3:read_name(t, 3)]
    '刘某'
    """
    scan = getattr(_state, "scan", None)
    if scan is None or scan.text is not text:
        scan = loose(text)
        if scan is None:
            return _read_name(text, i)
    memo = scan.names
    got = memo.get(i, memo)
    if got is memo:
        got = memo[i] = _read_name(text, i)
    return got


def _cjk_class_without(chars) -> str:
    """The CJK block of _cjk less ``chars``, as the ranges of a regex class."""
    out, lo = [], 0x4E00
    for c in sorted(ord(c) for c in set(chars) if _cjk(c)):
        if c > lo:
            out.append(f"\\u{lo:04x}-\\u{c - 1:04x}" if c - 1 > lo else f"\\u{lo:04x}")
        lo = c + 1
    if lo <= 0x9FFF:
        out.append(f"\\u{lo:04x}-\\u9fff")
    return "".join(out)


_NAME_RE = None


def _name_pattern():
    """read_name as one regex (compiled on first use): a double surname, else a single one (a
    double surname that reads no further is no name: no single surname is tried then), and
    then a title after the surname (女士, 先生 …), 某 or 某某, or one or two characters that can
    be given names (not one before 某: 年邹某 is no name, 邹某 is). Keep in step with _read_name_py, which spells the same out."""
    global _NAME_RE
    from .lexicons import alternation

    given = "[" + _cjk_class_without(_NAME_STOP) + "]"
    second = "[" + _cjk_class_without(_NAME_STOP - {"年"}) + "]"
    after_jia = "[" + _cjk_class_without(_NAME_STOP | _JIA_NOT_BEFORE) + "]"
    singles = "".join(sorted(re.escape(c) for c in lexicon("surnames_single")))
    doubles = alternation(lexicon("surnames_double"))
    titles = "|".join(_TITLES_AFTER)
    _NAME_RE = rx("(?:" + doubles + "|(?!" + doubles + ")[" + singles + "])"
                  "(?:" + titles + "|某某?|(?P<g>家" + after_jia + "|" + given + "(?!某)" + second + "?))")
    return _NAME_RE


# 家 starts a given name (熊家旺, 彭家福) only with a second character, and not one that makes
# a word (家里, 家门) or a place (张家湾, 李家庄: a village); alone it is the family (王家).
_JIA_NOT_BEFORE = frozenset("湾庄坝洼岗沟桥河湖山坡集营寨屯铺店圩墩埠嘴巷楼台场坊滩洲坪塘冲岭峪畈垸堡院港渡")


def _given_checked(text: str, gs: int, e: int) -> int | None:
    """End of the name whose given part is text[gs:e] as the pattern read it, after the word
    checks a pattern cannot make: 家 + a word is no name (家里); a second character 年 that
    makes a word with the first (明年, 当年) is not part of the name (年 ends 梁永年)."""
    g = text[gs:e]
    if g[0] == "家":
        return None if g in _word_pos_cached() else e
    if len(g) == 2 and g[1] == "年" and g in _word_pos_cached():
        return e - 1
    return e


def _read_name(text: str, i: int) -> int | None:
    m = (_NAME_RE or _name_pattern()).match(text, i)
    if m is None:
        return None
    gs = m.start("g")
    if gs < 0 or text[gs] != "家" and text[m.end() - 1] != "年":
        return m.end()
    return _given_checked(text, gs, m.end())


def _read_name_py(text: str, i: int) -> int | None:
    """_read_name spelled out (the regex of _name_pattern reads the same; tests compare them)."""
    singles, doubles = lexicon("surnames_single"), lexicon("surnames_double")
    if i >= len(text):
        return None
    if text[i:i + 2] in doubles:
        j = i + 2
    elif text[i] in singles:
        j = i + 1
    else:
        return None
    given = text[j:j + 1]
    if given in _TITLE_AFTER_FIRST:
        for title in _TITLES_AFTER_BY_FIRST[given]:
            if text.startswith(title, j):
                return j + len(title)
    if given == "某":
        return j + 2 if text[j + 1:j + 2] == "某" else j + 1
    second = text[j + 1:j + 2]
    if given == "家":
        if second and "\u4e00" <= second <= "\u9fff" and second not in _NAME_STOP \
                and second not in _JIA_NOT_BEFORE:
            return _given_checked(text, j, j + 2)
        return None
    if not given or not "\u4e00" <= given <= "\u9fff" or given in _NAME_STOP:
        return None
    if second == "某":
        # Nobody masks half a given name: in 今年邹某 the name is 邹某, not 年邹某.
        return None
    if second and "\u4e00" <= second <= "\u9fff" and (second not in _NAME_STOP or second == "年"):
        return _given_checked(text, j, j + 2)
    return j + 1


def _name_in_piece(piece: str, m: re.Match | None | bool = False) -> tuple[int, int | None]:
    """(start, end) of the name heading ``piece`` after a place or role prefix.

    ``m``: ``_PLACE_PREFIX.match(piece)`` when the caller has it already.
    """
    if m is False:
        m = _PLACE_PREFIX.match(piece)
    for off in ((m.end(), 0) if m else (0,)):
        e = read_name(piece, off)
        if e is not None and _plausible(piece[off:e]):
            return off, e
    if m:
        # The longest prefix can run past the name (竹坪村村委会主任|葛顺发及村民代表|6人): the
        # name may follow an earlier prefix word.
        for pm in _PREFIX_WORD.finditer(piece, 0, m.end()):
            e = read_name(piece, pm.end())
            if e is not None and _plausible(piece[pm.end():e]):
                return pm.end(), e
    return 0, None


def _plausible(name: str) -> bool:
    """A name must not read as an ordinary word (豆腐摊, 信息, 敬上, 江苏省).

    (Spelled out in line in role_candidates._name_candidates: keep the two in step.)
    """
    not_names, words = _PLAUSIBLE_TABLES or _plausible_tables()
    if name in not_names:
        return False
    pos = words.get(name[:2])
    return pos is None or pos.startswith("nr") or name[1] == "某"


_PLAUSIBLE_TABLES: tuple = ()


def _plausible_tables() -> tuple:
    """(not_names, word -> part of speech), bound on first use (asked ~40 times a letter)."""
    global _PLAUSIBLE_TABLES
    if not _PLAUSIBLE_TABLES:
        _PLAUSIBLE_TABLES = (lexicon("not_names"), _word_pos_cached())
    return _PLAUSIBLE_TABLES


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _names_in_pieces(text: str, start: int, end: int, first_only: bool = False) -> list[Span]:
    """Names at the head of each 、/，/space-separated piece of ``text[start:end]``."""
    out = []
    pos = start
    # Without 及 only the plain separators can split, and that pattern re scans fast.
    sep = _SEP if "及" in text[start:end] else _SEP_PLAIN
    for piece in sep.split(text[start:end]):
        idx = text.find(piece, pos, end) if piece else pos
        pos = idx + len(piece)
        if not piece:
            continue
        off, e = _name_in_piece(piece)
        if e is None:
            if first_only and out:
                break
            continue
        rest = piece[e:]
        # A piece such as "原籍高店镇" starts with a surname character but is not a name.
        if rest and rest[0] not in "等(（兄姐夫母父及" and _cjk(rest[0]) and not rest.startswith(("称", "来")):
            if first_only:
                break
            continue
        out.append(Span(idx + off, idx + e, "petitioner", piece[off:e]))
    return out


def _line_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _merge(spans: list[Span], exclude: set[str]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    for s in spans:
        if s.text in exclude:
            continue
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


@lru_cache(maxsize=1)
def _word_pos_cached():
    from .places import _word_pos
    return _word_pos()
