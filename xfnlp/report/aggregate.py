"""One aggregation of a year's tagged ledger: every figure the report states comes from here.

The parts are counted so that they add up by construction: each case has exactly one category,
one domain and one source, so the category counts, the domain counts and the source counts each
sum to the total; local receipts are split by method (来信/来访/来电/网上) and sum to 本局.

>>> pct(1, 3), pct(2, 3), pct(1, 8)
('33.3', '66.7', '12.5')
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CATEGORIES = ("illegal_land_use", "land_transfer", "certificate", "mining", "dispute", "other")
DOMAINS = ("涉土", "涉矿", "其它")
SOURCES = ("省交办", "市交办", "县交办", "12336", "网络", "本局")
METHODS = ("来信", "来访", "来电", "网上")
FLAGS = ("集体访", "越级访风险", "重复访", "极端言论")
TAGS = ("征地补偿", "宅基地", "耕地保护", "涉及干部")
BOTTOM = 10            # "后十位": the ten townships with the most petitions in a month
RUN_MONTHS = 3         # … three months running → 重点管理


def pct(part: int, whole: int) -> str:
    """``part/whole`` as a percentage with one decimal, rounded half-up (not banker's)."""
    if not whole:
        return "0.0"
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass
class YearStats:
    year: int
    as_of: dt.date
    total: int = 0
    domain: dict = field(default_factory=dict)
    category: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    local_method: dict = field(default_factory=dict)   # 本局: 来信/来访/来电/网上 (件)
    visit_people: int = 0                              # 本局来访人次
    closed: int = 0
    open: int = 0
    replied: int = 0
    rated: int = 0
    satisfied: int = 0
    flags: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    townships: Counter = field(default_factory=Counter)
    monthly: dict = field(default_factory=dict)        # month -> Counter(township)
    key_townships: list = field(default_factory=list)  # (township, [months])
    overdue: list = field(default_factory=list)        # cases still open past their deadline
    cases: list = field(default_factory=list)
    excluded: list = field(default_factory=list)       # (row, reason) rows not counted

    @property
    def closed_rate(self) -> str:
        return pct(self.closed, self.total)

    @property
    def reply_rate(self) -> str:
        return pct(self.replied, self.total)

    @property
    def satisfaction_rate(self) -> str:
        return pct(self.satisfied, self.rated)


def _method(case) -> str:
    m = case.row.method
    return {"电话": "来电"}.get(m, m) if m in ("来信", "来访", "电话", "网上") else "来信"


def monthly_ranks(counter: Counter) -> dict:
    """Rank 1 = most petitions; ties share a rank (1 + how many have strictly more)."""
    return {t: 1 + sum(1 for v in counter.values() if v > n) for t, n in counter.items() if n > 0}


def key_townships(monthly: dict, bottom: int = BOTTOM, run: int = RUN_MONTHS) -> list:
    """Townships ranked in the bottom ``bottom`` (most petitions) ``run`` months running.

    >>> from collections import Counter
    >>> m = {1: Counter(A=3, B=1), 2: Counter(A=2), 3: Counter(A=1, B=1), 4: Counter(B=2)}
    >>> key_townships(m, bottom=1)
    [('A', [1, 2, 3])]
    """
    towns = sorted({t for c in monthly.values() for t in c})
    out = []
    for t in towns:
        best, cur = [], []
        for month in range(1, 13):
            ranks = monthly_ranks(monthly.get(month, Counter()))
            if t in ranks and ranks[t] <= bottom:
                cur.append(month)
                if len(cur) > len(best):
                    best = list(cur)
            else:
                cur = []
        if len(best) >= run:
            out.append((t, best))
    return out


def aggregate(cases, year: int | None = None, as_of: dt.date | None = None) -> YearStats:
    """Count the year's cases. Cases without a category or a registration date in ``year`` are
    not counted and are listed in ``excluded``. ``year`` defaults to the most common year."""
    dated = [c for c in cases if c.row.date]
    if year is None:
        years = Counter(c.row.date.year for c in dated)
        year = years.most_common(1)[0][0] if years else dt.date.today().year
    as_of = as_of or dt.date(year, 12, 31)
    s = YearStats(year=year, as_of=as_of)
    s.domain = dict.fromkeys(DOMAINS, 0)
    s.category = dict.fromkeys(CATEGORIES, 0)
    s.source = dict.fromkeys(SOURCES, 0)
    s.local_method = dict.fromkeys(METHODS, 0)
    s.flags = dict.fromkeys(FLAGS, 0)
    s.tags = dict.fromkeys(TAGS, 0)
    for c in cases:
        if not c.category:
            s.excluded.append((c.row.row, "not tagged: " + ("; ".join(c.row.errors) or "no text")))
            continue
        if not c.row.date:
            s.excluded.append((c.row.row, "no usable 登记日期"))
            continue
        if c.row.date.year != year:
            continue
        s.cases.append(c)
        s.total += 1
        rec = c.record
        cat = c.category if c.category in s.category else "other"
        s.category[cat] += 1
        s.domain[rec["domain"] if rec["domain"] in s.domain else "其它"] += 1
        src = c.row.source if c.row.source in s.source else "本局"
        s.source[src] += 1
        if src == "本局":
            m = _method(c)
            s.local_method[m] += 1
            if m == "来访":
                s.visit_people += max(1, c.row.people or 1)
        if c.row.status == "已办结" and (not c.row.closed or c.row.closed <= as_of):
            s.closed += 1
        else:
            s.open += 1
            if c.handle_by and c.handle_by < as_of:
                s.overdue.append(c)
        if c.row.replied or c.row.status == "已办结":
            s.replied += 1
        if c.row.satisfied is not None:
            s.rated += 1
            s.satisfied += bool(c.row.satisfied)
        for f in c.flag_names:
            if f in s.flags:
                s.flags[f] += 1
        for t in {t["name"] for t in rec["tags"]}:
            if t in s.tags:
                s.tags[t] += 1
        town = c.township
        if town:
            s.townships[town] += 1
            s.monthly.setdefault(c.row.date.month, Counter())[town] += 1
    s.key_townships = key_townships(s.monthly)
    s.overdue.sort(key=lambda c: (c.handle_by, c.row.row))
    return s
