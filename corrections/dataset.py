"""Community corrections and resettlement for the synthetic city of `manage.py generate_dataset`.

Per district at scale 1 the register holds about 300 people: those on it when the span starts, and about
150 intakes a year whose terms (the demo's term lengths, about two years on average) end in release. A few
are transferred between streets — some to another district of the city, an 迁出 there and an 迁入 here —
or out of the city, arrive from outside, or are terminated (revocation preceded by a review decision, 收监,
death). Each person's life is drawn whole first, then written the way corrections.services writes it: the
ledger closes by construction (every arrival has at most one departure, dated in order, transfers as an
OUT then an IN on the same day with the IN's id higher).

Talks, information checks, visits and reports follow the pace of the person's level in force
(LevelPolicy, defaults in corrections/data.py) and happen at the street office supervising
them that day; the other records — sessions with attendance, review meetings and decisions, electronic
monitoring of at most three months, risk meetings and cases, deliberations, emergencies — are sprinkled
at realistic rates. Released prisoners are listed for resettlement for five years.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from stdnum.cn import ric

from . import services
from .data import ensure_level_policies
from .demo.events import EMERGENCY_STEPS, EMERGENCY_TEXT, METHODS, SUMMARIES
from .demo.people import Timeline, _between, _weighted, term_end
from .demo.texts import (
    CRIMES,
    DESTINATIONS,
    FEMALE,
    MALE,
    PLACES,
    PRAISES,
    PRISONS,
    PROHIBITIONS,
    REPRIMANDS,
    RISKS,
    SESSION_TITLES,
    SURNAMES,
    TERMS,
    TRANSFER_NOTE,
    WARNINGS,
)
from .models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    Emergency,
    EmergencyStep,
    LedgerEntry,
    Level,
    LevelChange,
    LevelPolicy,
    Monitoring,
    ReleasedPerson,
    ResettlementFollowUp,
    ResettlementHelp,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    SentenceKind,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
    last_monitoring_day,
    listed_until,
)

REGISTER = 300  # people on a district's register at scale 1
MEAN_TERM_MONTHS = 24
RELEASED_PER_YEAR = 120  # released prisoners settling in a district
Ev = SupervisionEvent.Kind
Session = EducationSession.Kind
Decision = AssessmentDecision.Kind
REGIONS = ("440303", "440304", "440305", "440306", "440307", "430524", "360731", "450923", "513021", "412727",
           "421122", "441424", "522121")


def _name(rng, female):
    chars = FEMALE if female else MALE
    return rng.choice(SURNAMES) + rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")


def _id_number(rng, born, female, taken):
    while True:
        region = rng.choice(REGIONS)
        body = f"{region}{born:%Y%m%d}{rng.randint(0, 99):02d}{rng.choice('02468' if female else '13579')}"
        number = body + ric.calc_check_digit(body + "0")
        if number not in taken and ric.is_valid(number):
            taken.add(number)
            return number


@dataclass
class Life(Timeline):
    """One person's time under correction, drawn whole before anything is written."""

    pk: int
    district: object
    street: object  # where the person is received
    kind: str
    judgment_on: date
    term_end: date
    arrival: date | None  # None: still awaited on the last day
    from_place: str = ""
    moves: list = field(default_factory=list)  # (on, street) within the city
    levels: list = field(default_factory=list)  # (on, level), the first at intake
    exit: tuple | None = None  # (kind, on, detail)
    fields: tuple = ()  # the Supervisee columns that do not change

    def level_on(self, day):
        level = self.levels[0][1]
        for on, new in self.levels:
            if on <= day:
                level = new
        return level


class Rows:
    """Every table's rows of the run, sent with COPY at the end."""

    def __init__(self):
        self.events, self.travels, self.sessions, self.attendance = [], [], [], []
        self.meetings, self.decisions, self.monitorings = [], [], []
        self.risk_meetings, self.risk_cases, self.deliberations, self.deliberated = [], [], [], []
        self.emergencies, self.emergency_steps = [], []
        self.released, self.help, self.follow_ups = [], [], []


