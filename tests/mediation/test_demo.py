"""The mediation demo (1 January two years back to today): loaded once, idempotent, every record keeps the rules
the services enforce, every month has cases, the success rate is in the 90s, and the two mediator accounts
see only their own committee."""

import io
from datetime import date

import pytest
from django.db.models import F, Q

from bureau.data.demo_users import DEMO_PASSWORD, demo_users
from bureau.management.commands.load_reference_data import load_areas
from bureau.models import Area, User
from lawyers.models import Posting
from tests.factories import LawyerFactory
from mediation import demo
from mediation.apps import MEDIATOR
from mediation.models import (
    Case,
    FoundDispute,
    Mediator,
    Organisation,
    Outcome,
    Party,
    ScreeningRound,
    Status,
    Training,
)
from mediation.permissions import is_mediator

SCALE = 0.2
MODELS = [Organisation, Mediator, Training, ScreeningRound, FoundDispute, Case, Party]


@pytest.fixture
def loaded(db):
    load_areas()
    areas = dict(Area.objects.values_list("code", "pk"))
    User.objects.bulk_create([User(username=username, name=name, role=role, section=section, area_id=areas[code])
                              for username, name, role, section, code in demo_users()])
    _advisors()
    out = io.StringIO()
    demo.load(stdout=out, scale=SCALE)
    return out.getvalue()


def _advisors():
    """A community legal advisor posted to every community of both districts (some become mediators: 牵手计划)."""
    for community in Area.objects.filter(level=Area.Level.COMMUNITY):
        lawyer = LawyerFactory(area=community.parent)
        Posting.objects.create(lawyer=lawyer, area=community, start_on=date(2024, 1, 1), end_on=date(2026, 12, 31))


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_both_districts_once(loaded):
    assert "mediation demo 罗湖区: " in loaded and "mediation demo 光明区: " in loaded
    first = _counts()
    assert all(first.values()), first
    out = io.StringIO()
    demo.load(stdout=out, scale=SCALE)
    assert _counts() == first
    assert out.getvalue().count("organisations already present") == 2


def test_the_organisations_of_each_district(loaded):
    for code in ("440303", "440311"):
        district = Area.objects.get(code=code)
        orgs = Organisation.objects.in_area(district)
        for street in Area.objects.filter(parent=district):
            assert orgs.filter(area=street, kind="street", form="committee").count() == 1
            assert orgs.filter(area=street, form="room", sector="property").exists()
            for community in Area.objects.filter(parent=street):
                assert orgs.filter(area=community, kind="community").count() == 1
        assert orgs.filter(kind="sector", area=district).count() == 1
        assert Mediator.objects.in_area(district).filter(lawyer__isnull=False).exists()
    for org in Organisation.objects.all():
        org.full_clean()


def test_every_month_of_the_span_has_cases_and_the_success_rate_is_in_the_90s(loaded):
    from django.utils import timezone

    today = timezone.localdate()
    first = demo.first_day(today)
    for code in ("440303", "440311"):
        district = Area.objects.get(code=code)
        cases = Case.objects.in_area(district)
        months = {(d.year, d.month) for d in cases.values_list("accepted_on", flat=True)}
        assert months == {(m.year, m.month) for m in demo._months(first, today)}, code
        concluded = cases.filter(status=Status.CONCLUDED)
        rate = concluded.filter(outcome=Outcome.SUCCESS).count() / concluded.count()
        assert 0.9 <= rate < 1, (code, rate)
        assert cases.filter(escalation_risk=True).exists()
        assert cases.filter(confirmation_applied_on__isnull=False).exists()
        assert cases.filter(amount_involved__gt=0).exists()
        assert len(set(cases.values_list("dispute_type", flat=True))) >= 8


