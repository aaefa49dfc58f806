"""Where a party span starts and ends: the boundary conventions of corpus/GUIDE.md.

The finders and the role model decide *who* a party is; these rules decide *how much of the
writing* the span takes, the same way for every letter:

* a place written directly before a company or body stays with it (前进村村委会, 东坝镇政府,
  萍山县宏发石料厂, 区国土分局): the whole chain of places, as far as it is unbroken;
* a kinship word before a name does not (其兄黄国富 → 黄国富, 小叔子沈国强 → 沈国强);
* the works a 老板 runs belong to the title (砖厂老板杨国庆, 船老板梁某);
* a bare 开发商 is dropped when the developer is named elsewhere in the letter's decision
  (开发商恒达置业 → 恒达置业, and no separate 开发商).

>>> from xfnlp.letter import Span
>>> t = "举报林集镇宏发石料厂和小叔子沈国强"
>>> town = [Span(2, 5, "township", "林集镇")]
>>> [t[slice(*settle_respondent(t, s, e, town, []))] for s, e in ((5, 10), (11, 17))]
['林集镇宏发石料厂', '沈国强']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..regex_cache import rx
from .lexicons import lexicon
from .names import _word_pos_cached, read_name
from .respondents import _orgs

# Bodies and works that take the place written before them (the heads of such spans).
_BODY_END = rx(r"(?:村委会|居委会|村委|政府|街道办|办事处|国土所|土管所|国土分局|分局|局|所|中心|征收办|拆迁办"
                       r"|指挥部|物业|小学|中学|学校|医院|公墓|市场|管理处|渔场|林场|农场|合作社)$")
# A one-character administrative level standing for "this county's / this township's …"
# (县不动产登记中心, 区国土分局, 镇土管所) when nothing named comes before it.
_LEVEL_CHARS = "县区市镇乡"
_COUNTY = rx(r"[\u4e00-\u9fff]{2}(?:县|区|市)")
# Kinship words a name may follow; they are not part of the span (GUIDE: 其兄黄国富 → 黄国富).
_KIN_PREFIX = ("堂兄", "堂弟", "堂哥", "堂姐", "堂妹", "堂姪", "堂侄", "堂叔", "小叔子", "大伯子", "大伯哥", "大伯",
               "叔叔", "姐夫", "妹夫", "表哥", "表弟", "其兄", "其弟", "他哥", "他弟弟", "他弟", "她哥")
_GENERIC_BEFORE_NAME = ("开发商", "房地产商", "开发公司", "物业公司", "小区物业", "物业", "施工方", "承包方")
_BOSS_WORKS = rx(r"(?:采石场|石料厂|砖瓦厂|砖厂|石场|砂场|沙场|料场|猪场|鱼塘|煤矿|矿|船|厂|场|窑)$")
# A zone whose administration is the body (青澜高新园区|管委会, 临港开发区|管委会).
_ZONE_BODIES = frozenset(("管委会", "管理委员会"))
_ZONE = rx(r"[\u4e00-\u9fff]{2,8}(?:园区|开发区|工业园|产业园|集中区|新区|景区|度假区|示范区|试验区)$")


def _org_like(span: str) -> bool:
    return bool(_BODY_END.search(span)) or _org_suffix(span) is not None


@lru_cache(maxsize=4096)
def _org_suffix(span: str) -> str | None:
    for n in sorted({len(w) for w in lexicon("org_suffixes")}, reverse=True):
        if len(span) > n and span[-n:] in lexicon("org_suffixes"):
            return span[-n:]
    return None


def _place_chain_start(text: str, s: int, towns, villages) -> int:
    """Start of the unbroken run of places that ends at ``s`` (``s`` when there is none)."""
    ends = {sp.end: sp.start for sp in list(towns) + list(villages)}
    start = s
    while True:
        if start in ends and ends[start] < start:
            start = ends[start]
            continue
        m = _COUNTY.search(text, max(0, start - 3), start)
        # 萍山县, 淮安区 written before the body; not the last characters of 小区, 城区, 全县.
        if m and m.end() == start and not _word_like(text[start - 2:start]) \
                and not _word_like(text[start - 3:start - 1]) \
                and _CLEAN_BEFORE.isdisjoint(text[m.start():start - 1]) \
                and (m.start() == 0 or not _cjk(text[m.start() - 1]) or text[m.start() - 1] in _CLEAN_BEFORE
                     # or a word ends right before the county (反映|鹿鸣县…, 举报|萍山县…)
                     or _word_like(text[m.start() - 2:m.start()])):
            start = m.start()
            continue
        break
    if start == s and s > 0 and text[s - 1] in _LEVEL_CHARS and (s < 2 or not _cjk(text[s - 2])
                                                                   or text[s - 2] in "向到在找去和及、的给是由被"):
        start = s - 1
    return start


def _word_like(w: str) -> bool:
    return w in _word_pos_cached()


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=None)
def _head_words() -> tuple[frozenset, tuple]:
    words = lexicon("person_titles") | lexicon("bare_respondents") | lexicon("party_heads")
    return frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True))


# Aspect particles and structural 得/地: a verb's company, never inside a given name.
_VERB_TAIL = set("着过得地")
# Words that join two parties (村主任和城里…): a "name" starting with one is the next phrase.
_JOINERS = set("和与跟及或同")
_VERB_NOT_SURNAME = set("来能养盖")
_VERB_WORDS = frozenset(("谈好", "谈妥", "谈成", "谈过", "查过", "管不", "包庇"))
# Part-of-speech tags (jieba) of words that are not the start of a person's name.
_NOT_NAME_POS = ("v", "d", "p", "c", "r", "t", "f", "m", "q", "a", "u", "n", "b", "s")


def _title_before_false_name(text: str, s: int, e: int) -> int | None:
    """End of the title when ``text[s:e]`` is a title (组长, 老板, 工作人员 …) followed by
    characters that only look like a name: the sentence's verb or noun (组长谈好了, 老板养螃蟹
    is kept, it may be a name; 工作人员边玩手机, 村主任和城里…, 业主公示)."""
    words, lengths = _head_words()
    span = text[s:e]
    if span in words:       # 物业经理, 物业公司: a title of its own
        return None
    for n in lengths:
        if n >= len(span) or span[:n] not in words:
            continue
        k = s + n
        if read_name(text, k) != e or e - k > 3:
            continue
        name = text[k:e]
        if "某" in name:
            return None
        wp = _word_pos_cached_pos
        after = text[e:e + 1]
        if not _VERB_TAIL.isdisjoint(name[1:]) or after in ("了", "着", "过"):
            return k
        if name[0] in _JOINERS:
            return k
        # Characters that are surnames on paper but after a title are nearly always the verb
        # of the sentence (业主来承担, 村支书能作证, 老板养螃蟹, 老会计盖章, 跟组长谈妥了).
        if name[0] in _VERB_NOT_SURNAME or name[:2] in _VERB_WORDS:
            return k
        if len(name) >= 2 and wp(name[:2]).startswith(_NOT_NAME_POS):
            return k
        # 边玩手|机: the last character makes a noun with the next one.
        # (Not 家 after a name: 邻居罗德富家 is his home.)
        if len(name) == 3 and after and after != "家" and wp(name[-1] + after).startswith("n"):
            return k
        return None
    return None


def _word_pos_cached_pos(w: str) -> str:
    return _word_pos_cached().get(w, "")


def settle_respondent(text: str, s: int, e: int, towns, villages, orgs=()) -> tuple[int, int]:
    """The GUIDE's span of the respondent written at ``text[s:e]``.

    ``orgs``: (start, end) of the named companies and works of the letter (respondents._orgs), so
    that a bare 采石场 written as part of 顺达采石场 takes the name.
    """
    span = text[s:e]
    # 组长谈好了, 工作人员边玩手机: what was read as the name after a title is the sentence
    # going on; the party is the title alone.
    cut = _title_before_false_name(text, s, e)
    if cut is not None:
        return settle_respondent(text, s, cut, towns, villages, orgs)
    # 开发商恒达置业 → 恒达置业: a generic word before a named company is not part of it.
    for generic in _GENERIC_BEFORE_NAME:
        if span.startswith(generic) and _org_like(span[len(generic):]) and len(span) - len(generic) >= 4:
            return settle_respondent(text, s + len(generic), e, towns, villages, orgs)
    # A verb or function character swallowed at the left edge (盖塑料厂, 过鸿达锰业, 查组长).
    s = _strip_loose(text, s, e)
    # The last character of a word before the party (交办|后镇政府, 今|年章某的儿子): the span
    # starts inside that word; the party starts after it.
    s = _strip_word_end(text, s, e, towns, villages)
    # A party word that is part of a longer one written here (指挥部 of 征收指挥部, 物业 of
    # 物业公司 or 物业经理): the span is the whole word as written.
    s, e = _whole_party_word(text, s, e)
    span = text[s:e]
    # A span that starts inside a place name (镇国土所 of 林集镇国土所) starts with the place.
    for sp in list(towns) + list(villages):
        if sp.start < s < sp.end:
            s = sp.start
            span = text[s:e]
            break
    for k in _KIN_PREFIX:
        if span.startswith(k) and e - s - len(k) >= 2:
            if read_name(text, s + len(k)) == e:
                return s + len(k), e
    if span in _ZONE_BODIES and s > 0:
        for a in range(max(0, s - 12), s - 3):
            if _ZONE.fullmatch(text, a, s) and (a == 0 or not _cjk(text[a - 1]) or text[a - 1] in _CLEAN_BEFORE):
                return a, e
    if span.startswith("老板") and s > 0:
        m = _BOSS_WORKS.search(text, max(0, s - 3), s)
        if m and m.end() == s:
            return m.start(), e
    # Attached on the right: 邻居尤家, 邻居顾长喜 (GUIDE: 邻居王二); 姓蒋的石场老板.
    if span in _BEFORE_NAME and e < len(text):
        k = read_name(text, e)
        if k is not None and k - e >= 2 and not _word_like(text[e:e + 2]) \
                and _title_before_false_name(text, s, k) is None:
            return s, k
        if text[e + 1:e + 2] == "家" and _is_surname(text[e]):
            return s, e + 2
    if span.startswith("姓") and span.endswith("的"):
        m = _DE_TRADE_BOSS.match(text, e)
        if m:
            return s, m.end()
    if _org_like(span):
        # 顺达采石场 written, 采石场 decided: the named works ending here, when its name
        # starts cleanly (after punctuation, a function word or a place).
        place_ends = {sp.end for sp in list(towns) + list(villages)}
        for a, b in orgs:
            if b == e and a < s and (a == 0 or a in place_ends or not _cjk(text[a - 1])
                                     or text[a - 1] in _CLEAN_BEFORE):
                s = a
                for generic in _GENERIC_BEFORE_NAME:
                    if text.startswith(generic, s) and e - s - len(generic) >= 4:
                        s += len(generic)
                break
        # 湖畔花园物业, 江南名邸物业: the estate the property company serves is in its name.
        if span.startswith("物业") or span.startswith("小区物业"):
            end = s + (2 if span.startswith("小区") else 0)
            place_ends = {sp.end for sp in list(towns) + list(villages)}
            for a in range(end - 3, max(-1, end - 9), -1):
                m = _ESTATE.fullmatch(text, a, end)
                if m and (a == 0 or a in place_ends or not _cjk(text[a - 1]) or text[a - 1] in _CLEAN_BEFORE) \
                        and _estate_named(text, m):
                    s = a
                    break
        s = _strip_loose(text, s, e)
        # 某物流公司, 淮安某置业公司: the writer's mask of the name belongs to it.
        if s > 0 and text[s - 1] == "某" and (s < 2 or text[s - 2] != "某"):
            s -= 1
        s = _unfound_village_before(text, s, towns, villages)
        return _place_chain_start(text, s, towns, villages), e
    return s, e


# Characters that make "XX村" before a 村委会 a phrase of the sentence, not a village's name
# (我们村, 本村, 该村, 邻村 …).
_NOT_VILLAGE_NAME = set("我们你他她本该此这那全各同邻外其每某原")


def _unfound_village_before(text: str, s: int, towns, villages) -> int:
    """向阳村 | 村委会 when the place finder did not take 向阳村 for a village (its name is also a
    word): a two- or three-character name + 村 (社区 before 居委会) written directly before the
    committee, starting after punctuation, a function word or a place, is its village."""
    if not text.startswith(("村委会", "村委", "居委会"), s):
        return s
    if any(sp.end == s for sp in list(towns) + list(villages)):
        return s
    suffix = "社区" if text.startswith("居委会", s) else "村"
    if not text.startswith(suffix, s - len(suffix)):
        return s
    place_ends = {sp.end for sp in list(towns) + list(villages)}
    for n in (2, 3):
        a = s - len(suffix) - n
        if a < 0:
            break
        name = text[a:s - len(suffix)]
        if not all(_cjk(c) for c in name) or not _NOT_VILLAGE_NAME.isdisjoint(name):
            break
        if a == 0 or a in place_ends or not _cjk(text[a - 1]) or text[a - 1] in _CLEAN_BEFORE:
            return a
    return s


# Characters after which a name may start (punctuation aside).
_CLEAN_BEFORE = set("的了是在和与及等给把被对向到去从往说叫让请找问个家那这该其跟同由将为于有")
_BEFORE_NAME = frozenset(("邻居", "隔壁", "楼上邻居", "楼下邻居"))
_DE_TRADE_BOSS = rx(r"[\u4e00-\u9fff]{0,4}?老板")
_ESTATE = rx(r"[\u4e00-\u9fff]{2,6}(?:花园|家园|小区|名邸|华庭|华府|公寓|新村|广场|苑|城)")


# Words of the sentence that a party's name never starts with: verbs that introduce the party
# (责成 | 永丰煤矿, 盖 | 塑料厂), numerals with a measure word (一口 | 盐化公司), particles and
# prepositions (的, 把, 被 …).
# GUIDE: a description goes without its leading numeral and measure word (一伙外地人 → 外地人).
_LOOSE_WORDS = ("责成", "要求", "反映", "举报", "投诉", "报告", "一口", "一家", "一个", "这家", "那家", "这个", "那个",
                "关联", "一伙", "一帮", "一群", "一名", "一位", "几个")
_LOOSE_CHARS = set("的了过把将被在从对向盖给让叫说是和与及跟找问")


def _loose_first(text: str, s: int) -> int:
    """Length of a word at text[s] that cannot start a party's name (0 when there is none)."""
    for w in _LOOSE_WORDS:
        if text.startswith(w, s):
            return len(w)
    return 1 if text[s] in _LOOSE_CHARS else 0


