"""Respondents by the hand rules: who is complained about (村支书王某, 邻居黄某, …有限公司, X私自…).

The role comes from the sentence, not from a list of names; the learned decision of
:mod:`xfnlp.extract.roles` chooses among these candidates when the party model is shipped.

>>> [s.text for s in _respondents("村支书赵某私自把地卖给宏发建材有限公司", set())]
['村支书赵某', '宏发建材有限公司']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..letter import Span
from ..regex_cache import rx
from .letter_scan import per_letter
from .lexicons import alternation, lexicon
from .names import _cjk, _line_end, _merge, _plausible, _word_pos_cached, read_name

def _clause_start(text: str, i: int) -> int:
    """Start of the clause holding ``text[i]``: just after the last ，。！？； or new line before i."""
    ends = _clause_ends(text)
    k = bisect_left(ends, i)
    return ends[k - 1] + 1 if k else 0


_CLAUSE_END = rx(r"[，。,！？!?；;\n]")


@lru_cache(maxsize=8)
def _clause_ends(text: str) -> list[int]:
    # Found once per letter: the finders ask for the clause of many positions.
    return [m.start() for m in _CLAUSE_END.finditer(text)]


_CJK_RE = r"[\u4e00-\u9fff]"
# Everything but the CJK block of _cjk, as ranges: a class of its own scans fast.
_NOT_CJK = "\\x00-\\u4dff\\ua000-\\U0010ffff"
_NUM = "一二三四五六七八九十两"


@lru_cache(maxsize=None)
def _rpatterns():
    """Compiled patterns of the respondent finder (built once from the lexicons)."""
    def alt(name):
        return alternation(lexicon(name))

    titles = alt("person_titles")
    surname_class = "[" + "".join(sorted(map(re.escape, lexicon("surnames_single")))) + "]"
    return {
        # (?:原|前任)?(?:titles), spelled out as alternatives that each start with a character,
        # so that re skips ahead to the first characters of the titles.
        "title": rx(r"(?:原(?:" + titles + r")|前任(?:" + titles + r")|" + titles + r")"
                            r"(?:兼(?:" + titles + r"))?(?=[\u4e00-\u9fff])"),
        "kin": rx(r"(?:" + alt("kin_titles") + r")(?=[\u4e00-\u9fff])"),
        "org": rx(r"(?:" + alt("org_suffixes") + r")"),
        "bare": rx(r"(?:" + alt("bare_respondents") + r")"),
        "verb": rx(r"(?:[了着过]?)(?:" + alt("complaint_verbs") + r")"),
        "org_stop": rx(r"(?:" + alt("org_left_stops") + r")"),
        "heads": rx(r"(?:" + alt("party_heads") + r")"),
        "de_kin": rx(r"的(" + alt("kin_after_de") + r")"),
        # label, gang, named, quoted, describe, surname_of, de_kin and sold_to: every match holds
        # a word of _NEEDS (keep them in step).
        "label": rx(r"(?:被举报人|被反映人|被投诉人|被举报单位|被投诉单位|被反映单位|被举报对象|举报对象"
                            r"|被反映方|被投诉方|投诉对象|反映对象|被申请人)\s*[:：]\s*"),
        "surname_title": rx(r"(?:老板|支书|书记|主任|会计|组长|队长|所长|厂长|经理|场长"
                                    r"|老[大二三四五六七八九十]|家老[大二三四五六])"),
        "surname_of": rx(r"姓[\u4e00-\u9fff]的(?:副主任|工作人员|中间人|包工头|老板|科长|所长|经理"
                                 r"|村干部|干部|领导|负责人|司机|男的|女的|老头|人)?"),
        # 吴姓老板, 刘姓村民, 一名王姓男子: a surname, 姓 and who the person is.
        "surname_xing": rx(r"[\u4e00-\u9fff]姓(?:老板|村民|居民|男子|女子|商人|干部|村干部|工作人员|包工头"
                                   r"|承包人|承包户|司机|老板娘|业主|住户|人家)"),
        # 外来人员齐某, 外地商人方某: someone from outside, then the name; like 村民王某 (GUIDE),
        # the status written before the name belongs to the span.
        "outsider": rx(r"(?:外来人员|外地人员|外村人员|外来户|外地商人|外来商人)(?=[\u4e00-\u9fff])"),
        "describe": rx(r"(?:一个|一名|一位|有个|这个|那个|那位)((?:[^，。,！？!?；;\n的“”]{1,8}的)?"
                               r"(?:年轻|城里|外地|女|男)?(?:" + alt("party_heads") + r"))"),
        "gang": rx(r"一(?:伙|帮|群)(?:外地人|外村人|人)"),
        "named": rx(r"(?:(?:一家|一个|个|有个|有家|家|公司)(?:叫|名叫|叫做|名为|自称)|名为|挂着|挂的是|挂了个)"
                            r"[“\"「『]?([\u4e00-\u9fff]{2,12}?)[”\"」』]?(?=的公司|的企业|的牌子|公司|的人|的|[，。,；;]|”|」)"),
        "quoted": rx(r"[“\"「『]([\u4e00-\u9fff]{2,14})[”\"」』](?=的?(?:公司|企业|牌子|公墓|的章|章))"),
        "agent_name_before": rx("(?:" + "|".join(map(re.escape, _AGENT_NAME_BEFORE)) + ")$"),
        "sold_to": rx(r"(?:卖给了?|卖予|租给了?|包给了?|续包给|转包给|转让给|私卖给|转给|抵给|流转给)"
                              r"([^，。,；;！？\n]{0,10}?)(?=[\u4e00-\u9fff])"),
        "report": rx(r"(?:举报|投诉|控告|告发|状告|反映|我要告|告)(?:了)?(?:我们组的?|我们村的?|同组的?|本组的?"
                             r"|我家|我们|本村的?|同村的?|组内)?"),
        "group": rx(r"(?:[" + _NUM + r"\d]{1,3}|[\u4e00-\u9fff]{2})组$"),
        # The character before a name start of _name_starts (look-ahead: one character a hit).
        # A surname character whose left neighbour ends a word: the surname class comes
        # first, so that re skips ahead to surnames (see _name_starts).
        "name_start": rx(surname_class + r"(?<=[" + _NOT_CJK + r"的组村人兄弟哥叔]" + surname_class + ")"),
        # _acts_strict: a party acting, X私自…, X（…）又把…, X在承包地上盖….
        "agent_act": rx(r"(?:（[^）]{0,12}）|\([^)]{0,12}\))?(?:又|也|就|还|却|竟然?|一直|硬是|今年|去年|前年"
                                r"|近年|\d{4}年)?[^，。]{0,6}?(?:" + "|".join(_AGENT_ACTS) + ")"),
        "agent_act_first": frozenset(act[0] for act in _AGENT_ACTS),
        # _acts: what may follow a party that acts.
        "demand_after": rx(r"[^，。]{0,4}?(?:退|返还|归还|赔|补偿|支付|停止|恢复|给)"),
        "de_acts": rx(r"(?:的人|的)(?:上门|来|说|把|将|私|强|不)"),
    }


# Words one of which every match of a respondent pattern holds (keep them in step with the
# patterns): a letter without any is not searched, which is much faster than the search.
_NEEDS = {
    "label": ("被举报", "被反映", "被投诉", "被申请人", "对象"),
    "named": ("叫", "名为", "自称", "挂"),        # 一家叫…, 名为…, 自称…, 挂着…
    "quoted": ("“", "\"", "「", "『"),
    "gang": ("一伙", "一帮", "一群"),
    "describe": ("个", "一名", "一位", "那位"),   # 一个, 有个, 这个, 那个; 一名, 一位, 那位
    "surname_of": ("姓",),
    "de_kin": ("的",),
    "sold_to": ("给", "卖予"),                   # every other verb ends in 给
}


def _may_match(key: str, text: str) -> bool:
    # A plain loop: any() over a generator costs more than the `in` tests it runs.
    for w in _NEEDS[key]:
        if w in text:
            return True
    return False


# The patterns that both the respondent rules and the role candidates scan every letter for.
_SHARED = ("title", "kin", "bare", "describe", "named", "quoted", "gang", "surname_of", "surname_title", "de_kin")


@per_letter("found")
def _shared(text: str) -> dict:
    """{key: list of the matches of ``_rpatterns()[key]``} for the _SHARED patterns, and under
    "titled" (title match, end of the plausible name read after it) of every title followed by a
    name (村支书赵某): scanned once per letter scope, read by the respondent rules, the role
    candidates and the role model's named mentions (a scan of "title" costs ~14k instructions a
    letter; one lookup here much less). A pattern of _NEEDS is not searched without its words."""
    rp = _rpatterns()
    found = {key: list(rp[key].finditer(text)) if key not in _NEEDS or _may_match(key, text) else []
             for key in _SHARED}
    titled = found["titled"] = []
    for m in found["title"]:
        e = read_name(text, m.end())
        if e is not None and _plausible(text[m.end():e]):
            titled.append((m, e))
    return found


# Words just before a name that make its bearer the party complained of (同组的柏金海, 外村人杭某).
_AGENT_NAME_BEFORE = ("我们组的", "我们组", "我们村的", "我们村", "同组的", "同组", "本组的", "本组", "同村的", "同村",
                      "组内的", "组内", "本村的", "本村", "巷子里的", "隔壁的", "隔壁", "外村人", "外地人", "外来人员",
                      "外村的", "邻村的", "其兄", "其弟", "其堂叔", "我哥", "他哥", "他弟", "同镇人", "当地人", "同乡的")


def _agent_before(before: str) -> bool:
    """Does ``before`` end with a word of _AGENT_NAME_BEFORE (a new line after it allowed, as ``$``)?"""
    return before.endswith(_AGENT_NAME_BEFORE) or before.endswith("\n") and before[:-1].endswith(_AGENT_NAME_BEFORE)


# Acts whose doer is complained of (for _acts_strict). Each starts with a plain character:
# the first characters screen a clause before the pattern runs.
_AGENT_ACTS = ("私自", "擅自", "强行", "非法", "违法", "未经", "偷偷", "私下", "违规", "霸占", "侵占", "占用", "圈占",
               "抢占", "把", "将", "趁", "背着", "利用", "伙同", "勾结", r"以[^，。]{1,8}为[由名]",
               r"在[^，。]{0,12}(?:盖|建|挖|搭|打|堆|砌|起|翻|开|养)")


_ORG_EDGE = set("的了是在和与及等给把被对向到去从往说叫让请找问个家一那这该其跟同由将为于、，。；：:"
                "村镇乡道组区县市离有里后上来期打报近原内年月日号“”\"「」『』（）()")
_RESP_NAME_BAD = set("上下里外另出入说叫让给把被将从向对这那哪些么和与及也都就还又再才")
_NOT_AFTER_ORG = "长区房里门子地店内外部员工人口主家"
_ROLE_PLAIN = ("村民", "居民", "业主", "社区居民")


@lru_cache(maxsize=None)
def _word_lengths(name: str) -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in lexicon(name)}, reverse=True))


def _ends_with_word(s: str, name: str) -> str | None:
    """The longest word of lexicon ``name`` that ``s`` ends with (what ``(?:words)$`` finds)."""
    words = lexicon(name)
    for n in _word_lengths(name):
        if n <= len(s) and s[len(s) - n:] in words:
            return s[len(s) - n:]
    return None


def _is_weak_title(title: str) -> bool:
    return title in _ROLE_PLAIN


def _acts(text: str, s: int, e: int) -> bool:
    """Does the sentence make the party at text[s:e] act, or name it as the one complained of?"""
    rp = _rpatterns()
    cs = _clause_start(text, s)
    before = text[cs:s]
    if _ends_with_word(before, "handler_before") and not before.endswith(("问", "找")):
        return False
    b = _ends_with_word(before, "role_before")
    if b:
        # 要求开发商退还… names the party; 要求城管依法拆除 names the office that should act.
        return b != "要求" or bool(rp["demand_after"].match(text, e, e + 10))
    after = text[e:e + 12]
    if rp["verb"].match(after):
        return True
    # Coordinated with another party: 村支书和村会计两个人…, 村主任、会计的亲戚.
    if after.startswith(("和", "与", "跟", "、", "伙同")) and rp["bare"].match(after, 1) is not None:
        return True
    if rp["de_acts"].match(after):
        return True
    # Subject of a title line or of the clause, followed by an action (…说/…把/…以…为由).
    line_start = text.rfind("\n", 0, s) + 1
    return text.startswith(("标题", "【"), line_start) and s > line_start + 1


@lru_cache(maxsize=1)
def _two_char_stops() -> frozenset:
    return frozenset(w for w in lexicon("org_left_stops") if len(w) == 2)


# Words ending in an edge character (市, 乡, 村) that company names hold (城投: 城市建设投资).
_EDGE_IN_NAME = frozenset(("城市", "城乡", "都市", "乡村"))


def _org_start(text: str, i: int) -> int:
    """Start of the company name whose suffix begins at ``i`` (鑫磊 | 石料厂)."""
    s = i
    words = _word_pos_cached()
    while s > 0 and i - s < 12 and _cjk(text[s - 1]):
        if text[s - 1] not in _ORG_EDGE or text[s - 1:s + 1] in words and text[s - 1:s + 1] != "有限" and s < i:
            s -= 1
        elif s >= 2 and text[s - 2:s] in _EDGE_IN_NAME:
            s -= 2      # 城市|建设投资有限公司, 城乡|建设: the edge character ends a word of the name
        else:
            break
    # A stop word that the walk left cut in two (村|东御泉温泉酒店: 村 is an edge, 村东 a stop):
    # its second half is not part of the name either.
    if s > 0 and s < i and text[s - 1:s + 1] in _two_char_stops():
        s += 1
    prefix = text[s:i]
    words = _word_pos_cached()
    cut = 0
    for m in _rpatterns()["org_stop"].finditer(prefix):
        # A one-character stop inside a word is no stop: 开 | 砖厂 but 房地产开发公司, 建设投资公司.
        if len(m.group()) == 1 and m.group() not in "年月日号" and (text[s + m.start():s + m.start() + 2] in words
                                    or text[s + m.start() - 1:s + m.end()] in words):
            continue
        if m.end() > cut:
            cut = m.end()
    # Pronouns, time and place words, adverbs end before a name too (这边 | 采石场, 年底 | 砖厂).
    for k in range(cut, len(prefix) - 1):
        if words.get(prefix[k:k + 2], "x")[:1] in "rtsfdpcu" and prefix[k:k + 2] not in ("有限",):
            cut = max(cut, k + 2)
    # A stop that took the first character of such a word (县城|市建设: 县城 is a stop) leaves it.
    if 0 < cut < len(prefix) and prefix[cut - 1:cut + 1] in _EDGE_IN_NAME:
        cut -= 1
    return s + cut


def _title_name(text: str, petitioner_names: set[str], out: list, weak: list, found=None) -> None:
    """Title + name (村支书王某) and acting kin; ``found``: _shared(text), when the caller has it."""
    rp = _rpatterns()
    if found is None:
        found = _shared(text)
    for m, e in found["titled"]:
        name = text[m.end():e]
        if name in petitioner_names or (text[e:e + 1] and text[e:e + 1] in "村镇乡"):
            continue
        title = m.group()
        s = m.start()
        # 砖厂老板杨国庆, 采石场老板贺长江: the works' name word belongs to the title.
        if title in ("老板", "厂老板", "矿老板"):
            o = rp["org"].search(text, max(0, s - 4), s + 1)
            if o and o.end() in (s, s + 1) and (o.start() == 0 or not _cjk(text[o.start() - 1])
                                                 or text[o.start() - 1] in "，。的个"):
                s = o.start()
        if _is_weak_title(title):
            clause = text[_clause_start(text, s):s]
            if not (re.search(r"同组|本组|同村|本村|组内|邻|反映|举报|投诉|卖给|租给|给|我们组|我们村", clause)
                    or _acts(text, s, e)):
                continue
        out.append(Span(s, e, "respondent", text[s:e]))
    for m in found["kin"]:
        e = read_name(text, m.end())
        if e is None or not _name_ok(text, m.end(), e) or text[m.end():e] in petitioner_names:
            continue
        if _acts(text, m.end(), e) or re.search(r"的$", text[max(0, m.start() - 1):m.start()]):
            weak.append(Span(m.end(), e, "respondent", text[m.end():e]))


# 邻居万家, 老秦家; 王家又…: the family as a party (see _respondents, C).
_SURNAME_HOME = rx(r"(?:邻居|隔壁|老)([\u4e00-\u9fff])家(?![人里门口中的乡])")
_HOME_ACTS = rx(r"家(?=又|把|将|私自|擅自|强行|今年|去年)")

_OFFICES = frozenset("镇政府 乡政府 人民政府 国土所 土管所 国土分局 不动产登记中心 征收办 征收指挥部 供电所 "
                     "街道办 街道办事处 办事处 管委会".split())


def _name_ok(text: str, s: int, e: int) -> bool:
    """A person name read at text[s:e] that is not a word, a place or a verb phrase (位出租, 汤泉镇)."""
    name = text[s:e]
    if e - s < 2 or name[1] == name[0] or name[-1] in "镇乡村区县市省组队街" \
            or (e < len(text) and text[e] in "村镇乡") or not _RESP_NAME_BAD.isdisjoint(name[1:]) \
            or not _plausible(name):
        return False
    if len(name) == 3 and name[2] != "某":
        pos = _word_pos_cached().get(name[1:])
        if pos and pos[0] in "vdpcur":
            return False
    return True


def _respondents(text: str, petitioner_names: set[str], towns=(), villages=()) -> list[Span]:
    rp = _rpatterns()
    out: list[Span] = []
    weak: list[Span] = []
    # 0. Field labels of a 交办单/登记表: 被举报人：…, 被投诉单位：….
    for m in rp["label"].finditer(text) if _may_match("label", text) else ():
        end = _line_end(text, m.end())
        stop = re.search(r"[。；;]", text[m.end():end])
        end = m.end() + stop.start() if stop else end
        pos = m.end()
        for piece in re.split(r"[、，,\s]+", text[m.end():end]):
            idx = text.find(piece, pos, end) if piece else pos
            pos = idx + len(piece)
            if not piece:
                continue
            sub: list[Span] = []
            _title_name(piece, petitioner_names, sub, [])
            if not sub:
                sub = _orgs(piece)
            if sub:
                out += [Span(idx + s.start, idx + s.end, "respondent", s.text) for s in sub]
            elif len(piece) <= 16:
                out.append(Span(idx, idx + len(piece), "respondent", piece))
    found = _shared(text)
    # A. Title + name: 村支书王某, 邻居黄某, 老板曾宪华; close kin only when acting.
    _title_name(text, petitioner_names, out, weak, found)
    # B. Companies and works: …有限公司, …石料厂, 开发商恒跃置业, 一家叫“鸿业建设”的公司.
    # A works named only by its trade (采石场, 测绘公司) is complained of only when it acts.
    for o in _orgs(text):
        if _generic_org(o.text) and not _acts(text, o.start, o.end):
            continue
        out.append(o)
    for key in ("named", "quoted"):
        for m in found[key]:
            s, e = m.span(1)
            name = m.group(1)
            if name in petitioner_names or rp["heads"].fullmatch(name):
                continue
            if key == "named":
                before = text[max(0, m.start() - 2):m.start()]
                if re.search(r"我|本人|他|她|名字", before) or read_name(text, s) == e and not \
                        re.match(r"老[大二三四五六七八九十]", name[1:]):
                    # a person: 有个叫谢老三的人 is kept, 名叫王某 is a self-introduction
                    if not re.match(r"[\u4e00-\u9fff]老[大二三四五六七八九十]$", name):
                        continue
            out.append(Span(s, e, "respondent", name))
    # C. Surname + short title: 丁老板, 韩支书, 谢老三, 邢家老大; 老秦家, 邻居万家.
    surnames = lexicon("surnames_single")
    for m in found["surname_title"]:
        s = m.start() - 1
        if s < 0 or text[s] not in surnames:
            continue
        if s > 0 and _cjk(text[s - 1]) and (text[s - 1:s + 1] in _word_pos_cached() or text[s - 1] in surnames
                                            and text[s - 1] not in "的个叫给是被"):
            continue
        # 2022年组长廖某, 廖某和会计黎某: a year's 年 or a joining 和/与/跟/同 is no surname here.
        if s > 0 and (text[s] == "年" and (text[s - 1].isdigit() or text[s - 1] in "〇零一二三四五六七八九十")
                      or text[s] in "和与跟同及" and _cjk(text[s - 1])):
            continue
        if text[s:m.end()] in petitioner_names:
            continue
        out.append(Span(s, m.end(), "respondent", text[s:m.end()]))
    # (Both patterns hold 家: a letter without it is not searched.)
    for m in _SURNAME_HOME.finditer(text) if "家" in text else ():
        if m.group(1) in surnames:
            out.append(Span(m.start(), m.end(), "respondent", m.group()))
    for m in _HOME_ACTS.finditer(text) if "家" in text else ():
        s = m.start() - 1      # 王家又…: the surname before 家 (re finds 家 faster than [\u4e00-\u9fff]家)
        if s >= 0 and _cjk(text[s]) and text[s] in surnames and (s == 0 or text[s - 1] in "的，。里"):
            out.append(Span(s, m.end(), "respondent", text[s:m.end()]))
    # D. 姓丁的老板, 姓孙的副主任; free descriptions: 一个做家具的老板, 一伙外地人.
    for m in found["surname_of"]:
        out.append(Span(m.start(), m.end(), "respondent", m.group()))
    for m in rp["surname_xing"].finditer(text) if "姓" in text else ():
        if text[m.start()] in surnames:
            out.append(Span(m.start(), m.end(), "respondent", m.group()))
    for m in rp["outsider"].finditer(text) if "外" in text else ():
        e = read_name(text, m.end())
        if e is not None and _name_ok(text, m.end(), e) and text[m.end():e] not in petitioner_names:
            out.append(Span(m.start(), e, "respondent", text[m.start():e]))
    for m in found["describe"]:
        s, e = m.span(1)
        phrase = m.group(1)
        if "姓" in phrase or re.search(r"[我你他她]|是|说|在|了", phrase[:-1]):
            continue
        if phrase.endswith("人") and "的" not in phrase and phrase != "外地人" \
                or phrase.endswith("的人") and not phrase.startswith(("偷", "挖", "盗")):
            continue
        if text[e:e + 1] and text[e:e + 1] in "员长家们士生子":
            continue
        if phrase.endswith("的老板") and re.search(r"给了?(?:[^，。]{0,6})$", text[_clause_start(text, m.start()):m.start()]):
            continue
        weak.append(Span(s, e, "respondent", phrase)) if "的" not in phrase else \
            out.append(Span(s, e, "respondent", phrase))
    for m in found["gang"]:
        out.append(Span(m.start(), m.end(), "respondent", m.group()))
    # E. <cadre or name>的<relative>: 村主任的妻弟, 章某的儿子; beneficiaries stay with the cadre.
    for m in found["de_kin"]:
        kin = m.group(1)
        head_end = m.start()
        head = None
        b = rp["bare"].search(text, max(0, head_end - 4), head_end)
        if b and b.end() == head_end:
            head = (b.start(), b.end())
        else:
            for length in (3, 2, 4):
                st = head_end - length
                if st >= 0 and read_name(text, st) == head_end and _plausible(text[st:head_end]):
                    head = (st, head_end)
                    break
        if head is None:
            # 我哥的老婆, 邻居的儿子
            mm = re.search(r"(?:我哥|我弟|我姐|我妹|邻居|干部)$", text[max(0, head_end - 2):head_end])
            if not mm:
                continue
            head = (head_end - len(mm.group()), head_end)
        before = text[_clause_start(text, head[0]):head[0]]
        if kin in ("亲戚", "连襟", "外甥") or re.search(r"(?:给了?|有)$", before):
            if text[head[0]:head[1]] not in petitioner_names and not text[head[0]:head[1]].startswith("我"):
                weak.append(Span(head[0], head[1], "respondent", text[head[0]:head[1]]))
            continue
        out.append(Span(head[0], m.end(), "respondent", text[head[0]:m.end()]))
    # F. Bare parties and offices that the sentence makes act: 开发商扣着定金不退, 被村委会卖给….
    for m in found["bare"]:
        s, e = m.span()
        if e < len(text) and text[e] in "员长" and m.group() not in ("组长",):
            continue
        if m.group() in ("社区", "镇里", "村里", "组里", "楼上", "楼下", "会计", "老板", "煤矿", "砖厂",
                         "采石场", "砂场", "石料厂", "养殖场") and not _acts_strict(text, s, e):
            continue
        # Attached place: 二组组长, 新桥村村委会, 石桥镇政府, 小区物业.
        s0 = s
        g = rp["group"].search(text[max(0, s - 4):s]) \
            if m.group() == "组长" else None
        if g:
            num = re.search(r"[" + _NUM + r"\d]{1,3}组$", g.group())
            s -= len(num.group()) if num else len(g.group())
        elif m.group() in ("村委会", "居委会", "村委"):
            for v in villages:
                if v.start < s <= v.end <= s + 1:
                    s = v.start
                    break
        elif m.group() == "物业" and text[max(0, s - 2):s] == "小区":
            s -= 2
        elif m.group() in _OFFICES:
            # 石桥镇政府, 车桥国土所, 区不动产登记中心: the township or county it belongs to
            # (its suffix may be the office's first characters: 石桥镇|政府, 望川街道|办事处).
            for t in towns:
                if t.start < s <= t.end <= s + 2:
                    s = t.start
                    break
            else:
                if s > 0 and text[s - 1] in "区县市" and (s < 2 or not _cjk(text[s - 2]) or text[s - 2] in "，。的在到去"):
                    s -= 1
        if not (_acts(text, s, e) or s != s0 and _acts(text, s0, e)):
            continue
        out.append(Span(s, e, "respondent", text[s:e]))
    # G. Names reported, bought from, or acting: 举报我们组长龚正华, 卖给外村人杭某, 同组柏金海家.
    for m in rp["report"].finditer(text):
        e = read_name(text, m.end())
        if e is not None and _name_ok(text, m.end(), e) and text[m.end():e] not in petitioner_names:
            out.append(Span(m.end(), e, "respondent", text[m.end():e]))
    for m in rp["sold_to"].finditer(text) if _may_match("sold_to", text) else ():
        gap_end = m.end()
        for j in range(m.start(1), gap_end + 1):
            e = read_name(text, j)
            if e is None or not _name_ok(text, j, e):
                continue
            if text[e:e + 1] and _cjk(text[e]) and text[e] not in "，。的,写签双已现等":
                continue
            if text[j:e] not in petitioner_names:
                out.append(Span(j, e, "respondent", text[j:e]))
            break
    for i in _name_starts(text):
        e = read_name(text, i)
        if e is None or not _name_ok(text, i, e) or text[i:e] in petitioner_names:
            continue
        before = text[max(0, i - 6):i]
        if _agent_before(before) or _acts_strict(text, i, e):
            out.append(Span(i, e, "respondent", text[i:e]))
    return _merge(out + weak, petitioner_names)


def _name_starts(text: str):
    """Positions where a clause-initial or agent-introduced person name may start.

    A surname character at the start, or after a character that is not CJK or is one of
    的组村人兄弟哥叔 (one regex pass).
    """
    if text and text[0] in lexicon("surnames_single"):
        yield 0
    for m in _rpatterns()["name_start"].finditer(text):
        yield m.start()


def _acts_strict(text: str, s: int, e: int) -> bool:
    """The party is the grammatical agent of a complained act (X私自…, 被X占用, X把…卖给)."""
    before = text[_clause_start(text, s):s]
    if before.endswith(("被", "由", "举报", "投诉", "控告")):
        return True
    after = text[e:e + 10]
    rp = _rpatterns()
    # The act must begin inside ``after``: no first character of one, no costly match.
    return not rp["agent_act_first"].isdisjoint(after) and rp["agent_act"].match(after) is not None


@per_letter("orgs")      # shared with the role candidates and the span edges of the letter
def _orgs(text: str) -> list[Span]:
    rp = _rpatterns()
    out = []
    for m in rp["org"].finditer(text):
        nxt = text[m.end():m.end() + 1]
        # 厂长, 厂区, 公司员工: the suffix is part of a longer word; but not when that character
        # starts an adverb or a time word (石料厂长期放炮: 长期).
        if nxt and nxt in _NOT_AFTER_ORG and _word_pos_cached().get(text[m.end():m.end() + 2], "x")[:1] not in "dt":
            continue
        if nxt and _cjk(nxt) and rp["org"].match(text, m.end()):
            continue   # 石材 | 公司: the longer suffix follows
        n = rp["org"].search(text, m.end(), m.end() + 8)
        if n and n.start() > m.end() and all(_cjk(c) and c not in _ORG_EDGE for c in text[m.end():n.start()]) \
                and (text[m.end():n.start()] in _word_pos_cached() or not rp["org_stop"].search(text, m.end(), n.start())):
            continue   # 房地产 | 开发有限公司: the name goes on
        s = _org_start(text, m.start())
        if text[max(0, s - 3):s] == "开发商" and not m.group().endswith("有限公司"):
            s -= 3
        phrase = text[s:m.end()]
        if len(phrase) < 3 and m.group() not in ("中介",):
            continue
        if len(phrase) - len(m.group()) < 1 and m.group() in ("厂", "公司", "集团", "置业", "地产", "物流", "实业",
                                                            "建材", "石材", "矿业", "木业", "药业", "家装", "汽配"):
            continue
        if re.search(r"局|政府|委员会|法院|银行|派出所|国土所|信访|部门|我们|咱们", phrase):
            continue
        if m.group() == "厂" and s + 2 > m.start():
            continue
        out.append(Span(s, m.end(), "respondent", phrase))
    return out


def _generic_org(phrase: str) -> bool:
    """采石场, 测绘公司, 房地产公司: a trade word and a suffix, no proper name."""
    m = _rpatterns()["org"].search(phrase)
    while m and m.end() < len(phrase):
        m = _rpatterns()["org"].search(phrase, m.start() + 1)
    if m is None:
        return False
    head = phrase[:m.start()]
    if phrase.startswith("开发商"):
        return False
    if not head:
        return True
    words = _word_pos_cached()
    return len(head) <= 4 and all(head[k:k + 2] in words for k in range(0, len(head) - 1, 2)) and len(head) % 2 == 0 \
        or len(head) == 1
