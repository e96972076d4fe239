"""The demo registry: deterministic, valid, varied enough to demonstrate assignment, and idempotent."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.utils import timezone
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
    today = timezone.localdate()
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
        senior_criminal = lawyers.available_for_legal_aid().with_years_at_least(3, today).filter(
            specialties__contains=[Specialty.CRIMINAL])
        assert senior_criminal.count() >= 3
        assert lawyers.filter(practice_start__gt=today - timedelta(days=3 * 365)).exists()
        assert not lawyers.filter(practice_start__gt=today).exists()
        assert not LawFirm.objects.filter(founded_on__gt=today - timedelta(days=8 * 365)).exists()


def test_every_record_is_valid(loaded):
    assert all(uscc.is_valid(code) and code.startswith("31440000")
               for code in LawFirm.objects.values_list("credit_code", flat=True))
    for lawyer in Lawyer.objects.select_related("firm"):
        lawyer.full_clean()  # certificate number, ID number, specialties, the firm rule
        assert 1 <= len(lawyer.specialties) <= 3
        assert lawyer.firm is None or lawyer.firm.area_id == lawyer.area_id
    used = Counter(s for specialties in Lawyer.objects.values_list("specialties", flat=True) for s in specialties)
    assert set(used) == set(Specialty.values)
    assert Lawyer.objects.filter(practice_start__year__lte=timezone.localdate().year - 20).exists()


def test_a_second_run_on_a_later_day_adds_nothing(loaded, time_machine):
    """The dates move with the day, and with them the certificate numbers: a district with a registry keeps it."""
    firms, lawyers = LawFirm.objects.count(), Lawyer.objects.count()
    time_machine.move_to(timezone.localdate() + timedelta(days=400))
    demo.load(stdout=StringIO())
    assert (LawFirm.objects.count(), Lawyer.objects.count()) == (firms, lawyers)


@pytest.fixture
def with_accounts(db):
    """The demo accounts as `load_demo_data` creates them (before any app's demo), then this app's demo."""
    from bureau.data.demo_users import demo_users
    from bureau.management.commands.load_reference_data import load_calendar
    from bureau.models import Area, User

    load_areas()
    load_calendar()
    areas = dict(Area.objects.values_list("code", "pk"))
    User.objects.bulk_create([User(username=username, name=name, role=role, section=section, area_id=areas[code],
                                   is_superuser=role == "admin") for username, name, role, section, code in demo_users()])
    demo.load(stdout=StringIO())


def _months(first, last):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def test_two_years_and_this_year_of_advisors_in_both_districts(with_accounts):
    from bureau.models import User
    from figures.periods import parse_period
    from figures.stats import compute
    from lawyers.models import Appraisal, Posting, ServiceLog
    from lawyers.services import last_month

    today = timezone.localdate()
    first = demo.first_day(today)
    for district, communities in [("440303", 30), ("440311", 18)]:
        postings = Posting.objects.filter(area__code__startswith=district)
        for year in range(first.year, today.year + 1):  # every community has its advisor, every year
            current = postings.active_on(today if year == today.year else date(year, 6, 30))
            assert current.values("area").distinct().count() == communities
            assert current.values("lawyer").distinct().count() >= communities * 0.8
        logs = ServiceLog.objects.filter(area__code__startswith=district)
        span_years = ((today - first).days + 1) / 365
        assert logs.count() > 150 * communities * span_years * 0.8  # about 13 entries a month each
        assert logs.values("kind").distinct().count() == 10
        assert logs.filter(on__lt=first).count() == 0 and postings.filter(start_on__lt=first).count() == 0
        # every month of the span is appraised but the last one (and this one)
        closed = list(Appraisal.objects.filter(district__code=district).order_by("month").values_list("month", flat=True))
        assert closed == [m for m in _months(first, today) if m < last_month(today)]
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
    assert not any(lawyer.practice_start >= first for lawyer in
                   Lawyer.objects.filter(pk__in=Posting.objects.values("lawyer")))


def test_every_month_of_the_span_has_the_advisors_work(with_accounts, client):
    """The two previous years and this year to date, month by month, as the statistics API gives them: the
    advisors and their main flows are never zero, so every trend and year-on-year comparison has a real base."""
    from bureau.models import Area, User
    from figures.periods import parse_period
    from figures.stats import compute

    today = timezone.localdate()
    codes = ["advisors.advisors", "advisors.consultations"]
    whole_months = ["advisors.disputes_handled", "advisors.documents_reviewed", "advisors.online_services"]
    for code, prefix in [("440303", "luohu"), ("440311", "guangming")]:
        district = Area.objects.get(code=code)
        leader = User.objects.get(username=f"{prefix}_leader")
        for month in _months(demo.first_day(today), today):
            wanted = codes + (whole_months if month < today.replace(day=1) else [])
            figures = compute(user=leader, area=district, period=parse_period(f"{month:%Y-%m}"), codes=wanted)
            assert all(figures[c] > 0 for c in wanted), (code, f"{month:%Y-%m}", figures)
        client.force_login(leader)
        for year in (today.year - 1, today.year):
            response = client.get("/api/v1/stats/", {"period": str(year), "area": code, "codes": ",".join(codes)})
            assert response.status_code == 200
            assert all(v > 0 for v in response.json()["indicators"].values()), response.json()


def test_the_advisors_demo_is_idempotent(with_accounts):
    from lawyers import demo as lawyers_demo
    from lawyers.models import Posting, ServiceLog, ServicePoint

    before = ServicePoint.objects.count(), Posting.objects.count(), ServiceLog.objects.count()
    out = StringIO()
    lawyers_demo.load(stdout=out)
    assert (ServicePoint.objects.count(), Posting.objects.count(), ServiceLog.objects.count()) == before
    assert "0 service points, 0 postings, 0 service log entries, 0 months appraised" in out.getvalue()
