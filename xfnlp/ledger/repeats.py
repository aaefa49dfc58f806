"""Repeat petitions (重复访): the same petitioner raising the same matter again.

Two tests, both needed:

* **same petitioner** — the rows share an identity key: a person's name, a phone number or an ID
  number (from the ledger's columns or extracted from the letter);
* **same matter** — the texts are alike by content, not by identical wording: the cosine of their
  character-bigram TF-IDF vectors (IDF over the whole ledger) reaches ``threshold``.

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

DEFAULT_THRESHOLD = 0.30
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


def _bigrams(text: str) -> Counter:
    s = _DROP.sub("", text)
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def detect_repeats(items, threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int | None, float]]:
    """For each (keys, text) in order: (index of the earlier row it repeats, similarity).

    ``keys`` is a set from :func:`identity_keys`. A row without keys is never a repeat: without
    knowing who wrote, "the same petitioner" cannot be shown.
    """
    items = list(items)
    grams = [_bigrams(t) for _, t in items]
    df = Counter(g for c in grams for g in c)
    n = len(items)
    vecs = []
    for c in grams:
        v = {g: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[g])) + 1) for g, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({g: x / norm for g, x in v.items()})
    index: dict[str, list[int]] = defaultdict(list)
    out: list[tuple[int | None, float]] = []
    for i, (keys, _) in enumerate(items):
        best, best_sim = None, 0.0
        seen = set()
        for k in keys:
            for j in reversed(index[k][-MAX_CANDIDATES:]):
                if j in seen:
                    continue
                seen.add(j)
                a, b = vecs[i], vecs[j]
                if len(a) > len(b):
                    a, b = b, a
                sim = sum(x * b.get(g, 0.0) for g, x in a.items())
                if sim > best_sim:
                    best, best_sim = j, sim
        out.append((best, round(best_sim, 4)) if best_sim >= threshold else (None, round(best_sim, 4)))
        for k in keys:
            index[k].append(i)
    return out
