"""Features of candidate party strings for the role model (:mod:`xfnlp.extract.roles`).

The features are about roles and syntax, never about particular names: the source of the
candidate, the characters just before and after it, cue words in its clause (举报, 私自, 卖给,
被, 我叫 …), the field label of its line (信访人：, 被反映人：, 处理：), its position in the
letter, how often it repeats and whether the hand rules chose it. A cheap prefilter over the
span and its neighbours drops most candidates before the costly features are built.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from .petitioners import _patterns as _ppatterns
from .respondents import _clause_ends
from .role_candidates import _LABEL, _NEWLINE, _cpatterns
# The prefilter lives in its own module; its public name is kept here.
from .role_prefilter import _KIND_FEATURE, _LEN_FEATURE, _kind, prefilter_kept


def _register(text: str) -> str:
    head = text[:40]
    if "来访登记" in head or "来访" in head[:8]:
        return "visit"
    if "标题" in head or "热线" in head or "留言" in head or "来电" in head:
        return "online"
    if "交办" in head or "转办" in head or "转送" in head or "信访局" in head[:12]:
        return "forwarded"
    return "letter"


_CUE_NAMES: dict[str, tuple[str, str]] = {}
_POS_FEATURE = ["pos:" + str(k) for k in range(5)]
_COUNT_FEATURE = ["count:" + str(k) for k in range(4)]


class _Doc:
    """Per-letter lookups shared by the features of all candidates.

    The features of an occurrence split into those fixed by its start (left context, cues
    before it in its clause, its line) and those fixed by its end (right context, cues after
    it): each is built once per position as a tuple and shared by every candidate that starts
    or ends there (a letter has ~30 candidates over far fewer distinct edges). What is fixed by
    the line (its label, its length, first or last lines) is built once per line.
    """

    __slots__ = ("text", "clause_ends", "line_starts", "clause_cues", "n_lines", "reg",
                 "lines", "_left", "_right")

    def __init__(self, text: str):
        self.text = text
        # The respondent rules found them for this letter already (same clause ends).
        self.clause_ends = _clause_ends(text)
        # (Most summary rows are one line: no scan for new lines then.)
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)] if "\n" in text else [0]
        self.n_lines = len(self.line_starts)
        self.lines: dict[int, tuple] = {}
        self.clause_cues: dict[int, list] = {}
        self.reg = _register(text)
        self._left: dict[int, tuple] = {}
        self._right: dict[int, tuple] = {}

    def label(self, k: int) -> tuple | None:
        """(last characters of the field label, where its value starts, staff label?) of line k."""
        text = self.text
        m = _LABEL.match(text, self.line_starts[k])
        if not m:
            return None
        after = m.end()
        while after < len(text) and text[after] in " \t":
            after += 1
        lab = m.group(1).strip()
        # Is a staff cue written in the label? The petitioner finder's pattern of them, one scan.
        return lab[-3:], after, _ppatterns()["staff"].search(lab) is not None

    def line(self, k: int) -> tuple:
        """(where the value of line k's label starts or None, the label's features, the
        features of the line itself) of line k, built on first use."""
        got = self.lines.get(k)
        if got is None:
            lab = self.label(k)
            lab_f = () if lab is None else ("lab:" + lab[0], "staff_line") if lab[2] else ("lab:" + lab[0],)
            ls = self.line_starts[k]
            le = self.line_starts[k + 1] - 1 if k + 1 < self.n_lines else len(self.text)
            f = ["short_line"] if le - ls <= 24 else []
            if k == 0:
                f.append("line:first")
            elif k >= self.n_lines - 2:
                f.append("line:last2")
            got = self.lines[k] = (None if lab is None else lab[1], lab_f, tuple(f))
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

    def left(self, s: int) -> tuple:
        """Features fixed by an occurrence's start: clause cues before it, clause_first, its
        line's label (when it stands after the label) and line, its position in the letter,
        the characters before it (L1, L2)."""
        got = self._left.get(s)
        if got is not None:
            return got
        ends = self.clause_ends
        k = bisect_left(ends, s)
        cues = self.cues_of_clause(k)
        f = [c[2] for c in cues if c[1] <= s] if cues else []
        if (ends[k - 1] + 1 if k else 0) == s:
            f.append("clause_first")
        after, lab_f, line_f = self.line(bisect_right(self.line_starts, s) - 1)
        if after is not None and after <= s:
            f += lab_f
            if after == s:
                f.append("lab_first")
        f += line_f
        f.append(_POS_FEATURE[min(4, 5 * s // max(1, len(self.text)))])
        got = self._left[s] = tuple(f) + _left_context(self.text, s)
        return got

    def right(self, e: int) -> tuple:
        """Features fixed by an occurrence's end: clause cues after it, clause_last, the
        characters after it (R1, R2)."""
        got = self._right.get(e)
        if got is not None:
            return got
        ends = self.clause_ends
        k2 = bisect_left(ends, e)
        cues = self.cues_of_clause(k2)
        f = [c[3] for c in cues if c[0] >= e] if cues else []
        if (ends[k2] if k2 < len(ends) else len(self.text)) == e:
            f.append("clause_last")
        got = self._right[e] = tuple(f) + _right_context(self.text, e)
        return got


# (sources, masked?) -> (src: and kind: features, does end2 count?), built on first sight.
_SOURCE_FEATURES: dict[tuple, tuple] = {}


def _source_features(span: str, srcs: set) -> tuple:
    """(the src: and kind: features, does end2 count?) of a span proposed by ``srcs``."""
    masked = "某" in span
    if len(srcs) == 1:      # most spans have one source: keyed by it, no frozenset to build
        for key in srcs:
            pass
    else:
        key = frozenset(srcs)
    got = _SOURCE_FEATURES.get((key, masked))
    if got is None:
        kind = _kind(span, srcs)
        got = _SOURCE_FEATURES[(key, masked)] = (
            tuple("src:" + src for src in srcs) + (_KIND_FEATURE[kind],), kind in ("org", "bare", "desc", "other"))
    return got


def _left_context(text: str, s: int) -> tuple:
    """L1 and L2 features: the two characters before ``s``, CJK as they are, everything else
    (a ^ or $ written in the letter too) folded to #; before the letter ^."""
    l1 = l2 = "^"
    if s:
        l1 = text[s - 1]
        if not "\u4e00" <= l1 <= "\u9fff":
            l1 = "#"
        if s > 1:
            l2 = text[s - 2]
            if not "\u4e00" <= l2 <= "\u9fff":
                l2 = "#"
    return "L1:" + l1, "L2:" + l2 + l1


