"""Public legal service fixtures: a small network in 罗湖区 of the personas, open every day (so a slot exists
tomorrow whatever the run's day), the personas' advisor posted to 桂园东社区 and on duty at 桂园's station today,
and a helper giving a resident's client a verified phone.

    桂园街道 (street A): station_a ─ room_a (桂园东社区, advisor's posting)   clerk_a
    黄贝街道 (street B): station_b                                            clerk_b
"""

from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from lawyers.models import Posting, ServicePoint, SiteService
from public_service import sms
from public_service.models import Duty, OpeningHours
from public_service.views.resident import SESSION_PHONE
from tests.factories import LawyerFactory, UserFactory

PHONE = "13800138000"
OTHER_PHONE = "13900139000"


def every_day(point, limit=5, start=time(9), end=time(12)):
    OpeningHours.objects.bulk_create([OpeningHours(point=point, weekday=day, start=start, end=end, slot_minutes=30,
                                                   slot_limit=limit) for day in range(7)])


def tomorrow_at(hour, minute=0):
    return datetime.combine(timezone.localdate() + timedelta(days=1), time(hour, minute),
                            tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.SMS_BACKEND = "public_service.sms.OutboxBackend"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no rate limit counted: this worker's ps-rate keys are deleted (cache.clear() would
    empty the Redis database the other xdist worker's tests are using, their cached dashboards included)."""
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=cache.make_key("ps-rate:*")))
    if keys:
        client.delete(*keys)


@pytest.fixture
def network(areas, personas):
    today = timezone.localdate()
    station_a = ServicePoint.objects.create(
        name="桂园街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION, area=areas.street_a,
        address="桂园街道办事处一楼", latitude="22.548000", longitude="114.120000",
        services=[SiteService.CONSULTATION, SiteService.MEDIATION])
    room_a = ServicePoint.objects.create(
        name="桂园东社区公共法律服务室", kind=ServicePoint.Kind.COMMUNITY_ROOM, area=areas.community_a,
        services=[SiteService.CONSULTATION])
    station_b = ServicePoint.objects.create(
        name="黄贝街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION, area=areas.street_b,
        services=[SiteService.CONSULTATION, SiteService.LEGAL_AID])
    centre = ServicePoint.objects.create(name="罗湖区公共法律服务中心", kind=ServicePoint.Kind.DISTRICT_CENTRE,
                                         area=areas.district)
    for point in (station_a, room_a, station_b, centre):
        every_day(point)
    advisor_lawyer = LawyerFactory(area=areas.district, name="刘律师", user=personas.advisor)
    Posting.objects.create(lawyer=advisor_lawyer, area=areas.community_a, start_on=today - timedelta(days=200),
                           end_on=today + timedelta(days=200))
    Duty.objects.create(point=station_a, on=today, lawyer=advisor_lawyer)
    section = UserFactory(username="ps_section", name="公共法律服务科 钱工", role="section", section="public_service",
                          area=areas.district)
    return SimpleNamespace(station_a=station_a, room_a=room_a, station_b=station_b, centre=centre,
                           advisor_lawyer=advisor_lawyer, section=section)


@pytest.fixture
def resident():
    """resident(phone) → a client whose session holds that verified phone (as after the code was entered)."""

    def make(phone=PHONE):
        client = Client()
        session = client.session
        session[SESSION_PHONE] = phone
        session.save()
        return client

    return make
