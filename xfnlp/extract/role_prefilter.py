"""The prefilter of the role model (:mod:`xfnlp.extract.roles`): which candidate strings get
their full features.

Most candidates of a letter are chunks no role wants. A linear score over the cheap features
of an occurrence (its sources and kind, its length, its last two characters, the two characters
on either side; see role_features._cheap_features) drops them before the costly features are
built. The score is summed from parts looked up per model and per position instead of from
feature sets built per candidate.
"""

from __future__ import annotations

import math

_BARE_SRC = frozenset(("bare", "bare_place"))
_DESC_SRC = frozenset(("describe", "gang", "surname_of", "named", "quoted", "de_kin", "collective"))
_TITLED_SRC = frozenset(("title_name", "surname_title"))
_PERSON_SRC = frozenset(("name", "name2", "titled", "kin_name", "lao"))


def _kind(span: str, srcs: set) -> str:
    """The kind of a candidate (masked, org, bare, desc, titled_person, person, other)."""
    if "某" in span:
        return "masked"
    if "org" in srcs:
        return "org"
    if not _BARE_SRC.isdisjoint(srcs):
        return "bare"
    if not _DESC_SRC.isdisjoint(srcs):
        return "desc"
    if not _TITLED_SRC.isdisjoint(srcs):
        return "titled_person"
    if not _PERSON_SRC.isdisjoint(srcs):
        return "person"
    return "other"


_KIND_FEATURE = {k: "kind:" + k for k in ("masked", "org", "bare", "desc", "titled_person", "person", "other")}
_LEN_FEATURE = ["len:" + str(min(n, 9)) for n in range(26)]


def prefilter_kept(text: str, cands: dict, prefilter: dict) -> set[str]:
    """Candidate strings worth their full features: a choice of the hand rules, or a string
    with an occurrence that scores at least the prefilter's threshold on its cheap features.

    The linear score is summed from parts instead of building feature sets: the part of the
    sources and kind (cached per model by the sources), the parts of the left and right
    context (computed once per start and end of the letter), read from the model's weights
    split by feature kind (see _prefilter_tables). The sums are made in the order of the plain
    formula, so a score at the threshold falls on the same side.
    """
    bias, thr = prefilter["bias"], prefilter["threshold"]
    tables = prefilter.get("_tables")
    if tables is None or tables[0] is not prefilter["weights"]:
        tables = _prefilter_tables(prefilter)
    _, src_masked, src_plain, lens, len9, end2, l1w, l2w, r1w, r2w = tables
    n = len(text)
    kept: set[str] = set()
    lefts: dict[int, float] = {}    # the context parts of the score, by start and by end
    rights: dict[int, float] = {}
    for (s, e), srcs in cands.items():
        string = text[s:e]
        if string in kept:
            continue
        if "rule_r" in srcs or "rule_p" in srcs:
            kept.add(string)        # the hand rules' own choices are always weighed
            continue
        masked = "某" in string
        cache = src_masked if masked else src_plain
        # Most candidates have one source: keyed by it, no frozenset to build.
        if len(srcs) == 1:
            for key in srcs:
                pass
        else:
            key = frozenset(srcs)
        part = cache.get(key)
        if part is None:
            part = _source_part(prefilter, srcs, masked, cache, key)
        z = bias + part[0] + (lens[e - s] if e - s < 26 else len9)
        if part[1]:
            z += end2(text[e - 2:e], 0.0)
        lz = lefts.get(s)
        if lz is None:
            # Context characters: CJK as written, the letter's edges ^ and $, anything else #.
            # Unlike _cheap_features, a ^ or $ written in the letter counts as the edge here:
            # so the prefilter was trained, so it stays.
            l1 = text[s - 1] if s else "^"
            if not ("\u4e00" <= l1 <= "\u9fff" or l1 == "^"):
                l1 = "#"
            l2 = text[s - 2] if s > 1 else "^"
            if not ("\u4e00" <= l2 <= "\u9fff" or l2 == "^"):
                l2 = "#"
            lz = lefts[s] = l1w(l1, 0.0) + l2w(l2 + l1, 0.0)
        rz = rights.get(e)
        if rz is None:
            r1 = text[e] if e < n else "$"
            if not ("\u4e00" <= r1 <= "\u9fff" or r1 == "$"):
                r1 = "#"
            r2 = text[e + 1] if e + 1 < n else "$"
            if not ("\u4e00" <= r2 <= "\u9fff" or r2 == "$"):
                r2 = "#"
            rz = rights[e] = r1w(r1, 0.0) + r2w(r1 + r2, 0.0)
        z += lz + rz
        if z >= thr:
            kept.add(string)
    return kept


def _prefilter_tables(prefilter: dict) -> tuple:
    """Look-up tables of a prefilter, built once per model and kept in its dict: parts by
    sources for masked and plain strings (filled on first sight), weights by length, and the
    weights of end2, L1, L2, R1 and R2 features by their value (no feature name to build)."""
    weights = prefilter["weights"]
    w = weights.get

    def by_value(prefix: str):
        return {f[len(prefix):]: v for f, v in weights.items() if f.startswith(prefix)}.get

    # The weights first: tables built from other weights (a dict replaced) are built again.
    tables = prefilter["_tables"] = (weights, {}, {}, [w(_LEN_FEATURE[k], 0.0) for k in range(26)],
                                     w("len:9", 0.0), by_value("end2:"), by_value("L1:"), by_value("L2:"),
                                     by_value("R1:"), by_value("R2:"))
    return tables


def _source_part(prefilter: dict, srcs, masked: bool, cache: dict, key) -> tuple:
    """(weight of the sources and the kind, does end2 count?) of a set of sources."""
    w = prefilter["weights"].get
    kind = _kind("某" if masked else "", srcs)
    part = cache[key] = (math.fsum(w("src:" + x, 0.0) for x in srcs) + w(_KIND_FEATURE[kind], 0.0),
                         kind in ("org", "bare", "desc", "other"))
    return part