class City:
    """The run's shared state: the random stream per district, the clock and who works where."""

    def __init__(self, ds):
        self.ds = ds
        ensure_level_policies(LevelPolicy)  # seeded by a migration, but a flushed (test) database has lost them
        self.policy = {p.level: (p.talk_interval_days, p.check_interval_days) for p in LevelPolicy.objects.all()}
        self.district_of = {s.pk: d for d in ds.districts for s in d.streets}
        self.ids = set()
        self.stamps = {}

    def at(self, day):
        """The recording time of a record of `day` (cached: a few thousand distinct days, a million rows)."""
        stamp = self.stamps.get(day)
        if stamp is None:
            stamp = self.stamps[day] = timezone.make_aware(datetime.combine(day, time(10, 0)))
        return stamp

    def clerk(self, street):
        return self.district_of[street.pk].clerks[street.pk].pk

    def section(self, district):
        return district.staff["corrections"].pk


# --- the people and the register --------------------------------------------------------------------------


def _draw_person(city, rng, d, street, pk, judgment_on, kind=None, months=None):
    kind = kind or _weighted(rng, [(SentenceKind.PROBATION, 72), (SentenceKind.PAROLE, 16),
                               (SentenceKind.OUTSIDE_PRISON, 9), (SentenceKind.CONTROL, 3)])
    months = months or _weighted(rng, TERMS[kind])
    return Life(pk=pk, district=d, street=street, kind=kind, judgment_on=judgment_on,
                term_end=term_end(judgment_on, months), arrival=None)


def _lives(city, d, rng, pks):
    ds = city.ds
    weights = [rng.uniform(0.6, 1.6) for _s in d.streets]
    lives = []
    opening = round(REGISTER * ds.scale)
    for _i in range(opening):  # on the register when the span starts
        kind = _weighted(rng, [(SentenceKind.PROBATION, 72), (SentenceKind.PAROLE, 16),
                           (SentenceKind.OUTSIDE_PRISON, 9), (SentenceKind.CONTROL, 3)])
        months = _weighted(rng, TERMS[kind])
        span = (ds.first_day + relativedelta(months=months) - ds.first_day).days
        judgment_on = ds.first_day - timedelta(days=rng.randint(12, max(13, span - 1)))
        life = _draw_person(city, rng, d, rng.choices(d.streets, weights)[0], next(pks), judgment_on, kind, months)
        life.arrival = judgment_on + timedelta(days=rng.randint(1, 10))
        lives.append(life)
    days = (ds.last_day - ds.first_day).days
    intakes = round(REGISTER * ds.scale * 12 / MEAN_TERM_MONTHS * days / 365)
    for judgment_on in sorted(_between(rng, ds.first_day, ds.last_day - timedelta(days=1)) for _i in range(intakes)):
        life = _draw_person(city, rng, d, rng.choices(d.streets, weights)[0], next(pks), judgment_on)
        arrival = judgment_on + timedelta(days=rng.randint(11, 24) if rng.random() < 0.07 else rng.randint(1, 10))
        if rng.random() < 0.03:  # arrives from a place of execution outside the city
            life.from_place = rng.choice(PLACES)
            life.judgment_on = judgment_on - timedelta(days=rng.randint(60, 300))
        life.arrival = arrival if arrival <= ds.last_day else None
        lives.append(life)
    for life in lives:
        first = Level.STRICT if life.kind == SentenceKind.OUTSIDE_PRISON or rng.random() < 0.15 else (
            Level.LENIENT if rng.random() < 0.1 else Level.NORMAL)
        life.levels = [(life.judgment_on, first)]
        if life.arrival and life.term_end <= ds.last_day:
            life.exit = ("released", life.term_end, life.term_end + timedelta(days=rng.choice([0, 0, 0, 1, 2, 3])))
    return lives


