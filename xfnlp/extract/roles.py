"""Party roles decided by a small learned model over rule-found candidates.

The rule finders of :mod:`xfnlp.extract.parties` write their role decisions as hand rules, which
fit the writing habits they were tuned on. Here they serve as a high-recall candidate generator
instead: every titled name, masked name (王某), company or body (…公司, …厂, 村委会, 镇政府),
free description (做家具的老板) and name-like chunk becomes a candidate, and a logistic model
decides per distinct candidate string whether it is a petitioner, a respondent or neither.

The features are about roles and syntax, never about particular names: the source of the
candidate (title + name, company, bare party, collective …), the characters just before and
after it, cue words in its clause and sentence (举报, 私自, 卖给, 被, 我叫 …), the field label of
its line (信访人：, 被反映人：, 处理：), its position in the letter, how often it repeats and
whether the hand rules chose it.

Most candidates of a letter are chunks no role wants. A prefilter (a linear score over the
features of the span and its four neighbouring characters, summed from cached parts) drops them
before the costly features are built; a kept string gets exactly the features it would get
without the prefilter. The decided respondent strings then take the GUIDE's span edges
(:mod:`xfnlp.extract.party_edges`).

The model is plain data: ``xfnlp/data/party_model.json`` holds, per role, a bias, a decision
threshold and a dict of feature weights, and the prefilter's bias, threshold and weights (built
by ``tools/train_party_model.py``). It is read once, on first use, through
:mod:`importlib.resources`.

>>> p, r = decide_parties("举报村支书赵某伙同宏发建材有限公司私自占用集体土地。\\n刘长福")
>>> [s.text for s in p], [s.text for s in r]
(['刘长福'], ['村支书赵某', '宏发建材有限公司'])
"""

from __future__ import annotations

import json
import math
from importlib import resources
from itertools import repeat

from ..letter import Span
# The candidates and features live in their own modules; their public names are kept here.
from .letter_scan import letter_scope
from .names import _merge
from .party_edges import settled_by_string
from .petitioners import _collective, _petitioners
from .respondents import _respondents
from .role_candidates import candidates  # noqa: F401
from .role_rules import (
    _NAMED_PARTY, _acts_right_after, _demonstrative_to_antecedent, _name_the_developer, _only_handling,
    _only_speaks_or_asked, _pointer_only, _prefer_named_mentions, _relatives_to_heads, _same_head)
from .role_features import occurrence_cheap_features, prefilter_kept, string_features  # noqa: F401

MODEL_FORMAT = "xfnlp-party-roles/1"
ROLES = ("petitioner", "respondent")

_MODEL: dict | None = None


def load_party_model() -> dict | None:
    """The shipped model (``xfnlp/data/party_model.json``), read once; None when absent."""
    global _MODEL
    if _MODEL is None:
        try:
            raw = resources.files("xfnlp.data").joinpath("party_model.json").read_text("utf-8")
        except (FileNotFoundError, OSError):
            _MODEL = {}
        else:
            _MODEL = parse_model(json.loads(raw))
    return _MODEL or None


def parse_model(data: dict) -> dict:
    """Check a model dict's format and give it back ready for :func:`score`."""
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"party model format {data.get('format')!r}, expected {MODEL_FORMAT!r}")
    for role in ROLES:
        m = data["roles"][role]
        if not isinstance(m["weights"], dict) or not all(isinstance(v, (int, float)) for v in m["weights"].values()):
            raise ValueError("party model weights must map feature names to numbers")
        float(m["bias"]), float(m["threshold"])
    pre = data.get("prefilter")
    if pre is not None:
        if not isinstance(pre.get("weights"), dict) or not all(
                isinstance(v, (int, float)) for v in pre["weights"].values()):
            raise ValueError("party model prefilter weights must map feature names to numbers")
        float(pre["bias"]), float(pre["threshold"])
    return data



# Default weights for map(dict.get, features, _ZEROS): an endless run of 0.0.
_ZEROS = repeat(0.0)


def _joint_weights(model: dict) -> dict:
    """feature -> (petitioner weight, respondent weight), built once per model."""
    jw = model.get("_joint")
    if jw is None:
        jw = {}
        for i, role in enumerate(ROLES):
            for f, v in model["roles"][role]["weights"].items():
                pair = jw.get(f, [0.0, 0.0])
                pair[i] = v
                jw[f] = pair
        model["_joint"] = jw = {f: tuple(v) for f, v in jw.items()}
    return jw


