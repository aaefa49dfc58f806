"""Train the party-role model (xfnlp/data/party_model.json) from the corpus gold.

Candidates come from the rule finders (:func:`xfnlp.extract.roles.candidates`); a candidate
string is a positive example of a role when it is in the letter's gold list for that role (for
respondents: when the span it settles to by the GUIDE's edge rules, xfnlp.extract.party_edges,
is). One L2-regularized logistic regression per role (scikit-learn, lbfgs: deterministic) is
fitted on the training letters, after a cheap prefilter (a logistic regression over the features
of the span and its neighbours, keeping 99.5% of the training strings that are a party). The
regularization strength C and the decision thresholds are chosen by the exact-match F1 of the
whole decision (as xfnlp.extract.evaluate scores it) pooled over leave-one-writer-out folds of
train + dev (--select cv, the default: the model must work for writers it has not read; the
shipped model is then fitted on train + dev), or on corpus/dev.jsonl alone (--select dev: fitted
on train). corpus/test.jsonl is never read.

    python tools/train_party_model.py [--out xfnlp/data/party_model.json] [--corpus corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xfnlp.extract import roles  # noqa: E402
from xfnlp.extract.party_edges import settle_respondent  # noqa: E402
from xfnlp.text import normalize  # noqa: E402

C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(15))   # 0.10 … 0.80
RULE_THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
# The respondent's floor: the likeliest string of a letter with none above the threshold is
# still taken when its probability reaches it (None: never).
FLOORS = (None, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
MIN_COUNT = 2        # a feature seen in fewer training strings is dropped
PREFILTER_C = 1.0
PREFILTER_RECALL = 0.995   # share of the training strings that are a party the prefilter keeps
PRUNE = 5e-3         # weights smaller than this are not written


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def letter_examples(record: dict, profile=None) -> dict:
    """Candidate strings of one record with features and gold labels."""
    from xfnlp.extract.names import _merge
    from xfnlp.extract.petitioners import _collective, _petitioners
    from xfnlp.extract.respondents import _respondents
    from xfnlp.extract.places import find_townships, find_villages

    text = normalize(record["text"])
    towns = find_townships(text, profile)
    villages = find_villages(text, profile, towns)
    pets = _merge(_petitioners(text), set()) or _collective(text)
    resps = _respondents(text, {s.text for s in pets}, towns, villages)
    cands = roles.candidates(text, pets, resps, towns, villages)
    feats = roles.string_features(text, cands)
    # The prefilter's examples: the cheap features of every occurrence, by string.
    cheap: dict[str, list] = {}
    for (s, e), srcs in sorted(cands.items()):
        cheap.setdefault(text[s:e], []).append(roles.occurrence_cheap_features(text, s, e, srcs))
    gold = {role: {normalize(g) for g in record.get(role + "s") or []} for role in roles.ROLES}
    # A respondent candidate counts as right when the span it settles to (party_edges: place
    # before a body, kinship word before a name) is the gold one.
    settled = {}
    for string in feats:
        i = text.find(string)
        s, e = settle_respondent(text, i, i + len(string), towns, villages)
        settled[string] = text[s:e]
    return {"text": text, "feats": feats, "cheap": cheap, "gold": gold, "towns": towns,
            "villages": villages, "settled": settled}


def is_positive(let: dict, string: str, role: str) -> bool:
    if role == "respondent":
        return let["settled"][string] in let["gold"][role]
    return string in let["gold"][role]


def build(records, profile=None) -> list[dict]:
    return [letter_examples(r, profile) for r in records]


def fit_role(letters: list[dict], role: str, C: float, key: str = "feats") -> dict:
    """Bias and weights of one role's logistic regression (role "any": the prefilter's)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    rows, ys = [], []
    for let in letters:
        for string in sorted(let[key]):
            if role == "any":       # the prefilter: one row per occurrence
                y = 1 if any(is_positive(let, string, r) for r in roles.ROLES) else 0
                occurrences = let[key][string]
            else:
                y = 1 if is_positive(let, string, role) else 0
                occurrences = [let[key][string]]
            for f in occurrences:
                rows.append(f)
                ys.append(y)
                for name in f:
                    counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    index = {n: i for i, n in enumerate(vocab)}
    y = np.array(ys)
    if y.min() == y.max():
        return {"bias": 10.0 if y[0] else -10.0, "weights": {}}
    from scipy.sparse import csr_matrix

    ind, ptr = [], [0]
    for f in rows:
        ind.extend(sorted(index[n] for n in f if n in index))
        ptr.append(len(ind))
    X = csr_matrix((np.ones(len(ind)), np.array(ind, dtype=np.int64), np.array(ptr)), shape=(len(rows), len(vocab)))
    clf = LogisticRegression(C=C, solver="lbfgs", max_iter=5000)
    clf.fit(X, y)
    w = {n: round(float(c), 3) for n, c in zip(vocab, clf.coef_[0]) if abs(c) >= PRUNE}
    return {"bias": round(float(clf.intercept_[0]), 4), "weights": dict(sorted(w.items()))}


