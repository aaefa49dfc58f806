"""Statutory time limits of a petition (《信访工作条例》, 2022) as plain date arithmetic.

The limits (numbers come from the office profile, ``Limits``; these are the statutory values):

=================  ====  ==========================================================
rule               days  meaning
=================  ====  ==========================================================
accept_notice      15    written notice of acceptance / non-acceptance, from receipt
handle             60    handling completed (处理意见书 issued), from acceptance
extension          30    one extension at most, from the original due date, notified
review_request     30    信访人 may ask for 复查 (复核 likewise), from receiving the answer
review_answer      30    复查 (复核) opinion given, from receiving the request
local_reply         5    local rule: 一般事项5日内答复 (assignments to townships)
local_major        20    local rule: 重大事项20日内办结
=================  ====  ==========================================================

Counting convention (why: the 条例 says "日" and defines no counting rule, so the general
rule of Chinese law on periods applies — 《民法典》第二百零一条):

* the day of the triggering event (receipt, acceptance, service of the answer) is **not
  counted**; counting starts the next day, and the deadline is the last day of the period;
* **calendar days** by default: a deadline may fall on a weekend or a public holiday. The
  general rule (《民法典》第二百零三条) moves a period that ends on a 法定休假日 to the day after
  the holiday; pass ``roll_to_workday=True`` for a petitioner's window (复查/复核 request)
  where that favours the petitioner. Office duties are not rolled, so an office never plans
  to answer later than the plain count;
* **working days** (``working_days=True``, an office or provincial rule): the N-th working
  day after the start, where working days follow the State Council's holiday notices —
  public holidays are skipped and make-up working days (调休上班, e.g. Sunday 2024-02-18)
  count. The result is always a working day. Holiday data comes from the maintained
  ``chinese_calendar`` package, imported only in this mode; a year it does not cover
  raises ``HolidayDataError`` (one line), never a traceback.

>>> from datetime import date
>>> add_days(date(2023, 12, 28), 15)            # 收到2023年12月28日, 15日内书面告知
datetime.date(2024, 1, 12)
>>> add_days(date(2024, 2, 8), 5, working_days=True)   # 春节假期顺延, 2月18日(星期日)调休上班
datetime.date(2024, 2, 21)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import FieldsError, InputError

__all__ = ["RULES", "CaseDeadlines", "HolidayDataError", "add_days", "case_deadlines",
           "deadline", "is_workday", "parse_date"]

# rule name -> (Limits attribute, what the period is, in the words a notice would use)
RULES = {
    "accept_notice": ("accept_notice_days", "自收到信访事项之日起书面告知"),
    "handle": ("handle_days", "自受理之日起办结"),
    "extension": ("extension_days", "延长办理期限"),
    "review_request": ("review_request_days", "自收到书面答复之日起请求复查（复核）"),
    "review_answer": ("review_answer_days", "自收到复查（复核）请求之日起提出意见"),
    "local_reply": ("local_reply_days", "一般事项答复"),
    "local_major": ("local_major_days", "重大事项办结"),
}


class HolidayDataError(InputError):
    """A date outside the years the holiday calendar knows (working-day mode only)."""


def is_workday(day: date) -> bool:
    """Is ``day`` an official working day in mainland China (holidays, 调休 included)?

    >>> from datetime import date
    >>> is_workday(date(2024, 2, 18))   # 星期日, 春节调休上班
    True
    """
    try:
        import chinese_calendar  # lazy: only working-day mode needs the holiday tables
    except ImportError:  # pragma: no cover - a declared dependency
        raise HolidayDataError("working-day counting needs the chinese-calendar package "
                               "(pip install chinese-calendar)") from None
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        years = sorted(d.year for d in chinese_calendar.holidays)
        raise HolidayDataError(
            f"{day.isoformat()}: no official holiday data for {day.year} in chinese-calendar "
            f"(it covers {years[0]}–{years[-1]}); upgrade it or count calendar days") from None


def add_days(start: date, days: int, *, working_days: bool = False,
             roll_to_workday: bool = False) -> date:
    """The last day of a period of ``days`` days that starts after ``start``.

    ``start`` itself is not counted. Calendar days unless ``working_days``; with
    ``roll_to_workday`` a calendar deadline on a rest day moves to the next working day.

    >>> from datetime import date
    >>> add_days(date(2024, 1, 31), 30)         # 闰年: 1月31日起30日
    datetime.date(2024, 3, 1)
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    if not working_days:
        due = start + timedelta(days=days)
        if roll_to_workday:
            while not is_workday(due):
                due += timedelta(days=1)
        return due
    due, left = start, days
    while left:
        due += timedelta(days=1)
        if is_workday(due):
            left -= 1
    return due


