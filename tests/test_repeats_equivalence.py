"""The vectorized repeat detection gives the results of the pair-at-a-time reference."""

from __future__ import annotations

import json
import random

import pytest

from xfnlp.ledger.repeats import detect_repeats, identity_keys

from conftest import REPO
from repeats_reference import detect_repeats_reference


def corpus_texts():
    return [json.loads(l)["text"] for l in (REPO / "corpus" / "train.jsonl").read_text().splitlines()]


def generated(n: int, seed: int, names: int, cats=("a", "b", None)):
    """Rows with a few keys each (names shared by several rows, some phones), texts drawn from
    the corpus (so some rows have the same text), edited copies, empty texts, odd characters."""
    rng = random.Random(seed)
    texts = corpus_texts()
    items = []
    for i in range(n):
        names_ = [f"{rng.choice('王李张刘陈')}{rng.randrange(names)}"] if rng.random() < 0.9 else []
        phones = [f"1390517{rng.randrange(names):04d}"] if rng.random() < 0.3 else []
        keys = identity_keys(names_, phones)
        kind = rng.random()
        if kind < 0.05:
            text = ""
        elif kind < 0.4 and items:
            # the same person again, about the same matter in other words
            keys, base = rng.choice(items)[:2]
            base = base or rng.choice(texts)
            cut = rng.randrange(len(base) + 1)
            text = base[:cut] + rng.choice(["，至今没有处理。", " 2023年5月 ", "😀𠀀", "\u3000"]) + base[cut:]
        else:
            text = rng.choice(texts)[: rng.randrange(20, 400)]
        items.append((keys, text, rng.choice(cats)))
    return items


def assert_same(items, **kw):
    new, old = detect_repeats(items, **kw), detect_repeats_reference(items, **kw)
    assert len(new) == len(old)
    # Links identical; a similarity may differ in the 4th decimal by float summation order.
    assert [j for j, _ in new] == [j for j, _ in old]
    assert max(abs(a - b) for (_, a), (_, b) in zip(new, old)) <= 1.01e-4
    return new


@pytest.mark.parametrize("n, seed, names", [(300, 1, 20), (2000, 2, 100), (3000, 3, 10)])
def test_vectorized_equals_reference(n, seed, names):
    out = assert_same(generated(n, seed, names))
    assert sum(j is not None for j, _ in out) > n // 20       # the data has repeats to find


def test_equivalence_with_other_thresholds_and_no_categories():
    items = generated(1500, 4, 60, cats=(None,))
    assert_same(items, threshold=0.3, strong=0.5)
    assert_same(items, threshold=0.0)


def test_more_than_max_candidates_rows_with_one_key():
    rng = random.Random(5)
    texts = corpus_texts()
    items = [({"name:张三"}, rng.choice(texts), None) for _ in range(180)]
    assert_same(items)


def test_edge_cases():
    assert detect_repeats([]) == []
    assert detect_repeats([(set(), "邻居占地")]) == [(None, 0.0)]
    assert detect_repeats([({"name:张三"}, ""), ({"name:张三"}, "")]) == [(None, 0.0), (None, 0.0)]
    same = detect_repeats([({"name:张三"}, "邻居占地建房"), ({"name:张三"}, "邻居占地建房")])
    assert same == [(None, 0.0), (0, 1.0)]
    # identical texts: the latest earlier row is named, whichever key links it
    rows = [({"name:张三"}, "邻居占地建房"), ({"phone:13905171234"}, "邻居占地建房"),
            ({"name:张三", "phone:13905171234"}, "邻居占地建房")]
    assert [j for j, _ in detect_repeats(rows)] == [None, None, 1]