def _stories(city, d, rng, lives, proposals):
    """Level changes, moves, departures; terminations with the review decision that proposed them."""
    ds = city.ds
    everywhere = ds.all_streets()
    for life in lives:
        if not life.arrival:
            continue
        start, stop = max(life.arrival, life.judgment_on), min(life.exit_on, ds.last_day)
        if (stop - start).days < 90:
            continue
        first = life.levels[0][1]
        if first == Level.STRICT and life.kind != SentenceKind.OUTSIDE_PRISON and rng.random() < 0.7:
            life.levels.append((start + timedelta(days=rng.randint(90, 180)), Level.NORMAL))
        elif first == Level.NORMAL and rng.random() < 0.3:
            life.levels.append((start + timedelta(days=rng.randint(300, 540)), Level.LENIENT))
        life.levels = [(on, level) for on, level in life.levels if on < stop]
        roll = rng.random()
        if roll < 0.05:  # moves home within the city: another street, sometimes another district
            on = ds.calendar.previous_working_day(_between(rng, start + timedelta(days=30), stop - timedelta(days=30)))
            pool = d.streets if rng.random() < 0.6 or len(everywhere) == len(d.streets) else everywhere
            street = rng.choice([s for s in pool if s.pk != life.street.pk] or pool)
            if street.pk != life.street.pk:
                life.moves.append((on, street))
        elif roll < 0.07:  # to a place of execution outside the city
            on = ds.calendar.previous_working_day(_between(rng, start + timedelta(days=30), stop - timedelta(days=10)))
            life.exit = ("out", on, rng.choice(PLACES))
        elif roll < 0.09:
            on = ds.calendar.previous_working_day(_between(rng, start + timedelta(days=60), stop - timedelta(days=5)))
            if life.kind == SentenceKind.OUTSIDE_PRISON:
                reason, proposal = LedgerEntry.TerminationReason.CUSTODY, Decision.CUSTODY
            elif rng.random() < 0.1:
                reason, proposal = LedgerEntry.TerminationReason.DEATH, None
            elif life.kind == SentenceKind.PAROLE:
                reason, proposal = LedgerEntry.TerminationReason.REVOKED_PAROLE, Decision.REVOCATION
            else:
                reason, proposal = LedgerEntry.TerminationReason.REVOKED_PROBATION, Decision.REVOCATION
            life.exit = ("terminated", on, (reason, "经法院裁定" if proposal else "对象因病死亡"))
            if proposal:
                proposals.append((life, proposal, on - timedelta(days=rng.randint(20, 45))))


def _steps(life, by):
    """The person's moves in date order, through the services' own steps: [(status or None, [line])]."""
    if not life.arrival:
        return []
    steps = [services.step_receive(life.pk, life.street.pk, life.arrival, by, life.from_place)]
    previous = life.street
    for on, street in life.moves:
        steps.append(services.step_move(life.pk, previous.pk, street.pk, on, by, TRANSFER_NOTE))
        previous = street
    if life.exit:
        kind, on, detail = life.exit
        if kind == "released":
            steps.append(services.step_release(life.pk, previous.pk, on, by, detail))
        elif kind == "terminated":
            steps.append(services.step_terminate(life.pk, previous.pk, on, by, detail[0]))
        else:
            steps.append(services.step_transfer_out(life.pk, previous.pk, on, by, detail))
    return steps


