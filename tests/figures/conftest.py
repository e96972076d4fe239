"""Figures fixtures: a test indicator group, so dashboards and reports are tested without any app's insides.

It counts the to-dos falling due in the period, under a function declared for the tests alone (测试业务, code
"trial", which the street offices work in), with an amount, a measure and its own report paragraph. No real
app's indicators are disturbed.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db.models import Count
from django.utils import timezone

from bureau import functions
from bureau.functions import Function
from bureau.models import Reminder
from bureau.roles import Role
from figures import stats
from figures.formatting import wan_yuan
from figures.stats import Indicator, Measure
from tests.factories import ReminderFactory

TEST_CODE = "trial.test_todos"


TRIAL = Function(code="trial", label="测试业务", section="测试科", order=999, roles=frozenset({Role.STREET}),
                 report_heading="测试工作")


@pytest.fixture
def todo_stats(monkeypatch):
    declared = {**functions._declared(), TRIAL.code: TRIAL}
    monkeypatch.setattr(functions, "_declared", lambda: declared)
    indicators = [Indicator(TEST_CODE, "测试待办", "件", "期内到期的待办", key=True),
                  Indicator("trial.test_amount", "测试金额", "元", "测试")]

    def compute(area, period):
        n = Reminder.objects.in_area(area).filter(due_on__range=(period.start, period.end)).count()
        return {TEST_CODE: n, "trial.test_amount": Decimal("1208400.00") * n}

    def paragraph(values, scope):
        if not values[TEST_CODE]:
            return f"本期{scope}无到期待办。"
        n, amount = values[TEST_CODE], wan_yuan(values["trial.test_amount"])
        return f"{scope}共有到期待办{n}件{stats.compared(scope, TEST_CODE, n)}，涉及金额{amount}万元。"

    stats.indicator_group("trial", indicators)(compute)
    stats.register_measures(Measure(TEST_CODE, lambda: Reminder.objects.all(), "due_on", Count("pk")))
    stats.report_paragraph("trial")(paragraph)
    yield
    stats.unregister(compute, measures=[TEST_CODE], paragraph="trial")


@pytest.fixture
def todos(todo_stats, areas):
    """Last year (`todos.year`, always a finished year whatever day the suite runs on): street A has 3 due in
    March and 1 on 1 July; the year before (`todos.year - 1`): street B has 2 due in March."""
    year = timezone.localdate().year - 1
    for day in [date(year, 3, 2), date(year, 3, 20), date(year, 3, 31), date(year, 7, 1)]:
        ReminderFactory(area=areas.street_a, due_on=day)
    for day in [date(year - 1, 3, 2), date(year - 1, 3, 3)]:
        ReminderFactory(area=areas.street_b, due_on=day)
    return SimpleNamespace(**vars(areas), year=year)
