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
    assert out.getvalue().splitlines()[0] == f"lawyers demo: {firms} firms, {lawyers} lawyers (0 firms and 0 lawyers new)"
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


@pytest.fixture
def with_accounts(db):
    """The demo accounts as `load_demo_data` creates them (before any app's demo), then this app's demo."""
    from bureau.data.demo_users import DEMO_USERS
    from bureau.management.commands.load_reference_data import load_calendar
    from bureau.models import Area, User

    load_areas()
    load_calendar()
    areas = dict(Area.objects.values_list("code", "pk"))
    User.objects.bulk_create([User(username=username, name=name, role=role, section=section, area_id=areas[code],
                                   is_superuser=role == "admin") for username, name, role, section, code in DEMO_USERS])
    demo.load(stdout=StringIO())


def test_a_year_of_advisors_in_both_districts(with_accounts):
    from django.utils import timezone

    from bureau.models import User
    from bureau.periods import parse_period
    from bureau.stats import compute
    from lawyers.models import Appraisal, Posting, ServiceLog

    today = timezone.localdate()
    for district, communities in [("440303", 30), ("440311", 18)]:
        current = Posting.objects.filter(area__code__startswith=district).active_on(today)
        assert current.values("area").distinct().count() == communities  # every community has its advisor
        assert current.values("lawyer").distinct().count() >= communities
        logs = ServiceLog.objects.filter(area__code__startswith=district)
        assert logs.count() > 150 * communities * 0.8  # about 13 entries a month each
        assert logs.values("kind").distinct().count() == 10
        assert Appraisal.objects.filter(district__code=district).count() == 11
    for username in ("luohu_advisor", "guangming_advisor"):
        account = User.objects.get(username=username)
        lawyer = account.lawyer
        assert Posting.objects.filter(lawyer=lawyer, area=account.area).active_on(today).exists()
        assert ServiceLog.objects.filter(lawyer=lawyer, on=today).exists()
        leader = User.objects.get(username=username.replace("advisor", "leader"))
        figures = compute(user=leader, area=leader.area, period=parse_period(str(today.year)),
                          codes=["advisors.advisors", "advisors.consultations"])
        mine = ServiceLog.objects.filter(lawyer=lawyer, on__year=today.year, kind="consultation")
        assert figures["advisors.consultations"] >= sum(mine.values_list("count", flat=True)) > 0
        assert figures["advisors.advisors"] >= 18


def test_the_advisors_demo_is_idempotent(with_accounts):
    from lawyers import demo as lawyers_demo
    from lawyers.models import Posting, ServiceLog, ServicePoint

    before = ServicePoint.objects.count(), Posting.objects.count(), ServiceLog.objects.count()
    out = StringIO()
    lawyers_demo.load(stdout=out)
    assert (ServicePoint.objects.count(), Posting.objects.count(), ServiceLog.objects.count()) == before
    assert "0 service points, 0 postings, 0 service log entries, 0 months appraised" in out.getvalue()
