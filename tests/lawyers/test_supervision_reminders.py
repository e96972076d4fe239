"""The supervision rules as the daily run sees them: one query each however many records, once per record and
due date; and the administrator's screens, where the complaint clocks are set."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from bureau.models import Reminder, Role
from bureau.reminders import registered_rules, run_rule
from lawyers.models import Complaint, ComplaintClockRule, ComplaintSource, Violation, ViolationKind, ViolationStatus
from lawyers.reminders import (
    COMPLAINT_ACCEPTANCE_DUE,
    COMPLAINT_CONCLUSION_DUE,
    RECHECK_DAYS,
    VIOLATION_OVERDUE,
    VIOLATION_RECHECK_DUE,
)
from lawyers.supervision_data import ensure_complaint_clock_rules
from tests.factories import UserFactory

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def complaint_clocks(db):
    """The clock rules as the data migration leaves them (a transactional test elsewhere may have flushed them)."""
    ensure_complaint_clock_rules(ComplaintClockRule)


@pytest.fixture
def many(areas, registry):
    """Twenty complaints of each open state and twenty violations overdue and awaiting re-check, in bulk."""
    by = UserFactory(role=Role.SECTION, section="lawyers", area=areas.district)
    common = {"district": areas.district, "lawyer": registry.lawyer_a, "firm": registry.firm_a,
              "source": ComplaintSource.LETTER, "complainant_name": "投诉人", "summary": "执业不规范",
              "received_on": date(2026, 11, 2), "acceptance_due_on": date(2026, 11, 16), "created_by": by}
    Complaint.objects.bulk_create([Complaint(**common) for _n in range(20)] + [
        Complaint(**common, status="accepted", accepted_on=date(2026, 11, 5), conclusion_due_on=date(2027, 1, 4))
        for _n in range(20)])
    violation = {"district": areas.district, "kind": ViolationKind.MOONLIGHTING, "found_by": "campaign",
                 "campaign_name": "违规兼职核查", "lawyer": registry.lawyer_a, "firm": registry.firm_a,
                 "description": "违规兼职", "found_on": date(2026, 9, 1), "notice_on": date(2026, 9, 3),
                 "deadline": date(2026, 10, 3), "created_by": by}
    Violation.objects.bulk_create(
        [Violation(**violation, status=ViolationStatus.RECTIFYING) for _n in range(20)]
        + [Violation(**violation, status=ViolationStatus.EVIDENCE, evidence_on=date(2026, 10, 1)) for _n in range(20)]
        + [Violation(**{**violation, "deadline": TODAY + timedelta(days=5)}, status=ViolationStatus.RECTIFYING)])


@pytest.mark.parametrize("kind, due", [
    (COMPLAINT_ACCEPTANCE_DUE, date(2026, 11, 16)),
    (COMPLAINT_CONCLUSION_DUE, date(2027, 1, 4)),
    (VIOLATION_OVERDUE, date(2026, 10, 3)),  # not the one whose deadline is still ahead
    (VIOLATION_RECHECK_DUE, date(2026, 10, 1) + timedelta(days=RECHECK_DAYS)),
])
def test_each_rule_is_one_query_and_runs_once(many, areas, kind, due, django_assert_max_num_queries):
    rule = registered_rules()[kind]
    with django_assert_max_num_queries(7):  # the rule's query, the content type, savepoints, counts, the insert
        assert run_rule(rule, TODAY) == 20
    assert run_rule(rule, TODAY) == 0
    todos = Reminder.objects.filter(kind=kind)
    assert set(todos.values_list("due_on", "area", "role")) == {(due, areas.district.pk, Role.SECTION)}


def test_the_administrator_sets_the_complaint_clocks_and_sees_the_records(client_for, personas, many):
    client = client_for(personas.admin)
    for name in ("complaintclockrule", "complaint", "violation", "inspector", "inspectioncampaign",
                 "randominspectionplan", "supervisionvisit"):
        assert client.get(reverse(f"admin:lawyers_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:lawyers_complaintclockrule_add")).status_code == 403
    rule = ComplaintClockRule.objects.get(code="acceptance")
    response = client.post(reverse("admin:lawyers_complaintclockrule_change", args=[rule.pk]), {
        "days": 15, "day_kind": "working", "legal_source": "《广东省司法厅律师和律师事务所执业活动投诉处理办法》第十条"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.days, rule.legal_source) == (15, "《广东省司法厅律师和律师事务所执业活动投诉处理办法》第十条")