def fit_prefilter(letters: list[dict], recall: float = PREFILTER_RECALL) -> dict:
    """The cheap first stage: a linear score over cheap features, with the highest threshold
    that keeps ``recall`` of the training strings that are some party (see roles.string_features)."""
    pre = fit_role(letters, "any", PREFILTER_C, key="cheap")
    scores = []
    for let in letters:
        for string, occurrences in let["cheap"].items():
            if any(is_positive(let, string, r) for r in roles.ROLES):
                scores.append(string_prefilter_score(pre, occurrences))
    scores.sort()
    cut = scores[int((1.0 - recall) * len(scores))] if scores else 0.0
    return dict(pre, threshold=round(cut - 1e-3, 4))


def string_prefilter_score(pre: dict, occurrences: list) -> float:
    return max(pre["bias"] + math.fsum(pre["weights"].get(n, 0.0) for n in f) for f in occurrences)


def kept_features(let: dict, prefilter: dict | None) -> dict:
    if prefilter is None:
        return let["feats"]
    # As roles.prefilter_kept: the hand rules' choices always pass.
    return {t: f for t, f in let["feats"].items()
            if "src:rule_r" in f or "src:rule_p" in f
            or string_prefilter_score(prefilter, let["cheap"][t]) >= prefilter["threshold"]}


def predict_letters(model: dict, letters: list[dict]) -> list[dict]:
    """Predicted strings per role for each letter (the decision of roles.decide_parties)."""
    out = []
    for let in letters:
        p, r = roles.decide_from_features(let["text"], kept_features(let, model.get("prefilter")), model)
        ps, rs = roles.spans_of(let["text"], p, r, let["towns"], let["villages"])
        out.append({"petitioner": {s.text for s in ps}, "respondent": {s.text for s in rs}})
    return out


def exact_prf(letters: list[dict], preds: list[dict], role: str) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for let, pr in zip(letters, preds):
        g, p = let["gold"][role], pr[role]
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def train(train_letters: list[dict], dev_letters: list[dict] | None = None, *, c_grid=C_GRID,
          thresholds=THRESHOLDS, log=print) -> dict:
    """The model dict: per role the C, threshold, bias and weights that do best on dev."""
    dev_letters = dev_letters or train_letters
    prefilter = fit_prefilter(train_letters)
    kept = sum(string_prefilter_score(prefilter, f) >= prefilter["threshold"]
               for let in train_letters for f in let["cheap"].values())
    total = sum(len(let["cheap"]) for let in train_letters)
    log(f"prefilter: threshold={prefilter['threshold']} keeps {kept}/{total} training strings")
    best_roles = {}
    for role in roles.ROLES:
        best = None
        for C in c_grid:
            fitted = fit_role(train_letters, role, C)
            grid = [(t, rt, n) for t in thresholds for rt in RULE_THRESHOLDS if rt <= t for n in (False, True)]
            for thr, rthr, nested in grid:
                trial = {"format": roles.MODEL_FORMAT, "prefilter": prefilter, "roles": {
                    r: dict(fitted, threshold=thr, rule_threshold=rthr, nested=nested) if r == role else
                    {"bias": -30.0, "weights": {}, "threshold": 1.0} for r in roles.ROLES}}
                preds = predict_letters(trial, dev_letters)
                f1 = exact_prf(dev_letters, preds, role)[2]
                if best is None or f1 > best[0] + 1e-9:
                    best = (f1, C, thr, rthr, nested, fitted)
        f1, C, thr, rthr, nested, fitted = best
        log(f"{role}: C={C} threshold={thr} rule_threshold={rthr} nested={nested} "
            f"dev exact F1 (alone)={f1:.4f} features={len(fitted['weights'])}")
        best_roles[role] = dict(fitted, C=C, threshold=thr, rule_threshold=rthr, nested=nested)
    return {"format": roles.MODEL_FORMAT, "prefilter": prefilter, "roles": best_roles}