def test_the_records_keep_the_services_rules(loaded):
    from django.utils import timezone

    today = timezone.localdate()
    cases = Case.objects.all()
    assert not cases.filter(mediation_started_on__lt=F("accepted_on")).exists()
    assert not cases.filter(concluded_on__lt=F("mediation_started_on")).exists()
    assert not cases.filter(confirmation_applied_on__lt=F("agreement_signed_on")).exists()
    assert not cases.filter(confirmation_applied_on__isnull=False).exclude(agreement_form="written").exists()
    assert not cases.filter(accepted_on__lt=F("organisation__founded_on")).exists()
    fields = ["accepted_on", "mediation_started_on", "concluded_on", "performed_on", "confirmation_applied_on",
              "confirmation_ruled_on", "escalation_flagged_on"]
    assert not cases.filter(Q(**{f"{name}__gt": today for name in fields}, _connector=Q.OR)).exists()
    assert not cases.filter(status=Status.CONCLUDED, outcome="").exists()
    assert not cases.filter(~Q(status=Status.CONCLUDED), ~Q(outcome="")).exists()
    assert cases.filter(status__in=[Status.ACCEPTED, Status.MEDIATING]).exists()
    for case in cases.select_related("mediator", "organisation", "area")[:300]:
        case.full_clean()
        assert case.mediator.organisation_id == case.organisation_id
        assert case.mediator.is_active_on(case.accepted_on), case.number
        assert case.area_id == case.organisation.area_id
    assert len(set(cases.values_list("number", flat=True))) == cases.count()
    for dispute in FoundDispute.objects.select_related("round", "case")[:300]:
        assert dispute.round.area.contains(dispute.area)
        assert dispute.round.started_on <= dispute.found_on <= dispute.round.ended_on
        assert dispute.case is None or dispute.case.accepted_on >= dispute.found_on
    assert not Training.objects.filter(held_on__gt=today).exists()


def test_the_mediator_accounts_exist_and_see_only_their_committee(loaded):
    for username, code in (("luohu_mediator", "440303"), ("guangming_mediator", "440311")):
        user = User.objects.get(username=username)
        assert user.role == MEDIATOR and user.check_password(DEMO_PASSWORD) and is_mediator(user)
        mine = Organisation.objects.visible_to(user)
        assert mine.count() == 1 and mine.get().kind == "community"
        assert mine.get().area.path.startswith(Area.objects.get(code=code).path)
        visible = Case.objects.visible_to(user)
        assert visible.exists()
        assert set(visible.values_list("organisation", flat=True)) == {mine.get().pk}


def test_the_indicators_read_the_demo(loaded):
    from figures.periods import parse_period
    from mediation.stats import mediation

    district = Area.objects.get(code="440303")
    values = mediation(district, parse_period(f"{date.today().year - 1}"))
    assert values["mediation.cases_accepted"] > 0
    assert 0.9 <= values["mediation.success_rate"] < 1
    assert values["mediation.organisations"] > 40 and values["mediation.mediators_advisors"] > 0


@pytest.mark.django_db
def test_the_synthetic_city_has_mediation_in_every_district():
    """manage.py generate_dataset: mediation.dataset lays out each district as the demo does."""
    from django.core.management import call_command

    from figures.periods import parse_period
    from mediation.stats import mediation

    call_command("generate_dataset", "--scale", "0.05", "--districts", "440303,440309", "--seed", "7",
                 "--until", "2026-11-30", stdout=open("/dev/null", "w"))
    for code in ("440303", "440309"):
        district = Area.objects.get(code=code)
        assert Organisation.objects.in_area(district).filter(kind="sector").count() == 1
        cases = Case.objects.in_area(district)
        assert cases.filter(accepted_on__year=2022).exists() and cases.filter(accepted_on__year=2026).exists()
        values = mediation(district, parse_period("2025"))
        assert values["mediation.cases_accepted"] == cases.filter(accepted_on__year=2025).count() > 0
        assert values["mediation.organisations"] > len(Area.objects.filter(parent=district))
