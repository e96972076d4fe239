"""Every supervision lawyers.* indicator on a small crafted story counted by hand, per period and district; the
“still rectifying at period end” figure for past period ends; the statistics API; the report paragraph; the
queries it takes."""

from datetime import date

import pytest
import time_machine

from bureau.models import Role
from figures.periods import parse_period
from figures.stats import compute, paragraph_writer
from lawyers import supervision
from lawyers.models import (
    Complaint,
    ComplaintClockRule,
    ComplaintSource,
    Finding,
    FoundBy,
    Handling,
    Inspector,
    RandomInspectionPlan,
    RandomInspectionResult,
    RandomOutcome,
    ReplyWay,
    SupervisionVisit,
    Violation,
    ViolationKind,
)
from lawyers.stats import SUPERVISION_INDICATORS
from lawyers.supervision_data import ensure_complaint_clock_rules
from tests.conftest import ten_oclock
from tests.factories import AreaFactory, LawFirmFactory, LawyerFactory, UserFactory

STORY_DAY = date(2026, 11, 30)
CODES = [indicator.code for indicator in SUPERVISION_INDICATORS]


@pytest.fixture(autouse=True)
def complaint_clocks(db):
    """The clock rules as the data migration leaves them (a transactional test elsewhere may have flushed them)."""
    ensure_complaint_clock_rules(ComplaintClockRule)


def _complaint(section, area, respondent, received, source=ComplaintSource.LETTER, accepted=None, concluded=None,
               **fields):
    complaint = supervision.complaint_register(complaint=Complaint(
        district=area, source=source, complainant_name="投诉人", summary="执业不规范", received_on=received,
        **respondent, **fields), by=section)
    if accepted:
        supervision.complaint_accept(complaint=complaint, on=accepted, by=section)
    if concluded:
        supervision.complaint_conclude(complaint=complaint, finding=Finding.UPHELD, handling=Handling.EDUCATION,
                                       replied_on=concluded, reply_way=ReplyWay.WRITTEN, concluded_on=concluded,
                                       notes="经调查属实", by=section)
    return complaint


def _violation(section, area, found_on, closed_on=None, kind=ViolationKind.MOONLIGHTING, **subject):
    violation = supervision.violation_register(violation=Violation(
        district=area, kind=kind, found_by=FoundBy.CAMPAIGN, campaign_name="违规兼职核查", description="违规兼职",
        found_on=found_on, **subject), by=section)
    if closed_on:
        supervision.violation_notify(violation=violation, on=found_on, deadline=closed_on, by=section)
        supervision.violation_submit_evidence(violation=violation, on=closed_on, note="已整改", by=section)
        supervision.violation_recheck(violation=violation, on=closed_on, passed=True, note="复查通过", by=section)
    return violation


