"""`xfnlp tag`: the record it writes, input order, per-letter errors that never stop a batch."""

from __future__ import annotations

import json

from click.testing import CliRunner

from xfnlp.cli import main
from xfnlp.pipeline import CATEGORY_ZH

KEYS = {"id", "source", "category", "category_zh", "domain", "confidence", "needs_review", "scores",
        "tags", "flags", "townships", "villages", "petitioners", "respondents", "areas", "money",
        "dates", "phones", "id_numbers", "text", "error"}


def tag(*args, input=None):
    r = CliRunner().invoke(main, ["tag", "--format", "jsonl", *args], input=input)
    return r, [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]


def test_record_has_every_key_and_valid_values(files):
    r, recs = tag(str(files / "letters.jsonl"))
    assert r.exit_code == 0
    assert [x["id"] for x in recs] == ["a1", ""]
    for rec in recs:
        assert set(rec) == KEYS
        assert rec["category"] in CATEGORY_ZH and rec["category_zh"] == CATEGORY_ZH[rec["category"]]
        assert rec["domain"] in ("涉土", "涉矿", "其它")
        assert 0 <= rec["confidence"] <= 1 and rec["error"] is None
        assert abs(sum(rec["scores"].values()) - 1) < 1e-3
        for f in rec["tags"] + rec["flags"]:
            if f["start"] is not None:
                assert rec["text"][f["start"]:f["end"]] == f["evidence"]


def test_explain_adds_five_features():
    r, [rec] = tag("--explain", input="村里砂场半夜偷采河砂，大货车拉砂把路都压坏了")
    assert 1 <= len(rec["explanation"]) <= 5
    assert all(e["feature"] and e["weight"] > 0 for e in rec["explanation"])


def test_bad_letters_are_per_letter_errors_and_the_batch_goes_on(tmp_path):
    big = "违法占地" * 520_000                      # about 2 MB of text in one letter
    p = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "ok1", "text": "举报邻居占用耕地建房"}),
             json.dumps({"id": "empty", "text": "   "}),
             json.dumps({"id": "huge", "text": big}),
             "\x00\x01\x02garbage\xff",
             json.dumps({"id": "junk", "text": "\x01\x02\x03\x04\x05\x06\x07\x08" * 10}),
             json.dumps({"id": "ok2", "text": "咨询宅基地证怎么补办"})]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r, recs = tag(str(p))
    assert r.exit_code == 1
    assert [x["id"] for x in recs] == ["ok1", "empty", "huge", "", "junk", "ok2"]
    assert [x["error"] is None for x in recs] == [True, False, False, False, False, True]
    assert recs[1]["error"] == f"{p}:2: no 'text' text"
    assert "2,080,000 characters, over the 200,000 limit" in recs[2]["error"]
    assert recs[3]["error"].startswith(f"{p}:4: line is not JSON")
    assert recs[4]["error"] == f"{p}:5: not readable text (binary data?)"
    assert "Traceback" not in r.output


def test_table_format_for_people():
    r = CliRunner().invoke(main, ["tag", "--format", "table"], input="村支书私自把集体土地卖给外村人")
    cols = r.output.rstrip("\n").split("\t")
    assert cols[0] == "stdin" and cols[1] in CATEGORY_ZH.values() and len(cols) == 4
