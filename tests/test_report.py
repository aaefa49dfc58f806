"""The report: aggregation sums, YoY wording, ranking rule, and check() on its own output."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from xfnlp.ledger.rows import LedgerRow
from xfnlp.ledger.tagging import Case
from xfnlp.pipeline import CATEGORY_DOMAIN
from xfnlp.report.aggregate import CATEGORIES, SOURCES, aggregate, key_townships, pct
from xfnlp.report.check import check_text
from xfnlp.report.narrative import report_markup
from xfnlp.report.wording import count_change, rate_change

from conftest import SHARED

TOWNS = [f"{n}镇" for n in "东南西北中上下前后左右新旧甲乙丙"]
METHODS = ["来信", "来访", "电话", "网上"]
SOURCE_TEXT = {"省交办": "省信访局交办", "市交办": "市信访局", "县交办": "县委交办", "12336": "12336",
               "网络": "12345热线", "本局": ""}


def fake_cases(seed: int, year: int, n: int | None = None) -> list[Case]:
    """A year of cases with random categories, sources, methods, statuses and flags."""
    rng = random.Random(seed)
    n = rng.randint(0, 300) if n is None else n
    cases = []
    for i in range(n):
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        cat = rng.choice(CATEGORIES)
        src = rng.choice(SOURCES)
        closed = rng.random() < 0.8
        row = LedgerRow(row=i + 3, values=[], id=str(i + 1), date=date, source=src,
                        method=rng.choice(METHODS), people=rng.choice([None, 1, 2, 6, 30]),
                        township=rng.choice(TOWNS + [""]), text="某某反映问题。",
                        status="已办结" if closed else "办理中",
                        closed=date + dt.timedelta(days=rng.randint(1, 90)) if closed else None,
                        replied=date if rng.random() < 0.5 else None,
                        satisfied=rng.choice([None, True, False]))
        rec = {"category": cat, "domain": CATEGORY_DOMAIN[cat], "confidence": rng.random(),
               "error": None, "text": f"第{i}件：村民反映承包地问题，电话13905171234。",
               "tags": [{"name": t} for t in rng.sample(["征地补偿", "宅基地", "耕地保护", "涉及干部"],
                                                        rng.randint(0, 2))],
               "flags": [{"name": f} for f in rng.sample(["集体访", "越级访风险", "极端言论"],
                                                         rng.randint(0, 2))],
               "townships": []}
        cases.append(Case(row=row, record=rec, handle_by=date + dt.timedelta(days=75),
                          repeat_of=3 if rng.random() < 0.05 else None))
    return cases


@pytest.mark.parametrize("seed", range(200))
def test_check_finds_nothing_wrong_in_any_generated_report(seed):
    rng = random.Random(seed)
    cur = aggregate(fake_cases(seed, 2023), 2023)
    prev = aggregate(fake_cases(seed + 1000, 2022), 2022) if rng.random() < 0.7 else None
    text = report_markup(cur, prev)
    assert check_text(text) == [], text


def test_check_catches_what_a_wrong_report_says():
    cur = aggregate(fake_cases(7, 2023, 120), 2023)
    prev = aggregate(fake_cases(8, 2022, 100), 2022)
    good = report_markup(cur, prev)
    wrong_total = good.replace(f"共受理各类信访{cur.total}件", f"共受理各类信访{cur.total + 1}件", 1)
    assert {f.rule for f in check_text(wrong_total)} >= {"total-parts"}
    rate = f"办结率{cur.closed_rate}%"
    # The wrong rate breaks its own arithmetic and its comparison with last year.
    assert [f.rule for f in check_text(good.replace(rate, "办结率99.9%"))] == ["closed-rate",
                                                                            "yoy-points"]


def test_aggregation_parts_always_sum_to_the_total():
    for seed in range(30):
        s = aggregate(fake_cases(seed, 2023), 2023)
        assert sum(s.category.values()) == sum(s.domain.values()) == sum(s.source.values()) == s.total
        assert sum(s.local_method.values()) == s.source["本局"]
        assert s.closed + s.open == s.total
        assert s.replied <= s.total and s.satisfied <= s.rated


def test_cases_outside_the_year_or_untagged_are_not_counted():
    cases = fake_cases(1, 2023, 10) + fake_cases(2, 2022, 5)
    cases[0].record = None
    cases[1].row.date = None
    s = aggregate(cases, 2023)
    assert s.total == 8
    assert [r for r, _ in s.excluded] == [3, 4]


@pytest.mark.parametrize("cur, prev, want", [
    (12, 10, "增加2件，上升20.0%"),
    (8, 10, "减少2件，下降20.0%"),
    (3, 0, "新增3件（上年为0）"),
    (0, 4, "减少4件，下降100.0%"),
    (5, 5, "持平"),
    (0, 0, "持平"),
    (1, 3, "减少2件，下降66.7%"),
    (7, 6, "增加1件，上升16.7%"),
])
def test_count_change_wording(cur, prev, want):
    assert count_change(cur, prev) == want


@pytest.mark.parametrize("cur, prev, want", [
    ("95.5", "90.0", "提高5.5个百分点"), ("80.0", "85.3", "下降5.3个百分点"), ("90.0", "90.0", "持平"),
])
def test_rate_change_wording(cur, prev, want):
    assert rate_change(cur, prev) == want


def test_percentages_round_half_up():
    assert [pct(1, 8), pct(1, 16), pct(5, 16), pct(0, 0)] == ["12.5", "6.3", "31.3", "0.0"]


def test_three_months_in_the_bottom_ten_names_a_township():
    # Twelve townships; A is among the ten with the most petitions in Mar, Apr and May only.
    monthly = {}
    for m in range(1, 13):
        c = Counter({f"T{i}": 5 for i in range(11)})
        c["A"] = 6 if m in (3, 4, 5) else 1
        monthly[m] = c
    assert ("A", [3, 4, 5]) in key_townships(monthly)
    monthly[4]["A"] = 1
    assert "A" not in dict(key_townships(monthly))


def test_ties_share_a_rank():
    monthly = {m: Counter({f"T{i}": 2 for i in range(12)}) for m in (1, 2, 3)}
    # Twelve townships tied at rank 1: all are "in the bottom ten".
    assert len(key_townships(monthly)) == 12


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is not beside the checkout")
def test_check_finds_the_seed_summary_errors():
    from xfnlp.report.check import check_file

    seed = next((SHARED / "seeds").glob("000_*.txt"))
    found = check_file(seed)
    assert [f.rule for f in found] == ["total-parts", "breakdown", "rate-range"]
    assert found[0].arithmetic == "122+3+2 = 127, not 137"
    assert found[1].arithmetic == "5+12023+15+3+6+1 = 12053, but the total is 137"