@pytest.fixture
def story(areas, registry, section):
    """罗湖 in 2026:
    - a 双随机 plan drawn and published on 2026-05-20 (3 firms), another drawn but never published;
    - visits on 2026-03-10 and 2026-06-02 (firm_a) and 2026-08-15 (firm_b);
    - complaints: 2026-02-02 by letter, accepted 02-05, concluded 03-20; 2026-04-01 transferred from the province,
      accepted 04-03, concluded 07-10; 2026-06-25 transferred from 光明区, accepted 06-28 (open);
      2026-09-01 by phone (not yet accepted); 2025-12-20 (last year) accepted 12-22, concluded 2026-01-15;
    - violations: lawyer_a 2026-03-01 closed 04-30; lawyer_a again 2026-05-10 (open); firm_b only 2026-06-15,
      closed 2026-09-30; lawyer_b (firm_b) 2025-11-01 (last year), closed 2026-02-10; lawyer_b 2026-08-01 (open).
    光明区 in 2026: one complaint (2026-03-03) and one open violation (2026-04-04) of its own lawyer."""
    today = date(2026, 5, 20)
    for _extra in range(2):
        LawFirmFactory(area=areas.street_a)
    for n in range(3):
        supervision.inspector_save(inspector=Inspector(district=areas.district, name=f"检查员{n}", unit="罗湖区司法局",
                                                       certificate_number=f"X{n}"), by=section)
    published = supervision.plan_create(plan=RandomInspectionPlan(
        district=areas.district, title="上半年抽查", year=2026, firms_to_draw=3, inspectors_to_draw=2), by=section)
    with time_machine.travel(ten_oclock(date(2026, 5, 6)), tick=True):  # drawn two weeks before the inspections
        draw = supervision.plan_draw(plan=published, by=section)
    for pk in draw.firms_drawn:
        supervision.random_result_record(result=RandomInspectionResult(
            plan=published, firm_id=pk, inspected_on=today, outcome=RandomOutcome.NO_PROBLEM), by=section)
    supervision.plan_publish(plan=published, on=today, by=section)
    unpublished = supervision.plan_create(plan=RandomInspectionPlan(
        district=areas.district, title="下半年抽查", year=2026, firms_to_draw=2, inspectors_to_draw=2), by=section)
    supervision.plan_draw(plan=unpublished, by=section)
    for firm, day in [(registry.firm_a, date(2026, 3, 10)), (registry.firm_a, date(2026, 6, 2)),
                      (registry.firm_b, date(2026, 8, 15))]:
        supervision.visit_record(visit=SupervisionVisit(district=areas.district, firm=firm, visited_on=day,
                                                        items=["management"]), by=section)
    a, b = {"lawyer": registry.lawyer_a}, {"lawyer": registry.lawyer_b}
    _complaint(section, areas.district, a, date(2026, 2, 2), accepted=date(2026, 2, 5), concluded=date(2026, 3, 20))
    _complaint(section, areas.district, b, date(2026, 4, 1), source=ComplaintSource.PROVINCE,
               accepted=date(2026, 4, 3), concluded=date(2026, 7, 10))
    _complaint(section, areas.district, a, date(2026, 6, 25), source=ComplaintSource.OTHER_DISTRICT,
               transferred_from=areas.other_district, accepted=date(2026, 6, 28))
    _complaint(section, areas.district, {"firm": registry.firm_b}, date(2026, 9, 1), source=ComplaintSource.PHONE)
    _complaint(section, areas.district, b, date(2025, 12, 20), accepted=date(2025, 12, 22),
               concluded=date(2026, 1, 15))
    _violation(section, areas.district, date(2026, 3, 1), date(2026, 4, 30), **a)
    _violation(section, areas.district, date(2026, 5, 10), kind=ViolationKind.FEES, **a)
    _violation(section, areas.district, date(2026, 6, 15), date(2026, 9, 30), firm=registry.firm_b)
    _violation(section, areas.district, date(2025, 11, 1), date(2026, 2, 10), **b)
    _violation(section, areas.district, date(2026, 8, 1), **b)

    other = UserFactory(role=Role.SECTION, section="lawyers", area=areas.other_district)
    street = AreaFactory(code="440311001", name="光明街道", level="street", parent=areas.other_district)
    theirs = {"lawyer": LawyerFactory(area=street)}
    _complaint(other, areas.other_district, theirs, date(2026, 3, 3))
    _violation(other, areas.other_district, date(2026, 4, 4), **theirs)


def figures(user, area, period):
    return compute(user=user, area=area, period=parse_period(period), codes=CODES)


def test_every_supervision_indicator_for_2026_by_hand(story, personas, areas):
    assert figures(personas.leader, areas.district, "2026") == {
        "lawyers.random_inspections": 1,  # the published plan; the other is drawn, not carried out
        "lawyers.supervision_inspections": 3,
        "lawyers.complaints_received": 4,  # 02-02, 04-01, 06-25, 09-01 (not the one of 2025-12-20)
        "lawyers.complaints_transferred": 2,  # from the province, from 光明区
        "lawyers.complaints_concluded": 3,  # 03-20, 07-10 and 01-15 (of last year's complaint)
        "lawyers.violation_firms": 1,  # firm_b, at fault itself (lawyer_a's and lawyer_b's name their firms too)
        "lawyers.violation_lawyers": 2,  # lawyer_a, lawyer_b (2026-08-01; 2025's does not count)
        "lawyers.violations_rectifying": 2,  # lawyer_a's of 05-10, lawyer_b's of 08-01
    }


