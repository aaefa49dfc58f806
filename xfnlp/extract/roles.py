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

The model is plain data: ``xfnlp/data/party_model.json`` holds, per role, a bias, a decision
threshold and a dict of feature weights (built by ``tools/train_party_model.py``). It is read
once, on first use, through :mod:`importlib.resources`.

>>> p, r = decide_parties("举报村支书赵某私自把地卖给宏发建材有限公司。\\n刘长福")
>>> [s.text for s in r]
['村支书赵某', '宏发建材有限公司']
"""

from __future__ import annotations

import json
import math
from itertools import repeat
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources

from ..letter import Span
from .lexicons import lexicon

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
    return data


# -- candidates --------------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，。,！？!?；;\n]")
_LABEL = re.compile(r"([^\n：:]{1,10})[：:]")
_NEWLINE = re.compile(r"\n")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _stop_chars() -> str:
    from .parties import _NAME_STOP, _TITLE_AFTER_FIRST

    return "".join(sorted(re.escape(c) for c in _NAME_STOP - set(_TITLE_AFTER_FIRST) - {"某"} if _cjk(c)))


@lru_cache(maxsize=None)
def _cpatterns():
    def alt(words):
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    surnames = "".join(sorted(map(re.escape, lexicon("surnames_single"))))
    doubles = alt(lexicon("surnames_double"))
    return {
        "cue": re.compile("(?:" + alt(lexicon("role_cues")) + ")"),
        # A surname followed by a character that can start a given name or 某/先生/女士 ….
        "surname": re.compile("(?:" + doubles + "|[" + surnames + "])(?=[\u4e00-\u9fff])(?![" + _stop_chars()
                              + "])"),
        "lao": re.compile("老[" + surnames + "]"),
        "surname_first": re.compile("[" + "".join(sorted(map(re.escape, set(lexicon("surnames_single"))
                                                            | {d[0] for d in lexicon("surnames_double")}))) + "]"),
        "doubles": frozenset(lexicon("surnames_double")),
        "singles": frozenset(lexicon("surnames_single")),
        "stop": frozenset(c for c in _stop_chars().replace("\\", "")),
        "noun": re.compile("(?:" + alt(lexicon("party_nouns") | lexicon("org_suffixes")
                                      | lexicon("bare_respondents")) + ")"),
        "quote": re.compile("[“\"「『]([\u4e00-\u9fff]{2,12})[”\"」』]"),
        "de_head": re.compile("(?:的|之)(?:" + alt(lexicon("kin_after_de") | {"子", "女"}) + ")"),
        "title_after": re.compile(r"(?:女士|先生|师傅|大爷|大妈|大娘|阿姨|老汉|老太|老师|大姐|大哥|奶奶|爷爷|大嫂)"),
    }


def _surname_starts(text: str):
    """Where a surname followed by a possible given-name character starts (left to right,
    not overlapping: after 欧阳 the search goes on behind it), as the "surname" pattern finds.

    One scan for the characters that can start a surname (a plain class), then set look-ups:
    much faster than the pattern's alternation and look-aheads tried at every position.
    """
    cp = _cpatterns()
    doubles, singles, stop = cp["doubles"], cp["singles"], cp["stop"]
    n = len(text)
    pos = 0
    for m in cp["surname_first"].finditer(text):
        i = m.start()
        if i < pos:
            continue
        j = 0
        if text[i:i + 2] in doubles and i + 2 < n and "\u4e00" <= text[i + 2] <= "\u9fff" \
                and text[i + 2] not in stop:
            j = i + 2
        elif text[i] in singles and i + 1 < n and "\u4e00" <= text[i + 1] <= "\u9fff" \
                and text[i + 1] not in stop:
            j = i + 1
        if j:
            yield i
            pos = j


def _name_candidates(text: str, add) -> None:
    """Every surname + given-name chunk that reads as a name (the model judges its role)."""
    from .parties import _name_ok, _plausible, read_name

    cp = _cpatterns()
    for i in _surname_starts(text):
        e = read_name(text, i)
        if e is None or e - i < 2:
            continue
        name = text[i:e]
        if not _plausible(name):
            continue
        if "某" not in name and not _name_ok(text, i, e):
            continue
        add(i, e, "name")
    for m in cp["lao"].finditer(text):
        add(m.start(), m.end(), "lao")


def candidates(text: str, rule_pets=(), rule_resps=(), towns=(), villages=()) -> dict:
    """Candidate spans of ``text``: {(start, end): set of sources}."""
    from .parties import _collective, _orgs, _rpatterns, read_name, _plausible

    cands: dict[tuple[int, int], set] = {}

    def add(s, e, src):
        if e - s < 2 or e - s > 24:
            return
        key = (s, e)
        got = cands.get(key)
        if got is None:
            cands[key] = {src}
        else:
            got.add(src)

    for sp in rule_pets:
        add(sp.start, sp.end, "rule_p")
    for sp in rule_resps:
        add(sp.start, sp.end, "rule_r")
    rp = _rpatterns()
    for m in rp["title"].finditer(text):
        e = read_name(text, m.end())
        if e is None or not _plausible(text[m.end():e]):
            continue
        add(m.start(), e, "title_name")
        add(m.end(), e, "titled")
    for m in rp["kin"].finditer(text):
        e = read_name(text, m.end())
        if e is not None and _plausible(text[m.end():e]):
            add(m.end(), e, "kin_name")
    for o in _orgs(text):
        add(o.start, o.end, "org")
    place_ends = {sp.end: sp.start for sp in list(towns) + list(villages)}
    for m in rp["bare"].finditer(text):
        s, e = m.span()
        add(s, e, "bare")
        if s in place_ends:
            add(place_ends[s], e, "bare_place")
        elif s > 0 and text[s - 1] in "区县市镇乡村组" and (s < 2 or not _cjk(text[s - 2])):
            add(s - 1, e, "bare_place")
    for key in ("describe", "named", "quoted"):
        for m in rp[key].finditer(text):
            add(m.start(1), m.end(1), key)
    for key in ("gang", "surname_of"):
        for m in rp[key].finditer(text):
            add(m.start(), m.end(), key)
            if key == "gang":
                add(m.start() + 2, m.end(), key)
    for m in rp["surname_title"].finditer(text):
        s = m.start() - 1
        if s >= 0 and text[s] in lexicon("surnames_single"):
            add(s, m.end(), "surname_title")
    for m in rp["de_kin"].finditer(text):
        b = rp["bare"].search(text, max(0, m.start() - 4), m.start())
        if b and b.end() == m.start():
            add(b.start(), m.end(), "de_kin")
    for sp in _collective(text):
        add(sp.start, sp.end, "collective")
    _name_candidates(text, add)
    _phrase_candidates(text, add, towns, villages)
    return cands


# Characters after which a party phrase may start (function words, measure words, punctuation).
_BOUNDARY = set("的了是在和与及等给把被对向到去从往说叫让请找问个家一两三几那这该其跟同由将为于有些位条艘台辆群伙帮"
                "、，。；：:“”\"「」『』（）() \n")


def _phrase_candidates(text: str, add, towns, villages) -> None:
    """Noun phrases ending in a party head (船, 老板, 物业, …公司), every plausible left edge."""
    cp = _cpatterns()
    place_starts = {sp.start for sp in list(towns) + list(villages)}
    place_ends = {sp.end for sp in list(towns) + list(villages)}
    nouns = [m.span() for m in cp["noun"].finditer(text)]
    place_ends |= {e for _, e in nouns}
    for hs, he in nouns:
        nxt = text[he:he + 1]
        if nxt and nxt in "长员里内外部门口":
            continue
        if he - hs >= 2:
            add(hs, he, "head")
        k = hs - 1
        low = max(0, hs - 8)
        while k >= low and _cjk(text[k]) and text[k] not in "，。":
            if k == 0 or text[k - 1] in _BOUNDARY or not _cjk(text[k - 1]) or k in place_starts or k in place_ends:
                add(k, he, "head_ext")
            k -= 1
    for sp in list(towns) + list(villages):
        add(sp.start, sp.end, "place")
    for m in cp["quote"].finditer(text):
        add(m.start(1), m.end(1), "quote")
    # <name or party>的儿子 / 之子: the whole phrase.
    for m in cp["de_head"].finditer(text):
        for length in (2, 3, 4, 5, 6):
            k = m.start() - length
            if k < 0 or not _cjk(text[k]):
                break
            if k == 0 or text[k - 1] in _BOUNDARY or not _cjk(text[k - 1]):
                add(k, m.end(), "de_kin")
    # Label lines (被举报对象：…, 信访人：…): the first piece after the colon.
    for m in re.finditer(r"(?m)^[^\n：:]{1,10}[：:][ \t]*([^\n、，,；;。（(\s]{2,20})", text):
        add(m.start(1), m.end(1), "label_piece")


# -- features ----------------------------------------------------------------------------------

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
    """Candidate strings worth their full features: some occurrence of the string scores at
    least the prefilter's threshold on its cheap features (a linear score, summed directly
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


def _same_head(a: str, b: str) -> bool:
    """Do two nested strings name one party (赵某 in 村支书赵某, 开发商 in 开发商恒达置业)?"""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.endswith(short) or "的" not in long_[len(short):]


def decide_parties(text: str, towns=(), villages=(), model: dict | None = None,
                   rule_pets=None, rule_resps=None) -> tuple[list[Span], list[Span]]:
    """(petitioners, respondents) of a normalized letter, decided by the learned model."""
    from .parties import _collective, _merge, _petitioners, _respondents

    model = model or load_party_model()
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