def _whole_party_word(text: str, s: int, e: int) -> tuple[int, int]:
    words, _ = _head_words()
    if text[s:e] not in words:
        return s, e
    for k in (3, 2, 1):
        if e + k <= len(text) and text[s:e + k] in words:
            e += k
            break
    for k in (3, 2, 1):
        if s - k >= 0 and text[s - k:e] in words:
            s -= k
            break
    return s, e


_AFTER_VERB = set("后前时")


def _strip_word_end(text: str, s: int, e: int, towns, villages) -> int:
    if s == 0 or e - s < 4 or not _cjk(text[s - 1]):
        return s
    if any(sp.start == s for sp in list(towns) + list(villages)):
        return s
    pos = _word_pos_cached_pos(text[s - 1:s + 1])
    if not pos.startswith(("v", "t", "d")):
        return s
    k = s + 1
    if text[k] == "的":      # 在建的楼盘: a relative clause, not a word cut in two
        return s
    # 交办后 | 镇政府: a time word after the verb goes with it.
    if text[k] in _AFTER_VERB and e - k >= 4:
        k += 1
    return k


def _strip_loose(text: str, s: int, e: int) -> int:
    while True:
        k = _loose_first(text, s)
        if not k or e - s - k < 2 or text[s + k + 1:s + k + 2] == "的":
            return s
        s += k


