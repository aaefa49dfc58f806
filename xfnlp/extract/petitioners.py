"""Petitioners by the hand rules: who writes or visits (我叫…, 信访人：…, a signature line,
城南村三组村民), and head counts.

>>> [s.text for s in _petitioners("来访人：许桂兰等6人")], count_people("来访人：许桂兰等6人")
(['许桂兰'], 6)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..flags import petition_head_count
from ..letter import Span
from ..regex_cache import rx
from .letter_scan import current
from .lexicons import alternation, lexicon
from .names import _PLACE_PREFIX, _cjk, _line_end, _name_in_piece, _names_in_pieces, _plausible, read_name
from .respondents import _may_match as _may_match_r, _rpatterns

# A place (its name may hold digits and a middle dot: 铁路新村4号楼, 翠城·云璟小区) and the people of it.
_COLLECTIVE = rx(r"[\u4e00-\u9fff、·\d]{2,24}?(?:村|组|队|社区|小区|花园|苑|楼|街道|镇|乡)"
                         r"[\u4e00-\u9fff、·\d]{0,8}?(?:部分|全体)?(?:村民|群众|业主|居民|农户|住户)")
# The last words of a _COLLECTIVE match, and how far before its last word a match may start
# (24 + 2 + 8 + 2 characters: the two runs, the place suffix and 部分/全体). Keep in step.
_COLLECTIVE_ENDS = ("村民", "群众", "业主", "居民", "农户", "住户")
_COLLECTIVE_REACH = 36
# What follows a name the crowd and forwarded rules take (keep in step with "crowd").
_CROWD_AFTER = rx(r"[等:：]|反映|投诉|举报|来信|来访|来电|联名")
_FORWARDED_AFTER = rx(r"[（(等]|的?(?:来信|信访|来访|反映|诉求|投诉|举报)")
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
        # 我是一名在城里打工的外地人，叫戚文斌: the name after the self-description's comma.
        "i_am_called": rx(r"我是[^。；;！!？?\n]{1,30}?[，,]\s*(?:名字)?叫"),
        "i_am": rx(r"我(?:是|们是)[^，。,；;\n]{2,24}?的(?=[\u4e00-\u9fff])"),
        "came": rx(r"(?:来访|来信|来电|上访|信访)"),
        "stop": rx(r"[。；;]|反映|称|事由|诉求"),
        "named_self": rx(r"我是([^，。,；;！!？?\n]{3,24})[，。,；;\n]"),
        # 群众潘志明反映, 业主吴建平等反映, 村民代表李某：…  (a commoner's word, a name, then 等,
        # a colon or the verb of petitioning; 、 is not enough: 举报村民王五、赵六 are accused).
        "crowd": rx(r"(?:群众|村民|居民|农户|村民代表|业主|渔民|农民|住户|商户|职工)"
                    r"(?=[\u4e00-\u9fff]{2,4}(?:[等:：]|反映|投诉|举报|来信|来访|来电|联名))"),
        # 市信访局转来郭秀芬（女，58岁…）: a forwarded item names its petitioner after 转来.
        "forwarded": rx(r"(?:转来|转交|转办|交办)(?:的)?"),
        # A dash is no part of a signature (…谢谢解答。——吴昊).
        "piece": rx(r"[^、,，\s—\-－]+"),
        # 一个村民 is one person; 30余名村民 holds a head count the GUIDE leaves out of the
        # span, and no substring without it names the group.
        "one_of": rx(r"一个|一位|有个|[\d一二三四五六七八九十百几]+[余多]?[名人户位个]"),
        # Where a letter's writers name themselves as a group: after 我们(是), or just before
        # the verb of petitioning (王集村村民联名反映, 杨庄村村民陆续反映, …村民30余人到局上访).
        "we": rx(r"我们(?:都)?(?:是)?"),
        # (The people word opens the pattern, so that re skips ahead to its first characters;
        # 部分/全体 before it are part of the group _COLLECTIVE reads.)
        "group_verb": rx(r"(村民|群众|业主|居民|农户|住户)[\d一二三四五六七八九十百几多余名人个户]{0,8}"
                         r"(?=联名|反映|陆续反映|多次反映|来信|来访|来电|集体|到局|上访|投诉|举报)"),
        # A character that every match of _DATE_OR_PHONE holds: a digit (\d: any decimal
        # digit), a bracket, or 电 of 电话. Keep in step with _DATE_OR_PHONE.
        "date_gate": rx(r"[\d（(电]"),
    }


# Words one of which every match of a pattern of _petitioners holds (keep them in step with the
# patterns): a letter with none is not searched. `in` finds a word much faster than re a pattern.
_NEEDS = {
    "self": ("叫", "本人", "姓名"),             # 我叫, 名叫, 我的名字叫, 本人, 姓名
    "i_am": ("我是", "我们是"),
    "named_self": ("我是",),
    "crowd": ("群众", "村民", "居民", "农户", "业主", "渔民", "农民", "住户", "商户", "职工"),
    "i_am_called": ("我是",),
    "forwarded": ("转来", "转交", "转办", "交办"),
    "came": ("访", "来信", "来电"),              # 来访, 上访, 信访; 来信, 来电
}


def _may_match(key: str, text: str) -> bool:
    # A plain loop: any() over a generator costs more than the `in` tests it runs.
    for w in _NEEDS[key]:
        if w in text:
            return True
    return False


def _last_lines(text: str, k: int) -> list[tuple[int, str]]:
    """(start, line) of the last ``k`` non-empty lines, in order: what the last ``k`` matches of
    ``[^\n]+`` are, found from the end instead of cutting the whole letter into lines."""
    out = []
    end = len(text)
    while end > 0 and len(out) < k:
        start = text.rfind("\n", 0, end) + 1
        if start < end:
            out.append((start, text[start:end]))
        end = start - 1
    out.reverse()
    return out


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
        stop = pat["stop"].search(text[m.end():end])
        end = m.end() + stop.start() if stop else end
        colon = text[m.start():m.end()].rstrip().endswith((":", "："))
        found += _names_in_pieces(text, m.end(), end, first_only=not colon)
    # 2. 我叫 X / 本人 X / 我是…的 X
    for key in ("self", "i_am", "i_am_called"):
        if not _may_match(key, text):
            continue
        for m in pat[key].finditer(text):
            e = read_name(text, m.end())
            if e is not None and _plausible(text[m.end():e]):
                found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    for m in pat["named_self"].finditer(text) if _may_match("named_self", text) else ():
        # "我是桑园村一组邵德胜，": a name closing the self-introduction.
        for length in (3, 2, 4):
            s = m.end(1) - length
            if s > m.start(1) and text[s - 1] in "村组区队道镇乡的民户主" and read_name(text, s) == m.end(1) \
                    and _plausible(text[s:m.end(1)]):
                found.append(Span(s, m.end(1), "petitioner", text[s:m.end(1)]))
                break
    # 3. … 村 X 来访 / 村民 X 来信 / 群众 X 等人
    for m in pat["came"].finditer(text) if _may_match("came", text) else ():
        for length in (3, 2, 4):
            s = m.start() - length
            if s >= 0 and (s == 0 or not _cjk(text[s - 1]) or text[s - 1] in "村组民众乡镇区道主") \
                    and read_name(text, s) == m.start():
                found.append(Span(s, m.start(), "petitioner", text[s:m.start()]))
                break
    for m in pat["crowd"].finditer(text) if _may_match("crowd", text) else ():
        e = read_name(text, m.end())
        if e is not None and _CROWD_AFTER.match(text, e) and _plausible(text[m.end():e]):
            found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    for m in pat["forwarded"].finditer(text) if _may_match("forwarded", text) else ():
        e = read_name(text, m.end())
        if e is not None and _FORWARDED_AFTER.match(text, e) and _plausible(text[m.end():e]):
            found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    # 4. Signature: short last lines made of names (after a place, before a date).
    found += _signature(text, staff_lines)
    return found


def _signature(text: str, staff_lines: set) -> list[Span]:
    out = []
    pat = _patterns()
    # A respondent label holds one of its words: a letter without any has none on its lines.
    labels = _may_match_r("label", text)
    for start, line in _last_lines(text, 4):
        if text.rfind("\n", 0, start + 1) in staff_lines or text.rfind("\n", 0, start) in staff_lines:
            continue
        if labels and _rpatterns()["label"].search(line):
            continue   # 被反映人：… names the respondent, not a signature
        offset = 0
        if len(line) > 40:
            # A one-line letter signed at its end: "…去哪里办？桃源镇 张桂英".
            cut = max(map(line.rfind, "。？！?!"))
            if cut < 0 or len(line) - cut > 20:
                continue
            offset = cut + 1
        seg = line[offset:]
        if pat["date_gate"].search(seg):
            seg = _DATE_OR_PHONE.sub(lambda mm: " " * len(mm.group()), seg)
        for piece in pat["piece"].finditer(seg):
            p = piece.group()
            m = _PLACE_PREFIX.match(p)
            # Only a name that ends the piece (or goes on with 等) signs. A name is 2-4
            # characters long and starts at the piece's start or after its place prefix: with
            # more than 4 characters after the prefix and no 等, no name read there can.
            if len(p) - (m.end() if m else 0) > 4 and "等" not in p:
                continue
            off, e = _name_in_piece(p, m)
            if e is None or len(p) - e > 0 and not p[e:].startswith("等"):
                continue
            s = start + offset + piece.start() + off
            out.append(Span(s, s + e - off, "petitioner", p[off:e]))
    return out


def _collective(text: str) -> list[Span]:
    """Unnamed collectives signing or labelled as petitioners ("长冲村村民").

    Asked twice a letter (by find_parties when nobody is named, by the role candidates): found
    once per letter inside a letter scope.
    """
    scan = current(text)
    if scan is None:
        return _find_collective(text)
    if scan.collective is None:
        scan.collective = _find_collective(text)
    return list(scan.collective)


def _find_collective(text: str) -> list[Span]:
    # Every match holds a word of _COLLECTIVE_ENDS: a letter without one has no collective.
    for w in _COLLECTIVE_ENDS:
        if w in text:
            break
    else:
        return []
    out = []
    pat = _patterns()
    cue = pat["cue"]
    candidates = [(s, line) for s, line in _last_lines(text, 2) if len(line) <= 30]
    for m in cue.finditer(text):
        candidates.append((m.end(), text[m.end():_line_end(text, m.end())]))
    for start, seg in candidates:
        # Every match ends in one of _COLLECTIVE_ENDS and starts at most _COLLECTIVE_REACH
        # characters before it: the search starts there (the same leftmost match, found sooner).
        ends = [i for i in (seg.find(w) for w in _COLLECTIVE_ENDS) if i >= 0]
        if not ends:
            continue
        # The first group without a head count in it (城南村三组30余名村民 is passed over).
        m = next((m for m in _COLLECTIVE.finditer(seg, max(0, min(ends) - _COLLECTIVE_REACH))
                  if not pat["one_of"].search(m.group())), None)
        if m:
            s = start + m.start() + _group_start(m.group())
            out.append(Span(s, start + m.end(), "petitioner", text[s:start + m.end()]))
    groups = _self_named_groups(text)
    if out:
        # The same group found both ways (我们是…业主，… and a signature, or a one-line post)
        # names itself.
        first = out[0]
        if any(g.text == first.text for g in groups):
            return [Span(first.start, first.end, "group", first.text)]
        return out[:1]
    return groups[:1]


def _self_named_groups(text: str) -> list[Span]:
    """Groups the writers name themselves as (label "group"): after 我们(是) (我们是丽景苑小区
    业主，…) or right before the verb of petitioning (王集村村民联名反映, 石坎村村民30余人到局上访).

    >>> [s.text for s in _self_named_groups("我们是云锦街道翠城·云璟小区业主，买房时")]
    ['翠城·云璟小区业主']
    """
    out = []
    pat = _patterns()
    if "我们" in text:
        for m in pat["we"].finditer(text):
            # The group must start right after 我们(是) (no break can be inside a match: the
            # pattern's classes hold no punctuation).
            cm = _COLLECTIVE.match(text, m.end())
            if cm and not pat["one_of"].search(cm.group()) and not _TOWNSHIP_ONLY.fullmatch(cm.group()):
                s = m.end() + _group_start(cm.group())
                out.append(Span(s, cm.end(), "group", text[s:cm.end()]))
    for m in pat["group_verb"].finditer(text):
        # The group ends at its people word (the head count after it is left out); its place
        # starts after the clause's break.
        word_end = m.end(1)
        start = _clause_start_before(text, m.start())
        cm = _COLLECTIVE.search(text, start, word_end)
        if cm and cm.end() == word_end and not pat["one_of"].search(cm.group()) \
                and not _TOWNSHIP_ONLY.search(cm.group()):
            s = cm.start() + _group_start(cm.group())
            out.append(Span(s, cm.end(), "group", text[s:cm.end()]))
    return out


def _group_start(phrase: str) -> int:
    """Where a group named before a verb or after 我们 starts inside ``phrase``: after the last
    word that leads to a place (我室收到|顺河镇王集村村民), and after a township written before the
    village or estate (GUIDE: 前进村三组村民; 柏树乡|松岭村全体村民, 云锦街道|翠城·云璟小区业主).

    >>> _group_start("我室收到顺河镇王集村村民")
    7
    """
    cut = 0
    for m in _lead_words().finditer(phrase):
        # (村民, 群众 … are lead words too: a cut must leave a group behind it.)
        if _COLLECTIVE.fullmatch(phrase, m.end()):
            cut = m.end()
    m = _TOWNSHIP_HEAD.match(phrase, cut)
    if m and _COLLECTIVE.fullmatch(phrase, m.end()):
        cut = m.end()
    return cut


@lru_cache(maxsize=None)
def _lead_words() -> re.Pattern:
    return rx("|".join(sorted(map(re.escape, lexicon("place_lead_words") | {"收到", "接到", "转来", "我们是", "我们都是"}),
                              key=len, reverse=True)))


# A group of a whole township (施河镇群众): too wide to be who writes; the letters that name one
# name it as the people the matter concerns, not as their signature.
_TOWNSHIP_ONLY = rx(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)(?:部分|全体)?(?:村民|群众|业主|居民|农户|住户)$")
# A township at the head of a group's place (its name, then 镇, 乡 or 街道).
_TOWNSHIP_HEAD = rx(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)")


def _clause_start_before(text: str, i: int) -> int:
    """Start of the clause that holds position ``i``; unlike respondents._clause_start, a colon
    or an opening bracket starts one too (信访人：|王集村村民…), so that a group named before them
    cannot stand first in the search for the one before the verb."""
    return max(text.rfind(c, 0, i) for c in "，。；：:,;！？!?\n（(") + 1


def count_people(text: str) -> int | None:
    """How many people petition together (30余名村民 → 30), or None: the head count of the
    flags (:func:`xfnlp.flags.petition_head_count`), so that the 集体访 flag and the extracted
    ``head_count`` never disagree. People merely mentioned (拖欠48名职工工资) do not count.

    >>> count_people("来访人数：6人（带头人：吴长山）；另有30多名村民联名")
    30
    """
    return petition_head_count(text)
