"""Mediation fixtures: a committee in each street of 罗湖区 and one in 光明区, their mediators, a mediator who
signs in (role 人民调解员) for street A's committee, and a case builder going through the services.

    桂园街道 (street A): committee_a ── mediator_a (account: persona `mediator`), mediator_a2
    黄贝街道 (street B): committee_b ── mediator_b
"""

from datetime import date
from types import SimpleNamespace

import pytest

from mediation.apps import MEDIATOR
from mediation.models import Case, DisputeType, Party, Source
from tests.factories import MediatorFactory, OrganisationFactory, UserFactory, resident_id

FOUNDED = date(2020, 1, 1)


@pytest.fixture
def mediator_user(areas):
    return UserFactory(username="mediator", name="桂园调委会 陈调解", role=MEDIATOR, area=areas.street_a)


@pytest.fixture
def world(areas, personas, mediator_user):
    committee_a = OrganisationFactory(name="桂园街道人民调解委员会", area=areas.street_a, founded_on=FOUNDED)
    committee_b = OrganisationFactory(name="黄贝街道人民调解委员会", area=areas.street_b, founded_on=FOUNDED)
    return SimpleNamespace(
        committee_a=committee_a, committee_b=committee_b,
        mediator_a=MediatorFactory(organisation=committee_a, name="陈调解", user=mediator_user),
        mediator_a2=MediatorFactory(organisation=committee_a, name="吴调解"),
        mediator_b=MediatorFactory(organisation=committee_b, name="黄调解"),
        mediator_user=mediator_user,
    )


@pytest.fixture
def make_case(world, personas):
    """make_case(**fields) → a case accepted through the service (by street A's clerk unless `by`)."""
    from mediation.services import case_accept

    def make(by=None, parties=None, co_mediators=(), **fields):
        values = {
            "organisation": world.committee_a, "mediator": world.mediator_a, "source": Source.APPLICATION,
            "dispute_type": DisputeType.NEIGHBOUR, "accepted_on": date(2026, 3, 2), "amount_involved": 12000,
            "summary": "楼上漏水损坏楼下装修，双方协商不成。",
        }
        values.update(fields)
        people = parties if parties is not None else [
            Party(name="王大伟", id_number=resident_id()), Party(name="李小红", id_number=resident_id(sequence="246")),
        ]
        return case_accept(case=Case(**values), parties=people, co_mediators=co_mediators,
                           by=by or personas.clerk_a)

    return make
