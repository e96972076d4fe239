"""/api/v1/public_service/: the pages' visibility and filters; answering and attendance are service actions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from public_service import services

from .conftest import PHONE, tomorrow_at

pytestmark = pytest.mark.django_db


def rows(answer):
    return answer["results"] if isinstance(answer, dict) else answer


def test_sites_are_listed_within_the_caller_s_area_and_filtered(client_for, personas, network,
                                                               django_assert_max_num_queries):
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(10):
        answer = rows(client.get("/api/v1/public_service/sites/").json())
    names = {row["name"] for row in answer}
    assert names == {"桂园街道公共法律服务工作站", "桂园东社区公共法律服务室"}
    assert client.get(f"/api/v1/public_service/sites/{network.station_b.pk}/").status_code == 404
    section = client_for(network.section)
    stations = rows(section.get("/api/v1/public_service/sites/", {"level": "station"}).json())
    assert {row["level"] for row in stations} == {"station"} and len(stations) == 2


def test_a_question_is_answered_through_the_api_and_refused_across_streets(client_for, personas, network, areas,
                                                                          calendar_loaded):
    question = services.question_ask(street=areas.street_a, category="labour", text="公司拖欠我两个月工资怎么办？",
                                     phone=PHONE)
    url = f"/api/v1/public_service/questions/{question.pk}/answer/"
    assert client_for(personas.clerk_b).post(url, {"answer": "可以申请仲裁。"}).status_code == 404
    empty = client_for(personas.clerk_a).post(url, {"answer": "好"})
    assert empty.status_code == 400 and "请填写答复内容" in empty.content.decode()
    done = client_for(personas.advisor).post(url, {"answer": "可以向劳动仲裁委员会申请仲裁。"})
    assert done.status_code == 200 and done.json()["answered_on"] == timezone.localdate().isoformat()


def test_bookings_mask_the_phone_and_attendance_is_an_action(client_for, personas, network):
    booking = services.booking_create(point=network.station_a, starts_at=tomorrow_at(9), phone=PHONE, name="王先生",
                                      matter="咨询")
    day = (timezone.localdate() + timedelta(days=1)).isoformat()
    listed = rows(client_for(personas.clerk_a).get("/api/v1/public_service/bookings/", {"on": day}).json())
    assert [row["phone"] for row in listed] == ["138****8000"]
    refused = client_for(personas.clerk_a).post(f"/api/v1/public_service/bookings/{booking.pk}/attend/",
                                                {"attended": True, "service_given": "解答"})
    assert refused.status_code == 400 and "预约日期未到" in refused.content.decode()