def writer_of(record: dict) -> str:
    """The writer of a record: the prefix of its id (w1-0001 → w1)."""
    return record["id"].split("-")[0]


def select_by_writer_cv(letters: list[dict], writers: list[str], *, c_grid=C_GRID,
                        thresholds=THRESHOLDS, log=print) -> dict:
    """Per role the C, threshold, rule threshold and nesting with the best exact F1 pooled over
    leave-one-writer-out folds: the model is judged on writers it has not read, so it is chosen
    the same way (a setting that fits one writer's habits does not win)."""
    folds = sorted(set(writers))
    fold_train = {w: [x for x, v in zip(letters, writers) if v != w] for w in folds}
    fold_test = {w: [x for x, v in zip(letters, writers) if v == w] for w in folds}
    prefilters = {w: fit_prefilter(fold_train[w]) for w in folds}
    grid = [(t, rt, n) for t in thresholds for rt in RULE_THRESHOLDS if rt <= t for n in (False, True)]

    # A role already chosen takes part in the decision of the next one as it will in use (one
    # role per string): the respondent's settings are judged with the chosen petitioner model.
    decided: dict = {}

    def other(r, w):
        if r in decided:
            fitted, settings = decided[r]
            return dict(fitted[w], **{k: v for k, v in settings.items() if k != "C"})
        return {"bias": -30.0, "weights": {}, "threshold": 1.0}

    def pooled_f1(role, fitted, **settings):
        tp = n_pred = n_gold = 0
        for w in folds:
            trial = {"format": roles.MODEL_FORMAT, "prefilter": prefilters[w], "roles": {
                r: dict(fitted[w], **settings) if r == role else other(r, w) for r in roles.ROLES}}
            for let, pr in zip(fold_test[w], predict_letters(trial, fold_test[w])):
                g, p = let["gold"][role], pr[role]
                tp += len(g & p)
                n_pred += len(p)
                n_gold += len(g)
        prec, rec = tp / max(1, n_pred), tp / max(1, n_gold)
        return 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    chosen = {}
    for role in roles.ROLES:
        best = None
        by_c = {}
        best_of_c = {}
        for C in c_grid:
            fitted = by_c[C] = {w: fit_role(fold_train[w], role, C) for w in folds}
            for thr, rthr, nested in grid:
                f1 = pooled_f1(role, fitted, threshold=thr, rule_threshold=rthr, nested=nested)
                if best is None or f1 > best[0] + 1e-9:
                    best = (f1, C, thr, rthr, nested)
                if C not in best_of_c or f1 > best_of_c[C][0] + 1e-9:
                    best_of_c[C] = (f1, C, thr, rthr, nested)
        f1, C, thr, rthr, nested = best
        settings = {"C": C, "threshold": thr, "rule_threshold": rthr, "nested": nested}
        if role == "respondent":
            # The floor, tried with the best settings of every C (None first: a floor must do
            # better): a C that does best without a floor need not do best with one.
            best_floor = (f1, None, best)
            for f1_c, C_c, thr_c, rthr_c, nested_c in (best_of_c[c] for c in c_grid):
                for floor in FLOORS[1:]:
                    ff = pooled_f1(role, by_c[C_c], threshold=thr_c, rule_threshold=rthr_c, nested=nested_c,
                                   floor=floor)
                    if ff > best_floor[0] + 1e-9:
                        best_floor = (ff, floor, (f1_c, C_c, thr_c, rthr_c, nested_c))
            f1, floor, (_, C, thr, rthr, nested) = best_floor
            settings = {"C": C, "threshold": thr, "rule_threshold": rthr, "nested": nested}
            if floor is not None:
                settings["floor"] = floor
        log(f"{role}: " + " ".join(f"{k}={v}" for k, v in settings.items())
            + f" leave-one-writer-out exact F1 (with the roles chosen before)={f1:.4f}")
        chosen[role] = settings
        decided[role] = (by_c[C], settings)
    return chosen


