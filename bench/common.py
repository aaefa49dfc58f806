"""Shared helpers of the benchmarks: letters of a given length, timing, child-process RSS.

Benchmarks are run by hand (`python bench/bench_tag.py`), never by the test suite: timings on a
shared 2-core machine are noisy, so each figure is the best of a few runs.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
# The xfnlp command of the interpreter running the benchmark (its venv's bin folder).
XFNLP = str(Path(sys.executable).with_name("xfnlp"))


def corpus_records(split: str | None = None) -> list[dict]:
    """Corpus records (corpus/*.jsonl, or the raw writer folders while the corpus is assembled)."""
    files = sorted((REPO / "corpus").glob(f"{split or '*'}.jsonl"))
    if not files:
        files = sorted((REPO / "corpus" / "raw").rglob("*.jsonl"))
    out = []
    for f in files:
        out += [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    if not out:
        sys.exit("no corpus texts found under corpus/")
    return out


def letters_of_length(n: int, length: int = 400) -> list[str]:
    """``n`` letters of exactly ``length`` characters, cut from the corpus texts end to end."""
    texts = [r["text"].replace("\n", "") for r in corpus_records()]
    stream = "".join(texts)
    while len(stream) < n * length:
        stream += stream
    return [stream[i * length:(i + 1) * length] for i in range(n)]


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


# Children run as an installed program would: with bytecode caches. A shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise make every cold start recompile xfnlp's sources.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(code: str, *args, repeat: int = 3) -> tuple[float, float]:
    """(best wall seconds, peak RSS MB) of ``python -c code args`` in a fresh process."""
    walls, rss = run_child_walls(code, *args, repeat=repeat)
    return min(walls), rss


def run_child_walls(code: str, *args, repeat: int = 3) -> tuple[list[float], float]:
    """(wall seconds of every run, peak RSS MB) of ``python -c code args``, each run in a fresh
    process: the best shows what the code costs, the median what a shared machine gives."""
    walls, rss = [], 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True, env=CHILD_ENV)
        walls.append(time.perf_counter() - t)
        if p.returncode:
            sys.exit(f"child failed: {p.stderr[-2000:]}")
        last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
        rss = max(rss, float(last) if last.replace(".", "", 1).isdigit() else 0.0)
    return walls, rss


def run_cmd(argv: list[str], repeat: int = 5) -> tuple[float, float]:
    """(best wall seconds, peak RSS MB) of a command (RSS from the kernel's child accounting)."""
    best = float("inf")
    rss = 0.0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        p = subprocess.run(argv, capture_output=True, env=CHILD_ENV)
        wall = time.perf_counter() - t
        if p.returncode not in (0, 1):
            sys.exit(f"{argv} failed: {p.stderr.decode()[-2000:]}")
        best = min(best, wall)
        rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, before / 1024)
    return best, rss


# The naive stack every benchmark compares with: jieba.lcut + TfidfVectorizer + LinearSVC, trained
# in a child process on a JSONL corpus (argv[1]) and pickled to argv[2] (a benchmark's own file).
NAIVE_TRAIN = """
import jieba, pickle, sys, json
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC
jieba.setLogLevel(60)
def tok(s):
    return jieba.lcut(s)
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pipe = make_pipeline(TfidfVectorizer(tokenizer=tok, token_pattern=None), LinearSVC())
pipe.fit([r["text"] for r in recs], [r["category"] for r in recs])
pickle.dump(pipe, open(sys.argv[2], "wb"))
"""

# Peak RSS of the child itself. Not getrusage's ru_maxrss: Linux keeps that across execve, so a
# child started from a large benchmark process would report the parent's peak.
RSS_TAIL = ("\nfor _l in open('/proc/self/status'):\n"
            "    if _l.startswith('VmHWM:'):\n"
            "        print(int(_l.split()[1]) / 1024)\n")


def table(rows: list[tuple], header=("measure", "naive stack", "xfnlp", "ratio")) -> str:
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep] + [line(r) for r in rows])


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
