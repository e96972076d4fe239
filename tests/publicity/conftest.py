"""普法 fixtures: the publicity section of 罗湖区 (persona `pub_section`), the advisors of the lawyers tests (their
普法 entries are activities of the district too), and builders going through the services.

    罗湖区: pub_section ── activities of the bureau (area: the district)
      桂园街道 (street A): clerk_a ── its activities; advisor 张桂园 in 桂园东社区
      黄贝街道 (street B): clerk_b; advisor 李黄贝 in 黄贝东社区
    光明区: other_leader
"""

from datetime import date

import pytest
from django.utils import timezone

from bureau.models import Role
from publicity import services
from publicity.models import Activity, Form, MediaKind, MediaProduct, Organiser, Position, PositionKind, Theme
from tests.factories import UserFactory
from tests.lawyers.conftest import advisors, log, registry  # noqa: F401  (the advisors and their log entries)


def today():
    return timezone.localdate()


def this_year():
    return date(today().year, 1, 1)


@pytest.fixture
def pub_section(areas):
    return UserFactory(username="pub_section", name="普法与依法治理科 周敏", role=Role.SECTION, section="publicity",
                       area=areas.district)


@pytest.fixture
def other_section(areas):
    return UserFactory(username="other_pub_section", name="光明区普法科 吴芳", role=Role.SECTION,
                       section="publicity", area=areas.other_district)


@pytest.fixture
def make_activity(areas, personas):
    """make_activity(**fields) → an activity of street A recorded by its clerk (unless `by`)."""

    def make(by=None, materials=None, photos=(), **fields):
        values = {"title": "民法典进社区", "theme": Theme.CIVIL_CODE, "form": Form.LECTURE, "target": "communities",
                  "organiser_kind": Organiser.STREET, "area": areas.street_a, "place": "桂园东社区党群服务中心",
                  "held_on": today(), "audience": 120}
        values.update(fields)
        return services.activity_record(activity=Activity(**values), materials=materials or {},
                                        photos=photos, by=by or personas.clerk_a)

    return make


@pytest.fixture
def make_product(areas, personas):
    def make(by=None, **fields):
        values = {"kind": MediaKind.VIDEO, "title": "民法典小课堂", "channel": "douyin", "area": areas.street_a,
                  "published_on": today(), "views": 1000}
        values.update(fields)
        return services.mediaproduct_record(product=MediaProduct(**values), by=by or personas.clerk_a)

    return make


@pytest.fixture
def make_position(areas, pub_section):
    def make(by=None, **fields):
        values = {"name": "桂园法治文化公园", "kind": PositionKind.PARK, "level": "city", "area": areas.street_a,
                  "awarded_on": date(2020, 5, 1), "reviewed_until": None}
        values.update(fields)
        return services.position_record(position=Position(**values), by=by or pub_section)

    return make
