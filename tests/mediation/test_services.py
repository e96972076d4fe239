"""The mediation lifecycle: the transition map, the month to conclude and its extension, the agreement and the
30-day window for 司法确认, escalation, screening, and jurisdiction (a street, a mediator's own committee)."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.models import IdentifierConfirmation
from mediation import services
from mediation.models import (TRANSITIONS, AgreementForm, Case, ConfirmationResult, DisputeType, Extension,
                              FoundDispute, Mediator, Organisation, Outcome, Party, Performance, RiskLevel,
                              ScreeningRound, Sector, Source, Status, Training)
from mediation.permissions import is_mediator
from tests.factories import LawyerFactory, resident_id

# The fixed dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)


def today():
    return timezone.localdate()


def concluded(make_case, by, *, written=True, signed_on=None, **fields):
    """A case accepted 20 days ago, mediated, concluded successfully 5 days ago (a written agreement signed then)."""
    accepted = today() - timedelta(days=20)
    case = make_case(accepted_on=accepted, by=by, **fields)
    services.case_start(case=case, by=by, on=accepted)
    signed = signed_on or today() - timedelta(days=5)
    return services.case_conclude(case=case, outcome=Outcome.SUCCESS, by=by, on=signed,
                                  agreement_form=AgreementForm.WRITTEN if written else AgreementForm.ORAL,
                                  agreement_signed_on=signed if written else None, agreement_content="赔偿8000元")


# --- The transition map -------------------------------------------------------------------------------------


@pytest.mark.parametrize("current, target", list(product(Status, Status)))
def test_the_transition_map_is_what_the_case_allows(current, target):
    assert Case(status=current).can_move_to(target) == (target in TRANSITIONS[current])


def test_a_case_is_accepted_numbered_and_mediated_then_concluded(make_case, personas, world):
    case = make_case(co_mediators=[world.mediator_a2])
    assert case.status == Status.ACCEPTED and case.area == world.committee_a.area
    assert case.number == "罗调〔2026〕00001号"
    assert make_case().number == "罗调〔2026〕00002号"
    assert list(case.co_mediators.all()) == [world.mediator_a2]
    assert [p.name for p in case.parties.all()] == ["王大伟", "李小红"]
    services.case_start(case=case, by=personas.clerk_a, on=date(2026, 3, 3))
    services.case_conclude(case=case, outcome=Outcome.SUCCESS, by=personas.clerk_a, on=date(2026, 3, 20),
                           agreement_form=AgreementForm.ORAL)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.performance) == (Status.CONCLUDED, Outcome.SUCCESS, Performance.PENDING)
    assert case.is_successful and not case.has_written_agreement and case.confirmation_due_on is None


def test_concluding_a_case_not_yet_mediated_is_refused_in_chinese_and_changes_nothing(make_case, personas):
    case = make_case()
    with pytest.raises(ValidationError, match="案件当前状态为“已受理”，不能“结束调解”。"):
        services.case_conclude(case=case, outcome=Outcome.FAILURE, failure_reason="一方拒绝调解",
                               by=personas.clerk_a, on=date(2026, 3, 5))
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and case.outcome == "" and case.failure_reason == ""


def test_a_concluded_case_cannot_start_again(make_case, personas):
    case = make_case()
    services.case_start(case=case, by=personas.clerk_a, on=date(2026, 3, 3))
    services.case_conclude(case=case, outcome=Outcome.FAILURE, failure_reason="双方分歧过大，建议诉讼",
                           by=personas.clerk_a, on=date(2026, 3, 10))
    with pytest.raises(ValidationError, match="案件当前状态为“调解结束”，不能“开始调解”。"):
        services.case_start(case=case, by=personas.clerk_a, on=date(2026, 3, 11))
    with pytest.raises(ValidationError, match="不能延长调解期限"):
        services.case_extend(case=case, agreed_on=date(2026, 3, 11), extended_to=date(2026, 4, 30), note="再谈",
                             by=personas.clerk_a)


def test_an_outcome_needs_its_agreement_or_its_reason(make_case, personas):
    case = make_case()
    services.case_start(case=case, by=personas.clerk_a, on=date(2026, 3, 3))
    conclude = dict(case=case, by=personas.clerk_a, on=date(2026, 3, 10))
    with pytest.raises(ValidationError, match="请选择协议形式"):
        services.case_conclude(outcome=Outcome.SUCCESS, **conclude)
    with pytest.raises(ValidationError, match="书面调解协议须填写签订日期"):
        services.case_conclude(outcome=Outcome.SUCCESS, agreement_form=AgreementForm.WRITTEN, **conclude)
    with pytest.raises(ValidationError, match="调解不成功的，请写明原因"):
        services.case_conclude(outcome=Outcome.FAILURE, failure_reason=" ", **conclude)
    with pytest.raises(ValidationError, match="调解不成功的案件没有调解协议"):
        services.case_conclude(outcome=Outcome.FAILURE, failure_reason="拒绝", agreement_form=AgreementForm.ORAL,
                               **conclude)
    with pytest.raises(ValidationError, match="请选择调解结果"):
        services.case_conclude(outcome="", **conclude)
    case.refresh_from_db()
    assert case.status == Status.MEDIATING


def test_dates_out_of_order_or_in_the_future_are_refused(make_case, personas, world):
    tomorrow = today() + timedelta(days=1)
    with pytest.raises(ValidationError, match="受理日期不能晚于今天"):
        make_case(accepted_on=tomorrow)
    with pytest.raises(ValidationError, match="受理日期不能早于2020-01-01"):
        make_case(accepted_on=date(2019, 12, 31))
    case = make_case(accepted_on=date(2026, 3, 2))
    with pytest.raises(ValidationError, match="开始调解日期不能早于2026-03-02"):
        services.case_start(case=case, by=personas.clerk_a, on=date(2026, 3, 1))


def test_a_referral_names_who_referred_it(make_case):
    with pytest.raises(ValidationError, match="委托移送的案件须填写委托移送单位"):
        make_case(source=Source.COURT)
    assert make_case(source=Source.COURT, referred_by="罗湖区人民法院").referred_by == "罗湖区人民法院"


def test_a_case_needs_a_party_and_protects_their_id_numbers(make_case, personas):
    with pytest.raises(ValidationError, match="请至少登记一名当事人"):
        make_case(parties=[])
    with pytest.raises(ValidationError, match="法人或其他组织不填写身份证号码"):
        make_case(parties=[Party(kind=Party.Kind.ORGANISATION, name="某物业公司", id_number=resident_id())])
    number = resident_id(sequence="357")
    case = make_case(parties=[Party(name="赵一", id_number=number), Party(kind=Party.Kind.ORGANISATION, name="某物业公司")])
    party = case.parties.get(name="赵一")
    assert party.id_number == number and party.id_number.masked.startswith("440303") and "*" in party.id_number.masked
    assert Party.objects.filter(id_number=number).get() == party  # exact lookup on the encrypted column


def test_an_id_number_with_a_region_warning_needs_the_clerks_confirmation(make_case, personas):
    guangming_1990 = resident_id(region="440311", birth="19900307", sequence="111")
    with pytest.raises(ValidationError, match="地区代码需要核对"):
        make_case(parties=[Party(name="周二", id_number=guangming_1990)])
    assert not Case.objects.exists()
    from mediation.services import case_accept

    case = case_accept(case=Case(organisation=make_case().organisation, mediator=Mediator.objects.filter(
        user__isnull=False).get(), source=Source.APPLICATION, dispute_type=DisputeType.LABOUR,
        accepted_on=date(2026, 3, 2)), parties=[Party(name="周二", id_number=guangming_1990)], by=personas.clerk_a,
        id_number_confirmed=True)
    confirmation = IdentifierConfirmation.objects.get()
    assert confirmation.record == case.parties.get() and confirmation.confirmed_by == personas.clerk_a


# --- The month to conclude, and its extension ---------------------------------------------------------------


@pytest.mark.parametrize("accepted, due", [
    (date(2026, 3, 2), date(2026, 4, 2)),
    (date(2026, 1, 31), date(2026, 2, 28)),  # a calendar month: the last day of a shorter month
    (date(2024, 1, 31), date(2024, 2, 29)),
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 12, 15), date(2027, 1, 15)),
])
def test_a_case_must_be_concluded_within_a_calendar_month(accepted, due):
    case = Case(status=Status.ACCEPTED, accepted_on=accepted)
    assert case.concluded_due_on == due
    assert not case.is_overdue(due) and case.is_overdue(due + timedelta(days=1))
    assert not Case(status=Status.CONCLUDED, accepted_on=accepted).is_overdue(due + timedelta(days=1))


def test_the_parties_may_agree_to_extend_before_the_deadline(make_case, personas):
    case = make_case(accepted_on=date(2026, 1, 31))
    services.case_start(case=case, by=personas.clerk_a, on=date(2026, 2, 2))
    with pytest.raises(ValidationError, match="请写明延长调解期限的原因"):
        services.case_extend(case=case, agreed_on=date(2026, 2, 20), extended_to=date(2026, 3, 31), note="",
                             by=personas.clerk_a)
    with pytest.raises(ValidationError, match="延长后的调解期限应晚于原期限2026-02-28"):
        services.case_extend(case=case, agreed_on=date(2026, 2, 20), extended_to=date(2026, 2, 27),
                             note="双方同意", by=personas.clerk_a)
    with pytest.raises(ValidationError, match="调解期限已于2026-02-28届满"):
        services.case_extend(case=case, agreed_on=date(2026, 3, 1), extended_to=date(2026, 3, 31),
                             note="双方同意", by=personas.clerk_a)
    extension = services.case_extend(case=case, agreed_on=date(2026, 2, 26), extended_to=date(2026, 3, 31),
                                     note="双方同意等待房屋鉴定结果后继续调解", by=personas.clerk_a)
    case.refresh_from_db()
    assert case.concluded_due_on == date(2026, 3, 31) and case.status == Status.MEDIATING
    assert (extension.previous_due_on, extension.by) == (date(2026, 2, 28), personas.clerk_a)
    services.case_extend(case=case, agreed_on=date(2026, 3, 30), extended_to=date(2026, 4, 15), note="再次同意延长",
                         by=personas.clerk_a)
    assert list(Extension.objects.filter(case=case).values_list("previous_due_on", "extended_to")) == [
        (date(2026, 2, 28), date(2026, 3, 31)), (date(2026, 3, 31), date(2026, 4, 15))]


# --- Agreement, performance and 司法确认 ---------------------------------------------------------------------


def test_the_confirmation_window_is_thirty_days_after_a_written_agreement(make_case, personas):
    case = concluded(make_case, personas.clerk_a)
    signed = today() - timedelta(days=5)
    assert case.has_written_agreement and case.confirmation_due_on == signed + timedelta(days=30)
    assert case.confirmation_open(today()) and not case.confirmation_open(signed + timedelta(days=31))
    with pytest.raises(ValidationError, match="请填写受理法院"):
        services.case_apply_confirmation(case=case, applied_on=today(), online=True, court="", by=personas.clerk_a)
    with pytest.raises(ValidationError, match="申请司法确认日期不能早于"):
        services.case_apply_confirmation(case=case, applied_on=signed - timedelta(days=1), online=True,
                                         court="罗湖区人民法院", by=personas.clerk_a)
    services.case_apply_confirmation(case=case, applied_on=today(), online=True, court="罗湖区人民法院",
                                     by=personas.clerk_a)
    assert (case.confirmation_applied_on, case.confirmation_online) == (today(), True)
    assert not case.confirmation_open(today())
    with pytest.raises(ValidationError, match="已于.*申请司法确认"):
        services.case_apply_confirmation(case=case, applied_on=today(), online=False, court="罗湖区人民法院",
                                         by=personas.clerk_a)
    services.case_record_confirmation_ruling(case=case, ruled_on=today(), result=ConfirmationResult.CONFIRMED,
                                             by=personas.clerk_a)
    case.refresh_from_db()
    assert case.confirmation_result == ConfirmationResult.CONFIRMED
    with pytest.raises(ValidationError, match="司法确认结果已登记"):
        services.case_record_confirmation_ruling(case=case, ruled_on=today(), result=ConfirmationResult.REJECTED,
                                                 by=personas.clerk_a)


def test_an_application_after_the_window_is_refused(make_case, personas):
    case = make_case(accepted_on=date(2026, 3, 2))
    services.case_start(case=case, by=personas.clerk_a, on=date(2026, 3, 2))
    services.case_conclude(case=case, outcome=Outcome.SUCCESS, by=personas.clerk_a, on=date(2026, 3, 10),
                           agreement_form=AgreementForm.WRITTEN, agreement_signed_on=date(2026, 3, 10))
    assert case.confirmation_due_on == date(2026, 4, 9)
    with pytest.raises(ValidationError, match="申请司法确认须在调解协议签订之日起30日内（2026-04-09前）"):
        services.case_apply_confirmation(case=case, applied_on=date(2026, 4, 10), online=False,
                                         court="罗湖区人民法院", by=personas.clerk_a)
    services.case_apply_confirmation(case=case, applied_on=date(2026, 4, 9), online=False, court="罗湖区人民法院",
                                     by=personas.clerk_a)


def test_only_a_written_agreement_can_be_confirmed_and_only_success_performed(make_case, personas):
    oral = concluded(make_case, personas.clerk_a, written=False)
    with pytest.raises(ValidationError, match="只有达成书面调解协议的案件才能申请司法确认"):
        services.case_apply_confirmation(case=oral, applied_on=today(), online=True, court="罗湖区人民法院",
                                         by=personas.clerk_a)
    services.case_record_performance(case=oral, performance=Performance.PERFORMED, by=personas.clerk_a, on=today())
    assert oral.performance == Performance.PERFORMED and oral.performed_on == today()
    failed = make_case()
    services.case_start(case=failed, by=personas.clerk_a, on=date(2026, 3, 3))
    services.case_conclude(case=failed, outcome=Outcome.FAILURE, failure_reason="一方撤回申请", by=personas.clerk_a,
                           on=date(2026, 3, 4))
    with pytest.raises(ValidationError, match="只有调解成功的案件才能登记履行情况"):
        services.case_record_performance(case=failed, performance=Performance.PERFORMED, by=personas.clerk_a)


# --- Escalation -----------------------------------------------------------------------------------------------


def test_an_escalation_risk_is_flagged_with_measures_and_its_outcome_recorded_once(make_case, personas):
    case = make_case(amount_involved=Decimal("350000"))
    with pytest.raises(ValidationError, match="该案件未标记激化风险"):
        services.case_record_escalation_outcome(case=case, prevented=True, by=personas.clerk_a)
    with pytest.raises(ValidationError, match="请填写防止矛盾激化的措施"):
        services.case_flag_escalation(case=case, on=date(2026, 3, 3), measures="", by=personas.clerk_a)
    services.case_flag_escalation(case=case, on=date(2026, 3, 3), measures="联合派出所、社区网格员上门稳控",
                                  by=personas.clerk_a)
    with pytest.raises(ValidationError, match="已于2026-03-03标记激化风险"):
        services.case_flag_escalation(case=case, on=date(2026, 3, 4), measures="再次", by=personas.clerk_a)
    services.case_record_escalation_outcome(case=case, prevented=True, by=personas.clerk_a)
    case.refresh_from_db()
    assert case.escalation_risk and case.escalation_prevented is True
    with pytest.raises(ValidationError, match="防止激化结果已登记"):
        services.case_record_escalation_outcome(case=case, prevented=False, by=personas.clerk_a)


# --- Jurisdiction -----------------------------------------------------------------------------------------------


def test_street_b_cannot_touch_street_a_s_case_nor_its_committee(make_case, personas, world):
    case = make_case()
    assert not Case.objects.visible_to(personas.clerk_b).filter(pk=case.pk).exists()
    with pytest.raises(ValidationError, match="调解案件不存在或不在您的管辖范围内"):
        services.case_start(case=case, by=personas.clerk_b, on=date(2026, 3, 3))
    with pytest.raises(ValidationError, match="调解组织不存在或不在您的管辖范围内"):
        make_case(by=personas.clerk_b)
    with pytest.raises(ValidationError, match="调解员不存在或不在您的管辖范围内"):
        make_case(mediator=world.mediator_b)  # street A cannot name street B's mediator
    with pytest.raises(ValidationError, match="黄调解不是桂园街道人民调解委员会的调解员"):
        make_case(mediator=world.mediator_b, by=personas.section)  # the district sees both, still refused
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_a_mediator_sees_and_records_only_their_own_committee(make_case, personas, world):
    mediator = world.mediator_user
    assert is_mediator(mediator) and not is_mediator(personas.clerk_a) and not is_mediator(personas.advisor)
    assert mediator.functions == {"mediation"}
    own = make_case(by=mediator)
    other = make_case(organisation=world.committee_b, mediator=world.mediator_b, by=personas.section)
    assert list(Case.objects.visible_to(mediator)) == [own]
    assert set(Case.objects.visible_to(personas.clerk_b)) == {other}
    assert list(Organisation.objects.visible_to(mediator)) == [world.committee_a]
    assert set(Mediator.objects.visible_to(mediator)) == {world.mediator_a, world.mediator_a2}
    assert set(Party.objects.visible_to(mediator)) == set(own.parties.all())
    assert not Training.objects.visible_to(mediator).exists()
    with pytest.raises(ValidationError, match="调解组织不存在或不在您的管辖范围内"):
        make_case(organisation=world.committee_b, mediator=world.mediator_b, by=mediator)
    with pytest.raises(ValidationError, match="调解案件不存在或不在您的管辖范围内"):
        services.case_start(case=other, by=mediator, on=date(2026, 3, 3))
    services.case_start(case=own, by=mediator, on=date(2026, 3, 3))
    with pytest.raises(ValidationError, match="人民调解员不能登记或修改调解组织"):
        services.organisation_file(organisation=world.committee_a, filed_on=date(2026, 3, 3), filing_number="X1",
                                   by=mediator)


def test_a_mediator_who_left_sees_nothing_more(make_case, personas, world):
    make_case(by=world.mediator_user)
    services.mediator_leave(mediator=world.mediator_a, on=today() - timedelta(days=1), by=personas.clerk_a)
    assert not Case.objects.visible_to(world.mediator_user).exists()
    assert not Organisation.objects.visible_to(world.mediator_user).exists()


def test_a_mediator_account_without_a_committee_sees_nothing(areas):
    from tests.factories import UserFactory

    stray = UserFactory(username="stray", role="mediator", area=areas.street_a)
    assert not Case.objects.visible_to(stray).exists() and not Organisation.objects.visible_to(stray).exists()


# --- Organisations, mediators, trainings -----------------------------------------------------------------------


def test_an_organisation_is_registered_where_its_kind_belongs(personas, areas):
    def register(**fields):
        values = {"name": "桂园东社区人民调解委员会", "kind": "community", "area": areas.community_a,
                  "founded_on": date(2026, 3, 1)}
        values.update(fields)
        return services.organisation_register(organisation=Organisation(**values), by=personas.clerk_a)

    with pytest.raises(ValidationError, match="社区（居委会）人民调解委员会的所在区域应为社区"):
        register(area=areas.street_a)
    with pytest.raises(ValidationError, match="行业性专业性调解组织须选择行业领域"):
        register(kind="sector", area=areas.street_a)
    with pytest.raises(ValidationError, match="所在区域“黄贝街道”不在您的管辖范围内"):
        register(kind="street", area=areas.street_b)
    with pytest.raises(ValidationError, match="备案日期和备案编号须同时填写"):
        register(filed_on=date(2026, 3, 2))
    room = register(name="翠园小区物业调解室", kind="street", form="room", sector=Sector.PROPERTY, area=areas.street_a)
    assert room.sector == Sector.PROPERTY and not room.is_filed and room.filing_due_on == date(2026, 3, 31)


def test_filing_devices_and_closing(personas, areas, make_case, world):
    org = services.organisation_register(organisation=Organisation(
        name="桂园街道珠宝行业人民调解委员会", kind="sector", sector=Sector.JEWELLERY, area=areas.street_a,
        founded_on=date(2026, 3, 1)), by=personas.clerk_a)
    with pytest.raises(ValidationError, match="备案日期不能早于2026-03-01"):
        services.organisation_file(organisation=org, filed_on=date(2026, 2, 1), filing_number="罗调备2026-01",
                                   by=personas.clerk_a)
    services.organisation_file(organisation=org, filed_on=date(2026, 3, 10), filing_number="罗调备2026-01",
                               by=personas.clerk_a)
    with pytest.raises(ValidationError, match="已于2026-03-10备案"):
        services.organisation_file(organisation=org, filed_on=date(2026, 3, 11), filing_number="罗调备2026-02",
                                   by=personas.clerk_a)
    services.organisation_devices_install(organisation=org, count=2, on=date(2026, 4, 1), by=personas.clerk_a)
    assert (org.devices, org.devices_installed_on) == (2, date(2026, 4, 1))
    make_case()
    with pytest.raises(ValidationError, match="尚有未结束的调解案件"):
        services.organisation_close(organisation=world.committee_a, on=date(2026, 4, 1), by=personas.clerk_a)
    services.organisation_close(organisation=org, on=date(2026, 5, 1), by=personas.clerk_a)
    assert not Organisation.objects.active_on(date(2026, 5, 1)).filter(pk=org.pk).exists()
    assert Organisation.objects.active_on(date(2026, 4, 30)).filter(pk=org.pk).exists()


def test_a_community_legal_advisor_serves_as_part_time_mediator(personas, areas, world):
    lawyer = LawyerFactory(area=areas.street_a)
    elsewhere = LawyerFactory(area=areas.other_district)

    def appoint(**fields):
        values = {"organisation": world.committee_a, "name": "刘律师", "kind": "part_time", "from_on": date(2026, 3, 1),
                  "lawyer": lawyer}
        values.update(fields)
        return services.mediator_appoint(mediator=Mediator(**values), by=personas.clerk_a)

    with pytest.raises(ValidationError, match="社区法律顾问只能兼任调解员"):
        appoint(kind="full_time")
    with pytest.raises(ValidationError, match="所选律师不在本区律师名录中"):
        appoint(lawyer=elsewhere)
    with pytest.raises(ValidationError, match="登录账号的角色应为人民调解员"):
        appoint(user=personas.clerk_a)
    mediator = appoint()
    assert mediator.is_advisor and mediator.area == world.committee_a.area
    assert Mediator.objects.active_on(date(2026, 3, 1)).filter(lawyer__isnull=False).get() == mediator
    with pytest.raises(ValidationError, match="调解组织不存在或不在您的管辖范围内"):
        services.mediator_appoint(mediator=Mediator(organisation=world.committee_b, name="某", from_on=date(2026, 3, 1)),
                                  by=personas.clerk_a)


def test_a_training_counts_those_present_and_the_stream_s_viewers(personas, areas):
    with pytest.raises(ValidationError, match="请填写参训人次或直播观看人次"):
        services.training_record(training=Training(area=areas.district, title="人民调解实务", held_on=date(2026, 3, 5)),
                                 by=personas.section)
    training = services.training_record(training=Training(
        area=areas.district, title="人民调解实务", held_on=date(2026, 3, 5), online=True, attendees=40,
        stream_viewers=1260), by=personas.section)
    assert training.attendance == 1300
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        services.training_record(training=Training(area=areas.district, title="培训", held_on=date(2026, 3, 5),
                                                   attendees=5), by=personas.clerk_a)


# --- Screening ---------------------------------------------------------------------------------------------------


def test_a_dispute_found_by_screening_becomes_a_case_once(personas, areas, world):
    round_ = services.screening_round_record(round=ScreeningRound(
        area=areas.street_a, started_on=date(2026, 3, 1), ended_on=date(2026, 3, 7), title="春季矛盾纠纷大排查"),
        by=personas.clerk_a)
    with pytest.raises(ValidationError, match="排查区域“黄贝街道”不在您的管辖范围内"):
        services.screening_round_record(round=ScreeningRound(area=areas.street_b, started_on=date(2026, 3, 1),
                                                             ended_on=date(2026, 3, 7)), by=personas.clerk_a)
    with pytest.raises(ValidationError, match="纠纷所在区域应在排查区域内"):
        services.dispute_record(dispute=FoundDispute(round=round_, area=areas.street_b, found_on=date(2026, 3, 2),
                                                     dispute_type=DisputeType.PROPERTY, description="物业费"),
                                by=personas.clerk_a)
    dispute = services.dispute_record(dispute=FoundDispute(
        round=round_, area=areas.community_a, found_on=date(2026, 3, 2), dispute_type=DisputeType.LABOUR,
        risk_level=RiskLevel.HIGH, description="工厂拖欠20名工人工资", parties="某电子厂及工人"), by=personas.clerk_a)
    from mediation.services import case_accept

    def accept(by=personas.clerk_a, committee="桂园街道人民调解委员会", mediator="陈调解"):
        return case_accept(case=Case(organisation=Organisation.objects.get(name=committee),
                                     mediator=Mediator.objects.get(name=mediator), source=Source.INITIATIVE,
                                     dispute_type=DisputeType.LABOUR, accepted_on=date(2026, 3, 3)),
                           parties=[Party(kind=Party.Kind.ORGANISATION, name="某电子厂")], found_dispute=dispute,
                           by=by)

    with pytest.raises(ValidationError, match="排查发现的纠纷不存在或不在您的管辖范围内"):
        accept(by=personas.clerk_b, committee="黄贝街道人民调解委员会", mediator="黄调解")
    case = accept()
    assert FoundDispute.objects.get(pk=dispute.pk).case == case and case.found_dispute == dispute
    dispute.refresh_from_db()
    with pytest.raises(ValidationError, match="该纠纷已转为调解案件罗调〔2026〕"):
        accept()
