"""The corrections demo: loaded once for the module, idempotent, and every record obeys the register's rules."""

import io
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from stdnum.cn import ric

from bureau.data.demo_users import demo_users
from bureau.management.commands.load_reference_data import load_areas, load_calendar
from bureau.models import Area, Reminder, User
from bureau.reminders import run_rules
from corrections import demo, reminders
from corrections.data import ensure_level_policies
from corrections.models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Emergency,
    LedgerEntry,
    LevelPolicy,
    Monitoring,
    ReleasedPerson,
    ResettlementFollowUp,
    ResettlementHelp,
    RiskCase,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from figures.periods import parse_period
from figures.stats import compute

E = LedgerEntry.Kind
MODELS = [Supervisee, LedgerEntry, SupervisionEvent, TravelApproval, Attendance, AssessmentDecision, Monitoring,
          RiskCase, DeliberatedCase, Emergency, ReleasedPerson, ResettlementHelp, ResettlementFollowUp]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Both districts loaded once into the test database, rolled back after the module's tests. The reference
    data the migrations write (the level policies) is written again: a transactional test that ran before on this
    worker has flushed it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_areas()
        load_calendar()
        ensure_level_policies(LevelPolicy)
        areas = dict(Area.objects.values_list("code", "pk"))
        User.objects.bulk_create([User(username=username, name=name, role=role, section=section,
                                       area_id=areas[code]) for username, name, role, section, code in demo_users()])
        out = io.StringIO()
        demo.load(stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def districts(loaded, db):
    return [Area.objects.get(code=code) for code in ("440303", "440311")]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_both_districts_once(loaded, districts):
    assert loaded.startswith("corrections demo: 罗湖区 ") and " | 光明区 " in loaded and loaded.count("\n") == 1
    first = _counts()
    assert all(first.values()), first
    assert first["SupervisionEvent"] > 10_000 and first["Attendance"] > 3_000
    today = timezone.localdate()
    months = (today.year - demo.first_day(today).year) * 12 + today.month
    for district, plan in zip(districts, demo.DISTRICTS):
        # those on the register at the start, then about one intake a month per MEAN_TERM_MONTHS of them
        people = Supervisee.objects.in_area(district)
        expected = plan.opening * (1 + months / demo.texts.MEAN_TERM_MONTHS)
        assert 0.8 * expected <= people.count() <= 1.25 * expected, (district.name, people.count(), expected)
        kinds = Counter(people.values_list("sentence_kind", flat=True))
        assert kinds["probation"] > kinds["parole"] > kinds["outside_prison"] > kinds["control"] >= 0
        levels = Counter(people.on_register().values_list("level", flat=True))
        assert levels["normal"] > levels["strict"] and levels["normal"] > levels["lenient"]

    out = io.StringIO()
    demo.load(stdout=out)
    assert _counts() == first
    assert out.getvalue().count("register already present") == 2
    assert out.getvalue().count("resettlement already present") == 2


def _months(first, last):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def test_the_ledger_closes_for_every_district_and_year(districts):
    today = timezone.localdate()
    first = demo.first_day(today)
    streets = list(Area.objects.filter(level=Area.Level.STREET))
    for area in districts + streets:
        for year in range(first.year, today.year + 1):
            start_day, last = date(year, 1, 1), min(date(year, 12, 31), today)
            flows = dict(LedgerEntry.objects.counted_in(area).filter(on__range=(start_day, last))
                         .values_list("kind").annotate(n=Count("id")))
            start = LedgerEntry.objects.on_register(area, start_day - timedelta(days=1))
            end = LedgerEntry.objects.on_register(area, last)
            assert start + flows.get(E.RECEIVED, 0) + flows.get(E.TRANSFERRED_IN, 0) - flows.get(E.RELEASED, 0) \
                - flows.get(E.TERMINATED, 0) - flows.get(E.TRANSFERRED_OUT, 0) == end, (area.name, year, flows)
    for district, plan in zip(districts, demo.DISTRICTS):
        # The intake follows the terms that end (demo/people.py _intakes): the register keeps to its opening
        # size within a few people — ±15 % is what the model promises on any day, whatever day it is loaded.
        days = [first - timedelta(days=1)] + [month for month in _months(first, today) if month.month in (1, 7)]
        on_register = [LedgerEntry.objects.on_register(district, day) for day in days + [today]]
        assert all(0.85 * plan.opening <= n <= 1.15 * plan.opening for n in on_register), (district.name, on_register)
        assert on_register[-1] == Supervisee.objects.in_area(district).on_register().count()
        flows = Counter(LedgerEntry.objects.counted_in(district).filter(on__gte=first).values_list("kind", flat=True))
        assert flows[E.RECEIVED] > 90 and flows[E.RELEASED] > 90
        assert flows[E.TRANSFERRED_IN] >= 5 and flows[E.TRANSFERRED_OUT] >= 4 and 3 <= flows[E.TERMINATED] <= 6
        # transfers between its streets are moves for the streets, not for the district
        assert LedgerEntry.objects.in_area(district).filter(counterpart__path__startswith=district.path).count() >= 14


def test_every_month_of_the_span_has_its_intake_talks_and_checks(districts, client):
    """The two previous years and this year to date, month by month, as the statistics API gives them: the flows
    are never zero, so every trend and year-on-year comparison has a real base."""
    today = timezone.localdate()
    first = demo.first_day(today)
    codes = ["corrections.received", "corrections.talks", "corrections.information_checks",
             "corrections.on_register"]
    for district, plan in zip(districts, demo.DISTRICTS):
        leader = User.objects.get(username=f"{plan.users}_leader")
        for month in _months(first, today):
            period = parse_period(f"{month:%Y-%m}")
            figures = compute(user=leader, area=district, period=period, codes=codes)
            assert all(figures[code] > 0 for code in codes), (district.name, f"{month:%Y-%m}", figures)
        client.force_login(leader)
        for year in (today.year - 1, today.year):
            response = client.get("/api/v1/stats/", {"period": str(year), "area": district.code,
                                                     "codes": ",".join(codes)})
            assert response.status_code == 200
            assert all(v > 0 for v in response.json()["indicators"].values()), response.json()


def _register_times():
    """person → (reported on, left on or None, [(arrived on, area id)]) from the ledger alone."""
    times = {}
    for person, kind, on, area, counterpart in LedgerEntry.objects.order_by("on", "id").values_list(
            "supervisee", "kind", "on", "area", "counterpart"):
        start, end, arrivals = times.get(person, (None, None, []))
        if kind in LedgerEntry.ARRIVALS:
            arrivals.append((on, area))
            start = start or on
        elif kind != E.TRANSFERRED_OUT or counterpart is None:
            end = on
        times[person] = (start, end, arrivals)
    return times


def test_nobody_has_events_outside_their_time_on_the_register_and_each_carries_the_office_of_the_day(districts):
    today = timezone.localdate()
    times = _register_times()
    assert Supervisee.objects.awaiting_report().exists()
    assert not Supervisee.objects.awaiting_report().filter(pk__in=list(times)).exists()

    def check(person, first, last, area=None):
        start, end, arrivals = times[person]
        assert start <= first and last <= (end or today) and last <= today, (person, first, last, start, end)
        if area is not None:
            assert [a for on, a in arrivals if on <= first][-1] == area, (person, first)

    for person, on, area in SupervisionEvent.objects.values_list("supervisee", "on", "area"):
        check(person, on, on, area)
    for person, on, area in Attendance.objects.values_list("supervisee", "session__held_on", "area"):
        check(person, on, on, area)
    for person, on, area in AssessmentDecision.objects.values_list("supervisee", "decided_on", "area"):
        check(person, on, on, area)
    for person, on, area in RiskCase.objects.values_list("supervisee", "identified_on", "area"):
        check(person, on, on, area)
    for person, on, area in DeliberatedCase.objects.values_list("supervisee", "deliberation__held_on", "area"):
        check(person, on, on, area)
    for person, on, closed, area in Emergency.objects.values_list("supervisee", "occurred_on", "closed_on", "area"):
        check(person, on, closed or on, area)
    for person, approved, leave, back, area in TravelApproval.objects.values_list(
            "supervisee", "approved_on", "leave_on", "returned_on", "area"):
        check(person, approved, back or approved, area)
        assert approved <= leave
    for person, starts, ended, approved, area in Monitoring.objects.values_list(
            "supervisee", "starts_on", "ended_on", "approved_on", "area"):
        check(person, min(starts, approved), ended or starts, area)


def test_monitoring_is_on_a_statutory_ground_at_most_three_months_a_period(districts):
    today = timezone.localdate()
    monitorings = list(Monitoring.objects.select_related("renewal_of"))
    assert monitorings
    for monitoring in monitorings:
        monitoring.clean()  # the ground is required and a period longer than three months is refused
        assert monitoring.ends_on <= monitoring.latest_end_allowed
        assert monitoring.ended_on is None or monitoring.starts_on <= monitoring.ended_on <= monitoring.ends_on
        if monitoring.renewal_of:
            assert monitoring.assessment and monitoring.starts_on > monitoring.renewal_of.ends_on
            assert monitoring.renewal_of.supervisee_id == monitoring.supervisee_id
    assert any(m.renewal_of for m in monitorings)
    ending = [m for m in monitorings if not m.ended_on and today <= m.ends_on <= today + timedelta(days=7)
              and not hasattr(m, "renewal")]
    assert ending


def test_talks_and_checks_keep_the_level_pace_with_a_few_late(districts):
    policy = {p.level: p for p in LevelPolicy.objects.all()}
    levels = defaultdict(list)
    for person, level, on in Supervisee.objects.values_list("pk", "level_changes__level", "level_changes__on"):
        levels[person].append((on, level))
    gaps = Counter()
    for kind, field in ((SupervisionEvent.Kind.TALK, "talk_interval_days"),
                        (SupervisionEvent.Kind.INFO_CHECK, "check_interval_days")):
        last = {}
        for person, on in SupervisionEvent.objects.filter(kind=kind).order_by("supervisee", "on").values_list(
                "supervisee", "on"):
            if person in last:
                level = [lv for day, lv in sorted(levels[person]) if day <= last[person]][-1]
                gaps["on time" if (on - last[person]).days <= getattr(policy[level], field) else "late"] += 1
            last[person] = on
    assert gaps["late"] > 0 and gaps["on time"] > 15 * gaps["late"], gaps


def test_people_have_valid_id_numbers_of_their_district_and_plausible_names(districts):
    for person in Supervisee.objects.order_by("?")[:20]:
        person.full_clean()
    for district, plan in zip(districts, demo.DISTRICTS):
        people = list(Supervisee.objects.in_area(district)) + list(ReleasedPerson.objects.in_area(district))
        numbers = [p.id_number for p in people if p.id_number]
        assert len(set(numbers)) == len(numbers)
        for person in people:
            assert 2 <= len(person.name) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in person.name)
            if person.id_number:
                assert ric.is_valid(person.id_number) and person.id_number[:6] in plan.regions
                assert person.id_number.is_female == (person.gender == "F")
    luohu = Counter(p.id_number[:6] for p in Supervisee.objects.in_area(districts[0]))
    assert luohu.most_common(1)[0][0] == "440303"


