"""The audit trail records every write, bulk writes included, with who and from where."""

from datetime import date

import pghistory
import pytest
from django.db import ProgrammingError, transaction
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bureau.audit import AuditEvent, is_audited
from bureau.models import Area, Role
from bureau.reminders import PASSWORD_KIND, run_rules
from bureau.tasks import run_reminder_rules_task
from tests.conftest import PASSWORD
from tests.factories import ReminderFactory


def test_every_model_of_every_project_app_is_audited():
    models = [
        model
        for label in settings.PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, pghistory.models.Event) and model._meta.managed and not model._meta.proxy
    ]
    assert models, "no project models found"
    untracked = [m._meta.label for m in models if not is_audited(m)]
    assert untracked == [], f"decorate these models with @audited: {untracked}"


def test_a_write_through_a_page_records_the_actor_and_the_request(client_for, personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET)
    client_for(personas.clerk_a).post(reverse("bureau:reminder_complete", args=[todo.pk]), REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.filter(pgh_obj_model="bureau.Reminder", pgh_obj_id=str(todo.pk),
                                      pgh_label="update").get()
    assert event.user == personas.clerk_a
    assert event.url == reverse("bureau:reminder_complete", args=[todo.pk])
    assert event.ip == "10.1.2.3"
    assert event.pgh_diff["state"] == ["open", "done"]


def test_a_bulk_update_through_a_page_records_the_actor_for_each_row(client_for, personas):
    # Changing a password closes its to-dos with one UPDATE statement (services.reminders_close_for).
    run_rules(personas.clerk_a.date_joined.date(), kinds={PASSWORD_KIND})
    client_for(personas.clerk_a).post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Xinmima#2026", "new_password2": "Xinmima#2026",
    })
    closed = AuditEvent.objects.filter(pgh_obj_model="bureau.Reminder", pgh_label="update", user=personas.clerk_a)
    assert closed.count() == 1
    assert closed.get().pgh_diff["state"] == ["open", "done"]


def test_queryset_update_and_bulk_create_are_recorded(personas, areas):
    with pghistory.context(user=personas.admin.pk):
        changed = Area.objects.filter(level=Area.Level.STREET).update(is_demo=True)
    events = AuditEvent.objects.filter(pgh_obj_model="bureau.Area", pgh_label="update", user=personas.admin)
    assert changed == 2 and events.count() == 2


def test_writes_of_a_celery_task_carry_the_task_name(personas):
    run_reminder_rules_task.apply(kwargs={"today": date(2026, 3, 2).isoformat()})
    created = AuditEvent.objects.filter(pgh_obj_model="bureau.Reminder", pgh_label="insert")
    assert created.exists()
    assert {e.task for e in created} == {"bureau.tasks.run_reminder_rules_task"}


def test_administrator_searches_the_trail_by_user_type_and_date(client_for, personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET, title="要审计的待办")
    client_for(personas.clerk_a).post(reverse("bureau:reminder_complete", args=[todo.pk]))
    admin = client_for(personas.admin)
    # The trail is stamped by PostgreSQL's now(), the real clock, while the tests move Python's: search by the
    # day the database recorded (in production the two clocks are one).
    completed = AuditEvent.objects.get(pgh_obj_model="bureau.Reminder", pgh_obj_id=str(todo.pk), pgh_label="update")
    today = timezone.localtime(completed.pgh_created_at).date().isoformat()
    url = reverse("bureau:audit_list")
    html = admin.get(url, {"user": personas.clerk_a.pk, "record_type": "bureau.Reminder",
                           "date_from": today, "date_to": today}).content.decode()
    assert f"bureau.Reminder #{todo.pk}" in html and "open → done" in html
    assert "bureau.Area #" not in admin.get(url, {"user": personas.clerk_a.pk}).content.decode()
    nothing = admin.get(url, {"user": personas.clerk_a.pk, "date_to": "2020-01-01"}).content.decode()
    assert "没有符合条件的记录" in nothing


def test_only_the_administrator_reads_the_audit_trail(client_for, personas):
    assert client_for(personas.leader).get(reverse("bureau:audit_list")).status_code == 403


def test_audit_rows_cannot_be_changed_or_deleted(personas, areas):
    event_model = pghistory.core.event_models(tracks_model=Area)[0]
    events = event_model.objects.filter(pgh_obj=areas.city)
    assert events.count() == 1
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        events.update(name="篡改")
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        events.delete()


def test_behind_a_proxy_the_audited_address_cannot_be_forged(client_for, personas, areas, settings):
    settings.PROXY_COUNT = 1
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET)
    client_for(personas.clerk_a).post(reverse("bureau:reminder_complete", args=[todo.pk]),
                                      HTTP_X_FORWARDED_FOR="1.2.3.4, 172.16.8.9", REMOTE_ADDR="127.0.0.1")
    event = AuditEvent.objects.get(pgh_obj_model="bureau.Reminder", pgh_label="update")
    assert event.ip == "172.16.8.9"  # what nginx appended, not what the client claimed
