"""The legal-aid demo (1 January two years back to today): loaded once, fast, every case obeys the rules the
services enforce, and every month of the span has figures."""

import io
import re
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F, Max, Min, Q
from django.utils import timezone
from stdnum.cn import ric

from bureau.data.demo_users import demo_users
from bureau.management.commands.load_reference_data import load_areas, load_calendar
from bureau.models import Area, User
from lawyers.models import LawFirm, Lawyer, Specialty
from legalaid import demo
from legalaid.data import ensure_clock_rules
from legalaid.demo.cases import LawyerPool
from legalaid.models import (
    TRANSITIONS,
    Case,
    CaseStep,
    ClockRule,
    Complaint,
    Consultation,
    Decision,
    Expert,
    FileEvaluation,
    FollowUp,
    HearingEvaluation,
    MatterKind,
    Objection,
    Recipient,
    Status,
)
from legalaid.models import Category as C
from legalaid.services import experts_draw

SCALE = 0.1
NUMBER = re.compile(r"^(罗|光)法援〔(\d{4})〕(\d{4})号$")
MODELS = [Case, Recipient, CaseStep, Objection, Consultation, Expert, FileEvaluation, HearingEvaluation,
          HearingEvaluation.experts.through, FollowUp, Complaint]


def _lawyers():
    """Eight lawyers per demo district: seniors and juniors (under three years), one not taking legal aid."""
    streets = {a.code: a for a in Area.objects.filter(level=Area.Level.STREET)}
    firms = LawFirm.objects.bulk_create([
        LawFirm(name="广东测试罗湖律师事务所", credit_code="91440300000000001X", area=streets["440303001"]),
        LawFirm(name="广东测试光明律师事务所", credit_code="91440300000000002X", area=streets["440311002"]),
    ])
    starts = [date(2008, 3, 1), date(2012, 6, 1), date(2016, 9, 1), date(2019, 1, 1), date(2020, 5, 1),
              date(2025, 1, 10), date(2025, 6, 1), date(2024, 8, 1)]
    specialties = [[Specialty.CRIMINAL], [Specialty.LABOUR], [Specialty.FAMILY, Specialty.LABOUR],
                   [Specialty.PERSONAL_INJURY], [Specialty.CRIMINAL, Specialty.CONTRACT], [Specialty.CRIMINAL],
                   [Specialty.LABOUR], [Specialty.SOCIAL_SECURITY]]
    rows = []
    for d, (firm, street) in enumerate([(firms[0], "440303003"), (firms[1], "440311004")]):
        for i, (start, specs) in enumerate(zip(starts, specialties)):
            rows.append(Lawyer(name=f"律师{d}{i}", certificate_number=f"1440320{d}{i:09d}", firm=firm,
                               area=streets[street], practice_start=start, specialties=specs,
                               legal_aid_available=i != 7))
    return Lawyer.objects.bulk_create(rows)


@pytest.fixture
def demo_world(db):
    load_areas()
    load_calendar()
    ensure_clock_rules(ClockRule)
    areas = dict(Area.objects.values_list("code", "pk"))
    User.objects.bulk_create([User(username=username, name=name, role=role, section=section, area_id=areas[code])
                              for username, name, role, section, code in demo_users()])
    _lawyers()


@pytest.fixture
def loaded(demo_world):
    out = io.StringIO()
    demo.load(stdout=out, scale=SCALE)
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_both_districts_once(loaded):
    assert "legalaid demo 罗湖区: " in loaded and "legalaid demo 光明区: " in loaded
    first = _counts()
    assert all(first.values()), first
    for code in ("440303", "440311"):
        district = Area.objects.get(code=code)
        assert Case.objects.in_area(district).exists()
        assert Consultation.objects.in_area(district).exists()
        assert Expert.objects.in_area(district).count() >= 5

    out = io.StringIO()
    demo.load(stdout=out, scale=SCALE)
    assert _counts() == first
    assert out.getvalue().count("cases already present") == 2


