"""``xfnlp check``: find the statistical statements of a report that do not add up.

It reads what such reports say and redoes the arithmetic:

* a total and its parts in brackets — 共受理137件（涉土122件，涉矿3件，其它2件）;
* a breakdown after 分为 / 其中 — the parts of the latest total (其中 lists of three or more parts
  must add up to it; any 其中 part list must not exceed it);
* rates — no rate over 100%; 办结率 from 除…N件外，其余M件均已办结; 回复率 from 答复N件;
  满意率 from 评价N件，其中满意M件;
* year-over-year claims — 12件（上年10件，增加2件，上升20.0%）; 比上年增加2件，上升X%;
  办结率A%（上年B%，提高C个百分点）; a count cannot fall by more than 100%.

Percentages are compared at the precision the report writes them, rounded half-up.

>>> [f.rule for f in check_text("全年共受理137件（涉土122件，涉矿3件，其它2件）。回复率20230%。")]
['total-parts', 'rate-range']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..errors import InputError

NUM = r"(\d+(?:\.\d+)?)"
_COUNT = re.compile(r"(\d+)(?:件次|件|批|起)")
_TOTAL = re.compile(r"(?:共|合计|总计|总量|全年受理|全年共)[^。；，,（(]{0,20}?(\d+)(?:件次|件|起)")
_PAREN = re.compile(r"[（(]([^（）()]*)[）)]")
_SENT = re.compile(r"[^。！？\n]+[。！？]?")


@dataclass
class Finding:
    rule: str
    sentence: str
    arithmetic: str

    def __str__(self) -> str:
        s = self.sentence if len(self.sentence) <= 120 else self.sentence[:117] + "…"
        return f"{self.arithmetic}\n    「{s}」"


def _round(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _pct_ok(stated: str, part: int, whole: int) -> bool:
    if whole == 0:
        return Decimal(stated) == 0
    places = len(stated.split(".")[1]) if "." in stated else 0
    return _round(Decimal(part) * 100 / Decimal(whole), places) == Decimal(stated)


def _top_level(text: str) -> str:
    """``text`` with bracketed parts removed (their numbers are not parts of this level)."""
    out, depth = [], 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _counts(text: str) -> list[int]:
    return [int(m.group(1)) for m in _COUNT.finditer(text)]


def _sentences(text: str) -> list[str]:
    return [m.group(0).strip() for m in _SENT.finditer(text) if m.group(0).strip()]


def check_text(text: str) -> list[Finding]:
    """Every statement of ``text`` whose arithmetic is wrong."""
    from ..text import normalize

    # A line break that does not end a sentence is a page or layout break inside it.
    text = re.sub(r"(?<![。！？：:；;\n])\n(?!\n)", "", normalize(text))
    out: list[Finding] = []
    total: int | None = None
    for sent in _sentences(text):
        top = _top_level(sent)
        m_total = _TOTAL.search(top)
        local_total = int(m_total.group(1)) if m_total else None
        # Bracketed parts of a count: 137件（涉土122件，涉矿3件，其它2件）
        for m in re.finditer(r"(\d+)(?:件次|件|批|起)[）)]?\s*[（(]([^（）()]*)[）)]", sent):
            inner = m.group(2)
            if "上年" in inner or "去年" in inner or "同比" in inner:
                continue
            parts = [int(x.group(1)) for x in re.finditer(r"(\d+)(?:件次|件|批|起)", inner)]
            if len(parts) >= 2 and sum(parts) != int(m.group(1)):
                out.append(Finding("total-parts", sent,
                                   f"{'+'.join(map(str, parts))} = {sum(parts)}, not {m.group(1)}"))
        # Breakdowns after 分为 / 其中, of this sentence's total or the latest one.
        for word in ("分为", "分别为", "其中"):
            k = top.find(word)
            if k < 0:
                continue
            whole = local_total if local_total is not None and top.find(m_total.group(0)) < k else total
            parts = _counts(top[k:])
            if whole is None or not parts:
                continue
            s = sum(parts)
            exhaustive = word != "其中" or len(parts) >= 3
            if s > whole or (exhaustive and s != whole):
                out.append(Finding("breakdown", sent,
                                   f"{'+'.join(map(str, parts))} = {s}, but the total is {whole}"))
            break
        out.extend(_rates(sent, local_total if local_total is not None else total))
        out.extend(_yoy(sent, local_total))
        if local_total is not None:
            total = local_total
    return out


def _rates(sent: str, total: int | None) -> list[Finding]:
    out = []
    for m in re.finditer(r"([\u4e00-\u9fff]{1,4}率)" + NUM + "%", sent):
        if Decimal(m.group(2)) > 100:
            out.append(Finding("rate-range", sent, f"{m.group(1)} {m.group(2)}% is over 100%"))
    m = re.search(r"除[^，。；]*?(\d+)件外，其余(\d+)件均?已?办结，办结率" + NUM + "%", sent)
    if m:
        o, c = int(m.group(1)), int(m.group(2))
        if total is not None and o + c != total:
            out.append(Finding("closed", sent, f"{o}+{c} = {o + c}, but the total is {total}"))
        if total and not _pct_ok(m.group(3), c, total):
            out.append(Finding("closed-rate", sent, f"{c}/{total} is not {m.group(3)}%"))
    m = re.search(r"(?:答复|回复)(\d+)件，回复率" + NUM + "%", sent)
    if m and total and not _pct_ok(m.group(2), int(m.group(1)), total):
        out.append(Finding("reply-rate", sent, f"{m.group(1)}/{total} is not {m.group(2)}%"))
    m = re.search(r"评价(\d+)件，其中满意(\d+)件，满意率" + NUM + "%", sent)
    if m and not _pct_ok(m.group(3), int(m.group(2)), int(m.group(1))):
        out.append(Finding("satisfaction-rate", sent,
                           f"{m.group(2)}/{m.group(1)} is not {m.group(3)}%"))
    return out


def _yoy(sent: str, total: int | None) -> list[Finding]:
    out = []
    for m in re.finditer(r"(\d+)件[（(]上年(\d+)件，(增加|减少)(\d+)件，(上升|下降)" + NUM + "%[）)]",
                         sent):
        cur, prev, d, p = int(m.group(1)), int(m.group(2)), int(m.group(4)), m.group(6)
        sign = 1 if m.group(3) == "增加" else -1
        if cur - prev != sign * d or (m.group(3) == "增加") != (m.group(5) == "上升"):
            out.append(Finding("yoy-count", sent, f"{cur}-{prev} = {cur - prev}, not "
                                                  f"{m.group(3)}{d}"))
        elif not _pct_ok(p, d, prev):
            out.append(Finding("yoy-percent", sent, f"{d}/{prev} is not {p}%"))
    m = re.search(r"比上年(增加|减少)(\d+)件，(上升|下降)" + NUM + "%", sent)
    if m and total is not None:
        d = int(m.group(2))
        prev = total - d if m.group(1) == "增加" else total + d
        if prev <= 0 or not _pct_ok(m.group(4), d, prev):
            out.append(Finding("yoy-percent", sent,
                               f"{m.group(1)}{d}件 from {prev}件 is not {m.group(3)}{m.group(4)}%"))
    for m in re.finditer(r"率" + NUM + r"%[（(]上年" + NUM + r"%，(提高|下降)" + NUM + r"个百分点[）)]",
                         sent):
        a, b, d = Decimal(m.group(1)), Decimal(m.group(2)), Decimal(m.group(4))
        if (a - b) != (d if m.group(3) == "提高" else -d):
            out.append(Finding("yoy-points", sent, f"{a}-{b} = {a - b}, not {m.group(3)}{d}"))
    for m in re.finditer(r"下降了?((?:\d+(?:\.\d+)?(?:和|、|及))*\d+(?:\.\d+)?)(%|个百分点)", sent):
        if "率" in sent[max(0, m.start() - 12):m.start()]:
            continue   # a rate may fall by any number of points up to 100
        for x in re.findall(r"\d+(?:\.\d+)?", m.group(1)):
            if Decimal(x) > 100:
                out.append(Finding("yoy-range", sent, f"a count cannot fall by {x}{m.group(2)}"))
    return out


def read_report(path) -> str:
    """The text of a report file: .docx paragraphs, or .txt/.md in any office encoding."""
    p = Path(path)
    if p.suffix.lower() == ".docx":
        from ..io.readers import read_letter_file

        return next(iter(read_letter_file(p))).text
    from ..io.readers import decode_text

    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return decode_text(data, str(p))


def check_file(path) -> list[Finding]:
    return check_text(read_report(path))
