"""The demo loads through the services for the test world's 罗湖区, spans two years back to today, and a second
run adds nothing."""

from datetime import date
from io import StringIO

import pytest

from bureau.models import Reminder
from publicity import demo
from publicity.models import Activity, MediaProduct, Position

from .conftest import today


@pytest.mark.django_db
def test_the_demo_loads_once_and_spans_two_years(areas, personas, pub_section):
    out = StringIO()
    demo.load(out)
    activities = Activity.objects.in_area(areas.district)
    assert activities.exists() and MediaProduct.objects.exists() and Position.objects.count() == 7
    assert activities.order_by("held_on").first().held_on.year == today().year - 2
    assert activities.order_by("held_on").last().held_on <= today()
    assert activities.filter(area=areas.street_a).exists() and activities.filter(area=areas.district).exists()
    assert set(activities.values_list("recorded_by__username", flat=True)) <= {"clerk_a", "clerk_b", "pub_section"}
    assert Reminder.objects.filter(kind="publicity.position_review").count() >= 2  # two come up within 50 days
    assert not Position.objects.filter(awarded_on__gt=today()).exists()
    count = activities.count()
    demo.load(out)
    assert activities.count() == count and "already present" in out.getvalue()
    assert date(today().year - 2, 1, 1) <= activities.order_by("held_on").first().held_on
