"""法治政府 fixtures: units of 罗湖区 (a department and a street office) and one of 光明区, an account of the role
起草承办单位 for each 罗湖区 unit, and the district's 法制科.

    罗湖区: 区住房和建设局 (unit_a) ── persona `drafter_a`; 桂园街道办事处 (unit_b) ── `drafter_b`; `section`
    光明区: 光明区城市管理和综合执法局 (other_unit)
"""

from types import SimpleNamespace

import pytest

from bureau.models import Role
from normative_docs.apps import UNIT
from normative_docs.data import ensure_clock_rules
from normative_docs.models import ClockRule, Unit, UnitKind, UnitMember
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def clock_rules(db):
    """The clocks as the data migration writes them (a transactional test elsewhere may have flushed them)."""
    ensure_clock_rules(ClockRule)


@pytest.fixture
def law(areas, personas):
    section = UserFactory(username="fazhi", name="法制科 孙审查", role=Role.SECTION, section="normative_docs",
                          area=areas.district)
    unit_a = Unit.objects.create(area=areas.district, name="罗湖区住房和建设局", kind=UnitKind.DEPARTMENT)
    unit_b = Unit.objects.create(area=areas.district, name="罗湖区桂园街道办事处", kind=UnitKind.STREET)
    other_unit = Unit.objects.create(area=areas.other_district, name="光明区城市管理和综合执法局",
                                     kind=UnitKind.DEPARTMENT)
    drafter_a = UserFactory(username="drafter_a", name="住建局 周起草", role=UNIT, area=areas.district)
    drafter_b = UserFactory(username="drafter_b", name="桂园街道 吴承办", role=UNIT, area=areas.district)
    UnitMember.objects.create(unit=unit_a, user=drafter_a)
    UnitMember.objects.create(unit=unit_b, user=drafter_b)
    other_section = UserFactory(username="gm_fazhi", name="光明法制科", role=Role.SECTION, section="normative_docs",
                                area=areas.other_district)
    return SimpleNamespace(section=section, unit_a=unit_a, unit_b=unit_b, other_unit=other_unit,
                           drafter_a=drafter_a, drafter_b=drafter_b, other_section=other_section)


ALL_MATERIALS = ["draft", "explanation", "basis", "consultation", "fair_competition"]
