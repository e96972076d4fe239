"""Each person's life drawn whole, and the register written through the services."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from dateutil.relativedelta import relativedelta
from stdnum.cn import ric

from bureau.models import Area, Role, User
from bureau.workdays import WorkingCalendar
from corrections.apps import FUNCTION

from .. import services
from ..models import (
    AssessmentDecision,
    Emergency,
    Level,
    Supervisee,
)
from ..models import SupervisionEvent as Ev
from .texts import (
    CRIMES,
    FEMALE,
    MALE,
    PLACES,
    PROHIBITIONS,
    SURNAMES,
    TEAM_ROLES,
    TERMS,
    TRANSFER_NOTE,
    Kind,
    Reason,
    first_day,
)

# --- small helpers ----------------------------------------------------------------------------------------


def _weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


def _between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def term_end(start, months):
    """The last day of a term of `months` months from `start` (a year from 5 January ends on 4 January)."""
    return start + relativedelta(months=months, days=-1)


@cache
def _region_valid(region, year):
    body = f"{region}{year}0615123"
    return ric.is_valid(body + ric.calc_check_digit(body + "0"))


class Timeline:
    """Where a drawn person is on the register on any day: needs `arrival`, `exit`, `street` and `moves`.
    The demo and the city dataset (corrections/dataset.py) draw their people on it."""

    @property
    def exit_on(self):
        return self.exit[1] if self.exit else date.max

    def on_register(self, day):
        return self.arrival is not None and self.arrival <= day < self.exit_on

    def area_on(self, day):
        area = self.street
        for on, street in self.moves:
            if on <= day:
                area = street
        return area


@dataclass
class Life(Timeline):
    """One person's time under correction, drawn whole before anything is written."""

    fields: dict  # for supervisee_register, the street included
    arrival: date | None  # reported in (or arrived from outside); None: still awaited
    from_place: str = ""
    moves: list = field(default_factory=list)  # (on, street) between streets of the district
    levels: list = field(default_factory=list)  # (on, level, reason) after the level at intake
    exit: tuple | None = None  # ("released"|"terminated"|"out", on, detail)
    silent_from: date | None = None  # absconding: no contact from this day
    special: bool = False  # already given a story (termination, move, monitoring …)
    story: tuple = (None, None)  # a termination's (proposal to the court, emergency that led to it)
    obj: Supervisee | None = None

    @property
    def street(self):
        return self.fields["area"]

    def level_on(self, day):
        level = self.fields["level"]
        for on, new, _reason in self.levels:
            if on <= day:
                level = new
        return level


class World:
    """One district's generator: its offices, people, calendar and random stream."""

    def __init__(self, plan, district, today, policy):
        self.plan, self.district, self.today, self.policy = plan, district, today, policy
        self.first = first_day(today)
        self.rng = random.Random(20250101 + int(plan.code))
        self.streets = list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))
        self.weights = [self.rng.uniform(0.6, 1.6) for _street in self.streets]
        self.section = User.objects.filter(role=Role.SECTION, section=FUNCTION, area=district).first()
        self.clerks = {u.area_id: u for u in User.objects.filter(role=Role.STREET, area__in=self.streets)}
        # A month before the first day, and a month more for a rest day there to roll back into (never a
        # fortnight of rest days in a row, even at the Spring Festival).
        self.cal = WorkingCalendar(self.first - timedelta(days=60), today + timedelta(days=30))
        self.rolled_from = self.first - timedelta(days=30)
        self.ids = set()

    def clerk(self, area):
        return self.clerks.get(area.pk, self.section)

    def street(self):
        return self.rng.choices(self.streets, self.weights)[0]

    def workday(self, day):
        """The day itself if the office works, else the working day before it (a day more than a month before the
        demo's first day, or beyond today's month, as it is)."""
        return self.cal.previous_working_day(day) if self.rolled_from < day <= self.cal.end else day

    def name(self, female):
        chars = FEMALE if female else MALE
        rng = self.rng
        return rng.choice(SURNAMES) + rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")

    def id_number(self, born, female):
        region = next(r for r in self.plan.regions if _region_valid(r, born.year))
        while True:
            sequence = f"{self.rng.randint(0, 99):02d}{self.rng.choice('02468' if female else '13579')}"
            body = f"{region}{born:%Y%m%d}{sequence}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.ids:
                self.ids.add(number)
                return number

    def phone(self):
        return f"1{self.rng.choice('3589')}{self.rng.randint(0, 9)}0000{self.rng.randint(0, 9999):04d}"

    def address(self, street):
        return f"深圳市{self.district.name}{street.name}{self.rng.choice(self.plan.roads)}{self.rng.randint(1, 399)}号"

    def interval(self, level, kind):
        talk, check, _silence = self.policy[level]
        return {Ev.Kind.TALK: talk, Ev.Kind.INFO_CHECK: check, Ev.Kind.VISIT: 3 * talk, Ev.Kind.REPORT: 2 * talk}[kind]


