"""The network's public_service.* indicators on crafted 2025 data counted by hand; the dashboards' measures and
stocks agree with them; the report paragraph. Rows are written directly, as they stand after the services
(the residents' services only act on today and the future)."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from figures.periods import parse_period
from figures.stats import compute, paragraph_writer
from lawyers.models import Posting, ServicePoint
from public_service.models import Booking, ClassStatus, Duty, LegalClass, Question, Slot

pytestmark = pytest.mark.django_db

MINE = ["public_service.appointments", "public_service.online_consultations", "public_service.classes",
        "public_service.class_attendances"]


def at(day, hour=9):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def booking(point, day, status, phone="13800138000"):
    slot, _ = Slot.objects.get_or_create(point=point, starts_at=at(day), defaults={"ends_at": at(day, 10), "limit": 5})
    return Booking.objects.create(slot=slot, point=point, on=day, phone=phone, name="王", matter="咨询", status=status)


def question(street, asked, due, answered=None):
    return Question.objects.create(
        phone="13800138000", street=street, category="labour", text="工资被拖欠怎么办？请帮忙解答。", asked_on=asked,
        asked_at=at(asked), due_on=due, answer="可以申请劳动仲裁。" if answered else "", answered_on=answered,
        answered_at=at(answered, 16) if answered else None)


@pytest.fixture
def crafted(network, areas, personas):
    """Sites (罗湖区): centre, station A, room A (桂园东社区), station B; a park room opened 2025-07-01; a room
    closed 2025-05-01. Advisors at end-2025: the personas' advisor posted to room A all 2025, a lawyer on station
    B's roster on 2025-12-20 (one posted only to a community does not count). Bookings 2025: A: 3 served (Mar,
    Mar, Jun), 1 absent, 1 cancelled; B: 1 served (Aug); one served in 2024. Questions answered in 2025: A: on
    time (Mar), late (Apr); B: on time (Sep); open one (Dec). Classes held 2025: A 2 (30 + 12 people), B 1 (25);
    a planned one."""
    from tests.factories import LawyerFactory

    network.room_a.opened_on = date(2020, 1, 1)
    network.room_a.save()
    ServicePoint.objects.create(name="园区工作室", kind=ServicePoint.Kind.PARK_ROOM, area=areas.community_a,
                                opened_on=date(2025, 7, 1))
    ServicePoint.objects.create(name="旧工作室", kind=ServicePoint.Kind.COMMUNITY_ROOM, area=areas.community_a,
                                opened_on=date(2019, 1, 1), closed_on=date(2025, 5, 1), is_active=False)
    Posting.objects.all().delete()
    Posting.objects.create(lawyer=network.advisor_lawyer, area=areas.community_a, point=network.room_a,
                           start_on=date(2025, 1, 1), end_on=date(2025, 12, 31))
    Posting.objects.create(lawyer=LawyerFactory(area=areas.district), area=areas.community_a,
                           start_on=date(2025, 1, 1), end_on=date(2025, 12, 31))
    Duty.objects.create(point=network.station_b, on=date(2025, 12, 20), lawyer=LawyerFactory(area=areas.district))
    a, b = network.station_a, network.station_b
    for day, status in [(date(2025, 3, 3), "attended"), (date(2025, 3, 4), "attended"), (date(2025, 6, 2), "attended"),
                        (date(2025, 6, 3), "absent"), (date(2025, 6, 4), "cancelled")]:
        booking(a, day, status)
    booking(b, date(2025, 8, 5), "attended")
    booking(a, date(2024, 12, 30), "attended")
    question(areas.street_a, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 4))
    question(areas.street_a, date(2025, 4, 1), date(2025, 4, 3), date(2025, 4, 8))
    question(areas.street_b, date(2025, 9, 1), date(2025, 9, 3), date(2025, 9, 3))
    question(areas.street_a, date(2025, 12, 30), date(2026, 1, 2))
    for area, held, people in [(areas.street_a, date(2025, 5, 10), 30), (areas.street_a, date(2025, 10, 10), 12),
                               (areas.street_b, date(2025, 11, 11), 25)]:
        LegalClass.objects.create(title="法律课堂", area=area, place="站点", starts_at=at(held, 15), capacity=50,
                                  status=ClassStatus.HELD, held_on=held, attendees=people, created_by=personas.clerk_a)
    LegalClass.objects.create(title="预告", area=areas.street_a, place="站点", starts_at=at(date(2025, 12, 1), 15),
                              capacity=50, created_by=personas.clerk_a)
    return network


def figures(user, area, key):
    return compute(user=user, area=area, period=parse_period(key))


def test_the_network_s_indicators_equal_the_hand_counts(crafted, personas, areas):
    district = figures(personas.leader, areas.district, "2025")
    assert {code: district[code] for code in district if not _campaign(code)} == {
        "public_service.sites": 5, "public_service.sites_centre": 1, "public_service.sites_station": 2,
        "public_service.sites_room": 2, "public_service.advisors_integrated": 2,
        "public_service.appointments": 4, "public_service.online_consultations": 3,
        "public_service.online_answered_on_time_rate": Decimal("0.6667"),
        "public_service.classes": 3, "public_service.class_attendances": 67,
    }
    street_a = figures(personas.clerk_a, areas.street_a, "2025")
    assert (street_a["public_service.sites"], street_a["public_service.appointments"],
            street_a["public_service.online_consultations"], street_a["public_service.online_answered_on_time_rate"],
            street_a["public_service.class_attendances"], street_a["public_service.advisors_integrated"]) == (
        3, 3, 2, Decimal("0.5000"), 42, 1)
    # the park room opened in July, the old room closed in May
    assert figures(personas.leader, areas.district, "2025-H1")["public_service.sites_room"] == 1


def _campaign(code):
    from public_service.stats import NETWORK_INDICATORS

    return code not in {i.code for i in NETWORK_INDICATORS}


def test_the_indicators_take_a_handful_of_queries(crafted, personas, areas, django_assert_max_num_queries):
    from public_service.stats import network

    with django_assert_max_num_queries(6):
        network(areas.district, parse_period("2025"))


def test_each_measure_agrees_with_its_indicator_by_month_and_by_street(crafted, personas, areas):
    from figures import dashboard, stats

    year = parse_period("2025")
    indicators = figures(personas.leader, areas.district, "2025")
    for code in MINE:
        measure = stats.measure_for(code)
        months = dashboard.monthly(measure, areas.district, year.start, year.end)
        assert sum(months.values()) == indicators[code], code
        for month_start, value in months.items():
            assert figures(personas.leader, areas.district, f"{month_start:%Y-%m}")[code] == value, code
        streets = dashboard.by_child(measure, areas.district, year)
        for street in (areas.street_a, areas.street_b):
            assert streets.get(street.path, 0) == figures(personas.leader, street, "2025")[code], (code, street)


@pytest.mark.parametrize("key", ["2025", "2025-H1", "2025-06"])
def test_each_stock_agrees_with_its_indicator(crafted, personas, areas, key):
    from figures import stats

    period = parse_period(key)
    for area in (areas.district, areas.street_a, areas.street_b):
        got = figures(personas.leader, area, key)
        for code in got:
            if code.startswith("public_service.") and stats.stock_for(code) is not None:
                assert stats.stock_for(code).on(area, period.end) == got[code], (code, area, key)


def test_the_work_report_paragraph(crafted, personas, areas):
    from figures.stats import ReportScope

    values = figures(personas.leader, areas.district, "2025")
    text = paragraph_writer("public_service")(values, ReportScope("全区", parse_period("2025")))
    assert "共有公共法律服务站点5个（公共法律服务中心1个、工作站2个、工作室2个），整合法律顾问2人" in text
    assert "线下预约服务4人次" in text and "答复线上法律咨询3件，按时答复率为66.7%" in text
    assert "举办法律课堂和法治活动3期、67人次参加" in text


def test_the_paragraph_reads_without_the_campaigns_codes(crafted, personas, areas):
    from figures.stats import ReportScope
    from public_service.stats import network

    text = paragraph_writer("public_service")(network(areas.district, parse_period("2025")),
                                              ReportScope("全区", parse_period("2025")))
    assert "法律服务券" not in text and "线下预约服务4人次" in text
