"""The party step as it was before it was made faster (commit 6709fb5), kept as the oracle for
tests/test_party_speed_equivalence.py. Not used by xfnlp itself.

A flat copy of names.py, petitioners.py, role_candidates.py and role_features.py of that commit
(read_name without its memo), and of the learned path of find_parties / decide_parties /
spans_of. What belongs to others is called live: the respondent rules
(xfnlp.extract.respondents), the decision on features (roles.decide_from_features), the span
edges (party_edges) and the head count (flags), so a change of those rules moves both sides.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from xfnlp.extract.lexicons import alternation, lexicon
from xfnlp.extract.role_candidates import _place_around
from xfnlp.extract.respondents import _name_ok, _orgs, _respondents, _rpatterns
from xfnlp.letter import Span
from xfnlp.regex_cache import rx



# ---- names.py ----------------------------------------------------------------------------------

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


def read_name(text: str, i: int) -> int | None:
    if i >= len(text):
        return None
    if text[i:i + 2] in lexicon("surnames_double"):
        j = i + 2
    elif text[i] in lexicon("surnames_single"):
        j = i + 1
    else:
        return None
    given = text[j:j + 1]
    for title in _TITLES_AFTER_BY_FIRST.get(given, ()):
        if text.startswith(title, j):
            return j + len(title)
    if given == "某":
        return j + 2 if text[j + 1:j + 2] == "某" else j + 1
    second = text[j + 1:j + 2]
    # (mirrors names._read_name_py since 2026-11-22: 家 starts a three-character name, 年 may
    # end one; the word checks are the live ones)
    from xfnlp.extract.names import _JIA_NOT_BEFORE, _given_checked

    if given == "家":
        if second and "\u4e00" <= second <= "\u9fff" and second not in _NAME_STOP \
                and second not in _JIA_NOT_BEFORE:
            return _given_checked(text, j, j + 2)
        return None
    if not given or not "\u4e00" <= given <= "\u9fff" or given in _NAME_STOP:
        return None
    if second == "某":
        return None
    if second and "\u4e00" <= second <= "\u9fff" and (second not in _NAME_STOP or second == "年"):
        return _given_checked(text, j, j + 2)
    return j + 1


def _name_in_piece(piece: str) -> tuple[int, int | None]:
    """(start, end) of the name heading ``piece`` after a place or role prefix."""
    m = _PLACE_PREFIX.match(piece)
    for off in ((m.end(), 0) if m else (0,)):
        e = read_name(piece, off)
        if e is not None and _plausible(piece[off:e]):
            return off, e
    if m:
        for pm in re.finditer(_PREFIX_WORDS, piece[:m.end()]):
            e = read_name(piece, pm.end())
            if e is not None and _plausible(piece[pm.end():e]):
                return pm.end(), e
    return 0, None


def _plausible(name: str) -> bool:
    """A name must not read as an ordinary word (豆腐摊, 信息, 敬上, 江苏省)."""
    if name in lexicon("not_names"):
        return False
    pos = _word_pos_cached().get(name[:2])
    return pos is None or pos.startswith("nr") or name[1] == "某"


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
    from xfnlp.extract.places import _word_pos
    return _word_pos()


# ---- petitioners.py ----------------------------------------------------------------------------

# The collective's pattern, its township trim and the self-named groups are called live (they
# came after that commit).
from xfnlp.extract.petitioners import (  # noqa: E402
    _COLLECTIVE, _COLLECTIVE_ENDS, _COLLECTIVE_REACH, _group_start, _self_named_groups)
_DATE_OR_PHONE = rx(r"\d{4}[年.\-/]\d{1,2}(?:[月.\-/]\d{1,2}日?)?|\d{4}年|(?:联系)?电话[:：]?\s*[\d\- ]+"
                            r"|1[3-9]\d[\d\- ]{8,}|[（(][^）)]{0,20}[）)]")


@lru_cache(maxsize=None)
def _patterns():
    """Compiled patterns of the petitioner finder (built once)."""
    return {
        # A cue not after 被 (被来访人 is not one): (?<![被])(?:cues), with the look-behind
        # written after each word so that re skips ahead to the first characters of the cues.
        "cue": rx(r"(?:" + alternation(lexicon("petitioner_cues"), tail=lambda w: "(?<!被" + re.escape(w) + ")")
                          + r")\s*[:：]?\s*"),
        "staff": rx(r"(?:" + alternation(lexicon("staff_cues")) + r")"),
        "self": rx(r"(?:我叫|名叫|我的名字叫|本人(?:叫|是|系)?|姓名[:：]\s*)"),
        "i_am": rx(r"我(?:是|们是)[^，。,；;\n]{2,24}?的(?=[\u4e00-\u9fff])"),
        "i_am_called": rx(r"我是[^。；;！!？?\n]{1,30}?[，,]\s*(?:名字)?叫"),
        "came": rx(r"(?:来访|来信|来电|上访|信访)"),
    }


def _petitioners(text: str) -> list[Span]:
    pat = _patterns()
    found: list[Span] = []
    staff_lines = set()
    for m in pat["staff"].finditer(text):
        staff_lines.add(text.rfind("\n", 0, m.start()))
    # 1. Field labels: 信访人：…, 来访人：…, 代表：…
    for m in pat["cue"].finditer(text):
        if text.rfind("\n", 0, m.start()) in staff_lines and not text[m.start():m.end()].startswith(
                tuple(lexicon("petitioner_cues"))):
            continue
        end = _line_end(text, m.end())
        stop = re.search(r"[。；;]|反映|称|事由|诉求", text[m.end():end])
        end = m.end() + stop.start() if stop else end
        colon = text[m.start():m.end()].rstrip().endswith((":", "："))
        found += _names_in_pieces(text, m.end(), end, first_only=not colon)
    # 2. 我叫 X / 本人 X / 我是…的 X
    for key in ("self", "i_am", "i_am_called"):
        for m in pat[key].finditer(text):
            e = read_name(text, m.end())
            if e is not None and _plausible(text[m.end():e]):
                found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    for m in re.finditer(r"我是([^，。,；;！!？?\n]{3,24})[，。,；;\n]", text):
        # "我是桑园村一组邵德胜，": a name closing the self-introduction.
        for length in (3, 2, 4):
            s = m.end(1) - length
            if s > m.start(1) and text[s - 1] in "村组区队道镇乡的民户主" and read_name(text, s) == m.end(1) \
                    and _plausible(text[s:m.end(1)]):
                found.append(Span(s, m.end(1), "petitioner", text[s:m.end(1)]))
                break
    # 3. … 村 X 来访 / 村民 X 来信 / 群众 X 等人
    for m in pat["came"].finditer(text):
        for length in (3, 2, 4):
            s = m.start() - length
            if s >= 0 and (s == 0 or not _cjk(text[s - 1]) or text[s - 1] in "村组民众乡镇区道主") \
                    and read_name(text, s) == m.start():
                found.append(Span(s, m.start(), "petitioner", text[s:m.start()]))
                break
    after = r"(?:[等:：]|反映|投诉|举报|来信|来访|来电|联名)"
    for m in re.finditer(r"(?:群众|村民|居民|农户|村民代表|业主|渔民|农民|住户|商户|职工)"
                         r"(?=[\u4e00-\u9fff]{2,4}" + after + ")", text):
        e = read_name(text, m.end())
        if e is not None and re.match(after, text[e:]) and _plausible(text[m.end():e]):
            found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    for m in re.finditer(r"(?:转来|转交|转办|交办)(?:的)?", text):
        e = read_name(text, m.end())
        if e is not None and re.match(r"[（(等]|的?(?:来信|信访|来访|反映|诉求|投诉|举报)", text[e:]) \
                and _plausible(text[m.end():e]):
            found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    # 4. Signature: short last lines made of names (after a place, before a date).
    found += _signature(text, staff_lines)
    return found


def _signature(text: str, staff_lines: set) -> list[Span]:
    out = []
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    for start, line in lines[-4:]:
        if text.rfind("\n", 0, start + 1) in staff_lines or text.rfind("\n", 0, start) in staff_lines:
            continue
        if _rpatterns()["label"].search(line):
            continue   # 被反映人：… names the respondent, not a signature
        offset = 0
        if len(line) > 40:
            # A one-line letter signed at its end: "…去哪里办？桃源镇 张桂英".
            cut = max(line.rfind(c) for c in "。？！?!")
            if cut < 0 or len(line) - cut > 20:
                continue
            offset = cut + 1
        seg = _DATE_OR_PHONE.sub(lambda mm: " " * len(mm.group()), line[offset:])
        for piece in re.finditer(r"[^、,，\s—\-－]+", seg):
            p = piece.group()
            off, e = _name_in_piece(p)
            if e is None or len(p) - e > 0 and not p[e:].startswith("等"):
                continue
            s = start + offset + piece.start() + off
            out.append(Span(s, s + e - off, "petitioner", p[off:e]))
    return out


def _collective(text: str) -> list[Span]:
    """Unnamed collectives signing or labelled as petitioners ("长冲村村民")."""
    out = []
    cue = _patterns()["cue"]
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    candidates = [(s, line) for s, line in lines[-2:] if len(line) <= 30]
    for m in cue.finditer(text):
        candidates.append((m.end(), text[m.end():_line_end(text, m.end())]))
    for start, seg in candidates:
        # Every match ends in one of _COLLECTIVE_ENDS and starts at most _COLLECTIVE_REACH
        # characters before it: the search starts there (the same leftmost match, found sooner).
        ends = [i for i in (seg.find(w) for w in _COLLECTIVE_ENDS) if i >= 0]
        if not ends:
            continue
        m = next((m for m in _COLLECTIVE.finditer(seg, max(0, min(ends) - _COLLECTIVE_REACH))
                  if not re.search(r"一个|一位|有个|[\d一二三四五六七八九十百几]+[余多]?[名人户位个]", m.group())),
                 None)
        if m:
            s = start + m.start() + _group_start(m.group())
            out.append(Span(s, start + m.end(), "petitioner", text[s:start + m.end()]))
    groups = _self_named_groups(text)
    if out:
        first = out[0]
        if any(g.text == first.text for g in groups):
            return [Span(first.start, first.end, "group", first.text)]
        return out[:1]
    return groups[:1]


def count_people(text: str) -> int | None:
    """How many people petition together (30余名村民 → 30), or None: the head count of the
    flags (:func:`xfnlp.flags.petition_head_count`), so that the 集体访 flag and the extracted
    ``head_count`` never disagree. People merely mentioned (拖欠48名职工工资) do not count.

    >>> count_people("来访人数：6人（带头人：吴长山）；另有30多名村民联名")
    30
    """
    from xfnlp.flags import petition_head_count

    return petition_head_count(text)


# ---- role_candidates.py ------------------------------------------------------------------------

_CLAUSE_END = rx(r"[，。,！？!?；;\n]")
_LABEL = rx(r"([^\n：:]{1,10})[：:]")
_NEWLINE = rx(r"\n")


def _stop_chars() -> str:

    return "".join(sorted(re.escape(c) for c in _NAME_STOP - set(_TITLE_AFTER_FIRST) - {"某", "家"} if _cjk(c)))


@lru_cache(maxsize=None)
def _cpatterns():
    def alt(words):
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    surnames = "".join(sorted(map(re.escape, lexicon("surnames_single"))))
    doubles = alt(lexicon("surnames_double"))
    return {
        "cue": rx("(?:" + alt(lexicon("role_cues")) + ")"),
        # A surname followed by a character that can start a given name or 某/先生/女士 ….
        "surname": rx("(?:" + doubles + "|[" + surnames + "])(?=[\u4e00-\u9fff])(?![" + _stop_chars()
                              + "])"),
        "lao": rx("老[" + surnames + "]"),
        "surname_first": rx("[" + "".join(sorted(map(re.escape, set(lexicon("surnames_single"))
                                                            | {d[0] for d in lexicon("surnames_double")}))) + "]"),
        "doubles": frozenset(lexicon("surnames_double")),
        "singles": frozenset(lexicon("surnames_single")),
        "stop": frozenset(c for c in _stop_chars().replace("\\", "")),
        "noun": rx("(?:" + alt(lexicon("party_nouns") | lexicon("org_suffixes")
                                      | lexicon("bare_respondents")) + ")"),
        "quote": rx("[“\"「『]([\u4e00-\u9fff]{2,12})[”\"」』]"),
        "de_head": rx("(?:的|之)(?:" + alt(lexicon("kin_after_de") | {"子", "女"}) + ")"),
        "title_after": rx(r"(?:女士|先生|师傅|大爷|大妈|大娘|阿姨|老汉|老太|老师|大姐|大哥|奶奶|爷爷|大嫂)"),
    }


def _surname_starts(text: str):
    """Where a surname followed by a possible given-name character starts (left to right,
    not overlapping: after 欧阳 the search goes on behind it), as the "surname" pattern finds.

    One scan for the characters that can start a surname (a plain class), then set look-ups:
    much faster than the pattern's alternation and look-aheads tried at every position.
    """
    cp = _cpatterns()
    doubles, singles, stop = cp["doubles"], cp["singles"], cp["stop"]
    n = len(text)
    pos = 0
    for m in cp["surname_first"].finditer(text):
        i = m.start()
        if i < pos:
            continue
        j = 0
        if text[i:i + 2] in doubles and i + 2 < n and "\u4e00" <= text[i + 2] <= "\u9fff" \
                and text[i + 2] not in stop:
            j = i + 2
        elif text[i] in singles and i + 1 < n and "\u4e00" <= text[i + 1] <= "\u9fff" \
                and text[i + 1] not in stop:
            j = i + 1
        if j:
            yield i
            pos = j


def _name_candidates(text: str, add) -> None:
    """Every surname + given-name chunk that reads as a name (the model judges its role)."""

    cp = _cpatterns()
    for i in _surname_starts(text):
        e = read_name(text, i)
        if e is None or e - i < 2:
            continue
        name = text[i:e]
        if not _plausible(name):
            continue
        if "某" not in name and not _name_ok(text, i, e):
            continue
        add(i, e, "name")
    for m in cp["lao"].finditer(text):
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
    for m in rp["title"].finditer(text):
        e = read_name(text, m.end())
        if e is None or not _plausible(text[m.end():e]):
            continue
        add(m.start(), e, "title_name")
        add(m.end(), e, "titled")
    for m in rp["kin"].finditer(text):
        e = read_name(text, m.end())
        if e is not None and _plausible(text[m.end():e]):
            add(m.end(), e, "kin_name")
    for o in _orgs(text):
        add(o.start, o.end, "org")
    place_ends = {sp.end: sp.start for sp in list(towns) + list(villages)}
    for m in rp["bare"].finditer(text):
        s, e = m.span()
        add(s, e, "bare")
        if s in place_ends:
            add(place_ends[s], e, "bare_place")
        elif (ps := _place_around(place_ends, s)) is not None:
            # (mirrors role_candidates: a body's word that starts with the place's suffix)
            add(ps, e, "bare_place")
        elif s > 0 and text[s - 1] in "区县市镇乡村组" and (s < 2 or not _cjk(text[s - 2])):
            add(s - 1, e, "bare_place")
    for key in ("describe", "named", "quoted"):
        for m in rp[key].finditer(text):
            add(m.start(1), m.end(1), key)
    for key in ("gang", "surname_of"):
        for m in rp[key].finditer(text):
            add(m.start(), m.end(), key)
            if key == "gang":
                add(m.start() + 2, m.end(), key)
    for m in rp["surname_title"].finditer(text):
        s = m.start() - 1
        if s >= 0 and text[s] in lexicon("surnames_single"):
            add(s, m.end(), "surname_title")
    for m in rp["de_kin"].finditer(text):
        b = rp["bare"].search(text, max(0, m.start() - 4), m.start())
        if b and b.end() == m.start():
            add(b.start(), m.end(), "de_kin")
    for sp in _collective(text):
        add(sp.start, sp.end, "collective")
        if sp.label == "group":
            add(sp.start, sp.end, "collective_self")
    _name_candidates(text, add)
    _phrase_candidates(text, add, towns, villages)
    return cands


# Characters after which a party phrase may start (function words, measure words, punctuation).
_BOUNDARY = set("的了是在和与及等给把被对向到去从往说叫让请找问个家一两三几那这该其跟同由将为于有些位条艘台辆群伙帮"
                "、，。；：:“”\"「」『』（）() \n")


def _phrase_candidates(text: str, add, towns, villages) -> None:
    """Noun phrases ending in a party head (船, 老板, 物业, …公司), every plausible left edge."""
    cp = _cpatterns()
    place_starts = {sp.start for sp in list(towns) + list(villages)}
    place_ends = {sp.end for sp in list(towns) + list(villages)}
    nouns = [m.span() for m in cp["noun"].finditer(text)]
    place_ends |= {e for _, e in nouns}
    for hs, he in nouns:
        nxt = text[he:he + 1]
        if nxt and nxt in "长员里内外部门口":
            continue
        if he - hs >= 2:
            add(hs, he, "head")
        k = hs - 1
        low = max(0, hs - 8)
        while k >= low and _cjk(text[k]) and text[k] not in "，。":
            if k == 0 or text[k - 1] in _BOUNDARY or not _cjk(text[k - 1]) or k in place_starts or k in place_ends:
                add(k, he, "head_ext")
            k -= 1
    for sp in list(towns) + list(villages):
        add(sp.start, sp.end, "place")
    for m in cp["quote"].finditer(text):
        add(m.start(1), m.end(1), "quote")
    # <name or party>的儿子 / 之子: the whole phrase.
    for m in cp["de_head"].finditer(text):
        for length in (2, 3, 4, 5, 6):
            k = m.start() - length
            if k < 0 or not _cjk(text[k]):
                break
            if k == 0 or text[k - 1] in _BOUNDARY or not _cjk(text[k - 1]):
                add(k, m.end(), "de_kin")
    # Label lines (被举报对象：…, 信访人：…): the first piece after the colon.
    for m in re.finditer(r"(?m)^[^\n：:]{1,10}[：:][ \t]*([^\n、，,；;。（(\s]{2,20})", text):
        add(m.start(1), m.end(1), "label_piece")


# ---- role_features.py --------------------------------------------------------------------------

def _register(text: str) -> str:
    head = text[:40]
    if "来访登记" in head or "来访" in head[:8]:
        return "visit"
    if "标题" in head or "热线" in head or "留言" in head or "来电" in head:
        return "online"
    if "交办" in head or "转办" in head or "转送" in head or "信访局" in head[:12]:
        return "forwarded"
    return "letter"


def _kind(span: str, srcs: set) -> str:
    if "某" in span:
        return "masked"
    if srcs & {"org"}:
        return "org"
    if srcs & {"bare", "bare_place"}:
        return "bare"
    if srcs & {"describe", "gang", "surname_of", "named", "quoted", "de_kin", "collective"}:
        return "desc"
    if srcs & {"title_name", "surname_title"}:
        return "titled_person"
    if srcs & {"name", "name2", "titled", "kin_name", "lao"}:
        return "person"
    return "other"


def _fold(ch: str, edge: str) -> str:
    # Context characters: CJK as they are, everything else folded to #.
    return ch if "\u4e00" <= ch <= "\u9fff" else "#"


_CUE_NAMES: dict[str, tuple[str, str]] = {}


class _Doc:
    """Per-letter lookups shared by the features of all candidates.

    The features of an occurrence split into those fixed by its start (left context, cues
    before it in its clause, its line) and those fixed by its end (right context, cues after
    it): each is built once per position as a frozenset and shared by every candidate that
    starts or ends there (a letter has ~30 candidates over far fewer distinct edges).
    """

    __slots__ = ("text", "clause_ends", "line_starts", "clause_cues", "n_lines", "reg",
                 "labels", "_left", "_right")

    def __init__(self, text: str):
        self.text = text
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.n_lines = len(self.line_starts)
        self.labels: dict[int, tuple | None] = {}
        self.clause_cues: dict[int, list] = {}
        self.reg = _register(text)
        self._left: dict[int, frozenset] = {}
        self._right: dict[int, frozenset] = {}

    def label(self, k: int) -> tuple | None:
        """(last characters of the field label, where its value starts, staff label?) of line k."""
        if k in self.labels:
            return self.labels[k]
        text = self.text
        m = _LABEL.match(text, self.line_starts[k])
        got = None
        if m:
            after = m.end()
            while after < len(text) and text[after] in " \t":
                after += 1
            lab = m.group(1).strip()
            got = (lab[-3:], after, any(w in lab for w in lexicon("staff_cues")))
        self.labels[k] = got
        return got

    def cues_of_clause(self, k: int) -> list:
        """Cue words of clause k (between clause ends k-1 and k), scanned on first use: no cue
        holds a clause end, so scanning clause by clause finds what a scan of the letter finds."""
        got = self.clause_cues.get(k)
        if got is None:
            ends = self.clause_ends
            lo = ends[k - 1] + 1 if k else 0
            hi = ends[k] if k < len(ends) else len(self.text)
            names = _CUE_NAMES
            got = []
            for m in _cpatterns()["cue"].finditer(self.text, lo, hi):
                w = m.group()
                pair = names.get(w)
                if pair is None:
                    pair = names[w] = ("cb:" + w, "ca:" + w)
                got.append((m.start(), m.end(), pair[0], pair[1]))
            self.clause_cues[k] = got
        return got

    def left(self, s: int) -> frozenset:
        """Features fixed by an occurrence's start: left context, clause cues before, line."""
        got = self._left.get(s)
        if got is not None:
            return got
        text = self.text
        ends = self.clause_ends
        f = []
        k = bisect_left(ends, s)
        cs = ends[k - 1] + 1 if k else 0
        f += [c[2] for c in self.cues_of_clause(k) if c[1] <= s]
        if cs == s:
            f.append("clause_first")
        k = bisect_right(self.line_starts, s) - 1
        ls = self.line_starts[k]
        lab = self.label(k)
        if lab and lab[1] <= s:
            f.append("lab:" + lab[0])
            if lab[2]:
                f.append("staff_line")
            if lab[1] == s:
                f.append("lab_first")
        le = self.line_starts[k + 1] - 1 if k + 1 < self.n_lines else len(text)
        if le - ls <= 24:
            f.append("short_line")
        if k == 0:
            f.append("line:first")
        elif k >= self.n_lines - 2:
            f.append("line:last2")
        f.append("pos:" + str(min(4, 5 * s // max(1, len(text)))))
        got = self._left[s] = frozenset(f)
        return got

    def right(self, e: int) -> frozenset:
        """Features fixed by an occurrence's end: right context, clause cues after."""
        got = self._right.get(e)
        if got is not None:
            return got
        text = self.text
        n = len(text)
        f = []
        ends = self.clause_ends
        k2 = bisect_left(ends, e)
        ce = ends[k2] if k2 < len(ends) else n
        f += [c[3] for c in self.cues_of_clause(k2) if c[0] >= e]
        if ce == e:
            f.append("clause_last")
        got = self._right[e] = frozenset(f)
        return got


_KIND_FEATURE = {k: "kind:" + k for k in ("masked", "org", "bare", "desc", "titled_person", "person", "other")}
_LEN_FEATURE = ["len:" + str(min(n, 9)) for n in range(26)]
_SRC_FEATURE: dict[frozenset, tuple] = {}


def _cheap_features(text: str, s: int, e: int, srcs: set, feats: set) -> None:
    """The features of an occurrence read off the span and its four neighbours alone."""
    src_f = _SRC_FEATURE.get(frozenset(srcs))
    if src_f is None:
        src_f = _SRC_FEATURE[frozenset(srcs)] = tuple("src:" + src for src in srcs)
    feats.update(src_f)
    kind = _kind(text[s:e], srcs)
    feats.add(_KIND_FEATURE[kind])
    feats.add(_LEN_FEATURE[e - s] if e - s < 26 else "len:9")
    if kind in ("org", "bare", "desc", "other"):
        feats.add("end2:" + text[e - 2:e])
    n = len(text)
    l1 = _fold(text[s - 1], "^") if s else "^"
    l2 = _fold(text[s - 2], "^") if s > 1 else "^"
    r1 = _fold(text[e], "$") if e < n else "$"
    r2 = _fold(text[e + 1], "$") if e + 1 < n else "$"
    feats.add("L1:" + l1)
    feats.add("L2:" + l2 + l1)
    feats.add("R1:" + r1)
    feats.add("R2:" + r1 + r2)


def occurrence_cheap_features(text: str, s: int, e: int, srcs: set) -> list[str]:
    """The cheap features of one occurrence, as a list (what the prefilter is trained on)."""
    feats: set = set()
    _cheap_features(text, s, e, srcs, feats)
    return sorted(feats)


def prefilter_kept(text: str, cands: dict, prefilter: dict) -> set[str]:
    """Candidate strings worth their full features: a choice of the hand rules, or a string
    with an occurrence that scores at least the prefilter's threshold on its cheap features (a linear score, summed directly
    from cached parts instead of building feature sets)."""
    w = prefilter["weights"].get
    bias, thr = prefilter["bias"], prefilter["threshold"]
    cache = prefilter.setdefault("_src", {})
    n = len(text)
    kept: set[str] = set()
    lefts: dict[int, float] = {}    # the context parts of the score, by start and by end
    rights: dict[int, float] = {}
    for (s, e), srcs in cands.items():
        string = text[s:e]
        if string in kept:
            continue
        if "rule_r" in srcs or "rule_p" in srcs:
            kept.add(string)        # the hand rules' own choices are always weighed
            continue
        masked = "某" in string
        key = (frozenset(srcs), masked)
        part = cache.get(key)
        if part is None:
            kind = _kind("某" if masked else "", srcs)
            part = cache[key] = (sum(w("src:" + x, 0.0) for x in srcs) + w(_KIND_FEATURE[kind], 0.0),
                                 kind in ("org", "bare", "desc", "other"))
        z = bias + part[0] + w(_LEN_FEATURE[e - s] if e - s < 26 else "len:9", 0.0)
        if part[1]:
            z += w("end2:" + text[e - 2:e], 0.0)
        lz = lefts.get(s)
        if lz is None:
            l1 = text[s - 1] if s else "^"
            if not ("\u4e00" <= l1 <= "\u9fff" or l1 == "^"):
                l1 = "#"
            l2 = text[s - 2] if s > 1 else "^"
            if not ("\u4e00" <= l2 <= "\u9fff" or l2 == "^"):
                l2 = "#"
            lz = lefts[s] = w("L1:" + l1, 0.0) + w("L2:" + l2 + l1, 0.0)
        rz = rights.get(e)
        if rz is None:
            r1 = text[e] if e < n else "$"
            if not ("\u4e00" <= r1 <= "\u9fff" or r1 == "$"):
                r1 = "#"
            r2 = text[e + 1] if e + 1 < n else "$"
            if not ("\u4e00" <= r2 <= "\u9fff" or r2 == "$"):
                r2 = "#"
            rz = rights[e] = w("R1:" + r1, 0.0) + w("R2:" + r1 + r2, 0.0)
        z += lz + rz
        if z >= thr:
            kept.add(string)
    return kept


def string_features(text: str, cands: dict, prefilter: dict | None = None) -> dict[str, set]:
    """Features of each distinct candidate string: the union over its occurrences.

    With a ``prefilter`` (the model's), strings whose cheap features score below its threshold
    are dropped before the costly features (clause cues, field labels, containment) are built:
    most candidates of a letter are chunks no role wants.
    """
    if prefilter is not None:
        keep = prefilter_kept(text, cands, prefilter)
        if not keep:
            return {}
    spans = sorted(cands)
    by_text: dict[str, set] = {}
    for (s, e) in spans:
        string = text[s:e]
        if prefilter is not None and string not in keep:
            continue
        feats = by_text.get(string)
        if feats is None:
            feats = by_text[string] = set()
        _cheap_features(text, s, e, cands[(s, e)], feats)
    doc = _Doc(text)
    reg = "reg:" + doc.reg
    for t, feats in by_text.items():
        feats.add(reg)
        feats.add("count:" + str(min(text.count(t), 3)))
    left, right = doc.left, doc.right
    for (s, e) in spans:
        feats = by_text.get(text[s:e])
        if feats is not None:
            feats |= left(s)
            feats |= right(e)
    # Containment between candidates: 赵某 inside 村支书赵某. Only the kept strings receive
    # features, but a dropped candidate still counts as the other one. Spans are sorted by
    # (start, end): a span is inside another when an earlier one reaches as far (the running
    # maximum of ends) or the next one starts at the same place (and so ends later).
    n = len(spans)
    reach = -1
    for i in range(n):
        s, e = spans[i]
        string = text[s:e]
        feats = by_text.get(string)
        if feats is not None:
            if reach >= e or i + 1 < n and spans[i + 1][0] == s:
                feats.add("inside_other")
            # Inside it: the shorter spans of the same start (just before it in the order),
            # and the later spans that end no further.
            k = i - 1
            while k >= 0 and spans[k][0] == s:
                k -= 1
            j = k + 1
            while j < n:
                if j == i:
                    j += 1
                    continue
                s2, e2 = spans[j]
                if s2 >= e:
                    break
                if e2 <= e:
                    inner = text[s2:e2]
                    feats.add("holds_other")
                    if string.startswith(inner):
                        feats.add("extends_right")
                    if string.endswith(inner):
                        feats.add("extends_left")
                j += 1
        if e > reach:
            reach = e
    return by_text


def find_parties_reference(text: str, towns=(), villages=()):
    """find_parties(text, towns, villages) with the shipped model (the "auto" method)."""
    from xfnlp.extract.petitioners import count_people
    from xfnlp.extract.roles import load_party_model

    pets = _merge(_petitioners(text), set())
    if not pets:
        pets = _collective(text)
    names = {s.text for s in pets}
    model = load_party_model()
    resp = _respondents(text, names, towns, villages)
    p, r = decide_parties_reference(text, towns, villages, model, rule_pets=pets, rule_resps=resp)
    return p, r, count_people(text)


def decide_parties_reference(text, towns=(), villages=(), model=None, rule_pets=None, rule_resps=None):
    from xfnlp.extract.roles import decide_from_features, load_party_model

    model = model or load_party_model()
    if rule_pets is None:
        rule_pets = _merge(_petitioners(text), set()) or _collective(text)
    if rule_resps is None:
        rule_resps = _respondents(text, {s.text for s in rule_pets}, towns, villages)
    feats = string_features(text, candidates(text, rule_pets, rule_resps, towns, villages),
                            model.get("prefilter"))
    pets, resps = decide_from_features(text, feats, model)
    return spans_of(text, pets, resps, towns, villages)


def spans_of(text, pets, resps, towns=(), villages=()):
    from xfnlp.extract.party_edges import settle_respondents

    p_spans = []
    for t in pets:
        i = text.find(t)
        p_spans.append(Span(i, i + len(t), "petitioner", t))
    r_spans = [Span(s, e, "respondent", text[s:e]) for s, e in settle_respondents(text, resps, towns, villages)]
    return p_spans, r_spans
