"""manage.py generate_dataset: a small city, the same for the same seed, consistent where statistics look."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from figures import stats
from bureau.models import Area, Role, User
from figures.periods import parse_period
from corrections.models import LedgerEntry, Supervisee, SupervisionEvent
from legalaid.models import Case, Consultation, Decision, Recipient

ARGS = ["--scale", "0.02", "--districts", "440303,440309", "--seed", "7"]


class Rollback(Exception):
    pass


def generate(*extra):
    call_command("generate_dataset", *ARGS, *extra, stdout=open("/dev/null", "w"))


def snapshot():
    """What the dataset holds, without the ids (a rolled-back run leaves the sequences advanced)."""
    return {
        "cases": list(Case.objects.order_by("number").values_list(
            "number", "area__code", "received_on", "status", "decided_on", "closed_on", "recovered_amount",
            "applicant_id_number")),
        "recipients": list(Recipient.objects.order_by("case__number", "name", "birth_date").values_list(
            "case__number", "name", "groups")),
        "consultations": list(Consultation.objects.order_by("on", "area__code", "topic", "person_times").values_list(
            "on", "area__code", "topic", "person_times")),
        "ledger": list(LedgerEntry.objects.order_by("supervisee__id_number", "on", "id").values_list(
            "supervisee__id_number", "kind", "on", "area__code", "counterpart__code")),
        "events": list(SupervisionEvent.objects.order_by("supervisee__id_number", "on", "kind").values_list(
            "supervisee__id_number", "kind", "on", "area__code")),
    }


@pytest.mark.django_db
def test_a_small_city_is_generated_the_same_for_the_same_seed():
    try:
        with transaction.atomic():
            generate()
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    generate()
    assert snapshot() == first
    assert first["cases"] and first["recipients"] and first["consultations"] and first["ledger"]
    # Real district codes, the streets of the reference data for 罗湖区, made-up street codes marked as demo.
    assert Area.objects.get(code="440309").name == "龙华区"
    assert Area.objects.filter(parent__code="440303", level=Area.Level.STREET).count() == 10
    assert set(Area.objects.filter(parent__code="440309").values_list("is_demo", flat=True)) == {True}
    assert User.objects.filter(username="d440309_leader", role=Role.LEADER).exists()


@pytest.mark.django_db
def test_the_ledger_closes_and_the_indicators_match_the_rows():
    generate()
    admin = User(role=Role.ADMIN, is_superuser=True)
    year = timezone.localdate().year  # the city runs from 1 January four years back to today
    for code in ("440303", "440309", "440300"):
        area = Area.objects.get(code=code)
        for key in (str(year - 4), f"{year - 2}-H2", str(year - 1)):
            values = stats.compute(user=admin, area=area, period=parse_period(key))
            flows = (values["corrections.on_register_start"] + values["corrections.received"]
                     + values["corrections.transferred_in"] - values["corrections.released"]
                     - values["corrections.terminated"] - values["corrections.transferred_out"])
            assert flows == values["corrections.on_register"], (code, key)
            assert values["corrections.on_register"] > 0 and values["corrections.talks"] > 0

    # Whoever is active in the table is on the register by the ledger, and nobody else.
    city = Area.objects.get(code="440300")
    last_day = timezone.localdate()
    assert LedgerEntry.objects.on_register(city, last_day) == Supervisee.objects.on_register().count()

    district = Area.objects.get(code="440303")
    period = parse_period(str(timezone.localdate().year - 1))
    values = stats.compute(user=admin, area=district, period=period)
    cases = Case.objects.filter(area__parent=district)
    assert values["legalaid.cases_accepted"] == cases.filter(
        decision=Decision.GRANTED, decided_on__range=(period.start, period.end)).count() > 0
    assert values["legalaid.consultations"] == Consultation.objects.filter(
        area__parent=district, on__range=(period.start, period.end)).aggregate(n=Sum("person_times"))["n"] > 0
    recovered = cases.filter(closed_on__range=(period.start, period.end)).aggregate(s=Sum("recovered_amount"))["s"]
    assert values["legalaid.economic_loss_recovered"] == recovered > Decimal("0")
    assert values["legalaid.recipients"] >= values["legalaid.cases_accepted"]


@pytest.mark.django_db
def test_the_development_database_and_a_filled_one_are_refused(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "bureau")
    with pytest.raises(CommandError, match="refuses the development database"):
        generate()
    monkeypatch.undo()
    generate()
    with pytest.raises(CommandError, match="already holds a generated city"):
        generate()


@pytest.mark.django_db
def test_made_up_districts_follow_the_real_ones():
    from bureau.management.commands.generate_dataset import DISTRICTS, EXTRA_CODES, made_up_districts

    # Drawn by the seed: the same seed the same districts, another seed others; never a code or name of a real one.
    assert made_up_districts(7, 3) == made_up_districts(7, 3) != made_up_districts(8, 3)
    every = made_up_districts(7, len(EXTRA_CODES))
    real_codes = {code for code, _n, _s in DISTRICTS}
    assert len({name for _c, name, _s in every}) == len(every) and not real_codes & {code for code, _n, _s in every}
    assert not {name[0] for _c, name, _s in every} & {name[0] for _c, name, _s in DISTRICTS}
    with pytest.raises(CommandError, match="at most"):
        made_up_districts(7, len(EXTRA_CODES) + 1)

    generate("--extra-districts", "2")
    expected = made_up_districts(7, 2)
    city = Area.objects.get(code="440300")
    districts = city.children.filter(level=Area.Level.DISTRICT)
    assert list(districts.filter(code__gt="440312").values_list("code", flat=True)) == [
        code for code, _n, _s in expected]
    admin = User(role=Role.ADMIN, is_superuser=True)
    period = parse_period(str(timezone.localdate().year - 1))
    accepted = 0
    for code, name, streets in expected:
        district = Area.objects.get(code=code)
        assert (district.name, district.is_demo, district.parent) == (name, True, city)
        assert list(district.children.values_list("code", "name", "is_demo")) == [
            (f"{code}{n:03d}", f"{street}街道", True) for n, street in enumerate(streets, start=1)]
        assert User.objects.filter(username=f"d{code}_leader", role=Role.LEADER, area=district).exists()
        cases = Case.objects.filter(area__parent=district)
        assert cases.exists() and all(n.startswith(name[0]) for n in cases.values_list("number", flat=True))
        assert Supervisee.objects.filter(area__parent=district).exists()
        accepted += stats.compute(user=admin, area=district, period=period)["legalaid.cases_accepted"]
    # The city counts its made-up districts with the real ones (and 光明区 of the reference data, with none).
    for district in districts.exclude(code__gt="440312"):
        accepted += stats.compute(user=admin, area=district, period=period)["legalaid.cases_accepted"]
    assert stats.compute(user=admin, area=city, period=period)["legalaid.cases_accepted"] == accepted > 0
