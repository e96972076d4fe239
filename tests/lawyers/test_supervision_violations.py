"""Violations through the rectification loop (notice → evidence → re-check → closed, or extended), their to-dos,
and the records they are found through: the annual inspection's follow-up meeting, visits, complaints."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from lawyers import supervision
from lawyers.models import (
    FoundBy,
    Grade,
    InspectionCampaign,
    InspectionKind,
    InspectionResult,
    Lawyer,
    SupervisionVisit,
    Violation,
    ViolationKind,
    ViolationStatus,
    VisitItem,
)
from lawyers.reminders import RECHECK_DAYS, VIOLATION_OVERDUE, VIOLATION_RECHECK_DUE
from tests.factories import LawyerFactory, UserFactory

STORY_DAY = date(2026, 11, 30)


@pytest.fixture
def found(areas, registry, section):
    """违规兼职核查 found 张桂园 (firm_a) moonlighting on 2026-09-01."""
    return supervision.violation_register(violation=Violation(
        district=areas.district, kind=ViolationKind.MOONLIGHTING, found_by=FoundBy.CAMPAIGN,
        campaign_name="违规兼职核查", lawyer=registry.lawyer_a, description="在某科技公司兼任法务专员",
        found_on=date(2026, 9, 1)), by=section)


def _open(violation, kind):
    return Reminder.objects.for_object(violation).open().filter(kind=kind)


def test_notice_evidence_recheck_closed(found, section, registry):
    assert found.firm == registry.firm_a and found.status == ViolationStatus.FOUND
    supervision.violation_notify(violation=found, on=date(2026, 9, 3), deadline=date(2026, 10, 3), by=section)
    assert found.status == ViolationStatus.RECTIFYING
    run_rules(STORY_DAY, kinds=[VIOLATION_OVERDUE])  # the deadline passed without evidence
    overdue = _open(found, VIOLATION_OVERDUE).get()
    assert overdue.due_on == date(2026, 10, 3) and overdue.role == Role.SECTION

    supervision.violation_submit_evidence(violation=found, on=date(2026, 10, 10), note="已辞去兼职并提交解聘证明",
                                          by=section)
    assert not _open(found, VIOLATION_OVERDUE).exists()
    recheck = _open(found, VIOLATION_RECHECK_DUE).get()
    assert recheck.due_on == date(2026, 10, 10 + RECHECK_DAYS)

    supervision.violation_recheck(violation=found, on=date(2026, 10, 15), passed=True, note="核实已解聘", by=section)
    stored = Violation.objects.get(pk=found.pk)
    assert (stored.status, stored.closed_on, stored.recheck_passed) == (ViolationStatus.CLOSED, date(2026, 10, 15),
                                                                        True)
    assert not Reminder.objects.for_object(found).open().exists()
    run_rules(STORY_DAY)
    assert not Reminder.objects.for_object(found).open().exists()


def test_a_failed_recheck_goes_back_to_rectifying_with_a_new_deadline(found, section):
    supervision.violation_notify(violation=found, on=date(2026, 9, 3), deadline=date(2026, 10, 3), by=section)
    supervision.violation_submit_evidence(violation=found, on=date(2026, 9, 30), note="已提交辞职申请", by=section)
    with pytest.raises(ValidationError, match="重新确定晚于复查日期的整改期限"):
        supervision.violation_recheck(violation=found, on=date(2026, 10, 8), passed=False, note="尚未解聘", by=section)
    assert Violation.objects.get(pk=found.pk).status == ViolationStatus.EVIDENCE
    supervision.violation_recheck(violation=found, on=date(2026, 10, 8), passed=False, note="尚未解聘",
                                  new_deadline=date(2026, 11, 8), by=section)
    stored = Violation.objects.get(pk=found.pk)
    assert (stored.status, stored.deadline, stored.closed_on) == (ViolationStatus.RECTIFYING, date(2026, 11, 8), None)
    assert not _open(found, VIOLATION_RECHECK_DUE).exists()
    run_rules(STORY_DAY)
    assert _open(found, VIOLATION_OVERDUE).get().due_on == date(2026, 11, 8)


def test_an_extension_needs_a_reason_and_moves_the_deadline(found, section):
    supervision.violation_notify(violation=found, on=date(2026, 9, 3), deadline=date(2026, 10, 3), by=section)
    run_rules(STORY_DAY)
    assert _open(found, VIOLATION_OVERDUE).exists()
    with pytest.raises(ValidationError, match="请填写延期理由"):
        supervision.violation_extend(violation=found, deadline=date(2026, 12, 31), reason="", on=date(2026, 10, 2),
                                     by=section)
    with pytest.raises(ValidationError, match="新的整改期限应晚于原整改期限"):
        supervision.violation_extend(violation=found, deadline=date(2026, 10, 1), reason="公司交接", on=date(2026, 9, 20),
                                     by=section)
    later = timezone.localdate() + timedelta(days=30)  # a deadline still ahead on the day the suite runs
    supervision.violation_extend(violation=found, deadline=later, reason="兼职单位交接需时", on=date(2026, 10, 2),
                                 by=section)
    stored = Violation.objects.get(pk=found.pk)
    assert (stored.deadline, stored.extension_reason) == (later, "兼职单位交接需时")
    assert not _open(found, VIOLATION_OVERDUE).exists()  # the refresh cancelled the overdue to-do


@pytest.mark.parametrize("change, message", [
    ({"found_by": FoundBy.CAMPAIGN, "campaign_name": ""}, "请填写专项核查名称"),
    ({"found_by": FoundBy.VISIT, "campaign_name": ""}, "请关联发现该违规行为的督导检查记录"),
    ({"lawyer": None}, "请填写被投诉或违规的律师或律师事务所"),
    ({"found_on": None}, "发现日期不能晚于今天"),
])
def test_a_bad_violation_writes_nothing(areas, registry, section, change, message):
    fields = {"district": areas.district, "kind": ViolationKind.FEES, "found_by": FoundBy.CAMPAIGN,
              "campaign_name": "收费专项检查", "lawyer": registry.lawyer_a, "description": "未按规定开具发票",
              "found_on": date(2026, 9, 1), **change}
    fields["found_on"] = fields["found_on"] or timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match=message):
        supervision.violation_register(violation=Violation(**fields), by=section)
    assert not Violation.objects.exists()


def test_the_steps_go_in_order(found, section):
    with pytest.raises(ValidationError, match="不能“提交整改材料”"):
        supervision.violation_submit_evidence(violation=found, on=date(2026, 9, 5), note="已整改", by=section)
    with pytest.raises(ValidationError, match="整改期限应晚于整改通知日期"):
        supervision.violation_notify(violation=found, on=date(2026, 9, 3), deadline=date(2026, 9, 3), by=section)
    with pytest.raises(ValidationError, match="整改通知日期不能早于"):
        supervision.violation_notify(violation=found, on=date(2026, 8, 3), deadline=date(2026, 9, 3), by=section)
    assert Violation.objects.get(pk=found.pk).status == ViolationStatus.FOUND


def test_a_visit_records_its_items_and_opens_a_violation(areas, registry, section, personas):
    visit = supervision.visit_record(visit=SupervisionVisit(
        district=areas.district, firm=registry.firm_a, visited_on=date(2026, 6, 12),
        items=[VisitItem.PARTY_BUILDING, VisitItem.CASE_FILES, VisitItem.CASE_FILES], visitors="周敏、吴刚",
        findings="部分案件卷宗归档不及时"), by=section)
    assert visit.items == ["party_building", "case_files"]
    assert visit.get_items_display() == ["党建工作", "案件卷宗"]
    violation = supervision.violation_register(violation=Violation(
        district=areas.district, kind=ViolationKind.PRACTICE, found_by=FoundBy.VISIT, visit=visit,
        firm=registry.firm_a, description="案件卷宗归档不及时", found_on=date(2026, 6, 12)), by=section)
    assert violation.source_record == visit
    with pytest.raises(ValidationError, match="请选择检查事项"):
        supervision.visit_record(visit=SupervisionVisit(district=areas.district, firm=registry.firm_b, items=[],
                                                        visited_on=date(2026, 6, 13)), by=section)
    with pytest.raises(ValidationError, match="只有区司法局律师工作科"):
        supervision.visit_record(visit=SupervisionVisit(district=areas.district, firm=registry.firm_b,
                                                        items=["rules"], visited_on=date(2026, 6, 13)),
                                 by=personas.clerk_a)
    assert SupervisionVisit.objects.count() == 1


def test_the_annual_inspection_grades_then_its_meeting_assigns_problems(areas, registry, section):
    firms = supervision.campaign_create(campaign=InspectionCampaign(
        district=areas.district, year=2025, kind=InspectionKind.FIRM, started_on=date(2026, 3, 1)), by=section)
    result = supervision.inspection_result_save(result=InspectionResult(
        campaign=firms, firm=registry.firm_a, materials_received_on=date(2026, 3, 10)), by=section)
    with pytest.raises(ValidationError, match="律师事务所的考核等次为合格、基本合格、不合格"):
        result.grade, result.graded_on = Grade.COMPETENT, date(2026, 4, 1)
        supervision.inspection_result_save(result=result, by=section)
    with pytest.raises(ValidationError, match="还有考核对象未评定等次"):
        supervision.campaign_record_meeting(campaign=firms, on=date(2026, 4, 20), notes="", by=section)
    with pytest.raises(ValidationError, match="请先登记反馈会"):
        supervision.problem_assign(result=result, kind=ViolationKind.FEES, description="收费合同不规范", by=section)
    result.grade = Grade.BASICALLY_QUALIFIED
    supervision.inspection_result_save(result=result, by=section)
    supervision.campaign_record_meeting(campaign=firms, on=date(2026, 4, 20), notes="通报问题，部署整改", by=section)
    violation = supervision.problem_assign(result=result, kind=ViolationKind.FEES, description="收费合同不规范",
                                           deadline=date(2026, 5, 20), by=section)
    assert (violation.found_by, violation.found_on, violation.firm, violation.inspection_result) == (
        FoundBy.ANNUAL, date(2026, 4, 20), registry.firm_a, result)
    assert (violation.status, violation.notice_on, violation.deadline) == (
        ViolationStatus.RECTIFYING, date(2026, 4, 20), date(2026, 5, 20))
    with pytest.raises(ValidationError, match="反馈会已召开"):
        supervision.inspection_result_save(result=result, by=section)


def test_public_lawyers_are_graded_as_lawyers(areas, registry, section):
    public = LawyerFactory(firm=None, area=areas.street_a, kind=Lawyer.Kind.PUBLIC)
    campaign = supervision.campaign_create(campaign=InspectionCampaign(
        district=areas.district, year=2025, kind=InspectionKind.PUBLIC, started_on=date(2026, 3, 1)), by=section)
    with pytest.raises(ValidationError, match="不是公职律师"):
        supervision.inspection_result_save(result=InspectionResult(campaign=campaign, lawyer=registry.lawyer_a),
                                           by=section)
    result = supervision.inspection_result_save(result=InspectionResult(
        campaign=campaign, lawyer=public, grade=Grade.COMPETENT, graded_on=date(2026, 3, 20)), by=section)
    assert result.get_grade_display() == "称职"
    with pytest.raises(ValidationError, match="已经登记"):
        supervision.campaign_create(campaign=InspectionCampaign(
            district=areas.district, year=2025, kind=InspectionKind.PUBLIC, started_on=date(2026, 3, 2)), by=section)


def test_a_stored_record_stays_in_its_districts_hands(areas, registry, section):
    visit = supervision.visit_record(visit=SupervisionVisit(
        district=areas.district, firm=registry.firm_a, visited_on=date(2026, 6, 12), items=[VisitItem.RULES]),
        by=section)
    other = UserFactory(role=Role.SECTION, section="lawyers", area=areas.other_district)
    visit.district = areas.other_district
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        supervision.visit_record(visit=visit, by=other)
    assert SupervisionVisit.objects.get(pk=visit.pk).district == areas.district
