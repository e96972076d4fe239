"""Corrections fixtures: people put on the register through the services, as the office would."""

import itertools
from datetime import date

import pytest

from bureau.identifiers import female_by_resident_id
from bureau.models import Role
from corrections import services
from corrections.data import ensure_level_policies
from corrections.models import Level, LevelPolicy, SentenceKind
from tests.factories import UserFactory, resident_id

_sequence = itertools.count(100)


@pytest.fixture(autouse=True)
def level_policies(db):
    """The levels' intervals come from a data migration; a transactional test before this one on the same worker
    flushed them with everything else, so put them back (a no-op when they are there)."""
    ensure_level_policies(LevelPolicy)


@pytest.fixture
def make_supervisee(personas, areas):
    """make_supervisee(area=…, reported_on=…, **fields) → a person registered and (unless reported_on=None) received.

    Defaults: street A (桂园), 缓刑, 普管, judgment 2026-01-05, reported 2026-01-10, term to 2027-01-09.
    """

    def make(*, area=None, reported_on=date(2026, 1, 10), by=None, **fields):
        n = next(_sequence)
        values = {
            "name": f"矫正对象{n}", "gender": "M", "id_number": resident_id(sequence=f"{n % 1000:03d}"),
            "sentence_kind": SentenceKind.PROBATION, "crime": "危险驾驶罪", "court": "深圳市罗湖区人民法院",
            "judgment_on": date(2026, 1, 5), "term_start": date(2026, 1, 5), "term_end": date(2027, 1, 4),
            "area": area or areas.street_a, "level": Level.NORMAL,
        }
        values.update(fields)
        if "gender" not in fields:  # the ID number's 17th digit says it (odd for men)
            values["gender"] = "F" if female_by_resident_id(values["id_number"]) else "M"
        by = by or personas.admin
        # The person is entered as of the story's days: the tests run the rules on those days themselves, so the
        # services' refresh of the person's to-dos as of the clock's today is left out (refresh_todos=False).
        supervisee = services.supervisee_register(by=by, refresh_todos=False, **values)
        if reported_on is not None:
            supervisee = services.supervisee_receive(supervisee=supervisee, on=reported_on, by=by,
                                                     refresh_todos=False)
        return supervisee

    return make


@pytest.fixture
def corrections_section(areas):
    """Staff of the district bureau's corrections section (社区矫正科): approves what a street office may not."""
    return UserFactory(username="corrections_section", role=Role.SECTION, section="corrections",
                       area=areas.district)