def test_resettlement_covers_five_years_with_hand_overs_help_and_follow_ups(districts):
    today = timezone.localdate()
    for district in districts:
        people = ReleasedPerson.objects.in_area(district)
        assert 200 <= people.listed_on(today).count() <= people.count() <= 300
        assert people.exclude(verification=ReleasedPerson.Verification.VERIFIED).exists()
        assert people.filter(reoffended_on__isnull=False).exists()
        assert set(people.values_list("handover", flat=True)) == set(ReleasedPerson.Handover.values)
    for person, on, released, until, reoffended in ResettlementFollowUp.objects.values_list(
            "person", "on", "person__released_on", "person__listed_until", "person__reoffended_on"):
        assert released <= on < until and on <= today and (reoffended is None or on <= reoffended)
    for person, on, released in ResettlementHelp.objects.values_list("person", "on", "person__released_on"):
        assert released <= on <= today


def test_the_daily_risk_check_gives_each_office_a_handful_of_to_dos(districts):
    today = timezone.localdate()
    created = run_rules(today)
    corrections = {kind: n for kind, n in created.items() if kind.startswith("corrections.")}
    assert all(corrections.values()), corrections  # every rule has work in the demo
    open_todos = Reminder.objects.open().filter(kind__startswith="corrections.")
    per_street = dict(open_todos.values_list("area__code").annotate(n=Count("id")))
    streets = Area.objects.filter(level=Area.Level.STREET).values_list("code", flat=True)
    assert set(per_street) <= set(streets) and len(per_street) >= len(streets) - 2
    assert all(1 <= n <= 20 for n in per_street.values()), per_street
    assert {reminders.TALK_OVERDUE, reminders.CHECK_OVERDUE} <= set(open_todos.values_list("kind", flat=True))
    assert sum(run_rules(today).values()) == 0
