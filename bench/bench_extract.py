"""Throughput of ``xfnlp.extract.extract`` next to a naive jieba.posseg + regex extractor.

Two sets of letters, each timed for both extractors in the same process:

* corpus: the texts of corpus/train.jsonl and dev.jsonl (writers w1..w4) as they are, repeated
  up to N (default 3000), or a few built-in letters when the corpus is absent;
* 400: letters of exactly 400 characters cut from those texts end to end (the length the
  throughput target of ``xfnlp tag`` is stated for).

Ours is timed on the raw text (normalization included) and on the normalized text, which is
what ``xfnlp tag`` hands it (the pipeline normalizes once for all steps); when a party model is
shipped, also with the hand rules deciding the parties. Warm-up (regex compilation, dictionary
loading) is excluded from all timings; each figure of ours is the best of three passes (the
machine is shared and timings are noisy).

    python bench/bench_extract.py [N]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FALLBACK = [
    "我叫刘老根，是东坝镇柳湾村四组的村民。去年腊月孙二占了我家六分多地，电话13905171234。",
    "来访人:车桥镇新庄村二组村民许桂兰等6人。反映组长丁某某将机动地约15亩以每年每亩600元私自出租。",
    "石门村后山的鑫磊石料厂常年放炮炸山开采石料，2024年3月21日转办。",
]


def corpus_texts() -> list[str]:
    """The texts of the writers w1..w4 (train + dev; the raw folders while being assembled)."""
    files = [ROOT / "corpus" / f"{split}.jsonl" for split in ("train", "dev")]
    files = [f for f in files if f.exists()] or sorted(
        f for d in ("w1", "w2", "w3", "w4") for f in (ROOT / "corpus" / "raw" / d).glob("*.jsonl"))
    texts = []
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts or FALLBACK


def load_texts(n: int) -> list[str]:
    texts = corpus_texts()
    return [texts[i % len(texts)] for i in range(n)]


def letters_of_length(n: int, length: int = 400) -> list[str]:
    """``n`` letters of exactly ``length`` characters, cut from the corpus texts end to end."""
    stream = "".join(t.replace("\n", "") for t in corpus_texts())
    while len(stream) < n * length:
        stream += stream
    return [stream[i * length:(i + 1) * length] for i in range(n)]


_NAIVE_RE = {
    "areas": re.compile(r"[\d.一二三四五六七八九十百千万两]+(?:亩|平方米|平米|公顷)"),
    "money": re.compile(r"[\d.一二三四五六七八九十百千万两]+(?:万元|元|块钱)"),
    "dates": re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"),
    "phones": re.compile(r"1[3-9]\d{9}"),
}


def naive_extract(text: str) -> dict:
    """What one writes first: POS-tag every letter, take ns/nr words, regex the numbers."""
    import jieba.posseg as pseg

    from xfnlp.text import normalize

    norm = normalize(text)
    out = {k: [m.group() for m in r.finditer(norm)] for k, r in _NAIVE_RE.items()}
    words = list(pseg.cut(norm))
    out["places"] = [w.word for w in words if w.flag == "ns"]
    out["people"] = [w.word for w in words if w.flag == "nr"]
    return out


def bench(fn, texts, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return len(texts) / best


def _rules_only():
    """A context in which find_parties uses the hand rules alone (no shipped party model)."""
    import contextlib

    try:
        from xfnlp.extract import parties, roles
    except ImportError:
        return None

    @contextlib.contextmanager
    def ctx():
        # parties.py holds its own name for the loader (imported at module level): patch both.
        real = roles.load_party_model
        roles.load_party_model = parties.load_party_model = lambda: None
        try:
            yield
        finally:
            roles.load_party_model = parties.load_party_model = real

    return ctx if roles.load_party_model() is not None else None


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    from xfnlp.extract import extract
    from xfnlp.profile import load_profile
    from xfnlp.text import normalize

    prof = load_profile()
    ours = lambda t: extract(t, profile=prof)  # noqa: E731
    ours_norm = lambda t: extract(t, profile=prof, normalized=True)  # noqa: E731
    sets = [("corpus", load_texts(n)), ("400 chars", letters_of_length(n))]
    ours(sets[0][1][0])            # warm-up: regexes, lexicons, dictionary of words
    naive_extract(sets[0][1][0])   # warm-up: jieba's dictionary
    rules = _rules_only()
    print(f"{'letters':<22}{'extractor':<40}{'letters/s':>10}{'chars/s':>10}")
    for label, texts in sets:
        chars = sum(map(len, texts)) / len(texts)
        normed = [normalize(t) for t in texts]
        naive_texts = texts[: max(200, n // 5)]       # the naive one is slow: time a slice
        rows = [("extract(text)", bench(ours, texts, repeat=3)),
                ("extract(normalized) as in xfnlp tag", bench(ours_norm, normed, repeat=3))]
        if rules is not None:
            with rules():
                rows.append(("  the same, hand rules for parties", bench(ours_norm, normed, repeat=3)))
        r_naive = bench(naive_extract, naive_texts)
        rows.append(("naive jieba.posseg + regex", r_naive))
        name = f"{label} (avg {chars:.0f})"
        for k, (what, rate) in enumerate(rows):
            print(f"{name if k == 0 else '':<22}{what:<40}{rate:>10.0f}{rate * chars:>10.0f}")
        print(f"{'':<22}ratio (extract(text) / naive): {rows[0][1] / r_naive:.1f}x")
    print(f"{n} letters per set (ours: best of 3 passes); naive timed on {max(200, n // 5)}")
    if rules is not None:
        print("parties are decided by the shipped party model (xfnlp/data/party_model.json) unless noted")


if __name__ == "__main__":
    main()