def _ledger(city, lives, loader):
    """The people (their final state) and the ledger, each move written as corrections.services writes it."""
    people, ledger, levels = [], [], []
    ds = city.ds
    initial, changed = str(services.INITIAL_LEVEL_REASON), "经评估调整管理等级"
    for life in lives:
        final_street = life.area_on(ds.last_day)
        by = city.clerk(life.street)
        status = Supervisee.Status.AWAITING_REPORT
        for new_status, lines in _steps(life, by):
            status = new_status or status
            ledger.extend((e.supervisee_id, e.kind, e.on, e.area_id, e.counterpart_id, e.counterpart_name,
                           e.termination_reason, e.certificate_on, e.note, by, city.at(e.on)) for e in lines)
        levels.extend((life.pk, level, on, initial if n == 0 else changed, by)
                      for n, (on, level) in enumerate(life.levels))
        people.append((life.pk, *life.fields, services.report_due_on(life.judgment_on), life.arrival,
                       final_street.pk, life.level_on(min(life.exit_on, ds.last_day)), status,
                       city.at(life.judgment_on)))
    loader.copy(Supervisee, ["id", "name", "gender", "id_number", "phone", "address", "sentence_kind", "crime",
                             "court", "judgment_on", "term_start", "term_end", "team", "prohibitions", "photo",
                             "report_due_on", "reported_on", "area_id", "level", "status", "created_at"], people)
    loader.copy(LedgerEntry, ["supervisee_id", "kind", "on", "area_id", "counterpart_id", "counterpart_name",
                              "termination_reason", "certificate_on", "note", "recorded_by_id", "created_at"], ledger)
    loader.copy(LevelChange, ["supervisee_id", "level", "on", "reason", "recorded_by_id"], levels)


def _personal_fields(city, d, rng, life):
    female = rng.random() < 0.14
    born = _between(rng, date(1960, 1, 1), date(2004, 12, 28))
    court = f"深圳市{d.area.name}人民法院" if life.kind in (SentenceKind.PROBATION, SentenceKind.CONTROL) \
        else "深圳市中级人民法院"
    team = "、".join(f"{_name(rng, rng.random() < 0.5)}（{role}）"
                     for role in ["司法所工作人员", "社区网格员", "社会工作者", "家属"][:rng.randint(2, 4)])
    life.fields = (
        _name(rng, female), "F" if female else "M", _id_number(rng, born, female, city.ids),
        f"1{rng.choice('3589')}{rng.randint(0, 9)}0000{rng.randint(0, 9999):04d}",
        f"深圳市{d.area.name}{life.street.name}{rng.randint(1, 399)}号", life.kind,
        _weighted(rng, CRIMES[life.kind]), court, life.judgment_on, life.judgment_on, life.term_end, team,
        rng.choice(PROHIBITIONS) if rng.random() < 0.15 else "", "",
    )


# --- supervision ------------------------------------------------------------------------------------------


