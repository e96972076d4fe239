"""Monthly appraisal (月评比): points per unit of each kind, the ranking, closing a month."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lawyers import services
from lawyers.appraisal import ranking
from lawyers.models import Appraisal, AppraisalResult, Posting, ServiceKind as K
from tests.factories import LawyerFactory

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

MARCH = date(2026, 3, 1)


@pytest.fixture
def march(log, advisors, areas, personas):
    """张桂园 (A): 3 consultations of 2, 4 and 1 persons; a dispute of 2 resolved and one not; a lecture for 40;
    2 documents reviewed. 李黄贝 (B): one publicity event for 120 and 3 online services. A third advisor, 王闲,
    posted to 黄贝东社区 in March, logs nothing. One entry of A in April does not count.

    Default weights: consultation 1/人次, dispute 3/件 + 2 per resolved, lecture 8/场, documents 2/份,
    publicity 5/场, online 0.5/人次.
        A = 7×1 + 3×3 + 2×2 + 8 + 2×2 = 32;  B = 5 + 1.5 = 6.5;  王闲 = 0.
    """
    for count in (2, 4, 1):
        log(on=date(2026, 3, 2), count=count)
    log(on=date(2026, 3, 3), kind=K.DISPUTE, count=2, resolved=True)
    log(on=date(2026, 3, 4), kind=K.DISPUTE, count=1)
    log(on=date(2026, 3, 5), kind=K.LECTURE, count=40)
    log(on=date(2026, 3, 31), kind=K.DOCUMENT_REVIEW, count=2)
    log(on=date(2026, 4, 1), kind=K.LECTURE, count=10)
    log(lawyer=advisors.b, on=date(2026, 3, 9), kind=K.PUBLICITY, count=120)
    log(lawyer=advisors.b, on=date(2026, 3, 10), kind=K.ONLINE, count=3)
    idle = LawyerFactory(name="王闲", area=areas.street_b)
    Posting.objects.create(lawyer=idle, area=advisors.community_b, start_on=date(2026, 3, 15),
                           end_on=date(2026, 12, 31))
    return idle


def test_points_and_ranking_with_the_breakdown(march, advisors, areas):
    lines = ranking(areas.district, MARCH)
    assert [(line.name, line.rank, line.points, line.entries) for line in lines] == [
        ("张桂园", 1, Decimal("32"), 7), ("李黄贝", 2, Decimal("6.5"), 2), ("王闲", 3, Decimal("0"), 0)]
    a = lines[0]
    assert a.breakdown == {"consultation": (7, Decimal("7")), "dispute": (3, Decimal("13")),
                           "lecture": (1, Decimal("8")), "document_review": (2, Decimal("4"))}
    assert a.places == ["桂园东社区"] and a.hours == Decimal("7.0")


def test_the_districts_weights_and_equal_points_share_a_rank(march, advisors, areas, personas):
    section = personas.section
    section.section = "lawyers"
    section.save()
    weights = services.appraisal_weights_save(district=areas.district, by=section, weights={
        K.CONSULTATION: (Decimal("0"), Decimal("0")), K.DISPUTE: (Decimal("0"), Decimal("0")),
        K.LECTURE: (Decimal("0"), Decimal("0")), K.DOCUMENT_REVIEW: (Decimal("0"), Decimal("0")),
        K.PUBLICITY: (Decimal("1"), Decimal("0")), K.ONLINE: (Decimal("0"), Decimal("0"))})
    assert len(weights) == 6
    lines = ranking(areas.district, MARCH)
    assert [(line.name, line.rank, line.points) for line in lines] == [
        ("李黄贝", 1, Decimal("1")), ("张桂园", 2, Decimal("0")), ("王闲", 2, Decimal("0"))]  # ties: by name
    with pytest.raises(ValidationError, match="只有“参与受理矛盾纠纷”可以设置化解成功加分"):
        services.appraisal_weights_save(district=areas.district, by=section,
                                        weights={K.LECTURE: (Decimal("1"), Decimal("1"))})


def test_another_district_ranks_its_own_advisors(march, areas):
    assert ranking(areas.other_district, MARCH) == []


def test_closing_a_month_publishes_the_ranking_as_it_stood(march, advisors, areas, personas):
    section = personas.section
    section.section = "lawyers"
    section.save()
    with pytest.raises(ValidationError, match="只有区司法局律师工作科"):
        services.appraisal_close(district=areas.district, month=MARCH, comment="", by=personas.clerk_a)
    record = services.appraisal_close(district=areas.district, month=date(2026, 3, 17), comment="总体良好", by=section)
    assert record.month == MARCH and record.comment == "总体良好"
    results = list(AppraisalResult.objects.filter(appraisal=record).values_list("lawyer__name", "rank", "points"))
    assert results == [("张桂园", 1, Decimal("32.0")), ("李黄贝", 2, Decimal("6.5")), ("王闲", 3, Decimal("0.0"))]
    assert AppraisalResult.objects.get(lawyer=advisors.a).breakdown["dispute"] == [3, "13"]
    with pytest.raises(ValidationError, match="2026年3月的月评比已经完成"):
        services.appraisal_close(district=areas.district, month=MARCH, comment="", by=section)
    with pytest.raises(ValidationError, match="尚未结束"):
        services.appraisal_close(district=areas.district, month=services.last_month().replace(
            year=2100), comment="", by=section)
    assert Appraisal.objects.count() == 1


@pytest.mark.parametrize(("day", "bounds", "previous", "no_log_due"), [
    (date(2027, 1, 15), (date(2027, 1, 1), date(2027, 1, 31)), date(2026, 12, 1), date(2027, 2, 7)),
    (date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31)), date(2026, 11, 1), date(2027, 1, 7)),
    (date(2028, 2, 29), (date(2028, 2, 1), date(2028, 2, 29)), date(2028, 1, 1), date(2028, 3, 7)),
    (date(2026, 3, 31), (date(2026, 3, 1), date(2026, 3, 31)), date(2026, 2, 1), date(2026, 4, 7)),
])
def test_months_roll_over_years_and_leap_days(day, bounds, previous, no_log_due):
    from lawyers.appraisal import parse_month
    from lawyers.models import month_bounds
    from lawyers.reminders import no_log_due_on

    assert month_bounds(day) == bounds and services.last_month(day) == previous
    assert no_log_due_on(day) == no_log_due
    assert parse_month(f"{day:%Y-%m}", None) == bounds[0] and parse_month("2026-13", None) is None