def test_first_half_and_past_period_ends(story, personas, areas):
    assert figures(personas.leader, areas.district, "2026-H1") == {
        "lawyers.random_inspections": 1, "lawyers.supervision_inspections": 2, "lawyers.complaints_received": 3,
        "lawyers.complaints_transferred": 2, "lawyers.complaints_concluded": 2, "lawyers.violation_firms": 1,
        "lawyers.violation_lawyers": 1,
        # at 30 June: lawyer_a's of 05-10 and firm_b's of 06-15 (closed later); lawyer_a's first closed 04-30
        "lawyers.violations_rectifying": 2,
    }
    # at the end of 2025: lawyer_b's of 2025-11-01 (closed only in February 2026)
    assert figures(personas.leader, areas.district, "2025")["lawyers.violations_rectifying"] == 1
    assert figures(personas.leader, areas.district, "2026-03")["lawyers.violations_rectifying"] == 1  # lawyer_a's
    assert figures(personas.leader, areas.district, "2026-Q3")["lawyers.violations_rectifying"] == 2


def test_the_districts_and_the_city(story, personas, areas):
    theirs = figures(personas.other_leader, areas.other_district, "2026")
    assert (theirs["lawyers.complaints_received"], theirs["lawyers.violation_lawyers"],
            theirs["lawyers.violations_rectifying"], theirs["lawyers.random_inspections"]) == (1, 1, 1, 0)
    city = figures(personas.admin, areas.city, "2026")
    assert city["lawyers.complaints_received"] == 5 and city["lawyers.violations_rectifying"] == 3
    assert figures(personas.clerk_a, areas.street_a, "2026") == dict.fromkeys(CODES, 0)  # supervision is the district's


def test_the_statistics_api_counts_the_open_violation_at_period_end(story, personas, client_for):
    response = client_for(personas.leader).get("/api/v1/stats/", {
        "period": "2026-H1", "area": "440303", "codes": "lawyers.violations_rectifying,lawyers.complaints_received"})
    assert response.status_code == 200
    assert response.json()["indicators"] == {"lawyers.violations_rectifying": 2, "lawyers.complaints_received": 3}


def test_the_report_paragraph(story, personas, areas):
    values = compute(user=personas.leader, area=areas.district, period=parse_period("2026"))
    text = paragraph_writer("lawyers")({k: v for k, v in values.items()
                                        if k.startswith(("lawyers.", "advisors."))}, "全区")
    assert ("开展了1次“双随机、一公开”抽查工作，组织开展督导检查工作3次。共接到投诉案件4宗，其中上级转办、他区移交2宗，"
            "目前3宗已办结。核查出1家律师事务所、2名律师存在违规执业行为，2件仍在整改。") in text


def test_the_report_says_when_every_violation_found_was_rectified():
    from lawyers.stats import supervision_sentences

    v = {"lawyers.random_inspections": 2, "lawyers.supervision_inspections": 8, "lawyers.complaints_received": 0,
         "lawyers.complaints_transferred": 0, "lawyers.complaints_concluded": 1, "lawyers.violation_firms": 5,
         "lawyers.violation_lawyers": 6, "lawyers.violations_rectifying": 0}
    assert supervision_sentences(v).endswith("核查出5家律师事务所、6名律师存在违规执业行为，期末均已整改销号。")


def test_the_figures_take_a_handful_of_queries(story, personas, areas, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):  # the whole lawyers group: registry 2, advisors 2, supervision 4
        figures(personas.leader, areas.district, "2026")
