"""bureau.api_lists: a list written by planned field writers answers the JSON DRF's own ListSerializer gives; here
the to-dos' list (`GET /api/v1/reminders/`), over to-dos with and without an assignee, a role, a record, a
completion."""

import json
from datetime import UTC, date, datetime

from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from bureau.api import ReminderSerializer
from bureau.api_lists import PlannedListSerializer
from bureau.models import Area, Reminder
from tests.factories import ReminderFactory

URL = "/api/v1/reminders/"


def drf_own(reminders):
    """What DRF's generic list serializer writes for `reminders`, joined as the viewset does."""
    reminders = reminders.select_related("area", "assignee", "content_type")
    return json.loads(JSONRenderer().render(serializers.ListSerializer(child=ReminderSerializer(),
                                                                       instance=reminders).data))


def listed(client, query=""):
    rows, url = [], URL + query
    while url:
        body = client.get(url).json()
        rows += body["results"]
        url = body["next"]
    return rows


def test_the_list_serializer_is_the_planned_one():
    assert isinstance(ReminderSerializer(many=True), PlannedListSerializer)


def test_reminders_listed_as_drf_writes_them(personas, areas, client_for):
    area = Area.objects.get(pk=areas.street_a.pk)
    ReminderFactory(area=areas.street_a, role="street", title="逾期", due_on=date(2020, 1, 1))
    ReminderFactory(area=areas.street_a, assignee=personas.clerk_a, title="<改密码> & “引号”", kind="bureau.password",
                    content_type=ContentType.objects.get_for_model(Area), object_id=area.pk)
    ReminderFactory(area=areas.district, kind="legalaid.case_decision", role="section", due_on=date(2026, 3, 2),
                    created_at=datetime(2026, 3, 1, 23, 30, 15, 123456, tzinfo=UTC))
    ReminderFactory(area=areas.district, kind="legalaid.case_assignment", assignee=personas.section,
                    state=Reminder.State.DONE, done_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC), note="已办")
    ReminderFactory.create_batch(60, area=areas.street_b, kind="bureau.test", role="")  # more than a page

    reminders = Reminder.objects.order_by("due_on", "id")
    ours = json.loads(JSONRenderer().render(ReminderSerializer(reminders, many=True).data))
    theirs = drf_own(reminders)
    assert ours == theirs
    assert any(row["subject_type"] == "bureau.Area" for row in ours)
    assert any(row["done_at"] for row in ours) and any(row["assignee"] for row in ours)
    assert any(row["created_at"].endswith("+08:00") for row in ours)  # in the portal's time zone, as DRF does
    for user in (personas.section, personas.clerk_a, personas.clerk_b, personas.leader):
        expected = drf_own(Reminder.objects.visible_to(user).order_by("due_on", "id"))
        assert listed(client_for(user)) == expected and expected
    mine = listed(client_for(personas.clerk_a), "?scope=mine&state=open")
    assert mine == drf_own(Reminder.objects.filter(pk__in=[row["id"] for row in mine]).order_by("due_on", "id"))