def _sigmoid(z: float) -> float:
    return 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))


def score(model_role: dict, feats) -> float:
    """Probability of the role for one feature set."""
    w = model_role["weights"]
    return _sigmoid(model_role["bias"] + math.fsum(w.get(f, 0.0) for f in feats))


def decide_from_features(text: str, feats: dict, model: dict, scores: dict | None = None
                         ) -> tuple[list[str], list[str]]:
    """(petitioner strings, respondent strings) chosen from candidate features.

    ``scores``: a dict that receives {role: {chosen string: the model's probability}}.
    """
    wp, wr = model["roles"]["petitioner"]["weights"].get, model["roles"]["respondent"]["weights"].get
    bp, br = model["roles"]["petitioner"]["bias"], model["roles"]["respondent"]["bias"]
    probs = {"petitioner": {}, "respondent": {}}
    for t, fs in feats.items():
        # map over the dicts' get runs in C; fsum rounds the sum exactly, so a probability does not
        # depend on the order a set of features is walked in (it changes with the hash seed).
        probs["petitioner"][t] = _sigmoid(bp + math.fsum(map(wp, fs, _ZEROS)))
        probs["respondent"][t] = _sigmoid(br + math.fsum(map(wr, fs, _ZEROS)))
    chosen: dict[str, dict[str, float]] = {}
    for role in ROLES:
        # The hand rules' own choices pass at a threshold of their own (tuned on dev).
        thr = model["roles"][role]["threshold"]
        rthr = model["roles"][role].get("rule_threshold", thr)
        rule_src = "src:rule_p" if role == "petitioner" else "src:rule_r"
        chosen[role] = {t: p for t, p in probs[role].items()
                        if p >= thr or p >= rthr and rule_src in feats[t]}
    # GUIDE: when nobody is named, the collective that signs the letter on a line of its own
    # (…\n长冲村村民) is the petitioner; the rule finder offers it only then.
    # So is the group the writers name themselves as (我们是丽景苑小区业主, 王集村村民联名反映).
    if not chosen["petitioner"]:
        for t, f in feats.items():
            if "src:rule_p" in f and "src:collective" in f and t not in chosen["respondent"] and (
                    "src:collective_self" in f or "line:last2" in f and "short_line" in f
                    and "clause_first" in f and "clause_last" in f):
                chosen["petitioner"][t] = probs["petitioner"][t]
    # A named party (found by the rule finder, a titled name, a company, a body with its place)
    # that the sentence makes act against the writer right after
    # its name (X私自…, X强行…, X至今未付…, X一直拖着不给) is complained of, whatever the
    # letter around it looks like.
    for t, f in feats.items():
        if not _NAMED_PARTY.isdisjoint(f) and t not in chosen["respondent"] and t not in chosen["petitioner"] \
                and _acts_right_after(text, t):
            chosen["respondent"][t] = probs["respondent"][t]
    # 该公司, 此厂, 本单位: a pointer back to a party named before, not a name; the party is
    # the one named (or nobody, when it was not).
    for t in [t for t in chosen["respondent"] if _pointer_only(t)]:
        del chosen["respondent"][t]
    # 那老板, 这个老板: the one described before (一个做板材生意的老板 … 那老板已经拉了围墙).
    _demonstrative_to_antecedent(text, feats, chosen)
    # GUIDE: a relative who only benefits (…就是村主任的亲家, 符某为村主任的侄子) is not the
    # respondent; the cadre or person whose relative it is, is.
    _relatives_to_heads(text, chosen, probs)
    # GUIDE: an office that only handles or forwards the matter is not complained of; a string
    # written only on the bureau's handling lines (处理：…, 交办意见：…, 答复：…) or in the
    # letter's address line (区征收办：) is such an office.
    for t in [t for t in chosen["respondent"] if _only_handling(text, t)]:
        del chosen["respondent"][t]
    # GUIDE: a cadre who only speaks or is asked (村会计说…, 问了组长) is not complained of: a
    # string every mention of which is one that speaks, or one the writer asks or goes to.
    # When the letter has no other party to complain of, the one that speaks is it (组长说外嫁女
    # 不算: what it says is the wrong).
    talkers = [t for t in chosen["respondent"] if _only_speaks_or_asked(text, t)] \
        if len(chosen["respondent"]) > 1 else ()
    if len(talkers) < len(chosen["respondent"]):
        for t in talkers:
            del chosen["respondent"][t]
    # Most letters complain of someone: when no string reaches the threshold, the likeliest
    # one still does if it reaches the role's floor (chosen by leave-one-writer-out CV).
    floor = model["roles"]["respondent"].get("floor")
    if floor is not None and not chosen["respondent"]:
        best = max(((p, t) for t, p in probs["respondent"].items() if t not in chosen["petitioner"]),
                   default=None, key=lambda pt: (pt[0], -text.find(pt[1])))
        if best is not None and best[0] >= floor:
            chosen["respondent"][best[1]] = best[0]
    # A title chosen alone (七组组长, 组长, 孟支书) when the letter also names its bearer
    # (组长谢某, 村支书孟某某): the GUIDE's span is the named one.
    _prefer_named_mentions(text, chosen, probs)
    # GUIDE: 开发商 alone only when the developer is not named. One named property company in
    # the letter (…置业, …地产, …房地产开发有限公司) is the developer.
    _name_the_developer(text, chosen, probs)
    # Office staff (接待人：…, 记录人：…) never petition.
    for t in [t for t in chosen["petitioner"] if "staff_line" in feats[t] and "src:rule_p" not in feats[t]]:
        del chosen["petitioner"][t]
    # One role per string: the likelier one.
    for t in set(chosen["petitioner"]) & set(chosen["respondent"]):
        loser = "respondent" if probs["petitioner"][t] >= probs["respondent"][t] else "petitioner"
        del chosen[loser][t]
    out = []
    for role in ROLES:
        kept: list[str] = []
        nest = model["roles"][role].get("nested", False)
        # Likeliest first; a string inside or around a kept one names the same party (unless
        # the model keeps nested parties: 村主任 and 村主任的弟弟).
        for t, p in sorted(chosen[role].items(), key=lambda kv: (-kv[1], text.find(kv[0]), kv[0])):
            if any((t in k or k in t) and not (nest and len(t) != len(k) and not _same_head(t, k))
                   for k in kept):
                continue
            kept.append(t)
        out.append(sorted(kept, key=lambda t: (text.find(t), t)))
        if scores is not None:
            scores[role] = {t: chosen[role][t] for t in kept}
    return out[0], out[1]


