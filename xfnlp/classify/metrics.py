"""Classification metrics in plain Python (``xfnlp evaluate`` needs no scikit-learn).

>>> r = classification_metrics(["a", "b", "b"], ["a", "b", "a"], labels=["a", "b"])
>>> r["accuracy"], r["per_class"]["a"]["recall"]
(0.6667, 1.0)
"""

from __future__ import annotations

import math


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def classification_metrics(gold: list, pred: list, labels: list | None = None,
                           confidence: list | None = None, threshold: float | None = None) -> dict:
    """Per-class precision/recall/F1, macro-F1, accuracy, confusion matrix, review statistics."""
    labels = list(labels or sorted(set(gold) | set(pred)))
    n = len(gold)
    per_class = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        p, r, f = _prf(tp, fp, fn)
        per_class[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                          "support": tp + fn}
    correct = sum(1 for g, p in zip(gold, pred) if g == p)
    out = {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4) if labels else 0.0,
        "per_class": per_class,
        "labels": labels,
        # confusion[gold][pred]
        "confusion": {g: {p: sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in labels}
                      for g in labels},
    }
    if confidence is not None and threshold is not None:
        kept = [(g, p) for g, p, c in zip(gold, pred, confidence) if c >= threshold]
        out["review"] = {
            "threshold": threshold,
            "sent_to_review": n - len(kept),
            "kept": len(kept),
            "kept_accuracy": round(sum(1 for g, p in kept if g == p) / len(kept), 4) if kept else None,
        }
    return out


def wilson_lower(right: int, n: int, z: float) -> float:
    """Lower end of the Wilson score interval of an accuracy ``right/n``.

    >>> round(wilson_lower(141, 141, 1.645), 4)
    0.9812
    """
    if n == 0:
        return 0.0
    p = right / n
    d = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / d


def choose_threshold(gold: list, pred: list, confidence: list, target: float = 0.97,
                     z: float = 1.645) -> float:
    """Lowest confidence threshold whose kept letters are at least ``target`` accurate.

    "At least" is judged by the one-sided 95% Wilson lower bound (``z``), not the raw dev
    accuracy: a dev set of 150 letters with a few errors says little, and the threshold must hold
    on letters the model has not seen. Letters below the threshold go to review. Returns 1.0 when
    no threshold reaches the target.
    """
    order = sorted(zip(confidence, (g == p for g, p in zip(gold, pred))), reverse=True)
    best = 1.0
    right = 0
    for k, (conf, ok) in enumerate(order, 1):
        right += ok
        # A cut is only possible between distinct confidences.
        if k < len(order) and order[k][0] == conf:
            continue
        if wilson_lower(right, k, z) >= target:
            best = conf
    return round(float(best), 4)


def format_report(m: dict) -> str:
    """The metrics as an aligned text table (what ``xfnlp evaluate`` prints)."""
    labels = m["labels"]
    w = max(12, *(len(x) for x in labels))
    lines = [f"{'label':<{w}} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>7}"]
    for lab in labels:
        c = m["per_class"][lab]
        lines.append(f"{lab:<{w}} {c['precision']:>9.4f} {c['recall']:>7.4f} {c['f1']:>7.4f} "
                     f"{c['support']:>7}")
    lines.append(f"{'macro-F1':<{w}} {m['macro_f1']:>25.4f}")
    lines.append(f"{'accuracy':<{w}} {m['accuracy']:>25.4f} {m['n']:>7}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    short = [lab[:8] for lab in labels]
    lines.append(" " * w + " " + " ".join(f"{s:>8}" for s in short))
    for g in labels:
        lines.append(f"{g:<{w}} " + " ".join(f"{m['confusion'][g][p]:>8}" for p in labels))
    r = m.get("review")
    if r:
        acc = "n/a" if r["kept_accuracy"] is None else f"{r['kept_accuracy']:.4f}"
        lines.append("")
        lines.append(f"review: {r['sent_to_review']} of {m['n']} letters below confidence "
                     f"{r['threshold']:.4f} go to review; the other {r['kept']} are {acc} accurate")
    return "\n".join(lines)
