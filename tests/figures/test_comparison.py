"""The city's comparison of its districts (issue #18, scaling): the same figures as computing each district in
turn, in a number of queries that does not grow with the districts.

The world is the city dataset's generator at a small scale (two real districts, a year and a bit), so every app's
key indicators have records to count; the comparison is read for last year (finished) and this year (running).
"""

from datetime import date
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.models import Area, Role, User
from figures import dashboard, stats
from figures.formatting import as_number
from figures.periods import parse_period
from tests.factories import AreaFactory


@pytest.fixture
def city(db):
    today = timezone.localdate()
    call_command("generate_dataset", "--scale", "0.02", "--districts", "440303,440309", "--seed", "7",
                 "--from", date(today.year - 1, 1, 1).isoformat(), stdout=open("/dev/null", "w"))
    return Area.objects.get(code="440300")


@pytest.fixture
def admin(city):
    return User.objects.create(username="cmp_admin", name="管理员", role=Role.ADMIN, area=city, is_staff=True,
                               is_superuser=True)


def key_indicators(user):
    return [i for g in stats.groups_for(user) for i in g.indicators if i.key]


def test_the_comparison_gives_each_districts_figures_as_computed_one_by_one(city, admin, client_for):
    today = timezone.localdate()
    key = key_indicators(admin)
    codes = [i.code for i in key]
    below = dashboard.children(city)
    assert len(below) >= 2
    counted = set()
    for period_key in (str(today.year - 1), str(today.year)):
        period = parse_period(period_key)
        current = period.compared_on(today).current
        dashboard.invalidate()
        data = dashboard.comparison(admin, city, period, today)
        one_by_one = [stats.compute(user=admin, area=child, period=current, codes=codes) for child in below]
        whole = stats.compute(user=admin, area=city, period=current, codes=codes)
        assert [row["code"] for row in data["rows"]] == [child.code for child in below]
        for row, expected in zip(data["rows"], one_by_one):
            assert dict(zip(codes, row["values"])) == expected, (period_key, row["area"])
            # the same kind of number too (an amount stays a Decimal of two places, a count an int): the Excel
            # cells and the page's formatting read the type
            assert [type(v) for v in row["values"]] == [type(expected[c]) for c in codes], (period_key, row["area"])
            counted |= {code for code, value in expected.items() if value}
        expected_totals = [dashboard.Total.of(i, [v[i.code] for v in one_by_one], whole[i.code]) for i in key]
        assert data["totals"] == expected_totals, period_key
    # The world counts something for every key indicator of the functions the generator fills (else equality
    # would prove little): measures, the mediation success rate (a Ratio) and the stocks among them. (It writes
    # no normative documents, lawsuits or online questions: those are equal at zero here, and their apps' tests
    # check their measures.)
    generated = {i.code for g in stats.groups_for(admin) if g.function in {"legalaid", "mediation", "corrections",
                                                                         "lawyers"} for i in g.indicators if i.key}
    assert generated <= counted, sorted(generated - counted)

    # The Excel export of the last period read carries the same figures.
    response = client_for(admin).get(reverse("dashboard:comparison"),
                                     {"area": city.code, "period": period_key, "export": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0][2:]) == codes and [row[1] for row in rows[2:]] == [child.code for child in below]
    for row, expected in zip(rows[2:], one_by_one):
        assert list(row[2:]) == [as_number(expected[code]) for code in codes], row[1]


def _page_queries(client, city, period_key):
    dashboard.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard:comparison"), {"area": city.code, "period": period_key})
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_however_many_districts(city, admin, client_for):
    """Two districts more add no query: every key indicator is grouped by district (a Measure, Ratio, Grouped,
    Combined, or a Stock saying what stands), none is computed district by district."""
    today = timezone.localdate()
    period_key = str(today.year - 1)
    client = client_for(admin)
    key = key_indicators(admin)
    assert dashboard.per_area_codes(key) == []
    assert [i.code for i in key if stats.stock_for(i.code) and stats.stock_for(i.code).standing is None] == []
    two = _page_queries(client, city, period_key)
    for code, name in (("440390", "测试甲区"), ("440391", "测试乙区")):
        AreaFactory(code=code, name=name, level=Area.Level.DISTRICT, parent=city)
    assert _page_queries(client, city, period_key) == two