from datetime import date

import pytest
from django.core.exceptions import ValidationError

from figures.periods import parse_period


@pytest.mark.parametrize("key, start, end, label", [
    ("2020", date(2020, 1, 1), date(2020, 12, 31), "2020年"),
    ("2020-H1", date(2020, 1, 1), date(2020, 6, 30), "2020年上半年"),
    ("2020-H2", date(2020, 7, 1), date(2020, 12, 31), "2020年下半年"),
    ("2020-Q1", date(2020, 1, 1), date(2020, 3, 31), "2020年第一季度"),
    ("2020-Q3", date(2020, 7, 1), date(2020, 9, 30), "2020年第三季度"),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "2020年2月"),
    ("2020-03-01..2020-09-30", date(2020, 3, 1), date(2020, 9, 30), "2020-03-01至2020-09-30"),
])
def test_every_kind_of_period(key, start, end, label):
    period = parse_period(key)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("key", ["", "20", "2020-H3", "2020-Q5", "2020-13", "2020-02-30..2020-03-01",
                                 "2020-09-30..2020-03-01", "last year"])
def test_malformed_periods_are_explained(key):
    with pytest.raises(ValidationError) as error:
        parse_period(key)
    assert "统计期间" in error.value.messages[0]


def test_year_over_year():
    assert parse_period("2021-Q2").year_before().key == "2020-Q2"
    assert parse_period("2024-02-29..2024-03-31").year_before().start == date(2023, 2, 28)


@pytest.mark.parametrize("key, today, current, previous, running", [
    ("2026", date(2026, 11, 30), "2026年1—11月", "2025年1—11月", True),
    ("2026", date(2026, 11, 15), "2026年1月1日—11月15日", "2025年1月1日—11月15日", True),
    ("2026", date(2026, 12, 31), "2026年", "2025年", False),
    ("2026", date(2027, 2, 10), "2026年", "2025年", False),
    ("2026-H2", date(2026, 9, 30), "2026年7—9月", "2025年7—9月", True),
    ("2026-Q4", date(2026, 10, 1), "2026年10月1日", "2025年10月1日", True),
    ("2026-Q3", date(2026, 11, 30), "2026年第三季度", "2025年第三季度", False),
    ("2026-11", date(2026, 11, 20), "2026年11月1日—11月20日", "2025年11月1日—11月20日", True),
    ("2028", date(2028, 2, 29), "2028年1—2月", "2027年1—2月", True),  # 29 February: to the end of February
    ("2028-Q1", date(2028, 2, 28), "2028年1月1日—2月28日", "2027年1—2月", True),
    ("2025-06-01..2026-12-31", date(2026, 11, 30), "2025年6月1日—2026年11月30日", "2024年6月1日—2025年11月30日",
     True),
    ("2029-H1", date(2030, 10, 8), "2029年上半年", "2028年上半年", False),
])
def test_a_running_period_is_compared_up_to_the_same_day(key, today, current, previous, running):
    comparison = parse_period(key).compared_on(today)
    assert (comparison.current_label, comparison.previous_label, comparison.running) == (current, previous, running)
    assert comparison.current.end == min(parse_period(key).end, today)


def test_what_the_page_says_it_compares():
    assert parse_period("2026").compared_on(date(2026, 11, 30)).note == (
        "同比：2026年1—11月与2025年1—11月相比（本期尚未结束，两年均统计至11月30日）。")
    assert parse_period("2025").compared_on(date(2026, 11, 30)).note == "同比：2025年与2024年相比。"


@pytest.mark.parametrize("key, as_of", [
    ("2025", "截至2025年12月底"),
    ("2024-02", "截至2024年2月底"),
    ("2026-H1", "截至2026年6月底"),
    ("2026-01-01..2026-11-29", "截至2026年11月29日"),
    ("2028-01-01..2028-02-29", "截至2028年2月底"),
])
def test_a_report_dates_its_figures(key, as_of):
    assert parse_period(key).as_of == as_of


def test_a_running_year_is_dated_by_the_day_it_stops_at():
    comparison = parse_period("2026").compared_on(date(2026, 11, 29))
    assert comparison.current.as_of == "截至2026年11月29日"
