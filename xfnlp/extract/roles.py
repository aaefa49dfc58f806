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

>>> p, r = decide_parties("举报村支书赵某私自把地卖给宏发建材有限公司。\\n刘长福")
>>> [s.text for s in r]
['村支书赵某', '宏发建材有限公司']
"""

from __future__ import annotations

import json
import math
from importlib import resources
from itertools import repeat

from ..letter import Span
# The candidates and features live in their own modules; their public names are kept here.
from ..regex_cache import rx
from .letter_scan import letter_scope
from .role_candidates import candidates  # noqa: F401
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
    return _sigmoid(model_role["bias"] + sum(w.get(f, 0.0) for f in feats))


def decide_from_features(text: str, feats: dict, model: dict) -> tuple[list[str], list[str]]:
    """(petitioner strings, respondent strings) chosen from candidate features."""
    wp, wr = model["roles"]["petitioner"]["weights"].get, model["roles"]["respondent"]["weights"].get
    bp, br = model["roles"]["petitioner"]["bias"], model["roles"]["respondent"]["bias"]
    probs = {"petitioner": {}, "respondent": {}}
    for t, fs in feats.items():
        # map over the dicts' get runs in C: the sums are those of score().
        probs["petitioner"][t] = _sigmoid(bp + sum(map(wp, fs, _ZEROS)))
        probs["respondent"][t] = _sigmoid(br + sum(map(wr, fs, _ZEROS)))
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
    if not chosen["petitioner"]:
        for t, f in feats.items():
            if "src:rule_p" in f and "src:collective" in f and "line:last2" in f and "short_line" in f \
                    and "clause_first" in f and "clause_last" in f and t not in chosen["respondent"]:
                chosen["petitioner"][t] = probs["petitioner"][t]
    # A named party (found by the rule finder, a titled name, a company, a body with its place)
    # that the sentence makes act against the writer right after
    # its name (X私自…, X强行…, X至今未付…, X一直拖着不给) is complained of, whatever the
    # letter around it looks like.
    for t, f in feats.items():
        if not _NAMED_PARTY.isdisjoint(f) and t not in chosen["respondent"] and t not in chosen["petitioner"] \
                and _acts_right_after(text, t):
            chosen["respondent"][t] = probs["respondent"][t]
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
    return out[0], out[1]


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


def _same_head(a: str, b: str) -> bool:
    """Do two nested strings name one party (赵某 in 村支书赵某, 开发商 in 开发商恒达置业)?"""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.endswith(short) or "的" not in long_[len(short):]


def decide_parties(text: str, towns=(), villages=(), model: dict | None = None,
                   rule_pets=None, rule_resps=None) -> tuple[list[Span], list[Span]]:
    """(petitioners, respondents) of a normalized letter, decided by the learned model."""
    from .names import _merge
    from .petitioners import _collective, _petitioners
    from .respondents import _respondents

    model = model or load_party_model()
    with letter_scope(text):
        if rule_pets is None:
            rule_pets = _merge(_petitioners(text), set()) or _collective(text)
        if rule_resps is None:
            rule_resps = _respondents(text, {s.text for s in rule_pets}, towns, villages)
        feats = string_features(text, candidates(text, rule_pets, rule_resps, towns, villages),
                                model.get("prefilter"))
        pets, resps = decide_from_features(text, feats, model)
        return spans_of(text, pets, resps, towns, villages)


def spans_of(text: str, pets: list[str], resps: list[str], towns=(), villages=()
             ) -> tuple[list[Span], list[Span]]:
    """Spans of the decided strings (first occurrence), respondents' edges settled by the GUIDE."""
    from .party_edges import settle_respondents

    p_spans = []
    for t in pets:
        i = text.find(t)
        p_spans.append(Span(i, i + len(t), "petitioner", t))
    r_spans = [Span(s, e, "respondent", text[s:e]) for s, e in settle_respondents(text, resps, towns, villages)]
    return p_spans, r_spans
