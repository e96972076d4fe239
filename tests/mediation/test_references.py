"""Issue 18, part 5: every record a mediation write refers to is within the writer's jurisdiction — posted
through the API from 罗湖区 with a reference of 光明区, each is a 400 naming it and nothing is written."""

import pytest

from bureau.models import Area
from mediation.models import Case, Mediator
from mediation.permissions import MEDIATOR
from tests.factories import AreaFactory, LawyerFactory, MediatorFactory, OrganisationFactory, UserFactory

from .conftest import FOUNDED


@pytest.fixture
def guangming(areas):
    street = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    committee = OrganisationFactory(name="光明街道人民调解委员会", area=street, founded_on=FOUNDED)
    return {
        "organisation": committee,
        "mediator": MediatorFactory(organisation=committee, name="郑调解"),
        "user": UserFactory(username="gm_mediator", name="光明 调解员", role=MEDIATOR, area=street),
        "lawyer": LawyerFactory(area=street),
    }


def mediator_payload(world, guangming, field):
    payload = {"organisation": world.committee_a.pk, "name": "新调解员", "kind": "part_time",
               "from_on": "2026-03-02"}
    if field == "organisation":
        payload["organisation"] = guangming["organisation"].pk
    else:
        payload[field] = guangming[field].pk
    return payload


@pytest.mark.parametrize("field", ["organisation", "user", "lawyer"])
def test_defect_5_a_mediator_of_another_district_is_refused(client_for, personas, world, guangming, field):
    before = Mediator.objects.count()
    response = client_for(personas.clerk_a).post("/api/v1/mediation/mediators/",
                                                 mediator_payload(world, guangming, field))
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Mediator.objects.count() == before


def test_defect_5_a_case_with_another_districts_mediator_is_refused(client_for, personas, world, guangming):
    response = client_for(personas.clerk_a).post("/api/v1/mediation/cases/", {
        "organisation": world.committee_a.pk, "mediator": guangming["mediator"].pk, "title": "邻里纠纷",
        "accepted_on": "2026-03-02"}, content_type="application/json")
    assert response.status_code == 400
    assert "mediator" in response.json()
    assert not Case.objects.exists()
