"""The staff pages: jurisdiction (street B gets a 404 for street A's records), pinned query counts, the Excel
export, the day's bookings with attendance, answering a question, and classes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from public_service import services
from public_service.models import Booking, LegalClass

from .conftest import PHONE, tomorrow_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(network):
    """Tomorrow at 9:00."""
    return services.booking_create(point=network.station_a, starts_at=tomorrow_at(9), phone=PHONE, name="王先生",
                                   matter="工资被拖欠")


def today_at(hour, minute=0):
    return tomorrow_at(hour, minute) - timedelta(days=1)


@pytest.fixture
def question(network, areas, calendar_loaded):
    return services.question_ask(street=areas.street_a, category="labour", text="公司拖欠我两个月工资，怎么办？",
                                 phone=PHONE)


def test_a_street_lists_its_sites_and_another_street_gets_a_404(client_for, personas, network):
    page = client_for(personas.clerk_a).get(reverse("public_service:site_list"))
    text = page.content.decode()
    assert "桂园街道公共法律服务工作站" in text and "黄贝街道公共法律服务工作站" not in text
    detail = reverse("public_service:site_detail", args=[network.station_a.pk])
    assert client_for(personas.clerk_a).get(detail).status_code == 200
    assert client_for(personas.clerk_b).get(detail).status_code == 404
    assert client_for(personas.clerk_b).get(
        reverse("public_service:site_hours", args=[network.station_a.pk])).status_code == 404


def test_the_site_list_exports_and_its_queries_are_pinned(client_for, personas, network,
                                                          django_assert_max_num_queries):
    client = client_for(network.section)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("public_service:site_list")).status_code == 200
    export = client.get(reverse("public_service:site_list"), {"_export": "xlsx"})
    assert export.status_code == 200 and "spreadsheet" in export["Content-Type"]


def test_the_office_edits_a_site_s_hours_and_roster(client_for, personas, network):
    client = client_for(personas.clerk_a)
    url = reverse("public_service:site_hours", args=[network.station_a.pk])
    data = {"hours-TOTAL_FORMS": "2", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "1000",
            "hours-0-weekday": "0", "hours-0-start": "09:00", "hours-0-end": "12:00", "hours-0-slot_minutes": "30",
            "hours-0-slot_limit": "4",
            "hours-1-weekday": "2", "hours-1-start": "14:00", "hours-1-end": "17:00", "hours-1-slot_minutes": "60",
            "hours-1-slot_limit": "2"}
    assert client.post(url, data).status_code == 302
    assert network.station_a.hours.count() == 2
    other = services.lawyers_on_duty([network.station_a], timezone.localdate() + timedelta(days=1))
    assert other == {}
    answer = client.post(reverse("public_service:site_duty", args=[network.station_a.pk]), {
        "on": (timezone.localdate() + timedelta(days=1)).isoformat(), "lawyer": network.advisor_lawyer.pk})
    assert answer.status_code == 302
    assert services.lawyers_on_duty([network.station_a], timezone.localdate() + timedelta(days=1)) == {
        network.station_a.pk: ["刘律师"]}


def test_the_day_s_bookings_and_attendance(client_for, personas, network, booking,
                                           django_assert_max_num_queries):
    day = (timezone.localdate() + timedelta(days=1)).isoformat()
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(14):
        listed = client.get(reverse("public_service:booking_list"), {"on": day})
    assert booking.code in listed.content.decode()
    assert booking.code not in client_for(personas.clerk_b).get(
        reverse("public_service:booking_list"), {"on": day}).content.decode()
    assert client_for(personas.clerk_b).get(booking.get_absolute_url()).status_code == 404
    today = services.booking_create(point=network.station_a, starts_at=today_at(11, 30), phone=PHONE, name="李女士",
                                    matter="离婚咨询")  # the clock is at 10:00: later today
    client = client_for(personas.clerk_a)
    answer = client.post(reverse("public_service:booking_action", args=[today.pk, "attend"]),
                         {"attended": "1", "service_given": "解答欠薪维权途径"})
    assert answer.status_code == 302
    today.refresh_from_db()
    assert today.status == "attended" and today.service_given == "解答欠薪维权途径"
    refused = client.post(reverse("public_service:booking_action", args=[booking.pk, "attend"]),
                          {"attended": "0"})
    assert "预约日期未到" in refused.content.decode()


def test_the_advisor_answers_a_question_of_their_street_on_its_page(client_for, personas, network, question):
    client = client_for(personas.advisor)
    assert question.code in client.get(reverse("public_service:question_list")).content.decode()
    answer = client.post(question.get_absolute_url(), {"answer": "可以向劳动仲裁委员会申请仲裁。"})
    assert answer.status_code == 302
    question.refresh_from_db()
    assert question.is_answered and question.answered_by == personas.advisor
    assert client_for(personas.clerk_b).get(question.get_absolute_url()).status_code == 404


def test_the_question_list_s_queries_are_pinned(client_for, personas, network, question, areas,
                                                django_assert_max_num_queries):
    for _ in range(5):
        services.question_ask(street=areas.street_a, category="family", text="离婚财产如何分割的问题咨询", phone=PHONE)
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("public_service:question_list")).status_code == 200


def test_classes_are_published_and_their_attendance_recorded(client_for, personas, network, areas):
    client = client_for(personas.clerk_a)
    starts = timezone.localtime(tomorrow_at(15)).strftime("%Y-%m-%dT%H:%M")
    answer = client.post(reverse("public_service:class_create"), {
        "kind": "class", "title": "民法典与百姓生活", "area": areas.street_a.pk, "place": "工作站二楼",
        "starts_at": starts, "capacity": "40"})
    legal_class = LegalClass.objects.get()
    assert answer.status_code == 302 and legal_class.created_by == personas.clerk_a
    assert client_for(personas.clerk_b).get(legal_class.get_absolute_url()).status_code == 404
    client = client_for(personas.clerk_a)
    done = client.post(reverse("public_service:class_action", args=[legal_class.pk, "hold"]), {
        "held_on": timezone.localdate().isoformat(), "attendees": "31"})
    assert done.status_code == 302
    legal_class.refresh_from_db()
    assert legal_class.status == "held" and legal_class.attendees == 31


def test_an_advisor_does_not_use_the_network_s_registers(client_for, personas, network):
    assert client_for(personas.advisor).get(reverse("public_service:site_list")).status_code == 403
    assert Booking.objects.count() == 0
