"""The registry every lawyers test starts from: a firm and a lawyer in street A, the same in street B."""

from types import SimpleNamespace

import pytest

from tests.factories import LawFirmFactory, LawyerFactory, resident_id


@pytest.fixture
def registry(areas):
    firm_a = LawFirmFactory(name="广东桂园明理律师事务所", area=areas.street_a)
    firm_b = LawFirmFactory(name="广东黄贝守正律师事务所", area=areas.street_b)
    return SimpleNamespace(
        firm_a=firm_a,
        firm_b=firm_b,
        lawyer_a=LawyerFactory(name="张桂园", firm=firm_a, id_number=resident_id(), specialties=["criminal"]),
        lawyer_b=LawyerFactory(name="李黄贝", firm=firm_b, specialties=["family"]),
    )
