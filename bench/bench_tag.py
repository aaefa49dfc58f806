"""Tagging speed: xfnlp vs the naive stack (jieba.lcut + TfidfVectorizer + LinearSVC), same run.

    python bench/bench_tag.py [N_LETTERS]

Measures, on the same 400-character letters: classification letters/s in one process, the full
`xfnlp tag` pipeline (classify + extract + flag) letters/s, cold start of tagging one letter from
the shell, training time on 1,000 letters, and peak RSS of a process that tags N letters.
"""

from __future__ import annotations

import json
import pickle
import sys
import tempfile
import time
from pathlib import Path

from common import NAIVE_TRAIN, PY, REPO, RSS_TAIL, XFNLP, best_of, corpus_records, letters_of_length, machine, \
    run_child, run_cmd, table

NAIVE_TAG_ONE = """
import pickle, sys, jieba
jieba.setLogLevel(60)
def tok(s):
    return jieba.lcut(s)
pipe = pickle.load(open(sys.argv[1], "rb"))
print(pipe.predict([open(sys.argv[2], encoding="utf-8").read()])[0])
"""
NAIVE_TAG_MANY = NAIVE_TAG_ONE.replace(
    'print(pipe.predict([open(sys.argv[2], encoding="utf-8").read()])[0])',
    'import json\nletters = [json.loads(l)["text"] for l in open(sys.argv[2], encoding="utf-8")]\n'
    'pipe.predict(letters)\n') + RSS_TAIL
XFNLP_TAG_MANY = """
import json, sys
from xfnlp.io import iter_letters
from xfnlp.pipeline import analyze_letters, to_record
for l in analyze_letters(iter_letters([sys.argv[1]])):
    to_record(l)
""" + RSS_TAIL


def tok(s):
    """The naive stack's tokenizer (module level so its pickled pipeline loads here too)."""
    import jieba

    return jieba.lcut(s)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    letters = letters_of_length(n, 400)
    tmp = Path(tempfile.mkdtemp(prefix="xfnlp-bench-"))
    # 1,000 letters: train (804) and dev (156), topped up from test. Only timing is measured
    # here; the model trained is thrown away.
    recs = (corpus_records("train") + corpus_records("dev") + corpus_records("test"))[:1000]
    train = tmp / "train1000.jsonl"
    train.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "category": r["category"]},
                                        ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    batch = tmp / "letters.jsonl"
    batch.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                             for i, t in enumerate(letters)), encoding="utf-8")
    one = tmp / "one.txt"
    one.write_text(letters[0], encoding="utf-8")

    # Training on the same 1,000 letters.
    t_train_naive, _ = run_child(NAIVE_TRAIN, str(train), str(tmp / "naive.pkl"), repeat=1)
    t0 = time.perf_counter()
    run_cmd([XFNLP, "train", str(train), "-o", str(tmp / "model")], repeat=1)
    t_train_x = time.perf_counter() - t0

    # Classification throughput in one process (models loaded, warm).
    import jieba

    jieba.setLogLevel(60)
    naive = pickle.load(open(tmp / "naive.pkl", "rb"))
    naive.predict(letters[:10])
    from xfnlp.pipeline import analyze_letters, load_model
    from xfnlp.letter import Letter
    from xfnlp.text import normalize

    model = load_model()
    model.predict(letters[:10])
    t_naive = best_of(lambda: naive.predict(letters), 2)
    t_cls = best_of(lambda: model.predict([normalize(t) for t in letters]), 3)
    list(analyze_letters([Letter(text=t) for t in letters[:50]]))
    t_full = best_of(lambda: list(analyze_letters([Letter(text=t) for t in letters])), 2)

    cold_naive, _ = run_child(NAIVE_TAG_ONE, str(tmp / "naive.pkl"), str(one), repeat=5)
    run_cmd([XFNLP, "tag", str(one)], repeat=1)      # writes the bytecode and jieba-POS caches
    cold_x, _ = run_cmd([XFNLP, "tag", str(one)], repeat=7)
    _, rss_naive = run_child(NAIVE_TAG_MANY, str(tmp / "naive.pkl"), str(batch), repeat=1)
    _, rss_x = run_child(XFNLP_TAG_MANY, str(batch), repeat=1)

    rows = [
        ("classification, letters/s (1 process)", f"{n / t_naive:,.0f}", f"{n / t_cls:,.0f}",
         f"{t_naive / t_cls:.1f}x"),
        ("full tag (classify+extract+flag), letters/s", f"{n / t_naive:,.0f} (classify only)",
         f"{n / t_full:,.0f}", f"{t_naive / t_full:.1f}x"),
        ("cold start, tag one letter (s)", f"{cold_naive:.2f}", f"{cold_x:.2f}",
         f"{cold_naive / cold_x:.1f}x"),
        ("training on 1,000 letters (s)", f"{t_train_naive:.1f}", f"{t_train_x:.1f}",
         f"{t_train_naive / t_train_x:.1f}x"),
        (f"peak RSS tagging {n:,} letters (MB)", f"{rss_naive:.0f}", f"{rss_x:.0f}",
         f"{rss_naive / rss_x:.1f}x"),
    ]
    print(f"tagging, {n:,} letters of 400 characters, {machine()}")
    print(table(rows))


if __name__ == "__main__":
    main()
