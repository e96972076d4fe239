"""The register closes: start + received + transferred in − released − terminated − transferred out = end.

On generated data — a few dozen people over two years taken through the services with random intakes,
transfers between streets, to the other district and out of the portal, releases and terminations — for
many random periods (year, half, quarter, month, date range) and areas (street, district, city). The start
and the end come from `LedgerEntry.objects.on_register`, the flows from `counted_in`, so each side is
computed apart and the identity is a real check.
"""

import random
from datetime import date, timedelta

import pytest

from bureau.models import Area
from figures.periods import parse_period
from corrections import services
from corrections.models import LedgerEntry, Supervisee
from corrections.stats import corrections as figures
from tests.factories import AreaFactory

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

FIRST_DAY = date(2025, 1, 1)
LAST_DAY = date(2026, 11, 15)  # the services refuse dates after today
OUTSIDE = ["广州市天河区", "东莞市", "佛山市南海区"]
FLOW_CODES = ["received", "transferred_in", "transferred_out", "released", "terminated"]


def day_between(rng, start, end):
    return start + timedelta(days=rng.randint(0, (end - start).days))


@pytest.fixture
def generated(make_supervisee, areas, personas):
    """40 people over 2025–2026 across three streets of 罗湖区 and one of 光明区, through the services."""
    street_c = AreaFactory(code="440303003", name="东门街道", level=Area.Level.STREET, parent=areas.district)
    fenghuang = AreaFactory(code="440311001", name="凤凰街道", level=Area.Level.STREET, parent=areas.other_district)
    streets = [areas.street_a, areas.street_b, street_c, fenghuang]
    rng = random.Random(20261122)
    admin = personas.admin
    for _ in range(40):
        start = day_between(rng, FIRST_DAY, date(2026, 9, 30))
        judgment = start - timedelta(days=rng.randint(0, 9))
        term_end = judgment + timedelta(days=rng.randint(90, 500))
        person = make_supervisee(area=rng.choice(streets), judgment_on=judgment, term_start=judgment,
                                 term_end=term_end, reported_on=None, by=admin)
        if rng.random() < 0.1:
            continue  # still awaiting their report: not on any register
        arrived_from = rng.choice(OUTSIDE) if rng.random() < 0.2 else ""
        person = services.supervisee_receive(supervisee=person, on=start, by=admin, transferred_from=arrived_from)
        day = start
        while True:
            day += timedelta(days=rng.randint(1, 150))
            if day > LAST_DAY:
                break
            if day >= term_end:
                services.supervisee_release(supervisee=person, on=day, certificate_on=day, by=admin)
                break
            roll = rng.random()
            if roll < 0.4:
                to_area = rng.choice([s for s in streets if s.pk != person.area_id])
                person = services.supervisee_transfer(supervisee=person, on=day, to_area=to_area, by=admin)
            elif roll < 0.5:
                services.supervisee_transfer(supervisee=person, on=day, to_place=rng.choice(OUTSIDE), by=admin)
                break
            elif roll < 0.6:
                reason = rng.choice(LedgerEntry.TerminationReason.values)
                services.supervisee_terminate(supervisee=person, on=day, reason=reason, by=admin)
                break
    areas.street_c, areas.fenghuang = street_c, fenghuang
    return areas


def random_period(rng):
    year = rng.choice([2025, 2026])
    kind = rng.choice(["year", "half", "quarter", "month", "range"])
    if kind == "year":
        return parse_period(str(year))
    if kind == "half":
        return parse_period(f"{year}-H{rng.randint(1, 2)}")
    if kind == "quarter":
        return parse_period(f"{year}-Q{rng.randint(1, 4)}")
    if kind == "month":
        return parse_period(f"{year}-{rng.randint(1, 12):02d}")
    start = day_between(rng, date(2024, 12, 1), date(2026, 12, 31))
    end = start + timedelta(days=rng.randint(0, 400))
    return parse_period(f"{start.isoformat()}..{end.isoformat()}")


