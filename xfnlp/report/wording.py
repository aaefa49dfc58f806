"""Year-over-year wording in the register of annual summaries.

Counts: 增加/减少 N 件 and 上升/下降 X.X%; 新增 when last year had none; 持平 when equal.
Rates: 提高/下降 X.X 个百分点, or 持平.

>>> count_change(12, 10), count_change(8, 10), count_change(3, 0), count_change(5, 5)
('增加2件，上升20.0%', '减少2件，下降20.0%', '新增3件（上年为0）', '持平')
>>> rate_change("95.5", "90.0"), rate_change("90.0", "90.0")
('提高5.5个百分点', '持平')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .aggregate import pct


def count_change(cur: int, prev: int, unit: str = "件") -> str:
    if cur == prev:
        return "持平"
    if prev == 0:
        return f"新增{cur}{unit}（上年为0）"
    d = cur - prev
    word, verb = ("增加", "上升") if d > 0 else ("减少", "下降")
    return f"{word}{abs(d)}{unit}，{verb}{pct(abs(d), prev)}%"


def rate_change(cur: str, prev: str) -> str:
    d = (Decimal(cur) - Decimal(prev)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if d == 0:
        return "持平"
    return f"{'提高' if d > 0 else '下降'}{abs(d)}个百分点"


def with_previous(cur: int, prev: int | None, unit: str = "件") -> str:
    """'（上年8件，增加2件，上升25.0%）' or '' when there is no previous year."""
    if prev is None:
        return ""
    ch = count_change(cur, prev, unit)
    return f"（上年{prev}{unit}，{ch}）" if ch != "持平" else f"（上年{prev}{unit}，持平）"