def test_dates_follow_the_lifecycle_and_none_is_after_today(loaded):
    today = timezone.localdate()
    cases = Case.objects.all()
    assert not cases.filter(assigned_on__lt=F("decided_on")).exists()
    assert not cases.filter(started_on__lt=F("assigned_on")).exists()
    assert not cases.filter(closed_on__lt=F("started_on")).exists()
    assert not cases.filter(archived_on__lt=F("closed_on")).exists()
    assert not cases.filter(terminated_on__lt=F("decided_on")).exists()
    assert not cases.filter(decided_on__lt=F("received_on")).exists()
    assert not cases.filter(complete_on__lt=F("received_on")).exists()
    date_fields = ["received_on", "material_requested_on", "complete_on", "decided_on", "assigned_on",
                   "started_on", "closed_on", "archived_on", "terminated_on"]
    assert not cases.filter(Q(**{f"{name}__gt": today for name in date_fields}, _connector=Q.OR)).exists()
    assert not CaseStep.objects.filter(on__gt=today).exists()
    assert not Consultation.objects.filter(on__gt=today).exists()
    assert not FollowUp.objects.filter(called_on__gt=today).exists()
    assert not FileEvaluation.objects.filter(evaluated_on__gt=today).exists()
    assert not HearingEvaluation.objects.filter(held_on__gt=today).exists()
    assert not Complaint.objects.filter(Q(received_on__gt=today) | Q(concluded_on__gt=today)).exists()
    # decision set iff decided_on set; a granted decision is the only road to a lawyer
    assert not cases.filter(decision="", decided_on__isnull=False).exists()
    assert not cases.filter(~Q(decision=""), decided_on__isnull=True).exists()
    assert not cases.filter(assigned_on__isnull=False).exclude(decision=Decision.GRANTED).exists()
    assert not cases.filter(closed_on__isnull=False, started_on__isnull=True).exists()


# Which dates each status has (True: set, False: empty; absent: either).
STATUS_DATES = {
    Status.RECEIVED: {"decided_on": False, "assigned_on": False, "decision_due_on": True},
    Status.MATERIAL_REQUESTED: {"material_requested_on": True, "decision_due_on": False, "decided_on": False},
    Status.GRANTED: {"decided_on": True, "assignment_due_on": True, "assigned_on": False, "terminated_on": False},
    Status.REFUSED: {"decided_on": True, "assigned_on": False, "assignment_due_on": False},
    Status.OBJECTED: {"decided_on": True, "assigned_on": False},
    Status.ASSIGNED: {"assigned_on": True, "lawyer": True, "started_on": False, "terminated_on": False},
    Status.IN_PROGRESS: {"started_on": True, "closed_on": False, "terminated_on": False},
    Status.CLOSED: {"closed_on": True, "archived_on": False, "terminated_on": False},
    Status.ARCHIVED: {"archived_on": True, "closed_on": True},
    Status.TERMINATED: {"terminated_on": True, "closed_on": False},
}
DECISION = {Status.RECEIVED: "", Status.MATERIAL_REQUESTED: "", Status.REFUSED: Decision.REFUSED,
            Status.OBJECTED: Decision.REFUSED}


def test_each_status_has_exactly_the_dates_it_should(loaded):
    for case in Case.objects.all():
        for name, present in STATUS_DATES[case.status].items():
            assert (getattr(case, name) is not None) == present, (case.number, case.status, name)
        assert case.decision == DECISION.get(case.status, Decision.GRANTED), case.number
        if case.closed_on:
            assert case.outcome
        if case.terminated_on:
            assert case.termination_ground
        if case.matter_kind != MatterKind.CRIMINAL and case.closed_on is None:
            assert case.recovered_amount == 0
        if case.matter_kind == MatterKind.CRIMINAL:
            assert case.recovered_amount == 0
            assert case.category in {C.CRIMINAL_DEFENCE, C.NOTIFIED_DEFENCE, C.VICTIM_AGENCY}
        else:
            assert case.category not in {C.CRIMINAL_DEFENCE, C.NOTIFIED_DEFENCE, C.VICTIM_AGENCY}
        if case.is_notice:
            assert case.notifying_authority and case.matter_kind == MatterKind.CRIMINAL


