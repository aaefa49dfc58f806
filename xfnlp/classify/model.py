"""The model file format and numpy-only prediction.

A model is a directory with two files, both plain data (nothing in them runs code on load):

* ``model.json`` — the model card (labels, corpus hash, sizes, library versions, metrics) and the
  parameters prediction needs (n-gram range, temperature, review threshold), plus the SHA-256 of
  the weights file;
* ``weights.npz`` — ``vocab`` (unicode array), ``idf``, ``coef`` (classes × features) and
  ``intercept``, read with ``allow_pickle=False``.

A truncated or edited weights file fails the hash check and gives one ``ModelError`` line.

>>> m = load_model()
>>> sorted(m.labels)[:2]
['certificate', 'dispute']
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import ModelError
from .features import char_ngrams

FORMAT = "xfnlp-linear-ngram/1"
WEIGHTS = "weights.npz"
CARD = "model.json"


def default_model_dir() -> Path:
    """The shipped model: ``models/category`` of the repository, installed as ``xfnlp.models``."""
    return Path(str(resources.files("xfnlp.models").joinpath("category")))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class Model:
    labels: list
    vocab: dict
    idf: object            # numpy float32 [n_features]
    coef_t: object         # numpy float32 [n_features, n_classes] (transposed for row gathers)
    intercept: object      # numpy float32 [n_classes]
    min_n: int = 1
    max_n: int = 3
    temperature: float = 1.0
    review_threshold: float = 0.0
    card: dict = field(default_factory=dict)
    path: str = ""

    # -- prediction -------------------------------------------------------------------------
    def _rows(self, texts):
        """Feature index arrays per text (unknown n-grams dropped)."""
        import numpy as np

        get = self.vocab.get
        out = []
        for t in texts:
            idx = [i for i in map(get, char_ngrams(t, self.min_n, self.max_n)) if i is not None]
            out.append(np.asarray(idx, dtype=np.int64))
        return out

    def _weights(self, idx):
        """TF-IDF weights as scikit-learn computes them: (1+ln tf)·idf, L2-normalized."""
        import numpy as np

        if idx.size == 0:
            return idx, np.zeros(0, dtype=np.float32)
        uniq, counts = np.unique(idx, return_counts=True)
        w = (1.0 + np.log(counts)).astype(np.float32) * self.idf[uniq]
        norm = float(np.sqrt(np.dot(w, w)))
        return uniq, (w / norm if norm > 0 else w)

    def decision_function(self, texts):
        import numpy as np

        rows = self._rows(texts)
        z = np.empty((len(rows), len(self.labels)), dtype=np.float64)
        for r, idx in enumerate(rows):
            uniq, w = self._weights(idx)
            z[r] = self.intercept + (w @ self.coef_t[uniq] if uniq.size else 0.0)
        return z

    def predict_proba(self, texts):
        """Calibrated probabilities (softmax of the decision values over the fitted temperature)."""
        import numpy as np

        z = self.decision_function(texts) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, texts) -> list[dict]:
        """For each text: label, confidence, needs_review and every label's probability."""
        proba = self.predict_proba(texts)
        out = []
        for p in proba:
            k = int(p.argmax())
            conf = float(p[k])
            out.append({
                "label": self.labels[k],
                "confidence": round(conf, 4),
                "needs_review": bool(conf < self.review_threshold),
                "scores": {lab: round(float(x), 4) for lab, x in zip(self.labels, p)},
            })
        return out

    def explain(self, text: str, label: str, k: int = 5) -> list[dict]:
        """The ``k`` n-grams that pushed ``text`` most towards ``label`` (weight × coefficient)."""
        idx = self._rows([text])[0]
        uniq, w = self._weights(idx)
        if not uniq.size:
            return []
        c = self.labels.index(label)
        contrib = w * self.coef_t[uniq, c]
        inverse = {i: g for g, i in self.vocab.items()} if k else {}
        order = contrib.argsort()[::-1][:k]
        return [{"feature": inverse[int(uniq[o])], "weight": round(float(contrib[o]), 4)}
                for o in order if contrib[o] > 0]

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        import numpy as np

        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        vocab = sorted(self.vocab, key=self.vocab.get)
        np.savez_compressed(
            d / WEIGHTS,
            vocab=np.array(vocab, dtype=str),
            idf=np.asarray(self.idf, dtype=np.float32),
            coef=np.ascontiguousarray(np.asarray(self.coef_t, dtype=np.float32).T),
            intercept=np.asarray(self.intercept, dtype=np.float32),
        )
        meta = {
            "format": FORMAT,
            "labels": list(self.labels),
            "params": {"min_n": self.min_n, "max_n": self.max_n, "temperature": self.temperature,
                       "review_threshold": self.review_threshold},
            "weights_sha256": sha256_file(d / WEIGHTS),
            "card": self.card,
        }
        (d / CARD).write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                              encoding="utf-8")
        return d


_cache: dict[str, Model] = {}
_cache_lock = threading.Lock()


def _read_model(d: Path) -> Model:
    import zipfile

    import numpy as np

    card_path, weights_path = d / CARD, d / WEIGHTS
    if not d.is_dir():
        raise ModelError(f"{d}: no such model directory")
    if not card_path.is_file() or not weights_path.is_file():
        raise ModelError(f"{d}: not a model directory (needs {CARD} and {WEIGHTS})")
    try:
        meta = json.loads(card_path.read_text(encoding="utf-8"))
        params, labels = meta["params"], meta["labels"]
        if meta.get("format") != FORMAT:
            raise ModelError(f"{card_path}: unknown model format {meta.get('format')!r} "
                             f"(this xfnlp reads {FORMAT})")
    except ModelError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{card_path}: damaged model card ({type(exc).__name__})") from None
    if sha256_file(weights_path) != meta.get("weights_sha256"):
        raise ModelError(f"{weights_path}: weights do not match the model card's checksum "
                         "(truncated or modified file)")
    try:
        with np.load(weights_path, allow_pickle=False) as z:
            vocab, idf, coef, intercept = z["vocab"], z["idf"], z["coef"], z["intercept"]
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"{weights_path}: unreadable weights ({type(exc).__name__})") from None
    n_cls, n_feat = coef.shape
    if n_cls != len(labels) or len(vocab) != n_feat or idf.shape != (n_feat,) or \
            intercept.shape != (n_cls,):
        raise ModelError(f"{weights_path}: array shapes do not fit the model card")
    temperature = float(params.get("temperature", 1.0))
    if not math.isfinite(temperature) or temperature <= 0:
        raise ModelError(f"{card_path}: temperature must be a positive number")
    return Model(labels=list(labels), vocab={g: i for i, g in enumerate(vocab.tolist())}, idf=idf,
                 coef_t=np.ascontiguousarray(coef.T), intercept=intercept,
                 min_n=int(params["min_n"]), max_n=int(params["max_n"]), temperature=temperature,
                 review_threshold=float(params.get("review_threshold", 0.0)),
                 card=meta.get("card", {}), path=str(d))


def load_model(path: str | Path | None = None) -> Model:
    """Load (once per process) the model in ``path``, or the shipped model when None."""
    d = Path(path) if path is not None else default_model_dir()
    key = str(d.resolve())
    with _cache_lock:
        m = _cache.get(key)
        if m is None:
            m = _cache[key] = _read_model(d)
    return m
