"""The audit trail records every write, bulk writes included, with who and from where."""

from datetime import date, datetime
from io import BytesIO

import pghistory
import pytest
from django.apps import apps
from django.conf import settings
from django.db import ProgrammingError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau import audit, views
from bureau.audit import AuditEvent, Cursor, Trail, is_audited
from bureau.models import Area, Reminder, Report, Role
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


def test_only_the_administrator_reads_the_audit_trail(client_for, personas):
    for persona in (personas.leader, personas.clerk_a):
        client = client_for(persona)
        assert client.get(reverse("bureau:audit_list")).status_code == 403
        assert client.get(reverse("bureau:audit_list"), {"_export": "xlsx"}).status_code == 403


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


# --- /audit/: the readable, fast trail ------------------------------------------------------------------


def _complete(todo, by):
    """Close a to-do as `by` inside a request-like context (the page's own rules are the to-dos' business)."""
    with pghistory.context(user=by.pk, url="/todos/%d/complete/" % todo.pk, method="POST", ip="10.1.2.3"):
        Reminder.objects.filter(pk=todo.pk).update(state=Reminder.State.DONE, done_by=by)


def _event(todo, label):
    return AuditEvent.objects.get(pgh_obj_model="bureau.Reminder", pgh_obj_id=str(todo.pk), pgh_label=label)


def test_the_first_load_lists_the_latest_entries(client_for, personas, areas):
    ReminderFactory(area=areas.street_a, role=Role.STREET, title="最新的待办")
    html = client_for(personas.admin).get(reverse("bureau:audit_list")).content.decode()
    assert "最新的待办" in html and "没有符合条件的记录" not in html


def test_an_entry_reads_in_the_users_language(client_for, personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET, title="要审计的待办")
    _complete(todo, personas.clerk_a)
    html = client_for(personas.admin).get(reverse("bureau:audit_list"), {"record_type": "bureau.Reminder"})
    html = html.content.decode()
    assert f"{Reminder._meta.verbose_name}</span> 要审计的待办" in html  # the record by its type and name
    assert "状态</span>：待办 → 已办结" in html  # field label, choice labels
    assert f"办结人</span>：∅ → {personas.clerk_a.name}" in html  # the related record by name
    assert "修改" in html and personas.clerk_a.name in html and "POST /todos/" in html
    assert "bureau.Reminder #" not in html and "done_by_id" not in html
    created = _event(todo, "update").pgh_created_at
    local = timezone.localtime(created, timezone.get_fixed_timezone(8 * 60))
    assert local.strftime("%Y-%m-%d %H:%M:%S") in html  # Asia/Shanghai, not UTC


def test_a_deleted_record_is_named_by_its_type_and_id(personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET)
    pk = todo.pk
    todo.delete()
    entry = Trail(model="bureau.Reminder", label=audit.DELETE).entries()[0]
    assert entry.record == f"{Reminder._meta.verbose_name} #{pk}" and str(entry.operation) == "删除"


def test_a_protected_identifier_is_masked_in_the_trail():
    from bureau.identifiers import ResidentIDField, encrypt_resident_id

    shown = audit._display(ResidentIDField(name="id_number"), encrypt_resident_id("110101199003074514"), {})
    assert shown == "110101********4514"


def test_the_trail_is_searched_by_user_type_operation_and_date(client_for, personas, areas):
    mine = ReminderFactory(area=areas.street_a, role=Role.STREET, title="张敏办结的待办")
    other = ReminderFactory(area=areas.street_b, role=Role.STREET, title="李强办结的待办")
    _complete(mine, personas.clerk_a)
    _complete(other, personas.clerk_b)
    admin = client_for(personas.admin)
    url = reverse("bureau:audit_list")
    # The trail is stamped by PostgreSQL's now(), the real clock, while the tests move Python's: search by the
    # day the database recorded (in production the two clocks are one).
    today = timezone.localtime(_event(mine, "update").pgh_created_at).date().isoformat()

    html = admin.get(url, {"user": personas.clerk_a.pk, "record_type": "bureau.Reminder", "label": "update",
                           "date_from": today, "date_to": today}).content.decode()
    assert "张敏办结的待办" in html and "李强办结的待办" not in html
    by_type = admin.get(url, {"record_type": "bureau.Area"}).content.decode()
    assert "办结的待办" not in by_type and areas.street_a.name in by_type
    inserts = admin.get(url, {"label": "insert", "record_type": "bureau.Reminder"}).content.decode()
    assert "张敏办结的待办" in inserts and "已办结" not in inserts
    nothing = admin.get(url, {"user": personas.clerk_a.pk, "date_to": "2020-01-01"}).content.decode()
    assert "没有符合条件的记录" in nothing


