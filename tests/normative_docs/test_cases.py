"""Reconsideration (acceptance within five working days, decision within 60 days, extended once by 30) and
litigation (hearings with the agency head, judgment and loss): the services, their to-dos and their refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bureau.models import Reminder, Role
from normative_docs import services
from normative_docs.models import Hearing, Litigation, Reconsideration, ReconsiderationStatus, Unit, UnitMember
from normative_docs.reminders import ACCEPTANCE_DUE, DECISION_DUE

STORY_DAY = date(2026, 6, 30)


def receive(law, areas, on=date(2026, 3, 6), **fields):
    values = {"area": areas.district, "applicant": "深圳市恒信实业有限公司", "respondent": "罗湖区住房和建设局",
              "respondent_unit": law.unit_a, "matter": "penalty", "channel": "window", "received_on": on}
    values.update(fields)
    return services.reconsideration_receive(case=Reconsideration(**values), by=law.section)


def todo(case, kind):
    return Reminder.objects.for_object(case).filter(kind=kind).order_by("id").last()


def test_a_reconsideration_is_accepted_in_five_working_days_decided_in_sixty_and_extended_once(law, areas):
    case = receive(law, areas)  # Friday 6 March 2026
    assert case.number == "罗复〔2026〕0001号"
    acceptance = todo(case, ACCEPTANCE_DUE)
    assert (acceptance.due_on, acceptance.role, acceptance.area) == (date(2026, 3, 13), Role.SECTION, areas.district)
    services.reconsideration_accept(case=case, on=date(2026, 3, 11), by=law.section)
    acceptance.refresh_from_db()
    assert acceptance.state == Reminder.State.DONE
    decision = todo(case, DECISION_DUE)
    assert decision.due_on == date(2026, 5, 10) == case.decision_due_on

    services.reconsideration_extend(case=case, on=date(2026, 5, 6), reason="案情复杂，需现场勘验", by=law.section)
    assert case.decision_due_on == date(2026, 6, 9)
    assert todo(case, DECISION_DUE).due_on == date(2026, 6, 9)
    assert Reminder.objects.get(pk=decision.pk).state == Reminder.State.CANCELLED
    with pytest.raises(ValidationError, match="行政复议决定期限只能延长一次"):
        services.reconsideration_extend(case=case, on=date(2026, 5, 7), reason="再延", by=law.section)

    services.reconsideration_decide(case=case, on=date(2026, 6, 1), decision="revoked", by=law.section)
    case.refresh_from_db()
    assert (case.status, case.decision, case.is_corrective) == (ReconsiderationStatus.CONCLUDED, "revoked", True)
    assert todo(case, DECISION_DUE).state == Reminder.State.DONE


def test_the_simplified_procedure_has_thirty_days_and_a_refusal_needs_its_reason(law, areas):
    case = receive(law, areas)
    services.reconsideration_accept(case=case, on=date(2026, 3, 9), simple_procedure=True, by=law.section)
    assert case.decision_due_on == date(2026, 4, 8)
    other = receive(law, areas, applicant="王某")
    with pytest.raises(ValidationError, match="请填写不予受理理由"):
        services.reconsideration_refuse(case=other, on=date(2026, 3, 9), reason="", by=law.section)
    assert Reconsideration.objects.get(pk=other.pk).status == ReconsiderationStatus.RECEIVED
    services.reconsideration_refuse(case=other, on=date(2026, 3, 9), reason="超过法定申请期限", by=law.section)
    assert todo(other, ACCEPTANCE_DUE).state == Reminder.State.DONE
    with pytest.raises(ValidationError, match="当前状态为“不予受理”，不能“受理”。"):
        services.reconsideration_accept(case=other, on=date(2026, 3, 10), by=law.section)


def test_the_application_s_own_time_limit(law, areas):
    """行政复议法 第二十条、第二十一条: sixty days from knowing of the act (the first day not counted); a year at
    most when the act did not tell of the right and its limit; a good reason for the delay is recorded."""
    in_time = receive(law, areas, known_on=date(2026, 1, 5))  # received 6 March: the 60th day
    assert in_time.application_deadline == date(2026, 3, 6) and not in_time.is_late
    services.reconsideration_accept(case=in_time, on=date(2026, 3, 9), by=law.section)

    late = receive(law, areas, applicant="李某", known_on=date(2026, 1, 4))
    assert late.application_deadline == date(2026, 3, 5) and late.is_late
    with pytest.raises(ValidationError, match="申请已超过法定申请期限（应于2026年3月5日前提出）"):
        services.reconsideration_accept(case=late, on=date(2026, 3, 9), by=law.section)
    assert Reconsideration.objects.get(pk=late.pk).status == ReconsiderationStatus.RECEIVED
    services.reconsideration_refuse(case=late, on=date(2026, 3, 9), reason="超过法定申请期限", by=law.section)

    not_told = receive(law, areas, applicant="张某", known_on=date(2025, 6, 1), rights_told=False)
    assert not_told.application_deadline == date(2026, 6, 1) and not not_told.is_late
    delayed = receive(law, areas, applicant="陈某", known_on=date(2025, 12, 1), delay_reason="住院治疗")
    assert not delayed.is_late
    services.reconsideration_accept(case=delayed, on=date(2026, 3, 9), by=law.section)

    with pytest.raises(ValidationError, match="知道行政行为之日不能晚于收到申请日期"):
        receive(law, areas, applicant="赵某", known_on=date(2026, 3, 7))


def test_a_late_extension_and_a_decision_before_acceptance_are_refused(law, areas):
    case = receive(law, areas)
    with pytest.raises(ValidationError, match="当前状态为“待受理”，不能“审结”。"):
        services.reconsideration_decide(case=case, on=date(2026, 3, 20), decision="upheld", by=law.section)
    services.reconsideration_accept(case=case, on=date(2026, 3, 11), by=law.section)
    with pytest.raises(ValidationError, match="决定期限已于2026-05-10届满"):
        services.reconsideration_extend(case=case, on=date(2026, 5, 11), reason="补正材料", by=law.section)
    with pytest.raises(ValidationError, match="审结日期不能早于2026-03-11"):
        services.reconsideration_decide(case=case, on=date(2026, 3, 10), decision="upheld", by=law.section)
    with pytest.raises(ValidationError):
        services.reconsideration_decide(case=case, on=date(2026, 3, 20), decision="won", by=law.section)
    assert Reconsideration.objects.get(pk=case.pk).decided_on is None


def test_a_unit_sees_only_cases_against_it_and_keeps_no_ledger(law, areas):
    mine = receive(law, areas)
    receive(law, areas, respondent="罗湖区桂园街道办事处", respondent_unit=law.unit_b)
    assert list(Reconsideration.objects.visible_to(law.drafter_a)) == [mine]
    assert Reconsideration.objects.visible_to(law.section).count() == 2
    assert not Reconsideration.objects.visible_to(law.other_section).exists()
    with pytest.raises(ValidationError, match="由法制科办理"):
        services.reconsideration_accept(case=mine, on=date(2026, 3, 9), by=law.drafter_a)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        receive(law, areas, respondent_unit=law.other_unit)


def test_litigation_hearings_with_the_head_and_a_judgment_lost(law, areas):
    case = services.litigation_register(case=Litigation(
        area=areas.district, case_number="（2026）粤0303行初101号", court="深圳市罗湖区人民法院",
        plaintiff="李某", defendant="罗湖区住房和建设局", defendant_unit=law.unit_a, matter="penalty",
        received_on=date(2026, 2, 3)), by=law.section)
    with pytest.raises(ValidationError, match="已登记"):
        services.litigation_register(case=Litigation(
            area=areas.district, case_number="（2026）粤0303行初101号", court="深圳市罗湖区人民法院",
            plaintiff="李某", defendant="罗湖区住房和建设局", matter="penalty", received_on=date(2026, 2, 3)),
            by=law.section)
    with pytest.raises(ValidationError, match="请填写出庭负责人姓名"):
        services.hearing_record(hearing=Hearing(case=case, held_on=date(2026, 3, 10), head_appeared=True),
                                by=law.section)
    services.hearing_record(hearing=Hearing(case=case, held_on=date(2026, 3, 10), head_appeared=True,
                                            head_name="陈局长", head_title="副局长"), by=law.section)
    with pytest.raises(ValidationError, match="判决或裁定日期不能早于2026-03-10"):
        services.litigation_conclude(case=case, on=date(2026, 3, 9), judgment="revoked", by=law.section)
    services.litigation_conclude(case=case, on=date(2026, 4, 20), judgment="revoked", by=law.section)
    assert Litigation.objects.get(pk=case.pk).lost is True
    assert list(Litigation.objects.visible_to(law.drafter_a)) == [case]
    assert not Litigation.objects.visible_to(law.drafter_b).exists()
    assert Hearing.objects.visible_to(law.drafter_a).count() == 1
    with pytest.raises(ValidationError, match="该案已于2026-04-20结案"):
        services.hearing_record(hearing=Hearing(case=case, held_on=date(2026, 5, 1)), by=law.section)


def test_units_and_their_accounts(law, areas, personas):
    with pytest.raises(ValidationError, match="本区已有名为“罗湖区住房和建设局”的单位"):
        services.unit_register(unit=Unit(area=areas.district, name=" 罗湖区住房和建设局 ", kind="department"),
                               by=law.section)
    unit = services.unit_register(unit=Unit(area=areas.district, name="罗湖区教育局", kind="department"),
                                  by=law.section)
    with pytest.raises(ValidationError, match="登录账号的角色应为起草承办单位"):
        services.unit_member_add(unit=unit, user=personas.clerk_a, by=law.section)
    with pytest.raises(ValidationError, match="该账号已属于其他单位"):
        services.unit_member_add(unit=unit, user=law.drafter_a, by=law.section)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        services.unit_register(unit=Unit(area=areas.other_district, name="光明区教育局", kind="department"),
                               by=law.section)
    assert list(Unit.objects.visible_to(law.drafter_a)) == [law.unit_a]
    assert UnitMember.objects.visible_to(law.drafter_a).count() == 1


def test_bad_input_writes_nothing_and_uses_no_number(law, areas):
    with pytest.raises(ValidationError) as refused:
        receive(law, areas, applicant=" ")
    assert refused.value.message_dict["applicant"] == ["请填写申请人。"]
    with pytest.raises(ValidationError, match="收到申请日期不能晚于今天"):
        receive(law, areas, on=date(2999, 1, 4))
    assert not Reconsideration.objects.exists() and not Reminder.objects.exists()
    assert receive(law, areas).number == "罗复〔2026〕0001号"
    with pytest.raises(ValidationError) as refused:
        services.litigation_register(case=Litigation(
            area=areas.district, case_number="", court="深圳市罗湖区人民法院", plaintiff="李某", defendant="某局",
            matter="penalty", received_on=date(2026, 2, 3)), by=law.section)
    assert refused.value.message_dict["case_number"] == ["请填写法院案号。"]
    assert not Litigation.objects.exists()