def _estate_named(text: str, m: re.Match) -> bool:
    """Is the estate before 物业 named (湖畔花园), not a word of the sentence (反映小区)?"""
    head = m.group()[:2]
    pos = _word_pos_cached().get(head, "")
    return not pos[:1] in ("v", "d", "p", "r", "u", "c")


def _is_surname(ch: str) -> bool:
    return ch in lexicon("surnames_single")


def settle_respondents(text: str, strings: list[str], towns, villages) -> list[tuple[int, int]]:
    """Spans of the decided respondent strings, boundaries settled.

    A string may be written several times; the span is that of the occurrence written in
    full (五里铺镇政府 … 镇政府: the first), else the first occurrence.
    """
    return [span for _, span in settled_by_string(text, strings, towns, villages)]


def settled_by_string(text: str, strings: list[str], towns, villages) -> list[tuple[str, tuple[int, int]]]:
    """(string, settled span) of :func:`settle_respondents`: the decided string each span
    comes from (its score is that string's)."""
    orgs = [(o.start, o.end) for o in _orgs(text)]
    out: list[tuple[str, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    named_org = any(t not in ("开发商", "房地产商") and _org_suffix(t) in ("置业", "地产", "房地产", "有限公司",
                                                                      "公司", "集团")
                    for t in strings)
    for t in strings:
        if named_org and t in ("开发商", "房地产商"):
            continue
        best = None
        i = text.find(t)
        while i >= 0:
            s, e = settle_respondent(text, i, i + len(t), towns, villages, orgs)
            if best is None or e - s > best[1] - best[0]:
                best = (s, e)
            i = text.find(t, i + 1)
        if best in seen:
            continue
        seen.add(best)
        out.append((t, best))
    return out
