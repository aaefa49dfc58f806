"""Statutory deadlines: counting convention, month ends, leap years, Chinese holidays."""

from datetime import date

import pytest

from xfnlp.deadlines import (HolidayDataError, add_days, case_deadlines, deadline, is_workday,
                             parse_date)
from xfnlp.errors import FieldsError, XfnlpError
from xfnlp.profile import Limits


# --- calendar days: the day of the event is not counted -------------------------------
@pytest.mark.parametrize("start, days, due", [
    (date(2023, 12, 28), 15, date(2024, 1, 12)),    # across the year end
    (date(2023, 12, 28), 0, date(2023, 12, 28)),
    (date(2023, 12, 28), 1, date(2023, 12, 29)),    # "1日内" = the next day
    (date(2023, 1, 31), 30, date(2023, 3, 2)),      # month end, common year
    (date(2024, 1, 31), 30, date(2024, 3, 1)),      # month end, leap year
    (date(2023, 2, 28), 1, date(2023, 3, 1)),
    (date(2024, 2, 28), 1, date(2024, 2, 29)),
    (date(2024, 2, 29), 15, date(2024, 3, 15)),     # leap day as the start
    (date(2024, 2, 29), 60, date(2024, 4, 29)),
    (date(2024, 2, 29), 366, date(2025, 3, 1)),
    (date(2023, 12, 31), 60, date(2024, 2, 29)),    # landing on the leap day
])
def test_calendar_days(start, days, due):
    assert add_days(start, days) == due


def test_calendar_deadline_may_fall_on_a_holiday_unless_rolled():
    # 2024-01-27 + 15 = 2024-02-11, inside the Spring Festival break (10–17 Feb)
    assert add_days(date(2024, 1, 27), 15) == date(2024, 2, 11)
    # rolled: to the next working day, which is the make-up Sunday 2024-02-18
    assert add_days(date(2024, 1, 27), 15, roll_to_workday=True) == date(2024, 2, 18)


def test_calendar_mode_needs_no_holiday_data():
    assert add_days(date(2031, 5, 1), 60) == date(2031, 6, 30)


def test_negative_days_rejected():
    with pytest.raises(ValueError):
        add_days(date(2024, 1, 1), -1)


# --- working days: Chinese public holidays and make-up working days ----------------------
def test_workday_table_2024_spring_festival():
    assert is_workday(date(2024, 2, 4))       # Sunday, 调休上班
    assert is_workday(date(2024, 2, 9))       # 除夕 was a working day in 2024
    assert not is_workday(date(2024, 2, 10))
    assert not is_workday(date(2024, 2, 17))  # Saturday inside the break
    assert is_workday(date(2024, 2, 18))      # Sunday, 调休上班


@pytest.mark.parametrize("start, days, due", [
    # 2024: holidays 10–17 Feb, make-up Sundays 4 and 18 Feb
    (date(2024, 2, 8), 5, date(2024, 2, 21)),   # 9, 18, 19, 20, 21
    (date(2024, 2, 9), 1, date(2024, 2, 18)),   # the make-up Sunday counts
    (date(2024, 2, 2), 1, date(2024, 2, 4)),    # Friday → make-up Sunday, Saturday skipped
    # 2025: holidays 28 Jan – 4 Feb, make-up Sunday 26 Jan and Saturday 8 Feb
    (date(2025, 1, 24), 1, date(2025, 1, 26)),
    (date(2025, 1, 27), 1, date(2025, 2, 5)),
    (date(2025, 2, 7), 1, date(2025, 2, 8)),
    (date(2025, 1, 20), 15, date(2025, 2, 14)),
    # ordinary weeks: 5 working days from a Tuesday
    (date(2024, 1, 2), 5, date(2024, 1, 9)),
    # leap day start, working days: 29 Feb 2024 is a Thursday
    (date(2024, 2, 29), 2, date(2024, 3, 4)),
])
def test_working_days(start, days, due):
    assert add_days(start, days, working_days=True) == due


def test_working_days_60_from_acceptance():
    assert add_days(date(2024, 1, 2), 60, working_days=True) == date(2024, 3, 29)


def test_year_without_holiday_data_is_one_line_error():
    with pytest.raises(HolidayDataError) as info:
        add_days(date(2035, 1, 2), 5, working_days=True)
    assert isinstance(info.value, XfnlpError)
    msg = str(info.value)
    assert "\n" not in msg and "2035" in msg and "chinese-calendar" in msg


# --- named rules and a whole case -----------------------------------------------------
def test_named_rules_use_profile_limits():
    assert deadline("accept_notice", date(2023, 12, 28)) == date(2024, 1, 12)
    assert deadline("handle", date(2024, 1, 2)) == date(2024, 3, 2)
    assert deadline("review_request", date(2024, 3, 1)) == date(2024, 3, 31)
    assert deadline("local_reply", date(2024, 1, 3)) == date(2024, 1, 8)
    assert deadline("local_major", date(2024, 1, 3)) == date(2024, 1, 23)
    assert deadline("handle", date(2024, 1, 2), limits=Limits(handle_days=45)) == date(2024, 2, 16)
    # a profile that counts working days is followed unless overridden
    wd = Limits(working_days=True)
    assert deadline("local_reply", date(2024, 2, 8), limits=wd) == date(2024, 2, 21)
    assert deadline("local_reply", date(2024, 2, 8), limits=wd, working_days=False) == date(2024, 2, 13)
    with pytest.raises(ValueError):
        deadline("appeal", date(2024, 1, 1))


def test_case_deadlines():
    d = case_deadlines(date(2023, 12, 28), date(2024, 1, 2))
    assert (d.accept_notice_by, d.handle_by, d.extended_by) == (
        date(2024, 1, 12), date(2024, 3, 2), date(2024, 4, 1))
    assert d.to_dict()["handle_by"] == "2024-03-02" and d.working_days is False
    # no acceptance date yet: the latest lawful one (receipt + 15) bounds the rest
    late = case_deadlines(date(2023, 12, 28))
    assert late.accepted == date(2024, 1, 12) and late.handle_by == date(2024, 3, 12)
    with pytest.raises(FieldsError):
        case_deadlines(date(2024, 1, 5), date(2024, 1, 4))


# --- dates as clerks type them ----------------------------------------------------------
@pytest.mark.parametrize("text", ["2024-02-29", "2024/2/29", "2024.02.29", "2024年2月29日",
                                  "20240229", "２０２４年２月２９日", " 2024-2-29 "])
def test_parse_date(text):
    assert parse_date(text) == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2023-02-29", "2024-13-01", "昨天", ""])
def test_parse_date_rejects(text):
    with pytest.raises(FieldsError) as info:
        parse_date(text, "收到日期")
    assert str(info.value).startswith("收到日期: ")
