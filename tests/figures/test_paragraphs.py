"""Every app's paragraph of the work report, written from made-up figures: one measure word per indicator (its
declared unit, never 宗 on one page and 件 on another), no clause that states a nil figure ("公司律师0人"),
and a 同比 clause only where last year's figure exists."""

import re
from decimal import Decimal

import pytest

from figures import stats
from figures.periods import parse_period

# The measure words the paragraphs write after a figure (longest first: 人次 before 人).
UNITS = ["人次", "场次", "件", "宗", "人", "场", "份", "册", "个", "家", "次", "期", "项", "张", "台", "起"]
FIGURE = re.compile(r"(?<![\d.])(\d+)(" + "|".join(UNITS) + ")")


def _groups():
    return [g for g in stats.registered_groups() if stats.paragraph_writer(g.function)]


def _values(group, keep):
    """Each count a figure of its own (101, 102 …) where `keep(n)`, else 0; rates and amounts plausible."""
    values = {}
    for n, indicator in enumerate(group.indicators):
        if indicator.is_rate:
            values[indicator.code] = Decimal("0.5") if keep(n) else None
        elif indicator.is_amount:
            values[indicator.code] = Decimal("123456.00") if keep(n) else Decimal("0")
        else:
            values[indicator.code] = 101 + n if keep(n) else 0
    return values


def _scope(previous=None):
    return stats.ReportScope("全区", parse_period("2025"), previous=previous or {})


@pytest.mark.parametrize("group", _groups(), ids=lambda g: g.function)
def test_each_figure_carries_its_indicators_unit(group):
    values = _values(group, lambda n: True)
    text = stats.paragraph_writer(group.function)(values, _scope())
    by_figure = {str(v): i for i in group.indicators if isinstance(v := values[i.code], int)}
    written = [(number, word) for number, word in FIGURE.findall(text) if number in by_figure]
    assert written, text
    for number, word in written:
        indicator = by_figure[number]
        assert word == indicator.unit, f"{indicator.code} counts in {indicator.unit}, written {number}{word}: {text}"


@pytest.mark.parametrize("parity", [0, 1])
@pytest.mark.parametrize("group", _groups(), ids=lambda g: g.function)
def test_no_clause_states_a_nil_figure(group, parity):
    values = _values(group, lambda n: n % 2 == parity)
    text = stats.paragraph_writer(group.function)(values, _scope())
    assert text
    nil = [match.group(0) for match in FIGURE.finditer(text) if match.group(1) == "0"]
    assert not nil, f"{nil}: {text}"


@pytest.mark.parametrize("group", _groups(), ids=lambda g: g.function)
def test_a_year_on_year_clause_only_with_last_years_figure(group):
    values = _values(group, lambda n: True)
    writer = stats.paragraph_writer(group.function)
    assert "上年同期" not in writer(values, _scope())
    previous = {code: (value * 2 if isinstance(value, int) else value) for code, value in values.items()}
    assert "比上年同期下降" in writer(values, _scope(previous))


def test_the_year_on_year_clause_in_words():
    indicator = stats.Indicator("x.cases", "案件", "件", "")
    rate = stats.Indicator("x.rate", "比率", "率", "")
    assert stats.YearOnYear(indicator, 45, 40).clause == "，比上年同期增长12.5%"
    assert stats.YearOnYear(indicator, 30, 40).clause == "，比上年同期下降25.0%"
    assert stats.YearOnYear(indicator, 40, 40).clause == "，与上年同期持平"
    assert stats.YearOnYear(indicator, 5, 3).clause == "（上年同期3件）"
    assert stats.YearOnYear(indicator, 5, 0).clause == ""
    assert stats.YearOnYear(indicator, 5, None).clause == ""
    assert stats.YearOnYear(rate, Decimal("0.8"), Decimal("0.75")).clause == "，比上年同期提高5.0个百分点"
    assert stats.YearOnYear(rate, Decimal("0.7"), Decimal("0.75")).clause == "，比上年同期降低5.0个百分点"
