"""Ledgers: header aliases, title rows, merged cells, dates, tagging output, jobs, repeats."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from xfnlp.cli import main
from xfnlp.errors import InputError
from xfnlp.ledger.repeats import detect_repeats, evaluate_repeats, identity_keys
from xfnlp.ledger.rows import canonical_column, parse_cell_date, read_ledger
from xfnlp.ledger.tagging import ADDED_COLUMNS, ERROR_SHEET, analyze_ledger, write_tagged
from xfnlp.profile import parse_profile

from conftest import REPO, make_xlsx

TEXTS = ["邻居在我家承包田里建房，占了三分多地，请求拆除", "砂场老板夜里偷采河砂，河堤都挖塌了",
         "村支书私自把组里的集体土地租给外地老板", "我家的不动产权证办了半年还没下来",
         "征地补偿款被村里扣了一部分，要求足额发放", "小区物业乱收停车费"]


def ledger_rows(n: int, broken_every: int = 0):
    rows = [["淮安区自然资源和规划局信访台帐"], ["填报单位：信访室", None, None, "2023年"],
            ["序号", "来信日期", "信访来源", "信访形式", "信访人姓名", "所属乡镇", "反映问题",
             "办结情况", "办结时间"]]
    for i in range(n):
        date = dt.date(2023, 1, 1) + dt.timedelta(days=(i * 7) % 360)
        row = [i + 1, date, "本局", "来信", f"张{i % 50}", "车桥镇", TEXTS[i % len(TEXTS)],
               "已办结" if i % 3 else "办理中", date + dt.timedelta(days=20) if i % 3 else None]
        if broken_every and i % broken_every == 0:
            kind = (i // broken_every) % 3
            if kind == 0:
                row[6] = None                      # empty text
            elif kind == 1:
                row[1] = "2023-02-30"              # impossible date
            else:
                row[6] = "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd#锟斤拷"  # junk
        rows.append(row)
    return rows


@pytest.mark.parametrize("header, canon", [
    ("来访日期", "登记日期"), ("信访人姓名", "信访人"), ("所属乡镇", "乡镇"), ("办结情况", "办理状态"),
    ("群众反映问题摘要", None), ("备注", None),
])
def test_header_aliases(header, canon):
    assert canonical_column(header) == canon


def test_profile_maps_unusual_headers():
    prof = parse_profile({"ledger": {"columns": {"群众反映问题摘要": "内容"}}})
    assert canonical_column("群众反映问题摘要", prof.ledger_columns) == "内容"


@pytest.mark.parametrize("value, want", [
    (45000, dt.date(2023, 3, 15)), ("45000", dt.date(2023, 3, 15)),
    ("2023.3.5", dt.date(2023, 3, 5)), ("2023年03月05日", dt.date(2023, 3, 5)),
    ("2023-03-05", dt.date(2023, 3, 5)), ("20230305", dt.date(2023, 3, 5)),
    (dt.datetime(2023, 3, 5, 0, 0), dt.date(2023, 3, 5)), (None, None), ("", None),
])
def test_dates_as_offices_store_them(value, want):
    assert parse_cell_date(value) == want


@pytest.mark.parametrize("value", ["2023-02-30", "2023.13.01", "不详", 12])
def test_bad_dates_say_why(value):
    with pytest.raises(ValueError):
        parse_cell_date(value)


def test_title_rows_merged_cells_and_serial_dates(tmp_path):
    rows = ledger_rows(4)
    rows[3][1] = 44931                               # an Excel serial: 2023-01-05
    rows[5][5] = None                                # merged with the cell above
    p = make_xlsx(tmp_path / "l.xlsx", rows, merge=["A1:I1", "F5:F6"])
    table, parsed = read_ledger(p)
    assert table.header_row == 3
    assert [r.row for r in parsed] == [4, 5, 6, 7]
    assert parsed[0].date == dt.date(2023, 1, 5)
    assert parsed[2].township == "车桥镇"
    assert [r.status for r in parsed] == ["办理中", "已办结", "已办结", "办理中"]


def test_tagged_ledger_keeps_every_row_and_column(tmp_path):
    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(12), merge=["A1:I1"])
    before = src.read_bytes()
    r = CliRunner().invoke(main, ["tag", str(src), "-o", str(tmp_path / "out.xlsx"),
                                  "--as-of", "2023-12-31"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == (f"tagged 12 of 12 rows, 0 with problems (listed in "
                                         f"sheet/column 行错误) -> {tmp_path / 'out.xlsx'}")
    assert src.read_bytes() == before
    wb = load_workbook(tmp_path / "out.xlsx")
    ws = wb.worksheets[0]
    assert ws["A1"].value == "淮安区自然资源和规划局信访台帐" and "A1:I1" in ws.merged_cells
    header = [c.value for c in ws[3]]
    assert header[:9] == ledger_rows(0)[2]
    assert header[9:] == list(ADDED_COLUMNS)
    assert ws.max_row == 15
    first = {h: c.value for h, c in zip(header, ws[4])}
    assert first["反映问题"] == TEXTS[0] and first["类别"] == "违法占地"
    assert first["受理告知期限"] == "2023-01-16" and first["办结期限"] == "2023-03-17"
    assert first["是否超期"] == "超期"                      # 办理中 and past 2023-03-17
    assert wb[ERROR_SHEET].max_row == 1


def test_refuses_to_overwrite_the_input(tmp_path):
    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(2))
    r = CliRunner().invoke(main, ["tag", str(src), "-o", str(src)])
    assert r.exit_code == 1
    assert r.output == f"Error: {src}: refusing to overwrite the input ledger; choose another -o\n"


def test_ten_percent_broken_rows_lose_no_good_row(tmp_path):
    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(60, broken_every=10))
    res = analyze_ledger(src, as_of=dt.date(2023, 12, 31))
    bad_rows = {i + 4 for i in range(0, 60, 10)}
    assert {row for row, _ in res.row_errors} == bad_rows
    good = [c for c in res.cases if c.row.row not in bad_rows]
    assert len(good) == 54 and all(c.category for c in good)
    messages = dict(res.row_errors)
    assert messages[4] == "no text in 内容"
    assert messages[14] == "登记日期: '2023-02-30' is not a real date"
    assert "not readable" in messages[24]


def test_jobs_give_identical_output(tmp_path):
    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(1200, broken_every=97))
    for jobs in (1, 2):
        res = analyze_ledger(src, jobs=jobs, as_of=dt.date(2023, 12, 31))
        write_tagged(res, tmp_path / f"out{jobs}.jsonl", src)
    assert (tmp_path / "out1.jsonl").read_text() == (tmp_path / "out2.jsonl").read_text()


@pytest.mark.parametrize("damage", ["truncated", "not a zip"])
def test_a_damaged_workbook_gives_the_same_error_with_workers(tmp_path, damage):
    # With --jobs 2 the workbook is read in a thread while the workers start: its errors must
    # reach the clerk just as they do without workers.
    src = make_xlsx(tmp_path / "good.xlsx", ledger_rows(20))
    bad = tmp_path / "bad.xlsx"
    data = src.read_bytes()
    bad.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"not a workbook")
    messages = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as exc:
            analyze_ledger(bad, jobs=jobs, as_of=dt.date(2023, 12, 31))
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{bad}: ") and "\n" not in messages[0]


def test_the_grid_read_in_a_thread_is_the_grid(tmp_path):
    from xfnlp.io.tables import read_grid_in_thread

    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(300, broken_every=37))
    plain = read_ledger(src)
    threaded = read_ledger(src, prefetched=read_grid_in_thread(src)())
    assert plain[0] == threaded[0]
    assert [(r.row, r.text, r.date, r.errors) for r in plain[1]] == \
        [(r.row, r.text, r.date, r.errors) for r in threaded[1]]


@pytest.mark.skipif(os.name == "nt", reason="workers are spawned, not forked, on Windows")
def test_workers_leave_the_callers_garbage_collector_as_it_was(tmp_path):
    # The collector is frozen only while the workers fork: a program that calls analyze_ledger
    # must get its objects collected as before.
    import gc

    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(60))
    before = gc.get_freeze_count()
    res = analyze_ledger(src, jobs=2, as_of=dt.date(2023, 12, 31))
    assert all(c.category for c in res.cases)
    assert gc.get_freeze_count() == before


@pytest.mark.parametrize("rows,jobs", [(0, 2), (49, 2), (1200, 1), (1200, 2), (10_000, 2), (777, 3)])
def test_tasks_cover_every_row_once_and_shrink_towards_the_end(rows, jobs):
    from xfnlp.ledger.tagging import CHUNK, MIN_CHUNK, _chunks

    spans = _chunks(rows, jobs)
    assert [i for a, b in spans for i in range(a, b)] == list(range(rows))
    sizes = [b - a for a, b in spans]
    assert all(s <= CHUNK for s in sizes) and all(s >= MIN_CHUNK for s in sizes[:-1])
    if jobs > 1 and rows > 4 * jobs * CHUNK:
        assert sizes[0] == CHUNK and sizes[-1] < CHUNK / 4        # big tasks first, small ones last
        assert sizes == sorted(sizes, reverse=True)


def test_progress_is_reported_as_tagged_rows_come_in(tmp_path):
    src = make_xlsx(tmp_path / "l.xlsx", ledger_rows(1200, broken_every=97))
    for jobs in (1, 2):
        calls = []
        analyze_ledger(src, jobs=jobs, as_of=dt.date(2023, 12, 31),
                       progress=lambda done, total: calls.append((done, total)))
        totals = {t for _, t in calls}
        assert len(totals) == 1 and calls[-1][0] == calls[-1][1] == totals.pop()
        assert [d for d, _ in calls] == sorted(d for d, _ in calls) and len(calls) > 1


def test_cli_progress_bar_only_for_long_ledgers(capsys):
    from xfnlp.cli.tag import _ProgressBar

    small = _ProgressBar()
    small(100, 400)
    assert small.bar is None
    big = _ProgressBar()
    big(500, 2000)
    big(2000, 2000)
    assert big.bar is not None and big.bar.pos == 2000
    big.close()
    assert big.bar is None and capsys.readouterr().out == ""    # stdout stays for the results


def test_csv_and_jsonl_outputs(tmp_path):
    src = tmp_path / "l.csv"
    src.write_text("编号,登记日期,信访人,内容\n1,2023-03-05,王五,邻居占我家耕地建房\n2,2023-03-06,,\n",
                   encoding="utf-8")
    res = analyze_ledger(src, as_of=dt.date(2023, 12, 31))
    write_tagged(res, tmp_path / "o.csv", src)
    lines = (tmp_path / "o.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("行号,编号,登记日期,信访人,内容,类别")
    assert lines[2].endswith("no text in 内容")
    write_tagged(res, tmp_path / "o.jsonl", src)
    recs = [json.loads(l) for l in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert recs[0]["ledger"]["信访人"] == "王五" and recs[0]["category"] == "illegal_land_use"
    assert recs[1]["row_error"] == "no text in 内容"


def test_repeats_need_the_same_person_and_the_same_matter():
    items = [({"name:刘长福"}, "邻居在我家承包田里建房占了三分地", "illegal_land_use"),
             ({"name:王顺河"}, "邻居在我家承包田里建房占了三分地", "illegal_land_use"),
             ({"name:刘长福"}, "上次反映邻居在承包田里建房的事至今没人处理，房子还在", "illegal_land_use"),
             ({"name:刘长福"}, "咨询我家宅基地证怎么补办", "certificate")]
    assert [j for j, _ in detect_repeats(items)] == [None, None, 0, None]


def test_identity_keys():
    assert identity_keys(["王顺河、李四等", "城南村村民"], ["139-0517-1234"], []) == {
        "name:王顺河", "name:李四", "phone:13905171234"}
    assert identity_keys(["张某"], [], []) == set()        # a masked name identifies nobody


def test_repeat_detection_on_the_corpus_training_pairs():
    recs = [json.loads(l) for l in (REPO / "corpus" / "train.jsonl").read_text().splitlines()]
    m = evaluate_repeats(recs, keys_from="gold")
    assert m["pairs"] >= 40
    assert m["precision"] >= 0.9 and m["recall"] >= 0.85
    assert m["lookalikes_linked"] <= 2


def test_respondent_cell_marks_the_ones_the_model_doubts():
    from xfnlp.ledger.rows import LedgerRow
    from xfnlp.ledger.tagging import Case, added_values
    from xfnlp.pipeline import analyze_record

    rec = analyze_record("村支书王某把组里的地卖给外地老板，村会计说这事他管不了")
    # The record's own respondents, then the same record with two scores set either side of 0.5.
    scored = dict(rec, respondents=[{"start": 0, "end": 5, "text": "村支书王某", "score": 0.97},
                                    {"start": 17, "end": 20, "text": "村会计", "score": 0.31},
                                    {"start": 30, "end": 33, "text": "村会计", "score": 0.31}])
    col = ADDED_COLUMNS.index("被反映人")
    row = LedgerRow(row=4, values=[])
    assert added_values(Case(row, scored))[col] == "村支书王某、村会计（待核）"
    want = "、".join(dict.fromkeys(s["text"] + ("（待核）" if s["score"] < 0.5 else "")
                                   for s in rec["respondents"]))
    assert rec["respondents"] and added_values(Case(row, rec))[col] == want
