"""The supervision demo: two years and this year of every kind of work in both districts, made through the services
(every draw verifies), with complaints on the clock and violations open now; every lawyers.* code answers for
2025 for 罗湖区 through /api/v1/stats/ with the figure counted by hand from the rows; a second run adds nothing."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.utils import timezone

from bureau.models import Area, Reminder, Role, User
from lawyers import demo
from lawyers.models import (
    Complaint,
    ComplaintSource,
    ComplaintStatus,
    Draw,
    InspectionCampaign,
    Inspector,
    LawFirm,
    Lawyer,
    PlanStatus,
    RandomInspectionPlan,
    Status,
    SupervisionVisit,
    Violation,
    ViolationStatus,
    verify,
)
from lawyers.reminders import COMPLAINT_KINDS, VIOLATION_KINDS


@pytest.fixture
def with_accounts(db):
    """The demo accounts as `load_demo_data` creates them (before any app's demo), then the lawyers demo."""
    from bureau.data.demo_users import demo_users
    from bureau.management.commands.load_reference_data import load_areas, load_calendar

    load_areas()
    load_calendar()
    areas = dict(Area.objects.values_list("code", "pk"))
    User.objects.bulk_create([User(username=username, name=name, role=role, section=section, area_id=areas[code],
                                   is_superuser=role == "admin") for username, name, role, section, code in demo_users()])
    out = StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def test_every_kind_of_work_in_both_districts_over_the_span(with_accounts):
    today = timezone.localdate()
    first = demo.first_day(today)
    for code in ("440303", "440311"):
        district = Area.objects.get(code=code)
        section = User.objects.get(role=Role.SECTION, section="lawyers", area=district)
        assert Inspector.objects.filter(district=district, is_active=True).count() >= 2
        assert InspectionCampaign.objects.filter(district=district, year=first.year - 1).count() == 2  # firms, public
        assert InspectionCampaign.objects.filter(district=district, meeting_on__isnull=False).exists()
        plans = RandomInspectionPlan.objects.filter(district=district)
        for year in range(first.year, today.year):
            assert plans.filter(published_on__year=year).count() == 2
        draws = Draw.objects.filter(plan__district=district)
        assert draws.count() == plans.exclude(status=PlanStatus.PLANNED).count() and all(verify(d) for d in draws)
        assert SupervisionVisit.objects.filter(district=district, visited_on__lt=first + timedelta(days=365)).exists()
        complaints = Complaint.objects.filter(district=district)
        assert complaints.filter(received_on__lt=first).count() == 0
        assert set(complaints.values_list("source", flat=True)) >= {ComplaintSource.LETTER, ComplaintSource.ON_SITE}
        assert complaints.filter(status=ComplaintStatus.CONCLUDED).count() > 10
        violations = Violation.objects.filter(district=district)
        assert set(violations.values_list("found_by", flat=True)) >= {"annual", "campaign", "complaint"}
        assert violations.filter(status=ViolationStatus.CLOSED).count() > 10
        # on the clock now, as to-dos of the district's lawyers section
        assert complaints.filter(status=ComplaintStatus.RECEIVED).exists()
        assert complaints.filter(status=ComplaintStatus.ACCEPTED).exists()
        assert violations.filter(status=ViolationStatus.RECTIFYING, deadline__lt=today).exists()
        assert violations.filter(status=ViolationStatus.EVIDENCE).exists()
        todos = Reminder.objects.open().filter(area=district, role=Role.SECTION)
        assert set(todos.filter(kind__in=COMPLAINT_KINDS + VIOLATION_KINDS).values_list("kind", flat=True)) == set(
            COMPLAINT_KINDS + VIOLATION_KINDS)
        assert Complaint.objects.visible_to(section).count() == complaints.count()
    for record in [*Complaint.objects.all(), *Violation.objects.all(), *SupervisionVisit.objects.all()]:
        record.full_clean()


def _hand_counts(district, start, end):
    """The lawyers.* figures of indicators.md counted from the rows in Python (no aggregate)."""
    def on_register(started, ended, status, day):
        return (started is None or started <= day) and (
            (ended is not None and ended > day) or (ended is None and status != Status.CANCELLED))

    path = district.path
    firms = [f for f in LawFirm.objects.select_related("area") if f.area.path.startswith(path)
             and on_register(f.founded_on, f.closed_on, f.status, end)]
    lawyers = [lw for lw in Lawyer.objects.select_related("area") if lw.area.path.startswith(path)
               and on_register(lw.practice_start, lw.practice_end, lw.status, end)]
    complaints = list(Complaint.objects.filter(district=district))
    violations = list(Violation.objects.filter(district=district))
    found = [v for v in violations if start <= v.found_on <= end]
    return {
        "lawyers.law_firms": len(firms),
        "lawyers.lawyers": len(lawyers),
        "lawyers.lawyers_fulltime": sum(lw.kind == Lawyer.Kind.FULL_TIME for lw in lawyers),
        "lawyers.lawyers_parttime": sum(lw.kind == Lawyer.Kind.PART_TIME for lw in lawyers),
        "lawyers.lawyers_public": sum(lw.kind == Lawyer.Kind.PUBLIC for lw in lawyers),
        "lawyers.lawyers_corporate": sum(lw.kind == Lawyer.Kind.CORPORATE for lw in lawyers),
        "lawyers.random_inspections": sum(1 for p in RandomInspectionPlan.objects.filter(district=district)
                                          if p.published_on and start <= p.published_on <= end),
        "lawyers.supervision_inspections": sum(1 for v in SupervisionVisit.objects.filter(district=district)
                                               if start <= v.visited_on <= end),
        "lawyers.complaints_received": sum(1 for c in complaints if start <= c.received_on <= end),
        "lawyers.complaints_concluded": sum(1 for c in complaints if c.concluded_on and start <= c.concluded_on <= end),
        "lawyers.violation_firms": len({v.firm_id for v in found if v.firm_id and not v.lawyer_id}),
        "lawyers.violation_lawyers": len({v.lawyer_id for v in found if v.lawyer_id}),
        "lawyers.violations_rectifying": sum(1 for v in violations
                                             if v.found_on <= end and (v.closed_on is None or v.closed_on > end)),
    }


def test_every_lawyers_code_answers_for_the_year_before_with_hand_counts(with_accounts, client_for):
    year = timezone.localdate().year - 1  # 2025 on the suite's default day
    district = Area.objects.get(code="440303")
    expected = _hand_counts(district, date(year, 1, 1), date(year, 12, 31))
    leader = User.objects.get(username="luohu_leader")
    response = client_for(leader).get("/api/v1/stats/", {"period": str(year), "area": "440303",
                                                         "codes": ",".join(expected)})
    assert response.status_code == 200, response.content
    assert response.json()["indicators"] == expected
    assert expected["lawyers.random_inspections"] == 2 and expected["lawyers.complaints_received"] > 5
    assert expected["lawyers.supervision_inspections"] > 0 and expected["lawyers.violation_lawyers"] > 0
    # the open violations now are counted at the end of today's period
    today = timezone.localdate()
    now = client_for(leader).get("/api/v1/stats/", {"period": str(today.year), "area": "440303",
                                                    "codes": "lawyers.violations_rectifying"})
    assert now.json()["indicators"]["lawyers.violations_rectifying"] == _hand_counts(
        district, date(today.year, 1, 1), today)["lawyers.violations_rectifying"] >= 2


def test_a_second_run_adds_no_supervision(with_accounts):
    counts = [model.objects.count() for model in (Inspector, RandomInspectionPlan, Draw, Complaint, Violation,
                                                  SupervisionVisit, InspectionCampaign)]
    out = StringIO()
    demo.load_supervision(out)
    assert "0 inspectors, 0 annual inspections, 0 random inspections, 0 visits, 0 complaints, 0 violations" in (
        out.getvalue())
    assert counts == [model.objects.count() for model in (Inspector, RandomInspectionPlan, Draw, Complaint, Violation,
                                                          SupervisionVisit, InspectionCampaign)]
    assert "supervision — 16 inspectors" in with_accounts
