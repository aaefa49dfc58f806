"""Petitioners (who writes or visits) and respondents (who is complained about), head counts.

The role comes from the sentence, not from a list of names: a name after 我叫/本人/信访人：
or alone on a signature line is a petitioner; a name after a title (村支书王某, 邻居黄某), a
company (…有限公司, …石料厂) or a party followed by 私自/强行/非法 … is a respondent.
A person name is a surname (a fact table) and one or two given characters.

>>> p, r, n = find_parties("我叫刘长福。村支书赵某私自把地卖给宏发建材有限公司。\\n刘长福")
>>> [s.text for s in p], [s.text for s in r]
(['刘长福'], ['村支书赵某', '宏发建材有限公司'])
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..letter import Span
from .lexicons import lexicon
from .numerals import parse_number

# Characters that cannot be the given-name part of a person's name: function words, place
# suffixes, words that follow a name in a petition (称, 来访, 等 …).
_NAME_STOP = set("的了是在和与及等说称到向把被给将从年月日人、，。：:;；（）()\"“” \n"
                 "反于为也都就又还已因对让叫问找跟带陪男女岁电身住系他她我你们这那个些不没要会能"
                 "可所以而但或其该此每各村乡组家去私擅偷趁非未")
_TITLES_AFTER = ("女士", "先生", "师傅", "大爷", "大妈", "大娘", "阿姨", "老汉", "老太", "老师")
_SEP = re.compile(r"[、,，;；\s]+|及其?(?:儿子|女儿|妻子|丈夫|母亲|父亲|子|女|妻|夫)")
_PLACE_PREFIX = re.compile(r"^.*(?:村民代表|群众代表|村民|居民|群众|农户|代表|业主|社区|街道|村|组|镇|乡"
                           r"|书记|主任|组长|会计)")
_COLLECTIVE = re.compile(r"[\u4e00-\u9fff、]{2,24}?(?:村|组|队|社区|小区|花园|苑|街道|镇|乡)"
                         r"[\u4e00-\u9fff、]{0,8}?(?:部分|全体)?(?:村民|群众|业主|居民|农户)")
_DATE_OR_PHONE = re.compile(r"\d{4}[年.\-/]\d{1,2}(?:[月.\-/]\d{1,2}日?)?|\d{4}年|(?:联系)?电话[:：]?\s*[\d\- ]+"
                            r"|1[3-9]\d[\d\- ]{8,}|[（(][^）)]{0,20}[）)]")


@lru_cache(maxsize=None)
def _patterns():
    titles = sorted(lexicon("person_titles"), key=len, reverse=True)
    orgs = sorted(lexicon("org_suffixes"), key=len, reverse=True)
    verbs = sorted(lexicon("complaint_verbs"), key=len, reverse=True)
    bare = sorted(lexicon("bare_respondents"), key=len, reverse=True)
    cues = sorted(lexicon("petitioner_cues"), key=len, reverse=True)
    staff = sorted(lexicon("staff_cues"), key=len, reverse=True)
    alt = lambda words: "|".join(map(re.escape, words))  # noqa: E731
    return {
        "title": re.compile(r"(?:" + alt(titles) + r")(?=[\u4e00-\u9fff])"),
        "org": re.compile(r"(?:" + alt(orgs) + r")"),
        "verb_after": re.compile(r"(?:又|也|就|还|却|都|竟|竟然|一直|硬是|根本)?(?:" + alt(verbs) + r")"),
        "bare": re.compile(r"(?:" + alt(bare) + r")"),
        "cue": re.compile(r"(?:" + alt(cues) + r")\s*[:：]?\s*"),
        "staff": re.compile(r"(?:" + alt(staff) + r")"),
        "self": re.compile(r"(?:我叫|名叫|我的名字叫|本人(?:叫|是|系)?|姓名[:：]\s*)"),
        "i_am": re.compile(r"我(?:是|们是)[^，。,；;\n]{2,24}?的(?=[\u4e00-\u9fff])"),
        "came": re.compile(r"(?:来访|来信|来电|上访|信访)"),
        "report": re.compile(r"(?:举报|投诉|控告|告发|状告|反映|告)(?:了)?(?:我们组的?|我们村的?|同组的?|本组的?"
                             r"|我家|我们|本村的?|同村的?)?"),
        "surname_of": re.compile(r"姓[\u4e00-\u9fff]的(?:老板|中间人|男的|女的|人|老头|包工头)?"),
        "count": re.compile(r"(?:(?P<n>\d{1,3}|[一二两三四五六七八九十百]{1,4})(?P<approx>[余多来])?"
                            r"(?P<unit>名|人|位)(?!民|家|员|大|口|次|份|工))"),
    }


def read_name(text: str, i: int) -> int | None:
    """End of a person's name starting at ``i`` (surname + 1–2 given characters), or None.

    >>> t = "来访人刘某称"; t[3:read_name(t, 3)]
    '刘某'
    """
    if i >= len(text):
        return None
    if text[i:i + 2] in lexicon("surnames_double"):
        j = i + 2
    elif text[i] in lexicon("surnames_single"):
        j = i + 1
    else:
        return None
    for title in _TITLES_AFTER:
        if text.startswith(title, j):
            return j + len(title)
    if text.startswith("某某", j):
        return j + 2
    if text.startswith("某", j):
        return j + 1
    if j >= len(text) or not _cjk(text[j]) or text[j] in _NAME_STOP:
        return None
    if j + 1 < len(text) and _cjk(text[j + 1]) and text[j + 1] not in _NAME_STOP:
        return j + 2
    return j + 1


def _name_in_piece(piece: str) -> tuple[int, int | None]:
    """(start, end) of the name heading ``piece`` after a place or role prefix."""
    m = _PLACE_PREFIX.match(piece)
    for off in ((m.end(), 0) if m else (0,)):
        e = read_name(piece, off)
        if e is not None and _plausible(piece[off:e]):
            return off, e
    return 0, None


def _plausible(name: str) -> bool:
    """A name must not read as an ordinary word (豆腐摊, 信息, 敬上, 江苏省)."""
    from .places import _word_pos

    if name in lexicon("not_names"):
        return False
    pos = _word_pos().get(name[:2])
    return pos is None or pos.startswith("nr") or name[1] == "某"


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _names_in_pieces(text: str, start: int, end: int, first_only: bool = False) -> list[Span]:
    """Names at the head of each 、/，/space-separated piece of ``text[start:end]``."""
    out = []
    pos = start
    for piece in _SEP.split(text[start:end]):
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
    for key in ("self", "i_am"):
        for m in pat[key].finditer(text):
            e = read_name(text, m.end())
            if e is not None and _plausible(text[m.end():e]):
                found.append(Span(m.end(), e, "petitioner", text[m.end():e]))
    for m in re.finditer(r"我是([^，。,；;！!？?\n]{3,24})[，。,；;\n]", text):
        # "我是桑园村一组邵德胜，": a name closing the self-introduction.
        for length in (3, 2, 4):
            s = m.end(1) - length
            if s > m.start(1) and read_name(text, s) == m.end(1) and _plausible(text[s:m.end(1)]) \
                    and text[s - 1] in "村组区队道镇乡的":
                found.append(Span(s, m.end(1), "petitioner", text[s:m.end(1)]))
                break
    # 3. … 村 X 来访 / 村民 X 来信 / 群众 X 等人
    for m in pat["came"].finditer(text):
        for length in (3, 2, 4):
            s = m.start() - length
            if s >= 0 and read_name(text, s) == m.start() and (
                    s == 0 or not _cjk(text[s - 1]) or text[s - 1] in "村组民众乡镇区道主"):
                found.append(Span(s, m.start(), "petitioner", text[s:m.start()]))
                break
    for m in re.finditer(r"(?:群众|村民|居民|农户|村民代表)(?=[\u4e00-\u9fff]{2,4}[等:：])", text):
        e = read_name(text, m.end())
        if e is not None and text[e:e + 1] and text[e:e + 1] in "等:：" and _plausible(text[m.end():e]):
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
        offset = 0
        if len(line) > 40:
            # A one-line letter signed at its end: "…去哪里办？桃源镇 张桂英".
            cut = max(line.rfind(c) for c in "。？！?!")
            if cut < 0 or len(line) - cut > 20:
                continue
            offset = cut + 1
        seg = _DATE_OR_PHONE.sub(lambda mm: " " * len(mm.group()), line[offset:])
        for piece in re.finditer(r"[^、,，\s]+", seg):
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
        m = _COLLECTIVE.search(seg)
        if m and not re.search(r"一个|一位|有个", m.group()):
            phrase = m.group()
            out.append(Span(start + m.start(), start + m.end(), "petitioner", phrase))
    return out[:1]


def _clause_start(text: str, i: int) -> int:
    return max(text.rfind(c, 0, i) for c in "，。,！？!?；;\n") + 1


def _respondents(text: str, petitioner_names: set[str]) -> list[Span]:
    pat = _patterns()
    out: list[Span] = []
    # A. Title + name: 村支书王某, 邻居黄某, 老板曾宪华.
    for m in pat["title"].finditer(text):
        e = read_name(text, m.end())
        if e is None:
            continue
        name = text[m.end():e]
        if name in petitioner_names or (text[e:e + 1] and text[e:e + 1] in "村镇乡"):
            continue
        title = m.group()
        clause = text[_clause_start(text, m.start()):m.start()]
        if title in ("村民", "居民", "业主") and not re.search(r"同组|本组|同村|邻|反映|举报|投诉", clause):
            continue
        out.append(Span(m.start(), e, "respondent", text[m.start():e]))
    # B. Companies and works: …有限公司, …石料厂, 开发商恒跃置业.
    for m in pat["org"].finditer(text):
        s = m.start()
        while s > 0 and m.end() - s < 16 and _cjk(text[s - 1]) and text[s - 1] not in _ORG_EDGE:
            s -= 1
        if text.startswith("开发商", s - 3) and s - 3 >= 0:
            s -= 3
        phrase = text[s:m.end()]
        if len(phrase) < 3 or re.search(r"局|政府|委员会|法院|银行|派出所|国土所|中心|信访|部门", phrase):
            continue
        if text[m.end():m.end() + 1] and text[m.end():m.end() + 1] in "长区房里门子地":  # 厂长, 厂区, 矿区: not the works itself
            continue
        out.append(Span(s, m.end(), "respondent", phrase))
    # C. Bare parties that act against the petitioner: 开发商扣着定金不退, 组长说….
    for m in pat["bare"].finditer(text):
        before = text[_clause_start(text, m.start()):m.start()]
        after = pat["verb_after"].match(text, m.end())
        reported = re.search(r"(?:举报|投诉|告)$", before)
        if not (after or reported) or re.search(r"[向找到转请由经]$|会同$", before):
            continue
        out.append(Span(m.start(), m.end(), "respondent", m.group()))
    # D. Names reported or acting: 举报我们组长龚正华, 彭家福私自把….
    for m in pat["report"].finditer(text):
        e = read_name(text, m.end())
        if e is not None and e - m.end() >= 2 and text[m.end():e] not in petitioner_names:
            out.append(Span(m.end(), e, "respondent", text[m.end():e]))
    # E. 姓丁的老板, 姓邹的.
    for m in pat["surname_of"].finditer(text):
        out.append(Span(m.start(), m.end(), "respondent", m.group()))
    return _merge(out, petitioner_names)


_ORG_EDGE = set("的了是在和与及等给把被对向到去从往说叫让请找问个家一那这该其跟同由将为于、，。；：:"
                "村镇乡组区县市离有里后上来期打报近原内")


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


def count_people(text: str) -> int | None:
    """The largest head count written in the letter (30余名村民 → 30), or None.

    >>> count_people("来访人数：6人（带头人：吴长山）；另有30多名村民联名")
    30
    """
    best = None
    for m in _patterns()["count"].finditer(text):
        prev = text[m.start() - 1:m.start()]
        if prev.isdigit() or prev == "第":
            continue
        n = parse_number(m.group("n"))
        if n is None or n > 5000:
            continue
        best = n if best is None else max(best, int(n))
    return int(best) if best is not None else None


def find_parties(text: str, towns=(), villages=()) -> tuple[list[Span], list[Span], int | None]:
    """(petitioners, respondents, head count) of one normalized letter.

    >>> p, r, n = find_parties("来访人：车桥镇新庄村二组村民许桂兰等6人。反映组长丁某某私自出租机动地")
    >>> [s.text for s in p], [s.text for s in r], n
    (['许桂兰'], ['组长丁某某'], 6)
    """
    pets = _merge(_petitioners(text), set())
    if not pets:
        pets = _collective(text)
    names = {s.text for s in pets}
    # Later mentions of a petitioner's name are the same person: keep distinct texts only.
    seen, distinct = set(), []
    for s in pets:
        if s.text not in seen:
            seen.add(s.text)
            distinct.append(s)
    resp = _respondents(text, names)
    rseen, rdistinct = set(), []
    longer = [s.text for s in resp]
    for s in resp:
        # A bare 开发商 next to 开发商恒跃置业 elsewhere names the same party once.
        if any(s.text != t and s.text in t for t in longer):
            continue
        if s.text not in rseen:
            rseen.add(s.text)
            rdistinct.append(s)
    return distinct, rdistinct, count_people(text)
