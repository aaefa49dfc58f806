"""Checks the hand-written corpus: schema, ids, spans, label values, splits.

Run ``python -m xfnlp.corpus check corpus/`` (or a single ``.jsonl`` file while writing).
It uses the standard library only, so writers can run it before the package is installed.

>>> problems_in_record({"id": "x-1", "register": "letter", "text": "我叫王某", "category": "other"})
[]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

CATEGORIES = ("illegal_land_use", "land_transfer", "certificate", "mining", "dispute", "other")
REGISTERS = ("letter", "visit", "online", "forwarded")
TAGS = ("征地补偿", "宅基地", "耕地保护", "涉及干部")
FLAGS = ("集体访", "越级访风险", "极端言论", "匿名")
SPAN_FIELDS = ("townships", "villages", "petitioners", "respondents", "areas", "money", "dates",
               "phones", "id_numbers")
SPLITS = ("train", "dev", "test")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number_valid(s: str) -> bool:
    """True when ``s`` is an 18-character resident ID whose check character is right.

    >>> id_number_valid("11010519491231002X")
    True
    """
    if len(s) != 18 or not s[:17].isdigit() or s[17] not in "0123456789Xx":
        return False
    total = sum(int(a) * b for a, b in zip(s[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == s[17].upper()


def problems_in_record(rec: dict) -> list[str]:
    """Every way one record breaks the corpus contract (empty list when it is fine)."""
    out = []
    text = rec.get("text")
    if not isinstance(rec.get("id"), str) or not rec.get("id"):
        out.append("id missing")
    if not isinstance(text, str) or not text.strip():
        return out + ["text missing or empty"]
    if rec.get("register") not in REGISTERS:
        out.append(f"register {rec.get('register')!r} not one of {', '.join(REGISTERS)}")
    if rec.get("category") not in CATEGORIES:
        out.append(f"category {rec.get('category')!r} not one of {', '.join(CATEGORIES)}")
    for field, allowed in (("tags", TAGS), ("flags", FLAGS)):
        vals = rec.get(field, [])
        if not isinstance(vals, list):
            out.append(f"{field} is not a list")
            continue
        for v in vals:
            if v not in allowed:
                out.append(f"{field}: {v!r} not one of {', '.join(allowed)}")
    for field in SPAN_FIELDS:
        vals = rec.get(field, [])
        if not isinstance(vals, list):
            out.append(f"{field} is not a list")
            continue
        for v in vals:
            if not isinstance(v, str) or not v:
                out.append(f"{field}: empty or non-string item")
            elif v not in text:
                out.append(f"{field}: {v!r} does not occur in text")
        if len(set(vals)) != len(vals):
            out.append(f"{field}: duplicate items")
    for v in rec.get("id_numbers", []) or []:
        if isinstance(v, str) and not id_number_valid(v):
            out.append(f"id_numbers: {v!r} fails the checksum")
    if "匿名" in (rec.get("flags") or []) and rec.get("petitioners"):
        names = [p for p in rec["petitioners"] if not p.endswith(("村民", "群众", "居民", "业主"))]
        if names:
            out.append("flag 匿名 but petitioners are named: " + ", ".join(names))
    return out


def read_jsonl(path: Path) -> tuple[list[dict], list[str]]:
    recs, errs = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errs.append(f"{path}:{n}: not JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            errs.append(f"{path}:{n}: not an object")
            continue
        rec.setdefault("_where", f"{path}:{n}")
        recs.append(rec)
    return recs, errs


def _seed_grams(seed_dir: Path, n: int = 20) -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt")))
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def check(paths: list[Path], seed_dir: Path | None = None) -> tuple[list[str], dict]:
    """Check the JSONL files in ``paths`` (a folder: its split files, not the logs in qc/);
    return (problems, counts)."""
    files = []
    for p in paths:
        # The qc/ logs are JSONL too, but their lines are decisions about records, not records.
        files.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    problems: list[str] = []
    records: list[dict] = []
    for f in files:
        recs, errs = read_jsonl(f)
        problems += errs
        for r in recs:
            r["_file"] = f
        records += recs
    by_id: dict[str, dict] = {}
    for r in records:
        for p in problems_in_record(r):
            problems.append(f"{r['_where']}: {r.get('id')}: {p}")
        rid = r.get("id")
        if rid in by_id:
            problems.append(f"{r['_where']}: duplicate id {rid}")
        by_id[rid] = r
    for r in records:
        for link in ("repeat_of", "lookalike_of"):
            target = r.get(link)
            if target is None:
                continue
            if target not in by_id:
                problems.append(f"{r['_where']}: {link} {target!r} is not an id in the corpus")
            elif by_id[target].get("split") != r.get("split"):
                problems.append(f"{r['_where']}: {link} {target} is in another split")
    if seed_dir is not None and seed_dir.is_dir():
        grams = _seed_grams(seed_dir)
        for r in records:
            t = r.get("text") or ""
            if any(t[i:i + 20] in grams for i in range(len(t) - 19)):
                problems.append(f"{r['_where']}: {r.get('id')}: copies 20+ characters from the seeds")
    counts = {
        "total": len(records),
        "category": Counter(r.get("category") for r in records),
        "register": Counter(r.get("register") for r in records),
        "split": Counter(r.get("split", "-") for r in records),
        "tags": Counter(t for r in records for t in r.get("tags", [])),
        "flags": Counter(t for r in records for t in r.get("flags", [])),
        "repeat_pairs": sum(1 for r in records if r.get("repeat_of")),
        "lookalike_pairs": sum(1 for r in records if r.get("lookalike_of")),
        "with_extraction_gold": sum(1 for r in records if any(f in r for f in SPAN_FIELDS)),
    }
    return problems, counts


FIELD_ORDER = ("id", "split", "register", "county", "text", "category", "tags", "flags",
               *SPAN_FIELDS, "repeat_of", "lookalike_of", "note", "qc")
DEV_FRACTION = 0.15


def _dev_group(key: str) -> bool:
    import hashlib

    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF < DEV_FRACTION


def assemble(raw: Path, out: Path, test_prefix: str = "t") -> dict:
    """Write ``train/dev/test.jsonl`` from the writers' folders under ``raw``.

    Folders whose name starts with ``test_prefix`` are the test split (written by other hands);
    the rest is split train/dev by a hash of each record's *group* — a record and everything it
    is a repeat or look-alike of — so that pairs never straddle two splits. Re-check decisions in
    ``raw/../qc/*_recheck.jsonl`` replace the writer's category/tags/flags where they differ and
    are recorded in the record's ``qc`` field.
    """
    records = []
    for folder in sorted(p for p in raw.iterdir() if p.is_dir()):
        for f in sorted(folder.glob("*.jsonl")):
            recs, errs = read_jsonl(f)
            if errs:
                raise SystemExit("\n".join(errs))
            for r in recs:
                r.pop("_where", None)
                r["split"] = "test" if folder.name.startswith(test_prefix) else None
            records += recs
    qc = {}
    for f in sorted((raw.parent / "qc").glob("*_recheck.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                qc[d["id"]] = d
    changed = Counter()
    for r in records:
        d = qc.get(r["id"])
        if d and d.get("changed"):
            for fld in d["changed"]:
                r[fld] = d[fld]
                changed[fld] += 1
            r["qc"] = {"changed": d["changed"], "reason": d.get("reason", "")}
    parent = {r["id"]: r["id"] for r in records}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in records:
        for link in ("repeat_of", "lookalike_of"):
            if r.get(link) in parent:
                parent[find(r["id"])] = find(r[link])
    for r in records:
        if r["split"] is None:
            r["split"] = "dev" if _dev_group(find(r["id"])) else "train"
    out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        rows = [{k: r.get(k) for k in FIELD_ORDER if k in r or k in ("note",)}
                for r in records if r["split"] == split]
        for row in rows:
            if row.get("qc") is None:
                row.pop("qc", None)
        (out / f"{split}.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return {"records": len(records), "qc_records": len(qc), "qc_changed": dict(changed),
            "splits": dict(Counter(r["split"] for r in records))}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["assemble"] and len(argv) == 3:
        print(json.dumps(assemble(Path(argv[1]), Path(argv[2])), ensure_ascii=False))
        return 0
    if not argv or argv[0] != "check" or len(argv) < 2:
        print("usage: python -m xfnlp.corpus check PATH... | assemble RAW_DIR OUT_DIR",
              file=sys.stderr)
        return 2
    here = Path(argv[1]).resolve()
    seeds = next((p / "shared" / "seeds" for p in here.parents if (p / "shared" / "seeds").is_dir()), None)
    problems, counts = check([Path(a) for a in argv[1:]], seeds)
    for p in problems:
        print(p)
    print(f"{counts['total']} records, {len(problems)} problems")
    for key in ("category", "register", "split", "tags", "flags"):
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts[key].items(), key=str)))
    print(f"repeat pairs {counts['repeat_pairs']}, look-alike pairs {counts['lookalike_pairs']}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
