"""The legal-aid lifecycle: the transition map, statutory clocks, to-dos, assignment and quality draws."""

from datetime import date
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import ValidationError

from bureau.models import Reminder
from legalaid import services
from legalaid.assignment import ranked, suggest
from legalaid.models import (TRANSITIONS, Case, CaseStep, Decision, Expert, MatterKind, Outcome, Source,
                             Status, TerminationGround)
from legalaid.models import Category as C
from legalaid.reminders import ASSIGNMENT_DUE, DECISION_DUE

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)


@pytest.mark.parametrize("current, target", list(product(Status, Status)))
def test_the_transition_map_is_what_the_case_allows(current, target):
    assert Case(status=current).can_move_to(target) == (target in TRANSITIONS[current])


def test_a_forbidden_jump_is_refused_in_chinese_and_changes_nothing(make_case, personas, lawyers):
    case = make_case()
    with pytest.raises(ValidationError, match="当前状态为“待审查”，不能“指派律师”"):
        services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 3))
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.lawyer is None
    assert CaseStep.objects.filter(case=case).count() == 1  # only 收到申请


def test_closing_a_case_that_was_never_started_is_refused(make_case, personas):
    case = make_case()
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    with pytest.raises(ValidationError, match="不能“结案”"):
        services.case_close(case=case, outcome=Outcome.WON, recovered_amount=Decimal("1"), by=personas.section)


def test_the_decision_clock_runs_seven_working_days(make_case):
    case = make_case(received_on=date(2026, 3, 6))  # a Friday
    assert case.decision_due_on == date(2026, 3, 17)  # weekends skipped


def test_the_decision_clock_across_the_2026_spring_festival_and_its_make_up_saturdays(make_case):
    # 14 Feb (Sat) worked, 15–23 Feb off, 28 Feb (Sat) worked.
    case = make_case(received_on=date(2026, 2, 12))
    assert case.decision_due_on == date(2026, 2, 28)


def test_a_notice_is_accepted_at_once_and_must_be_assigned_in_three_working_days(make_case):
    case = make_case(source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE,
                     notifying_authority="罗湖区人民法院", received_on=date(2026, 9, 30))
    assert case.status == Status.GRANTED and case.decision == Decision.GRANTED
    assert case.decided_on == date(2026, 9, 30)
    assert case.assignment_due_on == date(2026, 10, 10)  # 1–7 Oct off; Fri 9 Oct is 2nd; Sat 10 Oct (调休) 3rd


def test_a_notice_needs_its_notifying_authority(make_case):
    with pytest.raises(ValidationError, match="通知机关"):
        make_case(source=Source.NOTICE_AGENCY)


def test_material_can_be_requested_once_and_the_clock_restarts_when_complete(make_case, personas):
    case = make_case(received_on=date(2026, 3, 2))
    services.case_request_material(case=case, note="劳动合同复印件", by=personas.section, on=date(2026, 3, 3))
    assert case.status == Status.MATERIAL_REQUESTED and case.decision_due_on is None
    services.case_supply_material(case=case, by=personas.section, on=date(2026, 3, 9))
    assert case.status == Status.RECEIVED and case.decision_due_on == date(2026, 3, 18)
    assert not case.can_request_material
    with pytest.raises(ValidationError, match="只能通知一次"):
        services.case_request_material(case=case, note="再补", by=personas.section, on=date(2026, 3, 10))


def test_a_refusal_needs_written_reasons_and_can_be_objected_to(make_case, personas):
    case = make_case()
    with pytest.raises(ValidationError, match="书面说明理由"):
        services.case_decide(case=case, grant=False, reasons=" ", by=personas.section, on=date(2026, 3, 3))
    services.case_decide(case=case, grant=False, reasons="经济状况不符合条件", by=personas.section,
                         on=date(2026, 3, 3))
    services.case_object(case=case, reason="家庭收入计算有误", by=personas.section, on=date(2026, 3, 5))
    assert case.status == Status.OBJECTED
    services.case_objection_decide(case=case, upheld=True, reasons="复核后符合条件", by=personas.section,
                                   on=date(2026, 3, 9))
    assert case.status == Status.GRANTED and case.decision == Decision.GRANTED
    assert case.assignment_due_on == date(2026, 3, 12)
    assert case.objections.get().result == "upheld"


