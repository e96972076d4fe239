"""The leaders' dashboards: composition, periods, jurisdiction, caching and its invalidation, Excel.

The test indicator group of tests/bureau/conftest.py counts to-dos falling due in the period.
"""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bureau import dashboard, stats
from bureau.models import Function, Reminder, Role
from bureau.periods import parse_period
from tests.bureau.conftest import TEST_CODE
from tests.factories import ReminderFactory, UserFactory

CODE = TEST_CODE


@pytest.fixture(autouse=True)
def fresh_figures():
    dashboard.invalidate()


def page(client, name="dashboard:overview", args=(), **params):
    return client.get(reverse(name, args=args), params)


def card(content, code):
    start = content.index(f'data-code="{code}"')
    return content[start:start + 800]


def test_the_overview_shows_key_figures_against_last_year(todos, client_for, personas):
    content = page(client_for(personas.leader), period="2026").content.decode()
    figure = card(content, CODE)
    assert "测试待办" in figure and ">4<" in figure and "同比 +100.0%" in figure and "上年同期 2" in figure
    assert 'id="trend-0"' in content and 'id="breakdown"' in content
    assert "桂园街道" in content and "黄贝街道" in content


def test_the_period_selector(todos, client_for, personas):
    client = client_for(personas.leader)
    assert ">3<" in card(page(client, year=2026, span="Q1").content.decode(), CODE)
    assert ">1<" in card(page(client, year=2026, span="07").content.decode(), CODE)
    ranged = page(client, year=2026, span="range", start="2026-03-15", end="2026-07-01").content.decode()
    assert ">3<" in card(ranged, CODE) and "2026-03-15至2026-07-01" in ranged
    assert ">3<" in card(page(client, period="2026-H1").content.decode(), CODE)  # links carry the key
    missing = page(client, year=2026, span="range", start="2026-03-15").content.decode()
    assert "自定义期间请填写开始和结束日期。" in missing


def test_a_street_sees_its_street_and_nothing_above(todos, client_for, personas):
    clerk = client_for(personas.clerk_a)
    assert ">4<" in card(page(clerk, period="2026").content.decode(), CODE)  # their own street by default
    assert page(clerk, area="440303").status_code == 404
    assert page(clerk, area="440303002").status_code == 404
    assert ">3<" in card(page(clerk, year=2026, span="Q1").content.decode(), CODE)
    assert page(client_for(personas.other_leader), area="440303").status_code == 404
    assert page(client_for(personas.advisor)).status_code == 403


def test_the_trend_and_the_breakdown_agree_with_the_indicator(todos, personas):
    year = parse_period("2026")
    measure = stats.measure_for(CODE)
    months = dashboard.monthly(measure, todos.district, date(2025, 1, 1), year.end)
    assert months == {date(2025, 3, 1): 2, date(2026, 3, 1): 3, date(2026, 7, 1): 1}
    assert dashboard.by_child(measure, todos.district, year) == {todos.street_a.path: 4}
    assert dashboard.by_child(measure, todos.city, parse_period("2025")) == {todos.district.path: 2}


def test_a_new_record_shows_at_once_and_a_bulk_write_after_invalidation(todos, client_for, personas,
                                                                        django_capture_on_commit_callbacks):
    client = client_for(personas.leader)
    assert ">4<" in card(page(client, period="2026").content.decode(), CODE)
    with django_capture_on_commit_callbacks(execute=True):
        ReminderFactory(area=todos.street_a, due_on=date(2026, 9, 1))  # save(): a signal makes the cache stale
    assert ">5<" in card(page(client, period="2026").content.decode(), CODE)
    Reminder.objects.bulk_create([Reminder(kind="bureau.bulk", title="批量", area=todos.street_a,
                                           due_on=date(2026, 9, 2))])  # no signal: served from the cache
    assert ">5<" in card(page(client, period="2026").content.decode(), CODE)
    dashboard.invalidate()  # what imports and the demo loader do after their bulk writes
    assert ">6<" in card(page(client, period="2026").content.decode(), CODE)


def test_a_cached_page_costs_only_the_request_itself(todos, client_for, personas, django_assert_max_num_queries):
    client = client_for(personas.leader)
    page(client, period="2026")
    # session, user and its area (the navigation), the areas to choose from, the to-do badge, the session's
    # save, the office name's ancestors: no indicator query
    with django_assert_max_num_queries(8):
        page(client, period="2026")


def test_the_overview_costs_the_same_whatever_the_number_of_records(todos, client_for, personas,
                                                                   django_assert_num_queries):
    """Two computations of every group (this period, last year's), two queries per key measure, one for the
    overdue to-dos, plus the request's own: adding records adds no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.leader)
    with CaptureQueriesContext(connection) as first:
        page(client, period="2026")
    for day in range(1, 20):
        Reminder.objects.create(kind="bureau.more", title="更多", area=todos.street_b, due_on=date(2026, 5, day))
    dashboard.invalidate()
    with django_assert_num_queries(len(first.captured_queries)):
        page(client, period="2026")


def test_the_function_page_and_its_excel(todos, client_for, personas):
    client = client_for(personas.leader)
    content = page(client, "dashboard:function", ["mediation"], period="2026").content.decode()
    row = content[content.index(f'data-code="{CODE}"'):]
    assert "测试待办" in row and ">4<" in row
    export = page(client, "dashboard:function", ["mediation"], period="2026", export="xlsx")
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][:6] == ("指标代码", "指标名称", "单位", "2026年", "上年同期", "同比")
    assert rows[0][6:] == ("桂园街道", "黄贝街道")
    assert (CODE, "测试待办", "件", 4, 2, 1, 4, 0) in rows
    assert page(client, "dashboard:function", ["nope"]).status_code == 404


def test_a_section_sees_only_its_function(todos, client_for, areas):
    section = UserFactory(role=Role.SECTION, section=Function.LEGALAID, area=areas.district)
    assert page(client_for(section), "dashboard:function", ["mediation"]).status_code == 404
    assert f'data-code="{CODE}"' not in page(client_for(section)).content.decode()


def test_the_overview_as_excel_carries_the_codes(todos, client_for, personas):
    export = page(client_for(personas.leader), period="2026", export="xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(export.content))
    assert (CODE, "测试待办", "件", 4, 2, 1) in list(book["关键指标"].values)
    trend = list(book["月度趋势"].values)
    assert (CODE, 2026, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, None) in trend  # December is still to come
    assert (CODE, 2025, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0) in trend


def test_the_city_compares_its_districts(todos, client_for, personas):
    content = page(client_for(personas.admin), "dashboard:comparison", area="440300", period="2025").content.decode()
    assert "罗湖区" in content and "光明区" in content and 'id="compare-0"' in content
    export = page(client_for(personas.admin), "dashboard:comparison", area="440300", period="2025", export="xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.values)
    column = rows[0].index(CODE)
    assert rows[1][column] == "测试待办"
    assert {(r[0], r[1], r[column]) for r in rows[2:]} == {("罗湖区", "440303", 2), ("光明区", "440311", 0)}