def test_pages_follow_each_other_by_keyset_without_gaps_or_repeats(client_for, personas, areas, monkeypatch):
    monkeypatch.setattr(views, "AUDIT_PAGE_SIZE", 4)
    # One statement: ten events with the same time, told apart by their ids.
    Reminder.objects.bulk_create(ReminderFactory.build(area=areas.street_a, title=f"批量{i}") for i in range(10))
    expected = Trail(model="bureau.Reminder").keys(limit=100)
    admin = client_for(personas.admin)
    seen, url = [], reverse("bureau:audit_list") + "?record_type=bureau.Reminder"
    while url:
        response = admin.get(url)
        seen.extend(str(e.key) for e in response.context["entries"])
        url = response.context["next_query"] and reverse("bureau:audit_list") + "?" + response.context["next_query"]
    assert seen == [str(k) for k in expected] and len(seen) == 10


def test_a_cursor_is_written_and_read_back():
    cursor = Cursor(datetime(2026, 3, 2, 1, 2, 3, 456, tzinfo=timezone.get_fixed_timezone(0)), "bureau.AreaEvent", 7)
    assert Cursor.parse(str(cursor)) == cursor
    assert Cursor.parse("nonsense") is None and Cursor.parse("") is None


def _report(area, by, label):
    return Report.objects.create(requested_by=by, area=area, period="2026", period_label=label, functions=[])


def test_the_page_reads_a_fixed_number_of_queries(client_for, personas, areas, django_assert_max_num_queries):
    admin = client_for(personas.admin)
    url = reverse("bureau:audit_list")

    def queries_of_a_page():
        with CaptureQueriesContext(connection) as queries:
            response = admin.get(url)
        assert response.status_code == 200
        return len(queries), len(response.context["entries"])

    def complete(count):
        for _ in range(count):
            todo = ReminderFactory(area=areas.street_a, role=Role.STREET, assignee=personas.clerk_b)
            _complete(todo, personas.clerk_a)

    admin.get(url)
    complete(5)
    few = queries_of_a_page()
    complete(45)
    # Records of another kind, named after a related record (a report by its area): the first page learns
    # that, the next ones read the areas with the reports.
    for area in (areas.street_a, areas.street_b, areas.district):
        _report(area, personas.leader, "2026年工作报告")
    admin.get(url)
    many = queries_of_a_page()
    assert many[1] > few[1] + 90 and many[0] == few[0]  # not one query more per entry, nor per kind of record
    # The page's own: the keys, the rows, the names of every record on it; the rest is the session, the user,
    # the user filter's choices and the to-dos' count in the navigation.
    with django_assert_max_num_queries(7):
        admin.get(url)


def test_a_record_named_after_another_is_named_in_full(client_for, personas, areas):
    report = _report(areas.street_b, personas.leader, "2026年上半年")
    html = client_for(personas.admin).get(reverse("bureau:audit_list"), {"record_type": "bureau.Report"})
    assert f"{Report._meta.verbose_name}</span> 黄贝街道2026年上半年" in html.content.decode()
    with CaptureQueriesContext(connection) as queries:
        entry, = Trail(model="bureau.Report").entries()
    assert entry.record == str(report) and len(queries) == 3  # the keys, the rows, the names with their areas


def test_with_server_side_binding_the_names_are_read_one_statement_at_a_time(personas, areas, monkeypatch):
    # PostgreSQL refuses several statements in one prepared statement: then one round trip per kind of record.
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET, title="逐条读取的待办")
    _complete(todo, personas.clerk_a)
    keys = Trail(model="bureau.Reminder").keys()
    with CaptureQueriesContext(connection) as at_once:
        together = audit.read_entries(keys)
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "server_side_binding", True)
    with CaptureQueriesContext(connection) as queries:
        apart = audit.read_entries(keys)
    assert [(e.record, str(e.user), [(c.field, c.old, c.new) for c in e.changes]) for e in apart] == [
        (e.record, str(e.user), [(c.field, c.old, c.new) for c in e.changes]) for e in together]
    assert apart[0].record == "逐条读取的待办" and str(apart[0].user) == personas.clerk_a.name
    # The rows, then the to-dos and the users (who completed it, 办结人): together, or one statement each.
    assert len(at_once) == 1 + 1 and len(queries) == 1 + 2