def test_every_case_is_valid_and_its_people_have_valid_id_numbers(loaded):
    for case in Case.objects.select_related("area"):
        case.full_clean()
        assert case.area.level == Area.Level.STREET
        assert case.applicant_id_number is None or ric.is_valid(case.applicant_id_number)
    for recipient in Recipient.objects.all():
        recipient.full_clean()
        if recipient.id_number:
            assert ric.is_valid(recipient.id_number)
            assert recipient.birth_date == recipient.id_number.birth_date
            assert recipient.is_female == recipient.id_number.is_female
    assert Recipient.objects.filter(groups__contains=["migrant_worker"]).exists()


def test_the_clocks_are_the_services_clocks(loaded):
    for case in Case.objects.all():
        if case.decision_due_on:
            assert case.decision_due_on == ClockRule.due_on(ClockRule.Code.DECISION, case.complete_on)
        if case.assignment_due_on:
            code = ClockRule.Code.NOTICE_ASSIGNMENT if case.is_notice else ClockRule.Code.ASSIGNMENT
            assert case.assignment_due_on == ClockRule.due_on(code, case.decided_on), case.number
    for complaint in Complaint.objects.all():
        assert complaint.due_on == ClockRule.due_on(ClockRule.Code.COMPLAINT, complaint.received_on)
    assert Complaint.objects.open().exists()


def test_lawyers_are_eligible_lawyers_of_the_district(loaded):
    assigned = Case.objects.filter(lawyer__isnull=False).select_related("lawyer__area", "area")
    assert assigned.exists()
    for case in assigned:
        district = case.area.path.rsplit("/", 2)[0]
        assert case.lawyer.area.path.startswith(district + "/")
        assert case.lawyer.legal_aid_available and case.lawyer.practice_start <= case.assigned_on
        assert case.suggested_lawyer_id and case.suggestion_reason.count("；") == 2
        assert (case.lawyer_id != case.suggested_lawyer_id) == bool(case.override_reason)
        if case.max_penalty_life_or_death:
            assert case.lawyer.years_of_practice(case.assigned_on) >= 3


def test_a_life_or_death_case_goes_only_to_a_lawyer_of_three_years(demo_world):
    lawyers = list(Lawyer.objects.filter(area__code__startswith="440303").order_by("pk"))
    pool = LawyerPool(lawyers)
    case = Case(category=C.NOTIFIED_DEFENCE, max_penalty_life_or_death=True)
    on = date(2026, 3, 2)
    ranked = pool.ranked(case, on)
    assert ranked and all(s.lawyer.years_of_practice(on) >= 3 for s in ranked)
    assert len(pool.ranked(Case(category=C.NOTIFIED_DEFENCE), on)) > len(ranked)
    # specialty first; then the load counts
    assert ranked[0].has_specialty and ranked[0].reason.startswith("专长：刑事辩护与代理；在办 0 件；从未指派")
    busy = ranked[0].lawyer
    for _i in range(4):
        pool.take(busy, Case(assigned_on=on - timedelta(days=3)))
    assert pool.ranked(case, on)[0].lawyer != busy


def test_each_timeline_follows_the_transition_map(loaded):
    steps = {}
    for case_id, status, on, by in CaseStep.objects.order_by("case", "at", "id").values_list(
            "case", "status", "on", "by__username"):
        steps.setdefault(case_id, []).append((status, on, by))
    for case in Case.objects.all():
        timeline = steps[case.pk]
        first = Status.GRANTED if case.is_notice else Status.RECEIVED
        assert timeline[0][0] == first and timeline[0][1] == case.received_on
        for (before, on_before, _by), (after, on_after, _by2) in pairwise(timeline):
            assert after in TRANSITIONS[before], (case.number, before, after)
            assert on_before <= on_after
        assert timeline[-1][0] == case.status
        assert {by for _s, _on, by in timeline} <= {"luohu_legalaid", "guangming_legalaid"}
    for objection in Objection.objects.select_related("case"):
        assert objection.filed_on >= objection.case.received_on
        assert (objection.result == "") == (objection.decided_on is None)


