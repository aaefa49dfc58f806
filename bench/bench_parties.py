"""Time the party step of extraction, stage by stage, on letters of 300 characters.

The letters are the corpus texts (train + dev) cut to their first 300 characters and
normalized; the places (towns, villages) are found beforehand, as ``extract`` does. Each figure
is CPU time (``time.process_time``) per letter in ms, the best of ``--repeat`` passes: the
machine is shared and wall time is noisy.

Stages are timed as ``find_parties`` runs them, one after the other on the same letter (a stage
may reuse what an earlier stage of the same letter computed; the figure of each stage is then
what it costs in the step). ``whole`` is ``find_parties`` itself, called on its own.

    python bench/bench_parties.py [--n 600] [--repeat 5] [--json]

To compare with an older version in one process, passes alternating, export it as a package
of another name and name it with --base:

    git archive <commit> xfnlp | tar -x -C /tmp/old && mv /tmp/old/xfnlp /tmp/old/xfnlp_base
    sed -i -E 's/\bfrom xfnlp([. ])/from xfnlp_base\1/g; s/"xfnlp\.data"/"xfnlp_base.data"/g' \
        $(grep -rl xfnlp /tmp/old/xfnlp_base --include=*.py)
    PYTHONPATH=/tmp/old python bench/bench_parties.py --base xfnlp_base
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
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


def stages(norm: list[str], prof, repeat: int, pkg: str = "xfnlp") -> dict[str, float]:
    imp = importlib.import_module
    roles = imp(pkg + ".extract.roles")
    _merge = imp(pkg + ".extract.names")._merge
    find_parties = imp(pkg + ".extract.parties").find_parties
    pet = imp(pkg + ".extract.petitioners")
    _petitioners, _collective, count_people = pet._petitioners, pet._collective, pet.count_people
    places = imp(pkg + ".extract.places")
    _respondents = imp(pkg + ".extract.respondents")._respondents
    try:    # find_parties shares per-letter answers among its stages in a letter scope
        letter_scope = imp(pkg + ".extract.letter_scan").letter_scope
    except ImportError:
        letter_scope = contextlib.nullcontext

    model = roles.load_party_model()
    found = []
    for t in norm:
        towns = places.find_townships(t, prof)
        found.append((towns, places.find_villages(t, prof, towns)))
    names = ("rule petitioners", "rule respondents", "count_people", "role candidates",
             "role features", "decide", "spans_of")
    best = {k: float("inf") for k in names + ("sum of stages", "whole")}
    clock = time.process_time
    for _ in range(repeat):
        acc = dict.fromkeys(names, 0.0)
        for t, (towns, villages) in zip(norm, found):
            with letter_scope(t):
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
        for t, (towns, villages) in zip(norm, found):
            find_parties(t, towns, villages)
        best["whole"] = min(best["whole"], clock() - t0)
    return {k: 1000 * v / len(norm) for k, v in best.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3, help="with --base: alternations of the two")
    ap.add_argument("--base", help="package name of an older xfnlp to time alongside")
    ap.add_argument("--json", action="store_true", help="one JSON line of ms per letter")
    args = ap.parse_args()
    from xfnlp.profile import load_profile
    from xfnlp.text import normalize

    prof = load_profile()
    norm = [normalize(t) for t in letters(args.n)]
    pkgs = ["xfnlp"] + ([args.base] if args.base else [])
    for pkg in pkgs:
        stages(norm[:50], prof, 1, pkg)      # warm-up: regexes, lexicons, the model
    got: dict[str, dict] = {}
    for _ in range(args.rounds if args.base else 1):
        for pkg in reversed(pkgs):
            g = stages(norm, prof, args.repeat, pkg)
            got[pkg] = {k: min(v, got.get(pkg, {}).get(k, v)) for k, v in g.items()}
    if args.json:
        print(json.dumps(got))
        return
    print(f"{'ms per letter':<20}" + "".join(f"{p:>12}" for p in reversed(pkgs)))
    for k in got["xfnlp"]:
        print(f"{k:<20}" + "".join(f"{got[p][k]:12.3f}" for p in reversed(pkgs)))
    print(f"{args.n} letters of 300 characters, best of {args.repeat} passes"
          + (f" x {args.rounds} rounds" if args.base else "") + ", CPU time", file=sys.stderr)


if __name__ == "__main__":
    main()