def fit_chosen(train_letters: list[dict], chosen: dict) -> dict:
    """The model with the chosen settings, fitted on ``train_letters``."""
    model = {"format": roles.MODEL_FORMAT, "prefilter": fit_prefilter(train_letters), "roles": {}}
    for role in roles.ROLES:
        model["roles"][role] = dict(fit_role(train_letters, role, chosen[role]["C"]), **chosen[role])
    return model


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--out", default=str(ROOT / "xfnlp" / "data" / "party_model.json"))
    ap.add_argument("--select", choices=("cv", "dev"), default="cv",
                    help="choose C and thresholds by leave-one-writer-out CV over train+dev "
                         "(default) or on dev alone")
    args = ap.parse_args(argv)
    from xfnlp.profile import load_profile

    prof = load_profile()
    corpus = Path(args.corpus)
    train_recs = read_jsonl(corpus / "train.jsonl")
    dev_recs = read_jsonl(corpus / "dev.jsonl")
    tr, dv = build(train_recs, prof), build(dev_recs, prof)
    for name, lets in (("train", tr), ("dev", dv)):
        for role in roles.ROLES:
            g = sum(len(x["gold"][role]) for x in lets)
            hit = sum(len(x["gold"][role] & (set(x["feats"]) | set(x["settled"].values()))) for x in lets)
            print(f"candidate recall {name} {role}: {hit}/{g} = {hit / max(1, g):.3f}")
    if args.select == "cv":
        chosen = select_by_writer_cv(tr + dv, [writer_of(r) for r in train_recs + dev_recs])
        # The settings were judged on writers the folds' models had not read; the model that
        # ships is then fitted on every letter the selection saw (train and dev), as a grid
        # search refits on its whole data: dev is no longer held out, the CV figures above are.
        model = fit_chosen(tr + dv, chosen)
        fitted_on = "corpus/train.jsonl + corpus/dev.jsonl"
    else:
        model = train(tr, dv)
        fitted_on = "corpus/train.jsonl"
    preds = predict_letters(model, dv)
    seen = " (seen in fitting: not a held-out figure)" if args.select == "cv" else ""
    for role in roles.ROLES:
        p, r, f = exact_prf(dv, preds, role)
        print(f"dev {role}: exact P={p:.4f} R={r:.4f} F1={f:.4f}{seen}")
    h = hashlib.sha256()
    for f in (corpus / "train.jsonl", corpus / "dev.jsonl"):
        h.update(f.read_bytes())
    model["card"] = {
        "trained_on": fitted_on,
        "tuned_on": ("leave-one-writer-out folds of corpus/train.jsonl + dev.jsonl" if args.select == "cv"
                     else "corpus/dev.jsonl"),
        "corpus_sha256": h.hexdigest(), "c_grid": list(C_GRID), "min_count": MIN_COUNT,
        "letters": {"train": len(tr), "dev": len(dv)},
    }
    model = {k: v for k, v in model.items() if not k.startswith("_")}   # no in-memory caches
    Path(args.out).write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
