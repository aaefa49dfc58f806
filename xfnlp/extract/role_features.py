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


def _kind(span: str, srcs: set) -> str:
    if "某" in span:
        return "masked"
    if srcs & {"org"}:
        return "org"
    if srcs & {"bare", "bare_place"}:
        return "bare"
    if srcs & {"describe", "gang", "surname_of", "named", "quoted", "de_kin", "collective"}:
        return "desc"
    if srcs & {"title_name", "surname_title"}:
        return "titled_person"
    if srcs & {"name", "name2", "titled", "kin_name", "lao"}:
        return "person"
    return "other"


def _fold(ch: str, edge: str) -> str:
    # Context characters: CJK as they are, everything else folded to #.
    return ch if "\u4e00" <= ch <= "\u9fff" else "#"


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
        holds a clause end, so scanning clause by clause finds what a scan of the letter finds."""
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
    src_f = _SRC_FEATURE.get(frozenset(srcs))
    if src_f is None:
        src_f = _SRC_FEATURE[frozenset(srcs)] = tuple("src:" + src for src in srcs)
    feats.update(src_f)
    kind = _kind(text[s:e], srcs)
    feats.add(_KIND_FEATURE[kind])
    feats.add(_LEN_FEATURE[e - s] if e - s < 26 else "len:9")
    if kind in ("org", "bare", "desc", "other"):
        feats.add("end2:" + text[e - 2:e])
    n = len(text)
    l1 = _fold(text[s - 1], "^") if s else "^"
    l2 = _fold(text[s - 2], "^") if s > 1 else "^"
    r1 = _fold(text[e], "$") if e < n else "$"
    r2 = _fold(text[e + 1], "$") if e + 1 < n else "$"
    feats.add("L1:" + l1)
    feats.add("L2:" + l2 + l1)
    feats.add("R1:" + r1)
    feats.add("R2:" + r1 + r2)


def occurrence_cheap_features(text: str, s: int, e: int, srcs: set) -> list[str]:
    """The cheap features of one occurrence, as a list (what the prefilter is trained on)."""
    feats: set = set()
    _cheap_features(text, s, e, srcs, feats)
    return sorted(feats)


def prefilter_kept(text: str, cands: dict, prefilter: dict) -> set[str]:
    """Candidate strings worth their full features: a choice of the hand rules, or a string
    with an occurrence that scores at least the prefilter's threshold on its cheap features (a linear score, summed directly
    from cached parts instead of building feature sets)."""
    w = prefilter["weights"].get
    bias, thr = prefilter["bias"], prefilter["threshold"]
    cache = prefilter.setdefault("_src", {})
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
        key = (frozenset(srcs), masked)
        part = cache.get(key)
        if part is None:
            kind = _kind("某" if masked else "", srcs)
            part = cache[key] = (sum(w("src:" + x, 0.0) for x in srcs) + w(_KIND_FEATURE[kind], 0.0),
                                 kind in ("org", "bare", "desc", "other"))
        z = bias + part[0] + w(_LEN_FEATURE[e - s] if e - s < 26 else "len:9", 0.0)
        if part[1]:
            z += w("end2:" + text[e - 2:e], 0.0)
        lz = lefts.get(s)
        if lz is None:
            l1 = text[s - 1] if s else "^"
            if not ("\u4e00" <= l1 <= "\u9fff" or l1 == "^"):
                l1 = "#"
            l2 = text[s - 2] if s > 1 else "^"
            if not ("\u4e00" <= l2 <= "\u9fff" or l2 == "^"):
                l2 = "#"
            lz = lefts[s] = w("L1:" + l1, 0.0) + w("L2:" + l2 + l1, 0.0)
        rz = rights.get(e)
        if rz is None:
            r1 = text[e] if e < n else "$"
            if not ("\u4e00" <= r1 <= "\u9fff" or r1 == "$"):
                r1 = "#"
            r2 = text[e + 1] if e + 1 < n else "$"
            if not ("\u4e00" <= r2 <= "\u9fff" or r2 == "$"):
                r2 = "#"
            rz = rights[e] = w("R1:" + r1, 0.0) + w("R2:" + r1 + r2, 0.0)
        z += lz + rz
        if z >= thr:
            kept.add(string)
    return kept


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

