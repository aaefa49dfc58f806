"""Townships (镇/乡/街道) and villages (村/社区/居委会, groups 三组/3组/五队) in any county.

Names are found by their suffix and the characters just before it, so a county nobody
configured works; the office profile adds suffix-less names ("在林集那边"), former names
(value → current name) and village → township resolution.

How the left edge of a name is chosen: a name is 2 characters before the suffix, or 3 when the
character before those 3 is a clear edge (punctuation, 在/住/是…, a 县/市/区 suffix). A name may
not start with a function character (我, 在, 去, 转 …), so 镇政府, 去镇上, 叫陈镇东 give nothing.

>>> [s.text for s in find_townships("我是东坝镇柳湾村四组的，去镇上问过")]
['东坝镇']
>>> [s.text for s in find_villages("我是东坝镇柳湾村四组的")]
['柳湾村', '四组']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..letter import Span
from ..regex_cache import rx
from ._scan import anchor_gate, finditer_anchored
from .lexicons import alternation, lexicon

_CJK = rx(r"[\u4e00-\u9fff]")

# Characters that end an administrative name above the township: the name starts after them.
_ADMIN_EDGE = set("省市县区")
# Characters that never start a place name here: pronouns, prepositions, verbs of moving and
# handing over, demonstratives. "和" and "同" are left out: 和平镇, 仁和镇, 同心村 exist.
_NO_START = set("的了是在跟边系因并一面现我你他她它们这那就都也还又才已把被给对向到去从往说叫让请"
                "找问与及等吗呢吧啊着过得很太更最不没要会能可住于为至居籍址自称转经由该本全"
                "各每此其属位临近即个些哪某啥谁咱俺村镇乡道组队号路街年月日人名户座条次")
# Characters that may not appear anywhere inside a place name.
_NO_INSIDE = set("的了是在及组趟时系未年或所并镇乡我你他她它们这那就都也把被给对向到去从往说叫让请找问吗呢吧啊着过得"
                 "很太更最不没要会能可于为至称转经由该每此其哪某啥谁咱俺个")

_TOWN_SUFFIX = r"(?:街道|镇|乡|办事处)"
_VILLAGE_SUFFIX = r"(?:社区|居委会|村)"
_GROUP = rx(r"(?:第)?(?:[一二三四五六七八九十]{1,3}|\d{1,2})(?:村民小组|村民组|组|队)"
                    r"(?![长员织成合装建])")
# A group's number runs up to the 村 (村民小组), 组 or 队 after it (see _scan.py).
_GROUP_RUN = "第一二三四五六七八九十"


@lru_cache(maxsize=None)
def _group_gate() -> re.Pattern:
    return anchor_gate("村组队", _GROUP_RUN)


# A character after which a new name may start, though it may itself begin a name (和平镇).
_EDGE = _NO_START | set("和同与原")
# Edges strong enough to let a 3-character name start after them: function characters that do
# not end a two-character verb (经营红岩镇 must give 红岩镇, not 营红岩镇).
_STRONG_EDGE = set("在是住于到去从往向把被给对和跟与及系由至叫的了们你他她这那就都也还又才已说让请"
                   "找问因为及或省市县区镇乡村组道边面")
# Characters after 村 that make 村 the head of another word (村民, 村干部, 村里, 村办企业).
_VILLAGE_WORD_AFTER = set("民干委支主会长部级办务规组集里")
# Suffix-less forms ending like a lake, river or hill are the water or hill itself (白马湖).
_NATURE_END = set("湖河江海山港塘潭湾溪")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _edge_before(text: str, pos: int, strong: bool = False) -> bool:
    """True when ``pos`` is a clear left edge of a name (nothing name-like ends there)."""
    if pos <= 0:
        return True
    ch = text[pos - 1]
    if not _is_cjk(ch) or ch in (_STRONG_EDGE if strong else _EDGE):
        return True
    lead = lexicon("place_lead_words")
    return text[max(0, pos - 2):pos] in lead or text[max(0, pos - 3):pos] in lead


def _name_start(text: str, end: int, max_len: int = 3) -> int | None:
    """Start of the place name that ends at ``end`` (the suffix follows), or None."""
    # Names grow one character to the left at a time; a name stops growing where its first
    # character is not CJK, may not start or sit inside a name, or where the character after it
    # ends a county name (东坝镇, not 县东坝镇). The last character is checked once, up front.
    if end < 2 or not _is_cjk(text[end - 1]) or text[end - 1] in _NO_INSIDE:
        return None
    best = None
    for length in range(2, max_len + 1):
        start = end - length
        if start < 0:
            break
        first = text[start]
        if not _is_cjk(first) or first in _NO_START or first in _NO_INSIDE \
                or text[start + 1] in _ADMIN_EDGE or (length > 2 and first in _EDGE):
            break
        if length == 2:
            best = start
            if _edge_before(text, start):
                return start
        elif _edge_before(text, start, strong=True):
            return start
    return best


# Part-of-speech tags (jieba's dictionary) of words that are never a place name, and of verbs,
# which are place names only in rare cases (前进村) and so are refused only where the suffix
# starts another word (查处村干部, 后来镇国土所).
_FUNCTION_POS = frozenset("c p r t u q y e o ul uj uz ug ud uv".split())
_VERB_POS = frozenset(("v", "vd", "f", "d", "ad", "m"))
_HEAD_AFTER = {"村": set("民干委支主会长部级办务规组集里"), "镇": set("政上里国党纪干领"),
               "乡": set("政上里国党纪干领"), "街道": set("办上"), "社区": set("干"),
               "居委会": set()}


_PLACE_POS = ("ns", "nr", "nz", "nt")
# After 村, a direction or a part of the village (村东, 村后山, 村道, 村口, 村小, 村两委) starts
# another word too. A verb before it (反映村后山, 堵塞村道, 负责村后) is no village's name; nouns
# are (花园村后山), and so are the collective-era verbs before a group number (前进村八组).
_VILLAGE_PART_AFTER = set("东西南北前后内外口道头边子小两")
_ACT_POS = frozenset(("v", "vd", "vn", "f", "d", "ad"))


def _jieba_dict_path() -> str:
    # Located without importing jieba: its import pulls in pkg_resources (0.15 s).
    import importlib.util
    import os

    spec = importlib.util.find_spec("jieba")
    return os.path.join(list(spec.submodule_search_locations)[0], "dict.txt")


def _read_jieba_word_pos() -> dict[str, str]:
    out = {}
    path = _jieba_dict_path()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 2 and int(parts[1]) >= 20 \
                    and parts[2] not in _PLACE_POS:
                out[parts[0]] = parts[2]
    return out


@lru_cache(maxsize=1)
def _word_pos() -> dict[str, str]:
    """Two-character words of jieba's dictionary that are not names, with their POS.

    Reading jieba's 350,000-line dictionary takes half a second, too long for a cold
    ``xfnlp tag``; the 40,000 words needed are cached as JSON in the user cache folder (keyed by
    jieba's dictionary file), which loads in a few milliseconds. Words tagged as places or names
    are left out: a missing word reads as a possible name, which is what those tags meant here.
    """
    import json
    import os

    from ..segment import cache_dir

    # Keyed by the dictionary file itself (size and mtime), not by the package version: asking
    # importlib.metadata for a version costs more than reading the cache.
    st = os.stat(_jieba_dict_path())
    path = os.path.join(cache_dir(), f"jieba-dict-{st.st_size}-{st.st_mtime_ns}-word-pos.json")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    data = _read_jieba_word_pos()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs the next run the same half second
    return data


def _not_a_name(name: str, suffix: str, following: str) -> bool:
    """True when the characters before a suffix are an ordinary word, not a place name."""
    words = _word_pos()
    if following[:1] in _HEAD_AFTER.get(suffix, ()):
        # 村民/村干部/镇政府 follow: a name here must not read as an ordinary word at all.
        parts = (name,) if len(name) == 2 else (name[:2], name[1:])
        if any(words.get(p, "ns") not in _PLACE_POS for p in parts):
            return True
    pos = words.get(name[:2] if len(name) > 2 else name)
    if pos is None:
        return False
    if suffix == "村" and len(name) == 2 and pos in _ACT_POS and following[:1] in _VILLAGE_PART_AFTER:
        return True
    if pos in _FUNCTION_POS:
        return len(name) == 2 or pos not in ("t", "q")
    return pos in _VERB_POS and following[:1] in _HEAD_AFTER.get(suffix, ())


def _name_before(text: str, m, suffix: str, max_len: int, generic) -> int | None:
    """Start of the place name ending in the suffix ``m`` matched, or None when the characters
    before it are no name: too short, a generic place word, or an ordinary word."""
    start = _name_start(text, m.start(), max_len)
    if start is None:
        return None
    name = text[start:m.end()]
    if name in generic or text[max(0, m.start() - 1)] + suffix in generic \
            or _not_a_name(text[start:m.start()], suffix, text[m.end():m.end() + 1]):
        return None
    if m.start() - start == 2 and text[start + 1] == "后" and start > 0 \
            and _is_word(text[start - 1:start + 1]):
        # 来信后镇里…, 转办后乡政府…: "after (a word ending here)", then the town government;
        # no place is called 信后 or 办后.
        return None
    return start


def _after_leading_verb(text: str, start: int, end: int) -> int:
    """The start of a township name once a verb glued before it is left out (安置城南街道 →
    城南街道, 留下淮城街道 → 淮城街道). Names of three characters may begin with a verb
    (建设路街道, 解放路街道); four characters that begin with one are a verb and a name."""
    if end - start >= 4 and _word_pos().get(text[start:start + 2]) in _ACT_POS:
        return start + 2
    return start


_DOMAIN_WORDS: frozenset | None = None


def _is_word(s: str) -> bool:
    """A word of jieba's dictionary or of the domain dictionary (交办, 转办 …)."""
    global _DOMAIN_WORDS
    if s in _word_pos():
        return True
    if _DOMAIN_WORDS is None:
        from ..segment import domain_entries

        _DOMAIN_WORDS = frozenset(w for w, _, _ in domain_entries())
    return s in _DOMAIN_WORDS


def _surname_before(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in lexicon("surnames_single")


@lru_cache(maxsize=None)
def _patterns():
    return (rx(_TOWN_SUFFIX), rx(_VILLAGE_SUFFIX))


def find_townships(text: str, profile=None) -> list[Span]:
    """Townships named in ``text``; value = the current official name.

    With a profile, known names without their suffix count too ("林集") and former names map
    to the current one. Without one, a name seen with its suffix counts again without it.

    >>> [s.text for s in find_townships("白马湖里有人挖砂，白马湖街道说不归它管")]
    ['白马湖街道']
    """
    town_re, _ = _patterns()
    generic = lexicon("generic_places")
    current = _profile_forms(profile)[0] if profile is not None else {}
    found: dict[tuple[int, int], Span] = {}
    for m in town_re.finditer(text):
        suffix = m.group()
        if suffix == "办事处" and text.endswith("街道", 0, m.start()):
            continue
        nxt = text[m.end():m.end() + 1]
        if suffix == "乡" and nxt == "村" and text[m.end() + 1:m.end() + 2] != "民":
            continue                       # 乡村 (the countryside), not a township
        if suffix in ("镇", "乡") and nxt and nxt in "长压定静":
            continue                       # 镇长, 镇压, 乡长: a title or a verb
        start = _name_before(text, m, suffix, 4 if suffix == "街道" else 3, generic)
        if start is None:
            continue
        start = _after_leading_verb(text, start, m.start())
        name = text[start:m.end()]
        found[(start, m.end())] = Span(start, m.end(), "township", name, current.get(name) or name)
    spans = list(found.values())
    # Known surface forms: the profile's names and aliases, and names this letter gave with a
    # suffix (东坝镇 … later just 东坝).
    forms: dict[str, str] = dict(current)
    for s in spans:
        for suf in ("街道", "镇", "乡"):
            short = s.text[: -len(suf)]
            if s.text.endswith(suf) and len(short) >= 2 and short[-1] not in _NATURE_END:
                forms.setdefault(short, s.text)
    if forms:
        spans = _add_known_forms(text, spans, forms, profile, current)
    return sorted(spans, key=lambda s: s.start)


_PROFILE_CACHE: dict[int, tuple] = {}


def _profile_forms(profile) -> tuple[dict[str, str], re.Pattern | None]:
    """(surface form → current name, finder of the forms) of a profile, built once per profile.

    The finder is an alternation of the forms, longest first: a search gives the leftmost
    form and, there, the longest.
    """
    hit = _PROFILE_CACHE.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1], hit[2]
    forms: dict[str, str] = {}
    for form in profile.township_names():
        forms[form] = profile.canonical_township(form) or form
    words = [f for f in forms if f]
    finder = rx(alternation(words)) if words else None
    if len(_PROFILE_CACHE) >= 16:
        _PROFILE_CACHE.clear()
    # The profile itself is kept with its entry, so that its id cannot pass to another object.
    _PROFILE_CACHE[id(profile)] = (profile, forms, finder)
    return forms, finder


def _find_forms(text: str, forms: dict[str, str], profile) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of ``forms``, left to right, the longest at each position.

    The same matches as one alternation of all forms sorted longest first, without compiling
    one per letter: the profile's forms have a cached finder, the letter's own forms are few
    and found with str.find.
    """
    known, finder = _profile_forms(profile) if profile is not None else ({}, None)
    own = [f for f in forms if f and f not in known]
    out, pos = [], 0
    while True:
        m = finder.search(text, pos) if finder is not None else None
        start, end = (m.start(), m.end()) if m else (-1, -1)
        for form in own:
            i = text.find(form, pos)
            if i >= 0 and (start < 0 or i < start or i == start and i + len(form) > end):
                start, end = i, i + len(form)
        if start < 0:
            return out
        out.append((start, end))
        pos = end


def _add_known_forms(text: str, spans: list[Span], forms: dict[str, str], profile=None,
                     current: dict[str, str] | None = None) -> list[Span]:
    # ``current``: the profile's current name of a form, which is the value when there is one.
    current = current or {}
    taken = [(s.start, s.end) for s in spans]
    for s, e in _find_forms(text, forms, profile):
        if any(s < b and a < e for a, b in taken):
            continue
        form = text[s:e]
        nxt = text[e:e + 2]
        full = form.endswith(("镇", "乡", "街道"))
        if not full:
            # A suffix-less form must stand alone: not a person (王顺河), not the head of a
            # longer word (河下游, 白马湖里 is fine only when 白马湖 is a known form), and not
            # the name of a lake or river that shares it.
            if _surname_before(text, s) and text[s - 1] not in _EDGE:
                continue
            if nxt[:1] and nxt[:1] in "游面湖河江水岸堤村庄山牌段县市区路街桥镇乡":
                continue
            if e - s < 2:
                continue
        spans.append(Span(s, e, "township", form, current.get(form) or forms[form]))
        taken.append((s, e))
    return spans


def find_villages(text: str, profile=None, townships: list[Span] | None = None) -> list[Span]:
    """Villages, communities and groups; value = the township they belong to, when known.

    >>> text = "流均镇南河村三组"
    >>> [(s.text, s.value) for s in find_villages(text, None, find_townships(text))]
    [('南河村', '流均镇'), ('三组', None)]
    """
    _, village_re = _patterns()
    generic = lexicon("generic_places")
    spans: list[tuple[int, int, str]] = []
    for m in village_re.finditer(text):
        suffix = m.group()
        start = _name_before(text, m, suffix, 3, generic)
        if start is None:
            continue
        name = text[start:m.end()]
        if suffix == "村" and text[m.end():m.end() + 1] in _VILLAGE_WORD_AFTER:
            if not _edge_before(text, start):
                continue                   # 反映村干部, 多少村民: 村 heads another word
            if m.start() - start == 2 and start > 0 and _is_word(text[start - 1:start + 1]) \
                    and not _is_word(text[start:m.start()]):
                continue                   # 没有开村民大会, 以村委会名义与村民: a word runs into the name
        spans.append((start, m.end(), name))
    for m in finditer_anchored(_GROUP, _group_gate(), _GROUP_RUN, text):
        if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] in "第几每两"):
            continue
        if m.group().startswith(("一", "1")) and text[m.start() - 1:m.start()] in ("同", "哪", "这", "那"):
            continue
        spans.append((m.start(), m.end(), m.group()))
    spans.sort(key=lambda s: s[0])
    # Value: the township written just before the village, else the profile's answer.
    towns = sorted(townships or [], key=lambda s: s.start)
    out = []
    for start, end, name in spans:
        value = None
        if not _GROUP.fullmatch(name):
            before = [t for t in towns if t.end <= start and start - t.end <= 1]
            if before:
                value = before[-1].value or before[-1].text
            elif profile is not None:
                value = profile.township_of(name)
        out.append(Span(start, end, "village", name, value))
    return out
