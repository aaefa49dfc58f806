"""Ledger rows as offices write them: Chinese headers found through aliases, dates in any form.

A 台帐 has a title row or two, a header row whose names vary from office to office
(登记日期/来信日期/来访日期 …), merged cells, dates typed as text or stored as Excel serial
numbers. :func:`read_ledger` maps each header to a canonical column, reads every row into a
:class:`LedgerRow`, and lists the rows it cannot use with their row numbers.

>>> canonical_column("来访日期"), canonical_column("反映问题"), canonical_column("备注")
('登记日期', '内容', None)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..io.readers import TEXT_HEADERS
from ..io.tables import read_table

# canonical column -> headers offices use for it (after removing spaces), most specific first
ALIASES: dict[str, tuple[str, ...]] = {
    "编号": ("信访编号", "编号", "件号", "登记号", "序号", "案件编号"),
    "登记日期": ("登记日期", "来信日期", "来访日期", "收到日期", "收件日期", "来电日期", "登记时间",
                 "来信来访日期", "信访日期", "交办日期", "日期", "时间"),
    "受理日期": ("受理日期", "受理时间"),
    "来源": ("来源", "信访来源", "件来源", "来件单位", "交办单位", "转办单位", "渠道"),
    "方式": ("方式", "信访方式", "信访形式", "形式", "类型", "信访类型"),
    "信访人": ("信访人", "信访人姓名", "姓名", "来访人", "反映人", "举报人", "投诉人", "来信人"),
    "人数": ("人数", "来访人数", "信访人数"),
    "联系电话": ("联系电话", "电话", "联系方式", "手机"),
    "乡镇": ("乡镇", "所属乡镇", "乡镇(街道)", "乡镇（街道）", "涉及乡镇", "所在乡镇", "属地", "镇街"),
    "内容": TEXT_HEADERS,
    "承办单位": ("承办单位", "责任单位", "办理单位", "承办部门", "交办至", "责任部门"),
    "办理状态": ("办理状态", "办结情况", "办理情况", "状态", "是否办结", "办理结果"),
    "办结日期": ("办结日期", "办结时间"),
    "答复日期": ("答复日期", "回复日期", "答复时间", "回复时间"),
    "满意度": ("满意度", "是否满意", "评价", "满意情况"),
}
_ALIAS_INDEX = {a: canon for canon, names in ALIASES.items() for a in names}


def canonical_column(header: str, mapping: dict | None = None) -> str | None:
    """The canonical column a header stands for (a profile ``mapping`` wins), or None."""
    if mapping and header in mapping:
        return mapping[header]
    return _ALIAS_INDEX.get(header)


@dataclass
class LedgerRow:
    row: int                          # row number in the file (as Excel shows it)
    values: list                      # every original cell, in column order
    id: str = ""
    date: dt.date | None = None       # 登记日期
    accepted: dt.date | None = None   # 受理日期
    source: str = ""                  # 省交办 / 市交办 / 县交办 / 12336 / 网络 / 本局
    method: str = ""                  # 来信 / 来访 / 网上 / 电话
    petitioner: str = ""
    people: int | None = None
    phone: str = ""
    township: str = ""
    text: str = ""
    handler: str = ""
    status: str = ""                  # 已办结 / 办理中
    closed: dt.date | None = None
    replied: dt.date | None = None
    satisfied: bool | None = None
    errors: list = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.errors


EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s.*)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_cell_date(value, year_hint: int | None = None) -> dt.date | None:
    """A date from a cell: a date, an Excel serial number, or text in the usual forms.

    Raises ValueError with the reason when the cell holds something that is not a date.

    >>> parse_cell_date(45000), parse_cell_date("2023年3月5日"), parse_cell_date("3.5", 2023)
    (datetime.date(2023, 3, 15), datetime.date(2023, 3, 5), datetime.date(2023, 3, 5))
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Excel stores dates as days since 1899-12-30; 1990–2100 is the plausible range.
        if 32874 <= value <= 73051:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f"number {value} is not a date")
    s = str(value).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if re.fullmatch(r"\d{5}(\.\d+)?", s):
        return parse_cell_date(float(s))
    if re.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    m = _DATE_TEXT.match(s)
    try:
        if m:
            return dt.date(*map(int, m.groups()))
        m = _MONTH_DAY.match(s)
        if m and year_hint:
            return dt.date(year_hint, int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise ValueError(f"'{s}' is not a real date") from None
    raise ValueError(f"cannot read '{s}' as a date")


def classify_source(value: str) -> str:
    """省交办 / 市交办 / 县交办 / 12336 / 网络 / 本局 from what a clerk typed in 来源."""
    v = str(value or "")
    if "12336" in v:
        return "12336"
    if "12345" in v or "热线" in v or "网" in v or "留言" in v or "舆情" in v:
        return "网络"
    if "省" in v:
        return "省交办"
    if "市" in v:
        return "市交办"
    if "县" in v or "区" in v or "交办" in v or "转办" in v:
        return "县交办"
    return "本局"


def classify_method(value: str, source: str = "") -> str:
    v = str(value or "")
    if "访" in v:
        return "来访"
    if "网" in v or "留言" in v:
        return "网上"
    if "电" in v or "热线" in v:
        return "电话"
    if "信" in v or "函" in v:
        return "来信"
    return "网上" if source in ("网络",) else ("电话" if source == "12336" else "来信")


_OPEN_WORDS = ("未办结", "未结", "在办", "办理中", "正在", "调查中", "待", "未", "核查中")


def is_closed(status: str, closed_date) -> bool:
    """A row is closed when its status says so (办结/已结/完结) or it has a closing date."""
    s = str(status or "")
    if any(w in s for w in _OPEN_WORDS):
        return False
    return bool(closed_date) or any(w in s for w in ("办结", "已结", "完结", "结案", "已处理", "已答复"))


def _people(value) -> int | None:
    if value is None or value == "":
        return None
    m = re.search(r"\d+", str(value))
    return int(m.group()) if m else None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# Control characters other than tab and line breaks, and the replacement character: what a
# wrongly decoded or binary cell is made of.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


def read_ledger(path, profile=None, text_column: str | None = None, prefetched: dict | None = None):
    """(table, rows): every data row of a ledger, parsed; unusable rows carry ``errors``.
    ``prefetched``: the grid read by :func:`xfnlp.io.tables.read_grid_in_thread`."""
    mapping = dict(profile.ledger_columns) if profile is not None else {}
    if text_column:
        mapping[text_column] = "内容"

    def is_header(names):
        canon = {canonical_column(n, mapping) for n in names}
        return "内容" in canon and len(canon - {None}) >= 2

    try:
        table = read_table(path, is_header, prefetched)
    except InputError as exc:
        if "no header row" in str(exc):
            raise InputError(f"{path}: no ledger header (needs a text column such as 内容/反映问题 "
                             "and one more known column)") from None
        raise
    col = {}
    for i, h in enumerate(table.headers):
        c = canonical_column(h, mapping)
        if c and c not in col:
            col[c] = i
    years = []
    rows = []
    for rowno, values in table.rows:
        get = lambda c: values[col[c]] if c in col and col[c] < len(values) else None  # noqa: E731
        r = LedgerRow(row=rowno, values=values)
        r.id = _text(get("编号"))
        r.text = _text(get("内容"))
        bad = len(_UNREADABLE.findall(r.text))
        if not r.text:
            r.errors.append("no text in 内容")
        elif bad > max(2, len(r.text) // 20):
            r.errors.append("内容 is not readable text")
        for name, attr in (("登记日期", "date"), ("受理日期", "accepted"), ("办结日期", "closed"),
                           ("答复日期", "replied")):
            try:
                setattr(r, attr, parse_cell_date(get(name), years[-1] if years else None))
            except ValueError as exc:
                r.errors.append(f"{name}: {exc}")
        if "登记日期" in col and r.date is None and not any(e.startswith("登记日期") for e in r.errors):
            r.errors.append("登记日期 is empty")
        if r.date:
            years.append(r.date.year)
        r.source = classify_source(get("来源"))
        r.method = classify_method(get("方式"), r.source)
        r.petitioner = _text(get("信访人"))
        r.people = _people(get("人数"))
        r.phone = _text(get("联系电话"))
        r.township = _text(get("乡镇"))
        r.handler = _text(get("承办单位"))
        r.status = "已办结" if is_closed(get("办理状态"), r.closed) else "办理中"
        sat = _text(get("满意度"))
        r.satisfied = None if not sat else ("不" not in sat and "否" not in sat)
        rows.append(r)
    return table, rows
