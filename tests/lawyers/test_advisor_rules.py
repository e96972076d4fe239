"""The records a posting or an entry names (its lawyer, community, service point, month) are checked by the
service, so the page, the API and the import refuse the same thing with the same message."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bureau.models import Area
from lawyers import services
from lawyers.models import Appraisal, Posting, ServiceLog, ServicePoint
from tests.factories import AreaFactory, LawyerFactory
from tests.lawyers.test_advisor_resources import HEADERS, row
from tests.lawyers.test_resources import run

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

POSTINGS = "/api/v1/lawyers/postings/"
LOGS = "/api/v1/lawyers/service-logs/"
OTHER_DISTRICT_LAWYER = "请选择本区执业的律师作为法律顾问。"
POINT_OUT_OF_REACH = "服务站点不存在或不在您的管辖范围内。"
LOCKED = "2026年3月的月评比已完成，该月的服务记录已锁定，不能新增、修改或删除。"


@pytest.fixture
def outsider(areas):
    """A practising lawyer of 光明区: not one a 罗湖区 office may post."""
    street = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    return LawyerFactory(name="陈光明", area=street)


@pytest.fixture
def point_b(advisors):
    return ServicePoint.objects.create(name="黄贝东社区公共法律服务室", kind="community_room", area=advisors.community_b)


@pytest.fixture
def point_a(advisors):
    """A point in 桂园东社区 to which 张桂园 (the advisor persona) is not posted."""
    return ServicePoint.objects.create(name="桂园东园区公共法律服务室", kind="park_room", area=advisors.community_a)


def posting(lawyer, area, point=None):
    return Posting(lawyer=lawyer, area=area, point=point, start_on=date(2026, 6, 1), end_on=date(2026, 6, 30))


def test_a_lawyer_of_another_district_is_not_posted_by_service_or_api(client_for, personas, advisors, outsider):
    with pytest.raises(ValidationError) as refused:
        services.posting_save(posting=posting(outsider, advisors.community_a), by=personas.clerk_a)
    assert refused.value.message_dict == {"lawyer": [OTHER_DISTRICT_LAWYER]}
    response = client_for(personas.clerk_a).post(POSTINGS, {
        "lawyer": outsider.pk, "area": "440303001001", "start_on": "2026-06-01", "end_on": "2026-06-30"},
        content_type="application/json")
    assert response.status_code == 400 and response.json()["lawyer"] == [OTHER_DISTRICT_LAWYER]
    # Street B's lawyer is of the same district: street A's office may post them.
    assert services.posting_save(posting=posting(advisors.b, advisors.community_a), by=personas.clerk_a).pk
    assert not Posting.objects.filter(lawyer=outsider).exists()


def test_a_community_or_point_out_of_reach_is_refused_alike(client_for, personas, advisors, point_b):
    message = "服务社区“黄贝东社区”不在您的管辖范围内。"
    with pytest.raises(ValidationError) as refused:
        services.posting_save(posting=posting(advisors.b, advisors.community_b), by=personas.clerk_a)
    assert refused.value.message_dict == {"area": [message]}
    client = client_for(personas.clerk_a)
    response = client.post(POSTINGS, {"lawyer": advisors.b.pk, "area": "440303002001", "start_on": "2026-06-01",
                                      "end_on": "2026-06-30"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["area"] == [message]
    response = client.post(POSTINGS, {"lawyer": advisors.b.pk, "point": point_b.pk, "start_on": "2026-06-01",
                                      "end_on": "2026-06-30"}, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"area": [message]}  # the point's community
    response = client.post(POSTINGS, {"lawyer": advisors.b.pk, "start_on": "2026-06-01", "end_on": "2026-06-30"},
                           content_type="application/json")
    assert response.status_code == 400 and response.json() == {"area": ["请选择服务社区或服务站点。"]}
    assert Posting.objects.count() == 2  # the fixture's


def test_an_advisor_logs_only_at_the_points_of_their_postings(client_for, personas, advisors, point_a):
    entry = ServiceLog(lawyer=advisors.a, area=advisors.community_a, point=point_a, on=date(2026, 3, 2),
                       kind="consultation")
    with pytest.raises(ValidationError) as refused:
        services.service_log_create(log=entry, by=personas.advisor)
    assert refused.value.message_dict == {"point": [POINT_OUT_OF_REACH]}
    response = client_for(personas.advisor).post(LOGS, {
        "point": point_a.pk, "on": "2026-03-02", "kind": "consultation"}, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"point": [POINT_OUT_OF_REACH]}
    # The street's office sees the point: its clerk logs there for the advisor.
    entry.point = point_a
    assert services.service_log_create(log=entry, by=personas.clerk_a).point == point_a


def test_a_locked_month_reads_the_same_on_the_page_in_the_api_and_the_import(client_for, personas, advisors,
                                                                            areas):
    Appraisal.objects.create(district=areas.district, month=date(2026, 3, 1), closed_by=personas.admin)
    html = client_for(personas.clerk_a).post(reverse("lawyers:servicelog_create"), {
        "lawyer": advisors.a.pk, "place": f"a{advisors.community_a.pk}", "kind": "consultation", "count": "1",
        "hours": "1", "on": "2026-03-02"}).content.decode()
    assert LOCKED in html
    response = client_for(personas.clerk_a).post(LOGS, {
        "lawyer": advisors.a.pk, "area": "440303001001", "on": "2026-03-02", "kind": "consultation"},
        content_type="application/json")
    assert response.status_code == 400 and response.json() == {"on": [LOCKED]}
    result = run("lawyers.servicelog", HEADERS, [row(advisors.a)], personas.clerk_a)
    assert [(e.row, e.column, e.message) for e in result.errors] == [(2, "服务日期", LOCKED)]
    assert not ServiceLog.objects.exists()