def test_dates_out_of_order_are_refused(make_case, personas):
    case = make_case(received_on=date(2026, 3, 2))
    with pytest.raises(ValidationError, match="决定日期不能早于"):
        services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2099, 1, 1))


def test_open_clocks_are_todos_of_the_legal_aid_section_and_close_when_met(make_case, personas):
    case = make_case()
    todo = Reminder.objects.for_object(case).get(kind=DECISION_DUE)
    assert todo.due_on == case.decision_due_on and todo.is_open
    assert list(Reminder.objects.inbox(personas.section).filter(kind=DECISION_DUE)) == [todo]
    assert not Reminder.objects.inbox(personas.clerk_a).filter(kind=DECISION_DUE).exists()
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE
    assert Reminder.objects.for_object(case).get(kind=ASSIGNMENT_DUE).due_on == case.assignment_due_on


def test_the_whole_life_of_a_case_is_on_its_timeline(make_case, personas, lawyers):
    case = make_case()
    services.case_decide(case=case, grant=True, reasons="符合条件", by=personas.section, on=date(2026, 3, 3))
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    services.case_start(case=case, by=personas.section, on=date(2026, 3, 5))
    services.case_close(case=case, outcome=Outcome.WON, recovered_amount=Decimal("86000.00"),
                        by=personas.section, on=date(2026, 6, 30))
    services.case_archive(case=case, by=personas.section, on=date(2026, 7, 10))
    steps = list(case.steps.values_list("status", flat=True))
    assert steps == ["received", "granted", "assigned", "in_progress", "closed", "archived"]
    with pytest.raises(ValidationError):
        services.case_terminate(case=case, ground=TerminationGround.WITHDRAWN, note="", by=personas.section)


# --- Assignment ---------------------------------------------------------------------------------------------


def test_the_suggestion_prefers_the_specialty_and_explains_why(make_case, personas, lawyers):
    case = make_case(category=C.LABOUR)
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    best = suggest(case, date(2026, 3, 4))
    assert best.lawyer == lawyers["labour"]
    assert best.reason == "专长：劳动争议；在办 0 件；从未指派"
    assert lawyers["elsewhere"] not in [s.lawyer for s in ranked(case, date(2026, 3, 4))]


def test_load_outweighs_the_specialty_after_enough_open_cases(make_case, personas, lawyers):
    for _ in range(4):
        case = make_case(category=C.LABOUR)
        services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
        services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4),
                             override_reason="" if suggest(case, date(2026, 3, 4)).lawyer == lawyers["labour"]
                             else "当事人指定")
    case = make_case(category=C.LABOUR)
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    best = suggest(case, date(2026, 3, 5))
    assert best.lawyer != lawyers["labour"]  # 3×1 − 4 < 0 − 0
    assert best.load == 0


def test_rotation_breaks_ties_in_favour_of_the_longest_waiting(make_case, personas, lawyers):
    case = make_case(category=C.PENSION)  # needs social security: nobody has it, all score 0
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    order = [s.lawyer for s in ranked(case, date(2026, 3, 4))]
    assert order[:2] == [lawyers["labour"], lawyers["family"]]  # never assigned: by id
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    services.case_start(case=case, by=personas.section, on=date(2026, 3, 4))
    services.case_close(case=case, outcome=Outcome.SETTLED, recovered_amount=Decimal("0"), by=personas.section,
                        on=date(2026, 3, 20))
    case2 = make_case(category=C.PENSION)
    services.case_decide(case=case2, grant=True, reasons="", by=personas.section, on=date(2026, 3, 23))
    order = [s.lawyer for s in ranked(case2, date(2026, 3, 24))]
    assert order[-1] == lawyers["labour"]  # load 0 again, but assigned most recently


