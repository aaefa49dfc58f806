"""Repeat petitions (重复访): the same petitioner raising the same matter again.

Two tests, both needed:

* **same petitioner** — the rows share an identity key: a person's name, a phone number or an ID
  number (from the ledger's columns or extracted from the letter);
* **same matter** — the texts are alike by content, not by identical wording: the cosine of their
  character-bigram TF-IDF vectors (IDF over the whole ledger) reaches ``threshold`` and the two
  letters have the same category, or the cosine reaches ``strong`` whatever the categories.

The thresholds were chosen on the corpus's training pairs (72 repeat pairs against 107 look-alike
pairs, the look-alikes being the same kind of complaint by another person, or another matter by the
same person); the README gives precision and recall on the test split.

Rows are only compared with earlier rows that share a key (a blocking index), so the work grows
with the ledger's size, not with its square; the computation is vectorized with numpy, and
100,000 rows take well under a second (bench/bench_ledger.py).

>>> detect_repeats([({"张三"}, "村支书私自卖了我家承包地"), ({"李四"}, "村支书私自卖了我家承包地"),
...                 ({"张三"}, "我家承包地被村支书私自卖掉了，至今没有处理")])[2][0]
0
"""

from __future__ import annotations

import math
import re

DEFAULT_THRESHOLD = 0.08
DEFAULT_STRONG = 0.25
MAX_CANDIDATES = 50          # earlier rows per key looked at (newest first)
_DROP = re.compile(r"[\s\d，。、；：！？,.;:!?()（）“”\"'《》\[\]【】-]+")
_NOT_DIGIT = re.compile(r"\D")
_NAME_SPLIT = re.compile(r"[、，,;；/\s]+|等")
_NOT_PERSON = ("村民", "群众", "居民", "业主", "农户", "住户", "匿名", "知情人", "不详", "无")


def identity_keys(names=(), phones=(), ids=()) -> set[str]:
    """Keys that identify a petitioner: names (2–4 characters), phones, ID numbers."""
    keys = set()
    for raw in names:
        for n in _NAME_SPLIT.split(str(raw or "")):
            n = n.strip()
            if 2 <= len(n) <= 4 and not n.endswith(_NOT_PERSON) and "某" not in n[1:]:
                keys.add("name:" + n)
    for p in phones:
        digits = _NOT_DIGIT.sub("", str(p or ""))
        if len(digits) >= 7:
            keys.add("phone:" + digits[-11:])
    for i in ids:
        if i:
            keys.add("id:" + str(i).upper())
    return keys


def _clean(text: str) -> str:
    return _DROP.sub("", text)


# -- the computation, vectorized with numpy ---------------------------------------------------
#
# Same definitions as the docstring above, computed for all rows at once: texts are cut to
# arrays of code points, bigrams packed into integers, counted with one sort each (numpy's sort
# is fast; its argsort and unique are not), and a row's vector is a run of (bigram id, weight)
# in flat arrays. Identical texts share one vector. Weights are float32 (memory) and products
# are summed in float64.

T_BUDGET = 1 << 21           # cells of the dense scratch table (float32: 8 MB)


def _drop_table():
    """Which code points _clean removes, as a lookup table over the BMP (built once)."""
    import numpy as np

    global _DROP_TABLE
    if _DROP_TABLE is None:
        table = np.zeros(0x10000, dtype=bool)
        for m in _DROP.finditer("".join(map(chr, range(0x10000)))):
            table[m.start():m.end()] = True
        _DROP_TABLE = table
    return _DROP_TABLE


_DROP_TABLE = None


def _sort_packed(hi, lo, lo_bits: int):
    """(hi, lo) pairs sorted by hi then lo, as one int64 array ``hi << lo_bits | lo``. Both are
    non-negative and must fit in 63 bits together (true of any ledger: see the callers)."""
    import numpy as np

    hi_bits = int(hi.max()).bit_length() if len(hi) else 0
    if hi_bits + lo_bits > 63:
        raise ValueError("ledger too large for packed sort keys")
    packed = (hi.astype(np.int64) << lo_bits) | lo
    packed.sort()
    return packed


