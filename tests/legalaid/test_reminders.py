"""Legal aid's to-dos: a clerk's write opens and closes its own case's to-dos, never the city's, and a broken
rule never undoes the write (bureau.reminders.reminders_refresh)."""

from datetime import date

import pytest

from bureau import reminders
from bureau.models import Reminder
from bureau.reminders import run_rules
from legalaid import services
from legalaid.models import Case, Status
from legalaid.reminders import ASSIGNMENT_DUE, COMPLAINT_DUE, DECISION_DUE

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)


@pytest.fixture
def untracked_case(make_case):
    """A case awaiting its decision whose to-do the daily run has not made yet (e.g. written before the rule)."""
    case = make_case(received_on=date(2026, 3, 3))
    Reminder.objects.for_object(case).delete()
    return case


def test_a_case_write_opens_and_closes_its_own_todos_only(make_case, untracked_case, personas):
    case = make_case()
    assert Reminder.objects.for_object(case).get(kind=DECISION_DUE).state == Reminder.State.OPEN
    assert not Reminder.objects.for_object(untracked_case).exists()  # the city's rules did not run

    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    todos = dict(Reminder.objects.for_object(case).values_list("kind", "state"))
    assert todos == {DECISION_DUE: Reminder.State.DONE, ASSIGNMENT_DUE: Reminder.State.OPEN}
    assert not Reminder.objects.for_object(untracked_case).exists()

    # The daily run still finds the other case.
    assert run_rules(date(2026, 3, 4), kinds={DECISION_DUE}) == {DECISION_DUE: 1}
    assert Reminder.objects.for_object(untracked_case).get().kind == DECISION_DUE


def test_the_refresh_of_a_case_costs_the_same_whatever_the_city_holds(make_case, django_assert_num_queries):
    case = make_case()
    # Per rule of Case (decision, assignment): a savepoint, the rule's query over this case, the insert when
    # it yields something, the case's open to-dos of that kind, the savepoint's release.
    with django_assert_num_queries(9):
        services._refresh_todos(case)
    for day in range(2, 22):
        make_case(received_on=date(2026, 4, day))
    with django_assert_num_queries(9):
        services._refresh_todos(case)
    assert Reminder.objects.for_object(case).count() == 1


def test_a_refresh_cancels_a_clock_that_no_longer_runs(make_case, personas):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(status=Status.REFUSED)  # as if decided outside the services
    services._refresh_todos(case)
    todo = Reminder.objects.for_object(case).get(kind=DECISION_DUE)
    assert todo.state == Reminder.State.CANCELLED and todo.note == "已不再到期"


def test_a_failing_rule_does_not_roll_back_the_case_write_and_is_logged(make_case, caplog):
    @reminders.reminder_rule("legalaid.test_broken", model="legalaid.Case", label="broken")
    def broken(today, records):
        raise RuntimeError("boom")

    try:
        case = make_case()
    finally:
        reminders.unregister("legalaid.test_broken")
    assert Case.objects.filter(pk=case.pk, status=Status.RECEIVED).exists()
    assert case.steps.count() == 1
    assert Reminder.objects.for_object(case).get().kind == DECISION_DUE  # the other rules ran
    assert "reminder rule legalaid.test_broken failed" in caplog.text


def test_a_complaint_opens_and_closes_its_own_todo(make_case, personas, lawyers):
    from legalaid.models import Complaint

    case = make_case()
    complaint = services.complaint_receive(complaint=Complaint(
        case=case, area=case.area, lawyer=lawyers["labour"], complainant="王小明", received_on=date(2026, 3, 5),
        content="律师未联系受援人。"), by=personas.section)
    todo = Reminder.objects.for_object(complaint).get(kind=COMPLAINT_DUE)
    assert todo.state == Reminder.State.OPEN and todo.due_on == complaint.due_on
    services.complaint_conclude(complaint=complaint, finding=Complaint.Finding.SUBSTANTIATED, handling="约谈律师。",
                                by=personas.section, on=date(2026, 3, 9))
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE
