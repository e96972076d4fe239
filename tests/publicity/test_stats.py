"""The indicators against hand counts; the measures add up to them; the report paragraph."""

from datetime import date

import pytest

from figures.dashboard import by_child, daily
from figures.periods import parse_period
from figures.stats import ReportScope, compute, measure_for, paragraph_writer, stock_for
from lawyers.models import ServiceKind
from publicity.models import Organiser
from tests.comparison import assert_compared_as_computed

from .conftest import today


@pytest.fixture
def year(make_activity, make_product, make_position, log, advisors, pub_section, areas):
    """This year: two activities of street A (120 + 60 people; 50 books, 300 + 100 leaflets), one of the bureau
    (400), the advisor's 普法 entry (80 people); last year one more activity; media: 2 videos, 1 live stream, 1
    micro-lesson, 1 post this year, 1 video last year; positions: provincial and city valid, a district one
    revoked at the start of this year."""
    first = date(today().year, 1, 1)
    make_activity(audience=120, held_on=first, materials={"books": 50, "leaflets": 300})
    make_activity(audience=60, held_on=today(), materials={"leaflets": 100})
    make_activity(audience=400, held_on=today(), area=areas.district, organiser_kind=Organiser.BUREAU,
                  by=pub_section)
    make_activity(audience=999, held_on=date(today().year - 1, 6, 1), materials={"books": 7})
    log(kind=ServiceKind.PUBLICITY, count=80, on=first)
    for kind in ("video", "video", "live_stream", "micro_lesson", "post"):
        make_product(kind=kind, published_on=first)
    make_product(kind="video", published_on=date(today().year - 1, 12, 31))
    make_position(level="provincial", awarded_on=date(2021, 1, 1))
    make_position(level="city", awarded_on=first)
    make_position(level="district", awarded_on=date(2021, 1, 1), revoked_on=first)
    return parse_period(str(today().year))


@pytest.mark.django_db
def test_the_figures_equal_the_hand_counts(year, pub_section, areas):
    v = compute(user=pub_section, area=areas.district, period=year)
    assert v["publicity.activities"] == 4
    assert v["publicity.activity_audience"] == 120 + 60 + 400 + 80
    assert (v["publicity.videos"], v["publicity.live_streams"], v["publicity.micro_lessons"]) == (2, 1, 1)
    assert v["publicity.materials.books"] == 50 and v["publicity.materials.leaflets"] == 400
    assert v["publicity.materials.gifts"] == 0
    assert (v["publicity.positions.national"], v["publicity.positions.provincial"], v["publicity.positions.city"],
            v["publicity.positions.district"]) == (0, 1, 1, 0)
    street_a = compute(user=pub_section, area=areas.street_a, period=year)
    assert street_a["publicity.activities"] == 3 and street_a["publicity.activity_audience"] == 260


@pytest.mark.django_db
def test_last_year_is_counted_apart(year, pub_section, areas):
    last = compute(user=pub_section, area=areas.district, period=parse_period(str(today().year - 1)),
                   codes=["publicity.activities", "publicity.videos", "publicity.materials.books"])
    assert last == {"publicity.activities": 1, "publicity.videos": 1, "publicity.materials.books": 7}


@pytest.mark.django_db
def test_the_comparison_of_streets_adds_the_activities_and_the_advisors_entries_as_computed(year, pub_section, areas):
    by_street = assert_compared_as_computed(pub_section, areas.district, str(today().year),
                                            ["publicity.activities", "publicity.activity_audience"])
    assert by_street[areas.street_a.code] == {"publicity.activities": 3, "publicity.activity_audience": 260}


@pytest.mark.django_db
def test_the_measures_and_stocks_add_up_to_the_indicators(year, pub_section, areas):
    v = compute(user=pub_section, area=areas.district, period=year)
    for code in ("publicity.videos", "publicity.live_streams", "publicity.materials.books",
                 "publicity.materials.leaflets"):
        measure = measure_for(code)
        assert sum(daily(measure, areas.district, year.start, year.end).values()) == v[code], code
        assert sum(by_child(measure, areas.district, year).values()) == v[code], code
    assert stock_for("publicity.positions.city").on(areas.district, year.end) == 1


@pytest.mark.django_db
def test_the_api_answers_the_same(client_for, pub_section, year, areas):
    answer = client_for(pub_section).get("/api/v1/stats/", {
        "period": str(today().year), "area": "440303", "codes": "publicity.activities,publicity.activity_audience"})
    assert answer.status_code == 200
    assert answer.json()["indicators"] == {"publicity.activities": 4, "publicity.activity_audience": 660}


@pytest.mark.django_db
def test_the_report_paragraph(year, pub_section, areas):
    v = compute(user=pub_section, area=areas.district, period=year)
    text = paragraph_writer("publicity")(v, ReportScope("全区", year))
    assert "开展普法活动4场，受众660人次，发放普法书籍50份、宣传折页400份" in text
    assert "制作普法小视频2个，开展专题网络直播1场，推出普法微课堂1期" in text
    assert "期末共有法治文化阵地：省级1个、市级1个。" in text


def test_the_paragraph_reads_the_exam_s_figures_when_given():
    period = parse_period("2025")
    v = {"publicity.activities": 0, "publicity.exam_participants": 900,
         "publicity.exam_participation_rate": 0.9567, "publicity.exam_excellent_rate": 0.5}
    text = paragraph_writer("publicity")(v, ReportScope("全区", period))
    assert "本期全区未登记普法活动。" in text
    assert "组织900名干部职工开展学法考试，参与率达95.7%，优秀率达50%。" in text


@pytest.mark.django_db
def test_one_group_for_the_function():
    from figures.stats import registered_groups

    assert len([g for g in registered_groups() if g.function == "publicity"]) == 1
    codes = {i.code for g in registered_groups() if g.function == "publicity" for i in g.indicators}
    assert {"publicity.activities", "publicity.positions.city"} <= codes