def test_the_ledger_identity_holds_for_random_periods_and_areas(generated):
    # The generated register really has every kind of line, so the identity is tested on all of them.
    kinds = set(LedgerEntry.objects.values_list("kind", flat=True))
    assert kinds == set(LedgerEntry.Kind.values)
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.TRANSFERRED_OUT, counterpart__isnull=False).exists()
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.TRANSFERRED_IN, counterpart__isnull=True).exists()

    places = [generated.street_a, generated.street_b, generated.street_c, generated.fenghuang,
              generated.district, generated.other_district, generated.city]
    rng = random.Random(4)
    moved_anything = 0
    for _ in range(150):
        area, period = rng.choice(places), random_period(rng)
        v = {code.split(".", 1)[1]: value for code, value in figures(area, period).items()}
        start, end = v["on_register_start"], v["on_register"]
        flows = start + v["received"] + v["transferred_in"] - v["released"] - v["terminated"] - v["transferred_out"]
        assert flows == end, (area.name, period.key, v)
        moved_anything += any(v[code] for code in FLOW_CODES)
    assert moved_anything > 100  # most of the random draws had something to count


def test_the_register_at_a_date_agrees_with_replaying_each_persons_ledger(generated):
    """An independent oracle: replay every person's lines in Python up to the day."""
    lines = list(LedgerEntry.objects.order_by("supervisee_id", "on", "id").values_list(
        "supervisee_id", "on", "kind", "area__path"))
    places = [generated.street_a, generated.street_b, generated.fenghuang, generated.district, generated.city]
    rng = random.Random(11)
    for _ in range(40):
        day = day_between(rng, date(2024, 12, 31), date(2026, 12, 31))
        latest = {}
        for person, on, kind, path in lines:
            if on <= day:
                latest[person] = (kind, path)
        for area in places:
            expected = sum(1 for kind, path in latest.values()
                           if kind in LedgerEntry.ARRIVALS and path.startswith(area.path))
            assert LedgerEntry.objects.on_register(area, day) == expected, (area.name, day)


def test_today_the_register_is_who_is_active(generated):
    today = LAST_DAY + timedelta(days=1)
    for area in (generated.street_a, generated.street_b, generated.fenghuang, generated.district, generated.city):
        active = Supervisee.objects.on_register().in_area(area).count()
        assert LedgerEntry.objects.on_register(area, today) == active, area.name


def test_on_register_at_a_date_on_a_case_counted_by_hand(make_supervisee, areas, personas):
    """X: received in A 2026-01-10, moved to B 2026-03-01, released 2026-06-30.
    Y: received in B 2026-02-01, died 2026-03-01."""
    admin = personas.admin
    x = make_supervisee(term_end=date(2026, 6, 30))
    x = services.supervisee_transfer(supervisee=x, on=date(2026, 3, 1), to_area=areas.street_b, by=admin)
    services.supervisee_release(supervisee=x, on=date(2026, 6, 30), certificate_on=date(2026, 6, 30), by=admin)
    y = make_supervisee(area=areas.street_b, judgment_on=date(2026, 1, 25), term_start=date(2026, 1, 25),
                        reported_on=date(2026, 2, 1))
    services.supervisee_terminate(supervisee=y, on=date(2026, 3, 1), reason=LedgerEntry.TerminationReason.DEATH,
                                  by=admin)
    on_register = LedgerEntry.objects.on_register
    a, b, district = areas.street_a, areas.street_b, areas.district
    expected = [
        (a, date(2026, 1, 9), 0), (a, date(2026, 1, 10), 1), (a, date(2026, 2, 28), 1), (a, date(2026, 3, 1), 0),
        (b, date(2026, 1, 31), 0), (b, date(2026, 2, 1), 1), (b, date(2026, 2, 28), 1), (b, date(2026, 3, 1), 1),
        (district, date(2026, 2, 28), 2), (district, date(2026, 3, 1), 1), (district, date(2026, 6, 29), 1),
        (district, date(2026, 6, 30), 0), (areas.other_district, date(2026, 3, 1), 0),
    ]
    assert [(area.name, day, on_register(area, day)) for area, day, _ in expected] == [
        (area.name, day, n) for area, day, n in expected]
    march = figures(b, parse_period("2026-03"))
    assert [march[f"corrections.{c}"] for c in ["on_register_start", "transferred_in", "terminated", "on_register"]] \
        == [1, 1, 1, 1]
    assert figures(district, parse_period("2026-03"))["corrections.transferred_in"] == 0
