"""One write path: a person registered or an event recorded one at a time (pages, API, demo, tasks) goes through
the same service function as an import's file (corrections.services.supervisees_enter, events_record), so both
give the same rows, to-dos and refusals."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bureau.models import Reminder, Role
from corrections import reminders, services
from corrections.models import LevelChange, Supervisee, SupervisionEvent
from tests.factories import ReminderFactory

STORY_DAY = date(2026, 11, 30)


def _talk_todo(person, personas):
    return ReminderFactory(kind=reminders.TALK_OVERDUE, content_type=ContentType.objects.get_for_model(Supervisee),
                           object_id=person.pk, area=person.area, role=Role.STREET, due_on=date(2026, 2, 1))


def test_a_talk_recorded_alone_or_in_a_file_closes_the_same_todo_in_the_same_words(make_supervisee, personas):
    alone, filed = make_supervisee(), make_supervisee()
    todos = [_talk_todo(alone, personas), _talk_todo(filed, personas)]
    on = date(2026, 2, 3)
    event = services.event_record(supervisee=alone, kind=SupervisionEvent.Kind.TALK, on=on, by=personas.clerk_a,
                                  summary="按期谈话")
    [other] = services.events_record(events=[{"supervisee": filed, "kind": SupervisionEvent.Kind.TALK, "on": on,
                                              "summary": "按期谈话"}], by=personas.clerk_a)
    assert isinstance(event, SupervisionEvent) and event.pk and other.pk
    rows = SupervisionEvent.objects.filter(pk__in=[event.pk, other.pk]).order_by("pk")
    assert [(e.kind, e.on, e.area_id, e.recorded_by_id, e.summary) for e in rows] == [
        (SupervisionEvent.Kind.TALK, on, alone.area_id, personas.clerk_a.pk, "按期谈话"),
        (SupervisionEvent.Kind.TALK, on, filed.area_id, personas.clerk_a.pk, "按期谈话")]
    closed = Reminder.objects.filter(pk__in=[t.pk for t in todos]).order_by("object_id")
    note = f"已{SupervisionEvent.Kind.TALK.label}"
    assert [(t.state, t.done_by_id, t.note) for t in closed] == [(Reminder.State.DONE, personas.clerk_a.pk, note)] * 2


def test_an_event_refused_alone_is_refused_in_a_file_in_the_same_words(make_supervisee, personas):
    person = make_supervisee()
    for kind, on in (("nonsense", date(2026, 2, 3)), (SupervisionEvent.Kind.TALK, date(2099, 1, 1))):
        with pytest.raises(ValidationError) as alone:
            services.event_record(supervisee=person, kind=kind, on=on, by=personas.clerk_a)
        with pytest.raises(ValidationError) as filed:
            services.events_record(events=[{"supervisee": person, "kind": kind, "on": on}], by=personas.clerk_a)
        assert alone.value.messages == filed.value.messages
    with pytest.raises(ValidationError) as elsewhere:  # a clerk of another street does not see the person
        services.event_record(supervisee=person, kind=SupervisionEvent.Kind.TALK, on=date(2026, 2, 3),
                              by=personas.clerk_b)
    assert "不在您的管辖范围内" in elsewhere.value.messages[0]
    assert not SupervisionEvent.objects.filter(supervisee=person).exists()


def test_a_person_registered_alone_is_entered_as_a_file_enters_them(make_supervisee, personas):
    person = make_supervisee(reported_on=None)
    assert person.status == Supervisee.Status.AWAITING_REPORT and person.report_due_on
    assert LevelChange.objects.filter(supervisee=person, level=person.level, on=person.judgment_on,
                                      recorded_by=personas.admin).count() == 1
    fields = {f: getattr(person, f) for f in ("name", "gender", "sentence_kind", "crime", "court", "judgment_on",
                                                "term_start", "term_end", "level")}
    with pytest.raises(ValidationError) as alone:
        services.supervisee_register(by=personas.admin, area=person.area, id_number=person.id_number, **fields)
    with pytest.raises(ValidationError) as filed:
        services.supervisees_enter(intakes=[services.Intake(fields={
            "area": person.area, "id_number": person.id_number, **fields})], by=personas.admin)
    assert alone.value.message_dict == filed.value.message_dict == {
        "id_number": ["该身份证号码的社区矫正对象已在册或待报到，不能重复登记。"]}
    assert Supervisee.objects.filter(id_number=person.id_number).count() == 1


def test_the_register_s_rule_probes_the_index_of_open_registrations_with_every_number_at_once(make_supervisee):
    """One open registration per ID number, checked for a whole file with one query: the numbers go in as one array
    that the unique index of open registrations is probed with. As `IN (SELECT unnest(…))` under `.exists()`'s LIMIT
    PostgreSQL joined every open registration with every number of the file: 0.2 s for 245 people and 10,000
    numbers, growing with both."""
    make_supervisee(reported_on=None)
    with CaptureQueriesContext(connection) as queries:
        make_supervisee(reported_on=None)
    checks = [q["sql"] for q in queries if q["sql"].startswith('SELECT 1 AS "a" FROM "corrections_supervisee"')]
    assert len(checks) == 1 and '"corrections_supervisee"."id_number" = ANY(' in checks[0], checks
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # two rows: the planner would rather read the table
        cursor.execute("EXPLAIN " + checks[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "supervisee_one_open_registration" in plan and "Nested Loop" not in plan, plan
