"""The leaders' dashboards: composition, periods, jurisdiction, caching and its invalidation, Excel, 同比.

The test indicator group of tests/figures/conftest.py counts to-dos falling due in the period; `todos.year` is
last year (always finished), with 4 to-dos against 2 the year before. Nothing here assumes what today is:
tests of a running period travel to a day of their own.
"""

import re
from datetime import date, datetime, time
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.models import Reminder, Role
from figures import dashboard, stats
from figures.periods import parse_period
from tests.factories import ReminderFactory, UserFactory
from tests.figures.conftest import TEST_CODE

CODE = TEST_CODE


@pytest.fixture(autouse=True)
def fresh_figures():
    dashboard.invalidate()


def page(client, name="dashboard:overview", args=(), **params):
    return client.get(reverse(name, args=args), params)


def card(content, code):
    start = content.index(f'data-code="{code}"')
    return content[start:start + 800]


def travel_to(time_machine, day):
    time_machine.move_to(datetime.combine(day, time(10), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def more_todos(area, year, n, month=5):
    """n to-dos due in `month` of `year` (a base large enough for a percentage)."""
    for day in range(1, n + 1):
        ReminderFactory(area=area, due_on=date(year, month, day))


def test_the_overview_shows_key_figures_against_the_same_span_of_last_year(todos, client_for, personas):
    y = todos.year
    content = page(client_for(personas.leader), period=str(y)).content.decode()
    figure = card(content, CODE)
    assert "测试待办" in figure and ">4<" in figure
    assert "同比 基数较小" in figure and f"{y - 1}年 2" in figure  # 4 against 2 is not "+100%"
    assert f"同比：{y}年与{y - 1}年相比。" in content
    assert 'id="trend-0"' in content and 'id="breakdown"' in content
    assert "桂园街道" in content and "黄贝街道" in content


def test_a_percentage_needs_a_base_of_ten(todos, client_for, personas):
    y = todos.year
    more_todos(todos.street_b, y - 1, 8)  # 10 the year before
    figure = card(page(client_for(personas.leader), period=str(y)).content.decode(), CODE)
    assert "同比 −60.0%" in figure and f"{y - 1}年 10" in figure
    assert 'data-tone="neutral"' in figure  # the test indicator declares no direction


@pytest.mark.parametrize("better, tone", [(stats.Better.UP, "worse"), (stats.Better.DOWN, "better"),
                                         (stats.Better.NEITHER, "neutral")])
def test_the_colour_says_better_or_worse_never_just_up(better, tone):
    indicator = stats.Indicator("x.y", "某指标", "件", "", better=better)
    fell = stats.YearOnYear(indicator, 8, 20)
    assert (fell.kind, fell.text, fell.tone, fell.cell) == ("percent", "−60.0%", tone, -0.6)
    assert stats.YearOnYear(indicator, 4, 1).tone == "neutral"  # a small base is never coloured


def test_how_a_year_on_year_change_is_written():
    count = stats.Indicator("x.n", "件数", "件", "", better=stats.Better.DOWN)
    rate = stats.Indicator("x.r", "按期率", "率", "", better=stats.Better.UP)
    assert stats.YearOnYear(count, 4, 1).text == "基数较小"
    assert stats.YearOnYear(count, 12, 0).text == "基数较小"
    assert stats.YearOnYear(count, 0, 0).text == "—"
    assert stats.YearOnYear(count, 10, 10).text == "持平"
    assert stats.YearOnYear(count, 13, 10).text == "+30.0%"
    assert stats.YearOnYear(count, 13, 10).tone == "worse"
    from decimal import Decimal

    better = stats.YearOnYear(rate, Decimal("0.9580"), Decimal("0.9350"))
    assert (better.kind, better.text, better.tone, better.cell) == ("points", "+2.3个百分点", "better", 2.3)
    assert stats.YearOnYear(rate, None, Decimal("0.9")).text == "—"


def test_a_running_year_is_compared_up_to_the_same_day(todos, client_for, personas, time_machine):
    """On 20 March of the year with the data, that year means 1 January – 20 March, against the same days of
    the year before; what falls due later is not yet counted, and the page says which days it compares."""
    y = todos.year
    travel_to(time_machine, date(y, 3, 20))
    content = page(client_for(personas.leader)).content.decode()  # the current year by default
    assert f"罗湖区 · {y}年" in content
    figure = card(content, CODE)
    assert ">2<" in figure and f"{y - 1}年1月1日—3月20日 2" in figure
    assert f"同比：{y}年1月1日—3月20日与{y - 1}年1月1日—3月20日相比（本期尚未结束，两年均统计至3月20日）" in content
    export = page(client_for(personas.leader), export="xlsx")
    rows = list(load_workbook(BytesIO(export.content))["关键指标"].values)
    assert rows[0][3:6] == (f"{y}年1月1日—3月20日", f"上年同期（{y - 1}年1月1日—3月20日）", "同比")
    assert (CODE, "测试待办", "件", 2, 2, "基数较小") in rows
    trend = list(load_workbook(BytesIO(export.content))["月度趋势"].values)
    assert (CODE, "测试待办", "件", y, 0, 0, 2) + (None,) * 9 in trend  # April onwards is still to come

    travel_to(time_machine, date(y, 7, 31))  # a running year at a month's end: whole months
    more_todos(todos.street_b, y - 1, 10, month=7)
    more_todos(todos.street_b, y - 1, 5, month=8)  # after 31 July: not in the comparison
    dashboard.invalidate()
    content = page(client_for(personas.leader), period=str(y)).content.decode()
    assert f"同比：{y}年1—7月与{y - 1}年1—7月相比" in content
    assert "同比 −66.7%" in card(content, CODE)  # 4 against 12


def test_a_running_period_costs_no_more_queries(todos, client_for, personas, time_machine,
                                                django_assert_max_num_queries):
    """The cards of a span ending mid-month are read off the same daily GROUP BY as whole months."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.leader)
    page(client, period=str(todos.year))  # the year list is cached from here on
    dashboard.invalidate()
    with CaptureQueriesContext(connection) as finished:
        page(client, period=str(todos.year))
    travel_to(time_machine, date(todos.year, 5, 17))
    dashboard.invalidate()
    with django_assert_max_num_queries(len(finished.captured_queries) + 1):  # +1: the year list of a new day
        assert ">3<" in card(page(client, period=str(todos.year)).content.decode(), CODE)


def test_the_period_selector(todos, client_for, personas):
    client = client_for(personas.leader)
    y = todos.year
    assert ">3<" in card(page(client, year=y, span="Q1").content.decode(), CODE)
    assert ">1<" in card(page(client, year=y, span="07").content.decode(), CODE)
    ranged = page(client, year=y, span="range", start=f"{y}-03-15", end=f"{y}-07-01").content.decode()
    assert ">3<" in card(ranged, CODE) and f"{y}-03-15至{y}-07-01" in ranged
    assert f"同比：{y}年3月15日—7月1日与{y - 1}年3月15日—7月1日相比。" in ranged
    assert ">3<" in card(page(client, period=f"{y}-H1").content.decode(), CODE)  # links carry the key
    missing = page(client, year=y, span="range", start=f"{y}-03-15").content.decode()
    assert "自定义期间请填写开始和结束日期。" in missing


def test_the_years_run_from_the_earliest_record_to_this_year(todos, client_for, personas):
    client = client_for(personas.leader)
    content = page(client).content.decode()
    this_year = timezone.localdate().year
    select = content.split('name="year"', 1)[1].split("</select>", 1)[0]
    years = [int(year) for year in re.findall(r'value="(\d+)"', select)]
    assert years == list(range(this_year, todos.year - 2, -1))
    ReminderFactory(area=todos.street_b, due_on=date(2020, 6, 1))  # a 2020 record (the signal bumps the cache)
    dashboard.invalidate()
    assert '<option value="2020"' in page(client).content.decode()


@pytest.mark.parametrize("params, message", [
    ({"period": "garbage"}, "统计期间“garbage”格式不正确"),
    ({"period": "1999"}, "没有1999年的统计"),
    ({"year": "1999"}, "没有1999年的统计"),
    ({"period": "2031"}, "没有2031年的统计"),
    ({"period": "2031-03-01..2031-03-31"}, "没有2031年的统计"),
])
def test_an_unknown_period_is_an_error_never_another_year(todos, client_for, personas, params, message):
    response = page(client_for(personas.leader), **params)
    content = response.content.decode()
    assert response.status_code == 400 and message in content
    assert 'id="key-figures"' not in content and 'id="period-errors"' in content
    assert "罗湖区 · 20" not in content  # the title names no year it was not asked for
    function = page(client_for(personas.leader), "dashboard:function", ["trial"], **params)
    assert function.status_code == 400 and message in function.content.decode()


def test_a_period_not_yet_begun_is_an_error(todos, client_for, personas, time_machine):
    travel_to(time_machine, date(todos.year, 3, 20))
    content = page(client_for(personas.leader), period=f"{todos.year}-Q3").content.decode()
    assert f"{todos.year}年第三季度尚未开始" in content and 'id="key-figures"' not in content


@pytest.mark.parametrize("params", [{"period": "2019"}, {"year": "2019"}, {"period": "2019-Q2"}])
def test_a_year_before_the_first_record_is_that_year_with_a_note(todos, client_for, personas, params):
    content = page(client_for(personas.leader), **params).content.decode()
    assert "罗湖区 · 2019年" in content and 'id="no-records"' in content and ">0<" in card(content, CODE)
    assert '<option value="2019" selected' in content


def test_an_empty_area_shows_its_year_with_a_note(todos, client_for, personas):
    ReminderFactory(area=todos.street_a, due_on=date(2020, 6, 1))
    content = page(client_for(personas.admin), period="2020", area="440311").content.decode()
    assert "光明区 · 2020年" in content and 'id="no-records"' in content
    assert ">0<" in card(content, CODE)
    content = page(client_for(personas.admin), period="2020", area="440303").content.decode()
    assert "罗湖区 · 2020年" in content and ">1<" in card(content, CODE) and 'id="no-records"' not in content


def test_a_street_sees_its_street_and_nothing_above(todos, client_for, personas):
    clerk = client_for(personas.clerk_a)
    y = todos.year
    assert ">4<" in card(page(clerk, period=str(y)).content.decode(), CODE)  # their own street by default
    assert page(clerk, area="440303").status_code == 404
    assert page(clerk, area="440303002").status_code == 404
    assert ">3<" in card(page(clerk, year=y, span="Q1").content.decode(), CODE)
    assert page(client_for(personas.other_leader), area="440303").status_code == 404
    assert page(client_for(personas.advisor)).status_code == 403


def test_the_trend_and_the_breakdown_agree_with_the_indicator(todos, personas):
    y = todos.year
    year = parse_period(str(y))
    measure = stats.measure_for(CODE)
    months = dashboard.monthly(measure, todos.district, date(y - 1, 1, 1), year.end)
    assert months == {date(y - 1, 3, 1): 2, date(y, 3, 1): 3, date(y, 7, 1): 1}
    days = dashboard.daily(measure, todos.district, date(y - 1, 1, 1), year.end)
    assert sum(days.values()) == 6 and days[date(y, 3, 20)] == 1
    assert dashboard.by_child(measure, todos.district, year) == {todos.street_a.path: 4}
    assert dashboard.by_child(measure, todos.city, parse_period(str(y - 1))) == {todos.district.path: 2}


def test_a_new_record_shows_at_once_and_a_bulk_write_after_invalidation(todos, client_for, personas,
                                                                        django_capture_on_commit_callbacks):
    client = client_for(personas.leader)
    y = todos.year
    assert ">4<" in card(page(client, period=str(y)).content.decode(), CODE)
    with django_capture_on_commit_callbacks(execute=True):
        ReminderFactory(area=todos.street_a, due_on=date(y, 9, 1))  # save(): a signal makes the cache stale
    assert ">5<" in card(page(client, period=str(y)).content.decode(), CODE)
    Reminder.objects.bulk_create([Reminder(kind="bureau.bulk", title="批量", area=todos.street_a,
                                           due_on=date(y, 9, 2))])  # no signal: served from the cache
    assert ">5<" in card(page(client, period=str(y)).content.decode(), CODE)
    dashboard.invalidate()  # what imports and the demo loader do after their bulk writes
    assert ">6<" in card(page(client, period=str(y)).content.decode(), CODE)


def test_the_statistics_api_is_cached_as_the_dashboard_is(todos, client_for, personas,
                                                         django_capture_on_commit_callbacks,
                                                         django_assert_max_num_queries):
    """The API's figures come from the dashboards' cache: a write through the portal shows at once, a bulk write
    once invalidated; a cached answer costs no indicator query."""
    client = client_for(personas.leader)
    y = todos.year

    def figure():
        response = client.get("/api/v1/stats/", {"period": str(y), "codes": f"{CODE}, {CODE}"})
        assert response.status_code == 200, response.content
        return response.json()["indicators"][CODE]

    assert figure() == 4
    with django_assert_max_num_queries(3):  # the user, the area: no indicator is computed again
        assert figure() == 4
    with django_capture_on_commit_callbacks(execute=True):
        ReminderFactory(area=todos.street_a, due_on=date(y, 9, 1))
    assert figure() == 5
    Reminder.objects.bulk_create([Reminder(kind="bureau.bulk", title="批量", area=todos.street_a,
                                           due_on=date(y, 9, 2))])
    assert figure() == 5
    dashboard.invalidate()
    assert figure() == 6
    assert client.get("/api/v1/stats/", {"period": str(y), "codes": "nonsense"}).status_code == 400


def test_the_cache_key_carries_the_day(todos, client_for, personas, time_machine):
    """The same period read on another day is another comparison: never yesterday's cached span."""
    y = todos.year
    client = client_for(personas.leader)
    travel_to(time_machine, date(y, 3, 19))
    assert ">1<" in card(page(client, period=str(y)).content.decode(), CODE)
    travel_to(time_machine, date(y, 3, 20))
    client = client_for(personas.leader)  # a day later: the idle session has expired
    assert ">2<" in card(page(client, period=str(y)).content.decode(), CODE)


def test_a_cached_page_costs_only_the_request_itself(todos, client_for, personas, django_assert_max_num_queries):
    client = client_for(personas.leader)
    page(client, period=str(todos.year))
    # session, user and its area (the navigation), the areas to choose from, the to-do badge, the session's
    # save, the office name's ancestors: no indicator query, and the year list is cached too
    with django_assert_max_num_queries(8):
        page(client, period=str(todos.year))


def test_the_overview_costs_the_same_whatever_the_number_of_records(todos, client_for, personas,
                                                                   django_assert_num_queries):
    """Two computations of every group (this period, last year's), two queries per key measure, one for the
    overdue to-dos, one for the year list, plus the request's own: adding records adds no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.leader)
    with CaptureQueriesContext(connection) as first:
        page(client, period=str(todos.year))
    for day in range(1, 20):
        Reminder.objects.create(kind="bureau.more", title="更多", area=todos.street_b,
                                due_on=date(todos.year, 5, day))
    dashboard.invalidate()
    with django_assert_num_queries(len(first.captured_queries)):
        page(client, period=str(todos.year))


def test_the_function_page_and_its_excel(todos, client_for, personas):
    client = client_for(personas.leader)
    y = todos.year
    more_todos(todos.street_b, y - 1, 8)
    content = page(client, "dashboard:function", ["trial"], period=str(y)).content.decode()
    row = content[content.index(f'data-code="{CODE}"'):]
    assert "测试待办" in row and ">4<" in row and "−60.0%" in row
    assert f"同比：{y}年与{y - 1}年相比。" in content and "上年同期数不足10的不计算增减幅度" in content
    export = page(client, "dashboard:function", ["trial"], period=str(y), export="xlsx")
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][:6] == ("指标代码", "指标名称", "单位", f"{y}年", f"上年同期（{y - 1}年）", "同比")
    assert rows[0][6:] == ("桂园街道", "黄贝街道")
    assert (CODE, "测试待办", "件", 4, 10, -0.6, 4, 0) in rows
    assert (f"同比：{y}年与{y - 1}年相比。",) + (None,) * 7 in rows
    assert page(client, "dashboard:function", ["nope"]).status_code == 404


def test_a_section_sees_only_its_function(todos, client_for, areas):
    section = UserFactory(role=Role.SECTION, section="legalaid", area=areas.district)
    assert page(client_for(section), "dashboard:function", ["trial"]).status_code == 404
    assert f'data-code="{CODE}"' not in page(client_for(section)).content.decode()


def test_the_overview_as_excel_carries_the_codes(todos, client_for, personas):
    y = todos.year
    export = page(client_for(personas.leader), period=str(y), export="xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(export.content))
    assert (CODE, "测试待办", "件", 4, 2, "基数较小") in list(book["关键指标"].values)
    trend = list(book["月度趋势"].values)
    assert (CODE, "测试待办", "件", y, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0) in trend  # a finished year: every month
    assert (CODE, "测试待办", "件", y - 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0) in trend
    below = list(book["分区域"].values)  # names and units beside the codes, figures as numbers
    assert below[0][:3] == ("指标代码", "指标名称", "单位")
    row = next(r for r in below if r[0] == CODE)
    assert row[1:3] == ("测试待办", "件") and all(isinstance(v, int) for v in row[3:])


def test_the_city_compares_its_districts(todos, client_for, personas):
    y = todos.year
    content = page(client_for(personas.admin), "dashboard:comparison", area="440300",
                   period=str(y - 1)).content.decode()
    assert "罗湖区" in content and "光明区" in content and 'id="compare-0"' in content
    export = page(client_for(personas.admin), "dashboard:comparison", area="440300", period=str(y - 1),
                  export="xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.values)
    column = rows[0].index(CODE)
    assert rows[1][column] == "测试待办"
    assert {(r[0], r[1], r[column]) for r in rows[2:]} == {("罗湖区", "440303", 2), ("光明区", "440311", 0)}


def test_imported_2020_records_give_the_same_figures_everywhere(todos, client_for, personas):
    """Records dated in 2020 (written in bulk, as an import does): the overview, the function table, the API
    and a built report give the same figures for 2020."""
    from bureau.models import Report
    from figures import reports
    from legalaid.models import Consultation

    Consultation.objects.bulk_create([
        Consultation(area=todos.street_a, on=date(2020, 3, 2), topic="labour", person_times=3,
                     recorded_by=personas.section),
        Consultation(area=todos.street_b, on=date(2020, 11, 30), topic="family", person_times=4,
                     recorded_by=personas.section),
    ])
    Reminder.objects.bulk_create([Reminder(kind="bureau.imported", title="导入", area=todos.street_a,
                                           due_on=date(2020, day, 1)) for day in (1, 6, 12)])
    dashboard.invalidate()  # what the import pipeline does after its commit
    client = client_for(personas.leader)
    codes = ["legalaid.consultations", CODE]

    overview = load_workbook(BytesIO(page(client, period="2020", area="440303", export="xlsx").content))
    from_overview = {row[0]: row[3] for row in overview["关键指标"].values if row[0] in codes}
    tables = {}
    for function in ("legalaid", "trial"):
        book = load_workbook(BytesIO(page(client, "dashboard:function", [function], period="2020", area="440303",
                                          export="xlsx").content))
        tables.update({row[0]: row[3] for row in book.active.values if row[0] in codes})
    api = client.get("/api/v1/stats/", {"period": "2020", "area": "440303"}).json()["indicators"]
    report = reports.report_build(report=Report.objects.create(
        requested_by=personas.leader, area=todos.district, period="2020", period_label="2020年",
        functions=sorted(personas.leader.functions)))

    expected = {"legalaid.consultations": 7, CODE: 3}
    assert from_overview == tables == {code: api[code] for code in codes} == expected
    assert {code: report.figures["values"][code] for code in codes} == expected
    assert "罗湖区 · 2020年" in page(client, period="2020", area="440303").content.decode()
