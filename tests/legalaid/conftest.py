"""Legal-aid fixtures: the clock rules, the calendar, a small pool of lawyers, a case factory."""

from datetime import date

import pytest

from legalaid.data import ensure_clock_rules
from legalaid.models import Case, ClockRule, FinancialStatus, MatterKind, Recipient, Source
from legalaid.models import Category as C
from lawyers.models import LawFirm, Lawyer, Specialty
from tests.factories import resident_id


def credit_code(body17):
    from stdnum.cn import uscc

    return body17 + uscc.calc_check_digit(body17)


@pytest.fixture
def clock_rules(db, calendar_loaded):
    ensure_clock_rules(ClockRule)


@pytest.fixture
def firm(areas):
    return LawFirm.objects.create(name="广东桂园律师事务所", credit_code=credit_code("31440000123456781"), area=areas.street_a)


@pytest.fixture
def lawyers(areas, firm):
    """Four lawyers of 罗湖区 and one of 光明区 (never eligible for a 罗湖 case)."""

    def make(name, cert, start, specialties, area=areas.street_a, **extra):
        return Lawyer.objects.create(name=name, certificate_number=cert, firm=firm, area=area,
                                     practice_start=start, specialties=specialties, **extra)

    return {
        "labour": make("陈劳动", "14403200910000001", date(2009, 5, 1), [Specialty.LABOUR]),
        "family": make("林婚姻", "14403201510000002", date(2015, 3, 1), [Specialty.FAMILY]),
        "junior": make("黄刑辩", "14403202410000003", date(2024, 7, 1), [Specialty.CRIMINAL]),
        "senior": make("周刑辩", "14403200810000004", date(2008, 1, 1), [Specialty.CRIMINAL],
                       area=areas.street_b),
        "elsewhere": make("郑光明", "14403201210000005", date(2012, 1, 1), [Specialty.LABOUR],
                          area=areas.other_district),
    }


@pytest.fixture
def make_case(personas, areas, clock_rules):
    """make_case(**fields) → a case received through the service (status received, or granted if a notice)."""
    from legalaid.services import case_receive

    def make(recipients=1, by=None, **fields):
        values = {
            "area": areas.street_a, "source": Source.WINDOW, "received_on": date(2026, 3, 2),
            "matter_kind": MatterKind.CIVIL, "category": C.LABOUR, "applicant_name": "王小明",
            "applicant_id_number": resident_id(), "financial_status": FinancialStatus.MINIMUM_LIVING,
        }
        values.update(fields)
        people = recipients if isinstance(recipients, list) else [
            Recipient(name=f"受援人{i}", groups=["migrant_worker"]) for i in range(recipients)
        ]
        return case_receive(case=Case(**values), recipients=people, by=by or personas.section)

    return make
