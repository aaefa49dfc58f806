"""The repeat detection as it was before vectorization (one pair at a time), kept as the oracle
for tests/test_repeats_equivalence.py. Not used by xfnlp itself."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from xfnlp.ledger.repeats import DEFAULT_STRONG, DEFAULT_THRESHOLD, MAX_CANDIDATES, _clean


def _bigrams(s: str) -> Counter:
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def detect_repeats_reference(items, threshold: float = DEFAULT_THRESHOLD,
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