def _right_context(text: str, e: int) -> tuple:
    """R1 and R2 features: the two characters from ``e`` on, folded as by _left_context;
    after the letter $."""
    n = len(text)
    r1 = r2 = "$"
    if e < n:
        r1 = text[e]
        if not "\u4e00" <= r1 <= "\u9fff":
            r1 = "#"
        if e + 1 < n:
            r2 = text[e + 1]
            if not "\u4e00" <= r2 <= "\u9fff":
                r2 = "#"
    return "R1:" + r1, "R2:" + r1 + r2


def _span_features(text: str, s: int, e: int, srcs: set, feats: set) -> None:
    """The cheap features read off the span itself: sources, kind, length, last two characters."""
    src_kind, end2 = _source_features(text[s:e], srcs)
    feats.update(src_kind)
    feats.add(_LEN_FEATURE[e - s] if e - s < 26 else "len:9")
    if end2:
        feats.add("end2:" + text[e - 2:e])


def _cheap_features(text: str, s: int, e: int, srcs: set, feats: set) -> None:
    """The features of an occurrence read off the span and its four neighbours alone."""
    _span_features(text, s, e, srcs, feats)
    feats.update(_left_context(text, s))
    feats.update(_right_context(text, e))


def occurrence_cheap_features(text: str, s: int, e: int, srcs: set) -> list[str]:
    """The cheap features of one occurrence, as a list (what the prefilter is trained on)."""
    feats: set = set()
    _cheap_features(text, s, e, srcs, feats)
    return sorted(feats)


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
    strings = [text[s:e] for s, e in spans]
    # Only the kept strings receive features: their spans' indices (in the sorted order).
    kept = range(len(spans)) if prefilter is None else [i for i, t in enumerate(strings) if t in keep]
    by_text: dict[str, set] = {}
    doc = _Doc(text)
    left, right = doc.left, doc.right
    for i in kept:
        s, e = spans[i]
        string = strings[i]
        feats = by_text.get(string)
        if feats is None:
            feats = by_text[string] = set()
        # The cheap features (_cheap_features), the context ones with the rest of left / right.
        _span_features(text, s, e, cands[(s, e)], feats)
        feats.update(left(s))
        feats.update(right(e))
    reg = "reg:" + doc.reg
    for t, feats in by_text.items():
        feats.add(reg)
        feats.add(_COUNT_FEATURE[min(text.count(t), 3)])
    # Containment between candidates: 赵某 inside 村支书赵某. Only the kept strings receive
    # features, but a dropped candidate still counts as the other one. Spans are sorted by
    # (start, end): a span is inside another when an earlier one reaches as far (the running
    # maximum of ends, reach) or the next one starts at the same place (and so ends later).
    n = len(spans)
    reach = list(accumulate([e for _, e in spans], max))
    for i in kept:
        s, e = spans[i]
        string = strings[i]
        feats = by_text[string]
        if i and reach[i - 1] >= e or i + 1 < n and spans[i + 1][0] == s:
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
                inner = strings[j]
                feats.add("holds_other")
                if string.startswith(inner):
                    feats.add("extends_right")
                if string.endswith(inner):
                    feats.add("extends_left")
            j += 1
    return by_text
