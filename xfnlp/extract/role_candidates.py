"""Candidate party spans of a letter for the role model (:mod:`xfnlp.extract.roles`).

The rule finders of :mod:`xfnlp.extract.parties` serve as a high-recall generator here: every
titled name, masked name (王某), company or body (…公司, …厂, 村委会, 镇政府), free description
(做家具的老板) and name-like chunk becomes a candidate, with the sources that proposed it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..regex_cache import rx
from .letter_scan import loose
from .lexicons import alternation, lexicon
from .names import _NAME_STOP, _TITLE_AFTER_FIRST, _cjk_class_without, _plausible, _plausible_tables, _read_name, read_name
from .petitioners import _collective
from .respondents import _may_match, _name_ok, _orgs, _rpatterns, _shared


_LABEL = rx(r"([^\n：:]{1,10})[：:]")
_NEWLINE = rx(r"\n")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _stop_chars() -> str:
    # (家 may start a given name: 熊家旺; names.read_name decides.)
    return "".join(sorted(re.escape(c) for c in _NAME_STOP - set(_TITLE_AFTER_FIRST) - {"某", "家"} if _cjk(c)))


@lru_cache(maxsize=None)
def _cpatterns():
    def alt(words):
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    surnames = "".join(sorted(map(re.escape, lexicon("surnames_single"))))
    # A character that can start a given name: CJK, not a stop character of names.
    given = _cjk_class_without(set(_stop_chars().replace("\\", "")))
    return {
        # Grouped by first character (lexicons.alternation): at any position the same word as
        # the words sorted longest first, found faster.
        "cue": rx("(?:" + alternation(lexicon("role_cues")) + ")"),
        # Where a surname followed by a character that can start a given name or 某/先生/女士 …
        # starts: single and double surnames apart (see _surname_starts).
        "single_start": rx("[" + surnames + "](?=[" + given + "])"),
        "double_start": rx("(?:" + alternation(lexicon("surnames_double")) + ")(?=[" + given + "])"),
        "lao": rx("老[" + surnames + "]"),
        "noun": rx("(?:" + alternation(lexicon("party_nouns") | lexicon("org_suffixes")
                                       | lexicon("bare_respondents")) + ")"),
        "quote": rx("[“\"「『]([\u4e00-\u9fff]{2,12})[”\"」』]"),
        "de_head": rx("(?:的|之)(?:" + alt(lexicon("kin_after_de") | {"子", "女"}) + ")"),
        "label_piece": rx(r"(?m)^[^\n：:]{1,10}[：:][ \t]*([^\n、，,；;。（(\s]{2,20})"),
        "title_after": rx(r"(?:女士|先生|师傅|大爷|大妈|大娘|阿姨|老汉|老太|老师|大姐|大哥|奶奶|爷爷|大嫂)"),
    }


def _place_around(place_ends: dict, s: int) -> int | None:
    """Start of a place (by its end in ``place_ends``) that ends one or two characters after
    ``s`` and starts before it: its suffix is the start of the word found at ``s``."""
    for k in (s + 1, s + 2):
        start = place_ends.get(k)
        if start is not None and start < s:
            return start
    return None


def _surname_starts(text: str) -> list[int]:
    """Where a surname followed by a possible given-name character starts, left to right and
    not overlapping (after 欧阳 the search goes on behind it; a double surname is tried first).

    Two scans in C instead of a look at every surname character: the single surnames (each
    takes one character, so they never hide one another) and the double ones (rare; a double
    surname hides a single surname at its second character).
    """
    cp = _cpatterns()
    singles = [m.start() for m in cp["single_start"].finditer(text)]
    doubles = [m.start() for m in cp["double_start"].finditer(text)]
    if not doubles:
        return singles
    hidden = {i + 1 for i in doubles}
    return sorted(set(doubles).union(i for i in singles if i not in hidden))


def _name_candidates(text: str, cands: dict, add) -> None:
    """Every surname + given-name chunk that reads as a name (the model judges its role).

    The hottest loop of the candidates (~20 surname starts a letter): read_name's per-letter
    memo and _plausible's tables are used in line (the same answers, without two calls a
    start), and a name without 某 is asked only respondents._name_ok, which asks _plausible.
    """
    scan = loose(text)
    memo = scan.names if scan is not None else {}
    not_names, words = _plausible_tables()
    for i in _surname_starts(text):
        e = memo.get(i, memo)
        if e is memo:
            e = memo[i] = _read_name(text, i)
        if e is None or e - i < 2:
            continue
        name = text[i:e]
        if "某" in name:
            # _plausible(name), spelled out
            if name in not_names:
                continue
            pos = words.get(name[:2])
            if pos is not None and not pos.startswith("nr") and name[1] != "某":
                continue
        elif not _name_ok(text, i, e):
            # (_name_ok asks _plausible itself: a name ok for a respondent is plausible.)
            continue
        # add(i, e, "name") in line: a name is 2-4 characters long
        got = cands.get((i, e))
        if got is None:
            cands[(i, e)] = {"name"}
        else:
            got.add("name")
    # Screens (as the respondent finder's _may_match): a character every match holds, looked
    # for with `in`, which costs far less than the scan it spares.
    if "老" in text:
        for m in _cpatterns()["lao"].finditer(text):
            add(m.start(), m.end(), "lao")


def candidates(text: str, rule_pets=(), rule_resps=(), towns=(), villages=()) -> dict:
    """Candidate spans of ``text``: {(start, end): set of sources}."""
    cands: dict[tuple[int, int], set] = {}

    def add(s, e, src):
        if e - s < 2 or e - s > 24:
            return
        key = (s, e)
        got = cands.get(key)
        if got is None:
            cands[key] = {src}
        else:
            got.add(src)

    for sp in rule_pets:
        add(sp.start, sp.end, "rule_p")
    for sp in rule_resps:
        add(sp.start, sp.end, "rule_r")
    rp = _rpatterns()
    # The respondent rules scanned the letter for the same patterns: their matches are shared.
    found = _shared(text)
    for m, e in found["titled"]:
        add(m.start(), e, "title_name")
        add(m.end(), e, "titled")
    for m in found["kin"]:
        e = read_name(text, m.end())
        if e is not None and _plausible(text[m.end():e]):
            add(m.end(), e, "kin_name")
    for o in _orgs(text):
        add(o.start, o.end, "org")
    place_ends = {sp.end: sp.start for sp in list(towns) + list(villages)}
    for m in found["bare"]:
        s, e = m.span()
        add(s, e, "bare")
        if s in place_ends:
            add(place_ends[s], e, "bare_place")
        elif (ps := _place_around(place_ends, s)) is not None:
            # The body's word starts with the place's suffix (龙口镇|政府 read as 镇政府, 望川
            # 街道|办事处 as 街道办事处): the place and the body, as written.
            add(ps, e, "bare_place")
        elif s > 0 and text[s - 1] in "区县市镇乡村组" and (s < 2 or not _cjk(text[s - 2])):
            add(s - 1, e, "bare_place")
    for key in ("describe", "named", "quoted"):
        for m in found[key]:
            add(m.start(1), m.end(1), key)
    for key in ("gang", "surname_of"):
        for m in found[key]:
            add(m.start(), m.end(), key)
            if key == "gang":
                add(m.start() + 2, m.end(), key)
    singles = lexicon("surnames_single")
    for m in found["surname_title"]:
        s = m.start() - 1
        if s >= 0 and text[s] in singles:
            add(s, m.end(), "surname_title")
    for m in found["de_kin"]:
        b = rp["bare"].search(text, max(0, m.start() - 4), m.start())
        if b and b.end() == m.start():
            add(b.start(), m.end(), "de_kin")
    for sp in _collective(text):
        add(sp.start, sp.end, "collective")
        if sp.label == "group":
            # The writers name themselves as this group (我们是…业主, …村民联名反映).
            add(sp.start, sp.end, "collective_self")
    _name_candidates(text, cands, add)
    _phrase_candidates(text, cands, add, towns, villages)
    return cands


# Characters after which a party phrase may start (function words, measure words, punctuation).
_BOUNDARY = set("的了是在和与及等给把被对向到去从往说叫让请找问个家一两三几那这该其跟同由将为于有些位条艘台辆群伙帮"
                "、，。；：:“”\"「」『』（）() \n")


def _phrase_candidates(text: str, cands: dict, add, towns, villages) -> None:
    """Noun phrases ending in a party head (船, 老板, 物业, …公司), every plausible left edge."""
    cp = _cpatterns()
    places = list(towns) + list(villages)
    place_starts = {sp.start for sp in places}
    nouns = [m.span() for m in cp["noun"].finditer(text)]
    # Where a phrase may start besides after a boundary: a place's start or end, a noun's end.
    edges = place_starts | {sp.end for sp in places} | {e for _, e in nouns}
    get = cands.get
    for hs, he in nouns:
        nxt = text[he:he + 1]
        if nxt and nxt in "长员里内外部门口":
            continue
        if he - hs >= 2:
            add(hs, he, "head")
        # Left edges: back over at most 8 CJK characters (so never over ，or 。). add(k, he,
        # "head_ext") in line: the phrase is at least 2 characters long.
        k = hs - 1
        low = max(0, hs - 8)
        while k >= low and "\u4e00" <= text[k] <= "\u9fff":
            if k == 0 or text[k - 1] in _BOUNDARY or not "\u4e00" <= text[k - 1] <= "\u9fff" or k in edges:
                if he - k <= 24:
                    got = get((k, he))
                    if got is None:
                        cands[(k, he)] = {"head_ext"}
                    else:
                        got.add("head_ext")
            k -= 1
    for sp in places:
        add(sp.start, sp.end, "place")
    # (Screens: see _name_candidates. A quote opens with one of the quoted pattern's marks.)
    if _may_match("quoted", text):
        for m in cp["quote"].finditer(text):
            add(m.start(1), m.end(1), "quote")
    # <name or party>的儿子 / 之子: the whole phrase.
    for m in cp["de_head"].finditer(text) if "的" in text or "之" in text else ():
        for length in (2, 3, 4, 5, 6):
            k = m.start() - length
            if k < 0 or not "\u4e00" <= text[k] <= "\u9fff":
                break
            if k == 0 or text[k - 1] in _BOUNDARY or not "\u4e00" <= text[k - 1] <= "\u9fff":
                add(k, m.end(), "de_kin")
    # Label lines (被举报对象：…, 信访人：…): the first piece after the colon.
    if "：" in text or ":" in text:
        # A label starts a line ((?m)^): a letter of one line is tried at its start alone, not
        # scanned (re would try every character).
        pieces = cp["label_piece"].finditer(text) if "\n" in text else (cp["label_piece"].match(text),)
        for m in pieces:
            if m is not None:
                add(m.start(1), m.end(1), "label_piece")