def test_a_users_search_pages_through_all_their_events(personas, areas):
    # One context (request) per completion; the search reads the user's newest contexts first and widens
    # its window while it holds less than a page, here with a page of 4 and the other filters thinning it.
    todos = ReminderFactory.create_batch(12, area=areas.street_a, role=Role.STREET)
    for number, todo in enumerate(todos):
        _complete(todo, personas.clerk_a if number % 3 else personas.clerk_b)
    with pghistory.context(user=personas.clerk_a.pk):
        Area.objects.filter(pk=areas.street_a.pk).update(name="桂园街道（新）")
    for trail in (Trail(user=personas.clerk_a), Trail(user=personas.clerk_a, model="bureau.Area"),
                  Trail(user=personas.clerk_a, model="bureau.Reminder", label=audit.UPDATE)):
        events = AuditEvent.objects.filter(user=personas.clerk_a)
        if trail.model:
            events = events.filter(pgh_obj_model=trail.model)
        expected = sorted(((e.pgh_created_at, e.pgh_model, e.pgh_id) for e in events), reverse=True)
        seen, before = [], None
        while page := trail.keys(before=before, limit=4):
            seen.extend(page)
            before = page[-1]
        assert [(k.created_at, k.model, k.pgh_id) for k in seen] == expected
        assert len(seen) == {None: 9, "bureau.Area": 1, "bureau.Reminder": 8}[trail.model]


def test_the_search_exports_to_excel_with_real_times(client_for, personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET, title="导出的待办")
    _complete(todo, personas.clerk_a)
    response = client_for(personas.admin).get(reverse("bureau:audit_list"),
                                              {"record_type": "bureau.Reminder", "_export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, first = rows[0], rows[1]
    assert header[0] == "时间" and header[6] == "变更内容"
    assert isinstance(first[0], datetime)
    recorded = timezone.localtime(_event(todo, "update").pgh_created_at).replace(tzinfo=None)
    assert abs((first[0] - recorded).total_seconds()) < 1  # local time, not UTC
    assert first[2] == "修改" and first[4] == "导出的待办" and "状态: 待办 → 已办结" in first[6]
    assert len(rows) == 3  # the update and the insert


def test_every_event_table_has_the_trails_indexes(db):
    tables = {m._meta.db_table for m in audit.event_models().values()}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_indexes WHERE indexdef LIKE %s", ["%(pgh_created_at, pgh_id)"])
        indexed = {table for (table,) in cursor.fetchall()}
    assert tables - indexed == set()


def test_an_event_table_indexes_what_the_trail_reads_and_no_copied_key(db):
    """Each index an event row is written into costs every write; the trail reads by record, context, label and
    time, so a copied foreign key (the record's area, its clerk …) carries none (PGHISTORY_FOREIGN_KEY_FIELD)."""
    read_by = {"pgh_id", "pgh_obj_id", "pgh_context_id", "pgh_created_at", "pgh_label"}
    extra = {}
    with connection.cursor() as cursor:
        for model in audit.event_models().values():
            table = model._meta.db_table
            for name, constraint in connection.introspection.get_constraints(cursor, table).items():
                if constraint["index"] and not set(constraint["columns"]) <= read_by:
                    extra.setdefault(table, []).append(constraint["columns"])
    assert extra == {}
    models = list(audit.event_models().values())
    assert all(model._meta.get_field("pgh_obj").db_index and model._meta.get_field("pgh_context").db_index
               for model in models)


def test_an_edit_shows_the_fields_changed_and_not_the_save_counter(personas, areas):
    from tests.factories import LawFirmFactory

    firm = LawFirmFactory(area=areas.street_a)
    firm.director = "王审计"
    with pghistory.context(user=personas.admin.pk, url="/lawyers/firms/", method="POST"):
        firm.save()
    firm.refresh_from_db()
    assert firm.version == 2  # the save counter moved (bureau.models.Versioned) …
    entry = Trail(model="lawyers.LawFirm", label="update").entries()[0]
    changes = " ".join(f"{change.field} {change.old} {change.new}" for change in entry.changes)
    assert "王审计" in changes  # … the change is on the trail, the counter is not
    assert str(firm._meta.get_field("version").verbose_name) not in changes
