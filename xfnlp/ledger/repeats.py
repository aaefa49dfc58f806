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
with the ledger's size, not with its square: 100,000 rows take seconds (bench/bench_ledger.py).

>>> detect_repeats([({"张三"}, "村支书私自卖了我家承包地"), ({"李四"}, "村支书私自卖了我家承包地"),
...                 ({"张三"}, "我家承包地被村支书私自卖掉了，至今没有处理")])[2][0]
0
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

DEFAULT_THRESHOLD = 0.08
DEFAULT_STRONG = 0.25
MAX_CANDIDATES = 50          # earlier rows per key looked at (newest first)
_DROP = re.compile(r"[\s\d，。、；：！？,.;:!?()（）“”\"'《》\[\]【】-]+")
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
        digits = re.sub(r"\D", "", str(p or ""))
        if len(digits) >= 7:
            keys.add("phone:" + digits[-11:])
    for i in ids:
        if i:
            keys.add("id:" + str(i).upper())
    return keys


def _clean(text: str) -> str:
    return _DROP.sub("", text)


def _bigrams(s: str) -> Counter:
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def detect_repeats(items, threshold: float = DEFAULT_THRESHOLD,
                   strong: float = DEFAULT_STRONG) -> list[tuple[int | None, float]]:
    """For each (keys, text[, category]) in order: (index of the earlier row it repeats, similarity).

    ``keys`` is a set from :func:`identity_keys`. A row without keys is never a repeat: without
    knowing who wrote, "the same petitioner" cannot be shown. Without categories, ``threshold``
    alone decides.
    """
    items = [tuple(it) + (None,) * (3 - len(it)) for it in items]
    n = len(items)
    # Document frequencies over the whole ledger, streamed (no per-row structure is kept) …
    df: Counter = Counter()
    cleaned = []
    for _, t, _ in items:
        c = _clean(t)
        cleaned.append(c)
        df.update({c[i:i + 2] for i in range(len(c) - 1)})
    # … but vectors only for rows that share an identity key with another row: the others can
    # neither repeat nor be repeated.
    key_count = Counter(k for keys, _, _ in items for k in keys)
    import numpy as np

    # A vector is kept as sorted bigram ids and float32 weights (~2 KB a row) rather than a dict
    # (~25 KB a row): 100,000 candidate rows must fit in memory.
    gram_id: dict[str, int] = {}
    vecs: dict[int, tuple] = {}

    def vector(i: int) -> tuple:
        v = vecs.get(i)
        if v is None:
            c = _bigrams(cleaned[i])
            ids = np.fromiter((gram_id.setdefault(g, len(gram_id)) for g in c), np.int64, len(c))
            w = np.fromiter(((1 + math.log(k)) * (math.log((1 + n) / (1 + df[g])) + 1)
                             for g, k in c.items()), np.float64, len(c))
            norm = math.sqrt(float(w @ w)) or 1.0
            order = np.argsort(ids)
            v = vecs[i] = (ids[order], (w[order] / norm).astype(np.float32))
        return v

    index: dict[str, list[int]] = defaultdict(list)
    out: list[tuple[int | None, float]] = []
    for i, (keys, _, cat) in enumerate(items):
        best, best_sim = None, 0.0
        seen = set()
        for k in keys:
            if key_count[k] < 2:
                continue
            for j in reversed(index[k][-MAX_CANDIDATES:]):
                if j in seen:
                    continue
                seen.add(j)
                (ia, wa), (ib, wb) = vector(i), vector(j)
                _, pa, pb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
                sim = float(wa[pa].astype(np.float64) @ wb[pb])
                if sim < strong and cat is not None and items[j][2] is not None \
                        and items[j][2] != cat:
                    continue   # alike in words but about another kind of matter
                if sim > best_sim:
                    best, best_sim = j, sim
        out.append((best, round(best_sim, 4)) if best_sim >= threshold else (None, round(best_sim, 4)))
        for k in keys:
            if key_count[k] >= 2:
                index[k].append(i)
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
