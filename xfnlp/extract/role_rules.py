"""The GUIDE's rules on roles that the model's scores do not settle, applied to its choices
(:func:`xfnlp.extract.roles.decide_from_features`): a pointer (该公司) or a demonstrative (那老板)
stands for the party named before, a relative who only benefits gives way to the cadre, a named
developer or property company stands for 开发商/物业, an office that only handles, a cadre who only
speaks or is asked is no respondent, a title alone gives way to its named bearer.

>>> _pointer_only("该公司"), _pointer_only("宏发公司")
(True, False)
"""

from __future__ import annotations

from ..regex_cache import rx
from .lexicons import lexicon
from .party_edges import _title_before_false_name
from .respondents import _clause_start, _orgs, _shared


# Sources of a named party: the rule finder's choice, a titled name, a company, a body with its place.
_NAMED_PARTY = frozenset(("src:rule_r", "src:title_name", "src:org", "src:bare_place"))
_ACTING = rx(r"(?:又|也|还|就|一直|至今|硬是|竟然?|长期|多次)?(?:私自|擅自|强行|非法|违法|违规|偷偷|霸占|侵占|强占"
                     r"|占用|拖欠|未付|没付|不给|拖着不给|扣着|不退|乱)")


def _acts_right_after(text: str, t: str) -> bool:
    i = text.find(t)
    while i >= 0:
        if _ACTING.match(text, i + len(t)):
            return True
        i = text.find(t, i + 1)
    return False


_POINTER = rx(r"(?:该|此|本)(?:家)?")


def _pointer_only(t: str) -> bool:
    m = _POINTER.match(t)
    if not m:
        return False
    rest = t[m.end():]
    return rest in lexicon("org_suffixes") or rest in lexicon("bare_respondents") \
        or rest in ("单位", "企业", "公司", "厂", "矿", "村", "镇", "组")


_DEMONSTRATIVE = rx(r"[那这](?:个|位|家)?")


def _demonstrative_to_antecedent(text: str, feats: dict, chosen: dict) -> None:
    """Replace a chosen 那/这 + head (那老板) by the nearest candidate before it that ends with
    the same head and says more (做板材生意的老板); keep it when there is none."""
    resp = chosen["respondent"]
    for t in list(resp):
        m = _DEMONSTRATIVE.match(t)
        head = t[m.end():] if m else ""
        if len(head) < 2:
            continue
        first = text.find(t)
        best = None
        for c in feats:
            if c == t or not c.endswith(head) or len(c) <= len(head) or _DEMONSTRATIVE.match(c):
                continue
            i = text.find(c)
            if 0 <= i < first and (best is None or i > best[0]):
                best = (i, c)
        if best is not None and best[1] not in chosen["petitioner"]:
            p = resp.pop(t)
            resp[best[1]] = max(p, resp.get(best[1], 0.0))


# A relative named as what someone or something *is* (是/为/系 … X的亲戚): a beneficiary; not
# after 的 (挖砂的是X的妻弟: the one who digs is the relative, who acts).
_COPULA_BEFORE = rx(r"(?<!的)(?:是|为|系)[^，。,；;！？!?\n“”\"]{0,5}$")


def _relatives_to_heads(text: str, chosen: dict, probs: dict) -> None:
    kin = lexicon("kin_after_de")
    resp = chosen["respondent"]
    for t in list(resp):
        k = t.rfind("的")
        if k <= 0 or t[k + 1:] not in kin:
            continue
        head = t[:k]
        occ = [m for m in _occurrences(text, t)]
        if not occ or not all(_COPULA_BEFORE.search(text, max(0, i - 6), i) for i in occ):
            continue
        if head in chosen["petitioner"] or head.startswith(("我", "他", "她")):
            continue
        # A name stands for its titled mention when the letter writes one (书记吴某某).
        titled = [whole for whole, _, name in _named_mentions(text) if name == head]
        new = titled[0] if len(set(titled)) == 1 else head
        p = resp.pop(t)
        resp[new] = max(p, resp.get(new, 0.0), probs["respondent"].get(new, 0.0))


def _occurrences(text: str, t: str):
    i = text.find(t)
    while i >= 0:
        yield i
        i = text.find(t, i + 1)


_DEVELOPER_NAME = rx(r"(?:置业|地产|房产)(?:开发)?(?:有限责任公司|股份有限公司|有限公司|公司|集团)?$")


# The property company named (嘉禾物业服务有限公司, 万家物业): more than the generic words.
_MANAGER_NAME = rx(r"物业(?:服务|管理)?(?:有限责任公司|股份有限公司|有限公司|公司)?$")
_GENERIC_MANAGER = frozenset(("物业", "物业公司", "小区物业", "物业管理公司", "物业服务公司"))


def _name_the_developer(text: str, chosen: dict, probs: dict) -> None:
    _name_the_company(text, chosen, probs, ("开发商", "房地产商", "开发公司"), _DEVELOPER_NAME,
                      ("开发商", "房地产商"))
    # The same for the property company: 物业 alone only when it is not named.
    _name_the_company(text, chosen, probs, _GENERIC_MANAGER, _MANAGER_NAME, ("小区物业", "物业"))


