"""Training a letter classifier on any label set (scikit-learn conventions).

``build_pipeline()`` is TF-IDF over character n-grams (the analyzer of
:mod:`xfnlp.classify.features`) and a multinomial logistic regression. :class:`LetterClassifier`
picks C on the dev set, fits a temperature so that probabilities are calibrated on dev, chooses the
review threshold on dev, and exports a data-only :class:`~xfnlp.classify.model.Model`.

>>> clf = LetterClassifier(Cs=(4.0,)).fit(["违法占地建房", "办理不动产权证"] * 3, ["a", "b"] * 3)
>>> clf.labels_
['a', 'b']
"""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path

from .. import __version__
from ..errors import InputError
from .features import CharNgrams
from .metrics import choose_threshold, classification_metrics

DEFAULT_CS = (8.0, 32.0, 128.0)


def build_pipeline(C: float = 32.0, min_n: int = 1, max_n: int = 3, min_df: int = 2):
    """The scikit-learn pipeline: char n-gram TF-IDF → logistic regression."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("tfidf", TfidfVectorizer(analyzer=CharNgrams(min_n, max_n), sublinear_tf=True,
                                  min_df=min_df, dtype=np.float32)),
        # lbfgs is deterministic; class_weight balances the smaller categories.
        ("clf", LogisticRegression(C=C, max_iter=3000, class_weight="balanced")),
    ])


def _fit_temperature(z, y) -> float:
    """The temperature T minimizing dev log-loss of softmax(z / T)."""
    import numpy as np

    best_t, best_nll = 1.0, float("inf")
    for t in np.geomspace(0.05, 10.0, 120):
        s = z / t
        s = s - s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        nll = -float(logp[np.arange(len(y)), y].mean())
        if nll < best_nll - 1e-12:
            best_t, best_nll = float(t), nll
    return round(best_t, 4)


class LetterClassifier:
    """Char n-gram logistic regression with dev-tuned C, temperature and review threshold."""

    def __init__(self, Cs=DEFAULT_CS, min_n: int = 1, max_n: int = 3, min_df: int = 2,
                 review_target: float = 0.97):
        self.Cs = Cs
        self.min_n = min_n
        self.max_n = max_n
        self.min_df = min_df
        self.review_target = review_target

    def fit(self, texts, labels, dev_texts=None, dev_labels=None):
        from threadpoolctl import threadpool_limits

        # One BLAS thread: scipy's L-BFGS-B (C since 1.15) does small vector operations per
        # iteration, and OpenBLAS threads spinning over them made training 3-5x slower on two
        # cores (scipy issue 22438). The result does not depend on the thread count.
        with threadpool_limits(limits=1, user_api="blas"):
            return self._fit(texts, labels, dev_texts, dev_labels)

    def _fit(self, texts, labels, dev_texts, dev_labels):
        import numpy as np
        from sklearn.base import clone

        min_df = self.min_df if len(texts) >= 50 else 1
        self.dev_scores_ = {}
        template = build_pipeline(self.Cs[0], self.min_n, self.max_n, min_df)
        # The features do not depend on C: vectorize once, fit one classifier per C.
        tfidf = template.named_steps["tfidf"]
        X = tfidf.fit_transform(texts)
        X_dev = tfidf.transform(dev_texts) if dev_texts else None
        fitted = {}
        if dev_texts and len(self.Cs) > 1:
            import copy

            # Ascending C with warm starts: each fit starts from the previous solution, which
            # takes a fraction of the iterations of a cold start (and is just as deterministic).
            warm = clone(template.named_steps["clf"]).set_params(warm_start=True)
            for C in sorted(self.Cs):
                fitted[C] = copy.deepcopy(warm.set_params(C=C).fit(X, labels))
                pred = fitted[C].predict(X_dev).tolist()
                self.dev_scores_[C] = classification_metrics(dev_labels, pred)["macro_f1"]
            # Highest dev macro-F1; on ties the smaller C (stronger regularization) generalizes.
            self.C_ = max(self.Cs, key=lambda c: (self.dev_scores_[c], -c))
        else:
            self.C_ = self.Cs[0] if len(self.Cs) == 1 else 32.0
        clf = fitted.get(self.C_) or clone(template.named_steps["clf"]).set_params(C=self.C_).fit(X, labels)
        template.steps[-1] = ("clf", clf)
        self.pipeline_ = template
        self.labels_ = [str(c) for c in clf.classes_]
        self.temperature_ = 1.0
        self.review_threshold_ = 0.0
        self.dev_metrics_ = None
        if dev_texts:
            z = clf.decision_function(X_dev)
            if z.ndim == 1:  # two classes: scikit-learn gives one column
                z = np.stack([-z / 2, z / 2], axis=1)
            y = np.array([self.labels_.index(lab) if lab in self.labels_ else -1
                          for lab in dev_labels])
            known = y >= 0
            self.temperature_ = _fit_temperature(z[known], y[known])
            p = np.exp(z / self.temperature_ - (z / self.temperature_).max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            pred = [self.labels_[i] for i in p.argmax(axis=1)]
            conf = p.max(axis=1).tolist()
            self.review_threshold_ = choose_threshold(dev_labels, pred, conf, self.review_target)
            self.dev_metrics_ = classification_metrics(dev_labels, pred, self.labels_, conf,
                                                       self.review_threshold_)
        return self

    def to_model(self, card: dict | None = None):
        import numpy as np

        from .model import Model

        tfidf = self.pipeline_.named_steps["tfidf"]
        clf = self.pipeline_.named_steps["clf"]
        coef, intercept = clf.coef_, clf.intercept_
        if coef.shape[0] == 1:  # binary: expand to one row per class for the softmax
            coef = np.vstack([-coef / 2, coef / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        return Model(labels=self.labels_, vocab={g: int(i) for g, i in tfidf.vocabulary_.items()},
                     idf=tfidf.idf_.astype(np.float32), coef=coef.astype(np.float32),
                     intercept=intercept.astype(np.float32), min_n=self.min_n, max_n=self.max_n,
                     temperature=self.temperature_, review_threshold=self.review_threshold_,
                     card=card or {})


def read_labelled(paths, label_field: str = "category") -> tuple[list[dict], list[str]]:
    """Records with ``text`` and ``label_field`` from JSONL files/folders; problems as lines."""
    files = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.rglob("*.jsonl")))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file")
    recs, problems = [], []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                problems.append(f"{f}:{n}: not JSON")
                continue
            if not isinstance(r, dict) or not isinstance(r.get("text"), str) or not r["text"].strip():
                problems.append(f"{f}:{n}: no text")
                continue
            lab = r.get(label_field)
            if not isinstance(lab, (str, int)) or lab == "":
                problems.append(f"{f}:{n}: no '{label_field}' label")
                continue
            r[label_field] = str(lab)
            recs.append(r)
    if not recs:
        raise InputError(f"{', '.join(map(str, paths))}: no labelled records ('text' and "
                         f"'{label_field}')")
    return recs, problems


def corpus_hash(records: list[dict], label_field: str) -> str:
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps([r["text"], r[label_field]], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def _is_dev(record: dict, fraction: float = 0.15) -> bool:
    key = str(record.get("id") or record["text"]).encode("utf-8")
    return int(hashlib.sha256(key).hexdigest()[:8], 16) / 0xFFFFFFFF < fraction


def train_model(train_paths, out_dir, label_field: str = "category", dev_paths=None,
                Cs=DEFAULT_CS, review_target: float = 0.97) -> dict:
    """Train on JSONL corpora and write a model directory; returns the model card.

    Without ``dev_paths`` a fixed 15% of the training records (by id hash) is held out for tuning.
    """
    import numpy
    import sklearn

    from ..text import normalize as normalized

    train, problems = read_labelled(train_paths, label_field)
    if dev_paths:
        dev, dev_problems = read_labelled(dev_paths, label_field)
        problems += dev_problems
    else:
        dev = [r for r in train if _is_dev(r)]
        train = [r for r in train if not _is_dev(r)]
    labels = sorted({r[label_field] for r in train})
    if len(labels) < 2:
        raise InputError(f"need at least two labels in '{label_field}', found {labels}")
    texts = [normalized(r["text"]) for r in train]
    dev_texts = [normalized(r["text"]) for r in dev]
    clf = LetterClassifier(Cs=Cs, review_target=review_target).fit(
        texts, [r[label_field] for r in train], dev_texts or None,
        [r[label_field] for r in dev] or None)
    card = {
        "task": f"single-label classification of petition letters by '{label_field}'",
        "labels": clf.labels_,
        "label_field": label_field,
        "corpus": {"train_files": [str(p) for p in train_paths],
                   "dev_files": [str(p) for p in dev_paths] if dev_paths else None,
                   "train_sha256": corpus_hash(train, label_field),
                   "dev_sha256": corpus_hash(dev, label_field) if dev else None,
                   "train_size": len(train), "dev_size": len(dev),
                   "train_per_label": {lab: sum(r[label_field] == lab for r in train)
                                       for lab in clf.labels_}},
        "features": {"analyzer": "character n-grams of the normalized text, digits folded",
                     "ngram_range": [clf.min_n, clf.max_n], "min_df": clf.min_df,
                     "n_features": len(clf.pipeline_.named_steps["tfidf"].vocabulary_)},
        "model": {"estimator": "LogisticRegression (multinomial, class_weight=balanced)",
                  "C": clf.C_, "dev_macro_f1_by_C": {str(k): v for k, v in clf.dev_scores_.items()},
                  "temperature": clf.temperature_, "review_threshold": clf.review_threshold_,
                  "review_target_accuracy": review_target},
        "dev_metrics": clf.dev_metrics_,
        "versions": {"xfnlp": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": numpy.__version__, "python": platform.python_version()},
        "skipped_records": problems[:50],
    }
    clf.to_model(card).save(out_dir)
    return card
