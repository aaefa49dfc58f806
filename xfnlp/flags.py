"""Topic tags and risk flags, each with the span of text that shows it.

Rules, not a model: a clerk must be able to see why a letter was flagged, and the evidence
span is that reason. Two guards keep the rules honest:

* negation — "我们不会去北京闹" does not fire 越级访风险: a negation cue right before the cue word
  in the same clause cancels it;
* quotation — words inside 《》 or put in another party's mouth (村干部说“你去北京告也没用”)
  are not the petitioner's threat.

>>> [f.label for f in find_flags("三组30多名村民联名反映，扬言要到北京上访")]
['集体访', '越级访风险']
>>> find_flags("我们不会去北京闹事")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .letter import Span

_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_CLAUSE_END = "，。！？；!?;\n"
_NEGATION = re.compile(
    r"(?:不会|不想|不愿|不打算|不准备|没有|从没|从未|没|决不|绝不|不再|不要|不用|不必|不敢|别|并非|并不|不至于)"
    r"[再也还就真]?[去到上跑赴进要]?$")
_QUOTE_PAIRS = {"“": "”", "\"": "\"", "「": "」", "‘": "’", "《": "》"}
_OTHER_SPEAKER = re.compile(
    r"(?:干部|书记|支书|主任|组长|村长|镇长|乡长|所长|局长|站长|领导|工作人员|开发商|老板|经理|对方|"
    r"他们|他|她|人家|有人|别人)[^，。！？；]{0,6}(?:说|讲|称|讲过|放话|回答|答复|表示|吼|骂)[道过了着]?[:：,，]?$")


def _chinese_count(s: str) -> int | None:
    """'30' -> 30, '三十' -> 30, '十五' -> 15, '八十' -> 80, '几十' -> 20 (at least)."""
    if s.isdigit():
        return int(s)
    if s.startswith("几十"):
        return 20
    if s in ("几", "数"):
        return 3
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_NUM:
            cur = _CN_NUM[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@lru_cache(maxsize=1)
def _patterns():
    c = re.compile
    num = r"(\d+|[一二两三四五六七八九十百几数]+)"
    return {
        "headcount": c(num + r"(?:余|多|来)?(?:名|个|位)?(?:村民|群众|居民|业主|农户|户主|人|位|名)"
                       r"(?:次)?"),
        "collective": c(r"全组村民|全村村民|全体村民|全组群众|全体业主|全体居民|部分村民联名|联名信|"
                        r"联名(?:反映|举报|上访|信访|投诉|签字|写信|申请)|集体上访|集体来访|集体访|"
                        r"群体上访|群访|集访|(?:村民|群众|业主)代表\d*人|签名(?:附后|见后)|按了?手印"),
        "above": c(r"进京|上北京|去北京|到北京|赴京|北京上访|去中央|到中央|国家信访局|赴省|去省里|到省里|"
                   r"去省城|到省城|上省里|省里上访|到省信访局|去省信访局|到市里|去市里|赴市|上市里|"
                   r"到市信访局|去市信访局|越级上访|越级信访|越级访|一直告到|告到(?:省|市|北京|中央)|"
                   r"往上告|上面告"),
        "above_context": c(r"访|告|反映|讨说法|讨个说法|喊冤|找领导|信访局|申冤|投诉|举报|闹"),
        "extreme": c(r"自焚|跳楼|跳河|喝农药|喝药|服毒|上吊|卧轨|以死相逼|同归于尽|死给|一死了之|不想活|"
                     r"不活了|拼了这条老命|跟他们拼了|和他们拼了|跟他拼了|和他拼了|拼个你死我活|拼命|"
                     r"抱着炸药|点火烧|出人命|流血事件|砍死|弄死|杀了"),
        # Topic tags
        "征地补偿": c(r"征地|征收|征用|拆迁|征迁|被征|失地农民|安置补助|安置费|安置房|安置补偿|青苗(?:补偿)?费|"
                      r"地上附着物|土地补偿|征地补偿|补偿安置"),
        "宅基地": c(r"宅基地?|房基地|老宅基|宅子地"),
        "farmland": c(r"基本农田|永久基本农田|耕地|良田|农田|承包田|承包地|责任田|口粮田|庄稼地|麦田|稻田|"
                      r"菜地|好田|水田|旱田|田地"),
        "damage": c(r"占|毁|挖|建|盖|堆|压|硬化|破坏|取土|倒|填|浇|铺|推|圈|搭|弃|荒|损|改|烧砖|采"),
        "cadre": c(r"村干部|村组干部|村支书|支书|村书记|支部书记|村主任|村长|组长|小组长|队长|镇长|乡长|"
                   r"副镇长|镇党委书记|书记|所长|站长|局长|工作人员|干部|村会计|会计|主任|村委会|村两委"),
        "accuse": c(r"私自|擅自|私下|偷偷|强行|非法|违法|违规|违纪|贪|侵吞|截留|挪用|克扣|霸占|包庇|不作为|"
                    r"收受|索要|勾结|好处|打人|威胁|倒卖|私分|冒领|优亲厚友|暗箱|徇私|滥用|吃拿卡要|推诿|"
                    r"拖着不办|不给办|刁难|卖了|卖给|出租给|租给|虚报|骗|欺压|作假|造假|腐败|黑幕|不公"),
    }


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _CLAUSE_END:
        b += 1
    return a, b


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    stops = "。！？!?\n"
    a = start
    while a > 0 and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < len(text) and text[b] not in stops:
        b += 1
    return a, b


def is_negated(text: str, start: int) -> bool:
    """A negation cue right before ``start`` in the same clause ("不会去北京")."""
    a, _ = _clause_bounds(text, start, start)
    return bool(_NEGATION.search(text[max(a, start - 8):start]))


def in_others_quote(text: str, start: int) -> bool:
    """``start`` lies in a title (《…》) or in a quotation attributed to another party."""
    # Find the innermost open quote before start on the same line.
    line_start = text.rfind("\n", 0, start) + 1
    depth_open = None
    for i in range(start - 1, line_start - 1, -1):
        ch = text[i]
        if ch in _QUOTE_PAIRS.values() and ch not in _QUOTE_PAIRS:
            return False  # a quote closed before start: we are outside it
        if ch in _QUOTE_PAIRS:
            depth_open = i
            break
    if depth_open is None:
        return False
    closer = _QUOTE_PAIRS[text[depth_open]]
    if closer not in text[start:start + 200] and text[depth_open] != "\"":
        return False
    if text[depth_open] == "《":
        return True
    return bool(_OTHER_SPEAKER.search(text[max(line_start, depth_open - 16):depth_open]))


def _ok(text: str, m: re.Match) -> bool:
    return not is_negated(text, m.start()) and not in_others_quote(text, m.start())


def head_counts(text: str) -> list[Span]:
    """Spans of head counts of people petitioning ("30多名村民", "等6人"), value = the number."""
    out = []
    for m in _patterns()["headcount"].finditer(text):
        n = _chinese_count(m.group(1))
        if n is None:
            continue
        tail = text[m.end():m.end() + 2]
        if tail.startswith(("次", "天", "年", "月", "亩", "元", "平")):
            continue
        out.append(Span(m.start(), m.end(), "head_count", m.group(0), n))
    return out


def find_tags(text: str) -> list[Span]:
    """Topic tags (征地补偿, 宅基地, 耕地保护, 涉及干部) with the first span that shows each."""
    p = _patterns()
    out = []
    for tag in ("征地补偿", "宅基地"):
        m = p[tag].search(text)
        if m:
            out.append(Span(m.start(), m.end(), tag, m.group(0)))
    for m in p["farmland"].finditer(text):
        a, b = _clause_bounds(text, m.start(), m.end())
        a2, b2 = max(a, m.start() - 12), min(b, m.end() + 12)
        if p["damage"].search(text, a2, b2) and not is_negated(text, m.start()):
            out.append(Span(m.start(), m.end(), "耕地保护", m.group(0)))
            break
    for m in p["cadre"].finditer(text):
        a, b = _sentence_bounds(text, m.start(), m.end())
        if p["accuse"].search(text, a, b) and not in_others_quote(text, m.start()):
            out.append(Span(m.start(), m.end(), "涉及干部", m.group(0)))
            break
    return out


def find_flags(text: str, petitioners: list | None = None, collective_min: int = 5) -> list[Span]:
    """Risk flags (集体访, 越级访风险, 极端言论, and 匿名 when ``petitioners`` is given).

    ``petitioners`` are the extracted petitioner spans: 匿名 fires when none names a person.
    """
    p = _patterns()
    out = []
    big = [s for s in head_counts(text) if s.value >= collective_min]
    if big:
        s = max(big, key=lambda s: s.value)
        out.append(Span(s.start, s.end, "集体访", s.text, s.value))
    else:
        m = p["collective"].search(text)
        if m:
            out.append(Span(m.start(), m.end(), "集体访", m.group(0)))
    for m in p["above"].finditer(text):
        if not _ok(text, m):
            continue
        a, b = _clause_bounds(text, m.start(), m.end())
        if m.group(0) in ("进京", "越级上访", "越级信访", "越级访", "国家信访局") or \
                p["above_context"].search(text, a, b):
            out.append(Span(m.start(), m.end(), "越级访风险", m.group(0)))
            break
    for m in p["extreme"].finditer(text):
        if m.group(0) == "拼命" and re.match(r"拼命(?:干|工作|挣|劳动|种|打工|做)", text[m.start():]):
            continue
        if _ok(text, m):
            out.append(Span(m.start(), m.end(), "极端言论", m.group(0)))
            break
    if petitioners is not None and not any(_names_person(s.text) for s in petitioners):
        out.append(Span(0, 0, "匿名", ""))
    return out


def _names_person(s: str) -> bool:
    return not s.endswith(("村民", "群众", "居民", "业主", "农户", "住户", "知情人", "党员"))


def flag(letter, collective_min: int = 5):
    """Pipeline step: fill ``letter.tags`` and ``letter.flags`` from ``letter.normalized``."""
    text = letter.normalized
    letter.tags = find_tags(text)
    pets = letter.spans.get("petitioners") if letter.spans else None
    letter.flags = find_flags(text, pets, collective_min)
    return letter