def deadline(rule: str, start: date, *, limits=None, working_days: bool | None = None,
             roll_to_workday: bool = False) -> date:
    """The deadline of a named rule (see ``RULES``) with the office's limits.

    ``limits`` is a ``xfnlp.profile.Limits`` (default: the statutory values);
    ``working_days=None`` follows ``limits.working_days``; ``roll_to_workday`` as in
    ``add_days`` (meant for the petitioner's ``review_request`` window).

    >>> from datetime import date
    >>> deadline("handle", date(2024, 2, 29))   # 受理2024年2月29日, 60日内办结
    datetime.date(2024, 4, 29)
    """
    if rule not in RULES:
        raise ValueError(f"unknown deadline rule {rule!r}; known: {', '.join(RULES)}")
    if limits is None:
        from .profile import Limits
        limits = Limits()
    wd = limits.working_days if working_days is None else working_days
    return add_days(start, getattr(limits, RULES[rule][0]), working_days=wd,
                    roll_to_workday=roll_to_workday)


@dataclass(frozen=True)
class CaseDeadlines:
    """The dates one petition's notices speak about."""

    received: date
    accepted: date
    accept_notice_by: date     # written acceptance notice due
    handle_by: date            # 处理意见书 due
    extended_by: date          # latest date after the one allowed extension
    working_days: bool

    def to_dict(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.__dict__.items()}


def case_deadlines(received: date, accepted: date | None = None, *, limits=None,
                   working_days: bool | None = None) -> CaseDeadlines:
    """Every statutory deadline of a petition from its receipt (and acceptance) date.

    Without ``accepted`` the latest lawful acceptance date (receipt + 15 days) is assumed,
    which gives the outermost dates the office must respect.

    >>> from datetime import date
    >>> d = case_deadlines(date(2023, 12, 28), date(2024, 1, 2))
    >>> d.handle_by, d.extended_by
    (datetime.date(2024, 3, 2), datetime.date(2024, 4, 1))
    """
    accept_by = deadline("accept_notice", received, limits=limits, working_days=working_days)
    accepted = accepted or accept_by
    if accepted < received:
        raise FieldsError(f"受理日期 {accepted.isoformat()} is before 收到日期 {received.isoformat()}")
    handle_by = deadline("handle", accepted, limits=limits, working_days=working_days)
    extended_by = deadline("extension", handle_by, limits=limits, working_days=working_days)
    wd = working_days if working_days is not None else bool(limits and limits.working_days)
    return CaseDeadlines(received, accepted, accept_by, handle_by, extended_by, wd)


_DATE_RES = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value, field: str = "date") -> date:
    """Read a date a clerk typed: 2023-12-28, 2023/12/28, 2023.12.28, 2023年12月28日, 20231228.

    >>> parse_date("2024年2月29日")
    datetime.date(2024, 2, 29)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().translate(_FULLWIDTH_DIGITS)
    for rx in _DATE_RES:
        m = rx.match(text)
        if m:
            try:
                return date(*map(int, m.groups()))
            except ValueError:
                break
    raise FieldsError(f"{field}: cannot read date {str(value)!r} (write 2023-12-28 or 2023年12月28日)")


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
