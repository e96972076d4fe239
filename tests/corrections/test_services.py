"""corrections.services: each rule refused with its message and nothing written; the to-dos each write answers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.models import Reminder
from bureau.reminders import registered_rules, run_rule
from corrections import reminders, services
from corrections.models import (
    EducationSession,
    LedgerEntry,
    Level,
    LevelChange,
    Monitoring,
    ReleasedPerson,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from tests.factories import resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

Event = SupervisionEvent.Kind


def refused(message, call, **kwargs):
    """Call the service, expecting it to refuse with exactly `message`."""
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    assert message in error.value.messages, error.value.messages


def run(kind, today):
    return run_rule(registered_rules()[kind], today)


def open_todos(kind=None, **filters):
    todos = Reminder.objects.open().filter(kind__startswith="corrections.", **filters)
    return todos.filter(kind=kind) if kind else todos


# --- The register -----------------------------------------------------------------------------------------


def test_the_status_moves_only_along_the_transition_map(make_supervisee, personas):
    admin = personas.admin
    active = make_supervisee()
    refused(f"{active.name}当前状态为“在册”，不能变更为“在册”。", services.supervisee_receive,
            supervisee=active, on=date(2026, 1, 12), by=admin)
    awaiting = make_supervisee(reported_on=None)
    not_on_register = f"{awaiting.name}目前不在册（待报到），不能登记。"
    refused(not_on_register, services.supervisee_release, supervisee=awaiting, on=date(2027, 1, 5),
            certificate_on=date(2027, 1, 5), by=admin)
    refused(not_on_register, services.supervisee_transfer, supervisee=awaiting, on=date(2026, 2, 1),
            to_place="东莞市", by=admin)
    refused(not_on_register, services.supervisee_terminate, supervisee=awaiting, on=date(2026, 2, 1),
            reason=LedgerEntry.TerminationReason.DEATH, by=admin)
    refused(not_on_register, services.supervisee_set_level, supervisee=awaiting, level=Level.STRICT,
            on=date(2026, 2, 1), reason="违规", by=admin)
    gone = services.supervisee_terminate(supervisee=make_supervisee(), on=date(2026, 2, 1),
                                         reason=LedgerEntry.TerminationReason.CUSTODY, by=admin)
    refused(f"{gone.name}当前状态为“终止矫正”，不能变更为“在册”。", services.supervisee_receive,
            supervisee=gone, on=date(2026, 2, 2), by=admin)
    assert awaiting.ledger.count() == 0 and active.ledger.count() == 1 and gone.ledger.count() == 2
    assert Supervisee.objects.get(pk=awaiting.pk).status == Supervisee.Status.AWAITING_REPORT


def test_release_waits_for_the_end_of_the_term(make_supervisee, personas):
    person = make_supervisee(term_end=date(2026, 6, 30))
    refused("矫正期满（2026-06-30）后方可解除矫正。", services.supervisee_release, supervisee=person,
            on=date(2026, 6, 29), certificate_on=date(2026, 6, 29), by=personas.admin)
    refused("解除矫正证明书日期不能早于解除日期。", services.supervisee_release, supervisee=person,
            on=date(2026, 7, 1), certificate_on=date(2026, 6, 30), by=personas.admin)
    assert Supervisee.objects.get(pk=person.pk).status == Supervisee.Status.ACTIVE
    assert list(person.ledger.values_list("kind", flat=True)) == ["received"]
    services.supervisee_release(supervisee=person, on=date(2026, 6, 30), certificate_on=date(2026, 7, 1),
                                by=personas.admin)
    assert list(person.ledger.values_list("kind", flat=True)) == ["received", "released"]


def test_a_transfer_names_one_destination_and_writes_both_halves(make_supervisee, personas, areas):
    person = make_supervisee()
    admin = personas.admin
    refused("请选择迁入的司法所，或填写外地执行地（二者选一）。", services.supervisee_transfer, supervisee=person,
            on=date(2026, 2, 1), by=admin)
    refused("请选择迁入的司法所，或填写外地执行地（二者选一）。", services.supervisee_transfer, supervisee=person,
            on=date(2026, 2, 1), to_area=areas.street_b, to_place="东莞市", by=admin)
    refused("新执行地与原执行地相同。", services.supervisee_transfer, supervisee=person, on=date(2026, 2, 1),
            to_area=areas.street_a, by=admin)
    refused("请选择街道司法所。", services.supervisee_transfer, supervisee=person, on=date(2026, 2, 1),
            to_area=areas.district, by=admin)
    assert person.ledger.count() == 1
    moved = services.supervisee_transfer(supervisee=person, on=date(2026, 2, 1), to_area=areas.street_b, by=admin)
    assert moved.area == areas.street_b and moved.status == Supervisee.Status.ACTIVE
    assert list(person.ledger.values_list("kind", "area__code", "counterpart__code")) == [
        ("received", "440303001", None), ("transferred_out", "440303001", "440303002"),
        ("transferred_in", "440303002", "440303001")]


def test_the_same_person_cannot_be_on_the_register_twice(make_supervisee, personas):
    number = resident_id(sequence="321")
    first = make_supervisee(id_number=number, term_end=date(2026, 3, 31))
    with pytest.raises(ValidationError) as error:
        make_supervisee(id_number=number)
    assert error.value.message_dict == {"id_number": ["该身份证号码的社区矫正对象已在册或待报到，不能重复登记。"]}
    assert Supervisee.objects.filter(id_number=number).count() == 1
    # A new sentence after the first ended is a new entry on the register.
    services.supervisee_release(supervisee=first, on=date(2026, 4, 1), certificate_on=date(2026, 4, 1),
                                by=personas.admin)
    assert make_supervisee(id_number=number, judgment_on=date(2026, 6, 1), term_start=date(2026, 6, 1),
                           reported_on=date(2026, 6, 5)).is_on_register


def test_dates_in_the_future_are_refused(make_supervisee, personas, areas):
    tomorrow = timezone.localdate() + timedelta(days=1)
    admin = personas.admin
    with pytest.raises(ValidationError) as error:
        make_supervisee(judgment_on=tomorrow, term_start=tomorrow, term_end=tomorrow + timedelta(days=300))
    assert error.value.message_dict == {"judgment_on": ["判决（决定）生效日期不能晚于今天。"]}
    awaiting = make_supervisee(reported_on=None)
    refused("报到日期不能晚于今天。", services.supervisee_receive, supervisee=awaiting, on=tomorrow, by=admin)
    person = make_supervisee()
    refused("日期不能晚于今天。", services.event_record, supervisee=person, kind=Event.TALK, on=tomorrow, by=admin)
    refused("变更日期不能晚于今天。", services.supervisee_transfer, supervisee=person, on=tomorrow,
            to_place="东莞市", by=admin)
    refused("会议日期不能晚于今天。", services.risk_meeting_record, held_on=tomorrow, area=areas.street_a, by=admin)
    with pytest.raises(ValidationError) as error:
        services.released_person_register(by=admin, name="吴某", gender="M", crime="盗窃罪", prison="东莞监狱",
                                          released_on=tomorrow, area=areas.street_a)
    assert error.value.message_dict == {"released_on": ["释放日期不能晚于今天。"]}
    assert not SupervisionEvent.objects.exists() and not ReleasedPerson.objects.exists()
    assert Supervisee.objects.get(pk=awaiting.pk).reported_on is None and person.ledger.count() == 1


def test_an_event_needs_the_person_on_the_register_since_that_day(make_supervisee, personas):
    person = make_supervisee()  # reported 2026-01-10
    refused("日期不能早于报到日期2026-01-10。", services.event_record, supervisee=person, kind=Event.TALK,
            on=date(2026, 1, 9), by=personas.admin)
    refused("请选择记录类别。", services.event_record, supervisee=person, kind="gossip", on=date(2026, 1, 11),
            by=personas.admin)
    assert not SupervisionEvent.objects.exists()


# --- Travel, sessions and monitoring ----------------------------------------------------------------------


def test_travel_beyond_seven_days_is_for_the_bureau(make_supervisee, personas, corrections_section):
    person = make_supervisee()
    trip = {"supervisee": person, "destination": "北京", "reason": "就医", "approved_on": date(2026, 2, 27)}
    refused("外出8日，超过7日的须报区司法局审批。", services.travel_approve, by=personas.clerk_a,
            leave_on=date(2026, 3, 1), return_on=date(2026, 3, 8), **trip)
    assert not TravelApproval.objects.exists()
    week = services.travel_approve(by=personas.clerk_a, leave_on=date(2026, 3, 1), return_on=date(2026, 3, 7), **trip)
    assert week.approver == TravelApproval.Approver.STREET and week.days == 7
    refused("该对象有与此时间重叠且尚未销假的外出审批。", services.travel_approve, by=corrections_section,
            leave_on=date(2026, 3, 5), return_on=date(2026, 3, 20), **trip)
    services.travel_return(travel=week, returned_on=date(2026, 3, 7), by=personas.clerk_a)
    long = services.travel_approve(by=corrections_section, leave_on=date(2026, 3, 10), return_on=date(2026, 3, 20), **trip)
    assert long.approver == TravelApproval.Approver.BUREAU and long.days == 11
    refused("返回日期不能早于外出日期。", services.travel_approve, by=corrections_section, leave_on=date(2026, 4, 10),
            return_on=date(2026, 4, 9), **trip)
    assert TravelApproval.objects.count() == 2


def test_session_attendees_belong_to_the_organising_office(make_supervisee, personas, areas, corrections_section):
    a, b = make_supervisee(), make_supervisee(area=areas.street_b)
    awaiting = make_supervisee(reported_on=None)
    session = {"kind": EducationSession.Kind.LEGAL_MORAL, "title": "宪法学习", "held_on": date(2026, 3, 5)}
    refused(f"以下人员不属于组织单位：{b.name}", services.session_record, area=areas.street_a, attendees=[a, b],
            by=corrections_section, **session)
    refused(f"以下人员不在册：{awaiting.name}", services.session_record, area=areas.street_a,
            attendees=[a, awaiting], by=corrections_section, **session)
    refused("所选单位不在您的管辖范围内。", services.session_record, area=areas.street_b, attendees=[b],
            by=personas.clerk_a, **session)
    refused("请选择参加人员。", services.session_record, area=areas.street_a, attendees=[], by=corrections_section, **session)
    assert not EducationSession.objects.exists()
    district = services.session_record(area=areas.district, attendees=[a, b], by=corrections_section, **session)
    assert sorted(district.attendance.values_list("area__code", flat=True)) == ["440303001", "440303002"]


def test_the_people_and_meetings_a_record_names_must_be_in_the_callers_jurisdiction(make_supervisee, personas,
                                                                                       areas):
    """The services check what the request names, so a page, the API and an import refuse alike."""
    theirs, ours = make_supervisee(), make_supervisee(area=areas.street_b)
    clerk_b, unseen = personas.clerk_b, "社区矫正对象不存在或不在您的管辖范围内。"
    refused(unseen, services.event_record, supervisee=theirs, kind=Event.TALK, on=date(2026, 2, 1), by=clerk_b)
    refused(unseen, services.travel_approve, supervisee=theirs, destination="广州", reason="探亲",
            leave_on=date(2026, 3, 1), return_on=date(2026, 3, 2), approved_on=date(2026, 2, 25), by=clerk_b)
    refused(unseen, services.emergency_record, supervisee=theirs, kind="other", occurred_on=date(2026, 3, 9),
            description="家庭纠纷", by=clerk_b)
    refused(unseen, services.session_record, kind=EducationSession.Kind.PSYCH, title="讲座", held_on=date(2026, 3, 5),
            area=areas.street_b, attendees=[ours, theirs], by=clerk_b)
    refused(unseen, services.review_meeting_record, held_on=date(2026, 3, 6), area=areas.street_b, by=clerk_b,
            decisions=[(theirs, "praise", "表现良好")])
    refused(unseen, services.deliberation_record, held_on=date(2026, 3, 6), area=areas.street_b, by=clerk_b,
            cases=[(theirs, "是否调整等级", "维持普管")])
    meeting = services.risk_meeting_record(held_on=date(2026, 3, 7), area=areas.street_a, by=personas.clerk_a)
    refused("研判会议不存在或不在您的管辖范围内。", services.risk_case_record, supervisee=ours, meeting=meeting,
            identified_on=date(2026, 3, 7), description="酗酒", control_measures="每周谈话", owner="张敏", by=clerk_b)
    assert not SupervisionEvent.objects.exists() and not TravelApproval.objects.exists()
    assert not EducationSession.objects.exists() and not ours.risk_cases.exists()


@pytest.fixture
def monitored(make_supervisee):
    return make_supervisee()


def test_monitoring_is_approved_only_on_a_ground_for_three_months_by_the_bureau(monitored, personas, corrections_section):
    period = {"supervisee": monitored, "starts_on": date(2026, 4, 1), "approved_on": date(2026, 3, 31)}
    refused("使用电子定位须经区司法局负责人批准，司法所不能审批。", services.monitoring_approve, by=personas.clerk_a,
            ground=Monitoring.Ground.PROHIBITION, ends_on=date(2026, 6, 30), **period)
    with pytest.raises(ValidationError) as error:
        services.monitoring_approve(by=corrections_section, ground="", ends_on=date(2026, 6, 30), **period)
    assert "使用电子定位须选择法定情形。" in error.value.message_dict["ground"]
    with pytest.raises(ValidationError) as error:
        services.monitoring_approve(by=corrections_section, ground=Monitoring.Ground.PROHIBITION, ends_on=date(2026, 7, 1),
                                    **period)
    assert error.value.message_dict == {
        "ends_on": ["电子定位每次期限不得超过三个月（最迟至2026-06-30），期满需续期的须重新评估。"]}
    assert not Monitoring.objects.exists()
    services.monitoring_approve(by=corrections_section, ground=Monitoring.Ground.PROHIBITION, ends_on=date(2026, 6, 30),
                                **period)
    refused("该对象在此期间已有电子定位，请办理续期或先解除。", services.monitoring_approve, by=corrections_section,
            ground=Monitoring.Ground.NO_REPORT, supervisee=monitored, starts_on=date(2026, 6, 1),
            ends_on=date(2026, 6, 30), approved_on=date(2026, 5, 31))
    assert Monitoring.objects.count() == 1


def test_a_renewal_needs_a_new_assessment(monitored, corrections_section):
    first = services.monitoring_approve(by=corrections_section, supervisee=monitored, ground=Monitoring.Ground.PROHIBITION,
                                        starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                        approved_on=date(2026, 3, 31))
    renewal = {"supervisee": monitored, "ground": Monitoring.Ground.PROHIBITION, "starts_on": date(2026, 7, 1),
               "ends_on": date(2026, 9, 30), "approved_on": date(2026, 6, 25), "renewal_of": first}
    with pytest.raises(ValidationError) as error:
        services.monitoring_approve(by=corrections_section, assessment="  ", **renewal)
    assert error.value.message_dict == {"assessment": ["电子定位续期须重新评估，请填写评估意见。"]}
    with pytest.raises(ValidationError) as error:
        services.monitoring_approve(by=corrections_section, assessment="仍有风险", **{**renewal, "starts_on": date(2026, 6, 30),
                                                                         "ends_on": date(2026, 9, 29)})
    assert error.value.message_dict == {"starts_on": ["续期应自上一期截止日期的次日起算。"]}
    second = services.monitoring_approve(by=corrections_section, assessment="仍有违反禁止令风险", **renewal)
    assert second.renewal_of == first
    refused("只能对该对象最近一期电子定位续期。", services.monitoring_approve, by=corrections_section, assessment="再次评估",
            **{**renewal, "starts_on": date(2026, 10, 1), "ends_on": date(2026, 11, 20)})
    assert Monitoring.objects.count() == 2
    refused("解除日期应在电子定位期间内。", services.monitoring_end, monitoring=second, on=date(2026, 10, 1),
            by=corrections_section)
    services.monitoring_end(monitoring=second, on=date(2026, 8, 1), by=corrections_section)
    refused("该电子定位已解除。", services.monitoring_end, monitoring=second, on=date(2026, 8, 2), by=corrections_section)


# --- To-dos closed by the writes that answer them ---------------------------------------------------------


def test_a_talk_closes_the_talk_and_no_contact_to_dos_and_a_check_its_own(make_supervisee, personas):
    person = make_supervisee()  # reported 2026-01-10, 普管: talk every 30 days, check 15, no contact 35
    today = date(2026, 2, 20)
    for kind in (reminders.TALK_OVERDUE, reminders.CHECK_OVERDUE, reminders.NO_CONTACT):
        assert run(kind, today) == 1, kind
    services.event_record(supervisee=person, kind=Event.FILE_CHECK, on=today, by=personas.clerk_a)
    assert open_todos().count() == 3  # a file spot check is no contact with the person
    services.event_record(supervisee=person, kind=Event.TALK, on=today, by=personas.clerk_a)
    assert set(open_todos().values_list("kind", flat=True)) == {reminders.CHECK_OVERDUE}
    services.event_record(supervisee=person, kind=Event.INFO_CHECK, on=today, by=personas.clerk_a)
    assert not open_todos().exists()
    done = Reminder.objects.get(kind=reminders.TALK_OVERDUE)
    assert done.done_by == personas.clerk_a and done.note == "已谈话教育"


def test_reporting_in_closes_the_intake_to_do(make_supervisee, personas):
    person = make_supervisee(reported_on=None)  # due 2026-01-15
    assert run(reminders.INTAKE_OVERDUE, date(2026, 1, 16)) == 1
    services.supervisee_receive(supervisee=person, on=date(2026, 1, 16), by=personas.clerk_a)
    assert not open_todos(reminders.INTAKE_OVERDUE).exists()


def test_the_return_report_and_a_renewal_close_their_to_dos(make_supervisee, personas, corrections_section):
    person = make_supervisee()
    travel = services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=date(2026, 3, 1),
                                     return_on=date(2026, 3, 3), approved_on=date(2026, 2, 27), by=personas.clerk_a)
    first = services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION,
                                        starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                        approved_on=date(2026, 3, 31), by=corrections_section)
    assert run(reminders.TRAVEL_RETURN_OVERDUE, date(2026, 3, 5)) == 1
    assert run(reminders.MONITORING_ENDING, date(2026, 6, 25)) == 1
    services.travel_return(travel=travel, returned_on=date(2026, 3, 5), by=personas.clerk_a)
    assert not open_todos(reminders.TRAVEL_RETURN_OVERDUE).exists()
    services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION, starts_on=date(2026, 7, 1),
                                ends_on=date(2026, 9, 30), approved_on=date(2026, 6, 26), by=corrections_section,
                                assessment="仍有风险", renewal_of=first)
    assert not open_todos(reminders.MONITORING_ENDING).exists()


def test_a_level_change_closes_the_talk_and_check_to_dos_but_not_the_others(make_supervisee, personas):
    person = make_supervisee(term_end=date(2026, 3, 10))
    today = date(2026, 2, 20)
    for kind in (reminders.TALK_OVERDUE, reminders.CHECK_OVERDUE, reminders.NO_CONTACT, reminders.TERM_ENDING):
        assert run(kind, today) == 1, kind
    services.supervisee_set_level(supervisee=person, level=Level.STRICT, on=today, reason="多次违规",
                                  by=personas.clerk_a)
    assert set(open_todos().values_list("kind", flat=True)) == {reminders.TERM_ENDING}
    assert list(LevelChange.objects.filter(supervisee=person).values_list("level", flat=True)) == ["normal", "strict"]
    refused("新的管理等级与当前等级相同。", services.supervisee_set_level, supervisee=person, level=Level.STRICT,
            on=today, reason="再次", by=personas.clerk_a)
    refused("请填写调整理由。", services.supervisee_set_level, supervisee=person, level=Level.LENIENT, on=today,
            reason="", by=personas.clerk_a)
    assert LevelChange.objects.filter(supervisee=person).count() == 2


def test_a_transfer_hands_the_to_dos_over_and_a_release_closes_them_all(make_supervisee, personas, areas):
    person = make_supervisee(term_end=date(2026, 3, 10))
    travel = services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=date(2026, 2, 1),
                                     return_on=date(2026, 2, 3), approved_on=date(2026, 1, 30), by=personas.clerk_a)
    today = date(2026, 2, 20)
    for kind in (reminders.TALK_OVERDUE, reminders.TERM_ENDING, reminders.TRAVEL_RETURN_OVERDUE):
        assert run(kind, today) == 1, kind
    person = services.supervisee_transfer(supervisee=person, on=today, to_area=areas.street_b, by=personas.clerk_a)
    assert set(open_todos().values_list("area__code", flat=True)) == {"440303002"}
    assert open_todos().count() == 3
    services.supervisee_release(supervisee=person, on=date(2026, 3, 10), certificate_on=date(2026, 3, 10),
                                by=personas.clerk_b)
    assert not open_todos().exists()
    assert set(Reminder.objects.values_list("note", flat=True)) == {"已解除矫正"}
    assert Reminder.objects.get(object_id=travel.pk, kind=reminders.TRAVEL_RETURN_OVERDUE).done_by == personas.clerk_b
