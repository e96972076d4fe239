"""bureau.api_lists: a list written by planned field writers answers the JSON DRF's own ListSerializer gives (here
the to-dos' list, `GET /api/v1/reminders/`, over to-dos with and without an assignee, a role, a record, a
completion); FilterBackend leaves only lists alone whose FilterSet filters nothing without data; Pagination answers
as DRF's without the COUNT of a list that fits on its first page."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from bureau.api import ReminderSerializer
from bureau.api_lists import FilterBackend, Pagination, PlannedListSerializer
from bureau.api_urls import router
from bureau.models import Area, Reminder
from tests.api_lists import as_json, drf_list, every_page
from tests.factories import ReminderFactory

URL = "/api/v1/reminders/"


def drf_own(reminders):
    """What DRF's generic list serializer writes for `reminders`, joined as the viewset does."""
    reminders = reminders.select_related("area", "assignee", "content_type")
    return drf_list(ReminderSerializer, reminders)


def listed(client, query=""):
    return every_page(client, URL + query)


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
    ours = as_json(ReminderSerializer(reminders, many=True).data)
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


def test_every_view_that_skips_an_unfiltered_request_filters_nothing_without_data(personas, rf):
    """FilterBackend leaves a request without query parameters unfiltered: right only where the FilterSet given no
    data filters nothing (an unticked checkbox's False, a default …)."""
    using = [(prefix, view) for prefix, view, _name in router.registry if FilterBackend in view.filter_backends]
    assert {prefix for prefix, _view in using} >= {"corrections/supervisees", "legalaid/consultations",
                                                     "legalaid/cases"}
    for prefix, view_class in using:
        for user in (personas.section, personas.clerk_a, personas.leader, personas.admin):
            request = Request(rf.get(f"/api/v1/{prefix}/"))
            request.user = user
            view = view_class(request=request, action="list", format_kwarg=None, kwargs={})
            queryset = view.get_queryset()
            filterset = FilterBackend().get_filterset(request, queryset, view)
            assert filterset.data == QueryDict() and filterset.is_valid(), prefix
            assert _sql(filterset.qs) == _sql(queryset), prefix


def _sql(queryset):
    try:
        return str(queryset.query)
    except EmptyResultSet:  # none(): a function the user may not open
        return None


@pytest.mark.parametrize("made, query", [(0, ""), (1, ""), (49, ""), (50, ""), (51, ""), (120, "?page=2"),
                                         (120, "?page=last"), (120, "?page=1"), (3, "?page=2"), (3, "?page=x")])
def test_the_pagination_answers_as_drfs_and_counts_only_a_list_beyond_its_first_page(made, query, areas, rf):
    ReminderFactory.create_batch(made, area=areas.street_a)
    reminders = Reminder.objects.order_by("due_on", "id")

    def answer(pagination):
        request = Request(rf.get("/api/v1/reminders/" + query))
        try:
            page = pagination.paginate_queryset(reminders, request)
        except NotFound as refusal:
            return str(refusal.detail)
        return pagination.get_paginated_response([row.pk for row in page]).data

    with CaptureQueriesContext(connection) as drfs:
        theirs = answer(PageNumberPagination())
    with CaptureQueriesContext(connection) as ours_asked:
        ours = answer(Pagination())
    assert ours == theirs
    short = made < 50 and query in ("", "?page=1")  # a first page that is all there is: its length the count
    assert len(ours_asked) == (1 if short else len(drfs))
    assert ("COUNT(" in " ".join(q["sql"] for q in ours_asked)) == (not short and len(drfs) > 0)