# --- the register -----------------------------------------------------------------------------------------


def _person(w, *, judgment_on, arrival, kind=None, months=None, from_place=""):
    rng = w.rng
    kind = kind or _weighted(rng, [(Kind.PROBATION, 72), (Kind.PAROLE, 16), (Kind.OUTSIDE_PRISON, 9),
                                   (Kind.CONTROL, 3)])
    months = months or _weighted(rng, TERMS[kind])
    female = rng.random() < 0.14
    born = judgment_on - timedelta(days=round(rng.triangular(18, 65, 30) * 365.25))  # mostly in their thirties
    street = w.street()
    court = w.plan.court if kind in (Kind.PROBATION, Kind.CONTROL) and rng.random() < 0.85 else "深圳市中级人民法院"
    if kind == Kind.OUTSIDE_PRISON and rng.random() < 0.5:
        court = "广东省监狱管理局"
    team = "、".join(f"{w.name(rng.random() < 0.5)}（{role}）" for role in TEAM_ROLES[:rng.randint(2, 4)])
    fields = {
        "name": w.name(female), "gender": "F" if female else "M", "id_number": w.id_number(born, female),
        "phone": w.phone(), "address": w.address(street), "sentence_kind": kind,
        "crime": _weighted(rng, CRIMES[kind]), "court": court, "judgment_on": judgment_on,
        "term_start": judgment_on, "term_end": term_end(judgment_on, months), "area": street,
        "level": Level.STRICT if kind == Kind.OUTSIDE_PRISON or rng.random() < 0.18 else Level.NORMAL,
        "team": team, "prohibitions": rng.choice(PROHIBITIONS) if rng.random() < 0.15 else "",
    }
    return Life(fields, arrival, from_place)


def _intake(w, judgment_on=None, arrival=None):
    """A judgment whose person reports in within the 10 days (a few late), or is awaited today; or, given the
    `arrival`, a person who reports in that day (the judgment a few days before)."""
    rng = w.rng
    if arrival is not None:
        return _person(w, judgment_on=arrival - timedelta(days=rng.randint(1, 10)), arrival=arrival)
    late = rng.random() < 0.07
    arrival = judgment_on + timedelta(days=rng.randint(11, 24) if late else rng.randint(1, 10))
    return _person(w, judgment_on=judgment_on, arrival=arrival if arrival <= w.today else None)


def _intakes(w, lives):
    """Month by month, as many judgments as the register loses that month (terms ending) and a third of the
    gap to the opening size, two at least: the register stays about as large as it starts on any day, instead
    of wandering as a random intake would (a district of 100 drifts by ±10 in a year). The first of each month
    reports in within the month, so every month, the current one included, has its intake."""
    rng, today = w.rng, w.today
    target = w.plan.opening
    month = w.first
    while month <= today:
        next_month = month + relativedelta(months=1)
        last = min(next_month - timedelta(days=1), today)
        share = ((last - month).days + 1) / (next_month - month).days
        present = [life for life in lives if life.fields["judgment_on"] <= month <= life.fields["term_end"]]
        leaving = sum(1 for life in present if life.fields["term_end"] <= last)
        n = max(2, round(leaving + share * (target - len(present)) / 3))
        day = w.workday(_between(rng, month, last))
        lives.append(_intake(w, arrival=day if day >= month else last))
        lives += [_intake(w, day) for day in sorted(_between(rng, month, last) for _i in range(n - 1))]
        month = next_month


