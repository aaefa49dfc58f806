"""The model file format and prediction (numpy for batches, plain Python for a few letters).

A model is a directory with two files, both plain data (nothing in them runs code on load):

* ``model.json`` — the model card (labels, corpus hash, sizes, library versions, metrics) and the
  parameters prediction needs (n-gram range, temperature, review threshold), plus the SHA-256 of
  the weights file;
* ``weights.npz`` — ``vocab`` (unicode array), ``idf``, ``coef`` (classes × features) and
  ``intercept``: numpy's documented .npz format, read here by :mod:`xfnlp.classify.npz`, which
  accepts plain numeric and unicode arrays only (no pickled objects).

A truncated or edited weights file fails the hash check and gives one ``ModelError`` line.

>>> m = load_model()
>>> sorted(m.labels)[:2]
['certificate', 'dispute']
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import threading
from array import array
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import ModelError
from .features import char_ngrams

FORMAT = "xfnlp-linear-ngram/1"
_WHITESPACE = [ord(c) for c in " \n\t"]
WEIGHTS = "weights.npz"
CARD = "model.json"
# Up to this many letters are scored in plain Python: cheaper than importing numpy (0.1-0.3 s)
# for `xfnlp tag one.txt`; a larger batch pays the import once and then runs ~10x faster.
SMALL_BATCH = 8


def default_model_dir() -> Path:
    """The shipped model: ``models/category`` of the repository, installed as ``xfnlp.models``."""
    return Path(str(resources.files("xfnlp.models").joinpath("category")))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _flat(values) -> array:
    """A flat ``array`` (float32 kept as float32, anything else float64) of a numpy array,
    an ``array`` or a sequence of numbers. Indexing either kind yields exact Python floats."""
    if isinstance(values, array) and values.typecode in "fd":
        return values
    np = sys.modules.get("numpy")
    if np is not None and isinstance(values, np.ndarray):
        code = "f" if values.dtype == np.float32 else "d"
        out = array(code)
        out.frombytes(values.astype("=f4" if code == "f" else "=f8").tobytes())   # C order
        return out
    return array("d", values)


@dataclass
class Model:
    """A linear model over character n-grams (TF-IDF, then one weight vector per label).

    The weights live in ``array.array`` buffers, so loading a model and tagging a few
    letters never imports numpy; batches of more than :data:`SMALL_BATCH` letters use numpy views
    of the same buffers. Both paths compute in float64, so a letter gets the same scores alone or
    in a batch of a thousand.
    """

    labels: list
    vocab: dict
    idf: object            # [n_features]: numpy array, buffer or sequence
    coef: object           # [n_classes, n_features], row major
    intercept: object      # [n_classes]
    min_n: int = 1
    max_n: int = 3
    temperature: float = 1.0
    review_threshold: float = 0.0
    card: dict = field(default_factory=dict)
    path: str = ""

    def __post_init__(self):
        self.idf, self.coef, self.intercept = _flat(self.idf), _flat(self.coef), _flat(self.intercept)
        if len(self.coef) != len(self.labels) * len(self.idf) or \
                len(self.intercept) != len(self.labels) or len(self.vocab) != len(self.idf):
            raise ModelError(f"{self.path or 'model'}: array shapes do not fit the labels")
        self._np = None
        self._keys = None
        self._is_closed = None

    def arrays(self):
        """(idf, coef_t [features × classes], intercept) as numpy float64 arrays."""
        import numpy as np

        if self._np is None:
            def f64(a):
                return np.frombuffer(a, dtype=np.float32 if a.typecode == "f" else np.float64
                                     ).astype(np.float64)

            coef = f64(self.coef).reshape(len(self.labels), -1)
            # Transposed once so that a batch gathers whole rows (one per n-gram occurrence).
            self._np = f64(self.idf), np.ascontiguousarray(coef.T), f64(self.intercept)
        return self._np

    def _closed(self) -> bool:
        """Whether every known n-gram's two (n-1)-grams are known too, as TF-IDF with only a
        minimum document frequency guarantees (a part occurs wherever its whole does)."""
        if self._is_closed is None:
            v = self.vocab
            self._is_closed = all(g[:-1] in v and g[1:] in v for g in v if len(g) > 1)
        return self._is_closed

    # -- prediction, numpy ------------------------------------------------------------------
    # An n-gram of up to three characters is packed into one integer, 21 bits per code point
    # (every Unicode code point fits): the vocabulary becomes a sorted integer array and a whole
    # batch is looked up with one searchsorted instead of a dict lookup per n-gram.
    def _vocab_keys(self):
        import numpy as np

        if self._keys is None:
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
            self._keys = keys[order], order.astype(np.int64), uni
        return self._keys

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
        shorter = None        # where the (n-1)-grams starting at each position are known
        for n in range(max(2, self.min_n), self.max_n + 1):
            if wide.size < n:
                continue
            m = wide.size - n + 1
            if shorter is not None and self._closed():
                # An n-gram is only known when both its (n-1)-grams are: look up those alone.
                cand = np.flatnonzero(shorter[:m] & shorter[1:m + 1])
                k = wide[cand]
                for j in range(1, n):
                    k |= wide[cand + j] << np.uint64(21 * j)
            else:
                cand = None
                k = wide[:m].copy()
                for j in range(1, n):
                    k |= wide[j: m + j] << np.uint64(21 * j)
            pos = np.searchsorted(vk, k)
            np.minimum(pos, len(vk) - 1, out=pos)
            found = vk[pos] == k
            hit = np.flatnonzero(found)
            at = hit if cand is None else cand[hit]
            owners.append(at)
            feats.append(vi[pos[hit]])
            shorter = np.zeros(m, dtype=bool)
            shorter[at] = True
        if not owners:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        where, feat = np.concatenate(owners), np.concatenate(feats)
        return np.searchsorted(ends, where), feat

    def _decision_numpy(self, texts):
        """Decision values of a batch, computed for all letters at once.

        TF-IDF as scikit-learn computes it — (1 + ln tf)·idf, L2-normalized per letter — then
        summed per letter with ``reduceat``: no per-letter Python or numpy call.
        """
        import numpy as np

        idf, coef_t, intercept = self.arrays()
        n = len(texts)
        z = np.tile(intercept, (n, 1))
        owner, feats = self._features(texts)
        if not owner.size:
            return z
        n_feat = len(idf)
        keys, counts = np.unique(owner * n_feat + feats, return_counts=True)
        owner, feats = keys // n_feat, keys % n_feat
        w = (1.0 + np.log(counts)) * idf[feats]
        norms = np.sqrt(np.bincount(owner, weights=w ** 2, minlength=n))
        w = w / norms[owner]
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        z[owner[starts]] += np.add.reduceat(coef_t[feats] * w[:, None], starts, axis=0)
        return z

    # -- prediction, plain Python ----------------------------------------------------------------
    def _decision_python(self, text: str) -> list[float]:
        """Decision values of one letter: the same arithmetic as the numpy path, term by term."""
        get, idf, coef = self.vocab.get, self.idf, self.coef
        rows = [c * len(idf) for c in range(len(self.labels))]
        counts = Counter(i for i in map(get, char_ngrams(text, self.min_n, self.max_n))
                         if i is not None)
        z = list(self.intercept)
        if not counts:
            return z
        w = {f: (1.0 + math.log(c)) * idf[f] for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in w.values()))
        for c, row in enumerate(rows):
            z[c] += sum(coef[row + f] * v for f, v in w.items()) / norm
        return z

    def decision_function(self, texts):
        """Decision values, one row per letter (numpy array for large batches, else lists)."""
        if len(texts) > SMALL_BATCH:
            return self._decision_numpy(texts)
        return [self._decision_python(t) for t in texts]

    def predict_proba(self, texts):
        """Calibrated probabilities (softmax of the decision values over the fitted temperature)."""
        if len(texts) > SMALL_BATCH:
            import numpy as np

            z = self._decision_numpy(texts) / self.temperature
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        out = []
        for row in self.decision_function(texts):
            top = max(row)
            e = [math.exp((v - top) / self.temperature) for v in row]
            s = sum(e)
            out.append([v / s for v in e])
        return out

    def predict(self, texts) -> list[dict]:
        """For each text: label, confidence, needs_review and every label's probability."""
        proba = self.predict_proba(texts)
        out = []
        for p in (proba if isinstance(proba, list) else proba.tolist()):
            k = max(range(len(p)), key=p.__getitem__)
            conf = p[k]
            out.append({
                "label": self.labels[k],
                "confidence": round(conf, 4),
                "needs_review": bool(conf < self.review_threshold),
                "scores": {lab: round(x, 4) for lab, x in zip(self.labels, p)},
            })
        return out

    def explain(self, text: str, label: str, k: int = 5) -> list[dict]:
        """The ``k`` n-grams that pushed ``text`` most towards ``label`` (weight × coefficient)."""
        import numpy as np

        idf, coef_t, _ = self.arrays()
        _, feats = self._features([text])
        if not feats.size:
            return []
        uniq, counts = np.unique(feats, return_counts=True)
        w = (1.0 + np.log(counts)) * idf[uniq]
        w /= np.sqrt(np.dot(w, w))
        c = self.labels.index(label)
        contrib = w * coef_t[uniq, c]
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
            coef=np.asarray(self.coef, dtype=np.float32).reshape(len(self.labels), -1),
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

    from .npz import NpyError, read_npz

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
        z = read_npz(weights_path)
        vocab, coef = z["vocab"].strings(), z["coef"]
        idf, intercept = z["idf"].numbers(), z["intercept"].numbers()
        if len(coef.shape) != 2:
            raise NpyError("coef is not a matrix")
        n_cls, n_feat = coef.shape
        coef = coef.numbers()
    except (NpyError, KeyError, OSError, zipfile.BadZipFile, EOFError, UnicodeDecodeError) as exc:
        raise ModelError(f"{weights_path}: unreadable weights ({type(exc).__name__})") from None
    if n_cls != len(labels) or len(vocab) != n_feat or len(idf) != n_feat or \
            len(intercept) != n_cls:
        raise ModelError(f"{weights_path}: array shapes do not fit the model card")
    temperature = float(params.get("temperature", 1.0))
    if not math.isfinite(temperature) or temperature <= 0:
        raise ModelError(f"{card_path}: temperature must be a positive number")
    return Model(labels=list(labels), vocab={g: i for i, g in enumerate(vocab)}, idf=idf,
                 coef=coef, intercept=intercept,
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