def test_numbers_are_unique_well_formed_and_sequential_by_received_date(loaded):
    rows = list(Case.objects.values_list("number", "received_on"))
    assert len({number for number, _r in rows}) == len(rows)
    series = {}
    for number, received_on in rows:
        match = NUMBER.match(number)
        assert match, number
        assert int(match[2]) == received_on.year
        series.setdefault((match[1], match[2]), []).append((int(match[3]), received_on))
    for sequence in series.values():
        sequence.sort()
        assert [n for n, _r in sequence] == list(range(1, len(sequence) + 1))
        assert all(a[1] <= b[1] for a, b in pairwise(sequence))


def test_hearing_draws_can_be_rechecked(loaded):
    for hearing in HearingEvaluation.objects.select_related("case__area"):
        district = Area.objects.get(code=hearing.case.area.code[:6])
        pool = sorted(Expert.objects.active().in_area(district).values_list("pk", flat=True))
        assert hearing.pool == pool
        assert sorted(hearing.experts.values_list("pk", flat=True)) == sorted(experts_draw(pool, hearing.seed, 3))
        assert hearing.case.started_on <= hearing.held_on
    for evaluation in FileEvaluation.objects.select_related("case"):
        assert evaluation.case.status in {Status.CLOSED, Status.ARCHIVED}
        assert evaluation.first_reviewer != evaluation.second_reviewer
        assert 70 <= evaluation.first_score <= 100 and 70 <= evaluation.second_score <= 100


# --- The span: 1 January two years back to today, at a steady monthly volume ------------------------------


def _months(first, last):
    """(year, month) from the month of `first` to that of `last`."""
    months, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def test_the_demo_runs_from_january_two_years_back_to_today(loaded):
    today = timezone.localdate()
    first = date(today.year - 2, 1, 1)
    received = sorted(Case.objects.values_list("received_on", flat=True))
    consulted = sorted(Consultation.objects.values_list("on", flat=True))
    assert first <= received[0] <= first + timedelta(days=31) and received[-1] <= today
    assert first <= consulted[0] <= first + timedelta(days=7) and consulted[-1] <= today
    whole_months = set(_months(first, today)) - {(today.year, today.month)}
    assert whole_months <= {(d.year, d.month) for d in consulted}


def test_a_demo_made_on_a_later_day_covers_its_own_span(demo_world, time_machine):
    time_machine.move_to(datetime(2030, 10, 8, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    demo.load(stdout=io.StringIO(), scale=0.05)
    days = Case.objects.aggregate(first=Min("received_on"), last=Max("received_on"))
    assert date(2028, 1, 1) <= days["first"] < date(2028, 3, 1) and days["last"] <= date(2030, 10, 8)
    assert Consultation.objects.filter(on__year=2028).exists() and not Consultation.objects.filter(
        on__gt=date(2030, 10, 8)).exists()
    # No holiday calendar is loaded for 2028-2030 in this world: the clocks count weekdays.
    case = Case.objects.filter(decision_due_on__isnull=False).order_by("received_on").first()
    assert case.decision_due_on == ClockRule.due_on(ClockRule.Code.DECISION, case.complete_on)


@pytest.fixture
def loaded_at_scale(demo_world):
    demo.load(stdout=io.StringIO(), scale=1.0)


def test_every_month_of_last_year_and_this_year_has_figures_for_luohu(loaded_at_scale, client):
    """What a leader opens: the stats API for 罗湖区, month by month, last year and this year to date (the
    running month once it is ten days old)."""
    today = timezone.localdate()
    client.force_login(User.objects.get(username="luohu_leader"))
    last = today if today.day >= 10 else today.replace(day=1) - timedelta(days=1)
    empty = []
    for year, month in _months(date(today.year - 1, 1, 1), last):
        response = client.get("/api/v1/stats/", {"period": f"{year}-{month:02d}", "area": "440303",
                                                 "codes": "legalaid.cases_accepted,legalaid.consultations"})
        assert response.status_code == 200, response.content
        figures = response.json()["indicators"]
        if not (figures["legalaid.cases_accepted"] and figures["legalaid.consultations"]):
            empty.append((year, month, figures))
    assert empty == []
    # Steady: last year and the year before are alike (同比 compares like with like).
    per_year = {year: Case.objects.filter(area__code__startswith="440303", received_on__year=year).count()
                for year in (today.year - 2, today.year - 1)}
    assert 0.8 < per_year[today.year - 1] / per_year[today.year - 2] < 1.25, per_year
