"""Working-day arithmetic on the State Council calendar."""

from datetime import date

import pytest

from bureau.data.holidays import HOLIDAYS
from bureau.models import CalendarDay
from bureau.workdays import DayKind, WorkingCalendar, add_days, is_working_day

pytestmark = pytest.mark.usefixtures("calendar_loaded")


def test_calendar_days_ignore_holidays():
    assert add_days(date(2020, 1, 23), 7, DayKind.CALENDAR) == date(2020, 1, 30)


def test_across_the_2020_spring_festival():
    # 24 January – 2 February 2020 off (the extended holiday); Monday 3 February is the first working day.
    assert add_days(date(2020, 1, 23), 1, DayKind.WORKING) == date(2020, 2, 3)
    assert add_days(date(2020, 1, 23), 3, DayKind.WORKING) == date(2020, 2, 5)


def test_the_make_up_sunday_before_the_2020_spring_festival_is_a_working_day():
    assert is_working_day(date(2020, 1, 19))  # Sunday, 调休上班
    assert add_days(date(2020, 1, 17), 1, DayKind.WORKING) == date(2020, 1, 19)


def test_across_a_make_up_weekend():
    # 2023: 29 September – 6 October off, Saturday 7 and Sunday 8 October worked.
    assert add_days(date(2023, 9, 28), 1, DayKind.WORKING) == date(2023, 10, 7)
    assert add_days(date(2023, 9, 28), 2, DayKind.WORKING) == date(2023, 10, 8)
    assert add_days(date(2023, 9, 28), 3, DayKind.WORKING) == date(2023, 10, 9)


def test_ordinary_weekends_are_skipped():
    assert add_days(date(2024, 3, 8), 1, DayKind.WORKING) == date(2024, 3, 11)  # Friday → Monday
    assert add_days(date(2024, 3, 8), 0, DayKind.WORKING) == date(2024, 3, 8)


def test_seven_working_days_over_national_day_2024():
    # 1–7 October off; Sunday 29 September and Saturday 12 October worked.
    assert add_days(date(2024, 9, 27), 7, DayKind.WORKING) == date(2024, 10, 12)


def test_counting_working_days_between_two_dates():
    cal = WorkingCalendar(date(2020, 1, 1), date(2020, 2, 29))
    assert cal.working_days_between(date(2020, 1, 23), date(2020, 2, 3)) == 1


def test_unknown_kind_of_day_is_an_error():
    with pytest.raises(ValueError):
        add_days(date(2024, 1, 1), 1, "lunar")


def test_reference_data_covers_2020_to_2026_and_every_make_up_day_is_a_weekend():
    assert sorted(HOLIDAYS) == list(range(2020, 2027))
    workdays = CalendarDay.objects.filter(kind=CalendarDay.Kind.WORKDAY)
    assert workdays.exists() and all(d.date.weekday() >= 5 for d in workdays)
    for year in range(2020, 2027):
        names = set(CalendarDay.objects.filter(date__year=year, kind="holiday").values_list("name", flat=True))
        assert any("春节" in n for n in names) and any("国庆" in n for n in names), year


def test_the_2026_spring_festival_is_nine_days():
    days = CalendarDay.objects.filter(name="春节", date__year=2026, kind=CalendarDay.Kind.HOLIDAY)
    assert days.count() == 9


# --- Years with no calendar loaded (the reference data ends with 2026) -----------------------------------------


def test_a_year_not_loaded_counts_monday_to_friday():
    assert not CalendarDay.objects.filter(date__year=2030).exists()
    assert is_working_day(date(2030, 10, 8))  # a Tuesday; National Day week is unknown until entered
    assert not is_working_day(date(2030, 10, 6))  # a Sunday
    assert add_days(date(2030, 10, 4), 1, DayKind.WORKING) == date(2030, 10, 7)  # Friday → Monday
    assert add_days(date(2028, 2, 28), 2, DayKind.WORKING) == date(2028, 3, 1)  # through 29 February
    assert WorkingCalendar(date(2030, 1, 1), date(2030, 12, 31)).working_days_between(
        date(2029, 12, 31), date(2030, 12, 31)) == 261


def test_a_clock_runs_from_the_last_loaded_year_into_one_not_loaded():
    # 2026-12-31 is a Thursday; 2027 is not loaded, so 1 January 2027 (a Friday) counts as a working day.
    assert add_days(date(2026, 12, 31), 1, DayKind.WORKING) == date(2027, 1, 1)
    assert add_days(date(2026, 12, 31), 3, DayKind.WORKING) == date(2027, 1, 5)
    assert add_days(date(2027, 1, 5), -3, DayKind.WORKING) == date(2026, 12, 31)


def test_holidays_entered_for_a_later_year_are_honoured_at_once():
    # 2027 Spring Festival as an administrator would enter it: 6–12 February off, Sunday 14 February worked.
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=date(2027, 2, d), kind=CalendarDay.Kind.HOLIDAY, name="春节") for d in range(6, 13)]
        + [CalendarDay(date=date(2027, 2, 14), kind=CalendarDay.Kind.WORKDAY, name="春节")]
    )
    assert not is_working_day(date(2027, 2, 10))
    assert is_working_day(date(2027, 2, 14))
    assert add_days(date(2027, 2, 5), 1, DayKind.WORKING) == date(2027, 2, 14)
    assert add_days(date(2027, 2, 5), 2, DayKind.WORKING) == date(2027, 2, 15)
