"""Must show: an advisor's 普法宣传教育活动 log entry appears among the district's activities (read-only, marked
来源：社区法律顾问, linking to the log) and is counted once — in the list, its totals, the API and the indicators."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from figures.periods import parse_period
from figures.stats import compute
from lawyers.models import ServiceKind, ServiceLog
from publicity.models import Activity

from .conftest import today


@pytest.fixture
def both(make_activity, log, advisors, pub_section):
    """Street A's activity (120) and the advisor's 普法 entry in 桂园东社区 (80), and a consultation that is not
    publicity."""
    activity = make_activity(audience=120)
    entry = log(kind=ServiceKind.PUBLICITY, count=80, notes="社区民法典宣传摊位")
    log(kind=ServiceKind.CONSULTATION, count=5)
    return activity, entry


@pytest.mark.django_db
def test_the_entry_appears_once_among_the_district_s_activities(client_for, pub_section, both):
    activity, entry = both
    page = client_for(pub_section).get(reverse("publicity:activity_list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count(f'id="advisor-{entry.pk}"') == 1 and html.count(f'id="activity-{activity.pk}"') == 1
    assert "来源：社区法律顾问" in html and "社区民法典宣传摊位" in html
    assert reverse("lawyers:servicelog_update", args=[entry.pk]) in html
    assert page.context["totals"] == {"activities": 2, "advisor": 1, "audience": 200}
    assert not Activity.objects.filter(title__contains="宣传摊位").exists()  # read beside, never copied


@pytest.mark.django_db
def test_the_indicators_count_the_entry_once(pub_section, both, areas):
    period = parse_period(str(today().year))
    values = compute(user=pub_section, area=areas.district, period=period,
                     codes=["publicity.activities", "publicity.activity_audience"])
    assert values == {"publicity.activities": 2, "publicity.activity_audience": 200}
    street_b = compute(user=pub_section, area=areas.street_b, period=period, codes=["publicity.activities"])
    assert street_b == {"publicity.activities": 0}


@pytest.mark.django_db
def test_the_combined_api_lists_both_once(client_for, pub_section, both):
    activity, entry = both
    body = client_for(pub_section).get("/api/v1/publicity/activities/combined/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert sorted((r["source"], r["record"]) for r in rows) == [("activity", activity.pk), ("advisor", entry.pk)]
    advisor_row = next(r for r in rows if r["source"] == "advisor")
    assert advisor_row["audience"] == 80 and advisor_row["area"] == "桂园东社区"


@pytest.mark.django_db
def test_filters_that_an_entry_has_no_value_for_leave_it_out(client_for, pub_section, both):
    client = client_for(pub_section)
    assert client.get(reverse("publicity:activity_list"), {"theme": "civil_code"}).context["totals"]["advisor"] == 0
    only = client.get(reverse("publicity:activity_list"), {"source": "advisor"}).context["totals"]
    assert only == {"activities": 1, "advisor": 1, "audience": 80}
    street_b = client.get(reverse("publicity:activity_list"), {"street": pub_section.area.children.get(
        code="440303002").pk}).context["totals"]
    assert street_b["activities"] == 0


@pytest.mark.django_db
def test_the_export_holds_both_rows(client_for, pub_section, both):
    answer = client_for(pub_section).get(reverse("publicity:activity_list"), {"_export": "xlsx"})
    sheet = load_workbook(BytesIO(answer.content)).active
    sources = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(sources) == ["本平台登记", "社区法律顾问"]


@pytest.mark.django_db
def test_another_street_sees_neither(client_for, personas, both):
    page = client_for(personas.clerk_b).get(reverse("publicity:activity_list"))
    assert page.context["totals"] == {"activities": 0, "advisor": 0, "audience": 0}


@pytest.mark.django_db
def test_a_deleted_entry_leaves_the_list_and_the_count(client_for, pub_section, both, areas):
    _activity, entry = both
    ServiceLog.objects.filter(pk=entry.pk).delete()
    assert client_for(pub_section).get(reverse("publicity:activity_list")).context["totals"]["activities"] == 1


@pytest.mark.django_db
def test_the_list_s_queries_do_not_grow_with_the_rows(client_for, pub_section, make_activity, log, advisors,
                                                      django_assert_max_num_queries):
    for n in range(12):
        make_activity(audience=10 + n, materials={"books": 5})
        log(kind=ServiceKind.PUBLICITY, count=3)
    client = client_for(pub_section)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("publicity:activity_list"))
    assert page.context["totals"]["activities"] == 24


@pytest.mark.django_db
def test_the_list_sorts_both_together(client_for, pub_section, both, make_activity):
    make_activity(audience=100)
    page = client_for(pub_section).get(reverse("publicity:activity_list"), {"sort": "row_audience"})
    assert [row.record["row_audience"] for row in page.context["table"].rows] == [80, 100, 120]