def _lives(w):
    rng, today, first = w.rng, w.today, w.first
    lives = []
    for _i in range(w.plan.opening):  # on the register when the demo starts: long terms are more likely there
        kind = _weighted(rng, [(Kind.PROBATION, 72), (Kind.PAROLE, 16), (Kind.OUTSIDE_PRISON, 9), (Kind.CONTROL, 3)])
        months = _weighted(rng, [(m, weight * m) for m, weight in TERMS[kind]])
        span = (first + relativedelta(months=months) - first).days
        judgment_on = first - timedelta(days=rng.randint(12, span - 1))
        lives.append(_person(w, judgment_on=judgment_on, arrival=judgment_on + timedelta(days=rng.randint(1, 10)),
                             kind=kind, months=months))
    _intakes(w, lives)
    for _i in range(2):  # documents arrived, the person has not reported: the intake check's work today
        lives.append(_person(w, judgment_on=today - timedelta(days=rng.randint(12, 20)), arrival=None))
    for _i in range(rng.randint(5, 7)):  # arrived from a place of execution outside the portal
        arrival = _between(rng, first, today - timedelta(days=20))
        lives.append(_person(w, judgment_on=arrival - timedelta(days=rng.randint(60, 300)), arrival=arrival,
                             kind=Kind.PROBATION, months=rng.choice([24, 36, 48]), from_place=rng.choice(PLACES)))
    for life in lives:
        if life.arrival and life.fields["term_end"] < today:
            on = life.fields["term_end"]
            life.exit = ("released", on, min(today, on + timedelta(days=rng.choice([0, 0, 0, 1, 2, 3]))))
    return lives


def _pick(w, lives, *, first, last, kinds=None, min_days=60):
    """A person on the register from `first` to `last` with no story yet (None when there is none)."""
    rng = w.rng
    candidates = [life for life in lives if life.arrival and not life.special
                  and life.arrival <= first - timedelta(days=min_days) and life.exit_on > last
                  and (kinds is None or life.fields["sentence_kind"] in kinds)]
    if not candidates:
        return None
    life = rng.choice(candidates)
    life.special = True
    return life


def _stories(w, lives):
    """Moves, transfers out, terminations, one person who absconded and is still missing. Returns the
    proposals to the court that precede the terminations, [(life, decision kind, decided on, reason)], and
    the missing person."""
    rng, today = w.rng, w.today
    for _i in range(rng.randint(7, 10)):  # to another street of the district
        on = w.workday(_between(rng, w.first + timedelta(days=30), today - timedelta(days=10)))
        life = _pick(w, [x for x in lives if not x.moves], first=on, last=on)
        if life:
            life.moves.append((on, rng.choice([s for s in w.streets if s != life.street])))
            life.special = False  # a moved person may still have other stories, but no exit before term
    for _i in range(rng.randint(4, 6)):  # out of the portal
        on = w.workday(_between(rng, w.first + timedelta(days=30), today - timedelta(days=5)))
        life = _pick(w, [x for x in lives if not x.moves], first=on, last=on)
        if life:
            life.exit = ("out", on, rng.choice(PLACES))
    proposals = []
    plans = [
        (Reason.REVOKED_PROBATION, [Kind.PROBATION], AssessmentDecision.Kind.REVOCATION, Emergency.Kind.ABSCONDING,
         "脱离监管三十余日，经教育仍不改正，提请撤销缓刑"),
        (Reason.REVOKED_PROBATION, [Kind.PROBATION], AssessmentDecision.Kind.REVOCATION, Emergency.Kind.REOFFENDING,
         "缓刑考验期内涉嫌盗窃被公安机关刑事拘留，提请撤销缓刑"),
        (Reason.REVOKED_PAROLE, [Kind.PAROLE], AssessmentDecision.Kind.REVOCATION, Emergency.Kind.DRUGS,
         "假释期间吸食毒品，严重违反监督管理规定，提请撤销假释"),
        (Reason.CUSTODY, [Kind.OUTSIDE_PRISON], AssessmentDecision.Kind.CUSTODY, None,
         "经病情复查，暂予监外执行的情形已消失，提请收监执行"),
        (Reason.DEATH, [Kind.OUTSIDE_PRISON, Kind.PAROLE], None, None, "因病医治无效死亡"),
    ]
    for reason, kinds, decision, emergency, note in plans:
        on = w.workday(_between(rng, w.first + timedelta(days=90), today - timedelta(days=15)))
        life = _pick(w, [x for x in lives if not x.moves], first=on - timedelta(days=60), last=on, kinds=kinds,
                     min_days=30)
        if life is None:
            continue
        life.exit = ("terminated", on, (reason, note))
        life.story = (decision, emergency)
        if decision:
            proposals.append((life, decision, w.workday(on - timedelta(days=rng.randint(25, 40))), note))
    missing = _pick(w, [x for x in lives if not x.moves], first=today - timedelta(days=150), last=today,
                    kinds=[Kind.PROBATION])
    if missing:
        missing.silent_from = today - timedelta(days=rng.randint(38, 45))
    return proposals, missing


