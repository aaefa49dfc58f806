"""Scoring extraction against gold lists: per field precision, recall and F1.

Gold and predictions are compared per letter as sets of distinct strings, after
:func:`xfnlp.text.normalize` (gold strings are substrings of the raw text, which may hold
full-width digits; predictions are substrings of the normalized text).

* exact: a predicted string counts when the same string is in the gold set.
* overlap: a predicted string counts when it contains, or is contained in, a gold string;
  recall counts gold strings that some prediction contains or is contained in.

>>> r = evaluate_extraction([{"text": "", "gold": {"areas": ["10亩"]}, "pred": {"areas": ["10亩"]}}])
>>> r["areas"]["exact"]["f1"]
1.0
"""

from __future__ import annotations

from ..text import normalize

FIELDS = ("townships", "villages", "petitioners", "respondents", "areas", "money", "dates",
          "phones", "id_numbers")


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_g / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _overlaps(a: str, b: str) -> bool:
    return a in b or b in a


def evaluate_extraction(records, *, profile=None) -> dict:
    """Score extraction; ``records`` are dicts in one of two shapes.

    * ``{"gold": {field: [str]}, "pred": {field: [str]}}`` — predictions already made;
    * a corpus record (``text`` and the nine gold lists) — :func:`xfnlp.extract.extract` runs.

    Returns ``{field: {"exact": {...}, "overlap": {...}, "gold": n, "pred": n, "letters": n},
    "letters": n}``. A record without a field's gold list is skipped for that field (a file that
    annotates only the parties scores only the parties: its field ``letters`` are 0 elsewhere).
    """
    from . import extract

    counts = {f: {"n_gold": 0, "n_pred": 0, "ex_p": 0, "ex_g": 0, "ov_p": 0, "ov_g": 0, "letters": 0}
              for f in FIELDS}
    letters = 0
    for rec in records:
        letters += 1
        if "gold" in rec:
            gold_lists, pred_lists = rec["gold"], rec.get("pred", {})
        else:
            gold_lists = {f: rec[f] for f in FIELDS if f in rec}
            spans = extract(rec["text"], profile=profile)
            pred_lists = {f: [s.text for s in spans[f]] for f in FIELDS}
        for f in FIELDS:
            if f not in gold_lists:
                continue
            gold = {normalize(g) for g in gold_lists.get(f) or []}
            pred = {normalize(p) for p in pred_lists.get(f) or []}
            c = counts[f]
            c["letters"] += 1
            c["n_gold"] += len(gold)
            c["n_pred"] += len(pred)
            c["ex_p"] += len(gold & pred)
            c["ex_g"] += len(gold & pred)
            c["ov_p"] += sum(1 for p in pred if any(_overlaps(p, g) for g in gold))
            c["ov_g"] += sum(1 for g in gold if any(_overlaps(p, g) for p in pred))
    result: dict = {"letters": letters}
    for f, c in counts.items():
        result[f] = {
            "exact": _prf(c["ex_p"], c["n_pred"], c["ex_g"], c["n_gold"]),
            "overlap": _prf(c["ov_p"], c["n_pred"], c["ov_g"], c["n_gold"]),
            "gold": c["n_gold"],
            "pred": c["n_pred"],
            "letters": c["letters"],
        }
    return result


def format_table(result: dict) -> str:
    """A plain-text table of :func:`evaluate_extraction`'s result, one row per field that the
    gold annotates in at least one letter.

    >>> print(format_table(evaluate_extraction([])).splitlines()[0])
    field          gold  pred   exact P   R     F1  | overlap P   R     F1
    """
    lines = ["field          gold  pred   exact P   R     F1  | overlap P   R     F1"]
    for f in FIELDS:
        r = result[f]
        if not r.get("letters", 1):
            continue
        e, o = r["exact"], r["overlap"]
        lines.append(f"{f:<13} {r['gold']:>5} {r['pred']:>5}   "
                     f"{e['precision']:.2f} {e['recall']:.2f} {e['f1']:.2f}  |         "
                     f"{o['precision']:.2f} {o['recall']:.2f} {o['f1']:.2f}")
    lines.append(f"letters: {result['letters']}")
    return "\n".join(lines)
