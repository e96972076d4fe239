"""Small helpers of the demo: dates, names, identity numbers, lawyers."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone
from stdnum.cn import ric

from bureau.models import Area, Role, User
from legalaid.apps import FUNCTION

from ..models import (
    Objection,
    Recipient,
)
from .texts import FEMALE, MALE, MIGRANT_REGIONS, SURNAMES, G

# --- small helpers ----------------------------------------------------------------------------------------


def _weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


@lru_cache(maxsize=None)
def _region_valid(region, year):
    body = f"{region}{year}0615123"
    return ric.is_valid(body + ric.calc_check_digit(body + "0"))


def resident_id(rng, regions, born, female):
    """A GB 11643 number with a correct check digit and a region code valid in the birth year (the first
    valid region is preferred)."""
    valid = [r for r in regions if _region_valid(r, born.year)] or [r for r in MIGRANT_REGIONS
                                                                     if _region_valid(r, born.year)]
    region = valid[0] if rng.random() < 0.6 else rng.choice(valid)
    sequence = f"{rng.randint(0, 99):02d}{rng.choice('02468' if female else '13579')}"
    body = f"{region}{born:%Y%m%d}{sequence}"
    return body + ric.calc_check_digit(body + "0")


def _date_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _age(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _money(value):
    return Decimal(int(value) // 100 * 100).quantize(Decimal("0.01"))


def _aware(day, minutes):
    return timezone.make_aware(datetime.combine(day, time(8, 30)) + timedelta(minutes=minutes))


@dataclass
class Person:
    name: str
    id_number: str
    is_female: bool
    birth_date: date
    phone: str
    groups: list = field(default_factory=list)

    def recipient(self):
        return Recipient(name=self.name, id_number=self.id_number, is_female=self.is_female,
                         birth_date=self.birth_date, groups=list(dict.fromkeys(self.groups)), phone=self.phone)


@dataclass
class Extra:
    """What a case went through that its row does not keep (for the timeline)."""

    recipients: list = field(default_factory=list)
    steps: list = field(default_factory=list)  # the CaseSteps the lifecycle wrote, in order
    assign_step: object = None
    objection: Objection | None = None
    terminate_stage: str = ""
    close_days: int = 90
    group_case: bool = False


class World:
    """One district's generator: its places, people, clocks and random stream."""

    def __init__(self, plan, district, scale, first, end, clocks):
        self.plan, self.district, self.scale, self.first, self.end = plan, district, scale, first, end
        self.clocks, self.cal = clocks, clocks.calendar
        self.years = ((end - first).days + 1) / 365  # yearly volumes are scaled by this
        self.rng = random.Random(20261122 + int(plan.code))
        self.streets = list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))
        self.street_weights = [self.rng.uniform(0.6, 1.6) for _street in self.streets]
        self.section = (User.objects.filter(role=Role.SECTION, section=FUNCTION, area=district)
                        .order_by("username").first())
        self.clerks = {u.area_id: u for u in User.objects.filter(role=Role.STREET, area__in=self.streets)
                       .order_by("-username")}

    # people

    def name(self, female, rng=None):
        rng = rng or self.rng
        chars = FEMALE if female else MALE
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")
        return rng.choice(SURNAMES) + given

    def person(self, born_from, born_to, *, female=None, local=None, groups=()):
        rng = self.rng
        female = rng.random() < 0.4 if female is None else female
        local = rng.random() < self.plan.local_share if local is None else local
        born = _date_between(rng, date(born_from, 1, 1), date(born_to, 12, 28))
        regions = self.plan.local_regions if local else rng.sample(MIGRANT_REGIONS, 4)
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}0000{rng.randint(0, 9999):04d}"
        person = Person(self.name(female), resident_id(rng, regions, born, female), female, born, phone,
                        list(groups))
        age = _age(born, self.end)
        if age >= 60:
            person.groups.append(G.ELDERLY)
        if age < 18:
            person.groups.append(G.MINOR)
        return person

    def company(self):
        return f"深圳市{self.rng.choice(self.plan.companies)}{self.rng.choice(self.plan.trades)}有限公司"

    def street(self):
        return self.rng.choices(self.streets, self.street_weights)[0]

    # clocks

    def due(self, code, start):
        """The clock exactly as ClockRule.due_on computes it, from one calendar for the whole span."""
        return self.clocks.due_on(code, start)

    def working_days_until(self, start, due):
        """The working days after `start` up to `due` (or `due` itself if none)."""
        days = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
        return [d for d in days if self.cal.is_working_day(d)] or [due]