def decide_parties(text: str, towns=(), villages=(), model: dict | None = None,
                   rule_pets=None, rule_resps=None) -> tuple[list[Span], list[Span]]:
    """(petitioners, respondents) of a normalized letter, decided by the learned model."""
    model = model or load_party_model()
    with letter_scope(text):
        if rule_pets is None:
            rule_pets = _merge(_petitioners(text), set()) or _collective(text)
        if rule_resps is None:
            rule_resps = _respondents(text, {s.text for s in rule_pets}, towns, villages)
        return decide_in_scope(text, towns, villages, model, rule_pets, rule_resps)


def decide_in_scope(text: str, towns, villages, model: dict, rule_pets, rule_resps
                    ) -> tuple[list[Span], list[Span]]:
    """:func:`decide_parties` for a caller that holds the letter's scope open already
    (find_parties) and has the rule finders' choices: no second scope to enter and leave."""
    feats = string_features(text, candidates(text, rule_pets, rule_resps, towns, villages),
                            model.get("prefilter"))
    scores: dict = {}
    pets, resps = decide_from_features(text, feats, model, scores)
    return spans_of(text, pets, resps, towns, villages, scores)


def spans_of(text: str, pets: list[str], resps: list[str], towns=(), villages=(), scores=None
             ) -> tuple[list[Span], list[Span]]:
    """Spans of the decided strings (first occurrence), respondents' edges settled by the GUIDE.

    ``scores``: {role: {string: probability}} as :func:`decide_from_features` fills it; each
    span carries its string's probability.
    """
    ps = scores["petitioner"].get if scores else _no_score
    rs = scores["respondent"].get if scores else _no_score
    p_spans = []
    for t in pets:
        i = text.find(t)
        p_spans.append(Span(i, i + len(t), "petitioner", t, score=ps(t)))
    r_spans = [Span(s, e, "respondent", text[s:e], score=rs(t))
               for t, (s, e) in settled_by_string(text, resps, towns, villages)]
    return p_spans, r_spans


def _no_score(_t):
    return None
