"""Time the party step of extraction, stage by stage, on letters of 300 characters.

The letters are the corpus texts (train + dev) cut to their first 300 characters and
normalized; the places (towns, villages) are found beforehand, as ``extract`` does. Each figure
is CPU time (``time.process_time``) per letter in ms, the best of ``--repeat`` passes: the
machine is shared and wall time is noisy.

Stages are timed as ``find_parties`` runs them, one after the other on the same letter (a stage
may reuse what an earlier stage of the same letter computed; the figure of each stage is then
what it costs in the step). ``whole`` is ``find_parties`` itself, called on its own.

    python bench/bench_parties.py [--n 600] [--repeat 5] [--json]

To compare two versions in one run, point PYTHONPATH at each and alternate (see --json).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def letters(n: int, length: int = 300) -> list[str]:
    texts = []
    for split in ("train", "dev"):
        f = ROOT / "corpus" / f"{split}.jsonl"
        if f.exists():
            texts += [json.loads(line)["text"][:length] for line in f.read_text("utf-8").splitlines()
                      if line.strip()]
    return [texts[i % len(texts)] for i in range(n)]


def stages(norm: list[str], prof, repeat: int) -> dict[str, float]:
    from xfnlp.extract import roles
    from xfnlp.extract.names import _merge
    from xfnlp.extract.parties import find_parties
    from xfnlp.extract.petitioners import _collective, _petitioners, count_people
    from xfnlp.extract.places import find_townships, find_villages
    from xfnlp.extract.respondents import _respondents

    model = roles.load_party_model()
    places = []
    for t in norm:
        towns = find_townships(t, prof)
        places.append((towns, find_villages(t, prof, towns)))
    names = ("rule petitioners", "rule respondents", "count_people", "role candidates",
             "role features", "decide", "spans_of")
    best = {k: float("inf") for k in names + ("sum of stages", "whole")}
    clock = time.process_time
    for _ in range(repeat):
        acc = dict.fromkeys(names, 0.0)
        for t, (towns, villages) in zip(norm, places):
            t0 = clock()
            pets = _merge(_petitioners(t), set()) or _collective(t)
            t1 = clock()
            resps = _respondents(t, {s.text for s in pets}, towns, villages)
            t2 = clock()
            count_people(t)
            t3 = clock()
            cands = roles.candidates(t, pets, resps, towns, villages)
            t4 = clock()
            feats = roles.string_features(t, cands, model.get("prefilter"))
            t5 = clock()
            p, r = roles.decide_from_features(t, feats, model)
            t6 = clock()
            roles.spans_of(t, p, r, towns, villages)
            t7 = clock()
            for k, a, b in zip(names, (t0, t1, t2, t3, t4, t5, t6), (t1, t2, t3, t4, t5, t6, t7)):
                acc[k] += b - a
        for k in names:
            best[k] = min(best[k], acc[k])
        best["sum of stages"] = min(best["sum of stages"], sum(acc.values()))
        t0 = clock()
        for t, (towns, villages) in zip(norm, places):
            find_parties(t, towns, villages)
        best["whole"] = min(best["whole"], clock() - t0)
    return {k: 1000 * v / len(norm) for k, v in best.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="one JSON line of ms per letter")
    args = ap.parse_args()
    from xfnlp.profile import load_profile
    from xfnlp.text import normalize

    prof = load_profile()
    norm = [normalize(t) for t in letters(args.n)]
    stages(norm[:50], prof, 1)      # warm-up: regexes, lexicons, the model
    got = stages(norm, prof, args.repeat)
    if args.json:
        print(json.dumps(got))
        return
    for k, v in got.items():
        print(f"{k:<20}{v:8.3f} ms/letter")
    print(f"{args.n} letters of 300 characters, best of {args.repeat} passes, CPU time", file=sys.stderr)


if __name__ == "__main__":
    main()
