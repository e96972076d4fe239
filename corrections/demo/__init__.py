"""Demo community corrections for 罗湖区 and 光明区: the register, supervision, assessment and risk over the two
previous whole years and this year to date (texts.first_day), and five years of resettlement.

Every person and story here is invented; ID numbers are well-formed (GB 11643 check digit) with the
district's own region code — or, for people born before it existed, the code their district then had
(光明区 440311 dates from 2018: 宝安区 440306, 宝安县 440321, 深圳市 440300 before that).

Each person's life is drawn first, whole, in memory: intake within the 10 days (a few late, a couple still
awaited today), level changes, moves between streets and out of the portal, release at the term's end or
termination. The ledger and the levels are then written through `corrections.services`, in date order, so
the register is exactly what the offices would have produced. The events that come by the thousand (talks,
checks, visits, reports, attendance) and the records about people no longer on the register (which the
services refuse today) are written with bulk_create, each carrying the area of the office that supervised
the person that day, as the services copy it. Talks and checks follow each level's pace from LevelPolicy,
mostly on time, a few late, and a few people are behind today, so the daily risk check finds a handful of
to-dos per office.

A fixed seed per district makes the data the same for the same day on every machine; a district that
already has people on its register (or released persons) is left alone, so a second run adds nothing.
"""

from django.db import transaction
from django.utils import timezone, translation

from bureau.audit import audit_bulk_writes
from bureau.models import Area

from ..models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    Emergency,
    EmergencyStep,
    Level,
    LevelPolicy,
    Monitoring,
    ReleasedPerson,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from .events import (
    _contacts,
    _emergencies,
    _file_checks,
    _monitorings,
    _reviews,
    _risks,
    _sessions,
    _travels,
)
from .people import World, _levels, _lives, _stories, _write_register
from .resettlement import _resettlement
from .texts import BATCH, DISTRICTS, first_day  # noqa: F401 (first_day: the span, for callers and tests)

# --- writing ------------------------------------------------------------------------------------------------


def _corrections(w):
    lives = _lives(w)
    proposals, missing = _stories(w, lives)
    meetings, warned = _reviews(w, lives, proposals)
    _levels(w, lives, warned)
    _write_register(w, lives)

    events = [row for life in lives if life.arrival for row in _contacts(w, life)] + _file_checks(w, lives)
    SupervisionEvent.objects.bulk_create(events, batch_size=BATCH)
    TravelApproval.objects.bulk_create(_travels(w, lives), batch_size=BATCH)

    sessions = _sessions(w, lives)
    EducationSession.objects.bulk_create([s for s, _people in sessions], batch_size=BATCH)
    attendance = [Attendance(session=s, supervisee=life.obj, area_id=life.area_on(s.held_on).pk)
                  for s, people in sessions for life in people]
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)

    reviews = [(ReviewMeeting(held_on=held, area=w.district, participants="区司法局社区矫正科、司法所负责人、矫正小组代表",
                              summary="评议社区矫正对象监督管理表现，作出奖惩决定"), decisions)
               for held, decisions in sorted(meetings, key=lambda m: m[0])]
    ReviewMeeting.objects.bulk_create([m for m, _d in reviews])
    decisions = [AssessmentDecision(meeting=m, supervisee=life.obj, kind=kind, reason=reason, decided_on=m.held_on,
                                    area_id=life.area_on(m.held_on).pk)
                 for m, rows in reviews for life, kind, reason in rows]
    AssessmentDecision.objects.bulk_create(decisions, batch_size=BATCH)

    monitorings = _monitorings(w, lives, meetings)
    Monitoring.objects.bulk_create([m for m, renews in monitorings if renews is None])
    for monitoring, renews in monitorings:
        if renews is not None:
            monitoring.renewal_of = monitorings[renews][0]
    Monitoring.objects.bulk_create([m for m, renews in monitorings if renews is not None])

    risk_meetings, deliberations = _risks(w, lives, proposals, missing)
    RiskMeeting.objects.bulk_create([m for m, _cases in risk_meetings])
    for meeting, cases in risk_meetings:
        for case in cases:
            case.meeting = meeting
    RiskCase.objects.bulk_create([c for _m, cases in risk_meetings for c in cases])
    rows = [(Deliberation(held_on=held, area=w.district, participants="区司法局分管领导、社区矫正科、法制科、司法所负责人",
                          summary="重大疑难案件集体合议"), cases) for held, cases in deliberations]
    Deliberation.objects.bulk_create([d for d, _cases in rows])
    DeliberatedCase.objects.bulk_create([
        DeliberatedCase(deliberation=d, supervisee=life.obj, question=q, decision=answer,
                        area_id=life.area_on(d.held_on).pk)
        for d, cases in rows for life, q, answer in cases
    ])
    emergencies = _emergencies(w, lives, proposals, missing)
    Emergency.objects.bulk_create([e for e, _steps in emergencies])
    EmergencyStep.objects.bulk_create([s for _e, steps in emergencies for s in steps])

    on_register = sum(1 for life in lives if life.exit is None and life.arrival)
    awaiting = sum(1 for life in lives if life.arrival is None)
    return (f"{len(lives)} persons ({on_register} on the register, {awaiting} awaiting report),"
            f" {len(events)} talks/checks/visits/reports/file checks, {len(attendance)} attendances"
            f" in {len(sessions)} sessions, {len(decisions)} decisions, {len(monitorings)} monitoring periods,"
            f" {sum(len(c) for _m, c in risk_meetings)} risk cases, {len(emergencies)} emergencies")


def load(stdout):
    """Create the demo corrections of each demo district that has none yet."""
    today = timezone.localdate()
    policy = {p.level: (p.talk_interval_days, p.check_interval_days, p.no_contact_days)
              for p in LevelPolicy.objects.all()}
    parts = []
    with translation.override("zh-hans"), transaction.atomic():
        audit_bulk_writes()
        for plan in DISTRICTS:
            district = Area.objects.filter(code=plan.code, level=Area.Level.DISTRICT).first()
            if district is None:
                parts.append(f"{plan.code} area missing (run load_reference_data)")
                continue
            w = World(plan, district, today, policy)
            if w.section is None or not w.streets or set(policy) != set(Level.values):
                parts.append(f"{district.name} skipped (no corrections section user, streets or level policy)")
                continue
            done = []
            if Supervisee.objects.in_area(district).exists():
                done.append("register already present")
            else:
                done.append(_corrections(w))
            if ReleasedPerson.objects.in_area(district).exists():
                done.append("resettlement already present")
            else:
                done.append(_resettlement(w))
            parts.append(f"{district.name} " + "; ".join(done))
    stdout.write("corrections demo: " + " | ".join(parts) + "\n")
