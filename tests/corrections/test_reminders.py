"""The daily risk checks: each rule due, not yet due and done just in time, across a 调休 day; the daily run
is idempotent, a run interrupted half-way loses and duplicates nothing, and each rule is one query."""

from datetime import date

import pytest

from bureau import reminders as registry
from bureau.models import CalendarDay, Reminder, Role
from bureau.reminders import Rule, registered_rules, run_rule, run_rules
from bureau.tasks import run_reminder_rules_task
from corrections import reminders, services
from corrections.models import Level, Monitoring, SupervisionEvent

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

Event = SupervisionEvent.Kind
KINDS = [reminders.TALK_OVERDUE, reminders.CHECK_OVERDUE, reminders.NO_CONTACT, reminders.MONITORING_ENDING,
         reminders.TRAVEL_RETURN_OVERDUE, reminders.TERM_ENDING, reminders.INTAKE_OVERDUE]


def due(kind, today):
    """What the rule would ask for today: [(record id, due date)]."""
    rule = registered_rules()[kind]
    return sorted((item.object_id, item.due_on) for item in rule.func(today, rule.all_records()))


def open_todos():
    return Reminder.objects.open().filter(kind__in=KINDS)


# --- Each rule: due, not yet due, done just in time -------------------------------------------------------


def test_talks_fall_due_at_the_levels_pace_three_days_ahead(make_supervisee, personas):
    # 普管: a talk every 30 days. Reported Saturday 2026-01-10, so the first talk is due Monday 2026-02-09.
    person = make_supervisee()
    assert due(reminders.TALK_OVERDUE, date(2026, 2, 5)) == []
    assert due(reminders.TALK_OVERDUE, date(2026, 2, 6)) == [(person.pk, date(2026, 2, 9))]
    services.event_record(supervisee=person, kind=Event.TALK, on=date(2026, 2, 9), by=personas.clerk_a)
    assert due(reminders.TALK_OVERDUE, date(2026, 2, 9)) == []  # talked on the day it fell due
    assert due(reminders.TALK_OVERDUE, date(2026, 3, 8)) == [(person.pk, date(2026, 3, 11))]  # 30 days on
    # 严管 people are talked to weekly.
    strict = make_supervisee(level=Level.STRICT, reported_on=date(2026, 3, 2))
    assert (strict.pk, date(2026, 3, 9)) in due(reminders.TALK_OVERDUE, date(2026, 3, 8))


def test_information_checks_have_their_own_clock(make_supervisee, personas):
    # 普管: a check every 15 days, from 2026-01-10: Sunday 2026-01-25, so Monday the 26th. The to-do shows
    # three days before the clock's own date.
    person = make_supervisee()
    assert due(reminders.CHECK_OVERDUE, date(2026, 1, 21)) == []
    assert due(reminders.CHECK_OVERDUE, date(2026, 1, 22)) == [(person.pk, date(2026, 1, 26))]
    services.event_record(supervisee=person, kind=Event.TALK, on=date(2026, 1, 23), by=personas.clerk_a)
    assert due(reminders.CHECK_OVERDUE, date(2026, 1, 23)) != []  # a talk is not a check
    services.event_record(supervisee=person, kind=Event.INFO_CHECK, on=date(2026, 1, 23), is_random=True,
                          by=personas.clerk_a)
    assert due(reminders.CHECK_OVERDUE, date(2026, 1, 23)) == []


def test_no_contact_counts_any_contact_and_warns_on_the_day(make_supervisee, personas):
    person = make_supervisee()  # 普管: 35 days without a talk, check, visit or report → 2026-02-14
    assert due(reminders.NO_CONTACT, date(2026, 2, 13)) == []
    assert due(reminders.NO_CONTACT, date(2026, 2, 14)) == [(person.pk, date(2026, 2, 14))]
    services.event_record(supervisee=person, kind=Event.FILE_CHECK, on=date(2026, 2, 14), by=personas.clerk_a)
    assert due(reminders.NO_CONTACT, date(2026, 2, 14)) != []  # a file spot check is not contact
    services.event_record(supervisee=person, kind=Event.VISIT, on=date(2026, 2, 14), by=personas.clerk_a)
    assert due(reminders.NO_CONTACT, date(2026, 2, 14)) == []


def test_a_monitoring_period_ending_within_seven_days(make_supervisee, corrections_section):
    person = make_supervisee()
    first = services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION,
                                        starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                        approved_on=date(2026, 3, 31), by=corrections_section)
    assert due(reminders.MONITORING_ENDING, date(2026, 6, 22)) == []
    assert due(reminders.MONITORING_ENDING, date(2026, 6, 23)) == [(first.pk, date(2026, 6, 30))]
    services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION, starts_on=date(2026, 7, 1),
                                ends_on=date(2026, 7, 31), approved_on=date(2026, 6, 30), by=corrections_section,
                                assessment="仍有风险", renewal_of=first)
    assert due(reminders.MONITORING_ENDING, date(2026, 6, 30)) == []  # renewed on its last day
    second = first.renewal
    services.monitoring_end(monitoring=second, on=date(2026, 7, 20), by=corrections_section)
    assert due(reminders.MONITORING_ENDING, date(2026, 7, 25)) == []  # ended early