def test_life_or_death_cases_only_go_to_lawyers_with_three_years(make_case, personas, lawyers):
    case = make_case(source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE,
                     notifying_authority="深圳市中级人民法院", max_penalty_life_or_death=True)
    pool = [s.lawyer for s in ranked(case, date(2026, 3, 3))]
    assert lawyers["junior"] not in pool and pool[0] == lawyers["senior"]
    with pytest.raises(ValidationError, match="三年以上执业经历"):
        services.case_assign(case=case, lawyer=lawyers["junior"], by=personas.section,
                             override_reason="当事人指定", on=date(2026, 3, 3))


def test_an_override_needs_a_reason_and_is_recorded(make_case, personas, lawyers):
    case = make_case(category=C.LABOUR)
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    with pytest.raises(ValidationError, match="未采纳系统建议的律师（陈劳动），请填写理由"):
        services.case_assign(case=case, lawyer=lawyers["family"], by=personas.section, on=date(2026, 3, 4))
    services.case_assign(case=case, lawyer=lawyers["family"], by=personas.section, on=date(2026, 3, 4),
                         override_reason="受援人要求女律师")
    case.refresh_from_db()
    assert case.lawyer == lawyers["family"] and case.suggested_lawyer == lawyers["labour"]
    assert case.override_reason == "受援人要求女律师"
    assert "未采纳系统建议的 陈劳动" in case.steps.get(status=Status.ASSIGNED).note


# --- Quality ------------------------------------------------------------------------------------------------


def test_the_expert_draw_is_reproducible_from_its_seed(make_case, personas, lawyers, areas):
    experts = [Expert.objects.create(name=f"专家{i}", area=areas.district) for i in range(8)]
    case = make_case()
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    evaluation = services.hearing_evaluation_create(case=case, held_on=date(2026, 4, 1), court="罗湖区人民法院",
                                                    by=personas.section)
    drawn = sorted(evaluation.experts.values_list("pk", flat=True))
    assert len(drawn) == 3 and evaluation.pool == sorted(e.pk for e in experts)
    assert sorted(services.experts_draw(evaluation.pool, evaluation.seed, 3)) == drawn
    again = services.hearing_evaluation_create(case=case, held_on=date(2026, 4, 2), court="罗湖区人民法院",
                                               seed=evaluation.seed, by=personas.section)
    assert sorted(again.experts.values_list("pk", flat=True)) == drawn


def test_a_file_evaluation_needs_a_closed_case(make_case, personas):
    from legalaid.models import FileEvaluation

    case = make_case()
    with pytest.raises(ValidationError, match="已结案"):
        services.file_evaluation_record(evaluation=FileEvaluation(
            case=case, evaluated_on=date(2026, 3, 3), first_reviewer="甲", first_score=90,
            second_reviewer="乙", second_score=88), by=personas.section)


def test_an_objected_case_is_decided_only_through_its_objection(make_case, personas):
    case = make_case()
    services.case_decide(case=case, grant=False, reasons="不符合条件", by=personas.section, on=date(2026, 3, 3))
    services.case_object(case=case, reason="有误", by=personas.section, on=date(2026, 3, 4))
    with pytest.raises(ValidationError, match="不能作出审查决定"):
        services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 5))
    assert Case.objects.get(pk=case.pk).status == Status.OBJECTED


def test_case_numbers_name_the_district_by_its_first_character_unless_a_sibling_shares_it(areas):
    from tests.factories import AreaFactory

    assert services.case_number_prefix(areas.district, 2026) == "罗法援〔2026〕"
    longgang = AreaFactory(code="440307", name="龙岗区", level="district", parent=areas.city)
    longhua = AreaFactory(code="440309", name="龙华区", level="district", parent=areas.city)
    assert services.case_number_prefix(longgang, 2026) == "龙岗法援〔2026〕"
    assert services.case_number_prefix(longhua, 2026) == "龙华法援〔2026〕"
