"""The administrator sets the levels' intervals; the register is read-only in the admin."""

from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse

from bureau.models import Reminder
from bureau.reminders import run_rules
from corrections import reminders
from corrections.models import LevelPolicy, Supervisee

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

INTERVALS = ["talk_interval_days", "check_interval_days", "no_contact_days"]


def test_the_administrator_edits_the_intervals_the_risk_checks_use(client_for, personas, make_supervisee,
                                                                   calendar_loaded):
    person = make_supervisee()  # 普管, reported in 2026-01-10: the next talk is due 30 days later by default
    run_rules(date(2026, 1, 20), kinds={reminders.TALK_OVERDUE})
    assert not Reminder.objects.filter(kind=reminders.TALK_OVERDUE).exists()

    client = client_for(personas.admin)
    normal = LevelPolicy.objects.get(level="normal")
    url = reverse("admin:corrections_levelpolicy_change", args=[normal.pk])
    assert client.get(reverse("admin:corrections_levelpolicy_changelist")).status_code == 200
    refused = client.post(url, {"talk_interval_days": 0, "check_interval_days": 15, "no_contact_days": 35})
    assert refused.status_code == 200 and "talk_interval_days" in refused.context["adminform"].form.errors
    response = client.post(url, {"talk_interval_days": 12, "check_interval_days": 10, "no_contact_days": 20})
    assert response.status_code == 302
    normal.refresh_from_db()
    assert [getattr(normal, f) for f in INTERVALS] == [12, 10, 20] and normal.level == "normal"

    run_rules(date(2026, 1, 20), kinds={reminders.TALK_OVERDUE})
    todo = Reminder.objects.get(kind=reminders.TALK_OVERDUE)
    assert todo.object_id == person.pk and todo.due_on == date(2026, 1, 22)  # 10 January + 12 days


def test_levels_are_neither_added_nor_deleted(client_for, personas):
    client = client_for(personas.admin)
    normal = LevelPolicy.objects.get(level="normal")
    assert client.get(reverse("admin:corrections_levelpolicy_add")).status_code == 403
    assert client.post(reverse("admin:corrections_levelpolicy_delete", args=[normal.pk]),
                       {"post": "yes"}).status_code == 403
    html = client.get(reverse("admin:corrections_levelpolicy_change", args=[normal.pk])).content.decode()
    assert 'name="level"' not in html and 'name="talk_interval_days"' in html
    assert LevelPolicy.objects.count() == 3


def test_the_register_is_read_only_with_masked_id_numbers(client_for, personas, make_supervisee):
    person = make_supervisee(name="李四")
    client = client_for(personas.admin)
    change = reverse("admin:corrections_supervisee_change", args=[person.pk])
    html = client.get(change).content.decode()
    assert "李四" in html and person.id_number.masked in html and person.id_number not in html
    assert 'name="name"' not in html and 'name="status"' not in html and "接收" in html  # the ledger inline
    listing = client.get(reverse("admin:corrections_supervisee_changelist")).content.decode()
    assert person.id_number.masked in listing and person.id_number not in listing
    assert client.post(change, {"name": "王五"}).status_code == 403
    assert client.get(reverse("admin:corrections_supervisee_add")).status_code == 403
    assert client.post(reverse("admin:corrections_supervisee_delete", args=[person.pk]),
                       {"post": "yes"}).status_code == 403
    ledger = person.ledger.get()
    assert client.post(reverse("admin:corrections_ledgerentry_change", args=[ledger.pk]),
                       {"kind": "released"}).status_code == 403
    assert client.get(reverse("admin:corrections_releasedperson_add")).status_code == 403
    person.refresh_from_db()
    assert person.name == "李四" and person.status == Supervisee.Status.ACTIVE


@pytest.mark.parametrize("model", ["supervisionevent", "travelapproval", "monitoring", "riskcase", "emergency",
                                   "reviewmeeting", "educationsession"])
def test_records_written_by_the_services_are_not_in_the_admin(client_for, personas, model):
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:corrections_{model}_changelist")
    assert client_for(personas.admin).get(f"/admin/corrections/{model}/").status_code == 404


def test_only_the_administrator_reaches_the_admin(client_for, personas):
    response = client_for(personas.clerk_a).get(reverse("admin:corrections_levelpolicy_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]
