"""Mediation's to-dos: filing for the street office, the month to conclude and the 30-day confirmation window,
opened and closed by the services and found by the daily run."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from mediation import services
from mediation.models import AgreementForm, Case, Organisation, Outcome
from mediation.reminders import CONCLUSION_DUE, CONFIRMATION_DUE, FILING_DUE

# The fixed dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)

KINDS = {FILING_DUE, CONCLUSION_DUE, CONFIRMATION_DUE}


def today():
    return timezone.localdate()


def test_an_unfiled_organisation_is_a_todo_of_its_street_office_until_filed(personas, areas):
    org = services.organisation_register(organisation=Organisation(
        name="桂园东社区人民调解委员会", kind="community", area=areas.community_a, founded_on=date(2026, 3, 1)),
        by=personas.clerk_a)
    todo = Reminder.objects.for_object(org).get(kind=FILING_DUE)
    assert (todo.area, todo.role, todo.due_on, todo.is_open) == (areas.street_a, Role.STREET, date(2026, 3, 31), True)
    assert todo.title == "人民调解组织备案：桂园东社区人民调解委员会"
    assert list(Reminder.objects.inbox(personas.clerk_a).filter(kind=FILING_DUE)) == [todo]
    assert not Reminder.objects.inbox(personas.clerk_b).filter(kind=FILING_DUE).exists()
    services.organisation_file(organisation=org, filed_on=date(2026, 3, 20), filing_number="罗调备2026-07",
                               by=personas.clerk_a)
    todo.refresh_from_db()
    assert (todo.state, todo.done_by, todo.note) == (Reminder.State.DONE, personas.clerk_a, "已备案")
    assert run_rules(date(2026, 4, 1), kinds={FILING_DUE}) == {FILING_DUE: 0}


def test_a_district_wide_sector_committee_is_followed_by_the_section(personas, areas):
    org = services.organisation_register(organisation=Organisation(
        name="罗湖区医疗纠纷人民调解委员会", kind="sector", sector="medical", area=areas.district,
        founded_on=date(2026, 3, 1)), by=personas.section)
    todo = Reminder.objects.for_object(org).get(kind=FILING_DUE)
    assert (todo.area, todo.role) == (areas.district, Role.SECTION)


def test_closing_an_unfiled_organisation_cancels_its_todo(personas, areas):
    org = services.organisation_register(organisation=Organisation(
        name="某小区物业调解室", kind="street", form="room", sector="property", area=areas.street_a,
        founded_on=date(2026, 3, 1)), by=personas.clerk_a)
    services.organisation_close(organisation=org, on=date(2026, 3, 5), by=personas.clerk_a)
    todo = Reminder.objects.for_object(org).get(kind=FILING_DUE)
    assert (todo.state, todo.note) == (Reminder.State.CANCELLED, "已不再到期")


def test_the_month_to_conclude_is_the_presiding_mediators_todo_and_moves_with_an_extension(make_case, world,
                                                                                          personas):
    case = make_case(accepted_on=date(2026, 1, 31))
    todo = Reminder.objects.for_object(case).get(kind=CONCLUSION_DUE)
    assert (todo.assignee, todo.due_on, todo.title) == (world.mediator_user, date(2026, 2, 28),
                                                         f"调解期限届满：{case.number}")
    assert list(Reminder.objects.inbox(world.mediator_user)) == [todo]
    services.case_start(case=case, by=personas.clerk_a, on=date(2026, 2, 2))
    services.case_extend(case=case, agreed_on=date(2026, 2, 25), extended_to=date(2026, 3, 31), note="双方同意延长",
                         by=world.mediator_user)
    todo.refresh_from_db()
    assert todo.state == Reminder.State.CANCELLED
    moved = Reminder.objects.for_object(case).open().get(kind=CONCLUSION_DUE)
    assert moved.due_on == date(2026, 3, 31)
    services.case_conclude(case=case, outcome=Outcome.FAILURE, failure_reason="一方拒绝继续调解",
                           by=world.mediator_user, on=date(2026, 3, 20))
    moved.refresh_from_db()
    assert (moved.state, moved.done_by) == (Reminder.State.DONE, world.mediator_user)
    assert not Reminder.objects.for_object(case).open().exists()


def test_a_committee_without_accounts_leaves_the_deadline_to_its_street_office(make_case, world, personas, areas):
    case = make_case(mediator=world.mediator_a2)
    todo = Reminder.objects.for_object(case).get(kind=CONCLUSION_DUE)
    assert (todo.assignee, todo.area, todo.role) == (None, areas.street_a, Role.STREET)
    assert list(Reminder.objects.inbox(personas.clerk_a).filter(kind=CONCLUSION_DUE)) == [todo]
    assert not Reminder.objects.inbox(personas.clerk_b).filter(kind=CONCLUSION_DUE).exists()


def test_a_written_agreement_opens_the_confirmation_window_todo_until_confirmation_is_applied_for(make_case, world):
    mediator = world.mediator_user
    accepted, signed = today() - timedelta(days=20), today() - timedelta(days=3)
    case = make_case(accepted_on=accepted, by=mediator)
    services.case_start(case=case, by=mediator, on=accepted)
    services.case_conclude(case=case, outcome=Outcome.SUCCESS, by=mediator, on=signed,
                           agreement_form=AgreementForm.WRITTEN, agreement_signed_on=signed)
    todo = Reminder.objects.for_object(case).open().get()
    assert (todo.kind, todo.assignee, todo.due_on) == (CONFIRMATION_DUE, mediator, signed + timedelta(days=30))
    assert todo.title == f"告知当事人申请司法确认：{case.number}"
    services.case_apply_confirmation(case=case, applied_on=today(), online=True, court="罗湖区人民法院", by=mediator)
    todo.refresh_from_db()
    assert (todo.state, todo.note) == (Reminder.State.DONE, "已申请司法确认")


def test_an_oral_agreement_has_no_confirmation_window(make_case, personas):
    case = make_case(accepted_on=today() - timedelta(days=10))
    services.case_start(case=case, by=personas.clerk_a, on=case.accepted_on)
    services.case_conclude(case=case, outcome=Outcome.SUCCESS, by=personas.clerk_a, on=today(),
                           agreement_form=AgreementForm.ORAL)
    assert not Reminder.objects.for_object(case).filter(kind=CONFIRMATION_DUE).exists()


def test_the_daily_run_finds_every_clock_once_and_only_inside_the_confirmation_window(make_case, personas, world):
    open_case = make_case(accepted_on=date(2026, 3, 2))
    agreed = make_case(accepted_on=date(2026, 3, 2))
    services.case_start(case=agreed, by=personas.clerk_a, on=date(2026, 3, 2))
    services.case_conclude(case=agreed, outcome=Outcome.SUCCESS, by=personas.clerk_a, on=date(2026, 3, 10),
                           agreement_form=AgreementForm.WRITTEN, agreement_signed_on=date(2026, 3, 10))
    Reminder.objects.all().delete()  # as if written before the rules existed
    Organisation.objects.filter(pk=world.committee_b.pk).update(filed_on=None, filing_number="")

    assert run_rules(date(2026, 4, 9), kinds=KINDS) == {FILING_DUE: 1, CONCLUSION_DUE: 1, CONFIRMATION_DUE: 1}
    assert run_rules(date(2026, 4, 9), kinds=KINDS) == {FILING_DUE: 0, CONCLUSION_DUE: 0, CONFIRMATION_DUE: 0}
    assert Reminder.objects.for_object(open_case).get().due_on == date(2026, 4, 2)
    assert Reminder.objects.for_object(agreed).get().due_on == date(2026, 4, 9)
    assert Reminder.objects.for_object(world.committee_b).get().area == world.committee_b.area

    Reminder.objects.filter(kind=CONFIRMATION_DUE).delete()
    assert run_rules(date(2026, 4, 10), kinds={CONFIRMATION_DUE}) == {CONFIRMATION_DUE: 0}  # the window closed


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_rules_are_registered_under_the_function_s_code(kind):
    from bureau.reminders import registered_rules

    assert kind.startswith("mediation.") and kind in registered_rules()


def test_a_case_refresh_touches_only_its_own_todos(make_case):
    first = make_case()
    Reminder.objects.for_object(first).delete()
    second = make_case()
    assert Reminder.objects.for_object(second).exists() and not Reminder.objects.for_object(first).exists()
    assert Case.objects.count() == 2