def _run_starts(sorted_keys):
    """Where each run of equal values starts in a sorted array."""
    import numpy as np

    if not len(sorted_keys):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])


def _ranges(starts, lens):
    """Concatenated ranges [start, start + len) and, for each element, which range it is in."""
    import numpy as np

    total = int(lens.sum())
    which = np.repeat(np.arange(len(lens)), lens)
    offsets = np.cumsum(lens) - lens
    return np.arange(total) - offsets[which] + starts[which], which


class _Vectors:
    """TF-IDF vectors of distinct texts.

    ``self_dot[d]`` is the cosine of text d with itself; for other pairs only the bigrams that
    two or more texts have can count, so only those are kept for lookups: text d's are
    ``gid/w[indptr[d]:indptr[d + 1]]``.
    """

    def __init__(self, texts: list[str], mult: list[int], n: int):
        import numpy as np

        lens = np.fromiter(map(len, texts), np.int64, len(texts))
        codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        doc = np.repeat(np.arange(len(texts), dtype=np.int64), lens)
        if len(codes) and int(codes.max()) >= 0x10000:
            bmp = codes < 0x10000
            drop = np.zeros(len(codes), dtype=bool)
            drop[bmp] = _drop_table()[codes[bmp]]
            for c in set(codes[~bmp].tolist()):      # rare: characters beyond the BMP
                if _DROP.fullmatch(chr(c)):
                    drop[codes == c] = True
        else:
            drop = _drop_table()[codes]
        keep = ~drop
        codes, doc = codes[keep], doc[keep]
        # Characters renumbered densely (a few thousand in Chinese text), so that a bigram is
        # the small integer rank(a) * alphabet + rank(b).
        present = np.zeros(int(codes.max(initial=0)) + 1, dtype=bool)
        present[codes] = True
        alphabet = max(int(present.sum()), 1)
        r = (np.cumsum(present, dtype=np.int64) - 1)[codes]
        inside = doc[:-1] == doc[1:]                  # bigrams do not cross texts
        gram = (r[:-1] * alphabet + r[1:])[inside]
        gram_bits = max(alphabet * alphabet - 1, 1).bit_length()
        # Term counts: one sort by (text, bigram); each run is one entry of a vector.
        key = _sort_packed(doc[:-1][inside], gram, gram_bits)
        new = _run_starts(key)
        tf = np.diff(np.r_[new, len(key)])
        key = key[new]
        e_doc, e_gram = key >> gram_bits, key & ((1 << gram_bits) - 1)
        # Document frequencies: one sort by (bigram, entry); each run is one bigram. A text
        # counts as many times as rows have it.
        E = len(key)
        pos_bits = max(E, 1).bit_length()
        key2 = _sort_packed(e_gram, np.arange(E, dtype=np.int64), pos_bits)
        pos = key2 & ((1 << pos_bits) - 1)
        starts = _run_starts(key2 >> pos_bits)
        texts_with = np.diff(np.r_[starts, E])           # distinct texts with the bigram
        mult = np.asarray(mult, dtype=np.int64)
        df_run = texts_with if int(mult.max(initial=1)) == 1 else \
            np.add.reduceat(mult[e_doc[pos]], starts) if E else texts_with
        run = np.repeat(np.arange(len(starts)), texts_with)
        gid = np.empty(E, dtype=np.int64)
        gid[pos] = run
        df = df_run[gid]
        # The weights, with math.log on each distinct count as the formula reads.
        idf = np.zeros(int(df.max(initial=0)) + 1)
        for v in np.flatnonzero(np.bincount(df)).tolist() if E else ():
            idf[v] = math.log((1 + n) / (1 + v)) + 1
        tfw = np.array([0.0] + [1 + math.log(k) for k in range(1, int(tf.max(initial=0)) + 1)])
        w = tfw[tf] * idf[df]
        norm = np.sqrt(np.bincount(e_doc, weights=w * w, minlength=len(texts)))
        norm[norm == 0] = 1.0
        w32 = (w / norm[e_doc]).astype(np.float32)
        w64 = w32.astype(np.float64)
        self.self_dot = np.bincount(e_doc, weights=w64 * w64, minlength=len(texts))
        shared_run = texts_with >= 2
        shared = shared_run[gid]
        self.grams = int(shared_run.sum())
        self.gid = (np.cumsum(shared_run) - 1)[gid[shared]]
        self.w32, self.w = w32[shared], w64[shared]
        self.indptr = np.r_[0, np.cumsum(np.bincount(e_doc[shared], minlength=len(texts)))]

    def dots(self, a, b):
        """Cosines of pairs of distinct texts (a[k], b[k]). A dense table holds a batch of
        texts; the other text of each pair looks its bigrams up in it. The longer text of a
        pair goes into the table, the shorter one looks up (less work)."""
        import numpy as np

        out = np.zeros(len(a))
        if not len(a) or not self.grams:
            return out
        lens = np.diff(self.indptr)
        swap = lens[a] < lens[b]
        big, small = np.where(swap, b, a), np.where(swap, a, b)
        order = np.argsort((big << 32) | small)        # text ids < 2**31
        big, small = big[order], small[order]
        first = _run_starts(big)
        anchors, bounds = big[first], np.r_[first, len(big)]
        G = self.grams
        per_batch = max(1, T_BUDGET // G)
        table = np.zeros(per_batch * G, dtype=np.float32)
        sims = np.empty(len(a))
        for k0 in range(0, len(anchors), per_batch):
            k1 = min(k0 + per_batch, len(anchors))
            idx, slot = _ranges(self.indptr[anchors[k0:k1]], lens[anchors[k0:k1]])
            cells = slot * G + self.gid[idx]
            table[cells] = self.w32[idx]
            p0, p1 = bounds[k0], bounds[k1]
            pslot = np.repeat(np.arange(k1 - k0), np.diff(bounds[k0:k1 + 1]))
            idx2, pair = _ranges(self.indptr[small[p0:p1]], lens[small[p0:p1]])
            vals = table[pslot[pair] * G + self.gid[idx2]] * self.w[idx2]
            sims[p0:p1] = np.bincount(pair, weights=vals, minlength=p1 - p0)
            table[cells] = 0
        out[order] = sims
        return out


def _candidate_pairs(items):
    """(i, j) with j < i sharing an identity key, j among the MAX_CANDIDATES latest earlier
    rows with that key; sorted, each pair once."""
    import numpy as np

    key_id: dict = {}
    mem_key, mem_item = [], []
    for i, it in enumerate(items):
        for k in it[0]:
            mem_key.append(key_id.setdefault(k, len(key_id)))
            mem_item.append(i)
    none = np.zeros(0, dtype=np.int64)
    if not mem_key:
        return none, none
    mk = np.array(mem_key, dtype=np.int64)
    mi = np.array(mem_item, dtype=np.int64)
    shared = np.bincount(mk)[mk] >= 2       # a key only one row has links nothing
    item_bits = max(len(items), 1).bit_length()
    key = _sort_packed(mk[shared], mi[shared], item_bits)
    if not len(key):
        return none, none
    mk, mi = key >> item_bits, key & ((1 << item_bits) - 1)
    start = _run_starts(mk)
    t = np.arange(len(mk)) - np.repeat(start, np.diff(np.r_[start, len(mk)]))
    pi, pj = [], []
    for d in range(1, min(MAX_CANDIDATES, int(t.max())) + 1):
        sel = np.flatnonzero(t >= d)
        pi.append(mi[sel])
        pj.append(mi[sel - d])
    if not pi:
        return none, none
    key = _sort_packed(np.concatenate(pi), np.concatenate(pj), item_bits)
    key = key[_run_starts(key)]
    return key >> item_bits, key & ((1 << item_bits) - 1)


def detect_repeats(items, threshold: float = DEFAULT_THRESHOLD,
                   strong: float = DEFAULT_STRONG) -> list[tuple[int | None, float]]:
    """For each (keys, text[, category]) in order: (index of the earlier row it repeats, similarity).

    ``keys`` is a set from :func:`identity_keys`. A row without keys is never a repeat: without
    knowing who wrote, "the same petitioner" cannot be shown. Without categories, ``threshold``
    alone decides. Among equally similar earlier rows the latest is named.
    """
    import numpy as np

    items = [tuple(it) + (None,) * (3 - len(it)) for it in items]
    n = len(items)
    out: list[tuple[int | None, float]] = [(None, 0.0)] * n
    pi, pj = _candidate_pairs(items)
    if not len(pi):
        return out
    # Distinct texts, each with how many rows have it (for the document frequencies).
    text_id: dict = {}
    texts, mult = [], []
    doc = np.empty(n, dtype=np.int64)
    for k, it in enumerate(items):
        t = it[1] or ""
        d = text_id.get(t)
        if d is None:
            d = text_id[t] = len(texts)
            texts.append(t)
            mult.append(0)
        mult[d] += 1
        doc[k] = d
    vectors = _Vectors(texts, mult, n)
    # Each distinct pair of texts once, the smaller id as the anchor.
    a, b = np.minimum(doc[pi], doc[pj]), np.maximum(doc[pi], doc[pj])
    doc_bits = max(len(texts), 1).bit_length()
    key = _sort_packed(a, b, doc_bits)
    key = key[_run_starts(key)]
    ua, ub = key >> doc_bits, key & ((1 << doc_bits) - 1)
    sims_u = vectors.self_dot[ua]
    other = ua != ub
    sims_u[other] = vectors.dots(ua[other], ub[other])
    sims = sims_u[np.searchsorted(key, (a << doc_bits) | b)]
    # Alike in words but about another kind of matter: not a repeat unless strongly alike.
    cat_id: dict = {}
    cats = np.array([-1 if it[2] is None else cat_id.setdefault(it[2], len(cat_id)) for it in items],
                    dtype=np.int64)
    ci, cj = cats[pi], cats[pj]
    ok = (sims > 0) & ~((sims < strong) & (ci >= 0) & (cj >= 0) & (ci != cj))
    pi, pj, sims = pi[ok], pj[ok], sims[ok]
    order = np.lexsort((pj, sims, pi))         # per row: the best last, ties to the latest
    pi, pj, sims = pi[order], pj[order], sims[order]
    last = np.flatnonzero(np.r_[pi[1:] != pi[:-1], True]) if len(pi) else []
    for i, j, s in zip(pi[last].tolist(), pj[last].tolist(), sims[last].tolist()):
        out[i] = (j, round(s, 4)) if s >= threshold else (None, round(s, 4))
    return out


def evaluate_repeats(records, keys_from: str = "gold") -> dict:
    """Precision and recall of repeat links on corpus records (``repeat_of`` gold).

    ``keys_from`` is ``gold`` (the annotated petitioners, phones and IDs) or ``extracted`` (what
    the extractor finds, as in real use). Categories come from the shipped model.
    """
    from ..classify import load_model
    from ..text import normalize

    recs = sorted(records, key=lambda r: r["id"])
    texts = [normalize(r["text"]) for r in recs]
    cats = [p["label"] for p in load_model().predict(texts)]
    if keys_from == "gold":
        keys = [identity_keys(r.get("petitioners", []), r.get("phones", []), r.get("id_numbers", []))
                for r in recs]
    else:
        from ..extract import extract

        keys = []
        for t in texts:
            e = extract(t)
            keys.append(identity_keys([s.text for s in e["petitioners"]],
                                      [s.text for s in e["phones"]],
                                      [s.text for s in e["id_numbers"]]))
    out = detect_repeats(zip(keys, texts, cats))
    pred = {(recs[i]["id"], recs[j]["id"]) for i, (j, _) in enumerate(out) if j is not None}
    gold = {(r["id"], r["repeat_of"]) for r in recs if r.get("repeat_of")}
    lookalike = {(r["id"], r["lookalike_of"]) for r in recs if r.get("lookalike_of")}
    tp = len(pred & gold)
    return {"pairs": len(gold), "lookalike_pairs": len(lookalike), "predicted": len(pred),
            "true_positives": tp, "lookalikes_linked": len(pred & lookalike),
            "precision": round(tp / len(pred), 4) if pred else 0.0,
            "recall": round(tp / len(gold), 4) if gold else 0.0}