def _levels(w, lives, warned):
    """Strict at intake for the first months, 宽管 after a good year, strict again after a warning."""
    rng = w.rng
    for life in lives:
        if not life.arrival:
            continue
        changes = []
        level = life.fields["level"]
        if level == Level.STRICT and life.fields["sentence_kind"] != Kind.OUTSIDE_PRISON and rng.random() < 0.85:
            changes.append((life.arrival + timedelta(days=rng.randint(90, 180)), Level.NORMAL, "入矫初期表现良好，调整为普管"))
            level = Level.NORMAL
        if level == Level.NORMAL and rng.random() < 0.4:
            changes.append((life.arrival + timedelta(days=rng.randint(365, 540)), Level.LENIENT,
                            "遵纪守法，表现良好，调整为宽管"))
        for on in warned.get(id(life), []):
            changes = [c for c in changes if c[0] < on]
            changes.append((on, Level.STRICT, "受到警告处罚，调整为严管"))
            if rng.random() < 0.6:
                changes.append((on + timedelta(days=rng.randint(90, 150)), Level.NORMAL, "严管期间表现良好，调整为普管"))
        if life.silent_from:  # absconded: strict from the day the office found out
            changes = [c for c in changes if c[0] < life.silent_from]
            changes.append((life.silent_from + timedelta(days=9), Level.STRICT, "脱管，调整为严管"))
        current, kept = life.fields["level"], []
        for on, new, reason in sorted(changes, key=lambda c: c[0]):
            on = w.workday(on)
            moved = any(on == m for m, _street in life.moves)
            if new != current and life.arrival < on < life.exit_on and on <= w.today and not moved:
                kept.append((on, new, reason))
                current = new
        life.levels = kept


def _write_register(w, lives):
    """The ledger and the levels, through the services, each person's moves in date order. The to-dos are left
    to the daily run that follows the load (load_demo_data): refreshed now, before the talks are written, every
    clock would look overdue."""
    for life in lives:
        by = w.clerk(life.street)
        person = services.supervisee_register(by=by, refresh_todos=False, **life.fields)
        if life.arrival:
            person = services.supervisee_receive(supervisee=person, on=life.arrival, by=by,
                                                 transferred_from=life.from_place, refresh_todos=False)
        steps = [(on, 0, ("level", new, reason)) for on, new, reason in life.levels]
        steps += [(on, 1, ("move", street, "")) for on, street in life.moves]
        for on, _order, (what, value, reason) in sorted(steps, key=lambda s: (s[0], s[1])):
            if what == "level":
                person = services.supervisee_set_level(supervisee=person, level=value, on=on, reason=reason,
                                                       by=w.clerk(person.area))
            else:
                person = services.supervisee_transfer(supervisee=person, on=on, to_area=value,
                                                      by=w.clerk(person.area), note=TRANSFER_NOTE)
        if life.exit:
            kind, on, detail = life.exit
            by = w.clerk(person.area)
            if kind == "released":
                person = services.supervisee_release(supervisee=person, on=on, certificate_on=detail, by=by)
            elif kind == "terminated":
                person = services.supervisee_terminate(supervisee=person, on=on, reason=detail[0], note=detail[1],
                                                       by=by)
            else:
                person = services.supervisee_transfer(supervisee=person, on=on, to_place=detail, by=by,
                                                      note="居住地变更，执行地变更至外地")
        life.obj = person
