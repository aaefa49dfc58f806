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

FORMAT = "xfnlp-linear-ngram/1"
_WHITESPACE = [ord(c) for c in " \n\t"]
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
    # An n-gram of up to three characters is packed into one integer, 21 bits per code point
    # (every Unicode code point fits): the vocabulary becomes a sorted integer array and a whole
    # batch is looked up with one searchsorted instead of a dict lookup per n-gram.
    def _vocab_keys(self):
        import numpy as np

        if getattr(self, "_keys", None) is None:
            words = np.array(sorted(self.vocab, key=self.vocab.get), dtype="<U3")
            cps = words.view(np.uint32).reshape(len(words), 3).astype(np.uint64)
            # Each character is stored as code point + 1, so that padding (0) and the letter
            # separator (NUL -> 1) can never complete a shorter n-gram's key.
            c = np.where(cps > 0, cps + np.uint64(1), np.uint64(0))
            keys = c[:, 0] | (c[:, 1] << np.uint64(21)) | (c[:, 2] << np.uint64(42))
            order = np.argsort(keys)
            # Single characters of the Basic Multilingual Plane: a direct table is faster still.
            uni = np.full(0x10000, -1, dtype=np.int64)
            single = (cps[:, 1] == 0) & (cps[:, 0] < 0x10000)
            uni[cps[single, 0].astype(np.int64)] = np.flatnonzero(single)
            self._keys, self._key_index, self._uni = keys[order], order.astype(np.int64), uni
        return self._keys, self._key_index, self._uni

    def _features(self, texts):
        """(owner, feature) index pairs of every known n-gram of every text.

        The same n-grams as :func:`~xfnlp.classify.features.char_ngrams` (digits folded to 0,
        whitespace dropped), computed on code points: the letters are joined with a 0 between
        them; with characters stored as code point + 1, an n-gram holding it matches nothing.
        """
        import numpy as np

        vk, vi, uni = self._vocab_keys()
        # NUL separates letters; prepare() removes NUL from texts, here and at training.
        joined = "\0".join(t.replace("\0", "") for t in texts) + "\0"
        cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        cps = cps[~np.isin(cps, _WHITESPACE)]                     # whitespace carries no meaning
        cps = np.where((cps >= 0x31) & (cps <= 0x39), np.uint32(0x30), cps)   # 1-9 -> 0
        ends = np.flatnonzero(cps == 0)
        owners, feats = [], []
        if self.min_n <= 1 <= self.max_n:
            f = np.where(cps < 0x10000, uni[np.minimum(cps, 0xFFFF)], -1)
            pos = np.flatnonzero(f >= 0)
            owners.append(pos)
            feats.append(f[pos])
            astral = np.flatnonzero(cps >= 0x10000)     # emoji and rare characters: by key
            if astral.size:
                k = cps[astral].astype(np.uint64) + np.uint64(1)
                p = np.minimum(np.searchsorted(vk, k), len(vk) - 1)
                hit = vk[p] == k
                owners.append(astral[hit])
                feats.append(vi[p[hit]])
        wide = cps.astype(np.uint64) + np.uint64(1)
        for n in range(max(2, self.min_n), self.max_n + 1):
            if wide.size < n:
                continue
            k = wide[: wide.size - n + 1].copy()
            for j in range(1, n):
                k |= wide[j: wide.size - n + 1 + j] << np.uint64(21 * j)
            pos = np.searchsorted(vk, k)
            np.minimum(pos, len(vk) - 1, out=pos)
            hit = np.flatnonzero(vk[pos] == k)
            owners.append(hit)
            feats.append(vi[pos[hit]])
        if not owners:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        where, feat = np.concatenate(owners), np.concatenate(feats)
        return np.searchsorted(ends, where), feat

    def decision_function(self, texts):
        """Decision values for a batch, computed for all letters at once.

        TF-IDF as scikit-learn computes it — (1 + ln tf)·idf, L2-normalized per letter — then
        summed per letter with ``reduceat``: no per-letter Python or numpy call.
        """
        import numpy as np

        n = len(texts)
        z = np.tile(self.intercept.astype(np.float64), (n, 1))
        owner, feats = self._features(texts)
        if not owner.size:
            return z
        n_feat = len(self.idf)
        keys, counts = np.unique(owner * n_feat + feats, return_counts=True)
        owner, feats = keys // n_feat, keys % n_feat
        w = (1.0 + np.log(counts)).astype(np.float32) * self.idf[feats]
        norms = np.sqrt(np.bincount(owner, weights=w.astype(np.float64) ** 2, minlength=n))
        w = w / norms[owner].astype(np.float32)
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        z[owner[starts]] += np.add.reduceat(self.coef_t[feats] * w[:, None], starts, axis=0)
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
        import numpy as np

        _, feats = self._features([text])
        if not feats.size:
            return []
        uniq, counts = np.unique(feats, return_counts=True)
        w = (1.0 + np.log(counts)).astype(np.float32) * self.idf[uniq]
        w /= np.sqrt(np.dot(w, w))
        c = self.labels.index(label)
        contrib = w * self.coef_t[uniq, c]
        order = contrib.argsort()[::-1][:k]
        words = {int(uniq[o]) for o in order}
        inverse = {i: g for g, i in self.vocab.items() if i in words}
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
