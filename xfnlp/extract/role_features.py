"""Features of candidate party strings for the role model (:mod:`xfnlp.extract.roles`).

The features are about roles and syntax, never about particular names: the source of the
candidate, the characters just before and after it, cue words in its clause (举报, 私自, 卖给,
被, 我叫 …), the field label of its line (信访人：, 被反映人：, 处理：), its position in the
letter, how often it repeats and whether the hand rules chose it. A cheap prefilter over the
span and its neighbours drops most candidates before the costly features are built.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .lexicons import lexicon
from .role_candidates import _CLAUSE_END, _LABEL, _NEWLINE, _cpatterns


def _register(text: str) -> str:
    head = text[:40]
    if "来访登记" in head or "来访" in head[:8]:
        return "visit"
    if "标题" in head or "热线" in head or "留言" in head or "来电" in head:
        return "online"
    if "交办" in head or "转办" in head or "转送" in head or "信访局" in head[:12]:
        return "forwarded"
    return "letter"


_BARE_SRC = frozenset(("bare", "bare_place"))
_DESC_SRC = frozenset(("describe", "gang", "surname_of", "named", "quoted", "de_kin", "collective"))
_TITLED_SRC = frozenset(("title_name", "surname_title"))
_PERSON_SRC = frozenset(("name", "name2", "titled", "kin_name", "lao"))


def _kind(span: str, srcs: set) -> str:
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


_CUE_NAMES: dict[str, tuple[str, str]] = {}


class _Doc:
    """Per-letter lookups shared by the features of all candidates.

    The features of an occurrence split into those fixed by its start (left context, cues
    before it in its clause, its line) and those fixed by its end (right context, cues after
    it): each is built once per position as a frozenset and shared by every candidate that
    starts or ends there (a letter has ~30 candidates over far fewer distinct edges).
    """

    __slots__ = ("text", "clause_ends", "line_starts", "clause_cues", "n_lines", "reg",
                 "labels", "_left", "_right")

    def __init__(self, text: str):
        self.text = text
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.n_lines = len(self.line_starts)
        self.labels: dict[int, tuple | None] = {}
        self.clause_cues: dict[int, list] = {}
        self.reg = _register(text)
        self._left: dict[int, frozenset] = {}
        self._right: dict[int, frozenset] = {}

    def label(self, k: int) -> tuple | None:
        """(last characters of the field label, where its value starts, staff label?) of line k."""
        if k in self.labels:
            return self.labels[k]
        text = self.text
        m = _LABEL.match(text, self.line_starts[k])
        got = None
        if m:
            after = m.end()
            while after < len(text) and text[after] in " \t":
                after += 1
            lab = m.group(1).strip()
            got = (lab[-3:], after, any(w in lab for w in lexicon("staff_cues")))
        self.labels[k] = got
        return got

    def cues_of_clause(self, k: int) -> list:
        """Cue words of clause k (between clause ends k-1 and k), scanned on first use: no cue
        holds a clause end, so scanning clause by clause finds what a scan of the letter finds
        (and a letter's few kept candidates need only some of its clauses)."""
        got = self.clause_cues.get(k)
        if got is None:
            ends = self.clause_ends
            lo = ends[k - 1] + 1 if k else 0
            hi = ends[k] if k < len(ends) else len(self.text)
            names = _CUE_NAMES
            got = []
            for m in _cpatterns()["cue"].finditer(self.text, lo, hi):
                w = m.group()
                pair = names.get(w)
                if pair is None:
                    pair = names[w] = ("cb:" + w, "ca:" + w)
                got.append((m.start(), m.end(), pair[0], pair[1]))
            self.clause_cues[k] = got
        return got

    def left(self, s: int) -> frozenset:
        """Features fixed by an occurrence's start: left context, clause cues before, line."""
        got = self._left.get(s)
        if got is not None:
            return got
        text = self.text
        ends = self.clause_ends
        f = []
        k = bisect_left(ends, s)
        cs = ends[k - 1] + 1 if k else 0
        f += [c[2] for c in self.cues_of_clause(k) if c[1] <= s]
        if cs == s:
            f.append("clause_first")
        k = bisect_right(self.line_starts, s) - 1
        ls = self.line_starts[k]
        lab = self.label(k)
        if lab and lab[1] <= s:
            f.append("lab:" + lab[0])
            if lab[2]:
                f.append("staff_line")
            if lab[1] == s:
                f.append("lab_first")
        le = self.line_starts[k + 1] - 1 if k + 1 < self.n_lines else len(text)
        if le - ls <= 24:
            f.append("short_line")
        if k == 0:
            f.append("line:first")
        elif k >= self.n_lines - 2:
            f.append("line:last2")
        f.append("pos:" + str(min(4, 5 * s // max(1, len(text)))))
        got = self._left[s] = frozenset(f)
        return got

    def right(self, e: int) -> frozenset:
        """Features fixed by an occurrence's end: right context, clause cues after."""
        got = self._right.get(e)
        if got is not None:
            return got
        text = self.text
        n = len(text)
        f = []
        ends = self.clause_ends
        k2 = bisect_left(ends, e)
        ce = ends[k2] if k2 < len(ends) else n
        f += [c[3] for c in self.cues_of_clause(k2) if c[0] >= e]
        if ce == e:
            f.append("clause_last")
        got = self._right[e] = frozenset(f)
        return got


_KIND_FEATURE = {k: "kind:" + k for k in ("masked", "org", "bare", "desc", "titled_person", "person", "other")}
_LEN_FEATURE = ["len:" + str(min(n, 9)) for n in range(26)]
_SRC_FEATURE: dict[frozenset, tuple] = {}


def _cheap_features(text: str, s: int, e: int, srcs: set, feats: set) -> None:
    """The features of an occurrence read off the span and its four neighbours alone."""
    key = frozenset(srcs)
    src_f = _SRC_FEATURE.get(key)
    if src_f is None:
        src_f = _SRC_FEATURE[key] = tuple("src:" + src for src in srcs)
    feats.update(src_f)
    kind = _kind(text[s:e], srcs)
    n = len(text)
    # Context characters: CJK as they are, everything else (a ^ or $ written in the letter too)
    # folded to #; the letter's edges are ^ and $.
    l1 = l2 = "^"
    if s:
        l1 = text[s - 1]
        if not "\u4e00" <= l1 <= "\u9fff":
            l1 = "#"
        if s > 1:
            l2 = text[s - 2]
            if not "\u4e00" <= l2 <= "\u9fff":
                l2 = "#"
    r1 = r2 = "$"
    if e < n:
        r1 = text[e]
        if not "\u4e00" <= r1 <= "\u9fff":
            r1 = "#"
        if e + 1 < n:
            r2 = text[e + 1]
            if not "\u4e00" <= r2 <= "\u9fff":
                r2 = "#"
    feats.update((_KIND_FEATURE[kind], _LEN_FEATURE[e - s] if e - s < 26 else "len:9",
                  "L1:" + l1, "L2:" + l2 + l1, "R1:" + r1, "R2:" + r1 + r2))
    if kind in ("org", "bare", "desc", "other"):
        feats.add("end2:" + text[e - 2:e])


def occurrence_cheap_features(text: str, s: int, e: int, srcs: set) -> list[str]:
    """The cheap features of one occurrence, as a list (what the prefilter is trained on)."""
    feats: set = set()
    _cheap_features(text, s, e, srcs, feats)
    return sorted(feats)


def prefilter_kept(text: str, cands: dict, prefilter: dict) -> set[str]:
    """Candidate strings worth their full features: a choice of the hand rules, or a string
    with an occurrence that scores at least the prefilter's threshold on its cheap features.

    The linear score is summed from cached parts instead of building feature sets: the part of
    the sources and kind, and the parts of the two characters before and after the span, looked
    up by those characters as written (see _prefilter_tables). The sums are made in the order
    of the plain formula, so a score at the threshold falls on the same side.
    """
    bias, thr = prefilter["bias"], prefilter["threshold"]
    tables = prefilter.get("_tables")
    if tables is None or tables[0] is not prefilter["weights"]:
        tables = _prefilter_tables(prefilter)
    _, src_masked, src_plain, lens, len9, end2, lefts, rights = tables
    n = len(text)
    # The contexts of the first and last two positions, the edges written as ^ and $.
    head = "^^" + text[:2]
    cut = max(0, n - 2)
    tail = text[cut:] + "$$"
    kept: set[str] = set()
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
        lk = text[s - 2:s] if s >= 2 else head[s:s + 2]
        lz = lefts.get(lk)
        if lz is None:
            lz = _context_part(prefilter, lefts, lk, "L")
        rk = text[e:e + 2] if e + 2 <= n else tail[e - cut:e - cut + 2]
        rz = rights.get(rk)
        if rz is None:
            rz = _context_part(prefilter, rights, rk, "R")
        z += lz + rz
        if z >= thr:
            kept.add(string)
    return kept


# Past this many two-character contexts, a model's tables of context parts start afresh.
_MAX_CONTEXTS = 100_000


def _prefilter_tables(prefilter: dict) -> tuple:
    """Look-up tables of a prefilter, built once per model (kept in the model dict, as "_src"
    was): parts by sources for masked and plain strings, weights by length, the end2 weights by
    the last two characters, and the parts of left and right contexts by their two characters
    as written (filled on first sight; see _context_part)."""
    w = prefilter["weights"].get
    end2 = {f[5:]: v for f, v in prefilter["weights"].items() if f.startswith("end2:")}
    # The weights first: tables built from other weights (a dict replaced) are built again.
    tables = prefilter["_tables"] = (prefilter["weights"], {}, {}, [w(_LEN_FEATURE[k], 0.0) for k in range(26)],
                                     w("len:9", 0.0), end2.get, {}, {})
    return tables


def _source_part(prefilter: dict, srcs, masked: bool, cache: dict, key) -> tuple:
    """(weight of the sources and the kind, does end2 count?) of a set of sources."""
    w = prefilter["weights"].get
    kind = _kind("某" if masked else "", srcs)
    part = cache[key] = (sum(w("src:" + x, 0.0) for x in srcs) + w(_KIND_FEATURE[kind], 0.0),
                         kind in ("org", "bare", "desc", "other"))
    return part


def _context_part(prefilter: dict, table: dict, pair: str, side: str) -> float:
    """The weight of a span's two left (``side`` "L", ``pair`` = the characters before it) or
    right ("R", the characters after it) neighbours: CJK as written, the letter's edges ^ and $,
    anything else #. Unlike the features of :func:`_cheap_features`, a ^ or $ written in the
    letter counts as the edge here: so the prefilter was trained, so it stays."""
    w = prefilter["weights"].get
    if len(table) > _MAX_CONTEXTS:
        table.clear()
    edge = "^" if side == "L" else "$"
    a, b = pair
    if not ("\u4e00" <= a <= "\u9fff" or a == edge):
        a = "#"
    if not ("\u4e00" <= b <= "\u9fff" or b == edge):
        b = "#"
    if side == "L":     # b is the character just before the span
        z = table[pair] = w("L1:" + b, 0.0) + w("L2:" + a + b, 0.0)
    else:               # a is the character just after it
        z = table[pair] = w("R1:" + a, 0.0) + w("R2:" + a + b, 0.0)
    return z


def string_features(text: str, cands: dict, prefilter: dict | None = None) -> dict[str, set]:
    """Features of each distinct candidate string: the union over its occurrences.

    With a ``prefilter`` (the model's), strings whose cheap features score below its threshold
    are dropped before the costly features (clause cues, field labels, containment) are built:
    most candidates of a letter are chunks no role wants.
    """
    if prefilter is not None:
        keep = prefilter_kept(text, cands, prefilter)
        if not keep:
            return {}
    spans = sorted(cands)
    by_text: dict[str, set] = {}
    for (s, e) in spans:
        string = text[s:e]
        if prefilter is not None and string not in keep:
            continue
        feats = by_text.get(string)
        if feats is None:
            feats = by_text[string] = set()
        _cheap_features(text, s, e, cands[(s, e)], feats)
    doc = _Doc(text)
    reg = "reg:" + doc.reg
    for t, feats in by_text.items():
        feats.add(reg)
        feats.add("count:" + str(min(text.count(t), 3)))
    left, right = doc.left, doc.right
    for (s, e) in spans:
        feats = by_text.get(text[s:e])
        if feats is not None:
            feats |= left(s)
            feats |= right(e)
    # Containment between candidates: 赵某 inside 村支书赵某. Only the kept strings receive
    # features, but a dropped candidate still counts as the other one. Spans are sorted by
    # (start, end): a span is inside another when an earlier one reaches as far (the running
    # maximum of ends) or the next one starts at the same place (and so ends later).
    n = len(spans)
    reach = -1
    for i in range(n):
        s, e = spans[i]
        string = text[s:e]
        feats = by_text.get(string)
        if feats is not None:
            if reach >= e or i + 1 < n and spans[i + 1][0] == s:
                feats.add("inside_other")
            # Inside it: the shorter spans of the same start (just before it in the order),
            # and the later spans that end no further.
            k = i - 1
            while k >= 0 and spans[k][0] == s:
                k -= 1
            j = k + 1
            while j < n:
                if j == i:
                    j += 1
                    continue
                s2, e2 = spans[j]
                if s2 >= e:
                    break
                if e2 <= e:
                    inner = text[s2:e2]
                    feats.add("holds_other")
                    if string.startswith(inner):
                        feats.add("extends_right")
                    if string.endswith(inner):
                        feats.add("extends_left")
                j += 1
        if e > reach:
            reach = e
    return by_text

