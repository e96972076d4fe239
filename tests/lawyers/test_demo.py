"""The demo registry: deterministic, valid, varied enough to demonstrate assignment, and idempotent."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from stdnum.cn import uscc

from bureau.management.commands.load_reference_data import load_areas
from lawyers import demo
from lawyers.models import LawFirm, Lawyer, Specialty, Status


@pytest.fixture
def loaded(db):
    load_areas()
    out = StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def test_a_second_run_adds_nothing(loaded):
    firms, lawyers = LawFirm.objects.count(), Lawyer.objects.count()
    out = StringIO()
    demo.load(stdout=out)
    assert (LawFirm.objects.count(), Lawyer.objects.count()) == (firms, lawyers)
    assert out.getvalue().strip() == f"lawyers demo: {firms} firms, {lawyers} lawyers (0 firms and 0 lawyers new)"
    assert loaded.startswith(f"lawyers demo: {firms} firms, {lawyers} lawyers")


def test_both_districts_have_a_registry(loaded):
    for district, streets in [("440303", 10), ("440311", 6)]:
        firms = LawFirm.objects.filter(area__code__startswith=district)
        lawyers = Lawyer.objects.filter(area__code__startswith=district)
        assert firms.count() == 12
        assert firms.values("area").distinct().count() == streets  # every street has a firm
        assert 40 <= lawyers.count() <= 65
        assert lawyers.filter(kind=Lawyer.Kind.PUBLIC, firm__isnull=True).count() == 3
        assert lawyers.filter(kind=Lawyer.Kind.PART_TIME).exists()
        assert lawyers.filter(status=Status.SUSPENDED).count() == 2
        assert lawyers.filter(legal_aid_available=True).count() > lawyers.count() * 0.7
        senior_criminal = lawyers.available_for_legal_aid().with_years_at_least(3, date.today()).filter(
            specialties__contains=[Specialty.CRIMINAL])
        assert senior_criminal.count() >= 3
        assert lawyers.filter(practice_start__gt=date(date.today().year - 3, date.today().month, 1)).exists()


def test_every_record_is_valid(loaded):
    assert all(uscc.is_valid(code) and code.startswith("31440000")
               for code in LawFirm.objects.values_list("credit_code", flat=True))
    for lawyer in Lawyer.objects.select_related("firm"):
        lawyer.full_clean()  # certificate number, ID number, specialties, the firm rule
        assert 1 <= len(lawyer.specialties) <= 3
        assert lawyer.firm is None or lawyer.firm.area_id == lawyer.area_id
    used = Counter(s for specialties in Lawyer.objects.values_list("specialties", flat=True) for s in specialties)
    assert set(used) == set(Specialty.values)
    assert Lawyer.objects.filter(practice_start__year__lte=2006).exists()
