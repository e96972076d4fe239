"""The supervision models' own rules: what the database refuses whatever writes it, the one-record checks, the
transition maps and “still rectifying” for any day."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bureau.models import Role
from lawyers.models import (
    COMPLAINT_TRANSITIONS,
    VIOLATION_TRANSITIONS,
    Complaint,
    ComplaintSource,
    ComplaintStatus,
    Draw,
    FoundBy,
    InspectionCampaign,
    InspectionResult,
    PlanStatus,
    RandomInspectionPlan,
    SupervisionVisit,
    Violation,
    ViolationKind,
    ViolationStatus,
)
from tests.factories import UserFactory


@pytest.fixture
def section(areas):
    return UserFactory(role=Role.SECTION, section="lawyers", area=areas.district)


def _violation(areas, registry, section, **fields):
    values = {"district": areas.district, "kind": ViolationKind.OTHER, "found_by": FoundBy.CAMPAIGN,
              "campaign_name": "专项核查", "lawyer": registry.lawyer_a, "description": "违规", "found_on": date(2026, 1, 5),
              "created_by": section, **fields}
    return Violation.objects.create(**values)


def test_the_database_refuses_a_redraw_without_reason_and_a_result_with_two_subjects(areas, registry, section):
    plan = RandomInspectionPlan.objects.create(district=areas.district, title="抽查", year=2026, firms_to_draw=1,
                                               inspectors_to_draw=2, created_by=section)
    fields = {"plan": plan, "seed": "ab", "firm_pool": [1], "inspector_pool": [1, 2], "firms_drawn": [1],
              "inspectors_drawn": [1, 2], "drawn_at": timezone.now(), "drawn_by": section}
    first = Draw.objects.create(**fields)
    with pytest.raises(IntegrityError, match="draw_redraw_has_reason"), transaction.atomic():
        Draw.objects.create(**fields, replaces=first)
    campaign = InspectionCampaign.objects.create(district=areas.district, year=2025, kind="firm",
                                                 started_on=date(2026, 3, 1), created_by=section)
    with pytest.raises(IntegrityError, match="inspection_result_one_subject"), transaction.atomic():
        InspectionResult.objects.create(campaign=campaign, firm=registry.firm_a, lawyer=registry.lawyer_a)
    with pytest.raises(IntegrityError, match="inspection_campaign_once"), transaction.atomic():
        InspectionCampaign.objects.create(district=areas.district, year=2025, kind="firm",
                                          started_on=date(2026, 3, 2), created_by=section)
    with pytest.raises(IntegrityError, match="violation_closed_on_only_when_closed"), transaction.atomic():
        _violation(areas, registry, section, closed_on=date(2026, 2, 1))


def test_one_record_rules(areas, registry, section):
    visit = SupervisionVisit(district=areas.street_a, firm=registry.firm_a, visited_on=date(2026, 1, 5),
                             items=["rules"], created_by=section)
    with pytest.raises(ValidationError, match="律师执业监管以区为单位"):
        visit.full_clean()
    complaint = Complaint(district=areas.district, lawyer=registry.lawyer_a, firm=registry.firm_b,
                          source=ComplaintSource.LETTER, complainant_name="甲", summary="乙",
                          received_on=date(2026, 1, 5), acceptance_due_on=date(2026, 1, 19), created_by=section)
    with pytest.raises(ValidationError, match="该律师不在所选律师事务所执业"):
        complaint.clean()
    complaint.firm, complaint.source, complaint.transferred_from = None, ComplaintSource.OTHER_DISTRICT, areas.district
    with pytest.raises(ValidationError, match="移交的区不能是本区"):
        complaint.clean()
    violation = Violation(district=areas.district, kind=ViolationKind.FEES, found_by=FoundBy.CAMPAIGN,
                          campaign_name="收费检查", complaint_id=1, lawyer=registry.lawyer_a, description="x",
                          found_on=date(2026, 1, 5))
    with pytest.raises(ValidationError, match="不能关联该记录"):
        violation.clean()
    plan = RandomInspectionPlan(district=areas.district, title="抽查", year=2026, firms_to_draw=0,
                                inspectors_to_draw=1)
    with pytest.raises(ValidationError) as refused:
        plan.clean()
    assert "至少抽取1家律师事务所" in str(refused.value)


def test_the_transition_maps():
    assert COMPLAINT_TRANSITIONS[ComplaintStatus.RECEIVED] == {ComplaintStatus.ACCEPTED, ComplaintStatus.NOT_ACCEPTED}
    assert not COMPLAINT_TRANSITIONS[ComplaintStatus.CONCLUDED]
    assert VIOLATION_TRANSITIONS[ViolationStatus.EVIDENCE] == {ViolationStatus.CLOSED, ViolationStatus.RECTIFYING}
    assert not VIOLATION_TRANSITIONS[ViolationStatus.CLOSED]
    plan = RandomInspectionPlan(status=PlanStatus.PLANNED)
    assert plan.can_move_to(PlanStatus.DRAWN) and not plan.can_move_to(PlanStatus.PUBLISHED)


def test_still_rectifying_on_any_day(areas, registry, section):
    closed = _violation(areas, registry, section, found_on=date(2025, 11, 1), status=ViolationStatus.CLOSED,
                        closed_on=date(2026, 2, 10))
    open_one = _violation(areas, registry, section, found_on=date(2026, 3, 1))
    rectifying = Violation.objects.rectifying_on
    assert list(rectifying(date(2025, 10, 31))) == []
    assert list(rectifying(date(2025, 12, 31))) == [closed]
    assert list(rectifying(date(2026, 2, 10))) == []  # closed that day
    assert list(rectifying(date(2026, 3, 1))) == [open_one]
    assert list(rectifying(date(2036, 3, 1))) == [open_one]  # open until it is closed, however long