def test_a_travel_return_report_overdue_from_the_day_after_the_return(make_supervisee, personas):
    person = make_supervisee()
    late = services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=date(2026, 3, 1),
                                   return_on=date(2026, 3, 3), approved_on=date(2026, 2, 27), by=personas.clerk_a)
    assert due(reminders.TRAVEL_RETURN_OVERDUE, date(2026, 3, 3)) == []
    assert due(reminders.TRAVEL_RETURN_OVERDUE, date(2026, 3, 4)) == [(late.pk, date(2026, 3, 4))]
    services.travel_return(travel=late, returned_on=date(2026, 3, 4), by=personas.clerk_a)
    assert due(reminders.TRAVEL_RETURN_OVERDUE, date(2026, 3, 5)) == []


def test_a_term_ending_within_thirty_days(make_supervisee, personas):
    person = make_supervisee(term_end=date(2026, 6, 30))
    assert due(reminders.TERM_ENDING, date(2026, 5, 30)) == []
    assert due(reminders.TERM_ENDING, date(2026, 5, 31)) == [(person.pk, date(2026, 6, 30))]
    services.supervisee_release(supervisee=person, on=date(2026, 6, 30), certificate_on=date(2026, 6, 30),
                                by=personas.clerk_a)
    assert due(reminders.TERM_ENDING, date(2026, 6, 30)) == []


def test_an_intake_report_overdue(make_supervisee, personas):
    person = make_supervisee(reported_on=None)  # judgment 2026-01-05: report within 10 days, by 2026-01-15
    assert due(reminders.INTAKE_OVERDUE, date(2026, 1, 14)) == []
    assert due(reminders.INTAKE_OVERDUE, date(2026, 1, 15)) == [(person.pk, date(2026, 1, 15))]
    services.supervisee_receive(supervisee=person, on=date(2026, 1, 15), by=personas.clerk_a)
    assert due(reminders.INTAKE_OVERDUE, date(2026, 1, 15)) == []


def test_the_to_dos_go_to_the_street_office_now_supervising(make_supervisee, personas, areas):
    person = make_supervisee()
    services.supervisee_transfer(supervisee=person, on=date(2026, 1, 20), to_area=areas.street_b, by=personas.admin)
    run_rule(registered_rules()[reminders.TALK_OVERDUE], date(2026, 2, 20))
    todo = open_todos().get()
    assert (todo.area, todo.role, todo.title) == (areas.street_b, Role.STREET, f"谈话教育：{person.name}")
    assert todo.subject == person


# --- 调休: 国庆节 2026 (10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked) --------------------------


def test_a_due_date_on_a_public_holiday_moves_to_the_next_working_day(calendar_loaded, make_supervisee):
    assert CalendarDay.objects.get(date=date(2026, 10, 3)).kind == CalendarDay.Kind.HOLIDAY
    assert CalendarDay.objects.get(date=date(2026, 10, 10)).kind == CalendarDay.Kind.WORKDAY
    holiday = make_supervisee(judgment_on=date(2026, 9, 1), term_start=date(2026, 9, 1),
                              reported_on=date(2026, 9, 3))  # + 30 days = Saturday 10-03, in the holiday
    assert due(reminders.TALK_OVERDUE, date(2026, 9, 30)) == [(holiday.pk, date(2026, 10, 8))]


def test_a_make_up_working_weekend_day_keeps_its_due_date(calendar_loaded, make_supervisee):
    makeup = make_supervisee(judgment_on=date(2026, 9, 1), term_start=date(2026, 9, 1),
                             reported_on=date(2026, 9, 10))  # + 30 = Saturday 10-10, a make-up working day
    weekend = make_supervisee(judgment_on=date(2026, 9, 1), term_start=date(2026, 9, 1),
                              reported_on=date(2026, 9, 17))  # + 30 = Saturday 10-17, an ordinary weekend
    talks = dict(due(reminders.TALK_OVERDUE, date(2026, 10, 16)))
    assert talks == {makeup.pk: date(2026, 10, 10), weekend.pk: date(2026, 10, 19)}
    # Checks (15 days): 09-10 + 15 = Friday 09-25, 中秋节 → Monday 09-28; 09-17 + 15 = Friday 10-02, 国庆节 →
    # Thursday 10-08.
    checks = dict(due(reminders.CHECK_OVERDUE, date(2026, 10, 1)))
    assert checks == {makeup.pk: date(2026, 9, 28), weekend.pk: date(2026, 10, 8)}


def test_a_holiday_to_do_appears_before_the_holiday_and_once(calendar_loaded, make_supervisee):
    person = make_supervisee(judgment_on=date(2026, 9, 1), term_start=date(2026, 9, 1), reported_on=date(2026, 9, 3))
    rule = registered_rules()[reminders.TALK_OVERDUE]
    created = [run_rule(rule, day) for day in (date(2026, 9, 30), date(2026, 10, 1), date(2026, 10, 5),
                                               date(2026, 10, 8))]
    assert created == [1, 0, 0, 0]
    assert list(open_todos().values_list("object_id", "due_on")) == [(person.pk, date(2026, 10, 8))]