def _name_the_company(text: str, chosen: dict, probs: dict, generic, name_rx, before) -> None:
    resp = chosen["respondent"]
    bare = [t for t in resp if t in generic]
    if not bare:
        return
    named = set()
    for o in _orgs(text):
        n = o.text
        # 开发商恒达置业 and 恒达置业 name one company; its edges are settled later.
        for w in before:
            if n.startswith(w):
                n = n[len(w):]
                break
        if name_rx.search(n) and len(n) >= 4 and n not in generic:
            named.add(n)
    named = {n for n in named if not any(n != m and n.endswith(m) for m in named)}
    if len(named) != 1:
        return
    name = named.pop()
    if name in chosen["petitioner"]:
        return
    p = max(resp.pop(t) for t in bare)
    resp[name] = max(p, resp.get(name, 0.0), probs["respondent"].get(name, 0.0))


# Labels of the lines where the bureau or a higher office records how the matter is handled.
_HANDLING_LABEL = rx(r"(?:处理|处理意见|处理情况|处理结果|交办意见|转办意见|拟办意见|拟办|办理意见|办理情况|办理结果"
                     r"|答复|答复意见|回复|承办|承办单位|承办科室|主送|抄送|批示|领导批示|转办|交办)[^\n：:]{0,4}[：:]")


def _only_handling(text: str, t: str) -> bool:
    """Is every occurrence of ``t`` on a handling line, or in the address line that opens the
    letter (a short line near the top ending with a colon: 区自然资源和规划分局、区征收办：)?"""
    i = text.find(t)
    if i < 0:
        return False
    while i >= 0:
        ls = text.rfind("\n", 0, i) + 1
        le = text.find("\n", i)
        line = text[ls:le if le >= 0 else len(text)]
        if not (_HANDLING_LABEL.match(line)
                or len(line) <= 40 and ls < 80 and line.rstrip().endswith((":", "："))):
            return False
        i = text.find(t, i + 1)
    return True


# A party that speaks: X说…, X还说…, X答复…; not X说要… (what it means to do).
_SPEAKS = rx(r"(?:又|也|还|就|却|都|只|一直|当时|后来|反而|竟然?)?(?:说|称|讲|表示|答复|回复|解释|告诉|回答|告知)(?!要)")
# …but a party that, in the same sentence, refuses or takes (开发商说…，不肯退钱) acts.
_REFUSES_LATER = rx(r"[^。！？!?\n]*?(?:不肯|不给|不退|不让|不认|不还|不管|不归|没给|只肯|只给|欠|拒绝|拒不|不予|扣|推|私自|擅自|强行|霸占|占用)")
# A party the writer asks or goes to: 问了会计, 去找组长, 打电话问村里.
_ASKED = rx(r"(?:问|询问|咨询)(?:了|过|到)?$")


def _only_speaks_or_asked(text: str, t: str) -> bool:
    """Is every mention of ``t`` one that speaks (and does nothing else in its sentence) or one
    the writer asks, and ``t`` not acting right after any of them?"""
    i = text.find(t)
    if i < 0:
        return False
    while i >= 0:
        e = i + len(t)
        if _SPEAKS.match(text, e):
            if _REFUSES_LATER.match(text, e):
                return False
        elif not (_ASKED.search(text, max(_clause_start(text, i), i - 6), i) and not _ACTING.match(text, e)):
            return False
        i = text.find(t, e)
    return True


_GROUP_PREFIX = rx(r"(?:[一二三四五六七八九十两\d]{1,3}组|[\u4e00-\u9fff]{1,3}村|村|组)")


def _named_mentions(text: str) -> list[tuple[str, str, str]]:
    """(whole string, title, name) of every title + name written in the letter (组长谢某)."""
    out = []
    for m, e in _shared(text)["titled"]:
        if m.group() in _ORG_TITLES or _title_before_false_name(text, m.start(), e) is not None:
            continue
        out.append((text[m.start():e], m.group(), text[m.end():e]))
    return out


# Titles that stand for a body, not a person: no name follows them (开发商南湖置业 is a company).
_ORG_TITLES = frozenset(("开发商", "物业", "物业公司"))


def _bare_title(t: str) -> tuple[str, str] | None:
    """(title, surname or "") when ``t`` names a party by its title alone: 组长, 七组组长,
    村支书, 孟支书 (a surname and a title); None otherwise."""
    titles = lexicon("person_titles") - _ORG_TITLES
    if t in titles:
        return t, ""
    m = _GROUP_PREFIX.match(t)
    if m and t[m.end():] in titles and m.end() < len(t):
        return t[m.end():], ""
    if len(t) >= 3 and t[0] in lexicon("surnames_single") and t[1:] in titles:
        return t[1:], t[0]
    return None


def _prefer_named_mentions(text: str, chosen: dict, probs: dict) -> None:
    resp = chosen["respondent"]
    bare = {t: b for t in resp if (b := _bare_title(t)) is not None}
    if not bare:
        return
    mentions = _named_mentions(text)
    for t, (title, surname) in bare.items():
        found = {whole for whole, tt, name in mentions
                 if (tt.endswith(title) or title.endswith(tt)) and len(min(tt, title, key=len)) >= 2
                 and (not surname or name.startswith(surname))
                 and whole not in chosen["petitioner"] and name not in chosen["petitioner"]}
        if len(found) != 1:
            continue
        named = found.pop()
        p = resp.pop(t)
        if named not in resp:
            resp[named] = max(p, probs["respondent"].get(named, 0.0))


def _same_head(a: str, b: str) -> bool:
    """Do two nested strings name one party (赵某 in 村支书赵某, 开发商 in 开发商恒达置业)?"""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.endswith(short) or "的" not in long_[len(short):]
