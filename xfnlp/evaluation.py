"""Scoring xfnlp against gold JSONL: categories, tags and flags, extraction spans.

>>> evaluate_flags([{"text": "30多名村民来访", "tags": [], "flags": ["集体访", "匿名"],
...                  "petitioners": []}])["集体访"]["recall"]
1.0
"""

from __future__ import annotations

from .classify.metrics import classification_metrics, format_report
from .errors import InputError
from .flags import find_flags, find_tags

TAG_NAMES = ("征地补偿", "宅基地", "耕地保护", "涉及干部")
FLAG_NAMES = ("集体访", "越级访风险", "极端言论", "匿名")


def evaluate_classifier(records, model, label_field="category") -> dict:
    from .text import normalize

    texts = [normalize(r["text"]) for r in records]
    pred = model.predict(texts)
    gold = [r[label_field] for r in records]
    labels = sorted(set(model.labels) | set(gold))
    return classification_metrics(gold, [p["label"] for p in pred], labels,
                                  [p["confidence"] for p in pred], model.review_threshold)


def evaluate_flags(records, extractor=None) -> dict:
    """Precision/recall/F1 of each tag and flag against the gold ``tags`` and ``flags`` lists.

    匿名 uses the extracted petitioners when an ``extractor`` is given, else the gold ones.
    """
    from .letter import Span
    from .text import normalize

    counts = {n: [0, 0, 0] for n in TAG_NAMES + FLAG_NAMES}  # tp, fp, fn
    for r in records:
        text = normalize(r["text"])
        if extractor is not None:
            pets = extractor(text).get("petitioners", [])
        else:
            pets = [Span(0, len(p), "petitioner", p) for p in r.get("petitioners", [])]
        got = {s.label for s in find_tags(text)} | {s.label for s in find_flags(text, pets)}
        want = set(r.get("tags", [])) | set(r.get("flags", []))
        for n in counts:
            if n in got and n in want:
                counts[n][0] += 1
            elif n in got:
                counts[n][1] += 1
            elif n in want:
                counts[n][2] += 1
    out = {}
    for n, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        out[n] = {"precision": round(p, 4), "recall": round(rc, 4), "f1": round(f, 4),
                  "support": tp + fn, "predicted": tp + fp}
    return out


def format_flags(result: dict) -> str:
    lines = [f"{'tag/flag':<8}\t{'precision':>9} {'recall':>7} {'f1':>7} {'support':>7}"]
    for n, m in result.items():
        lines.append(f"{n:<8}\t{m['precision']:>9.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} "
                     f"{m['support']:>7}")
    return "\n".join(lines)


def _record_test_metrics(model, paths, records, label_field, metrics) -> None:
    import json
    import os
    from pathlib import Path

    from .classify.model import CARD
    from .classify.train import corpus_hash

    card_path = Path(model.path) / CARD
    meta = json.loads(card_path.read_text(encoding="utf-8"))
    meta.setdefault("card", {})["test_metrics"] = {
        "files": [Path(p).name for p in paths], "size": len(records),
        "sha256": corpus_hash(records, label_field), "metrics": metrics}
    tmp = card_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                   encoding="utf-8")
    os.replace(tmp, card_path)      # the weights' checksum is unchanged: only the card grows


def evaluate(paths, task="classify", model_dir=None, label_field="category", record=False):
    """(metrics dict, printable table) for ``task`` on the gold records in ``paths``.

    ``record=True`` (classification only) also writes the metrics into the model card as
    ``test_metrics``, with the test files' names and corpus hash, so that a model carries the
    figures it was reported with.
    """
    from .classify.train import read_labelled

    if record and task != "classify":
        raise InputError("recording test metrics applies to --task classify only")
    records, _ = read_labelled(paths, label_field if task == "classify" else "text")
    if task == "classify":
        from .classify import load_model

        model = load_model(model_dir)
        m = evaluate_classifier(records, model, label_field)
        if record:
            _record_test_metrics(model, paths, records, label_field, m)
        return m, format_report(m)
    if task == "flags":
        from .extract import extract

        m = evaluate_flags(records, extractor=extract)
        return m, format_flags(m)
    from .extract.evaluate import evaluate_extraction, format_table

    m = evaluate_extraction(records)
    return m, format_table(m)