# --- The daily run ---------------------------------------------------------------------------------------


@pytest.fixture
def everything_due(make_supervisee, personas, corrections_section, areas):
    """On 2026-06-25 every rule has something to say, in both streets: 14 to-dos in all."""
    for area in (areas.street_a, areas.street_b):
        make_supervisee(area=area, reported_on=None, judgment_on=date(2026, 6, 1), term_start=date(2026, 6, 1))
        person = make_supervisee(area=area, term_end=date(2026, 7, 10))  # talk, check, no contact, term ending
        services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=date(2026, 6, 1),
                                return_on=date(2026, 6, 3), approved_on=date(2026, 5, 30), by=personas.admin)
        services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION,
                                    starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                    approved_on=date(2026, 3, 31), by=corrections_section)
    return date(2026, 6, 25)


def test_running_the_daily_check_twice_leaves_the_same_to_dos(everything_due):
    first = run_reminder_rules_task.apply(kwargs={"today": "2026-06-25", "kinds": KINDS}).get()
    assert first == {kind: 2 for kind in KINDS}
    assert open_todos().count() == 14
    second = run_reminder_rules_task.apply(kwargs={"today": "2026-06-25", "kinds": KINDS}).get()
    assert second == {kind: 0 for kind in KINDS}
    assert open_todos().count() == 14
    # The next day adds only what is new: nothing here, every clock already has its to-do.
    assert sum(run_reminder_rules_task.apply(kwargs={"today": "2026-06-26", "kinds": KINDS}).get().values()) == 0


def test_a_run_interrupted_half_way_loses_nothing_and_a_rerun_duplicates_nothing(everything_due, monkeypatch):
    original = registered_rules()[reminders.NO_CONTACT]

    def dies_half_way(today, records):
        items = original.func(today, records)
        yield next(items)
        raise RuntimeError("worker lost")

    monkeypatch.setitem(registry._rules, reminders.NO_CONTACT, Rule(original.kind, dies_half_way, original.model,
                                                                    original.label))
    with pytest.raises(Exception, match="corrections.no_contact"):
        run_reminder_rules_task.apply(kwargs={"today": "2026-06-25", "kinds": KINDS}).get()
    # The rules before and after it wrote theirs; the broken one wrote nothing, not even its first item.
    assert not open_todos().filter(kind=reminders.NO_CONTACT).exists()
    assert open_todos().count() == 12

    monkeypatch.setitem(registry._rules, reminders.NO_CONTACT, original)
    rerun = run_reminder_rules_task.apply(kwargs={"today": "2026-06-25", "kinds": KINDS}).get()
    assert rerun == {kind: 2 if kind == reminders.NO_CONTACT else 0 for kind in KINDS}
    assert open_todos().count() == 14
    assert open_todos().values("kind", "object_id", "due_on").distinct().count() == 14


@pytest.mark.parametrize("kind, queries", [
    # the level policy, the people, the calendar for the working-day move
    (reminders.TALK_OVERDUE, 3), (reminders.CHECK_OVERDUE, 3),
    (reminders.NO_CONTACT, 2),  # the level policy, the people
    (reminders.MONITORING_ENDING, 1), (reminders.TRAVEL_RETURN_OVERDUE, 1), (reminders.TERM_ENDING, 1),
    (reminders.INTAKE_OVERDUE, 1),
])
def test_each_rule_is_one_query_whatever_the_number_of_people(kind, queries, everything_due, make_supervisee,
                                                              personas, corrections_section, areas, django_assert_num_queries):
    rule = registered_rules()[kind]
    with django_assert_num_queries(queries):
        few = len(list(rule.func(everything_due, rule.all_records())))
    for _ in range(5):
        person = make_supervisee(term_end=date(2026, 7, 10))
        make_supervisee(reported_on=None, judgment_on=date(2026, 6, 1), term_start=date(2026, 6, 1))
        services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=date(2026, 6, 1),
                                return_on=date(2026, 6, 3), approved_on=date(2026, 5, 30), by=personas.admin)
        services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION,
                                    starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                    approved_on=date(2026, 3, 31), by=corrections_section)
    with django_assert_num_queries(queries):
        many = len(list(rule.func(everything_due, rule.all_records())))
    assert (few, many) == (2, 7)


def test_without_any_level_policy_no_clock_runs(make_supervisee):
    from corrections.models import LevelPolicy

    make_supervisee()
    LevelPolicy.objects.all().delete()
    created = run_rules(date(2026, 6, 1), kinds=[reminders.TALK_OVERDUE, reminders.CHECK_OVERDUE,
                                                  reminders.NO_CONTACT])
    assert created == {reminders.TALK_OVERDUE: 0, reminders.CHECK_OVERDUE: 0, reminders.NO_CONTACT: 0}