def _contacts(city, rng, life, out):
    """Talks, checks, visits and reports at the pace of the level in force, mostly a little early."""
    ds = city.ds
    start = max(life.arrival, ds.first_day)
    stop = min(life.exit_on - timedelta(days=1), ds.last_day)
    for kind in (Ev.TALK, Ev.INFO_CHECK, Ev.VISIT, Ev.REPORT):
        if life.arrival >= ds.first_day and kind in (Ev.TALK, Ev.INFO_CHECK):
            day = life.arrival  # the first talk and check on the day the person reports in
        else:  # the clock runs from a contact before the span (or before this kind's first one)
            day = start - timedelta(days=rng.randint(1, _interval(city, life.level_on(start), kind)))
        while day <= stop:
            if day >= start:
                street = life.area_on(day)
                out.events.append((life.pk, kind, day, _weighted(rng, METHODS[kind]),
                                   kind == Ev.INFO_CHECK and rng.random() < 0.35, rng.choice(SUMMARIES[kind]),
                                   street.pk, city.clerk(street), city.at(day)))
            interval = _interval(city, life.level_on(day), kind)
            if rng.random() < 0.05:
                day += timedelta(days=interval + rng.randint(1, max(2, interval // 3)))
            else:
                day += timedelta(days=interval - rng.randint(0, interval // 4))


def _interval(city, level, kind):
    talk, check = city.policy[level]
    return {Ev.TALK: talk, Ev.INFO_CHECK: check, Ev.VISIT: 3 * talk, Ev.REPORT: 2 * talk}[kind]


def _travels(city, rng, life, out):
    ds = city.ds
    start, stop = max(life.arrival, ds.first_day), min(life.exit_on, ds.last_day)
    years = (stop - start).days / 365
    for _i in range(int(years * 0.4 + rng.random())):
        leave = _between(rng, start + timedelta(days=20), stop - timedelta(days=15))
        days = _weighted(rng, [(2, 3), (3, 4), (5, 3), (7, 2), (10, 1), (15, 1)])
        if leave <= start or leave + timedelta(days=days) >= stop:
            continue
        street = life.area_on(leave)
        district = city.district_of[street.pk]
        bureau = days > 7
        destination, reason = rng.choice(DESTINATIONS)
        returned = leave + timedelta(days=days - 1)
        out.travels.append((life.pk, destination, reason, leave, returned, "bureau" if bureau else "street",
                            leave - timedelta(days=rng.randint(1, 5)),
                            city.section(district) if bureau else city.clerk(street),
                            returned + timedelta(days=rng.choice([0, 1])) if returned < ds.last_day else None,
                            street.pk))


def _months(ds):
    day = ds.first_day.replace(day=1)
    while day <= ds.last_day:
        yield day
        day += relativedelta(months=1)


def _present(lives, day, cache):
    """{street pk: [lives]} of the people on the register on `day` (the whole city, once per day)."""
    present = cache.get(day)
    if present is None:
        present = cache[day] = {}
        for life in lives:
            if life.on_register(day):
                present.setdefault(life.area_on(day).pk, []).append(life)
    return present


def _group_records(city, lives, proposals, out):
    """Month by month: sessions with attendance, review meetings and decisions, risk meetings and cases,
    deliberations, file spot checks, emergencies."""
    ds = city.ds
    proposals_by_month, cache = {}, {}
    for life, kind, on in proposals:
        proposals_by_month.setdefault((on.year, on.month), []).append((life, kind, on))
    for month in _months(ds):
        for d in ds.districts:
            rng = ds.rng(f"corrections:{d.area.code}:{month:%Y-%m}")
            section = city.section(d)

            def held(day_of_month):
                day = ds.calendar.previous_working_day(month.replace(day=day_of_month))
                return day if ds.first_day <= day <= ds.last_day else None

            def people(day, streets=None):
                present = _present(lives, day, cache)
                return [life for s in (streets or d.streets) for life in present.get(s.pk, [])]

            sessions = [(Session.LEGAL_MORAL, d.area, held(10), 0.85, True)]
            if month.month % 3 == 0:
                sessions.append((Session.PSYCH, d.area, held(18), 0.15, False))
            for street in d.streets:
                sessions.append((Session.PUBLIC_SERVICE, street, held(25), 0.3, False))
                if month.month % 2 == 0:
                    sessions.append((Session.EDUCATION, street, held(20), 0.35, False))
            for kind, area, day, share, online in sessions:
                if day is None:
                    continue
                present = people(day, None if area.pk == d.area.pk else [area])
                attending = rng.sample(present, int(len(present) * share))
                out.sessions.append(((kind, rng.choice(SESSION_TITLES.get(kind, SESSION_TITLES[Session.LEGAL_MORAL])),
                                      day, 2, online, area.pk, section), [
                    (life.pk, life.area_on(day).pk) for life in attending]))

            day = held(15)
            if day:  # the monthly review meeting and its decisions
                present = people(day)
                decisions = []
                for kind, rate, reasons in ((Decision.PRAISE, 0.005, PRAISES), (Decision.REPRIMAND, 0.003, REPRIMANDS),
                                            (Decision.WARNING, 0.0015, WARNINGS)):
                    n = int(len(present) * rate + rng.random())
                    for life in rng.sample(present, min(n, len(present))):
                        reason = rng.choice(reasons)
                        decisions.append((life, kind, reason))
                        if kind == Decision.WARNING and reason != WARNINGS[0] and rng.random() < 0.5:
                            _monitoring(city, rng, life, day, Monitoring.Ground.NO_REPORT
                                        if reason == WARNINGS[2] else Monitoring.Ground.LEFT_AREA, section, out)
                for life, kind, _on in proposals_by_month.get((month.year, month.month), []):
                    if life.district is d:
                        decisions.append((life, kind, "严重违反监督管理规定，提请人民法院撤销缓刑（假释）或收监执行"))
                if decisions:
                    out.meetings.append(((day, "区司法局社区矫正科、司法所负责人", "研究奖惩事项", d.area.pk),
                                         [(life.pk, kind, reason, day, life.area_on(day).pk)
                                          for life, kind, reason in decisions if life.on_register(day)]))

            day = held(8)
            if day:  # risk assessment meeting and the risks it found
                present = people(day)
                cases = []
                for life in rng.sample(present, min(len(present), rng.randint(0, 3))):
                    description, measures = rng.choice(RISKS)
                    closed = day + timedelta(days=rng.randint(30, 120))
                    cases.append((life.pk, day, _weighted(rng, [("high", 1), ("medium", 3), ("low", 2)]), description,
                                  measures, "司法所所长", closed if closed <= ds.last_day else None,
                                  life.area_on(day).pk))
                out.risk_meetings.append(((day, "区司法局社区矫正科、各司法所", "研判本月风险隐患", d.area.pk), cases))

            if month.month % 3 == 0:
                day = held(22)
                if day:  # deliberation of difficult cases; file spot checks of one person in ten
                    present = people(day)
                    cases = [(life.pk, "是否提请治安管理处罚或调整管理等级", "调整为严管，加强信息化核查",
                              life.area_on(day).pk) for life in rng.sample(present, min(len(present), rng.randint(1, 3)))]
                    out.deliberations.append(((day, "区司法局分管领导、社区矫正科、司法所", "合议重大疑难案件",
                                               d.area.pk), cases))
                    for life in rng.sample(present, len(present) // 10):
                        street = life.area_on(day)
                        out.events.append((life.pk, Ev.FILE_CHECK, day, "", False, "档案材料齐全，记录规范", street.pk,
                                           section, city.at(day)))

            month_day = held(10)
            for _i in range(int(0.35 * ds.scale + rng.random()) if month_day else 0):  # about four a year
                day = _between(rng, month, min(month + relativedelta(months=1, days=-1), ds.last_day))
                present = [life for life in people(month_day) if life.on_register(day)]
                if not present:
                    continue
                life = rng.choice(present)
                kind = _weighted(rng, [(Emergency.Kind.ABSCONDING, 3), (Emergency.Kind.DRUGS, 2),
                                   (Emergency.Kind.REOFFENDING, 2), (Emergency.Kind.SUICIDE, 1)])
                steps, on = [], day
                for action in EMERGENCY_STEPS[kind]:
                    steps.append((on, action, city.clerk(life.area_on(day))))
                    on += timedelta(days=rng.randint(1, 3))
                closed = steps[-1][0]
                out.emergencies.append(((life.pk, kind, day, EMERGENCY_TEXT[kind],
                                         closed if closed <= ds.last_day else None, life.area_on(day).pk),
                                        [s for s in steps if s[0] <= ds.last_day]))


def _monitoring(city, rng, life, decided_on, ground, section, out):
    """Electronic monitoring in periods of at most three months, a third renewed once after assessment."""
    ds = city.ds
    starts = decided_on + timedelta(days=rng.randint(1, 5))
    previous = None
    for period in range(2 if rng.random() < 0.35 else 1):
        ends = last_monitoring_day(starts) - timedelta(days=rng.choice([0, 0, 15, 30]))
        if starts > ds.last_day or not life.on_register(starts):
            return
        ended = life.exit_on if life.exit_on <= ends else None
        row = [life.pk, ground, starts, ends, previous, "经评估，继续使用电子定位" if period else "",
               starts - timedelta(days=rng.randint(0, 2)), section, ended, life.area_on(starts).pk]
        out.monitorings.append(row)
        previous = row
        starts = ends + timedelta(days=1)


def _resettlement(city, d, rng, out):
    """Released prisoners listed for five years: those released before the span still listed, and the new."""
    ds = city.ds
    weights = [rng.uniform(0.6, 1.6) for _s in d.streets]
    first = ds.first_day - relativedelta(years=5)
    days = (ds.last_day - first).days
    count = round(RELEASED_PER_YEAR * ds.scale * days / 365)
    for released in sorted(_between(rng, first, ds.last_day) for _i in range(count)):
        female = rng.random() < 0.1
        born = _between(rng, date(1958, 1, 1), min(date(2003, 12, 28), released - timedelta(days=18 * 366)))
        street = rng.choices(d.streets, weights)[0]
        handover = _weighted(rng, [("received", 80), ("self_reported", 15), ("missed", 5)])
        verification = _weighted(rng, [("verified", 97), ("name", 1), ("address", 1), ("identity", 1)])
        reoffended = released + timedelta(days=rng.randint(60, 1500)) if rng.random() < 0.03 else None
        if reoffended and reoffended > ds.last_day:
            reoffended = None
        person = [None, _name(rng, female), "F" if female else "M", _id_number(rng, born, female, city.ids),
                  f"深圳市{d.area.name}{street.name}{rng.randint(1, 399)}号", _weighted(rng, CRIMES[SentenceKind.PAROLE]),
                  rng.choice(PRISONS), released, listed_until(released), street.pk, handover,
                  released if handover != "missed" else None, verification, reoffended]
        helps = []
        if rng.random() < 0.25:
            on = released + timedelta(days=rng.randint(10, 120))
            if on <= ds.last_day:
                helps.append((_weighted(rng, [("household", 1), ("subsistence", 2), ("training", 3), ("job", 3),
                                          ("other", 1)]), on, ""))
        follow_ups = []
        on = max(released, ds.first_day) + timedelta(days=rng.randint(20, 180))
        stop = min(ds.last_day, person[8] - timedelta(days=1), reoffended or date.max)
        while on <= stop:
            follow_ups.append((on, _weighted(rng, METHODS[Ev.REPORT]), "回访了解就业和家庭情况，情况稳定"))
            on += timedelta(days=rng.randint(150, 210))
        out.released.append((person, helps, follow_ups))


# --- writing ----------------------------------------------------------------------------------------------


def _with_ids(loader, model, parents):
    """Reserve ids for `parents` [(row, children)] and return [(id, row, children)]."""
    return [(pk, row, children) for pk, (row, children) in zip(loader.reserve(model, len(parents)), parents)]


def _write_records(loader, out):
    loader.copy(SupervisionEvent, ["supervisee_id", "kind", "on", "method", "is_random", "summary", "area_id",
                                   "recorded_by_id", "created_at"], out.events)
    loader.copy(TravelApproval, ["supervisee_id", "destination", "reason", "leave_on", "return_on", "approver",
                                 "approved_on", "approved_by_id", "returned_on", "area_id"], out.travels)

    sessions = _with_ids(loader, EducationSession, out.sessions)
    loader.copy(EducationSession, ["id", "kind", "title", "held_on", "hours", "online", "area_id", "recorded_by_id"],
                ((pk, *row) for pk, row, _c in sessions))
    loader.copy(Attendance, ["session_id", "supervisee_id", "area_id"],
                ((pk, person, area) for pk, _r, attending in sessions for person, area in attending))

    meetings = _with_ids(loader, ReviewMeeting, out.meetings)
    loader.copy(ReviewMeeting, ["id", "held_on", "participants", "summary", "area_id"],
                ((pk, *row) for pk, row, _c in meetings))
    loader.copy(AssessmentDecision, ["meeting_id", "supervisee_id", "kind", "reason", "decided_on", "area_id"],
                ((pk, *decision) for pk, _r, decisions in meetings for decision in decisions))

    ids = loader.reserve(Monitoring, len(out.monitorings))
    for pk, row in zip(ids, out.monitorings):
        row.insert(0, pk)
    loader.copy(Monitoring, ["id", "supervisee_id", "ground", "starts_on", "ends_on", "renewal_of_id", "assessment",
                             "approved_on", "approved_by_id", "ended_on", "area_id"],
                ((*row[:5], row[5][0] if row[5] else None, *row[6:]) for row in out.monitorings))

    meetings = _with_ids(loader, RiskMeeting, out.risk_meetings)
    loader.copy(RiskMeeting, ["id", "held_on", "participants", "summary", "area_id"],
                ((pk, *row) for pk, row, _c in meetings))
    loader.copy(RiskCase, ["meeting_id", "supervisee_id", "identified_on", "grade", "description", "control_measures",
                           "owner", "closed_on", "area_id"],
                ((pk, *case) for pk, _r, cases in meetings for case in cases))

    meetings = _with_ids(loader, Deliberation, out.deliberations)
    loader.copy(Deliberation, ["id", "held_on", "participants", "summary", "area_id"],
                ((pk, *row) for pk, row, _c in meetings))
    loader.copy(DeliberatedCase, ["deliberation_id", "supervisee_id", "question", "decision", "area_id"],
                ((pk, *case) for pk, _r, cases in meetings for case in cases))

    emergencies = _with_ids(loader, Emergency, out.emergencies)
    loader.copy(Emergency, ["id", "supervisee_id", "kind", "occurred_on", "description", "closed_on", "area_id"],
                ((pk, *row) for pk, row, _c in emergencies))
    loader.copy(EmergencyStep, ["emergency_id", "on", "action", "recorded_by_id"],
                ((pk, *step) for pk, _r, steps in emergencies for step in steps))

    ids = loader.reserve(ReleasedPerson, len(out.released))
    loader.copy(ReleasedPerson, ["id", "name", "gender", "id_number", "address", "crime", "prison", "released_on",
                                 "listed_until", "area_id", "handover", "handed_over_on", "verification",
                                 "reoffended_on"],
                ((pk, *person[1:]) for pk, (person, _h, _f) in zip(ids, out.released)))
    loader.copy(ResettlementHelp, ["person_id", "kind", "on", "note"],
                ((pk, *h) for pk, (_p, helps, _f) in zip(ids, out.released) for h in helps))
    loader.copy(ResettlementFollowUp, ["person_id", "on", "method", "note"],
                ((pk, *f) for pk, (_p, _h, follow_ups) in zip(ids, out.released) for f in follow_ups))


def generate(ds):
    city, out = City(ds), Rows()
    lives, proposals = [], []
    total = sum(round(REGISTER * ds.scale) + round(REGISTER * ds.scale * 12 / MEAN_TERM_MONTHS
                                                     * (ds.last_day - ds.first_day).days / 365)
                for _d in ds.districts)
    pks = iter(ds.loader.reserve(Supervisee, total))
    for d in ds.districts:
        rng = ds.rng(f"corrections:{d.area.code}")
        district_lives = _lives(city, d, rng, pks)
        for life in district_lives:
            _personal_fields(city, d, rng, life)
        _stories(city, d, rng, district_lives, proposals)
        for life in district_lives:
            if life.arrival:
                _contacts(city, rng, life, out)
                _travels(city, rng, life, out)
        _resettlement(city, d, rng, out)
        lives.extend(district_lives)
        ds.say(f"corrections: {d.area.name} — {len(lives):,} people, {len(out.events):,} supervision events so far")
    _ledger(city, lives, ds.loader)
    _group_records(city, lives, proposals, out)
    _write_records(ds.loader, out)
