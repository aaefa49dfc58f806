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

from ..letter import Span
from .letter_scan import letter_scope
from .names import _merge
from .petitioners import _collective, _petitioners, count_people
from .respondents import _respondents
from .roles import decide_in_scope, load_party_model

def find_parties(text: str, towns=(), villages=(), method: str = "auto"
                 ) -> tuple[list[Span], list[Span], int | None]:
    """(petitioners, respondents, head count) of one normalized letter.

    ``method``: "rules" keeps the hand rules' decisions; "learned" lets the party model of
    :mod:`xfnlp.extract.roles` decide among the rules' candidates; "auto" (the default) is
    "learned" when the shipped model is present, else "rules".

    >>> p, r, n = find_parties("来访人：车桥镇新庄村二组村民许桂兰等6人。反映组长丁某某私自出租机动地")
    >>> [s.text for s in p], [s.text for s in r], n
    (['许桂兰'], ['组长丁某某'], 6)
    """
    # One memo for this letter, shared by the finders, the candidates and the span edges.
    with letter_scope(text):
        return _find_parties(text, towns, villages, method)


def _find_parties(text: str, towns, villages, method: str):
    pets = _merge(_petitioners(text), set())
    if not pets:
        pets = _collective(text)
    names = {s.text for s in pets}
    if method != "rules":
        model = load_party_model()
        if model is not None:
            resp = _respondents(text, names, towns, villages)
            p, r = decide_in_scope(text, towns, villages, model, pets, resp)
            return p, r, count_people(text)
        if method == "learned":
            raise ValueError("no party model shipped (xfnlp/data/party_model.json)")
    # Later mentions of a petitioner's name are the same person: keep distinct texts only.
    seen, distinct = set(), []
    for s in pets:
        if s.text not in seen:
            seen.add(s.text)
            distinct.append(s)
    resp = _respondents(text, names, towns, villages)
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
