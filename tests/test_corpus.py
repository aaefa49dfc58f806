"""The corpus: schema, ids, spans, label values, splits, and the datasheet's counts."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from xfnlp.corpus import assemble, check

from conftest import REPO, SHARED

CORPUS = REPO / "corpus"
SPLITS = ("train", "dev", "test")


def records():
    return [json.loads(l) for s in SPLITS
            for l in (CORPUS / f"{s}.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]


def test_corpus_check_passes():
    seeds = SHARED / "seeds" if (SHARED / "seeds").is_dir() else None
    problems, counts = check([CORPUS / f"{s}.jsonl" for s in SPLITS], seeds)
    assert problems == []
    assert counts["total"] >= 1200


def test_corpus_check_of_the_folder_reads_the_splits_not_the_qc_logs():
    # The datasheet's command: `python -m xfnlp.corpus check corpus/`.
    problems, counts = check([CORPUS])
    assert problems == []
    assert counts == check([CORPUS / f"{s}.jsonl" for s in sorted(SPLITS)])[1]


def test_every_record_fits_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads((CORPUS / "schema.json").read_text()))
    bad = [(r["id"], e.message) for r in records() for e in validator.iter_errors(r)]
    assert bad == []


def test_sizes_the_issue_asks_for():
    recs = records()
    cats = Counter(r["category"] for r in recs)
    assert all(n >= 150 for n in cats.values()) and cats["other"] >= 200
    regs = Counter(r["register"] for r in recs)
    assert all(n / len(recs) >= 0.15 for n in regs.values())
    assert sum(r["split"] == "test" for r in recs) >= 250
    assert sum(bool(r.get("repeat_of")) for r in recs) >= 60
    assert sum(bool(r.get("lookalike_of")) for r in recs) >= 60


def test_splits_are_disjoint_and_in_their_files():
    seen = {}
    for s in SPLITS:
        for line in (CORPUS / f"{s}.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            assert r["split"] == s
            assert r["id"] not in seen
            seen[r["id"]] = s
    # The test split is written by other hands: its id prefix is never used in train or dev.
    assert {i[0] for i, s in seen.items() if s == "test"} == {"t"}
    assert {i[0] for i, s in seen.items() if s != "test"} == {"w"}


def test_test_split_register_mix_is_close_to_the_whole():
    recs = records()
    whole = Counter(r["register"] for r in recs)
    test = Counter(r["register"] for r in recs if r["split"] == "test")
    n_test = sum(test.values())
    for reg, n in whole.items():
        assert abs(test[reg] / n_test - n / len(recs)) < 0.05


def test_datasheet_counts_match_the_files():
    table = re.findall(r"^\| (train|dev|test) \| (\w+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$",
                       (CORPUS / "README.md").read_text(encoding="utf-8"), re.M)
    assert len(table) == 18
    c = Counter((r["split"], r["category"], r["register"]) for r in records())
    for split, cat, *nums in table:
        got = [c[(split, cat, reg)] for reg in ("letter", "visit", "online", "forwarded")]
        assert got + [sum(got)] == [int(x) for x in nums], (split, cat)


def test_assemble_keeps_pairs_in_one_split_and_applies_the_recheck(tmp_path):
    raw = tmp_path / "raw"
    base = {"register": "letter", "category": "other", "tags": [], "flags": []}
    for folder, ids in (("w1", range(1, 41)), ("t1", range(1, 3))):
        (raw / folder).mkdir(parents=True)
        recs = []
        for i in ids:
            rec = dict(base, id=f"{folder}-{i:04d}", text=f"第{i}封信")
            if folder == "w1" and i > 1:
                rec["repeat_of"] = f"w1-{i - 1:04d}"   # one chain: all must share a split
            recs.append(json.dumps(rec, ensure_ascii=False))
        (raw / folder / "01.jsonl").write_text("\n".join(recs) + "\n", encoding="utf-8")
    (tmp_path / "qc").mkdir()
    (tmp_path / "qc" / "x_recheck.jsonl").write_text(json.dumps(
        {"id": "t1-0002", "category": "mining", "tags": [], "flags": [], "changed": ["category"],
         "reason": "采砂"}, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = assemble(raw, tmp_path / "out")
    assert summary["qc_changed"] == {"category": 1}
    train = (tmp_path / "out" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    dev = (tmp_path / "out" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted([len(train), len(dev)]) == [0, 40]
    test = [json.loads(l) for l in (tmp_path / "out" / "test.jsonl").read_text().splitlines()]
    assert test[1]["category"] == "mining" and test[1]["qc"]["reason"] == "采砂"
