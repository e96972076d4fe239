from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bureau.periods import parse_period


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
